//! The one computation from a model's parameters to its totals, in any [`Arithmetic`]: exact
//! decimals ([`crate::evaluate()`]), intervals (bounds) or `f64` (Monte Carlo draws). Callers
//! validate the model first; this module assumes every name and norms id resolves, and reports
//! it as an error if one does not.

use crate::arithmetic::Arithmetic;
use crate::error::{ArithmeticError, Error, Finding, Kind};
use crate::formula::EvalError;
use crate::model::{EffectUnit, Initiative, Model, Norms, Parameter, ParameterIndex};
use rust_decimal::Decimal;

/// One effect's figures.
#[derive(Clone, Copy, Debug)]
pub(crate) struct EffectFigures<V> {
    /// The formula's value, in the effect's unit.
    pub value: V,
    pub fte: V,
    pub persons: V,
}

/// The total set against one shortage.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Gap<V> {
    /// The shortage's position in the model.
    pub shortage: usize,
    /// The shortage in persons.
    pub persons: crate::units::Persons,
    pub covered: V,
    pub remaining: V,
}

/// A model's figures in one number system, each list in model order.
#[derive(Clone, Debug)]
pub(crate) struct Computed<V> {
    /// Per initiative, its effects.
    pub effects: Vec<Vec<EffectFigures<V>>>,
    /// Per initiative: FTE and persons.
    pub initiatives: Vec<(V, V)>,
    /// Per initiative, its persons per theme: (theme index, persons).
    pub theme_parts: Vec<Vec<(usize, V)>>,
    /// Per theme, net persons.
    pub themes: Vec<V>,
    /// Per sector, net persons.
    pub sectors: Vec<V>,
    /// All initiatives that count, each once.
    pub total: V,
    /// Per shortage that can be stated in persons: the share covered and the persons remaining.
    pub gaps: Vec<Gap<V>>,
}

fn arithmetic(context: impl FnOnce() -> String) -> impl FnOnce(ArithmeticError) -> Error {
    move |kind| Error::Arithmetic {
        context: context(),
        kind,
    }
}

/// Computes the model with each parameter's value given by `value`, from its position in the
/// model's parameters and the parameter itself (its point value, its interval, a draw),
/// counting the initiatives for which `counts` is true.
pub(crate) fn compute<V: Arithmetic>(
    model: &Model,
    value: impl Fn(usize, &Parameter) -> V,
    counts: impl Fn(usize) -> bool,
) -> Result<Computed<V>, Error> {
    let parameters = ParameterIndex::new(model);
    let mut effects = Vec::with_capacity(model.initiatives.len());
    let mut initiatives = Vec::with_capacity(model.initiatives.len());
    for initiative in &model.initiatives {
        let (own, fte, persons) = initiative_figures(model, &parameters, initiative, &value)?;
        effects.push(own);
        initiatives.push((fte, persons));
    }
    aggregate(model, effects, initiatives, counts)
}

/// Sums the figures of each initiative into themes, sectors, the total and the gaps, counting
/// the initiatives for which `counts` is true.
pub(crate) fn aggregate<V: Arithmetic>(
    model: &Model,
    effects: Vec<Vec<EffectFigures<V>>>,
    initiatives: Vec<(V, V)>,
    counts: impl Fn(usize) -> bool,
) -> Result<Computed<V>, Error> {
    let zero = V::exact(Decimal::ZERO);
    let mut total = zero;
    let mut themes = vec![zero; model.themes.len()];
    let mut sectors = vec![zero; model.sectors.len()];
    let mut theme_parts = Vec::with_capacity(model.initiatives.len());
    for (index, initiative) in model.initiatives.iter().enumerate() {
        if !counts(index) {
            theme_parts.push(Vec::new());
            continue;
        }
        let context = || format!("initiative {:?}", initiative.id);
        let persons = initiatives[index].1;
        total = total.add(persons).map_err(arithmetic(context))?;
        for (effect, figures) in initiative.effects.iter().zip(&effects[index]) {
            if let Some(sector) = model.sectors.iter().position(|s| s.id == effect.sector) {
                sectors[sector] = sectors[sector]
                    .add(figures.persons)
                    .map_err(arithmetic(context))?;
            }
        }
        let parts = theme_split(initiative.themes.iter().map(|t| t.weight), persons)
            .map_err(arithmetic(context))?;
        let mut placed = Vec::with_capacity(parts.len());
        for (share, part) in initiative.themes.iter().zip(parts) {
            if let Some(theme) = model.themes.iter().position(|t| t.id == share.theme) {
                themes[theme] = themes[theme].add(part).map_err(arithmetic(context))?;
                placed.push((theme, part));
            }
        }
        theme_parts.push(placed);
    }

    let mut gaps = Vec::with_capacity(model.shortages.len());
    for (index, shortage) in model.shortages.iter().enumerate() {
        // A shortage that cannot be stated in persons is not compared (see Results::uncompared).
        let Ok(short) = model.shortage_in_persons(shortage) else {
            continue;
        };
        let context = || format!("the shortage {} {}", shortage.year, shortage.scenario);
        let persons = V::exact(short.value());
        let covered = total.div(persons).map_err(arithmetic(context))?;
        let remaining = persons.sub(total).map_err(arithmetic(context))?;
        gaps.push(Gap {
            shortage: index,
            persons: short,
            covered,
            remaining,
        });
    }
    Ok(Computed {
        effects,
        initiatives,
        theme_parts,
        themes,
        sectors,
        total,
        gaps,
    })
}

/// One initiative's figures: per effect, then its FTE and its persons.
pub(crate) type InitiativeFigures<V> = (Vec<EffectFigures<V>>, V, V);

/// One initiative's effects, FTE and persons, each parameter's value given by `value`.
pub(crate) fn initiative_figures<V: Arithmetic>(
    model: &Model,
    parameters: &ParameterIndex,
    initiative: &Initiative,
    value: &impl Fn(usize, &Parameter) -> V,
) -> Result<InitiativeFigures<V>, Error> {
    let zero = V::exact(Decimal::ZERO);
    if !crate::model::pending_in(parameters, initiative).is_empty() {
        // A pending value has no number yet: the initiative frees nothing until it is supplied.
        let none = EffectFigures {
            value: zero,
            fte: zero,
            persons: zero,
        };
        return Ok((vec![none; initiative.effects.len()], zero, zero));
    }
    let mut own = Vec::with_capacity(initiative.effects.len());
    let (mut fte, mut persons) = (zero, zero);
    for effect in &initiative.effects {
        let context = || format!("initiative {:?}, effect {:?}", initiative.id, effect.id);
        let resolve = |name: &str| {
            let index = parameters.position(&initiative.id, name)?;
            Some(value(index, &model.parameters[index]))
        };
        let result = effect
            .formula
            .evaluate_in(&resolve)
            .map_err(|error| match error {
                EvalError::Arithmetic(kind) => arithmetic(context)(kind),
                EvalError::UnknownName(name) => unresolved(effect.origin.as_ref(), "formula", name),
            })?;
        let Some(norms) = model.norms(&effect.norms) else {
            return Err(unresolved(
                effect.origin.as_ref(),
                "norms",
                effect.norms.clone(),
            ));
        };
        let figures =
            to_fte_and_persons(result, effect.unit, norms).map_err(arithmetic(context))?;
        fte = fte.add(figures.fte).map_err(arithmetic(context))?;
        persons = persons.add(figures.persons).map_err(arithmetic(context))?;
        own.push(figures);
    }
    Ok((own, fte, persons))
}

/// Splits `persons` by relative `weights`; the last share is taken with
/// [`Arithmetic::last_share`], so decimal shares add up to the whole exactly.
pub(crate) fn theme_split<V: Arithmetic>(
    weights: impl ExactSizeIterator<Item = Decimal> + Clone,
    persons: V,
) -> Result<Vec<V>, ArithmeticError> {
    let total_weight = weights
        .clone()
        .try_fold(Decimal::ZERO, |sum, w| sum.checked_add(w));
    let total_weight = total_weight.ok_or(ArithmeticError::Overflow)?;
    let count = weights.len();
    let mut parts = Vec::with_capacity(count);
    let mut allotted = V::exact(Decimal::ZERO);
    for (index, weight) in weights.enumerate() {
        let fraction = V::exact(Arithmetic::div(weight, total_weight)?);
        let part = if index + 1 == count {
            V::last_share(persons, allotted, fraction)?
        } else {
            persons.mul(fraction)?
        };
        allotted = allotted.add(part)?;
        parts.push(part);
    }
    Ok(parts)
}

fn to_fte_and_persons<V: Arithmetic>(
    value: V,
    unit: EffectUnit,
    norms: &Norms,
) -> Result<EffectFigures<V>, ArithmeticError> {
    let hours = V::exact(norms.working_hours.value());
    let part_time = V::exact(norms.part_time_factor.value());
    let (fte, persons) = match unit {
        EffectUnit::Hours => {
            let fte = value.div(hours)?;
            (fte, fte.div(part_time)?)
        }
        EffectUnit::Fte => (value, value.div(part_time)?),
        EffectUnit::Persons => (value.mul(part_time)?, value),
    };
    Ok(EffectFigures {
        value,
        fte,
        persons,
    })
}

/// validate() has checked every name and norms id; still, no input may panic.
fn unresolved(origin: Option<&crate::error::Origin>, column: &str, value: String) -> Error {
    let finding = Finding::new(
        Kind::UnknownReference,
        origin,
        column,
        value,
        "is not defined",
    );
    Error::Input {
        findings: vec![finding],
    }
}
