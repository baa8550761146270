//! Checking the signatures of many received report files with the browser's
//! WebCrypto, all at once, before the pure receiving step: the P-256
//! arithmetic of the pure verifier (the `p256` crate, in WebAssembly) cost
//! about 1.3 s per 1,000 files, WebCrypto runs natively and in parallel.
//!
//! Only the arithmetic moves here: [`SignedMessage::of`] (pure) says what
//! to check, this module answers true or false per file, and the pure step
//! ([`crate::report::verify_checked`]) does every other check itself. A file
//! WebCrypto could not check (no WebCrypto, a key it cannot import) gets no
//! answer and is checked by the pure verifier, so the verdict never depends
//! on where it was computed.

use js_sys::{Array, Object, Promise, Reflect, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{CryptoKey, SubtleCrypto};

use crate::report::signature::SignedMessage;

fn set(o: &Object, k: &str, v: &str) -> Option<()> {
    Reflect::set(o, &k.into(), &v.into()).ok().map(|_| ())
}

/// The values of settled promises (`Promise.allSettled`): `None` for one
/// that was rejected.
async fn settle_all(promises: Array) -> Vec<Option<JsValue>> {
    let Ok(settled) = JsFuture::from(Promise::all_settled(&promises)).await else {
        return vec![None; promises.length() as usize];
    };
    Array::from(&settled)
        .iter()
        .map(|r| {
            let fulfilled = Reflect::get(&r, &"status".into())
                .ok()
                .and_then(|s| s.as_string())
                .is_some_and(|s| s == "fulfilled");
            fulfilled
                .then(|| Reflect::get(&r, &"value".into()).ok())
                .flatten()
        })
        .collect()
}

fn import(subtle: &SubtleCrypto, m: &SignedMessage) -> Option<Promise> {
    let algorithm = Object::new();
    set(&algorithm, "name", "ECDSA")?;
    set(&algorithm, "namedCurve", "P-256")?;
    let usages = Array::of1(&"verify".into());
    let der = Uint8Array::from(m.spki_der.as_slice());
    subtle
        .import_key_with_object("spki", &der, &algorithm, false, &usages)
        .ok()
}

fn check(subtle: &SubtleCrypto, key: &CryptoKey, m: &SignedMessage) -> Option<Promise> {
    let algorithm = Object::new();
    set(&algorithm, "name", "ECDSA")?;
    set(&algorithm, "hash", "SHA-256")?;
    subtle
        .verify_with_object_and_u8_array_and_u8_array(&algorithm, key, &m.signature, &m.message)
        .ok()
}

/// WebCrypto's verdict on each of `texts`' signatures, in order: `Some(true)`
/// or `Some(false)` for a signed file it checked, `None` for an unsigned or
/// unreadable file or one it could not check (the pure step checks those).
pub async fn verdicts<S: AsRef<str>>(texts: &[S]) -> Vec<Option<bool>> {
    let messages: Vec<Option<SignedMessage>> = texts
        .iter()
        .map(|t| SignedMessage::of(t.as_ref()))
        .collect();
    let none = || vec![None; messages.len()];
    if messages.iter().all(Option::is_none) {
        return none();
    }
    let Ok(subtle) = crate::platform::signing_key::subtle() else {
        return none();
    };
    // Every key imported at once, then every signature checked at once.
    let imports: Array = messages
        .iter()
        .map(|m| {
            m.as_ref()
                .and_then(|m| import(&subtle, m))
                .map_or(JsValue::UNDEFINED, JsValue::from)
        })
        .collect();
    let keys = settle_all(imports).await;
    let checks: Array = messages
        .iter()
        .zip(&keys)
        .map(|(m, k)| {
            let key = k
                .as_ref()
                .and_then(|k| k.clone().dyn_into::<CryptoKey>().ok());
            match (m, key) {
                (Some(m), Some(key)) => {
                    check(&subtle, &key, m).map_or(JsValue::UNDEFINED, JsValue::from)
                }
                _ => JsValue::UNDEFINED,
            }
        })
        .collect();
    settle_all(checks)
        .await
        .into_iter()
        .zip(&messages)
        .map(|(v, m)| {
            // `undefined` (nothing asked) settles fulfilled: no verdict.
            m.as_ref()?;
            v?.as_bool()
        })
        .collect()
}
