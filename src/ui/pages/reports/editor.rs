//! The periodic report editor ("/bao-cao/:id"): reporting unit and number,
//! period, regime and due date (with the rule and its legal basis), every
//! B1 and B2 statistic of NĐ 118/2021 Điều 35, the texts, live consistency
//! issues and the completeness list, timeliness, and the JSON export.

use super::checks::ChecksPanel;
use super::common::{parse_report_id, ExportStatus, TimelinessBadge};
use super::due::DuePanel;
use super::export::ExportPanel;
use super::inputs::{CountInput, FieldMarks, MoneyInput, TextInput};
use super::lists::{CountsWithTextEditor, ViolationsEditor};
use crate::domain::ids::ReportId;
use crate::report::periodic_checks::Severity;
use crate::report::{completeness, consistency};
use crate::state::AppState;
use crate::ui::i18n::{t, use_i18n};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

/// A count input bound to `report.<path>`.
macro_rules! count {
    ($st:ident, $id:ident, $($p:ident).+) => {{
        let initial = $st
            .reports
            .with_untracked(|m| m.get(&$id).and_then(|r| r.report.$($p).+));
        view! {
            <CountInput code=stringify!($($p).+) initial=initial
                on_set=move |v| { $st.edit_report($id, |r| r.report.$($p).+ = v); }/>
        }
    }};
}

/// A text input (or area with `multi`) bound to `report.<path>`.
macro_rules! text {
    ($st:ident, $id:ident, $multi:expr, $($p:ident).+) => {{
        let initial = $st
            .reports
            .with_untracked(|m| m.get(&$id).map(|r| r.report.$($p).+.clone()))
            .unwrap_or_default();
        view! {
            <TextInput code=stringify!($($p).+) initial=initial multiline=$multi
                on_set=move |v| { $st.edit_report($id, |r| r.report.$($p).+ = v); }/>
        }
    }};
}

/// The editor page.
#[component]
pub fn PeriodicReportEditor() -> impl IntoView {
    let i18n = use_i18n();
    let state = AppState::expect();
    let params = use_params_map();
    let id = Memo::new(move |_| params.with(|p| p.get("id").and_then(|s| parse_report_id(&s))));
    let exists = move || {
        id.get()
            .is_some_and(|id| state.reports.with(|m| m.contains_key(&id)))
    };
    view! {
        <section class="page report-editor" data-testid="page-periodic-report">
            <p><A href="/bao-cao">{t!(i18n, reports.back_to_list)}</A></p>
            <Show
                when=exists
                fallback=move || view! {
                    <h1>{t!(i18n, reports.not_found_title)}</h1>
                    <p>{t!(i18n, reports.not_found_body)}</p>
                }
            >
                {move || id.get().map(|id| view! { <EditorBody id=id/> })}
            </Show>
        </section>
    }
}

/// The editor of one existing report (rendered once per id: inputs keep
/// what the user types, derived panels follow the stored report).
#[component]
fn EditorBody(id: ReportId) -> impl IntoView {
    let i18n = use_i18n();
    let state = AppState::expect();
    let rec = Signal::derive(move || state.reports.with(|m| m.get(&id).cloned()));
    let issues = Memo::new(move |_| {
        rec.with(|r| {
            r.as_ref()
                .map(|r| consistency(&r.report))
                .unwrap_or_default()
        })
    });
    let missing = Memo::new(move |_| {
        rec.with(|r| {
            r.as_ref()
                .map(|r| completeness(&r.report))
                .unwrap_or_default()
        })
    });
    provide_context(FieldMarks {
        errors: Memo::new(move |_| {
            issues.with(|v| {
                v.iter()
                    .filter(|i| i.severity == Severity::Loi)
                    .flat_map(|i| i.fields.iter().copied())
                    .collect()
            })
        }),
        missing: Memo::new(move |_| {
            missing.with(|v| v.iter().map(|m| (m.code, m.index)).collect())
        }),
    });
    let title = move || {
        rec.with(|r| {
            r.as_ref()
                .map(|r| super::common::period_line(i18n, &r.report.ky_bao_cao))
        })
    };
    view! {
        <h1>{t!(i18n, reports.editor_title)}</h1>
        <p class="lead" data-testid="editor-period">{title}</p>
        <div class="report-status-line">
            <TimelinessBadge rec=rec/>
            " "
            <ExportStatus rec=rec/>
            " "
            <A href=format!("/bao-cao/{id}/in") attr:class="btn" attr:data-testid="open-print">{t!(i18n, reports.print)}</A>
        </div>
        <div class="report-editor-grid">
            <div class="report-form">
                <GeneralSection id=id/>
                <DuePanel id=id/>
                <SanctionsSection id=id/>
                <MeasuresSection id=id/>
            </div>
            <aside class="report-side" aria-label=move || crate::ui::i18n::t_string!(i18n, reports.checks_heading)>
                <ChecksPanel issues=issues missing=missing/>
                <ExportPanel id=id issues=issues missing=missing/>
            </aside>
        </div>
    }
}

#[component]
fn GeneralSection(id: ReportId) -> impl IntoView {
    let i18n = use_i18n();
    let state = AppState::expect();
    view! {
        <fieldset class="card">
            <legend>{t!(i18n, reports.section_general)}</legend>
            <div class="field-row">
                {text!(state, id, false, don_vi_bao_cao.ten)}
                {text!(state, id, false, don_vi_bao_cao.co_quan_chu_quan)}
                {text!(state, id, false, so_ky_hieu)}
            </div>
            <div class="field-row">
                {text!(state, id, false, nguoi_ky.tham_quyen)}
                {text!(state, id, false, nguoi_ky.chuc_vu)}
                {text!(state, id, false, nguoi_ky.ho_ten)}
            </div>
            <RecipientsInput id=id/>
        </fieldset>
    }
}

/// Nơi nhận, one recipient per line.
#[component]
fn RecipientsInput(id: ReportId) -> impl IntoView {
    let state = AppState::expect();
    let initial = state
        .reports
        .with_untracked(|m| m.get(&id).map(|r| r.report.noi_nhan.join("\n")))
        .unwrap_or_default();
    view! {
        <TextInput code="noi_nhan" initial=initial multiline=true
            on_set=move |v: String| {
                let list: Vec<String> = v.lines().map(str::trim).filter(|l| !l.is_empty()).map(String::from).collect();
                state.edit_report(id, move |r| r.report.noi_nhan = list);
            }/>
    }
}

#[component]
fn SanctionsSection(id: ReportId) -> impl IntoView {
    let i18n = use_i18n();
    let state = AppState::expect();
    let money = state
        .reports
        .with_untracked(|m| m.get(&id).and_then(|r| r.report.xu_phat.tong_tien_thu_vnd));
    view! {
        <fieldset class="card" data-testid="section-b1">
            <legend>{t!(i18n, reports.section_b1)}</legend>
            {text!(state, id, true, xu_phat.nhan_xet)}
            <div class="field-row">
                {count!(state, id, xu_phat.so_vu_phat_hien)}
                {count!(state, id, xu_phat.so_vu_bi_xu_phat)}
                {count!(state, id, xu_phat.doi_tuong_bi_xu_phat.ca_nhan)}
                {count!(state, id, xu_phat.doi_tuong_bi_xu_phat.to_chuc)}
            </div>
            <p class="muted small">{t!(i18n, reports.persons_split_note)}</p>
            <CountsWithTextEditor id=id code="xu_phat.hinh_thuc_xu_phat_khac_phuc"
                read=|r| &r.xu_phat.hinh_thuc_xu_phat_khac_phuc
                write=|r| &mut r.xu_phat.hinh_thuc_xu_phat_khac_phuc/>
            <CountsWithTextEditor id=id code="xu_phat.bien_phap_ngan_chan_bao_dam"
                read=|r| &r.xu_phat.bien_phap_ngan_chan_bao_dam
                write=|r| &mut r.xu_phat.bien_phap_ngan_chan_bao_dam/>
            <ViolationsEditor id=id/>
            <div class="field-row">
                {count!(state, id, xu_phat.tong_so_quyet_dinh)}
                <MoneyInput code="xu_phat.tong_tien_thu_vnd" initial=money
                    on_set=move |v| { state.edit_report(id, |r| r.report.xu_phat.tong_tien_thu_vnd = v); }/>
                {count!(state, id, xu_phat.so_gp_cchn_bi_tuoc)}
                {count!(state, id, xu_phat.so_vu_dinh_chi_hoat_dong)}
                {count!(state, id, xu_phat.so_qd_da_thi_hanh_xong)}
                {count!(state, id, xu_phat.so_qd_hoan_giam_mien_phat_tien)}
                {count!(state, id, xu_phat.so_qd_phai_cuong_che)}
                {count!(state, id, xu_phat.so_qd_bi_khieu_nai_khoi_kien)}
                {count!(state, id, xu_phat.so_nguoi_chua_thanh_nien_nhac_nho)}
                {count!(state, id, xu_phat.so_ho_so_chuyen_truy_cuu_hinh_su)}
                {count!(state, id, xu_phat.so_ho_so_to_tung_chuyen_den_xu_phat)}
            </div>
            {text!(state, id, true, xu_phat.kho_khan_vuong_mac)}
            {text!(state, id, true, xu_phat.kien_nghi)}
        </fieldset>
    }
}

#[component]
fn MeasuresSection(id: ReportId) -> impl IntoView {
    let i18n = use_i18n();
    let state = AppState::expect();
    view! {
        <fieldset class="card" data-testid="section-b2">
            <legend>{t!(i18n, reports.section_b2)}</legend>
            {text!(state, id, true, bien_phap_xlhc.nhan_xet_ap_dung)}
            {count!(state, id, bien_phap_xlhc.so_vu_bi_khieu_nai_khoi_kien)}
            {text!(state, id, true, bien_phap_xlhc.nhan_xet_quyet_dinh_toa_an)}
            <div class="field-row">
                {count!(state, id, bien_phap_xlhc.giao_duc_tai_xa.so_nguoi_bi_lap_ho_so)}
                {count!(state, id, bien_phap_xlhc.giao_duc_tai_xa.so_nguoi_bi_ap_dung)}
                {count!(state, id, bien_phap_xlhc.truong_giao_duong.so_nguoi_bi_lap_ho_so)}
                {count!(state, id, bien_phap_xlhc.truong_giao_duong.so_nguoi_bi_ap_dung)}
                {count!(state, id, bien_phap_xlhc.co_so_giao_duc_bat_buoc.so_nguoi_bi_lap_ho_so)}
                {count!(state, id, bien_phap_xlhc.co_so_giao_duc_bat_buoc.so_nguoi_bi_ap_dung)}
                {count!(state, id, bien_phap_xlhc.co_so_cai_nghien_bat_buoc.so_nguoi_bi_lap_ho_so)}
                {count!(state, id, bien_phap_xlhc.co_so_cai_nghien_bat_buoc.so_nguoi_bi_ap_dung)}
                {count!(state, id, bien_phap_xlhc.so_nguoi_chua_thanh_nien_quan_ly_tai_gia_dinh)}
                {count!(state, id, bien_phap_xlhc.so_nguoi_chua_thanh_nien_giao_duc_cong_dong)}
            </div>
            {text!(state, id, true, bien_phap_xlhc.nhan_xet_thi_hanh_giao_duc_tai_xa)}
            {count!(state, id, bien_phap_xlhc.so_qd_giao_duc_tai_xa_tam_dinh_chi)}
            {text!(state, id, true, bien_phap_xlhc.thi_hanh_truong_giao_duong_co_so_gdbb.nhan_xet_thi_hanh)}
            <div class="field-row">
                {count!(state, id, bien_phap_xlhc.thi_hanh_truong_giao_duong_co_so_gdbb.so_qd_hoan_mien)}
                {count!(state, id, bien_phap_xlhc.thi_hanh_truong_giao_duong_co_so_gdbb.so_nguoi_dang_chap_hanh)}
                {count!(state, id, bien_phap_xlhc.thi_hanh_truong_giao_duong_co_so_gdbb.so_nguoi_giam_thoi_han)}
                {count!(state, id, bien_phap_xlhc.thi_hanh_truong_giao_duong_co_so_gdbb.so_nguoi_tam_dinh_chi_mien_con_lai)}
            </div>
            {text!(state, id, true, bien_phap_xlhc.thi_hanh_cai_nghien_bat_buoc.nhan_xet_thi_hanh)}
            <div class="field-row">
                {count!(state, id, bien_phap_xlhc.thi_hanh_cai_nghien_bat_buoc.so_qd_hoan_mien)}
                {count!(state, id, bien_phap_xlhc.thi_hanh_cai_nghien_bat_buoc.so_nguoi_dang_chap_hanh)}
                {count!(state, id, bien_phap_xlhc.thi_hanh_cai_nghien_bat_buoc.so_nguoi_giam_thoi_han)}
                {count!(state, id, bien_phap_xlhc.thi_hanh_cai_nghien_bat_buoc.so_nguoi_tam_dinh_chi_mien_con_lai)}
            </div>
            {text!(state, id, true, bien_phap_xlhc.kho_khan_vuong_mac)}
            {text!(state, id, true, bien_phap_xlhc.kien_nghi)}
        </fieldset>
    }
}
