//! Input: a region's CSV files (in any dialect Excel or a hand writes) read into a model, and
//! the regions embedded in the library.

pub mod dialect;
pub mod loader;
pub mod regions;
