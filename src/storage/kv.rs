//! The abstract key-value store the storage layer runs on (localStorage in
//! the browser, implemented by `platform`), and `MemoryKv`, an in-memory
//! store for tests that can simulate the browser's byte quota, an
//! unavailable store and injected corrupt values.

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::rc::Rc;

/// Why a key-value operation failed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum KvError {
    /// The write would exceed the origin's storage quota (`QuotaExceededError`).
    #[error("storage quota exceeded")]
    QuotaExceeded,
    /// Storage cannot be used at all (disabled, private mode, security error).
    #[error("storage unavailable")]
    Unavailable,
    /// Any other backend failure, with the backend's message.
    #[error("storage backend error: {0}")]
    Other(String),
}

/// A string key-value store with localStorage semantics: synchronous, whole
/// values, a write either fully happens or fails.
pub trait KvStore {
    /// Value of `key`, or `None` when absent.
    fn get(&self, key: &str) -> Result<Option<String>, KvError>;
    /// Store `value` under `key`, replacing any previous value.
    fn set(&mut self, key: &str, value: &str) -> Result<(), KvError>;
    /// Remove `key` (absent keys are not an error).
    fn remove(&mut self, key: &str) -> Result<(), KvError>;
    /// All keys currently present (any order).
    fn keys(&self) -> Result<Vec<String>, KvError>;
}

/// A shared handle lets two `Repository` values use one store, the way two
/// browser tabs share one localStorage.
impl<K: KvStore> KvStore for Rc<RefCell<K>> {
    fn get(&self, key: &str) -> Result<Option<String>, KvError> {
        self.borrow().get(key)
    }
    fn set(&mut self, key: &str, value: &str) -> Result<(), KvError> {
        self.borrow_mut().set(key, value)
    }
    fn remove(&mut self, key: &str) -> Result<(), KvError> {
        self.borrow_mut().remove(key)
    }
    fn keys(&self) -> Result<Vec<String>, KvError> {
        self.borrow().keys()
    }
}

/// Marks a value the browser holds but could not hand over unchanged (not
/// valid UTF-16): what follows is the value as a JSON string literal, with
/// every lone surrogate escaped. It is not JSON itself, so it is never taken
/// for a record, and the storage layer never deletes the original it stands
/// for (a copy would not be the same bytes).
pub const ESCAPED_PREFIX: &str = "kiemtra-escaped-utf16:";

/// The escaped stand-in for a value whose JSON string literal is `literal`.
pub fn escaped_value(literal: &str) -> String {
    format!("{ESCAPED_PREFIX}{literal}")
}

/// Whether `value` is such a stand-in rather than the stored bytes.
pub fn is_escaped(value: &str) -> bool {
    value.starts_with(ESCAPED_PREFIX)
}

/// Bytes an entry costs in browser accounting: UTF-16 code units of key and
/// value, two bytes each.
pub fn entry_bytes(key: &str, value: &str) -> usize {
    (key.encode_utf16().count() + value.encode_utf16().count()) * 2
}

/// In-memory `KvStore` with failure simulation, for tests and as a fallback
/// when the browser store is unavailable.
#[derive(Debug, Clone, Default)]
pub struct MemoryKv {
    entries: BTreeMap<String, String>,
    /// Browser-accounting bytes of `entries`, kept up to date by every
    /// change so that a write's quota check does not re-measure the whole
    /// store (the benchmark's L fills 10 MiB one record at a time).
    used: usize,
    quota_bytes: Option<usize>,
    unavailable: bool,
    failing_keys: BTreeMap<String, KvError>,
}

impl MemoryKv {
    /// An empty store without quota.
    pub fn new() -> Self {
        Self::default()
    }

    /// An empty store that refuses writes beyond `quota_bytes` (browser accounting).
    pub fn with_quota(quota_bytes: usize) -> Self {
        Self {
            quota_bytes: Some(quota_bytes),
            ..Self::default()
        }
    }

    /// Change (or remove) the quota; existing entries are kept even if over it.
    pub fn set_quota(&mut self, quota_bytes: Option<usize>) {
        self.quota_bytes = quota_bytes;
    }

    /// Make every operation fail with `KvError::Unavailable` (or stop doing so).
    pub fn set_unavailable(&mut self, unavailable: bool) {
        self.unavailable = unavailable;
    }

    /// Make every `set` of `key` fail with `error` until `clear_failures`.
    pub fn fail_writes_to(&mut self, key: &str, error: KvError) {
        self.failing_keys.insert(key.to_string(), error);
    }

    /// Stop failing writes injected with `fail_writes_to`.
    pub fn clear_failures(&mut self) {
        self.failing_keys.clear();
    }

    /// Write a raw value directly, ignoring quota and failure simulation
    /// (to inject corrupt or foreign data in tests).
    pub fn insert_raw(&mut self, key: &str, value: &str) {
        self.put(key, value);
    }

    /// Raw value of `key`, ignoring failure simulation.
    pub fn raw(&self, key: &str) -> Option<&str> {
        self.entries.get(key).map(String::as_str)
    }

    /// All entries, ignoring failure simulation.
    pub fn entries(&self) -> &BTreeMap<String, String> {
        &self.entries
    }

    /// Remove every entry (a wiped browser profile).
    pub fn wipe(&mut self) {
        self.entries.clear();
        self.used = 0;
    }

    /// Bytes used in browser accounting.
    pub fn used_bytes(&self) -> usize {
        self.used
    }

    /// Stores `value` under `key`, keeping `used` right.
    fn put(&mut self, key: &str, value: &str) {
        let new = entry_bytes(key, value);
        match self.entries.insert(key.to_string(), value.to_string()) {
            Some(old) => self.used = self.used - entry_bytes(key, &old) + new,
            None => self.used += new,
        }
    }

    fn check_available(&self) -> Result<(), KvError> {
        if self.unavailable {
            Err(KvError::Unavailable)
        } else {
            Ok(())
        }
    }
}

impl KvStore for MemoryKv {
    fn get(&self, key: &str) -> Result<Option<String>, KvError> {
        self.check_available()?;
        Ok(self.entries.get(key).cloned())
    }

    fn set(&mut self, key: &str, value: &str) -> Result<(), KvError> {
        self.check_available()?;
        if let Some(err) = self.failing_keys.get(key) {
            return Err(err.clone());
        }
        if let Some(quota) = self.quota_bytes {
            let old = self.entries.get(key).map_or(0, |v| entry_bytes(key, v));
            let new_total = self.used - old + entry_bytes(key, value);
            if new_total > quota {
                return Err(KvError::QuotaExceeded);
            }
        }
        self.put(key, value);
        Ok(())
    }

    fn remove(&mut self, key: &str) -> Result<(), KvError> {
        self.check_available()?;
        if let Some(old) = self.entries.remove(key) {
            self.used -= entry_bytes(key, &old);
        }
        Ok(())
    }

    fn keys(&self) -> Result<Vec<String>, KvError> {
        self.check_available()?;
        Ok(self.entries.keys().cloned().collect())
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn quota_counts_utf16_units_twice_and_rejects_without_change() {
        // "ể" is one UTF-16 unit: key 1 + value 2 units = 6 bytes.
        let mut kv = MemoryKv::with_quota(6);
        kv.set("a", "ểb").unwrap();
        assert_eq!(kv.used_bytes(), 6);
        assert_eq!(kv.set("c", ""), Err(KvError::QuotaExceeded));
        assert_eq!(kv.keys().unwrap(), vec!["a".to_string()]);
        // Replacing a value counts only the difference.
        kv.set("a", "xy").unwrap();
    }

    #[test]
    fn used_bytes_follows_every_change() {
        let recount = |kv: &MemoryKv| {
            kv.entries()
                .iter()
                .map(|(k, v)| entry_bytes(k, v))
                .sum::<usize>()
        };
        let mut kv = MemoryKv::with_quota(40);
        kv.set("a", "ểb").unwrap();
        kv.set("bb", "Đơn vị").unwrap();
        kv.set("a", "x").unwrap();
        kv.insert_raw("c", "hỏng");
        kv.insert_raw("c", "hỏng hơn");
        assert_eq!(kv.used_bytes(), recount(&kv));
        kv.remove("bb").unwrap();
        kv.remove("missing").unwrap();
        assert_eq!(kv.used_bytes(), recount(&kv));
        // The quota check uses the kept count: 40 bytes hold 20 units.
        let room = 40 - kv.used_bytes();
        assert_eq!(
            kv.set("d", &"x".repeat(room / 2)),
            Err(KvError::QuotaExceeded)
        );
        kv.set("d", &"x".repeat(room / 2 - 1)).unwrap();
        assert_eq!(kv.used_bytes(), 40);
        kv.wipe();
        assert_eq!(kv.used_bytes(), 0);
    }

    #[test]
    fn unavailable_store_fails_every_operation() {
        let mut kv = MemoryKv::new();
        kv.set_unavailable(true);
        assert_eq!(kv.get("a"), Err(KvError::Unavailable));
        assert_eq!(kv.set("a", "b"), Err(KvError::Unavailable));
        assert_eq!(kv.keys(), Err(KvError::Unavailable));
    }
}
