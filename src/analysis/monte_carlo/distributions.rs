//! The parameters' distributions, sampled from the seeded generator.

use super::rng::Xoshiro256;
use super::to_f64;
use crate::model::{Distribution, Parameter};

/// One parameter's distribution, with everything that does not change between draws worked
/// out once.
#[derive(Clone, Copy, Debug)]
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
    pub(super) fn new(parameter: &Parameter) -> Sampler {
        let mode = to_f64(parameter.value);
        match &parameter.range {
            Some(range) => {
                let (low, high) = (to_f64(range.low), to_f64(range.high));
                Sampler::between(range.distribution, low, mode, high)
            }
            None => Sampler::Fixed(mode),
        }
    }

    pub(super) fn between(distribution: Distribution, low: f64, mode: f64, high: f64) -> Sampler {
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

    pub(super) fn sample(&self, rng: &mut Xoshiro256) -> f64 {
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
pub(super) struct Gamma {
    pub(super) d: f64,
    pub(super) c: f64,
}

impl Gamma {
    pub(super) fn new(shape: f64) -> Gamma {
        let d = shape.max(1.0) - 1.0 / 3.0;
        Gamma {
            d,
            c: 1.0 / (9.0 * d).sqrt(),
        }
    }

    pub(super) fn sample(&self, rng: &mut Xoshiro256) -> f64 {
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
