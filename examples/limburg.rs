//! The Noord- en Midden-Limburg quantification, from the data embedded in the library.
//!
//! Run with `cargo run --example limburg`; `--format csv` writes machine-readable results.

use std::process::ExitCode;
use workforce_gap::{Error, evaluate, render};

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

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let format = match args
        .iter()
        .map(String::as_str)
        .collect::<Vec<_>>()
        .as_slice()
    {
        [] | ["--format", "text"] => "text",
        ["--format", "csv"] => "csv",
        ["-h" | "--help"] => {
            println!("{HELP}");
            return ExitCode::SUCCESS;
        }
        _ => {
            eprintln!("limburg: unexpected arguments {args:?}\n\n{HELP}");
            return ExitCode::from(2);
        }
    };
    match run(format) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("limburg: {error}");
            ExitCode::FAILURE
        }
    }
}

fn run(format: &str) -> Result<(), Error> {
    let model = workforce_gap::limburg()?;
    let results = evaluate(&model)?;
    if format == "csv" {
        return render::csv(&results, std::io::stdout().lock());
    }
    print!("{}", render::text(&results));
    let findings = model.check();
    if !findings.is_empty() {
        println!("\nChecks on the data");
        for line in render::findings_text(&findings).lines() {
            println!("  {line}");
        }
    }
    Ok(())
}
