//! Storage health ("Lưu trữ"): what the app's records take by kind, the
//! browser's own estimate and quota, persistent storage, the last backup,
//! inspections finalized but never exported, and warnings for private
//! windows and overdue backups.

use super::backup_file::{auto_request_persist, backup_due, format_bytes, last_backup};
use crate::domain::inspection::InspectionStatus;
use crate::i18n::format_date_time;
use crate::platform::{local_storage, storage_info};
use crate::state::{AppState, StorageProblem};
use crate::storage::usage::NEARLY_FULL_PERCENT;
use crate::storage::{RecordKind, Usage};
use crate::ui::i18n::{t, t_string, use_i18n};
use crate::ui::lang::use_lang;
use crate::ui::pages::settings::fill;
use leptos::prelude::*;
use leptos_router::components::A;

/// Below this quota the browser is probably a private window (Chromium
/// incognito gives about 100 MB; a normal profile gives gigabytes).
const PRIVATE_QUOTA_BYTES: u64 = 120 * 1024 * 1024;

/// The storage health section.
#[component]
pub fn StorageHealth() -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let state = AppState::expect();
    let estimate = RwSignal::new(None::<(u64, u64)>);
    let persisted = RwSignal::new(None::<bool>);
    let asking = RwSignal::new(false);
    // Attached files in IndexedDB (issue #16): how many, and their bytes.
    let files = RwSignal::new(None::<(usize, u64)>);
    leptos::task::spawn_local(async move {
        let list = crate::platform::evidence::list().await;
        files.try_set(Some((list.len(), list.iter().map(|f| f.size).sum())));
    });
    leptos::task::spawn_local(async move {
        let e = storage_info::estimate().await;
        let p = storage_info::persisted().await;
        estimate.try_set(e);
        persisted.try_set(p);
        if p != Some(true) {
            auto_request_persist(state, move |granted| {
                persisted.try_set(Some(granted));
            });
        }
    });
    let request = move |_| {
        asking.set(true);
        leptos::task::spawn_local(async move {
            let answer = storage_info::request_persist().await;
            persisted.try_set(answer);
            asking.try_set(false);
        });
    };
    let usage = Memo::new(move |_| {
        state.save.track();
        state.ws.track();
        state.with_store(|s| s.repo().usage().ok()).flatten()
    });
    let private_like = move || {
        let small = estimate.get().is_some_and(|(_, q)| q < PRIVATE_QUOTA_BYTES);
        small
            || !local_storage::is_available()
            || state.problem.get() == Some(StorageProblem::Unavailable)
    };
    let not_exported = move || {
        state.ws.with(|ws| {
            ws.inspections()
                .filter(|i| i.status() == InspectionStatus::Finalized)
                .count()
        })
    };
    let last = last_backup();
    let last2 = last.clone();
    let last3 = last.clone();
    let kind_label = move |k: RecordKind| super::restore::kind_text(i18n, k);
    let row = move |label: String, u: Usage| {
        view! {
            <tr>
                <th scope="row">{label}</th>
                <td class="num">{u.count}</td>
                <td class="num">{format_bytes(u.bytes as u64, lang.get())}</td>
            </tr>
        }
    };
    view! {
        <section class="card" aria-labelledby="settings-health-h" data-testid="storage-health">
            <h2 id="settings-health-h">{t!(i18n, storage.health_title)}</h2>
            <Show when=private_like>
                <p class="banner banner--warn" role="status" data-testid="private-warning">
                    {t!(i18n, storage.private_warning)}
                </p>
            </Show>
            <Show when=move || backup_due(state, last.get())>
                <p class="banner banner--warn" data-testid="settings-backup-reminder">
                    {move || {
                        let days = state.ws.with(|ws| ws.settings().backup_reminder_days);
                        fill(t_string!(i18n, storage.backup_reminder), &[("days", (days).to_string())])
                    }}
                </p>
            </Show>
            {move || usage.get().map(|u| u.percent_of_quota()).filter(|p| *p >= NEARLY_FULL_PERCENT).map(|p| view! {
                <p class="banner banner--warn" role="status" data-testid="nearly-full">
                    {fill(t_string!(i18n, storage.nearly_full), &[("percent", p.to_string())])}
                </p>
            })}
            {move || usage.get().map(|u| {
                let rows = RecordKind::ALL
                    .iter()
                    .map(|k| row(kind_label(*k), u.kinds.get(k).copied().unwrap_or_default()))
                    .collect_view();
                view! {
                    <table class="data usage-table" data-testid="usage-table">
                        <caption class="sr-only">{t!(i18n, storage.usage_caption)}</caption>
                        <thead><tr>
                            <th scope="col">{t!(i18n, storage.usage_kind)}</th>
                            <th scope="col" class="num">{t!(i18n, storage.usage_count)}</th>
                            <th scope="col" class="num">{t!(i18n, storage.usage_bytes)}</th>
                        </tr></thead>
                        <tbody>
                            {rows}
                            {row(t_string!(i18n, storage.usage_quarantine).to_string(), u.quarantine)}
                            {row(t_string!(i18n, storage.usage_backups).to_string(), u.backups)}
                        </tbody>
                        <tfoot><tr>
                            <th scope="row">{t!(i18n, storage.usage_total)}</th>
                            <td></td>
                            <td class="num" data-testid="usage-total">{format_bytes(u.own_bytes() as u64, lang.get())}</td>
                        </tr></tfoot>
                    </table>
                }
            })}
            <dl class="facts">
                <dt>{t!(i18n, storage.local_quota)}</dt>
                <dd data-testid="local-quota">{move || usage.get().map(|u| {
                    let p = u.percent_of_quota();
                    view! {
                        <meter min="0" max="100" low="60" high=NEARLY_FULL_PERCENT.to_string() optimum="0"
                            value=p.min(100).to_string() aria-label=move || t_string!(i18n, storage.local_quota)></meter>
                        " "{fill(t_string!(i18n, storage.local_quota_value), &[("percent", p.to_string())])}
                    }
                })}</dd>
                <dt>{t!(i18n, storage.room_label)}</dt>
                <dd data-testid="room-left">{move || usage.get().map(|u| match u.inspections_that_fit_in_quota() {
                    Some(n) => fill(t_string!(i18n, storage.room_value), &[("count", crate::i18n::format_number(i64::try_from(n).unwrap_or(i64::MAX)))]).to_string(),
                    None => t_string!(i18n, storage.room_unknown).to_string(),
                })}</dd>
                <dt>{t!(i18n, storage.browser_estimate)}</dt>
                <dd data-testid="browser-estimate">{move || match estimate.get() {
                    Some((used, quota)) => fill(t_string!(i18n, storage.estimate_value), &[("used", (format_bytes(used, lang.get())).to_string()), ("quota", (format_bytes(quota, lang.get())).to_string())]).to_string(),
                    None => t_string!(i18n, storage.estimate_unknown).to_string(),
                }}</dd>
                <dt>{t!(i18n, storage.attachments_label)}</dt>
                <dd data-testid="attachments-total">{move || files.get().map(|(n, bytes)| fill(
                    t_string!(i18n, storage.attachments_value),
                    &[("count", n.to_string()), ("size", format_bytes(bytes, lang.get()))],
                ).to_string())}</dd>
                <dt>{t!(i18n, storage.persist_label)}</dt>
                <dd data-testid="persist-status">
                    {move || match persisted.get() {
                        Some(true) => t_string!(i18n, storage.persist_yes).to_string(),
                        Some(false) => t_string!(i18n, storage.persist_no).to_string(),
                        None => t_string!(i18n, storage.persist_unknown).to_string(),
                    }}
                    <Show when=move || persisted.get() != Some(true)>
                        " "
                        <button type="button" class="btn btn--small" data-testid="persist-request"
                            disabled=move || asking.get() on:click=request>
                            {t!(i18n, storage.persist_request)}
                        </button>
                    </Show>
                </dd>
                <dt>{t!(i18n, storage.last_backup)}</dt>
                <dd data-testid="last-backup">{move || match last2.get() {
                    Some(t) => format_date_time(t),
                    None => t_string!(i18n, storage.never).to_string(),
                }}</dd>
                <dt>{t!(i18n, storage.not_exported)}</dt>
                <dd data-testid="not-exported">{not_exported}</dd>
            </dl>
            <p>
                <A href="/cai-dat/khoi-phuc" attr:data-testid="recovery-link">
                    {move || {
                        state.save.track();
                        let _ = last3.get();
                        let n = state.load.with(|l| l.quarantined.len());
                        let n = state
                            .with_store(|s| {
                                s.repo().quarantined_entries().map(|e| e.len()).unwrap_or(n)
                                    + s.repo().migration_backups().map(|b| b.len()).unwrap_or(0)
                            })
                            .unwrap_or(n);
                        fill(t_string!(i18n, storage.recovery_link), &[("n", (n).to_string())])
                    }}
                </A>
            </p>
        </section>
    }
}
