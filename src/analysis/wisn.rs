//! The WHO's Workload Indicators of Staffing Need (WISN): where the bare "2000 working hours per
//! year" of a plan comes from, and the staff a workload requires, set against the staff there is
//! (see [`Wisn`]).

use crate::engine::arithmetic::Arithmetic;
use crate::error::{ArithmeticError, Error, Finding, Kind, Origin};
use crate::model::units::{Persons, Share, WorkingHours};
use rust_decimal::Decimal;
use std::collections::BTreeMap;

mod read;

impl Persons {
    /// The WISN ratio of this current staff: over the staff the workload requires. Below one,
    /// staff is short: 0.8 means a fifth of the required staff is missing.
    pub fn wisn_ratio(self, required: Persons) -> Result<Share, ArithmeticError> {
        self.ratio_to(required)
    }
}

/// What an activity is, in WISN's terms.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ActivityKind {
    /// Work for patients, recorded in the health statistics: the workload is units a year and
    /// the standard a time per unit.
    HealthService,
    /// Work every staff member of the category does besides the health services: the standard
    /// is time per staff member a year, or a % of working time; the workload is not read.
    CategoryAllowance,
    /// Work only some staff do: the standard is time a year for each, the workload the number of
    /// staff who do it.
    IndividualAllowance,
}

impl ActivityKind {
    /// The kind as `activities.csv` writes it: `health-service`, `category-allowance` or
    /// `individual-allowance`.
    pub fn parse(text: &str) -> Option<ActivityKind> {
        match text {
            "health-service" => Some(ActivityKind::HealthService),
            "category-allowance" => Some(ActivityKind::CategoryAllowance),
            "individual-allowance" => Some(ActivityKind::IndividualAllowance),
            _ => None,
        }
    }
}

/// An activity standard: a time in its unit, or a % of the available working time.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ActivityStandard {
    /// Minutes.
    Minutes(Decimal),
    /// Hours.
    Hours(Decimal),
    /// Working days of [`Wisn::hours_per_day`] hours.
    Days(Decimal),
    /// A percentage of the available working time (category allowances only): 20 is 20%.
    Percent(Decimal),
}

/// The unit of a standard, as `activities.csv` writes it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum StandardUnit {
    Minutes,
    Hours,
    Days,
    Percent,
}

impl StandardUnit {
    /// The unit as `activities.csv` writes it: `minutes`, `hours`, `days` or `%`.
    pub(crate) fn parse(text: &str) -> Option<StandardUnit> {
        match text {
            "minutes" => Some(StandardUnit::Minutes),
            "hours" => Some(StandardUnit::Hours),
            "days" => Some(StandardUnit::Days),
            "%" => Some(StandardUnit::Percent),
            _ => None,
        }
    }
}

impl ActivityStandard {
    /// The standard of `value` in `unit`.
    pub(crate) fn of(value: Decimal, unit: StandardUnit) -> ActivityStandard {
        match unit {
            StandardUnit::Minutes => ActivityStandard::Minutes(value),
            StandardUnit::Hours => ActivityStandard::Hours(value),
            StandardUnit::Days => ActivityStandard::Days(value),
            StandardUnit::Percent => ActivityStandard::Percent(value),
        }
    }

    /// The number as stated, and its unit.
    pub(crate) fn parts(self) -> (Decimal, StandardUnit) {
        match self {
            ActivityStandard::Minutes(value) => (value, StandardUnit::Minutes),
            ActivityStandard::Hours(value) => (value, StandardUnit::Hours),
            ActivityStandard::Days(value) => (value, StandardUnit::Days),
            ActivityStandard::Percent(value) => (value, StandardUnit::Percent),
        }
    }
}

/// One row of `activities.csv`: an activity of the staff category, its workload and standard.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Activity {
    /// Its name, unique in the table.
    pub name: String,
    /// What it is.
    pub kind: ActivityKind,
    /// Units a year (health service), the staff who do it (individual allowance); not read for
    /// a category allowance.
    pub workload: Decimal,
    /// Time per unit (health service), per staff member a year (allowances).
    pub standard: ActivityStandard,
    /// Where it was read; `None` for an activity built in Rust.
    pub origin: Option<Origin>,
}

/// The WHO's Workload Indicators of Staffing Need (WISN) for one staff category: its available
/// working time, current staff and activities, from which [`Wisn::staffing`] computes the staff
/// the workload requires, set against the staff there is. The method, in its own terms:
///
/// - **available working time** (AWT): the working days of a year less public holidays, annual
///   leave, sick leave and other absence, times the working hours of a day;
/// - **standard workload** of a health-service activity: the units of it one staff member can do
///   in a year, AWT / the standard time per unit; the staff it needs: its yearly workload / its
///   standard workload;
/// - **category allowance standards** (CAS): work every staff member does besides the health
///   services (meetings, records), as time a year or a % of working time. Their sum as a share of
///   AWT gives the **category allowance factor** CAF = 1 / (1 - that share);
/// - **individual allowance standards** (IAS): work only some staff do (supervision, teaching),
///   time a year times the staff who do it. Their sum over AWT is the **individual allowance
///   factor** IAF, in staff;
/// - **required staff** = the sum of the health-service staff x CAF + IAF; the **WISN
///   difference** is current - required staff, the **WISN ratio** current / required.
///
/// The input is the tables `time.csv` and `activities.csv` in a folder ([`Wisn::load_dir`]; the
/// README shows them), or built in Rust:
///
/// ```
/// use workforce_gap::{
///     Activity, ActivityKind, ActivityStandard, Decimal, Persons, Wisn,
/// };
/// let d = |n: i64| Decimal::from(n);
/// let activity = |name: &str, kind, workload, standard| Activity {
///     name: name.into(), kind, workload, standard, origin: None,
/// };
/// let wisn = Wisn {
///     working_days: d(260),
///     public_holidays: d(10),
///     annual_leave: d(25),
///     sick_leave: d(5),
///     other_leave: d(0),
///     hours_per_day: d(8),
///     current_staff: Persons::new(d(9)),
///     activities: vec![
///         activity("admission", ActivityKind::HealthService, d(2640), ActivityStandard::Hours(d(2))),
///         activity("meetings", ActivityKind::CategoryAllowance, d(0), ActivityStandard::Percent(d(20))),
///     ],
///     origins: Default::default(),
/// };
/// let staffing = wisn.staffing()?;
/// // (260 - 10 - 25 - 5 - 0) days * 8 hours = 1760 hours; 1760 / 2 = 880 admissions a year each
/// assert_eq!(staffing.available_hours.value(), d(1760));
/// assert_eq!(staffing.services[0].standard_workload, d(880));
/// // 2640 / 880 = 3 staff, times CAF 1 / (1 - 20%) = 1.25: 3.75 required, and 9 there are
/// assert_eq!(staffing.required.value(), "3.75".parse()?);
/// assert_eq!(staffing.difference.value(), "5.25".parse()?);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Wisn {
    /// Contracted working days in a year (52 weeks of 5 days: 260 or 261).
    pub working_days: Decimal,
    /// Public holidays on working days.
    pub public_holidays: Decimal,
    /// Annual leave, in days.
    pub annual_leave: Decimal,
    /// Sick leave, in days.
    pub sick_leave: Decimal,
    /// Other absence, in days: training, special leave.
    pub other_leave: Decimal,
    /// Working hours in a day.
    pub hours_per_day: Decimal,
    /// The staff of the category there is now.
    pub current_staff: Persons,
    /// The activities, in the order of the table.
    pub activities: Vec<Activity>,
    /// Where each key of `time.csv` was read, by key (`working_days` or `weeks`,
    /// `hours_per_day`, `current_staff`, ...); empty for a calculation built in Rust.
    pub origins: BTreeMap<String, Origin>,
}

/// A health-service activity's standard workload and the staff its workload needs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ServiceStaff {
    /// The activity's name.
    pub activity: String,
    /// Its workload: units a year.
    pub workload: Decimal,
    /// Units one staff member can do in a year: AWT / the time per unit.
    pub standard_workload: Decimal,
    /// Staff its workload needs: workload / standard workload.
    pub staff: Persons,
}

/// The result of a WISN calculation, in exact decimals: rounding is for presenting only.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Staffing {
    /// Available working time in days a year.
    pub available_days: Decimal,
    /// Available working time in hours a year.
    pub available_hours: WorkingHours,
    /// The health-service activities, in the order of the table.
    pub services: Vec<ServiceStaff>,
    /// Staff for all health-service activities: the sum of their staff.
    pub service_staff: Persons,
    /// The category allowances as a share of the available working time.
    pub category_allowance: Share,
    /// The category allowance factor: 1 / (1 - the category allowances' share).
    pub caf: Share,
    /// The individual allowance factor: the individual allowances' time / AWT, in staff.
    pub iaf: Persons,
    /// Required staff: service staff x CAF + IAF.
    pub required: Persons,
    /// The staff there is.
    pub current: Persons,
    /// The WISN difference: current - required staff; below zero, staff is short.
    pub difference: Persons,
    /// The WISN ratio: current / required staff; `None` when no staff is required.
    pub ratio: Option<Share>,
}

impl Staffing {
    /// The figures as `(key, exact value)` rows, as the example's CSV writes them: the
    /// available time, each health-service activity's standard workload and staff
    /// (`standard_workload.<activity>`, `staff.<activity>`), then `service_staff`,
    /// `category_allowance_share`, `caf`, `iaf`, `required_staff`, `current_staff`,
    /// `difference` and `ratio` (`None` when no staff is required).
    pub fn key_values(&self) -> Vec<(String, Option<Decimal>)> {
        let mut rows = vec![
            ("available_days".to_string(), Some(self.available_days)),
            (
                "available_hours".to_string(),
                Some(self.available_hours.value()),
            ),
        ];
        for service in &self.services {
            let key = |what: &str| format!("{what}.{}", service.activity);
            rows.push((key("standard_workload"), Some(service.standard_workload)));
            rows.push((key("staff"), Some(service.staff.value())));
        }
        rows.extend([
            ("service_staff".into(), Some(self.service_staff.value())),
            (
                "category_allowance_share".into(),
                Some(self.category_allowance.value()),
            ),
            ("caf".into(), Some(self.caf.value())),
            ("iaf".into(), Some(self.iaf.value())),
            ("required_staff".into(), Some(self.required.value())),
            ("current_staff".into(), Some(self.current.value())),
            ("difference".into(), Some(self.difference.value())),
            ("ratio".into(), self.ratio.map(Share::value)),
        ]);
        rows
    }
}

impl Wisn {
    /// Every problem of the input: negative days, hours, workloads or standards, a day of no
    /// hours or more than 24, no available working time, a health-service activity with no
    /// time per unit, a % standard outside the category allowances, category allowances that
    /// take 100% of the working time or more (CAF undefined), no health-service activity.
    /// Located where the input was read from files.
    pub fn check(&self) -> Vec<Finding> {
        let values = [
            ("working_days", self.working_days),
            ("public_holidays", self.public_holidays),
            ("annual_leave", self.annual_leave),
            ("sick_leave", self.sick_leave),
            ("other_leave", self.other_leave),
            ("hours_per_day", self.hours_per_day),
            ("current_staff", self.current_staff.value()),
        ];
        checks(&values, Some(self), &self.origins, Some(&self.activities))
    }

    /// Available working time in days a year: `days - holidays - leave - sick - other`. An
    /// absence as long as the year leaves no working time to divide by: that is
    /// [`ArithmeticError::DivisionByZero`], as every division by this time would be, never a
    /// negative number of days.
    pub fn available_days(&self) -> Result<Decimal, ArithmeticError> {
        let days = self.working_days.sub(self.absent_days()?)?;
        if days <= Decimal::ZERO {
            return Err(ArithmeticError::DivisionByZero);
        }
        Ok(days)
    }

    /// Available working time in hours a year: the [available days](Self::available_days)
    /// times the hours of a day. On its own it traces where the "2000 working hours" of a
    /// plan's norms come from:
    ///
    /// ```
    /// use workforce_gap::Wisn;
    /// let nurse = Wisn {
    ///     working_days: 261.into(),        // 52 weeks of 5 days, and a day
    ///     public_holidays: 7.into(),
    ///     annual_leave: 25.into(),
    ///     sick_leave: 14.into(),
    ///     other_leave: 5.into(),
    ///     hours_per_day: "7.2".parse().unwrap(), // a 36-hour week
    ///     ..Wisn::default()
    /// };
    /// // (261 - 7 - 25 - 14 - 5) * 7.2 = 1512 hours a year, not 2000
    /// assert_eq!(nurse.working_hours()?.value(), 1512.into());
    /// # Ok::<(), workforce_gap::ArithmeticError>(())
    /// ```
    pub fn working_hours(&self) -> Result<WorkingHours, ArithmeticError> {
        Ok(WorkingHours::new(
            self.available_days()?.mul(self.hours_per_day)?,
        ))
    }

    /// The days of absence: holidays, annual leave, sick leave and other leave.
    fn absent_days(&self) -> Result<Decimal, ArithmeticError> {
        self.public_holidays
            .add(self.annual_leave)?
            .add(self.sick_leave)?
            .add(self.other_leave)
    }

    /// The WISN calculation: every problem [`Wisn::check`] finds is an [`Error::Input`] listing
    /// them all; a result beyond an exact decimal is an [`Error::Arithmetic`] naming the
    /// activity.
    pub fn staffing(&self) -> Result<Staffing, Error> {
        let findings = self.check();
        if findings.iter().any(Finding::is_error) {
            return Err(Error::Input { findings });
        }
        let overall = |kind| Error::Arithmetic {
            context: "WISN: the available working time and the required staff".into(),
            kind,
        };
        let available_days = self.available_days().map_err(overall)?;
        let available_hours = self.working_hours().map_err(overall)?;
        let awt = Awt {
            days: available_days,
            hours: available_hours.value(),
        };
        let mut services = Vec::new();
        let mut category_allowance = Share::ZERO;
        let mut iaf = Persons::ZERO;
        for activity in &self.activities {
            let failed = |kind| Error::Arithmetic {
                context: format!("WISN: activity {:?}{}", activity.name, at(&activity.origin)),
                kind,
            };
            let (value, unit) = activity.standard.parts();
            let awt = awt.in_unit(unit).map_err(failed)?;
            // The staff a year's time in the standard's unit takes: time / AWT.
            let staff_for = |time: Decimal| time.div(awt).map_err(failed);
            let workload_time = || activity.workload.mul(value).map_err(failed);
            match activity.kind {
                ActivityKind::HealthService => services.push(ServiceStaff {
                    activity: activity.name.clone(),
                    workload: activity.workload,
                    standard_workload: awt.div(value).map_err(failed)?,
                    // workload / (AWT / standard), with one division rather than two
                    staff: Persons::new(staff_for(workload_time()?)?),
                }),
                ActivityKind::CategoryAllowance => {
                    let share = Share::new(staff_for(value)?);
                    category_allowance = category_allowance.checked_add(share).map_err(failed)?;
                }
                ActivityKind::IndividualAllowance => {
                    let staff = Persons::new(staff_for(workload_time()?)?);
                    iaf = iaf.checked_add(staff).map_err(failed)?;
                }
            }
        }
        let service_staff =
            Persons::checked_sum(services.iter().map(|s| s.staff)).map_err(overall)?;
        let caf = (Decimal::ONE.sub(category_allowance.value()))
            .and_then(|rest| Decimal::ONE.div(rest))
            .map(Share::new)
            .map_err(overall)?;
        let required = service_staff
            .checked_scale(caf)
            .and_then(|staff| staff.checked_add(iaf))
            .map_err(overall)?;
        let current = self.current_staff;
        Ok(Staffing {
            available_days,
            available_hours,
            services,
            service_staff,
            category_allowance,
            caf,
            iaf,
            required,
            current,
            difference: current.checked_sub(required).map_err(overall)?,
            ratio: (!required.value().is_zero())
                .then(|| current.wisn_ratio(required))
                .transpose()
                .map_err(overall)?,
        })
    }
}

/// The available working time, in each unit a standard may have.
struct Awt {
    days: Decimal,
    hours: Decimal,
}

impl Awt {
    /// The available working time in `unit`, so that a standard in it divides it exactly once;
    /// for `%`, 100.
    fn in_unit(&self, unit: StandardUnit) -> Result<Decimal, ArithmeticError> {
        match unit {
            StandardUnit::Minutes => self.hours.mul(Decimal::from(60)),
            StandardUnit::Hours => Ok(self.hours),
            StandardUnit::Days => Ok(self.days),
            StandardUnit::Percent => Ok(Decimal::ONE_HUNDRED),
        }
    }
}

/// The checks of [`Wisn::check`] on what could be read: the values of the time table there are
/// (by key, the current staff among them), the calculation once they are complete (its
/// available working time),
/// where the keys were read, and the activities. The allowances are checked against the working
/// time once all else is free of errors.
fn checks(
    values: &[(&str, Decimal)],
    time: Option<&Wisn>,
    origins: &BTreeMap<String, Origin>,
    activities: Option<&[Activity]>,
) -> Vec<Finding> {
    let mut findings = check_time(values, time, origins);
    if let Some(activities) = activities {
        findings.extend(check_activities(activities));
    }
    let clean = !findings.iter().any(Finding::is_error);
    if let (true, Some(time), Some(activities)) = (clean, time, activities)
        && let Ok(days) = time.available_days()
    {
        findings.extend(check_allowances(time, days, activities));
    }
    findings
}

/// ` (activities.csv line 3)`, or nothing for an activity built in Rust.
fn at(origin: &Option<Origin>) -> String {
    origin
        .as_ref()
        .map_or_else(String::new, |o| format!(" ({} line {})", o.file, o.line))
}

/// The problems of the values of the time table, by key, and of the available working time
/// they make.
fn check_time(
    values: &[(&str, Decimal)],
    time: Option<&Wisn>,
    origins: &BTreeMap<String, Origin>,
) -> Vec<Finding> {
    let mut findings = Vec::new();
    let mut problem = |key: &str, value: Decimal, expected: String| {
        // The working days may have been read as weeks and days per week.
        let origin = (origins.get(key)).or_else(|| {
            (key == "working_days")
                .then(|| origins.get("weeks"))
                .flatten()
        });
        let column = if origin.is_some() { "value" } else { key };
        let value = value.to_string();
        let finding = Finding::new(Kind::InvalidValue, origin, column, value, expected);
        findings.push(finding);
    };
    let mut negative = false;
    for &(key, value) in values {
        if value < Decimal::ZERO {
            negative = true;
            problem(
                key,
                value,
                format!("is negative: {key} cannot be below zero"),
            );
            continue;
        }
        let most = match key {
            "working_days" => Some((366, "working days than a year has")),
            "weeks" => Some((53, "weeks than a year has")),
            "days_per_week" => Some((7, "days than a week has")),
            "hours_per_day" => Some((24, "hours than a day has")),
            _ => None,
        };
        if let Some((most, what)) = most.filter(|(most, _)| value > Decimal::from(*most)) {
            problem(
                key,
                value,
                format!("is more {what}: expected at most {most}"),
            );
        }
        if key == "hours_per_day" && value.is_zero() {
            let expected = "is no working time: a working day has hours above zero";
            problem(key, value, expected.into());
        }
    }
    if let Some(time) = time.filter(|time| !negative && time.available_days().is_err()) {
        let absent = time
            .absent_days()
            .map_or_else(|_| "more".into(), |d| d.to_string());
        let expected = format!(
            "working days leave no available working time after {absent} days of holidays and leave: the available working time must be above zero"
        );
        problem("working_days", time.working_days, expected);
    }
    findings
}

/// The problems of each activity on its own.
fn check_activities(activities: &[Activity]) -> Vec<Finding> {
    let mut findings = Vec::new();
    let mut health_services = 0;
    for activity in activities {
        let mut problem = |column: &str, value: String, expected: &str| {
            findings.push(Finding::new(
                Kind::InvalidValue,
                activity.origin.as_ref(),
                column,
                value,
                expected,
            ));
        };
        let (value, unit) = activity.standard.parts();
        if value < Decimal::ZERO {
            problem(
                "standard",
                value.to_string(),
                "is negative: a time cannot be below zero",
            );
        }
        let counts_workload = activity.kind != ActivityKind::CategoryAllowance;
        if counts_workload && activity.workload < Decimal::ZERO {
            problem(
                "workload",
                activity.workload.to_string(),
                "is negative: a workload cannot be below zero",
            );
        }
        if unit == StandardUnit::Percent && activity.kind != ActivityKind::CategoryAllowance {
            problem(
                "unit",
                "%".into(),
                "is a share of working time, which only a category allowance can be: expected minutes, hours or days",
            );
        }
        if activity.kind == ActivityKind::HealthService {
            health_services += 1;
            if value.is_zero() {
                problem(
                    "standard",
                    value.to_string(),
                    "is no time: a health-service activity takes time per unit, or its standard workload (AWT / standard) is undefined",
                );
            }
        }
    }
    if health_services == 0 {
        let file = activities
            .iter()
            .find_map(|a| a.origin.as_ref())
            .map_or("the activities", |o| o.file.as_str());
        findings.push(Finding::new(
            Kind::InvalidValue,
            None,
            "kind",
            "health-service",
            format!(
                "is a kind {file} has no row of: WISN needs at least one health-service activity"
            ),
        ));
    }
    findings
}

/// Category allowances that take all the working time or more: CAF = 1 / (1 - share) is
/// undefined. Located at the allowance that reaches 100%.
fn check_allowances(time: &Wisn, available_days: Decimal, activities: &[Activity]) -> Vec<Finding> {
    let Ok(hours) = available_days.mul(time.hours_per_day) else {
        return Vec::new();
    };
    let awt = Awt {
        days: available_days,
        hours,
    };
    let mut total = Decimal::ZERO;
    for activity in activities {
        if activity.kind != ActivityKind::CategoryAllowance {
            continue;
        }
        let (value, unit) = activity.standard.parts();
        let share = awt.in_unit(unit).and_then(|awt| value.div(awt));
        total = match share.and_then(|share| total.add(share)) {
            Ok(total) => total,
            Err(_) => Decimal::MAX,
        };
        if total >= Decimal::ONE {
            let percent = total.checked_mul(Decimal::ONE_HUNDRED).map_or_else(
                || "far more than 100".into(),
                |p| p.round_dp(2).normalize().to_string(),
            );
            let expected = format!(
                "brings the category allowances to {percent}% of the available working time: they must stay below 100%, or CAF = 1 / (1 - their share) is undefined"
            );
            let finding = Finding::new(
                Kind::InvalidValue,
                activity.origin.as_ref(),
                "standard",
                value.to_string(),
                expected,
            );
            return vec![finding];
        }
    }
    Vec::new()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn absence_beyond_the_year_is_an_error() {
        let d = |n: i64| Decimal::from(n);
        let time = Wisn {
            working_days: d(260),
            public_holidays: d(100),
            annual_leave: d(100),
            sick_leave: d(100),
            other_leave: d(0),
            hours_per_day: d(8),
            ..Wisn::default()
        };
        assert!(time.working_hours().is_err());
        let ratio = Persons::new(d(90))
            .wisn_ratio(Persons::new(d(120)))
            .unwrap();
        assert_eq!(ratio.value(), d(3) / d(4));
    }

    #[test]
    fn a_calculation_built_in_rust_is_checked_by_key() {
        let d = |n: i64| Decimal::from(n);
        let activity = |kind, workload, value, unit| Activity {
            name: "care".into(),
            kind,
            workload,
            standard: ActivityStandard::of(value, unit),
            origin: None,
        };
        let mut wisn = Wisn {
            working_days: d(260),
            public_holidays: d(10),
            annual_leave: d(25),
            sick_leave: d(-5),
            other_leave: d(0),
            hours_per_day: d(8),
            current_staff: Persons::new(d(9)),
            activities: vec![activity(
                ActivityKind::HealthService,
                d(100),
                d(1),
                StandardUnit::Hours,
            )],
            origins: BTreeMap::new(),
        };
        // Not read from a file: the finding names the key as its column.
        let Err(Error::Input { findings }) = wisn.staffing() else {
            panic!("negative sick leave accepted")
        };
        let columns: Vec<_> = findings.iter().map(|f| f.column.as_deref()).collect();
        assert_eq!(columns, [Some("sick_leave")]);
        // 60% + 40% of the working time: CAF = 1 / (1 - 1) is undefined.
        wisn.sick_leave = d(5);
        for percent in [60, 40] {
            let allowance = activity(
                ActivityKind::CategoryAllowance,
                d(0),
                d(percent),
                StandardUnit::Percent,
            );
            wisn.activities.push(allowance);
        }
        let Err(Error::Input { findings }) = wisn.staffing() else {
            panic!("CAF of 100% allowances accepted")
        };
        assert_eq!(findings.len(), 1);
        assert_eq!(findings[0].value, "40");
        // 100 hours / 1760 hours a year, no allowances: 100/1760 staff
        wisn.activities.truncate(1);
        let staffing = wisn.staffing().unwrap();
        assert_eq!(staffing.required.value(), d(100) / d(1760));
    }
}
