//! The WHO's Workload Indicators of Staffing Need (WISN): where the bare "2000 working hours per
//! year" of a plan comes from, and how current staff compares with the staff required.

use crate::engine::arithmetic::Arithmetic;
use crate::error::ArithmeticError;
use crate::model::units::{Persons, Share, WorkingHours};
use rust_decimal::Decimal;

/// The parts of a year a professional is available for work, in days, and the hours of a day.
///
/// The WHO's Workload Indicators of Staffing Need (WISN): where the bare "2000 working hours per
/// year" of a plan comes from, and how current staff compares with the staff required.
///
/// Available working time, in the WISN method: the working days of a year less public holidays,
/// annual leave, sick leave and other absence, times the working hours of a day.
///
/// ```
/// use workforce_gap::AvailableWorkingTime;
/// let nurse = AvailableWorkingTime {
///     working_days: 261.into(),        // 52 weeks of 5 days, and a day
///     public_holidays: 7.into(),
///     annual_leave: 25.into(),
///     sick_leave: 14.into(),
///     other_leave: 5.into(),
///     hours_per_day: "7.2".parse().unwrap(), // a 36-hour week
/// };
/// // (261 - 7 - 25 - 14 - 5) * 7.2 = 1512 hours a year, not 2000
/// assert_eq!(nurse.working_hours()?.value(), 1512.into());
/// # Ok::<(), workforce_gap::ArithmeticError>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct AvailableWorkingTime {
    /// Contracted working days in a year (52 weeks of 5 days: 260 or 261).
    pub working_days: Decimal,
    /// Public holidays on working days.
    pub public_holidays: Decimal,
    /// Annual leave.
    pub annual_leave: Decimal,
    /// Sick leave.
    pub sick_leave: Decimal,
    /// Other absence: training, special leave.
    pub other_leave: Decimal,
    /// Working hours in a day.
    pub hours_per_day: Decimal,
}

impl AvailableWorkingTime {
    /// Available working time in hours a year: `(days - holidays - leave - sick - other) * hours`.
    /// An absence as long as the year leaves no working time to divide by: that is
    /// [`ArithmeticError::DivisionByZero`], as every division by these hours would be, never a
    /// negative number of hours.
    pub fn working_hours(&self) -> Result<WorkingHours, ArithmeticError> {
        let absent = self
            .public_holidays
            .add(self.annual_leave)?
            .add(self.sick_leave)?
            .add(self.other_leave)?;
        let days = self.working_days.sub(absent)?;
        if days <= Decimal::ZERO {
            return Err(ArithmeticError::DivisionByZero);
        }
        Ok(WorkingHours::new(days.mul(self.hours_per_day)?))
    }
}

impl Persons {
    /// The WISN ratio of this current staff: over the staff the workload requires. Below one,
    /// staff is short: 0.8 means a fifth of the required staff is missing.
    pub fn wisn_ratio(self, required: Persons) -> Result<Share, ArithmeticError> {
        self.ratio_to(required)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn absence_beyond_the_year_is_an_error() {
        let d = |n: i64| Decimal::from(n);
        let time = AvailableWorkingTime {
            working_days: d(260),
            public_holidays: d(100),
            annual_leave: d(100),
            sick_leave: d(100),
            other_leave: d(0),
            hours_per_day: d(8),
        };
        assert!(time.working_hours().is_err());
        let ratio = Persons::new(d(90))
            .wisn_ratio(Persons::new(d(120)))
            .unwrap();
        assert_eq!(ratio.value(), d(3) / d(4));
    }
}
