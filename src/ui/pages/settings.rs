//! The "Settings" page.

use crate::ui::i18n::{t, use_i18n};
use leptos::prelude::*;

/// The settings page.
#[component]
pub fn Settings() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="page" data-testid="page-settings">
            <h1>{t!(i18n, settings_title)}</h1>
        </section>
    }
}
