//! Uncertainty, scenarios and the gap over time, on the embedded Limburg data or a user's folder.
//!
//! Run with `cargo run --example scenarios` (add `--features monte-carlo` for percentiles).

mod common;

use common::{DIALECT, DRAWS, Program, SEED};
use std::io::Write;
use std::process::ExitCode;
use workforce_gap::Scenario;
use workforce_gap::{Error, Model, Text};

const HELP: &str = "\
scenarios: how sure are the figures, and what if? The scenarios of the model side by side
(with bounds over the parameters' ranges), the parameters that move the total most, how
much rests on assumptions, the gap year by year, and the exact mean and standard deviation
of the total, each theme and each gap over the parameters' ranges. Built with --features
monte-carlo, also percentiles of the total from draws (10,000 from seed 1 unless --draws and
--seed say otherwise), next to the exact mean.

Usage: cargo run --example scenarios -- [--dialect canonical|dutch-excel|detect] [--draws N] [--seed S] [FOLDER]

Without a folder it runs on the embedded Noord- en Midden-Limburg data. A folder holds the
files of the README's schema, with ranges.csv and scenarios.csv for this report.";

const PROGRAM: Program = Program {
    name: "scenarios",
    help: HELP,
    choices: &[DIALECT, DRAWS, SEED],
    sets: false,
};

fn main() -> ExitCode {
    let args = match PROGRAM.region_args() {
        Ok(args) => args,
        Err(exit) => return exit,
    };
    let draws = match (args.number(&DRAWS, 1), args.number(&SEED, 0)) {
        (Ok(draws), Ok(seed)) => Draws { draws, seed },
        (Err(message), _) | (_, Err(message)) => return PROGRAM.usage(&message),
    };
    if cfg!(not(feature = "monte-carlo")) && (draws.draws.is_some() || draws.seed.is_some()) {
        return PROGRAM.usage(
            "--draws and --seed need the draws: cargo run --features monte-carlo --example scenarios",
        );
    }
    PROGRAM.finish(|out| {
        let model = common::region(&args)?;
        Ok(out.write_all(report(&model, draws)?.as_bytes())?)
    })
}

/// The draws asked for: how many, from which seed (the settings' defaults when not given).
#[derive(Clone, Copy)]
struct Draws {
    draws: Option<usize>,
    seed: Option<u64>,
}

fn report(model: &Model, draws: Draws) -> Result<String, Error> {
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
    // Not quantified is not zero: no spread of a total of nothing.
    let quantified = results.initiatives.iter().any(|i| i.counts_quantified());
    let moments = model.moments()?;
    out += "\n";
    match quantified {
        true => out += &Text::Moments(&moments).to_string(),
        false => out += "Exact mean and standard deviation: nothing counted is quantified.\n",
    }
    #[cfg(not(feature = "monte-carlo"))]
    let _ = draws;
    #[cfg(feature = "monte-carlo")]
    if !quantified {
        out += "\nMonte Carlo: nothing counted is quantified, so there is nothing to draw.\n";
    } else {
        use workforce_gap::MonteCarloSettings;
        let mut settings = MonteCarloSettings::default();
        settings = settings.draws(draws.draws.unwrap_or(settings.draws));
        settings = settings.seed(draws.seed.unwrap_or(settings.seed));
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
        if let workforce_gap::Moments::Exact { total, .. } = moments {
            // How far the draws' mean is from the exact one, in standard errors of that mean.
            use rust_decimal::prelude::ToPrimitive;
            let [mean, _, sd] = total.map(|m| m.round_dp(1));
            let [exact, _, spread] = total.map(|m| m.to_f64().unwrap_or(f64::NAN));
            let error = spread / (settings.draws as f64).sqrt();
            let off = (mc.total.mean() - exact) / error;
            out += &format!("  exact mean {mean}, standard deviation {sd}");
            out += &match error > 0.0 {
                true => format!(": the draws' mean is {off:+.1} standard errors from it\n"),
                false => "\n".into(),
            };
        }
        for (scope, name, r) in mc.correlations.iter().take(5) {
            let parameter = Text::Safe(&format!("{scope}.{name}"));
            out += &format!("  correlation with the total: {parameter} {r:+.2}\n");
        }
    }
    Ok(out)
}
