//! The root component: i18n provider, router, navigation, and an error
//! boundary that shows a Vietnamese message instead of a blank page.

use super::i18n::{t, use_i18n, I18nContextProvider};
use super::lang::enforce_stored_lang;
use super::nav::NavBar;
use super::pages;
use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

/// The whole app.
#[component]
pub fn App() -> impl IntoView {
    view! {
        <I18nContextProvider>
            <Shell/>
        </I18nContextProvider>
    }
}

/// Everything inside the i18n context.
#[component]
fn Shell() -> impl IntoView {
    enforce_stored_lang();
    let i18n = use_i18n();
    view! {
        <Router>
            <NavBar/>
            <main id="main" tabindex="-1">
                <ErrorBoundary fallback=move |_errors| view! {
                    <section class="error-panel" role="alert">
                        <h1>{t!(i18n, error_title)}</h1>
                        <p>{t!(i18n, error_body)}</p>
                    </section>
                }>
                    <Routes fallback=pages::not_found::NotFound>
                        <Route path=path!("/") view=pages::overview::Overview/>
                        <Route path=path!("/ke-hoach") view=pages::plans::Plans/>
                        <Route path=path!("/kiem-tra") view=pages::inspections::Inspections/>
                        <Route path=path!("/bao-cao") view=pages::reports::Reports/>
                        <Route path=path!("/tong-hop") view=pages::consolidation::Consolidation/>
                        <Route path=path!("/cai-dat") view=pages::settings::Settings/>
                    </Routes>
                </ErrorBoundary>
            </main>
        </Router>
    }
}
