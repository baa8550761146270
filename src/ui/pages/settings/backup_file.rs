//! Backup files shared by the settings page and the app chrome: the full
//! backup (`export_all` of what is stored, a package with the attached
//! files when records refer to any), the in-memory workspace when
//! storage refuses writes, the date of the last backup (a small preference)
//! and the automatic request for persistent storage.

use crate::domain::clock::{vietnam_date, Clock};
use crate::i18n::Lang;
use crate::persist::backup_package::{plan_backup, BACKUP_PACKAGE};
use crate::platform::clock::BrowserClock;
use crate::platform::download::{download_bytes, download_text};
use crate::platform::evidence;
use crate::platform::local_storage;
use crate::report::package::{PackageError, Writer};
use crate::state::AppState;
use chrono::{DateTime, Utc};
use leptos::prelude::*;
use std::collections::BTreeSet;

/// Preference key of the last backup time (RFC 3339).
pub const LAST_BACKUP_KEY: &str = "kiemtra:ui:last-backup";
/// Preference key set once persistent storage was requested automatically.
pub const PERSIST_ASKED_KEY: &str = "kiemtra:ui:persist-asked";

thread_local! {
    // Arc signal: not owned by any component, so it lives as long as the page.
    static LAST_BACKUP: ArcRwSignal<Option<DateTime<Utc>>> =
        ArcRwSignal::new(local_storage::get_pref(LAST_BACKUP_KEY));
}

/// When the user last downloaded a full backup (shared by every screen).
pub fn last_backup() -> ArcRwSignal<Option<DateTime<Utc>>> {
    LAST_BACKUP.with(|s| s.clone())
}

fn file_date(now: DateTime<Utc>) -> String {
    vietnam_date(now).format("%Y-%m-%d").to_string()
}

/// Why a backup could not be made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BackupError {
    /// Storage cannot be read.
    Storage(String),
    /// The browser refused the download.
    Download(String),
}

/// What a full backup downloaded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BackupDone {
    /// The file's name.
    pub file: String,
    /// Attached files carried in it (0: the plain JSON backup).
    pub files: usize,
    /// Attached files the records refer to but this browser does not hold
    /// (their names), left out of the backup.
    pub missing: Vec<String>,
}

/// Writes pending changes, then downloads the full backup and remembers
/// the date: `kiemtra-sao-luu_<yyyy-mm-dd>.json` with every stored record,
/// or, when records refer to attached files, `kiemtra-sao-luu_<date>.zip`
/// holding that same JSON and the files (read one at a time from the
/// browser's database; the rule is [`plan_backup`]).
pub async fn download_full_backup(state: AppState) -> Result<BackupDone, BackupError> {
    state.flush_now();
    let now = BrowserClock.now();
    let json = state
        .with_store(|s| s.backup_file(now))
        .ok_or_else(|| BackupError::Storage(String::from("unavailable")))?
        .map_err(|e| BackupError::Storage(e.to_string()))?;
    let stored: BTreeSet<String> = evidence::list().await.into_iter().map(|f| f.hash).collect();
    let plan = plan_backup(&json, &stored);
    let missing = plan
        .missing
        .iter()
        .map(|e| {
            if e.name.is_empty() {
                e.file.clone()
            } else {
                format!("{} ({})", e.name, e.file)
            }
        })
        .collect();
    let stem = format!("kiemtra-sao-luu_{}", file_date(now));
    let (file, files) = if plan.is_package() {
        let storage = |e: PackageError| BackupError::Storage(e.to_string());
        let mut w = Writer::start(BACKUP_PACKAGE, json.as_bytes(), plan.include.clone())
            .map_err(storage)?;
        drop(json);
        for e in &plan.include {
            // Listed as stored a moment ago; gone now only if deleted since.
            let bytes = evidence::get(&e.hash)
                .await
                .ok_or_else(|| BackupError::Storage(e.file.clone()))?;
            w.add(e, &bytes).map_err(storage)?;
        }
        let zip = w.finish().map_err(storage)?;
        let name = format!("{stem}.zip");
        download_bytes(&name, "application/zip", &zip).map_err(BackupError::Download)?;
        (name, plan.include.len())
    } else {
        let name = format!("{stem}.json");
        download_text(&name, "application/json", &json).map_err(BackupError::Download)?;
        (name, 0)
    };
    // Remembering may fail when storage is full; the date still shows now.
    let _ = local_storage::set_pref(LAST_BACKUP_KEY, &now);
    last_backup().set(Some(now));
    Ok(BackupDone {
        file,
        files,
        missing,
    })
}

/// Downloads everything this page holds as a backup file (records the
/// browser refused to store are only in its memory):
/// `kiemtra-du-lieu-chua-luu_<yyyy-mm-dd>.json`.
pub fn download_unsaved_workspace(state: AppState) -> Result<String, BackupError> {
    let now = BrowserClock.now();
    // A real backup file (every kind, periodic reports included), with the
    // unsaved changes over the stored values: restore accepts it.
    let json = state
        .with_store(|s| s.export_with_unsaved(now))
        .ok_or_else(|| BackupError::Storage(String::from("unavailable")))?
        .map_err(|e| BackupError::Storage(e.to_string()))?;
    let name = format!("kiemtra-du-lieu-chua-luu_{}.json", file_date(now));
    download_text(&name, "application/json", &json).map_err(BackupError::Download)?;
    Ok(name)
}

/// Whether the backup reminder is due (the rule:
/// [`Workspace::backup_reminder_due`](crate::domain::workspace::Workspace::backup_reminder_due)).
pub fn backup_due(state: AppState, last: Option<DateTime<Utc>>) -> bool {
    let now = BrowserClock.now();
    state.ws.with(|ws| ws.backup_reminder_due(last, now))
}

/// Asks once for persistent storage when the workspace holds a plan.
pub fn auto_request_persist(state: AppState, on_answer: impl Fn(bool) + 'static) {
    let has_plan = state.ws.with_untracked(|ws| ws.plans().next().is_some());
    let asked = local_storage::get_pref::<bool>(PERSIST_ASKED_KEY).unwrap_or(false);
    if !has_plan || asked {
        return;
    }
    let _ = local_storage::set_pref(PERSIST_ASKED_KEY, &true);
    leptos::task::spawn_local(async move {
        if crate::platform::storage_info::persisted().await == Some(true) {
            on_answer(true);
            return;
        }
        if let Some(granted) = crate::platform::storage_info::request_persist().await {
            on_answer(granted);
        }
    });
}

/// Bytes for people: `980 B`, `12,3 KB`, `4,8 MB` (decimal comma in Vietnamese).
pub fn format_bytes(n: u64, lang: Lang) -> String {
    const K: f64 = 1024.0;
    let (value, unit) = if n < 1024 {
        return format!("{n} B");
    } else if (n as f64) < K * K {
        (n as f64 / K, "KB")
    } else if (n as f64) < K * K * K {
        (n as f64 / (K * K), "MB")
    } else {
        (n as f64 / (K * K * K), "GB")
    };
    let s = format!("{value:.1}");
    let s = if lang == Lang::Vi {
        s.replace('.', ",")
    } else {
        s
    };
    format!("{s} {unit}")
}
