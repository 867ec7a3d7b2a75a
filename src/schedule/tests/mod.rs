//! Tests of scheduling, read like SPEC 2. Offsets and transition dates
//! were checked against the IANA rules for 2027.

mod dst;
mod fixtures;
mod ranking;
mod series;
mod slots;
