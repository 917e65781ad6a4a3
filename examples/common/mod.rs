//! What the example programs share: their options (`--dialect`, `--format`, `--help` and the
//! like), how they write to standard output, and how they end. Each example takes it in with
//! `mod common;` and uses the part it needs.
#![allow(dead_code)] // not every example uses every part

use std::ffi::OsString;
use std::fmt;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use workforce_gap::{Dialect, Loader, Text};

/// An option that takes one of a fixed set of values (the first is the default), or a file to
/// write when it has none.
pub struct Choice {
    /// The option's name, without the leading `--`.
    pub name: &'static str,
    /// The values it takes, the default first; none for a file.
    pub values: &'static [&'static str],
}

/// `--output FILE`: where to write instead of standard output.
pub const OUTPUT: Choice = Choice {
    name: "output",
    values: &[],
};

/// `--draws N`: how many Monte Carlo draws to make.
pub const DRAWS: Choice = Choice {
    name: "draws",
    values: &[],
};

/// `--seed S`: the seed of the Monte Carlo draws.
pub const SEED: Choice = Choice {
    name: "seed",
    values: &[],
};

/// `--quasi`: quasi-random points (scrambled Sobol) instead of pseudo-random draws.
pub const QUASI: Choice = Choice {
    name: "quasi",
    values: &[SWITCH],
};

/// `--precision P`: the standard error of the total's mean to draw until, in persons.
pub const PRECISION: Choice = Choice {
    name: "precision",
    values: &[],
};

/// The one value of an option that takes none: it is given or not ([`Args::given`]).
const SWITCH: &str = "given";

/// How the CSV files are written: a dialect the library names (see [`Dialect::NAMED`]), or
/// `detect`, each file's own (see [`Loader::detect`]).
pub const DIALECT: Choice = Choice {
    name: "dialect",
    values: &DIALECTS,
};

/// The values of `--dialect`: the library's names, then `detect`.
const DIALECTS: [&str; Dialect::NAMED.len() + 1] = {
    let mut values = [DETECT; Dialect::NAMED.len() + 1];
    let mut at = 0;
    while at < Dialect::NAMED.len() {
        values[at] = Dialect::NAMED[at].0;
        at += 1;
    }
    values
};

/// The `--dialect` that detects each file's dialect.
const DETECT: &str = "detect";

/// What the results are written as.
pub const FORMAT: Choice = Choice {
    name: "format",
    values: &["text", "csv"],
};

/// What quantify writes the results as: JSON too (which needs the feature `serde`) and a
/// workbook (which needs the feature `xlsx`).
pub const RESULTS_FORMAT: Choice = Choice {
    name: "format",
    values: &["text", "csv", "json", "xlsx"],
};

impl Choice {
    /// "--format takes text or csv": the sentence every complaint about this option starts with.
    fn takes(&self) -> String {
        if self.values == [SWITCH] {
            return format!("--{} takes no value", self.name);
        }
        let Some((last, others)) = self.values.split_last() else {
            return format!("--{} takes {}", self.name, self.free());
        };
        if others.is_empty() {
            format!("--{} takes {last}", self.name)
        } else {
            format!("--{} takes {} or {last}", self.name, others.join(", "))
        }
    }

    /// What an option without a fixed set of values takes: a number for the numbers, else a
    /// file.
    fn free(&self) -> &'static str {
        match self.name {
            "draws" => "a whole number of draws, 1 or more",
            "seed" => "a whole number from 0 to 18446744073709551615",
            "precision" => "a standard error in persons, above 0",
            _ => "a file",
        }
    }

    /// The value given after the option, if it is one of the values.
    fn read(&self, value: Result<OsString, lexopt::Error>) -> Result<&'static str, String> {
        let value = value.map_err(|_| format!("{}; it was given none", self.takes()))?;
        let text = value.to_string_lossy();
        let found = self.values.iter().find(|v| **v == text);
        found
            .copied()
            .ok_or_else(|| format!("{}, not {text:?}", self.takes()))
    }
}

/// An example program: its name, its help text (with a line starting `Usage:`) and the
/// choices it accepts besides `--help`.
pub struct Program {
    /// The example's name, which starts every message it writes to standard error.
    pub name: &'static str,
    /// What `--help` prints.
    pub help: &'static str,
    /// The options it accepts.
    pub choices: &'static [Choice],
    /// Whether it takes `--set TARGET=VALUE`, any number of times.
    pub sets: bool,
}

/// The command line, read: the value of each choice, and the paths, as the operating system
/// gave them (a path need not be UTF-8).
pub struct Args {
    chosen: Vec<(&'static str, &'static str)>,
    /// The value of each option without a fixed set of values (a file, a number), as given.
    files: Vec<(&'static str, PathBuf)>,
    /// The arguments that are not options, in order.
    pub paths: Vec<PathBuf>,
    /// Each `--set` given, in order: the argument as given, then its target and value.
    pub sets: Vec<(String, String, String)>,
}

impl Args {
    /// The value given for `choice`, or its default.
    pub fn get(&self, choice: &Choice) -> &'static str {
        (self.chosen.iter())
            .find(|(name, _)| *name == choice.name)
            .map_or(choice.values[0], |(_, value)| value)
    }

    /// The file given with `--<name>`, if one was.
    pub fn file(&self, name: &str) -> Option<&Path> {
        (self.files.iter())
            .find(|(option, _)| *option == name)
            .map(|(_, path)| path.as_path())
    }

    /// The whole number given with `--<name>` ([`DRAWS`], [`SEED`]), if one was; an error,
    /// saying what the option takes, when it is not a whole number of at least `least`.
    pub fn number<T: std::str::FromStr + PartialOrd>(
        &self,
        choice: &Choice,
        least: T,
    ) -> Result<Option<T>, String> {
        let Some(given) = self.file(choice.name) else {
            return Ok(None);
        };
        let text = given.to_string_lossy();
        // FromStr takes a leading `+`; a number on a command line is digits only.
        let digits = !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit());
        match text.parse::<T>() {
            Ok(number) if digits && number >= least => Ok(Some(number)),
            _ => Err(format!("{}, not {text:?}", choice.takes())),
        }
    }

    /// The number above 0 given with `--<name>` ([`PRECISION`]), if one was; an error, saying
    /// what the option takes, when it is not one.
    pub fn positive(&self, choice: &Choice) -> Result<Option<f64>, String> {
        let Some(given) = self.file(choice.name) else {
            return Ok(None);
        };
        let text = given.to_string_lossy();
        // Digits with a point at most: no sign, exponent, infinity or NaN.
        let plain = text.bytes().all(|b| b.is_ascii_digit() || b == b'.');
        match text.parse::<f64>() {
            Ok(number) if plain && number > 0.0 => Ok(Some(number)),
            _ => Err(format!("{}, not {text:?}", choice.takes())),
        }
    }

    /// Whether an option that takes no value ([`QUASI`]) was given.
    pub fn given(&self, choice: &Choice) -> bool {
        self.chosen.iter().any(|(name, _)| *name == choice.name)
    }

    /// The loader `--dialect` names.
    pub fn loader(&self) -> Loader {
        match self.get(&DIALECT) {
            DETECT => Loader::new().detect(),
            // Only the library's names get here: `read` took nothing else.
            name => Loader::new().dialect(name.parse().unwrap_or_default()),
        }
    }

    /// Whether `--format csv` was asked for.
    pub fn csv(&self) -> bool {
        self.get(&FORMAT) == "csv"
    }
}

impl Program {
    /// Reads the command line. `Err` carries the exit status when the program is done already:
    /// after `--help` (0), or after a usage error it has explained (2).
    pub fn args(&self) -> Result<Args, ExitCode> {
        self.parse(lexopt::Parser::from_env())
    }

    /// [`Program::args`] for a program that reads one region: a folder (or workbook) at most.
    pub fn region_args(&self) -> Result<Args, ExitCode> {
        match self.args() {
            Ok(args) if args.paths.len() > 1 => Err(self.usage("give one folder at most")),
            other => other,
        }
    }

    fn parse(&self, mut parser: lexopt::Parser) -> Result<Args, ExitCode> {
        use lexopt::Arg::{Long, Short, Value};
        let mut args = Args {
            chosen: Vec::new(),
            files: Vec::new(),
            paths: Vec::new(),
            sets: Vec::new(),
        };
        loop {
            let arg = match parser.next() {
                Ok(Some(arg)) => arg,
                Ok(None) => return Ok(args),
                Err(error) => return Err(self.usage(&error.to_string())),
            };
            match arg {
                Short('h') | Long("help") => return Err(self.help()),
                Value(path) => args.paths.push(PathBuf::from(path)),
                Long("set") if self.sets => {
                    // Not UTF-8 is no target: it is refused as one, naming the argument.
                    let given = parser.value().map(|v| v.to_string_lossy().into_owned());
                    match given.as_deref().ok().and_then(|g| g.split_once('=')) {
                        Some((target, value)) => {
                            let (target, value) = (target.to_string(), value.to_string());
                            args.sets.push((given.unwrap_or_default(), target, value));
                        }
                        None => return Err(self.usage("--set takes TARGET=VALUE")),
                    }
                }
                Long(name) => {
                    let Some(choice) = self.choices.iter().find(|c| c.name == name) else {
                        return Err(self.usage(&format!("unknown option --{name}")));
                    };
                    if choice.values == [SWITCH] {
                        args.chosen.push((choice.name, SWITCH));
                        continue;
                    }
                    if choice.values.is_empty() {
                        let Ok(path) = parser.value() else {
                            let message = format!("{}; it was given none", choice.takes());
                            return Err(self.usage(&message));
                        };
                        args.files.push((choice.name, PathBuf::from(path)));
                        continue;
                    }
                    match choice.read(parser.value()) {
                        Ok(value) => args.chosen.push((choice.name, value)),
                        Err(message) => return Err(self.usage(&message)),
                    }
                }
                Short(letter) => return Err(self.usage(&format!("unknown option -{letter}"))),
            }
        }
    }

    /// Prints the help text; status 0.
    pub fn help(&self) -> ExitCode {
        self.finish(|out| Ok(writeln!(out, "{}", self.help)?))
    }

    /// Explains a usage error with the usage line of the help text; status 2.
    pub fn usage(&self, message: &str) -> ExitCode {
        let usage = (self.help.lines())
            .find(|line| line.starts_with("Usage:"))
            .unwrap_or_default();
        let mut text = format!("{}: {message}\n{usage}\n", self.name);
        for choice in self.choices {
            text += &format!("  {}\n", choice.takes());
        }
        note(&(text + "  --help says more\n"));
        ExitCode::from(2)
    }

    /// Runs `work` on standard output and turns how it ends into the exit status: 0 when done,
    /// and also when the reader of the output went away early (`| head`: nothing is left to do
    /// then but to stop quietly); 1 when the input or writing failed, with the reason on
    /// standard error.
    pub fn finish(&self, work: impl FnOnce(&mut Stdout) -> Result<(), Failure>) -> ExitCode {
        let mut out = io::stdout().lock();
        let result = work(&mut out).and_then(|()| Ok(out.flush()?));
        match result {
            Ok(()) => ExitCode::SUCCESS,
            Err(Failure::Output(error)) if error.kind() == io::ErrorKind::BrokenPipe => {
                ExitCode::SUCCESS
            }
            Err(failure) => {
                note(&format!("{}: {failure}\n", self.name));
                ExitCode::FAILURE
            }
        }
    }
}

/// Standard output, locked once.
pub type Stdout = io::StdoutLock<'static>;

/// Why a program stopped.
pub enum Failure {
    /// The input could not be read or evaluated.
    Input(workforce_gap::Error),
    /// Standard output could not be written.
    Output(io::Error),
    /// An output file could not be written.
    File {
        /// The file, or the folder made for it.
        path: PathBuf,
        /// What the operating system said.
        source: io::Error,
    },
    /// A path that cannot be what the program needs.
    Path(String),
}

impl From<workforce_gap::Error> for Failure {
    fn from(error: workforce_gap::Error) -> Self {
        match error {
            // The library writing the output (as CSV) failed as standard output itself would.
            workforce_gap::Error::Write { source } => Failure::Output(source),
            error => Failure::Input(error),
        }
    }
}

impl From<io::Error> for Failure {
    fn from(error: io::Error) -> Self {
        Failure::Output(error)
    }
}

impl From<csv::Error> for Failure {
    /// A CSV writer's failure is the output's, its I/O error kept as it was (a reader gone away
    /// stops quietly), as the library's own CSV output does.
    fn from(error: csv::Error) -> Self {
        workforce_gap::Error::from(error).into()
    }
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Failure::Input(error) => write!(f, "{error}"),
            Failure::Output(error) => write!(f, "cannot write the output: {error}"),
            Failure::File { path, source } => {
                write!(f, "cannot write {}: {source}", path.display())
            }
            Failure::Path(message) => write!(f, "{message}"),
        }
    }
}

/// Writes a text file, making its folder first if needed.
pub fn write_file(path: &Path, contents: &str) -> Result<(), Failure> {
    write_bytes(path, contents.as_bytes())
}

/// Writes a file, making its folder first if needed.
pub fn write_bytes(path: &Path, contents: &[u8]) -> Result<(), Failure> {
    let failed = |path: &Path| {
        let path = path.to_path_buf();
        move |source| Failure::File { path, source }
    };
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(failed(dir))?;
    }
    std::fs::write(path, contents).map_err(failed(path))
}

/// Writes to standard error; if that fails too, there is no one left to tell.
pub fn note(text: &str) {
    let _ = io::stderr().lock().write_all(text.as_bytes());
}

/// Whether a path names a workbook (`.xlsx`, `.xlsm`, `.xls`, `.xlsb`, `.ods`), by its extension.
pub fn is_workbook(path: &Path) -> bool {
    let extension = path.extension().and_then(|e| e.to_str()).unwrap_or("");
    ["xlsx", "xlsm", "xls", "xlsb", "ods"]
        .iter()
        .any(|known| extension.eq_ignore_ascii_case(known))
}

/// A path given as a region's folder: a file or nothing there is refused with what to give
/// instead.
pub fn folder(path: &Path) -> Result<&Path, Failure> {
    folder_holding(path, "the region's CSV files")
}

/// A path given as a folder holding `what`: a file or nothing there is refused with what to
/// give instead.
pub fn folder_holding<'p>(path: &'p Path, what: &str) -> Result<&'p Path, Failure> {
    if path.is_dir() {
        Ok(path)
    } else if path.is_file() && is_workbook(path) {
        Err(Failure::Path(format!(
            "{} is a workbook: reading one needs the xlsx feature (cargo run --features xlsx --example ...)",
            path.display()
        )))
    } else if path.exists() {
        Err(Failure::Path(format!(
            "{} is a file, not a folder: give the folder that holds {what}",
            path.display()
        )))
    } else {
        Err(Failure::Path(format!(
            "there is no folder {}: give the folder that holds {what}",
            path.display()
        )))
    }
}

/// Reads a region's folder in the dialect `--dialect` names, or its workbook (feature `xlsx`);
/// the warnings and infos found go to standard error.
pub fn load_folder(args: &Args, path: &Path) -> Result<workforce_gap::Model, Failure> {
    #[cfg(feature = "xlsx")]
    if is_workbook(path) && !path.is_dir() {
        let loaded = args.loader().load_workbook(path)?;
        note(&Text::Findings(&loaded.findings).to_string());
        return Ok(loaded.model);
    }
    let loaded = args.loader().load_dir(folder(path)?)?;
    note(&Text::Findings(&loaded.findings).to_string());
    Ok(loaded.model)
}

/// The region the arguments name: its folder or workbook, or without one the embedded
/// Noord- en Midden-Limburg data.
pub fn region(args: &Args) -> Result<workforce_gap::Model, Failure> {
    match args.paths.first() {
        None => Ok(workforce_gap::Model::limburg()?),
        Some(path) => load_folder(args, path),
    }
}

/// The model with each `--set` applied in order; every refused one is reported together, each
/// finding naming its argument.
pub fn set(
    mut model: workforce_gap::Model,
    sets: &[(String, String, String)],
) -> Result<workforce_gap::Model, Failure> {
    let mut findings = Vec::new();
    for (given, target, value) in sets {
        let origin = workforce_gap::Origin {
            file: format!("--set {given}"),
            line: 0,
        };
        if let Err(error) = model.set_from(target, value, origin) {
            findings.extend_from_slice(error.findings());
        }
    }
    match findings.is_empty() {
        true => Ok(model),
        false => Err(workforce_gap::Error::Input { findings }.into()),
    }
}
