//! The inspection report DTO (báo cáo kết quả kiểm tra): a self-contained
//! snapshot of a plan's inspections, their checklist results, findings and
//! conclusions, as exported to the Department of Justice.
//!
//! It deliberately does not use `crate::domain` types: the integrator fills
//! it from the domain, and the export format stays stable when the domain
//! model changes. Lists keep the order given (the caller sorts), totals are
//! computed here so they can never disagree with the entries.

use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::period::ReportPeriod;
use super::periodic::ReportingUnit;

/// A reference to a document: number/code and date (NĐ 30/2020 "Số, ký hiệu").
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Serialize, Deserialize, JsonSchema)]
pub struct DocumentRef {
    /// Ngày ban hành; `None` while not issued.
    pub ngay_ban_hanh: Option<NaiveDate>,
    /// Số, ký hiệu, e.g. "09/KH-UBND".
    pub so_ky_hieu: String,
}

/// The inspection plan (kế hoạch kiểm tra).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Serialize, Deserialize, JsonSchema)]
pub struct PlanRef {
    /// Cơ quan ban hành (issuing body).
    pub co_quan_ban_hanh: String,
    /// Ngày ban hành.
    pub ngay_ban_hanh: Option<NaiveDate>,
    /// Số, ký hiệu, e.g. "09/KH-UBND".
    pub so_ky_hieu: String,
    /// Trích yếu (title / summary line).
    pub trich_yeu: String,
}

/// What the report covers.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case", tag = "loai")]
pub enum Scope {
    /// One inspected unit.
    MotDonVi {
        /// Name of the inspected unit.
        don_vi: String,
    },
    /// Every inspection of the plan.
    ToanKeHoach,
}

/// A team member (thành viên đoàn kiểm tra).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Serialize, Deserialize, JsonSchema)]
pub struct TeamMember {
    /// Chức vụ.
    pub chuc_vu: String,
    /// Cơ quan, đơn vị công tác.
    pub co_quan: String,
    /// Họ và tên.
    pub ho_ten: String,
}

/// The inspection team (đoàn kiểm tra), NĐ 19/2020 Điều 8.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Serialize, Deserialize, JsonSchema)]
pub struct Team {
    /// Phó trưởng đoàn (0..n; NĐ 93/2025: "nếu cần thiết").
    pub pho_truong_doan: Vec<TeamMember>,
    /// Thành viên.
    pub thanh_vien: Vec<TeamMember>,
    /// Trưởng đoàn.
    pub truong_doan: TeamMember,
}

/// Status of a checklist item.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum ItemStatus {
    /// Đạt.
    Dat,
    /// Không đạt.
    KhongDat,
    /// Không áp dụng.
    KhongApDung,
    /// Chưa kiểm tra.
    ChuaKiemTra,
}

/// The answer to one checklist item.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case", tag = "kieu", content = "gia_tri")]
pub enum ItemAnswer {
    /// A status (đạt / không đạt / …).
    TrangThai(ItemStatus),
    /// A whole number (counts, đồng, days).
    So(i64),
    /// Text.
    VanBan(String),
}

// `{"kieu": …, "gia_tri": …}` as serde's adjacent tagging writes it (and
// the derived `Deserialize` reads it), but with `gia_tri` first, in key
// order, so the report's one walk (`report::one_walk`) never moves the
// members of the tens of thousands of answers in a plan's report. The
// file's bytes are the same: its objects' keys are sorted.
impl Serialize for ItemAnswer {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut st = s.serialize_struct("ItemAnswer", 2)?;
        let kieu = match self {
            ItemAnswer::TrangThai(v) => {
                st.serialize_field("gia_tri", v)?;
                "trang_thai"
            }
            ItemAnswer::So(v) => {
                st.serialize_field("gia_tri", v)?;
                "so"
            }
            ItemAnswer::VanBan(v) => {
                st.serialize_field("gia_tri", v)?;
                "van_ban"
            }
        };
        st.serialize_field("kieu", kieu)?;
        st.end()
    }
}

/// One answered checklist item.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
pub struct ItemResult {
    /// Ghi chú (note).
    pub ghi_chu: String,
    /// The answer.
    pub ket_qua: ItemAnswer,
    /// Item code in the template, e.g. "II.3".
    pub ma: String,
    /// Item text in Vietnamese, as in the template.
    pub noi_dung_vi: String,
    /// Tài liệu, chứng cứ typed for the item (added in 1.1).
    #[serde(default)]
    pub tai_lieu_chung_cu: Vec<String>,
}

/// Counts of item statuses. Items answered with a number or text are not
/// counted here.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize, JsonSchema)]
pub struct StatusCounts {
    /// Chưa kiểm tra.
    pub chua_kiem_tra: u64,
    /// Đạt.
    pub dat: u64,
    /// Không áp dụng.
    pub khong_ap_dung: u64,
    /// Không đạt.
    pub khong_dat: u64,
}

impl StatusCounts {
    /// Counts of the status answers among `items`.
    pub fn of_items(items: &[ItemResult]) -> Self {
        let mut c = Self::default();
        for item in items {
            if let ItemAnswer::TrangThai(s) = item.ket_qua {
                c.add_status(s);
            }
        }
        c
    }

    fn add_status(&mut self, s: ItemStatus) {
        let slot = match s {
            ItemStatus::Dat => &mut self.dat,
            ItemStatus::KhongDat => &mut self.khong_dat,
            ItemStatus::KhongApDung => &mut self.khong_ap_dung,
            ItemStatus::ChuaKiemTra => &mut self.chua_kiem_tra,
        };
        *slot = slot.saturating_add(1);
    }

    /// Field-wise sum (saturating).
    pub fn plus(self, o: Self) -> Self {
        Self {
            dat: self.dat.saturating_add(o.dat),
            khong_dat: self.khong_dat.saturating_add(o.khong_dat),
            khong_ap_dung: self.khong_ap_dung.saturating_add(o.khong_ap_dung),
            chua_kiem_tra: self.chua_kiem_tra.saturating_add(o.chua_kiem_tra),
        }
    }
}

/// Results of one group of a checklist (e.g. "Nhóm II").
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
pub struct GroupResult {
    /// Status counts of `muc` (computed from them when built by the app).
    pub dem: StatusCounts,
    /// Group code, e.g. "II".
    pub ma_nhom: String,
    /// Item answers in template order.
    pub muc: Vec<ItemResult>,
    /// Group title in Vietnamese.
    pub ten_nhom: String,
}

impl GroupResult {
    /// A group whose counts are computed from its items.
    pub fn new(ma_nhom: String, ten_nhom: String, muc: Vec<ItemResult>) -> Self {
        Self {
            dem: StatusCounts::of_items(&muc),
            ma_nhom,
            ten_nhom,
            muc,
        }
    }
}

/// Which template a checklist was answered on.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Serialize, Deserialize, JsonSchema)]
pub struct TemplateRef {
    /// Template id.
    pub id: String,
    /// Template version.
    pub phien_ban: String,
    /// SHA-256 (hex) of the template's canonical JSON, as computed by the app.
    pub sha256: String,
}

/// One checklist's results.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
pub struct ChecklistResult {
    /// The template used.
    pub mau: TemplateRef,
    /// Per-group results in template order.
    pub nhom: Vec<GroupResult>,
}

/// Kind of finding (reference A3 vocabulary).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum FindingKind {
    /// Hạn chế.
    HanChe,
    /// Vướng mắc.
    VuongMac,
    /// Bất cập.
    BatCap,
    /// Chồng chéo.
    ChongCheo,
    /// Sai sót.
    SaiSot,
    /// Vi phạm.
    ViPham,
    /// Chưa thống nhất, đồng bộ.
    ChuaThongNhatDongBo,
    /// Chưa phù hợp thực tiễn.
    ChuaPhuHopThucTien,
    /// Khó khăn.
    KhoKhan,
    /// Tồn tại.
    TonTai,
}

/// A violation behaviour from a versioned list (NĐ 19/2020 Điều 22).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Serialize, Deserialize, JsonSchema)]
pub struct BehaviourRef {
    /// Code in the list, e.g. "6".
    pub ma: String,
    /// Version of the list, e.g. "nd19-2020-sua-doi-nd93-2025".
    pub phien_ban: String,
}

/// A recommendation (kiến nghị) and who it is addressed to.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Serialize, Deserialize, JsonSchema)]
pub struct Recommendation {
    /// Nội dung kiến nghị.
    pub noi_dung: String,
    /// Nơi nhận / addressee.
    pub noi_nhan: String,
    /// Follow-up state (added in 1.x; absent in older files and before the
    /// inspection is finalized).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub theo_doi: Option<RecommendationState>,
    /// Thời hạn thực hiện, if set.
    pub thoi_han: Option<NaiveDate>,
}

/// Where a recommendation stands (NĐ 19/2020 Điều 18–20: the inspected unit
/// reports on implementing the conclusion; the issuer follows it up).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Serialize, Deserialize, JsonSchema)]
pub struct RecommendationState {
    /// Reason, for `khong_thuc_hien`.
    pub ly_do: String,
    /// Date closed, when closed.
    pub ngay_ket_thuc: Option<NaiveDate>,
    /// Days past the deadline on the count date, while open.
    pub so_ngay_qua_han: Option<u64>,
    /// Status code: `chua_thuc_hien`, `dang_thuc_hien`, `da_thuc_hien`,
    /// `thuc_hien_mot_phan`, `khong_thuc_hien`.
    pub trang_thai: String,
}

/// The decision on a proposed discipline (added in 1.x).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Serialize, Deserialize, JsonSchema)]
pub struct DisciplineState {
    /// Họ và tên of the official.
    pub can_bo: String,
    /// Chức vụ.
    pub chuc_vu: String,
    /// Form decided (Vietnamese), when disciplined.
    pub hinh_thuc_quyet_dinh: Option<String>,
    /// Reason, when not disciplined.
    pub ly_do_khong_ky_luat: String,
    /// Date of the decision.
    pub ngay_quyet_dinh: Option<NaiveDate>,
    /// Date executed.
    pub ngay_thi_hanh: Option<NaiveDate>,
    /// Who decided.
    pub nguoi_quyet_dinh: String,
    /// Số, ký hiệu of the decision; empty until decided.
    pub so_quyet_dinh: String,
}

/// A proposal to amend a legal text (added in 1.x).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Serialize, Deserialize, JsonSchema)]
pub struct AmendmentProposal {
    /// What is wrong.
    pub bat_cap: String,
    /// Body addressed.
    pub co_quan_nhan: String,
    /// Proposed change.
    pub de_xuat: String,
    /// Điều.
    pub dieu: String,
    /// Khoản, điểm.
    pub khoan: String,
    /// The text concerned.
    pub van_ban: String,
}

/// Follow-up counts of one inspection or of the report (added in 1.x),
/// counted on `ngay_tinh`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Serialize, Deserialize, JsonSchema)]
pub struct FollowUpCounts {
    /// Not closed.
    pub chua_ket_thuc: u64,
    /// Discipline decisions taken (either outcome).
    pub da_quyet_dinh_ky_luat: u64,
    /// Decisions to discipline executed.
    pub da_thi_hanh_ky_luat: u64,
    /// Đã thực hiện.
    pub da_thuc_hien: u64,
    /// Discipline proposals.
    pub de_nghi_ky_luat: u64,
    /// Không thực hiện.
    pub khong_thuc_hien: u64,
    /// Proposals to amend a legal text.
    pub kien_nghi_sua_doi_van_ban: u64,
    /// Date the counts were taken (the export date).
    pub ngay_tinh: Option<NaiveDate>,
    /// Open and past their deadline.
    pub qua_han: u64,
    /// Recommendations made.
    pub so_kien_nghi: u64,
    /// Thực hiện một phần.
    pub thuc_hien_mot_phan: u64,
}

impl FollowUpCounts {
    /// Sum of two counts; the later count date is kept.
    pub fn plus(&self, o: &FollowUpCounts) -> FollowUpCounts {
        FollowUpCounts {
            ngay_tinh: self.ngay_tinh.max(o.ngay_tinh),
            so_kien_nghi: self.so_kien_nghi.saturating_add(o.so_kien_nghi),
            da_thuc_hien: self.da_thuc_hien.saturating_add(o.da_thuc_hien),
            thuc_hien_mot_phan: self.thuc_hien_mot_phan.saturating_add(o.thuc_hien_mot_phan),
            khong_thuc_hien: self.khong_thuc_hien.saturating_add(o.khong_thuc_hien),
            chua_ket_thuc: self.chua_ket_thuc.saturating_add(o.chua_ket_thuc),
            qua_han: self.qua_han.saturating_add(o.qua_han),
            de_nghi_ky_luat: self.de_nghi_ky_luat.saturating_add(o.de_nghi_ky_luat),
            da_quyet_dinh_ky_luat: self
                .da_quyet_dinh_ky_luat
                .saturating_add(o.da_quyet_dinh_ky_luat),
            da_thi_hanh_ky_luat: self
                .da_thi_hanh_ky_luat
                .saturating_add(o.da_thi_hanh_ky_luat),
            kien_nghi_sua_doi_van_ban: self
                .kien_nghi_sua_doi_van_ban
                .saturating_add(o.kien_nghi_sua_doi_van_ban),
        }
    }
}

/// One finding of an inspection.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
pub struct Finding {
    /// Violation behaviour, when the finding is a violation.
    pub hanh_vi: Option<BehaviourRef>,
    /// Hình thức kỷ luật proposed or applied, as text (e.g. "khiển trách").
    pub hinh_thuc_ky_luat: Option<String>,
    /// Recommendation, if any.
    pub kien_nghi: Option<Recommendation>,
    /// Proposal to amend a legal text (added in 1.x).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kien_nghi_sua_doi: Option<AmendmentProposal>,
    /// The official proposed for discipline and the decision (added in 1.x).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ky_luat: Option<DisciplineState>,
    /// Kind of finding.
    pub loai: FindingKind,
    /// Description.
    pub mo_ta: String,
    /// Tài liệu, chứng cứ of the finding (added in 1.1).
    #[serde(default)]
    pub tai_lieu_chung_cu: Vec<String>,
    /// Who is responsible (trách nhiệm), free text.
    pub trach_nhiem: String,
}

/// The inspection conclusion (kết luận kiểm tra), NĐ 19/2020 Điều 15–17.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Serialize, Deserialize, JsonSchema)]
pub struct Conclusion {
    /// Kiến nghị with addressee and deadline.
    pub kien_nghi: Vec<Recommendation>,
    /// Ngày ban hành.
    pub ngay_ban_hanh: Option<NaiveDate>,
    /// Ngày dự thảo.
    pub ngay_du_thao: Option<NaiveDate>,
    /// Người ký kết luận: position and name (added in 1.1).
    #[serde(default)]
    pub nguoi_ky: super::periodic::ReportSigner,
    /// Nội dung kết luận (added in 1.1).
    #[serde(default)]
    pub noi_dung: String,
    /// Số, ký hiệu of the conclusion; empty until issued.
    pub so_ky_hieu: String,
}

/// One inspection (cuộc kiểm tra) of one unit.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
pub struct InspectionEntry {
    /// Last day of fieldwork.
    pub den_ngay: Option<NaiveDate>,
    /// Đoàn kiểm tra.
    pub doan_kiem_tra: Team,
    /// Đơn vị được kiểm tra.
    pub don_vi_duoc_kiem_tra: String,
    /// Conclusion, once drafted.
    pub ket_luan: Option<Conclusion>,
    /// Checklists answered.
    pub ket_qua_bang_kiem: Vec<ChecklistResult>,
    /// Findings.
    pub phat_hien: Vec<Finding>,
    /// Quyết định kiểm tra.
    pub quyet_dinh: DocumentRef,
    /// Follow-up counts of a finalized inspection (added in 1.x).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub theo_doi: Option<FollowUpCounts>,
    /// First day of fieldwork.
    pub tu_ngay: Option<NaiveDate>,
}

/// Count of findings of one kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
pub struct FindingKindCount {
    /// Kind.
    pub loai: FindingKind,
    /// Number of findings.
    pub so_luong: u64,
}

/// Totals across all inspections of the report.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Serialize, Deserialize, JsonSchema)]
pub struct InspectionTotals {
    /// Item status counts over every checklist.
    pub dem: StatusCounts,
    /// Findings per kind, kinds in enum order, zero counts omitted.
    pub phat_hien_theo_loai: Vec<FindingKindCount>,
    /// Số cuộc kiểm tra.
    pub so_cuoc_kiem_tra: u64,
    /// Conclusions with an issue date.
    pub so_ket_luan_da_ban_hanh: u64,
    /// Recommendations: in findings plus in conclusions.
    pub so_kien_nghi: u64,
    /// Số phát hiện.
    pub so_phat_hien: u64,
    /// Sum of the inspections' follow-up counts, when any has them (added
    /// in 1.x).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub theo_doi: Option<FollowUpCounts>,
}

/// The inspection report.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
pub struct InspectionReport {
    /// Inspections, in the order given.
    pub cuoc_kiem_tra: Vec<InspectionEntry>,
    /// The unit sending the report (e.g. Sở Tư pháp or the UBND).
    pub don_vi_bao_cao: ReportingUnit,
    /// The plan.
    pub ke_hoach: PlanRef,
    /// Period the report covers (yearly plan, or explicit dates).
    pub ky_bao_cao: ReportPeriod,
    /// Scope.
    pub pham_vi: Scope,
    /// Số, ký hiệu of the written report; may be empty.
    pub so_ky_hieu: String,
    /// Totals across the inspections (computed by the app).
    pub tong_hop: InspectionTotals,
}

impl InspectionReport {
    /// Builds a report and computes its totals and the group counts from the
    /// items, so exported numbers always match the entries.
    pub fn new(
        don_vi_bao_cao: ReportingUnit,
        so_ky_hieu: String,
        ky_bao_cao: ReportPeriod,
        ke_hoach: PlanRef,
        pham_vi: Scope,
        mut cuoc_kiem_tra: Vec<InspectionEntry>,
    ) -> Self {
        for group in cuoc_kiem_tra
            .iter_mut()
            .flat_map(|e| e.ket_qua_bang_kiem.iter_mut())
            .flat_map(|c| c.nhom.iter_mut())
        {
            group.dem = StatusCounts::of_items(&group.muc);
        }
        let tong_hop = totals(&cuoc_kiem_tra);
        Self {
            don_vi_bao_cao,
            so_ky_hieu,
            ky_bao_cao,
            ke_hoach,
            pham_vi,
            cuoc_kiem_tra,
            tong_hop,
        }
    }

    /// True when the stored totals and group counts equal recomputed ones
    /// (useful on imported data).
    pub fn totals_consistent(&self) -> bool {
        let groups_ok = self
            .cuoc_kiem_tra
            .iter()
            .flat_map(|e| e.ket_qua_bang_kiem.iter())
            .flat_map(|c| c.nhom.iter())
            .all(|g| g.dem == StatusCounts::of_items(&g.muc));
        groups_ok && self.tong_hop == totals(&self.cuoc_kiem_tra)
    }
}

fn len_u64(n: usize) -> u64 {
    u64::try_from(n).unwrap_or(u64::MAX)
}

/// Totals of `entries`.
pub fn totals(entries: &[InspectionEntry]) -> InspectionTotals {
    let mut t = InspectionTotals {
        so_cuoc_kiem_tra: len_u64(entries.len()),
        ..Default::default()
    };
    let mut per_kind = std::collections::BTreeMap::<FindingKind, u64>::new();
    for e in entries {
        for g in e.ket_qua_bang_kiem.iter().flat_map(|c| c.nhom.iter()) {
            t.dem = t.dem.plus(StatusCounts::of_items(&g.muc));
        }
        t.so_phat_hien = t.so_phat_hien.saturating_add(len_u64(e.phat_hien.len()));
        for f in &e.phat_hien {
            *per_kind.entry(f.loai).or_default() += 1;
            if f.kien_nghi.is_some() {
                t.so_kien_nghi = t.so_kien_nghi.saturating_add(1);
            }
        }
        if let Some(k) = &e.ket_luan {
            t.so_kien_nghi = t.so_kien_nghi.saturating_add(len_u64(k.kien_nghi.len()));
            if k.ngay_ban_hanh.is_some() {
                t.so_ket_luan_da_ban_hanh += 1;
            }
        }
        if let Some(c) = &e.theo_doi {
            t.theo_doi = Some(t.theo_doi.unwrap_or_default().plus(c));
        }
    }
    t.phat_hien_theo_loai = per_kind
        .into_iter()
        .map(|(loai, so_luong)| FindingKindCount { loai, so_luong })
        .collect();
    t
}
