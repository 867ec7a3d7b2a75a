//! The written procedure's tests: counting alone, and recording on files.

mod count;
mod record;
