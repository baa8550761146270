//! The navigation bar: one link per area, the current one marked with
//! `aria-current="page"` by leptos_router's `<A>`.

use super::i18n::{t, t_string, use_i18n};
use super::lang::LangSwitch;
use leptos::prelude::*;
use leptos_router::components::A;

/// Header with the app name, the area links and the language picker.
#[component]
pub fn NavBar() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <header class="topbar">
            <a class="skip-link" href="#main">{t!(i18n, skip_to_content)}</a>
            <div class="brand">
                <span class="brand-name">{t!(i18n, app_name)}</span>
                <span class="brand-tagline">{t!(i18n, app_tagline)}</span>
            </div>
            <nav aria-label=move || t_string!(i18n, nav_label) data-testid="main-nav">
                <ul>
                    <li><A href="/" exact=true>{t!(i18n, nav_overview)}</A></li>
                    <li><A href="/ke-hoach">{t!(i18n, nav_plans)}</A></li>
                    <li><A href="/kiem-tra">{t!(i18n, nav_inspections)}</A></li>
                    <li><A href="/theo-doi-kien-nghi">{t!(i18n, followup.nav)}</A></li>
                    <li><A href="/bao-cao">{t!(i18n, nav_reports)}</A></li>
                    <li><A href="/bao-cao/theo-doi-thpl">{t!(i18n, thpl.nav)}</A></li>
                    <li><A href="/tong-hop">{t!(i18n, nav_consolidation)}</A></li>
                    <li><A href="/cai-dat">{t!(i18n, nav_settings)}</A></li>
                </ul>
            </nav>
            <LangSwitch/>
        </header>
    }
}
