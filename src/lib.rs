//! # workforce-gap
//!
//! Do a care region's initiatives free enough staff to close its projected shortage?
//!
//! The crate models each initiative as formulas over named, sourced parameters, evaluates them in
//! exact decimals, sums the staff freed per initiative, theme and sector, sets the total against
//! the projected shortage, and audits each initiative against the figure its plan published.
//!
//! Data flows one way: input (a [`Loader`] reading CSV files, an embedded region
//! ([`Model::embedded`]), or a [`Model`] built in Rust, see [`Model::new`]) -> [`Model`] ->
//! [`Model::evaluate`] -> [`Results`] -> outputs ([`Text`], [`Results::write_csv`], and with
//! the feature `report` a [`Report`]).
//!
//! ```
//! let model = workforce_gap::Model::limburg()?;   // the embedded Noord- en Midden-Limburg data
//! let results = model.evaluate()?;
//!
//! let gap = results.gaps.iter().find(|g| g.year == 2032 && g.scenario == "base").unwrap();
//! assert_eq!(gap.shortage.value(), 4500.into());
//! assert!(gap.remaining.value() > 0.into());      // the initiatives do not close the gap
//! for initiative in results.disagreements() {
//!     println!("{}: published {:?}, its parameters give {:?}", initiative.name,
//!              initiative.published.map(|p| p.to_string()), initiative.rounded);
//! }
//! print!("{}", workforce_gap::Text::Results(&results));
//! # Ok::<(), workforce_gap::Error>(())
//! ```
//!
//! Beyond the point figures:
//!
//! - [`Model::bounds`], [`Model::tornado`], [`Model::reliance`], [`Results::concentration`]:
//!   exact bounds over parameters' ranges, the tornado, the reliance on assumptions,
//!   concentration;
//! - [`Model::priorities`]: per initiative, the facts for continuing, scaling up or stopping it
//!   side by side (persons, share, bounds, assumptions, leverage, the published figure);
//! - [`Model::set`] and an [`Evaluator`]: one value changed by its `scenarios.csv` target, and
//!   only the initiatives that read it computed again;
//! - [`Scenario`]s as data, compared side by side by [`Model::compare`];
//! - [`Model::timeline`]: the shortage, the staff freed and the gap year by year;
//! - [`Model::what_it_takes`]: what would close each gap, one change at a time: the value each
//!   parameter alone would need, and the factor each initiative, theme or all would grow by;
//! - [`Wisn`]: the WHO's staffing need of a workload, and its available working time
//!   ([`Wisn::working_hours`]): where "2000 working hours" comes from;
//! - features `monte-carlo` (draws, percentiles and the chance of covering a share of the
//!   shortage), `parallel` (the draws on every core, with the same results as on one),
//!   `strategies` (proptest strategies over the ranges, to test a conclusion against its
//!   assumptions), `report` (SVG charts and a self-contained HTML report) and `xlsx`
//!   (`Loader::load_workbook`: a region read from one workbook; `Results::to_xlsx`: the results
//!   and the model with live Excel formulas written as one; `Model::xlsx_template`);
//! - [`Model::EMBEDDED`] and [`Model::embedded`]: the five regioplannen embedded as data.
//!
//! A formula reads like the printed one; the norms (working hours, part-time factor) turn hours
//! into FTE and persons:
//!
//! ```
//! use workforce_gap::Expr;
//! let formula = Expr::parse("frail_share * inhabitants_65plus * visits * 10% * 15 / 60")?;
//! assert_eq!(formula.names(), ["frail_share", "inhabitants_65plus", "visits"]);
//! # Ok::<(), workforce_gap::Error>(())
//! ```

#![forbid(unsafe_code)]
#![deny(missing_docs)]

mod analysis;
mod engine;
mod error;
mod evaluate;
mod evaluator;
mod hash;
mod input;
mod model;
mod output;

// What users need, flat; the modules behind it stay private so that they can move.
#[cfg(feature = "monte-carlo")]
pub use analysis::monte_carlo::{MonteCarlo, MonteCarloSettings, Summary};
#[cfg(feature = "strategies")]
pub use analysis::strategies::Draw;
pub use analysis::{
    moments::Moments,
    monitoring::{Monitored, Progress},
    priorities::Priority,
    scenario::{Comparison, Outcome},
    timeline::YearGap,
    uncertainty::{Bounds, Reliance, Swing},
    what_it_takes::{Lever, Needed},
    wisn::{Activity, ActivityKind, ActivityStandard, ServiceStaff, Staffing, Wisn},
};
pub use error::{
    ArithmeticError, Error, EvaluationError, Finding, Kind, Origin, ParameterValue, Severity,
};
pub use evaluate::{
    EffectResult, Figure, GapResult, GroupResult, InitiativeResult, Results, Uncompared, Verdict,
};
pub use evaluator::Evaluator;
pub use input::dialect::{Dialect, Encoding};
pub use input::loader::{Loaded, Loader};
pub use model::formula::{Expr, Op};
pub use model::name::Name;
pub use model::number::{NumberError, NumberFormat};
pub use model::scenario::{Scenario, Setting, SettingKind, Target};
pub use model::units::{Fte, PartTimeFactor, Persons, Share, WorkingHours};
pub use model::{
    Distribution, Effect, EffectUnit, Group, Initiative, Interval, Model, Norms, Parameter, Period,
    Range, Realised, Region, Scope, Shortage, ShortageUnit, Status, ThemeShare,
};
#[cfg(feature = "report")]
pub use output::report::{Language, Report};
pub use output::text::Text;
/// The exact decimal every figure is computed in, re-exported so that a user need not match
/// this crate's rust_decimal version.
pub use rust_decimal::Decimal;

/// A result whose error is this crate's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

// The README's Rust examples are compiled and run as doc tests, so they cannot rot.
#[doc = include_str!("../README.md")]
#[cfg(doctest)]
pub struct ReadmeDoctests;
