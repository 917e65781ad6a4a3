//! Monte Carlo (feature `monte-carlo`): draws every parameter with a range from its
//! distribution, computes the model for each draw, and summarises every result by percentiles,
//! with the correlation between each parameter and the total.
//!
//! Draws are `f64`; the point results of [`crate::evaluate()`] stay exact decimals. The generator
//! is xoshiro256** seeded through SplitMix64, written out here so that a seed gives the same draws
//! on every platform and every version of this crate.
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

/// The draws of one result, sorted, for percentiles.
#[derive(Clone, Debug, PartialEq)]
pub struct Summary {
    sorted: Vec<f64>,
    mean: f64,
}

impl Summary {
    fn new(mut values: Vec<f64>) -> Summary {
        values.sort_by(f64::total_cmp);
        let mean = if values.is_empty() {
            f64::NAN
        } else {
            values.iter().sum::<f64>() / values.len() as f64
        };
        Summary {
            sorted: values,
            mean,
        }
    }

    /// The mean of the draws.
    pub fn mean(&self) -> f64 {
        self.mean
    }

    /// The `p`th percentile (0 to 100), interpolated linearly between draws.
    pub fn percentile(&self, p: f64) -> f64 {
        let n = self.sorted.len();
        if n == 0 {
            return f64::NAN;
        }
        let rank = (p.clamp(0.0, 100.0) / 100.0) * (n - 1) as f64;
        let (low, high) = (rank.floor() as usize, rank.ceil() as usize);
        let weight = rank - low as f64;
        self.sorted[low] * (1.0 - weight) + self.sorted[high] * weight
    }

    /// The lowest and highest draw.
    pub fn range(&self) -> (f64, f64) {
        (
            self.sorted.first().copied().unwrap_or(f64::NAN),
            self.sorted.last().copied().unwrap_or(f64::NAN),
        )
    }
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

/// Runs the draws. Fails like [`crate::evaluate()`], or when a draw divides by zero or overflows.
pub fn run(model: &Model, settings: Settings) -> Result<MonteCarlo, Error> {
    let findings = model.validate();
    if !findings.is_empty() {
        return Err(Error::Input { findings });
    }
    let counts = model.counted_by_default();
    let ranged: Vec<usize> = (0..model.parameters.len())
        .filter(|&i| model.parameters[i].range.is_some())
        .collect();
    let program = Program::new(model)?;
    // One set of buffers for every draw: computing a draw allocates nothing.
    let mut computed = Computed::empty();
    let mut stack = Vec::new();
    let mut rng = Xoshiro256::seeded(settings.seed);
    let mut point: Vec<f64> = model
        .parameters
        .iter()
        .map(|p| p.value.to_f64().unwrap_or(f64::NAN))
        .collect();
    let mut samples: Vec<Vec<f64>> = vec![Vec::with_capacity(settings.draws); ranged.len()];
    let mut initiatives = vec![Vec::with_capacity(settings.draws); model.initiatives.len()];
    let mut themes = vec![Vec::with_capacity(settings.draws); model.themes.len()];
    let mut sectors = vec![Vec::with_capacity(settings.draws); model.sectors.len()];
    let mut gaps: Vec<(usize, Vec<f64>, Vec<f64>)> = Vec::new();
    let mut total = Vec::with_capacity(settings.draws);
    for _ in 0..settings.draws {
        for (slot, &index) in ranged.iter().enumerate() {
            let draw = sample(&model.parameters[index], &mut rng);
            point[index] = draw;
            samples[slot].push(draw);
        }
        program.run_into(
            &|index| point[index],
            |index| counts[index],
            &mut computed,
            &mut stack,
        )?;
        for (values, (_, persons)) in initiatives.iter_mut().zip(&computed.initiatives) {
            values.push(*persons);
        }
        for (values, value) in themes.iter_mut().zip(&computed.themes) {
            values.push(*value);
        }
        for (values, value) in sectors.iter_mut().zip(&computed.sectors) {
            values.push(*value);
        }
        if gaps.is_empty() {
            gaps = computed
                .gaps
                .iter()
                .map(|g| {
                    (
                        g.shortage,
                        Vec::with_capacity(settings.draws),
                        Vec::with_capacity(settings.draws),
                    )
                })
                .collect();
        }
        for ((_, covered, remaining), gap) in gaps.iter_mut().zip(&computed.gaps) {
            covered.push(gap.covered);
            remaining.push(gap.remaining);
        }
        total.push(computed.total);
    }
    let mut correlations: Vec<(Scope, String, f64)> = ranged
        .iter()
        .zip(&samples)
        .map(|(&index, draws)| {
            let p = &model.parameters[index];
            (p.scope.clone(), p.name.clone(), pearson(draws, &total))
        })
        .collect();
    correlations.sort_by(|a, b| b.2.abs().total_cmp(&a.2.abs()));
    let named = |ids: Vec<String>, values: Vec<Vec<f64>>| {
        ids.into_iter()
            .zip(values.into_iter().map(Summary::new))
            .collect()
    };
    Ok(MonteCarlo {
        initiatives: named(
            model.initiatives.iter().map(|i| i.id.clone()).collect(),
            initiatives,
        ),
        themes: named(model.themes.iter().map(|t| t.id.clone()).collect(), themes),
        sectors: named(
            model.sectors.iter().map(|s| s.id.clone()).collect(),
            sectors,
        ),
        total: Summary::new(total),
        gaps: gaps
            .into_iter()
            .map(|(index, covered, remaining)| {
                let shortage = &model.shortages[index];
                (
                    shortage.year,
                    shortage.scenario.clone(),
                    Summary::new(covered),
                    Summary::new(remaining),
                )
            })
            .collect(),
        correlations,
    })
}

/// One draw of a parameter with a range, the parameter's value as the mode.
fn sample(parameter: &Parameter, rng: &mut Xoshiro256) -> f64 {
    let value = parameter.value.to_f64().unwrap_or(f64::NAN);
    let Some(range) = &parameter.range else {
        return value;
    };
    let (low, high) = (
        range.low.to_f64().unwrap_or(value),
        range.high.to_f64().unwrap_or(value),
    );
    if high <= low {
        return low;
    }
    let u = rng.unit();
    match range.distribution {
        Distribution::Uniform => low + u * (high - low),
        Distribution::Triangular => {
            let cut = (value - low) / (high - low);
            if u < cut {
                low + (u * (high - low) * (value - low)).sqrt()
            } else {
                high - ((1.0 - u) * (high - low) * (high - value)).sqrt()
            }
        }
        Distribution::Pert => {
            let alpha = 1.0 + 4.0 * (value - low) / (high - low);
            let beta = 1.0 + 4.0 * (high - value) / (high - low);
            let x = rng.gamma(alpha);
            let y = rng.gamma(beta);
            low + x / (x + y) * (high - low)
        }
    }
}

fn pearson(xs: &[f64], ys: &[f64]) -> f64 {
    let n = xs.len().min(ys.len()) as f64;
    if n < 2.0 {
        return f64::NAN;
    }
    let (mx, my) = (xs.iter().sum::<f64>() / n, ys.iter().sum::<f64>() / n);
    let (mut sxy, mut sxx, mut syy) = (0.0, 0.0, 0.0);
    for (x, y) in xs.iter().zip(ys) {
        sxy += (x - mx) * (y - my);
        sxx += (x - mx) * (x - mx);
        syy += (y - my) * (y - my);
    }
    if sxx == 0.0 || syy == 0.0 {
        0.0
    } else {
        sxy / (sxx * syy).sqrt()
    }
}

/// xoshiro256** (Blackman and Vigna), seeded by SplitMix64.
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

    /// Uniform in [0, 1).
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
    }

    /// Standard normal (Box-Muller).
    fn normal(&mut self) -> f64 {
        let u1 = 1.0 - self.unit();
        let u2 = self.unit();
        (-2.0 * u1.ln()).sqrt() * (std::f64::consts::TAU * u2).cos()
    }

    /// Gamma(shape, 1), Marsaglia and Tsang; shapes below one boosted.
    fn gamma(&mut self, shape: f64) -> f64 {
        if shape < 1.0 {
            let boost = self.unit().powf(1.0 / shape);
            return self.gamma(shape + 1.0) * boost;
        }
        let d = shape - 1.0 / 3.0;
        let c = 1.0 / (9.0 * d).sqrt();
        loop {
            let x = self.normal();
            let v = (1.0 + c * x).powi(3);
            if v <= 0.0 {
                continue;
            }
            let u = self.unit();
            if u < 1.0 - 0.0331 * x.powi(4) || u.ln() < 0.5 * x * x + d * (1.0 - v + v.ln()) {
                return d * v;
            }
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
    fn distributions_keep_to_their_range_and_mode() {
        let mut rng = Xoshiro256::seeded(3);
        for _ in 0..10_000 {
            let u = rng.unit();
            assert!((0.0..1.0).contains(&u));
        }
        let mean = |f: &mut dyn FnMut() -> f64| (0..20_000).map(|_| f()).sum::<f64>() / 20_000.0;
        let shape = 3.5;
        let g = mean(&mut || rng.gamma(shape));
        assert!((g - shape).abs() < 0.1, "gamma mean {g}");
    }
}
