//! Chart layouts of a reporting round: bar lengths proportional to the
//! largest value, missing values without a bar (never a 0), small figures
//! still visible, huge money totals without overflow, and the units-by-status
//! counts adding up to the expected units.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use kiemtra::report::round::charts::{
    bar_chart, status_bars, unit_values, StatusBar, BAR_MAX, LABEL_WIDTH, PAD, ROW_HEIGHT,
    VALUE_GAP,
};
use kiemtra::report::round::status::StatusCounts;
use kiemtra::report::round::totals::{FieldTotal, UnitValue};

#[test]
fn bars_are_proportional_to_the_largest_value() {
    let c = bar_chart(&[Some(10), Some(40), Some(20)]);
    assert_eq!(c.max, 40);
    let w: Vec<u32> = c.rows.iter().map(|r| r.width).collect();
    assert_eq!(w, vec![BAR_MAX / 4, BAR_MAX, BAR_MAX / 2]);
    assert!(c.rows.iter().all(|r| r.x == LABEL_WIDTH));
    assert_eq!(c.rows[1].value_x, LABEL_WIDTH + BAR_MAX + VALUE_GAP);
}

#[test]
fn rows_stack_down_and_the_chart_grows_with_them() {
    let c = bar_chart(&[Some(1); 12]);
    assert_eq!(c.rows[0].y, PAD);
    assert_eq!(c.rows[11].y, PAD + 11 * ROW_HEIGHT);
    assert_eq!(c.height, 2 * PAD + 12 * ROW_HEIGHT);
    assert!(c.rows.windows(2).all(|w| w[1].y > w[0].y));
    assert!(c.rows.iter().all(|r| r.text_y > r.y));
}

#[test]
fn a_missing_value_has_no_bar_and_is_kept_apart_from_zero() {
    let c = bar_chart(&[None, Some(0), Some(5)]);
    assert_eq!(c.rows[0].value, None);
    assert_eq!(c.rows[0].width, 0);
    assert_eq!(c.rows[1].value, Some(0));
    assert_eq!(c.rows[1].width, 0);
    assert_eq!(c.rows[2].width, BAR_MAX);
}

#[test]
fn a_small_value_beside_a_huge_one_is_still_visible() {
    let c = bar_chart(&[Some(1), Some(1_000_000_000)]);
    assert_eq!(c.rows[0].width, 1);
    assert_eq!(c.rows[1].width, BAR_MAX);
}

#[test]
fn huge_money_totals_do_not_overflow() {
    let c = bar_chart(&[Some(u64::MAX - 1), Some((u64::MAX - 1) / 2)]);
    assert_eq!(c.rows[0].width, BAR_MAX);
    assert_eq!(c.rows[1].width, BAR_MAX / 2);
}

#[test]
fn nothing_to_draw_gives_an_empty_chart_without_dividing_by_zero() {
    let empty = bar_chart(&[]);
    assert!(empty.rows.is_empty());
    assert_eq!(empty.height, 2 * PAD);
    let zeros = bar_chart(&[Some(0), None]);
    assert_eq!(zeros.max, 0);
    assert!(zeros.rows.iter().all(|r| r.width == 0));
}

#[test]
fn units_by_status_add_up_to_the_expected_units() {
    let c = StatusCounts {
        du_kien: 12,
        da_nop: 9,
        cham: 2,
        chua_nop: 3,
        chua_day_du: 1,
        ngoai_danh_sach: 1,
    };
    let bars = status_bars(&c);
    assert_eq!(
        bars,
        vec![
            (StatusBar::DungHan, 7),
            (StatusBar::Cham, 2),
            (StatusBar::ChuaNop, 3),
            (StatusBar::ChuaDayDu, 1),
        ]
    );
    let exclusive: u64 = bars[..3].iter().map(|(_, n)| n).sum();
    assert_eq!(exclusive, 12);
}

#[test]
fn figures_by_unit_draw_no_bar_for_not_reported_or_not_entered() {
    let t = FieldTotal {
        code: "xu_phat.so_vu_phat_hien",
        tong: Some(7),
        so_don_vi_da_nhap: 2,
        so_don_vi_chua_nhap: 1,
        theo_don_vi: vec![
            ("A".into(), UnitValue::SoLieu(7)),
            ("B".into(), UnitValue::SoLieu(0)),
            ("C".into(), UnitValue::ChuaNhap),
            ("D".into(), UnitValue::ChuaNop),
        ],
        ky_truoc: None,
    };
    let v = unit_values(&t);
    assert_eq!(
        v,
        vec![
            ("A".to_string(), Some(7)),
            ("B".to_string(), Some(0)),
            ("C".to_string(), None),
            ("D".to_string(), None),
        ]
    );
    let c = bar_chart(&v.iter().map(|(_, n)| *n).collect::<Vec<_>>());
    assert_eq!(
        c.rows.iter().map(|r| r.width).collect::<Vec<_>>(),
        vec![BAR_MAX, 0, 0, 0]
    );
}
