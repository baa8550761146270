//! The list of proposals to amend legal texts
//! ("/theo-doi-kien-nghi/sua-doi-van-ban"): a printable table and a JSON
//! file, both from `report::amendments` so the two never differ.

use crate::domain::clock::Clock;
use crate::i18n::{fill, format_date};
use crate::report::amendments::{amendment_list, amendment_list_json};
use crate::state::AppState;
use crate::ui::i18n::{t, t_string, use_i18n};
use leptos::prelude::*;
use leptos_router::components::A;

/// The amendment-proposal list page.
#[component]
pub fn AmendmentListPage() -> impl IntoView {
    let state = AppState::expect();
    let i18n = use_i18n();
    let today = state.clock().today();
    let list = Memo::new(move |_| state.ws.with(|ws| amendment_list(ws, today)));
    let message = RwSignal::new(None::<String>);
    let export = move |_| {
        let file = format!(
            "kien-nghi-sua-doi-van-ban_{}.json",
            today.format("%Y-%m-%d")
        );
        let r = list
            .with_untracked(amendment_list_json)
            .map_err(|e| e.to_string())
            .and_then(|text| {
                crate::platform::download::download_text(&file, "application/json", &text)
            });
        message.set(Some(match r {
            Ok(()) => fill(t_string!(i18n, followup.amend_exported), &[("file", file)]),
            Err(e) => fill(
                t_string!(i18n, followup.amend_export_failed),
                &[("detail", e)],
            ),
        }));
    };
    view! {
        <section class="page amendments" data-testid="page-amendments">
            <p class="no-print"><A href="/theo-doi-kien-nghi">{t!(i18n, followup.back)}</A></p>
            <h1>{t!(i18n, followup.amend_title)}</h1>
            <p class="lead">{t!(i18n, followup.amend_lead)}</p>
            <p>{move || fill(t_string!(i18n, followup.amend_date_line), &[("date", format_date(today))])}</p>
            <div class="no-print button-row">
                <button type="button" class="btn" data-testid="amendments-print"
                    on:click=move |_| { let _ = crate::platform::print::print_page(); }>
                    {t!(i18n, followup.amend_print)}
                </button>" "
                <button type="button" class="btn" data-testid="amendments-export" on:click=export>
                    {t!(i18n, followup.amend_export)}
                </button>
            </div>
            {move || message.get().map(|m| view! { <p role="status" data-testid="amendments-message">{m}</p> })}
            <Show when=move || list.with(|l| l.kien_nghi.is_empty())>
                <p class="empty-state" data-testid="amendments-empty">{t!(i18n, followup.amend_empty)}</p>
            </Show>
            <Show when=move || list.with(|l| !l.kien_nghi.is_empty())>
                <table class="data" data-testid="amendments-table">
                    <thead>
                        <tr>
                            <th scope="col">"#"</th>
                            <th scope="col">{t!(i18n, followup.col_document)}</th>
                            <th scope="col">{t!(i18n, followup.col_article)}</th>
                            <th scope="col">{t!(i18n, followup.col_clause)}</th>
                            <th scope="col">{t!(i18n, followup.col_problem)}</th>
                            <th scope="col">{t!(i18n, followup.col_proposal)}</th>
                            <th scope="col">{t!(i18n, followup.col_body)}</th>
                            <th scope="col">{t!(i18n, followup.col_finding)}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {move || list.get().kien_nghi.into_iter().enumerate().map(|(n, k)| view! {
                            <tr data-testid="amendment-row">
                                <td>{n + 1}</td>
                                <td>{k.van_ban}</td>
                                <td>{k.dieu}</td>
                                <td>{k.khoan}</td>
                                <td>{k.bat_cap}</td>
                                <td>{k.de_xuat}</td>
                                <td>{k.co_quan_nhan}</td>
                                <td>{k.loai_phat_hien}": "{k.phat_hien}<br/>
                                    <small class="muted">{k.don_vi_duoc_kiem_tra}" — "{k.so_ky_hieu_ke_hoach}" "{k.ke_hoach}</small></td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </Show>
        </section>
    }
}
