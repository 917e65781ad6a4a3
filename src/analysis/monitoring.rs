//! Monitoring: what was realised, period by period, set against what the plan expects by then
//! (`realised.csv`, `staff.csv`), and a forecast for the horizon at the pace realised so far.

use crate::analysis::timeline::{schedule, shortage_per_year};
use crate::engine::program::theme_split;
use crate::error::{ArithmeticError, Error, Finding};
use crate::evaluate::Results;
use crate::evaluator::Evaluator;
use crate::model::name::Name;
use crate::model::scenario::BASE_SHORTAGE;
use crate::model::units::{Persons, Share};
use crate::model::{Model, ParameterIndex, Period, Realised, Scope};
use rust_decimal::Decimal;
use std::fmt;

/// How a realised figure compares with the plan, within a tolerance
/// ([`Model::monitor`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize),
    serde(rename_all = "snake_case")
)]
#[non_exhaustive]
pub enum Progress {
    /// Within the tolerance of the plan.
    OnTrack,
    /// Below the plan by more than the tolerance (for a gap: a larger gap than projected).
    Behind,
    /// Above the plan by more than the tolerance (for a gap: a smaller gap than projected).
    Ahead,
    /// Nothing realised was measured: never counted as meeting the plan.
    NoData,
}

impl Progress {
    /// The tolerance the `monitor` example uses unless told otherwise: within 10% of the plan
    /// is on track.
    pub const TOLERANCE: Decimal = Decimal::from_parts(1, 0, 0, false, 1);

    /// The words the outputs use: `on track`, `behind`, `ahead`, `no data`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Progress::OnTrack => "on track",
            Progress::Behind => "behind",
            Progress::Ahead => "ahead",
            Progress::NoData => "no data",
        }
    }

    /// `realised` against `expected`: on track within `tolerance` times the size of `expected`
    /// either way (exactly equal, when `expected` is zero).
    fn of(expected: Decimal, realised: Option<Decimal>, tolerance: Decimal) -> Progress {
        let Some(realised) = realised else {
            return Progress::NoData;
        };
        // Saturating: figures this large are far beyond any band a person could mean.
        let band = expected.abs().saturating_mul(tolerance.abs());
        let difference = realised.saturating_sub(expected);
        if difference > band {
            Progress::Ahead
        } else if difference < -band {
            Progress::Behind
        } else {
            Progress::OnTrack
        }
    }
}

impl fmt::Display for Progress {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One line of monitoring: a period, and at one level (an initiative, a theme, a sector, the
/// total, the gap, the forecast) what the plan expects by then next to what was realised.
///
/// The levels, by `level`:
/// - `initiative`, `theme`, `sector`, `total`: persons freed. `planned` is the plan at the
///   period's end (following each initiative's start year, full year and growth, as
///   [`Model::timeline`] does); `realised` the initiatives' formulas with the period's realised
///   values, the rest as planned, on the same schedule. Only initiatives with a realised value
///   in the period count in `realised`; `with_data` is their planned part, and the variance and
///   share compare `realised` with it alone, so that no initiative without data is taken to
///   have met its plan.
/// - `gap`, id `total`: the shortage. `planned` is the projected shortage of the base scenario
///   at the period's end (interpolated as in [`Model::timeline`]), `realised` the persons the
///   sectors were short of (`staff.csv`); here a larger realised figure is behind.
/// - `forecast`, id `total`, for the horizon year: the plan there, and what the initiatives with
///   data would free at the pace realised so far ([`Monitored::FORECAST_METHOD`]).
/// - `shortage`, id the shortage scenario, for the horizon year: its shortage (as `planned`)
///   against the forecast (as `realised`): "at this pace, X of the 4,500".
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct Monitored {
    /// The period.
    pub period: Period,
    /// `initiative`, `theme`, `sector`, `total`, `gap`, `forecast` or `shortage`.
    pub level: &'static str,
    /// The initiative's, theme's or sector's id; `total`; or the shortage scenario.
    pub id: Name,
    /// What the plan expects by the end of the period.
    pub planned: Persons,
    /// The planned part of the initiatives with data (all of `planned` for an initiative with
    /// data, zero without): how much of the plan the realised figure speaks for.
    pub with_data: Persons,
    /// What was realised; `None` when nothing was measured.
    pub realised: Option<Persons>,
    /// `realised` minus `with_data`.
    pub variance: Option<Persons>,
    /// `realised` as a share of `with_data`; `None` without data or when `with_data` is zero.
    pub share: Option<Share>,
    /// On track, behind, ahead or no data, by the tolerance given.
    pub status: Progress,
}

impl Monitored {
    /// How the forecast is made, in words, for the outputs to state.
    pub const FORECAST_METHOD: &str = "at the pace realised so far: each initiative with data keeps the values realised most recently, to the horizon, on its planned schedule; an initiative without data is not forecast (counted as zero, its plan shown apart)";

    /// The share of the planned figure that has data: `with_data` over `planned`.
    pub fn coverage(&self) -> Option<Share> {
        self.with_data.ratio_to(self.planned).ok()
    }
}

impl Model {
    /// Monitoring, period by period: the plan at each period of [`Model::realised`] and
    /// [`Model::staff`] against what was realised, per initiative, theme, sector and in total,
    /// with a status within `tolerance` (a share of the plan either way, e.g.
    /// [`Progress::TOLERANCE`]); then the forecast for the horizon at the pace realised so far,
    /// against each shortage scenario. Empty when nothing was realised. See [`Monitored`] for
    /// the rows. Fails with the model's errors, and those of its realised values.
    ///
    /// ```
    /// use workforce_gap::{Period, Progress, Realised, Share};
    /// let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/tiny");
    /// let mut model = workforce_gap::Loader::new().load_dir(dir)?.model;
    /// // fewer-consults: 10000 × 4 × reduction × 30 / 60 hours, over 2000 hours and 0.5: 2 persons
    /// // planned at 10%; realised at 8% it frees 1.6.
    /// model.realised = vec![Realised::new(Period::year_of(2030), "fewer-consults", "reduction", "0.08".parse::<workforce_gap::Decimal>().unwrap())];
    /// let rows = model.monitor(Share::new(Progress::TOLERANCE))?;
    /// let row = rows.iter().find(|r| r.level == "initiative" && r.id == "fewer-consults").unwrap();
    /// assert_eq!((row.planned.value(), row.realised.unwrap().value()), (2.into(), "1.6".parse().unwrap()));
    /// assert_eq!(row.status, Progress::Behind); // 80% of plan, more than 10% below
    /// # Ok::<(), workforce_gap::Error>(())
    /// ```
    pub fn monitor(&self, tolerance: Share) -> Result<Vec<Monitored>, Error> {
        let parameters = ParameterIndex::new(self);
        let mut findings = self.validate_given(&parameters);
        findings.extend((self.check_realised(&parameters).into_iter()).filter(Finding::is_error));
        if !findings.is_empty() {
            findings.sort();
            return Err(Error::Input { findings });
        }
        if self.realised.is_empty() && self.staff.is_empty() {
            return Ok(Vec::new());
        }
        Monitor::new(self, &parameters, tolerance.value())?.rows()
    }
}

/// What monitoring works from: the plan's figures and schedule, and who reads what.
struct Monitor<'m> {
    model: &'m Model,
    parameters: &'m ParameterIndex<'m>,
    tolerance: Decimal,
    evaluator: Evaluator,
    /// The plan's results.
    planned: Results,
    /// Per initiative: whether it counts and has a figure.
    included: Vec<bool>,
    /// Per initiative: the position of its first effect in the results.
    first_effect: Vec<usize>,
    /// For each parameter, by position, the initiatives whose formulas read it.
    readers: Vec<Vec<usize>>,
    /// The plan's first year and horizon, when it states a shortage.
    frame: Option<(u16, u16)>,
}

/// A figure summed over initiatives: all of the plan, the plan of those with data, and what
/// those realised.
#[derive(Clone, Copy, Default)]
struct Sum {
    planned: Decimal,
    with_data: Decimal,
    realised: Option<Decimal>,
    /// For one initiative: its realised and planned figures before its schedule scales both,
    /// whose ratio is its share exactly (a scale of 1/9 would round each at the 28th digit).
    unscaled: Option<(Decimal, Decimal)>,
}

impl Sum {
    fn add(&mut self, planned: Decimal, realised: Option<Decimal>) -> Result<(), ArithmeticError> {
        use crate::engine::arithmetic::Arithmetic;
        self.planned = self.planned.add(planned)?;
        if let Some(realised) = realised {
            self.with_data = self.with_data.add(planned)?;
            self.realised = Some(self.realised.unwrap_or_default().add(realised)?);
        }
        Ok(())
    }
}

impl<'m> Monitor<'m> {
    fn new(
        model: &'m Model,
        parameters: &'m ParameterIndex<'m>,
        tolerance: Decimal,
    ) -> Result<Self, Error> {
        let readers = crate::evaluate::Prepared::new(model)?.readers();
        let evaluator = Evaluator::new(model.clone())?;
        let planned = evaluator.results().clone();
        let included = (planned.initiatives.iter())
            .map(|i| i.counted && i.figure.persons().is_some())
            .collect();
        let mut first_effect = Vec::with_capacity(model.initiatives.len());
        let mut next = 0;
        for initiative in &model.initiatives {
            first_effect.push(next);
            next += initiative.effects.len();
        }
        let frame = model.plan_start().zip(planned.horizon);
        Ok(Monitor {
            model,
            parameters,
            tolerance,
            evaluator,
            planned,
            included,
            first_effect,
            readers,
            frame,
        })
    }

    fn rows(mut self) -> Result<Vec<Monitored>, Error> {
        let mut periods: Vec<Period> = (self.model.realised.iter())
            .chain(&self.model.staff)
            .map(|r| r.period)
            .collect();
        periods.sort();
        periods.dedup();
        let mut rows = Vec::new();
        for period in periods {
            let values: Vec<&Realised> = (self.model.realised.iter())
                .filter(|r| r.period == period)
                .collect();
            if !values.is_empty() {
                self.freed_rows(period, &values, &mut rows)?;
            }
            self.gap_row(period, &mut rows)?;
        }
        if let Some(last) = self.latest_values() {
            self.forecast_rows(&last, &mut rows)?;
        }
        Ok(rows)
    }

    /// Each parameter's value realised most recently, in the order first measured; `None`
    /// when none was.
    fn latest_values(&self) -> Option<Vec<&'m Realised>> {
        let mut sorted: Vec<&Realised> = self.model.realised.iter().collect();
        sorted.sort_by_key(|r| r.period);
        let mut latest: Vec<&Realised> = Vec::new();
        let mut positions: std::collections::HashMap<(&Scope, &str), usize> = Default::default();
        for r in sorted {
            match positions.get(&(&r.scope, r.name.as_str())) {
                Some(&at) => latest[at] = r,
                None => {
                    positions.insert((&r.scope, &r.name), latest.len());
                    latest.push(r);
                }
            }
        }
        (!latest.is_empty()).then_some(latest)
    }

    /// The results with `values` in place of the planned ones, and per initiative whether it
    /// reads one of them. The evaluator is left as planned.
    fn realised_results(&mut self, values: &[&Realised]) -> Result<(Results, Vec<bool>), Error> {
        let mut has_data = vec![false; self.model.initiatives.len()];
        let mut set = Vec::with_capacity(values.len());
        let mut outcome = Ok(());
        for r in values {
            let Some(position) = self.parameters.exact(&r.scope, &r.name) else {
                continue;
            };
            for &reader in &self.readers[position] {
                has_data[reader] = true;
            }
            let target = format!("{}.{}", r.scope, r.name);
            outcome = self.evaluator.set(&target, r.value);
            if outcome.is_err() {
                break;
            }
            set.push((target, self.model.parameters[position].value));
        }
        let results = self.evaluator.results().clone();
        for (target, planned) in set.iter().rev() {
            self.evaluator.set(target, *planned)?;
        }
        outcome.map(|()| (results, has_data))
    }

    /// The share of each initiative's figure reached at `at` on its schedule.
    fn schedule_at(&self, at: Decimal) -> Result<Vec<Decimal>, Error> {
        let fail = |kind| Error::Arithmetic {
            context: format!("the plan's schedule at {at}"),
            kind,
        };
        (self.model.initiatives.iter())
            .map(|initiative| match self.frame {
                Some((first, horizon)) => {
                    schedule(initiative, self.parameters, at, first, horizon).map_err(fail)
                }
                None => Ok(Decimal::ONE),
            })
            .collect()
    }

    /// The rows of persons freed in one period: per initiative, theme, sector and the total.
    fn freed_rows(
        &mut self,
        period: Period,
        values: &[&Realised],
        rows: &mut Vec<Monitored>,
    ) -> Result<(), Error> {
        let (realised, has_data) = self.realised_results(values)?;
        let factors = self.schedule_at(period.end())?;
        let fail = |kind| Error::Arithmetic {
            context: format!("monitoring {period}"),
            kind,
        };
        let model = self.model;
        let mut themes = vec![Sum::default(); model.themes.len()];
        let mut sectors = vec![Sum::default(); model.sectors.len()];
        let mut total = Sum::default();
        for (index, initiative) in model.initiatives.iter().enumerate() {
            if !self.included[index] {
                continue;
            }
            let scaled = |full: Decimal| {
                full.checked_mul(factors[index])
                    .ok_or(ArithmeticError::Overflow)
            };
            let (planned_full, got_full) =
                (persons(&self.planned, index), persons(&realised, index));
            let planned = scaled(planned_full).map_err(fail)?;
            let got = has_data[index]
                .then(|| scaled(got_full))
                .transpose()
                .map_err(fail)?;
            let mut own = Sum {
                unscaled: Some((got_full, planned_full)),
                ..Sum::default()
            };
            own.add(planned, got).map_err(fail)?;
            rows.push(self.row(period, "initiative", &initiative.id, own, false));
            total.add(planned, got).map_err(fail)?;
            let weights = initiative.themes.iter().map(|t| t.weight);
            let planned_parts = theme_split(weights.clone(), planned).map_err(fail)?;
            let got_parts = got
                .map(|got| theme_split(weights, got))
                .transpose()
                .map_err(fail)?;
            for (part, share) in initiative.themes.iter().enumerate() {
                if let Some(theme) = model.themes.iter().position(|t| t.id == share.theme) {
                    let got = got_parts.as_ref().map(|parts| parts[part]);
                    themes[theme].add(planned_parts[part], got).map_err(fail)?;
                }
            }
            for (offset, effect) in initiative.effects.iter().enumerate() {
                let at = self.first_effect[index] + offset;
                let effect_persons = |results: &Results| -> Result<Decimal, ArithmeticError> {
                    let persons = results.effects[at].persons.unwrap_or_default().value();
                    persons
                        .checked_mul(factors[index])
                        .ok_or(ArithmeticError::Overflow)
                };
                let planned = effect_persons(&self.planned).map_err(fail)?;
                let got = has_data[index]
                    .then(|| effect_persons(&realised))
                    .transpose()
                    .map_err(fail)?;
                if let Some(sector) = model.sectors.iter().position(|s| s.id == effect.sector) {
                    sectors[sector].add(planned, got).map_err(fail)?;
                }
            }
        }
        let groups = [
            (
                "theme",
                &themes,
                model
                    .themes
                    .iter()
                    .map(|t| t.id.as_str())
                    .collect::<Vec<_>>(),
            ),
            (
                "sector",
                &sectors,
                model.sectors.iter().map(|s| s.id.as_str()).collect(),
            ),
        ];
        for (level, sums, ids) in groups {
            for (sum, id) in sums.iter().zip(ids) {
                // A group no initiative has a part in has nothing to monitor.
                if !sum.planned.is_zero() || sum.realised.is_some() {
                    rows.push(self.row(period, level, id, *sum, false));
                }
            }
        }
        rows.push(self.row(period, "total", "total", total, false));
        Ok(())
    }

    /// The realised gap of a period against the projected one, when `staff.csv` measured it
    /// and the base shortage can be stated in persons.
    fn gap_row(&self, period: Period, rows: &mut Vec<Monitored>) -> Result<(), Error> {
        let fail = |kind| Error::Arithmetic {
            context: format!("the gap in {period}"),
            kind,
        };
        let mut short = None;
        for r in self.model.staff.iter().filter(|r| r.period == period) {
            let sum: Decimal = short.unwrap_or_default();
            short = Some(
                sum.checked_add(r.value)
                    .ok_or(ArithmeticError::Overflow)
                    .map_err(fail)?,
            );
        }
        let Some(short) = short else {
            return Ok(());
        };
        let Ok(years) = shortage_per_year(self.model, BASE_SHORTAGE) else {
            return Ok(());
        };
        let projected = projected_at(&years, period.end()).map_err(fail)?;
        let sum = Sum {
            planned: projected,
            with_data: projected,
            realised: Some(short),
            unscaled: None,
        };
        rows.push(self.row(period, "gap", "total", sum, true));
        Ok(())
    }

    /// The forecast for the horizon year at the pace realised so far, and against each
    /// shortage scenario.
    fn forecast_rows(
        &mut self,
        latest: &[&Realised],
        rows: &mut Vec<Monitored>,
    ) -> Result<(), Error> {
        let Some(horizon) = self.planned.horizon else {
            return Ok(());
        };
        let fail = |kind| Error::Arithmetic {
            context: format!("the forecast for {horizon}"),
            kind,
        };
        let (forecast, has_data) = self.realised_results(latest)?;
        let factors = self.schedule_at(Decimal::from(horizon))?;
        let mut total = Sum::default();
        for index in (0..self.included.len()).filter(|i| self.included[*i]) {
            let scaled = |results: &Results| {
                persons(results, index)
                    .checked_mul(factors[index])
                    .ok_or(ArithmeticError::Overflow)
            };
            let planned = scaled(&self.planned).map_err(fail)?;
            let got = has_data[index]
                .then(|| scaled(&forecast))
                .transpose()
                .map_err(fail)?;
            total.add(planned, got).map_err(fail)?;
        }
        let period = Period::year_of(horizon);
        rows.push(self.row(period, "forecast", "total", total, false));
        for gap in self.planned.gaps.iter().filter(|g| g.year == horizon) {
            let shortage = gap.shortage.value();
            let sum = Sum {
                planned: shortage,
                with_data: shortage,
                realised: total.realised,
                unscaled: None,
            };
            rows.push(self.row(period, "shortage", &gap.scenario, sum, false));
        }
        Ok(())
    }

    /// A row from its sums; `inverted` for a gap, where more realised is worse.
    fn row(
        &self,
        period: Period,
        level: &'static str,
        id: &str,
        sum: Sum,
        inverted: bool,
    ) -> Monitored {
        let variance = sum.realised.and_then(|r| r.checked_sub(sum.with_data));
        let (realised, with_data) = match sum.unscaled {
            Some(unscaled) if !sum.with_data.is_zero() => {
                (sum.realised.map(|_| unscaled.0), unscaled.1)
            }
            _ => (sum.realised, sum.with_data),
        };
        let share = realised
            .filter(|_| !with_data.is_zero())
            .and_then(|r| r.checked_div(with_data));
        let status = if inverted {
            Progress::of(-sum.with_data, sum.realised.map(|r| -r), self.tolerance)
        } else {
            Progress::of(sum.with_data, sum.realised, self.tolerance)
        };
        Monitored {
            period,
            level,
            id: Name::from(id),
            planned: Persons::new(sum.planned),
            with_data: Persons::new(sum.with_data),
            realised: sum.realised.map(Persons::new),
            variance: variance.map(Persons::new),
            share: share.map(Share::new),
            status,
        }
    }
}

/// The persons of the initiative at `index` (zero without a figure).
fn persons(results: &Results, index: usize) -> Decimal {
    let persons = results.initiatives[index].figure.persons();
    persons.unwrap_or_default().value()
}

/// The projected shortage at `at` (a year on the timeline's scale), between the years around
/// it; the first or last year's outside them.
fn projected_at(years: &[(u16, Persons)], at: Decimal) -> Result<Decimal, ArithmeticError> {
    use crate::engine::arithmetic::Arithmetic;
    let (Some(&(first, low)), Some(&(last, high))) = (years.first(), years.last()) else {
        return Ok(Decimal::ZERO);
    };
    if at <= Decimal::from(first) {
        return Ok(low.value());
    }
    if at >= Decimal::from(last) {
        return Ok(high.value());
    }
    let before = at.floor();
    let index = years
        .iter()
        .rposition(|(year, _)| Decimal::from(*year) <= before)
        .unwrap_or(0);
    let (_, from) = years[index];
    let Some(&(_, to)) = years.get(index + 1) else {
        return Ok(from.value());
    };
    let step = to.value().sub(from.value())?.mul(at.sub(before)?)?;
    from.value().add(step)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_by_tolerance() {
        let ten = Progress::TOLERANCE;
        let of = |expected: i64, realised: Option<i64>| {
            Progress::of(expected.into(), realised.map(Decimal::from), ten)
        };
        assert_eq!(of(100, None), Progress::NoData);
        assert_eq!(of(100, Some(90)), Progress::OnTrack); // exactly 10% below
        assert_eq!(of(100, Some(89)), Progress::Behind);
        assert_eq!(of(100, Some(111)), Progress::Ahead);
        assert_eq!(of(0, Some(0)), Progress::OnTrack);
        assert_eq!(of(0, Some(1)), Progress::Ahead);
        // A plan that needs staff (negative): needing less is ahead.
        assert_eq!(of(-10, Some(-8)), Progress::Ahead);
    }

    #[test]
    fn projected_between_years() {
        let years = [
            (2023, Persons::new(2100.into())),
            (2024, Persons::new(2400.into())),
        ];
        // Half way from 2023 to 2024: 2100 + 300 / 2.
        assert_eq!(
            projected_at(&years, Decimal::new(20235, 1)).unwrap(),
            Decimal::from(2250)
        );
        assert_eq!(
            projected_at(&years, Decimal::from(2020)).unwrap(),
            Decimal::from(2100)
        );
        assert_eq!(
            projected_at(&years, Decimal::from(2030)).unwrap(),
            Decimal::from(2400)
        );
    }
}
