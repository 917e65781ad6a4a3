//! Monitoring: what was realised, period by period, against the plan, and a forecast for the
//! horizon at the pace realised so far.
//!
//! Run with `cargo run --example monitor -- [FOLDER] [--format csv]`.

mod common;

use common::{DIALECT, FORMAT, Program};
use std::collections::BTreeSet;
use std::io::Write;
use std::process::ExitCode;
use workforce_gap::{Decimal, Error, Model, Monitored, Persons, Progress, Share, Text};

const HELP: &str = "\\
monitor: realised against planned. Per period of realised.csv (and staff.csv) the persons
the plan expects by then and those realised, the variance, the share of plan and a status
(within 10% of plan is on track) per initiative, theme, sector and in total; the realised
gap against the projected one; and a forecast for the horizon at the pace realised so far,
against each shortage scenario.

Usage: cargo run --example monitor -- [--dialect canonical|dutch-excel|detect] [--format text|csv] [FOLDER]

Without a folder it runs on the embedded Noord- en Midden-Limburg data, with its
demonstration realised.csv and staff.csv: invented figures, not measurements.";

const PROGRAM: Program = Program {
    name: "monitor",
    help: HELP,
    choices: &[DIALECT, FORMAT],
    sets: false,
};

fn main() -> ExitCode {
    let args = match PROGRAM.region_args() {
        Ok(args) => args,
        Err(exit) => return exit,
    };
    PROGRAM.finish(|out| {
        let model = common::region(&args)?;
        let rows = model.monitor(Share::new(Progress::TOLERANCE))?;
        if args.csv() {
            return Ok(csv(&rows, out)?);
        }
        let mut text = format!("{}\n", Text::Safe(&model.region.name));
        text += &sources(&model);
        text += &Text::Monitoring(&rows).to_string();
        Ok(out.write_all(text.as_bytes())?)
    })
}

/// Where the realised figures come from, each source once: invented demonstration data says so.
fn sources(model: &Model) -> String {
    let sources: BTreeSet<&str> = (model.realised.iter())
        .chain(&model.staff)
        .map(|r| r.source.as_str())
        .filter(|s| !s.is_empty())
        .collect();
    let mut text = String::new();
    for source in sources {
        text += &format!("Realised figures from: {}\n", Text::Safe(source));
    }
    text
}

/// One CSV row per line of monitoring, in exact decimals.
fn csv(rows: &[Monitored], out: impl Write) -> Result<(), Error> {
    let mut writer = csv::Writer::from_writer(out);
    // Exact, without the trailing zeros of the computation's scale.
    let exact =
        |value: Option<Decimal>| value.map(|v| v.normalize().to_string()).unwrap_or_default();
    writer.write_record([
        "period",
        "level",
        "id",
        "planned",
        "with_data",
        "realised",
        "variance",
        "share",
        "status",
    ])?;
    for row in rows {
        writer.write_record([
            row.period.to_string(),
            row.level.to_string(),
            row.id.to_string(),
            exact(Some(row.planned.value())),
            exact(Some(row.with_data.value())),
            exact(row.realised.map(Persons::value)),
            exact(row.variance.map(Persons::value)),
            exact(row.share.map(Share::value)),
            row.status.to_string(),
        ])?;
    }
    writer.flush().map_err(|source| Error::Write { source })
}
