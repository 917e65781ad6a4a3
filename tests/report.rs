//! The report's charts and HTML, parsed as XML: the content that matters is checked against the
//! computed results, not against what the report printed before.
#![cfg(feature = "report")]

use roxmltree::{Document, Node, ParsingOptions};
use rust_decimal::Decimal;
use workforce_gap::report::{Language, Report};
use workforce_gap::scenario::BASE_SHORTAGE;

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
    let model = workforce_gap::limburg().unwrap();
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
        .find(|g| g.year == 2032 && g.scenario == BASE_SHORTAGE)
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
    let model = workforce_gap::limburg().unwrap();
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
    let model = workforce_gap::limburg().unwrap();
    let report = Report::new(&model, Language::Dutch).unwrap();
    let swings = workforce_gap::uncertainty::tornado(&model).unwrap();
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
    let model = workforce_gap::limburg().unwrap();
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
    assert_eq!(
        doc.descendants().filter(|n| n.has_tag_name("svg")).count(),
        4
    );
    // The audit lists every initiative, the differing ones marked.
    let audit: Vec<Node> = doc
        .descendants()
        .filter(|n| n.has_tag_name("tr") && n.attribute("data-value").is_some())
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
    let model = workforce_gap::limburg().unwrap();
    let report = Report::new(&model, Language::English).unwrap();
    let markdown = report.markdown();
    assert!(markdown.contains("| Theme | persons | Bounds |"));
    assert!(
        markdown.contains("| Sociale benadering dementie | 867 | 866 | 867 | differs (+1) |"),
        "{markdown}"
    );
    assert!(markdown.contains("| 2032 | 4,500 | 1,633 | 2,867 |"));
}
