//! Fuzz target: see [`plenary_fuzz::agenda`].
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| plenary_fuzz::agenda(data));
