//! Exact moments: the mean and standard deviation of the total, each theme and each gap over the
//! parameters' ranges, from each distribution's first two moments instead of from draws.
//!
//! When no ranged parameter sits in a divisor and none is multiplied by itself, every figure is
//! a multilinear polynomial in the ranged parameters, which are drawn independently. Written
//! around the parameters' means, `f(x) = Σ_S c_S Π_{i∈S} (x_i − μ_i)` over the sets `S` of
//! parameters that share a term, so `E[f] = c_∅ = f(μ)` and `Var f = Σ_{S≠∅} c_S² Π_{i∈S} σ_i²`
//! (the centred products are uncorrelated, each with the variance of its product).
//!
//! The coefficients come from the model's own computation, not from a second one: the compiled
//! program is run in exact decimals at the means and at the means with the parameters of each
//! set `S` moved up by their range's width `w_i`; the mixed differences of those runs are
//! `c_S Π w_i`. Which sets can have a term is read from the formulas, which is also where a
//! parameter in a divisor or multiplied by itself is found.

use crate::engine::arithmetic::Arithmetic;
use crate::engine::program::{Computed, Program};
use crate::error::{ArithmeticError, Error};
use crate::model::formula::{Expr, Op};
use crate::model::{Distribution, Model, Parameter};
use rust_decimal::Decimal;
use rust_decimal::prelude::{FromPrimitive, ToPrimitive};
use std::collections::{BTreeMap, BTreeSet};

/// The exact mean, variance and standard deviation of the figures over the parameters' ranges,
/// or why they cannot be had without drawing ([`Model::moments`]).
///
/// Each figure's moments are `[mean, variance, standard deviation]`, in persons (persons² for
/// the variance; a share and its square for the share of a shortage covered). The mean and the
/// variance are exact up to the 28th significant digit, where every division in the crate rounds;
/// the standard deviation is the variance's square root to the last digit a [`Decimal`] holds.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub enum Moments {
    /// Every figure is multilinear in the ranged parameters: its moments follow exactly.
    Exact {
        /// The total.
        total: [Decimal; 3],
        /// Per theme: its id and its net persons' moments.
        themes: Vec<(String, [Decimal; 3])>,
        /// Per shortage that can be stated in persons (year, scenario): the moments of the share
        /// covered and of the persons remaining.
        gaps: Vec<(u16, String, [Decimal; 3], [Decimal; 3])>,
    },
    /// A formula is not multilinear in its ranged parameters (a ranged parameter divides, or is
    /// multiplied by itself), or multiplies out to too many terms: use the draws instead
    /// ([`Model::monte_carlo`](crate::Model) with the feature `monte-carlo`).
    NotMultilinear {
        /// The initiative whose formula it is.
        initiative: String,
        /// The ranged parameter, as `scope.name`.
        parameter: String,
        /// Why, naming the part of the formula.
        reason: String,
    },
}

/// At most this many terms in one formula multiplied out.
const MOST_TERMS: usize = 4_096;

/// At most this many runs of the model: one per set of parameters that share a term, and each
/// of its subsets.
const MOST_RUNS: usize = 1 << 16;

/// A term of a multilinear polynomial: the ranged parameters it multiplies, by position,
/// ascending; empty for the constant.
type Term = Vec<usize>;

impl Model {
    /// The exact mean and standard deviation of the total, each theme and each gap when the
    /// parameters with a range are drawn from their distributions (independently, as the Monte
    /// Carlo draws them), computed without drawing; or, when a formula is not multilinear in its
    /// ranged parameters, which and why ([`Moments::NotMultilinear`]). Fails like
    /// [`Model::evaluate`], or when a figure overflows.
    ///
    /// A parameter's mean and variance over its range from `a` to `b`, with its value `c` as the
    /// mode: uniform `(a + b) / 2` and `(b − a)² / 12`; triangular `(a + b + c) / 3` and
    /// `(a² + b² + c² − ab − ac − bc) / 18`; Beta-PERT `(a + 4c + b) / 6` and
    /// `(μ − a)(b − μ) / 7`. A range without width holds its value.
    ///
    /// ```
    /// use workforce_gap::{Decimal, Moments};
    /// let model = workforce_gap::Model::limburg()?;
    /// let Moments::Exact { total: [mean, variance, sd], .. } = model.moments()? else {
    ///     panic!("Limburg's formulas are multilinear in their ranged parameters");
    /// };
    /// assert!(variance > Decimal::ZERO && (sd * sd - variance).abs() < Decimal::new(1, 20));
    /// let point = model.evaluate()?.total.value();
    /// let (mean, sd) = (mean.round_dp(1), sd.round_dp(1));
    /// println!("total {point} persons; over the ranges mean {mean}, sd {sd}");
    /// # Ok::<(), workforce_gap::Error>(())
    /// ```
    pub fn moments(&self) -> Result<Moments, Error> {
        let checked = self.checked()?;
        let program = Program::with_index(self, &checked.parameters)?;
        let spreads = (self.parameters.iter())
            .map(Spread::of)
            .collect::<Result<Vec<_>, _>>()
            .map_err(failed(
                "the mean and variance of a parameter's range".into(),
            ))?;
        // The sets of parameters that share a term, and their subsets: the runs to make.
        let mut runs: BTreeSet<Term> = BTreeSet::from([Term::new()]);
        for (index, initiative) in self.initiatives.iter().enumerate() {
            if !checked.counts[index] {
                continue;
            }
            let slot = |name: &str| {
                let position = checked.parameters.position(&initiative.id, name)?;
                spreads[position].is_some().then_some(position)
            };
            for effect in &initiative.effects {
                let refused = |refusal: Refusal| {
                    let parameter = &self.parameters[refusal.parameter];
                    Moments::NotMultilinear {
                        initiative: initiative.id.clone(),
                        parameter: format!("{}.{}", parameter.scope, parameter.name),
                        reason: refusal.reason,
                    }
                };
                let terms = match terms(&effect.formula, &slot) {
                    Ok(terms) => terms,
                    Err(refusal) => return Ok(refused(refusal)),
                };
                for term in terms {
                    if let Err(refusal) = add_subsets(&mut runs, &term) {
                        return Ok(refused(refusal));
                    }
                }
            }
        }
        let (figures, gaps) = differences(self, &program, &checked.counts, &spreads, &runs)?;
        let ratios = |term: &Term| {
            (term.iter()).try_fold(Decimal::ONE, |product, &position| {
                spreads[position].map_or(Ok(product), |s| product.mul(s.ratio))
            })
        };
        // Var f = Σ_{S≠∅} (c_S Π w_i)² Π (σ_i² / w_i²); the first run is the means (S = ∅).
        let mut variances = vec![Decimal::ZERO; figures.first().map_or(0, Vec::len)];
        for (term, differences) in runs.iter().zip(&figures).skip(1) {
            let ratio = ratios(term).map_err(failed("a variance".into()))?;
            for (variance, difference) in variances.iter_mut().zip(differences) {
                let part = (difference.mul(*difference)).and_then(|square| square.mul(ratio));
                *variance = (part.and_then(|part| variance.add(part)))
                    .map_err(failed("a variance".into()))?;
            }
        }
        let mut moments = Vec::with_capacity(variances.len());
        for (mean, variance) in figures.first().into_iter().flatten().zip(variances) {
            let sd = square_root(variance).map_err(failed("a standard deviation".into()))?;
            moments.push([*mean, variance, sd]);
        }
        Ok(self.named(&gaps, moments))
    }

    /// The moments of [`figures`]' list, by name; `gaps` are the positions of the shortages
    /// compared.
    fn named(&self, gaps: &[usize], moments: Vec<[Decimal; 3]>) -> Moments {
        let mut moments = moments.into_iter();
        let total = moments.next().unwrap_or_default();
        let themes = (self.themes.iter())
            .map(|theme| (theme.id.clone(), moments.next().unwrap_or_default()))
            .collect();
        let gaps = (gaps.iter())
            .map(|&index| {
                let shortage = &self.shortages[index];
                let covered = moments.next().unwrap_or_default();
                let remaining = moments.next().unwrap_or_default();
                (shortage.year, shortage.scenario.clone(), covered, remaining)
            })
            .collect();
        Moments::Exact {
            total,
            themes,
            gaps,
        }
    }
}

/// A ranged parameter's mean, the width of its range, and its variance over its width squared
/// (which depends on where its mode lies alone).
#[derive(Clone, Copy, Debug)]
struct Spread {
    mean: Decimal,
    width: Decimal,
    ratio: Decimal,
}

impl Spread {
    /// None for a parameter without a range, or a range without width: it holds its value.
    fn of(parameter: &Parameter) -> Result<Option<Spread>, ArithmeticError> {
        let Some(range) = &parameter.range else {
            return Ok(None);
        };
        let (low, high, mode) = (range.low, range.high, parameter.value);
        let width = high.sub(low)?;
        if width <= Decimal::ZERO {
            return Ok(None);
        }
        let number = |n: i64| Decimal::from(n);
        // Where the mode lies, as a share of the width.
        let at = mode.sub(low)?.div(width)?;
        let (mean, ratio) = match range.distribution {
            // (b − a)² / 12 over (b − a)².
            Distribution::Uniform => (low.add(high)?.div(number(2))?, number(12)),
            // (a² + b² + c² − ab − ac − bc) / 18 is (b − a)² (1 − t + t²) / 18, t = (c − a) / (b − a).
            Distribution::Triangular => {
                let mean = low.add(high)?.add(mode)?.div(number(3))?;
                let shape = Decimal::ONE.sub(at)?.add(at.mul(at)?)?;
                (mean, number(18).div(shape)?)
            }
            // Beta(α, β) with α = 1 + 4t, β = 5 − 4t: α + β = 6, so the variance is
            // (b − a)² αβ / (6² · 7).
            Distribution::Pert => {
                let mean = low.add(mode.mul(number(4))?)?.add(high)?.div(number(6))?;
                let alpha = Decimal::ONE.add(at.mul(number(4))?)?;
                let beta = number(5).sub(at.mul(number(4))?)?;
                (mean, number(252).div(alpha.mul(beta)?)?)
            }
        };
        Ok(Some(Spread {
            mean,
            width,
            // Held as its reciprocal above, to write each constant once.
            ratio: Decimal::ONE.div(ratio)?,
        }))
    }
}

/// Why a formula is not multilinear in its ranged parameters.
struct Refusal {
    /// The parameter's position.
    parameter: usize,
    reason: String,
}

/// The terms a formula has when multiplied out, each as the ranged parameters it multiplies
/// (`ranged` gives a name's position when it has a range). A ranged parameter in a divisor, or
/// in both factors of a product, is refused: the formula is then not multilinear.
fn terms(expr: &Expr, ranged: &impl Fn(&str) -> Option<usize>) -> Result<BTreeSet<Term>, Refusal> {
    let constant = || BTreeSet::from([Term::new()]);
    Ok(match expr {
        Expr::Number { .. } => constant(),
        Expr::Name(name) => ranged(name).map_or_else(constant, |p| BTreeSet::from([vec![p]])),
        Expr::Neg(inner) => terms(inner, ranged)?,
        Expr::Binary(op, a, b) => {
            let (mut a, b) = (terms(a, ranged)?, terms(b, ranged)?);
            match op {
                Op::Add | Op::Sub => {
                    a.extend(b);
                    a
                }
                Op::Div => match b.iter().flatten().next() {
                    Some(&parameter) => {
                        let reason = format!("it is in the divisor of {expr}");
                        return Err(Refusal { parameter, reason });
                    }
                    None => a,
                },
                Op::Mul => product(expr, &a, &b)?,
            }
        }
    })
}

/// The terms of `a * b` (the formula `expr`), each term of one times each of the other.
fn product(expr: &Expr, a: &BTreeSet<Term>, b: &BTreeSet<Term>) -> Result<BTreeSet<Term>, Refusal> {
    let mut terms = BTreeSet::new();
    for left in a {
        for right in b {
            if let Some(&parameter) = left.iter().find(|p| right.contains(p)) {
                let reason = format!("it is multiplied by itself in {expr}");
                return Err(Refusal { parameter, reason });
            }
            let mut term: Term = left.iter().chain(right).copied().collect();
            term.sort_unstable();
            terms.insert(term);
            if terms.len() > MOST_TERMS {
                let parameter = left.iter().chain(right).copied().next().unwrap_or_default();
                let reason = format!("{expr} multiplies out to more than {MOST_TERMS} terms");
                return Err(Refusal { parameter, reason });
            }
        }
    }
    Ok(terms)
}

/// Adds every subset of `term` to `runs`, refusing when the runs would be more than
/// [`MOST_RUNS`].
fn add_subsets(runs: &mut BTreeSet<Term>, term: &Term) -> Result<(), Refusal> {
    let too_many = || Refusal {
        parameter: term.first().copied().unwrap_or_default(),
        reason: format!(
            "the products of ranged parameters ask for more than {MOST_RUNS} runs of the model"
        ),
    };
    if runs.contains(term) {
        return Ok(());
    }
    if term.len() >= MOST_RUNS.ilog2() as usize {
        return Err(too_many());
    }
    for mask in 0..1usize << term.len() {
        let subset = (term.iter().enumerate())
            .filter(|(bit, _)| mask & (1 << bit) != 0)
            .map(|(_, &p)| p)
            .collect();
        runs.insert(subset);
    }
    match runs.len() > MOST_RUNS {
        true => Err(too_many()),
        false => Ok(()),
    }
}

/// Per run (in `runs`' order), the mixed differences `c_S Π w_i` of every figure of
/// [`figures`]: the model run at the means with the parameters of `S` moved up by their width,
/// then differenced over each of them in turn. With them, the positions of the shortages the
/// gaps are of.
fn differences(
    model: &Model,
    program: &Program,
    counts: &[bool],
    spreads: &[Option<Spread>],
    runs: &BTreeSet<Term>,
) -> Result<(Vec<Vec<Decimal>>, Vec<usize>), Error> {
    let means: Vec<Decimal> = (model.parameters.iter().zip(spreads))
        .map(|(parameter, spread)| spread.map_or(parameter.value, |s| s.mean))
        .collect();
    let moved = |position: usize| {
        let spread = spreads[position].map_or(Ok(Decimal::ZERO), |s| Ok(s.width));
        spread.and_then(|width: Decimal| means[position].add(width))
    };
    let counts = |index: usize| counts[index];
    let mut computed = program.run(&|position| means[position], counts)?;
    let gaps = computed.gaps.iter().map(|gap| gap.shortage).collect();
    let mut stack = Vec::new();
    let readers = program.readers();
    let mut values = Vec::with_capacity(runs.len());
    // Each run computes again the initiatives that read a parameter it or the one before moved.
    let mut before: &[usize] = &[];
    for term in runs {
        let mut up = Vec::with_capacity(term.len());
        for &position in term {
            up.push(moved(position).map_err(failed("a parameter's mean plus its width".into()))?);
        }
        let value = |position: usize| match term.binary_search(&position) {
            Ok(at) => up[at],
            Err(_) => means[position],
        };
        let mut changed: Vec<usize> = (before.iter().chain(term))
            .flat_map(|&position| readers[position].iter().copied())
            .collect();
        changed.sort_unstable();
        changed.dedup();
        program.rerun_into(&changed, &value, counts, &mut computed, &mut stack)?;
        values.push(figures(&computed));
        before = term;
    }
    // Differenced over one parameter at a time: the subsets without it are not touched while
    // doing so, and every subset of a run is a run.
    let position: BTreeMap<&Term, usize> = runs.iter().zip(0..).collect();
    let parameters: BTreeSet<usize> = runs.iter().flatten().copied().collect();
    for parameter in parameters {
        for (at, term) in runs.iter().enumerate() {
            let Ok(found) = term.binary_search(&parameter) else {
                continue;
            };
            let mut without = term.clone();
            without.remove(found);
            let lower = values[position[&without]].clone();
            for (value, lower) in values[at].iter_mut().zip(lower) {
                *value = value.sub(lower).map_err(failed("a difference".into()))?;
            }
        }
    }
    Ok((values, gaps))
}

/// The figures moments are given for, in this order: the total, each theme, then per gap the
/// share covered and the persons remaining.
fn figures(computed: &Computed<Decimal>) -> Vec<Decimal> {
    let gaps = (computed.gaps.iter()).flat_map(|gap| [gap.covered, gap.remaining]);
    let themes = computed.themes.iter().copied();
    std::iter::once(computed.total)
        .chain(themes)
        .chain(gaps)
        .collect()
}

/// The square root of a non-negative decimal, by Newton's method from the `f64` root, to the
/// last digit a decimal holds.
fn square_root(value: Decimal) -> Result<Decimal, ArithmeticError> {
    if value <= Decimal::ZERO {
        return Ok(Decimal::ZERO);
    }
    let start = value.to_f64().map(f64::sqrt).and_then(Decimal::from_f64);
    let mut root = start.filter(|r| *r > Decimal::ZERO).unwrap_or(value);
    // From 15 correct digits each step doubles them; the last steps only settle the last digit.
    for _ in 0..64 {
        let next = root.add(value.div(root)?)?.div(Decimal::TWO)?;
        if next == root {
            break;
        }
        root = next;
    }
    Ok(root)
}

fn failed(context: String) -> impl FnOnce(ArithmeticError) -> Error {
    move |kind| Error::Arithmetic {
        context: format!("exact moments: {context}"),
        kind,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Effect, Initiative, Range, Scope};
    use proptest::prelude::*;

    /// Whether two decimals agree to 20 significant digits (the 28th rounds, and the variance
    /// adds up many terms).
    fn close(a: Decimal, b: Decimal) -> bool {
        (a - b).abs() <= a.abs().max(b.abs()).max(Decimal::ONE) * Decimal::new(1, 20)
    }

    fn ranged(name: &str, value: Decimal, range: (i64, i64, Distribution)) -> Parameter {
        let mut parameter = Parameter::new(Scope::Region, name, value);
        let mut r = Range::new(range.0, range.1);
        r.distribution = range.2;
        parameter.range = Some(r);
        parameter
    }

    fn exact(moments: Moments) -> (Decimal, Decimal, Vec<(String, [Decimal; 3])>) {
        match moments {
            Moments::Exact { total, themes, .. } => (total[0], total[1], themes),
            other => panic!("not exact: {other:?}"),
        }
    }

    /// `formula` in persons, on the themes `a` and `b` weighted 1 and 3, against a shortage of
    /// 100 persons.
    fn model(formula: &str, parameters: Vec<Parameter>) -> Model {
        let mut model = Model::new("Test")
            .default_norms(2000, Decimal::new(5, 1))
            .theme("a", "A")
            .theme("b", "B")
            .sector("s", "S")
            .initiative(
                Initiative::new("i", "I")
                    .weighted_theme("a", 1)
                    .weighted_theme("b", 3)
                    .effect(Effect::persons("e", "s", formula).unwrap()),
            )
            .shortage(2030, "base", 100);
        model.parameters = parameters;
        model
    }

    #[test]
    fn a_product_and_a_sum_by_hand() {
        // a ~ uniform(2, 6) with value 4: mean 4, variance 4² / 12 = 4/3, E[a²] = 16 + 4/3 = 52/3.
        // b ~ PERT(0, 1) with mode 1/4: α = 1 + 4 · 1/4 = 2, β = 5 − 1 = 4, mean α / 6 = 1/3,
        // variance αβ / (36 · 7) = 8 / 252 = 2/63, E[b²] = 1/9 + 2/63 = 1/7.
        // c ~ triangular(0, 10) with mode 4: mean 14/3, variance (0 + 100 + 16 − 0 − 0 − 40) / 18
        // = 38/9.
        // a·b: mean 4/3, variance E[a²] E[b²] − (4/3)² = 52/21 − 16/9 = 44/63.
        // a·b + c: mean 4/3 + 14/3 = 6, variance 44/63 + 38/9 = 44/63 + 266/63 = 310/63.
        let quarter = Decimal::new(25, 2);
        let parameters = vec![
            ranged("a", 4.into(), (2, 6, Distribution::Uniform)),
            ranged("b", quarter, (0, 1, Distribution::Pert)),
            ranged("c", 4.into(), (0, 10, Distribution::Triangular)),
        ];
        let d = |n: i64| Decimal::from(n);
        let Moments::Exact {
            total,
            themes,
            gaps,
        } = model("a * b + c", parameters).moments().unwrap()
        else {
            panic!("a * b + c is multilinear");
        };
        let variance = d(310) / d(63);
        assert!(close(total[0], d(6)), "{total:?}");
        assert!(close(total[1], variance), "{total:?}");
        assert!(close(total[2] * total[2], variance), "{total:?}");
        // Theme a takes a quarter: mean 6/4, variance 310/63/16; theme b three quarters.
        assert_eq!(themes[0].0, "a");
        assert!(close(themes[0].1[0], Decimal::new(15, 1)));
        assert!(close(themes[0].1[1], variance / d(16)));
        assert!(close(themes[1].1[0], Decimal::new(45, 1)));
        assert!(close(themes[1].1[1], variance * d(9) / d(16)));
        // Against 100 persons: 6% covered with variance 310/63 / 100², 94 persons remaining with
        // the total's variance.
        let (year, scenario, covered, remaining) = &gaps[0];
        assert_eq!((*year, scenario.as_str()), (2030, "base"));
        assert!(close(covered[0], Decimal::new(6, 2)) && close(remaining[0], d(94)));
        assert!(close(covered[1], variance / d(10_000)) && close(remaining[1], variance));
    }

    #[test]
    fn a_square_or_a_ranged_divisor_is_not_multilinear() {
        let parameters = || {
            vec![
                ranged("a", 4.into(), (2, 6, Distribution::Uniform)),
                Parameter::new(Scope::Region, "k", 3),
            ]
        };
        for (formula, reason) in [
            (
                "k * a * (a + 1)",
                "it is multiplied by itself in k * a * (a + 1)",
            ),
            ("k / (a - 1)", "it is in the divisor of k / (a - 1)"),
        ] {
            let moments = model(formula, parameters()).moments().unwrap();
            let want = Moments::NotMultilinear {
                initiative: "i".into(),
                parameter: "region.a".into(),
                reason: reason.into(),
            };
            assert_eq!(moments, want, "{formula}");
            let text = crate::Text::Moments(&moments).to_string();
            assert!(text.contains(reason) && text.contains("region.a"), "{text}");
        }
        // A divisor without a range, and a parameter in two terms, are multilinear: a / 3 + a
        // has mean 4 / 3 + 4 = 16/3.
        let (mean, _, _) = exact(model("a / k + a", parameters()).moments().unwrap());
        assert!(close(mean, Decimal::from(16) / Decimal::from(3)));
    }

    /// Models of up to four initiatives, each a sum of products of distinct parameters out of
    /// five, each with a range of its own distribution around its value.
    fn models() -> impl Strategy<Value = (Vec<Parameter>, Vec<String>)> {
        let distribution = prop_oneof![
            Just(Distribution::Uniform),
            Just(Distribution::Triangular),
            Just(Distribution::Pert)
        ];
        let parameter = (1i64..100, 0i64..50, 0i64..50, distribution);
        let term = (
            prop::sample::subsequence((0..5).collect::<Vec<_>>(), 1..4),
            1i64..10,
        );
        let formula = prop::collection::vec(term, 1..4).prop_map(|terms| {
            let terms = terms.into_iter().map(|(names, constant)| {
                let names = names.iter().map(|n| format!("p{n}")).collect::<Vec<_>>();
                format!("{constant} * {}", names.join(" * "))
            });
            terms.collect::<Vec<_>>().join(" - ")
        });
        (
            prop::collection::vec(parameter, 5),
            prop::collection::vec(formula, 1..5),
        )
            .prop_map(|(parameters, formulas)| {
                let parameters = (parameters.into_iter().enumerate())
                    .map(|(n, (value, below, above, distribution))| {
                        let value = Decimal::from(value);
                        let mut parameter = Parameter::new(Scope::Region, format!("p{n}"), value);
                        let mut range =
                            Range::new(value - Decimal::from(below), value + Decimal::from(above));
                        range.distribution = distribution;
                        parameter.range = Some(range);
                        parameter
                    })
                    .collect();
                (parameters, formulas)
            })
    }

    fn many(parameters: Vec<Parameter>, formulas: &[String]) -> Model {
        let mut model = Model::new("Test")
            .default_norms(2000, Decimal::new(5, 1))
            .theme("a", "A")
            .sector("s", "S")
            .shortage(2030, "base", 100);
        for (n, formula) in formulas.iter().enumerate() {
            model = model.initiative(
                Initiative::new(format!("i{n}"), "I")
                    .theme("a")
                    .effect(Effect::persons("e", "s", formula).unwrap()),
            );
        }
        model.parameters = parameters;
        model
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        #[test]
        fn moments_keep_the_laws_of_mean_and_variance((parameters, formulas) in models()) {
            let point = many(parameters.clone(), &formulas).evaluate().unwrap().total.value();
            let (_, variance, themes) = exact(many(parameters.clone(), &formulas).moments().unwrap());
            // A variance is a mean of squares; the one theme holds the whole.
            prop_assert!(variance >= Decimal::ZERO);
            prop_assert!(close(themes[0].1[1], variance));
            // Without ranges nothing varies, and the mean is the value.
            let fixed = (parameters.iter().cloned())
                .map(|p| Parameter { range: None, ..p })
                .collect();
            let (mean, variance, _) = exact(many(fixed, &formulas).moments().unwrap());
            prop_assert_eq!((mean, variance), (point, Decimal::ZERO));
            // Ranges symmetric around each value: the mean of a multilinear total is its value
            // at the parameters' means, which are their values.
            let symmetric: Vec<Parameter> = (parameters.iter().cloned())
                .map(|mut p| {
                    let range = p.range.as_mut().unwrap();
                    let half = (range.high - range.low) / Decimal::TWO;
                    (range.low, range.high) = (p.value - half, p.value + half);
                    p
                })
                .collect();
            let (mean, spread, _) = exact(many(symmetric.clone(), &formulas).moments().unwrap());
            prop_assert!(close(mean, point), "{} vs {}", mean, point);
            // The uniform spreads the most of the three around a symmetric mode (its variance
            // w²/12 against the triangle's w²/24 and PERT's w²/28), and every term of the
            // variance grows with each parameter's.
            let uniform = (symmetric.into_iter())
                .map(|mut p| {
                    p.range.as_mut().unwrap().distribution = Distribution::Uniform;
                    p
                })
                .collect();
            let (_, widest, _) = exact(many(uniform, &formulas).moments().unwrap());
            prop_assert!(widest >= spread, "{} < {}", widest, spread);
        }
    }
}
