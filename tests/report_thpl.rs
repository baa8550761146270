//! The yearly THPL report (báo cáo công tác theo dõi tình hình thi hành pháp
//! luật): data window and due date per year and level, texts in force,
//! section-by-section completeness, consistency, timeliness, the figures
//! drawn from plans, inspections (findings by kind), recommendations and
//! amendment proposals, the printed documents and the inspected unit's list
//! of what to prepare.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "domain_support.rs"]
mod support;

use kiemtra::domain::answer::{Answer, AnswerKey, AnswerValue, ItemStatus};
use kiemtra::domain::catalog::{Addressee, FindingKind};
use kiemtra::domain::clock::{Clock, FixedClock};
use kiemtra::domain::finding::{Finding, FindingRecommendation};
use kiemtra::domain::followup::{AmendmentProposal, FollowUpStatus, RecTarget, UpdateInput};
use kiemtra::domain::ids::{InspectionId, PlanId, SeqIds, TaskId};
use kiemtra::domain::inspection::Conclusion;
use kiemtra::domain::plan::{PlanKind, PlanTask, TaskProgress};
use kiemtra::domain::text::DocNumber;
use kiemtra::domain::workdays::{DateRange, Holidays};
use kiemtra::domain::workspace::Workspace;
use kiemtra::report::document::Block;
use kiemtra::report::period::{DueDateSource, PeriodKind, Timeliness};
use kiemtra::report::periodic::{NamedCount, ReportingUnit};
use kiemtra::report::thpl::checks::{
    completeness, completeness_by_section, consistency, timeliness, ThplIssue, ThplSection,
};
use kiemtra::report::thpl::documents::{
    amendment_report_document, unit_preparation, yearly_report_document,
};
use kiemtra::report::thpl::prefill::{app_figures, prefill};
use kiemtra::report::thpl::rules::{self, ThplError};
use kiemtra::report::thpl::{DetailingDoc, HandlingState, ThplLevel, ThplReport};
use support::{d, sample_template};

fn can_tho() -> ReportingUnit {
    ReportingUnit {
        ten: "Ủy ban nhân dân thành phố Cần Thơ".into(),
        co_quan_chu_quan: String::new(),
    }
}

fn report_2021() -> ThplReport {
    ThplReport::new(can_tho(), 2021, ThplLevel::TinhBo, None).unwrap()
}

// ---- window, due date, texts ---------------------------------------------

#[test]
fn the_2021_provincial_report_covers_01_12_2020_to_30_11_2021_and_is_due_10_12_2021() {
    let r = report_2021();
    assert_eq!(r.ky_bao_cao.loai, PeriodKind::DinhKyNam);
    assert_eq!(r.ky_bao_cao.tu_ngay, d(2020, 12, 1));
    assert_eq!(r.ky_bao_cao.den_ngay, d(2021, 11, 30));
    assert_eq!(r.han_nop.han_nop, d(2021, 12, 10));
    assert_eq!(r.han_nop.nguon, DueDateSource::MacDinhCheDo);
    assert_eq!(r.year(), 2021);
}

#[test]
fn every_year_from_2020_has_the_same_window_and_the_10_12_deadline_until_2024() {
    for year in 2020..=2024 {
        let w = rules::window(year).unwrap();
        assert_eq!(
            (w.tu_ngay, w.den_ngay),
            (d(year - 1, 12, 1), d(year, 11, 30))
        );
        let (due, rule) = rules::default_due(year, ThplLevel::TinhBo).unwrap();
        assert_eq!(due, Some(d(year, 12, 10)), "{year}");
        assert_eq!(rule, rules::DUE_TINH_BO_VI);
    }
}

#[test]
fn a_year_cut_off_before_nd_32_2020_is_refused_with_its_reason() {
    assert_eq!(rules::window(2019), Err(ThplError::BeforeNd32(2019)));
    let err = ThplReport::new(can_tho(), 2019, ThplLevel::TinhBo, None).unwrap_err();
    assert!(err.to_string().contains("32/2020/NĐ-CP"), "{err}");
    assert_eq!(rules::window(0), Err(ThplError::YearOutOfRange(0)));
    assert_eq!(
        rules::window(i32::MAX),
        Err(ThplError::YearOutOfRange(i32::MAX))
    );
}

#[test]
fn districts_and_communes_have_no_default_due_date_and_use_the_one_entered() {
    let (due, rule) = rules::default_due(2021, ThplLevel::HuyenXa).unwrap();
    assert_eq!(due, None);
    assert!(rule.contains("cấp trên trực tiếp"));
    assert_eq!(
        ThplReport::new(can_tho(), 2021, ThplLevel::HuyenXa, None).unwrap_err(),
        ThplError::NoDueDate(rules::DUE_HUYEN_XA_VI)
    );
    let r = ThplReport::new(can_tho(), 2021, ThplLevel::HuyenXa, Some(d(2021, 12, 3))).unwrap();
    assert_eq!(r.han_nop.han_nop, d(2021, 12, 3));
    assert_eq!(r.han_nop.nguon, DueDateSource::NguoiDungDat);
    // The window is the decree's for every level.
    assert_eq!(r.ky_bao_cao.tu_ngay, d(2020, 12, 1));
}

#[test]
fn a_date_the_user_enters_replaces_the_provincial_default() {
    let due = rules::resolve_due(2021, ThplLevel::TinhBo, Some(d(2021, 12, 8))).unwrap();
    assert_eq!(due.han_nop, d(2021, 12, 8));
    assert_eq!(due.nguon, DueDateSource::NguoiDungDat);
}

#[test]
fn the_guidance_in_force_follows_the_cutoff_tt_04_2021_from_the_2021_report() {
    let t2020 = rules::texts(2020).unwrap();
    assert_eq!(t2020.guidance_vi, rules::TT14_VI);
    assert_eq!(t2020.outline_note_vi, rules::OLD_OUTLINE_NOT_FOUND_VI);
    let t2021 = rules::texts(2021).unwrap();
    assert_eq!(t2021.guidance_vi, rules::TT04_VI);
    assert!(t2021.outline_note_vi.contains("Phụ lục I"));
    assert!(t2021.outline_note_vi.contains("chưa được tìm thấy"));
    assert_eq!(t2021.later_text_note_vi, None);
}

#[test]
fn from_2025_nd_80_2025_is_named_and_the_user_enters_the_due_date() {
    let t = rules::texts(2025).unwrap();
    assert_eq!(t.later_text_note_vi, Some(rules::ND80_NOTE_VI));
    assert_eq!(rules::default_due(2025, ThplLevel::TinhBo).unwrap().0, None);
    assert!(ThplReport::new(can_tho(), 2025, ThplLevel::TinhBo, None).is_err());
    assert!(ThplReport::new(can_tho(), 2025, ThplLevel::TinhBo, Some(d(2025, 12, 10))).is_ok());
}

#[test]
fn every_rule_and_note_has_its_english() {
    for vi in rules::ALL_NOTES_VI {
        assert_ne!(rules::english(vi), vi);
    }
}

// ---- completeness, consistency, timeliness --------------------------------

fn filled() -> ThplReport {
    let mut r = report_2021();
    r.nguoi_ky.ho_ten = "Nguyễn Văn A".into();
    r.ke_hoach.nhan_xet = "Kế hoạch được ban hành đúng hạn.".into();
    let a = &mut r.van_ban_quy_dinh_chi_tiet;
    a.so_van_ban = Some(2);
    a.danh_sach = vec![
        DetailingDoc {
            hinh_thuc: "Quyết định".into(),
            ten: "Quyết định quy định chi tiết A".into(),
            cham_tien_do: false,
            ly_do_cham: String::new(),
        },
        DetailingDoc {
            hinh_thuc: "Nghị quyết".into(),
            ten: "Nghị quyết quy định chi tiết B".into(),
            cham_tien_do: true,
            ly_do_cham: "Chờ ý kiến của bộ, ngành".into(),
        },
    ];
    a.so_cham_tien_do = Some(1);
    a.so_khong_thong_nhat_dong_bo = Some(0);
    a.so_kha_thi_khong_cao = Some(0);
    a.danh_gia_kip_thoi_day_du = "Cơ bản kịp thời.".into();
    a.danh_gia_thong_nhat_dong_bo = "Thống nhất.".into();
    a.danh_gia_kha_thi = "Khả thi.".into();
    r.dieu_kien_bao_dam.tap_huan_pho_bien = "Tổ chức 04 hội nghị tập huấn.".into();
    r.dieu_kien_bao_dam.to_chuc_bo_may_nhan_luc = "Bố trí công chức kiêm nhiệm.".into();
    r.dieu_kien_bao_dam.kinh_phi_co_so_vat_chat = "Kinh phí bảo đảm.".into();
    r.huong_dan_ap_dung.huong_dan_ap_dung = "Hướng dẫn kịp thời.".into();
    r.huong_dan_ap_dung.ap_dung_phap_luat = "Áp dụng thống nhất.".into();
    r.xu_ly_vi_pham.tinh_hinh_xu_ly = "Xử lý kịp thời.".into();
    r.xu_ly_vi_pham.muc_do_tuan_thu = "Tuân thủ tốt.".into();
    r.tac_dong = "Tác động tích cực.".into();
    r.kiem_tra.so_cuoc_kiem_tra = Some(0);
    r.theo_doi_kien_nghi.so_kien_nghi = Some(0);
    r.kien_nghi_de_xuat = "Không.".into();
    r
}

#[test]
fn a_new_report_lists_every_section_as_incomplete_and_a_filled_one_none() {
    let empty = report_2021();
    let by = completeness_by_section(&empty);
    assert_eq!(by.len(), ThplSection::ALL.len());
    for s in &by {
        assert!(
            !s.missing.is_empty(),
            "{:?} should miss something",
            s.section
        );
    }
    assert_eq!(completeness(&filled()), vec![]);
    assert!(completeness_by_section(&filled())
        .iter()
        .all(|s| s.missing.is_empty()));
}

#[test]
fn a_zero_count_is_complete_and_an_empty_one_is_not() {
    let mut r = filled();
    r.van_ban_quy_dinh_chi_tiet.so_kha_thi_khong_cao = None;
    let m = completeness(&r);
    assert_eq!(m.len(), 1);
    assert_eq!(m[0].section, ThplSection::VanBanQuyDinhChiTiet);
    assert_eq!(m[0].field, "van_ban_quy_dinh_chi_tiet.so_kha_thi_khong_cao");
    // A narrative of spaces is not written.
    let mut r = filled();
    r.tac_dong = "   ".into();
    assert_eq!(completeness(&r)[0].field, "tac_dong");
}

#[test]
fn the_documents_must_be_named_as_many_as_counted_and_each_late_one_with_its_reason() {
    let mut r = filled();
    r.van_ban_quy_dinh_chi_tiet.so_van_ban = Some(3);
    let fields: Vec<_> = completeness(&r).iter().map(|m| m.field).collect();
    assert_eq!(fields, vec!["van_ban_quy_dinh_chi_tiet.danh_sach"]);
    let mut r = filled();
    r.van_ban_quy_dinh_chi_tiet.danh_sach[1].ly_do_cham.clear();
    let fields: Vec<_> = completeness(&r).iter().map(|m| m.field).collect();
    assert_eq!(
        fields,
        vec!["van_ban_quy_dinh_chi_tiet.danh_sach.ly_do_cham"]
    );
}

#[test]
fn inspections_held_need_an_assessment() {
    let mut r = filled();
    r.kiem_tra.so_cuoc_kiem_tra = Some(2);
    let fields: Vec<_> = completeness(&r).iter().map(|m| m.field).collect();
    assert_eq!(fields, vec!["kiem_tra.nhan_xet"]);
}

#[test]
fn contradicting_figures_are_flagged_only_when_both_are_entered() {
    assert_eq!(consistency(&filled()), vec![]);
    let mut r = filled();
    r.van_ban_quy_dinh_chi_tiet.so_cham_tien_do = Some(5);
    r.kiem_tra.so_cuoc_kiem_tra = Some(1);
    r.kiem_tra.so_cuoc_da_ket_thuc = Some(2);
    r.theo_doi_kien_nghi.so_kien_nghi = Some(1);
    r.theo_doi_kien_nghi.da_thuc_hien = Some(2);
    r.han_nop.han_nop = d(2021, 11, 1);
    assert_eq!(
        consistency(&r),
        vec![
            ThplIssue::PhanVuotTongSoVanBan {
                field: "van_ban_quy_dinh_chi_tiet.so_cham_tien_do"
            },
            ThplIssue::KetThucVuotSoCuoc,
            ThplIssue::TheoDoiVuotSoKienNghi,
            ThplIssue::HanNopTruocNgayChot,
        ]
    );
    let mut r = filled();
    r.van_ban_quy_dinh_chi_tiet.so_cham_tien_do = Some(0);
    assert_eq!(consistency(&r), vec![ThplIssue::DanhSachChamVuotSoCham]);
    let mut r = filled();
    r.van_ban_quy_dinh_chi_tiet.so_van_ban = None;
    r.van_ban_quy_dinh_chi_tiet.so_cham_tien_do = Some(9);
    // No total entered: nothing to compare the late count with.
    assert_eq!(consistency(&r), vec![]);
}

#[test]
fn sent_on_the_due_date_is_on_time_and_the_day_after_is_late() {
    let r = report_2021();
    assert_eq!(timeliness(&r, d(2021, 12, 10)), Timeliness::OnTime);
    assert_eq!(
        timeliness(&r, d(2021, 12, 11)),
        Timeliness::Late { days: 1 }
    );
    let r = ThplReport::new(can_tho(), 2021, ThplLevel::HuyenXa, Some(d(2021, 12, 3))).unwrap();
    assert_eq!(
        timeliness(&r, d(2021, 12, 10)),
        Timeliness::Late { days: 7 }
    );
}

// ---- figures from the app's data ------------------------------------------

struct Fx {
    ws: Workspace,
    thpl_insp: InspectionId,
}

fn task(
    ids: &mut SeqIds,
    content: &str,
    deadline: (i32, u32, u32),
    progress: TaskProgress,
) -> PlanTask {
    PlanTask {
        id: TaskId::generate(ids),
        content: content.into(),
        lead_unit: "Sở Tư pháp".into(),
        coordinating_units: vec![],
        deadline: Some(d(deadline.0, deadline.1, deadline.2)),
        progress,
    }
}

fn add_inspection(
    ws: &mut Workspace,
    ids: &mut SeqIds,
    plan: PlanId,
    start: (i32, u32, u32),
    findings: Vec<Finding>,
    finalize: bool,
) -> InspectionId {
    let clock = FixedClock::at_vietnam_morning(start.0, start.1, start.2).unwrap();
    let (unit, team) = {
        let p = ws.plan(plan).unwrap();
        (p.inspected_units[0].id, p.teams[0].id)
    };
    let id = ws
        .create_inspection(plan, unit, Some(team), ids, &clock)
        .unwrap();
    let tpl = sample_template();
    let c = clock;
    ws.edit_inspection(id, |i, lib| {
        let run = i.add_checklist(&tpl, ids, &c)?;
        i.set_answer(
            run,
            AnswerKey::new("I", 0, "I.1"),
            Answer::status(ItemStatus::Dat),
            lib,
            &c,
        )?;
        i.set_answer(
            run,
            AnswerKey::new("I", 0, "I.2"),
            Answer::value(AnswerValue::YesNo(false)),
            lib,
            &c,
        )?;
        for f in findings {
            i.add_finding(f, &c)?;
        }
        let s = d(start.0, start.1, start.2);
        i.start(s, &c)?;
        if finalize {
            i.set_actual_end(Some(s + chrono::Duration::days(3)), &c)?;
            i.set_conclusion(
                Conclusion {
                    text: "Kết luận kiểm tra".into(),
                    draft_date: Some(s + chrono::Duration::days(10)),
                    issue_date: Some(s + chrono::Duration::days(14)),
                    ..Conclusion::default()
                },
                &c,
            )?;
            i.finalize(lib, &c)?;
        }
        Ok(())
    })
    .unwrap();
    id
}

fn finding(ids: &mut SeqIds, kind: FindingKind, text: &str) -> Finding {
    Finding::new(ids, kind, text, support::clock().now())
}

fn amendment(doc: &str) -> AmendmentProposal {
    AmendmentProposal {
        document: doc.into(),
        article: "Điều 5".into(),
        clause: "khoản 2".into(),
        problem: "Chưa phù hợp với thực tiễn".into(),
        proposal: "Sửa đổi khoản 2".into(),
        addressed_to: "Bộ Tài nguyên và Môi trường".into(),
    }
}

/// A 2021 monitoring plan (08/KH-UBND) with four tasks, a 2020 monitoring
/// plan, and the XLVPHC plan 09/KH-UBND. Inspections: two of the 2021
/// monitoring plan inside the window (one finalized with three findings, one
/// in progress with one), one of it after the cutoff, one XLVPHC inspection
/// inside the window with an amendment proposal.
fn fx() -> Fx {
    let mut ids = SeqIds::new();
    let clock = support::clock();
    let mut ws = Workspace::new();
    ws.templates_mut().insert(sample_template()).unwrap();
    let mut thpl = support::plan_can_tho(&mut ids, &clock);
    thpl.kind = PlanKind::TheoDoiThpl;
    thpl.title = "Theo dõi tình hình thi hành pháp luật năm 2021".into();
    thpl.number = Some(DocNumber::parse("08/KH-UBND").unwrap());
    thpl.inspection_window = DateRange::new(d(2021, 1, 1), d(2021, 12, 31));
    thpl.tasks = vec![
        task(
            &mut ids,
            "Xây dựng danh mục văn bản",
            (2021, 3, 31),
            TaskProgress::HoanThanh,
        ),
        task(
            &mut ids,
            "Kiểm tra tại Sở Tài nguyên",
            (2021, 10, 31),
            TaskProgress::DangThucHien,
        ),
        task(
            &mut ids,
            "Khảo sát",
            (2021, 12, 20),
            TaskProgress::ChuaBatDau,
        ),
        task(
            &mut ids,
            "Tổng hợp báo cáo",
            (2021, 12, 20),
            TaskProgress::DangThucHien,
        ),
    ];
    let mut old = thpl.clone();
    old.id = PlanId::generate(&mut ids);
    old.year = 2020;
    old.number = Some(DocNumber::parse("15/KH-UBND").unwrap());
    let xl = support::plan_can_tho(&mut ids, &clock);
    let thpl_id = ws.add_plan(thpl).unwrap();
    ws.add_plan(old).unwrap();
    let xl_id = ws.add_plan(xl).unwrap();

    let mut f1 = finding(&mut ids, FindingKind::VuongMac, "Vướng mắc về thẩm quyền");
    f1.amendment = Some(amendment("Luật Đất đai"));
    let mut rec = FindingRecommendation::new("Đề nghị sửa đổi", Addressee::UbndThanhPho);
    rec.deadline = Some(d(2021, 8, 31));
    f1.recommendation = Some(rec);
    let f2 = finding(&mut ids, FindingKind::HanChe, "Hạn chế trong tập huấn");
    let f3 = finding(&mut ids, FindingKind::HanChe, "Hạn chế về nhân lực");
    let thpl_insp = add_inspection(
        &mut ws,
        &mut ids,
        thpl_id,
        (2021, 6, 7),
        vec![f1, f2, f3],
        true,
    );
    let f4 = finding(&mut ids, FindingKind::BatCap, "Bất cập về kinh phí");
    add_inspection(&mut ws, &mut ids, thpl_id, (2021, 11, 15), vec![f4], false);
    let f5 = finding(&mut ids, FindingKind::SaiSot, "Sau ngày chốt số liệu");
    add_inspection(&mut ws, &mut ids, thpl_id, (2021, 12, 6), vec![f5], false);
    let mut f6 = finding(
        &mut ids,
        FindingKind::ChongCheo,
        "Chồng chéo thẩm quyền lập biên bản",
    );
    f6.amendment = Some(amendment("Nghị định số 19/2020/NĐ-CP"));
    add_inspection(&mut ws, &mut ids, xl_id, (2021, 3, 1), vec![f6], true);
    Fx { ws, thpl_insp }
}

#[test]
fn plans_of_the_year_and_their_tasks_are_counted_on_the_cutoff_day() {
    let f = fx();
    let figs = app_figures(&f.ws, &report_2021());
    assert_eq!(figs.ke_hoach.len(), 1, "only the 2021 monitoring plan");
    let k = &figs.ke_hoach[0];
    assert_eq!(k.so_ky_hieu, "08/KH-UBND");
    assert_eq!(k.ngay_ban_hanh, Some(d(2021, 1, 13)));
    assert_eq!(
        (
            k.nhiem_vu.tong_so,
            k.nhiem_vu.hoan_thanh,
            k.nhiem_vu.dang_thuc_hien,
            k.nhiem_vu.chua_bat_dau,
            k.nhiem_vu.qua_han
        ),
        (4, 1, 1, 1, 1),
        "the task due 31/10 is overdue on 30/11; those due 20/12 are not"
    );
}

#[test]
fn monitoring_inspections_inside_the_window_are_counted_with_their_findings_by_kind() {
    let f = fx();
    let figs = app_figures(&f.ws, &report_2021());
    assert_eq!(figs.kiem_tra.so_cuoc_kiem_tra, Some(2));
    assert_eq!(figs.kiem_tra.so_cuoc_da_ket_thuc, Some(1));
    assert_eq!(
        figs.kiem_tra.phat_hien_theo_loai,
        vec![
            NamedCount {
                ten: "Hạn chế".into(),
                so_luong: Some(2)
            },
            NamedCount {
                ten: "Vướng mắc".into(),
                so_luong: Some(1)
            },
            NamedCount {
                ten: "Bất cập".into(),
                so_luong: Some(1)
            },
        ]
    );
}

#[test]
fn recommendations_of_finalized_monitoring_inspections_are_counted_with_their_state() {
    let mut f = fx();
    let figs = app_figures(&f.ws, &report_2021());
    let t = figs.theo_doi_kien_nghi;
    assert_eq!(t.so_kien_nghi, Some(1));
    assert_eq!(t.chua_xong, Some(1));
    assert_eq!(t.qua_han, Some(1), "due 31/08, still open on 30/11");
    assert_eq!(t.da_thuc_hien, Some(0));
    // Closed as done: counted as done, no longer overdue.
    let c = FixedClock::at_vietnam_morning(2021, 7, 2).unwrap();
    let finding = f.ws.inspection(f.thpl_insp).unwrap().findings()[0].id;
    f.ws.edit_inspection(f.thpl_insp, |i, _| {
        i.record_follow_up(
            RecTarget::Finding { finding },
            UpdateInput {
                status: FollowUpStatus::DaThucHien,
                action: "Đã gửi văn bản kiến nghị".into(),
                document: "Công văn số 1/UBND".into(),
                note: String::new(),
                closed_on: Some(d(2021, 7, 1)),
                reason: String::new(),
            },
            &c,
        )
    })
    .unwrap();
    let t = app_figures(&f.ws, &report_2021()).theo_doi_kien_nghi;
    assert_eq!(
        (t.da_thuc_hien, t.chua_xong, t.qua_han),
        (Some(1), Some(0), Some(0))
    );
    let rows = app_figures(&f.ws, &report_2021()).kien_nghi_sua_doi;
    assert_eq!(rows[1].tinh_trang, HandlingState::DaThucHien);
}

#[test]
fn amendment_proposals_of_every_inspection_in_the_window_are_listed_with_their_state() {
    let f = fx();
    let rows = app_figures(&f.ws, &report_2021()).kien_nghi_sua_doi;
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0].van_ban, "Nghị định số 19/2020/NĐ-CP");
    assert_eq!(
        rows[0].nguon,
        "Kế hoạch số 09/KH-UBND, Ủy ban nhân dân quận Ninh Kiều"
    );
    assert_eq!(
        rows[0].tinh_trang,
        HandlingState::ChuaTheoDoi,
        "no recommendation on it"
    );
    assert_eq!(rows[1].van_ban, "Luật Đất đai");
    assert_eq!(rows[1].co_quan_nhan, "Bộ Tài nguyên và Môi trường");
    assert_eq!(rows[1].tinh_trang, HandlingState::ChuaThucHien);
    // The 2022 report sees none of them.
    let r2022 = ThplReport::new(can_tho(), 2022, ThplLevel::TinhBo, None).unwrap();
    let figs = app_figures(&f.ws, &r2022);
    assert!(figs.kien_nghi_sua_doi.is_empty());
    assert_eq!(figs.kiem_tra.so_cuoc_kiem_tra, Some(0));
    assert!(figs.ke_hoach.is_empty());
}

#[test]
fn prefill_replaces_the_figures_and_keeps_what_the_user_wrote() {
    let f = fx();
    let mut r = filled();
    r.kiem_tra.nhan_xet = "Các cuộc kiểm tra đúng kế hoạch.".into();
    r.ke_hoach.nhan_xet = "Nhận xét của người dùng".into();
    prefill(&mut r, &f.ws);
    assert_eq!(r.kiem_tra.so_cuoc_kiem_tra, Some(2));
    assert_eq!(r.kiem_tra.nhan_xet, "Các cuộc kiểm tra đúng kế hoạch.");
    assert_eq!(r.ke_hoach.nhan_xet, "Nhận xét của người dùng");
    assert_eq!(r.ke_hoach.ke_hoach.len(), 1);
    assert_eq!(r.kien_nghi_sua_doi.len(), 2);
    assert_eq!(r.theo_doi_kien_nghi.so_kien_nghi, Some(1));
    assert_eq!(r.tac_dong, "Tác động tích cực.");
    assert_eq!(completeness(&r), vec![]);
}

// ---- documents -------------------------------------------------------------

fn texts_of(doc: &kiemtra::report::document::OfficialDocument) -> String {
    doc.noi_dung
        .iter()
        .map(|b| match b {
            Block::Heading(s) | Block::Paragraph(s) | Block::Item(s) => s.clone(),
            Block::Table { header, rows } => {
                let mut s = header.join(" | ");
                for r in rows {
                    s.push('\n');
                    s.push_str(&r.join(" | "));
                }
                s
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn the_printed_report_follows_the_decree_headings_and_says_the_outline_was_not_found() {
    let f = fx();
    let mut r = filled();
    prefill(&mut r, &f.ws);
    r.so_ky_hieu = "320/BC-UBND".into();
    r.nguoi_ky.tham_quyen = "TM. ỦY BAN NHÂN DÂN".into();
    r.nguoi_ky.chuc_vu = "CHỦ TỊCH".into();
    r.noi_nhan = vec!["Bộ Tư pháp".into()];
    let doc = yearly_report_document(&r, "Cần Thơ", d(2021, 12, 8));
    assert_eq!(doc.ten_loai, "BÁO CÁO");
    assert_eq!(doc.so_ky_hieu, "320/BC-UBND");
    assert_eq!(doc.co_quan_ban_hanh, "ỦY BAN NHÂN DÂN THÀNH PHỐ CẦN THƠ");
    assert_eq!(doc.dia_danh_ngay, "Cần Thơ, ngày 08 tháng 12 năm 2021");
    assert_eq!(
        doc.trich_yeu,
        "Công tác theo dõi tình hình thi hành pháp luật năm 2021"
    );
    assert!(doc.missing_parts().is_empty(), "{:?}", doc.missing_parts());
    let body = texts_of(&doc);
    assert!(body.contains(rules::OUTLINE_NOT_FOUND_VI));
    assert!(body.contains("Thời gian chốt số liệu: từ ngày 01/12/2020 đến ngày 30/11/2021."));
    for (n, s) in [
        ("II", ThplSection::VanBanQuyDinhChiTiet),
        ("III", ThplSection::DieuKienBaoDam),
        ("IV", ThplSection::HuongDanApDung),
        ("V", ThplSection::XuLyViPham),
        ("VI", ThplSection::TacDong),
    ] {
        assert!(
            body.contains(&format!("{n}. {}", s.heading_vi().to_uppercase())),
            "{n}"
        );
    }
    assert!(body.contains("Quyết định | Quyết định quy định chi tiết A | Không"));
    assert!(body.contains("Hạn chế: 2"));
    assert!(body.contains("Kế hoạch số 08/KH-UBND ngày 13/01/2021"));
    assert_eq!(doc.noi_nhan.last().map(String::as_str), Some("Lưu: VT."));
}

#[test]
fn the_amendment_report_lists_each_proposal_to_whom_and_its_state() {
    let f = fx();
    let mut r = report_2021();
    prefill(&mut r, &f.ws);
    let doc = amendment_report_document(&r, "Cần Thơ", d(2021, 12, 8));
    assert!(doc
        .trich_yeu
        .starts_with("Tình hình xử lý kiến nghị sửa đổi"));
    let body = texts_of(&doc);
    assert!(body.contains(rules::ANNEX_II_NOT_FOUND_VI));
    assert!(
        body.contains("Tổng số kiến nghị: 2 (Chưa có thông tin theo dõi: 1; Chưa thực hiện: 1).")
    );
    assert!(body.contains("Luật Đất đai, Điều 5, khoản 2 | Chưa phù hợp với thực tiễn | Sửa đổi khoản 2 | Bộ Tài nguyên và Môi trường"));
    let empty = amendment_report_document(&report_2021(), "Cần Thơ", d(2021, 12, 8));
    assert!(texts_of(&empty).contains("không có kiến nghị"));
}

#[test]
fn the_inspected_unit_sends_its_report_three_working_days_before_holidays_excluded() {
    let f = fx();
    let insp = f.ws.inspection(f.thpl_insp).unwrap();
    let mut plan = f.ws.plan(insp.plan_id()).unwrap().clone();
    plan.unit_report_days_before = 3;
    plan.organisation.lead_unit = "Sở Tư pháp".into();
    // Starts Monday 07/06/2021: three working days before is Wednesday 02/06.
    let prep = unit_preparation(&plan, insp, &Holidays::new());
    assert_eq!(prep.han_gui_bao_cao, Some(d(2021, 6, 2)));
    assert_eq!(prep.so_ngay_lam_viec_truoc, 3);
    assert_eq!(prep.gui_den, "Sở Tư pháp");
    assert!(prep.viec_can_chuan_bi[0]
        .noi_dung
        .contains("đề cương báo cáo"));
    assert!(prep
        .viec_can_chuan_bi
        .iter()
        .any(|i| i.nguon.contains("khoản 4 Điều 12") || i.nguon.contains("Khoản 4 Điều 12")));
    // An inspection starting Thursday 18/02/2021, after the 2021 Tết break
    // (10–16/02, addendum §5): three working days before is Monday 08/02.
    let tet: Holidays = (10..=16).map(|day| d(2021, 2, day)).collect();
    let mut ws = f.ws.clone();
    let c = FixedClock::at_vietnam_morning(2021, 1, 20).unwrap();
    let mut ids = SeqIds::new();
    let id = ws
        .create_inspection(plan.id, plan.inspected_units[0].id, None, &mut ids, &c)
        .unwrap();
    ws.edit_inspection(id, |i, _| {
        i.set_planned(DateRange::new(d(2021, 2, 18), d(2021, 2, 24)), &c)
    })
    .unwrap();
    let prep = unit_preparation(&plan, ws.inspection(id).unwrap(), &tet);
    assert_eq!(prep.han_gui_bao_cao, Some(d(2021, 2, 8)));
}
