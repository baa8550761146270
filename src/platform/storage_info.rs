//! The browser's storage manager (`navigator.storage`): how much the origin
//! uses and may use, and whether its storage is persistent (not evicted
//! under pressure). Every call answers `None` where the browser has no such API.

use wasm_bindgen_futures::JsFuture;

fn manager() -> Option<web_sys::StorageManager> {
    let nav = web_sys::window()?.navigator();
    // Older browsers and some embedded views lack `navigator.storage`.
    let has = js_sys::Reflect::has(&nav, &wasm_bindgen::JsValue::from_str("storage")).ok()?;
    if !has {
        return None;
    }
    Some(nav.storage())
}

/// `(usage, quota)` in bytes from `navigator.storage.estimate()`.
pub async fn estimate() -> Option<(u64, u64)> {
    let promise = manager()?.estimate().ok()?;
    let value = JsFuture::from(promise).await.ok()?;
    let est: web_sys::StorageEstimate = wasm_bindgen::JsCast::unchecked_into(value);
    let usage = est.get_usage().unwrap_or(0.0);
    let quota = est.get_quota()?;
    Some((usage.max(0.0) as u64, quota.max(0.0) as u64))
}

/// Whether storage is already persistent.
pub async fn persisted() -> Option<bool> {
    let promise = manager()?.persisted().ok()?;
    JsFuture::from(promise).await.ok()?.as_bool()
}

/// Asks the browser to make storage persistent; the answer is whether it is.
pub async fn request_persist() -> Option<bool> {
    let promise = manager()?.persist().ok()?;
    JsFuture::from(promise).await.ok()?.as_bool()
}
