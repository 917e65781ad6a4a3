//! The parameters' distributions, sampled from the seeded generator.

use super::rng::Xoshiro256;
use super::to_f64;
use crate::model::{Distribution, Parameter};
use std::sync::Arc;

/// One parameter's distribution, with everything that does not change between draws worked
/// out once.
#[derive(Clone, Debug)]
pub(super) enum Sampler {
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
    /// Beta-PERT: low + width * B, B Beta-distributed with shapes 1 + 4 (mode - low) / width and
    /// 1 + 4 (high - mode) / width, drawn by inverting its tabulated distribution function.
    Pert {
        low: f64,
        width: f64,
        beta: Arc<InverseCdf>,
    },
}

/// The Beta tables of one run, one per pair of shapes: parameters whose modes sit at the same
/// place in their ranges share one.
#[derive(Default)]
pub(super) struct BetaTables(Vec<((u64, u64), Arc<InverseCdf>)>);

impl BetaTables {
    fn get(&mut self, a: f64, b: f64) -> Arc<InverseCdf> {
        let key = (a.to_bits(), b.to_bits());
        if let Some((_, table)) = self.0.iter().find(|(k, _)| *k == key) {
            return table.clone();
        }
        let table = Arc::new(InverseCdf::beta(a, b));
        self.0.push((key, table.clone()));
        table
    }
}

impl Sampler {
    /// The parameter's sampler; its value is the mode. validate() has checked that the value lies
    /// within the range.
    pub(super) fn new(parameter: &Parameter, tables: &mut BetaTables) -> Sampler {
        let mode = to_f64(parameter.value);
        match &parameter.range {
            Some(range) => {
                let (low, high) = (to_f64(range.low), to_f64(range.high));
                Sampler::between(range.distribution, low, mode, high, tables)
            }
            None => Sampler::Fixed(mode),
        }
    }

    pub(super) fn between(
        distribution: Distribution,
        low: f64,
        mode: f64,
        high: f64,
        tables: &mut BetaTables,
    ) -> Sampler {
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
                beta: tables.get(
                    1.0 + 4.0 * (mode - low) / width,
                    1.0 + 4.0 * (high - mode) / width,
                ),
            },
        }
    }

    /// Fills `draws` with draws, one after another.
    pub(super) fn fill(&self, rng: &mut Xoshiro256, draws: &mut [f64]) {
        match self {
            Sampler::Pert { low, width, beta } => {
                for draw in draws {
                    *draw = low + beta.quantile(rng.unit()) * width;
                }
            }
            _ => draws.iter_mut().for_each(|draw| *draw = self.sample(rng)),
        }
    }

    /// One draw: every distribution by inversion, from one uniform.
    pub(super) fn sample(&self, rng: &mut Xoshiro256) -> f64 {
        self.value(rng.unit())
    }

    /// The draw for the uniform `u` in [0, 1): the inverse of the distribution function at `u`.
    pub(super) fn value(&self, u: f64) -> f64 {
        match self {
            Sampler::Fixed(value) => *value,
            Sampler::Uniform { low, width } => low + u * width,
            Sampler::Triangular {
                low,
                high,
                cut,
                left,
                right,
            } => {
                if u < *cut {
                    low + (u * left).sqrt()
                } else {
                    high - ((1.0 - u) * right).sqrt()
                }
            }
            Sampler::Pert { low, width, beta } => low + beta.quantile(u) * width,
        }
    }
}

/// Cells of a Beta table: 2<sup>11</sup>, so that a draw is known within 2<sup>-11</sup> of its
/// range, as a percentile is within 2<sup>-11</sup> of its magnitude.
pub(super) const CELLS: usize = 1 << 11;

/// Slices of u in a Beta table's guide: two per cell, so that a slice seldom holds more than one
/// knot, and the search seldom takes more than the one step it takes without a branch. The knots
/// and the guide take 24 KiB, which stay in a core's first-level cache.
const SLICES: usize = 2 * CELLS;

/// A Beta distribution on [0, 1], drawn by inversion: its distribution function F at the
/// CELLS + 1 evenly spaced knots, linear between them. F is increasing and the table holds it at
/// each knot, so the draw for a uniform u lies in the same cell as the exact F<sup>-1</sup>(u):
/// within 1 / CELLS of it. A guide (Chen and Asau's indexed search) gives for each of SLICES
/// equal slices of u the cell its lowest u falls in, where the search starts.
#[derive(Debug)]
pub(super) struct InverseCdf {
    /// F at each knot.
    cdf: Vec<f64>,
    guide: Vec<u16>,
}

impl InverseCdf {
    /// Beta(a, b) for shapes of at least one (Beta-PERT's are), whose density
    /// x<sup>a - 1</sup> (1 - x)<sup>b - 1</sup> is integrated over each cell by three-point
    /// Gauss-Legendre. That is exact for polynomials up to degree five, so for whole shapes adding up
    /// to six, as Beta-PERT's do, the knots are exact but for rounding; the density's scale
    /// cancels when the sums are divided by the whole.
    pub(super) fn beta(a: f64, b: f64) -> InverseCdf {
        let offset = 0.5 * (3.0f64 / 5.0).sqrt();
        let nodes = [(0.5 - offset, 5.0), (0.5, 8.0), (0.5 + offset, 5.0)];
        let density = |x: f64| ((a - 1.0) * x.ln() + (b - 1.0) * (-x).ln_1p()).exp();
        let mut cdf = Vec::with_capacity(CELLS + 1);
        let mut sum = 0.0;
        cdf.push(sum);
        for cell in 0..CELLS {
            let at = |node: f64| (cell as f64 + node) / CELLS as f64;
            sum += nodes.iter().map(|&(x, w)| w * density(at(x))).sum::<f64>();
            cdf.push(sum);
        }
        for value in &mut cdf {
            *value /= sum;
        }
        cdf[CELLS] = 1.0;
        let mut guide = Vec::with_capacity(SLICES);
        let mut cell = 0;
        for slice in 0..SLICES {
            let start = slice as f64 / SLICES as f64;
            while cdf[cell + 1] <= start {
                cell += 1;
            }
            guide.push(cell as u16);
        }
        InverseCdf { cdf, guide }
    }

    /// F at a knot.
    #[cfg(test)]
    pub(super) fn cdf(&self, knot: usize) -> f64 {
        self.cdf[knot]
    }

    /// The value whose tabulated F is `u`, for u in [0, 1).
    #[inline]
    pub(super) fn quantile(&self, u: f64) -> f64 {
        // A power of two of slices: u * SLICES is exact, so the slice's start is at most u.
        let mut cell = usize::from(self.guide[(u * SLICES as f64) as usize]);
        // F at the last knot is 1, above every u: the search stops before it.
        cell += usize::from(self.cdf[cell + 1] <= u);
        while self.cdf[cell + 1] <= u {
            cell += 1;
        }
        let (start, end) = (self.cdf[cell], self.cdf[cell + 1]);
        (cell as f64 + (u - start) / (end - start)) / CELLS as f64
    }
}
