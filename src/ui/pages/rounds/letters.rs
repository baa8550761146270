//! Urging letters (công văn đôn đốc) for the units chosen in the status
//! table: one letter to all of them or one per unit, in the NĐ 30/2020
//! layout (the content comes from `report::round::letter`). Making the
//! letters records them in the round, so the status table shows the date.
//! The letter is an administrative text and is always in Vietnamese.

use super::page::{PrintTarget, RoundCtx};
use crate::i18n::parse_date;
use crate::report::round::letter::{kinh_gui_lines, record_of, urging_letter, UrgingLetter};
use crate::state::AppState;
use crate::ui::i18n::{t, t_string, use_i18n};
use crate::ui::pages::reports::common::today;
use crate::ui::pages::reports::fields::label;
use leptos::prelude::*;

/// The letters section.
#[component]
pub fn LettersSection() -> impl IntoView {
    let i18n = use_i18n();
    let state = AppState::expect();
    let ctx = expect_context::<RoundCtx>();
    let number = RwSignal::new(String::new());
    let date = RwSignal::new(today().to_string());
    let deadline = RwSignal::new((today() + chrono::Days::new(7)).to_string());
    let one_each = RwSignal::new(false);
    let letters = RwSignal::new(Vec::<UrgingLetter>::new());
    let error = RwSignal::new(None::<String>);
    let choose_needing = move |_| {
        let needing = ctx.round.with(|r| {
            r.as_ref()
                .map(crate::report::round::thpl::units_needing_urging)
                .unwrap_or_default()
        });
        ctx.chosen.set(needing);
    };
    let make = move |_| {
        error.set(None);
        let (Some(d), Some(han)) = (
            parse_date(&date.get_untracked()),
            parse_date(&deadline.get_untracked()),
        ) else {
            error.set(Some(t_string!(i18n, rounds.err_letter_dates).to_string()));
            return;
        };
        let chosen = ctx.chosen.get_untracked();
        let groups: Vec<Vec<String>> = if one_each.get_untracked() {
            chosen.iter().map(|u| vec![u.clone()]).collect()
        } else {
            vec![chosen]
        };
        let so = number.get_untracked();
        let lbl = |code: &str| label(code, true);
        let made = state.edit_round(ctx.id, |r| {
            let mut out = Vec::new();
            for g in &groups {
                let letter = urging_letter(r, g, &so, d, han, &lbl)?;
                out.push(letter);
            }
            for l in &out {
                r.record_urging(record_of(l, d, han));
            }
            Ok::<_, crate::report::round::letter::LetterError>(out)
        });
        match made {
            Some(Ok(out)) => letters.set(out),
            Some(Err(e)) => error.set(Some(e.to_string())),
            None => {}
        }
    };
    let print = move |_| {
        ctx.print.set(Some(PrintTarget::Letters));
        if let Err(e) = crate::platform::print::print_page() {
            error.set(Some(e));
        }
    };
    view! {
        <section class="round-section card" aria-labelledby="round-letters-h" data-testid="round-letters">
            <h2 id="round-letters-h">{t!(i18n, rounds.letters)}</h2>
            <p class="no-print">
                {move || format!("{}: {}", t_string!(i18n, rounds.chosen_units), ctx.chosen.with(Vec::len))}
                " "
                <button type="button" class="btn" data-testid="choose-needing" on:click=choose_needing>{t!(i18n, rounds.choose_needing)}</button>
                " "
                <button type="button" class="btn" on:click=move |_| ctx.chosen.set(Vec::new())>{t!(i18n, rounds.choose_none)}</button>
            </p>
            <div class="field-row no-print">
                <label class="field">
                    <span>{t!(i18n, rounds.letter_number)}</span>
                    <input type="text" data-testid="letter-number" prop:value=move || number.get()
                        on:input=move |ev| number.set(event_target_value(&ev))/>
                </label>
                <label class="field">
                    <span>{t!(i18n, rounds.letter_date)}</span>
                    <input type="date" data-testid="letter-date" prop:value=move || date.get()
                        on:input=move |ev| date.set(event_target_value(&ev))/>
                </label>
                <label class="field">
                    <span>{t!(i18n, rounds.letter_deadline)}</span>
                    <input type="date" data-testid="letter-deadline" prop:value=move || deadline.get()
                        on:input=move |ev| deadline.set(event_target_value(&ev))/>
                </label>
                <label class="field field--check">
                    <input type="checkbox" data-testid="letter-one-each" prop:checked=move || one_each.get()
                        on:change=move |ev| one_each.set(event_target_checked(&ev))/>
                    <span>{t!(i18n, rounds.letter_one_each)}</span>
                </label>
            </div>
            <p class="no-print">
                <button type="button" class="btn btn--primary" data-testid="letter-make" on:click=make>{t!(i18n, rounds.letter_make)}</button>
                " "
                <Show when=move || !letters.with(Vec::is_empty)>
                    <button type="button" class="btn" data-testid="letter-print" on:click=print>{t!(i18n, rounds.letter_print)}</button>
                </Show>
            </p>
            {move || error.get().map(|e| view! { <p class="error-text" role="alert" data-testid="letter-error">{e}</p> })}
            <div class="letters-doc">
                {move || letters.get().into_iter().map(|l| view! { <Letter letter=l/> }).collect_view()}
            </div>
        </section>
    }
}

/// One printed letter (Mẫu 1.5, Phụ lục III, NĐ 30/2020).
#[component]
fn Letter(letter: UrgingLetter) -> impl IntoView {
    let l = letter;
    let signer = if l.nguoi_ky.trim().is_empty() {
        "(Họ và tên)".to_owned()
    } else {
        l.nguoi_ky.clone()
    };
    view! {
        <article class="doc letter" data-testid="letter">
            <header class="doc-header">
                <div class="doc-issuer">
                    <div class="doc-issuer-upper">{l.co_quan_chu_quan.clone()}</div>
                    <div class="doc-issuer-lower">{l.co_quan_ban_hanh.clone()}</div>
                    <div class="doc-rule" aria-hidden="true"></div>
                    <div class="doc-number" data-testid="letter-so">{l.so_ky_hieu.clone()}</div>
                    <div class="letter-vv" data-testid="letter-vv">{l.v_v.clone()}</div>
                </div>
                <div class="doc-motto">
                    <div class="doc-quoc-hieu">"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"</div>
                    <div class="doc-tieu-ngu">"Độc lập - Tự do - Hạnh phúc"</div>
                    <div class="doc-rule" aria-hidden="true"></div>
                    <div class="doc-date">{l.dia_danh_ngay.clone()}</div>
                </div>
            </header>
            <div class="letter-kinh-gui" data-testid="letter-kinh-gui">
                {kinh_gui_lines(&l.kinh_gui).into_iter().map(|line| view! { <p>{line}</p> }).collect_view()}
            </div>
            <p class="doc-text">{l.mo_dau.clone()}</p>
            <ul class="letter-requests">
                {l.yeu_cau.iter().map(|r| view! { <li>{format!("{}: {}.", r.don_vi, r.noi_dung)}</li> }).collect_view()}
            </ul>
            <p class="doc-text">{l.ket_luan.clone()}</p>
            <div class="doc-closing">
                <div class="doc-recipients">
                    <p class="doc-recipients-title">"Nơi nhận:"</p>
                    {l.noi_nhan.iter().map(|n| view! { <p>{n.clone()}</p> }).collect_view()}
                </div>
                <div class="doc-signer">
                    {l.chuc_vu_ky.iter().map(|c| view! { <div>{c.clone()}</div> }).collect_view()}
                    <div class="doc-signature-space" aria-hidden="true"></div>
                    <div>{signer}</div>
                </div>
            </div>
        </article>
    }
}
