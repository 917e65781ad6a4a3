//! The Limburg data as Excel saves it on a Dutch machine ("CSV (puntkomma-gescheiden)"):
//! semicolons, decimal commas, thousands dots, CRLF, Windows-1252, and two files saved as
//! "CSV UTF-8" with a byte-order mark. Read in that dialect, or detected per file, it must give
//! exactly the results of the canonical files.

use std::path::{Path, PathBuf};
use workforce_gap::Dialect;
use workforce_gap::Loader;
use workforce_gap::{Kind, Model};

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/limburg-dutch-excel")
}

#[test]
fn the_fixture_really_is_dutch_excel() {
    let parameters = std::fs::read(fixture().join("parameters.csv")).unwrap();
    let text = String::from_utf8_lossy(&parameters);
    assert!(text.starts_with("scope;name;value;"));
    assert!(text.contains("\r\n"));
    assert!(text.contains(";48.304;"), "Dutch thousands");
    assert!(text.contains(";5,2;"), "decimal comma");
    assert!(
        std::str::from_utf8(&parameters).is_err(),
        "Windows-1252, not UTF-8"
    );
    let themes = std::fs::read(fixture().join("themes.csv")).unwrap();
    assert!(
        themes.starts_with(b"\xEF\xBB\xBF"),
        "a UTF-8 file with a byte-order mark"
    );
}

#[test]
fn read_as_dutch_excel_it_gives_exactly_the_canonical_results() {
    let canonical = Model::limburg().unwrap().evaluate().unwrap();
    let loaded = Loader::new()
        .dialect(Dialect::DUTCH_EXCEL)
        .load_dir(fixture())
        .unwrap();
    let dutch = loaded.model.evaluate().unwrap();
    assert!(
        dutch == canonical,
        "the Dutch-Excel fixture gives other results: regenerate it with tests/fixtures/dutch_excel.py"
    );
    assert_eq!(loaded.model.scenarios, Model::limburg().unwrap().scenarios);
    // Names with characters outside ASCII came through Windows-1252 intact.
    assert!(
        dutch
            .initiatives
            .iter()
            .any(|i| i.name == "Zorgcoördinatie centrum")
    );
}

#[test]
fn detected_per_file_it_gives_exactly_the_canonical_results() {
    let canonical = Model::limburg().unwrap().evaluate().unwrap();
    let loaded = Loader::new().detect().load_dir(fixture()).unwrap();
    assert!(
        loaded.model.evaluate().unwrap() == canonical,
        "detected, the fixture gives other results"
    );
    let detected: Vec<&str> = loaded
        .findings
        .iter()
        .filter(|f| f.kind == Kind::DetectedDialect)
        .map(|f| f.value.as_str())
        .collect();
    assert_eq!(
        detected.len(),
        workforce_gap::Loader::FILES.len(),
        "one info per file"
    );
    assert!(detected.contains(&"separator ';', Dutch numbers, Windows-1252"));
    assert!(detected.contains(&"separator ';', Dutch numbers, UTF-8"));
}

#[test]
fn read_as_canonical_it_is_refused_with_one_hint_per_file() {
    let error = Loader::new().load_dir(fixture()).unwrap_err();
    let findings = error.findings();
    // Not one error per missing column: one per file, saying what the file looks like (the
    // Windows-1252 files fail earlier, as not UTF-8).
    assert_eq!(
        findings.len(),
        workforce_gap::Loader::FILES.len(),
        "{error}"
    );
    let mut files: Vec<&str> = (findings.iter())
        .map(|f| f.origin.as_ref().unwrap().file.as_str())
        .collect();
    files.dedup();
    assert_eq!(files.len(), findings.len(), "{error}");
    assert!(
        findings
            .iter()
            .all(|f| matches!(f.kind, Kind::WrongSeparator | Kind::Encoding))
    );
    let hints: Vec<_> = (findings.iter())
        .filter(|f| f.kind == Kind::WrongSeparator)
        .collect();
    assert!(!hints.is_empty(), "{error}");
    for hint in hints {
        assert_eq!(hint.origin.as_ref().unwrap().line, 1);
        for words in [
            "semicolon-separated",
            "--dialect dutch-excel",
            "--dialect detect",
        ] {
            assert!(hint.expected.contains(words), "{hint}");
        }
        assert!(hint.expected.contains("Loader::detect()"), "{hint}");
    }
}
