//! A corpus of bad input files (`tests/bad/`), each with the exact finding it must produce.
//!
//! Each case replaces one file of the `tests/fixtures/tiny` model; `tests/bad/cases.csv` names
//! the case, the file it replaces, the dialect it is read in, and the finding expected: kind,
//! severity, file, line, column and raw value (`\0` stands for a NUL byte).

use std::path::Path;
use workforce_gap::Dialect;
use workforce_gap::Loader;
use workforce_gap::{Error, Finding};

#[derive(Debug, serde::Deserialize)]
struct Case {
    case: String,
    replaces: String,
    dialect: String,
    kind: String,
    severity: String,
    file: String,
    line: u64,
    column: String,
    value: String,
}

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn findings_of(case: &Case) -> Vec<Finding> {
    let bad = std::fs::read(root().join("tests/bad").join(format!("{}.csv", case.case))).unwrap();
    let files: Vec<(&str, Vec<u8>)> = Loader::FILES
        .iter()
        .map(|name| {
            let bytes = if *name == case.replaces {
                bad.clone()
            } else {
                std::fs::read(root().join("tests/fixtures/tiny").join(name)).unwrap()
            };
            (*name, bytes)
        })
        .collect();
    let named: Vec<(&str, &[u8])> = files.iter().map(|(n, b)| (*n, b.as_slice())).collect();
    let loader = match case.dialect.as_str() {
        "canonical" => Loader::new(),
        "dutch-excel" => Loader::new().dialect(Dialect::DUTCH_EXCEL),
        "detect" => Loader::new().detect(),
        other => panic!("case {}: unknown dialect {other}", case.case),
    };
    match loader.load_bytes(&named) {
        Ok(loaded) => loaded.findings,
        Err(Error::Input { findings }) => findings,
        Err(other) => panic!("case {}: not an input error: {other}", case.case),
    }
}

#[test]
fn every_bad_file_gives_its_finding() {
    let mut reader = csv::Reader::from_path(root().join("tests/bad/cases.csv")).unwrap();
    let cases: Vec<Case> = reader.deserialize().map(Result::unwrap).collect();
    assert!(cases.len() >= 40, "the corpus has {} cases", cases.len());
    let mut failures = Vec::new();
    for case in &cases {
        let findings = findings_of(case);
        let value = case.value.replace("\\0", "\0");
        let found = findings.iter().any(|f| {
            format!("{:?}", f.kind) == case.kind
                && f.severity().to_string() == case.severity
                && f.origin.as_ref().map(|o| (o.file.as_str(), o.line))
                    == Some((case.file.as_str(), case.line))
                && f.column.as_deref().unwrap_or("") == case.column
                && f.value == value
        });
        if !found {
            let listed: Vec<String> = findings
                .iter()
                .map(|f| format!("    {:?} {f}", f.kind))
                .collect();
            failures.push(format!(
                "{}: expected {} {} at {} line {} column {:?}; found\n{}",
                case.case,
                case.severity,
                case.kind,
                case.file,
                case.line,
                case.column,
                listed.join("\n")
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_tiny_fixture_itself_has_no_findings() {
    let loaded = Loader::new()
        .load_dir(root().join("tests/fixtures/tiny"))
        .unwrap();
    assert_eq!(loaded.findings, []);
}
