//! The Noord- en Midden-Limburg quantification, from the data embedded in the library.
//!
//! Run with `cargo run --example limburg`; `--format csv` writes machine-readable results.

mod common;

use common::{Args, FORMAT, Failure, Program};
use std::io::Write;
use std::process::ExitCode;
use workforce_gap::{Model, Text};

const HELP: &str = "\
limburg: the staff freed by the 39 quantified rows (42 initiatives) of the Noord- en
Midden-Limburg regioplan, recomputed exactly from their printed parameters, per theme and
sector, against the projected shortage, with an audit against the published figures
and the warnings the checks on the data raise (such as possible double counting).

Usage: cargo run --example limburg -- [--format text|csv]

Options:
  --format text   a readable report (default)
  --format csv    one row per effect, initiative, theme, sector, total and shortage
                  scenario, exact decimals (columns in the README)
  -h, --help      this text";

const PROGRAM: Program = Program {
    name: "limburg",
    help: HELP,
    choices: &[FORMAT],
    sets: false,
};

fn main() -> ExitCode {
    let args = match PROGRAM.args() {
        Ok(args) if args.paths.is_empty() => args,
        Ok(_) => return PROGRAM.usage("it reads the embedded data; quantify reads a folder"),
        Err(exit) => return exit,
    };
    PROGRAM.finish(|out| run(&args, out))
}

fn run(args: &Args, out: &mut impl Write) -> Result<(), Failure> {
    let model = Model::limburg()?;
    let results = model.evaluate()?;
    if args.csv() {
        return Ok(results.write_csv(out)?);
    }
    write!(out, "{}", Text::Results(&results))?;
    let findings = model.check();
    if !findings.is_empty() {
        writeln!(out, "\nChecks on the data")?;
        for line in Text::Findings(&findings).to_string().lines() {
            writeln!(out, "  {line}")?;
        }
    }
    Ok(())
}
