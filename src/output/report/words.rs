//! The words of the report in each language: labels, the findings about the input, and the units
//! parameters are stated in. English is how the library speaks; Dutch is a translation of it.

use crate::error::{Finding, Kind, Severity};

/// The words of a report in one language.
pub(crate) struct Labels {
    pub title: &'static str,
    pub shortage: &'static str,
    pub worse: &'static str,
    pub remaining: &'static str,
    pub surplus: &'static str,
    pub surplus_bar: &'static str,
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
    pub waits_for: &'static str,
    pub not_compared: &'static str,
    pub not_counted: &'static str,
    pub waterfall: &'static str,
    pub sectors_chart: &'static str,
    pub tornado_chart: &'static str,
    pub timeline_chart: &'static str,
    pub parameter: &'static str,
    pub tornado_note: &'static str,
    pub low: &'static str,
    pub high: &'static str,
    pub year: &'static str,
    pub scenarios: &'static str,
    pub scenario: &'static str,
    pub as_published: &'static str,
    pub base_shortage: &'static str,
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
    pub freed_only: &'static str,
    pub none_quantified: &'static str,
    pub shortage_only: &'static str,
    pub priorities: &'static str,
    pub priorities_intro: &'static str,
    pub share_of_total: &'static str,
    pub likely: &'static str,
    pub assumed: &'static str,
    pub of: &'static str,
    pub lever: &'static str,
    pub leverage: &'static str,
    pub chance: &'static str,
    pub chance_intro: &'static str,
    pub at_least: &'static str,
    pub with_chance: &'static str,
    pub monitoring: &'static str,
    pub monitoring_intro: &'static str,
    pub monitoring_chart: &'static str,
    pub period: &'static str,
    pub planned_with_data: &'static str,
    pub realised: &'static str,
    pub share_of_plan: &'static str,
    pub status: &'static str,
    pub total: &'static str,
    pub gap: &'static str,
    pub forecast: &'static str,
    pub progress: [&'static str; 4],
    pub quantified_count: &'static str,
    pub not_compared_note: &'static str,
    pub share_without_staff: &'static str,
    pub fte_without_factor: &'static str,
    pub zero_shortage: &'static str,
    pub not_in_persons: &'static str,
    pub remains: &'static str,
    pub remains_worse: &'static str,
    pub surplus_remains: &'static str,
    pub plan_states: &'static str,
    pub on_assumptions: &'static str,
    pub largest: &'static str,
    pub ranges_note: &'static str,
    pub no_source: &'static str,
    pub yes: &'static str,
    pub generated: &'static str,
}

pub(crate) static DUTCH: Labels = Labels {
    title: "Impact initiatieven op personeelstekort",
    shortage: "Tekort",
    worse: "Tekort, slechter scenario",
    remaining: "Resterend tekort",
    surplus: "overschot",
    surplus_bar: "Overschot",
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
    waits_for: "wacht op",
    not_compared: "niet vergeleken",
    not_counted: "telt niet mee",
    waterfall: "Van tekort naar resterend tekort",
    sectors_chart: "Vrijgespeeld en extra nodig per sector",
    tornado_chart: "Welke aannames het totaal het meest bewegen",
    timeline_chart: "Het tekort per jaar",
    parameter: "Parameter",
    tornado_note: "Elke balk: het totaal met die ene aanname aan de lage kant (laag) en aan de hoge kant (hoog) van haar bereik, met de waarde van de aanname en het totaal; de lijn: het totaal zoals berekend.",
    low: "laag",
    high: "hoog",
    year: "Jaar",
    scenarios: "Scenario's naast elkaar",
    scenario: "Scenario",
    as_published: "zoals gepubliceerd",
    base_shortage: "basis",
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
    headline: "De initiatieven spelen {freed} personen vrij: {covered} van het tekort van {shortage} in {year}.",
    freed_only: "De initiatieven spelen {freed} personen vrij.",
    none_quantified: "Geen van de {counted} initiatieven die meetellen is gekwantificeerd: de gegevens zeggen niet hoeveel personeel ze vrijspelen.",
    shortage_only: "Het tekort in {year} is {shortage} personen.",
    priorities: "Doorgaan, opschalen of stoppen: de feiten per initiatief",
    priorities_intro: "Per initiatief dat meetelt wat het vrijspeelt, zijn aandeel in het totaal, zijn bandbreedte, het 5e tot 95e percentiel van de trekkingen (P5 – P95, met bereiken), hoeveel van de parameters die het leest aannames zijn, en de hefboom: de parameter waarvan 1% meer het initiatief het meest verschuift, met wat dat 1% vrijspeelt. Het rangschikt niets en beveelt niets aan.",
    share_of_total: "Aandeel in totaal",
    likely: "P5 – P95",
    assumed: "Aannames",
    of: "van",
    lever: "Hefboom",
    leverage: "+1% hefboom",
    chance: "Hoe waarschijnlijk: het deel van het tekort dat gedekt wordt",
    chance_intro: "Uit {draws} trekkingen over de bereiken van de parameters (seed {seed}; wat de gegevens over die bereiken zeggen staat onder de eerste grafiek): per tekort de kans dat de initiatieven er minstens een kwart, de helft, driekwart of alles van dekken, en het deel dat ze dekken met een kans van 90%, 50% en 10%.",
    at_least: "kans op ≥ {share}",
    with_chance: "gedekt met kans {chance}",
    monitoring: "Monitoring: gerealiseerd tegenover gepland",
    monitoring_intro: "Per periode wat het plan tegen het einde ervan verwacht van de initiatieven met gerealiseerde waarden, en wat zij realiseerden; een initiatief zonder gegevens telt niet als op koers. Op koers: binnen 10% van het plan. Bron van de gerealiseerde cijfers: {sources}.",
    monitoring_chart: "Gepland en gerealiseerd per periode",
    period: "Periode",
    planned_with_data: "Gepland (met gegevens)",
    realised: "Gerealiseerd",
    share_of_plan: "Deel van plan",
    status: "Status",
    total: "Totaal",
    gap: "Tekort gemeten tegenover verwacht",
    forecast: "Verwachting in dit tempo",
    progress: ["op koers", "achter", "voor", "geen gegevens"],
    quantified_count: "{quantified} van de {counted} initiatieven die meetellen zijn gekwantificeerd; de andere {rest} zijn niet gekwantificeerd en tellen niet als nul mee.",
    not_compared_note: "Het tekort in {year} ({scenario}), {shortage}, is niet vergeleken met de vrijgespeelde personen: {why}.",
    share_without_staff: "het is een aandeel, en de gegevens noemen niet het benodigde personeel waarvan het een aandeel is (sleutel required_staff in region.csv, in personen)",
    fte_without_factor: "het staat in fte, en de gegevens noemen geen deeltijdfactor om het in personen om te rekenen (sleutel shortage_part_time_factor in region.csv)",
    zero_shortage: "het is nul, er valt niets te dekken",
    not_in_persons: "het is niet in personen uit te drukken",
    remains: "Er resteert een tekort van {remaining} personen.",
    remains_worse: "Er resteert een tekort van {remaining} personen ({worse} in het slechtere scenario).",
    surplus_remains: "Dat is een overschot van {surplus} personen.",
    plan_states: "Het plan zelf noemt {total} personen, {share} van het tekort.",
    on_assumptions: "{share} van het totaal rust op aannames.",
    largest: "Het grootste initiatief, {name}, draagt {share} van het totaal.",
    ranges_note: "{count} parameters hebben een bereik (ranges.csv). Wat de gegevens over die bereiken zeggen:",
    no_source: "geen bron genoemd",
    yes: "ja",
    generated: "Gemaakt met workforce-gap uit de gegevens van het plan; elk cijfer is herleidbaar tot de parameters in „Bronnen van alle parameters” hierboven.",
};

pub(crate) static ENGLISH: Labels = Labels {
    title: "Impact of the initiatives on the staff shortage",
    shortage: "Shortage",
    worse: "Shortage, worse scenario",
    remaining: "Remaining shortage",
    surplus: "surplus",
    surplus_bar: "Surplus",
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
    waits_for: "waits for",
    not_compared: "not compared",
    not_counted: "not counted",
    waterfall: "From the shortage to the gap that remains",
    sectors_chart: "Staff freed and needed per sector",
    tornado_chart: "The assumptions that move the total most",
    timeline_chart: "The shortage year by year",
    parameter: "Parameter",
    tornado_note: "Each bar: the total with that one assumption at the low end (low) and at the high end (high) of its range, with the assumption's value and the total; the line: the total as computed.",
    low: "low",
    high: "high",
    year: "Year",
    scenarios: "Scenarios side by side",
    scenario: "Scenario",
    as_published: crate::model::scenario::AS_PUBLISHED,
    base_shortage: crate::model::scenario::BASE_SHORTAGE,
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
    headline: "The initiatives free {freed} persons: {covered} of the shortage of {shortage} in {year}.",
    freed_only: "The initiatives free {freed} persons.",
    none_quantified: "None of the {counted} initiatives that count is quantified: the data do not say how many staff they free.",
    shortage_only: "The shortage in {year} is {shortage} persons.",
    priorities: "Continue, scale up or stop: the facts per initiative",
    priorities_intro: "Per initiative that counts what it frees, its share of the total, its bounds, the draws' 5th to 95th percentile (P5 – P95, with ranges), how many of the parameters it reads are assumptions, and its lever: the parameter whose 1% rise moves the initiative most, with what that 1% frees. It ranks nothing and recommends nothing.",
    share_of_total: "Share of total",
    likely: "P5 – P95",
    assumed: "Assumptions",
    of: "of",
    lever: "Lever",
    leverage: "+1% of lever",
    chance: "How likely: the share of the shortage covered",
    chance_intro: "From {draws} draws over the parameters' ranges (seed {seed}; what the data say about those ranges stands under the first chart): per shortage the chance that the initiatives cover at least a quarter, half, three quarters or all of it, and the share they cover with a chance of 90%, 50% and 10%.",
    at_least: "chance of ≥ {share}",
    with_chance: "covered with chance {chance}",
    monitoring: "Monitoring: realised against planned",
    monitoring_intro: "Per period what the plan expects by its end of the initiatives with realised values, and what they realised; an initiative without data never counts as on track. On track: within 10% of the plan. Source of the realised figures: {sources}.",
    monitoring_chart: "Planned and realised per period",
    period: "Period",
    planned_with_data: "Planned (with data)",
    realised: "Realised",
    share_of_plan: "Share of plan",
    status: "Status",
    total: "Total",
    gap: "Shortage measured against projected",
    forecast: "Forecast at this pace",
    progress: ["on track", "behind", "ahead", "no data"],
    quantified_count: "{quantified} of the {counted} initiatives that count are quantified; the other {rest} are not quantified and do not count as zero.",
    not_compared_note: "The shortage in {year} ({scenario}), {shortage}, is not compared with the persons freed: {why}.",
    share_without_staff: "it is a share, and the data do not give the staff required it is a share of (key required_staff in region.csv, in persons)",
    fte_without_factor: "it is stated in FTE, and the data give no part-time factor to convert it to persons (key shortage_part_time_factor in region.csv)",
    zero_shortage: "it is zero, there is nothing to cover",
    not_in_persons: "it cannot be stated in persons",
    remains: "A shortage of {remaining} persons remains.",
    remains_worse: "A shortage of {remaining} persons remains ({worse} in the worse scenario).",
    surplus_remains: "That is a surplus of {surplus} persons.",
    plan_states: "The plan itself states {total} persons, {share} of the shortage.",
    on_assumptions: "{share} of the total rests on assumptions.",
    largest: "The largest initiative, {name}, carries {share} of the total.",
    ranges_note: "{count} parameters have a range (ranges.csv). What the data say about those ranges:",
    no_source: "no source given",
    yes: "yes",
    generated: "Made with workforce-gap from the plan's data; every figure traces back to the parameters in \"Sources of every parameter\" above.",
};

/// A finding in Dutch: the same file, line, column and raw value, and a Dutch sentence for its
/// kind in place of the library's English one.
pub(crate) fn dutch_finding(finding: &Finding) -> String {
    let severity = match finding.severity() {
        Severity::Error => "fout",
        Severity::Warning => "waarschuwing",
        Severity::Info => "ter informatie",
    };
    let mut place = Vec::new();
    if let Some(origin) = &finding.origin {
        // A sheet's row after a comma, as the English finding has it.
        let record = if origin.record() == "row" {
            ", rij"
        } else {
            " regel"
        };
        place.push(format!("{}{record} {}", origin.file, origin.line));
    }
    if let Some(column) = &finding.column {
        place.push(format!("kolom „{column}”"));
    }
    let place = if place.is_empty() {
        String::new()
    } else {
        format!("{}: ", place.join(", "))
    };
    format!(
        "{severity}: {place}„{}” {}",
        finding.value,
        dutch_kind(finding.kind)
    )
}

/// What a finding of each kind says, in Dutch. Every kind has its sentence: a kind added to the
/// library does not compile here until it has one.
fn dutch_kind(kind: Kind) -> &'static str {
    match kind {
        Kind::MissingFile => "ontbreekt: het model heeft dit bestand nodig",
        Kind::UnknownFile => "is geen bestand dat het model kent",
        Kind::Encoding => "is geen tekst in de codering van het bestand: sla het op als UTF-8",
        Kind::MissingColumn => "ontbreekt als kolom in de kopregel",
        Kind::MalformedRecord => {
            "is geen leesbare regel (een verkeerd aantal velden of aanhalingstekens)"
        }
        Kind::NotANumber => "is geen getal in de getalnotatie van het bestand",
        Kind::AmbiguousNumber => {
            "leest in Nederlandse en Engelse notatie als verschillende getallen, en het bestand zegt niet welke het is"
        }
        Kind::OutsideRange => {
            "ligt ver buiten de bandbreedte van de parameter (meer dan haar breedte voorbij een grens)"
        }
        Kind::InvalidValue => "is geen waarde die deze kolom toestaat",
        Kind::InvalidName => "is geen geldige naam voor een parameter",
        Kind::InvalidFormula => "is geen geldige formule",
        Kind::UnknownReference => "verwijst naar iets dat niet bestaat",
        Kind::Duplicate => "staat er twee keer",
        Kind::InvalidNorm => {
            "is geen geldige norm: werkuren boven nul, een deeltijdfactor groter dan 0 en hoogstens 1"
        }
        Kind::ImplausibleNorm => "is een onwaarschijnlijke norm",
        Kind::ShareOutOfRange => "is een aandeel buiten 0 tot 100%",
        Kind::NegativeQuantity => "is negatief, waar een aantal, duur of omvang verwacht wordt",
        Kind::ThemeWeights => {
            "geeft themagewichten die niet kloppen: ze lijken op aandelen maar zijn samen niet één, of een thema staat twee keer bij één initiatief"
        }
        Kind::NoEffects => {
            "is niet gekwantificeerd (het heeft geen effecten in effects.csv) en telt niet mee in de totalen"
        }
        Kind::UnusedParameter => "wordt door geen enkele formule gebruikt",
        Kind::UnreadablePublished => {
            "is geen leesbaar gepubliceerd cijfer; de controle behandelt het als niet gepubliceerd"
        }
        Kind::PossibleDoubleCount => {
            "heeft dezelfde invoer en uitkomsten als een ander initiatief: is het dubbel geteld?"
        }
        Kind::DetectedDialect => "is de schrijfwijze waarin het bestand is gelezen",
        Kind::Pending => "wacht op een waarde die in de gegevens nog als pending staat",
        Kind::NotAFile => {
            "is geen gewoon bestand (een map, FIFO, apparaat of een verwijzing die nergens heen wijst)"
        }
        Kind::TooLarge => "is groter dan de grens die de lader stelt",
        Kind::WrongSeparator => {
            "leest alleen met het andere scheidingsteken als de kolommen van het bestand: kies de schrijfwijze die erbij past"
        }
        Kind::InexactNumber => {
            "is een getal dat een exacte decimaal niet zonder afronden kan bevatten; invoer wordt nooit afgerond"
        }
        Kind::Workbook => {
            "is in de werkmap geen waarde die het model leest (een formule, datum, foutwaarde, samengevoegde cellen of een verborgen blad), of de werkmap is niet te openen"
        }
    }
}

/// Unit words in Dutch, longest phrases first; a word not listed is kept as written.
const DUTCH_UNITS: &[(&str, &str)] = &[
    ("day admissions", "dagopnames"),
    ("day admission", "dagopname"),
    ("group homes", "groepswoningen"),
    ("group home", "groepswoning"),
    ("care demand", "zorgvraag"),
    ("admissions", "opnames"),
    ("admission", "opname"),
    ("apartments", "appartementen"),
    ("apartment", "appartement"),
    ("bed-day", "ligdag"),
    ("beds", "bedden"),
    ("consults", "consulten"),
    ("contacts", "contacten"),
    ("controls", "controles"),
    ("day", "dag"),
    ("days", "dagen"),
    ("doses", "doses"),
    ("GP", "huisarts"),
    ("GPs", "huisartsen"),
    ("hour", "uur"),
    ("hours", "uren"),
    ("inhabitants", "inwoners"),
    ("minute", "minuut"),
    ("minutes", "minuten"),
    ("month", "maand"),
    ("months", "maanden"),
    ("nurse", "verpleegkundige"),
    ("part", "deel"),
    ("patient", "patiënt"),
    ("patients", "patiënten"),
    ("person", "persoon"),
    ("persons", "personen"),
    ("place", "plaats"),
    ("prescriptions", "voorschriften"),
    ("procedures", "verrichtingen"),
    ("ratio", "verhouding"),
    ("referrals", "verwijzingen"),
    ("registration", "inschrijving"),
    ("registrations", "inschrijvingen"),
    ("residents", "bewoners"),
    ("session", "sessie"),
    ("sessions", "sessies"),
    ("share", "aandeel"),
    ("students", "studenten"),
    ("trajectories", "trajecten"),
    ("trajectory", "traject"),
    ("treatment", "behandeling"),
    ("visit", "bezoek"),
    ("visits", "bezoeken"),
    ("week", "week"),
    ("weeks", "weken"),
    ("year", "jaar"),
    ("years", "jaren"),
];

/// A unit as written in the data (`admissions per year`), in Dutch word by word
/// (`opnames per jaar`).
pub(crate) fn dutch_unit(unit: &str) -> String {
    let words: Vec<&str> = unit.split_whitespace().collect();
    let mut out: Vec<&str> = Vec::new();
    let mut rest = words.as_slice();
    while !rest.is_empty() {
        let phrase = |n: usize| rest.get(..n).map(|w| w.join(" "));
        let found = [2, 1].into_iter().find_map(|n| {
            let phrase = phrase(n)?;
            let (_, dutch) = DUTCH_UNITS.iter().find(|(english, _)| *english == phrase)?;
            Some((n, *dutch))
        });
        match found {
            Some((n, dutch)) => {
                out.push(dutch);
                rest = &rest[n..];
            }
            None => {
                out.push(rest[0]);
                rest = &rest[1..];
            }
        }
    }
    out.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn units_in_dutch_word_by_word() {
        assert_eq!(dutch_unit("admissions per year"), "opnames per jaar");
        assert_eq!(
            dutch_unit("residents per group home"),
            "bewoners per groepswoning"
        );
        assert_eq!(dutch_unit("FTE"), "FTE");
        assert_eq!(dutch_unit("share"), "aandeel");
    }
}
