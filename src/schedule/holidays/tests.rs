//! The bundled table read back, and one date per country of the example
//! workspace checked against the law or the official list that fixes it
//! (an independent source: not python-holidays, which generated the table).

use chrono::NaiveDate;

use super::*;

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// The names of the holidays of `code` on a date.
fn on(code: &str, date: NaiveDate) -> Vec<&'static str> {
    let id = find(code).unwrap_or_else(|| panic!("{code} is in the table"));
    id.calendar().on(date).iter().map(|h| h.name).collect()
}

#[test]
fn the_whole_table_reads_without_a_damaged_token() {
    let t = table();
    assert_eq!(t.years, (2020, 2040));
    assert!(
        t.source.starts_with("python-holidays 0.109"),
        "{}",
        t.source
    );
    assert!(t.entries.len() > 900, "{}", t.entries.len());
    assert_eq!(parse::damaged(t), Vec::<String>::new());
    for id in 0..t.entries.len() {
        let c = CalendarId(id as u16).calendar();
        assert!(c.first_year >= 2020 && c.last_year <= 2040, "{}", c.code);
        assert!(
            c.all().windows(2).all(|w| w[0].date <= w[1].date),
            "{}",
            c.code
        );
    }
}

#[test]
fn codes_are_found_ignoring_case_and_unknown_ones_get_a_suggestion() {
    assert_eq!(find("au-nsw").map(CalendarId::code), Some("AU-NSW"));
    assert_eq!(find(" CH-ZH ").map(CalendarId::code), Some("CH-ZH"));
    assert_eq!(find("XX"), None);
    assert_eq!(suggest("AU-NSX"), Some("AU-NSW"));
    assert_eq!(suggest("AU-New South Wales"), Some("AU-NSW"));
    assert_eq!(suggest("Bayern"), Some("DE-BY"));
    assert_eq!(suggest("Zürich"), Some("CH-ZH"));
    assert_eq!(suggest("zzzzzzzz"), None);
}

#[test]
fn a_subdivision_adds_to_its_country_and_can_replace_a_date() {
    // Canberra Day is the ACT's own; Good Friday comes from Australia's.
    assert_eq!(on("AU-ACT", day(2027, 3, 8)), ["Canberra Day"]);
    assert_eq!(on("AU-ACT", day(2027, 3, 26)), ["Good Friday"]);
    assert!(on("AU", day(2027, 3, 8)).is_empty());
    // When 26 January falls on a Sunday (2025), NSW keeps the Monday
    // instead: the national date is removed, the observed one added.
    assert!(on("AU-NSW", day(2025, 1, 26)).is_empty());
    assert_eq!(on("AU-NSW", day(2025, 1, 27)), ["Australia Day"]);
}

#[test]
fn estimates_are_marked_and_years_outside_the_data_are_not_covered() {
    let india = find("IN").unwrap().calendar();
    // Eid al-Fitr 2027 is still an estimate (the moon decides).
    let eid = india.on(day(2027, 3, 10));
    assert_eq!(eid.len(), 1);
    assert!(eid[0].estimated && eid[0].name == "Eid al-Fitr", "{eid:?}");
    // Republic Day is fixed by law, never an estimate.
    assert!(!india.on(day(2027, 1, 26))[0].estimated);
    // python-holidays has India's lunar tables only to 2035.
    assert_eq!((india.first_year, india.last_year), (2020, 2035));
    assert!(india.covers(2035) && !india.covers(2036) && !india.covers(2019));
}

/// One date per country of the example workspace (and the subdivisions
/// its charter names), each with the source that fixes it.
#[test]
fn a_holiday_in_each_country_of_the_example_matches_its_published_source() {
    let cases: &[(&str, NaiveDate, &str, &str)] = &[
        // Belgium: Arrêté royal du 18 avril 1974 (jours fériés), art. 1: 21 July.
        (
            "BE",
            day(2027, 7, 21),
            "National Day",
            "BE royal decree 1974",
        ),
        // Switzerland: Federal Constitution, art. 110(3): "The 1st of
        // August is the Swiss National Day."
        ("CH", day(2027, 8, 1), "National Day", "CH Cst. art. 110"),
        // Zürich: Ruhetags- und Ladenöffnungsgesetz (LS 822.4) §1: Good
        // Friday is a public holiday in the canton.
        ("CH-ZH", day(2027, 3, 26), "Good Friday", "ZH RLG §1"),
        // Germany: Unification Treaty 1990, art. 2(2): 3 October.
        (
            "DE",
            day(2027, 10, 3),
            "German Unity Day",
            "Einigungsvertrag",
        ),
        // Bavaria: Feiertagsgesetz (FTG) art. 1(1): Epiphany, 6 January.
        ("DE-BY", day(2027, 1, 6), "Epiphany", "BY FTG art. 1"),
        // South Africa: Public Holidays Act 36 of 1994, Schedule 1: Freedom
        // Day, 27 April.
        ("ZA", day(2027, 4, 27), "Freedom Day", "ZA Act 36 of 1994"),
        // Qatar: Emiri Decree No. 80 of 2011: National Sport Day, the
        // second Tuesday of February (9 February 2027).
        (
            "QA",
            day(2027, 2, 9),
            "National Sports Day",
            "QA decree 80/2011",
        ),
        // India: Department of Personnel and Training, holiday office
        // memorandum: Gandhi Jayanti, 2 October, one of the three national
        // holidays.
        (
            "IN",
            day(2027, 10, 2),
            "Mahatma Gandhi's Birthday",
            "DoPT list",
        ),
        // Nepal: the Government of Nepal's public-holiday list (Ministry of
        // Home Affairs) has kept Christmas Day, 25 December, since 2008.
        ("NP", day(2027, 12, 25), "Christmas Day", "Nepal MoHA list"),
        // Singapore: Holidays Act 1998, Schedule: National Day, 9 August.
        ("SG", day(2027, 8, 9), "National Day", "SG Holidays Act"),
        // Japan: Act on National Holidays (Act No. 178 of 1948), art. 2:
        // Constitution Memorial Day, 3 May.
        ("JP", day(2027, 5, 3), "Constitution Day", "JP Act 178/1948"),
        // New South Wales: Public Holidays Act 2010 (NSW), s 4: Easter
        // Saturday (Easter Sunday 2027 is 28 March).
        (
            "AU-NSW",
            day(2027, 3, 27),
            "Easter Saturday",
            "NSW Act 2010 s 4",
        ),
        // New Zealand: Holidays Act 2003, s 45A: Waitangi Day on a Saturday
        // (6 February 2027) is observed on the Monday, 8 February.
        (
            "NZ",
            day(2027, 2, 8),
            "Waitangi Day (observed)",
            "NZ Holidays Act s 45A",
        ),
        // Brazil: Lei nº 10.607/2002 (amending Lei nº 662/1949): Tiradentes,
        // 21 April.
        ("BR", day(2027, 4, 21), "Tiradentes' Day", "BR Lei 10.607"),
        // São Paulo (state): Lei estadual nº 9.497/1997: 9 July.
        (
            "BR-SP",
            day(2027, 7, 9),
            "Constitutionalist Revolution",
            "SP Lei 9.497/1997",
        ),
        // Canada: Holidays Act (R.S.C. 1985, c. H-5), s 2: Canada Day, 1 July.
        ("CA", day(2027, 7, 1), "Canada Day", "CA Holidays Act"),
        // British Columbia: Interpretation Act (RSBC 1996, c 238), s 29:
        // British Columbia Day, the first Monday in August (2 August 2027).
        (
            "CA-BC",
            day(2027, 8, 2),
            "British Columbia Day",
            "BC Interpretation Act",
        ),
        // United States: 5 U.S.C. § 6103(a): Thanksgiving, the fourth
        // Thursday in November (25 November 2027).
        ("US", day(2027, 11, 25), "Thanksgiving Day", "5 USC 6103"),
    ];
    for (code, date, name, source) in cases {
        assert!(
            on(code, *date).contains(name),
            "{code} {date}: expected {name} ({source}), table has {:?}",
            on(code, *date)
        );
    }
    // And an ordinary day is not a holiday anywhere in that list.
    for (code, _, _, _) in cases {
        assert!(on(code, day(2027, 3, 3)).is_empty(), "{code}");
    }
}
