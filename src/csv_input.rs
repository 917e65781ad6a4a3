//! CSV files -> [`Model`], with every problem located by file, line and column.
//!
//! A model is a folder of CSV files (the schema is in the README):
//! `region.csv` (optional), `norms.csv`, `shortage.csv`, `themes.csv`, `sectors.csv`,
//! `parameters.csv`, `initiatives.csv` and `effects.csv`. Columns are found by their header name,
//! in any order. Numbers use the one canonical format of [`crate::number`]. All problems of all
//! files are reported together.

use crate::error::{Error, Origin, Problem};
use crate::formula::Expr;
use crate::model::{
    DEFAULT_NORMS, Effect, EffectUnit, Initiative, Model, Norms, Parameter, Published, Region,
    Scope, Sector, Shortage, Status, Theme, ThemeShare,
};
use crate::number::{EXPECTED_NUMBER, parse_decimal};
use crate::units::{PartTimeFactor, Persons, WorkingHours};
use rust_decimal::Decimal;
use serde::Deserialize;
use serde::de::DeserializeOwned;
use std::path::{Path, PathBuf};

/// The files a model is read from, in the order they are read.
pub const FILES: [&str; 8] = [
    "region.csv",
    "norms.csv",
    "shortage.csv",
    "themes.csv",
    "sectors.csv",
    "parameters.csv",
    "initiatives.csv",
    "effects.csv",
];

const OPTIONAL: [&str; 1] = ["region.csv"];

/// Reads a model from a folder holding the files in [`FILES`].
pub fn load_dir(dir: impl AsRef<Path>) -> Result<Model, Error> {
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
    load_files(&paths)
}

/// Reads a model from files recognised by their names (see [`FILES`]), wherever they are.
pub fn load_files(paths: &[PathBuf]) -> Result<Model, Error> {
    let mut texts = Vec::with_capacity(paths.len());
    for path in paths {
        let text = std::fs::read_to_string(path).map_err(|source| Error::Io {
            path: path.clone(),
            source,
        })?;
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        texts.push((name, text));
    }
    let named: Vec<(&str, &str)> = texts
        .iter()
        .map(|(n, t)| (n.as_str(), t.as_str()))
        .collect();
    from_texts(&named)
}

/// Reads a model from `(file name, contents)` pairs; the names say which file is which.
///
/// A record with a bad field is still kept (with a placeholder) so that it does not cause
/// follow-on problems elsewhere; the model is only returned when there are no problems at all.
pub fn from_texts(files: &[(&str, &str)]) -> Result<Model, Error> {
    let mut reader = Reader::default();
    for (name, _) in files {
        if !FILES.contains(name) {
            let expected = format!(
                "is not a file of the model: expected one of {}",
                FILES.join(", ")
            );
            reader
                .problems
                .push(Problem::new(None, "", *name, expected));
        }
    }
    for name in FILES {
        if !files.iter().any(|(n, _)| *n == name) && !OPTIONAL.contains(&name) {
            reader.problems.push(Problem::new(
                None,
                "",
                name,
                "is missing: the model needs this file",
            ));
        }
    }
    let mut model = Model::default();
    let regions = reader.file(files, "region.csv");
    model.region = reader.region(regions);
    let norms = reader.file(files, "norms.csv");
    model.norms = reader.norms(norms);
    let shortages = reader.file(files, "shortage.csv");
    model.shortages = reader.shortages(shortages);
    model.themes = reader
        .file(files, "themes.csv")
        .into_iter()
        .map(|(origin, row): (Origin, NamedRow)| Theme {
            id: row.id,
            name: row.name,
            origin: Some(origin),
        })
        .collect();
    model.sectors = reader
        .file(files, "sectors.csv")
        .into_iter()
        .map(|(origin, row): (Origin, NamedRow)| Sector {
            id: row.id,
            name: row.name,
            origin: Some(origin),
        })
        .collect();
    let parameters = reader.file(files, "parameters.csv");
    model.parameters = reader.parameters(parameters);
    let initiatives = reader.file(files, "initiatives.csv");
    model.initiatives = reader.initiatives(initiatives);
    let effects = reader.file(files, "effects.csv");
    reader.attach_effects(&mut model, effects);

    let mut problems = reader.problems;
    problems.extend(model.validate());
    problems.sort();
    problems.dedup();
    if problems.is_empty() {
        Ok(model)
    } else {
        Err(Error::Input { problems })
    }
}

#[derive(Deserialize)]
struct RegionRow {
    key: String,
    value: String,
    #[serde(default)]
    source: String,
}

#[derive(Deserialize)]
struct NormsRow {
    norms: String,
    working_hours_per_year: String,
    part_time_factor: String,
    #[serde(default)]
    source: String,
}

#[derive(Deserialize)]
struct ShortageRow {
    year: String,
    scenario: String,
    persons: String,
    #[serde(default)]
    source: String,
}

#[derive(Deserialize)]
struct NamedRow {
    id: String,
    name: String,
}

#[derive(Deserialize)]
struct ParameterRow {
    scope: String,
    name: String,
    value: String,
    #[serde(default)]
    unit: String,
    #[serde(default)]
    label: String,
    #[serde(default)]
    source: String,
    #[serde(default)]
    assumption: String,
}

#[derive(Deserialize)]
struct InitiativeRow {
    id: String,
    name: String,
    #[serde(default)]
    submitted_by: String,
    status: String,
    themes: String,
    #[serde(default)]
    published: String,
    #[serde(default)]
    seed_line: String,
    #[serde(default)]
    note: String,
}

#[derive(Deserialize)]
struct EffectRow {
    initiative: String,
    effect: String,
    sector: String,
    unit: String,
    #[serde(default)]
    norms: String,
    formula: String,
    #[serde(default)]
    reading: String,
}

/// The columns each file must have (the rest are optional).
fn required_columns(file: &str) -> &'static [&'static str] {
    match file {
        "region.csv" => &["key", "value"],
        "norms.csv" => &["norms", "working_hours_per_year", "part_time_factor"],
        "shortage.csv" => &["year", "scenario", "persons"],
        "themes.csv" | "sectors.csv" => &["id", "name"],
        "parameters.csv" => &["scope", "name", "value"],
        "initiatives.csv" => &["id", "name", "status", "themes"],
        "effects.csv" => &["initiative", "effect", "sector", "unit", "formula"],
        _ => &[],
    }
}

#[derive(Default)]
struct Reader {
    problems: Vec<Problem>,
}

impl Reader {
    fn problem(&mut self, origin: &Origin, column: &str, value: &str, expected: impl Into<String>) {
        self.problems
            .push(Problem::new(Some(origin), column, value, expected));
    }

    /// The rows of the file with this name, if it was given.
    fn file<T: DeserializeOwned>(
        &mut self,
        files: &[(&str, &str)],
        name: &str,
    ) -> Vec<(Origin, T)> {
        match files.iter().find(|(n, _)| *n == name) {
            Some((_, text)) => self.rows(name, text),
            None => Vec::new(),
        }
    }

    /// Reads every record of one file into rows, noting malformed records and missing columns.
    fn rows<T: DeserializeOwned>(&mut self, file: &str, text: &str) -> Vec<(Origin, T)> {
        let mut csv = csv::ReaderBuilder::new()
            .trim(csv::Trim::All)
            .from_reader(text.as_bytes());
        let header_origin = Origin {
            file: file.to_string(),
            line: 1,
        };
        let headers = match csv.headers() {
            Ok(headers) => headers.clone(),
            Err(error) => {
                self.problem(
                    &header_origin,
                    "",
                    "",
                    format!("is not a readable CSV header: {error}"),
                );
                return Vec::new();
            }
        };
        let missing: Vec<&str> = required_columns(file)
            .iter()
            .copied()
            .filter(|c| !headers.iter().any(|h| h == *c))
            .collect();
        for column in &missing {
            self.problem(
                &header_origin,
                column,
                "",
                "is a required column missing from the header",
            );
        }
        if !missing.is_empty() {
            return Vec::new();
        }
        let mut rows = Vec::new();
        for record in csv.records() {
            match record {
                Ok(record) => {
                    let line = record.position().map_or(0, |p| p.line());
                    let origin = Origin {
                        file: file.to_string(),
                        line,
                    };
                    if record.iter().all(str::is_empty) {
                        continue;
                    }
                    match record.deserialize::<T>(Some(&headers)) {
                        Ok(row) => rows.push((origin, row)),
                        Err(error) => {
                            self.problem(&origin, "", "", format!("is not a valid record: {error}"))
                        }
                    }
                }
                Err(error) => {
                    let line = error.position().map_or(0, |p| p.line());
                    let origin = Origin {
                        file: file.to_string(),
                        line,
                    };
                    let expected = match error.kind() {
                        csv::ErrorKind::UnequalLengths {
                            expected_len, len, ..
                        } => {
                            format!("has {len} fields where the header has {expected_len}")
                        }
                        _ => format!("is not a valid CSV record: {error}"),
                    };
                    self.problem(&origin, "", "", expected);
                }
            }
        }
        rows
    }

    fn decimal(&mut self, origin: &Origin, column: &str, raw: &str) -> Option<Decimal> {
        let value = parse_decimal(raw);
        if value.is_none() {
            self.problem(origin, column, raw, EXPECTED_NUMBER);
        }
        value
    }

    fn region(&mut self, rows: Vec<(Origin, RegionRow)>) -> Region {
        let mut region = Region::default();
        let mut sources = Vec::new();
        for (origin, row) in rows {
            let published = |reader: &mut Self| {
                let value = Published::parse(&row.value);
                if value.is_none() {
                    let expected = "is not a published figure: expected a number like 1650 or 35%, or a range like 1500 - 1700";
                    reader.problem(&origin, "value", &row.value, expected);
                }
                value
            };
            match row.key.as_str() {
                "name" => region.name = row.value.clone(),
                "published_total" => region.published_total = published(self),
                "published_share" => region.published_share = published(self),
                other => {
                    let expected = "is not a key of region.csv: expected name, published_total or published_share";
                    self.problem(&origin, "key", other, expected);
                }
            }
            if !row.source.is_empty() {
                sources.push(row.source);
            }
        }
        region.source = sources.join("; ");
        region
    }

    fn norms(&mut self, rows: Vec<(Origin, NormsRow)>) -> Vec<Norms> {
        let mut all = Vec::new();
        for (origin, row) in rows {
            let hours = self.decimal(
                &origin,
                "working_hours_per_year",
                &row.working_hours_per_year,
            );
            let factor = self.decimal(&origin, "part_time_factor", &row.part_time_factor);
            all.push(Norms {
                id: row.norms,
                working_hours: WorkingHours::new(hours.unwrap_or(Decimal::ONE)),
                part_time_factor: PartTimeFactor::new(factor.unwrap_or(Decimal::ONE)),
                source: row.source,
                origin: Some(origin),
            });
        }
        all
    }

    fn shortages(&mut self, rows: Vec<(Origin, ShortageRow)>) -> Vec<Shortage> {
        let mut all = Vec::new();
        for (origin, row) in rows {
            let year = row.year.parse::<u16>().ok();
            if year.is_none() {
                self.problem(
                    &origin,
                    "year",
                    &row.year,
                    "is not a year: expected four digits, like 2032",
                );
            }
            let persons = self.decimal(&origin, "persons", &row.persons);
            all.push(Shortage {
                year: year.unwrap_or_default(),
                scenario: row.scenario,
                persons: Persons::new(persons.unwrap_or_default()),
                source: row.source,
                origin: Some(origin),
            });
        }
        all
    }

    fn parameters(&mut self, rows: Vec<(Origin, ParameterRow)>) -> Vec<Parameter> {
        let mut all = Vec::new();
        for (origin, row) in rows {
            let value = self.decimal(&origin, "value", &row.value);
            let assumption = match row.assumption.as_str() {
                "yes" => true,
                "no" | "" => false,
                other => {
                    self.problem(&origin, "assumption", other, "is not yes or no");
                    false
                }
            };
            if !is_name(&row.name) {
                let expected = "is not a parameter name: expected letters, digits and _, starting with a letter or _";
                self.problem(&origin, "name", &row.name, expected);
            }
            let scope = match row.scope.as_str() {
                "region" => Scope::Region,
                id => Scope::Initiative(id.to_string()),
            };
            all.push(Parameter {
                scope,
                name: row.name,
                value: value.unwrap_or_default(),
                unit: row.unit,
                label: row.label,
                source: row.source,
                assumption,
                origin: Some(origin),
            });
        }
        all
    }

    fn initiatives(&mut self, rows: Vec<(Origin, InitiativeRow)>) -> Vec<Initiative> {
        let mut all = Vec::new();
        for (origin, row) in rows {
            let status = Status::parse(&row.status);
            if status.is_none() {
                let expected =
                    "is not a status: expected running, planned, running-or-planned or additional";
                self.problem(&origin, "status", &row.status, expected);
            }
            let themes = self.theme_shares(&origin, &row.themes);
            let published = if row.published.is_empty() {
                None
            } else {
                let published = Published::parse(&row.published);
                if published.is_none() {
                    let expected = "is not a published figure: expected a number like 28 or -3, or a range like 0 - 1";
                    self.problem(&origin, "published", &row.published, expected);
                }
                published
            };
            let source_line = if row.seed_line.is_empty() {
                None
            } else {
                let line = row.seed_line.parse::<u64>().ok();
                if line.is_none() {
                    self.problem(&origin, "seed_line", &row.seed_line, "is not a line number");
                }
                line
            };
            all.push(Initiative {
                id: row.id,
                name: row.name,
                submitted_by: row.submitted_by,
                status: status.unwrap_or(Status::RunningOrPlanned),
                themes,
                published,
                source_line,
                note: row.note,
                effects: Vec::new(),
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

    fn attach_effects(&mut self, model: &mut Model, rows: Vec<(Origin, EffectRow)>) {
        for (origin, row) in rows {
            let unit = EffectUnit::parse(&row.unit);
            if unit.is_none() {
                self.problem(
                    &origin,
                    "unit",
                    &row.unit,
                    "is not a unit: expected hours, fte or persons",
                );
            }
            let formula = match Expr::parse(&row.formula) {
                Ok(formula) => Some(formula),
                Err(error) => {
                    let expected = format!(
                        "is not a formula: {} at character {}",
                        error.expected, error.position
                    );
                    self.problem(&origin, "formula", &row.formula, expected);
                    None
                }
            };
            let Some(initiative) = model
                .initiatives
                .iter_mut()
                .find(|i| i.id == row.initiative)
            else {
                self.problem(
                    &origin,
                    "initiative",
                    &row.initiative,
                    "is not an initiative id of initiatives.csv",
                );
                continue;
            };
            if let Some(formula) = formula {
                let norms = if row.norms.is_empty() {
                    DEFAULT_NORMS.to_string()
                } else {
                    row.norms
                };
                initiative.effects.push(Effect {
                    id: row.effect,
                    sector: row.sector,
                    unit: unit.unwrap_or(EffectUnit::Hours),
                    norms,
                    formula,
                    reading: row.reading,
                    origin: Some(origin),
                });
            }
        }
    }
}

fn is_name(text: &str) -> bool {
    let mut chars = text.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}
