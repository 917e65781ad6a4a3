//! Quantifies a region from its CSV files (a folder, or the files themselves) or, with the
//! feature `xlsx`, from its workbook; writes text, CSV, JSON (feature `serde`) or a workbook
//! (feature `xlsx`).
//!
//! Run with `cargo run --example quantify -- data/limburg` (see `--help`).

mod common;

use common::{Args, Choice, DIALECT, Failure, OUTPUT, Program, RESULTS_FORMAT};
use std::io::Write;
use std::process::ExitCode;
use workforce_gap::Text;

const HELP: &str = "\
quantify: staff freed by a region's initiatives, from its CSV files, per theme and
sector, against the projected shortage, with an audit against the published figures.

Usage: cargo run --example quantify -- [OPTIONS] <FOLDER | WORKBOOK | FILE.csv...>

Give a folder holding region.csv (optional), norms.csv, shortage.csv, themes.csv,
sectors.csv, parameters.csv, initiatives.csv and effects.csv, or those files one by one
(they are recognised by name), or (built with --features xlsx) a workbook (.xlsx, .ods)
with a sheet per file, named as the file without .csv. The schema is in the README.

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
  --format xlsx   a workbook: the results, and the model with a live Excel formula
                  per effect over named parameter cells; needs --output (and the
                  feature xlsx: cargo run --features xlsx ...)
  --output FILE   write to FILE instead of standard output
  --template FILE write a workbook for a new region: the sheets with their headers
                  and an example row; no region is read (feature xlsx)
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

/// `--template FILE`: a workbook for a new region.
const TEMPLATE: Choice = Choice {
    name: "template",
    values: &[],
};

const PROGRAM: Program = Program {
    name: "quantify",
    help: HELP,
    choices: &[DIALECT, RESULTS_FORMAT, OUTPUT, TEMPLATE],
    sets: true,
};

/// The usage error for a command line that needs the feature `xlsx` in a build without it.
const NEEDS_XLSX: &str = "needs the feature xlsx (cargo run --features xlsx)";

fn main() -> ExitCode {
    let args = match PROGRAM.args() {
        Ok(args) if args.file("template").is_some() && !cfg!(feature = "xlsx") => {
            return PROGRAM.usage(&format!("--template {NEEDS_XLSX}"));
        }
        Ok(args) if args.file("template").is_some() && args.paths.is_empty() => args,
        Ok(args) if args.file("template").is_some() => {
            return PROGRAM.usage("--template writes a new region's workbook and reads none");
        }
        Ok(args) if args.paths.is_empty() => {
            return PROGRAM.usage("give a folder, a workbook or CSV files");
        }
        Ok(args) if args.get(&RESULTS_FORMAT) == "json" && !cfg!(feature = "serde") => {
            return PROGRAM
                .usage("--format json needs the feature serde (cargo run --features serde)");
        }
        Ok(args) if args.get(&RESULTS_FORMAT) == "xlsx" && !cfg!(feature = "xlsx") => {
            return PROGRAM.usage(&format!("--format xlsx {NEEDS_XLSX}"));
        }
        Ok(args) if args.get(&RESULTS_FORMAT) == "xlsx" && args.file("output").is_none() => {
            return PROGRAM.usage("--format xlsx writes a workbook: give it --output FILE");
        }
        Ok(args) => args,
        Err(exit) => return exit,
    };
    PROGRAM.finish(|out| run(&args, out))
}

fn run(args: &Args, out: &mut impl Write) -> Result<(), Failure> {
    #[cfg(feature = "xlsx")]
    if let Some(path) = args.file("template") {
        return common::write_bytes(path, &workforce_gap::Model::xlsx_template()?);
    }
    let model = match args.paths.as_slice() {
        [one] if one.is_dir() || common::is_workbook(one) => common::load_folder(args, one)?,
        files => {
            let loaded = args.loader().load_files(files)?;
            common::note(&Text::Findings(&loaded.findings).to_string());
            loaded.model
        }
    };
    let model = common::set(model, &args.sets)?;
    let results = model.evaluate()?;
    let bytes = match args.get(&RESULTS_FORMAT) {
        #[cfg(feature = "xlsx")]
        "xlsx" => results.to_xlsx(&model)?,
        "csv" => {
            let mut bytes = Vec::new();
            results.write_csv(&mut bytes)?;
            bytes
        }
        #[cfg(feature = "serde")]
        "json" => {
            let mut bytes = serde_json::to_vec_pretty(&results).map_err(std::io::Error::from)?;
            bytes.push(b'\n');
            bytes
        }
        _ => Text::Results(&results).to_string().into_bytes(),
    };
    match args.file("output") {
        Some(path) => common::write_bytes(path, &bytes),
        None => Ok(out.write_all(&bytes)?),
    }
}
