//! Fuzz target: see [`plenary_fuzz::ballots`].
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| plenary_fuzz::ballots(data));
