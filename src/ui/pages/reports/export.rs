//! "Xuất tệp JSON" of a periodic report: warns first when the report is
//! incomplete or has consistency errors (export stays allowed), asks the
//! exporter's name, builds the envelope signed with the unit's key
//! (`ui::signing::export_signed`; unsigned, with the reason, when there is
//! no key), downloads it and records the export stamp (saved at once).

use super::common::fill;
use crate::domain::clock::Clock;
use crate::domain::ids::ReportId;
use crate::persist::ExportStamp;
use crate::platform::clock::BrowserClock;
use crate::report::envelope::ReportContent;
use crate::report::periodic_checks::{MissingField, Severity};
use crate::report::ConsistencyIssue;
use crate::state::AppState;
use crate::ui::i18n::{t, t_string, use_i18n};
use leptos::prelude::*;
use leptos::task::spawn_local;

/// The export panel of the editor.
#[component]
pub fn ExportPanel(
    id: ReportId,
    issues: Memo<Vec<ConsistencyIssue>>,
    missing: Memo<Vec<MissingField>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let state = AppState::expect();
    let signing = use_context::<crate::ui::signing::Signing>();
    let open = RwSignal::new(false);
    let last_name = state
        .reports
        .with_untracked(|m| {
            m.get(&id)
                .and_then(|r| r.last_export.as_ref().map(|s| s.by.clone()))
        })
        .unwrap_or_default();
    let name = RwSignal::new(last_name);
    let message = RwSignal::new(None::<(bool, String)>);
    let errors = move || issues.with(|v| v.iter().filter(|i| i.severity == Severity::Loi).count());
    let n_missing = move || missing.with(Vec::len);

    let confirm = move |_| {
        let by = name.get_untracked().trim().to_string();
        if by.is_empty() {
            message.set(Some((
                false,
                t_string!(i18n, reports.exporter_required).to_string(),
            )));
            return;
        }
        let Some(report) = state
            .reports
            .with_untracked(|m| m.get(&id).map(|r| r.report.clone()))
        else {
            return;
        };
        let now = BrowserClock.now();
        spawn_local(async move {
            let (file, how) = match crate::ui::signing::export_and_download(
                i18n,
                signing,
                ReportContent::DinhKy(report),
                now,
            )
            .await
            {
                Ok(f) => f,
                Err(e) => {
                    message.set(Some((false, e)));
                    return;
                }
            };
            let stamp = ExportStamp {
                at: now,
                by,
                content_sha256: file.content_sha256.clone(),
                file_name: file.file_name.clone(),
            };
            state.edit_report(id, |r| r.last_export = Some(stamp));
            // The stamp is the proof of what was sent: store it now.
            state.flush_now();
            open.set(false);
            let mut text = fill(
                t_string!(i18n, reports.exported_file),
                &[
                    ("file", (file.file_name).to_string()),
                    ("hash", (file.content_sha256).to_string()),
                ],
            );
            text.push(' ');
            text.push_str(&how.text(i18n));
            message.set(Some((true, text)));
        });
    };

    view! {
        <section class="card export-panel" data-testid="export-panel">
            <h2>{t!(i18n, reports.export_heading)}</h2>
            <p class="muted small">{t!(i18n, reports.export_data_file_note)}</p>
            <Show
                when=move || open.get()
                fallback=move || view! {
                    <button type="button" class="btn btn--primary" data-testid="export-open"
                        on:click=move |_| { message.set(None); open.set(true); }>
                        {t!(i18n, reports.export_json)}
                    </button>
                }
            >
                <div role="group" aria-labelledby="export-confirm-title" data-testid="export-confirm">
                    <p id="export-confirm-title"><strong>{t!(i18n, reports.export_confirm_title)}</strong></p>
                    <Show when=move || { n_missing() > 0 }>
                        <p class="warning" data-testid="export-warn-missing">
                            {move || fill(t_string!(i18n, reports.export_warn_missing), &[("n", (n_missing()).to_string())])}
                        </p>
                    </Show>
                    <Show when=move || { errors() > 0 }>
                        <p class="warning" data-testid="export-warn-errors">
                            {move || fill(t_string!(i18n, reports.export_warn_errors), &[("n", (errors()).to_string())])}
                        </p>
                    </Show>
                    <label class="field">
                        <span>{t!(i18n, reports.exporter_name)}</span>
                        <input type="text" data-testid="exporter-name" autocomplete="name"
                            prop:value=move || name.get()
                            on:input=move |ev| name.set(event_target_value(&ev))/>
                    </label>
                    <button type="button" class="btn btn--primary" data-testid="export-confirm-btn" on:click=confirm>
                        {move || if n_missing() > 0 || errors() > 0 {
                            t_string!(i18n, reports.export_anyway)
                        } else {
                            t_string!(i18n, reports.export_now)
                        }}
                    </button>
                    " "
                    <button type="button" class="btn" on:click=move |_| open.set(false)>{t!(i18n, reports.cancel)}</button>
                </div>
            </Show>
            {move || message.get().map(|(ok, m)| view! {
                <p class=if ok { "notice-ok" } else { "error-text" } role="status" data-testid="export-message">{m}</p>
            })}
        </section>
    }
}
