//! A closed range of exact decimals: a figure as a plan prints it (`28`, `0 - 1`), and the bounds
//! of a result while its parameters roam their ranges.

use super::number::NumberFormat;
use crate::error::ArithmeticError;
use rust_decimal::Decimal;
use std::fmt;

/// A closed range of exact decimals, `low` to `high`: one value when they are equal.
///
/// A figure as the plan printed it is one: one value (`28`, `-3`) or a range (`0 - 1`). Equal
/// figures are equal however they were written (`1.500 - 1.700` in a Dutch file, `1500 - 1700`
/// here).
///
/// So are bounds ([`Model::bounds`](crate::Model::bounds)): every value a result can take while
/// each parameter stays within its range. Interval arithmetic is *sound* for every formula the
/// language allows: the interval of a formula contains its value for every choice of parameters
/// within their ranges, because each operation's interval contains every result of that
/// operation on values from its operands' intervals. It is *exact* (the smallest such interval)
/// when each parameter occurs once in the formula, as in the plans' products and sums: the value
/// is then monotone in each parameter on its own, so the extremes sit at the corners, which
/// interval arithmetic reaches. A parameter that occurs twice, as in a saving minus an extra cost
/// that share a population, can widen the interval (the dependency problem); it never narrows
/// it. A divisor whose interval contains zero is an error: the result would be unbounded.
/// Decimal division rounds in the 28th significant digit, as everywhere in the crate.
///
/// ```
/// use workforce_gap::Interval;
/// let published: Interval = "1500 - 1700".parse()?;
/// assert_eq!(published, Interval::new(1500.into(), 1700.into()));
/// assert!(published.contains(1600.into()));
/// assert_eq!(published.to_string(), "1500 - 1700");
/// # Ok::<(), workforce_gap::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Interval {
    /// The lower end (equal to `high` for a single value).
    #[cfg_attr(feature = "serde", serde(with = "crate::model::as_text::decimal"))]
    pub low: Decimal,
    /// The upper end.
    #[cfg_attr(feature = "serde", serde(with = "crate::model::as_text::decimal"))]
    pub high: Decimal,
}

impl Interval {
    /// The interval from `a` to `b`, in either order.
    pub fn new(a: Decimal, b: Decimal) -> Interval {
        Interval {
            low: a.min(b),
            high: a.max(b),
        }
    }

    /// The interval holding one value.
    pub fn point(value: Decimal) -> Interval {
        Interval {
            low: value,
            high: value,
        }
    }

    /// The smallest interval holding this one and `value`.
    pub fn widen(self, value: Decimal) -> Interval {
        Interval {
            low: self.low.min(value),
            high: self.high.max(value),
        }
    }

    /// True when `value` lies within the interval.
    pub fn contains(&self, value: Decimal) -> bool {
        self.low <= value && value <= self.high
    }

    /// The width, `high - low`.
    pub fn width(&self) -> Result<Decimal, ArithmeticError> {
        (self.high)
            .checked_sub(self.low)
            .ok_or(ArithmeticError::Overflow)
    }

    /// True when it is a range rather than one value.
    pub fn is_range(&self) -> bool {
        self.low != self.high
    }

    /// Reads a published figure whose numbers are written in `format`; `None` if it is none.
    pub fn parse_with(text: &str, format: NumberFormat) -> Option<Interval> {
        let text = text.trim();
        let (low, high) = match format.parse(text) {
            Ok(value) => (value, value),
            Err(_) => {
                // A range separator is " - " or an en dash (a minus sign may start the low end).
                let (low, high) = text.split_once(" - ").or_else(|| text.split_once(" – "))?;
                (format.parse(low).ok()?, format.parse(high).ok()?)
            }
        };
        (low <= high).then_some(Interval { low, high })
    }

    /// What stands between the ends of a range: the plans' hyphen, or an en dash after a
    /// negative low end, which a hyphen would run into (`-3 – 1`).
    fn dash(&self) -> &'static str {
        match self.low.is_sign_negative() {
            true => "–",
            false => "-",
        }
    }

    /// The figure as a percentage, for shares: `35%`, `30% - 40%` (`-5% – 10%`, as
    /// [`Display`](fmt::Display) writes a negative low end).
    pub fn percent(&self) -> String {
        let percent = |v: Decimal| {
            v.checked_mul(Decimal::ONE_HUNDRED)
                .map_or_else(|| v.to_string(), |p| format!("{}%", p.normalize()))
        };
        if self.is_range() {
            let dash = self.dash();
            format!("{} {dash} {}", percent(self.low), percent(self.high))
        } else {
            percent(self.low)
        }
    }
}

/// Reads `28`, `-3`, `35%` or a range `0 - 1` / `1500 - 1700` in canonical numbers, as
/// [`Display`](fmt::Display) writes it.
impl std::str::FromStr for Interval {
    type Err = crate::Error;

    fn from_str(text: &str) -> crate::Result<Interval> {
        let expected =
            "is not a published figure: expected a number (28, -3, 35%) or a range (0 - 1)";
        Interval::parse_with(text, NumberFormat::Canonical)
            .ok_or_else(|| crate::Error::invalid_value("published", text, expected))
    }
}

/// Canonical numbers, the plan's way: `28`, `-3`, `0 - 1`; a range whose low end is negative
/// with an en dash, `-3 – 1`, which reads apart from the minus sign (and reads back the same).
impl fmt::Display for Interval {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.is_range() {
            let (low, high, dash) = (self.low.normalize(), self.high.normalize(), self.dash());
            write!(f, "{low} {dash} {high}")
        } else {
            write!(f, "{}", self.low.normalize())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_published_range_prints_as_it_reads() {
        let published: Interval = "1500 - 1700".parse().unwrap();
        assert_eq!(
            published,
            Interval::new(Decimal::from(1500), Decimal::from(1700))
        );
        assert_eq!(
            published.to_string().parse::<Interval>().unwrap(),
            published
        );
        // A negative low end keeps its minus sign: -3 to 1.
        let negative: Interval = "-3 - 1".parse().unwrap();
        assert_eq!(negative, Interval::new((-3).into(), 1.into()));
        assert_eq!(negative.to_string(), "-3 – 1");
        assert_eq!(negative.to_string().parse::<Interval>().unwrap(), negative);
        let below: Interval = "-5 – -3".parse().unwrap();
        assert_eq!(below.to_string(), "-5 – -3");
        assert_eq!(below.to_string().parse::<Interval>().unwrap(), below);
    }
}
