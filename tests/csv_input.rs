//! Loading CSV: located problems, all of them at once, never a panic.

use std::path::Path;
use workforce_gap::Loader;

/// The longest field the loader reads (64 KiB), as the README states.
const MAX_FIELD_LENGTH: usize = 64 * 1024;
use workforce_gap::{Error, Finding, Kind};

fn fixture(name: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

fn located(problem: &Finding) -> (String, u64, String, String) {
    let origin = problem.origin.clone().expect("located");
    (
        origin.file,
        origin.line,
        problem.column.clone().unwrap_or_default(),
        problem.value.clone(),
    )
}

#[test]
fn every_problem_of_the_broken_fixture_is_located() {
    let error = Loader::new()
        .load_dir(fixture("broken"))
        .map(|loaded| loaded.model)
        .unwrap_err();
    assert!(error.is_input());
    let found: Vec<_> = error.findings().iter().map(located).collect();
    let expected = [
        (
            "effects.csv",
            2,
            "formula",
            "population * contacts * (reduction * minutes / 60",
        ),
        ("effects.csv", 3, "formula", "days_saved"),
        ("effects.csv", 3, "unit", "days"),
        ("initiatives.csv", 2, "status", "ongoing"),
        ("initiatives.csv", 3, "published", "about 2"),
        ("initiatives.csv", 3, "themes", "nowhere"),
        ("norms.csv", 2, "part_time_factor", "1.2"),
        ("norms.csv", 3, "working_hours_per_year", "1 000"),
        ("parameters.csv", 2, "value", "10000,5"),
        ("parameters.csv", 5, "assumption", "maybe"),
        ("parameters.csv", 7, "name", "days saved"),
    ]
    .map(|(f, l, c, v)| (f.to_string(), l, c.to_string(), v.to_string()));
    assert_eq!(found, expected);
    let formula = &error.findings()[0];
    assert!(
        formula
            .expected
            .contains("closing parenthesis at character 50"),
        "{formula}"
    );
}

fn tiny_with(name: &str, text: &str) -> Result<workforce_gap::Model, Error> {
    let dir = fixture("tiny");
    let files: Vec<(String, String)> = workforce_gap::Loader::FILES
        .iter()
        .map(|f| (f.to_string(), std::fs::read_to_string(dir.join(f)).unwrap()))
        .map(|(f, t)| {
            if f == name {
                (f, text.to_string())
            } else {
                (f, t)
            }
        })
        .collect();
    let named: Vec<(&str, &str)> = files
        .iter()
        .map(|(f, t)| (f.as_str(), t.as_str()))
        .collect();
    Loader::new().load_texts(&named).map(|loaded| loaded.model)
}

#[test]
fn a_missing_column_names_the_header() {
    let error = tiny_with("themes.csv", "id,title\nprevention,Prevention\n").unwrap_err();
    let header = error
        .findings()
        .iter()
        .find(|p| located(p).0 == "themes.csv")
        .unwrap();
    assert_eq!(
        located(header),
        ("themes.csv".into(), 1, "name".into(), String::new())
    );
    assert!(header.to_string().contains("required column missing"));
}

#[test]
fn a_record_with_too_many_fields_is_located() {
    let text = "id,name\nprevention,Prevention,extra\nhome,At home\n";
    let error = tiny_with("themes.csv", text).unwrap_err();
    let problem = error
        .findings()
        .iter()
        .find(|p| located(p).0 == "themes.csv")
        .unwrap();
    assert_eq!(located(problem).1, 2);
    assert!(
        problem.expected.contains("3 fields where the header has 2"),
        "{problem}"
    );
}

#[test]
fn missing_and_unknown_files_are_named() {
    let error = Loader::new()
        .load_texts(&[("themes.csv", "id,name\n"), ("notes.csv", "x\n")])
        .map(|loaded| loaded.model)
        .unwrap_err();
    let values: Vec<&str> = error.findings().iter().map(|p| p.value.as_str()).collect();
    for name in ["notes.csv", "shortage.csv", "initiatives.csv"] {
        assert!(values.contains(&name), "{name} not reported in {values:?}");
    }
    // The files a model may do without (README, "The files").
    let optional = "region.csv norms.csv sectors.csv parameters.csv ranges.csv effects.csv \
                    scenarios.csv";
    for optional in optional.split_whitespace() {
        assert!(!values.contains(&optional), "{optional} is optional");
    }
}

#[test]
fn columns_may_come_in_any_order_and_blank_lines_are_skipped() {
    let text = "name,id\n\nPrevention,prevention\nAt home,home\n";
    let model = tiny_with("themes.csv", text).unwrap();
    assert_eq!(
        model
            .themes
            .iter()
            .map(|t| t.id.as_str())
            .collect::<Vec<_>>(),
        ["prevention", "home"]
    );
}

#[test]
fn a_missing_folder_is_an_io_error() {
    let error = Loader::new()
        .load_dir(fixture("no-such-folder"))
        .map(|loaded| loaded.model)
        .unwrap_err();
    assert!(matches!(error, Error::Io { .. }));
    assert!(error.to_string().contains("no-such-folder"));
}

#[test]
fn division_by_zero_in_a_formula_names_initiative_and_effect() {
    let text = "initiative,effect,sector,unit,norms,formula,reading\n\
                fewer-consults,consults,gp,hours,,population / (contacts - 4),\n\
                shorter-stays,bed_days,hospital,hours,half,admissions * days_saved * minutes / 60,\n";
    let model = tiny_with("effects.csv", text).unwrap();
    let error = model.evaluate().unwrap_err();
    assert_eq!(
        error.to_string(),
        r#"effects.csv line 2, column "formula": initiative "fewer-consults", effect "consults": "population / (contacts - 4)" divides by zero: "contacts - 4" is 0, with contacts = 4 (parameters.csv line 4). Change the value of contacts, or the formula, so that the divisor is not 0"#
    );
}

/// Line numbers hold after CRLF line ends and blank lines (where the csv reader's own count is
/// off by one).
#[test]
fn lines_are_right_after_crlf_and_blank_lines() {
    for text in [
        "id,name\r\nprevention,Prevention\r\n\r\n\r\nhome,At home\r\nhome,Again\r\n",
        "id,name\n\nprevention,Prevention\n\nhome,At home\nhome,Again\n",
        "id,name\r\rprevention,Prevention\r\rhome,At home\rhome,Again\r",
    ] {
        let error = tiny_with("themes.csv", text).unwrap_err();
        let duplicate = error
            .findings()
            .iter()
            .find(|f| f.kind == workforce_gap::Kind::Duplicate)
            .unwrap();
        assert_eq!(duplicate.origin.as_ref().unwrap().line, 6, "{duplicate}");
    }
}

#[test]
fn fields_and_headers_are_trimmed_of_any_whitespace() {
    // Spaces, tabs and the no-break space Excel leaves behind, around headers and fields alike.
    let text = " id\u{a0},\tname \n\u{a0}prevention , Prevention\u{a0}\n home,\tAt home \n";
    let model = tiny_with("themes.csv", text).unwrap();
    let themes: Vec<(&str, &str)> = (model.themes.iter())
        .map(|t| (t.id.as_str(), t.name.as_str()))
        .collect();
    assert_eq!(themes, [("prevention", "Prevention"), ("home", "At home")]);
}

#[test]
fn a_header_naming_a_column_twice_is_one_error_on_the_header() {
    let text = "id,name,id\nprevention,Prevention,x\nhome,At home,y\n";
    let error = tiny_with("themes.csv", text).unwrap_err();
    let on_themes: Vec<_> = (error.findings().iter())
        .filter(|p| located(p).0 == "themes.csv")
        .collect();
    assert_eq!(on_themes.len(), 1, "{error}");
    assert_eq!(
        located(on_themes[0]),
        ("themes.csv".into(), 1, "id".into(), "id".into())
    );
    assert_eq!(on_themes[0].kind, Kind::Duplicate);
}

/// Where each malformed record was found: file, line, column and the field as written.
fn malformed(error: &Error) -> Vec<(String, u64, String, String)> {
    of_kind(error, Kind::MalformedRecord)
        .iter()
        .map(located)
        .collect()
}

/// Only the findings of this kind.
fn of_kind(error: &Error, kind: Kind) -> Vec<Finding> {
    (error.findings().iter())
        .filter(|f| f.kind == kind)
        .cloned()
        .collect()
}

#[test]
fn a_field_cut_off_inside_quotes_or_with_text_after_its_quote_is_refused() {
    let cut = "id,name\nprevention,Prevention\nhome,\"At home";
    let error = tiny_with("themes.csv", cut).unwrap_err();
    let found = malformed(&error);
    let expected = ("themes.csv".into(), 3, "name".into(), "\"At home".into());
    assert_eq!(found, [expected], "{error}");
    assert!(error.to_string().contains("never closed"), "{error}");

    let after = "id,name\nprevention,\"Prev\"ention\nhome,\"At home\"  \n";
    let error = tiny_with("themes.csv", after).unwrap_err();
    let found = malformed(&error);
    // Spaces after the closing quote on line 3 are fine; the text on line 2 is not.
    let expected = (
        "themes.csv".into(),
        2,
        "name".into(),
        "\"Prev\"ention".into(),
    );
    assert_eq!(found, [expected], "{error}");
}

#[test]
fn text_after_a_quoted_field_over_two_lines_is_shown_whole() {
    let text = "id,name\nprevention,\"Pre\nvention\"x,\nhome,At home\n";
    let error = tiny_with("themes.csv", text).unwrap_err();
    let found = malformed(&error);
    let expected = (
        "themes.csv".into(),
        2,
        "name".into(),
        "\"Pre\nvention\"x".into(),
    );
    assert_eq!(found, [expected], "{error}");
}

#[test]
fn quotes_written_as_two_inside_a_quoted_field_are_fine() {
    let text = "id,name\nprevention,\"The \"\"Prevention\"\", first\"\nhome,At home\n";
    let model = tiny_with("themes.csv", text).unwrap();
    assert_eq!(model.themes[0].name, "The \"Prevention\", first");
}

#[test]
fn lines_are_right_with_cr_only_line_ends() {
    // Old Mac Excel ends lines with CR alone; a quoted field may hold a line end.
    let text = "id,name\rprevention,\"Pre\rvention\"\r\rhome,At home\rhome,Again\r";
    let error = tiny_with("themes.csv", text).unwrap_err();
    let duplicate = &of_kind(&error, Kind::Duplicate)[0];
    assert_eq!(
        located(duplicate),
        ("themes.csv".into(), 6, "id".into(), "home".into())
    );
}

#[test]
fn an_ambiguous_fraction_under_detect_has_fitting_advice_and_no_follow_on() {
    let dir = fixture("tiny");
    let files: Vec<(&str, Vec<u8>)> = (workforce_gap::Loader::FILES.iter())
        .map(|name| {
            let text = std::fs::read_to_string(dir.join(name)).unwrap();
            // reduction has a range in ranges.csv (5% to 15%).
            (
                *name,
                text.replace("reduction,10%,", "reduction,0.125,")
                    .into_bytes(),
            )
        })
        .collect();
    let named: Vec<(&str, &[u8])> = files.iter().map(|(n, b)| (*n, b.as_slice())).collect();
    let error = Loader::new().detect().load_bytes(&named).unwrap_err();
    let errors: Vec<_> = (error.findings().iter()).filter(|f| f.is_error()).collect();
    assert_eq!(errors.len(), 1, "{error}");
    assert_eq!(
        located(errors[0]),
        ("parameters.csv".into(), 5, "value".into(), "0.125".into())
    );
    // 0.125 is 125 in Dutch (a thousands dot) and 0.125 in English.
    let advice = &errors[0].expected;
    assert!(
        advice.contains("125 in Dutch, 0.125 in English"),
        "{advice}"
    );
    assert!(advice.contains("for 125 write 125"), "{advice}");
    assert!(
        advice.contains("for 0.125 state the file's dialect"),
        "{advice}"
    );
}

#[test]
fn a_field_longer_than_the_limit_is_refused_before_it_is_parsed() {
    let padding = " ".repeat(MAX_FIELD_LENGTH);
    let text = format!(
        "initiative,effect,sector,unit,norms,formula,reading\n\
         fewer-consults,consults,gp,hours,,population *{padding} contacts,\n"
    );
    let error = tiny_with("effects.csv", &text).unwrap_err();
    let found = of_kind(&error, Kind::TooLarge);
    assert_eq!(found.len(), 1, "{error}");
    let (file, line, column, value) = located(&found[0]);
    assert_eq!(
        (file.as_str(), line, column.as_str()),
        ("effects.csv", 2, "formula")
    );
    assert!(
        value.starts_with("population *   ") && value.ends_with('…'),
        "{value}"
    );
    // The field is 12 + 65,536 + 9 bytes long.
    let length = 12 + MAX_FIELD_LENGTH + 9;
    assert!(
        found[0].expected.contains(&format!("of {length} bytes")),
        "{}",
        found[0]
    );
}

#[test]
fn a_key_twice_in_region_csv_is_a_duplicate() {
    let text = "key,value\nname,Tiny\npublished_total,20\nname,Small\n";
    let error = tiny_with("region.csv", text).unwrap_err();
    let duplicate = &of_kind(&error, Kind::Duplicate)[0];
    assert_eq!(
        located(duplicate),
        ("region.csv".into(), 4, "key".into(), "name".into())
    );
    assert!(
        duplicate.expected.contains("first on line 2"),
        "{duplicate}"
    );
}

#[test]
fn a_word_in_a_norms_cell_is_refused_beside_pending_too() {
    for (hours, factor, column) in [
        ("abc", "0.5", "working_hours_per_year"),
        ("1000", "abc", "part_time_factor"),
        ("abc", "pending", "working_hours_per_year"),
        ("pending", "abc", "part_time_factor"),
    ] {
        let text = format!(
            "norms,working_hours_per_year,part_time_factor\ndefault,2000,0.5\nhalf,{hours},{factor}\n"
        );
        let error = tiny_with("norms.csv", &text).unwrap_err();
        let found: Vec<_> = of_kind(&error, Kind::NotANumber)
            .iter()
            .map(located)
            .collect();
        assert_eq!(
            found,
            [("norms.csv".into(), 3, column.into(), "abc".into())],
            "{hours},{factor}"
        );
    }
}

#[test]
fn a_file_given_twice_is_an_error() {
    let tiny = fixture("tiny");
    let effects = tiny.join("effects.csv");
    for paths in [
        vec![tiny.clone(), effects.clone()],
        vec![effects.clone(), tiny.clone()],
    ] {
        let error = Loader::new().load_files(&paths).unwrap_err();
        let twice = of_kind(&error, Kind::Duplicate);
        assert_eq!(twice.len(), 1, "{error}");
        assert!(
            twice[0].expected.contains("effects.csv a second time"),
            "{}",
            twice[0]
        );
    }
    let text = "id,name\nprevention,Prevention\n";
    let error = Loader::new()
        .load_texts(&[("themes.csv", text), ("themes.csv", text)])
        .map(|loaded| loaded.model)
        .unwrap_err();
    let twice = of_kind(&error, Kind::Duplicate);
    assert_eq!(twice[0].value, "themes.csv");
}

/// A copy of the tiny fixture in a fresh temporary folder, removed when dropped.
struct TempRegion(std::path::PathBuf);

impl TempRegion {
    fn new(test: &str) -> TempRegion {
        let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH);
        let dir = std::env::temp_dir().join(format!(
            "workforce-gap-{test}-{}-{}",
            std::process::id(),
            now.unwrap_or_default().as_nanos()
        ));
        std::fs::create_dir_all(&dir).unwrap();
        for name in workforce_gap::Loader::FILES {
            std::fs::copy(fixture("tiny").join(name), dir.join(name)).unwrap();
        }
        TempRegion(dir)
    }

    fn path(&self, name: &str) -> std::path::PathBuf {
        self.0.join(name)
    }
}

impl Drop for TempRegion {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// The error of loading the folder, within ten seconds (a FIFO must not block the load).
fn load_error(loader: Loader, dir: &Path) -> Error {
    let (send, receive) = std::sync::mpsc::channel();
    let dir = dir.to_path_buf();
    std::thread::spawn(move || send.send(loader.load_dir(dir).map(|l| l.findings)));
    match receive.recv_timeout(std::time::Duration::from_secs(10)) {
        Ok(Err(error)) => error,
        Ok(Ok(findings)) => panic!("loaded, with findings {findings:?}"),
        Err(_) => panic!("the load did not end within ten seconds"),
    }
}

/// The one finding about the file at `path`.
fn about(error: &Error, path: &Path) -> Finding {
    let shown = path.display().to_string();
    let found: Vec<_> = (error.findings().iter())
        .filter(|f| f.value == shown)
        .collect();
    assert_eq!(found.len(), 1, "{error}");
    found[0].clone()
}

#[test]
fn a_misnamed_file_in_a_folder_names_the_file_meant() {
    let region = TempRegion::new("misnamed");
    std::fs::rename(region.path("effects.csv"), region.path("Effects.csv")).unwrap();
    std::fs::rename(region.path("themes.csv"), region.path("theme.csv")).unwrap();
    std::fs::write(region.path("NOTES.md"), "not a table").unwrap();
    let error = load_error(Loader::new(), &region.0);
    let effects = about(&error, &region.path("Effects.csv"));
    assert_eq!(effects.kind, Kind::UnknownFile);
    assert!(
        effects.expected.contains("did you mean effects.csv?"),
        "{effects}"
    );
    let themes = about(&error, &region.path("theme.csv"));
    assert!(
        themes.expected.contains("did you mean themes.csv?"),
        "{themes}"
    );
    assert!(!error.to_string().contains("NOTES.md"), "{error}");
}

#[test]
fn a_file_above_the_size_limit_is_refused() {
    let region = TempRegion::new("too-large");
    let parameters = region.path("parameters.csv");
    let size = std::fs::metadata(&parameters).unwrap().len();
    // The largest file of the tiny region is parameters.csv.
    let error = load_error(Loader::new().max_file_size(size - 1), &region.0);
    let found = about(&error, &parameters);
    assert_eq!(found.kind, Kind::TooLarge);
    assert!(
        found
            .expected
            .contains(&format!("limit of {} bytes", size - 1)),
        "{found}"
    );
    assert_eq!(of_kind(&error, Kind::TooLarge).len(), 1, "{error}");
    assert!(of_kind(&error, Kind::MissingFile).is_empty(), "{error}");
    assert!(
        Loader::new()
            .max_file_size(size)
            .load_dir(&region.0)
            .is_ok()
    );
}

#[cfg(unix)]
#[test]
fn a_fifo_in_place_of_a_file_is_refused_without_waiting() {
    let region = TempRegion::new("fifo");
    let effects = region.path("effects.csv");
    std::fs::remove_file(&effects).unwrap();
    let made = std::process::Command::new("mkfifo")
        .arg(&effects)
        .status()
        .unwrap();
    assert!(made.success());
    let error = load_error(Loader::new(), &region.0);
    let found = about(&error, &effects);
    assert_eq!(found.kind, Kind::NotAFile);
    assert!(found.expected.contains("FIFO"), "{found}");
}

#[cfg(unix)]
#[test]
fn links_to_devices_and_dangling_links_are_refused_links_to_files_are_read() {
    use std::os::unix::fs::symlink;
    let region = TempRegion::new("links");
    let parameters = region.path("parameters.csv");
    std::fs::remove_file(&parameters).unwrap();
    symlink("/dev/zero", &parameters).unwrap();
    let ranges = region.path("ranges.csv");
    std::fs::remove_file(&ranges).unwrap();
    symlink(region.path("gone.csv"), &ranges).unwrap();
    let error = load_error(Loader::new(), &region.0);
    let device = about(&error, &parameters);
    assert_eq!(device.kind, Kind::NotAFile);
    assert!(device.expected.contains("a device"), "{device}");
    let dangling = about(&error, &ranges);
    assert_eq!(dangling.kind, Kind::NotAFile);
    assert!(
        dangling.expected.contains("which does not exist"),
        "{dangling}"
    );

    let linked = TempRegion::new("linked");
    for name in workforce_gap::Loader::FILES {
        std::fs::remove_file(linked.path(name)).unwrap();
        symlink(fixture("tiny").join(name), linked.path(name)).unwrap();
    }
    let model = Loader::new().load_dir(&linked.0).unwrap().model;
    assert_eq!(model.initiatives.len(), 2);
}

/// A file whose size says nothing of its length (a /proc file says 0) is still read only up
/// to the limit.
#[cfg(target_os = "linux")]
#[test]
fn reading_stops_at_the_limit_whatever_the_size_says() {
    use std::os::unix::fs::symlink;
    let region = TempRegion::new("proc");
    let effects = region.path("effects.csv");
    std::fs::remove_file(&effects).unwrap();
    symlink("/proc/self/status", &effects).unwrap();
    assert_eq!(std::fs::metadata(&effects).unwrap().len(), 0);
    let error = load_error(Loader::new().max_file_size(500), &region.0);
    let found = about(&error, &effects);
    assert_eq!(found.kind, Kind::TooLarge);
    // limit + 1 bytes were read, no more.
    assert!(found.expected.contains("(501 bytes or more)"), "{found}");
}

#[test]
fn a_file_that_cannot_be_read_gives_no_follow_on_errors_elsewhere() {
    // effects.csv names the sectors gp and hospital, which a semicolon header leaves unread.
    let error = tiny_with("sectors.csv", "id;name\ngp;GP care\nhospital;Hospital\n").unwrap_err();
    let errors: Vec<_> = (error.findings().iter()).filter(|f| f.is_error()).collect();
    assert_eq!(errors.len(), 1, "{error}");
    assert_eq!(errors[0].kind, Kind::WrongSeparator);
    // themes.csv missing: one error, not one per theme named in initiatives.csv.
    let files: Vec<(&str, String)> = (workforce_gap::Loader::FILES.iter())
        .filter(|name| **name != "themes.csv")
        .map(|name| {
            (
                *name,
                std::fs::read_to_string(fixture("tiny").join(name)).unwrap(),
            )
        })
        .collect();
    let named: Vec<(&str, &str)> = files.iter().map(|(n, t)| (*n, t.as_str())).collect();
    let error = Loader::new()
        .load_texts(&named)
        .map(|loaded| loaded.model)
        .unwrap_err();
    let kinds: Vec<Kind> = error.findings().iter().map(|f| f.kind).collect();
    assert_eq!(kinds, [Kind::MissingFile], "{error}");
}

#[test]
fn a_header_with_an_unclosed_quote_is_one_error_on_line_1() {
    let error = tiny_with("themes.csv", "id,\"name\nprevention,Prevention\n").unwrap_err();
    let found = malformed(&error);
    assert_eq!(
        found,
        [("themes.csv".into(), 1, String::new(), "\"name".into())]
    );
}

#[test]
fn a_tab_separated_file_is_told_to_be_saved_as_csv() {
    let error = tiny_with("themes.csv", "id\tname\nprevention\tPrevention\n").unwrap_err();
    let hint = &of_kind(&error, Kind::WrongSeparator)[0];
    assert!(hint.expected.contains("tab-separated"), "{hint}");
}
