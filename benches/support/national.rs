//! Synthetic but realistic national data: many regions, each with hundreds of initiatives of
//! the shapes the plans use (contact time, bed-days, extra FTE), about ten parameters each,
//! written as CSV files in the documented schema. Deterministic: the same sizes give the same
//! files. Shared by the `national` example and the `national` bench.

/// A small deterministic generator (SplitMix64), enough for plausible values.
pub struct Numbers(u64);

impl Numbers {
    pub fn new(seed: u64) -> Numbers {
        Numbers(seed)
    }

    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A whole number from `low` to `high`.
    pub fn between(&mut self, low: u64, high: u64) -> u64 {
        low + self.next() % (high - low + 1)
    }
}

/// The files of one synthetic region, as (file name, contents).
pub fn region(
    index: usize,
    initiatives: usize,
    numbers: &mut Numbers,
) -> Vec<(&'static str, String)> {
    let themes = [
        "preventie",
        "digitaal",
        "thuis",
        "arbeidsmarkt",
        "informatie",
    ];
    let sectors = ["huisartsenzorg", "msz", "ggz", "vvt", "sociaal-domein"];
    let inhabitants = numbers.between(150_000, 1_200_000);
    let shortage_2032 = inhabitants / numbers.between(60, 120);
    let mut parameters = String::from("scope,name,value,unit,label,source,assumption\n");
    parameters += &format!("region,inhabitants,{inhabitants},persons,inhabitants,synthetic,no\n");
    parameters += "region,minutes_per_consult,15,minutes,minutes per consult,synthetic,no\n";
    parameters +=
        "region,nursing_minutes_per_bed_day,210,minutes,nursing minutes per bed-day,synthetic,no\n";
    let mut ranges = String::from("scope,name,low,high,distribution,source\n");
    let mut list = String::from("id,name,submitted_by,status,themes,published,seed_line,note\n");
    let mut effects = String::from("initiative,effect,sector,unit,norms,formula,reading\n");
    for i in 0..initiatives {
        let id = format!("r{index}-i{i}");
        let theme = themes[i % themes.len()];
        list += &format!(
            "{id},Initiative {i} of region {index},Organisation {},running,{theme},,,\n",
            i % 17
        );
        let patients = numbers.between(200, 40_000);
        let contacts = numbers.between(1, 12);
        let reduction = numbers.between(1, 30);
        let admissions = numbers.between(50, 5_000);
        let days = numbers.between(1, 9);
        let fte = numbers.between(1, 6);
        for (name, value, unit) in [
            ("patients", patients.to_string(), "persons"),
            ("contacts", contacts.to_string(), "contacts per year"),
            ("reduction", format!("{reduction}%"), "share"),
            ("admissions", admissions.to_string(), "admissions per year"),
            ("days", format!("{days}.{}", numbers.between(0, 9)), "days"),
            (
                "stay_reduction",
                format!("{}%", numbers.between(1, 10)),
                "share",
            ),
            ("extra_fte", fte.to_string(), "FTE"),
            (
                "share_reached",
                format!("{}%", numbers.between(20, 100)),
                "share",
            ),
            (
                "population_elsewhere",
                numbers.between(100_000, 900_000).to_string(),
                "persons",
            ),
            (
                "persons_elsewhere",
                numbers.between(1, 40).to_string(),
                "persons",
            ),
        ] {
            parameters += &format!("{id},{name},{value},{unit},synthetic,synthetic,no\n");
        }
        let low = (reduction / 2).max(1);
        ranges += &format!(
            "{id},reduction,{low}%,{}%,pert,synthetic\n",
            (reduction * 3 / 2).min(100)
        );
        let sector = sectors[i % sectors.len()];
        effects += &format!(
            "{id},contacts,{sector},hours,,patients * share_reached * contacts * reduction * minutes_per_consult / 60,synthetic\n"
        );
        if i % 2 == 0 {
            effects += &format!(
                "{id},bed_days,msz,hours,,admissions * stay_reduction * days * nursing_minutes_per_bed_day / 60,synthetic\n"
            );
        }
        if i % 3 == 0 {
            effects += &format!("{id},staff,{sector},fte,,-extra_fte,synthetic\n");
        }
        if i % 7 == 0 {
            effects += &format!(
                "{id},elsewhere,vvt,persons,,persons_elsewhere * inhabitants / population_elsewhere,synthetic\n"
            );
        }
    }
    vec![
        (
            "region.csv",
            format!("key,value,source\nname,Region {index},synthetic\n"),
        ),
        (
            "norms.csv",
            "norms,working_hours_per_year,part_time_factor,source\ndefault,2000,0.68,synthetic\n"
                .into(),
        ),
        (
            "shortage.csv",
            format!(
                "year,scenario,value,unit,source\n2023,base,{},persons,synthetic\n2032,base,{shortage_2032},persons,synthetic\n2032,worse,{},persons,synthetic\n",
                shortage_2032 / 2,
                shortage_2032 * 3 / 2
            ),
        ),
        (
            "themes.csv",
            themes
                .iter()
                .map(|t| format!("{t},{t}\n"))
                .fold("id,name\n".to_string(), |a, b| a + &b),
        ),
        (
            "sectors.csv",
            sectors
                .iter()
                .map(|s| format!("{s},{s}\n"))
                .fold("id,name\n".to_string(), |a, b| a + &b),
        ),
        ("parameters.csv", parameters),
        ("ranges.csv", ranges),
        ("initiatives.csv", list),
        ("effects.csv", effects),
    ]
}

/// A parameters.csv of `rows` rows (plus what a model needs around it), for loading at scale.
pub fn many_parameters(rows: usize) -> Vec<(&'static str, String)> {
    let mut parameters = String::with_capacity(rows * 48);
    parameters += "scope,name,value,unit,label,source,assumption\n";
    let initiatives = rows.div_ceil(10);
    for row in 0..rows {
        parameters += &format!(
            "i{},p{},{}.{},persons,,,no\n",
            row / 10,
            row % 10,
            row,
            row % 100
        );
    }
    let mut list = String::from("id,name,submitted_by,status,themes,published,seed_line,note\n");
    let mut effects = String::from("initiative,effect,sector,unit,norms,formula,reading\n");
    for i in 0..initiatives {
        list += &format!("i{i},Initiative {i},,running,t,,,\n");
        let terms: Vec<String> = (0..10.min(rows - i * 10))
            .map(|p| format!("p{p}"))
            .collect();
        effects += &format!("i{i},e,s,hours,,{},\n", terms.join(" + "));
    }
    vec![
        (
            "norms.csv",
            "norms,working_hours_per_year,part_time_factor\ndefault,2000,0.68\n".into(),
        ),
        (
            "shortage.csv",
            "year,scenario,value\n2032,base,1000000\n".into(),
        ),
        ("themes.csv", "id,name\nt,Theme\n".into()),
        ("sectors.csv", "id,name\ns,Sector\n".into()),
        ("parameters.csv", parameters),
        ("initiatives.csv", list),
        ("effects.csv", effects),
    ]
}
