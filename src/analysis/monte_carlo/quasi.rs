//! Quasi-Monte Carlo (feature `qmc`): the uniforms come from independently Owen-scrambled Sobol
//! sequences (sobol_burley) instead of the generator, and the spread of the replicates' means
//! gives the standard error of the mean, so that a run can go on until a precision is reached.

use super::distributions::UNIT_BITS;
use super::{Draws, MonteCarlo, MonteCarloSettings, Summary, Tally, Uniforms, rng::Xoshiro256};
use crate::error::Error;
use crate::model::Model;
use sobol_burley::{NUM_DIMENSIONS, sample_4d};

/// The most points one sequence gives: sobol_burley's sequences are 2<sup>16</sup> long.
const MOST_POINTS: usize = 1 << 16;

/// Points per chunk of work, all of one replicate: the unit of parallel work.
const CHUNK_POINTS: usize = 1 << 10;

/// Points per replicate a run asked for a precision starts with, before doubling.
const FIRST_POINTS: usize = 1 << 6;

/// Replicates when a precision is asked for without saying how many.
const REPLICATES: usize = 16;

/// The most replicates: past a few dozen, more add little to how well the standard error is
/// known, and each holds a sum per figure.
const MOST_REPLICATES: usize = 256;

/// Half the step between sobol_burley's `f32` uniforms, which are multiples of 2<sup>-23</sup>:
/// each is taken at the middle of its step, so that their mean is one half.
const HALF_STEP: f64 = 1.0 / (1u32 << 24) as f64;

impl MonteCarloSettings {
    /// Draws quasi-random points instead of pseudo-random ones (feature `qmc`): `replicates`
    /// independently scrambled Sobol sequences, each of the same power of two of points, at most
    /// [`MonteCarloSettings::draws`] in all. Each summary pools every point, and
    /// [`Summary::standard_error`] gives the standard error of its mean from the spread of the
    /// replicates' means. 0 turns it off again; 1 is taken as 2, the fewest with a spread, and
    /// more than 256 as 256.
    ///
    /// The sequences are Owen-scrambled by hashing and their points shuffled (Burley's
    /// "Practical Hash-based Owen Scrambling", in the crate sobol_burley), each replicate with
    /// its own scramble drawn from the seed. A sequence is at most 2<sup>16</sup> points long,
    /// so each replicate is the largest power of two of points within `draws / replicates` (at
    /// least one) and 65,536. Its points have 256 dimensions, one per ranged parameter; a model with more draws
    /// the next 256 parameters from another scramble of the same dimensions (the padding Burley
    /// describes): each block of 256 is stratified, the blocks are associated at random, and
    /// the estimates stay unbiased. The uniforms are `f32`, multiples of 2<sup>-23</sup>, each
    /// taken at the middle of its step: far finer than a Beta-PERT draw's error
    /// (2<sup>-11</sup> of its range).
    ///
    /// On a model whose figures vary smoothly with the parameters, as a sum of products does,
    /// the error of a mean falls about as fast as one over the number of points, where
    /// pseudo-random draws' error falls as one over its square root.
    ///
    /// ```
    /// use workforce_gap::MonteCarloSettings;
    /// let model = workforce_gap::Model::limburg()?;
    /// let mc = model.monte_carlo(MonteCarloSettings::default().draws(4_096).sobol(16))?;
    /// // 16 replicates of 256 points.
    /// assert_eq!(mc.total.draws(), 4_096);
    /// let error = mc.total.standard_error().unwrap();
    /// println!("total {:.1} ± {error:.2} persons", mc.total.mean());
    /// # Ok::<(), workforce_gap::Error>(())
    /// ```
    pub fn sobol(mut self, replicates: usize) -> Self {
        self.replicates = match replicates {
            0 => 0,
            _ => replicates.clamp(2, MOST_REPLICATES),
        };
        self
    }

    /// Draws quasi-random points ([`MonteCarloSettings::sobol`], 16 replicates unless set) until
    /// the standard error of the total's mean is at most `persons` (feature `qmc`); `draws` is
    /// then the most points drawn. The replicates start at 64 points each and double, each
    /// time adding the next points of the same sequences, until the standard error is small
    /// enough or doubling would pass `draws` or a sequence's 65,536 points. The precision was
    /// reached when the total's [`Summary::standard_error`] is at most `persons`; when it is
    /// not, the cap stopped the run (as it always does for a precision of zero or less).
    ///
    /// ```
    /// use workforce_gap::MonteCarloSettings;
    /// let model = workforce_gap::Model::limburg()?;
    /// let settings = MonteCarloSettings::default().precision(0.5).draws(1 << 20);
    /// let mc = model.monte_carlo(settings)?;
    /// let error = mc.total.standard_error().unwrap();
    /// assert!(error <= 0.5, "not reached within the cap: {error}");
    /// println!("{} points: total {:.1} ± {error:.2} persons", mc.total.draws(), mc.total.mean());
    /// # Ok::<(), workforce_gap::Error>(())
    /// ```
    pub fn precision(mut self, persons: f64) -> Self {
        self.precision = Some(persons);
        if self.replicates == 0 {
            self.replicates = REPLICATES;
        }
        self
    }
}

/// The points of one replicate from `index` on: the uniforms of its `dimension`th ranged
/// parameter come from dimension `dimension % 256` of the sequence scrambled by
/// `seeds[dimension / 256]`.
#[derive(Clone)]
struct Sobol<'s> {
    seeds: &'s [u32],
    index: u32,
    /// The uniforms of four dimensions at once, point after point, as sobol_burley computes
    /// them (a quarter of the cost of one at a time), and (their first dimension, the first
    /// point, how many points) they are of.
    four: Vec<[f32; 4]>,
    made: Option<(usize, u32, usize)>,
}

impl<'s> Sobol<'s> {
    fn new(seeds: &'s [u32], index: u32) -> Sobol<'s> {
        Sobol {
            seeds,
            index,
            four: Vec::new(),
            made: None,
        }
    }
}

impl Uniforms for Sobol<'_> {
    fn uniforms(&mut self, dimension: usize, uniforms: &mut [u64]) {
        let first = dimension - dimension % 4;
        let made = Some((first, self.index, uniforms.len()));
        if self.made != made {
            // 256 dimensions are 64 sets of four: a set lies within one scramble's block.
            let dimensions = NUM_DIMENSIONS as usize;
            let (seed, set) = (self.seeds[first / dimensions], first % dimensions / 4);
            let points = self.index..self.index + uniforms.len() as u32;
            self.four.clear();
            (self.four).extend(points.map(|point| sample_4d(point, set as u32, seed)));
            self.made = made;
        }
        for (u, four) in uniforms.iter_mut().zip(&self.four) {
            // A multiple of 2^-24, so a whole number of 2^-53.
            *u = ((f64::from(four[dimension % 4]) + HALF_STEP) * (1u64 << UNIT_BITS) as f64) as u64;
        }
    }

    fn advance(&mut self, count: usize) {
        self.index += count as u32;
    }
}

/// Draws the replicates, doubling their points until the precision asked for is reached or
/// the cap is, and pools them.
pub(super) fn monte_carlo(
    model: &Model,
    settings: MonteCarloSettings,
) -> Result<MonteCarlo, Error> {
    let draws = Draws::new(model, settings)?;
    let replicates = settings.replicates;
    // Each replicate's scrambles, one per block of 256 ranged parameters.
    let blocks = draws.drawn.len().div_ceil(NUM_DIMENSIONS as usize).max(1);
    let mut rng = Xoshiro256::seeded(settings.seed);
    let seeds: Vec<Vec<u32>> = (0..replicates)
        .map(|_| (0..blocks).map(|_| (rng.next() >> 32) as u32).collect())
        .collect();
    // The most points per replicate: a power of two within the cap and the sequence.
    let most = 1 << (settings.draws / replicates).max(1).ilog2();
    let most = MOST_POINTS.min(most);
    let mut points = match settings.precision {
        Some(_) => FIRST_POINTS.min(most),
        None => most,
    };
    let mut done = 0;
    // Every point's summaries, and per replicate each figure's sum and count, from which its
    // mean: the histograms are held once, not once per replicate.
    let mut pooled: Option<Tally> = None;
    let mut sums: Vec<Vec<(f64, u64)>> = vec![Vec::new(); replicates];
    loop {
        // The points from `done` to `points` of every replicate, in chunks.
        let chunks: Vec<(usize, usize)> = (0..replicates)
            .flat_map(|replicate| {
                (done..points)
                    .step_by(CHUNK_POINTS)
                    .map(move |at| (replicate, at))
            })
            .collect();
        let mut streams = chunks.iter().map(|&(replicate, at)| {
            let stream = Sobol::new(&seeds[replicate], at as u32);
            (stream, CHUNK_POINTS.min(points - at))
        });
        let mut owners = chunks.iter().map(|(replicate, _)| *replicate);
        draws.summarise(&mut streams, |chunk| {
            if let Some(replicate) = owners.next() {
                let sums = &mut sums[replicate];
                sums.resize(figures(&chunk).count(), (0.0, 0));
                for ((sum, count), figure) in sums.iter_mut().zip(figures(&chunk)) {
                    (*sum, *count) = (*sum + figure.sum, *count + figure.draws);
                }
                Tally::merged(&mut pooled, chunk);
            }
        })?;
        let reached = match (settings.precision, &pooled) {
            (Some(persons), Some(pooled)) => {
                let total = pooled.initiatives.len() + pooled.themes.len() + pooled.sectors.len();
                standard_error(sums.iter().map(|figures| mean(figures, total))) <= persons
            }
            _ => true,
        };
        if reached || 2 * points > most {
            break;
        }
        (done, points) = (points, 2 * points);
    }
    let mut pooled = pooled.unwrap_or_default().finish(model, &draws);
    for (at, summary) in summaries(&mut pooled).enumerate() {
        let means = sums.iter().map(|figures| mean(figures, at));
        summary.replicates_error = Some(standard_error(means));
    }
    Ok(pooled)
}

/// The mean of the figure at `at`, from its sum and count.
fn mean(figures: &[(f64, u64)], at: usize) -> f64 {
    figures
        .get(at)
        .map_or(f64::NAN, |(sum, count)| sum / *count as f64)
}

/// Every summary of a chunk, in the order of [`summaries`].
fn figures(tally: &Tally) -> impl Iterator<Item = &Summary> {
    let gaps = (tally.gaps.iter()).flat_map(|(_, covered, remaining)| [covered, remaining]);
    (tally.initiatives.iter())
        .chain(&tally.themes)
        .chain(&tally.sectors)
        .chain([&tally.total])
        .chain(gaps)
}

/// Every summary of a run, in a fixed order.
fn summaries(mc: &mut MonteCarlo) -> impl Iterator<Item = &mut Summary> {
    let named = (mc.initiatives.iter_mut())
        .chain(&mut mc.themes)
        .chain(&mut mc.sectors)
        .map(|(_, summary)| summary);
    let gaps = (mc.gaps.iter_mut()).flat_map(|(_, _, covered, remaining)| [covered, remaining]);
    named.chain([&mut mc.total]).chain(gaps)
}

/// The standard error of the mean of equally weighted means: their standard deviation (with
/// n - 1) over the square root of their number.
fn standard_error(means: impl Iterator<Item = f64> + Clone) -> f64 {
    let n = means.clone().count() as f64;
    let mean = means.clone().sum::<f64>() / n;
    let squares: f64 = means.map(|m| (m - mean) * (m - mean)).sum();
    (squares / (n - 1.0) / n).sqrt()
}

#[cfg(test)]
mod tests {
    use super::super::distributions::unit;
    use super::*;

    #[test]
    fn the_uniforms_are_the_crates_points_at_the_middle_of_their_steps() {
        // 300 dimensions: the last 44 from the second scramble. Filled in a scrambled order,
        // eight points at a time.
        let seeds = [7, 1_234_567];
        let mut sobol = Sobol::new(&seeds, 0);
        let mut draws = [0; 8];
        for batch in 0..3u32 {
            for dimension in (0..300).rev().step_by(7).chain([0, 255, 256, 299]) {
                sobol.uniforms(dimension, &mut draws);
                let seed = seeds[dimension / 256];
                for (point, draw) in (8 * batch..).zip(draws) {
                    let u = sobol_burley::sample(point, (dimension % 256) as u32, seed);
                    let draw = unit(draw);
                    assert_eq!(draw, f64::from(u) + HALF_STEP, "{dimension} {point}");
                    assert!(0.0 < draw && draw < 1.0);
                }
            }
            sobol.advance(draws.len());
        }
    }

    #[test]
    fn the_standard_error_of_means() {
        // 1, 2, 3, 4: mean 5/2, squares 9/4 + 1/4 + 1/4 + 9/4 = 5, variance 5/3, and the
        // standard error √(5/3 / 4) = √(5/12).
        let error = standard_error([1.0, 2.0, 3.0, 4.0].into_iter());
        assert!((error - (5.0f64 / 12.0).sqrt()).abs() < 1e-15, "{error}");
        assert_eq!(standard_error([3.0, 3.0].into_iter()), 0.0);
    }
}
