//! The example programs are a product surface: run each of them, as a user would, on every
//! region there is (data/ and the fixture regions), with good and bad command lines.
//! (`cargo test` builds the examples before it runs this file.)

use rust_decimal::Decimal;
use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn example(name: &str) -> Command {
    // target/<profile>/deps/examples-<hash> -> target/<profile>/examples/<name>
    let exe = std::env::current_exe().expect("test executable path");
    let dir = exe
        .parent()
        .and_then(Path::parent)
        .expect("target directory");
    let program = dir.join("examples").join(name);
    // `cargo test --test examples` does not build the examples: an old build would be tested.
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let built = modified(&program);
    let own = root.join("examples").join(format!("{name}.rs"));
    for source in [root.join("src"), root.join("examples/common"), own] {
        assert!(
            built >= newest(&source),
            "{name} is older than {}: run `cargo build --all-features --examples` first",
            source.display()
        );
    }
    Command::new(program)
}

fn modified(path: &Path) -> std::time::SystemTime {
    let metadata = std::fs::metadata(path)
        .unwrap_or_else(|e| panic!("{}: {e} (build the examples)", path.display()));
    metadata.modified().unwrap()
}

/// The time the newest file at or under `path` was changed.
fn newest(path: &Path) -> std::time::SystemTime {
    if !path.is_dir() {
        return modified(path);
    }
    let mut latest = std::time::SystemTime::UNIX_EPOCH;
    for entry in std::fs::read_dir(path).unwrap() {
        let path = entry.unwrap().path();
        latest = latest.max(newest(&path));
    }
    latest
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

/// A fresh folder under the system's temporary folder, for one test.
fn scratch(test: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("workforce-gap-{test}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// The line of `text` that starts (after its indent) with `start`.
fn line<'a>(text: &'a str, start: &str) -> &'a str {
    text.lines()
        .find(|l| l.trim_start().starts_with(start))
        .unwrap_or_else(|| panic!("no line {start:?} in\n{text}"))
}

/// The last `n` words of a line: the figures after its label.
fn last_words(line: &str, n: usize) -> Vec<&str> {
    let words: Vec<&str> = line.split_whitespace().collect();
    words[words.len().saturating_sub(n)..].to_vec()
}

fn d(text: &str) -> Decimal {
    text.parse()
        .unwrap_or_else(|e| panic!("{text:?} is not a number: {e}"))
}

/// Output of `--format csv`, read back by column name.
struct Table {
    headers: csv::StringRecord,
    rows: Vec<csv::StringRecord>,
}

impl Table {
    fn parse(text: &str) -> Table {
        let mut reader = csv::Reader::from_reader(text.as_bytes());
        let headers = reader.headers().unwrap().clone();
        let rows = reader.records().map(Result::unwrap).collect();
        Table { headers, rows }
    }

    fn has(&self, level: &str, id: &str) -> bool {
        self.rows.iter().any(|r| &r[0] == level && &r[1] == id)
    }

    /// The cell of `column` in the row `level,id`.
    fn cell(&self, level: &str, id: &str, column: &str) -> String {
        let row = (self.rows.iter())
            .find(|r| &r[0] == level && &r[1] == id)
            .unwrap_or_else(|| panic!("no row {level} {id}"));
        let index = (self.headers.iter())
            .position(|h| h == column)
            .unwrap_or_else(|| panic!("no column {column}"));
        row[index].to_string()
    }

    /// The cells of `columns` in the row `level,id`, as exact numbers.
    fn numbers<const N: usize>(&self, level: &str, id: &str, columns: [&str; N]) -> [Decimal; N] {
        columns.map(|column| d(&self.cell(level, id, column)))
    }
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
    assert!(
        stderr.contains("limburg: unknown option --nonsense"),
        "{stderr}"
    );
}

#[test]
fn quantify_reports_the_tiny_fixture() {
    // fewer-consults: 10000 * 4 * 10% * 30 / 60 = 2000 hours / 2000 = 1 FTE / 0.5 = 2 persons
    // shorter-stays: 500 * 2 * 120 / 60 = 2000 hours / 1000 = 2 FTE / 0.5 = 4 persons, minus 1 FTE / 0.5 = 2
    // total 4; prevention 2 + 2 * 1/4 = 2.5, at home 2 * 3/4 = 1.5; 4 of 200 = 2.0%, 196 remaining
    let (output, stdout, stderr) = run(example("quantify").arg(fixture("tiny")));
    assert!(output.status.success(), "{stderr}");
    let line = |start: &str| line(&stdout, start);
    assert!(line("Prevention").ends_with(" 2.5"));
    assert!(line("At home").ends_with(" 1.5"));
    assert!(line("Total").ends_with(" 4.0"));
    assert_eq!(last_words(line("GP care"), 3), ["2.0", "2.0", "0.0"]);
    assert_eq!(
        last_words(line("2030 base"), 4),
        ["200.0", "4.0", "2.0%", "196.0"]
    );
    assert!(line("Fewer consults").ends_with("DIFFERS by -11"));
    assert!(line("Shorter stays").ends_with("agrees"));
    assert!(stdout.contains("1 of 2 published figures differ"));
}

#[test]
fn quantify_sets_values_before_evaluating() {
    // fewer-consults at 20%: 10000 * 4 * 20% * 30 / 60 = 4000 hours = 2 FTE = 4 persons;
    // the half norms at 2000 hours: shorter stays 2000 hours = 1 FTE = 2 persons, minus 2 = 0.
    // Total 4 + 0 = 4, as published by neither: fewer consults now differ by 4 - 13 = -9.
    let (output, stdout, stderr) = run(example("quantify")
        .args(["--set", "fewer-consults.reduction=20%"])
        .args(["--set", "norms.half.working_hours_per_year=2000"])
        .arg(fixture("tiny")));
    assert!(output.status.success(), "{stderr}");
    assert!(line(&stdout, "Total").ends_with(" 4.0"), "{stdout}");
    assert!(
        line(&stdout, "Fewer consults").ends_with("DIFFERS by -9"),
        "{stdout}"
    );
    assert!(
        line(&stdout, "Shorter stays").contains("DIFFERS by -2"),
        "{stdout}"
    );
}

#[test]
fn quantify_refuses_a_bad_set_naming_the_argument() {
    let (output, stdout, stderr) = run(example("quantify")
        .args(["--set", "nobody.population=1"])
        .args(["--set", "region.population=ten"])
        .args(["--set", "norms.default.part_time_factor=2"])
        .arg(fixture("tiny")));
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(stdout.is_empty());
    // Every refused --set at once, each naming its argument.
    assert!(stderr.contains("3 errors in the input"), "{stderr}");
    for expected in [
        r#"--set nobody.population=1, column "target": "nobody.population" is not a parameter or norm"#,
        r#"--set region.population=ten, column "value": "ten" is not a number"#,
        r#"--set norms.default.part_time_factor=2, column "value": "2" sets norms.default.part_time_factor to 2"#,
    ] {
        assert!(stderr.contains(expected), "{expected}\n{stderr}");
    }
    let (output, _, stderr) = run(example("quantify")
        .args(["--set", "region.population"])
        .arg(fixture("tiny")));
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr.contains("--set takes TARGET=VALUE"), "{stderr}");
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
    let table = Table::parse(&stdout);
    assert_eq!(
        table.headers.iter().collect::<Vec<_>>(),
        "level id name sector persons fte freed needed published rounded verdict difference \
         shortage covered remaining surplus note"
            .split_whitespace()
            .collect::<Vec<_>>()
    );
    let stays = ("initiative", "shorter-stays");
    // 2 FTE freed - 1 FTE needed, / 0.5: 2 persons
    assert_eq!(
        table.numbers(stays.0, stays.1, ["persons", "fte"]),
        [d("2"), d("1")]
    );
    assert_eq!(table.cell(stays.0, stays.1, "verdict"), "agrees");
    assert_eq!(
        ["verdict", "difference"].map(|c| table.cell("initiative", "fewer-consults", c)),
        ["differs", "-11"]
    );
    assert_eq!(
        table.numbers("effect", "shorter-stays/coordinator", ["persons"]),
        [d("-2")]
    );
    assert_eq!(
        table.numbers("sector", "gp", ["freed", "needed", "persons"]),
        [d("2"), d("2"), d("0")]
    );
    assert_eq!(
        table.numbers("gap", "2030 worse", ["covered", "remaining"]),
        [d("0.01"), d("396")]
    );
    assert_eq!(table.numbers("total", "total", ["persons"]), [d("4")]);
}

/// The results as JSON: what the library serializes, every decimal a string with its digits.
#[cfg(feature = "serde")]
#[test]
fn quantify_writes_the_results_as_json() {
    let (output, stdout, stderr) = run(example("quantify")
        .args(["--format", "json"])
        .arg(fixture("tiny")));
    assert!(output.status.success(), "{stderr}");
    let written: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    let tiny = workforce_gap::Loader::new()
        .load_dir(fixture("tiny"))
        .unwrap();
    let results = tiny.model.evaluate().unwrap();
    assert_eq!(written, serde_json::to_value(&results).unwrap());
    // 2 persons from each initiative (see quantify_writes_documented_csv)
    assert_eq!(d(written["total"].as_str().unwrap()), d("4"));
    // 4 persons of a shortage of 400: 0.01
    assert_eq!(
        d(written["gaps"][1]["covered"].as_str().unwrap()),
        d("0.01")
    );
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
    assert!(
        stderr.contains("give a folder, a workbook or CSV files"),
        "{stderr}"
    );
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

#[test]
fn the_readme_shows_what_wisn_prints() {
    let readme = include_str!("../README.md");
    let after = &readme[readme
        .find("<!-- wisn-output")
        .expect("README marks the wisn output")..];
    let start = after.find("```text\n").unwrap() + "```text\n".len();
    let block = &after[start..start + after[start..].find("```").unwrap()];
    let (output, stdout, _) = run(example("wisn").arg(fixture("wisn-ward")));
    assert!(output.status.success());
    assert_eq!(block, stdout, "README block is stale");
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
        [
            output.display().to_string(),
            markdown_path.display().to_string()
        ]
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
    assert!(stdout.contains("64 initiatives, 0 quantified"), "{stdout}");
}

#[test]
fn regions_sets_given_folders_side_by_side() {
    let (output, stdout, stderr) = run(example("regions")
        .arg(fixture("tiny"))
        .arg(fixture("horizon-2030")));
    assert!(output.status.success(), "{stderr}");
    let tiny = stdout.find("Tiny").expect("Tiny is listed");
    let horizon = stdout.find("Horizon").expect("Horizon is listed");
    assert!(tiny < horizon, "in the order given:\n{stdout}");
    for expected in [
        "200 persons in 2030 (base)",
        "240 FTE in 2030 (worse)",
        "not compared: cannot set a shortage of 4% of the staff required in 2030 (survey)",
    ] {
        assert!(stdout.contains(expected), "no {expected:?} in\n{stdout}");
    }
    assert!(!stdout.contains("Noord- en Midden-Limburg"), "{stdout}");
}

/// Fixture folders that are not valid regions, on purpose.
const INVALID_FIXTURES: [&str; 1] = ["broken"];

/// The dialect a region's files are written in.
fn dialect_of(region: &Path) -> &'static str {
    if region.ends_with("limburg-dutch-excel") {
        "dutch-excel"
    } else {
        "canonical"
    }
}

/// Every region there is: each folder in data/ and each valid fixture region, read now, so
/// that a new one is run without a word here.
fn every_region() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut regions = Vec::new();
    for (parent, invalid) in [("data", &[][..]), ("tests/fixtures", &INVALID_FIXTURES[..])] {
        let mut found: Vec<PathBuf> = std::fs::read_dir(root.join(parent))
            .unwrap()
            .map(|entry| entry.unwrap().path())
            .filter(|path| path.is_dir() && !invalid.iter().any(|name| path.ends_with(name)))
            .filter(|path| !is_wisn_folder(path))
            .collect();
        found.sort();
        regions.extend(found);
    }
    regions
}

/// A folder of WISN tables, not a region: it holds time.csv.
fn is_wisn_folder(path: &Path) -> bool {
    path.join("time.csv").exists()
}

/// Every valid WISN folder among the fixtures, read now.
fn every_wisn_folder() -> Vec<PathBuf> {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut found: Vec<PathBuf> = std::fs::read_dir(fixtures)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| is_wisn_folder(path) && !path.ends_with("wisn-broken"))
        .collect();
    found.sort();
    found
}

/// A command on one region, in its dialect.
fn on_region(name: &str, region: &Path) -> Command {
    let mut command = example(name);
    command.args(["--dialect", dialect_of(region)]).arg(region);
    command
}

/// Runs each command and describes those that fail: an exit status other than 0, a panic, or
/// nothing written.
fn failures(commands: impl IntoIterator<Item = Command>) -> Vec<String> {
    let mut failed = Vec::new();
    for mut command in commands {
        let (output, stdout, stderr) = run(&mut command);
        if !output.status.success() || stderr.contains("panicked") || stdout.is_empty() {
            failed.push(format!("{command:?}: {}\n{stderr}", output.status));
        }
    }
    failed
}

#[test]
fn the_matrix_covers_data_and_fixture_regions() {
    let regions = every_region();
    for expected in [
        "data/limburg",
        "data/kennemerland",
        "tests/fixtures/tiny",
        "tests/fixtures/horizon-2030",
        "tests/fixtures/limburg-dutch-excel",
    ] {
        assert!(
            regions.iter().any(|r| r.ends_with(expected)),
            "{expected} is not in {regions:?}"
        );
    }
    assert!(!regions.iter().any(|r| r.ends_with("broken")));
    assert!(!regions.iter().any(|r| r.ends_with("wisn-ward")));
    let wisn = every_wisn_folder();
    for expected in ["wisn-hiv-clinic", "wisn-ward"] {
        assert!(wisn.iter().any(|f| f.ends_with(expected)), "{wisn:?}");
    }
    assert!(!wisn.iter().any(|f| f.ends_with("wisn-broken")));
}

#[test]
fn wisn_runs_on_every_wisn_folder_in_both_formats() {
    let commands = every_wisn_folder().into_iter().flat_map(|folder| {
        ["text", "csv"].map(|format| {
            let mut command = example("wisn");
            command.args(["--format", format]).arg(&folder);
            command
        })
    });
    let failed = failures(commands);
    assert!(failed.is_empty(), "{}", failed.join("\n"));
}

#[test]
fn wisn_on_a_region_says_which_tables_are_missing() {
    for region in every_region() {
        let stderr = refused(&mut on_region("wisn", &region), 1);
        for file in ["time.csv", "activities.csv"] {
            let missing = format!("\"{file}\" is missing: a WISN folder holds");
            assert!(stderr.contains(&missing), "{}: {stderr}", region.display());
        }
    }
}

/// tests/fixtures/wisn-ward, by hand (its README): 220 days of 8 hours = 1760 hours; patient
/// care 1760 * 60 / 30 = 3520 a nurse, 17600 / 3520 = 5; admission 1760 / 2 = 880, 2640 / 880 =
/// 3; CAF 1 / (1 - 10% - 176/1760) = 1.25; IAF (1 * 440 + 2 * 11 * 8) / 1760 = 0.35; required
/// 8 * 1.25 + 0.35 = 10.35; 9 there are: -1.35, 9 / 10.35 = 0.8696.
#[test]
fn wisn_prints_the_hand_figures_of_the_ward() {
    let (output, stdout, stderr) = run(example("wisn").arg(fixture("wisn-ward")));
    assert!(output.status.success(), "{stderr}");
    let line = |start: &str| line(&stdout, start);
    assert!(line("Available working time").contains("220 days, 1760 hours a year"));
    assert_eq!(
        last_words(line("patient care"), 3),
        ["17600", "3520.00", "5.00"]
    );
    assert_eq!(last_words(line("admission"), 3), ["2640", "880.00", "3.00"]);
    assert!(line("Staff for the health services").ends_with(" 8.00"));
    assert!(line("CAF (20.00% category allowances)").ends_with(" 1.25"));
    assert!(line("IAF").ends_with(" 0.35"));
    assert!(line("Required staff").ends_with(" 10.35"));
    assert!(line("Current staff").ends_with(" 9.00"));
    assert!(line("WISN difference").ends_with(" -1.35"));
    assert!(line("WISN ratio").ends_with(" 0.87"));

    let (output, stdout, stderr) = run(example("wisn")
        .args(["--format", "csv"])
        .arg(fixture("wisn-ward")));
    assert!(output.status.success(), "{stderr}");
    let rows: Vec<(String, String)> = csv::Reader::from_reader(stdout.as_bytes())
        .records()
        .map(|r| {
            let r = r.unwrap();
            (r[0].to_string(), r[1].to_string())
        })
        .collect();
    let value = |key: &str| {
        let (_, value) = (rows.iter().find(|(k, _)| k == key))
            .unwrap_or_else(|| panic!("no key {key} in\n{stdout}"));
        d(value)
    };
    assert_eq!(value("available_days"), d("220"));
    assert_eq!(value("available_hours"), d("1760"));
    assert_eq!(value("standard_workload.patient care"), d("3520"));
    assert_eq!(value("staff.patient care"), d("5"));
    assert_eq!(value("standard_workload.admission"), d("880"));
    assert_eq!(value("staff.admission"), d("3"));
    assert_eq!(value("service_staff"), d("8"));
    assert_eq!(value("category_allowance_share"), d("0.2"));
    assert_eq!(value("caf"), d("1.25"));
    assert_eq!(value("iaf"), d("0.35"));
    assert_eq!(value("required_staff"), d("10.35"));
    assert_eq!(value("current_staff"), d("9"));
    assert_eq!(value("difference"), d("-1.35"));
    // the exact quotient, as an exact decimal holds it
    assert_eq!(value("ratio"), d("9") / d("10.35"));
}

#[test]
fn wisn_lists_every_problem_of_a_broken_folder() {
    let stderr = refused(example("wisn").arg(fixture("wisn-broken")), 1);
    for expected in [
        "wisn: 6 errors in the input",
        "column \"key\": \"current_staff\" is missing from time.csv",
        "time.csv line 5, column \"value\": \"-5\" is negative",
        "activities.csv line 2, column \"standard\": \"0\" is no time",
        "activities.csv line 3, column \"unit\": \"weeks\" is not a unit",
        "activities.csv line 4, column \"activity\": \"admission\" is named twice",
        "activities.csv line 5, column \"standard\": \"1O\" is not a number",
    ] {
        assert!(
            stderr.contains(expected),
            "missing {expected:?} in\n{stderr}"
        );
    }
}

#[test]
fn limburg_runs_in_every_format() {
    let commands = [&[][..], &["--format", "text"], &["--format", "csv"]].map(|args| {
        let mut command = example("limburg");
        command.args(args);
        command
    });
    let failed = failures(commands);
    assert!(failed.is_empty(), "{}", failed.join("\n"));
}

#[test]
fn quantify_runs_on_every_region_in_every_format() {
    let json = cfg!(feature = "serde").then_some("json");
    let formats: Vec<&str> = ["text", "csv"].into_iter().chain(json).collect();
    let commands = every_region().into_iter().flat_map(|region| {
        formats.clone().into_iter().map(move |format| {
            let mut command = on_region("quantify", &region);
            command.args(["--format", format]);
            command
        })
    });
    let failed = failures(commands);
    assert!(failed.is_empty(), "{}", failed.join("\n"));
}

#[test]
fn scenarios_runs_on_every_region() {
    let commands = every_region()
        .into_iter()
        .map(|region| on_region("scenarios", &region));
    let failed = failures(commands.chain([example("scenarios")]));
    assert!(failed.is_empty(), "{}", failed.join("\n"));
}

#[test]
fn monitor_runs_on_every_region_in_both_formats() {
    let commands = every_region().into_iter().flat_map(|region| {
        ["text", "csv"].map(|format| {
            let mut command = on_region("monitor", &region);
            command.args(["--format", format]);
            command
        })
    });
    let failed = failures(commands.chain([example("monitor")]));
    assert!(failed.is_empty(), "{}", failed.join("\n"));
    // A region without realised.csv says there is nothing to monitor.
    let (output, stdout, stderr) = run(&mut on_region("monitor", &fixture("horizon-2030")));
    assert!(output.status.success(), "{stderr}");
    assert!(stdout.contains("Nothing to monitor"), "{stdout}");
}

#[test]
fn monitor_says_limburgs_realised_figures_are_invented() {
    let (output, stdout, stderr) = run(&mut example("monitor"));
    assert!(output.status.success(), "{stderr}");
    assert!(
        stdout.contains("Realised figures from: invented demonstration data"),
        "{stdout}"
    );
    assert!(stdout.contains("At this pace,"), "{stdout}");
    // The CSV: one row per line of monitoring, in exact decimals: the tiny fixture with a
    // reduction realised at 8% where the plan has 10% frees 1.6 of its 2 persons.
    let dir = scratch("monitor-csv");
    for entry in std::fs::read_dir(fixture("tiny")).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, dir.join(path.file_name().unwrap())).unwrap();
    }
    std::fs::write(
        dir.join("realised.csv"),
        "period,scope,name,value,source\n2030,fewer-consults,reduction,8%,a test\n",
    )
    .unwrap();
    let (output, stdout, stderr) = run(example("monitor").args(["--format", "csv"]).arg(&dir));
    assert!(output.status.success(), "{stderr}");
    let mut lines = stdout.lines();
    assert_eq!(
        lines.next(),
        Some("period,level,id,planned,with_data,realised,variance,share,status")
    );
    assert!(
        stdout.contains("\n2030,initiative,fewer-consults,2,2,1.6,-0.4,0.8,behind\n"),
        "{stdout}"
    );
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn what_it_takes_runs_on_every_region_in_both_formats() {
    let commands = every_region().into_iter().flat_map(|region| {
        ["text", "csv"].map(|format| {
            let mut command = on_region("what-it-takes", &region);
            command.args(["--format", format]);
            command
        })
    });
    let mut embedded = example("what-it-takes");
    embedded.args(["--format", "csv"]);
    let failed = failures(commands.chain([example("what-it-takes"), embedded]));
    assert!(failed.is_empty(), "{}", failed.join("\n"));
}

/// The CSV of what-it-takes on the tiny fixture: the documented columns, and figures from the
/// parameters by hand (tests/what_it_takes.rs writes the arithmetic out).
#[test]
fn what_it_takes_writes_documented_csv() {
    let (output, stdout, stderr) = run(example("what-it-takes")
        .args(["--format", "csv"])
        .arg(fixture("tiny")));
    assert!(output.status.success(), "{stderr}");
    let table = Table::parse(&stdout);
    let header: Vec<&str> = table.headers.iter().collect();
    assert_eq!(
        header,
        [
            "kind",
            "scenario",
            "target",
            "current",
            "needed",
            "within_range"
        ]
    );
    let find = |kind: &str, scenario: &str, target: &str| {
        (table.rows.iter())
            .find(|r| &r[0] == kind && &r[1] == scenario && &r[2] == target)
            .unwrap_or_else(|| panic!("no row {kind},{scenario},{target} in\n{stdout}"))
            .iter()
            .skip(3)
            .map(str::to_string)
            .collect::<Vec<_>>()
    };
    // 200 / 4 persons; (200 - 2) / 2; days_saved 100 is outside its range 1 - 3; a reduction of
    // 990% is no share: empty.
    assert_eq!(find("all", "2030 base", "all"), ["4", "50", ""]);
    assert_eq!(
        find("initiative", "2030 worse", "fewer-consults"),
        ["2", "199", ""]
    );
    assert_eq!(
        find("parameter", "2030 base", "shorter-stays.days_saved"),
        ["2", "100", "false"]
    );
    assert_eq!(
        find("parameter", "2030 base", "fewer-consults.reduction"),
        ["0.1", "", ""]
    );
    assert_eq!(
        find("parameter", "2030 base", "norms.half.part_time_factor"),
        ["0.5", "0.01", ""]
    );
}

/// The priorities of the tiny fixture as CSV, each figure from its parameters by hand.
#[test]
fn what_it_takes_writes_the_priorities_as_csv() {
    let (output, stdout, stderr) = run(example("what-it-takes")
        .args(["--table", "priorities", "--format", "csv"])
        .arg(fixture("tiny")));
    assert!(output.status.success(), "{stderr}");
    // fewer-consults: 10000 population * 4 contacts * 10% reduction * 30 minutes / 60 = 2000
    // hours; / 2000 hours per FTE = 1 FTE; / 0.5 part-time = 2 persons. Its reduction roams
    // 5%-15%: 1 to 3 persons. Its four parameters are factors of one product, so each 1% rise
    // frees 2 * 1% = 0.02 persons; of those alike, the reduction's range moves it most.
    // shorter-stays: 500 admissions * 2 days * 120 minutes / 60 = 2000 hours; / 1000 (norms
    // half) = 2 FTE; / 0.5 = 4 persons; less its coordinator's 1 FTE / 0.5 = 2 persons: 2.
    // Days saved roam 1-3: 2 to 6 persons less 2, 0 to 4. A 1% rise in a factor of the bed
    // days frees 4 * 1% = 0.04; the days saved have the range. The total is 4: 2 / 4 = 0.5 each.
    assert_eq!(
        stdout,
        [
            "id,name,persons,share,low,high,assumptions,parameters,lever,leverage,published",
            "fewer-consults,\"Fewer consults, more time\",2,0.5,1,3,fewer-consults.reduction,4,fewer-consults.reduction,0.02,13",
            "shorter-stays,Shorter stays,2,0.5,0,4,shorter-stays.extra_fte,4,shorter-stays.days_saved,0.04,2",
            "",
        ]
        .join("\n")
    );
    // As text, the priorities alone: no section on closing the gaps.
    let (output, stdout, stderr) = run(example("what-it-takes")
        .args(["--table", "priorities"])
        .arg(fixture("tiny")));
    assert!(output.status.success(), "{stderr}");
    assert!(stdout.starts_with("Priorities:"), "{stdout}");
}

/// The tables what-it-takes writes, as its complaint about `--table` lists them.
const TABLES: &str = if cfg!(feature = "monte-carlo") {
    "needed, priorities or chance"
} else {
    "needed or priorities"
};

/// The chance as CSV on the tiny fixture without ranges: every draw is the plan itself.
#[cfg(feature = "monte-carlo")]
#[test]
fn what_it_takes_writes_the_chance_as_csv() {
    let dir = scratch("chance-csv");
    for file in std::fs::read_dir(fixture("tiny")).unwrap() {
        let path = file.unwrap().path();
        let name = path.file_name().unwrap().to_owned();
        if name != "ranges.csv" && name != "scenarios.csv" {
            std::fs::copy(&path, dir.join(name)).unwrap();
        }
    }
    let (output, stdout, stderr) = run(example("what-it-takes")
        .args(["--table", "chance", "--format", "csv"])
        .arg(&dir));
    assert!(output.status.success(), "{stderr}");
    let table = Table::parse(&stdout);
    let header: Vec<&str> = table.headers.iter().collect();
    assert_eq!(header, ["scenario", "given", "share", "chance"]);
    // 2 + 2 persons freed in every draw: 4 / 200 = 0.02 of the base shortage, 4 / 400 = 0.01 of
    // the worse one. No draw covers a quarter or more: chance 0; every draw covers 0.02 and 0.01,
    // whatever the chance asked.
    assert_eq!(table.rows.len(), 2 * (4 + 7));
    for row in &table.rows {
        let covered = if &row[0] == "2030 base" {
            "0.02"
        } else {
            "0.01"
        };
        assert!(["2030 base", "2030 worse"].contains(&&row[0]), "{stdout}");
        match &row[1] {
            "share" => assert_eq!(&row[3], "0", "{stdout}"),
            "chance" => assert_eq!(&row[2], covered, "{stdout}"),
            other => panic!("given {other}: {stdout}"),
        }
    }
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn what_it_takes_says_why_a_shortage_is_not_compared() {
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/kennemerland");
    let (output, stdout, stderr) = run(example("what-it-takes").arg(&data));
    assert!(output.status.success(), "{stderr}");
    assert!(
        line(&stdout, "2030 base: not compared").contains("required_staff"),
        "{stdout}"
    );
}

#[test]
fn regions_runs_on_every_region_alone_and_together() {
    let regions = every_region();
    let mut together = example("regions");
    together.args(regions.iter().filter(|r| dialect_of(r) == "canonical"));
    let commands = regions.iter().map(|region| on_region("regions", region));
    let failed = failures(commands.chain([example("regions"), together]));
    assert!(failed.is_empty(), "{}", failed.join("\n"));
}

#[cfg(feature = "report")]
#[test]
fn report_runs_on_every_region_in_both_languages() {
    let dir = scratch("report-matrix");
    let commands = every_region().into_iter().flat_map(|region| {
        let name = region.file_name().unwrap().to_owned();
        ["nl", "en"].map(|lang| {
            let mut command = on_region("report", &region);
            let mut file = name.clone();
            file.push(format!("-{lang}.html"));
            command.args(["--lang", lang]).arg(dir.join(file));
            command
        })
    });
    let failed = failures(commands);
    let _ = std::fs::remove_dir_all(dir);
    assert!(failed.is_empty(), "{}", failed.join("\n"));
}

// The horizon-2030 fixture, by hand (norms: 1600 working hours a year, part-time factor 0.75):
//   home-visits (running, theme care, published 4):
//     visits, home, hours: clients 2400 * visits 12 * reduction 25% * minutes 40 / 60
//       = 28800 * 0.25 * 40 / 60 = 4800 hours / 1600 = 3 FTE / 0.75 = 4 persons -> rounded 4, agrees
//   discharge (planned, themes care;work split equally, published 3):
//     bed_days, hospital, hours: admissions 900 * days_saved 2 * minutes 160 / 60
//       = 4800 hours / 1600 = 3 FTE / 0.75 = 4 persons freed
//     coordinators, home, fte: -coordinators = -1.5 FTE / 0.75 = -2 persons needed
//     net 1.5 FTE, 2 persons -> rounded 2, differs from 3 by -1
//   telecare (planned, care): uptake is pending -> no figure, counts for nothing
//   data-platform (running, work): no effects -> not quantified, no figure
// total: 4 + 2 = 6 persons (the plan states 8; its initiatives' figures 4 + 3 = 7)
// themes, each part of an initiative split by its weights (care 1/2, work 1/2 for discharge):
//   care: freed 4 + 4/2 = 6, needed 2/2 = 1, net 5;  work: freed 4/2 = 2, needed 1, net 1
//   5 + 1 = 6 = the total
// sectors: home: freed 4, needed 2, net 2;  hospital: freed 4, needed 0, net 4;  2 + 4 = 6
// shortages:
//   2025 base 150 persons: covered 6 / 150 = 4%, remaining 144
//   2030 base 300 persons: covered 6 / 300 = 2%, remaining 294
//   2030 worse 240 FTE / shortage_part_time_factor 0.6 = 400 persons: 6 / 400 = 1.5%, remaining 394
//   2030 survey 4% of a staff base region.csv does not give (no required_staff): not compared
// horizon: the latest year of shortage.csv, 2030

fn quantify_horizon(format: &str) -> String {
    let (output, stdout, stderr) = run(example("quantify")
        .args(["--format", format])
        .arg(fixture("horizon-2030")));
    assert!(output.status.success(), "{stderr}");
    stdout
}

#[test]
fn quantify_text_on_a_2030_horizon_pins_the_hand_figures() {
    let text = quantify_horizon("text");
    assert_eq!(last_words(line(&text, "Care closer to home"), 1), ["5.0"]);
    assert_eq!(last_words(line(&text, "Work and training"), 1), ["1.0"]);
    assert_eq!(last_words(line(&text, "Total"), 1), ["6.0"]);
    assert_eq!(
        last_words(line(&text, "Home care"), 3),
        ["4.0", "2.0", "2.0"]
    );
    assert_eq!(
        last_words(line(&text, "Hospital"), 3),
        ["4.0", "0.0", "4.0"]
    );
    for (gap, figures) in [
        ("2025 base", ["150.0", "6.0", "4.0%", "144.0"]),
        ("2030 base", ["300.0", "6.0", "2.0%", "294.0"]),
        ("2030 worse", ["400.0", "6.0", "1.5%", "394.0"]),
    ] {
        assert_eq!(last_words(line(&text, gap), 4), figures, "{gap}");
    }
    assert!(text.contains("add up to 7 persons; their parameters give 6.0"));
    assert_eq!(
        last_words(line(&text, "Fewer home visits"), 4),
        ["4.00", "4", "4", "agrees"]
    );
    assert!(
        line(&text, "Nurse-led discharge").ends_with("2.00        2          3  DIFFERS by -1")
    );
    assert!(text.contains("1 of 2 published figures differ"));
    // What the issue asks of any region: the title's year from the data, what is not compared
    // listed with its reason, and no figure for an initiative that has none.
    let title = text.lines().next().unwrap();
    assert!(
        title.starts_with("Horizon: staff freed by 2 quantified initiatives"),
        "{title}"
    );
    assert!(title.contains("2030") && !title.contains("2032"), "{title}");
    let survey = (text.lines())
        .find(|l| l.contains("survey"))
        .unwrap_or_else(|| panic!("the share shortage is not shown:\n{text}"));
    assert!(survey.contains("not compared"), "{survey}");
    assert!(text.contains("required_staff"), "no reason given:\n{text}");
    let telecare = line(&text, "Telecare");
    assert!(telecare.contains("pending: needs uptake"), "{telecare}");
    let platform = line(&text, "Regional data platform");
    assert!(platform.contains("not quantified"), "{platform}");
    for no_figure in [telecare, platform] {
        assert!(
            !no_figure.contains(|c: char| c.is_ascii_digit()),
            "a figure for an initiative without one: {no_figure}"
        );
    }
}

#[test]
fn quantify_csv_on_a_2030_horizon_pins_the_hand_figures() {
    let table = Table::parse(&quantify_horizon("csv"));
    let (persons, fte) = ("persons", "fte");
    for (effect, figures) in [
        ("home-visits/visits", ["4", "3"]),
        ("discharge/bed_days", ["4", "3"]),
        ("discharge/coordinators", ["-2", "-1.5"]),
    ] {
        assert_eq!(
            table.numbers("effect", effect, [persons, fte]),
            figures.map(d)
        );
    }
    let initiative =
        |id: &str, columns: [&str; 5]| columns.map(|c| table.cell("initiative", id, c));
    let audit = [persons, fte, "rounded", "published", "verdict"];
    assert_eq!(
        table.numbers(
            "initiative",
            "home-visits",
            [persons, fte, "rounded", "published"]
        ),
        ["4", "3", "4", "4"].map(d)
    );
    assert_eq!(table.cell("initiative", "home-visits", "verdict"), "agrees");
    assert_eq!(
        table.numbers(
            "initiative",
            "discharge",
            [persons, fte, "rounded", "published", "difference"]
        ),
        ["2", "1.5", "2", "3", "-1"].map(d)
    );
    assert_eq!(table.cell("initiative", "discharge", "verdict"), "differs");
    let group = [persons, "freed", "needed"];
    for (sector, figures) in [("home", ["2", "4", "2"]), ("hospital", ["4", "4", "0"])] {
        assert_eq!(
            table.numbers("sector", sector, group),
            figures.map(d),
            "{sector}"
        );
    }
    assert_eq!(
        table.numbers("total", "total", [persons, "published", "rounded"]),
        ["6", "8", "6"].map(d)
    );
    assert_eq!(table.cell("total", "total", "name"), "Horizon");
    for (gap, figures) in [
        ("2025 base", ["6", "150", "0.04", "144"]),
        ("2030 base", ["6", "300", "0.02", "294"]),
        ("2030 worse", ["6", "400", "0.015", "394"]),
    ] {
        let columns = [persons, "shortage", "covered", "remaining"];
        assert_eq!(table.numbers("gap", gap, columns), figures.map(d), "{gap}");
    }
    // What the issue asks of any region: a theme's needed part as a sector's (not netted into
    // its freed part), no number where there is no figure, and the shortage not compared listed.
    for (theme, figures) in [("care", ["5", "6", "1"]), ("work", ["1", "2", "1"])] {
        assert_eq!(
            table.numbers("theme", theme, group),
            figures.map(d),
            "{theme}"
        );
    }
    // No number where there is no figure: empty cells, and the reason as the verdict.
    assert_eq!(
        initiative("telecare", audit),
        ["", "", "", "", "pending"].map(String::from)
    );
    assert_eq!(
        initiative("data-platform", audit),
        ["", "", "", "", "not quantified"].map(String::from)
    );
    // The share is listed, with no coverage computed for it.
    assert!(
        table.has("gap", "2030 survey"),
        "the share shortage is dropped"
    );
    assert_eq!(
        ["covered", "remaining"].map(|c| table.cell("gap", "2030 survey", c)),
        ["", ""]
    );
}

/// Each example with the options it takes besides `--help`.
fn examples_and_options() -> Vec<(&'static str, Vec<(&'static str, &'static str)>)> {
    let dialect = ("--dialect", "canonical, dutch-excel or detect");
    let format = ("--format", "text or csv");
    let mut examples = vec![
        ("limburg", vec![format]),
        (
            "quantify",
            vec![dialect, ("--format", "text, csv, json or xlsx")],
        ),
        (
            "scenarios",
            vec![
                dialect,
                ("--draws", "a whole number of draws, 1 or more"),
                ("--seed", "a whole number from 0 to 18446744073709551615"),
                ("--precision", "a standard error in persons, above 0"),
            ],
        ),
        ("regions", vec![dialect]),
        ("wisn", vec![dialect, format]),
        ("monitor", vec![dialect, format]),
        ("what-it-takes", vec![dialect, format, ("--table", TABLES)]),
    ];
    if cfg!(feature = "report") {
        examples.push(("report", vec![("--lang", "nl or en"), dialect]));
    }
    examples
}

/// Runs a command that must fail; returns its stderr after checking the status and that
/// nothing panicked or reached standard output.
fn refused(command: &mut Command, status: i32) -> String {
    let (output, stdout, stderr) = run(command);
    assert_eq!(output.status.code(), Some(status), "{command:?}: {stderr}");
    assert!(!stderr.contains("panicked"), "{command:?}: {stderr}");
    assert!(stdout.is_empty(), "{command:?} wrote {stdout}");
    stderr
}

#[test]
fn a_bad_or_missing_value_lists_what_the_option_takes() {
    for (name, options) in examples_and_options() {
        for (option, takes) in options {
            let stderr = refused(example(name).args([option, "xml"]), 2);
            let expected = format!("{name}: {option} takes {takes}, not \"xml\"");
            assert!(stderr.starts_with(&expected), "{stderr}");
            let stderr = refused(example(name).arg(option), 2);
            let expected = format!("{name}: {option} takes {takes}; it was given none");
            assert!(stderr.starts_with(&expected), "{stderr}");
            // The same with `=`, and the usage line with every option after it.
            let stderr = refused(example(name).arg(format!("{option}=xml")), 2);
            assert!(stderr.contains("\nUsage: cargo run"), "{stderr}");
        }
        let stderr = refused(example(name).arg("--colour"), 2);
        assert!(stderr.starts_with(&format!("{name}: unknown option --colour")));
        let (output, stdout, _) = run(example(name).arg("-h"));
        assert!(
            output.status.success() && stdout.contains("Usage:"),
            "{name}"
        );
    }
}

#[test]
fn a_path_that_is_no_region_is_refused_with_what_to_give() {
    let empty = scratch("empty-region");
    let file = fixture("tiny").join("themes.csv");
    let missing = fixture("no-such-region");
    for name in ["scenarios", "regions", "monitor", "report", "what-it-takes"] {
        if name == "report" && !cfg!(feature = "report") {
            continue;
        }
        let stderr = refused(example(name).arg(&missing), 1);
        let expected = format!("{name}: there is no folder {}", missing.display());
        assert!(stderr.starts_with(&expected), "{stderr}");
        let stderr = refused(example(name).arg(&file), 1);
        let expected = format!("{name}: {} is a file, not a folder", file.display());
        assert!(stderr.starts_with(&expected), "{stderr}");
        let stderr = refused(example(name).arg(&empty), 1);
        assert!(stderr.contains("\"themes.csv\" is missing"), "{stderr}");
    }
    // quantify reads a file as one of the region's files, and says which others are missing.
    let stderr = refused(example("quantify").arg(&file), 1);
    assert!(stderr.contains("\"shortage.csv\" is missing"), "{stderr}");
    let stderr = refused(example("quantify").arg(&empty), 1);
    assert!(stderr.contains("\"shortage.csv\" is missing"), "{stderr}");
    if cfg!(feature = "report") {
        // An output file that cannot be written: its folder would have to be inside a file.
        let output = file.join("report.html");
        let stderr = refused(example("report").arg(fixture("tiny")).arg(&output), 1);
        let expected = format!("report: cannot write {}", file.display());
        assert!(stderr.contains(&expected), "{stderr}");
    }
    // wisn reads a folder of two tables, and says so.
    let stderr = refused(example("wisn").arg(&missing), 1);
    let expected = format!("wisn: there is no folder {}", missing.display());
    assert!(stderr.starts_with(&expected), "{stderr}");
    assert!(stderr.contains("time.csv and activities.csv"), "{stderr}");
    let stderr = refused(example("wisn").arg(&file), 1);
    let expected = format!("wisn: {} is a file, not a folder", file.display());
    assert!(stderr.starts_with(&expected), "{stderr}");
    let stderr = refused(example("wisn").arg(&empty), 1);
    assert!(stderr.contains("\"time.csv\" is missing"), "{stderr}");
    let stderr = refused(&mut example("wisn"), 2);
    assert!(stderr.starts_with("wisn: give one folder"), "{stderr}");
    let stderr = refused(example("limburg").arg(fixture("tiny")), 2);
    assert!(stderr.contains("quantify reads a folder"), "{stderr}");
    let _ = std::fs::remove_dir_all(empty);
}

#[cfg(unix)]
#[test]
fn paths_that_are_not_utf8_are_paths() {
    use std::os::unix::ffi::OsStrExt;
    let dir = scratch("not-utf8");
    let region = dir.join(OsStr::from_bytes(b"r\xe9gion"));
    std::fs::create_dir(&region).unwrap();
    for entry in std::fs::read_dir(fixture("tiny")).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, region.join(path.file_name().unwrap())).unwrap();
    }
    let mut commands = vec![
        example("quantify"),
        example("scenarios"),
        example("regions"),
    ];
    if cfg!(feature = "report") {
        let mut report = example("report");
        report
            .arg(&region)
            .arg(dir.join(OsStr::from_bytes(b"r\xe9port.html")));
        commands.push(report);
    }
    for command in &mut commands[..3] {
        command.arg(&region);
    }
    let failed = failures(commands);
    assert!(failed.is_empty(), "{}", failed.join("\n"));
    // A value that is not UTF-8 is a bad value like any other.
    let stderr = refused(
        example("quantify")
            .arg("--format")
            .arg(OsStr::from_bytes(b"cs\xff")),
        2,
    );
    assert!(
        stderr.contains("--format takes text, csv, json or xlsx, not \"cs\u{fffd}\""),
        "{stderr}"
    );
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn a_reader_that_stops_early_ends_the_run_quietly() {
    // `| head`: the reading end of standard output is closed before the example writes.
    let tiny = fixture("tiny");
    let mut commands = vec![
        example("limburg"),
        example("quantify"),
        example("scenarios"),
        example("regions"),
    ];
    commands[1].arg(&tiny);
    let mut csv = example("quantify");
    csv.args(["--format", "csv"]).arg(&tiny);
    let mut limburg_csv = example("limburg");
    limburg_csv.args(["--format", "csv"]);
    let mut help = example("quantify");
    help.arg("--help");
    let mut wisn = example("wisn");
    wisn.arg(fixture("wisn-ward"));
    let mut wisn_csv = example("wisn");
    wisn_csv.args(["--format", "csv"]).arg(fixture("wisn-ward"));
    let mut takes = example("what-it-takes");
    takes.args(["--format", "csv"]);
    let mut monitor_csv = example("monitor");
    monitor_csv.args(["--format", "csv"]);
    commands.extend([csv, limburg_csv, help, wisn, wisn_csv, takes, monitor_csv]);
    commands.extend([example("monitor"), example("what-it-takes")]);
    for mut command in commands {
        let mut child = command
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        drop(child.stdout.take());
        let output = child.wait_with_output().unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(
            output.status.success(),
            "{command:?}: {}\n{stderr}",
            output.status
        );
        assert!(!stderr.contains("panicked"), "{command:?}: {stderr}");
        assert!(!stderr.contains("Broken pipe"), "{command:?}: {stderr}");
    }
}

#[cfg(target_os = "linux")]
#[test]
fn an_output_that_cannot_be_written_is_an_error() {
    // /dev/full refuses every write: unlike a reader gone away, this is a failure to report.
    for args in [&["--help"][..], &[], &["--format", "csv"]] {
        let full = std::fs::File::create("/dev/full").unwrap();
        let (output, _, stderr) = run(example("limburg").args(args).stdout(full));
        assert_eq!(output.status.code(), Some(1), "{args:?}: {stderr}");
        assert!(stderr.starts_with("limburg: cannot write"), "{stderr}");
        assert!(stderr.contains("No space left on device"), "{stderr}");
    }
}

/// Rotterdam counts nothing quantified (its one lever is pending) and states one shortage as a
/// share without its base: the analyses say so instead of failing or drawing zeros.
#[test]
fn scenarios_on_a_region_with_nothing_quantified() {
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/rotterdam");
    let (output, stdout, stderr) = run(example("scenarios").arg(&data));
    assert!(output.status.success(), "{stderr}");
    // 72 initiatives: 71 without effects count, the pending one does not.
    assert!(stdout.contains("0 of 71"), "{stdout}");
    assert!(stdout.contains("nothing counted is quantified"), "{stdout}");
    assert!(
        stdout.contains("Exact mean and standard deviation: nothing counted is quantified"),
        "{stdout}"
    );
    if cfg!(feature = "monte-carlo") {
        assert!(
            stdout.contains("Monte Carlo: nothing counted is quantified"),
            "{stdout}"
        );
    }
}

/// The tiny fixture's total has mean 4 and variance 3/2 over its ranges (tests/moments.rs works
/// them out): the exact moments are printed, and the draws are as many, from the seed, as asked.
#[test]
fn scenarios_prints_the_exact_moments_and_draws_as_asked() {
    let tiny = fixture("tiny");
    let (output, stdout, stderr) = run(example("scenarios").arg(&tiny));
    assert!(output.status.success(), "{stderr}");
    // √1.5 = 1.2247...
    let total = stdout
        .lines()
        .find(|l| l.trim_start().starts_with("total "));
    let total: Vec<&str> = total.unwrap_or_default().split_whitespace().collect();
    assert_eq!(total, ["total", "4.0", "1.2"], "{stdout}");
    for bad in [["--draws", "0"], ["--seed", "-1"], ["--draws", "1e3"]] {
        let stderr = refused(example("scenarios").args(bad).arg(&tiny), 2);
        assert!(stderr.contains(&format!("not \"{}\"", bad[1])), "{stderr}");
    }
    let asked = |seed: &str| {
        let (output, stdout, stderr) = run(example("scenarios")
            .args(["--draws", "500", "--seed", seed])
            .arg(&tiny));
        assert!(output.status.success(), "{stderr}");
        stdout
    };
    if cfg!(feature = "monte-carlo") {
        let line = |stdout: String| {
            let line = stdout.lines().find(|l| l.starts_with("Monte Carlo"));
            line.unwrap_or_default().to_string()
        };
        let (seven, again, eight) = (line(asked("7")), line(asked("7")), line(asked("8")));
        assert!(
            seven.starts_with("Monte Carlo, 500 draws (seed 7)"),
            "{seven}"
        );
        assert_eq!(seven, again);
        assert_ne!(
            seven.split_once(':').unwrap().1,
            eight.split_once(':').unwrap().1
        );
    } else {
        let stderr = refused(example("scenarios").args(["--draws", "500"]), 2);
        assert!(stderr.contains("--features monte-carlo"), "{stderr}");
    }
}

/// `--quasi` and `--precision` draw quasi-random points and say the standard error they reach;
/// the tiny fixture's total has standard deviation √1.5, so pseudo-random draws would need
/// 1.5 / 0.01² = 15,000 draws for a standard error of 0.01.
#[test]
fn scenarios_draws_quasi_random_points_to_a_precision() {
    let tiny = fixture("tiny");
    for bad in [
        ["--precision", "0"],
        ["--precision", "-1"],
        ["--precision", "NaN"],
    ] {
        let stderr = refused(example("scenarios").args(bad).arg(&tiny), 2);
        assert!(stderr.contains(&format!("not \"{}\"", bad[1])), "{stderr}");
    }
    let asked = |args: &[&str]| {
        let (output, stdout, stderr) = run(example("scenarios").args(args).arg(&tiny));
        assert!(output.status.success(), "{stderr}");
        let lines: Vec<String> = stdout
            .lines()
            .skip_while(|l| !l.starts_with("Quasi-Monte Carlo"))
            .take(2)
            .map(String::from)
            .collect();
        lines.join("\n")
    };
    if cfg!(feature = "qmc") {
        let quasi = asked(&["--quasi", "--draws", "4096"]);
        assert!(
            quasi.starts_with(
                "Quasi-Monte Carlo, 16 scrambled Sobol sequences of 256 points (seed 1)"
            ),
            "{quasi}"
        );
        assert!(quasi.contains("\n  standard error of the mean "), "{quasi}");
        let precise = asked(&["--precision", "0.01"]);
        assert!(
            precise.contains(": the 0.01 asked for is reached"),
            "{precise}"
        );
        let capped = asked(&["--precision", "0.0000000001", "--draws", "2048"]);
        assert!(
            capped.contains("is not reached within the cap of 2048 points"),
            "{capped}"
        );
    } else {
        let stderr = refused(example("scenarios").arg("--quasi").arg(&tiny), 2);
        assert!(stderr.contains("--features qmc"), "{stderr}");
    }
}

#[cfg(feature = "xlsx")]
#[test]
fn quantify_writes_a_template_reads_it_back_and_writes_a_workbook() {
    let dir = scratch("xlsx");
    let template = dir.join("new-region.xlsx");
    let (output, _, stderr) = run(example("quantify").arg("--template").arg(&template));
    assert!(output.status.success(), "{stderr}");
    // The template reads as a region: a workbook wherever a folder goes.
    let (output, stdout, stderr) = run(example("quantify").arg(&template));
    assert!(output.status.success(), "{stderr}");
    assert!(stdout.contains("New region"), "{stdout}");
    let results = dir.join("results.xlsx");
    let (output, stdout, stderr) = run(example("quantify")
        .args(["--format", "xlsx", "--output"])
        .arg(&results)
        .arg(fixture("tiny")));
    assert!(output.status.success(), "{stderr}");
    assert!(stdout.is_empty(), "{stdout}");
    let bytes = std::fs::read(&results).unwrap();
    assert!(bytes.starts_with(b"PK"), "a zip archive, as every .xlsx is");
    let stderr = refused(
        example("quantify")
            .arg("--template")
            .arg(&template)
            .arg(fixture("tiny")),
        2,
    );
    assert!(stderr.contains("reads none"), "{stderr}");
    // A workbook goes to a file, never to a terminal.
    let stderr = refused(
        example("quantify")
            .args(["--format", "xlsx"])
            .arg(fixture("tiny")),
        2,
    );
    assert!(stderr.contains("give it --output FILE"), "{stderr}");
    // A broken workbook is a located finding, not a panic.
    std::fs::write(dir.join("broken.xlsx"), b"PK not really").unwrap();
    let stderr = refused(example("quantify").arg(dir.join("broken.xlsx")), 1);
    assert!(
        stderr.contains("\"broken.xlsx\" cannot be opened as a workbook"),
        "{stderr}"
    );
    let _ = std::fs::remove_dir_all(dir);
}

/// A range whose variance is too large for exact decimals (the coordinator's FTE up to 10^27:
/// persons up to 2 * 10^27 fit, a variance of some 10^53 does not) leaves the exact moments
/// out, saying why, and still draws.
#[test]
fn scenarios_with_a_range_beyond_exact_moments_still_draws() {
    let dir = scratch("wide-range");
    for entry in std::fs::read_dir(fixture("tiny")).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, dir.join(path.file_name().unwrap())).unwrap();
    }
    std::fs::write(
        dir.join("ranges.csv"),
        "scope,name,low,high,distribution,source\nshorter-stays,extra_fte,0,1000000000000000000000000000,uniform,far too wide\n",
    )
    .unwrap();
    let (output, stdout, stderr) = run(example("scenarios").arg(&dir));
    assert!(output.status.success(), "{stderr}");
    assert!(
        stdout.contains("Exact mean and standard deviation: exact moments:"),
        "{stdout}"
    );
    if cfg!(feature = "monte-carlo") {
        assert!(stdout.contains("Monte Carlo, 10000 draws"), "{stdout}");
    }
    std::fs::remove_dir_all(&dir).unwrap();
}
