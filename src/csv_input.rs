//! CSV files -> [`Model`], with every finding located by file, line and column.
//!
//! A model is a folder of CSV files (the schema is in the README):
//! `region.csv` (optional), `norms.csv`, `shortage.csv`, `themes.csv`, `sectors.csv`,
//! `parameters.csv`, `ranges.csv` (optional), `initiatives.csv`, `effects.csv` and
//! `scenarios.csv` (optional). Columns are found by their header name,
//! in any order. How the files are written (separator, number format, encoding) is a
//! [`Dialect`]: the crate's canonical one unless a [`Loader`] is told otherwise or told to detect
//! it per file. All findings of all files are reported together, graded by [`Severity`](crate::Severity): errors
//! stop the load, warnings and infos come back with the model.
//!
//! ```
//! use workforce_gap::csv_input::Loader;
//! use workforce_gap::dialect::Dialect;
//!
//! let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/tiny");
//! let loaded = Loader::new().dialect(Dialect::CANONICAL).load_dir(dir)?;
//! assert_eq!(loaded.model.initiatives.len(), 2);
//! for finding in &loaded.findings {
//!     println!("{finding}"); // warnings and infos
//! }
//! # Ok::<(), workforce_gap::Error>(())
//! ```

use crate::dialect::Dialect;
use crate::error::{Error, Finding, Kind, Origin};
use crate::formula::Expr;
use crate::hash::{FastMap, map_with_capacity};
use crate::model::{
    DEFAULT_NORMS, Distribution, Effect, EffectUnit, Initiative, Model, Norms, Parameter,
    Published, Range, Region, Scope, Sector, Shortage, ShortageUnit, Status, Theme, ThemeShare,
    Timing,
};
use crate::number::{NumberError, NumberFormat};
use crate::scenario::{Scenario, Setting, SettingKind, Target};
use crate::units::{PartTimeFactor, Persons, WorkingHours};
use csv::StringRecord;
use rust_decimal::Decimal;
use serde::Deserialize;
use std::borrow::Cow;
use std::path::{Path, PathBuf};

/// The files a model is read from, in the order they are read.
pub const FILES: [&str; 10] = [
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
];

/// The files a model may do without: a region whose initiatives are not quantified needs only
/// its shortage, themes and initiatives.
pub const OPTIONAL: [&str; 7] = [
    "region.csv",
    "norms.csv",
    "sectors.csv",
    "parameters.csv",
    "ranges.csv",
    "effects.csv",
    "scenarios.csv",
];

/// Reads a model in the canonical dialect from a folder holding the files in [`FILES`].
pub fn load_dir(dir: impl AsRef<Path>) -> Result<Model, Error> {
    Loader::new().load_dir(dir).map(|loaded| loaded.model)
}

/// Reads a model in the canonical dialect from files recognised by their names (see [`FILES`]).
pub fn load_files(paths: &[PathBuf]) -> Result<Model, Error> {
    Loader::new().load_files(paths).map(|loaded| loaded.model)
}

/// Reads a model in the canonical dialect from `(file name, contents)` pairs.
pub fn from_texts(files: &[(&str, &str)]) -> Result<Model, Error> {
    let bytes: Vec<(&str, &[u8])> = files
        .iter()
        .map(|(name, text)| (*name, text.as_bytes()))
        .collect();
    Loader::new().load_bytes(&bytes).map(|loaded| loaded.model)
}

/// A model and the warnings and infos found while loading it.
#[derive(Clone, Debug)]
pub struct Loaded {
    /// The model, ready to evaluate.
    pub model: Model,
    /// Findings that did not stop the load (warnings and infos), sorted by file and line.
    pub findings: Vec<Finding>,
}

/// How the files' dialect is chosen.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum DialectChoice {
    Fixed(Dialect),
    Detect,
}

/// Loads a model from CSV files in a stated or detected [`Dialect`].
#[derive(Clone, Copy, Debug)]
pub struct Loader {
    dialect: DialectChoice,
}

impl Default for Loader {
    fn default() -> Self {
        Loader::new()
    }
}

impl Loader {
    /// A loader for the canonical dialect.
    pub fn new() -> Self {
        Loader {
            dialect: DialectChoice::Fixed(Dialect::CANONICAL),
        }
    }

    /// The loader a command-line option names: `canonical`, `dutch-excel` or `detect`.
    pub fn named(name: &str) -> Option<Loader> {
        match name {
            "canonical" => Some(Loader::new()),
            "dutch-excel" => Some(Loader::new().dialect(Dialect::DUTCH_EXCEL)),
            "detect" => Some(Loader::new().detect()),
            _ => None,
        }
    }

    /// Reads every file in this dialect.
    pub fn dialect(self, dialect: Dialect) -> Self {
        Loader {
            dialect: DialectChoice::Fixed(dialect),
        }
    }

    /// Detects each file's dialect with [`Dialect::detect`], and reports what it found as an
    /// info finding.
    pub fn detect(self) -> Self {
        Loader {
            dialect: DialectChoice::Detect,
        }
    }

    /// Reads a folder holding the files in [`FILES`]; a folder without `region.csv` names the
    /// region after itself.
    pub fn load_dir(&self, dir: impl AsRef<Path>) -> Result<Loaded, Error> {
        let dir = dir.as_ref();
        if !dir.is_dir() {
            let source = std::io::Error::new(std::io::ErrorKind::NotFound, "no such folder");
            return Err(Error::Io {
                path: dir.to_path_buf(),
                source,
            });
        }
        let paths: Vec<PathBuf> = FILES
            .iter()
            .map(|name| dir.join(name))
            .filter(|p| p.exists())
            .collect();
        let mut loaded = self.load_files(&paths)?;
        if loaded.model.region.name.is_empty() {
            loaded.model.region.name = dir
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
        }
        Ok(loaded)
    }

    /// Reads files recognised by their names (see [`FILES`]), wherever they are.
    pub fn load_files(&self, paths: &[PathBuf]) -> Result<Loaded, Error> {
        let mut contents = Vec::with_capacity(paths.len());
        for path in paths {
            let bytes = std::fs::read(path).map_err(|source| Error::Io {
                path: path.clone(),
                source,
            })?;
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            contents.push((name, bytes));
        }
        let named: Vec<(&str, &[u8])> = contents
            .iter()
            .map(|(n, b)| (n.as_str(), b.as_slice()))
            .collect();
        self.load_bytes(&named)
    }

    /// Reads `(file name, bytes)` pairs; the names say which file is which.
    ///
    /// A record with a bad field is still kept (with a placeholder) so that it does not cause
    /// follow-on findings elsewhere; the model is only returned when there are no errors.
    pub fn load_bytes(&self, files: &[(&str, &[u8])]) -> Result<Loaded, Error> {
        let mut reader = Reader::default();
        for (name, _) in files {
            if !FILES.contains(name) {
                let expected = format!(
                    "is not a file of the model: expected one of {}",
                    FILES.join(", ")
                );
                reader
                    .findings
                    .push(Finding::new(Kind::UnknownFile, None, "", *name, expected));
            }
        }
        for name in FILES {
            if !files.iter().any(|(n, _)| *n == name) && !OPTIONAL.contains(&name) {
                let expected = "is missing: the model needs this file";
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
        model.themes = reader.named(themes, |row, origin| Theme {
            id: row.id.to_string(),
            name: row.name.to_string(),
            origin: Some(origin),
        });
        let sectors = reader.file(&texts, "sectors.csv");
        model.sectors = reader.named(sectors, |row, origin| Sector {
            id: row.id.to_string(),
            name: row.name.to_string(),
            origin: Some(origin),
        });
        let parameters = reader.file(&texts, "parameters.csv");
        model.parameters = reader.parameters(parameters);
        let ranges = reader.file(&texts, "ranges.csv");
        reader.attach_ranges(&mut model.parameters, ranges);
        let initiatives = reader.file(&texts, "initiatives.csv");
        model.initiatives = reader.initiatives(initiatives);
        let effects = reader.file(&texts, "effects.csv");
        reader.attach_effects(&mut model, effects);
        let scenarios = reader.file(&texts, "scenarios.csv");
        model.scenarios = reader.scenarios(scenarios);

        let mut findings = reader.findings;
        if findings.iter().any(Finding::is_error) {
            // Records with errors stand in with placeholders: check only what cannot be evaluated,
            // as warnings about placeholders would mislead. The warnings come once the errors are fixed.
            findings.extend(model.validate());
        } else {
            findings.extend(model.check());
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
        _ => &[],
    }
}

#[derive(Default)]
struct Reader {
    findings: Vec<Finding>,
    /// The number format of the file being read.
    numbers: NumberFormat,
}

impl Reader {
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
        let dialect = match choice {
            DialectChoice::Fixed(dialect) => dialect,
            DialectChoice::Detect => {
                let dialect = Dialect::detect(bytes);
                let value = describe(&dialect);
                let origin = Origin {
                    file: name.to_string(),
                    line: 1,
                };
                self.finding(
                    Kind::DetectedDialect,
                    &origin,
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
                let line = 1 + bytes[..valid].iter().filter(|&&b| b == b'\n').count() as u64;
                let origin = Origin {
                    file: name.to_string(),
                    line,
                };
                let expected = "is not valid UTF-8: save the file as UTF-8, or state or detect the Windows-1252 dialect";
                let value = format!("byte {}", valid + 1);
                self.finding(Kind::Encoding, &origin, "", &value, expected);
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
        self.numbers = dialect.numbers;
        let delimiter = dialect.delimiter;
        let mut csv = csv::ReaderBuilder::new()
            .delimiter(delimiter)
            .flexible(true)
            .from_reader(text.as_bytes());
        let header_origin = Origin {
            file: name.to_string(),
            line: 1,
        };
        let mut headers = match csv.headers() {
            Ok(headers) => trimmed(headers),
            Err(error) => {
                let expected = format!("is not a readable CSV header: {error}");
                self.finding(Kind::MalformedRecord, &header_origin, "", "", expected);
                return Records::none(name);
            }
        };
        while headers.len() > 1 && headers.get(headers.len() - 1) == Some("") {
            headers.truncate(headers.len() - 1);
        }
        let missing: Vec<&str> = required_columns(name)
            .iter()
            .copied()
            .filter(|c| !headers.iter().any(|h| h == *c))
            .collect();
        for column in &missing {
            let expected = format!(
                "is a required column missing from the header (read with separator {:?})",
                char::from(delimiter)
            );
            self.finding(Kind::MissingColumn, &header_origin, column, "", expected);
        }
        if !missing.is_empty() {
            return Records::none(name);
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

    /// Themes or sectors, each made by `make` from its row.
    fn named<T>(&mut self, mut records: Records, make: impl Fn(NamedRow, Origin) -> T) -> Vec<T> {
        let mut all = Vec::new();
        while let Some(origin) = records.advance(self) {
            if let Some(row) = records.row(self, &origin) {
                all.push(make(row, origin));
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
                    "is ambiguous: {dutch} in Dutch, {english} in English; state the file's dialect, or write it without a thousands separator"
                );
                self.finding(Kind::AmbiguousNumber, origin, column, raw, expected);
                None
            }
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
    fn published(&mut self, origin: &Origin, column: &str, raw: &str) -> Option<Published> {
        if raw.is_empty() {
            return None;
        }
        let published = Published::parse_with(raw, self.numbers);
        if published.is_none() {
            let expected = "is not a published figure: expected a number like 28, -3 or 35%, or a range like 0 - 1; the audit treats it as unpublished";
            self.finding(Kind::UnreadablePublished, origin, column, raw, expected);
        }
        published
    }

    fn region(&mut self, mut records: Records) -> Region {
        let mut region = Region::default();
        let mut sources = Vec::new();
        while let Some(origin) = records.advance(self) {
            let Some(row) = records.row::<RegionRow>(self, &origin) else {
                continue;
            };
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
            let pending = [row.working_hours_per_year, row.part_time_factor]
                .iter()
                .any(|v| v.eq_ignore_ascii_case("pending"));
            let (hours, factor) = if pending {
                (Some(Decimal::ONE), Some(Decimal::ONE))
            } else {
                let hours = self.decimal(
                    &origin,
                    "working_hours_per_year",
                    row.working_hours_per_year,
                );
                (
                    hours,
                    self.decimal(&origin, "part_time_factor", row.part_time_factor),
                )
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
                let unit = ShortageUnit::parse(row.unit);
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

    fn parameters(&mut self, mut records: Records) -> Vec<Parameter> {
        let mut all = Vec::new();
        while let Some(origin) = records.advance(self) {
            let Some(row) = records.row::<ParameterRow>(self, &origin) else {
                continue;
            };
            let pending = row.value.eq_ignore_ascii_case("pending");
            let value = if pending {
                Some(Decimal::ZERO)
            } else {
                self.decimal(&origin, "value", row.value)
            };
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
            if !is_name(row.name) {
                let expected = "is not a parameter name: expected letters, digits and _, starting with a letter or _";
                self.finding(Kind::InvalidName, &origin, "name", row.name, expected);
            }
            let scope = match row.scope {
                "region" => Scope::Region,
                id => Scope::Initiative(id.to_string()),
            };
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
        all
    }

    fn attach_ranges(&mut self, parameters: &mut [Parameter], mut records: Records) {
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
                let distribution = Distribution::parse(row.distribution);
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
                        .map(|s| Status::parse(s.trim()))
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
                        let expected = "is not a target: expected scope.name, norms.<id>.working_hours_per_year or norms.<id>.part_time_factor";
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
            match scenarios.iter_mut().find(|s| s.name == row.scenario) {
                Some(scenario) => scenario.settings.push(setting),
                None => scenarios.push(Scenario {
                    name: row.scenario.to_string(),
                    settings: vec![setting],
                }),
            }
        }
        scenarios
    }

    fn initiatives(&mut self, mut records: Records) -> Vec<Initiative> {
        let mut all = Vec::new();
        while let Some(origin) = records.advance(self) {
            let Some(row) = records.row::<InitiativeRow>(self, &origin) else {
                continue;
            };
            let status = Status::parse(row.status);
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
            let timing = Timing {
                start_year: self.year(&origin, "start_year", row.start_year),
                full_year: self.year(&origin, "full_year", row.full_year),
                growth: (!row.growth.is_empty()).then(|| row.growth.to_string()),
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
                timing,
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
            let unit = EffectUnit::parse(row.unit);
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
                    let expected = format!(
                        "is not a formula: {} at character {}",
                        error.expected, error.position
                    );
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
                    let origin = Origin {
                        file: self.file.to_string(),
                        line,
                    };
                    let expected = format!("is not a valid CSV record: {error}");
                    reader.finding(Kind::MalformedRecord, &origin, "", "", expected);
                    continue;
                }
            }
            let line = self.raw.position().map_or(0, |p| self.lines.at(p.byte()));
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
            let origin = Origin {
                file: self.file.to_string(),
                line,
            };
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
/// the end of the line before; counting the newlines up to the record's first character is right
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
            self.line += bytes[self.at..start]
                .iter()
                .filter(|&&b| b == b'\n')
                .count() as u64;
            self.at = start;
        }
        self.line
    }
}

/// A detected dialect in words, for the info finding.
fn describe(dialect: &Dialect) -> String {
    let encoding = match dialect.encoding {
        crate::dialect::Encoding::Utf8 => "UTF-8",
        crate::dialect::Encoding::Windows1252 => "Windows-1252",
    };
    format!(
        "separator {:?}, {} numbers, {encoding}",
        char::from(dialect.delimiter),
        dialect.numbers.name()
    )
}

fn is_name(text: &str) -> bool {
    let mut chars = text.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}
