//! Monte Carlo (feature `monte-carlo`): draws every parameter with a range from its
//! distribution, computes the model for each draw, and summarises every result by percentiles,
//! with the correlation between each parameter and the total.

mod distributions;
mod rng;
mod summaries;

pub use summaries::Summary;

use crate::engine::program::{Computed, Program};
use crate::error::Error;
use crate::model::{Model, Scope};
use distributions::*;
use rng::*;
use rust_decimal::prelude::ToPrimitive;
use summaries::*;

/// How many draws, from which seed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct MonteCarloSettings {
    /// The number of draws.
    pub draws: usize,
    /// The seed: the same seed gives the same draws.
    pub seed: u64,
}

impl MonteCarloSettings {
    /// Sets the number of draws.
    pub fn draws(mut self, draws: usize) -> Self {
        self.draws = draws;
        self
    }

    /// Sets the seed.
    pub fn seed(mut self, seed: u64) -> Self {
        self.seed = seed;
        self
    }
}

impl Default for MonteCarloSettings {
    fn default() -> Self {
        MonteCarloSettings {
            draws: 10_000,
            seed: 1,
        }
    }
}

/// How many draws come from one generator stream; a run's last chunk may hold fewer. Chunks are
/// the unit of parallel work, so this also fixes the draws whatever the number of threads.
pub(crate) const CHUNK_DRAWS: usize = 1_000;

/// What a run gives.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct MonteCarlo {
    /// Per initiative: (id, persons).
    pub initiatives: Vec<(String, Summary)>,
    /// Per theme: (id, persons).
    pub themes: Vec<(String, Summary)>,
    /// Per sector: (id, net persons).
    pub sectors: Vec<(String, Summary)>,
    /// The total, in persons.
    pub total: Summary,
    /// Per shortage (year, scenario): the share covered and the persons remaining.
    pub gaps: Vec<(u16, String, Summary, Summary)>,
    /// Per parameter with a range: its Pearson correlation with the total, strongest first.
    pub correlations: Vec<(Scope, String, f64)>,
}

impl Model {
    /// Runs the draws. Fails like [`Model::evaluate`](crate::Model::evaluate), or when a draw divides by zero or overflows
    /// (the first such chunk's error).
    ///
    /// Monte Carlo (feature `monte-carlo`): draws every parameter with a range from its
    /// distribution, computes the model for each draw, and summarises every result by percentiles,
    /// with the correlation between each parameter and the total.
    ///
    /// Draws are `f64`; the point results of [`Model::evaluate`](crate::Model::evaluate) stay exact decimals. The generator
    /// is xoshiro256** seeded through SplitMix64, written out here rather than taken from a crate
    /// whose streams may change between versions. The draws are made in chunks of 1,000,
    /// each from its own stream (the generator jumped 2<sup>128</sup> steps ahead per chunk), and
    /// the chunks' summaries are merged in their order. So the same seed and number of draws give
    /// the same results on every run of the same build, with or without the feature `parallel`
    /// (chunks on every core, by rayon) and whatever the number of threads. The integer streams are
    /// the same on every platform; normal and gamma variates go through `ln` and `exp`, whose last
    /// bit may differ with another platform's maths library.
    ///
    /// Memory does not grow with the number of draws: each result is summarised as it is drawn, in
    /// a histogram whose percentiles are known within [`Summary::RELATIVE_ERROR`] ([`Summary`]), and
    /// correlations come from running co-moments.
    ///
    /// ```
    /// use workforce_gap::MonteCarloSettings;
    /// let model = workforce_gap::Model::limburg()?;
    /// let mc = model.monte_carlo(MonteCarloSettings::default().draws(2_000).seed(7))?;
    /// let (p5, p95) = (mc.total.percentile(5.0), mc.total.percentile(95.0));
    /// assert!(p5 <= mc.total.percentile(50.0) && mc.total.percentile(50.0) <= p95);
    /// # Ok::<(), workforce_gap::Error>(())
    /// ```
    pub fn monte_carlo(&self, settings: MonteCarloSettings) -> Result<MonteCarlo, Error> {
        monte_carlo(self, settings)
    }
}

pub(crate) fn monte_carlo(
    model: &Model,
    settings: MonteCarloSettings,
) -> Result<MonteCarlo, Error> {
    let draws = Draws::new(model)?;
    let mut rng = Xoshiro256::seeded(settings.seed);
    let mut left = settings.draws;
    let mut chunks = std::iter::from_fn(|| {
        (left > 0).then(|| {
            let size = left.min(CHUNK_DRAWS);
            left -= size;
            let stream = rng.clone();
            rng.jump();
            (stream, size)
        })
    });
    // Merged in the chunks' order, however many were summarised at once.
    let mut tally: Option<Tally> = None;
    loop {
        let summaries = draws.next_chunks(&mut chunks);
        if summaries.is_empty() {
            break;
        }
        for summary in summaries {
            let summary = summary?;
            match &mut tally {
                Some(tally) => tally.merge(&summary),
                None => tally = Some(summary),
            }
        }
    }
    Ok(tally.unwrap_or_default().finish(model, &draws.drawn))
}

/// A model compiled for drawing: what to draw, and which initiatives a draw changes.
struct Draws<'m> {
    program: Program<'m>,
    counts: Vec<bool>,
    /// Every parameter's value as `f64`; the drawn ones are overwritten per draw.
    point: Vec<f64>,
    /// Per parameter with a range: its position and its sampler.
    drawn: Vec<(usize, Sampler)>,
    /// The initiatives whose formulas read a drawn parameter: those a draw changes.
    changed: Vec<usize>,
    /// Per initiative: whether it is in `changed`.
    changes: Vec<bool>,
}

impl<'m> Draws<'m> {
    /// Validates the model and compiles it for drawing.
    fn new(model: &'m Model) -> Result<Draws<'m>, Error> {
        let checked = model.checked()?;
        let program = Program::with_index(model, &checked.parameters)?;
        let drawn: Vec<(usize, Sampler)> = model
            .parameters
            .iter()
            .enumerate()
            .filter(|(_, p)| p.range.is_some())
            .map(|(index, p)| (index, Sampler::new(p)))
            .collect();
        // A draw changes the initiatives that read a drawn parameter, as a swing of the tornado
        // changes those that read its one parameter.
        let readers = program.readers();
        let mut changes = vec![false; model.initiatives.len()];
        for &initiative in drawn.iter().flat_map(|(index, _)| &readers[*index]) {
            changes[initiative] = true;
        }
        Ok(Draws {
            program,
            counts: checked.counts,
            point: model.parameters.iter().map(|p| to_f64(p.value)).collect(),
            drawn,
            changed: (0..changes.len()).filter(|&i| changes[i]).collect(),
            changes,
        })
    }

    /// Summarises the next chunk, `(stream, draws)`; none when there are no more.
    #[cfg(not(feature = "parallel"))]
    fn next_chunks(
        &self,
        chunks: &mut impl Iterator<Item = (Xoshiro256, usize)>,
    ) -> Vec<Result<Tally, Error>> {
        let next = chunks.next();
        next.map(|(rng, draws)| self.chunk(rng, draws))
            .into_iter()
            .collect()
    }

    /// Summarises the next chunks, `(stream, draws)`, two per thread, in parallel; in their
    /// order. Taking a few at a time keeps the summaries held at once few.
    #[cfg(feature = "parallel")]
    fn next_chunks(
        &self,
        chunks: &mut impl Iterator<Item = (Xoshiro256, usize)>,
    ) -> Vec<Result<Tally, Error>> {
        use rayon::prelude::*;
        let wave: Vec<_> = chunks.take(2 * rayon::current_num_threads()).collect();
        wave.into_par_iter()
            .map(|(rng, draws)| self.chunk(rng, draws))
            .collect()
    }

    /// Makes and summarises `draws` draws from one stream.
    fn chunk(&self, mut rng: Xoshiro256, draws: usize) -> Result<Tally, Error> {
        let mut drawing = Drawing::new(self);
        let mut tally = Tally::default();
        for draw in 0..draws {
            drawing.next(&mut rng)?;
            if draw == 0 {
                tally = Tally::sized(&drawing.computed);
            }
            let drawn = self.drawn.iter().map(|(index, _)| drawing.point[*index]);
            tally.record(&drawing.computed, &self.changes, drawn);
        }
        tally.flush(&self.changes);
        // The other initiatives kept the figures of the chunk's first draw.
        for (index, summary) in tally.initiatives.iter_mut().enumerate() {
            if !self.changes[index] {
                let persons = drawing.computed.initiatives[index].1;
                summary.record_repeated(persons, draws as u64);
            }
        }
        Ok(tally)
    }
}

/// Draws from one stream, computed into buffers reused from draw to draw: after the first draw,
/// only the initiatives a draw changes are computed and summed again.
struct Drawing<'d, 'm> {
    draws: &'d Draws<'m>,
    /// Every parameter's value in this draw.
    point: Vec<f64>,
    /// Every figure of this draw.
    computed: Computed<f64>,
    stack: Vec<f64>,
    /// Known from the first draw on.
    unchanged: Option<UnchangedSums>,
}

impl<'d, 'm> Drawing<'d, 'm> {
    fn new(draws: &'d Draws<'m>) -> Drawing<'d, 'm> {
        Drawing {
            draws,
            point: draws.point.clone(),
            computed: Computed::empty(),
            stack: Vec::new(),
            unchanged: None,
        }
    }

    /// Draws every parameter with a range and computes the figures.
    fn next(&mut self, rng: &mut Xoshiro256) -> Result<(), Error> {
        let Drawing {
            draws,
            point,
            computed,
            stack,
            unchanged,
        } = self;
        for (index, sampler) in &draws.drawn {
            point[*index] = sampler.sample(rng);
        }
        let (program, counts, changes) = (&draws.program, &draws.counts, &draws.changes);
        let value = |index: usize| point[index];
        match unchanged {
            Some(unchanged) => {
                let counts_changed = |index: usize| counts[index] && changes[index];
                program.rerun_into(&draws.changed, &value, counts_changed, computed, stack)?;
                unchanged.add_to(computed);
            }
            None => {
                let counts_unchanged = |index: usize| counts[index] && !changes[index];
                program.run_into(&value, counts_unchanged, computed, stack)?;
                *unchanged = Some(UnchangedSums::of(computed));
                program.rerun_into(&[], &value, |index| counts[index], computed, stack)?;
            }
        }
        Ok(())
    }
}

/// What the counted initiatives that no draw changes add to the sums, worked out once per chunk:
/// each draw then sums only the initiatives it changes, and adds these.
struct UnchangedSums {
    themes: Vec<f64>,
    sectors: Vec<f64>,
    total: f64,
    /// Per gap, their share of the shortage.
    covered: Vec<f64>,
}

impl UnchangedSums {
    fn of(computed: &Computed<f64>) -> UnchangedSums {
        UnchangedSums {
            themes: computed.themes.clone(),
            sectors: computed.sectors.clone(),
            total: computed.total,
            covered: computed.gaps.iter().map(|gap| gap.covered).collect(),
        }
    }

    /// Completes sums over the changed initiatives. A gap is linear in the total: the share
    /// covered is total / shortage, and what remains is shortage - total.
    fn add_to(&self, computed: &mut Computed<f64>) {
        for (sum, unchanged) in computed.themes.iter_mut().zip(&self.themes) {
            *sum += unchanged;
        }
        for (sum, unchanged) in computed.sectors.iter_mut().zip(&self.sectors) {
            *sum += unchanged;
        }
        computed.total += self.total;
        for (gap, covered) in computed.gaps.iter_mut().zip(&self.covered) {
            gap.covered += covered;
            gap.remaining -= self.total;
        }
    }
}

/// The summaries of a run so far, each list in model order.
#[derive(Default)]
struct Tally {
    initiatives: Vec<Summary>,
    themes: Vec<Summary>,
    sectors: Vec<Summary>,
    total: Summary,
    /// Per gap: (shortage position, covered, remaining).
    gaps: Vec<(usize, Summary, Summary)>,
    correlations: Comoments,
    /// The figures of the draws not yet in the summaries, draw after draw.
    batch: Vec<f64>,
}

impl Tally {
    /// Empty summaries for each of the figures.
    fn sized(computed: &Computed<f64>) -> Tally {
        let empty = |count: usize| vec![Summary::default(); count];
        Tally {
            initiatives: empty(computed.initiatives.len()),
            themes: empty(computed.themes.len()),
            sectors: empty(computed.sectors.len()),
            total: Summary::default(),
            gaps: computed
                .gaps
                .iter()
                .map(|g| (g.shortage, Summary::default(), Summary::default()))
                .collect(),
            correlations: Comoments::default(),
            batch: Vec::new(),
        }
    }

    /// Records a draw: every figure but those of the initiatives for which `changes` is false.
    /// The figures wait in a batch for [`Tally::flush`].
    fn record(
        &mut self,
        computed: &Computed<f64>,
        changes: &[bool],
        drawn: impl ExactSizeIterator<Item = f64>,
    ) {
        let initiatives = (computed.initiatives.iter().zip(changes))
            .filter(|(_, changes)| **changes)
            .map(|((_, persons), _)| *persons);
        self.batch.extend(initiatives);
        self.batch.extend(&computed.themes);
        self.batch.extend(&computed.sectors);
        self.batch.push(computed.total);
        for gap in &computed.gaps {
            self.batch.extend([gap.covered, gap.remaining]);
        }
        self.correlations.record(drawn, computed.total);
    }

    /// Adds the batched draws to the summaries one summary at a time, in the order they were
    /// drawn. A histogram can span many buckets; filling one at a time keeps it in cache, where
    /// a draw at a time would touch every histogram per draw.
    fn flush(&mut self, changes: &[bool]) {
        let initiatives = (self.initiatives.iter_mut().zip(changes))
            .filter(|(_, changes)| **changes)
            .map(|(summary, _)| summary);
        let gaps = (self.gaps.iter_mut()).flat_map(|(_, covered, remaining)| [covered, remaining]);
        let summaries: Vec<&mut Summary> = initiatives
            .chain(&mut self.themes)
            .chain(&mut self.sectors)
            .chain([&mut self.total])
            .chain(gaps)
            .collect();
        let width = summaries.len();
        for (column, summary) in summaries.into_iter().enumerate() {
            for value in self.batch.iter().skip(column).step_by(width) {
                summary.record(*value);
            }
        }
        self.batch.clear();
    }

    /// Adds a later chunk's summaries.
    fn merge(&mut self, other: &Tally) {
        let mine = self.initiatives.iter_mut().chain(&mut self.themes);
        let theirs = other.initiatives.iter().chain(&other.themes);
        for (mine, theirs) in mine
            .chain(&mut self.sectors)
            .zip(theirs.chain(&other.sectors))
        {
            mine.merge(theirs);
        }
        self.total.merge(&other.total);
        for ((_, covered, remaining), (_, c, r)) in self.gaps.iter_mut().zip(&other.gaps) {
            covered.merge(c);
            remaining.merge(r);
        }
        self.correlations.merge(&other.correlations);
    }

    /// The summaries by name, and the correlations strongest first.
    fn finish(mut self, model: &Model, drawn: &[(usize, Sampler)]) -> MonteCarlo {
        let named = |ids: Vec<&String>, mut summaries: Vec<Summary>| {
            summaries.resize_with(ids.len(), Summary::default);
            ids.into_iter().cloned().zip(summaries).collect()
        };
        self.correlations
            .parameters
            .resize_with(drawn.len(), Default::default);
        let mut correlations: Vec<(Scope, String, f64)> = drawn
            .iter()
            .zip(&self.correlations.parameters)
            .map(|((index, _), moments)| {
                let p = &model.parameters[*index];
                let r = self.correlations.pearson(moments);
                (p.scope.clone(), p.name.clone(), r)
            })
            .collect();
        correlations.sort_by(|a, b| b.2.abs().total_cmp(&a.2.abs()));
        MonteCarlo {
            initiatives: named(
                model.initiatives.iter().map(|i| &i.id).collect(),
                self.initiatives,
            ),
            themes: named(model.themes.iter().map(|t| &t.id).collect(), self.themes),
            sectors: named(model.sectors.iter().map(|s| &s.id).collect(), self.sectors),
            total: self.total,
            gaps: self
                .gaps
                .into_iter()
                .map(|(index, covered, remaining)| {
                    let shortage = &model.shortages[index];
                    (shortage.year, shortage.scenario.clone(), covered, remaining)
                })
                .collect(),
            correlations,
        }
    }
}

pub(super) fn to_f64(value: rust_decimal::Decimal) -> f64 {
    value.to_f64().unwrap_or(f64::NAN)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Distribution;

    #[test]
    fn the_generator_is_the_published_one() {
        // SplitMix64 from seed 0 starts 0xe220a8397b1dcdaf (its reference output).
        assert_eq!(Xoshiro256::seeded(0).state[0], 0xe220_a839_7b1d_cdaf);
        // xoshiro256** from the state 1, 2, 3, 4 (its reference output).
        let mut rng = Xoshiro256 {
            state: [1, 2, 3, 4],
        };
        let first: Vec<u64> = (0..4).map(|_| rng.next()).collect();
        assert_eq!(first, [11520, 0, 1509978240, 1215971899390074240]);
    }

    #[test]
    fn the_jump_is_the_published_one() {
        // The reference jump() (xoshiro256++ and ** share the state transition) from 0, 0, 0, 1.
        let mut rng = Xoshiro256 {
            state: [0, 0, 0, 1],
        };
        rng.jump();
        assert_eq!(
            rng.state,
            [
                0x934d_05e8_b207_6310,
                0xeabd_d0bf_76a1_be51,
                0x75dd_6a99_2acc_b1e8,
                0xc660_c602_a733_0187
            ]
        );
    }

    #[test]
    fn distributions_keep_to_their_range_and_mean() {
        let mut rng = Xoshiro256::seeded(3);
        for _ in 0..10_000 {
            let u = rng.unit();
            assert!((0.0..1.0).contains(&u));
        }
        let n = 40_000;
        let shape = 3.5;
        let gamma = Gamma::new(shape);
        let g = (0..n).map(|_| gamma.sample(&mut rng)).sum::<f64>() / f64::from(n);
        // Gamma(3.5) has mean and variance 3.5: the standard error is 0.009.
        assert!((g - shape).abs() < 0.05, "gamma mean {g}");
        // Over 2 to 12 with mode 4 (standard deviations at most 2.9, errors below 0.015): the
        // uniform's mean is (2 + 12) / 2, the triangle's (2 + 4 + 12) / 3, PERT's
        // (2 + 4 * 4 + 12) / 6.
        for (distribution, mean) in [
            (Distribution::Uniform, 7.0),
            (Distribution::Triangular, 6.0),
            (Distribution::Pert, 5.0),
        ] {
            let sampler = Sampler::between(distribution, 2.0, 4.0, 12.0);
            let draws: Vec<f64> = (0..n).map(|_| sampler.sample(&mut rng)).collect();
            assert!(
                draws.iter().all(|x| (2.0..=12.0).contains(x)),
                "{distribution:?}"
            );
            let seen = draws.iter().sum::<f64>() / f64::from(n);
            assert!(
                (seen - mean).abs() < 0.08,
                "{distribution:?}: {seen} vs {mean}"
            );
        }
        let fixed = Sampler::between(Distribution::Pert, 3.0, 3.0, 3.0);
        assert_eq!(fixed.sample(&mut rng), 3.0);
    }

    #[test]
    fn the_normal_has_its_tails() {
        // Shares beyond 1, 1.96, 3 and the ziggurat's tail 3.44 (both sides), from the normal's
        // distribution function; each within five standard errors of 400,000 draws.
        let mut rng = Xoshiro256::seeded(8);
        let draws: Vec<f64> = (0..400_000).map(|_| rng.normal()).collect();
        let n = draws.len() as f64;
        for (beyond, share) in [
            (1.0, 0.317_310_5),
            (1.96, 0.049_995_8),
            (3.0, 0.002_699_8),
            (TAIL, 0.000_576_0),
        ] {
            let seen = draws.iter().filter(|x| x.abs() > beyond).count() as f64 / n;
            let error = (share * (1.0 - share) / n).sqrt();
            assert!(
                (seen - share).abs() < 5.0 * error,
                "beyond {beyond}: {seen} vs {share}"
            );
        }
        let mean = draws.iter().sum::<f64>() / n;
        let variance = draws.iter().map(|x| x * x).sum::<f64>() / n;
        assert!(
            mean.abs() < 0.01 && (variance - 1.0).abs() < 0.01,
            "{mean} {variance}"
        );
        let negative = draws.iter().filter(|x| **x < -TAIL).count();
        let positive = draws.iter().filter(|x| **x > TAIL).count();
        assert!(negative > 80 && positive > 80, "{negative} {positive}");
    }

    fn summary(values: impl IntoIterator<Item = f64>) -> Summary {
        let mut summary = Summary::default();
        for value in values {
            summary.record(value);
        }
        summary
    }

    /// The exact percentile, as the sorted draws give it.
    fn exact(sorted: &[f64], p: f64) -> f64 {
        let rank = p / 100.0 * (sorted.len() - 1) as f64;
        let (low, high) = (rank.floor() as usize, rank.ceil() as usize);
        let weight = rank - low as f64;
        sorted[low] * (1.0 - weight) + sorted[high] * weight
    }

    #[test]
    fn percentiles_are_within_the_stated_error() {
        // 1..=n: the draws of rank k are k + 1; buckets from 512 to 1,024 are 1/4 wide, so a
        // percentile there may be off by up to 1/4, which is 2^-11 of 512: the stated error.
        for n in [1, 2, 10, 999, 5_000] {
            let values: Vec<f64> = (1..=n).map(f64::from).collect();
            let s = summary(values.iter().copied());
            for p in [0.0, 0.1, 1.0, 5.0, 25.0, 50.0, 73.3, 95.0, 99.0, 100.0] {
                let (got, want) = (s.percentile(p), exact(&values, p));
                assert!(
                    (got - want).abs() <= Summary::RELATIVE_ERROR * want.abs(),
                    "n {n} p {p}: {got} vs {want}"
                );
            }
            assert_eq!(s.range(), (1.0, f64::from(n)));
            assert_eq!(s.mean(), (f64::from(n) + 1.0) / 2.0);
        }
        // Across zero and over many powers of two: -1000.5, ..., 0, ..., 1000.5 in steps of 0.25
        // and their tenths of thousandths.
        let mut values: Vec<f64> = (-4002..=4002).map(|i| f64::from(i) / 4.0).collect();
        values.extend((1..=100).map(|i| f64::from(i) * 1e-4));
        values.sort_by(f64::total_cmp);
        let s = summary(values.iter().rev().copied());
        for p in (0..=1000).map(|i| f64::from(i) / 10.0) {
            let (rank, n) = (p / 100.0 * (values.len() - 1) as f64, values.len());
            let (low, high) = (
                values[rank.floor() as usize],
                values[(rank.ceil() as usize).min(n - 1)],
            );
            let allowed = Summary::RELATIVE_ERROR * low.abs().max(high.abs()).max(LINEAR_BELOW);
            let (got, want) = (s.percentile(p), exact(&values, p));
            assert!((got - want).abs() <= allowed, "p {p}: {got} vs {want}");
        }
    }

    #[test]
    fn a_bucket_holds_its_values_and_no_others() {
        // 1 and 1 + 2^-11 are the first values of neighbouring buckets, and both below 2.
        let step = 1.0 / 2048.0;
        assert_eq!(bucket(1.0) + 1, bucket(1.0 + step));
        assert_eq!(bucket(1.0 + step), bucket(1.0 + 1.5 * step));
        assert_eq!(bucket_bounds(bucket(1.0)), (1.0, 1.0 + step));
        assert_eq!(bucket_bounds(bucket(3.0)), (3.0, 3.0 + 2.0 * step));
        // Below 1/16 the buckets stay 2^-15 wide, down to zero; just below zero is -1.
        let narrow = 1.0 / 32_768.0;
        assert_eq!(bucket(1.0 / 16.0), 2048);
        assert_eq!(bucket(1.0 / 16.0 - narrow), 2047);
        assert_eq!(bucket(1.0 / 16.0 + narrow), 2049);
        assert_eq!(bucket(0.0), 0);
        assert_eq!(bucket(narrow / 2.0), 0);
        assert_eq!(bucket_bounds(0), (0.0, narrow));
        assert_eq!(bucket(-narrow / 2.0), -1);
        assert_eq!(bucket_bounds(-1), (-narrow, 0.0));
        assert_eq!(bucket(-3.0), -bucket(3.0) - 1);
        assert_eq!(bucket_bounds(bucket(-3.0)), (-3.0 - 2.0 * step, -3.0));
    }

    #[test]
    fn memory_does_not_grow_with_the_draws() {
        let values = || (0..1_000).map(|i| 1.0 + f64::from(i) / 500.0);
        let once = summary(values());
        let many = summary((0..100).flat_map(|_| values()));
        assert_eq!(once.buckets(), many.buckets());
        assert_eq!(many.draws(), 100_000);
        // 1 to 3 spans the powers of two [1, 2) and [2, 4): at most 2,048 buckets each.
        assert!(once.buckets() <= 2 * 2048);
        // The exact median lies halfway between 1 + 499/500 and 1 + 500/500.
        for median in [once.percentile(50.0), many.percentile(50.0)] {
            assert!(
                (median - 1.999).abs() <= Summary::RELATIVE_ERROR * 2.0,
                "{median}"
            );
        }
    }

    #[test]
    fn merging_equals_summarising_both() {
        let (a, b): (Vec<f64>, Vec<f64>) = (1..=3_000)
            .map(|i| f64::from(i % 97) * 3.0 - 40.0)
            .partition(|v| *v > 10.0);
        let mut merged = summary(a.iter().copied());
        merged.merge(&summary(b.iter().copied()));
        // The values are integers, so even the sums are exact in any order.
        assert_eq!(merged, summary(a.iter().chain(&b).copied()));
        let mut empty = Summary::default();
        empty.merge(&merged);
        assert_eq!(empty, merged);
    }

    #[test]
    fn running_correlations_match_the_formula() {
        // x = 1..=100 and total y = 2x + e, e = +1 for even x and -1 for odd: the sums of
        // squared deviations are Sxx = 100 (100^2 - 1) / 12 = 83,325, See = 100 and
        // Sxe = 50 (each pair 2k - 1, 2k adds 1), so Sxy = 2 Sxx + Sxe = 166,700 and
        // Syy = 4 Sxx + 4 Sxe + See = 333,600.
        let want = 166_700.0 / (83_325.0f64 * 333_600.0).sqrt();
        let (mut whole, mut first, mut second) = (
            Comoments::default(),
            Comoments::default(),
            Comoments::default(),
        );
        for x in 1..=100 {
            let y = f64::from(2 * x + if x % 2 == 0 { 1 } else { -1 });
            let x = f64::from(x);
            whole.record([x].into_iter(), y);
            if x <= 37.0 { &mut first } else { &mut second }.record([x].into_iter(), y);
        }
        first.merge(&second);
        for moments in [&whole, &first] {
            let r = moments.pearson(&moments.parameters[0]);
            assert!((r - want).abs() < 1e-12, "{r} vs {want}");
        }
    }

    #[test]
    fn a_draw_computes_what_a_full_computation_does() {
        // After the first draw only the initiatives a draw changes are computed, and the sums of
        // the others are added: every figure must still be that of the whole model.
        let model = Model::limburg().unwrap();
        let draws = Draws::new(&model).unwrap();
        assert!(!draws.changed.is_empty() && draws.changed.len() < model.initiatives.len());
        let mut drawing = Drawing::new(&draws);
        let mut rng = Xoshiro256::seeded(4);
        let close = |a: f64, b: f64| (a - b).abs() <= 1e-12 * b.abs().max(1.0);
        for _ in 0..20 {
            drawing.next(&mut rng).unwrap();
            let point = &drawing.point;
            let full = draws
                .program
                .run(&|index| point[index], |index| draws.counts[index])
                .unwrap();
            let got = &drawing.computed;
            let pairs = [
                (&got.themes, &full.themes),
                (&got.sectors, &full.sectors),
                (&vec![got.total], &vec![full.total]),
            ];
            for (got, full) in pairs {
                assert!(
                    got.iter().zip(full).all(|(a, b)| close(*a, *b)),
                    "{got:?} {full:?}"
                );
            }
            for (a, b) in got.initiatives.iter().zip(&full.initiatives) {
                assert_eq!(a, b);
            }
            for (a, b) in got.gaps.iter().zip(&full.gaps) {
                assert!(close(a.covered, b.covered) && close(a.remaining, b.remaining));
            }
        }
    }
}
