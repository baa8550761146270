//! Đoàn kiểm tra in the plan editor: teams with head, deputies and members,
//! and the composition warnings of the rules in force on the plan's date
//! (NĐ 19/2020 Điều 8, 2020 text, or as amended by NĐ 93/2025).

use super::editor::Ed;
use super::fields::{CheckField, ConfirmDelete, TextField};
use super::labels;
use crate::domain::clock::Clock;
use crate::domain::ids::{MemberId, TeamId};
use crate::domain::team::{Member, Team, TeamRules};
use crate::platform::clock::BrowserIds;
use crate::ui::i18n::{t, t_string};
use leptos::prelude::*;

/// Where a person sits on a team.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Slot {
    Head,
    Deputy(MemberId),
    Member(MemberId),
}

fn person(team: &Team, slot: Slot) -> Option<&Member> {
    match slot {
        Slot::Head => team.head.as_ref(),
        Slot::Deputy(id) => team.deputies.iter().find(|m| m.id == id),
        Slot::Member(id) => team.members.iter().find(|m| m.id == id),
    }
}

fn person_mut(team: &mut Team, slot: Slot) -> Option<&mut Member> {
    match slot {
        Slot::Head => team.head.as_mut(),
        Slot::Deputy(id) => team.deputies.iter_mut().find(|m| m.id == id),
        Slot::Member(id) => team.members.iter_mut().find(|m| m.id == id),
    }
}

fn blank() -> Member {
    Member::new(&mut BrowserIds, "", "", "")
}

/// All teams of the plan.
#[component]
pub fn TeamsSection(ed: Ed) -> impl IntoView {
    let i18n = ed.i18n;
    let ids = ed.read(|p| p.teams.iter().map(|t| t.id).collect::<Vec<_>>());
    view! {
        <section class="card editor-section" aria-labelledby="sec-teams">
            <h2 id="sec-teams">{t!(i18n, plans.sec_teams)}</h2>
            <For each=move || ids.get() key=|id| *id let:tid>
                <TeamCard ed=ed tid=tid/>
            </For>
            <button type="button" class="btn" data-testid="team-add"
                on:click=move |_| {
                    let name = t_string!(i18n, plans.new_team_name).to_string();
                    ed.apply(|p| p.teams.push(Team::new(&mut BrowserIds, name)));
                }>
                {t!(i18n, plans.add_team)}
            </button>
        </section>
    }
}

#[component]
fn TeamCard(ed: Ed, tid: TeamId) -> impl IntoView {
    let i18n = ed.i18n;
    let today = ed.state.clock().today();
    let edit_team = move |f: Box<dyn FnOnce(&mut Team)>| {
        ed.apply(|p| {
            if let Some(t) = p.teams.iter_mut().find(|t| t.id == tid) {
                f(t);
            }
        })
    };
    let rules = ed.read(move |p| Some(TeamRules::for_decision_date(p.issue_date.unwrap_or(today))));
    let warnings = Memo::new(move |_| {
        let r = rules.get().unwrap_or(TeamRules::Nd19_2020);
        ed.plan.with(|p| {
            p.as_ref()
                .and_then(|p| p.team(tid))
                .map(|t| {
                    t.warnings(r)
                        .iter()
                        .map(|w| labels::team_warning(i18n, t, w))
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    });
    let has_head = ed.read(move |p| p.team(tid).is_some_and(|t| t.head.is_some()));
    let deputies = ed.read(move |p| {
        p.team(tid)
            .map(|t| {
                t.deputies
                    .iter()
                    .map(|m| Slot::Deputy(m.id))
                    .collect::<Vec<_>>()
            })
            .unwrap_or_default()
    });
    let members = ed.read(move |p| {
        p.team(tid)
            .map(|t| {
                t.members
                    .iter()
                    .map(|m| Slot::Member(m.id))
                    .collect::<Vec<_>>()
            })
            .unwrap_or_default()
    });
    let count = ed.read(move |p| p.team(tid).map(|t| t.people().count()).unwrap_or(0));
    view! {
        <div class="team-card row-card" data-testid="team-card">
            <div class="field-row">
                <TextField label=move || t_string!(i18n, plans.f_team_name).to_string() testid="team-name"
                    value=ed.read(move |p| p.team(tid).map(|t| t.name.clone()).unwrap_or_default())
                    on_set=Callback::new(move |v: String| edit_team(Box::new(move |t| t.name = v)))/>
                <CheckField label=move || t_string!(i18n, plans.f_inter_sectoral).to_string() testid="team-inter-sectoral"
                    value=ed.read(move |p| p.team(tid).is_some_and(|t| t.inter_sectoral))
                    on_set=Callback::new(move |v: bool| edit_team(Box::new(move |t| t.inter_sectoral = v)))/>
            </div>
            <p class="muted small" data-testid="team-rules">
                {move || match rules.get() {
                    Some(TeamRules::Nd93_2025) => t_string!(i18n, plans.rules_nd93).to_string(),
                    _ => t_string!(i18n, plans.rules_nd19).to_string(),
                }}
                " " {move || labels::fill(t_string!(i18n, plans.team_count), &[("count", &count.get() as &dyn std::fmt::Display)])}
            </p>
            <Show when=move || !warnings.with(Vec::is_empty)>
                // The live region wraps the list: a role on the <ul> itself
                // would hide its list semantics from screen readers.
                <div role="status">
                    <ul class="team-warnings" data-testid="team-warnings">
                        <For each=move || warnings.get() key=|w| w.clone() let:w>
                            <li class="warning">{w}</li>
                        </For>
                    </ul>
                </div>
            </Show>
            <h3>{t!(i18n, plans.head)}</h3>
            <Show when=move || has_head.get() fallback=move || view! {
                <button type="button" class="btn" data-testid="team-add-head"
                    on:click=move |_| edit_team(Box::new(|t| t.head = Some(blank())))>
                    {t!(i18n, plans.add_head)}
                </button>
            }>
                <PersonRow ed=ed tid=tid seat=Slot::Head/>
            </Show>
            <h3>{t!(i18n, plans.deputies)}</h3>
            <For each=move || deputies.get() key=|s| *s let:slot>
                <PersonRow ed=ed tid=tid seat=slot/>
            </For>
            <button type="button" class="btn" data-testid="team-add-deputy"
                on:click=move |_| edit_team(Box::new(|t| t.deputies.push(blank())))>
                {t!(i18n, plans.add_deputy)}
            </button>
            <h3>{t!(i18n, plans.members)}</h3>
            <For each=move || members.get() key=|s| *s let:slot>
                <PersonRow ed=ed tid=tid seat=slot/>
            </For>
            <button type="button" class="btn" data-testid="team-add-member"
                on:click=move |_| edit_team(Box::new(|t| t.members.push(blank())))>
                {t!(i18n, plans.add_member)}
            </button>
            <div class="row-actions">
                <ConfirmDelete label=move || t_string!(i18n, plans.remove_team).to_string()
                    question=move || t_string!(i18n, plans.remove_question).to_string()
                    testid="team-remove"
                    on_confirm=move |_| ed.apply(|p| p.teams.retain(|t| t.id != tid))/>
            </div>
        </div>
    }
}

#[component]
fn PersonRow(ed: Ed, tid: TeamId, seat: Slot) -> impl IntoView {
    let i18n = ed.i18n;
    let read = move |f: fn(&Member) -> String| {
        ed.read(move |p| {
            p.team(tid)
                .and_then(|t| person(t, seat))
                .map(f)
                .unwrap_or_default()
        })
    };
    let read_flag = move |f: fn(&Member) -> bool| {
        ed.read(move |p| p.team(tid).and_then(|t| person(t, seat)).is_some_and(f))
    };
    let write = move |f: fn(&mut Member, String)| {
        ed.set(move |p, v: String| {
            if let Some(m) = p
                .teams
                .iter_mut()
                .find(|t| t.id == tid)
                .and_then(|t| person_mut(t, seat))
            {
                f(m, v);
            }
        })
    };
    let write_flag = move |f: fn(&mut Member, bool)| {
        ed.set(move |p, v: bool| {
            if let Some(m) = p
                .teams
                .iter_mut()
                .find(|t| t.id == tid)
                .and_then(|t| person_mut(t, seat))
            {
                f(m, v);
            }
        })
    };
    let remove = move |_: ()| {
        ed.apply(|p| {
            if let Some(t) = p.teams.iter_mut().find(|t| t.id == tid) {
                match seat {
                    Slot::Head => t.head = None,
                    Slot::Deputy(id) => t.deputies.retain(|m| m.id != id),
                    Slot::Member(id) => t.members.retain(|m| m.id != id),
                }
            }
        })
    };
    view! {
        <div class="person-row" data-testid="person-row">
            <TextField label=move || t_string!(i18n, plans.f_person_name).to_string() testid="person-name"
                value=read(|m| m.name.clone()) on_set=write(|m, v| m.name = v)/>
            <TextField label=move || t_string!(i18n, plans.f_person_position).to_string() testid="person-position"
                value=read(|m| m.position.clone()) on_set=write(|m, v| m.position = v)/>
            <TextField label=move || t_string!(i18n, plans.f_person_agency).to_string() testid="person-agency"
                value=read(|m| m.agency.clone()) on_set=write(|m, v| m.agency = v)/>
            <div class="person-flags">
                <CheckField label=move || t_string!(i18n, plans.f_conflict_declared).to_string() testid="person-conflict"
                    value=read_flag(|m| m.conflict_declared) on_set=write_flag(|m, v| m.conflict_declared = v)/>
                <CheckField label=move || t_string!(i18n, plans.f_under_discipline).to_string() testid="person-discipline"
                    value=read_flag(|m| m.under_discipline) on_set=write_flag(|m, v| m.under_discipline = v)/>
                <ConfirmDelete label=move || t_string!(i18n, plans.remove_person).to_string()
                    question=move || t_string!(i18n, plans.remove_question).to_string()
                    testid="person-remove" on_confirm=remove/>
            </div>
        </div>
    }
}
