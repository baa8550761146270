//! Format lock: the stored envelope, index and backup file must match the
//! checked-in fixtures byte for byte. A failure here means the on-disk
//! format changed: bump a version and add a migration, do not just edit the
//! fixture.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod storage_support;

use std::path::Path;

use kiemtra::storage::envelope::{encode, EnvelopeHeader};
use kiemtra::storage::{LoadOutcome, MemoryKv, Repository, StoredRecord};
use storage_support::*;

fn fixture(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/storage")
        .join(name);
    std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        .trim_end()
        .to_string()
}

fn header<T: StoredRecord>(rev: u64) -> EnvelopeHeader {
    EnvelopeHeader {
        schema: T::KIND.schema_id(),
        version: T::VERSION,
        app_version: "0.1.0".into(),
        saved_at: t(0),
        rev,
    }
}

/// Encode `record` like a save does and compare with the fixture; then load
/// the fixture back and get the same record.
fn check<T: StoredRecord + PartialEq + std::fmt::Debug>(name: &str, record: T) {
    let text = encode(&header::<T>(record.rev()), &record).unwrap();
    assert_eq!(
        text,
        fixture(name),
        "{name}: encoded envelope differs from fixture"
    );

    let id = record.record_id();
    let key = kiemtra::storage::keys::record_key(T::KIND, &id);
    let mut kv = MemoryKv::new();
    kv.insert_raw(&key, &fixture(name));
    let mut repo = Repository::new(kv, APP);
    assert_eq!(
        repo.load_one::<T>(&id, t(1)).unwrap(),
        LoadOutcome::Loaded(record)
    );
}

fn plan() -> KeHoach {
    KeHoach {
        id: "kh-2025-01".into(),
        rev: 3,
        ten: "Kế hoạch kiểm tra công tác thi hành pháp luật về xử lý vi phạm hành chính năm 2025"
            .into(),
        don_vi: "Sở Tư pháp tỉnh Quảng Nam".into(),
        tong_tien_phat: 7_500_000,
    }
}

fn settings() -> CaiDat {
    CaiDat {
        rev: 4,
        ngon_ngu: "vi".into(),
        don_vi_mac_dinh: "Phòng Tư pháp thành phố Hội An".into(),
    }
}

fn template() -> MauKiemTra {
    MauKiemTra {
        id: "mau-xlvphc".into(),
        rev: 2,
        ten: "Mẫu kiểm tra hồ sơ xử phạt vi phạm hành chính".into(),
        muc: vec![
            "Thẩm quyền lập biên bản".into(),
            "Thời hạn ra quyết định".into(),
            "Thi hành quyết định".into(),
        ],
    }
}

#[test]
fn envelope_fields_are_schema_version_app_version_saved_at_rev_data_in_that_order() {
    let text = fixture("v1_plan.json");
    assert!(text.starts_with(
        r#"{"schema":"kiemtra/plan","version":1,"app_version":"0.1.0","saved_at":"2025-03-01T08:00:00Z","rev":3,"data":{"#
    ));
}

#[test]
fn the_v1_plan_envelope_matches_its_fixture() {
    check("v1_plan.json", plan());
}

#[test]
fn the_v1_inspection_envelope_matches_its_fixture() {
    let mut kt = cuoc_kiem_tra("kt-2025-01", "kh-2025-01");
    kt.rev = 1;
    check("v1_inspection.json", kt);
}

#[test]
fn the_v1_template_envelope_matches_its_fixture() {
    check("v1_template.json", template());
}

#[test]
fn the_v1_report_envelope_matches_its_fixture() {
    check(
        "v1_report.json",
        BaoCao {
            id: "bc-2025-q1".into(),
            rev: 1,
            tieu_de: "Báo cáo kết quả kiểm tra quý I gửi Sở Tư pháp".into(),
            so_vu_viec: 12,
        },
    );
}

#[test]
fn the_v1_settings_envelope_matches_its_fixture() {
    check("v1_settings.json", settings());
}

#[test]
fn the_v0_test_template_migrates_to_the_v1_fixture_record() {
    let mut kv = MemoryKv::new();
    kv.insert_raw(
        "kiemtra:template:mau-xlvphc",
        &fixture("v0_template_test_only.json"),
    );
    let mut repo = Repository::new(kv, APP);
    let out = repo.load_one::<MauKiemTra>("mau-xlvphc", t(0)).unwrap();
    let mut expected = template();
    expected.rev = 5; // stored at rev 4, written back once
    assert_eq!(
        out,
        LoadOutcome::Migrated {
            record: expected,
            from: 0
        }
    );
}

#[test]
fn the_index_and_backup_file_match_their_fixtures() {
    let mut kv = MemoryKv::new();
    kv.insert_raw("kiemtra:plan:kh-2025-01", &fixture("v1_plan.json"));
    kv.insert_raw("kiemtra:settings", &fixture("v1_settings.json"));
    let mut repo = Repository::new(kv, APP);
    repo.rebuild_index(t(0)).unwrap();
    assert_eq!(
        repo.kv().raw("kiemtra:index").unwrap(),
        fixture("v2_index.json")
    );
    kiemtra::storage::KvStore::remove(repo.kv_mut(), "kiemtra:index").unwrap();
    assert_eq!(repo.export_all(t(0)).unwrap(), fixture("backup_v1.json"));
}

#[test]
fn a_version_1_index_is_still_read_and_rewritten_as_version_2_only_when_the_set_changes() {
    let mut kv = MemoryKv::new();
    kv.insert_raw("kiemtra:plan:kh-2025-01", &fixture("v1_plan.json"));
    kv.insert_raw("kiemtra:settings", &fixture("v1_settings.json"));
    kv.insert_raw("kiemtra:index", &fixture("v1_index.json"));
    let mut repo = Repository::new(kv, APP);
    let (rev, data) = repo.read_index().unwrap().unwrap();
    assert_eq!(rev, 1);
    assert_eq!(
        data.records.into_iter().collect::<Vec<_>>(),
        vec![
            "kiemtra:plan:kh-2025-01".to_string(),
            "kiemtra:settings".to_string()
        ]
    );
    // Loading finds the index consistent (same keys) and leaves it as it is.
    let report = repo.load_all::<KeHoach>(t(1)).unwrap();
    assert_eq!(report.index, kiemtra::storage::IndexStatus::Consistent);
    assert_eq!(
        repo.kv().raw("kiemtra:index").unwrap(),
        fixture("v1_index.json")
    );
    // A save of a listed record does not touch it either.
    let mut p = report.records[0].clone();
    repo.save(&mut p, t(2)).unwrap();
    assert_eq!(
        repo.kv().raw("kiemtra:index").unwrap(),
        fixture("v1_index.json")
    );
    // A new record changes the set: the index is written, as version 2.
    let mut other = p.clone();
    other.id = "kh-2025-02".into();
    other.rev = 0;
    repo.save(&mut other, t(3)).unwrap();
    let raw = repo.kv().raw("kiemtra:index").unwrap().to_string();
    assert!(
        raw.starts_with(r#"{"schema":"kiemtra/index","version":2,"#),
        "{raw}"
    );
    assert!(raw.contains("kiemtra:plan:kh-2025-02"));
}
