//! Fuzz target: see [`plenary_fuzz::charter`].
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| plenary_fuzz::charter(data));
