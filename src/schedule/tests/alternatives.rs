//! Alternatives (SPEC 2): the best slot of each distinct time of day, so
//! the regional trade-off shows even when one time wins every weekday.

use std::collections::BTreeSet;

use super::fixtures::{member, utc};
use crate::charter::Member;
use crate::schedule::{Search, Slot, rank_slots};

fn outside(s: &Slot) -> BTreeSet<&str> {
    s.outside_members().collect()
}

#[test]
fn alternatives_are_the_real_choices_between_regions() {
    let members: Vec<Member> = [
        ("brussels", "Europe/Brussels"),
        ("nyc", "America/New_York"),
        ("tokyo", "Asia/Tokyo"),
        ("sydney", "Australia/Sydney"),
    ]
    .iter()
    .map(|(id, zone)| member(id, zone))
    .collect();
    let refs: Vec<&Member> = members.iter().collect();
    let s = Search {
        from: utc(2027, 5, 3, 0, 0),
        to: utc(2027, 5, 15, 0, 0),
        duration_minutes: 60,
        step_minutes: 15,
    };
    let ranking = rank_slots(&refs, &s, 40).unwrap();
    let alternatives = &ranking.alternatives;
    // The best slot is always the first alternative.
    assert_eq!(alternatives[0].start, ranking.slots[0].start);
    // Some alternative leaves out members that none of the top 40 does.
    let top: BTreeSet<BTreeSet<&str>> = ranking.slots.iter().map(outside).collect();
    assert!(
        alternatives.iter().any(|a| !top.contains(&outside(a))),
        "{top:?}"
    );
    // No alternative leaves out a strict superset of another's members.
    for a in alternatives {
        for b in alternatives {
            let (oa, ob) = (outside(a), outside(b));
            assert!(!(oa != ob && ob.is_subset(&oa)), "{oa:?} vs {ob:?}");
        }
    }
    // Tokyo and Sydney are inside in some alternative (early UTC).
    assert!(alternatives.iter().any(|a| {
        let o = outside(a);
        !o.contains("tokyo") && !o.contains("sydney")
    }));
}
