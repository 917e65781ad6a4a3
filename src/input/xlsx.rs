//! A workbook -> [`Model`] (feature `xlsx`): each sheet becomes the canonical CSV text of its
//! cells, read by the [`Loader`] as a file is, so that every rule, check and finding is the CSV
//! files' own; see [`Loader::load_workbook`] for what is read and refused.

use crate::error::{Error, Finding, Kind, Origin};
use crate::hash::{FastMap, FastSet};
use crate::input::loader::{FILES, Loaded, Loader, OPTIONAL, Place, files};

use calamine::{Data, Dimensions, Range, Reader as _, SheetVisible, Sheets};
use std::io::Cursor;
use std::path::Path;

impl Loader {
    /// The sheets a model is read from: the names of the CSV files without `.csv`, in their order
    /// (monitoring's `realised` and `staff` included, optional as their files are).
    pub const SHEETS: [&str; 12] = [
        "region",
        "norms",
        "shortage",
        "themes",
        "sectors",
        "parameters",
        "ranges",
        "initiatives",
        "effects",
        "scenarios",
        "realised",
        "staff",
    ];

    /// Reads a model from an Excel (`.xlsx`, `.xlsm`, `.xls`, `.xlsb`) or OpenDocument (`.ods`)
    /// workbook with a sheet per table, read by the rules of the CSV files (feature `xlsx`), within
    /// the loader's size limit; its dialect does not apply (cells are read in the canonical
    /// format). A workbook without a `region` sheet names the region after itself.
    ///
    /// Each sheet is named as its file is without `.csv` (`parameters`, `effects`, ... see
    /// [`Loader::SHEETS`]); its first row with content is the header. A sheet is turned into the canonical
    /// CSV text of its cells and read by the [`Loader`], so every rule, check and finding is the
    /// CSV files' own. Findings name the workbook and sheet (`plan.xlsx, sheet parameters`), the
    /// row (as "line"), and the column by letter and header (`C: value`).
    ///
    /// - A number cell is the exact decimal it shows: the shortest decimal that reads back as the
    ///   stored binary number (0.1 stays 0.1, never 0.1000000000000000055…). A cell formatted as a
    ///   percentage holds the fraction (35% is 0.35), which is what `35%` means in a CSV file.
    /// - A text cell is read as a CSV field is, in the canonical format: `1.5` and `20%` are numbers,
    ///   `1,5` is refused as a number (it could mean 15 or 1.5).
    /// - A formula, a date, a time or an error value (`#DIV/0!`) in any cell of a table, merged
    ///   cells, and a hidden sheet the model would read, are errors: the tables hold values, each
    ///   visible and with its source.
    /// - A workbook that cannot be opened (password-protected, corrupt) is an error naming it.
    /// - Other sheets (notes, charts) are not read; a name that misses a table's by case or a letter
    ///   or two is an error that names the sheet meant.
    ///
    /// ```no_run
    /// let model = workforce_gap::Loader::new().load_workbook("plan.xlsx")?.model;
    /// let results = model.evaluate()?;
    /// # Ok::<(), workforce_gap::Error>(())
    /// ```
    pub fn load_workbook(&self, path: impl AsRef<Path>) -> Result<Loaded, Error> {
        let path = path.as_ref();
        match self.read_file(path)? {
            Ok(bytes) => self.load_workbook_bytes(&files::file_name(path), &bytes),
            Err(finding) => Err(Error::Input {
                findings: vec![finding],
            }),
        }
    }

    /// Reads a model from a workbook's bytes; `name` (the file's name) is what findings name.
    pub fn load_workbook_bytes(&self, name: &str, bytes: &[u8]) -> Result<Loaded, Error> {
        let mut workbook = match open(name, bytes) {
            Ok(workbook) => workbook,
            Err(expected) => {
                let finding = Finding::new(Kind::Workbook, None, "", name, expected);
                return Err(Error::Input {
                    findings: vec![finding],
                });
            }
        };
        let mut findings = Vec::new();
        let mut tables: Vec<Table> = Vec::new();
        let mut refused: Vec<&str> = Vec::new();
        for sheet in workbook.sheets_metadata().to_vec() {
            let Some(index) = Loader::SHEETS.iter().position(|s| *s == sheet.name) else {
                let meant = files::near_miss(&sheet.name, &Loader::SHEETS);
                if let Some(meant) =
                    meant.filter(|m| !workbook.sheet_names().iter().any(|n| n == m))
                {
                    let expected = format!("is not a sheet of the model: did you mean {meant}?");
                    findings.push(Finding::new(
                        Kind::UnknownFile,
                        None,
                        "",
                        format!("{name}, sheet {}", sheet.name),
                        expected,
                    ));
                }
                continue;
            };
            let shown = format!("{name}, sheet {}", sheet.name);
            if sheet.visible != SheetVisible::Visible {
                let expected = "is a hidden sheet: the model would read figures no one sees in the workbook; unhide it (right-click a sheet tab, Unhide) or delete it";
                findings.push(Finding::new(Kind::Workbook, None, "", &shown, expected));
            }
            let range = match workbook.worksheet_range(&sheet.name) {
                Ok(range) => range,
                Err(error) => {
                    let expected = format!("cannot be read as a sheet of cells: {error}");
                    findings.push(Finding::new(Kind::Workbook, None, "", &shown, expected));
                    refused.push(FILES[index]);
                    continue;
                }
            };
            // A sheet without formulas may have no formula part at all: nothing to report.
            let formulas = workbook.worksheet_formula(&sheet.name).unwrap_or_default();
            let merged = merged_cells(&mut workbook, &sheet.name);
            tables.push(Table::read(FILES[index], shown, &range, &formulas, &merged));
        }
        for (index, sheet) in Loader::SHEETS.iter().enumerate() {
            let table = FILES[index];
            let there = tables.iter().any(|t| t.place.table == table) || refused.contains(&table);
            if !there && !OPTIONAL.contains(&table) {
                let expected = format!("is missing from {name}: the model needs this sheet");
                findings.push(Finding::new(Kind::MissingFile, None, "", *sheet, expected));
                refused.push(table);
            }
        }
        let mut labels = FastMap::default();
        let mut texts = Vec::with_capacity(tables.len());
        let mut places = Vec::with_capacity(tables.len());
        for table in tables {
            findings.extend(table.findings);
            labels.insert(table.place.file.clone(), table.letters);
            texts.push((table.place.table, table.text));
            places.push(table.place);
        }
        let texts: Vec<(&str, &[u8])> = texts.iter().map(|(n, t)| (*n, t.as_slice())).collect();
        let located = |findings| located(findings, &labels);
        match self.load_tables(&texts, findings, &refused, places) {
            Ok(mut loaded) => {
                if loaded.model.region.name.is_empty() {
                    loaded.model.region.name = stem(name);
                }
                loaded.findings = located(loaded.findings);
                Ok(loaded)
            }
            Err(Error::Input { findings }) => Err(Error::Input {
                findings: located(findings),
            }),
            Err(other) => Err(other),
        }
    }
}

/// The workbook in `bytes`, by the format its name says (or the one it turns out to be), or
/// why it cannot be opened.
fn open<'b>(name: &str, bytes: &'b [u8]) -> Result<Sheets<Cursor<&'b [u8]>>, String> {
    use calamine::{Ods, OdsError, Xls, XlsError, Xlsb, XlsbError, Xlsx, XlsxError};
    use calamine::{open_workbook_auto_from_rs, open_workbook_from_rs};
    let data = Cursor::new(bytes);
    let extension = Path::new(name)
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    let (opened, password) = match extension.as_str() {
        "xlsx" | "xlsm" => match open_workbook_from_rs::<Xlsx<_>, _>(data) {
            Ok(book) => return Ok(Sheets::Xlsx(book)),
            Err(error) => (error.to_string(), matches!(error, XlsxError::Password)),
        },
        "ods" => match open_workbook_from_rs::<Ods<_>, _>(data) {
            Ok(book) => return Ok(Sheets::Ods(book)),
            Err(error) => (error.to_string(), matches!(error, OdsError::Password)),
        },
        "xls" => match open_workbook_from_rs::<Xls<_>, _>(data) {
            Ok(book) => return Ok(Sheets::Xls(book)),
            Err(error) => (error.to_string(), matches!(error, XlsError::Password)),
        },
        "xlsb" => match open_workbook_from_rs::<Xlsb<_>, _>(data) {
            Ok(book) => return Ok(Sheets::Xlsb(book)),
            Err(error) => (error.to_string(), matches!(error, XlsbError::Password)),
        },
        _ => match open_workbook_auto_from_rs(data) {
            Ok(book) => return Ok(book),
            Err(error) => (error.to_string(), false),
        },
    };
    Err(if password {
        "is password-protected: the model cannot read an encrypted workbook; save a copy without a password (File, Info, Protect Workbook, Encrypt with Password: clear it)".to_string()
    } else {
        format!(
            "cannot be opened as a workbook ({opened}): the file may be corrupt or cut off, or not a workbook; open it in Excel and save it again as .xlsx"
        )
    })
}

/// The merged ranges of a sheet (the formats that record them).
fn merged_cells(workbook: &mut Sheets<Cursor<&[u8]>>, sheet: &str) -> Vec<Dimensions> {
    match workbook {
        Sheets::Xlsx(book) => book.merge_cells_by_sheet_name(sheet).unwrap_or_default(),
        Sheets::Xls(book) => book.merge_cells_by_sheet_name(sheet).unwrap_or_default(),
        Sheets::Xlsb(_) | Sheets::Ods(_) => Vec::new(),
    }
}

/// One sheet as the canonical CSV text of its cells, where its lines were, and the findings
/// about cells that hold no value.
struct Table {
    place: Place,
    text: Vec<u8>,
    /// The column letter of each header.
    letters: FastMap<String, String>,
    findings: Vec<Finding>,
}

impl Table {
    fn read(
        table: &'static str,
        shown: String,
        range: &Range<Data>,
        formulas: &Range<String>,
        merged: &[Dimensions],
    ) -> Table {
        let (top, left) = range.start().unwrap_or_default();
        let mut writer = csv::WriterBuilder::new()
            .flexible(true)
            .terminator(csv::Terminator::Any(b'\n'))
            .from_writer(Vec::new());
        let mut rows = Vec::new();
        // Cells that hold no value: (row, column, the value shown, why it is refused).
        let mut refused: Vec<(u32, u32, String, &str)> = Vec::new();
        let mut headers: Vec<(u32, String)> = Vec::new();
        let mut fields: Vec<String> = Vec::new();
        for (offset, cells) in range.rows().enumerate() {
            let row = top.saturating_add(u32::try_from(offset).unwrap_or(u32::MAX));
            fields.clear();
            for (column, cell) in cells.iter().enumerate() {
                let column = left.saturating_add(u32::try_from(column).unwrap_or(u32::MAX));
                let (field, problem) = field(cell);
                if let Some(why) = problem {
                    refused.push((row, column, field.clone(), why));
                }
                fields.push(field);
            }
            if fields.iter().all(|f| f.trim().is_empty()) {
                continue;
            }
            if headers.is_empty() {
                headers = (left..)
                    .zip(fields.iter().map(|f| f.trim().to_string()))
                    .collect();
            }
            let before = writer.get_ref().len();
            if writer.write_record(&fields).is_err() || writer.flush().is_err() {
                continue; // writing into memory does not fail
            }
            let lines = line_ends(&writer.get_ref()[before..]);
            rows.extend(std::iter::repeat_n(u64::from(row) + 1, lines));
        }
        for cell in formulas.used_cells() {
            let (row, column, formula) = cell;
            if formula.is_empty() {
                continue;
            }
            let (start_row, start_column) = formulas.start().unwrap_or_default();
            let row = start_row.saturating_add(u32::try_from(row).unwrap_or(u32::MAX));
            let column = start_column.saturating_add(u32::try_from(column).unwrap_or(u32::MAX));
            let value = format!("={formula}");
            refused.push((row, column, value, FORMULA));
        }
        for region in merged {
            let (start, end) = (region.start, region.end);
            let value = format!("{}:{}", cell_name(start), cell_name(end));
            refused.push((start.0, start.1, value, MERGED));
        }
        let header = |column: u32| {
            let name = headers.iter().find(|(c, _)| *c == column).map(|(_, h)| h);
            label(column, name.map(String::as_str).unwrap_or(""))
        };
        let findings = refused
            .into_iter()
            .map(|(row, column, value, why)| {
                let origin = Origin {
                    file: shown.clone(),
                    line: u64::from(row) + 1,
                };
                Finding::new(Kind::Workbook, Some(&origin), &header(column), value, why)
            })
            .collect();
        let letters = headers
            .iter()
            .rev() // the first of a header named twice wins
            .map(|(column, name)| (name.clone(), column_letters(*column)))
            .collect();
        Table {
            place: Place {
                table,
                file: shown,
                rows,
            },
            text: writer.into_inner().unwrap_or_default(),
            letters,
            findings,
        }
    }
}

const FORMULA: &str = "is a formula: the tables hold values, each with its source; write the value itself (copy, Paste Special, Values), or the calculation as an effect's formula";
const DATE: &str = "is a date or time: no column holds one; write a year as a number (2032), anything else as text";
const ERROR_VALUE: &str = "is an error value: write the value the cell should hold";
const MERGED: &str = "are merged cells: the model reads one value per cell, and a merged cell leaves the others empty; unmerge them (Merge & Center, Unmerge Cells)";

/// A cell as a CSV field, and why it holds no value the model reads, if so.
fn field(cell: &Data) -> (String, Option<&'static str>) {
    match cell {
        Data::Empty => (String::new(), None),
        Data::String(text) => (text.clone(), None),
        // Rust prints a binary number as the shortest decimal that reads back as it, never in
        // exponent form: the decimal the cell shows, which the CSV rules then read exactly.
        Data::Float(number) => (number.to_string(), None),
        Data::Int(number) => (number.to_string(), None),
        Data::Bool(true) => ("TRUE".to_string(), None),
        Data::Bool(false) => ("FALSE".to_string(), None),
        Data::DateTime(date) => (date.to_string(), Some(DATE)),
        Data::DateTimeIso(text) | Data::DurationIso(text) => (text.clone(), Some(DATE)),
        Data::Error(error) => (error.to_string(), Some(ERROR_VALUE)),
    }
}

/// The findings of a workbook's load, each column named by letter and header, and none beside
/// a cell refused already (a formula cell's value is not also "not a number").
fn located(
    mut findings: Vec<Finding>,
    letters: &FastMap<String, FastMap<String, String>>,
) -> Vec<Finding> {
    for finding in &mut findings {
        if finding.kind == Kind::Workbook {
            continue;
        }
        let sheet = finding.origin.as_ref().and_then(|o| letters.get(&o.file));
        if let (Some(sheet), Some(column)) = (sheet, finding.column.as_mut())
            && let Some(letter) = sheet.get(column.as_str())
        {
            *column = format!("{letter}: {column}");
        }
    }
    let cells: FastSet<(Option<Origin>, Option<String>)> = findings
        .iter()
        .filter(|f| f.kind == Kind::Workbook && f.origin.is_some())
        .map(|f| (f.origin.clone(), f.column.clone()))
        .collect();
    findings.retain(|f| {
        f.kind == Kind::Workbook || !cells.contains(&(f.origin.clone(), f.column.clone()))
    });
    findings.sort();
    findings
}

/// `C: value`, or `C` for a column without a header.
fn label(column: u32, header: &str) -> String {
    let letters = column_letters(column);
    if header.is_empty() {
        letters
    } else {
        format!("{letters}: {header}")
    }
}

/// A column's letters as Excel shows them: 0 is A, 25 Z, 26 AA.
pub(crate) fn column_letters(column: u32) -> String {
    let mut letters = Vec::new();
    let mut rest = u64::from(column) + 1;
    while rest > 0 {
        let digit = u8::try_from((rest - 1) % 26).unwrap_or(0);
        letters.push(char::from(b'A' + digit));
        rest = (rest - 1) / 26;
    }
    letters.iter().rev().collect()
}

/// A cell's name (`C5`) from its 0-based row and column.
fn cell_name((row, column): (u32, u32)) -> String {
    format!("{}{}", column_letters(column), u64::from(row) + 1)
}

/// The line ends in CSV text, counted as the loader counts them (LF, CRLF, or CR alone).
fn line_ends(bytes: &[u8]) -> usize {
    let lone_cr = |i: usize| bytes[i] == b'\r' && bytes.get(i + 1) != Some(&b'\n');
    (0..bytes.len())
        .filter(|&i| bytes[i] == b'\n' || lone_cr(i))
        .count()
}

/// A file name without its extension.
fn stem(name: &str) -> String {
    Path::new(name)
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_are_lettered_as_excel_does() {
        assert_eq!(column_letters(0), "A");
        assert_eq!(column_letters(25), "Z");
        assert_eq!(column_letters(26), "AA"); // 26 letters, then two
        assert_eq!(column_letters(16383), "XFD"); // Excel's last column
        assert_eq!(cell_name((4, 2)), "C5");
    }

    #[test]
    fn a_binary_number_is_the_decimal_it_shows() {
        // 0.1 is stored as 0.1000000000000000055511151231257827...; it shows as 0.1.
        assert_eq!(field(&Data::Float(0.1)).0, "0.1");
        assert_eq!(field(&Data::Float(0.1 + 0.2)).0, "0.30000000000000004");
        assert_eq!(field(&Data::Float(4500.0)).0, "4500");
        assert_eq!(field(&Data::Float(1e-7)).0, "0.0000001"); // never 1e-7
        assert_eq!(field(&Data::Float(0.35)).0, "0.35"); // a cell showing 35%
    }
}
