//! The checklist of one run, by group: group titles and progress, repeating
//! groups with their instances (add, rename, remove), and one row per item.
//! Each row reads only its own signals (answer, finding link, visibility):
//! answering one item notifies that row's answer scope, its group's and its
//! run's progress ([`AppState::edit_answer`]), not the whole workspace, so
//! one row re-renders; one effect per run ([`RunRows`]) follows the other
//! changes of the workspace and refreshes the rows they touched. Rows are
//! focusable and answer to the keyboard: `1`/`2`/`3` (đạt / không đạt / không áp dụng),
//! `j`/`↓` and `k`/`↑` to move, `n` for the note, `Esc` back to the row.

use super::answer_input::{status_code, AnswerControl, EvidenceField, NoteField, RowCtx};
use super::attachments::AnswerAttachments;
use super::shared::{fill, finding_dom_id, focus_id, locked_memo, row_dom_id, run_template};
use crate::domain::answer::{Answer, AnswerKey, AnswerValue, ItemStatus};
use crate::domain::catalog::FindingKind;
use crate::domain::ids::{ChecklistRunId, FindingId, InspectionId};
use crate::domain::inspection::{ChecklistRun, Inspection};
use crate::domain::template::{AnswerType, Item, Template};
use crate::i18n::Lang;
use crate::state::AppState;
use crate::ui::i18n::{t, t_string, use_i18n};
use crate::ui::lang::use_lang;
use leptos::prelude::*;
use std::collections::HashMap;
use std::sync::Arc;
use wasm_bindgen::JsCast;

/// Which rows are shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Filter {
    /// Every visible item.
    #[default]
    All,
    /// Not answered yet.
    Unanswered,
    /// Answered "không đạt".
    KhongDat,
    /// Required and not answered.
    RequiredMissing,
}

impl Filter {
    /// Code for the select.
    pub fn code(self) -> &'static str {
        match self {
            Filter::All => "all",
            Filter::Unanswered => "unanswered",
            Filter::KhongDat => "khong_dat",
            Filter::RequiredMissing => "required_missing",
        }
    }

    /// Reads a select value.
    pub fn from_code(s: &str) -> Self {
        match s {
            "unanswered" => Filter::Unanswered,
            "khong_dat" => Filter::KhongDat,
            "required_missing" => Filter::RequiredMissing,
            _ => Filter::All,
        }
    }

    /// Whether an item with this answer passes the filter.
    pub fn passes(self, item: &Item, answer: Option<&Answer>) -> bool {
        let answered = answer.is_some_and(|a| a.is_answered(item.answer));
        match self {
            Filter::All => true,
            Filter::Unanswered => !answered,
            Filter::KhongDat => answer.is_some_and(|a| a.status == ItemStatus::KhongDat),
            Filter::RequiredMissing => item.required && !answered,
        }
    }
}

/// Page-wide context of the checklist: the filter and the message line.
#[derive(Clone, Copy)]
pub struct ChecklistCtx {
    /// Row filter.
    pub filter: RwSignal<Filter>,
    /// Refused changes.
    pub message: RwSignal<Option<String>>,
}

/// The signals one row reads.
#[derive(Clone, Copy, PartialEq)]
struct RowSignals {
    /// The answer: follows the row's own answer scope (an answer edit
    /// notifies this row alone) and is refreshed by [`RunRows`] after any
    /// other change of the workspace.
    answer: Memo<Option<Answer>>,
    finding: RwSignal<Option<FindingId>>,
    /// For items with a condition: whether the item is shown (follows the
    /// run's answers and the workspace).
    visible: Option<Memo<bool>>,
}

/// The rows of one checklist run and the signals they read. Answers edited
/// here reach their row through its own answer scope; one effect per run
/// follows every other change of the workspace (another tab, a migration,
/// a finding made) and refreshes the rows it changed (see the module
/// comment).
#[derive(Clone, Copy)]
struct RunRows {
    rows: StoredValue<HashMap<AnswerKey, RowSignals>>,
    locked: Memo<bool>,
}

impl RunRows {
    fn new(state: AppState, insp: InspectionId, run: ChecklistRunId) -> Self {
        let rr = RunRows {
            rows: StoredValue::new(HashMap::new()),
            locked: locked_memo(state, insp),
        };
        Effect::new(move |_| {
            // Compare everything first (the run and its findings looked up
            // once), then refresh only what changed, outside the borrows.
            type Stale = (
                Vec<AnswerKey>,
                Vec<(RwSignal<Option<FindingId>>, Option<FindingId>)>,
            );
            let (answers, findings): Stale = state.ws.with(|ws| {
                let mut out: Stale = (Vec::new(), Vec::new());
                let Some(i) = ws.inspection(insp) else {
                    return out;
                };
                let Some(r) = i.checklist(run) else {
                    return out;
                };
                let found: HashMap<&AnswerKey, FindingId> = run_findings(i, run).collect();
                rr.rows.with_value(|rows| {
                    for (key, sig) in rows {
                        let answer = r.answers.get(key);
                        if sig.answer.with_untracked(|a| a.as_ref() != answer) {
                            out.0.push(key.clone());
                        }
                        let finding = found.get(key).copied();
                        if sig.finding.get_untracked() != finding {
                            out.1.push((sig.finding, finding));
                        }
                    }
                });
                out
            });
            for key in answers {
                state.refresh_answer(run, &key);
            }
            for (sig, f) in findings {
                sig.set(f);
            }
        });
        rr
    }

    /// Signals for the row `key`, starting from what the workspace holds now.
    fn register(
        &self,
        state: AppState,
        insp: InspectionId,
        run: ChecklistRunId,
        t: &Arc<Template>,
        key: &AnswerKey,
        place: Option<(usize, usize)>,
    ) -> RowSignals {
        let finding = state.ws.with_untracked(|ws| {
            ws.inspection(insp).and_then(|i| {
                run_findings(i, run)
                    .find(|(k, _)| *k == key)
                    .map(|(_, f)| f)
            })
        });
        let answer = {
            let key = key.clone();
            Memo::new(move |_| {
                state.track_answer(run, &key);
                state.ws.with_untracked(|ws| {
                    ws.inspection(insp)
                        .and_then(|i| i.checklist(run))
                        .and_then(|r| r.answers.get(&key).cloned())
                })
            })
        };
        let visible = place.map(|p| {
            let (t, key) = (t.clone(), key.clone());
            Memo::new(move |prev: Option<&bool>| {
                state.track_run_answers(run);
                state
                    .ws
                    .with(|ws| {
                        ws.inspection(insp)
                            .and_then(|i| i.checklist(run))
                            .and_then(|r| is_shown(r, &t, &key, p))
                    })
                    // A place the template no longer has (it is being
                    // replaced): keep what was shown.
                    .unwrap_or(prev.copied().unwrap_or(true))
            })
        });
        let sig = RowSignals {
            answer,
            finding: RwSignal::new(finding),
            visible,
        };
        self.rows.update_value(|rows| {
            rows.insert(key.clone(), sig);
        });
        let rows = self.rows;
        let key = key.clone();
        on_cleanup(move || {
            // A row re-created under the same key has already replaced ours.
            rows.try_update_value(|rows| {
                if rows.get(&key) == Some(&sig) {
                    rows.remove(&key);
                }
            });
        });
        sig
    }
}

/// The findings made from answers of `run`, by answer key.
fn run_findings(
    i: &Inspection,
    run: ChecklistRunId,
) -> impl Iterator<Item = (&AnswerKey, FindingId)> {
    i.findings().iter().filter_map(move |f| {
        f.source
            .as_ref()
            .filter(|s| s.run == run)
            .map(|s| (&s.key, f.id))
    })
}

/// Whether the conditional item at `place` (group, item index) is shown;
/// `None` when the template has no such place (it is being replaced).
fn is_shown(
    r: &ChecklistRun,
    t: &Template,
    key: &AnswerKey,
    (gi, ii): (usize, usize),
) -> Option<bool> {
    let g = t.groups.get(gi)?;
    Some(r.is_visible(g, key.instance, g.items.get(ii)?))
}

/// Element ids of the rows currently shown, in page order (every run, group,
/// instance and item; hidden items and filtered rows left out).
fn shown_rows(state: AppState, insp: InspectionId, filter: Filter) -> Vec<String> {
    state.ws.with_untracked(|ws| {
        let mut out = Vec::new();
        let Some(i) = ws.inspection(insp) else {
            return out;
        };
        for r in i.checklists() {
            let Some(t) = ws.templates().get(&r.template.id, r.template.version) else {
                continue;
            };
            for g in &t.groups {
                for inst in 0..r.instance_count(g) {
                    for it in &g.items {
                        if !r.is_visible(g, inst, it) {
                            continue;
                        }
                        let key = AnswerKey::new(&g.code, inst, &it.code);
                        if filter.passes(it, r.answers.get(&key)) {
                            out.push(row_dom_id(r.id, &key));
                        }
                    }
                }
            }
        }
        out
    })
}

/// The row `delta` places away from `from` (clamped to the ends).
fn neighbour(rows: &[String], from: &str, delta: i32) -> Option<String> {
    let pos = rows.iter().position(|r| r == from)?;
    let next = pos as i64 + i64::from(delta);
    let next = next.clamp(0, rows.len() as i64 - 1) as usize;
    rows.get(next).cloned()
}

fn is_text_target(ev: &web_sys::KeyboardEvent) -> bool {
    let Some(el) = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlElement>().ok())
    else {
        return false;
    };
    if el.is_content_editable() {
        return true;
    }
    match el.tag_name().as_str() {
        "TEXTAREA" | "SELECT" => true,
        "INPUT" => {
            let ty = el.get_attribute("type").unwrap_or_default();
            !matches!(ty.as_str(), "radio" | "checkbox" | "button" | "submit")
        }
        "BUTTON" | "A" => false,
        _ => false,
    }
}

/// One run's checklist.
#[component]
pub fn ChecklistView(insp: InspectionId, run: ChecklistRunId) -> impl IntoView {
    let state = AppState::expect();
    let i18n = use_i18n();
    let lang = use_lang();
    let tmpl = run_template(state, insp, run);
    provide_context(RunRows::new(state, insp, run));
    let progress = Memo::new(move |_| {
        let t = tmpl.get()?;
        state.track_run_answers(run);
        state.ws.with(|ws| {
            ws.inspection(insp)
                .and_then(|i| i.checklist(run))
                .map(|r| r.progress(&t))
        })
    });
    let newer = Memo::new(move |_| {
        state.ws.with(|ws| {
            let r = ws.inspection(insp)?.checklist(run)?;
            let latest = ws.templates().latest(&r.template.id)?;
            (latest.version > r.template.version).then_some((r.template.version, latest.version))
        })
    });
    let body = move || match tmpl.get() {
        None => view! {
            <p class="error-text" role="alert">{t!(i18n, inspection.template_missing)}</p>
        }
        .into_any(),
        Some(t) => {
            let groups = (0..t.groups.len())
                .map(|gi| view! { <GroupView insp=insp run=run t=t.clone() gi=gi/> })
                .collect_view();
            view! { <div class="groups">{groups}</div> }.into_any()
        }
    };
    let title = move || {
        tmpl.get()
            .map(|t| {
                format!(
                    "{} ({} {})",
                    t.title.get(lang.get() == Lang::Vi),
                    t_string!(i18n, inspection.version),
                    t.version
                )
            })
            .unwrap_or_default()
    };
    view! {
        <section class="checklist card" data-testid="checklist" aria-label=title>
            <h2>{title}</h2>
            {move || newer.get().map(|(from, to)| view! {
                <p class="banner banner--info" data-testid="newer-version" role="status">
                    {fill(t_string!(i18n, inspection.newer_version), &[("from", (from).to_string()), ("to", (to).to_string())])}" "
                    <a href=format!("/kiem-tra/{}/chuyen-phien-ban/{}", insp.0, run.0)>
                        {t!(i18n, inspection.newer_version_link)}
                    </a>
                </p>
            })}
            {move || progress.get().map(|p| view! {
                <p class="progress-line" data-testid="run-progress">
                    <progress max=p.total value=p.answered></progress>" "
                    {fill(t_string!(i18n, inspection.progress_of), &[("done", (p.answered).to_string()), ("total", (p.total).to_string())])}
                </p>
            })}
            {body}
        </section>
    }
}

/// One group: title, progress, and its instance(s).
#[component]
fn GroupView(
    insp: InspectionId,
    run: ChecklistRunId,
    t: Arc<Template>,
    gi: usize,
) -> impl IntoView {
    let state = AppState::expect();
    let i18n = use_i18n();
    let lang = use_lang();
    let g = &t.groups[gi];
    let code = g.code.clone();
    let title_text = g.title.clone();
    let progress = {
        let (t, code) = (t.clone(), code.clone());
        Memo::new(move |_| {
            state.track_group_answers(run, &code);
            state.ws.with(|ws| {
                let r = ws.inspection(insp)?.checklist(run)?;
                let g = &t.groups[gi];
                let mut p = (0u32, 0u32, 0u32);
                for inst in 0..r.instance_count(g) {
                    for it in &g.items {
                        if !r.is_visible(g, inst, it) {
                            continue;
                        }
                        p.1 += 1;
                        let key = AnswerKey::new(&g.code, inst, &it.code);
                        if r.answers
                            .get(&key)
                            .is_some_and(|a| a.is_answered(it.answer))
                        {
                            p.0 += 1;
                        } else if it.required {
                            p.2 += 1;
                        }
                    }
                }
                Some(p)
            })
        })
    };
    let body = if let Some(rep) = g.repeat.clone() {
        view! { <RepeatView insp=insp run=run t=t.clone() gi=gi repeat_label=rep.label max=rep.max/> }.into_any()
    } else {
        view! { <ItemList insp=insp run=run t=t.clone() gi=gi instance=0/> }.into_any()
    };
    view! {
        <section class="group" data-testid=format!("group-{code}")>
            <h3>
                <span class="group-code">{code.clone()}". "</span>
                {move || title_text.get(lang.get() == Lang::Vi).to_string()}
            </h3>
            {move || progress.get().map(|(done, total, missing)| view! {
                <p class="group-progress muted" data-testid="group-progress">
                    {fill(t_string!(i18n, inspection.progress_of), &[("done", (done).to_string()), ("total", (total).to_string())])}
                    {(missing > 0).then(|| format!(" · {}", fill(t_string!(i18n, inspection.required_missing_n), &[("n", (missing).to_string())])))}
                </p>
            })}
            {body}
        </section>
    }
}

/// The instances of a repeating group, with add / rename / remove.
#[component]
fn RepeatView(
    insp: InspectionId,
    run: ChecklistRunId,
    t: Arc<Template>,
    gi: usize,
    repeat_label: crate::domain::text::Text,
    max: u32,
) -> impl IntoView {
    let state = AppState::expect();
    let i18n = use_i18n();
    let lang = use_lang();
    let cctx = expect_context::<ChecklistCtx>();
    let locked = locked_memo(state, insp);
    let code = t.groups[gi].code.clone();
    let labels = {
        let code = code.clone();
        Memo::new(move |_| {
            state.ws.with(|ws| {
                ws.inspection(insp)
                    .and_then(|i| i.checklist(run))
                    .and_then(|r| r.instances.get(&code).cloned())
                    .unwrap_or_default()
            })
        })
    };
    let new_label = RwSignal::new(String::new());
    let add = {
        let code = code.clone();
        let t = t.clone();
        move || {
            let label = new_label.get_untracked();
            let label = if label.trim().is_empty() {
                format!(
                    "{} {}",
                    repeat_label_vi(&t, gi),
                    labels.with_untracked(Vec::len) + 1
                )
            } else {
                label.trim().to_string()
            };
            let code = code.clone();
            let r = state.edit_inspection(insp, move |i, lib, c, _| {
                i.add_instance(run, &code, &label, lib, c)
            });
            match r {
                Ok(_) => {
                    new_label.set(String::new());
                    cctx.message.set(None);
                }
                Err(e) => cctx.message.set(Some(super::shared::error_text(i18n, &e))),
            }
        }
    };
    let add2 = add.clone();
    let rl = repeat_label.clone();
    let testid = format!("repeat-{code}");
    view! {
        <div class="repeat" data-testid=testid>
            <p class="muted">{move || fill(t_string!(i18n, inspection.repeat_count), &[("label", (repeat_label.get(lang.get() == Lang::Vi).to_string()).to_string()), ("n", (labels.with(Vec::len)).to_string()), ("max", (max).to_string())])}</p>
            <For each=move || 0..labels.with(Vec::len) key=|i| *i let:inst>
                <InstanceView insp=insp run=run gi=gi inst=inst labels=labels code=code.clone()
                    t=t.clone()/>
            </For>
            <Show when=move || labels.with(Vec::is_empty)>
                <p class="empty-state">{t!(i18n, inspection.repeat_empty)}</p>
            </Show>
            <div class="repeat-add no-print">
                <label class="field field--inline">
                    <span>{move || fill(t_string!(i18n, inspection.repeat_new_label), &[("label", (rl.get(lang.get() == Lang::Vi).to_string()).to_string())])}</span>
                    <input type="text" data-testid="instance-new-label" placeholder="Biên bản số 12/BB-VPHC"
                        prop:value=move || new_label.get()
                        disabled=move || locked.get()
                        on:input=move |ev| new_label.set(event_target_value(&ev))
                        on:keydown=move |ev: leptos::ev::KeyboardEvent| if ev.key() == "Enter" && !ev.is_composing() { add2() }/>
                </label>
                <button type="button" class="btn" data-testid="instance-add"
                    disabled=move || { locked.get() || (labels.with(Vec::len) as u32) >= max }
                    on:click=move |_| add()>
                    {t!(i18n, inspection.repeat_add)}
                </button>
            </div>
        </div>
    }
}

fn repeat_label_vi(t: &Template, gi: usize) -> String {
    t.groups[gi]
        .repeat
        .as_ref()
        .map(|r| r.label.vi.clone())
        .unwrap_or_default()
}

/// One instance of a repeating group: its label (renamable), remove with a
/// confirmation step, and its items.
#[component]
fn InstanceView(
    insp: InspectionId,
    run: ChecklistRunId,
    gi: usize,
    inst: usize,
    labels: Memo<Vec<String>>,
    code: String,
    t: Arc<Template>,
) -> impl IntoView {
    let state = AppState::expect();
    let i18n = use_i18n();
    let cctx = expect_context::<ChecklistCtx>();
    let locked = locked_memo(state, insp);
    let confirming = RwSignal::new(false);
    let label = move || labels.with(|l| l.get(inst).cloned().unwrap_or_default());
    let n = u32::try_from(inst).unwrap_or(u32::MAX);
    let code_r = code.clone();
    let code_d = code.clone();
    let rename = move |ev: leptos::ev::Event| {
        let v = event_target_value(&ev);
        let code = code_r.clone();
        let r = state.edit_inspection(insp, move |i, _, c, _| {
            i.rename_instance(run, &code, n, &v, c)
        });
        if let Err(e) = r {
            cctx.message.set(Some(super::shared::error_text(i18n, &e)));
        }
    };
    let remove = move |_| {
        let code = code_d.clone();
        let r = state.edit_inspection(insp, move |i, _, c, _| i.remove_instance(run, &code, n, c));
        confirming.set(false);
        if let Err(e) = r {
            cctx.message.set(Some(super::shared::error_text(i18n, &e)));
        }
    };
    view! {
        <section class="instance" data-testid=format!("instance-{code}-{inst}")>
            <div class="instance-head">
                <span class="instance-code">{format!("{code} #{}", inst + 1)}</span>
                <label class="field field--inline">
                    <span>{t!(i18n, inspection.instance_label)}</span>
                    <input type="text" data-testid="instance-label" prop:value=label
                        disabled=move || locked.get() on:change=rename/>
                </label>
                <Show when=move || !confirming.get()>
                    <button type="button" class="btn btn--danger no-print" data-testid="instance-remove"
                        disabled=move || locked.get() on:click=move |_| confirming.set(true)>
                        {t!(i18n, inspection.instance_remove)}
                    </button>
                </Show>
                <Show when=move || confirming.get()>
                    <span class="confirm" role="group">
                        <span>{t!(i18n, inspection.instance_remove_confirm)}</span>" "
                        <button type="button" class="btn btn--danger" data-testid="instance-remove-confirm"
                            on:click=remove.clone()>{t!(i18n, inspection.delete_yes)}</button>" "
                        <button type="button" class="btn" on:click=move |_| confirming.set(false)>
                            {t!(i18n, inspection.cancel)}
                        </button>
                    </span>
                </Show>
            </div>
            <ItemList insp=insp run=run t=t gi=gi instance=n/>
        </section>
    }
}

/// The item rows of one instance of a group (keyed by item code).
#[component]
fn ItemList(
    insp: InspectionId,
    run: ChecklistRunId,
    t: Arc<Template>,
    gi: usize,
    instance: u32,
) -> impl IntoView {
    let codes: Vec<(usize, String)> = t
        .groups
        .get(gi)
        .map(|g| {
            g.items
                .iter()
                .enumerate()
                .map(|(i, it)| (i, it.code.clone()))
                .collect()
        })
        .unwrap_or_default();
    view! {
        <ol class="items">
            <For each=move || codes.clone() key=|(_, code)| code.clone() let:((ii, _code))>
                <ItemRow insp=insp run=run t=t.clone() gi=gi ii=ii instance=instance/>
            </For>
        </ol>
    }
}

fn help_and_basis(item: &Item, vi: bool) -> (Option<String>, String) {
    (
        item.help.as_ref().map(|h| h.get(vi).to_string()),
        item.legal_basis.clone(),
    )
}

/// One item row. Reads only its own answer (and, for conditional items,
/// whether it is shown).
#[component]
fn ItemRow(
    insp: InspectionId,
    run: ChecklistRunId,
    t: Arc<Template>,
    gi: usize,
    ii: usize,
    instance: u32,
) -> impl IntoView {
    let state = AppState::expect();
    let i18n = use_i18n();
    let lang = use_lang();
    let cctx = expect_context::<ChecklistCtx>();
    let g = &t.groups[gi];
    let item = g.items[ii].clone();
    let key = AnswerKey::new(&g.code, instance, &item.code);
    let row_id = row_dom_id(run, &key);
    let rr = expect_context::<RunRows>();
    let sig = rr.register(
        state,
        insp,
        run,
        &t,
        &key,
        item.show_if.is_some().then_some((gi, ii)),
    );
    let answer: Signal<Option<Answer>> = sig.answer.into();
    let visible: Signal<bool> = match sig.visible {
        Some(v) => v.into(),
        None => Signal::stored(true),
    };
    let has_finding = sig.finding;
    let locked = rr.locked;
    let ctx = RowCtx {
        state,
        insp,
        run,
        key: key.clone(),
        row_id: row_id.clone(),
        answer,
        locked,
        message: cctx.message,
        i18n,
    };
    let shown = {
        let item = item.clone();
        move || visible.get() && answer.with(|a| cctx.filter.get().passes(&item, a.as_ref()))
    };
    let answer_type = item.answer;
    let keyctx = ctx.clone();
    let on_key = {
        let row_id = row_id.clone();
        move |ev: leptos::ev::KeyboardEvent| {
            if ev.ctrl_key() || ev.alt_key() || ev.meta_key() || ev.is_composing() {
                return;
            }
            let key = ev.key();
            if is_text_target(&ev) {
                if key == "Escape" {
                    ev.prevent_default();
                    focus_id(&row_id);
                }
                return;
            }
            let on_radio = ev
                .target()
                .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
                .is_some_and(|i| i.type_() == "radio");
            let filter = cctx.filter.get_untracked();
            let move_by = |delta: i32| {
                let rows = shown_rows(state, insp, filter);
                if let Some(next) = neighbour(&rows, &row_id, delta) {
                    focus_id(&next);
                }
            };
            match key.as_str() {
                "1" | "2" | "3" => {
                    ev.prevent_default();
                    if keyctx.locked.get_untracked() {
                        return;
                    }
                    let before = shown_rows(state, insp, filter);
                    let after_id = neighbour(&before, &row_id, 1);
                    match (answer_type, key.as_str()) {
                        (AnswerType::Status, "1") => keyctx.set_status(ItemStatus::Dat),
                        (AnswerType::Status, "2") => keyctx.set_status(ItemStatus::KhongDat),
                        (_, "3") => keyctx.set_status(ItemStatus::KhongApDung),
                        (AnswerType::YesNo, k) => {
                            let v = k == "1";
                            keyctx.commit(|a| {
                                a.value = Some(AnswerValue::YesNo(v));
                                if a.status == ItemStatus::KhongApDung {
                                    a.status = ItemStatus::ChuaKiemTra;
                                }
                            });
                        }
                        _ => return,
                    }
                    // Under a filter the answered row may leave the list:
                    // keep the focus on the list, at the next row.
                    let row_id = row_id.clone();
                    request_animation_frame(move || {
                        if document().get_element_by_id(&row_id).is_none() {
                            if let Some(next) = after_id {
                                focus_id(&next);
                            }
                        }
                    });
                }
                "j" | "ArrowDown" if !(on_radio && key == "ArrowDown") => {
                    ev.prevent_default();
                    move_by(1);
                }
                "k" | "ArrowUp" if !(on_radio && key == "ArrowUp") => {
                    ev.prevent_default();
                    move_by(-1);
                }
                "n" => {
                    ev.prevent_default();
                    focus_id(&format!("{row_id}-note"));
                }
                _ => {}
            }
        }
    };
    let make_finding = {
        let key = StoredValue::new(key.clone());
        move |_| {
            let key = key.get_value();
            let r = state.edit_inspection(insp, move |i, lib, c, ids| {
                i.finding_from_answer(run, &key, FindingKind::HanChe, lib, ids, c)
            });
            match r {
                Ok(fid) => {
                    cctx.message.set(None);
                    request_animation_frame(move || {
                        focus_id(&format!("{}-kind", finding_dom_id(fid)));
                    });
                }
                Err(e) => cctx.message.set(Some(super::shared::error_text(i18n, &e))),
            }
        }
    };
    let status_class = move || {
        let s = answer.with(|a| a.as_ref().map(|a| a.status).unwrap_or_default());
        let answered = answer.with(|a| a.as_ref().is_some_and(|a| a.is_answered(answer_type)));
        format!(
            "item-row item-row--{}{}",
            status_code(s),
            if answered { " item-row--answered" } else { "" }
        )
    };
    let code = item.code.clone();
    let required = item.required;
    let label_text = {
        let item = item.clone();
        Signal::derive(move || item.label.get(lang.get() == Lang::Vi).to_string())
    };
    let help_text = {
        let item = item.clone();
        Signal::derive(move || help_and_basis(&item, lang.get() == Lang::Vi).0)
    };
    let basis = item.legal_basis.clone();
    let origin = item.origin.clone();
    let row_id_attr = row_id.clone();
    view! {
        <Show when=shown.clone()>
            <li id=row_id_attr.clone() class=status_class tabindex="0" data-item-row=""
                data-testid=format!("item-{}", code) data-key=key.to_string()
                aria-label=format!("{}", code)
                on:keydown=on_key.clone()>
                <div class="item-head">
                    <span class="item-code">{code.clone()}</span>
                    <span class="item-label">{label_text}</span>
                    {required.then(|| view! {
                        <span class="item-required" title=move || t_string!(i18n, inspection.required)>
                            "*"<span class="sr-only">{t!(i18n, inspection.required)}</span>
                        </span>
                    })}
                </div>
                <p class="item-basis" data-testid="item-basis">{t!(i18n, inspection.basis_binding)}" "{basis.clone()}</p>
                {origin.clone().map(|o| view! {
                    <p class="item-origin muted" data-testid="item-origin">{t!(i18n, inspection.origin_nonbinding)}" "{o}</p>
                })}
                {move || help_text.get().map(|h| view! { <p class="item-help">{h}</p> })}
                <div class="item-answer">
                    <AnswerControl ctx=ctx.clone() answer_type=answer_type/>
                </div>
                <div class="item-extra">
                    <NoteField ctx=ctx.clone()/>
                    <EvidenceField ctx=ctx.clone()/>
                </div>
                <AnswerAttachments ctx=ctx.clone()/>
                <Show when=move || answer.with(|a| a.as_ref().is_some_and(|a| a.status == ItemStatus::KhongDat))>
                    <div class="item-finding no-print">
                        {move || match has_finding.get() {
                            Some(fid) => view! {
                                <a href=format!("#{}", finding_dom_id(fid)) data-testid="finding-link"
                                    on:click=move |ev| { ev.prevent_default(); focus_id(&format!("{}-kind", finding_dom_id(fid))); }>
                                    {t!(i18n, inspection.finding_exists)}
                                </a>
                            }.into_any(),
                            None => view! {
                                <button type="button" class="btn" data-testid="make-finding"
                                    disabled=move || locked.get()
                                    on:click=make_finding>
                                    {t!(i18n, inspection.make_finding)}
                                </button>
                            }.into_any(),
                        }}
                    </div>
                </Show>
            </li>
        </Show>
    }
}

/// The visible key hint above the checklist.
#[component]
pub fn KeyHint() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <p class="key-hint no-print" data-testid="key-hint">
            <strong>{t!(i18n, inspection.keys_title)}</strong>" "
            <kbd>"1"</kbd>" "{t!(i18n, inspection.answer_dat)}" · "
            <kbd>"2"</kbd>" "{t!(i18n, inspection.answer_khong_dat)}" · "
            <kbd>"3"</kbd>" "{t!(i18n, inspection.answer_kad)}" · "
            <kbd>"j"</kbd>"/"<kbd>"↓"</kbd>" "{t!(i18n, inspection.keys_next)}" · "
            <kbd>"k"</kbd>"/"<kbd>"↑"</kbd>" "{t!(i18n, inspection.keys_prev)}" · "
            <kbd>"n"</kbd>" "{t!(i18n, inspection.keys_note)}" · "
            <kbd>"Esc"</kbd>" "{t!(i18n, inspection.keys_back)}
        </p>
    }
}

/// The filter select.
#[component]
pub fn FilterSelect() -> impl IntoView {
    let i18n = use_i18n();
    let cctx = expect_context::<ChecklistCtx>();
    let opts = move || {
        [
            (Filter::All, t_string!(i18n, inspection.filter_all)),
            (Filter::Unanswered, t_string!(i18n, inspection.filter_unanswered)),
            (Filter::KhongDat, t_string!(i18n, inspection.filter_khong_dat)),
            (Filter::RequiredMissing, t_string!(i18n, inspection.filter_required)),
        ]
        .into_iter()
        .map(|(f, l)| view! { <option value=f.code() selected=move || cctx.filter.get() == f>{l}</option> })
        .collect_view()
    };
    view! {
        <label class="field field--inline no-print">
            <span>{t!(i18n, inspection.filter_label)}</span>
            <select data-testid="filter" on:change=move |ev| cctx.filter.set(Filter::from_code(&event_target_value(&ev)))
                prop:value=move || cctx.filter.get().code()>
                {opts}
            </select>
        </label>
    }
}
