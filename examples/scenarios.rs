//! Uncertainty, scenarios and the gap over time, on the embedded Limburg data or a user's folder.
//!
//! Run with `cargo run --example scenarios` (add `--features monte-carlo` for percentiles).

mod common;

use common::{DIALECT, Program};
use std::io::Write;
use std::process::ExitCode;
use workforce_gap::Scenario;
use workforce_gap::{Error, Model, Text};

const HELP: &str = "\
scenarios: how sure are the figures, and what if? The scenarios of the model side by side
(with bounds over the parameters' ranges), the parameters that move the total most, how
much rests on assumptions, and the gap year by year. Built with --features monte-carlo,
also percentiles of the total from 10,000 draws.

Usage: cargo run --example scenarios -- [--dialect canonical|dutch-excel|detect] [FOLDER]

Without a folder it runs on the embedded Noord- en Midden-Limburg data. A folder holds the
files of the README's schema, with ranges.csv and scenarios.csv for this report.";

const PROGRAM: Program = Program {
    name: "scenarios",
    help: HELP,
    choices: &[DIALECT],
    sets: false,
};

fn main() -> ExitCode {
    let args = match PROGRAM.args() {
        Ok(args) if args.paths.len() > 1 => return PROGRAM.usage("give one folder at most"),
        Ok(args) => args,
        Err(exit) => return exit,
    };
    PROGRAM.finish(|out| {
        let model = match args.paths.first() {
            None => Model::limburg()?,
            Some(folder) => common::load_folder(&args, folder)?,
        };
        Ok(out.write_all(report(&model)?.as_bytes())?)
    })
}

fn report(model: &Model) -> Result<String, Error> {
    let results = model.evaluate()?;
    let mut out = format!("{}\n\n", Text::Safe(&results.region));
    out += &Text::Scenarios(&model.compare()?).to_string();
    out += "\n";
    out += &Text::Tornado(&model.tornado()?, 12).to_string();
    out += "\n";
    let reliance = model.reliance(&results).map_err(|kind| Error::Arithmetic {
        context: "reliance".into(),
        kind,
    })?;
    let concentration = results.concentration().map_err(|kind| Error::Arithmetic {
        context: "concentration".into(),
        kind,
    })?;
    out += &Text::Reliance(&reliance, &concentration, &results).to_string();
    out += "\n";
    let as_published = Scenario {
        name: Scenario::AS_PUBLISHED.into(),
        settings: Vec::new(),
    };
    out += &Text::Timeline(&model.timeline(&as_published)?).to_string();
    #[cfg(feature = "monte-carlo")]
    if !results.initiatives.iter().any(|i| i.counts_quantified()) {
        out += "\nMonte Carlo: nothing counted is quantified, so there is nothing to draw.\n";
    } else {
        use workforce_gap::MonteCarloSettings;
        let settings = MonteCarloSettings::default();
        let mc = model.monte_carlo(settings)?;
        out += &format!(
            "\nMonte Carlo, {} draws (seed {}): total persons p5 {:.1}, p50 {:.1}, p95 {:.1}; mean {:.1}\n",
            settings.draws,
            settings.seed,
            mc.total.percentile(5.0),
            mc.total.percentile(50.0),
            mc.total.percentile(95.0),
            mc.total.mean()
        );
        for (scope, name, r) in mc.correlations.iter().take(5) {
            let parameter = Text::Safe(&format!("{scope}.{name}"));
            out += &format!("  correlation with the total: {parameter} {r:+.2}\n");
        }
    }
    Ok(out)
}
