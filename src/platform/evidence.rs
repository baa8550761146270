//! The stored files of evidence attachments (issue #16) in their own
//! IndexedDB database `kiemtra-evidence` (apart from the journal's), over
//! the small JavaScript module `evidence.js` beside this file; and
//! preparing a chosen file (scaling an image, which drops its EXIF data).
//! The rules (hash, accepted files, garbage) are in
//! [`crate::domain::evidence`]; this module only moves bytes.

use crate::domain::evidence::{garbage_due, hashes_in, StoredFile};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

#[wasm_bindgen(module = "/src/platform/evidence.js")]
extern "C" {
    #[wasm_bindgen(js_name = evidencePut)]
    fn evidence_put(hash: &str, mime: &str, bytes: &js_sys::Uint8Array) -> js_sys::Promise;
    #[wasm_bindgen(js_name = evidenceGet)]
    fn evidence_get(hash: &str) -> js_sys::Promise;
    #[wasm_bindgen(js_name = evidenceUrl)]
    fn evidence_url(hash: &str) -> js_sys::Promise;
    #[wasm_bindgen(js_name = evidenceList)]
    fn evidence_list() -> js_sys::Promise;
    #[wasm_bindgen(js_name = evidenceDelete)]
    fn evidence_delete(hashes: &js_sys::Array) -> js_sys::Promise;
    #[wasm_bindgen(js_name = evidencePrepare)]
    fn evidence_prepare(
        file: &web_sys::File,
        max_side: u32,
        quality: f64,
        scale: bool,
    ) -> js_sys::Promise;
}

/// Why a file could not be stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PutError {
    /// The browser's quota is reached: nothing was stored.
    Full,
    /// Another error (its name).
    Other(String),
}

/// Stores `bytes` under `hash`; returns once the transaction is on disk.
pub async fn put(hash: &str, mime: &str, bytes: &[u8]) -> Result<(), PutError> {
    // A copy in JavaScript's memory: the wasm memory may move while waiting.
    let copy = js_sys::Uint8Array::from(bytes);
    match JsFuture::from(evidence_put(hash, mime, &copy)).await {
        Ok(_) => Ok(()),
        Err(e) => {
            let name = e.as_string().unwrap_or_default();
            if name == "QuotaExceededError" {
                Err(PutError::Full)
            } else {
                Err(PutError::Other(name))
            }
        }
    }
}

/// The stored bytes of `hash`, if the database holds them.
pub async fn get(hash: &str) -> Option<Vec<u8>> {
    let v = JsFuture::from(evidence_get(hash)).await.ok()?;
    if v.is_null() || v.is_undefined() {
        return None;
    }
    Some(js_sys::Uint8Array::new(&v).to_vec())
}

/// An object URL of the stored file (revoke it with [`revoke`]), if stored.
pub async fn object_url(hash: &str) -> Option<String> {
    JsFuture::from(evidence_url(hash)).await.ok()?.as_string()
}

/// Frees an object URL made by [`object_url`].
pub fn revoke(url: &str) {
    let _ = web_sys::Url::revoke_object_url(url);
}

/// Every stored file (hash, size, when stored).
pub async fn list() -> Vec<StoredFile> {
    let text = JsFuture::from(evidence_list())
        .await
        .ok()
        .and_then(|v| v.as_string())
        .unwrap_or_default();
    serde_json::from_str(&text).unwrap_or_default()
}

/// A chosen file made ready to store: its type and bytes.
pub struct Prepared {
    /// Media type of `bytes`.
    pub mime: String,
    /// The bytes to store.
    pub bytes: Vec<u8>,
}

/// Reads `file`; when `scale`, decodes the image and re-encodes it as JPEG
/// at `quality` with its longer side at most `max_side` pixels (0: its own
/// size). `Err` when the image cannot be decoded.
pub async fn prepare(
    file: &web_sys::File,
    max_side: u32,
    quality: f64,
    scale: bool,
) -> Result<Prepared, String> {
    let v = JsFuture::from(evidence_prepare(file, max_side, quality, scale))
        .await
        .map_err(|e| e.as_string().unwrap_or_else(|| "decode".to_string()))?;
    let mime = js_sys::Reflect::get(&v, &JsValue::from_str("type"))
        .ok()
        .and_then(|t| t.as_string())
        .unwrap_or_default();
    let bytes =
        js_sys::Reflect::get(&v, &JsValue::from_str("bytes")).map_err(|_| "read".to_string())?;
    Ok(Prepared {
        mime,
        bytes: js_sys::Uint8Array::new(&bytes).to_vec(),
    })
}

/// Deletes the stored files no stored value refers to (the garbage rule,
/// with its grace period). References are read from every raw value the
/// app keeps in localStorage, quarantined and pre-migration copies
/// included, so a record that could not be loaded still keeps its files.
/// Does nothing when localStorage cannot be listed.
pub async fn sweep_garbage() -> usize {
    let Ok(keys) = crate::platform::local_storage::keys() else {
        return 0;
    };
    let mut referenced = std::collections::BTreeSet::new();
    for k in keys
        .iter()
        .filter(|k| k.starts_with(crate::storage::keys::PREFIX))
    {
        match crate::platform::local_storage::get(k) {
            // A compressed value is searched in its JSON (`storage::codec`);
            // one that does not decompress may refer to anything: keep all.
            Ok(Some(v)) => match crate::storage::decode_stored(&v) {
                Ok(json) => referenced.extend(hashes_in(&json)),
                Err(_) => return 0,
            },
            Ok(None) => {}
            // A value that cannot be read may refer to anything: keep all.
            Err(_) => return 0,
        }
    }
    let stored = list().await;
    let due = garbage_due(&stored, &referenced, js_sys::Date::now() as i64);
    if due.is_empty() {
        return 0;
    }
    let arr = js_sys::Array::new();
    for h in &due {
        arr.push(&JsValue::from_str(h));
    }
    match JsFuture::from(evidence_delete(&arr)).await {
        Ok(_) => due.len(),
        Err(_) => 0,
    }
}
