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
use crate::hash::{FastMap, FastSet};
use crate::model::{
    Model, ParameterIndex, Problem, Scope, Shortage, Status, part_time_factor_problem,
    working_hours_problem,
};
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
    /// The model with the scenario's values (and no scenarios of its own).
    pub model: Model,
    /// For each initiative, whether it counts.
    pub counts: Vec<bool>,
    /// The shortage scenario the total is set against.
    pub shortage: String,
}

/// Applies a scenario to a copy of the model. Fails with every finding of its settings when one
/// is an error: a target, initiative or shortage scenario that does not exist, or a value the
/// file it overrides would refuse (see [`Model::check`]).
pub fn apply(model: &Model, scenario: &Scenario) -> Result<Applied, Error> {
    let parameters = ParameterIndex::new(model);
    let targets = Targets::new(model, &parameters);
    let mut findings = Vec::new();
    targets.check(scenario, &mut findings);
    if findings.iter().any(Finding::is_error) {
        findings.sort();
        return Err(Error::Input { findings });
    }
    // Every setting resolves: the check above found none that does not.
    let mut changed = Model {
        region: model.region.clone(),
        norms: model.norms.clone(),
        parameters: model.parameters.clone(),
        themes: model.themes.clone(),
        sectors: model.sectors.clone(),
        initiatives: model.initiatives.clone(),
        shortages: model.shortages.clone(),
        scenarios: Vec::new(),
    };
    let mut counts = model.counted_by_default();
    let mut shortage = BASE_SHORTAGE.to_string();
    for setting in &scenario.settings {
        match &setting.kind {
            SettingKind::Shortage(name) => shortage = name.clone(),
            SettingKind::Count(statuses) => {
                counts = (model.initiatives.iter())
                    .map(|i| statuses.contains(&i.status))
                    .collect();
            }
            SettingKind::Include(id) | SettingKind::Exclude(id) => {
                if let Some(&index) = targets.initiatives.get(id.as_str()) {
                    counts[index] = matches!(setting.kind, SettingKind::Include(_));
                }
            }
            SettingKind::Set { target, value } => {
                if let Some(place) = targets.place(target) {
                    change(&mut changed, place, |_| *value, false);
                }
            }
            SettingKind::Scale { target, factor } => {
                if let Some(place) = targets.place(target) {
                    // The check found that the product fits.
                    change(&mut changed, place, |old| old.saturating_mul(*factor), true);
                }
            }
        }
    }
    Ok(Applied {
        model: changed,
        counts,
        shortage,
    })
}

/// Gives the target at `place` the value `new` gives for its old one; `scale` scales a
/// parameter's range with it, where a value set takes the range away (it is now a point).
fn change(model: &mut Model, place: Place, new: impl Fn(Decimal) -> Decimal, scale: bool) {
    match place {
        Place::Parameter(position) => {
            let parameter = &mut model.parameters[position];
            parameter.value = new(parameter.value);
            parameter.range = match parameter.range.take() {
                Some(mut range) if scale => {
                    let (low, high) = (new(range.low), new(range.high));
                    (range.low, range.high) = (low.min(high), low.max(high));
                    Some(range)
                }
                _ => None,
            };
        }
        Place::WorkingHours(position) => {
            let norms = &mut model.norms[position];
            norms.working_hours = WorkingHours::new(new(norms.working_hours.value()));
        }
        Place::PartTimeFactor(position) => {
            let norms = &mut model.norms[position];
            norms.part_time_factor = PartTimeFactor::new(new(norms.part_time_factor.value()));
        }
    }
}

/// Where a target stands in the model: a parameter's or norms' position.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum Place {
    Parameter(usize),
    WorkingHours(usize),
    PartTimeFactor(usize),
}

/// What settings can name, by id: built once, so that checking a scenario costs its settings
/// and not a copy of the model.
struct Targets<'a> {
    model: &'a Model,
    parameters: &'a ParameterIndex<'a>,
    norms: FastMap<&'a str, usize>,
    initiatives: FastMap<&'a str, usize>,
    shortages: FastSet<&'a str>,
}

impl<'a> Targets<'a> {
    fn new(model: &'a Model, parameters: &'a ParameterIndex<'a>) -> Self {
        // The first of a duplicate id, as everywhere (validation reports the others).
        let first_positions = |ids: &mut dyn Iterator<Item = &'a str>| {
            let mut positions = FastMap::default();
            for (index, id) in ids.enumerate() {
                positions.entry(id).or_insert(index);
            }
            positions
        };
        Targets {
            model,
            parameters,
            norms: first_positions(&mut model.norms.iter().map(|n| n.id.as_str())),
            initiatives: first_positions(&mut model.initiatives.iter().map(|i| i.id.as_str())),
            shortages: model
                .shortages
                .iter()
                .map(|s| s.scenario.as_str())
                .collect(),
        }
    }

    fn place(&self, target: &Target) -> Option<Place> {
        match target {
            Target::Parameter { scope, name } => {
                self.parameters.exact(scope, name).map(Place::Parameter)
            }
            Target::WorkingHours { norms } => self
                .norms
                .get(norms.as_str())
                .map(|&p| Place::WorkingHours(p)),
            Target::PartTimeFactor { norms } => self
                .norms
                .get(norms.as_str())
                .map(|&p| Place::PartTimeFactor(p)),
        }
    }

    /// The target's value in the model, and a parameter's range; none while it is pending
    /// (unknown, so there is nothing to check).
    fn value(&self, place: Place) -> Option<Value> {
        match place {
            Place::Parameter(position) => {
                let parameter = &self.model.parameters[position];
                let range = parameter.range.as_ref().map(|r| (r.low, r.high));
                (!parameter.pending).then_some((parameter.value, range))
            }
            Place::WorkingHours(position) | Place::PartTimeFactor(position) => {
                let norms = &self.model.norms[position];
                let value = if matches!(place, Place::WorkingHours(_)) {
                    norms.working_hours.value()
                } else {
                    norms.part_time_factor.value()
                };
                (!norms.pending).then_some((value, None))
            }
        }
    }

    /// What is wrong with `value` at `place`, as the file it overrides would say.
    fn problem(&self, place: Place, value: Decimal) -> Option<Problem> {
        match place {
            Place::Parameter(position) => self.model.parameters[position].value_problem(value),
            Place::WorkingHours(_) => working_hours_problem(value),
            Place::PartTimeFactor(_) => part_time_factor_problem(value),
        }
    }

    /// Every finding about one scenario's settings: what they name must exist, and each value
    /// set or scaled is checked like the file it overrides, located at the setting.
    fn check(&self, scenario: &Scenario, findings: &mut Vec<Finding>) {
        // The values this scenario gave so far, for settings that build on each other.
        let mut values = FastMap::default();
        for setting in &scenario.settings {
            if let Some((kind, column, value, expected)) = self.problem_of(setting, &mut values) {
                let at = setting.origin.as_ref();
                findings.push(Finding::new(kind, at, column, value, expected));
            }
        }
    }

    /// What is wrong with one setting, if anything: kind, column, raw value and what was
    /// expected.
    fn problem_of(&self, setting: &Setting, values: &mut Values) -> Option<SettingProblem> {
        let missing = |column, value: &str, expected: &str| {
            let (value, expected) = (value.to_string(), expected.to_string());
            Some((Kind::UnknownReference, column, value, expected))
        };
        match &setting.kind {
            SettingKind::Shortage(name) if !self.shortages.contains(name.as_str()) => {
                missing("value", name, "is not a scenario of shortage.csv")
            }
            SettingKind::Include(id) | SettingKind::Exclude(id)
                if !self.initiatives.contains_key(id.as_str()) =>
            {
                missing("target", id, "is not an initiative id")
            }
            SettingKind::Set { target, value } => {
                self.change_problem(target, *value, false, values)
            }
            SettingKind::Scale { target, factor } => {
                self.change_problem(target, *factor, true, values)
            }
            _ => None,
        }
    }

    /// What is wrong with setting (or scaling by) `raw` the target, given the values the
    /// scenario gave so far; records the value it gives.
    fn change_problem(
        &self,
        target: &Target,
        raw: Decimal,
        scale: bool,
        values: &mut Values,
    ) -> Option<SettingProblem> {
        let shown = raw.normalize().to_string();
        let Some(place) = self.place(target) else {
            let expected = "is not a parameter or norm of the model".to_string();
            return Some((
                Kind::UnknownReference,
                "target",
                target.to_string(),
                expected,
            ));
        };
        let old = values.get(&place).copied().or_else(|| self.value(place))?;
        let new = if scale {
            scaled(old, raw)
        } else {
            Some((raw, None))
        };
        let Some((value, range)) = new else {
            let expected = format!("scales {target} beyond the largest exact decimal");
            return Some((Kind::InexactNumber, "value", shown, expected));
        };
        values.insert(place, (value, range));
        let ends = range.map_or(Vec::new(), |(low, high)| vec![low, high]);
        let (wrong, (kind, expected)) = std::iter::once(value)
            .chain(ends)
            .find_map(|v| self.problem(place, v).map(|p| (v, p)))?;
        let verb = if scale { "scales" } else { "sets" };
        let what = if wrong == value { "" } else { "the range of " };
        let wrong = wrong.normalize();
        let expected = format!("{verb} {what}{target} to {wrong}, which {expected}");
        Some((kind, "value", shown, expected))
    }
}

/// A target's value and a parameter's range.
type Value = (Decimal, Option<(Decimal, Decimal)>);

/// The values a scenario's settings gave so far, by place.
type Values = FastMap<Place, Value>;

/// A setting's finding: kind, column, raw value and what was expected.
type SettingProblem = (Kind, &'static str, String, String);

/// A value and its range scaled by `factor`; none if a product does not fit in a decimal.
fn scaled((value, range): Value, factor: Decimal) -> Option<Value> {
    let range = match range {
        Some((low, high)) => {
            let (low, high) = (low.checked_mul(factor)?, high.checked_mul(factor)?);
            Some((low.min(high), low.max(high)))
        }
        None => None,
    };
    Some((value.checked_mul(factor)?, range))
}

/// Every finding about the model's scenarios: names, and each one's settings (see
/// [`apply`]). Linear in the settings: each is looked up, nothing is copied.
pub(crate) fn check_scenarios(
    model: &Model,
    parameters: &ParameterIndex,
    findings: &mut Vec<Finding>,
) {
    if model.scenarios.is_empty() {
        return;
    }
    let targets = Targets::new(model, parameters);
    let mut names = FastSet::default();
    for scenario in &model.scenarios {
        let at = scenario.settings.first().and_then(|s| s.origin.as_ref());
        let name = scenario.name.as_str();
        let problem = if name.trim().is_empty() {
            Some((Kind::InvalidValue, "is empty: every scenario needs a name"))
        } else if !names.insert(name) {
            Some((Kind::Duplicate, "is a duplicate scenario name"))
        } else {
            None
        };
        if let Some((kind, expected)) = problem {
            findings.push(Finding::new(kind, at, "scenario", name, expected));
        }
        targets.check(scenario, findings);
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
