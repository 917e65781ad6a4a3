//! What it takes to close each gap: the value one assumption alone would need (its break-even),
//! and the factor by which one initiative, one theme or all counted initiatives together would
//! have to grow. One change at a time, everything else as the plan has it.
//!
//! The total is affine in a parameter that stands in no divisor (the plans' products of counts,
//! shares and minutes): two evaluations give its line, and the break-even is a quotient of
//! exact decimals, checked by evaluating again. Elsewhere (a parameter in a divisor, a norm) the
//! break-even is found on the exact evaluator: a value on each side of the shortage, then
//! halving the interval between them until the decimals hold no value in between.

use crate::engine::arithmetic::Arithmetic;
use crate::engine::program::{Computed, Program};
use crate::error::{ArithmeticError, Error};
use crate::evaluate::Results;
use crate::model::ParameterIndex;
use crate::model::edit::change;
use crate::model::name::Name;
use crate::model::validate::Place;
use crate::model::{Model, Parameter};
use rust_decimal::Decimal;
use std::fmt;

/// What a row of [`Model::what_it_takes`] changes to close a gap.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize),
    serde(rename_all = "kebab-case")
)]
#[non_exhaustive]
pub enum Lever {
    /// One parameter or norm given another value: `needed` is that value, its break-even.
    Parameter,
    /// One counted initiative scaled: `needed` is the factor its persons are multiplied by.
    Initiative,
    /// One theme's share of the total scaled by `needed`.
    Theme,
    /// All counted initiatives together scaled by `needed`.
    All,
}

impl Lever {
    /// The word the CSV output uses: `parameter`, `initiative`, `theme` or `all`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Lever::Parameter => "parameter",
            Lever::Initiative => "initiative",
            Lever::Theme => "theme",
            Lever::All => "all",
        }
    }
}

impl fmt::Display for Lever {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What one change alone needs to make the counted total equal one shortage, everything else
/// held at the plan's values. A row of [`Model::what_it_takes`].
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct Needed {
    /// What is changed.
    pub kind: Lever,
    /// The year of the shortage.
    pub year: u16,
    /// The shortage's scenario, as in [`Results::gaps`].
    pub scenario: Name,
    /// A parameter or norm as `scenarios.csv` names it (`initiative.parameter`,
    /// `norms.<id>.part_time_factor`), an initiative id, a theme id, or `all`.
    pub target: String,
    /// The parameter's value, or the persons of the initiative, theme or total; `None` for
    /// one that is not quantified.
    #[cfg_attr(
        feature = "serde",
        serde(serialize_with = "crate::model::as_text::optional_decimal")
    )]
    pub current: Option<Decimal>,
    /// The parameter's break-even value, or the factor to scale by; `None` where none exists
    /// (see `reason`).
    #[cfg_attr(
        feature = "serde",
        serde(serialize_with = "crate::model::as_text::optional_decimal")
    )]
    pub needed: Option<Decimal>,
    /// Whether `needed` lies within the parameter's range (`ranges.csv`); `None` for a
    /// parameter without a range and for a scale.
    pub within_range: Option<bool>,
    /// True when `needed` closes the gap to every digit: the total with it is the shortage
    /// exactly, in the decimals it is computed in. False when it is the nearest value the
    /// decimals hold (a quotient that does not end, a formula that rounds): the total then
    /// misses the shortage in its last digits, and no decimal one digit beside it is nearer.
    pub exact: bool,
    /// Why `needed` is `None`: the shortage is not compared, nothing changes with the target,
    /// or no value it can take closes the gap.
    pub reason: Option<String>,
}

impl Model {
    /// What it takes to close each gap of [`Results::gaps`], one change at a time with
    /// everything else as planned: for all counted initiatives together, each theme and each
    /// counted initiative, the factor their persons must be multiplied by; for each parameter
    /// and norm that a counted initiative reads, the value that by itself makes the total
    /// equal the shortage, or why no value it can take does (a share cannot pass 100%, a count
    /// cannot be negative). A shortage that is not compared has one row, `all`, with the reason.
    ///
    /// Rows come gap by gap, in the order of the shortages: `all`, the themes, the initiatives,
    /// the parameters, then the norms, each in model order.
    ///
    /// ```
    /// use workforce_gap::{Lever, Model};
    ///
    /// let model = workforce_gap::Model::limburg()?;
    /// let rows = model.what_it_takes()?;
    /// let all = rows.iter().find(|r| r.kind == Lever::All && r.year == 2032 && r.scenario == "base").unwrap();
    /// // All initiatives must free 4500 / 1633.2... times what they free now.
    /// assert!(all.needed.unwrap() > 2.into());
    /// # Ok::<(), workforce_gap::Error>(())
    /// ```
    pub fn what_it_takes(&self) -> Result<Vec<Needed>, Error> {
        what_it_takes(self)
    }
}

/// One shortage compared: its year, scenario and persons.
struct Gap {
    year: u16,
    scenario: Name,
    shortage: Decimal,
}

pub(crate) fn what_it_takes(model: &Model) -> Result<Vec<Needed>, Error> {
    let results = model.evaluate()?;
    let checked = model.checked()?;
    let solver = Solver::new(model, &checked.parameters, &checked.counts)?;
    let targets = solver.targets();
    let mut rows = Vec::new();
    for gap in &results.gaps {
        let gap = Gap {
            year: gap.year,
            scenario: gap.scenario.clone(),
            shortage: gap.shortage.value(),
        };
        rows.extend(scales(&results, &gap));
        rows.extend(targets.iter().map(|target| target.needed(&solver, &gap)));
    }
    for uncompared in &results.uncompared {
        rows.push(Needed {
            kind: Lever::All,
            year: uncompared.year,
            scenario: uncompared.scenario.clone(),
            target: Lever::All.to_string(),
            current: Some(results.total.value()),
            needed: None,
            within_range: None,
            exact: false,
            reason: Some(format!("not compared: {}", uncompared.reason)),
        });
    }
    Ok(rows)
}

/// The factor by which all counted initiatives, each theme and each counted initiative must
/// grow to close one gap.
fn scales(results: &Results, gap: &Gap) -> Vec<Needed> {
    let total = results.total.value();
    let themes = results.themes.iter().map(|theme| {
        let persons = theme.is_quantified().then_some(theme.persons.value());
        (Lever::Theme, theme.id.to_string(), persons)
    });
    let initiatives = results.initiatives.iter().filter(|i| i.counted).map(|i| {
        let persons = i.persons().map(|p| p.value());
        (Lever::Initiative, i.id.to_string(), persons)
    });
    let all = (Lever::All, Lever::All.to_string(), Some(total));
    let mut rows = Vec::new();
    for (kind, target, part) in std::iter::once(all).chain(themes).chain(initiatives) {
        let (needed, exact, reason) = match part {
            None => (
                None,
                false,
                Some("not quantified: nothing to scale".to_string()),
            ),
            Some(part) => match scale(part, total, gap) {
                Ok((factor, exact)) => (Some(factor), exact, None),
                Err(reason) => (None, false, Some(reason)),
            },
        };
        rows.push(Needed {
            kind,
            year: gap.year,
            scenario: gap.scenario.clone(),
            target,
            current: part,
            needed,
            within_range: None,
            exact,
            reason,
        });
    }
    rows
}

/// The factor `part` must be multiplied by for the total to equal the shortage, the rest of
/// the total held: (shortage - (total - part)) / part; and whether it is exact.
fn scale(part: Decimal, total: Decimal, gap: &Gap) -> Result<(Decimal, bool), String> {
    if part <= Decimal::ZERO {
        return Err(match part.is_zero() {
            true => "frees nothing: no factor makes it close the gap".into(),
            false => "needs more staff than it frees: growing it widens the gap".into(),
        });
    }
    let overflow = |_: ArithmeticError| "beyond the largest decimal".to_string();
    let rest = total.sub(part).map_err(overflow)?;
    let wanted = gap.shortage.sub(rest).map_err(overflow)?;
    if wanted < Decimal::ZERO {
        return Err("the rest of the total covers the shortage without it".into());
    }
    let factor = wanted.div(part).map_err(overflow)?;
    let closes = factor.mul(part).and_then(|scaled| rest.add(scaled));
    Ok((factor, closes == Ok(gap.shortage)))
}

/// The model compiled once, its figures at the plan's values, and who reads each parameter:
/// the total with one value changed recomputes only what reads it.
struct Solver<'m> {
    model: &'m Model,
    parameters: &'m ParameterIndex<'m>,
    counts: &'m [bool],
    program: Program<'m>,
    base: Computed<Decimal>,
    readers: Vec<Vec<usize>>,
}

/// One parameter or norm whose break-even is sought, with how the total depends on it.
struct Sought {
    place: Place,
    target: String,
    current: Decimal,
    range: Option<(Decimal, Decimal)>,
    domain: Domain,
    shape: Shape,
}

/// How the total depends on a value.
enum Shape {
    /// Not at all.
    Flat,
    /// Along a line in the value or its reciprocal: the total is `at` at the current value
    /// and moves by `rise` for each `run` of the line's variable.
    Line {
        along: Along,
        at: Decimal,
        run: Decimal,
        rise: Decimal,
    },
    /// Otherwise (a divisor): searched for on the evaluator.
    Curve,
    /// The total cannot be computed at a second value.
    Unknown(String),
}

/// The variable the total is a line in.
#[derive(Clone, Copy)]
enum Along {
    /// The value itself: a parameter in no divisor.
    Value,
    /// One over the value: a norm.
    Reciprocal,
}

impl Along {
    /// The line's variable at value `x`, and (each is its own inverse) the value at `x` on
    /// the line.
    fn of(self, x: Decimal) -> Result<Decimal, ArithmeticError> {
        match self {
            Along::Value => Ok(x),
            Along::Reciprocal => Decimal::ONE.div(x),
        }
    }
}

/// The values a parameter or norm can take, as validation knows them.
struct Domain {
    /// The lowest value, and whether it is allowed itself; `None`: no lower end.
    low: Option<(Decimal, bool)>,
    /// The highest value, and whether it is allowed itself.
    high: Option<(Decimal, bool)>,
    /// The domain in words, for a reason.
    words: String,
    /// A share: a value is read in percent (`2467%`, not `24.67`).
    share: bool,
}

impl Domain {
    fn of(parameter: &Parameter) -> Domain {
        if parameter.is_share() {
            Domain {
                low: Some((Decimal::ZERO, true)),
                high: Some((Decimal::ONE, true)),
                words: "a share lies between 0 and 100%".into(),
                share: true,
            }
        } else if parameter.may_be_negative() {
            Domain {
                low: None,
                high: None,
                words: "it may take any value".into(),
                share: false,
            }
        } else {
            let unit = match parameter.unit.is_empty() {
                true => String::new(),
                false => format!(" in {:?}", parameter.unit),
            };
            Domain {
                low: Some((Decimal::ZERO, true)),
                high: None,
                words: format!("a quantity{unit} cannot be negative"),
                share: false,
            }
        }
    }

    fn of_norm(place: Place) -> Domain {
        match place {
            Place::PartTimeFactor(_) => Domain {
                low: Some((Decimal::ZERO, false)),
                high: Some((Decimal::ONE, true)),
                words: "a part-time factor is more than 0 and at most 1".into(),
                share: false,
            },
            _ => Domain {
                low: Some((Decimal::ZERO, false)),
                high: None,
                words: "working hours are more than 0".into(),
                share: false,
            },
        }
    }

    fn contains(&self, x: Decimal) -> bool {
        let above = self
            .low
            .is_none_or(|(low, closed)| low < x || closed && low == x);
        let below = (self.high).is_none_or(|(high, closed)| x < high || closed && x == high);
        above && below
    }
}

impl<'m> Solver<'m> {
    fn new(
        model: &'m Model,
        parameters: &'m ParameterIndex<'m>,
        counts: &'m [bool],
    ) -> Result<Solver<'m>, Error> {
        let program = Program::with_index(model, parameters)?;
        let base = program.run(&|i| model.parameters[i].value, |i| counts[i])?;
        let readers = program.readers();
        Ok(Solver {
            model,
            parameters,
            counts,
            program,
            base,
            readers,
        })
    }

    /// The counted initiatives that read the parameter at `slot`.
    fn counted_readers(&self, slot: usize) -> impl Iterator<Item = usize> + '_ {
        (self.readers[slot].iter().copied()).filter(|&i| self.counts[i])
    }

    /// Every parameter and norm a counted initiative reads, with how the total depends on it.
    fn targets(&self) -> Vec<Sought> {
        let model = self.model;
        let mut sought = Vec::new();
        for (slot, parameter) in model.parameters.iter().enumerate() {
            if self.counted_readers(slot).next().is_none() {
                continue;
            }
            let place = Place::Parameter(slot);
            let range = parameter.range.as_ref().map(|r| (r.low, r.high));
            let target = format!("{}.{}", parameter.scope, parameter.name);
            sought.push(self.sought(place, target, parameter.value, range, Domain::of(parameter)));
        }
        for (position, norms) in model.norms.iter().enumerate() {
            let used = (model.initiatives.iter().zip(self.counts))
                .filter(|(_, counts)| **counts)
                .flat_map(|(i, _)| &i.effects)
                .any(|e| e.norms == norms.id);
            if !used {
                continue;
            }
            let values = [
                (Place::WorkingHours(position), "working_hours_per_year"),
                (Place::PartTimeFactor(position), "part_time_factor"),
            ];
            for (place, field) in values {
                let current = match place {
                    Place::WorkingHours(_) => norms.working_hours.value(),
                    _ => norms.part_time_factor.value(),
                };
                let target = format!("norms.{}.{field}", norms.id);
                sought.push(self.sought(place, target, current, None, Domain::of_norm(place)));
            }
        }
        sought
    }

    fn sought(
        &self,
        place: Place,
        target: String,
        current: Decimal,
        range: Option<(Decimal, Decimal)>,
        domain: Domain,
    ) -> Sought {
        let shape = self.shape(place, current);
        Sought {
            place,
            target,
            current,
            range,
            domain,
            shape,
        }
    }

    /// How the total depends on the value at `place`: along a line when it stands in no
    /// divisor of a counted initiative's formulas, found from the total at two values.
    fn shape(&self, place: Place, current: Decimal) -> Shape {
        let along = match place {
            Place::Parameter(slot) if self.in_no_divisor(slot) => Along::Value,
            Place::Parameter(_) => return Shape::Curve,
            // A norm divides every figure it converts, and nothing else: the total is a line
            // in its reciprocal.
            _ => Along::Reciprocal,
        };
        let at = self.base.total;
        let second = match along {
            Along::Value => (current.checked_add(step_beside(current)))
                .or_else(|| current.checked_sub(step_beside(current))),
            Along::Reciprocal => current.checked_mul(Decimal::TWO),
        };
        let line = second.map(|second| {
            let rise = self
                .total_with(place, second)?
                .sub(at)
                .map_err(arithmetic)?;
            let run = along.of(second).and_then(|t| t.sub(along.of(current)?));
            Ok::<_, Error>((run.map_err(arithmetic)?, rise))
        });
        match line {
            Some(Ok((_, rise))) if rise.is_zero() => Shape::Flat,
            Some(Ok((run, rise))) => Shape::Line {
                along,
                at,
                run,
                rise,
            },
            Some(Err(error)) => {
                Shape::Unknown(format!("the total cannot be computed beside it: {error}"))
            }
            None => Shape::Unknown("no value beside it fits in a decimal".into()),
        }
    }

    /// Whether the parameter at `slot` stands in no divisor and in no product with itself in
    /// the formulas of the counted initiatives that read it: then the total is a line in it.
    fn in_no_divisor(&self, slot: usize) -> bool {
        let name = self.model.parameters[slot].name.as_str();
        self.counted_readers(slot).all(|index| {
            let initiative = &self.model.initiatives[index];
            let is_it =
                |n: &str| n == name && self.parameters.position(&initiative.id, n) == Some(slot);
            (initiative.effects.iter()).all(|e| e.formula.degree_in(&is_it).is_some_and(|d| d <= 1))
        })
    }

    /// The counted total with the value at `place` set to `x`, everything else as it is.
    fn total_with(&self, place: Place, x: Decimal) -> Result<Decimal, Error> {
        let counts = |i: usize| self.counts[i];
        match place {
            Place::Parameter(slot) => {
                let value = |i: usize| match i == slot {
                    true => x,
                    false => self.model.parameters[i].value,
                };
                let mut computed = self.base.clone();
                let readers = &self.readers[slot];
                (self.program).rerun_into(
                    readers,
                    &value,
                    counts,
                    &mut computed,
                    &mut Vec::new(),
                )?;
                Ok(computed.total)
            }
            // A norm is compiled into the effects that use it: compile a copy that has the value.
            norm => {
                let mut model = self.model.clone();
                change(&mut model, norm, |_| x, false, None);
                let program = Program::new(&model)?;
                Ok(program.run(&|i| model.parameters[i].value, counts)?.total)
            }
        }
    }

    /// The counted total minus the shortage with the value at `place` set to `x`; `None` where
    /// it cannot be computed (a divisor of 0, beyond the largest decimal).
    fn excess(&self, place: Place, x: Decimal, shortage: Decimal) -> Option<Decimal> {
        self.total_with(place, x).ok()?.checked_sub(shortage)
    }
}

/// An overflow while looking for a break-even.
fn arithmetic(kind: ArithmeticError) -> Error {
    Error::Arithmetic {
        context: "the break-even".into(),
        kind,
    }
}

/// A break-even found: the value, and whether the total with it is the shortage exactly.
type Found = Result<(Decimal, bool), String>;

impl Sought {
    /// The row for one gap.
    fn needed(&self, solver: &Solver, gap: &Gap) -> Needed {
        let found = match &self.shape {
            Shape::Flat => Err("the total does not change with it".to_string()),
            Shape::Unknown(reason) => Err(reason.clone()),
            Shape::Line {
                along,
                at,
                run,
                rise,
            } => self.on_line(solver, gap.shortage, *along, (*at, *run, *rise)),
            Shape::Curve => self.on_curve(solver, gap.shortage),
        };
        let (needed, exact, reason) = match found {
            Ok((value, exact)) => (Some(value.normalize()), exact, None),
            Err(reason) => (None, false, Some(reason)),
        };
        let within_range = needed
            .zip(self.range)
            .map(|(x, (low, high))| low <= x && x <= high);
        Needed {
            kind: Lever::Parameter,
            year: gap.year,
            scenario: gap.scenario.clone(),
            target: self.target.clone(),
            current: Some(self.current),
            needed,
            within_range,
            exact,
            reason,
        }
    }

    /// On a line: the value where the line meets the shortage, a quotient of exact decimals,
    /// then checked on the evaluator and corrected where the formulas' own rounding moved it.
    fn on_line(
        &self,
        solver: &Solver,
        shortage: Decimal,
        along: Along,
        (at, run, rise): (Decimal, Decimal, Decimal),
    ) -> Found {
        // The line is not flat (that was found first): failing arithmetic here is a value
        // beyond what a decimal holds, whatever the domain allows.
        let beyond = |_| {
            format!(
                "the value that would close it lies beyond the largest decimal, {}",
                Decimal::MAX
            )
        };
        // Along the line from `t` by the excess of the total over the shortage there.
        let back = |t: Decimal, excess: Decimal| excess.div(rise)?.mul(run).and_then(|s| t.sub(s));
        let start = along.of(self.current).map_err(beyond)?;
        let meets = back(start, at.sub(shortage).map_err(beyond)?).map_err(beyond)?;
        let solution = along.of(meets).map_err(beyond)?;
        if !self.domain.contains(solution) {
            let words = &self.domain.words;
            // A sentence for reading: four significant digits say how far outside it lies.
            let (value, unit) = match self.domain.share {
                true => (solution.checked_mul(Decimal::ONE_HUNDRED), "%"),
                false => (Some(solution), ""),
            };
            let about = value
                .and_then(|v| {
                    v.round_sf_with_strategy(
                        4,
                        rust_decimal::RoundingStrategy::MidpointAwayFromZero,
                    )
                })
                .unwrap_or(solution);
            return Err(format!(
                "it would take about {}{unit}, but {words}",
                about.normalize()
            ));
        }
        let excess = |x| solver.excess(self.place, x, shortage);
        let Some(first) = excess(solution) else {
            return Ok((solution, false));
        };
        // The formulas round (a division by 60, a norm's quotient), so the line's value can
        // leave the total some last digits off: search on for the nearest.
        let rises = rise.is_sign_negative() == run.is_sign_negative();
        let rises = match along {
            Along::Value => rises,
            Along::Reciprocal => !rises,
        };
        Ok(self.nearest((solution, first), rises, excess))
    }

    /// From a value near the break-even, steps of its last digit, doubling, towards the
    /// shortage (the total `rises` with the value, or falls) until the total passes it; then
    /// the interval halved to the nearest value. The value itself where nothing is nearer.
    fn nearest(
        &self,
        (x, e): (Decimal, Decimal),
        rises: bool,
        excess: impl Fn(Decimal) -> Option<Decimal>,
    ) -> (Decimal, bool) {
        if e.is_zero() {
            return (x, true);
        }
        let unit = last_digit(x);
        let mut step = if e.is_sign_negative() == rises {
            unit
        } else {
            -unit
        };
        let mut last = (x, e);
        for _ in 0..96 {
            let Some(next) = last
                .0
                .checked_add(step)
                .filter(|n| self.domain.contains(*n))
            else {
                break;
            };
            let Some(excess_there) = excess(next) else {
                break;
            };
            if crosses(e, excess_there) {
                return halve(last, (next, excess_there), excess);
            }
            last = (next, excess_there);
            let Some(doubled) = step.checked_mul(Decimal::TWO) else {
                break;
            };
            step = doubled;
        }
        let best = if last.1.abs() < e.abs() { last } else { (x, e) };
        (best.0, false)
    }

    /// Not on a line: a value on each side of the shortage, searched for outwards from the
    /// current value within the domain (both ways, nearer values first), then the interval
    /// between them halved to the last digit.
    fn on_curve(&self, solver: &Solver, shortage: Decimal) -> Found {
        let none = || format!("no value it can take closes the gap: {}", self.domain.words);
        if !self.domain.contains(self.current) {
            let words = &self.domain.words;
            return Err(format!("its value lies outside what it can take: {words}"));
        }
        let excess = |x| solver.excess(self.place, x, shortage);
        let start = excess(self.current).ok_or_else(none)?;
        if start.is_zero() {
            return Ok((self.current, true));
        }
        let run = step_beside(self.current);
        let from = Some((self.current, start));
        let mut sides = [
            (outwards(self.current, run, self.domain.high), from),
            (outwards(self.current, -run, self.domain.low), from),
        ];
        let mut flat = true;
        let mut searching = true;
        while searching {
            searching = false;
            for (probes, last) in &mut sides {
                let Some(x) = probes.next() else { continue };
                searching = true;
                let e = excess(x);
                flat &= e == Some(start);
                if let (Some(last), Some(e)) = (*last, e)
                    && crosses(last.1, e)
                {
                    return Ok(halve(last, (x, e), excess));
                }
                *last = e.map(|e| (x, e));
            }
        }
        Err(match flat {
            true => "the total does not change with it".into(),
            false => none(),
        })
    }
}

/// Whether the total passed the shortage (or met it) between excesses `from` and `to`.
fn crosses(from: Decimal, to: Decimal) -> bool {
    to.is_zero() || to.is_sign_negative() != from.is_sign_negative()
}

/// One unit of the last of the 28 significant digits a decimal of `value`'s size holds.
fn last_digit(value: Decimal) -> Decimal {
    let whole_digits = value
        .abs()
        .trunc()
        .normalize()
        .to_string()
        .trim_start_matches('0')
        .len();
    let scale = 28usize.saturating_sub(whole_digits).min(28);
    Decimal::new(1, u32::try_from(scale).unwrap_or(28))
}

/// A step beside a value as large as the value itself (1 beside 0), so that what it changes
/// is not lost in the last digits.
fn step_beside(value: Decimal) -> Decimal {
    match value.is_zero() {
        true => Decimal::ONE,
        false => value.abs(),
    }
}

/// Values ever further from `from` in the direction of `step`: halfway to the domain's end
/// each time where it has one (then the end itself, if it may be taken), else steps that
/// double until the decimals hold no more.
fn outwards(
    from: Decimal,
    mut step: Decimal,
    end: Option<(Decimal, bool)>,
) -> impl Iterator<Item = Decimal> {
    let mut at = from;
    let mut last = end.filter(|(_, closed)| *closed).map(|(end, _)| end);
    let mut done = false;
    std::iter::from_fn(move || {
        if done {
            return None;
        }
        let next = match end {
            Some((end, _)) => (end.checked_sub(at))
                .and_then(|distance| distance.checked_div(Decimal::TWO))
                .and_then(|half| at.checked_add(half))
                .filter(|next| *next != at && *next != end),
            None => at.checked_add(step).inspect(|_| {
                step = step.checked_mul(Decimal::TWO).unwrap_or(step);
            }),
        };
        match next {
            Some(next) => {
                at = next;
                Some(next)
            }
            None => {
                done = true;
                last.take()
            }
        }
    })
}

/// Halves the interval between `a` and `b` (values with the total minus the shortage at
/// each, on either side of zero, or one at it) until the decimals hold no value between them;
/// the end nearer the shortage, and whether it is at it.
fn halve(
    mut a: (Decimal, Decimal),
    mut b: (Decimal, Decimal),
    excess: impl Fn(Decimal) -> Option<Decimal>,
) -> (Decimal, bool) {
    // 28 digits are found in about 95 halvings, from any interval a decimal holds.
    for _ in 0..256 {
        if a.1.is_zero() || b.1.is_zero() {
            break;
        }
        let half = |x: Decimal| x.checked_div(Decimal::TWO);
        let Some(middle) = half(a.0).zip(half(b.0)).and_then(|(x, y)| x.checked_add(y)) else {
            break;
        };
        if middle == a.0 || middle == b.0 {
            break;
        }
        let Some(e) = excess(middle) else { break };
        if !e.is_zero() && e.is_sign_negative() == a.1.is_sign_negative() {
            a = (middle, e);
        } else {
            b = (middle, e);
        }
    }
    let best = if b.1.abs() < a.1.abs() { b } else { a };
    (best.0, best.1.is_zero())
}
