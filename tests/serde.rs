//! The feature `serde`: the model goes through JSON and comes back the same, checked like a
//! loaded one; results are written with every digit, never through `f64`.
#![cfg(feature = "serde")]

use serde_json::{Value, json};
use std::str::FromStr;
use workforce_gap::{Decimal, Kind, Loader, Model, Scenario};

fn tiny() -> Model {
    Loader::new()
        .load_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/tiny"))
        .unwrap()
        .model
}

fn d(text: &str) -> Decimal {
    Decimal::from_str(text).unwrap()
}

/// Every number in a JSON document: all of them must be whole (years, counts), as a decimal
/// written as a JSON number would have gone through `f64`.
fn numbers(value: &Value, found: &mut Vec<serde_json::Number>) {
    match value {
        Value::Number(number) => found.push(number.clone()),
        Value::Array(items) => items.iter().for_each(|item| numbers(item, found)),
        Value::Object(fields) => fields.values().for_each(|field| numbers(field, found)),
        _ => {}
    }
}

#[test]
fn limburgs_model_round_trips_through_json_to_identical_results() {
    let model = Model::limburg().unwrap();
    let json = serde_json::to_string(&model).unwrap();
    let back: Model = serde_json::from_str(&json).unwrap();
    assert_eq!(back, model);
    let (results, again) = (model.evaluate().unwrap(), back.evaluate().unwrap());
    assert_eq!(again, results);
    assert_eq!(back.tornado().unwrap(), model.tornado().unwrap());
    let written = serde_json::to_value(&results).unwrap();
    assert_eq!(written, serde_json::to_value(&again).unwrap());
    let mut found = Vec::new();
    numbers(&written, &mut found);
    assert!(!found.is_empty(), "years and counts are numbers");
    assert!(
        found.iter().all(|n| n.is_u64()),
        "a decimal as a number: {found:?}"
    );
    assert_eq!(written["total"], results.total.to_string());
}

#[test]
fn results_are_written_with_their_decimals_as_strings() {
    let results = serde_json::to_value(tiny().evaluate().unwrap()).unwrap();
    // fewer-consults: 10000 * 4 * 10% * 30 / 60 = 2000 hours / 2000 = 1 FTE / 0.5 = 2 persons;
    // shorter-stays: 2000 hours / 1000 = 2 FTE, less 1 FTE of coordinator = 1 FTE / 0.5 = 2.
    let total = results["total"].as_str().expect("the total is a string");
    assert_eq!(d(total), Decimal::from(2 + 2));
    let consults = &results["initiatives"][0];
    assert_eq!(consults["id"], "fewer-consults");
    // Published 13, recomputed 2: 2 - 13 = -11.
    assert_eq!(
        consults["verdict"],
        json!({ "differs": { "difference": "-11" } })
    );
    assert_eq!(results["initiatives"][1]["verdict"], "agrees");
    assert_eq!(results["effects"][0]["unit"], "hours");
}

#[test]
fn a_decimal_of_28_digits_survives_and_a_json_number_is_refused() {
    let mut model = tiny();
    let digits = "1234.567890123456789012345678"; // 4 + 24 = 28 significant digits
    model.parameters[0].value = d(digits);
    let mut json = serde_json::to_value(&model).unwrap();
    assert_eq!(json["parameters"][0]["value"], digits);
    let back: Model = serde_json::from_value(json.clone()).unwrap();
    assert_eq!(back.parameters[0].value.to_string(), digits);
    // Through f64 it would have kept 16 of them.
    let through_f64: f64 = digits.parse().unwrap();
    assert_eq!(through_f64.to_string(), "1234.567890123457");

    json["parameters"][0]["value"] = json!(1234.5);
    let error = serde_json::from_value::<Model>(json.clone()).unwrap_err();
    assert!(error.to_string().contains("expected a string"), "{error}");
    // 29 digits after the point: a decimal would round it, so it is refused.
    json["parameters"][0]["value"] = json!("0.12345678901234567890123456789");
    let error = serde_json::from_value::<Model>(json).unwrap_err();
    assert!(error.to_string().contains("would be rounded"), "{error}");
}

#[test]
fn a_json_model_with_an_unknown_theme_is_refused_with_its_finding() {
    let mut json = serde_json::to_value(tiny()).unwrap();
    json["initiatives"][0]["themes"][0]["theme"] = json!("nowhere");
    let error = serde_json::from_value::<Model>(json).unwrap_err();

    let mut broken = tiny();
    broken.initiatives[0].themes[0].theme = "nowhere".into();
    let findings = broken.check();
    let errors: Vec<_> = findings.iter().filter(|f| f.is_error()).collect();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(
        (errors[0].kind, errors[0].value.as_str()),
        (Kind::UnknownReference, "nowhere")
    );
    assert!(
        error.to_string().contains(&errors[0].to_string()),
        "{error}"
    );
}

#[test]
fn formulas_are_their_text_and_a_bad_one_is_refused_by_the_parser() {
    let mut json = serde_json::to_value(tiny()).unwrap();
    let formula = &json["initiatives"][0]["effects"][0]["formula"];
    assert_eq!(formula, "population * contacts * reduction * minutes / 60");
    assert_eq!(
        json["scenarios"][1]["settings"][0]["kind"]["scale"]["target"],
        "fewer-consults.reduction"
    );
    let mut untargeted = json.clone();
    untargeted["scenarios"][1]["settings"][0]["kind"]["scale"]["target"] = json!("reduction");
    let error = serde_json::from_value::<Model>(untargeted).unwrap_err();
    assert!(
        error.to_string().contains("\"reduction\" is not a target"),
        "{error}"
    );
    json["initiatives"][0]["effects"][0]["formula"] = json!("population * (contacts");
    let error = serde_json::from_value::<Model>(json).unwrap_err();
    let parsed = workforce_gap::Expr::parse("population * (contacts").unwrap_err();
    assert!(error.to_string().contains(&parsed.to_string()), "{error}");
}

#[test]
fn analyses_and_findings_are_written_with_decimals_as_strings() {
    let mut model = tiny();
    let exact = |value: &Value| {
        let mut found = Vec::new();
        numbers(value, &mut found);
        assert!(found.iter().all(|n| n.is_u64()), "{value}");
    };
    let bounds = model.bounds().unwrap();
    let written = serde_json::to_value(&bounds).unwrap();
    let (low, high) = (bounds.total.low.to_string(), bounds.total.high.to_string());
    assert_eq!(written["total"], json!({ "low": low, "high": high }));
    exact(&written);

    let swings = serde_json::to_value(model.tornado().unwrap()).unwrap();
    let scopes: Vec<&Value> = swings
        .as_array()
        .unwrap()
        .iter()
        .map(|s| &s["scope"])
        .collect();
    assert!(
        scopes.contains(&&json!({ "initiative": "fewer-consults" })),
        "{swings}"
    );
    exact(&swings);

    let outcomes = serde_json::to_value(model.compare().unwrap()).unwrap();
    assert_eq!(outcomes[0]["name"], Scenario::AS_PUBLISHED);
    // 4 persons against the base shortage of 200: 4 / 200 = 0.02 covered.
    let covered = outcomes[0]["against"]["compared"]["covered"]
        .as_str()
        .unwrap();
    assert_eq!(d(covered), d("0.02"));
    exact(&outcomes);

    let as_published = workforce_gap::Scenario {
        name: Scenario::AS_PUBLISHED.into(),
        settings: Vec::new(),
    };
    let years = serde_json::to_value(model.timeline(&as_published).unwrap());
    let years = years.unwrap();
    assert_eq!(years[0]["year"], 2030);
    exact(&years);

    // A share of 150% is a warning, written with where it was read.
    model.parameters[3].value = d("1.5");
    let findings = serde_json::to_value(model.check()).unwrap();
    let share = (findings.as_array().unwrap().iter())
        .find(|f| f["kind"] == "share_out_of_range")
        .unwrap_or_else(|| panic!("{findings}"));
    assert_eq!(share["severity"], "warning");
    assert_eq!(share["value"], "1.5");
    assert_eq!(
        share["origin"],
        json!({ "file": "parameters.csv", "line": 5 })
    );
}

#[cfg(feature = "monte-carlo")]
#[test]
fn a_monte_carlo_summary_is_written_as_its_statistics() {
    let settings = workforce_gap::MonteCarloSettings::default()
        .draws(200)
        .seed(3);
    let run = tiny().monte_carlo(settings).unwrap();
    let total = serde_json::to_value(&run.total).unwrap();
    assert_eq!(total["draws"], 200);
    let (lowest, highest) = run.total.range();
    assert_eq!(total["lowest"], lowest);
    assert_eq!(total["highest"], highest);
    assert_eq!(total["p50"], run.total.percentile(50.0));
    let p5 = total["p5"].as_f64().unwrap();
    assert!(
        lowest <= p5 && p5 <= total["p95"].as_f64().unwrap(),
        "{total}"
    );
}
