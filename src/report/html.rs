//! The report as one self-contained HTML file (inline SVG and CSS, no scripts, nothing fetched),
//! and its tables as Markdown. The HTML is well-formed XML, so it can be checked by any XML tool.

use super::svg::escape;
use super::{Labels, Language, Report};
use crate::evaluate::Verdict;
use crate::render::plan_figure;
use crate::scenario::Comparison;
use std::fmt::Write as _;

const STYLE: &str = "body{font-family:Helvetica,Arial,sans-serif;color:#222;max-width:980px;margin:2em auto;padding:0 1em;line-height:1.45}
h1{font-size:1.6em;margin-bottom:.2em}h2{font-size:1.25em;margin-top:2em;border-bottom:1px solid #ccc}
.headline{font-size:1.15em;background:#f4f4f4;padding:.8em 1em;border-left:4px solid #3b3b3b}
table{border-collapse:collapse;width:100%;font-size:.9em;margin:.6em 0}th,td{border-bottom:1px solid #ddd;padding:.3em .5em;text-align:left;vertical-align:top}
td.n,th.n{text-align:right;white-space:nowrap}tr.differs td{background:#fbeaea}tr.muted td{color:#777}
figure{margin:1em 0}svg{max-width:100%;height:auto}.note{color:#555;font-size:.9em}
table.sources td:nth-child(1){max-width:16em;overflow-wrap:anywhere}table.sources td:nth-child(4){min-width:18em}
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
    if let Some(gap) = results
        .gaps
        .iter()
        .filter(|g| g.scenario == crate::scenario::BASE_SHORTAGE)
        .max_by_key(|g| g.year)
    {
        let worse = report
            .worse_at_horizon()
            .and_then(|w| w.checked_sub(results.total).ok())
            .map_or("-".into(), |r| language.persons(r));
        sentences.push(fill(
            labels.headline,
            &[
                ("freed", language.persons(results.total)),
                ("covered", language.percent(gap.covered)),
                ("shortage", language.persons(gap.shortage)),
                ("year", gap.year.to_string()),
                ("remaining", language.persons(gap.remaining)),
                ("worse", worse),
            ],
        ));
    }
    if let (Some(total), Some(share)) = (&results.published_total, &results.published_share) {
        let total = if total.is_range() {
            format!(
                "{} – {}",
                language.number(total.low, 0),
                language.number(total.high, 0)
            )
        } else {
            language.number(total.low, 0)
        };
        let share = format!(
            "{}%",
            language.number(share.low.saturating_mul(100.into()), 0)
        );
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

fn interval(language: Language, low: rust_decimal::Decimal, high: rust_decimal::Decimal) -> String {
    if low == high {
        language.number(low, 0)
    } else {
        format!("{} – {}", language.number(low, 0), language.number(high, 0))
    }
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
    out += "</div>\n";
    let _ = write!(
        out,
        "<h2>{}</h2><figure>{}</figure>",
        escape(labels.waterfall),
        report.waterfall()
    );
    let _ = writeln!(
        out,
        "<p class=\"note\">{}</p>",
        escape(labels.illustrative_ranges)
    );

    // Themes.
    let _ = write!(
        out,
        "<table class=\"themes\"><tr><th>{}</th><th class=\"n\">{}</th><th class=\"n\">{}</th></tr>",
        labels.theme, labels.persons, labels.bounds
    );
    for theme in &results.themes {
        let bound = report.bounds.theme(&theme.id);
        let _ = write!(
            out,
            "<tr data-id=\"{}\">{}{}{}</tr>",
            escape(&theme.id),
            t(&theme.name),
            n(language.persons(theme.persons)),
            n(bound.map_or(String::new(), |b| interval(language, b.low, b.high)))
        );
    }
    let _ = writeln!(
        out,
        "<tr><th>{}</th>{}{}</tr></table>",
        labels.freed,
        n(language.persons(results.total)),
        n(interval(
            language,
            report.bounds.total.low,
            report.bounds.total.high
        ))
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
                language.persons(*remaining),
            ),
            Comparison::NotCompared { .. } => (
                labels.not_compared.to_string(),
                String::new(),
                String::new(),
            ),
        };
        let _ = write!(
            out,
            "<tr>{}{}{}{}{}{}</tr>",
            t(&o.name),
            n(language.persons(o.freed)),
            n(interval(language, o.freed_bounds.low, o.freed_bounds.high)),
            n(format!("{shortage} ({} {})", o.year, o.shortage_scenario)),
            n(covered),
            n(remaining)
        );
    }
    out += "</table>\n";

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
        let (verdict, class) = match i.audit.verdict {
            Verdict::Agrees => (labels.agrees.to_string(), ""),
            Verdict::Differs { difference } => {
                (format!("{} ({difference:+})", labels.differs), "differs")
            }
            Verdict::Unpublished => (labels.unpublished.to_string(), ""),
            Verdict::NotQuantified => (labels.not_quantified.to_string(), ""),
        };
        let (verdict, class) = if i.counted {
            (verdict, class)
        } else {
            (format!("{verdict}; {}", labels.not_counted), "muted")
        };
        let published = i.audit.published.map_or(String::new(), |p| {
            if p.is_range() {
                format!(
                    "{} – {}",
                    language.number(p.low, 0),
                    language.number(p.high, 0)
                )
            } else {
                language.number(p.low, 0)
            }
        });
        let exact = i.persons().map_or(String::new(), |persons| {
            format!(
                "{} ({})",
                language.number(persons.value(), 2),
                plan_figure(persons)
            )
        });
        let _ = write!(
            out,
            "<tr class=\"{class}\" data-id=\"{}\" data-value=\"{}\">{}{}{}{}{}{}</tr>",
            escape(&i.id),
            i.persons().map_or(String::new(), |p| p.to_string()),
            t(&i.name),
            t(&i.submitted_by),
            n(exact),
            n(bound.map_or(String::new(), |b| interval(language, b.low, b.high))),
            n(published),
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
        let range = p.range.as_ref().map_or(String::new(), |r| {
            format!("{} – {}", r.low.normalize(), r.high.normalize())
        });
        let _ = write!(
            out,
            "<tr>{}{}{}{}{}{}{}</tr>",
            t(&format!("{}.{}", p.scope, p.name)),
            n(p.value.normalize()),
            t(&p.unit),
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
            let _ = write!(out, "<li>{}</li>", escape(&finding.to_string()));
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
fn cell(text: &str) -> String {
    text.replace('|', "\\|")
}

/// The report's tables as Markdown, for pasting into documents.
pub(super) fn markdown(report: &Report) -> String {
    let language = report.language;
    let labels = language.labels();
    let results = &report.results;
    let mut out = format!("# {}: {}\n\n", cell(&results.region), labels.title);
    for sentence in headline(report, labels) {
        let _ = writeln!(out, "{sentence}\n");
    }
    let _ = writeln!(
        out,
        "| {} | {} | {} |\n|---|---:|---:|",
        labels.theme, labels.persons, labels.bounds
    );
    for theme in &results.themes {
        let bound = report
            .bounds
            .theme(&theme.id)
            .map(|b| interval(language, b.low, b.high))
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "| {} | {} | {} |",
            cell(&theme.name),
            language.persons(theme.persons),
            bound
        );
    }
    let _ = writeln!(
        out,
        "| **{}** | **{}** | {} |\n",
        labels.freed,
        language.persons(results.total),
        interval(language, report.bounds.total.low, report.bounds.total.high)
    );
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
        let verdict = match i.audit.verdict {
            Verdict::Agrees => labels.agrees.to_string(),
            Verdict::Differs { difference } => format!("{} ({difference:+})", labels.differs),
            Verdict::Unpublished => labels.unpublished.to_string(),
            Verdict::NotQuantified => labels.not_quantified.to_string(),
        };
        let published = i.audit.published.map_or(String::new(), |p| p.to_string());
        let bound = report
            .bounds
            .initiative(&i.id)
            .map(|b| interval(language, b.low, b.high))
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} |",
            cell(&i.name),
            i.persons().map_or(String::new(), plan_figure),
            published,
            bound,
            verdict
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
            y.remaining.map_or(String::new(), |p| language.persons(p))
        );
    }
    out
}
