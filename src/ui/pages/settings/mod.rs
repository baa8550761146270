//! Pages of this area (one component per route).

use leptos::prelude::*;

/// Placeholder until this page is built.
#[component]
pub fn SettingsPage() -> impl IntoView {
    view! { <section class="page" data-testid="page-settings"><h1>"SettingsPage"</h1></section> }
}

/// Placeholder until this page is built.
#[component]
pub fn RecoveryPage() -> impl IntoView {
    view! { <section class="page" data-testid="page-recovery"><h1>"RecoveryPage"</h1></section> }
}
