//! Monte Carlo (feature `monte-carlo`): draws every parameter with a range from its
//! distribution, computes the model for each draw, and summarises every result by percentiles,
//! with the correlation between each parameter and the total.
//!
//! Draws are `f64`; the point results of [`crate::evaluate()`] stay exact decimals. The generator
//! is xoshiro256** seeded through SplitMix64, written out here rather than taken from a crate
//! whose streams may change between versions. The draws are made in chunks of [`CHUNK_DRAWS`],
//! each from its own stream (the generator jumped 2<sup>128</sup> steps ahead per chunk), and
//! the chunks' summaries are merged in their order. So the same seed and number of draws give
//! the same results on every run of the same build, with or without the feature `parallel`
//! (chunks on every core, by rayon) and whatever the number of threads. The integer streams are
//! the same on every platform; normal and gamma variates go through `ln` and `exp`, whose last
//! bit may differ with another platform's maths library.
//!
//! Memory does not grow with the number of draws: each result is summarised as it is drawn, in
//! a histogram whose percentiles are known within [`RELATIVE_ERROR`] ([`Summary`]), and
//! correlations come from running co-moments.
//!
//! ```
//! use workforce_gap::monte_carlo::{Settings, run};
//! let model = workforce_gap::limburg()?;
//! let mc = run(&model, Settings { draws: 2_000, seed: 7 })?;
//! let (p5, p95) = (mc.total.percentile(5.0), mc.total.percentile(95.0));
//! assert!(p5 <= mc.total.percentile(50.0) && mc.total.percentile(50.0) <= p95);
//! # Ok::<(), workforce_gap::Error>(())
//! ```

use crate::compute::{Computed, Program};
use crate::error::Error;
use crate::model::{Distribution, Model, Parameter, Scope};
use rust_decimal::prelude::ToPrimitive;
use std::sync::LazyLock;

/// How many draws, from which seed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Settings {
    /// The number of draws.
    pub draws: usize,
    /// The seed: the same seed gives the same draws.
    pub seed: u64,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            draws: 10_000,
            seed: 1,
        }
    }
}

/// How many draws come from one generator stream; a run's last chunk may hold fewer. Chunks are
/// the unit of parallel work, so this also fixes the draws whatever the number of threads.
pub const CHUNK_DRAWS: usize = 1_000;

/// Sub-buckets per power of two, as bits: 2<sup>11</sup> = 2,048.
const PRECISION_BITS: u32 = 11;
const SUB_BUCKETS: i32 = 1 << PRECISION_BITS;

/// Below this magnitude, 1/16, buckets keep the width of those just above it (2<sup>-15</sup>)
/// rather than narrowing towards zero: draws that cross zero need no buckets for every power of
/// two down to the smallest `f64`.
const LINEAR_BELOW: f64 = 1.0 / 16.0;

/// The largest relative error of a draw a percentile is taken from: a bucket's width,
/// 2<sup>-11</sup>, of its magnitude or, below 1/16, of 1/16.
pub const RELATIVE_ERROR: f64 = 1.0 / SUB_BUCKETS as f64;

/// The draws of one result, summarised as they come: their exact count, lowest, highest and
/// mean, and a log-linear histogram for percentiles (as in HdrHistogram or DDSketch).
///
/// A bucket holds the draws whose magnitude shares its power of two and the first eleven bits
/// after it, so it spans 1/2,048 of its power of two (below 1/16, 2<sup>-15</sup>). The draws
/// in a bucket are taken as spread evenly across it: each draw a percentile is taken from is
/// known within [`RELATIVE_ERROR`] (0.05%) of its magnitude, or within 2<sup>-15</sup> when
/// smaller than 1/16. The histogram keeps a counter for every bucket between the lowest and the
/// highest draw, so its size depends on how widely the draws spread, never on how many there
/// are.
#[derive(Clone, Debug, PartialEq)]
pub struct Summary {
    draws: u64,
    sum: f64,
    lowest: f64,
    highest: f64,
    /// The bucket of `counts[0]`; buckets are numbered in the order of their values.
    first: i32,
    counts: Vec<u64>,
}

impl Default for Summary {
    fn default() -> Self {
        Summary {
            draws: 0,
            sum: 0.0,
            lowest: f64::INFINITY,
            highest: f64::NEG_INFINITY,
            first: 0,
            counts: Vec::new(),
        }
    }
}

impl Summary {
    /// Adds one draw.
    fn record(&mut self, value: f64) {
        self.record_repeated(value, 1);
    }

    /// Adds `count` draws of the same value.
    fn record_repeated(&mut self, value: f64, count: u64) {
        self.draws += count;
        self.sum += value * count as f64;
        self.lowest = self.lowest.min(value);
        self.highest = self.highest.max(value);
        self.add(bucket(value), count);
    }

    /// Adds `count` draws to a bucket.
    fn add(&mut self, bucket: i32, count: u64) {
        self.widen(bucket, bucket);
        self.counts[(bucket - self.first) as usize] += count;
    }

    /// Makes room for the buckets from `low` to `high`.
    fn widen(&mut self, low: i32, high: i32) {
        if self.counts.is_empty() {
            self.first = low;
        } else if low < self.first {
            let below = (self.first - low) as usize;
            self.counts.splice(0..0, std::iter::repeat_n(0, below));
            self.first = low;
        }
        let end = (high - self.first) as usize + 1;
        if end > self.counts.len() {
            self.counts.resize(end, 0);
        }
    }

    /// Adds the draws of another summary, as if they had been recorded here.
    fn merge(&mut self, other: &Summary) {
        if other.draws == 0 {
            return;
        }
        self.draws += other.draws;
        self.sum += other.sum;
        self.lowest = self.lowest.min(other.lowest);
        self.highest = self.highest.max(other.highest);
        let last = other.first + other.counts.len() as i32 - 1;
        self.widen(other.first, last);
        let start = (other.first - self.first) as usize;
        for (mine, theirs) in self.counts[start..].iter_mut().zip(&other.counts) {
            *mine += theirs;
        }
    }

    /// How many draws.
    pub fn draws(&self) -> u64 {
        self.draws
    }

    /// The mean of the draws (exact but for `f64` rounding).
    pub fn mean(&self) -> f64 {
        if self.draws == 0 {
            f64::NAN
        } else {
            self.sum / self.draws as f64
        }
    }

    /// The `p`th percentile (0 to 100), interpolated linearly between the two draws nearest to
    /// it in rank; each of them is known within [`RELATIVE_ERROR`] (the lowest and the highest
    /// exactly).
    pub fn percentile(&self, p: f64) -> f64 {
        if self.draws == 0 {
            return f64::NAN;
        }
        let rank = (p.clamp(0.0, 100.0) / 100.0) * (self.draws - 1) as f64;
        let (low, high) = (rank.floor() as u64, rank.ceil() as u64);
        let weight = rank - low as f64;
        self.ranked(low) * (1.0 - weight) + self.ranked(high) * weight
    }

    /// The draw of this rank (0 the lowest), placed within its bucket by its rank there.
    fn ranked(&self, rank: u64) -> f64 {
        if rank == 0 {
            return self.lowest;
        }
        if rank + 1 >= self.draws {
            return self.highest;
        }
        let mut below = 0;
        for (offset, &count) in self.counts.iter().enumerate() {
            if below + count > rank {
                let (start, end) = bucket_bounds(self.first + offset as i32);
                let within = ((rank - below) as f64 + 0.5) / count as f64;
                return (start + (end - start) * within).clamp(self.lowest, self.highest);
            }
            below += count;
        }
        self.highest
    }

    /// The lowest and highest draw, exactly.
    pub fn range(&self) -> (f64, f64) {
        if self.draws == 0 {
            (f64::NAN, f64::NAN)
        } else {
            (self.lowest, self.highest)
        }
    }

    /// How many buckets the histogram holds: its memory.
    #[cfg(test)]
    fn buckets(&self) -> usize {
        self.counts.len()
    }
}

/// The bucket of a value, numbered in the order of values: 0 for [0, 1/16,384), 1 for the next,
/// and so on, linearly up to 1/16 and then by the exponent and top mantissa bits of the `f64`;
/// -1, -2, ... the same below zero.
fn bucket(value: f64) -> i32 {
    let magnitude = value.abs();
    let place = if magnitude < LINEAR_BELOW {
        (magnitude / LINEAR_BELOW * SUB_BUCKETS as f64) as i32
    } else {
        step(magnitude) - step(LINEAR_BELOW) + SUB_BUCKETS
    };
    if value < 0.0 { -place - 1 } else { place }
}

/// The lowest and highest value a bucket holds (the highest excluded for positive buckets, the
/// lowest for negative ones).
fn bucket_bounds(bucket: i32) -> (f64, f64) {
    let place = if bucket < 0 { -bucket - 1 } else { bucket };
    let (start, end) = if place < SUB_BUCKETS {
        let width = LINEAR_BELOW / SUB_BUCKETS as f64;
        (f64::from(place) * width, f64::from(place + 1) * width)
    } else {
        let step = (place - SUB_BUCKETS + step(LINEAR_BELOW)) as u64;
        let at = |step: u64| f64::from_bits(step << (52 - PRECISION_BITS));
        (at(step), at(step + 1))
    };
    if bucket < 0 {
        (-end, -start)
    } else {
        (start, end)
    }
}

/// A positive magnitude's exponent and top mantissa bits: one step per bucket.
fn step(magnitude: f64) -> i32 {
    (magnitude.to_bits() >> (52 - PRECISION_BITS)) as i32
}

/// What a run gives.
#[derive(Clone, Debug, PartialEq)]
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

/// Runs the draws. Fails like [`crate::evaluate()`], or when a draw divides by zero or overflows
/// (the first such chunk's error).
pub fn run(model: &Model, settings: Settings) -> Result<MonteCarlo, Error> {
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

/// Running means and co-moments of each drawn parameter with the total, for Pearson's
/// correlation without keeping the draws: updated per draw as Welford does, merged as Chan,
/// Golub and LeVeque do, both stable where sums of squares cancel.
#[derive(Clone, Default)]
struct Comoments {
    draws: u64,
    /// The total's mean and sum of squared deviations.
    total_mean: f64,
    total_squares: f64,
    /// Per drawn parameter.
    parameters: Vec<Moments>,
}

/// One parameter's running mean, sum of squared deviations, and sum of products of its
/// deviations with the total's.
#[derive(Clone, Copy, Default)]
struct Moments {
    mean: f64,
    squares: f64,
    with_total: f64,
}

impl Comoments {
    fn record(&mut self, drawn: impl ExactSizeIterator<Item = f64>, total: f64) {
        self.parameters.resize_with(drawn.len(), Moments::default);
        self.draws += 1;
        let weight = 1.0 / self.draws as f64;
        let before = total - self.total_mean;
        self.total_mean += before * weight;
        let after = total - self.total_mean;
        self.total_squares += before * after;
        for (moments, x) in self.parameters.iter_mut().zip(drawn) {
            let deviation = x - moments.mean;
            moments.mean += deviation * weight;
            moments.squares += deviation * (x - moments.mean);
            moments.with_total += deviation * after;
        }
    }

    /// Adds a later chunk's moments, of the same parameters.
    fn merge(&mut self, other: &Comoments) {
        if other.draws == 0 {
            return;
        }
        let (a, b) = (self.draws as f64, other.draws as f64);
        let (share, product) = (b / (a + b), a * b / (a + b));
        let total_shift = other.total_mean - self.total_mean;
        for (mine, theirs) in self.parameters.iter_mut().zip(&other.parameters) {
            let shift = theirs.mean - mine.mean;
            mine.mean += shift * share;
            mine.squares += theirs.squares + shift * shift * product;
            mine.with_total += theirs.with_total + shift * total_shift * product;
        }
        self.total_mean += total_shift * share;
        self.total_squares += other.total_squares + total_shift * total_shift * product;
        self.draws += other.draws;
    }

    /// Pearson's correlation of one parameter with the total; zero when either never varies.
    fn pearson(&self, parameter: &Moments) -> f64 {
        if self.draws < 2 {
            f64::NAN
        } else if parameter.squares == 0.0 || self.total_squares == 0.0 {
            0.0
        } else {
            parameter.with_total / (parameter.squares * self.total_squares).sqrt()
        }
    }
}

fn to_f64(value: rust_decimal::Decimal) -> f64 {
    value.to_f64().unwrap_or(f64::NAN)
}

/// One parameter's distribution, with everything that does not change between draws worked
/// out once.
#[derive(Clone, Copy, Debug)]
enum Sampler {
    /// A range without width: always its low end.
    Fixed(f64),
    Uniform {
        low: f64,
        width: f64,
    },
    /// Inverse of the distribution function, which is a parabola either side of the mode.
    Triangular {
        low: f64,
        high: f64,
        /// The share of draws below the mode.
        cut: f64,
        /// (high - low) * (mode - low) and (high - low) * (high - mode).
        left: f64,
        right: f64,
    },
    /// Beta-PERT: low + width * X / (X + Y), X and Y gamma-distributed with shapes
    /// 1 + 4 (mode - low) / width and 1 + 4 (high - mode) / width.
    Pert {
        low: f64,
        width: f64,
        x: Gamma,
        y: Gamma,
    },
}

impl Sampler {
    /// The parameter's sampler; its value is the mode. validate() has checked that the value lies
    /// within the range.
    fn new(parameter: &Parameter) -> Sampler {
        let mode = to_f64(parameter.value);
        match &parameter.range {
            Some(range) => {
                let (low, high) = (to_f64(range.low), to_f64(range.high));
                Sampler::between(range.distribution, low, mode, high)
            }
            None => Sampler::Fixed(mode),
        }
    }

    fn between(distribution: Distribution, low: f64, mode: f64, high: f64) -> Sampler {
        let width = high - low;
        if width <= 0.0 {
            return Sampler::Fixed(low);
        }
        match distribution {
            Distribution::Uniform => Sampler::Uniform { low, width },
            Distribution::Triangular => Sampler::Triangular {
                low,
                high,
                cut: (mode - low) / width,
                left: width * (mode - low),
                right: width * (high - mode),
            },
            Distribution::Pert => Sampler::Pert {
                low,
                width,
                x: Gamma::new(1.0 + 4.0 * (mode - low) / width),
                y: Gamma::new(1.0 + 4.0 * (high - mode) / width),
            },
        }
    }

    fn sample(&self, rng: &mut Xoshiro256) -> f64 {
        match *self {
            Sampler::Fixed(value) => value,
            Sampler::Uniform { low, width } => low + rng.unit() * width,
            Sampler::Triangular {
                low,
                high,
                cut,
                left,
                right,
            } => {
                let u = rng.unit();
                if u < cut {
                    low + (u * left).sqrt()
                } else {
                    high - ((1.0 - u) * right).sqrt()
                }
            }
            Sampler::Pert { low, width, x, y } => {
                let (x, y) = (x.sample(rng), y.sample(rng));
                low + x / (x + y) * width
            }
        }
    }
}

/// Gamma(shape, 1) for shapes of at least one, by Marsaglia and Tsang, with their constants `d`
/// and `c` worked out once.
#[derive(Clone, Copy, Debug)]
struct Gamma {
    d: f64,
    c: f64,
}

impl Gamma {
    fn new(shape: f64) -> Gamma {
        let d = shape.max(1.0) - 1.0 / 3.0;
        Gamma {
            d,
            c: 1.0 / (9.0 * d).sqrt(),
        }
    }

    fn sample(&self, rng: &mut Xoshiro256) -> f64 {
        loop {
            let x = rng.normal();
            let v = 1.0 + self.c * x;
            if v <= 0.0 {
                continue;
            }
            let v = v * v * v;
            let u = rng.unit();
            let squared = x * x;
            // The squeeze accepts most draws without a logarithm.
            if u < 1.0 - 0.0331 * squared * squared
                || u.ln() < 0.5 * squared + self.d * (1.0 - v + v.ln())
            {
                return self.d * v;
            }
        }
    }
}

/// xoshiro256** (Blackman and Vigna), seeded by SplitMix64.
#[derive(Clone, Debug)]
struct Xoshiro256 {
    state: [u64; 4],
}

impl Xoshiro256 {
    fn seeded(seed: u64) -> Xoshiro256 {
        let mut x = seed;
        let mut next = || {
            x = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
            let mut z = x;
            z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
            z ^ (z >> 31)
        };
        Xoshiro256 {
            state: [next(), next(), next(), next()],
        }
    }

    fn next(&mut self) -> u64 {
        let s = &mut self.state;
        let result = s[1].wrapping_mul(5).rotate_left(7).wrapping_mul(9);
        let t = s[1] << 17;
        s[2] ^= s[0];
        s[3] ^= s[1];
        s[1] ^= s[2];
        s[0] ^= s[3];
        s[2] ^= t;
        s[3] = s[3].rotate_left(45);
        result
    }

    /// Moves the state 2<sup>128</sup> steps ahead (the published jump polynomial): the streams
    /// of successive jumps never overlap in practice, one per chunk of draws.
    fn jump(&mut self) {
        const JUMP: [u64; 4] = [
            0x180e_c6d3_3cfd_0aba,
            0xd5a6_1266_f0c9_392c,
            0xa958_2618_e03f_c9aa,
            0x39ab_dc45_29b1_661c,
        ];
        let mut jumped = [0u64; 4];
        for word in JUMP {
            for bit in 0..64 {
                if word & (1 << bit) != 0 {
                    for (to, from) in jumped.iter_mut().zip(self.state) {
                        *to ^= from;
                    }
                }
                self.next();
            }
        }
        self.state = jumped;
    }

    /// Uniform in [0, 1).
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
    }

    /// Standard normal, by the ziggurat of Marsaglia and Tsang in Doornik's form: one draw of
    /// 64 bits picks a layer (the low seven bits) and a place across it (the high 53), and is
    /// taken as it is 99% of the time.
    fn normal(&mut self) -> f64 {
        let ziggurat = &*ZIGGURAT;
        loop {
            let bits = self.next();
            let layer = (bits & (LAYERS as u64 - 1)) as usize;
            let across = 2.0 * ((bits >> 11) as f64 * (1.0 / (1u64 << 53) as f64)) - 1.0;
            if across.abs() < ziggurat.inside[layer] {
                return across * ziggurat.edges[layer];
            }
            if layer == 0 {
                return self.normal_tail(across < 0.0);
            }
            // In the wedge between the layer's rectangle and the curve: accept under the curve.
            let x = across * ziggurat.edges[layer];
            let squared = x * x;
            let outer = (-0.5 * (ziggurat.edges[layer].powi(2) - squared)).exp();
            let inner = (-0.5 * (ziggurat.edges[layer + 1].powi(2) - squared)).exp();
            if inner + self.unit() * (outer - inner) < 1.0 {
                return x;
            }
        }
    }

    /// A standard normal beyond the ziggurat's base, by Marsaglia's method for the tail.
    fn normal_tail(&mut self, negative: bool) -> f64 {
        loop {
            let x = (1.0 - self.unit()).ln() / TAIL;
            let y = (1.0 - self.unit()).ln();
            if -2.0 * y >= x * x {
                return if negative { x - TAIL } else { TAIL - x };
            }
        }
    }
}

/// The ziggurat's layers: a power of two, as its layer is picked by bits.
const LAYERS: usize = 128;
/// Where the normal's tail starts, for 128 layers (Doornik, 2005).
const TAIL: f64 = 3.442_619_855_899;
/// The area of each layer, for 128 layers (Doornik, 2005).
const LAYER_AREA: f64 = 9.912_563_035_262_17e-3;

/// Built once, on first use.
static ZIGGURAT: LazyLock<Ziggurat> = LazyLock::new(Ziggurat::new);

/// Layers of equal area under the normal's curve exp(-x^2 / 2), stacked from the base.
struct Ziggurat {
    /// Each layer's right edge; the base's is its area over its height, the top's next is 0.
    edges: [f64; LAYERS + 1],
    /// The share of each layer's width that lies wholly under the curve: edges[i + 1] / edges[i].
    inside: [f64; LAYERS],
}

impl Ziggurat {
    fn new() -> Ziggurat {
        let curve = |x: f64| (-0.5 * x * x).exp();
        let mut edges = [0.0; LAYERS + 1];
        edges[0] = LAYER_AREA / curve(TAIL);
        edges[1] = TAIL;
        for i in 2..LAYERS {
            edges[i] = (-2.0 * (LAYER_AREA / edges[i - 1] + curve(edges[i - 1])).ln()).sqrt();
        }
        Ziggurat {
            edges,
            inside: std::array::from_fn(|i| edges[i + 1] / edges[i]),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
                    (got - want).abs() <= RELATIVE_ERROR * want.abs(),
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
            let allowed = RELATIVE_ERROR * low.abs().max(high.abs()).max(LINEAR_BELOW);
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
            assert!((median - 1.999).abs() <= RELATIVE_ERROR * 2.0, "{median}");
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
        let model = crate::limburg().unwrap();
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
