//! Machine-readable results: one CSV row per effect, initiative, theme, sector, the total and
//! each shortage scenario, in exact decimals.

use super::text::NOT_QUANTIFIED;
use crate::error::Error;
use crate::evaluate::{Balance, Figure, Results, Verdict, plan_rounding};
use crate::model::units::Persons;

impl Results {
    /// Writes the results as CSV: one row per effect, initiative, theme, sector, the total and
    /// each shortage scenario, with exact (unrounded) decimals. See the README for the columns.
    ///
    /// ```
    /// let results = workforce_gap::Model::limburg()?.evaluate()?;
    /// let mut out = Vec::new();
    /// results.write_csv(&mut out)?;
    /// assert!(out.starts_with(b"level,id,"));
    /// # Ok::<(), workforce_gap::Error>(())
    /// ```
    pub fn write_csv(&self, out: impl std::io::Write) -> Result<(), Error> {
        write_csv(self, out)
    }
}

fn write_csv(results: &Results, out: impl std::io::Write) -> Result<(), Error> {
    let mut writer = ::csv::Writer::from_writer(out);
    // The header is `Row`'s field names, written with the first row (the total is always one).
    let mut write = |row: Row| writer.serialize(row);
    for effect in &results.effects {
        write(Row {
            level: "effect",
            id: format!("{}/{}", effect.initiative, effect.effect),
            sector: effect.sector.to_string(),
            persons: effect.persons.map(|p| p.to_string()).unwrap_or_default(),
            fte: effect.fte.map(|f| f.to_string()).unwrap_or_default(),
            ..Row::default()
        })?;
    }
    for i in &results.initiatives {
        let note = match &i.figure {
            Figure::Quantified { .. } => String::new(),
            Figure::NotQuantified => "no effects: no figure".to_string(),
            Figure::Pending { needs } => format!("needs {}", needs.join(", ")),
        };
        let (verdict, difference) = match (&i.figure, i.verdict) {
            (Figure::Pending { .. }, _) => ("pending", String::new()),
            (_, Verdict::NotQuantified) => ("not quantified", String::new()),
            (_, Verdict::Agrees) => ("agrees", String::new()),
            (_, Verdict::Differs { difference }) => ("differs", difference.to_string()),
            (_, Verdict::Unpublished) => ("unpublished", String::new()),
        };
        write(Row {
            level: "initiative",
            id: i.id.to_string(),
            name: i.name.to_string(),
            persons: i.persons().map(|p| p.to_string()).unwrap_or_default(),
            fte: i.figure.fte().map(|f| f.to_string()).unwrap_or_default(),
            published: i.published.map(|p| p.to_string()).unwrap_or_default(),
            rounded: i.rounded.map(|r| r.to_string()).unwrap_or_default(),
            verdict: verdict.to_string(),
            difference,
            note,
            ..Row::default()
        })?;
    }
    for (level, groups) in [("theme", &results.themes), ("sector", &results.sectors)] {
        for g in groups {
            let figure = |p: Persons| shown_if(g.is_quantified(), || p.to_string());
            write(Row {
                level,
                id: g.id.to_string(),
                name: g.name.to_string(),
                persons: figure(g.persons),
                freed: figure(g.freed),
                needed: figure(g.needed),
                verdict: shown_if(!g.is_quantified(), || NOT_QUANTIFIED.into()),
                ..Row::default()
            })?;
        }
    }
    let quantified = results.initiatives.iter().any(|i| i.counts_quantified());
    write(Row {
        level: "total",
        id: "total".into(),
        name: results.region.to_string(),
        persons: shown_if(quantified, || results.total.to_string()),
        published: results
            .published_total
            .map(|p| p.to_string())
            .unwrap_or_default(),
        rounded: shown_if(quantified, || plan_rounding(results.total).to_string()),
        verdict: shown_if(!quantified, || NOT_QUANTIFIED.into()),
        ..Row::default()
    })?;
    for gap in &results.gaps {
        let (remaining, surplus) = match gap.balance() {
            Balance::Remaining(p) => (p.to_string(), String::new()),
            Balance::Surplus(p) => (String::new(), p.to_string()),
        };
        write(Row {
            level: "gap",
            id: format!("{} {}", gap.year, gap.scenario),
            persons: gap.freed.to_string(),
            shortage: gap.shortage.to_string(),
            covered: gap.covered.to_string(),
            remaining,
            surplus,
            ..Row::default()
        })?;
    }
    for not in &results.uncompared {
        write(Row {
            level: "gap",
            id: format!("{} {}", not.year, not.scenario),
            verdict: "not compared".into(),
            note: not.reason.clone(),
            ..Row::default()
        })?;
    }
    writer.flush().map_err(|source| Error::Write { source })
}

/// A CSV cell that is written only when it applies (empty otherwise).
fn shown_if(applies: bool, text: impl FnOnce() -> String) -> String {
    if applies { text() } else { String::new() }
}

/// One row of [`csv()`] output. Its fields are the columns, in the order the README documents,
/// and their names are the header; what does not apply stays empty.
#[derive(Default, serde::Serialize)]
struct Row {
    level: &'static str,
    id: String,
    name: String,
    sector: String,
    persons: String,
    fte: String,
    freed: String,
    needed: String,
    published: String,
    rounded: String,
    verdict: String,
    difference: String,
    shortage: String,
    covered: String,
    remaining: String,
    surplus: String,
    note: String,
}
