//! Quasi-Monte Carlo (feature `qmc`): scrambled Sobol points against the exact moments of
//! models whose total is multilinear in their ranged parameters (`Model::moments`).
#![cfg(feature = "qmc")]

use rust_decimal::prelude::ToPrimitive;
use workforce_gap::{
    Decimal, Distribution, Effect, Initiative, Loader, Model, Moments, MonteCarloSettings, Range,
};

fn tiny() -> Model {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/tiny");
    Loader::new().load_dir(dir).unwrap().model
}

/// `pairs` initiatives of `persons = x * y`, x uniform from 1 to 3 and y Beta-PERT from 0 to
/// 1 with mode 1/4: 2 × `pairs` ranged parameters. E[x] = 2, E[y] = (0 + 4/4 + 1) / 6 = 1/3,
/// so each initiative's mean is 2/3.
fn products(pairs: usize) -> Model {
    let mut model = Model::new("Products")
        .default_norms(2000, Decimal::ONE)
        .theme("all", "All")
        .sector("care", "Care");
    for i in 0..pairs {
        let id = format!("i{i}");
        model = model
            .parameter(&id, "x", 2)
            .parameter(&id, "y", Decimal::new(25, 2))
            .initiative(
                Initiative::new(&id, &id)
                    .theme("all")
                    .effect(Effect::persons("e", "care", "x * y").unwrap()),
            );
    }
    for parameter in &mut model.parameters {
        parameter.range = Some(match parameter.name.as_str() {
            "x" => Range::new(1, 3),
            _ => Range {
                distribution: Distribution::Pert,
                ..Range::new(0, 1)
            },
        });
    }
    model
}

/// The exact mean and standard deviation of the total.
fn exact(model: &Model) -> (f64, f64) {
    match model.moments().unwrap() {
        Moments::Exact {
            total: [mean, _, sd],
            ..
        } => (mean.to_f64().unwrap(), sd.to_f64().unwrap()),
        other => panic!("not exact: {other:?}"),
    }
}

#[test]
fn the_mean_agrees_with_the_exact_one_within_its_standard_errors() {
    for (model, pinned) in [(tiny(), Some(4.0)), (Model::limburg().unwrap(), None)] {
        let (mean, _) = exact(&model);
        // The tiny fixture's exact mean, 4, is worked out by hand in tests/moments.rs.
        if let Some(pinned) = pinned {
            assert!((mean - pinned).abs() < 1e-12);
        }
        for seed in 1..=3 {
            let settings = MonteCarloSettings::default().draws(1 << 14).sobol(16);
            let mc = model.monte_carlo(settings.seed(seed)).unwrap();
            // 16 replicates of 1,024 points.
            assert_eq!(mc.total.draws(), 1 << 14);
            let error = mc.total.standard_error().unwrap();
            assert!(error > 0.0, "the total varies");
            // Four standard errors, with 15 degrees of freedom, fail once in a thousand; the
            // slack covers the f64 sums.
            let off = (mc.total.mean() - mean).abs();
            assert!(
                off <= 4.0 * error + 1e-9 * mean.abs(),
                "seed {seed}: {} vs {mean}, standard error {error}",
                mc.total.mean()
            );
            // Every figure has its own standard error: none where the points do not move it.
            let figures = (mc.initiatives.iter())
                .chain(&mc.themes)
                .chain(&mc.sectors)
                .map(|(_, s)| s)
                .chain(mc.gaps.iter().flat_map(|g| [&g.2, &g.3]));
            for summary in figures {
                let (lowest, highest) = summary.range();
                let error = summary.standard_error().unwrap();
                // A constant's replicate means differ only by the rounding of their sums.
                let constant = 1e-12 * lowest.abs().max(1.0);
                match lowest == highest {
                    true => assert!(error <= constant, "{summary:?}"),
                    false => assert!(constant < error && error < highest - lowest),
                }
            }
        }
    }
}

#[test]
fn replicates_are_at_least_two_and_at_most_256() {
    // One replicate has no spread: it is taken as two; more than 256 as 256.
    assert_eq!(MonteCarloSettings::default().sobol(1).replicates, 2);
    assert_eq!(MonteCarloSettings::default().sobol(10_000).replicates, 256);
    // Fewer draws than replicates: one point each.
    let settings = MonteCarloSettings::default().draws(0).sobol(4);
    assert_eq!(tiny().monte_carlo(settings).unwrap().total.draws(), 4);
    assert_eq!(MonteCarloSettings::default().sobol(0).replicates, 0);
}

/// The law quasi-random points are for: on a total that is a smooth (multilinear) function of
/// the parameters, the error of the mean at N points is far below pseudo-random draws', whose
/// standard error at N draws is exactly σ / √N (σ the total's exact standard deviation).
#[test]
fn the_error_is_far_below_pseudo_random_draws_at_the_same_number() {
    for model in [tiny(), products(4), Model::limburg().unwrap()] {
        let (mean, sd) = exact(&model);
        let n = 1 << 13;
        let pseudo = sd / f64::from(n).sqrt();
        // Over 8 seeds: the root mean square of the actual errors, and the mean reported error.
        let seeds = 1..=8;
        let (mut squares, mut reported) = (0.0, 0.0);
        for seed in seeds.clone() {
            let settings = MonteCarloSettings::default().draws(n as usize).sobol(16);
            let mc = model.monte_carlo(settings.seed(seed)).unwrap();
            squares += (mc.total.mean() - mean).powi(2);
            reported += mc.total.standard_error().unwrap();
        }
        let count = seeds.count() as f64;
        let (actual, reported) = ((squares / count).sqrt(), reported / count);
        println!(
            "{}: pseudo-random {pseudo:.3e}, quasi actual {actual:.3e}, reported {reported:.3e}",
            model.region.name
        );
        assert!(actual < pseudo / 10.0, "{actual} vs {pseudo}");
        assert!(reported < pseudo / 10.0, "{reported} vs {pseudo}");
    }
}

#[test]
fn a_precision_asked_for_is_reached_or_the_cap_says_why() {
    let model = Model::limburg().unwrap();
    let (_, sd) = exact(&model);
    let cap = 1 << 16;
    // From loose to beyond the cap: a hundredth of the spread is some 6 pseudo-random draws.
    for share in [0.1, 0.01, 1e-4, 1e-9] {
        let precision = sd * share;
        let settings = MonteCarloSettings::default()
            .precision(precision)
            .draws(cap);
        let mc = model.monte_carlo(settings).unwrap();
        let (error, points) = (mc.total.standard_error().unwrap(), mc.total.draws());
        println!("precision {precision:.3e}: {points} points, standard error {error:.3e}");
        assert!(points <= cap as u64);
        if error <= precision {
            // Reached with the fewest doublings: with half the points as the cap, the same
            // points give the same (larger) standard error, and the run says so.
            if points > 16 * 64 {
                let half = model
                    .monte_carlo(settings.draws(points as usize / 2))
                    .unwrap();
                assert_eq!(half.total.draws(), points / 2);
                assert!(half.total.standard_error().unwrap() > precision);
            }
        } else {
            // Not reached: the cap stopped it, at the most points within it.
            assert_eq!(points, cap as u64);
        }
    }
    // A precision of a billionth of the spread is out of reach within the cap.
    let settings = MonteCarloSettings::default()
        .precision(sd * 1e-9)
        .draws(cap);
    let error = model.monte_carlo(settings).unwrap().total.standard_error();
    assert!(error.unwrap() > sd * 1e-9);
}

#[test]
fn more_ranged_parameters_than_the_sequence_has_dimensions() {
    // 150 products: 300 ranged parameters, 44 beyond sobol_burley's 256 dimensions. Each
    // initiative's mean is 2/3 (see `products`), so the total's is 100.
    let model = products(150);
    let (mean, sd) = exact(&model);
    assert!((mean - 100.0).abs() < 1e-9, "{mean}");
    let settings = MonteCarloSettings::default().draws(1 << 13).sobol(16);
    for seed in 1..=3 {
        let mc = model.monte_carlo(settings.seed(seed)).unwrap();
        let error = mc.total.standard_error().unwrap();
        let off = (mc.total.mean() - mean).abs();
        assert!(
            off <= 4.0 * error,
            "{} vs {mean} ± {error}",
            mc.total.mean()
        );
        // Still no worse than pseudo-random draws.
        assert!(error < sd / f64::from(1 << 13).sqrt(), "{error} vs {sd}");
    }
}

/// The work is cut into chunks of one replicate each, whatever the number of threads, and
/// merged in their order: the same seed gives the same results to the last bit.
#[cfg(feature = "parallel")]
#[test]
fn the_number_of_threads_changes_nothing() {
    let model = Model::limburg().unwrap();
    // Replicates of 2,048 points: two chunks each, and doublings from 64 points.
    let settings = MonteCarloSettings::default().draws(16 * 2_048).sobol(16);
    let precise = settings.precision(1e-9);
    let on = |threads, settings| {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap();
        pool.install(|| model.monte_carlo(settings).unwrap())
    };
    for settings in [settings, precise] {
        let one = on(1, settings);
        assert_eq!(one.total.draws(), 16 * 2_048);
        assert_eq!(one, on(2, settings));
        assert_eq!(one, on(3, settings));
    }
}
