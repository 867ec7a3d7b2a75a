//! Time across the members' zones (SPEC 2): what a member's day looks like
//! at a given instant. No I/O, no terminal.

mod availability;

pub use availability::{Availability, availability_at, is_night};
