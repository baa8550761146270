//! List parts of the plan editor: legal bases, inspected units (with
//! "Tạo cuộc kiểm tra"), tasks and the inspections created from the plan.

use super::editor::{lines, Ed};
use super::fields::{ConfirmDelete, DateField, TextField};
use super::labels::{self, entry};
use crate::domain::catalog::UnitLevel;
use crate::domain::clock::Clock;
use crate::domain::ids::{TaskId, TeamId, UnitId};
use crate::domain::plan::{InspectedUnit, LegalBasis, PlanTask, TaskProgress};
use crate::platform::clock::BrowserIds;
use crate::ui::i18n::{t, t_string};
use crate::ui::lang::use_lang;
use leptos::prelude::*;
use leptos_router::components::A;

/// Căn cứ: the legal texts the plan rests on.
#[component]
pub fn LegalBasesSection(ed: Ed) -> impl IntoView {
    let i18n = ed.i18n;
    let count = ed.read(|p| p.legal_bases.len());
    let field = move |i: usize, get: fn(&LegalBasis) -> String| {
        ed.read(move |p| p.legal_bases.get(i).map(get).unwrap_or_default())
    };
    let set = move |i: usize, put: fn(&mut LegalBasis, String)| {
        ed.set(move |p, v: String| {
            if let Some(b) = p.legal_bases.get_mut(i) {
                put(b, v);
            }
        })
    };
    view! {
        <section class="card editor-section" aria-labelledby="sec-bases">
            <h2 id="sec-bases">{t!(i18n, plans.sec_bases)}</h2>
            <p class="muted small">{t!(i18n, plans.bases_help)}</p>
            <ol class="rows">
                <For each=move || 0..count.get() key=|i| *i let:i>
                    <li class="row-card" data-testid="basis-row">
                        <div class="field-row">
                            <TextField label=move || t_string!(i18n, plans.f_basis_type).to_string() testid="basis-type"
                                value=field(i, |b| b.doc_type.clone()) on_set=set(i, |b, v| b.doc_type = v)
                                placeholder=move || t_string!(i18n, plans.ph_basis_type).to_string()/>
                            <TextField label=move || t_string!(i18n, plans.f_basis_number).to_string() testid="basis-number"
                                value=field(i, |b| b.number.clone()) on_set=set(i, |b, v| b.number = v)/>
                            <DateField label=move || t_string!(i18n, plans.f_basis_date).to_string() testid="basis-date"
                                value=ed.read(move |p| p.legal_bases.get(i).and_then(|b| b.date))
                                on_set=ed.set(move |p, v| if let Some(b) = p.legal_bases.get_mut(i) { b.date = v; })/>
                            <TextField label=move || t_string!(i18n, plans.f_basis_issuer).to_string() testid="basis-issuer"
                                value=field(i, |b| b.issuer.clone()) on_set=set(i, |b, v| b.issuer = v)/>
                        </div>
                        <TextField label=move || t_string!(i18n, plans.f_basis_summary).to_string() testid="basis-summary"
                            value=field(i, |b| b.summary.clone()) on_set=set(i, |b, v| b.summary = v)/>
                        <ConfirmDelete label=move || t_string!(i18n, plans.remove_basis).to_string()
                            question=move || t_string!(i18n, plans.remove_question).to_string()
                            testid="basis-remove"
                            on_confirm=move |_| ed.apply(|p| { if i < p.legal_bases.len() { p.legal_bases.remove(i); } })/>
                    </li>
                </For>
            </ol>
            <button type="button" class="btn" data-testid="basis-add"
                on:click=move |_| ed.apply(|p| p.legal_bases.push(LegalBasis::default()))>
                {t!(i18n, plans.add_basis)}
            </button>
        </section>
    }
}

/// Đối tượng được kiểm tra, each with "Tạo cuộc kiểm tra".
#[component]
pub fn UnitsSection(ed: Ed) -> impl IntoView {
    let i18n = ed.i18n;
    let ids = ed.read(|p| p.inspected_units.iter().map(|u| u.id).collect::<Vec<_>>());
    view! {
        <section class="card editor-section" aria-labelledby="sec-units">
            <h2 id="sec-units">{t!(i18n, plans.sec_units)}</h2>
            <ol class="rows">
                <For each=move || ids.get() key=|id| *id let:uid>
                    <UnitRow ed=ed uid=uid/>
                </For>
            </ol>
            <button type="button" class="btn" data-testid="unit-add"
                on:click=move |_| ed.apply(|p| p.inspected_units.push(InspectedUnit {
                    id: UnitId::generate(&mut BrowserIds),
                    name: String::new(),
                    level: UnitLevel::QuanHuyen,
                    address: String::new(),
                }))>
                {t!(i18n, plans.add_unit)}
            </button>
        </section>
    }
}

#[component]
fn UnitRow(ed: Ed, uid: UnitId) -> impl IntoView {
    let i18n = ed.i18n;
    let lang = use_lang();
    let with_unit = move |f: fn(&mut InspectedUnit, String)| {
        ed.set(move |p, v: String| {
            if let Some(u) = p.inspected_units.iter_mut().find(|u| u.id == uid) {
                f(u, v);
            }
        })
    };
    let level = ed.read(move |p| {
        p.unit(uid)
            .map(|u| u.level.code().to_string())
            .unwrap_or_default()
    });
    let teams = ed.read(|p| {
        p.teams
            .iter()
            .map(|t| (t.id, t.name.clone()))
            .collect::<Vec<_>>()
    });
    let team_choice = RwSignal::new(String::new());
    // The first team until the user picks another (or none).
    let chosen = Signal::derive(move || {
        let c = team_choice.get();
        if c.is_empty() {
            teams
                .get()
                .first()
                .map_or_else(|| String::from("none"), |(id, _)| id.to_string())
        } else {
            c
        }
    });
    let created = RwSignal::new(None::<String>);
    let state = ed.state;
    let create = move |_| {
        let choice = team_choice.get_untracked();
        let team: Option<TeamId> = match choice.as_str() {
            "none" => None,
            "" => teams.get_untracked().first().map(|(id, _)| *id),
            s => uuid::Uuid::parse_str(s).ok().map(TeamId),
        };
        match state.create_inspection(ed.id, uid, team) {
            Ok(iid) => {
                ed.err.set(None);
                created.set(Some(iid.to_string()));
            }
            Err(e) => ed.err.set(Some(labels::domain_error(i18n, &e))),
        }
    };
    view! {
        <li class="row-card" data-testid="unit-row">
            <div class="field-row">
                <TextField label=move || t_string!(i18n, plans.f_unit_name).to_string() testid="unit-name"
                    value=ed.read(move |p| p.unit(uid).map(|u| u.name.clone()).unwrap_or_default())
                    on_set=with_unit(|u, v| u.name = v)/>
                <label class="field">
                    <span>{t!(i18n, plans.f_unit_level)}</span>
                    <select data-testid="unit-level" prop:value=move || level.get()
                        on:change=move |ev| {
                            if let Some(l) = UnitLevel::from_code(&event_target_value(&ev)) {
                                ed.apply(|p| if let Some(u) = p.inspected_units.iter_mut().find(|u| u.id == uid) { u.level = l; });
                            }
                        }>
                        {UnitLevel::ALL.iter().map(|l| {
                            let l = *l;
                            view! { <option value=l.code()>{move || entry(l.entry(), lang.get())}</option> }
                        }).collect_view()}
                    </select>
                </label>
                <TextField label=move || t_string!(i18n, plans.f_unit_address).to_string() testid="unit-address"
                    value=ed.read(move |p| p.unit(uid).map(|u| u.address.clone()).unwrap_or_default())
                    on_set=with_unit(|u, v| u.address = v)/>
            </div>
            <div class="row-actions">
                <label class="field inline">
                    <span>{t!(i18n, plans.f_inspection_team)}</span>
                    <select data-testid="unit-team" prop:value=move || chosen.get()
                        on:change=move |ev| team_choice.set(event_target_value(&ev))>
                        <For each=move || teams.get() key=|(id, n)| (*id, n.clone()) let:team>
                            {
                                let value = team.0.to_string();
                                let value2 = value.clone();
                                view! {
                                    <option value=value prop:selected=move || chosen.get() == value2>{
                                        if team.1.trim().is_empty() { t_string!(i18n, plans.unnamed_team).to_string() } else { team.1.clone() }
                                    }</option>
                                }
                            }
                        </For>
                        <option value="none" prop:selected=move || chosen.get() == "none">{t!(i18n, plans.no_team)}</option>
                    </select>
                </label>
                <button type="button" class="btn btn--primary" data-testid="unit-create-inspection" on:click=create>
                    {t!(i18n, plans.create_inspection)}
                </button>
                {move || created.get().map(|iid| view! {
                    <A href=format!("/kiem-tra/{iid}") attr:data-testid="unit-inspection-created">
                        {t!(i18n, plans.open_created_inspection)}
                    </A>
                })}
                <ConfirmDelete label=move || t_string!(i18n, plans.remove_unit).to_string()
                    question=move || t_string!(i18n, plans.remove_question).to_string()
                    testid="unit-remove"
                    on_confirm=move |_| ed.apply(|p| p.inspected_units.retain(|u| u.id != uid))/>
            </div>
        </li>
    }
}

/// Nhiệm vụ: content, lead, coordinating units, deadline, progress.
#[component]
pub fn TasksSection(ed: Ed) -> impl IntoView {
    let i18n = ed.i18n;
    let ids = ed.read(|p| p.tasks.iter().map(|t| t.id).collect::<Vec<_>>());
    view! {
        <section class="card editor-section" aria-labelledby="sec-tasks">
            <h2 id="sec-tasks">{t!(i18n, plans.sec_tasks)}</h2>
            <ol class="rows">
                <For each=move || ids.get() key=|id| *id let:tid>
                    <TaskRow ed=ed tid=tid/>
                </For>
            </ol>
            <button type="button" class="btn" data-testid="task-add"
                on:click=move |_| ed.apply(|p| p.tasks.push(PlanTask {
                    id: TaskId::generate(&mut BrowserIds),
                    content: String::new(),
                    lead_unit: String::new(),
                    coordinating_units: Vec::new(),
                    deadline: None,
                    progress: TaskProgress::ChuaBatDau,
                }))>
                {t!(i18n, plans.add_task)}
            </button>
        </section>
    }
}

#[component]
fn TaskRow(ed: Ed, tid: TaskId) -> impl IntoView {
    let i18n = ed.i18n;
    let today = ed.state.clock().today();
    let with_task = move |f: fn(&mut PlanTask, String)| {
        ed.set(move |p, v: String| {
            if let Some(t) = p.tasks.iter_mut().find(|t| t.id == tid) {
                f(t, v);
            }
        })
    };
    let read = move |f: fn(&PlanTask) -> String| {
        ed.read(move |p| {
            p.tasks
                .iter()
                .find(|t| t.id == tid)
                .map(f)
                .unwrap_or_default()
        })
    };
    let status = ed.read(move |p| {
        p.tasks
            .iter()
            .find(|t| t.id == tid)
            .map(|t| t.status(today))
    });
    let progress = read(|t| match t.progress {
        TaskProgress::ChuaBatDau => "chua_bat_dau".into(),
        TaskProgress::DangThucHien => "dang_thuc_hien".into(),
        TaskProgress::HoanThanh => "hoan_thanh".into(),
    });
    view! {
        <li class="row-card" data-testid="task-row">
            <TextField label=move || t_string!(i18n, plans.f_task_content).to_string() testid="task-content"
                value=read(|t| t.content.clone()) on_set=with_task(|t, v| t.content = v) multiline=true/>
            <div class="field-row">
                <TextField label=move || t_string!(i18n, plans.f_task_lead).to_string() testid="task-lead"
                    value=read(|t| t.lead_unit.clone()) on_set=with_task(|t, v| t.lead_unit = v)/>
                <TextField label=move || t_string!(i18n, plans.f_task_coordinating).to_string() testid="task-coordinating"
                    value=read(|t| t.coordinating_units.join("\n"))
                    on_set=with_task(|t, v| t.coordinating_units = lines(&v)) multiline=true
                    placeholder=move || t_string!(i18n, plans.ph_one_per_line).to_string()/>
                <DateField label=move || t_string!(i18n, plans.f_task_deadline).to_string() testid="task-deadline"
                    value=ed.read(move |p| p.tasks.iter().find(|t| t.id == tid).and_then(|t| t.deadline))
                    on_set=ed.set(move |p, v| if let Some(t) = p.tasks.iter_mut().find(|t| t.id == tid) { t.deadline = v; })/>
                <label class="field">
                    <span>{t!(i18n, plans.f_task_progress)}</span>
                    <select data-testid="task-progress" prop:value=move || progress.get()
                        on:change=move |ev| {
                            let pr = match event_target_value(&ev).as_str() {
                                "dang_thuc_hien" => TaskProgress::DangThucHien,
                                "hoan_thanh" => TaskProgress::HoanThanh,
                                _ => TaskProgress::ChuaBatDau,
                            };
                            ed.apply(|p| if let Some(t) = p.tasks.iter_mut().find(|t| t.id == tid) { t.progress = pr; });
                        }>
                        <option value="chua_bat_dau">{t!(i18n, plans.task_not_started)}</option>
                        <option value="dang_thuc_hien">{t!(i18n, plans.task_in_progress)}</option>
                        <option value="hoan_thanh">{t!(i18n, plans.task_done)}</option>
                    </select>
                </label>
            </div>
            <div class="row-actions">
                <span class="task-status" data-testid="task-status">
                    {t!(i18n, plans.task_status_label)} " "
                    <strong class=move || format!("status-{:?}", status.get()).to_lowercase()>
                        {move || status.get().map(|s| labels::task_status(i18n, s)).unwrap_or_default()}
                    </strong>
                </span>
                <ConfirmDelete label=move || t_string!(i18n, plans.remove_task).to_string()
                    question=move || t_string!(i18n, plans.remove_question).to_string()
                    testid="task-remove"
                    on_confirm=move |_| ed.apply(|p| p.tasks.retain(|t| t.id != tid))/>
            </div>
        </li>
    }
}

/// Inspections created from this plan, linked to their pages.
#[component]
pub fn InspectionsSection(ed: Ed) -> impl IntoView {
    let i18n = ed.i18n;
    let state = ed.state;
    let rows = Memo::new(move |_| {
        state.ws.with(|ws| {
            let plan = ws.plan(ed.id);
            ws.inspections_of_plan(ed.id)
                .into_iter()
                .map(|i| {
                    let unit = plan
                        .and_then(|p| p.unit(i.unit_id()))
                        .map(|u| u.name.clone())
                        .unwrap_or_default();
                    let team = plan
                        .zip(i.team_id())
                        .and_then(|(p, t)| p.team(t))
                        .map(|t| t.name.clone())
                        .unwrap_or_default();
                    (i.id(), unit, team, i.status())
                })
                .collect::<Vec<_>>()
        })
    });
    view! {
        <section class="card editor-section" aria-labelledby="sec-inspections">
            <h2 id="sec-inspections">{t!(i18n, plans.sec_inspections)}</h2>
            <Show when=move || !rows.with(Vec::is_empty) fallback=move || view! {
                <p class="muted">{t!(i18n, plans.no_inspections)}</p>
            }>
                <ul class="inspection-links">
                    <For each=move || rows.get() key=|r| r.clone() let:r>
                        <li>
                            <A href=format!("/kiem-tra/{}", r.0) attr:data-testid="plan-inspection-link">
                                {if r.1.trim().is_empty() { t_string!(i18n, plans.unnamed_unit).to_string() } else { r.1.clone() }}
                            </A>
                            " — " {r.2.clone()} " — "
                            <span class="muted">{move || labels::inspection_status(i18n, r.3)}</span>
                        </li>
                    </For>
                </ul>
            </Show>
        </section>
    }
}
