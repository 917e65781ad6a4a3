//! With the feature `serde`: the values that would lose something as JSON numbers or structures
//! are written as text. A decimal is a string with every digit (`"0.68"`), read back by the
//! loaders' exact reader, so that a value a decimal cannot hold is refused rather than rounded,
//! and never passes through `f64`. A formula is its text, read back by parsing; a parameter
//! target is written as in `scenarios.csv`; a [`Name`] is a string.
//!
//! Decimals go through these functions rather than rust_decimal's own serde support: its
//! `serde-float` feature, switched on by any other crate in the same build (features unify),
//! would write our figures as `f64`, and its reader rounds digits that ours refuses.

use super::formula::Expr;
use super::name::Name;
use super::number::{EXPECTED_NUMBER, read_decimal};
use super::scenario::{Scenario, Target};
use super::{Group, Initiative, Model, Norms, Parameter, Period, Realised, Region, Shortage};
use crate::error::{Error, Finding};
use rust_decimal::Decimal;
use serde::de::Error as _;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A decimal as a string of its exact digits: `#[serde(with = "as_text::decimal")]`.
pub(crate) mod decimal {
    use super::*;

    /// Writes the decimal's digits as a string.
    pub(crate) fn serialize<S: Serializer>(value: &Decimal, out: S) -> Result<S::Ok, S::Error> {
        out.collect_str(value)
    }

    /// Reads a string of digits exactly; a number that is not a string is refused.
    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(input: D) -> Result<Decimal, D::Error> {
        let text = String::deserialize(input)?;
        read_decimal(&text).map_err(|error| {
            let why = error.inexact().unwrap_or(EXPECTED_NUMBER);
            D::Error::custom(format_args!("{text:?} {why}"))
        })
    }
}

/// A decimal that may be absent, as a string or `null`: `#[serde(serialize_with = ...)]`.
pub(crate) fn optional_decimal<S: Serializer>(
    value: &Option<Decimal>,
    out: S,
) -> Result<S::Ok, S::Error> {
    match value {
        Some(value) => out.collect_str(value),
        None => out.serialize_none(),
    }
}

/// `Serialize` as the value's text (its `Display`) and `Deserialize` by `$parse`, which reads
/// the text as the files do and says what is wrong with it.
macro_rules! as_text {
    ($type:ty, $parse:expr) => {
        impl Serialize for $type {
            fn serialize<S: Serializer>(&self, out: S) -> Result<S::Ok, S::Error> {
                out.collect_str(self)
            }
        }

        impl<'de> Deserialize<'de> for $type {
            fn deserialize<D: Deserializer<'de>>(input: D) -> Result<$type, D::Error> {
                let text = String::deserialize(input)?;
                $parse(&text).map_err(D::Error::custom)
            }
        }
    };
}

// A formula is its text, parsed with the same limits as a formula in `effects.csv`.
as_text!(Expr, Expr::parse);

// A period is written as in `realised.csv`: `2025`, `2025-H1`, `2025-Q3`.
as_text!(Period, |text: &str| text.parse::<Period>());

// A target is written as in `scenarios.csv`: `region.inhabitants`, `norms.default.part_time_factor`.
as_text!(Target, |text: &str| {
    Target::parse(text).ok_or_else(|| {
    format!(
        "{text:?} is not a target: expected scope.name, norms.<id>.working_hours_per_year or norms.<id>.part_time_factor"
    )
})
});

/// A shared name is written as the string it holds.
impl Serialize for Name {
    fn serialize<S: Serializer>(&self, out: S) -> Result<S::Ok, S::Error> {
        out.serialize_str(self)
    }
}

/// A model as it is read, before it is checked: [`Model`]'s fields, so that a deserialized model
/// goes through [`Model::check`] like a loaded one (`#[serde(try_from = "Unchecked")]`).
#[derive(Deserialize)]
pub(crate) struct Unchecked {
    region: Region,
    norms: Vec<Norms>,
    parameters: Vec<Parameter>,
    themes: Vec<Group>,
    sectors: Vec<Group>,
    initiatives: Vec<Initiative>,
    shortages: Vec<Shortage>,
    scenarios: Vec<Scenario>,
    // Absent in a model written before monitoring: none measured.
    #[serde(default)]
    realised: Vec<Realised>,
    #[serde(default)]
    staff: Vec<Realised>,
}

/// A model with errors is refused with every finding, as the loader refuses its files; one that
/// can be evaluated is kept (its warnings are [`Model::check`]'s to give again).
impl TryFrom<Unchecked> for Model {
    type Error = Error;

    fn try_from(read: Unchecked) -> Result<Model, Error> {
        let model = Model {
            region: read.region,
            norms: read.norms,
            parameters: read.parameters,
            themes: read.themes,
            sectors: read.sectors,
            initiatives: read.initiatives,
            shortages: read.shortages,
            scenarios: read.scenarios,
            realised: read.realised,
            staff: read.staff,
        };
        let findings = model.check();
        if findings.iter().any(Finding::is_error) {
            Err(Error::Input { findings })
        } else {
            Ok(model)
        }
    }
}
