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
//!   conclusion against its assumptions) and `report` (SVG charts and a self-contained HTML
//!   report);
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

mod analysis;
mod engine;
pub mod error;
pub mod evaluate;
mod hash;
mod input;
pub mod model;
mod output;

#[cfg(feature = "monte-carlo")]
pub use analysis::monte_carlo;
#[cfg(feature = "strategies")]
pub use analysis::strategies;
pub use analysis::{scenario, timeline, uncertainty, wisn};
pub use engine::arithmetic;
pub use input::dialect;
pub use input::loader as csv_input;
pub use input::regions::{LIMBURG_FILES, REGIONS, limburg, region};
pub use model::{formula, name, number, units};
#[cfg(feature = "report")]
pub use output::report;
pub use output::text as render;

pub use error::{ArithmeticError, Error, Finding, FormulaError, Kind, Origin, Severity};
pub use evaluate::{Results, evaluate};
pub use model::Model;

// The README's Rust examples are compiled and run as doc tests, so they cannot rot.
#[doc = include_str!("../README.md")]
#[cfg(doctest)]
pub struct ReadmeDoctests;
