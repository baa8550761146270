//! The "Reports" page.

use crate::ui::i18n::{t, use_i18n};
use leptos::prelude::*;

/// The reports page.
#[component]
pub fn Reports() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="page" data-testid="page-reports">
            <h1>{t!(i18n, reports_title)}</h1>
        </section>
    }
}
