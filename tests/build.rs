//! A model built in Rust is the model its files describe: the builders give the results of the
//! tiny fixture region, figure for figure.

use rust_decimal::Decimal;
use workforce_gap::{Distribution, Effect, Initiative, Loader, Model, Norms, Range, Status};

fn d(text: &str) -> Decimal {
    text.parse().unwrap()
}

/// `tests/fixtures/tiny`, written with the builders (its scenarios left out).
fn tiny_in_rust() -> workforce_gap::Result<Model> {
    let consults = Effect::hours(
        "consults",
        "gp",
        "population * contacts * reduction * minutes / 60",
    )?;
    let bed_days = Effect::hours(
        "bed_days",
        "hospital",
        "admissions * days_saved * minutes / 60",
    )?;
    let mut model = Model::new("Tiny")
        .default_norms(2000, d("0.5"))
        .with_norms(Norms::new("half", 1000, d("0.5")))
        .theme("prevention", "Prevention")
        .theme("home", "At home")
        .sector("gp", "GP care")
        .sector("hospital", "Hospital")
        .parameter("region", "population", 10_000)
        .parameter("region", "minutes", 30)
        .parameter("fewer-consults", "contacts", 4)
        .parameter("fewer-consults", "reduction", d("0.10"))
        .parameter("shorter-stays", "admissions", 500)
        .parameter("shorter-stays", "days_saved", 2)
        .parameter("shorter-stays", "minutes", 120)
        .parameter("shorter-stays", "extra_fte", 1)
        .initiative(
            Initiative::new("fewer-consults", "Fewer consults, more time")
                .submitted_by("GP group")
                .theme("prevention")
                .published(13)
                .effect(consults),
        )
        .initiative(
            Initiative::new("shorter-stays", "Shorter stays")
                .submitted_by("Hospital")
                .status(Status::Planned)
                .weighted_theme("prevention", 1)
                .weighted_theme("home", 3)
                .published(2)
                .effect(bed_days.norms("half"))
                .effect(Effect::fte("coordinator", "gp", "-extra_fte")?),
        )
        .shortage(2030, "base", 200)
        .shortage(2030, "worse", 400);
    model.region.published_total = "20".parse().ok();
    model.region.published_share = "10%".parse().ok();
    model.parameters[3].range = Some(Range {
        distribution: Distribution::Triangular,
        ..Range::new(d("0.05"), d("0.15"))
    });
    model.parameters[5].range = Some(Range::new(1, 3));
    Ok(model)
}

#[test]
fn the_builders_give_the_results_of_the_fixture_files() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/tiny");
    let mut loaded = Loader::new().load_dir(dir).unwrap().model;
    loaded.scenarios.clear();
    let built = tiny_in_rust().unwrap();
    assert_eq!(built.check(), []);

    let results = built.evaluate().unwrap();
    assert_eq!(results, loaded.evaluate().unwrap());
    assert_eq!(built.bounds().unwrap(), loaded.bounds().unwrap());
    // fewer-consults: 10000 × 4 × 10% × 30 / 60 = 2000 hours / 2000 h / 0.5 = 2 persons
    let consults = results.initiative("fewer-consults").unwrap();
    assert_eq!(consults.persons().unwrap().value(), d("2"));
    // shorter-stays: 500 × 2 × 120 / 60 = 2000 hours / 1000 h / 0.5 = 4 persons, less the
    // coordinator: 1 FTE / 0.5 = 2 persons; 4 - 2 = 2
    let stays = results.initiative("shorter-stays").unwrap();
    assert_eq!(stays.persons().unwrap().value(), d("2"));
}

/// A formula is read as in `effects.csv`: one that does not parse is an error where the effect is
/// built, before any model holds it.
#[test]
fn an_effect_whose_formula_does_not_parse_is_an_error() {
    let error = Effect::hours("consults", "gp", "population * ").unwrap_err();
    assert!(
        matches!(error, workforce_gap::Error::Formula { .. }),
        "{error}"
    );
    assert!(Effect::fte("coordinator", "gp", "-extra_fte").is_ok());
}

/// A parameter's scope is spelled as in `parameters.csv`.
#[test]
fn a_scope_is_written_as_in_the_parameters_file() {
    let model = Model::new("Scopes")
        .parameter("region", "population", 1)
        .parameter("fewer-consults", "contacts", 4);
    let scopes: Vec<String> = model
        .parameters
        .iter()
        .map(|p| p.scope.to_string())
        .collect();
    assert_eq!(scopes, ["region", "fewer-consults"]);
    assert_eq!(model.parameters[0].scope, workforce_gap::Scope::Region);
}
