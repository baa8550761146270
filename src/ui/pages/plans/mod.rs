//! Pages of this area (one component per route).

use leptos::prelude::*;

/// Placeholder until this page is built.
#[component]
pub fn PlanList() -> impl IntoView {
    view! { <section class="page" data-testid="page-plans"><h1>"PlanList"</h1></section> }
}

/// Placeholder until this page is built.
#[component]
pub fn PlanEditor() -> impl IntoView {
    view! { <section class="page" data-testid="page-plan-editor"><h1>"PlanEditor"</h1></section> }
}

/// Placeholder until this page is built.
#[component]
pub fn PlanPrint() -> impl IntoView {
    view! { <section class="page" data-testid="page-plan-print"><h1>"PlanPrint"</h1></section> }
}
