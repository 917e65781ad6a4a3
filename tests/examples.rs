//! The example programs are a product surface: run each of them, as a user would, on fixtures.
//! (`cargo test` builds the examples before it runs this file.)

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn example(name: &str) -> Command {
    // target/<profile>/deps/examples-<hash> -> target/<profile>/examples/<name>
    let exe = std::env::current_exe().expect("test executable path");
    let dir = exe
        .parent()
        .and_then(Path::parent)
        .expect("target directory");
    Command::new(dir.join("examples").join(name))
}

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

fn run(command: &mut Command) -> (Output, String, String) {
    let output = command.output().expect("example runs");
    let stdout = String::from_utf8(output.stdout.clone()).expect("utf-8 stdout");
    let stderr = String::from_utf8(output.stderr.clone()).expect("utf-8 stderr");
    (output, stdout, stderr)
}

#[test]
fn limburg_prints_themes_sectors_shortage_and_audit() {
    let (output, stdout, stderr) = run(&mut example("limburg"));
    assert!(output.status.success(), "{stderr}");
    for heading in ["Per theme", "Per sector", "Against the shortage", "Audit"] {
        assert!(stdout.contains(heading), "missing {heading:?} in\n{stdout}");
    }
    for theme in [
        "Gezond vooruit",
        "Toekomstbestendige arbeidsmarkt",
        "Duurzaam regionaal gezondheidsinformatiestelsel",
    ] {
        assert!(stdout.contains(theme), "missing theme {theme:?}");
    }
    assert!(stdout.contains("2032 worse"));
    assert!(stdout.contains("1500 - 1700 persons, covering 35%"));
}

#[test]
fn limburg_help_and_bad_arguments() {
    let (output, stdout, _) = run(example("limburg").arg("--help"));
    assert!(output.status.success());
    assert!(stdout.contains("Usage: cargo run --example limburg"));
    let (output, _, stderr) = run(example("limburg").arg("--nonsense"));
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr.contains("limburg: unknown option --nonsense"), "{stderr}");
}

#[test]
fn quantify_reports_the_tiny_fixture() {
    // fewer-consults: 10000 * 4 * 10% * 30 / 60 = 2000 hours / 2000 = 1 FTE / 0.5 = 2 persons
    // shorter-stays: 500 * 2 * 120 / 60 = 2000 hours / 1000 = 2 FTE / 0.5 = 4 persons, minus 1 FTE / 0.5 = 2
    // total 4; prevention 2 + 2 * 1/4 = 2.5, at home 2 * 3/4 = 1.5; 4 of 200 = 2.0%, 196 remaining
    let (output, stdout, stderr) = run(example("quantify").arg(fixture("tiny")));
    assert!(output.status.success(), "{stderr}");
    let line = |start: &str| {
        stdout
            .lines()
            .find(|l| l.trim_start().starts_with(start))
            .unwrap_or_else(|| panic!("no {start:?} in\n{stdout}"))
    };
    assert!(line("Prevention").ends_with(" 2.5"));
    assert!(line("At home").ends_with(" 1.5"));
    assert!(line("Total").ends_with(" 4.0"));
    let gp: Vec<&str> = line("GP care").split_whitespace().collect();
    assert_eq!(gp[2..], ["2.0", "2.0", "0.0"]);
    let base: Vec<&str> = line("2030 base").split_whitespace().collect();
    assert_eq!(base[2..], ["200.0", "4.0", "2.0%", "196.0"]);
    assert!(line("Fewer consults").ends_with("DIFFERS by -11"));
    assert!(line("Shorter stays").ends_with("agrees"));
    assert!(stdout.contains("1 of 2 published figures differ"));
}

#[test]
fn quantify_accepts_files_one_by_one() {
    let files: Vec<PathBuf> = std::fs::read_dir(fixture("tiny"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    let (output, stdout, stderr) = run(example("quantify").args(&files));
    assert!(output.status.success(), "{stderr}");
    assert!(stdout.contains("Tiny: staff freed by 2 quantified initiatives"));
}

#[test]
fn quantify_writes_documented_csv() {
    let (output, stdout, stderr) = run(example("quantify")
        .args(["--format", "csv"])
        .arg(fixture("tiny")));
    assert!(output.status.success(), "{stderr}");
    let mut reader = csv::Reader::from_reader(stdout.as_bytes());
    let headers = reader.headers().unwrap().clone();
    assert_eq!(
        headers.iter().collect::<Vec<_>>(),
        workforce_gap::render::CSV_COLUMNS
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let find = |level: &str, id: &str| {
        rows.iter()
            .find(|r| &r[0] == level && &r[1] == id)
            .unwrap_or_else(|| panic!("no row {level} {id}"))
    };
    let get = |row: &csv::StringRecord, column: &str| {
        row[headers.iter().position(|h| h == column).unwrap()].to_string()
    };
    let number = |text: String| text.parse::<rust_decimal::Decimal>().unwrap();
    let stays = find("initiative", "shorter-stays");
    assert_eq!(number(get(stays, "persons")), 2.into());
    assert_eq!(number(get(stays, "fte")), 1.into()); // 2 FTE freed - 1 FTE needed
    assert_eq!(get(stays, "verdict"), "agrees");
    let consults = find("initiative", "fewer-consults");
    assert_eq!(
        (get(consults, "verdict"), get(consults, "difference")),
        ("differs".into(), "-11".into())
    );
    let coordinator = find("effect", "shorter-stays/coordinator");
    assert_eq!(number(get(coordinator, "persons")), (-2).into());
    let gp = find("sector", "gp");
    assert_eq!(
        [get(gp, "freed"), get(gp, "needed"), get(gp, "persons")].map(number),
        [2, 2, 0].map(Into::into)
    );
    let worse = find("gap", "2030 worse");
    assert_eq!(number(get(worse, "covered")), "0.01".parse().unwrap());
    assert_eq!(number(get(worse, "remaining")), 396.into());
    assert_eq!(number(get(find("total", "total"), "persons")), 4.into());
}

#[test]
fn quantify_lists_every_problem_of_a_broken_folder() {
    let (output, stdout, stderr) = run(example("quantify").arg(fixture("broken")));
    assert_eq!(output.status.code(), Some(1));
    assert!(stdout.is_empty());
    assert!(
        stderr.contains("10 errors in the input (and 1 other finding)"),
        "{stderr}"
    );
    assert!(
        stderr.contains(r#"parameters.csv line 2, column "value": "10000,5" is not a number"#),
        "{stderr}"
    );
    assert!(
        stderr.contains(r#"initiatives.csv line 3, column "themes": "nowhere" is not a theme id"#),
        "{stderr}"
    );
    assert!(!stderr.contains("panicked"));
}

#[test]
fn quantify_on_missing_input_fails_cleanly() {
    let (output, _, stderr) = run(example("quantify").arg(fixture("no-such-folder")));
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr.contains("cannot read") || stderr.contains("missing"),
        "{stderr}"
    );
    let (output, _, stderr) = run(&mut example("quantify"));
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr.contains("give a folder or CSV files"));
    let (output, stdout, _) = run(example("quantify").arg("--help"));
    assert!(output.status.success() && stdout.contains("Usage:"));
}

#[test]
fn the_readme_shows_what_limburg_prints() {
    let readme = include_str!("../README.md");
    let marker = "<!-- limburg-output";
    let after = &readme[readme
        .find(marker)
        .expect("README marks the limburg output")..];
    let start = after.find("```text\n").unwrap() + "```text\n".len();
    let block = &after[start..start + after[start..].find("```").unwrap()];
    let (output, stdout, _) = run(&mut example("limburg"));
    assert!(output.status.success());
    assert!(
        stdout.starts_with(block),
        "README block is stale; the program prints:\n{stdout}"
    );
}

#[cfg(feature = "report")]
#[test]
fn report_writes_html_and_markdown() {
    let dir = std::env::temp_dir().join(format!("workforce-gap-report-{}", std::process::id()));
    let output = dir.join("tiny.html");
    let (status, stdout, stderr) = run(example("report")
        .args(["--lang", "en"])
        .arg(fixture("tiny"))
        .arg(&output));
    assert!(status.status.success(), "{stderr}");
    let markdown_path = output.with_extension("md");
    assert_eq!(
        stdout.lines().collect::<Vec<_>>(),
        [output.display().to_string(), markdown_path.display().to_string()]
    );
    let html = std::fs::read_to_string(&output).unwrap();
    assert!(html.contains("<html lang=\"en\">") && html.contains("Tiny"));
    let markdown = std::fs::read_to_string(markdown_path).unwrap();
    assert!(markdown.contains("| Prevention | 3 |"), "{markdown}"); // 2.5 persons, rounded half away from zero
    let (status, _, stderr) = run(example("report").arg("--lang").arg("fr"));
    assert_eq!(status.status.code(), Some(2));
    assert!(stderr.contains("--lang takes nl or en"));
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn regions_sets_the_embedded_plans_side_by_side() {
    let (output, stdout, stderr) = run(&mut example("regions"));
    assert!(output.status.success(), "{stderr}");
    for expected in [
        "Kennemerland",
        "5% of the staff required in 2030",
        "Midden Nederland",
        "17700 persons in 2032 (base)",
        "Haaglanden",
        "5100 persons in 2030 (base)",
        "Noord- en Midden-Limburg",
        "10000 persons in 2032 (base)",
        "not compared",
    ] {
        assert!(stdout.contains(expected), "no {expected:?} in\n{stdout}");
    }
    assert!(stdout.contains("0 of 64"), "{stdout}");
}
