//! The live checks of a periodic report: consistency issues (errors and
//! warnings, naming the fields and their values) and the completeness list
//! (fields not entered yet, by their legal labels). Neither blocks export.

use super::common::fill;
use super::fields;
use crate::i18n::{format_number, Lang};
use crate::report::periodic_checks::{ConsistencyRule, MissingField, Severity};
use crate::report::ConsistencyIssue;
use crate::ui::i18n::{t, t_string, use_i18n};
use crate::ui::lang::use_lang;
use leptos::prelude::*;

use super::common::I18n;

/// What a rule means, in the UI language.
pub fn rule_text(i18n: I18n, rule: ConsistencyRule) -> &'static str {
    use ConsistencyRule as R;
    match rule {
        R::XuPhatVuotPhatHien => t_string!(i18n, reports.rule_xu_phat_vuot_phat_hien),
        R::DoiTuongVuotSoVuXuPhat => t_string!(i18n, reports.rule_doi_tuong_vuot_so_vu),
        R::ThiHanhXongVuotTongQd => t_string!(i18n, reports.rule_thi_hanh_xong_vuot_tong_qd),
        R::CuongCheVuotTongQd => t_string!(i18n, reports.rule_cuong_che_vuot_tong_qd),
        R::HoanGiamMienVuotTongQd => t_string!(i18n, reports.rule_hoan_giam_mien_vuot_tong_qd),
        R::KhieuNaiVuotTongQd => t_string!(i18n, reports.rule_khieu_nai_vuot_tong_qd),
        R::XuPhatKhongCoQuyetDinh => t_string!(i18n, reports.rule_xu_phat_khong_co_qd),
        R::TienThuKhongCoQuyetDinh => t_string!(i18n, reports.rule_tien_thu_khong_co_qd),
        R::KyBaoCaoDaoNguoc => t_string!(i18n, reports.rule_ky_dao_nguoc),
        R::KyBaoCaoKhongChuan => t_string!(i18n, reports.rule_ky_khong_chuan),
        R::CheDoKhongCoLoaiKy => t_string!(i18n, reports.rule_che_do_khong_co_loai_ky),
        R::HanNopTruocNgayChot => t_string!(i18n, reports.rule_han_nop_truoc_ngay_chot),
    }
}

/// "Label = value; Label = value" for an issue's fields.
fn fields_line(issue: &ConsistencyIssue, vi: bool) -> String {
    issue
        .fields
        .iter()
        .enumerate()
        .map(|(i, code)| {
            let label = fields::label(code, vi);
            match issue.values.get(i) {
                Some(v) => format!(
                    "{label} = {}",
                    format_number(i64::try_from(*v).unwrap_or(i64::MAX))
                ),
                None => label,
            }
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// The list of consistency issues.
#[component]
pub fn IssueList(issues: Memo<Vec<ConsistencyIssue>>) -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let items = move || {
        let vi = lang.get() == Lang::Vi;
        issues
            .get()
            .into_iter()
            .map(|issue| {
                let (class, sev) = match issue.severity {
                    Severity::Loi => (
                        "issue issue--error",
                        t_string!(i18n, reports.severity_error),
                    ),
                    Severity::CanhBao => (
                        "issue issue--warn",
                        t_string!(i18n, reports.severity_warning),
                    ),
                };
                view! {
                    <li class=class data-testid="issue">
                        <strong>{sev}": "</strong>{rule_text(i18n, issue.rule)}
                        <br/><span class="issue-fields">{fields_line(&issue, vi)}</span>
                    </li>
                }
            })
            .collect_view()
    };
    view! {
        <Show
            when=move || !issues.with(Vec::is_empty)
            fallback=move || view! { <p class="notice-ok" data-testid="no-issues">{t!(i18n, reports.no_issues)}</p> }
        >
            <ul class="issues" data-testid="issues" aria-live="polite">{items}</ul>
        </Show>
    }
}

/// The fields not entered yet.
#[component]
pub fn MissingList(missing: Memo<Vec<MissingField>>) -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let items = move || {
        let vi = lang.get() == Lang::Vi;
        missing
            .get()
            .into_iter()
            .map(|m| view! { <li data-testid="missing-field">{fields::label_at(m.code, m.index, vi)}</li> })
            .collect_view()
    };
    view! {
        <Show
            when=move || !missing.with(Vec::is_empty)
            fallback=move || view! { <p class="notice-ok" data-testid="complete">{t!(i18n, reports.complete)}</p> }
        >
            <details class="missing" data-testid="missing">
                <summary data-testid="missing-summary">{move || fill(t_string!(i18n, reports.missing_n), &[("n", (missing.with(Vec::len)).to_string())])}</summary>
                <ul>{items}</ul>
            </details>
        </Show>
    }
}

/// Both checks, side by side with the form.
#[component]
pub fn ChecksPanel(
    issues: Memo<Vec<ConsistencyIssue>>,
    missing: Memo<Vec<MissingField>>,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="card checks" data-testid="checks">
            <h2>{t!(i18n, reports.checks_heading)}</h2>
            <h3>{t!(i18n, reports.consistency_heading)}</h3>
            <IssueList issues=issues/>
            <h3>{t!(i18n, reports.completeness_heading)}</h3>
            <MissingList missing=missing/>
        </section>
    }
}
