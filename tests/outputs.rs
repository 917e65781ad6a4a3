//! Every output on any region: not quantified is not zero, what is not compared is listed, the
//! themes and sectors add up the same way, and names from data cannot forge a line.
//!
//! The tiny fixture, by hand (norms default: 2000 h, part-time 0.5; half: 1000 h, 0.5):
//! - fewer-consults: 10000 * 4 * 10% * 30 / 60 = 2000 h / 2000 = 1 FTE / 0.5 = 2 persons (gp)
//! - shorter-stays: 500 * 2 * 120 / 60 = 2000 h / 1000 = 2 FTE / 0.5 = 4 persons (hospital),
//!   and a coordinator needed, -1 FTE / 0.5 = -2 persons (gp): net 2, split prevention 1 : home 3.
//! - total 2 + 2 = 4; the shortage 200 (base) and 400 (worse) in 2030.

use rust_decimal::Decimal;
use std::path::Path;
use workforce_gap::{Figure, Model, Text, Verdict};

fn d(text: &str) -> Decimal {
    text.parse().unwrap()
}

fn tiny() -> Model {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/tiny");
    workforce_gap::Loader::new().load_dir(&dir).unwrap().model
}

/// The tiny region with one more initiative, counted, published at 7, without effects.
fn with_unquantified() -> Model {
    let mut model = tiny();
    let mut idle = model.initiatives[0].clone();
    idle.id = "no-effects".into();
    idle.name = "Without effects".into();
    idle.published = Some(workforce_gap::Interval::new(d("7"), d("7")));
    idle.effects.clear();
    model.initiatives.push(idle);
    model
}

#[test]
fn an_initiative_without_effects_has_no_figure() {
    let results = with_unquantified().evaluate().unwrap();
    let idle = results.initiative("no-effects").unwrap();
    assert_eq!(idle.figure, Figure::NotQuantified);
    assert_eq!(idle.persons(), None);
    assert_eq!(idle.rounded, None);
    assert_eq!(idle.verdict, Verdict::NotQuantified);
    // It counts (running) but adds nothing: the total stays 2 + 2 = 4.
    assert!(idle.counted);
    assert_eq!(results.total.value(), d("4"));
}

#[test]
fn text_shows_not_quantified_without_a_number() {
    let text = Text::Results(&with_unquantified().evaluate().unwrap()).to_string();
    let line = text
        .lines()
        .find(|l| l.contains("Without effects"))
        .unwrap();
    assert!(line.contains("not quantified"), "{line}");
    // No "0.00" nor "0" figure: after the name only the published 7 and the verdict.
    let figures: Vec<&str> = line["  Without effects".len()..]
        .split_whitespace()
        .filter(|w| w.parse::<Decimal>().is_ok())
        .collect();
    assert_eq!(figures, ["7"], "{line}");
    // Two initiatives are quantified and counted; the third is counted apart.
    assert!(
        text.contains("staff freed by 2 quantified initiatives"),
        "{text}"
    );
}

#[test]
fn one_initiative_is_one_initiative() {
    // The tiny region without shorter-stays: fewer-consults alone is quantified, and the one
    // without effects alone is not.
    let mut model = with_unquantified();
    model.initiatives.retain(|i| i.id != "shorter-stays");
    model
        .parameters
        .retain(|p| p.scope.to_string() != "shorter-stays");
    let text = Text::Results(&model.evaluate().unwrap()).to_string();
    assert!(
        text.contains("staff freed by 1 quantified initiative ("),
        "{text}"
    );
    assert!(text.contains("1 more initiative counts but is not quantified: it adds nothing"));
    assert!(!text.contains("1 initiatives"), "{text}");
    let finding = model.check().into_iter().find(|f| f.value == "no-effects");
    let text = Text::Findings(&[finding.unwrap()]).to_string();
    assert!(text.contains("info: 1 initiative is not quantified (no effects) and counts"));
}

#[test]
fn csv_leaves_the_figures_of_an_unquantified_initiative_empty() {
    let results = with_unquantified().evaluate().unwrap();
    let mut out = Vec::new();
    results.write_csv(&mut out).unwrap();
    let mut reader = csv::Reader::from_reader(out.as_slice());
    let headers = reader.headers().unwrap().clone();
    let column = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let row = reader
        .records()
        .map(Result::unwrap)
        .find(|r| &r[column("id")] == "no-effects")
        .unwrap();
    assert_eq!(&row[column("persons")], "");
    assert_eq!(&row[column("fte")], "");
    assert_eq!(&row[column("rounded")], "");
    assert_eq!(&row[column("published")], "7");
    assert_eq!(&row[column("verdict")], "not quantified");
}

#[test]
fn concentration_lists_only_quantified_initiatives() {
    let results = with_unquantified().evaluate().unwrap();
    let shares = results.concentration().unwrap();
    let ids: Vec<&str> = shares.iter().map(|(id, _)| id.as_str()).collect();
    // fewer-consults 2 / 4 and shorter-stays 2 / 4; no "no-effects" at 0%.
    assert_eq!(ids.len(), 2);
    assert!(!ids.contains(&"no-effects"));
    assert!(shares.iter().all(|(_, s)| s.value() == d("0.5")));
}

fn csv_rows(results: &workforce_gap::Results) -> Vec<std::collections::HashMap<String, String>> {
    let mut out = Vec::new();
    results.write_csv(&mut out).unwrap();
    let mut reader = csv::Reader::from_reader(out.as_slice());
    let headers = reader.headers().unwrap().clone();
    reader
        .records()
        .map(|r| {
            let r = r.unwrap();
            (headers.iter().map(String::from))
                .zip(r.iter().map(String::from))
                .collect()
        })
        .collect()
}

#[test]
fn scenarios_count_quantified_initiatives_apart() {
    let outcomes = with_unquantified().compare().unwrap();
    // fewer-consults, shorter-stays and no-effects count; only the first two have a figure.
    assert_eq!((outcomes[0].counted, outcomes[0].quantified), (3, 2));
    let text = Text::Scenarios(&outcomes).to_string();
    assert!(text.contains("2 of 3"), "{text}");
}

#[test]
fn with_nothing_quantified_there_are_no_shares() {
    let mut model = tiny();
    for initiative in &mut model.initiatives {
        initiative.effects.clear();
    }
    let results = model.evaluate().unwrap();
    assert_eq!(results.total.value(), Decimal::ZERO);
    let reliance = model.reliance(&results).unwrap();
    assert_eq!(reliance.share_on_assumptions, None);
    let concentration = results.concentration().unwrap();
    assert!(concentration.is_empty());
    let text = Text::Reliance(&reliance, &concentration, &results).to_string();
    assert!(text.contains("nothing counted is quantified"), "{text}");
    // The ranged parameters move nothing; with no range at all the tornado says so.
    let tornado = model.tornado().unwrap();
    assert!(tornado.iter().all(|s| s.swing.is_zero()));
    let text = Text::Tornado(&[], 12).to_string();
    assert!(text.contains("no parameter has a range"), "{text}");
    // The scenarios compare too: nothing freed against 200.
    let outcomes = model.compare().unwrap();
    assert_eq!(outcomes[0].quantified, 0);
}

#[test]
fn themes_and_sectors_add_up_to_the_same_freed_and_needed() {
    let results = tiny().evaluate().unwrap();
    let theme = |id: &str| results.theme(id).unwrap();
    // shorter-stays frees 4 and needs 2, split prevention 1/4 : home 3/4;
    // prevention also has all of fewer-consults (frees 2).
    // prevention: freed 2 + 4 / 4 = 3, needed 2 / 4 = 0.5, net 2.5
    // home:       freed 4 * 3 / 4 = 3, needed 2 * 3 / 4 = 1.5, net 1.5
    let prevention = theme("prevention");
    assert_eq!(
        (prevention.freed.value(), prevention.needed.value()),
        (d("3"), d("0.5"))
    );
    assert_eq!(prevention.persons.value(), d("2.5"));
    let home = theme("home");
    assert_eq!(
        (home.freed.value(), home.needed.value()),
        (d("3"), d("1.5"))
    );
    assert_eq!(home.persons.value(), d("1.5"));
    // Sectors: gp frees 2, needs 2; hospital frees 4. Both add up to freed 6, needed 2.
    let sum = |groups: &[workforce_gap::GroupResult]| {
        let freed: Decimal = groups.iter().map(|g| g.freed.value()).sum();
        let needed: Decimal = groups.iter().map(|g| g.needed.value()).sum();
        (freed, needed)
    };
    assert_eq!(sum(&results.themes), (d("6"), d("2")));
    assert_eq!(sum(&results.sectors), (d("6"), d("2")));
}

#[test]
fn the_title_year_is_the_horizon_of_the_data() {
    // The tiny region's shortages are for 2030.
    let text = Text::Results(&tiny().evaluate().unwrap()).to_string();
    assert!(
        text.lines().next().unwrap().ends_with("(persons, 2030)"),
        "{text}"
    );
    assert!(!text.contains("2032"));
    // The latest year of any shortage, whatever its unit.
    let mut model = tiny();
    model.shortages[1].year = 2041;
    let results = model.evaluate().unwrap();
    assert_eq!(results.horizon, Some(2041));
    model.shortages.clear();
    model.scenarios.clear();
    let text = Text::Results(&model.evaluate().unwrap()).to_string();
    assert!(
        text.lines().next().unwrap().ends_with("(persons)"),
        "{text}"
    );
}

/// The tiny region with its base shortage stated as 5% of a staff required it does not give.
fn with_share_shortage() -> Model {
    let mut model = tiny();
    model.shortages[0].value = d("0.05");
    model.shortages[0].unit = workforce_gap::ShortageUnit::Share;
    model
}

#[test]
fn a_shortage_not_compared_is_listed_in_text_and_csv() {
    let results = with_share_shortage().evaluate().unwrap();
    let text = Text::Results(&results).to_string();
    // The line of the 2030 base scenario and the lines it wraps onto.
    let from = text.find("2030 base").unwrap();
    let block = &text[from..from + text[from..].find("\n\n").unwrap()];
    assert!(
        block.starts_with("2030 base              not compared:"),
        "{block}"
    );
    assert!(block.contains("required_staff"), "{block}");
    let rows = csv_rows(&results);
    let gap = rows
        .iter()
        .find(|r| r["level"] == "gap" && r["id"] == "2030 base")
        .unwrap();
    for column in ["persons", "shortage", "covered", "remaining", "surplus"] {
        assert_eq!(gap[column], "", "{column}");
    }
    assert_eq!(gap["verdict"], "not compared");
    assert!(gap["note"].contains("required_staff"), "{}", gap["note"]);
    // The worse scenario, 400 persons, is still compared: 4 / 400 = 1%.
    let worse = rows.iter().find(|r| r["id"] == "2030 worse").unwrap();
    assert_eq!(worse["covered"].parse::<Decimal>().unwrap(), d("0.01"));
}

#[test]
fn many_unquantified_initiatives_are_summed_up_on_wrapped_lines() {
    let findings: Vec<workforce_gap::Finding> = (1..=266)
        .map(|n| workforce_gap::Finding {
            origin: None,
            column: Some("id".into()),
            kind: workforce_gap::Kind::NoEffects,
            value: format!("initiative-with-a-long-name-{n}"),
            expected: String::new(),
        })
        .collect();
    let text = Text::Findings(&findings).to_string();
    assert!(
        text.contains("266 initiatives are not quantified"),
        "{text}"
    );
    // The first five by name, then the count of the other 266 - 5 = 261.
    assert!(text.contains("initiative-with-a-long-name-5,"), "{text}");
    assert!(!text.contains("initiative-with-a-long-name-6,"), "{text}");
    assert!(text.contains("and 261 more"), "{text}");
    assert!(text.lines().all(|l| l.chars().count() <= 100), "{text}");
}

#[test]
fn regions_give_full_names_one_count_and_each_shortage_its_own_coverage() {
    let mut model = with_unquantified();
    model.region.name = "A region whose name is much longer than thirty-four characters".into();
    // A shortage of 100 in 2025 next to 200 in 2030: 4 freed covers 4 / 100 = 4.0% and
    // 4 / 200 = 2.0%.
    let mut early = model.shortages[0].clone();
    early.year = 2025;
    early.value = d("100");
    model.shortages.insert(0, early);
    let results = model.evaluate().unwrap();
    let text = Text::Regions(&[(&model, &results)]).to_string();
    assert!(text.contains(&model.region.name), "{text}");
    let row = |stated: &str| {
        text.lines()
            .find(|l| l.contains(stated))
            .unwrap()
            .to_string()
    };
    assert!(row("100 persons in 2025 (base)").contains("4.0%"), "{text}");
    assert!(row("200 persons in 2030 (base)").contains("2.0%"), "{text}");
    // Quantified means what the text title says: counted and with a figure (2 of 3).
    assert!(text.contains("3 initiatives, 2 quantified"), "{text}");
    assert!(
        Text::Results(&results)
            .to_string()
            .contains("staff freed by 2 quantified")
    );
}

#[test]
fn a_surplus_is_shown_as_a_surplus() {
    let mut model = tiny();
    // A shortage of 3 persons; 4 are freed: a surplus of 4 - 3 = 1.
    model.shortages[0].value = d("3");
    let results = model.evaluate().unwrap();
    let gap = &results.gaps[0];
    assert_eq!(gap.surplus(), Some(workforce_gap::Persons::new(d("1"))));
    let text = Text::Results(&results).to_string();
    let line = text.lines().find(|l| l.contains("2030 base")).unwrap();
    assert!(line.ends_with("surplus 1.0"), "{line}");
    assert!(!line.contains("-1.0"), "{line}");
    let rows = csv_rows(&results);
    let row = rows.iter().find(|r| r["id"] == "2030 base").unwrap();
    assert_eq!(row["remaining"], "");
    assert_eq!(row["surplus"].parse::<Decimal>().unwrap(), d("1"));
    // The worse scenario, 400 persons, leaves 400 - 4 = 396.
    let worse = rows.iter().find(|r| r["id"] == "2030 worse").unwrap();
    assert_eq!(worse["remaining"].parse::<Decimal>().unwrap(), d("396"));
    assert_eq!(worse["surplus"], "");
    // The scenarios and the timeline say it the same way.
    let outcomes = model.compare().unwrap();
    assert!(
        Text::Scenarios(&outcomes)
            .to_string()
            .contains("surplus 1.0")
    );
    let as_it_is = workforce_gap::Scenario {
        name: "as it is".into(),
        settings: vec![],
    };
    let years = model.timeline(&as_it_is).unwrap();
    assert!(Text::Timeline(&years).to_string().contains("surplus 1.0"));
}

#[test]
fn names_cannot_forge_lines_or_send_escape_codes() {
    let mut model = with_unquantified();
    model.initiatives[0].name = "Fewer\n  Total (each initiative counted once)   9999.0".into();
    model.themes[0].name = "Prevention\u{1b}[31m".into();
    model.region.name = "Tiny\r\nforged".into();
    let results = model.evaluate().unwrap();
    let text = Text::Results(&results).to_string();
    let totals = text
        .lines()
        .filter(|l| l.trim_start().starts_with("Total"))
        .count();
    assert_eq!(totals, 1, "{text}");
    assert!(!text.contains('\u{1b}') && !text.contains('\r'), "{text}");
    assert!(text.contains("Fewer\\n"), "{text}");
    assert!(text.contains("Prevention\\u{1b}[31m"), "{text}");
    assert!(text.starts_with("Tiny\\r\\nforged:"), "{text}");
    assert_eq!(Text::Safe("plain, ë").to_string(), "plain, ë");
    let regions = Text::Regions(&[(&model, &results)]).to_string();
    assert!(!regions.contains('\r'), "{regions}");
}

/// Every analysis on every embedded region: Haaglanden, Midden Nederland and Rotterdam count
/// nothing quantified (total 0), Kennemerland's 5% cannot be stated in persons, Rotterdam has
/// one shortage in persons and one as a share.
#[test]
fn every_analysis_holds_on_every_embedded_region() {
    use workforce_gap::{Comparison, Scenario};
    for id in Model::EMBEDDED {
        let model = Model::embedded(id).unwrap().unwrap();
        let results = model.evaluate().unwrap();
        let outcomes = model.compare().unwrap_or_else(|e| panic!("{id}: {e}"));
        let as_published = Scenario {
            name: Scenario::AS_PUBLISHED.into(),
            settings: vec![],
        };
        let years = model
            .timeline(&as_published)
            .unwrap_or_else(|e| panic!("{id}: {e}"));
        let reliance = model.reliance(&results).unwrap();
        let concentration = results.concentration().unwrap();
        let tornado = model.tornado().unwrap();
        model.bounds().unwrap();
        for text in [
            Text::Results(&results).to_string(),
            Text::Scenarios(&outcomes).to_string(),
            Text::Timeline(&years).to_string(),
            Text::Reliance(&reliance, &concentration, &results).to_string(),
            Text::Tornado(&tornado, 12).to_string(),
        ] {
            assert!(!text.is_empty());
        }
        // The last year of the timeline is the horizon of the text's title.
        let horizon = results.horizon.unwrap();
        assert_eq!(years.last().unwrap().year, horizon, "{id}");
        assert!(
            Text::Results(&results)
                .to_string()
                .lines()
                .next()
                .unwrap()
                .ends_with(&format!("{horizon})"))
        );
        // Nothing counted is quantified: no share of the total.
        if results.initiatives.iter().all(|i| !i.counts_quantified()) {
            assert_eq!(reliance.share_on_assumptions, None, "{id}");
            assert!(concentration.is_empty(), "{id}");
        }
        // The as-published scenario is compared exactly when its base shortage is.
        let base_compared = results
            .gaps
            .iter()
            .any(|g| g.scenario == "base" && g.year == outcomes[0].year);
        assert_eq!(
            matches!(outcomes[0].against, Comparison::Compared { .. }),
            base_compared,
            "{id}"
        );
        #[cfg(feature = "report")]
        for language in [
            workforce_gap::Language::Dutch,
            workforce_gap::Language::English,
        ] {
            let report = workforce_gap::Report::new(&model, language)
                .unwrap_or_else(|e| panic!("{id}: {e}"));
            assert!(!report.html().is_empty() && !report.markdown().is_empty());
        }
    }
    // Kennemerland: 5% of a staff required the plan does not give, listed as not compared.
    let model = Model::embedded("kennemerland").unwrap().unwrap();
    let outcomes = model.compare().unwrap();
    assert!(
        matches!(&outcomes[0].against, Comparison::NotCompared { reason } if reason.contains("required_staff"))
    );
}

#[test]
fn a_shortage_of_zero_is_not_compared_rather_than_divided_by() {
    let mut model = tiny();
    model.shortages[0].value = Decimal::ZERO;
    let results = model.evaluate().unwrap();
    // Only the worse scenario, 400, is compared: 4 / 400 = 1%.
    assert_eq!(results.gaps.len(), 1);
    assert_eq!(results.gaps[0].covered.value(), d("0.01"));
    assert!(results.uncompared[0].reason.contains("is zero"));
    let outcomes = model.compare().unwrap();
    assert!(matches!(
        outcomes[0].against,
        workforce_gap::Comparison::NotCompared { .. }
    ));
    model.bounds().unwrap();
}

/// The tiny region with a third theme that only an initiative without effects is in, and a
/// sector no effect is in.
fn with_an_unquantified_theme_and_sector() -> Model {
    let mut model = with_unquantified();
    let idle = model.initiatives.pop().unwrap();
    let idle = workforce_gap::Initiative {
        themes: Vec::new(),
        ..idle
    };
    (model.theme("later", "Later"))
        .sector("unused", "Unused sector")
        .initiative(idle.theme("later"))
}

#[test]
fn a_theme_or_sector_without_a_quantified_initiative_has_no_figure() {
    let results = with_an_unquantified_theme_and_sector().evaluate().unwrap();
    let later = results.theme("later").unwrap();
    assert_eq!(later.quantified, 0);
    assert!(!later.is_quantified());
    assert_eq!(results.sector("unused").unwrap().quantified, 0);
    // prevention: fewer-consults and shorter-stays; at home: shorter-stays; gp: both (the
    // consults and the coordinator), hospital: shorter-stays.
    assert_eq!(results.theme("prevention").unwrap().quantified, 2);
    assert_eq!(results.theme("home").unwrap().quantified, 1);
    assert_eq!(results.sector("gp").unwrap().quantified, 2);
    assert_eq!(results.sector("hospital").unwrap().quantified, 1);

    let text = Text::Results(&results).to_string();
    for name in ["Later", "Unused sector"] {
        let line = text
            .lines()
            .find(|l| l.trim_start().starts_with(name))
            .unwrap();
        assert_eq!(line.split_whitespace().last(), Some("quantified"), "{line}");
        assert!(line.contains("not quantified"), "{line}");
        assert!(!line.contains("0.0"), "{line}");
    }

    let mut out = Vec::new();
    results.write_csv(&mut out).unwrap();
    let mut reader = csv::Reader::from_reader(out.as_slice());
    let headers = reader.headers().unwrap().clone();
    let column = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let rows: Vec<_> = reader.records().map(Result::unwrap).collect();
    for (level, id) in [("theme", "later"), ("sector", "unused")] {
        let row = rows
            .iter()
            .find(|r| &r[column("level")] == level && &r[column("id")] == id)
            .unwrap();
        for figure in ["persons", "freed", "needed"] {
            assert_eq!(&row[column(figure)], "", "{level} {id} {figure}");
        }
        assert_eq!(&row[column("verdict")], "not quantified");
    }
}

#[test]
fn with_nothing_quantified_the_total_is_no_figure() {
    let kennemerland = Model::embedded("kennemerland").unwrap().unwrap();
    let results = kennemerland.evaluate().unwrap();
    let text = Text::Results(&results).to_string();
    let total = text.lines().find(|l| l.contains("Total (each")).unwrap();
    assert!(total.ends_with("not quantified"), "{total}");
    let mut out = Vec::new();
    results.write_csv(&mut out).unwrap();
    let text = String::from_utf8(out).unwrap();
    let total = text.lines().find(|l| l.starts_with("total,")).unwrap();
    assert!(total.contains(",not quantified,"), "{total}");
    assert!(!total.contains(",0,"), "{total}");
}

/// A reader of the output that has gone away (`| head`).
struct ClosedPipe;

impl std::io::Write for ClosedPipe {
    fn write(&mut self, _: &[u8]) -> std::io::Result<usize> {
        Err(std::io::ErrorKind::BrokenPipe.into())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[test]
fn a_closed_pipe_is_an_error_a_caller_can_match() {
    let results = tiny().evaluate().unwrap();
    let error = results.write_csv(ClosedPipe).unwrap_err();
    assert!(
        matches!(error, workforce_gap::Error::Write { .. }),
        "{error}"
    );
    let kind = error.io_error().map(std::io::Error::kind);
    assert_eq!(kind, Some(std::io::ErrorKind::BrokenPipe));
    // The same error is the source, for a caller that walks the chain.
    let source = std::error::Error::source(&error).and_then(|s| s.downcast_ref());
    assert_eq!(source.map(std::io::Error::kind), kind);
}

#[test]
fn freed_against_an_earlier_year_says_it_assumes_full_effect() {
    let mut model = tiny();
    let text = Text::Results(&model.evaluate().unwrap()).to_string();
    assert!(!text.contains("at full effect"), "{text}");
    let mut earlier = model.shortages[0].clone();
    earlier.year = 2025;
    model.shortages.push(earlier);
    let text = Text::Results(&model.evaluate().unwrap()).to_string();
    assert!(
        text.contains("against 2025 it reads as if all were in effect"),
        "{text}"
    );
}

/// A plan that publishes its figures with decimals is audited in those decimals: rounding to
/// whole persons would call 2 persons published as "2.0" right but 4 published as "4.1" wrong by
/// +0.1 only because the plan's tenths were thrown away before comparing.
#[test]
fn a_figure_published_in_decimals_is_audited_in_its_decimals() {
    let mut model = tiny();
    // fewer-consults gives 2 persons exactly; shorter-stays 4 - 2 = 2 persons net.
    model.initiatives[0].published = Some("2.0".parse().unwrap());
    model.initiatives[1].published = Some("2.25".parse().unwrap());
    let results = model.evaluate().unwrap();
    let consults = results.initiative("fewer-consults").unwrap();
    assert_eq!(consults.rounded, Some(d("2.0")));
    assert_eq!(consults.verdict, Verdict::Agrees);
    let stays = results.initiative("shorter-stays").unwrap();
    // 2 rounded to two decimals is 2.00, published 2.25: differs by 2.00 - 2.25 = -0.25.
    assert_eq!(stays.rounded, Some(d("2.00")));
    assert_eq!(
        stays.verdict,
        Verdict::Differs {
            difference: d("-0.25")
        }
    );
    // 0.46875 persons published as 0.5 rounds to 0.5 in tenths (and would be "0 - 1" whole).
    // reduction 10% * 0.234375: 2 persons * 0.234375 = 0.46875.
    model
        .set("fewer-consults.reduction", d("0.0234375"))
        .unwrap();
    model.initiatives[0].published = Some("0.5".parse().unwrap());
    let results = model.evaluate().unwrap();
    let consults = results.initiative("fewer-consults").unwrap();
    assert_eq!(consults.persons().map(|p| p.value()), Some(d("0.46875")));
    assert_eq!(consults.rounded, Some(d("0.5")));
    assert_eq!(consults.verdict, Verdict::Agrees);
    let text = Text::Results(&results).to_string();
    let line = text.lines().find(|l| l.contains("Fewer consults")).unwrap();
    assert!(line.contains(" 0.5 ") && !line.contains("0 - 1"), "{line}");
}
