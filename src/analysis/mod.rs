//! Analyses beyond the point figures: bounds, tornado and reliance over the parameters' ranges,
//! exact moments over them, the priorities per initiative, scenarios compared side by side, the
//! gap year by year, WISN working time, Monte Carlo draws and proptest strategies.

pub mod moments;
pub mod monitoring;
#[cfg(feature = "monte-carlo")]
pub mod monte_carlo;
pub mod priorities;
pub mod scenario;
#[cfg(feature = "strategies")]
pub mod strategies;
pub mod timeline;
pub mod uncertainty;
pub mod wisn;
