//! SHA-256 by the browser's WebCrypto (`crypto.subtle.digest`): native code,
//! several times faster than SHA-256 compiled to WebAssembly for the
//! megabytes of a plan's report (issue #14's export profile). The pure
//! report module gives the bytes and takes the digest back
//! (`report::export_unhashed`).

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// The SHA-256 of `bytes`, or `None` when WebCrypto is not there (outside
/// a secure context) or fails: the caller then hashes in WebAssembly.
pub async fn sha256(bytes: &[u8]) -> Option<[u8; 32]> {
    let subtle = crate::platform::signing_key::subtle().ok()?;
    // The digest copies the bytes when called, so a view of the wasm memory
    // (made last, nothing allocating after it) serves; a copy otherwise.
    let data = crate::platform::download::memory_view(bytes)
        .unwrap_or_else(|| js_sys::Uint8Array::from(bytes));
    let promise = subtle
        .digest_with_str_and_buffer_source("SHA-256", &data)
        .ok()?;
    let digest = JsFuture::from(promise).await.ok()?;
    let buffer: js_sys::ArrayBuffer = digest.dyn_into().ok()?;
    let out = js_sys::Uint8Array::new(&buffer).to_vec();
    out.try_into().ok()
}
