//! The number systems the one evaluator computes in: exact decimals for results, intervals of
//! decimals for bounds, and `f64` for Monte Carlo draws. Formulas and the aggregation from
//! effects to the total are written once, over [`Arithmetic`].

use crate::error::ArithmeticError;
use crate::model::Interval;
use crate::model::units::checked_div;
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use std::fmt;

/// A number known when a model is compiled (a number in a formula, a norm, a theme's share),
/// kept both exact and as `f64`, so that Monte Carlo draws need not convert it every time.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Constant {
    exact: Decimal,
    approximate: f64,
    /// 1 / approximate where that is a normal number, else NaN: `f64` divides by a constant by
    /// multiplying by it.
    reciprocal: f64,
}

impl Constant {
    /// Zero.
    pub const ZERO: Constant = Constant {
        exact: Decimal::ZERO,
        approximate: 0.0,
        reciprocal: f64::NAN,
    };

    /// The constant with this exact value.
    pub fn new(exact: Decimal) -> Constant {
        let approximate = exact.to_f64().unwrap_or(f64::NAN);
        let reciprocal = 1.0 / approximate;
        Constant {
            exact,
            approximate,
            reciprocal: match reciprocal.is_normal() {
                true => reciprocal,
                false => f64::NAN,
            },
        }
    }

    /// The `f64` reciprocal, where it is a normal number: multiplying by it gives the quotient
    /// within 2<sup>-52</sup> of its magnitude (two roundings where division has one), several
    /// times faster than dividing. A Monte Carlo draw's other errors are far larger.
    #[inline(always)]
    pub(crate) fn reciprocal(&self) -> Option<f64> {
        Some(self.reciprocal).filter(|r| !r.is_nan())
    }
}

/// Checked arithmetic: overflow and division by zero are errors, never panics or infinities.
/// Values print (`Display`) so that an error can say which value failed.
pub(crate) trait Arithmetic: Copy + fmt::Debug + fmt::Display {
    /// The value of an exact decimal (a parameter, say).
    fn exact(value: Decimal) -> Self;

    /// The value of a constant of a compiled model; by default its exact value.
    fn constant(constant: &Constant) -> Self {
        Self::exact(constant.exact)
    }
    /// `self + other`.
    fn add(self, other: Self) -> Result<Self, ArithmeticError>;
    /// `self - other`.
    fn sub(self, other: Self) -> Result<Self, ArithmeticError>;
    /// `self * other`.
    fn mul(self, other: Self) -> Result<Self, ArithmeticError>;
    /// `self / other`.
    fn div(self, other: Self) -> Result<Self, ArithmeticError>;
    /// `-self`.
    fn neg(self) -> Self;

    /// `self / constant`, a divisor known when the model is compiled; by default `div`. A number
    /// system may spare the checks of the divisor, done once for all values.
    fn div_constant(self, constant: &Constant) -> Result<Self, ArithmeticError> {
        self.div(Self::constant(constant))
    }

    /// The last of several shares of `whole`, the others adding up to `allotted`, its own fraction
    /// being `fraction`. By default `whole * fraction`; exact decimals take what remains instead,
    /// so that the shares add up to the whole exactly.
    fn last_share(whole: Self, allotted: Self, fraction: Self) -> Result<Self, ArithmeticError> {
        let _ = allotted;
        whole.mul(fraction)
    }
}

impl Arithmetic for Decimal {
    fn exact(value: Decimal) -> Self {
        value
    }
    fn add(self, other: Self) -> Result<Self, ArithmeticError> {
        self.checked_add(other).ok_or(ArithmeticError::Overflow)
    }
    fn sub(self, other: Self) -> Result<Self, ArithmeticError> {
        self.checked_sub(other).ok_or(ArithmeticError::Overflow)
    }
    fn mul(self, other: Self) -> Result<Self, ArithmeticError> {
        self.checked_mul(other).ok_or(ArithmeticError::Overflow)
    }
    fn div(self, other: Self) -> Result<Self, ArithmeticError> {
        checked_div(self, other)
    }
    fn neg(self) -> Self {
        -self
    }
    fn last_share(whole: Self, allotted: Self, _fraction: Self) -> Result<Self, ArithmeticError> {
        whole.sub(allotted)
    }
}

/// Sampled values (Monte Carlo): fast, approximate, checked for zero divisors and infinities.
impl Arithmetic for f64 {
    fn exact(value: Decimal) -> Self {
        value.to_f64().unwrap_or(f64::NAN)
    }
    fn constant(constant: &Constant) -> Self {
        constant.approximate
    }
    fn add(self, other: Self) -> Result<Self, ArithmeticError> {
        finite(self + other)
    }
    fn sub(self, other: Self) -> Result<Self, ArithmeticError> {
        finite(self - other)
    }
    fn mul(self, other: Self) -> Result<Self, ArithmeticError> {
        finite(self * other)
    }
    fn div(self, other: Self) -> Result<Self, ArithmeticError> {
        if other == 0.0 {
            return Err(ArithmeticError::DivisionByZero);
        }
        finite(self / other)
    }
    /// By the reciprocal where it is a normal number: [`Constant::reciprocal`].
    fn div_constant(self, constant: &Constant) -> Result<Self, ArithmeticError> {
        match constant.reciprocal() {
            Some(reciprocal) => finite(self * reciprocal),
            None => self.div(constant.approximate),
        }
    }
    fn neg(self) -> Self {
        -self
    }
}

fn finite(value: f64) -> Result<f64, ArithmeticError> {
    if value.is_finite() {
        Ok(value)
    } else {
        Err(ArithmeticError::Overflow)
    }
}

/// The smallest interval holding four values: the corners of a product or quotient.
fn hull(values: [Decimal; 4]) -> Interval {
    let low = values.iter().copied().fold(values[0], Decimal::min);
    let high = values.iter().copied().fold(values[0], Decimal::max);
    Interval { low, high }
}

/// Bounds: see [`Interval`] for why its arithmetic is sound for every formula.
impl Arithmetic for Interval {
    fn exact(value: Decimal) -> Self {
        Interval::point(value)
    }
    fn add(self, other: Self) -> Result<Self, ArithmeticError> {
        Ok(Interval {
            low: self.low.add(other.low)?,
            high: self.high.add(other.high)?,
        })
    }
    fn sub(self, other: Self) -> Result<Self, ArithmeticError> {
        Ok(Interval {
            low: self.low.sub(other.high)?,
            high: self.high.sub(other.low)?,
        })
    }
    fn mul(self, other: Self) -> Result<Self, ArithmeticError> {
        let (a, b, c, d) = (self.low, self.high, other.low, other.high);
        Ok(hull([a.mul(c)?, a.mul(d)?, b.mul(c)?, b.mul(d)?]))
    }
    fn div(self, other: Self) -> Result<Self, ArithmeticError> {
        if other.contains(Decimal::ZERO) {
            return Err(ArithmeticError::DivisionByZero);
        }
        let (a, b, c, d) = (self.low, self.high, other.low, other.high);
        Ok(hull([a.div(c)?, a.div(d)?, b.div(c)?, b.div(d)?]))
    }
    fn neg(self) -> Self {
        Interval {
            low: -self.high,
            high: -self.low,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn i(a: i64, b: i64) -> Interval {
        Interval::new(Decimal::from(a), Decimal::from(b))
    }

    #[test]
    fn interval_operations() {
        assert_eq!(i(1, 2).add(i(10, 20)).unwrap(), i(11, 22));
        assert_eq!(i(1, 2).sub(i(10, 20)).unwrap(), i(-19, -8));
        assert_eq!(i(-1, 2).mul(i(-3, 4)).unwrap(), i(-6, 8));
        assert_eq!(i(10, 20).div(i(2, 5)).unwrap(), i(2, 10));
        assert_eq!(i(1, 2).div(i(-1, 1)), Err(ArithmeticError::DivisionByZero));
        assert_eq!(i(1, 2).neg(), i(-2, -1));
    }

    #[test]
    fn f64_refuses_infinity() {
        assert_eq!(
            Arithmetic::div(1.0, 0.0),
            Err(ArithmeticError::DivisionByZero)
        );
        assert_eq!(
            Arithmetic::mul(f64::MAX, 2.0),
            Err(ArithmeticError::Overflow)
        );
    }

    #[test]
    fn f64_divides_by_a_constant_within_two_roundings_of_the_quotient() {
        // Multiplying by the rounded reciprocal rounds twice: within 2^-53 of 1 / d, then
        // within 2^-53 of the product, so within (1 + 2^-53)^2 - 1 < 2^-52 of x / d.
        let divisors = [
            "60",
            "1360",
            "0.68",
            "3",
            "7",
            "0.0000001",
            "79228162514264337593543950335",
        ];
        for divisor in divisors.map(|d| d.parse::<Decimal>().unwrap()) {
            let constant = Constant::new(divisor);
            let d = divisor.to_f64().unwrap();
            for x in (1..2000).map(|i| f64::from(i) * 0.37 - 123.0) {
                let quotient = x.div_constant(&constant).unwrap();
                let exact = x / d;
                assert!(
                    (quotient - exact).abs() <= exact.abs() * 2f64.powi(-52),
                    "{x} / {d}"
                );
            }
        }
        let zero = Constant::new(Decimal::ZERO);
        assert_eq!(
            1.0.div_constant(&zero),
            Err(ArithmeticError::DivisionByZero)
        );
        assert_eq!(
            f64::MAX.div_constant(&Constant::new(Decimal::new(1, 1))),
            Err(ArithmeticError::Overflow)
        );
    }
}
