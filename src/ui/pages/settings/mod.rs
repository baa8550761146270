//! The settings area: general settings, storage health, backup and restore
//! ("/cai-dat"), archive files of finished inspections, and the recovery page for records set aside
//! ("/cai-dat/khoi-phuc").

mod archive;
pub mod backup_file;
mod general;
mod health;
mod recovery;
pub mod restore;

use crate::ui::i18n::{t, use_i18n};
use leptos::prelude::*;
use leptos_router::components::A;

pub use recovery::RecoveryPage;

pub use crate::i18n::fill;

/// The settings page ("/cai-dat").
#[component]
pub fn SettingsPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="page settings-page" data-testid="page-settings">
            <h1>{t!(i18n, settings_title)}</h1>
            <p class="lead">{t!(i18n, storage.settings_lead)}</p>
            <p><A href="/cai-dat/mau-phieu" attr:data-testid="templates-link">{t!(i18n, storage.templates_link)}</A></p>
            <general::GeneralSettings/>
            <crate::ui::signing::UnitKeySection/>
            <health::StorageHealth/>
            <restore::BackupRestore/>
            <archive::ArchiveSection/>
        </section>
    }
}
