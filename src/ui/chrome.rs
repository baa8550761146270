//! The app chrome under the navigation bar: the quiet save indicator, the
//! storage problem banner (full, unavailable) with an immediate backup, the
//! notice of records set aside, two-tab conflicts, the undo toast of the
//! last deletion and the backup reminder. Also asks once for persistent
//! storage when the first plan exists.

use crate::domain::ids::{InspectionId, PlanId, TemplateId};
use crate::domain::workspace::Workspace;
use crate::i18n::Lang;
use crate::state::{AppState, StorageProblem, Undo};
use crate::storage::keys::parse_key;
use crate::storage::{ParsedKey, RecordKind};
use crate::storage::{SaveStatus, StorageError};
use crate::ui::i18n::{t, t_string, use_i18n};
use crate::ui::lang::use_lang;
use crate::ui::pages::settings::backup_file::{
    auto_request_persist, backup_due, download_full_backup, download_unsaved_workspace, last_backup,
};
use crate::ui::pages::settings::fill;
use chrono::{DateTime, FixedOffset, Utc};
use leptos::prelude::*;
use leptos_router::components::A;
use std::time::Duration;

fn hh_mm(t: DateTime<Utc>) -> String {
    match FixedOffset::east_opt(7 * 3600) {
        Some(vn) => t.with_timezone(&vn).format("%H:%M").to_string(),
        None => t.format("%H:%M").to_string(),
    }
}

/// Everything the app shows above every page.
#[component]
pub fn Chrome() -> impl IntoView {
    let state = AppState::expect();
    // Ask for persistent storage once, when the first plan appears.
    let has_plan = Memo::new(move |_| state.ws.with(|ws| ws.plans().next().is_some()));
    Effect::new(move |_| {
        if has_plan.get() {
            auto_request_persist(state, |_| {});
        }
    });
    view! {
        <div class="chrome" data-testid="chrome">
            <SaveIndicator/>
            <ProblemBanner/>
            <QuarantineNotice/>
            <ConflictBanner/>
            <BackupReminder/>
            <UndoToast/>
        </div>
    }
}

/// "Đã lưu lúc HH:MM" / "Đang lưu…" / "Lưu thất bại".
#[component]
fn SaveIndicator() -> impl IntoView {
    let i18n = use_i18n();
    let state = AppState::expect();
    let failed = move || matches!(state.save.get(), SaveStatus::Failed(_));
    view! {
        <p class="save-indicator" class:save-indicator--failed=failed
            aria-live="polite" data-testid="save-indicator">
            {move || match state.save.get() {
                SaveStatus::Clean => String::new(),
                SaveStatus::Saved(at) => fill(t_string!(i18n, chrome.saved_at), &[("time", (hh_mm(at)).to_string())]).to_string(),
                SaveStatus::Pending => t_string!(i18n, chrome.saving).to_string(),
                // A two-tab conflict is not a failure of the browser: the
                // change waits for the user's choice in the banner.
                SaveStatus::Failed(StorageError::Conflict { .. }) => t_string!(i18n, chrome.save_conflict).to_string(),
                SaveStatus::Failed(_) => t_string!(i18n, chrome.save_failed).to_string(),
            }}
        </p>
    }
}

/// Storage full or unavailable: what it means and a backup right now.
#[component]
fn ProblemBanner() -> impl IntoView {
    let i18n = use_i18n();
    let state = AppState::expect();
    let done = RwSignal::new(false);
    let backup_now = move |_| {
        // What is stored, then what only this page holds (a second file a
        // moment later, so the browser does not merge or block it).
        leptos::task::spawn_local(async move {
            let _ = download_full_backup(state).await;
        });
        set_timeout(
            move || {
                let ok = download_unsaved_workspace(state).is_ok();
                done.try_set(ok);
            },
            Duration::from_millis(400),
        );
    };
    view! {
        {move || state.problem.get().map(|p| {
            let text = match p {
                StorageProblem::Full => t_string!(i18n, chrome.full),
                StorageProblem::Unavailable => t_string!(i18n, chrome.unavailable),
                StorageProblem::Other(_) => t_string!(i18n, chrome.other_problem),
            };
            view! {
                <div class="banner banner--bad" role="alert" data-testid="storage-problem">
                    <p>{text}</p>
                    <button type="button" class="btn btn--primary" data-testid="problem-backup" on:click=backup_now>
                        {t!(i18n, chrome.backup_now)}
                    </button>
                    <Show when=move || done.get()>
                        <span>{t!(i18n, chrome.backup_done)}</span>
                    </Show>
                </div>
            }
        })}
    }
}

/// Records set aside at load: a link to the recovery page.
#[component]
fn QuarantineNotice() -> impl IntoView {
    let i18n = use_i18n();
    let state = AppState::expect();
    let n = move || state.load.with(|l| l.quarantined.len());
    let missing = move || state.load.with(|l| l.missing.len());
    view! {
        <Show when=move || { n() > 0 || missing() > 0 }>
            <div class="banner banner--warn" role="status" data-testid="quarantine-notice">
                <Show when=move || { n() > 0 }>
                    <p>{move || fill(t_string!(i18n, chrome.quarantined), &[("n", (n()).to_string())])}</p>
                </Show>
                <Show when=move || { missing() > 0 }>
                    <p data-testid="missing-notice">{move || fill(t_string!(i18n, chrome.missing), &[("n", (missing()).to_string())])}</p>
                </Show>
                <A href="/cai-dat/khoi-phuc">{t!(i18n, chrome.open_recovery)}</A>
            </div>
        </Show>
    }
}

/// Records changed both here and in another tab: the user chooses.
#[component]
fn ConflictBanner() -> impl IntoView {
    let i18n = use_i18n();
    let state = AppState::expect();
    let lang = use_lang();
    view! {
        {move || state.conflicts.get().into_iter().map(|key| {
            let what = state.ws.with_untracked(|ws| conflict_subject(i18n, lang.get_untracked(), ws, &key));
            let k1 = key.clone();
            let k2 = key.clone();
            view! {
                <div class="banner banner--warn" role="alert" data-testid="conflict-banner" data-key=key.clone()>
                    <p>{fill(t_string!(i18n, chrome.conflict), &[("what", what)])}</p>
                    <button type="button" class="btn" data-testid="conflict-keep-mine" on:click=move |_| state.keep_mine(&k1)>
                        {t!(i18n, chrome.keep_mine)}
                    </button>
                    <button type="button" class="btn" data-testid="conflict-take-theirs" on:click=move |_| state.take_theirs(&k2)>
                        {t!(i18n, chrome.take_theirs)}
                    </button>
                </div>
            }
        }).collect_view()}
    }
}

/// What a conflicting record is, in the user's words ("Cuộc kiểm tra tại
/// UBND quận Ninh Kiều"), rather than its storage key (the fallback when
/// the record is not in this tab).
fn conflict_subject(
    i18n: crate::ui::pages::plans::labels::I18n,
    lang: Lang,
    ws: &Workspace,
    key: &str,
) -> String {
    record_name(i18n, lang, ws, key).unwrap_or_else(|| {
        fill(
            t_string!(i18n, chrome.conflict_record),
            &[("key", key.to_string())],
        )
    })
}

fn record_name(
    i18n: crate::ui::pages::plans::labels::I18n,
    lang: Lang,
    ws: &Workspace,
    key: &str,
) -> Option<String> {
    let ParsedKey::Record { kind, id } = parse_key(key) else {
        return None;
    };
    // An answers record is named by its inspection (`<inspection>:<run>`):
    // for the user it is that inspection that was changed in both tabs.
    let (kind, id) = match (kind, id.split_once(':')) {
        (RecordKind::Answers, Some((insp, _))) if insp.parse::<uuid::Uuid>().is_ok() => {
            (RecordKind::Inspection, insp.to_string())
        }
        (kind, _) => (kind, id),
    };
    let uuid = id.parse::<uuid::Uuid>().ok();
    match kind {
        RecordKind::Inspection => uuid.and_then(|u| ws.inspection(InspectionId(u))).map(|i| {
            let unit = ws
                .plan(i.plan_id())
                .and_then(|p| p.unit(i.unit_id()))
                .map(|u| u.name.clone())
                .unwrap_or_default();
            fill(
                t_string!(i18n, chrome.conflict_inspection),
                &[("unit", unit)],
            )
        }),
        RecordKind::Plan => uuid.and_then(|u| ws.plan(PlanId(u))).map(|p| {
            fill(
                t_string!(i18n, chrome.conflict_plan),
                &[("title", p.title.clone())],
            )
        }),
        RecordKind::Template => {
            let t = ws.templates().latest(&TemplateId::new(&id).ok()?)?;
            let title = t.title.get(lang == Lang::Vi).to_string();
            Some(fill(
                t_string!(i18n, chrome.conflict_template),
                &[("title", title)],
            ))
        }
        RecordKind::Settings => Some(t_string!(i18n, chrome.conflict_settings).to_string()),
        RecordKind::Report => Some(t_string!(i18n, chrome.conflict_report).to_string()),
        RecordKind::Round => Some(t_string!(i18n, chrome.conflict_round).to_string()),
        RecordKind::Thpl => Some(t_string!(i18n, chrome.conflict_thpl).to_string()),
        RecordKind::Answers => Some(t_string!(i18n, chrome.conflict_answers).to_string()),
    }
}

/// "Đã lâu chưa sao lưu" with a backup button (dismissable for this visit).
#[component]
fn BackupReminder() -> impl IntoView {
    let i18n = use_i18n();
    let state = AppState::expect();
    let last = last_backup();
    let dismissed = RwSignal::new(false);
    let show =
        move || !dismissed.get() && state.problem.get().is_none() && backup_due(state, last.get());
    view! {
        <Show when=show>
            <div class="banner banner--info" role="status" data-testid="backup-reminder">
                <p>{move || {
                    let days = state.ws.with(|ws| ws.settings().backup_reminder_days);
                    fill(t_string!(i18n, chrome.backup_reminder), &[("days", (days).to_string())])
                }}</p>
                <button type="button" class="btn" on:click=move |_| leptos::task::spawn_local(async move { let _ = download_full_backup(state).await; })>
                    {t!(i18n, chrome.backup_now)}
                </button>
                <button type="button" class="btn" on:click=move |_| dismissed.set(true)>
                    {t!(i18n, chrome.later)}
                </button>
            </div>
        </Show>
    }
}

/// "Đã xóa … Hoàn tác".
#[component]
fn UndoToast() -> impl IntoView {
    let i18n = use_i18n();
    let state = AppState::expect();
    view! {
        {move || state.undo.get().map(|u| {
            let text = match &u {
                Undo::Plan(p, insps) => fill(t_string!(i18n, chrome.deleted_plan), &[("title", (p.title.clone()).to_string()), ("n", (insps.len()).to_string())]).to_string(),
                Undo::Inspection(_) => t_string!(i18n, chrome.deleted_inspection).to_string(),
            };
            view! {
                <div class="toast" role="status" aria-live="polite" data-testid="undo-toast">
                    <span>{text}</span>
                    <button type="button" class="btn" data-testid="undo-button"
                        on:click=move |_| state.undo_delete()>{t!(i18n, chrome.undo)}</button>
                    <button type="button" class="btn" on:click=move |_| state.undo.set(None)>
                        {t!(i18n, chrome.dismiss)}
                    </button>
                </div>
            }
        })}
    }
}
