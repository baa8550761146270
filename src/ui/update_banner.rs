//! "Có phiên bản mới": shown when a new version of the app has been
//! downloaded by the service worker and waits. The user chooses when to
//! reload; pending changes are written first.

use super::i18n::{t, use_i18n};
use crate::platform::sw;
use crate::state::AppState;
use leptos::prelude::*;

/// Registers the service worker and shows the update notice when needed.
#[component]
pub fn UpdateBanner() -> impl IntoView {
    let i18n = use_i18n();
    let state = AppState::expect();
    let ready = RwSignal::new(false);
    sw::register(move || ready.set(true));
    let reload = move |_| {
        state.flush_now();
        sw::apply_update();
    };
    view! {
        <Show when=move || ready.get()>
            <div class="update-banner" role="status" data-testid="update-banner">
                <span>{t!(i18n, update_available)}</span>
                <button type="button" class="btn btn--primary" on:click=reload>
                    {t!(i18n, update_reload)}
                </button>
                <button type="button" class="btn" on:click=move |_| ready.set(false)>
                    {t!(i18n, update_later)}
                </button>
            </div>
        </Show>
    }
}
