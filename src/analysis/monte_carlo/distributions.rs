//! The parameters' distributions: each maps uniforms in [0, 1) to its values by inversion, so
//! that the uniforms may come from the seeded generator or from any other source.
//!
//! A uniform comes as a whole number of 2<sup>-53</sup> ([`UNIT_BITS`] bits): the generator's
//! bits as they are. A Beta table reads its step from the top bits and the place within the
//! step from the rest, where a float would be scaled, cut to a whole number and back.

use super::to_f64;
use crate::model::{Distribution, Parameter};
use std::sync::{Arc, Mutex, PoisonError};

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
    /// 1 + 4 (high - mode) / width, drawn from a table of its inverse distribution function.
    Pert {
        low: f64,
        width: f64,
        beta: Arc<InverseCdf>,
    },
}

/// How many Beta tables the process keeps (about 80 KB each): a table depends on its shapes
/// alone, and building one costs about as much as 500 draws, so a run reuses the tables of the
/// runs before it. Beta-PERT's shapes follow from where the mode sits in its range, and most
/// plans place their modes at a few places (the middle, an end).
pub(super) const KEPT_TABLES: usize = 16;

/// A Beta table by the bits of its shapes.
type Kept = ((u64, u64), Arc<InverseCdf>);

/// The Beta tables kept, newest last.
static TABLES: Mutex<Vec<Kept>> = Mutex::new(Vec::new());

/// How many Beta tables are kept.
#[cfg(test)]
pub(super) fn kept_tables() -> usize {
    TABLES.lock().unwrap_or_else(PoisonError::into_inner).len()
}

/// The Beta(a, b) table: kept from an earlier run, or built and kept, the oldest dropped when
/// [`KEPT_TABLES`] are kept.
fn beta_table(a: f64, b: f64) -> Arc<InverseCdf> {
    let key = (a.to_bits(), b.to_bits());
    // A table is whole once kept: a thread that panicked holding the lock left no half table.
    let mut tables = TABLES.lock().unwrap_or_else(PoisonError::into_inner);
    if let Some((_, table)) = tables.iter().find(|(k, _)| *k == key) {
        return table.clone();
    }
    let table = Arc::new(InverseCdf::beta(a, b));
    if tables.len() == KEPT_TABLES {
        tables.remove(0);
    }
    tables.push((key, table.clone()));
    table
}

impl Sampler {
    /// The parameter's sampler; its value is the mode. validate() has checked that the value lies
    /// within the range.
    pub(super) fn new(parameter: &Parameter) -> Sampler {
        let mode = to_f64(parameter.value);
        match &parameter.range {
            Some(range) => {
                let (low, high) = (to_f64(range.low), to_f64(range.high));
                // Where the mode sits in the range, worked out in decimals: a mode halfway
                // between 10% and 30% gives shapes of exactly 3 and 3, as one halfway between
                // 2.5 and 7.5 does, and the two share a table.
                let place = (parameter.value - range.low)
                    .checked_div(range.high - range.low)
                    .map_or((mode - low) / (high - low), to_f64);
                Sampler::between(range.distribution, low, mode, high, place)
            }
            None => Sampler::Fixed(mode),
        }
    }

    /// A distribution over [low, high] with its mode at `mode`, which is `place` of the way
    /// from low to high.
    pub(super) fn between(
        distribution: Distribution,
        low: f64,
        mode: f64,
        high: f64,
        place: f64,
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
                beta: beta_table(1.0 + 4.0 * place, 1.0 + 4.0 * (1.0 - place)),
            },
        }
    }

    /// Maps uniforms in [0, 1), each a whole number of 2<sup>-53</sup>, one by one to values of
    /// the distribution: the draws of these uniforms.
    pub(super) fn values(&self, uniforms: &[u64], values: &mut [f64]) {
        let pairs = uniforms.iter().zip(values);
        match self {
            Sampler::Fixed(value) => pairs.for_each(|(_, x)| *x = *value),
            Sampler::Uniform { low, width } => pairs.for_each(|(u, x)| *x = low + unit(*u) * width),
            Sampler::Pert { low, width, beta } => {
                pairs.for_each(|(u, x)| *x = low + beta.draw(*u) * width)
            }
            Sampler::Triangular { .. } => pairs.for_each(|(u, x)| *x = self.value(*u)),
        }
    }

    /// The draw of one uniform of `bits` units of 2<sup>-53</sup>: every distribution by
    /// inversion.
    pub(super) fn value(&self, bits: u64) -> f64 {
        let u = unit(bits);
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
            Sampler::Pert { low, width, beta } => low + beta.draw(bits) * width,
        }
    }
}

/// The bits of a uniform: a whole number below 2<sup>53</sup>, in units of 2<sup>-53</sup>.
pub(super) const UNIT_BITS: u32 = 53;

/// The uniform in [0, 1) that `bits` whole units of 2<sup>-53</sup> make, exactly.
#[inline(always)]
pub(super) fn unit(bits: u64) -> f64 {
    // Through i64, whose conversion is one instruction, to the same value: 53 bits fit.
    (bits as i64) as f64 * (1.0 / (1u64 << UNIT_BITS) as f64)
}

/// Cells of a Beta table's distribution function: 2<sup>12</sup>. Its inverse, taken
/// straight between the knots, lies within a cell of the exact inverse: within 2<sup>-12</sup>.
pub(super) const CELLS: usize = 1 << 12;

/// Steps of u in a Beta table's straight lines.
const STEPS: usize = 1 << 12;

/// How far a Beta-PERT draw may lie from the exact inverse for its uniform, as a share of its
/// range: 2<sup>-11</sup>, as a percentile is within 2<sup>-11</sup> of its magnitude. Half of it
/// is the tabulated distribution function's, half the straight lines'.
pub(super) const PERT_ERROR: f64 = 2.0 / CELLS as f64;

/// Slices of u in a Beta table's guide: two per cell, so that a slice seldom holds more than one
/// knot, and the search seldom takes more than the one step it takes without a branch.
const SLICES: usize = 2 * CELLS;

/// A Beta distribution on [0, 1], drawn by inversion in one step for nearly every u.
///
/// Its distribution function F is tabulated at CELLS + 1 evenly spaced knots and taken as
/// straight between them; the inverse G of that lies in the same cell as the exact
/// F<sup>-1</sup>(u), within 1 / CELLS of it, found by a search from a guide (Chen and Asau's
/// indexed search: for each of SLICES equal slices of u, the cell its lowest u falls in).
///
/// The draw itself is a straight line between G at STEPS + 1 evenly spaced u: the step of u is
/// found by a multiplication and the line read at once. Both G and the line are straight between
/// their knots, so the line strays furthest from G at one of G's knots inside the step; a step
/// where it strays by more than 1 / CELLS keeps no line, and its draws are searched. So every
/// draw lies within 2 / CELLS of the exact inverse ([`PERT_ERROR`]). The lines are kept only
/// where G bends little: all but the far tails, about one draw in a thousand for Beta-PERT.
#[derive(Debug)]
pub(super) struct InverseCdf {
    /// F at each knot.
    cdf: Vec<f64>,
    guide: Vec<u16>,
    /// Per step of u: G at its start and its rise over the step, both NaN where the draws are
    /// searched. As `f32`, whose rounding the bound takes into account, so that the lines take
    /// half the cache.
    lines: Box<[[f32; 2]; STEPS]>,
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
        let whole = |exponent: f64| exponent.fract() == 0.0;
        let power = |x: f64, exponent: f64| match whole(exponent) {
            // Whole powers by multiplication, several times quicker than by ln and exp.
            true => x.powi(exponent as i32),
            false => x.powf(exponent),
        };
        // x^(a - 1) (1 - x)^(b - 1) = (1 - x)^(a + b - 2) (x / (1 - x))^(a - 1): Beta-PERT's
        // a + b - 2 is 4, so a shape that is not whole costs one powf per point, not two.
        let density = |x: f64| match whole(a) && whole(b) {
            true => power(x, a - 1.0) * power(1.0 - x, b - 1.0),
            false => power(1.0 - x, a + b - 2.0) * power(x / (1.0 - x), a - 1.0),
        };
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
        let mut table = InverseCdf {
            cdf,
            guide,
            lines: Box::new([[f32::NAN; 2]; STEPS]),
        };
        table.lines = table.lines();
        table
    }

    /// The straight line over each step of u, where it keeps within 1 / CELLS of G.
    fn lines(&self) -> Box<[[f32; 2]; STEPS]> {
        let knot = |step: usize| match step {
            STEPS => 1.0,
            _ => self.searched(step as f64 / STEPS as f64),
        };
        let mut lines = Box::new([[f32::NAN; 2]; STEPS]);
        // The first of F's knots not below the step's start.
        let mut inside = 1;
        let mut end = knot(0);
        for step in 0..STEPS {
            let start = end;
            end = knot(step + 1);
            let kept = [start as f32, (end - start) as f32];
            let line = |place: f64| f64::from(kept[0]) + f64::from(kept[1]) * place;
            // Rounded to f32, the line may miss G at the ends of the step too.
            let mut strays = (line(0.0) - start).abs().max((line(1.0) - end).abs());
            let (low, high) = (step as f64 / STEPS as f64, (step + 1) as f64 / STEPS as f64);
            while inside < CELLS && self.cdf[inside] < high {
                if self.cdf[inside] > low {
                    let place = (self.cdf[inside] - low) * STEPS as f64;
                    strays = strays.max((line(place) - inside as f64 / CELLS as f64).abs());
                }
                inside += 1;
            }
            // G is within 1 / CELLS of the exact inverse: the line may stray the other half.
            if strays <= PERT_ERROR - 1.0 / CELLS as f64 {
                lines[step] = kept;
            }
        }
        lines
    }

    /// F at a knot.
    #[cfg(test)]
    pub(super) fn cdf(&self, knot: usize) -> f64 {
        self.cdf[knot]
    }

    /// The share of u whose draws are searched rather than read from a line.
    #[cfg(test)]
    pub(super) fn searched_share(&self) -> f64 {
        let searched = self.lines.iter().filter(|line| line[0].is_nan()).count();
        searched as f64 / STEPS as f64
    }

    /// The draw for a uniform of `bits` units of 2<sup>-53</sup>: read from the line of its
    /// step, or searched where the step keeps none. The step is the top bits, and the place
    /// within it the others: exactly u * STEPS and its fraction.
    #[inline(always)]
    pub(super) fn draw(&self, bits: u64) -> f64 {
        const PLACE_BITS: u32 = UNIT_BITS - STEPS.trailing_zeros();
        let step = (bits >> PLACE_BITS) as usize;
        let place = ((bits & ((1 << PLACE_BITS) - 1)) as i64) as f64;
        // A uniform is below 2^53 units, so the mask changes nothing but spares a bounds check.
        let [start, rise] = self.lines[step & (STEPS - 1)].map(f64::from);
        let draw = start + rise * (place * (1.0 / (1u64 << PLACE_BITS) as f64));
        match draw.is_nan() {
            false => draw,
            true => self.searched(unit(bits)),
        }
    }

    /// The draw for a uniform u in [0, 1): u rounded down to a whole number of 2<sup>-53</sup>.
    #[cfg(test)]
    pub(super) fn quantile(&self, u: f64) -> f64 {
        self.draw((u * (1u64 << UNIT_BITS) as f64) as u64)
    }

    /// G(u): the value whose tabulated F is u, for u in [0, 1).
    pub(super) fn searched(&self, u: f64) -> f64 {
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
