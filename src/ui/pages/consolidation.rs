//! The "Consolidation" page.

use crate::ui::i18n::{t, use_i18n};
use leptos::prelude::*;

/// The consolidation page.
#[component]
pub fn Consolidation() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="page" data-testid="page-consolidation">
            <h1>{t!(i18n, consolidation_title)}</h1>
        </section>
    }
}
