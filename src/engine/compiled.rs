//! Formulas evaluated: an [`Expr`] in any [`Arithmetic`], and compiled once into a [`Compiled`]
//! stack program for many evaluations. The formula itself is plain data (`crate::model::formula`).

use super::arithmetic::{Arithmetic, Constant};
use crate::error::{ArithmeticError, Error, Finding, Kind};
use crate::model::formula::{EvalError, Expr, Op};
use rust_decimal::Decimal;

impl Op {
    #[inline(always)]
    pub(crate) fn apply<N: Arithmetic>(self, a: N, b: N) -> Result<N, ArithmeticError> {
        match self {
            Op::Add => a.add(b),
            Op::Sub => a.sub(b),
            Op::Mul => a.mul(b),
            Op::Div => a.div(b),
        }
    }
}

impl Expr {
    /// Evaluates the formula exactly, looking each name up with `resolve`. A name `resolve` does
    /// not know is an [`Error::Input`] (kind [`UnknownReference`](crate::Kind::UnknownReference),
    /// the name as its value); an overflow or a division by zero an [`Error::Arithmetic`].
    pub fn evaluate(&self, resolve: &impl Fn(&str) -> Option<Decimal>) -> crate::Result<Decimal> {
        self.evaluate_in(resolve).map_err(|error| match error {
            EvalError::UnknownName(name) => Error::Input {
                findings: vec![Finding::new(
                    Kind::UnknownReference,
                    None,
                    "formula",
                    name,
                    "is not a name the formula is given a value for",
                )],
            },
            EvalError::Arithmetic(kind) => Error::Arithmetic {
                context: format!("formula {:?}", self.to_string()),
                kind,
            },
        })
    }

    /// Evaluates the formula in any [`Arithmetic`]: exact decimals, [`Interval`](crate::Interval)s
    /// for bounds, or `f64` samples.
    pub(crate) fn evaluate_in<N: Arithmetic>(
        &self,
        resolve: &impl Fn(&str) -> Option<N>,
    ) -> Result<N, EvalError> {
        match self {
            Expr::Number { value, .. } => Ok(N::exact(*value)),
            Expr::Name(name) => resolve(name).ok_or_else(|| EvalError::UnknownName(name.clone())),
            Expr::Neg(inner) => Ok(inner.evaluate_in(resolve)?.neg()),
            Expr::Binary(op, a, b) => {
                Ok(op.apply(a.evaluate_in(resolve)?, b.evaluate_in(resolve)?)?)
            }
        }
    }

    /// The first operation that fails with the values `resolve` gives, in the order
    /// [`Expr::evaluate_in`] and [`Compiled::evaluate`] compute them: the part of the formula
    /// whose operation fails, and how. `None` when the formula evaluates, or fails only for a
    /// name `resolve` does not know. For error messages: it evaluates the formula again.
    pub(crate) fn failing_part<N: Arithmetic>(
        &self,
        resolve: &impl Fn(&str) -> Option<N>,
    ) -> Option<(&Expr, ArithmeticError)> {
        self.evaluate_locating(resolve).err().flatten()
    }

    fn evaluate_locating<N: Arithmetic>(
        &self,
        resolve: &impl Fn(&str) -> Option<N>,
    ) -> Result<N, Option<(&Expr, ArithmeticError)>> {
        match self {
            Expr::Number { value, .. } => Ok(N::constant(&Constant::new(*value))),
            Expr::Name(name) => resolve(name).ok_or(None),
            Expr::Neg(inner) => Ok(inner.evaluate_locating(resolve)?.neg()),
            Expr::Binary(op, a, b) => {
                let (a, b) = (a.evaluate_locating(resolve)?, b.evaluate_locating(resolve)?);
                op.apply(a, b).map_err(|kind| Some((self, kind)))
            }
        }
    }
}

/// One step of a compiled formula: a stack machine over parameter slots.
#[derive(Clone, Debug, PartialEq)]
enum Step {
    Number(Constant),
    Slot(usize),
    Neg,
    /// Replaces the two values on top by the operation on them.
    Apply(Op),
    /// Replaces the value on top by the operation on it and a number: the plans' chains
    /// (`a * b * 52 / 60`) take one step per operation instead of two.
    ApplyNumber(Op, Constant),
    /// Replaces the value on top by the operation on it and a slot's value.
    ApplySlot(Op, usize),
}

/// A formula compiled once for many evaluations: names resolved to slots (positions in a
/// slice of values) and the tree flattened into steps, so that evaluating it neither looks a
/// name up nor allocates beyond a reused stack. It computes exactly what [`Expr::evaluate_in`]
/// computes, in the same order.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Compiled {
    steps: Vec<Step>,
    /// The most values on the stack at once.
    depth: usize,
}

impl Expr {
    /// Compiles the formula, resolving each name to a slot with `slot`; the first name it cannot
    /// resolve is the error.
    pub(crate) fn compile(
        &self,
        slot: &impl Fn(&str) -> Option<usize>,
    ) -> Result<Compiled, EvalError> {
        let mut steps = Vec::new();
        self.compile_into(slot, &mut steps)?;
        let mut height: usize = 0;
        let mut depth = 0;
        for step in &steps {
            match step {
                Step::Number(_) | Step::Slot(_) => height += 1,
                Step::Neg | Step::ApplyNumber(..) | Step::ApplySlot(..) => {}
                Step::Apply(_) => height = height.saturating_sub(1),
            }
            depth = depth.max(height);
        }
        Ok(Compiled { steps, depth })
    }

    fn compile_into(
        &self,
        slot: &impl Fn(&str) -> Option<usize>,
        steps: &mut Vec<Step>,
    ) -> Result<(), EvalError> {
        match self {
            Expr::Number { value, .. } => steps.push(Step::Number(Constant::new(*value))),
            Expr::Name(name) => steps.push(Step::Slot(
                slot(name).ok_or_else(|| EvalError::UnknownName(name.clone()))?,
            )),
            Expr::Neg(inner) => {
                inner.compile_into(slot, steps)?;
                steps.push(Step::Neg);
            }
            Expr::Binary(op, a, b) => {
                a.compile_into(slot, steps)?;
                match &**b {
                    Expr::Number { value, .. } => {
                        steps.push(Step::ApplyNumber(*op, Constant::new(*value)))
                    }
                    Expr::Name(name) => steps.push(Step::ApplySlot(
                        *op,
                        slot(name).ok_or_else(|| EvalError::UnknownName(name.clone()))?,
                    )),
                    _ => {
                        b.compile_into(slot, steps)?;
                        steps.push(Step::Apply(*op));
                    }
                }
            }
        }
        Ok(())
    }
}

impl Compiled {
    /// Evaluates the compiled formula with the value of each slot from `value`, using `stack` as
    /// working space (cleared first; reuse it across evaluations to avoid allocating).
    ///
    /// The value on top is held apart from the stack, where it can stay in registers: a chain
    /// (`a * b * 52 / 60`) then never stores what it works on.
    #[inline(always)]
    pub(crate) fn evaluate<N: Arithmetic>(
        &self,
        value: &impl Fn(usize) -> N,
        stack: &mut Vec<N>,
    ) -> Result<N, ArithmeticError> {
        // compile() emits well-formed steps: the first pushes a value, and the stack never runs
        // short; if it did, that would be reported as an overflow rather than a panic.
        let short = ArithmeticError::Overflow;
        stack.clear();
        let operand = |step: &Step| match step {
            Step::Number(number) => Some(N::constant(number)),
            Step::Slot(slot) => Some(value(*slot)),
            _ => None,
        };
        let (first, rest) = self.steps.split_first().ok_or(short)?;
        let mut top = operand(first).ok_or(short)?;
        for step in rest {
            top = match step {
                Step::Number(_) | Step::Slot(_) => {
                    stack.push(top);
                    operand(step).ok_or(short)?
                }
                Step::Neg => top.neg(),
                Step::Apply(op) => op.apply(stack.pop().ok_or(short)?, top)?,
                Step::ApplyNumber(Op::Div, number) => top.div_constant(number)?,
                Step::ApplyNumber(op, number) => op.apply(top, N::constant(number))?,
                Step::ApplySlot(op, slot) => op.apply(top, value(*slot))?,
            };
        }
        match stack.is_empty() {
            true => Ok(top),
            false => Err(short),
        }
    }

    /// The most values [`Compiled::evaluate`] holds on its stack at once: the capacity for a
    /// stack that never grows.
    pub(crate) fn depth(&self) -> usize {
        self.depth
    }

    /// The slots the formula reads, in order of appearance (with repeats).
    pub(crate) fn slots(&self) -> impl Iterator<Item = usize> + '_ {
        self.steps.iter().filter_map(|step| match step {
            Step::Slot(slot) | Step::ApplySlot(_, slot) => Some(*slot),
            _ => None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::formula::strategies::formula;
    use proptest::prelude::*;

    #[test]
    fn a_formula_evaluated_by_hand_fails_with_a_matchable_error() {
        let expr = Expr::parse("a / (b - 2)").unwrap();
        let values = |name: &str| match name {
            "a" => Some(Decimal::from(6)),
            "b" => Some(Decimal::from(2)),
            _ => None,
        };
        // b - 2 = 0: the arithmetic failure, with the formula as context.
        match expr.evaluate(&values) {
            Err(Error::Arithmetic { context, kind }) => {
                assert_eq!(kind, ArithmeticError::DivisionByZero);
                assert_eq!(context, "formula \"a / (b - 2)\"");
            }
            other => panic!("{other:?}"),
        }
        // c has no value: an unknown reference, the name as its value.
        let error = Expr::parse("a * c").unwrap().evaluate(&values).unwrap_err();
        let kinds: Vec<(Kind, &str)> = (error.findings().iter())
            .map(|f| (f.kind, f.value.as_str()))
            .collect();
        assert_eq!(kinds, [(Kind::UnknownReference, "c")]);
    }

    #[test]
    fn a_chain_compiles_to_one_step_per_operation() {
        let slot = |name: &str| ["a", "b", "c"].iter().position(|n| *n == name);
        let compiled = |text: &str| Expr::parse(text).unwrap().compile(&slot).unwrap();
        // a, then * b, * 52, / 60 applied to the top: one value on the stack throughout.
        let chain = compiled("a * b * 52 / 60");
        assert_eq!(chain.steps.len(), 4);
        assert_eq!(chain.depth(), 1);
        // A parenthesised right operand needs a second place on the stack.
        let nested = compiled("a * (b + c) / 60");
        assert_eq!(nested.depth(), 2);
        let values = [Decimal::from(2), Decimal::from(3), Decimal::from(4)];
        let mut stack = Vec::new();
        let value = nested.evaluate(&|slot| values[slot], &mut stack).unwrap();
        assert_eq!(
            value,
            Decimal::from(2) * Decimal::from(7) / Decimal::from(60)
        );
        assert_eq!(nested.slots().collect::<Vec<_>>(), [0, 1, 2]);
    }

    #[test]
    fn compiled_formulas_compute_what_the_tree_computes() {
        let slots = ["a", "b"];
        let slot = |name: &str| slots.iter().position(|s| *s == name);
        let values = [Decimal::from(3), Decimal::from(4)];
        for text in [
            "a * (b - 2) / 60",
            "-a + b * 10%",
            "a / (b - 4)",
            "a - -b * a",
        ] {
            let expr = Expr::parse(text).unwrap();
            let tree = expr.evaluate_in(&|name: &str| slot(name).map(|i| values[i]));
            let compiled = expr
                .compile(&slot)
                .unwrap()
                .evaluate(&|i| values[i], &mut Vec::new());
            assert_eq!(tree, compiled.map_err(EvalError::Arithmetic), "{text}");
        }
        assert_eq!(
            Expr::parse("a + c").unwrap().compile(&slot),
            Err(EvalError::UnknownName("c".into()))
        );
    }

    proptest! {
    #[test]
    fn a_compiled_formula_computes_exactly_what_the_tree_computes(expr in formula(), seed in 1u32..1000) {
        let mut names: Vec<&str> = expr.names();
        names.sort();
        names.dedup();
        let value_of = |name: &str| Decimal::from(seed) + Decimal::from(name.len() as u32);
        let slot = |name: &str| names.iter().position(|n| *n == name);
        let compiled = expr.compile(&slot).unwrap();
        let by_slot = |i: usize| value_of(names[i]);
        let compiled_value = compiled.evaluate(&by_slot, &mut Vec::new());
        let tree_value = expr.evaluate_in(&|name: &str| Some(value_of(name)));
        prop_assert_eq!(compiled_value.map_err(EvalError::Arithmetic), tree_value);
    }
    }
}
