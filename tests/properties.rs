//! The model's laws, checked with proptest over realistic domains.

use proptest::prelude::*;
use rust_decimal::Decimal;
use workforce_gap::Model;
use workforce_gap::Persons;
use workforce_gap::*;

/// Inputs of one contact-time initiative, as an analyst would enter them.
#[derive(Clone, Debug)]
struct ContactTime {
    patients: Decimal,
    contacts: Decimal,
    reduction: Decimal,
    minutes: Decimal,
    working_hours: Decimal,
    part_time: Decimal,
}

fn scaled(range: std::ops::RangeInclusive<i64>, scale: u32) -> impl Strategy<Value = Decimal> {
    range.prop_map(move |n| Decimal::new(n, scale))
}

prop_compose! {
    fn contact_time()(
        patients in scaled(0..=10_000_000, 0),
        contacts in scaled(0..=500, 1),        // 0.0 to 50.0 contacts a year
        reduction in scaled(0..=10_000, 4),    // 0% to 100% in steps of 0.01%
        minutes in scaled(1..=600, 0),
        working_hours in scaled(1000..=2500, 0),
        part_time in scaled(30..=100, 2),      // 0.30 to 1.00
    ) -> ContactTime {
        ContactTime { patients, contacts, reduction, minutes, working_hours, part_time }
    }
}

fn parameter(name: &str, value: Decimal) -> Parameter {
    Parameter::new(Scope::Region, name, value)
}

fn initiative(id: &str, themes: Vec<ThemeShare>, formula: Expr) -> Initiative {
    let effect = Effect {
        formula,
        ..Effect::hours("effect", "care", "0").unwrap()
    };
    Initiative {
        themes,
        ..Initiative::new(id, id)
    }
    .effect(effect)
}

fn model(
    norms: (Decimal, Decimal),
    parameters: Vec<Parameter>,
    initiatives: Vec<Initiative>,
    themes: usize,
) -> Model {
    let mut model = Model::new("")
        .default_norms(norms.0, norms.1)
        .sector("care", "care");
    for i in 0..themes {
        model = model.theme(format!("t{i}"), format!("t{i}"));
    }
    model.parameters = parameters;
    model.initiatives = initiatives;
    model
}

/// Persons freed by one contact-time initiative built with the library's own shape helper.
fn persons(c: &ContactTime) -> Decimal {
    let formula = Expr::contact_time("patients", "contacts", "reduction", "minutes");
    let share = vec![ThemeShare {
        theme: "t0".into(),
        weight: Decimal::ONE,
    }];
    let parameters = vec![
        parameter("patients", c.patients),
        parameter("contacts", c.contacts),
        parameter("reduction", c.reduction),
        parameter("minutes", c.minutes),
    ];
    let m = model(
        (c.working_hours, c.part_time),
        parameters,
        vec![initiative("i", share, formula)],
        1,
    );
    m.evaluate()
        .expect("realistic inputs evaluate")
        .total
        .value()
}

/// Equal up to the rounding of the 28th significant digit that division may cause.
fn close(a: Decimal, b: Decimal) -> bool {
    let scale = a.abs().max(b.abs()).max(Decimal::ONE);
    (a - b).abs() <= scale * Decimal::new(1, 20)
}

proptest! {
    #[test]
    fn persons_are_the_printed_arithmetic(c in contact_time()) {
        let written_out = c.patients * c.contacts * c.reduction * c.minutes / Decimal::from(60)
            / c.working_hours / c.part_time;
        prop_assert!(close(persons(&c), written_out));
    }

    #[test]
    fn linear_in_population(c in contact_time(), k in 1u32..=1000) {
        let k = Decimal::from(k);
        let more = ContactTime { patients: c.patients * k, ..c.clone() };
        prop_assert!(close(persons(&more), persons(&c) * k));
    }

    #[test]
    fn monotone_in_reduction_and_minutes(c in contact_time(), r in scaled(0..=10_000, 4), m in scaled(1..=600, 0)) {
        let (low_r, high_r) = (c.reduction.min(r), c.reduction.max(r));
        let low = persons(&ContactTime { reduction: low_r, ..c.clone() });
        let high = persons(&ContactTime { reduction: high_r, ..c.clone() });
        prop_assert!(low <= high);
        let (low_m, high_m) = (c.minutes.min(m), c.minutes.max(m));
        let low = persons(&ContactTime { minutes: low_m, ..c.clone() });
        let high = persons(&ContactTime { minutes: high_m, ..c.clone() });
        prop_assert!(low <= high);
    }

    #[test]
    fn inverse_in_working_hours_and_part_time_factor(c in contact_time(), h in scaled(1000..=2500, 0), p in scaled(30..=100, 2)) {
        let base = persons(&c);
        let other_hours = persons(&ContactTime { working_hours: h, ..c.clone() });
        prop_assert!(close(other_hours * h, base * c.working_hours));
        let other_factor = persons(&ContactTime { part_time: p, ..c.clone() });
        prop_assert!(close(other_factor * p, base * c.part_time));
        if h > c.working_hours { prop_assert!(other_hours <= base); }
        if p > c.part_time { prop_assert!(other_factor <= base); }
    }

    #[test]
    fn zero_reduction_frees_nobody(c in contact_time()) {
        prop_assert_eq!(persons(&ContactTime { reduction: Decimal::ZERO, ..c }), Decimal::ZERO);
    }

    #[test]
    fn theme_weights_preserve_the_total(
        initiatives in prop::collection::vec(
            (scaled(-1_000_000..=100_000_000, 3), prop::collection::vec((0usize..5, scaled(1..=1000, 2)), 1..5)),
            1..12,
        )
    ) {
        let mut parameters = Vec::new();
        let mut all = Vec::new();
        for (index, (hours, weights)) in initiatives.iter().enumerate() {
            let name = format!("hours_{index}");
            parameters.push(parameter(&name, *hours));
            let shares = weights.iter().map(|(t, w)| ThemeShare { theme: format!("t{t}"), weight: *w }).collect();
            all.push(initiative(&format!("i{index}"), shares, Expr::name(name)));
        }
        let norms = (Decimal::from(2000), Decimal::new(68, 2));
        let results = model(norms, parameters, all, 5).evaluate().unwrap();
        let themes = Persons::checked_sum(results.themes.iter().map(|t| t.persons)).unwrap();
        // Each initiative is split with the remainder on its last theme, so only the rounding of
        // the 28th significant digit in the additions can separate the two sums.
        prop_assert!(close(themes.value(), results.total.value()), "{} vs {}", themes, results.total);
        let initiatives = Persons::checked_sum(results.initiatives.iter().filter_map(|i| i.persons())).unwrap();
        prop_assert_eq!(initiatives, results.total);
    }
}

proptest! {
    #[test]
    fn no_formula_text_makes_the_parser_panic(text in "[-+*/()%. 0-9a-z_,]{0,200}|\\PC{0,100}") {
        if let Ok(expr) = Expr::parse(&text) {
            let resolve = |_: &str| Some(Decimal::ONE);
            let _ = expr.evaluate(&resolve);
            prop_assert_eq!(Expr::parse(&expr.to_string()).unwrap(), expr);
        }
    }

    #[test]
    fn no_csv_text_makes_loading_panic(text in "[a-z0-9_,;\"%. \\n-]{0,300}|\\PC{0,200}", file in 0usize..8) {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/tiny");
        let files: Vec<(&str, String)> = workforce_gap::Loader::FILES
            .iter()
            .enumerate()
            .map(|(i, name)| (*name, if i == file { text.clone() } else { std::fs::read_to_string(dir.join(name)).unwrap() }))
            .collect();
        let named: Vec<(&str, &str)> = files.iter().map(|(n, t)| (*n, t.as_str())).collect();
        if let Ok(model) = Loader::new().load_texts(&named).map(|loaded| loaded.model) {
            let _ = model.evaluate();
        }
    }
}

/// Any decimal: a 96-bit mantissa of either sign at any scale rust_decimal allows.
fn any_decimal() -> impl Strategy<Value = Decimal> {
    let mantissa = prop_oneof![
        // Halves and near-halves at small scales, where rounding decides.
        (-100_000i128..=100_000),
        (-(1i128 << 96) + 1..(1i128 << 96)),
    ];
    (mantissa, 0u32..=28).prop_map(|(m, scale)| Decimal::from_i128_with_scale(m, scale))
}

proptest! {
    #[test]
    fn plan_rounding_is_half_away_from_zero(value in any_decimal()) {
        use rust_decimal::RoundingStrategy::MidpointAwayFromZero;
        let general = value.round_dp_with_strategy(0, MidpointAwayFromZero);
        let rounded = Persons::new(value).plan_rounded();
        prop_assert_eq!(rounded, general);
        // The same figure to the sign and scale, so it prints the same.
        prop_assert_eq!(rounded.to_string(), general.to_string());
        prop_assert_eq!(rounded.is_sign_negative(), general.is_sign_negative());
    }
}

/// A canonical number as text: `digits` (no leading zero) with the point `fraction` places from
/// the right, and zeros put in front where the point falls before the first digit.
fn written(negative: bool, digits: &str, fraction: usize) -> String {
    let sign = if negative { "-" } else { "" };
    if fraction == 0 {
        return format!("{sign}{digits}");
    }
    let padded = format!(
        "{}{digits}",
        "0".repeat((fraction + 1).saturating_sub(digits.len()))
    );
    let (whole, decimals) = padded.split_at(padded.len() - fraction);
    format!("{sign}{whole}.{decimals}")
}

/// 1 to `max` significant digits, neither the first nor the last zero (so each carries value).
fn significant(min: usize, max: usize) -> impl Strategy<Value = String> {
    (min..=max).prop_flat_map(|n| {
        prop::collection::vec(0u8..10, n).prop_map(|mut digits| {
            let last = digits.len() - 1;
            digits[0] = digits[0].max(1);
            digits[last] = digits[last].max(1);
            digits.iter().map(|d| char::from(b'0' + d)).collect()
        })
    })
}

proptest! {
    #[test]
    fn a_number_of_at_most_28_significant_digits_reads_back_exactly(
        negative in any::<bool>(),
        digits in significant(1, 28),
        fraction in 0usize..=28,
    ) {
        let text = written(negative, &digits, fraction);
        let read = workforce_gap::NumberFormat::Canonical.parse(&text);
        prop_assert_eq!(read.map(|value| value.to_string()), Ok(text));
    }

    #[test]
    fn a_number_with_more_digits_than_a_decimal_holds_is_refused(
        negative in any::<bool>(),
        digits in significant(1, 60),
        fraction in 0usize..=60,
    ) {
        use workforce_gap::NumberError::{TooLarge, TooManyDigits};
        let text = written(negative, &digits, fraction);
        let whole_digits = digits.len().saturating_sub(fraction);
        let read = workforce_gap::NumberFormat::Canonical.parse(&text);
        if fraction > 28 || digits.len() > 29 {
            // A digit beyond the 28th after the point, or 30 digits and more: never held.
            let refused = matches!(read, Err(TooManyDigits | TooLarge));
            prop_assert!(refused, "{} read as {:?}", text, read);
        }
        if whole_digits > 29 {
            prop_assert_eq!(read.clone(), Err(TooLarge), "{}", text);
        }
        if let Ok(value) = read {
            prop_assert_eq!(value.to_string(), text);
        }
    }

    #[test]
    fn a_percentage_reads_as_its_number_divided_by_100_or_is_refused(
        digits in significant(1, 28),
        fraction in 0usize..=28,
    ) {
        let read_decimal = |text: &str| workforce_gap::NumberFormat::Canonical.parse(text);
        let text = written(false, &digits, fraction);
        let number = read_decimal(&text).unwrap();
        match read_decimal(&format!("{text}%")) {
            // Exactly: times 100 it is the number again.
            Ok(percent) => prop_assert_eq!(percent * Decimal::ONE_HUNDRED, number),
            // Refused only where the hundredth needs a digit beyond the 28th after the point.
            Err(_) => prop_assert!(fraction + 2 > 28, "{}% refused", text),
        }
    }

    #[test]
    fn zeros_after_the_last_digit_never_change_a_number_nor_refuse_it(
        digits in significant(1, 28),
        fraction in 1usize..=28,
        zeros in 0usize..40,
    ) {
        let read_decimal = |text: &str| workforce_gap::NumberFormat::Canonical.parse(text);
        let text = written(false, &digits, fraction);
        let padded = format!("{text}{}", "0".repeat(zeros));
        prop_assert_eq!(read_decimal(&padded), read_decimal(&text));
    }

    #[test]
    fn a_divisor_of_numbers_alone_that_is_zero_is_refused_when_read(
        digits in significant(1, 20),
        fraction in 0usize..=10,
    ) {
        let x = written(false, &digits, fraction);
        for divisor in [format!("({x} - {x})"), format!("({x} * 0)"), format!("(0 / {x})")] {
            let error = Expr::parse(&format!("a / {divisor}")).unwrap_err();
            let refused = matches!(
                &error,
                workforce_gap::Error::Formula { expected, .. } if expected.starts_with("divides by zero")
            );
            prop_assert!(refused, "{}", error);
        }
    }
}
