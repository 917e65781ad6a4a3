//! Monte Carlo over the tiny fixture's ranges: reduction 5%-15% (triangular, mode 10%) and
//! days_saved 1-3 (uniform, value 2). The total is linear in both and both distributions are
//! symmetric around the value, so the mean of the draws converges to the exact point total, 4.
#![cfg(feature = "monte-carlo")]

use workforce_gap::Loader;
use workforce_gap::Model;
use workforce_gap::MonteCarloSettings;

fn tiny() -> workforce_gap::Model {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/tiny");
    Loader::new().load_dir(dir).unwrap().model
}

#[test]
fn a_seed_reproduces_its_draws() {
    let model = tiny();
    let a = model
        .monte_carlo(MonteCarloSettings::default().draws(500).seed(11))
        .unwrap();
    let b = model
        .monte_carlo(MonteCarloSettings::default().draws(500).seed(11))
        .unwrap();
    let c = model
        .monte_carlo(MonteCarloSettings::default().draws(500).seed(12))
        .unwrap();
    assert_eq!(a, b);
    assert_ne!(a.total, c.total);
}

#[test]
fn the_mean_converges_to_the_point_value() {
    let mc = tiny()
        .monte_carlo(MonteCarloSettings::default().draws(40_000).seed(5))
        .unwrap();
    // sd of the total: days 2 * (3 - 1) / sqrt(12) = 1.15, reduction 20 * 10% / sqrt(6) = 0.08;
    // the mean of 40,000 draws is within 4 standard errors (0.023) of 4.
    assert!(
        (mc.total.mean() - 4.0).abs() < 0.03,
        "mean {}",
        mc.total.mean()
    );
    let median = mc.total.percentile(50.0);
    assert!((median - 4.0).abs() < 0.06, "median {median}");
}

#[test]
fn every_draw_lies_within_the_exact_bounds() {
    let model = tiny();
    let mc = model
        .monte_carlo(MonteCarloSettings::default().draws(5_000).seed(2))
        .unwrap();
    let b = model.bounds().unwrap();
    let (low, high) = mc.total.range();
    let (bl, bh) = (
        b.total.low.try_into().unwrap_or(f64::NAN),
        b.total.high.try_into().unwrap_or(f64::NAN),
    );
    assert!(
        bl - 1e-9 <= low && high <= bh + 1e-9,
        "draws {low}..{high}, bounds {bl}..{bh}"
    );
    for (id, summary) in &mc.initiatives {
        let bound = b.initiative(id).unwrap();
        let (lo, hi) = summary.range();
        let (bl, bh): (f64, f64) = (
            bound.low.try_into().unwrap(),
            bound.high.try_into().unwrap(),
        );
        assert!(bl - 1e-9 <= lo && hi <= bh + 1e-9, "{id}");
    }
}

/// days_saved swings the total by 4 over a uniform range, reduction by 2 over a triangle: the
/// first correlates more strongly with the total.
#[test]
fn correlations_rank_the_parameters() {
    let mc = tiny()
        .monte_carlo(MonteCarloSettings::default().draws(5_000).seed(9))
        .unwrap();
    let names: Vec<&str> = mc
        .correlations
        .iter()
        .map(|(_, name, _)| name.as_str())
        .collect();
    assert_eq!(names, ["days_saved", "reduction"]);
    assert!(mc.correlations[0].2 > 0.9);
}

#[test]
fn limburg_percentiles_are_ordered() {
    let mc = Model::limburg()
        .unwrap()
        .monte_carlo(MonteCarloSettings::default().draws(1_000).seed(1))
        .unwrap();
    let p = |q| mc.total.percentile(q);
    assert!(p(5.0) <= p(50.0) && p(50.0) <= p(95.0));
    assert_eq!(mc.gaps.len(), 3);
}

/// Draws come in chunks, each from its own stream, and the chunks' summaries are merged in their
/// order: how many threads draw them changes nothing, to the last bit.
#[cfg(feature = "parallel")]
#[test]
fn the_number_of_threads_changes_nothing() {
    let model = Model::limburg().unwrap();
    // Three and a half chunks of 1,000 draws, so that a short one is merged last.
    let settings = MonteCarloSettings::default().draws(3 * 1_000 + 500).seed(3);
    let on = |threads| {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap();
        pool.install(|| model.monte_carlo(settings).unwrap())
    };
    let one = on(1);
    assert_eq!(one.total.draws(), 3_500);
    assert_eq!(one, on(2));
    assert_eq!(one, on(3));
}

#[test]
fn no_draws_summarise_to_nothing() {
    let model = tiny();
    let mc = model
        .monte_carlo(MonteCarloSettings::default().draws(0).seed(1))
        .unwrap();
    assert_eq!(mc.total.draws(), 0);
    assert!(mc.total.mean().is_nan() && mc.total.percentile(50.0).is_nan());
    assert_eq!(mc.initiatives.len(), model.initiatives.len());
    assert!(mc.correlations.iter().all(|(_, _, r)| r.is_nan()));
}

#[test]
fn a_draw_that_fails_names_its_own_values() {
    // contacts within [4, 4 + 1e-27]: exact decimals divide by 1e-27 at most, but every draw as
    // f64 is 4.0, so `contacts - 4` is 0 in the first draw already.
    let mut model = tiny();
    let formula = workforce_gap::Expr::parse("population / (contacts - 4)").unwrap();
    model.initiatives[0].effects[0].formula = formula;
    let tiny_step: workforce_gap::Decimal = "0.000000000000000000000000001".parse().unwrap();
    let contacts = (model.parameters.iter_mut())
        .find(|p| p.name == "contacts")
        .unwrap();
    contacts.value = workforce_gap::Decimal::from(4) + tiny_step;
    contacts.range = Some(workforce_gap::Range::new(4, contacts.value));
    let error = model
        .monte_carlo(MonteCarloSettings::default().draws(100).seed(1))
        .unwrap_err();
    let text = error.to_string();
    assert!(text.contains("divides by zero"), "{text}");
    // One draw's value, not a batch of them.
    assert!(text.contains("contacts = 4 "), "{text}");
    assert!(!text.contains('['), "{text}");
}

#[test]
fn a_draw_that_overflows_midway_fails_the_run() {
    // contacts is 1 at its value but drawn uniformly over [1, 10^28]: the exact twelfth power at
    // the value is 1, but almost every draw's is above 10^300 and overflows f64 on the way
    // (f64 holds at most 1.8 * 10^308). A product keeps the overflow; a division by it would
    // hide it as 0.
    for formula in ["population * c", "population / (c)", "population / (c) * 0"] {
        let twelfth = ["contacts"; 12].join(" * ");
        let formula = formula.replace('c', &twelfth);
        let mut model = tiny();
        model.initiatives[0].effects[0].formula = workforce_gap::Expr::parse(&formula).unwrap();
        let contacts = (model.parameters.iter_mut())
            .find(|p| p.name == "contacts")
            .unwrap();
        contacts.value = workforce_gap::Decimal::ONE;
        let most: workforce_gap::Decimal = "10000000000000000000000000000".parse().unwrap();
        contacts.range = Some(workforce_gap::Range::new(1, most));
        model.evaluate().unwrap();
        let error = model
            .monte_carlo(MonteCarloSettings::default().draws(100).seed(1))
            .unwrap_err();
        let text = error.to_string();
        // One draw's value, not a batch of them.
        assert!(text.contains("contacts = "), "{formula}: {text}");
        assert!(!text.contains('['), "{formula}: {text}");
    }
}

#[test]
fn pseudo_random_draws_have_the_standard_error_of_independent_draws() {
    // Fewer consults frees reduction * 10,000 * 4 * 30 / 60 / 2,000 / 0.5 = 20 * reduction
    // persons; the triangle 5%, 10%, 15% has variance (a² + b² + c² - ab - ac - bc) / 18 =
    // (0.035 - 0.0275) / 18 = 1/2,400, so 400/2,400 = 1/6 in persons. Shorter stays' bed days
    // free 2 persons a day saved, uniform over 1 to 3 days: variance 4 * (3 - 1)² / 12 = 4/3.
    // The total's standard deviation is √(1/6 + 4/3) = √1.5, and 10,000 draws' standard error
    // √1.5 / 100, which the draws' own standard deviation gives within 5% (a sample's is off by
    // about 1 / √(2N) = 0.7%).
    let mc = tiny()
        .monte_carlo(MonteCarloSettings::default().draws(10_000).seed(5))
        .unwrap();
    let want = 1.5f64.sqrt() / 100.0;
    let error = mc.total.standard_error().unwrap();
    assert!((error / want - 1.0).abs() < 0.05, "{error} against {want}");
    // Below two draws there is no spread to tell.
    let one = tiny()
        .monte_carlo(MonteCarloSettings::default().draws(1))
        .unwrap();
    assert_eq!(one.total.standard_error(), None);
}
