//! The template editor ("/cai-dat/mau-phieu/:id"): edits a draft copy of the
//! latest version (nothing is saved while typing), lists what would make it
//! invalid, previews the checklist as an inspector sees it, and saves the
//! draft as a new version. Inspections stay pinned to the version they use.

use super::draft::{move_by, Draft, GroupDraft, ItemDraft};
use super::messages::{
    answer_text, answer_token, kind_text, show_if_text, show_if_token, template_error_text,
    ANSWER_TYPES, SHOW_IF_VALUES,
};
use super::preview::ChecklistPreview;
use crate::domain::ids::TemplateId;
use crate::domain::template::{content_hash, SaveOutcome, TemplateKind};
use crate::state::AppState;
use crate::ui::i18n::{t, t_string, use_i18n};
use crate::ui::pages::settings::fill;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

/// The editor page: rebuilds the editor when the id in the address changes.
#[component]
pub fn TemplateEditor() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let id = Memo::new(move |_| params.with(|p| p.get("id").unwrap_or_default()));
    view! {
        <section class="page template-editor" data-testid="page-template-editor">
            <p><A href="/cai-dat/mau-phieu">{t!(i18n, templates.back_to_list)}</A></p>
            {move || match TemplateId::new(id.get()) {
                Ok(tid) => view! { <EditorBody id=tid/> }.into_any(),
                Err(_) => view! { <p class="error-text" role="alert">{t!(i18n, templates.bad_id)}</p> }.into_any(),
            }}
        </section>
    }
}

/// What the last save did.
#[derive(Clone, PartialEq)]
enum Saved {
    New { version: u32, hash: String },
    Unchanged { version: u32 },
    Failed,
}

#[component]
fn EditorBody(id: TemplateId) -> impl IntoView {
    let i18n = use_i18n();
    let state = AppState::expect();
    let latest = state
        .ws
        .with_untracked(|ws| ws.templates().latest(&id).cloned());
    let is_new = latest.is_none();
    let draft = match &latest {
        Some(t) => Draft::from_template(t),
        None => Draft::blank(id.clone()),
    };
    let id_text = id.as_str().to_string();
    let id_for_info = id.clone();
    let latest_version = move || {
        state
            .ws
            .with(|ws| ws.templates().latest(&id_for_info).map(|t| t.version))
    };
    let built = Memo::new(move |_| draft.build());
    let errors = Memo::new(move |_| built.with(|t| t.validate()));
    let saved = RwSignal::new(None::<Saved>);
    let save = move |_| {
        let t = built.get_untracked();
        let id = t.id.clone();
        let result = state.edit_templates(&id, |lib| lib.save_new_version(t));
        let outcome = match result {
            Ok(SaveOutcome::Saved { version }) => {
                let hash = state
                    .ws
                    .with_untracked(|ws| ws.templates().get(&id, version).map(content_hash))
                    .unwrap_or_default();
                Saved::New { version, hash }
            }
            Ok(SaveOutcome::Unchanged { version }) => Saved::Unchanged { version },
            Err(_) => Saved::Failed,
        };
        saved.set(Some(outcome));
    };
    let add_group = move |_| {
        let code = draft.next_group_code();
        draft.groups.update(|g| g.push(GroupDraft::blank(code)));
    };

    view! {
        <h1>{t!(i18n, templates.editor_title)} " " <code>{id_text}</code></h1>
        <p class="lead" data-testid="editor-version">{move || match latest_version() {
            Some(v) => fill(t_string!(i18n, templates.editing_version), &[("version", (v).to_string())]).to_string(),
            None => t_string!(i18n, templates.new_unsaved).to_string(),
        }}</p>
        {is_new.then(|| view! { <p class="muted">{t!(i18n, templates.new_note)}</p> })}
        <div class="editor-layout">
            <div class="editor-form">
                <fieldset class="card">
                    <legend>{t!(i18n, templates.general)}</legend>
                    <TextPair label_vi=t_string!(i18n, templates.f_title_vi).to_string()
                        label_en=t_string!(i18n, templates.f_title_en).to_string()
                        vi=draft.title_vi en=draft.title_en testid="template-title"/>
                    <TextPair label_vi=t_string!(i18n, templates.f_desc_vi).to_string()
                        label_en=t_string!(i18n, templates.f_desc_en).to_string()
                        vi=draft.desc_vi en=draft.desc_en testid="template-desc" multiline=true/>
                    <label class="field">
                        <span>{t!(i18n, templates.f_kind)}</span>
                        <select on:change=move |ev| draft.kind.set(kind_from(&event_target_value(&ev)))>
                            {[TemplateKind::Xlvphc, TemplateKind::TheoDoiThpl, TemplateKind::LinhVuc].into_iter().map(|k| view! {
                                <option value=kind_token(k) prop:selected=move || draft.kind.get() == k>{kind_text(i18n, k)}</option>
                            }).collect_view()}
                        </select>
                    </label>
                    <label class="field">
                        <span>{t!(i18n, templates.f_legal_basis)}</span>
                        <textarea data-testid="template-legal-basis" prop:value=move || draft.legal_basis.get()
                            on:input=move |ev| draft.legal_basis.set(event_target_value(&ev))></textarea>
                    </label>
                    <p class="muted">{t!(i18n, templates.legal_basis_note)}</p>
                </fieldset>
                <For each=move || draft.groups.get() key=|g| g.uid let:group>
                    <GroupEditor draft=draft group=group/>
                </For>
                <button type="button" class="btn" data-testid="group-add" on:click=add_group>
                    {t!(i18n, templates.add_group)}
                </button>
            </div>
            <aside class="editor-side">
                <div class="card" data-testid="validation" aria-live="polite">
                    <h2>{t!(i18n, templates.validation_title)}</h2>
                    {move || {
                        let errs = errors.get();
                        if errs.is_empty() {
                            view! { <p class="status-dat" data-testid="validation-ok">{t!(i18n, templates.valid)}</p> }.into_any()
                        } else {
                            view! {
                                <ul class="error-list" data-testid="validation-errors">
                                    {errs.iter().map(|e| view! { <li class="error-text">{template_error_text(i18n, e)}</li> }).collect_view()}
                                </ul>
                            }.into_any()
                        }
                    }}
                    <button type="button" class="btn btn--primary" data-testid="template-save"
                        disabled=move || !errors.with(Vec::is_empty) on:click=save>
                        {t!(i18n, templates.save_version)}
                    </button>
                    <div role="status" aria-live="polite" data-testid="save-result">
                        {move || saved.get().map(|s| match s {
                            Saved::New { version, hash } => view! {
                                <p>{fill(t_string!(i18n, templates.saved_version), &[("version", (version).to_string())])}</p>
                                <p class="hash">{t!(i18n, templates.content_hash)} " " <code data-testid="saved-hash">{hash}</code></p>
                            }.into_any(),
                            Saved::Unchanged { version } => view! {
                                <p>{fill(t_string!(i18n, templates.unchanged), &[("version", (version).to_string())])}</p>
                            }.into_any(),
                            Saved::Failed => view! {
                                <p class="error-text">{t!(i18n, templates.save_failed)}</p>
                            }.into_any(),
                        })}
                    </div>
                </div>
                <div class="card preview" data-testid="template-preview">
                    <h2>{t!(i18n, templates.preview_title)}</h2>
                    {move || view! { <ChecklistPreview template=built.get()/> }}
                </div>
            </aside>
        </div>
    }
}

fn kind_token(k: TemplateKind) -> &'static str {
    match k {
        TemplateKind::Xlvphc => "xlvphc",
        TemplateKind::TheoDoiThpl => "theo_doi_thpl",
        TemplateKind::LinhVuc => "linh_vuc",
    }
}

fn kind_from(s: &str) -> TemplateKind {
    match s {
        "xlvphc" => TemplateKind::Xlvphc,
        "theo_doi_thpl" => TemplateKind::TheoDoiThpl,
        _ => TemplateKind::LinhVuc,
    }
}

/// A Vietnamese and an English input side by side.
#[component]
fn TextPair(
    label_vi: String,
    label_en: String,
    vi: RwSignal<String>,
    en: RwSignal<String>,
    #[prop(into)] testid: String,
    #[prop(optional)] multiline: bool,
) -> impl IntoView {
    let tid_vi = format!("{testid}-vi");
    let tid_en = format!("{testid}-en");
    let field = move |label: String, sig: RwSignal<String>, tid: String| {
        if multiline {
            view! {
                <label class="field">
                    <span>{label}</span>
                    <textarea data-testid=tid prop:value=move || sig.get()
                        on:input=move |ev| sig.set(event_target_value(&ev))></textarea>
                </label>
            }
            .into_any()
        } else {
            view! {
                <label class="field">
                    <span>{label}</span>
                    <input type="text" data-testid=tid prop:value=move || sig.get()
                        on:input=move |ev| sig.set(event_target_value(&ev))/>
                </label>
            }
            .into_any()
        }
    };
    view! {
        <div class="field-row">
            {field(label_vi, vi, tid_vi)}
            {field(label_en, en, tid_en)}
        </div>
    }
}

/// Two-step removal: "Xóa" then "Xác nhận xóa" / "Hủy".
#[component]
fn ConfirmRemove(
    aria: String,
    on_confirm: impl Fn() + Clone + Send + Sync + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    let asking = RwSignal::new(false);
    let aria2 = aria.clone();
    view! {
        <Show when=move || asking.get()
            fallback=move || view! {
                <button type="button" class="btn btn--small btn--danger" aria-label=aria.clone()
                    on:click=move |_| asking.set(true)>{t!(i18n, templates.remove)}</button>
            }>
            <span class="confirm-inline" role="group" aria-label=aria2.clone()>
                <button type="button" class="btn btn--small btn--danger" data-testid="confirm-remove"
                    on:click={let f = on_confirm.clone(); move |_| { asking.set(false); f(); }}>
                    {t!(i18n, templates.remove_confirm)}
                </button>
                <button type="button" class="btn btn--small" on:click=move |_| asking.set(false)>
                    {t!(i18n, templates.cancel)}
                </button>
            </span>
        </Show>
    }
}

/// One group: code, title, repetition, its items, and moves.
#[component]
fn GroupEditor(draft: Draft, group: GroupDraft) -> impl IntoView {
    let i18n = use_i18n();
    let pos = move || {
        draft
            .groups
            .with(|g| g.iter().position(|x| x.uid == group.uid).unwrap_or(0))
    };
    let count = move || draft.groups.with(Vec::len);
    let shift = move |delta: isize| {
        let p = pos();
        draft.groups.update(|g| move_by(g, p, delta));
    };
    let add_item = move |_| {
        let code = draft.groups.with_untracked(|all| group.next_item_code(all));
        group.items.update(|v| v.push(ItemDraft::blank(code)));
    };
    let name = move || group.code.get();
    view! {
        <fieldset class="card group-editor" data-testid="group-editor">
            <legend>{move || fill(t_string!(i18n, templates.group_legend), &[("code", (name()).to_string())])}</legend>
            <div class="row-actions">
                <button type="button" class="btn btn--small" disabled=move || pos() == 0
                    aria-label=move || fill(t_string!(i18n, templates.group_up_aria), &[("code", (name()).to_string())])
                    on:click=move |_| shift(-1)>{t!(i18n, templates.move_up)}</button>
                <button type="button" class="btn btn--small" disabled={move || pos() + 1 >= count()}
                    aria-label=move || fill(t_string!(i18n, templates.group_down_aria), &[("code", (name()).to_string())])
                    on:click=move |_| shift(1)>{t!(i18n, templates.move_down)}</button>
                <ConfirmRemove aria=fill(t_string!(i18n, templates.group_remove_aria), &[("code", (group.code.get_untracked()).to_string())]).to_string()
                    on_confirm=move || draft.groups.update(|g| g.retain(|x| x.uid != group.uid))/>
            </div>
            <label class="field">
                <span>{t!(i18n, templates.f_group_code)}</span>
                <input type="text" prop:value=move || group.code.get()
                    on:input=move |ev| group.code.set(event_target_value(&ev))/>
            </label>
            <TextPair label_vi=t_string!(i18n, templates.f_group_title_vi).to_string()
                label_en=t_string!(i18n, templates.f_group_title_en).to_string()
                vi=group.title_vi en=group.title_en testid="group-title"/>
            <label class="check">
                <input type="checkbox" data-testid="group-repeat" prop:checked=move || group.repeat_on.get()
                    on:change=move |ev| group.repeat_on.set(event_target_checked(&ev))/>
                <span>{t!(i18n, templates.f_repeat)}</span>
            </label>
            <Show when=move || group.repeat_on.get()>
                <TextPair label_vi=t_string!(i18n, templates.f_repeat_label_vi).to_string()
                    label_en=t_string!(i18n, templates.f_repeat_label_en).to_string()
                    vi=group.repeat_vi en=group.repeat_en testid="group-repeat-label"/>
                <label class="field">
                    <span>{t!(i18n, templates.f_repeat_max)}</span>
                    <input type="number" min="1" max="1000" prop:value=move || group.repeat_max.get().to_string()
                        on:input=move |ev| {
                            if let Ok(n) = event_target_value(&ev).trim().parse::<u32>() {
                                group.repeat_max.set(n);
                            }
                        }/>
                </label>
            </Show>
            <h3>{t!(i18n, templates.items_title)}</h3>
            <For each=move || group.items.get() key=|i| i.uid let:item>
                <ItemEditor group=group item=item/>
            </For>
            <button type="button" class="btn btn--small" data-testid="item-add" on:click=add_item>
                {t!(i18n, templates.add_item)}
            </button>
        </fieldset>
    }
}

/// One item, folded under its code and question.
#[component]
fn ItemEditor(group: GroupDraft, item: ItemDraft) -> impl IntoView {
    let i18n = use_i18n();
    let pos = move || {
        group
            .items
            .with(|v| v.iter().position(|x| x.uid == item.uid).unwrap_or(0))
    };
    let count = move || group.items.with(Vec::len);
    let shift = move |delta: isize| {
        let p = pos();
        group.items.update(|v| move_by(v, p, delta));
    };
    let code = move || item.code.get();
    let others = move || {
        group
            .items
            .get()
            .into_iter()
            .filter(|x| x.uid != item.uid)
            .map(|x| x.code.get())
            .collect::<Vec<_>>()
    };
    view! {
        <details class="item-editor" data-testid="item-editor">
            <summary>
                <code>{code}</code> " " {move || item.label_vi.get()}
            </summary>
            <div class="row-actions">
                <button type="button" class="btn btn--small" disabled=move || pos() == 0
                    aria-label=move || fill(t_string!(i18n, templates.item_up_aria), &[("code", (code()).to_string())])
                    on:click=move |_| shift(-1)>{t!(i18n, templates.move_up)}</button>
                <button type="button" class="btn btn--small" disabled={move || pos() + 1 >= count()}
                    aria-label=move || fill(t_string!(i18n, templates.item_down_aria), &[("code", (code()).to_string())])
                    on:click=move |_| shift(1)>{t!(i18n, templates.move_down)}</button>
                <ConfirmRemove aria=fill(t_string!(i18n, templates.item_remove_aria), &[("code", (item.code.get_untracked()).to_string())]).to_string()
                    on_confirm=move || group.items.update(|v| v.retain(|x| x.uid != item.uid))/>
            </div>
            <div class="field-row">
                <label class="field">
                    <span>{t!(i18n, templates.f_item_code)}</span>
                    <input type="text" data-testid="item-code" prop:value=move || item.code.get()
                        on:input=move |ev| item.code.set(event_target_value(&ev))/>
                </label>
                <label class="field">
                    <span>{t!(i18n, templates.f_answer)}</span>
                    <select on:change=move |ev| {
                            let v = event_target_value(&ev);
                            if let Some(a) = ANSWER_TYPES.iter().find(|a| answer_token(**a) == v) {
                                item.answer.set(*a);
                            }
                        }>
                        {ANSWER_TYPES.iter().map(|a| view! {
                            <option value=answer_token(*a) prop:selected={let a = *a; move || item.answer.get() == a}>{answer_text(i18n, *a)}</option>
                        }).collect_view()}
                    </select>
                </label>
            </div>
            <TextPair label_vi=t_string!(i18n, templates.f_label_vi).to_string()
                label_en=t_string!(i18n, templates.f_label_en).to_string()
                vi=item.label_vi en=item.label_en testid="item-label" multiline=true/>
            <TextPair label_vi=t_string!(i18n, templates.f_help_vi).to_string()
                label_en=t_string!(i18n, templates.f_help_en).to_string()
                vi=item.help_vi en=item.help_en testid="item-help" multiline=true/>
            <label class="field">
                <span>{t!(i18n, templates.f_item_basis)}</span>
                <input type="text" data-testid="item-basis" prop:value=move || item.legal_basis.get()
                    on:input=move |ev| item.legal_basis.set(event_target_value(&ev))/>
            </label>
            <label class="check">
                <input type="checkbox" prop:checked=move || item.required.get()
                    on:change=move |ev| item.required.set(event_target_checked(&ev))/>
                <span>{t!(i18n, templates.f_required)}</span>
            </label>
            <div class="field-row">
                <label class="field">
                    <span>{t!(i18n, templates.f_show_if)}</span>
                    <select on:change=move |ev| item.show_if_item.set(event_target_value(&ev))>
                        <option value="" prop:selected=move || item.show_if_item.get().is_empty()>{t!(i18n, templates.show_always)}</option>
                        {move || others().into_iter().map(|c| view! {
                            <option value=c.clone() prop:selected={let c = c.clone(); move || item.show_if_item.get() == c}>{c.clone()}</option>
                        }).collect_view()}
                    </select>
                </label>
                <Show when=move || !item.show_if_item.get().is_empty()>
                    <label class="field">
                        <span>{t!(i18n, templates.f_show_if_value)}</span>
                        <select on:change=move |ev| {
                                let v = event_target_value(&ev);
                                if let Some(x) = SHOW_IF_VALUES.iter().find(|x| show_if_token(**x) == v) {
                                    item.show_if_value.set(*x);
                                }
                            }>
                            {SHOW_IF_VALUES.iter().map(|x| view! {
                                <option value=show_if_token(*x) prop:selected={let x = *x; move || item.show_if_value.get() == x}>{show_if_text(i18n, *x)}</option>
                            }).collect_view()}
                        </select>
                    </label>
                </Show>
            </div>
        </details>
    }
}
