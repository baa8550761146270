//! Reference vocabularies (danh mục). Each entry has a stable ASCII code (used
//! in stored data and exports) and Vietnamese/English labels. Only wording
//! found in the legal reference is used; where the reference says a text was
//! not found, the data says so (see [`VIOLATION_BEHAVIOURS_NOTE`]).

use serde::{Deserialize, Serialize};

/// One vocabulary entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct CatalogEntry {
    /// Stable ASCII code.
    pub code: &'static str,
    /// Vietnamese label.
    pub vi: &'static str,
    /// English gloss.
    pub en: &'static str,
    /// Legal source of the entry, where the reference gives one.
    pub source: &'static str,
}

const fn e(
    code: &'static str,
    vi: &'static str,
    en: &'static str,
    source: &'static str,
) -> CatalogEntry {
    CatalogEntry {
        code,
        vi,
        en,
        source,
    }
}

/// Finds an entry by code.
pub fn find(entries: &'static [CatalogEntry], code: &str) -> Option<&'static CatalogEntry> {
    entries.iter().find(|x| x.code == code)
}

macro_rules! catalog_enum {
    ($(#[$doc:meta])* $name:ident, $table:ident, [$($(#[$vdoc:meta])* $variant:ident = $idx:expr),* $(,)?]) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(rename_all = "snake_case")]
        pub enum $name { $($(#[$vdoc])* $variant),* }

        impl $name {
            /// Every value, in display order.
            pub const ALL: &'static [$name] = &[$($name::$variant),*];
            /// Its catalog entry (code and labels).
            pub fn entry(self) -> &'static CatalogEntry {
                match self { $($name::$variant => &$table[$idx]),* }
            }
            /// Stable ASCII code (same as the serde form).
            pub fn code(self) -> &'static str { self.entry().code }
            /// Looks a value up by code.
            pub fn from_code(code: &str) -> Option<Self> {
                Self::ALL.iter().copied().find(|v| v.code() == code)
            }
        }
    };
}

/// Finding kinds, from the wording of NĐ 19/2020 Điều 3, NĐ 59/2012 Điều 4,
/// TT 20/2025 and QĐ 76/QĐ-TTg (reference A3); "khó khăn" from NĐ 19/2020
/// Điều 5 (reference C1) and "tồn tại" from QĐ 76/QĐ-TTg and the conclusion
/// contents of TT 04/2021 Điều 4 khoản 3 (addendum §3.5), both also in the
/// seed. New kinds go at the end: stored findings keep their codes.
pub static FINDING_KINDS: [CatalogEntry; 10] = [
    e(
        "han_che",
        "Hạn chế",
        "Limitation",
        "NĐ 19/2020/NĐ-CP Điều 3",
    ),
    e(
        "vuong_mac",
        "Vướng mắc",
        "Obstacle",
        "NĐ 19/2020/NĐ-CP Điều 3",
    ),
    e(
        "bat_cap",
        "Bất cập",
        "Inadequacy",
        "NĐ 19/2020/NĐ-CP Điều 3",
    ),
    e(
        "chong_cheo",
        "Chồng chéo",
        "Overlap",
        "NĐ 59/2012/NĐ-CP Điều 4",
    ),
    e("sai_sot", "Sai sót", "Error", "NĐ 19/2020/NĐ-CP Điều 3"),
    e("vi_pham", "Vi phạm", "Violation", "NĐ 19/2020/NĐ-CP Điều 3"),
    e(
        "chua_thong_nhat_dong_bo",
        "Quy định chưa thống nhất, đồng bộ",
        "Provisions inconsistent or not coherent",
        "NĐ 19/2020/NĐ-CP Điều 3",
    ),
    e(
        "chua_phu_hop_thuc_tien",
        "Quy định chưa phù hợp với thực tiễn",
        "Provisions unsuited to practice",
        "NĐ 19/2020/NĐ-CP Điều 3",
    ),
    e(
        "kho_khan",
        "Khó khăn",
        "Difficulty",
        "NĐ 19/2020/NĐ-CP Điều 5",
    ),
    e(
        "ton_tai",
        "Tồn tại",
        "Shortcoming",
        "QĐ 76/QĐ-TTg; TT 04/2021/TT-BTP Điều 4 khoản 3",
    ),
];

catalog_enum!(
    /// Kind of a finding (loại phát hiện).
    FindingKind, FINDING_KINDS, [
        /// Hạn chế.
        HanChe = 0,
        /// Vướng mắc.
        VuongMac = 1,
        /// Bất cập.
        BatCap = 2,
        /// Chồng chéo.
        ChongCheo = 3,
        /// Sai sót.
        SaiSot = 4,
        /// Vi phạm.
        ViPham = 5,
        /// Chưa thống nhất, đồng bộ.
        ChuaThongNhatDongBo = 6,
        /// Chưa phù hợp với thực tiễn.
        ChuaPhuHopThucTien = 7,
        /// Khó khăn.
        KhoKhan = 8,
        /// Tồn tại.
        TonTai = 9,
    ]
);

impl FindingKind {
    /// Whether the finding is about the law itself (a text that obstructs,
    /// overlaps, falls short or does not fit practice), so that it may carry
    /// a proposal to amend the text. Pages ask this instead of listing kinds.
    pub fn is_law_problem(self) -> bool {
        matches!(
            self,
            FindingKind::VuongMac
                | FindingKind::BatCap
                | FindingKind::ChongCheo
                | FindingKind::ChuaThongNhatDongBo
                | FindingKind::ChuaPhuHopThucTien
        )
    }
}

/// Which text the violation list reproduces.
pub const VIOLATION_BEHAVIOURS_VERSION: &str =
    "NĐ 19/2020/NĐ-CP Điều 22, sửa đổi bởi NĐ 93/2025/NĐ-CP";

/// What is known about the list's history (reference A1 Group IV).
pub const VIOLATION_BEHAVIOURS_NOTE: &str = "Danh mục 20 hành vi theo NĐ 19/2020/NĐ-CP Điều 22 đã được sửa đổi bởi NĐ 93/2025/NĐ-CP. Danh mục gốc năm 2020 (19 hành vi) chưa được tìm thấy đầy đủ trong nguồn tham khảo.";

/// English of [`VIOLATION_BEHAVIOURS_NOTE`].
pub const VIOLATION_BEHAVIOURS_NOTE_EN: &str = "The 20 behaviours of Decree 19/2020/ND-CP Article 22 as amended by Decree 93/2025/ND-CP. The original 2020 list (19 behaviours) was not found in full in the reference.";

const D22: &str = VIOLATION_BEHAVIOURS_VERSION;

/// The 20 violation behaviours in enforcing the law on XLVPHC
/// (NĐ 19/2020 Điều 22 as amended by NĐ 93/2025), in the order of the source.
pub static VIOLATION_BEHAVIOURS: [CatalogEntry; 20] = [
    e("giu_lai_vu_co_dau_hieu_toi_pham", "Giữ lại vụ vi phạm có dấu hiệu tội phạm để xử lý vi phạm hành chính", "Keeping a case that shows signs of a crime inside the administrative track", D22),
    e("gia_mao_lam_sai_lech_ho_so", "Giả mạo, làm sai lệch hồ sơ xử phạt / hồ sơ áp dụng biện pháp xử lý hành chính", "Forging or falsifying case files", D22),
    e("loi_dung_chuc_vu_sach_nhieu_bao_che", "Lợi dụng chức vụ, quyền hạn để sách nhiễu, đòi, nhận tiền, tài sản của đối tượng vi phạm; dung túng, bao che, hạn chế quyền của đối tượng vi phạm", "Abusing position to harass or extort; condoning or covering up; restricting the violator's rights", D22),
    e("can_thiep_trai_phap_luat_xu_ly", "Can thiệp trái pháp luật vào việc xử lý vi phạm hành chính", "Unlawful interference in handling administrative violations", D22),
    e("khong_lap_bien_ban", "Không lập biên bản vi phạm hành chính khi phát hiện hành vi vi phạm", "Not making a record when a violation is detected", D22),
    e("lap_bien_ban_sai_tham_quyen_hanh_vi_doi_tuong", "Lập biên bản không đúng thẩm quyền, không đúng hành vi, không đúng đối tượng", "Record made without authority, for the wrong behaviour, or against the wrong person", D22),
    e("vi_pham_thoi_han_lap_bien_ban_ra_quyet_dinh", "Vi phạm thời hạn lập biên bản hoặc thời hạn ra quyết định xử phạt", "Missing the deadline for the record or for the sanction decision", D22),
    e("khong_ra_quyet_dinh_khong_ap_dung_bien_phap", "Không ra quyết định xử phạt / không áp dụng biện pháp xử lý hành chính / không tịch thu tang vật, phương tiện / không áp dụng biện pháp khắc phục hậu quả (khoản 2 Điều 65 Luật XLVPHC)", "Failing to issue a decision, apply a measure, confiscate, or apply remedial measures", D22),
    e("xu_phat_sai_tham_quyen_thu_tuc_doi_tuong_muc_phat", "Xử phạt, áp dụng biện pháp khắc phục hậu quả hoặc biện pháp xử lý hành chính không đúng thẩm quyền, thủ tục, đối tượng; hình thức, mức phạt, biện pháp khắc phục hậu quả không đúng, không đầy đủ", "Wrong authority, procedure or person; wrong or incomplete form or amount of sanction", D22),
    e("xac_dinh_sai_hanh_vi", "Xác định không đúng hành vi vi phạm khi ban hành quyết định xử phạt", "Misidentifying the violation in the decision", D22),
    e("keo_dai_bien_phap_xu_ly_hanh_chinh", "Kéo dài thời hạn áp dụng biện pháp xử lý hành chính", "Unlawfully prolonging an administrative handling measure", D22),
    e("khong_sua_doi_huy_bo_quyet_dinh_sai_sot", "Không (kịp thời) sửa đổi, bổ sung, hủy bỏ, ban hành quyết định mới khi phát hiện sai sót", "Not correcting or annulling erroneous decisions, or not doing so in time", D22),
    e("khong_to_chuc_thi_hanh_cuong_che", "Không theo dõi, đôn đốc, kiểm tra, tổ chức thi hành quyết định xử phạt / tịch thu / khắc phục hậu quả; không tổ chức cưỡng chế", "Not following up on or enforcing decisions; no coercive enforcement", D22),
    e("su_dung_trai_phap_luat_tien_phat", "Sử dụng trái pháp luật tiền thu từ xử phạt vi phạm hành chính", "Unlawful use of money collected from fines", D22),
    e("khong_cung_cap_thong_tin_cho_kiem_tra", "Không cung cấp hoặc cung cấp thông tin, tài liệu không chính xác, không đầy đủ, không trung thực cho kiểm tra", "Withholding information from, or giving false information to, the inspection", D22),
    e("chong_doi_can_tro_kiem_tra", "Chống đối, cản trở người làm nhiệm vụ kiểm tra; đe dọa, trù dập người cung cấp thông tin", "Obstructing inspectors; threatening informants", D22),
    e("can_thiep_trai_phap_luat_kiem_tra", "Can thiệp trái pháp luật vào hoạt động kiểm tra", "Unlawful interference in the inspection", D22),
    e("tiet_lo_thong_tin_doi_tuong_kiem_tra", "Cung cấp, tiết lộ thông tin, tài liệu, hồ sơ của đối tượng được kiểm tra cho người không có thẩm quyền", "Leaking the inspected unit's files to unauthorised persons", D22),
    e("khong_thuc_hien_ket_luan_kiem_tra", "Không thực hiện hoặc thực hiện không đầy đủ, chính xác kết luận kiểm tra", "Not implementing the inspection conclusion, or implementing it incompletely", D22),
    e("thieu_trach_nhiem_chi_dao_thuc_hien_ket_luan", "Thiếu trách nhiệm trong việc chỉ đạo thực hiện kết luận kiểm tra", "Lack of responsibility in directing implementation of the conclusion", D22),
];

/// Looks a violation behaviour up by code.
pub fn violation_behaviour(code: &str) -> Option<&'static CatalogEntry> {
    find(&VIOLATION_BEHAVIOURS, code)
}

/// Discipline forms: NĐ 19/2020 Điều 23–29 (article titles per the Bộ pháp
/// điển) and bãi nhiệm added by NĐ 93/2025. The reference does not map each
/// form to one article number, so the source names the article range.
pub static DISCIPLINE_FORMS: [CatalogEntry; 7] = [
    e(
        "khien_trach",
        "Khiển trách",
        "Reprimand",
        "NĐ 19/2020/NĐ-CP Điều 23–29",
    ),
    e(
        "canh_cao",
        "Cảnh cáo",
        "Warning",
        "NĐ 19/2020/NĐ-CP Điều 23–29",
    ),
    e(
        "ha_bac_luong",
        "Hạ bậc lương",
        "Salary-grade reduction",
        "NĐ 19/2020/NĐ-CP Điều 23–29",
    ),
    e(
        "giang_chuc",
        "Giáng chức",
        "Demotion",
        "NĐ 19/2020/NĐ-CP Điều 23–29",
    ),
    e(
        "cach_chuc",
        "Cách chức",
        "Dismissal from post",
        "NĐ 19/2020/NĐ-CP Điều 23–29",
    ),
    e(
        "buoc_thoi_viec",
        "Buộc thôi việc",
        "Forced termination",
        "NĐ 19/2020/NĐ-CP Điều 23–29",
    ),
    e(
        "bai_nhiem",
        "Bãi nhiệm",
        "Removal from elected office",
        "NĐ 93/2025/NĐ-CP",
    ),
];

catalog_enum!(
    /// Discipline form (hình thức kỷ luật).
    DisciplineForm, DISCIPLINE_FORMS, [
        /// Khiển trách.
        KhienTrach = 0,
        /// Cảnh cáo.
        CanhCao = 1,
        /// Hạ bậc lương.
        HaBacLuong = 2,
        /// Giáng chức.
        GiangChuc = 3,
        /// Cách chức.
        CachChuc = 4,
        /// Buộc thôi việc.
        BuocThoiViec = 5,
        /// Bãi nhiệm (NĐ 93/2025).
        BaiNhiem = 6,
    ]
);

/// Inspection methods (phương thức) of NĐ 19/2020 Điều 5.
pub static PLAN_METHODS: [CatalogEntry; 5] = [
    e("dinh_ky", "Định kỳ", "Periodic", "NĐ 19/2020/NĐ-CP Điều 5"),
    e(
        "theo_dia_ban",
        "Theo địa bàn",
        "By area",
        "NĐ 19/2020/NĐ-CP Điều 5",
    ),
    e(
        "chuyen_de",
        "Chuyên đề",
        "Thematic",
        "NĐ 19/2020/NĐ-CP Điều 5",
    ),
    e(
        "theo_nganh_linh_vuc",
        "Theo ngành, lĩnh vực",
        "By sector or field",
        "NĐ 19/2020/NĐ-CP Điều 5",
    ),
    e(
        "dot_xuat",
        "Đột xuất",
        "Unscheduled",
        "NĐ 19/2020/NĐ-CP Điều 5",
    ),
];

catalog_enum!(
    /// Method of a plan (phương thức kiểm tra).
    PlanMethod, PLAN_METHODS, [
        /// Định kỳ.
        DinhKy = 0,
        /// Theo địa bàn.
        TheoDiaBan = 1,
        /// Chuyên đề.
        ChuyenDe = 2,
        /// Theo ngành, lĩnh vực.
        TheoNganhLinhVuc = 3,
        /// Đột xuất.
        DotXuat = 4,
    ]
);

impl PlanMethod {
    /// Whether inspections under this method run on the yearly plan
    /// (everything but đột xuất); the 30-day notice rule applies to them.
    pub fn is_scheduled(self) -> bool {
        self != PlanMethod::DotXuat
    }
}

/// Focus, inter-sectoral fields for 2021 (QĐ 49/QĐ-TTg of 13/01/2021).
pub static FOCUS_FIELDS_2021: [CatalogEntry; 3] = [
    e(
        "dat_dai",
        "Quản lý, sử dụng đất đai",
        "Land management and use",
        "QĐ 49/QĐ-TTg ngày 13/01/2021",
    ),
    e(
        "moi_truong",
        "Bảo vệ môi trường",
        "Environmental protection",
        "QĐ 49/QĐ-TTg ngày 13/01/2021",
    ),
    e(
        "phong_chay_chua_chay",
        "Phòng cháy và chữa cháy",
        "Fire prevention and fighting",
        "QĐ 49/QĐ-TTg ngày 13/01/2021",
    ),
];

/// Scope texts (phạm vi theo dõi) of the 2021 focus fields, same order.
pub static FOCUS_FIELD_SCOPES_2021: [CatalogEntry; 3] = [
    e(
        "dat_dai",
        "Cấp giấy chứng nhận quyền sử dụng đất và thu hồi đất",
        "Issuing land-use certificates; land recovery",
        "QĐ 49/QĐ-TTg ngày 13/01/2021",
    ),
    e(
        "moi_truong",
        "Bảo vệ môi trường biển và hải đảo",
        "Protection of the sea and islands environment",
        "QĐ 49/QĐ-TTg ngày 13/01/2021",
    ),
    e(
        "phong_chay_chua_chay",
        "Các điều kiện an toàn phòng cháy và chữa cháy",
        "Fire-safety conditions",
        "QĐ 49/QĐ-TTg ngày 13/01/2021",
    ),
];

/// Who is monitored in the 2021 focus fields (đối tượng theo dõi).
pub const FOCUS_FIELDS_2021_SUBJECTS: CatalogEntry = e(
    "doi_tuong_theo_doi",
    "Các bộ, ngành và địa phương trên phạm vi cả nước",
    "Ministries, sectors and localities nationwide",
    "QĐ 49/QĐ-TTg ngày 13/01/2021",
);

catalog_enum!(
    /// A 2021 focus field (lĩnh vực trọng tâm, QĐ 49/QĐ-TTg).
    FocusField, FOCUS_FIELDS_2021, [
        /// Đất đai.
        DatDai = 0,
        /// Môi trường (biển và hải đảo).
        MoiTruong = 1,
        /// Phòng cháy và chữa cháy.
        PhongChayChuaChay = 2,
    ]
);

impl FocusField {
    /// The scope (phạm vi theo dõi) set by QĐ 49/QĐ-TTg.
    pub fn scope(self) -> &'static CatalogEntry {
        match self {
            FocusField::DatDai => &FOCUS_FIELD_SCOPES_2021[0],
            FocusField::MoiTruong => &FOCUS_FIELD_SCOPES_2021[1],
            FocusField::PhongChayChuaChay => &FOCUS_FIELD_SCOPES_2021[2],
        }
    }
}

/// Levels of inspected units. Not only quận/huyện: since 2025 xã/phường are
/// inspected directly (two-level local government, reference section 0).
pub static UNIT_LEVELS: [CatalogEntry; 4] = [
    e("so_nganh", "Sở, ban, ngành", "Department or agency", ""),
    e("quan_huyen", "Quận, huyện", "District", ""),
    e("xa_phuong", "Xã, phường, thị trấn", "Commune or ward", ""),
    e("other", "Khác", "Other", ""),
];

catalog_enum!(
    /// Level of an inspected unit.
    UnitLevel, UNIT_LEVELS, [
        /// Sở, ban, ngành.
        SoNganh = 0,
        /// Quận, huyện.
        QuanHuyen = 1,
        /// Xã, phường.
        XaPhuong = 2,
        /// Other.
        Other = 3,
    ]
);

/// Addressees of a recommendation (kiến nghị).
pub static ADDRESSEES: [CatalogEntry; 5] = [
    e(
        "don_vi_duoc_kiem_tra",
        "Đơn vị được kiểm tra",
        "The inspected unit",
        "",
    ),
    e(
        "ubnd_thanh_pho",
        "Ủy ban nhân dân thành phố",
        "City People's Committee",
        "",
    ),
    e(
        "co_quan_co_tham_quyen_sua_doi_van_ban",
        "Cơ quan có thẩm quyền sửa đổi văn bản",
        "Body competent to amend the legal document",
        "",
    ),
    e("khac", "Khác", "Other", ""),
    e(
        "ca_nhan_co_lien_quan",
        "Cá nhân có liên quan",
        "Official concerned",
        "NĐ 19/2020/NĐ-CP Điều 17",
    ),
];

catalog_enum!(
    /// Who a recommendation is addressed to.
    Addressee, ADDRESSEES, [
        /// The inspected unit.
        DonViDuocKiemTra = 0,
        /// An official concerned (cá nhân có liên quan, Điều 17).
        CaNhanCoLienQuan = 4,
        /// UBND thành phố.
        UbndThanhPho = 1,
        /// A body competent to amend the law.
        CoQuanCoThamQuyenSuaDoiVanBan = 2,
        /// Other.
        Khac = 3,
    ]
);
