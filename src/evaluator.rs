//! An evaluator that owns its model: set a value, and only the initiatives that read it are
//! computed again, the way the tornado and the Monte Carlo draws recompute a changed parameter.

use crate::engine::program::Computed;
use crate::error::{Error, Origin};
use crate::evaluate::{Detached, Prepared, Results};
use crate::model::Model;
use crate::model::edit::{Places, SET_IN_CODE, change};
use crate::model::validate::Place;
use rust_decimal::Decimal;

/// A model, validated and compiled once, with its results; [`Evaluator::set`] changes one
/// value and recomputes only what reads it. Its results are always those [`Model::evaluate`](crate::Model::evaluate)
/// gives for [`Evaluator::model`].
///
/// ```
/// use workforce_gap::Evaluator;
///
/// let mut evaluator = Evaluator::new(workforce_gap::Model::limburg()?)?;
/// let before = evaluator.results().total;
/// evaluator.set("norms.default.part_time_factor", "0.72".parse().unwrap())?;
/// // A higher part-time factor means fewer persons for the same hours.
/// assert!(evaluator.results().total < before);
/// assert_eq!(evaluator.results(), &evaluator.model().evaluate()?);
/// # Ok::<(), workforce_gap::Error>(())
/// ```
pub struct Evaluator {
    model: Model,
    /// The compiled model, detached from `model` between calls so that both can be owned.
    prepared: Option<Detached>,
    /// For each parameter, by position, the initiatives whose formulas read it.
    readers: Vec<Vec<usize>>,
    /// Where each target stands: a set changes no position, so it is built once.
    places: Places,
    computed: Computed<Decimal>,
    results: Results,
}

impl Evaluator {
    /// Validates, compiles and evaluates the model; fails as [`Model::evaluate`](crate::Model::evaluate) does.
    pub fn new(model: Model) -> Result<Evaluator, Error> {
        let prepared = Prepared::new(&model)?;
        let computed = prepared.compute()?;
        let results = prepared.results(&computed)?;
        let readers = prepared.readers();
        let prepared = Some(prepared.detach());
        let places = Places::new(&model);
        Ok(Evaluator {
            model,
            prepared,
            readers,
            places,
            computed,
            results,
        })
    }

    /// The results for the model as it is now.
    pub fn results(&self) -> &Results {
        &self.results
    }

    /// The model, with every value set so far.
    pub fn model(&self) -> &Model {
        &self.model
    }

    /// Sets a value as [`Model::set`] does (a parameter set loses its range) and evaluates
    /// again: a parameter's readers alone; a norm, compiled into every effect that uses it, by
    /// preparing the model again. Fails, leaving the evaluator as it was, when the target names
    /// nothing, the value is refused, or the model no longer evaluates with it (a divisor set
    /// to 0).
    pub fn set(&mut self, target: &str, value: Decimal) -> Result<(), Error> {
        let origin = Origin {
            file: SET_IN_CODE.into(),
            line: 0,
        };
        let places = &self.places;
        let place_of = |parsed: &_| places.place(parsed);
        let place = (self.model).place_to_set_in(place_of, target, value, origin.clone())?;
        let saved = self.model.saved(place);
        // A pending value supplied changes which initiatives count: prepare the model again.
        let supplied = matches!(place, Place::Parameter(p) if self.model.parameters[p].pending);
        change(&mut self.model, place, |_| value, false, Some(&origin));
        let evaluated = self.evaluate(place, supplied);
        if evaluated.is_err() {
            self.model.restore(place, saved);
        }
        evaluated
    }

    /// The results again after the value at `place` changed; on failure, the evaluator's
    /// figures are as they were.
    fn evaluate(&mut self, place: Place, supplied: bool) -> Result<(), Error> {
        let prepared = match (place, self.prepared.take()) {
            (Place::Parameter(_), Some(detached)) if !supplied => detached.attach(&self.model),
            // A norm is compiled into the effects that use it.
            _ => Prepared::new(&self.model)?,
        };
        let mut computed = self.computed.clone();
        let evaluated = match place {
            Place::Parameter(position) if !supplied => {
                prepared.recompute(&self.readers[position], &mut computed)
            }
            _ => prepared.compute().map(|all| computed = all),
        };
        let results = evaluated.and_then(|()| prepared.results(&computed));
        self.prepared = Some(prepared.detach());
        self.results = results?;
        self.computed = computed;
        Ok(())
    }
}
