//! The model of one region: norms, parameters, themes, sectors, initiatives with their effects,
//! and the projected shortage. Plain data: build it in Rust or load it from CSV
//! ([`crate::csv_input`]); [`Model::validate`] finds what cannot be evaluated.

use crate::error::{Finding, Kind, Origin};
use crate::formula::Expr;
use crate::hash::{FastMap, FastSet, map_with_capacity};
use crate::number::NumberFormat;
use crate::units::{PartTimeFactor, Persons, WorkingHours};
use rust_decimal::Decimal;
use std::fmt;

/// The id of the norms used when an effect names none.
pub const DEFAULT_NORMS: &str = "default";

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
pub const PLAUSIBLE_YEARS: (u16, u16) = (1900, 2200);

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
fn year_problem(year: u16) -> Option<Problem> {
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

/// Everything known about one region.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Model {
    /// The region's name and published claims.
    pub region: Region,
    /// Staffing norms; effects that name none use the id [`DEFAULT_NORMS`].
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
    /// Named scenarios to compare with the model as it is.
    pub scenarios: Vec<crate::scenario::Scenario>,
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
    /// The staff required, in persons: the base a shortage stated as a share is a share of.
    pub required_staff: Option<Persons>,
    /// The part-time factor that turns a shortage stated in FTE into persons.
    pub shortage_part_time_factor: Option<PartTimeFactor>,
    /// Where each key was read (region.csv and its line), so that findings about a value can
    /// point at it; empty for a region built in Rust.
    pub origins: std::collections::BTreeMap<String, Origin>,
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
    /// True when the plan states no norms yet (written `pending`): effects that use them wait.
    pub pending: bool,
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

impl Parameter {
    /// True when the parameter is a share or ratio between 0 and 1: its unit says `share`.
    pub fn is_share(&self) -> bool {
        self.unit.eq_ignore_ascii_case("share")
    }

    /// True when a negative value makes sense: its unit speaks of a change, growth or difference.
    pub fn may_be_negative(&self) -> bool {
        let unit = self.unit.to_ascii_lowercase();
        ["change", "growth", "difference"]
            .iter()
            .any(|word| unit.contains(word))
    }

    /// What is likely wrong with `value` as this parameter's value (or a range's end), if
    /// anything: a share outside 0-100%, or a negative quantity.
    pub(crate) fn value_problem(&self, value: Decimal) -> Option<Problem> {
        if self.is_share() && (value < Decimal::ZERO || value > Decimal::ONE) {
            Some((Kind::ShareOutOfRange, "is a share outside 0-100%".into()))
        } else if value < Decimal::ZERO && !self.may_be_negative() {
            let expected = format!("is negative, but a quantity in {:?} cannot be", self.unit);
            Some((Kind::NegativeQuantity, expected))
        } else {
            None
        }
    }
}

impl Scope {
    /// The initiative's id, or none for the region.
    fn initiative(&self) -> Option<&str> {
        match self {
            Scope::Region => None,
            Scope::Initiative(id) => Some(id),
        }
    }
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
    /// True when the value is not known yet (written `pending` in the data): an initiative whose
    /// formulas use it is pending, and counts for nothing until the value is supplied.
    pub pending: bool,
    /// How far the value may lie from `value`, for bounds, sensitivity and Monte Carlo.
    pub range: Option<Range>,
    /// Where the record was read, if from a file.
    pub origin: Option<Origin>,
}

/// The range a parameter may take, and how its values are spread within it. The parameter's own
/// value is the mode of the triangular and PERT distributions.
#[derive(Clone, Debug, PartialEq)]
pub struct Range {
    /// The lowest value.
    pub low: Decimal,
    /// The highest value.
    pub high: Decimal,
    /// How values spread between them.
    pub distribution: Distribution,
    /// Where the range comes from.
    pub source: String,
    /// Where the record was read (`ranges.csv`), if from a file.
    pub origin: Option<Origin>,
}

/// A distribution of values between a range's ends.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Distribution {
    /// Every value equally likely.
    #[default]
    Uniform,
    /// Likeliest at the parameter's value, falling linearly to the ends.
    Triangular,
    /// Beta-PERT: likeliest at the parameter's value, with thinner tails than the triangle.
    Pert,
}

impl Distribution {
    /// The spelling used in the data files.
    pub const fn as_str(self) -> &'static str {
        match self {
            Distribution::Uniform => "uniform",
            Distribution::Triangular => "triangular",
            Distribution::Pert => "pert",
        }
    }

    /// Reads the data-file spelling.
    pub fn parse(text: &str) -> Option<Distribution> {
        [
            Distribution::Uniform,
            Distribution::Triangular,
            Distribution::Pert,
        ]
        .into_iter()
        .find(|d| d.as_str() == text)
    }
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

/// Whether an initiative runs, is planned, or was proposed on top. Running and planned
/// initiatives count in the totals; additional and potential ones only in a scenario that
/// counts them.
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
    /// A potential source the plan names with a first estimate (extra aanvullende bron).
    Potential,
}

impl Status {
    /// Every status, in the order above.
    pub const ALL: [Status; 5] = [
        Status::Running,
        Status::Planned,
        Status::RunningOrPlanned,
        Status::Additional,
        Status::Potential,
    ];

    /// The spelling used in the data files.
    pub const fn as_str(self) -> &'static str {
        match self {
            Status::Running => "running",
            Status::Planned => "planned",
            Status::RunningOrPlanned => "running-or-planned",
            Status::Additional => "additional",
            Status::Potential => "potential",
        }
    }

    /// Reads the data-file spelling.
    pub fn parse(text: &str) -> Option<Status> {
        Status::ALL
            .into_iter()
            .find(|status| status.as_str() == text)
    }

    /// Whether initiatives of this status count in the totals unless a scenario says otherwise:
    /// running and planned ones do, proposals do not.
    pub const fn counts_by_default(self) -> bool {
        matches!(
            self,
            Status::Running | Status::Planned | Status::RunningOrPlanned
        )
    }
}

/// A figure as the plan printed it: one value (`28`, `-3`) or a range (`0 - 1`). Equal figures
/// are equal however they were written (`1.500 - 1.700` in a Dutch file, `1500 - 1700` here).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Published {
    /// The lower end (equal to `high` for a single value).
    pub low: Decimal,
    /// The upper end.
    pub high: Decimal,
}

impl Published {
    /// Reads `28`, `-3`, `35%` or a range `0 - 1` / `1500 - 1700` in canonical numbers; `None`
    /// if it is none of these.
    pub fn parse(text: &str) -> Option<Published> {
        Published::parse_with(text, NumberFormat::Canonical)
    }

    /// Reads a published figure whose numbers are written in `format`.
    pub fn parse_with(text: &str, format: NumberFormat) -> Option<Published> {
        let text = text.trim();
        let (low, high) = match format.parse(text) {
            Ok(value) => (value, value),
            Err(_) => {
                // A range separator is " - " or an en dash (a minus sign may start the low end).
                let (low, high) = text.split_once(" - ").or_else(|| text.split_once(" – "))?;
                (format.parse(low).ok()?, format.parse(high).ok()?)
            }
        };
        (low <= high).then_some(Published { low, high })
    }

    /// A figure from its two ends (equal for a single value).
    pub fn range(low: Decimal, high: Decimal) -> Published {
        Published { low, high }
    }

    /// The figure as a percentage, for shares: `35%`, `30% - 40%`.
    pub fn percent(&self) -> String {
        let percent = |v: Decimal| {
            v.checked_mul(Decimal::ONE_HUNDRED)
                .map_or_else(|| v.to_string(), |p| format!("{}%", p.normalize()))
        };
        if self.is_range() {
            format!("{} - {}", percent(self.low), percent(self.high))
        } else {
            percent(self.low)
        }
    }

    /// True when the published figure is a range rather than one value.
    pub fn is_range(&self) -> bool {
        self.low != self.high
    }
}

/// Canonical numbers, the plan's way: `28`, `-3`, `0 - 1`.
impl fmt::Display for Published {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.is_range() {
            write!(f, "{} - {}", self.low.normalize(), self.high.normalize())
        } else {
            write!(f, "{}", self.low.normalize())
        }
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
    /// When its effect starts and reaches its full size, for the gap over time.
    pub timing: Timing,
    /// Where the record was read, if from a file.
    pub origin: Option<Origin>,
}

/// When an initiative's effect starts, when it is full, and how it grows with demand. The
/// initiative's figure is its full effect in the horizon year (the last year of the shortage);
/// see [`crate::timeline`].
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Timing {
    /// The year the effect starts from zero (default: the first year of the shortage).
    pub start_year: Option<u16>,
    /// The year the effect is full (default: the horizon year).
    pub full_year: Option<u16>,
    /// A parameter holding the demand growth from the first year to the horizon that the figure
    /// already includes (Valpreventie: +16% to 2032); earlier years get the growth so far.
    pub growth: Option<String>,
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

/// The projected shortage in one year and scenario, in the unit the plan states it in.
#[derive(Clone, Debug, PartialEq)]
pub struct Shortage {
    /// The year.
    pub year: u16,
    /// The scenario's name, e.g. `base` or `worse`.
    pub scenario: String,
    /// The figure, in `unit`.
    pub value: Decimal,
    /// Persons, FTE, or a share of the staff required.
    pub unit: ShortageUnit,
    /// Where the figure comes from.
    pub source: String,
    /// Where the record was read, if from a file.
    pub origin: Option<Origin>,
}

/// The unit a plan states its shortage in. Staff freed is counted in persons; a shortage in
/// another unit is compared only through explicit inputs ([`Region::required_staff`],
/// [`Region::shortage_part_time_factor`]), never by assumption.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ShortageUnit {
    /// Persons (head count).
    Persons,
    /// Full-time equivalents.
    Fte,
    /// A share of the staff required.
    Share,
}

impl ShortageUnit {
    /// The spelling used in the data files.
    pub const fn as_str(self) -> &'static str {
        match self {
            ShortageUnit::Persons => "persons",
            ShortageUnit::Fte => "fte",
            ShortageUnit::Share => "share",
        }
    }

    /// Reads the data-file spelling.
    pub fn parse(text: &str) -> Option<ShortageUnit> {
        [
            ShortageUnit::Persons,
            ShortageUnit::Fte,
            ShortageUnit::Share,
        ]
        .into_iter()
        .find(|u| u.as_str() == text)
    }
}

impl Shortage {
    /// A shortage in persons.
    pub fn in_persons(year: u16, scenario: &str, persons: Persons) -> Shortage {
        Shortage {
            year,
            scenario: scenario.to_string(),
            value: persons.value(),
            unit: ShortageUnit::Persons,
            source: String::new(),
            origin: None,
        }
    }
}

impl fmt::Display for Shortage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let value = self.value.normalize();
        match self.unit {
            ShortageUnit::Persons => {
                write!(f, "{value} persons in {} ({})", self.year, self.scenario)
            }
            ShortageUnit::Fte => write!(f, "{value} FTE in {} ({})", self.year, self.scenario),
            ShortageUnit::Share => {
                let percent = self.value.saturating_mul(Decimal::ONE_HUNDRED).normalize();
                write!(
                    f,
                    "{percent}% of the staff required in {} ({})",
                    self.year, self.scenario
                )
            }
        }
    }
}

impl Model {
    /// A shortage in persons, converted only with the region's explicit inputs: FTE over
    /// [`Region::shortage_part_time_factor`], a share times [`Region::required_staff`]. Without
    /// them the comparison is refused with [`Error::Units`](crate::Error::Units).
    pub fn shortage_in_persons(&self, shortage: &Shortage) -> Result<Persons, crate::Error> {
        let refuse = |needs: &str| crate::Error::Units {
            what: shortage.to_string(),
            needs: needs.to_string(),
        };
        let fail = |kind| crate::Error::Arithmetic {
            context: format!("the shortage of {shortage}"),
            kind,
        };
        match shortage.unit {
            ShortageUnit::Persons => Ok(Persons::new(shortage.value)),
            ShortageUnit::Fte => {
                let factor = self.region.shortage_part_time_factor.ok_or_else(|| {
                    refuse("a part-time factor for the shortage (key shortage_part_time_factor in region.csv)")
                })?;
                crate::units::Fte::new(shortage.value)
                    .to_persons(factor)
                    .map_err(fail)
            }
            ShortageUnit::Share => {
                let staff = self.region.required_staff.ok_or_else(|| {
                    refuse("the staff required that it is a share of (key required_staff in region.csv, in persons)")
                })?;
                staff
                    .checked_scale(crate::units::Share::new(shortage.value))
                    .map_err(fail)
            }
        }
    }

    /// The parameter `name` as seen from an initiative: its own parameter, else the region's.
    pub fn lookup(&self, initiative: &str, name: &str) -> Option<&Parameter> {
        ParameterIndex::new(self).get(initiative, name)
    }

    /// For each initiative, whether it counts in the totals unless a scenario says otherwise:
    /// running and planned, and not pending.
    pub fn counted_by_default(&self) -> Vec<bool> {
        self.counted_given(&self.pending())
    }

    /// [`Model::counted_by_default`], given what [`Model::pending`] gives.
    pub(crate) fn counted_given(&self, pending: &[Vec<String>]) -> Vec<bool> {
        self.initiatives
            .iter()
            .zip(pending)
            .map(|(i, pending)| i.status.counts_by_default() && pending.is_empty())
            .collect()
    }

    /// For each initiative, the pending parameters its formulas use (empty if none).
    pub fn pending(&self) -> Vec<Vec<String>> {
        self.pending_given(&ParameterIndex::new(self))
    }

    /// [`Model::pending`] with the model's parameter index.
    pub(crate) fn pending_given(&self, parameters: &ParameterIndex) -> Vec<Vec<String>> {
        self.initiatives
            .iter()
            .map(|i| pending_in(parameters, i))
            .collect()
    }

    /// The norms with this id.
    pub fn norms(&self, id: &str) -> Option<&Norms> {
        self.norms.iter().find(|norms| norms.id == id)
    }

    /// The findings that keep the model from being evaluated (errors only), located where the
    /// records came from a file. Empty when the model can be evaluated.
    pub fn validate(&self) -> Vec<Finding> {
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
    /// but something is likely wrong) and infos; sorted by file, line and column.
    pub fn check(&self) -> Vec<Finding> {
        self.findings(&ParameterIndex::new(self), true)
    }

    /// The findings; `thorough` adds the checks evaluation skips: those that can only warn
    /// (unused parameters, double counting) and the scenarios' (a bad scenario keeps only itself
    /// from being compared; [`crate::scenario::apply`] checks it).
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
            crate::scenario::check_scenarios(self, parameters, &mut findings.0);
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
            let timing = &initiative.timing;
            for (column, year) in [
                ("start_year", timing.start_year),
                ("full_year", timing.full_year),
            ] {
                if let Some(year) = year
                    && let Some((kind, expected)) = year_problem(year)
                {
                    findings.add(kind, at, column, year, expected);
                }
            }
            if let (Some(start), Some(full)) =
                (initiative.timing.start_year, initiative.timing.full_year)
                && full < start
            {
                let expected = format!("is before the start year {start}");
                findings.add(Kind::InvalidValue, at, "full_year", full, expected);
            }
            if let Some(growth) = &initiative.timing.growth
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

/// A model that passed validation: its parameter index, and per initiative the values it waits
/// for and whether it counts.
pub(crate) struct Checked<'a> {
    pub parameters: ParameterIndex<'a>,
    pub pending: Vec<Vec<String>>,
    pub counts: Vec<bool>,
}

/// Parameters by scope and name, built once so that resolving a name does not scan them all.
/// The first definition of a (scope, name) pair wins; [`Model::validate`] reports the others.
/// Build it once per task and pass it on: for a national model it costs more than the checks.
pub(crate) struct ParameterIndex<'a> {
    parameters: &'a [Parameter],
    norms: &'a [Norms],
    by_scope: FastMap<(Option<&'a str>, &'a str), usize>,
    /// The position of each later definition of a scope and name, and of the first one.
    duplicates: FastMap<usize, usize>,
    /// Whether any parameter or norms are pending: usually none, and then no initiative is.
    any_pending: bool,
}

impl<'a> ParameterIndex<'a> {
    pub(crate) fn new(model: &'a Model) -> Self {
        let mut by_scope = map_with_capacity(model.parameters.len());
        let mut duplicates = FastMap::default();
        for (index, parameter) in model.parameters.iter().enumerate() {
            let first = *by_scope.entry(key(parameter)).or_insert(index);
            if first != index {
                duplicates.insert(index, first);
            }
        }
        ParameterIndex {
            parameters: &model.parameters,
            norms: &model.norms,
            by_scope,
            duplicates,
            any_pending: model.parameters.iter().any(|p| p.pending)
                || model.norms.iter().any(|n| n.pending),
        }
    }

    /// The position in the model's parameters of the initiative's own parameter `name`, else
    /// of the region's.
    pub(crate) fn position(&self, initiative: &str, name: &str) -> Option<usize> {
        let own = self.by_scope.get(&(Some(initiative), name));
        own.or_else(|| self.by_scope.get(&(None, name))).copied()
    }

    /// The position of the parameter `name` of exactly this scope (no fallback to the region).
    pub(crate) fn exact(&self, scope: &Scope, name: &str) -> Option<usize> {
        self.by_scope.get(&(scope.initiative(), name)).copied()
    }

    /// The position of the first definition of the scope and name of the parameter at
    /// `position`: the same position unless it is a duplicate.
    pub(crate) fn first(&self, position: usize) -> usize {
        self.duplicates.get(&position).copied().unwrap_or(position)
    }

    /// True when the norms with this id are pending.
    pub(crate) fn norms_pending(&self, id: &str) -> bool {
        self.norms.iter().any(|n| n.id == id && n.pending)
    }

    /// The initiative's own parameter `name`, else the region's.
    pub(crate) fn get(&self, initiative: &str, name: &str) -> Option<&'a Parameter> {
        self.position(initiative, name)
            .map(|index| &self.parameters[index])
    }
}

/// A parameter's key in the index: its initiative (none for the region's) and its name.
fn key(parameter: &Parameter) -> (Option<&str>, &str) {
    (parameter.scope.initiative(), parameter.name.as_str())
}

/// The pending values an initiative waits for: parameters its formulas use and norms its
/// effects use (as `norms.<id>`), each once, in order of first use. Called for every
/// initiative by validation and evaluation alike, so it allocates only for what is pending.
pub(crate) fn pending_in(parameters: &ParameterIndex, initiative: &Initiative) -> Vec<String> {
    let mut pending: Vec<String> = Vec::new();
    if !parameters.any_pending {
        return pending;
    }
    let mut add = |name: &str| {
        if !pending.iter().any(|p| p == name) {
            pending.push(name.to_string());
        }
    };
    for effect in &initiative.effects {
        for name in effect.formula.names() {
            if parameters
                .get(&initiative.id, name)
                .is_some_and(|p| p.pending)
            {
                add(name);
            }
        }
    }
    for effect in &initiative.effects {
        if parameters.norms_pending(&effect.norms) {
            add(&format!("norms.{}", effect.norms));
        }
    }
    pending
}

/// The names one formula uses, in order and with repeats, each with the position of the
/// parameter it resolves to (none if it resolves to none).
type Uses<'m> = Vec<(&'m str, Option<usize>)>;

/// The names, each once, in order of first appearance.
fn unique<'a>(names: impl Iterator<Item = &'a str>) -> Vec<&'a str> {
    let mut seen = FastSet::default();
    names.filter(|name| seen.insert(*name)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tiny() -> Model {
        crate::csv_input::load_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/tiny"))
            .unwrap()
    }

    #[test]
    fn a_second_definition_is_a_duplicate_and_used_as_its_first_is() {
        let mut model = tiny();
        assert!(model.unused_parameters().is_empty());
        let used = model.parameters[3].clone();
        let mut spare = used.clone();
        spare.name = "spare".into();
        model
            .parameters
            .extend([used.clone(), spare.clone(), spare]);
        let unused: Vec<&str> = (model.unused_parameters().iter())
            .map(|p| p.name.as_str())
            .collect();
        assert_eq!(unused, ["spare", "spare"]);
        let findings = model.validate();
        let duplicates: Vec<(Kind, &str)> = (findings.iter())
            .map(|f| (f.kind, f.value.as_str()))
            .collect();
        let expected = [
            (Kind::Duplicate, used.name.as_str()),
            (Kind::Duplicate, "spare"),
        ];
        assert_eq!(duplicates, expected);
    }
    /// A model built in Rust is checked as a loaded one is: the values of the files' own checks
    /// (`tests/bad`) are found here without any file.
    #[test]
    fn a_model_built_in_rust_is_checked_like_a_loaded_one() {
        let mut model = tiny();
        model.shortages[0].year = 0;
        model.shortages[1].value = Decimal::NEGATIVE_ONE;
        model.norms[1].part_time_factor = PartTimeFactor::new(Decimal::new(1, 2));
        model.themes[1].id = String::new();
        let prevention = model.initiatives[0].themes[0].clone();
        model.initiatives[0].themes.push(prevention);
        model.initiatives[1].effects[1].id = " ".into();
        model.parameters[1].name = String::new();
        if let Some(range) = &mut model.parameters[3].range {
            range.high = Decimal::new(15, 1);
        }
        let findings = model.check();
        // Left aside: what follows from them (the nameless parameter is unused, and the
        // initiative's theme "home" is no longer a theme id).
        let mut found: Vec<(Kind, &str, &str)> = (findings.iter())
            .filter(|f| !matches!(f.kind, Kind::UnusedParameter | Kind::UnknownReference))
            .map(|f| (f.kind, f.column.as_deref().unwrap(), f.value.as_str()))
            .collect();
        found.sort();
        let mut expected = [
            (Kind::InvalidName, "name", ""),
            (Kind::InvalidValue, "year", "0"),
            (Kind::InvalidValue, "value", "-1"),
            (Kind::InvalidValue, "id", ""),
            (Kind::ThemeWeights, "themes", "prevention"),
            (Kind::InvalidValue, "effect", " "),
            (Kind::ImplausibleNorm, "part_time_factor", "0.01"),
            (Kind::ShareOutOfRange, "high", "1.5"),
        ];
        expected.sort();
        assert_eq!(found, expected);
    }
}
