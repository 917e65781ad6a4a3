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
    assert_eq!(stays.audit.rounded, None);
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
