//! The facts a board weighs when it decides which initiatives to continue, scale up or stop, set
//! side by side per initiative: what it frees, its share of the total, how sure that is, how
//! much rests on assumptions, how far its most important parameter moves it, and what the plan
//! published. The facts only: no ranking or score is a recommendation.

use crate::analysis::uncertainty::bounds;
use crate::engine::arithmetic::Arithmetic;
use crate::engine::program::Program;
use crate::error::{ArithmeticError, Error};
use crate::model::name::Name;
use crate::model::units::{Persons, Share};
use crate::model::{Interval, Model};
use rust_decimal::Decimal;

/// One counted initiative's facts for deciding whether to continue, scale up or stop it, as
/// [`Model::priorities`] gives them.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct Priority {
    /// The initiative's id.
    pub id: Name,
    /// Its name.
    pub name: Name,
    /// Persons freed (net), exactly; `None` when it is not quantified or waits for a pending
    /// value: not quantified is not zero.
    pub persons: Option<Persons>,
    /// `persons` as a share of the total; `None` without persons or when the total is zero.
    pub share: Option<Share>,
    /// Its exact bounds while the parameters roam their ranges ([`Model::bounds`]).
    pub bounds: Option<Interval>,
    /// The 5th and 95th percentiles of its persons over Monte Carlo draws, once
    /// `MonteCarlo::fill_percentiles` (feature `monte-carlo`) has filled them in.
    pub percentiles: Option<(f64, f64)>,
    /// The parameters its formulas read that the plan marks as assumptions, as `scope.name`
    /// (as `scenarios.csv` names them); empty when it rests on sourced values only.
    pub assumptions: Vec<String>,
    /// How many parameters its formulas read.
    pub parameters: usize,
    /// Its most important parameter, as `scope.name`: the one whose 1% rise moves its persons
    /// most; where several move it alike (the factors of a product), the one whose range moves
    /// it most, then the first read. `None` without persons or parameters.
    pub lever: Option<String>,
    /// Its persons with `lever` 1% higher (relatively: its value times 1.01) minus its persons,
    /// exactly; the others at their values. Where the formulas are linear in the lever (the
    /// plans' products) a 10% rise moves it ten times as far. Its own persons only: a region
    /// parameter moves other initiatives too.
    #[cfg_attr(
        feature = "serde",
        serde(serialize_with = "crate::model::as_text::optional_decimal")
    )]
    pub leverage: Option<Decimal>,
    /// The figure the plan published for it.
    pub published: Option<Interval>,
}

impl Model {
    /// Per counted initiative, in model order, its [`Priority`]: persons, share of the total,
    /// bounds, assumptions, leverage and the published figure side by side. Fails like
    /// [`Model::bounds`], or when a parameter 1% higher overflows.
    ///
    /// ```
    /// use workforce_gap::Text;
    /// let model = workforce_gap::Model::limburg()?;
    /// let priorities = model.priorities()?;
    /// let results = model.evaluate()?;
    /// assert_eq!(priorities.len(), results.initiatives.iter().filter(|i| i.counted).count());
    /// for priority in &priorities {
    ///     if let (Some(persons), Some(bounds)) = (priority.persons, priority.bounds) {
    ///         assert!(bounds.contains(persons.value()));
    ///     }
    /// }
    /// print!("{}", Text::Priorities(&priorities));
    /// # Ok::<(), workforce_gap::Error>(())
    /// ```
    pub fn priorities(&self) -> Result<Vec<Priority>, Error> {
        priorities(self)
    }
}

fn priorities(model: &Model) -> Result<Vec<Priority>, Error> {
    let results = model.evaluate()?;
    let bounds = bounds(model)?;
    let checked = model.checked()?;
    let program = Program::with_index(model, &checked.parameters)?;
    let mut priorities = Vec::new();
    let initiatives = (results.initiatives.iter().zip(&bounds.initiatives)).enumerate();
    for (index, (result, (_, bounds))) in initiatives.filter(|(_, (r, _))| r.counted) {
        let slots = program.slots(index);
        let target = |slot: usize| {
            let parameter = &model.parameters[slot];
            format!("{}.{}", parameter.scope, parameter.name)
        };
        let persons = result.persons();
        let share = match persons {
            Some(persons) if !results.total.value().is_zero() => Some(
                persons
                    .ratio_to(results.total)
                    .map_err(|kind| Error::Arithmetic {
                        context: format!("the share of initiative {:?} in the total", result.id),
                        kind,
                    })?,
            ),
            _ => None,
        };
        let lever = match persons {
            Some(_) => lever(model, &program, index, &slots)?,
            None => None,
        };
        priorities.push(Priority {
            id: result.id.clone(),
            name: result.name.clone(),
            persons,
            share,
            bounds: persons.map(|_| *bounds),
            percentiles: None,
            assumptions: (slots.iter().copied())
                .filter(|&slot| model.parameters[slot].assumption)
                .map(target)
                .collect(),
            parameters: slots.len(),
            lever: lever.map(|(slot, _)| target(slot)),
            leverage: lever.map(|(_, leverage)| leverage),
            published: result.published,
        });
    }
    Ok(priorities)
}

/// One initiative's most important parameter, as a slot, and how many persons more it frees
/// when that parameter is 1% higher; `None` when its formulas read no parameter.
fn lever(
    model: &Model,
    program: &Program,
    index: usize,
    slots: &[usize],
) -> Result<Option<(usize, Decimal)>, Error> {
    let initiative = &model.initiatives[index].id;
    let mut stack = Vec::new();
    // Its persons with one parameter at `value`, the others at theirs (`None`: all at theirs).
    let mut persons_with = |changed: Option<(usize, Decimal)>| -> Result<Decimal, Error> {
        let value = |slot: usize| match changed {
            Some((at, value)) if at == slot => value,
            _ => model.parameters[slot].value,
        };
        Ok(program.initiative(index, &value, &mut stack)?.2)
    };
    let at_values = persons_with(None)?;
    let one_percent_more = Decimal::new(101, 2);
    // (slot, leverage, swing over its range), the most important so far.
    let mut best: Option<(usize, Decimal, Decimal)> = None;
    for &slot in slots {
        let parameter = &model.parameters[slot];
        let fail = |what: &'static str| {
            let (scope, name) = (&parameter.scope, &parameter.name);
            move |kind: ArithmeticError| Error::Arithmetic {
                context: format!("initiative {initiative:?}: {what} of {scope}.{name}"),
                kind,
            }
        };
        let raised = Arithmetic::mul(parameter.value, one_percent_more).map_err(fail("1% more"))?;
        let leverage = Arithmetic::sub(persons_with(Some((slot, raised)))?, at_values)
            .map_err(fail("the leverage"))?;
        let swing = match &parameter.range {
            Some(range) => {
                let low = persons_with(Some((slot, range.low)))?;
                let high = persons_with(Some((slot, range.high)))?;
                Arithmetic::sub(high, low).map_err(fail("the swing"))?.abs()
            }
            None => Decimal::ZERO,
        };
        // Compared to a billionth of a person: the factors of a product move it alike, but a
        // division inside a formula may round them apart in the 28th digit.
        let key = |leverage: Decimal, swing: Decimal| (leverage.abs().round_dp(9), swing);
        if best.is_none_or(|(_, l, s)| key(leverage, swing) > key(l, s)) {
            best = Some((slot, leverage, swing));
        }
    }
    Ok(best.map(|(slot, leverage, _)| (slot, leverage)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Status;

    fn tiny() -> Model {
        let folder = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/tiny");
        crate::Loader::new().load_dir(folder).unwrap().model
    }

    fn d(text: &str) -> Decimal {
        text.parse().unwrap()
    }

    #[test]
    fn tiny_priorities_by_hand() {
        let priorities = tiny().priorities().unwrap();
        let ids: Vec<&str> = priorities.iter().map(|p| p.id.as_str()).collect();
        assert_eq!(ids, ["fewer-consults", "shorter-stays"]);
        let (consults, stays) = (&priorities[0], &priorities[1]);

        // fewer-consults: 10,000 population * 4 contacts * 10% * 30 minutes / 60 = 2,000 hours;
        // / 2,000 working hours = 1 FTE; / 0.5 part-time = 2 persons.
        assert_eq!(consults.persons, Some(Persons::new(d("2"))));
        // shorter-stays: 500 admissions * 2 days * 120 minutes / 60 = 2,000 hours; / 1,000
        // working hours (norms "half") = 2 FTE, less 1 extra FTE = 1 FTE; / 0.5 = 2 persons.
        assert_eq!(stays.persons, Some(Persons::new(d("2"))));
        // A total of 4: each frees half.
        assert_eq!(consults.share.map(Share::value), Some(d("0.5")));
        assert_eq!(stays.share.map(Share::value), Some(d("0.5")));

        // Bounds: reduction 5% to 15% gives 1 to 3 persons; days saved 1 to 3 give 1,000 to
        // 3,000 hours = 1 to 3 FTE, less 1 = 0 to 2 FTE = 0 to 4 persons.
        assert_eq!(consults.bounds, Some(Interval::new(d("1"), d("3"))));
        assert_eq!(stays.bounds, Some(Interval::new(d("0"), d("4"))));

        // The assumptions: the reduction, and the extra FTE.
        assert_eq!(consults.assumptions, ["fewer-consults.reduction"]);
        assert_eq!(stays.assumptions, ["shorter-stays.extra_fte"]);
        // population, minutes (the region's), contacts, reduction; admissions, days_saved,
        // minutes (its own), extra_fte.
        assert_eq!((consults.parameters, stays.parameters), (4, 4));

        // Published: 13 and 2.
        let published = |p: &Priority| p.published.map(|p| p.low);
        assert_eq!(published(consults), Some(d("13")));
        assert_eq!(published(stays), Some(d("2")));
        assert_eq!(consults.percentiles, None);
    }

    #[test]
    fn leverage_is_exact_for_a_multilinear_parameter() {
        let priorities = tiny().priorities().unwrap();
        let (consults, stays) = (&priorities[0], &priorities[1]);
        // fewer-consults is a product: each factor 1% higher gives 2 * 1.01 = 2.02 persons, 0.02
        // more. They tie, and the reduction alone has a range.
        assert_eq!(consults.lever.as_deref(), Some("fewer-consults.reduction"));
        assert_eq!(consults.leverage, Some(d("0.02")));
        // shorter-stays: 1% more admissions, days or minutes gives 2,020 hours = 2.02 FTE, less 1
        // = 1.02 FTE = 2.04 persons: 0.04 more. 1% more extra FTE: 2 - 1.01 = 0.99 FTE = 1.98
        // persons, 0.02 fewer. Of the three that tie, days_saved has the range.
        assert_eq!(stays.lever.as_deref(), Some("shorter-stays.days_saved"));
        assert_eq!(stays.leverage, Some(d("0.04")));
    }

    proptest::proptest! {
        #[test]
        fn the_leverage_of_a_product_is_a_hundredth_of_it(
            contacts in 1u32..1_000,
            reduction in 1u32..=100,
            minutes in 1u32..600,
        ) {
            // fewer-consults is population * contacts * reduction * minutes / 60: a product, so
            // any factor 1% higher makes it 1% larger, whatever the values.
            let mut model = tiny();
            for (name, value) in [
                ("contacts", Decimal::from(contacts)),
                ("reduction", Decimal::new(reduction.into(), 2)),
                ("minutes", Decimal::from(minutes)),
            ] {
                let parameter = model.parameters.iter_mut().find(|p| p.name == name).unwrap();
                parameter.value = value;
                parameter.range = None;
            }
            let consults = &model.priorities().unwrap()[0];
            let persons = consults.persons.unwrap().value();
            let hundredth = persons / Decimal::ONE_HUNDRED;
            // Divisions round in the 28th digit.
            let leverage = consults.leverage.unwrap();
            proptest::prop_assert!((leverage - hundredth).abs() < Decimal::new(1, 18), "{leverage} {persons}");
        }
    }

    #[test]
    fn leverage_is_what_evaluating_with_the_lever_one_percent_higher_gives() {
        let model = Model::limburg().unwrap();
        let results = model.evaluate().unwrap();
        for priority in model.priorities().unwrap().iter().take(12) {
            let (Some(lever), Some(leverage)) = (&priority.lever, priority.leverage) else {
                continue;
            };
            let mut evaluator = crate::Evaluator::new(model.clone()).unwrap();
            let (scope, name) = lever.split_once('.').unwrap();
            let value = model
                .parameters
                .iter()
                .find(|p| p.scope.to_string() == scope && p.name == name)
                .unwrap()
                .value;
            evaluator.set(lever, value * d("1.01")).unwrap();
            let persons = |results: &crate::Results| {
                let found = results.initiatives.iter().find(|i| i.id == priority.id);
                found.unwrap().persons().unwrap().value()
            };
            let want = persons(evaluator.results()) - persons(&results);
            assert_eq!(leverage, want, "{}", priority.id);
        }
    }

    #[test]
    fn an_initiative_without_a_figure_has_a_row_without_numbers() {
        let mut model = tiny();
        model.initiatives[1].effects.clear();
        let priorities = model.priorities().unwrap();
        let stays = &priorities[1];
        assert_eq!(stays.persons, None);
        assert_eq!((stays.share, stays.bounds), (None, None));
        assert_eq!((stays.lever.as_ref(), stays.leverage), (None, None));
        // With one initiative quantified, it is the whole total.
        assert_eq!(priorities[0].share.map(Share::value), Some(Decimal::ONE));
    }

    #[test]
    fn every_embedded_region_has_its_priorities_and_their_shares_add_up_to_one() {
        for id in Model::EMBEDDED {
            let model = Model::embedded(id).unwrap().unwrap();
            let priorities = model.priorities().unwrap();
            let mut shares = Decimal::ZERO;
            for priority in &priorities {
                let (Some(persons), Some(bounds)) = (priority.persons, priority.bounds) else {
                    assert_eq!((priority.share, priority.leverage), (None, None), "{id}");
                    continue;
                };
                assert!(bounds.contains(persons.value()), "{id}: {priority:?}");
                shares += priority.share.map_or(Decimal::ZERO, Share::value);
            }
            // Each share is rounded in the 28th digit.
            let quantified = priorities.iter().filter(|p| p.share.is_some()).count();
            if quantified > 0 {
                assert!(
                    (shares - Decimal::ONE).abs() < Decimal::new(1, 20),
                    "{id}: {shares}"
                );
            }
            // A row per initiative, then the legend.
            let text = crate::Text::Priorities(&priorities).to_string();
            let rows = text
                .lines()
                .skip(2)
                .take_while(|l| !l.starts_with("  share:"));
            assert_eq!(rows.count(), priorities.len().max(1), "{id}:\n{text}");
        }
    }

    #[test]
    fn the_table_shows_each_fact_and_marks_what_is_not_quantified() {
        let mut model = tiny();
        model.initiatives[1].effects.clear();
        let text = crate::Text::Priorities(&model.priorities().unwrap()).to_string();
        let row = |start: &str| {
            text.lines()
                .find(|l| l.starts_with(start))
                .unwrap()
                .to_string()
        };
        // 2 persons, all of the total, 1 to 3, reduction the one assumption of 4 parameters,
        // +0.02 per 1% more, published 13.
        let words = |line: String| {
            line.split_whitespace()
                .map(String::from)
                .collect::<Vec<_>>()
        };
        assert_eq!(
            words(row("  Fewer consults"))[4..],
            [
                "2.0",
                "100.0%",
                "1.0",
                "-",
                "3.0",
                "1",
                "of",
                "4",
                "+0.02",
                "13",
                "reduction"
            ]
        );
        assert_eq!(
            words(row("  Shorter stays"))[2..],
            ["not", "quantified", "2"]
        );
    }

    #[test]
    fn an_initiative_that_does_not_count_has_no_row() {
        let mut model = tiny();
        model.initiatives[1].status = Status::Additional;
        let priorities = model.priorities().unwrap();
        let ids: Vec<&str> = priorities.iter().map(|p| p.id.as_str()).collect();
        assert_eq!(ids, ["fewer-consults"]);
    }
}
