//! The model of one region: norms, parameters, themes, sectors, initiatives with their effects,
//! and the projected shortage. Plain data: build it in Rust or load it from CSV
//! ([`crate::Loader`]); [`Model::check`] grades what is found.

#[cfg(feature = "serde")]
pub(crate) mod as_text;
mod build;
pub(crate) mod edit;
pub mod formula;
mod index;
mod interval;
pub mod name;
pub mod number;
pub(crate) mod realised;
pub mod scenario;
pub mod units;
pub(crate) mod validate;

pub(crate) use index::{ParameterIndex, pending_in};
pub(crate) use validate::Problem;

use crate::error::{Kind, Origin};
use formula::Expr;
pub use interval::Interval;
pub use realised::{Period, Realised};
use rust_decimal::Decimal;
use scenario::Scenario;
use std::fmt;
use units::{PartTimeFactor, Persons, WorkingHours};

/// `Display` and `FromStr` by the one spelling the data files use, from one table per type
/// (and `as_str` for the crate's own use). An unknown word is an [`Error::Input`](crate::Error)
/// naming the column and the words it takes.
macro_rules! spelled {
    ($type:ident, $column:literal, { $($variant:ident => $word:literal),+ $(,)? }) => {
        impl $type {
            /// The spelling used in the data files.
            pub(crate) const fn as_str(self) -> &'static str {
                match self {
                    $($type::$variant => $word,)+
                }
            }
        }

        /// The spelling used in the data files.
        impl fmt::Display for $type {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }

        /// Reads the data-file spelling.
        impl std::str::FromStr for $type {
            type Err = crate::Error;

            fn from_str(text: &str) -> crate::Result<$type> {
                match text {
                    $($word => Ok($type::$variant),)+
                    _ => {
                        let words = [$($word),+].join(", ");
                        let expected = format!("is not a {}: expected one of {words}", $column);
                        Err(crate::Error::invalid_value($column, text, expected))
                    }
                }
            }
        }
    };
}

/// The id of the norms used when an effect names none.
pub(crate) const DEFAULT_NORMS: &str = "default";

/// Everything known about one region.
#[derive(Clone, Debug, Default, PartialEq)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(try_from = "as_text::Unchecked")
)]
pub struct Model {
    /// The region's name and published claims.
    pub region: Region,
    /// Staffing norms; effects that name none use the id `default`.
    pub norms: Vec<Norms>,
    /// Parameters, at region level and per initiative.
    pub parameters: Vec<Parameter>,
    /// The region's themes, in report order.
    pub themes: Vec<Group>,
    /// The sectors where staff is freed or needed, in report order.
    pub sectors: Vec<Group>,
    /// The initiatives and their effects.
    pub initiatives: Vec<Initiative>,
    /// The projected shortage per year and scenario.
    pub shortages: Vec<Shortage>,
    /// Named scenarios to compare with the model as it is.
    pub scenarios: Vec<Scenario>,
    /// Values measured per period (`realised.csv`), each replacing a parameter's planned value
    /// for its period: what [`Model::monitor`] sets against the plan. Empty without monitoring.
    pub realised: Vec<Realised>,
    /// The persons each sector was short of per period (`staff.csv`): the realised gap.
    pub staff: Vec<Realised>,
}

/// The region and what its plan claims in total.
#[derive(Clone, Debug, Default, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Region {
    /// The region's name.
    pub name: String,
    /// The total of freed persons the plan publishes, as printed (e.g. "1500 - 1700").
    pub published_total: Option<Interval>,
    /// The share of the shortage the plan claims to cover, as printed (e.g. "35%").
    pub published_share: Option<Interval>,
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
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
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
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(rename_all = "snake_case")
)]
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
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Parameter {
    /// Region-wide or one initiative's.
    pub scope: Scope,
    /// The name formulas use.
    pub name: String,
    /// The exact value.
    #[cfg_attr(feature = "serde", serde(with = "crate::model::as_text::decimal"))]
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
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Range {
    /// The lowest value.
    #[cfg_attr(feature = "serde", serde(with = "crate::model::as_text::decimal"))]
    pub low: Decimal,
    /// The highest value.
    #[cfg_attr(feature = "serde", serde(with = "crate::model::as_text::decimal"))]
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
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(rename_all = "kebab-case")
)]
pub enum Distribution {
    /// Every value equally likely.
    #[default]
    Uniform,
    /// Likeliest at the parameter's value, falling linearly to the ends.
    Triangular,
    /// Beta-PERT: likeliest at the parameter's value, with thinner tails than the triangle.
    Pert,
}

spelled!(Distribution, "distribution", {
    Uniform => "uniform",
    Triangular => "triangular",
    Pert => "pert",
});

/// A theme of the region's plan ([`Model::themes`]), or a sector, zorgsoort or domain, where
/// staff is freed or needed ([`Model::sectors`]): what persons freed are summed under, each
/// group's sum a [`GroupResult`](crate::GroupResult).
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Group {
    /// Short id used in the data.
    pub id: String,
    /// The name as printed, in full.
    pub name: String,
    /// Where the record was read, if from a file.
    pub origin: Option<Origin>,
}

/// Whether an initiative runs, is planned, or was proposed on top. Running and planned
/// initiatives count in the totals; additional and potential ones only in a scenario that
/// counts them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(rename_all = "kebab-case")
)]
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

    /// Whether initiatives of this status count in the totals unless a scenario says otherwise:
    /// running and planned ones do, proposals do not.
    pub const fn counts_by_default(self) -> bool {
        matches!(
            self,
            Status::Running | Status::Planned | Status::RunningOrPlanned
        )
    }
}

spelled!(Status, "status", {
    Running => "running",
    Planned => "planned",
    RunningOrPlanned => "running-or-planned",
    Additional => "additional",
    Potential => "potential",
});

/// A theme an initiative counts towards, with its relative weight.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct ThemeShare {
    /// The theme id.
    pub theme: String,
    /// The relative weight; weights of one initiative are divided by their sum.
    #[cfg_attr(feature = "serde", serde(with = "crate::model::as_text::decimal"))]
    pub weight: Decimal,
}

/// One intervention, with the effects it has on staff.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
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
    pub published: Option<Interval>,
    /// The line of the source document the initiative is printed on.
    pub source_line: Option<u64>,
    /// A note on anything odd about it.
    pub note: String,
    /// Its effects; their persons add up to the initiative's.
    pub effects: Vec<Effect>,
    /// The year its effect starts from zero (default: the first year of the shortage). The
    /// initiative's figure is its full effect in the horizon year (the last year of the
    /// shortage); see [`Model::timeline`].
    pub start_year: Option<u16>,
    /// The year its effect is full (default: the horizon year).
    pub full_year: Option<u16>,
    /// A parameter holding the demand growth from the first year to the horizon that the figure
    /// already includes (Valpreventie: +16% to 2032); earlier years get the growth so far.
    pub growth: Option<String>,
    /// Where the record was read, if from a file.
    pub origin: Option<Origin>,
}

/// The unit a formula's value is in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(rename_all = "kebab-case")
)]
pub enum EffectUnit {
    /// Hours per year: divided by working hours and by the part-time factor.
    Hours,
    /// FTE: divided by the part-time factor.
    Fte,
    /// Persons already (workforce supply, or persons scaled from elsewhere).
    Persons,
}

spelled!(EffectUnit, "unit", {
    Hours => "hours",
    Fte => "fte",
    Persons => "persons",
});

/// One term of an initiative: staff freed (or, if negative, needed) in one sector.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Effect {
    /// Short id, unique within the initiative.
    pub id: String,
    /// The sector id.
    pub sector: String,
    /// The unit of the formula's value.
    pub unit: EffectUnit,
    /// The norms id that converts it (`default` when it names none).
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
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Shortage {
    /// The year.
    pub year: u16,
    /// The scenario's name, e.g. `base` or `worse`.
    pub scenario: String,
    /// The figure, in `unit`.
    #[cfg_attr(feature = "serde", serde(with = "crate::model::as_text::decimal"))]
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
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(rename_all = "kebab-case")
)]
pub enum ShortageUnit {
    /// Persons (head count).
    Persons,
    /// Full-time equivalents.
    Fte,
    /// A share of the staff required.
    Share,
}

spelled!(ShortageUnit, "unit", {
    Persons => "persons",
    Fte => "fte",
    Share => "share",
});

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
                crate::model::units::Fte::new(shortage.value)
                    .to_persons(factor)
                    .map_err(fail)
            }
            ShortageUnit::Share => {
                let staff = self.region.required_staff.ok_or_else(|| {
                    refuse("the staff required that it is a share of (key required_staff in region.csv, in persons)")
                })?;
                staff
                    .checked_scale(crate::model::units::Share::new(shortage.value))
                    .map_err(fail)
            }
        }
    }

    /// The norms with this id.
    pub fn norms(&self, id: &str) -> Option<&Norms> {
        self.norms.iter().find(|norms| norms.id == id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tiny() -> Model {
        crate::Loader::new()
            .load_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/tiny"))
            .map(|loaded| loaded.model)
            .unwrap()
    }

    #[test]
    fn the_data_files_words_read_and_print_alike() {
        for status in Status::ALL {
            assert_eq!(status.to_string().parse::<Status>().unwrap(), status);
        }
        assert_eq!(
            "running-or-planned".parse::<Status>().unwrap(),
            Status::RunningOrPlanned
        );
        assert_eq!("pert".parse::<Distribution>().unwrap(), Distribution::Pert);
        assert_eq!(Distribution::Triangular.to_string(), "triangular");
        assert_eq!("fte".parse::<EffectUnit>().unwrap(), EffectUnit::Fte);
        assert_eq!(EffectUnit::Hours.to_string(), "hours");
        assert_eq!(
            "share".parse::<ShortageUnit>().unwrap(),
            ShortageUnit::Share
        );
        assert_eq!(ShortageUnit::Persons.to_string(), "persons");
    }

    #[test]
    fn a_word_that_is_none_of_them_is_an_input_error_naming_the_words() {
        let error = "Lopend".parse::<Status>().unwrap_err();
        let [finding] = error.findings() else {
            panic!("{error}")
        };
        assert_eq!(finding.kind, Kind::InvalidValue);
        assert_eq!(finding.column.as_deref(), Some("status"));
        assert_eq!(finding.value, "Lopend");
        assert_eq!(
            finding.expected,
            "is not a status: expected one of running, planned, running-or-planned, additional, potential"
        );
        let error = "1700 - 1500".parse::<Interval>().unwrap_err();
        assert_eq!(error.findings()[0].value, "1700 - 1500");
        assert!("uniform ".parse::<Distribution>().is_err());
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
