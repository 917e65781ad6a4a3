//! Arithmetic that fails while a model is evaluated (a divisor parameter set to 0, values too
//! large for a decimal) is an error that names the effect's file and line, the part of the
//! formula that fails and the parameters it reads, with their values and lines; sums that do not
//! fit a decimal are errors, never capped at the largest decimal; and a number a decimal would
//! round never gets as far as being evaluated.

use std::path::Path;
use workforce_gap::Interval;
use workforce_gap::Loader;
use workforce_gap::{ArithmeticError, EvaluationError};
use workforce_gap::{Error, Model, Origin};

/// The largest decimal, 2^96 - 1.
const MAX: &str = "79228162514264337593543950335";

/// 5e28: two of them add up beyond the largest decimal, one fits.
const BIG: &str = "50000000000000000000000000000";

/// The `tests/fixtures/tiny` model with some files replaced (the last text given for a file wins).
fn tiny_with(replaced: &[(&str, &str)]) -> Model {
    load_tiny_with(replaced).unwrap()
}

fn load_tiny_with(replaced: &[(&str, &str)]) -> Result<Model, Error> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/tiny");
    let files: Vec<(&str, String)> = Loader::FILES
        .iter()
        .map(|name| match replaced.iter().rfind(|(n, _)| n == name) {
            Some((_, text)) => (*name, text.to_string()),
            None => (*name, std::fs::read_to_string(dir.join(name)).unwrap()),
        })
        .collect();
    let named: Vec<(&str, &[u8])> = files.iter().map(|(n, t)| (*n, t.as_bytes())).collect();
    Loader::new().load_bytes(&named).map(|loaded| loaded.model)
}

const EFFECTS: &str = "initiative,effect,sector,unit,norms,formula,reading\n";

/// The tiny model with one region parameter, `big`, in place of its parameters, ranges and
/// scenarios, and the files `replaced`.
fn tiny_with_big(replaced: &[(&str, &str)]) -> Result<Model, Error> {
    let parameters =
        format!("scope,name,value,unit,label,source,assumption\nregion,big,{BIG},persons,,,no\n");
    let mut files = vec![
        ("parameters.csv", parameters.as_str()),
        ("ranges.csv", "scope,name,low,high,distribution,source\n"),
        ("scenarios.csv", "scenario,setting,target,value,note\n"),
    ];
    files.extend_from_slice(replaced);
    load_tiny_with(&files)
}

/// The tiny parameters, with `contacts` (line 4) and `population` (line 2) as given.
fn parameters(population: &str, contacts: &str) -> String {
    format!(
        "scope,name,value,unit,label,source,assumption\n\
         region,population,{population},persons,inhabitants,census,no\n\
         region,minutes,30,minutes,minutes per consult,,no\n\
         fewer-consults,contacts,{contacts},contacts per year,,,no\n\
         fewer-consults,reduction,10%,share,,,yes\n\
         shorter-stays,admissions,500,admissions,,,no\n\
         shorter-stays,days_saved,2,days,,,no\n\
         shorter-stays,minutes,120,minutes per day,nursing minutes per day,,no\n\
         shorter-stays,extra_fte,1,FTE,,,yes\n"
    )
}

fn evaluation_error(error: Error) -> EvaluationError {
    match error {
        Error::Evaluation(error) => *error,
        other => panic!("not an evaluation error: {other}"),
    }
}

fn origin(file: &str, line: u64) -> Option<Origin> {
    Some(Origin {
        file: file.into(),
        line,
    })
}

#[test]
fn a_divisor_parameter_set_to_zero_names_the_formula_and_the_parameter() {
    let effects = format!(
        "{EFFECTS}fewer-consults,consults,gp,hours,,population * reduction * minutes / contacts,\n"
    );
    let model = tiny_with(&[
        ("effects.csv", &effects),
        ("parameters.csv", &parameters("10000", "0")),
    ]);
    let error = model.evaluate().unwrap_err();
    assert_eq!(
        error.to_string(),
        "effects.csv line 2, column \"formula\": initiative \"fewer-consults\", effect \"consults\": \
         \"population * reduction * minutes / contacts\" divides by zero, with contacts = 0 \
         (parameters.csv line 4). Change the value of contacts, or the formula, so that the \
         divisor is not 0"
    );
    // The chain ends in the arithmetic failure, for a caller that walks sources.
    let source = std::error::Error::source(&error).and_then(|s| s.downcast_ref());
    assert_eq!(source, Some(&ArithmeticError::DivisionByZero));
    let error = evaluation_error(error);
    assert_eq!(error.kind, ArithmeticError::DivisionByZero);
    assert_eq!(error.origin, origin("effects.csv", 2));
    assert_eq!(error.parameters[0].origin, origin("parameters.csv", 4));
}

#[test]
fn a_divisor_set_to_zero_is_blamed_on_where_it_was_set() {
    let effects = format!(
        "{EFFECTS}fewer-consults,consults,gp,hours,,population * reduction * minutes / contacts,\n"
    );
    let scenarios = "scenario,setting,target,value,note\nnone,set,fewer-consults.contacts,0,\n";
    let mut model = tiny_with(&[("effects.csv", &effects), ("scenarios.csv", scenarios)]);
    // By a scenario: its line in scenarios.csv, not the line of parameters.csv it overrode.
    let error = evaluation_error(model.compare().unwrap_err());
    assert_eq!(error.parameters[0].origin, origin("scenarios.csv", 2));
    assert!(
        error
            .to_string()
            .contains("contacts = 0 (scenarios.csv line 2)")
    );
    // In code: said so, with no line.
    model.set("fewer-consults.contacts", 0.into()).unwrap();
    let error = evaluation_error(model.evaluate().unwrap_err());
    assert!(
        error.to_string().contains("contacts = 0 (set in code)"),
        "{error}"
    );
}

#[test]
fn a_divisor_that_comes_to_zero_names_the_divisor_and_its_parameters() {
    // contacts - 4 = 0 with contacts = 4.
    let effects = format!(
        "{EFFECTS}fewer-consults,consults,gp,hours,,minutes + population / (contacts - 4) * 60,\n"
    );
    let model = tiny_with(&[("effects.csv", &effects)]);
    let error = evaluation_error(model.evaluate().unwrap_err());
    assert_eq!(error.part, "population / (contacts - 4)");
    assert_eq!(error.divisor, Some(("contacts - 4".into(), "0".into())));
    let named: Vec<(&str, &str)> = (error.parameters.iter())
        .map(|p| (p.name.as_str(), p.value.as_str()))
        .collect();
    assert_eq!(named, [("contacts", "4")], "only what the divisor reads");
    assert!(
        error
            .to_string()
            .contains("divides by zero: \"contacts - 4\" is 0, with contacts = 4"),
        "{error}"
    );
}

#[test]
fn an_overflow_names_the_operation_and_every_parameter_it_reads() {
    // MAX * 4 does not fit; the formula's first operation fails.
    let effects = format!(
        "{EFFECTS}fewer-consults,consults,gp,hours,,population * contacts * reduction * minutes / 60,\n"
    );
    let model = tiny_with(&[
        ("effects.csv", &effects),
        ("parameters.csv", &parameters(MAX, "4")),
    ]);
    let error = model.evaluate().unwrap_err();
    assert_eq!(
        error.to_string(),
        format!(
            "effects.csv line 2, column \"formula\": initiative \"fewer-consults\", effect \
             \"consults\": \"population * contacts\" is too large for an exact decimal (beyond \
             ±{MAX}), with population = {MAX} (parameters.csv line 2), contacts = 4 \
             (parameters.csv line 4). Check the values of population, contacts, or the formula \
             (a value in the wrong unit, a misplaced decimal point?)"
        )
    );
}

#[test]
fn a_model_built_in_rust_says_it_has_no_file() {
    let effects = format!("{EFFECTS}fewer-consults,consults,gp,hours,,population / contacts,\n");
    let mut model = tiny_with(&[
        ("effects.csv", &effects),
        ("parameters.csv", &parameters("10000", "0")),
    ]);
    for parameter in &mut model.parameters {
        parameter.origin = None;
    }
    for initiative in &mut model.initiatives {
        for effect in &mut initiative.effects {
            effect.origin = None;
        }
    }
    let error = model.evaluate().unwrap_err();
    assert_eq!(
        error.to_string(),
        "initiative \"fewer-consults\", effect \"consults\" (not read from a file): \
         \"population / contacts\" divides by zero, with contacts = 0 (not read from a file). \
         Change the value of contacts, or the formula, so that the divisor is not 0"
    );
}

#[test]
fn bounds_name_the_range_whose_interval_holds_zero() {
    // contacts 5 within [3, 5]: the point value divides by 1, the bounds by [-1, 1], which
    // holds 0.
    let effects =
        format!("{EFFECTS}fewer-consults,consults,gp,hours,,population / (contacts - 4),\n");
    let ranges = "scope,name,low,high,distribution,source\n\
                  fewer-consults,contacts,3,5,uniform,\n";
    let model = tiny_with(&[
        ("effects.csv", &effects),
        ("parameters.csv", &parameters("10000", "5")),
        ("ranges.csv", ranges),
    ]);
    model.evaluate().unwrap();
    let error = evaluation_error(model.bounds().unwrap_err());
    let interval = |a: i64, b: i64| Interval::new(a.into(), b.into()).to_string();
    assert_eq!(
        error.divisor,
        Some(("contacts - 4".into(), interval(-1, 1)))
    );
    assert_eq!(error.parameters[0].value, interval(3, 5));
    assert_eq!(error.parameters[0].origin, origin("parameters.csv", 4));
}

/// Three effects of `big` persons in the sector gp: -big, +big, +big, in two initiatives. The
/// net sum (-big, 0, big) fits; what the sector frees, big + big = 1e29, does not. Each
/// initiative frees big and needs big (its own parts fit), nets 0 apart from its tiny
/// effects, and the total fits.
fn sector_freeing_twice_big() -> Model {
    let effects = format!(
        "{EFFECTS}fewer-consults,needed,gp,persons,,-big,\n\
         fewer-consults,a,gp,persons,,big,\n\
         shorter-stays,b,hospital,persons,,-big,\n\
         shorter-stays,c,gp,persons,,big,\n"
    );
    tiny_with_big(&[("effects.csv", &effects)]).unwrap()
}

#[test]
fn what_a_sector_frees_is_never_capped_at_the_largest_decimal() {
    let error = sector_freeing_twice_big().evaluate().unwrap_err();
    assert!(
        matches!(
            error,
            Error::Arithmetic {
                kind: ArithmeticError::Overflow,
                ..
            }
        ),
        "{error}"
    );
    assert_eq!(
        error.to_string(),
        "sector \"gp\": adding up what it frees and needs: the result is too large for an exact decimal"
    );
}

#[test]
fn a_total_beyond_the_largest_decimal_names_the_initiative_that_overflows_it() {
    // big + big = 1e29.
    let effects =
        format!("{EFFECTS}fewer-consults,a,gp,persons,,big,\nshorter-stays,b,gp,persons,,big,\n");
    let model = tiny_with_big(&[("effects.csv", &effects)]).unwrap();
    let error = model.evaluate().unwrap_err();
    assert_eq!(
        error.to_string(),
        "the total: adding initiative \"shorter-stays\" (initiatives.csv line 3): the result is \
         too large for an exact decimal"
    );
}

#[test]
fn a_difference_from_the_published_figure_beyond_the_largest_decimal_is_an_error() {
    // fewer-consults frees 5e28 persons; its published figure is -5e28: the difference, 1e29,
    // does not fit.
    let effects = format!("{EFFECTS}fewer-consults,a,gp,persons,,big,\n");
    let initiatives = format!(
        "id,name,submitted_by,status,themes,published,seed_line,note\n\
         fewer-consults,Fewer consults,GP group,running,prevention,-{BIG},,\n\
         shorter-stays,Shorter stays,Hospital,planned,prevention,,,\n"
    );
    let model =
        tiny_with_big(&[("effects.csv", &effects), ("initiatives.csv", &initiatives)]).unwrap();
    let error = model.evaluate().unwrap_err();
    assert_eq!(
        error.to_string(),
        "initiative \"fewer-consults\": recomputed minus published: the result is too large for \
         an exact decimal"
    );
}

#[test]
fn a_scenario_scaling_a_value_beyond_the_largest_decimal_is_refused_not_capped() {
    // 5e28 * 2 = 1e29 does not fit; capped, it would read as 7.9e28.
    let effects = format!("{EFFECTS}fewer-consults,a,gp,persons,,big / 1000000,\n");
    let scenarios = "scenario,setting,target,value,note\ndouble,scale,region.big,2,\n";
    // Reading the files applies each scenario to check it.
    let error =
        tiny_with_big(&[("effects.csv", &effects), ("scenarios.csv", scenarios)]).unwrap_err();
    let finding = (error.findings().iter()).find(|f| f.is_error()).unwrap();
    assert_eq!(finding.kind, workforce_gap::Kind::InexactNumber);
    assert_eq!(finding.origin, origin("scenarios.csv", 2));
    assert_eq!(finding.value, "2");
}

#[test]
fn a_formula_number_a_decimal_would_round_to_zero_is_refused_on_its_line() {
    // The case: `* 0.00000000000000000000000000001` (1e-29) read as 0 and silently took
    // the initiative out of the Limburg total.
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/limburg");
    let texts: Vec<(&str, String)> = Loader::FILES
        .iter()
        .map(|name| {
            let mut text = std::fs::read_to_string(dir.join(name)).unwrap();
            if *name == "effects.csv" {
                // The first effect's formula is the sixth field of line 2.
                let mut lines: Vec<String> = text.lines().map(String::from).collect();
                let mut fields: Vec<&str> = lines[1].splitn(7, ',').collect();
                let formula = format!("{} * 0.00000000000000000000000000001", fields[5]);
                fields[5] = &formula;
                lines[1] = fields.join(",");
                text = lines.join("\n");
            }
            (*name, text)
        })
        .collect();
    let named: Vec<(&str, &[u8])> = texts.iter().map(|(n, t)| (*n, t.as_bytes())).collect();
    let error = Loader::new().load_bytes(&named).unwrap_err();
    let finding = (error.findings().iter()).find(|f| f.is_error()).unwrap();
    assert_eq!(finding.kind, workforce_gap::Kind::InvalidFormula);
    assert_eq!(finding.origin, origin("effects.csv", 2));
    assert_eq!(finding.column.as_deref(), Some("formula"));
    assert!(
        finding.expected.contains("more significant digits"),
        "{finding}"
    );
}
