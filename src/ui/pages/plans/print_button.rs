//! The "In" button: opens the browser's print dialog through the platform
//! helper (the print stylesheet hides the app chrome).

use crate::ui::i18n::{t, use_i18n};
use leptos::prelude::*;

/// A button that prints the current page.
#[component]
pub fn PrintButton() -> impl IntoView {
    let i18n = use_i18n();
    let failed = RwSignal::new(false);
    view! {
        <button type="button" class="btn btn--primary" data-testid="print-button"
            on:click=move |_| failed.set(crate::platform::print::print_page().is_err())>
            {t!(i18n, plans.print)}
        </button>
        <Show when=move || failed.get()>
            <span class="error-text" role="alert">{t!(i18n, plans.print_failed)}</span>
        </Show>
    }
}
