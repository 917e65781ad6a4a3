//! How sure are the figures? Exact bounds of every result while the parameters roam their
//! ranges, the swing each parameter alone causes in the total (tornado data), how much of the
//! total rests on assumptions, and how concentrated it is in a few initiatives.

use crate::engine::arithmetic::Arithmetic;
use crate::engine::program::{Computed, EffectFigures, InitiativeFigures, Program};
use crate::error::{ArithmeticError, Error};
use crate::evaluate::Results;
use crate::model::name::Name;
use crate::model::units::{Persons, Share};
use crate::model::{Interval, Model, Parameter, ParameterIndex, Scope};
use rust_decimal::Decimal;

/// Bounds of every result, each the interval of values it takes while every parameter with a
/// range stays within it (the others at their value). See [`Interval`] for why they are sound
/// for any formula and exact where each parameter occurs once.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct Bounds {
    /// Per effect: (initiative id, effect id, persons).
    pub effects: Vec<(String, String, Interval)>,
    /// Per initiative: (id, persons).
    pub initiatives: Vec<(String, Interval)>,
    /// Per theme: (id, persons).
    pub themes: Vec<(String, Interval)>,
    /// Per sector: (id, net persons).
    pub sectors: Vec<(String, Interval)>,
    /// All initiatives, in persons.
    pub total: Interval,
    /// Per shortage compared, as in [`Results::gaps`]: (year, shortage scenario, share covered,
    /// persons remaining).
    pub gaps: Vec<(u16, String, Interval, Interval)>,
}

impl Bounds {
    /// The bounds of the theme with this id.
    pub fn theme(&self, id: &str) -> Option<Interval> {
        self.themes.iter().find(|(i, _)| i == id).map(|(_, b)| *b)
    }

    /// The bounds of the initiative with this id.
    pub fn initiative(&self, id: &str) -> Option<Interval> {
        self.initiatives
            .iter()
            .find(|(i, _)| i == id)
            .map(|(_, b)| *b)
    }
}

/// The interval a parameter may take: its range, or its value alone.
pub fn interval_of(parameter: &Parameter) -> Interval {
    parameter
        .range
        .as_ref()
        .map_or(Interval::point(parameter.value), |r| {
            Interval::new(r.low, r.high)
        })
}

/// The most ranged parameters one initiative may use for its bounds to be found at the corners
/// of their ranges (2^12 = 4,096 evaluations); beyond it, interval arithmetic serves.
pub const MAX_CORNER_PARAMETERS: usize = 12;

impl Model {
    /// Bounds of every result. Fails like [`Model::evaluate`](crate::Model::evaluate), and with a division by zero where a
    /// divisor's range includes zero.
    ///
    /// Each initiative's bounds are exact where its formulas are multilinear in its ranged
    /// parameters (each occurs at most once in each product, and in no divisor, as in the plans'
    /// products of counts, shares and minutes, or a saving minus an extra cost that share a
    /// population): such a function takes its extremes at corners of the ranges, so the hull of its
    /// values at every corner is its exact range. Other initiatives get interval arithmetic, which is
    /// sound for every formula (see [`Interval`]). Themes, sectors and the total add up the
    /// initiatives' bounds: exact where no two initiatives share a ranged parameter, sound always.
    ///
    /// How sure are the figures? Exact bounds of every result while the parameters roam their
    /// ranges, the swing each parameter alone causes in the total (tornado data), how much of the
    /// total rests on assumptions, and how concentrated it is in a few initiatives.
    ///
    /// ```
    /// let model = workforce_gap::Model::limburg()?;
    /// let bounds = model.bounds()?;
    /// let results = model.evaluate()?;
    /// assert!(bounds.total.contains(results.total.value()));
    /// let tornado = model.tornado()?;
    /// println!("{} moves the total most: {} persons", tornado[0].name, tornado[0].swing);
    /// # Ok::<(), workforce_gap::Error>(())
    /// ```
    pub fn bounds(&self) -> Result<Bounds, Error> {
        bounds(self)
    }
}

pub(crate) fn bounds(model: &Model) -> Result<Bounds, Error> {
    let checked = model.checked()?;
    let computed = bounds_given(model, &checked.parameters, &checked.counts)?;
    let mut effects = Vec::new();
    let every_effect =
        (model.initiatives.iter()).flat_map(|i| i.effects.iter().map(move |e| (&i.id, &e.id)));
    for ((initiative, effect), f) in every_effect.zip(&computed.effects) {
        effects.push((initiative.clone(), effect.clone(), f.persons));
    }
    let ids = |items: &mut dyn Iterator<Item = &String>,
               values: &[Interval]|
     -> Vec<(String, Interval)> {
        items.cloned().zip(values.iter().copied()).collect()
    };
    let persons: Vec<Interval> = computed.initiatives.iter().map(|(_, p)| *p).collect();
    Ok(Bounds {
        effects,
        initiatives: ids(&mut model.initiatives.iter().map(|i| &i.id), &persons),
        themes: ids(&mut model.themes.iter().map(|t| &t.id), &computed.themes),
        sectors: ids(&mut model.sectors.iter().map(|s| &s.id), &computed.sectors),
        total: computed.total,
        gaps: computed
            .gaps
            .iter()
            .map(|gap| {
                let shortage = &model.shortages[gap.shortage];
                let scenario = shortage.scenario.clone();
                (shortage.year, scenario, gap.covered, gap.remaining)
            })
            .collect(),
    })
}

/// The bounds of every figure, counting the initiatives for which `counts` is true.
pub(crate) fn bounds_counting(model: &Model, counts: &[bool]) -> Result<Computed<Interval>, Error> {
    bounds_given(model, &ParameterIndex::new(model), counts)
}

/// [`bounds_counting`] with the model's parameter index.
fn bounds_given(
    model: &Model,
    parameters: &ParameterIndex,
    counts: &[bool],
) -> Result<Computed<Interval>, Error> {
    let program = Program::with_index(model, parameters)?;
    let interval = |i: usize| interval_of(&model.parameters[i]);
    let mut stack = Vec::new();
    let mut figures = Vec::new();
    let mut initiatives = Vec::with_capacity(model.initiatives.len());
    for (index, initiative) in model.initiatives.iter().enumerate() {
        let (own, fte, persons) = match corners(model, &program, parameters, index, initiative)? {
            Some(exact) => exact,
            None => program.initiative(index, &interval, &mut stack)?,
        };
        figures.extend(own);
        initiatives.push((fte, persons));
    }
    program.aggregate(figures, initiatives, |index| counts[index])
}

/// The figures of one initiative as the hull of their values at every corner of its ranged
/// parameters, when its formulas are multilinear in them and they are few enough; else `None`.
fn corners(
    model: &Model,
    program: &Program,
    parameters: &ParameterIndex,
    index: usize,
    initiative: &crate::model::Initiative,
) -> Result<Option<InitiativeFigures<Interval>>, Error> {
    let ranged: Vec<usize> = program
        .slots(index)
        .into_iter()
        .filter(|&slot| model.parameters[slot].range.is_some())
        .collect();
    if ranged.len() > MAX_CORNER_PARAMETERS {
        return Ok(None);
    }
    let multilinear = ranged.iter().all(|&slot| {
        let name = model.parameters[slot].name.as_str();
        let is_it = |n: &str| n == name && parameters.position(&initiative.id, n) == Some(slot);
        initiative
            .effects
            .iter()
            .all(|e| e.formula.degree_in(&is_it).is_some_and(|d| d <= 1))
    });
    if !multilinear {
        return Ok(None);
    }
    let mut stack = Vec::new();
    let mut hull: Option<InitiativeFigures<Interval>> = None;
    for corner in 0u32..(1 << ranged.len()) {
        let value = |slot: usize| {
            let p = &model.parameters[slot];
            match (ranged.iter().position(|&r| r == slot), &p.range) {
                (Some(bit), Some(range)) if corner >> bit & 1 == 1 => range.high,
                (Some(_), Some(range)) => range.low,
                _ => p.value,
            }
        };
        let (own, fte, persons) = program.initiative(index, &value, &mut stack)?;
        hull = Some(match hull {
            None => (
                own.iter()
                    .map(|f| EffectFigures {
                        value: Interval::point(f.value),
                        fte: Interval::point(f.fte),
                        persons: Interval::point(f.persons),
                    })
                    .collect(),
                Interval::point(fte),
                Interval::point(persons),
            ),
            Some((effects, all_fte, all_persons)) => (
                effects
                    .iter()
                    .zip(&own)
                    .map(|(h, f)| EffectFigures {
                        value: h.value.widen(f.value),
                        fte: h.fte.widen(f.fte),
                        persons: h.persons.widen(f.persons),
                    })
                    .collect(),
                all_fte.widen(fte),
                all_persons.widen(persons),
            ),
        });
    }
    Ok(hull)
}

/// How far the total moves when one parameter alone goes from the low to the high end of its
/// range, the others at their values.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct Swing {
    /// Whose parameter it is.
    pub scope: Scope,
    /// Its name.
    pub name: String,
    /// Whether the plan marks it as an assumption.
    pub assumption: bool,
    /// The total with the parameter at the low end of its range.
    pub at_low: Persons,
    /// The total with the parameter at the high end.
    pub at_high: Persons,
    /// `at_high - at_low` (negative where a higher value frees fewer persons).
    #[cfg_attr(feature = "serde", serde(with = "crate::model::as_text::decimal"))]
    pub swing: Decimal,
}

impl Model {
    /// The tornado: every parameter with a range, ranked by how far it alone moves the total
    /// (largest swing first; ties in input order).
    pub fn tornado(&self) -> Result<Vec<Swing>, Error> {
        tornado(self)
    }
}

pub(crate) fn tornado(model: &Model) -> Result<Vec<Swing>, Error> {
    let checked = model.checked()?;
    let counts = |i: usize| checked.counts[i];
    let program = Program::with_index(model, &checked.parameters)?;
    // Computed once at the values; a swing recomputes only the initiatives that read the
    // parameter, and sums the total on from the first of them, in the same order.
    let at_values = program.run(&|i| model.parameters[i].value, counts)?;
    let running = program.running_totals(&at_values, counts)?;
    let readers = program.readers();
    let mut stack = Vec::new();
    let mut swings = Vec::new();
    for (index, parameter) in model.parameters.iter().enumerate() {
        let Some(range) = &parameter.range else {
            continue;
        };
        let mut total_with = |value: Decimal| -> Result<Decimal, Error> {
            let at = |i: usize| {
                if i == index {
                    value
                } else {
                    model.parameters[i].value
                }
            };
            // The readers are in model order, as the total is summed.
            let replaced = (readers[index].iter())
                .map(|&i| Ok((i, program.initiative(i, &at, &mut stack)?.2)))
                .collect::<Result<Vec<_>, Error>>()?;
            program.total_from(&running, &at_values, &replaced, counts)
        };
        let (at_low, at_high) = (total_with(range.low)?, total_with(range.high)?);
        let fail = |kind| Error::Arithmetic {
            context: format!("the swing of {}.{}", parameter.scope, parameter.name),
            kind,
        };
        swings.push(Swing {
            scope: parameter.scope.clone(),
            name: parameter.name.clone(),
            assumption: parameter.assumption,
            at_low: Persons::new(at_low),
            at_high: Persons::new(at_high),
            swing: at_high.sub(at_low).map_err(fail)?,
        });
    }
    swings.sort_by_key(|s| std::cmp::Reverse(s.swing.abs()));
    Ok(swings)
}

/// How much of the total rests on assumptions.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct Reliance {
    /// Persons freed by initiatives whose formulas use at least one parameter the plan marks as an
    /// assumption.
    pub on_assumptions: Persons,
    /// Persons freed by initiatives whose formulas use sourced parameters only.
    pub sourced: Persons,
    /// `on_assumptions` as a share of the total; `None` when the total is zero (nothing counted
    /// is quantified): there is no share of nothing.
    pub share_on_assumptions: Option<Share>,
    /// The initiatives resting on assumptions, by id.
    pub initiatives: Vec<String>,
}

impl Model {
    /// Splits the total by whether each initiative's figure rests on an assumption.
    pub fn reliance(&self, results: &Results) -> Result<Reliance, ArithmeticError> {
        reliance(self, results)
    }
}

pub(crate) fn reliance(model: &Model, results: &Results) -> Result<Reliance, ArithmeticError> {
    let parameters = ParameterIndex::new(model);
    let mut on_assumptions = Persons::ZERO;
    let mut sourced = Persons::ZERO;
    let mut initiatives = Vec::new();
    let counted = model
        .initiatives
        .iter()
        .zip(&results.initiatives)
        .filter_map(|(i, r)| Some((i, r.persons().filter(|_| r.counted)?)));
    for (initiative, persons) in counted {
        let assumes = initiative
            .effects
            .iter()
            .flat_map(|e| e.formula.names())
            .any(|name| {
                parameters
                    .get(&initiative.id, name)
                    .is_some_and(|p| p.assumption)
            });
        if assumes {
            on_assumptions = on_assumptions.checked_add(persons)?;
            initiatives.push(initiative.id.clone());
        } else {
            sourced = sourced.checked_add(persons)?;
        }
    }
    Ok(Reliance {
        on_assumptions,
        sourced,
        share_on_assumptions: match results.total.value().is_zero() {
            true => None,
            false => Some(on_assumptions.ratio_to(results.total)?),
        },
        initiatives,
    })
}

impl Results {
    /// The counted, quantified initiatives by their share of the total, largest first: how
    /// concentrated the total is. Empty when the total is zero: there is no share of nothing.
    pub fn concentration(&self) -> Result<Vec<(Name, Share)>, ArithmeticError> {
        concentration(self)
    }
}

pub(crate) fn concentration(results: &Results) -> Result<Vec<(Name, Share)>, ArithmeticError> {
    if results.total.value().is_zero() {
        return Ok(Vec::new());
    }
    let mut shares = results
        .initiatives
        .iter()
        .filter(|i| i.counted)
        .filter_map(|i| Some((i.id.clone(), i.persons()?)))
        .map(|(id, persons)| Ok((id, persons.ratio_to(results.total)?)))
        .collect::<Result<Vec<_>, ArithmeticError>>()?;
    shares.sort_by_key(|(_, share)| std::cmp::Reverse(*share));
    Ok(shares)
}
