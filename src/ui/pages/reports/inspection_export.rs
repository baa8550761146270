//! Inspection report export (báo cáo kết quả kiểm tra): one entry per plan;
//! for the whole plan or one inspected unit, the domain is mapped by
//! `report::from_domain`, exported as a JSON data file and downloaded, and
//! the locked inspections it covers are marked exported.

use super::common::fill;
use crate::domain::clock::Clock;
use crate::domain::ids::{PlanId, UnitId};
use crate::domain::inspection::InspectionStatus;
use crate::platform::clock::BrowserClock;
use crate::report::envelope::ExportedFile;
use crate::report::envelope::ReportContent;
use crate::report::from_domain::{included_inspections, inspection_report, ReportScope};
use crate::report::package::{manifest_entries, ManifestEntry};
use crate::report::ReportingUnit;
use crate::state::AppState;
use crate::ui::i18n::{t, t_string, use_i18n};
use crate::ui::signing::{I18n, SignedHow, Signing};
use leptos::prelude::*;

/// Every plan with its export panel.
#[component]
pub fn PlanExports() -> impl IntoView {
    let i18n = use_i18n();
    let state = AppState::expect();
    let plans = move || {
        state.ws.with(|ws| {
            let mut v: Vec<(i32, String, PlanId)> = ws
                .plans()
                .map(|p| (-p.year, p.title.clone(), p.id))
                .collect();
            v.sort();
            v.into_iter().map(|(_, _, id)| id).collect::<Vec<_>>()
        })
    };
    view! {
        <Show
            when=move || !plans().is_empty()
            fallback=move || view! { <p class="empty-state">{t!(i18n, reports.no_plans)}</p> }
        >
            <ul class="plan-exports" data-testid="plan-exports">
                <For each=plans key=|id| *id let:id>
                    <PlanExport id=id/>
                </For>
            </ul>
        </Show>
    }
}

/// One plan and, when opened, its export form.
#[component]
fn PlanExport(id: PlanId) -> impl IntoView {
    let i18n = use_i18n();
    let state = AppState::expect();
    let open = RwSignal::new(false);
    let title = move || {
        state.ws.with(|ws| {
            ws.plan(id).map(|p| {
                let number = p
                    .number
                    .as_ref()
                    .map(|n| format!("{n} – "))
                    .unwrap_or_default();
                let title = if p.title.trim().is_empty() {
                    t_string!(i18n, reports.untitled_plan).to_string()
                } else {
                    p.title.clone()
                };
                format!("{number}{title} ({})", p.year)
            })
        })
    };
    let count = move || state.ws.with(|ws| ws.inspections_of_plan(id).len());
    view! {
        <li class="card">
            <strong>{title}</strong>
            " · "
            <span class="muted">{move || fill(t_string!(i18n, reports.n_inspections), &[("n", (count()).to_string())])}</span>
            " "
            <button type="button" class="btn" aria-expanded=move || open.get().to_string()
                data-testid="plan-export-open" on:click=move |_| open.update(|o| *o = !*o)>
                {t!(i18n, reports.export_inspection_open)}
            </button>
            <Show when=move || open.get()>
                <PlanExportForm id=id/>
            </Show>
        </li>
    }
}

/// The export form of one plan: scope, reporting unit, number.
#[component]
fn PlanExportForm(id: PlanId) -> impl IntoView {
    let i18n = use_i18n();
    let state = AppState::expect();
    let signing = use_context::<crate::ui::signing::Signing>();
    let unit_default = state
        .ws
        .with_untracked(|ws| ws.settings().unit_name.clone());
    let scope = RwSignal::new(String::from("all"));
    let unit_name = RwSignal::new(unit_default);
    let managing = RwSignal::new(String::new());
    let number = RwSignal::new(String::new());
    let message = RwSignal::new(None::<(bool, String)>);

    let units = move || {
        state.ws.with(|ws| {
            ws.plan(id)
                .map(|p| {
                    p.inspected_units
                        .iter()
                        .map(|u| (u.id.to_string(), u.name.clone()))
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    };
    let chosen_scope = move || -> ReportScope {
        let s = scope.get();
        s.parse::<uuid::Uuid>()
            .map(|u| ReportScope::Unit(UnitId(u)))
            .unwrap_or(ReportScope::WholePlan)
    };
    // (included, not locked) of the chosen scope.
    let counts = move || {
        state.ws.with(|ws| {
            let Some(plan) = ws.plan(id) else {
                return (0, 0);
            };
            let list = included_inspections(plan, ws.inspections(), chosen_scope());
            let unlocked = list.iter().filter(|i| !i.is_locked()).count();
            (list.len(), unlocked)
        })
    };

    // Attachments of the chosen scope (the package's manifest entries).
    let attachments = move || {
        state.ws.with(|ws| {
            ws.plan(id)
                .map(|plan| {
                    manifest_entries(included_inspections(plan, ws.inspections(), chosen_scope()))
                })
                .unwrap_or_default()
        })
    };

    // `package`: also write the attachments into a ZIP package.
    let run_export = move |package: bool| {
        let scope = chosen_scope();
        let entries = if package { attachments() } else { Vec::new() };
        let unit = ReportingUnit {
            ten: unit_name.get_untracked().trim().to_string(),
            co_quan_chu_quan: managing.get_untracked().trim().to_string(),
        };
        let built = state.ws.with_untracked(|ws| {
            let plan = ws.plan(id)?;
            let ids: Vec<_> = included_inspections(plan, ws.inspections(), scope)
                .iter()
                .filter(|i| i.is_locked())
                .map(|i| i.id())
                .collect();
            let report = inspection_report(
                plan,
                ws.inspections(),
                ws.templates(),
                scope,
                unit,
                number.get_untracked().trim().to_string(),
                state.clock().today(),
            );
            Some((report, ids))
        });
        let Some((report, locked)) = built else {
            return;
        };
        let report = match report {
            Ok(r) => r,
            Err(e) => {
                message.set(Some((false, e.to_string())));
                return;
            }
        };
        let now = crate::domain::clock::Clock::now(&BrowserClock);
        leptos::task::spawn_local(async move {
            let result = if package {
                export_package(i18n, signing, ReportContent::KiemTra(report), now, entries).await
            } else {
                crate::ui::signing::export_and_download(
                    i18n,
                    signing,
                    ReportContent::KiemTra(report),
                    now,
                )
                .await
            };
            let (file, how) = match result {
                Ok(f) => f,
                Err(e) => {
                    message.set(Some((false, e)));
                    return;
                }
            };
            let mut marked = 0;
            for iid in locked {
                let already = state.ws.with_untracked(|ws| {
                    ws.inspection(iid)
                        .is_some_and(|i| i.status() == InspectionStatus::Exported)
                });
                let ok = already
                    || state
                        .edit_inspection(iid, |i, _, clock, _| i.mark_exported(clock))
                        .is_ok();
                if ok {
                    marked += 1;
                }
            }
            let mut text = fill(
                t_string!(i18n, reports.inspection_exported),
                &[
                    ("file", (file.file_name.clone()).to_string()),
                    ("hash", (file.content_sha256.clone()).to_string()),
                    ("n", (marked).to_string()),
                ],
            );
            text.push(' ');
            text.push_str(&how.text(i18n));
            message.set(Some((true, text)));
        });
    };

    view! {
        <div class="plan-export-form" data-testid="plan-export-form">
            <div class="field-row">
                <label class="field">
                    <span>{t!(i18n, reports.scope)}</span>
                    <select data-testid="export-scope" prop:value=move || scope.get()
                        on:change=move |ev| scope.set(event_target_value(&ev))>
                        <option value="all">{t!(i18n, reports.scope_whole_plan)}</option>
                        {move || units().into_iter().map(|(value, name)| view! {
                            <option value=value>{name}</option>
                        }).collect_view()}
                    </select>
                </label>
                <label class="field">
                    <span>{t!(i18n, reports.unit_name)}</span>
                    <input type="text" prop:value=move || unit_name.get()
                        on:input=move |ev| unit_name.set(event_target_value(&ev))/>
                </label>
                <label class="field">
                    <span>{t!(i18n, reports.managing_body)}</span>
                    <input type="text" prop:value=move || managing.get()
                        on:input=move |ev| managing.set(event_target_value(&ev))/>
                </label>
                <label class="field">
                    <span>{t!(i18n, reports.report_number)}</span>
                    <input type="text" placeholder="318/BC-STP" prop:value=move || number.get()
                        on:input=move |ev| number.set(event_target_value(&ev))/>
                </label>
            </div>
            <p class="muted">{move || {
                let (n, unlocked) = counts();
                fill(t_string!(i18n, reports.export_scope_counts), &[("n", (n).to_string()), ("unlocked", (unlocked).to_string())])
            }}</p>
            <Show when=move || { counts().1 > 0 }>
                <p class="warning">{t!(i18n, reports.export_unlocked_warning)}</p>
            </Show>
            <button type="button" class="btn btn--primary" data-testid="export-inspection"
                on:click=move |_| run_export(false)>
                {t!(i18n, reports.export_json)}
            </button>
            <Show when=move || !attachments().is_empty()>
                " "
                <button type="button" class="btn" data-testid="export-package"
                    on:click=move |_| run_export(true)>
                    {t!(i18n, reports.export_package)}
                </button>
            </Show>
            {move || message.get().map(|(ok, m)| view! {
                <p class=if ok { "notice-ok" } else { "error-text" } role="status">{m}</p>
            })}
        </div>
    }
}

/// Reads every attachment from this browser's database, then exports the
/// report signed and downloads the package (report, manifest, files). A
/// file not stored here stops it: the message names the files, nothing is
/// downloaded.
async fn export_package(
    i18n: I18n,
    signing: Option<Signing>,
    report: ReportContent,
    now: chrono::DateTime<chrono::Utc>,
    entries: Vec<ManifestEntry>,
) -> Result<(ExportedFile, SignedHow), String> {
    let mut files = Vec::with_capacity(entries.len());
    let mut missing = Vec::new();
    for e in entries {
        match crate::platform::evidence::get(&e.hash).await {
            Some(bytes) => files.push((e, bytes)),
            None => missing.push(if e.name.is_empty() {
                e.file.clone()
            } else {
                format!("{} ({})", e.name, e.file)
            }),
        }
    }
    if !missing.is_empty() {
        return Err(fill(
            t_string!(i18n, reports.package_missing_files),
            &[("files", missing.join(", "))],
        ));
    }
    let (mut file, how) = crate::ui::signing::export_signed(i18n, signing, report, now).await?;
    let zip =
        crate::report::package::write(file.text.as_bytes(), &files).map_err(|e| e.to_string())?;
    let stem = file
        .file_name
        .strip_suffix(".json")
        .unwrap_or(&file.file_name)
        .to_string();
    file.file_name = format!("{stem}.zip");
    crate::platform::download::download_bytes(&file.file_name, "application/zip", &zip)?;
    Ok((file, how))
}
