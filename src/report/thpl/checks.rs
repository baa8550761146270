//! Checks on a [`ThplReport`] before export: what is not yet filled in,
//! section by section ([`completeness`]), a few figures that cannot all be
//! right ([`consistency`]), and whether it was sent on time against its own
//! due date ([`timeliness`]). Field codes are the JSON paths of the content
//! so the page can translate them and point at the input. Nothing blocks
//! export: the agency decides.

use chrono::NaiveDate;
use serde::Serialize;

use super::ThplReport;
use crate::report::period::{self, Timeliness};

/// The sections of the report, in print order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ThplSection {
    /// Header: agency, signer.
    ThongTinChung,
    /// Monitoring plans.
    KeHoach,
    /// Điều 11 khoản 1 điểm a.
    VanBanQuyDinhChiTiet,
    /// Điều 11 khoản 1 điểm b.
    DieuKienBaoDam,
    /// Điều 11 khoản 1 điểm c.
    HuongDanApDung,
    /// Điều 11 khoản 1 điểm d.
    XuLyViPham,
    /// Điều 10a.
    TacDong,
    /// Inspections and their findings.
    KiemTra,
    /// Recommendations, amendment proposals.
    KienNghi,
}

impl ThplSection {
    /// Every section, in print order.
    pub const ALL: [ThplSection; 9] = [
        ThplSection::ThongTinChung,
        ThplSection::KeHoach,
        ThplSection::VanBanQuyDinhChiTiet,
        ThplSection::DieuKienBaoDam,
        ThplSection::HuongDanApDung,
        ThplSection::XuLyViPham,
        ThplSection::TacDong,
        ThplSection::KiemTra,
        ThplSection::KienNghi,
    ];

    /// Heading as printed (Vietnamese).
    pub fn heading_vi(self) -> &'static str {
        match self {
            ThplSection::ThongTinChung => "Thông tin chung",
            ThplSection::KeHoach => "Ban hành và thực hiện kế hoạch theo dõi tình hình thi hành pháp luật",
            ThplSection::VanBanQuyDinhChiTiet => {
                "Tình hình ban hành văn bản quy định chi tiết thi hành văn bản quy phạm pháp luật"
            }
            ThplSection::DieuKienBaoDam => "Tình hình bảo đảm các điều kiện cho thi hành pháp luật",
            ThplSection::HuongDanApDung => {
                "Tình hình hướng dẫn áp dụng pháp luật, tình hình áp dụng pháp luật của cơ quan nhà nước và người có thẩm quyền"
            }
            ThplSection::XuLyViPham => "Tình hình xử lý vi phạm pháp luật",
            ThplSection::TacDong => {
                "Tác động tích cực, tác động tiêu cực của việc thi hành pháp luật đối với đời sống kinh tế, xã hội"
            }
            ThplSection::KiemTra => "Kết quả kiểm tra tình hình thi hành pháp luật",
            ThplSection::KienNghi => "Kiến nghị, đề xuất",
        }
    }

    /// The provision the section follows.
    pub fn basis_vi(self) -> &'static str {
        match self {
            ThplSection::ThongTinChung => "Nghị định số 30/2020/NĐ-CP",
            ThplSection::KeHoach => {
                "Điều 11a Nghị định số 59/2012/NĐ-CP; Điều 3 Thông tư số 04/2021/TT-BTP"
            }
            ThplSection::VanBanQuyDinhChiTiet => {
                "Điểm a khoản 1 Điều 11; Điều 8 Nghị định số 59/2012/NĐ-CP"
            }
            ThplSection::DieuKienBaoDam => {
                "Điểm b khoản 1 Điều 11; Điều 9 Nghị định số 59/2012/NĐ-CP"
            }
            ThplSection::HuongDanApDung => {
                "Điểm c khoản 1 Điều 11; khoản 1, khoản 2 Điều 10 Nghị định số 59/2012/NĐ-CP"
            }
            ThplSection::XuLyViPham => {
                "Điểm d khoản 1 Điều 11; khoản 3 Điều 10 Nghị định số 59/2012/NĐ-CP"
            }
            ThplSection::TacDong => {
                "Điều 10a Nghị định số 59/2012/NĐ-CP (bổ sung bởi Nghị định số 32/2020/NĐ-CP)"
            }
            ThplSection::KiemTra => "Điểm b khoản 3 Điều 6 Thông tư số 04/2021/TT-BTP",
            ThplSection::KienNghi => "Khoản 2 Điều 8 Thông tư số 04/2021/TT-BTP",
        }
    }

    /// Stable ASCII code (same as the serde form).
    pub fn code(self) -> &'static str {
        match self {
            ThplSection::ThongTinChung => "thong_tin_chung",
            ThplSection::KeHoach => "ke_hoach",
            ThplSection::VanBanQuyDinhChiTiet => "van_ban_quy_dinh_chi_tiet",
            ThplSection::DieuKienBaoDam => "dieu_kien_bao_dam",
            ThplSection::HuongDanApDung => "huong_dan_ap_dung",
            ThplSection::XuLyViPham => "xu_ly_vi_pham",
            ThplSection::TacDong => "tac_dong",
            ThplSection::KiemTra => "kiem_tra",
            ThplSection::KienNghi => "kien_nghi",
        }
    }
}

/// One field not yet filled in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub struct ThplMissing {
    /// Its section.
    pub section: ThplSection,
    /// JSON path of the field, e.g. `van_ban_quy_dinh_chi_tiet.so_van_ban`.
    pub field: &'static str,
}

struct Acc(Vec<ThplMissing>);

impl Acc {
    fn text(&mut self, section: ThplSection, field: &'static str, v: &str) {
        if v.trim().is_empty() {
            self.0.push(ThplMissing { section, field });
        }
    }
    fn count(&mut self, section: ThplSection, field: &'static str, v: Option<u64>) {
        if v.is_none() {
            self.0.push(ThplMissing { section, field });
        }
    }
}

/// Every field not yet filled in, in print order. A count left empty is
/// missing, a 0 is not; a text of spaces is missing. The list of detailing
/// documents must name as many as `so_van_ban` says (the decree asks for
/// their names), and every late one its reason.
pub fn completeness(r: &ThplReport) -> Vec<ThplMissing> {
    use ThplSection as S;
    let mut m = Acc(Vec::new());
    m.text(
        S::ThongTinChung,
        "don_vi_bao_cao.ten",
        &r.don_vi_bao_cao.ten,
    );
    m.text(S::ThongTinChung, "nguoi_ky.ho_ten", &r.nguoi_ky.ho_ten);
    m.text(S::KeHoach, "ke_hoach.nhan_xet", &r.ke_hoach.nhan_xet);
    let a = &r.van_ban_quy_dinh_chi_tiet;
    m.count(
        S::VanBanQuyDinhChiTiet,
        "van_ban_quy_dinh_chi_tiet.so_van_ban",
        a.so_van_ban,
    );
    if a.so_van_ban.is_some_and(|n| n > a.danh_sach.len() as u64)
        || a.danh_sach
            .iter()
            .any(|d| d.ten.trim().is_empty() || d.hinh_thuc.trim().is_empty())
    {
        m.0.push(ThplMissing {
            section: S::VanBanQuyDinhChiTiet,
            field: "van_ban_quy_dinh_chi_tiet.danh_sach",
        });
    }
    m.count(
        S::VanBanQuyDinhChiTiet,
        "van_ban_quy_dinh_chi_tiet.so_cham_tien_do",
        a.so_cham_tien_do,
    );
    if a.danh_sach
        .iter()
        .any(|d| d.cham_tien_do && d.ly_do_cham.trim().is_empty())
    {
        m.0.push(ThplMissing {
            section: S::VanBanQuyDinhChiTiet,
            field: "van_ban_quy_dinh_chi_tiet.danh_sach.ly_do_cham",
        });
    }
    m.count(
        S::VanBanQuyDinhChiTiet,
        "van_ban_quy_dinh_chi_tiet.so_khong_thong_nhat_dong_bo",
        a.so_khong_thong_nhat_dong_bo,
    );
    m.count(
        S::VanBanQuyDinhChiTiet,
        "van_ban_quy_dinh_chi_tiet.so_kha_thi_khong_cao",
        a.so_kha_thi_khong_cao,
    );
    m.text(
        S::VanBanQuyDinhChiTiet,
        "van_ban_quy_dinh_chi_tiet.danh_gia_kip_thoi_day_du",
        &a.danh_gia_kip_thoi_day_du,
    );
    m.text(
        S::VanBanQuyDinhChiTiet,
        "van_ban_quy_dinh_chi_tiet.danh_gia_thong_nhat_dong_bo",
        &a.danh_gia_thong_nhat_dong_bo,
    );
    m.text(
        S::VanBanQuyDinhChiTiet,
        "van_ban_quy_dinh_chi_tiet.danh_gia_kha_thi",
        &a.danh_gia_kha_thi,
    );
    let b = &r.dieu_kien_bao_dam;
    m.text(
        S::DieuKienBaoDam,
        "dieu_kien_bao_dam.tap_huan_pho_bien",
        &b.tap_huan_pho_bien,
    );
    m.text(
        S::DieuKienBaoDam,
        "dieu_kien_bao_dam.to_chuc_bo_may_nhan_luc",
        &b.to_chuc_bo_may_nhan_luc,
    );
    m.text(
        S::DieuKienBaoDam,
        "dieu_kien_bao_dam.kinh_phi_co_so_vat_chat",
        &b.kinh_phi_co_so_vat_chat,
    );
    let c = &r.huong_dan_ap_dung;
    m.text(
        S::HuongDanApDung,
        "huong_dan_ap_dung.huong_dan_ap_dung",
        &c.huong_dan_ap_dung,
    );
    m.text(
        S::HuongDanApDung,
        "huong_dan_ap_dung.ap_dung_phap_luat",
        &c.ap_dung_phap_luat,
    );
    let d = &r.xu_ly_vi_pham;
    m.text(
        S::XuLyViPham,
        "xu_ly_vi_pham.tinh_hinh_xu_ly",
        &d.tinh_hinh_xu_ly,
    );
    m.text(
        S::XuLyViPham,
        "xu_ly_vi_pham.muc_do_tuan_thu",
        &d.muc_do_tuan_thu,
    );
    m.text(S::TacDong, "tac_dong", &r.tac_dong);
    let k = &r.kiem_tra;
    m.count(S::KiemTra, "kiem_tra.so_cuoc_kiem_tra", k.so_cuoc_kiem_tra);
    if k.so_cuoc_kiem_tra.is_some_and(|n| n > 0) {
        m.text(S::KiemTra, "kiem_tra.nhan_xet", &k.nhan_xet);
    }
    m.count(
        S::KienNghi,
        "theo_doi_kien_nghi.so_kien_nghi",
        r.theo_doi_kien_nghi.so_kien_nghi,
    );
    if r.kien_nghi_sua_doi.iter().any(|k| {
        k.van_ban.trim().is_empty()
            || k.de_xuat.trim().is_empty()
            || k.co_quan_nhan.trim().is_empty()
    }) {
        m.0.push(ThplMissing {
            section: S::KienNghi,
            field: "kien_nghi_sua_doi",
        });
    }
    m.text(S::KienNghi, "kien_nghi_de_xuat", &r.kien_nghi_de_xuat);
    m.0
}

/// How complete one section is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SectionStatus {
    /// The section.
    pub section: ThplSection,
    /// Its fields still missing.
    pub missing: Vec<&'static str>,
}

/// The completeness list grouped by section, every section listed (an
/// empty `missing` = complete), in print order.
pub fn completeness_by_section(r: &ThplReport) -> Vec<SectionStatus> {
    let all = completeness(r);
    ThplSection::ALL
        .iter()
        .map(|&section| SectionStatus {
            section,
            missing: all
                .iter()
                .filter(|m| m.section == section)
                .map(|m| m.field)
                .collect(),
        })
        .collect()
}

/// A figure that contradicts another.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ThplIssue {
    /// More late, inconsistent or low-feasibility documents than documents.
    PhanVuotTongSoVanBan {
        /// The offending field.
        field: &'static str,
    },
    /// More documents named late than the late count.
    DanhSachChamVuotSoCham,
    /// More finalized inspections than inspections.
    KetThucVuotSoCuoc,
    /// Follow-up counts above the recommendations made.
    TheoDoiVuotSoKienNghi,
    /// The due date is before the data cutoff.
    HanNopTruocNgayChot,
}

/// The contradictions of `r`, each only when both figures were entered.
pub fn consistency(r: &ThplReport) -> Vec<ThplIssue> {
    let mut out = Vec::new();
    let a = &r.van_ban_quy_dinh_chi_tiet;
    if let Some(total) = a.so_van_ban {
        for (field, v) in [
            (
                "van_ban_quy_dinh_chi_tiet.so_cham_tien_do",
                a.so_cham_tien_do,
            ),
            (
                "van_ban_quy_dinh_chi_tiet.so_khong_thong_nhat_dong_bo",
                a.so_khong_thong_nhat_dong_bo,
            ),
            (
                "van_ban_quy_dinh_chi_tiet.so_kha_thi_khong_cao",
                a.so_kha_thi_khong_cao,
            ),
        ] {
            if v.is_some_and(|v| v > total) {
                out.push(ThplIssue::PhanVuotTongSoVanBan { field });
            }
        }
    }
    let named_late = a.danh_sach.iter().filter(|d| d.cham_tien_do).count() as u64;
    if a.so_cham_tien_do.is_some_and(|n| named_late > n) {
        out.push(ThplIssue::DanhSachChamVuotSoCham);
    }
    if let (Some(all), Some(done)) = (r.kiem_tra.so_cuoc_kiem_tra, r.kiem_tra.so_cuoc_da_ket_thuc) {
        if done > all {
            out.push(ThplIssue::KetThucVuotSoCuoc);
        }
    }
    let f = &r.theo_doi_kien_nghi;
    if let Some(made) = f.so_kien_nghi {
        let closed = [f.da_thuc_hien, f.khong_thuc_hien]
            .iter()
            .map(|v| v.unwrap_or(0))
            .fold(0u64, u64::saturating_add);
        let parts = [
            f.chua_xong,
            f.qua_han,
            f.thuc_hien_mot_phan,
            f.da_thuc_hien,
            f.khong_thuc_hien,
        ];
        if closed > made || parts.iter().any(|v| v.is_some_and(|v| v > made)) {
            out.push(ThplIssue::TheoDoiVuotSoKienNghi);
        }
    }
    if r.han_nop.han_nop < r.ky_bao_cao.den_ngay {
        out.push(ThplIssue::HanNopTruocNgayChot);
    }
    out
}

/// On time or late against the report's own due date: `sent` is the date
/// sent, or today while unsent (calendar days, as for the XLVPHC report).
pub fn timeliness(r: &ThplReport, sent_or_today: NaiveDate) -> Timeliness {
    period::timeliness(r.han_nop.han_nop, sent_or_today)
}
