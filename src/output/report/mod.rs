//! Pictures and a report a board can read (feature `report`): the impact chart (a waterfall from
//! the shortage, through the staff each theme frees, to the gap that remains), freed and needed
//! staff per sector, the tornado of the parameters that move the total most, the gap year by year,
//! planned against realised per period (with realised values), and one self-contained HTML file with those charts, the tables, the audit and the source of
//! every parameter; the same tables as Markdown. Dutch labels by default, English available.

mod charts;
mod html;
mod svg;
mod words;

use crate::analysis::monitoring::{Monitored, Progress};
use crate::analysis::monte_carlo::{MonteCarlo, MonteCarloSettings};
use crate::analysis::priorities::Priority;
use crate::analysis::scenario::{Outcome, compare};
use crate::analysis::timeline::{YearGap, shortage_per_year, timeline};
use crate::analysis::uncertainty::{
    Bounds, Reliance, Swing, bounds, concentration, reliance, tornado,
};
use crate::error::{Error, Finding};
use crate::evaluate::{Balance, InitiativeResult, Results};
use crate::model::Model;
use crate::model::name::Name;
use crate::model::scenario::{AS_PUBLISHED, BASE_SHORTAGE, Scenario};
use crate::model::units::{Persons, Share};
use rust_decimal::{Decimal, RoundingStrategy};
use words::Labels;

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
        let rounded =
            value.round_dp_with_strategy(decimals, RoundingStrategy::MidpointAwayFromZero);
        self.grouped(&format!("{:.*}", decimals as usize, rounded.abs()), rounded)
    }

    /// A number with every digit it has (an input value, never rounded), grouped in thousands:
    /// 17900000 is 17.900.000 in Dutch.
    pub fn exact(self, value: Decimal) -> String {
        let value = value.normalize();
        self.grouped(&value.abs().to_string(), value)
    }

    /// A parameter's value as people read it: a share as an exact percentage (0.125 is 12,5%),
    /// any other value with every digit.
    pub fn value(self, value: Decimal, share: bool) -> String {
        match value.checked_mul(Decimal::ONE_HUNDRED) {
            Some(percent) if share => format!("{}%", self.exact(percent)),
            _ => self.exact(value),
        }
    }

    /// `digits` (the absolute value, with a `.` before any fraction) grouped in thousands, with
    /// the sign of `value`.
    fn grouped(self, digits: &str, value: Decimal) -> String {
        let (group, point) = match self {
            Language::Dutch => ('.', ','),
            Language::English => (',', '.'),
        };
        let (whole, fraction) = digits.split_once('.').unwrap_or((digits, ""));
        let mut grouped = String::new();
        if value.is_sign_negative() && !value.is_zero() {
            grouped.push('-');
        }
        for (i, digit) in whole.chars().enumerate() {
            if i > 0 && (whole.len() - i) % 3 == 0 {
                grouped.push(group);
            }
            grouped.push(digit);
        }
        if !fraction.is_empty() {
            grouped.push(point);
            grouped.push_str(fraction);
        }
        grouped
    }

    /// Whole persons.
    pub fn persons(self, persons: Persons) -> String {
        self.number(persons.value(), 0)
    }

    /// The shortage that remains, in whole persons; below zero it is a surplus, and says so
    /// (`overschot 53`, never `-53`).
    pub fn remaining(self, remaining: Persons) -> String {
        match Balance::of(remaining) {
            Balance::Surplus(surplus) => {
                format!("{} {}", self.labels().surplus, self.persons(surplus))
            }
            Balance::Remaining(remaining) => self.persons(remaining),
        }
    }

    /// A share as a percentage with one decimal.
    pub fn percent(self, share: Share) -> String {
        format!(
            "{}%",
            self.number(share.value().saturating_mul(Decimal::ONE_HUNDRED), 1)
        )
    }

    /// A unit as the data write it, in this language (the data's unit words are English).
    pub fn unit(self, unit: &str) -> String {
        match self {
            Language::Dutch => words::dutch_unit(unit),
            Language::English => unit.to_string(),
        }
    }

    /// A finding about the input, located as the library locates it, in this language.
    pub fn finding(self, finding: &Finding) -> String {
        match self {
            Language::Dutch => words::dutch_finding(finding),
            Language::English => finding.to_string(),
        }
    }

    /// A scenario's name: the library's own names ([`Scenario::AS_PUBLISHED`], [`Scenario::BASE_SHORTAGE`]) in this
    /// language, the data's names as written.
    pub fn scenario(self, name: &str) -> String {
        let labels = self.labels();
        match name {
            AS_PUBLISHED => labels.as_published.to_string(),
            BASE_SHORTAGE => labels.base_shortage.to_string(),
            name => name.to_string(),
        }
    }

    fn labels(self) -> &'static Labels {
        match self {
            Language::Dutch => &words::DUTCH,
            Language::English => &words::ENGLISH,
        }
    }
}

/// Everything a report shows, computed once.
///
/// Pictures and a report a board can read (feature `report`): the impact chart (a waterfall from
/// the shortage, through the staff each theme frees, to the gap that remains), freed and needed
/// staff per sector, the tornado of the parameters that move the total most, the gap year by year,
/// and one self-contained HTML file with those charts, the tables, the audit and the source of
/// every parameter; the same tables as Markdown. Dutch labels by default, English available.
///
/// Charts are hand-written SVG: no fonts, scripts or files are fetched, so a report stays
/// readable offline and years later. Every bar carries its exact value in a `data-value`
/// attribute, so tests (and other tools) can read the chart back.
///
/// ```
/// use workforce_gap::{Language, Report};
/// let model = workforce_gap::Model::limburg()?;
/// let report = Report::new(&model, Language::Dutch)?;
/// let html = report.html();
/// assert!(html.contains("<svg"));
/// assert!(report.markdown().contains("| Thema |"));
/// # Ok::<(), workforce_gap::Error>(())
/// ```
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
    range_sources: Vec<(String, usize)>,
    monitoring: Vec<Monitored>,
    priorities: Vec<Priority>,
    /// Draws over the ranges for the chance of covering each shortage (and the priorities'
    /// percentiles); none without ranges.
    chance: Option<MonteCarlo>,
}

/// The draws the report's chance of covering the shortage comes from, and their seed: the
/// chance is then known within about half a percentage point (its standard error at 50% is
/// 0.5%), and the same data always give the same report.
const CHANCE_DRAWS: usize = 10_000;
const CHANCE_SEED: u64 = 1;

impl<'a> Report<'a> {
    /// Computes what the report shows.
    pub fn new(model: &'a Model, language: Language) -> Result<Report<'a>, Error> {
        let results = model.evaluate()?;
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
        // The draws give the chance of covering each shortage and each initiative's P5 - P95.
        let chance = chance(model)?;
        let mut priorities = model.priorities()?;
        if let Some(mc) = &chance {
            mc.fill_percentiles(&mut priorities);
        }
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
            range_sources: range_sources(model),
            monitoring: model.monitor(Share::new(Progress::TOLERANCE))?,
            priorities,
            chance,
            results,
        })
    }

    /// The exact results the report shows.
    pub fn results(&self) -> &Results {
        &self.results
    }

    /// The impact chart: the shortage, minus what each theme frees, and the gap that remains.
    /// Only themes with a quantified initiative have a bar; with none at all there is no chart
    /// to draw, and it says so.
    pub fn waterfall(&self) -> String {
        if self.nothing_quantified() {
            let labels = self.language.labels();
            return charts::note_svg(
                &format!("{}: {}", labels.freed, labels.not_quantified),
                labels.waterfall,
                "waterfall",
            );
        }
        let mut results = self.results.clone();
        results
            .themes
            .retain(|theme| self.theme_quantified(&theme.id));
        waterfall_svg(
            &results,
            Some(&self.bounds),
            self.worse_at_horizon(),
            self.language,
        )
    }

    /// True when no initiative that counts has a figure: their total is then no figure either.
    fn nothing_quantified(&self) -> bool {
        !self
            .results
            .initiatives
            .iter()
            .any(InitiativeResult::counts_quantified)
    }

    /// True when an initiative that counts towards the theme has a figure.
    fn theme_quantified(&self, theme: &str) -> bool {
        self.results.theme(theme).is_some_and(|t| t.is_quantified())
    }

    /// Freed and needed staff per sector.
    pub fn sectors(&self) -> String {
        sectors_svg(&self.results, self.language)
    }

    /// The parameters that move the total most.
    pub fn tornado(&self) -> String {
        tornado_svg(
            &self.tornado,
            &self.model.parameters,
            self.results.total,
            10,
            self.language,
        )
    }

    /// The shortage, the staff freed and the gap year by year.
    pub fn timeline(&self) -> String {
        let worse = self.worse.as_ref().map(|(_, years)| years.as_slice());
        timeline_svg(&self.timeline, worse, self.language)
    }

    /// Planned against realised per period (empty without realised values).
    pub fn monitoring(&self) -> String {
        charts::monitoring_svg(&self.monitoring, self.language)
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

/// Draws over the parameters' ranges for the chance of covering each shortage and the spread
/// of each initiative; none when no parameter has a range, for they would only repeat the exact
/// figures.
fn chance(model: &Model) -> Result<Option<MonteCarlo>, Error> {
    if model.parameters.iter().all(|p| p.range.is_none()) {
        return Ok(None);
    }
    let settings = MonteCarloSettings::default()
        .draws(CHANCE_DRAWS)
        .seed(CHANCE_SEED)
        .correlations(false)
        .sectors(false);
    model.monte_carlo(settings).map(Some)
}

/// What the data say about the parameters' ranges: each source of `ranges.csv` with the number of
/// ranges it gives, in the order they first appear. Empty when no parameter has a range.
fn range_sources(model: &Model) -> Vec<(String, usize)> {
    let mut sources: Vec<(String, usize)> = Vec::new();
    for range in model.parameters.iter().filter_map(|p| p.range.as_ref()) {
        let source = range.source.trim();
        match sources.iter_mut().find(|(known, _)| known == source) {
            Some((_, count)) => *count += 1,
            None => sources.push((source.to_string(), 1)),
        }
    }
    sources
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
        // Input values keep every digit; shares read as percentages.
        assert_eq!(Language::Dutch.exact(n("17900000")), "17.900.000");
        assert_eq!(Language::Dutch.exact(n("-1234.5670")), "-1.234,567");
        assert_eq!(Language::English.exact(n("0.125")), "0.125");
        assert_eq!(Language::Dutch.value(n("0.125"), true), "12,5%");
        assert_eq!(Language::Dutch.value(n("0.125"), false), "0,125");
        // A negative remaining shortage is a surplus.
        assert_eq!(
            Language::Dutch.remaining(Persons::new(n("-53.2"))),
            "overschot 53"
        );
        assert_eq!(
            Language::English.remaining(Persons::new(n("2866.8"))),
            "2,867"
        );
    }
}
