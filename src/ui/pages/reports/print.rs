//! The printable periodic report ("/bao-cao/:id/in") in the NĐ 30/2020
//! layout: issuing body on the left (managing body above the unit), Quốc
//! hiệu and Tiêu ngữ on the right, "Số: …", the place-and-date line, the
//! title, the B1 and B2 statistics tables and the texts, and the SHA-256 of
//! the last exported data file in the footer so the paper and the file can
//! be matched. The document body is an administrative text and is always in
//! Vietnamese; only the screen controls follow the UI language.

use super::common::parse_report_id;
use super::fields::label;
use crate::domain::clock::vietnam_date;
use crate::domain::legal_texts::ReportContentDecree;
use crate::i18n::{format_money, format_number};
use crate::persist::ReportRecord;
use crate::report::document_build::periodic_report_document;
use crate::report::from_domain::content_decree_for_period;
use crate::report::periodic::{CountsWithText, PeriodicReport};
use crate::state::AppState;
use crate::ui::document::{DocBody, DocFooter, DocHeader, MissingParts};
use crate::ui::i18n::{t, t_string, use_i18n};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

const NOT_ENTERED: &str = "Chưa nhập";

fn count(v: Option<u64>) -> String {
    v.map(|n| format_number(i64::try_from(n).unwrap_or(i64::MAX)))
        .unwrap_or_else(|| NOT_ENTERED.to_string())
}

/// One statistics row: number, label, value.
#[derive(Clone)]
struct Row {
    stt: String,
    label: String,
    value: String,
}

fn row(stt: &str, code: &str, value: String) -> Row {
    Row {
        stt: stt.to_string(),
        label: label(code, true),
        value,
    }
}

fn counted_rows(stt: &str, code: &str, c: &CountsWithText, out: &mut Vec<Row>) {
    out.push(row(stt, code, String::new()));
    for (i, n) in c.chi_tiet.iter().enumerate() {
        out.push(Row {
            stt: format!("{stt}.{}", i + 1),
            label: n.ten.clone(),
            value: count(n.so_luong),
        });
    }
}

fn b1_rows(r: &PeriodicReport) -> Vec<Row> {
    let x = &r.xu_phat;
    let mut out = vec![
        row("1", "xu_phat.so_vu_phat_hien", count(x.so_vu_phat_hien)),
        row("2", "xu_phat.so_vu_bi_xu_phat", count(x.so_vu_bi_xu_phat)),
        row(
            "3",
            "xu_phat.doi_tuong_bi_xu_phat.ca_nhan",
            count(x.doi_tuong_bi_xu_phat.ca_nhan),
        ),
        row(
            "4",
            "xu_phat.doi_tuong_bi_xu_phat.to_chuc",
            count(x.doi_tuong_bi_xu_phat.to_chuc),
        ),
    ];
    counted_rows(
        "5",
        "xu_phat.hinh_thuc_xu_phat_khac_phuc",
        &x.hinh_thuc_xu_phat_khac_phuc,
        &mut out,
    );
    counted_rows(
        "6",
        "xu_phat.bien_phap_ngan_chan_bao_dam",
        &x.bien_phap_ngan_chan_bao_dam,
        &mut out,
    );
    out.push(row("7", "xu_phat.hanh_vi_pho_bien", String::new()));
    for (i, v) in x.hanh_vi_pho_bien.iter().enumerate() {
        let field = if v.linh_vuc.trim().is_empty() {
            String::new()
        } else {
            format!(" ({})", v.linh_vuc.trim())
        };
        out.push(Row {
            stt: format!("7.{}", i + 1),
            label: format!("{}{field}", v.mo_ta),
            value: count(v.so_vu),
        });
    }
    let rest = [
        (
            "8",
            "xu_phat.tong_so_quyet_dinh",
            count(x.tong_so_quyet_dinh),
        ),
        (
            "9",
            "xu_phat.tong_tien_thu_vnd",
            x.tong_tien_thu_vnd
                .map(|v| format_money(i64::try_from(v).unwrap_or(i64::MAX)))
                .unwrap_or_else(|| NOT_ENTERED.to_string()),
        ),
        (
            "10",
            "xu_phat.so_gp_cchn_bi_tuoc",
            count(x.so_gp_cchn_bi_tuoc),
        ),
        (
            "11",
            "xu_phat.so_vu_dinh_chi_hoat_dong",
            count(x.so_vu_dinh_chi_hoat_dong),
        ),
        (
            "12",
            "xu_phat.so_qd_da_thi_hanh_xong",
            count(x.so_qd_da_thi_hanh_xong),
        ),
        (
            "13",
            "xu_phat.so_qd_hoan_giam_mien_phat_tien",
            count(x.so_qd_hoan_giam_mien_phat_tien),
        ),
        (
            "14",
            "xu_phat.so_qd_phai_cuong_che",
            count(x.so_qd_phai_cuong_che),
        ),
        (
            "15",
            "xu_phat.so_qd_bi_khieu_nai_khoi_kien",
            count(x.so_qd_bi_khieu_nai_khoi_kien),
        ),
        (
            "16",
            "xu_phat.so_nguoi_chua_thanh_nien_nhac_nho",
            count(x.so_nguoi_chua_thanh_nien_nhac_nho),
        ),
        (
            "17",
            "xu_phat.so_ho_so_chuyen_truy_cuu_hinh_su",
            count(x.so_ho_so_chuyen_truy_cuu_hinh_su),
        ),
        (
            "18",
            "xu_phat.so_ho_so_to_tung_chuyen_den_xu_phat",
            count(x.so_ho_so_to_tung_chuyen_den_xu_phat),
        ),
    ];
    out.extend(rest.into_iter().map(|(s, c, v)| row(s, c, v)));
    out
}

fn b2_rows(r: &PeriodicReport) -> Vec<Row> {
    let b = &r.bien_phap_xlhc;
    let p = "bien_phap_xlhc.";
    let m = |stt: &str, group: &str, sub: &str, v: Option<u64>| Row {
        stt: stt.to_string(),
        label: label(&format!("{p}{group}.{sub}"), true),
        value: count(v),
    };
    let e1 = &b.thi_hanh_truong_giao_duong_co_so_gdbb;
    let e2 = &b.thi_hanh_cai_nghien_bat_buoc;
    let g1 = "thi_hanh_truong_giao_duong_co_so_gdbb";
    let g2 = "thi_hanh_cai_nghien_bat_buoc";
    vec![
        row(
            "1",
            "bien_phap_xlhc.so_vu_bi_khieu_nai_khoi_kien",
            count(b.so_vu_bi_khieu_nai_khoi_kien),
        ),
        m(
            "2",
            "giao_duc_tai_xa",
            "so_nguoi_bi_lap_ho_so",
            b.giao_duc_tai_xa.so_nguoi_bi_lap_ho_so,
        ),
        m(
            "3",
            "giao_duc_tai_xa",
            "so_nguoi_bi_ap_dung",
            b.giao_duc_tai_xa.so_nguoi_bi_ap_dung,
        ),
        m(
            "4",
            "truong_giao_duong",
            "so_nguoi_bi_lap_ho_so",
            b.truong_giao_duong.so_nguoi_bi_lap_ho_so,
        ),
        m(
            "5",
            "truong_giao_duong",
            "so_nguoi_bi_ap_dung",
            b.truong_giao_duong.so_nguoi_bi_ap_dung,
        ),
        m(
            "6",
            "co_so_giao_duc_bat_buoc",
            "so_nguoi_bi_lap_ho_so",
            b.co_so_giao_duc_bat_buoc.so_nguoi_bi_lap_ho_so,
        ),
        m(
            "7",
            "co_so_giao_duc_bat_buoc",
            "so_nguoi_bi_ap_dung",
            b.co_so_giao_duc_bat_buoc.so_nguoi_bi_ap_dung,
        ),
        m(
            "8",
            "co_so_cai_nghien_bat_buoc",
            "so_nguoi_bi_lap_ho_so",
            b.co_so_cai_nghien_bat_buoc.so_nguoi_bi_lap_ho_so,
        ),
        m(
            "9",
            "co_so_cai_nghien_bat_buoc",
            "so_nguoi_bi_ap_dung",
            b.co_so_cai_nghien_bat_buoc.so_nguoi_bi_ap_dung,
        ),
        row(
            "10",
            "bien_phap_xlhc.so_nguoi_chua_thanh_nien_quan_ly_tai_gia_dinh",
            count(b.so_nguoi_chua_thanh_nien_quan_ly_tai_gia_dinh),
        ),
        row(
            "11",
            "bien_phap_xlhc.so_nguoi_chua_thanh_nien_giao_duc_cong_dong",
            count(b.so_nguoi_chua_thanh_nien_giao_duc_cong_dong),
        ),
        row(
            "12",
            "bien_phap_xlhc.so_qd_giao_duc_tai_xa_tam_dinh_chi",
            count(b.so_qd_giao_duc_tai_xa_tam_dinh_chi),
        ),
        m("13", g1, "so_qd_hoan_mien", e1.so_qd_hoan_mien),
        m(
            "14",
            g1,
            "so_nguoi_dang_chap_hanh",
            e1.so_nguoi_dang_chap_hanh,
        ),
        m(
            "15",
            g1,
            "so_nguoi_giam_thoi_han",
            e1.so_nguoi_giam_thoi_han,
        ),
        m(
            "16",
            g1,
            "so_nguoi_tam_dinh_chi_mien_con_lai",
            e1.so_nguoi_tam_dinh_chi_mien_con_lai,
        ),
        m("17", g2, "so_qd_hoan_mien", e2.so_qd_hoan_mien),
        m(
            "18",
            g2,
            "so_nguoi_dang_chap_hanh",
            e2.so_nguoi_dang_chap_hanh,
        ),
        m(
            "19",
            g2,
            "so_nguoi_giam_thoi_han",
            e2.so_nguoi_giam_thoi_han,
        ),
        m(
            "20",
            g2,
            "so_nguoi_tam_dinh_chi_mien_con_lai",
            e2.so_nguoi_tam_dinh_chi_mien_con_lai,
        ),
    ]
}

fn stats_table(rows: Vec<Row>, testid: &'static str) -> impl IntoView {
    view! {
        <table class="doc-table" data-testid=testid>
            <thead><tr><th scope="col">"STT"</th><th scope="col">"Nội dung"</th><th scope="col">"Số liệu"</th></tr></thead>
            <tbody>
                {rows.into_iter().map(|r| view! {
                    <tr><td class="num">{r.stt}</td><td>{r.label}</td><td class="num">{r.value}</td></tr>
                }).collect_view()}
            </tbody>
        </table>
    }
}

/// A titled text block of the report ("Chưa nhập" when empty).
fn text_block(code: &'static str, text: &str) -> impl IntoView {
    let body = if text.trim().is_empty() {
        NOT_ENTERED.to_string()
    } else {
        text.to_string()
    };
    view! {
        <p class="doc-text"><strong>{label(code, true)}": "</strong><span class="doc-pre">{body}</span></p>
    }
}

/// The printable report.
#[component]
pub fn ReportPrint() -> impl IntoView {
    let i18n = use_i18n();
    let state = AppState::expect();
    let params = use_params_map();
    let rec = move || {
        params
            .with(|p| p.get("id").and_then(|s| parse_report_id(&s)))
            .and_then(|id| state.reports.with(|m| m.get(&id).cloned()))
    };
    let place = move || state.ws.with(|ws| ws.settings().place_name.clone());
    view! {
        <section class="page report-print" data-testid="page-report-print">
            {move || match rec() {
                None => view! {
                    <p><A href="/bao-cao">{t!(i18n, reports.back_to_list)}</A></p>
                    <h1>{t!(i18n, reports.not_found_title)}</h1>
                }.into_any(),
                Some(r) => view! { <PrintControls id=r.id.to_string()/> <Document rec=r place=place()/> }.into_any(),
            }}
        </section>
    }
}

#[component]
fn PrintControls(id: String) -> impl IntoView {
    let i18n = use_i18n();
    let error = RwSignal::new(None::<String>);
    view! {
        {move || error.get().map(|e| view! { <p class="error-text no-print" role="alert">{e}</p> })}
        <p class="no-print print-controls">
            <A href=format!("/bao-cao/{id}")>{t!(i18n, reports.back_to_editor)}</A>
            " "
            <button type="button" class="btn btn--primary" data-testid="print-button"
                on:click=move |_| error.set(crate::platform::print::print_page().err())>
                {t!(i18n, reports.print_now)}
            </button>
        </p>
    }
}

#[component]
fn Document(rec: ReportRecord, place: String) -> impl IntoView {
    let i18n = use_i18n();
    let r = rec.report.clone();
    let date = rec
        .last_export
        .as_ref()
        .map(|s| vietnam_date(s.at))
        .unwrap_or_else(super::common::today);
    let changed = rec.changed_since_export();
    let footer = match &rec.last_export {
        Some(s) => format!("Mã kiểm tra tệp dữ liệu (SHA-256): {}", s.content_sha256),
        None => "Mã kiểm tra tệp dữ liệu (SHA-256): chưa xuất tệp dữ liệu".to_string(),
    };
    let x = &r.xu_phat;
    let b = &r.bien_phap_xlhc;
    // Header, căn cứ line (the texts of the report's own period, not of
    // today: a 2021 report names TT 16/2018 and NĐ 81/2013 as amended by
    // NĐ 97/2017), signer and Nơi nhận: report::document_build.
    let doc = periodic_report_document(&r, &place, date);
    let (b1_basis, b2_basis) = match content_decree_for_period(&r.ky_bao_cao) {
        ReportContentDecree::Nd118_2021 => (
            " (Nghị định 118/2021/NĐ-CP, Điều 35 khoản 2)",
            " (Nghị định 118/2021/NĐ-CP, Điều 35 khoản 3)",
        ),
        ReportContentDecree::Nd81_2013SuaDoiNd97_2017 => ("", ""),
    };
    let basis = doc.noi_dung.clone();
    view! {
        <MissingParts doc=doc.clone() label=t_string!(i18n, plans.doc_missing).to_string()/>
        <article class="doc" data-testid="print-doc" lang="vi">
            <DocHeader doc=doc.clone()/>
            <DocBody blocks=basis/>
            <h2>"I. Tình hình vi phạm hành chính và xử phạt vi phạm hành chính"{b1_basis}</h2>
            {text_block("xu_phat.nhan_xet", &x.nhan_xet)}
            {stats_table(b1_rows(&r), "print-b1")}
            {text_block("xu_phat.hinh_thuc_xu_phat_khac_phuc", &x.hinh_thuc_xu_phat_khac_phuc.mo_ta)}
            {text_block("xu_phat.bien_phap_ngan_chan_bao_dam", &x.bien_phap_ngan_chan_bao_dam.mo_ta)}
            {text_block("xu_phat.kho_khan_vuong_mac", &x.kho_khan_vuong_mac)}
            {text_block("xu_phat.kien_nghi", &x.kien_nghi)}
            <h2>"II. Tình hình áp dụng các biện pháp xử lý hành chính"{b2_basis}</h2>
            {text_block("bien_phap_xlhc.nhan_xet_ap_dung", &b.nhan_xet_ap_dung)}
            {text_block("bien_phap_xlhc.nhan_xet_quyet_dinh_toa_an", &b.nhan_xet_quyet_dinh_toa_an)}
            {stats_table(b2_rows(&r), "print-b2")}
            {text_block("bien_phap_xlhc.nhan_xet_thi_hanh_giao_duc_tai_xa", &b.nhan_xet_thi_hanh_giao_duc_tai_xa)}
            {text_block("bien_phap_xlhc.thi_hanh_truong_giao_duong_co_so_gdbb.nhan_xet_thi_hanh", &b.thi_hanh_truong_giao_duong_co_so_gdbb.nhan_xet_thi_hanh)}
            {text_block("bien_phap_xlhc.thi_hanh_cai_nghien_bat_buoc.nhan_xet_thi_hanh", &b.thi_hanh_cai_nghien_bat_buoc.nhan_xet_thi_hanh)}
            {text_block("bien_phap_xlhc.kho_khan_vuong_mac", &b.kho_khan_vuong_mac)}
            {text_block("bien_phap_xlhc.kien_nghi", &b.kien_nghi)}
            <DocFooter doc=doc/>
            {changed.then(|| view! { <p class="warning" data-testid="print-changed">{t!(i18n, reports.print_changed_warning)}</p> })}
            <footer class="doc-footer" data-testid="print-hash">{footer}</footer>
            <crate::ui::signing::PrintedFingerprint/>
        </article>
    }
}
