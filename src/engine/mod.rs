//! The engine: formulas compiled once into stack programs, and the one computation from a
//! model's parameters to its totals, in any arithmetic (exact decimals, intervals, `f64`).

pub(crate) mod arithmetic;
#[cfg(feature = "monte-carlo")]
pub(crate) mod batch;
pub(crate) mod compiled;
pub(crate) mod program;
