//! The one computation from a model's parameters to its totals, in any [`Arithmetic`]: exact
//! decimals ([`Model::evaluate`](crate::Model::evaluate)), intervals (bounds) or `f64` (Monte Carlo draws). Callers
//! validate the model first; this module assumes every name and norms id resolves, and reports
//! it as an error if one does not.

use crate::engine::arithmetic::{Arithmetic, Constant};
#[cfg(feature = "monte-carlo")]
use crate::engine::batch::Lanes;
use crate::engine::compiled::Compiled;
use crate::error::{
    ArithmeticError, Error, EvaluationError, Finding, Kind, Origin, ParameterValue,
};
use crate::model::formula::{EvalError, Expr, Op};
use crate::model::units::Persons;
use crate::model::{EffectUnit, Model, ParameterIndex};
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
    pub persons: Persons,
    pub covered: V,
    pub remaining: V,
}

/// A model's figures in one number system, each list in model order.
#[derive(Clone, Debug)]
pub(crate) struct Computed<V> {
    /// Every effect, initiative by initiative: one flat list, so that computing allocates once.
    pub effects: Vec<EffectFigures<V>>,
    /// Per initiative: FTE and persons.
    pub initiatives: Vec<(V, V)>,
    /// Per theme, net persons.
    pub themes: Vec<V>,
    /// Per sector, net persons.
    pub sectors: Vec<V>,
    /// All initiatives that count, each once.
    pub total: V,
    /// Per shortage that can be stated in persons: the share covered and the persons remaining.
    pub gaps: Vec<Gap<V>>,
}

impl<V: Arithmetic> EffectFigures<V> {
    /// All zero: what an initiative waiting for a pending value frees.
    fn zero() -> EffectFigures<V> {
        let zero = V::constant(&Constant::ZERO);
        EffectFigures {
            value: zero,
            fte: zero,
            persons: zero,
        }
    }
}

impl<V: Arithmetic> Computed<V> {
    /// Nothing computed yet: buffers for [`Program::run_into`] to fill.
    pub(crate) fn empty() -> Computed<V> {
        Computed {
            effects: Vec::new(),
            initiatives: Vec::new(),
            themes: Vec::new(),
            sectors: Vec::new(),
            total: V::constant(&Constant::ZERO),
            gaps: Vec::new(),
        }
    }
}

/// `file line N, column "c": ` for a record read from a file (no column when `column` is empty);
/// nothing for one built in Rust.
fn located(origin: Option<&Origin>, column: &str) -> String {
    match (origin, column) {
        (Some(origin), "") => format!("{origin}: "),
        (Some(origin), column) => format!("{origin}, column {column:?}: "),
        (None, _) => String::new(),
    }
}

/// ` (file line N)` for a record read from a file; nothing for one built in Rust.
fn at(origin: Option<&Origin>) -> String {
    origin.map_or_else(String::new, |origin| format!(" ({origin})"))
}

fn arithmetic(context: impl FnOnce() -> String) -> impl FnOnce(ArithmeticError) -> Error {
    move |kind| Error::Arithmetic {
        context: context(),
        kind,
    }
}

/// Computes the model with each parameter's value given by `value` from its position in the
/// model's parameters (its point value, its interval, a draw), counting the initiatives for which
/// `counts` is true. To compute one model many times, compile it once with [`Program::new`].
pub(crate) fn compute<V: Arithmetic>(
    model: &Model,
    value: impl Fn(usize) -> V,
    counts: impl Fn(usize) -> bool,
) -> Result<Computed<V>, Error> {
    Program::new(model)?.run(&value, counts)
}

/// A model compiled for computing many times: every formula resolved to parameter positions,
/// every theme, sector and norm looked up, every shortage stated in persons, once.
pub(crate) struct Program<'m> {
    model: &'m Model,
    code: Code,
}

/// A compiled model without the model: what an owner of the model keeps between runs, to
/// [`Code::attach`] to it again (the model's parameters may change; its norms and shape not).
pub(crate) struct Code {
    initiatives: Vec<CompiledInitiative>,
    shortages: Vec<(usize, Persons, Constant)>,
    /// The deepest stack any formula needs.
    stack_depth: usize,
    /// How many effects all initiatives have.
    effect_count: usize,
}

struct CompiledInitiative {
    effects: Vec<CompiledEffect>,
    /// The position of its first effect in [`Computed::effects`].
    first_effect: usize,
    /// Waits for a pending value: frees nothing yet.
    pending: bool,
    /// (theme position, fraction of the initiative), in the initiative's order.
    themes: Vec<(usize, Constant)>,
}

struct CompiledEffect {
    formula: Compiled,
    unit: EffectUnit,
    working_hours: Constant,
    part_time: Constant,
    sector: Option<usize>,
}

/// Where the figures of some initiatives go in the sums, in the order
/// [`Program::rerun_into`] adds them: per initiative its persons into the total, each effect's
/// persons into its sector, and a fraction of its persons (`None`: all) into each theme.
/// Sectors and gaps only where they are summarised.
#[cfg(feature = "monte-carlo")]
#[derive(Default)]
pub(crate) struct Routes {
    total: Vec<usize>,
    /// (effect position, sector position).
    sectors: Vec<(usize, usize)>,
    /// (initiative position, theme position, fraction).
    themes: Vec<(usize, usize, Option<f64>)>,
    gaps: bool,
}

/// One initiative's figures: per effect, then its FTE and its persons.
pub(crate) type InitiativeFigures<V> = (Vec<EffectFigures<V>>, V, V);

impl<'m> Program<'m> {
    /// Compiles a model. validate() has checked every name and norms id; one that does not
    /// resolve is still an error here, never a panic.
    pub(crate) fn new(model: &'m Model) -> Result<Program<'m>, Error> {
        Program::with_index(model, &ParameterIndex::new(model))
    }

    /// [`Program::new`] with the model's parameter index, built once by the caller.
    pub(crate) fn with_index(
        model: &'m Model,
        parameters: &ParameterIndex,
    ) -> Result<Program<'m>, Error> {
        let mut initiatives = Vec::with_capacity(model.initiatives.len());
        let mut first_effect = 0;
        for initiative in &model.initiatives {
            let pending = !crate::model::pending_in(parameters, initiative).is_empty();
            let mut effects = Vec::with_capacity(initiative.effects.len());
            for effect in &initiative.effects {
                let slot = |name: &str| parameters.position(&initiative.id, name);
                let formula = effect.formula.compile(&slot).map_err(|error| match error {
                    EvalError::UnknownName(name) => {
                        unresolved(effect.origin.as_ref(), "formula", name)
                    }
                    EvalError::Arithmetic(kind) => Error::Arithmetic {
                        context: format!("initiative {:?}", initiative.id),
                        kind,
                    },
                })?;
                let Some(norms) = model.norms(&effect.norms) else {
                    return Err(unresolved(
                        effect.origin.as_ref(),
                        "norms",
                        effect.norms.clone(),
                    ));
                };
                effects.push(CompiledEffect {
                    formula,
                    unit: effect.unit,
                    working_hours: Constant::new(norms.working_hours.value()),
                    part_time: Constant::new(norms.part_time_factor.value()),
                    sector: model.sectors.iter().position(|s| s.id == effect.sector),
                });
            }
            let fractions = theme_split(initiative.themes.iter().map(|t| t.weight), Decimal::ONE)
                .map_err(arithmetic(|| {
                format!("themes of initiative {:?}", initiative.id)
            }))?;
            let themes = initiative
                .themes
                .iter()
                .zip(fractions)
                .filter_map(|(share, fraction)| {
                    Some((
                        model.themes.iter().position(|t| t.id == share.theme)?,
                        Constant::new(fraction),
                    ))
                })
                .collect();
            initiatives.push(CompiledInitiative {
                first_effect,
                effects,
                pending,
                themes,
            });
            first_effect += initiative.effects.len();
        }
        // A shortage that cannot be stated in persons, or is zero (no share of it to cover), is
        // not compared (see Results::uncompared).
        let shortages = model
            .shortages
            .iter()
            .enumerate()
            .filter_map(|(index, shortage)| {
                let persons = model.shortage_in_persons(shortage).ok()?;
                (!persons.value().is_zero())
                    .then(|| (index, persons, Constant::new(persons.value())))
            })
            .collect();
        let stack_depth = (initiatives.iter())
            .flat_map(|i| &i.effects)
            .map(|e| e.formula.depth())
            .max()
            .unwrap_or(0);
        Ok(Program {
            model,
            code: Code {
                initiatives,
                shortages,
                stack_depth,
                effect_count: first_effect,
            },
        })
    }

    /// The compiled code, for [`Code::attach`] to the model again.
    pub(crate) fn detach(self) -> Code {
        self.code
    }

    /// Every figure, each parameter's value from `value` by its position.
    pub(crate) fn run<V: Arithmetic>(
        &self,
        value: &impl Fn(usize) -> V,
        counts: impl Fn(usize) -> bool,
    ) -> Result<Computed<V>, Error> {
        // Sized once, so that filling them never grows a buffer.
        let mut computed = Computed {
            effects: Vec::with_capacity(self.effect_count),
            initiatives: Vec::with_capacity(self.initiatives.len()),
            ..Computed::empty()
        };
        let mut stack = Vec::with_capacity(self.stack_depth);
        self.run_into(value, counts, &mut computed, &mut stack)?;
        Ok(computed)
    }

    /// The position of each effect's sector, every effect in order.
    pub(crate) fn sectors(&self) -> impl Iterator<Item = Option<usize>> + '_ {
        (self.initiatives.iter())
            .flat_map(|i| &i.effects)
            .map(|e| e.sector)
    }

    /// Every figure zero, in buffers sized for [`Program::rerun_into`].
    #[cfg(feature = "monte-carlo")]
    pub(crate) fn zeros<V: Arithmetic>(&self) -> Computed<V> {
        let zero = V::constant(&Constant::ZERO);
        let gap = |(index, persons, _): &(usize, Persons, Constant)| Gap {
            shortage: *index,
            persons: *persons,
            covered: zero,
            remaining: zero,
        };
        Computed {
            effects: vec![EffectFigures::zero(); self.effect_count],
            initiatives: vec![(zero, zero); self.initiatives.len()],
            themes: vec![zero; self.model.themes.len()],
            sectors: vec![zero; self.model.sectors.len()],
            total: zero,
            gaps: self.shortages.iter().map(gap).collect(),
        }
    }

    /// Every figure, into `computed`, whose buffers (and the `stack`) are reused: computing a
    /// model many times (Monte Carlo draws) then allocates nothing after the first time.
    pub(crate) fn run_into<V: Arithmetic>(
        &self,
        value: &impl Fn(usize) -> V,
        counts: impl Fn(usize) -> bool,
        computed: &mut Computed<V>,
        stack: &mut Vec<V>,
    ) -> Result<(), Error> {
        computed.effects.clear();
        computed
            .effects
            .resize(self.effect_count, EffectFigures::zero());
        computed.initiatives.clear();
        for index in 0..self.initiatives.len() {
            let own = &mut computed.effects[self.effect_range(index)];
            let (fte, persons) = self.initiative_into(index, value, stack, own)?;
            computed.initiatives.push((fte, persons));
        }
        self.aggregate_into(computed, counts)
    }

    /// Like [`Program::run_into`], but recomputes only the initiatives listed in `changed`: the
    /// others keep the figures `computed` holds from an earlier run. A Monte Carlo draw or a
    /// swing of the tornado changes only the initiatives that read the parameters it changes.
    pub(crate) fn rerun_into<V: Arithmetic>(
        &self,
        changed: &[usize],
        value: &impl Fn(usize) -> V,
        counts: impl Fn(usize) -> bool,
        computed: &mut Computed<V>,
        stack: &mut Vec<V>,
    ) -> Result<(), Error> {
        self.recompute_into(changed, value, computed, stack)?;
        self.aggregate_into(computed, counts)
    }

    /// Recomputes the initiatives listed in `changed`, without summing them.
    pub(crate) fn recompute_into<V: Arithmetic>(
        &self,
        changed: &[usize],
        value: &impl Fn(usize) -> V,
        computed: &mut Computed<V>,
        stack: &mut Vec<V>,
    ) -> Result<(), Error> {
        for &index in changed {
            let own = &mut computed.effects[self.effect_range(index)];
            computed.initiatives[index] = self.initiative_into(index, value, stack, own)?;
        }
        Ok(())
    }

    /// Where the figures of the `summed` initiatives go, for [`Program::sum_batch`]; the
    /// sectors and the gaps only if `sectors` and `gaps`.
    #[cfg(feature = "monte-carlo")]
    pub(crate) fn routes(&self, summed: &[usize], sectors: bool, gaps: bool) -> Routes {
        let mut routes = Routes {
            gaps,
            ..Routes::default()
        };
        for &index in summed {
            let compiled = &self.initiatives[index];
            routes.total.push(index);
            for (effect, position) in compiled.effects.iter().zip(compiled.first_effect..) {
                if let (Some(sector), true) = (effect.sector, sectors) {
                    routes.sectors.push((position, sector));
                }
            }
            for &(theme, fraction) in &compiled.themes {
                // One theme takes the whole; with several, each its fraction (in f64 the last
                // too: Arithmetic::last_share).
                let fraction = (compiled.themes.len() > 1).then(|| f64::constant(&fraction));
                routes.themes.push((index, theme, fraction));
            }
        }
        routes
    }

    /// Sums a batch's figures of the initiatives `routes` lists into its themes, sectors, total
    /// and gaps, as [`Program::rerun_into`] would with only those counted, every sum in the
    /// same order to the last bit; without the dispatch per initiative, effect and theme. The
    /// themes, sectors and gaps must be sized (by a run before).
    #[cfg(feature = "monte-carlo")]
    pub(crate) fn sum_batch(
        &self,
        routes: &Routes,
        computed: &mut Computed<Lanes>,
    ) -> Result<(), ArithmeticError> {
        let add = |sum: &mut Lanes, part: &Lanes| {
            sum.0.iter_mut().zip(&part.0).for_each(|(s, p)| *s += p);
        };
        let mut total = Lanes::splat(0.0);
        for &index in &routes.total {
            add(&mut total, &computed.initiatives[index].1);
        }
        computed.sectors.fill(Lanes::splat(0.0));
        for &(effect, sector) in &routes.sectors {
            add(
                &mut computed.sectors[sector],
                &computed.effects[effect].persons,
            );
        }
        computed.themes.fill(Lanes::splat(0.0));
        for &(index, theme, fraction) in &routes.themes {
            let persons = computed.initiatives[index].1;
            let part = match fraction {
                None => persons,
                Some(fraction) => Lanes(persons.0.map(|p| p * fraction)),
            };
            add(&mut computed.themes[theme], &part);
        }
        let gaps = computed.gaps.iter_mut().zip(&self.shortages);
        for (gap, (_, _, constant)) in gaps.filter(|_| routes.gaps) {
            gap.covered = total.div_constant(constant)?;
            gap.remaining = Lanes::constant(constant).sub(total)?;
        }
        computed.total = total;
        Ok(())
    }

    /// For each of the model's parameters, by position, the initiatives whose formulas read it.
    pub(crate) fn readers(&self) -> Vec<Vec<usize>> {
        let mut readers = vec![Vec::new(); self.model.parameters.len()];
        for initiative in 0..self.initiatives.len() {
            for slot in self.slots(initiative) {
                readers[slot].push(initiative);
            }
        }
        readers
    }

    /// The slots (parameter positions) the formulas of one initiative read, each once.
    pub(crate) fn slots(&self, initiative: usize) -> Vec<usize> {
        let mut slots: Vec<usize> = Vec::new();
        for slot in self.initiatives[initiative]
            .effects
            .iter()
            .flat_map(|e| e.formula.slots())
        {
            if !slots.contains(&slot) {
                slots.push(slot);
            }
        }
        slots
    }

    /// One initiative's effects, FTE and persons; `stack` is working space to reuse.
    pub(crate) fn initiative<V: Arithmetic>(
        &self,
        index: usize,
        value: &impl Fn(usize) -> V,
        stack: &mut Vec<V>,
    ) -> Result<InitiativeFigures<V>, Error> {
        let mut own = vec![EffectFigures::zero(); self.initiatives[index].effects.len()];
        let (fte, persons) = self.initiative_into(index, value, stack, &mut own)?;
        Ok((own, fte, persons))
    }

    /// Where one initiative's effects are in [`Computed::effects`].
    fn effect_range(&self, index: usize) -> std::ops::Range<usize> {
        let compiled = &self.initiatives[index];
        compiled.first_effect..compiled.first_effect + compiled.effects.len()
    }

    /// One initiative's effects into `own`, one place per effect; returns its FTE and persons.
    fn initiative_into<V: Arithmetic>(
        &self,
        index: usize,
        value: &impl Fn(usize) -> V,
        stack: &mut Vec<V>,
        own: &mut [EffectFigures<V>],
    ) -> Result<(V, V), Error> {
        let compiled = &self.initiatives[index];
        let initiative = &self.model.initiatives[index];
        let zero = V::constant(&Constant::ZERO);
        if compiled.pending {
            // A pending value has no number yet: the initiative frees nothing until it is supplied.
            own.fill(EffectFigures::zero());
            return Ok((zero, zero));
        }
        let (mut fte, mut persons) = (zero, zero);
        let places = compiled.effects.iter().zip(&initiative.effects).zip(own);
        for (position, ((effect, source), place)) in places.enumerate() {
            let result = (effect.formula.evaluate(value, stack))
                .map_err(|kind| self.formula_failure(index, position, value, kind))?;
            let figures = effect.figures(result).map_err(arithmetic(|| {
                let norms = self.model.norms(&source.norms);
                format!(
                    "{}initiative {:?}, effect {:?}: converting {result} {} to FTE and persons by the norms {:?}{}",
                    located(source.origin.as_ref(), "unit"),
                    initiative.id,
                    source.id,
                    effect.unit.as_str(),
                    source.norms,
                    norms.map_or_else(String::new, |n| at(n.origin.as_ref())),
                )
            }))?;
            let adding = |sum: &'static str| {
                move || {
                    format!(
                        "{}initiative {:?}: adding effect {:?} to its {sum}",
                        located(source.origin.as_ref(), ""),
                        initiative.id,
                        source.id
                    )
                }
            };
            fte = fte.add(figures.fte).map_err(arithmetic(adding("FTE")))?;
            persons = (persons.add(figures.persons)).map_err(arithmetic(adding("persons")))?;
            *place = figures;
        }
        Ok((fte, persons))
    }

    /// The error of an effect whose formula fails: the part that fails and the parameters it
    /// reads, with their values and origins. Only on the error path: it evaluates the formula
    /// again, resolving names the slow way.
    #[cold]
    fn formula_failure<V: Arithmetic>(
        &self,
        index: usize,
        position: usize,
        value: &impl Fn(usize) -> V,
        kind: ArithmeticError,
    ) -> Error {
        let model = self.model;
        let initiative = &model.initiatives[index];
        let effect = &initiative.effects[position];
        let index = ParameterIndex::new(model);
        let slot = |name: &str| index.position(&initiative.id, name);
        let resolve = |name: &str| slot(name).map(value);
        let (part, kind) =
            (effect.formula.failing_part(&resolve)).unwrap_or((&effect.formula, kind));
        // A divisor that is 0: what to change is in the divisor; an overflow: anywhere in the part.
        let (divisor, involved) = match (kind, part) {
            (ArithmeticError::DivisionByZero, Expr::Binary(Op::Div, _, divisor)) => {
                let its_value = divisor.evaluate_in(&resolve).ok();
                let shown = its_value.map_or_else(|| "0".to_string(), |v| v.to_string());
                (Some((divisor.to_string(), shown)), &**divisor)
            }
            _ => (None, part),
        };
        let mut parameters: Vec<ParameterValue> = Vec::new();
        for name in involved.names() {
            let Some(slot) = slot(name) else { continue };
            if parameters.iter().any(|p| p.name == name) {
                continue;
            }
            parameters.push(ParameterValue {
                name: name.to_string(),
                value: value(slot).to_string(),
                origin: model.parameters[slot].origin.clone(),
            });
        }
        Error::Evaluation(Box::new(EvaluationError {
            initiative: initiative.id.clone(),
            effect: effect.id.clone(),
            origin: effect.origin.clone(),
            part: part.to_string(),
            divisor,
            parameters,
            kind,
        }))
    }

    /// Sums the figures of each initiative into themes, sectors, the total and the gaps,
    /// counting the initiatives for which `counts` is true.
    pub(crate) fn aggregate<V: Arithmetic>(
        &self,
        effects: Vec<EffectFigures<V>>,
        initiatives: Vec<(V, V)>,
        counts: impl Fn(usize) -> bool,
    ) -> Result<Computed<V>, Error> {
        let mut computed = Computed {
            effects,
            initiatives,
            ..Computed::empty()
        };
        self.aggregate_into(&mut computed, counts)?;
        Ok(computed)
    }

    /// The total so far plus an initiative's persons, as the total is summed.
    fn add_to_total<V: Arithmetic>(&self, total: V, index: usize, persons: V) -> Result<V, Error> {
        total.add(persons).map_err(arithmetic(|| {
            let initiative = &self.model.initiatives[index];
            let at = at(initiative.origin.as_ref());
            format!("the total: adding initiative {:?}{at}", initiative.id)
        }))
    }

    /// The total as it is summed (over the counted initiatives, in model order) before each
    /// initiative, and after the last: a change to initiatives from some position on leaves the
    /// sums before it as they are ([`Program::total_from`]).
    pub(crate) fn running_totals<V: Arithmetic>(
        &self,
        computed: &Computed<V>,
        counts: impl Fn(usize) -> bool,
    ) -> Result<Vec<V>, Error> {
        let mut running = vec![V::constant(&Constant::ZERO)];
        for (index, &(_, persons)) in computed.initiatives.iter().enumerate() {
            let before = running[index];
            running.push(match counts(index) {
                true => self.add_to_total(before, index, persons)?,
                false => before,
            });
        }
        Ok(running)
    }

    /// The total with the persons of some initiatives replaced (`replaced`, by position, in
    /// increasing order), summed on from the running total before the first of them: the total
    /// [`Program::rerun_into`] would give, to the last digit, without summing the initiatives
    /// before it again or the themes, sectors and gaps at all.
    pub(crate) fn total_from<V: Arithmetic>(
        &self,
        running: &[V],
        computed: &Computed<V>,
        replaced: &[(usize, V)],
        counts: impl Fn(usize) -> bool,
    ) -> Result<V, Error> {
        let Some(&(first, _)) = replaced.first() else {
            return Ok(running[computed.initiatives.len()]);
        };
        let mut replaced = replaced.iter().peekable();
        let mut total = running[first];
        for (index, &(_, persons)) in computed.initiatives.iter().enumerate().skip(first) {
            let persons = match replaced.next_if(|(at, _)| *at == index) {
                Some(&(_, new)) => new,
                None => persons,
            };
            if counts(index) {
                total = self.add_to_total(total, index, persons)?;
            }
        }
        Ok(total)
    }

    /// Sums `computed.effects` and `computed.initiatives` into its themes, sectors, total and
    /// gaps, reusing their buffers.
    fn aggregate_into<V: Arithmetic>(
        &self,
        computed: &mut Computed<V>,
        counts: impl Fn(usize) -> bool,
    ) -> Result<(), Error> {
        let model = self.model;
        let zero = V::constant(&Constant::ZERO);
        let mut total = zero;
        computed.themes.clear();
        computed.themes.resize(model.themes.len(), zero);
        computed.sectors.clear();
        computed.sectors.resize(model.sectors.len(), zero);
        for (index, compiled) in self.initiatives.iter().enumerate() {
            if !counts(index) {
                continue;
            }
            let initiative = &model.initiatives[index];
            // Which sum overflows, and by adding what (the text is made only when one does).
            let adding = |sum: &dyn Fn() -> String| {
                let at = at(initiative.origin.as_ref());
                format!("{}: adding initiative {:?}{at}", sum(), initiative.id)
            };
            let persons = computed.initiatives[index].1;
            total = self.add_to_total(total, index, persons)?;
            let figures = &computed.effects[self.effect_range(index)];
            for ((effect, figures), source) in
                (compiled.effects.iter().zip(figures)).zip(&initiative.effects)
            {
                if let Some(sector) = effect.sector {
                    computed.sectors[sector] = (computed.sectors[sector].add(figures.persons))
                        .map_err(arithmetic(|| {
                            format!(
                                "sector {:?}: adding effect {:?} of initiative {:?}{}",
                                model.sectors[sector].id,
                                source.id,
                                initiative.id,
                                at(source.origin.as_ref())
                            )
                        }))?;
                }
            }
            let mut allotted = zero;
            for (position, &(theme, fraction)) in compiled.themes.iter().enumerate() {
                let part = match (position, compiled.themes.len()) {
                    // One theme takes the whole: what remains after nothing was allotted.
                    (_, 1) => Ok(persons),
                    (last, count) if last + 1 == count => {
                        V::last_share(persons, allotted, V::constant(&fraction))
                    }
                    _ => persons.mul(V::constant(&fraction)).and_then(|part| {
                        allotted = allotted.add(part)?;
                        Ok(part)
                    }),
                }
                .map_err(arithmetic(|| {
                    let at = at(initiative.origin.as_ref());
                    format!(
                        "initiative {:?}{at}: its part of theme {:?}",
                        initiative.id, model.themes[theme].id
                    )
                }))?;
                computed.themes[theme] =
                    (computed.themes[theme].add(part)).map_err(arithmetic(|| {
                        adding(&|| format!("theme {:?}", model.themes[theme].id))
                    }))?;
            }
        }
        computed.gaps.clear();
        for (index, short, constant) in &self.shortages {
            let (index, short) = (*index, *short);
            let shortage = &model.shortages[index];
            let context = || format!("the shortage {} {}", shortage.year, shortage.scenario);
            let persons = V::constant(constant);
            let covered = total.div_constant(constant).map_err(arithmetic(context))?;
            let remaining = persons.sub(total).map_err(arithmetic(context))?;
            computed.gaps.push(Gap {
                shortage: index,
                persons: short,
                covered,
                remaining,
            });
        }
        computed.total = total;
        Ok(())
    }
}

impl Code {
    /// The program again, on the model it was compiled from (or one whose parameters alone
    /// have changed since: the norms and shortages are compiled in).
    pub(crate) fn attach(self, model: &Model) -> Program<'_> {
        Program { model, code: self }
    }
}

impl std::ops::Deref for Program<'_> {
    type Target = Code;

    fn deref(&self) -> &Code {
        &self.code
    }
}

impl CompiledEffect {
    /// The formula's value as FTE and persons, by the effect's unit and norms.
    #[inline(always)]
    fn figures<V: Arithmetic>(&self, value: V) -> Result<EffectFigures<V>, ArithmeticError> {
        let (hours, part_time) = (&self.working_hours, &self.part_time);
        let (fte, persons) = match self.unit {
            EffectUnit::Hours => {
                let fte = value.div_constant(hours)?;
                (fte, fte.div_constant(part_time)?)
            }
            EffectUnit::Fte => (value, value.div_constant(part_time)?),
            EffectUnit::Persons => (value.mul(V::constant(part_time))?, value),
        };
        Ok(EffectFigures {
            value,
            fte,
            persons,
        })
    }
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

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn a_location_in_a_sheet_names_its_row_and_in_a_file_its_line() {
        let sheet = Origin {
            file: Origin::sheet("plan.xlsx", "initiatives"),
            line: 7,
        };
        let file = Origin {
            file: "effects.csv".into(),
            line: 7,
        };
        assert_eq!(
            located(Some(&sheet), "formula"),
            "plan.xlsx, sheet \"initiatives\", row 7, column \"formula\": "
        );
        assert_eq!(located(Some(&file), ""), "effects.csv line 7: ");
        assert_eq!(
            at(Some(&sheet)),
            " (plan.xlsx, sheet \"initiatives\", row 7)"
        );
        assert_eq!(at(None), "");
    }

    proptest! {
        #[test]
        fn an_initiative_is_split_over_its_themes_by_weight(
            persons in (-1_000_000i64..=100_000_000).prop_map(|n| Decimal::new(n, 3)),
            weights in prop::collection::vec((1i64..=1000).prop_map(|n| Decimal::new(n, 2)), 1..6),
        ) {
            // Each share within 1e-20 (relative, at least 1) of persons * weight / total weight,
            // and the shares add up to the whole.
            let close = |a: Decimal, b: Decimal| {
                let scale = a.abs().max(b.abs()).max(Decimal::ONE);
                (a - b).abs() <= scale * Decimal::new(1, 20)
            };
            let split = theme_split(weights.iter().copied(), persons).unwrap();
            let total_weight: Decimal = weights.iter().sum();
            for (part, weight) in split.iter().zip(&weights) {
                prop_assert!(close(*part, persons * weight / total_weight));
            }
            let sum = split.iter().try_fold(Decimal::ZERO, |sum, p| sum.checked_add(*p)).unwrap();
            prop_assert!(close(sum, persons));
        }
    }
}
