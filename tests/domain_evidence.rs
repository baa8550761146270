//! Evidence attachments (issue #16): references, hashing, accepted files,
//! the lock rule, the garbage rule.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "domain_support.rs"]
mod support;

use kiemtra::domain::answer::{Answer, AnswerKey, ItemStatus};
use kiemtra::domain::catalog::FindingKind;
use kiemtra::domain::clock::Clock;
use kiemtra::domain::error::DomainError;
use kiemtra::domain::evidence::{
    attach, attachments_of, check_file, detach, extension, garbage, hashes_in, is_hash, reference,
    referenced, set_caption, sha256_hex, should_scale, total_size, undo_detach, Attachment,
    EvidenceError, MAX_BYTES, MAX_CAPTION_CHARS, MAX_PER_TARGET,
};
use kiemtra::domain::inspection::{Conclusion, Inspection};
use std::collections::BTreeSet;
use support::{clock, d};
use uuid::Uuid;

fn att(bytes: &[u8], mime: &str) -> Attachment {
    reference(bytes, mime, "anh.jpg", "Bảng niêm yết", clock().now()).unwrap()
}

#[test]
fn the_hash_is_the_sha256_of_the_stored_bytes_in_lowercase_hex() {
    // FIPS 180-2 test vector.
    assert_eq!(
        sha256_hex(b"abc"),
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    );
    assert!(is_hash(&sha256_hex(b"")));
    assert!(!is_hash(
        "BA7816BF8F01CFEA414140DE5DAE2223B00361A396177A9CB410FF61F20015AD"
    ));
    assert!(!is_hash("abc"));
    let a = att(b"\xff\xd8\xff photo", "image/jpeg");
    assert_eq!(a.hash, sha256_hex(b"\xff\xd8\xff photo"));
    assert_eq!(a.size, 9);
    assert_eq!(a.mime, "image/jpeg");
}

#[test]
fn only_images_and_pdf_within_the_size_limit_are_accepted() {
    assert_eq!(check_file("application/pdf", 10), Ok(()));
    assert_eq!(check_file("image/png", MAX_BYTES), Ok(()));
    assert_eq!(
        check_file("image/png", MAX_BYTES + 1),
        Err(EvidenceError::TooLarge(MAX_BYTES + 1))
    );
    assert_eq!(check_file("image/jpeg", 0), Err(EvidenceError::Empty));
    assert_eq!(
        check_file("video/mp4", 10),
        Err(EvidenceError::UnsupportedType("video/mp4".into()))
    );
    assert_eq!(
        check_file("text/html", 10),
        Err(EvidenceError::UnsupportedType("text/html".into()))
    );
    assert!(should_scale("image/jpeg", false));
    assert!(!should_scale("image/jpeg", true), "keep original");
    assert!(!should_scale("application/pdf", false));
    assert_eq!(extension("application/pdf"), "pdf");
    assert_eq!(extension("image/jpeg"), "jpg");
}

#[test]
fn a_reference_trims_and_cuts_caption_and_name() {
    let long = "ả".repeat(MAX_CAPTION_CHARS + 10);
    let a = reference(b"x", "image/gif", "  a.gif ", &long, clock().now()).unwrap();
    assert_eq!(a.caption.chars().count(), MAX_CAPTION_CHARS);
    assert_eq!(a.name, "a.gif");
    let json = serde_json::to_value(&a).unwrap();
    assert_eq!(json["type"], "image/gif");
    assert_eq!(json["size"], 1);
    // A caption-less reference leaves the empty fields out of the record.
    let b = reference(b"y", "image/gif", "", "", clock().now()).unwrap();
    let json = serde_json::to_string(&b).unwrap();
    assert!(
        !json.contains("caption") && !json.contains("name"),
        "{json}"
    );
}

#[test]
fn the_same_file_twice_is_one_attachment_and_the_list_has_a_limit() {
    let mut list = Vec::new();
    assert_eq!(attach(&mut list, att(b"a", "image/png")), Ok(true));
    assert_eq!(attach(&mut list, att(b"a", "image/png")), Ok(false));
    assert_eq!(list.len(), 1);
    for i in 1..MAX_PER_TARGET {
        attach(&mut list, att(format!("f{i}").as_bytes(), "image/png")).unwrap();
    }
    assert_eq!(
        attach(&mut list, att(b"one more", "image/png")),
        Err(EvidenceError::TooMany)
    );
    let mut bad = att(b"z", "image/png");
    bad.hash = "not-a-hash".into();
    assert_eq!(attach(&mut Vec::new(), bad), Err(EvidenceError::BadHash));
}

#[test]
fn removing_is_undone_in_place_and_captions_change() {
    let (a, b, c) = (
        att(b"a", "image/png"),
        att(b"b", "image/png"),
        att(b"c", "application/pdf"),
    );
    let mut list = vec![a.clone(), b.clone(), c.clone()];
    let (pos, removed) = detach(&mut list, &b.hash).unwrap();
    assert_eq!(pos, 1);
    assert_eq!(list, vec![a.clone(), c.clone()]);
    assert!(detach(&mut list, &b.hash).is_none());
    undo_detach(&mut list, pos, removed.clone());
    assert_eq!(list, vec![a.clone(), b.clone(), c.clone()]);
    undo_detach(&mut list, pos, removed);
    assert_eq!(list.len(), 3, "undo twice does not duplicate");
    assert!(set_caption(&mut list, &c.hash, "Quyết định số 5/QĐ-XPHC"));
    assert_eq!(list[2].caption, "Quyết định số 5/QĐ-XPHC");
    assert!(!set_caption(&mut list, &sha256_hex(b"none"), "x"));
}

#[test]
fn garbage_is_exactly_the_stored_files_no_record_refers_to() {
    let (a, b, c) = (sha256_hex(b"a"), sha256_hex(b"b"), sha256_hex(b"c"));
    let refs: BTreeSet<String> = [a.clone(), c.clone()].into_iter().collect();
    let stored = [a.as_str(), b.as_str(), c.as_str()];
    assert_eq!(garbage(stored, &refs), vec![b.clone()]);
    assert!(garbage(stored, &stored.iter().map(|s| s.to_string()).collect()).is_empty());
    assert!(garbage([], &refs).is_empty());
    // References are read from raw stored text too (a quarantined record
    // still keeps its files); a longer hex run is not a hash.
    let raw = format!(r#"{{"attachments":[{{"hash":"{a}"}}],"x":"{b}0","y":"q{c}"}}"#);
    let found = hashes_in(&raw);
    assert_eq!(found, [a.clone()].into_iter().collect());
    assert_eq!(garbage(stored, &found), vec![b.clone(), c.clone()]);
}

#[test]
fn an_unreferenced_file_is_kept_for_a_day_before_it_is_garbage() {
    use kiemtra::domain::evidence::{garbage_due, StoredFile, GARBAGE_GRACE_MS};
    let now = 1_700_000_000_000_i64;
    let file = |b: &[u8], at: i64| StoredFile {
        hash: sha256_hex(b),
        size: 1,
        at,
    };
    let stored = vec![
        file(b"old, referenced", now - 2 * GARBAGE_GRACE_MS),
        file(b"old, unreferenced", now - 2 * GARBAGE_GRACE_MS),
        file(b"new, unreferenced", now - 1000),
    ];
    let refs: BTreeSet<String> = [sha256_hex(b"old, referenced")].into_iter().collect();
    assert_eq!(
        garbage_due(&stored, &refs, now),
        vec![sha256_hex(b"old, unreferenced")]
    );
}

type Fx = support::StartedInspection;

fn fx() -> Fx {
    support::started_inspection(1000, 1001)
}

#[test]
fn answers_findings_and_addenda_carry_attachments_and_finalizing_locks_them() {
    let mut f = fx();
    let key = AnswerKey::new("I", 0, "I.1");
    let photo = att(b"photo of the notice board", "image/jpeg");
    let pdf = att(b"%PDF decision", "application/pdf");
    let mut a = Answer::status(ItemStatus::KhongDat);
    a.attachments.push(photo.clone());
    f.insp
        .set_answer(f.run, key.clone(), a, &f.lib, &f.clock)
        .unwrap();
    // A finding made from the answer takes its attachments along.
    let fid = f
        .insp
        .finding_from_answer(
            f.run,
            &key,
            FindingKind::SaiSot,
            &f.lib,
            &mut f.ids,
            &f.clock,
        )
        .unwrap();
    let mut finding = f.insp.findings()[0].clone();
    assert_eq!(finding.id, fid);
    assert_eq!(finding.attachments, vec![photo.clone()]);
    finding.attachments.push(pdf.clone());
    f.insp.update_finding(finding, &f.clock).unwrap();
    let listed: Vec<&str> = attachments_of(&f.insp)
        .iter()
        .map(|a| a.hash.as_str())
        .collect();
    assert_eq!(
        listed,
        vec![photo.hash.as_str(), photo.hash.as_str(), pdf.hash.as_str()]
    );
    assert_eq!(total_size(attachments_of(&f.insp)), photo.size + pdf.size);
    assert_eq!(
        referenced([&f.insp]),
        [photo.hash.clone(), pdf.hash.clone()].into_iter().collect()
    );
    assert_eq!(kiemtra::domain::evidence::check_unlocked(&f.insp), Ok(()));

    // Finalize.
    f.insp
        .set_answer(
            f.run,
            AnswerKey::new("I", 0, "I.2"),
            Answer::value(kiemtra::domain::answer::AnswerValue::YesNo(false)),
            &f.lib,
            &f.clock,
        )
        .unwrap();
    f.insp
        .set_answer(
            f.run,
            AnswerKey::new("I", 0, "I.4"),
            Answer::value(kiemtra::domain::answer::AnswerValue::Text(
                "Chưa ban hành kế hoạch.".into(),
            )),
            &f.lib,
            &f.clock,
        )
        .unwrap();
    f.insp.start(d(2021, 3, 1), &f.clock).unwrap();
    f.insp
        .set_actual_end(Some(d(2021, 3, 5)), &f.clock)
        .unwrap();
    f.insp
        .set_conclusion(
            Conclusion {
                text: "Đã thực hiện cơ bản đầy đủ.".into(),
                draft_date: Some(d(2021, 3, 12)),
                ..Conclusion::default()
            },
            &f.clock,
        )
        .unwrap();
    f.insp.finalize(&f.lib, &f.clock).unwrap();
    assert_eq!(
        kiemtra::domain::evidence::check_unlocked(&f.insp),
        Err(EvidenceError::Locked)
    );
    // Neither the answer's nor the finding's attachments can change now.
    let mut stripped = f.insp.checklists()[0].answers[&key].clone();
    stripped.attachments.clear();
    assert!(matches!(
        f.insp
            .set_answer(f.run, key.clone(), stripped, &f.lib, &f.clock),
        Err(DomainError::Locked { .. })
    ));
    assert!(matches!(
        f.insp.clear_answer(f.run, &key, &f.clock),
        Err(DomainError::Locked { .. })
    ));
    let mut finding = f.insp.findings()[0].clone();
    finding.attachments.clear();
    assert!(matches!(
        f.insp.update_finding(finding, &f.clock),
        Err(DomainError::Locked { .. })
    ));
    assert_eq!(attachments_of(&f.insp).len(), 3);
    let places: Vec<_> = kiemtra::domain::evidence::listing(&f.insp)
        .into_iter()
        .map(|(p, _)| p)
        .collect();
    use kiemtra::domain::evidence::Place;
    assert_eq!(
        places,
        vec![
            Place::Answer(key.clone()),
            Place::Finding(1),
            Place::Finding(1)
        ]
    );

    // An addendum may add new evidence, once each, and nothing else.
    let add = f
        .insp
        .add_addendum("Bổ sung ảnh chụp sổ theo dõi.", &mut f.ids, &f.clock)
        .unwrap();
    let later = att(b"record book page", "image/jpeg");
    assert_eq!(
        f.insp.attach_to_addendum(add, later.clone(), &f.clock),
        Ok(true)
    );
    assert_eq!(
        f.insp.attach_to_addendum(add, later.clone(), &f.clock),
        Ok(false)
    );
    assert_eq!(f.insp.addenda()[0].attachments, vec![later.clone()]);
    assert!(referenced([&f.insp]).contains(&later.hash));
    let missing = kiemtra::domain::ids::AddendumId(Uuid::from_u128(9));
    assert_eq!(
        f.insp.attach_to_addendum(missing, later, &f.clock),
        Err(EvidenceError::NoSuchAddendum)
    );
}

#[test]
fn attachments_survive_the_stored_records_round_trip() {
    let mut f = fx();
    let key = AnswerKey::new("I", 0, "I.1");
    let mut a = Answer::status(ItemStatus::Dat);
    a.attachments.push(att(b"p", "image/png"));
    f.insp
        .set_answer(f.run, key.clone(), a.clone(), &f.lib, &f.clock)
        .unwrap();
    let json = serde_json::to_string(&f.insp).unwrap();
    let back: Inspection = serde_json::from_str(&json).unwrap();
    assert_eq!(back.checklists()[0].answers[&key], a);
    // An answer with no attachments writes no field for them.
    let plain = serde_json::to_string(&Answer::status(ItemStatus::Dat)).unwrap();
    assert_eq!(plain, r#"{"status":"dat"}"#);
}
