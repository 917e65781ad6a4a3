//! What it takes to close each gap: break-even values and scale factors, pinned to arithmetic
//! written out from the parameters, and the laws they obey on models drawn at random.

use proptest::prelude::*;
use rust_decimal::Decimal;
use workforce_gap::{Effect, Expr, Initiative, Lever, Loader, Model, Needed};

fn d(text: &str) -> Decimal {
    text.parse().unwrap()
}

fn tiny() -> Model {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/tiny");
    Loader::new().load_dir(dir).unwrap().model
}

/// The row of `kind` and `target` for the shortage `year scenario`.
fn row<'a>(rows: &'a [Needed], kind: Lever, scenario: &str, target: &str) -> &'a Needed {
    rows.iter()
        .find(|r| {
            r.kind == kind && format!("{} {}", r.year, r.scenario) == scenario && r.target == target
        })
        .unwrap_or_else(|| panic!("no row {kind} {scenario} {target}"))
}

/// The decimal one unit of its last (28th significant) digit away from `value`, up or down.
fn beside(value: Decimal, up: bool) -> Decimal {
    let whole_digits = value
        .abs()
        .trunc()
        .normalize()
        .to_string()
        .trim_start_matches('0')
        .len();
    let unit = Decimal::new(1, 28 - whole_digits as u32);
    if up { value + unit } else { value - unit }
}

/// The counted total with `target` set to `value`.
fn total_with(model: &Model, target: &str, value: Decimal) -> Decimal {
    let mut model = model.clone();
    model.set(target, value).unwrap();
    model.evaluate().unwrap().total.value()
}

/// A break-even closes the gap exactly (the total is the shortage), or to the last digit: the
/// total misses the shortage in its last digits only, and no decimal one digit beside the
/// value brings it nearer.
fn assert_closes(model: &Model, row: &Needed, shortage: Decimal) {
    let needed = row.needed.unwrap();
    let total = total_with(model, &row.target, needed);
    if row.exact {
        assert_eq!(total, shortage, "{row:?}");
        return;
    }
    let miss = (total - shortage).abs();
    assert!(miss <= shortage * Decimal::new(1, 24), "{row:?}: {total}");
    for up in [false, true] {
        let there = total_with(model, &row.target, beside(needed, up));
        assert!(
            miss <= (there - shortage).abs(),
            "{row:?}: {total}, beside it {there}"
        );
    }
}

#[test]
fn the_tiny_region_by_hand() {
    // Tiny frees 4 persons: fewer-consults 10000 × 4 × 10% × 30 / 60 = 2000 h / 2000 / 0.5 = 2;
    // shorter-stays 500 × 2 × 120 / 60 = 2000 h / 1000 (norms half) / 0.5 = 4, less its
    // coordinator 1 FTE / 0.5 = 2, so 2. Against 200 (2030 base) and 400 (2030 worse).
    let model = tiny();
    let rows = model.what_it_takes().unwrap();
    let needed = |kind, scenario, target| row(&rows, kind, scenario, target).needed;

    // All: 200 / 4 = 50 and 400 / 4 = 100.
    assert_eq!(needed(Lever::All, "2030 base", "all"), Some(d("50")));
    assert_eq!(needed(Lever::All, "2030 worse", "all"), Some(d("100")));
    // One initiative of 2, the other's 2 held: (200 - 2) / 2 = 99.
    assert_eq!(
        needed(Lever::Initiative, "2030 base", "fewer-consults"),
        Some(d("99"))
    );
    assert_eq!(
        needed(Lever::Initiative, "2030 worse", "shorter-stays"),
        Some(d("199"))
    );
    // Prevention has fewer-consults' 2 and a quarter of shorter-stays' 2: 2.5; home 1.5.
    // (200 - 1.5) / 2.5 = 79.4; (200 - 2.5) / 1.5 = 131.666...7, a quotient that does not end,
    // yet 1.5 times it is 197.5 in the 28 digits a decimal holds: the total is 200 to the digit.
    assert_eq!(
        needed(Lever::Theme, "2030 base", "prevention"),
        Some(d("79.4"))
    );
    let home = row(&rows, Lever::Theme, "2030 base", "home");
    assert_eq!(home.needed, Some(d("197.5") / d("1.5")));
    assert!(home.exact);

    // days_saved: the bed days give 2 × days_saved persons, so 2 + 2d - 2 = 200 at d = 100,
    // outside its range of 1 to 3.
    let days = row(
        &rows,
        Lever::Parameter,
        "2030 base",
        "shorter-stays.days_saved",
    );
    assert_eq!(
        (days.needed, days.within_range, days.exact),
        (Some(d("100")), Some(false), true)
    );
    // contacts has no range: 2 × contacts / 4 + 2 = 200 at 396.
    let contacts = row(
        &rows,
        Lever::Parameter,
        "2030 base",
        "fewer-consults.contacts",
    );
    assert_eq!(
        (contacts.needed, contacts.within_range),
        (Some(d("396")), None)
    );

    // reduction: 20 × reduction + 2 = 200 at 990%, which a share cannot be.
    let reduction = row(
        &rows,
        Lever::Parameter,
        "2030 base",
        "fewer-consults.reduction",
    );
    assert_eq!(reduction.needed, None);
    assert!(
        reduction
            .reason
            .as_ref()
            .unwrap()
            .contains("it would take about 990%, but a share")
    );
    // extra_fte: 4 - 2 × extra_fte + 2 = 200 at -97, and a count of FTE cannot be negative.
    let extra = row(
        &rows,
        Lever::Parameter,
        "2030 base",
        "shorter-stays.extra_fte",
    );
    assert_eq!(extra.needed, None);
    assert!(extra.reason.as_ref().unwrap().contains("-97"));
}

#[test]
fn a_norm_divides_and_is_solved_on_the_evaluator() {
    let model = tiny();
    let rows = model.what_it_takes().unwrap();
    // norms.half converts the bed days alone: 2000 h / hours / factor persons, the rest 0.
    // 2 / factor = 200 at 0.01; 4000 / hours = 200 at 20.
    let factor = row(
        &rows,
        Lever::Parameter,
        "2030 base",
        "norms.half.part_time_factor",
    );
    assert_eq!((factor.needed, factor.exact), (Some(d("0.01")), true));
    let hours = row(
        &rows,
        Lever::Parameter,
        "2030 base",
        "norms.half.working_hours_per_year",
    );
    assert_eq!((hours.needed, hours.exact), (Some(d("20")), true));
    // norms.default converts the consults' 2000 h and the coordinator's -1 FTE:
    // 2000 / hours / 0.5 + 2 = 200 at 4000 / 198 = 20.2020..., which no decimal is exactly.
    let default = row(
        &rows,
        Lever::Parameter,
        "2030 base",
        "norms.default.working_hours_per_year",
    );
    let difference = (default.needed.unwrap() - d("4000") / d("198")).abs();
    assert!(difference <= d("1e-25"), "{default:?}");
    assert_closes(&model, default, d("200"));
    // Its part-time factor divides +1 FTE and -1 FTE alike: the total does not move with it.
    let flat = row(
        &rows,
        Lever::Parameter,
        "2030 base",
        "norms.default.part_time_factor",
    );
    assert_eq!(flat.needed, None);
    assert_eq!(
        flat.reason.as_deref(),
        Some("the total does not change with it")
    );
}

/// One initiative that frees `care_hours / ratio` hours: a parameter in a divisor.
fn divided(care_hours: i64, ratio: Decimal, shortage: i64) -> Model {
    Model::new("Divided")
        .default_norms(1000, Decimal::ONE)
        .theme("care", "Care")
        .sector("ward", "Ward")
        .parameter("nurses", "care_hours", care_hours)
        .parameter("nurses", "ratio", ratio)
        .initiative(
            Initiative::new("nurses", "Fewer nurses per bed")
                .theme("care")
                .effect(Effect::hours("ward", "ward", "care_hours / ratio").unwrap()),
        )
        .shortage(2030, "base", shortage)
}

#[test]
fn a_parameter_in_a_divisor_is_found_to_the_last_digit() {
    // 30000 / ratio / 1000 / 1 persons = 90 at ratio = 1/3, which no decimal is exactly.
    let model = divided(30_000, d("10"), 90);
    let rows = model.what_it_takes().unwrap();
    let ratio = row(&rows, Lever::Parameter, "2030 base", "nurses.ratio");
    let difference = (ratio.needed.unwrap() - Decimal::ONE / d("3")).abs();
    assert!(difference <= d("1e-27"), "{ratio:?}");
    assert_closes(&model, ratio, d("90"));
    // care_hours stands in no divisor: 30000 / 10 / 1000 = 3 persons; 90 at 900000 exactly.
    let hours = row(&rows, Lever::Parameter, "2030 base", "nurses.care_hours");
    assert_eq!((hours.needed, hours.exact), (Some(d("900000")), true));
}

#[test]
fn a_shortage_not_compared_has_one_row_that_says_why() {
    let model = Model::embedded("kennemerland").unwrap().unwrap();
    let rows = model.what_it_takes().unwrap();
    let [all] = rows.as_slice() else {
        panic!("{rows:?}")
    };
    assert_eq!((all.kind, all.needed), (Lever::All, None));
    assert!(
        all.reason.as_ref().unwrap().starts_with("not compared: "),
        "{all:?}"
    );
}

#[test]
fn limburg_break_evens_close_their_gaps() {
    let model = Model::limburg().unwrap();
    let rows = model.what_it_takes().unwrap();
    let results = model.evaluate().unwrap();
    let gap = |r: &Needed| {
        let gap = results
            .gaps
            .iter()
            .find(|g| g.year == r.year && g.scenario == r.scenario);
        gap.unwrap().shortage.value()
    };
    let parameters = rows
        .iter()
        .filter(|r| r.kind == Lever::Parameter && r.needed.is_some());
    // Every tenth, so that the test stays quick: each exactly or to the last digit.
    for row in parameters.step_by(10) {
        assert_closes(&model, row, gap(row));
    }
}

/// The model with every counted initiative's effects multiplied by `factor`.
fn scaled(model: &Model, factor: Decimal) -> Model {
    let mut model = model.clone();
    let counted = model.counted_by_default();
    for (initiative, counts) in model.initiatives.iter_mut().zip(counted) {
        for effect in initiative.effects.iter_mut().filter(|_| counts) {
            effect.formula = Expr::parse(&format!("{factor} * ({})", effect.formula)).unwrap();
        }
    }
    model
}

fn random_tiny() -> impl Strategy<Value = Model> {
    (
        1i64..100_000,
        1i64..50,
        1i64..=100,
        1i64..120,
        1i64..20,
        1i64..10_000,
        1i64..5_000,
    )
        .prop_map(
            |(population, contacts, percent, minutes, ratio, care_hours, shortage)| {
                let mut model = Model::new("Drawn")
                    .default_norms(1600, d("0.7"))
                    .theme("t", "T")
                    .sector("s", "S")
                    .parameter("region", "population", population)
                    .parameter("a", "contacts", contacts)
                    .parameter("a", "reduction", Decimal::new(percent, 2))
                    .parameter("a", "minutes", minutes)
                    .parameter("b", "care_hours", care_hours)
                    .parameter("b", "ratio", ratio)
                    .initiative(
                        Initiative::new("a", "A").theme("t").effect(
                            Effect::hours(
                                "e",
                                "s",
                                "population * contacts * reduction * minutes / 60",
                            )
                            .unwrap(),
                        ),
                    )
                    .initiative(
                        Initiative::new("b", "B")
                            .theme("t")
                            .effect(Effect::fte("e", "s", "care_hours / ratio / 52").unwrap()),
                    )
                    .shortage(2030, "base", shortage);
                model.parameters[2].unit = "share".into();
                model
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    /// A parameter set to its break-even makes the total the shortage: exactly, or to the
    /// last digit (the shortage lies between the totals one digit to either side).
    #[test]
    fn a_parameter_at_its_break_even_closes_the_gap(model in random_tiny()) {
        let shortage = model.shortages[0].value;
        for row in model.what_it_takes().unwrap() {
            if row.kind == Lever::Parameter && row.needed.is_some() {
                assert_closes(&model, &row, shortage);
            }
        }
    }

    /// All counted initiatives scaled by the factor `all` needs free the shortage, to the
    /// last digits the factor's quotient rounds.
    #[test]
    fn all_initiatives_scaled_by_the_factor_close_the_gap(model in random_tiny()) {
        let rows = model.what_it_takes().unwrap();
        let all = row(&rows, Lever::All, "2030 base", "all");
        let total = scaled(&model, all.needed.unwrap()).evaluate().unwrap().total.value();
        let shortage = model.shortages[0].value;
        prop_assert!((total - shortage).abs() <= shortage * d("1e-24"), "{total} {shortage}");
    }
}

#[test]
fn the_text_gives_each_gap_its_scales_and_break_evens() {
    let model = tiny();
    let rows = model.what_it_takes().unwrap();
    let text = workforce_gap::Text::WhatItTakes(&rows, &model.evaluate().unwrap()).to_string();
    let line = |start: &str| {
        let found = text.lines().find(|l| l.trim_start().starts_with(start));
        found
            .unwrap_or_else(|| panic!("no line {start:?} in\n{text}"))
            .to_string()
    };
    assert_eq!(
        line("2030 base:"),
        "2030 base: shortage 200.0, freed 4.0, remaining 196.0"
    );
    // The figures of the_tiny_region_by_hand, rounded to four digits for reading.
    assert!(line("All counted").ends_with("4.0       x 50"), "{text}");
    assert!(line("theme At home").ends_with("x 131.7"), "{text}");
    let days = line("shorter-stays.days_saved");
    let days: Vec<&str> = days.split_whitespace().collect();
    assert_eq!(days, ["shorter-stays.days_saved", "2", "100", "no"]);
    // Three cannot, each named with its own reason: reduction's 990% is no share.
    assert_eq!(
        line("3 cannot close it alone"),
        "    3 cannot close it alone, for example:"
    );
    let reduction = line("fewer-consults.reduction:");
    assert!(
        reduction.contains("it would take about 990%, but a share lies between 0 and 100%"),
        "{reduction}"
    );
}

#[cfg(feature = "serde")]
#[test]
fn rows_serialize_with_their_decimals_as_strings() {
    let rows = tiny().what_it_takes().unwrap();
    let json = serde_json::to_value(row(&rows, Lever::Theme, "2030 base", "home")).unwrap();
    assert_eq!(json["kind"], "theme");
    assert_eq!(d(json["current"].as_str().unwrap()), d("1.5"));
    assert_eq!(json["needed"], (d("197.5") / d("1.5")).to_string());
    assert_eq!(json["within_range"], serde_json::Value::Null);
}

#[test]
fn a_break_even_beyond_the_largest_decimal_says_so() {
    // A base shortage of the largest decimal: population would have to be 2^96 x 5,000 or so,
    // far beyond what a decimal holds; that, not its domain, is why no value closes the gap.
    let mut model = tiny();
    model.shortages[0].value = Decimal::MAX;
    let rows = model.what_it_takes().unwrap();
    let population = rows
        .iter()
        .find(|r| r.target == "region.population" && r.scenario.ends_with("base"))
        .unwrap();
    assert_eq!(population.needed, None);
    let reason = population.reason.as_deref().unwrap();
    assert!(reason.contains("beyond the largest decimal"), "{reason}");
}

/// The reason a share cannot close a gap shows the value it would take in four significant
/// digits, not the 28 a decimal holds. Fewer-consults frees 2 persons with a reduction of 10%,
/// the rest 2; a shortage of 2000/3 takes 10% * (2000/3 - 2) / 2 = 33.2333..., a quotient
/// without end, read as 3323%.
#[test]
fn the_value_out_of_reach_is_written_for_reading() {
    let mut model = tiny();
    model.shortages[0].value = "666.66666666666666666666666667".parse().unwrap();
    let needed = model.what_it_takes().unwrap();
    let reduction = needed
        .iter()
        .find(|n| n.target == "fewer-consults.reduction" && n.scenario == "base")
        .unwrap();
    let reason = reduction.reason.as_deref().unwrap();
    assert!(
        reason.contains("it would take about 3323%, but"),
        "{reason}"
    );
}
