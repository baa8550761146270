//! The "Plans" page.

use crate::ui::i18n::{t, use_i18n};
use leptos::prelude::*;

/// The plans page.
#[component]
pub fn Plans() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="page" data-testid="page-plans">
            <h1>{t!(i18n, plans_title)}</h1>
        </section>
    }
}
