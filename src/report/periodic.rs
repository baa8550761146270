//! The periodic report (báo cáo định kỳ) on XLVPHC law enforcement: the
//! statistics of NĐ 118/2021/NĐ-CP Điều 35 khoản 2 (administrative sanctions,
//! reference B1) and khoản 3 (administrative handling measures, B2), with the
//! JSON names the reference suggests in B6.
//!
//! Counts are `Option<u64>`: `None` means "not entered", which the
//! completeness check reports, while `Some(0)` is a real zero. Money is
//! integer đồng. Checks live in [`super::periodic_checks`].

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::period::{DueDate, Regime, ReportPeriod, ReporterLevel};

/// The unit that sends a report (đơn vị báo cáo).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Serialize, Deserialize, JsonSchema)]
pub struct ReportingUnit {
    /// Cơ quan chủ quản (the body directly above, shown over the unit's name
    /// per NĐ 30/2020), e.g. "Thành phố Cần Thơ"; empty when none.
    pub co_quan_chu_quan: String,
    /// Tên cơ quan, đơn vị, e.g. "Ủy ban nhân dân quận Ninh Kiều".
    pub ten: String,
}

/// A count by type with a description, for items that the source lists as
/// "counts by type / text" without naming the types.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Serialize, Deserialize, JsonSchema)]
pub struct CountsWithText {
    /// Counts per user-named type (loại), in the order entered.
    pub chi_tiet: Vec<NamedCount>,
    /// Mô tả, nhận xét.
    pub mo_ta: String,
}

/// One user-named type and its count.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Serialize, Deserialize, JsonSchema)]
pub struct NamedCount {
    /// Số lượng; `None` = not entered.
    pub so_luong: Option<u64>,
    /// Tên loại (e.g. a sanction form), as entered.
    pub ten: String,
}

/// One common type of violation (loại hành vi vi phạm phổ biến).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Serialize, Deserialize, JsonSchema)]
pub struct CommonViolation {
    /// Lĩnh vực (field), free text, may be empty.
    pub linh_vuc: String,
    /// Description of the behaviour, as entered.
    pub mo_ta: String,
    /// Number of cases, if known.
    pub so_vu: Option<u64>,
}

/// Persons sanctioned (đối tượng bị xử phạt), split by kind.
///
/// UNVERIFIED: NĐ 118/2021 Điều 35 khoản 2 names "đối tượng bị xử phạt"; the
/// split into cá nhân / tổ chức is the usual form layout but was not
/// confirmed in the legal reference (B1).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Serialize, Deserialize, JsonSchema)]
pub struct SanctionedPersons {
    /// Cá nhân — individuals.
    pub ca_nhan: Option<u64>,
    /// Tổ chức — organisations.
    pub to_chuc: Option<u64>,
}

/// Statistics on administrative sanctions, NĐ 118/2021 Điều 35 khoản 2 (B1).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Serialize, Deserialize, JsonSchema)]
pub struct SanctionStats {
    /// Biện pháp ngăn chặn và bảo đảm xử phạt vi phạm hành chính.
    pub bien_phap_ngan_chan_bao_dam: CountsWithText,
    /// Đối tượng bị xử phạt; the cá nhân / tổ chức split is UNVERIFIED.
    pub doi_tuong_bi_xu_phat: SanctionedPersons,
    /// Các loại hành vi vi phạm phổ biến.
    pub hanh_vi_pho_bien: Vec<CommonViolation>,
    /// Việc áp dụng các hình thức xử phạt và biện pháp khắc phục hậu quả.
    pub hinh_thuc_xu_phat_khac_phuc: CountsWithText,
    /// Khó khăn, vướng mắc.
    pub kho_khan_vuong_mac: String,
    /// Kiến nghị, đề xuất.
    pub kien_nghi: String,
    /// Nhận xét, đánh giá chung về tình hình vi phạm hành chính và xử phạt.
    pub nhan_xet: String,
    /// Số giấy phép, chứng chỉ hành nghề bị tước quyền sử dụng có thời hạn.
    pub so_gp_cchn_bi_tuoc: Option<u64>,
    /// Hồ sơ có dấu hiệu tội phạm chuyển truy cứu trách nhiệm hình sự.
    pub so_ho_so_chuyen_truy_cuu_hinh_su: Option<u64>,
    /// Hồ sơ do cơ quan tiến hành tố tụng hình sự chuyển đến để xử phạt.
    pub so_ho_so_to_tung_chuyen_den_xu_phat: Option<u64>,
    /// Người chưa thành niên được áp dụng biện pháp thay thế nhắc nhở.
    pub so_nguoi_chua_thanh_nien_nhac_nho: Option<u64>,
    /// Số lượng quyết định bị khiếu nại, khởi kiện.
    pub so_qd_bi_khieu_nai_khoi_kien: Option<u64>,
    /// Số lượng quyết định xử phạt đã thi hành xong.
    pub so_qd_da_thi_hanh_xong: Option<u64>,
    /// Số lượng quyết định hoãn, giảm, miễn thi hành phạt tiền.
    pub so_qd_hoan_giam_mien_phat_tien: Option<u64>,
    /// Số lượng quyết định phải cưỡng chế thi hành.
    pub so_qd_phai_cuong_che: Option<u64>,
    /// Số lượng vụ vi phạm bị xử phạt.
    pub so_vu_bi_xu_phat: Option<u64>,
    /// Số vụ bị đình chỉ hoạt động có thời hạn.
    pub so_vu_dinh_chi_hoat_dong: Option<u64>,
    /// Số lượng vụ vi phạm bị phát hiện.
    pub so_vu_phat_hien: Option<u64>,
    /// Tổng số quyết định xử phạt.
    pub tong_so_quyet_dinh: Option<u64>,
    /// Tổng số tiền thu từ xử phạt vi phạm hành chính, in đồng.
    pub tong_tien_thu_vnd: Option<u64>,
}

/// Files opened and persons subject to one handling measure (B2).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Serialize, Deserialize, JsonSchema)]
pub struct MeasureCounts {
    /// Số người bị áp dụng.
    pub so_nguoi_bi_ap_dung: Option<u64>,
    /// Số người bị lập hồ sơ đề nghị áp dụng.
    pub so_nguoi_bi_lap_ho_so: Option<u64>,
}

/// Enforcement of the establishment-based measures and the people serving
/// them (B2: "enforcement …; postponements and exemptions" and "persons
/// serving …; reduced term; suspension or exemption of the remaining term").
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Serialize, Deserialize, JsonSchema)]
pub struct EstablishmentEnforcement {
    /// Nhận xét, đánh giá việc thi hành quyết định.
    pub nhan_xet_thi_hanh: String,
    /// Số người đang chấp hành.
    pub so_nguoi_dang_chap_hanh: Option<u64>,
    /// Số người được giảm thời hạn.
    pub so_nguoi_giam_thoi_han: Option<u64>,
    /// Số người được tạm đình chỉ hoặc miễn chấp hành phần thời gian còn lại.
    pub so_nguoi_tam_dinh_chi_mien_con_lai: Option<u64>,
    /// Số quyết định được hoãn, miễn chấp hành.
    pub so_qd_hoan_mien: Option<u64>,
}

/// Statistics on administrative handling measures, NĐ 118/2021 Điều 35
/// khoản 3 (B2).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Serialize, Deserialize, JsonSchema)]
pub struct HandlingMeasureStats {
    /// Đưa vào cơ sở cai nghiện bắt buộc.
    pub co_so_cai_nghien_bat_buoc: MeasureCounts,
    /// Đưa vào cơ sở giáo dục bắt buộc.
    pub co_so_giao_duc_bat_buoc: MeasureCounts,
    /// Giáo dục tại xã, phường, thị trấn.
    pub giao_duc_tai_xa: MeasureCounts,
    /// Khó khăn, vướng mắc.
    pub kho_khan_vuong_mac: String,
    /// Đề xuất, kiến nghị.
    pub kien_nghi: String,
    /// Đánh giá việc áp dụng giáo dục tại xã, phường, thị trấn và lập hồ sơ
    /// đề nghị đưa vào trường giáo dưỡng, cơ sở giáo dục bắt buộc, cơ sở cai
    /// nghiện bắt buộc.
    pub nhan_xet_ap_dung: String,
    /// Đánh giá quyết định của Tòa án nhân dân về ba biện pháp do Tòa án
    /// quyết định.
    pub nhan_xet_quyet_dinh_toa_an: String,
    /// Nhận xét việc thi hành quyết định giáo dục tại xã, phường, thị trấn.
    pub nhan_xet_thi_hanh_giao_duc_tai_xa: String,
    /// Người chưa thành niên được áp dụng biện pháp giáo dục dựa vào cộng đồng.
    pub so_nguoi_chua_thanh_nien_giao_duc_cong_dong: Option<u64>,
    /// Người chưa thành niên được áp dụng biện pháp thay thế quản lý tại gia đình.
    pub so_nguoi_chua_thanh_nien_quan_ly_tai_gia_dinh: Option<u64>,
    /// Số quyết định giáo dục tại xã, phường, thị trấn bị tạm đình chỉ thi hành.
    pub so_qd_giao_duc_tai_xa_tam_dinh_chi: Option<u64>,
    /// Số vụ bị khiếu nại, khởi kiện.
    pub so_vu_bi_khieu_nai_khoi_kien: Option<u64>,
    /// Cơ sở cai nghiện bắt buộc.
    pub thi_hanh_cai_nghien_bat_buoc: EstablishmentEnforcement,
    /// Trường giáo dưỡng và cơ sở giáo dục bắt buộc (grouped as in B2).
    pub thi_hanh_truong_giao_duong_co_so_gdbb: EstablishmentEnforcement,
    /// Đưa vào trường giáo dưỡng.
    pub truong_giao_duong: MeasureCounts,
}

/// The periodic report on XLVPHC law enforcement.
///
/// The narrative parts (nhận xét đánh giá, khó khăn vướng mắc, kiến nghị đề
/// xuất) are the text fields of each section, as NĐ 118/2021 lists them per
/// clause: `xu_phat.nhan_xet`, `xu_phat.kho_khan_vuong_mac`,
/// `xu_phat.kien_nghi` and the matching fields of `bien_phap_xlhc`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
pub struct PeriodicReport {
    /// NĐ 118/2021 Điều 35 khoản 3.
    pub bien_phap_xlhc: HandlingMeasureStats,
    /// Level the unit reports at.
    pub cap_bao_cao: ReporterLevel,
    /// Regime the report is made under.
    pub che_do_bao_cao: Regime,
    /// The reporting unit.
    pub don_vi_bao_cao: ReportingUnit,
    /// Due date and whether it is the regime's default.
    pub han_nop: DueDate,
    /// Reporting period.
    pub ky_bao_cao: ReportPeriod,
    /// Who signs the written report (NĐ 30/2020 ô số 7). Added in 1.1:
    /// absent in older files, read as blank.
    #[serde(default)]
    pub nguoi_ky: ReportSigner,
    /// Nơi nhận (NĐ 30/2020 ô số 9b), one recipient per entry; "Lưu: VT." is
    /// added when printed. Added in 1.1: absent in older files, read as empty.
    #[serde(default)]
    pub noi_nhan: Vec<String>,
    /// Số, ký hiệu of the written report, e.g. "15/BC-UBND"; may be empty
    /// until it is numbered.
    pub so_ky_hieu: String,
    /// NĐ 118/2021 Điều 35 khoản 2.
    pub xu_phat: SanctionStats,
}

/// The signer of a report: "KT. CHỦ TỊCH" / "PHÓ CHỦ TỊCH" / name.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Serialize, Deserialize, JsonSchema)]
pub struct ReportSigner {
    /// Chức vụ, e.g. "CHỦ TỊCH".
    pub chuc_vu: String,
    /// Họ và tên (no academic title).
    pub ho_ten: String,
    /// Thẩm quyền ký with what follows it, e.g. "TM. ỦY BAN NHÂN DÂN" or
    /// "KT. GIÁM ĐỐC"; empty when the head signs.
    pub tham_quyen: String,
}
