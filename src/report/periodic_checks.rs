//! Checks on a [`PeriodicReport`] before export: consistency between figures
//! ([`consistency`]) and fields not yet entered ([`completeness`]).
//!
//! Field codes are the JSON paths of the report content, dot-separated
//! (e.g. `xu_phat.so_vu_phat_hien`), so the UI can translate them and
//! highlight the inputs. Neither check blocks export: the unit decides.

use serde::Serialize;

use super::periodic::{CountsWithText, EstablishmentEnforcement, MeasureCounts, PeriodicReport};

/// How serious a consistency issue is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// The figures cannot both be right.
    Loi,
    /// Unusual but possible (e.g. one case with several violators); check.
    CanhBao,
}

/// Which rule an issue breaks. Serialises as a snake_case code for i18n.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ConsistencyRule {
    /// Cases sanctioned > cases detected.
    XuPhatVuotPhatHien,
    /// Individuals + organisations sanctioned > cases sanctioned (warning:
    /// one case may involve several violators; the split is UNVERIFIED).
    DoiTuongVuotSoVuXuPhat,
    /// Decisions fully executed > total decisions.
    ThiHanhXongVuotTongQd,
    /// Decisions needing coercive enforcement > total decisions.
    CuongCheVuotTongQd,
    /// Decisions with fines postponed, reduced or exempted > total decisions.
    HoanGiamMienVuotTongQd,
    /// Decisions complained about or sued > total decisions.
    KhieuNaiVuotTongQd,
    /// Cases sanctioned but no decision counted (warning).
    XuPhatKhongCoQuyetDinh,
    /// Money collected but no decision counted (warning: may be fines of an
    /// earlier period).
    TienThuKhongCoQuyetDinh,
    /// Period start after its end.
    KyBaoCaoDaoNguoc,
    /// A fixed-window period whose dates differ from the standard window.
    KyBaoCaoKhongChuan,
    /// The regime does not list this kind of period.
    CheDoKhongCoLoaiKy,
    /// Due date before the data cutoff.
    HanNopTruocNgayChot,
}

/// One consistency issue with the fields involved.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct ConsistencyIssue {
    /// The rule broken.
    pub rule: ConsistencyRule,
    /// Error or warning.
    pub severity: Severity,
    /// Field codes involved, the larger / offending value first.
    pub fields: Vec<&'static str>,
    /// The values of `fields` in the same order, when they are counts.
    pub values: Vec<u64>,
}

fn exceeds(
    out: &mut Vec<ConsistencyIssue>,
    rule: ConsistencyRule,
    severity: Severity,
    part: (&'static str, Option<u64>),
    total: (&'static str, Option<u64>),
) {
    if let (Some(p), Some(t)) = (part.1, total.1) {
        if p > t {
            out.push(ConsistencyIssue {
                rule,
                severity,
                fields: vec![part.0, total.0],
                values: vec![p, t],
            });
        }
    }
}

/// All consistency issues of `report`, in a fixed order. Rules are only
/// applied when every figure they compare was entered.
pub fn consistency(report: &PeriodicReport) -> Vec<ConsistencyIssue> {
    use ConsistencyRule as R;
    use Severity::{CanhBao, Loi};
    let x = &report.xu_phat;
    let mut out = Vec::new();
    let tong_qd = ("xu_phat.tong_so_quyet_dinh", x.tong_so_quyet_dinh);
    exceeds(
        &mut out,
        R::XuPhatVuotPhatHien,
        Loi,
        ("xu_phat.so_vu_bi_xu_phat", x.so_vu_bi_xu_phat),
        ("xu_phat.so_vu_phat_hien", x.so_vu_phat_hien),
    );
    let persons = &x.doi_tuong_bi_xu_phat;
    if let (Some(ca_nhan), Some(to_chuc), Some(vu)) =
        (persons.ca_nhan, persons.to_chuc, x.so_vu_bi_xu_phat)
    {
        let sum = ca_nhan.saturating_add(to_chuc);
        if sum > vu {
            out.push(ConsistencyIssue {
                rule: R::DoiTuongVuotSoVuXuPhat,
                severity: CanhBao,
                fields: vec![
                    "xu_phat.doi_tuong_bi_xu_phat.ca_nhan",
                    "xu_phat.doi_tuong_bi_xu_phat.to_chuc",
                    "xu_phat.so_vu_bi_xu_phat",
                ],
                values: vec![ca_nhan, to_chuc, vu],
            });
        }
    }
    let parts = [
        (
            R::ThiHanhXongVuotTongQd,
            "xu_phat.so_qd_da_thi_hanh_xong",
            x.so_qd_da_thi_hanh_xong,
        ),
        (
            R::CuongCheVuotTongQd,
            "xu_phat.so_qd_phai_cuong_che",
            x.so_qd_phai_cuong_che,
        ),
        (
            R::HoanGiamMienVuotTongQd,
            "xu_phat.so_qd_hoan_giam_mien_phat_tien",
            x.so_qd_hoan_giam_mien_phat_tien,
        ),
        (
            R::KhieuNaiVuotTongQd,
            "xu_phat.so_qd_bi_khieu_nai_khoi_kien",
            x.so_qd_bi_khieu_nai_khoi_kien,
        ),
    ];
    for (rule, code, value) in parts {
        exceeds(&mut out, rule, Loi, (code, value), tong_qd);
    }
    if let (Some(vu), Some(0)) = (x.so_vu_bi_xu_phat, x.tong_so_quyet_dinh) {
        if vu > 0 {
            out.push(ConsistencyIssue {
                rule: R::XuPhatKhongCoQuyetDinh,
                severity: CanhBao,
                fields: vec!["xu_phat.so_vu_bi_xu_phat", tong_qd.0],
                values: vec![vu, 0],
            });
        }
    }
    if let (Some(tien), Some(0)) = (x.tong_tien_thu_vnd, x.tong_so_quyet_dinh) {
        if tien > 0 {
            out.push(ConsistencyIssue {
                rule: R::TienThuKhongCoQuyetDinh,
                severity: CanhBao,
                fields: vec!["xu_phat.tong_tien_thu_vnd", tong_qd.0],
                values: vec![tien, 0],
            });
        }
    }
    period_issues(report, &mut out);
    out
}

fn period_issues(report: &PeriodicReport, out: &mut Vec<ConsistencyIssue>) {
    let p = &report.ky_bao_cao;
    let issue = |rule, severity, fields| ConsistencyIssue {
        rule,
        severity,
        fields,
        values: Vec::new(),
    };
    if p.tu_ngay > p.den_ngay {
        out.push(issue(
            ConsistencyRule::KyBaoCaoDaoNguoc,
            Severity::Loi,
            vec!["ky_bao_cao.tu_ngay", "ky_bao_cao.den_ngay"],
        ));
    } else if !p.is_standard_window() {
        out.push(issue(
            ConsistencyRule::KyBaoCaoKhongChuan,
            Severity::CanhBao,
            vec!["ky_bao_cao.tu_ngay", "ky_bao_cao.den_ngay"],
        ));
    }
    if !report.che_do_bao_cao.supports(p.loai) {
        out.push(issue(
            ConsistencyRule::CheDoKhongCoLoaiKy,
            Severity::CanhBao,
            vec!["che_do_bao_cao", "ky_bao_cao.loai"],
        ));
    }
    if report.han_nop.han_nop < p.den_ngay {
        out.push(issue(
            ConsistencyRule::HanNopTruocNgayChot,
            Severity::CanhBao,
            vec!["han_nop.han_nop", "ky_bao_cao.den_ngay"],
        ));
    }
}

/// Kind of input a missing field needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FieldKind {
    /// A count.
    SoLuong,
    /// An amount of money in đồng.
    SoTien,
    /// Free text.
    VanBan,
    /// A list that needs at least one entry.
    DanhSach,
}

/// A required field not entered yet.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct MissingField {
    /// Field code (JSON path; list entries use the list's code plus the
    /// entry's sub-field, with the entry position in `index`).
    pub code: &'static str,
    /// Position in the list for list entries, from 0.
    pub index: Option<usize>,
    /// Kind of input expected.
    pub kind: FieldKind,
}

struct Missing(Vec<MissingField>);

impl Missing {
    fn count(&mut self, code: &'static str, v: Option<u64>) {
        self.at(code, None, v.is_none(), FieldKind::SoLuong);
    }
    fn text(&mut self, code: &'static str, v: &str) {
        self.at(code, None, v.trim().is_empty(), FieldKind::VanBan);
    }
    fn at(&mut self, code: &'static str, index: Option<usize>, missing: bool, kind: FieldKind) {
        if missing {
            self.0.push(MissingField { code, index, kind });
        }
    }
    fn counted(&mut self, codes: [&'static str; 3], v: &CountsWithText) {
        self.text(codes[0], &v.mo_ta);
        for (i, c) in v.chi_tiet.iter().enumerate() {
            self.at(
                codes[1],
                Some(i),
                c.ten.trim().is_empty(),
                FieldKind::VanBan,
            );
            self.at(codes[2], Some(i), c.so_luong.is_none(), FieldKind::SoLuong);
        }
    }
    fn measure(&mut self, codes: [&'static str; 2], v: &MeasureCounts) {
        self.count(codes[0], v.so_nguoi_bi_lap_ho_so);
        self.count(codes[1], v.so_nguoi_bi_ap_dung);
    }
    fn establishment(&mut self, codes: [&'static str; 5], v: &EstablishmentEnforcement) {
        self.text(codes[0], &v.nhan_xet_thi_hanh);
        self.count(codes[1], v.so_qd_hoan_mien);
        self.count(codes[2], v.so_nguoi_dang_chap_hanh);
        self.count(codes[3], v.so_nguoi_giam_thoi_han);
        self.count(codes[4], v.so_nguoi_tam_dinh_chi_mien_con_lai);
    }
}

/// Every required field of `report` not entered yet, in form order. Counts
/// are missing when `None`; texts when empty or only whitespace. The list of
/// common violations may be empty only when zero cases were detected.
pub fn completeness(report: &PeriodicReport) -> Vec<MissingField> {
    let mut m = Missing(Vec::new());
    m.text("don_vi_bao_cao.ten", &report.don_vi_bao_cao.ten);
    let x = &report.xu_phat;
    m.text("xu_phat.nhan_xet", &x.nhan_xet);
    m.count("xu_phat.so_vu_phat_hien", x.so_vu_phat_hien);
    m.count("xu_phat.so_vu_bi_xu_phat", x.so_vu_bi_xu_phat);
    m.count(
        "xu_phat.doi_tuong_bi_xu_phat.ca_nhan",
        x.doi_tuong_bi_xu_phat.ca_nhan,
    );
    m.count(
        "xu_phat.doi_tuong_bi_xu_phat.to_chuc",
        x.doi_tuong_bi_xu_phat.to_chuc,
    );
    m.counted(
        [
            "xu_phat.hinh_thuc_xu_phat_khac_phuc.mo_ta",
            "xu_phat.hinh_thuc_xu_phat_khac_phuc.chi_tiet.ten",
            "xu_phat.hinh_thuc_xu_phat_khac_phuc.chi_tiet.so_luong",
        ],
        &x.hinh_thuc_xu_phat_khac_phuc,
    );
    m.counted(
        [
            "xu_phat.bien_phap_ngan_chan_bao_dam.mo_ta",
            "xu_phat.bien_phap_ngan_chan_bao_dam.chi_tiet.ten",
            "xu_phat.bien_phap_ngan_chan_bao_dam.chi_tiet.so_luong",
        ],
        &x.bien_phap_ngan_chan_bao_dam,
    );
    let none_detected = x.so_vu_phat_hien == Some(0);
    m.at(
        "xu_phat.hanh_vi_pho_bien",
        None,
        x.hanh_vi_pho_bien.is_empty() && !none_detected,
        FieldKind::DanhSach,
    );
    for (i, v) in x.hanh_vi_pho_bien.iter().enumerate() {
        m.at(
            "xu_phat.hanh_vi_pho_bien.mo_ta",
            Some(i),
            v.mo_ta.trim().is_empty(),
            FieldKind::VanBan,
        );
    }
    m.count("xu_phat.tong_so_quyet_dinh", x.tong_so_quyet_dinh);
    m.at(
        "xu_phat.tong_tien_thu_vnd",
        None,
        x.tong_tien_thu_vnd.is_none(),
        FieldKind::SoTien,
    );
    let counts = [
        ("xu_phat.so_gp_cchn_bi_tuoc", x.so_gp_cchn_bi_tuoc),
        (
            "xu_phat.so_vu_dinh_chi_hoat_dong",
            x.so_vu_dinh_chi_hoat_dong,
        ),
        ("xu_phat.so_qd_da_thi_hanh_xong", x.so_qd_da_thi_hanh_xong),
        (
            "xu_phat.so_qd_hoan_giam_mien_phat_tien",
            x.so_qd_hoan_giam_mien_phat_tien,
        ),
        ("xu_phat.so_qd_phai_cuong_che", x.so_qd_phai_cuong_che),
        (
            "xu_phat.so_qd_bi_khieu_nai_khoi_kien",
            x.so_qd_bi_khieu_nai_khoi_kien,
        ),
        (
            "xu_phat.so_nguoi_chua_thanh_nien_nhac_nho",
            x.so_nguoi_chua_thanh_nien_nhac_nho,
        ),
        (
            "xu_phat.so_ho_so_chuyen_truy_cuu_hinh_su",
            x.so_ho_so_chuyen_truy_cuu_hinh_su,
        ),
        (
            "xu_phat.so_ho_so_to_tung_chuyen_den_xu_phat",
            x.so_ho_so_to_tung_chuyen_den_xu_phat,
        ),
    ];
    for (code, v) in counts {
        m.count(code, v);
    }
    m.text("xu_phat.kho_khan_vuong_mac", &x.kho_khan_vuong_mac);
    m.text("xu_phat.kien_nghi", &x.kien_nghi);
    handling_measures(report, &mut m);
    m.0
}

fn handling_measures(report: &PeriodicReport, m: &mut Missing) {
    let b = &report.bien_phap_xlhc;
    m.text("bien_phap_xlhc.nhan_xet_ap_dung", &b.nhan_xet_ap_dung);
    m.count(
        "bien_phap_xlhc.so_vu_bi_khieu_nai_khoi_kien",
        b.so_vu_bi_khieu_nai_khoi_kien,
    );
    m.text(
        "bien_phap_xlhc.nhan_xet_quyet_dinh_toa_an",
        &b.nhan_xet_quyet_dinh_toa_an,
    );
    m.measure(
        [
            "bien_phap_xlhc.giao_duc_tai_xa.so_nguoi_bi_lap_ho_so",
            "bien_phap_xlhc.giao_duc_tai_xa.so_nguoi_bi_ap_dung",
        ],
        &b.giao_duc_tai_xa,
    );
    m.measure(
        [
            "bien_phap_xlhc.truong_giao_duong.so_nguoi_bi_lap_ho_so",
            "bien_phap_xlhc.truong_giao_duong.so_nguoi_bi_ap_dung",
        ],
        &b.truong_giao_duong,
    );
    m.measure(
        [
            "bien_phap_xlhc.co_so_giao_duc_bat_buoc.so_nguoi_bi_lap_ho_so",
            "bien_phap_xlhc.co_so_giao_duc_bat_buoc.so_nguoi_bi_ap_dung",
        ],
        &b.co_so_giao_duc_bat_buoc,
    );
    m.measure(
        [
            "bien_phap_xlhc.co_so_cai_nghien_bat_buoc.so_nguoi_bi_lap_ho_so",
            "bien_phap_xlhc.co_so_cai_nghien_bat_buoc.so_nguoi_bi_ap_dung",
        ],
        &b.co_so_cai_nghien_bat_buoc,
    );
    m.count(
        "bien_phap_xlhc.so_nguoi_chua_thanh_nien_quan_ly_tai_gia_dinh",
        b.so_nguoi_chua_thanh_nien_quan_ly_tai_gia_dinh,
    );
    m.count(
        "bien_phap_xlhc.so_nguoi_chua_thanh_nien_giao_duc_cong_dong",
        b.so_nguoi_chua_thanh_nien_giao_duc_cong_dong,
    );
    m.text(
        "bien_phap_xlhc.nhan_xet_thi_hanh_giao_duc_tai_xa",
        &b.nhan_xet_thi_hanh_giao_duc_tai_xa,
    );
    m.count(
        "bien_phap_xlhc.so_qd_giao_duc_tai_xa_tam_dinh_chi",
        b.so_qd_giao_duc_tai_xa_tam_dinh_chi,
    );
    m.establishment(
        [
            "bien_phap_xlhc.thi_hanh_truong_giao_duong_co_so_gdbb.nhan_xet_thi_hanh",
            "bien_phap_xlhc.thi_hanh_truong_giao_duong_co_so_gdbb.so_qd_hoan_mien",
            "bien_phap_xlhc.thi_hanh_truong_giao_duong_co_so_gdbb.so_nguoi_dang_chap_hanh",
            "bien_phap_xlhc.thi_hanh_truong_giao_duong_co_so_gdbb.so_nguoi_giam_thoi_han",
            "bien_phap_xlhc.thi_hanh_truong_giao_duong_co_so_gdbb.so_nguoi_tam_dinh_chi_mien_con_lai",
        ],
        &b.thi_hanh_truong_giao_duong_co_so_gdbb,
    );
    m.establishment(
        [
            "bien_phap_xlhc.thi_hanh_cai_nghien_bat_buoc.nhan_xet_thi_hanh",
            "bien_phap_xlhc.thi_hanh_cai_nghien_bat_buoc.so_qd_hoan_mien",
            "bien_phap_xlhc.thi_hanh_cai_nghien_bat_buoc.so_nguoi_dang_chap_hanh",
            "bien_phap_xlhc.thi_hanh_cai_nghien_bat_buoc.so_nguoi_giam_thoi_han",
            "bien_phap_xlhc.thi_hanh_cai_nghien_bat_buoc.so_nguoi_tam_dinh_chi_mien_con_lai",
        ],
        &b.thi_hanh_cai_nghien_bat_buoc,
    );
    m.text("bien_phap_xlhc.kho_khan_vuong_mac", &b.kho_khan_vuong_mac);
    m.text("bien_phap_xlhc.kien_nghi", &b.kien_nghi);
}
