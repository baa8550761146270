//! localStorage access with browser errors mapped to plain outcomes.
//!
//! Records are read as raw strings through web_sys, not through gloo-storage:
//! gloo parses JSON before we can see the text (a corrupt record must be
//! quarantined byte for byte) and panics when the browser's storage throws.
//! Small typed preferences are JSON through the same calls.

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

/// `Storage.prototype.getItem` returning the JS string itself, so that a
/// value that is not valid UTF-16 (a lone surrogate) can be detected before
/// wasm-bindgen would replace it with U+FFFD.
fn get_item_raw(
    storage: &web_sys::Storage,
    key: &str,
) -> Result<wasm_bindgen::JsValue, wasm_bindgen::JsValue> {
    use wasm_bindgen::JsCast;
    let get_item: js_sys::Function =
        js_sys::Reflect::get(storage, &wasm_bindgen::JsValue::from_str("getItem"))?.dyn_into()?;
    get_item.call1(storage, &wasm_bindgen::JsValue::from_str(key))
}

/// Whether `text` is valid UTF-16 (no lone surrogate). The browser's own
/// `String.prototype.isWellFormed` (Chromium 111, Firefox 119, Safari 16.4)
/// checks it in one call; `JsString::is_valid_utf16` crosses from wasm to
/// JavaScript once per character, which took 130 ms for one reporting round
/// of 3.6 million characters read back after its save, and as long on every
/// start for a full workspace. Older browsers fall back to it.
fn is_well_formed(text: &js_sys::JsString) -> bool {
    use wasm_bindgen::JsCast;
    text.unchecked_ref::<CheckedString>()
        .well_formed()
        .unwrap_or_else(|_| text.is_valid_utf16())
}

#[wasm_bindgen::prelude::wasm_bindgen]
extern "C" {
    /// A JavaScript string, seen only for `isWellFormed`.
    type CheckedString;
    /// `String.prototype.isWellFormed`; throws where the browser lacks it.
    #[wasm_bindgen(method, catch, js_name = isWellFormed)]
    fn well_formed(this: &CheckedString) -> Result<bool, wasm_bindgen::JsValue>;
}

/// Reads one key. A value that is not valid UTF-16 cannot become a Rust
/// string unchanged: it is returned as an escaped copy (see
/// [`crate::storage::kv::escaped_value`]) that the storage layer sets aside
/// without ever deleting the original.
pub fn get(key: &str) -> Result<Option<String>, RawStorageError> {
    let value = get_item_raw(&storage()?, key).map_err(map_js_error)?;
    if value.is_null() || value.is_undefined() {
        return Ok(None);
    }
    let text = js_sys::JsString::from(value);
    if is_well_formed(&text) {
        return Ok(text.as_string());
    }
    // JSON.stringify writes lone surrogates as \uXXXX escapes (ES2019).
    let escaped = js_sys::JSON::stringify(&text)
        .ok()
        .and_then(|e| e.as_string())
        .unwrap_or_default();
    Ok(Some(crate::storage::kv::escaped_value(&escaped)))
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

/// Reads a small typed preference (JSON); `None` when absent, unreadable or
/// when storage is unavailable or throws (preferences have safe defaults).
/// Not through gloo-storage: its read panics when the browser's `getItem`
/// throws (a privacy setting, a sandboxed frame), which left a blank page.
pub fn get_pref<T: DeserializeOwned>(key: &str) -> Option<T> {
    let raw = get(key).ok()??;
    serde_json::from_str(&raw).ok()
}

/// Writes a small typed preference (JSON).
pub fn set_pref<T: Serialize>(key: &str, value: &T) -> Result<(), RawStorageError> {
    let text = serde_json::to_string(value).map_err(|e| RawStorageError::Other(e.to_string()))?;
    set(key, &text)
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
