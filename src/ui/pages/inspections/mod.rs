//! Pages of this area (one component per route).

use leptos::prelude::*;

/// Placeholder until this page is built.
#[component]
pub fn InspectionList() -> impl IntoView {
    view! { <section class="page" data-testid="page-inspections"><h1>"InspectionList"</h1></section> }
}

/// Placeholder until this page is built.
#[component]
pub fn InspectionPage() -> impl IntoView {
    view! { <section class="page" data-testid="page-inspection"><h1>"InspectionPage"</h1></section> }
}

/// Placeholder until this page is built.
#[component]
pub fn InspectionPrint() -> impl IntoView {
    view! { <section class="page" data-testid="page-inspection-print"><h1>"InspectionPrint"</h1></section> }
}

/// Placeholder until this page is built.
#[component]
pub fn MigrationPage() -> impl IntoView {
    view! { <section class="page" data-testid="page-migration"><h1>"MigrationPage"</h1></section> }
}
