//! Receiving files into a round: many at once, from the file picker or
//! dropped on the page, each with the date received (today unless the user
//! sets the date on the incoming dispatch). Every file gets a line saying
//! what happened: kept, correction of an earlier file, identical to a file
//! already received, unit not on the list, or refused with its reason.

use super::page::RoundCtx;
use crate::i18n::parse_date;
use crate::platform::download::chosen_files;
use crate::report::key_trust::Standing;
use crate::report::round::{Incoming, Received, Receiver, Rejection};
use crate::state::AppState;
use crate::ui::i18n::{t, t_string, use_i18n};
use crate::ui::pages::reports::common::{fill, today, I18n};
use crate::ui::signing::standing_text;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// One line of the receiving log.
#[derive(Clone, PartialEq)]
pub(super) struct LogLine {
    file: String,
    ok: bool,
    text: String,
}

fn rejection_text(i18n: I18n, r: &Rejection) -> String {
    match r {
        Rejection::NotText => t_string!(i18n, rounds.rej_not_text).to_string(),
        Rejection::NotJson => t_string!(i18n, rounds.rej_not_json).to_string(),
        Rejection::Foreign => t_string!(i18n, rounds.rej_foreign).to_string(),
        Rejection::Altered => t_string!(i18n, rounds.rej_altered).to_string(),
        Rejection::Malformed(detail) => fill(
            t_string!(i18n, rounds.rej_malformed),
            &[("detail", detail.clone())],
        ),
        Rejection::NotPeriodic => t_string!(i18n, rounds.rej_not_periodic).to_string(),
        Rejection::ThplReport => t_string!(i18n, rounds.rej_thpl_report).to_string(),
        Rejection::XlvphcReport => t_string!(i18n, rounds.rej_xlvphc_report).to_string(),
        Rejection::OtherPeriod { .. } => t_string!(i18n, rounds.rej_other_period).to_string(),
        Rejection::OtherRegime { .. } => t_string!(i18n, rounds.rej_other_regime).to_string(),
        Rejection::BadSignature(e) => fill(
            t_string!(i18n, rounds.rej_bad_signature),
            &[("detail", e.to_string())],
        ),
    }
}

pub(super) fn outcome_line(
    i18n: I18n,
    file: String,
    r: &Received,
    standing: Option<Standing>,
) -> LogLine {
    let (ok, text) = match r {
        Received::Held { don_vi, standing } => (
            false,
            format!(
                "{} {}",
                fill(
                    t_string!(i18n, signing.received_held),
                    &[("unit", don_vi.clone())]
                ),
                standing_text(i18n, standing)
            ),
        ),
        Received::Accepted {
            don_vi,
            thay_the,
            ngoai_danh_sach,
            ..
        } => {
            let mut text = fill(
                t_string!(i18n, rounds.got_accepted),
                &[("unit", don_vi.clone())],
            );
            if let Some(seq) = thay_the {
                text.push_str(&fill(
                    t_string!(i18n, rounds.got_supersedes),
                    &[("seq", seq.to_string())],
                ));
            }
            if *ngoai_danh_sach {
                text.push_str(t_string!(i18n, rounds.got_unknown_unit));
            }
            if let Some(s) = standing {
                text.push_str(". ");
                text.push_str(&standing_text(i18n, &s));
            }
            (true, text)
        }
        Received::Duplicate { trung_voi } => (
            true,
            fill(
                t_string!(i18n, rounds.got_duplicate),
                &[("seq", trung_voi.to_string())],
            ),
        ),
        Received::Rejected(why) => (false, rejection_text(i18n, why)),
    };
    LogLine { file, ok, text }
}

/// Reads `files` and receives them into the round in one change.
fn receive_files(
    (i18n, state, ctx): (I18n, AppState, RoundCtx),
    files: Vec<web_sys::File>,
    date: chrono::NaiveDate,
    log: RwSignal<Vec<LogLine>>,
) {
    spawn_local(async move {
        let names: Vec<String> = files.iter().map(web_sys::File::name).collect();
        let texts = crate::platform::download::read_files_text(files).await;
        // The signatures are checked by WebCrypto first, all at once; the
        // pure step takes the verdicts (see platform::signature_check).
        let readable: Vec<&str> = texts
            .iter()
            .map(|t| t.as_ref().map_or("", String::as_str))
            .collect();
        let verdicts = crate::platform::signature_check::verdicts(&readable).await;
        let read: Vec<(String, Result<String, String>, Option<bool>)> = names
            .into_iter()
            .zip(texts)
            .zip(verdicts)
            .map(|((n, t), v)| (n, t, v))
            .collect();
        let lines = state
            .edit_round(ctx.id, |round| {
                let mut receiver = Receiver::new(round);
                read.iter()
                    .map(|(name, text, verdict)| {
                        let result = match text {
                            Ok(text) => receiver.receive_verified(
                                round,
                                Incoming {
                                    ten_tep: name,
                                    text,
                                    ngay_nhan: date,
                                },
                                *verdict,
                            ),
                            Err(_) => Received::Rejected(Rejection::NotText),
                        };
                        let standing = match &result {
                            Received::Accepted { seq, .. } => round.file_standing(*seq),
                            _ => None,
                        };
                        outcome_line(i18n, name.clone(), &result, standing)
                    })
                    .collect::<Vec<_>>()
            })
            .unwrap_or_default();
        log.update(|l| l.extend(lines));
    });
}

/// The receiving section.
#[component]
pub fn ReceiveSection() -> impl IntoView {
    let i18n = use_i18n();
    let ctx = expect_context::<RoundCtx>();
    let state = AppState::expect();
    let date = RwSignal::new(today().to_string());
    let log = RwSignal::new(Vec::<LogLine>::new());
    let date_ok = move || parse_date(&date.get()).is_some();
    let received_date = move || parse_date(&date.get_untracked()).unwrap_or_else(today);
    let on_change = move |ev: leptos::ev::Event| {
        let files = chosen_files(&ev);
        receive_files((i18n, state, ctx), files, received_date(), log);
    };
    let dragging = RwSignal::new(false);
    let on_drop = move |ev: web_sys::DragEvent| {
        ev.prevent_default();
        dragging.set(false);
        let files = ev
            .data_transfer()
            .and_then(|dt| dt.files())
            .map(crate::platform::download::files_of)
            .unwrap_or_default();
        receive_files((i18n, state, ctx), files, received_date(), log);
    };
    view! {
        <section class="round-section card" aria-labelledby="round-receive-h" data-testid="round-receive">
            <h2 id="round-receive-h">{t!(i18n, rounds.receive)}</h2>
            <div class="field-row">
                <label class="field">
                    <span>{t!(i18n, rounds.date_received)}</span>
                    <input type="date" data-testid="receive-date" prop:value=move || date.get()
                        on:input=move |ev| date.set(event_target_value(&ev))/>
                </label>
                <label class="field">
                    <span>{t!(i18n, rounds.receive_choose)}</span>
                    <input type="file" multiple=true accept=".json,application/json" data-testid="receive-input"
                        on:change=on_change/>
                </label>
            </div>
            <Show when=move || !date_ok()>
                <p class="error-text" role="alert">{t!(i18n, rounds.err_date_received)}</p>
            </Show>
            <div class=move || if dragging.get() { "drop-zone drop-zone--over" } else { "drop-zone" }
                data-testid="receive-drop"
                on:dragover=move |ev: web_sys::DragEvent| { ev.prevent_default(); dragging.set(true); }
                on:dragleave=move |_| dragging.set(false)
                on:drop=on_drop>
                {t!(i18n, rounds.drop_here)}
            </div>
            <Show when=move || !log.with(Vec::is_empty)>
                <h3>{t!(i18n, rounds.receive_log)}</h3>
                <ul class="receive-log" aria-live="polite" data-testid="receive-log">
                    {move || log.get().into_iter().map(|l| view! {
                        <li class={if l.ok { "issue" } else { "issue issue--error" }} data-testid={if l.ok { "log-ok" } else { "log-refused" }}>
                            <code>{l.file}</code>": "{l.text}
                        </li>
                    }).collect_view()}
                </ul>
                <button type="button" class="btn" on:click=move |_| log.set(Vec::new())>{t!(i18n, rounds.log_clear)}</button>
            </Show>
        </section>
    }
}
