//! A value not known yet is written `pending`: the initiative that needs it is reported as
//! pending and counts for nothing, until the value is supplied.

use rust_decimal::Decimal;
use std::path::Path;
use workforce_gap::Kind;

fn tiny_with_parameters(extra: &str) -> Vec<(String, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/tiny");
    workforce_gap::Loader::FILES
        .iter()
        .filter(|f| dir.join(f).exists())
        .map(|f| {
            let mut text = std::fs::read_to_string(dir.join(f)).unwrap();
            if *f == "parameters.csv" {
                text = text.replace(
                    "shorter-stays,admissions,500,",
                    &format!("shorter-stays,admissions,{extra},"),
                );
            }
            (f.to_string(), text)
        })
        .collect()
}

fn load(files: &[(String, String)]) -> workforce_gap::Loaded {
    let named: Vec<(&str, &[u8])> = files
        .iter()
        .map(|(n, t)| (n.as_str(), t.as_bytes()))
        .collect();
    workforce_gap::Loader::new().load_bytes(&named).unwrap()
}

#[test]
fn a_pending_value_holds_its_initiative_back() {
    let loaded = load(&tiny_with_parameters("pending"));
    let info = loaded
        .findings
        .iter()
        .find(|f| f.kind == Kind::Pending)
        .unwrap();
    assert_eq!(info.value, "shorter-stays");
    assert!(info.expected.contains("admissions"));
    let results = loaded.model.evaluate().unwrap();
    let stays = results.initiative("shorter-stays").unwrap();
    assert_eq!(stays.figure.pending(), ["admissions"]);
    assert!(!stays.counted);
    // Pending is not zero: there is no figure to read.
    assert_eq!(stays.persons(), None);
    assert_eq!(stays.rounded, None);
    // Its effects have no figures either.
    let effects: Vec<_> = (results.effects.iter())
        .filter(|e| e.initiative == "shorter-stays")
        .collect();
    assert_eq!(effects.len(), 2);
    assert!(
        effects
            .iter()
            .all(|e| e.persons.is_none() && e.fte.is_none())
    );
    // Only fewer-consults counts: 10000 * 4 * 10% * 30 / 60 / 2000 / 0.5 = 2 persons.
    assert_eq!(results.total.value(), Decimal::from(2));
    assert!(
        workforce_gap::Text::Results(&results)
            .to_string()
            .contains("pending: needs admissions")
    );
    // Bounds and scenarios skip it too.
    let bounds = loaded.model.bounds().unwrap();
    assert_eq!(
        bounds.initiative("shorter-stays").unwrap().high,
        Decimal::ZERO
    );
}

#[test]
fn a_supplied_value_makes_it_count() {
    let loaded = load(&tiny_with_parameters("500"));
    let results = loaded.model.evaluate().unwrap();
    assert!(results.initiative("shorter-stays").unwrap().counted);
    assert_eq!(results.total.value(), Decimal::from(4));
}

#[test]
fn a_pending_value_set_is_supplied() {
    let mut model = load(&tiny_with_parameters("pending")).model;
    let mut evaluator = workforce_gap::Evaluator::new(model.clone()).unwrap();
    model
        .set("shorter-stays.admissions", Decimal::from(500))
        .unwrap();
    evaluator
        .set("shorter-stays.admissions", Decimal::from(500))
        .unwrap();
    // With its 500 admissions back, shorter-stays frees 4 persons in hospital and needs 2 in gp
    // (tests/outputs.rs writes it out): net 2, and the total is the tiny region's 2 + 2 = 4.
    let results = model.evaluate().unwrap();
    let stays = results.initiative("shorter-stays").unwrap();
    assert!(stays.figure.pending().is_empty());
    assert!(stays.counted);
    assert_eq!(stays.persons(), Some(workforce_gap::Persons::new(2.into())));
    assert_eq!(results.total.value(), Decimal::from(4));
    assert_eq!(evaluator.results(), &results);
}

#[test]
fn a_scenario_that_sets_a_pending_value_counts_its_initiative() {
    let mut model = load(&tiny_with_parameters("pending")).model;
    let supplied = workforce_gap::Target::parse("shorter-stays.admissions").unwrap();
    model.scenarios.push(workforce_gap::Scenario {
        name: "admissions known".into(),
        settings: vec![workforce_gap::Setting::new(
            workforce_gap::SettingKind::Set {
                target: supplied,
                value: Decimal::from(500),
            },
        )],
    });
    let outcomes = model.compare().unwrap();
    let outcome = |name: &str| outcomes.iter().find(|o| o.name == name).unwrap();
    // As published only fewer-consults counts: 2 persons; with the 500 admissions shorter-stays
    // counts too, net 4 - 2 = 2 more: 4.
    assert_eq!(outcome("as published").counted, 1);
    assert_eq!(outcome("as published").freed.value(), Decimal::from(2));
    assert_eq!(outcome("admissions known").counted, 2);
    assert_eq!(outcome("admissions known").freed.value(), Decimal::from(4));
}
