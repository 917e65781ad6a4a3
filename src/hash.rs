//! A fast hasher for the maps and sets of names and ids that loading and validation build.
//!
//! The standard SipHash resists hash flooding by crafted keys, at several times the cost for the
//! short names a model uses. The keys here come from the analyst's own files, so there is no
//! adversary to resist, and a multiply per word of the key is enough.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

/// A `HashMap` with [`FastHasher`].
pub(crate) type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<FastHasher>>;

/// A `HashSet` with [`FastHasher`].
pub(crate) type FastSet<T> = HashSet<T, BuildHasherDefault<FastHasher>>;

/// An empty [`FastMap`] with room for `capacity` entries.
pub(crate) fn map_with_capacity<K, V>(capacity: usize) -> FastMap<K, V> {
    FastMap::with_capacity_and_hasher(capacity, BuildHasherDefault::default())
}

/// Mixes in each word of the key with a folded multiply: the full 128-bit product of the state
/// and a constant, its halves xored. Unlike FxHash's plain multiply, which carries a difference
/// only upwards, the high half spreads every bit over every other, so names such as `r3-i10109`
/// and `r3-i10182` do not collide. Not resistant to crafted keys (see the module docs).
#[derive(Clone, Copy)]
pub(crate) struct FastHasher {
    hash: u64,
}

/// Odd constants with well-spread bits (the digits of pi, as in foldhash).
const START: u64 = 0x243f_6a88_85a3_08d3;
const MULTIPLIER: u64 = 0x1319_8a2e_0370_7344 | 1;

impl Default for FastHasher {
    fn default() -> Self {
        FastHasher { hash: START }
    }
}

impl FastHasher {
    fn add(&mut self, word: u64) {
        let product = u128::from(self.hash ^ word) * u128::from(MULTIPLIER);
        self.hash = (product as u64) ^ ((product >> 64) as u64);
    }
}

impl Hasher for FastHasher {
    fn write(&mut self, mut bytes: &[u8]) {
        // Words of 8 bytes, then one of 4, 2 and 1 as the length requires: strings of different
        // lengths are different sequences of words.
        while let Some((word, rest)) = bytes.split_first_chunk() {
            self.add(u64::from_le_bytes(*word));
            bytes = rest;
        }
        if let Some((word, rest)) = bytes.split_first_chunk() {
            self.add(u64::from(u32::from_le_bytes(*word)));
            bytes = rest;
        }
        if let Some((word, rest)) = bytes.split_first_chunk() {
            self.add(u64::from(u16::from_le_bytes(*word)));
            bytes = rest;
        }
        if let Some(&byte) = bytes.first() {
            self.add(u64::from(byte));
        }
    }

    fn write_u8(&mut self, n: u8) {
        self.add(u64::from(n));
    }

    fn write_u16(&mut self, n: u16) {
        self.add(u64::from(n));
    }

    fn write_u32(&mut self, n: u32) {
        self.add(u64::from(n));
    }

    fn write_u64(&mut self, n: u64) {
        self.add(n);
    }

    fn write_usize(&mut self, n: usize) {
        self.add(n as u64);
    }

    fn finish(&self) -> u64 {
        self.hash
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::hash::BuildHasher;

    fn hash(value: impl std::hash::Hash) -> u64 {
        BuildHasherDefault::<FastHasher>::default().hash_one(value)
    }

    #[test]
    fn equal_keys_hash_alike_and_names_of_a_national_model_do_not_collide() {
        assert_eq!(hash("patients"), hash(String::from("patients")));
        assert_eq!(hash((Some("r1-i7"), "days")), hash((Some("r1-i7"), "days")));
        let mut seen = FastSet::default();
        for initiative in 0..20_000 {
            for name in ["patients", "p0", "p1", "reduction", "share_reached", ""] {
                let key = (Some(format!("r3-i{initiative}")), name);
                assert!(seen.insert(hash(&key)), "{key:?} collides");
            }
        }
        assert!(seen.insert(hash((None::<&str>, "patients"))));
    }

    #[test]
    fn trailing_zero_bytes_and_splits_change_the_hash() {
        assert_ne!(hash(b"a".as_slice()), hash(b"a\0".as_slice()));
        assert_ne!(hash("r3-i100"), hash("r3-i1008"));
        assert_ne!(hash("r3-i10109"), hash("r3-i10182"));
        assert_ne!(hash(("ab", "c")), hash(("a", "bc")));
        assert_ne!(hash(""), hash(("", "")));
    }

    #[test]
    fn maps_and_sets_with_it_behave_as_maps_and_sets() {
        let mut map: FastMap<&str, usize> = map_with_capacity(2);
        map.insert("a", 1);
        map.insert("b", 2);
        *map.entry("a").or_default() += 10;
        assert_eq!(map.get("a"), Some(&11));
        assert_eq!(map.get("c"), None);
    }
}
