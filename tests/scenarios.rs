//! Scenarios compared side by side, pinned to arithmetic written out from the tiny fixture:
//! fewer-consults = 10000 * 4 * 10% * 30 / 60 / 2000 / 0.5 = 2 persons,
//! shorter-stays = 500 * 2 * 120 / 60 / 1000 / 0.5 - 1 / 0.5 = 4 - 2 = 2 persons;
//! shortage 2030: 200 (base), 400 (worse).

use rust_decimal::Decimal;
use std::path::Path;
use std::str::FromStr;
use workforce_gap::csv_input::load_dir;
use workforce_gap::model::{Model, Status};
use workforce_gap::scenario::{Scenario, Setting, SettingKind, apply, compare};

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
                o.against.shortage().unwrap().value(),
                o.against.remaining().unwrap().value(),
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
    assert_eq!(outcomes[0].against.covered().unwrap().value(), d("0.02"));
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
    assert_eq!(
        find("worse shortage").against.shortage().unwrap().value(),
        d("6700")
    );
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
        .persons()
        .unwrap()
        .value()
        + results
            .initiative("integraal-ketenzorg-portaal")
            .unwrap()
            .persons()
            .unwrap()
            .value();
    // (equal up to the rounding of the 28th significant digit in the sums)
    let removed = base.freed.value() - find("without double counts").freed.value();
    assert!(
        (removed - copies).abs() < d("0.00000000000000000001"),
        "{removed} vs {copies}"
    );
    assert_eq!(find("without double counts").counted, base.counted - 2);
}
