//! The "Inspections" page.

use crate::ui::i18n::{t, use_i18n};
use leptos::prelude::*;

/// The inspections page.
#[component]
pub fn Inspections() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="page" data-testid="page-inspections">
            <h1>{t!(i18n, inspections_title)}</h1>
        </section>
    }
}
