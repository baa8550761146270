//! "Nạp dữ liệu mẫu" / "Xóa dữ liệu mẫu" buttons, shown on the overview and
//! on the empty plan list.

use super::demo;
use crate::state::AppState;
use crate::ui::i18n::{t, use_i18n};
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

/// Load or remove the sample data (Cần Thơ 2021).
#[component]
pub fn DemoControls() -> impl IntoView {
    let i18n = use_i18n();
    let state = AppState::expect();
    let navigate = use_navigate();
    // Bumped after each action, since the remembered ids live outside the workspace.
    let tick = RwSignal::new(0u32);
    let loaded = Memo::new(move |_| {
        tick.track();
        demo::is_loaded(&state)
    });
    let error = RwSignal::new(false);
    let on_load = move |_| match demo::load(&state) {
        Ok(id) => {
            error.set(false);
            tick.update(|n| *n += 1);
            navigate(&format!("/ke-hoach/{id}"), Default::default());
        }
        Err(_) => error.set(true),
    };
    let on_remove = move |_| {
        demo::remove(&state);
        tick.update(|n| *n += 1);
    };
    view! {
        <div class="demo-controls" data-testid="demo-controls">
            <Show when=move || loaded.get() fallback=move || {
                let on_load = on_load.clone();
                view! {
                    <button type="button" class="btn" data-testid="demo-load" on:click=on_load>
                        {t!(i18n, plans.demo_load)}
                    </button>
                    <span class="muted">{t!(i18n, plans.demo_hint)}</span>
                }
            }>
                <button type="button" class="btn btn--danger" data-testid="demo-remove" on:click=on_remove>
                    {t!(i18n, plans.demo_remove)}
                </button>
                <span class="muted">{t!(i18n, plans.demo_loaded)}</span>
            </Show>
            <Show when=move || error.get()>
                <p class="error-text" role="alert">{t!(i18n, plans.demo_failed)}</p>
            </Show>
        </div>
    }
}
