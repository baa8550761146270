//! A THPL round (đợt báo cáo theo dõi tình hình thi hành pháp luật): the
//! Department collects every agency's yearly THPL report. Creating it with
//! the 2021 window and due date, receiving THPL files (latest counts,
//! duplicates, unknown units, other years and XLVPHC files refused),
//! statuses with the THPL report's own completeness, totals of its counts,
//! the urging letter, an XLVPHC round stored exactly as before and a THPL
//! round kept through a reload of the store; the signing-key rules of an
//! XLVPHC round hold for THPL files too (first key recorded, known key
//! counted, a changed key or a file unsigned after signed ones held
//! uncounted until accepted or refused, the choice recorded with its date).
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "fixtures/report/fixtures.rs"]
mod fixtures;
#[path = "fixtures/keys/test_keys.rs"]
mod test_keys;

use fixtures::*;
use kiemtra::domain::ids::RoundId;
use kiemtra::persist::{RoundRecord, WorkspaceStore};
use kiemtra::report::key_trust::Standing;
use kiemtra::report::period::{Regime, ReportPeriod};
use kiemtra::report::periodic::ReportingUnit;
use kiemtra::report::round::letter::urging_letter;
use kiemtra::report::round::thpl::{thpl_total_codes, ThplTotal};
use kiemtra::report::round::{
    receive, statuses, thpl_counts, thpl_statuses, thpl_totals, Acceptance, Incoming, Issuer,
    Received, Round, RoundKind, Submission,
};
use kiemtra::report::thpl::checks::ThplSection;
use kiemtra::report::thpl::{ThplLevel, ThplReport};
use kiemtra::report::{export, ReportContent};
use kiemtra::storage::MemoryKv;
use kiemtra::APP_VERSION;
use std::cell::RefCell;
use std::rc::Rc;

const NINH_KIEU: &str = "Ủy ban nhân dân quận Ninh Kiều";
const BINH_THUY: &str = "Ủy ban nhân dân quận Bình Thủy";
const CAI_RANG: &str = "Ủy ban nhân dân quận Cái Răng";

fn unit(ten: &str) -> ReportingUnit {
    ReportingUnit {
        ten: ten.into(),
        co_quan_chu_quan: "Thành phố Cần Thơ".into(),
    }
}

fn round() -> Round {
    let mut r = Round::new_thpl("Báo cáo THPL năm 2021", 2021, Regime::Tt16_2018, None).unwrap();
    r.co_quan_ban_hanh = Issuer {
        co_quan: ReportingUnit {
            ten: "Sở Tư pháp".into(),
            co_quan_chu_quan: "Ủy ban nhân dân thành phố Cần Thơ".into(),
        },
        ky_hieu: "STP-XDKTVB".into(),
        dia_danh: "Cần Thơ".into(),
        chuc_vu_ky: vec!["KT. Giám đốc".into(), "Phó Giám đốc".into()],
        nguoi_ky: "Nguyễn Văn A".into(),
        noi_nhan_khac: vec![],
        luu: "VT, XDKTVB".into(),
    };
    for name in [NINH_KIEU, BINH_THUY, CAI_RANG] {
        assert!(r.add_unit(unit(name)));
    }
    r
}

/// The filled 2021 report of the fixtures, sent by `ten`.
fn thpl_of(ten: &str) -> ThplReport {
    let mut r = thpl_can_tho_2021();
    r.don_vi_bao_cao = unit(ten);
    r
}

fn text(r: ThplReport) -> String {
    export(ReportContent::TheoDoiThpl(r), APP_VERSION, generated_at())
        .unwrap()
        .text
}

fn incoming<'a>(name: &'a str, text: &'a str, day: u32) -> Incoming<'a> {
    Incoming {
        ten_tep: name,
        text,
        ngay_nhan: d(2021, 12, day),
    }
}

fn total<'a>(t: &'a [ThplTotal], code: &str) -> &'a ThplTotal {
    t.iter().find(|t| t.code == code).unwrap()
}

#[test]
fn a_2021_thpl_round_collects_01_12_2020_to_30_11_2021_due_10_12_2021() {
    let r = round();
    assert_eq!(r.loai, RoundKind::TheoDoiThpl);
    assert!(r.is_thpl());
    assert_eq!(r.ky_bao_cao.tu_ngay, d(2020, 12, 1));
    assert_eq!(r.ky_bao_cao.den_ngay, d(2021, 11, 30));
    assert_eq!(r.han_nop, d(2021, 12, 10));
    let set = Round::new_thpl("x", 2021, Regime::Tt16_2018, Some(d(2021, 12, 15))).unwrap();
    assert_eq!(set.han_nop, d(2021, 12, 15));
    // Before NĐ 32/2020 there is no rule in the reference: refused.
    assert!(Round::new_thpl("x", 2019, Regime::Tt16_2018, None).is_err());
    // From 2025 the due date must be entered (NĐ 80/2025 not in the reference).
    assert!(Round::new_thpl("x", 2025, Regime::Tt01_2023SuaDoiTt19_2025, None).is_err());
}

#[test]
fn two_units_thpl_files_are_received_on_time_and_late_and_a_third_is_missing() {
    let mut r = round();
    let nk = text(thpl_of(NINH_KIEU));
    let bt = text(thpl_of(BINH_THUY));
    assert!(matches!(
        receive(&mut r, incoming("ninh-kieu.json", &nk, 10)),
        Received::Accepted {
            seq: 1,
            thay_the: None,
            ngoai_danh_sach: false,
            ..
        }
    ));
    assert!(matches!(
        receive(&mut r, incoming("binh-thuy.json", &bt, 13)),
        Received::Accepted {
            seq: 2,
            thay_the: None,
            ngoai_danh_sach: false,
            ..
        }
    ));
    assert!(r.tep.is_empty(), "THPL files are kept apart");
    let st = thpl_statuses(&r);
    assert_eq!(st[0].nop, Submission::DungHan);
    assert_eq!(st[1].nop, Submission::Cham { ngay: 3 });
    assert_eq!(st[2].nop, Submission::ChuaNop);
    assert!(
        st.iter().all(|s| !s.incomplete()),
        "the fixture is complete"
    );
    assert!(!st[0].needs_urging() && st[1].needs_urging() && st[2].needs_urging());
    let c = thpl_counts(&r);
    assert_eq!((c.du_kien, c.da_nop, c.cham, c.chua_nop), (3, 2, 1, 1));
    // The XLVPHC statuses of the same round see nothing received.
    assert!(statuses(&r).iter().all(|s| s.hien_hanh.is_none()));
}

#[test]
fn the_latest_file_counts_an_identical_one_is_a_duplicate_and_an_unknown_unit_is_flagged() {
    let mut r = round();
    let first = thpl_of(NINH_KIEU);
    let mut second = first.clone();
    second.van_ban_quy_dinh_chi_tiet.so_khong_thong_nhat_dong_bo = Some(1);
    let first = text(first);
    let second = text(second);
    receive(&mut r, incoming("a.json", &first, 9));
    assert_eq!(
        receive(&mut r, incoming("a-lai.json", &first, 11)),
        Received::Duplicate { trung_voi: 1 }
    );
    assert!(matches!(
        receive(&mut r, incoming("b.json", &second, 12)),
        Received::Accepted {
            seq: 2,
            thay_the: Some(1),
            ..
        }
    ));
    let st = thpl_statuses(&r);
    assert_eq!(st[0].hien_hanh.unwrap().seq, 2);
    assert_eq!(st[0].bi_thay_the.len(), 1);
    // Timeliness is the first date received: the correction after the due
    // date does not make the report late.
    assert_eq!(st[0].nop, Submission::DungHan);
    let other = text(thpl_of("Ủy ban nhân dân huyện Phong Điền"));
    assert!(matches!(
        receive(&mut r, incoming("pd.json", &other, 9)),
        Received::Accepted {
            ngoai_danh_sach: true,
            ..
        }
    ));
    assert_eq!(r.unknown_unit_thpl_files().len(), 1);
    assert_eq!(thpl_counts(&r).ngoai_danh_sach, 1);
    // Removing the correction makes the first file count again.
    assert!(r.remove_file(2));
    assert_eq!(thpl_statuses(&r)[0].hien_hanh.unwrap().seq, 1);
    assert!(r.set_date_received(1, d(2021, 12, 14)));
    assert_eq!(thpl_statuses(&r)[0].nop, Submission::Cham { ngay: 4 });
}

#[test]
fn xlvphc_files_other_years_and_inspection_reports_are_refused_and_change_nothing() {
    let mut r = round();
    let periodic = export(periodic_content(), APP_VERSION, generated_at())
        .unwrap()
        .text;
    let inspection = export(inspection_content(), APP_VERSION, generated_at())
        .unwrap()
        .text;
    let mut y2022 = ThplReport::new(unit(NINH_KIEU), 2022, ThplLevel::TinhBo, None).unwrap();
    y2022.so_ky_hieu = "1/BC-UBND".into();
    let y2022 = text(y2022);
    let before = r.clone();
    for (t, code) in [
        (&periodic, "xlvphc_report"),
        (&inspection, "not_periodic"),
        (&y2022, "other_period"),
    ] {
        match receive(&mut r, incoming("x.json", t, 9)) {
            Received::Rejected(why) => {
                assert_eq!(why.code(), code);
                assert!(!why.to_string().is_empty());
            }
            other => panic!("{code}: {other:?}"),
        }
        assert_eq!(r, before, "{code} changed the round");
    }
    let msg = match receive(&mut r, incoming("x.json", &periodic, 9)) {
        Received::Rejected(why) => why.to_string(),
        other => panic!("{other:?}"),
    };
    assert!(msg.contains("xử lý vi phạm hành chính"), "{msg}");
    assert!(
        msg.contains("theo dõi tình hình thi hành pháp luật"),
        "{msg}"
    );
}

#[test]
fn an_xlvphc_round_still_refuses_thpl_files() {
    let mut r = Round::new(
        "Báo cáo năm 2021",
        ReportPeriod::yearly(2021).unwrap(),
        Regime::Tt16_2018,
        d(2021, 12, 17),
    );
    let t = text(thpl_of(NINH_KIEU));
    match receive(&mut r, incoming("x.json", &t, 9)) {
        Received::Rejected(why) => assert_eq!(why.code(), "thpl_report"),
        other => panic!("{other:?}"),
    }
    assert!(r.tep_thpl.is_empty());
}

#[test]
fn an_incomplete_report_is_flagged_by_the_thpl_reports_own_sections() {
    let mut r = round();
    let blank = ThplReport::new(unit(CAI_RANG), 2021, ThplLevel::TinhBo, None).unwrap();
    let blank = text(blank);
    receive(&mut r, incoming("cr.json", &blank, 10));
    let st = thpl_statuses(&r);
    let cr = &st[2];
    assert_eq!(cr.nop, Submission::DungHan);
    assert!(cr.incomplete() && cr.needs_urging());
    let sections = cr.sections_missing();
    assert!(sections.contains(&ThplSection::VanBanQuyDinhChiTiet));
    assert!(sections.contains(&ThplSection::TacDong));
    assert_eq!(thpl_counts(&r).chua_day_du, 1);
}

#[test]
fn totals_add_up_the_counted_files_and_keep_not_entered_apart_from_zero() {
    let mut r = round();
    let mut nk = thpl_of(NINH_KIEU);
    nk.van_ban_quy_dinh_chi_tiet.so_van_ban = Some(3);
    let mut bt = thpl_of(BINH_THUY);
    bt.van_ban_quy_dinh_chi_tiet.so_van_ban = Some(2);
    bt.kiem_tra.so_cuoc_kiem_tra = None;
    let (nk, bt) = (text(nk), text(bt));
    receive(&mut r, incoming("nk.json", &nk, 9));
    receive(&mut r, incoming("bt.json", &bt, 9));
    let t = thpl_totals(&r);
    assert_eq!(
        t.iter().map(|t| t.code).collect::<Vec<_>>(),
        thpl_total_codes()
    );
    let docs = total(&t, "van_ban_quy_dinh_chi_tiet.so_van_ban");
    assert_eq!((docs.tong, docs.so_don_vi_co_so_lieu), (5, 2));
    let insp = total(&t, "kiem_tra.so_cuoc_kiem_tra");
    assert_eq!(
        (
            insp.tong,
            insp.so_don_vi_co_so_lieu,
            insp.so_don_vi_chua_nhap
        ),
        (1, 1, 1)
    );
    let tasks = total(&t, "ke_hoach.nhiem_vu.tong_so");
    assert_eq!((tasks.tong, tasks.so_don_vi_co_so_lieu), (8, 2));
    let amend = total(&t, "kien_nghi_sua_doi");
    assert_eq!(amend.tong, 2);
    let zero = total(&t, "van_ban_quy_dinh_chi_tiet.so_kha_thi_khong_cao");
    assert_eq!((zero.tong, zero.so_don_vi_co_so_lieu), (0, 2));
}

#[test]
fn the_urging_letter_of_a_thpl_round_names_the_thpl_report_and_what_is_missing() {
    let mut r = round();
    let blank = text(ThplReport::new(unit(CAI_RANG), 2021, ThplLevel::TinhBo, None).unwrap());
    receive(&mut r, incoming("cr.json", &blank, 12));
    let letter = urging_letter(
        &r,
        &[BINH_THUY.to_owned(), CAI_RANG.to_owned()],
        "",
        d(2021, 12, 15),
        d(2021, 12, 20),
        &|code| code.to_owned(),
    )
    .unwrap();
    assert!(letter
        .v_v
        .contains("báo cáo công tác theo dõi tình hình thi hành pháp luật năm 2021"));
    assert!(letter.mo_dau.contains("Nghị định số 59/2012/NĐ-CP"));
    assert!(letter.mo_dau.contains("Thông tư số 04/2021/TT-BTP"));
    assert_eq!(letter.yeu_cau[0].noi_dung, "chưa gửi báo cáo");
    assert!(letter.yeu_cau[1]
        .noi_dung
        .starts_with("gửi báo cáo chậm 2 ngày"));
    assert!(letter.yeu_cau[1]
        .noi_dung
        .contains(ThplSection::TacDong.heading_vi()));
}

#[test]
fn an_xlvphc_round_is_stored_without_the_new_fields_and_a_thpl_round_round_trips() {
    let x = Round::new(
        "Báo cáo năm 2021",
        ReportPeriod::yearly(2021).unwrap(),
        Regime::Tt16_2018,
        d(2021, 12, 17),
    );
    let v = serde_json::to_value(&x).unwrap();
    assert!(v.get("loai").is_none() && v.get("tep_thpl").is_none());
    let mut t = round();
    let nk = text(thpl_of(NINH_KIEU));
    receive(&mut t, incoming("nk.json", &nk, 9));
    let s = serde_json::to_string(&t).unwrap();
    assert!(s.contains("\"loai\":\"theo_doi_thpl\""));
    let back: Round = serde_json::from_str(&s).unwrap();
    assert_eq!(back, t);
}

#[test]
fn a_thpl_round_with_its_files_survives_a_reload_of_the_store() {
    type Shared = Rc<RefCell<MemoryKv>>;
    let at = generated_at();
    let kv: Shared = Rc::default();
    let (mut store, _ws, summary) = WorkspaceStore::open(kv.clone(), "0.1.0", at);
    assert!(summary.fatal.is_none());
    let mut round = round();
    let nk = text(thpl_of(NINH_KIEU));
    receive(&mut round, incoming("nk.json", &nk, 9));
    let record = RoundRecord::new(RoundId(uuid::Uuid::from_u128(7)), round, at);
    store.mark_round(&record, at);
    store.flush_now(at);
    let (mut again, _ws, summary) = WorkspaceStore::open(kv.clone(), "0.1.0", at);
    assert!(summary.fatal.is_none());
    let loaded = again.take_loaded_rounds();
    let back = loaded.get(&record.id).expect("round loaded");
    assert_eq!(back.round, record.round);
    assert!(back.round.is_thpl());
    assert_eq!(back.round.tep_thpl.len(), 1);
    assert_eq!(thpl_statuses(&back.round)[0].nop, Submission::DungHan);
}

fn signed(key: &test_keys::TestKey, r: ThplReport) -> String {
    key.export(ReportContent::TheoDoiThpl(r), APP_VERSION, generated_at())
        .text
}

/// The filled report of Ninh Kiều with another document number (another
/// content, so not a duplicate).
fn nk_numbered(so: &str) -> ThplReport {
    let mut r = thpl_of(NINH_KIEU);
    r.so_ky_hieu = so.into();
    r
}

#[test]
fn a_thpl_round_records_a_units_first_key_and_counts_files_signed_by_it() {
    let mut r = round();
    let first = signed(&test_keys::unit_a(), nk_numbered("1/BC"));
    assert!(matches!(
        receive(&mut r, incoming("a.json", &first, 5)),
        Received::Accepted { seq: 1, .. }
    ));
    let fa = test_keys::unit_a().public.fingerprint();
    assert_eq!(r.khoa.len(), 1);
    assert_eq!(r.khoa[0].cach, Acceptance::FirstFile);
    assert_eq!(r.khoa[0].ngay, d(2021, 12, 5));
    assert_eq!(r.tep_thpl[0].khoa_ky.as_deref(), Some(fa.as_str()));
    assert_eq!(
        r.file_standing(1),
        Some(Standing::NewKey {
            fingerprint: fa.clone()
        })
    );
    let second = signed(&test_keys::unit_a(), nk_numbered("2/BC"));
    assert!(matches!(
        receive(&mut r, incoming("b.json", &second, 6)),
        Received::Accepted {
            seq: 2,
            thay_the: Some(1),
            ..
        }
    ));
    assert_eq!(r.khoa.len(), 1);
    assert_eq!(
        r.file_standing(2),
        Some(Standing::KnownKey { fingerprint: fa })
    );
    assert_eq!(thpl_counts(&r).da_nop, 1);
}

#[test]
fn a_thpl_file_whose_key_changed_is_held_uncounted_until_accepted_and_the_choice_is_recorded() {
    let mut r = round();
    receive(
        &mut r,
        incoming(
            "a.json",
            &signed(&test_keys::unit_a(), nk_numbered("1/BC")),
            5,
        ),
    );
    let changed = signed(&test_keys::unit_a_new(), nk_numbered("2/BC"));
    let fa = test_keys::unit_a().public.fingerprint();
    let fb = test_keys::unit_a_new().public.fingerprint();
    assert_eq!(
        receive(&mut r, incoming("b.json", &changed, 6)),
        Received::Held {
            don_vi: NINH_KIEU.into(),
            standing: Standing::ChangedKey {
                fingerprint: fb.clone(),
                previous: fa.clone()
            }
        }
    );
    // Held once, not counted: the first file still counts.
    receive(&mut r, incoming("b.json", &changed, 6));
    assert_eq!(r.cho_quyet_dinh.len(), 1);
    assert_eq!(r.tep_thpl.len(), 1);
    assert_eq!(
        thpl_statuses(&r)[0]
            .hien_hanh
            .map(|f| f.report.so_ky_hieu.as_str()),
        Some("1/BC")
    );
    let after = r.accept_held(0, d(2021, 12, 7)).unwrap();
    assert!(matches!(
        after,
        Received::Accepted {
            seq: 2,
            thay_the: Some(1),
            ..
        }
    ));
    assert!(r.cho_quyet_dinh.is_empty());
    let decision = &r.quyet_dinh_khoa[0];
    assert!(decision.chap_nhan);
    assert_eq!(decision.ngay, d(2021, 12, 7));
    assert_eq!(decision.khoa_truoc, fa);
    assert_eq!(decision.khoa_moi.as_deref(), Some(fb.as_str()));
    assert_eq!(
        r.khoa[1].cach,
        Acceptance::Chosen {
            khoa_truoc: Some(fa.clone())
        }
    );
    assert_eq!(
        r.file_standing(2),
        Some(Standing::ChangedKey {
            fingerprint: fb,
            previous: fa
        })
    );
    assert_eq!(
        thpl_statuses(&r)[0]
            .hien_hanh
            .map(|f| f.report.so_ky_hieu.as_str()),
        Some("2/BC")
    );
}

#[test]
fn a_thpl_file_unsigned_after_signed_ones_is_held_and_can_be_refused() {
    let mut r = round();
    receive(
        &mut r,
        incoming(
            "a.json",
            &signed(&test_keys::unit_a(), nk_numbered("1/BC")),
            5,
        ),
    );
    let unsigned = text(nk_numbered("2/BC"));
    assert!(matches!(
        receive(&mut r, incoming("b.json", &unsigned, 6)),
        Received::Held {
            standing: Standing::UnsignedAfterSigned { .. },
            ..
        }
    ));
    assert!(r.refuse_held(0, d(2021, 12, 7)));
    assert_eq!(r.tep_thpl.len(), 1);
    assert!(!r.quyet_dinh_khoa[0].chap_nhan);
    assert_eq!(r.quyet_dinh_khoa[0].khoa_moi, None);
    assert_eq!(r.quyet_dinh_khoa[0].ngay, d(2021, 12, 7));
    // A unit that never signed: unsigned files are accepted with a note.
    let bt = text(thpl_of(BINH_THUY));
    assert!(matches!(
        receive(&mut r, incoming("bt.json", &bt, 6)),
        Received::Accepted { seq: 2, .. }
    ));
    assert_eq!(r.file_standing(2), Some(Standing::Unsigned));
}
