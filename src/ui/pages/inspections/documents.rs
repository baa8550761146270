//! The two documents printed before an inspection, from its plan and team:
//! the decision establishing the inspection team ("/kiem-tra/:id/quyet-dinh")
//! and the notice to the inspected unit with the date by which it sends its
//! own report ("/kiem-tra/:id/thong-bao"). Both are built by
//! `report::document_build` and always printed in Vietnamese. Beside the
//! notice (on screen only) the list of what the unit prepares and the date
//! its report is due (`report::thpl::documents::unit_preparation`).

use super::shared::inspection_param;
use crate::domain::clock::Clock;
use crate::domain::ids::InspectionId;
use crate::report::document::OfficialDocument;
use crate::report::document_build::{team_decision_document, unit_notice_document};
use crate::state::AppState;
use crate::ui::document::{DocumentView, MissingParts};
use crate::ui::i18n::{t, t_string, use_i18n};
use leptos::prelude::*;
use leptos_router::components::A;

/// Which pre-inspection document.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Which {
    Decision,
    Notice,
}

fn build(state: AppState, insp: InspectionId, which: Which) -> Option<OfficialDocument> {
    state.ws.with(|ws| {
        let i = ws.inspection(insp)?;
        let plan = ws.plan(i.plan_id())?;
        Some(match which {
            Which::Decision => {
                let titles: Vec<String> = plan
                    .template_ids
                    .iter()
                    .filter_map(|id| ws.templates().latest(id).map(|t| t.title.vi.clone()))
                    .collect();
                team_decision_document(plan, i, &titles)
            }
            Which::Notice => {
                unit_notice_document(plan, i, &ws.settings().holidays, state.clock().today())
            }
        })
    })
}

#[component]
fn PreInspectionDocument(which: Which, testid: &'static str) -> impl IntoView {
    let state = AppState::expect();
    let i18n = use_i18n();
    let id = inspection_param();
    let doc = Memo::new(move |_| id.get().and_then(|insp| build(state, insp, which)));
    view! {
        <section class="page plan-print" data-testid=format!("page-{testid}")>
            {move || match (id.get(), doc.get()) {
                (Some(insp), Some(d)) => view! {
                    <div class="print-toolbar no-print">
                        <A href=format!("/kiem-tra/{}", insp.0)>{t!(i18n, inspection.back_to_inspection)}</A>" "
                        <button type="button" class="btn btn--primary" data-testid="print-button"
                            on:click=move |_| { let _ = crate::platform::print::print_page(); }>
                            {t!(i18n, inspection.print_button)}
                        </button>
                    </div>
                    <MissingParts doc=d.clone() label=t_string!(i18n, plans.doc_missing).to_string()/>
                    {(which == Which::Notice).then(|| view! { <UnitPreparationPanel insp=insp/> })}
                    <DocumentView doc=d testid=testid/>
                }.into_any(),
                _ => view! {
                    <h1>{t!(i18n, inspection.not_found_title)}</h1>
                    <A href="/kiem-tra">{t!(i18n, inspection.back_to_list)}</A>
                }.into_any(),
            }}
        </section>
    }
}

/// What the inspected unit prepares and by when (screen only).
#[component]
fn UnitPreparationPanel(insp: InspectionId) -> impl IntoView {
    let state = AppState::expect();
    let i18n = use_i18n();
    let prep = move || {
        state.ws.with(|ws| {
            let i = ws.inspection(insp)?;
            let plan = ws.plan(i.plan_id())?;
            Some(crate::report::thpl::documents::unit_preparation(
                plan,
                i,
                &ws.settings().holidays,
            ))
        })
    };
    move || {
        prep().map(|p| {
            let due = match p.han_gui_bao_cao {
                Some(d) => crate::i18n::fill(
                    t_string!(i18n, inspection.prep_due),
                    &[
                        ("date", crate::i18n::format_date(d)),
                        ("days", format!("{:02}", p.so_ngay_lam_viec_truoc)),
                    ],
                ),
                None => t_string!(i18n, inspection.prep_no_date).to_string(),
            };
            view! {
                <section class="card no-print" data-testid="unit-preparation">
                    <h2>{t!(i18n, inspection.prep_heading)}</h2>
                    <p data-testid="unit-preparation-due">{due}</p>
                    <p class="muted small" lang="vi">{p.ghi_chu}</p>
                    <ul lang="vi">
                        {p.viec_can_chuan_bi.into_iter().map(|it| view! {
                            <li>{it.noi_dung}" "<span class="muted small">"("{it.nguon}")"</span></li>
                        }).collect_view()}
                    </ul>
                </section>
            }
        })
    }
}

/// The decision establishing the inspection team.
#[component]
pub fn InspectionDecisionPrint() -> impl IntoView {
    view! { <PreInspectionDocument which=Which::Decision testid="decision-document"/> }
}

/// The notice to the inspected unit.
#[component]
pub fn UnitNoticePrint() -> impl IntoView {
    view! { <PreInspectionDocument which=Which::Notice testid="notice-document"/> }
}
