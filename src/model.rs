//! The model of one region: norms, parameters, themes, sectors, initiatives with their effects,
//! and the projected shortage. Plain data: build it in Rust or load it from CSV
//! ([`crate::csv_input`]); [`Model::validate`] finds what cannot be evaluated.

use crate::error::{Origin, Problem};
use crate::formula::Expr;
use crate::number::parse_decimal;
use crate::units::{PartTimeFactor, Persons, WorkingHours};
use rust_decimal::Decimal;
use std::collections::{HashMap, HashSet};
use std::fmt;

/// The id of the norms used when an effect names none.
pub const DEFAULT_NORMS: &str = "default";

/// Everything known about one region.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Model {
    /// The region's name and published claims.
    pub region: Region,
    /// Staffing norms; one must have the id [`DEFAULT_NORMS`].
    pub norms: Vec<Norms>,
    /// Parameters, at region level and per initiative.
    pub parameters: Vec<Parameter>,
    /// The region's themes, in report order.
    pub themes: Vec<Theme>,
    /// The sectors where staff is freed or needed, in report order.
    pub sectors: Vec<Sector>,
    /// The initiatives and their effects.
    pub initiatives: Vec<Initiative>,
    /// The projected shortage per year and scenario.
    pub shortages: Vec<Shortage>,
}

/// The region and what its plan claims in total.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Region {
    /// The region's name.
    pub name: String,
    /// The total of freed persons the plan publishes, as printed (e.g. "1500 - 1700").
    pub published_total: Option<Published>,
    /// The share of the shortage the plan claims to cover, as printed (e.g. "35%").
    pub published_share: Option<Published>,
    /// Where these claims stand in the source.
    pub source: String,
}

/// Working hours per FTE and part-time factor, under an id that effects refer to.
#[derive(Clone, Debug, PartialEq)]
pub struct Norms {
    /// The id effects use, e.g. `default` or `ggz`.
    pub id: String,
    /// Hours one FTE works per year.
    pub working_hours: WorkingHours,
    /// Average FTE per person.
    pub part_time_factor: PartTimeFactor,
    /// Where the norms come from.
    pub source: String,
    /// Where the record was read, if from a file.
    pub origin: Option<Origin>,
}

/// Whom a parameter belongs to.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Scope {
    /// Shared by every initiative of the region.
    Region,
    /// Belongs to the initiative with this id; it shadows a region parameter of the same name.
    Initiative(String),
}

impl fmt::Display for Scope {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Scope::Region => f.write_str("region"),
            Scope::Initiative(id) => f.write_str(id),
        }
    }
}

/// A named value with its provenance.
#[derive(Clone, Debug, PartialEq)]
pub struct Parameter {
    /// Region-wide or one initiative's.
    pub scope: Scope,
    /// The name formulas use.
    pub name: String,
    /// The exact value.
    pub value: Decimal,
    /// The unit, in words (persons, minutes, share, ...).
    pub unit: String,
    /// The text printed for it in the source (Dutch, as printed).
    pub label: String,
    /// The source the plan names for it, as printed; empty if none.
    pub source: String,
    /// True when the plan marks the value as an assumption ("aanname").
    pub assumption: bool,
    /// Where the record was read, if from a file.
    pub origin: Option<Origin>,
}

/// A theme of the region's plan.
#[derive(Clone, Debug, PartialEq)]
pub struct Theme {
    /// Short id used in the data.
    pub id: String,
    /// The name as printed.
    pub name: String,
    /// Where the record was read, if from a file.
    pub origin: Option<Origin>,
}

/// A sector (zorgsoort or domain) where staff is freed or needed.
#[derive(Clone, Debug, PartialEq)]
pub struct Sector {
    /// Short id used in the data.
    pub id: String,
    /// The name in full.
    pub name: String,
    /// Where the record was read, if from a file.
    pub origin: Option<Origin>,
}

/// Whether an initiative runs, is planned, or was proposed on top.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Status {
    /// Running (lopend).
    Running,
    /// Planned (beoogd).
    Planned,
    /// Running or planned: the plan does not say which (lopend / beoogd).
    RunningOrPlanned,
    /// An additional initiative proposed by a theme group (aanvullend).
    Additional,
}

impl Status {
    /// The spelling used in the data files.
    pub const fn as_str(self) -> &'static str {
        match self {
            Status::Running => "running",
            Status::Planned => "planned",
            Status::RunningOrPlanned => "running-or-planned",
            Status::Additional => "additional",
        }
    }

    /// Reads the data-file spelling.
    pub fn parse(text: &str) -> Option<Status> {
        [
            Status::Running,
            Status::Planned,
            Status::RunningOrPlanned,
            Status::Additional,
        ]
        .into_iter()
        .find(|status| status.as_str() == text)
    }
}

/// A figure as the plan printed it: one value (`28`, `-3`) or a range (`0 - 1`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Published {
    /// The text as printed.
    pub text: String,
    /// The lower end (equal to `high` for a single value).
    pub low: Decimal,
    /// The upper end.
    pub high: Decimal,
}

impl Published {
    /// Reads `28`, `-3`, `35%` or a range `0 - 1` / `1500 - 1700`; `None` if it is none of these.
    pub fn parse(text: &str) -> Option<Published> {
        let text = text.trim();
        let (low, high) = match parse_decimal(text) {
            Some(value) => (value, value),
            None => {
                // A range separator is " - " (a minus sign may start the low end).
                let (low, high) = text.split_once(" - ")?;
                (parse_decimal(low)?, parse_decimal(high)?)
            }
        };
        (low <= high).then(|| Published {
            text: text.to_string(),
            low,
            high,
        })
    }

    /// A figure from its two ends, printed the plan's way (`7`, or `0 - 1` for a range).
    pub fn range(low: Decimal, high: Decimal) -> Published {
        let text = if low == high {
            low.to_string()
        } else {
            format!("{low} - {high}")
        };
        Published { text, low, high }
    }

    /// True when the published figure is a range rather than one value.
    pub fn is_range(&self) -> bool {
        self.low != self.high
    }
}

impl fmt::Display for Published {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

/// A theme an initiative counts towards, with its relative weight.
#[derive(Clone, Debug, PartialEq)]
pub struct ThemeShare {
    /// The theme id.
    pub theme: String,
    /// The relative weight; weights of one initiative are divided by their sum.
    pub weight: Decimal,
}

/// One intervention, with the effects it has on staff.
#[derive(Clone, Debug, PartialEq)]
pub struct Initiative {
    /// Short id used in the data.
    pub id: String,
    /// The name as printed.
    pub name: String,
    /// The organisation that submitted it ("ontvangen van").
    pub submitted_by: String,
    /// Running, planned, ...
    pub status: Status,
    /// The themes it counts towards; one initiative counts once in the total however it is split.
    pub themes: Vec<ThemeShare>,
    /// The figure the plan printed for it, if any.
    pub published: Option<Published>,
    /// The line of the source document the initiative is printed on.
    pub source_line: Option<u64>,
    /// A note on anything odd about it.
    pub note: String,
    /// Its effects; their persons add up to the initiative's.
    pub effects: Vec<Effect>,
    /// Where the record was read, if from a file.
    pub origin: Option<Origin>,
}

/// The unit a formula's value is in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum EffectUnit {
    /// Hours per year: divided by working hours and by the part-time factor.
    Hours,
    /// FTE: divided by the part-time factor.
    Fte,
    /// Persons already (workforce supply, or persons scaled from elsewhere).
    Persons,
}

impl EffectUnit {
    /// The spelling used in the data files.
    pub const fn as_str(self) -> &'static str {
        match self {
            EffectUnit::Hours => "hours",
            EffectUnit::Fte => "fte",
            EffectUnit::Persons => "persons",
        }
    }

    /// Reads the data-file spelling.
    pub fn parse(text: &str) -> Option<EffectUnit> {
        [EffectUnit::Hours, EffectUnit::Fte, EffectUnit::Persons]
            .into_iter()
            .find(|unit| unit.as_str() == text)
    }
}

/// One term of an initiative: staff freed (or, if negative, needed) in one sector.
#[derive(Clone, Debug, PartialEq)]
pub struct Effect {
    /// Short id, unique within the initiative.
    pub id: String,
    /// The sector id.
    pub sector: String,
    /// The unit of the formula's value.
    pub unit: EffectUnit,
    /// The norms id that converts it (see [`DEFAULT_NORMS`]).
    pub norms: String,
    /// The formula.
    pub formula: Expr,
    /// How the printed row was read: "as printed", or the reading chosen where it prints no formula.
    pub reading: String,
    /// Where the record was read, if from a file.
    pub origin: Option<Origin>,
}

/// The projected shortage in one year and scenario.
#[derive(Clone, Debug, PartialEq)]
pub struct Shortage {
    /// The year.
    pub year: u16,
    /// The scenario's name, e.g. `base` or `worse`.
    pub scenario: String,
    /// Persons missing.
    pub persons: Persons,
    /// Where the figure comes from.
    pub source: String,
    /// Where the record was read, if from a file.
    pub origin: Option<Origin>,
}

impl Model {
    /// The parameter `name` as seen from an initiative: its own parameter, else the region's.
    pub fn lookup(&self, initiative: &str, name: &str) -> Option<&Parameter> {
        ParameterIndex::new(self).get(initiative, name)
    }

    /// The norms with this id.
    pub fn norms(&self, id: &str) -> Option<&Norms> {
        self.norms.iter().find(|norms| norms.id == id)
    }

    /// Every problem that keeps the model from being evaluated, located where the records came
    /// from a file. Empty when the model is sound.
    pub fn validate(&self) -> Vec<Problem> {
        let parameters = ParameterIndex::new(self);
        let mut problems = Vec::new();
        let mut report = |origin: &Option<Origin>, column: &str, value: &str, expected: String| {
            problems.push(Problem::new(origin.as_ref(), column, value, expected));
        };

        let mut seen = HashSet::new();
        for norms in &self.norms {
            if !seen.insert(norms.id.as_str()) {
                report(
                    &norms.origin,
                    "norms",
                    &norms.id,
                    "is a duplicate norms id".into(),
                );
            }
            if norms.working_hours.value() <= Decimal::ZERO {
                let value = norms.working_hours.to_string();
                report(
                    &norms.origin,
                    "working_hours_per_year",
                    &value,
                    "must be more than zero".into(),
                );
            }
            let factor = norms.part_time_factor.value();
            if factor <= Decimal::ZERO || factor > Decimal::ONE {
                let value = factor.to_string();
                report(
                    &norms.origin,
                    "part_time_factor",
                    &value,
                    "must be more than 0 and at most 1".into(),
                );
            }
        }
        if self.norms(DEFAULT_NORMS).is_none() {
            report(
                &None,
                "norms",
                DEFAULT_NORMS,
                "is missing: the model needs default norms".into(),
            );
        }

        let mut seen = HashSet::new();
        for theme in &self.themes {
            if !seen.insert(theme.id.as_str()) {
                report(
                    &theme.origin,
                    "id",
                    &theme.id,
                    "is a duplicate theme id".into(),
                );
            }
        }
        let mut seen = HashSet::new();
        for sector in &self.sectors {
            if !seen.insert(sector.id.as_str()) {
                report(
                    &sector.origin,
                    "id",
                    &sector.id,
                    "is a duplicate sector id".into(),
                );
            }
        }

        let initiative_ids: HashSet<&str> =
            self.initiatives.iter().map(|i| i.id.as_str()).collect();
        let mut seen = HashSet::new();
        for parameter in &self.parameters {
            if !seen.insert((&parameter.scope, parameter.name.as_str())) {
                let expected = format!("is defined twice for {}", parameter.scope);
                report(&parameter.origin, "name", &parameter.name, expected);
            }
            if let Scope::Initiative(id) = &parameter.scope
                && !initiative_ids.contains(id.as_str())
            {
                report(
                    &parameter.origin,
                    "scope",
                    id,
                    "names no initiative (nor \"region\")".into(),
                );
            }
        }

        let theme_ids: HashSet<&str> = self.themes.iter().map(|t| t.id.as_str()).collect();
        let sector_ids: HashSet<&str> = self.sectors.iter().map(|s| s.id.as_str()).collect();
        let mut seen = HashSet::new();
        for initiative in &self.initiatives {
            let origin = &initiative.origin;
            if !seen.insert(initiative.id.as_str()) {
                report(
                    origin,
                    "id",
                    &initiative.id,
                    "is a duplicate initiative id".into(),
                );
            }
            if initiative.themes.is_empty() {
                report(
                    origin,
                    "themes",
                    "",
                    "is empty: name at least one theme".into(),
                );
            }
            for share in &initiative.themes {
                if !theme_ids.contains(share.theme.as_str()) {
                    report(
                        origin,
                        "themes",
                        &share.theme,
                        "is not a theme id of themes.csv".into(),
                    );
                }
                if share.weight <= Decimal::ZERO {
                    report(
                        origin,
                        "themes",
                        &share.weight.to_string(),
                        "must be a weight above zero".into(),
                    );
                }
            }
            let mut effect_ids = HashSet::new();
            for effect in &initiative.effects {
                let origin = &effect.origin;
                if !effect_ids.insert(effect.id.as_str()) {
                    report(
                        origin,
                        "effect",
                        &effect.id,
                        "is a duplicate effect id for this initiative".into(),
                    );
                }
                if !sector_ids.contains(effect.sector.as_str()) {
                    report(
                        origin,
                        "sector",
                        &effect.sector,
                        "is not a sector id of sectors.csv".into(),
                    );
                }
                if self.norms(&effect.norms).is_none() {
                    report(
                        origin,
                        "norms",
                        &effect.norms,
                        "is not a norms id of norms.csv".into(),
                    );
                }
                for name in unique(effect.formula.names()) {
                    if parameters.get(&initiative.id, name).is_none() {
                        let expected = format!(
                            "is used by the formula but is no parameter of initiative {:?} nor of the region",
                            initiative.id
                        );
                        report(origin, "formula", name, expected);
                    }
                }
            }
        }

        let mut seen = HashSet::new();
        for shortage in &self.shortages {
            if !seen.insert((shortage.year, shortage.scenario.as_str())) {
                let value = format!("{} {}", shortage.year, shortage.scenario);
                report(
                    &shortage.origin,
                    "scenario",
                    &value,
                    "is a duplicate year and scenario".into(),
                );
            }
        }
        problems.sort();
        problems
    }

    /// Parameters no formula uses (a sign of a typo in a name or a forgotten term).
    pub fn unused_parameters(&self) -> Vec<&Parameter> {
        let parameters = ParameterIndex::new(self);
        let mut used: HashMap<&str, HashSet<&str>> = HashMap::new();
        for initiative in &self.initiatives {
            for effect in &initiative.effects {
                for name in effect.formula.names() {
                    let owner = match parameters.get(&initiative.id, name).map(|p| &p.scope) {
                        Some(Scope::Initiative(_)) => initiative.id.as_str(),
                        _ => "",
                    };
                    used.entry(owner).or_default().insert(name);
                }
            }
        }
        let is_used = |p: &Parameter| {
            let owner = match &p.scope {
                Scope::Region => "",
                Scope::Initiative(id) => id.as_str(),
            };
            used.get(owner)
                .is_some_and(|names| names.contains(p.name.as_str()))
        };
        self.parameters.iter().filter(|p| !is_used(p)).collect()
    }
}

/// Parameters by scope and name, built once so that resolving a name does not scan them all.
/// The first definition of a (scope, name) pair wins; [`Model::validate`] reports the others.
pub(crate) struct ParameterIndex<'a> {
    by_scope: HashMap<(Option<&'a str>, &'a str), &'a Parameter>,
}

impl<'a> ParameterIndex<'a> {
    pub(crate) fn new(model: &'a Model) -> Self {
        let mut by_scope = HashMap::with_capacity(model.parameters.len());
        for parameter in &model.parameters {
            let scope = match &parameter.scope {
                Scope::Region => None,
                Scope::Initiative(id) => Some(id.as_str()),
            };
            by_scope
                .entry((scope, parameter.name.as_str()))
                .or_insert(parameter);
        }
        ParameterIndex { by_scope }
    }

    /// The initiative's own parameter `name`, else the region's.
    pub(crate) fn get(&self, initiative: &str, name: &str) -> Option<&'a Parameter> {
        let own = self.by_scope.get(&(Some(initiative), name));
        own.or_else(|| self.by_scope.get(&(None, name))).copied()
    }
}

fn unique(names: Vec<&str>) -> Vec<&str> {
    let mut seen = HashSet::new();
    names
        .into_iter()
        .filter(|name| seen.insert(*name))
        .collect()
}
