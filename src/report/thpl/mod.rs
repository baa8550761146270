//! The yearly report on monitoring law implementation (báo cáo công tác theo
//! dõi tình hình thi hành pháp luật định kỳ hằng năm, TT 04/2021/TT-BTP
//! Điều 8 khoản 1), beside the XLVPHC periodic report.
//!
//! The official outline (TT 04/2021 Phụ lục I) was not found (addendum §3.3,
//! §8), so the sections follow the information headings of NĐ 59/2012
//! Điều 11 khoản 1 a–d and the evaluation criteria of Điều 7–10a (addendum
//! §3.1, §3.2): counts where the text asks for counts (số lượng văn bản …),
//! narrative where it asks for an assessment (tính kịp thời, phù hợp …).
//!
//! Submodules:
//! - [`rules`]: the texts in force for a year, the data window and due date
//!   by level (NĐ 59/2012 as amended by NĐ 32/2020 Điều 16 k.6, 17 k.5);
//! - [`checks`]: completeness by section and timeliness;
//! - [`prefill`]: figures drawn from the app's plans, inspections, findings
//!   and recommendations;
//! - [`documents`]: the printed report (NĐ 30/2020 layout), the report on
//!   handling law-amendment recommendations (TT 04/2021 Điều 8 khoản 2) and
//!   what an inspected unit prepares before an inspection.
//!
//! Like the other report DTOs, these types do not use `crate::domain`; the
//! mapping from the domain lives in [`prefill`].

pub mod checks;
pub mod documents;
pub mod prefill;
pub mod rules;

use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::period::{DueDate, ReportPeriod};
use super::periodic::{NamedCount, ReportSigner, ReportingUnit};

/// Who sends the yearly THPL report, which decides its due date.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum ThplLevel {
    /// Bộ, cơ quan ngang bộ, cơ quan thuộc Chính phủ and UBND cấp tỉnh,
    /// reporting to Bộ Tư pháp (NĐ 59/2012 Điều 16 khoản 6, Điều 17 khoản 5).
    TinhBo,
    /// UBND cấp huyện, cấp xã: "theo yêu cầu của Ủy ban nhân dân cấp trên
    /// trực tiếp" (Điều 17 khoản 5), so the user enters the due date.
    HuyenXa,
}

/// Task counts of one monitoring plan, at the data cutoff.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize, JsonSchema)]
pub struct TaskCounts {
    /// Chưa bắt đầu (deadline not passed).
    pub chua_bat_dau: u64,
    /// Đang thực hiện (deadline not passed).
    pub dang_thuc_hien: u64,
    /// Hoàn thành.
    pub hoan_thanh: u64,
    /// Quá hạn: not done and past its deadline on the cutoff day.
    pub qua_han: u64,
    /// Tổng số nhiệm vụ.
    pub tong_so: u64,
}

/// One monitoring plan (kế hoạch theo dõi tình hình thi hành pháp luật).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Serialize, Deserialize, JsonSchema)]
pub struct PlanEntry {
    /// Lĩnh vực theo dõi, as entered.
    pub linh_vuc: String,
    /// Ngày ban hành.
    pub ngay_ban_hanh: Option<NaiveDate>,
    /// Its tasks.
    pub nhiem_vu: TaskCounts,
    /// Số, ký hiệu, e.g. "08/KH-UBND"; may be empty.
    pub so_ky_hieu: String,
    /// Tên (trích yếu) của kế hoạch.
    pub ten: String,
}

/// The plans of the year and their execution (TT 04/2021 Điều 3; NĐ 59/2012
/// Điều 11a).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Serialize, Deserialize, JsonSchema)]
pub struct PlanSection {
    /// The monitoring plans of the year.
    pub ke_hoach: Vec<PlanEntry>,
    /// Nhận xét việc ban hành, triển khai kế hoạch.
    pub nhan_xet: String,
}

/// One detailing document (văn bản quy định chi tiết).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Serialize, Deserialize, JsonSchema)]
pub struct DetailingDoc {
    /// Ban hành chậm tiến độ.
    pub cham_tien_do: bool,
    /// Hình thức (Nghị quyết, Quyết định, …).
    pub hinh_thuc: String,
    /// Lý do chậm tiến độ (when late).
    pub ly_do_cham: String,
    /// Tên văn bản.
    pub ten: String,
}

/// NĐ 59/2012 Điều 11 khoản 1 điểm a; criteria of Điều 8.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Serialize, Deserialize, JsonSchema)]
pub struct DetailingSection {
    /// Điều 8 khoản 3: tính khả thi.
    pub danh_gia_kha_thi: String,
    /// Điều 8 khoản 1: tính kịp thời, đầy đủ của việc ban hành.
    pub danh_gia_kip_thoi_day_du: String,
    /// Điều 8 khoản 2: tính thống nhất, đồng bộ.
    pub danh_gia_thong_nhat_dong_bo: String,
    /// Hình thức và tên văn bản (and which were late, and why).
    pub danh_sach: Vec<DetailingDoc>,
    /// Số lượng văn bản ban hành chậm tiến độ.
    pub so_cham_tien_do: Option<u64>,
    /// Số lượng văn bản có tính khả thi không cao.
    pub so_kha_thi_khong_cao: Option<u64>,
    /// Số lượng văn bản không thống nhất, không đồng bộ.
    pub so_khong_thong_nhat_dong_bo: Option<u64>,
    /// Số lượng văn bản quy định chi tiết; `None` = not entered.
    pub so_van_ban: Option<u64>,
}

/// NĐ 59/2012 Điều 11 khoản 1 điểm b; criteria of Điều 9.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Serialize, Deserialize, JsonSchema)]
pub struct ConditionsSection {
    /// Kinh phí, cơ sở vật chất (Điều 9 khoản 3).
    pub kinh_phi_co_so_vat_chat: String,
    /// Nội dung, hình thức tập huấn, phổ biến pháp luật đã thực hiện; tính
    /// kịp thời, đầy đủ, phù hợp và hiệu quả (Điều 9 khoản 1).
    pub tap_huan_pho_bien: String,
    /// Thực trạng tổ chức bộ máy, nguồn nhân lực (Điều 9 khoản 2).
    pub to_chuc_bo_may_nhan_luc: String,
}

/// NĐ 59/2012 Điều 11 khoản 1 điểm c; criteria of Điều 10 khoản 1–2.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Serialize, Deserialize, JsonSchema)]
pub struct ApplicationSection {
    /// Tình hình áp dụng pháp luật của cơ quan nhà nước và người có thẩm
    /// quyền; tính kịp thời, đầy đủ, chính xác, thống nhất.
    pub ap_dung_phap_luat: String,
    /// Tình hình hướng dẫn áp dụng pháp luật; tính chính xác, thống nhất.
    pub huong_dan_ap_dung: String,
}

/// NĐ 59/2012 Điều 11 khoản 1 điểm d; Điều 10 khoản 3.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Serialize, Deserialize, JsonSchema)]
pub struct ViolationsSection {
    /// Mức độ tuân thủ pháp luật của cơ quan, tổ chức, cá nhân.
    pub muc_do_tuan_thu: String,
    /// Tình hình xử lý vi phạm pháp luật.
    pub tinh_hinh_xu_ly: String,
}

/// Inspections of law implementation in the window (an information source
/// under TT 04/2021 Điều 6 khoản 3 điểm b) and their findings by kind.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Serialize, Deserialize, JsonSchema)]
pub struct InspectionSection {
    /// Nhận xét, đánh giá kết quả kiểm tra.
    pub nhan_xet: String,
    /// Findings by kind (hạn chế, vướng mắc, …), Vietnamese names.
    pub phat_hien_theo_loai: Vec<NamedCount>,
    /// Of which with a finalized result.
    pub so_cuoc_da_ket_thuc: Option<u64>,
    /// Số cuộc kiểm tra tình hình thi hành pháp luật.
    pub so_cuoc_kiem_tra: Option<u64>,
}

/// State of a recommendation or amendment proposal, as followed up.
#[derive(
    Debug,
    Clone,
    Copy,
    Default,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum HandlingState {
    /// No follow-up recorded for it.
    #[default]
    ChuaTheoDoi,
    /// Chưa thực hiện.
    ChuaThucHien,
    /// Đang thực hiện.
    DangThucHien,
    /// Đã thực hiện.
    DaThucHien,
    /// Thực hiện một phần.
    ThucHienMotPhan,
    /// Không thực hiện.
    KhongThucHien,
}

impl HandlingState {
    /// Vietnamese name.
    pub fn name_vi(self) -> &'static str {
        match self {
            HandlingState::ChuaTheoDoi => "Chưa có thông tin theo dõi",
            HandlingState::ChuaThucHien => "Chưa thực hiện",
            HandlingState::DangThucHien => "Đang thực hiện",
            HandlingState::DaThucHien => "Đã thực hiện",
            HandlingState::ThucHienMotPhan => "Thực hiện một phần",
            HandlingState::KhongThucHien => "Không thực hiện",
        }
    }
}

/// One law-amendment recommendation and its handling (TT 04/2021 Điều 8
/// khoản 2: kiến nghị sửa đổi, bổ sung, ban hành mới văn bản).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Serialize, Deserialize, JsonSchema)]
pub struct AmendmentHandling {
    /// Bất cập, vướng mắc.
    pub bat_cap: String,
    /// Cơ quan nhận kiến nghị.
    pub co_quan_nhan: String,
    /// Nội dung kiến nghị.
    pub de_xuat: String,
    /// Điều.
    pub dieu: String,
    /// Khoản, điểm.
    pub khoan: String,
    /// Where it comes from (plan number, inspected unit), as text.
    pub nguon: String,
    /// Its state.
    pub tinh_trang: HandlingState,
    /// Văn bản được kiến nghị.
    pub van_ban: String,
}

/// Recommendations of the inspections and their follow-up, counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize, JsonSchema)]
pub struct FollowUpCounts {
    /// Chưa xong (not closed).
    pub chua_xong: Option<u64>,
    /// Đã thực hiện.
    pub da_thuc_hien: Option<u64>,
    /// Không thực hiện.
    pub khong_thuc_hien: Option<u64>,
    /// Quá hạn (open and past the deadline on the cutoff day).
    pub qua_han: Option<u64>,
    /// Kiến nghị đã đưa ra.
    pub so_kien_nghi: Option<u64>,
    /// Thực hiện một phần.
    pub thuc_hien_mot_phan: Option<u64>,
}

/// The yearly THPL report of one agency.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
pub struct ThplReport {
    /// Level of the agency.
    pub cap_bao_cao: ThplLevel,
    /// Điều 11 khoản 1 điểm b (Điều 9).
    pub dieu_kien_bao_dam: ConditionsSection,
    /// The reporting agency.
    pub don_vi_bao_cao: ReportingUnit,
    /// Due date, default or set by the user.
    pub han_nop: DueDate,
    /// Điều 11 khoản 1 điểm c (Điều 10 khoản 1–2).
    pub huong_dan_ap_dung: ApplicationSection,
    /// Monitoring plans and their tasks.
    pub ke_hoach: PlanSection,
    /// Inspections of law implementation and their findings.
    pub kiem_tra: InspectionSection,
    /// Kiến nghị, đề xuất.
    pub kien_nghi_de_xuat: String,
    /// Law-amendment recommendations and their handling (TT 04/2021 Điều 8
    /// khoản 2).
    pub kien_nghi_sua_doi: Vec<AmendmentHandling>,
    /// Data window: 01/12 of the previous year to 30/11 (kind "yearly").
    pub ky_bao_cao: ReportPeriod,
    /// Who signs.
    pub nguoi_ky: ReportSigner,
    /// Nơi nhận; "Lưu: VT." is added when printed.
    pub noi_nhan: Vec<String>,
    /// Số, ký hiệu, e.g. "320/BC-UBND"; may be empty until numbered.
    pub so_ky_hieu: String,
    /// Điều 10a: tác động tích cực, tiêu cực đối với đời sống kinh tế, xã hội.
    pub tac_dong: String,
    /// Recommendations of those inspections and their follow-up.
    pub theo_doi_kien_nghi: FollowUpCounts,
    /// Điều 11 khoản 1 điểm a (Điều 8).
    pub van_ban_quy_dinh_chi_tiet: DetailingSection,
    /// Điều 11 khoản 1 điểm d (Điều 10 khoản 3).
    pub xu_ly_vi_pham: ViolationsSection,
}

impl ThplReport {
    /// An empty report of `unit` for `year` at `level`, with the window and
    /// due date of [`rules`] (`due` is the user's date, required when the
    /// level or year has no default).
    pub fn new(
        unit: ReportingUnit,
        year: i32,
        level: ThplLevel,
        due: Option<NaiveDate>,
    ) -> Result<Self, rules::ThplError> {
        let ky_bao_cao = rules::window(year)?;
        let han_nop = rules::resolve_due(year, level, due)?;
        Ok(Self {
            don_vi_bao_cao: unit,
            so_ky_hieu: String::new(),
            ky_bao_cao,
            cap_bao_cao: level,
            han_nop,
            ke_hoach: PlanSection::default(),
            van_ban_quy_dinh_chi_tiet: DetailingSection::default(),
            dieu_kien_bao_dam: ConditionsSection::default(),
            huong_dan_ap_dung: ApplicationSection::default(),
            xu_ly_vi_pham: ViolationsSection::default(),
            tac_dong: String::new(),
            kiem_tra: InspectionSection::default(),
            theo_doi_kien_nghi: FollowUpCounts::default(),
            kien_nghi_sua_doi: Vec::new(),
            kien_nghi_de_xuat: String::new(),
            nguoi_ky: ReportSigner::default(),
            noi_nhan: Vec::new(),
        })
    }

    /// The reporting year (of the cutoff, 30/11).
    pub fn year(&self) -> i32 {
        self.ky_bao_cao.year()
    }
}
