//! What the store's bytes are spent on: live bytes per keyspace, by one
//! walk over every key, and the size of the directory on disk. The
//! difference is what sled has not reclaimed yet (old versions of pages,
//! log segments awaiting garbage collection) plus its own overhead.
//!
//! A measurement, not a query: it reads every key and value.

use std::path::Path;

use serde::Serialize;

use crate::error::{Error, Result};
use crate::keys::Keyspace;
use crate::store::Store;

/// The keys and bytes of one keyspace.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct KeyspaceUsage {
    /// The keyspace's name, as `verify` reports it ("articles"); `?` for
    /// keys outside the layout.
    pub keyspace: &'static str,
    /// Its one-byte tag.
    pub tag: u8,
    /// How many keys it holds.
    pub keys: u64,
    /// Key and value lengths summed.
    pub bytes: u64,
}

/// The result of [`Store::stats`].
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct StoreStats {
    /// Every keyspace that holds a key, in tag order.
    pub keyspaces: Vec<KeyspaceUsage>,
    /// Key and value bytes of every key: what the store holds.
    pub live_bytes: u64,
    /// The size of the files in the store's directory.
    pub disk_bytes: u64,
}

impl Store {
    /// Walks every key and sizes the directory (see the module docs).
    pub fn stats(&self) -> Result<StoreStats> {
        let mut spaces: Vec<KeyspaceUsage> = Vec::new();
        for entry in self.tree.iter() {
            let (key, value) = self.db(entry, || "scan the store")?;
            let tag = key.first().copied().unwrap_or(0xff);
            let usage = match spaces.last_mut() {
                Some(last) if last.tag == tag => last,
                _ => {
                    spaces.push(KeyspaceUsage {
                        keyspace: Keyspace::from_tag(tag).map_or("?", Keyspace::name),
                        tag,
                        ..KeyspaceUsage::default()
                    });
                    spaces.last_mut().expect("just pushed")
                }
            };
            usage.keys += 1;
            usage.bytes += (key.len() + value.len()) as u64;
        }
        Ok(StoreStats {
            live_bytes: spaces.iter().map(|s| s.bytes).sum(),
            keyspaces: spaces,
            disk_bytes: directory_bytes(self.path())?,
        })
    }
}

/// The lengths of the files under `dir`, recursively.
pub(crate) fn directory_bytes(dir: &Path) -> Result<u64> {
    let io = |source| Error::Io {
        what: "measure the store directory",
        source,
    };
    let mut total = 0;
    for entry in std::fs::read_dir(dir).map_err(io)? {
        let entry = entry.map_err(io)?;
        let meta = entry.metadata().map_err(io)?;
        total += if meta.is_dir() {
            directory_bytes(&entry.path())?
        } else {
            meta.len()
        };
    }
    Ok(total)
}

#[cfg(test)]
mod tests {
    #[test]
    fn bytes_add_up_per_keyspace() {
        let (_dir, store, _) = crate::store::fixtures::filled(3);
        store.flush().unwrap();
        let stats = store.stats().unwrap();
        let names: Vec<_> = stats.keyspaces.iter().map(|s| s.keyspace).collect();
        assert_eq!(
            names,
            [
                "meta",
                "articles",
                "statements",
                "appearances",
                "articles-by-speaker",
                "articles-by-outlet",
                "articles-by-wire",
                "appearances-by-fingerprint",
                "articles-by-day",
                "word-index",
                "counters",
                "unverified"
            ]
        );
        let of = |name: &str| stats.keyspaces.iter().find(|s| s.keyspace == name).unwrap();
        assert_eq!(of("articles").keys, 3);
        assert_eq!(of("statements").keys, 9);
        // Every fingerprint key is 97 bytes with an empty value.
        assert_eq!(of("appearances-by-fingerprint").bytes, 9 * 97);
        let live: u64 = store
            .tree
            .iter()
            .map(|e| {
                let (k, v) = e.unwrap();
                (k.len() + v.len()) as u64
            })
            .sum();
        assert_eq!(stats.live_bytes, live);
        assert!(stats.disk_bytes > 0);
    }
}
