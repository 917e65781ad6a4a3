//! What it would take to close each gap: the value one assumption alone would need, and the
//! factor by which an initiative, a theme or all counted initiatives would have to grow.
//!
//! Run with `cargo run --example what-it-takes -- [FOLDER] [--format csv]` (see `--help`).

mod common;

use common::{Args, Choice, DIALECT, FORMAT, Failure, Program};
use std::io::Write;
use std::process::ExitCode;
use workforce_gap::{Decimal, Model, Needed, Priority, Results, Text};

const HELP: &str = "\
what-it-takes: what would close each gap between the staff the initiatives free and the
projected shortage, one change at a time with everything else as planned: the factor by
which all counted initiatives, each theme or each initiative would have to grow, and for
each parameter and norm the value that by itself would close it (its break-even), with
whether that value lies within the parameter's range; then the facts per initiative side
by side (priorities) and, built with --features monte-carlo, the chance of reaching a
share of each shortage.

Usage: cargo run --example what-it-takes -- [OPTIONS] [FOLDER]

Without a folder it runs on the embedded Noord- en Midden-Limburg data.

Options:
  --dialect canonical|dutch-excel|detect   how the files are written (default canonical)
  --format text   a readable summary per shortage (default)
  --format csv    every row: kind,scenario,target,current,needed,within_range, exact
                  decimals; needed is empty where nothing closes the gap
  --table needed|priorities|chance   which table (default needed, what closes each gap);
                  priorities are the facts per counted initiative, as text alone, or as CSV
                  with the columns id,name,persons,share,low,high,assumptions,parameters,
                  lever,leverage,published (exact decimals; empty where a fact does not
                  apply); chance (built with --features monte-carlo) is the chance alone, as
                  CSV with the columns scenario,given,share,chance: per shortage the chance
                  of covering a given share of it, and the share covered with a given chance
  -h, --help      this text

Exit status: 0 on success, 1 when the input has errors (all findings are listed),
2 on bad usage.";

const PROGRAM: Program = Program {
    name: "what-it-takes",
    help: HELP,
    choices: &[DIALECT, FORMAT, TABLE],
    sets: false,
};

/// Which table: what closes each gap (with every section as text), the priorities alone, or
/// (with Monte Carlo) the chance alone.
const TABLE: Choice = Choice {
    name: "table",
    values: if cfg!(feature = "monte-carlo") {
        &["needed", "priorities", "chance"]
    } else {
        &["needed", "priorities"]
    },
};

fn main() -> ExitCode {
    let args = match PROGRAM.region_args() {
        Ok(args) => args,
        Err(exit) => return exit,
    };
    PROGRAM.finish(|out| run(&args, out))
}

fn run(args: &Args, out: &mut impl Write) -> Result<(), Failure> {
    let model = common::region(args)?;
    #[cfg(feature = "monte-carlo")]
    if args.get(&TABLE) == "chance" {
        let results = model.evaluate()?;
        if args.csv() {
            return chance_csv(&model, &results, out);
        }
        out.write_all(chance(&model, &results)?.as_bytes())?;
        return Ok(());
    }
    if args.get(&TABLE) == "priorities" {
        let priorities = model.priorities()?;
        if args.csv() {
            return priorities_csv(&priorities, out);
        }
        out.write_all(Text::Priorities(&priorities).to_string().as_bytes())?;
        return Ok(());
    }
    let results = model.evaluate()?;
    let needed = model.what_it_takes()?;
    if args.csv() {
        return csv(&needed, out);
    }
    let mut text = format!("{}\n\n", Text::Safe(&results.region));
    // One function per section.
    text += &closing_each_gap(&needed, &results);
    text += "\n";
    text += &priorities(&model)?;
    #[cfg(feature = "monte-carlo")]
    {
        text += "\n";
        text += &chance(&model, &results)?;
    }
    out.write_all(text.as_bytes())?;
    Ok(())
}

/// Item 3: the facts per initiative side by side, for continuing, scaling up or stopping.
fn priorities(model: &Model) -> Result<String, Failure> {
    Ok(Text::Priorities(&model.priorities()?).to_string())
}

/// Item 4: the chance of reaching a share of each shortage, from Monte Carlo draws.
#[cfg(feature = "monte-carlo")]
fn chance(model: &Model, results: &Results) -> Result<String, Failure> {
    if !results.initiatives.iter().any(|i| i.counts_quantified()) {
        return Ok("Chance: nothing counted is quantified, so there is nothing to draw.\n".into());
    }
    let mc = model.monte_carlo(workforce_gap::MonteCarloSettings::default())?;
    Ok(Text::Chance(&mc, results).to_string())
}

/// Items 1 and 2: per shortage, the scale of all, each theme and the largest initiatives, and
/// the break-even of each parameter.
fn closing_each_gap(needed: &[Needed], results: &Results) -> String {
    Text::WhatItTakes(needed, results).to_string()
}

/// Every row as CSV, exact decimals; `scenario` as the results name it (`2032 base`).
fn csv(needed: &[Needed], out: &mut impl Write) -> Result<(), Failure> {
    let mut csv = csv::Writer::from_writer(out);
    let header = [
        "kind",
        "scenario",
        "target",
        "current",
        "needed",
        "within_range",
    ];
    csv.write_record(header)?;
    let number = |value: Option<workforce_gap::Decimal>| {
        value.map_or_else(String::new, |v| v.normalize().to_string())
    };
    for row in needed {
        let within = row.within_range.map_or_else(String::new, |w| w.to_string());
        csv.write_record([
            row.kind.to_string(),
            format!("{} {}", row.year, row.scenario),
            row.target.clone(),
            number(row.current),
            number(row.needed),
            within,
        ])?;
    }
    csv.flush()?;
    Ok(())
}

/// One row of the priorities as CSV: its fields are the columns, their names the header; a
/// number is its exact decimal, and what does not apply stays empty.
#[derive(serde::Serialize)]
struct PriorityRow<'p> {
    id: &'p str,
    name: &'p str,
    persons: String,
    share: String,
    low: String,
    high: String,
    /// The parameters that are assumptions, `;` between them (as themes are in the files).
    assumptions: String,
    parameters: usize,
    lever: Option<&'p str>,
    leverage: String,
    published: String,
}

/// The priorities as CSV, one row per counted initiative, exact decimals.
fn priorities_csv(priorities: &[Priority], out: &mut impl Write) -> Result<(), Failure> {
    let mut csv = csv::Writer::from_writer(out);
    let number =
        |value: Option<Decimal>| value.map_or_else(String::new, |v| v.normalize().to_string());
    for p in priorities {
        let bounds = p.bounds.as_ref();
        csv.serialize(PriorityRow {
            id: &p.id,
            name: &p.name,
            persons: number(p.persons.map(|v| v.value())),
            share: number(p.share.map(|v| v.value())),
            low: number(bounds.map(|b| b.low)),
            high: number(bounds.map(|b| b.high)),
            assumptions: p.assumptions.join(";"),
            parameters: p.parameters,
            lever: p.lever.as_deref(),
            leverage: number(p.leverage),
            published: p.published.map_or_else(String::new, |v| v.to_string()),
        })?;
    }
    csv.flush()?;
    Ok(())
}

/// The chance as CSV: per shortage compared, the chance of covering each share of it (`given`
/// `share`), then the share covered with each chance (`given` `chance`); empty without draws.
#[cfg(feature = "monte-carlo")]
fn chance_csv(model: &Model, results: &Results, out: &mut impl Write) -> Result<(), Failure> {
    const SHARES: [f64; 4] = [0.25, 0.5, 0.75, 1.0];
    const CHANCES: [f64; 7] = [0.95, 0.9, 0.75, 0.5, 0.25, 0.1, 0.05];
    let mut csv = csv::Writer::from_writer(out);
    csv.write_record(["scenario", "given", "share", "chance"])?;
    // Nothing counted quantified: nothing to draw, and no chance is zero.
    if !results.initiatives.iter().any(|i| i.counts_quantified()) {
        csv.flush()?;
        return Ok(());
    }
    let mc = model.monte_carlo(workforce_gap::MonteCarloSettings::default())?;
    let number = |x: f64| {
        if x.is_nan() {
            String::new()
        } else {
            x.to_string()
        }
    };
    // The chance of each share, then the share of each chance: one row per shortage of each.
    let chances = SHARES.map(|share| ("share", share, mc.chance(share)));
    let shares = CHANCES.map(|chance| ("chance", chance, mc.coverage(chance)));
    for (given, value, found) in chances.into_iter().chain(shares) {
        for (year, scenario, other) in found {
            let (share, chance) = if given == "share" {
                (value, other)
            } else {
                (other, value)
            };
            let row = [
                format!("{year} {scenario}"),
                given.into(),
                number(share),
                number(chance),
            ];
            csv.write_record(row)?;
        }
    }
    csv.flush()?;
    Ok(())
}
