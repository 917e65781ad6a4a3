//! Pictures and a report a board can read (feature `report`): the impact chart (a waterfall from
//! the shortage, through the staff each theme frees, to the gap that remains), freed and needed
//! staff per sector, the tornado of the parameters that move the total most, the gap year by year,
//! and one self-contained HTML file with those charts, the tables, the audit and the source of
//! every parameter; the same tables as Markdown. Dutch labels by default, English available.
//!
//! Charts are hand-written SVG: no fonts, scripts or files are fetched, so a report stays
//! readable offline and years later. Every bar carries its exact value in a `data-value`
//! attribute, so tests (and other tools) can read the chart back.
//!
//! ```
//! use workforce_gap::report::{Language, Report};
//! let model = workforce_gap::limburg()?;
//! let report = Report::new(&model, Language::Dutch)?;
//! let html = report.html();
//! assert!(html.contains("<svg"));
//! assert!(report.markdown().contains("| Thema |"));
//! # Ok::<(), workforce_gap::Error>(())
//! ```

mod charts;
mod html;
mod svg;

use crate::error::{Error, Finding};
use crate::evaluate::{Results, evaluate};
use crate::model::Model;
use crate::name::Name;
use crate::scenario::{AS_PUBLISHED, BASE_SHORTAGE, Outcome, Scenario, compare};
use crate::timeline::{YearGap, shortage_per_year, timeline};
use crate::uncertainty::{Bounds, Reliance, Swing, bounds, concentration, reliance, tornado};
use crate::units::{Persons, Share};
use rust_decimal::{Decimal, RoundingStrategy};

pub use charts::{sectors_svg, timeline_svg, tornado_svg, waterfall_svg};

/// The language of labels and number formats.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Language {
    /// Dutch labels; thousands dots and decimal commas (1.633; 36,3%).
    #[default]
    Dutch,
    /// English labels; thousands commas and decimal points (1,633; 36.3%).
    English,
}

impl Language {
    /// `nl` or `en`.
    pub const fn code(self) -> &'static str {
        match self {
            Language::Dutch => "nl",
            Language::English => "en",
        }
    }

    /// A number rounded to `decimals` places (half away from zero), grouped in thousands.
    pub fn number(self, value: Decimal, decimals: u32) -> String {
        let (group, point) = match self {
            Language::Dutch => ('.', ','),
            Language::English => (',', '.'),
        };
        let rounded =
            value.round_dp_with_strategy(decimals, RoundingStrategy::MidpointAwayFromZero);
        let text = format!("{:.*}", decimals as usize, rounded.abs());
        let (whole, fraction) = text
            .split_once('.')
            .map_or((text.as_str(), ""), |(w, f)| (w, f));
        let mut grouped = String::new();
        for (i, digit) in whole.chars().enumerate() {
            if i > 0 && (whole.len() - i) % 3 == 0 {
                grouped.push(group);
            }
            grouped.push(digit);
        }
        let sign = if rounded.is_sign_negative() && !rounded.is_zero() {
            "-"
        } else {
            ""
        };
        if fraction.is_empty() {
            format!("{sign}{grouped}")
        } else {
            format!("{sign}{grouped}{point}{fraction}")
        }
    }

    /// Whole persons.
    pub fn persons(self, persons: Persons) -> String {
        self.number(persons.value(), 0)
    }

    /// A share as a percentage with one decimal.
    pub fn percent(self, share: Share) -> String {
        format!(
            "{}%",
            self.number(share.value().saturating_mul(Decimal::ONE_HUNDRED), 1)
        )
    }

    fn labels(self) -> &'static Labels {
        match self {
            Language::Dutch => &DUTCH,
            Language::English => &ENGLISH,
        }
    }
}

/// The words of a report in one language.
pub(crate) struct Labels {
    pub title: &'static str,
    pub shortage: &'static str,
    pub worse: &'static str,
    pub remaining: &'static str,
    pub freed: &'static str,
    pub needed: &'static str,
    pub net: &'static str,
    pub persons: &'static str,
    pub theme: &'static str,
    pub sector: &'static str,
    pub initiative: &'static str,
    pub submitted_by: &'static str,
    pub bounds: &'static str,
    pub published: &'static str,
    pub recomputed: &'static str,
    pub verdict: &'static str,
    pub agrees: &'static str,
    pub differs: &'static str,
    pub unpublished: &'static str,
    pub not_quantified: &'static str,
    pub not_compared: &'static str,
    pub not_counted: &'static str,
    pub waterfall: &'static str,
    pub sectors_chart: &'static str,
    pub tornado_chart: &'static str,
    pub timeline_chart: &'static str,
    pub parameter: &'static str,
    pub tornado_note: &'static str,
    pub year: &'static str,
    pub scenarios: &'static str,
    pub scenario: &'static str,
    pub covered: &'static str,
    pub audit: &'static str,
    pub audit_intro: &'static str,
    pub sources: &'static str,
    pub value: &'static str,
    pub unit: &'static str,
    pub label: &'static str,
    pub source: &'static str,
    pub assumption: &'static str,
    pub range: &'static str,
    pub checks: &'static str,
    pub headline: &'static str,
    pub plan_states: &'static str,
    pub on_assumptions: &'static str,
    pub largest: &'static str,
    pub illustrative_ranges: &'static str,
    pub yes: &'static str,
    pub generated: &'static str,
}

static DUTCH: Labels = Labels {
    title: "Impact initiatieven op personeelstekort",
    shortage: "Tekort",
    worse: "Tekort, slechter scenario",
    remaining: "Resterend tekort",
    freed: "Vrijgespeeld",
    needed: "Extra nodig",
    net: "Netto",
    persons: "personen",
    theme: "Thema",
    sector: "Sector",
    initiative: "Initiatief",
    submitted_by: "Ontvangen van",
    bounds: "Bandbreedte",
    published: "Gepubliceerd",
    recomputed: "Herberekend",
    verdict: "Oordeel",
    agrees: "klopt",
    differs: "wijkt af",
    unpublished: "niet gepubliceerd",
    not_quantified: "niet gekwantificeerd",
    not_compared: "niet vergeleken",
    not_counted: "telt niet mee",
    waterfall: "Van tekort naar resterend tekort",
    sectors_chart: "Vrijgespeeld en extra nodig per sector",
    tornado_chart: "Welke aannames het totaal het meest bewegen",
    timeline_chart: "Het tekort per jaar",
    parameter: "Parameter",
    tornado_note: "Elke balk: het totaal met die ene aanname van de lage naar de hoge kant van haar bereik; de lijn: het totaal zoals berekend.",
    year: "Jaar",
    scenarios: "Scenario's naast elkaar",
    scenario: "Scenario",
    covered: "Gedekt",
    audit: "Controle op de gepubliceerde cijfers",
    audit_intro: "Wat de eigen parameters van elk initiatief opleveren, naast het gepubliceerde cijfer (afgerond zoals het plan afrondt).",
    sources: "Bronnen van alle parameters",
    value: "Waarde",
    unit: "Eenheid",
    label: "Zoals gedrukt",
    source: "Bron",
    assumption: "Aanname",
    range: "Bereik",
    checks: "Controles op de gegevens",
    headline: "De initiatieven spelen {freed} personen vrij: {covered} van het tekort van {shortage} in {year}. Er resteert een tekort van {remaining} personen ({worse} in het slechtere scenario).",
    plan_states: "Het plan zelf noemt {total} personen, {share} van het tekort.",
    on_assumptions: "{share} van het totaal rust op aannames.",
    largest: "Het grootste initiatief, {name}, draagt {share} van het totaal.",
    illustrative_ranges: "De bandbreedtes zijn illustratief: het plan noemt er geen. Elke aanname mag tussen de helft en anderhalf keer haar waarde liggen.",
    yes: "ja",
    generated: "Gemaakt met workforce-gap uit de gegevens van het plan; elk cijfer is herleidbaar tot de parameters hieronder.",
};

static ENGLISH: Labels = Labels {
    title: "Impact of the initiatives on the staff shortage",
    shortage: "Shortage",
    worse: "Shortage, worse scenario",
    remaining: "Remaining shortage",
    freed: "Freed",
    needed: "Needed",
    net: "Net",
    persons: "persons",
    theme: "Theme",
    sector: "Sector",
    initiative: "Initiative",
    submitted_by: "Submitted by",
    bounds: "Bounds",
    published: "Published",
    recomputed: "Recomputed",
    verdict: "Verdict",
    agrees: "agrees",
    differs: "differs",
    unpublished: "not published",
    not_quantified: "not quantified",
    not_compared: "not compared",
    not_counted: "not counted",
    waterfall: "From the shortage to the gap that remains",
    sectors_chart: "Staff freed and needed per sector",
    tornado_chart: "The assumptions that move the total most",
    timeline_chart: "The shortage year by year",
    parameter: "Parameter",
    tornado_note: "Each bar: the total with that one assumption moved from the low to the high end of its range; the line: the total as computed.",
    year: "Year",
    scenarios: "Scenarios side by side",
    scenario: "Scenario",
    covered: "Covered",
    audit: "Audit of the published figures",
    audit_intro: "What each initiative's own parameters give, next to its published figure (rounded as the plan rounds).",
    sources: "Sources of every parameter",
    value: "Value",
    unit: "Unit",
    label: "As printed",
    source: "Source",
    assumption: "Assumption",
    range: "Range",
    checks: "Checks on the data",
    headline: "The initiatives free {freed} persons: {covered} of the shortage of {shortage} in {year}. A shortage of {remaining} persons remains ({worse} in the worse scenario).",
    plan_states: "The plan itself states {total} persons, {share} of the shortage.",
    on_assumptions: "{share} of the total rests on assumptions.",
    largest: "The largest initiative, {name}, carries {share} of the total.",
    illustrative_ranges: "The bounds are illustrative: the plan states none. Each assumption may lie between half and one and a half times its value.",
    yes: "yes",
    generated: "Made with workforce-gap from the plan's data; every figure traces back to the parameters below.",
};

/// Everything a report shows, computed once.
pub struct Report<'a> {
    model: &'a Model,
    language: Language,
    results: Results,
    bounds: Bounds,
    tornado: Vec<Swing>,
    scenarios: Vec<Outcome>,
    timeline: Vec<YearGap>,
    worse: Option<(String, Vec<(u16, Persons)>)>,
    reliance: Reliance,
    concentration: Vec<(Name, Share)>,
    findings: Vec<Finding>,
}

impl<'a> Report<'a> {
    /// Computes what the report shows.
    pub fn new(model: &'a Model, language: Language) -> Result<Report<'a>, Error> {
        let results = evaluate(model)?;
        let arithmetic = |context: &str| {
            let context = context.to_string();
            move |kind| Error::Arithmetic { context, kind }
        };
        let worst = model
            .shortages
            .iter()
            .filter(|s| s.scenario != BASE_SHORTAGE)
            .filter_map(|s| Some((s, model.shortage_in_persons(s).ok()?)))
            .max_by_key(|(s, persons)| (s.year, *persons))
            .map(|(s, _)| s)
            .map(|s| s.scenario.clone());
        let worse = match worst {
            Some(name) => Some((name.clone(), shortage_per_year(model, &name)?)),
            None => None,
        };
        Ok(Report {
            model,
            language,
            bounds: bounds(model)?,
            tornado: tornado(model)?,
            scenarios: compare(model)?,
            timeline: timeline(
                model,
                &Scenario {
                    name: AS_PUBLISHED.into(),
                    settings: Vec::new(),
                },
            )?,
            worse,
            reliance: reliance(model, &results).map_err(arithmetic("reliance on assumptions"))?,
            concentration: concentration(&results).map_err(arithmetic("concentration"))?,
            findings: model.check(),
            results,
        })
    }

    /// The exact results the report shows.
    pub fn results(&self) -> &Results {
        &self.results
    }

    /// The impact chart: the shortage, minus what each theme frees, and the gap that remains.
    pub fn waterfall(&self) -> String {
        waterfall_svg(
            &self.results,
            Some(&self.bounds),
            self.worse_at_horizon(),
            self.language,
        )
    }

    /// Freed and needed staff per sector.
    pub fn sectors(&self) -> String {
        sectors_svg(&self.results, self.language)
    }

    /// The parameters that move the total most.
    pub fn tornado(&self) -> String {
        tornado_svg(&self.tornado, self.results.total, 10, self.language)
    }

    /// The shortage, the staff freed and the gap year by year.
    pub fn timeline(&self) -> String {
        let worse = self.worse.as_ref().map(|(_, years)| years.as_slice());
        timeline_svg(&self.timeline, worse, self.language)
    }

    /// The whole report as one self-contained HTML file.
    pub fn html(&self) -> String {
        html::document(self)
    }

    /// The report's tables as Markdown.
    pub fn markdown(&self) -> String {
        html::markdown(self)
    }

    /// The worse scenario's shortage in the horizon year of the base, if the model has one.
    fn worse_at_horizon(&self) -> Option<Persons> {
        let horizon = self.timeline.last()?.year;
        let (_, years) = self.worse.as_ref()?;
        years
            .iter()
            .find(|(year, _)| *year == horizon)
            .map(|(_, persons)| *persons)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_in_both_languages() {
        let n = |s: &str| s.parse::<Decimal>().unwrap();
        assert_eq!(Language::Dutch.number(n("1633.17"), 0), "1.633");
        assert_eq!(Language::English.number(n("1633.17"), 0), "1,633");
        assert_eq!(Language::Dutch.number(n("-2866.83"), 1), "-2.866,8");
        assert_eq!(Language::Dutch.number(n("999.96"), 1), "1.000,0");
        assert_eq!(Language::Dutch.number(n("-0.04"), 1), "0,0");
        assert_eq!(Language::Dutch.percent(Share::new(n("0.36292"))), "36,3%");
    }
}
