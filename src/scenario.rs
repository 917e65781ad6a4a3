//! Named scenarios, compared side by side: which initiatives count, which shortage they are set
//! against, and which parameters or norms take other values. Scenarios are data
//! (`scenarios.csv`), applied to a copy of the model; the model itself never changes.
//!
//! ```
//! use workforce_gap::scenario::{Scenario, Setting, SettingKind, Target, compare};
//! use workforce_gap::model::Scope;
//!
//! let mut model = workforce_gap::limburg()?;
//! model.scenarios.push(Scenario {
//!     name: "part-time 0.72".into(),
//!     settings: vec![Setting::new(SettingKind::Set {
//!         target: Target::PartTimeFactor { norms: "default".into() },
//!         value: "0.72".parse().unwrap(),
//!     })],
//! });
//! let outcomes = compare(&model)?;
//! let as_published = &outcomes[0];
//! let higher = outcomes.iter().find(|o| o.name == "part-time 0.72").unwrap();
//! // A higher part-time factor means fewer persons for the same hours.
//! assert!(higher.freed < as_published.freed);
//! # Ok::<(), workforce_gap::Error>(())
//! ```

use crate::arithmetic::Interval;
use crate::compute::compute;
use crate::error::{Error, Finding, Kind, Origin};
use crate::model::{Model, Scope, Shortage, Status};
use crate::uncertainty::bounds_counting;
use crate::units::{PartTimeFactor, Persons, Share, WorkingHours};
use rust_decimal::Decimal;
use std::fmt;

/// The scenario every comparison starts with: the model as it is.
pub const AS_PUBLISHED: &str = "as published";

/// The shortage scenario a scenario is set against unless it says otherwise.
pub const BASE_SHORTAGE: &str = "base";

/// A named set of changes to the model.
#[derive(Clone, Debug, PartialEq)]
pub struct Scenario {
    /// The name shown in the comparison.
    pub name: String,
    /// The changes, applied in order.
    pub settings: Vec<Setting>,
}

/// One change, with where it was read.
#[derive(Clone, Debug, PartialEq)]
pub struct Setting {
    /// The change.
    pub kind: SettingKind,
    /// Where the record was read (`scenarios.csv`), if from a file.
    pub origin: Option<Origin>,
}

impl Setting {
    /// A setting built in Rust.
    pub fn new(kind: SettingKind) -> Setting {
        Setting { kind, origin: None }
    }
}

/// What a setting changes.
#[derive(Clone, Debug, PartialEq)]
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
        value: Decimal,
    },
    /// Multiply a parameter or norm (and a parameter's range) by a factor: 0.5 halves it.
    Scale {
        /// What to change.
        target: Target,
        /// The factor.
        factor: Decimal,
    },
}

/// What a `set` or `scale` setting changes.
#[derive(Clone, Debug, PartialEq, Eq)]
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
            [scope, name] if !scope.is_empty() && !name.is_empty() => {
                let scope = if *scope == "region" {
                    Scope::Region
                } else {
                    Scope::Initiative(scope.to_string())
                };
                Some(Target::Parameter {
                    scope,
                    name: name.to_string(),
                })
            }
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

/// A scenario applied: the changed model, which initiatives count, and the shortage scenario.
#[derive(Clone, Debug)]
pub struct Applied {
    /// The model with the scenario's values.
    pub model: Model,
    /// For each initiative, whether it counts.
    pub counts: Vec<bool>,
    /// The shortage scenario the total is set against.
    pub shortage: String,
}

/// Applies a scenario to a copy of the model. Fails with a finding for each setting whose
/// target, initiative or shortage scenario does not exist.
pub fn apply(model: &Model, scenario: &Scenario) -> Result<Applied, Error> {
    let mut changed = model.clone();
    let mut counts = model.counted_by_default();
    let mut shortage = BASE_SHORTAGE.to_string();
    let mut findings = Vec::new();
    for setting in &scenario.settings {
        let missing = |column: &str, value: String, expected: &str| {
            Finding::new(
                Kind::UnknownReference,
                setting.origin.as_ref(),
                column,
                value,
                expected,
            )
        };
        match &setting.kind {
            SettingKind::Shortage(name) => {
                if model.shortages.iter().any(|s| &s.scenario == name) {
                    shortage = name.clone();
                } else {
                    findings.push(missing(
                        "value",
                        name.clone(),
                        "is not a scenario of shortage.csv",
                    ));
                }
            }
            SettingKind::Count(statuses) => {
                counts = model
                    .initiatives
                    .iter()
                    .map(|i| statuses.contains(&i.status))
                    .collect();
            }
            SettingKind::Include(id) | SettingKind::Exclude(id) => {
                match model.initiatives.iter().position(|i| &i.id == id) {
                    Some(index) => counts[index] = matches!(setting.kind, SettingKind::Include(_)),
                    None => findings.push(missing("target", id.clone(), "is not an initiative id")),
                }
            }
            SettingKind::Set { target, value }
            | SettingKind::Scale {
                target,
                factor: value,
            } => {
                let scale = matches!(setting.kind, SettingKind::Scale { .. });
                if !change(&mut changed, target, *value, scale) {
                    findings.push(missing(
                        "target",
                        target.to_string(),
                        "is not a parameter or norm of the model",
                    ));
                }
            }
        }
    }
    if findings.is_empty() {
        Ok(Applied {
            model: changed,
            counts,
            shortage,
        })
    } else {
        Err(Error::Input { findings })
    }
}

/// Sets or scales one target; false when the model has no such target. A product that does not
/// fit saturates; evaluation will then report the overflow where it matters.
fn change(model: &mut Model, target: &Target, value: Decimal, scale: bool) -> bool {
    let new = |old: Decimal| {
        if scale {
            old.saturating_mul(value)
        } else {
            value
        }
    };
    match target {
        Target::Parameter { scope, name } => {
            let Some(parameter) = model
                .parameters
                .iter_mut()
                .find(|p| &p.scope == scope && &p.name == name)
            else {
                return false;
            };
            parameter.value = new(parameter.value);
            parameter.range = match parameter.range.take() {
                Some(mut range) if scale => {
                    (range.low, range.high) = (
                        new(range.low).min(new(range.high)),
                        new(range.low).max(new(range.high)),
                    );
                    Some(range)
                }
                _ => None,
            };
            true
        }
        Target::WorkingHours { norms } | Target::PartTimeFactor { norms } => {
            let Some(found) = model.norms.iter_mut().find(|n| &n.id == norms) else {
                return false;
            };
            if matches!(target, Target::WorkingHours { .. }) {
                found.working_hours = WorkingHours::new(new(found.working_hours.value()));
            } else {
                found.part_time_factor = PartTimeFactor::new(new(found.part_time_factor.value()));
            }
            true
        }
    }
}

/// One scenario's outcome.
#[derive(Clone, Debug, PartialEq)]
pub struct Outcome {
    /// The scenario's name ([`AS_PUBLISHED`] for the model as it is).
    pub name: String,
    /// How many initiatives count.
    pub counted: usize,
    /// How many of those are quantified: the initiatives `freed` is made of. The others count
    /// but have no figure (no effects, or a pending value).
    pub quantified: usize,
    /// Persons freed by them.
    pub freed: Persons,
    /// The bounds of `freed` over the parameters' ranges.
    pub freed_bounds: Interval,
    /// The year of the shortage compared with (the latest year of the shortage scenario).
    pub year: u16,
    /// The shortage scenario.
    pub shortage_scenario: String,
    /// `freed` against the shortage, or why it cannot be set against it.
    pub against: Comparison,
}

/// Persons freed set against a shortage, or why they cannot be.
#[derive(Clone, Debug, PartialEq)]
pub enum Comparison {
    /// The shortage is stated in persons or converts to them.
    Compared {
        /// The shortage.
        shortage: Persons,
        /// The share of it covered.
        covered: Share,
        /// The persons still missing; negative when more is freed than is short (a surplus, see
        /// [`crate::evaluate::Balance`]).
        remaining: Persons,
    },
    /// The shortage cannot be stated in persons (a share without the staff it is a share of, FTE
    /// without a part-time factor, or a shortage of zero); `reason` says which.
    NotCompared {
        /// Why, as [`crate::Results::uncompared`] says it.
        reason: String,
    },
}

impl Comparison {
    /// The shortage in persons, if compared.
    pub fn shortage(&self) -> Option<Persons> {
        match self {
            Comparison::Compared { shortage, .. } => Some(*shortage),
            Comparison::NotCompared { .. } => None,
        }
    }

    /// The share covered, if compared.
    pub fn covered(&self) -> Option<Share> {
        match self {
            Comparison::Compared { covered, .. } => Some(*covered),
            Comparison::NotCompared { .. } => None,
        }
    }

    /// The persons still missing (negative: a surplus), if compared.
    pub fn remaining(&self) -> Option<Persons> {
        match self {
            Comparison::Compared { remaining, .. } => Some(*remaining),
            Comparison::NotCompared { .. } => None,
        }
    }

    /// `freed` against `shortage`; a shortage that cannot be stated in persons, or is zero, is
    /// not compared, with the reason.
    pub(crate) fn of(
        model: &Model,
        shortage: &Shortage,
        freed: Persons,
    ) -> Result<Comparison, Error> {
        let persons = match model.shortage_in_persons(shortage) {
            Ok(persons) => persons,
            Err(error @ Error::Units { .. }) => {
                return Ok(Comparison::NotCompared {
                    reason: error.to_string(),
                });
            }
            Err(error) => return Err(error),
        };
        let fail = |kind| Error::Arithmetic {
            context: format!("the shortage {shortage}"),
            kind,
        };
        if persons.value().is_zero() {
            return Ok(Comparison::NotCompared {
                reason: crate::evaluate::zero_shortage(shortage),
            });
        }
        Ok(Comparison::Compared {
            shortage: persons,
            covered: freed.ratio_to(persons).map_err(fail)?,
            remaining: persons.checked_sub(freed).map_err(fail)?,
        })
    }
}

/// The model as published, then each of its scenarios, side by side.
pub fn compare(model: &Model) -> Result<Vec<Outcome>, Error> {
    let findings = model.validate();
    if !findings.is_empty() {
        return Err(Error::Input { findings });
    }
    let as_published = Scenario {
        name: AS_PUBLISHED.into(),
        settings: Vec::new(),
    };
    std::iter::once(&as_published)
        .chain(&model.scenarios)
        .map(|scenario| outcome(model, scenario))
        .collect()
}

/// One scenario's outcome.
pub fn outcome(model: &Model, scenario: &Scenario) -> Result<Outcome, Error> {
    let applied = apply(model, scenario)?;
    let findings = applied.model.validate();
    if !findings.is_empty() {
        return Err(Error::Input { findings });
    }
    let counts = |index: usize| applied.counts[index];
    let freed = compute(
        &applied.model,
        |i| applied.model.parameters[i].value,
        counts,
    )?
    .total;
    let freed_bounds = bounds_counting(&applied.model, &applied.counts)?.total;
    let shortage = applied
        .model
        .shortages
        .iter()
        .filter(|s| s.scenario == applied.shortage)
        .max_by_key(|s| s.year)
        .ok_or_else(|| {
            let expected = "has no shortage: shortage.csv needs a row for this scenario";
            Error::Input {
                findings: vec![Finding::new(
                    Kind::UnknownReference,
                    None,
                    "scenario",
                    &applied.shortage,
                    expected,
                )],
            }
        })?;
    let freed = Persons::new(freed);
    let pending = applied.model.pending();
    let quantified = (applied.model.initiatives.iter().enumerate())
        .filter(|(index, i)| {
            applied.counts[*index] && !i.effects.is_empty() && pending[*index].is_empty()
        })
        .count();
    Ok(Outcome {
        name: scenario.name.clone(),
        counted: applied.counts.iter().filter(|c| **c).count(),
        quantified,
        freed,
        freed_bounds,
        year: shortage.year,
        shortage_scenario: shortage.scenario.clone(),
        against: Comparison::of(&applied.model, shortage, freed)?,
    })
}
