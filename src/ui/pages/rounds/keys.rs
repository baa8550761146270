//! The round's signing keys: files held because their unit's key changed
//! (accept with the new key, or refuse; either choice is recorded by
//! `report::round::keys`) and the keys accepted per unit.

use super::page::RoundCtx;
use crate::report::signature::fingerprint_display;
use crate::state::AppState;
use crate::ui::i18n::{t, t_string, use_i18n};
use crate::ui::pages::reports::common::{fill, today};
use crate::ui::signing::standing_text;
use leptos::prelude::*;

/// Held files and accepted keys (shown only when there is something).
#[component]
pub fn KeysSection() -> impl IntoView {
    let i18n = use_i18n();
    let ctx = expect_context::<RoundCtx>();
    let state = AppState::expect();
    let message = RwSignal::new(None::<String>);
    let held = move || {
        ctx.round
            .with(|r| r.as_ref().map(|r| r.cho_quyet_dinh.clone()))
            .unwrap_or_default()
    };
    let keys = move || {
        ctx.round
            .with(|r| r.as_ref().map(|r| r.khoa.clone()))
            .unwrap_or_default()
    };
    let decide = move |index: usize, file: String, accept: bool| {
        let done = state
            .edit_round(ctx.id, |r| {
                if accept {
                    r.accept_held(index, today()).is_some()
                } else {
                    r.refuse_held(index, today())
                }
            })
            .unwrap_or(false);
        if done {
            let text = if accept {
                t_string!(i18n, signing.decision_accepted)
            } else {
                t_string!(i18n, signing.decision_refused)
            };
            message.set(Some(fill(text, &[("file", file)])));
        }
    };
    view! {
        <Show when=move || !held().is_empty() || !keys().is_empty() || message.get().is_some()>
            <section class="round-section card" aria-labelledby="round-keys-h" data-testid="round-keys">
                <h2 id="round-keys-h">{move || if held().is_empty() {
                    t_string!(i18n, signing.keys_title)
                } else {
                    t_string!(i18n, signing.held_title)
                }}</h2>
                <Show when=move || !held().is_empty()>
                    <p>{t!(i18n, signing.held_intro)}</p>
                    <ul class="held-files" data-testid="held-files">
                        {move || held().into_iter().enumerate().map(|(i, h)| {
                            let standing = standing_text(i18n, &h.standing());
                            let title = fill(
                                t_string!(i18n, signing.held_file),
                                &[("file", h.ten_tep.clone()), ("unit", h.don_vi.clone())],
                            );
                            let (fa, fr) = (h.ten_tep.clone(), h.ten_tep.clone());
                            view! {
                                <li class="issue issue--error" data-testid="held-file">
                                    <p><strong>{title}</strong></p>
                                    <p class="warning">{standing}</p>
                                    <button type="button" class="btn" data-testid="held-accept"
                                        on:click=move |_| decide(i, fa.clone(), true)>{t!(i18n, signing.held_accept)}</button>
                                    " "
                                    <button type="button" class="btn" data-testid="held-refuse"
                                        on:click=move |_| decide(i, fr.clone(), false)>{t!(i18n, signing.held_refuse)}</button>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                </Show>
                {move || message.get().map(|m| view! { <p class="notice-ok" role="status" data-testid="held-message">{m}</p> })}
                <Show when=move || !keys().is_empty() && !held().is_empty()>
                    <h3>{t!(i18n, signing.keys_title)}</h3>
                </Show>
                <Show when=move || !keys().is_empty()>
                    <table class="data-table" data-testid="accepted-keys">
                        <thead><tr>
                            <th scope="col">{t!(i18n, signing.keys_col_unit)}</th>
                            <th scope="col">{t!(i18n, signing.keys_col_fp)}</th>
                            <th scope="col">{t!(i18n, signing.keys_col_how)}</th>
                        </tr></thead>
                        <tbody>
                            {move || keys().into_iter().map(|k| {
                                let date = crate::i18n::format_date(k.ngay);
                                let how = match k.cach {
                                    crate::report::round::Acceptance::FirstFile => fill(t_string!(i18n, signing.keys_first), &[("date", date)]),
                                    crate::report::round::Acceptance::Chosen { .. } => fill(t_string!(i18n, signing.keys_chosen), &[("date", date)]),
                                };
                                view! {
                                    <tr>
                                        <td>{k.don_vi.clone()}</td>
                                        <td><code class="fingerprint" title=k.public_key_sha256.clone()>{fingerprint_display(&k.public_key_sha256)}</code></td>
                                        <td>{how}</td>
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                </Show>
            </section>
        </Show>
    }
}
