//! Chart layouts for a reporting round: units by status, and the main
//! figures by unit. Only numbers live here (the bars' positions and lengths
//! in the SVG's own coordinates); the page draws them and writes the labels
//! in the UI language. A bar's length is proportional to its value against
//! the largest value of the chart; a value that is not there ("chưa nộp",
//! "chưa nhập") gets no bar at all, so it is never drawn as a 0.

use super::status::StatusCounts;
use super::totals::{FieldTotal, UnitValue};

/// Width of the SVG's coordinate space.
pub const WIDTH: u32 = 640;
/// Space on the left for the category labels.
pub const LABEL_WIDTH: u32 = 250;
/// Longest bar (the largest value).
pub const BAR_MAX: u32 = 280;
/// Height of one bar.
pub const BAR_HEIGHT: u32 = 18;
/// Distance between the tops of two bars.
pub const ROW_HEIGHT: u32 = 26;
/// Space above the first bar and below the last.
pub const PAD: u32 = 8;
/// Space between a bar's end and its value.
pub const VALUE_GAP: u32 = 6;

/// The main figures drawn by unit: cases detected, cases sanctioned, and
/// money collected (the figures a Department reports first).
pub const MAIN_FIGURES: [&str; 3] = [
    "xu_phat.so_vu_phat_hien",
    "xu_phat.so_vu_bi_xu_phat",
    "xu_phat.tong_tien_thu_vnd",
];

/// One row of a horizontal bar chart.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BarRow {
    /// Index of the category in the input (the page looks up its label).
    pub index: usize,
    /// The value, `None` when there is none to draw.
    pub value: Option<u64>,
    /// Top of the row's bar.
    pub y: u32,
    /// Baseline of the row's label and value text.
    pub text_y: u32,
    /// Left of the bar (also where the label area ends).
    pub x: u32,
    /// Length of the bar: 0 for a zero or a missing value; at least 1 for
    /// any value above zero, so a small figure is still seen.
    pub width: u32,
    /// Where the value text starts.
    pub value_x: u32,
}

/// A horizontal bar chart laid out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BarChart {
    /// Width of the coordinate space (the SVG's viewBox).
    pub width: u32,
    /// Height of the coordinate space; grows with the number of rows.
    pub height: u32,
    /// The largest value (the full-length bar), 0 when there is none.
    pub max: u64,
    /// The rows, in input order.
    pub rows: Vec<BarRow>,
}

/// Lays out one bar per value, in order.
pub fn bar_chart(values: &[Option<u64>]) -> BarChart {
    let max = values.iter().flatten().copied().max().unwrap_or(0);
    let rows = values
        .iter()
        .enumerate()
        .map(|(i, v)| {
            let width = match *v {
                Some(n) if n > 0 && max > 0 => {
                    // u128: a money total times the bar length does not fit u64.
                    let w = u128::from(n) * u128::from(BAR_MAX) / u128::from(max);
                    u32::try_from(w).unwrap_or(BAR_MAX).max(1)
                }
                _ => 0,
            };
            let row = u32::try_from(i).unwrap_or(u32::MAX / ROW_HEIGHT);
            let y = PAD.saturating_add(row.saturating_mul(ROW_HEIGHT));
            BarRow {
                index: i,
                value: *v,
                y,
                text_y: y + BAR_HEIGHT - 4,
                x: LABEL_WIDTH,
                width,
                value_x: LABEL_WIDTH + width + VALUE_GAP,
            }
        })
        .collect();
    let n = u32::try_from(values.len()).unwrap_or(u32::MAX / ROW_HEIGHT);
    BarChart {
        width: WIDTH,
        height: (2 * PAD).saturating_add(n.saturating_mul(ROW_HEIGHT)),
        max,
        rows,
    }
}

/// The statuses counted in the "units by status" chart, in drawing order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StatusBar {
    /// Reported on or before the due date.
    DungHan,
    /// Reported after the due date.
    Cham,
    /// Not reported.
    ChuaNop,
    /// Reported, but some fields are not entered (these units are also
    /// counted as on time or late).
    ChuaDayDu,
}

/// Units by status: on time, late, not reported (the three add up to the
/// expected units), then incomplete.
pub fn status_bars(c: &StatusCounts) -> Vec<(StatusBar, u64)> {
    let n = |v: usize| u64::try_from(v).unwrap_or(u64::MAX);
    vec![
        (StatusBar::DungHan, n(c.da_nop.saturating_sub(c.cham))),
        (StatusBar::Cham, n(c.cham)),
        (StatusBar::ChuaNop, n(c.chua_nop)),
        (StatusBar::ChuaDayDu, n(c.chua_day_du)),
    ]
}

/// The figures of one total by unit, for [`bar_chart`]: a unit that did not
/// report or left the figure empty has `None` (no bar).
pub fn unit_values(total: &FieldTotal) -> Vec<(String, Option<u64>)> {
    total
        .theo_don_vi
        .iter()
        .map(|(unit, v)| {
            let value = match v {
                UnitValue::SoLieu(n) => Some(*n),
                UnitValue::ChuaNhap | UnitValue::ChuaNop => None,
            };
            (unit.clone(), value)
        })
        .collect()
}
