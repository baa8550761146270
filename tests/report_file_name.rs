//! Export file names: ASCII, descriptive, bounded.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "fixtures/report/fixtures.rs"]
mod fixtures;

use fixtures::*;
use kiemtra::report::file_name::*;
use kiemtra::report::inspection::Scope;
use kiemtra::report::ReportContent;

#[test]
fn vietnamese_text_becomes_a_lowercase_dashed_ascii_slug() {
    assert_eq!(
        slug("Ủy ban nhân dân quận Ninh Kiều"),
        "uy-ban-nhan-dan-quan-ninh-kieu"
    );
    assert_eq!(
        slug("ĐOÀN KIỂM TRA LIÊN NGÀNH — Sở Tư pháp!!"),
        "doan-kiem-tra-lien-nganh-so-tu-phap"
    );
    assert_eq!(
        slug("  Phường  Hưng Lợi,  Cần Thơ  "),
        "phuong-hung-loi-can-tho"
    );
    assert_eq!(slug("Ưu tiên Ơn Ấp Ễnh Ỵ"), "uu-tien-on-ap-enh-y");
    assert_eq!(slug("Thị trấn Phong Điền"), "thi-tran-phong-dien");
    assert_eq!(slug("日本 😀"), "");
}

#[test]
fn document_codes_keep_their_case() {
    assert_eq!(code_slug("09/KH-UBND"), "09-KH-UBND");
    assert_eq!(code_slug("41/2019/QĐ-UBND"), "41-2019-QD-UBND");
    assert_eq!(
        unit_slug("Ủy ban nhân dân quận Ninh Kiều"),
        "ubnd-quan-ninh-kieu"
    );
    assert_eq!(
        unit_slug("Uỷ ban nhân dân phường An Hòa"),
        "ubnd-phuong-an-hoa"
    );
}

#[test]
fn an_inspection_of_one_unit_is_named_after_the_plan_year_and_unit() {
    let mut r = inspection_can_tho_2021();
    r.pham_vi = Scope::MotDonVi {
        don_vi: "Ủy ban nhân dân quận Ninh Kiều".into(),
    };
    assert_eq!(
        export_file_name(&ReportContent::KiemTra(r)),
        "bao-cao-kiem-tra_09-KH-UBND_2021_ubnd-quan-ninh-kieu.json"
    );
}

#[test]
fn empty_parts_are_left_out() {
    let mut r = periodic_ninh_kieu_2021();
    r.so_ky_hieu = String::new();
    r.don_vi_bao_cao.ten = "😀".into();
    assert_eq!(
        export_file_name(&ReportContent::DinhKy(r)),
        "bao-cao-dinh-ky_2021-nam.json"
    );
}

#[test]
fn long_names_are_cut_at_a_word_boundary_within_the_limit() {
    let mut r = periodic_ninh_kieu_2021();
    r.don_vi_bao_cao.ten = "Trung tâm Phát triển quỹ đất ".repeat(10);
    r.so_ky_hieu = "123/BC-".to_owned() + &"ABCDEFGH-".repeat(20);
    let name = export_file_name(&ReportContent::DinhKy(r));
    assert!(name.len() <= MAX_FILE_NAME_LEN, "{name} ({})", name.len());
    assert!(name.is_ascii());
    assert!(name.ends_with(".json"));
    assert!(
        !name.contains("-_") && !name.contains("_-") && !name.contains("-.json"),
        "{name}"
    );
    assert!(
        name.starts_with("bao-cao-dinh-ky_123-BC-ABCDEFGH"),
        "{name}"
    );
    // The unit part goes first, then the code is shortened.
    assert!(name.contains("_2021-nam"), "{name}");
}
