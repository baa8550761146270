//! The content of an urging letter (công văn đôn đốc) in the layout of
//! NĐ 30/2020/NĐ-CP, Phụ lục III, Mẫu 1.5 "Công văn" (legal reference
//! addendum §4): managing and issuing body, number and symbol, place and
//! date, "V/v" summary, "Kính gửi", the body (the report and period
//! concerned, what is missing for each unit, the new deadline), "Nơi nhận"
//! starting with "Như trên" and ending with "Lưu:", the signer. One letter
//! may go to one unit or to several. The page only lays it out.

use chrono::NaiveDate;
use serde::Serialize;

use super::status::{statuses, Submission, UnitStatus};
use super::{period_phrase_vi, Round, UrgingRecord};
use crate::i18n::{format_date, format_date_in_words, Lang};

/// What the letter asks of one unit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct UnitRequest {
    /// The unit's name.
    pub don_vi: String,
    /// "chưa gửi báo cáo", "gửi báo cáo chậm N ngày, còn thiếu: ...", ...
    pub noi_dung: String,
}

/// An urging letter's content, every part in Vietnamese as printed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct UrgingLetter {
    /// Managing body (ô 2, upper line), may be empty.
    pub co_quan_chu_quan: String,
    /// Issuing body (ô 2).
    pub co_quan_ban_hanh: String,
    /// "Số: 125/STP-QLXLVPHC" (ô 3); the number may be blank.
    pub so_ky_hieu: String,
    /// "Cần Thơ, ngày 05 tháng 01 năm 2022" (ô 4).
    pub dia_danh_ngay: String,
    /// "V/v đôn đốc gửi báo cáo ..." (ô 5b).
    pub v_v: String,
    /// Recipients after "Kính gửi:" (one per line when several).
    pub kinh_gui: Vec<String>,
    /// Body paragraphs (ô 6).
    pub mo_dau: String,
    /// What each unit must still send.
    pub yeu_cau: Vec<UnitRequest>,
    /// The closing paragraph with the new deadline (ends with "./.").
    pub ket_luan: String,
    /// "Nơi nhận:" lines, from "- Như trên;" to "- Lưu: ...".
    pub noi_nhan: Vec<String>,
    /// Signing authority and title lines (in capitals).
    pub chuc_vu_ky: Vec<String>,
    /// Signer's name.
    pub nguoi_ky: String,
}

/// Why a letter cannot be made.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LetterError {
    /// No unit chosen.
    #[error("chưa chọn đơn vị nhận công văn")]
    NoUnit,
    /// A chosen unit is not on the round's list.
    #[error("đơn vị \"{0}\" không có trong danh sách của đợt báo cáo")]
    UnknownUnit(String),
    /// The round has no issuing body: the letter would read "..., đề nghị"
    /// with nobody asking.
    #[error("chưa nhập tên cơ quan ban hành công văn (mục “Cơ quan ban hành công văn, báo cáo tổng hợp và người ký”)")]
    NoIssuer,
    /// The new deadline is before the letter's date.
    #[error("hạn mới phải từ ngày ký công văn trở đi")]
    DeadlineBeforeLetter,
}

/// What is missing for one unit, in words; `label` names a field code.
fn request_text(s: &UnitStatus<'_>, label: &dyn Fn(&str) -> String) -> String {
    let mut names: Vec<String> = s.thieu.iter().map(|m| label(m.code)).collect();
    names.dedup();
    request_words(s.nop, &names)
}

/// What is missing for one unit of a THPL round: the sections not filled in.
fn thpl_request_text(s: &super::thpl::ThplUnitStatus<'_>) -> String {
    let names: Vec<String> = s
        .sections_missing()
        .iter()
        .map(|sec| sec.heading_vi().to_owned())
        .collect();
    request_words(s.nop, &names)
}

/// The request in words from the unit's submission and what is missing.
fn request_words(nop: Submission, names: &[String]) -> String {
    let missing = || names.join("; ");
    match (nop, names.is_empty()) {
        (Submission::ChuaNop, _) => "chưa gửi báo cáo".to_owned(),
        (Submission::Cham { ngay }, true) => format!("gửi báo cáo chậm {ngay} ngày"),
        (Submission::Cham { ngay }, false) => format!(
            "gửi báo cáo chậm {ngay} ngày; báo cáo còn thiếu số liệu, nội dung: {}",
            missing()
        ),
        (Submission::DungHan, _) => {
            format!("báo cáo còn thiếu số liệu, nội dung: {}", missing())
        }
    }
}

/// Builds the letter to `units` (names on the round's list) dated `ngay`,
/// numbered `so` (may be empty), with the new deadline `han_moi`. `label`
/// names a field code in Vietnamese.
pub fn urging_letter(
    round: &Round,
    units: &[String],
    so: &str,
    ngay: NaiveDate,
    han_moi: NaiveDate,
    label: &dyn Fn(&str) -> String,
) -> Result<UrgingLetter, LetterError> {
    if units.is_empty() {
        return Err(LetterError::NoUnit);
    }
    if han_moi < ngay {
        return Err(LetterError::DeadlineBeforeLetter);
    }
    if round.co_quan_ban_hanh.co_quan.ten.trim().is_empty() {
        return Err(LetterError::NoIssuer);
    }
    // (unit name, what it must still send), in the order chosen.
    let mut chosen: Vec<(String, String)> = Vec::with_capacity(units.len());
    if round.is_thpl() {
        let st = super::thpl::thpl_statuses(round);
        for name in units {
            let key = super::unit_key(name);
            let s = st
                .iter()
                .find(|s| super::unit_key(&s.don_vi.ten) == key)
                .ok_or_else(|| LetterError::UnknownUnit(name.clone()))?;
            chosen.push((s.don_vi.ten.clone(), thpl_request_text(s)));
        }
    } else {
        let st = statuses(round);
        for name in units {
            let key = super::unit_key(name);
            let s = st
                .iter()
                .find(|s| super::unit_key(&s.don_vi.ten) == key)
                .ok_or_else(|| LetterError::UnknownUnit(name.clone()))?;
            chosen.push((s.don_vi.ten.clone(), request_text(s, label)));
        }
    }
    let issuer = &round.co_quan_ban_hanh;
    let ky = period_phrase_vi(&round.ky_bao_cao);
    let bao_cao = if round.is_thpl() {
        format!("báo cáo công tác theo dõi tình hình thi hành pháp luật {ky}",)
    } else {
        format!("báo cáo công tác thi hành pháp luật về xử lý vi phạm hành chính {ky}")
    };
    let che_do = if round.is_thpl() {
        thpl_regime_vi(round)
    } else {
        round.che_do_bao_cao.legal_text_vi().to_owned()
    };
    let so_ky_hieu = if so.trim().is_empty() {
        format!("Số:      /{}", issuer.ky_hieu)
    } else {
        format!("Số: {}/{}", so.trim(), issuer.ky_hieu)
    };
    let mo_dau = format!(
        "Thực hiện chế độ báo cáo theo {}, {} đề nghị các cơ quan, đơn vị gửi {} \
         (kỳ báo cáo từ ngày {} đến ngày {}) về {} trước ngày {}. Đến ngày {}, {} \
         ghi nhận tình hình gửi báo cáo của các cơ quan, đơn vị như sau:",
        che_do,
        issuer.co_quan.ten,
        bao_cao,
        format_date(round.ky_bao_cao.tu_ngay),
        format_date(round.ky_bao_cao.den_ngay),
        issuer.co_quan.ten,
        format_date(round.han_nop),
        format_date(ngay),
        issuer.co_quan.ten,
    );
    let yeu_cau = chosen
        .iter()
        .map(|(don_vi, noi_dung)| UnitRequest {
            don_vi: don_vi.clone(),
            noi_dung: noi_dung.clone(),
        })
        .collect();
    let ket_luan = format!(
        "Để kịp thời tổng hợp, báo cáo theo quy định, {} đề nghị các cơ quan, đơn vị nêu \
         trên khẩn trương gửi báo cáo hoặc bổ sung số liệu, nội dung còn thiếu về {} \
         chậm nhất ngày {}./.",
        issuer.co_quan.ten,
        issuer.co_quan.ten,
        format_date(han_moi),
    );
    let mut noi_nhan = vec!["- Như trên;".to_owned()];
    for other in &issuer.noi_nhan_khac {
        if !other.trim().is_empty() {
            noi_nhan.push(format!("- {};", other.trim().trim_end_matches(';')));
        }
    }
    noi_nhan.push(format!(
        "- Lưu: {}.",
        issuer.luu.trim().trim_end_matches('.')
    ));
    Ok(UrgingLetter {
        co_quan_chu_quan: issuer.co_quan.co_quan_chu_quan.to_uppercase(),
        co_quan_ban_hanh: issuer.co_quan.ten.to_uppercase(),
        so_ky_hieu,
        dia_danh_ngay: format_date_in_words(&issuer.dia_danh, ngay, Lang::Vi),
        v_v: format!("V/v đôn đốc gửi {bao_cao}"),
        kinh_gui: chosen.iter().map(|(don_vi, _)| don_vi.clone()).collect(),
        mo_dau,
        yeu_cau,
        ket_luan,
        noi_nhan,
        chuc_vu_ky: issuer.chuc_vu_ky.iter().map(|l| l.to_uppercase()).collect(),
        nguoi_ky: issuer.nguoi_ky.clone(),
    })
}

/// The texts a THPL round's reports are made under, as the letter cites
/// them: the decree and the guiding circular in force for the round's year.
fn thpl_regime_vi(round: &Round) -> String {
    match crate::report::thpl::rules::texts(round.ky_bao_cao.year()) {
        Ok(t) => format!("{} và {}", t.decree_vi, t.guidance_vi),
        Err(_) => "Nghị định số 59/2012/NĐ-CP".to_owned(),
    }
}

/// The record of a letter for the round's status table.
pub fn record_of(letter: &UrgingLetter, ngay: NaiveDate, han_moi: NaiveDate) -> UrgingRecord {
    UrgingRecord {
        ngay,
        so_ky_hieu: letter.so_ky_hieu.clone(),
        don_vi: letter.kinh_gui.clone(),
        han_moi,
    }
}

/// The "Kính gửi" block as printed: one recipient on the same line, several
/// one per line with "-", ";" and a final ".".
pub fn kinh_gui_lines(recipients: &[String]) -> Vec<String> {
    match recipients {
        [one] => vec![format!("Kính gửi: {one}")],
        many => {
            let mut out = vec!["Kính gửi:".to_owned()];
            let last = many.len().saturating_sub(1);
            for (i, r) in many.iter().enumerate() {
                out.push(format!("- {r}{}", if i == last { "." } else { ";" }));
            }
            out
        }
    }
}
