//! A workbook -> [`Model`] (feature `xlsx`): each sheet becomes the canonical CSV text of its
//! cells, read by the [`Loader`] as a file is, so that every rule, check and finding is the CSV
//! files' own; see [`Loader::load_workbook`] for what is read and refused.

use crate::error::{Error, Finding, Kind, Origin};
use crate::hash::{FastMap, FastSet};
use crate::input::loader::{FILES, Loaded, Loader, OPTIONAL, Place, files};

use calamine::{Cell, Data, DataRef, Dimensions, Range, Reader as _, SheetVisible, Sheets};
use std::io::{Cursor, Read as _};
use std::path::Path;

/// The most rows a sheet's used cells may span, from the first to the last: a hundred times
/// the largest table of a regional plan (some hundreds of effects).
const MAX_ROWS: u64 = 100_000;

/// The most cells the rectangle of a sheet's used cells may hold (some 32 MB in memory): ten
/// columns of `MAX_ROWS` rows. Two cells at opposite corners of a sheet would ask for 17 billion.
const MAX_CELLS: u64 = 1_000_000;

/// The most times a part of a workbook larger than [`PACKED_FLOOR`] may be compressed: the
/// sheets of Limburg's results workbook compress 3 to 7 times, a zip bomb a thousand.
const MAX_RATIO: u64 = 100;

/// The size from which a part's compression ratio is checked: small parts of repeated
/// markup compress well and are harmless.
const PACKED_FLOOR: u64 = 1024 * 1024;

/// The most parts a workbook may have: a workbook of a dozen sheets has some fifty.
const MAX_PARTS: usize = 10_000;

/// How many times the loader's file size limit all parts of a workbook may unpack to together.
const UNPACKED_FILES: u64 = 4;

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
    /// CSV files' own. Findings name the workbook, sheet and row (`plan.xlsx, sheet "parameters",
    /// row 4`), and the column by letter and header (`C: value`).
    ///
    /// - A number cell is the exact decimal it shows: the shortest decimal that reads back as the
    ///   stored binary number (0.1 stays 0.1, never 0.1000000000000000055…). A cell formatted as a
    ///   percentage holds the fraction (35% is 0.35), which is what `35%` means in a CSV file.
    /// - A text cell is read as a CSV field is, in the canonical format: `1.5` and `20%` are numbers,
    ///   `1,5` is refused as a number (it could mean 15 or 1.5).
    /// - A formula, a date, a time or an error value (`#DIV/0!`) in any cell of a table, merged
    ///   cells, and a hidden sheet the model would read, are errors: the tables hold values, each
    ///   visible and with its source.
    /// - A boolean cell (TRUE, FALSE) is `yes` or `no` in a column that takes them (parameters'
    ///   `assumption`); anywhere else it is an error that says it is a boolean.
    /// - A workbook that cannot be opened (password-protected, corrupt) is an error naming it.
    /// - A workbook is refused, before any of it is unpacked, when it is larger than the loader's
    ///   file size limit (64 MiB unless [`Loader::max_file_size`] says otherwise), or when its zip
    ///   directory declares a part (a sheet's XML) that unpacks to more than that limit, parts
    ///   that unpack to more than four times it together, a part over 1 MiB compressed more than
    ///   100 times (a zip bomb), or more than 10,000 parts. A sheet whose used cells span more
    ///   than 100,000 rows, or a rectangle of more than 1,000,000 cells, is refused at the cell
    ///   that goes beyond, before its cells are made; a legacy `.xls`, whose sheets calamine
    ///   makes as it opens it, has its records walked first for the same limits, for a
    ///   Dimensions record declaring more cells, and for at most 1,000 sheets (see the README).
    ///   Each is a [`Kind::TooLarge`](crate::Kind::TooLarge) finding.
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
        let refuse = |findings| Err(Error::Input { findings });
        let size = u64::try_from(bytes.len()).unwrap_or(u64::MAX);
        if size > self.max_file_size {
            let expected = files::too_large(size, self.max_file_size);
            return refuse(vec![Finding::new(Kind::TooLarge, None, "", name, expected)]);
        }
        let mut findings = unpacked_sizes(name, bytes, self.max_file_size);
        findings.extend(legacy_sheets(name, bytes, self.max_file_size));
        if !findings.is_empty() {
            return refuse(findings);
        }
        let opened = guarded(|| open(name, bytes)).unwrap_or_else(|why| {
            Err(format!(
                "cannot be opened as a workbook (its reader stopped: {why}): the file may be corrupt or cut off; open it in Excel and save it again as .xlsx"
            ))
        });
        let mut workbook = match opened {
            Ok(workbook) => workbook,
            Err(expected) => {
                return refuse(vec![Finding::new(Kind::Workbook, None, "", name, expected)]);
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
            let named = format!("{name}, sheet {}", sheet.name);
            let shown = Origin::sheet(name, &sheet.name);
            if sheet.visible != SheetVisible::Visible {
                let expected = "is a hidden sheet: the model would read figures no one sees in the workbook; unhide it (right-click a sheet tab, Unhide) or delete it";
                findings.push(Finding::new(Kind::Workbook, None, "", &named, expected));
            }
            let read = guarded(|| cells(&mut workbook, &sheet.name));
            let (range, formulas) = match read.unwrap_or_else(|why| Err(Unread::Broken(why))) {
                Ok(cells) => cells,
                Err(Unread::Beyond(beyond)) => {
                    findings.push(beyond.finding(&shown));
                    refused.push(FILES[index]);
                    continue;
                }
                Err(Unread::Broken(error)) => {
                    let expected = format!("cannot be read as a sheet of cells: {error}");
                    findings.push(Finding::new(Kind::Workbook, None, "", &named, expected));
                    refused.push(FILES[index]);
                    continue;
                }
            };
            let merged = guarded(|| merged_cells(&mut workbook, &sheet.name)).unwrap_or_default();
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

/// Findings about the parts of a zip workbook (`.xlsx`, `.xlsm`, `.xlsb`, `.ods`) that would
/// unpack beyond the limits, read from the sizes its central directory declares before anything
/// is unpacked (the zip reader stops a part at its declared size, so a part cannot unpack to
/// more than it declares), then about the sheets of an OpenDocument workbook that span more
/// than a sheet may. Nothing for a file that is no zip: opening it says what it is.
fn unpacked_sizes(name: &str, bytes: &[u8], limit: u64) -> Vec<Finding> {
    let Ok(mut archive) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        return Vec::new();
    };
    if archive.len() > MAX_PARTS {
        let parts = archive.len();
        let expected = format!("has {parts} parts, more than the {MAX_PARTS} a workbook may have");
        return vec![too_large(name.to_string(), expected)];
    }
    let mut findings = Vec::new();
    let mut total: u64 = 0;
    for index in 0..archive.len() {
        let Ok(part) = archive.by_index_data(index) else {
            continue; // a corrupt directory entry: opening the workbook says so
        };
        let (size, packed) = (part.size(), part.compressed_size());
        total = total.saturating_add(size);
        let shown = || format!("{name}, part {}", String::from_utf8_lossy(part.name_raw()));
        if size > limit {
            let expected = format!(
                "unpacks to {size} bytes, more than the limit of {limit} bytes for one part (the loader's file size limit)"
            );
            findings.push(too_large(shown(), expected));
        } else if size > PACKED_FLOOR && size / packed.max(1) > MAX_RATIO {
            let expected = format!(
                "unpacks to {size} bytes from {packed}, compressed more than the {MAX_RATIO} times a workbook's part may be (a zip bomb?)"
            );
            findings.push(too_large(shown(), expected));
        }
    }
    let most = limit.saturating_mul(UNPACKED_FILES);
    if findings.is_empty() && total > most {
        let expected = format!(
            "unpacks to {total} bytes together, more than the limit of {most} bytes ({UNPACKED_FILES} times the loader's file size limit)"
        );
        findings.push(too_large(name.to_string(), expected));
    }
    // An OpenDocument workbook's sheets are all made when it is opened: their spans first.
    if let (true, Ok(part)) = (findings.is_empty(), archive.by_name("content.xml")) {
        let mut content = Vec::new();
        // Within the part limit checked above: the zip reader stops at the declared size.
        if part.take(limit).read_to_end(&mut content).is_ok() {
            findings.extend(opendocument_spans(name, &content));
        }
    }
    findings.sort();
    findings
}

/// Runs a step of calamine's reading, a panic turned into an error. Its parsers index the
/// records of a corrupt legacy `.xls` without checking their length, and a panic there must
/// not end the caller's process: the workbook or sheet is refused as corrupt instead. (The
/// panic's message still reaches standard error, through the panic hook the program set.)
fn guarded<T>(step: impl FnOnce() -> T) -> Result<T, String> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(step)).map_err(|panic| {
        let text = (panic.downcast_ref::<&str>().map(|s| s.to_string()))
            .or_else(|| panic.downcast_ref::<String>().cloned());
        text.unwrap_or_else(|| "a malformed record".to_string())
    })
}

/// A workbook, part or sheet refused for its size, and what would make it fit.
fn too_large(value: String, expected: String) -> Finding {
    let expected = format!(
        "{expected}: a workbook of a regional plan is far smaller; save the tables alone in a new workbook"
    );
    Finding::new(Kind::TooLarge, None, "", value, expected)
}

/// The first bytes of an OLE compound file, which a legacy `.xls` is.
const COMPOUND_FILE: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// The most sheets a legacy workbook may name (a plan's workbook has a dozen).
const MAX_SHEETS: usize = 1_000;

/// Findings about a legacy `.xls` whose sheets calamine could not make within the limits. It
/// reads every sheet as it opens the workbook: it reserves room for the cells a sheet's
/// Dimensions record declares, makes the rectangle of the sheet's used cells, and starts a
/// sheet wherever the workbook's BoundSheet8 record says, trusting each (a few bytes can ask for
/// terabytes, which ends the process, or a start past the end, which panics). So the workbook
/// stream's records are walked first, as calamine walks them: per sheet its start, its declared
/// and its used cells against the limits of a sheet; all sheets' records together within
/// [`UNPACKED_FILES`] times the file size limit. A container cfb cannot read is refused as
/// corrupt; nothing for a file that is no compound file, or holds no workbook stream (an
/// encrypted workbook): opening it says what it is.
fn legacy_sheets(name: &str, bytes: &[u8], limit: u64) -> Vec<Finding> {
    if !bytes.starts_with(&COMPOUND_FILE) {
        return Vec::new();
    }
    let unreadable = |error: std::io::Error| {
        let expected = format!(
            "is a compound file (a legacy .xls) that cannot be read ({error}): the file may be corrupt or cut off; open it in Excel and save it again as .xlsx"
        );
        vec![Finding::new(Kind::Workbook, None, "", name, expected)]
    };
    // calamine reads some broken containers that cfb refuses (a sector chain pointing past the
    // end of the file): those are refused here, for their records cannot be walked.
    let mut file = match cfb::CompoundFile::open(Cursor::new(bytes)) {
        Ok(file) => file,
        Err(error) => return unreadable(error),
    };
    let Some(path) = ["Workbook", "Book"].into_iter().find(|p| file.is_stream(p)) else {
        return Vec::new();
    };
    let corrupt = |value: String, expected: &str| {
        let expected =
            format!("{expected}: the file is corrupt; open it in Excel and save it again as .xlsx");
        Finding::new(Kind::Workbook, None, "", value, expected)
    };
    let declared = file.entry(path).map_or(0, |entry| entry.len());
    if declared > limit {
        let expected = format!(
            "holds a workbook stream of {declared} bytes, more than the limit of {limit} bytes (the loader's file size limit)"
        );
        return vec![too_large(name.to_string(), expected)];
    }
    let mut stream = Vec::new();
    let read = file
        .open_stream(path)
        .and_then(|part| part.take(limit).read_to_end(&mut stream));
    if let Err(error) = read {
        return unreadable(error);
    }
    // The globals, up to their EOF: where each sheet starts, and its name.
    let mut sheets = Vec::new();
    for (kind, data) in Records(&stream) {
        match kind {
            0x0085 if data.len() >= 4 => {
                let start = u32::from_le_bytes([data[0], data[1], data[2], data[3]]);
                sheets.push((start as usize, sheet_name(data, sheets.len())));
            }
            0x000A => break,
            _ => {}
        }
    }
    if sheets.len() > MAX_SHEETS {
        let expected = format!(
            "names {} sheets, more than the {MAX_SHEETS} a workbook may have",
            sheets.len()
        );
        return vec![too_large(name.to_string(), expected)];
    }
    let mut findings = Vec::new();
    let mut budget = limit.saturating_mul(UNPACKED_FILES);
    for (start, sheet) in sheets {
        let shown = Origin::sheet(name, &sheet);
        let Some(records) = stream.get(start..) else {
            findings.push(corrupt(
                shown,
                "starts beyond the end of the workbook's records",
            ));
            continue;
        };
        match legacy_sheet(records, &mut budget) {
            Ok(()) => {}
            Err(Legacy::Beyond(beyond)) => findings.push(beyond.finding(&shown)),
            Err(Legacy::Corrupt(why)) => findings.push(corrupt(shown, why)),
            Err(Legacy::Declared(rows, columns)) => {
                let expected = format!(
                    "declares {rows} rows by {columns} columns (its Dimensions record), beyond the limit of {MAX_CELLS} cells a sheet may span"
                );
                findings.push(too_large(shown, expected));
            }
            Err(Legacy::Budget) => {
                let most = limit.saturating_mul(UNPACKED_FILES);
                let expected = format!(
                    "has more than {most} bytes of sheet records together ({UNPACKED_FILES} times the loader's file size limit)"
                );
                findings.push(too_large(name.to_string(), expected));
                break;
            }
        }
    }
    findings
}

/// Why a legacy workbook's sheet is refused before it is opened: a cell beyond the limits, a
/// record that is corrupt, a Dimensions record declaring (rows, columns) beyond the limits, or
/// more records than may be walked.
enum Legacy {
    Beyond(Beyond),
    Corrupt(&'static str),
    Declared(u64, u64),
    Budget,
}

impl From<Beyond> for Legacy {
    fn from(beyond: Beyond) -> Legacy {
        Legacy::Beyond(beyond)
    }
}

/// Walks one sheet's records, from its BOF to its EOF as calamine does (skipping the records of
/// a chart or other substream within it), taking its cells' positions into its span and its
/// Dimensions record's declared cells; `budget` is the bytes of records still to walk.
fn legacy_sheet(records: &[u8], budget: &mut u64) -> Result<(), Legacy> {
    let mut span = Span::default();
    let (mut seen_bof, mut depth) = (false, 0usize);
    let at = |data: &[u8], offset: usize| {
        u32::from(u16::from_le_bytes([data[offset], data[offset + 1]]))
    };
    for (kind, data) in Records(records) {
        let size = data.len() as u64 + 4;
        *budget = budget.checked_sub(size).ok_or(Legacy::Budget)?;
        if depth > 0 {
            match kind {
                0x0809 => depth += 1,
                0x000A => depth -= 1,
                _ => {}
            }
            continue;
        }
        match kind {
            0x0809 if seen_bof => depth += 1,
            0x0809 => seen_bof = true,
            0x000A => break,
            0x0200 => declared(data)?,
            // Number, Label, RString, BoolErr, Rk, LabelSst, Formula: a cell at (row, column).
            0x0203 | 0x0204 | 0x00D6 | 0x0205 | 0x027E | 0x00FD | 0x0006 if data.len() >= 4 => {
                span.take((at(data, 0), at(data, 2)))?;
            }
            // MulRk: a row's cells from a first to a last column.
            0x00BD if data.len() >= 6 => {
                let (row, first, last) = (at(data, 0), at(data, 2), at(data, data.len() - 2));
                // Six bytes a cell between the row and first column and the last column.
                let cells = (last + 1).checked_sub(first).map(|n| 6 + 6 * n as usize);
                if cells != Some(data.len()) {
                    return Err(Legacy::Corrupt(
                        "has a run of cells whose columns do not match its length",
                    ));
                }
                span.take((row, first))?;
                span.take((row, last))?;
            }
            _ => {}
        }
    }
    Ok(())
}

/// Checks a Dimensions record: the rows and columns calamine reserves room for, as it reads
/// them (BIFF8's 32-bit rows, or earlier formats' 16-bit ones; a first column past the 256th
/// taken as the first).
fn declared(data: &[u8]) -> Result<(), Legacy> {
    let u16_at = |offset: usize| u32::from(u16::from_le_bytes([data[offset], data[offset + 1]]));
    let u32_at = |offset: usize| {
        u32::from_le_bytes([
            data[offset],
            data[offset + 1],
            data[offset + 2],
            data[offset + 3],
        ])
    };
    let (first_row, rows_end, mut first_column, columns_end) = match data.len() {
        10 => (u16_at(0), u16_at(2), u16_at(4), u16_at(6)),
        14 | 16 => (u32_at(0), u32_at(4), u16_at(8), u16_at(10)),
        _ => return Ok(()), // calamine refuses the record itself
    };
    if first_column > 0xFF || columns_end < first_column {
        first_column = 0;
    }
    if rows_end == 0 || columns_end == 0 {
        return Ok(()); // one cell
    }
    if rows_end - 1 < first_row || columns_end - 1 < first_column {
        return Err(Legacy::Corrupt(
            "declares its last row or column before its first",
        ));
    }
    let rows = u64::from(rows_end - first_row);
    let columns = u64::from(columns_end - first_column);
    match rows.saturating_mul(columns) > MAX_CELLS {
        true => Err(Legacy::Declared(rows, columns)),
        false => Ok(()),
    }
}

/// A sheet's name as a BoundSheet8 record gives it (BIFF8: a length, a flag for two bytes a
/// character, the characters), or its place among the sheets when it gives none that reads.
fn sheet_name(data: &[u8], index: usize) -> String {
    let fallback = || format!("{}", index + 1);
    let (Some(&length), Some(&flags)) = (data.get(6), data.get(7)) else {
        return fallback();
    };
    let length = usize::from(length);
    let text = &data[8.min(data.len())..];
    match flags & 1 {
        0 => text
            .get(..length)
            .map(|t| t.iter().map(|&b| char::from(b)).collect()),
        _ => text.get(..2 * length).map(|t| {
            let units = t.chunks_exact(2).map(|c| u16::from_le_bytes([c[0], c[1]]));
            char::decode_utf16(units)
                .map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER))
                .collect()
        }),
    }
    .unwrap_or_else(fallback)
}

/// The records of a BIFF stream, as (type, data), in order: each a type and a length of two
/// bytes, then its data. Ends at the end of the stream or at a record cut off.
struct Records<'s>(&'s [u8]);

impl<'s> Iterator for Records<'s> {
    type Item = (u16, &'s [u8]);

    fn next(&mut self) -> Option<(u16, &'s [u8])> {
        let header = self.0.get(..4)?;
        let kind = u16::from_le_bytes([header[0], header[1]]);
        let length = usize::from(u16::from_le_bytes([header[2], header[3]]));
        let data = self.0.get(4..4 + length)?;
        self.0 = &self.0[4 + length..];
        Some((kind, data))
    }
}

/// Findings about the sheets of an OpenDocument workbook's `content.xml` whose cells span more
/// than a sheet may, where `table:number-columns-repeated` and `table:number-rows-repeated` make
/// many cells of a few bytes: found as calamine counts rows and columns, before it makes them.
/// A cell counts when it holds a value, a formula or any content.
fn opendocument_spans(name: &str, content: &[u8]) -> Vec<Finding> {
    let mut findings = Vec::new();
    let mut sheet = String::new();
    let mut span = Some(Span::default()); // None once the sheet is refused
    let (mut row, mut column, mut rows) = (0u64, 0u64, 1u64);
    let position = |row: u64, column: u64| {
        let clamp = |n: u64| u32::try_from(n).unwrap_or(u32::MAX);
        (clamp(row), clamp(column))
    };
    let mut rest = content;
    while let Some(open) = rest.iter().position(|&b| b == b'<') {
        let tag = &rest[open + 1..];
        let end = tag.iter().position(|&b| b == b'>').unwrap_or(tag.len());
        let (tag, after) = (&tag[..end], &tag[(end + 1).min(tag.len())..]);
        rest = after;
        let closed = tag.ends_with(b"/");
        let name_end = tag
            .iter()
            .position(|b| b.is_ascii_whitespace() || *b == b'/' && tag.first() != Some(&b'/'))
            .unwrap_or(tag.len());
        let repeated = |attribute| number(attribute_value(tag, attribute)).unwrap_or(1);
        match &tag[..name_end] {
            b"table:table" => {
                let shown = attribute_value(tag, "table:name").unwrap_or_default();
                sheet = String::from_utf8_lossy(shown).into_owned();
                span = Some(Span::default());
                row = 0;
            }
            b"table:table-row" => {
                rows = repeated("table:number-rows-repeated");
                column = 0;
                if closed {
                    row = row.saturating_add(rows);
                }
            }
            b"/table:table-row" => row = row.saturating_add(rows),
            b"table:table-cell" | b"table:covered-table-cell" => {
                let columns = repeated("table:number-columns-repeated");
                let holds = !closed
                    || attribute_value(tag, "office:value-type").is_some()
                    || attribute_value(tag, "table:formula").is_some();
                if let (true, Some(taken)) = (holds, span.as_mut()) {
                    let last = (
                        row.saturating_add(rows.max(1) - 1),
                        column.saturating_add(columns.max(1) - 1),
                    );
                    let taken = taken
                        .take(position(row, column))
                        .and_then(|()| taken.take(position(last.0, last.1)));
                    if let Err(beyond) = taken {
                        findings.push(beyond.finding(&Origin::sheet(name, &sheet)));
                        span = None;
                    }
                }
                column = column.saturating_add(columns);
            }
            _ => {}
        }
    }
    findings
}

/// The value of an attribute of an XML start tag (the bytes between its quotes).
fn attribute_value<'t>(tag: &'t [u8], attribute: &str) -> Option<&'t [u8]> {
    let attribute = attribute.as_bytes();
    let at = tag.windows(attribute.len() + 2).position(|w| {
        w[0].is_ascii_whitespace()
            && &w[1..=attribute.len()] == attribute
            && w[attribute.len() + 1] == b'='
    })?;
    let value = &tag[at + attribute.len() + 2..];
    let quote = *value.first()?;
    let value = &value[1..];
    Some(&value[..value.iter().position(|&b| b == quote)?])
}

/// A count written in an attribute; `None` for anything else.
fn number(value: Option<&[u8]>) -> Option<u64> {
    std::str::from_utf8(value?).ok()?.trim().parse().ok()
}

/// A sheet's values and formulas, read a cell at a time where the format allows, and refused
/// at the first cell beyond the limits before the sheet's rectangle is allocated.
fn cells(
    workbook: &mut Sheets<Cursor<&[u8]>>,
    sheet: &str,
) -> Result<(Range<Data>, Range<String>), Unread> {
    let mut span = Span::default();
    let mut values = Vec::new();
    let mut formulas = Vec::new();
    let mut take = |pos, value: DataRef<'_>, formula: Option<String>| {
        if let Some(formula) = formula.filter(|f| !f.is_empty()) {
            span.take(pos)?;
            formulas.push(Cell::new(pos, formula));
        }
        if !matches!(value, DataRef::Empty) {
            span.take(pos)?;
            values.push(Cell::new(pos, Data::from(value)));
        }
        Ok::<(), Beyond>(())
    };
    match workbook {
        Sheets::Xlsx(book) => {
            let mut reader = book.worksheet_cells_reader(sheet).map_err(Unread::broken)?;
            while let Some(cell) = reader.next_cell_with_formula().map_err(Unread::broken)? {
                take(cell.pos, cell.value, cell.formula)?;
            }
        }
        Sheets::Xlsb(book) => {
            // Values and formulas are separate records: two passes over the sheet.
            {
                let mut reader = book.worksheet_cells_reader(sheet).map_err(Unread::broken)?;
                while let Some(cell) = reader.next_cell().map_err(Unread::broken)? {
                    take(cell.get_position(), cell.get_value().clone(), None)?;
                }
            }
            let mut reader = book.worksheet_cells_reader(sheet).map_err(Unread::broken)?;
            while let Some(cell) = reader.next_formula().map_err(Unread::broken)? {
                let formula = Some(cell.get_value().clone());
                take(cell.get_position(), DataRef::Empty, formula)?;
            }
        }
        // Read whole when the workbook was opened (an `.ods` checked before): the rectangle is
        // there already, and its corners are checked all the same, so that no larger sheet is
        // turned into text.
        Sheets::Xls(_) | Sheets::Ods(_) => {
            let range = workbook.worksheet_range(sheet).map_err(Unread::broken)?;
            // A sheet without formulas may have no formula part at all: nothing to report.
            let formulas = workbook.worksheet_formula(sheet).unwrap_or_default();
            let corners = [range.start(), range.end(), formulas.start(), formulas.end()];
            for corner in corners.into_iter().flatten() {
                span.take(corner)?;
            }
            return Ok((range, formulas));
        }
    }
    Ok((Range::from_sparse(values), Range::from_sparse(formulas)))
}

/// Why a sheet's cells were not read: a cell beyond the limits, or the workbook's error.
enum Unread {
    Beyond(Beyond),
    Broken(String),
}

impl Unread {
    fn broken(error: impl std::fmt::Display) -> Unread {
        Unread::Broken(error.to_string())
    }
}

impl From<Beyond> for Unread {
    fn from(beyond: Beyond) -> Unread {
        Unread::Beyond(beyond)
    }
}

/// The rectangle of a sheet's used cells so far: its first and last row and column.
#[derive(Default)]
struct Span(Option<((u32, u32), (u32, u32))>);

/// A cell that takes a sheet's used cells beyond the limits, and the rectangle they would span.
struct Beyond {
    cell: (u32, u32),
    rows: u64,
    columns: u64,
}

impl Span {
    /// Takes in a used cell, unless it takes the rectangle beyond the limits.
    fn take(&mut self, (row, column): (u32, u32)) -> Result<(), Beyond> {
        let ((top, left), (bottom, right)) = self.0.unwrap_or(((row, column), (row, column)));
        let first = (top.min(row), left.min(column));
        let last = (bottom.max(row), right.max(column));
        let rows = u64::from(last.0 - first.0) + 1;
        let columns = u64::from(last.1 - first.1) + 1;
        if rows > MAX_ROWS || rows.saturating_mul(columns) > MAX_CELLS {
            let cell = (row, column);
            return Err(Beyond {
                cell,
                rows,
                columns,
            });
        }
        self.0 = Some((first, last));
        Ok(())
    }
}

impl Beyond {
    /// The finding at the cell, on the sheet shown as `sheet`.
    fn finding(&self, sheet: &str) -> Finding {
        let origin = Origin {
            file: sheet.to_string(),
            line: u64::from(self.cell.0) + 1,
        };
        let (rows, columns) = (self.rows, self.columns);
        let expected = format!(
            "takes the sheet's used cells to {rows} rows by {columns} columns, beyond the limit of {MAX_ROWS} rows and {MAX_CELLS} cells a sheet may span: delete what lies below and beside the table (select the rows or columns, Delete)"
        );
        let column = column_letters(self.cell.1);
        Finding::new(
            Kind::TooLarge,
            Some(&origin),
            &column,
            cell_name(self.cell),
            expected,
        )
    }
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
        let mut truths: Vec<(usize, bool)> = Vec::new();
        for (offset, cells) in range.rows().enumerate() {
            let row = top.saturating_add(u32::try_from(offset).unwrap_or(u32::MAX));
            fields.clear();
            truths.clear();
            for (column, cell) in cells.iter().enumerate() {
                if let Data::Bool(truth) = cell {
                    truths.push((column, *truth));
                }
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
            // A boolean is the yes or no of a column that takes them, and refused elsewhere.
            for &(index, truth) in &truths {
                let header = headers.get(index).map_or("", |(_, h)| h.as_str());
                if YES_NO.contains(&(table, header)) {
                    fields[index] = if truth { "yes" } else { "no" }.to_string();
                } else {
                    let column = left.saturating_add(u32::try_from(index).unwrap_or(u32::MAX));
                    refused.push((row, column, fields[index].clone(), BOOLEAN));
                }
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
const DATE: &str = "is a date or time (shown as Excel's day number): no column holds one; write a year as a number (2032), anything else as text";
const DURATION: &str = "is a duration (shown in days, as Excel counts them): no column holds one; write the number the column takes, in its unit";
const BOOLEAN: &str = "is a boolean (TRUE or FALSE), which only a yes/no column takes (parameters' assumption): write the number or text the column takes; a word typed as text ('TRUE) stays text";

/// The columns that take yes or no, as the loader reads them: a boolean cell there is its yes
/// or no.
const YES_NO: [(&str, &str); 1] = [("parameters.csv", "assumption")];
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
        Data::DateTime(date) if date.is_duration() => (date.to_string(), Some(DURATION)),
        Data::DateTime(date) => (date.to_string(), Some(DATE)),
        Data::DateTimeIso(text) => (text.clone(), Some(DATE)),
        Data::DurationIso(text) => (text.clone(), Some(DURATION)),
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
