//! Output: results made readable (text tables), machine-readable (CSV) and, with the feature
//! `report`, a self-contained HTML or Markdown report with SVG charts. Outputs only read results.

pub mod csv;
#[cfg(feature = "report")]
pub mod report;
pub mod text;
