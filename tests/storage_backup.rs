//! Workspace backup: export, preview, restore (all or nothing), keep both.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod storage_support;

use std::collections::BTreeMap;

use kiemtra::storage::keys::quarantine_key;
use kiemtra::storage::{
    KvError, MemoryKv, RecordKind, Repository, RestoreChoice, RestoreError, RestoreOptions,
    StorageError,
};
use serde_json::{json, Value};
use storage_support::*;

fn workspace() -> Repository<MemoryKv> {
    let mut repo = Repository::new(MemoryKv::new(), APP);
    let mut kh = ke_hoach(
        "kh-01",
        "Kế hoạch kiểm tra việc thi hành pháp luật về XLVPHC năm 2025",
    );
    repo.save(&mut kh, t(0)).unwrap();
    repo.save(&mut kh, t(1)).unwrap();
    repo.save(
        &mut ke_hoach("kh-02", "Kế hoạch theo dõi tình hình THPL"),
        t(2),
    )
    .unwrap();
    repo.save(&mut cuoc_kiem_tra("kt-01", "kh-01"), t(3))
        .unwrap();
    let mut mau = MauKiemTra {
        id: "mau-01".into(),
        rev: 0,
        ten: "Mẫu kiểm tra hồ sơ xử phạt".into(),
        muc: vec![
            "Thẩm quyền lập biên bản".into(),
            "Thời hạn ra quyết định".into(),
        ],
    };
    repo.save(&mut mau, t(4)).unwrap();
    let mut bc = BaoCao {
        id: "bc-01".into(),
        rev: 0,
        tieu_de: "Báo cáo kết quả kiểm tra gửi Sở Tư pháp".into(),
        so_vu_viec: 12,
    };
    repo.save(&mut bc, t(5)).unwrap();
    let mut cd = CaiDat {
        rev: 0,
        ngon_ngu: "vi".into(),
        don_vi_mac_dinh: "Phòng Tư pháp thành phố Hội An".into(),
    };
    repo.save(&mut cd, t(6)).unwrap();
    repo
}

fn record_entries(kv: &MemoryKv) -> BTreeMap<String, String> {
    kv.entries()
        .iter()
        .filter(|(k, _)| k.as_str() != "kiemtra:index")
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect()
}

fn no_rekey(_: RecordKind, v: Value) -> (String, Value) {
    panic!("rekey not expected: {v}")
}

#[test]
fn export_then_wipe_then_restore_gives_every_record_back_byte_for_byte() {
    let mut repo = workspace();
    repo.kv_mut()
        .insert_raw(&quarantine_key("kiemtra:plan:kh-09"), "hỏng {");
    let before = record_entries(repo.kv());
    let file = repo.export_all(t(100)).unwrap();
    let doc: Value = serde_json::from_str(&file).unwrap();
    assert_eq!(doc["schema"], "kiemtra/backup");
    assert_eq!(doc["version"], 1);
    assert_eq!(doc["records"].as_object().unwrap().len(), 6);
    assert_eq!(
        doc["quarantined"]["kiemtra:quarantine:kiemtra:plan:kh-09"],
        "hỏng {"
    );

    repo.kv_mut().wipe();
    let preview = repo
        .preview_restore(&file, &RestoreOptions::default())
        .unwrap();
    assert!(preview.is_ok(), "{:?}", preview.errors);
    assert_eq!(preview.counts[&RecordKind::Plan], 2);
    assert_eq!(preview.counts[&RecordKind::Settings], 1);
    assert_eq!(preview.new_keys.len(), 6);
    assert_eq!(preview.quarantined_in_file, 1);
    assert!(preview.conflicts.is_empty());

    let report = repo
        .apply_restore(&preview, &BTreeMap::new(), &mut no_rekey, t(101))
        .unwrap();
    assert_eq!(report.written.len(), 6);
    let after = record_entries(repo.kv());
    let mut expected = before.clone();
    expected.remove(&quarantine_key("kiemtra:plan:kh-09"));
    assert_eq!(after, expected);

    let loaded = repo.load_all::<KeHoach>(t(102)).unwrap();
    assert_eq!(loaded.records.len(), 2);
}

#[test]
fn restoring_the_same_file_again_finds_everything_identical() {
    let repo = workspace();
    let file = repo.export_all(t(100)).unwrap();
    let preview = repo
        .preview_restore(&file, &RestoreOptions::default())
        .unwrap();
    assert_eq!(preview.identical.len(), 6);
    assert!(preview.new_keys.is_empty() && preview.conflicts.is_empty());
}

#[test]
fn malformed_wrong_newer_too_large_and_hostile_files_change_nothing() {
    let mut repo = workspace();
    let good = repo.export_all(t(100)).unwrap();
    let before = repo.kv().entries().clone();
    let deep = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
    let newer_file = good.replacen("\"version\":1", "\"version\":2", 1);
    let bad_record = r#"{"schema":"kiemtra/backup","version":1,"records":{"kiemtra:plan:x":{"schema":"kiemtra/plan"}}}"#;
    let newer_record = format!(
        r#"{{"schema":"kiemtra/backup","version":1,"records":{{"kiemtra:plan:kh-01":{}}}}}"#,
        envelope_text("kiemtra/plan", 5, 1, json!({"id": "kh-01"}))
    );
    let odd_key = r#"{"schema":"kiemtra/backup","version":1,"records":{"kiemtra:index":{}}}"#;
    let small = RestoreOptions {
        max_bytes: 1_000,
        ..RestoreOptions::default()
    };

    let cases: Vec<(&str, String, RestoreOptions)> = vec![
        (
            "malformed",
            "{\"schema\":\"kiemtra/backup\",".into(),
            RestoreOptions::default(),
        ),
        (
            "not json",
            "đây không phải tệp sao lưu".into(),
            RestoreOptions::default(),
        ),
        (
            "wrong schema",
            r#"{"schema":"excalidraw","version":1}"#.into(),
            RestoreOptions::default(),
        ),
        ("newer", newer_file, RestoreOptions::default()),
        ("too large", good.clone(), small),
        ("deep", deep, RestoreOptions::default()),
        ("bad record", bad_record.into(), RestoreOptions::default()),
        ("newer record", newer_record, RestoreOptions::default()),
        ("odd key", odd_key.into(), RestoreOptions::default()),
    ];
    for (name, file, options) in cases {
        let preview = repo.preview_restore(&file, &options).unwrap();
        assert!(!preview.is_ok(), "{name} should be refused");
        let ok = match name {
            "malformed" | "not json" => matches!(preview.errors[0], RestoreError::Malformed { .. }),
            "wrong schema" => matches!(preview.errors[0], RestoreError::WrongSchema { .. }),
            "newer" => matches!(
                preview.errors[0],
                RestoreError::NewerVersion {
                    found: 2,
                    supported: 1
                }
            ),
            "too large" => matches!(
                preview.errors[0],
                RestoreError::TooLarge { limit: 1_000, .. }
            ),
            "deep" => matches!(preview.errors[0], RestoreError::TooDeep { .. }),
            "bad record" => matches!(preview.errors[0], RestoreError::InvalidRecord { .. }),
            "newer record" => matches!(
                preview.errors[0],
                RestoreError::NewerRecord { version: 5, .. }
            ),
            _ => matches!(preview.errors[0], RestoreError::UnexpectedKey { .. }),
        };
        assert!(ok, "{name}: {:?}", preview.errors);
        let err = repo
            .apply_restore(&preview, &BTreeMap::new(), &mut no_rekey, t(101))
            .unwrap_err();
        assert!(matches!(err, StorageError::RestoreRejected { .. }));
        assert_eq!(repo.kv().entries(), &before, "{name} changed the store");
    }
}

#[test]
fn conflicts_show_both_revisions_and_keep_both_adds_the_file_record_under_a_new_id() {
    let mut repo = workspace();
    let file = repo.export_all(t(100)).unwrap();
    // Local edits after the backup.
    let mut kh = repo
        .load_one::<KeHoach>("kh-01", t(101))
        .unwrap()
        .into_record()
        .unwrap();
    kh.ten = "Kế hoạch đã điều chỉnh sau khi sao lưu".into();
    repo.save(&mut kh, t(102)).unwrap();
    let mut kt = repo
        .load_one::<CuocKiemTra>("kt-01", t(103))
        .unwrap()
        .into_record()
        .unwrap();
    kt.ket_luan = "Phát hiện 02 quyết định xử phạt quá thời hạn".into();
    repo.save(&mut kt, t(104)).unwrap();
    let local_kh = repo.kv().raw("kiemtra:plan:kh-01").unwrap().to_string();

    let preview = repo
        .preview_restore(&file, &RestoreOptions::default())
        .unwrap();
    assert!(preview.is_ok());
    assert_eq!(preview.conflicts.len(), 2);
    let c = preview
        .conflicts
        .iter()
        .find(|c| c.key == "kiemtra:plan:kh-01")
        .unwrap();
    assert_eq!(c.existing.rev, Some(3));
    assert_eq!(c.existing.saved_at, Some(t(102)));
    assert_eq!(c.incoming.rev, Some(2));
    assert_eq!(c.incoming.saved_at, Some(t(1)));

    let choices = BTreeMap::from([
        ("kiemtra:plan:kh-01".to_string(), RestoreChoice::KeepBoth),
        (
            "kiemtra:inspection:kt-01".to_string(),
            RestoreChoice::TakeTheirs,
        ),
    ]);
    let mut rekey = |kind: RecordKind, mut data: Value| {
        assert_eq!(kind, RecordKind::Plan);
        let id = format!("{}-ban-sao", data["id"].as_str().unwrap());
        data["id"] = Value::String(id.clone());
        (id, data)
    };
    let report = repo
        .apply_restore(&preview, &choices, &mut rekey, t(105))
        .unwrap();
    assert_eq!(
        report.kept_both,
        vec![(
            "kiemtra:plan:kh-01".to_string(),
            "kiemtra:plan:kh-01-ban-sao".to_string()
        )]
    );
    assert_eq!(report.written, vec!["kiemtra:inspection:kt-01".to_string()]);
    assert_eq!(
        repo.kv().raw("kiemtra:plan:kh-01"),
        Some(local_kh.as_str()),
        "mine kept"
    );

    let plans = repo.load_all::<KeHoach>(t(106)).unwrap();
    assert!(plans.quarantined.is_empty());
    let names: Vec<_> = plans
        .records
        .iter()
        .map(|p| (p.id.as_str(), p.ten.as_str()))
        .collect();
    assert!(names.contains(&("kh-01", "Kế hoạch đã điều chỉnh sau khi sao lưu")));
    assert!(names.contains(&(
        "kh-01-ban-sao",
        "Kế hoạch kiểm tra việc thi hành pháp luật về XLVPHC năm 2025"
    )));
    let kt_now = repo
        .load_one::<CuocKiemTra>("kt-01", t(107))
        .unwrap()
        .into_record()
        .unwrap();
    assert_eq!(
        kt_now.ket_luan,
        cuoc_kiem_tra("kt-01", "kh-01").ket_luan,
        "theirs taken"
    );
}

#[test]
fn a_stale_in_memory_copy_cannot_overwrite_a_restored_record() {
    let mut repo = workspace();
    let file = repo.export_all(t(100)).unwrap();
    let mut kh = repo
        .load_one::<KeHoach>("kh-01", t(101))
        .unwrap()
        .into_record()
        .unwrap();
    kh.ten = "Bản sửa sau sao lưu".into();
    repo.save(&mut kh, t(102)).unwrap();
    let preview = repo
        .preview_restore(&file, &RestoreOptions::default())
        .unwrap();
    let choices = BTreeMap::from([("kiemtra:plan:kh-01".to_string(), RestoreChoice::TakeTheirs)]);
    repo.apply_restore(&preview, &choices, &mut no_rekey, t(103))
        .unwrap();
    kh.ten = "Sửa tiếp trên bản cũ".into();
    assert!(matches!(
        repo.save(&mut kh, t(104)).unwrap(),
        kiemtra::storage::SaveOutcome::Conflict { .. }
    ));
}

#[test]
fn a_restore_that_hits_the_quota_midway_is_undone() {
    let mut repo = workspace();
    let file = repo.export_all(t(100)).unwrap();
    repo.kv_mut().wipe();
    repo.save(&mut ke_hoach("kh-99", "Bản ghi có sẵn"), t(101))
        .unwrap();
    let before = repo.kv().entries().clone();
    let preview = repo
        .preview_restore(&file, &RestoreOptions::default())
        .unwrap();
    // The fourth key in write order fails.
    let fourth = preview.new_keys[3].clone();
    repo.kv_mut()
        .fail_writes_to(&fourth, KvError::QuotaExceeded);
    let err = repo
        .apply_restore(&preview, &BTreeMap::new(), &mut no_rekey, t(102))
        .unwrap_err();
    assert_eq!(err, StorageError::QuotaExceeded { key: fourth });
    assert_eq!(repo.kv().entries(), &before);
}

#[test]
fn take_theirs_is_refused_for_a_quarantined_record_until_it_is_resolved() {
    let mut repo = workspace();
    let file = repo.export_all(t(100)).unwrap();
    repo.kv_mut().insert_raw("kiemtra:report:bc-01", "hỏng");
    repo.load_all::<BaoCao>(t(101)).unwrap();
    let preview = repo
        .preview_restore(&file, &RestoreOptions::default())
        .unwrap();
    let c = preview
        .conflicts
        .iter()
        .find(|c| c.key == "kiemtra:report:bc-01")
        .unwrap();
    assert!(c.existing_quarantined);
    let choices = BTreeMap::from([(
        "kiemtra:report:bc-01".to_string(),
        RestoreChoice::TakeTheirs,
    )]);
    let report = repo
        .apply_restore(&preview, &choices, &mut no_rekey, t(102))
        .unwrap();
    assert_eq!(report.blocked, vec!["kiemtra:report:bc-01".to_string()]);
    assert_eq!(
        repo.kv().raw(&quarantine_key("kiemtra:report:bc-01")),
        Some("hỏng")
    );

    repo.discard_quarantined("kiemtra:report:bc-01").unwrap();
    let preview = repo
        .preview_restore(&file, &RestoreOptions::default())
        .unwrap();
    assert_eq!(preview.new_keys, vec!["kiemtra:report:bc-01".to_string()]);
    repo.apply_restore(&preview, &BTreeMap::new(), &mut no_rekey, t(103))
        .unwrap();
    assert_eq!(repo.load_all::<BaoCao>(t(104)).unwrap().records.len(), 1);
}
