//! The crate's one error type, and the located input problem it carries.

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
    /// The input (CSV files or a model built in Rust) has problems; all of them are listed.
    #[error("{}", Problems(problems))]
    Input {
        /// Every problem found, in the order of files and lines.
        problems: Vec<Problem>,
    },
    /// A formula could not be parsed.
    #[error("{0}")]
    Formula(#[from] FormulaError),
    /// A computation overflowed or divided by zero.
    #[error("{context}: {kind}")]
    Arithmetic {
        /// What was being computed, e.g. `initiative "x", effect "y"`.
        context: String,
        /// What went wrong.
        kind: ArithmeticError,
    },
    /// Writing a report failed.
    #[error("cannot write the report: {0}")]
    Write(String),
}

impl Error {
    /// The located input problems, if this is an input error; empty otherwise.
    pub fn problems(&self) -> &[Problem] {
        match self {
            Error::Input { problems } => problems,
            _ => &[],
        }
    }

    /// True when the error is about the input (files or model), not about I/O or arithmetic.
    pub fn is_input(&self) -> bool {
        matches!(self, Error::Input { .. } | Error::Formula(_))
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

/// Where a record of the input came from: file and line (1-based, as an editor shows it).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Origin {
    /// The file name as the user gave it (for embedded data: the file's name in `data/`).
    pub file: String,
    /// The line of the record in that file.
    pub line: u64,
}

/// One problem in the input: where, which raw value, and what was expected instead.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Problem {
    /// The file and line, when the input came from a file.
    pub origin: Option<Origin>,
    /// The column (header name) the value stands in, when one applies.
    pub column: Option<String>,
    /// The raw value as found.
    pub value: String,
    /// What was expected instead, in words.
    pub expected: String,
}

impl Problem {
    pub(crate) fn new(
        origin: Option<&Origin>,
        column: &str,
        value: impl Into<String>,
        expected: impl Into<String>,
    ) -> Self {
        Problem {
            origin: origin.cloned(),
            column: (!column.is_empty()).then(|| column.to_string()),
            value: value.into(),
            expected: expected.into(),
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut located = false;
        if let Some(origin) = &self.origin {
            write!(f, "{} line {}", origin.file, origin.line)?;
            located = true;
        }
        if let Some(column) = &self.column {
            write!(f, "{}column \"{column}\"", if located { ", " } else { "" })?;
            located = true;
        }
        if located {
            f.write_str(": ")?;
        }
        write!(f, "{:?} {}", self.value, self.expected)
    }
}

struct Problems<'a>(&'a [Problem]);

impl fmt::Display for Problems<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            [one] => write!(f, "{one}"),
            many => {
                write!(f, "{} problems in the input:", many.len())?;
                for problem in many {
                    write!(f, "\n  {problem}")?;
                }
                Ok(())
            }
        }
    }
}

/// A formula that could not be parsed: the text, the character position and what was expected.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{input:?} {expected} at character {position}")]
pub struct FormulaError {
    /// The formula text.
    pub input: String,
    /// 1-based character position of the problem.
    pub position: usize,
    /// What was expected there, e.g. "expected a closing parenthesis".
    pub expected: String,
}
