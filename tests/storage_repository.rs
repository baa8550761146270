//! Repository behaviour: round trip, revisions, conflicts between tabs,
//! quota and unavailable storage, the index.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod storage_support;

use kiemtra::storage::keys::{record_key, INDEX};
use kiemtra::storage::{
    DeleteOutcome, IndexProblem, IndexStatus, KvError, KvStore, LoadOutcome, MemoryKv, RecordKind,
    Repository, SaveOutcome, StorageError,
};
use storage_support::*;

#[test]
fn a_saved_record_loads_back_equal_in_a_fresh_repository() {
    let mut repo = Repository::new(MemoryKv::new(), APP);
    let mut plan = ke_hoach("kh-01", "Kế hoạch kiểm tra công tác XLVPHC năm 2025");
    let out = repo.save(&mut plan, t(0)).unwrap();
    assert!(matches!(
        out,
        SaveOutcome::Saved {
            rev: 1,
            index_updated: true,
            ..
        }
    ));

    let mut other = Repository::new(repo.into_inner(), APP);
    let report = other.load_all::<KeHoach>(t(1)).unwrap();
    assert_eq!(report.records, vec![plan]);
    assert!(report.quarantined.is_empty() && report.failed.is_empty());
    assert_eq!(report.index, IndexStatus::Consistent);
}

#[test]
fn every_save_increments_the_revision_by_one() {
    let mut repo = Repository::new(MemoryKv::new(), APP);
    let mut plan = ke_hoach("kh-01", "Kế hoạch quý I");
    for expected in 1..=3 {
        repo.save(&mut plan, t(expected as i64)).unwrap();
        assert_eq!(plan.rev, expected);
    }
    let raw = repo.kv().raw("kiemtra:plan:kh-01").unwrap().to_string();
    assert!(raw.contains(r#""rev":3"#));
    // The index lists the record once; saves of a listed record leave it
    // alone (index version 2 holds keys, not revisions).
    let (index_rev, index) = repo.read_index().unwrap().unwrap();
    assert!(index.records.contains("kiemtra:plan:kh-01"));
    assert_eq!(index_rev, 1, "written once, when the record was added");
}

#[test]
fn settings_are_a_single_record_under_the_settings_key() {
    let mut repo = Repository::new(MemoryKv::new(), APP);
    let mut s = CaiDat {
        rev: 0,
        ngon_ngu: "vi".into(),
        don_vi_mac_dinh: "Phòng Tư pháp huyện Duy Xuyên".into(),
    };
    repo.save(&mut s, t(0)).unwrap();
    assert!(repo
        .kv()
        .raw("kiemtra:settings")
        .unwrap()
        .contains("\"schema\":\"kiemtra/settings\""));
    let loaded = repo.load_one::<CaiDat>("", t(1)).unwrap();
    assert_eq!(loaded, LoadOutcome::Loaded(s));
}

#[test]
fn a_save_over_another_tabs_newer_write_is_a_conflict_and_writes_nothing() {
    let store = shared(MemoryKv::new());
    let mut tab_a = Repository::new(store.clone(), APP);
    let mut tab_b = Repository::new(store.clone(), APP);
    let mut plan = ke_hoach("kh-01", "Bản gốc");
    tab_a.save(&mut plan, t(0)).unwrap();

    let mut in_a = tab_a
        .load_one::<KeHoach>("kh-01", t(1))
        .unwrap()
        .into_record()
        .unwrap();
    let mut in_b = tab_b
        .load_one::<KeHoach>("kh-01", t(1))
        .unwrap()
        .into_record()
        .unwrap();
    in_b.ten = "Sửa ở tab B".into();
    tab_b.save(&mut in_b, t(2)).unwrap();

    in_a.ten = "Sửa ở tab A".into();
    let before = store
        .borrow()
        .raw("kiemtra:plan:kh-01")
        .unwrap()
        .to_string();
    let out = tab_a.save(&mut in_a, t(3)).unwrap();
    assert_eq!(
        out,
        SaveOutcome::Conflict {
            key: "kiemtra:plan:kh-01".into(),
            ours: Some(1),
            theirs: Some(2)
        }
    );
    assert_eq!(store.borrow().raw("kiemtra:plan:kh-01").unwrap(), before);
    assert_eq!(in_a.rev, 1, "the in-memory copy is untouched");

    // "Keep mine".
    let out = tab_a.save_forced(&mut in_a, t(4)).unwrap();
    assert!(matches!(out, SaveOutcome::Saved { rev: 3, .. }));
    // Tab B now conflicts and takes theirs.
    in_b.ten = "Sửa tiếp ở tab B".into();
    assert!(matches!(
        tab_b.save(&mut in_b, t(5)).unwrap(),
        SaveOutcome::Conflict { .. }
    ));
    let theirs = tab_b
        .accept_theirs::<KeHoach>("kh-01", t(6))
        .unwrap()
        .into_record()
        .unwrap();
    assert_eq!(theirs.ten, "Sửa ở tab A");
    let mut theirs = theirs;
    assert!(matches!(
        tab_b.save(&mut theirs, t(7)).unwrap(),
        SaveOutcome::Saved { rev: 4, .. }
    ));
}

#[test]
fn creating_a_record_whose_key_another_tab_already_wrote_is_a_conflict() {
    let store = shared(MemoryKv::new());
    let mut tab_a = Repository::new(store.clone(), APP);
    let mut tab_b = Repository::new(store.clone(), APP);
    tab_a.save(&mut ke_hoach("kh-01", "Tab A"), t(0)).unwrap();
    let out = tab_b.save(&mut ke_hoach("kh-01", "Tab B"), t(1)).unwrap();
    assert!(matches!(
        out,
        SaveOutcome::Conflict {
            ours: None,
            theirs: Some(1),
            ..
        }
    ));
}

#[test]
fn delete_removes_the_record_and_its_index_entry_but_checks_revisions() {
    let store = shared(MemoryKv::new());
    let mut tab_a = Repository::new(store.clone(), APP);
    let mut tab_b = Repository::new(store.clone(), APP);
    let mut plan = ke_hoach("kh-01", "Sẽ bị xoá");
    tab_a.save(&mut plan, t(0)).unwrap();
    tab_b.load_all::<KeHoach>(t(1)).unwrap();
    plan.ten = "Đã sửa".into();
    tab_a.save(&mut plan, t(2)).unwrap();

    assert_eq!(
        tab_b.delete::<KeHoach>("kh-01", t(3)).unwrap(),
        DeleteOutcome::Conflict {
            ours: Some(1),
            theirs: Some(2)
        }
    );
    assert_eq!(
        tab_a.delete::<KeHoach>("kh-01", t(4)).unwrap(),
        DeleteOutcome::Deleted
    );
    assert!(store.borrow().raw("kiemtra:plan:kh-01").is_none());
    assert!(!tab_a
        .read_index()
        .unwrap()
        .unwrap()
        .1
        .records
        .contains("kiemtra:plan:kh-01"));
    assert_eq!(
        tab_a.delete::<KeHoach>("kh-01", t(5)).unwrap(),
        DeleteOutcome::Absent
    );
}

#[test]
fn quota_exceeded_during_a_save_keeps_stored_data_and_the_in_memory_record() {
    let mut repo = Repository::new(MemoryKv::new(), APP);
    let mut plan = ke_hoach("kh-01", "Nội dung ngắn");
    repo.save(&mut plan, t(0)).unwrap();
    let stored_before = repo.kv().entries().clone();
    let used = repo.kv().used_bytes();
    repo.kv_mut().set_quota(Some(used + 10));

    // Text that does not compress (stored values are compressed when
    // smaller: `storage::codec`), so the edit really needs more room.
    plan.ten = noise(800);
    let edited = plan.clone();
    let err = repo.save(&mut plan, t(1)).unwrap_err();
    assert_eq!(
        err,
        StorageError::QuotaExceeded {
            key: "kiemtra:plan:kh-01".into()
        }
    );
    assert_eq!(plan, edited, "caller keeps its edit, rev unchanged");
    assert_eq!(repo.kv().entries(), &stored_before);

    // Space freed: the same edit saves without a conflict.
    repo.kv_mut().set_quota(None);
    assert!(matches!(
        repo.save(&mut plan, t(2)).unwrap(),
        SaveOutcome::Saved { rev: 2, .. }
    ));
}

#[test]
fn filling_storage_to_its_quota_never_loses_a_stored_record() {
    let mut repo = Repository::new(MemoryKv::with_quota(6_000), APP);
    let mut saved = Vec::new();
    let mut first_error = None;
    for i in 0..100 {
        let mut plan = ke_hoach(
            &format!("kh-{i:03}"),
            "Kiểm tra việc thi hành quyết định xử phạt",
        );
        match repo.save(&mut plan, t(i)) {
            Ok(SaveOutcome::Saved { .. }) => saved.push(plan),
            Ok(other) => panic!("unexpected {other:?}"),
            Err(e) => {
                first_error = Some(e);
                break;
            }
        }
    }
    assert!(matches!(
        first_error,
        Some(StorageError::QuotaExceeded { .. })
    ));
    assert!(saved.len() > 3);
    assert!(repo.kv().used_bytes() <= 6_000);
    // Edits to existing records that no longer fit fail too, without damage.
    let mut big = saved[0].clone();
    big.ten = noise(2_000);
    assert!(repo.save(&mut big, t(200)).is_err());

    let mut fresh = Repository::new(repo.into_inner(), APP);
    let report = fresh.load_all::<KeHoach>(t(300)).unwrap();
    assert_eq!(report.records, saved);
}

#[test]
fn unavailable_storage_reports_errors_and_writes_nothing() {
    let mut kv = MemoryKv::new();
    kv.set_unavailable(true);
    let mut repo = Repository::new(kv, APP);
    assert_eq!(
        repo.load_all::<KeHoach>(t(0)).unwrap_err(),
        StorageError::Unavailable
    );
    let mut plan = ke_hoach("kh-01", "Không lưu được");
    assert_eq!(
        repo.save(&mut plan, t(1)).unwrap_err(),
        StorageError::Unavailable
    );
    assert_eq!(plan.rev, 0);
    assert_eq!(repo.usage().unwrap_err(), StorageError::Unavailable);
    repo.kv_mut().set_unavailable(false);
    assert!(repo.kv().entries().is_empty());
}

#[test]
fn a_failed_index_write_after_the_record_write_still_leaves_the_record_loadable() {
    let mut repo = Repository::new(MemoryKv::new(), APP);
    repo.kv_mut().fail_writes_to(INDEX, KvError::QuotaExceeded);
    let mut plan = ke_hoach("kh-01", "Chỉ mục không ghi được");
    let out = repo.save(&mut plan, t(0)).unwrap();
    assert!(matches!(
        out,
        SaveOutcome::Saved {
            rev: 1,
            index_updated: false,
            ..
        }
    ));

    let mut kv = repo.into_inner();
    kv.clear_failures();
    let mut fresh = Repository::new(kv, APP);
    let report = fresh.load_all::<KeHoach>(t(1)).unwrap();
    assert_eq!(report.records, vec![plan]);
    assert_eq!(
        report.index,
        IndexStatus::Rebuilt {
            was: IndexProblem::Missing
        }
    );
}

#[test]
fn a_corrupt_index_is_rebuilt_from_the_records_without_losing_any() {
    let mut repo = Repository::new(MemoryKv::new(), APP);
    let mut a = ke_hoach("kh-01", "Một");
    let mut b = cuoc_kiem_tra("kt-01", "kh-01");
    repo.save(&mut a, t(0)).unwrap();
    repo.save(&mut a, t(1)).unwrap();
    repo.save(&mut b, t(2)).unwrap();
    repo.kv_mut()
        .insert_raw(INDEX, "{\"schema\":\"kiemtra/index\",");

    let mut fresh = Repository::new(repo.into_inner(), APP);
    let report = fresh.load_all::<KeHoach>(t(3)).unwrap();
    assert_eq!(report.records, vec![a]);
    assert_eq!(
        report.index,
        IndexStatus::Rebuilt {
            was: IndexProblem::Corrupt
        }
    );
    let index = fresh.read_index().unwrap().unwrap().1;
    assert!(index
        .records
        .contains(&record_key(RecordKind::Plan, "kh-01")));
    assert!(index
        .records
        .contains(&record_key(RecordKind::Inspection, "kt-01")));
    assert_eq!(
        fresh.load_all::<CuocKiemTra>(t(4)).unwrap().records,
        vec![b]
    );
}

#[test]
fn records_listed_in_the_index_but_gone_from_storage_are_reported_missing() {
    let mut repo = Repository::new(MemoryKv::new(), APP);
    repo.save(&mut ke_hoach("kh-01", "Còn"), t(0)).unwrap();
    repo.save(&mut ke_hoach("kh-02", "Mất"), t(1)).unwrap();
    repo.kv_mut().remove("kiemtra:plan:kh-02").unwrap();

    let mut fresh = Repository::new(repo.into_inner(), APP);
    let report = fresh.load_all::<KeHoach>(t(2)).unwrap();
    assert_eq!(report.missing, vec!["kiemtra:plan:kh-02".to_string()]);
    assert_eq!(report.index, IndexStatus::Updated);
    assert!(!fresh
        .read_index()
        .unwrap()
        .unwrap()
        .1
        .records
        .contains("kiemtra:plan:kh-02"));
}

#[test]
fn foreign_keys_of_the_origin_are_left_alone_and_counted_in_usage() {
    let mut kv = MemoryKv::new();
    kv.insert_raw("ung-dung-khac", "giá trị");
    let mut repo = Repository::new(kv, APP);
    repo.save(&mut ke_hoach("kh-01", "Kế hoạch"), t(0)).unwrap();
    repo.save(&mut cuoc_kiem_tra("kt-01", "kh-01"), t(1))
        .unwrap();
    repo.load_all::<KeHoach>(t(2)).unwrap();
    assert_eq!(repo.kv().raw("ung-dung-khac"), Some("giá trị"));

    let usage = repo.usage().unwrap();
    assert_eq!(usage.kinds[&RecordKind::Plan].count, 1);
    assert_eq!(usage.kinds[&RecordKind::Inspection].count, 1);
    assert_eq!(usage.kinds[&RecordKind::Report].count, 0);
    assert_eq!(usage.foreign.count, 1);
    assert_eq!(usage.index.count, 1);
    assert_eq!(usage.total_bytes(), repo.kv().used_bytes());
    assert_eq!(
        usage.foreign.bytes,
        ("ung-dung-khac".len() + "giá trị".encode_utf16().count()) * 2
    );
}

#[test]
fn the_quota_share_counts_characters_as_browsers_do_vietnamese_or_not() {
    // Chromium refuses writes at about 5,242,880 UTF-16 units of keys plus
    // values, for "x" as for "ể": half of that is 50 %, whatever the script.
    let half = 5_242_880 / 2;
    for ch in ["x", "ể"] {
        let mut kv = MemoryKv::new();
        kv.insert_raw("k", &ch.repeat(half - 1));
        let repo = Repository::new(kv, APP);
        let usage = repo.usage().unwrap();
        assert_eq!(usage.percent_of_quota(), 50, "{ch}");
    }
    let mut kv = MemoryKv::new();
    kv.insert_raw("k", &"ể".repeat(5_242_880 - 1));
    assert_eq!(
        Repository::new(kv, APP).usage().unwrap().percent_of_quota(),
        100
    );
}

#[test]
fn the_health_page_counts_how_many_more_inspections_of_average_size_fit() {
    use kiemtra::storage::usage::TYPICAL_QUOTA_BYTES;
    let mut repo = Repository::new(MemoryKv::new(), APP);
    // No inspection stored: nothing to average.
    repo.save(&mut ke_hoach("kh-01", "Kế hoạch"), t(0)).unwrap();
    assert_eq!(
        repo.usage()
            .unwrap()
            .inspections_that_fit(TYPICAL_QUOTA_BYTES),
        None
    );
    for n in 0..4 {
        let mut c = cuoc_kiem_tra(&format!("kt-{n}"), "kh-01");
        repo.save(&mut c, t(1)).unwrap();
    }
    let u = repo.usage().unwrap();
    let insp = u.kinds[&RecordKind::Inspection];
    assert_eq!(insp.count, 4);
    // The average inspection with its share of the index (4 of 5 keys).
    let share = (u.index.bytes * 4).div_ceil(5);
    let average = (insp.bytes + share).div_ceil(4);
    let free = TYPICAL_QUOTA_BYTES - u.total_bytes();
    assert_eq!(
        u.inspections_that_fit(TYPICAL_QUOTA_BYTES),
        Some(free / average)
    );
    // Room for exactly three more average inspections.
    let fit = u
        .inspections_that_fit(u.total_bytes() + 3 * average)
        .unwrap();
    assert_eq!(fit, 3);
    // A full store has room for none.
    assert_eq!(u.inspections_that_fit(u.total_bytes() / 2), Some(0));
}

/// `n` characters that no compressor shrinks (a fixed pseudo-random walk
/// over 20,000 CJK ideographs).
fn noise(n: u32) -> String {
    (0..n)
        .map(|i| char::from_u32(0x4E00 + (i.wrapping_mul(2_654_435_761) % 20_000)).unwrap())
        .collect()
}
