//! Validation: what keeps a model from being evaluated (errors) and what is likely wrong
//! (warnings, infos), located where the records came from a file. Scenarios' settings are
//! checked here too, by looking their targets up, without applying them.

use super::index::{Checked, ParameterIndex};
use super::scenario::{Scenario, Setting, SettingKind, Target};
use super::*;
use crate::error::{Finding, Kind, Origin};
use crate::hash::{FastMap, FastSet};
use rust_decimal::Decimal;

/// Working hours per FTE per year outside this range are flagged as implausible.
const PLAUSIBLE_WORKING_HOURS: (Decimal, Decimal) = (
    Decimal::from_parts(1000, 0, 0, false, 0),
    Decimal::from_parts(2400, 0, 0, false, 0),
);

/// A part-time factor below this is flagged as implausible (above 1 is an error): a care
/// worker's average contract is rarely under a third of full time.
const PLAUSIBLE_PART_TIME_FACTOR: Decimal = Decimal::from_parts(3, 0, 0, false, 1);

/// The years a plan's shortage and its initiatives' timing may name: a year outside them is a
/// typo (0, 65535) that would otherwise stretch the timeline over millennia.
pub(crate) const PLAUSIBLE_YEARS: (u16, u16) = (1900, 2200);

/// Theme shares may miss 1 by this much (three times 33.33% is 99.99%).
const WEIGHT_TOLERANCE: Decimal = Decimal::from_parts(1, 0, 0, false, 3);

/// Findings collected by the checks.
#[derive(Default)]
struct Findings(Vec<Finding>);

impl Findings {
    /// An error for an id that is empty (or only spaces): nothing can refer to it.
    fn empty_id(&mut self, id: &str, origin: &Option<Origin>, column: &str, what: &str) -> bool {
        let empty = id.trim().is_empty();
        if empty {
            let expected = format!("is empty: every {what} needs an id");
            self.add(Kind::InvalidValue, origin, column, id, expected);
        }
        empty
    }

    fn add(
        &mut self,
        kind: Kind,
        origin: &Option<Origin>,
        column: &str,
        value: impl ToString,
        expected: impl Into<String>,
    ) {
        self.0.push(Finding::new(
            kind,
            origin.as_ref(),
            column,
            value.to_string(),
            expected,
        ));
    }
}

/// A problem with a value: its kind and what was expected, in words.
pub(crate) type Problem = (Kind, String);

/// What is wrong with working hours per FTE per year, if anything.
pub(crate) fn working_hours_problem(hours: Decimal) -> Option<Problem> {
    if hours <= Decimal::ZERO {
        Some((Kind::InvalidNorm, "must be more than zero".into()))
    } else if !(PLAUSIBLE_WORKING_HOURS.0..=PLAUSIBLE_WORKING_HOURS.1).contains(&hours) {
        let expected =
            "is implausible for the hours one FTE works in a year: expected 1000 to 2400";
        Some((Kind::ImplausibleNorm, expected.into()))
    } else {
        None
    }
}

/// What is wrong with a part-time factor (average FTE per person), if anything.
pub(crate) fn part_time_factor_problem(factor: Decimal) -> Option<Problem> {
    if factor <= Decimal::ZERO || factor > Decimal::ONE {
        Some((
            Kind::InvalidNorm,
            "must be more than 0 and at most 1".into(),
        ))
    } else if factor < PLAUSIBLE_PART_TIME_FACTOR {
        let expected = "is implausible for the average FTE per person: expected 0.3 to 1";
        Some((Kind::ImplausibleNorm, expected.into()))
    } else {
        None
    }
}

/// What is wrong with a year, if anything: it must lie within [`PLAUSIBLE_YEARS`].
pub(crate) fn year_problem(year: u16) -> Option<Problem> {
    let (first, last) = PLAUSIBLE_YEARS;
    let expected = format!("is not a plausible year: expected {first} to {last}");
    (!(first..=last).contains(&year)).then_some((Kind::InvalidValue, expected))
}

/// True for a name formulas can use: letters, digits and `_`, not starting with a digit.
fn is_name(text: &str) -> bool {
    let mut chars = text.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

impl Model {
    /// The findings that keep the model from being evaluated (errors only), located where the
    /// records came from a file; empty when it can be. What evaluation checks first: users ask
    /// [`Model::check`], which grades these and more.
    pub(crate) fn validate(&self) -> Vec<Finding> {
        self.validate_given(&ParameterIndex::new(self))
    }

    /// [`Model::validate`] with the model's parameter index, for callers that use it after.
    pub(crate) fn validate_given(&self, parameters: &ParameterIndex) -> Vec<Finding> {
        let mut findings = self.findings(parameters, false);
        findings.retain(Finding::is_error);
        findings
    }

    /// Validates the model (failing with every error of [`Model::validate`] at once) and gives
    /// what every computation starts from, each built once.
    pub(crate) fn checked(&self) -> Result<Checked<'_>, crate::error::Error> {
        let parameters = ParameterIndex::new(self);
        let findings = self.validate_given(&parameters);
        if !findings.is_empty() {
            return Err(crate::error::Error::Input { findings });
        }
        let pending = self.pending_given(&parameters);
        let counts = self.counted_given(&pending);
        Ok(Checked {
            parameters,
            pending,
            counts,
        })
    }

    /// Every finding about the model, graded: errors (it cannot be evaluated), warnings (it can,
    /// but something is likely wrong) and infos; sorted by file, line and column. The errors
    /// among them are the ones [`Model::evaluate`](crate::Model::evaluate) refuses the model with; the
    /// scenarios' own errors keep only their scenario from being compared.
    ///
    /// ```
    /// let model = workforce_gap::Model::limburg()?;
    /// let findings = model.check();
    /// assert!(findings.iter().all(|finding| !finding.is_error()));
    /// # Ok::<(), workforce_gap::Error>(())
    /// ```
    pub fn check(&self) -> Vec<Finding> {
        self.findings(&ParameterIndex::new(self), true)
    }

    /// The findings; `thorough` adds the checks evaluation skips: those that can only warn
    /// (unused parameters, double counting) and the scenarios' (a bad scenario keeps only itself
    /// from being compared; applying it checks it again).
    fn findings(&self, parameters: &ParameterIndex, thorough: bool) -> Vec<Finding> {
        let mut findings = Findings::default();
        let uses = self.uses(parameters);
        self.check_norms(&mut findings);
        self.check_ids(&mut findings);
        self.check_parameters(parameters, &mut findings);
        self.check_initiatives(parameters, &uses, &mut findings);
        self.check_shortages(&mut findings);
        self.check_region(&mut findings);
        if thorough {
            self.check_unused(parameters, &uses, &mut findings);
            self.check_double_counts(&uses, &mut findings);
            check_scenarios(self, parameters, &mut findings.0);
            findings.0.extend(self.check_realised(parameters));
        }
        let mut findings = findings.0;
        findings.sort();
        findings
    }

    fn check_norms(&self, findings: &mut Findings) {
        let mut seen = FastSet::default();
        for norms in &self.norms {
            let at = &norms.origin;
            if !findings.empty_id(&norms.id, at, "norms", "norms")
                && !seen.insert(norms.id.as_str())
            {
                findings.add(
                    Kind::Duplicate,
                    at,
                    "norms",
                    &norms.id,
                    "is a duplicate norms id",
                );
            }
            if norms.pending {
                continue;
            }
            if let Some((kind, expected)) = working_hours_problem(norms.working_hours.value()) {
                let value = norms.working_hours.value().normalize();
                findings.add(kind, at, "working_hours_per_year", value, expected);
            }
            let factor = norms.part_time_factor.value();
            if let Some((kind, expected)) = part_time_factor_problem(factor) {
                findings.add(kind, at, "part_time_factor", factor.normalize(), expected);
            }
        }
    }

    fn check_ids(&self, findings: &mut Findings) {
        let records = [
            (
                "theme",
                self.themes
                    .iter()
                    .map(|t| (&t.id, &t.origin))
                    .collect::<Vec<_>>(),
            ),
            (
                "sector",
                self.sectors.iter().map(|t| (&t.id, &t.origin)).collect(),
            ),
            (
                "initiative",
                self.initiatives
                    .iter()
                    .map(|t| (&t.id, &t.origin))
                    .collect(),
            ),
        ];
        for (what, records) in records {
            let mut seen = FastSet::default();
            for (id, origin) in records {
                if !findings.empty_id(id, origin, "id", what) && !seen.insert(id.as_str()) {
                    findings.add(
                        Kind::Duplicate,
                        origin,
                        "id",
                        id,
                        format!("is a duplicate {what} id"),
                    );
                }
            }
        }
        let mut seen = FastSet::default();
        for shortage in &self.shortages {
            let at = &shortage.origin;
            if !findings.empty_id(&shortage.scenario, at, "scenario", "shortage scenario")
                && !seen.insert((shortage.year, shortage.scenario.as_str()))
            {
                let value = format!("{} {}", shortage.year, shortage.scenario);
                findings.add(
                    Kind::Duplicate,
                    &shortage.origin,
                    "scenario",
                    value,
                    "is a duplicate year and scenario",
                );
            }
        }
    }

    fn check_parameters(&self, parameters: &ParameterIndex, findings: &mut Findings) {
        let initiative_ids: FastSet<&str> =
            self.initiatives.iter().map(|i| i.id.as_str()).collect();
        for (position, parameter) in self.parameters.iter().enumerate() {
            let at = &parameter.origin;
            if !is_name(&parameter.name) {
                let expected = "is not a parameter name: expected letters, digits and _, starting with a letter or _";
                findings.add(Kind::InvalidName, at, "name", &parameter.name, expected);
            }
            if parameters.first(position) != position {
                let expected = format!("is defined twice for {}", parameter.scope);
                findings.add(Kind::Duplicate, at, "name", &parameter.name, expected);
            }
            if let Scope::Initiative(id) = &parameter.scope
                && !initiative_ids.contains(id.as_str())
            {
                findings.add(
                    Kind::UnknownReference,
                    at,
                    "scope",
                    id,
                    "names no initiative (nor \"region\")",
                );
            }
            if let Some(range) = &parameter.range {
                let at = &range.origin;
                let value = format!("{} - {}", range.low.normalize(), range.high.normalize());
                if range.low > range.high {
                    let expected = "is a range whose low end is above its high end";
                    findings.add(Kind::InvalidValue, at, "low", value, expected);
                } else if !(range.low..=range.high).contains(&parameter.value) {
                    let expected = format!(
                        "is a range that does not hold the parameter's value {}",
                        parameter.value.normalize()
                    );
                    findings.add(Kind::InvalidValue, at, "low", value, expected);
                } else {
                    // The value lies inside: only an end can be out of bounds.
                    for (column, end) in [("low", range.low), ("high", range.high)] {
                        if let Some((kind, expected)) = parameter.value_problem(end) {
                            findings.add(kind, at, column, end.normalize(), expected);
                        }
                    }
                }
            }
            if let Some((kind, expected)) = parameter.value_problem(parameter.value) {
                findings.add(kind, at, "value", parameter.value.normalize(), expected);
            }
        }
    }

    fn check_shortages(&self, findings: &mut Findings) {
        for shortage in &self.shortages {
            let at = &shortage.origin;
            if let Some((kind, expected)) = year_problem(shortage.year) {
                findings.add(kind, at, "year", shortage.year, expected);
            }
            let value = shortage.value.normalize();
            if shortage.value < Decimal::ZERO {
                let expected = "is a negative shortage: a surplus leaves nothing to cover; write the shortage as a number of zero or more";
                findings.add(Kind::InvalidValue, at, "value", value, expected);
            } else if shortage.unit == ShortageUnit::Share && shortage.value > Decimal::ONE {
                let expected = "is a share of the staff required above 100%";
                findings.add(Kind::ShareOutOfRange, at, "value", value, expected);
            }
        }
    }

    /// The values that convert a shortage into persons are checked like the norms they stand
    /// for: a factor of 5 or a staff of -100 would turn every shortage into nonsense.
    fn check_region(&self, findings: &mut Findings) {
        let region = &self.region;
        let at = |key: &str| region.origins.get(key).cloned();
        if let Some(factor) = region.shortage_part_time_factor
            && let Some((kind, expected)) = part_time_factor_problem(factor.value())
        {
            let at = at("shortage_part_time_factor");
            findings.add(kind, &at, "value", factor.value().normalize(), expected);
        }
        if let Some(staff) = region.required_staff.filter(|s| s.value() <= Decimal::ZERO) {
            let expected = "must be more than 0 persons: the staff required that a shortage stated as a share is a share of";
            let at = at("required_staff");
            findings.add(
                Kind::InvalidValue,
                &at,
                "value",
                staff.value().normalize(),
                expected,
            );
        }
    }

    /// Per initiative and effect, the names its formula uses: looked up once for every check.
    fn uses<'m>(&'m self, parameters: &ParameterIndex) -> Vec<Vec<Uses<'m>>> {
        let uses = |initiative: &Initiative, effect: &'m Effect| -> Uses<'m> {
            let names = effect.formula.names().into_iter();
            names
                .map(|name| (name, parameters.position(&initiative.id, name)))
                .collect()
        };
        self.initiatives
            .iter()
            .map(|i| i.effects.iter().map(|e| uses(i, e)).collect())
            .collect()
    }

    fn check_unused(
        &self,
        parameters: &ParameterIndex,
        uses: &[Vec<Uses>],
        findings: &mut Findings,
    ) {
        for parameter in self.unused_given(parameters, uses) {
            let expected = "is used by no formula: a typo in a name, or a term left out?";
            findings.add(
                Kind::UnusedParameter,
                &parameter.origin,
                "name",
                &parameter.name,
                expected,
            );
        }
    }

    fn check_initiatives(
        &self,
        parameters: &ParameterIndex,
        uses: &[Vec<Uses>],
        findings: &mut Findings,
    ) {
        let theme_ids: FastSet<&str> = self.themes.iter().map(|t| t.id.as_str()).collect();
        let sector_ids: FastSet<&str> = self.sectors.iter().map(|s| s.id.as_str()).collect();
        for (initiative, uses) in self.initiatives.iter().zip(uses) {
            let at = &initiative.origin;
            if initiative.themes.is_empty() {
                findings.add(
                    Kind::InvalidValue,
                    at,
                    "themes",
                    "",
                    "is empty: name at least one theme",
                );
            }
            let mut listed = FastSet::default();
            for share in &initiative.themes {
                if !listed.insert(share.theme.as_str()) {
                    let expected = "is listed twice in this initiative's themes: its weights are added up; name each theme once, with its weight";
                    findings.add(Kind::ThemeWeights, at, "themes", &share.theme, expected);
                }
                if !theme_ids.contains(share.theme.as_str()) {
                    findings.add(
                        Kind::UnknownReference,
                        at,
                        "themes",
                        &share.theme,
                        "is not a theme id of themes.csv",
                    );
                }
                if share.weight <= Decimal::ZERO {
                    findings.add(
                        Kind::InvalidValue,
                        at,
                        "themes",
                        share.weight.normalize(),
                        "must be a weight above zero",
                    );
                }
            }
            // Weights between 0 and 1 look like shares; their sum cannot overflow.
            let share = |w: Decimal| w > Decimal::ZERO && w < Decimal::ONE;
            let look_like_shares = initiative.themes.iter().all(|t| share(t.weight));
            let weights = || initiative.themes.iter().map(|t| t.weight).sum::<Decimal>();
            if look_like_shares && (weights() - Decimal::ONE).abs() > WEIGHT_TOLERANCE {
                let expected = format!(
                    "are theme shares that add up to {}, not 1: they are scaled to add up to 1",
                    weights().normalize()
                );
                let value = initiative
                    .themes
                    .iter()
                    .map(|t| format!("{}:{}", t.theme, t.weight.normalize()))
                    .collect::<Vec<_>>();
                findings.add(Kind::ThemeWeights, at, "themes", value.join(";"), expected);
            }
            for (column, year) in [
                ("start_year", initiative.start_year),
                ("full_year", initiative.full_year),
            ] {
                if let Some(year) = year
                    && let Some((kind, expected)) = year_problem(year)
                {
                    findings.add(kind, at, column, year, expected);
                }
            }
            if let (Some(start), Some(full)) = (initiative.start_year, initiative.full_year)
                && full < start
            {
                let expected = format!("is before the start year {start}");
                findings.add(Kind::InvalidValue, at, "full_year", full, expected);
            }
            if let Some(growth) = &initiative.growth
                && parameters.get(&initiative.id, growth).is_none()
            {
                let expected = "is no parameter of the initiative nor of the region";
                findings.add(Kind::UnknownReference, at, "growth", growth, expected);
            }
            let pending = pending_in(parameters, initiative);
            if !pending.is_empty() {
                let expected = format!(
                    "is pending until {} is supplied: it counts for nothing in the totals",
                    pending.join(", ")
                );
                findings.add(Kind::Pending, at, "id", &initiative.id, expected);
            }
            if initiative.effects.is_empty() {
                let expected = "is not quantified (it has no effects in effects.csv): it counts for nothing in the totals";
                findings.add(Kind::NoEffects, at, "id", &initiative.id, expected);
            }
            let mut effect_ids = FastSet::default();
            for (effect, uses) in initiative.effects.iter().zip(uses) {
                let at = &effect.origin;
                if !findings.empty_id(&effect.id, at, "effect", "effect")
                    && !effect_ids.insert(effect.id.as_str())
                {
                    findings.add(
                        Kind::Duplicate,
                        at,
                        "effect",
                        &effect.id,
                        "is a duplicate effect id for this initiative",
                    );
                }
                if !sector_ids.contains(effect.sector.as_str()) {
                    findings.add(
                        Kind::UnknownReference,
                        at,
                        "sector",
                        &effect.sector,
                        "is not a sector id of sectors.csv",
                    );
                }
                if self.norms(&effect.norms).is_none() {
                    findings.add(
                        Kind::UnknownReference,
                        at,
                        "norms",
                        &effect.norms,
                        "is not a norms id of norms.csv",
                    );
                }
                let unknown = uses.iter().filter(|(_, position)| position.is_none());
                for name in unique(unknown.map(|(name, _)| *name)) {
                    let expected = format!(
                        "is used by the formula but is no parameter of initiative {:?} nor of the region",
                        initiative.id
                    );
                    findings.add(Kind::UnknownReference, at, "formula", name, expected);
                }
            }
        }
    }

    /// Two initiatives whose effects take the same values and give the same results, sector by
    /// sector, are often one calculation submitted twice. An initiative that takes a single value
    /// (a first estimate such as "~90") is left out: two of those agreeing is no sign of a copy.
    fn check_double_counts(&self, uses: &[Vec<Uses>], findings: &mut Findings) {
        // Per effect: sector, unit, norms, result and the values it takes, sorted.
        type Signature<'m> = (&'m str, &'m str, &'m str, Option<Decimal>, Vec<Decimal>);
        let mut seen: FastMap<Vec<Signature>, &Initiative> = FastMap::default();
        let value = |position: &Option<usize>| position.map(|p| self.parameters[p].value);
        for (initiative, uses) in self.initiatives.iter().zip(uses) {
            let names: FastSet<&str> = uses.iter().flatten().map(|(name, _)| *name).collect();
            if names.len() <= 1 {
                continue;
            }
            let mut signature: Vec<Signature> = (initiative.effects.iter().zip(uses))
                .map(|(effect, uses)| {
                    let mut inputs: Vec<Decimal> =
                        uses.iter().filter_map(|(_, p)| value(p)).collect();
                    inputs.sort();
                    let resolve = |name: &str| {
                        let found = uses.iter().find(|(n, _)| *n == name);
                        found.and_then(|(_, p)| value(p))
                    };
                    (
                        effect.sector.as_str(),
                        effect.unit.as_str(),
                        effect.norms.as_str(),
                        effect.formula.evaluate(&resolve).ok(),
                        inputs,
                    )
                })
                .collect();
            signature.sort();
            match seen.get(&signature) {
                Some(first) => {
                    let expected = format!(
                        "has the same inputs and results as initiative {:?}, sector by sector: is it counted twice?",
                        first.id
                    );
                    findings.add(
                        Kind::PossibleDoubleCount,
                        &initiative.origin,
                        "id",
                        &initiative.id,
                        expected,
                    );
                }
                None => {
                    seen.insert(signature, initiative);
                }
            }
        }
    }

    /// Parameters no formula uses (a sign of a typo in a name or a forgotten term).
    pub fn unused_parameters(&self) -> Vec<&Parameter> {
        let parameters = ParameterIndex::new(self);
        self.unused_given(&parameters, &self.uses(&parameters))
    }

    fn unused_given(&self, parameters: &ParameterIndex, uses: &[Vec<Uses>]) -> Vec<&Parameter> {
        // A name resolves to the first definition of its scope and name; a later duplicate is
        // used when that first one is.
        let mut used = vec![false; self.parameters.len()];
        for (_, position) in uses.iter().flatten().flatten() {
            if let Some(position) = *position {
                used[position] = true;
            }
        }
        self.parameters
            .iter()
            .enumerate()
            .filter(|(position, _)| !used[parameters.first(*position)])
            .map(|(_, p)| p)
            .collect()
    }
}

/// The names one formula uses, in order and with repeats, each with the position of the
/// parameter it resolves to (none if it resolves to none).
type Uses<'m> = Vec<(&'m str, Option<usize>)>;

/// The names, each once, in order of first appearance.
fn unique<'a>(names: impl Iterator<Item = &'a str>) -> Vec<&'a str> {
    let mut seen = FastSet::default();
    names.filter(|name| seen.insert(*name)).collect()
}

/// Where a target stands in the model: a parameter's or norms' position.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum Place {
    Parameter(usize),
    WorkingHours(usize),
    PartTimeFactor(usize),
}

/// What settings can name, by id: built once, so that checking a scenario costs its settings
/// and not a copy of the model.
pub(crate) struct Targets<'a> {
    model: &'a Model,
    parameters: &'a ParameterIndex<'a>,
    norms: FastMap<&'a str, usize>,
    pub(crate) initiatives: FastMap<&'a str, usize>,
    shortages: FastSet<&'a str>,
}

impl<'a> Targets<'a> {
    pub(crate) fn new(model: &'a Model, parameters: &'a ParameterIndex<'a>) -> Self {
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

    pub(crate) fn place(&self, target: &Target) -> Option<Place> {
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

    /// Every finding about one scenario's settings: what they name must exist, and each value
    /// set or scaled is checked like the file it overrides, located at the setting.
    pub(crate) fn check(&self, scenario: &Scenario, findings: &mut Vec<Finding>) {
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
            SettingKind::Set { target, value } => change_problem(
                self.model,
                target,
                self.place(target),
                *value,
                false,
                values,
            ),
            SettingKind::Scale { target, factor } => change_problem(
                self.model,
                target,
                self.place(target),
                *factor,
                true,
                values,
            ),
            _ => None,
        }
    }
}

/// The target's value in the model, and a parameter's range; none while it is pending
/// (unknown, so there is nothing to check).
fn value_at(model: &Model, place: Place) -> Option<Value> {
    match place {
        Place::Parameter(position) => {
            let parameter = &model.parameters[position];
            let range = parameter.range.as_ref().map(|r| (r.low, r.high));
            (!parameter.pending).then_some((parameter.value, range))
        }
        Place::WorkingHours(position) | Place::PartTimeFactor(position) => {
            let norms = &model.norms[position];
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
fn problem_at(model: &Model, place: Place, value: Decimal) -> Option<Problem> {
    match place {
        Place::Parameter(position) => model.parameters[position].value_problem(value),
        Place::WorkingHours(_) => working_hours_problem(value),
        Place::PartTimeFactor(_) => part_time_factor_problem(value),
    }
}

/// What is wrong with setting (or scaling by) `raw` the target, which stands at `place` in
/// `model` (none: nowhere), given the values the scenario gave so far; records the value it
/// gives.
pub(crate) fn change_problem(
    model: &Model,
    target: &Target,
    place: Option<Place>,
    raw: Decimal,
    scale: bool,
    values: &mut Values,
) -> Option<SettingProblem> {
    let shown = raw.normalize().to_string();
    let Some(place) = place else {
        let expected = "is not a parameter or norm of the model".to_string();
        return Some((
            Kind::UnknownReference,
            "target",
            target.to_string(),
            expected,
        ));
    };
    let old = values
        .get(&place)
        .copied()
        .or_else(|| value_at(model, place))?;
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
        .find_map(|v| problem_at(model, place, v).map(|p| (v, p)))?;
    let verb = if scale { "scales" } else { "sets" };
    let what = if wrong == value { "" } else { "the range of " };
    let wrong = wrong.normalize();
    let expected = format!("{verb} {what}{target} to {wrong}, which {expected}");
    Some((kind, "value", shown, expected))
}

/// A target's value and a parameter's range.
type Value = (Decimal, Option<(Decimal, Decimal)>);

/// The values a scenario's settings gave so far, by place.
pub(crate) type Values = FastMap<Place, Value>;

/// A setting's finding: kind, column, raw value and what was expected.
pub(crate) type SettingProblem = (Kind, &'static str, String, String);

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

/// Every finding about the model's scenarios: names, and each one's settings.
/// Linear in the settings: each is looked up, nothing is copied.
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
