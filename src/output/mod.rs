//! Output: results made readable (text tables), machine-readable (CSV) and, with the feature
//! `report`, a self-contained HTML or Markdown report with SVG charts; with the feature `xlsx`, a
//! workbook of the results and the model's live formulas. Outputs only read results (and, for
//! the workbook's formulas, the model).

pub mod csv;
#[cfg(feature = "report")]
pub mod report;
pub mod text;
mod what_it_takes;
#[cfg(feature = "xlsx")]
pub mod xlsx;
