//! Quarantine of corrupt and newer-version records, and migrations that
//! keep the old value until the user confirms.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod storage_support;

use kiemtra::storage::keys::{backup_key, quarantine_key};
use kiemtra::storage::{
    CorruptReason, KvError, LoadOutcome, MemoryKv, QuarantineReason, Repository, SaveOutcome,
    StorageError,
};
use serde_json::json;
use storage_support::*;

const KEY: &str = "kiemtra:plan:kh-01";
const GARBAGE: &str = "{\"schema\":\"kiemtra/plan\",\"version\":1,\"data\":{\"id\":\"kh-01\",\"ten\":\"Kế hoạch bị cắt ngang";

#[test]
fn a_corrupt_record_is_set_aside_byte_for_byte_and_later_saves_never_touch_the_copy() {
    let mut kv = MemoryKv::new();
    kv.insert_raw(KEY, GARBAGE);
    let mut repo = Repository::new(kv, APP);
    repo.save(&mut ke_hoach("kh-02", "Bản ghi lành"), t(0))
        .unwrap();

    let report = repo.load_all::<KeHoach>(t(1)).unwrap();
    assert_eq!(
        report.records.len(),
        1,
        "only the healthy record is in the working set"
    );
    assert_eq!(report.quarantined.len(), 1);
    let note = &report.quarantined[0];
    assert!(note.new && note.copied);
    assert!(matches!(
        note.reason,
        QuarantineReason::Corrupt(CorruptReason::Envelope { .. })
    ));
    assert_eq!(repo.kv().raw(&quarantine_key(KEY)), Some(GARBAGE));
    assert!(repo.kv().raw(KEY).is_none(), "moved, not copied twice");

    // The set-aside copy lives under its own key: the original key is free,
    // so a later save there (the settings singleton is the usual case) is
    // not refused, in this session or a fresh one, and never touches it.
    let mut same_id = ke_hoach("kh-01", "Bản mới trùng mã");
    assert!(matches!(
        repo.save(&mut same_id, t(2)).unwrap(),
        SaveOutcome::Saved { rev: 1, .. }
    ));
    let mut fresh = Repository::new(repo.into_inner(), APP);
    let report = fresh.load_all::<KeHoach>(t(3)).unwrap();
    assert_eq!(report.records.len(), 2, "the later save loads");
    assert_eq!(report.quarantined.len(), 1, "the copy is still reported");
    assert!(!report.quarantined[0].new);
    same_id.ten = "Sửa lần hai".into();
    assert!(matches!(
        fresh.save(&mut same_id, t(4)).unwrap(),
        SaveOutcome::Saved { rev: 2, .. }
    ));
    assert_eq!(fresh.kv().raw(&quarantine_key(KEY)), Some(GARBAGE));

    let listed = fresh.quarantined_entries().unwrap();
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].original_key, KEY);
    assert_eq!(listed[0].raw, GARBAGE);
    // Restoring it would overwrite the later record: refused.
    assert_eq!(
        fresh.restore_quarantined::<KeHoach>(KEY, t(5)).unwrap_err(),
        StorageError::TargetOccupied { key: KEY.into() }
    );

    // After download the user discards it; the later record stays.
    fresh.discard_quarantined(KEY).unwrap();
    assert!(fresh.quarantined_entries().unwrap().is_empty());
    assert!(fresh.kv().raw(KEY).is_some());
}

#[test]
fn a_value_the_browser_could_only_hand_over_escaped_is_copied_and_never_deleted() {
    // What the platform's getItem gives for a value with a lone surrogate.
    let escaped = kiemtra::storage::kv::escaped_value("\"{\\\"schema\\\":\\ud800\"");
    let mut kv = MemoryKv::new();
    kv.insert_raw(KEY, &escaped);
    let mut repo = Repository::new(kv, APP);
    let report = repo.load_all::<KeHoach>(t(0)).unwrap();
    assert_eq!(report.quarantined.len(), 1);
    assert!(report.quarantined[0].copied);
    assert_eq!(
        repo.kv().raw(KEY),
        Some(escaped.as_str()),
        "the original (not these bytes) is never removed"
    );
    assert_eq!(repo.kv().raw(&quarantine_key(KEY)), Some(escaped.as_str()));
    // Never overwritten either, in this session or the next.
    assert!(repo
        .save_forced(&mut ke_hoach("kh-01", "Ghi đè?"), t(1))
        .is_err());
    let mut fresh = Repository::new(repo.into_inner(), APP);
    fresh.load_all::<KeHoach>(t(2)).unwrap();
    assert!(fresh.save(&mut ke_hoach("kh-01", "Ghi đè?"), t(3)).is_err());
    assert_eq!(fresh.kv().raw(KEY), Some(escaped.as_str()));
    // The backup file keeps it aside (it is not JSON), and still restores.
    let file = fresh.export_all(t(4)).unwrap();
    let doc: serde_json::Value = serde_json::from_str(&file).unwrap();
    assert_eq!(
        doc["quarantined"][KEY],
        serde_json::Value::from(escaped.clone())
    );
    assert!(doc["records"].get(KEY).is_none());
}

#[test]
fn when_the_quarantine_copy_fails_the_original_stays_in_place_and_is_never_overwritten() {
    let mut kv = MemoryKv::new();
    kv.insert_raw(KEY, GARBAGE);
    kv.fail_writes_to(&quarantine_key(KEY), KvError::QuotaExceeded);
    let mut repo = Repository::new(kv, APP);
    let report = repo.load_all::<KeHoach>(t(0)).unwrap();
    assert!(!report.quarantined[0].copied);
    assert_eq!(repo.kv().raw(KEY), Some(GARBAGE));
    assert!(repo.save(&mut ke_hoach("kh-01", "Ghi đè?"), t(1)).is_err());
    assert_eq!(repo.kv().raw(KEY), Some(GARBAGE));
    let listed = repo.quarantined_entries().unwrap();
    assert_eq!(listed[0].stored_under, KEY);
    assert_eq!(listed[0].raw, GARBAGE);

    // A fresh session that never loaded still refuses: the save itself
    // detects the corrupt value.
    let mut fresh = Repository::new(repo.into_inner(), APP);
    assert!(fresh
        .save_forced(&mut ke_hoach("kh-01", "Ghi đè?"), t(2))
        .is_err());
    assert_eq!(fresh.kv().raw(KEY), Some(GARBAGE));
}

#[test]
fn wrong_schema_bad_data_and_id_mismatch_are_corrupt() {
    let cases = [
        (envelope_text("kiemtra/report", 1, 1, json!({})), "schema"),
        (
            envelope_text("kiemtra/plan", 1, 1, json!({"id": "kh-01", "ten": 5})),
            "data",
        ),
        (
            envelope_text(
                "kiemtra/plan",
                1,
                1,
                json!({"id": "kh-99", "ten": "Mã khác", "don_vi": "UBND xã", "tong_tien_phat": 0}),
            ),
            "id",
        ),
    ];
    for (raw, case) in cases {
        let mut kv = MemoryKv::new();
        kv.insert_raw(KEY, &raw);
        let mut repo = Repository::new(kv, APP);
        let out = repo.load_one::<KeHoach>("kh-01", t(0)).unwrap();
        let LoadOutcome::Corrupt { raw: got, reason } = out else {
            panic!("{case}: {out:?}")
        };
        assert_eq!(got, raw);
        let ok = match case {
            "schema" => matches!(reason, CorruptReason::WrongSchema { .. }),
            "data" => matches!(reason, CorruptReason::Data { .. }),
            _ => matches!(reason, CorruptReason::IdMismatch { ref found } if found == "kh-99"),
        };
        assert!(ok, "{case}: {reason:?}");
        assert_eq!(repo.kv().raw(&quarantine_key(KEY)), Some(raw.as_str()));
    }
}

#[test]
fn a_record_from_a_newer_version_is_quarantined_and_restorable_after_an_update() {
    let raw = envelope_text(
        "kiemtra/plan",
        2,
        7,
        json!({"id": "kh-01", "ten": "Từ bản mới", "don_vi": "Sở Tư pháp", "tong_tien_phat": 0, "moi": true}),
    );
    let mut kv = MemoryKv::new();
    kv.insert_raw(KEY, &raw);
    let mut repo = Repository::new(kv, APP);
    let out = repo.load_one::<KeHoach>("kh-01", t(0)).unwrap();
    assert_eq!(
        out,
        LoadOutcome::FromNewer {
            raw: raw.clone(),
            version: 2
        }
    );
    assert_eq!(
        repo.restore_quarantined::<KeHoach>(KEY, t(2)).unwrap_err(),
        StorageError::StillUnloadable { key: KEY.into() }
    );

    // The next load still reports it, now as an earlier quarantine.
    let report = repo.load_all::<KeHoach>(t(3)).unwrap();
    assert!(report.records.is_empty());
    assert_eq!(
        report.quarantined[0].reason,
        QuarantineReason::FromNewer { version: 2 }
    );
    assert!(!report.quarantined[0].new);

    // Simulate "this app has been updated": a v2 type can load it.
    #[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
    struct KeHoachV2 {
        id: String,
        #[serde(default)]
        rev: u64,
        ten: String,
        moi: bool,
    }
    impl kiemtra::storage::StoredRecord for KeHoachV2 {
        const KIND: kiemtra::storage::RecordKind = kiemtra::storage::RecordKind::Plan;
        const VERSION: u32 = 2;
        fn record_id(&self) -> String {
            self.id.clone()
        }
        fn rev(&self) -> u64 {
            self.rev
        }
        fn set_rev(&mut self, rev: u64) {
            self.rev = rev;
        }
    }
    let mut updated = Repository::new(repo.into_inner(), APP);
    let out = updated.load_one::<KeHoachV2>("kh-01", t(4)).unwrap();
    assert!(matches!(
        out,
        LoadOutcome::Quarantined {
            reason: QuarantineReason::Restorable,
            ..
        }
    ));
    let restored = updated.restore_quarantined::<KeHoachV2>(KEY, t(5)).unwrap();
    assert_eq!(restored.record().unwrap().ten, "Từ bản mới");
    assert_eq!(
        updated.kv().raw(KEY),
        Some(raw.as_str()),
        "exact text restored"
    );
    assert!(updated.kv().raw(&quarantine_key(KEY)).is_none());
}

#[test]
fn a_newer_value_found_at_save_time_is_refused_and_left_in_place() {
    let store = shared(MemoryKv::new());
    let mut tab = Repository::new(store.clone(), APP);
    let mut plan = ke_hoach("kh-01", "Bản của tab cũ");
    tab.save(&mut plan, t(0)).unwrap();
    // A tab running a newer app writes version 2.
    let newer = envelope_text("kiemtra/plan", 2, 2, json!({"id": "kh-01"}));
    store.borrow_mut().insert_raw(KEY, &newer);
    let err = tab.save_forced(&mut plan, t(1)).unwrap_err();
    assert_eq!(
        err,
        StorageError::NewerVersion {
            key: KEY.into(),
            version: 2,
            supported: 1
        }
    );
    assert_eq!(store.borrow().raw(KEY), Some(newer.as_str()));
}

fn v0_template() -> String {
    envelope_text(
        "kiemtra/template",
        0,
        4,
        json!({"id": "mau-01", "tieu_de": "Mẫu kiểm tra XLVPHC", "cac_muc": "Thẩm quyền, Thời hạn, Hồ sơ"}),
    )
}

#[test]
fn an_old_version_is_migrated_and_its_raw_kept_until_the_user_confirms() {
    let key = "kiemtra:template:mau-01";
    let old = v0_template();
    let mut kv = MemoryKv::new();
    kv.insert_raw(key, &old);
    let mut repo = Repository::new(kv, APP);

    let report = repo.load_all::<MauKiemTra>(t(0)).unwrap();
    let expected = MauKiemTra {
        id: "mau-01".into(),
        rev: 5,
        ten: "Mẫu kiểm tra XLVPHC".into(),
        muc: vec!["Thẩm quyền".into(), "Thời hạn".into(), "Hồ sơ".into()],
    };
    assert_eq!(report.records, vec![expected.clone()]);
    assert_eq!(report.migrated.len(), 1);
    assert_eq!(report.migrated[0].from, 0);
    assert!(report.migrated[0].written_back);
    let bkey = backup_key(key, 0);
    assert_eq!(report.migrated[0].backup_key, bkey);
    assert_eq!(repo.kv().raw(&bkey), Some(old.as_str()));
    assert!(repo.kv().raw(key).unwrap().contains("\"version\":1"));

    // Reloading does not migrate again; the backup stays.
    let mut fresh = Repository::new(repo.into_inner(), APP);
    let again = fresh.load_one::<MauKiemTra>("mau-01", t(1)).unwrap();
    assert_eq!(again, LoadOutcome::Loaded(expected));
    assert_eq!(fresh.migration_backups().unwrap().len(), 1);

    assert_eq!(fresh.confirm_migration(key).unwrap(), 1);
    assert!(fresh.kv().raw(&bkey).is_none());
    assert!(fresh.migration_backups().unwrap().is_empty());
}

#[test]
fn a_migration_whose_backup_cannot_be_written_is_aborted_and_changes_nothing() {
    let key = "kiemtra:template:mau-01";
    let old = v0_template();
    let mut kv = MemoryKv::new();
    kv.insert_raw(key, &old);
    kv.fail_writes_to(&backup_key(key, 0), KvError::QuotaExceeded);
    let mut repo = Repository::new(kv, APP);
    let report = repo.load_all::<MauKiemTra>(t(0)).unwrap();
    assert!(report.records.is_empty());
    assert!(matches!(
        report.failed[0].1,
        StorageError::QuotaExceeded { .. }
    ));
    assert_eq!(repo.kv().raw(key), Some(old.as_str()));
    // A save with the same id cannot replace the old value without backup.
    let mut m = MauKiemTra {
        id: "mau-01".into(),
        rev: 0,
        ten: "Mới".into(),
        muc: vec![],
    };
    assert!(repo.save_forced(&mut m, t(1)).is_err());
    assert_eq!(repo.kv().raw(key), Some(old.as_str()));
}

#[test]
fn confirming_a_migration_that_was_not_written_back_is_refused() {
    let key = "kiemtra:template:mau-01";
    let old = v0_template();
    let mut kv = MemoryKv::new();
    kv.insert_raw(key, &old);
    kv.fail_writes_to(key, KvError::QuotaExceeded);
    let mut repo = Repository::new(kv, APP);
    let out = repo.load_one::<MauKiemTra>("mau-01", t(0)).unwrap();
    assert!(matches!(out, LoadOutcome::Migrated { from: 0, .. }));
    assert_eq!(repo.kv().raw(key), Some(old.as_str()));
    assert_eq!(
        repo.confirm_migration(key).unwrap_err(),
        StorageError::MigrationNotPersisted { key: key.into() }
    );
    assert_eq!(repo.kv().raw(&backup_key(key, 0)), Some(old.as_str()));
}

#[test]
fn an_old_version_without_a_migration_path_is_quarantined() {
    let raw = envelope_text("kiemtra/plan", 0, 1, json!({"id": "kh-01"}));
    let mut kv = MemoryKv::new();
    kv.insert_raw(KEY, &raw);
    let mut repo = Repository::new(kv, APP);
    let out = repo.load_one::<KeHoach>("kh-01", t(0)).unwrap();
    assert!(matches!(
        out,
        LoadOutcome::Corrupt {
            reason: CorruptReason::Migration(kiemtra::storage::MigrateError::NoPath { from: 0 }),
            ..
        }
    ));
    assert_eq!(repo.kv().raw(&quarantine_key(KEY)), Some(raw.as_str()));
}
