//! The archive section of the settings page (issue #14, item 4): the
//! inspections that may be archived (rules in `persist::archive`), a file
//! made of the chosen ones, their removal only after the user confirms the
//! file was saved, and opening an archive file to bring them back. The page
//! only shows; every rule is in the pure module.

use crate::domain::clock::Clock;
use crate::domain::ids::InspectionId;
use crate::persist::archive::{
    archivable, build_archive, open_archive, remove_archived, ArchiveFile,
};
use crate::platform::clock::BrowserClock;
use crate::platform::download::{download_text, read_file_text};
use crate::state::AppState;
use crate::storage::StorageError;
use crate::ui::i18n::{t, t_string, use_i18n};
use crate::ui::pages::settings::fill;
use crate::ui::pages::settings::restore::{
    restore_error_text, storage_error_text, Ctx, RestoreNotJournaled,
};
use leptos::prelude::*;
use std::collections::{BTreeMap, BTreeSet};

/// What the section shows under the list.
#[derive(Clone, PartialEq)]
enum Stage {
    Idle,
    /// A file was downloaded; waiting for the user's confirmation.
    Made(Box<ArchiveFile>),
    /// Removed after confirmation: how many.
    Removed(usize),
    /// Brought back from a file: how many inspections, and whether the
    /// journal took the restore (as for a backup restore, issue #19).
    Opened(usize, bool),
    Failed(String),
}

/// One line of the list: the unit's name and the plan's title.
fn label_of(state: AppState, id: InspectionId) -> String {
    state.ws.with_untracked(|ws| {
        let Some(i) = ws.inspection(id) else {
            return id.to_string();
        };
        let plan = ws.plan(i.plan_id());
        let unit = plan
            .and_then(|p| p.unit(i.unit_id()))
            .map(|u| u.name.clone())
            .unwrap_or_default();
        let title = plan.map(|p| p.title.clone()).unwrap_or_default();
        format!("{unit} — {title}")
    })
}

/// Archive and open-archive section.
#[component]
pub fn ArchiveSection() -> impl IntoView {
    let i18n = use_i18n();
    let state = AppState::expect();
    let stage = RwSignal::new(Stage::Idle);
    let chosen = RwSignal::new(BTreeSet::<InspectionId>::new());
    let eligible = Memo::new(move |_| state.ws.with(archivable));

    let make = move |_| {
        let ids: Vec<InspectionId> = chosen.get_untracked().into_iter().collect();
        let now = BrowserClock.now();
        let made = state.ws.with_untracked(|ws| {
            state.with_store(|s| build_archive(s, ws, &ids, crate::APP_VERSION, now))
        });
        let next = match made {
            Some(Ok(file)) => {
                match download_text(&file.file_name, "application/json", &file.text) {
                    Ok(()) => Stage::Made(Box::new(file)),
                    Err(_) => Stage::Failed(t_string!(i18n, archive.download_failed).to_string()),
                }
            }
            Some(Err(e)) => Stage::Failed(e.to_string()),
            None => Stage::Failed(t_string!(i18n, archive.storage_unavailable).to_string()),
        };
        stage.set(next);
    };

    let confirm = move |_| {
        let Stage::Made(file) = stage.get_untracked() else {
            return;
        };
        let now = BrowserClock.now();
        let removed = state
            .ws
            .try_update(|ws| state.with_store(|s| remove_archived(s, ws, &file, now)))
            .flatten();
        chosen.set(BTreeSet::new());
        stage.set(match removed {
            Some(Ok(ids)) => Stage::Removed(ids.len()),
            Some(Err(e)) => Stage::Failed(e.to_string()),
            None => Stage::Failed(t_string!(i18n, archive.storage_unavailable).to_string()),
        });
    };

    let on_file = move |ev: leptos::ev::Event| {
        let Some(file) = crate::platform::download::take_chosen_file(&ev) else {
            return;
        };
        leptos::task::spawn_local(async move {
            let next = match read_file_text(file).await {
                Err(_) => Stage::Failed(t_string!(i18n, archive.read_failed).to_string()),
                Ok(text) => restore_archive(state, i18n, &text).await,
            };
            stage.try_set(next);
        });
    };

    view! {
        <section class="card" aria-labelledby="settings-archive-h" data-testid="archive-section">
            <h2 id="settings-archive-h">{t!(i18n, archive.title)}</h2>
            <p class="muted">{t!(i18n, archive.intro)}</p>
            {move || {
                let ids = eligible.get();
                if ids.is_empty() {
                    return view! { <p data-testid="archive-none">{t!(i18n, archive.none)}</p> }.into_any();
                }
                let rows = ids.into_iter().map(|id| {
                    let label = label_of(state, id);
                    view! {
                        <li>
                            <label class="check">
                                <input type="checkbox" data-testid="archive-pick"
                                    prop:checked=move || chosen.with(|c| c.contains(&id))
                                    on:change=move |ev| {
                                        let on = event_target_checked(&ev);
                                        chosen.update(|c| { if on { c.insert(id); } else { c.remove(&id); } });
                                    }/>
                                <span>{label}</span>
                            </label>
                        </li>
                    }
                }).collect_view();
                view! {
                    <fieldset>
                        <legend>{t!(i18n, archive.list_legend)}</legend>
                        <ul class="plain" data-testid="archive-list">{rows}</ul>
                    </fieldset>
                    <button type="button" class="btn btn--primary" data-testid="archive-make"
                        prop:disabled=move || chosen.with(BTreeSet::is_empty)
                        on:click=make>
                        {t!(i18n, archive.make)}
                    </button>
                }.into_any()
            }}
            <h3>{t!(i18n, archive.open_title)}</h3>
            <label class="field">
                <span>{t!(i18n, archive.open_pick)}</span>
                <input type="file" accept=".json,application/json" data-testid="archive-open" on:change=on_file/>
            </label>
            <div aria-live="polite" data-testid="archive-status">
                {move || match stage.get() {
                    Stage::Idle => ().into_any(),
                    Stage::Made(file) => {
                        let n = file.content.inspections.len();
                        let text = fill(t_string!(i18n, archive.made), &[
                            ("file", file.file_name.clone()),
                            ("n", n.to_string()),
                            ("hash", file.content_sha256.clone()),
                        ]).to_string();
                        view! {
                            <div class="banner" data-testid="archive-made">
                                <p>{text}</p>
                                <p>{t!(i18n, archive.confirm_hint)}</p>
                                <button type="button" class="btn btn--danger" data-testid="archive-confirm" on:click=confirm>
                                    {t!(i18n, archive.confirm)}
                                </button>
                                <button type="button" class="btn" data-testid="archive-cancel"
                                    on:click=move |_| stage.set(Stage::Idle)>
                                    {t!(i18n, archive.cancel)}
                                </button>
                            </div>
                        }.into_any()
                    }
                    Stage::Removed(n) => view! {
                        <p role="status" data-testid="archive-removed">
                            {fill(t_string!(i18n, archive.removed), &[("n", n.to_string())]).to_string()}
                        </p>
                    }.into_any(),
                    Stage::Opened(n, journaled) => view! {
                        <p role="status" data-testid="archive-opened">
                            {fill(t_string!(i18n, archive.opened), &[("n", n.to_string())]).to_string()}
                        </p>
                        {(!journaled).then(|| view! { <RestoreNotJournaled/> })}
                    }.into_any(),
                    Stage::Failed(msg) => view! {
                        <div class="banner banner--bad" role="alert" data-testid="archive-error">
                            <p>{t!(i18n, archive.failed)}</p>
                            <p class="muted">{msg}</p>
                        </div>
                    }.into_any(),
                }}
            </div>
        </section>
    }
}

/// Opens an archive file and brings its records back through the restore
/// (records already in the browser are kept as they are), then reloads.
async fn restore_archive(state: AppState, i18n: Ctx, text: &str) -> Stage {
    let opened = match open_archive(text) {
        Ok(o) => o,
        Err(e) => return Stage::Failed(e.to_string()),
    };
    let backup = match opened.as_backup_file(crate::APP_VERSION) {
        Ok(b) => b,
        Err(e) => return Stage::Failed(e.to_string()),
    };
    state.flush_now();
    let preview = match state.with_store(|s| s.preview_restore(&backup)) {
        Some(Ok(p)) => p,
        Some(Err(e)) => return Stage::Failed(storage_error_text(i18n, &e)),
        None => return Stage::Failed(storage_error_text(i18n, &StorageError::Unavailable)),
    };
    if !preview.is_ok() {
        // The same words as the backup restore for each refused record.
        let why: Vec<String> = preview
            .errors
            .iter()
            .map(|e| restore_error_text(i18n, e))
            .collect();
        return Stage::Failed(why.join(" "));
    }
    let mut keep = |_, data| (String::new(), data);
    // Journaled like a backup restore (issue #19).
    match state
        .restore_journaled(&preview, &BTreeMap::new(), &mut keep)
        .await
    {
        Ok((_, journaled)) => Stage::Opened(opened.content.inspections.len(), journaled),
        Err(e) => Stage::Failed(storage_error_text(i18n, &e)),
    }
}
