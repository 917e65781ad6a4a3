//! Monte Carlo (feature `monte-carlo`): draws every parameter with a range from its
//! distribution, computes the model for each draw, and summarises every result by percentiles,
//! with the correlation between each parameter and the total.

mod chance;
mod distributions;
#[cfg(feature = "qmc")]
mod quasi;
mod rng;
mod summaries;

pub use summaries::Summary;

use crate::engine::batch::{LANES, Lanes};
use crate::engine::program::{Computed, Program, Routes};
use crate::error::{ArithmeticError, Error};
use crate::model::{Model, Scope};
use distributions::*;
use rng::*;
use rust_decimal::prelude::ToPrimitive;
use summaries::*;

/// How many draws, from which seed, and what to summarise besides the total and the themes.
#[derive(Clone, Copy, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct MonteCarloSettings {
    /// The number of draws; with [`MonteCarloSettings::sobol`], the most points drawn.
    pub draws: usize,
    /// The seed: the same seed gives the same draws.
    pub seed: u64,
    /// Whether each initiative is summarised (by default it is).
    pub initiatives: bool,
    /// Whether each ranged parameter's correlation with the total is worked out (by default
    /// it is).
    pub correlations: bool,
    /// Whether each sector is summarised (by default it is).
    pub sectors: bool,
    /// Whether each gap is summarised (by default it is).
    pub gaps: bool,
    /// How many independently scrambled Sobol sequences the points come from; 0 (the default)
    /// for pseudo-random draws ([`MonteCarloSettings::sobol`]).
    #[cfg(feature = "qmc")]
    pub replicates: usize,
    /// The standard error of the total's mean to draw points until, in persons
    /// ([`MonteCarloSettings::precision`]).
    #[cfg(feature = "qmc")]
    pub precision: Option<f64>,
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

    /// Sets whether each initiative is summarised; without, [`MonteCarlo::initiatives`] is
    /// empty and the draws are quicker. The other figures are the same either way.
    ///
    /// ```
    /// use workforce_gap::MonteCarloSettings;
    /// let model = workforce_gap::Model::limburg()?;
    /// let settings = MonteCarloSettings::default().draws(1_000);
    /// let lean = model.monte_carlo(settings.initiatives(false).correlations(false))?;
    /// let full = model.monte_carlo(settings)?;
    /// assert!(lean.initiatives.is_empty() && lean.correlations.is_empty());
    /// assert_eq!((lean.total, lean.themes), (full.total, full.themes));
    /// # Ok::<(), workforce_gap::Error>(())
    /// ```
    pub fn initiatives(mut self, summarised: bool) -> Self {
        self.initiatives = summarised;
        self
    }

    /// Sets whether the correlations with the total are worked out; without,
    /// [`MonteCarlo::correlations`] is empty and the draws are quicker.
    pub fn correlations(mut self, worked_out: bool) -> Self {
        self.correlations = worked_out;
        self
    }

    /// Sets whether each sector is summarised; without, [`MonteCarlo::sectors`] is empty and
    /// the draws are quicker.
    pub fn sectors(mut self, summarised: bool) -> Self {
        self.sectors = summarised;
        self
    }

    /// Sets whether each gap is summarised; without, [`MonteCarlo::gaps`] is empty and the
    /// draws are quicker. A draw still fails when a gap would overflow, so the figures asked
    /// for do not depend on what else is.
    ///
    /// ```
    /// use workforce_gap::MonteCarloSettings;
    /// let model = workforce_gap::Model::limburg()?;
    /// let settings = MonteCarloSettings::default().draws(1_000);
    /// let core = model.monte_carlo(settings.sectors(false).gaps(false))?;
    /// let full = model.monte_carlo(settings)?;
    /// assert!(core.sectors.is_empty() && core.gaps.is_empty());
    /// assert_eq!((core.total, core.themes), (full.total, full.themes));
    /// # Ok::<(), workforce_gap::Error>(())
    /// ```
    pub fn gaps(mut self, summarised: bool) -> Self {
        self.gaps = summarised;
        self
    }
}

impl Default for MonteCarloSettings {
    fn default() -> Self {
        MonteCarloSettings {
            draws: 10_000,
            seed: 1,
            initiatives: true,
            correlations: true,
            sectors: true,
            gaps: true,
            #[cfg(feature = "qmc")]
            replicates: 0,
            #[cfg(feature = "qmc")]
            precision: None,
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
    /// Per initiative: (id, persons); empty unless asked for ([`MonteCarloSettings::initiatives`]).
    pub initiatives: Vec<(String, Summary)>,
    /// Per theme: (id, persons).
    pub themes: Vec<(String, Summary)>,
    /// Per sector: (id, net persons); empty unless asked for ([`MonteCarloSettings::sectors`]).
    pub sectors: Vec<(String, Summary)>,
    /// The total, in persons.
    pub total: Summary,
    /// Per shortage (year, scenario): the share covered and the persons remaining; empty unless
    /// asked for ([`MonteCarloSettings::gaps`]).
    pub gaps: Vec<(u16, String, Summary, Summary)>,
    /// Per parameter with a range: its Pearson correlation with the total, strongest first;
    /// empty unless asked for ([`MonteCarloSettings::correlations`]).
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
    /// the same on every platform; the Beta-PERT tables of shapes that are not whole numbers go
    /// through `powf`, whose last bit may differ with another platform's maths library.
    ///
    /// Every distribution is drawn by inversion from one uniform: uniform and triangular exactly,
    /// Beta-PERT from a table of its distribution function at 4,097 evenly spaced knots, inverted
    /// once into straight lines between 4,097 evenly spaced uniforms (searched instead in the far
    /// tails, where a line would stray), so that a draw lies within 2<sup>-11</sup> of its range of
    /// the exact inverse for its uniform. A table depends on its shapes alone: the process keeps
    /// the last sixteen built, so that runs after the first build none for the same shapes. A
    /// chunk computes its draws sixteen at a time: one pass of the compiled model over a batch,
    /// each draw's `f64` figures exactly what a pass of its own would give, and the run failing
    /// if any draw's pass would.
    ///
    /// Memory does not grow with the number of draws: each result is summarised as it is drawn, in
    /// a histogram of at most 4,096 buckets whose percentiles are known within
    /// [`Summary::relative_error`] ([`Summary`]), and correlations come from running co-moments.
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
    #[cfg(feature = "qmc")]
    if settings.replicates > 0 {
        return quasi::monte_carlo(model, settings);
    }
    let draws = Draws::new(model, settings)?;
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
    let mut tally: Option<Tally> = None;
    draws.summarise(&mut chunks, |summary| Tally::merged(&mut tally, summary))?;
    Ok(tally.unwrap_or_default().finish(model, &draws))
}

/// Where a chunk's uniforms come from: the generator, or (feature `qmc`) a scrambled Sobol
/// sequence.
trait Uniforms {
    /// Fills `uniforms` with those of the next draws of the `dimension`th ranged parameter, each
    /// a whole number of 2<sup>-53</sup> ([`unit`]).
    fn uniforms(&mut self, dimension: usize, uniforms: &mut [u64]);

    /// Moves past `count` draws, once every ranged parameter has been drawn for them.
    fn advance(&mut self, _count: usize) {}
}

impl Uniforms for Xoshiro256 {
    fn uniforms(&mut self, _dimension: usize, uniforms: &mut [u64]) {
        uniforms.iter_mut().for_each(|u| *u = self.bits());
    }
}

/// A model compiled for drawing: what to draw, and which initiatives a draw changes.
struct Draws<'m> {
    program: Program<'m>,
    counts: Vec<bool>,
    /// Every parameter's value in every lane; the drawn ones are overwritten per batch.
    point: Vec<Lanes>,
    /// Per parameter with a range: its position and its sampler.
    drawn: Vec<(usize, Sampler)>,
    /// The initiatives whose formulas read a drawn parameter: those a draw changes.
    changed: Vec<usize>,
    /// Per initiative: whether it is in `changed`.
    changes: Vec<bool>,
    /// Where the counted initiatives of `changed` go in the sums.
    routes: Routes,
    /// The figures of the initiatives no draw changes, in every lane, the others zero.
    unchanged: Computed<Lanes>,
    /// What the counted ones of them add to the sums.
    sums: UnchangedSums,
    /// What to summarise besides the total, themes, sectors and gaps.
    settings: MonteCarloSettings,
}

impl<'m> Draws<'m> {
    /// Validates the model and compiles it for drawing.
    fn new(model: &'m Model, settings: MonteCarloSettings) -> Result<Draws<'m>, Error> {
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
        let changed: Vec<usize> = (0..changes.len()).filter(|&i| changes[i]).collect();
        let counts = checked.counts;
        let counted: Vec<usize> = (changed.iter().copied()).filter(|&i| counts[i]).collect();
        let point: Vec<Lanes> = (model.parameters.iter())
            .map(|p| Lanes::splat(to_f64(p.value)))
            .collect();
        // The initiatives no draw changes, computed and summed once for every chunk.
        let fixed: Vec<usize> = (0..changes.len()).filter(|&i| !changes[i]).collect();
        let counts_fixed = |index: usize| counts[index] && !changes[index];
        let mut unchanged = program.zeros();
        let value = |index: usize| point[index];
        let run = program.rerun_into(
            &fixed,
            &value,
            counts_fixed,
            &mut unchanged,
            &mut Vec::new(),
        );
        match run.map(|()| all_finite(&unchanged, &fixed)) {
            Ok(true) => {}
            failed => {
                // Every lane alike: computed in f64, the failure names its own values.
                let mut one = program.zeros();
                let value = |index: usize| point[index].0[0];
                program.rerun_into(&fixed, &value, counts_fixed, &mut one, &mut Vec::new())?;
                return Err(failed.err().unwrap_or(overflow(ArithmeticError::Overflow)));
            }
        }
        Ok(Draws {
            routes: program.routes(&counted, settings.sectors, settings.gaps),
            sums: UnchangedSums::of(&unchanged, settings),
            unchanged,
            program,
            counts,
            point,
            drawn,
            changed,
            changes,
            settings,
        })
    }

    /// Summarises the chunks, `(stream, draws)`, and hands each summary to `add` in the chunks'
    /// order, however many were summarised at once.
    fn summarise<U: Uniforms + Send>(
        &self,
        chunks: &mut impl Iterator<Item = (U, usize)>,
        mut add: impl FnMut(Tally),
    ) -> Result<(), Error> {
        loop {
            let summaries = self.next_chunks(chunks);
            if summaries.is_empty() {
                return Ok(());
            }
            for summary in summaries {
                add(summary?);
            }
        }
    }

    /// Summarises the next chunk, `(stream, draws)`; none when there are no more.
    #[cfg(not(feature = "parallel"))]
    fn next_chunks<U: Uniforms + Send>(
        &self,
        chunks: &mut impl Iterator<Item = (U, usize)>,
    ) -> Vec<Result<Tally, Error>> {
        let next = chunks.next();
        next.map(|(rng, draws)| self.chunk(rng, draws))
            .into_iter()
            .collect()
    }

    /// Summarises the next chunks, `(stream, draws)`, two per thread, in parallel; in their
    /// order. Taking a few at a time keeps the summaries held at once few.
    #[cfg(feature = "parallel")]
    fn next_chunks<U: Uniforms + Send>(
        &self,
        chunks: &mut impl Iterator<Item = (U, usize)>,
    ) -> Vec<Result<Tally, Error>> {
        use rayon::prelude::*;
        let wave: Vec<_> = chunks.take(2 * rayon::current_num_threads()).collect();
        wave.into_par_iter()
            .map(|(rng, draws)| self.chunk(rng, draws))
            .collect()
    }

    /// Makes and summarises `draws` draws from one stream, [`LANES`] at a time.
    fn chunk(&self, mut rng: impl Uniforms, draws: usize) -> Result<Tally, Error> {
        let mut drawing = Drawing::new(self);
        let mut tally = Tally::default();
        let mut left = draws;
        while left > 0 {
            let lanes = left.min(LANES);
            drawing.next(&mut rng, lanes)?;
            if left == draws {
                tally = Tally::sized(self, &drawing.computed);
            }
            tally.record(self, &drawing, lanes);
            left -= lanes;
        }
        tally.flush(self);
        // The other initiatives kept the figures of the chunk's first draw.
        for (index, summary) in tally.initiatives.iter_mut().enumerate() {
            if !self.changes[index] {
                let persons = drawing.computed.initiatives[index].1.0[0];
                summary.record_repeated(persons, draws as u64);
            }
        }
        Ok(tally)
    }
}

/// Draws from one stream, a batch of [`LANES`] at a time, computed into buffers reused from
/// batch to batch: after the first, only the initiatives a draw changes are computed and summed
/// again.
struct Drawing<'d, 'm> {
    draws: &'d Draws<'m>,
    /// Every parameter's value in this batch's draws.
    point: Vec<Lanes>,
    /// Every figure of this batch's draws.
    computed: Computed<Lanes>,
    stack: Vec<Lanes>,
}

impl<'d, 'm> Drawing<'d, 'm> {
    fn new(draws: &'d Draws<'m>) -> Drawing<'d, 'm> {
        Drawing {
            draws,
            point: draws.point.clone(),
            computed: draws.unchanged.clone(),
            stack: Vec::new(),
        }
    }

    /// Draws every parameter with a range, parameter after parameter, for the first `count`
    /// lanes, and computes the figures. A lane beyond them repeats the first, so that it fails
    /// only when a draw made fails.
    fn next(&mut self, rng: &mut impl Uniforms, count: usize) -> Result<(), Error> {
        let Drawing {
            draws,
            point,
            computed,
            stack,
        } = self;
        // The uniforms drawn first, then mapped to values: from the generator or, with the
        // feature `qmc`, a scrambled Sobol sequence.
        let mut uniforms = [0; LANES];
        for (dimension, (index, sampler)) in draws.drawn.iter().enumerate() {
            rng.uniforms(dimension, &mut uniforms[..count]);
            let lanes = &mut point[*index].0;
            sampler.values(&uniforms[..count], &mut lanes[..count]);
            let first = lanes[0];
            lanes[count..].fill(first);
        }
        rng.advance(count);
        let (program, counts) = (&draws.program, &draws.counts);
        let value = |index: usize| point[index];
        let mut batch = || {
            program.recompute_into(&draws.changed, &value, computed, stack)?;
            (program.sum_batch(&draws.routes, computed)).map_err(overflow)?;
            draws.sums.add_to(computed);
            match all_finite(computed, &draws.changed) {
                true => Ok(()),
                false => Err(overflow(ArithmeticError::Overflow)),
            }
        };
        // The batch's error shows every lane's values: the first draw that fails, computed
        // alone, names its own.
        batch().map_err(|error| {
            (0..count)
                .find_map(|lane| {
                    let value = |index: usize| point[index].0[lane];
                    program.run(&value, |index| counts[index]).err()
                })
                .unwrap_or(error)
        })
    }
}

/// A batch's failure; replaced by the error of its first draw that fails, computed alone.
fn overflow(kind: ArithmeticError) -> Error {
    Error::Arithmetic {
        context: "a Monte Carlo draw".to_string(),
        kind,
    }
}

/// Whether the figures of a batch are finite: its sums, and the initiatives it computed, listed
/// in `initiatives`. Every other figure of a draw ends in these or in a divisor, which a batch
/// checks as it divides ([`Lanes::is_finite`]).
fn all_finite(computed: &Computed<Lanes>, initiatives: &[usize]) -> bool {
    let gaps = (computed.gaps.iter()).flat_map(|gap| [&gap.covered, &gap.remaining]);
    let persons = initiatives.iter().map(|&i| &computed.initiatives[i]);
    let sums = (computed.themes.iter()).chain(&computed.sectors);
    sums.chain([&computed.total])
        .chain(gaps)
        .chain(persons.flat_map(|(fte, persons)| [fte, persons]))
        .fold(true, |all, figure| all & figure.is_finite())
}

/// The figures summarised: all of `figures` if they are `asked` for, none otherwise.
fn asked<T>(figures: &[T], asked: bool) -> &[T] {
    &figures[..if asked { figures.len() } else { 0 }]
}

/// What the counted initiatives that no draw changes add to the sums, worked out once per run:
/// each draw then sums only the initiatives it changes, and adds these.
struct UnchangedSums {
    themes: Vec<f64>,
    sectors: Vec<f64>,
    total: f64,
    /// Per gap, their share of the shortage.
    covered: Vec<f64>,
}

impl UnchangedSums {
    /// The sums of figures that are the same in every lane; sectors and gaps only where
    /// `settings` summarises them, as the batches sum them ([`Program::routes`]).
    fn of(computed: &Computed<Lanes>, settings: MonteCarloSettings) -> UnchangedSums {
        let (sectors, gaps) = (
            asked(&computed.sectors, settings.sectors),
            asked(&computed.gaps, settings.gaps),
        );
        UnchangedSums {
            themes: computed.themes.iter().map(|sum| sum.0[0]).collect(),
            sectors: sectors.iter().map(|sum| sum.0[0]).collect(),
            total: computed.total.0[0],
            covered: gaps.iter().map(|gap| gap.covered.0[0]).collect(),
        }
    }

    /// Completes sums over the changed initiatives. A gap is linear in the total: the share
    /// covered is total / shortage, and what remains is shortage - total.
    fn add_to(&self, computed: &mut Computed<Lanes>) {
        let add = |sum: &mut Lanes, unchanged: f64| sum.0.iter_mut().for_each(|s| *s += unchanged);
        for (sum, unchanged) in computed.themes.iter_mut().zip(&self.themes) {
            add(sum, *unchanged);
        }
        for (sum, unchanged) in computed.sectors.iter_mut().zip(&self.sectors) {
            add(sum, *unchanged);
        }
        add(&mut computed.total, self.total);
        for (gap, covered) in computed.gaps.iter_mut().zip(&self.covered) {
            add(&mut gap.covered, *covered);
            add(&mut gap.remaining, -self.total);
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
    /// Per summary of [`Tally::summaries`], the figures of the draws not yet in it.
    columns: Vec<Vec<f64>>,
}

impl Tally {
    /// Empty summaries for each of the figures.
    fn sized<V>(draws: &Draws, computed: &Computed<V>) -> Tally {
        let empty = |count: usize| vec![Summary::default(); count];
        let settings = draws.settings;
        let gaps = asked(&computed.gaps, settings.gaps);
        Tally {
            initiatives: empty(asked(&computed.initiatives, settings.initiatives).len()),
            themes: empty(computed.themes.len()),
            sectors: empty(asked(&computed.sectors, settings.sectors).len()),
            total: Summary::default(),
            gaps: (gaps.iter())
                .map(|g| (g.shortage, Summary::default(), Summary::default()))
                .collect(),
            correlations: Comoments::default(),
            columns: Vec::new(),
        }
    }

    /// Records the first `lanes` draws of a batch: every figure but those of the initiatives no
    /// draw changes. The figures wait in a batch for [`Tally::flush`].
    fn record(&mut self, draws: &Draws, drawing: &Drawing, lanes: usize) {
        let computed = &drawing.computed;
        let initiatives = match draws.settings.initiatives {
            true => &draws.changed[..],
            false => &[],
        };
        let persons = initiatives.iter().map(|&i| &computed.initiatives[i].1);
        // As many as the tally summarises: none of those not asked for.
        let sectors = &computed.sectors[..self.sectors.len()];
        let gaps = computed.gaps[..self.gaps.len()].iter();
        let figures = persons
            .chain(&computed.themes)
            .chain(sectors)
            .chain([&computed.total])
            .chain(gaps.flat_map(|gap| [&gap.covered, &gap.remaining]));
        if self.columns.is_empty() {
            self.columns = vec![Vec::new(); figures.clone().count()];
        }
        for (column, figure) in self.columns.iter_mut().zip(figures) {
            column.extend_from_slice(&figure.0[..lanes]);
        }
        if draws.settings.correlations {
            for lane in 0..lanes {
                let drawn = (draws.drawn.iter()).map(|(index, _)| drawing.point[*index].0[lane]);
                self.correlations.record(drawn, computed.total.0[lane]);
            }
        }
    }

    /// Adds the batched draws to the summaries one summary at a time, in the order they were
    /// drawn. A histogram can span many buckets; filling one at a time keeps it in cache, where
    /// a draw at a time would touch every histogram per draw.
    fn flush(&mut self, draws: &Draws) {
        let initiatives = (self.initiatives.iter_mut().zip(&draws.changes))
            .filter(|(_, changes)| **changes)
            .map(|(summary, _)| summary);
        let gaps = (self.gaps.iter_mut()).flat_map(|(_, covered, remaining)| [covered, remaining]);
        let summaries = initiatives
            .chain(&mut self.themes)
            .chain(&mut self.sectors)
            .chain([&mut self.total])
            .chain(gaps);
        for (summary, column) in summaries.zip(&mut self.columns) {
            summary.record_all(column);
            column.clear();
        }
    }

    /// Adds a later chunk's summaries to those so far, if any.
    fn merged(tally: &mut Option<Tally>, later: Tally) {
        match tally {
            Some(tally) => tally.merge(&later),
            None => *tally = Some(later),
        }
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
    fn finish(mut self, model: &Model, draws: &Draws) -> MonteCarlo {
        let (drawn, settings) = (&draws.drawn[..], draws.settings);
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
        if !settings.correlations {
            correlations.clear();
        }
        let initiatives = match settings.initiatives {
            true => model.initiatives.iter().map(|i| &i.id).collect(),
            false => Vec::new(),
        };
        let sectors = match settings.sectors {
            true => model.sectors.iter().map(|s| &s.id).collect(),
            false => Vec::new(),
        };
        MonteCarlo {
            initiatives: named(initiatives, self.initiatives),
            themes: named(model.themes.iter().map(|t| &t.id).collect(), self.themes),
            sectors: named(sectors, self.sectors),
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
            let u = unit(rng.bits());
            assert!((0.0..1.0).contains(&u));
        }
        let n = 40_000;
        // Over 2 to 12 with mode 4 (standard deviations at most 2.9, errors below 0.015): the
        // uniform's mean is (2 + 12) / 2, the triangle's (2 + 4 + 12) / 3, PERT's
        // (2 + 4 * 4 + 12) / 6.
        for (distribution, mean) in [
            (Distribution::Uniform, 7.0),
            (Distribution::Triangular, 6.0),
            (Distribution::Pert, 5.0),
        ] {
            let sampler = Sampler::between(distribution, 2.0, 4.0, 12.0, 0.2);
            let draws: Vec<f64> = (0..n).map(|_| sampler.value(rng.bits())).collect();
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
        let fixed = Sampler::between(Distribution::Pert, 3.0, 3.0, 3.0, 0.0);
        assert_eq!(fixed.value(rng.bits()), 3.0);
    }

    /// Beta's distribution function for whole shapes: the chance that at least `a` of
    /// `a + b - 1` uniforms fall below x, sum over j from a to n = a + b - 1 of
    /// C(n, j) x^j (1 - x)^(n - j).
    fn beta_cdf(a: u32, b: u32, x: f64) -> f64 {
        let n = a + b - 1;
        let choose = |j: u32| (0..j).fold(1.0, |c, i| c * f64::from(n - i) / f64::from(i + 1));
        (a..=n)
            .map(|j| choose(j) * x.powi(j as i32) * (1.0 - x).powi((n - j) as i32))
            .sum()
    }

    /// The exact inverse of an increasing function on [0, 1], by bisection.
    fn inverse(f: impl Fn(f64) -> f64, u: f64) -> f64 {
        let (mut low, mut high) = (0.0, 1.0);
        for _ in 0..60 {
            let middle = 0.5 * (low + high);
            if f(middle) <= u {
                low = middle
            } else {
                high = middle
            }
        }
        low
    }

    #[test]
    fn a_beta_table_draws_within_its_bound_of_the_exact_quantile() {
        // Beta-PERT's shapes add up to 6: mode at the low end (1, 5), a quarter of the way
        // (2, 4), in the middle (3, 3), at the high end (5, 1). The table's knots are exact for
        // these, so every draw lies within PERT_ERROR, 2^-11, of the exact quantile: within a
        // cell of F's table, 2^-12, and a line that strays no further from it.
        for (a, b) in [(1, 5), (2, 4), (3, 3), (4, 2), (5, 1)] {
            let table = InverseCdf::beta(f64::from(a), f64::from(b));
            for knot in [0u32, 1, 100, 1024, 2000, 4095, 4096] {
                let x = f64::from(knot) / CELLS as f64;
                let (got, want) = (table.cdf(knot as usize), beta_cdf(a, b, x));
                assert!(
                    (got - want).abs() < 1e-13,
                    "({a}, {b}) at {x}: {got} vs {want}"
                );
            }
            let (mut worst, mut worst_searched): (f64, f64) = (0.0, 0.0);
            for i in 0..40_000 {
                let u = (f64::from(i) + 0.5) / 40_000.0;
                let exact = inverse(|x| beta_cdf(a, b, x), u);
                worst = worst.max((table.quantile(u) - exact).abs());
                worst_searched = worst_searched.max((table.searched(u) - exact).abs());
            }
            assert!(worst <= PERT_ERROR, "({a}, {b}): {worst}");
            assert!(
                worst_searched <= PERT_ERROR / 2.0,
                "({a}, {b}): {worst_searched}"
            );
            assert_eq!(table.quantile(0.0), 0.0);
            assert!(table.quantile(1.0 - f64::EPSILON) <= 1.0);
            // Only the far tails are searched: four or five steps of 4,096.
            assert!(table.searched_share() < 0.002, "({a}, {b})");
        }
    }

    #[test]
    fn a_beta_table_is_built_once_for_its_shapes_and_few_are_kept() {
        let pert = |place: f64| Sampler::between(Distribution::Pert, 0.0, place, 1.0, place);
        let table = |sampler: Sampler| match sampler {
            Sampler::Pert { beta, .. } => beta,
            other => panic!("{other:?}"),
        };
        // Two parameters with their modes a third of the way share one table; another place
        // has its own.
        let (first, again) = (table(pert(1.0 / 3.0)), table(pert(1.0 / 3.0)));
        assert!(std::sync::Arc::ptr_eq(&first, &again));
        assert!(!std::sync::Arc::ptr_eq(&first, &table(pert(0.3))));
        for place in 0..40 {
            pert(f64::from(place) / 40.0);
        }
        assert!(kept_tables() <= KEPT_TABLES);
    }

    #[test]
    fn a_beta_table_of_other_shapes_keeps_its_bound() {
        // Shapes 1.5 and 4.5 (mode an eighth of the way): the density's slope is infinite at 0,
        // where three-point quadrature is least exact. Reference: the density integrated by
        // Simpson's rule over 2^20 steps, with the first step integrated exactly as x^0.5.
        let (a, b) = (1.5, 4.5);
        let density = |x: f64| x.powf(a - 1.0) * (1.0 - x).powf(b - 1.0);
        let steps = 1 << 20;
        let h = 1.0 / f64::from(steps);
        let mut cdf = vec![0.0; steps as usize + 1];
        cdf[1] = h.powf(a) / a;
        for i in 1..steps as usize {
            let x = i as f64 * h;
            let simpson = h / 6.0 * (density(x) + 4.0 * density(x + h / 2.0) + density(x + h));
            cdf[i + 1] = cdf[i] + simpson;
        }
        let whole = cdf[steps as usize];
        let reference = |x: f64| {
            let place = x * f64::from(steps);
            let i = (place as usize).min(steps as usize - 1);
            (cdf[i] + (cdf[i + 1] - cdf[i]) * (place - i as f64)) / whole
        };
        let table = InverseCdf::beta(a, b);
        for i in 0..5_000 {
            let u = (f64::from(i) + 0.5) / 5_000.0;
            let (got, want) = (table.quantile(u), inverse(reference, u));
            assert!((got - want).abs() <= PERT_ERROR, "{u}: {got} vs {want}");
        }
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
        // Beyond 4,096 buckets they merge in pairs until they fit: 1 to 10 spans 3 1/4 powers
        // of two, 6,656 buckets, so 2^-10; 1 to 999 almost 10 powers, 1 to 5,000 12.2, so 2^-8.
        for (n, error) in [(1, 11), (2, 11), (10, 10), (999, 8), (5_000, 8)] {
            let values: Vec<f64> = (1..=n).map(f64::from).collect();
            let s = summary(values.iter().copied());
            assert_eq!(s.relative_error(), (-f64::from(error)).exp2());
            assert!(s.buckets() <= MAX_BUCKETS);
            for p in [0.0, 0.1, 1.0, 5.0, 25.0, 50.0, 73.3, 95.0, 99.0, 100.0] {
                let (got, want) = (s.percentile(p), exact(&values, p));
                assert!(
                    (got - want).abs() <= s.relative_error() * want.abs(),
                    "n {n} p {p}: {got} vs {want}"
                );
            }
            assert_eq!(s.range(), (1.0, f64::from(n)));
            assert_eq!(s.mean(), (f64::from(n) + 1.0) / 2.0);
        }
        // Across zero and over many powers of two: -1000.5, ..., 0, ..., 1000.5 in steps of 0.25
        // and their tenths of thousandths. From 1/16 to 1,024 are 14 powers of two, and the
        // linear buckets below 1/16 one more, on either side: 30 * 2^7 buckets fit, 2^-7.
        let mut values: Vec<f64> = (-4002..=4002).map(|i| f64::from(i) / 4.0).collect();
        values.extend((1..=100).map(|i| f64::from(i) * 1e-4));
        values.sort_by(f64::total_cmp);
        let s = summary(values.iter().rev().copied());
        assert_eq!(s.relative_error(), 1.0 / 128.0);
        for p in (0..=1000).map(|i| f64::from(i) / 10.0) {
            let (rank, n) = (p / 100.0 * (values.len() - 1) as f64, values.len());
            let (low, high) = (
                values[rank.floor() as usize],
                values[(rank.ceil() as usize).min(n - 1)],
            );
            let allowed = s.relative_error() * low.abs().max(high.abs()).max(LINEAR_BELOW);
            let (got, want) = (s.percentile(p), exact(&values, p));
            assert!((got - want).abs() <= allowed, "p {p}: {got} vs {want}");
        }
    }

    #[test]
    fn memory_is_bounded_however_the_draws_spread() {
        // From 10^-300 to 10^300 on either side: some 4,000 powers of two, at one bucket each.
        let values: Vec<f64> = (-300..=300)
            .flat_map(|e| [10f64.powi(e), -(10f64.powi(e))])
            .collect();
        let s = summary(values.iter().copied());
        assert!(s.buckets() <= MAX_BUCKETS, "{}", s.buckets());
        let highest = values.iter().copied().fold(0.0, f64::max);
        assert_eq!(s.range(), (-highest, highest));
        // Summarised in two halves and merged, the same to the last counter.
        let (a, b) = values.split_at(700);
        let mut merged = summary(a.iter().copied());
        merged.merge(&summary(b.iter().copied()));
        assert_eq!(merged.counts, s.counts);
        assert_eq!((merged.first, merged.coarser), (s.first, s.coarser));
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
        // The values are integers, so even the sums are exact in any order; the squared
        // deviations are pooled around means that are not, so they agree but for rounding.
        let mut whole = summary(a.iter().chain(&b).copied());
        assert!((merged.squares - whole.squares).abs() <= whole.squares * 1e-12);
        whole.squares = merged.squares;
        assert_eq!(merged, whole);
        let mut empty = Summary::default();
        empty.merge(&merged);
        assert_eq!(empty, merged);
    }

    #[test]
    fn the_standard_error_is_the_standard_deviation_over_the_root_of_the_draws() {
        // 1, 2, 3, 4: mean 5/2, squared deviations 9/4 + 1/4 + 1/4 + 9/4 = 5, variance 5/3 (with
        // n - 1), standard error √(5/3 / 4) = √(5/12); recorded one by one, at once, repeated, or
        // merged from two halves.
        let want = (5.0f64 / 12.0).sqrt();
        let one_by_one = summary([1.0, 2.0, 3.0, 4.0]);
        let mut at_once = Summary::default();
        at_once.record_all(&[1.0, 2.0, 3.0, 4.0]);
        let mut halves = summary([1.0, 4.0]);
        halves.merge(&summary([2.0, 3.0]));
        let mut repeated = Summary::default();
        for value in [1.0, 2.0, 3.0, 4.0] {
            repeated.record_repeated(value, 1);
        }
        for summary in [one_by_one, at_once, halves, repeated] {
            let error = summary.standard_error().unwrap();
            assert!((error - want).abs() < 1e-15, "{error}");
        }
        // 3 three times: no spread. Fewer than two draws: none.
        let mut same = Summary::default();
        same.record_repeated(3.0, 3);
        assert_eq!(same.standard_error(), Some(0.0));
        assert_eq!(summary([7.0]).standard_error(), None);
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
        let draws = Draws::new(&model, MonteCarloSettings::default()).unwrap();
        assert!(!draws.changed.is_empty() && draws.changed.len() < model.initiatives.len());
        let mut drawing = Drawing::new(&draws);
        let mut rng = Xoshiro256::seeded(4);
        let close = |a: f64, b: f64| (a - b).abs() <= 1e-12 * b.abs().max(1.0);
        for batch in 0..20 {
            // The last batch short, as a chunk's last may be.
            let lanes = if batch == 19 { 3 } else { LANES };
            drawing.next(&mut rng, lanes).unwrap();
            // Each lane against the whole model computed in f64 from that lane's draw.
            for lane in 0..LANES {
                let point = |index: usize| drawing.point[index].0[lane];
                let full = (draws.program)
                    .run(&point, |index| draws.counts[index])
                    .unwrap();
                let got = &drawing.computed;
                let at = |sums: &[Lanes]| sums.iter().map(|sum| sum.0[lane]).collect::<Vec<_>>();
                let pairs = [
                    (at(&got.themes), full.themes),
                    (at(&got.sectors), full.sectors),
                    (vec![got.total.0[lane]], vec![full.total]),
                ];
                for (got, full) in pairs {
                    assert!(
                        got.iter().zip(&full).all(|(a, b)| close(*a, *b)),
                        "{got:?} {full:?}"
                    );
                }
                for (a, b) in got.initiatives.iter().zip(&full.initiatives) {
                    assert_eq!((a.0.0[lane], a.1.0[lane]), *b);
                }
                for (a, b) in got.gaps.iter().zip(&full.gaps) {
                    let (covered, remaining) = (a.covered.0[lane], a.remaining.0[lane]);
                    assert!(close(covered, b.covered) && close(remaining, b.remaining));
                }
            }
        }
    }
}
