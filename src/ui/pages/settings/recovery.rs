//! The recovery page: records the app set aside because it could not read
//! them (damaged, or written by a newer version), each downloadable as its
//! exact stored text and removable only after that download and a
//! confirmation; and the copies kept from before a format upgrade, which the
//! user confirms once the upgraded record looks right.

use super::restore::{corrupt_reason_text, Ctx};
use crate::platform::download::download_text;
use crate::state::AppState;
use crate::storage::{MigrationBackup, QuarantineReason, QuarantinedEntry, StorageError};
use crate::ui::i18n::{t, t_string, use_i18n};
use crate::ui::pages::settings::fill;
use leptos::prelude::*;
use leptos_router::components::A;
use std::collections::BTreeSet;

fn file_name(prefix: &str, key: &str) -> String {
    let safe: String = key
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' {
                c
            } else {
                '_'
            }
        })
        .collect();
    format!("{prefix}_{safe}.txt")
}

fn reason_text(i18n: Ctx, r: Option<&QuarantineReason>) -> String {
    match r {
        Some(QuarantineReason::Corrupt(c)) => fill(
            t_string!(i18n, storage.why_corrupt),
            &[("why", (corrupt_reason_text(i18n, c)).to_string())],
        )
        .to_string(),
        Some(QuarantineReason::FromNewer { version }) => fill(
            t_string!(i18n, storage.why_newer),
            &[("version", (*version).to_string())],
        )
        .to_string(),
        Some(QuarantineReason::Restorable) => t_string!(i18n, storage.why_restorable).to_string(),
        None => t_string!(i18n, storage.why_unknown).to_string(),
    }
}

/// The recovery page ("/cai-dat/khoi-phuc").
#[component]
pub fn RecoveryPage() -> impl IntoView {
    let i18n = use_i18n();
    let state = AppState::expect();
    let refresh = RwSignal::new(0u32);
    let entries = Memo::new(move |_| {
        refresh.track();
        state.load.track();
        state
            .with_store(|s| s.repo().quarantined_entries())
            .unwrap_or(Err(StorageError::Unavailable))
            .unwrap_or_default()
    });
    let backups = Memo::new(move |_| {
        refresh.track();
        state
            .with_store(|s| s.repo().migration_backups())
            .unwrap_or(Err(StorageError::Unavailable))
            .unwrap_or_default()
    });
    let downloaded = RwSignal::new(BTreeSet::<String>::new());
    let confirming = RwSignal::new(None::<String>);
    let message = RwSignal::new(None::<String>);

    view! {
        <section class="page" data-testid="page-recovery">
            <p><A href="/cai-dat">{t!(i18n, storage.back_to_settings)}</A></p>
            <h1>{t!(i18n, storage.recovery_title)}</h1>
            <p class="lead">{t!(i18n, storage.recovery_intro)}</p>
            <p role="status" aria-live="polite" data-testid="recovery-message">{move || message.get()}</p>
            <h2>{t!(i18n, storage.quarantine_title)}</h2>
            <Show when=move || !entries.with(Vec::is_empty)
                fallback=move || view! { <p class="empty-state" data-testid="quarantine-empty">{t!(i18n, storage.quarantine_empty)}</p> }>
                <ul class="recovery-list" data-testid="quarantine-list">
                    {move || entries.get().into_iter().map(|e| view! {
                        <QuarantineRow entry=e downloaded=downloaded confirming=confirming
                            refresh=refresh message=message/>
                    }).collect_view()}
                </ul>
            </Show>
            <MissingRecords/>
            <h2>{t!(i18n, storage.migration_title)}</h2>
            <Show when=move || !backups.with(Vec::is_empty)
                fallback=move || view! { <p class="empty-state">{t!(i18n, storage.migration_empty)}</p> }>
                <p class="muted">{t!(i18n, storage.migration_intro)}</p>
                <ul class="recovery-list" data-testid="migration-list">
                    {move || backups.get().into_iter().map(|b| view! {
                        <MigrationRow backup=b refresh=refresh message=message/>
                    }).collect_view()}
                </ul>
            </Show>
        </section>
    }
}

/// One quarantined record: why, download, then delete with confirmation.
#[component]
fn QuarantineRow(
    entry: QuarantinedEntry,
    downloaded: RwSignal<BTreeSet<String>>,
    confirming: RwSignal<Option<String>>,
    refresh: RwSignal<u32>,
    message: RwSignal<Option<String>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let state = AppState::expect();
    let key = entry.original_key.clone();
    let reason = state.load.with_untracked(|l| {
        l.quarantined
            .iter()
            .find(|n| n.key == key)
            .map(|n| n.reason.clone())
    });
    // The JSON when the stored value decompresses, else the exact stored
    // text (`storage::codec::readable_text`).
    let raw = crate::storage::codec::readable_text(&entry.raw).into_owned();
    let size = raw.len();
    let k_dl = key.clone();
    let download = move |_| {
        let name = file_name("kiemtra-cach-ly", &k_dl);
        if download_text(&name, "text/plain;charset=utf-8", &raw).is_ok() {
            downloaded.update(|d| {
                d.insert(k_dl.clone());
            });
        } else {
            message.set(Some(t_string!(i18n, storage.download_failed).to_string()));
        }
    };
    let k3 = key.clone();
    let k4 = key.clone();
    let key_sv = StoredValue::new(key.clone());
    let is_downloaded = move || downloaded.with(|d| key_sv.with_value(|k| d.contains(k)));
    let is_confirming =
        move || confirming.with(|c| key_sv.with_value(|k| c.as_deref() == Some(k.as_str())));
    let discard = move |_| {
        let result = state.with_store(|s| s.repo_mut().discard_quarantined(&k3));
        confirming.set(None);
        match result {
            Some(Ok(())) => {
                let key = k3.clone();
                state
                    .load
                    .update(|l| l.quarantined.retain(|n| n.key != key));
                message.set(Some(
                    fill(
                        t_string!(i18n, storage.discarded),
                        &[("key", (k3.clone()).to_string())],
                    )
                    .to_string(),
                ));
            }
            _ => message.set(Some(t_string!(i18n, storage.discard_failed).to_string())),
        }
        refresh.update(|n| *n += 1);
    };
    view! {
        <li class="card" data-testid="quarantine-item" data-key=key.clone()>
            <p><code>{key.clone()}</code></p>
            <p data-testid="quarantine-reason">{reason_text(i18n, reason.as_ref())}</p>
            <p class="muted">{fill(t_string!(i18n, storage.raw_size), &[("n", super::backup_file::format_bytes(size as u64, if i18n.get_locale_untracked() == crate::ui::i18n::Locale::en { crate::i18n::Lang::En } else { crate::i18n::Lang::Vi }))])}</p>
            <div class="actions">
                <button type="button" class="btn" data-testid="quarantine-download" on:click=download>
                    {t!(i18n, storage.download_raw)}
                </button>
                <Show when=move || !is_confirming()>
                    <button type="button" class="btn btn--danger" data-testid="quarantine-discard"
                        disabled=move || !is_downloaded()
                        on:click={let k = k4.clone(); move |_| confirming.set(Some(k.clone()))}>
                        {t!(i18n, storage.discard)}
                    </button>
                </Show>
            </div>
            <Show when=move || !is_downloaded()>
                <p class="muted">{t!(i18n, storage.discard_needs_download)}</p>
            </Show>
            <Show when=is_confirming>
                <div class="confirm" role="group" aria-label=move || t_string!(i18n, storage.discard_confirm_label)>
                    <p>{t!(i18n, storage.discard_confirm)}</p>
                    <button type="button" class="btn btn--danger" data-testid="quarantine-discard-confirm"
                        on:click=discard.clone()>{t!(i18n, storage.discard_yes)}</button>
                    " "
                    <button type="button" class="btn" on:click=move |_| confirming.set(None)>
                        {t!(i18n, storage.cancel)}
                    </button>
                </div>
            </Show>
        </li>
    }
}

/// One pre-upgrade copy: download it, or confirm the upgrade.
#[component]
fn MigrationRow(
    backup: MigrationBackup,
    refresh: RwSignal<u32>,
    message: RwSignal<Option<String>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let state = AppState::expect();
    let raw = crate::storage::codec::readable_text(&backup.raw).into_owned();
    let bkey = backup.backup_key.clone();
    let key = backup.original_key.clone();
    let k = key.clone();
    let confirm = move |_| {
        let r = state.with_store(|s| s.repo_mut().confirm_migration(&k));
        let text = match r {
            Some(Ok(_)) => t_string!(i18n, storage.migration_confirmed).to_string(),
            Some(Err(StorageError::MigrationNotPersisted { .. })) => {
                t_string!(i18n, storage.migration_not_persisted).to_string()
            }
            _ => t_string!(i18n, storage.migration_failed).to_string(),
        };
        message.set(Some(text));
        refresh.update(|n| *n += 1);
    };
    view! {
        <li class="card" data-testid="migration-item">
            <p><code>{key}</code></p>
            <p>{fill(t_string!(i18n, storage.migration_from), &[("version", (backup.version).to_string())])}</p>
            <div class="actions">
                <button type="button" class="btn" on:click=move |_| {
                    let _ = download_text(&file_name("kiemtra-ban-cu", &bkey), "text/plain;charset=utf-8", &raw);
                }>{t!(i18n, storage.download_raw)}</button>
                <button type="button" class="btn btn--primary" data-testid="migration-confirm" on:click=confirm>
                    {t!(i18n, storage.migration_confirm)}
                </button>
            </div>
        </li>
    }
}

/// Records the index listed but storage no longer held at this start
/// (removed outside the app or by the browser): said, never dropped silently.
#[component]
fn MissingRecords() -> impl IntoView {
    let i18n = use_i18n();
    let state = AppState::expect();
    let missing = move || state.load.with(|l| l.missing.clone());
    view! {
        <Show when=move || !state.load.with(|l| l.missing.is_empty())>
            <h2>{t!(i18n, storage.missing_title)}</h2>
            <p>{t!(i18n, storage.missing_intro)}</p>
            <ul class="recovery-list" data-testid="missing-list">
                {move || missing().into_iter().map(|key| {
                    let what = missing_label(i18n, &key);
                    view! { <li data-testid="missing-record">{what}</li> }
                }).collect_view()}
            </ul>
        </Show>
    }
}

/// "Kế hoạch (mã 0193…)": the kind in words and the record's id.
fn missing_label(i18n: Ctx, key: &str) -> String {
    use crate::storage::{ParsedKey, RecordKind};
    let ParsedKey::Record { kind, id } = crate::storage::keys::parse_key(key) else {
        return key.to_string();
    };
    let kind = match kind {
        RecordKind::Plan => t_string!(i18n, storage.kind_plan),
        RecordKind::Inspection => t_string!(i18n, storage.kind_inspection),
        RecordKind::Template => t_string!(i18n, storage.kind_template),
        RecordKind::Report => t_string!(i18n, storage.kind_report),
        RecordKind::Settings => t_string!(i18n, storage.kind_settings),
        RecordKind::Round => t_string!(i18n, storage.kind_round),
        RecordKind::Thpl => t_string!(i18n, storage.kind_thpl),
        RecordKind::Answers => t_string!(i18n, storage.kind_answers),
    };
    fill(
        t_string!(i18n, storage.missing_item),
        &[("kind", kind.to_string()), ("id", id)],
    )
}
