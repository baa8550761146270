//! Printed documents of the THPL work, in the NĐ 30/2020 layout
//! ([`OfficialDocument`]): the yearly report, the report on handling
//! law-amendment recommendations (TT 04/2021 Điều 8 khoản 2), and the list
//! of what an inspected unit prepares before an inspection with its due date
//! (reference C4: its own report, following the team's đề cương báo cáo,
//! sent 03 working days before; working days per `domain::workdays`).

use chrono::NaiveDate;
use serde::Serialize;

use super::checks::ThplSection;
use super::{rules, AmendmentHandling, ThplReport};
use crate::domain::inspection::Inspection;
use crate::domain::plan::{Plan, PlanKind};
use crate::domain::workdays::Holidays;
use crate::i18n::format_date;
use crate::report::document::{
    recipient_lines, Block, OfficialDocument, SignatureBlock, BLANK_NUMBER,
};
use crate::report::document_build::{place_date_line, unit_report_due};

fn count(v: Option<u64>) -> String {
    v.map(|n| n.to_string())
        .unwrap_or_else(|| "(chưa nhập)".to_string())
}

fn text_or_blank(s: &str) -> String {
    let t = s.trim();
    if t.is_empty() {
        "(chưa nhập)".to_string()
    } else {
        t.to_string()
    }
}

fn heading(n: &str, s: ThplSection) -> Block {
    Block::Heading(format!("{n}. {}", s.heading_vi().to_uppercase()))
}

fn amendment_table(rows: &[AmendmentHandling]) -> Block {
    Block::Table {
        header: vec![
            "STT".into(),
            "Văn bản, điều, khoản".into(),
            "Bất cập, vướng mắc".into(),
            "Nội dung kiến nghị".into(),
            "Cơ quan nhận kiến nghị".into(),
            "Nguồn".into(),
            "Tình hình xử lý".into(),
        ],
        rows: rows
            .iter()
            .enumerate()
            .map(|(i, a)| {
                let place = [a.van_ban.trim(), a.dieu.trim(), a.khoan.trim()]
                    .into_iter()
                    .filter(|s| !s.is_empty())
                    .collect::<Vec<_>>()
                    .join(", ");
                vec![
                    (i + 1).to_string(),
                    place,
                    a.bat_cap.trim().to_string(),
                    a.de_xuat.trim().to_string(),
                    a.co_quan_nhan.trim().to_string(),
                    a.nguon.trim().to_string(),
                    a.tinh_trang.name_vi().to_string(),
                ]
            })
            .collect(),
    }
}

fn header_parts(r: &ThplReport) -> (String, String, String) {
    (
        r.don_vi_bao_cao.co_quan_chu_quan.trim().to_uppercase(),
        r.don_vi_bao_cao.ten.trim().to_uppercase(),
        if r.so_ky_hieu.trim().is_empty() {
            format!("{BLANK_NUMBER}/BC-")
        } else {
            r.so_ky_hieu.trim().to_string()
        },
    )
}

/// The yearly report as a printed document, dated `date` at `place`.
pub fn yearly_report_document(r: &ThplReport, place: &str, date: NaiveDate) -> OfficialDocument {
    let mut b: Vec<Block> = Vec::new();
    let p = |s: String| Block::Paragraph(s);
    if let Ok(t) = rules::texts(r.year()) {
        b.push(p(format!(
            "Căn cứ báo cáo: {}; {}.",
            t.decree_vi, t.guidance_vi
        )));
        b.push(p(t.outline_note_vi.to_string()));
        if let Some(n) = t.later_text_note_vi {
            b.push(p(n.to_string()));
        }
    }
    b.push(p(format!(
        "Thời gian chốt số liệu: từ ngày {} đến ngày {}.",
        format_date(r.ky_bao_cao.tu_ngay),
        format_date(r.ky_bao_cao.den_ngay)
    )));
    // I. Plans.
    b.push(heading("I", ThplSection::KeHoach));
    if r.ke_hoach.ke_hoach.is_empty() {
        b.push(p(
            "Không có kế hoạch theo dõi tình hình thi hành pháp luật trong dữ liệu của ứng dụng."
                .into(),
        ));
    } else {
        b.push(Block::Table {
            header: vec![
                "Kế hoạch".into(),
                "Lĩnh vực".into(),
                "Số nhiệm vụ".into(),
                "Hoàn thành".into(),
                "Đang thực hiện".into(),
                "Chưa bắt đầu".into(),
                "Quá hạn".into(),
            ],
            rows: r
                .ke_hoach
                .ke_hoach
                .iter()
                .map(|k| {
                    let mut name = String::new();
                    if !k.so_ky_hieu.is_empty() {
                        name.push_str(&format!("Kế hoạch số {}", k.so_ky_hieu));
                        if let Some(d) = k.ngay_ban_hanh {
                            name.push_str(&format!(" ngày {}", format_date(d)));
                        }
                        name.push_str(": ");
                    }
                    name.push_str(&k.ten);
                    let t = k.nhiem_vu;
                    vec![
                        name,
                        k.linh_vuc.clone(),
                        t.tong_so.to_string(),
                        t.hoan_thanh.to_string(),
                        t.dang_thuc_hien.to_string(),
                        t.chua_bat_dau.to_string(),
                        t.qua_han.to_string(),
                    ]
                })
                .collect(),
        });
    }
    b.push(p(text_or_blank(&r.ke_hoach.nhan_xet)));
    // II. Điểm a.
    let a = &r.van_ban_quy_dinh_chi_tiet;
    b.push(heading("II", ThplSection::VanBanQuyDinhChiTiet));
    b.push(p(format!(
        "Số lượng văn bản quy định chi tiết: {}.",
        count(a.so_van_ban)
    )));
    if !a.danh_sach.is_empty() {
        b.push(Block::Table {
            header: vec![
                "STT".into(),
                "Hình thức".into(),
                "Tên văn bản".into(),
                "Chậm tiến độ".into(),
                "Lý do chậm tiến độ".into(),
            ],
            rows: a
                .danh_sach
                .iter()
                .enumerate()
                .map(|(i, d)| {
                    vec![
                        (i + 1).to_string(),
                        d.hinh_thuc.trim().to_string(),
                        d.ten.trim().to_string(),
                        if d.cham_tien_do { "Có" } else { "Không" }.to_string(),
                        d.ly_do_cham.trim().to_string(),
                    ]
                })
                .collect(),
        });
    }
    b.push(p(format!(
        "Số lượng văn bản ban hành chậm tiến độ: {}.",
        count(a.so_cham_tien_do)
    )));
    b.push(p(format!(
        "Số lượng văn bản không thống nhất, không đồng bộ: {}.",
        count(a.so_khong_thong_nhat_dong_bo)
    )));
    b.push(p(format!(
        "Số lượng văn bản có tính khả thi không cao: {}.",
        count(a.so_kha_thi_khong_cao)
    )));
    b.push(p(format!(
        "Tính kịp thời, đầy đủ của việc ban hành văn bản quy định chi tiết: {}",
        text_or_blank(&a.danh_gia_kip_thoi_day_du)
    )));
    b.push(p(format!(
        "Tính thống nhất, đồng bộ của văn bản: {}",
        text_or_blank(&a.danh_gia_thong_nhat_dong_bo)
    )));
    b.push(p(format!(
        "Tính khả thi của văn bản: {}",
        text_or_blank(&a.danh_gia_kha_thi)
    )));
    // III. Điểm b.
    let c = &r.dieu_kien_bao_dam;
    b.push(heading("III", ThplSection::DieuKienBaoDam));
    b.push(p(format!(
        "Nội dung, hình thức tập huấn, phổ biến pháp luật đã được thực hiện: {}",
        text_or_blank(&c.tap_huan_pho_bien)
    )));
    b.push(p(format!(
        "Thực trạng về tổ chức bộ máy, nguồn nhân lực: {}",
        text_or_blank(&c.to_chuc_bo_may_nhan_luc)
    )));
    b.push(p(format!(
        "Các điều kiện về kinh phí và cơ sở vật chất bảo đảm cho thi hành pháp luật: {}",
        text_or_blank(&c.kinh_phi_co_so_vat_chat)
    )));
    // IV. Điểm c.
    let h = &r.huong_dan_ap_dung;
    b.push(heading("IV", ThplSection::HuongDanApDung));
    b.push(p(format!(
        "Tình hình hướng dẫn áp dụng pháp luật: {}",
        text_or_blank(&h.huong_dan_ap_dung)
    )));
    b.push(p(format!(
        "Tình hình áp dụng pháp luật của cơ quan nhà nước và người có thẩm quyền: {}",
        text_or_blank(&h.ap_dung_phap_luat)
    )));
    // V. Điểm d.
    let v = &r.xu_ly_vi_pham;
    b.push(heading("V", ThplSection::XuLyViPham));
    b.push(p(text_or_blank(&v.tinh_hinh_xu_ly)));
    b.push(p(format!(
        "Mức độ tuân thủ pháp luật của cơ quan, tổ chức, cá nhân: {}",
        text_or_blank(&v.muc_do_tuan_thu)
    )));
    // VI. Điều 10a.
    b.push(heading("VI", ThplSection::TacDong));
    b.push(p(text_or_blank(&r.tac_dong)));
    // VII. Inspections.
    let k = &r.kiem_tra;
    b.push(heading("VII", ThplSection::KiemTra));
    b.push(p(format!(
        "Số cuộc kiểm tra: {}; đã kết thúc: {}.",
        count(k.so_cuoc_kiem_tra),
        count(k.so_cuoc_da_ket_thuc)
    )));
    for n in &k.phat_hien_theo_loai {
        b.push(Block::Item(format!("{}: {}", n.ten, count(n.so_luong))));
    }
    if !k.nhan_xet.trim().is_empty() {
        b.push(p(k.nhan_xet.trim().to_string()));
    }
    let f = &r.theo_doi_kien_nghi;
    b.push(p(format!(
        "Kiến nghị đã đưa ra: {}; đã thực hiện: {}; thực hiện một phần: {}; không thực hiện: {}; chưa xong: {}; quá hạn: {}.",
        count(f.so_kien_nghi),
        count(f.da_thuc_hien),
        count(f.thuc_hien_mot_phan),
        count(f.khong_thuc_hien),
        count(f.chua_xong),
        count(f.qua_han)
    )));
    // VIII. Recommendations.
    b.push(heading("VIII", ThplSection::KienNghi));
    if !r.kien_nghi_sua_doi.is_empty() {
        b.push(p(
            "Kiến nghị sửa đổi, bổ sung, ban hành mới văn bản quy phạm pháp luật và tình hình xử lý:".into(),
        ));
        b.push(amendment_table(&r.kien_nghi_sua_doi));
    }
    b.push(p(text_or_blank(&r.kien_nghi_de_xuat)));
    let (chu_quan, ban_hanh, so) = header_parts(r);
    let s = &r.nguoi_ky;
    OfficialDocument {
        co_quan_chu_quan: chu_quan,
        co_quan_ban_hanh: ban_hanh,
        so_ky_hieu: so,
        dia_danh_ngay: place_date_line(place, Some(date), r.year()),
        ten_loai: "BÁO CÁO".into(),
        trich_yeu: format!(
            "Công tác theo dõi tình hình thi hành pháp luật năm {}",
            r.year()
        ),
        can_cu: Vec::new(),
        noi_dung: b,
        chu_ky: SignatureBlock::new(&s.tham_quyen, "", &s.chuc_vu, &s.ho_ten),
        noi_nhan: recipient_lines(&r.noi_nhan),
    }
}

/// The report on handling law-amendment recommendations (TT 04/2021 Điều 8
/// khoản 2) from the report's proposals: each proposal, to whom, its state.
pub fn amendment_report_document(r: &ThplReport, place: &str, date: NaiveDate) -> OfficialDocument {
    let mut b = vec![
        Block::Paragraph(rules::ANNEX_II_NOT_FOUND_VI.to_string()),
        Block::Paragraph(format!(
            "Thời gian chốt số liệu: từ ngày {} đến ngày {}.",
            format_date(r.ky_bao_cao.tu_ngay),
            format_date(r.ky_bao_cao.den_ngay)
        )),
    ];
    if r.kien_nghi_sua_doi.is_empty() {
        b.push(Block::Paragraph(
            "Trong kỳ báo cáo không có kiến nghị sửa đổi, bổ sung, ban hành mới văn bản quy phạm pháp luật.".into(),
        ));
    } else {
        let mut by_state: Vec<(&str, usize)> = Vec::new();
        for a in &r.kien_nghi_sua_doi {
            let name = a.tinh_trang.name_vi();
            match by_state.iter_mut().find(|(n, _)| *n == name) {
                Some((_, c)) => *c += 1,
                None => by_state.push((name, 1)),
            }
        }
        let summary = by_state
            .iter()
            .map(|(n, c)| format!("{n}: {c}"))
            .collect::<Vec<_>>()
            .join("; ");
        b.push(Block::Paragraph(format!(
            "Tổng số kiến nghị: {} ({summary}).",
            r.kien_nghi_sua_doi.len()
        )));
        b.push(amendment_table(&r.kien_nghi_sua_doi));
    }
    let (chu_quan, ban_hanh, so) = header_parts(r);
    let s = &r.nguoi_ky;
    OfficialDocument {
        co_quan_chu_quan: chu_quan,
        co_quan_ban_hanh: ban_hanh,
        so_ky_hieu: so,
        dia_danh_ngay: place_date_line(place, Some(date), r.year()),
        ten_loai: "BÁO CÁO".into(),
        trich_yeu: format!(
            "Tình hình xử lý kiến nghị sửa đổi, bổ sung, ban hành mới văn bản quy phạm pháp luật năm {}",
            r.year()
        ),
        can_cu: Vec::new(),
        noi_dung: b,
        chu_ky: SignatureBlock::new(&s.tham_quyen, "", &s.chuc_vu, &s.ho_ten),
        noi_nhan: recipient_lines(&r.noi_nhan),
    }
}

/// One thing the inspected unit prepares, with where it comes from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PrepItem {
    /// What to prepare (Vietnamese).
    pub noi_dung: &'static str,
    /// Its source; a non-binding source says so.
    pub nguon: &'static str,
}

/// What the inspected unit prepares before an inspection and by when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct UnitPreparation {
    /// Last day to send its report; `None` while the inspection has no date.
    pub han_gui_bao_cao: Option<NaiveDate>,
    /// Working days before the first day of the inspection (the plan's).
    pub so_ngay_lam_viec_truoc: u32,
    /// To whom it sends it (the plan's lead unit; empty = the team).
    pub gui_den: String,
    /// What to prepare, in order.
    pub viec_can_chuan_bi: Vec<PrepItem>,
    /// What the reference does not have, to show.
    pub ghi_chu: &'static str,
}

const C4: &str =
    "Nguồn tham khảo: kế hoạch kiểm tra của Hà Nội (QĐ 4843/QĐ-UBND), không có giá trị pháp lý";
const D12K4: &str = "Khoản 4 Điều 12 Nghị định số 59/2012/NĐ-CP";
const B3: &str = "Nguồn tham khảo: một đề cương báo cáo thực tế về công tác thi hành pháp luật về XLVPHC, không có giá trị pháp lý";

const MONITORING_ITEMS: [PrepItem; 6] = [
    PrepItem { noi_dung: "Việc ban hành các văn bản hướng dẫn, chỉ đạo công tác theo dõi tình hình thi hành pháp luật", nguon: D12K4 },
    PrepItem { noi_dung: "Việc bảo đảm các điều kiện về biên chế, kinh phí cho công tác theo dõi tình hình thi hành pháp luật", nguon: D12K4 },
    PrepItem { noi_dung: "Việc tập huấn, bồi dưỡng nghiệp vụ theo dõi tình hình thi hành pháp luật", nguon: D12K4 },
    PrepItem { noi_dung: "Việc ban hành và tổ chức triển khai thực hiện các kế hoạch theo dõi tình hình thi hành pháp luật", nguon: D12K4 },
    PrepItem { noi_dung: "Công tác phối hợp trong theo dõi tình hình thi hành pháp luật", nguon: D12K4 },
    PrepItem { noi_dung: "Việc xử lý kết quả theo dõi tình hình thi hành pháp luật", nguon: D12K4 },
];

const XLVPHC_ITEMS: [PrepItem; 4] = [
    PrepItem { noi_dung: "Công tác chỉ đạo triển khai thi hành Luật Xử lý vi phạm hành chính và các văn bản quy định chi tiết (tên, hình thức văn bản)", nguon: B3 },
    PrepItem { noi_dung: "Công tác tuyên truyền, phổ biến, bồi dưỡng, tập huấn, hướng dẫn về kỹ năng, nghiệp vụ", nguon: B3 },
    PrepItem { noi_dung: "Công tác kiểm tra, thanh tra việc thi hành pháp luật về xử lý vi phạm hành chính (kế hoạch, số cuộc, kết quả)", nguon: B3 },
    PrepItem { noi_dung: "Xây dựng, kiện toàn tổ chức bộ máy, biên chế, chuẩn bị các điều kiện cơ sở vật chất", nguon: B3 },
];

const COMMON_ITEMS: [PrepItem; 2] = [
    PrepItem { noi_dung: "Báo cáo của đơn vị theo đề cương báo cáo và phụ lục do Đoàn kiểm tra yêu cầu", nguon: C4 },
    PrepItem { noi_dung: "Hồ sơ, tài liệu cung cấp đầy đủ, trung thực; phân công lãnh đạo làm việc với Đoàn kiểm tra", nguon: C4 },
];

/// The note shown with the list.
pub const PREP_NOTE_VI: &str = "Đề cương báo cáo do Đoàn kiểm tra gửi kèm thông báo; ứng dụng không có mẫu đề cương chính thức. Các nội dung dưới đây là gợi ý theo nguồn ghi bên cạnh.";

/// What the inspected unit of `inspection` prepares and by when: its report
/// is due the plan's number of working days before the first day of the
/// inspection, holidays excluded ([`unit_report_due`]).
pub fn unit_preparation(
    plan: &Plan,
    inspection: &Inspection,
    holidays: &Holidays,
) -> UnitPreparation {
    let mut items: Vec<PrepItem> = COMMON_ITEMS.to_vec();
    match plan.kind {
        PlanKind::TheoDoiThpl => items.extend(MONITORING_ITEMS),
        PlanKind::Xlvphc => items.extend(XLVPHC_ITEMS),
        PlanKind::Khac => {}
    }
    UnitPreparation {
        han_gui_bao_cao: unit_report_due(plan, inspection, holidays),
        so_ngay_lam_viec_truoc: plan.unit_report_days_before,
        gui_den: plan.organisation.lead_unit.trim().to_string(),
        viec_can_chuan_bi: items,
        ghi_chu: PREP_NOTE_VI,
    }
}
