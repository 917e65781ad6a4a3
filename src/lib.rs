//! # workforce-gap
//!
//! Do a care region's initiatives free enough staff to close its projected shortage?
//!
//! The crate models each initiative as formulas over named, sourced parameters, evaluates them in
//! exact decimals, sums the staff freed per initiative, theme and sector, sets the total against
//! the projected shortage, and audits each initiative against the figure its plan published.
//!
//! Data flows one way: input ([`csv_input`], or a [`Model`] built in Rust) -> [`Model`] ->
//! [`evaluate()`] -> [`Results`] -> [`render`].
//!
//! ```
//! let model = workforce_gap::limburg()?;          // the embedded Noord- en Midden-Limburg data
//! let results = workforce_gap::evaluate(&model)?;
//!
//! let gap = results.gaps.iter().find(|g| g.year == 2032 && g.scenario == "base").unwrap();
//! assert_eq!(gap.shortage.value(), 4500.into());
//! assert!(gap.remaining.value() > 0.into());      // the initiatives do not close the gap
//! for initiative in results.disagreements() {
//!     println!("{}: published {:?}, its parameters give {:?}", initiative.name,
//!              initiative.audit.published.map(|p| p.to_string()), initiative.audit.rounded);
//! }
//! print!("{}", workforce_gap::render::text(&results));
//! # Ok::<(), workforce_gap::Error>(())
//! ```
//!
//! Beyond the point figures:
//!
//! - [`uncertainty`]: exact bounds over parameters' ranges, the tornado, the reliance on
//!   assumptions, concentration;
//! - [`scenario`]: named scenarios as data, compared side by side;
//! - [`timeline`]: the shortage, the staff freed and the gap year by year;
//! - [`wisn`]: where "2000 working hours" comes from;
//! - features `monte-carlo` (draws and percentiles), `parallel` (the draws on every core, with
//!   the same results as on one), `strategies` (proptest strategies over the ranges, to test a
//!   conclusion against its assumptions), `report` (SVG charts and a self-contained HTML
//!   report) and `xlsx` (a region read from one workbook, `xlsx_input`; results and a model
//!   with live Excel formulas written as one, `xlsx_output`);
//! - [`REGIONS`] and [`region()`]: the five regioplannen embedded as data.
//!
//! A formula reads like the printed one; the norms (working hours, part-time factor) turn hours
//! into FTE and persons:
//!
//! ```
//! use workforce_gap::formula::Expr;
//! let formula = Expr::parse("frail_share * inhabitants_65plus * visits * 10% * 15 / 60")?;
//! assert_eq!(formula.names(), ["frail_share", "inhabitants_65plus", "visits"]);
//! # Ok::<(), workforce_gap::Error>(())
//! ```

#![forbid(unsafe_code)]
#![deny(missing_docs)]

pub mod arithmetic;
pub(crate) mod compute;
pub mod csv_input;
pub mod dialect;
pub mod error;
pub mod evaluate;
pub mod formula;
mod hash;
pub mod model;
#[cfg(feature = "monte-carlo")]
pub mod monte_carlo;
pub mod name;
pub mod number;
pub mod render;
#[cfg(feature = "report")]
pub mod report;
pub mod scenario;
#[cfg(feature = "strategies")]
pub mod strategies;
pub mod timeline;
pub mod uncertainty;
pub mod units;
pub mod wisn;
#[cfg(feature = "xlsx")]
pub mod xlsx_input;
#[cfg(feature = "xlsx")]
pub mod xlsx_output;

pub use error::{ArithmeticError, Error, Finding, FormulaError, Kind, Origin, Severity};
pub use evaluate::{Results, evaluate};
pub use model::Model;

macro_rules! embedded {
    ($dir:literal: $($file:literal),*) => {
        [$(($file, include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/data/", $dir, "/", $file)))),*]
    };
}

/// The files of the Noord- en Midden-Limburg model, as embedded in the library.
pub const LIMBURG_FILES: [(&str, &str); 10] = embedded!("limburg":
    "region.csv", "norms.csv", "shortage.csv", "themes.csv", "sectors.csv",
    "parameters.csv", "ranges.csv", "initiatives.csv", "effects.csv", "scenarios.csv");

const HAAGLANDEN: [(&str, &str); 8] = embedded!("haaglanden": "region.csv", "norms.csv",
    "shortage.csv", "themes.csv", "sectors.csv", "parameters.csv", "initiatives.csv", "effects.csv");
const KENNEMERLAND: [(&str, &str); 4] =
    embedded!("kennemerland": "region.csv", "shortage.csv", "themes.csv", "initiatives.csv");
const ROTTERDAM: [(&str, &str); 8] = embedded!("rotterdam": "region.csv", "norms.csv",
    "shortage.csv", "themes.csv", "sectors.csv", "parameters.csv", "initiatives.csv", "effects.csv");

const MIDDEN_NEDERLAND: [(&str, &str); 8] = embedded!("midden-nederland": "region.csv", "norms.csv",
    "shortage.csv", "themes.csv", "sectors.csv", "parameters.csv", "initiatives.csv", "effects.csv");

/// The ids of the regions whose regioplan the library embeds as data (`data/<id>/`), in the
/// order of the seeds: Kennemerland, Midden Nederland, Haaglanden, Noord- en Midden-Limburg, and
/// Capelle aan den IJssel, Krimpen aan den IJssel, Rotterdam.
pub const REGIONS: [&str; 5] = [
    "kennemerland",
    "midden-nederland",
    "haaglanden",
    "limburg",
    "rotterdam",
];

/// The Noord- en Midden-Limburg model (Appendix A of its regioplan), from the data embedded in
/// the library: no files needed.
pub fn limburg() -> Result<Model, Error> {
    csv_input::from_texts(&LIMBURG_FILES)
}

/// The model of an embedded region, by its id in [`REGIONS`]; `None` for another id.
pub fn region(id: &str) -> Option<Result<Model, Error>> {
    let files: &[(&str, &str)] = match id {
        "limburg" => &LIMBURG_FILES,
        "haaglanden" => &HAAGLANDEN,
        "kennemerland" => &KENNEMERLAND,
        "rotterdam" => &ROTTERDAM,
        "midden-nederland" => &MIDDEN_NEDERLAND,
        _ => return None,
    };
    Some(csv_input::from_texts(files))
}

// The README's Rust examples are compiled and run as doc tests, so they cannot rot.
#[doc = include_str!("../README.md")]
#[cfg(doctest)]
pub struct ReadmeDoctests;
