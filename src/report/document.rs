//! Official documents in the NĐ 30/2020/NĐ-CP layout, as pure data: the parts
//! of Điều 8 khoản 2 (Quốc hiệu and Tiêu ngữ, issuing body, number and code,
//! place and date, type and summary, body, signer, recipients), a check that
//! none is missing, and the plain text of the printed page (golden files).
//!
//! Every printed document of the app is built here (plan, periodic report,
//! inspection report, inspection decision, notice to the inspected unit; the
//! builders from domain data are in [`super::document_build`]); the pages only
//! lay the parts out. The text is always Vietnamese, whatever the UI language:
//! it is the official document.

use serde::Serialize;

/// Quốc hiệu (ô số 1).
pub const QUOC_HIEU: &str = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM";
/// Tiêu ngữ (ô số 1).
pub const TIEU_NGU: &str = "Độc lập - Tự do - Hạnh phúc";
/// The heading of the recipient list (ô số 9b).
pub const NOI_NHAN: &str = "Nơi nhận:";
/// Blank left for the number, which the clerk writes after signing
/// (NĐ 30/2020 Điều 15).
pub const BLANK_NUMBER: &str = "      ";

/// One block of the body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum Block {
    /// A heading ("I. MỤC ĐÍCH, YÊU CẦU", "Điều 1.").
    Heading(String),
    /// A paragraph.
    Paragraph(String),
    /// A line of a list.
    Item(String),
    /// A table: header cells, then rows.
    Table {
        /// Header cells.
        header: Vec<String>,
        /// Rows of cells.
        rows: Vec<Vec<String>>,
    },
}

/// The signer block (ô số 7): authority lines in capitals (e.g. "TM. ỦY BAN
/// NHÂN DÂN", "CHỦ TỊCH"), then the name (no academic title).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct SignatureBlock {
    /// Họ và tên.
    pub ho_ten: String,
    /// Quyền hạn, chức vụ của người ký, one line each.
    pub tham_quyen: Vec<String>,
}

impl SignatureBlock {
    /// "TM. ỦY BAN NHÂN DÂN" / "CHỦ TỊCH" / name: the prefix and what follows
    /// it on one line (when either is given), the position on the next.
    pub fn new(prefix: &str, on_behalf_of: &str, position: &str, name: &str) -> Self {
        let first = [prefix.trim(), on_behalf_of.trim()]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(" ");
        let tham_quyen = [first, position.trim().to_string()]
            .into_iter()
            .filter(|s| !s.is_empty())
            .map(|s| s.to_uppercase())
            .collect();
        Self {
            tham_quyen,
            ho_ten: name.trim().to_string(),
        }
    }
}

/// An official document.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct OfficialDocument {
    /// Căn cứ ban hành, one per line.
    pub can_cu: Vec<String>,
    /// Chức vụ, họ tên người ký.
    pub chu_ky: SignatureBlock,
    /// Tên cơ quan, tổ chức ban hành, in capitals.
    pub co_quan_ban_hanh: String,
    /// Tên cơ quan, tổ chức chủ quản trực tiếp (nếu có), in capitals.
    pub co_quan_chu_quan: String,
    /// Địa danh và thời gian: "Cần Thơ, ngày 13 tháng 01 năm 2021".
    pub dia_danh_ngay: String,
    /// Nội dung.
    pub noi_dung: Vec<Block>,
    /// Nơi nhận, one per line; the last is "Lưu: VT, …".
    pub noi_nhan: Vec<String>,
    /// Số, ký hiệu without "Số:", e.g. "09/KH-UBND" or "      /QĐ-UBND".
    pub so_ky_hieu: String,
    /// Tên loại in capitals ("KẾ HOẠCH", "BÁO CÁO", "QUYẾT ĐỊNH",
    /// "THÔNG BÁO"); empty for a công văn.
    pub ten_loai: String,
    /// Trích yếu nội dung.
    pub trich_yeu: String,
}

/// A required part of NĐ 30/2020 Điều 8 khoản 2 (the seal, điểm h, is put on
/// the paper and is not checked here).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub enum Part {
    /// b) Tên cơ quan, tổ chức ban hành văn bản.
    CoQuanBanHanh,
    /// c) Số, ký hiệu (the code must be there; the number may be left blank).
    SoKyHieu,
    /// d) Địa danh và thời gian ban hành.
    DiaDanhNgay,
    /// đ) Tên loại và trích yếu nội dung.
    TenLoaiTrichYeu,
    /// e) Nội dung.
    NoiDung,
    /// g) Chức vụ of the signer.
    ChucVuNguoiKy,
    /// g) Họ tên of the signer.
    HoTenNguoiKy,
    /// i) Nơi nhận, ending with "Lưu: …".
    NoiNhan,
}

impl Part {
    /// The part's name as NĐ 30/2020 calls it.
    pub fn name_vi(self) -> &'static str {
        match self {
            Part::CoQuanBanHanh => "Tên cơ quan, tổ chức ban hành văn bản",
            Part::SoKyHieu => "Số, ký hiệu của văn bản",
            Part::DiaDanhNgay => "Địa danh và thời gian ban hành văn bản",
            Part::TenLoaiTrichYeu => "Tên loại và trích yếu nội dung văn bản",
            Part::NoiDung => "Nội dung văn bản",
            Part::ChucVuNguoiKy => "Chức vụ của người ký",
            Part::HoTenNguoiKy => "Họ tên của người ký",
            Part::NoiNhan => "Nơi nhận",
        }
    }
}

fn blank(s: &str) -> bool {
    s.trim().is_empty()
}

impl OfficialDocument {
    /// The required parts that are missing or empty, in the order of Điều 8.
    pub fn missing_parts(&self) -> Vec<Part> {
        let mut out = Vec::new();
        if blank(&self.co_quan_ban_hanh) {
            out.push(Part::CoQuanBanHanh);
        }
        // "Số: …/KH-UBND": the code (type and body, or body and unit for a
        // công văn) is required; the number is written after signing.
        let code_ok = self
            .so_ky_hieu
            .rsplit_once('/')
            .and_then(|(_, code)| code.split_once('-'))
            .is_some_and(|(a, b)| {
                a.chars().any(char::is_alphabetic) && b.chars().any(char::is_alphabetic)
            });
        if !code_ok {
            out.push(Part::SoKyHieu);
        }
        if !self.dia_danh_ngay.contains("ngày")
            || self.dia_danh_ngay.trim_start().starts_with("ngày")
        {
            out.push(Part::DiaDanhNgay);
        }
        if blank(&self.ten_loai) && blank(&self.trich_yeu) {
            out.push(Part::TenLoaiTrichYeu);
        }
        if self.noi_dung.is_empty() {
            out.push(Part::NoiDung);
        }
        if self.chu_ky.tham_quyen.iter().all(|l| blank(l)) {
            out.push(Part::ChucVuNguoiKy);
        }
        if blank(&self.chu_ky.ho_ten) {
            out.push(Part::HoTenNguoiKy);
        }
        let ends_with_luu = self
            .noi_nhan
            .last()
            .is_some_and(|l| l.trim_start_matches(['-', ' ']).starts_with("Lưu:"));
        if !ends_with_luu {
            out.push(Part::NoiNhan);
        }
        out
    }

    /// The printed text, part by part, as it reads on paper (for golden
    /// files and for checking that every part is there).
    pub fn to_text(&self) -> String {
        let mut out = String::new();
        let mut line = |s: &str| {
            out.push_str(s.trim_end());
            out.push('\n');
        };
        if !blank(&self.co_quan_chu_quan) {
            line(&self.co_quan_chu_quan);
        }
        line(&self.co_quan_ban_hanh);
        line(&format!("Số: {}", self.so_ky_hieu));
        line(QUOC_HIEU);
        line(TIEU_NGU);
        line(&self.dia_danh_ngay);
        line("");
        if !blank(&self.ten_loai) {
            line(&self.ten_loai);
        }
        if !blank(&self.trich_yeu) {
            line(&self.trich_yeu);
        }
        line("");
        for c in &self.can_cu {
            line(c);
        }
        for b in &self.noi_dung {
            match b {
                Block::Heading(s) | Block::Paragraph(s) => line(s),
                Block::Item(s) => line(&format!("- {s}")),
                Block::Table { header, rows } => {
                    line(&header.join(" | "));
                    for r in rows {
                        line(&r.join(" | "));
                    }
                }
            }
        }
        line("");
        for l in &self.chu_ky.tham_quyen {
            line(l);
        }
        line("(Chữ ký, dấu)");
        line(&self.chu_ky.ho_ten);
        line("");
        line(NOI_NHAN);
        for n in &self.noi_nhan {
            line(&format!("- {n}"));
        }
        out
    }
}

/// Finishes a recipient list as NĐ 30/2020 Phụ lục I writes it: each line
/// ends with ";", the last is "Lưu: VT." (blank lines and repeats dropped).
pub fn recipient_lines<I, S>(recipients: I) -> Vec<String>
where
    I: IntoIterator<Item = S>,
    S: AsRef<str>,
{
    let mut out: Vec<String> = Vec::new();
    for r in recipients {
        let r = r.as_ref().trim().trim_end_matches([';', '.']).trim();
        if !r.is_empty() && !out.iter().any(|x| x.trim_end_matches(';') == r) {
            out.push(format!("{r};"));
        }
    }
    out.push("Lưu: VT.".to_string());
    out
}
