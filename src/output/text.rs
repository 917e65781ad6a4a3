//! Results -> text for people and CSV for machines. Renderers only read [`Results`]; rounding
//! happens here and nowhere else.

use super::what_it_takes::what_it_takes_text;
use crate::analysis::moments::Moments;
use crate::analysis::monitoring::Monitored;
mod priorities;

#[cfg(feature = "monte-carlo")]
use crate::analysis::monte_carlo::MonteCarlo;
use crate::analysis::priorities::Priority;
use crate::analysis::scenario::Comparison;
use crate::analysis::scenario::Outcome;
use crate::analysis::timeline::YearGap;
use crate::analysis::uncertainty::{Reliance, Swing};
use crate::analysis::what_it_takes::Needed;
use crate::error::Finding;
use crate::evaluate::{Balance, Figure, Results, Verdict, below_one_person};
use crate::model::Interval;
use crate::model::Model;
use crate::model::name::Name;
use crate::model::units::{Persons, Share};
use rust_decimal::{Decimal, RoundingStrategy};
use std::fmt::{self, Write as _};

/// Results and analyses as text tables for people, each row's text made [safe](Text::Safe) to
/// print. Write one with `{}` or `to_string()`:
///
/// ```
/// use workforce_gap::Text;
/// let model = workforce_gap::Model::limburg()?;
/// let results = model.evaluate()?;
/// print!("{}", Text::Results(&results));
/// print!("{}", Text::Findings(&model.check()));
/// # Ok::<(), workforce_gap::Error>(())
/// ```
#[derive(Clone, Copy, Debug)]
#[non_exhaustive]
pub enum Text<'a> {
    /// A readable report: per theme, per sector, against the shortage, then the audit.
    Results(&'a Results),
    /// The scenarios side by side: what counts, what it frees (with bounds), against which
    /// shortage.
    Scenarios(&'a [Outcome]),
    /// The tornado: the parameters that move the total most, each alone from the low to the
    /// high end of its range; at most as many rows as the number says.
    Tornado(&'a [Swing], usize),
    /// How much of the total rests on assumptions, and how concentrated it is (the reliance,
    /// the concentration and the results they were found from).
    Reliance(&'a Reliance, &'a [(Name, Share)], &'a Results),
    /// The gap year by year.
    Timeline(&'a [YearGap]),
    /// The exact mean and standard deviation of the total, each theme and each gap over the
    /// parameters' ranges, or why they are not exact.
    Moments(&'a Moments),
    /// Findings for people: errors and warnings each on a line, and the initiatives that are not
    /// quantified summed up: how many, the first few, how many more.
    Findings(&'a [Finding]),
    /// Regions side by side, one block each: the region's full name; how many initiatives it
    /// collects and how many of those are quantified and counted; then each shortage as stated,
    /// on its own row with its own coverage, or why it is not compared.
    Regions(&'a [(&'a Model, &'a Results)]),
    /// What it takes to close each gap ([`Model::what_it_takes`] and the results it was found
    /// from): per shortage, the factor all counted initiatives, each theme and the largest
    /// initiatives must grow by, and the values that alone would close it, nearest first.
    WhatItTakes(&'a [Needed], &'a Results),
    /// Monitoring ([`Model::monitor`](crate::Model::monitor)): per period the planned and
    /// realised persons, the variance, the share and the status per initiative, theme, sector
    /// and in total, the realised gap against the projected one, and the forecast with its method.
    Monitoring(&'a [Monitored]),
    /// Per counted initiative ([`Model::priorities`]), its facts side by side in model order:
    /// persons, share of the total, bounds, P5 - P95 once filled in, the assumptions it reads,
    /// the persons a 1% rise of its most important parameter adds, and the published figure.
    Priorities(&'a [Priority]),
    /// The chance of covering a quarter, half, three quarters and all of each shortage
    /// ([`MonteCarlo::chance`]), and the share covered with a chance of 95% down to 5%
    /// ([`MonteCarlo::coverage`]); the shortages the results do not compare, with why.
    #[cfg(feature = "monte-carlo")]
    Chance(&'a MonteCarlo, &'a Results),
    /// Text from data made safe to print: control characters (a line break, an escape code) and
    /// the bidirectional overrides are written as escapes (`\n`, `\u{1b}`), so that a name
    /// cannot start a line of its own, forge a "Total" row or recolour the terminal.
    Safe(&'a str),
}

impl fmt::Display for Text<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&match *self {
            Text::Results(results) => text(results),
            Text::Scenarios(outcomes) => scenarios_text(outcomes),
            Text::Tornado(swings, limit) => tornado_text(swings, limit),
            Text::Reliance(reliance, concentration, results) => {
                reliance_text(reliance, concentration, results)
            }
            Text::Timeline(years) => timeline_text(years),
            Text::Moments(moments) => moments_text(moments),
            Text::Findings(findings) => findings_text(findings),
            Text::Regions(regions) => regions_text(regions),
            Text::WhatItTakes(rows, results) => what_it_takes_text(rows, results),
            Text::Monitoring(rows) => monitoring_text(rows),
            Text::Priorities(priorities) => priorities::priorities_text(priorities),
            #[cfg(feature = "monte-carlo")]
            Text::Chance(mc, results) => priorities::chance_text(mc, results),
            Text::Safe(text) => safe(text),
        })
    }
}

/// Persons with one decimal, for tables.
fn persons(p: Persons) -> String {
    one_decimal(p.value())
}

pub(super) fn one_decimal(value: Decimal) -> String {
    format!(
        "{:.1}",
        value.round_dp_with_strategy(1, RoundingStrategy::MidpointAwayFromZero)
    )
}

fn percent(share: Share) -> String {
    share
        .value()
        .checked_mul(Decimal::ONE_HUNDRED)
        .map_or_else(|| "-".into(), |p| format!("{}%", one_decimal(p)))
}

/// Persons as rounded for the audit, to the published figure's decimals: "0 - 1" for a positive
/// value that rounds to zero whole persons.
fn as_rounded(p: Persons, rounded: Decimal) -> String {
    if below_one_person(p, rounded) {
        "0 - 1".to_string()
    } else {
        rounded.to_string()
    }
}

/// A readable report: per theme, per sector, against the shortage, then the audit.
pub(crate) fn text(results: &Results) -> String {
    written(|out| write_text(out, results))
}

/// The text a writer produces; writing to a `String` cannot fail.
pub(super) fn written(write: impl FnOnce(&mut String) -> std::fmt::Result) -> String {
    let mut out = String::new();
    write(&mut out).expect("writing to a String cannot fail");
    out
}

fn write_text(out: &mut String, results: &Results) -> std::fmt::Result {
    let count = results
        .initiatives
        .iter()
        .filter(|i| i.counts_quantified())
        .count();
    let horizon = results
        .horizon
        .map_or(String::new(), |year| format!(", {year}"));
    writeln!(
        out,
        "{}: staff freed by {} (persons{horizon})",
        safe(&results.region),
        plural(count, "quantified initiative", "quantified initiatives")
    )?;
    let not_quantified = (results.initiatives.iter())
        .filter(|i| i.counted && !i.figure.is_quantified())
        .count();
    match not_quantified {
        0 => {}
        1 => writeln!(
            out,
            "1 more initiative counts but is not quantified: it adds nothing, and is listed in the audit without a figure."
        )?,
        n => writeln!(
            out,
            "{n} more initiatives count but are not quantified: they add nothing, and are listed in the audit without a figure."
        )?,
    }
    writeln!(out)?;

    write_groups(out, "Per theme", &results.themes)?;
    // With nothing quantified the total is no figure: its 0 would read as "frees nobody".
    let total = match count {
        0 => NOT_QUANTIFIED.to_string(),
        _ => persons(results.total),
    };
    writeln!(
        out,
        "  {:<56} {:>29}\n",
        "Total (each initiative counted once)", total
    )?;

    write_groups(out, "Per sector", &results.sectors)?;
    writeln!(
        out,
        "\n{:<24} {:>9} {:>9} {:>9} {:>16}",
        "Against the shortage", "shortage", "freed", "covered", "remaining"
    )?;
    for gap in &results.gaps {
        writeln!(
            out,
            "  {:<22} {:>9} {:>9} {:>9} {:>16}",
            clip(&format!("{} {}", gap.year, gap.scenario), 22),
            persons(gap.shortage),
            persons(gap.freed),
            percent(gap.covered),
            balance(gap.remaining)
        )?;
    }
    // Freed is every counted initiative at full effect: against an earlier year it reads as if
    // all were in effect by then, which the plan does not say.
    let horizon = results.horizon.unwrap_or(u16::MAX);
    if let Some(earlier) = (results.gaps.iter())
        .map(|g| g.year)
        .filter(|y| *y < horizon)
        .min()
    {
        let line = format!(
            "Freed is every counted initiative at full effect; against {earlier} it reads as if all were in effect by then. The timeline (Model::timeline, the scenarios example) follows their start and full years."
        );
        for line in wrap(&line, WIDTH, "  ") {
            writeln!(out, "  {line}")?;
        }
    }
    for not in &results.uncompared {
        let reason = format!("not compared: {}", safe(&not.reason));
        let mut label = clip(&format!("{} {}", not.year, not.scenario), 22);
        for line in wrap(&reason, WIDTH - 25, "") {
            writeln!(out, "  {label:<22} {line}")?;
            label.clear();
        }
    }
    if results.published_total.is_some() || results.published_share.is_some() {
        let total = results
            .published_total
            .as_ref()
            .map_or("-".into(), |p| format!("{p} persons"));
        let share = results
            .published_share
            .as_ref()
            .map_or("-".into(), Interval::percent);
        writeln!(
            out,
            "  The plan itself states: {total}, covering {share} of the shortage."
        )?;
    }
    if let Some(sum) = &results.published_sum {
        writeln!(
            out,
            "  Its published figures per initiative add up to {sum} persons; their parameters give {}.",
            persons(results.total)
        )?;
    }

    writeln!(
        out,
        "\nAudit: what each initiative's own parameters give, next to the published figure"
    )?;
    writeln!(
        out,
        "  {:<50} {:>10} {:>8} {:>10}  verdict",
        "initiative", "exact", "rounded", "published"
    )?;
    for initiative in &results.initiatives {
        let verdict = match (&initiative.figure, initiative.verdict) {
            (Figure::Pending { needs }, _) => format!("pending: needs {}", safe(&needs.join(", "))),
            (Figure::NotQuantified, _) | (_, Verdict::NotQuantified) => {
                "not quantified (no effects)".to_string()
            }
            (_, Verdict::Agrees) => "agrees".to_string(),
            (_, Verdict::Differs { difference }) => format!("DIFFERS by {difference:+}"),
            (_, Verdict::Unpublished) => "not published".to_string(),
        };
        // A pending initiative never counts; its verdict says why.
        let verdict = if initiative.counted || !initiative.figure.pending().is_empty() {
            verdict
        } else {
            format!("{verdict} (not counted)")
        };
        let published = initiative
            .published
            .as_ref()
            .map_or("-".into(), |p| p.to_string());
        writeln!(
            out,
            "  {:<50} {:>10} {:>8} {:>10}  {verdict}",
            clip(&initiative.name, 50),
            initiative
                .persons()
                .map_or(String::new(), |p| format!("{:.2}", p.value().round_dp(2))),
            initiative
                .persons()
                .zip(initiative.rounded)
                .map_or(String::new(), |(p, rounded)| as_rounded(p, rounded)),
            published
        )?;
    }
    let differing = results.disagreements().count();
    let published = results
        .initiatives
        .iter()
        .filter(|i| i.published.is_some())
        .count();
    writeln!(
        out,
        "  {differing} of {published} published figures differ from what their parameters give."
    )?;
    Ok(())
}

/// A table of themes or sectors: freed, needed and net persons. Both split each effect the same
/// way, so their freed and needed columns add up to the same sums.
fn write_groups(
    out: &mut String,
    title: &str,
    groups: &[crate::evaluate::GroupResult],
) -> std::fmt::Result {
    writeln!(
        out,
        "{:<58} {:>9} {:>9} {:>9}",
        title, "freed", "needed", "net"
    )?;
    for group in groups {
        let name = clip(&group.name, 56);
        if group.is_quantified() {
            let (freed, needed, net) = (group.freed, group.needed, group.persons);
            let [freed, needed, net] = [freed, needed, net].map(persons);
            writeln!(out, "  {name:<56} {freed:>9} {needed:>9} {net:>9}")?;
        } else {
            writeln!(out, "  {name:<56} {NOT_QUANTIFIED:>29}")?;
        }
    }
    Ok(())
}

/// What a theme, sector or total without a counted, quantified initiative shows instead of 0.
pub(super) const NOT_QUANTIFIED: &str = "not quantified";

/// Text from data, clipped to `width` characters (with "…") after [`safe`] escaping.
pub(super) fn clip(text: &str, width: usize) -> String {
    let text = safe(text);
    if text.chars().count() <= width {
        text
    } else {
        let mut clipped: String = text.chars().take(width.saturating_sub(1)).collect();
        clipped.push('…');
        clipped
    }
}

/// Text from data made safe to print: control characters (a line break, an escape code) and the
/// bidirectional overrides are written as escapes (`\n`, `\u{1b}`), so that a name cannot start
/// a line of its own, forge a "Total" row or recolour the terminal.
pub(crate) fn safe(text: &str) -> String {
    crate::error::printable(text).into_owned()
}

/// The scenarios side by side: what counts, what it frees (with bounds), against which shortage.
pub(crate) fn scenarios_text(outcomes: &[crate::analysis::scenario::Outcome]) -> String {
    written(|out| write_scenarios(out, outcomes))
}

fn write_scenarios(
    out: &mut String,
    outcomes: &[crate::analysis::scenario::Outcome],
) -> std::fmt::Result {
    writeln!(out, "Scenarios side by side (persons)")?;
    writeln!(
        out,
        "  {:<26} {:>13} {:>9} {:>19}  {:>17} {:>8} {:>16}",
        "scenario", "quantified", "freed", "freed, bounds", "shortage", "covered", "remaining"
    )?;
    let mut not_compared = Vec::new();
    for o in outcomes {
        let bounds = format!(
            "{} - {}",
            one_decimal(o.freed_bounds.low),
            one_decimal(o.freed_bounds.high)
        );
        let against = format!("{} {}", o.year, o.shortage_scenario);
        let (shortage, covered, remaining) = match &o.against {
            Comparison::Compared {
                shortage,
                covered,
                remaining,
            } => (
                format!("{} {against}", persons(*shortage)),
                percent(*covered),
                balance(*remaining),
            ),
            Comparison::NotCompared { reason } => {
                not_compared.push(format!("{}: {}", o.name, reason));
                (format!("n/c {against}"), "-".into(), "-".into())
            }
        };
        writeln!(
            out,
            "  {:<26} {:>13} {:>9} {:>19}  {:>17} {:>8} {:>16}",
            clip(&o.name, 26),
            format!("{} of {}", o.quantified, o.counted),
            persons(o.freed),
            bounds,
            shortage,
            covered,
            remaining
        )?;
    }
    writeln!(
        out,
        "  quantified: of the initiatives that count, those with a figure; the others add nothing."
    )?;
    for line in not_compared {
        writeln!(out, "  not compared (n/c), {}", safe(&line))?;
    }
    Ok(())
}

/// Shortage minus freed for people: what remains, or a surplus, never a negative remaining.
fn balance(remaining: Persons) -> String {
    match Balance::of(remaining) {
        Balance::Remaining(p) => persons(p),
        Balance::Surplus(p) => format!("surplus {}", persons(p)),
    }
}

/// The tornado: the parameters that move the total most, each alone from the low to the high
/// end of its range; at most `limit` rows.
/// The exact moments as a table: a row per figure, its mean and standard deviation.
fn moments_text(moments: &Moments) -> String {
    written(|out| {
        let (total, themes, gaps) = match moments {
            Moments::Exact {
                total,
                themes,
                gaps,
            } => (total, themes, gaps),
            Moments::NotMultilinear {
                initiative,
                parameter,
                reason,
            } => {
                return writeln!(
                    out,
                    "Exact mean and standard deviation: none, initiative {} is not multilinear in {}: {}; the Monte Carlo draws give them",
                    safe(initiative),
                    safe(parameter),
                    safe(reason)
                );
            }
        };
        writeln!(
            out,
            "Exact mean and standard deviation over the parameters' ranges (no draws)"
        )?;
        writeln!(out, "  {:<50} {:>10} {:>10}", "persons", "mean", "sd")?;
        let row = |out: &mut String, name: &str, [mean, _, sd]: &[Decimal; 3]| {
            let (mean, sd) = (one_decimal(*mean), one_decimal(*sd));
            writeln!(out, "  {:<50} {mean:>10} {sd:>10}", clip(name, 50))
        };
        row(out, "total", total)?;
        for (theme, moments) in themes {
            row(out, &format!("theme {theme}"), moments)?;
        }
        for (year, scenario, covered, remaining) in gaps {
            let shortage = format!("{year} {scenario}");
            row(
                out,
                &format!("remaining of the shortage {shortage}"),
                remaining,
            )?;
            let [mean, _, sd] = covered.map(|share| percent(Share::new(share)));
            let name = format!("share of the shortage {shortage} covered");
            writeln!(out, "  {:<50} {mean:>10} {sd:>10}", clip(&name, 50))?;
        }
        Ok(())
    })
}

pub(crate) fn tornado_text(swings: &[crate::analysis::uncertainty::Swing], limit: usize) -> String {
    written(|out| {
        writeln!(
            out,
            "What moves the total most: each parameter alone from the low to the high end of its range"
        )?;
        writeln!(
            out,
            "  {:<62} {:>9} {:>9} {:>8}",
            "parameter", "at low", "at high", "swing"
        )?;
        for swing in swings.iter().take(limit) {
            let name = format!(
                "{}.{}{}",
                swing.scope,
                swing.name,
                if swing.assumption { " (aanname)" } else { "" }
            );
            writeln!(
                out,
                "  {:<62} {:>9} {:>9} {:>+8.1}",
                clip(&name, 62),
                persons(swing.at_low),
                persons(swing.at_high),
                swing.swing.round_dp(1)
            )?;
        }
        if swings.is_empty() {
            writeln!(out, "  (no parameter has a range)")?;
        }
        if swings.len() > limit {
            writeln!(
                out,
                "  ... and {} more parameters with a range",
                swings.len() - limit
            )?;
        }
        Ok(())
    })
}

/// How much of the total rests on assumptions, and how concentrated it is.
pub(crate) fn reliance_text(
    reliance: &crate::analysis::uncertainty::Reliance,
    concentration: &[(crate::model::name::Name, Share)],
    results: &Results,
) -> String {
    written(|out| {
        let Some(share) = reliance.share_on_assumptions else {
            return writeln!(
                out,
                "On assumptions and concentration: nothing counted is quantified (total 0), so there are no shares."
            );
        };
        writeln!(
            out,
            "On assumptions: {} of {} persons ({}) come from initiatives whose formulas use a value the plan marks as an assumption (aanname); {} rest on sourced values only.",
            persons(reliance.on_assumptions),
            persons(results.total),
            percent(share),
            persons(reliance.sourced)
        )?;
        writeln!(
            out,
            "Concentration: the largest initiatives' share of the total"
        )?;
        let mut cumulative = Decimal::ZERO;
        for (id, share) in concentration.iter().take(5) {
            cumulative = cumulative.saturating_add(share.value());
            let name = results
                .initiative(id)
                .map_or(id.as_str(), |i| i.name.as_str());
            writeln!(
                out,
                "  {:<56} {:>7} {:>11}",
                clip(name, 56),
                percent(*share),
                format!("{} total", percent(Share::new(cumulative)))
            )?;
        }
        Ok(())
    })
}

/// The gap year by year.
pub(crate) fn timeline_text(years: &[crate::analysis::timeline::YearGap]) -> String {
    written(|out| {
        writeln!(out, "The gap year by year (persons)")?;
        writeln!(
            out,
            "  {:<6} {:>9} {:>9} {:>16}",
            "year", "shortage", "freed", "remaining"
        )?;
        for y in years {
            writeln!(
                out,
                "  {:<6} {:>9} {:>9} {:>16}",
                y.year,
                y.shortage.map_or("n/c".into(), persons),
                persons(y.freed),
                y.remaining.map_or("-".into(), balance)
            )?;
        }
        if years.iter().any(|y| y.shortage.is_none()) {
            writeln!(
                out,
                "  n/c: the shortage is not compared, as it cannot be stated in persons"
            )?;
        }
        Ok(())
    })
}

/// Findings for people: errors and warnings each on a line, and the initiatives that are not
/// quantified (often most of a plan's) summed up: how many, the first few, how many more.
pub(crate) fn findings_text(findings: &[crate::Finding]) -> String {
    written(|out| {
        let not_quantified: Vec<&str> = findings
            .iter()
            .filter(|f| f.kind == crate::Kind::NoEffects)
            .map(|f| f.value.as_str())
            .collect();
        for finding in findings.iter().filter(|f| f.kind != crate::Kind::NoEffects) {
            writeln!(out, "{}", safe(&finding.to_string()))?;
        }
        if !not_quantified.is_empty() {
            let mut listed: Vec<String> = (not_quantified.iter())
                .take(FIRST_FEW)
                .map(|id| safe(id))
                .collect();
            if not_quantified.len() > FIRST_FEW {
                listed.push(format!("and {} more", not_quantified.len() - FIRST_FEW));
            }
            let line = match not_quantified.len() {
                1 => format!(
                    "info: 1 initiative is not quantified (no effects) and counts for nothing: {}",
                    listed.join(", ")
                ),
                n => format!(
                    "info: {n} initiatives are not quantified (no effects) and count for nothing: {}",
                    listed.join(", ")
                ),
            };
            for line in wrap(&line, WIDTH, "  ") {
                writeln!(out, "{line}")?;
            }
        }
        Ok(())
    })
}

/// How many items a summary names before "and N more".
const FIRST_FEW: usize = 5;

/// The width text output wraps at.
const WIDTH: usize = 100;

/// `text` broken at spaces into lines of at most `width` characters (a longer word stays whole);
/// lines after the first start with `indent`.
fn wrap(text: &str, width: usize, indent: &str) -> Vec<String> {
    let mut lines = vec![String::new()];
    for word in text.split(' ') {
        let line = lines.last_mut().expect("never empty");
        let used = line.chars().count();
        if line.is_empty() || line == indent {
            line.push_str(word);
        } else if used + 1 + word.chars().count() <= width {
            line.push(' ');
            line.push_str(word);
        } else {
            lines.push(format!("{indent}{word}"));
        }
    }
    lines
}

/// Regions side by side, one block each: the region's full name; how many initiatives it
/// collects and how many of those are quantified and counted (the initiatives its total is
/// made of, as in [`Text::Results`]); then each shortage as stated, on its own row with its own
/// coverage, or why it is not compared.
pub(crate) fn regions_text(regions: &[(&crate::Model, &Results)]) -> String {
    written(|out| {
        writeln!(
            out,
            "Regions side by side. quantified: initiatives that count in the total and have a figure."
        )?;
        for (model, results) in regions {
            let count = |keep: fn(&crate::evaluate::InitiativeResult) -> bool| {
                results.initiatives.iter().filter(|i| keep(i)).count()
            };
            let quantified = count(|i| i.counts_quantified());
            let aside = count(|i| !i.counted && i.figure.is_quantified());
            let pending = count(|i| !i.figure.pending().is_empty());
            let mut counts = format!(
                "{}, {quantified} quantified",
                plural(results.initiatives.len(), "initiative", "initiatives")
            );
            if aside > 0 {
                counts += &format!(" (+{aside} quantified but not counted)");
            }
            if pending > 0 {
                counts += &format!(" (+{pending} pending)");
            }
            let freed = match quantified {
                0 => "nothing quantified".to_string(),
                _ => format!("{} persons freed", persons(results.total)),
            };
            writeln!(out, "\n{}", safe(&results.region))?;
            writeln!(out, "  {counts}; {freed}")?;
            writeln!(
                out,
                "  {:<50} {:>8} {:>16}",
                "shortage, as stated", "covered", "remaining"
            )?;
            if model.shortages.is_empty() {
                writeln!(out, "  not stated")?;
            }
            for shortage in &model.shortages {
                let is = |year: u16, scenario: &str| {
                    year == shortage.year && scenario == shortage.scenario
                };
                let stated = clip(&shortage.to_string(), 50);
                let gap = results.gaps.iter().find(|g| is(g.year, &g.scenario));
                let not = results.uncompared.iter().find(|u| is(u.year, &u.scenario));
                match (gap, not) {
                    (Some(gap), _) if quantified > 0 => writeln!(
                        out,
                        "  {stated:<50} {:>8} {:>16}",
                        percent(gap.covered),
                        balance(gap.remaining)
                    )?,
                    (Some(gap), _) => writeln!(
                        out,
                        "  {stated:<50} {:>8} {:>16}",
                        "-",
                        persons(gap.shortage)
                    )?,
                    (None, Some(not)) => {
                        writeln!(out, "  {stated}")?;
                        for line in wrap(
                            &format!("not compared: {}", safe(&not.reason)),
                            WIDTH - 4,
                            "  ",
                        ) {
                            writeln!(out, "    {line}")?;
                        }
                    }
                    (None, None) => writeln!(out, "  {stated}")?,
                }
            }
        }
        Ok(())
    })
}

/// Monitoring, period by period, then the forecast.
pub(crate) fn monitoring_text(rows: &[Monitored]) -> String {
    written(|out| {
        if rows.is_empty() {
            return writeln!(
                out,
                "Nothing to monitor: the model has no realised values (realised.csv) and no staff measured (staff.csv)."
            );
        }
        let shown = |p: Option<Persons>| p.map_or("-".to_string(), persons);
        let mut period = None;
        // Initiatives without data are many: counted on one line after those with data.
        let mut without = (0, Decimal::ZERO);
        let end_initiatives = |out: &mut String, without: &mut (usize, Decimal)| {
            let (count, planned) = std::mem::take(without);
            match count {
                0 => Ok(()),
                _ => writeln!(
                    out,
                    "  {:<10} {:<40} {:>9} {:>9} {:>7} {:>9} {:>9} {:>7}  no data",
                    "initiative",
                    format!("{count} without data"),
                    one_decimal(planned),
                    "0.0",
                    "0.0%",
                    "-",
                    "-",
                    "-"
                ),
            }
        };
        for row in rows.iter().filter(|r| r.level != "shortage") {
            if row.level == "initiative" && row.realised.is_none() {
                without.0 += 1;
                without.1 = without.1.saturating_add(row.planned.value());
                continue;
            }
            if row.level != "initiative" {
                end_initiatives(out, &mut without)?;
            }
            if period != Some(row.period) {
                period = Some(row.period);
                let title = match row.level {
                    "forecast" => format!(
                        "Forecast for {} ({})",
                        row.period,
                        Monitored::FORECAST_METHOD
                    ),
                    _ => format!(
                        "{} (persons freed; realised counts the initiatives with data only)",
                        row.period
                    ),
                };
                writeln!(out, "\n{title}")?;
                writeln!(
                    out,
                    "  {:<10} {:<40} {:>9} {:>9} {:>7} {:>9} {:>9} {:>7}  status",
                    "level",
                    "id",
                    "planned",
                    "with data",
                    "of plan",
                    "realised",
                    "variance",
                    "share"
                )?;
            }
            let coverage = row.coverage().map_or("-".to_string(), percent);
            writeln!(
                out,
                "  {:<10} {:<40} {:>9} {:>9} {:>7} {:>9} {:>9} {:>7}  {}",
                row.level,
                clip(&safe(&row.id), 40),
                persons(row.planned),
                persons(row.with_data),
                coverage,
                shown(row.realised),
                shown(row.variance),
                row.share.map_or("-".to_string(), percent),
                row.status
            )?;
        }
        if rows.iter().any(|r| r.level == "gap") {
            writeln!(
                out,
                "\n  gap: the projected shortage (planned) against the persons the sectors were short of (realised); a larger gap is behind"
            )?;
        }
        for row in rows.iter().filter(|r| r.level == "shortage") {
            match row.realised {
                Some(forecast) => writeln!(
                    out,
                    "  At this pace, {} of the {} short in {} ({}): {}",
                    persons(forecast),
                    persons(row.planned),
                    row.period,
                    safe(&row.id),
                    row.share.map_or("-".to_string(), percent)
                )?,
                None => writeln!(
                    out,
                    "  No forecast against the {} short in {} ({}): nothing realised",
                    persons(row.planned),
                    row.period,
                    safe(&row.id)
                )?,
            }
        }
        Ok(())
    })
}

/// `n` and the noun in its number: "1 initiative", "2 initiatives".
fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}
