//! The sections of a THPL round that differ from an XLVPHC round's: the
//! totals of the THPL report's counts over the units that reported, and the
//! consolidated view (summary, per-unit status table and totals) on screen
//! and in print. The rules live in `crate::report::round::thpl`. There is no
//! consolidated report file of kind `tong_hop` for a THPL round: that kind
//! carries XLVPHC figures.

use super::page::{PrintTarget, RoundCtx};
use crate::i18n::{format_date, format_date_in_words, format_number, Lang};
use crate::report::round::thpl::{thpl_counts, thpl_statuses, thpl_totals, ThplTotal};
use crate::report::round::{period_phrase_vi, Round, Submission};
use crate::ui::i18n::{t, use_i18n};
use crate::ui::lang::use_lang;
use crate::ui::pages::reports::common::today;
use leptos::prelude::*;

fn number(n: u64) -> String {
    format_number(i64::try_from(n).unwrap_or(i64::MAX))
}

/// The totals of a THPL round on screen.
#[component]
pub fn ThplTotalsSection() -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let ctx = expect_context::<RoundCtx>();
    let rows = move || {
        ctx.round
            .with(|r| r.as_ref().map(thpl_totals).unwrap_or_default())
    };
    let name = move |t: &ThplTotal| {
        if lang.get() == Lang::Vi {
            t.nhan_vi
        } else {
            t.nhan_en
        }
    };
    view! {
        <section class="round-section card" aria-labelledby="round-thpl-totals-h" data-testid="round-thpl-totals">
            <h2 id="round-thpl-totals-h">{t!(i18n, rounds.thpl_totals)}</h2>
            <p class="muted">{t!(i18n, rounds.thpl_totals_note)}</p>
            <div class="table-scroll">
            <table class="data" data-testid="thpl-totals-table">
                <caption class="sr-only">{t!(i18n, rounds.thpl_totals)}</caption>
                <thead><tr>
                    <th scope="col">{t!(i18n, rounds.col_figure)}</th>
                    <th scope="col">{t!(i18n, rounds.col_total)}</th>
                    <th scope="col">{t!(i18n, rounds.col_entered)}</th>
                    <th scope="col">{t!(i18n, rounds.not_entered)}</th>
                </tr></thead>
                <tbody>
                    {move || rows().into_iter().map(|t| view! {
                        <tr data-testid="thpl-total-row" data-code=t.code>
                            <th scope="row">{name(&t)}</th>
                            <td class="num" data-testid="thpl-total">{number(t.tong)}</td>
                            <td class="num">{t.so_don_vi_co_so_lieu}</td>
                            <td class="num">{t.so_don_vi_chua_nhap}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
            </div>
        </section>
    }
}

/// The consolidated view of a THPL round, printable.
#[component]
pub fn ThplReportSection() -> impl IntoView {
    let i18n = use_i18n();
    let ctx = expect_context::<RoundCtx>();
    let error = RwSignal::new(None::<String>);
    let print = move |_| {
        ctx.print.set(Some(PrintTarget::Report));
        if let Err(e) = crate::platform::print::print_page() {
            error.set(Some(e));
        }
    };
    view! {
        <section class="round-section card" aria-labelledby="round-report-h" data-testid="round-report">
            <h2 id="round-report-h">{t!(i18n, rounds.thpl_report)}</h2>
            <p class="muted no-print">{t!(i18n, rounds.thpl_report_note)}</p>
            <p class="no-print">
                <button type="button" class="btn" data-testid="report-print" on:click=print>{t!(i18n, rounds.report_print)}</button>
            </p>
            {move || error.get().map(|e| view! { <p class="error-text" role="alert">{e}</p> })}
            {move || ctx.round.with(|r| r.as_ref().map(thpl_doc))}
        </section>
    }
}

/// The printed consolidated view (always Vietnamese, like the other
/// documents), NĐ 30/2020 header and closing.
fn thpl_doc(r: &Round) -> impl IntoView {
    let issuer = &r.co_quan_ban_hanh;
    let c = thpl_counts(r);
    // Before the issuing body is entered the sentence has no subject.
    let subject = if issuer.co_quan.ten.trim().is_empty() {
        "Đã".to_owned()
    } else {
        format!("{} đã", issuer.co_quan.ten.trim())
    };
    let summary = format!(
        "{} nhận được báo cáo công tác theo dõi tình hình thi hành pháp luật {} của {}/{} cơ quan, \
         đơn vị phải báo cáo (kỳ báo cáo từ ngày {} đến ngày {}; hạn gửi: {}); trong đó {} cơ quan, \
         đơn vị gửi chậm, {} cơ quan, đơn vị có báo cáo chưa đầy đủ nội dung. Kết quả tổng hợp như sau \
         (số liệu đơn vị chưa điền không tính là 0):",
        subject,
        period_phrase_vi(&r.ky_bao_cao),
        c.da_nop,
        c.du_kien,
        format_date(r.ky_bao_cao.tu_ngay),
        format_date(r.ky_bao_cao.den_ngay),
        format_date(r.han_nop),
        c.cham,
        c.chua_day_du,
    );
    let rows: Vec<_> = thpl_statuses(r)
        .iter()
        .map(|s| {
            let sections: Vec<&str> = s
                .sections_missing()
                .into_iter()
                .map(|sec| sec.heading_vi())
                .collect();
            let complete = match (s.hien_hanh.is_some(), sections.is_empty()) {
                (false, _) => String::new(),
                (true, true) => "Đầy đủ".to_owned(),
                (true, false) => format!("Còn thiếu: {}", sections.join("; ")),
            };
            (
                s.don_vi.ten.clone(),
                s.nop,
                s.hien_hanh.map(|f| format_date(f.ngay_nhan)),
                complete,
            )
        })
        .collect();
    let totals = thpl_totals(r);
    let signer = if issuer.nguoi_ky.trim().is_empty() {
        "(Họ và tên)".to_owned()
    } else {
        issuer.nguoi_ky.clone()
    };
    view! {
        <article class="doc consolidated-doc" data-testid="thpl-round-doc">
            <header class="doc-header">
                <div class="doc-issuer">
                    <div class="doc-issuer-upper">{issuer.co_quan.co_quan_chu_quan.to_uppercase()}</div>
                    <div class="doc-issuer-lower">{issuer.co_quan.ten.to_uppercase()}</div>
                    <div class="doc-rule" aria-hidden="true"></div>
                </div>
                <div class="doc-motto">
                    <div class="doc-quoc-hieu">"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"</div>
                    <div class="doc-tieu-ngu">"Độc lập - Tự do - Hạnh phúc"</div>
                    <div class="doc-rule" aria-hidden="true"></div>
                    <div class="doc-date">{format_date_in_words(&issuer.dia_danh, today(), Lang::Vi)}</div>
                </div>
            </header>
            <p class="doc-type">"BÁO CÁO"</p>
            <p class="doc-summary">{format!("Tổng hợp công tác theo dõi tình hình thi hành pháp luật {}", period_phrase_vi(&r.ky_bao_cao))}</p>
            <div class="doc-rule doc-rule--center" aria-hidden="true"></div>
            <p class="doc-text" data-testid="thpl-round-summary">{summary}</p>
            <table class="doc-table" data-testid="thpl-round-figures">
                <thead><tr><th scope="col">"STT"</th><th scope="col">"Nội dung"</th><th scope="col">"Số liệu"</th><th scope="col">"Số đơn vị đã nhập"</th></tr></thead>
                <tbody>
                    {totals.iter().enumerate().map(|(i, t)| view! {
                        <tr>
                            <td class="num">{i + 1}</td>
                            <td>{t.nhan_vi}</td>
                            <td class="num">{number(t.tong)}</td>
                            <td class="num">{t.so_don_vi_co_so_lieu}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
            <h3>"Tình hình gửi báo cáo của các cơ quan, đơn vị"</h3>
            <table class="doc-table" data-testid="thpl-round-units">
                <thead><tr><th scope="col">"Cơ quan, đơn vị"</th><th scope="col">"Tình trạng"</th><th scope="col">"Ngày nhận"</th><th scope="col">"Nội dung"</th></tr></thead>
                <tbody>
                    {rows.into_iter().map(|(unit, nop, date, complete)| view! {
                        <tr data-testid="thpl-round-unit">
                            <td>{unit}</td>
                            <td>{vi_submission(nop)}</td>
                            <td>{date}</td>
                            <td>{complete}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
            <div class="doc-closing">
                <div class="doc-recipients">
                    <p class="doc-recipients-title">"Nơi nhận:"</p>
                    {issuer.noi_nhan_khac.iter().filter(|n| !n.trim().is_empty()).map(|n| view! { <p>{format!("- {};", n.trim().trim_end_matches(';'))}</p> }).collect_view()}
                    <p>{format!("- Lưu: {}.", issuer.luu.trim().trim_end_matches('.'))}</p>
                </div>
                <div class="doc-signer">
                    {issuer.chuc_vu_ky.iter().map(|c| view! { <div>{c.to_uppercase()}</div> }).collect_view()}
                    <div class="doc-signature-space" aria-hidden="true"></div>
                    <div>{signer}</div>
                </div>
            </div>
        </article>
    }
}

/// The status in Vietnamese for the printed document, whatever the UI
/// language.
fn vi_submission(s: Submission) -> String {
    match s {
        Submission::DungHan => "Đúng hạn".to_owned(),
        Submission::Cham { ngay } => format!("Chậm {ngay} ngày"),
        Submission::ChuaNop => "Chưa nộp".to_owned(),
    }
}
