//! CSV files -> [`Model`], with every finding located by file, line and column.

use crate::error::{Error, Finding, Kind, Origin};
use crate::hash::{FastMap, FastSet, map_with_capacity};
use crate::input::dialect::Dialect;
use crate::model::formula::Expr;
use crate::model::number::{NumberError, NumberFormat};
use crate::model::realised::EXPECTED_PERIOD;
use crate::model::scenario::{Scenario, Setting, SettingKind, Target};
use crate::model::units::{PartTimeFactor, Persons, WorkingHours};
use crate::model::{
    DEFAULT_NORMS, Distribution, Effect, EffectUnit, Group, Initiative, Interval, Model, Norms,
    Parameter, Period, Range, Realised, Region, Scope, Shortage, ShortageUnit, Status, ThemeShare,
};
use csv::StringRecord;
use rust_decimal::Decimal;
use serde::Deserialize;
use std::borrow::Cow;
use std::path::{Path, PathBuf};

pub(crate) mod files;

/// The files a model is read from, in the order they are read.
pub(crate) const FILES: [&str; 12] = [
    "region.csv",
    "norms.csv",
    "shortage.csv",
    "themes.csv",
    "sectors.csv",
    "parameters.csv",
    "ranges.csv",
    "initiatives.csv",
    "effects.csv",
    "scenarios.csv",
    "realised.csv",
    "staff.csv",
];

/// The files a model may do without: a region whose initiatives are not quantified needs only
/// its shortage, themes and initiatives.
pub(crate) const OPTIONAL: [&str; 9] = [
    "region.csv",
    "norms.csv",
    "sectors.csv",
    "parameters.csv",
    "ranges.csv",
    "effects.csv",
    "scenarios.csv",
    "realised.csv",
    "staff.csv",
];

/// What was loaded (a region's [`Model`], or a [`crate::Wisn`] calculation's input) and the
/// warnings and infos found while loading it.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct Loaded<T = Model> {
    /// What was loaded, checked and ready to evaluate.
    pub model: T,
    /// Findings that did not stop the load (warnings and infos), sorted by file and line.
    pub findings: Vec<Finding>,
}

/// How the files' dialect is chosen.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum DialectChoice {
    Fixed(Dialect),
    Detect,
}

/// The largest file a [`Loader`] reads unless told otherwise: 64 MiB, some thousand times the
/// largest region's largest file, and well within memory.
pub(crate) const DEFAULT_MAX_FILE_SIZE: u64 = 64 * 1024 * 1024;

/// The longest field (in bytes) a record may hold: 64 KiB, far more than a formula of the
/// 1,000 names and numbers a formula may have. A longer one is refused before it is parsed.
pub(crate) const MAX_FIELD_LENGTH: usize = 64 * 1024;

/// Loads a model from CSV files in a stated or detected [`Dialect`].
///
/// Only regular files are read (a symbolic link to one is fine), each up to a size limit
/// (64 MiB unless [`Loader::max_file_size`] says otherwise): a folder, FIFO,
/// device or dangling link in a file's place, or a larger file, is an error naming the path.
///
/// CSV files -> [`Model`], with every finding located by file, line and column.
///
/// A model is a folder of CSV files (the schema is in the README):
/// `region.csv` (optional), `norms.csv`, `shortage.csv`, `themes.csv`, `sectors.csv`,
/// `parameters.csv`, `ranges.csv` (optional), `initiatives.csv`, `effects.csv` and
/// `scenarios.csv` (optional), and for monitoring `realised.csv` and `staff.csv` (optional).
/// Columns are found by their header name,
/// in any order. How the files are written (separator, number format, encoding) is a
/// [`Dialect`]: the crate's canonical one unless a [`Loader`] is told otherwise or told to detect
/// it per file. All findings of all files are reported together, graded by [`Severity`](crate::Severity): errors
/// stop the load, warnings and infos come back with the model.
///
/// Only regular files are read, each up to a size limit, and fields up to 64 KiB;
/// names that miss a file of the model, a file given twice, bad quoting and a header naming a
/// column twice are errors (see [`Loader`]).
///
/// ```
/// use workforce_gap::Loader;
/// use workforce_gap::Dialect;
///
/// let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/tiny");
/// let loaded = Loader::new().dialect(Dialect::CANONICAL).load_dir(dir)?;
/// assert_eq!(loaded.model.initiatives.len(), 2);
/// for finding in &loaded.findings {
///     println!("{finding}"); // warnings and infos
/// }
/// # Ok::<(), workforce_gap::Error>(())
/// ```
#[derive(Clone, Copy, Debug)]
pub struct Loader {
    dialect: DialectChoice,
    pub(crate) max_file_size: u64,
}

impl Default for Loader {
    fn default() -> Self {
        Loader::new()
    }
}

impl Loader {
    /// The files a model is read from, in the order they are read.
    pub const FILES: [&str; 12] = FILES;

    /// A loader for the canonical dialect.
    pub fn new() -> Self {
        Loader {
            dialect: DialectChoice::Fixed(Dialect::CANONICAL),
            max_file_size: DEFAULT_MAX_FILE_SIZE,
        }
    }

    /// Reads every file in this dialect.
    pub fn dialect(self, dialect: Dialect) -> Self {
        Loader {
            dialect: DialectChoice::Fixed(dialect),
            ..self
        }
    }

    /// Detects each file's dialect with [`Dialect::detect`], and reports what it found as an
    /// info finding.
    pub fn detect(self) -> Self {
        Loader {
            dialect: DialectChoice::Detect,
            ..self
        }
    }

    /// Refuses files larger than `bytes` (the default is 64 MiB).
    pub fn max_file_size(self, bytes: u64) -> Self {
        Loader {
            max_file_size: bytes,
            ..self
        }
    }

    /// Reads a folder holding the files in [`Loader::FILES`]; a folder without `region.csv` names the
    /// region after itself. A name in the folder that misses a file name of the model by case or
    /// a letter or two (`Effects.csv`, `effect.csv`) is an error that names the file meant.
    pub fn load_dir(&self, dir: impl AsRef<Path>) -> Result<Loaded, Error> {
        let dir = dir.as_ref();
        require_folder(dir)?;
        let mut loaded = self.load_files(&[dir.to_path_buf()])?;
        if loaded.model.region.name.is_empty() {
            loaded.model.region.name = files::file_name(dir);
        }
        Ok(loaded)
    }

    /// Reads files recognised by their names (see [`Loader::FILES`]), wherever they are; a folder
    /// among them stands for the files of the model it holds, as in [`Loader::load_dir`].
    /// A file given twice (two paths with one name, or a folder and a file) is an error.
    pub fn load_files(&self, paths: &[PathBuf]) -> Result<Loaded, Error> {
        let mut findings = Vec::new();
        let mut given: Vec<PathBuf> = Vec::with_capacity(paths.len());
        for path in paths {
            if path.is_dir() {
                let (inside, misnamed) = files::folder(path)?;
                given.extend(inside);
                findings.extend(misnamed);
            } else {
                given.push(path.clone());
            }
        }
        let mut contents: Vec<(String, Vec<u8>)> = Vec::with_capacity(given.len());
        let mut refused = Vec::new();
        // The first path given for each file of the model.
        let mut first: [Option<&PathBuf>; FILES.len()] = [None; FILES.len()];
        for path in &given {
            let name = files::file_name(path);
            if let Some(index) = FILES.iter().position(|f| *f == name) {
                if let Some(first) = first[index] {
                    let expected = format!(
                        "gives {name} a second time (first {}): give each file once",
                        first.display()
                    );
                    let value = path.display().to_string();
                    findings.push(Finding::new(Kind::Duplicate, None, "", value, expected));
                    continue;
                }
                first[index] = Some(path);
            }
            match files::read_regular(path, self.max_file_size)? {
                Ok(bytes) => contents.push((name, bytes)),
                Err(finding) => {
                    findings.push(finding);
                    refused.push(name);
                }
            }
        }
        let named: Vec<(&str, &[u8])> = contents
            .iter()
            .map(|(n, b)| (n.as_str(), b.as_slice()))
            .collect();
        let refused: Vec<&str> = refused.iter().map(String::as_str).collect();
        self.load_named(&named, findings, &refused, Vec::new())
    }

    /// Reads `(file name, bytes)` pairs; the names say which file is which.
    ///
    /// A record with a bad field is still kept (with a placeholder) so that it does not cause
    /// follow-on findings elsewhere; the model is only returned when there are no errors.
    /// A name given twice is an error.
    pub fn load_bytes(&self, files: &[(&str, &[u8])]) -> Result<Loaded, Error> {
        self.load_named(files, Vec::new(), &[], Vec::new())
    }

    #[cfg(feature = "xlsx")]
    /// The bytes of the regular file at `path`, within this loader's size limit: `Ok(Err(_))`
    /// is a finding that refuses it.
    pub(crate) fn read_file(&self, path: &Path) -> Result<Result<Vec<u8>, Finding>, Error> {
        files::read_regular(path, self.max_file_size)
    }

    #[cfg(feature = "xlsx")]
    /// Reads tables that are not files of their own (a workbook's sheets, as canonical CSV text)
    /// by the rules of the files: `places` say where each table's lines were, `findings` are those
    /// of reading them so far, `refused` the tables found but unreadable (reported already).
    pub(crate) fn load_tables(
        &self,
        tables: &[(&str, &[u8])],
        findings: Vec<Finding>,
        refused: &[&str],
        places: Vec<Place>,
    ) -> Result<Loaded, Error> {
        let canonical = self.dialect(Dialect::CANONICAL);
        canonical.load_named(tables, findings, refused, places)
    }

    /// Reads `(file name, contents)` pairs, like [`Loader::load_bytes`].
    pub fn load_texts(&self, files: &[(&str, &str)]) -> Result<Loaded, Error> {
        let bytes: Vec<(&str, &[u8])> = files
            .iter()
            .map(|(name, text)| (*name, text.as_bytes()))
            .collect();
        self.load_bytes(&bytes)
    }

    /// [`Loader::load_bytes`] after the findings of reading the files, and the names of files
    /// that were there but refused (not missing, and not read).
    fn load_named(
        &self,
        files: &[(&str, &[u8])],
        findings: Vec<Finding>,
        refused: &[&str],
        places: Vec<Place>,
    ) -> Result<Loaded, Error> {
        let mut reader = Reader {
            findings,
            places,
            unread: !refused.is_empty(),
            ..Reader::default()
        };
        let mut given = [false; FILES.len()];
        for (name, _) in files {
            let Some(index) = FILES.iter().position(|f| f == name) else {
                let expected = match files::near_miss(name, &FILES) {
                    Some(meant) => format!("is not a file of the model: did you mean {meant}?"),
                    None => format!(
                        "is not a file of the model: expected one of {}",
                        FILES.join(", ")
                    ),
                };
                reader
                    .findings
                    .push(Finding::new(Kind::UnknownFile, None, "", *name, expected));
                continue;
            };
            if given[index] {
                let expected = "is given twice: give each file once";
                reader
                    .findings
                    .push(Finding::new(Kind::Duplicate, None, "", *name, expected));
            }
            given[index] = true;
        }
        for (index, name) in FILES.into_iter().enumerate() {
            if !given[index] && !refused.contains(&name) && !OPTIONAL.contains(&name) {
                let expected = "is missing: the model needs this file";
                reader.unread = true;
                reader
                    .findings
                    .push(Finding::new(Kind::MissingFile, None, "", name, expected));
            }
        }
        let texts: Vec<(&str, Cow<str>, Dialect)> = files
            .iter()
            .filter(|(name, _)| FILES.contains(name))
            .filter_map(|(name, bytes)| {
                reader
                    .decode(name, bytes, self.dialect)
                    .map(|(t, d)| (*name, t, d))
            })
            .collect();
        let mut model = Model::default();
        let regions = reader.file(&texts, "region.csv");
        model.region = reader.region(regions);
        let norms = reader.file(&texts, "norms.csv");
        model.norms = reader.norms(norms);
        let shortages = reader.file(&texts, "shortage.csv");
        model.shortages = reader.shortages(shortages);
        let themes = reader.file(&texts, "themes.csv");
        model.themes = reader.groups(themes);
        let sectors = reader.file(&texts, "sectors.csv");
        model.sectors = reader.groups(sectors);
        let parameters = reader.file(&texts, "parameters.csv");
        let unreadable;
        (model.parameters, unreadable) = reader.parameters(parameters);
        let ranges = reader.file(&texts, "ranges.csv");
        reader.attach_ranges(&mut model.parameters, &unreadable, ranges);
        let initiatives = reader.file(&texts, "initiatives.csv");
        model.initiatives = reader.initiatives(initiatives);
        let effects = reader.file(&texts, "effects.csv");
        reader.attach_effects(&mut model, effects);
        let scenarios = reader.file(&texts, "scenarios.csv");
        model.scenarios = reader.scenarios(scenarios);
        let realised = reader.file(&texts, "realised.csv");
        model.realised = reader.measured(realised, false);
        let staff = reader.file(&texts, "staff.csv");
        model.staff = reader.measured(staff, true);

        let mut findings = reader.findings;
        if reader.unread {
            // A file's records are all missing: checks across files would only report that
            // each reference into it finds nothing. They come once the file can be read.
        } else {
            let mut checked = model.check();
            if findings.iter().any(Finding::is_error) {
                // Records with errors stand in with placeholders: keep only what cannot be
                // evaluated, as warnings about placeholders would mislead. The warnings come once
                // the errors are fixed. A cell the reader refused has its finding already, not a
                // second one about its placeholder (a year that is no number is not also year 0).
                let refused: FastSet<_> = findings.iter().map(|f| (&f.origin, &f.column)).collect();
                checked.retain(|f| f.is_error() && !refused.contains(&(&f.origin, &f.column)));
            }
            findings.extend(checked);
        }
        findings.sort();
        findings.dedup();
        if findings.iter().any(Finding::is_error) {
            Err(Error::Input { findings })
        } else {
            Ok(Loaded { model, findings })
        }
    }
}

/// An [`Error::Io`] unless `dir` is a folder.
pub(crate) fn require_folder(dir: &Path) -> Result<(), Error> {
    if dir.is_dir() {
        return Ok(());
    }
    let source = std::io::Error::new(std::io::ErrorKind::NotFound, "no such folder");
    Err(Error::Io {
        path: dir.to_path_buf(),
        source,
    })
}

impl Loader {
    /// Reads a CSV file that is not one of the model's (a table of [`crate::wisn`]) in this
    /// loader's dialect, with the checks of the model's files: size, encoding, header, quoting,
    /// field count. `each` sees every readable record, and notes its own findings through it.
    /// A folder or other path that is no regular file is a finding; `Err` only when the
    /// operating system cannot read the file.
    pub(crate) fn read_table(
        &self,
        path: &Path,
        required: &[&str],
        each: impl FnMut(&mut Row),
    ) -> Result<Table, Error> {
        Ok(match files::read_regular(path, self.max_file_size)? {
            Ok(bytes) => self.read_table_bytes(&files::file_name(path), &bytes, required, each),
            Err(finding) => Table {
                findings: vec![finding],
                readable: false,
            },
        })
    }

    /// [`Loader::read_table`] from the file's name and bytes.
    pub(crate) fn read_table_bytes(
        &self,
        name: &str,
        bytes: &[u8],
        required: &[&str],
        mut each: impl FnMut(&mut Row),
    ) -> Table {
        let mut reader = Reader::default();
        if let Some((text, dialect)) = reader.decode(name, bytes, self.dialect) {
            let mut records = reader.records(name, &text, dialect, required);
            while let Some(origin) = records.advance(&mut reader) {
                each(&mut Row {
                    origin: &origin,
                    headers: &records.headers,
                    record: &records.record,
                    reader: &mut reader,
                });
            }
        }
        Table {
            readable: !reader.unread,
            findings: reader.findings,
        }
    }
}

/// What reading a table with [`Loader::read_table`] found.
pub(crate) struct Table {
    /// The findings about the file and its records.
    pub(crate) findings: Vec<Finding>,
    /// False when the file could not be read at all (not a file, not text, no usable header).
    pub(crate) readable: bool,
}

/// A record of a table read with [`Loader::read_table`]: its fields by column (header name),
/// and the findings about them, located at its line.
pub(crate) struct Row<'r> {
    origin: &'r Origin,
    headers: &'r StringRecord,
    record: &'r StringRecord,
    reader: &'r mut Reader,
}

impl<'r> Row<'r> {
    /// Where the record stands: its file and line.
    pub(crate) fn origin(&self) -> &'r Origin {
        self.origin
    }

    /// The field of `column`, trimmed; empty when the header has no such column.
    pub(crate) fn get(&self, column: &str) -> &'r str {
        let record = self.record;
        (self.headers.iter().position(|header| header == column))
            .and_then(|index| record.get(index))
            .unwrap_or_default()
    }

    /// The field of `column` as a number in the file's number format; `None`, noted, when it
    /// is not one.
    pub(crate) fn decimal(&mut self, column: &str) -> Option<Decimal> {
        let raw = self.get(column);
        self.reader.decimal(self.origin, column, raw)
    }

    /// Notes a finding about the field of `column`, whose raw value is `value`.
    pub(crate) fn finding(
        &mut self,
        kind: Kind,
        column: &str,
        value: &str,
        expected: impl Into<String>,
    ) {
        self.reader
            .finding(kind, self.origin, column, value, expected);
    }
}

// Rows borrow their fields from the record being read: nothing is copied but what the model keeps.

#[derive(Deserialize)]
struct RegionRow<'r> {
    key: &'r str,
    value: &'r str,
    #[serde(default)]
    source: &'r str,
}

#[derive(Deserialize)]
struct NormsRow<'r> {
    norms: &'r str,
    working_hours_per_year: &'r str,
    part_time_factor: &'r str,
    #[serde(default)]
    source: &'r str,
}

#[derive(Deserialize)]
struct ShortageRow<'r> {
    year: &'r str,
    scenario: &'r str,
    #[serde(default)]
    persons: &'r str,
    #[serde(default)]
    value: &'r str,
    #[serde(default)]
    unit: &'r str,
    #[serde(default)]
    source: &'r str,
}

#[derive(Deserialize)]
struct NamedRow<'r> {
    id: &'r str,
    name: &'r str,
}

#[derive(Deserialize)]
struct ParameterRow<'r> {
    scope: &'r str,
    name: &'r str,
    value: &'r str,
    #[serde(default)]
    unit: &'r str,
    #[serde(default)]
    label: &'r str,
    #[serde(default)]
    source: &'r str,
    #[serde(default)]
    assumption: &'r str,
}

#[derive(Deserialize)]
struct RangeRow<'r> {
    scope: &'r str,
    name: &'r str,
    low: &'r str,
    high: &'r str,
    #[serde(default)]
    distribution: &'r str,
    #[serde(default)]
    source: &'r str,
}

#[derive(Deserialize)]
struct ScenarioRow<'r> {
    scenario: &'r str,
    setting: &'r str,
    #[serde(default)]
    target: &'r str,
    #[serde(default)]
    value: &'r str,
}

/// A row of `realised.csv` (scope, name, value) or of `staff.csv` (sector, short).
#[derive(Deserialize)]
struct MeasuredRow<'r> {
    period: &'r str,
    #[serde(default)]
    scope: &'r str,
    #[serde(default)]
    name: &'r str,
    #[serde(default)]
    value: &'r str,
    #[serde(default)]
    sector: &'r str,
    #[serde(default)]
    short: &'r str,
    #[serde(default)]
    source: &'r str,
}

#[derive(Deserialize)]
struct InitiativeRow<'r> {
    id: &'r str,
    name: &'r str,
    #[serde(default)]
    submitted_by: &'r str,
    status: &'r str,
    themes: &'r str,
    #[serde(default)]
    published: &'r str,
    #[serde(default)]
    seed_line: &'r str,
    #[serde(default)]
    note: &'r str,
    #[serde(default)]
    start_year: &'r str,
    #[serde(default)]
    full_year: &'r str,
    #[serde(default)]
    growth: &'r str,
}

#[derive(Deserialize)]
struct EffectRow<'r> {
    initiative: &'r str,
    effect: &'r str,
    sector: &'r str,
    unit: &'r str,
    #[serde(default)]
    norms: &'r str,
    formula: &'r str,
    #[serde(default)]
    reading: &'r str,
}

/// The keys of region.csv.
const REGION_KEYS: [&str; 5] = [
    "name",
    "published_total",
    "published_share",
    "required_staff",
    "shortage_part_time_factor",
];

/// The columns each file must have (the rest are optional).
fn required_columns(file: &str) -> &'static [&'static str] {
    match file {
        "region.csv" => &["key", "value"],
        "norms.csv" => &["norms", "working_hours_per_year", "part_time_factor"],
        "shortage.csv" => &["year", "scenario"],
        "themes.csv" | "sectors.csv" => &["id", "name"],
        "parameters.csv" => &["scope", "name", "value"],
        "ranges.csv" => &["scope", "name", "low", "high"],
        "scenarios.csv" => &["scenario", "setting", "target", "value"],
        "initiatives.csv" => &["id", "name", "status", "themes"],
        "effects.csv" => &["initiative", "effect", "sector", "unit", "formula"],
        "realised.csv" => &["period", "scope", "name", "value"],
        "staff.csv" => &["period", "sector", "short"],
        _ => &[],
    }
}

/// Where the lines of a table that is not a file of its own were: its records' origins name
/// `file` and, for line `n` of its text, `rows[n - 1]`.
pub(crate) struct Place {
    /// The table's file name, as in [`FILES`].
    pub(crate) table: &'static str,
    /// What origins name instead.
    pub(crate) file: String,
    /// The line (or row) each line of the text stands for.
    pub(crate) rows: Vec<u64>,
}

#[derive(Default)]
struct Reader {
    findings: Vec<Finding>,
    /// Tables read from elsewhere than a file of their name; none for files.
    places: Vec<Place>,
    /// The number format of the file being read.
    numbers: NumberFormat,
    /// True once a file that is there or needed could not be read at all.
    unread: bool,
}

impl Reader {
    /// Where line `line` of the file `file` is, for a user.
    fn origin(&self, file: &str, line: u64) -> Origin {
        match self.places.iter().find(|place| place.table == file) {
            Some(place) => Origin {
                file: place.file.clone(),
                line: usize::try_from(line)
                    .ok()
                    .and_then(|line| place.rows.get(line.checked_sub(1)?))
                    .copied()
                    .unwrap_or(line),
            },
            None => Origin {
                file: file.to_string(),
                line,
            },
        }
    }

    fn finding(
        &mut self,
        kind: Kind,
        origin: &Origin,
        column: &str,
        value: &str,
        expected: impl Into<String>,
    ) {
        self.findings
            .push(Finding::new(kind, Some(origin), column, value, expected));
    }

    /// A file's text in its dialect (detected, or as stated), borrowed from the bytes where it
    /// is UTF-8 already; `None` if it cannot be decoded.
    fn decode<'b>(
        &mut self,
        name: &str,
        bytes: &'b [u8],
        choice: DialectChoice,
    ) -> Option<(Cow<'b, str>, Dialect)> {
        let first_line = Origin {
            file: name.to_string(),
            line: 1,
        };
        if let Some(start) = crate::input::dialect::utf16_start(bytes) {
            // Every dialect would read it as garbage: no guess of a separator can help.
            let expected =
                "is UTF-16 text, which is not read: save the file as UTF-8 (in Excel: CSV UTF-8)";
            self.finding(Kind::Encoding, &first_line, "", start, expected);
            self.unread = true;
            return None;
        }
        let dialect = match choice {
            DialectChoice::Fixed(dialect) => dialect,
            DialectChoice::Detect => {
                let dialect = Dialect::detect(bytes);
                let value = dialect.described();
                self.finding(
                    Kind::DetectedDialect,
                    &first_line,
                    "",
                    &value,
                    "is the dialect detected for this file",
                );
                dialect
            }
        };
        match dialect.decode_borrowed(bytes) {
            Some(text) => Some((text, dialect)),
            None => {
                let valid = bytes
                    .utf8_chunks()
                    .next()
                    .map_or(0, |chunk| chunk.valid().len());
                let origin = Origin {
                    file: name.to_string(),
                    line: 1 + line_ends(&bytes[..valid]),
                };
                let expected = "is not valid UTF-8: save the file as UTF-8, or state or detect the Windows-1252 dialect";
                let value = format!("byte {}", valid + 1);
                self.finding(Kind::Encoding, &origin, "", &value, expected);
                self.unread = true;
                None
            }
        }
    }

    /// The records of the file with this name: none if it was not given or could not be
    /// decoded, or if its header is unreadable or lacks a required column (reported here).
    fn file<'t>(&mut self, texts: &'t [(&str, Cow<str>, Dialect)], name: &'t str) -> Records<'t> {
        let Some((_, text, dialect)) = texts.iter().find(|(n, _, _)| *n == name) else {
            return Records::none(name);
        };
        self.records(name, text, *dialect, required_columns(name))
    }

    /// The records of a file's text in its dialect: none if its header is unreadable or lacks a
    /// column of `required` (reported here).
    fn records<'t>(
        &mut self,
        name: &'t str,
        text: &'t str,
        dialect: Dialect,
        required: &[&str],
    ) -> Records<'t> {
        self.numbers = dialect.numbers;
        let delimiter = dialect.delimiter;
        let mut csv = csv::ReaderBuilder::new()
            .delimiter(delimiter)
            .flexible(true)
            .from_reader(text.as_bytes());
        let header_origin = self.origin(name, 1);
        let mut headers = match csv.headers() {
            Ok(headers) => trimmed(headers),
            Err(error) => {
                let expected = format!("is not a readable CSV header: {error}");
                self.finding(Kind::MalformedRecord, &header_origin, "", "", expected);
                return self.unread(name);
            }
        };
        let header_end = usize::try_from(csv.position().byte()).unwrap_or(usize::MAX);
        let header_text = text.get(..header_end).unwrap_or(text);
        if let Some(problem) = Quoting::check(header_text, delimiter) {
            let (value, expected) = problem.describe(header_text);
            self.finding(Kind::MalformedRecord, &header_origin, "", &value, expected);
            return self.unread(name);
        }
        while headers.len() > 1 && headers.get(headers.len() - 1) == Some("") {
            headers.truncate(headers.len() - 1);
        }
        let missing: Vec<&str> = required
            .iter()
            .copied()
            .filter(|c| !headers.iter().any(|h| h == *c))
            .collect();
        let separator = (!missing.is_empty())
            .then(|| other_separator(header_text, delimiter, required))
            .flatten();
        if let Some(expected) = separator {
            let value = excerpt(header_text.trim_end());
            self.finding(Kind::WrongSeparator, &header_origin, "", &value, expected);
            return self.unread(name);
        }
        for column in &missing {
            let expected = format!(
                "is a required column missing from the header (read with separator {:?})",
                char::from(delimiter)
            );
            self.finding(Kind::MissingColumn, &header_origin, column, "", expected);
        }
        // Counted in a map: a hostile header may have a million columns.
        let mut seen: FastMap<&str, u32> = map_with_capacity(headers.len());
        let mut twice = Vec::new();
        for column in headers.iter().filter(|c| !c.is_empty()) {
            let count = seen.entry(column).or_insert(0);
            *count += 1;
            if *count == 2 {
                twice.push(column);
            }
        }
        for column in twice.iter().copied() {
            let expected =
                "is a column named twice in the header: a record could not say which one it fills";
            self.finding(Kind::Duplicate, &header_origin, column, column, expected);
        }
        if !missing.is_empty() || !twice.is_empty() {
            return self.unread(name);
        }
        Records {
            file: name,
            csv: Some(csv),
            delimiter,
            headers,
            raw: StringRecord::new(),
            record: StringRecord::new(),
            lines: Lines {
                text,
                at: 0,
                line: 1,
            },
        }
    }

    /// No records, for a file that is there but cannot be read (reported already).
    fn unread<'t>(&mut self, name: &'t str) -> Records<'t> {
        self.unread = true;
        Records::none(name)
    }

    /// Themes or sectors.
    fn groups(&mut self, mut records: Records) -> Vec<Group> {
        let mut all = Vec::new();
        while let Some(origin) = records.advance(self) {
            if let Some(row) = records.row::<NamedRow>(self, &origin) {
                all.push(Group {
                    id: row.id.to_string(),
                    name: row.name.to_string(),
                    origin: Some(origin),
                });
            }
        }
        all
    }

    /// A number in the current file's format.
    fn decimal(&mut self, origin: &Origin, column: &str, raw: &str) -> Option<Decimal> {
        match self.numbers.parse(raw) {
            Ok(value) => Some(value),
            Err(NumberError::NotANumber) => {
                self.finding(
                    Kind::NotANumber,
                    origin,
                    column,
                    raw,
                    self.numbers.expected(),
                );
                None
            }
            Err(error @ (NumberError::TooManyDigits | NumberError::TooLarge)) => {
                let expected = error.inexact().unwrap_or_default();
                self.finding(Kind::InexactNumber, origin, column, raw, expected);
                None
            }
            Err(NumberError::Ambiguous { dutch, english }) => {
                let expected = format!(
                    "is ambiguous: {} in Dutch, {} in English; {}, {}",
                    dutch.normalize(),
                    english.normalize(),
                    unambiguous(dutch),
                    unambiguous(english)
                );
                self.finding(Kind::AmbiguousNumber, origin, column, raw, expected);
                None
            }
        }
    }

    /// A number, or `pending` (then `(None, true)`).
    fn number_or_pending(
        &mut self,
        origin: &Origin,
        column: &str,
        raw: &str,
    ) -> (Option<Decimal>, bool) {
        if raw.eq_ignore_ascii_case("pending") {
            (None, true)
        } else {
            (self.decimal(origin, column, raw), false)
        }
    }

    /// An optional year.
    fn year(&mut self, origin: &Origin, column: &str, raw: &str) -> Option<u16> {
        if raw.is_empty() {
            return None;
        }
        let year = raw.parse::<u16>().ok();
        if year.is_none() {
            self.finding(
                Kind::InvalidValue,
                origin,
                column,
                raw,
                "is not a year: expected four digits, like 2032",
            );
        }
        year
    }

    /// A published figure in the current file's format; unreadable ones are a warning.
    fn published(&mut self, origin: &Origin, column: &str, raw: &str) -> Option<Interval> {
        if raw.is_empty() {
            return None;
        }
        let published = Interval::parse_with(raw, self.numbers);
        if published.is_none() {
            let expected = "is not a published figure: expected a number like 28, -3 or 35%, or a range like 0 - 1; the audit treats it as unpublished";
            self.finding(Kind::UnreadablePublished, origin, column, raw, expected);
        }
        published
    }

    fn region(&mut self, mut records: Records) -> Region {
        let mut region = Region::default();
        let mut sources = Vec::new();
        // The keys set so far, with their lines (a handful: unknown keys are not kept).
        let mut set: Vec<(&'static str, u64)> = Vec::new();
        while let Some(origin) = records.advance(self) {
            let Some(row) = records.row::<RegionRow>(self, &origin) else {
                continue;
            };
            if let Some(key) = REGION_KEYS.iter().copied().find(|k| *k == row.key) {
                if let Some((_, first)) = set.iter().find(|(k, _)| *k == key) {
                    let record = origin.record();
                    let expected = format!("is set twice: first on {record} {first}");
                    self.finding(Kind::Duplicate, &origin, "key", row.key, expected);
                    continue;
                }
                set.push((key, origin.line));
                region.origins.insert(key.to_string(), origin.clone());
            }
            match row.key {
                "name" => region.name = row.value.to_string(),
                "published_total" => {
                    region.published_total = self.published(&origin, "value", row.value)
                }
                "required_staff" => {
                    region.required_staff =
                        self.decimal(&origin, "value", row.value).map(Persons::new)
                }
                "shortage_part_time_factor" => {
                    region.shortage_part_time_factor = self
                        .decimal(&origin, "value", row.value)
                        .map(PartTimeFactor::new)
                }
                "published_share" => {
                    region.published_share = self.published(&origin, "value", row.value)
                }
                other => {
                    let expected = "is not a key of region.csv: expected name, published_total, published_share, required_staff or shortage_part_time_factor";
                    self.finding(Kind::InvalidValue, &origin, "key", other, expected);
                }
            }
            if !row.source.is_empty() {
                sources.push(row.source.to_string());
            }
        }
        region.source = sources.join("; ");
        region
    }

    fn norms(&mut self, mut records: Records) -> Vec<Norms> {
        let mut all = Vec::new();
        while let Some(origin) = records.advance(self) {
            let Some(row) = records.row::<NormsRow>(self, &origin) else {
                continue;
            };
            // Each value is a number or `pending`; a pending norm stands in as 1 until supplied.
            let (hours, hours_pending) = self.number_or_pending(
                &origin,
                "working_hours_per_year",
                row.working_hours_per_year,
            );
            let (factor, factor_pending) =
                self.number_or_pending(&origin, "part_time_factor", row.part_time_factor);
            let pending = hours_pending || factor_pending;
            let (hours, factor) = if pending {
                (Some(Decimal::ONE), Some(Decimal::ONE))
            } else {
                (hours, factor)
            };
            all.push(Norms {
                id: row.norms.to_string(),
                working_hours: WorkingHours::new(hours.unwrap_or(Decimal::ONE)),
                part_time_factor: PartTimeFactor::new(factor.unwrap_or(Decimal::ONE)),
                pending,
                source: row.source.to_string(),
                origin: Some(origin),
            });
        }
        all
    }

    fn shortages(&mut self, mut records: Records) -> Vec<Shortage> {
        let mut all = Vec::new();
        while let Some(origin) = records.advance(self) {
            let Some(row) = records.row::<ShortageRow>(self, &origin) else {
                continue;
            };
            let year = row.year.parse::<u16>().ok();
            if year.is_none() {
                self.finding(
                    Kind::InvalidValue,
                    &origin,
                    "year",
                    row.year,
                    "is not a year: expected four digits, like 2032",
                );
            }
            // `persons` is the older spelling of a value in persons.
            let (column, raw) = if row.value.is_empty() && !row.persons.is_empty() {
                ("persons", row.persons)
            } else {
                ("value", row.value)
            };
            let value = self.decimal(&origin, column, raw);
            let unit = if row.unit.is_empty() {
                Some(ShortageUnit::Persons)
            } else {
                let unit = row.unit.parse::<ShortageUnit>().ok();
                if unit.is_none() {
                    self.finding(
                        Kind::InvalidValue,
                        &origin,
                        "unit",
                        row.unit,
                        "is not a unit: expected persons, fte or share",
                    );
                }
                unit
            };
            all.push(Shortage {
                year: year.unwrap_or_default(),
                scenario: row.scenario.to_string(),
                value: value.unwrap_or_default(),
                unit: unit.unwrap_or(ShortageUnit::Persons),
                source: row.source.to_string(),
                origin: Some(origin),
            });
        }
        all
    }

    /// The parameters, and the positions (ascending) of those whose value could not be read.
    fn parameters(&mut self, mut records: Records) -> (Vec<Parameter>, Vec<usize>) {
        let mut all = Vec::new();
        let mut unreadable = Vec::new();
        while let Some(origin) = records.advance(self) {
            let Some(row) = records.row::<ParameterRow>(self, &origin) else {
                continue;
            };
            let (value, pending) = self.number_or_pending(&origin, "value", row.value);
            if value.is_none() && !pending {
                unreadable.push(all.len());
            }
            let assumption = match row.assumption {
                "yes" => true,
                "no" | "" => false,
                other => {
                    self.finding(
                        Kind::InvalidValue,
                        &origin,
                        "assumption",
                        other,
                        "is not yes or no",
                    );
                    false
                }
            };
            let scope = Scope::from(row.scope);
            all.push(Parameter {
                scope,
                name: row.name.to_string(),
                value: value.unwrap_or_default(),
                unit: row.unit.to_string(),
                label: row.label.to_string(),
                source: row.source.to_string(),
                assumption,
                pending,
                range: None,
                origin: Some(origin),
            });
        }
        (all, unreadable)
    }

    /// Ranges of the parameters; none for a parameter whose value could not be read, as its
    /// placeholder value would make the range look wrong.
    fn attach_ranges(
        &mut self,
        parameters: &mut [Parameter],
        unreadable: &[usize],
        mut records: Records,
    ) {
        // Parameters by scope (as written) and name, so that attaching is linear in the rows;
        // built only if there are ranges. The ranges wait in a map while it borrows the names.
        let mut positions: Option<FastMap<(&str, &str), usize>> = None;
        let mut ranges: FastMap<usize, Range> = FastMap::default();
        while let Some(origin) = records.advance(self) {
            let Some(row) = records.row::<RangeRow>(self, &origin) else {
                continue;
            };
            let low = self.decimal(&origin, "low", row.low);
            let high = self.decimal(&origin, "high", row.high);
            let distribution = if row.distribution.is_empty() {
                Some(Distribution::default())
            } else {
                let distribution = row.distribution.parse::<Distribution>().ok();
                if distribution.is_none() {
                    let expected = "is not a distribution: expected uniform, triangular or pert";
                    self.finding(
                        Kind::InvalidValue,
                        &origin,
                        "distribution",
                        row.distribution,
                        expected,
                    );
                }
                distribution
            };
            let positions = positions.get_or_insert_with(|| {
                let mut positions = map_with_capacity(parameters.len());
                for (index, parameter) in parameters.iter().enumerate() {
                    let scope = match &parameter.scope {
                        Scope::Region => "region",
                        Scope::Initiative(id) => id.as_str(),
                    };
                    positions
                        .entry((scope, parameter.name.as_str()))
                        .or_insert(index);
                }
                positions
            });
            let Some(&position) = positions.get(&(row.scope, row.name)) else {
                let expected = format!("is not a parameter of {} in parameters.csv", row.scope);
                self.finding(Kind::UnknownReference, &origin, "name", row.name, expected);
                continue;
            };
            if unreadable.binary_search(&position).is_ok() {
                continue;
            }
            if ranges.contains_key(&position) {
                let expected = format!("has a range already for {}", row.scope);
                self.finding(Kind::Duplicate, &origin, "name", row.name, expected);
                continue;
            }
            if let (Some(low), Some(high), Some(distribution)) = (low, high, distribution) {
                let range = Range {
                    low,
                    high,
                    distribution,
                    source: row.source.to_string(),
                    origin: Some(origin),
                };
                ranges.insert(position, range);
            }
        }
        for (position, range) in ranges {
            parameters[position].range = Some(range);
        }
    }

    fn scenarios(&mut self, mut records: Records) -> Vec<Scenario> {
        let mut scenarios: Vec<Scenario> = Vec::new();
        // Scenarios by name, so that grouping the rows is linear in them.
        let mut positions: FastMap<String, usize> = FastMap::default();
        while let Some(origin) = records.advance(self) {
            let Some(row) = records.row::<ScenarioRow>(self, &origin) else {
                continue;
            };
            let kind = match row.setting {
                "shortage" => Some(SettingKind::Shortage(row.value.to_string())),
                "count" => {
                    let statuses: Vec<Option<Status>> = row
                        .value
                        .split(';')
                        .map(|s| s.trim().parse().ok())
                        .collect();
                    if statuses.iter().any(Option::is_none) {
                        let expected = "is not a list of statuses: expected running, planned, running-or-planned, additional or potential, separated by ;";
                        self.finding(Kind::InvalidValue, &origin, "value", row.value, expected);
                        None
                    } else {
                        Some(SettingKind::Count(statuses.into_iter().flatten().collect()))
                    }
                }
                "include" => Some(SettingKind::Include(row.target.to_string())),
                "exclude" => Some(SettingKind::Exclude(row.target.to_string())),
                "set" | "scale" => {
                    let target = Target::parse(row.target);
                    if target.is_none() {
                        let expected = crate::model::scenario::NOT_A_TARGET;
                        self.finding(Kind::InvalidValue, &origin, "target", row.target, expected);
                    }
                    let value = self.decimal(&origin, "value", row.value);
                    match (target, value) {
                        (Some(target), Some(value)) if row.setting == "set" => {
                            Some(SettingKind::Set { target, value })
                        }
                        (Some(target), Some(factor)) => Some(SettingKind::Scale { target, factor }),
                        _ => None,
                    }
                }
                other => {
                    let expected = "is not a setting: expected shortage, count, include, exclude, set or scale";
                    self.finding(Kind::InvalidValue, &origin, "setting", other, expected);
                    None
                }
            };
            let Some(kind) = kind else { continue };
            let setting = Setting {
                kind,
                origin: Some(origin),
            };
            match positions.get(row.scenario) {
                Some(&position) => scenarios[position].settings.push(setting),
                None => {
                    positions.insert(row.scenario.to_string(), scenarios.len());
                    scenarios.push(Scenario {
                        name: row.scenario.to_string(),
                        settings: vec![setting],
                    });
                }
            }
        }
        scenarios
    }

    /// A period, `None` (noted) when it is none.
    fn period(&mut self, origin: &Origin, raw: &str) -> Option<Period> {
        let period = raw.parse::<Period>().ok();
        if period.is_none() {
            self.finding(Kind::InvalidValue, origin, "period", raw, EXPECTED_PERIOD);
        }
        period
    }

    /// The values of `realised.csv`, or with `staff` the rows of `staff.csv` as realised values
    /// of the region named by sector; what they refer to is checked with the model.
    fn measured(&mut self, mut records: Records, staff: bool) -> Vec<Realised> {
        let mut all = Vec::new();
        while let Some(origin) = records.advance(self) {
            let Some(row) = records.row::<MeasuredRow>(self, &origin) else {
                continue;
            };
            let (scope, name, column, raw) = if staff {
                (Scope::Region, row.sector, "short", row.short)
            } else {
                (Scope::from(row.scope), row.name, "value", row.value)
            };
            let period = self.period(&origin, row.period);
            let value = self.decimal(&origin, column, raw);
            if let (Some(period), Some(value)) = (period, value) {
                all.push(Realised {
                    period,
                    scope,
                    name: name.to_string(),
                    value,
                    source: row.source.to_string(),
                    origin: Some(origin),
                });
            }
        }
        all
    }

    fn initiatives(&mut self, mut records: Records) -> Vec<Initiative> {
        let mut all = Vec::new();
        while let Some(origin) = records.advance(self) {
            let Some(row) = records.row::<InitiativeRow>(self, &origin) else {
                continue;
            };
            let status = row.status.parse::<Status>().ok();
            if status.is_none() {
                let expected = "is not a status: expected running, planned, running-or-planned, additional or potential";
                self.finding(Kind::InvalidValue, &origin, "status", row.status, expected);
            }
            let themes = self.theme_shares(&origin, row.themes);
            let published = self.published(&origin, "published", row.published);
            let source_line = if row.seed_line.is_empty() {
                None
            } else {
                let line = row.seed_line.parse::<u64>().ok();
                if line.is_none() {
                    self.finding(
                        Kind::InvalidValue,
                        &origin,
                        "seed_line",
                        row.seed_line,
                        "is not a line number",
                    );
                }
                line
            };
            all.push(Initiative {
                id: row.id.to_string(),
                name: row.name.to_string(),
                submitted_by: row.submitted_by.to_string(),
                status: status.unwrap_or(Status::RunningOrPlanned),
                themes,
                published,
                source_line,
                note: row.note.to_string(),
                effects: Vec::new(),
                start_year: self.year(&origin, "start_year", row.start_year),
                full_year: self.year(&origin, "full_year", row.full_year),
                growth: (!row.growth.is_empty()).then(|| row.growth.to_string()),
                origin: Some(origin),
            });
        }
        all
    }

    /// `a;b;c` (equal weights) or `a:2;b:1` (relative weights).
    fn theme_shares(&mut self, origin: &Origin, text: &str) -> Vec<ThemeShare> {
        let mut shares = Vec::new();
        for part in text.split(';').map(str::trim).filter(|p| !p.is_empty()) {
            let (theme, weight) = match part.split_once(':') {
                Some((theme, weight)) => {
                    (theme.trim(), self.decimal(origin, "themes", weight.trim()))
                }
                None => (part, Some(Decimal::ONE)),
            };
            if let Some(weight) = weight {
                shares.push(ThemeShare {
                    theme: theme.to_string(),
                    weight,
                });
            }
        }
        shares
    }

    fn attach_effects(&mut self, model: &mut Model, mut records: Records) {
        // Initiatives by id, so that attaching is linear in the rows (the first of a duplicate id).
        // The effects wait in a list while the map borrows the ids.
        let mut positions: FastMap<&str, usize> = map_with_capacity(model.initiatives.len());
        for (index, initiative) in model.initiatives.iter().enumerate() {
            positions.entry(initiative.id.as_str()).or_insert(index);
        }
        let mut effects = Vec::new();
        while let Some(origin) = records.advance(self) {
            let Some(row) = records.row::<EffectRow>(self, &origin) else {
                continue;
            };
            let unit = row.unit.parse::<EffectUnit>().ok();
            if unit.is_none() {
                self.finding(
                    Kind::InvalidValue,
                    &origin,
                    "unit",
                    row.unit,
                    "is not a unit: expected hours, fte or persons",
                );
            }
            let formula = match Expr::parse(row.formula) {
                Ok(formula) => Some(formula),
                Err(error) => {
                    let expected = match error {
                        Error::Formula {
                            expected, position, ..
                        } => format!("is not a formula: {expected} at character {position}"),
                        error => format!("is not a formula: {error}"),
                    };
                    self.finding(
                        Kind::InvalidFormula,
                        &origin,
                        "formula",
                        row.formula,
                        expected,
                    );
                    None
                }
            };
            let Some(&position) = positions.get(row.initiative) else {
                self.finding(
                    Kind::UnknownReference,
                    &origin,
                    "initiative",
                    row.initiative,
                    "is not an initiative id of initiatives.csv",
                );
                continue;
            };
            if let Some(formula) = formula {
                let norms = if row.norms.is_empty() {
                    DEFAULT_NORMS
                } else {
                    row.norms
                };
                let effect = Effect {
                    id: row.effect.to_string(),
                    sector: row.sector.to_string(),
                    unit: unit.unwrap_or(EffectUnit::Hours),
                    norms: norms.to_string(),
                    formula,
                    reading: row.reading.to_string(),
                    origin: Some(origin),
                };
                effects.push((position, effect));
            }
        }
        for (position, effect) in effects {
            model.initiatives[position].effects.push(effect);
        }
    }
}

/// The records of one file, read one at a time into reused records: a large file is never
/// held as rows besides its text, and a row allocates only the strings the model keeps.
struct Records<'t> {
    /// The file's name, for origins.
    file: &'t str,
    /// `None` when there is nothing to read.
    csv: Option<csv::Reader<&'t [u8]>>,
    delimiter: u8,
    /// The header, trimmed, without empty columns after the last.
    headers: StringRecord,
    /// The record as read.
    raw: StringRecord,
    /// The record trimmed: the one [`Records::row`] reads.
    record: StringRecord,
    lines: Lines<'t>,
}

impl<'t> Records<'t> {
    fn none(file: &'t str) -> Records<'t> {
        Records {
            file,
            csv: None,
            delimiter: b',',
            headers: StringRecord::new(),
            raw: StringRecord::new(),
            record: StringRecord::new(),
            lines: Lines {
                text: "",
                at: 0,
                line: 1,
            },
        }
    }

    /// Moves to the next record with as many fields as the header, noting malformed records;
    /// returns where it stands, or `None` at the end. Blank lines, and empty fields after the
    /// last column (a trailing separator), are allowed.
    fn advance(&mut self, reader: &mut Reader) -> Option<Origin> {
        let csv = self.csv.as_mut()?;
        loop {
            match csv.read_record(&mut self.raw) {
                Ok(true) => {}
                Ok(false) => return None,
                Err(error) => {
                    let line = error.position().map_or(0, |p| self.lines.at(p.byte()));
                    let origin = reader.origin(self.file, line);
                    let expected = format!("is not a valid CSV record: {error}");
                    reader.finding(Kind::MalformedRecord, &origin, "", "", expected);
                    continue;
                }
            }
            let start = self.raw.position().map_or(0, |p| p.byte());
            let line = self.lines.at(start);
            let origin = reader.origin(self.file, line);
            let end = csv.position().byte();
            let raw_text = (self.lines.text)
                .get(to_index(start)..to_index(end))
                .unwrap_or_default();
            if let Some(problem) = Quoting::check(raw_text, self.delimiter) {
                let (value, expected) = problem.describe(raw_text);
                let column = self.headers.get(problem.field).unwrap_or_default();
                reader.finding(Kind::MalformedRecord, &origin, column, &value, expected);
                continue;
            }
            if let Some(index) = self.raw.iter().position(|f| f.len() > MAX_FIELD_LENGTH) {
                let field = &self.raw[index];
                let expected = format!(
                    "is a field of {} bytes, longer than the {MAX_FIELD_LENGTH} bytes a field may have",
                    field.len()
                );
                let column = self.headers.get(index).unwrap_or_default();
                reader.finding(Kind::TooLarge, &origin, column, &excerpt(field), expected);
                continue;
            }
            // Trimmed here into a reused record: the csv crate's trimming allocates one per line.
            let record = &mut self.record;
            record.clear();
            for field in &self.raw {
                record.push_field(field.trim());
            }
            if record.iter().all(str::is_empty) {
                continue;
            }
            while record.len() > self.headers.len() && record.get(record.len() - 1) == Some("") {
                record.truncate(record.len() - 1);
            }
            if record.len() != self.headers.len() {
                let expected = format!(
                    "has {} fields where the header has {}",
                    record.len(),
                    self.headers.len()
                );
                let value = record
                    .iter()
                    .collect::<Vec<_>>()
                    .join(&char::from(self.delimiter).to_string());
                reader.finding(Kind::MalformedRecord, &origin, "", &value, expected);
                continue;
            }
            return Some(origin);
        }
    }

    /// The current record as a row whose fields borrow from it; `None`, noted, if it does not
    /// fit the row.
    fn row<'r, T: Deserialize<'r>>(&'r self, reader: &mut Reader, origin: &Origin) -> Option<T> {
        match self.record.deserialize(Some(&self.headers)) {
            Ok(row) => Some(row),
            Err(error) => {
                let expected = format!("is not a valid record: {error}");
                reader.finding(Kind::MalformedRecord, origin, "", "", expected);
                None
            }
        }
    }
}

/// A record with its fields trimmed of whitespace (Unicode's, as the csv crate trims).
fn trimmed(record: &StringRecord) -> StringRecord {
    record.iter().map(str::trim).collect()
}

/// Line numbers from byte offsets. The csv reader's own line count is off after CRLF line ends
/// and blank lines (rust-csv issues 395 and 208), and its byte offset of a record may point at
/// the end of the line before; counting the line ends up to the record's first character is right
/// in every case.
struct Lines<'a> {
    text: &'a str,
    /// The byte up to which newlines have been counted, and the line that byte is on.
    at: usize,
    line: u64,
}

impl Lines<'_> {
    /// The line of the record that starts at or just after `byte` (offsets only grow).
    fn at(&mut self, byte: u64) -> u64 {
        let bytes = self.text.as_bytes();
        let mut start = usize::try_from(byte).unwrap_or(usize::MAX).min(bytes.len());
        while start < bytes.len() && matches!(bytes[start], b'\r' | b'\n') {
            start += 1;
        }
        if start >= self.at {
            self.line += line_ends(&bytes[self.at..start]);
            self.at = start;
        }
        self.line
    }
}

/// The line ends in `bytes`: LF, CRLF, or CR alone (old Mac Excel), as the csv reader ends
/// records. The bytes must not end between the CR and LF of one line end.
fn line_ends(bytes: &[u8]) -> u64 {
    let mut ends = 0;
    for (index, &byte) in bytes.iter().enumerate() {
        if byte == b'\n' || (byte == b'\r' && bytes.get(index + 1) != Some(&b'\n')) {
            ends += 1;
        }
    }
    ends
}

/// A byte offset of the csv reader as an index into the text.
fn to_index(byte: u64) -> usize {
    usize::try_from(byte).unwrap_or(usize::MAX)
}

/// The start of a long value, for a finding.
fn excerpt(text: &str) -> String {
    const SHOWN: usize = 60;
    match text.char_indices().nth(SHOWN) {
        Some((end, _)) => format!("{}…", &text[..end]),
        None => text.to_string(),
    }
}

/// A quoted field the csv reader would read without a word, though it is not what was meant.
struct Quoting {
    /// The field's position in the record.
    field: usize,
    /// Where the field starts in the record's text.
    start: usize,
    /// Where text follows the closing quote; `None` when the quote is never closed.
    after_quote: Option<usize>,
    delimiter: u8,
}

impl Quoting {
    /// The first quoting problem in the text of a record (with its line end, and any blank
    /// lines before it), read as the csv reader reads: a quote opens a field only as its first
    /// character, and `""` in a quoted field is one quote. Spaces after a closing quote are fine.
    fn check(text: &str, delimiter: u8) -> Option<Quoting> {
        #[derive(PartialEq)]
        enum State {
            FieldStart,
            Unquoted,
            Quoted,
            /// After a quote in a quoted field: closed, unless another quote follows.
            Closed,
        }
        let bytes = text.as_bytes();
        if !bytes.contains(&b'"') {
            return None;
        }
        let (mut state, mut field, mut start) = (State::FieldStart, 0, 0);
        for (index, &byte) in bytes.iter().enumerate() {
            let ends_field = byte == delimiter || byte == b'\n' || byte == b'\r';
            state = match state {
                State::Quoted if byte == b'"' => State::Closed,
                State::Quoted => State::Quoted,
                State::Closed if byte == b'"' => State::Quoted,
                State::Closed if byte == b' ' || byte == b'\t' => State::Closed,
                State::Closed if !ends_field => {
                    let after_quote = Some(index);
                    return Some(Quoting {
                        field,
                        start,
                        after_quote,
                        delimiter,
                    });
                }
                State::FieldStart if byte == b'"' => {
                    start = index;
                    State::Quoted
                }
                _ if ends_field => {
                    field = if byte == delimiter { field + 1 } else { 0 };
                    State::FieldStart
                }
                _ => State::Unquoted,
            };
        }
        (state == State::Quoted).then_some(Quoting {
            field,
            start,
            after_quote: None,
            delimiter,
        })
    }

    /// The field as written (an unclosed one up to its line's end) and what was expected
    /// instead.
    fn describe(&self, record: &str) -> (String, &'static str) {
        let field = &record[self.start..];
        match self.after_quote {
            None => (
                excerpt(field.split(['\r', '\n']).next().unwrap_or_default()),
                "opens a quoted field that is never closed: the file may be cut off, or a closing quote is missing",
            ),
            Some(at) => {
                // The quoted part may hold line ends; the text after it ends at the field's end.
                let after = &record[at..];
                let stops = [char::from(self.delimiter), '\r', '\n'];
                let end = at - self.start + after.find(stops).unwrap_or(after.len());
                (
                    excerpt(&field[..end]),
                    "has text after its closing quote: quote the whole field, and write a quote inside it as two (\"\")",
                )
            }
        }
    }
}

/// What to do when the header holds the required columns only when split at another separator
/// than the one it is read with; `None` when it does not.
fn other_separator(header: &str, delimiter: u8, required: &[&str]) -> Option<String> {
    let line = header.split(['\r', '\n']).next().unwrap_or_default();
    let fits = |separator: char| {
        let columns: Vec<&str> = line.split(separator).map(str::trim).collect();
        required.iter().all(|c| columns.contains(c))
    };
    let advice = match delimiter {
        b',' if fits(';') => {
            "looks semicolon-separated, but is read with separator ','. Read it in its dialect: --dialect dutch-excel or --dialect detect (in the library Loader::dialect(Dialect::DUTCH_EXCEL) or Loader::detect())"
        }
        b';' if fits(',') => {
            "looks comma-separated, but is read with separator ';'. Read it in its dialect: --dialect canonical or --dialect detect (in the library Loader::new() or Loader::detect())"
        }
        _ if fits('\t') => {
            "looks tab-separated, which no dialect reads: save it as CSV (in Excel: CSV UTF-8, or CSV (puntkomma-gescheiden))"
        }
        _ => return None,
    };
    Some(advice.to_string())
}

/// How to write a value so that it reads the same in every dialect: whole numbers without a
/// thousands separator, others only once the file's dialect is stated (a decimal comma and a
/// decimal point each read as a thousands separator in the other convention).
fn unambiguous(value: Decimal) -> String {
    let value = value.normalize();
    if value.fract().is_zero() {
        format!("for {value} write {value}")
    } else {
        format!(
            "for {value} state the file's dialect (--dialect canonical for a decimal point, dutch-excel for a decimal comma; Loader::dialect in the library)"
        )
    }
}
