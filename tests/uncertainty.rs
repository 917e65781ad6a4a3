//! Bounds, sensitivity, reliance on assumptions and concentration, pinned to arithmetic written
//! out from the fixtures' parameters.

use proptest::prelude::*;
use rust_decimal::Decimal;
use std::str::FromStr;
use workforce_gap::Expr;
use workforce_gap::Interval;
use workforce_gap::Loader;
use workforce_gap::{Model, Range, Scope};

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

fn tiny() -> Model {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/tiny");
    Loader::new().load_dir(dir).unwrap().model
}

/// tiny/ranges.csv: reduction 5%-15% (value 10%), days_saved 1-3 (value 2).
#[test]
fn bounds_of_a_product_of_positive_ranges_are_its_corners() {
    let b = tiny().bounds().unwrap();
    // fewer-consults: 10000 * 4 * r * 30 / 60 hours / 2000 / 0.5, r from 5% to 15%
    let persons = |r: &str| d("10000") * d("4") * d(r) * d("30") / d("60") / d("2000") / d("0.5");
    assert_eq!(
        b.initiative("fewer-consults").unwrap(),
        Interval::new(persons("0.05"), persons("0.15"))
    );
    // shorter-stays: 500 * days * 120 / 60 / 1000 / 0.5 - 1 / 0.5, days from 1 to 3
    let stays = |days: &str| {
        d("500") * d(days) * d("120") / d("60") / d("1000") / d("0.5") - d("1") / d("0.5")
    };
    assert_eq!(
        b.initiative("shorter-stays").unwrap(),
        Interval::new(stays("1"), stays("3"))
    );
    let total = Interval::new(persons("0.05") + stays("1"), persons("0.15") + stays("3"));
    assert_eq!(b.total, total);
    // 2030 base: 200 persons short
    let (_, _, covered, remaining) = &b.gaps[0];
    assert_eq!(
        *remaining,
        Interval::new(d("200") - total.high, d("200") - total.low)
    );
    assert_eq!(
        *covered,
        Interval::new(total.low / d("200"), total.high / d("200"))
    );
    // prevention gets all of fewer-consults and a quarter of shorter-stays (weights 1:3)
    let prevention = b
        .themes
        .iter()
        .find(|(id, _)| id == "prevention")
        .unwrap()
        .1;
    assert_eq!(
        prevention,
        Interval::new(
            persons("0.05") + stays("1") / d("4"),
            persons("0.15") + stays("3") / d("4")
        )
    );
}

#[test]
fn every_limburg_result_lies_within_its_bounds() {
    let model = Model::limburg().unwrap();
    let results = model.evaluate().unwrap();
    let b = model.bounds().unwrap();
    for (result, (id, bound)) in results.initiatives.iter().zip(&b.initiatives) {
        assert_eq!(&result.id, id);
        let Some(persons) = result.persons() else {
            continue;
        };
        assert!(
            bound.contains(persons.value()),
            "{id}: {persons} not in {bound}"
        );
    }
    for (result, (_, _, bound)) in results.effects.iter().zip(&b.effects) {
        if let Some(persons) = result.persons {
            assert!(bound.contains(persons.value()));
        }
    }
    for (result, (_, bound)) in results.themes.iter().zip(&b.themes) {
        assert!(
            bound.contains(result.persons.value()),
            "{}: {} not in {bound}",
            result.id,
            result.persons
        );
    }
    for (result, (_, bound)) in results.sectors.iter().zip(&b.sectors) {
        assert!(bound.contains(result.persons.value()));
    }
    assert!(b.total.contains(results.total.value()));
    for (gap, (.., covered, remaining)) in results.gaps.iter().zip(&b.gaps) {
        assert!(covered.contains(gap.covered.value()));
        assert!(remaining.contains(gap.remaining.value()));
    }
    // Initiatives without a ranged parameter have a point as bounds.
    let dementie = b.initiative("sociale-benadering-dementie").unwrap();
    assert_eq!(dementie, Interval::point(d("25500") * d("0.034")));
}

/// A saving minus an extra cost that share the number of patients: the formula
/// `patients * 3 - patients * patients / 1000` is not monotone in `patients`. Its bounds must hold
/// every value it takes over the range.
#[test]
fn bounds_of_a_non_monotone_formula_hold_every_value() {
    let mut model = tiny();
    let effect = &mut model.initiatives[0].effects[0];
    effect.formula = Expr::parse("population * 3 - population * population / 1000").unwrap();
    let population = model
        .parameters
        .iter_mut()
        .find(|p| p.name == "population")
        .unwrap();
    population.value = d("1500");
    population.range = Some(Range::new(0, 3000));
    let bound = model.bounds().unwrap().effects[0].2;
    for population in (0..=3000).step_by(50) {
        let p = Decimal::from(population);
        let hours = p * d("3") - p * p / d("1000");
        let persons = hours / d("2000") / d("0.5");
        assert!(bound.contains(persons), "{persons} not in {bound}");
    }
}

/// The tornado of the tiny model: days_saved alone moves the total by
/// 500 * (3 - 1) * 120 / 60 / 1000 / 0.5 = 4 persons, reduction by
/// 10000 * 4 * (15% - 5%) * 30 / 60 / 2000 / 0.5 = 2 persons.
#[test]
fn the_tornado_ranks_parameters_by_swing() {
    let swings = tiny().tornado().unwrap();
    let ranked: Vec<(&str, Decimal)> = swings.iter().map(|s| (s.name.as_str(), s.swing)).collect();
    assert_eq!(ranked, [("days_saved", d("4")), ("reduction", d("2"))]);
    let days = &swings[0];
    assert_eq!(days.scope, Scope::Initiative("shorter-stays".into()));
    // the total is 4 persons at the values; days_saved at 1 frees 2 persons less, at 3 two more
    assert_eq!(
        (days.at_low.value(), days.at_high.value()),
        (d("2"), d("6"))
    );
}

#[test]
fn reliance_on_assumptions_splits_the_total() {
    let mut model = tiny();
    // In tiny, fewer-consults rests on the assumed reduction and shorter-stays on the assumed
    // coordinator FTE; make the latter sourced.
    model
        .parameters
        .iter_mut()
        .find(|p| p.name == "extra_fte")
        .unwrap()
        .assumption = false;
    let results = model.evaluate().unwrap();
    let split = model.reliance(&results).unwrap();
    assert_eq!(split.initiatives, ["fewer-consults"]);
    assert_eq!(split.on_assumptions.value(), d("2")); // 10000 * 4 * 10% * 30 / 60 / 2000 / 0.5
    assert_eq!(split.sourced.value(), d("2")); // 4 - 2 for shorter-stays
    assert_eq!(split.share_on_assumptions.unwrap().value(), d("0.5"));
}

/// Sociale benadering dementie, 25500 * 3.4% = 867 persons, carries more than half the total.
#[test]
fn concentration_shows_the_row_that_carries_half_of_limburg() {
    let results = Model::limburg().unwrap().evaluate().unwrap();
    let shares = results.concentration().unwrap();
    assert_eq!(shares[0].0, "sociale-benadering-dementie");
    assert_eq!(shares[0].1.value(), d("867") / results.total.value());
    assert!(shares[0].1.value() > d("0.5"));
    assert!(shares.windows(2).all(|w| w[0].1 >= w[1].1));
}

proptest! {
    /// Over random ranges on the tiny model, every result's exact value at any point of the
    /// ranges lies within the bounds.
    #[test]
    fn bounds_hold_every_draw(
        reduction in (0u32..=100, 0u32..=100, 0u32..=100),
        days in (0u32..=50, 0u32..=50, 0u32..=50),
    ) {
        let sorted = |(a, b, c): (u32, u32, u32)| { let mut v = [a, b, c]; v.sort(); v };
        let [r_low, r_value, r_high] = sorted(reduction);
        let [d_low, d_value, d_high] = sorted(days);
        let mut model = tiny();
        for p in &mut model.parameters {
            let (low, value, high) = match p.name.as_str() {
                "reduction" => (Decimal::new(r_low.into(), 2), Decimal::new(r_value.into(), 2), Decimal::new(r_high.into(), 2)),
                "days_saved" => (Decimal::from(d_low), Decimal::from(d_value), Decimal::from(d_high)),
                _ => continue,
            };
            p.value = value;
            p.range = Some(Range::new(low, high));
        }
        let b = model.bounds().unwrap();
        let results = model.evaluate().unwrap();
        prop_assert!(b.total.contains(results.total.value()));
        for (result, (_, bound)) in results.initiatives.iter().zip(&b.initiatives) {
            if let Some(persons) = result.persons() {
                prop_assert!(bound.contains(persons.value()));
            }
        }
    }
}

/// A swing recomputes only the initiatives that read its parameter; its totals must still be
/// those of the whole model evaluated with the parameter at each end of its range.
#[test]
fn each_swing_is_the_total_of_the_model_at_the_ends_of_the_range() {
    let model = Model::limburg().unwrap();
    let swings = model.tornado().unwrap();
    assert_eq!(
        swings.len(),
        model
            .parameters
            .iter()
            .filter(|p| p.range.is_some())
            .count()
    );
    for swing in &swings {
        let total_at = |end: fn(&Range) -> Decimal| {
            let mut changed = model.clone();
            let parameter = (changed.parameters.iter_mut())
                .find(|p| p.scope == swing.scope && p.name == swing.name)
                .unwrap();
            parameter.value = end(parameter.range.as_ref().unwrap());
            changed.evaluate().unwrap().total
        };
        assert_eq!(swing.at_low, total_at(|r| r.low), "{}", swing.name);
        assert_eq!(swing.at_high, total_at(|r| r.high), "{}", swing.name);
    }
}
