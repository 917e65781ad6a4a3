//! Several Monte Carlo draws computed at once: [`Lanes`] is an [`Arithmetic`] whose every
//! operation works lane by lane, so that one pass of the compiled program computes a batch of
//! draws, each step's dispatch paid once per batch, and the lane-wise loops left for the compiler
//! to vectorise. Each lane computes exactly what `f64` computes for its draw, and no operation
//! fails: every failure of a lane's `f64` computation ends in a figure that is not finite,
//! checked once per batch ([`Lanes::is_finite`]) rather than operation by operation. A batch
//! that fails is computed again draw by draw in `f64`, which names the draw and how it fails.
//! Results are not copied through memory for checks that cannot fail.

use super::arithmetic::{Arithmetic, Constant};
use crate::error::ArithmeticError;
use rust_decimal::Decimal;
use std::fmt;

/// How many draws a batch holds: a multiple of the vector widths the compiler targets, and enough
/// to spread the cost of stepping through the program.
pub(crate) const LANES: usize = 16;

/// One value per draw of a batch.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Lanes(pub(crate) [f64; LANES]);

impl Lanes {
    /// Every lane `value`.
    pub(crate) fn splat(value: f64) -> Lanes {
        Lanes([value; LANES])
    }

    #[inline(always)]
    fn map(self, other: Lanes, f: impl Fn(f64, f64) -> f64) -> Lanes {
        Lanes(std::array::from_fn(|lane| f(self.0[lane], other.0[lane])))
    }

    /// Whether every lane is finite; tested over all lanes without a branch per lane.
    ///
    /// A lane that overflows is infinite, and every sum, difference and product computed from an
    /// infinite or NaN value is infinite or NaN again: so one check of the figures a computation
    /// ends in finds every overflow on its way, but for what a division hides (x / infinity is
    /// 0), which [`Lanes::div`](Arithmetic::div) turns into NaN, as it does a division by zero.
    #[inline(always)]
    pub(crate) fn is_finite(&self) -> bool {
        self.0.iter().fold(true, |all, x| all & x.is_finite())
    }

    /// Fails, as `f64` does, when any lane is not finite.
    #[inline(always)]
    fn finite(self) -> Result<Lanes, ArithmeticError> {
        match self.is_finite() {
            true => Ok(self),
            false => Err(ArithmeticError::Overflow),
        }
    }
}

/// A batch prints as its lanes, for the errors that name a value.
impl fmt::Display for Lanes {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let lanes: Vec<String> = self.0.iter().map(f64::to_string).collect();
        write!(f, "[{}]", lanes.join(", "))
    }
}

impl Arithmetic for Lanes {
    fn exact(value: Decimal) -> Self {
        Lanes::splat(f64::exact(value))
    }
    #[inline(always)]
    fn constant(constant: &Constant) -> Self {
        Lanes::splat(f64::constant(constant))
    }
    /// Unchecked: an overflow stays in the figures it ends in ([`Lanes::is_finite`]).
    #[inline(always)]
    fn add(self, other: Self) -> Result<Self, ArithmeticError> {
        Ok(self.map(other, |a, b| a + b))
    }
    /// Unchecked, as `add`.
    #[inline(always)]
    fn sub(self, other: Self) -> Result<Self, ArithmeticError> {
        Ok(self.map(other, |a, b| a - b))
    }
    /// Unchecked, as `add`.
    #[inline(always)]
    fn mul(self, other: Self) -> Result<Self, ArithmeticError> {
        Ok(self.map(other, |a, b| a * b))
    }
    /// A divisor with a lane that is zero, or infinite or NaN (which would hide an overflow:
    /// x / infinity is 0), gives NaN in every lane, for the figures to fail; an infinite or NaN
    /// dividend stays so in the quotient.
    #[inline(always)]
    fn div(self, other: Self) -> Result<Self, ArithmeticError> {
        let bad = other
            .0
            .iter()
            .fold(false, |any, x| any | (*x == 0.0) | !x.is_finite());
        Ok(match bad {
            true => Lanes::splat(f64::NAN),
            false => self.map(other, |a, b| a / b),
        })
    }
    /// As `f64` divides by a constant, by its reciprocal ([`Constant::reciprocal`]): a finite
    /// divisor that is not zero needs no check per lane; a divisor without a reciprocal gives
    /// NaN, as [`Lanes::div`](Arithmetic::div) does.
    #[inline(always)]
    fn div_constant(self, constant: &Constant) -> Result<Self, ArithmeticError> {
        match constant.reciprocal() {
            Some(reciprocal) => Ok(Lanes(self.0.map(|x| x * reciprocal))),
            None => Ok(Lanes::splat(f64::NAN)),
        }
    }
    /// The shares allotted before are otherwise not used again: checked here.
    fn last_share(whole: Self, allotted: Self, fraction: Self) -> Result<Self, ArithmeticError> {
        allotted.finite()?;
        whole.mul(fraction)
    }
    #[inline(always)]
    fn neg(self) -> Self {
        Lanes(self.0.map(|x| -x))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_lane_computes_what_f64_computes() {
        let a = Lanes(std::array::from_fn(|i| 1.5 + i as f64 / 3.0));
        let b = Lanes(std::array::from_fn(|i| 0.25 - i as f64 / 7.0));
        for lane in 0..LANES {
            let (x, y) = (a.0[lane], b.0[lane]);
            assert_eq!(a.add(b).unwrap().0[lane], x.add(y).unwrap());
            assert_eq!(a.sub(b).unwrap().0[lane], x.sub(y).unwrap());
            assert_eq!(a.mul(b).unwrap().0[lane], x.mul(y).unwrap());
            assert_eq!(a.div(b).unwrap().0[lane], x.div(y).unwrap());
            for divisor in [60, 1360].map(|d| Constant::new(Decimal::from(d))) {
                let quotient = a.div_constant(&divisor).unwrap().0[lane];
                assert_eq!(quotient, x.div_constant(&divisor).unwrap());
            }
            assert_eq!(a.neg().0[lane], -x);
        }
    }

    #[test]
    fn one_failing_lane_leaves_the_batch_not_finite() {
        // A zero divisor in one lane: every lane of the quotient NaN, and so of what follows.
        let mut divisor = Lanes::splat(2.0);
        divisor.0[LANES - 1] = 0.0;
        let one = Lanes::splat(1.0);
        let quotient = one.div(divisor).unwrap();
        assert!(quotient.0.iter().all(|x| x.is_nan()));
        let zero = Constant::new(Decimal::ZERO);
        assert!(!one.div_constant(&zero).unwrap().is_finite());
        // An overflow stays infinite through sums and products, to the figure it ends in, and
        // a division by it does not hide it.
        let mut huge = Lanes::splat(1.0);
        huge.0[3] = f64::MAX;
        let product = huge.mul(Lanes::splat(4.0)).unwrap();
        let sum = product
            .add(Lanes::splat(-1.0))
            .unwrap()
            .mul(Lanes::splat(0.5));
        assert!(!sum.unwrap().is_finite() && Lanes::splat(2.0).is_finite());
        assert!(!one.div(product).unwrap().is_finite());
        // Where f64 divides, every lane computes what f64 does.
        assert_eq!(one.div(Lanes::splat(4.0)).unwrap(), Lanes::splat(0.25));
        assert_eq!(
            one.to_string(),
            format!("[{}]", vec!["1"; LANES].join(", "))
        );
    }
}
