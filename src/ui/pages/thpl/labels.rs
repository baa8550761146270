//! Labels of the THPL report's fields and sections, in the UI language,
//! with the field codes of `report::thpl::checks`.

use crate::report::thpl::checks::{ThplIssue, ThplSection};
use crate::report::thpl::{HandlingState, ThplLevel};
use crate::ui::i18n::t_string;
use crate::ui::pages::reports::common::I18n;

/// The label of a field code (the JSON path).
pub fn field(i18n: I18n, code: &str) -> String {
    match code {
        "don_vi_bao_cao.ten" => t_string!(i18n, thpl.f_unit),
        "so_ky_hieu" => t_string!(i18n, thpl.f_number),
        "nguoi_ky.ho_ten" => t_string!(i18n, thpl.f_signer_name),
        "ke_hoach.nhan_xet" => t_string!(i18n, thpl.f_plans_note),
        "van_ban_quy_dinh_chi_tiet.so_van_ban" => t_string!(i18n, thpl.f_docs_count),
        "van_ban_quy_dinh_chi_tiet.danh_sach" => t_string!(i18n, thpl.f_docs_list),
        "van_ban_quy_dinh_chi_tiet.so_cham_tien_do" => t_string!(i18n, thpl.f_docs_late),
        "van_ban_quy_dinh_chi_tiet.danh_sach.ly_do_cham" => {
            t_string!(i18n, thpl.f_docs_late_reason)
        }
        "van_ban_quy_dinh_chi_tiet.so_khong_thong_nhat_dong_bo" => {
            t_string!(i18n, thpl.f_docs_inconsistent)
        }
        "van_ban_quy_dinh_chi_tiet.so_kha_thi_khong_cao" => {
            t_string!(i18n, thpl.f_docs_low_feasibility)
        }
        "van_ban_quy_dinh_chi_tiet.danh_gia_kip_thoi_day_du" => t_string!(i18n, thpl.f_eval_timely),
        "van_ban_quy_dinh_chi_tiet.danh_gia_thong_nhat_dong_bo" => {
            t_string!(i18n, thpl.f_eval_consistent)
        }
        "van_ban_quy_dinh_chi_tiet.danh_gia_kha_thi" => t_string!(i18n, thpl.f_eval_feasible),
        "dieu_kien_bao_dam.tap_huan_pho_bien" => t_string!(i18n, thpl.f_training),
        "dieu_kien_bao_dam.to_chuc_bo_may_nhan_luc" => t_string!(i18n, thpl.f_staff),
        "dieu_kien_bao_dam.kinh_phi_co_so_vat_chat" => t_string!(i18n, thpl.f_funding),
        "huong_dan_ap_dung.huong_dan_ap_dung" => t_string!(i18n, thpl.f_guidance),
        "huong_dan_ap_dung.ap_dung_phap_luat" => t_string!(i18n, thpl.f_application),
        "xu_ly_vi_pham.tinh_hinh_xu_ly" => t_string!(i18n, thpl.f_violations),
        "xu_ly_vi_pham.muc_do_tuan_thu" => t_string!(i18n, thpl.f_compliance),
        "tac_dong" => t_string!(i18n, thpl.f_effects),
        "kiem_tra.so_cuoc_kiem_tra" => t_string!(i18n, thpl.f_inspections),
        "kiem_tra.nhan_xet" => t_string!(i18n, thpl.f_inspections_note),
        "theo_doi_kien_nghi.so_kien_nghi" => t_string!(i18n, thpl.f_recommendations),
        "kien_nghi_sua_doi" => t_string!(i18n, thpl.f_amendments),
        "kien_nghi_de_xuat" => t_string!(i18n, thpl.f_proposals),
        _ => return code.to_string(),
    }
    .to_string()
}

/// A section's heading.
pub fn section(i18n: I18n, s: ThplSection) -> String {
    match s {
        ThplSection::ThongTinChung => t_string!(i18n, thpl.s_general),
        ThplSection::KeHoach => t_string!(i18n, thpl.s_plans),
        ThplSection::VanBanQuyDinhChiTiet => t_string!(i18n, thpl.s_docs),
        ThplSection::DieuKienBaoDam => t_string!(i18n, thpl.s_conditions),
        ThplSection::HuongDanApDung => t_string!(i18n, thpl.s_application),
        ThplSection::XuLyViPham => t_string!(i18n, thpl.s_violations),
        ThplSection::TacDong => t_string!(i18n, thpl.s_effects),
        ThplSection::KiemTra => t_string!(i18n, thpl.s_inspections),
        ThplSection::KienNghi => t_string!(i18n, thpl.s_recommendations),
    }
    .to_string()
}

/// A level's name.
pub fn level(i18n: I18n, l: ThplLevel) -> String {
    match l {
        ThplLevel::TinhBo => t_string!(i18n, thpl.level_tinh_bo),
        ThplLevel::HuyenXa => t_string!(i18n, thpl.level_huyen_xa),
    }
    .to_string()
}

/// A handling state's name.
pub fn state(i18n: I18n, s: HandlingState) -> String {
    match s {
        HandlingState::ChuaTheoDoi => t_string!(i18n, thpl.st_none),
        HandlingState::ChuaThucHien => t_string!(i18n, thpl.st_not_started),
        HandlingState::DangThucHien => t_string!(i18n, thpl.st_in_progress),
        HandlingState::DaThucHien => t_string!(i18n, thpl.st_done),
        HandlingState::ThucHienMotPhan => t_string!(i18n, thpl.st_partly),
        HandlingState::KhongThucHien => t_string!(i18n, thpl.st_not_done),
    }
    .to_string()
}

/// A consistency issue in one sentence.
pub fn issue(i18n: I18n, i: ThplIssue) -> String {
    match i {
        ThplIssue::PhanVuotTongSoVanBan { field: f } => crate::i18n::fill(
            t_string!(i18n, thpl.issue_part_over_total),
            &[("field", field(i18n, f))],
        ),
        ThplIssue::DanhSachChamVuotSoCham => t_string!(i18n, thpl.issue_named_late).to_string(),
        ThplIssue::KetThucVuotSoCuoc => t_string!(i18n, thpl.issue_finished_over).to_string(),
        ThplIssue::TheoDoiVuotSoKienNghi => t_string!(i18n, thpl.issue_followup_over).to_string(),
        ThplIssue::HanNopTruocNgayChot => t_string!(i18n, thpl.issue_due_before_cutoff).to_string(),
    }
}
