//! Editing in place: a value set by target, checked as a scenario's `set` is, and an evaluator
//! that recomputes only what reads the value and agrees with `evaluate` exactly.

use proptest::prelude::*;
use rust_decimal::Decimal;
use workforce_gap::{Error, Evaluator, Kind, Model, Origin, Scope};

/// The tiny fixture: consults 10000 * 4 * 10% * 30 / 60 = 2000 hours = 1 FTE (2000 h) = 2
/// persons (0.5); bed days 500 * 2 * 120 / 60 = 2000 hours = 2 FTE (1000 h) = 4 persons;
/// the coordinator -1 FTE = -2 persons. Total 2 + 4 - 2 = 4 persons.
fn tiny() -> Model {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/tiny");
    workforce_gap::Loader::new().load_dir(dir).unwrap().model
}

fn d(text: &str) -> Decimal {
    text.parse().unwrap()
}

fn parameter<'m>(model: &'m Model, scope: &str, name: &str) -> &'m workforce_gap::Parameter {
    let scope = match scope {
        "region" => Scope::Region,
        id => Scope::Initiative(id.into()),
    };
    (model.parameters.iter())
        .find(|p| p.scope == scope && p.name == name)
        .unwrap()
}

#[test]
fn a_parameter_set_takes_the_value_and_loses_its_range() {
    let mut model = tiny();
    assert!(
        parameter(&model, "fewer-consults", "reduction")
            .range
            .is_some()
    );
    model.set("fewer-consults.reduction", d("0.2")).unwrap();
    let reduction = parameter(&model, "fewer-consults", "reduction");
    assert_eq!(
        (reduction.value, reduction.range.is_none()),
        (d("0.2"), true)
    );
    // Consults: 10000 * 4 * 20% * 30 / 60 = 4000 hours = 2 FTE = 4 persons; total 4 + 2 = 6.
    assert_eq!(model.evaluate().unwrap().total.value(), d("6"));
}

#[test]
fn a_norm_set_converts_every_effect_that_uses_it() {
    let mut model = tiny();
    model
        .set("norms.default.part_time_factor", d("0.8"))
        .unwrap();
    // Consults 1 FTE / 0.8 = 1.25 persons, the coordinator -1 / 0.8 = -1.25, bed days (norms
    // "half") still 4: total 4.
    let results = model.evaluate().unwrap();
    assert_eq!(
        results
            .initiative("fewer-consults")
            .unwrap()
            .persons()
            .unwrap()
            .value(),
        d("1.25")
    );
    assert_eq!(results.total.value(), d("4"));
    model
        .set("norms.half.working_hours_per_year", d("2000"))
        .unwrap();
    // Bed days 2000 hours / 2000 = 1 FTE / 0.5 = 2 persons: total 1.25 + 2 - 1.25 = 2.
    assert_eq!(model.evaluate().unwrap().total.value(), d("2"));
}

/// The one finding of a failed set.
fn finding(error: Error) -> workforce_gap::Finding {
    match error.findings() {
        [one] => one.clone(),
        other => panic!("expected one finding, got {other:?}"),
    }
}

#[test]
fn a_refused_set_says_it_was_set_in_code_and_leaves_the_model() {
    let mut model = tiny();
    let set_in_code = Some(Origin {
        file: "set in code".into(),
        line: 0,
    });
    // Each refused as norms.csv, scenarios.csv or the targets would refuse it.
    let cases = [
        (
            "norms.default.part_time_factor",
            "2",
            Kind::InvalidNorm,
            "value",
            "2",
        ),
        (
            "nobody.population",
            "1",
            Kind::UnknownReference,
            "target",
            "nobody.population",
        ),
        (
            "norms.missing.part_time_factor",
            "1",
            Kind::UnknownReference,
            "target",
            "norms.missing.part_time_factor",
        ),
        (
            "population",
            "1",
            Kind::InvalidValue,
            "target",
            "population",
        ),
    ];
    for (target, value, kind, column, shown) in cases {
        let found = finding(model.set(target, d(value)).unwrap_err());
        assert_eq!(found.kind, kind, "{target}");
        assert_eq!(found.origin, set_in_code, "{target}");
        assert_eq!(
            (found.column.as_deref(), found.value.as_str()),
            (Some(column), shown)
        );
    }
    assert_eq!(model, tiny());
    let found = finding(
        model
            .set("norms.default.part_time_factor", d("2"))
            .unwrap_err(),
    );
    assert!(
        found.to_string().starts_with(
            "error: set in code, column \"value\": \"2\" sets norms.default.part_time_factor to 2"
        ),
        "{found}"
    );
}

#[test]
fn a_set_from_names_where_the_change_came_from() {
    let mut model = tiny();
    let origin = Origin {
        file: "--set fewer-consults.contacts=-1".into(),
        line: 0,
    };
    // A negative count is a warning, as in parameters.csv: the value is set.
    model
        .set_from("fewer-consults.contacts", "-1", origin.clone())
        .unwrap();
    assert_eq!(
        parameter(&model, "fewer-consults", "contacts").value,
        d("-1")
    );
    // A share written as a percentage, as in the files.
    model
        .set_from("fewer-consults.reduction", "15%", origin.clone())
        .unwrap();
    assert_eq!(
        parameter(&model, "fewer-consults", "reduction").value,
        d("0.15")
    );
    let cases = [
        ("x.y", "1", Kind::UnknownReference, "target"),
        ("region.population", "1,5", Kind::NotANumber, "value"),
        (
            "region.population",
            "1.0000000000000000000000000000001",
            Kind::InexactNumber,
            "value",
        ),
    ];
    let before = model.clone();
    for (target, value, kind, column) in cases {
        let found = finding(model.set_from(target, value, origin.clone()).unwrap_err());
        assert_eq!(found.origin.as_ref(), Some(&origin), "{value}");
        assert_eq!(
            (found.kind, found.column.as_deref()),
            (kind, Some(column)),
            "{value}"
        );
    }
    assert_eq!(model, before);
}

#[test]
fn the_evaluator_recomputes_a_set_value() {
    let mut evaluator = Evaluator::new(tiny()).unwrap();
    assert_eq!(evaluator.results().total.value(), d("4"));
    // region.minutes is read by consults alone (shorter stays have their own minutes):
    // 10000 * 4 * 10% * 60 / 60 = 4000 hours = 4 persons; total 4 + 2 = 6.
    evaluator.set("region.minutes", d("60")).unwrap();
    assert_eq!(evaluator.results().total.value(), d("6"));
    assert_eq!(
        parameter(evaluator.model(), "region", "minutes").value,
        d("60")
    );
    evaluator
        .set("norms.default.part_time_factor", d("0.8"))
        .unwrap();
    // Consults 2 FTE / 0.8 = 2.5, the coordinator -1.25, bed days 4: total 5.25.
    assert_eq!(evaluator.results().total.value(), d("5.25"));
}

#[test]
fn a_set_that_cannot_be_evaluated_leaves_the_evaluator_as_it_was() {
    let mut evaluator = Evaluator::new(tiny()).unwrap();
    let (model, results) = (evaluator.model().clone(), evaluator.results().clone());
    // population * contacts is beyond the largest decimal.
    let error = evaluator
        .set("region.population", Decimal::MAX)
        .unwrap_err();
    assert!(matches!(error, Error::Evaluation(_)), "{error}");
    assert_eq!((evaluator.model(), evaluator.results()), (&model, &results));
    // And a refused value too.
    assert!(evaluator.set("fewer-consults.nothing", d("1")).is_err());
    assert_eq!((evaluator.model(), evaluator.results()), (&model, &results));
}

/// A target of Limburg and a value for it: a parameter scaled by 0 to 2 (a share may leave
/// 0-100%, which only warns), or a norm within its plausible range.
fn sets() -> impl Strategy<Value = Vec<(String, Decimal)>> {
    let model = Model::limburg().unwrap();
    let targets: Vec<(String, Decimal)> = (model.parameters.iter())
        .filter(|p| !p.pending)
        .map(|p| (format!("{}.{}", p.scope, p.name), p.value))
        .collect();
    let parameter = (0..targets.len(), 0i64..=200).prop_map(move |(index, percent)| {
        let (target, value) = &targets[index];
        (target.clone(), value * Decimal::new(percent, 2))
    });
    let norm = prop_oneof![
        (300i64..=1000).prop_map(|n| (
            "norms.default.part_time_factor".to_string(),
            Decimal::new(n, 3)
        )),
        (1000i64..=2400).prop_map(|n| (
            "norms.default.working_hours_per_year".to_string(),
            Decimal::from(n)
        )),
    ];
    prop::collection::vec(prop_oneof![4 => parameter, 1 => norm], 1..8)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn after_any_sets_the_evaluator_gives_what_evaluate_gives(sets in sets()) {
        let mut evaluator = Evaluator::new(Model::limburg().unwrap()).unwrap();
        for (target, value) in sets {
            let mut expected = evaluator.model().clone();
            let outcome = expected.set(&target, value).and_then(|()| expected.evaluate());
            match (evaluator.set(&target, value), outcome) {
                (Ok(()), Ok(results)) => {
                    prop_assert_eq!(evaluator.model(), &expected);
                    // Equal, and written with the same digits.
                    prop_assert_eq!(format!("{:?}", evaluator.results()), format!("{results:?}"));
                }
                (Err(_), Err(_)) => {}
                (got, want) => prop_assert!(false, "{target} = {value}: {got:?} against {want:?}"),
            }
        }
        let results = evaluator.model().evaluate().unwrap();
        prop_assert_eq!(format!("{:?}", evaluator.results()), format!("{results:?}"));
    }
}
