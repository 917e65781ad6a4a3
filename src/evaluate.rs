//! Model -> Results: exact figures per effect, initiative, theme, sector and in total, set
//! against each shortage scenario, with an audit against the published figures. No I/O, no
//! rounding: rounding belongs to presentation ([`Persons::plan_rounded`]).

use crate::engine::arithmetic::Arithmetic;
use crate::engine::program::{Code, Computed, Program};
use crate::error::{ArithmeticError, Error};
use crate::model::name::Name;
use crate::model::units::{Fte, Persons, Share};
use crate::model::{EffectUnit, Initiative, Interval, Model};
use rust_decimal::Decimal;

/// The figures for one effect.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct EffectResult {
    /// The initiative's id.
    pub initiative: Name,
    /// The effect's id.
    pub effect: Name,
    /// The sector's id.
    pub sector: Name,
    /// The unit of `value`.
    pub unit: EffectUnit,
    /// The formula's value, in `unit`; `None` while its initiative waits for a pending value.
    #[cfg_attr(
        feature = "serde",
        serde(serialize_with = "crate::model::as_text::optional_decimal")
    )]
    pub value: Option<Decimal>,
    /// FTE (for a `persons` effect: those persons times the part-time factor); `None` while
    /// pending.
    pub fte: Option<Fte>,
    /// Persons freed (negative: needed); `None` while pending.
    pub persons: Option<Persons>,
}

/// How a recomputed figure compares with the published one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize),
    serde(rename_all = "snake_case")
)]
#[non_exhaustive]
pub enum Verdict {
    /// The recomputed figure, rounded to the published figure's decimals, matches.
    Agrees,
    /// It does not; `difference` is recomputed (rounded) minus published (the nearest end of a range).
    Differs {
        /// Recomputed minus published, in whole persons.
        #[cfg_attr(feature = "serde", serde(with = "crate::model::as_text::decimal"))]
        difference: Decimal,
    },
    /// The plan published no figure.
    Unpublished,
    /// There is nothing to compare: the initiative is not quantified (no effects) or waits for
    /// a pending value. Its published figure, if any, stands alone.
    NotQuantified,
}

/// The figures for one initiative.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct InitiativeResult {
    /// The initiative's id.
    pub id: Name,
    /// Its name.
    pub name: Name,
    /// Who submitted it.
    pub submitted_by: Name,
    /// What its effects give, or why there is no figure.
    pub figure: Figure,
    /// The audit, the plan's figure next to what its parameters give: the persons rounded to the
    /// decimals the published figure is printed in (whole persons for `28` or none, tenths for
    /// `0.5`), half away from zero; `None` when the initiative is not quantified.
    #[cfg_attr(
        feature = "serde",
        serde(serialize_with = "crate::model::as_text::optional_decimal")
    )]
    pub rounded: Option<Decimal>,
    /// The figure the plan published for it, as printed.
    pub published: Option<Interval>,
    /// The rounded persons compared with the published figure.
    pub verdict: Verdict,
    /// Whether it counts in the themes, sectors and total (see [`crate::model::Status`]). An
    /// initiative that counts but is not quantified adds nothing: it is listed, never as zero.
    pub counted: bool,
}

/// An initiative's figure, or why it has none. Not quantified is not zero: there is no number
/// to read until the initiative has effects and every value they need.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize),
    serde(rename_all = "snake_case")
)]
#[non_exhaustive]
pub enum Figure {
    /// Computed from its effects.
    Quantified {
        /// FTE, summed over its effects.
        fte: Fte,
        /// Persons, summed over its effects (net: extra staff needed is subtracted).
        persons: Persons,
    },
    /// It has no effects: the plan gives no way to compute it.
    NotQuantified,
    /// Its effects wait for values written `pending` in the data; until they are supplied it
    /// frees nothing and does not count.
    Pending {
        /// The values it waits for.
        needs: Vec<String>,
    },
}

impl Figure {
    /// The persons, if quantified.
    pub fn persons(&self) -> Option<Persons> {
        match self {
            Figure::Quantified { persons, .. } => Some(*persons),
            _ => None,
        }
    }

    /// The FTE, if quantified.
    pub fn fte(&self) -> Option<Fte> {
        match self {
            Figure::Quantified { fte, .. } => Some(*fte),
            _ => None,
        }
    }

    /// Whether there is a figure.
    pub fn is_quantified(&self) -> bool {
        matches!(self, Figure::Quantified { .. })
    }

    /// The values it waits for (empty unless pending).
    pub fn pending(&self) -> &[String] {
        match self {
            Figure::Pending { needs } => needs,
            _ => &[],
        }
    }
}

impl InitiativeResult {
    /// The persons, if quantified.
    pub fn persons(&self) -> Option<Persons> {
        self.figure.persons()
    }

    /// Whether it counts and has a figure: the initiatives the total is made of.
    pub fn counts_quantified(&self) -> bool {
        self.counted && self.figure.is_quantified()
    }
}

/// Persons freed, summed under a theme or sector.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct GroupResult {
    /// The theme's or sector's id.
    pub id: Name,
    /// Its name.
    pub name: Name,
    /// Net persons (freed minus needed).
    pub persons: Persons,
    /// Persons freed by the positive effects alone (for a theme: each initiative's positive
    /// effects, split by the theme weights).
    pub freed: Persons,
    /// Persons needed by the negative effects, as a positive number (for a theme: split by the
    /// theme weights). Themes and sectors add up to the same freed and needed.
    pub needed: Persons,
    /// How many initiatives that count and have a figure have a part in it. With none, the
    /// group is not quantified: its zeros say that nothing was counted, not that nothing is freed.
    pub quantified: usize,
}

impl GroupResult {
    /// True when at least one counted initiative with a figure has a part in it.
    pub fn is_quantified(&self) -> bool {
        self.quantified > 0
    }
}

/// How many initiatives have a part in each theme or sector, each initiative counted once.
struct Contributors {
    counts: Vec<usize>,
    /// Per group, one past the index of the last initiative counted.
    last: Vec<usize>,
}

impl Contributors {
    fn new(groups: usize) -> Self {
        Contributors {
            counts: vec![0; groups],
            last: vec![0; groups],
        }
    }

    fn add(&mut self, group: usize, initiative: usize) {
        if self.last[group] != initiative + 1 {
            self.last[group] = initiative + 1;
            self.counts[group] += 1;
        }
    }
}

/// The total set against one shortage scenario.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct GapResult {
    /// The year.
    pub year: u16,
    /// The scenario.
    pub scenario: Name,
    /// The projected shortage.
    pub shortage: Persons,
    /// Persons freed by all initiatives.
    pub freed: Persons,
    /// The part of the shortage the initiatives cover.
    pub covered: Share,
    /// The shortage left (negative if more than covered: see [`GapResult::surplus`]).
    pub remaining: Persons,
}

impl GapResult {
    /// The persons freed beyond the shortage, as a positive number; `None` while some of the
    /// shortage remains (or exactly none).
    pub fn surplus(&self) -> Option<Persons> {
        match Balance::of(self.remaining) {
            Balance::Surplus(surplus) => Some(surplus),
            Balance::Remaining(_) => None,
        }
    }

    /// The shortage left, or the surplus when more is freed than is short.
    pub(crate) fn balance(&self) -> Balance {
        Balance::of(self.remaining)
    }
}

/// What is left of a shortage once the staff freed is set against it, as the outputs show it:
/// never a negative remaining, but a surplus.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Balance {
    /// Persons still missing (zero when exactly covered).
    Remaining(Persons),
    /// Persons freed beyond the shortage, as a positive number.
    Surplus(Persons),
}

impl Balance {
    /// From shortage minus freed.
    pub(crate) fn of(remaining: Persons) -> Balance {
        if remaining.value().is_sign_negative() && !remaining.value().is_zero() {
            Balance::Surplus(Persons::new(-remaining.value()))
        } else {
            Balance::Remaining(remaining)
        }
    }
}

/// A shortage that cannot be set against persons freed, and why.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct Uncompared {
    /// The year.
    pub year: u16,
    /// The scenario.
    pub scenario: Name,
    /// Why it cannot be stated in persons, and what input would convert it.
    pub reason: String,
}

/// Everything [`Model::evaluate`] computes.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct Results {
    /// The region's name.
    pub region: Name,
    /// Per effect, in the order of the initiatives and their effects.
    pub effects: Vec<EffectResult>,
    /// Per initiative, in input order.
    pub initiatives: Vec<InitiativeResult>,
    /// Per theme, in the order of the themes (an initiative's persons split by its weights).
    pub themes: Vec<GroupResult>,
    /// Per sector, in the order of the sectors.
    pub sectors: Vec<GroupResult>,
    /// The initiatives that count, each once.
    pub total: Persons,
    /// The total against each shortage scenario stated in persons or convertible to them, in
    /// input order.
    pub gaps: Vec<GapResult>,
    /// The other shortages, with why they are not compared (a share without the staff it is a
    /// share of, FTE without a part-time factor), in input order.
    pub uncompared: Vec<Uncompared>,
    /// The latest year of any shortage: the year the initiatives' figures are for. `None`
    /// when the region states no shortage.
    pub horizon: Option<u16>,
    /// The plan's own total, as printed.
    pub published_total: Option<Interval>,
    /// The published figures of the counted initiatives added up (a range where some are ranges);
    /// `None` when no initiative has one.
    pub published_sum: Option<Interval>,
    /// The plan's own claim of the share covered, as printed.
    pub published_share: Option<Interval>,
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
            .filter(|i| matches!(i.verdict, Verdict::Differs { .. }))
    }
}

/// Why a shortage of zero is not compared: there is no share of it to cover.
pub(crate) fn zero_shortage(shortage: &crate::model::Shortage) -> String {
    format!("the shortage {shortage} is zero: there is no share of it to cover")
}

impl Persons {
    /// Rounded the way the plan rounds: to whole persons, half away from zero.
    pub fn plan_rounded(self) -> Decimal {
        plan_rounding(self)
    }
}

/// Rounds persons the way the plan does: to whole persons, half away from zero.
pub(crate) fn plan_rounding(persons: Persons) -> Decimal {
    let value = persons.value();
    // One division of the mantissa by 10^scale, where rust_decimal's general rounding divides
    // by ten a digit at a time (a tenth of an evaluation's instructions). A property test holds
    // the two to the same results.
    let mantissa = value.mantissa();
    let unit = 10_i128.pow(value.scale());
    let (whole, rest) = (mantissa / unit, mantissa % unit);
    let whole = match rest.unsigned_abs() * 2 >= unit.unsigned_abs() {
        true => whole + mantissa.signum(),
        false => whole,
    };
    Decimal::from_i128_with_scale(whole, 0)
}

/// True for a positive figure that rounds to zero whole persons: the plan prints it as the
/// range `0 - 1`, never as 0.
pub(crate) fn below_one_person(persons: Persons, rounded: Decimal) -> bool {
    rounded.is_zero() && rounded.scale() == 0 && persons.value() > Decimal::ZERO
}

/// Rounds persons to the decimals the plan printed its figure in (`3.75` two, `28` none), half
/// away from zero: a region that publishes tenths is audited in tenths, not in whole persons.
pub(crate) fn rounded_as_published(persons: Persons, published: Option<Interval>) -> Decimal {
    let places = published.map_or(0, |p| p.low.scale().max(p.high.scale()));
    match places {
        0 => plan_rounding(persons),
        places => {
            let strategy = rust_decimal::RoundingStrategy::MidpointAwayFromZero;
            let mut rounded = persons.value().round_dp_with_strategy(places, strategy);
            // Written with as many decimals as the published figure: 2.00 beside 2.25.
            rounded.rescale(places);
            rounded
        }
    }
}

impl Model {
    /// Evaluates the model. Fails at once with every error [`Model::check`] finds in the model
    /// itself (not in its scenarios, each of which only its comparison refuses), or with the
    /// first arithmetic failure: a formula that divides by zero or overflows
    /// ([`Error::Evaluation`], with the effect's line and the parameters the failing part reads),
    /// or a sum beyond the largest decimal ([`Error::Arithmetic`], naming the sum).
    ///
    /// ```
    /// let results = workforce_gap::Model::limburg()?.evaluate()?;
    /// assert!(results.initiative("buikpijnteam").is_some());
    /// # Ok::<(), workforce_gap::Error>(())
    /// ```
    pub fn evaluate(&self) -> Result<Results, Error> {
        Prepared::new(self)?.evaluate()
    }
}

/// A model validated and compiled, and the names every evaluation of it shares.
pub(crate) struct Prepared<'m> {
    model: &'m Model,
    program: Program<'m>,
    counts: Vec<bool>,
    pending: Vec<Vec<String>>,
    /// Why some shortages are not compared; it depends on the model alone.
    uncompared: Vec<Uncompared>,
    names: Names,
}

/// A [`Prepared`] model without the model: what an [`crate::Evaluator`] keeps next to the model
/// it owns, to [`Detached::attach`] to it again.
pub(crate) struct Detached {
    code: Code,
    counts: Vec<bool>,
    pending: Vec<Vec<String>>,
    uncompared: Vec<Uncompared>,
    names: Names,
}

impl Detached {
    /// The prepared model again, on the model it was prepared from (or one whose parameters
    /// alone have changed since).
    pub(crate) fn attach(self, model: &Model) -> Prepared<'_> {
        let Detached {
            code,
            counts,
            pending,
            uncompared,
            names,
        } = self;
        Prepared {
            model,
            program: code.attach(model),
            counts,
            pending,
            uncompared,
            names,
        }
    }
}

/// Every name the results repeat, made once: results share them instead of copying.
struct Names {
    region: Name,
    initiatives: Vec<InitiativeNames>,
    /// Per theme and per sector: id and name.
    themes: Vec<(Name, Name)>,
    sectors: Vec<(Name, Name)>,
    /// Per shortage, its scenario.
    scenarios: Vec<Name>,
}

struct InitiativeNames {
    id: Name,
    name: Name,
    submitted_by: Name,
    /// Per effect: its id and its sector's.
    effects: Vec<(Name, Name)>,
}

impl Names {
    fn new(model: &Model) -> Names {
        let initiatives = (model.initiatives.iter())
            .map(|i| InitiativeNames {
                id: Name::from(&i.id),
                name: Name::from(&i.name),
                submitted_by: Name::from(&i.submitted_by),
                effects: (i.effects.iter())
                    .map(|e| (Name::from(&e.id), Name::from(&e.sector)))
                    .collect(),
            })
            .collect();
        Names {
            region: Name::from(&model.region.name),
            initiatives,
            themes: (model.themes.iter())
                .map(|t| (Name::from(&t.id), Name::from(&t.name)))
                .collect(),
            sectors: (model.sectors.iter())
                .map(|s| (Name::from(&s.id), Name::from(&s.name)))
                .collect(),
            scenarios: (model.shortages.iter())
                .map(|s| Name::from(&s.scenario))
                .collect(),
        }
    }
}

impl<'m> Prepared<'m> {
    /// Validates and compiles the model; fails with every error of the model itself.
    pub(crate) fn new(model: &'m Model) -> Result<Prepared<'m>, Error> {
        let checked = model.checked()?;
        Ok(Prepared {
            model,
            program: Program::with_index(model, &checked.parameters)?,
            counts: checked.counts,
            pending: checked.pending,
            uncompared: model
                .shortages
                .iter()
                .filter_map(|shortage| {
                    let reason = match model.shortage_in_persons(shortage) {
                        Err(error) => error.to_string(),
                        Ok(persons) if persons.value().is_zero() => zero_shortage(shortage),
                        Ok(_) => return None,
                    };
                    Some(Uncompared {
                        year: shortage.year,
                        scenario: Name::from(&shortage.scenario),
                        reason,
                    })
                })
                .collect(),
            names: Names::new(model),
        })
    }

    /// The results, exactly as [`Model::evaluate`] gives them.
    pub fn evaluate(&self) -> Result<Results, Error> {
        self.results(&self.compute()?)
    }

    /// The exact figures at the model's values.
    pub(crate) fn compute(&self) -> Result<Computed<Decimal>, Error> {
        let parameters = &self.model.parameters;
        (self.program).run(&|i| parameters[i].value, |index| self.counts[index])
    }

    /// `computed` with the figures of the initiatives in `changed` made again from the model's
    /// values, and everything summed again; the others keep theirs.
    pub(crate) fn recompute(
        &self,
        changed: &[usize],
        computed: &mut Computed<Decimal>,
    ) -> Result<(), Error> {
        let parameters = &self.model.parameters;
        let value = |i: usize| parameters[i].value;
        let counts = |index: usize| self.counts[index];
        (self.program).rerun_into(changed, &value, counts, computed, &mut Vec::new())
    }

    /// For each parameter, by position, the initiatives whose formulas read it.
    pub(crate) fn readers(&self) -> Vec<Vec<usize>> {
        self.program.readers()
    }

    /// What to keep to [`Detached::attach`] the model again.
    pub(crate) fn detach(self) -> Detached {
        Detached {
            code: self.program.detach(),
            counts: self.counts,
            pending: self.pending,
            uncompared: self.uncompared,
            names: self.names,
        }
    }

    /// Wraps exact figures in typed results, in model order, in one pass over the initiatives.
    pub(crate) fn results(&self, computed: &Computed<Decimal>) -> Result<Results, Error> {
        let model = self.model;
        let names = &self.names;
        let mut effects = Vec::with_capacity(computed.effects.len());
        let mut figures = computed.effects.iter().zip(self.program.sectors());
        let mut initiatives = Vec::with_capacity(model.initiatives.len());
        let mut sector_parts = Vec::with_capacity(computed.effects.len());
        let mut themes = vec![Parts::default(); names.themes.len()];
        let mut theme_contributors = Contributors::new(names.themes.len());
        let mut sector_contributors = Contributors::new(names.sectors.len());
        for (index, initiative) in model.initiatives.iter().enumerate() {
            let own = &names.initiatives[index];
            let counted = self.counts[index];
            let known = self.pending[index].is_empty();
            let contributes = counted && known && !initiative.effects.is_empty();
            let mut own_parts = Parts::default();
            for ((effect, (effect_id, sector_id)), (f, sector)) in
                (initiative.effects.iter().zip(&own.effects)).zip(figures.by_ref())
            {
                effects.push(EffectResult {
                    initiative: own.id.clone(),
                    effect: effect_id.clone(),
                    sector: sector_id.clone(),
                    unit: effect.unit,
                    value: known.then_some(f.value),
                    fte: known.then(|| Fte::new(f.fte)),
                    persons: known.then(|| Persons::new(f.persons)),
                });
                if let (true, Some(sector)) = (counted, sector) {
                    sector_parts.push((sector, f.persons));
                    if contributes {
                        sector_contributors.add(sector, index);
                    }
                }
                own_parts.add(f.persons).map_err(|kind| Error::Arithmetic {
                    context: format!(
                        "initiative {:?}: adding up what it frees and needs",
                        initiative.id
                    ),
                    kind,
                })?;
            }
            if counted {
                self.split_over_themes(initiative, own_parts, &mut themes)?;
            }
            if contributes {
                for share in &initiative.themes {
                    let theme =
                        (names.themes.iter()).position(|(id, _)| id.as_str() == share.theme);
                    if let Some(theme) = theme {
                        theme_contributors.add(theme, index);
                    }
                }
            }
            let (fte, persons) = computed.initiatives[index];
            let figure = if !self.pending[index].is_empty() {
                Figure::Pending {
                    needs: self.pending[index].clone(),
                }
            } else if initiative.effects.is_empty() {
                Figure::NotQuantified
            } else {
                Figure::Quantified {
                    fte: Fte::new(fte),
                    persons: Persons::new(persons),
                }
            };
            let rounded = figure
                .persons()
                .map(|persons| rounded_as_published(persons, initiative.published));
            initiatives.push(InitiativeResult {
                id: own.id.clone(),
                name: own.name.clone(),
                submitted_by: own.submitted_by.clone(),
                rounded,
                published: initiative.published,
                verdict: verdict(figure.persons().zip(rounded), initiative.published).map_err(
                    |kind| Error::Arithmetic {
                        context: format!(
                            "initiative {:?}: recomputed minus published",
                            initiative.id
                        ),
                        kind,
                    },
                )?,
                figure,
                counted,
            });
        }
        let groups = |names: &[(Name, Name)],
                      parts: &[Parts],
                      nets: &[Decimal],
                      contributors: Contributors| {
            (names.iter().zip(parts).zip(nets).zip(contributors.counts))
                .map(|((((id, name), parts), net), quantified)| GroupResult {
                    id: id.clone(),
                    name: name.clone(),
                    persons: Persons::new(*net),
                    freed: Persons::new(parts.freed),
                    needed: Persons::new(parts.needed),
                    quantified,
                })
                .collect()
        };
        let sectors = Parts::of_groups(&computed.sectors, &sector_parts)
            .map_err(summing("sector", &names.sectors))?;
        let total = Persons::new(computed.total);
        let gaps = computed
            .gaps
            .iter()
            .map(|gap| GapResult {
                year: model.shortages[gap.shortage].year,
                scenario: names.scenarios[gap.shortage].clone(),
                shortage: gap.persons,
                freed: total,
                covered: Share::new(gap.covered),
                remaining: Persons::new(gap.remaining),
            })
            .collect();
        let published_sum = published_sum(&initiatives);
        Ok(Results {
            region: names.region.clone(),
            effects,
            initiatives,
            themes: groups(&names.themes, &themes, &computed.themes, theme_contributors),
            sectors: groups(
                &names.sectors,
                &sectors,
                &computed.sectors,
                sector_contributors,
            ),
            total,
            gaps,
            uncompared: self.uncompared.clone(),
            horizon: model.shortages.iter().map(|s| s.year).max(),
            published_total: model.region.published_total,
            published_sum,
            published_share: model.region.published_share,
        })
    }

    /// Adds an initiative's freed and needed parts to its themes, each split by the theme
    /// weights: a theme frees and needs what its share of the initiative's effects free and
    /// need, so that themes add up the way sectors do (the needed part is not netted away).
    fn split_over_themes(
        &self,
        initiative: &Initiative,
        own: Parts,
        themes: &mut [Parts],
    ) -> Result<(), Error> {
        if own.freed.is_zero() && own.needed.is_zero() {
            return Ok(());
        }
        let fail = |kind| Error::Arithmetic {
            context: format!("themes of initiative {:?}", initiative.id),
            kind,
        };
        let mut add = |theme_id: &str, freed: Decimal, needed: Decimal| {
            let theme = (self.names.themes.iter()).position(|(id, _)| id.as_str() == theme_id);
            if let Some(theme) = theme {
                let sum =
                    |a: Decimal, b: Decimal| a.checked_add(b).ok_or(ArithmeticError::Overflow);
                themes[theme].freed = sum(themes[theme].freed, freed).map_err(fail)?;
                themes[theme].needed = sum(themes[theme].needed, needed).map_err(fail)?;
            }
            Ok(())
        };
        // Most initiatives have one theme, which takes the whole: no split to compute.
        if let [only] = initiative.themes.as_slice() {
            return add(&only.theme, own.freed, own.needed);
        }
        let weights = initiative.themes.iter().map(|t| t.weight);
        let freed =
            crate::engine::program::theme_split(weights.clone(), own.freed).map_err(fail)?;
        let needed = crate::engine::program::theme_split(weights, own.needed).map_err(fail)?;
        for ((share, freed), needed) in initiative.themes.iter().zip(freed).zip(needed) {
            add(&share.theme, freed, needed)?;
        }
        Ok(())
    }
}

/// The error of a theme's or sector's parts that add up beyond a decimal.
fn summing<'a>(
    what: &'a str,
    names: &'a [(Name, Name)],
) -> impl FnOnce((usize, ArithmeticError)) -> Error + 'a {
    move |(group, kind)| Error::Arithmetic {
        context: format!(
            "{what} {:?}: adding up what it frees and needs",
            names[group].0
        ),
        kind,
    }
}

/// What the positive and negative parts of a theme or sector add up to. Parts whose net sum fits
/// a decimal may add up beyond it one-signed: that is an error, never a capped sum.
#[derive(Clone, Copy, Default)]
struct Parts {
    freed: Decimal,
    needed: Decimal,
}

impl Parts {
    /// The parts of each group from its net sum `nets[group]` and its `parts`, (group, part) in
    /// the order they were summed. A group with no negative part frees its net sum (the same
    /// additions in the same order) and needs nothing; only the others are summed again.
    fn of_groups(
        nets: &[Decimal],
        parts: &[(usize, Decimal)],
    ) -> Result<Vec<Parts>, (usize, ArithmeticError)> {
        let mut mixed = vec![false; nets.len()];
        for &(group, part) in parts {
            mixed[group] |= part.is_sign_negative();
        }
        let mut split: Vec<Parts> = (nets.iter().zip(&mixed))
            .map(|(&net, &mixed)| match mixed {
                true => Parts::default(),
                false => Parts {
                    freed: net,
                    needed: Decimal::ZERO,
                },
            })
            .collect();
        for &(group, part) in parts {
            if mixed[group] {
                split[group].add(part).map_err(|kind| (group, kind))?;
            }
        }
        Ok(split)
    }

    fn add(&mut self, part: Decimal) -> Result<(), ArithmeticError> {
        if part.is_sign_positive() {
            self.freed = self.freed.add(part)?;
        } else {
            self.needed = self.needed.sub(part)?;
        }
        Ok(())
    }
}

fn published_sum(initiatives: &[InitiativeResult]) -> Option<Interval> {
    let published: Vec<&Interval> = initiatives
        .iter()
        .filter(|i| i.counted)
        .filter_map(|i| i.published.as_ref())
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
    Some(Interval::new(low, high))
}

/// The persons, and those rounded the way the plan rounds, compared with the published figure.
fn verdict(
    figure: Option<(Persons, Decimal)>,
    published: Option<Interval>,
) -> Result<Verdict, ArithmeticError> {
    let Some((persons, rounded)) = figure else {
        return Ok(Verdict::NotQuantified);
    };
    Ok(match &published {
        None => Verdict::Unpublished,
        // A range such as "0 - 1" is the plan's way of printing a value that rounds below one:
        // it agrees when the unrounded figure lies within it.
        Some(range) if range.is_range() => {
            let value = persons.value();
            if value < range.low {
                Verdict::Differs {
                    difference: rounded.sub(range.low)?,
                }
            } else if value > range.high {
                Verdict::Differs {
                    difference: rounded.sub(range.high)?,
                }
            } else {
                Verdict::Agrees
            }
        }
        Some(single) if rounded == single.low => Verdict::Agrees,
        Some(single) => Verdict::Differs {
            difference: rounded.sub(single.low)?,
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn groups_free_and_need_the_sums_of_their_signed_parts(
            parts in prop::collection::vec((0usize..4, -1_000_000i64..1_000_000, 0u32..=28), 0..40)
        ) {
            let parts: Vec<(usize, Decimal)> =
                parts.into_iter().map(|(g, m, scale)| (g, Decimal::new(m, scale))).collect();
            // Net sums as the computation makes them: every part, in order.
            let mut nets = [Decimal::ZERO; 4];
            for &(group, part) in &parts {
                nets[group] = nets[group].checked_add(part).unwrap();
            }
            let split = Parts::of_groups(&nets, &parts).unwrap();
            for (group, got) in split.iter().enumerate() {
                let mut want = Parts::default();
                for &(_, part) in parts.iter().filter(|(g, _)| *g == group) {
                    want.add(part).unwrap();
                }
                prop_assert_eq!(got.freed, want.freed);
                prop_assert_eq!(got.needed, want.needed);
                prop_assert_eq!(got.freed.to_string(), want.freed.to_string());
            }
        }
    }
}
