//! Signed report files (issue #15) with fixed test keys: a signed export
//! verifies; a file edited after signing (even with its hash recomputed) is
//! refused; the fingerprint's readable form; whose key signed, judged
//! against the keys a round accepted (known, new, changed, unsigned,
//! unsigned after signed, invalid); the round's held files and recorded
//! choices; and a verdict computed outside (the browser's WebCrypto, stood
//! in for here by the `p256` crate called directly) gives every file the
//! same result as the pure verifier.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "fixtures/report/fixtures.rs"]
mod fixtures;
#[path = "fixtures/keys/test_keys.rs"]
mod test_keys;

use fixtures::*;
use kiemtra::report::jcs::Rule;
use kiemtra::report::key_trust::{classify, classify_result, Standing};
use kiemtra::report::period::{Regime, ReportPeriod};
use kiemtra::report::periodic::ReportingUnit;
use kiemtra::report::round::Receiver;
use kiemtra::report::round::{receive, Acceptance, Incoming, Received, Rejection, Round};
use kiemtra::report::signature::{
    fingerprint_display, fingerprint_hex, signed_bytes, verify_signature, SignatureError,
    SignedMessage,
};
use kiemtra::report::{export, verify, verify_checked, ReportContent, VerifyResult};
use serde_json::{json, Value};
use test_keys::{unit_a, unit_a_new};

fn signed_text() -> String {
    unit_a()
        .export(periodic_content(), APP_VERSION, generated_at())
        .text
}

fn reparse(text: &str) -> Value {
    serde_json::from_str(text).unwrap()
}

/// Recomputes the content hash as an editor of the file would.
fn rehash(v: &mut Value) {
    let h = Rule::Jcs.content_sha256(&v["content"]).unwrap();
    v["content_sha256"] = json!(h);
}

#[test]
fn a_signed_export_carries_key_fingerprint_and_signature_and_verifies() {
    let text = signed_text();
    let v = reparse(&text);
    let sig = &v["signature"];
    assert_eq!(sig["algorithm"], "ECDSA-P256-SHA256");
    let spki = base64_decode(sig["public_key"].as_str().unwrap());
    assert_eq!(spki, unit_a().public.spki_der);
    assert_eq!(sig["public_key_sha256"], json!(fingerprint_hex(&spki)));
    assert_eq!(base64_decode(sig["value"].as_str().unwrap()).len(), 64);
    match verify(&text) {
        VerifyResult::Valid { envelope } => {
            assert_eq!(
                envelope.signature.unwrap().public_key_sha256,
                unit_a().public.fingerprint()
            );
        }
        other => panic!("{other:?}"),
    }
    // Same hash as the unsigned export of the same report.
    let plain = export(periodic_content(), APP_VERSION, generated_at()).unwrap();
    assert_eq!(v["content_sha256"], json!(plain.content_sha256));
}

fn base64_decode(s: &str) -> Vec<u8> {
    use base64::Engine as _;
    base64::engine::general_purpose::STANDARD.decode(s).unwrap()
}

#[test]
fn a_figure_edited_and_rehashed_after_signing_is_refused() {
    let mut v = reparse(&signed_text());
    v["content"]["xu_phat"]["so_vu_phat_hien"] = json!(999);
    rehash(&mut v);
    let edited = serde_json::to_string_pretty(&v).unwrap();
    assert_eq!(
        verify(&edited),
        VerifyResult::SignatureInvalid(SignatureError::Mismatch)
    );
    // Without the rehash it is the hash that fails first.
    let mut v = reparse(&signed_text());
    v["content"]["xu_phat"]["so_vu_phat_hien"] = json!(999);
    assert!(matches!(
        verify(&serde_json::to_string(&v).unwrap()),
        VerifyResult::HashMismatch { .. }
    ));
}

#[test]
fn the_header_is_signed_too() {
    let mut v = reparse(&signed_text());
    v["generated_at"] = json!("2021-12-09T02:30:00Z");
    assert_eq!(
        verify(&serde_json::to_string(&v).unwrap()),
        VerifyResult::SignatureInvalid(SignatureError::Mismatch)
    );
}

#[test]
fn reformatting_a_signed_file_keeps_it_valid() {
    let compact = serde_json::to_string(&reparse(&signed_text())).unwrap();
    assert!(matches!(verify(&compact), VerifyResult::Valid { .. }));
}

#[test]
fn a_file_re_signed_with_another_key_but_the_old_public_key_is_refused() {
    let mut v = reparse(&signed_text());
    v["content"]["so_ky_hieu"] = json!("999/BC-UBND");
    rehash(&mut v);
    let raw = unit_a_new().sign_raw(&signed_bytes(&v));
    use base64::Engine as _;
    v["signature"]["value"] = json!(base64::engine::general_purpose::STANDARD.encode(raw));
    assert_eq!(
        verify(&serde_json::to_string(&v).unwrap()),
        VerifyResult::SignatureInvalid(SignatureError::Mismatch)
    );
}

#[test]
fn a_public_key_swapped_without_its_fingerprint_or_a_broken_signature_is_refused() {
    let good = reparse(&signed_text());
    let other = unit_a_new().public.file_signature(&[0; 64]);
    let mut v = good.clone();
    v["signature"]["public_key"] = json!(other.public_key);
    assert_eq!(
        verify(&serde_json::to_string(&v).unwrap()),
        VerifyResult::SignatureInvalid(SignatureError::Fingerprint)
    );
    let mut v = good.clone();
    v["signature"]["value"] = json!("AAAA");
    assert_eq!(
        verify(&serde_json::to_string(&v).unwrap()),
        VerifyResult::SignatureInvalid(SignatureError::Encoding)
    );
    let mut v = good.clone();
    v["signature"]["algorithm"] = json!("RSA");
    assert!(matches!(
        verify(&serde_json::to_string(&v).unwrap()),
        VerifyResult::SignatureInvalid(SignatureError::Algorithm(_))
    ));
    let mut v = good;
    v["signature"] = json!("chữ ký");
    assert!(matches!(
        verify(&serde_json::to_string(&v).unwrap()),
        VerifyResult::Malformed(_)
    ));
}

#[test]
fn the_signature_check_refuses_a_tampered_message() {
    let key = unit_a();
    let sig = key.public.file_signature(&key.sign_raw(b"noi dung"));
    assert_eq!(verify_signature(&sig, b"noi dung"), Ok(()));
    assert_eq!(
        verify_signature(&sig, b"noi dung khac"),
        Err(SignatureError::Mismatch)
    );
}

#[test]
fn the_fingerprint_is_shown_as_eight_groups_of_four() {
    let hex = "3f2a9b1c0d4e7788a1b2c3d4e5f60718ffffffffffffffffffffffffffffffff";
    assert_eq!(
        fingerprint_display(hex),
        "3F2A 9B1C 0D4E 7788 A1B2 C3D4 E5F6 0718"
    );
    let fp = unit_a().public.fingerprint();
    assert_eq!(fp.len(), 64);
    let shown = fingerprint_display(&fp);
    assert_eq!(shown.len(), 39);
    assert_eq!(shown.replace(' ', ""), fp[..32].to_uppercase());
    // Not a fingerprint: shown as it is, nothing hidden.
    assert_eq!(fingerprint_display("abc"), "abc");
    assert_eq!(fingerprint_display(&"zz".repeat(32)), "zz".repeat(32));
}

#[test]
fn classification_of_every_case() {
    let a = unit_a().public.file_signature(&[0; 64]);
    let b = unit_a_new().public.file_signature(&[0; 64]);
    let fa = a.public_key_sha256.clone();
    let fb = b.public_key_sha256.clone();
    assert_eq!(
        classify(Some(&a), &[]),
        Standing::NewKey {
            fingerprint: fa.clone()
        }
    );
    assert_eq!(
        classify(Some(&a), &[&fa]),
        Standing::KnownKey {
            fingerprint: fa.clone()
        }
    );
    // An older accepted key still counts as known.
    assert!(matches!(
        classify(Some(&a), &[&fa, &fb]),
        Standing::KnownKey { .. }
    ));
    assert_eq!(
        classify(Some(&b), &[&fa]),
        Standing::ChangedKey {
            fingerprint: fb.clone(),
            previous: fa.clone()
        }
    );
    assert_eq!(classify(None, &[]), Standing::Unsigned);
    assert_eq!(
        classify(None, &[&fa]),
        Standing::UnsignedAfterSigned {
            previous: fa.clone()
        }
    );
    for (s, ok) in [
        (classify(Some(&a), &[]), true),
        (classify(Some(&a), &[&fa]), true),
        (classify(None, &[]), true),
        (classify(Some(&b), &[&fa]), false),
        (classify(None, &[&fa]), false),
    ] {
        assert_eq!(s.accepted_without_choice(), ok, "{s:?}");
        assert!(!s.refused());
        assert!(!s.message_vi().is_empty());
    }
    let invalid = Standing::Invalid(SignatureError::Mismatch);
    assert!(invalid.refused() && !invalid.accepted_without_choice());
    assert!(invalid.message_vi().contains("từ chối"));
    // The messages show the readable fingerprint.
    assert!(classify(Some(&a), &[])
        .message_vi()
        .contains(&fingerprint_display(&fa)));
}

#[test]
fn classification_of_a_verify_result() {
    let text = signed_text();
    let fa = unit_a().public.fingerprint();
    let r = verify(&text);
    assert_eq!(
        classify_result(&r, |unit| {
            assert_eq!(unit, "Ủy ban nhân dân quận Ninh Kiều");
            vec![]
        }),
        Some(Standing::NewKey {
            fingerprint: fa.clone()
        })
    );
    let mut v = reparse(&text);
    v["content"]["so_ky_hieu"] = json!("1/BC");
    rehash(&mut v);
    let bad = verify(&serde_json::to_string(&v).unwrap());
    assert_eq!(
        classify_result(&bad, |_| vec![]),
        Some(Standing::Invalid(SignatureError::Mismatch))
    );
    assert_eq!(classify_result(&verify("{}"), |_| vec![]), None);
}

// ---- the round ----

fn round() -> Round {
    let mut r = Round::new(
        "Báo cáo năm 2021",
        ReportPeriod::yearly(2021).unwrap(),
        Regime::Tt16_2018,
        d(2021, 12, 17),
    );
    r.add_unit(ReportingUnit {
        ten: "Ủy ban nhân dân quận Ninh Kiều".into(),
        co_quan_chu_quan: "Thành phố Cần Thơ".into(),
    });
    r
}

fn report_with(so: &str) -> ReportContent {
    let mut p = periodic_ninh_kieu_2021();
    p.so_ky_hieu = so.into();
    ReportContent::DinhKy(p)
}

fn incoming<'a>(name: &'a str, text: &'a str) -> Incoming<'a> {
    Incoming {
        ten_tep: name,
        text,
        ngay_nhan: d(2021, 12, 15),
    }
}

#[test]
fn a_round_accepts_a_units_first_key_and_knows_it_afterwards() {
    let mut r = round();
    let first = unit_a().export(report_with("1/BC"), APP_VERSION, generated_at());
    assert!(matches!(
        receive(&mut r, incoming("a.json", &first.text)),
        Received::Accepted { seq: 1, .. }
    ));
    let fa = unit_a().public.fingerprint();
    assert_eq!(r.khoa.len(), 1);
    assert_eq!(r.khoa[0].public_key_sha256, fa);
    assert_eq!(r.khoa[0].cach, Acceptance::FirstFile);
    assert_eq!(r.khoa[0].tu_tep, 1);
    assert_eq!(r.tep[0].khoa_ky.as_deref(), Some(fa.as_str()));
    assert_eq!(
        r.accepted_keys("ủy ban nhân dân quận ninh kiều"),
        vec![fa.as_str()]
    );
    // A correction signed by the same key: known, no new key recorded.
    let second = unit_a().export(report_with("2/BC"), APP_VERSION, generated_at());
    assert!(matches!(
        receive(&mut r, incoming("b.json", &second.text)),
        Received::Accepted {
            seq: 2,
            thay_the: Some(1),
            ..
        }
    ));
    assert_eq!(r.khoa.len(), 1);
}

#[test]
fn a_file_signed_by_a_changed_key_is_held_until_a_recorded_choice() {
    let mut r = round();
    let first = unit_a().export(report_with("1/BC"), APP_VERSION, generated_at());
    receive(&mut r, incoming("a.json", &first.text));
    let changed = unit_a_new().export(report_with("2/BC"), APP_VERSION, generated_at());
    let got = receive(&mut r, incoming("b.json", &changed.text));
    let fa = unit_a().public.fingerprint();
    let fb = unit_a_new().public.fingerprint();
    assert_eq!(
        got,
        Received::Held {
            don_vi: "Ủy ban nhân dân quận Ninh Kiều".into(),
            standing: Standing::ChangedKey {
                fingerprint: fb.clone(),
                previous: fa.clone()
            }
        }
    );
    // Not counted: still one file; held once even if dropped again.
    assert_eq!(r.tep.len(), 1);
    receive(&mut r, incoming("b.json", &changed.text));
    assert_eq!(r.cho_quyet_dinh.len(), 1);
    assert_eq!(r.cho_quyet_dinh[0].standing().code(), "changed_key");

    let after = r.accept_held(0, d(2021, 12, 16)).unwrap();
    assert!(matches!(
        after,
        Received::Accepted {
            seq: 2,
            thay_the: Some(1),
            ..
        }
    ));
    assert!(r.cho_quyet_dinh.is_empty());
    assert_eq!(r.quyet_dinh_khoa.len(), 1);
    let decision = &r.quyet_dinh_khoa[0];
    assert!(decision.chap_nhan);
    assert_eq!(decision.khoa_truoc, fa);
    assert_eq!(decision.khoa_moi.as_deref(), Some(fb.as_str()));
    assert_eq!(decision.ngay, d(2021, 12, 16));
    assert_eq!(r.khoa.len(), 2);
    assert_eq!(
        r.khoa[1].cach,
        Acceptance::Chosen {
            khoa_truoc: Some(fa.clone())
        }
    );
    // Each kept file says how its key stood when it was accepted.
    assert_eq!(
        r.file_standing(1),
        Some(Standing::NewKey {
            fingerprint: fa.clone()
        })
    );
    assert_eq!(
        r.file_standing(2),
        Some(Standing::ChangedKey {
            fingerprint: fb.clone(),
            previous: fa.clone()
        })
    );
    assert_eq!(r.file_standing(9), None);
    // From now on the new key is known.
    let third = unit_a_new().export(report_with("3/BC"), APP_VERSION, generated_at());
    assert!(matches!(
        receive(&mut r, incoming("c.json", &third.text)),
        Received::Accepted { seq: 3, .. }
    ));
    assert_eq!(
        r.file_standing(3),
        Some(Standing::KnownKey { fingerprint: fb })
    );
}

#[test]
fn a_held_file_can_be_refused_and_the_refusal_is_recorded() {
    let mut r = round();
    receive(
        &mut r,
        incoming(
            "a.json",
            &unit_a()
                .export(report_with("1/BC"), APP_VERSION, generated_at())
                .text,
        ),
    );
    let unsigned = export(report_with("2/BC"), APP_VERSION, generated_at()).unwrap();
    assert!(matches!(
        receive(&mut r, incoming("b.json", &unsigned.text)),
        Received::Held {
            standing: Standing::UnsignedAfterSigned { .. },
            ..
        }
    ));
    assert!(r.refuse_held(0, d(2021, 12, 16)));
    assert!(!r.refuse_held(0, d(2021, 12, 16)));
    assert_eq!(r.tep.len(), 1);
    assert!(!r.quyet_dinh_khoa[0].chap_nhan);
    assert_eq!(r.quyet_dinh_khoa[0].khoa_moi, None);
    assert!(r.accept_held(0, d(2021, 12, 16)).is_none());
}

#[test]
fn unsigned_files_of_a_unit_that_never_signed_are_accepted_and_an_invalid_one_refused() {
    let mut r = round();
    let unsigned = export(report_with("1/BC"), APP_VERSION, generated_at()).unwrap();
    assert!(matches!(
        receive(&mut r, incoming("a.json", &unsigned.text)),
        Received::Accepted { .. }
    ));
    assert_eq!(r.tep[0].khoa_ky, None);
    assert_eq!(r.file_standing(1), Some(Standing::Unsigned));
    assert!(r.khoa.is_empty());
    let before = r.clone();
    let mut v = reparse(
        &unit_a()
            .export(report_with("2/BC"), APP_VERSION, generated_at())
            .text,
    );
    v["content"]["xu_phat"]["so_vu_phat_hien"] = json!(1);
    rehash(&mut v);
    let got = receive(
        &mut r,
        incoming("b.json", &serde_json::to_string(&v).unwrap()),
    );
    assert_eq!(
        got,
        Received::Rejected(Rejection::BadSignature(SignatureError::Mismatch))
    );
    assert_eq!(r, before);
}

// ---- a verdict computed outside ----

/// What the browser answers for `m`: the arithmetic alone, done here by the
/// `p256` crate directly (not through the app's verifier).
fn outside_verdict(m: &SignedMessage) -> Option<bool> {
    use p256::ecdsa::signature::Verifier as _;
    use p256::pkcs8::DecodePublicKey as _;
    let key = p256::ecdsa::VerifyingKey::from_public_key_der(&m.spki_der).ok()?;
    let sig = p256::ecdsa::Signature::from_slice(&m.signature).ok()?;
    Some(key.verify(&m.message, &sig).is_ok())
}

/// Files of every kind: signed, edited and rehashed, re-signed with another
/// key, unsigned, another algorithm, a wrong fingerprint, a short value,
/// edited without rehash, not JSON.
fn assorted_files() -> Vec<(&'static str, String)> {
    let signed = signed_text();
    let v = reparse(&signed);
    let edit = |f: &dyn Fn(&mut Value)| {
        let mut w = v.clone();
        f(&mut w);
        serde_json::to_string(&w).unwrap()
    };
    let resigned = {
        let mut w = v.clone();
        w["content"]["so_ky_hieu"] = json!("999/BC-UBND");
        rehash(&mut w);
        let raw = unit_a_new().sign_raw(&signed_bytes(&w));
        use base64::Engine as _;
        w["signature"]["value"] = json!(base64::engine::general_purpose::STANDARD.encode(raw));
        serde_json::to_string(&w).unwrap()
    };
    vec![
        ("signed", signed.clone()),
        (
            "edited_rehashed",
            edit(&|w| {
                w["content"]["xu_phat"]["so_vu_phat_hien"] = json!(999);
                rehash(w);
            }),
        ),
        ("resigned_other_key", resigned),
        (
            "unsigned",
            export(periodic_content(), APP_VERSION, generated_at())
                .unwrap()
                .text,
        ),
        (
            "other_algorithm",
            edit(&|w| w["signature"]["algorithm"] = json!("RSA")),
        ),
        (
            "wrong_fingerprint",
            edit(&|w| w["signature"]["public_key_sha256"] = json!("00".repeat(32))),
        ),
        (
            "short_value",
            edit(&|w| w["signature"]["value"] = json!("AAAA")),
        ),
        (
            "edited_not_rehashed",
            edit(&|w| w["content"]["xu_phat"]["so_vu_phat_hien"] = json!(999)),
        ),
        ("not_json", "{ khong phai json".to_owned()),
    ]
}

#[test]
fn a_verdict_computed_outside_gives_every_file_the_same_result_as_the_pure_verifier() {
    for (name, text) in assorted_files() {
        let m = SignedMessage::of(&text);
        let verdict = m.as_ref().and_then(outside_verdict);
        assert_eq!(verify_checked(&text, verdict), verify(&text), "{name}");
        // Only signed files whose signature passes the checks without
        // arithmetic are asked about.
        let asked = matches!(
            name,
            "signed" | "edited_rehashed" | "resigned_other_key" | "edited_not_rehashed"
        );
        assert_eq!(m.is_some(), asked, "{name}");
    }
    // The signed bytes asked about are those the pure verifier checks.
    let signed = signed_text();
    let m = SignedMessage::of(&signed).unwrap();
    assert_eq!(m.message, signed_bytes(&reparse(&signed)));
    assert_eq!(m.spki_der, unit_a().public.spki_der);
    assert_eq!(outside_verdict(&m), Some(true));
}

#[test]
fn a_verdict_decides_only_the_arithmetic() {
    let files: std::collections::BTreeMap<_, _> = assorted_files().into_iter().collect();
    // A "valid" verdict does not excuse a wrong fingerprint, another
    // algorithm or a changed content hash.
    assert_eq!(
        verify_checked(&files["wrong_fingerprint"], Some(true)),
        VerifyResult::SignatureInvalid(SignatureError::Fingerprint)
    );
    assert!(matches!(
        verify_checked(&files["other_algorithm"], Some(true)),
        VerifyResult::SignatureInvalid(SignatureError::Algorithm(_))
    ));
    assert!(matches!(
        verify_checked(&files["edited_not_rehashed"], Some(true)),
        VerifyResult::HashMismatch { .. }
    ));
    // A "not valid" verdict refuses a file as changed after signing.
    assert_eq!(
        verify_checked(&files["signed"], Some(false)),
        VerifyResult::SignatureInvalid(SignatureError::Mismatch)
    );
}

#[test]
fn a_round_receiving_with_outside_verdicts_ends_as_one_receiving_without() {
    let texts: Vec<String> = vec![
        unit_a()
            .export(report_with("1/BC"), APP_VERSION, generated_at())
            .text,
        unit_a_new()
            .export(report_with("2/BC"), APP_VERSION, generated_at())
            .text,
        export(report_with("3/BC"), APP_VERSION, generated_at())
            .unwrap()
            .text,
        assorted_files()[1].1.clone(),
    ];
    let mut plain = round();
    let mut checked = round();
    let mut a = Receiver::new(&plain);
    let mut b = Receiver::new(&checked);
    for (i, t) in texts.iter().enumerate() {
        let name = format!("{i}.json");
        let verdict = SignedMessage::of(t).as_ref().and_then(outside_verdict);
        assert_eq!(
            a.receive(&mut plain, incoming(&name, t)),
            b.receive_verified(&mut checked, incoming(&name, t), verdict)
        );
    }
    assert_eq!(plain, checked);
    assert_eq!(checked.tep.len(), 1);
    assert_eq!(checked.cho_quyet_dinh.len(), 2);
}
