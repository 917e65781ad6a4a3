//! Writes the report (HTML with charts, and its tables as Markdown) for the embedded Limburg data
//! or a user's folder.
//!
//! Run with `cargo run --features report --example report` (see `--help`).

mod common;

use common::{Choice, DIALECT, Failure, Program};
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use workforce_gap::{Language, Model, Report};

const HELP: &str = "\
report: one self-contained HTML file a board can read (the impact chart, staff per sector,
the tornado of assumptions, the gap year by year, the tables, the audit against the
published figures and the source of every parameter), and the same tables as Markdown.

Usage: cargo run --features report --example report -- [OPTIONS] [FOLDER] [OUTPUT.html]

Without a folder it reports on the embedded Noord- en Midden-Limburg data. The Markdown is
written next to the HTML, with the extension .md; both paths are printed. Default output:
target/report/<region>.html

Options:
  --lang nl|en            Dutch labels and numbers (default) or English
  --dialect canonical|dutch-excel|detect   how the folder's files are written
  -h, --help              this text";

/// The report's language.
const LANG: Choice = Choice {
    name: "lang",
    values: &["nl", "en"],
};

const PROGRAM: Program = Program {
    name: "report",
    help: HELP,
    choices: &[LANG, DIALECT],
    sets: false,
};

fn main() -> ExitCode {
    let args = match PROGRAM.args() {
        Ok(args) => args,
        Err(exit) => return exit,
    };
    let (folder, output) = match args.paths.as_slice() {
        [] => (None, None),
        [one] if one.extension().is_some_and(|e| e == "html") => (None, Some(one.clone())),
        [folder] => (Some(folder.as_path()), None),
        [folder, output] => (Some(folder.as_path()), Some(output.clone())),
        _ => return PROGRAM.usage("give at most a folder and an output file"),
    };
    let language = match args.get(&LANG) {
        "en" => Language::English,
        _ => Language::Dutch,
    };
    PROGRAM.finish(|out| {
        let model = match folder {
            None => Model::limburg()?,
            Some(dir) => common::load_folder(&args, dir)?,
        };
        let html = write(&model, output, language)?;
        writeln!(out, "{}", html.display())?;
        writeln!(out, "{}", html.with_extension("md").display())?;
        Ok(())
    })
}

/// Writes the HTML and the Markdown; returns the HTML's path.
fn write(model: &Model, output: Option<PathBuf>, language: Language) -> Result<PathBuf, Failure> {
    let report = Report::new(model, language)?;
    let output = output.unwrap_or_else(|| {
        let name: String = model
            .region
            .name
            .chars()
            .map(|c| {
                if c.is_alphanumeric() {
                    c.to_ascii_lowercase()
                } else {
                    '-'
                }
            })
            .collect();
        PathBuf::from("target/report").join(format!("{name}.html"))
    });
    common::write_file(&output, &report.html())?;
    common::write_file(&output.with_extension("md"), &report.markdown())?;
    Ok(output)
}
