//! Numbers as people write them, read without guessing.
//!
//! The data files of this crate use one canonical format: digits with an optional leading minus
//! and an optional decimal *point*, no thousands separators, optionally followed by `%` (which
//! divides by 100): `48304`, `5.2`, `-3`, `0.26%`. Formulas always use it.
//!
//! Files written elsewhere (Excel on a Dutch machine, or by hand) use other conventions; a
//! [`NumberFormat`] states which. Under [`NumberFormat::Unstated`] a value is accepted only when
//! the Dutch and the English reading agree: `5,2` can only be 5.2, but `48.304` is 48,304 in Dutch
//! and 48.304 in English, so it is refused as ambiguous rather than guessed.

use rust_decimal::Decimal;
use std::borrow::Cow;
use std::str::FromStr;

/// How numbers are written in a file.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum NumberFormat {
    /// Decimal point, no thousands separators: `48304`, `5.2`. The format of this crate's data.
    #[default]
    Canonical,
    /// Decimal comma, thousands dot in groups of three: `48.304`, `5,2`, `1.234.567,89`.
    Dutch,
    /// Decimal point, thousands comma in groups of three: `122,357`, `5.2`.
    English,
    /// Not stated: Dutch or English, accepted only where both readings give the same value or
    /// only one of them is a number at all.
    Unstated,
}

/// Why a text is not a number under a format.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NumberError {
    /// The text is no number in this format.
    NotANumber,
    /// The text is a number in Dutch and in English, with different values.
    Ambiguous {
        /// The value read the Dutch way.
        dutch: Decimal,
        /// The value read the English way.
        english: Decimal,
    },
}

impl NumberFormat {
    /// The format's name, as the `--dialect` options and error messages spell it.
    pub const fn name(self) -> &'static str {
        match self {
            NumberFormat::Canonical => "canonical",
            NumberFormat::Dutch => "Dutch",
            NumberFormat::English => "English",
            NumberFormat::Unstated => "unstated",
        }
    }

    /// Reads a number written in this format.
    pub fn parse(self, text: &str) -> Result<Decimal, NumberError> {
        let not = NumberError::NotANumber;
        match self {
            NumberFormat::Canonical => parse_decimal(text).ok_or(not),
            NumberFormat::Dutch => parse_grouped(text, ',', '.').ok_or(not),
            NumberFormat::English => parse_grouped(text, '.', ',').ok_or(not),
            NumberFormat::Unstated => {
                match (parse_grouped(text, ',', '.'), parse_grouped(text, '.', ',')) {
                    (Some(dutch), Some(english)) if dutch == english => Ok(dutch),
                    (Some(dutch), Some(english)) => Err(NumberError::Ambiguous { dutch, english }),
                    (Some(value), None) | (None, Some(value)) => Ok(value),
                    (None, None) => Err(not),
                }
            }
        }
    }

    /// What this format expects, for error messages.
    pub(crate) fn expected(self) -> &'static str {
        match self {
            NumberFormat::Canonical => EXPECTED_NUMBER,
            NumberFormat::Dutch => {
                "is not a number in the Dutch format: expected a decimal comma and thousands dots, like 48.304 or 5,2"
            }
            NumberFormat::English => {
                "is not a number in the English format: expected a decimal point and thousands commas, like 122,357 or 5.2"
            }
            NumberFormat::Unstated => {
                "is not a number: expected digits with a decimal comma or point, like 5,2 or 5.2"
            }
        }
    }
}

/// What the canonical format expects, for error messages.
pub(crate) const EXPECTED_NUMBER: &str = "is not a number: expected digits with a decimal point and no thousands separators, like 48304, 5.2 or 20%";

/// Parses a canonical number; `None` if the text is not one.
pub fn parse_decimal(text: &str) -> Option<Decimal> {
    let (negative, digits, percent) = split(text)?;
    let (whole, fraction) = match digits.split_once('.') {
        Some((whole, fraction)) => (whole, Some(fraction)),
        None => (digits, None),
    };
    assemble(negative, whole, fraction, percent)
}

/// Splits off a minus sign and a percent sign: (negative, the digits between, percent).
fn split(text: &str) -> Option<(bool, &str, bool)> {
    let text = text.trim();
    let (body, percent) = match text.strip_suffix('%') {
        Some(rest) => (rest.trim_end(), true),
        None => (text, false),
    };
    let (negative, body) = match body.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, body),
    };
    Some((negative, body, percent))
}

fn all_digits(text: &str) -> bool {
    !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit())
}

/// Builds the decimal from checked parts; `None` if they are not digits or do not fit.
fn assemble(negative: bool, whole: &str, fraction: Option<&str>, percent: bool) -> Option<Decimal> {
    if !all_digits(whole) || fraction.is_some_and(|f| !all_digits(f)) {
        return None;
    }
    let value = match exact(negative, whole, fraction.unwrap_or("")) {
        Some(value) => value,
        None => {
            let text = match fraction {
                Some(fraction) => format!("{}{whole}.{fraction}", if negative { "-" } else { "" }),
                None => format!("{}{whole}", if negative { "-" } else { "" }),
            };
            Decimal::from_str(&text).ok()?
        }
    };
    if percent {
        value.checked_div(Decimal::ONE_HUNDRED)
    } else {
        Some(value)
    }
}

/// Up to 18 digits, the decimal straight from its digits and scale, without the text
/// `Decimal::from_str` needs (a parameters.csv of a million rows reads a million numbers). Longer
/// numbers are left to `from_str`, which decides how they round or fail.
fn exact(negative: bool, whole: &str, fraction: &str) -> Option<Decimal> {
    const MAX_DIGITS: usize = 18; // 10^18 - 1 fits a u64 with room to spare.
    if whole.len() + fraction.len() > MAX_DIGITS {
        return None;
    }
    let digits = whole.bytes().chain(fraction.bytes());
    let mantissa = digits.fold(0u64, |m, digit| m * 10 + u64::from(digit - b'0'));
    let scale = u32::try_from(fraction.len()).ok()?;
    let (low, high) = (mantissa as u32, (mantissa >> 32) as u32);
    Some(Decimal::from_parts(low, high, 0, negative, scale))
}

/// A number with `decimal` as decimal separator and optional `group` separators between groups
/// of three digits (the first group one to three digits).
fn parse_grouped(text: &str, decimal: char, group: char) -> Option<Decimal> {
    let (negative, body, percent) = split(text)?;
    let (whole, fraction) = match body.split_once(decimal) {
        Some((whole, fraction)) => (whole, Some(fraction)),
        None => (body, None),
    };
    let ungrouped = if whole.contains(group) {
        let mut groups = whole.split(group);
        let first = groups.next()?;
        if first.is_empty() || first.len() > 3 || !groups.all(|g| g.len() == 3) {
            return None;
        }
        Cow::Owned(whole.replace(group, ""))
    } else {
        Cow::Borrowed(whole)
    };
    assemble(negative, &ungrouped, fraction, percent)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn reads_the_canonical_forms() {
        assert_eq!(parse_decimal("48304"), Some(d("48304")));
        assert_eq!(parse_decimal("5.2"), Some(d("5.2")));
        assert_eq!(parse_decimal("-3"), Some(d("-3")));
        assert_eq!(parse_decimal("20%"), Some(d("0.2")));
        assert_eq!(parse_decimal("0.26%"), Some(d("0.0026")));
        assert_eq!(parse_decimal(" 7 "), Some(d("7")));
    }

    #[test]
    fn refuses_what_it_would_have_to_guess() {
        for text in [
            "5,2",
            "122,357",
            "1.000.000",
            "",
            "-",
            ".5",
            "5.",
            "1e3",
            "~550",
            "%",
            "--1",
            "+1",
            "1 000",
        ] {
            assert_eq!(parse_decimal(text), None, "{text:?}");
        }
    }

    #[test]
    fn the_seeds_number_formats() {
        use NumberFormat::*;
        assert_eq!(Dutch.parse("48.304"), Ok(d("48304")));
        assert_eq!(Dutch.parse("5,2"), Ok(d("5.2")));
        assert_eq!(Dutch.parse("0,26%"), Ok(d("0.0026")));
        assert_eq!(Dutch.parse("1.234.567,89"), Ok(d("1234567.89")));
        assert_eq!(Dutch.parse("5.2"), Err(NumberError::NotANumber));
        assert_eq!(English.parse("122,357"), Ok(d("122357")));
        assert_eq!(English.parse("17,923,412"), Ok(d("17923412")));
        assert_eq!(English.parse("5,2"), Err(NumberError::NotANumber));
        assert_eq!(English.parse("1,23,456"), Err(NumberError::NotANumber));
        assert_eq!(Canonical.parse("48.304"), Ok(d("48.304")));
    }

    #[test]
    fn an_unstated_format_refuses_to_guess() {
        use NumberFormat::Unstated;
        assert_eq!(Unstated.parse("5,2"), Ok(d("5.2")));
        assert_eq!(Unstated.parse("0.68"), Ok(d("0.68")));
        assert_eq!(Unstated.parse("1.000.000"), Ok(d("1000000")));
        assert_eq!(Unstated.parse("1.234,5"), Ok(d("1234.5")));
        assert_eq!(Unstated.parse("2000"), Ok(d("2000")));
        let ambiguous = NumberError::Ambiguous {
            dutch: d("48304"),
            english: d("48.304"),
        };
        assert_eq!(Unstated.parse("48.304"), Err(ambiguous));
        let ambiguous = NumberError::Ambiguous {
            dutch: d("122.357"),
            english: d("122357"),
        };
        assert_eq!(Unstated.parse("122,357"), Err(ambiguous));
    }

    #[test]
    fn short_numbers_read_from_their_digits_are_the_decimals_from_str_reads() {
        let mut texts: Vec<String> = [
            "0",
            "-0",
            "0.0",
            "-0.00",
            "007",
            "1.50",
            "-3",
            "48304",
            "5.2",
            "0.0026",
            "999999999999999999",
            "-99999999999999999.9",
            "0.000000000000000001",
            "9999999999999999999",
            "12345678901234567890.5",
            "1.0000000000000000000000000001",
        ]
        .map(String::from)
        .to_vec();
        // Every length around the 18 digits read directly, with and without a fraction.
        for digits in 1..=20 {
            let text = &"31415926535897932384"[..digits];
            texts.push(text.to_string());
            let (whole, fraction) = text.split_at(digits.div_ceil(2));
            if !fraction.is_empty() {
                texts.push(format!("-{whole}.{fraction}"));
            }
        }
        for text in &texts {
            let read = parse_decimal(text).map(|d| d.serialize());
            assert_eq!(
                read,
                Decimal::from_str(text).ok().map(|d| d.serialize()),
                "{text}"
            );
        }
    }

    #[test]
    fn huge_numbers_are_refused_not_overflowed() {
        assert_eq!(parse_decimal(&"9".repeat(40)), None);
        assert_eq!(
            NumberFormat::Dutch.parse(&"999.".repeat(20)),
            Err(NumberError::NotANumber)
        );
    }
}
