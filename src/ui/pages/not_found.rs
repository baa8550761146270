//! The page for an unknown address.

use crate::ui::i18n::{t, use_i18n};
use leptos::prelude::*;
use leptos_router::components::A;

/// Shown for any path the router does not know.
#[component]
pub fn NotFound() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="page" data-testid="page-not-found">
            <h1>{t!(i18n, not_found_title)}</h1>
            <p>{t!(i18n, not_found_body)}</p>
            <p><A href="/">{t!(i18n, not_found_home)}</A></p>
        </section>
    }
}
