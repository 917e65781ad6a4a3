//! The priorities table and the chance of reaching a target, as text.

use super::{NOT_QUANTIFIED, WIDTH, clip, one_decimal, percent, persons, wrap, written};
use crate::analysis::priorities::Priority;
use std::fmt::Write as _;

/// Per counted initiative, its facts side by side, in the model's order.
pub(super) fn priorities_text(priorities: &[Priority]) -> String {
    written(|out| {
        writeln!(
            out,
            "Priorities: each counted initiative's facts side by side, in the plan's order (no ranking)"
        )?;
        let drawn = priorities.iter().any(|p| p.percentiles.is_some());
        let spread_header = if drawn { "        P5 - P95" } else { "" };
        writeln!(
            out,
            "  {:<26} {:>8} {:>6} {:>15}{spread_header} {:>8} {:>7} {:>9}  lever",
            "initiative", "persons", "share", "bounds", "assumed", "+1%", "published"
        )?;
        for priority in priorities {
            let published = priority
                .published
                .as_ref()
                .map_or("-".into(), |p| p.to_string());
            let name = clip(&priority.name, 26);
            let Some(freed) = priority.persons else {
                let blank = if drawn { 16 } else { 0 } + 48;
                writeln!(out, "  {name:<26} {NOT_QUANTIFIED:<blank$} {published:>9}")?;
                continue;
            };
            let range = |low: String, high: String| format!("{low} - {high}");
            let bounds = priority.bounds.map_or("-".into(), |b| {
                range(one_decimal(b.low), one_decimal(b.high))
            });
            let spread = match (drawn, priority.percentiles) {
                (false, _) => String::new(),
                (true, None) => format!(" {:>15}", "-"),
                (true, Some((p5, p95))) => {
                    format!(" {:>15}", range(format!("{p5:.1}"), format!("{p95:.1}")))
                }
            };
            let assumed = format!("{} of {}", priority.assumptions.len(), priority.parameters);
            let leverage = priority
                .leverage
                .map_or("-".into(), |l| format!("{:+.2}", l.round_dp(2)));
            // The initiative's own parameters by name; a shared one with its scope.
            let lever = priority.lever.as_deref().map_or("-", |lever| {
                lever
                    .strip_prefix(priority.id.as_str())
                    .and_then(|name| name.strip_prefix('.'))
                    .unwrap_or(lever)
            });
            writeln!(
                out,
                "  {name:<26} {:>8} {:>6} {bounds:>15}{spread} {assumed:>8} {leverage:>7} {published:>9}  {}",
                persons(freed),
                priority.share.map_or("-".into(), percent),
                clip(lever, 30),
            )?;
        }
        if priorities.is_empty() {
            writeln!(out, "  (no initiative counts)")?;
        }
        let legend = format!(
            "share: of the total. bounds: while the parameters roam their ranges.{} assumed: the parameters it reads that the plan marks as assumptions, of all it reads. +1%: persons more with its lever 1% higher. lever: its parameter whose 1% rise moves it most (of several alike, the one whose range moves it most). published: the plan's figure.",
            if drawn {
                " P5 - P95: of the Monte Carlo draws."
            } else {
                ""
            }
        );
        for line in wrap(&legend, WIDTH - 2, "") {
            writeln!(out, "  {line}")?;
        }
        Ok(())
    })
}

/// The chance of covering a quarter, half, three quarters and all of each shortage, and the share
/// covered with a chance of 95% down to 5%.
#[cfg(feature = "monte-carlo")]
pub(super) fn chance_text(
    mc: &crate::analysis::monte_carlo::MonteCarlo,
    results: &crate::evaluate::Results,
) -> String {
    const TARGETS: [f64; 4] = [0.25, 0.5, 0.75, 1.0];
    const CHANCES: [f64; 7] = [0.95, 0.9, 0.75, 0.5, 0.25, 0.1, 0.05];
    let share = |x: f64| match x.is_nan() {
        true => "-".to_string(),
        false => format!("{:.1}%", x * 100.0),
    };
    let header = |values: &[f64]| -> String {
        values
            .iter()
            .map(|v| format!(" {:>7}", format!("{:.0}%", v * 100.0)))
            .collect()
    };
    written(|out| {
        let counted = results.initiatives.iter().filter(|i| i.counted);
        let not_quantified = counted
            .clone()
            .filter(|i| !i.figure.is_quantified())
            .count();
        if counted.count() == not_quantified {
            // Not quantified is not zero: a chance of 0% would read as "frees nobody".
            return writeln!(
                out,
                "The chance of reaching a target: nothing counted is quantified, so there is nothing to draw."
            );
        }
        match not_quantified {
            0 => {}
            1 => writeln!(
                out,
                "1 initiative counts but is not quantified: the chances are those of the others."
            )?,
            n => writeln!(
                out,
                "{n} initiatives count but are not quantified: the chances are those of the others."
            )?,
        }
        let draws = super::plural(mc.total.draws() as usize, "draw", "draws");
        let mut table = |title: &str, columns: &[f64], rows: Vec<Vec<(u16, String, f64)>>| {
            writeln!(out, "{title}")?;
            writeln!(out, "  {:<22}{}", "shortage", header(columns))?;
            for (index, (year, scenario, _)) in rows.first().into_iter().flatten().enumerate() {
                let cells: String = rows
                    .iter()
                    .map(|row| format!(" {:>7}", share(row[index].2)))
                    .collect();
                writeln!(
                    out,
                    "  {:<22}{cells}",
                    clip(&format!("{year} {scenario}"), 22)
                )?;
            }
            for not in &results.uncompared {
                let reason = format!("not compared: {}", super::safe(&not.reason));
                let mut label = clip(&format!("{} {}", not.year, not.scenario), 22);
                for line in wrap(&reason, WIDTH - 25, "") {
                    writeln!(out, "  {label:<22} {line}")?;
                    label.clear();
                }
            }
            Ok::<_, std::fmt::Error>(())
        };
        table(
            &format!("The chance of covering at least this share of the shortage ({draws})"),
            &TARGETS,
            TARGETS.iter().map(|&target| mc.chance(target)).collect(),
        )?;
        table(
            "The share of the shortage covered with at least this chance",
            &CHANCES,
            CHANCES.iter().map(|&chance| mc.coverage(chance)).collect(),
        )?;
        Ok(())
    })
}
