//! The consolidated report of a round: printed in the NĐ 30/2020 layout
//! (Mẫu 1.4, a report has no "V/v"; with "Nơi nhận") and exported as a
//! report file of kind `tong_hop` that lists its sources and carries its own
//! content hash. The printed text is always Vietnamese.

use super::page::{PrintTarget, RoundCtx};
use crate::domain::clock::Clock;
use crate::i18n::{format_date, format_date_in_words, Lang};
use crate::platform::clock::BrowserClock;
use crate::report::round::consolidated::{consolidate, ConsolidatedReport};
use crate::report::round::period_phrase_vi;
use crate::report::ReportContent;
use crate::ui::i18n::{t, t_string, use_i18n};
use crate::ui::pages::reports::common::{fill, today};
use crate::ui::pages::reports::fields::label;
use leptos::prelude::*;

fn figure(v: Option<u64>, money: bool) -> String {
    match v {
        None => "Chưa nhập".to_owned(),
        Some(n) => {
            let n = i64::try_from(n).unwrap_or(i64::MAX);
            if money {
                crate::i18n::format_money(n)
            } else {
                crate::i18n::format_number(n)
            }
        }
    }
}

/// The consolidated report section.
#[component]
pub fn ConsolidatedSection() -> impl IntoView {
    let i18n = use_i18n();
    let ctx = expect_context::<RoundCtx>();
    let signing = use_context::<crate::ui::signing::Signing>();
    let number = RwSignal::new(String::new());
    let message = RwSignal::new(None::<(bool, String)>);
    let report = move || {
        ctx.round
            .with(|r| r.as_ref().map(|r| consolidate(r, &number.get())))
    };
    let export_json = move |_| {
        let Some(c) = ctx
            .round
            .with_untracked(|r| r.as_ref().map(|r| consolidate(r, &number.get_untracked())))
        else {
            return;
        };
        let now = BrowserClock.now();
        leptos::task::spawn_local(async move {
            let result = crate::ui::signing::export_and_download(
                i18n,
                signing,
                ReportContent::TongHop(c),
                now,
            )
            .await;
            message.set(Some(match result {
                Ok((f, how)) => (
                    true,
                    format!(
                        "{} {}",
                        fill(
                            t_string!(i18n, rounds.exported),
                            &[("file", f.file_name), ("hash", f.content_sha256)],
                        ),
                        how.text(i18n)
                    ),
                ),
                Err(e) => (false, e),
            }));
        });
    };
    let export_xlsx = move |_| {
        let now = BrowserClock.now();
        let result = ctx.round.with_untracked(|r| {
            let r = r.as_ref().ok_or_else(String::new)?;
            let label = |c: &str| crate::ui::pages::reports::fields::label(c, true);
            let bytes = crate::report::round::workbook::workbook(r, now, &label)
                .map_err(|e| e.to_string())?;
            let name = crate::report::round::workbook::file_name(r);
            crate::platform::download::download_bytes(
                &name,
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                &bytes,
            )?;
            Ok::<_, String>(name)
        });
        message.set(Some(match result {
            Ok(name) => (
                true,
                fill(t_string!(i18n, rounds.xlsx_done), &[("file", name)]),
            ),
            Err(e) => (false, e),
        }));
    };
    let print = move |_| {
        ctx.print.set(Some(PrintTarget::Report));
        if let Err(e) = crate::platform::print::print_page() {
            message.set(Some((false, e)));
        }
    };
    let issuer = move || {
        ctx.round.with(|r| {
            r.as_ref()
                .map(|r| r.co_quan_ban_hanh.clone())
                .unwrap_or_default()
        })
    };
    view! {
        <section class="round-section card" aria-labelledby="round-report-h" data-testid="round-report">
            <h2 id="round-report-h">{t!(i18n, rounds.report)}</h2>
            <div class="field-row no-print">
                <label class="field">
                    <span>{t!(i18n, rounds.report_number)}</span>
                    <input type="text" data-testid="report-number" prop:value=move || number.get()
                        on:input=move |ev| number.set(event_target_value(&ev))/>
                </label>
            </div>
            <p class="no-print">
                <button type="button" class="btn btn--primary" data-testid="report-export" on:click=export_json>{t!(i18n, rounds.report_export)}</button>
                " "
                <button type="button" class="btn" data-testid="report-xlsx" on:click=export_xlsx>{t!(i18n, rounds.xlsx_export)}</button>
                " "
                <button type="button" class="btn" data-testid="report-print" on:click=print>{t!(i18n, rounds.report_print)}</button>
            </p>
            {move || message.get().map(|(ok, m)| view! {
                <p class={if ok { "ok-text" } else { "error-text" }} role={if ok { "status" } else { "alert" }} data-testid="report-message">{m}</p>
            })}
            <details class="report-preview" open=true>
                <summary class="no-print">{t!(i18n, rounds.report_preview)}</summary>
                {move || report().map(|c| view! { <ReportDoc report=c issuer=issuer()/> })}
            </details>
        </section>
    }
}

#[component]
fn ReportDoc(report: ConsolidatedReport, issuer: crate::report::round::Issuer) -> impl IntoView {
    let c = report;
    let number = if c.so_ky_hieu.is_empty() {
        "Số:       /BC-…".to_owned()
    } else {
        format!("Số: {}", c.so_ky_hieu)
    };
    let ky = period_phrase_vi(&c.ky_bao_cao);
    let summary = format!(
        "Thực hiện chế độ báo cáo theo {}, {} nhận được báo cáo của {}/{} cơ quan, đơn vị phải báo cáo \
         (hạn gửi: {}); trong đó {} cơ quan, đơn vị gửi chậm, {} cơ quan, đơn vị có báo cáo chưa đầy đủ số liệu, nội dung. \
         Kết quả tổng hợp số liệu như sau (số liệu “Chưa nhập” là số liệu các đơn vị chưa điền, không tính là 0):",
        c.che_do_bao_cao.legal_text_vi(),
        c.don_vi_bao_cao.ten,
        c.so_don_vi_da_bao_cao,
        c.so_don_vi_phai_bao_cao,
        format_date(c.han_nop_don_vi),
        c.so_don_vi_cham,
        c.so_don_vi_chua_day_du,
    );
    let mut noi_nhan: Vec<String> = issuer
        .noi_nhan_khac
        .iter()
        .filter(|n| !n.trim().is_empty())
        .map(|n| format!("- {};", n.trim().trim_end_matches(';')))
        .collect();
    noi_nhan.push(format!(
        "- Lưu: {}.",
        issuer.luu.trim().trim_end_matches('.')
    ));
    let signer = if issuer.nguoi_ky.trim().is_empty() {
        "(Họ và tên)".to_owned()
    } else {
        issuer.nguoi_ky.clone()
    };
    view! {
        <article class="doc consolidated-doc" data-testid="report-doc">
            <header class="doc-header">
                <div class="doc-issuer">
                    <div class="doc-issuer-upper">{c.don_vi_bao_cao.co_quan_chu_quan.to_uppercase()}</div>
                    <div class="doc-issuer-lower">{c.don_vi_bao_cao.ten.to_uppercase()}</div>
                    <div class="doc-rule" aria-hidden="true"></div>
                    <div class="doc-number">{number}</div>
                </div>
                <div class="doc-motto">
                    <div class="doc-quoc-hieu">"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"</div>
                    <div class="doc-tieu-ngu">"Độc lập - Tự do - Hạnh phúc"</div>
                    <div class="doc-rule" aria-hidden="true"></div>
                    <div class="doc-date">{format_date_in_words(&issuer.dia_danh, today(), Lang::Vi)}</div>
                </div>
            </header>
            <p class="doc-type">"BÁO CÁO"</p>
            <p class="doc-summary">{format!("Tổng hợp tình hình thi hành pháp luật về xử lý vi phạm hành chính {ky}")}</p>
            <div class="doc-rule doc-rule--center" aria-hidden="true"></div>
            <p class="doc-text">{summary}</p>
            <table class="doc-table" data-testid="report-figures">
                <thead><tr><th scope="col">"STT"</th><th scope="col">"Nội dung"</th><th scope="col">"Số liệu"</th><th scope="col">"Số đơn vị đã nhập"</th></tr></thead>
                <tbody>
                    {c.so_lieu.iter().enumerate().map(|(i, f)| view! {
                        <tr>
                            <td class="num">{i + 1}</td>
                            <td>{label(&f.ma, true)}</td>
                            <td class="num">{figure(f.tong, f.ma == crate::report::round::totals::MONEY_FIELD)}</td>
                            <td class="num">{f.so_don_vi_da_nhap}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
            {(!c.don_vi_chua_bao_cao.is_empty()).then(|| view! {
                <p class="doc-text">{format!("Các cơ quan, đơn vị chưa gửi báo cáo: {}.", c.don_vi_chua_bao_cao.iter().map(|u| u.ten.clone()).collect::<Vec<_>>().join("; "))}</p>
            })}
            <h3>"Nguồn số liệu"</h3>
            <table class="doc-table" data-testid="report-sources">
                <thead><tr><th scope="col">"Cơ quan, đơn vị"</th><th scope="col">"Tệp"</th><th scope="col">"Ngày nhận"</th><th scope="col">"Mã SHA-256"</th></tr></thead>
                <tbody>
                    {c.nguon.iter().map(|s| view! {
                        <tr><td>{s.don_vi.ten.clone()}</td><td>{s.ten_tep.clone()}</td><td>{format_date(s.ngay_nhan)}</td><td class="hash">{s.content_sha256.clone()}</td></tr>
                    }).collect_view()}
                </tbody>
            </table>
            <div class="doc-closing">
                <div class="doc-recipients">
                    <p class="doc-recipients-title">"Nơi nhận:"</p>
                    {noi_nhan.into_iter().map(|n| view! { <p>{n}</p> }).collect_view()}
                </div>
                <div class="doc-signer">
                    {issuer.chuc_vu_ky.iter().map(|c| view! { <div>{c.to_uppercase()}</div> }).collect_view()}
                    <div class="doc-signature-space" aria-hidden="true"></div>
                    <div>{signer}</div>
                </div>
            </div>
            <crate::ui::signing::PrintedFingerprint/>
        </article>
    }
}
