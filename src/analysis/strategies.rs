//! proptest strategies built from a model's parameter ranges (feature `strategies`), so that a
//! conclusion can be checked against the assumptions the way code is checked against its
//! inputs: "whatever the assumptions within their ranges, the initiatives cover at least 30%
//! of the 2032 shortage". When such a property fails, proptest shrinks the failure towards the
//! low ends of the ranges and reports the parameter values that break it.

use crate::model::{Model, Scope};
use proptest::prelude::*;
use rust_decimal::Decimal;
use std::fmt;

/// How finely a range is divided: a draw is one of this many steps from its low end.
pub(crate) const STEPS: u32 = 10_000;

/// One draw of the parameters that have a range; everything else keeps its value.
#[derive(Clone, PartialEq)]
pub struct Draw {
    /// (position in the model's parameters, scope, name, drawn value).
    pub values: Vec<(usize, Scope, String, Decimal)>,
}

impl Draw {
    /// The model with the drawn values (and without ranges on them: each is now a point).
    pub fn apply_to(&self, model: &Model) -> Model {
        let mut drawn = model.clone();
        for (index, _, _, value) in &self.values {
            if let Some(parameter) = drawn.parameters.get_mut(*index) {
                parameter.value = *value;
                parameter.range = None;
            }
        }
        drawn
    }
}

/// Lists only the drawn parameters, so that a shrunk failure reads as the assumptions behind it.
impl fmt::Debug for Draw {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut list = f.debug_map();
        for (_, scope, name, value) in &self.values {
            list.entry(
                &format_args!("{scope}.{name}"),
                &format_args!("{}", value.normalize()),
            );
        }
        list.finish()
    }
}

impl Draw {
    /// Draws every parameter with a range uniformly within it, in 10,000 steps; shrinks towards
    /// the low ends.
    ///
    /// proptest strategies built from a model's parameter ranges (feature `strategies`), so that a
    /// conclusion can be checked against the assumptions the way code is checked against its
    /// inputs: "whatever the assumptions within their ranges, the initiatives cover at least 30%
    /// of the 2032 shortage". When such a property fails, proptest shrinks the failure towards the
    /// low ends of the ranges and reports the parameter values that break it.
    ///
    /// ```
    /// use proptest::prelude::*;
    /// use proptest::test_runner::TestRunner;
    /// use workforce_gap::Draw;
    ///
    /// let model = workforce_gap::Model::limburg()?;
    /// let mut runner = TestRunner::default();
    /// runner.run(&Draw::within_ranges(&model), |draw| {
    ///     let results = draw.apply_to(&model).evaluate().unwrap();
    ///     prop_assert!(results.total.value() > 1000.into());
    ///     Ok(())
    /// }).unwrap();
    /// # Ok::<(), workforce_gap::Error>(())
    /// ```
    pub fn within_ranges(model: &Model) -> impl Strategy<Value = Draw> + use<> {
        within_ranges(model)
    }
}

pub(crate) fn within_ranges(model: &Model) -> impl Strategy<Value = Draw> + use<> {
    let ranged: Vec<(usize, Scope, String, Decimal, Decimal)> = model
        .parameters
        .iter()
        .enumerate()
        .filter_map(|(index, p)| {
            p.range
                .as_ref()
                .map(|r| (index, p.scope.clone(), p.name.clone(), r.low, r.high))
        })
        .collect();
    let steps = prop::collection::vec(0..=STEPS, ranged.len());
    steps.prop_map(move |steps| Draw {
        values: ranged
            .iter()
            .zip(steps)
            .map(|((index, scope, name, low, high), step)| {
                let fraction = Decimal::from(step) / Decimal::from(STEPS);
                let value =
                    low.saturating_add((high.saturating_sub(*low)).saturating_mul(fraction));
                (*index, scope.clone(), name.clone(), value)
            })
            .collect(),
    })
}
