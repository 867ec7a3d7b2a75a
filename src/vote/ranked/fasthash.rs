//! A small multiplicative hasher for the tally's hot maps.
//!
//! The standard SipHash guards against hash flooding by untrusted input;
//! ballot files come from the secretariat, and hashing 100,000 rankings is
//! the bulk of a large tally, so a word-at-a-time hash (as in rustc's
//! FxHash) is the better trade here.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// A `HashMap` using [`WordHasher`].
pub(super) type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<WordHasher>>;

/// Rotate, xor, multiply: one round per machine word.
#[derive(Default, Clone, Copy)]
pub(super) struct WordHasher(u64);

const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

impl WordHasher {
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(SEED);
    }
}

impl Hasher for WordHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            self.add(u64::from_le_bytes(word));
        }
        for &b in chunks.remainder() {
            self.add(u64::from(b));
        }
    }

    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }

    fn write_u64(&mut self, i: u64) {
        self.add(i);
    }

    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }

    fn finish(&self) -> u64 {
        // The multiply pushes entropy upwards; the map indexes buckets by
        // the low bits, so bring the well-mixed high bits down.
        self.0.rotate_left(26)
    }
}
