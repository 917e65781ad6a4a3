//! Editing a model in place: one value set by the target syntax `scenarios.csv` uses, checked
//! as a scenario's `set` is, so that a value set in code or on a command line is held to what
//! the file it overrides would allow.

use super::index::ParameterIndex;
use super::number::NumberFormat;
use super::scenario::{NOT_A_TARGET, Target};
use super::units::{PartTimeFactor, WorkingHours};
use super::validate::{Place, Targets, Values, change_problem};
use super::{Model, Norms, Parameter, Scope};
use crate::error::{Error, Finding, Kind, Origin};
use crate::hash::FastMap;
use rust_decimal::Decimal;

/// Where a value set in Rust comes from, for the findings about it.
pub(crate) const SET_IN_CODE: &str = "set in code";

impl Model {
    /// Gives the parameter or norm `target` names the value `value`, written as in
    /// `scenarios.csv`: `initiative.parameter`, `region.parameter`,
    /// `norms.<id>.working_hours_per_year` or `norms.<id>.part_time_factor`. A parameter set
    /// loses its range: it is now a point, as with a scenario's `set`; a `pending` one is
    /// supplied, and the initiatives waiting for it count as their status says.
    ///
    /// Fails, leaving the model as it was, when the target names nothing or the value is one
    /// the file it overrides would refuse; the findings say `set in code`.
    ///
    /// ```
    /// let mut model = workforce_gap::Model::limburg()?;
    /// model.set("norms.default.part_time_factor", "0.7".parse().unwrap())?;
    /// assert!(model.set("norms.default.part_time_factor", 2.into()).is_err());
    /// # Ok::<(), workforce_gap::Error>(())
    /// ```
    pub fn set(&mut self, target: &str, value: Decimal) -> Result<(), Error> {
        let origin = Origin {
            file: SET_IN_CODE.into(),
            line: 0,
        };
        self.set_place(target, value, origin).map(|_| ())
    }

    /// [`Model::set`] with the value as text, in the canonical number syntax of the CSV files
    /// (`0.72`, `15%`, `-3`), and the findings located at `origin`: where the change came from,
    /// such as a command-line argument (line 0: not a line of a file).
    pub fn set_from(&mut self, target: &str, value: &str, origin: Origin) -> Result<(), Error> {
        let format = NumberFormat::Canonical;
        let number = format.parse(value).map_err(|error| {
            let (kind, expected) = match error.inexact() {
                Some(why) => (Kind::InexactNumber, why),
                None => (Kind::NotANumber, format.expected()),
            };
            let found = Finding::new(kind, Some(&origin), "value", value, expected);
            Error::Input {
                findings: vec![found],
            }
        })?;
        self.set_place(target, number, origin).map(|_| ())
    }

    /// [`Model::set_from`], giving where the value stands in the model.
    pub(crate) fn set_place(
        &mut self,
        target: &str,
        value: Decimal,
        origin: Origin,
    ) -> Result<Place, Error> {
        let place = self.place_to_set(target, value, origin.clone())?;
        change(self, place, |_| value, false, Some(&origin));
        Ok(place)
    }

    /// Where `target` stands, if `value` may be set there; else every finding about it, located
    /// at `origin`.
    pub(crate) fn place_to_set(
        &self,
        target: &str,
        value: Decimal,
        origin: Origin,
    ) -> Result<Place, Error> {
        let parameters = ParameterIndex::new(self);
        let targets = Targets::new(self, &parameters);
        self.place_to_set_in(|parsed| targets.place(parsed), target, value, origin)
    }

    /// [`Model::place_to_set`], finding where a target stands by `place_of`, such as the
    /// [`Places`] an evaluator keeps, which a set does not change.
    pub(crate) fn place_to_set_in(
        &self,
        place_of: impl FnOnce(&Target) -> Option<Place>,
        target: &str,
        value: Decimal,
        origin: Origin,
    ) -> Result<Place, Error> {
        let fail = |findings| Err(Error::Input { findings });
        let Some(parsed) = Target::parse(target) else {
            let at = Some(&origin);
            let found = Finding::new(Kind::InvalidValue, at, "target", target, NOT_A_TARGET);
            return fail(vec![found]);
        };
        let place = place_of(&parsed);
        let problem = change_problem(self, &parsed, place, value, false, &mut Values::default());
        let findings: Vec<Finding> = problem
            .into_iter()
            .map(|(kind, column, raw, expected)| {
                Finding::new(kind, Some(&origin), column, raw, expected)
            })
            .collect();
        match place {
            Some(place) if !findings.iter().any(Finding::is_error) => Ok(place),
            _ => fail(findings),
        }
    }

    /// What stands at `place`, to [`Model::restore`] it.
    pub(crate) fn saved(&self, place: Place) -> Saved {
        match place {
            Place::Parameter(position) => Saved::Parameter(self.parameters[position].clone()),
            Place::WorkingHours(position) | Place::PartTimeFactor(position) => {
                Saved::Norms(self.norms[position].clone())
            }
        }
    }

    /// Puts back what [`Model::saved`] saved at `place`.
    pub(crate) fn restore(&mut self, place: Place, saved: Saved) {
        match (place, saved) {
            (Place::Parameter(position), Saved::Parameter(parameter)) => {
                self.parameters[position] = parameter;
            }
            (
                Place::WorkingHours(position) | Place::PartTimeFactor(position),
                Saved::Norms(norms),
            ) => {
                self.norms[position] = norms;
            }
            _ => {}
        }
    }
}

/// Where each target stands in a model: what [`Targets::place`] finds, owned, so that it can
/// be kept beside the model while values are set (a set changes values, never where they
/// stand).
pub(crate) struct Places {
    parameters: FastMap<(Scope, String), usize>,
    norms: FastMap<String, usize>,
}

impl Places {
    pub(crate) fn new(model: &Model) -> Places {
        // The first of a duplicate, as everywhere (validation reports the others).
        let mut parameters = FastMap::default();
        for (position, parameter) in model.parameters.iter().enumerate() {
            let key = (parameter.scope.clone(), parameter.name.clone());
            parameters.entry(key).or_insert(position);
        }
        let mut norms = FastMap::default();
        for (position, norm) in model.norms.iter().enumerate() {
            norms.entry(norm.id.clone()).or_insert(position);
        }
        Places { parameters, norms }
    }

    /// Where `target` stands, if anywhere.
    pub(crate) fn place(&self, target: &Target) -> Option<Place> {
        match target {
            Target::Parameter { scope, name } => self
                .parameters
                .get(&(scope.clone(), name.clone()))
                .map(|&p| Place::Parameter(p)),
            Target::WorkingHours { norms } => {
                self.norms.get(norms).map(|&p| Place::WorkingHours(p))
            }
            Target::PartTimeFactor { norms } => {
                self.norms.get(norms).map(|&p| Place::PartTimeFactor(p))
            }
        }
    }
}

/// A parameter or norms as they were before a change.
pub(crate) enum Saved {
    Parameter(Parameter),
    Norms(Norms),
}

/// Gives the target at `place` the value `new` gives for its old one; `scale` scales a
/// parameter's range with it, where a value set takes the range away (it is now a point). A
/// parameter changed is now from `origin` (a setting's line, `set in code`, or none for a
/// setting built in Rust), so that an error it causes points where the change was made, not at
/// the line that held the old value.
pub(crate) fn change(
    model: &mut Model,
    place: Place,
    new: impl Fn(Decimal) -> Decimal,
    scale: bool,
    origin: Option<&Origin>,
) {
    match place {
        Place::Parameter(position) => {
            let parameter = &mut model.parameters[position];
            parameter.value = new(parameter.value);
            parameter.origin = origin.cloned();
            // A value set is known, so a pending one is supplied; a pending one scaled is not.
            parameter.pending &= scale;
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
