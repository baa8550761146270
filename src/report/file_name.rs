//! ASCII-safe export file names that say what they hold, e.g.
//! `bao-cao-kiem-tra_09-KH-UBND_2021_ubnd-quan-ninh-kieu.json`.
//!
//! Parts are joined by `_`; inside a part, words are joined by `-`.
//! Vietnamese diacritics are removed (đ/Đ → d/D, every tone mark on
//! a ă â e ê i o ô ơ u ư y, upper case too, precomposed or combining).
//! Free text (unit names) is lowercased; a document's number and code keep
//! their case, as written on the document ("09/KH-UBND" → "09-KH-UBND").

use super::envelope::ReportContent;
use super::inspection::Scope;
use super::period::PeriodKind;

/// Longest file name produced, in bytes (well under common 255-byte limits,
/// leaving room for " (1)" suffixes browsers add).
pub const MAX_FILE_NAME_LEN: usize = 120;

const FOLDS: [(&str, char); 14] = [
    ("àáảãạăằắẳẵặâầấẩẫậ", 'a'),
    ("ÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬ", 'A'),
    ("èéẻẽẹêềếểễệ", 'e'),
    ("ÈÉẺẼẸÊỀẾỂỄỆ", 'E'),
    ("ìíỉĩị", 'i'),
    ("ÌÍỈĨỊ", 'I'),
    ("òóỏõọôồốổỗộơờớởỡợ", 'o'),
    ("ÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢ", 'O'),
    ("ùúủũụưừứửữự", 'u'),
    ("ÙÚỦŨỤƯỪỨỬỮỰ", 'U'),
    ("ỳýỷỹỵ", 'y'),
    ("ỲÝỶỸỴ", 'Y'),
    ("đ", 'd'),
    ("Đ", 'D'),
];

/// `c` without Vietnamese diacritics; `None` for combining marks
/// (U+0300–U+036F), which are dropped; other characters unchanged.
fn fold_char(c: char) -> Option<char> {
    if ('\u{300}'..='\u{36f}').contains(&c) {
        return None;
    }
    if c.is_ascii() {
        return Some(c);
    }
    Some(
        FOLDS
            .iter()
            .find(|(set, _)| set.contains(c))
            .map_or(c, |(_, base)| *base),
    )
}

/// Removes Vietnamese diacritics, keeping case: "Đoàn Kiểm tra" → "Doan Kiem tra".
pub fn strip_diacritics(s: &str) -> String {
    s.chars().filter_map(fold_char).collect()
}

/// ASCII letters and digits kept (case kept), every other run of characters
/// becomes one `-`, no leading or trailing `-`.
fn dashed(s: &str) -> String {
    let mut out = String::new();
    let mut pending_dash = false;
    for c in strip_diacritics(s).chars() {
        if c.is_ascii_alphanumeric() {
            if pending_dash && !out.is_empty() {
                out.push('-');
            }
            pending_dash = false;
            out.push(c);
        } else {
            pending_dash = true;
        }
    }
    out
}

/// Lowercase ASCII slug: "Ủy ban nhân dân quận Ninh Kiều" →
/// "uy-ban-nhan-dan-quan-ninh-kieu".
pub fn slug(s: &str) -> String {
    dashed(s).to_ascii_lowercase()
}

/// Slug of a document number and code, case kept: "09/KH-UBND" → "09-KH-UBND".
pub fn code_slug(s: &str) -> String {
    dashed(s)
}

/// Slug of a unit name, with "ủy ban nhân dân" shortened to "ubnd".
pub fn unit_slug(s: &str) -> String {
    let full = slug(s);
    let dashed_full = format!("-{full}-");
    let short = dashed_full.replace("-uy-ban-nhan-dan-", "-ubnd-");
    short.trim_matches('-').to_owned()
}

/// Cuts `s` to at most `max` bytes at a `-` boundary (or hard, if none).
fn truncate_slug(s: &str, max: usize) -> String {
    if s.len() <= max {
        return s.to_owned();
    }
    // Slugs are ASCII, so byte slicing is safe.
    let cut = &s[..max];
    let cut = match cut.rfind('-') {
        Some(i) if i > 0 && s.as_bytes().get(max) != Some(&b'-') => &cut[..i],
        _ => cut,
    };
    cut.trim_end_matches('-').to_owned()
}

fn kind_slug(k: PeriodKind) -> &'static str {
    match k {
        PeriodKind::DinhKyNam => "nam",
        PeriodKind::SauThangDau => "6-thang-dau",
        PeriodKind::SauThangCuoi => "6-thang-cuoi",
        PeriodKind::ChuyenDe => "chuyen-de",
        PeriodKind::DotXuat => "dot-xuat",
        PeriodKind::KeHoachNam => "ke-hoach-nam",
    }
}

/// Joins non-empty parts with `_`, shortening the last (unit) part and then
/// the code part so the whole name with `.json` fits [`MAX_FILE_NAME_LEN`].
fn join_limited(fixed_head: &str, code: &str, middle: &str, unit: &str) -> String {
    const EXT: &str = ".json";
    let parts_len = |parts: &[&str]| -> usize {
        let non_empty: Vec<&&str> = parts.iter().filter(|p| !p.is_empty()).collect();
        non_empty.iter().map(|p| p.len()).sum::<usize>() + non_empty.len().saturating_sub(1)
    };
    let budget = MAX_FILE_NAME_LEN - EXT.len();
    let mut code = code.to_owned();
    let mut unit = unit.to_owned();
    let over = parts_len(&[fixed_head, &code, middle, &unit]).saturating_sub(budget);
    if over > 0 {
        unit = truncate_slug(&unit, unit.len().saturating_sub(over));
    }
    let over = parts_len(&[fixed_head, &code, middle, &unit]).saturating_sub(budget);
    if over > 0 {
        code = truncate_slug(&code, code.len().saturating_sub(over));
    }
    let parts: Vec<&str> = [fixed_head, code.as_str(), middle, unit.as_str()]
        .into_iter()
        .filter(|p| !p.is_empty())
        .collect();
    format!("{}{EXT}", parts.join("_"))
}

/// The export file name of a report.
///
/// - Periodic: `bao-cao-dinh-ky_<số ký hiệu>_<year>-<kind>_<unit>.json`
/// - Inspection: `bao-cao-kiem-tra_<plan số ký hiệu>_<year>_<unit>.json`,
///   where unit is the inspected unit when the scope is one unit, else the
///   reporting unit.
/// - Consolidated: `bao-cao-tong-hop_<số ký hiệu>_<year>-<kind>_<unit>.json`.
/// - Yearly THPL: `bao-cao-theo-doi-thpl_<số ký hiệu>_<year>_<unit>.json`.
///
/// Empty parts are left out.
pub fn export_file_name(report: &ReportContent) -> String {
    match report {
        ReportContent::DinhKy(r) => join_limited(
            "bao-cao-dinh-ky",
            &code_slug(&r.so_ky_hieu),
            &format!("{}-{}", r.ky_bao_cao.year(), kind_slug(r.ky_bao_cao.loai)),
            &unit_slug(&r.don_vi_bao_cao.ten),
        ),
        ReportContent::KiemTra(r) => {
            let unit = match &r.pham_vi {
                Scope::MotDonVi { don_vi } => don_vi.as_str(),
                Scope::ToanKeHoach => r.don_vi_bao_cao.ten.as_str(),
            };
            join_limited(
                "bao-cao-kiem-tra",
                &code_slug(&r.ke_hoach.so_ky_hieu),
                &r.ky_bao_cao.year().to_string(),
                &unit_slug(unit),
            )
        }
        ReportContent::TongHop(r) => join_limited(
            "bao-cao-tong-hop",
            &code_slug(&r.so_ky_hieu),
            &format!("{}-{}", r.ky_bao_cao.year(), kind_slug(r.ky_bao_cao.loai)),
            &unit_slug(&r.don_vi_bao_cao.ten),
        ),
        ReportContent::TheoDoiThpl(r) => join_limited(
            "bao-cao-theo-doi-thpl",
            &code_slug(&r.so_ky_hieu),
            &r.ky_bao_cao.year().to_string(),
            &unit_slug(&r.don_vi_bao_cao.ten),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_vietnamese_vowel_with_every_tone_folds_to_its_base_letter() {
        let lower = "aàáảãạăằắẳẵặâầấẩẫậeèéẻẽẹêềếểễệiìíỉĩịoòóỏõọôồốổỗộơờớởỡợuùúủũụưừứửữựyỳýỷỹỵđ";
        let folded = strip_diacritics(lower);
        assert_eq!(
            folded,
            format!(
                "{}{}{}{}{}{}d",
                "a".repeat(18),
                "e".repeat(12),
                "i".repeat(6),
                "o".repeat(18),
                "u".repeat(12),
                "y".repeat(6)
            )
        );
        assert_eq!(
            strip_diacritics(&lower.to_uppercase()),
            folded.to_uppercase()
        );
    }

    #[test]
    fn combining_marks_are_dropped() {
        // "Kiểm" written with a combining circumflex and hook above.
        assert_eq!(strip_diacritics("Kie\u{302}\u{309}m"), "Kiem");
    }

    #[test]
    fn truncation_cuts_at_a_dash() {
        assert_eq!(truncate_slug("abc-def-ghi", 9), "abc-def");
        assert_eq!(truncate_slug("abc-def-ghi", 7), "abc-def");
        assert_eq!(truncate_slug("abcdefghi", 4), "abcd");
    }
}
