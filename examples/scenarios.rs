//! Uncertainty, scenarios and the gap over time, on the embedded Limburg data or a user's folder.
//!
//! Run with `cargo run --example scenarios` (add `--features monte-carlo` for percentiles).

use std::path::PathBuf;
use std::process::ExitCode;
use workforce_gap::csv_input::Loader;
use workforce_gap::scenario::{AS_PUBLISHED, Scenario, compare};
use workforce_gap::{Error, Model, evaluate, render, timeline, uncertainty};

const HELP: &str = "\
scenarios: how sure are the figures, and what if? The scenarios of the model side by side
(with bounds over the parameters' ranges), the parameters that move the total most, how
much rests on assumptions, and the gap year by year. Built with --features monte-carlo,
also percentiles of the total from 10,000 draws.

Usage: cargo run --example scenarios -- [--dialect canonical|dutch-excel|detect] [FOLDER]

Without a folder it runs on the embedded Noord- en Midden-Limburg data. A folder holds the
files of the README's schema, with ranges.csv and scenarios.csv for this report.";

fn main() -> ExitCode {
    let mut loader = Loader::new();
    let mut folder = None;
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
            flag if flag.starts_with('-') => return usage(&format!("unknown option {flag:?}")),
            path if folder.is_none() => folder = Some(PathBuf::from(path)),
            _ => return usage("give one folder at most"),
        }
    }
    let model = match &folder {
        None => workforce_gap::limburg(),
        Some(dir) => loader.load_dir(dir).map(|loaded| {
            eprint!("{}", workforce_gap::render::findings_text(&loaded.findings));
            loaded.model
        }),
    };
    match model.and_then(|model| report(&model)) {
        Ok(text) => {
            print!("{text}");
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("scenarios: {error}");
            ExitCode::FAILURE
        }
    }
}

fn usage(message: &str) -> ExitCode {
    eprintln!("scenarios: {message}\n\n{HELP}");
    ExitCode::from(2)
}

fn report(model: &Model) -> Result<String, Error> {
    let results = evaluate(model)?;
    let mut out = format!("{}\n\n", render::safe(&results.region));
    out += &render::scenarios_text(&compare(model)?);
    out += "\n";
    out += &render::tornado_text(&uncertainty::tornado(model)?, 12);
    out += "\n";
    let reliance = uncertainty::reliance(model, &results).map_err(|kind| Error::Arithmetic {
        context: "reliance".into(),
        kind,
    })?;
    let concentration = uncertainty::concentration(&results).map_err(|kind| Error::Arithmetic {
        context: "concentration".into(),
        kind,
    })?;
    out += &render::reliance_text(&reliance, &concentration, &results);
    out += "\n";
    let as_published = Scenario {
        name: AS_PUBLISHED.into(),
        settings: Vec::new(),
    };
    out += &render::timeline_text(&timeline::timeline(model, &as_published)?);
    #[cfg(feature = "monte-carlo")]
    if !results.initiatives.iter().any(|i| i.counts_quantified()) {
        out += "\nMonte Carlo: nothing counted is quantified, so there is nothing to draw.\n";
    } else {
        use workforce_gap::monte_carlo::{Settings, run};
        let settings = Settings::default();
        let mc = run(model, settings)?;
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
            let parameter = render::safe(&format!("{scope}.{name}"));
            out += &format!("  correlation with the total: {parameter} {r:+.2}\n");
        }
    }
    Ok(out)
}
