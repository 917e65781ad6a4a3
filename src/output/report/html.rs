//! The report as one self-contained HTML file (inline SVG and CSS, no scripts, nothing fetched),
//! and its tables as Markdown. The HTML is well-formed XML, so it can be checked by any XML tool.

use super::svg::escape;
use super::{Labels, Language, Report};
use crate::analysis::monitoring::Monitored;
use crate::analysis::scenario::Comparison;
use crate::evaluate::{Balance, Figure, GroupResult, InitiativeResult, Verdict, below_one_person};
use crate::model::units::Persons;
use crate::model::{Interval, ShortageUnit};
use rust_decimal::Decimal;
use std::fmt::Write as _;

const STYLE: &str = "body{font-family:Helvetica,Arial,sans-serif;color:#222;max-width:980px;margin:2em auto;padding:0 1em;line-height:1.45}
h1{font-size:1.6em;margin-bottom:.2em}h2{font-size:1.25em;margin-top:2em;border-bottom:1px solid #ccc}
.headline{font-size:1.15em;background:#f4f4f4;padding:.8em 1em;border-left:4px solid #3b3b3b}
table{border-collapse:collapse;width:100%;font-size:.9em;margin:.6em 0}th,td{border-bottom:1px solid #ddd;padding:.3em .5em;text-align:left;vertical-align:top}
td.n,th.n{text-align:right;white-space:nowrap}tr.differs td{background:#fbeaea}tr.muted td{color:#777}
figure{margin:1em 0}svg{max-width:100%;height:auto}.note{color:#555;font-size:.9em}
table.sources td.id{min-width:14em;max-width:22em;word-break:keep-all;overflow-wrap:normal;hyphens:none}table.sources td:nth-child(4){min-width:18em}
table.audit td:last-child{white-space:nowrap}";

/// A table cell with a number, right-aligned.
fn n(text: impl std::fmt::Display) -> String {
    format!(r#"<td class="n">{}</td>"#, escape(&text.to_string()))
}

fn t(text: &str) -> String {
    format!("<td>{}</td>", escape(text))
}

fn fill(template: &str, pairs: &[(&str, String)]) -> String {
    pairs
        .iter()
        .fold(template.to_string(), |text, (key, value)| {
            text.replace(&format!("{{{key}}}"), value)
        })
}

/// The headline sentences: freed, covered, remaining, the plan's own claim, the reliance on
/// assumptions and the largest initiative.
fn headline(report: &Report, labels: &Labels) -> Vec<String> {
    let language = report.language;
    let results = &report.results;
    let mut sentences = Vec::new();
    let base = results
        .gaps
        .iter()
        .filter(|g| g.scenario == crate::model::scenario::BASE_SHORTAGE)
        .max_by_key(|g| g.year);
    if report.nothing_quantified() {
        // No figure to state: a total of nothing quantified is not "0 persons freed".
        let counted = results.initiatives.iter().filter(|i| i.counted).count();
        sentences.push(fill(
            labels.none_quantified,
            &[("counted", counted.to_string())],
        ));
        sentences.extend(base.map(|gap| {
            fill(
                labels.shortage_only,
                &[
                    ("year", gap.year.to_string()),
                    ("shortage", language.persons(gap.shortage)),
                ],
            )
        }));
    } else if let Some(gap) = base {
        let figures = fill(
            labels.headline,
            &[
                ("freed", language.persons(results.total)),
                ("covered", language.percent(gap.covered)),
                ("shortage", language.persons(gap.shortage)),
                ("year", gap.year.to_string()),
            ],
        );
        let worse = report
            .worse_at_horizon()
            .and_then(|w| w.checked_sub(results.total).ok())
            .map(|r| language.remaining(r));
        let rest = match (gap.balance(), worse) {
            (Balance::Surplus(surplus), _) => fill(
                labels.surplus_remains,
                &[("surplus", language.persons(surplus))],
            ),
            (Balance::Remaining(remaining), Some(worse)) => fill(
                labels.remains_worse,
                &[("remaining", language.persons(remaining)), ("worse", worse)],
            ),
            (Balance::Remaining(remaining), None) => fill(
                labels.remains,
                &[("remaining", language.persons(remaining))],
            ),
        };
        sentences.push(format!("{figures} {rest}"));
    } else {
        sentences.push(fill(
            labels.freed_only,
            &[("freed", language.persons(results.total))],
        ));
    }
    if !report.nothing_quantified() {
        sentences.extend(quantified_count(report, labels));
    }
    if let (Some(total), Some(share)) = (&results.published_total, &results.published_share) {
        // As printed: the plan's own figures are never rounded.
        let total = published(language, Some(*total));
        let share = match share.is_range() {
            true => format!(
                "{} – {}",
                language.value(share.low, true),
                language.value(share.high, true)
            ),
            false => language.value(share.low, true),
        };
        sentences.push(fill(
            labels.plan_states,
            &[("total", total), ("share", share)],
        ));
    }
    // With nothing counted there is no share of the total to speak of.
    if let Some(share) = report.reliance.share_on_assumptions {
        sentences.push(fill(
            labels.on_assumptions,
            &[("share", language.percent(share))],
        ));
    }
    if let Some((id, share)) = report.concentration.first() {
        let name = results
            .initiative(id)
            .map_or(id.to_string(), |i| i.name.to_string());
        sentences.push(fill(
            labels.largest,
            &[("name", name), ("share", language.percent(*share))],
        ));
    }
    sentences
}

/// A theme's persons and bounds; a theme none of whose counted initiatives is quantified has no
/// figure, and says so.
fn theme_figures(report: &Report, theme: &GroupResult) -> (String, String) {
    let language = report.language;
    if !report.theme_quantified(&theme.id) {
        return (language.labels().not_quantified.to_string(), String::new());
    }
    let bound = report
        .bounds
        .theme(&theme.id)
        .map_or(String::new(), |b| interval(language, b.low, b.high));
    (language.persons(theme.persons), bound)
}

/// The total freed and its bounds, or "not quantified" when no initiative that counts is.
fn total_figures(report: &Report) -> (String, String) {
    let language = report.language;
    if report.nothing_quantified() {
        return (language.labels().not_quantified.to_string(), String::new());
    }
    let bounds = &report.bounds.total;
    (
        language.persons(report.results.total),
        interval(language, bounds.low, bounds.high),
    )
}

/// How many of the initiatives that count are quantified, when some are not.
fn quantified_count(report: &Report, labels: &Labels) -> Option<String> {
    let initiatives = &report.results.initiatives;
    let counted = initiatives.iter().filter(|i| i.counted).count();
    let quantified = initiatives.iter().filter(|i| i.counts_quantified()).count();
    (quantified < counted).then(|| {
        fill(
            labels.quantified_count,
            &[
                ("quantified", quantified.to_string()),
                ("counted", counted.to_string()),
                ("rest", (counted - quantified).to_string()),
            ],
        )
    })
}

/// Each shortage the staff freed is not set against, and why: stated as a share without the staff
/// it is a share of, in FTE without a part-time factor, or zero.
fn not_compared_notes(report: &Report, labels: &Labels) -> Vec<String> {
    let language = report.language;
    let model = report.model;
    model
        .shortages
        .iter()
        .filter_map(|shortage| {
            let (stated, why) = match (shortage.unit, model.shortage_in_persons(shortage)) {
                (_, Ok(persons)) if !persons.value().is_zero() => return None,
                (_, Ok(_)) => (language.exact(shortage.value), labels.zero_shortage),
                (ShortageUnit::Share, Err(_)) if model.region.required_staff.is_none() => (
                    language.value(shortage.value, true),
                    labels.share_without_staff,
                ),
                (ShortageUnit::Fte, Err(_)) if model.region.shortage_part_time_factor.is_none() => {
                    (
                        format!("{} FTE", language.exact(shortage.value)),
                        labels.fte_without_factor,
                    )
                }
                (_, Err(_)) => (language.exact(shortage.value), labels.not_in_persons),
            };
            Some(fill(
                labels.not_compared_note,
                &[
                    ("year", shortage.year.to_string()),
                    ("scenario", language.scenario(&shortage.scenario)),
                    ("shortage", stated),
                    ("why", why.to_string()),
                ],
            ))
        })
        .collect()
}

/// What the data say about the ranges, or nothing when no parameter has one.
fn ranges_note(report: &Report, labels: &Labels) -> Option<String> {
    let count: usize = report.range_sources.iter().map(|(_, n)| n).sum();
    if count == 0 {
        return None;
    }
    let sources: Vec<String> = report
        .range_sources
        .iter()
        .map(|(source, n)| {
            let source = if source.is_empty() {
                labels.no_source
            } else {
                source
            };
            format!("“{source}” ({n}×)")
        })
        .collect();
    let lead = fill(labels.ranges_note, &[("count", count.to_string())]);
    Some(format!("{lead} {}.", sources.join("; ")))
}

/// Persons as rounded for the audit, to the published figure's decimals (`0 – 1` for a positive
/// value that rounds to zero whole persons).
fn as_rounded(language: Language, persons: Persons, rounded: Decimal) -> String {
    if below_one_person(persons, rounded) {
        "0 – 1".into()
    } else {
        language.number(rounded, rounded.scale())
    }
}

/// A published figure or range as printed, in the language's numbers: never rounded.
fn published(language: Language, published: Option<Interval>) -> String {
    published.map_or(String::new(), |p| match p.is_range() {
        true => format!("{} – {}", language.exact(p.low), language.exact(p.high)),
        false => language.exact(p.low),
    })
}

/// The verdict of an initiative's audit in words; one not quantified says so, and what it
/// waits for.
fn verdict(language: Language, initiative: &InitiativeResult) -> String {
    let labels = language.labels();
    match initiative.verdict {
        Verdict::Agrees => labels.agrees.to_string(),
        Verdict::Differs { difference } => {
            let sign = if difference < Decimal::ZERO {
                "−"
            } else {
                "+"
            };
            let size = language.exact(difference.abs());
            format!("{} ({sign}{size})", labels.differs)
        }
        Verdict::Unpublished => labels.unpublished.to_string(),
        Verdict::NotQuantified => match &initiative.figure {
            Figure::Pending { needs } => format!(
                "{}: {} {}",
                labels.not_quantified,
                labels.waits_for,
                needs.join(", ")
            ),
            _ => labels.not_quantified.to_string(),
        },
    }
}

/// A parameter's id, which may break only after a dot or an underscore (and at the hyphens
/// browsers break at anyway), never inside a word.
fn parameter_id(scope: &str, name: &str) -> String {
    let mut out = String::new();
    for c in format!("{scope}.{name}").chars() {
        out += &escape(&c.to_string());
        if c == '.' || c == '_' {
            out += "<wbr/>";
        }
    }
    format!(r#"<td class="id">{out}</td>"#)
}

fn interval(language: Language, low: Decimal, high: Decimal) -> String {
    interval_in(language, low, high, 0)
}

/// Bounds in as many decimals as the published figure they stand beside (whole persons when none).
fn interval_in(language: Language, low: Decimal, high: Decimal, decimals: u32) -> String {
    if low == high {
        language.number(low, decimals)
    } else {
        let (low, high) = (
            language.number(low, decimals),
            language.number(high, decimals),
        );
        format!("{low} – {high}")
    }
}

/// The decimals an initiative's audit is written in: those of its published figure.
fn audit_decimals(initiative: &InitiativeResult) -> u32 {
    initiative.rounded.map_or(0, |rounded| rounded.scale())
}

/// The whole report.
pub(super) fn document(report: &Report) -> String {
    let language = report.language;
    let labels = language.labels();
    let results = &report.results;
    let mut out = String::new();
    let title = format!("{}: {}", results.region, labels.title);
    let _ = writeln!(
        out,
        "<!DOCTYPE html>\n<html lang=\"{}\"><head><meta charset=\"utf-8\"/><meta name=\"viewport\" content=\"width=device-width\"/><title>{}</title><style>{STYLE}</style></head><body>\n<h1>{}</h1>",
        language.code(),
        escape(&title),
        escape(&title)
    );
    out += "<div class=\"headline\">";
    for sentence in headline(report, labels) {
        let _ = write!(out, "<p>{}</p>", escape(&sentence));
    }
    for note in not_compared_notes(report, labels) {
        let _ = write!(out, "<p class=\"not-compared\">{}</p>", escape(&note));
    }
    out += "</div>\n";
    let _ = write!(
        out,
        "<h2>{}</h2><figure>{}</figure>",
        escape(labels.waterfall),
        report.waterfall()
    );
    if let Some(note) = ranges_note(report, labels) {
        let _ = writeln!(out, "<p class=\"note ranges\">{}</p>", escape(&note));
    }

    // Themes.
    let _ = write!(
        out,
        "<table class=\"themes\"><tr><th>{}</th><th class=\"n\">{}</th><th class=\"n\">{}</th></tr>",
        labels.theme, labels.persons, labels.bounds
    );
    for theme in &results.themes {
        let (persons, bound) = theme_figures(report, theme);
        let _ = write!(
            out,
            "<tr data-id=\"{}\">{}{}{}</tr>",
            escape(&theme.id),
            t(&theme.name),
            n(persons),
            n(bound)
        );
    }
    let (total, bounds) = total_figures(report);
    let _ = writeln!(
        out,
        "<tr><th>{}</th>{}{}</tr></table>",
        labels.freed,
        n(total),
        n(bounds)
    );

    let _ = writeln!(
        out,
        "<h2>{}</h2><figure>{}</figure>",
        escape(labels.sectors_chart),
        report.sectors()
    );
    let _ = writeln!(
        out,
        "<h2>{}</h2><figure>{}</figure>",
        escape(labels.tornado_chart),
        report.tornado()
    );
    let _ = writeln!(
        out,
        "<h2>{}</h2><figure>{}</figure>",
        escape(labels.timeline_chart),
        report.timeline()
    );
    monitoring_html(report, labels, &mut out);

    // Scenarios.
    let _ = write!(
        out,
        "<h2>{}</h2><table class=\"scenarios\"><tr><th>{}</th><th class=\"n\">{}</th><th class=\"n\">{}</th><th class=\"n\">{}</th><th class=\"n\">{}</th><th class=\"n\">{}</th></tr>",
        labels.scenarios,
        labels.scenario,
        labels.freed,
        labels.bounds,
        labels.shortage,
        labels.covered,
        labels.remaining
    );
    for o in &report.scenarios {
        let (shortage, covered, remaining) = match &o.against {
            Comparison::Compared {
                shortage,
                covered,
                remaining,
            } => (
                language.persons(*shortage),
                language.percent(*covered),
                language.remaining(*remaining),
            ),
            // Why stands in the note above the charts.
            Comparison::NotCompared { .. } => (
                labels.not_compared.to_string(),
                String::new(),
                String::new(),
            ),
        };
        // A scenario in which no initiative that counts is quantified frees no figure at all.
        let (freed, bounds, covered, remaining) = if o.quantified == 0 {
            let none = labels.not_quantified.to_string();
            (none, String::new(), String::new(), String::new())
        } else {
            let bounds = interval(language, o.freed_bounds.low, o.freed_bounds.high);
            (language.persons(o.freed), bounds, covered, remaining)
        };
        let _ = write!(
            out,
            "<tr>{}{}{}{}{}{}</tr>",
            t(&language.scenario(&o.name)),
            n(freed),
            n(bounds),
            n(format!(
                "{shortage} ({}, {})",
                o.year,
                language.scenario(&o.shortage_scenario)
            )),
            n(covered),
            n(remaining)
        );
    }
    out += "</table>\n";
    chance_html(report, labels, &mut out);
    priorities_html(report, labels, &mut out);

    // Initiatives and the audit.
    let _ = write!(
        out,
        "<h2>{}</h2><p>{}</p><table class=\"audit\"><tr><th>{}</th><th>{}</th><th class=\"n\">{}</th><th class=\"n\">{}</th><th class=\"n\">{}</th><th>{}</th></tr>",
        labels.audit,
        escape(labels.audit_intro),
        labels.initiative,
        labels.submitted_by,
        labels.recomputed,
        labels.bounds,
        labels.published,
        labels.verdict
    );
    for i in &results.initiatives {
        let bound = report.bounds.initiative(&i.id);
        let class = match i.verdict {
            Verdict::Differs { .. } => "differs",
            Verdict::Agrees | Verdict::Unpublished | Verdict::NotQuantified => "",
        };
        let verdict = verdict(language, i);
        let (verdict, class) = if i.counted {
            (verdict, class)
        } else {
            (format!("{verdict}; {}", labels.not_counted), "muted")
        };
        // Not quantified: no number at all, not even in the attribute tools read.
        let exact = i
            .persons()
            .zip(i.rounded)
            .map_or(String::new(), |(persons, rounded)| {
                format!(
                    "{} ({})",
                    language.number(persons.value(), 2),
                    as_rounded(language, persons, rounded)
                )
            });
        let value = i
            .persons()
            .map_or(String::new(), |p| format!(" data-value=\"{p}\""));
        let bound = bound.filter(|_| i.figure.is_quantified());
        let _ = write!(
            out,
            "<tr class=\"{class}\" data-id=\"{}\"{value}>{}{}{}{}{}{}</tr>",
            escape(&i.id),
            t(&i.name),
            t(&i.submitted_by),
            n(exact),
            n(bound.map_or(String::new(), |b| {
                interval_in(language, b.low, b.high, audit_decimals(i))
            })),
            n(published(language, i.published)),
            t(&verdict)
        );
    }
    out += "</table>\n";

    // Sources.
    let _ = write!(
        out,
        "<h2>{}</h2><table class=\"sources\"><tr><th>{}</th><th class=\"n\">{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th class=\"n\">{}</th></tr>",
        labels.sources,
        labels.parameter,
        labels.value,
        labels.unit,
        labels.label,
        labels.source,
        labels.assumption,
        labels.range
    );
    for p in &report.model.parameters {
        let value = |v| language.value(v, p.is_share());
        let range = p.range.as_ref().map_or(String::new(), |r| {
            format!("{} – {}", value(r.low), value(r.high))
        });
        let _ = write!(
            out,
            "<tr>{}{}{}{}{}{}{}</tr>",
            parameter_id(&p.scope.to_string(), &p.name),
            n(value(p.value)),
            t(&language.unit(&p.unit)),
            t(&p.label),
            t(&p.source),
            t(if p.assumption { labels.yes } else { "" }),
            n(range)
        );
    }
    out += "</table>\n";

    if !report.findings.is_empty() {
        let _ = write!(out, "<h2>{}</h2><ul>", labels.checks);
        for finding in &report.findings {
            let _ = write!(out, "<li>{}</li>", escape(&language.finding(finding)));
        }
        out += "</ul>\n";
    }
    let _ = writeln!(
        out,
        "<p class=\"note\">{}</p>\n</body></html>",
        escape(labels.generated)
    );
    out
}

/// A Markdown table cell: pipes escaped.
/// The lines of the status table: per period the initiatives with data, the total, the gap,
/// then the forecast; each as (period, what, planned, realised, share, status).
fn monitoring_lines(report: &Report, labels: &Labels) -> Vec<[String; 6]> {
    let language = report.language;
    let name = |row: &Monitored| -> String {
        match row.level {
            "initiative" => (report.model.initiatives.iter())
                .find(|i| i.id == row.id.as_str())
                .map_or(row.id.to_string(), |i| i.name.clone()),
            "total" => labels.total.to_string(),
            "gap" => labels.gap.to_string(),
            "forecast" => labels.forecast.to_string(),
            _ => format!("{}: {}", labels.shortage, language.scenario(&row.id)),
        }
    };
    (report.monitoring.iter())
        .filter(|r| match r.level {
            "initiative" => r.realised.is_some(),
            level => ["total", "gap", "forecast", "shortage"].contains(&level),
        })
        .map(|row| {
            [
                row.period.to_string(),
                name(row),
                language.persons(row.with_data),
                row.realised.map_or(String::new(), |p| language.persons(p)),
                row.share.map_or(String::new(), |s| language.percent(s)),
                labels.progress[super::charts::progress_index(row)].to_string(),
            ]
        })
        .collect()
}

/// What the monitoring section says first: what it shows, and the realised figures' sources.
fn monitoring_intro(report: &Report, labels: &Labels) -> String {
    let mut sources: Vec<&str> = (report.model.realised.iter())
        .chain(&report.model.staff)
        .map(|r| r.source.as_str())
        .filter(|s| !s.is_empty())
        .collect();
    sources.sort();
    sources.dedup();
    fill(labels.monitoring_intro, &[("sources", sources.join("; "))])
}

/// The columns of the status table: each header, and whether it holds numbers.
fn monitoring_columns(labels: &Labels) -> [(&'static str, bool); 6] {
    [
        (labels.period, false),
        (labels.initiative, false),
        (labels.planned_with_data, true),
        (labels.realised, true),
        (labels.share_of_plan, true),
        (labels.status, false),
    ]
}

/// The monitoring section: intro, chart and status table; nothing without realised values.
fn monitoring_html(report: &Report, labels: &Labels, out: &mut String) {
    if report.monitoring.is_empty() {
        return;
    }
    let _ = write!(
        out,
        "<h2>{}</h2><p>{}</p><figure>{}</figure>",
        escape(labels.monitoring),
        escape(&monitoring_intro(report, labels)),
        report.monitoring(),
    );
    let lines = monitoring_lines(report, labels);
    table_html(out, "monitoring", &monitoring_columns(labels), &lines);
}

/// The columns of the priorities table: each header, and whether it holds numbers.
fn priority_columns(labels: &Labels) -> [(&'static str, bool); 8] {
    [
        (labels.initiative, false),
        (labels.freed, true),
        (labels.share_of_total, true),
        (labels.bounds, true),
        (labels.likely, true),
        (labels.assumed, true),
        (labels.lever, false),
        (labels.leverage, true),
    ]
}

/// Per counted initiative, in the plan's order, the facts of
/// [`Model::priorities`](crate::Model::priorities): persons, bounds and the draws' 5th to 95th
/// percentiles (one decimal), share of the total, the assumptions
/// among the parameters it reads, its lever and what 1% more of it frees. Not quantified says so
/// and shows nothing else but the parameters.
fn priority_lines(report: &Report, labels: &Labels) -> Vec<[String; 8]> {
    let language = report.language;
    (report.priorities.iter())
        .map(|p| {
            let signed = |value: Decimal| {
                let sign = if value.is_sign_negative() { "" } else { "+" };
                format!("{sign}{}", language.number(value, 2))
            };
            let assumed = match p.parameters {
                0 => String::new(),
                all => format!("{} {} {all}", p.assumptions.len(), labels.of),
            };
            [
                p.name.to_string(),
                p.persons
                    .map_or(labels.not_quantified.to_string(), |persons| {
                        language.number(persons.value(), 1)
                    }),
                p.share.map_or(String::new(), |s| language.percent(s)),
                (p.bounds.filter(|_| p.persons.is_some()))
                    .map_or(String::new(), |b| interval_in(language, b.low, b.high, 1)),
                p.percentiles.map_or(String::new(), |(low, high)| {
                    let decimal = |x: f64| Decimal::from_f64_retain(x).unwrap_or_default();
                    interval_in(language, decimal(low), decimal(high), 1)
                }),
                assumed,
                // The row names the initiative: its own parameters by their name alone.
                (p.lever.as_deref())
                    .map(|lever| lever.strip_prefix(&format!("{}.", p.id)).unwrap_or(lever))
                    .unwrap_or_default()
                    .to_string(),
                p.leverage.map_or(String::new(), signed),
            ]
        })
        .collect()
}

/// Where the P5 - P95 column stands in [`priority_columns`].
const LIKELY: usize = 4;

/// The priorities table: its columns and lines, the P5 - P95 column only where there are draws
/// (a region with ranges).
fn priority_table(
    report: &Report,
    labels: &Labels,
) -> (Vec<(&'static str, bool)>, Vec<Vec<String>>) {
    let draws = report.chance.is_some();
    let lines = priority_lines(report, labels).into_iter();
    (
        likely_if(priority_columns(labels), draws),
        lines.map(|line| likely_if(line, draws)).collect(),
    )
}

/// The items of a priorities row, without the P5 - P95 column unless `draws`.
fn likely_if<T>(items: impl IntoIterator<Item = T>, draws: bool) -> Vec<T> {
    (items.into_iter().enumerate())
        .filter(|(column, _)| *column != LIKELY || draws)
        .map(|(_, item)| item)
        .collect()
}

/// The priorities section: intro and table; nothing when no initiative counts.
fn priorities_html(report: &Report, labels: &Labels, out: &mut String) {
    if report.priorities.is_empty() {
        return;
    }
    let _ = write!(
        out,
        "<h2>{}</h2><p>{}</p>",
        escape(labels.priorities),
        escape(labels.priorities_intro)
    );
    let (columns, lines) = priority_table(report, labels);
    table_html(out, "priorities", &columns, &lines);
}

/// The shares a chance is given for, and the chances a share covered is given for.
const SHARES: [f64; 4] = [0.25, 0.5, 0.75, 1.0];
const CHANCES: [f64; 3] = [0.9, 0.5, 0.1];

/// The headers of the chance table: the shortage, the chance of covering each of [`SHARES`],
/// the share covered with each of [`CHANCES`].
fn chance_headers(report: &Report, labels: &Labels) -> Vec<String> {
    let language = report.language;
    let percent = |x: f64| {
        format!(
            "{}%",
            language.number(Decimal::from_f64_retain(x * 100.0).unwrap_or_default(), 0)
        )
    };
    let shares = SHARES.map(|share| fill(labels.at_least, &[("share", percent(share))]));
    let chances = CHANCES.map(|chance| fill(labels.with_chance, &[("chance", percent(chance))]));
    let mut headers = vec![labels.shortage.to_string()];
    headers.extend(shares.into_iter().chain(chances));
    headers
}

/// The chance table's columns: the shortage, then numbers.
fn chance_columns(headers: &[String]) -> [(&str, bool); 8] {
    std::array::from_fn(|i| (headers[i].as_str(), i > 0))
}

/// Per shortage compared, the chance of covering at least each of [`SHARES`] and the share
/// covered with each of [`CHANCES`]; none without draws.
fn chance_lines(report: &Report) -> Vec<[String; 8]> {
    let Some(mc) = &report.chance else {
        return Vec::new();
    };
    let language = report.language;
    let percent = |x: f64| percent_of(language, x);
    let chances = SHARES.map(|share| mc.chance(share));
    let covered = CHANCES.map(|chance| mc.coverage(chance));
    (mc.gaps.iter().enumerate())
        .map(|(gap, (year, scenario, _, _))| {
            let mut line: [String; 8] = Default::default();
            line[0] = format!("{year} ({})", language.scenario(scenario));
            for (cell, figures) in line[1..].iter_mut().zip(chances.iter().chain(&covered)) {
                *cell = percent(figures[gap].2);
            }
            line
        })
        .collect()
}

/// A share in [0, 1] as a percentage with one decimal; nothing for NaN.
fn percent_of(language: Language, share: f64) -> String {
    Decimal::try_from(share * 100.0)
        .map_or(String::new(), |p| format!("{}%", language.number(p, 1)))
}

/// The chance section: intro and table; nothing without draws or a shortage compared.
fn chance_html(report: &Report, labels: &Labels, out: &mut String) {
    let lines = chance_lines(report);
    if lines.is_empty() {
        return;
    }
    let _ = write!(
        out,
        "<h2>{}</h2><p>{}</p>",
        escape(labels.chance),
        escape(&chance_intro(report.language, labels))
    );
    let headers = chance_headers(report, labels);
    let columns = chance_columns(&headers);
    table_html(out, "chance", &columns, &lines);
}

/// What the chance section says first: the draws it comes from.
fn chance_intro(language: Language, labels: &Labels) -> String {
    let draws = language.number(Decimal::from(super::CHANCE_DRAWS), 0);
    fill(
        labels.chance_intro,
        &[("draws", draws), ("seed", super::CHANCE_SEED.to_string())],
    )
}

/// A table in HTML: the header row, then each line's cells, numbers right-aligned.
fn table_html(
    out: &mut String,
    class: &str,
    columns: &[(&str, bool)],
    lines: &[impl AsRef<[String]>],
) {
    let _ = write!(out, "<table class=\"{class}\"><tr>");
    for (header, number) in columns {
        let class = if *number { " class=\"n\"" } else { "" };
        let _ = write!(out, "<th{class}>{}</th>", escape(header));
    }
    out.push_str("</tr>");
    for line in lines {
        out.push_str("<tr>");
        for (text, (_, number)) in line.as_ref().iter().zip(columns) {
            out.push_str(&if *number { n(text) } else { t(text) });
        }
        out.push_str("</tr>");
    }
    out.push_str("</table>\n");
}

/// The same table in Markdown, after a blank line.
fn table_markdown(out: &mut String, columns: &[(&str, bool)], lines: &[impl AsRef<[String]>]) {
    let headers: Vec<&str> = columns.iter().map(|(header, _)| *header).collect();
    let rule: Vec<&str> = (columns.iter())
        .map(|(_, number)| if *number { "---:" } else { "---" })
        .collect();
    let _ = writeln!(out, "\n| {} |\n|{}|", headers.join(" | "), rule.join("|"));
    for line in lines {
        let cells: Vec<String> = line.as_ref().iter().map(|c| cell(c)).collect();
        let _ = writeln!(out, "| {} |", cells.join(" | "));
    }
}

fn cell(text: &str) -> String {
    text.replace('|', "\\|")
}

/// The report's tables as Markdown, for pasting into documents.
pub(super) fn markdown(report: &Report) -> String {
    let language = report.language;
    let labels = language.labels();
    let results = &report.results;
    let mut out = format!("# {}: {}\n\n", cell(&results.region), labels.title);
    for sentence in headline(report, labels)
        .into_iter()
        .chain(not_compared_notes(report, labels))
    {
        let _ = writeln!(out, "{sentence}\n");
    }
    if let Some(note) = ranges_note(report, labels) {
        let _ = writeln!(out, "{note}\n");
    }
    let _ = writeln!(
        out,
        "| {} | {} | {} |\n|---|---:|---:|",
        labels.theme, labels.persons, labels.bounds
    );
    for theme in &results.themes {
        let (persons, bound) = theme_figures(report, theme);
        let _ = writeln!(out, "| {} | {persons} | {bound} |", cell(&theme.name));
    }
    let (total, bounds) = total_figures(report);
    let _ = writeln!(out, "| **{}** | **{total}** | {bounds} |\n", labels.freed);
    let _ = writeln!(
        out,
        "| {} | {} | {} | {} |\n|---|---:|---:|---:|",
        labels.sector, labels.freed, labels.needed, labels.net
    );
    for sector in &results.sectors {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} |",
            cell(&sector.name),
            language.persons(sector.freed),
            language.persons(sector.needed),
            language.persons(sector.persons)
        );
    }
    let _ = writeln!(
        out,
        "\n| {} | {} | {} | {} | {} |\n|---|---:|---:|---:|---|",
        labels.initiative, labels.recomputed, labels.published, labels.bounds, labels.verdict
    );
    for i in &results.initiatives {
        let bound = report
            .bounds
            .initiative(&i.id)
            .filter(|_| i.figure.is_quantified())
            .map(|b| interval_in(language, b.low, b.high, audit_decimals(i)))
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} |",
            cell(&i.name),
            i.persons()
                .zip(i.rounded)
                .map_or(String::new(), |(p, rounded)| as_rounded(
                    language, p, rounded
                )),
            published(language, i.published),
            bound,
            verdict(language, i)
        );
    }
    let _ = writeln!(
        out,
        "\n| {} | {} | {} | {} |\n|---|---:|---:|---:|",
        labels.year, labels.shortage, labels.freed, labels.remaining
    );
    for y in &report.timeline {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} |",
            y.year,
            y.shortage
                .map_or(labels.not_compared.to_string(), |p| language.persons(p)),
            language.persons(y.freed),
            y.remaining
                .map_or(labels.not_compared.to_string(), |p| language.remaining(p))
        );
    }
    let lines = chance_lines(report);
    if !lines.is_empty() {
        let _ = writeln!(
            out,
            "\n## {}\n\n{}",
            labels.chance,
            cell(&chance_intro(report.language, labels))
        );
        let headers = chance_headers(report, labels);
        let columns = chance_columns(&headers);
        table_markdown(&mut out, &columns, &lines);
    }
    if !report.priorities.is_empty() {
        let _ = writeln!(
            out,
            "\n## {}\n\n{}",
            labels.priorities,
            cell(labels.priorities_intro)
        );
        let (columns, lines) = priority_table(report, labels);
        table_markdown(&mut out, &columns, &lines);
    }
    if !report.monitoring.is_empty() {
        let _ = writeln!(
            out,
            "\n## {}\n\n{}",
            labels.monitoring,
            cell(&monitoring_intro(report, labels)),
        );
        let lines = monitoring_lines(report, labels);
        table_markdown(&mut out, &monitoring_columns(labels), &lines);
    }
    out
}
