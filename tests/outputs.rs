//! Every output on any region: not quantified is not zero, what is not compared is listed, the
//! themes and sectors add up the same way, and names from data cannot forge a line.
//!
//! The tiny fixture, by hand (norms default: 2000 h, part-time 0.5; half: 1000 h, 0.5):
//! - fewer-consults: 10000 * 4 * 10% * 30 / 60 = 2000 h / 2000 = 1 FTE / 0.5 = 2 persons (gp)
//! - shorter-stays: 500 * 2 * 120 / 60 = 2000 h / 1000 = 2 FTE / 0.5 = 4 persons (hospital),
//!   and a coordinator needed, -1 FTE / 0.5 = -2 persons (gp): net 2, split prevention 1 : home 3.
//! - total 2 + 2 = 4; the shortage 200 (base) and 400 (worse) in 2030.

use rust_decimal::Decimal;
use std::path::Path;
use workforce_gap::evaluate::{Figure, Verdict};
use workforce_gap::{Model, evaluate};

fn d(text: &str) -> Decimal {
    text.parse().unwrap()
}

fn tiny() -> Model {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/tiny");
    workforce_gap::csv_input::Loader::new()
        .load_dir(&dir)
        .unwrap()
        .model
}

/// The tiny region with one more initiative, counted, published at 7, without effects.
fn with_unquantified() -> Model {
    let mut model = tiny();
    let mut idle = model.initiatives[0].clone();
    idle.id = "no-effects".into();
    idle.name = "Without effects".into();
    idle.published = Some(workforce_gap::model::Published::range(d("7"), d("7")));
    idle.effects.clear();
    model.initiatives.push(idle);
    model
}

#[test]
fn an_initiative_without_effects_has_no_figure() {
    let results = evaluate(&with_unquantified()).unwrap();
    let idle = results.initiative("no-effects").unwrap();
    assert_eq!(idle.figure, Figure::NotQuantified);
    assert_eq!(idle.persons(), None);
    assert_eq!(idle.audit.rounded, None);
    assert_eq!(idle.audit.verdict, Verdict::NotQuantified);
    // It counts (running) but adds nothing: the total stays 2 + 2 = 4.
    assert!(idle.counted);
    assert_eq!(results.total.value(), d("4"));
}

#[test]
fn text_shows_not_quantified_without_a_number() {
    let text = workforce_gap::render::text(&evaluate(&with_unquantified()).unwrap());
    let line = text
        .lines()
        .find(|l| l.contains("Without effects"))
        .unwrap();
    assert!(line.contains("not quantified"), "{line}");
    // No "0.00" nor "0" figure: after the name only the published 7 and the verdict.
    let figures: Vec<&str> = line["  Without effects".len()..]
        .split_whitespace()
        .filter(|w| w.parse::<Decimal>().is_ok())
        .collect();
    assert_eq!(figures, ["7"], "{line}");
    // Two initiatives are quantified and counted; the third is counted apart.
    assert!(
        text.contains("staff freed by 2 quantified initiatives"),
        "{text}"
    );
}

#[test]
fn csv_leaves_the_figures_of_an_unquantified_initiative_empty() {
    let results = evaluate(&with_unquantified()).unwrap();
    let mut out = Vec::new();
    workforce_gap::render::csv(&results, &mut out).unwrap();
    let mut reader = csv::Reader::from_reader(out.as_slice());
    let headers = reader.headers().unwrap().clone();
    let column = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let row = reader
        .records()
        .map(Result::unwrap)
        .find(|r| &r[column("id")] == "no-effects")
        .unwrap();
    assert_eq!(&row[column("persons")], "");
    assert_eq!(&row[column("fte")], "");
    assert_eq!(&row[column("rounded")], "");
    assert_eq!(&row[column("published")], "7");
    assert_eq!(&row[column("verdict")], "not quantified");
}

#[test]
fn concentration_lists_only_quantified_initiatives() {
    let results = evaluate(&with_unquantified()).unwrap();
    let shares = workforce_gap::uncertainty::concentration(&results).unwrap();
    let ids: Vec<&str> = shares.iter().map(|(id, _)| id.as_str()).collect();
    // fewer-consults 2 / 4 and shorter-stays 2 / 4; no "no-effects" at 0%.
    assert_eq!(ids.len(), 2);
    assert!(!ids.contains(&"no-effects"));
    assert!(shares.iter().all(|(_, s)| s.value() == d("0.5")));
}
