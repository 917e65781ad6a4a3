//! What happened, next to the plan: values measured per period (`realised.csv`) and the staff
//! a sector was short of (`staff.csv`). Monitoring sets them against the plan (see
//! [`Model::monitor`](crate::Model::monitor)).

use super::validate::year_problem;
use super::{Model, ParameterIndex, Scope};
use crate::error::{Finding, Kind, Origin};
use crate::hash::FastMap;
use rust_decimal::Decimal;
use std::fmt;

/// A year (`2025`), a half year (`2025-H1`, `2025-H2`) or a quarter (`2025-Q3`) that realised
/// values are measured over. Periods sort by when they end, then by when they start.
///
/// ```
/// use workforce_gap::Period;
/// let half: Period = "2025-H1".parse()?;
/// assert_eq!((half.year(), half.to_string()), (2025, "2025-H1".to_string()));
/// assert!(half < "2025-Q3".parse::<Period>()?);
/// assert!("2025-H3".parse::<Period>().is_err());
/// # Ok::<(), workforce_gap::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Period {
    year: u16,
    /// The first and last quarter it spans, 1 to 4.
    first: u8,
    last: u8,
}

/// What a period is written as, for findings.
pub(crate) const EXPECTED_PERIOD: &str = "is not a period: expected a year (2025), a half year (2025-H1, 2025-H2) or a quarter (2025-Q3)";

impl Period {
    /// The whole year.
    pub fn year_of(year: u16) -> Period {
        Period {
            year,
            first: 1,
            last: 4,
        }
    }

    /// The calendar year the period lies in.
    pub fn year(&self) -> u16 {
        self.year
    }

    /// When the period ends, in years on the timeline's scale, where the year `Y` of
    /// [`Model::timeline`](crate::Model::timeline) stands for the state reached by the end of
    /// `Y`: `2025` and `2025-H2` end at 2025, `2025-H1` at 2024.5, `2025-Q1` at 2024.25.
    pub(crate) fn end(&self) -> Decimal {
        Decimal::from(self.year) - Decimal::ONE + Decimal::from(self.last) / Decimal::from(4)
    }

    fn key(&self) -> (u16, u8, u8) {
        (self.year, self.last, self.first)
    }
}

impl Ord for Period {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.key().cmp(&other.key())
    }
}

impl PartialOrd for Period {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

/// `2025`, `2025-H1` or `2025-Q3`.
impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.first, self.last) {
            (1, 4) => write!(f, "{}", self.year),
            (first, last) if first == last => write!(f, "{}-Q{first}", self.year),
            (_, last) => write!(f, "{}-H{}", self.year, last / 2),
        }
    }
}

/// Reads `2025`, `2025-H1` or `2025-Q3` (the letter in either case).
impl std::str::FromStr for Period {
    type Err = crate::Error;

    fn from_str(text: &str) -> crate::Result<Period> {
        let refuse = || crate::Error::invalid_value("period", text, EXPECTED_PERIOD);
        let year = |digits: &str| {
            (digits.len() == 4 && digits.bytes().all(|b| b.is_ascii_digit()))
                .then(|| digits.parse::<u16>().ok())
                .flatten()
                .ok_or_else(refuse)
        };
        let Some((digits, part)) = text.split_once('-') else {
            return Ok(Period::year_of(year(text)?));
        };
        let year = year(digits)?;
        let (first, last) = match part.to_ascii_uppercase().as_str() {
            "H1" => (1, 2),
            "H2" => (3, 4),
            "Q1" => (1, 1),
            "Q2" => (2, 2),
            "Q3" => (3, 3),
            "Q4" => (4, 4),
            _ => return Err(refuse()),
        };
        Ok(Period { year, first, last })
    }
}

/// One realised value: what a parameter was measured to be over a period (`realised.csv`), or
/// the staff a sector was short of (`staff.csv`).
///
/// In [`Model::realised`](crate::Model::realised), `scope` and `name` name a parameter as
/// `parameters.csv` does, and `value` replaces its planned value for that period only. In
/// [`Model::staff`](crate::Model::staff), `scope` is [`Scope::Region`], `name` is a sector id and
/// `value` the persons the sector was short of (unfilled need, such as vacancies it could not
/// fill), the realised gap set against the projected shortage.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct Realised {
    /// The period measured.
    pub period: Period,
    /// The parameter's scope (the region, for staff).
    pub scope: Scope,
    /// The parameter's name, or the sector's id.
    pub name: String,
    /// The value measured, in the parameter's unit (persons, for staff).
    #[cfg_attr(feature = "serde", serde(with = "crate::model::as_text::decimal"))]
    pub value: Decimal,
    /// Where the figure comes from (a registration, a survey; or that it is invented).
    pub source: String,
    /// Where the record was read, if from a file.
    pub origin: Option<Origin>,
}

impl Realised {
    /// A realised value of the parameter `name` of `scope` (`region` or an initiative's id),
    /// built in Rust.
    pub fn new(period: Period, scope: &str, name: &str, value: impl Into<Decimal>) -> Realised {
        Realised {
            period,
            scope: Scope::from(scope),
            name: name.to_string(),
            value: value.into(),
            source: String::new(),
            origin: None,
        }
    }

    /// The persons a sector was short of over a period, built in Rust.
    pub fn staff(period: Period, sector: &str, persons: impl Into<Decimal>) -> Realised {
        Realised::new(period, "region", sector, persons)
    }
}

impl Model {
    /// The first year of the plan: the earliest year of its shortage. Nothing can be realised
    /// before it.
    pub(crate) fn plan_start(&self) -> Option<u16> {
        self.shortages.iter().map(|s| s.year).min()
    }

    /// The findings about the realised values and staff: each must name a parameter (a
    /// sector), lie in a plausible period from the plan's start on, be given once per period,
    /// and be a value the parameter can take; far outside its range is a warning.
    pub(crate) fn check_realised(&self, parameters: &ParameterIndex) -> Vec<Finding> {
        let mut findings = Vec::new();
        let mut add = |kind, at: &Option<Origin>, column: &str, value: String, expected: String| {
            findings.push(Finding::new(kind, at.as_ref(), column, value, expected));
        };
        let start = self.plan_start();
        let mut seen: FastMap<(Period, &Scope, &str), &Option<Origin>> = FastMap::default();
        let tables = [(&self.realised, false), (&self.staff, true)];
        for (realised, staff) in tables {
            seen.clear();
            for r in realised {
                let at = &r.origin;
                let period = r.period.to_string();
                if let Some((kind, expected)) = year_problem(r.period.year()) {
                    add(kind, at, "period", period.clone(), expected);
                } else if let Some(start) = start.filter(|s| r.period.year() < *s) {
                    let expected = format!(
                        "is before the plan starts in {start} (its first shortage year): nothing can be realised yet"
                    );
                    add(Kind::InvalidValue, at, "period", period.clone(), expected);
                }
                let name_column = if staff { "sector" } else { "name" };
                match seen.insert((r.period, &r.scope, &r.name), at) {
                    Some(first) => {
                        let (record, line) =
                            first.as_ref().map_or(("line", 0), |o| (o.record(), o.line));
                        let expected =
                            format!("is given twice for {period}: first on {record} {line}");
                        add(Kind::Duplicate, at, name_column, r.name.clone(), expected);
                    }
                    None if staff => self.check_staff(r, &mut add),
                    None => self.check_value(parameters, r, &mut add),
                }
            }
        }
        findings
    }

    fn check_staff(
        &self,
        r: &Realised,
        add: &mut impl FnMut(Kind, &Option<Origin>, &str, String, String),
    ) {
        if !self.sectors.iter().any(|s| s.id == r.name) {
            let expected = "is not a sector id of sectors.csv".to_string();
            add(
                Kind::UnknownReference,
                &r.origin,
                "sector",
                r.name.clone(),
                expected,
            );
        }
        if r.value < Decimal::ZERO {
            let expected = "is negative: persons short are zero or more".to_string();
            let value = r.value.normalize().to_string();
            add(Kind::NegativeQuantity, &r.origin, "short", value, expected);
        }
    }

    fn check_value(
        &self,
        parameters: &ParameterIndex,
        r: &Realised,
        add: &mut impl FnMut(Kind, &Option<Origin>, &str, String, String),
    ) {
        let at = &r.origin;
        let Some(position) = parameters.exact(&r.scope, &r.name) else {
            if let Scope::Initiative(id) = &r.scope
                && !self.initiatives.iter().any(|i| &i.id == id)
            {
                let expected = "names no initiative (nor \"region\")".to_string();
                add(Kind::UnknownReference, at, "scope", id.clone(), expected);
            } else {
                let expected = format!("is not a parameter of {} in parameters.csv", r.scope);
                add(Kind::UnknownReference, at, "name", r.name.clone(), expected);
            }
            return;
        };
        let parameter = &self.parameters[position];
        let value = r.value.normalize().to_string();
        if let Some((kind, expected)) = parameter.value_problem(r.value) {
            add(kind, at, "value", value, expected);
        } else if let Some(range) = &parameter.range
            && let Some(width) = range.high.checked_sub(range.low).filter(|w| !w.is_zero())
            && (range
                .low
                .checked_sub(width)
                .is_some_and(|low| r.value < low)
                || range
                    .high
                    .checked_add(width)
                    .is_some_and(|high| r.value > high))
        {
            let expected = format!(
                "is far outside the parameter's range {} - {} (more than its width beyond an end): a typo, or a plan far off",
                range.low.normalize(),
                range.high.normalize()
            );
            add(Kind::OutsideRange, at, "value", value, expected);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn periods_read_print_and_end() {
        let read = |text: &str| text.parse::<Period>().unwrap();
        for text in ["2025", "2025-H1", "2025-H2", "2025-Q1", "2025-Q4"] {
            assert_eq!(read(text).to_string(), text);
        }
        assert_eq!(read("2025-h2"), read("2025-H2"));
        // The end on the timeline's scale: year - 1 + last quarter / 4.
        assert_eq!(read("2025").end(), Decimal::from(2025));
        assert_eq!(read("2025-H1").end(), Decimal::new(20245, 1));
        assert_eq!(read("2025-Q3").end(), Decimal::new(202475, 2));
        for bad in [
            "",
            "25",
            "2025-H3",
            "2025-Q5",
            "2025-",
            "-H1",
            "2025-H1-",
            "２０２５",
        ] {
            assert!(bad.parse::<Period>().is_err(), "{bad}");
        }
        let mut periods = [
            read("2026"),
            read("2025-H2"),
            read("2025-Q1"),
            read("2025-H1"),
        ];
        periods.sort();
        let sorted: Vec<String> = periods.iter().map(Period::to_string).collect();
        assert_eq!(sorted, ["2025-Q1", "2025-H1", "2025-H2", "2026"]);
    }
}
