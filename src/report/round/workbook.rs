//! The round's Excel workbook (.xlsx), the tables the Department's staff
//! forward and edit: sheet 1 the status of every expected unit, sheet 2
//! every count by unit with the total. Figures are numbers (summable in
//! Excel); a unit that did not report or left a count empty gets the words
//! "Chưa nộp" / "Chưa nhập", never 0. Written in memory with
//! rust_xlsxwriter, so the same code runs in native tests and the browser.

use chrono::{DateTime, Datelike, Timelike, Utc};
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook, XlsxError};

use super::status::{statuses, Submission};
use super::totals::{totals, UnitValue};
use super::Round;
use crate::i18n::format_date;

/// Name of the status sheet.
pub const STATUS_SHEET: &str = "Tình hình gửi báo cáo";
/// Name of the figures sheet.
pub const FIGURES_SHEET: &str = "Số liệu";

fn row(i: usize) -> u32 {
    u32::try_from(i).unwrap_or(u32::MAX)
}

fn col(i: usize) -> u16 {
    u16::try_from(i).unwrap_or(u16::MAX)
}

/// Excel numbers are doubles: exact up to 2^53, far above any count or
/// amount of đồng a report holds.
#[allow(clippy::cast_precision_loss)]
fn number(n: u64) -> f64 {
    n as f64
}

/// The workbook's file name: "tong-hop_<round name as ASCII>.xlsx".
pub fn file_name(round: &Round) -> String {
    let slug = crate::report::file_name::slug(&round.ten);
    if slug.is_empty() {
        "tong-hop.xlsx".to_owned()
    } else {
        format!("tong-hop_{slug}.xlsx")
    }
}

/// The workbook of `round`, made at `now` (its document date), with field
/// codes named by `label`.
pub fn workbook(
    round: &Round,
    now: DateTime<Utc>,
    label: &dyn Fn(&str) -> String,
) -> Result<Vec<u8>, XlsxError> {
    let mut wb = Workbook::new();
    let made = ExcelDateTime::from_ymd(
        u16::try_from(now.year()).unwrap_or(2000),
        u8::try_from(now.month()).unwrap_or(1),
        u8::try_from(now.day()).unwrap_or(1),
    )?
    .and_hms(
        u16::try_from(now.hour()).unwrap_or(0),
        u8::try_from(now.minute()).unwrap_or(0),
        now.second(),
    )?;
    wb.set_properties(
        &DocProperties::new()
            .set_title(&round.ten)
            .set_creation_datetime(&made),
    );
    let bold = Format::new().set_bold();

    let st = statuses(round);
    let sheet = wb.add_worksheet();
    sheet.set_name(STATUS_SHEET)?;
    let heads = [
        "Đơn vị",
        "Tình trạng",
        "Số ngày chậm",
        "Ngày nhận",
        "Tệp",
        "Số liệu, nội dung còn thiếu",
        "Đã đôn đốc ngày",
    ];
    for (c, h) in heads.iter().enumerate() {
        sheet.write_string_with_format(0, col(c), *h, &bold)?;
    }
    for (i, s) in st.iter().enumerate() {
        let r = row(i + 1);
        sheet.write_string(r, 0, &s.don_vi.ten)?;
        let (text, late) = match s.nop {
            Submission::DungHan => ("Đúng hạn", None),
            Submission::Cham { ngay } => ("Chậm", Some(ngay)),
            Submission::ChuaNop => ("Chưa nộp", None),
        };
        sheet.write_string(r, 1, text)?;
        if let Some(days) = late {
            #[allow(clippy::cast_precision_loss)]
            sheet.write_number(r, 2, days as f64)?;
        }
        if let Some(f) = s.hien_hanh {
            sheet.write_string(r, 3, format_date(f.ngay_nhan))?;
            sheet.write_string(r, 4, &f.ten_tep)?;
        }
        let mut missing: Vec<String> = s.thieu.iter().map(|m| label(m.code)).collect();
        missing.dedup();
        sheet.write_string(r, 5, missing.join("; "))?;
        let urged: Vec<String> = s.don_doc.iter().map(|d| format_date(*d)).collect();
        sheet.write_string(r, 6, urged.join("; "))?;
    }
    sheet.set_column_width(0, 40)?;
    sheet.set_column_width(5, 40)?;

    let all = totals(round, None);
    let sheet = wb.add_worksheet();
    sheet.set_name(FIGURES_SHEET)?;
    sheet.write_string_with_format(0, 0, "Số liệu", &bold)?;
    sheet.write_string_with_format(0, 1, "Mã", &bold)?;
    sheet.write_string_with_format(0, 2, "Tổng", &bold)?;
    for (u, s) in st.iter().enumerate() {
        sheet.write_string_with_format(0, col(u + 3), &s.don_vi.ten, &bold)?;
    }
    for (i, t) in all.iter().enumerate() {
        let r = row(i + 1);
        sheet.write_string(r, 0, label(t.code))?;
        sheet.write_string(r, 1, t.code)?;
        match t.tong {
            Some(n) => sheet.write_number(r, 2, number(n))?,
            None => sheet.write_string(r, 2, "Chưa nhập")?,
        };
        for (u, (_, v)) in t.theo_don_vi.iter().enumerate() {
            let c = col(u + 3);
            match v {
                UnitValue::SoLieu(n) => sheet.write_number(r, c, number(*n))?,
                UnitValue::ChuaNhap => sheet.write_string(r, c, "Chưa nhập")?,
                UnitValue::ChuaNop => sheet.write_string(r, c, "Chưa nộp")?,
            };
        }
    }
    sheet.set_column_width(0, 50)?;
    wb.save_to_buffer()
}
