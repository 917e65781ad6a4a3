//! Named scenarios, compared side by side: which initiatives count, which shortage they are set
//! against, and which parameters or norms take other values. Scenarios are data
//! (`scenarios.csv`), applied to a copy of the model; the model itself never changes.

use crate::analysis::uncertainty::bounds_counting;
use crate::engine::program::compute;
use crate::error::{Error, Finding, Kind};
use crate::model::Interval;
use crate::model::edit::change;
use crate::model::units::{Persons, Share};
use crate::model::validate::Targets;
use crate::model::{Model, ParameterIndex, Shortage};

use crate::model::scenario::{AS_PUBLISHED, BASE_SHORTAGE, Scenario, SettingKind};

/// A scenario applied: the changed model, which initiatives count, and the shortage scenario.
#[derive(Clone, Debug)]
pub(crate) struct Applied {
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
pub(crate) fn apply(model: &Model, scenario: &Scenario) -> Result<Applied, Error> {
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
        realised: Vec::new(),
        staff: Vec::new(),
    };
    // By status and the scenario's choices first; what waits for a pending value after the
    // settings, since a `set` may supply it.
    let mut counts: Vec<bool> = (model.initiatives.iter())
        .map(|i| i.status.counts_by_default())
        .collect();
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
                    change(
                        &mut changed,
                        place,
                        |_| *value,
                        false,
                        setting.origin.as_ref(),
                    );
                }
            }
            SettingKind::Scale { target, factor } => {
                if let Some(place) = targets.place(target) {
                    // The check found that the product fits.
                    let scaled = |old: rust_decimal::Decimal| old.saturating_mul(*factor);
                    change(&mut changed, place, scaled, true, setting.origin.as_ref());
                }
            }
        }
    }
    for (counts, pending) in counts.iter_mut().zip(changed.pending()) {
        *counts &= pending.is_empty();
    }
    Ok(Applied {
        model: changed,
        counts,
        shortage,
    })
}

/// One scenario's outcome.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct Outcome {
    /// The scenario's name ([`Scenario::AS_PUBLISHED`] for the model as it is).
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
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize),
    serde(rename_all = "snake_case")
)]
pub enum Comparison {
    /// The shortage is stated in persons or converts to them.
    Compared {
        /// The shortage.
        shortage: Persons,
        /// The share of it covered.
        covered: Share,
        /// The persons still missing; negative when more is freed than is short (a surplus, see
        /// [`crate::GapResult::surplus`]).
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

impl Model {
    /// The model as published, then each of its scenarios, side by side.
    ///
    /// Named scenarios, compared side by side: which initiatives count, which shortage they are set
    /// against, and which parameters or norms take other values. Scenarios are data
    /// (`scenarios.csv`), applied to a copy of the model; the model itself never changes.
    ///
    /// ```
    /// use workforce_gap::{Scenario, Setting, SettingKind, Target};
    /// use workforce_gap::Scope;
    ///
    /// let mut model = workforce_gap::Model::limburg()?;
    /// model.scenarios.push(Scenario {
    ///     name: "part-time 0.72".into(),
    ///     settings: vec![Setting::new(SettingKind::Set {
    ///         target: Target::PartTimeFactor { norms: "default".into() },
    ///         value: "0.72".parse().unwrap(),
    ///     })],
    /// });
    /// let outcomes = model.compare()?;
    /// let as_published = &outcomes[0];
    /// let higher = outcomes.iter().find(|o| o.name == "part-time 0.72").unwrap();
    /// // A higher part-time factor means fewer persons for the same hours.
    /// assert!(higher.freed < as_published.freed);
    /// # Ok::<(), workforce_gap::Error>(())
    /// ```
    pub fn compare(&self) -> Result<Vec<Outcome>, Error> {
        compare(self)
    }
}

pub(crate) fn compare(model: &Model) -> Result<Vec<Outcome>, Error> {
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

impl Model {
    /// One scenario's outcome.
    pub fn outcome(&self, scenario: &Scenario) -> Result<Outcome, Error> {
        outcome(self, scenario)
    }
}

pub(crate) fn outcome(model: &Model, scenario: &Scenario) -> Result<Outcome, Error> {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::loader::Loader;
    use crate::model::Status;
    use crate::model::scenario::Setting;

    fn tiny() -> Model {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/tiny");
        Loader::new().load_dir(dir).unwrap().model
    }

    fn named<'m>(model: &'m Model, name: &str) -> &'m Scenario {
        model.scenarios.iter().find(|s| s.name == name).unwrap()
    }

    #[test]
    fn an_override_changes_exactly_what_it_names() {
        let model = tiny();
        let applied = apply(&model, named(&model, "half reduction")).unwrap();
        let changed: Vec<String> = model
            .parameters
            .iter()
            .zip(&applied.model.parameters)
            .filter(|(a, b)| a != b)
            .map(|(a, _)| format!("{}.{}", a.scope, a.name))
            .collect();
        assert_eq!(changed, ["fewer-consults.reduction"]);
        assert_eq!(applied.model.norms, model.norms);
        assert_eq!(applied.model.initiatives, model.initiatives);

        let applied = apply(&model, named(&model, "longer days")).unwrap();
        assert_eq!(applied.model.parameters, model.parameters);
        let changed: Vec<&str> = model
            .norms
            .iter()
            .zip(&applied.model.norms)
            .filter(|(a, b)| a != b)
            .map(|(a, _)| a.id.as_str())
            .collect();
        assert_eq!(changed, ["half"]);
    }

    #[test]
    fn counting_by_status() {
        let planned_only = Scenario {
            name: "planned".into(),
            settings: vec![Setting::new(SettingKind::Count(vec![Status::Planned]))],
        };
        let applied = apply(&tiny(), &planned_only).unwrap();
        assert_eq!(applied.counts, [false, true]); // fewer-consults is running, shorter-stays planned
    }
}
