//! A shortage stated in FTE or as a share is set against persons only through explicit inputs;
//! without them the shortage is not compared (listed, with the reason), never assumed.

use rust_decimal::Decimal;
use std::path::Path;
use std::str::FromStr;
use workforce_gap::Loader;
use workforce_gap::{Comparison, Scenario};
use workforce_gap::{Model, Shortage, ShortageUnit};
use workforce_gap::{PartTimeFactor, Persons};

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

/// The tiny fixture with its shortage replaced: 5% of the staff required in 2030 (as
/// Kennemerland states it, line 775).
fn with_share() -> Model {
    let mut model = Loader::new()
        .load_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/tiny"))
        .map(|loaded| loaded.model)
        .unwrap();
    model.shortages = vec![Shortage {
        unit: ShortageUnit::Share,
        value: d("0.05"),
        ..Shortage::in_persons(2030, "base", Persons::ZERO)
    }];
    model
}

#[test]
fn a_share_without_its_base_is_not_compared() {
    let model = with_share();
    let results = model.evaluate().unwrap();
    assert!(results.gaps.is_empty());
    assert_eq!(results.uncompared.len(), 1);
    assert!(
        results.uncompared[0]
            .reason
            .contains("5% of the staff required in 2030"),
        "{}",
        results.uncompared[0].reason
    );
    assert!(results.uncompared[0].reason.contains("required_staff"));
    // The analyses go on: the freed staff is given, the shortage listed as not compared.
    let mut model = model;
    model.scenarios.clear(); // the fixture's "worse" shortage is gone
    let outcomes = model.compare().unwrap();
    let Comparison::NotCompared { reason } = &outcomes[0].against else {
        panic!("{:?}", outcomes[0].against);
    };
    assert_eq!(reason, &results.uncompared[0].reason);
    // The tiny initiatives free 2 + 2 = 4 persons.
    assert_eq!(outcomes[0].freed.value(), d("4"));
    let as_it_is = Scenario {
        name: "as it is".into(),
        settings: vec![],
    };
    let years = model.timeline(&as_it_is).unwrap();
    // One year, 2030, the horizon: the full 4 persons, and no shortage to set them against.
    assert_eq!(years.len(), 1);
    assert_eq!(
        (years[0].year, years[0].shortage, years[0].remaining),
        (2030, None, None)
    );
    assert_eq!(years[0].freed.value(), d("4"));
    let text = workforce_gap::Text::Timeline(&years).to_string();
    assert!(text.contains("n/c"), "{text}");
}

#[test]
fn a_share_with_its_base_becomes_persons() {
    let mut model = with_share();
    model.region.required_staff = Some(Persons::new(d("8000")));
    let results = model.evaluate().unwrap();
    // 5% of 8000 = 400 persons; the tiny initiatives free 4
    assert_eq!(results.gaps[0].shortage.value(), d("400"));
    assert_eq!(results.gaps[0].remaining.value(), d("396"));
}

#[test]
fn fte_need_a_part_time_factor() {
    let mut model = with_share();
    model.shortages[0].unit = ShortageUnit::Fte;
    model.shortages[0].value = d("150");
    assert!(model.evaluate().unwrap().gaps.is_empty());
    model.region.shortage_part_time_factor = Some(PartTimeFactor::new(d("0.75")));
    // 150 FTE / 0.75 = 200 persons
    assert_eq!(model.evaluate().unwrap().gaps[0].shortage.value(), d("200"));
}

#[test]
fn units_and_bases_load_from_csv() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/tiny");
    let mut files: Vec<(String, String)> = workforce_gap::Loader::FILES
        .iter()
        .filter(|f| dir.join(f).exists() && **f != "scenarios.csv")
        .map(|f| (f.to_string(), std::fs::read_to_string(dir.join(f)).unwrap()))
        .collect();
    for (name, text) in &mut files {
        if name == "shortage.csv" {
            *text = "year,scenario,value,unit,source\n2030,base,5%,share,line 775\n".into();
        }
        if name == "region.csv" {
            text.push_str("required_staff,8000,\n");
        }
    }
    let named: Vec<(&str, &str)> = files
        .iter()
        .map(|(n, t)| (n.as_str(), t.as_str()))
        .collect();
    let model = Loader::new()
        .load_texts(&named)
        .map(|loaded| loaded.model)
        .unwrap();
    assert_eq!(model.shortages[0].unit, ShortageUnit::Share);
    assert_eq!(model.evaluate().unwrap().gaps[0].shortage.value(), d("400"));
}
