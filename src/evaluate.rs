//! Model -> Results: exact figures per effect, initiative, theme, sector and in total, set
//! against each shortage scenario, with an audit against the published figures. No I/O, no
//! rounding: rounding belongs to presentation ([`plan_rounding`]).

use crate::error::{ArithmeticError, Error, Finding, Kind};
use crate::formula::EvalError;
use crate::model::{EffectUnit, Initiative, Model, ParameterIndex, Published};
use crate::units::{Fte, HoursPerYear, Persons, Share};
use rust_decimal::{Decimal, RoundingStrategy};

/// The figures for one effect.
#[derive(Clone, Debug, PartialEq)]
pub struct EffectResult {
    /// The initiative's id.
    pub initiative: String,
    /// The effect's id.
    pub effect: String,
    /// The sector's id.
    pub sector: String,
    /// The formula's value, in `unit`.
    pub value: Decimal,
    /// The unit of `value`.
    pub unit: EffectUnit,
    /// FTE (for a `persons` effect: those persons times the part-time factor).
    pub fte: Fte,
    /// Persons freed (negative: needed).
    pub persons: Persons,
}

/// How a recomputed figure compares with the published one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// The recomputed figure, rounded the way the plan rounds, matches.
    Agrees,
    /// It does not; `difference` is recomputed (rounded) minus published (the nearest end of a range).
    Differs {
        /// Recomputed minus published, in whole persons.
        difference: Decimal,
    },
    /// The plan published no figure.
    Unpublished,
}

/// The audit of one initiative: the plan's figure next to what its parameters give.
#[derive(Clone, Debug, PartialEq)]
pub struct Audit {
    /// The recomputed persons rounded the way the plan rounds (half away from zero).
    pub rounded: Decimal,
    /// The figure as printed.
    pub published: Option<Published>,
    /// The comparison.
    pub verdict: Verdict,
}

/// The figures for one initiative.
#[derive(Clone, Debug, PartialEq)]
pub struct InitiativeResult {
    /// The initiative's id.
    pub id: String,
    /// Its name.
    pub name: String,
    /// Who submitted it.
    pub submitted_by: String,
    /// FTE, summed over its effects.
    pub fte: Fte,
    /// Persons, summed over its effects (net: extra staff needed is subtracted).
    pub persons: Persons,
    /// The comparison with the published figure.
    pub audit: Audit,
}

/// Persons freed, summed under a theme or sector.
#[derive(Clone, Debug, PartialEq)]
pub struct GroupResult {
    /// The theme's or sector's id.
    pub id: String,
    /// Its name.
    pub name: String,
    /// Net persons (freed minus needed).
    pub persons: Persons,
    /// Persons freed by the positive parts alone (effects for a sector, initiatives for a theme).
    pub freed: Persons,
    /// Persons needed by the negative parts, as a positive number.
    pub needed: Persons,
}

/// The total set against one shortage scenario.
#[derive(Clone, Debug, PartialEq)]
pub struct GapResult {
    /// The year.
    pub year: u16,
    /// The scenario.
    pub scenario: String,
    /// The projected shortage.
    pub shortage: Persons,
    /// Persons freed by all initiatives.
    pub freed: Persons,
    /// The part of the shortage the initiatives cover.
    pub covered: Share,
    /// The shortage left (negative if more than covered).
    pub remaining: Persons,
}

/// Everything [`evaluate`] computes.
#[derive(Clone, Debug, PartialEq)]
pub struct Results {
    /// The region's name.
    pub region: String,
    /// Per effect, in the order of the initiatives and their effects.
    pub effects: Vec<EffectResult>,
    /// Per initiative, in input order.
    pub initiatives: Vec<InitiativeResult>,
    /// Per theme, in the order of the themes (an initiative's persons split by its weights).
    pub themes: Vec<GroupResult>,
    /// Per sector, in the order of the sectors.
    pub sectors: Vec<GroupResult>,
    /// All initiatives together, each counted once.
    pub total: Persons,
    /// The total against each shortage scenario, in input order.
    pub gaps: Vec<GapResult>,
    /// The plan's own total, as printed.
    pub published_total: Option<Published>,
    /// The published figures of the initiatives added up (a range where some are ranges);
    /// `None` when no initiative has one.
    pub published_sum: Option<Published>,
    /// The plan's own claim of the share covered, as printed.
    pub published_share: Option<Published>,
}

impl Results {
    /// The result of the initiative with this id.
    pub fn initiative(&self, id: &str) -> Option<&InitiativeResult> {
        self.initiatives.iter().find(|i| i.id == id)
    }

    /// The result of the theme with this id.
    pub fn theme(&self, id: &str) -> Option<&GroupResult> {
        self.themes.iter().find(|t| t.id == id)
    }

    /// The result of the sector with this id.
    pub fn sector(&self, id: &str) -> Option<&GroupResult> {
        self.sectors.iter().find(|s| s.id == id)
    }

    /// The initiatives whose published figure their parameters do not reproduce.
    pub fn disagreements(&self) -> impl Iterator<Item = &InitiativeResult> {
        self.initiatives
            .iter()
            .filter(|i| matches!(i.audit.verdict, Verdict::Differs { .. }))
    }
}

/// Rounds persons the way the plan does: to whole persons, half away from zero.
pub fn plan_rounding(persons: Persons) -> Decimal {
    persons
        .value()
        .round_dp_with_strategy(0, RoundingStrategy::MidpointAwayFromZero)
}

/// Evaluates the model. Fails with every error of [`Model::validate`] at once, or with the first
/// arithmetic failure (overflow, division by zero) named by initiative and effect.
pub fn evaluate(model: &Model) -> Result<Results, Error> {
    let findings = model.validate();
    if !findings.is_empty() {
        return Err(Error::Input { findings });
    }
    let parameters = ParameterIndex::new(model);
    let mut effects = Vec::new();
    let mut initiatives = Vec::with_capacity(model.initiatives.len());
    for initiative in &model.initiatives {
        let first = effects.len();
        for effect in &initiative.effects {
            let context = || format!("initiative {:?}, effect {:?}", initiative.id, effect.id);
            let fail = |kind| Error::Arithmetic {
                context: context(),
                kind,
            };
            let resolve = |name: &str| parameters.get(&initiative.id, name).map(|p| p.value);
            let value = effect
                .formula
                .evaluate(&resolve)
                .map_err(|error| match error {
                    EvalError::Arithmetic(kind) => fail(kind),
                    // validate() has checked every name; keep the error path all the same.
                    EvalError::UnknownName(name) => {
                        let finding = Finding::new(
                            Kind::UnknownReference,
                            effect.origin.as_ref(),
                            "formula",
                            name,
                            "is no parameter",
                        );
                        Error::Input {
                            findings: vec![finding],
                        }
                    }
                })?;
            let Some(norms) = model.norms(&effect.norms) else {
                // validate() has checked every norms id; still, no input may panic.
                let expected = "is not a norms id";
                let finding = Finding::new(
                    Kind::UnknownReference,
                    effect.origin.as_ref(),
                    "norms",
                    &effect.norms,
                    expected,
                );
                return Err(Error::Input {
                    findings: vec![finding],
                });
            };
            let (fte, persons) = to_fte_and_persons(value, effect.unit, norms).map_err(fail)?;
            effects.push(EffectResult {
                initiative: initiative.id.clone(),
                effect: effect.id.clone(),
                sector: effect.sector.clone(),
                value,
                unit: effect.unit,
                fte,
                persons,
            });
        }
        let own = &effects[first..];
        let fail = |kind| Error::Arithmetic {
            context: format!("initiative {:?}", initiative.id),
            kind,
        };
        let fte = Fte::checked_sum(own.iter().map(|e| e.fte)).map_err(fail)?;
        let persons = Persons::checked_sum(own.iter().map(|e| e.persons)).map_err(fail)?;
        initiatives.push(InitiativeResult {
            id: initiative.id.clone(),
            name: initiative.name.clone(),
            submitted_by: initiative.submitted_by.clone(),
            fte,
            persons,
            audit: audit(persons, initiative.published),
        });
    }

    let total_fail = |kind| Error::Arithmetic {
        context: "the total".into(),
        kind,
    };
    let total = Persons::checked_sum(initiatives.iter().map(|i| i.persons)).map_err(total_fail)?;
    let themes = by_theme(model, &initiatives)?;
    let sectors = by_sector(model, &effects)?;
    let gaps = model
        .shortages
        .iter()
        .map(|shortage| {
            let fail = |kind| Error::Arithmetic {
                context: format!("the shortage {} {}", shortage.year, shortage.scenario),
                kind,
            };
            Ok(GapResult {
                year: shortage.year,
                scenario: shortage.scenario.clone(),
                shortage: shortage.persons,
                freed: total,
                covered: total.ratio_to(shortage.persons).map_err(fail)?,
                remaining: shortage.persons.checked_sub(total).map_err(fail)?,
            })
        })
        .collect::<Result<_, Error>>()?;

    let published_sum = published_sum(&initiatives);
    Ok(Results {
        region: model.region.name.clone(),
        effects,
        initiatives,
        themes,
        sectors,
        total,
        gaps,
        published_total: model.region.published_total,
        published_sum,
        published_share: model.region.published_share,
    })
}

fn published_sum(initiatives: &[InitiativeResult]) -> Option<Published> {
    let published: Vec<&Published> = initiatives
        .iter()
        .filter_map(|i| i.audit.published.as_ref())
        .collect();
    if published.is_empty() {
        return None;
    }
    let low = published
        .iter()
        .try_fold(Decimal::ZERO, |sum, p| sum.checked_add(p.low))?;
    let high = published
        .iter()
        .try_fold(Decimal::ZERO, |sum, p| sum.checked_add(p.high))?;
    Some(Published::range(low, high))
}

fn to_fte_and_persons(
    value: Decimal,
    unit: EffectUnit,
    norms: &crate::model::Norms,
) -> Result<(Fte, Persons), ArithmeticError> {
    match unit {
        EffectUnit::Hours => {
            let fte = HoursPerYear::new(value).to_fte(norms.working_hours)?;
            Ok((fte, fte.to_persons(norms.part_time_factor)?))
        }
        EffectUnit::Fte => {
            let fte = Fte::new(value);
            Ok((fte, fte.to_persons(norms.part_time_factor)?))
        }
        EffectUnit::Persons => {
            let persons = Persons::new(value);
            Ok((persons.to_fte(norms.part_time_factor)?, persons))
        }
    }
}

fn audit(persons: Persons, published: Option<Published>) -> Audit {
    let rounded = plan_rounding(persons);
    let verdict = match &published {
        None => Verdict::Unpublished,
        // A range such as "0 - 1" is the plan's way of printing a value that rounds below one:
        // it agrees when the unrounded figure lies within it.
        Some(range) if range.is_range() => {
            let value = persons.value();
            if value < range.low {
                Verdict::Differs {
                    difference: rounded.saturating_sub(range.low),
                }
            } else if value > range.high {
                Verdict::Differs {
                    difference: rounded.saturating_sub(range.high),
                }
            } else {
                Verdict::Agrees
            }
        }
        Some(single) if rounded == single.low => Verdict::Agrees,
        Some(single) => Verdict::Differs {
            difference: rounded.saturating_sub(single.low),
        },
    };
    Audit {
        rounded,
        published,
        verdict,
    }
}

/// Splits each initiative's persons over its themes by weight. The last theme of an initiative
/// takes the remainder, so the themes add up to the total exactly (division by three does not).
fn by_theme(model: &Model, initiatives: &[InitiativeResult]) -> Result<Vec<GroupResult>, Error> {
    let mut parts: Vec<Vec<Persons>> = vec![Vec::new(); model.themes.len()];
    for (initiative, result) in model.initiatives.iter().zip(initiatives) {
        let fail = |kind| Error::Arithmetic {
            context: format!("themes of initiative {:?}", initiative.id),
            kind,
        };
        for (theme, share) in theme_split(initiative, result.persons).map_err(fail)? {
            if let Some(index) = model.themes.iter().position(|t| t.id == theme) {
                parts[index].push(share);
            }
        }
    }
    model
        .themes
        .iter()
        .zip(parts)
        .map(|(theme, parts)| group(&theme.id, &theme.name, parts, "theme"))
        .collect()
}

/// Sums the parts of one theme or sector into net, freed and needed persons.
fn group(id: &str, name: &str, parts: Vec<Persons>, kind: &str) -> Result<GroupResult, Error> {
    let fail = |kind_| Error::Arithmetic {
        context: format!("{kind} {id:?}"),
        kind: kind_,
    };
    let freed =
        Persons::checked_sum(parts.iter().copied().filter(|p| *p > Persons::ZERO)).map_err(fail)?;
    let negative =
        Persons::checked_sum(parts.iter().copied().filter(|p| *p < Persons::ZERO)).map_err(fail)?;
    Ok(GroupResult {
        id: id.to_string(),
        name: name.to_string(),
        persons: freed.checked_add(negative).map_err(fail)?,
        freed,
        needed: Persons::ZERO.checked_sub(negative).map_err(fail)?,
    })
}

/// The persons of one initiative per theme, by weight; the shares sum to `persons` exactly.
pub fn theme_split(
    initiative: &Initiative,
    persons: Persons,
) -> Result<Vec<(&str, Persons)>, ArithmeticError> {
    let weights: Vec<Decimal> = initiative.themes.iter().map(|t| t.weight).collect();
    let total_weight = weights
        .iter()
        .try_fold(Decimal::ZERO, |sum, w| sum.checked_add(*w));
    let total_weight = total_weight.ok_or(ArithmeticError::Overflow)?;
    let mut split = Vec::with_capacity(weights.len());
    let mut allotted = Persons::ZERO;
    for (index, share) in initiative.themes.iter().enumerate() {
        let part = if index + 1 == weights.len() {
            persons.checked_sub(allotted)?
        } else {
            persons.checked_scale(Share::new(share.weight).ratio_to(Share::new(total_weight))?)?
        };
        allotted = allotted.checked_add(part)?;
        split.push((share.theme.as_str(), part));
    }
    Ok(split)
}

fn by_sector(model: &Model, effects: &[EffectResult]) -> Result<Vec<GroupResult>, Error> {
    model
        .sectors
        .iter()
        .map(|sector| {
            let parts = effects
                .iter()
                .filter(|e| e.sector == sector.id)
                .map(|e| e.persons)
                .collect();
            group(&sector.id, &sector.name, parts, "sector")
        })
        .collect()
}
