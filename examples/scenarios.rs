//! Uncertainty, scenarios and the gap over time, on the embedded Limburg data or a user's folder.
//!
//! Run with `cargo run --example scenarios` (add `--features monte-carlo` for percentiles).

mod common;

use common::{DIALECT, DRAWS, PRECISION, Program, QUASI, SEED};
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
--seed say otherwise), next to the exact mean. Built with --features qmc, --quasi draws
quasi-random points instead (16 scrambled Sobol sequences, at most --draws points in all) and
says the standard error of the mean they reach; --precision P draws them until that standard
error is at most P persons, with at most --draws points (1,048,576 unless given).

Usage: cargo run --example scenarios -- [--dialect canonical|dutch-excel|detect] [--draws N] [--seed S] [--quasi] [--precision P] [FOLDER]

Without a folder it runs on the embedded Noord- en Midden-Limburg data. A folder holds the
files of the README's schema, with ranges.csv and scenarios.csv for this report.";

const PROGRAM: Program = Program {
    name: "scenarios",
    help: HELP,
    choices: &[DIALECT, DRAWS, SEED, QUASI, PRECISION],
    sets: false,
};

fn main() -> ExitCode {
    let args = match PROGRAM.region_args() {
        Ok(args) => args,
        Err(exit) => return exit,
    };
    let numbers = (args.number(&DRAWS, 1), args.number(&SEED, 0));
    let draws = match (numbers, args.positive(&PRECISION)) {
        ((Ok(draws), Ok(seed)), Ok(precision)) => Draws {
            draws,
            seed,
            quasi: args.given(&QUASI),
            precision,
        },
        ((Err(message), _), _) | ((_, Err(message)), _) | (_, Err(message)) => {
            return PROGRAM.usage(&message);
        }
    };
    if cfg!(not(feature = "monte-carlo")) && (draws.draws.is_some() || draws.seed.is_some()) {
        return PROGRAM.usage(
            "--draws and --seed need the draws: cargo run --features monte-carlo --example scenarios",
        );
    }
    if cfg!(not(feature = "qmc")) && (draws.quasi || draws.precision.is_some()) {
        return PROGRAM.usage(
            "--quasi and --precision need quasi-random points: cargo run --features qmc --example scenarios",
        );
    }
    PROGRAM.finish(|out| {
        let model = common::region(&args)?;
        Ok(out.write_all(report(&model, draws)?.as_bytes())?)
    })
}

/// The draws asked for: how many, from which seed (the settings' defaults when not given),
/// whether quasi-random, and until which standard error of the total's mean.
#[derive(Clone, Copy)]
struct Draws {
    draws: Option<usize>,
    seed: Option<u64>,
    quasi: bool,
    precision: Option<f64>,
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
    // Ranges too wide for exact decimals leave the moments out, not the draws.
    let moments = model.moments();
    out += "\n";
    match (quantified, &moments) {
        (true, Ok(moments)) => out += &Text::Moments(moments).to_string(),
        (true, Err(error)) => out += &format!("Exact mean and standard deviation: {error}\n"),
        (false, _) => out += "Exact mean and standard deviation: nothing counted is quantified.\n",
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
        #[cfg(feature = "qmc")]
        if draws.quasi {
            settings = settings.sobol(16);
        }
        #[cfg(feature = "qmc")]
        if let Some(precision) = draws.precision {
            // As many points as the sequences give, unless fewer are asked for.
            settings = settings
                .precision(precision)
                .draws(draws.draws.unwrap_or(1 << 20));
        }
        let mc = model.monte_carlo(settings)?;
        let (method, reported) = method(&settings, &mc);
        out += &format!(
            "\n{method} (seed {}): total persons p5 {:.1}, p50 {:.1}, p95 {:.1}; mean {:.1}\n",
            settings.seed,
            mc.total.percentile(5.0),
            mc.total.percentile(50.0),
            mc.total.percentile(95.0),
            mc.total.mean()
        );
        if let Some(error) = reported {
            out += &format!("  standard error of the mean {error:.4} persons");
            out += &match draws.precision {
                Some(asked) if error <= asked => format!(": the {asked} asked for is reached\n"),
                Some(asked) => format!(
                    ": the {asked} asked for is not reached within the cap of {} points\n",
                    settings.draws
                ),
                None => "\n".into(),
            };
        }
        if let Ok(workforce_gap::Moments::Exact { total, .. }) = moments {
            // How far the draws' mean is from the exact one, in standard errors of that mean.
            use rust_decimal::prelude::ToPrimitive;
            let [mean, _, sd] = total.map(|m| m.round_dp(1));
            let [exact, _, spread] = total.map(|m| m.to_f64().unwrap_or(f64::NAN));
            let error = reported.unwrap_or(spread / (settings.draws as f64).sqrt());
            let off = (mc.total.mean() - exact) / error;
            out += &format!("  exact mean {mean}, standard deviation {sd}");
            out += &match error > 0.0 {
                true => format!(": the draws' mean is {off:+.1} standard errors from it\n"),
                false => "\n".into(),
            };
        }
        for (scope, name, r) in mc.correlations.iter().take(5) {
            let parameter = Text::Safe(&format!("{scope}.{name}"));
            // Fewer than two draws, or a total that never varies, have no correlation to tell.
            let r = if r.is_nan() {
                "n/a".to_string()
            } else {
                format!("{r:+.2}")
            };
            out += &format!("  correlation with the total: {parameter} {r}\n");
        }
    }
    Ok(out)
}

/// How the draws were made ("Monte Carlo, 500 draws"), and the standard error of the total's
/// mean they report (the replicates' for quasi-random points, σ / √N of the draws otherwise).
#[cfg(feature = "monte-carlo")]
fn method(
    settings: &workforce_gap::MonteCarloSettings,
    mc: &workforce_gap::MonteCarlo,
) -> (String, Option<f64>) {
    #[cfg(feature = "qmc")]
    if settings.replicates > 0 {
        let replicates = settings.replicates as u64;
        let each = mc.total.draws() / replicates;
        let method =
            format!("Quasi-Monte Carlo, {replicates} scrambled Sobol sequences of {each} points");
        return (method, mc.total.standard_error());
    }
    (
        match settings.draws {
            1 => "Monte Carlo, 1 draw".to_string(),
            draws => format!("Monte Carlo, {draws} draws"),
        },
        mc.total.standard_error(),
    )
}
