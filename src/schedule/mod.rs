//! Time across the members' zones (SPEC 2): what a member's day looks like
//! at a given instant, which meeting times suit a body best, and how a
//! series rotates the out-of-hours burden. No I/O, no terminal: instants
//! are `DateTime<Utc>` throughout, zones appear only in the results shown.

mod availability;
mod error;
pub mod holidays;
mod profile;
mod range;
mod rank;
mod rotation;
mod series;
mod slot;
mod window;

#[cfg(test)]
mod tests;

pub use availability::{Availability, availability_at, is_night};
pub use error::{ScheduleError, format_span};
pub use range::{Bound, parse_bound, start_of_day};
pub use rank::{MAX_CANDIDATES, Search, rank_slots};
pub use series::{Anchor, Burden, Occurrence, Period, Series, SeriesPlan, burden, plan_series};
pub use slot::{Participant, Slot, evaluate_slot};
pub use window::{Edge, resolve_local};
