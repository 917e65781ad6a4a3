//! The charts, as SVG strings. Colours differ in lightness as well as hue, so that they survive
//! grey-scale print: the shortage darkest, freed staff middle, what remains lightest (outlined).

use super::Language;
use super::svg::{Svg, escape, wrap};
use crate::analysis::monitoring::Monitored;
use crate::analysis::timeline::YearGap;
use crate::analysis::uncertainty::{Bounds, Swing};
use crate::evaluate::Results;
use crate::model::Interval;
use crate::model::Parameter;
use crate::model::units::Persons;
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

const DARK: &str = "#3b3b3b";
const MIDDLE: &str = "#5b8ac2";
const LIGHT: &str = "#f2d49b";
const NEEDED: &str = "#c0504d";
pub(super) const INK: &str = "#222222";
const GRID: &str = "#d8d8d8";

fn f(value: Decimal) -> f64 {
    value.to_f64().unwrap_or(0.0)
}

/// A round step for about `ticks` axis ticks over `span`.
fn nice_step(span: f64, ticks: f64) -> f64 {
    if span <= 0.0 || !span.is_finite() {
        return 1.0;
    }
    let raw = span / ticks;
    let magnitude = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 2.5, 5.0, 10.0]
        .iter()
        .map(|m| m * magnitude)
        .find(|s| *s >= raw)
        .unwrap_or(10.0 * magnitude);
    step.max(f64::MIN_POSITIVE)
}

/// A vertical value axis from `low` to `high`, with grid lines; returns the scale.
fn value_axis(
    svg: &mut Svg,
    (left, right): (f64, f64),
    (top, bottom): (f64, f64),
    (low, high): (f64, f64),
    language: Language,
) -> impl Fn(f64) -> f64 + use<> {
    let step = nice_step(high - low, 6.0);
    let (low, high) = ((low / step).floor() * step, (high / step).ceil() * step);
    let scale =
        move |v: f64| bottom - (v - low) / (high - low).max(f64::MIN_POSITIVE) * (bottom - top);
    let mut tick = low;
    while tick <= high + step / 2.0 {
        let y = scale(tick);
        svg.line(
            left,
            y,
            right,
            y,
            &format!(r#"stroke="{GRID}" stroke-width="1""#),
        );
        let label = language.number(Decimal::from_f64_retain(tick).unwrap_or_default(), 0);
        svg.text(
            left - 6.0,
            y + 4.0,
            "end",
            &format!(r#"fill="{INK}" class="tick""#),
            &label,
        );
        tick += step;
    }
    scale
}

/// A whisker from `a` to `b` at `x` (an uncertainty range).
fn whisker(svg: &mut Svg, x: f64, a: f64, b: f64, class: &str, bound: Interval) {
    let attributes = format!(
        r#"stroke="{INK}" stroke-width="1.5" class="{class}" data-low="{}" data-high="{}""#,
        bound.low, bound.high
    );
    svg.line(x, a, x, b, &attributes);
    axis(svg, x - 5.0, a, x + 5.0, a);
    axis(svg, x - 5.0, b, x + 5.0, b);
}

/// A chart that has nothing to draw, saying why in one line.
pub(crate) fn note_svg(text: &str, title: &str, class: &str) -> String {
    let mut svg = Svg::new(600.0, 40.0);
    svg.text(
        20.0,
        24.0,
        "start",
        &format!(r#"fill="{INK}" class="note""#),
        text,
    );
    svg.finish(title, class)
}

/// The impact chart: the shortage in the horizon year, minus the persons each theme frees, and
/// the gap that remains; the worse scenario's shortage marked; where bounds are given, a whisker
/// on each theme and on the gap shows its range.
pub fn waterfall_svg(
    results: &Results,
    bounds: Option<&Bounds>,
    worse: Option<Persons>,
    language: Language,
) -> String {
    let labels = language.labels();
    let Some(gap) = results
        .gaps
        .iter()
        .filter(|g| g.scenario == crate::model::scenario::BASE_SHORTAGE)
        .max_by_key(|g| g.year)
    else {
        // No shortage in persons to start from: the chart says so (the note gives the reason).
        let text = format!("{}: {}", labels.shortage, labels.not_compared);
        return note_svg(&text, labels.waterfall, "waterfall");
    };
    let bars = results.themes.len() + 2;
    let (width, height) = (160.0 + 118.0 * bars as f64, 500.0);
    let (left, right, top, bottom) = (80.0, width - 20.0, 60.0, height - 110.0);
    let mut svg = Svg::new(width, height);
    svg.title(
        left,
        &format!("{} [{}, {}]", labels.title, labels.persons, gap.year),
    );
    let shortage = f(gap.shortage.value());
    let top_value = [
        shortage,
        worse.map_or(0.0, |w| f(w.value())),
        f(results.total.value()),
    ]
    .into_iter()
    .chain(bounds.map(|b| f(b.total.high)))
    .fold(0.0, f64::max);
    // Below zero when the themes free more than the shortage: the surplus shows as a bar down.
    let bottom_value = results
        .themes
        .iter()
        .scan(shortage, |level, theme| {
            *level -= f(theme.persons.value());
            Some(*level)
        })
        .chain([f(gap.remaining.value())])
        .fold(0.0, f64::min);
    let scale = value_axis(
        &mut svg,
        (left, right),
        (top, bottom),
        (bottom_value * 1.05, top_value * 1.05),
        language,
    );
    let slot = (right - left) / bars as f64;
    let bar_width = slot * 0.62;
    let x_of = |i: usize| left + slot * i as f64 + (slot - bar_width) / 2.0;
    let mut level = shortage;
    let label_below = |svg: &mut Svg, i: usize, name: &str| {
        for (line, text) in wrap(name, 16).iter().take(4).enumerate() {
            svg.text(
                x_of(i) + bar_width / 2.0,
                bottom + 18.0 + 14.0 * line as f64,
                "middle",
                &format!(r#"fill="{INK}" font-size="11""#),
                text,
            );
        }
    };

    // The shortage.
    svg.rect(
        x_of(0),
        scale(shortage),
        bar_width,
        scale(0.0) - scale(shortage),
        &format!(
            r#"fill="{DARK}" class="bar shortage" data-id="{}" data-value="{}""#,
            gap.scenario, gap.shortage
        ),
    );
    svg.text(
        x_of(0) + bar_width / 2.0,
        scale(shortage) - 6.0,
        "middle",
        &format!(r#"fill="{INK}" font-weight="bold" class="value""#),
        &language.persons(gap.shortage),
    );
    label_below(&mut svg, 0, &format!("{} {}", labels.shortage, gap.year));

    // Each theme, hanging from the level the previous ones left.
    for (i, theme) in results.themes.iter().enumerate() {
        let value = f(theme.persons.value());
        let (from, to) = (level, level - value);
        let x = x_of(i + 1);
        svg.line(
            x - (slot - bar_width),
            scale(from),
            x,
            scale(from),
            &format!(r#"stroke="{INK}" stroke-dasharray="3,3""#),
        );
        svg.rect(
            x,
            scale(from.max(to)),
            bar_width,
            (scale(from.min(to)) - scale(from.max(to))).max(1.0),
            &format!(
                r#"fill="{MIDDLE}" class="bar theme" data-id="{}" data-value="{}""#,
                escape(&theme.id),
                theme.persons
            ),
        );
        if let Some(bound) = bounds.and_then(|b| b.theme(&theme.id))
            && bound.low != bound.high
        {
            whisker(
                &mut svg,
                x + bar_width / 2.0,
                scale(from - f(bound.low)),
                scale(from - f(bound.high)),
                "range theme",
                bound,
            );
        }
        svg.text(
            x + bar_width / 2.0,
            scale(from.max(to)) - 6.0,
            "middle",
            &format!(r#"fill="{INK}" class="value""#),
            &format!("−{}", language.persons(theme.persons)),
        );
        label_below(&mut svg, i + 1, &theme.name);
        level = to;
    }

    // What remains.
    let last = bars - 1;
    let x = x_of(last);
    svg.line(
        x - (slot - bar_width),
        scale(level),
        x,
        scale(level),
        &format!(r#"stroke="{INK}" stroke-dasharray="3,3""#),
    );
    let surplus = gap.remaining.value() < Decimal::ZERO;
    let class = if surplus { "surplus" } else { "remaining" };
    svg.rect(
        x,
        scale(level.max(0.0)),
        bar_width,
        (scale(level.min(0.0)) - scale(level.max(0.0))).max(1.0),
        &format!(
            r#"fill="{LIGHT}" stroke="{INK}" class="bar {class}" data-id="remaining" data-value="{}""#,
            gap.remaining
        ),
    );
    let mut label_at = scale(level.max(0.0));
    if let Some(bound) = bounds
        .and_then(|b| {
            b.gaps
                .iter()
                .find(|(year, scenario, ..)| *year == gap.year && *scenario == gap.scenario)
        })
        .map(|(.., remaining)| *remaining)
        && bound.low != bound.high
    {
        whisker(
            &mut svg,
            x + bar_width / 2.0,
            scale(f(bound.low)),
            scale(f(bound.high)),
            "range remaining",
            bound,
        );
        label_at = label_at.min(scale(f(bound.high)));
    }
    svg.text(
        x + bar_width / 2.0,
        label_at - 6.0,
        "middle",
        &format!(r#"fill="{INK}" font-weight="bold" class="value""#),
        &language.remaining(gap.remaining),
    );
    label_below(
        &mut svg,
        last,
        &format!(
            "{} ({} {})",
            if surplus {
                labels.surplus_bar
            } else {
                labels.remaining
            },
            language.percent(gap.covered),
            labels.covered.to_lowercase()
        ),
    );

    if let Some(worse) = worse {
        let y = scale(f(worse.value()));
        svg.line(left, y, right, y, &format!(r#"stroke="{INK}" stroke-width="1.5" stroke-dasharray="8,4" class="worse" data-value="{}""#, worse.value()));
        svg.text(
            right - 4.0,
            y - 6.0,
            "end",
            &format!(r#"fill="{INK}" font-style="italic""#),
            &format!("{}: {}", labels.worse, language.persons(worse)),
        );
    }
    axis(&mut svg, left, scale(0.0), right, scale(0.0));
    svg.finish(labels.waterfall, "waterfall")
}

/// Freed and needed staff per sector: freed to the right of zero, needed to the left.
pub fn sectors_svg(results: &Results, language: Language) -> String {
    let labels = language.labels();
    let rows = results.sectors.len().max(1);
    let (width, row_height) = (860.0, 40.0);
    let height = 90.0 + row_height * rows as f64;
    let (left, right, top) = (260.0, width - 70.0, 60.0);
    let mut svg = Svg::new(width, height);
    svg.title(
        20.0,
        &format!("{} [{}]", labels.sectors_chart, labels.persons),
    );
    let most_freed = results
        .sectors
        .iter()
        .map(|s| f(s.freed.value()))
        .fold(0.0, f64::max);
    let most_needed = results
        .sectors
        .iter()
        .map(|s| f(s.needed.value()))
        .fold(0.0, f64::max);
    let span = (most_freed + most_needed).max(1.0);
    let zero = left + (right - left) * most_needed / span;
    let scale = |v: f64| (right - left) * v / span;
    for (i, sector) in results.sectors.iter().enumerate() {
        let y = top + row_height * i as f64;
        let name = wrap(&sector.name, 36);
        for (line, text) in name.iter().take(2).enumerate() {
            svg.text(
                20.0,
                y + 16.0 + 13.0 * line as f64,
                "start",
                &format!(r#"fill="{INK}""#),
                text,
            );
        }
        // Freed to the right of zero, needed to the left: one bar each, labelled at its end.
        let sides = [
            (sector.freed, 1.0, MIDDLE, "freed", ""),
            (sector.needed, -1.0, NEEDED, "needed", "−"),
        ];
        for (persons, side, colour, class, sign) in sides {
            let length = scale(f(persons.value()));
            if class == "needed" && length <= 0.0 {
                continue;
            }
            let x = if side > 0.0 { zero } else { zero - length };
            let id = escape(&sector.id);
            let attributes = format!(
                r#"fill="{colour}" class="bar {class}" data-id="{id}" data-value="{persons}""#
            );
            svg.rect(x, y + 6.0, length, row_height - 14.0, &attributes);
            let anchor = if side > 0.0 { "start" } else { "end" };
            let label = format!("{sign}{}", language.persons(persons));
            svg.text(
                zero + side * (length + 6.0),
                y + 22.0,
                anchor,
                &format!(r#"fill="{INK}" class="value""#),
                &label,
            );
        }
    }
    let bottom = top + row_height * rows as f64;
    axis(&mut svg, zero, top - 4.0, zero, bottom);
    svg.text(
        zero + 6.0,
        bottom + 18.0,
        "start",
        &format!(r#"fill="{INK}" font-size="11""#),
        &format!("{} →", labels.freed),
    );
    svg.text(
        zero - 6.0,
        bottom + 18.0,
        "end",
        &format!(r#"fill="{INK}" font-size="11""#),
        &format!("← {}", labels.needed),
    );
    svg.finish(labels.sectors_chart, "sectors")
}

/// The tornado: the `limit` parameters that move the total most, each bar from the total with
/// the parameter at the low end of its range to the total with it at the high end. A bar is
/// labelled with the parameter's label as printed (its id where it has none), and each end says
/// whether it is the low or the high value, with that value and the total it gives.
pub fn tornado_svg(
    swings: &[Swing],
    parameters: &[Parameter],
    total: Persons,
    limit: usize,
    language: Language,
) -> String {
    let labels = language.labels();
    let shown: Vec<&Swing> = swings.iter().take(limit).collect();
    let label_of = |swing: &Swing| parameter_of(parameters, swing).map_or("", |p| p.label.trim());
    let names: Vec<Vec<String>> = shown
        .iter()
        .map(|swing| {
            let id = format!("{}.{}", swing.scope, swing.name);
            let label = label_of(swing);
            let shared = shown.iter().filter(|s| label_of(s) == label).count() > 1;
            match label {
                "" => vec![id],
                // Two rows of one printed line say which of its parameters they move.
                label if shared => wrap(label, 58).into_iter().chain([id]).collect(),
                label => wrap(label, 58),
            }
        })
        .collect();
    let row_heights: Vec<f64> = names
        .iter()
        .map(|lines| (13.0 * lines.len() as f64 + 12.0).max(32.0))
        .collect();
    let (width, top) = (1000.0, 70.0);
    let (left, right) = (420.0, width - 20.0);
    let note = wrap(labels.tornado_note, 150);
    let height = top + 40.0 + 13.0 * note.len() as f64 + row_heights.iter().sum::<f64>().max(32.0);
    let mut svg = Svg::new(width, height);
    svg.title(
        20.0,
        &format!("{} [{}]", labels.tornado_chart, labels.persons),
    );
    let base = f(total.value());
    let reach = shown
        .iter()
        .map(|s| {
            (f(s.at_low.value()) - base)
                .abs()
                .max((f(s.at_high.value()) - base).abs())
        })
        .fold(1.0, f64::max);
    // What each end says: low or high, the parameter's value there, and the total it gives.
    let ends: Vec<[String; 2]> = shown
        .iter()
        .map(|swing| {
            let range = parameter_of(parameters, swing).and_then(|p| Some((p, p.range.as_ref()?)));
            let end = |word: &str, persons: Persons, value: Option<Decimal>| {
                let value =
                    range
                        .zip(value)
                        .map_or(String::new(), |((p, _), v)| match p.is_share() {
                            true => format!(" {}", language.value(v, true)),
                            false => {
                                format!(" {} {}", language.value(v, false), language.unit(&p.unit))
                            }
                        });
                format!("{word}{value}: {}", language.persons(persons))
            };
            [
                end(labels.low, swing.at_low, range.map(|(_, r)| r.low)),
                end(labels.high, swing.at_high, range.map(|(_, r)| r.high)),
            ]
        })
        .collect();
    // The longest bar leaves room on each side for the longest end label (about 5.6 pixels a
    // character at font size 10).
    let longest = ends
        .iter()
        .flatten()
        .map(|e| e.chars().count())
        .max()
        .unwrap_or(0);
    let half = ((right - left) / 2.0 - 5.6 * longest as f64 - 8.0).max(60.0);
    let scale = |v: f64| (left + right) / 2.0 + half * (v - base) / reach;
    let mut y = top;
    for (((swing, name), row_height), [at_low, at_high]) in
        shown.iter().zip(&names).zip(&row_heights).zip(&ends)
    {
        let id = escape(&format!("{}.{}", swing.scope, swing.name));
        for (line, text) in name.iter().enumerate() {
            svg.text(
                20.0,
                y + 17.0 + 13.0 * line as f64,
                "start",
                &format!(r#"fill="{INK}" font-size="11" class="label" data-id="{id}""#),
                text,
            );
        }
        let (low, high) = (f(swing.at_low.value()), f(swing.at_high.value()));
        let (a, b) = (scale(low.min(high)), scale(low.max(high)));
        svg.rect(
            a,
            y + 5.0,
            (b - a).max(1.0),
            row_height - 10.0,
            &format!(
                r#"fill="{MIDDLE}" class="bar swing" data-id="{id}" data-value="{}" data-at-low="{}" data-at-high="{}""#,
                swing.swing, swing.at_low, swing.at_high
            ),
        );
        for (text, class, at, other) in [(at_low, "low", low, high), (at_high, "high", high, low)] {
            // Each end's label stands outside the bar: the larger total's to the right.
            let outward = if at > other || (at == other && class == "high") {
                1.0
            } else {
                -1.0
            };
            svg.text(
                scale(at) + 4.0 * outward,
                y + row_height / 2.0 + 4.0,
                if outward > 0.0 { "start" } else { "end" },
                &format!(r#"fill="{INK}" font-size="10" class="end {class}" data-id="{id}""#),
                text,
            );
        }
        y += row_height;
    }
    let bottom = y.max(top + 32.0);
    axis(&mut svg, scale(base), top - 6.0, scale(base), bottom);
    svg.text(
        scale(base),
        top - 12.0,
        "middle",
        &format!(r#"fill="{INK}" font-size="11""#),
        &format!("{}: {}", labels.freed, language.persons(total)),
    );
    for (line, text) in note.iter().enumerate() {
        svg.text(
            20.0,
            bottom + 24.0 + 13.0 * line as f64,
            "start",
            &format!(r#"fill="{INK}" font-size="11""#),
            text,
        );
    }
    svg.finish(labels.tornado_chart, "tornado")
}

/// The parameter a swing moves.
fn parameter_of<'a>(parameters: &'a [Parameter], swing: &Swing) -> Option<&'a Parameter> {
    parameters
        .iter()
        .find(|p| p.scope == swing.scope && p.name == swing.name)
}

/// The shortage, the staff freed and the gap that remains, year by year; the worse scenario's
/// shortage dashed.
pub fn timeline_svg(
    years: &[YearGap],
    worse: Option<&[(u16, Persons)]>,
    language: Language,
) -> String {
    let labels = language.labels();
    let (width, height) = (860.0, 420.0);
    let (left, right, top, bottom) = (80.0, width - 180.0, 50.0, height - 50.0);
    let mut svg = Svg::new(width, height);
    svg.title(
        20.0,
        &format!("{} [{}]", labels.timeline_chart, labels.persons),
    );
    let (Some(first), Some(last)) = (years.first(), years.last()) else {
        return svg.finish(labels.timeline_chart, "timeline");
    };
    let most = years
        .iter()
        .flat_map(|y| [y.shortage.unwrap_or(y.freed), y.freed])
        .map(|p| f(p.value()))
        .chain(worse.unwrap_or_default().iter().map(|(_, p)| f(p.value())))
        .fold(0.0, f64::max);
    let least = years
        .iter()
        .filter_map(|y| y.remaining)
        .map(|p| f(p.value()))
        .fold(0.0, f64::min);
    let scale_y = value_axis(
        &mut svg,
        (left, right),
        (top, bottom),
        (least * 1.05, most * 1.05),
        language,
    );
    let span = f64::from(last.year - first.year).max(1.0);
    let slot = (right - left) / (span + 1.0) * 0.5;
    let x =
        |year: u16| left + slot + (right - left - 2.0 * slot) * f64::from(year - first.year) / span;
    for y in years {
        svg.rect(
            x(y.year) - slot / 2.0,
            scale_y(f(y.freed.value()).max(0.0)),
            slot,
            scale_y(0.0) - scale_y(f(y.freed.value()).max(0.0)),
            &format!(
                r#"fill="{MIDDLE}" class="bar freed" data-id="{}" data-value="{}""#,
                y.year, y.freed
            ),
        );
        svg.text(
            x(y.year),
            bottom + 18.0,
            "middle",
            &format!(r#"fill="{INK}" font-size="11""#),
            &y.year.to_string(),
        );
    }
    // A shortage not stated in persons has no line: only the staff freed is drawn.
    let shortage: Vec<(f64, f64)> = years
        .iter()
        .filter_map(|y| Some((x(y.year), scale_y(f(y.shortage?.value())))))
        .collect();
    let remaining: Vec<(f64, f64)> = years
        .iter()
        .filter_map(|y| Some((x(y.year), scale_y(f(y.remaining?.value())))))
        .collect();
    svg.polyline(
        &shortage,
        &format!(r#"stroke="{DARK}" stroke-width="3" class="line shortage""#),
    );
    svg.polyline(
        &remaining,
        &format!(
            r#"stroke="{INK}" stroke-width="2" stroke-dasharray="2,3" class="line remaining""#
        ),
    );
    let mut legend: Vec<_> = [
        (
            labels.shortage,
            last.shortage.map(|p| language.persons(p)),
            DARK,
            "",
        ),
        (
            labels.remaining,
            last.remaining.map(|p| language.remaining(p)),
            INK,
            "2,3",
        ),
    ]
    .into_iter()
    .filter_map(|(label, value, colour, dash)| Some((label, value?, colour, dash)))
    .collect();
    if let Some(worse) = worse {
        let points: Vec<(f64, f64)> = worse
            .iter()
            .filter(|(year, _)| *year >= first.year && *year <= last.year)
            .map(|(year, p)| (x(*year), scale_y(f(p.value()))))
            .collect();
        svg.polyline(
            &points,
            &format!(
                r#"stroke="{DARK}" stroke-width="2" stroke-dasharray="8,4" class="line worse""#
            ),
        );
        if let Some((_, p)) = worse.last() {
            // After the base shortage, when it has a line; first otherwise.
            let after_base = usize::from(years.iter().any(|y| y.shortage.is_some()));
            legend.insert(
                after_base,
                (labels.worse, language.persons(*p), DARK, "8,4"),
            );
        }
    }
    for (i, (label, value, colour, dash)) in legend.iter().enumerate() {
        let y = top + 10.0 + 56.0 * i as f64;
        svg.line(
            right + 14.0,
            y,
            right + 40.0,
            y,
            &format!(r#"stroke="{colour}" stroke-width="2.5" stroke-dasharray="{dash}""#),
        );
        for (line, text) in wrap(label, 18).iter().enumerate() {
            svg.text(
                right + 46.0,
                y + 4.0 + 13.0 * line as f64,
                "start",
                &format!(r#"fill="{INK}" font-size="11""#),
                text,
            );
        }
        let lines = wrap(label, 18).len() as f64;
        svg.text(
            right + 46.0,
            y + 6.0 + 13.0 * lines,
            "start",
            &format!(r#"fill="{INK}" font-size="11" font-weight="bold""#),
            &format!("{value} ({})", last.year),
        );
    }
    let y = top + 10.0 + 56.0 * legend.len() as f64;
    swatch(&mut svg, right + 14.0, y, MIDDLE, labels.freed);
    axis(&mut svg, left, scale_y(0.0), right, scale_y(0.0));
    svg.finish(labels.timeline_chart, "timeline")
}

/// Planned (of the initiatives with data) and realised persons in total, per period: two bars
/// each, with their exact values.
pub(crate) fn monitoring_svg(rows: &[Monitored], language: Language) -> String {
    let labels = language.labels();
    let totals: Vec<&Monitored> = rows.iter().filter(|r| r.level == "total").collect();
    let (width, height) = (860.0, 360.0);
    let (left, right, top, bottom) = (80.0, width - 180.0, 50.0, height - 50.0);
    let mut svg = Svg::new(width, height);
    svg.title(
        20.0,
        &format!("{} [{}]", labels.monitoring_chart, labels.persons),
    );
    let values = |r: &Monitored| {
        [
            f(r.with_data.value()),
            r.realised.map_or(0.0, |p| f(p.value())),
        ]
    };
    let most = totals.iter().flat_map(|r| values(r)).fold(0.0, f64::max);
    let least = totals.iter().flat_map(|r| values(r)).fold(0.0, f64::min);
    let scale_y = value_axis(
        &mut svg,
        (left, right),
        (top, bottom),
        (least * 1.05, most * 1.05),
        language,
    );
    let slot = (right - left) / totals.len().max(1) as f64;
    let bar = (slot * 0.35).min(40.0);
    for (i, row) in totals.iter().enumerate() {
        let middle = left + slot * (i as f64 + 0.5);
        let bars = [
            ("planned", MIDDLE, Some(row.with_data)),
            ("realised", LIGHT, row.realised),
        ];
        for (side, (class, colour, value)) in bars.into_iter().enumerate() {
            let Some(value) = value else { continue };
            let v = f(value.value());
            let x = middle - bar + bar * side as f64;
            let (y0, y1) = (scale_y(v.max(0.0)), scale_y(v.min(0.0)));
            svg.rect(
                x,
                y0,
                bar,
                y1 - y0,
                &format!(
                    r#"fill="{colour}" class="bar {class}" data-id="{}" data-value="{}""#,
                    row.period, value
                ),
            );
        }
        svg.text(
            middle,
            bottom + 18.0,
            "middle",
            &format!(r#"fill="{INK}" font-size="11""#),
            &format!("{} ({})", row.period, labels.progress[progress_index(row)]),
        );
    }
    for (i, (label, colour)) in [(labels.planned_with_data, MIDDLE), (labels.realised, LIGHT)]
        .into_iter()
        .enumerate()
    {
        let y = top + 10.0 + 30.0 * i as f64;
        swatch(&mut svg, right + 14.0, y, colour, label);
    }
    axis(&mut svg, left, scale_y(0.0), right, scale_y(0.0));
    svg.finish(labels.monitoring_chart, "monitoring")
}

/// An axis or a zero line: a line in ink.
fn axis(svg: &mut Svg, x1: f64, y1: f64, x2: f64, y2: f64) {
    svg.line(
        x1,
        y1,
        x2,
        y2,
        &format!(r#"stroke="{INK}" stroke-width="1.5""#),
    );
}

/// A legend's entry: a swatch of `colour` whose middle is at `y`, and its label beside it.
fn swatch(svg: &mut Svg, x: f64, y: f64, colour: &str, label: &str) {
    svg.rect(x, y - 6.0, 26.0, 12.0, &format!(r#"fill="{colour}""#));
    let attributes = format!(r#"fill="{INK}" font-size="11""#);
    svg.text(x + 32.0, y + 4.0, "start", &attributes, label);
}

/// The position of a row's status in [`super::words::Labels::progress`].
pub(crate) fn progress_index(row: &Monitored) -> usize {
    use crate::analysis::monitoring::Progress;
    match row.status {
        Progress::OnTrack => 0,
        Progress::Behind => 1,
        Progress::Ahead => 2,
        _ => 3,
    }
}
