//! The report's charts and HTML, parsed as XML: the content that matters is checked against the
//! computed results, not against what the report printed before.
#![cfg(feature = "report")]

use roxmltree::{Document, Node, ParsingOptions};
use rust_decimal::Decimal;
use workforce_gap::Loader;
use workforce_gap::Scenario;
use workforce_gap::{Language, Model, Report};

fn parse(xml: &str) -> Document<'_> {
    Document::parse_with_options(
        xml,
        ParsingOptions {
            allow_dtd: true,
            ..ParsingOptions::default()
        },
    )
    .unwrap_or_else(|e| panic!("not well-formed XML: {e}"))
}

fn value(node: &Node) -> Decimal {
    node.attribute("data-value").unwrap().parse().unwrap()
}

fn bars<'a>(doc: &'a Document, class: &str) -> Vec<Node<'a, 'a>> {
    doc.descendants()
        .filter(|n| n.has_tag_name("rect") && n.attribute("class") == Some(class))
        .collect()
}

fn texts(doc: &Document) -> Vec<String> {
    doc.descendants()
        .filter(|n| n.has_tag_name("text"))
        .filter_map(|n| n.text())
        .map(str::to_string)
        .collect()
}

#[test]
fn the_waterfall_has_one_bar_per_theme_with_its_value() {
    let model = Model::limburg().unwrap();
    let report = Report::new(&model, Language::Dutch).unwrap();
    let results = report.results();
    let svg = report.waterfall();
    let doc = parse(&svg);
    let themes = bars(&doc, "bar theme");
    assert_eq!(themes.len(), results.themes.len());
    for (bar, theme) in themes.iter().zip(&results.themes) {
        assert_eq!(bar.attribute("data-id"), Some(theme.id.as_str()));
        assert_eq!(value(bar), theme.persons.value());
    }
    let gap = results
        .gaps
        .iter()
        .find(|g| g.year == 2032 && g.scenario == Scenario::BASE_SHORTAGE)
        .unwrap();
    assert_eq!(value(&bars(&doc, "bar shortage")[0]), gap.shortage.value());
    assert_eq!(
        value(&bars(&doc, "bar remaining")[0]),
        gap.remaining.value()
    );
    let worse = doc
        .descendants()
        .find(|n| n.attribute("class") == Some("worse"))
        .unwrap();
    assert_eq!(value(&worse), Decimal::from(6700));
    // Labelled in Dutch, with Dutch thousands separators.
    let labels = texts(&doc);
    for expected in [
        "4.500",
        "2.867",
        "−1.079",
        "Gezond vooruit",
        "Tekort 2032",
        "Tekort, slechter scenario: 6.700",
    ] {
        assert!(
            labels.iter().any(|t| t == expected),
            "no label {expected:?} in {labels:?}"
        );
    }
    // A whisker shows the bounds of the gap.
    let range = doc
        .descendants()
        .find(|n| n.attribute("class") == Some("range remaining"))
        .unwrap();
    let low: Decimal = range.attribute("data-low").unwrap().parse().unwrap();
    assert!(low <= gap.remaining.value());
}

#[test]
fn the_sector_chart_shows_freed_and_needed_staff() {
    let model = Model::limburg().unwrap();
    let report = Report::new(&model, Language::English).unwrap();
    let results = report.results();
    let svg = report.sectors();
    let doc = parse(&svg);
    let freed = bars(&doc, "bar freed");
    assert_eq!(freed.len(), results.sectors.len());
    for (bar, sector) in freed.iter().zip(&results.sectors) {
        assert_eq!(value(bar), sector.freed.value());
    }
    let needed = bars(&doc, "bar needed");
    let with_needs: Vec<_> = results
        .sectors
        .iter()
        .filter(|s| !s.needed.value().is_zero())
        .collect();
    assert_eq!(needed.len(), with_needs.len());
    for (bar, sector) in needed.iter().zip(with_needs) {
        assert_eq!(value(bar), sector.needed.value());
    }
    // English numbers: the social domain needs 67 persons ("−67").
    assert!(texts(&doc).iter().any(|t| t == "−67"));
}

#[test]
fn the_tornado_and_timeline_charts_carry_their_figures() {
    let model = Model::limburg().unwrap();
    let report = Report::new(&model, Language::Dutch).unwrap();
    let swings = model.tornado().unwrap();
    let svg = report.tornado();
    let doc = parse(&svg);
    let bars_drawn = bars(&doc, "bar swing");
    assert_eq!(bars_drawn.len(), 10.min(swings.len()));
    for (bar, swing) in bars_drawn.iter().zip(&swings) {
        assert_eq!(value(bar), swing.swing);
    }
    let svg = report.timeline();
    let doc = parse(&svg);
    let years = bars(&doc, "bar freed");
    assert_eq!(years.len(), 10);
    assert_eq!(value(&years[9]), report.results().total.value());
    assert!(
        doc.descendants()
            .any(|n| n.attribute("class") == Some("line worse"))
    );
}

#[test]
fn the_html_report_is_self_contained_and_complete() {
    let model = Model::limburg().unwrap();
    let report = Report::new(&model, Language::Dutch).unwrap();
    let html = report.html();
    let doc = parse(&html);
    assert_eq!(doc.root_element().attribute("lang"), Some("nl"));
    // Nothing fetched from anywhere, no scripts.
    assert!(
        !doc.descendants()
            .any(|n| n.has_tag_name("script") || n.has_tag_name("img") || n.has_tag_name("link"))
    );
    assert!(
        !html.contains("http://")
            || html
                .matches("http://")
                .all(|_| html.contains("xmlns=\"http://www.w3.org/2000/svg\""))
    );
    // Four charts, and monitoring: Limburg has a (demonstration) realised.csv.
    assert_eq!(
        doc.descendants().filter(|n| n.has_tag_name("svg")).count(),
        5
    );
    // The audit lists every initiative, the differing ones marked.
    let audit: Vec<Node> = table(&doc, "audit")
        .children()
        .filter(|n| n.has_tag_name("tr") && n.attribute("data-id").is_some())
        .collect();
    assert_eq!(audit.len(), report.results().initiatives.len());
    let differing: Vec<&str> = audit
        .iter()
        .filter(|n| n.attribute("class") == Some("differs"))
        .filter_map(|n| n.attribute("data-id"))
        .collect();
    let expected: Vec<&str> = report
        .results()
        .disagreements()
        .filter(|i| i.counted)
        .map(|i| i.id.as_str())
        .collect();
    assert_eq!(differing, expected);
    // Every parameter's source is listed.
    let sources = doc
        .descendants()
        .find(|n| n.has_tag_name("table") && n.attribute("class") == Some("sources"))
        .unwrap();
    assert_eq!(
        sources.children().filter(|n| n.has_tag_name("tr")).count(),
        model.parameters.len() + 1
    );
    // The headline states the figures.
    let text: String = doc.descendants().filter_map(|n| n.text()).collect();
    assert!(
        text.contains(
            "De initiatieven spelen 1.633 personen vrij: 36,3% van het tekort van 4.500 in 2032."
        ),
        "{text}"
    );
}

#[test]
fn the_markdown_has_the_tables() {
    let model = Model::limburg().unwrap();
    let report = Report::new(&model, Language::English).unwrap();
    let markdown = report.markdown();
    assert!(markdown.contains("| Theme | persons | Bounds |"));
    assert!(
        markdown.contains("| Sociale benadering dementie | 867 | 866 | 867 | differs (+1) |"),
        "{markdown}"
    );
    assert!(markdown.contains("| 2032 | 4,500 | 1,633 | 2,867 |"));
}

/// The tiny fixture region (see tests/fixtures/tiny), read from a copy without the files named
/// in `without`.
fn tiny_without(without: &[&str]) -> workforce_gap::Model {
    let source = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/tiny");
    // One folder per call: tests run in parallel.
    static CALLS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let call = CALLS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let copy = std::env::temp_dir().join(format!(
        "workforce-gap-report-tiny-{}-{call}",
        std::process::id()
    ));
    std::fs::create_dir_all(&copy).unwrap();
    for entry in std::fs::read_dir(&source).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_str().unwrap().to_string();
        if !without.contains(&name.as_str()) {
            std::fs::copy(&path, copy.join(name)).unwrap();
        }
    }
    let model = Loader::new()
        .load_dir(&copy)
        .map(|loaded| loaded.model)
        .unwrap();
    std::fs::remove_dir_all(&copy).unwrap();
    model
}

/// True for a number written the Dutch way: an optional minus, digits grouped in threes by dots,
/// an optional decimal comma with digits, an optional percent sign (17.923.412; 7,5%; 0,125).
fn dutch_number(text: &str) -> bool {
    let text = text.strip_suffix('%').unwrap_or(text);
    let text = text.strip_prefix('-').unwrap_or(text);
    let (whole, fraction) = text.split_once(',').unwrap_or((text, "0"));
    let groups: Vec<&str> = whole.split('.').collect();
    let digits = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_digit());
    digits(fraction)
        && groups.iter().all(|g| digits(g))
        && groups[0].len() <= 3
        && groups[1..].iter().all(|g| g.len() == 3)
}

/// All text of a node and its descendants, in document order.
fn all_text(node: Node) -> String {
    node.descendants()
        .filter(|n| n.is_text())
        .filter_map(|n| n.text())
        .collect()
}

fn table<'a>(doc: &'a Document, class: &str) -> Node<'a, 'a> {
    doc.descendants()
        .find(|n| n.has_tag_name("table") && n.attribute("class") == Some(class))
        .unwrap_or_else(|| panic!("no table {class}"))
}

/// The cells of each data row of the table of this class, as text.
fn rows_of(doc: &Document, class: &str) -> Vec<Vec<String>> {
    rows(table(doc, class))
}

/// The cells of each data row of a table, as text.
fn rows(table: Node) -> Vec<Vec<String>> {
    table
        .children()
        .filter(|r| r.has_tag_name("tr") && r.children().any(|c| c.has_tag_name("td")))
        .map(|r| {
            r.children()
                .filter(|c| c.has_tag_name("td"))
                .map(all_text)
                .collect()
        })
        .collect()
}

#[test]
fn the_dutch_report_is_dutch_in_words_and_numbers() {
    let model = Model::limburg().unwrap();
    let html = Report::new(&model, Language::Dutch).unwrap().html();
    let doc = parse(&html);
    // The library's own scenario names in Dutch: the model as published, the base shortage.
    let scenarios = rows(table(&doc, "scenarios"));
    assert_eq!(scenarios[0][0], "zoals gepubliceerd");
    assert_eq!(scenarios[0][3], "4.500 (2032, basis)");
    let text = all_text(doc.root());
    assert!(!text.contains("as published") && !text.contains(" base)"));
    // Parameter values written out with Dutch numbers, shares as percentages, units in Dutch.
    let sources = rows(table(&doc, "sources"));
    let row = |id: &str| {
        sources
            .iter()
            .find(|r| r[0] == id)
            .unwrap_or_else(|| panic!("no parameter {id}"))
    };
    // parameters.csv: region,inhabitants_nl,17923412,persons
    assert_eq!(
        row("region.inhabitants_nl")[1..3],
        ["17.923.412", "personen"]
    );
    // parameters.csv: metggz-vigo-platform,bggz_share,7.5%,share; ranges.csv: 3.75% to 11.25%
    let bggz = row("metggz-vigo-platform.bggz_share");
    assert_eq!(bggz[1..3], ["7,5%", "aandeel"]);
    assert_eq!(bggz[6], "3,75% – 11,25%");
    for row in &sources {
        assert!(!["share", "persons"].contains(&row[2].as_str()), "{row:?}");
        assert!(dutch_number(&row[1]), "{row:?}");
    }
    // Findings: Dutch sentences, located as the library locates them.
    let findings: Vec<String> = doc
        .descendants()
        .filter(|n| n.has_tag_name("li"))
        .map(all_text)
        .collect();
    assert!(
        findings.contains(
            &"waarschuwing: initiatives.csv regel 24, kolom „id”: „ziekenhuisverplaatste-zorg” heeft dezelfde invoer en uitkomsten als een ander initiatief: is het dubbel geteld?"
                .to_string()
        ),
        "{findings:#?}"
    );
    assert!(
        findings
            .iter()
            .all(|f| !f.contains(" line ") && !f.starts_with("warning") && !f.starts_with("info"))
    );
}

#[test]
fn the_english_report_stays_english() {
    let model = Model::limburg().unwrap();
    let html = Report::new(&model, Language::English).unwrap().html();
    let doc = parse(&html);
    let scenarios = rows(table(&doc, "scenarios"));
    assert_eq!(scenarios[0][0], "as published");
    assert_eq!(scenarios[0][3], "4,500 (2032, base)");
    let sources = rows(table(&doc, "sources"));
    let bggz = sources
        .iter()
        .find(|r| r[0] == "metggz-vigo-platform.bggz_share")
        .unwrap();
    assert_eq!(bggz[1..3], ["7.5%", "share"]);
    assert!(all_text(doc.root()).contains(
        "warning: initiatives.csv line 24, column \"id\": \"ziekenhuisverplaatste-zorg\" has the same inputs"
    ));
}

#[test]
fn the_ranges_note_says_what_the_data_say_and_nothing_without_ranges() {
    let note = |doc: &Document| {
        doc.descendants()
            .find(|n| n.attribute("class") == Some("note ranges"))
            .map(all_text)
    };
    // Limburg: ranges.csv gives every assumption an illustrative range, and Appendix F one
    // printed range; the note counts the ranges of each source as ranges.csv has them.
    let model = Model::limburg().unwrap();
    let ranges: Vec<&str> = model
        .parameters
        .iter()
        .filter_map(|p| Some(p.range.as_ref()?.source.as_str()))
        .collect();
    let illustrative = ranges
        .iter()
        .filter(|s| s.starts_with("illustrative"))
        .count();
    let html = Report::new(&model, Language::Dutch).unwrap().html();
    let said = note(&parse(&html)).expect("a note on the ranges");
    let lead = format!(
        "{} parameters hebben een bereik (ranges.csv).",
        ranges.len()
    );
    assert!(said.starts_with(&lead), "{said}");
    assert!(said.contains("“Appendix F prints a range” (1×)"), "{said}");
    let illustrative = format!("a share at most 100%” ({illustrative}×)");
    assert!(said.contains(&illustrative), "{said}");
    assert!(!html.contains("anderhalf keer"));
    // The tiny region's two ranges, each with its own source.
    let html = Report::new(&tiny_without(&[]), Language::English)
        .unwrap()
        .html();
    let said = note(&parse(&html)).unwrap();
    assert!(said.contains("“between one and three days” (1×)"), "{said}");
    // Without ranges.csv nothing is said about ranges.
    let model = tiny_without(&["ranges.csv"]);
    for language in [Language::Dutch, Language::English] {
        let report = Report::new(&model, language).unwrap();
        assert_eq!(note(&parse(&report.html())), None);
        assert!(!report.markdown().contains("ranges.csv"));
    }
}

#[test]
fn tornado_bars_carry_the_parameters_labels_and_their_low_and_high_ends() {
    let model = Model::limburg().unwrap();
    let report = Report::new(&model, Language::Dutch).unwrap();
    let swings = model.tornado().unwrap();
    let svg = report.tornado();
    let doc = parse(&svg);
    let labels = |id: &str| -> Vec<&str> {
        doc.descendants()
            .filter(|n| n.attribute("class") == Some("label") && n.attribute("data-id") == Some(id))
            .filter_map(|n| n.text())
            .collect()
    };
    // parameters.csv "1% van deze uitstroom wordt voorkomen (aanname)", with the range 0.5% to
    // 1.5% of ranges.csv.
    let first = "behoud-en-doorstroom-zorgprofessionals.outflow_prevented";
    assert_eq!(
        labels(first),
        ["1% van deze uitstroom wordt voorkomen (aanname)"]
    );
    let end = |class: &str, id: &str| {
        doc.descendants()
            .find(|n| n.attribute("class") == Some(class) && n.attribute("data-id") == Some(id))
            .unwrap_or_else(|| panic!("no {class} end for {id}"))
    };
    let low = end("end low", first).text().unwrap();
    assert!(low.starts_with("laag 0,5%: "), "{low}");
    assert!(
        end("end high", first)
            .text()
            .unwrap()
            .starts_with("hoog 1,5%: ")
    );
    // Every bar's ends: the low end's label at the end where the total with the low value lies.
    let drawn = bars(&doc, "bar swing");
    for (bar, swing) in drawn.iter().zip(&swings) {
        let id = bar.attribute("data-id").unwrap();
        // Every bar labelled in full: never an id cut short.
        assert!(!labels(id).is_empty(), "{id}");
        assert!(labels(id).iter().all(|l| !l.ends_with('…')), "{id}");
        let x: f64 = bar.attribute("x").unwrap().parse().unwrap();
        let width: f64 = bar.attribute("width").unwrap().parse().unwrap();
        for (class, word, total, other) in [
            ("end low", "laag ", swing.at_low, swing.at_high),
            ("end high", "hoog ", swing.at_high, swing.at_low),
        ] {
            let text = end(class, id);
            let label = text.text().unwrap();
            assert!(label.starts_with(word), "{label}");
            let figure = format!(": {}", Language::Dutch.persons(total));
            assert!(label.ends_with(&figure), "{label} should end with {figure}");
            let at: f64 = text.attribute("x").unwrap().parse().unwrap();
            if total < other {
                assert!(at <= x, "{label} left of the bar");
            } else if total > other {
                assert!(at >= x + width, "{label} right of the bar");
            }
        }
    }
}

#[test]
fn parameter_ids_break_only_after_dots_and_underscores() {
    let model = Model::limburg().unwrap();
    let html = Report::new(&model, Language::Dutch).unwrap().html();
    assert!(!html.contains("overflow-wrap:anywhere"));
    assert!(html.contains("table.sources td.id{min-width:14em"));
    let doc = parse(&html);
    let ids: Vec<Node> = doc
        .descendants()
        .filter(|n| n.has_tag_name("td") && n.attribute("class") == Some("id"))
        .collect();
    assert_eq!(ids.len(), model.parameters.len());
    for id in ids {
        let mut before = String::new();
        for part in id.children() {
            match part.text() {
                Some(text) => before += text,
                None => {
                    assert!(part.has_tag_name("wbr"));
                    assert!(before.ends_with(['.', '_']), "a break after {before:?}");
                }
            }
        }
    }
}

#[test]
fn a_surplus_reads_as_a_surplus_and_the_footer_points_up() {
    // tests/fixtures/tiny frees 4 persons: fewer-consults 10000 * 4 * 10% * 30 / 60 = 2000 hours,
    // / 2000 = 1 FTE, / 0.5 = 2 persons; shorter-stays 500 * 2 * 120 / 60 = 2000 hours / 1000 =
    // 2 FTE / 0.5 = 4 persons, less its coordinator's 1 FTE / 0.5 = 2 persons. Against a
    // shortage of 1 person, 4 - 1 = 3 persons are a surplus.
    let mut model = tiny_without(&[]);
    let base = model
        .shortages
        .iter_mut()
        .find(|s| s.scenario == Scenario::BASE_SHORTAGE)
        .unwrap();
    base.value = Decimal::ONE;
    let report = Report::new(&model, Language::Dutch).unwrap();
    let html = report.html();
    let doc = parse(&html);
    let text = all_text(doc.root());
    assert!(
        text.contains("De initiatieven spelen 4 personen vrij: 400,0% van het tekort van 1 in 2030. Dat is een overschot van 3 personen."),
        "{text}"
    );
    assert!(!text.contains("-3"));
    assert_eq!(rows(table(&doc, "scenarios"))[0][5], "overschot 3");
    let waterfall = report.waterfall();
    let chart = parse(&waterfall);
    assert_eq!(value(&bars(&chart, "bar surplus")[0]), Decimal::from(-3));
    assert!(texts(&chart).iter().any(|t| t == "overschot 3"));
    assert!(
        texts(&parse(&report.timeline()))
            .iter()
            .any(|t| t == "overschot 3 (2030)")
    );
    assert!(report.markdown().contains("| 2030 | 1 | 4 | overschot 3 |"));
    let english = Report::new(&model, Language::English).unwrap();
    assert!(english.html().contains("That is a surplus of 3 persons."));
    // The footer points at the parameters, which stand above it.
    let sources = table(&doc, "sources");
    let footer = doc.descendants().rfind(|n| n.has_tag_name("p")).unwrap();
    assert!(sources.range().end < footer.range().start);
    let footer = all_text(footer);
    assert!(
        footer.contains("„Bronnen van alle parameters” hierboven"),
        "{footer}"
    );
}

#[test]
fn every_embedded_region_reports_not_quantified_and_not_compared_without_a_number() {
    for id in Model::EMBEDDED {
        let model = Model::embedded(id).unwrap().unwrap();
        for (language, not_quantified, not_compared) in [
            (Language::Dutch, "niet gekwantificeerd", "niet vergeleken"),
            (Language::English, "not quantified", "not compared"),
        ] {
            let report =
                Report::new(&model, language).unwrap_or_else(|e| panic!("{id}: no report: {e}"));
            let html = report.html();
            let doc = parse(&html);
            // An initiative without a figure: no number in its row, and its verdict says why.
            let audit = table(&doc, "audit");
            let rows: Vec<Node> = audit
                .children()
                .filter(|n| n.has_tag_name("tr") && n.attribute("data-id").is_some())
                .collect();
            assert_eq!(rows.len(), report.results().initiatives.len(), "{id}");
            for (row, initiative) in rows.iter().zip(&report.results().initiatives) {
                let cells: Vec<String> = row
                    .children()
                    .filter(|c| c.has_tag_name("td"))
                    .map(all_text)
                    .collect();
                if initiative.persons().is_some() {
                    assert!(row.attribute("data-value").is_some());
                    continue;
                }
                assert_eq!(row.attribute("data-value"), None, "{id}: {cells:?}");
                assert_eq!(
                    cells[2..4],
                    ["", ""],
                    "{id}: no figure, no bounds: {cells:?}"
                );
                assert!(cells[5].starts_with(not_quantified), "{id}: {cells:?}");
            }
            // A theme none of whose counted initiatives is quantified has no figure either.
            for (theme, cells) in report.results().themes.iter().zip(rows_of(&doc, "themes")) {
                let any = model.initiatives.iter().any(|i| {
                    i.themes.iter().any(|t| t.theme == theme.id.as_str())
                        && report
                            .results()
                            .initiative(&i.id)
                            .unwrap()
                            .counts_quantified()
                });
                if !any {
                    assert_eq!(cells[1..], [not_quantified, ""], "{id}: {cells:?}");
                }
            }
            // A shortage not compared reads as such in the scenarios, and the report says why.
            let text = all_text(doc.root());
            for outcome in model.compare().unwrap() {
                if outcome.against.shortage().is_none() {
                    assert!(text.contains(not_compared), "{id}");
                }
            }
            if !report.results().uncompared.is_empty() {
                assert!(
                    doc.descendants()
                        .any(|n| n.attribute("class") == Some("not-compared")),
                    "{id}"
                );
                assert!(
                    text.contains("required_staff") || text.contains("shortage_part_time_factor")
                );
            }
            let missing = report
                .results()
                .initiatives
                .iter()
                .any(|i| i.persons().is_none());
            assert_eq!(report.markdown().contains(not_quantified), missing, "{id}");
        }
    }
}

#[test]
fn kennemerland_says_its_share_of_a_shortage_is_not_compared_and_why() {
    // data/kennemerland/shortage.csv: 2030,base,5%,share; region.csv gives no required_staff.
    let model = Model::embedded("kennemerland").unwrap().unwrap();
    let report = Report::new(&model, Language::Dutch).unwrap();
    let html = report.html();
    let doc = parse(&html);
    let note = doc
        .descendants()
        .find(|n| n.attribute("class") == Some("not-compared"))
        .map(all_text)
        .unwrap();
    assert_eq!(
        note,
        "Het tekort in 2030 (basis), 5%, is niet vergeleken met de vrijgespeelde personen: het is een aandeel, en de gegevens noemen niet het benodigde personeel waarvan het een aandeel is (sleutel required_staff in region.csv, in personen)."
    );
    assert_eq!(
        rows(table(&doc, "scenarios"))[0][3],
        "niet vergeleken (2030, basis)"
    );
    // None of its initiatives is quantified: no "0 persons freed" anywhere, in words or charts.
    let headline = doc
        .descendants()
        .find(|n| n.attribute("class") == Some("headline"))
        .map(all_text)
        .unwrap();
    assert!(headline.starts_with("Geen van de "), "{headline}");
    assert!(headline.contains(" initiatieven die meetellen is gekwantificeerd"));
    assert!(!headline.contains("0 personen"), "{headline}");
    assert_eq!(
        rows(table(&doc, "scenarios"))[0][1..3],
        ["niet gekwantificeerd", ""]
    );
    let themes = rows(table(&doc, "themes"));
    assert_eq!(themes.last().unwrap()[..], ["niet gekwantificeerd", ""]);
    let waterfall = report.waterfall();
    let waterfall = texts(&parse(&waterfall));
    assert_eq!(waterfall, ["Vrijgespeeld: niet gekwantificeerd"]);
    let english = Report::new(&model, Language::English).unwrap().html();
    assert!(english.contains(
        "The shortage in 2030 (base), 5%, is not compared with the persons freed: it is a share"
    ));
}

#[test]
fn a_shortage_not_in_persons_is_not_compared_while_the_staff_freed_still_shows() {
    // The tiny region frees 4 persons (see the surplus test); its base shortage stated as 5%
    // without region.csv's required_staff cannot be set against them.
    let mut model = tiny_without(&[]);
    let base = model
        .shortages
        .iter_mut()
        .find(|s| s.scenario == Scenario::BASE_SHORTAGE)
        .unwrap();
    base.value = "0.05".parse().unwrap();
    base.unit = workforce_gap::ShortageUnit::Share;
    let report = Report::new(&model, Language::English).unwrap();
    let html = report.html();
    let doc = parse(&html);
    let text = all_text(doc.root());
    assert!(text.contains("The initiatives free 4 persons."), "{text}");
    assert!(text.contains(
        "The shortage in 2030 (base), 5%, is not compared with the persons freed: it is a share"
    ));
    let scenarios = rows(table(&doc, "scenarios"));
    assert_eq!(scenarios[0][1], "4");
    assert_eq!(scenarios[0][3..], ["not compared (2030, base)", "", ""]);
    let waterfall = report.waterfall();
    assert_eq!(texts(&parse(&waterfall)), ["Shortage: not compared"]);
    assert!(
        report
            .markdown()
            .contains("| 2030 | not compared | 4 | not compared |")
    );
}

#[test]
fn the_plans_own_figures_are_shown_as_printed_never_rounded() {
    use workforce_gap::Interval;
    // A plan that claims 1,250.5 to 1,700 persons and 12.5% of the shortage.
    let mut model = tiny_without(&[]);
    model.region.published_total = Some(Interval {
        low: "1250.5".parse().unwrap(),
        high: Decimal::from(1700),
    });
    let share: Decimal = "0.125".parse().unwrap();
    model.region.published_share = Some(Interval {
        low: share,
        high: share,
    });
    let html = Report::new(&model, Language::Dutch).unwrap().html();
    assert!(
        html.contains("Het plan zelf noemt 1.250,5 – 1.700 personen, 12,5% van het tekort."),
        "{html}"
    );
}

#[test]
fn the_monitoring_chart_draws_the_totals_and_the_table_their_statuses() {
    let model = Model::limburg().unwrap();
    let report = Report::new(&model, Language::English).unwrap();
    let rows = model
        .monitor(workforce_gap::Share::new(
            workforce_gap::Progress::TOLERANCE,
        ))
        .unwrap();
    let totals: Vec<_> = rows.iter().filter(|r| r.level == "total").collect();
    let svg = report.monitoring();
    let doc = parse(&svg);
    let planned = bars(&doc, "bar planned");
    let realised = bars(&doc, "bar realised");
    assert_eq!(
        (planned.len(), realised.len()),
        (totals.len(), totals.len())
    );
    for ((p, r), total) in planned.iter().zip(&realised).zip(&totals) {
        assert_eq!(value(p), total.with_data.value());
        assert_eq!(value(r), total.realised.unwrap().value());
    }
    let html = report.html();
    assert!(html.contains("Monitoring: realised against planned"));
    assert!(html.contains("invented demonstration data"));
    let markdown = report.markdown();
    assert!(markdown.contains("| Period | Initiative | Planned (with data) |"));
    // A region with nothing realised has no monitoring section.
    let haaglanden = Model::embedded("haaglanden").unwrap().unwrap();
    let html = Report::new(&haaglanden, Language::English).unwrap().html();
    assert!(!html.contains("Monitoring"));
}

/// The audit of a figure published in decimals is written in its decimals, beside bounds in the
/// same decimals. Tiny's fewer-consults: 10000 * 4 * 10% * 30 / 60 = 2000 hours / 2000 / 0.5 = 2
/// persons; its reduction from 5% to 15% gives 1 to 3 persons. Published as 2.0, it agrees.
#[test]
fn an_audit_in_decimals_is_written_in_them() {
    let mut model = tiny_without(&[]);
    model.initiatives[0].published = Some("2.0".parse().unwrap());
    let report = Report::new(&model, Language::English).unwrap();
    let markdown = report.markdown();
    assert!(
        markdown.contains("| Fewer consults, more time | 2.0 | 2 | 1.0 – 3.0 | agrees |"),
        "{markdown}"
    );
    let html = report.html();
    let doc = parse(&html);
    let row = rows(table(&doc, "audit"))
        .into_iter()
        .find(|row| row[0] == "Fewer consults, more time")
        .unwrap();
    // The published figure is written as a number, without its trailing zero.
    assert_eq!(row[2..5], ["2.00 (2.0)", "1.0 – 3.0", "2"]);
}

#[test]
fn the_priorities_table_sets_each_counted_initiatives_facts_side_by_side() {
    let model = tiny_without(&[]);
    // Fewer consults: 10,000 inhabitants * 4 contacts * 10% * 30 minutes / 60 = 2,000 hours, / 2,000
    // hours = 1 FTE, / 0.5 = 2 persons; its reduction ranges over 5% to 15%, so 1 to 3 persons. It
    // reads 4 parameters, the reduction an assumption; each factor's 1% rise adds 1% of 2 = 0.02,
    // and of those alike the reduction's range moves it most.
    // Shorter stays: 500 admissions * 2 days * 120 minutes / 60 = 2,000 hours, / 1,000 hours (norms
    // "half") = 2 FTE, / 0.5 = 4 persons, less a coordinator of 1 FTE, / 0.5 = 2 persons: 2 net.
    // Its days saved range over 1 to 3: 2 to 6 persons less 2, so 0 to 4. 1% more of a bed-day
    // factor adds 1% of 4 = 0.04; of those the days saved have a range.
    // Each is half of the total of 4 persons.
    // Their 5th and 95th percentiles over the draws: the triangle from 5% to 15% has F(x) =
    // 2 ((x - 5%) / 10%)² below its mode, 5% at x = 5% + 10% * √0.025 = 6.58%, 1.32 persons, and
    // symmetrically 2.68 above; 2 * days - 2 with the days uniform over 1 to 3 is 0.2 at 1.1 days
    // and 3.8 at 2.9. 10,000 draws put each within about 0.01 persons.
    let report = Report::new(&model, Language::English).unwrap();
    let html = report.html();
    let doc = parse(&html);
    assert_eq!(
        rows_of(&doc, "priorities"),
        [
            [
                "Fewer consults, more time",
                "2.0",
                "50.0%",
                "1.0 – 3.0",
                "1.3 – 2.7",
                "1 of 4",
                "reduction",
                "+0.02"
            ],
            [
                "Shorter stays",
                "2.0",
                "50.0%",
                "0.0 – 4.0",
                "0.2 – 3.8",
                "1 of 4",
                "days_saved",
                "+0.04"
            ],
        ]
    );
    let markdown = report.markdown();
    assert!(
        markdown.contains(
            "| Shorter stays | 2.0 | 50.0% | 0.0 – 4.0 | 0.2 – 3.8 | 1 of 4 | days_saved | +0.04 |"
        ),
        "{markdown}"
    );
    // In Dutch, Dutch numbers and words.
    let dutch = Report::new(&model, Language::Dutch).unwrap().html();
    let rows = rows_of(&parse(&dutch), "priorities");
    assert_eq!(
        rows[1][..6],
        [
            "Shorter stays",
            "2,0",
            "50,0%",
            "0,0 – 4,0",
            "0,2 – 3,8",
            "1 van 4"
        ]
    );
    // A region parameter keeps its scope: the row does not name it.
    let limburg = Model::limburg().unwrap();
    let html = Report::new(&limburg, Language::English).unwrap().html();
    let rows = rows_of(&parse(&html), "priorities");
    assert_eq!(rows.len(), limburg.priorities().unwrap().len());
    assert!(rows.iter().any(|row| row[6] == "region.inhabitants_nml"));
}

#[test]
fn the_chance_table_comes_from_draws_over_the_ranges_and_only_with_ranges() {
    // The tiny region frees 20 * reduction + 2 * days_saved - 2 persons (see the priorities test):
    // the reduction is triangular over 5% to 15% around 10%, the days uniform over 1 to 3, so
    // the total lies between 1 and 7 persons, symmetric around 4. Against shortages of 200 and
    // 400 it covers at most 3.5%: no quarter of either, in no draw. Its median is 4 persons, 2.0%
    // of 200 and 1.0% of 400 (10,000 draws put the median within about 0.02 persons of it).
    let model = tiny_without(&[]);
    let html = Report::new(&model, Language::English).unwrap().html();
    let rows = rows_of(&parse(&html), "chance");
    assert_eq!(rows.len(), 2);
    for (row, (label, median)) in rows
        .iter()
        .zip([("2030 (base)", "2.0%"), ("2030 (worse)", "1.0%")])
    {
        assert_eq!(row[0], label);
        assert_eq!(row[1..5], ["0.0%"; 4]);
        assert_eq!(row[6], median);
        // More is covered with a smaller chance.
        let share = |cell: &str| cell.trim_end_matches('%').parse::<f64>().unwrap();
        assert!(
            share(&row[5]) < share(&row[6]) && share(&row[6]) < share(&row[7]),
            "{row:?}"
        );
    }
    let markdown = Report::new(&model, Language::English).unwrap().markdown();
    assert!(
        markdown.contains("| 2030 (base) | 0.0% | 0.0% | 0.0% | 0.0% |"),
        "{markdown}"
    );
    // Without ranges there is nothing to draw, and no section.
    let fixed = tiny_without(&["ranges.csv"]);
    let html = Report::new(&fixed, Language::English).unwrap().html();
    assert!(!html.contains("class=\"chance\""));
    // Nor a P5 - P95 column among the priorities: freed, share, bounds, assumptions, lever, +1%.
    let rows = rows_of(&parse(&html), "priorities");
    assert_eq!(rows[0][1..4], ["2.0", "50.0%", "2.0"]);
    assert_eq!(rows[0].len(), 7);
    assert!(!html.contains("<th class=\"n\">P5 – P95</th>"));
    // Limburg: its exact bounds, 1,450.4 to 1,889.0 persons, lie between a quarter (1,125) and
    // half (2,250) of its 2032 shortage of 4,500: a quarter is covered in every draw, half in none.
    let limburg = Model::limburg().unwrap();
    let html = Report::new(&limburg, Language::English).unwrap().html();
    let rows = rows_of(&parse(&html), "chance");
    let row = rows.iter().find(|r| r[0] == "2032 (base)").unwrap();
    assert_eq!(row[1..3], ["100.0%", "0.0%"]);
}
