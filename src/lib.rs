//! plenary: governance meetings for global academic alliances.
//!
//! The domain modules (`charter`, `agenda`, `vote`, …) know nothing about
//! the terminal; the front ends (`tui`, the CLI in `main.rs`) are thin
//! layers over them.

pub mod actions;
pub mod agenda;
pub mod approval;
pub mod ballots;
pub mod charter;
pub mod clock;
pub mod duration;
pub mod example;
pub mod export;
pub mod files;
pub mod hub;
pub mod meeting;
pub mod pending;
pub mod rate;
pub mod recorder;
pub mod report;
pub mod reschedule;
pub mod review;
pub mod schedule;
pub mod ssh;
pub mod text;
pub mod tui;
pub mod vote;
pub mod workspace;

#[cfg(test)]
mod test_support;
