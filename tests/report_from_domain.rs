//! The domain → inspection report mapping: plan, team, decision, checklist
//! answers on the pinned template (visible items only, repeated groups per
//! instance), findings, conclusion, scope and totals; the result exports and
//! verifies.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "domain_support.rs"]
mod support;

use kiemtra::domain::answer::{Answer, AnswerKey, AnswerValue, ItemStatus as S};
use kiemtra::domain::catalog::{Addressee, DisciplineForm, FindingKind as DK};
use kiemtra::domain::clock::Clock;
use kiemtra::domain::finding::{Finding, FindingRecommendation, ViolationRef};
use kiemtra::domain::ids::{InspectionId, SeqIds};
use kiemtra::domain::inspection::{Conclusion, Decision, Recommendation};
use kiemtra::domain::text::DocNumber;
use kiemtra::domain::workspace::Workspace;
use kiemtra::report::from_domain::{included_inspections, inspection_report, ReportScope};
use kiemtra::report::inspection::{FindingKind, ItemAnswer, ItemStatus, Scope};
use kiemtra::report::{export, verify, ReportContent, ReportingUnit, VerifyResult};

fn stp() -> ReportingUnit {
    ReportingUnit {
        ten: "Sở Tư pháp".into(),
        co_quan_chu_quan: "Ủy ban nhân dân thành phố Cần Thơ".into(),
    }
}

/// A workspace with plan 09/KH-UBND, one inspection of Ninh Kiều with a
/// filled checklist, two findings and an issued conclusion.
fn workspace() -> (Workspace, InspectionId) {
    let c = support::clock();
    let mut ids = SeqIds::default();
    let mut ws = Workspace::new();
    ws.templates_mut()
        .insert(support::sample_template())
        .unwrap();
    let plan = support::plan_can_tho(&mut ids, &c);
    let unit = plan.inspected_units[0].id;
    let team = plan.teams[0].id;
    let pid = ws.add_plan(plan).unwrap();
    let iid = ws
        .create_inspection(pid, unit, Some(team), &mut ids, &c)
        .unwrap();
    let tpl = support::sample_template();
    ws.edit_inspection(iid, |i, lib| {
        i.set_decision(
            Decision {
                number: Some(DocNumber::parse("1021/QĐ-UBND").unwrap()),
                date: Some(support::d(2021, 1, 20)),
                sent_date: None,
            },
            &c,
        )?;
        i.start(support::d(2021, 3, 1), &c)?;
        i.set_actual_end(Some(support::d(2021, 3, 5)), &c)?;
        let run = i.add_checklist(&tpl, &mut ids, &c)?;
        i.set_answer(
            run,
            AnswerKey::new("I", 0, "I.1"),
            Answer::status(S::KhongDat).with_note("Chưa ban hành kế hoạch"),
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
        i.set_answer(
            run,
            AnswerKey::new("I", 0, "I.4"),
            Answer::value(AnswerValue::Text("Thiếu kế hoạch năm".into())),
            lib,
            &c,
        )?;
        i.set_answer(
            run,
            AnswerKey::new("I", 0, "I.5"),
            Answer::value(AnswerValue::Count(12)),
            lib,
            &c,
        )?;
        i.add_instance(run, "II.B", "Biên bản số 12/BB-VPHC", lib, &c)?;
        i.set_answer(
            run,
            AnswerKey::new("II.B", 0, "II.B.1"),
            Answer::status(S::Dat),
            lib,
            &c,
        )?;
        i.set_answer(
            run,
            AnswerKey::new("II.B", 0, "II.B.3"),
            Answer::value(AnswerValue::Money(1_500_000)),
            lib,
            &c,
        )?;
        let mut f = Finding::new(&mut ids, DK::SaiSot, "Biên bản lập quá hạn", c.now());
        f.responsible = "Công chức lập biên bản".into();
        f.violation = Some(ViolationRef::current(
            "vi_pham_thoi_han_lap_bien_ban_ra_quyet_dinh",
        )?);
        f.proposed_discipline = Some(DisciplineForm::KhienTrach);
        f.recommendation = Some(FindingRecommendation::new(
            "Chấn chỉnh việc lập biên bản",
            Addressee::DonViDuocKiemTra,
        ));
        i.add_finding(f, &c)?;
        i.add_finding(
            Finding::new(&mut ids, DK::VuongMac, "Thiếu hướng dẫn mẫu sổ", c.now()),
            &c,
        )?;
        i.set_conclusion(
            Conclusion {
                text: "Kết luận kiểm tra".into(),
                draft_date: Some(support::d(2021, 3, 15)),
                issue_date: Some(support::d(2021, 3, 30)),
                recommendations: vec![Recommendation {
                    text: "Báo cáo kết quả khắc phục".into(),
                    addressee: Addressee::UbndThanhPho,
                    deadline: Some(support::d(2021, 6, 30)),
                    tracking: Default::default(),
                }],
                number: "15/KL-UBND".into(),
                signer_position: "Chủ tịch Ủy ban nhân dân thành phố".into(),
                signer_name: "Nguyễn Văn Mẫu".into(),
                ..Conclusion::default()
            },
            &c,
        )?;
        Ok(())
    })
    .unwrap();
    (ws, iid)
}

#[test]
fn a_whole_plan_report_carries_plan_team_answers_findings_and_conclusion() {
    let (ws, _) = workspace();
    let plan = ws.plans().next().unwrap();
    let r = inspection_report(
        plan,
        ws.inspections(),
        ws.templates(),
        ReportScope::WholePlan,
        stp(),
        "318/BC-STP".into(),
        support::d(2021, 12, 1),
    )
    .unwrap();
    assert_eq!(r.ke_hoach.so_ky_hieu, "09/KH-UBND");
    assert_eq!(
        r.ke_hoach.co_quan_ban_hanh,
        "ỦY BAN NHÂN DÂN THÀNH PHỐ CẦN THƠ"
    );
    assert_eq!(r.ky_bao_cao.year(), 2021);
    assert_eq!(r.pham_vi, Scope::ToanKeHoach);
    assert_eq!(r.cuoc_kiem_tra.len(), 1);
    let e = &r.cuoc_kiem_tra[0];
    assert_eq!(e.don_vi_duoc_kiem_tra, "Ủy ban nhân dân quận Ninh Kiều");
    assert_eq!(e.quyet_dinh.so_ky_hieu, "1021/QĐ-UBND");
    assert_eq!(e.tu_ngay, Some(support::d(2021, 3, 1)));
    assert_eq!(e.den_ngay, Some(support::d(2021, 3, 5)));
    assert_eq!(e.doan_kiem_tra.truong_doan.ho_ten, "Trần Thị B");
    assert_eq!(e.doan_kiem_tra.pho_truong_doan.len(), 1);
    assert_eq!(e.doan_kiem_tra.thanh_vien.len(), 3);

    let cl = &e.ket_qua_bang_kiem[0];
    assert_eq!(cl.mau.id, "xlvphc-mau-thu");
    assert_eq!(cl.mau.phien_ban, "1");
    assert_eq!(cl.mau.sha256.len(), 64);
    let g1 = &cl.nhom[0];
    // I.3 is hidden (I.2 = không); I.4 shows because I.1 = không đạt.
    let codes: Vec<&str> = g1.muc.iter().map(|m| m.ma.as_str()).collect();
    assert_eq!(codes, ["I.1", "I.2", "I.4", "I.5"]);
    assert_eq!(
        g1.muc[0].ket_qua,
        ItemAnswer::TrangThai(ItemStatus::KhongDat)
    );
    assert_eq!(g1.muc[0].ghi_chu, "Chưa ban hành kế hoạch");
    assert_eq!(g1.muc[1].ket_qua, ItemAnswer::VanBan("Không".into()));
    assert_eq!(g1.muc[3].ket_qua, ItemAnswer::So(12));
    assert_eq!(g1.dem.khong_dat, 1);
    let g2 = &cl.nhom[1];
    assert_eq!(g2.muc.len(), 3);
    assert_eq!(g2.muc[0].ma, "II.B.1 (1)");
    assert!(g2.muc[0]
        .noi_dung_vi
        .starts_with("[Biên bản số 12/BB-VPHC]"));
    assert_eq!(
        g2.muc[1].ket_qua,
        ItemAnswer::TrangThai(ItemStatus::ChuaKiemTra)
    );
    assert_eq!(g2.muc[2].ket_qua, ItemAnswer::So(1_500_000));

    assert_eq!(e.phat_hien.len(), 2);
    let f = &e.phat_hien[0];
    assert_eq!(f.loai, FindingKind::SaiSot);
    assert_eq!(f.hinh_thuc_ky_luat.as_deref(), Some("Khiển trách"));
    assert_eq!(
        f.hanh_vi.as_ref().unwrap().ma,
        "vi_pham_thoi_han_lap_bien_ban_ra_quyet_dinh"
    );
    assert_eq!(
        f.kien_nghi.as_ref().unwrap().noi_nhan,
        "Đơn vị được kiểm tra"
    );
    let k = e.ket_luan.as_ref().unwrap();
    assert_eq!(k.ngay_ban_hanh, Some(support::d(2021, 3, 30)));
    assert_eq!(k.kien_nghi[0].thoi_han, Some(support::d(2021, 6, 30)));

    assert!(r.totals_consistent());
    assert_eq!(r.tong_hop.so_cuoc_kiem_tra, 1);
    assert_eq!(r.tong_hop.so_phat_hien, 2);
    assert_eq!(r.tong_hop.so_kien_nghi, 2);
    assert_eq!(r.tong_hop.so_ket_luan_da_ban_hanh, 1);
}

#[test]
fn a_one_unit_report_names_the_unit_and_exports_a_valid_file() {
    let (ws, iid) = workspace();
    let plan = ws.plans().next().unwrap();
    let unit = plan.inspected_units[0].id;
    let scope = ReportScope::Unit(unit);
    let included = included_inspections(plan, ws.inspections(), scope);
    assert_eq!(included.len(), 1);
    assert_eq!(included[0].id(), iid);
    let r = inspection_report(
        plan,
        ws.inspections(),
        ws.templates(),
        scope,
        stp(),
        String::new(),
        support::d(2021, 12, 1),
    )
    .unwrap();
    assert_eq!(
        r.pham_vi,
        Scope::MotDonVi {
            don_vi: "Ủy ban nhân dân quận Ninh Kiều".into()
        }
    );
    let file = export(ReportContent::KiemTra(r), "test", support::clock().now()).unwrap();
    assert_eq!(
        file.file_name,
        "bao-cao-kiem-tra_09-KH-UBND_2021_ubnd-quan-ninh-kieu.json"
    );
    assert!(matches!(verify(&file.text), VerifyResult::Valid { .. }));
}

#[test]
fn a_unit_without_inspections_gives_an_empty_report_and_a_missing_template_fails() {
    let (mut ws, _) = workspace();
    let plan = ws.plans().next().unwrap().clone();
    let other = kiemtra::domain::ids::UnitId(uuid::Uuid::from_u128(999));
    let r = inspection_report(
        &plan,
        ws.inspections(),
        ws.templates(),
        ReportScope::Unit(other),
        stp(),
        String::new(),
        support::d(2021, 12, 1),
    )
    .unwrap();
    assert!(r.cuoc_kiem_tra.is_empty());
    assert_eq!(r.tong_hop.so_cuoc_kiem_tra, 0);

    let id = support::sample_template().id;
    *ws.templates_mut() = kiemtra::domain::template::TemplateLibrary::new();
    assert!(ws.templates().versions(&id).is_empty());
    let err = inspection_report(
        &plan,
        ws.inspections(),
        ws.templates(),
        ReportScope::WholePlan,
        stp(),
        String::new(),
        support::d(2021, 12, 1),
    );
    assert!(err.is_err());
}
