//! Quantifies a region from its CSV files: a folder, or the files themselves.
//!
//! Run with `cargo run --example quantify -- data/limburg` (see `--help`).

mod common;

use common::{Args, DIALECT, FORMAT, Failure, Program};
use std::io::Write;
use std::process::ExitCode;
use workforce_gap::{Text, evaluate};

const HELP: &str = "\
quantify: staff freed by a region's initiatives, from its CSV files, per theme and
sector, against the projected shortage, with an audit against the published figures.

Usage: cargo run --example quantify -- [OPTIONS] <FOLDER | FILE.csv...>

Give a folder holding region.csv (optional), norms.csv, shortage.csv, themes.csv,
sectors.csv, parameters.csv, initiatives.csv and effects.csv, or those files one by one
(they are recognised by name). The schema is in the README.

Options:
  --dialect canonical     comma-separated, decimal point, no thousands separators,
                          UTF-8 (default; the format of data/limburg)
  --dialect dutch-excel   what Excel saves on a Dutch machine: semicolons, decimal
                          commas, thousands dots, Windows-1252
  --dialect detect        detect each file's dialect; a number that reads differently
                          in Dutch and English is an error, never a guess
  --format text   a readable report (default)
  --format csv    one row per effect, initiative, theme, sector, total and shortage
                  scenario, exact decimals (columns in the README)
  -h, --help      this text

Findings about the input are printed to standard error, graded: an error stops the
run, a warning (likely wrong) and an info (worth knowing) do not.

Exit status: 0 on success, 1 when the input has errors (all findings are listed),
2 on bad usage.";

const PROGRAM: Program = Program {
    name: "quantify",
    help: HELP,
    choices: &[DIALECT, FORMAT],
};

fn main() -> ExitCode {
    let args = match PROGRAM.args() {
        Ok(args) if args.paths.is_empty() => return PROGRAM.usage("give a folder or CSV files"),
        Ok(args) => args,
        Err(exit) => return exit,
    };
    PROGRAM.finish(|out| run(&args, out))
}

fn run(args: &Args, out: &mut impl Write) -> Result<(), Failure> {
    let model = match args.paths.as_slice() {
        [one] if one.is_dir() => common::load_folder(args, one)?,
        files => {
            let loaded = args.loader().load_files(files)?;
            common::note(&Text::Findings(&loaded.findings).to_string());
            loaded.model
        }
    };
    let results = evaluate(&model)?;
    if args.csv() {
        workforce_gap::csv(&results, out)?;
    } else {
        write!(out, "{}", Text::Results(&results))?;
    }
    Ok(())
}
