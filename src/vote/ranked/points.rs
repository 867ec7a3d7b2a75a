//! Methods that add up points per option: plurality, approval, Borda, score.

use super::Figures;
use super::order::{Ordered, Secondary, order};
use super::profile::Profile;
use super::result::OptionMap;

/// First preferences; ties broken by Borda points.
pub(super) fn plurality(profile: &Profile, seats: usize, options: &[String]) -> (Ordered, Figures) {
    let firsts = profile.first_preferences();
    let borda = profile.borda();
    let secondary = Secondary {
        name: "Borda points",
        values: &borda,
    };
    let ordered = order(
        "first preferences",
        &firsts,
        Some(secondary),
        seats,
        options,
    );
    (ordered, points(options, firsts))
}

/// Borda points; ties broken by first preferences.
pub(super) fn borda(profile: &Profile, seats: usize, options: &[String]) -> (Ordered, Figures) {
    let borda = profile.borda();
    let firsts = profile.first_preferences();
    let secondary = Secondary {
        name: "first preferences",
        values: &firsts,
    };
    let ordered = order("Borda points", &borda, Some(secondary), seats, options);
    (ordered, points(options, borda))
}

/// Approval or score totals, already summed while building the profile;
/// ties go to the earlier option, since the ballots hold nothing else.
pub(super) fn totals(
    label: &str,
    profile: &Profile,
    seats: usize,
    options: &[String],
) -> (Ordered, Figures) {
    let ordered = order(label, &profile.points, None, seats, options);
    (ordered, points(options, profile.points.clone()))
}

fn points(options: &[String], values: Vec<u64>) -> Figures {
    Figures::Points {
        points: OptionMap::new(options, values),
    }
}
