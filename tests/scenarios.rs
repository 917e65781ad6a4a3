//! Scenarios compared side by side, pinned to arithmetic written out from the tiny fixture:
//! fewer-consults = 10000 * 4 * 10% * 30 / 60 / 2000 / 0.5 = 2 persons,
//! shorter-stays = 500 * 2 * 120 / 60 / 1000 / 0.5 - 1 / 0.5 = 4 - 2 = 2 persons;
//! shortage 2030: 200 (base), 400 (worse).

use rust_decimal::Decimal;
use std::path::Path;
use std::str::FromStr;
use workforce_gap::csv_input::load_dir;
use workforce_gap::error::{Kind, Origin};
use workforce_gap::model::{Model, Status};
use workforce_gap::scenario::{Scenario, Setting, SettingKind, Target, apply, compare};

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

fn tiny() -> Model {
    load_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/tiny")).unwrap()
}

#[test]
fn the_tiny_scenarios_side_by_side() {
    let outcomes = compare(&tiny()).unwrap();
    let table: Vec<(&str, usize, Decimal, &str, Decimal, Decimal)> = outcomes
        .iter()
        .map(|o| {
            (
                o.name.as_str(),
                o.counted,
                o.freed.value(),
                o.shortage_scenario.as_str(),
                o.shortage.value(),
                o.remaining.value(),
            )
        })
        .collect();
    // half reduction: fewer-consults at 5% frees 1; longer days: 500 * 2 * 120 / 60 / 2000 / 0.5 = 2, minus 2
    let expected = [
        ("as published", 2, d("4"), "base", d("200"), d("196")),
        ("worse", 2, d("4"), "worse", d("400"), d("396")),
        ("half reduction", 2, d("3"), "base", d("200"), d("197")),
        ("consults only", 1, d("2"), "base", d("200"), d("198")),
        ("longer days", 2, d("2"), "base", d("200"), d("198")),
    ];
    assert_eq!(table, expected);
    assert_eq!(outcomes[0].covered.value(), d("0.02"));
    // Bounds follow the ranges (reduction 5%-15%, days_saved 1-3): 1 + 0 to 3 + 4.
    assert_eq!(
        (outcomes[0].freed_bounds.low, outcomes[0].freed_bounds.high),
        (d("1"), d("7"))
    );
    // A scaled parameter keeps its range, scaled: reduction 2.5%-7.5% gives 0.5 to 1.5 persons.
    assert_eq!(
        (outcomes[2].freed_bounds.low, outcomes[2].freed_bounds.high),
        (d("0.5") + d("0"), d("1.5") + d("4"))
    );
}

#[test]
fn an_override_changes_exactly_what_it_names() {
    let model = tiny();
    let scenario = &model
        .scenarios
        .iter()
        .find(|s| s.name == "half reduction")
        .unwrap()
        .clone();
    let applied = apply(&model, scenario).unwrap();
    let changed: Vec<String> = model
        .parameters
        .iter()
        .zip(&applied.model.parameters)
        .filter(|(a, b)| a != b)
        .map(|(a, _)| format!("{}.{}", a.scope, a.name))
        .collect();
    assert_eq!(changed, ["fewer-consults.reduction"]);
    assert_eq!(applied.model.norms, model.norms);
    assert_eq!(applied.model.initiatives, model.initiatives);

    let days = model
        .scenarios
        .iter()
        .find(|s| s.name == "longer days")
        .unwrap();
    let applied = apply(&model, days).unwrap();
    assert_eq!(applied.model.parameters, model.parameters);
    let changed: Vec<&str> = model
        .norms
        .iter()
        .zip(&applied.model.norms)
        .filter(|(a, b)| a != b)
        .map(|(a, _)| a.id.as_str())
        .collect();
    assert_eq!(changed, ["half"]);
}

#[test]
fn counting_by_status_and_unknown_targets() {
    let mut model = tiny();
    let planned_only = Scenario {
        name: "planned".into(),
        settings: vec![Setting::new(SettingKind::Count(vec![Status::Planned]))],
    };
    let applied = apply(&model, &planned_only).unwrap();
    assert_eq!(applied.counts, [false, true]); // fewer-consults is running, shorter-stays planned

    model.scenarios.push(Scenario {
        name: "typo".into(),
        settings: vec![Setting::new(SettingKind::Exclude("shorter-stay".into()))],
    });
    let error = compare(&model).unwrap_err();
    assert_eq!(error.findings()[0].value, "shorter-stay");
}

#[test]
fn limburg_scenarios_load_and_compare() {
    let outcomes = compare(&workforce_gap::limburg().unwrap()).unwrap();
    let names: Vec<&str> = outcomes.iter().map(|o| o.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "as published",
            "worse shortage",
            "part-time 0.72",
            "1800 working hours",
            "dementia row halved",
            "without double counts",
            "with Appendix F sources"
        ]
    );
    let base = &outcomes[0];
    let find = |name: &str| outcomes.iter().find(|o| o.name == name).unwrap();
    assert_eq!(find("worse shortage").shortage.value(), d("6700"));
    // Halving the national figure of the dementia row removes 25500 * 3.4% / 2 = 433.5 persons.
    assert_eq!(
        base.freed.value() - find("dementia row halved").freed.value(),
        d("433.5")
    );
    // Leaving out the two second copies removes what they free.
    let results = workforce_gap::evaluate(&workforce_gap::limburg().unwrap()).unwrap();
    let copies = results
        .initiative("ziekenhuisverplaatste-zorg")
        .unwrap()
        .persons
        .value()
        + results
            .initiative("integraal-ketenzorg-portaal")
            .unwrap()
            .persons
            .value();
    // (equal up to the rounding of the 28th significant digit in the sums)
    let removed = base.freed.value() - find("without double counts").freed.value();
    assert!(
        (removed - copies).abs() < d("0.00000000000000000001"),
        "{removed} vs {copies}"
    );
    assert_eq!(find("without double counts").counted, base.counted - 2);
}

/// The tiny fixture's files with `scenarios.csv` replaced.
fn tiny_with_scenarios(scenarios: &str) -> Vec<(String, Vec<u8>)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/tiny");
    workforce_gap::csv_input::FILES
        .iter()
        .map(|name| {
            let bytes = if *name == "scenarios.csv" {
                scenarios.as_bytes().to_vec()
            } else {
                std::fs::read(dir.join(name)).unwrap()
            };
            (name.to_string(), bytes)
        })
        .collect()
}

fn load_tiny_with_scenarios(
    scenarios: &str,
) -> Result<workforce_gap::csv_input::Loaded, workforce_gap::Error> {
    let files = tiny_with_scenarios(scenarios);
    let named: Vec<(&str, &[u8])> = files
        .iter()
        .map(|(n, b)| (n.as_str(), b.as_slice()))
        .collect();
    workforce_gap::csv_input::Loader::new().load_bytes(&named)
}

/// Checking scenarios is linear in their rows: 40,000 rows, one scenario each and every kind of
/// setting in turn, are all checked (the last one, a typo, is found) without being noticed in
/// the suite's time.
#[test]
fn forty_thousand_scenario_rows_are_checked() {
    let rows = 40_000;
    let settings = [
        "shortage,,worse",
        "scale,fewer-consults.reduction,0.5",
        "exclude,shorter-stays,",
        "set,norms.half.working_hours_per_year,1800",
        "count,,running;planned",
        "include,fewer-consults,",
    ];
    let mut text = String::from("scenario,setting,target,value,note\n");
    for row in 0..rows - 1 {
        text.push_str(&format!("s{row},{},\n", settings[row % settings.len()]));
    }
    text.push_str("last,exclude,shorter-stay,,\n");
    let error = load_tiny_with_scenarios(&text).unwrap_err();
    let found: Vec<(u64, &str)> = (error.findings().iter())
        .map(|f| (f.origin.as_ref().unwrap().line, f.value.as_str()))
        .collect();
    // The header is line 1, so the last of the rows stands on line rows + 1.
    assert_eq!(found, [(rows as u64 + 1, "shorter-stay")]);
}

/// A value set in a scenario is checked like the norms it overrides, and the finding names the
/// setting's file and line, whichever way in: check, compare, apply or the timeline.
#[test]
fn a_bad_value_in_a_scenario_is_blamed_on_its_setting() {
    let mut model = tiny();
    let five = Scenario {
        name: "five".into(),
        settings: vec![Setting {
            kind: SettingKind::Set {
                target: Target::PartTimeFactor {
                    norms: "default".into(),
                },
                value: d("5"),
            },
            origin: Some(Origin {
                file: "scenarios.csv".into(),
                line: 9,
            }),
        }],
    };
    model.scenarios.push(five.clone());
    let located = |findings: &[workforce_gap::Finding]| -> Vec<(Kind, String, u64, String)> {
        (findings.iter())
            .filter(|f| f.is_error())
            .map(|f| {
                let origin = f.origin.clone().unwrap();
                (f.kind, origin.file, origin.line, f.value.clone())
            })
            .collect()
    };
    let expected = [(
        Kind::InvalidNorm,
        "scenarios.csv".to_string(),
        9,
        "5".to_string(),
    )];
    assert_eq!(located(&model.check()), expected);
    assert_eq!(located(compare(&model).unwrap_err().findings()), expected);
    assert_eq!(
        located(apply(&model, &five).unwrap_err().findings()),
        expected
    );
    let timeline = workforce_gap::timeline::timeline(&model, &five).unwrap_err();
    assert_eq!(located(timeline.findings()), expected);
}

/// Settings build on each other: a part-time factor set to 0.4 and then scaled by 2 is 0.8,
/// which is fine, and scaled by 3 once more is 2.4, which is not.
#[test]
fn a_scale_is_checked_on_the_value_the_scenario_gave() {
    let text = "scenario,setting,target,value,note\n\
        lower,set,norms.default.part_time_factor,0.4,\n\
        lower,scale,norms.default.part_time_factor,2,\n\
        lower,scale,norms.default.part_time_factor,3,\n";
    let error = load_tiny_with_scenarios(text).unwrap_err();
    let found: Vec<(Kind, u64, &str)> = (error.findings().iter())
        .map(|f| (f.kind, f.origin.as_ref().unwrap().line, f.value.as_str()))
        .collect();
    assert_eq!(found, [(Kind::InvalidNorm, 4, "3")]);
    assert!(
        error.findings()[0].expected.contains("to 2.4,"),
        "{}",
        error.findings()[0]
    );
}

/// Scenarios are told apart by name: a model built in Rust with one name twice is refused.
#[test]
fn a_scenario_name_is_given_once() {
    let mut model = tiny();
    model.scenarios.push(model.scenarios[0].clone());
    let found: Vec<(Kind, String)> = (model.check().iter())
        .map(|f| (f.kind, f.value.clone()))
        .collect();
    assert_eq!(found, [(Kind::Duplicate, "worse".to_string())]);
}
