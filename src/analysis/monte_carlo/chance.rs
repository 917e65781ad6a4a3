//! The chance of reaching a target, read from the draws' summaries: the share of the draws in
//! which the initiatives cover at least a given share of each shortage, the share they cover
//! with a given chance, and each initiative's spread for the priorities table.

use super::{MonteCarlo, Summary};
use crate::analysis::priorities::Priority;

impl MonteCarlo {
    /// Per shortage compared (as in [`MonteCarlo::gaps`]: year, scenario): the chance, from 0 to
    /// 1, that the initiatives cover at least `share` of it (0.35 for 35%), the share of the draws
    /// that do; `NaN` without draws. A shortage that cannot be stated in persons is not compared
    /// and has no row ([`crate::Results::uncompared`] says why).
    ///
    /// The draws at or above `share` are counted exactly but for those in the histogram bucket
    /// that holds `share` (draws within [`Summary::RELATIVE_ERROR`] of it, or 2<sup>-15</sup>
    /// below 1/16), which are taken as spread evenly across it. Below the lowest draw the chance
    /// is 1, above the highest 0.
    ///
    /// ```
    /// use workforce_gap::MonteCarloSettings;
    /// let mc = workforce_gap::Model::limburg()?.monte_carlo(MonteCarloSettings::default().draws(2_000))?;
    /// for (year, scenario, chance) in mc.chance(0.5) {
    ///     println!("{year} {scenario}: half the shortage covered in {:.0}% of the draws", chance * 100.0);
    /// }
    /// // The curve: the share covered with a chance of 90%, 50% and 10%.
    /// for chance in [0.9, 0.5, 0.1] {
    ///     let (_, _, covered) = &mc.coverage(chance)[0];
    ///     assert!(mc.chance(*covered)[0].2 >= chance - 1.0 / 2_000.0);
    /// }
    /// # Ok::<(), workforce_gap::Error>(())
    /// ```
    pub fn chance(&self, share: f64) -> Vec<(u16, String, f64)> {
        self.per_gap(|covered| at_least(covered, share))
    }

    /// Per shortage compared, as [`MonteCarlo::chance`]: the share of it the initiatives cover
    /// with a chance of `chance` (0 to 1), the `100 (1 - chance)`th percentile of the share
    /// covered: the curve of coverage against probability, point by point.
    pub fn coverage(&self, chance: f64) -> Vec<(u16, String, f64)> {
        self.per_gap(|covered| covered.percentile(100.0 * (1.0 - chance)))
    }

    /// Fills in each priority's 5th and 95th percentiles from these draws' summary of its
    /// initiative (matched by id): the draws must be of the model the priorities are of.
    ///
    /// ```
    /// use workforce_gap::{MonteCarloSettings, Text};
    /// let model = workforce_gap::Model::limburg()?;
    /// let mut priorities = model.priorities()?;
    /// model.monte_carlo(MonteCarloSettings::default().draws(1_000))?.fill_percentiles(&mut priorities);
    /// assert!(priorities.iter().all(|p| p.persons.is_none() || p.percentiles.is_some()));
    /// print!("{}", Text::Priorities(&priorities));
    /// # Ok::<(), workforce_gap::Error>(())
    /// ```
    pub fn fill_percentiles(&self, priorities: &mut [Priority]) {
        for priority in priorities.iter_mut().filter(|p| p.persons.is_some()) {
            let summary = self.initiatives.iter().find(|(id, _)| *id == *priority.id);
            priority.percentiles = summary
                .filter(|(_, summary)| summary.draws() > 0)
                .map(|(_, summary)| (summary.percentile(5.0), summary.percentile(95.0)));
        }
    }

    fn per_gap(&self, of: impl Fn(&Summary) -> f64) -> Vec<(u16, String, f64)> {
        (self.gaps.iter())
            .map(|(year, scenario, covered, _)| (*year, scenario.clone(), of(covered)))
            .collect()
    }
}

/// The share of the draws at or above `value`.
fn at_least(summary: &Summary, value: f64) -> f64 {
    let draws = summary.draws();
    if draws == 0 || value.is_nan() {
        return f64::NAN;
    }
    // The draws by rank are in order of value: find the first at or above it.
    let (mut low, mut high) = (0, draws);
    while low < high {
        let middle = low + (high - low) / 2;
        if summary.ranked(middle) >= value {
            high = middle;
        } else {
            low = middle + 1;
        }
    }
    (draws - low) as f64 / draws as f64
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::MonteCarloSettings;
    use crate::model::{Model, ShortageUnit};
    use proptest::prelude::*;
    use std::sync::LazyLock;

    const DRAWS: usize = 20_000;

    fn tiny() -> Model {
        let folder = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/tiny");
        crate::Loader::new().load_dir(folder).unwrap().model
    }

    /// The tiny fixture's draws, made once for all tests.
    static TINY: LazyLock<MonteCarlo> = LazyLock::new(|| {
        let settings = MonteCarloSettings::default().draws(DRAWS).seed(3);
        tiny().monte_carlo(settings).unwrap()
    });

    #[test]
    fn the_chance_of_the_tiny_fixture_by_hand() {
        // fewer-consults frees 20 * reduction persons, the reduction triangular over 5% to 15%
        // with its mode at 10%: T is triangular over 1 to 3 with its mode at 2. shorter-stays
        // frees 2 * days - 2, days uniform over 1 to 3: U is uniform over 0 to 4. Both are
        // symmetric about 2, so the total T + U is symmetric about 4: P(total >= 4) = 1/2.
        // P(total >= 6) = P(U >= 6 - T) = E[max(0, (T - 2) / 4)] = the integral over 2 to 3 of
        // (t - 2) / 4 * (3 - t) dt = 1/4 * 1/6 = 1/24.
        // The shortages are 200 (base) and 400 (worse) persons.
        let chances = |share_of_base: f64| {
            let worse = TINY.chance(share_of_base / 2.0);
            let base = TINY.chance(share_of_base);
            assert_eq!((base[0].0, base[0].1.as_str()), (2030, "base"));
            assert_eq!((worse[1].0, worse[1].1.as_str()), (2030, "worse"));
            [base[0].2, worse[1].2]
        };
        // 20,000 draws: a standard error of at most 0.0036.
        for chance in chances(4.0 / 200.0) {
            assert!((chance - 0.5).abs() < 0.015, "{chance}");
        }
        for chance in chances(6.0 / 200.0) {
            assert!((chance - 1.0 / 24.0).abs() < 0.01, "{chance}");
        }
    }

    #[test]
    fn nothing_is_certain_beyond_the_draws() {
        // The total lies between 1 and 7 persons: every draw covers more than nothing.
        for (_, _, chance) in TINY.chance(0.0) {
            assert_eq!(chance, 1.0);
        }
        for (_, _, covered, _) in &TINY.gaps {
            let (lowest, highest) = covered.range();
            let chance = |share: f64| at_least(covered, share);
            assert_eq!(chance(lowest), 1.0);
            assert!(chance(highest) > 0.0);
            assert_eq!(chance(highest * (1.0 + 1e-12)), 0.0);
            assert_eq!(chance(f64::INFINITY), 0.0);
        }
        assert!(at_least(&Summary::default(), 0.5).is_nan());
    }

    #[test]
    fn the_curve_is_the_percentiles_of_the_share_covered() {
        for chance in [0.05, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95] {
            let curve = TINY.coverage(chance);
            for ((_, _, covered), (_, _, summary, _)) in curve.iter().zip(&TINY.gaps) {
                assert_eq!(*covered, summary.percentile(100.0 * (1.0 - chance)));
                // At least `chance` of the draws reach the share the curve gives for it (less
                // one draw, the percentile lying between two), and not many more.
                let reached = at_least(summary, *covered * (1.0 - 1e-12));
                assert!(
                    reached >= chance - 1.0 / DRAWS as f64,
                    "{chance}: {reached}"
                );
                assert!(reached <= chance + 0.001, "{chance}: {reached}");
            }
        }
    }

    #[test]
    fn percentiles_fill_the_priorities_they_belong_to() {
        let mut priorities = tiny().priorities().unwrap();
        TINY.fill_percentiles(&mut priorities);
        // fewer-consults: T's 5th percentile is 1 + sqrt(2 * 0.05) = 1.316..., its 95th
        // 3 - sqrt(0.1) = 2.683...; shorter-stays: U's are 0.2 and 3.8.
        let want = [(1.0 + 0.1f64.sqrt(), 3.0 - 0.1f64.sqrt()), (0.2, 3.8)];
        for (priority, (p5, p95)) in priorities.iter().zip(want) {
            let (got5, got95) = priority.percentiles.unwrap();
            assert!(
                (got5 - p5).abs() < 0.05 && (got95 - p95).abs() < 0.05,
                "{priority:?}"
            );
        }
    }

    #[test]
    fn a_shortage_not_in_persons_has_no_chance_and_the_text_says_why() {
        // The tiny fixture with a third shortage stated as a share of the staff required, and
        // no required staff to turn it into persons.
        let mut model = tiny();
        let mut share = model.shortages[0].clone();
        (share.scenario, share.value, share.unit) =
            ("share".into(), "0.05".parse().unwrap(), ShortageUnit::Share);
        model.shortages.push(share);
        let results = model.evaluate().unwrap();
        let mc = model
            .monte_carlo(MonteCarloSettings::default().draws(100))
            .unwrap();
        let scenarios = |rows: Vec<(u16, String, f64)>| -> Vec<String> {
            rows.into_iter().map(|(_, scenario, _)| scenario).collect()
        };
        assert_eq!(scenarios(mc.chance(0.01)), ["base", "worse"]);
        assert_eq!(scenarios(mc.coverage(0.5)), ["base", "worse"]);
        // Both tables name it, and why it has no figures.
        let text = crate::Text::Chance(&mc, &results).to_string();
        let rows: Vec<&str> = text.lines().filter(|l| l.contains("2030 share")).collect();
        assert_eq!(rows.len(), 2, "{text}");
        let why = |l: &&str| {
            l.trim_start()["2030 share".len()..]
                .trim_start()
                .starts_with("not compared")
        };
        assert!(rows.iter().all(why), "{text}");
    }

    #[test]
    fn without_a_figure_there_is_no_chance_to_tell() {
        // Kennemerland quantifies none of its initiatives.
        let model = Model::embedded("kennemerland").unwrap().unwrap();
        let results = model.evaluate().unwrap();
        let mc = model
            .monte_carlo(MonteCarloSettings::default().draws(10))
            .unwrap();
        let text = crate::Text::Chance(&mc, &results).to_string();
        assert!(text.contains("nothing counted is quantified"), "{text}");
        assert!(!text.contains('%'), "{text}");
    }

    proptest! {
        #[test]
        fn the_chance_falls_as_the_target_rises(a in -0.01f64..0.05, b in -0.01f64..0.05) {
            let (low, high) = (a.min(b), a.max(b));
            for ((_, _, at_low), (_, _, at_high)) in TINY.chance(low).iter().zip(&TINY.chance(high)) {
                prop_assert!(at_high <= at_low, "{} at {}, {} at {}", at_low, low, at_high, high);
            }
        }
    }
}
