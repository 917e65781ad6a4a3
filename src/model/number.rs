//! Numbers as people write them, read without guessing.

use rust_decimal::Decimal;
use std::borrow::Cow;

/// How numbers are written in a file.
///
/// Numbers as people write them, read without guessing.
///
/// The data files of this crate use one canonical format: digits with an optional leading minus
/// and an optional decimal *point*, no thousands separators, optionally followed by `%` (which
/// divides by 100): `48304`, `5.2`, `-3`, `0.26%`. Formulas always use it.
///
/// Files written elsewhere (Excel on a Dutch machine, or by hand) use other conventions; a
/// [`NumberFormat`] states which. Under [`NumberFormat::Unstated`] a value is accepted only when
/// the Dutch and the English reading agree: `5,2` can only be 5.2, but `48.304` is 48,304 in Dutch
/// and 48.304 in English, so it is refused as ambiguous rather than guessed.
///
/// Nor is a number rounded: a decimal holds 28 significant digits (29 up to the largest,
/// 79228162514264337593543950335) and at most 28 after the point, and a number that needs more
/// is refused ([`NumberError::TooManyDigits`], [`NumberError::TooLarge`]). Zeros after the last
/// non-zero digit of a fraction carry no value and are dropped where the decimal would not hold
/// them; `%` moves the point two places to the left, so it never rounds either.
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

/// Why a text is not a number under a format. Its message follows the text, as in
/// `"5,2" is not a number`.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum NumberError {
    /// The text is no number in this format.
    #[error("is not a number")]
    NotANumber,
    /// The text is a number in Dutch and in English, with different values.
    #[error("reads as {dutch} in Dutch and as {english} in English")]
    Ambiguous {
        /// The value read the Dutch way.
        dutch: Decimal,
        /// The value read the English way.
        english: Decimal,
    },
    /// The text is a number with more significant digits than a decimal holds (28 after the
    /// point, 28 or 29 in all): reading it would round it.
    #[error("{TOO_MANY_DIGITS}")]
    TooManyDigits,
    /// The text is a number beyond the largest decimal, 79,228,162,514,264,337,593,543,950,335.
    #[error("{TOO_LARGE}")]
    TooLarge,
}

impl NumberError {
    /// Why a number a decimal cannot hold is refused, for error messages; `None` for a text that
    /// is no number or an ambiguous one (their messages depend on the file's format).
    pub(crate) fn inexact(&self) -> Option<&'static str> {
        match self {
            NumberError::TooManyDigits => Some(TOO_MANY_DIGITS),
            NumberError::TooLarge => Some(TOO_LARGE),
            NumberError::NotANumber | NumberError::Ambiguous { .. } => None,
        }
    }
}

/// Why a number with too many digits is refused.
pub(crate) const TOO_MANY_DIGITS: &str = "has more significant digits than an exact decimal holds (28 always fit, none beyond 28 after the point): it would be rounded, and input is never rounded; write it with fewer digits";

/// Why a number beyond the largest decimal is refused.
pub(crate) const TOO_LARGE: &str =
    "is larger than an exact decimal holds (at most 79228162514264337593543950335)";

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

    /// Reads a number written in this format, exactly: a number a decimal cannot hold without
    /// rounding is refused, never rounded.
    pub fn parse(self, text: &str) -> Result<Decimal, NumberError> {
        use NumberError::NotANumber;
        match self {
            NumberFormat::Canonical => read_decimal(text),
            NumberFormat::Dutch => parse_grouped(text, ',', '.'),
            NumberFormat::English => parse_grouped(text, '.', ','),
            NumberFormat::Unstated => {
                match (parse_grouped(text, ',', '.'), parse_grouped(text, '.', ',')) {
                    (Ok(dutch), Ok(english)) if dutch == english => Ok(dutch),
                    (Ok(dutch), Ok(english)) => Err(NumberError::Ambiguous { dutch, english }),
                    (Ok(value), Err(NotANumber)) | (Err(NotANumber), Ok(value)) => Ok(value),
                    // One reading a decimal cannot hold: refused, whatever the other reads.
                    (Err(inexact), _) | (_, Err(inexact)) if inexact != NotANumber => Err(inexact),
                    _ => Err(NotANumber),
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

/// Reads a canonical number exactly, or says why it cannot: the text is no number, or a decimal
/// would have to round it ([`NumberError::TooManyDigits`], [`NumberError::TooLarge`]).
pub(crate) fn read_decimal(text: &str) -> Result<Decimal, NumberError> {
    let (negative, digits, percent) = split(text);
    let (whole, fraction) = match digits.split_once('.') {
        Some((whole, fraction)) => (whole, Some(fraction)),
        None => (digits, None),
    };
    assemble(negative, whole, fraction, percent)
}

/// Splits off a minus sign and a percent sign: (negative, the digits between, percent).
fn split(text: &str) -> (bool, &str, bool) {
    let text = text.trim();
    let (body, percent) = match text.strip_suffix('%') {
        Some(rest) => (rest.trim_end(), true),
        None => (text, false),
    };
    let (negative, body) = match body.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, body),
    };
    (negative, body, percent)
}

fn all_digits(text: &str) -> bool {
    !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit())
}

/// Builds the decimal from checked parts; an error if they are not digits or do not fit.
fn assemble(
    negative: bool,
    whole: &str,
    fraction: Option<&str>,
    percent: bool,
) -> Result<Decimal, NumberError> {
    if !all_digits(whole) || fraction.is_some_and(|f| !all_digits(f)) {
        return Err(NumberError::NotANumber);
    }
    // `%` moves the decimal point two places to the left: dividing by 100 never rounds.
    let shift = if percent { 2 } else { 0 };
    exact(negative, whole, fraction.unwrap_or(""), shift)
}

/// The most digits after the point a decimal holds.
const MAX_SCALE: usize = 28;

/// The largest mantissa a decimal holds, 2^96 - 1, written out.
const MAX_MANTISSA: &str = "79228162514264337593543950335";

/// The decimal `whole.fraction / 10^shift`, exactly. Zeros that carry no value (leading zeros,
/// trailing zeros after the point) are dropped where the decimal would not hold them, so
/// `0.500000000000000000000000000000` reads as 0.5; a digit that carries value is never dropped:
/// then the number has too many digits. The scale it was written with is kept where it fits, as
/// `Decimal::from_str` keeps it (`1.50` has two decimals).
fn exact(
    negative: bool,
    whole: &str,
    fraction: &str,
    shift: usize,
) -> Result<Decimal, NumberError> {
    let whole = whole.trim_start_matches('0');
    let significant_fraction = fraction.trim_end_matches('0');
    // The value is `mantissa_digits / 10^scale`, with no trailing zero that a scale could drop.
    let (mantissa_digits, mut scale) = match significant_fraction {
        "" => {
            // Trailing zeros of the whole number give back scale that `shift` took.
            let zeros = whole.len() - whole.trim_end_matches('0').len();
            let dropped = zeros.min(shift);
            ((&whole[..whole.len() - dropped], ""), shift - dropped)
        }
        _ => (
            (whole, significant_fraction),
            significant_fraction.len() + shift,
        ),
    };
    let (integer_digits, fraction_digits) = mantissa_digits;
    let max_mantissa = mantissa_bound();
    let mut mantissa: u128 = 0;
    for digit in integer_digits.bytes().chain(fraction_digits.bytes()) {
        mantissa = mantissa * 10 + u128::from(digit - b'0');
        if mantissa > max_mantissa {
            return Err(too_large_or_precise(whole, shift));
        }
    }
    if mantissa == 0 {
        scale = 0;
    } else if scale > MAX_SCALE {
        return Err(NumberError::TooManyDigits);
    }
    // Give back the zeros it was written with, as far as the decimal holds them.
    let written = (fraction.len() + shift).min(MAX_SCALE);
    while scale < written && mantissa * 10 <= max_mantissa {
        mantissa *= 10;
        scale += 1;
    }
    let (low, middle, high) = (
        mantissa as u32,
        (mantissa >> 32) as u32,
        (mantissa >> 64) as u32,
    );
    Ok(Decimal::from_parts(
        low,
        middle,
        high,
        negative,
        scale as u32,
    ))
}

/// 2^96 - 1: the largest mantissa of a decimal.
const fn mantissa_bound() -> u128 {
    (1u128 << 96) - 1
}

/// Why a number whose digits do not fit a mantissa cannot be read: its whole part alone (the
/// digits of `whole` left of the `shift`) is beyond the largest decimal, or it has too many digits.
fn too_large_or_precise(whole: &str, shift: usize) -> NumberError {
    let integer = &whole[..whole.len().saturating_sub(shift)];
    let beyond = match integer.len().cmp(&MAX_MANTISSA.len()) {
        std::cmp::Ordering::Greater => true,
        std::cmp::Ordering::Equal => integer >= MAX_MANTISSA,
        std::cmp::Ordering::Less => false,
    };
    if beyond {
        NumberError::TooLarge
    } else {
        NumberError::TooManyDigits
    }
}

/// A number with `decimal` as decimal separator and optional `group` separators between groups
/// of three digits (the first group one to three digits).
fn parse_grouped(text: &str, decimal: char, group: char) -> Result<Decimal, NumberError> {
    let (negative, body, percent) = split(text);
    let (whole, fraction) = match body.split_once(decimal) {
        Some((whole, fraction)) => (whole, Some(fraction)),
        None => (body, None),
    };
    let ungrouped = if whole.contains(group) {
        let mut groups = whole.split(group);
        let first = groups.next().unwrap_or_default();
        if first.is_empty() || first.len() > 3 || !groups.all(|g| g.len() == 3) {
            return Err(NumberError::NotANumber);
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
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn reads_the_canonical_forms() {
        assert_eq!(read_decimal("48304").ok(), Some(d("48304")));
        assert_eq!(read_decimal("5.2").ok(), Some(d("5.2")));
        assert_eq!(read_decimal("-3").ok(), Some(d("-3")));
        assert_eq!(read_decimal("20%").ok(), Some(d("0.2")));
        assert_eq!(read_decimal("0.26%").ok(), Some(d("0.0026")));
        assert_eq!(read_decimal(" 7 ").ok(), Some(d("7")));
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
            assert_eq!(read_decimal(text).ok(), None, "{text:?}");
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
            let read = read_decimal(text).ok().map(|d| d.serialize());
            assert_eq!(
                read,
                Decimal::from_str(text).ok().map(|d| d.serialize()),
                "{text}"
            );
        }
    }

    #[test]
    fn huge_numbers_are_refused_not_overflowed() {
        assert_eq!(read_decimal(&"9".repeat(40)), Err(NumberError::TooLarge));
        assert_eq!(
            NumberFormat::Dutch.parse(&"999.".repeat(20)),
            Err(NumberError::NotANumber)
        );
        let grouped = format!("{}999", "999.".repeat(10));
        assert_eq!(
            NumberFormat::Dutch.parse(&grouped),
            Err(NumberError::TooLarge)
        );
    }

    #[test]
    fn a_number_a_decimal_would_round_is_refused() {
        use NumberError::{TooLarge, TooManyDigits};
        let cases = [
            // 1e-29: one significant digit, but 29 places after the point.
            ("0.00000000000000000000000000001", Err(TooManyDigits)),
            ("1.00000000000000000000000000001", Err(TooManyDigits)),
            // 30 significant digits, the value well within range.
            ("1234567890.12345678901234567891", Err(TooManyDigits)),
            // The largest mantissa, 2^96 - 1, fits with any scale up to 28; one more does not.
            ("79228162514264337593543950335", Ok(Decimal::MAX)),
            ("-79228162514264337593543950335", Ok(Decimal::MIN)),
            ("79228162514264337593543950336", Err(TooLarge)),
            (
                "7922816251426433759354395033.5",
                Ok(d("7922816251426433759354395033.5")),
            ),
            ("7922816251426433759354395033.6", Err(TooManyDigits)),
            ("79228162514264337593543950335.5", Err(TooLarge)),
            (
                "0.0000000000000000000000000001",
                Ok(d("0.0000000000000000000000000001")),
            ),
            // Zeros that carry no value are dropped where the decimal would not hold them.
            ("0.500000000000000000000000000000000", Ok(d("0.5"))),
            ("000000000000000000000000000000000042", Ok(d("42"))),
            ("0.000000000000000000000000000000", Ok(Decimal::ZERO)),
            ("79228162514264337593543950335.000", Ok(Decimal::MAX)),
            // `%` divides by 100 only where that loses no digit.
            ("0.0000000000000000000000000001%", Err(TooManyDigits)),
            (
                "0.0000000000000000000000000100%",
                Ok(d("0.0000000000000000000000000001")),
            ),
            (
                "7922816251426433759354395033500%",
                Ok(d("79228162514264337593543950335")),
            ),
            ("7922816251426433759354395033600%", Err(TooLarge)),
            (
                "33.33333333333333333333333333%",
                Ok(d("0.3333333333333333333333333333")),
            ),
            ("33.333333333333333333333333333%", Err(TooManyDigits)),
        ];
        for (text, expected) in cases {
            assert_eq!(read_decimal(text), expected, "{text}");
        }
        // The same in every format.
        let dutch = NumberFormat::Dutch.parse("0,00000000000000000000000000001");
        assert_eq!(dutch, Err(TooManyDigits));
        let unstated = NumberFormat::Unstated.parse("0,00000000000000000000000000001");
        assert_eq!(unstated, Err(TooManyDigits));
        let english = NumberFormat::English.parse("79,228,162,514,264,337,593,543,950,336");
        assert_eq!(english, Err(TooLarge));
    }

    #[test]
    fn percent_keeps_the_digits_as_written() {
        // 20% is 20 hundredths: 0.20, equal to 0.2.
        assert_eq!(read_decimal("20%").unwrap().to_string(), "0.20");
        assert_eq!(read_decimal("100%").unwrap().to_string(), "1.00");
        assert_eq!(read_decimal("-0.5%").unwrap().to_string(), "-0.005");
    }

    #[test]
    fn a_number_error_says_why_and_is_an_error() {
        // Its message follows the text, the way a finding prints it.
        let error: &dyn std::error::Error = &NumberError::NotANumber;
        assert_eq!(error.to_string(), "is not a number");
        let ambiguous = NumberFormat::Unstated.parse("48.304").unwrap_err();
        assert_eq!(
            ambiguous.to_string(),
            "reads as 48304 in Dutch and as 48.304 in English"
        );
        assert_eq!(
            read_decimal(&"9".repeat(40)).unwrap_err().to_string(),
            TOO_LARGE
        );
    }
}
