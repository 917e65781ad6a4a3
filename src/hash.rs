//! The hasher of the maps and sets of names and ids that loading and validation build.
//!
//! The standard SipHash resists hash flooding by crafted keys, at several times the cost for the
//! short names a model uses. The keys here come from the analyst's own files, so there is no
//! adversary to resist: foldhash's fast hasher (a folded multiply per word) is enough, and its
//! fixed seed keeps runs alike.

use std::collections::{HashMap, HashSet};

/// The hasher's state: foldhash's, with a fixed seed.
type FastState = foldhash::fast::FixedState;

/// A `HashMap` with foldhash's fast hasher.
pub(crate) type FastMap<K, V> = HashMap<K, V, FastState>;

/// A `HashSet` with foldhash's fast hasher.
pub(crate) type FastSet<T> = HashSet<T, FastState>;

/// An empty [`FastMap`] with room for `capacity` entries.
pub(crate) fn map_with_capacity<K, V>(capacity: usize) -> FastMap<K, V> {
    FastMap::with_capacity_and_hasher(capacity, FastState::default())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::hash::BuildHasher;

    fn hash(value: impl std::hash::Hash) -> u64 {
        FastState::default().hash_one(value)
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
