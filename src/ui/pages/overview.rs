//! The "Overview" page.

use crate::ui::i18n::{t, use_i18n};
use leptos::prelude::*;

/// The overview page.
#[component]
pub fn Overview() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="page" data-testid="page-overview">
            <h1>{t!(i18n, overview_title)}</h1>
        </section>
    }
}
