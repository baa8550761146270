//! The printable plan ("/ke-hoach/:id/in") in the NĐ 30/2020 layout
//! (legal reference (d)): issuing body and "Số:" on the left, Quốc hiệu,
//! Tiêu ngữ and the place-and-date line on the right, then "KẾ HOẠCH", the
//! summary line, the căn cứ, the sections, the signer block and Nơi nhận
//! (all built by `report::document_build::plan_document`). The
//! document itself is always in Vietnamese (it is the official text); only
//! the toolbar follows the UI language.

use super::print_button::PrintButton;
use crate::domain::ids::PlanId;
use crate::domain::plan::Plan;
use crate::report::document_build::plan_document;
use crate::state::AppState;
use crate::ui::document::{DocumentView, MissingParts};
use crate::ui::i18n::{t, t_string, use_i18n};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

/// The print view page.
#[component]
pub fn PlanPrint() -> impl IntoView {
    let i18n = use_i18n();
    let state = AppState::expect();
    let params = use_params_map();
    let plan = Memo::new(move |_| {
        let id = params
            .read()
            .get("id")
            .and_then(|s| uuid::Uuid::parse_str(&s).ok())
            .map(PlanId)?;
        state.ws.with(|ws| ws.plan(id).cloned())
    });
    view! {
        <section class="page plan-print" data-testid="page-plan-print">
            {move || match plan.get() {
                Some(p) => {
                    let id = p.id;
                    view! {
                        <div class="print-toolbar no-print">
                            <A href=format!("/ke-hoach/{id}")>{t!(i18n, plans.back_to_editor)}</A>
                            <PrintButton/>
                            <span class="muted small">{t!(i18n, plans.print_hint)}</span>
                        </div>
                        <PlanDocument plan=p/>
                    }.into_any()
                }
                None => view! {
                    <h1>{t!(i18n, plans.not_found_title)}</h1>
                    <p><A href="/ke-hoach">{t!(i18n, plans.back_to_list)}</A></p>
                }.into_any(),
            }}
        </section>
    }
}

/// The document itself, built by `report::document_build::plan_document`
/// (the same text the golden files check).
#[component]
fn PlanDocument(plan: Plan) -> impl IntoView {
    let i18n = use_i18n();
    let state = AppState::expect();
    let template_titles: Vec<String> = state.ws.with_untracked(|ws| {
        plan.template_ids
            .iter()
            .map(|id| {
                ws.templates()
                    .latest(id)
                    .map(|t| t.title.vi.clone())
                    .unwrap_or_else(|| id.to_string())
            })
            .collect()
    });
    let doc = plan_document(&plan, &template_titles);
    view! {
        <MissingParts doc=doc.clone() label=t_string!(i18n, plans.doc_missing).to_string()/>
        <DocumentView doc=doc testid="plan-document"/>
    }
}
