//! Exact moments against the draws: the Monte Carlo mean of every figure must lie within a few
//! of its standard errors (the exact standard deviation over the square root of the number of
//! draws) of the exact mean, on the embedded Limburg data and on the tiny fixture.

use workforce_gap::{Decimal, Loader, Model, Moments};

fn tiny() -> Model {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/tiny");
    Loader::new().load_dir(dir).unwrap().model
}

/// The total's mean and variance, which must be exact.
fn total(model: &Model) -> [Decimal; 3] {
    match model.moments().unwrap() {
        Moments::Exact { total, .. } => total,
        other => panic!("not exact: {other:?}"),
    }
}

#[test]
fn the_tiny_fixtures_moments_by_hand() {
    // fewer-consults: 10000 × 4 × reduction × 30 / 60 hours / 2000 / 0.5 = 20 × reduction
    // persons, reduction triangular 5%-15% with mode 10%: mean 0.1, variance
    // (0.05² + 0.15² + 0.1² − 0.05·0.15 − 0.05·0.1 − 0.15·0.1) / 18 = 0.0075 / 18 = 1/2400; so
    // mean 2 and variance 400 / 2400 = 1/6.
    // shorter-stays: 500 × days × 120 / 60 hours / 1000 / 0.5 = 2 × days persons, less 1 FTE /
    // 0.5 = 2 persons; days uniform 1-3: mean 2, variance 2² / 12 = 1/3; so mean 2 and
    // variance 4/3.
    // Total: mean 4, variance 1/6 + 4/3 = 3/2.
    let [mean, variance, sd] = total(&tiny());
    let close = |a: Decimal, b: Decimal| (a - b).abs() < Decimal::new(1, 20);
    assert!(close(mean, 4.into()), "{mean}");
    assert!(close(variance, Decimal::new(15, 1)), "{variance}");
    assert!(close(sd * sd, Decimal::new(15, 1)), "{sd}");
}

#[cfg(feature = "monte-carlo")]
mod draws {
    use super::*;
    use rust_decimal::prelude::ToPrimitive;
    use workforce_gap::{MonteCarloSettings, Summary};

    const DRAWS: usize = 40_000;

    /// Whether the draws' mean lies within four standard errors of the exact mean (and within
    /// f64's rounding of it, for a figure that does not vary).
    fn agrees(summary: &Summary, [mean, _, sd]: [Decimal; 3]) -> bool {
        let (mean, sd) = (mean.to_f64().unwrap(), sd.to_f64().unwrap());
        let error = sd / (DRAWS as f64).sqrt();
        (summary.mean() - mean).abs() <= 4.0 * error + 1e-9 * mean.abs().max(1.0)
    }

    fn check(model: &Model, seed: u64) {
        let Moments::Exact {
            total,
            themes,
            gaps,
        } = model.moments().unwrap()
        else {
            panic!("not exact");
        };
        let settings = MonteCarloSettings::default().draws(DRAWS).seed(seed);
        let mc = model.monte_carlo(settings).unwrap();
        assert!(total[2] > Decimal::ZERO, "the total varies");
        assert!(agrees(&mc.total, total), "{} vs {total:?}", mc.total.mean());
        assert_eq!(mc.themes.len(), themes.len());
        for ((id, drawn), (theme, exact)) in mc.themes.iter().zip(&themes) {
            assert_eq!(id, theme);
            assert!(agrees(drawn, *exact), "{id}: {} vs {exact:?}", drawn.mean());
        }
        assert_eq!(mc.gaps.len(), gaps.len());
        for ((year, scenario, covered, remaining), (y, s, c, r)) in mc.gaps.iter().zip(&gaps) {
            assert_eq!((year, scenario), (y, s));
            assert!(
                agrees(covered, *c) && agrees(remaining, *r),
                "{year} {scenario}"
            );
        }
    }

    #[test]
    fn the_draws_agree_with_the_exact_moments_on_tiny() {
        check(&tiny(), 5);
    }

    #[test]
    fn the_draws_agree_with_the_exact_moments_on_limburg() {
        check(&Model::limburg().unwrap(), 5);
    }
}
