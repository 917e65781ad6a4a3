//! The embedded regions, pinned to their seeds: each shortage with the line that prints it, and
//! the number of initiatives recorded (none of them quantified outside Limburg).

use rust_decimal::Decimal;
use std::path::{Path, PathBuf};
use std::str::FromStr;
use workforce_gap::Model;
use workforce_gap::ShortageUnit;

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

fn shortages(id: &str) -> Vec<(u16, String, Decimal, ShortageUnit)> {
    let model = Model::embedded(id).unwrap().unwrap();
    model
        .shortages
        .iter()
        .map(|s| (s.year, s.scenario.clone(), s.value, s.unit))
        .collect()
}

#[test]
fn every_embedded_region_loads_and_evaluates() {
    for id in Model::EMBEDDED {
        let model = Model::embedded(id)
            .unwrap()
            .unwrap_or_else(|e| panic!("{id}: {e}"));
        model.evaluate().unwrap_or_else(|e| panic!("{id}: {e}"));
        assert!(!model.initiatives.is_empty(), "{id} records no initiatives");
    }
    assert!(Model::embedded("atlantis").is_none());
}

/// Haaglanden, seed 002 line 58: "Het tekort aan medewerkers is gestegen tot 5100 medewerkers"
/// (in 2030, line 56), printed again as "5.100" at line 179.
#[test]
fn haaglanden() {
    assert_eq!(
        shortages("haaglanden"),
        [(2030, "base".into(), d("5100"), ShortageUnit::Persons)]
    );
    let model = Model::embedded("haaglanden").unwrap().unwrap();
    assert_eq!(model.initiatives.len(), 64);
    // One lever has a formula (the hour of administration, below); it waits for its base.
    let with_effects: Vec<&str> = model
        .initiatives
        .iter()
        .filter(|i| !i.effects.is_empty())
        .map(|i| i.id.as_str())
        .collect();
    assert_eq!(with_effects, ["verminderen-administratieve-lasten-ggz"]);
    let results = model.evaluate().unwrap();
    assert_eq!(results.gaps[0].remaining.value(), d("5100"));
}

/// Kennemerland, seed 000 line 775: "tot 2030 loopt het arbeidstekort op tot 5%", with no staff
/// base anywhere in the plan: listed, never compared.
#[test]
fn kennemerland() {
    assert_eq!(
        shortages("kennemerland"),
        [(2030, "base".into(), d("0.05"), ShortageUnit::Share)]
    );
    let model = Model::embedded("kennemerland").unwrap().unwrap();
    assert_eq!(model.initiatives.len(), 73);
    let results = model.evaluate().unwrap();
    assert!(results.gaps.is_empty());
    assert_eq!(results.uncompared.len(), 1);
}

/// Capelle aan den IJssel, Krimpen aan den IJssel, Rotterdam, seed 004 line 197: "loopt het tekort
/// aan personeel op van circa 2.200 naar 10.000 medewerkers in 2032"; line 195: "stijgt naar 11% in
/// 2032". The 2,200 has no year and is not a point of the projection.
#[test]
fn rotterdam() {
    assert_eq!(
        shortages("rotterdam"),
        [
            (2032, "base".into(), d("10000"), ShortageUnit::Persons),
            (2032, "base-share".into(), d("0.11"), ShortageUnit::Share)
        ]
    );
    let model = Model::embedded("rotterdam").unwrap().unwrap();
    assert_eq!(model.initiatives.len(), 72);
}

/// Noord- en Midden-Limburg, seed 003 line 67.
#[test]
fn limburg() {
    let expected = [
        (2023, "base", "2100"),
        (2032, "base", "4500"),
        (2032, "worse", "6700"),
    ]
    .map(|(y, s, v)| (y, s.to_string(), d(v), ShortageUnit::Persons));
    assert_eq!(shortages("limburg"), expected);
}

/// Rotterdam's GP-post volume cap (line 378: "+2.000 (+5%) in 2033"; line 336: "+30%") is
/// pending until the minutes per procedure and the norms are known. Supplied, it frees
/// (2000 / 5%) * (30% - 5%) = 10,000 procedures times their minutes.
#[test]
fn a_pending_lever_waits_for_its_base_and_then_computes() {
    let mut model = Model::embedded("rotterdam").unwrap().unwrap();
    let results = model.evaluate().unwrap();
    let cap = results.initiative("dempen-hap-verrichtingen").unwrap();
    assert_eq!(
        cap.figure.pending(),
        ["minutes_per_procedure", "norms.default"]
    );
    assert!(!cap.counted);

    let minutes = model
        .parameters
        .iter_mut()
        .find(|p| p.name == "minutes_per_procedure")
        .unwrap();
    minutes.value = d("10");
    minutes.pending = false;
    let norms = &mut model.norms[0];
    norms.pending = false;
    norms.working_hours = workforce_gap::WorkingHours::new(d("2000"));
    norms.part_time_factor = workforce_gap::PartTimeFactor::new(d("0.68"));
    let results = model.evaluate().unwrap();
    let cap = results.initiative("dempen-hap-verrichtingen").unwrap();
    assert!(cap.counted);
    let expected =
        d("2000") / d("0.05") * (d("0.30") - d("0.05")) * d("10") / d("60") / d("2000") / d("0.68");
    assert!(
        (cap.persons().unwrap().value() - expected).abs() < d("0.000000000000000001"),
        "{:?} vs {expected}",
        cap.persons()
    );
}

/// Haaglanden's hour a week less administration (line 628), printed twice, waits for the number
/// of professionals, the weeks they work and the norms.
#[test]
fn haaglanden_administration_hour_is_pending() {
    let results = Model::embedded("haaglanden")
        .unwrap()
        .unwrap()
        .evaluate()
        .unwrap();
    let lever = results
        .initiative("verminderen-administratieve-lasten-ggz")
        .unwrap();
    assert_eq!(
        lever.figure.pending(),
        ["ggz_professionals", "weeks_per_year", "norms.default"]
    );
    assert_eq!(results.total.value(), Decimal::ZERO);
}

/// Midden Nederland, seed 001 line 1318: "stijgt het arbeidstekort in de regio van Utrechtzorg naar
/// 17.700 werknemers" (in 2032, the next sentences). Its one lever, 6% of the GGZ treatment
/// capacity (lines 651, 671), waits for the capacity it is a share of.
#[test]
fn midden_nederland() {
    assert_eq!(
        shortages("midden-nederland"),
        [(2032, "base".into(), d("17700"), ShortageUnit::Persons)]
    );
    let model = Model::embedded("midden-nederland").unwrap().unwrap();
    // The one projection already counts planned policy ("voorgenomen beleidsmaatregelen"), and
    // its source says so first: it is `base` only as the plan's one projection.
    let source = &model.shortages[0].source;
    assert!(
        source.starts_with("A scenario with planned policy, not a baseline"),
        "{source}"
    );
    assert!(source.contains("rekening is gehouden met o.a. voorgenomen beleidsmaatregelen"));
    assert_eq!(model.initiatives.len(), 267);
    let results = model.evaluate().unwrap();
    let lever = results
        .initiative("ggz-behandelcapaciteit-6-procent")
        .unwrap();
    assert_eq!(
        lever.figure.pending(),
        ["ggz_treatment_capacity_fte", "norms.default"]
    );
    assert_eq!(results.gaps[0].remaining.value(), d("17700"));
}

/// Regions are evaluated independently, so callers spread them over threads: what they hand
/// between threads must allow it (this fails to compile otherwise).
#[test]
fn models_and_results_move_between_threads() {
    fn send_and_share<T: Send + Sync>() {}
    send_and_share::<workforce_gap::Model>();
    send_and_share::<workforce_gap::Results>();
    send_and_share::<workforce_gap::Error>();
    // Each region evaluated on its own thread gives what it gives here.
    let handles: Vec<_> = Model::EMBEDDED
        .iter()
        .map(|id| {
            std::thread::spawn(move || {
                let model = Model::embedded(id).unwrap().unwrap();
                (model.clone(), model.evaluate().unwrap())
            })
        })
        .collect();
    for handle in handles {
        let (model, results) = handle.join().unwrap();
        assert_eq!(results, model.evaluate().unwrap());
    }
}

fn data_dir(id: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("data").join(id)
}

/// The notes in a region's files (the CSV sources and notes, READINGS.md) send the reader to
/// other files: every `.md` or `.rs` file they name exists, in the region's folder or in the
/// crate, so no note points to a file that is not there.
#[test]
fn the_notes_name_only_files_that_exist() {
    let crate_root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for id in Model::EMBEDDED {
        for entry in std::fs::read_dir(data_dir(id)).unwrap() {
            let path = entry.unwrap().path();
            let text = std::fs::read_to_string(&path).unwrap();
            let words = text.split(|c: char| !(c.is_ascii_alphanumeric() || "_-./".contains(c)));
            for word in words.map(|w| w.trim_end_matches('.')) {
                if !(word.ends_with(".md") || word.ends_with(".rs")) {
                    continue;
                }
                let exists = [data_dir(id), crate_root.to_path_buf()]
                    .iter()
                    .any(|dir| dir.join(word).is_file());
                assert!(
                    exists,
                    "{} names {word}, which does not exist",
                    path.display()
                );
            }
        }
    }
}

/// Each region's READINGS.md says how its data was read; every initiative with a formula in
/// effects.csv (pending or not) is named there by its id.
#[test]
fn every_encoded_initiative_is_named_in_its_readings() {
    for id in Model::EMBEDDED {
        let readings = std::fs::read_to_string(data_dir(id).join("READINGS.md")).unwrap();
        let model = Model::embedded(id).unwrap().unwrap();
        for initiative in model.initiatives.iter().filter(|i| !i.effects.is_empty()) {
            assert!(
                readings.contains(initiative.id.as_str()),
                "{id}: READINGS.md does not name {}",
                initiative.id
            );
        }
    }
}
