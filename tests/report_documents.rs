//! Official documents (report::document, report::document_build): every
//! document has the required parts of NĐ 30/2020 Điều 8 khoản 2, the 2021
//! texts in force, Vietnamese place-and-date lines, Nơi nhận; the notice
//! gives the date by which the inspected unit sends its report, counted in
//! working days. The printed text of each document is a golden file
//! (`tests/fixtures/documents/*.txt`; `KIEMTRA_BLESS=1` rewrites them).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::PathBuf;

use chrono::NaiveDate;
use kiemtra::domain::catalog::{PlanMethod, UnitLevel};
use kiemtra::domain::clock::FixedClock;
use kiemtra::domain::ids::{SeqIds, UnitId};
use kiemtra::domain::inspection::{Conclusion, Decision, Inspection};
use kiemtra::domain::plan::{
    Funding, InspectedUnit, IssuerLevel, IssuingBody, LegalBasis, Organisation, PeriodEnd, Plan,
    PlanKind, ReviewPeriod, Signer, SigningPrefix,
};
use kiemtra::domain::team::{Member, Team};
use kiemtra::domain::text::DocNumber;
use kiemtra::domain::workdays::{DateRange, Holidays};
use kiemtra::report::document::{OfficialDocument, Part};
use kiemtra::report::document_build::*;
use kiemtra::report::period::{Regime, ReportPeriod, ReporterLevel};
use kiemtra::report::periodic::{
    HandlingMeasureStats, PeriodicReport, ReportSigner, ReportingUnit, SanctionStats,
};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

struct Fx {
    plan: Plan,
    insp: Inspection,
    clock: FixedClock,
}

/// Kế hoạch 09/KH-UBND of UBND thành phố Cần Thơ (13/01/2021), one unit,
/// one team; the inspection of Ninh Kiều planned 06/9–14/9/2021.
fn fx() -> Fx {
    let clock = FixedClock::at_vietnam_morning(2021, 8, 2).unwrap();
    let mut ids = SeqIds::new();
    let mut p = Plan::new(&mut ids, PlanKind::Xlvphc, 2021, &clock);
    p.yearly = true;
    p.issuer_level = IssuerLevel::Tinh;
    p.title = "Kiểm tra công tác thi hành pháp luật về xử lý vi phạm hành chính năm 2021".into();
    p.number = DocNumber::parse("09/KH-UBND").ok();
    p.issuer = IssuingBody {
        upper: "ỦY BAN NHÂN DÂN".into(),
        lower: "THÀNH PHỐ CẦN THƠ".into(),
    };
    p.place_name = "Cần Thơ".into();
    p.issue_date = Some(d(2021, 1, 13));
    p.signer = Signer {
        prefix: SigningPrefix::Tm,
        on_behalf_of: "ỦY BAN NHÂN DÂN".into(),
        position: "CHỦ TỊCH".into(),
        name: "Nguyễn Văn Mẫu".into(),
    };
    p.legal_bases = vec![LegalBasis {
        doc_type: "Nghị định".into(),
        number: "19/2020/NĐ-CP".into(),
        date: Some(d(2020, 2, 12)),
        issuer: "Chính phủ".into(),
        summary: "về kiểm tra, xử lý kỷ luật trong thi hành pháp luật về xử lý vi phạm hành chính"
            .into(),
    }];
    p.purpose = "Đánh giá việc thi hành pháp luật về xử lý vi phạm hành chính.".into();
    p.requirements = "Kiểm tra đúng nội dung, thời hạn.".into();
    p.method = Some(PlanMethod::DinhKy);
    let unit = UnitId::generate(&mut ids);
    p.inspected_units = vec![InspectedUnit {
        id: unit,
        name: "Ủy ban nhân dân quận Ninh Kiều".into(),
        level: UnitLevel::QuanHuyen,
        address: "Quận Ninh Kiều, thành phố Cần Thơ".into(),
    }];
    p.place_of_inspection = "Trụ sở Ủy ban nhân dân quận Ninh Kiều".into();
    p.inspection_window = DateRange::new(d(2021, 9, 1), d(2021, 9, 30));
    p.review_period = Some(ReviewPeriod {
        from: d(2020, 1, 1),
        to: PeriodEnd::InspectionDate,
    });
    p.funding = Funding {
        amount_dong: Some(15_000_000),
        source: "Ngân sách nhà nước cấp cho Sở Tư pháp năm 2021".into(),
    };
    p.organisation = Organisation {
        lead_unit: "Sở Tư pháp".into(),
        coordinating_units: vec!["Công an thành phố".into()],
    };
    let mut team = Team::new(&mut ids, "Đoàn kiểm tra liên ngành");
    team.head = Some(Member::new(
        &mut ids,
        "Trần Thị Bích",
        "Giám đốc",
        "Sở Tư pháp",
    ));
    team.deputies = vec![Member::new(
        &mut ids,
        "Lê Văn Cường",
        "Phó Giám đốc",
        "Sở Tư pháp",
    )];
    team.members = vec![
        Member::new(&mut ids, "Phạm Văn Dũng", "Chuyên viên", "Sở Tư pháp"),
        Member::new(&mut ids, "Huỳnh Thị Em", "Chuyên viên", "Công an thành phố"),
        Member::new(&mut ids, "Võ Văn Giang", "Chuyên viên", "Sở Tài chính"),
    ];
    let team_id = team.id;
    p.teams = vec![team];
    let mut insp = Inspection::new(&mut ids, p.id, unit, Some(team_id), true, &clock);
    insp.set_planned(DateRange::new(d(2021, 9, 6), d(2021, 9, 14)), &clock)
        .unwrap();
    insp.set_decision(
        Decision {
            number: DocNumber::parse("1021/QĐ-UBND").ok(),
            date: Some(d(2021, 8, 2)),
            sent_date: Some(d(2021, 8, 3)),
        },
        &clock,
    )
    .unwrap();
    Fx {
        plan: p,
        insp,
        clock,
    }
}

/// 2021 holidays of the state bodies around Quốc khánh (addendum §5: off
/// from Thursday 02/9 to Sunday 05/9/2021).
fn holidays_2021() -> Holidays {
    [d(2021, 9, 2), d(2021, 9, 3)].into_iter().collect()
}

fn titles() -> Vec<String> {
    vec!["Kiểm tra việc thi hành pháp luật về xử lý vi phạm hành chính (NĐ 19/2020/NĐ-CP)".into()]
}

fn periodic_2021() -> PeriodicReport {
    let p = ReportPeriod::yearly(2021).unwrap();
    PeriodicReport {
        don_vi_bao_cao: ReportingUnit {
            ten: "Ủy ban nhân dân quận Ninh Kiều".into(),
            co_quan_chu_quan: String::new(),
        },
        so_ky_hieu: "215/BC-UBND".into(),
        ky_bao_cao: p,
        che_do_bao_cao: Regime::Tt16_2018,
        cap_bao_cao: ReporterLevel::GuiCapTrenTrucTiep,
        han_nop: Regime::Tt16_2018
            .resolve_due(ReporterLevel::GuiCapTrenTrucTiep, &p, Some(d(2021, 12, 17)))
            .unwrap(),
        xu_phat: SanctionStats::default(),
        bien_phap_xlhc: HandlingMeasureStats::default(),
        nguoi_ky: ReportSigner {
            tham_quyen: "TM. ỦY BAN NHÂN DÂN".into(),
            chuc_vu: "CHỦ TỊCH".into(),
            ho_ten: "Lê Thị Hoa".into(),
        },
        noi_nhan: vec![
            "Ủy ban nhân dân thành phố Cần Thơ".into(),
            "Sở Tư pháp thành phố Cần Thơ".into(),
        ],
    }
}

fn assert_golden(name: &str, doc: &OfficialDocument) {
    let path: PathBuf = [env!("CARGO_MANIFEST_DIR"), "tests/fixtures/documents", name]
        .iter()
        .collect();
    let text = doc.to_text();
    if std::env::var_os("KIEMTRA_BLESS").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, &text).unwrap();
    }
    let want = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{}: {e} (run with KIEMTRA_BLESS=1)", path.display()));
    assert_eq!(text, want, "{name} differs from its golden file");
}

/// Parts every printed document must show, whatever its kind.
fn assert_complete(doc: &OfficialDocument) {
    assert_eq!(doc.missing_parts(), Vec::<Part>::new(), "{}", doc.to_text());
    let text = doc.to_text();
    for part in [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Số: ",
        "Nơi nhận:",
        "- Lưu: VT.",
    ] {
        assert!(text.contains(part), "missing {part}:\n{text}");
    }
    assert!(
        doc.dia_danh_ngay.starts_with("Cần Thơ, ngày "),
        "{}",
        doc.dia_danh_ngay
    );
}

#[test]
fn the_plan_has_every_part_and_its_recipients() {
    let f = fx();
    let doc = plan_document(&f.plan, &titles());
    assert_complete(&doc);
    assert_eq!(doc.so_ky_hieu, "09/KH-UBND");
    assert_eq!(doc.dia_danh_ngay, "Cần Thơ, ngày 13 tháng 01 năm 2021");
    assert_eq!(doc.ten_loai, "KẾ HOẠCH");
    assert_eq!(doc.chu_ky.tham_quyen, ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"]);
    // Căn cứ: ";" after each line but the last, which ends with ".".
    assert!(doc.can_cu.last().unwrap().ends_with('.'));
    assert!(doc
        .noi_nhan
        .contains(&"Ủy ban nhân dân quận Ninh Kiều;".to_string()));
    assert_golden("ke_hoach_09_kh_ubnd_2021.txt", &doc);
}

#[test]
fn the_team_decision_carries_what_nd19_article_13_lists() {
    let f = fx();
    let doc = team_decision_document(&f.plan, &f.insp, &titles());
    assert_complete(&doc);
    assert_eq!(doc.ten_loai, "QUYẾT ĐỊNH");
    assert_eq!(doc.so_ky_hieu, "1021/QĐ-UBND");
    assert_eq!(doc.dia_danh_ngay, "Cần Thơ, ngày 02 tháng 8 năm 2021");
    let text = doc.to_text();
    for part in [
        "Căn cứ Nghị định số 19/2020/NĐ-CP",
        "Căn cứ Kế hoạch số 09/KH-UBND ngày 13/01/2021.",
        "Đối tượng được kiểm tra: Ủy ban nhân dân quận Ninh Kiều.",
        "Địa điểm kiểm tra: Trụ sở Ủy ban nhân dân quận Ninh Kiều.",
        "Nội dung kiểm tra:",
        "Thời hạn kiểm tra: 07 ngày làm việc, từ ngày 06/09/2021 đến ngày 14/09/2021.",
        "Trần Thị Bích, Giám đốc, Sở Tư pháp, Trưởng đoàn",
        "Lê Văn Cường, Phó Giám đốc, Sở Tư pháp, Phó Trưởng đoàn",
        "Điều 9, Điều 10 Nghị định số 19/2020/NĐ-CP",
        "15.000.000 đ",
        "TM. ỦY BAN NHÂN DÂN",
        "Nguyễn Văn Mẫu",
    ] {
        assert!(text.contains(part), "missing {part}:\n{text}");
    }
    assert_golden("quyet_dinh_kiem_tra_ninh_kieu_2021.txt", &doc);
}

#[test]
fn a_decision_not_yet_numbered_leaves_the_number_blank_with_the_code() {
    let mut f = fx();
    f.insp.set_decision(Decision::default(), &f.clock).unwrap();
    let doc = team_decision_document(&f.plan, &f.insp, &titles());
    assert!(
        doc.so_ky_hieu.trim_start().starts_with("/QĐ-UBND"),
        "{}",
        doc.so_ky_hieu
    );
    assert!(doc.dia_danh_ngay.starts_with("Cần Thơ, ngày     tháng"));
    assert!(!doc.missing_parts().contains(&Part::SoKyHieu));
}

#[test]
fn the_unit_sends_its_report_three_working_days_before_holidays_excluded() {
    let f = fx();
    // Inspection on Monday 06/9/2021; 03/9 and 02/9 are holidays, so the
    // three working days before are 01/9, 31/8 and 30/8.
    assert_eq!(
        unit_report_due(&f.plan, &f.insp, &holidays_2021()),
        Some(d(2021, 8, 30))
    );
    // Without holidays: 03/9, 02/9, 01/9.
    assert_eq!(
        unit_report_due(&f.plan, &f.insp, &Holidays::new()),
        Some(d(2021, 9, 1))
    );
    let doc = unit_notice_document(&f.plan, &f.insp, &holidays_2021(), d(2021, 8, 4));
    assert_complete(&doc);
    assert_eq!(doc.ten_loai, "THÔNG BÁO");
    let text = doc.to_text();
    assert!(
        text.contains("chậm nhất ngày 30/08/2021 (trước ngày kiểm tra 03 ngày làm việc)"),
        "{text}"
    );
    assert!(text.contains("Quyết định số 1021/QĐ-UBND ngày 02/08/2021"));
    assert!(text.contains("TRƯỞNG ĐOÀN KIỂM TRA\n(Chữ ký, dấu)\nTrần Thị Bích"));
    assert_golden("thong_bao_ninh_kieu_2021.txt", &doc);
}

#[test]
fn the_inspection_report_is_a_bao_cao_with_its_number_and_vietnamese_date() {
    let mut f = fx();
    f.insp.start(d(2021, 9, 6), &f.clock).unwrap();
    f.insp
        .set_actual_end(Some(d(2021, 9, 14)), &f.clock)
        .unwrap();
    f.insp
        .set_conclusion(
            Conclusion {
                text: "Đã thực hiện cơ bản đầy đủ.".into(),
                report_number: "318/BC-ĐKT".into(),
                ..Conclusion::default()
            },
            &f.clock,
        )
        .unwrap();
    let doc = inspection_report_document(&f.plan, &f.insp, d(2021, 12, 1));
    assert_complete(&doc);
    assert_eq!(doc.ten_loai, "BÁO CÁO");
    assert_eq!(doc.so_ky_hieu, "318/BC-ĐKT");
    assert!(doc
        .trich_yeu
        .starts_with("Kết quả kiểm tra việc thi hành pháp luật"));
    assert_eq!(doc.dia_danh_ngay, "Cần Thơ, ngày 14 tháng 9 năm 2021");
    assert_eq!(doc.co_quan_chu_quan, "ỦY BAN NHÂN DÂN THÀNH PHỐ CẦN THƠ");
    assert_golden("bao_cao_ket_qua_kiem_tra_ninh_kieu_2021.txt", &doc);
}

#[test]
fn the_2021_periodic_report_names_tt16_2018_and_nd81_2013_and_its_signer() {
    let r = periodic_2021();
    let doc = periodic_report_document(&r, "Ninh Kiều", d(2021, 12, 16));
    assert!(doc.missing_parts().is_empty(), "{:?}", doc.missing_parts());
    let text = doc.to_text();
    assert!(text.contains("Chế độ báo cáo: Thông tư 16/2018/TT-BTP"));
    assert!(text.contains(
        "Nghị định số 81/2013/NĐ-CP, được sửa đổi, bổ sung bởi Nghị định số 97/2017/NĐ-CP"
    ));
    assert!(!text.contains("118/2021/NĐ-CP ngày 23/12/2021, Điều 35."));
    assert!(text.contains("năm 2021 (từ ngày 15/12/2020 đến ngày 14/12/2021)"));
    assert!(text.contains("TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\n(Chữ ký, dấu)\nLê Thị Hoa"));
    assert!(text.ends_with("- Sở Tư pháp thành phố Cần Thơ;\n- Lưu: VT.\n"));
    assert_golden("bao_cao_dinh_ky_ninh_kieu_2021.txt", &doc);
}

#[test]
fn a_report_without_signer_or_recipients_is_flagged_not_printed_silently() {
    let mut r = periodic_2021();
    r.nguoi_ky = ReportSigner::default();
    r.so_ky_hieu.clear();
    let doc = periodic_report_document(&r, "", d(2021, 12, 16));
    let missing = doc.missing_parts();
    assert!(missing.contains(&Part::ChucVuNguoiKy));
    assert!(missing.contains(&Part::HoTenNguoiKy));
    assert!(missing.contains(&Part::SoKyHieu));
    assert!(missing.contains(&Part::DiaDanhNgay));
    // Nơi nhận always ends with "Lưu: VT.", so it is never missing.
    assert!(!missing.contains(&Part::NoiNhan));
}

#[test]
fn the_place_and_date_line_is_vietnamese_with_leading_zeros_for_days_and_january_february() {
    assert_eq!(
        place_date_line("Cần Thơ", Some(d(2021, 1, 13)), 2021),
        "Cần Thơ, ngày 13 tháng 01 năm 2021"
    );
    assert_eq!(
        place_date_line("Hà Nội", Some(d(2021, 6, 5)), 2021),
        "Hà Nội, ngày 05 tháng 6 năm 2021"
    );
}
