//! The template library ("/cai-dat/mau-phieu"): every template with its
//! latest version, how many versions and items it has and how many
//! inspections use it; create, copy, export as JSON and import from a file.

use super::messages::import_error_text;
use crate::domain::builtin::BUILTIN_TEMPLATES;
use crate::domain::error::DomainError;
use crate::domain::ids::{IdGen, TemplateId};
use crate::domain::template::{ClashPolicy, ImportError, ImportLimits, SaveOutcome, Template};
use crate::platform::clock::BrowserIds;
use crate::platform::download::{download_text, read_file_text};
use crate::state::AppState;
use crate::ui::i18n::{t, t_string, use_i18n};
use crate::ui::lang::use_lang;
use crate::ui::pages::settings::fill;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;

/// One row of the library table.
#[derive(Debug, Clone, PartialEq)]
struct Row {
    id: TemplateId,
    latest: Template,
    versions: usize,
    in_use: usize,
    builtin: bool,
}

/// A free id `<base>-ban-sao`, `<base>-ban-sao-2`, … (or a random one).
pub fn free_copy_id(state: AppState, base: &str) -> Option<TemplateId> {
    (1..100)
        .map(|n| {
            if n == 1 {
                format!("{base}-ban-sao")
            } else {
                format!("{base}-ban-sao-{n}")
            }
        })
        .filter_map(|s| TemplateId::new(s).ok())
        .find(|id| {
            state
                .ws
                .with_untracked(|ws| ws.templates().latest(id).is_none())
        })
}

/// The template library page.
#[component]
pub fn TemplateList() -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let state = AppState::expect();
    let navigate = use_navigate();
    let message = RwSignal::new(None::<(bool, String)>);
    let policy = RwSignal::new(ClashPolicy::Reject);

    let rows = Memo::new(move |_| {
        state.ws.with(|ws| {
            let lib = ws.templates();
            lib.ids()
                .filter_map(|id| {
                    let latest = lib.latest(id)?.clone();
                    let in_use = ws
                        .inspections()
                        .filter(|i| i.checklists().iter().any(|c| &c.template.id == id))
                        .count();
                    Some(Row {
                        id: id.clone(),
                        latest,
                        versions: lib.versions(id).len(),
                        in_use,
                        builtin: BUILTIN_TEMPLATES.iter().any(|(b, _)| *b == id.as_str()),
                    })
                })
                .collect::<Vec<_>>()
        })
    });

    let nav_new = navigate.clone();
    let create = move |_| {
        let hex = BrowserIds.next_uuid().simple().to_string();
        let id = format!("mau-moi-{}", &hex[..8]);
        nav_new(&format!("/cai-dat/mau-phieu/{id}"), Default::default());
    };

    let on_import = move |ev: leptos::ev::Event| {
        let Some(file) = crate::platform::download::take_chosen_file(&ev) else {
            return;
        };
        leptos::task::spawn_local(async move {
            let text = match read_file_text(file).await {
                Ok(t) => t,
                Err(_) => {
                    message.try_set(Some((
                        false,
                        t_string!(i18n, templates.import_read_failed).to_string(),
                    )));
                    return;
                }
            };
            let limits = ImportLimits::default();
            // Parse first to learn the id (and to refuse before touching anything).
            let parsed = crate::domain::template::parse_template_json(&text, &limits);
            let id = match parsed {
                Ok(t) => t.id,
                Err(e) => {
                    message.try_set(Some((false, import_error_text(i18n, &e))));
                    return;
                }
            };
            let mut import_err: Option<ImportError> = None;
            let chosen = policy.get_untracked();
            let result = state.edit_templates(&id, |lib| {
                lib.import(&text, &limits, chosen).map_err(|e| {
                    import_err = Some(e);
                    DomainError::InvalidTemplate { errors: Vec::new() }
                })
            });
            let msg = match (result, import_err) {
                (Ok((id, SaveOutcome::Saved { version })), _) => (
                    true,
                    fill(
                        t_string!(i18n, templates.import_saved),
                        &[
                            ("id", (id.as_str().to_string()).to_string()),
                            ("version", (version).to_string()),
                        ],
                    )
                    .to_string(),
                ),
                (Ok((id, SaveOutcome::Unchanged { version })), _) => (
                    true,
                    fill(
                        t_string!(i18n, templates.import_unchanged),
                        &[
                            ("id", (id.as_str().to_string()).to_string()),
                            ("version", (version).to_string()),
                        ],
                    )
                    .to_string(),
                ),
                (Err(_), Some(e)) => (false, import_error_text(i18n, &e)),
                (Err(_), None) => (
                    false,
                    t_string!(i18n, templates.import_read_failed).to_string(),
                ),
            };
            message.try_set(Some(msg));
        });
    };

    view! {
        <section class="page templates-page" data-testid="page-templates">
            <p><A href="/cai-dat">{t!(i18n, templates.back_to_settings)}</A></p>
            <h1>{t!(i18n, templates.title)}</h1>
            <p class="lead">{t!(i18n, templates.lead)}</p>
            <div class="actions">
                <button type="button" class="btn btn--primary" data-testid="template-new" on:click=create>
                    {t!(i18n, templates.new)}
                </button>
            </div>
            <div class="card import-box">
                <h2>{t!(i18n, templates.import_title)}</h2>
                <label class="field">
                    <span>{t!(i18n, templates.import_policy)}</span>
                    <select data-testid="import-policy" on:change=move |ev| {
                        policy.set(if event_target_value(&ev) == "new_version" { ClashPolicy::NewVersion } else { ClashPolicy::Reject });
                    }>
                        <option value="reject" selected=true>{t!(i18n, templates.policy_reject)}</option>
                        <option value="new_version">{t!(i18n, templates.policy_new_version)}</option>
                    </select>
                </label>
                <label class="field">
                    <span>{t!(i18n, templates.import_pick)}</span>
                    <input type="file" accept=".json,application/json" data-testid="template-import" on:change=on_import/>
                </label>
                <div aria-live="polite">
                    {move || message.get().map(|(ok, text)| view! {
                        <p class=if ok { "banner banner--info" } else { "banner banner--bad" }
                            role=if ok { "status" } else { "alert" } data-testid="import-message">{text}</p>
                    })}
                </div>
            </div>
            <div class="table-scroll">
            <table class="data" data-testid="template-table">
                <caption class="sr-only">{t!(i18n, templates.table_caption)}</caption>
                <thead><tr>
                    <th scope="col">{t!(i18n, templates.col_title)}</th>
                    <th scope="col">{t!(i18n, templates.col_kind)}</th>
                    <th scope="col" class="num">{t!(i18n, templates.col_version)}</th>
                    <th scope="col" class="num">{t!(i18n, templates.col_versions)}</th>
                    <th scope="col" class="num">{t!(i18n, templates.col_items)}</th>
                    <th scope="col" class="num">{t!(i18n, templates.col_in_use)}</th>
                    <th scope="col">{t!(i18n, templates.col_actions)}</th>
                </tr></thead>
                <tbody>
                    {move || rows.get().into_iter().map(|r| {
                        let navigate = navigate.clone();
                        let title = r.latest.title.get(lang.get() == crate::i18n::Lang::Vi).to_string();
                        let id_s = r.id.as_str().to_string();
                        let href = format!("/cai-dat/mau-phieu/{id_s}");
                        let kind = super::messages::kind_text(i18n, r.latest.kind);
                        let for_export = r.latest.clone();
                        let for_copy = r.latest.clone();
                        let copy_aria = fill(t_string!(i18n, templates.copy_aria), &[("title", (title.clone()).to_string())]).to_string();
                        let export_aria = fill(t_string!(i18n, templates.export_aria), &[("title", (title.clone()).to_string())]).to_string();
                        let export = move |_| {
                            let json = serde_json::to_string_pretty(&for_export).unwrap_or_default();
                            let name = format!("mau-phieu_{}_v{}.json", for_export.id.as_str(), for_export.version);
                            if download_text(&name, "application/json", &json).is_err() {
                                message.set(Some((false, t_string!(i18n, templates.export_failed).to_string())));
                            }
                        };
                        let copy = move |_| {
                            let Some(new_id) = free_copy_id(state, for_copy.id.as_str()) else {
                                message.set(Some((false, t_string!(i18n, templates.copy_failed).to_string())));
                                return;
                            };
                            let mut t = for_copy.clone();
                            t.id = new_id.clone();
                            t.version = 1;
                            t.title.vi = format!("{} (bản sao)", t.title.vi);
                            if !t.title.en.trim().is_empty() {
                                t.title.en = format!("{} (copy)", t.title.en);
                            }
                            match state.edit_templates(&new_id, |lib| lib.insert(t)) {
                                Ok(()) => navigate(&format!("/cai-dat/mau-phieu/{}", new_id.as_str()), Default::default()),
                                Err(_) => message.set(Some((false, t_string!(i18n, templates.copy_failed).to_string()))),
                            }
                        };
                        view! {
                            <tr data-testid="template-row" data-id=id_s.clone()>
                                <td>
                                    <A href=href>{title}</A>
                                    {r.builtin.then(|| view! { " " <span class="tag">{t!(i18n, templates.builtin)}</span> })}
                                    <br/><code class="muted">{id_s.clone()}</code>
                                </td>
                                <td>{kind}</td>
                                <td class="num" data-testid="template-version">{r.latest.version}</td>
                                <td class="num">{r.versions}</td>
                                <td class="num">{r.latest.item_count()}</td>
                                <td class="num">{r.in_use}</td>
                                <td><div class="row-actions">
                                    <button type="button" class="btn btn--small" data-testid="template-copy"
                                        aria-label=copy_aria on:click=copy>{t!(i18n, templates.copy)}</button>
                                    <button type="button" class="btn btn--small" data-testid="template-export"
                                        aria-label=export_aria on:click=export>{t!(i18n, templates.export)}</button>
                                </div></td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
            </div>
        </section>
    }
}
