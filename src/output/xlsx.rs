//! [`Results`] and their [`Model`] -> an Excel workbook with live formulas; and a template
//! workbook for a new region (feature `xlsx`).

use crate::error::Error;
use crate::evaluate::{Balance, Figure, Results, Verdict};
use crate::hash::FastSet;
use crate::model::formula::{Expr, Op};
use crate::model::{EffectUnit, Model, Parameter, Scope};
use rust_decimal::Decimal;
use rust_xlsxwriter::{Format, Formula, Workbook, Worksheet, XlsxError};

impl Results {
    /// The results and `model`, the model they are the results of, with live formulas, as the bytes of an `.xlsx` file (feature
    /// `xlsx`).
    ///
    /// The results are written as sheets (`effects`, `initiatives`, `themes`, `sectors`,
    /// `gaps`, `audit`) and the model behind them: the `parameters` and `norms` sheets hold each
    /// value in a cell with a defined name (`p_region.population`, `p_<initiative>.<name>`,
    /// `n_<norms>.hours`, `n_<norms>.factor`), and the `model` sheet computes every effect with a
    /// live Excel formula over those names, so that an analyst who changes a parameter sees the
    /// figures change as this crate would compute them.
    ///
    /// Every figure is a number cell, for Excel to compute with, followed by the same figure as
    /// text with all its digits (`persons (exact)`): Excel's binary numbers hold about 15
    /// significant digits, the crate's decimals 28. Excel computes the model sheet in binary too, so
    /// its figures agree with the crate's to about 15 significant digits.
    ///
    /// ```
    /// let model = workforce_gap::Model::limburg()?;
    /// let results = model.evaluate()?;
    /// let bytes = results.to_xlsx(&model)?;
    /// assert!(bytes.starts_with(b"PK")); // a zip archive, as every .xlsx is
    /// # Ok::<(), workforce_gap::Error>(())
    /// ```
    pub fn to_xlsx(&self, model: &Model) -> Result<Vec<u8>, Error> {
        build(model, self).map_err(write_error)
    }
}

impl Model {
    /// A workbook for a new region: a sheet per table with its header and an example row (three
    /// parameters for the example's formula; for monitoring, a realised value of one of them and
    /// a sector's shortfall), which reads as a model: replace the examples with the region's rows.
    pub fn xlsx_template() -> Result<Vec<u8>, Error> {
        let mut workbook = Workbook::new();
        let bold = Format::new().set_bold();
        for (name, header, examples) in TEMPLATE {
            let sheet = workbook.add_worksheet();
            sheet.set_name(*name).map_err(write_error)?;
            for (column, title) in (0u16..).zip(header.iter()) {
                sheet
                    .write_string_with_format(0, column, *title, &bold)
                    .map_err(write_error)?;
                sheet
                    .set_column_width(column, 12.max(title.len()) as f64 + 2.0)
                    .map_err(write_error)?;
            }
            for (row, example) in (1u32..).zip(examples.iter()) {
                for (column, value) in (0u16..).zip(example.iter()) {
                    // Numbers as number cells, as an analyst types them.
                    match value.parse::<f64>() {
                        Ok(number) => sheet.write_number(row, column, number),
                        Err(_) => sheet.write_string(row, column, *value),
                    }
                    .map_err(write_error)?;
                }
            }
        }
        workbook.save_to_buffer().map_err(write_error)
    }
}

/// The template's sheets: name, header and example rows. The example is one initiative whose
/// effect saves consult hours: population × visits saved per inhabitant × minutes per visit / 60;
/// its realised row is in the shortage's year, when the plan expects the full effect.
/// A sheet of the template: its name, header and example rows.
type TemplateSheet = (
    &'static str,
    &'static [&'static str],
    &'static [&'static [&'static str]],
);

const TEMPLATE: &[TemplateSheet] = &[
    (
        "region",
        &["key", "value", "source"],
        &[&["name", "New region", "the regioplan"]],
    ),
    (
        "norms",
        &[
            "norms",
            "working_hours_per_year",
            "part_time_factor",
            "source",
        ],
        &[&[
            "default",
            "1600",
            "0.7",
            "the sector's collective agreement",
        ]],
    ),
    (
        "shortage",
        &["year", "scenario", "value", "unit", "source"],
        &[&[
            "2032",
            "base",
            "500",
            "persons",
            "the regional labour market forecast",
        ]],
    ),
    ("themes", &["id", "name"], &[&["prevention", "Prevention"]]),
    ("sectors", &["id", "name"], &[&["gp", "GP care"]]),
    (
        "parameters",
        &[
            "scope",
            "name",
            "value",
            "unit",
            "label",
            "source",
            "assumption",
        ],
        &[
            &[
                "region",
                "population",
                "100000",
                "persons",
                "inhabitants",
                "the municipalities",
                "no",
            ],
            &[
                "example",
                "visits_saved",
                "0.2",
                "visits",
                "visits saved per inhabitant",
                "an assumption",
                "yes",
            ],
            &[
                "example",
                "minutes",
                "10",
                "minutes",
                "minutes per visit",
                "the GP group",
                "no",
            ],
        ],
    ),
    (
        "ranges",
        &["scope", "name", "low", "high", "distribution", "source"],
        &[&[
            "example",
            "visits_saved",
            "0.1",
            "0.3",
            "uniform",
            "an assumption",
        ]],
    ),
    (
        "initiatives",
        &[
            "id",
            "name",
            "submitted_by",
            "status",
            "themes",
            "published",
            "seed_line",
            "note",
            "start_year",
            "full_year",
            "growth",
        ],
        &[&[
            "example",
            "An example initiative",
            "the GP group",
            "running",
            "prevention",
            "",
            "",
            "replace this row with the region's initiatives",
            "",
            "",
            "",
        ]],
    ),
    (
        "effects",
        &[
            "initiative",
            "effect",
            "sector",
            "unit",
            "norms",
            "formula",
            "reading",
        ],
        &[&[
            "example",
            "consults",
            "gp",
            "hours",
            "default",
            "population * visits_saved * minutes / 60",
            "visits saved, each of so many minutes",
        ]],
    ),
    (
        "scenarios",
        &["scenario", "setting", "target", "value"],
        &[&["running only", "count", "", "running"]],
    ),
    (
        "realised",
        &["period", "scope", "name", "value", "source"],
        &[&[
            "2032",
            "example",
            "visits_saved",
            "0.15",
            "an example: replace with the region's measurements",
        ]],
    ),
    (
        "staff",
        &["period", "sector", "short", "source"],
        &[&[
            "2032",
            "gp",
            "450",
            "an example: replace with the region's measurements",
        ]],
    ),
];

/// The workbook writer's error: its I/O error as it was, anything else wrapped in one.
fn write_error(error: XlsxError) -> Error {
    let source = match error {
        XlsxError::IoError(source) => source,
        other => std::io::Error::other(other.to_string()),
    };
    Error::Write { source }
}

fn build(model: &Model, results: &Results) -> Result<Vec<u8>, XlsxError> {
    let mut workbook = Workbook::new();
    let names = Names::of(model);
    let sheets = [
        effects_sheet(results)?,
        initiatives_sheet(results)?,
        groups_sheet("themes", &results.themes)?,
        groups_sheet("sectors", &results.sectors)?,
        gaps_sheet(results)?,
        audit_sheet(results)?,
        model_sheet(model, results, &names)?,
        parameters_sheet(model)?,
        norms_sheet(model)?,
    ];
    for sheet in sheets {
        workbook.push_worksheet(sheet);
    }
    for (name, cell) in names.parameters.iter().chain(&names.norms) {
        workbook.define_name(name, cell)?;
    }
    workbook.save_to_buffer()
}

/// The defined names of the parameters' and norms' cells, with the cells they name.
struct Names {
    /// Per parameter, in the model's order: its name and `=parameters!$C$<row>`.
    parameters: Vec<(String, String)>,
    /// Per norms, in the model's order: the working hours' and the part-time factor's.
    norms: Vec<(String, String)>,
}

impl Names {
    fn of(model: &Model) -> Names {
        let mut taken = FastSet::default();
        let parameters = (model.parameters.iter().enumerate())
            .map(|(index, parameter)| {
                let scope = match &parameter.scope {
                    Scope::Region => "region",
                    Scope::Initiative(id) => id.as_str(),
                };
                let name = unique(&mut taken, format!("p_{scope}.{}", parameter.name));
                (name, format!("=parameters!$C${}", index + 2))
            })
            .collect();
        let mut norms = Vec::new();
        for (index, norm) in model.norms.iter().enumerate() {
            let row = index + 2;
            let hours = unique(&mut taken, format!("n_{}.hours", norm.id));
            norms.push((hours, format!("=norms!$B${row}")));
            let factor = unique(&mut taken, format!("n_{}.factor", norm.id));
            norms.push((factor, format!("=norms!$C${row}")));
        }
        Names { parameters, norms }
    }

    /// The defined name of the parameter `name` an effect of `initiative` reads (its own, else
    /// the region's).
    fn parameter(&self, model: &Model, initiative: &str, name: &str) -> Option<&str> {
        let parameter = model.lookup(initiative, name)?;
        let index = (model.parameters.iter()).position(|p| std::ptr::eq(p, parameter))?;
        Some(self.parameters[index].0.as_str())
    }

    /// The defined names of a norms' working hours and part-time factor.
    fn norms(&self, model: &Model, id: &str) -> Option<(&str, &str)> {
        let index = model.norms.iter().position(|n| n.id == id)?;
        let pair = self.norms.get(2 * index..2 * index + 2)?;
        Some((pair[0].0.as_str(), pair[1].0.as_str()))
    }
}

/// `name` as an Excel defined name: letters, digits, `_` and `.` only (others become `_`), and
/// unlike every other name so far, ignoring case as Excel does (a suffix `_2`, `_3` if needed).
/// The prefix (`p_`, `n_`) keeps it from reading as a cell reference such as `A1` or `R1C1`.
fn unique(taken: &mut FastSet<String>, name: String) -> String {
    let clean: String = name
        .chars()
        .map(|c| match c {
            'a'..='z' | 'A'..='Z' | '0'..='9' | '_' | '.' => c,
            _ => '_',
        })
        .take(240) // Excel's limit is 255 characters
        .collect();
    let mut candidate = clean.clone();
    let mut count = 1;
    while !taken.insert(candidate.to_lowercase()) {
        count += 1;
        candidate = format!("{clean}_{count}");
    }
    candidate
}

/// A formula as Excel writes it, each parameter by its defined name: the crate's own way of
/// writing it (the same parentheses), so that Excel computes the same tree. `None` when a name
/// has no parameter.
pub(crate) fn excel_formula(expr: &Expr, name: &impl Fn(&str) -> Option<String>) -> Option<String> {
    Some(match expr {
        Expr::Number {
            value,
            percent: true,
        } => match value.checked_mul(Decimal::ONE_HUNDRED) {
            Some(hundred) => format!("{}%", hundred.normalize()),
            None => value.normalize().to_string(),
        },
        Expr::Number { value, .. } => value.normalize().to_string(),
        Expr::Name(parameter) => name(parameter)?,
        Expr::Neg(inner) => match **inner {
            Expr::Binary(..) | Expr::Neg(_) => format!("-({})", excel_formula(inner, name)?),
            _ => format!("-{}", excel_formula(inner, name)?),
        },
        Expr::Binary(op, a, b) => {
            let operand = |child: &Expr, right: bool| -> Option<String> {
                let text = excel_formula(child, name)?;
                let parens = match child {
                    Expr::Binary(inner, ..) => {
                        precedence(*inner) < precedence(*op)
                            || (right && precedence(*inner) == precedence(*op))
                    }
                    _ => false,
                };
                Some(if parens { format!("({text})") } else { text })
            };
            let symbol = match op {
                Op::Add => '+',
                Op::Sub => '-',
                Op::Mul => '*',
                Op::Div => '/',
            };
            format!("{} {symbol} {}", operand(a, false)?, operand(b, true)?)
        }
    })
}

fn precedence(op: Op) -> u8 {
    match op {
        Op::Add | Op::Sub => 1,
        Op::Mul | Op::Div => 2,
    }
}

/// A sheet with a bold header row and its columns wide enough to read.
fn sheet(name: &str, header: &[&str]) -> Result<Worksheet, XlsxError> {
    let mut sheet = Worksheet::new();
    sheet.set_name(name)?;
    let bold = Format::new().set_bold();
    for (column, title) in (0u16..).zip(header) {
        sheet.write_string_with_format(0, column, *title, &bold)?;
        sheet.set_column_width(column, 12.max(title.len()) as f64 + 2.0)?;
    }
    sheet.set_freeze_panes(1, 0)?;
    Ok(sheet)
}

/// Writes a figure as a number cell and, in the next column, as its exact decimal text; both
/// empty for no figure.
fn figure(
    sheet: &mut Worksheet,
    row: u32,
    column: u16,
    value: Option<Decimal>,
) -> Result<(), XlsxError> {
    if let Some(value) = value {
        sheet.write_number(row, column, number(value))?;
        sheet.write_string(row, column + 1, value.normalize().to_string())?;
    }
    Ok(())
}

/// The binary number nearest a decimal (Rust's parsing rounds correctly).
fn number(value: Decimal) -> f64 {
    value.normalize().to_string().parse().unwrap_or(f64::NAN)
}

/// `title` and `title (exact)`.
fn pair(title: &str) -> [String; 2] {
    [title.to_string(), format!("{title} (exact)")]
}

/// A header of plain titles and figure pairs.
fn header(plain: &[&str], figures: &[&str]) -> Vec<String> {
    let mut all: Vec<String> = plain.iter().map(|t| t.to_string()).collect();
    all.extend(figures.iter().flat_map(|t| pair(t)));
    all
}

fn sheet_with(name: &str, plain: &[&str], figures: &[&str]) -> Result<Worksheet, XlsxError> {
    let titles = header(plain, figures);
    let titles: Vec<&str> = titles.iter().map(String::as_str).collect();
    sheet(name, &titles)
}

fn row(index: usize) -> u32 {
    u32::try_from(index + 1).unwrap_or(u32::MAX)
}

fn effects_sheet(results: &Results) -> Result<Worksheet, XlsxError> {
    let plain = ["initiative", "effect", "sector", "unit"];
    let mut sheet = sheet_with("effects", &plain, &["value", "fte", "persons"])?;
    for (index, effect) in results.effects.iter().enumerate() {
        let row = row(index);
        sheet.write_string(row, 0, effect.initiative.as_str())?;
        sheet.write_string(row, 1, effect.effect.as_str())?;
        sheet.write_string(row, 2, effect.sector.as_str())?;
        sheet.write_string(row, 3, unit(effect.unit))?;
        figure(&mut sheet, row, 4, effect.value)?;
        figure(&mut sheet, row, 6, effect.fte.map(|f| f.value()))?;
        figure(&mut sheet, row, 8, effect.persons.map(|p| p.value()))?;
    }
    Ok(sheet)
}

fn unit(unit: EffectUnit) -> &'static str {
    match unit {
        EffectUnit::Hours => "hours",
        EffectUnit::Fte => "fte",
        EffectUnit::Persons => "persons",
    }
}

fn initiatives_sheet(results: &Results) -> Result<Worksheet, XlsxError> {
    let plain = ["id", "name", "submitted_by", "counts", "figure"];
    let mut sheet = sheet_with("initiatives", &plain, &["fte", "persons"])?;
    for (index, initiative) in results.initiatives.iter().enumerate() {
        let row = row(index);
        sheet.write_string(row, 0, initiative.id.as_str())?;
        sheet.write_string(row, 1, initiative.name.as_str())?;
        sheet.write_string(row, 2, initiative.submitted_by.as_str())?;
        sheet.write_string(row, 3, if initiative.counted { "yes" } else { "no" })?;
        let state = match &initiative.figure {
            Figure::Quantified { .. } => "quantified".to_string(),
            Figure::NotQuantified => "not quantified: no effects".to_string(),
            Figure::Pending { needs } => format!("pending: needs {}", needs.join(", ")),
        };
        sheet.write_string(row, 4, state)?;
        figure(
            &mut sheet,
            row,
            5,
            initiative.figure.fte().map(|f| f.value()),
        )?;
        figure(&mut sheet, row, 7, initiative.persons().map(|p| p.value()))?;
    }
    let total = row(results.initiatives.len());
    sheet.write_string(total, 0, "total")?;
    sheet.write_string(total, 1, results.region.as_str())?;
    let quantified = results.initiatives.iter().any(|i| i.counts_quantified());
    figure(
        &mut sheet,
        total,
        7,
        quantified.then(|| results.total.value()),
    )?;
    Ok(sheet)
}

fn groups_sheet(
    name: &str,
    groups: &[crate::evaluate::GroupResult],
) -> Result<Worksheet, XlsxError> {
    let mut sheet = sheet_with(name, &["id", "name"], &["persons", "freed", "needed"])?;
    for (index, group) in groups.iter().enumerate() {
        let row = row(index);
        sheet.write_string(row, 0, group.id.as_str())?;
        sheet.write_string(row, 1, group.name.as_str())?;
        // A group without a quantified initiative has no figure, not zero.
        let quantified = group.is_quantified();
        figure(
            &mut sheet,
            row,
            2,
            quantified.then(|| group.persons.value()),
        )?;
        figure(&mut sheet, row, 4, quantified.then(|| group.freed.value()))?;
        figure(&mut sheet, row, 6, quantified.then(|| group.needed.value()))?;
    }
    Ok(sheet)
}

fn gaps_sheet(results: &Results) -> Result<Worksheet, XlsxError> {
    let figures = ["shortage", "freed", "covered", "remaining", "surplus"];
    let mut sheet = sheet_with("gaps", &["year", "scenario", "note"], &figures)?;
    for (index, gap) in results.gaps.iter().enumerate() {
        let row = row(index);
        sheet.write_number(row, 0, f64::from(gap.year))?;
        sheet.write_string(row, 1, gap.scenario.as_str())?;
        figure(&mut sheet, row, 3, Some(gap.shortage.value()))?;
        figure(&mut sheet, row, 5, Some(gap.freed.value()))?;
        figure(&mut sheet, row, 7, Some(gap.covered.value()))?;
        let (remaining, surplus) = match gap.balance() {
            Balance::Remaining(p) => (Some(p.value()), None),
            Balance::Surplus(p) => (None, Some(p.value())),
        };
        figure(&mut sheet, row, 9, remaining)?;
        figure(&mut sheet, row, 11, surplus)?;
    }
    for (index, not) in results.uncompared.iter().enumerate() {
        let row = row(results.gaps.len() + index);
        sheet.write_number(row, 0, f64::from(not.year))?;
        sheet.write_string(row, 1, not.scenario.as_str())?;
        sheet.write_string(row, 2, format!("not compared: {}", not.reason))?;
    }
    Ok(sheet)
}

fn audit_sheet(results: &Results) -> Result<Worksheet, XlsxError> {
    let plain = [
        "id",
        "name",
        "published",
        "rounded",
        "verdict",
        "difference",
    ];
    let mut sheet = sheet(
        "audit",
        &[plain.as_slice(), &["persons", "persons (exact)"]].concat(),
    )?;
    for (index, initiative) in results.initiatives.iter().enumerate() {
        let row = row(index);
        sheet.write_string(row, 0, initiative.id.as_str())?;
        sheet.write_string(row, 1, initiative.name.as_str())?;
        if let Some(published) = initiative.published {
            sheet.write_string(row, 2, published.to_string())?; // as printed: a range, a %
        }
        if let Some(rounded) = initiative.rounded {
            sheet.write_number(row, 3, number(rounded))?;
        }
        let (verdict, difference) = match (&initiative.figure, initiative.verdict) {
            (Figure::Pending { .. }, _) => ("pending", None),
            (_, Verdict::NotQuantified) => ("not quantified", None),
            (_, Verdict::Agrees) => ("agrees", None),
            (_, Verdict::Differs { difference }) => ("differs", Some(difference)),
            (_, Verdict::Unpublished) => ("unpublished", None),
        };
        sheet.write_string(row, 4, verdict)?;
        if let Some(difference) = difference {
            sheet.write_number(row, 5, number(difference))?;
        }
        figure(&mut sheet, row, 6, initiative.persons().map(|p| p.value()))?;
    }
    Ok(sheet)
}

/// The columns of the model sheet; `value`, `fte` and `persons` are live formulas.
const MODEL_COLUMNS: [&str; 11] = [
    "initiative",
    "effect",
    "sector",
    "unit",
    "norms",
    "formula",
    "value",
    "fte",
    "persons",
    "persons (crate)",
    "persons (crate, exact)",
];

fn model_sheet(model: &Model, results: &Results, names: &Names) -> Result<Worksheet, XlsxError> {
    let mut sheet = sheet("model", &MODEL_COLUMNS)?;
    sheet.set_column_width(5, 50)?;
    sheet.set_column_width(6, 14)?;
    let effects = model
        .initiatives
        .iter()
        .flat_map(|i| i.effects.iter().map(move |e| (i, e)));
    for (index, ((initiative, effect), result)) in effects.zip(&results.effects).enumerate() {
        let row = row(index);
        let excel_row = row + 1;
        sheet.write_string(row, 0, initiative.id.as_str())?;
        sheet.write_string(row, 1, effect.id.as_str())?;
        sheet.write_string(row, 2, effect.sector.as_str())?;
        sheet.write_string(row, 3, unit(effect.unit))?;
        sheet.write_string(row, 4, effect.norms.as_str())?;
        sheet.write_string(row, 5, effect.formula.to_string())?;
        let name = |parameter: &str| {
            (names.parameter(model, &initiative.id, parameter)).map(str::to_string)
        };
        let live = excel_formula(&effect.formula, &name);
        let norms = names.norms(model, &effect.norms);
        if let (Some(live), Some((hours, factor))) = (live, norms) {
            let (fte, persons) = match effect.unit {
                EffectUnit::Hours => (
                    format!("G{excel_row} / {hours}"),
                    format!("H{excel_row} / {factor}"),
                ),
                EffectUnit::Fte => (format!("G{excel_row}"), format!("G{excel_row} / {factor}")),
                EffectUnit::Persons => {
                    (format!("G{excel_row} * {factor}"), format!("G{excel_row}"))
                }
            };
            let cells = [
                (6, live, result.value),
                (7, fte, result.fte.map(|f| f.value())),
                (8, persons, result.persons.map(|p| p.value())),
            ];
            for (column, text, value) in cells {
                let mut formula = Formula::new(format!("={text}"));
                if let Some(value) = value {
                    // What Excel shows before it recalculates: the crate's figure.
                    formula = formula.set_result(number(value).to_string());
                }
                sheet.write_formula(row, column, formula)?;
            }
        }
        figure(&mut sheet, row, 9, result.persons.map(|p| p.value()))?;
    }
    Ok(sheet)
}

fn parameters_sheet(model: &Model) -> Result<Worksheet, XlsxError> {
    let header = [
        "scope",
        "name",
        "value",
        "unit",
        "label",
        "source",
        "assumption",
    ];
    let mut sheet = sheet("parameters", &header)?;
    for (index, parameter) in model.parameters.iter().enumerate() {
        write_parameter(&mut sheet, row(index), parameter)?;
    }
    Ok(sheet)
}

fn write_parameter(sheet: &mut Worksheet, row: u32, p: &Parameter) -> Result<(), XlsxError> {
    let scope = match &p.scope {
        Scope::Region => "region",
        Scope::Initiative(id) => id.as_str(),
    };
    sheet.write_string(row, 0, scope)?;
    sheet.write_string(row, 1, p.name.as_str())?;
    if p.pending {
        sheet.write_string(row, 2, "pending")?;
    } else {
        sheet.write_number(row, 2, number(p.value))?;
    }
    sheet.write_string(row, 3, p.unit.as_str())?;
    sheet.write_string(row, 4, p.label.as_str())?;
    sheet.write_string(row, 5, p.source.as_str())?;
    sheet.write_string(row, 6, if p.assumption { "yes" } else { "no" })?;
    Ok(())
}

fn norms_sheet(model: &Model) -> Result<Worksheet, XlsxError> {
    let header = [
        "norms",
        "working_hours_per_year",
        "part_time_factor",
        "source",
    ];
    let mut sheet = sheet("norms", &header)?;
    for (index, norms) in model.norms.iter().enumerate() {
        let row = row(index);
        sheet.write_string(row, 0, norms.id.as_str())?;
        if norms.pending {
            sheet.write_string(row, 1, "pending")?;
            sheet.write_string(row, 2, "pending")?;
        } else {
            sheet.write_number(row, 1, number(norms.working_hours.value()))?;
            sheet.write_number(row, 2, number(norms.part_time_factor.value()))?;
        }
        sheet.write_string(row, 3, norms.source.as_str())?;
    }
    Ok(sheet)
}
