//! The one canonical number format of the data files.
//!
//! Digits with an optional leading minus and an optional decimal point, no thousands separators,
//! optionally followed by `%` (which divides by 100): `48304`, `5.2`, `-3`, `0.26%`. Anything else
//! is refused, never guessed: `48.304` is read as forty-eight point three, so the data files must
//! write Dutch thousands without a separator.

use rust_decimal::Decimal;
use std::str::FromStr;

/// What the canonical format expects, for error messages.
pub(crate) const EXPECTED_NUMBER: &str = "is not a number: expected digits with a decimal point and no thousands separators, like 48304, 5.2 or 20%";

/// Parses a canonical number; `None` if the text is not one.
pub fn parse_decimal(text: &str) -> Option<Decimal> {
    let text = text.trim();
    let (digits, percent) = match text.strip_suffix('%') {
        Some(rest) => (rest.trim_end(), true),
        None => (text, false),
    };
    if !is_canonical(digits) {
        return None;
    }
    let value = Decimal::from_str(digits).ok()?;
    if percent {
        value.checked_div(Decimal::ONE_HUNDRED)
    } else {
        Some(value)
    }
}

fn is_canonical(text: &str) -> bool {
    let unsigned = text.strip_prefix('-').unwrap_or(text);
    let mut parts = unsigned.splitn(2, '.');
    let whole = parts.next().unwrap_or("");
    let fraction = parts.next();
    let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    !whole.is_empty()
        && all_digits(whole)
        && fraction.is_none_or(|f| !f.is_empty() && all_digits(f))
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
        ] {
            assert_eq!(parse_decimal(text), None, "{text:?}");
        }
    }
}
