//! The crate's one error type, and the graded, located findings about input it carries.

use std::fmt;
use std::path::PathBuf;

/// Everything that can go wrong in this crate.
///
/// Input errors carry every problem found in the input at once, each located by file, line and
/// column, so a user can fix a file in one pass.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A file or folder could not be read.
    #[error("cannot read {}: {source}", path.display())]
    Io {
        /// The path that was being read.
        path: PathBuf,
        /// What the operating system said.
        source: std::io::Error,
    },
    /// The input (CSV files or a model built in Rust) has errors. Every finding is listed,
    /// warnings and infos too, sorted by file, line and column.
    #[error("{}", Findings(findings))]
    Input {
        /// Every finding, at least one of them an error.
        findings: Vec<Finding>,
    },
    /// A formula could not be parsed: the text, the character position and what was expected.
    #[error("{input:?} {expected} at character {position}")]
    Formula {
        /// The formula text.
        input: String,
        /// 1-based character position of the problem.
        position: usize,
        /// What was expected there, e.g. "expected a closing parenthesis".
        expected: String,
    },
    /// A computation overflowed or divided by zero.
    #[error("{context}: {kind}")]
    Arithmetic {
        /// What was being computed, e.g. `initiative "x", effect "y"`.
        context: String,
        /// What went wrong (also the error's source).
        #[source]
        kind: ArithmeticError,
    },
    /// A formula cannot be evaluated with the values it is given: the effect's file and line, the
    /// part of the formula that fails, the parameters it reads and what to change.
    #[error(transparent)]
    Evaluation(Box<EvaluationError>),
    /// A shortage in FTE or as a share cannot be set against persons without the input that
    /// converts it.
    #[error("cannot set a shortage of {what} against staff freed in persons without {needs}")]
    Units {
        /// The shortage, as stated.
        what: String,
        /// The input that is missing.
        needs: String,
    },
    /// Writing the output failed: the writer's own error, so that a caller can tell a reader
    /// that went away (`io::ErrorKind::BrokenPipe`) from a full disk.
    #[error("cannot write the output: {source}")]
    Write {
        /// What the writer said.
        source: std::io::Error,
    },
}

impl From<csv::Error> for Error {
    /// A CSV writer's error: its I/O error as it was, anything else wrapped in one.
    fn from(error: csv::Error) -> Self {
        let source = match error.is_io_error() {
            true => match error.into_kind() {
                csv::ErrorKind::Io(source) => source,
                other => std::io::Error::other(format!("{other:?}")),
            },
            false => std::io::Error::other(error),
        };
        Error::Write { source }
    }
}

impl Error {
    /// The located findings, if this is an input error; empty otherwise.
    pub fn findings(&self) -> &[Finding] {
        match self {
            Error::Input { findings } => findings,
            _ => &[],
        }
    }

    /// True when the error is about the input (files or model), not about I/O or arithmetic.
    pub fn is_input(&self) -> bool {
        matches!(self, Error::Input { .. } | Error::Formula { .. })
    }

    /// One value that is none of what its column allows, as an input error without a place.
    pub(crate) fn invalid_value(column: &str, value: &str, expected: impl Into<String>) -> Error {
        let finding = Finding::new(Kind::InvalidValue, None, column, value, expected);
        Error::Input {
            findings: vec![finding],
        }
    }

    /// The operating system's error, when reading or writing failed: its
    /// [`kind()`](std::io::Error::kind) tells a missing file or a closed pipe from the rest.
    pub fn io_error(&self) -> Option<&std::io::Error> {
        match self {
            Error::Io { source, .. } | Error::Write { source } => Some(source),
            _ => None,
        }
    }
}

/// An arithmetic failure; exact decimals never round silently into infinity.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ArithmeticError {
    /// A result did not fit in a 96-bit decimal.
    #[error("the result is too large for an exact decimal")]
    Overflow,
    /// A divisor was zero.
    #[error("division by zero")]
    DivisionByZero,
}

/// An effect's formula that overflows or divides by zero with the values it is given (a divisor
/// parameter set to 0, values too large for a decimal), located so that a user can fix the input.
/// Its [`source()`](std::error::Error::source) is the [`ArithmeticError`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EvaluationError {
    /// The initiative's id.
    pub initiative: String,
    /// The effect's id.
    pub effect: String,
    /// Where the effect was read (`effects.csv` and its line); `None` for a model built in Rust.
    pub origin: Option<Origin>,
    /// The part of the formula whose operation fails, e.g. `population / (contacts - 4)`, or the
    /// conversion of the formula's value by its norms.
    pub part: String,
    /// For a division by zero: the divisor, as written, and its value.
    pub divisor: Option<(String, String)>,
    /// The parameters the failing part reads, each once, in order of appearance.
    pub parameters: Vec<ParameterValue>,
    /// What went wrong.
    pub kind: ArithmeticError,
}

/// A parameter as a failing formula read it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParameterValue {
    /// Its name.
    pub name: String,
    /// The value the formula read (a point value, an interval of bounds or a Monte Carlo draw).
    pub value: String,
    /// Where it was set; `None` for a model built in Rust.
    pub origin: Option<Origin>,
}

impl fmt::Display for EvaluationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(origin) = &self.origin {
            write!(f, "{origin}, column \"formula\": ")?;
        }
        write!(
            f,
            "initiative {:?}, effect {:?}",
            self.initiative, self.effect
        )?;
        if self.origin.is_none() {
            f.write_str(" (not read from a file)")?;
        }
        write!(f, ": {:?} ", self.part)?;
        match self.kind {
            ArithmeticError::DivisionByZero => {
                f.write_str("divides by zero")?;
                // A lone parameter as divisor shows its value among the parameters below.
                let lone = |divisor: &String| self.parameters.iter().any(|p| p.name == *divisor);
                if let Some((divisor, value)) = self.divisor.as_ref().filter(|(d, _)| !lone(d)) {
                    write!(f, ": {divisor:?} is {value}")?;
                }
            }
            ArithmeticError::Overflow => write!(
                f,
                "is too large for an exact decimal (beyond ±{})",
                rust_decimal::Decimal::MAX
            )?,
        }
        for (position, parameter) in self.parameters.iter().enumerate() {
            let lead = if position == 0 { ", with" } else { "," };
            write!(f, "{lead} {} = {} ", parameter.name, parameter.value)?;
            match &parameter.origin {
                // Line 0 is no line of a file: a value set in code or on a command line.
                Some(origin) => write!(f, "({origin})")?,
                None => f.write_str("(not read from a file)")?,
            }
        }
        let names: Vec<&str> = self.parameters.iter().map(|p| p.name.as_str()).collect();
        let values = match names.len() {
            0 => String::new(),
            1 => format!("the value of {}, or ", names[0]),
            _ => format!("the values of {}, or ", names.join(", ")),
        };
        match self.kind {
            ArithmeticError::DivisionByZero => {
                write!(
                    f,
                    ". Change {values}the formula, so that the divisor is not 0"
                )
            }
            ArithmeticError::Overflow => write!(
                f,
                ". Check {values}the formula (a value in the wrong unit, a misplaced decimal point?)"
            ),
        }
    }
}

impl std::error::Error for EvaluationError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&self.kind)
    }
}

/// Where a record of the input came from: file and line (1-based, as an editor shows it). For
/// a sheet of a workbook, `file` names the workbook and the sheet (`plan.xlsx, sheet
/// "parameters"`) and `line` is the row, as Excel numbers it; it is shown as a row.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Origin {
    /// The file name as the user gave it (for embedded data: the file's name in `data/`).
    pub file: String,
    /// The line of the record in that file (a sheet's row); 0 for a change made elsewhere (`file` then says
    /// where: `set in code`, or a command-line argument), which is shown without a line.
    pub line: u64,
}

impl Origin {
    /// The file of a workbook's sheet, `plan.xlsx, sheet "parameters"`: its records are rows.
    #[cfg(any(feature = "xlsx", test))]
    pub(crate) fn sheet(workbook: &str, sheet: &str) -> String {
        format!("{workbook}, sheet \"{sheet}\"")
    }

    /// What a record of its file is called: a `row` of a sheet, a `line` of a CSV file.
    pub(crate) fn record(&self) -> &'static str {
        let sheet = self.file.ends_with('"') && self.file.contains(", sheet \"");
        if sheet { "row" } else { "line" }
    }
}

/// `parameters.csv line 4`, `plan.xlsx, sheet "parameters", row 4`, or the file alone for a
/// change made elsewhere (line 0). Text from the input is escaped (see [`Finding`]).
impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&printable(&self.file))?;
        match self.line {
            0 => Ok(()),
            row if self.record() == "row" => write!(f, ", row {row}"),
            line => write!(f, " line {line}"),
        }
    }
}

/// How bad a finding is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize),
    serde(rename_all = "lowercase")
)]
pub enum Severity {
    /// The model cannot be evaluated.
    Error,
    /// It can, but something is likely wrong.
    Warning,
    /// Worth knowing; nothing is wrong.
    Info,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        })
    }
}

/// What a finding is about; each kind has one severity.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize),
    serde(rename_all = "snake_case")
)]
pub enum Kind {
    /// A file the model needs is not there.
    MissingFile,
    /// A file the model does not know was given.
    UnknownFile,
    /// A path that is not a regular file: a folder, a FIFO, a device, a dangling symbolic link.
    NotAFile,
    /// A file above the loader's size limit, or a field above the length limit; a workbook whose
    /// parts would unpack beyond the limits (a zip bomb), or a sheet whose used cells span more
    /// rows or cells than a sheet may (see [`Loader::load_workbook`](crate::Loader)).
    TooLarge,
    /// A file's bytes are not text in its encoding.
    Encoding,
    /// The header reads as the file's columns only with the other separator.
    WrongSeparator,
    /// The header lacks a required column.
    MissingColumn,
    /// A record cannot be read (wrong number of fields, bad quoting).
    MalformedRecord,
    /// A value is not a number in the file's number format.
    NotANumber,
    /// A value reads as different numbers in Dutch and English, and the file states neither.
    AmbiguousNumber,
    /// A number an exact decimal cannot hold without rounding it (too many significant digits,
    /// or beyond the largest decimal): input is never rounded.
    InexactNumber,
    /// A value the model cannot mean: not one of the words the column allows (status, unit,
    /// yes/no, ...), an empty id, a year outside 1900-2200, a negative shortage, ...
    InvalidValue,
    /// A parameter name is not a valid name.
    InvalidName,
    /// A formula does not parse.
    InvalidFormula,
    /// An id or name refers to nothing (theme, sector, norms, initiative, parameter).
    UnknownReference,
    /// An id, name, region.csv key, header column or file is given twice.
    Duplicate,
    /// A norm is out of range: working hours not above zero, part-time factor outside (0, 1].
    InvalidNorm,
    /// Working hours per year outside the plausible 1,000 to 2,400, or a part-time factor below
    /// the plausible 0.3.
    ImplausibleNorm,
    /// A share or reduction outside 0-100%.
    ShareOutOfRange,
    /// A count, duration or population below zero.
    NegativeQuantity,
    /// A realised value far outside its parameter's range: more than the range's width beyond
    /// an end (a typo, or a plan far off).
    OutsideRange,
    /// Explicit theme weights that look like shares but do not add up to one, or a theme listed
    /// twice in one initiative (its weights are added up).
    ThemeWeights,
    /// An initiative without effects is not quantified and counts for nothing.
    NoEffects,
    /// A parameter no formula uses.
    UnusedParameter,
    /// A published figure that cannot be read; the audit treats it as unpublished.
    UnreadablePublished,
    /// Two initiatives with the same inputs and results: possibly counted twice.
    PossibleDoubleCount,
    /// The dialect a file was read in, when it was detected.
    DetectedDialect,
    /// An initiative waits for a value written `pending` (a base not yet known).
    Pending,
    /// A workbook that cannot be opened (password-protected, corrupt), or a sheet or cell of it
    /// the model does not read as a value: a hidden sheet, merged cells, a formula, a date, a
    /// duration, a boolean outside a yes/no column, or an error value (`#DIV/0!`) where the
    /// tables hold values.
    Workbook,
}

impl Kind {
    /// The severity of findings of this kind.
    pub const fn severity(self) -> Severity {
        use Kind::*;
        match self {
            MissingFile | UnknownFile | NotAFile | TooLarge | Encoding | WrongSeparator
            | MissingColumn | MalformedRecord | NotANumber | AmbiguousNumber | InexactNumber
            | InvalidValue | InvalidName | InvalidFormula | UnknownReference | Duplicate
            | InvalidNorm | Workbook => Severity::Error,
            ImplausibleNorm | ShareOutOfRange | NegativeQuantity | OutsideRange | ThemeWeights
            | UnusedParameter | UnreadablePublished | PossibleDoubleCount => Severity::Warning,
            DetectedDialect | NoEffects | Pending => Severity::Info,
        }
    }
}

/// One finding about the input: what kind (and so how bad), where, which raw value, and what
/// was expected instead.
///
/// Match on the structure: [`kind`](Finding::kind), [`origin`](Finding::origin) (file and line),
/// [`column`](Finding::column) and [`value`](Finding::value). The sentence in
/// [`expected`](Finding::expected) is for people and may be reworded.
///
/// ```
/// use workforce_gap::{Kind, Severity};
/// let error = workforce_gap::Loader::default()
///     .load_texts(&[("effects.csv", "initiative,effect,sector,formula,unit,norms,theme\n")])
///     .unwrap_err();
/// let missing = error.findings().iter().find(|f| f.kind == Kind::MissingFile).unwrap();
/// assert_eq!(missing.severity(), Severity::Error);
/// assert_eq!(missing.origin, None);
/// ```
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Finding {
    /// The file and line, when the input came from a file.
    pub origin: Option<Origin>,
    /// The column (header name) the value stands in, when one applies.
    pub column: Option<String>,
    /// What the finding is about; its severity follows from it.
    pub kind: Kind,
    /// The raw value as found.
    pub value: String,
    /// What was expected instead: a sentence that follows the value (`"x" is not a number`).
    pub expected: String,
}

/// Written with its severity, which follows from the kind and is no field of its own.
#[cfg(feature = "serde")]
impl serde::Serialize for Finding {
    fn serialize<S: serde::Serializer>(
        &self,
        serializer: S,
    ) -> std::result::Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut finding = serializer.serialize_struct("Finding", 6)?;
        finding.serialize_field("severity", &self.severity())?;
        finding.serialize_field("origin", &self.origin)?;
        finding.serialize_field("column", &self.column)?;
        finding.serialize_field("kind", &self.kind)?;
        finding.serialize_field("value", &self.value)?;
        finding.serialize_field("expected", &self.expected)?;
        finding.end()
    }
}

impl Finding {
    pub(crate) fn new(
        kind: Kind,
        origin: Option<&Origin>,
        column: &str,
        value: impl Into<String>,
        expected: impl Into<String>,
    ) -> Self {
        Finding {
            origin: origin.cloned(),
            column: (!column.is_empty()).then(|| column.to_string()),
            kind,
            value: value.into(),
            expected: expected.into(),
        }
    }

    /// How bad it is: the severity of its kind.
    pub fn severity(&self) -> Severity {
        self.kind.severity()
    }

    /// True for findings that keep the model from being evaluated.
    pub fn is_error(&self) -> bool {
        self.severity() == Severity::Error
    }
}

impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // File names, headers and the words about a value can all come from the input: escaped,
        // so that a finding cannot start a line of its own or send a terminal escape code.
        write!(f, "{}: ", self.severity())?;
        let mut located = false;
        if let Some(origin) = &self.origin {
            write!(f, "{origin}")?;
            located = true;
        }
        if let Some(column) = &self.column {
            let column = printable(column);
            write!(f, "{}column \"{column}\"", if located { ", " } else { "" })?;
            located = true;
        }
        if located {
            f.write_str(": ")?;
        }
        write!(f, "{} {}", Clipped(&self.value), printable(&self.expected))
    }
}

/// A value as a finding quotes it: whole up to [`Clipped::SHOWN`] characters; beyond, its start
/// and its length, so that a field of 64 KiB does not fill the screen (the finding's `value`
/// keeps every character).
struct Clipped<'a>(&'a str);

impl Clipped<'_> {
    const SHOWN: usize = 120;
}

impl fmt::Display for Clipped<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let characters = self.0.chars().count();
        if characters <= Clipped::SHOWN {
            return write!(f, "{:?}", self.0);
        }
        let start: String = self.0.chars().take(Clipped::SHOWN).collect();
        write!(f, "{start:?}... ({characters} characters in all)")
    }
}

/// Text from the input made safe to print: control characters (a line break, an escape code) and
/// the bidirectional overrides are written as escapes (`\n`, `\u{1b}`).
pub(crate) fn printable(text: &str) -> std::borrow::Cow<'_, str> {
    let unsafe_char =
        |c: char| c.is_control() || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}');
    if !text.chars().any(unsafe_char) {
        return text.into();
    }
    text.chars()
        .map(|c| match unsafe_char(c) {
            true => c.escape_default().to_string(),
            false => c.to_string(),
        })
        .collect::<String>()
        .into()
}

struct Findings<'a>(&'a [Finding]);

impl fmt::Display for Findings<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let errors = self.0.iter().filter(|finding| finding.is_error()).count();
        let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
        write!(f, "{} in the input", plural(errors, "error"))?;
        let others = self.0.len() - errors;
        if others > 0 {
            write!(f, " (and {})", plural(others, "other finding"))?;
        }
        f.write_str(":")?;
        for finding in self.0 {
            write!(f, "\n  {finding}")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_value_is_quoted_by_its_start_and_length() {
        let finding = |value: String| Finding {
            origin: None,
            column: None,
            kind: Kind::InvalidValue,
            value,
            expected: "is not a formula".into(),
        };
        // 120 characters are quoted whole; 121 by the first 120 and the count.
        let whole = "(".repeat(120);
        assert_eq!(
            finding(whole.clone()).to_string(),
            format!("error: {whole:?} is not a formula")
        );
        let long = format!("{whole}x");
        assert_eq!(
            finding(long).to_string(),
            format!("error: {whole:?}... (121 characters in all) is not a formula")
        );
    }

    #[test]
    fn an_arithmetic_error_keeps_its_kind_as_its_source() {
        let error = Error::Arithmetic {
            context: "the total".into(),
            kind: ArithmeticError::Overflow,
        };
        let source = std::error::Error::source(&error).and_then(|s| s.downcast_ref());
        assert_eq!(source, Some(&ArithmeticError::Overflow));
        assert_eq!(
            error.to_string(),
            "the total: the result is too large for an exact decimal"
        );
    }

    #[test]
    fn a_finding_is_as_severe_as_its_kind() {
        let warning = Finding::new(Kind::UnusedParameter, None, "name", "spare", "is not used");
        assert_eq!(warning.severity(), Severity::Warning);
        assert!(!warning.is_error());
        let error = Finding {
            kind: Kind::Duplicate,
            ..warning
        };
        assert_eq!(error.severity(), Severity::Error);
        assert!(error.is_error());
    }

    #[test]
    fn a_sheet_has_rows_where_a_csv_file_has_lines() {
        let at = |file: &str, line| Origin {
            file: file.to_string(),
            line,
        };
        let sheet = Origin::sheet("plan.xlsx", "parameters");
        assert_eq!(
            at(&sheet, 4).to_string(),
            "plan.xlsx, sheet \"parameters\", row 4"
        );
        assert_eq!(at("parameters.csv", 4).to_string(), "parameters.csv line 4");
        assert_eq!(at("set in code", 0).to_string(), "set in code");
        assert_eq!(at(&sheet, 0).to_string(), "plan.xlsx, sheet \"parameters\"");
        let finding = Finding::new(
            Kind::NotANumber,
            Some(&at(&sheet, 4)),
            "C: value",
            "x",
            "is not a number",
        );
        assert_eq!(
            finding.to_string(),
            "error: plan.xlsx, sheet \"parameters\", row 4, column \"C: value\": \"x\" is not a number"
        );
    }

    #[test]
    fn a_finding_prints_input_text_escaped() {
        // A file name, a header and a value from a hostile file, each with a line break or an
        // escape code: none may reach the terminal raw, or start a line of its own.
        let origin = Origin {
            file: "effects.csv\nTotal".into(),
            line: 3,
        };
        let finding = Finding::new(
            Kind::UnknownReference,
            Some(&origin),
            "sec\u{1b}[31mtor",
            "gp\nTotal 9999",
            "is not a sector id of sectors.csv: \u{202e}reversed",
        );
        let shown = finding.to_string();
        assert!(!shown.chars().any(|c| c.is_control()), "{shown:?}");
        assert!(!shown.contains('\u{202e}'), "{shown:?}");
        assert_eq!(
            shown,
            "error: effects.csv\\nTotal line 3, column \"sec\\u{1b}[31mtor\": \"gp\\nTotal 9999\" is not a sector id of sectors.csv: \\u{202e}reversed"
        );
    }
}
