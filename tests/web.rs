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
fn preferences_round_trip_as_json() {
    clear();
    local_storage::set_pref("kiemtra:ui:lang", &"en".to_string()).unwrap();
    assert_eq!(
        local_storage::get("kiemtra:ui:lang").unwrap().as_deref(),
        Some("\"en\"")
    );
    assert_eq!(
        local_storage::get_pref::<String>("kiemtra:ui:lang").as_deref(),
        Some("en")
    );
    clear();
}

/// Replaces `Storage.prototype.getItem` with one that throws (a privacy
/// setting, a sandboxed frame) while `f` runs.
fn with_throwing_get_item(f: impl FnOnce()) {
    use wasm_bindgen::JsValue;
    let proto = js_sys::Reflect::get(&js_sys::global(), &JsValue::from_str("Storage"))
        .and_then(|s| js_sys::Reflect::get(&s, &JsValue::from_str("prototype")))
        .unwrap();
    let key = JsValue::from_str("getItem");
    let original = js_sys::Reflect::get(&proto, &key).unwrap();
    let throwing =
        js_sys::Function::new_no_args("throw new DOMException('blocked', 'SecurityError')");
    js_sys::Reflect::set(&proto, &key, &throwing).unwrap();
    f();
    js_sys::Reflect::set(&proto, &key, &original).unwrap();
}

#[wasm_bindgen_test]
fn a_throwing_get_item_gives_the_default_preference_instead_of_a_panic() {
    clear();
    local_storage::set_pref("kiemtra:ui:lang", &"en".to_string()).unwrap();
    with_throwing_get_item(|| {
        assert_eq!(local_storage::get_pref::<String>("kiemtra:ui:lang"), None);
        assert!(local_storage::get("kiemtra:ui:lang").is_err());
    });
    clear();
}

#[wasm_bindgen_test]
fn a_value_that_is_not_valid_utf16_is_handed_over_escaped_and_never_deleted() {
    use kiemtra::domain::clock::Clock;
    use kiemtra::persist::WorkspaceStore;
    use kiemtra::platform::clock::BrowserClock;
    use kiemtra::platform::local_storage::LocalStorageKv;
    use wasm_bindgen::JsCast;
    clear();
    let key = "kiemtra:plan:00000000-0000-0000-0000-000000000001";
    // "{\"a\":\"x<lone surrogate>\"}" as the browser stores it.
    let lone = js_sys::JsString::from("{\"a\":\"x")
        .concat(&js_sys::JsString::from_char_code1(0xD800).into())
        .concat(&"\"}".into());
    assert!(!lone.is_valid_utf16());
    let storage = web_sys::window().unwrap().local_storage().unwrap().unwrap();
    let set: js_sys::Function = js_sys::Reflect::get(&storage, &"setItem".into())
        .unwrap()
        .unchecked_into();
    set.call2(&storage, &key.into(), &lone).unwrap();

    let got = local_storage::get(key).unwrap().unwrap();
    assert!(kiemtra::storage::kv::is_escaped(&got), "{got}");
    assert!(got.contains("\\ud800"), "{got}");

    let (_, _, summary) = WorkspaceStore::open(LocalStorageKv, "test", BrowserClock.now());
    assert_eq!(summary.quarantined.len(), 1);
    let get: js_sys::Function = js_sys::Reflect::get(&storage, &"getItem".into())
        .unwrap()
        .unchecked_into();
    let after = get.call1(&storage, &key.into()).unwrap();
    assert_eq!(
        js_sys::JsString::from(after),
        lone,
        "the stored value is still exactly what was there"
    );
    clear();
}

mod workspace_store {
    use super::clear;
    use kiemtra::domain::clock::Clock;
    use kiemtra::domain::plan::{Plan, PlanKind};
    use kiemtra::persist::{ChangeKey, WorkspaceStore};
    use kiemtra::platform::clock::{BrowserClock, BrowserIds};
    use kiemtra::platform::local_storage::{self, LocalStorageKv};
    use kiemtra::storage::SaveStatus;
    use wasm_bindgen_test::*;

    fn new_plan(title: &str) -> Plan {
        let mut p = Plan::new(&mut BrowserIds, PlanKind::Xlvphc, 2021, &BrowserClock);
        p.title = title.into();
        p
    }

    #[wasm_bindgen_test]
    fn a_full_local_storage_keeps_stored_plans_and_the_unsaved_one_in_memory() {
        clear();
        let now = BrowserClock.now();
        let (mut store, mut ws, summary) = WorkspaceStore::open(LocalStorageKv, "test", now);
        assert!(summary.fatal.is_none());
        let kept = ws.add_plan(new_plan("Kế hoạch đã lưu")).unwrap();
        store.mark(&ws, &ChangeKey::Plan(kept), now);
        store.flush_now(now);
        let stored = local_storage::get(&format!("kiemtra:plan:{kept}"))
            .unwrap()
            .unwrap();

        // Fill the rest of the quota with someone else's data.
        let chunk = "x".repeat(256 * 1024);
        for i in 0..64 {
            if local_storage::set(&format!("other-app:{i}"), &chunk).is_err() {
                break;
            }
        }
        for i in 0..64 {
            if local_storage::set(&format!("other-app:small:{i}"), &"y".repeat(4096)).is_err() {
                break;
            }
        }
        // Text that does not compress (stored values may be compressed,
        // storage::codec): pseudo-random letters, about 6 bits each.
        let letters: Vec<char> = "aăâbcdđeêghiklmnoôơpqrstuưvxyáàảãạấầẩẫậéèẻẽẹíìỉĩịóòỏõọúùủũụ"
            .chars()
            .collect();
        let mut seed = 0x2545_f491_u32;
        let noise: String = (0..34_000)
            .map(|_| {
                seed ^= seed << 13;
                seed ^= seed >> 17;
                seed ^= seed << 5;
                letters[seed as usize % letters.len()]
            })
            .collect();
        let big = ws.add_plan(new_plan(&noise)).unwrap();
        store.mark(&ws, &ChangeKey::Plan(big), now);
        store.flush_now(now);
        assert!(matches!(store.status(), SaveStatus::Failed(_)));
        // The file the app offers then holds the plan the browser refused,
        // and the app's own restore accepts it.
        let file = store.export_with_unsaved(now).unwrap();
        assert!(file.contains(&format!("kiemtra:plan:{big}")));
        let preview = store.preview_restore(&file).unwrap();
        assert!(preview.is_ok(), "{:?}", preview.errors);
        assert!(preview.identical.contains(&format!("kiemtra:plan:{kept}")));
        assert!(preview.new_keys.contains(&format!("kiemtra:plan:{big}")));
        assert_eq!(
            local_storage::get(&format!("kiemtra:plan:{kept}"))
                .unwrap()
                .as_deref(),
            Some(stored.as_str()),
            "the stored plan is intact"
        );
        clear();
    }
}

/// The unit's signing key (issue #15) in a real browser: WebCrypto makes it,
/// IndexedDB keeps it (loading opens the database again, as a reload does),
/// its signature verifies with the Rust verifier, and a new key replaces it.
mod signing_key {
    use kiemtra::platform::signing_key;
    use kiemtra::report::signature::{fingerprint_hex, verify_signature};
    use kiemtra::report::{prepare_signed, verify, VerifyResult};
    use wasm_bindgen_test::*;

    #[wasm_bindgen_test]
    async fn a_key_is_made_kept_used_to_sign_and_replaced() {
        let made = signing_key::create("2021-12-08T02:30:00Z").await.unwrap();
        assert_eq!(
            made.public.fingerprint(),
            fingerprint_hex(&made.public.spki_der)
        );
        // SubjectPublicKeyInfo of an uncompressed P-256 point: 91 bytes.
        assert_eq!(made.public.spki_der.len(), 91);

        // Read back from IndexedDB, as after a reload.
        let loaded = signing_key::load().await.unwrap().expect("stored key");
        assert_eq!(loaded.public, made.public);
        assert_eq!(loaded.created, "2021-12-08T02:30:00Z");

        // The loaded (non-extractable) key signs; the Rust verifier agrees.
        let raw = signing_key::sign(&loaded, b"noi dung bao cao")
            .await
            .unwrap();
        assert_eq!(raw.len(), 64);
        let sig = loaded.public.file_signature(&raw);
        assert_eq!(verify_signature(&sig, b"noi dung bao cao"), Ok(()));
        assert!(verify_signature(&sig, b"noi dung khac").is_err());

        // A whole signed export, checked by the file check.
        let golden = include_str!("fixtures/report/dinh_ky_ninh_kieu_2021.golden.json");
        let VerifyResult::Valid { envelope } = verify(golden) else {
            panic!("golden file");
        };
        let report = envelope.report;
        let at = envelope.generated_at;
        let to_sign = prepare_signed(report, "test", at, loaded.public.clone()).unwrap();
        let raw = signing_key::sign(&loaded, &to_sign.bytes).await.unwrap();
        let file = to_sign.finish(&raw).unwrap();
        match verify(&file.text) {
            VerifyResult::Valid { envelope } => assert_eq!(
                envelope.signature.unwrap().public_key_sha256,
                loaded.public.fingerprint()
            ),
            other => panic!("{other:?}"),
        }

        // A new key replaces it for good.
        let newer = signing_key::create("2022-01-01T00:00:00Z").await.unwrap();
        assert_ne!(newer.public, made.public);
        let again = signing_key::load().await.unwrap().expect("stored key");
        assert_eq!(again.public, newer.public);
    }
}

/// Round receiving checks signatures with WebCrypto (issue #15, speed): the
/// browser's verdict on each file gives it the same result as the pure
/// `p256` verifier (a signed file, one edited and rehashed, one whose
/// signature value was altered, unsigned, not JSON).
mod signature_check {
    use kiemtra::platform::signature_check::verdicts;
    use kiemtra::report::jcs::Rule;
    use kiemtra::report::{verify, verify_checked};
    use serde_json::{json, Value};
    use wasm_bindgen_test::*;

    const SIGNED: &str = include_str!("fixtures/report/dinh_ky_ninh_kieu_2021.signed.golden.json");

    fn edited(f: impl Fn(&mut Value)) -> String {
        let mut v: Value = serde_json::from_str(SIGNED).unwrap();
        f(&mut v);
        let h = Rule::Jcs.content_sha256(&v["content"]).unwrap();
        v["content_sha256"] = json!(h);
        serde_json::to_string(&v).unwrap()
    }

    #[wasm_bindgen_test]
    async fn webcrypto_verdicts_agree_with_the_pure_verifier() {
        let unsigned = include_str!("fixtures/report/dinh_ky_ninh_kieu_2021.golden.json");
        let texts = vec![
            SIGNED.to_owned(),
            edited(|v| v["content"]["xu_phat"]["so_vu_phat_hien"] = json!(999)),
            // The signature value altered (two characters swapped).
            edited(|v| {
                let s = v["signature"]["value"].as_str().unwrap().to_owned();
                let mut b: Vec<char> = s.chars().collect();
                b.swap(3, 7);
                v["signature"]["value"] = json!(b.into_iter().collect::<String>());
            }),
            unsigned.to_owned(),
            "{ khong phai json".to_owned(),
        ];
        let got = verdicts(&texts).await;
        assert_eq!(got.len(), texts.len());
        assert_eq!(got[0], Some(true));
        assert_eq!(got[1], Some(false));
        assert_eq!(got[3], None);
        assert_eq!(got[4], None);
        for (text, verdict) in texts.iter().zip(&got) {
            assert_eq!(verify_checked(text, *verdict), verify(text));
        }
    }
}

/// Evidence files (issue #16) in the browser's real IndexedDB: stored under
/// the SHA-256 of their bytes and read back byte for byte; a quota error on
/// a put is reported as "full", stores nothing and leaves what was stored
/// before intact.
mod evidence_store {
    use kiemtra::domain::evidence::sha256_hex;
    use kiemtra::platform::evidence::{self, PutError};
    use wasm_bindgen_test::*;

    #[wasm_bindgen_test]
    async fn a_file_is_read_back_byte_for_byte_and_a_full_database_loses_nothing() {
        // Every byte value, so no encoding on the way can pass unnoticed.
        let bytes: Vec<u8> = (0..4096u32).map(|i| (i % 256) as u8).collect();
        let hash = sha256_hex(&bytes);
        evidence::put(&hash, "application/pdf", &bytes)
            .await
            .expect("stored");
        assert_eq!(evidence::get(&hash).await.as_deref(), Some(&bytes[..]));
        let listed = evidence::list().await;
        let entry = listed.iter().find(|f| f.hash == hash).expect("listed");
        assert_eq!(entry.size, bytes.len() as u64);

        // The database refuses the next write as a full disk does.
        js_sys::eval(
            "globalThis.__ktPut = IDBObjectStore.prototype.put;\
             IDBObjectStore.prototype.put = function () {\
               throw new DOMException('quota', 'QuotaExceededError');\
             };",
        )
        .expect("patch put");
        let other = b"%PDF-1.4 bien ban 13".to_vec();
        let other_hash = sha256_hex(&other);
        let refused = evidence::put(&other_hash, "application/pdf", &other).await;
        js_sys::eval("IDBObjectStore.prototype.put = globalThis.__ktPut;").expect("unpatch");
        assert_eq!(refused, Err(PutError::Full));
        assert_eq!(
            evidence::get(&other_hash).await,
            None,
            "nothing half-stored"
        );
        assert_eq!(
            evidence::get(&hash).await.as_deref(),
            Some(&bytes[..]),
            "what was stored before is intact"
        );

        // Once there is room again the same file is stored.
        evidence::put(&other_hash, "application/pdf", &other)
            .await
            .expect("stored after the quota error");
        assert_eq!(evidence::get(&other_hash).await, Some(other));
    }
}

/// Fine-grained answers (issue #14, item 1), through the `AppState` the app
/// provides: answering one item re-runs the readers of that answer, of its
/// group, its run and its inspection, and not the readers of the workspace,
/// of another row or of another group; the answer is queued and stored.
mod fine_grained_answers {
    use kiemtra::domain::answer::{AnswerKey, ItemStatus};
    use kiemtra::domain::catalog::UnitLevel;
    use kiemtra::domain::ids::{TemplateId, UnitId};
    use kiemtra::domain::plan::{InspectedUnit, Plan, PlanKind};
    use kiemtra::domain::template::AnswerType;
    use kiemtra::platform::local_storage;
    use kiemtra::state::AppState;
    use kiemtra::storage::SaveStatus;
    use leptos::prelude::*;
    use std::sync::atomic::{AtomicU32, Ordering};
    use std::sync::Arc;
    use wasm_bindgen_test::*;

    /// A memo of `f` and how many times it ran.
    fn counted<T: PartialEq + Send + Sync + 'static>(
        f: impl Fn() -> T + Send + Sync + 'static,
    ) -> (Memo<T>, Arc<AtomicU32>) {
        let runs = Arc::new(AtomicU32::new(0));
        let r = runs.clone();
        let memo = Memo::new(move |_| {
            r.fetch_add(1, Ordering::SeqCst);
            f()
        });
        (memo, runs)
    }

    fn runs(c: &Arc<AtomicU32>) -> u32 {
        c.load(Ordering::SeqCst)
    }

    #[wasm_bindgen_test]
    fn an_answer_reruns_its_row_group_run_and_inspection_only() {
        super::clear();
        let owner = Owner::new();
        owner.with(|| {
            let state = AppState::provide();
            let unit = std::cell::Cell::new(None);
            let plan = state
                .add_plan(|ids, clock| {
                    let mut p = Plan::new(ids, PlanKind::Xlvphc, 2021, clock);
                    p.title = "Kế hoạch kiểm tra năm 2021".into();
                    let u = InspectedUnit {
                        id: UnitId::generate(ids),
                        name: "UBND quận Ninh Kiều".into(),
                        level: UnitLevel::QuanHuyen,
                        address: "Cần Thơ".into(),
                    };
                    unit.set(Some(u.id));
                    p.inspected_units = vec![u];
                    p
                })
                .unwrap();
            let insp = state
                .create_inspection(plan, unit.get().unwrap(), None)
                .unwrap();
            let tid = TemplateId::new("xlvphc-nd19-2020").unwrap();
            let (run, keys) = state
                .edit_inspection(insp, |i, lib, clock, ids| {
                    let t = lib.latest(&tid).unwrap();
                    // Two plain groups with two unconditional status items.
                    let plain: Vec<(String, String, String)> =
                        t.groups
                            .iter()
                            .filter(|g| g.repeat.is_none())
                            .filter_map(|g| {
                                let mut it = g.items.iter().filter(|i| {
                                    i.show_if.is_none() && i.answer == AnswerType::Status
                                });
                                Some((
                                    g.code.clone(),
                                    it.next()?.code.clone(),
                                    it.next()?.code.clone(),
                                ))
                            })
                            .take(2)
                            .collect();
                    assert_eq!(plain.len(), 2, "the template has two plain groups");
                    let run = i.add_checklist(t, ids, clock)?;
                    Ok((run, plain))
                })
                .unwrap();
            let (g1, a, b) = &keys[0];
            let (g2, c, _) = &keys[1];
            let (ka, kb, kc) = (
                AnswerKey::new(g1, 0, a),
                AnswerKey::new(g1, 0, b),
                AnswerKey::new(g2, 0, c),
            );

            let status_of = move |k: AnswerKey| {
                state.ws.with_untracked(|ws| {
                    ws.inspection(insp)
                        .and_then(|i| i.checklist(run))
                        .and_then(|r| r.answers.get(&k))
                        .map(|a| a.status)
                })
            };
            let (workspace, ws_runs) =
                counted(move || state.ws.with(|ws| ws.inspections().count()));
            let row = {
                let ka = ka.clone();
                counted(move || {
                    state.track_answer(run, &ka);
                    status_of(ka.clone())
                })
            };
            let other_row = {
                let kb = kb.clone();
                counted(move || {
                    state.track_answer(run, &kb);
                    status_of(kb.clone())
                })
            };
            let group = {
                let g1 = g1.clone();
                counted(move || state.track_group_answers(run, &g1))
            };
            let other_group = {
                let g2 = g2.clone();
                counted(move || state.track_group_answers(run, &g2))
            };
            let run_answers = counted(move || state.track_run_answers(run));
            let insp_answers = counted(move || state.track_inspection_answers(insp));
            let all_answers = counted(move || state.track_all_answers());
            let read_all = || {
                workspace.get();
                row.0.get();
                other_row.0.get();
                group.0.get();
                other_group.0.get();
                run_answers.0.get();
                insp_answers.0.get();
                all_answers.0.get();
            };
            read_all();
            state.flush_now();
            assert_eq!(row.0.get_untracked(), None);

            state
                .edit_answer(insp, run, ka.clone(), |x| x.status = ItemStatus::Dat)
                .unwrap();
            read_all();
            assert_eq!(row.0.get_untracked(), Some(ItemStatus::Dat));
            assert_eq!(runs(&row.1), 2, "the row re-ran");
            assert_eq!(runs(&group.1), 2, "its group re-ran");
            assert_eq!(runs(&run_answers.1), 2, "its run re-ran");
            assert_eq!(runs(&insp_answers.1), 2, "its inspection re-ran");
            assert_eq!(runs(&all_answers.1), 2, "the lists re-ran");
            assert_eq!(runs(&ws_runs), 1, "the workspace's readers did not");
            assert_eq!(runs(&other_row.1), 1, "another row did not");
            assert_eq!(runs(&other_group.1), 1, "another group did not");

            // Queued, then stored in the run's answers record.
            assert_eq!(state.save.get_untracked(), SaveStatus::Pending);
            state.flush_now();
            let key = format!("kiemtra:answers:{insp}:{run}");
            let raw = local_storage::get(&key).unwrap().expect("answers record");
            // Stored values over 512 bytes may be compressed (storage::codec).
            let stored = kiemtra::storage::decode_stored(&raw)
                .expect("decodes")
                .into_owned();
            assert!(stored.contains(&format!("\"{a}\":\"d\"")), "{stored}");

            // An answer of the other group reaches that group, not the first.
            state
                .edit_answer(insp, run, kc.clone(), |x| x.status = ItemStatus::KhongDat)
                .unwrap();
            read_all();
            assert_eq!(runs(&other_group.1), 2);
            assert_eq!(runs(&group.1), 2);
            assert_eq!(runs(&row.1), 2);

            // Any other change of the inspection still reaches the
            // workspace's readers.
            state
                .edit_inspection(insp, |i, _, clock, _| i.set_extension(1, clock))
                .unwrap();
            read_all();
            assert_eq!(runs(&ws_runs), 2);
            state.flush_now();
        });
        owner.cleanup();
        super::clear();
    }
}
