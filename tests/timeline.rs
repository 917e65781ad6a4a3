//! The gap over time, pinned to arithmetic written out from the published points.

use rust_decimal::Decimal;
use std::str::FromStr;
use workforce_gap::{Model, Scenario, Setting, SettingKind};

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

fn scenario(settings: Vec<SettingKind>) -> Scenario {
    Scenario {
        name: "test".into(),
        settings: settings.into_iter().map(Setting::new).collect(),
    }
}

/// Line 67: 2.100 persons in 2023, 4.500 in 2032, up to 6.700 in 2032.
#[test]
fn with_no_initiative_counting_the_gap_is_the_published_shortage() {
    let model = Model::limburg().unwrap();
    let nothing = scenario(vec![SettingKind::Count(vec![])]);
    let years = model.timeline(&nothing).unwrap();
    assert_eq!(years.len(), 10);
    assert_eq!(
        (years[0].year, years[0].remaining.unwrap().value()),
        (2023, d("2100"))
    );
    assert_eq!(
        (years[9].year, years[9].remaining.unwrap().value()),
        (2032, d("4500"))
    );
    // 2024 lies a ninth of the way: 2100 + (4500 - 2100) / 9
    assert_eq!(
        years[1].remaining.unwrap().value(),
        d("2100") + (d("4500") - d("2100")) * (d("1") / d("9"))
    );
    assert!(
        years
            .iter()
            .all(|y| y.freed.value().is_zero() && y.remaining == y.shortage)
    );
}

#[test]
fn the_worse_scenario_starts_from_the_shared_present() {
    let model = Model::limburg().unwrap();
    let worse = model.shortage_per_year("worse").unwrap();
    assert_eq!(
        worse.first().map(|(y, p)| (*y, p.value())),
        Some((2023, d("2100")))
    );
    assert_eq!(
        worse.last().map(|(y, p)| (*y, p.value())),
        Some((2032, d("6700")))
    );
    assert_eq!(
        worse[3].1.value(),
        d("2100") + (d("6700") - d("2100")) * (d("3") / d("9"))
    );
}

/// Each initiative reaches its full figure in 2032, growing linearly from zero in 2023, so the
/// freed staff in 2032 is the total; Valpreventie's figure includes +16% demand growth to 2032,
/// so in 2027 (t = 4/9) it frees its figure * 4/9 * (1 + 16% * 4/9) / 1.16.
#[test]
fn initiatives_ramp_up_to_their_figure_in_the_horizon_year() {
    let model = Model::limburg().unwrap();
    let results = model.evaluate().unwrap();
    let as_published = scenario(vec![]);
    let years = model.timeline(&as_published).unwrap();
    assert_eq!(years[9].freed, results.total);
    assert_eq!(
        years[9].remaining.unwrap().value(),
        d("4500") - results.total.value()
    );

    let only_falls = scenario(vec![
        SettingKind::Count(vec![]),
        SettingKind::Include("valpreventie".into()),
    ]);
    let years = model.timeline(&only_falls).unwrap();
    let figure = results
        .initiative("valpreventie")
        .unwrap()
        .persons()
        .unwrap()
        .value();
    let t = d("4") / d("9");
    let expected = figure * t * ((d("1") + d("0.16") * t) / d("1.16"));
    assert!(
        (years[4].freed.value() - expected).abs() < d("0.0000000000000000001"),
        "{} vs {expected}",
        years[4].freed
    );
    assert_eq!(years[9].freed.value(), figure);
}

#[test]
fn a_start_and_full_year_shape_the_ramp() {
    let mut model = Model::limburg().unwrap();
    let dementie = model
        .initiatives
        .iter_mut()
        .find(|i| i.id == "sociale-benadering-dementie")
        .unwrap();
    dementie.start_year = Some(2025);
    dementie.full_year = Some(2027);
    let only = scenario(vec![
        SettingKind::Count(vec![]),
        SettingKind::Include("sociale-benadering-dementie".into()),
    ]);
    let freed: Vec<Decimal> = model
        .timeline(&only)
        .unwrap()
        .iter()
        .map(|y| y.freed.value())
        .collect();
    // 25500 * 3.4% = 867: nothing up to 2025, half in 2026, full from 2027
    let full = d("25500") * d("0.034");
    assert_eq!(freed[..5], [d("0"), d("0"), d("0"), full / d("2"), full]);
    assert!(freed[5..].iter().all(|f| *f == full));
}
