//! Pages of this area (one component per route).

use leptos::prelude::*;

/// Placeholder until this page is built.
#[component]
pub fn TemplateList() -> impl IntoView {
    view! { <section class="page" data-testid="page-templates"><h1>"TemplateList"</h1></section> }
}

/// Placeholder until this page is built.
#[component]
pub fn TemplateEditor() -> impl IntoView {
    view! { <section class="page" data-testid="page-template-editor"><h1>"TemplateEditor"</h1></section> }
}
