//! The reporting unit's signing key in this browser: an ECDSA P-256 key pair
//! made with WebCrypto, the private key **non-extractable** (no script, not
//! even the app's, can read it out), kept as a `CryptoKey` in IndexedDB
//! (database `kiemtra-keys`, store `keys`, entry `unit`), since localStorage
//! holds only strings and a key that cannot be exported cannot be written as
//! one. Backups (localStorage records) never contain it.
//!
//! IndexedDB is used through web-sys directly: one store, one get and one
//! put, about forty lines, where a wrapper crate would add its own code to
//! the bundle for nothing else.
//!
//! What is pure (the public key's fingerprint and its readable form, the
//! bytes to sign, checking) lives in `report::signature`.

use js_sys::{Array, Object, Promise, Reflect, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{CryptoKey, IdbDatabase, IdbRequest, IdbTransactionMode, SubtleCrypto};

use crate::report::signature::PublicKey;

const DB_NAME: &str = "kiemtra-keys";
const STORE: &str = "keys";
const ENTRY: &str = "unit";

/// Why the key cannot be used. The page says each in plain words and offers
/// an unsigned export instead.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeyError {
    /// The browser keeps no IndexedDB (a private window of some browsers, a
    /// policy): a key could not survive a reload.
    NoKeyStorage,
    /// No WebCrypto (an old browser, or the page not on https/localhost).
    NoWebCrypto,
    /// Something else failed; the browser's message.
    Failed(String),
}

/// The unit's key as loaded.
#[derive(Clone, Debug)]
pub struct UnitKey {
    private: CryptoKey,
    /// The public key (SubjectPublicKeyInfo DER).
    pub public: PublicKey,
    /// When it was made (ISO 8601, UTC), as stored.
    pub created: String,
}

fn failed(e: JsValue) -> KeyError {
    KeyError::Failed(
        e.dyn_ref::<js_sys::Error>()
            .map(|e| String::from(e.message()))
            .or_else(|| e.as_string())
            .unwrap_or_else(|| format!("{e:?}")),
    )
}

pub(crate) fn subtle() -> Result<SubtleCrypto, KeyError> {
    let window = web_sys::window().ok_or(KeyError::NoWebCrypto)?;
    let crypto = window.crypto().map_err(|_| KeyError::NoWebCrypto)?;
    // `crypto.subtle` is undefined outside secure contexts.
    let subtle =
        Reflect::get(&crypto, &JsValue::from_str("subtle")).map_err(|_| KeyError::NoWebCrypto)?;
    if subtle.is_undefined() || subtle.is_null() {
        return Err(KeyError::NoWebCrypto);
    }
    Ok(crypto.subtle())
}

/// A future that settles with the request's result.
async fn settle(req: &IdbRequest) -> Result<JsValue, KeyError> {
    let promise = Promise::new(&mut |resolve, reject| {
        let ok = req.clone();
        let on_success = Closure::once_into_js(move || {
            let _ = resolve.call1(&JsValue::UNDEFINED, &ok.result().unwrap_or_default());
        });
        let bad = req.clone();
        let on_error = Closure::once_into_js(move || {
            let message = bad
                .error()
                .ok()
                .flatten()
                .map(|e| JsValue::from_str(&e.message()))
                .unwrap_or_else(|| JsValue::from_str("IndexedDB"));
            let _ = reject.call1(&JsValue::UNDEFINED, &message);
        });
        req.set_onsuccess(Some(on_success.unchecked_ref()));
        req.set_onerror(Some(on_error.unchecked_ref()));
    });
    JsFuture::from(promise).await.map_err(failed)
}

async fn open() -> Result<IdbDatabase, KeyError> {
    let window = web_sys::window().ok_or(KeyError::NoKeyStorage)?;
    let factory = window
        .indexed_db()
        .ok()
        .flatten()
        .ok_or(KeyError::NoKeyStorage)?;
    let req = factory
        .open_with_u32(DB_NAME, 1)
        .map_err(|_| KeyError::NoKeyStorage)?;
    let upgrade_req = req.clone();
    let on_upgrade = Closure::once_into_js(move || {
        if let Ok(db) = upgrade_req.result() {
            let db: IdbDatabase = db.unchecked_into();
            if !db.object_store_names().contains(STORE) {
                let _ = db.create_object_store(STORE);
            }
        }
    });
    req.set_onupgradeneeded(Some(on_upgrade.unchecked_ref()));
    let db = settle(&req).await.map_err(|e| match e {
        KeyError::Failed(_) => KeyError::NoKeyStorage,
        other => other,
    })?;
    Ok(db.unchecked_into())
}

async fn store_op(
    mode: IdbTransactionMode,
    op: impl FnOnce(&web_sys::IdbObjectStore) -> Result<IdbRequest, JsValue>,
) -> Result<JsValue, KeyError> {
    let db = open().await?;
    let tx = db
        .transaction_with_str_and_mode(STORE, mode)
        .map_err(failed)?;
    let store = tx.object_store(STORE).map_err(failed)?;
    let req = op(&store).map_err(failed)?;
    let result = settle(&req).await;
    db.close();
    result
}

fn bytes_of(v: &JsValue) -> Vec<u8> {
    Uint8Array::new(v).to_vec()
}

/// The key stored in this browser, if any.
pub async fn load() -> Result<Option<UnitKey>, KeyError> {
    let entry = store_op(IdbTransactionMode::Readonly, |s| {
        s.get(&JsValue::from_str(ENTRY))
    })
    .await?;
    if entry.is_undefined() || entry.is_null() {
        return Ok(None);
    }
    let get = |name: &str| Reflect::get(&entry, &JsValue::from_str(name)).map_err(failed);
    let private: CryptoKey = get("privateKey")?
        .dyn_into()
        .map_err(|_| KeyError::Failed("privateKey".into()))?;
    Ok(Some(UnitKey {
        private,
        public: PublicKey {
            spki_der: bytes_of(&get("spki")?),
        },
        created: get("created")?.as_string().unwrap_or_default(),
    }))
}

/// Makes a new key pair and stores it in place of the old one (which is
/// then gone for good: the unit prints the new fingerprint on its next paper
/// report). `created` is the time to record (the injected clock's).
pub async fn create(created: &str) -> Result<UnitKey, KeyError> {
    let subtle = subtle()?;
    let algorithm = Object::new();
    let set = |o: &Object, k: &str, v: &JsValue| Reflect::set(o, &JsValue::from_str(k), v);
    set(&algorithm, "name", &"ECDSA".into()).map_err(failed)?;
    set(&algorithm, "namedCurve", &"P-256".into()).map_err(failed)?;
    let usages = Array::of2(&"sign".into(), &"verify".into());
    let pair = JsFuture::from(
        subtle
            .generate_key_with_object(&algorithm, false, &usages)
            .map_err(failed)?,
    )
    .await
    .map_err(failed)?;
    let private: CryptoKey = Reflect::get(&pair, &"privateKey".into())
        .map_err(failed)?
        .dyn_into()
        .map_err(|_| KeyError::Failed("privateKey".into()))?;
    let public: CryptoKey = Reflect::get(&pair, &"publicKey".into())
        .map_err(failed)?
        .dyn_into()
        .map_err(|_| KeyError::Failed("publicKey".into()))?;
    let spki = JsFuture::from(subtle.export_key("spki", &public).map_err(failed)?)
        .await
        .map_err(failed)?;
    let spki_der = bytes_of(&spki);
    let entry = Object::new();
    set(&entry, "privateKey", &private).map_err(failed)?;
    set(&entry, "spki", &Uint8Array::from(spki_der.as_slice())).map_err(failed)?;
    set(&entry, "created", &created.into()).map_err(failed)?;
    store_op(IdbTransactionMode::Readwrite, |s| {
        s.put_with_key(&entry, &JsValue::from_str(ENTRY))
    })
    .await?;
    Ok(UnitKey {
        private,
        public: PublicKey { spki_der },
        created: created.to_owned(),
    })
}

/// Signs `bytes` with the unit's private key: ECDSA P-256 over SHA-256,
/// `r‖s` (64 bytes).
pub async fn sign(key: &UnitKey, bytes: &[u8]) -> Result<Vec<u8>, KeyError> {
    let subtle = subtle()?;
    let algorithm = Object::new();
    Reflect::set(&algorithm, &"name".into(), &"ECDSA".into()).map_err(failed)?;
    Reflect::set(&algorithm, &"hash".into(), &"SHA-256".into()).map_err(failed)?;
    let sig = JsFuture::from(
        subtle
            .sign_with_object_and_u8_array(&algorithm, &key.private, bytes)
            .map_err(failed)?,
    )
    .await
    .map_err(failed)?;
    Ok(bytes_of(&sig))
}
