//! WISN: a published case and a hand-computed one pinned to their arithmetic, and hostile tables
//! refused with located findings, all of them at once, never a panic.

use proptest::prelude::*;
use rust_decimal::Decimal;
use std::path::{Path, PathBuf};
use workforce_gap::{Error, Finding, Kind, Staffing, Wisn};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

fn d(text: &str) -> Decimal {
    text.parse().unwrap()
}

fn staffing(folder: &str) -> Staffing {
    Wisn::load_dir(fixture(folder)).unwrap().staffing().unwrap()
}

/// Burmen, Owuor and Mitei, Human Resources for Health 15:9 (2017), Table 3: the clinicians of
/// an HIV clinic in Kisumu, 2011 (see tests/fixtures/wisn-hiv-clinic/README.md).
#[test]
fn the_published_hiv_clinic_case() {
    let s = staffing("wisn-hiv-clinic");
    // 52 weeks * 4.5 days = 234; 234 - 10 holidays - 30 annual leave - 15 sick leave = 179 days,
    // as published; * 8 hours = 1432 hours
    assert_eq!(
        s.available_days,
        d("52") * d("4.5") - d("10") - d("30") - d("15")
    );
    assert_eq!(s.available_days, d("179"));
    assert_eq!(s.available_hours.value(), d("1432"));
    // standard workload: 1432 hours * 60 / 15 minutes = 5728 consultations a clinician
    let consultation = &s.services[0];
    assert_eq!(consultation.standard_workload, d("5728"));
    // 100,000 consultations * 15 minutes / (1432 * 60 minutes) = 25,000 hours / 1432: the paper's
    // 3125 days / 179 days = 17.46 clinicians
    let staff = d("100000") * d("15") / (d("1432") * d("60"));
    assert_eq!(consultation.staff.value(), staff);
    assert_eq!(staff.round_dp(2), d("17.46"));
    assert_eq!(s.service_staff.value(), staff);
    // category allowance: 10 training days of the 179 available, as the paper divides them
    let share = d("10") / d("179");
    assert_eq!(s.category_allowance.value(), share);
    // CAF = 1 / (1 - 10/179) = 179/169 ~ 1.0592; no individual allowances
    let caf = Decimal::ONE / (Decimal::ONE - share);
    assert_eq!(s.caf.value(), caf);
    assert_eq!(caf.round_dp(4), d("1.0592"));
    assert_eq!(s.iaf.value(), Decimal::ZERO);
    // required: 17.458 * 1.0592 = 18.49 clinicians; 12 there are
    let required = staff * caf;
    assert_eq!(s.required.value(), required);
    assert_eq!(required.round_dp(2), d("18.49"));
    assert_eq!(s.current.value(), d("12"));
    assert_eq!(s.difference.value(), d("12") - required);
    assert_eq!(s.ratio.unwrap().value(), d("12") / required);
    assert_eq!(s.ratio.unwrap().value().round_dp(2), d("0.65"));
}

/// tests/fixtures/wisn-ward: figures chosen so that every step comes out round.
#[test]
fn the_hand_computed_ward() {
    let s = staffing("wisn-ward");
    // (260 - 10 - 25 - 5 - 0) = 220 days * 8 hours = 1760 hours
    assert_eq!(s.available_days, d("220"));
    assert_eq!(s.available_hours.value(), d("1760"));
    let [care, admission] = &s.services[..] else {
        panic!("two health services: {:?}", s.services)
    };
    // patient care: 1760 * 60 / 30 minutes = 3520 patient days a nurse; 17600 / 3520 = 5
    assert_eq!(care.activity, "patient care");
    assert_eq!(care.standard_workload, d("3520"));
    assert_eq!(care.staff.value(), d("5"));
    // admission: 1760 / 2 hours = 880 admissions a nurse; 2640 / 880 = 3
    assert_eq!(admission.standard_workload, d("880"));
    assert_eq!(admission.staff.value(), d("3"));
    assert_eq!(s.service_staff.value(), d("8"));
    // meetings 10% + records 176 / 1760 hours = 10%: 20%; CAF = 1 / (1 - 0.2) = 1.25
    assert_eq!(s.category_allowance.value(), d("0.2"));
    assert_eq!(s.caf.value(), d("1.25"));
    // ward management 1 * 440 / 1760 = 0.25, teaching 2 * 11 days / 220 days = 0.1: IAF 0.35
    assert_eq!(s.iaf.value(), d("0.35"));
    // 8 * 1.25 + 0.35 = 10.35 required; 9 - 10.35 = -1.35; 9 / 10.35
    assert_eq!(s.required.value(), d("10.35"));
    assert_eq!(s.current.value(), d("9"));
    assert_eq!(s.difference.value(), d("-1.35"));
    assert_eq!(s.ratio.unwrap().value(), d("9") / d("10.35"));
}

#[test]
fn the_figures_come_as_keys_and_exact_values() {
    let rows = staffing("wisn-ward").key_values();
    let value = |key: &str| {
        let (_, value) = rows.iter().find(|(k, _)| k == key).unwrap();
        value.unwrap()
    };
    assert_eq!(value("available_hours"), d("1760"));
    assert_eq!(value("standard_workload.patient care"), d("3520"));
    assert_eq!(value("staff.admission"), d("3"));
    assert_eq!(value("caf"), d("1.25"));
    assert_eq!(value("required_staff"), d("10.35"));
    assert_eq!(value("difference"), d("-1.35"));
    assert_eq!(rows.last().unwrap().0, "ratio");
}

const TIME: &str = "key,value
working_days,260
public_holidays,10
annual_leave,25
sick_leave,5
other_leave,0
hours_per_day,8
current_staff,9
";

const ACTIVITIES: &str = "activity,kind,workload,standard,unit
care,health-service,17600,30,minutes
";

/// The staffing of tables without problems.
fn computed(time: &str, activities: &str) -> Staffing {
    let wisn = Wisn::from_texts(&[("time.csv", time), ("activities.csv", activities)]);
    wisn.unwrap().staffing().unwrap()
}

/// The findings of a WISN input that must be refused, as (file, line, column, value, kind).
fn refused(time: &str, activities: &str) -> Vec<(String, u64, String, String, Kind)> {
    let error =
        Wisn::from_texts(&[("time.csv", time), ("activities.csv", activities)]).unwrap_err();
    let Error::Input { findings } = error else {
        panic!("not an input error: {error}")
    };
    findings.iter().map(located).collect()
}

fn located(finding: &Finding) -> (String, u64, String, String, Kind) {
    let (file, line) = finding
        .origin
        .as_ref()
        .map_or((String::new(), 0), |o| (o.file.clone(), o.line));
    let column = finding.column.clone().unwrap_or_default();
    (file, line, column, finding.value.clone(), finding.kind)
}

fn at(
    file: &str,
    line: u64,
    column: &str,
    value: &str,
    kind: Kind,
) -> (String, u64, String, String, Kind) {
    (file.into(), line, column.into(), value.into(), kind)
}

#[test]
fn the_tables_without_problems_load() {
    let s = computed(TIME, ACTIVITIES);
    // 17600 * 30 / (1760 * 60) = 5; no allowances: CAF 1
    assert_eq!(s.required.value(), d("5"));
}

#[test]
fn category_allowances_of_all_the_working_time_leave_caf_undefined() {
    // 60% + 40% = 100%: 1 / (1 - 1) divides by zero; located at the row that reaches 100%.
    // Beyond: 50% + 1056 hours of 1760 = 50% + 60% = 110%.
    let cases = [
        (
            "meetings,category-allowance,,60,%\nrecords,category-allowance,,40,%\n",
            "40",
            "100% of the available working time",
        ),
        (
            "meetings,category-allowance,,50,%\nrecords,category-allowance,,1056,hours\n",
            "1056",
            "110%",
        ),
    ];
    for (rows, value, words) in cases {
        let activities = format!("{ACTIVITIES}{rows}");
        let found = refused(TIME, &activities);
        let expected = at("activities.csv", 4, "standard", value, Kind::InvalidValue);
        assert_eq!(found, [expected]);
        let error =
            Wisn::from_texts(&[("time.csv", TIME), ("activities.csv", &activities)]).unwrap_err();
        assert!(error.to_string().contains(words), "{error}");
    }
}

#[test]
fn a_health_service_without_time_per_unit_is_refused() {
    let activities = "activity,kind,workload,standard,unit\ncare,health-service,17600,0,minutes\n";
    let found = refused(TIME, activities);
    assert_eq!(
        found,
        [at("activities.csv", 2, "standard", "0", Kind::InvalidValue)]
    );
}

#[test]
fn negative_values_are_refused_in_both_files_at_once() {
    let time = TIME
        .replace("sick_leave,5", "sick_leave,-5")
        .replace("current_staff,9", "current_staff,-1");
    let activities = "activity,kind,workload,standard,unit
care,health-service,-17600,30,minutes
teaching,individual-allowance,2,-11,days
";
    let found = refused(&time, activities);
    assert_eq!(
        found,
        [
            at(
                "activities.csv",
                2,
                "workload",
                "-17600",
                Kind::InvalidValue
            ),
            at("activities.csv", 3, "standard", "-11", Kind::InvalidValue),
            at("time.csv", 5, "value", "-5", Kind::InvalidValue),
            at("time.csv", 8, "value", "-1", Kind::InvalidValue),
        ]
    );
}

#[test]
fn no_available_working_time_is_refused_where_the_days_are() {
    let time = TIME.replace("annual_leave,25", "annual_leave,245");
    let found = refused(&time, ACTIVITIES);
    // 260 - 10 - 245 - 5 - 0 = 0 days
    assert_eq!(
        found,
        [at("time.csv", 2, "value", "260", Kind::InvalidValue)]
    );
    let time = TIME.replace("hours_per_day,8", "hours_per_day,0");
    assert_eq!(
        refused(&time, ACTIVITIES),
        [at("time.csv", 7, "value", "0", Kind::InvalidValue)]
    );
    let time = TIME.replace("hours_per_day,8", "hours_per_day,25");
    assert_eq!(
        refused(&time, ACTIVITIES),
        [at("time.csv", 7, "value", "25", Kind::InvalidValue)]
    );
}

#[test]
fn every_problem_of_both_tables_is_listed_together() {
    let time = "key,value
working_days,260
weeks,52
public_holidays,ten
holidays,3
hours_per_day,8
hours_per_day,7
";
    let activities = "activity,kind,workload,standard,unit
care,health-service,17600,30,minutes
care,health-service,100,1,hours
visits,home-visit,100,1,hours
calls,health-service,100,1,seconds
meetings,category-allowance,12,10,%
rounds,health-service,100,10,%
,individual-allowance,1,2,days
";
    let found = refused(time, activities);
    let expected = [
        at("", 0, "key", "annual_leave", Kind::InvalidValue),
        at("", 0, "key", "current_staff", Kind::InvalidValue),
        at("", 0, "key", "other_leave", Kind::InvalidValue),
        at("", 0, "key", "sick_leave", Kind::InvalidValue),
        at("", 0, "key", "working_days", Kind::InvalidValue),
        at("activities.csv", 3, "activity", "care", Kind::Duplicate),
        at(
            "activities.csv",
            4,
            "kind",
            "home-visit",
            Kind::InvalidValue,
        ),
        at("activities.csv", 5, "unit", "seconds", Kind::InvalidValue),
        at("activities.csv", 6, "workload", "12", Kind::InvalidValue),
        at("activities.csv", 7, "unit", "%", Kind::InvalidValue),
        at("activities.csv", 8, "activity", "", Kind::InvalidValue),
        at("time.csv", 4, "value", "ten", Kind::NotANumber),
        at("time.csv", 5, "key", "holidays", Kind::InvalidValue),
        at("time.csv", 7, "key", "hours_per_day", Kind::Duplicate),
    ];
    let missing: Vec<_> = expected.iter().filter(|e| !found.contains(e)).collect();
    assert!(missing.is_empty(), "missing {missing:?} in {found:#?}");
    assert_eq!(found.len(), expected.len(), "{found:#?}");
}

#[test]
fn weeks_and_days_per_week_make_the_working_days() {
    let time = TIME.replace("working_days,260", "weeks,52\ndays_per_week,5");
    let s = computed(&time, ACTIVITIES);
    assert_eq!(s.available_days, d("220"));
    let time = TIME.replace("working_days,260", "weeks,52");
    let found = refused(&time, ACTIVITIES);
    assert_eq!(
        found,
        [at("", 0, "key", "days_per_week", Kind::InvalidValue)]
    );
}

#[test]
fn a_folder_without_the_tables_says_which_are_missing() {
    let region = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/limburg");
    let error = Wisn::load_dir(region).unwrap_err();
    let missing: Vec<_> = error
        .findings()
        .iter()
        .map(|f| (f.kind, f.value.as_str()))
        .collect();
    assert_eq!(
        missing,
        [
            (Kind::MissingFile, "activities.csv"),
            (Kind::MissingFile, "time.csv")
        ]
    );
    assert!(
        error.to_string().contains("\"time.csv\" is missing"),
        "{error}"
    );
}

#[test]
fn a_table_with_no_health_service_is_refused() {
    let activities = "activity,kind,workload,standard,unit\nmeetings,category-allowance,,10,%\n";
    let found = refused(TIME, activities);
    assert_eq!(
        found,
        [at("", 0, "kind", "health-service", Kind::InvalidValue)]
    );
}

#[test]
fn no_staff_required_has_no_ratio() {
    let activities = "activity,kind,workload,standard,unit\ncare,health-service,0,30,minutes\n";
    let s = computed(TIME, activities);
    assert_eq!(s.required.value(), Decimal::ZERO);
    assert_eq!(s.ratio, None);
    assert_eq!(s.difference.value(), d("9"));
}

proptest! {
    /// Whatever the tables hold, reading and computing return a result or an error.
    #[test]
    fn no_table_makes_wisn_panic(
        time_edit in (0..TIME.len(), "[-0-9a-z,.%\"\n]{0,12}"),
        activity_edit in (0..ACTIVITIES.len(), "[-0-9a-z,.%\"\n]{0,12}"),
        extra in "[-0-9a-z,.% ]{0,40}",
    ) {
        let splice = |text: &str, (at, insert): &(usize, String)| {
            let at = (0..=*at).rev().find(|i| text.is_char_boundary(*i)).unwrap_or(0);
            format!("{}{insert}{}", &text[..at], &text[at..])
        };
        let time = splice(TIME, &time_edit);
        let activities = splice(ACTIVITIES, &activity_edit) + &extra;
        if let Ok(wisn) = Wisn::from_texts(&[("time.csv", &time), ("activities.csv", &activities)]) {
            let _ = wisn.staffing();
        }
    }
}
