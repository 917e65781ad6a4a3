//! Quantifies a region from its CSV files: a folder, or the files themselves.
//!
//! Run with `cargo run --example quantify -- data/limburg` (see `--help`).

mod common;

use common::{Args, DIALECT, FORMAT_OR_JSON, Failure, Program};
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
  --format json   the results as JSON, every decimal a string with all its digits
                  (needs the feature serde: cargo run --features serde ...)
  --set TARGET=VALUE  give a parameter or norm another value before evaluating, with
                  the targets of scenarios.csv (region.inhabitants, initiative.name,
                  norms.default.part_time_factor, norms.<id>.working_hours_per_year)
                  and a number as in the canonical files (0.72, 15%); a parameter
                  set loses its range. Repeatable; a bad target or value is an error
  -h, --help      this text

Findings about the input are printed to standard error, graded: an error stops the
run, a warning (likely wrong) and an info (worth knowing) do not.

Exit status: 0 on success, 1 when the input has errors (all findings are listed),
2 on bad usage.";

const PROGRAM: Program = Program {
    name: "quantify",
    help: HELP,
    choices: &[DIALECT, FORMAT_OR_JSON],
    sets: true,
};

fn main() -> ExitCode {
    let args = match PROGRAM.args() {
        Ok(args) if args.paths.is_empty() => return PROGRAM.usage("give a folder or CSV files"),
        Ok(args) if args.get(&FORMAT_OR_JSON) == "json" && !cfg!(feature = "serde") => {
            return PROGRAM
                .usage("--format json needs the feature serde (cargo run --features serde)");
        }
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
    let model = common::set(model, &args.sets)?;
    let results = evaluate(&model)?;
    match args.get(&FORMAT_OR_JSON) {
        "csv" => workforce_gap::csv(&results, out)?,
        #[cfg(feature = "serde")]
        "json" => {
            serde_json::to_writer_pretty(&mut *out, &results).map_err(std::io::Error::from)?;
            writeln!(out)?;
        }
        _ => write!(out, "{}", Text::Results(&results))?,
    }
    Ok(())
}
