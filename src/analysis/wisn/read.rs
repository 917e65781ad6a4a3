//! A WISN folder -> [`Wisn`]: `time.csv` and `activities.csv`, read with the model's CSV
//! machinery, so that every finding names file, line, column, the raw value and what was
//! expected, and all problems of both files come together.

use super::{Activity, ActivityKind, ActivityStandard, StandardUnit, Wisn};
use crate::error::{Error, Finding, Kind, Origin};
use crate::input::loader::{Loaded, Loader, Row, Table, require_folder};
use crate::model::units::Persons;
use rust_decimal::Decimal;
use std::collections::BTreeMap;
use std::path::Path;

/// The files of a WISN folder ([`Wisn::FILES`]).
pub(crate) const WISN_FILES: [&str; 2] = ["time.csv", "activities.csv"];

const TIME_COLUMNS: [&str; 2] = ["key", "value"];
const ACTIVITY_COLUMNS: [&str; 5] = ["activity", "kind", "workload", "standard", "unit"];

/// The keys of time.csv: `working_days`, or `weeks` and `days_per_week`, then the rest.
const TIME_KEYS: [&str; 9] = [
    "working_days",
    "weeks",
    "days_per_week",
    "public_holidays",
    "annual_leave",
    "sick_leave",
    "other_leave",
    "hours_per_day",
    "current_staff",
];

/// The columns a table of a WISN folder must have.
fn columns(name: &str) -> &'static [&'static str] {
    if name == "time.csv" {
        &TIME_COLUMNS
    } else {
        &ACTIVITY_COLUMNS
    }
}

impl Wisn {
    /// The files of a WISN folder: `time.csv` and `activities.csv`.
    pub const FILES: [&'static str; 2] = WISN_FILES;

    /// Reads a WISN folder, holding the files in [`Wisn::FILES`], in the canonical dialect.
    pub fn load_dir(dir: impl AsRef<Path>) -> Result<Wisn, Error> {
        Wisn::load_dir_with(&Loader::new(), dir).map(|loaded| loaded.model)
    }

    /// Reads a WISN folder in the dialect `loader` states or detects. Every problem of both files
    /// (a file missing, a bad field, a value [`Wisn::check`] refuses) is one [`Error::Input`].
    pub fn load_dir_with(loader: &Loader, dir: impl AsRef<Path>) -> Result<Loaded<Wisn>, Error> {
        let dir = dir.as_ref();
        require_folder(dir)?;
        let mut tables = Tables::default();
        for name in WISN_FILES {
            let path = dir.join(name);
            // A dangling link is there: reading it says what it is.
            if std::fs::symlink_metadata(&path).is_err() {
                tables.missing(name);
                continue;
            }
            let table = loader.read_table(&path, columns(name), |row| tables.row(name, row))?;
            tables.read(name, table);
        }
        tables.finish()
    }

    /// Reads a WISN calculation's input from `(file name, contents)` pairs in the canonical
    /// dialect: `time.csv` and `activities.csv`.
    pub fn from_texts(files: &[(&str, &str)]) -> Result<Wisn, Error> {
        let loader = Loader::new();
        let mut tables = Tables::default();
        for (name, _) in files.iter().filter(|(name, _)| !WISN_FILES.contains(name)) {
            let expected = format!(
                "is not a file of WISN: expected {}",
                WISN_FILES.join(" and ")
            );
            (tables.findings).push(Finding::new(Kind::UnknownFile, None, "", *name, expected));
        }
        for name in WISN_FILES {
            match files.iter().find(|(given, _)| *given == name) {
                Some((_, text)) => {
                    let table =
                        loader.read_table_bytes(name, text.as_bytes(), columns(name), |row| {
                            tables.row(name, row)
                        });
                    tables.read(name, table);
                }
                None => tables.missing(name),
            }
        }
        tables.finish().map(|loaded| loaded.model)
    }
}

/// The two tables as they are read: the values of time.csv by key, the activities, and the
/// findings so far.
#[derive(Default)]
struct Tables {
    /// The values of time.csv by key, `None` where the value is unreadable (noted already).
    time: BTreeMap<&'static str, (Option<Decimal>, Origin)>,
    activities: Vec<Activity>,
    /// The names of the activities so far, including those whose row had a bad field, with
    /// their lines.
    names: BTreeMap<String, u64>,
    findings: Vec<Finding>,
    /// The files that are missing or could not be read: what they would hold is not checked.
    unread: Vec<&'static str>,
}

impl Tables {
    fn missing(&mut self, name: &'static str) {
        self.unread.push(name);
        let expected = format!(
            "is missing: a WISN folder holds {} (see the README)",
            WISN_FILES.join(" and ")
        );
        (self.findings).push(Finding::new(Kind::MissingFile, None, "", name, expected));
    }

    /// Takes in what reading a file found.
    fn read(&mut self, name: &'static str, table: Table) {
        self.findings.extend(table.findings);
        if !table.readable {
            self.unread.push(name);
        }
    }

    fn row(&mut self, file: &str, row: &mut Row) {
        if file == "time.csv" {
            self.time_row(row);
        } else {
            self.activity_row(row);
        }
    }

    fn time_row(&mut self, row: &mut Row) {
        let key = row.get("key");
        let Some(key) = TIME_KEYS.iter().copied().find(|k| *k == key) else {
            let expected = format!(
                "is not a key of time.csv: expected one of {}",
                TIME_KEYS.join(", ")
            );
            row.finding(Kind::InvalidValue, "key", key, expected);
            return;
        };
        if let Some((_, first)) = self.time.get(key) {
            let expected = format!("is set twice: first on line {}", first.line);
            row.finding(Kind::Duplicate, "key", key, expected);
            return;
        }
        let value = row.decimal("value");
        self.time.insert(key, (value, row.origin().clone()));
    }

    fn activity_row(&mut self, row: &mut Row) {
        let origin = row.origin();
        let name = row.get("activity");
        if name.is_empty() {
            row.finding(
                Kind::InvalidValue,
                "activity",
                name,
                "is empty: expected the activity's name",
            );
        } else if let Some(first) = self.names.get(name) {
            let expected = format!("is named twice: first on line {first}");
            row.finding(Kind::Duplicate, "activity", name, expected);
        } else {
            self.names.insert(name.to_string(), origin.line);
        }
        let kind = ActivityKind::parse(row.get("kind"));
        if kind.is_none() {
            let expected = "is not a kind: expected health-service, category-allowance or individual-allowance";
            let raw = row.get("kind");
            row.finding(Kind::InvalidValue, "kind", raw, expected);
        }
        let unit = StandardUnit::parse(row.get("unit"));
        if unit.is_none() {
            let raw = row.get("unit");
            row.finding(
                Kind::InvalidValue,
                "unit",
                raw,
                "is not a unit: expected minutes, hours, days or %",
            );
        }
        let standard = row.decimal("standard");
        let workload = match kind {
            Some(ActivityKind::CategoryAllowance) => {
                let raw = row.get("workload");
                if !raw.is_empty() {
                    let expected = "is a workload for a category allowance, which every staff member has: leave it empty";
                    row.finding(Kind::InvalidValue, "workload", raw, expected);
                }
                Some(Decimal::ZERO)
            }
            _ => row.decimal("workload"),
        };
        let duplicate = self.names.get(name) != Some(&origin.line);
        if let (Some(kind), Some(unit), Some(value), Some(workload), false) =
            (kind, unit, standard, workload, name.is_empty() || duplicate)
        {
            self.activities.push(Activity {
                name: name.to_string(),
                kind,
                workload,
                standard: ActivityStandard::of(value, unit),
                origin: Some(origin.clone()),
            });
        }
    }

    /// The time table: a calculation with its available working time and current staff, and
    /// no activities yet, noting every key that is missing.
    fn available_time(&mut self) -> Option<Wisn> {
        let given = |key: &str| self.time.contains_key(key);
        let value = |key: &str| self.time.get(key).and_then(|(value, _)| *value);
        // Keys missing, or given in a way that cannot be read, and what was expected.
        let mut problems = Vec::new();
        let working_days = match (
            given("working_days"),
            given("weeks"),
            given("days_per_week"),
        ) {
            (true, false, false) => value("working_days"),
            (false, true, true) => match (value("weeks"), value("days_per_week")) {
                (Some(weeks), Some(per_week)) => {
                    let days = weeks.checked_mul(per_week);
                    if days.is_none() {
                        let expected = "times days_per_week is too large for an exact decimal";
                        problems.push(("weeks", expected));
                    }
                    days
                }
                _ => None,
            },
            (false, false, false) => {
                let expected =
                    "is missing from time.csv: give working_days, or weeks and days_per_week";
                problems.push(("working_days", expected));
                None
            }
            (false, true, false) => {
                problems.push((
                    "days_per_week",
                    "is missing from time.csv: weeks needs days_per_week",
                ));
                None
            }
            (false, false, true) => {
                problems.push((
                    "weeks",
                    "is missing from time.csv: days_per_week needs weeks",
                ));
                None
            }
            (true, _, _) => {
                let expected = "is given with weeks or days_per_week in time.csv: give working_days, or weeks and days_per_week, not both";
                problems.push(("working_days", expected));
                None
            }
        };
        let others: Vec<Option<Decimal>> = (TIME_KEYS[3..].iter())
            .map(|key| {
                if !given(key) {
                    problems.push((
                        key,
                        "is missing from time.csv: add a row with this key and its value",
                    ));
                }
                value(key)
            })
            .collect();
        for (key, expected) in problems {
            (self.findings).push(Finding::new(Kind::InvalidValue, None, "key", key, expected));
        }
        let [
            public_holidays,
            annual_leave,
            sick_leave,
            other_leave,
            hours_per_day,
            current_staff,
        ] = others[..]
        else {
            return None;
        };
        Some(Wisn {
            working_days: working_days?,
            public_holidays: public_holidays?,
            annual_leave: annual_leave?,
            sick_leave: sick_leave?,
            other_leave: other_leave?,
            hours_per_day: hours_per_day?,
            current_staff: Persons::new(current_staff?),
            ..Wisn::default()
        })
    }

    fn finish(mut self) -> Result<Loaded<Wisn>, Error> {
        let time = if self.unread.contains(&"time.csv") {
            None
        } else {
            self.available_time()
        };
        let origins: BTreeMap<String, Origin> = (self.time.iter())
            .map(|(key, (_, origin))| (key.to_string(), origin.clone()))
            .collect();
        let activities = (!self.unread.contains(&"activities.csv")).then_some(&self.activities[..]);
        let values: Vec<(&str, Decimal)> = (self.time.iter())
            .filter_map(|(key, (value, _))| Some((*key, (*value)?)))
            .collect();
        let mut findings = self.findings;
        findings.extend(super::checks(&values, time.as_ref(), &origins, activities));
        findings.sort();
        findings.dedup();
        match time {
            Some(time) if !findings.iter().any(Finding::is_error) => {
                let wisn = Wisn {
                    activities: self.activities,
                    origins,
                    ..time
                };
                Ok(Loaded {
                    model: wisn,
                    findings,
                })
            }
            _ => Err(Error::Input { findings }),
        }
    }
}
