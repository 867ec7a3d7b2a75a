//! Time across the members' zones (SPEC 2): what a member's day looks like
//! at a given instant, which meeting times suit a body best, and how a
//! series rotates the out-of-hours burden. No I/O, no terminal: instants
//! are `DateTime<Utc>` throughout, zones appear only in the results shown.

mod agendas;
mod alternatives;
mod availability;
mod choices;
mod error;
mod held;
pub mod holidays;
mod ledger;
mod notes;
mod profile;
mod range;
mod rank;
mod rotation;
mod series;
mod slot;
mod window;

#[cfg(test)]
mod tests;

pub use agendas::{PlannedAgenda, agendas_from_template};
pub use availability::{Availability, availability_at, is_night};
pub use error::{ScheduleError, format_span};
pub use held::{held_from, held_meetings, meeting_states};
pub use ledger::{HeldMeeting, Ledger};
pub use notes::Note;
pub use range::{Bound, parse_bound, start_of_day};
pub use rank::{LAST_ZONE_YEAR, MAX_CANDIDATES, MAX_TOP, Ranking, Search, rank_slots};
pub use series::{
    Anchor, Burden, Constraint, DEFAULT_TOLERANCE, MAX_COUNT, Occurrence, Period, Series,
    SeriesPlan, burden, plan_series,
};
pub use slot::{HolidayMark, Participant, Slot, evaluate_slot};
pub use window::{Edge, resolve_local};
