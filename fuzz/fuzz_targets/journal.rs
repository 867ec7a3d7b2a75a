//! Fuzz target: see [`plenary_fuzz::journal`].
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| plenary_fuzz::journal(data));
