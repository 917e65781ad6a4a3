//! Results written as a workbook, read back with calamine: exact figures, live formulas that
//! are the model's own, and a template that reads as a model.
#![cfg(feature = "xlsx")]

use calamine::{Data, Reader as _, Xlsx, open_workbook_from_rs};
use rust_decimal::Decimal;
use std::io::Cursor;
use std::path::Path;
use workforce_gap::{Expr, Loader, Model, Progress, Scope, Share};

type Book = Xlsx<Cursor<Vec<u8>>>;

fn open(bytes: Vec<u8>) -> Book {
    open_workbook_from_rs(Cursor::new(bytes)).unwrap()
}

fn tiny() -> workforce_gap::Model {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/tiny");
    Loader::new().load_dir(dir).unwrap().model
}

/// The row (by its first cell) of a sheet.
fn row_of(book: &mut Book, sheet: &str, first: &str) -> Vec<Data> {
    let range = book.worksheet_range(sheet).unwrap();
    let row = range.rows().find(|row| row[0] == first).unwrap();
    row.to_vec()
}

/// A sheet's header.
fn header(book: &mut Book, sheet: &str) -> Vec<String> {
    let range = book.worksheet_range(sheet).unwrap();
    range
        .rows()
        .next()
        .unwrap()
        .iter()
        .map(|c| c.to_string())
        .collect()
}

#[test]
fn figures_are_number_cells_with_their_exact_decimals_beside_them() {
    let model = tiny();
    let results = model.evaluate().unwrap();
    let mut book = open(results.to_xlsx(&model).unwrap());
    let titles = header(&mut book, "initiatives");
    let persons = titles.iter().position(|t| t == "persons").unwrap();
    assert_eq!(titles[persons + 1], "persons (exact)");
    // fewer-consults: 10000 inhabitants × 4 contacts × 10% × 30 minutes / 60 = 2000 hours;
    // / 2000 working hours = 1 FTE; / part-time factor 0.5 = 2 persons.
    let row = row_of(&mut book, "initiatives", "fewer-consults");
    assert_eq!(row[persons], Data::Float(2.0));
    assert_eq!(row[persons + 1], Data::String("2".into()));
    // shorter-stays: 500 × 2 days × 120 minutes / 60 = 2000 hours / 1000 = 2 FTE = 4 persons,
    // less a coordinator of 1 FTE = 2 persons: 2 persons.
    let row = row_of(&mut book, "initiatives", "shorter-stays");
    assert_eq!(row[persons + 1], Data::String("2".into()));
    // The total: 2 + 2 = 4 persons.
    let row = row_of(&mut book, "initiatives", "total");
    assert_eq!(row[persons + 1], Data::String("4".into()));
    // The gap in the base scenario: 200 short, 4 freed, 196 remain.
    let titles = header(&mut book, "gaps");
    let remaining = titles
        .iter()
        .position(|t| t == "remaining (exact)")
        .unwrap();
    let range = book.worksheet_range("gaps").unwrap();
    let base = range.rows().find(|r| r[1] == "base").unwrap();
    assert_eq!(base[remaining], Data::String("196".into()));
    // Every sheet of the results is there.
    for sheet in [
        "effects",
        "initiatives",
        "themes",
        "sectors",
        "gaps",
        "audit",
    ] {
        assert!(book.sheet_names().iter().any(|n| n == sheet), "{sheet}");
    }
}

#[test]
fn a_figure_beyond_a_binary_number_keeps_all_its_digits_as_text() {
    let mut model = tiny();
    // 4/3 contacts instead of 4: 10000 × 4/3 × 10% × 30 / 60 = 2000/3 hours, 2/3 persons, a
    // decimal of 28 digits.
    let contacts = (model.parameters.iter_mut())
        .find(|p| p.name == "contacts")
        .unwrap();
    contacts.value = Decimal::from(4) / Decimal::from(3);
    let results = model.evaluate().unwrap();
    let exact = results
        .initiative("fewer-consults")
        .unwrap()
        .persons()
        .unwrap();
    let mut book = open(results.to_xlsx(&model).unwrap());
    let titles = header(&mut book, "initiatives");
    let persons = titles.iter().position(|t| t == "persons").unwrap();
    let row = row_of(&mut book, "initiatives", "fewer-consults");
    assert_eq!(
        row[persons + 1],
        Data::String(exact.value().normalize().to_string())
    );
    assert!(
        exact.value().normalize().to_string().len() > 20,
        "more digits than an f64 holds"
    );
}

/// The model sheet's live formulas, read back: each effect's value formula, with its defined
/// names replaced by the parameters' names, is the effect's formula; each name is the cell that
/// holds the parameter's value.
fn check_live_formulas(model: &workforce_gap::Model) {
    let results = model.evaluate().unwrap();
    let mut book = open(results.to_xlsx(model).unwrap());
    let parameters = book.worksheet_range("parameters").unwrap();
    // Defined name -> (scope, name), through the cell it names.
    let mut names = Vec::new();
    for (defined, cell) in book.defined_names() {
        let Some(row) = cell.strip_prefix("parameters!$C$") else {
            continue;
        };
        let row: usize = row.parse().unwrap();
        let cells = parameters.rows().nth(row - 1).unwrap();
        let (scope, name) = (cells[0].to_string(), cells[1].to_string());
        let parameter = model
            .parameters
            .iter()
            .find(|p| {
                p.name == name
                    && match &p.scope {
                        Scope::Region => scope == "region",
                        Scope::Initiative(id) => *id == scope,
                    }
            })
            .unwrap();
        if !parameter.pending {
            let value: Decimal = cells[2].to_string().parse().unwrap();
            assert_eq!(value, parameter.value, "{defined}");
        }
        names.push((defined.clone(), name));
    }
    // Longest first, so that no name is replaced inside a longer one.
    names.sort_by_key(|(defined, _)| std::cmp::Reverse(defined.len()));
    let formulas = book.worksheet_formula("model").unwrap();
    let effects = model.initiatives.iter().flat_map(|i| &i.effects);
    let mut checked = 0;
    for (index, effect) in effects.enumerate() {
        let formula = formulas.get_value((index as u32 + 1, 6)).unwrap();
        let mut text = formula.clone();
        for (defined, name) in &names {
            text = text.replace(defined.as_str(), name);
        }
        assert_eq!(Expr::parse(&text).unwrap(), effect.formula, "{formula}");
        checked += 1;
    }
    assert!(checked > 0);
}

#[test]
fn every_effect_is_a_live_formula_over_named_parameter_cells() {
    check_live_formulas(&tiny());
    // Limburg's realised and staff figures are not the results' business: still written.
    let limburg = Model::limburg().unwrap();
    assert!(!limburg.realised.is_empty() && !limburg.staff.is_empty());
    check_live_formulas(&limburg);
}

#[test]
fn fte_and_persons_are_live_formulas_over_the_norms() {
    let model = tiny();
    let results = model.evaluate().unwrap();
    let mut book = open(results.to_xlsx(&model).unwrap());
    let formulas = book.worksheet_formula("model").unwrap();
    // Row 2: fewer-consults, consults, in hours with the default norms.
    assert_eq!(formulas.get_value((1, 7)).unwrap(), "G2 / n_default.hours");
    assert_eq!(formulas.get_value((1, 8)).unwrap(), "H2 / n_default.factor");
    // Row 4: shorter-stays, coordinator, in FTE.
    assert_eq!(formulas.get_value((3, 7)).unwrap(), "G4");
    assert_eq!(formulas.get_value((3, 8)).unwrap(), "G4 / n_default.factor");
    let names: Vec<&str> = book
        .defined_names()
        .iter()
        .map(|(n, _)| n.as_str())
        .collect();
    for name in [
        "p_region.population",
        "p_fewer_consults.contacts",
        "n_half.hours",
    ] {
        assert!(names.contains(&name), "{name} in {names:?}");
    }
}

#[test]
fn the_template_reads_as_a_model() {
    let bytes = Model::xlsx_template().unwrap();
    let loaded = Loader::new()
        .load_workbook_bytes("template.xlsx", &bytes)
        .unwrap();
    assert_eq!(loaded.model.region.name, "New region");
    let results = loaded.model.evaluate().unwrap();
    // 100000 inhabitants × 0.2 visits saved × 10 minutes / 60 = 10000/3 hours; / 1600 working
    // hours / 0.7 part-time factor.
    let hours = Decimal::from(100000) * Decimal::new(2, 1) * Decimal::from(10) / Decimal::from(60);
    let persons = hours / Decimal::from(1600) / Decimal::new(7, 1);
    let figure = results.initiative("example").unwrap().persons().unwrap();
    assert_eq!(figure.value().round_dp(20), persons.round_dp(20));
    // The monitoring example: 0.15 visits saved realised of 0.2 planned frees 0.15 / 0.2 = 3/4
    // of the planned persons, more than 10% below plan.
    assert_eq!(
        (loaded.model.realised.len(), loaded.model.staff.len()),
        (1, 1)
    );
    let rows = loaded
        .model
        .monitor(Share::new(Progress::TOLERANCE))
        .unwrap();
    let row = rows
        .iter()
        .find(|r| r.level == "initiative" && r.id == "example")
        .unwrap();
    let realised = row.realised.unwrap().value();
    assert_eq!(
        realised.round_dp(20),
        (persons * Decimal::new(75, 2)).round_dp(20)
    );
    assert_eq!(row.status, Progress::Behind);
    // Each sheet has the required columns of its file.
    let mut book = open(bytes);
    for sheet in Loader::SHEETS {
        assert!(!header(&mut book, sheet).is_empty(), "{sheet}");
    }
}
