//! The embedded regions, pinned to their seeds: each shortage with the line that prints it, and
//! the number of initiatives recorded (none of them quantified outside Limburg).

use rust_decimal::Decimal;
use std::str::FromStr;
use workforce_gap::model::ShortageUnit;
use workforce_gap::{REGIONS, evaluate, region};

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

fn shortages(id: &str) -> Vec<(u16, String, Decimal, ShortageUnit)> {
    let model = region(id).unwrap().unwrap();
    model
        .shortages
        .iter()
        .map(|s| (s.year, s.scenario.clone(), s.value, s.unit))
        .collect()
}

#[test]
fn every_embedded_region_loads_and_evaluates() {
    for id in REGIONS {
        let model = region(id).unwrap().unwrap_or_else(|e| panic!("{id}: {e}"));
        evaluate(&model).unwrap_or_else(|e| panic!("{id}: {e}"));
        assert!(!model.initiatives.is_empty(), "{id} records no initiatives");
    }
    assert!(region("atlantis").is_none());
}

/// Haaglanden, seed 002 line 58: "Het tekort aan medewerkers is gestegen tot 5100 medewerkers"
/// (in 2030, line 56), printed again as "5.100" at line 179.
#[test]
fn haaglanden() {
    assert_eq!(
        shortages("haaglanden"),
        [(2030, "base".into(), d("5100"), ShortageUnit::Persons)]
    );
    let model = region("haaglanden").unwrap().unwrap();
    assert_eq!(model.initiatives.len(), 64);
    assert!(model.initiatives.iter().all(|i| i.effects.is_empty()));
    let results = evaluate(&model).unwrap();
    assert_eq!(results.gaps[0].remaining.value(), d("5100"));
}

/// Kennemerland, seed 000 line 775: "tot 2030 loopt het arbeidstekort op tot 5%", with no staff
/// base anywhere in the plan: listed, never compared.
#[test]
fn kennemerland() {
    assert_eq!(
        shortages("kennemerland"),
        [(2030, "base".into(), d("0.05"), ShortageUnit::Share)]
    );
    let model = region("kennemerland").unwrap().unwrap();
    assert_eq!(model.initiatives.len(), 73);
    let results = evaluate(&model).unwrap();
    assert!(results.gaps.is_empty());
    assert_eq!(results.uncompared.len(), 1);
}

/// Capelle aan den IJssel, Krimpen aan den IJssel, Rotterdam, seed 004 line 197: "loopt het tekort
/// aan personeel op van circa 2.200 naar 10.000 medewerkers in 2032"; line 195: "stijgt naar 11% in
/// 2032". The 2,200 has no year and is not a point of the projection.
#[test]
fn rotterdam() {
    assert_eq!(
        shortages("rotterdam"),
        [
            (2032, "base".into(), d("10000"), ShortageUnit::Persons),
            (2032, "base-share".into(), d("0.11"), ShortageUnit::Share)
        ]
    );
    let model = region("rotterdam").unwrap().unwrap();
    assert_eq!(model.initiatives.len(), 72);
}

/// Noord- en Midden-Limburg, seed 003 line 67.
#[test]
fn limburg() {
    let expected = [
        (2023, "base", "2100"),
        (2032, "base", "4500"),
        (2032, "worse", "6700"),
    ]
    .map(|(y, s, v)| (y, s.to_string(), d(v), ShortageUnit::Persons));
    assert_eq!(shortages("limburg"), expected);
}
