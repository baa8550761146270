//! The plan editor ("/ke-hoach/:id"): every field of a plan, each change
//! saved at once through `AppState::edit_plan` (no save button). Lists
//! (legal bases, units, tasks, teams) live in `editor_lists` and `teams`.

use super::editor_lists::{InspectionsSection, LegalBasesSection, TasksSection, UnitsSection};
use super::fields::{CheckField, DateField, NumberField, TextField};
use super::labels::{self, entry, I18n};
use super::teams::TeamsSection;
use crate::domain::catalog::{FocusField, PlanMethod};
use crate::domain::clock::Clock;
use crate::domain::ids::{PlanId, TemplateId};
use crate::domain::plan::{FieldRef, PeriodEnd, Plan, ReviewPeriod, SigningPrefix};
use crate::domain::text::{DocNumber, DocNumberError};
use crate::domain::workdays::DateRange;
use crate::i18n::{format_money, parse_money};
use crate::state::AppState;
use crate::ui::i18n::{t, t_string, use_i18n};
use crate::ui::lang::use_lang;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

/// Applies edits to one plan and keeps the last refusal for display.
#[derive(Clone, Copy)]
pub struct Ed {
    /// App state.
    pub state: AppState,
    /// The plan.
    pub id: PlanId,
    /// Last refused change, in words.
    pub err: RwSignal<Option<String>>,
    /// For the words.
    pub i18n: I18n,
    /// The plan as stored.
    pub plan: Memo<Option<Plan>>,
}

impl Ed {
    /// Applies `f` to the plan; does nothing when `f` changes nothing.
    pub fn apply(self, f: impl FnOnce(&mut Plan)) {
        self.apply_boxed(Box::new(f));
    }

    /// [`Ed::apply`]'s body, compiled once: the copy, the comparison and the
    /// save were compiled again into each of the about 30 setters of
    /// [`Ed::set`], one per field (issue #17, size work).
    fn apply_boxed(self, f: Box<dyn FnOnce(&mut Plan) + '_>) {
        let Some(mut copy) = self.state.ws.with_untracked(|ws| ws.plan(self.id).cloned()) else {
            return;
        };
        let before = copy.clone();
        f(&mut copy);
        if copy == before {
            return;
        }
        match self.state.edit_plan(self.id, move |p| *p = copy) {
            Ok(()) => self.err.set(None),
            Err(e) => self.err.set(Some(labels::domain_error(self.i18n, &e))),
        }
    }

    /// A value read from the plan (default while it is missing).
    pub fn read<T>(self, f: impl Fn(&Plan) -> T + Send + Sync + 'static) -> Signal<T>
    where
        T: Default + Clone + Send + Sync + 'static,
    {
        let plan = self.plan;
        Signal::derive(move || plan.with(|p| p.as_ref().map(&f).unwrap_or_default()))
    }

    /// A callback that sets a value with `f`.
    pub fn set<T: Send + Sync + 'static>(
        self,
        f: impl Fn(&mut Plan, T) + Send + Sync + 'static,
    ) -> Callback<T> {
        Callback::new(move |v: T| self.apply(|p| f(p, v)))
    }
}

/// The plan editor page.
#[component]
pub fn PlanEditor() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let id = Memo::new(move |_| {
        params
            .read()
            .get("id")
            .and_then(|s| uuid::Uuid::parse_str(&s).ok())
            .map(PlanId)
    });
    let state = AppState::expect();
    let exists = Memo::new(move |_| {
        id.get()
            .filter(|id| state.ws.with(|ws| ws.plan(*id).is_some()))
    });
    view! {
        <section class="page plan-editor" data-testid="page-plan-editor">
            {move || match exists.get() {
                Some(id) => view! { <EditorBody id=id/> }.into_any(),
                None => view! {
                    <h1>{t!(i18n, plans.not_found_title)}</h1>
                    <p>{t!(i18n, plans.not_found_body)}</p>
                    <p><A href="/ke-hoach">{t!(i18n, plans.back_to_list)}</A></p>
                }.into_any(),
            }}
        </section>
    }
}

#[component]
fn EditorBody(id: PlanId) -> impl IntoView {
    let i18n = use_i18n();
    let state = AppState::expect();
    let plan = Memo::new(move |_| state.ws.with(|ws| ws.plan(id).cloned()));
    let ed = Ed {
        state,
        id,
        err: RwSignal::new(None),
        i18n,
        plan,
    };
    let heading = move || {
        plan.with(|p| p.as_ref().map(|p| labels::plan_title(i18n, p)))
            .unwrap_or_default()
    };
    view! {
        <nav class="crumbs no-print" aria-label=move || t_string!(i18n, plans.crumbs_label)>
            <A href="/ke-hoach">{t!(i18n, plans.back_to_list)}</A>
            " · "
            <A href=format!("/ke-hoach/{id}/in") attr:data-testid="plan-print-link">{t!(i18n, plans.print_link)}</A>
        </nav>
        <h1 data-testid="plan-heading">{heading}</h1>
        <p class="lead">{t!(i18n, plans.editor_lead)}</p>
        <PlanWarnings ed=ed/>
        <Show when=move || ed.err.with(Option::is_some)>
            <p class="error-text" role="alert" data-testid="plan-edit-error">{move || ed.err.get()}</p>
        </Show>
        <GeneralSection ed=ed/>
        <LegalBasesSection ed=ed/>
        <ContentSection ed=ed/>
        <UnitsSection ed=ed/>
        <TimeSection ed=ed/>
        <TeamsSection ed=ed/>
        <FundingSection ed=ed/>
        <OrganisationSection ed=ed/>
        <TasksSection ed=ed/>
        <InspectionsSection ed=ed/>
    }
}

/// The plan's warnings (late issue, overdue tasks, durations), on top.
#[component]
fn PlanWarnings(ed: Ed) -> impl IntoView {
    let i18n = ed.i18n;
    let today = ed.state.clock().today();
    let warnings = Memo::new(move |_| {
        ed.plan.with(|p| {
            p.as_ref()
                .map(|p| {
                    p.warnings(today)
                        .iter()
                        .map(|w| labels::plan_warning(i18n, p, w))
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    });
    view! {
        <Show when=move || !warnings.with(Vec::is_empty)>
            <div class="plan-warnings" role="status" data-testid="plan-warnings">
                <h2 class="sr-only">{t!(i18n, plans.warnings_title)}</h2>
                <ul>
                    <For each=move || warnings.get() key=|w| w.clone() let:w>
                        <li class="warning">{w}</li>
                    </For>
                </ul>
            </div>
        </Show>
    }
}

/// Title, kind, year, số ký hiệu, issuing body, place, date, signer.
#[component]
fn GeneralSection(ed: Ed) -> impl IntoView {
    let i18n = ed.i18n;
    view! {
        <section class="card editor-section" aria-labelledby="sec-general">
            <h2 id="sec-general">{t!(i18n, plans.sec_general)}</h2>
            <TextField label=move || t_string!(i18n, plans.f_title).to_string() testid="plan-title"
                value=ed.read(|p| p.title.clone()) on_set=ed.set(|p, v| p.title = v)
                multiline=true/>
            <div class="field-row">
                <label class="field">
                    <span>{t!(i18n, plans.f_kind)}</span>
                    <select data-testid="plan-kind"
                        prop:value=move || ed.read(|p| Some(p.kind)).get().map(labels::kind_code).unwrap_or("")
                        on:change=move |ev| {
                            if let Some(k) = labels::kind_from_code(&event_target_value(&ev)) {
                                ed.apply(|p| p.kind = k);
                            }
                        }>
                        <option value="xlvphc">{t!(i18n, plans.kind_xlvphc)}</option>
                        <option value="theo_doi_thpl">{t!(i18n, plans.kind_thpl)}</option>
                        <option value="khac">{t!(i18n, plans.kind_other)}</option>
                    </select>
                </label>
                <NumberField label=move || t_string!(i18n, plans.f_year).to_string() testid="plan-year"
                    value=ed.read(|p| u32::try_from(p.year).unwrap_or(0))
                    on_set=ed.set(|p, v: u32| {
                        if let Ok(y) = i32::try_from(v) {
                            if (1900..=9999).contains(&y) { p.year = y; }
                        }
                    })/>
                <CheckField label=move || t_string!(i18n, plans.f_yearly).to_string() testid="plan-yearly"
                    value=ed.read(|p| p.yearly) on_set=ed.set(|p, v| p.yearly = v)/>
                <label class="field">
                    <span>{t!(i18n, plans.f_issuer_level)}</span>
                    <select data-testid="plan-issuer-level"
                        prop:value=move || {
                            let l = ed.read(|p| Some(p.issuer_level)).get();
                            labels::ISSUER_LEVELS.iter().find(|(x, _)| Some(*x) == l).map(|(_, c)| *c).unwrap_or("")
                        }
                        on:change=move |ev| {
                            let v = event_target_value(&ev);
                            if let Some((l, _)) = labels::ISSUER_LEVELS.iter().find(|(_, c)| *c == v) {
                                let l = *l;
                                ed.apply(|p| p.issuer_level = l);
                            }
                        }>
                        {labels::ISSUER_LEVELS.iter().map(|(l, c)| {
                            let l = *l;
                            view! { <option value=*c>{move || labels::issuer_level(i18n, l)}</option> }
                        }).collect_view()}
                    </select>
                </label>
            </div>
            <div class="field-row">
                <DocNumberField ed=ed/>
                <DateField label=move || t_string!(i18n, plans.f_issue_date).to_string() testid="plan-issue-date"
                    value=ed.read(|p| p.issue_date) on_set=ed.set(|p, v| p.issue_date = v)/>
                <TextField label=move || t_string!(i18n, plans.f_place_name).to_string() testid="plan-place-name"
                    value=ed.read(|p| p.place_name.clone()) on_set=ed.set(|p, v| p.place_name = v)
                    placeholder=move || t_string!(i18n, plans.ph_place_name).to_string()/>
            </div>
            <fieldset class="subfields">
                <legend>{t!(i18n, plans.f_issuer)}</legend>
                <div class="field-row">
                    <TextField label=move || t_string!(i18n, plans.f_issuer_upper).to_string() testid="plan-issuer-upper"
                        value=ed.read(|p| p.issuer.upper.clone()) on_set=ed.set(|p, v| p.issuer.upper = v)
                        placeholder=move || t_string!(i18n, plans.ph_issuer_upper).to_string()/>
                    <TextField label=move || t_string!(i18n, plans.f_issuer_lower).to_string() testid="plan-issuer-lower"
                        value=ed.read(|p| p.issuer.lower.clone()) on_set=ed.set(|p, v| p.issuer.lower = v)
                        placeholder=move || t_string!(i18n, plans.ph_issuer_lower).to_string()/>
                </div>
            </fieldset>
            <fieldset class="subfields">
                <legend>{t!(i18n, plans.f_signer)}</legend>
                <div class="field-row">
                    <label class="field">
                        <span>{t!(i18n, plans.f_signer_prefix)}</span>
                        <select data-testid="plan-signer-prefix"
                            prop:value=move || match ed.read(|p| p.signer.prefix.clone()).get() {
                                SigningPrefix::Tm => "tm", SigningPrefix::Kt => "kt", _ => "none",
                            }
                            on:change=move |ev| {
                                let v = event_target_value(&ev);
                                let prefix = match v.as_str() { "tm" => SigningPrefix::Tm, "kt" => SigningPrefix::Kt, _ => SigningPrefix::None };
                                ed.apply(|p| p.signer.prefix = prefix);
                            }>
                            <option value="none">{t!(i18n, plans.prefix_none)}</option>
                            <option value="tm">{t!(i18n, plans.prefix_tm)}</option>
                            <option value="kt">{t!(i18n, plans.prefix_kt)}</option>
                        </select>
                    </label>
                    <TextField label=move || t_string!(i18n, plans.f_signer_on_behalf).to_string() testid="plan-signer-on-behalf"
                        value=ed.read(|p| p.signer.on_behalf_of.clone()) on_set=ed.set(|p, v| p.signer.on_behalf_of = v)
                        placeholder=move || t_string!(i18n, plans.ph_on_behalf).to_string()/>
                    <TextField label=move || t_string!(i18n, plans.f_signer_position).to_string() testid="plan-signer-position"
                        value=ed.read(|p| p.signer.position.clone()) on_set=ed.set(|p, v| p.signer.position = v)
                        placeholder=move || t_string!(i18n, plans.ph_position).to_string()/>
                    <TextField label=move || t_string!(i18n, plans.f_signer_name).to_string() testid="plan-signer-name"
                        value=ed.read(|p| p.signer.name.clone()) on_set=ed.set(|p, v| p.signer.name = v)/>
                </div>
            </fieldset>
        </section>
    }
}

/// Số, ký hiệu: the typed text stays as typed; a valid number is saved, an
/// invalid one is explained and not saved.
#[component]
fn DocNumberField(ed: Ed) -> impl IntoView {
    let i18n = ed.i18n;
    let initial = ed
        .plan
        .with_untracked(|p| {
            p.as_ref()
                .and_then(|p| p.number.as_ref())
                .map(ToString::to_string)
        })
        .unwrap_or_default();
    let raw = RwSignal::new(initial);
    let error = RwSignal::new(None::<DocNumberError>);
    let on_input = move |ev: leptos::ev::Event| {
        let text = event_target_value(&ev);
        raw.set(text.clone());
        if text.trim().is_empty() {
            error.set(None);
            ed.apply(|p| p.number = None);
            return;
        }
        match DocNumber::parse(&text) {
            Ok(n) => {
                error.set(None);
                ed.apply(|p| p.number = Some(n));
            }
            Err(e) => {
                error.set(Some(e));
                ed.apply(|p| p.number = None);
            }
        }
    };
    view! {
        <label class="field">
            <span>{t!(i18n, plans.f_number)}</span>
            <input type="text" data-testid="plan-number" spellcheck="false" autocomplete="off"
                placeholder=move || t_string!(i18n, plans.ph_number)
                aria-invalid=move || error.with(Option::is_some).to_string()
                aria-describedby="plan-number-help"
                prop:value=move || raw.get() on:input=on_input/>
            <span id="plan-number-help" class="field-help">
                {move || match error.get() {
                    Some(e) => view! {
                        <span class="error-text" data-testid="plan-number-error">
                            {labels::doc_number_error(i18n, &e)} " " {t!(i18n, plans.num_not_saved)}
                        </span>
                    }.into_any(),
                    None => view! { <span class="muted">{t!(i18n, plans.num_help)}</span> }.into_any(),
                }}
            </span>
        </label>
    }
}

/// Purpose, requirements, field, scope, method, checklist templates.
#[component]
fn ContentSection(ed: Ed) -> impl IntoView {
    let i18n = ed.i18n;
    let lang = use_lang();
    let field_code = ed.read(|p| match &p.field {
        None => String::new(),
        Some(FieldRef::Focus(f)) => f.code().to_string(),
        Some(FieldRef::Other(_)) => String::from("other"),
    });
    let on_field = move |ev: leptos::ev::Event| {
        let v = event_target_value(&ev);
        ed.apply(|p| {
            p.field = match v.as_str() {
                "" => None,
                "other" => match p.field.take() {
                    Some(FieldRef::Other(s)) => Some(FieldRef::Other(s)),
                    _ => Some(FieldRef::Other(String::new())),
                },
                code => FocusField::from_code(code).map(FieldRef::Focus),
            }
        });
    };
    let state = ed.state;
    let templates = Memo::new(move |_| {
        state.ws.with(|ws| {
            let lib = ws.templates();
            lib.ids()
                .filter_map(|id| lib.latest(id).map(|t| (id.clone(), t.title.clone())))
                .collect::<Vec<_>>()
        })
    });
    view! {
        <section class="card editor-section" aria-labelledby="sec-content">
            <h2 id="sec-content">{t!(i18n, plans.sec_content)}</h2>
            <TextField label=move || t_string!(i18n, plans.f_purpose).to_string() testid="plan-purpose"
                value=ed.read(|p| p.purpose.clone()) on_set=ed.set(|p, v| p.purpose = v) multiline=true/>
            <TextField label=move || t_string!(i18n, plans.f_requirements).to_string() testid="plan-requirements"
                value=ed.read(|p| p.requirements.clone()) on_set=ed.set(|p, v| p.requirements = v) multiline=true/>
            <div class="field-row">
                <label class="field">
                    <span>{t!(i18n, plans.f_method)}</span>
                    <select data-testid="plan-method"
                        prop:value=move || ed.read(|p| p.method.map(|m| m.code().to_string())).get().unwrap_or_default()
                        on:change=move |ev| {
                            let m = PlanMethod::from_code(&event_target_value(&ev));
                            ed.apply(|p| p.method = m);
                        }>
                        <option value="">{t!(i18n, plans.not_set)}</option>
                        {PlanMethod::ALL.iter().map(|m| {
                            let m = *m;
                            view! { <option value=m.code()>{move || entry(m.entry(), lang.get())}</option> }
                        }).collect_view()}
                    </select>
                </label>
                <label class="field">
                    <span>{t!(i18n, plans.f_field)}</span>
                    <select data-testid="plan-field" prop:value=move || field_code.get() on:change=on_field>
                        <option value="">{t!(i18n, plans.not_set)}</option>
                        {FocusField::ALL.iter().map(|f| {
                            let f = *f;
                            view! { <option value=f.code()>{move || entry(f.entry(), lang.get())}</option> }
                        }).collect_view()}
                        <option value="other">{t!(i18n, plans.field_other)}</option>
                    </select>
                </label>
            </div>
            <p class="muted small">{t!(i18n, plans.field_help)}</p>
            <Show when=move || field_code.get() == "other">
                <TextField label=move || t_string!(i18n, plans.f_field_other).to_string() testid="plan-field-other"
                    value=ed.read(|p| match &p.field { Some(FieldRef::Other(s)) => s.clone(), _ => String::new() })
                    on_set=ed.set(|p, v| p.field = Some(FieldRef::Other(v)))/>
            </Show>
            <TextField label=move || t_string!(i18n, plans.f_scope).to_string() testid="plan-scope"
                value=ed.read(|p| p.scope.clone()) on_set=ed.set(|p, v| p.scope = v) multiline=true/>
            <fieldset class="subfields">
                <legend>{t!(i18n, plans.f_templates)}</legend>
                <For each=move || templates.get() key=|(id, _)| id.clone() let:tpl>
                    {
                        let (tid, title) = tpl;
                        let tid2 = tid.clone();
                        let tid3 = tid.clone();
                        let checked = ed.read(move |p| p.template_ids.contains(&tid2));
                        view! {
                            <label class="check">
                                <input type="checkbox" data-testid=format!("plan-template-{tid}")
                                    prop:checked=move || checked.get()
                                    on:change=move |ev| {
                                        let on = event_target_checked(&ev);
                                        let id: TemplateId = tid3.clone();
                                        ed.apply(|p| {
                                            p.template_ids.retain(|x| *x != id);
                                            if on { p.template_ids.push(id); }
                                        });
                                    }/>
                                <span>{move || title.get(lang.get() == crate::i18n::Lang::Vi).to_string()}
                                    " "<span class="muted small">"(" {tid.to_string()} ")"</span></span>
                            </label>
                        }
                    }
                </For>
            </fieldset>
        </section>
    }
}

/// Place, inspection window, review period, durations, unit report days.
#[component]
fn TimeSection(ed: Ed) -> impl IntoView {
    let i18n = ed.i18n;
    let window0 = ed
        .plan
        .with_untracked(|p| p.as_ref().and_then(|p| p.inspection_window));
    let w_from = RwSignal::new(window0.map(|w| w.from));
    let w_to = RwSignal::new(window0.map(|w| w.to));
    let w_bad = RwSignal::new(false);
    let sync_window = move || {
        let (a, b) = (w_from.get_untracked(), w_to.get_untracked());
        match (a, b) {
            (Some(a), Some(b)) => match DateRange::new(a, b) {
                Some(r) => {
                    w_bad.set(false);
                    ed.apply(|p| p.inspection_window = Some(r));
                }
                None => w_bad.set(true),
            },
            _ => {
                w_bad.set(false);
                ed.apply(|p| p.inspection_window = None);
            }
        }
    };
    let period0 = ed
        .plan
        .with_untracked(|p| p.as_ref().and_then(|p| p.review_period));
    let r_from = RwSignal::new(period0.map(|r| r.from));
    let r_to = RwSignal::new(period0.and_then(|r| match r.to {
        PeriodEnd::Date(d) => Some(d),
        PeriodEnd::InspectionDate => None,
    }));
    let r_until_insp = RwSignal::new(period0.is_some_and(|r| r.to == PeriodEnd::InspectionDate));
    let r_bad = RwSignal::new(false);
    let sync_period = move || {
        let from = r_from.get_untracked();
        let to = if r_until_insp.get_untracked() {
            Some(PeriodEnd::InspectionDate)
        } else {
            r_to.get_untracked().map(PeriodEnd::Date)
        };
        match (from, to) {
            (Some(from), Some(to)) => {
                if let PeriodEnd::Date(d) = to {
                    if d < from {
                        r_bad.set(true);
                        return;
                    }
                }
                r_bad.set(false);
                ed.apply(|p| p.review_period = Some(ReviewPeriod { from, to }));
            }
            _ => {
                r_bad.set(false);
                ed.apply(|p| p.review_period = None);
            }
        }
    };
    view! {
        <section class="card editor-section" aria-labelledby="sec-time">
            <h2 id="sec-time">{t!(i18n, plans.sec_time)}</h2>
            <TextField label=move || t_string!(i18n, plans.f_place_of_inspection).to_string() testid="plan-place-of-inspection"
                value=ed.read(|p| p.place_of_inspection.clone()) on_set=ed.set(|p, v| p.place_of_inspection = v)/>
            <fieldset class="subfields">
                <legend>{t!(i18n, plans.f_window)}</legend>
                <div class="field-row">
                    <DateField label=move || t_string!(i18n, plans.f_from).to_string() testid="plan-window-from"
                        value=Signal::derive(move || w_from.get())
                        on_set=Callback::new(move |v| { w_from.set(v); sync_window(); })/>
                    <DateField label=move || t_string!(i18n, plans.f_to).to_string() testid="plan-window-to"
                        value=Signal::derive(move || w_to.get())
                        on_set=Callback::new(move |v| { w_to.set(v); sync_window(); })/>
                </div>
                <Show when=move || w_bad.get()>
                    <p class="error-text" role="alert">{t!(i18n, plans.range_reversed)}</p>
                </Show>
            </fieldset>
            <fieldset class="subfields">
                <legend>{t!(i18n, plans.f_review_period)}</legend>
                <div class="field-row">
                    <DateField label=move || t_string!(i18n, plans.f_from).to_string() testid="plan-period-from"
                        value=Signal::derive(move || r_from.get())
                        on_set=Callback::new(move |v| { r_from.set(v); sync_period(); })/>
                    <Show when=move || !r_until_insp.get()>
                        <DateField label=move || t_string!(i18n, plans.f_to).to_string() testid="plan-period-to"
                            value=Signal::derive(move || r_to.get())
                            on_set=Callback::new(move |v| { r_to.set(v); sync_period(); })/>
                    </Show>
                </div>
                <CheckField label=move || t_string!(i18n, plans.f_until_inspection).to_string() testid="plan-period-until"
                    value=Signal::derive(move || r_until_insp.get())
                    on_set=Callback::new(move |v| { r_until_insp.set(v); sync_period(); })/>
                <Show when=move || r_bad.get()>
                    <p class="error-text" role="alert">{t!(i18n, plans.range_reversed)}</p>
                </Show>
            </fieldset>
            <div class="field-row">
                <NumberField label=move || t_string!(i18n, plans.f_duration).to_string() testid="plan-duration"
                    value=ed.read(|p| p.duration_working_days) on_set=ed.set(|p, v| p.duration_working_days = v)/>
                <NumberField label=move || t_string!(i18n, plans.f_extension).to_string() testid="plan-extension"
                    value=ed.read(|p| p.extension_working_days) on_set=ed.set(|p, v| p.extension_working_days = v)/>
                <NumberField label=move || t_string!(i18n, plans.f_unit_report_days).to_string() testid="plan-unit-report-days"
                    value=ed.read(|p| p.unit_report_days_before) on_set=ed.set(|p, v| p.unit_report_days_before = v)/>
            </div>
            <p class="muted small">{t!(i18n, plans.time_help)}</p>
        </section>
    }
}

/// Funding: amount in đồng and source.
#[component]
fn FundingSection(ed: Ed) -> impl IntoView {
    let i18n = ed.i18n;
    let initial = ed
        .plan
        .with_untracked(|p| p.as_ref().and_then(|p| p.funding.amount_dong))
        .map(|a| format_money(i64::try_from(a).unwrap_or(i64::MAX)))
        .unwrap_or_default();
    let raw = RwSignal::new(initial);
    let bad = RwSignal::new(false);
    let amount = ed.read(|p| p.funding.amount_dong);
    let on_input = move |ev: leptos::ev::Event| {
        let text = event_target_value(&ev);
        raw.set(text.clone());
        if text.trim().is_empty() {
            bad.set(false);
            ed.apply(|p| p.funding.amount_dong = None);
            return;
        }
        match parse_money(&text).and_then(|m| u64::try_from(m).ok()) {
            Some(m) => {
                bad.set(false);
                ed.apply(|p| p.funding.amount_dong = Some(m));
            }
            None => bad.set(true),
        }
    };
    let on_blur = move |_| {
        if let (false, Some(a)) = (bad.get_untracked(), amount.get_untracked()) {
            raw.set(format_money(i64::try_from(a).unwrap_or(i64::MAX)));
        }
    };
    view! {
        <section class="card editor-section" aria-labelledby="sec-funding">
            <h2 id="sec-funding">{t!(i18n, plans.sec_funding)}</h2>
            <div class="field-row">
                <label class="field">
                    <span>{t!(i18n, plans.f_amount)}</span>
                    <input type="text" inputmode="numeric" data-testid="plan-funding-amount"
                        placeholder="1.000.000 đ"
                        aria-invalid=move || bad.get().to_string()
                        prop:value=move || raw.get() on:input=on_input on:blur=on_blur/>
                    {move || if bad.get() {
                        view! { <span class="error-text" role="alert">{t!(i18n, plans.amount_invalid)}</span> }.into_any()
                    } else {
                        view! { <span class="muted" data-testid="plan-funding-formatted">
                            {amount.get().map(|a| format_money(i64::try_from(a).unwrap_or(i64::MAX))).unwrap_or_default()}
                        </span> }.into_any()
                    }}
                </label>
                <TextField label=move || t_string!(i18n, plans.f_funding_source).to_string() testid="plan-funding-source"
                    value=ed.read(|p| p.funding.source.clone()) on_set=ed.set(|p, v| p.funding.source = v)/>
            </div>
        </section>
    }
}

/// Lines of a text area, kept exactly as typed (blank lines are skipped
/// when printing).
pub fn lines(v: &str) -> Vec<String> {
    if v.is_empty() {
        Vec::new()
    } else {
        v.split('\n').map(String::from).collect()
    }
}

/// Organisation: lead and coordinating units.
#[component]
fn OrganisationSection(ed: Ed) -> impl IntoView {
    let i18n = ed.i18n;
    view! {
        <section class="card editor-section" aria-labelledby="sec-org">
            <h2 id="sec-org">{t!(i18n, plans.sec_organisation)}</h2>
            <div class="field-row">
                <TextField label=move || t_string!(i18n, plans.f_lead_unit).to_string() testid="plan-lead-unit"
                    value=ed.read(|p| p.organisation.lead_unit.clone()) on_set=ed.set(|p, v| p.organisation.lead_unit = v)/>
                <TextField label=move || t_string!(i18n, plans.f_coordinating_units).to_string() testid="plan-coordinating-units"
                    value=ed.read(|p| p.organisation.coordinating_units.join("\n"))
                    on_set=ed.set(|p, v: String| p.organisation.coordinating_units = lines(&v))
                    multiline=true placeholder=move || t_string!(i18n, plans.ph_one_per_line).to_string()/>
            </div>
        </section>
    }
}
