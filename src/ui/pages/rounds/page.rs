//! "/tong-hop/:id": one reporting round. The page holds what its sections
//! share (the units chosen for a letter, which document is being printed)
//! and lays the sections out in working order.

use super::charts::ChartsSection;
use super::consolidated::ConsolidatedSection;
use super::keys::KeysSection;
use super::letters::LettersSection;
use super::receive::ReceiveSection;
use super::status::StatusSection;
use super::thpl::{ThplReportSection, ThplTotalsSection};
use super::totals::TotalsSection;
use super::units::UnitsSection;
use crate::domain::ids::RoundId;
use crate::i18n::{format_date, parse_date};
use crate::report::round::Round;
use crate::state::AppState;
use crate::ui::i18n::{t, use_i18n};
use crate::ui::pages::reports::common::{period_line, regime_name};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

/// Which document the print button prints (the rest of the page is hidden
/// on paper).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PrintTarget {
    /// The urging letters just made.
    Letters,
    /// The consolidated report.
    Report,
}

/// What the round's sections share.
#[derive(Clone, Copy)]
pub struct RoundCtx {
    /// The round's id.
    pub id: RoundId,
    /// The round.
    pub round: Memo<Option<Round>>,
    /// Units chosen in the status table for an urging letter.
    pub chosen: RwSignal<Vec<String>>,
    /// The document to print.
    pub print: RwSignal<Option<PrintTarget>>,
}

/// The round page.
#[component]
pub fn RoundPage() -> impl IntoView {
    let i18n = use_i18n();
    let state = AppState::expect();
    let params = use_params_map();
    let id = move || {
        params.with(|p| {
            p.get("id")
                .and_then(|s| s.parse::<uuid::Uuid>().ok())
                .map(RoundId)
        })
    };
    // Only a round appearing or going re-renders the page, not every edit.
    let exists = Memo::new(move |_| id().filter(|id| state.rounds.with(|m| m.contains_key(id))));
    view! {
        {move || match exists.get() {
            Some(id) => {
                view! { <RoundBody id=id/> }.into_any()
            }
            _ => view! {
                <section class="page" data-testid="page-round">
                    <p><A href="/tong-hop">{t!(i18n, rounds.back)}</A></p>
                    <h1>{t!(i18n, rounds.not_found)}</h1>
                </section>
            }.into_any(),
        }}
    }
}

#[component]
fn RoundBody(id: RoundId) -> impl IntoView {
    let i18n = use_i18n();
    let ctx = RoundCtx {
        id,
        round: super::round_signal(id),
        chosen: RwSignal::new(Vec::new()),
        print: RwSignal::new(None),
    };
    provide_context(ctx);
    // A round's kind is chosen when it is created and never changes.
    let thpl = ctx
        .round
        .with_untracked(|r| r.as_ref().is_some_and(Round::is_thpl));
    let title = move || ctx.round.with(|r| r.as_ref().map(|r| r.ten.clone()));
    let print_class = move || match ctx.print.get() {
        Some(PrintTarget::Letters) => "page round-page print-letters",
        Some(PrintTarget::Report) => "page round-page print-report",
        None => "page round-page",
    };
    view! {
        <section class=print_class data-testid="page-round">
            <p class="no-print"><A href="/tong-hop">{t!(i18n, rounds.back)}</A></p>
            <h1 data-testid="round-heading">{title}</h1>
            <RoundSettings/>
            <UnitsSection/>
            <ReceiveSection/>
            <KeysSection/>
            <StatusSection/>
            {if thpl {
                view! {
                    <ThplTotalsSection/>
                    <LettersSection/>
                    <ThplReportSection/>
                }.into_any()
            } else {
                view! {
                    <TotalsSection/>
                    <ChartsSection/>
                    <LettersSection/>
                    <ConsolidatedSection/>
                }.into_any()
            }}
        </section>
    }
}

/// The round's period, regime and due date, and who issues its letters.
#[component]
fn RoundSettings() -> impl IntoView {
    let i18n = use_i18n();
    let state = AppState::expect();
    let ctx = expect_context::<RoundCtx>();
    let read = move |f: fn(&Round) -> String| {
        move || ctx.round.with(|r| r.as_ref().map(f).unwrap_or_default())
    };
    let edit = move |f: Box<dyn FnOnce(&mut Round)>| {
        state.edit_round(ctx.id, f);
    };
    let text_field = move |label: &'static str,
                           testid: &'static str,
                           get: fn(&Round) -> String,
                           set: fn(&mut Round, String)| {
        view! {
            <label class="field">
                <span>{label}</span>
                <input type="text" data-testid=testid prop:value=read(get)
                    on:change=move |ev| {
                        let v = event_target_value(&ev);
                        edit(Box::new(move |r: &mut Round| set(r, v)));
                    }/>
            </label>
        }
    };
    let due_error = RwSignal::new(false);
    view! {
        <section class="round-section card" aria-labelledby="round-settings-h" data-testid="round-settings">
            <h2 id="round-settings-h">{t!(i18n, rounds.settings)}</h2>
            <p data-testid="round-period">
                {move || ctx.round.with(|r| r.as_ref().map(|r| {
                    let what = if r.is_thpl() {
                        crate::ui::i18n::t_string!(i18n, rounds.kind_thpl).to_owned()
                    } else {
                        regime_name(i18n, r.che_do_bao_cao)
                    };
                    format!("{} · {}", period_line(i18n, &r.ky_bao_cao), what)
                }))}
            </p>
            <div class="field-row">
                <label class="field">
                    <span>{t!(i18n, rounds.due)}</span>
                    <input type="date" data-testid="round-due-edit"
                        prop:value=move || ctx.round.with(|r| r.as_ref().map(|r| r.han_nop.to_string()).unwrap_or_default())
                        on:change=move |ev| match parse_date(&event_target_value(&ev)) {
                            Some(d) => { due_error.set(false); edit(Box::new(move |r: &mut Round| r.han_nop = d)); }
                            None => due_error.set(true),
                        }/>
                </label>
                <p class="muted">{move || ctx.round.with(|r| r.as_ref().map(|r| format_date(r.han_nop)))}</p>
            </div>
            <Show when=move || due_error.get()>
                <p class="error-text" role="alert">{t!(i18n, rounds.err_due)}</p>
            </Show>
            <details class="issuer">
                <summary>{t!(i18n, rounds.issuer)}</summary>
                <div class="field-row">
                    {move || text_field(t_str(i18n, 0), "issuer-body", |r| r.co_quan_ban_hanh.co_quan.ten.clone(), |r, v| r.co_quan_ban_hanh.co_quan.ten = v)}
                    {move || text_field(t_str(i18n, 1), "issuer-parent", |r| r.co_quan_ban_hanh.co_quan.co_quan_chu_quan.clone(), |r, v| r.co_quan_ban_hanh.co_quan.co_quan_chu_quan = v)}
                    {move || text_field(t_str(i18n, 2), "issuer-symbol", |r| r.co_quan_ban_hanh.ky_hieu.clone(), |r, v| r.co_quan_ban_hanh.ky_hieu = v)}
                    {move || text_field(t_str(i18n, 3), "issuer-place", |r| r.co_quan_ban_hanh.dia_danh.clone(), |r, v| r.co_quan_ban_hanh.dia_danh = v)}
                    {move || text_field(t_str(i18n, 4), "issuer-title", |r| r.co_quan_ban_hanh.chuc_vu_ky.join(" / "), |r, v| r.co_quan_ban_hanh.chuc_vu_ky = split_list(&v, '/'))}
                    {move || text_field(t_str(i18n, 5), "issuer-signer", |r| r.co_quan_ban_hanh.nguoi_ky.clone(), |r, v| r.co_quan_ban_hanh.nguoi_ky = v)}
                    {move || text_field(t_str(i18n, 6), "issuer-recipients", |r| r.co_quan_ban_hanh.noi_nhan_khac.join("; "), |r, v| r.co_quan_ban_hanh.noi_nhan_khac = split_list(&v, ';'))}
                    {move || text_field(t_str(i18n, 7), "issuer-archive", |r| r.co_quan_ban_hanh.luu.clone(), |r, v| r.co_quan_ban_hanh.luu = v)}
                </div>
            </details>
        </section>
    }
}

/// The labels of the issuer fields, in the UI language.
fn t_str(i18n: crate::ui::pages::reports::common::I18n, which: usize) -> &'static str {
    use crate::ui::i18n::t_string;
    match which {
        0 => t_string!(i18n, rounds.issuer_body),
        1 => t_string!(i18n, rounds.issuer_parent),
        2 => t_string!(i18n, rounds.issuer_symbol),
        3 => t_string!(i18n, rounds.issuer_place),
        4 => t_string!(i18n, rounds.issuer_title),
        5 => t_string!(i18n, rounds.issuer_signer),
        6 => t_string!(i18n, rounds.issuer_recipients),
        _ => t_string!(i18n, rounds.issuer_archive),
    }
}

fn split_list(v: &str, sep: char) -> Vec<String> {
    v.split(sep)
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect()
}
