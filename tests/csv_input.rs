//! Loading CSV: located problems, all of them at once, never a panic.

use std::path::Path;
use workforce_gap::csv_input::{from_texts, load_dir};
use workforce_gap::{Error, Finding};

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
    let error = load_dir(fixture("broken")).unwrap_err();
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
    let files: Vec<(String, String)> = workforce_gap::csv_input::FILES
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
    from_texts(&named)
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
    let error = from_texts(&[("themes.csv", "id,name\n"), ("notes.csv", "x\n")]).unwrap_err();
    let values: Vec<&str> = error.findings().iter().map(|p| p.value.as_str()).collect();
    for name in ["notes.csv", "shortage.csv", "initiatives.csv"] {
        assert!(values.contains(&name), "{name} not reported in {values:?}");
    }
    for optional in workforce_gap::csv_input::OPTIONAL {
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
    let error = load_dir(fixture("no-such-folder")).unwrap_err();
    assert!(matches!(error, Error::Io { .. }));
    assert!(error.to_string().contains("no-such-folder"));
}

#[test]
fn division_by_zero_in_a_formula_names_initiative_and_effect() {
    let text = "initiative,effect,sector,unit,norms,formula,reading\n\
                fewer-consults,consults,gp,hours,,population / (contacts - 4),\n\
                shorter-stays,bed_days,hospital,hours,half,admissions * days_saved * minutes / 60,\n";
    let model = tiny_with("effects.csv", text).unwrap();
    let error = workforce_gap::evaluate(&model).unwrap_err();
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
fn a_header_naming_a_column_twice_makes_its_records_invalid() {
    let error = tiny_with("themes.csv", "id,name,id\nprevention,Prevention,x\n").unwrap_err();
    let problem = (error.findings().iter())
        .find(|p| located(p).0 == "themes.csv")
        .unwrap();
    assert_eq!(located(problem).1, 2);
    assert!(problem.expected.contains("not a valid record"), "{problem}");
}
