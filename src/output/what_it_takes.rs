//! What it takes to close each gap, as text: per shortage, the factor all counted initiatives,
//! each theme and the largest initiatives must grow by, and the parameters that alone could
//! close it, those within their range first, then nearest their present value. The CSV of the example has every row.

use super::text::{clip, one_decimal, safe, written};
use crate::analysis::what_it_takes::{Lever, Needed};
use crate::evaluate::Results;
use rust_decimal::{Decimal, RoundingStrategy};
use std::fmt::Write as _;

/// The initiatives shown per gap, largest first.
const INITIATIVES_SHOWN: usize = 10;
/// How many parameters that cannot close a gap alone the text names, with their reasons.
const CANNOT_SHOWN: usize = 3;

/// The parameters shown per gap, nearest their present value first.
const PARAMETERS_SHOWN: usize = 15;

pub(crate) fn what_it_takes_text(rows: &[Needed], results: &Results) -> String {
    written(|out| write_what_it_takes(out, rows, results))
}

fn write_what_it_takes(out: &mut String, rows: &[Needed], results: &Results) -> std::fmt::Result {
    writeln!(
        out,
        "What it takes to close each gap: one change at a time, everything else as planned"
    )?;
    let mut gaps: Vec<(u16, &str)> = Vec::new();
    for row in rows {
        if !gaps.contains(&(row.year, &row.scenario)) {
            gaps.push((row.year, &row.scenario));
        }
    }
    for (year, scenario) in gaps {
        let of_gap: Vec<&Needed> = (rows.iter())
            .filter(|r| r.year == year && *r.scenario == *scenario)
            .collect();
        writeln!(out)?;
        write_gap(out, year, scenario, &of_gap, results)?;
    }
    Ok(())
}

fn write_gap(
    out: &mut String,
    year: u16,
    scenario: &str,
    rows: &[&Needed],
    results: &Results,
) -> std::fmt::Result {
    let name = safe(&format!("{year} {scenario}"));
    let gap = (results.gaps.iter()).find(|g| g.year == year && *g.scenario == *scenario);
    let Some(gap) = gap else {
        // Not compared: the one row says why.
        let why = rows.iter().find_map(|r| r.reason.as_deref()).unwrap_or("");
        return writeln!(out, "{name}: {}", safe(why));
    };
    writeln!(
        out,
        "{name}: shortage {}, freed {}, remaining {}",
        one_decimal(gap.shortage.value()),
        one_decimal(gap.freed.value()),
        one_decimal(gap.remaining.value())
    )?;
    let of = |kind: Lever| rows.iter().copied().filter(move |r| r.kind == kind);
    writeln!(out, "  {:<58} {:>9} {:>10}", "Scaled", "persons", "by")?;
    for row in of(Lever::All) {
        write_scale(out, "All counted initiatives", row)?;
    }
    for row in of(Lever::Theme) {
        let theme = results.theme(&row.target).map_or(&*row.target, |t| &t.name);
        write_scale(out, &format!("theme {theme}"), row)?;
    }
    let (mut initiatives, unquantified): (Vec<&Needed>, Vec<&Needed>) =
        of(Lever::Initiative).partition(|r| r.current.is_some());
    initiatives.sort_by_key(|r| std::cmp::Reverse(r.current));
    for row in initiatives.iter().take(INITIATIVES_SHOWN) {
        let initiative = (results.initiative(&row.target)).map_or(&*row.target, |i| &i.name);
        write_scale(out, initiative, row)?;
    }
    if initiatives.len() > INITIATIVES_SHOWN {
        let more = initiatives.len() - INITIATIVES_SHOWN;
        writeln!(out, "    ... and {more} smaller initiatives")?;
    }
    if !unquantified.is_empty() {
        let counted = match unquantified.len() {
            1 => "1 counted initiative".to_string(),
            count => format!("{count} counted initiatives"),
        };
        writeln!(out, "    {counted} not quantified: nothing to scale")?;
    }
    let (mut closing, cannot): (Vec<&Needed>, Vec<&Needed>) =
        of(Lever::Parameter).partition(|r| r.needed.is_some());
    if closing.is_empty() && cannot.is_empty() {
        return Ok(());
    }
    // Those within their range first, then by how far they must move.
    closing.sort_by_key(|r| (r.within_range != Some(true), fold(r)));
    writeln!(
        out,
        "  {:<48} {:>10} {:>10} {:>8}",
        "One value alone", "now", "needed", "in range"
    )?;
    for row in closing.iter().take(PARAMETERS_SHOWN) {
        let within = match row.within_range {
            Some(true) => "yes",
            Some(false) => "no",
            None => "-",
        };
        writeln!(
            out,
            "    {:<46} {:>10} {:>10} {:>8}",
            clip(&row.target, 46),
            row.current.map_or_else(|| "-".into(), figure),
            row.needed.map_or_else(|| "-".into(), figure),
            within
        )?;
    }
    if closing.len() > PARAMETERS_SHOWN {
        let more = closing.len() - PARAMETERS_SHOWN;
        writeln!(out, "    ... and {more} more that must move further")?;
    }
    if !cannot.is_empty() {
        writeln!(
            out,
            "    {} cannot close it alone, for example:",
            cannot.len()
        )?;
        // The reasons differ (a share past 100%, a count below 0, a total that does not move,
        // a value beyond the largest decimal): a few, each with its own.
        for row in cannot.iter().take(CANNOT_SHOWN) {
            let reason = row.reason.as_deref().unwrap_or("no value closes it");
            writeln!(out, "      {}: {}", clip(&row.target, 46), reason)?;
        }
    }
    writeln!(
        out,
        "    in range: within the range of ranges.csv; - where it gives none"
    )
}

/// One scaled row: its persons and the factor, or why there is none.
fn write_scale(out: &mut String, label: &str, row: &Needed) -> std::fmt::Result {
    let persons = row.current.map_or_else(|| "-".into(), one_decimal);
    let by = match (row.needed, &row.reason) {
        (Some(factor), _) => format!("x {}", figure(factor)),
        (None, _) if row.current.is_none() => "not quantified".into(),
        (None, _) => "-".into(),
    };
    writeln!(out, "    {:<56} {persons:>9} {by:>10}", clip(label, 56))
}

/// How many times larger or smaller than its present value a parameter must be, nearest
/// first; a change of sign, or from zero, last.
fn fold(row: &Needed) -> Decimal {
    let (Some(now), Some(needed)) = (row.current, row.needed) else {
        return Decimal::MAX;
    };
    if now.is_zero() || needed.is_zero() || now.is_sign_negative() != needed.is_sign_negative() {
        return Decimal::MAX;
    }
    let (now, needed) = (now.abs(), needed.abs());
    let (large, small) = (now.max(needed), now.min(needed));
    large.checked_div(small).unwrap_or(Decimal::MAX)
}

/// A figure for reading: four significant digits, whole numbers from 1000 up; the CSV has
/// every digit.
fn figure(value: Decimal) -> String {
    let rounded = if value.abs() >= Decimal::ONE_THOUSAND {
        value.round_dp_with_strategy(0, RoundingStrategy::MidpointAwayFromZero)
    } else {
        (value.round_sf_with_strategy(4, RoundingStrategy::MidpointAwayFromZero)).unwrap_or(value)
    };
    rounded.normalize().to_string()
}
