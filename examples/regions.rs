//! The regions whose regioplan the library embeds, side by side.
//!
//! Run with `cargo run --example regions`.

use std::process::ExitCode;
use workforce_gap::{Error, REGIONS, evaluate, render};

const HELP: &str = "\
regions: the regioplannen embedded in the library side by side: each region's projected
shortage as the plan states it (persons, FTE or a share), how many initiatives it collects
and how many it quantifies, the staff freed where quantified, and the share of the shortage
covered where the shortage can be stated in persons.

Usage: cargo run --example regions";

fn main() -> ExitCode {
    if std::env::args().skip(1).any(|a| a == "-h" || a == "--help") {
        println!("{HELP}");
        return ExitCode::SUCCESS;
    }
    match run() {
        Ok(text) => {
            print!("{text}");
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("regions: {error}");
            ExitCode::FAILURE
        }
    }
}

fn run() -> Result<String, Error> {
    let mut evaluated = Vec::new();
    for id in REGIONS {
        let model = workforce_gap::region(id).expect("every id of REGIONS is embedded")?;
        let results = evaluate(&model)?;
        evaluated.push((model, results));
    }
    let pairs: Vec<_> = evaluated.iter().map(|(m, r)| (m, r)).collect();
    Ok(render::regions_text(&pairs))
}
