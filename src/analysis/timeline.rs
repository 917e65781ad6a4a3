//! The gap over time: the shortage and the staff freed in every year from the first published
//! shortage to the horizon.

use crate::analysis::scenario::apply;
use crate::engine::arithmetic::Arithmetic;
use crate::engine::program::Program;
use crate::error::{ArithmeticError, Error, Finding, Kind};
use crate::model::scenario::{BASE_SHORTAGE, Scenario};
use crate::model::units::Persons;
use crate::model::{Initiative, Model, ParameterIndex, Shortage};
use rust_decimal::Decimal;

/// One year of the gap.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct YearGap {
    /// The year.
    pub year: u16,
    /// The projected shortage that year; `None` when the shortage cannot be stated in persons
    /// (see [`crate::Results::uncompared`]): the staff freed is still given.
    pub shortage: Option<Persons>,
    /// Persons freed that year by the initiatives that count.
    pub freed: Persons,
    /// The shortage left (negative: a surplus, see [`crate::GapResult::surplus`]); `None` when
    /// the shortage is not compared.
    pub remaining: Option<Persons>,
}

impl Model {
    /// The shortage of a scenario per year, from its first to its last point, interpolated linearly.
    /// Fails with [`Error::Units`] when a point cannot be stated in persons.
    pub fn shortage_per_year(&self, scenario: &str) -> Result<Vec<(u16, Persons)>, Error> {
        shortage_per_year(self, scenario)
    }
}

pub(crate) fn shortage_per_year(
    model: &Model,
    scenario: &str,
) -> Result<Vec<(u16, Persons)>, Error> {
    let points = points(model, scenario)?;
    let fail = |kind| Error::Arithmetic {
        context: format!("the shortage of {scenario} per year"),
        kind,
    };
    let (first, last) = (points[0].year, points[points.len() - 1].year);
    let points: Vec<(u16, Persons)> = points
        .iter()
        .map(|s| Ok((s.year, model.shortage_in_persons(s)?)))
        .collect::<Result<_, Error>>()?;
    (first..=last)
        .map(|year| Ok((year, interpolate(&points, year).map_err(fail)?)))
        .collect()
}

/// The published points of a scenario by year, starting from the base scenario's first point
/// when that is earlier; never empty.
fn points<'m>(model: &'m Model, scenario: &str) -> Result<Vec<&'m Shortage>, Error> {
    let mut points: Vec<&Shortage> = model
        .shortages
        .iter()
        .filter(|s| s.scenario == scenario)
        .collect();
    points.sort_by_key(|s| s.year);
    let base_start = model
        .shortages
        .iter()
        .filter(|s| s.scenario == BASE_SHORTAGE)
        .min_by_key(|s| s.year);
    if let (Some(first), Some(start)) = (points.first(), base_start)
        && start.year < first.year
    {
        points.insert(0, start);
    }
    if points.is_empty() {
        let expected = "has no shortage: shortage.csv needs a row for this scenario";
        return Err(Error::Input {
            findings: vec![Finding::new(
                Kind::UnknownReference,
                None,
                "scenario",
                scenario,
                expected,
            )],
        });
    }
    Ok(points)
}

/// Each year of a scenario with its shortage in persons, or with none when a point cannot be
/// stated in persons (the years are still those of the points).
fn years_and_shortage(model: &Model, scenario: &str) -> Result<Vec<(u16, Option<Persons>)>, Error> {
    match shortage_per_year(model, scenario) {
        Ok(years) => Ok(years.into_iter().map(|(y, p)| (y, Some(p))).collect()),
        Err(Error::Units { .. }) => {
            let points = points(model, scenario)?;
            let (first, last) = (points[0].year, points[points.len() - 1].year);
            Ok((first..=last).map(|year| (year, None)).collect())
        }
        Err(error) => Err(error),
    }
}

/// Linear interpolation between the two points around `year` (points sorted by year).
fn interpolate(points: &[(u16, Persons)], year: u16) -> Result<Persons, ArithmeticError> {
    let after = points
        .iter()
        .position(|(y, _)| *y >= year)
        .unwrap_or(points.len() - 1);
    let (high_year, high) = points[after];
    if high_year == year || after == 0 {
        return Ok(high);
    }
    let (low_year, low) = points[after - 1];
    let fraction = Decimal::from(year - low_year).div(Decimal::from(high_year - low_year))?;
    let step = high.value().sub(low.value())?.mul(fraction)?;
    Ok(Persons::new(low.value().add(step)?))
}

impl Model {
    /// Freed staff and remaining gap per year, for a scenario (an empty one for the model as it is).
    ///
    /// The gap over time: the shortage and the staff freed in every year from the first published
    /// shortage to the horizon.
    ///
    /// **The shortage between published points** is interpolated linearly: Limburg publishes 2,100
    /// persons in 2023 and 4,500 in 2032, so 2024 is 2,100 + (4,500 - 2,100) / 9 = 2,366.67. A
    /// scenario published for the horizon only (Limburg's worse case, 6,700 in 2032) starts from the
    /// earliest point of the base scenario: the scenarios share the present.
    ///
    /// **An initiative's figure is its full effect in the horizon year.** Its effect grows linearly
    /// from zero in its start year to the full figure in its full year (by default the first year of
    /// the shortage and the horizon), and stays full after. Where the figure includes demand growth
    /// to the horizon (a growth parameter, such as Valpreventie's +16% from 2023 to 2032), an earlier
    /// year gets only the growth so far: the figure times (1 + g t) / (1 + g), with t the year's
    /// fraction of the way from the first year to the horizon.
    ///
    /// ```
    /// use workforce_gap::Scenario;
    /// let model = workforce_gap::Model::limburg()?;
    /// let years = model.timeline(&Scenario { name: Scenario::AS_PUBLISHED.into(), settings: vec![] })?;
    /// assert_eq!((years[0].year, years[0].shortage.unwrap().value()), (2023, 2100.into()));
    /// assert_eq!(years[0].freed.value(), 0.into());      // nothing freed yet in the start year
    /// let last = years.last().unwrap();
    /// assert_eq!((last.year, last.shortage.unwrap().value()), (2032, 4500.into()));
    /// # Ok::<(), workforce_gap::Error>(())
    /// ```
    pub fn timeline(&self, scenario: &Scenario) -> Result<Vec<YearGap>, Error> {
        timeline(self, scenario)
    }
}

pub(crate) fn timeline(model: &Model, scenario: &Scenario) -> Result<Vec<YearGap>, Error> {
    let findings = model.validate();
    if !findings.is_empty() {
        return Err(Error::Input { findings });
    }
    let applied = apply(model, scenario)?;
    let model = &applied.model;
    let parameters = ParameterIndex::new(model);
    let computed = Program::with_index(model, &parameters)?
        .run(&|i| model.parameters[i].value, |index| {
            applied.counts[index]
        })?;
    let shortage = years_and_shortage(model, &applied.shortage)?;
    let (Some(&(first, _)), Some(&(horizon, _))) = (shortage.first(), shortage.last()) else {
        return Ok(Vec::new());
    };
    let mut years = Vec::with_capacity(shortage.len());
    for (year, persons_short) in shortage {
        let fail = |kind| Error::Arithmetic {
            context: format!("the gap in {year}"),
            kind,
        };
        let mut freed = Decimal::ZERO;
        for (index, initiative) in model
            .initiatives
            .iter()
            .enumerate()
            .filter(|(i, _)| applied.counts[*i])
        {
            let factor =
                schedule(initiative, &parameters, year.into(), first, horizon).map_err(fail)?;
            freed = freed
                .add(computed.initiatives[index].1.mul(factor).map_err(fail)?)
                .map_err(fail)?;
        }
        let freed = Persons::new(freed);
        years.push(YearGap {
            year,
            shortage: persons_short,
            freed,
            remaining: persons_short
                .map(|short| short.checked_sub(freed))
                .transpose()
                .map_err(fail)?,
        });
    }
    Ok(years)
}

/// The part of an initiative's figure (its full effect in the horizon year) reached at `at`, a
/// year on the timeline's scale (a period's end may fall between years): its ramp from its
/// start year to its full year, times the demand growth so far when its figure includes growth.
pub(crate) fn schedule(
    initiative: &Initiative,
    parameters: &ParameterIndex,
    at: Decimal,
    first: u16,
    horizon: u16,
) -> Result<Decimal, ArithmeticError> {
    let start = initiative.start_year.unwrap_or(first);
    let full = initiative.full_year.unwrap_or(horizon);
    let growth = initiative
        .growth
        .as_ref()
        .and_then(|name| parameters.get(&initiative.id, name))
        .map(|p| p.value);
    ramp(at, start, full)?.mul(growth_so_far(at, first, horizon, growth)?)
}

/// The fraction of the full effect reached at `year`: 0 up to the start year, rising linearly to
/// 1 in the full year, 1 after.
fn ramp(year: Decimal, start: u16, full: u16) -> Result<Decimal, ArithmeticError> {
    let (start, full) = (Decimal::from(start), Decimal::from(full));
    if year >= full {
        Ok(Decimal::ONE)
    } else if year <= start {
        Ok(Decimal::ZERO)
    } else {
        year.sub(start)?.div(full.sub(start)?)
    }
}

/// `(1 + g t) / (1 + g)`: the part of the horizon's demand growth reached at `year`.
fn growth_so_far(
    year: Decimal,
    first: u16,
    horizon: u16,
    growth: Option<Decimal>,
) -> Result<Decimal, ArithmeticError> {
    let Some(g) = growth else {
        return Ok(Decimal::ONE);
    };
    let t = if horizon > first {
        ramp(year, first, horizon)?
    } else {
        Decimal::ONE
    };
    Decimal::ONE.add(g.mul(t)?)?.div(Decimal::ONE.add(g)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ramps_and_growth() {
        let at = |year: u16| Decimal::from(year);
        assert_eq!(ramp(at(2023), 2023, 2032).unwrap(), Decimal::ZERO);
        assert_eq!(
            ramp(at(2026), 2023, 2032).unwrap(),
            Decimal::from(3) / Decimal::from(9)
        );
        // Half a year further: 3.5 of the 9 years.
        assert_eq!(
            ramp(Decimal::new(20265, 1), 2023, 2032).unwrap(),
            Decimal::new(35, 1) / Decimal::from(9)
        );
        assert_eq!(ramp(at(2040), 2023, 2032).unwrap(), Decimal::ONE);
        assert_eq!(ramp(at(2025), 2025, 2025).unwrap(), Decimal::ONE);
        let g = Some(Decimal::new(16, 2));
        assert_eq!(
            growth_so_far(at(2032), 2023, 2032, g).unwrap(),
            Decimal::ONE
        );
        assert_eq!(
            growth_so_far(at(2023), 2023, 2032, g).unwrap(),
            Decimal::ONE / Decimal::new(116, 2)
        );
    }
}
