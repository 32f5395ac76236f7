//! A fast hasher (the FxHash algorithm from rustc) for the build's word maps: search tokens
//! and glossary matching hash every word of every document, and the standard SipHash costs
//! several times more per short key. A final mixing step spreads the low bits, which the hash
//! table uses. Not resistant to crafted collisions, which is fine for a site's own text.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// Hash maps keyed by words during the build.
pub(crate) type FxHashMap<K, V> = HashMap<K, V, BuildHasherDefault<FxHasher>>;

const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

/// Multiply-rotate hashing of 8 bytes at a time.
#[derive(Default, Clone, Copy)]
pub(crate) struct FxHasher {
    hash: u64,
}

impl FxHasher {
    fn add(&mut self, word: u64) {
        self.hash = (self.hash.rotate_left(5) ^ word).wrapping_mul(SEED);
    }
}

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            self.add(u64::from_le_bytes(word));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut word = [0u8; 8];
            word[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(word) ^ ((rest.len() as u64) << 59));
        }
    }

    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }

    fn write_u32(&mut self, i: u32) {
        self.add(u64::from(i));
    }

    fn write_u64(&mut self, i: u64) {
        self.add(i);
    }

    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }

    fn finish(&self) -> u64 {
        // The multiply leaves the low bits, which pick the bucket, poorly mixed; fold the high
        // bits down (the MurmurHash3 finaliser step) so similar words spread out.
        let h = (self.hash ^ (self.hash >> 33)).wrapping_mul(0xff51_afd7_ed55_8ccd);
        h ^ (h >> 33)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distinguishes_words_that_differ_in_length_only() {
        let words = ["a", "a\0", "ab", "abcdefgh", "abcdefgh\0", "abcdefghi"];
        let hashes: std::collections::BTreeSet<u64> = words
            .iter()
            .map(|w| {
                let mut h = FxHasher::default();
                h.write(w.as_bytes());
                h.finish()
            })
            .collect();
        assert_eq!(hashes.len(), words.len());
    }
}
