//! The WHO's WISN method on a folder of two tables: the staff a workload requires, against the
//! staff there is.
//!
//! Run with `cargo run --example wisn -- tests/fixtures/wisn-ward` (see `--help`).

mod common;

use common::{Args, DIALECT, FORMAT, Failure, Program};
use rust_decimal::{Decimal, RoundingStrategy};
use std::fmt::Write as _;
use std::io::Write;
use std::process::ExitCode;
use workforce_gap::{Staffing, Text, Wisn};

const HELP: &str = "\
wisn: the WHO's Workload Indicators of Staffing Need for one staff category: the available
working time, the standard workload of each health-service activity and the staff it needs,
the category and individual allowance factors (CAF, IAF), the required staff, and the WISN
difference and ratio against the current staff.

Usage: cargo run --example wisn -- [OPTIONS] FOLDER

The folder holds time.csv (key,value: working_days, or weeks and days_per_week;
public_holidays, annual_leave, sick_leave, other_leave, hours_per_day, current_staff) and
activities.csv (activity,kind,workload,standard,unit). The README explains them.

Options:
  --dialect canonical|dutch-excel|detect   how the files are written (default canonical)
  --format text   a readable table (default)
  --format csv    key,value rows with exact decimals
  -h, --help      this text

Exit status: 0 on success, 1 when the input has errors (all findings are listed),
2 on bad usage.";

const PROGRAM: Program = Program {
    name: "wisn",
    help: HELP,
    choices: &[DIALECT, FORMAT],
    sets: false,
};

fn main() -> ExitCode {
    let args = match PROGRAM.args() {
        Ok(args) if args.paths.len() != 1 => return PROGRAM.usage("give one folder"),
        Ok(args) => args,
        Err(exit) => return exit,
    };
    PROGRAM.finish(|out| run(&args, out))
}

fn run(args: &Args, out: &mut impl Write) -> Result<(), Failure> {
    let folder = common::folder_holding(&args.paths[0], "time.csv and activities.csv")?;
    let loaded = Wisn::load_dir_with(&args.loader(), folder)?;
    common::note(&Text::Findings(&loaded.findings).to_string());
    let staffing = loaded.model.staffing()?;
    if args.csv() {
        let mut csv = csv::Writer::from_writer(out);
        csv.write_record(["key", "value"])?;
        for (key, value) in staffing.key_values() {
            let value = value.map_or_else(String::new, |v| v.normalize().to_string());
            csv.write_record([key, value])?;
        }
        csv.flush()?;
    } else {
        let name = folder.file_name().unwrap_or(folder.as_os_str());
        let title = Text::Safe(&name.to_string_lossy()).to_string();
        out.write_all(text(&title, &staffing).as_bytes())?;
    }
    Ok(())
}

/// Rounded to two decimals, for reading; the CSV has the exact values.
fn two(value: Decimal) -> String {
    let rounded = value.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero);
    format!("{rounded:.2}")
}

fn text(title: &str, s: &Staffing) -> String {
    let mut out = String::new();
    // Writing to a String cannot fail.
    let _ = write_text(&mut out, title, s);
    out
}

fn write_text(out: &mut String, title: &str, s: &Staffing) -> std::fmt::Result {
    const WIDTH: usize = 36;
    writeln!(out, "WISN: {title}\n")?;
    writeln!(
        out,
        "Available working time: {} days, {} hours a year\n",
        s.available_days.normalize(),
        s.available_hours.value().normalize()
    )?;
    writeln!(
        out,
        "{:<WIDTH$} {:>12} {:>18} {:>8}",
        "Health-service activity", "workload", "standard workload", "staff"
    )?;
    for service in &s.services {
        let name: String = Text::Safe(&service.activity)
            .to_string()
            .chars()
            .take(WIDTH - 2)
            .collect();
        writeln!(
            out,
            "  {name:<width$} {:>12} {:>18} {:>8}",
            service.workload.normalize(),
            two(service.standard_workload),
            two(service.staff.value()),
            width = WIDTH - 2
        )?;
    }
    let percent = (s.category_allowance.value())
        .checked_mul(Decimal::ONE_HUNDRED)
        .map_or_else(|| "-".into(), two);
    let caf = format!("CAF ({percent}% category allowances)");
    let rows = [
        (
            "Staff for the health services",
            two(s.service_staff.value()),
        ),
        (&caf, two(s.caf.value())),
        ("IAF (individual allowances)", two(s.iaf.value())),
        ("Required staff", two(s.required.value())),
        ("Current staff", two(s.current.value())),
        (
            "WISN difference (current - required)",
            two(s.difference.value()),
        ),
        (
            "WISN ratio (current / required)",
            s.ratio
                .map_or("none: no staff required".into(), |r| two(r.value())),
        ),
    ];
    writeln!(out)?;
    for (label, value) in rows {
        writeln!(out, "{label:<width$} {value:>8}", width = WIDTH + 32)?;
    }
    Ok(())
}
