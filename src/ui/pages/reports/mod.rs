//! Pages of this area (one component per route).

use leptos::prelude::*;

/// Placeholder until this page is built.
#[component]
pub fn ReportList() -> impl IntoView {
    view! { <section class="page" data-testid="page-reports"><h1>"ReportList"</h1></section> }
}

/// Placeholder until this page is built.
#[component]
pub fn PeriodicReportEditor() -> impl IntoView {
    view! { <section class="page" data-testid="page-periodic-report"><h1>"PeriodicReportEditor"</h1></section> }
}

/// Placeholder until this page is built.
#[component]
pub fn ReportPrint() -> impl IntoView {
    view! { <section class="page" data-testid="page-report-print"><h1>"ReportPrint"</h1></section> }
}

/// Placeholder until this page is built.
#[component]
pub fn VerifyFile() -> impl IntoView {
    view! { <section class="page" data-testid="page-verify"><h1>"VerifyFile"</h1></section> }
}
