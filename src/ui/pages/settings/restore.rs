//! Backup and restore: "Sao lưu toàn bộ" downloads every stored record
//! (with the attached files when there are any); "Khôi phục" reads a
//! backup file or package, shows what it holds and what differs from this
//! browser (nothing is written yet; a package's files are all verified
//! first), lets the user choose per conflict, then stores the package's
//! files, applies the records all-or-nothing and reloads the workspace.

use super::backup_file::{download_full_backup, format_bytes, BackupDone, BackupError};
use crate::domain::ids::{IdGen, TemplateId};
use crate::i18n::format_date_time;
use crate::persist::backup_package::{is_package, not_stored, open_backup_package, PackageRefusal};
use crate::platform::clock::BrowserIds;
use crate::platform::download::read_file_bytes;
use crate::platform::evidence::{self, PutError};
use crate::report::package::ManifestEntry;
use crate::state::AppState;
use crate::state::StorageProblem;
use crate::storage::{
    CorruptReason, RecordKind, RestoreChoice, RestoreError, RestorePreview, RestoreReport, RevInfo,
    StorageError,
};
use crate::ui::i18n::{t, t_string, use_i18n, Locale};
use crate::ui::lang::use_lang;
use crate::ui::pages::settings::fill;

/// The i18n context, for helpers that word messages outside a view.
pub type Ctx = leptos_i18n::I18nContext<Locale>;
use leptos::prelude::*;
use serde_json::Value;
use std::collections::BTreeMap;

/// What the restore area shows.
#[derive(Clone, PartialEq)]
enum Stage {
    Idle,
    Reading,
    /// The preview, and for a package its files (count, total size).
    Preview(Box<RestorePreview>, Option<(usize, u64)>),
    /// Storing the package's files before the records.
    Storing,
    /// Done, and for a package the files stored now and those already here.
    Done(Box<RestoreReport>, Option<(usize, usize)>),
    Failed(String),
    /// A package refused, each line a reason (nothing was changed).
    Refused(Vec<String>),
}

/// The files of a package being restored: kept apart from `Stage`, which
/// is cloned each time it is read, so the bytes are never copied.
type Files = Vec<(ManifestEntry, Vec<u8>)>;

/// Backup download and restore from a file.
#[component]
pub fn BackupRestore() -> impl IntoView {
    let i18n = use_i18n();
    let state = AppState::expect();
    let lang = use_lang();
    let backup_msg = RwSignal::new(None::<Result<BackupDone, BackupError>>);
    let backup_busy = RwSignal::new(false);
    let stage = RwSignal::new(Stage::Idle);
    let choices = RwSignal::new(BTreeMap::<String, RestoreChoice>::new());
    let files = StoredValue::new(Files::new());

    let on_backup = move |_| {
        backup_busy.set(true);
        backup_msg.set(None);
        leptos::task::spawn_local(async move {
            let r = download_full_backup(state).await;
            backup_msg.try_set(Some(r));
            backup_busy.try_set(false);
        });
    };
    // The restore was made but IndexedDB did not take its journal (#19).
    let unjournaled = RwSignal::new(false);

    let on_file = move |ev: leptos::ev::Event| {
        let Some(file) = crate::platform::download::take_chosen_file(&ev) else {
            return;
        };
        stage.set(Stage::Reading);
        choices.set(BTreeMap::new());
        files.set_value(Files::new());
        unjournaled.set(false);
        leptos::task::spawn_local(async move {
            let next = match read_file_bytes(file).await {
                Err(_) => Stage::Failed(t_string!(i18n, storage.err_read_file).to_string()),
                Ok(bytes) if is_package(&bytes) => match open_backup_package(bytes) {
                    Err(refusal) => Stage::Refused(refusal_lines(i18n, &refusal)),
                    Ok(opened) => {
                        let summary = (opened.files.len(), opened.total_bytes());
                        let next = preview_stage(state, i18n, &opened.json, Some(summary));
                        if matches!(next, Stage::Preview(..)) {
                            files.set_value(opened.files);
                        }
                        next
                    }
                },
                // As `File.text()` reads it: UTF-8, a leading BOM dropped.
                Ok(bytes) => {
                    let text = String::from_utf8_lossy(&bytes);
                    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
                    preview_stage(state, i18n, text, None)
                }
            };
            stage.try_set(next);
        });
    };

    let apply = move |_| {
        let Stage::Preview(preview, summary) = stage.get_untracked() else {
            return;
        };
        if !preview.is_ok() {
            return;
        }
        let chosen = choices.get_untracked();
        stage.set(Stage::Storing);
        leptos::task::spawn_local(async move {
            // The files first: a record is never restored pointing to a file
            // that was not stored. A failure here changes no record (files
            // already stored are unreferenced and swept later).
            let stored_files = match summary {
                None => None,
                Some(_) => {
                    let list = files.try_update_value(std::mem::take).unwrap_or_default();
                    match store_files(list).await {
                        Ok(counts) => Some(counts),
                        Err(e) => {
                            let msg = match e {
                                PutError::Full => {
                                    state.problem.set(Some(StorageProblem::Full));
                                    t_string!(i18n, storage.restore_files_full).to_string()
                                }
                                PutError::Other(err) => fill(
                                    t_string!(i18n, storage.restore_files_failed),
                                    &[("error", err)],
                                )
                                .to_string(),
                            };
                            stage.try_set(Stage::Failed(msg));
                            return;
                        }
                    }
                }
            };
            let mut rekey = move |kind: RecordKind, data: Value| rekey_record(state, kind, data);
            let next = match state.restore_journaled(&preview, &chosen, &mut rekey).await {
                Ok((report, journaled)) => {
                    unjournaled.set(!journaled);
                    Stage::Done(Box::new(report), stored_files)
                }
                Err(e) => Stage::Failed(storage_error_text(i18n, &e)),
            };
            stage.try_set(next);
        });
    };

    view! {
        <section class="card" aria-labelledby="settings-backup-h">
            <h2 id="settings-backup-h">{t!(i18n, storage.backup_title)}</h2>
            <p class="muted">{t!(i18n, storage.backup_intro)}</p>
            <p class="muted" data-testid="backup-no-keys">{t!(i18n, signing.key_not_in_backup)}</p>
            <p class="muted">{t!(i18n, storage.backup_files_intro)}</p>
            <button type="button" class="btn btn--primary" data-testid="backup-download"
                disabled=move || backup_busy.get() on:click=on_backup>
                {t!(i18n, storage.backup_button)}
            </button>
            <p role="status" aria-live="polite" data-testid="backup-status">
                {move || backup_busy.get().then(|| t_string!(i18n, storage.backup_working).to_string())}
                {move || backup_msg.get().map(|r| match r {
                    Ok(done) if done.files > 0 => fill(t_string!(i18n, storage.backup_done_files), &[("file", done.file), ("n", done.files.to_string())]).to_string(),
                    Ok(done) => fill(t_string!(i18n, storage.backup_done), &[("file", done.file)]).to_string(),
                    Err(_) => t_string!(i18n, storage.backup_failed).to_string(),
                })}
            </p>
            {move || backup_msg.get().and_then(Result::ok).filter(|d| !d.missing.is_empty()).map(|d| view! {
                <p class="banner banner--warn" role="alert" data-testid="backup-missing">
                    {fill(t_string!(i18n, storage.backup_missing_files), &[("files", d.missing.join(", "))])}
                </p>
            })}
            <h3>{t!(i18n, storage.restore_title)}</h3>
            <p class="muted">{t!(i18n, storage.restore_intro)}</p>
            <p class="muted">{t!(i18n, signing.restore_no_keys)}</p>
            <label class="field">
                <span>{t!(i18n, storage.restore_pick)}</span>
                <input type="file" accept=".json,application/json,.zip,application/zip" data-testid="restore-file" on:change=on_file/>
            </label>
            <div aria-live="polite" data-testid="restore-area">
                {move || match stage.get() {
                    Stage::Idle => ().into_any(),
                    Stage::Reading => view! { <p>{t!(i18n, storage.restore_reading)}</p> }.into_any(),
                    Stage::Storing => view! { <p data-testid="restore-storing">{t!(i18n, storage.restore_storing_files)}</p> }.into_any(),
                    Stage::Refused(reasons) => view! { <RestoreRefused reasons/> }.into_any(),
                    Stage::Failed(msg) => view! {
                        <div class="banner banner--bad" role="alert" data-testid="restore-error">
                            <p>{t!(i18n, storage.restore_failed)}</p>
                            <p class="muted">{msg}</p>
                        </div>
                    }.into_any(),
                    Stage::Done(report, stored) => view! {
                        <RestoreDone report=*report stored=stored/>
                        <Show when=move || unjournaled.get()>
                            <RestoreNotJournaled/>
                        </Show>
                    }.into_any(),
                    Stage::Preview(p, _) if !p.is_ok() => {
                        let reasons = p.errors.iter().map(|e| restore_error_text(i18n, e)).collect();
                        view! { <RestoreRefused reasons/> }.into_any()
                    }
                    Stage::Preview(p, summary) => view! {
                        <RestorePreviewView preview=*p choices=choices/>
                        {summary.map(|(n, bytes)| view! {
                            <p data-testid="restore-files">{move || fill(t_string!(i18n, storage.preview_files), &[("n", n.to_string()), ("size", format_bytes(bytes, lang.get()))]).to_string()}</p>
                        })}
                        <div class="actions">
                            <button type="button" class="btn btn--primary" data-testid="restore-apply" on:click=apply>
                                {t!(i18n, storage.restore_apply)}
                            </button>
                            <button type="button" class="btn" data-testid="restore-cancel"
                                on:click=move |_| { files.set_value(Files::new()); stage.set(Stage::Idle); }>
                                {t!(i18n, storage.cancel)}
                            </button>
                        </div>
                    }.into_any(),
                }}
            </div>
        </section>
    }
}

/// Checks a backup JSON against the store (each record with the decoder a
/// start uses) and gives the stage to show.
fn preview_stage(state: AppState, i18n: Ctx, json: &str, files: Option<(usize, u64)>) -> Stage {
    state.flush_now();
    match state.with_store(|s| s.preview_restore(json)) {
        Some(Ok(p)) => Stage::Preview(Box::new(p), files),
        Some(Err(e)) => Stage::Failed(storage_error_text(i18n, &e)),
        None => Stage::Failed(storage_error_text(i18n, &StorageError::Unavailable)),
    }
}

/// A package refusal in plain words, one line per bad file.
fn refusal_lines(i18n: Ctx, r: &PackageRefusal) -> Vec<String> {
    match r {
        PackageRefusal::Files(list) => list
            .iter()
            .map(|f| {
                format!(
                    "{}: {}",
                    f.file,
                    crate::ui::pages::reports::verify::file_status_text(i18n, &f.status)
                )
            })
            .collect(),
        other => vec![other.to_string()],
    }
}

/// Stores the files this browser does not hold yet, one at a time; gives
/// (stored now, already here). Stops at the first refusal.
async fn store_files(list: Files) -> Result<(usize, usize), PutError> {
    let here: std::collections::BTreeSet<String> =
        evidence::list().await.into_iter().map(|f| f.hash).collect();
    let todo = not_stored(&list, &here);
    let already = list.len() - todo.len();
    for (e, bytes) in &todo {
        evidence::put(&e.hash, &e.mime, bytes).await?;
    }
    Ok((todo.len(), already))
}

/// Gives a record a fresh id for "keep both": a new UUID for plans and
/// inspections, `<slug>-ban-sao[-N]` for a template family (every version's
/// id too). A template whose new slug is invalid keeps its id, which makes
/// `apply_restore` skip it (reported as not applied).
fn rekey_record(state: AppState, kind: RecordKind, mut data: Value) -> (String, Value) {
    match kind {
        RecordKind::Template => {
            let old = data
                .get("id")
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_string();
            let taken = |id: &TemplateId| {
                state
                    .ws
                    .with_untracked(|ws| ws.templates().latest(id).is_some())
            };
            let fresh = (1..100)
                .map(|n| {
                    if n == 1 {
                        format!("{old}-ban-sao")
                    } else {
                        format!("{old}-ban-sao-{n}")
                    }
                })
                .filter_map(|s| TemplateId::new(s).ok())
                .find(|id| !taken(id));
            let Some(id) = fresh else {
                return (old, data);
            };
            let new = id.as_str().to_string();
            data["id"] = Value::String(new.clone());
            if let Some(Value::Array(versions)) = data.get_mut("versions") {
                for v in versions {
                    v["id"] = Value::String(new.clone());
                }
            }
            (new, data)
        }
        // An answers record belongs to its inspection (its key names it):
        // it cannot be kept as a copy on its own, so it keeps its id, which
        // makes `apply_restore` skip it. Backup files hold each inspection
        // whole, with its answers inside, so this only concerns a file
        // assembled by hand.
        RecordKind::Answers => {
            let id = data
                .get("inspection")
                .and_then(Value::as_str)
                .zip(data.get("run").and_then(Value::as_str))
                .map(|(i, r)| format!("{i}:{r}"))
                .unwrap_or_default();
            (id, data)
        }
        _ => {
            let id = BrowserIds.next_uuid().to_string();
            data["id"] = Value::String(id.clone());
            (id, data)
        }
    }
}

pub fn kind_text(i18n: Ctx, k: RecordKind) -> String {
    match k {
        RecordKind::Plan => t_string!(i18n, storage.kind_plan),
        RecordKind::Inspection => t_string!(i18n, storage.kind_inspection),
        RecordKind::Template => t_string!(i18n, storage.kind_template),
        RecordKind::Report => t_string!(i18n, storage.kind_report),
        RecordKind::Round => t_string!(i18n, storage.kind_round),
        RecordKind::Thpl => t_string!(i18n, storage.kind_thpl),
        RecordKind::Answers => t_string!(i18n, storage.kind_answers),
        RecordKind::Settings => t_string!(i18n, storage.kind_settings),
    }
    .to_string()
}

/// A restore refusal in plain words.
pub fn restore_error_text(i18n: Ctx, e: &RestoreError) -> String {
    match e {
        RestoreError::TooLarge { bytes, limit } => fill(
            t_string!(i18n, storage.err_too_large),
            &[
                (
                    "size",
                    (super::backup_file::format_bytes(*bytes as u64, crate::i18n::Lang::Vi))
                        .to_string(),
                ),
                (
                    "limit",
                    (super::backup_file::format_bytes(*limit as u64, crate::i18n::Lang::Vi))
                        .to_string(),
                ),
            ],
        )
        .to_string(),
        RestoreError::TooDeep { .. } => t_string!(i18n, storage.err_too_deep).to_string(),
        RestoreError::Malformed { .. } => t_string!(i18n, storage.err_malformed).to_string(),
        RestoreError::WrongSchema { .. } => t_string!(i18n, storage.err_wrong_schema).to_string(),
        RestoreError::NewerVersion { found, supported } => fill(
            t_string!(i18n, storage.err_newer_file),
            &[
                ("found", (*found).to_string()),
                ("supported", (*supported).to_string()),
            ],
        )
        .to_string(),
        RestoreError::UnexpectedKey { key } => fill(
            t_string!(i18n, storage.err_unexpected_key),
            &[("key", (key.clone()).to_string())],
        )
        .to_string(),
        RestoreError::InvalidRecord { key, reason } => {
            let why = corrupt_reason_text(i18n, reason);
            fill(
                t_string!(i18n, storage.err_invalid_record),
                &[
                    ("key", (key.clone()).to_string()),
                    ("why", (why).to_string()),
                ],
            )
            .to_string()
        }
        RestoreError::NewerRecord { key, .. } => fill(
            t_string!(i18n, storage.err_newer_record),
            &[("key", (key.clone()).to_string())],
        )
        .to_string(),
    }
}

/// Why a stored value is unusable, in plain words.
/// A storage error in the user's language (never the library's English).
pub fn storage_error_text(i18n: Ctx, e: &StorageError) -> String {
    match e {
        StorageError::QuotaExceeded { .. } => t_string!(i18n, storage.err_quota),
        StorageError::Unavailable => t_string!(i18n, storage.err_unavailable),
        StorageError::Conflict { .. } => t_string!(i18n, storage.err_changed_elsewhere),
        _ => t_string!(i18n, storage.err_storage_other),
    }
    .to_string()
}

pub fn corrupt_reason_text(i18n: Ctx, r: &CorruptReason) -> String {
    match r {
        CorruptReason::Envelope { .. } => t_string!(i18n, storage.why_envelope),
        CorruptReason::WrongSchema { .. } => t_string!(i18n, storage.why_wrong_schema),
        CorruptReason::Data { .. } => t_string!(i18n, storage.why_data),
        CorruptReason::IdMismatch { .. } => t_string!(i18n, storage.why_id_mismatch),
        CorruptReason::Migration(_) => t_string!(i18n, storage.why_migration),
    }
    .to_string()
}

fn rev_text(i18n: Ctx, r: &RevInfo) -> String {
    match (r.rev, r.saved_at) {
        (Some(rev), Some(at)) => fill(
            t_string!(i18n, storage.rev_info),
            &[
                ("rev", (rev).to_string()),
                ("at", (format_date_time(at)).to_string()),
            ],
        )
        .to_string(),
        _ => t_string!(i18n, storage.rev_unreadable).to_string(),
    }
}

/// What a backup file holds and how it differs from this browser.
#[component]
fn RestorePreviewView(
    preview: RestorePreview,
    choices: RwSignal<BTreeMap<String, RestoreChoice>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let counts = preview
        .counts
        .iter()
        .map(|(k, n)| {
            view! { <tr><th scope="row">{kind_text(i18n, *k)}</th><td class="num">{*n}</td></tr> }
        })
        .collect_view();
    let exported = preview
        .exported_at
        .map(format_date_time)
        .unwrap_or_default();
    let conflicts = preview.conflicts.clone();
    let has_conflicts = !conflicts.is_empty();
    let rows = conflicts
        .into_iter()
        .map(|c| {
            let key = c.key.clone();
            let key2 = key.clone();
            let aria = fill(t_string!(i18n, storage.conflict_choice_aria), &[("key", (key.clone()).to_string())]).to_string();
            let singleton = c.kind.is_singleton();
            let quarantined = c.existing_quarantined;
            let on_change = move |ev: leptos::ev::Event| {
                let choice = match event_target_value(&ev).as_str() {
                    "theirs" => RestoreChoice::TakeTheirs,
                    "both" => RestoreChoice::KeepBoth,
                    _ => RestoreChoice::KeepMine,
                };
                choices.update(|m| {
                    m.insert(key2.clone(), choice);
                });
            };
            view! {
                <tr>
                    <td><code>{key}</code></td>
                    <td>{kind_text(i18n, c.kind)}</td>
                    <td>{rev_text(i18n, &c.existing)}</td>
                    <td>{rev_text(i18n, &c.incoming)}</td>
                    <td>
                        <select aria-label=aria data-testid="restore-choice" on:change=on_change>
                            <option value="mine" selected=true>{t!(i18n, storage.choice_mine)}</option>
                            <option value="theirs" disabled=quarantined>{t!(i18n, storage.choice_theirs)}</option>
                            <option value="both" disabled=singleton>{t!(i18n, storage.choice_both)}</option>
                        </select>
                    </td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="restore-preview" data-testid="restore-preview">
            <h4>{t!(i18n, storage.preview_title)}</h4>
            <p>{fill(t_string!(i18n, storage.preview_file), &[("at", (exported).to_string()), ("version", (preview.app_version.clone().unwrap_or_default()).to_string())])}</p>
            <table class="data narrow">
                <caption class="sr-only">{t!(i18n, storage.preview_counts)}</caption>
                <thead><tr><th scope="col">{t!(i18n, storage.usage_kind)}</th><th scope="col" class="num">{t!(i18n, storage.usage_count)}</th></tr></thead>
                <tbody>{counts}</tbody>
            </table>
            <p data-testid="restore-summary">{fill(t_string!(i18n, storage.preview_summary), &[("new", (preview.new_keys.len()).to_string()), ("same", (preview.identical.len()).to_string()), ("conflicts", (preview.conflicts.len()).to_string())])}</p>
            {(preview.quarantined_in_file > 0).then(|| view! {
                <p class="muted">{t!(i18n, storage.preview_quarantined_note)}</p>
            })}
            {has_conflicts.then(|| view! {
                <p>{t!(i18n, storage.conflicts_intro)}</p>
                <div class="table-scroll">
                <table class="data" data-testid="restore-conflicts">
                    <thead><tr>
                        <th scope="col">{t!(i18n, storage.conflict_key)}</th>
                        <th scope="col">{t!(i18n, storage.usage_kind)}</th>
                        <th scope="col">{t!(i18n, storage.conflict_existing)}</th>
                        <th scope="col">{t!(i18n, storage.conflict_incoming)}</th>
                        <th scope="col">{t!(i18n, storage.conflict_choice)}</th>
                    </tr></thead>
                    <tbody>{rows}</tbody>
                </table>
                </div>
            })}
        </div>
    }
}

/// A restore refused before anything was written: each reason on its own
/// line (a package's bad files, or the file's refused records).
#[component]
fn RestoreRefused(reasons: Vec<String>) -> impl IntoView {
    let i18n = use_i18n();
    let items = reasons
        .into_iter()
        .map(|l| view! { <li>{l}</li> })
        .collect_view();
    view! {
        <div class="banner banner--bad" role="alert" data-testid="restore-error">
            <p><strong>{t!(i18n, storage.restore_refused)}</strong></p>
            <ul>{items}</ul>
            <p>{t!(i18n, storage.restore_nothing_changed)}</p>
        </div>
    }
}

/// The restore was made but IndexedDB did not take its journal (#19): the
/// page must stay open until localStorage has its writes on disk. Shown by
/// the backup restore and by opening an archive alike.
#[component]
pub fn RestoreNotJournaled() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <p class="banner banner--warn" data-testid="restore-not-journaled">
            {t!(i18n, storage.restore_not_journaled)}
        </p>
    }
}

/// What the restore did.
#[component]
fn RestoreDone(report: RestoreReport, stored: Option<(usize, usize)>) -> impl IntoView {
    let i18n = use_i18n();
    let skipped = report.blocked.len() + report.changed_since_preview.len();
    view! {
        <div class="banner banner--info" role="status" data-testid="restore-done">
            <p><strong>{t!(i18n, storage.restore_done)}</strong></p>
            <p>{fill(t_string!(i18n, storage.restore_done_counts), &[("written", (report.written.len()).to_string()), ("kept", (report.kept_mine.len()).to_string()), ("both", (report.kept_both.len()).to_string())])}</p>
            {stored.map(|(new, same)| view! {
                <p data-testid="restore-done-files">{fill(t_string!(i18n, storage.restore_done_files), &[("new", new.to_string()), ("same", same.to_string())])}</p>
            })}
            {(skipped > 0).then(|| view! {
                <p>{fill(t_string!(i18n, storage.restore_skipped), &[("n", (skipped).to_string())])}</p>
            })}
        </div>
    }
}
