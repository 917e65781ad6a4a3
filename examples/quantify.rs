//! Quantifies a region from its CSV files: a folder, or the files themselves.
//!
//! Run with `cargo run --example quantify -- data/limburg` (see `--help`).

use std::path::PathBuf;
use std::process::ExitCode;
use workforce_gap::csv_input::Loader;
use workforce_gap::{Error, evaluate, render};

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

fn main() -> ExitCode {
    let mut format = "text".to_string();
    let mut loader = Loader::new();
    let mut paths = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "-h" | "--help" => {
                println!("{HELP}");
                return ExitCode::SUCCESS;
            }
            "--dialect" => match args.next().as_deref().and_then(Loader::named) {
                Some(named) => loader = named,
                None => return usage("--dialect takes canonical, dutch-excel or detect"),
            },
            "--format" => match args.next().as_deref() {
                Some(f @ ("text" | "csv")) => format = f.to_string(),
                other => return usage(&format!("--format takes text or csv, not {other:?}")),
            },
            flag if flag.starts_with('-') => return usage(&format!("unknown option {flag:?}")),
            path => paths.push(PathBuf::from(path)),
        }
    }
    if paths.is_empty() {
        return usage("give a folder or CSV files");
    }
    match run(&loader, &paths, &format) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("quantify: {error}");
            ExitCode::FAILURE
        }
    }
}

fn usage(message: &str) -> ExitCode {
    eprintln!("quantify: {message}\n\n{HELP}");
    ExitCode::from(2)
}

fn run(loader: &Loader, paths: &[PathBuf], format: &str) -> Result<(), Error> {
    let loaded = match paths {
        [dir] if dir.is_dir() => loader.load_dir(dir)?,
        files => loader.load_files(files)?,
    };
    eprint!("{}", render::findings_text(&loaded.findings));
    let results = evaluate(&loaded.model)?;
    if format == "csv" {
        render::csv(&results, std::io::stdout().lock())
    } else {
        print!("{}", render::text(&results));
        Ok(())
    }
}
