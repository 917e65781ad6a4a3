//! Scenarios as data: named sets of changes (`scenarios.csv`) to which initiatives count, which
//! shortage they are set against, and which parameters or norms take other values. Applying and
//! comparing them is an analysis (see `compare`).

use super::{Scope, Status};
use crate::error::Origin;
use rust_decimal::Decimal;
use std::fmt;

/// The scenario every comparison starts with: the model as it is.
pub(crate) const AS_PUBLISHED: &str = Scenario::AS_PUBLISHED;

/// The shortage scenario a scenario is set against unless it says otherwise.
pub(crate) const BASE_SHORTAGE: &str = Scenario::BASE_SHORTAGE;

/// A named set of changes to the model.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Scenario {
    /// The name shown in the comparison.
    pub name: String,
    /// The changes, applied in order.
    pub settings: Vec<Setting>,
}

/// One change, with where it was read.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Setting {
    /// The change.
    pub kind: SettingKind,
    /// Where the record was read (`scenarios.csv`), if from a file.
    pub origin: Option<Origin>,
}

impl Scenario {
    /// The scenario every comparison starts with: the model as it is.
    pub const AS_PUBLISHED: &str = "as published";

    /// The shortage scenario a scenario is set against unless it says otherwise.
    pub const BASE_SHORTAGE: &str = "base";
}

impl Setting {
    /// A setting built in Rust.
    pub fn new(kind: SettingKind) -> Setting {
        Setting { kind, origin: None }
    }
}

/// What a setting changes.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(rename_all = "snake_case")
)]
#[non_exhaustive]
pub enum SettingKind {
    /// Set the total against this shortage scenario (default `base`), in its latest year.
    Shortage(String),
    /// Count the initiatives of these statuses (default: running and planned).
    Count(Vec<Status>),
    /// Count this initiative, whatever its status.
    Include(String),
    /// Do not count this initiative.
    Exclude(String),
    /// Give a parameter or norm this value (a parameter loses its range: it is now a point).
    Set {
        /// What to change.
        target: Target,
        /// The new value.
        #[cfg_attr(feature = "serde", serde(with = "crate::model::as_text::decimal"))]
        value: Decimal,
    },
    /// Multiply a parameter or norm (and a parameter's range) by a factor: 0.5 halves it.
    Scale {
        /// What to change.
        target: Target,
        /// The factor.
        #[cfg_attr(feature = "serde", serde(with = "crate::model::as_text::decimal"))]
        factor: Decimal,
    },
}

/// What a target that does not parse is expected to be.
pub(crate) const NOT_A_TARGET: &str = "is not a target: expected scope.name, norms.<id>.working_hours_per_year or norms.<id>.part_time_factor";

/// What a `set` or `scale` setting changes.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Target {
    /// A parameter, written `scope.name` (`region.inhabitants_nml`, `valpreventie.fall_reduction`).
    Parameter {
        /// The parameter's scope.
        scope: Scope,
        /// Its name.
        name: String,
    },
    /// The working hours of a norms id, written `norms.<id>.working_hours_per_year`.
    WorkingHours {
        /// The norms id.
        norms: String,
    },
    /// The part-time factor of a norms id, written `norms.<id>.part_time_factor`.
    PartTimeFactor {
        /// The norms id.
        norms: String,
    },
}

impl Target {
    /// Reads `scope.name`, `norms.<id>.working_hours_per_year` or `norms.<id>.part_time_factor`.
    pub fn parse(text: &str) -> Option<Target> {
        let parts: Vec<&str> = text.split('.').collect();
        match parts.as_slice() {
            ["norms", id, "working_hours_per_year"] => Some(Target::WorkingHours {
                norms: id.to_string(),
            }),
            ["norms", id, "part_time_factor"] => Some(Target::PartTimeFactor {
                norms: id.to_string(),
            }),
            [scope, name] if !scope.is_empty() && !name.is_empty() => Some(Target::Parameter {
                scope: Scope::from(*scope),
                name: name.to_string(),
            }),
            _ => None,
        }
    }
}

impl fmt::Display for Target {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Target::Parameter { scope, name } => write!(f, "{scope}.{name}"),
            Target::WorkingHours { norms } => write!(f, "norms.{norms}.working_hours_per_year"),
            Target::PartTimeFactor { norms } => write!(f, "norms.{norms}.part_time_factor"),
        }
    }
}
