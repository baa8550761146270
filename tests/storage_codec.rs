//! Compressed stored values (issue #14, `storage::codec`): what is written
//! compressed, that it always reads back, and that everything reading stored
//! values (load, quarantine, other tabs, the journal, backups) still keeps
//! the data-is-sacred rules with compressed values.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "domain_support.rs"]
mod support;

use std::cell::RefCell;
use std::rc::Rc;

use kiemtra::domain::clock::Clock;
use kiemtra::domain::plan::Plan;
use kiemtra::persist::{ChangeKey, WorkspaceStore};
use kiemtra::storage::codec::{
    is_compressed, readable_text, COMPRESSED_PREFIX, MAX_DECOMPRESSED_BYTES,
};
use kiemtra::storage::journal::replay;
use kiemtra::storage::{
    decode_stored, encode_stored, ExternalChange, KvStore, MemoryKv, Replayed, Repository,
    StoredRecord,
};

type Shared = Rc<RefCell<MemoryKv>>;

/// A plan with its storage revision left out (the workspace's copy keeps
/// the revision it was added with).
fn same_rev(p: Option<&Plan>) -> Option<Plan> {
    p.cloned().map(|mut p| {
        p.set_rev(0);
        p
    })
}

/// The packing of a zlib stream, as the encoder writes it (test copy: the
/// hostile values below need streams the encoder would never write).
fn pack(bytes: &[u8]) -> String {
    let total_bits = bytes.len() * 8;
    let pad = (15 - total_bits % 15) % 15;
    let mut out = format!("{COMPRESSED_PREFIX}{}", char::from(b'a' + pad as u8));
    let (mut acc, mut bits) = (0u32, 0u32);
    for &b in bytes {
        acc = (acc << 8) | u32::from(b);
        bits += 8;
        if bits >= 15 {
            bits -= 15;
            out.push(char::from_u32(0x20 + ((acc >> bits) & 0x7FFF)).unwrap());
            acc &= (1 << bits) - 1;
        }
    }
    if bits > 0 {
        out.push(char::from_u32(0x20 + ((acc << (15 - bits)) & 0x7FFF)).unwrap());
    }
    out
}

#[test]
fn a_large_value_is_stored_compressed_small_ones_plain_and_both_read_back() {
    let small = r#"{"schema":"kiemtra/settings","version":1}"#.to_string();
    assert_eq!(
        encode_stored(small.clone()),
        small,
        "tiny values stay plain"
    );
    let note = "Đơn vị chưa ban hành kế hoạch kiểm tra năm 2021; biên bản số 12/BB-VPHC lập quá thời hạn. ";
    let large = format!(
        r#"{{"schema":"kiemtra/plan","data":"{}"}}"#,
        note.repeat(40)
    );
    let stored = encode_stored(large.clone());
    assert!(stored.starts_with(COMPRESSED_PREFIX), "marked");
    assert!(is_compressed(&stored));
    assert!(stored.encode_utf16().count() * 5 < large.encode_utf16().count());
    // Valid UTF-16 a browser keeps as is: no surrogate, no control character.
    assert!(stored
        .chars()
        .all(|c| (0x20..=0x801F).contains(&(c as u32))));
    assert_eq!(decode_stored(&stored).unwrap(), large);
    assert_eq!(
        decode_stored(&small).unwrap(),
        small,
        "plain passes through"
    );
    // Every length around the packing's 15-bit boundaries round-trips.
    for n in 500..560 {
        let json = format!(r#"{{"a":"{}"}}"#, "ể".repeat(n / 3) + &"x".repeat(n % 7));
        assert_eq!(decode_stored(&encode_stored(json.clone())).unwrap(), json);
    }
    // Incompressible text is left plain rather than grown.
    let noise: String = (0..2000u32)
        .map(|i| char::from_u32(0x4E00 + (i.wrapping_mul(2654435761) % 20000)).unwrap())
        .collect();
    let noisy = format!(r#"{{"a":"{noise}"}}"#);
    assert_eq!(encode_stored(noisy.clone()), noisy);
}

#[test]
fn a_saved_record_is_compressed_in_storage_and_loads_back_equal() {
    let kv: Shared = Rc::default();
    let (_, ws, id) = support::saved_plan(&kv);
    let raw = kv.borrow().raw(&support::plan_key(id)).unwrap().to_string();
    assert!(is_compressed(&raw), "{raw}");
    let (_, again, summary) = WorkspaceStore::open(kv.clone(), "test", support::clock().now());
    assert!(summary.quarantined.is_empty());
    assert_eq!(same_rev(again.plan(id)), same_rev(ws.plan(id)));
}

#[test]
fn plain_values_written_before_the_encoding_load_and_are_compressed_at_their_next_save() {
    let kv: Shared = Rc::default();
    let (_, _, id) = support::saved_plan(&kv);
    let key = support::plan_key(id);
    // The same store as an earlier version left it: the plain JSON.
    let plain = decode_stored(kv.borrow().raw(&key).unwrap())
        .unwrap()
        .into_owned();
    kv.borrow_mut().insert_raw(&key, &plain);
    let c = support::clock();
    let (mut store, mut ws, summary) = WorkspaceStore::open(kv.clone(), "test", c.now());
    assert!(summary.quarantined.is_empty() && summary.migrated.is_empty());
    assert_eq!(
        kv.borrow().raw(&key),
        Some(plain.as_str()),
        "not rewritten at start"
    );
    let mut p: Plan = ws.plan(id).cloned().unwrap();
    p.title = "Kế hoạch kiểm tra năm 2021 (sửa)".into();
    ws.update_plan(p, &c).unwrap();
    store.mark(&ws, &ChangeKey::Plan(id), c.now());
    let report = store.flush_now(c.now());
    assert!(report.iter().all(|r| r.failed.is_empty()));
    assert!(is_compressed(kv.borrow().raw(&key).unwrap()));
}

#[test]
fn a_compressed_value_that_does_not_decompress_is_quarantined_byte_for_byte() {
    let kv: Shared = Rc::default();
    let (_, _, id) = support::saved_plan(&kv);
    let key = support::plan_key(id);
    let good = kv.borrow().raw(&key).unwrap().to_string();
    // One unit changed in the middle: the zlib check refuses it.
    let mut chars: Vec<char> = good.chars().collect();
    let mid = chars.len() / 2;
    chars[mid] = char::from_u32(chars[mid] as u32 ^ 0x155).unwrap();
    let damaged: String = chars.into_iter().collect();
    // Cut short, and a marker with nothing valid after it.
    let cut = good
        .chars()
        .take(good.chars().count() - 3)
        .collect::<String>();
    for bad in [
        damaged,
        cut,
        format!("{COMPRESSED_PREFIX}z!"),
        COMPRESSED_PREFIX.to_string(),
    ] {
        assert!(decode_stored(&bad).is_err(), "{bad}");
        kv.borrow_mut().insert_raw(&key, &bad);
        let (_, ws, summary) = WorkspaceStore::open(kv.clone(), "test", support::clock().now());
        assert!(ws.plan(id).is_none());
        assert!(summary.quarantined.iter().any(|n| n.key == key));
        let qkey = format!("kiemtra:quarantine:{key}");
        assert_eq!(
            kv.borrow().raw(&qkey),
            Some(bad.as_str()),
            "exact stored text kept"
        );
        // The download offers the stored text when it does not decode.
        assert_eq!(readable_text(&bad), bad);
        kv.borrow_mut().remove(&qkey).unwrap();
    }
    // A compressed value set aside (here: its envelope names another kind)
    // is offered for download as its JSON.
    let wrong = encode_stored(
        decode_stored(&good)
            .unwrap()
            .replace("kiemtra/plan", "kiemtra/xyz"),
    );
    assert!(is_compressed(&wrong));
    kv.borrow_mut().insert_raw(&key, &wrong);
    let (store, _, _) = WorkspaceStore::open(kv.clone(), "test", support::clock().now());
    let q = store.repo().quarantined_entries().unwrap();
    assert_eq!(q[0].raw, wrong, "the entry holds the stored text");
    assert!(readable_text(&q[0].raw).starts_with(r#"{"schema":"kiemtra/xyz""#));
}

#[test]
fn a_value_claiming_a_huge_decompressed_size_is_refused_without_allocating_it() {
    // 64 MiB of spaces compress to about 64 KB of zlib.
    let bomb = miniz_oxide_bomb(MAX_DECOMPRESSED_BYTES * 4);
    let stored = pack(&bomb);
    let err = decode_stored(&stored).unwrap_err();
    assert!(format!("{err:?}").contains("larger than"), "{err:?}");
    let kv: Shared = Rc::default();
    kv.borrow_mut().insert_raw("kiemtra:plan:x", &stored);
    let (_, _, summary) = WorkspaceStore::open(kv.clone(), "test", support::clock().now());
    assert_eq!(summary.quarantined.len(), 1);
    // Valid zlib of text that is not UTF-8 is refused too.
    let not_text = pack(&raw_zlib(&[0xFF; 600]));
    assert!(decode_stored(&not_text).is_err());
}

fn raw_zlib(bytes: &[u8]) -> Vec<u8> {
    miniz_oxide::deflate::compress_to_vec_zlib(bytes, 6)
}

fn miniz_oxide_bomb(n: usize) -> Vec<u8> {
    raw_zlib(&vec![b' '; n])
}

#[test]
fn another_tabs_compressed_write_is_taken_and_a_race_on_one_revision_still_detected() {
    let kv: Shared = Rc::default();
    let (mut a, mut ws_a, id) = support::saved_plan(&kv);
    let c = support::clock();
    let (mut b, mut ws_b, _) = WorkspaceStore::open(kv.clone(), "test", c.now());
    let key = support::plan_key(id);
    // Tab B saves; tab A hears of it with the stored (compressed) text.
    let mut p = ws_b.plan(id).cloned().unwrap();
    p.title = "Đổi ở thẻ B".into();
    ws_b.update_plan(p, &c).unwrap();
    b.mark(&ws_b, &ChangeKey::Plan(id), c.now());
    b.flush_now(c.now());
    let new_value = kv.borrow().raw(&key).unwrap().to_string();
    assert!(is_compressed(&new_value));
    let outcome = a
        .repo_mut()
        .on_external_change::<Plan>(&key, Some(&new_value), None);
    let ExternalChange::Updated(remote) = outcome else {
        panic!("{outcome:?}")
    };
    assert_eq!(remote.title, "Đổi ở thẻ B");
    ws_a.put_plan(remote);
    // The same event again is nothing new (the digest is of stored text).
    let again = a
        .repo_mut()
        .on_external_change::<Plan>(&key, Some(&new_value), None);
    assert_eq!(again, ExternalChange::Ignored);
    // Both tabs save from that base at once: the stored value has A's
    // revision but B's bytes, which A must notice.
    let mut pa = ws_a.plan(id).cloned().unwrap();
    pa.title = "Thẻ A".into();
    ws_a.update_plan(pa, &c).unwrap();
    a.mark(&ws_a, &ChangeKey::Plan(id), c.now());
    let snapshot = kv.borrow().clone();
    a.flush_now(c.now());
    let a_text = kv.borrow().raw(&key).unwrap().to_string();
    *kv.borrow_mut() = snapshot;
    let mut pb = ws_b.plan(id).cloned().unwrap();
    pb.title = "Thẻ B lần hai".into();
    ws_b.update_plan(pb, &c).unwrap();
    b.mark(&ws_b, &ChangeKey::Plan(id), c.now());
    b.flush_now(c.now());
    let b_text = kv.borrow().raw(&key).unwrap().to_string();
    assert_ne!(a_text, b_text);
    let outcome = a
        .repo_mut()
        .on_external_change::<Plan>(&key, Some(&b_text), None);
    assert!(
        matches!(outcome, ExternalChange::Overwritten { ref remote } if remote.title == "Thẻ B lần hai"),
        "{outcome:?}"
    );
}

#[test]
fn journal_entries_are_stored_compressed_and_replay_over_compressed_values() {
    let kv: Shared = Rc::default();
    let (mut store, mut ws, id) = support::saved_plan(&kv);
    let c = support::clock();
    let key = support::plan_key(id);
    let disk = kv.borrow().clone();
    let mut p = ws.plan(id).cloned().unwrap();
    p.title = "Sửa chưa kịp lưu".into();
    ws.update_plan(p, &c).unwrap();
    store.mark(&ws, &ChangeKey::Plan(id), c.now());
    let entries = store.journal_entries(c.now());
    assert!(
        is_compressed(&entries[0].value),
        "the entry is what the save writes"
    );
    // The crash: the save never reached the disk.
    let mut lost = disk.clone();
    assert_eq!(replay(&mut lost, &entries), vec![Replayed::Applied]);
    let (_, again, _) = WorkspaceStore::open(lost, "test", c.now());
    assert_eq!(again.plan(id).unwrap().title, "Sửa chưa kịp lưu");
    // Saved since: the stored (compressed) revision is later, stale.
    store.flush_now(c.now());
    let mut saved = kv.borrow().clone();
    let mut p = ws.plan(id).cloned().unwrap();
    p.title = "Lần sau".into();
    ws.update_plan(p, &c).unwrap();
    store.mark(&ws, &ChangeKey::Plan(id), c.now());
    store.flush_now(c.now());
    let newest = kv.borrow().raw(&key).unwrap().to_string();
    saved.insert_raw(&key, &newest);
    assert_eq!(replay(&mut saved, &entries), vec![Replayed::Stale]);
    assert_eq!(saved.raw(&key), Some(newest.as_str()));
}

#[test]
fn backup_files_hold_plain_json_and_restore_into_compressed_storage() {
    let kv: Shared = Rc::default();
    let (store, ws, id) = support::saved_plan(&kv);
    let c = support::clock();
    let file = store.backup_file(c.now()).unwrap();
    assert!(!file.contains(COMPRESSED_PREFIX), "readable JSON only");
    let parsed: serde_json::Value = serde_json::from_str(&file).unwrap();
    assert_eq!(
        parsed["records"][support::plan_key(id)]["data"]["title"],
        ws.plan(id).unwrap().title.as_str()
    );
    // Restored into an empty browser: stored compressed, loads equal.
    let fresh: Shared = Rc::default();
    let mut repo = Repository::new(fresh.clone(), "test");
    let preview = repo
        .preview_restore(&file, &WorkspaceStore::<MemoryKv>::restore_options())
        .unwrap();
    assert!(preview.is_ok(), "{:?}", preview.errors);
    repo.apply_restore(
        &preview,
        &Default::default(),
        &mut |_, v| (String::new(), v),
        c.now(),
    )
    .unwrap();
    assert!(is_compressed(
        fresh.borrow().raw(&support::plan_key(id)).unwrap()
    ));
    let (_, back, summary) = WorkspaceStore::open(fresh.clone(), "test", c.now());
    assert!(summary.quarantined.is_empty());
    assert_eq!(same_rev(back.plan(id)), same_rev(ws.plan(id)));
    // The same file again: every record identical to what is stored
    // (compared decoded), nothing to write.
    let repo = Repository::new(fresh.clone(), "test");
    let again = repo
        .preview_restore(&file, &WorkspaceStore::<MemoryKv>::restore_options())
        .unwrap();
    assert!(again.new_keys.is_empty() && again.conflicts.is_empty());
    assert!(again.identical.contains(&support::plan_key(id)));
}
