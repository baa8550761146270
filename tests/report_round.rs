//! The reporting round (đợt báo cáo) of the Department of Justice: the
//! expected-unit list, receiving files (duplicates, corrections, unknown
//! units, broken files), timeliness, completeness, totals of every count
//! with "not entered" apart from 0, the previous-round comparison, the
//! urging letter and the consolidated report file.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "fixtures/report/fixtures.rs"]
mod fixtures;

use fixtures::*;
use kiemtra::report::period::{Regime, ReportPeriod};
use kiemtra::report::periodic::{PeriodicReport, ReportingUnit};
use kiemtra::report::round::consolidated::consolidate;
use kiemtra::report::round::letter::{kinh_gui_lines, record_of, urging_letter, LetterError};
use kiemtra::report::round::status::counts;
use kiemtra::report::round::totals::UnitValue;
use kiemtra::report::round::units::{
    parse_csv, parse_file, parse_json, parse_lines, UnitListError,
};
use kiemtra::report::round::{
    count_line, previous_round, receive, statuses, totals, unit_key, Incoming, Issuer, Received,
    Receiver, Rejection, Round, Submission, FIELDS,
};
use kiemtra::report::{export, verify, ReportContent, VerifyResult};
use serde_json::Value;

const DUE: (i32, u32, u32) = (2021, 12, 17);

fn unit(ten: &str) -> ReportingUnit {
    ReportingUnit {
        ten: ten.into(),
        co_quan_chu_quan: "Thành phố Cần Thơ".into(),
    }
}

fn round() -> Round {
    let mut r = Round::new(
        "Báo cáo năm 2021",
        ReportPeriod::yearly(2021).unwrap(),
        Regime::Tt16_2018,
        d(DUE.0, DUE.1, DUE.2),
    );
    r.co_quan_ban_hanh = Issuer {
        co_quan: ReportingUnit {
            ten: "Sở Tư pháp".into(),
            co_quan_chu_quan: "Ủy ban nhân dân thành phố Cần Thơ".into(),
        },
        ky_hieu: "STP-QLXLVPHC".into(),
        dia_danh: "Cần Thơ".into(),
        chuc_vu_ky: vec!["KT. Giám đốc".into(), "Phó Giám đốc".into()],
        nguoi_ky: "Nguyễn Văn A".into(),
        noi_nhan_khac: vec!["Giám đốc Sở (để báo cáo)".into()],
        luu: "VT, QLXLVPHC".into(),
    };
    for name in [
        "Ủy ban nhân dân quận Ninh Kiều",
        "Ủy ban nhân dân quận Bình Thủy",
        "Ủy ban nhân dân quận Cái Răng",
        "Sở Tài chính",
    ] {
        assert!(r.add_unit(unit(name)));
    }
    r
}

/// A complete report of `ten` with `so_vu_phat_hien` = `n`.
fn report_of(ten: &str, n: u64) -> PeriodicReport {
    let mut r = periodic_ninh_kieu_2021();
    r.don_vi_bao_cao = unit(ten);
    r.xu_phat.so_vu_phat_hien = Some(n);
    r
}

fn file_text(r: PeriodicReport) -> String {
    export(ReportContent::DinhKy(r), APP_VERSION, generated_at())
        .unwrap()
        .text
}

fn incoming<'a>(name: &'a str, text: &'a str, day: u32) -> Incoming<'a> {
    Incoming {
        ten_tep: name,
        text,
        ngay_nhan: d(2021, 12, day),
    }
}

fn accepted(r: &Received) -> (u32, Option<u32>, bool) {
    match r {
        Received::Accepted {
            seq,
            thay_the,
            ngoai_danh_sach,
            ..
        } => (*seq, *thay_the, *ngoai_danh_sach),
        other => panic!("not accepted: {other:?}"),
    }
}

// ---- expected units -------------------------------------------------------

#[test]
fn pasted_lines_give_units_with_bullets_and_managing_bodies() {
    let units = parse_lines(
        "  - Sở Tài chính\n\n1. Ủy ban nhân dân quận Ninh Kiều | Thành phố Cần Thơ\n• Sở   Xây dựng \n",
    )
    .unwrap();
    let names: Vec<&str> = units.iter().map(|u| u.ten.as_str()).collect();
    assert_eq!(
        names,
        [
            "Sở Tài chính",
            "Ủy ban nhân dân quận Ninh Kiều",
            "Sở Xây dựng"
        ]
    );
    assert_eq!(units[1].co_quan_chu_quan, "Thành phố Cần Thơ");
}

#[test]
fn a_unit_listed_twice_is_refused_with_both_lines() {
    // Old and new tone placement name the same unit.
    let err = parse_lines("Uỷ ban nhân dân quận Ô Môn\nSở Tài chính\nỦy ban nhân dân quận Ô Môn")
        .unwrap_err();
    assert_eq!(
        err,
        UnitListError::Duplicate {
            line: 3,
            first: 1,
            name: "Ủy ban nhân dân quận Ô Môn".into()
        }
    );
    assert!(err.to_string().contains("dòng 3"));
    assert_eq!(parse_lines(" \n\n").unwrap_err(), UnitListError::Empty);
    let long = "x".repeat(301);
    assert!(matches!(
        parse_lines(&long).unwrap_err(),
        UnitListError::NameTooLong { line: 1, .. }
    ));
    assert_eq!(
        parse_lines("Sở\u{7}Tài chính").unwrap_err(),
        UnitListError::ControlChar { line: 1 }
    );
}

#[test]
fn a_csv_list_with_header_quotes_and_semicolons_is_read() {
    let units = parse_csv(
        "\u{feff}Tên đơn vị,Cơ quan chủ quản\n\"Ủy ban nhân dân huyện Phong Điền\",\"Thành phố Cần Thơ\"\n\"Sở Tài nguyên và Môi trường, Cần Thơ\",\n",
    )
    .unwrap();
    assert_eq!(units.len(), 2);
    assert_eq!(units[0].ten, "Ủy ban nhân dân huyện Phong Điền");
    assert_eq!(units[1].ten, "Sở Tài nguyên và Môi trường, Cần Thơ");
    let semi =
        parse_csv("ten;co_quan_chu_quan\nSở Y tế;Ủy ban nhân dân thành phố Cần Thơ").unwrap();
    assert_eq!(
        semi[0].co_quan_chu_quan,
        "Ủy ban nhân dân thành phố Cần Thơ"
    );
    assert_eq!(
        parse_csv("Sở Y tế\n\"Sở Tài chính").unwrap_err(),
        UnitListError::CsvQuote { line: 2 }
    );
    assert_eq!(
        parse_csv("Sở Y tế,Cần Thơ,thừa").unwrap_err(),
        UnitListError::CsvColumns { line: 1, found: 3 }
    );
}

#[test]
fn a_json_list_of_names_or_objects_is_read_and_bad_entries_named() {
    let units =
        parse_json(r#"["Sở Y tế", {"ten": "Sở Tài chính", "co_quan_chu_quan": "Cần Thơ"}]"#)
            .unwrap();
    assert_eq!(units[1].co_quan_chu_quan, "Cần Thơ");
    assert_eq!(
        parse_json(r#"["Sở Y tế", 5]"#).unwrap_err(),
        UnitListError::JsonEntry { entry: 2 }
    );
    assert_eq!(
        parse_json(r#"{"ten": "Sở Y tế"}"#).unwrap_err(),
        UnitListError::JsonEntry { entry: 0 }
    );
    assert!(matches!(
        parse_json("[\"Sở Y tế\"").unwrap_err(),
        UnitListError::NotJson { .. }
    ));
    assert_eq!(parse_file("ds.CSV", "Sở Y tế").unwrap().len(), 1);
    assert_eq!(
        parse_file("ds.txt", "Sở Y tế\nSở Tài chính").unwrap().len(),
        2
    );
}

#[test]
fn unit_names_match_whatever_the_spacing_case_and_tone_placement() {
    assert_eq!(
        unit_key("  UỶ BAN  nhân dân quận Ninh Kiều "),
        unit_key("Ủy ban nhân dân quận Ninh Kiều")
    );
    assert_ne!(unit_key("Sở Y tế"), unit_key("Sở Tư pháp"));
}

/// The key as first defined: words joined by one space, lower case, then
/// each old tone placement replaced in turn. The one-pass `unit_key` must
/// give the same key for every name.
fn unit_key_by_replacing(name: &str) -> String {
    let mut key = name
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase();
    for (old, new) in [
        ("oà", "òa"),
        ("oá", "óa"),
        ("oả", "ỏa"),
        ("oã", "õa"),
        ("oạ", "ọa"),
        ("oè", "òe"),
        ("oé", "óe"),
        ("oẻ", "ỏe"),
        ("oẽ", "õe"),
        ("oẹ", "ọe"),
        ("uỳ", "ùy"),
        ("uý", "úy"),
        ("uỷ", "ủy"),
        ("uỹ", "ũy"),
        ("uỵ", "ụy"),
    ] {
        key = key.replace(old, new);
    }
    key
}

#[test]
fn the_one_pass_unit_key_equals_replacing_each_tone_placement_in_turn() {
    let names = [
        "  UỶ BAN  nhân dân quận Ninh Kiều ",
        "Phòng Tư pháp huyện Thoại Sơn",
        "HOÀ BÌNH\tKHOẺ\nTHUỶ",
        "Hoà hợp hoá hoả hoạ hoã; khoè khoé khoẻ khoẽ khoẹ",
        "tuỳ tuý tuỷ tuỹ tuỵ ouý oùy uoà",
        "Sở Tư pháp tỉnh Quảng Nam",
        "ΣΟΦΊΑ Đà Nẵng",
        "",
        "   ",
    ];
    for n in names {
        assert_eq!(unit_key(n), unit_key_by_replacing(n), "{n:?}");
    }
}

// ---- receiving files ------------------------------------------------------

#[test]
fn an_intact_file_is_kept_with_its_hash_name_and_date_received() {
    let mut r = round();
    let text = file_text(report_of("Ủy ban nhân dân quận Ninh Kiều", 10));
    let got = receive(&mut r, incoming("ninh-kieu.json", &text, 15));
    assert_eq!(accepted(&got), (1, None, false));
    let f = &r.tep[0];
    assert_eq!(f.ten_tep, "ninh-kieu.json");
    assert_eq!(f.ngay_nhan, d(2021, 12, 15));
    let VerifyResult::Valid { envelope } = verify(&text) else {
        panic!()
    };
    assert_eq!(f.content_sha256, envelope.content_sha256);
    assert_eq!(f.generated_at, generated_at());
}

#[test]
fn an_identical_file_is_recognised_and_not_counted_twice() {
    let mut r = round();
    let text = file_text(report_of("Ủy ban nhân dân quận Ninh Kiều", 10));
    receive(&mut r, incoming("a.json", &text, 15));
    let before = r.clone();
    assert_eq!(
        receive(&mut r, incoming("a (1).json", &text, 16)),
        Received::Duplicate { trung_voi: 1 }
    );
    assert_eq!(r, before);
    let t = totals(&r, None);
    assert_eq!(t[0].tong, Some(10));
}

#[test]
fn a_correction_supersedes_the_earlier_file_both_listed_latest_counted() {
    let mut r = round();
    let first = file_text(report_of("Ủy ban nhân dân quận Ninh Kiều", 10));
    let second = file_text(report_of("Ủy ban nhân dân quận Ninh Kiều", 12));
    receive(&mut r, incoming("v1.json", &first, 15));
    let got = receive(&mut r, incoming("v2.json", &second, 20));
    assert_eq!(accepted(&got), (2, Some(1), false));
    let st = statuses(&r);
    assert_eq!(st[0].hien_hanh.unwrap().ten_tep, "v2.json");
    assert_eq!(st[0].bi_thay_the.len(), 1);
    assert_eq!(st[0].bi_thay_the[0].ten_tep, "v1.json");
    // The unit first reported on time: a later correction does not make it late.
    assert_eq!(st[0].nop, Submission::DungHan);
    assert_eq!(totals(&r, None)[0].tong, Some(12));
}

#[test]
fn broken_foreign_altered_and_other_period_files_are_refused_and_change_nothing() {
    let mut r = round();
    let good = file_text(report_of("Ủy ban nhân dân quận Ninh Kiều", 10));
    let altered = good.replacen("\"so_vu_phat_hien\": 10", "\"so_vu_phat_hien\": 99", 1);
    assert_ne!(altered, good);
    let mut other_period = report_of("Ủy ban nhân dân quận Ninh Kiều", 10);
    other_period.ky_bao_cao = ReportPeriod::yearly(2020).unwrap();
    let other_period = file_text(other_period);
    let mut other_regime = report_of("Ủy ban nhân dân quận Ninh Kiều", 10);
    other_regime.che_do_bao_cao = Regime::Tt01_2023SuaDoiTt19_2025;
    let other_regime = file_text(other_regime);
    let inspection = export(inspection_content(), APP_VERSION, generated_at())
        .unwrap()
        .text;
    let thpl = export(thpl_content(), APP_VERSION, generated_at())
        .unwrap()
        .text;
    let before = r.clone();
    let cases: [(&str, &str); 7] = [
        (&altered, "altered"),
        ("Bảng tổng hợp; không phải JSON", "not_json"),
        (r#"{"name": "another app"}"#, "foreign"),
        (&other_period, "other_period"),
        (&other_regime, "other_regime"),
        (&inspection, "not_periodic"),
        (&thpl, "thpl_report"),
    ];
    for (text, code) in cases {
        match receive(&mut r, incoming("x.json", text, 15)) {
            Received::Rejected(why) => {
                assert_eq!(why.code(), code);
                assert!(!why.to_string().is_empty());
            }
            other => panic!("{code}: {other:?}"),
        }
        assert_eq!(r, before, "{code} changed the round");
    }
    assert_eq!(
        Rejection::Altered.to_string(),
        "nội dung tệp đã bị thay đổi sau khi xuất (mã băm không khớp)"
    );
}

#[test]
fn a_file_from_an_unknown_unit_is_flagged_and_counts_once_the_unit_is_added() {
    let mut r = round();
    let text = file_text(report_of("Ủy ban nhân dân huyện Cờ Đỏ", 7));
    let got = receive(&mut r, incoming("co-do.json", &text, 15));
    assert_eq!(accepted(&got), (1, None, true));
    assert_eq!(r.unknown_unit_files().len(), 1);
    assert_eq!(totals(&r, None)[0].tong, None);
    assert_eq!(counts(&r).ngoai_danh_sach, 1);
    assert!(r.add_unit(unit("Ủy ban nhân dân huyện Cờ Đỏ")));
    assert!(!r.add_unit(unit("ủy ban nhân dân huyện cờ đỏ")));
    assert!(r.unknown_unit_files().is_empty());
    assert_eq!(totals(&r, None)[0].tong, Some(7));
}

// ---- status ---------------------------------------------------------------

#[test]
fn timeliness_is_the_date_received_against_the_rounds_due_date() {
    let mut r = round();
    // The file says its own due date is 17/12; the round's is what counts.
    r.han_nop = d(2021, 12, 20);
    let a = file_text(report_of("Ủy ban nhân dân quận Ninh Kiều", 1));
    let b = file_text(report_of("Ủy ban nhân dân quận Bình Thủy", 2));
    receive(&mut r, incoming("a.json", &a, 20));
    receive(&mut r, incoming("b.json", &b, 23));
    let st = statuses(&r);
    assert_eq!(st[0].nop, Submission::DungHan);
    assert_eq!(st[1].nop, Submission::Cham { ngay: 3 });
    assert_eq!(st[2].nop, Submission::ChuaNop);
    // Editing the date received to the dispatch's date changes the status.
    assert!(r.set_date_received(2, d(2021, 12, 19)));
    assert_eq!(statuses(&r)[1].nop, Submission::DungHan);
    assert!(!r.set_date_received(9, d(2021, 12, 19)));
}

#[test]
fn an_incomplete_report_names_its_missing_fields_and_the_count_line_adds_up() {
    let mut r = round();
    let mut partial = report_of("Ủy ban nhân dân quận Ninh Kiều", 5);
    partial.xu_phat.tong_so_quyet_dinh = None;
    partial
        .bien_phap_xlhc
        .thi_hanh_cai_nghien_bat_buoc
        .so_nguoi_dang_chap_hanh = None;
    let partial = file_text(partial);
    let late = file_text(report_of("Ủy ban nhân dân quận Bình Thủy", 2));
    receive(&mut r, incoming("a.json", &partial, 10));
    receive(&mut r, incoming("b.json", &late, 22));
    let st = statuses(&r);
    let missing: Vec<&str> = st[0].thieu.iter().map(|m| m.code).collect();
    assert_eq!(
        missing,
        [
            "xu_phat.tong_so_quyet_dinh",
            "bien_phap_xlhc.thi_hanh_cai_nghien_bat_buoc.so_nguoi_dang_chap_hanh"
        ]
    );
    assert!(st[0].incomplete() && st[0].needs_urging());
    assert!(!st[1].incomplete() && st[1].needs_urging());
    let c = counts(&r);
    assert_eq!(
        (c.du_kien, c.da_nop, c.cham, c.chua_nop, c.chua_day_du),
        (4, 2, 1, 2, 1)
    );
    assert_eq!(count_line(&r), "2/4 đơn vị đã nộp, 1 chậm, 2 chưa nộp");
}

// ---- totals ---------------------------------------------------------------

/// Sets the count at the dotted `code` of a report's JSON.
fn set_count(report: &PeriodicReport, code: &str, n: u64) -> PeriodicReport {
    let mut v = serde_json::to_value(report).unwrap();
    let mut at = &mut v;
    for part in code.split('.') {
        at = at.get_mut(part).unwrap_or_else(|| panic!("no {code}"));
    }
    assert!(at.is_u64() || at.is_null(), "{code} is not a count");
    *at = Value::from(n);
    serde_json::from_value(v).unwrap()
}

/// Every count leaf (number or null) of a report's JSON, outside lists.
fn count_leaves(v: &Value, path: &str, out: &mut Vec<String>) {
    match v {
        Value::Object(m) => {
            for (k, v) in m {
                let p = if path.is_empty() {
                    k.clone()
                } else {
                    format!("{path}.{k}")
                };
                count_leaves(v, &p, out);
            }
        }
        Value::Number(_) | Value::Null => out.push(path.to_owned()),
        _ => {}
    }
}

#[test]
fn the_totals_cover_every_count_of_the_periodic_report_each_read_from_its_own_field() {
    let base = periodic_ninh_kieu_2021();
    let mut leaves = Vec::new();
    let v = serde_json::to_value(&base).unwrap();
    count_leaves(&v["xu_phat"], "xu_phat", &mut leaves);
    count_leaves(&v["bien_phap_xlhc"], "bien_phap_xlhc", &mut leaves);
    let codes: Vec<&str> = FIELDS.iter().map(|(c, _)| *c).collect();
    assert_eq!(FIELDS.len(), 35);
    let mut sorted_leaves = leaves.clone();
    sorted_leaves.sort();
    let mut sorted_codes: Vec<String> = codes.iter().map(|c| (*c).to_owned()).collect();
    sorted_codes.sort();
    assert_eq!(sorted_codes, sorted_leaves);
    for (i, (code, get)) in FIELDS.iter().enumerate() {
        let marked = set_count(&base, code, 900_000 + i as u64);
        assert_eq!(get(&marked), Some(900_000 + i as u64), "{code}");
    }
}

#[test]
fn totals_sum_the_counted_files_keep_not_entered_apart_from_zero_and_show_each_unit() {
    let mut r = round();
    let mut a = report_of("Ủy ban nhân dân quận Ninh Kiều", 10);
    a.xu_phat.so_gp_cchn_bi_tuoc = Some(0);
    a.bien_phap_xlhc
        .thi_hanh_truong_giao_duong_co_so_gdbb
        .so_qd_hoan_mien = Some(4);
    let mut b = report_of("Ủy ban nhân dân quận Bình Thủy", 5);
    b.xu_phat.so_gp_cchn_bi_tuoc = None;
    b.bien_phap_xlhc
        .thi_hanh_truong_giao_duong_co_so_gdbb
        .so_qd_hoan_mien = Some(6);
    let mut c = report_of("Ủy ban nhân dân quận Cái Răng", 1);
    c.xu_phat.so_gp_cchn_bi_tuoc = None;
    receive(&mut r, incoming("a.json", &file_text(a), 10));
    receive(&mut r, incoming("b.json", &file_text(b), 10));
    receive(&mut r, incoming("c.json", &file_text(c), 10));
    let t = totals(&r, None);
    let get = |code: &str| t.iter().find(|f| f.code == code).unwrap();
    let phat_hien = get("xu_phat.so_vu_phat_hien");
    assert_eq!(phat_hien.tong, Some(16));
    assert_eq!(
        phat_hien
            .theo_don_vi
            .iter()
            .map(|(_, v)| *v)
            .collect::<Vec<_>>(),
        [
            UnitValue::SoLieu(10),
            UnitValue::SoLieu(5),
            UnitValue::SoLieu(1),
            UnitValue::ChuaNop
        ]
    );
    let gp = get("xu_phat.so_gp_cchn_bi_tuoc");
    assert_eq!(gp.tong, Some(0));
    assert_eq!((gp.so_don_vi_da_nhap, gp.so_don_vi_chua_nhap), (1, 2));
    let est = get("bien_phap_xlhc.thi_hanh_truong_giao_duong_co_so_gdbb.so_qd_hoan_mien");
    assert_eq!(est.tong, Some(10)); // 4 + 6 + the fixture's 0
    let money = get("xu_phat.tong_tien_thu_vnd");
    assert!(money.is_money());
    assert_eq!(money.tong, Some(3 * 4_376_500_000));
    // Nothing entered anywhere: no total, not 0.
    let empty = round();
    assert!(totals(&empty, None).iter().all(|f| f.tong.is_none()));
}

#[test]
fn the_previous_round_of_the_same_regime_gives_the_change() {
    let mut now = round();
    let mut before = round();
    before.ky_bao_cao = ReportPeriod::yearly(2020).unwrap();
    before.han_nop = d(2020, 12, 17);
    let mut other_regime = round();
    other_regime.che_do_bao_cao = Regime::Tt01_2023SuaDoiTt19_2025;
    other_regime.ky_bao_cao = ReportPeriod::yearly(2020).unwrap();
    let mut old = report_of("Ủy ban nhân dân quận Ninh Kiều", 8);
    old.ky_bao_cao = before.ky_bao_cao;
    receive(&mut before, incoming("2020.json", &file_text(old), 10));
    receive(
        &mut now,
        incoming(
            "2021.json",
            &file_text(report_of("Ủy ban nhân dân quận Ninh Kiều", 11)),
            10,
        ),
    );
    let all = [now.clone(), before.clone(), other_regime];
    let prev = previous_round(&all, &now).unwrap();
    assert_eq!(prev.ky_bao_cao.year(), 2020);
    assert_eq!(prev.che_do_bao_cao, Regime::Tt16_2018);
    assert!(previous_round(&all, &before).is_none());
    let t = totals(&now, Some(prev));
    assert_eq!(t[0].ky_truoc, Some(Some(8)));
    assert_eq!(t[0].chenh_lech(), Some(3));
    assert_eq!(totals(&now, None)[0].chenh_lech(), None);
}

// ---- urging letter --------------------------------------------------------

#[test]
fn the_urging_letter_follows_the_nd30_layout_and_says_what_is_missing() {
    let mut r = round();
    let mut partial = report_of("Ủy ban nhân dân quận Ninh Kiều", 5);
    partial.xu_phat.tong_so_quyet_dinh = None;
    receive(&mut r, incoming("a.json", &file_text(partial), 22));
    let label = |code: &str| match code {
        "xu_phat.tong_so_quyet_dinh" => "Tổng số quyết định xử phạt".to_owned(),
        other => other.to_owned(),
    };
    let units = vec![
        "Ủy ban nhân dân quận Ninh Kiều".to_owned(),
        "Sở Tài chính".to_owned(),
    ];
    let l = urging_letter(&r, &units, "", d(2022, 1, 5), d(2022, 1, 12), &label).unwrap();
    assert_eq!(l.co_quan_chu_quan, "ỦY BAN NHÂN DÂN THÀNH PHỐ CẦN THƠ");
    assert_eq!(l.co_quan_ban_hanh, "SỞ TƯ PHÁP");
    assert_eq!(l.so_ky_hieu, "Số:      /STP-QLXLVPHC");
    assert_eq!(l.dia_danh_ngay, "Cần Thơ, ngày 05 tháng 01 năm 2022");
    assert_eq!(
        l.v_v,
        "V/v đôn đốc gửi báo cáo công tác thi hành pháp luật về xử lý vi phạm hành chính năm 2021"
    );
    assert!(l.mo_dau.contains("Thông tư 16/2018/TT-BTP"));
    assert!(l.mo_dau.contains("trước ngày 17/12/2021"));
    assert_eq!(
        l.yeu_cau[0].noi_dung,
        "gửi báo cáo chậm 5 ngày; báo cáo còn thiếu số liệu, nội dung: Tổng số quyết định xử phạt"
    );
    assert_eq!(l.yeu_cau[1].noi_dung, "chưa gửi báo cáo");
    assert!(l.ket_luan.contains("chậm nhất ngày 12/01/2022./."));
    assert_eq!(
        l.noi_nhan,
        [
            "- Như trên;",
            "- Giám đốc Sở (để báo cáo);",
            "- Lưu: VT, QLXLVPHC."
        ]
    );
    assert_eq!(l.chuc_vu_ky, ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"]);
    assert_eq!(
        kinh_gui_lines(&l.kinh_gui),
        [
            "Kính gửi:",
            "- Ủy ban nhân dân quận Ninh Kiều;",
            "- Sở Tài chính."
        ]
    );
    assert_eq!(
        kinh_gui_lines(&["Sở Tài chính".to_owned()]),
        ["Kính gửi: Sở Tài chính"]
    );
    let numbered = urging_letter(
        &r,
        &units[1..],
        "125",
        d(2022, 1, 5),
        d(2022, 1, 12),
        &label,
    )
    .unwrap();
    assert_eq!(numbered.so_ky_hieu, "Số: 125/STP-QLXLVPHC");
    // Recorded in the round and shown in the status table.
    r.record_urging(record_of(&numbered, d(2022, 1, 5), d(2022, 1, 12)));
    let st = statuses(&r);
    assert_eq!(st[3].don_doc, [d(2022, 1, 5)]);
    assert!(st[0].don_doc.is_empty());
}

#[test]
fn an_urging_letter_needs_known_units_and_a_deadline_after_its_date() {
    let r = round();
    let label = |c: &str| c.to_owned();
    assert_eq!(
        urging_letter(&r, &[], "", d(2022, 1, 5), d(2022, 1, 12), &label).unwrap_err(),
        LetterError::NoUnit
    );
    assert_eq!(
        urging_letter(
            &r,
            &["Sở Ngoại vụ".into()],
            "",
            d(2022, 1, 5),
            d(2022, 1, 12),
            &label
        )
        .unwrap_err(),
        LetterError::UnknownUnit("Sở Ngoại vụ".into())
    );
    assert_eq!(
        urging_letter(
            &r,
            &["Sở Tài chính".into()],
            "",
            d(2022, 1, 5),
            d(2022, 1, 4),
            &label
        )
        .unwrap_err(),
        LetterError::DeadlineBeforeLetter
    );
}

#[test]
fn an_urging_letter_needs_an_issuing_body() {
    let mut r = round();
    r.co_quan_ban_hanh.co_quan.ten = "  ".into();
    let label = |c: &str| c.to_owned();
    let err = urging_letter(
        &r,
        &["Sở Tài chính".into()],
        "",
        d(2022, 1, 5),
        d(2022, 1, 12),
        &label,
    )
    .unwrap_err();
    assert_eq!(err, LetterError::NoIssuer);
    assert!(err.to_string().contains("chưa nhập tên cơ quan ban hành"));
}

#[test]
fn a_too_large_unit_list_is_refused_in_plain_words() {
    let big = "a\n".repeat(kiemtra::report::round::units::MAX_LIST_BYTES);
    let err = parse_lines(&big).unwrap_err();
    assert_eq!(
        err.to_string(),
        "tệp danh sách quá lớn (dung lượng tối đa 1 MB)"
    );
}

// ---- consolidated report --------------------------------------------------

#[test]
fn the_consolidated_report_lists_its_sources_and_is_a_valid_report_file() {
    let mut r = round();
    let a = file_text(report_of("Ủy ban nhân dân quận Ninh Kiều", 10));
    let b = file_text(report_of("Ủy ban nhân dân quận Bình Thủy", 5));
    receive(&mut r, incoming("a.json", &a, 15));
    receive(&mut r, incoming("b.json", &b, 20));
    let c = consolidate(&r, "12/BC-STP");
    assert_eq!(c.so_don_vi_phai_bao_cao, 4);
    assert_eq!(c.so_don_vi_da_bao_cao, 2);
    assert_eq!(c.so_don_vi_cham, 1);
    assert_eq!(c.don_vi_chua_bao_cao.len(), 2);
    assert_eq!(c.so_lieu.len(), 35);
    assert_eq!(c.so_lieu[0].tong, Some(15));
    assert_eq!(c.nguon.len(), 2);
    assert_eq!(c.nguon[1].ten_tep, "b.json");
    assert_eq!(c.nguon[1].so_ngay_cham, 3);
    assert_eq!(c.nguon[0].content_sha256, r.tep[0].content_sha256);
    let file = export(
        ReportContent::TongHop(c.clone()),
        APP_VERSION,
        generated_at(),
    )
    .unwrap();
    assert_eq!(
        file.file_name,
        "bao-cao-tong-hop_12-BC-STP_2021-nam_so-tu-phap.json"
    );
    let VerifyResult::Valid { envelope } = verify(&file.text) else {
        panic!("not valid")
    };
    assert_eq!(envelope.report, ReportContent::TongHop(c));
    assert_eq!(envelope.report.kind_code(), "tong_hop");
    // A consolidated report is not a unit's periodic report.
    let mut again = round();
    assert_eq!(
        receive(&mut again, incoming("th.json", &file.text, 20)),
        Received::Rejected(Rejection::NotPeriodic)
    );
}

#[test]
fn a_batch_received_through_one_receiver_says_what_one_by_one_says() {
    // The same files, one by one (each indexing the round afresh) and as one
    // batch (indexed once): the same outcomes and the same round, with a
    // correction, an identical copy and a unit not on the list among them.
    let units = [
        "Ủy ban nhân dân quận Ninh Kiều",
        "Sở Tài chính",
        "Ủy ban nhân dân quận Ninh Kiều",
        "Ủy ban nhân dân huyện Cờ Đỏ",
    ];
    let mut files: Vec<(String, String)> = units
        .iter()
        .enumerate()
        .map(|(i, u)| (format!("f{i}.json"), file_text(report_of(u, i as u64 + 1))))
        .collect();
    files.push(("copy.json".into(), files[1].1.clone()));
    let mut one_by_one = round();
    let a: Vec<Received> = files
        .iter()
        .map(|(name, text)| receive(&mut one_by_one, incoming(name, text, 15)))
        .collect();
    let mut batch = round();
    let mut rx = Receiver::new(&batch);
    let b: Vec<Received> = files
        .iter()
        .map(|(name, text)| rx.receive(&mut batch, incoming(name, text, 15)))
        .collect();
    assert_eq!(a, b);
    assert_eq!(one_by_one, batch);
    assert_eq!(accepted(&a[2]), (3, Some(1), false));
    assert_eq!(accepted(&a[3]), (4, None, true));
    assert_eq!(a[4], Received::Duplicate { trung_voi: 2 });
}
