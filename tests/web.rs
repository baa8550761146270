//! Browser tests (wasm-bindgen-test in headless Chromium): the code that needs
//! real browser APIs. Run by `cargo test --target wasm32-unknown-unknown`
//! (scripts/test.sh). One test binary on purpose: each links the whole tree.
#![cfg(target_arch = "wasm32")]
#![allow(clippy::unwrap_used, clippy::expect_used)]

use kiemtra::platform::local_storage;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn clear() {
    for k in local_storage::keys().unwrap() {
        local_storage::remove(&k).unwrap();
    }
}

#[wasm_bindgen_test]
fn local_storage_round_trips_vietnamese_text_exactly() {
    clear();
    let text = "Biên bản vi phạm hành chính — Quận Ninh Kiều, TP. Cần Thơ";
    local_storage::set("kiemtra:test", text).unwrap();
    assert_eq!(
        local_storage::get("kiemtra:test").unwrap().as_deref(),
        Some(text)
    );
    assert!(local_storage::keys()
        .unwrap()
        .contains(&"kiemtra:test".to_string()));
    local_storage::remove("kiemtra:test").unwrap();
    assert_eq!(local_storage::get("kiemtra:test").unwrap(), None);
}

#[wasm_bindgen_test]
fn filling_local_storage_reports_quota_exceeded_and_keeps_what_was_stored() {
    clear();
    local_storage::set("kiemtra:keep", "dữ liệu quan trọng").unwrap();
    let chunk = "x".repeat(512 * 1024);
    let mut result = Ok(());
    for i in 0..64 {
        result = local_storage::set(&format!("kiemtra:fill:{i}"), &chunk);
        if result.is_err() {
            break;
        }
    }
    assert_eq!(result, Err(local_storage::RawStorageError::QuotaExceeded));
    assert_eq!(
        local_storage::get("kiemtra:keep").unwrap().as_deref(),
        Some("dữ liệu quan trọng")
    );
    clear();
}

#[wasm_bindgen_test]
fn preferences_round_trip_through_gloo_storage() {
    clear();
    local_storage::set_pref("kiemtra:ui:lang", &"en".to_string()).unwrap();
    assert_eq!(
        local_storage::get_pref::<String>("kiemtra:ui:lang").as_deref(),
        Some("en")
    );
    clear();
}
