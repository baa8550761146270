//! The only place that touches browser APIs (web_sys, js_sys, gloo): storage,
//! downloads, the clock, random ids, printing, the service worker and page
//! lifecycle. Compiled for wasm32 only; everything it offers is a thin adapter
//! over a pure trait or value.

pub mod clock;
pub mod digest;
pub mod download;
pub mod evidence;
pub mod journal;
pub mod local_storage;
pub mod print;
pub mod signature_check;
pub mod signing_key;
pub mod storage_info;
pub mod sw;
