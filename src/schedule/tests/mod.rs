//! Tests of scheduling, read like SPEC 2. Offsets and transition dates
//! were checked against the IANA rules for 2027.

mod alternatives;
mod dst;
mod fixtures;
mod holidays;
mod night;
mod ranking;
mod reference;
mod series;
mod series_same;
mod slots;
