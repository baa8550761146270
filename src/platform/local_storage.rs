//! localStorage access with browser errors mapped to plain outcomes.
//!
//! Records are read as raw strings through web_sys, not through gloo-storage:
//! gloo parses JSON before we can see the text (a corrupt record must be
//! quarantined byte for byte) and throws when storage is unavailable. Small
//! typed preferences use gloo-storage, after the availability check.

use gloo_storage::{LocalStorage, Storage};
use serde::{de::DeserializeOwned, Serialize};

/// Why a localStorage call failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RawStorageError {
    /// The browser refused to store more (QuotaExceededError).
    QuotaExceeded,
    /// localStorage cannot be used at all (disabled, sandboxed, some private modes).
    Unavailable,
    /// Anything else, with the browser's own words.
    Other(String),
}

fn storage() -> Result<web_sys::Storage, RawStorageError> {
    let window = web_sys::window().ok_or(RawStorageError::Unavailable)?;
    match window.local_storage() {
        Ok(Some(s)) => Ok(s),
        _ => Err(RawStorageError::Unavailable),
    }
}

fn map_js_error(e: wasm_bindgen::JsValue) -> RawStorageError {
    use wasm_bindgen::JsCast;
    if let Some(ex) = e.dyn_ref::<web_sys::DomException>() {
        let name = ex.name();
        // Chromium: QuotaExceededError (code 22); Firefox: NS_ERROR_DOM_QUOTA_REACHED (1014).
        if name == "QuotaExceededError" || name == "NS_ERROR_DOM_QUOTA_REACHED" || ex.code() == 22 {
            return RawStorageError::QuotaExceeded;
        }
        if name == "SecurityError" {
            return RawStorageError::Unavailable;
        }
        return RawStorageError::Other(format!("{name}: {}", ex.message()));
    }
    RawStorageError::Other(format!("{e:?}"))
}

/// Reads one key.
pub fn get(key: &str) -> Result<Option<String>, RawStorageError> {
    storage()?.get_item(key).map_err(map_js_error)
}

/// Writes one key.
pub fn set(key: &str, value: &str) -> Result<(), RawStorageError> {
    storage()?.set_item(key, value).map_err(map_js_error)
}

/// Removes one key.
pub fn remove(key: &str) -> Result<(), RawStorageError> {
    storage()?.remove_item(key).map_err(map_js_error)
}

/// Every key currently stored (all origins' keys are ours: one app per origin).
pub fn keys() -> Result<Vec<String>, RawStorageError> {
    let s = storage()?;
    let n = s.length().map_err(map_js_error)?;
    let mut out = Vec::with_capacity(n as usize);
    for i in 0..n {
        if let Ok(Some(k)) = s.key(i) {
            out.push(k);
        }
    }
    Ok(out)
}

/// Whether localStorage can be used at all.
pub fn is_available() -> bool {
    storage().is_ok()
}

/// Reads a small typed preference (JSON) with gloo-storage; `None` when absent,
/// unreadable or when storage is unavailable (preferences have safe defaults).
pub fn get_pref<T: DeserializeOwned>(key: &str) -> Option<T> {
    if !is_available() {
        return None;
    }
    LocalStorage::get(key).ok()
}

/// Writes a small typed preference (JSON) with gloo-storage.
pub fn set_pref<T: Serialize>(key: &str, value: &T) -> Result<(), RawStorageError> {
    if !is_available() {
        return Err(RawStorageError::Unavailable);
    }
    LocalStorage::set(key, value).map_err(|e| match e {
        gloo_storage::errors::StorageError::JsError(js) if js.name == "QuotaExceededError" => {
            RawStorageError::QuotaExceeded
        }
        other => RawStorageError::Other(other.to_string()),
    })
}

/// `KvStore` over the browser's localStorage, for the storage repository.
#[derive(Debug, Default, Clone, Copy)]
pub struct LocalStorageKv;

fn to_kv(e: RawStorageError) -> crate::storage::KvError {
    use crate::storage::KvError;
    match e {
        RawStorageError::QuotaExceeded => KvError::QuotaExceeded,
        RawStorageError::Unavailable => KvError::Unavailable,
        RawStorageError::Other(m) => KvError::Other(m),
    }
}

impl crate::storage::KvStore for LocalStorageKv {
    fn get(&self, key: &str) -> Result<Option<String>, crate::storage::KvError> {
        get(key).map_err(to_kv)
    }
    fn set(&mut self, key: &str, value: &str) -> Result<(), crate::storage::KvError> {
        set(key, value).map_err(to_kv)
    }
    fn remove(&mut self, key: &str) -> Result<(), crate::storage::KvError> {
        remove(key).map_err(to_kv)
    }
    fn keys(&self) -> Result<Vec<String>, crate::storage::KvError> {
        keys().map_err(to_kv)
    }
}
