//! The round's Excel workbook (.xlsx), the tables the Department's staff
//! forward and edit: sheet 1 the status of every expected unit, sheet 2
//! every count by unit with the total. Figures are numbers (summable in
//! Excel); a unit that did not report or left a count empty gets the words
//! "Chưa nộp" / "Chưa nhập", never 0. Written in memory with the small
//! writer of `report::xlsx`, so the same code runs in native tests and the
//! browser.

use chrono::{DateTime, Utc};

use super::status::{statuses, Submission};
use super::totals::{totals, UnitValue};
use super::Round;
use crate::i18n::format_date;
use crate::report::xlsx::Workbook;
pub use crate::report::xlsx::XlsxError;

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
    let mut wb = Workbook::new(&round.ten, now);

    let st = statuses(round);
    let sheet = wb.add_sheet(STATUS_SHEET);
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
        sheet.bold(0, col(c), *h);
    }
    for (i, s) in st.iter().enumerate() {
        let r = row(i + 1);
        sheet.text(r, 0, &s.don_vi.ten);
        let (text, late) = match s.nop {
            Submission::DungHan => ("Đúng hạn", None),
            Submission::Cham { ngay } => ("Chậm", Some(ngay)),
            Submission::ChuaNop => ("Chưa nộp", None),
        };
        sheet.text(r, 1, text);
        if let Some(days) = late {
            #[allow(clippy::cast_precision_loss)]
            sheet.number(r, 2, days as f64);
        }
        if let Some(f) = s.hien_hanh {
            sheet.text(r, 3, format_date(f.ngay_nhan));
            sheet.text(r, 4, &f.ten_tep);
        }
        let mut missing: Vec<String> = s.thieu.iter().map(|m| label(m.code)).collect();
        missing.dedup();
        sheet.text(r, 5, missing.join("; "));
        let urged: Vec<String> = s.don_doc.iter().map(|d| format_date(*d)).collect();
        sheet.text(r, 6, urged.join("; "));
    }
    sheet.width(0, 40.0);
    sheet.width(5, 40.0);

    let all = totals(round, None);
    let sheet = wb.add_sheet(FIGURES_SHEET);
    sheet.bold(0, 0, "Số liệu");
    sheet.bold(0, 1, "Mã");
    sheet.bold(0, 2, "Tổng");
    for (u, s) in st.iter().enumerate() {
        sheet.bold(0, col(u + 3), &s.don_vi.ten);
    }
    for (i, t) in all.iter().enumerate() {
        let r = row(i + 1);
        sheet.text(r, 0, label(t.code));
        sheet.text(r, 1, t.code);
        match t.tong {
            Some(n) => sheet.number(r, 2, number(n)),
            None => sheet.text(r, 2, "Chưa nhập"),
        };
        for (u, (_, v)) in t.theo_don_vi.iter().enumerate() {
            let c = col(u + 3);
            match v {
                UnitValue::SoLieu(n) => sheet.number(r, c, number(*n)),
                UnitValue::ChuaNhap => sheet.text(r, c, "Chưa nhập"),
                UnitValue::ChuaNop => sheet.text(r, c, "Chưa nộp"),
            };
        }
    }
    sheet.width(0, 50.0);
    wb.save()
}
