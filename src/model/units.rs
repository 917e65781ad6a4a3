//! Typed quantities, so that hours, FTE and persons cannot be mixed by accident.
//!
//! Only the conversions that mean something exist: hours per year divided by the working hours of
//! one FTE give FTE; FTE divided by the part-time factor give persons (head count). Every
//! operation is checked: overflow and division by zero are errors, never panics.

use crate::error::ArithmeticError;
use rust_decimal::Decimal;
use std::fmt;

macro_rules! quantity {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
        #[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize), serde(transparent))]
        pub struct $name(
            #[cfg_attr(feature = "serde", serde(with = "crate::model::as_text::decimal"))] Decimal,
        );

        impl $name {
            /// Zero of this quantity.
            pub const ZERO: Self = Self(Decimal::ZERO);

            /// Wraps an exact decimal.
            pub const fn new(value: Decimal) -> Self {
                Self(value)
            }

            /// The exact decimal value.
            pub const fn value(self) -> Decimal {
                self.0
            }

            /// Checked addition.
            pub fn checked_add(self, other: Self) -> Result<Self, ArithmeticError> {
                self.0.checked_add(other.0).map(Self).ok_or(ArithmeticError::Overflow)
            }

            /// Checked subtraction.
            pub fn checked_sub(self, other: Self) -> Result<Self, ArithmeticError> {
                self.0.checked_sub(other.0).map(Self).ok_or(ArithmeticError::Overflow)
            }

            /// Checked multiplication by a share (a dimensionless factor).
            pub fn checked_scale(self, share: Share) -> Result<Self, ArithmeticError> {
                self.0.checked_mul(share.0).map(Self).ok_or(ArithmeticError::Overflow)
            }

            /// The checked sum of an iterator of quantities.
            pub fn checked_sum(items: impl IntoIterator<Item = Self>) -> Result<Self, ArithmeticError> {
                items.into_iter().try_fold(Self::ZERO, Self::checked_add)
            }

            /// This quantity as a share of another of the same kind (e.g. freed staff of the shortage).
            pub fn ratio_to(self, whole: Self) -> Result<Share, ArithmeticError> {
                checked_div(self.0, whole.0).map(Share)
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                fmt::Display::fmt(&self.0, f)
            }
        }
    };
}

quantity!(
    /// Full-time equivalents: staff time measured in whole working years.
    Fte
);
quantity!(
    /// Head count: people, as shortages are stated.
    Persons
);
quantity!(
    /// Hours one FTE works in a year (2000 in the Limburg plan).
    WorkingHours
);
quantity!(
    /// Average FTE per person (0.68 in the Limburg plan; 0.77 for GGZ in two rows).
    PartTimeFactor
);
quantity!(
    /// A dimensionless share or ratio, such as a theme weight or the part of a shortage covered.
    Share
);

pub(crate) fn checked_div(a: Decimal, b: Decimal) -> Result<Decimal, ArithmeticError> {
    if b.is_zero() {
        return Err(ArithmeticError::DivisionByZero);
    }
    a.checked_div(b).ok_or(ArithmeticError::Overflow)
}

impl Fte {
    /// FTE over the part-time factor: the persons that staff time represents.
    pub fn to_persons(self, part_time: PartTimeFactor) -> Result<Persons, ArithmeticError> {
        checked_div(self.0, part_time.0).map(Persons)
    }
}

impl Persons {
    /// Persons times the part-time factor: the FTE those persons work.
    pub fn to_fte(self, part_time: PartTimeFactor) -> Result<Fte, ArithmeticError> {
        self.0
            .checked_mul(part_time.0)
            .map(Fte)
            .ok_or(ArithmeticError::Overflow)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn fte_become_persons_and_back() {
        // 1.36 FTE / 0.68 = 2 persons; 2 x 0.68 = 1.36 FTE.
        let fte = Fte::new(d("1.36"));
        let persons = fte.to_persons(PartTimeFactor::new(d("0.68"))).unwrap();
        assert_eq!(persons, Persons::new(d("2")));
        assert_eq!(persons.to_fte(PartTimeFactor::new(d("0.68"))).unwrap(), fte);
    }

    #[test]
    fn zero_norms_are_errors_not_panics() {
        let zero_factor = Fte::new(d("1")).to_persons(PartTimeFactor::ZERO);
        assert_eq!(zero_factor, Err(ArithmeticError::DivisionByZero));
        let overflow = Persons::new(Decimal::MAX).checked_add(Persons::new(Decimal::ONE));
        assert_eq!(overflow, Err(ArithmeticError::Overflow));
    }
}
