//! The printed THPL documents in the NĐ 30/2020 layout: the yearly report
//! (".../:id/in") and the report on handling law-amendment recommendations
//! (".../:id/kien-nghi", TT 04/2021 Điều 8 khoản 2), both built by
//! `report::thpl::documents`, dated by the last export (else today), with
//! the SHA-256 of the last exported data file in the footer of the first.
//! The documents are always in Vietnamese.

use super::BASE;
use crate::domain::clock::vietnam_date;
use crate::persist::ThplRecord;
use crate::report::thpl::documents::{amendment_report_document, yearly_report_document};
use crate::state::AppState;
use crate::ui::document::{DocumentView, MissingParts};
use crate::ui::i18n::{t, t_string, use_i18n};
use crate::ui::pages::reports::common::{parse_report_id, today};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

fn record() -> impl Fn() -> Option<ThplRecord> + Copy {
    let state = AppState::expect();
    let params = use_params_map();
    move || {
        params
            .with(|p| p.get("id").and_then(|s| parse_report_id(&s)))
            .and_then(|id| state.thpl.with(|m| m.get(&id).cloned()))
    }
}

fn date_of(rec: &ThplRecord) -> chrono::NaiveDate {
    rec.last_export
        .as_ref()
        .map(|s| vietnam_date(s.at))
        .unwrap_or_else(today)
}

#[component]
fn Controls(id: String) -> impl IntoView {
    let i18n = use_i18n();
    let error = RwSignal::new(None::<String>);
    view! {
        {move || error.get().map(|e| view! { <p class="error-text no-print" role="alert">{e}</p> })}
        <p class="no-print print-controls">
            <A href=format!("{BASE}/{id}")>{t!(i18n, thpl.back_to_editor)}</A>
            " "
            <button type="button" class="btn btn--primary" data-testid="print-button"
                on:click=move |_| error.set(crate::platform::print::print_page().err())>
                {t!(i18n, reports.print_now)}
            </button>
        </p>
    }
}

/// The yearly report, printed.
#[component]
pub fn ThplPrint() -> impl IntoView {
    let i18n = use_i18n();
    let state = AppState::expect();
    let rec = record();
    let place = move || state.ws.with(|ws| ws.settings().place_name.clone());
    view! {
        <section class="page report-print" data-testid="page-thpl-print">
            {move || match rec() {
                None => view! { <h1>{t!(i18n, thpl.not_found)}</h1> }.into_any(),
                Some(r) => {
                    let doc = yearly_report_document(&r.report, &place(), date_of(&r));
                    let footer = match &r.last_export {
                        Some(s) => format!("Mã kiểm tra tệp dữ liệu (SHA-256): {}", s.content_sha256),
                        None => "Mã kiểm tra tệp dữ liệu (SHA-256): chưa xuất tệp dữ liệu".to_string(),
                    };
                    view! {
                        <Controls id=r.id.to_string()/>
                        <MissingParts doc=doc.clone() label=t_string!(i18n, plans.doc_missing).to_string()/>
                        <DocumentView doc=doc testid="thpl-print-doc"/>
                        <footer class="doc-footer" data-testid="print-hash">{footer}</footer>
                        <crate::ui::signing::PrintedFingerprint/>
                    }.into_any()
                }
            }}
        </section>
    }
}

/// The report on handling law-amendment recommendations, printed.
#[component]
pub fn ThplAmendmentPrint() -> impl IntoView {
    let i18n = use_i18n();
    let state = AppState::expect();
    let rec = record();
    let place = move || state.ws.with(|ws| ws.settings().place_name.clone());
    view! {
        <section class="page report-print" data-testid="page-thpl-amendments">
            {move || match rec() {
                None => view! { <h1>{t!(i18n, thpl.not_found)}</h1> }.into_any(),
                Some(r) => {
                    let doc = amendment_report_document(&r.report, &place(), date_of(&r));
                    view! {
                        <Controls id=r.id.to_string()/>
                        <MissingParts doc=doc.clone() label=t_string!(i18n, plans.doc_missing).to_string()/>
                        <DocumentView doc=doc testid="thpl-amendments-doc"/>
                    }.into_any()
                }
            }}
        </section>
    }
}
