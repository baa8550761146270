//! The THPL report editor ("/bao-cao/theo-doi-thpl/:id"): the header (unit,
//! number, window, due date and its rule, date sent and on time / late), the
//! figures drawn from the app (plans and tasks, inspections and findings by
//! kind, recommendations, amendment proposals) with the button that draws
//! them again, the sections of NĐ 59/2012 Điều 11 khoản 1 a–d and Điều 10a
//! for the user to write, the completeness list by section, the figures that
//! contradict each other, the JSON export and the print links.

use super::labels;
use super::list::rule_text;
use super::BASE;
use crate::domain::clock::Clock;
use crate::domain::ids::ReportId;
use crate::i18n::{fill, format_date, parse_date};
use crate::persist::{ExportStamp, ThplRecord};
use crate::platform::clock::BrowserClock;
use crate::report::envelope::ReportContent;
use crate::report::period::{DueDateSource, Timeliness};
use crate::report::thpl::checks::{completeness_by_section, consistency, timeliness};
use crate::report::thpl::{prefill, rules, DetailingDoc, ThplReport};
use crate::state::AppState;
use crate::ui::i18n::{t, t_string, use_i18n};
use crate::ui::lang::use_lang;
use crate::ui::pages::reports::common::{parse_report_id, today};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

/// A text input (or area) bound to `report.<path>`; starts from the stored
/// value and never rewrites it while the user types.
macro_rules! text {
    ($st:ident, $id:ident, $i18n:ident, $multi:expr, $($p:ident).+) => {{
        let initial = $st
            .thpl
            .with_untracked(|m| m.get(&$id).map(|r| r.report.$($p).+.clone()))
            .unwrap_or_default();
        let code = stringify!($($p).+).replace(' ', "");
        let label = labels::field($i18n, &code);
        let tid = format!("t-{code}");
        let on_input = move |ev: leptos::ev::Event| {
            let v = event_target_value(&ev);
            $st.edit_thpl($id, |r| r.report.$($p).+ = v);
        };
        let control = if $multi {
            view! { <textarea data-testid=tid on:input=on_input prop:value=initial></textarea> }.into_any()
        } else {
            view! { <input type="text" data-testid=tid value=initial on:input=on_input/> }.into_any()
        };
        view! { <label class="field"><span>{label}</span>{control}</label> }
    }};
}

/// A count input bound to `report.<path>`: empty = not entered, 0 is 0.
macro_rules! count {
    ($st:ident, $id:ident, $i18n:ident, $($p:ident).+) => {{
        let initial = $st
            .thpl
            .with_untracked(|m| m.get(&$id).and_then(|r| r.report.$($p).+));
        let code = stringify!($($p).+).replace(' ', "");
        let label = labels::field($i18n, &code);
        let tid = format!("t-{code}");
        let bad = RwSignal::new(false);
        let on_input = move |ev: leptos::ev::Event| {
            let raw = event_target_value(&ev);
            if raw.trim().is_empty() {
                bad.set(false);
                $st.edit_thpl($id, |r| r.report.$($p).+ = None);
            } else if let Some(n) = crate::ui::pages::reports::inputs::parse_count(&raw) {
                bad.set(false);
                $st.edit_thpl($id, |r| r.report.$($p).+ = Some(n));
            } else {
                bad.set(true);
            }
        };
        view! {
            <label class="field field--count"><span>{label}</span>
                <input type="text" inputmode="numeric" autocomplete="off" data-testid=tid
                    value=initial.map(|v| v.to_string()).unwrap_or_default()
                    placeholder=move || t_string!($i18n, reports.not_entered)
                    aria-invalid=move || bad.get().to_string()
                    on:input=on_input/>
                <Show when=move || bad.get()>
                    <span class="error-text">{t!($i18n, reports.count_invalid)}</span>
                </Show>
            </label>
        }
    }};
}

/// The editor page.
#[component]
pub fn ThplEditor() -> impl IntoView {
    let i18n = use_i18n();
    let state = AppState::expect();
    let params = use_params_map();
    let id = Memo::new(move |_| params.with(|p| p.get("id").and_then(|s| parse_report_id(&s))));
    let exists = move || {
        id.get()
            .is_some_and(|id| state.thpl.with(|m| m.contains_key(&id)))
    };
    view! {
        <section class="page thpl-editor" data-testid="page-thpl-report">
            <p><A href=BASE>{t!(i18n, thpl.back_to_list)}</A></p>
            <Show when=exists fallback=move || view! { <h1>{t!(i18n, thpl.not_found)}</h1> }>
                {move || id.get().map(|id| view! { <EditorBody id=id/> })}
            </Show>
        </section>
    }
}

#[component]
fn EditorBody(id: ReportId) -> impl IntoView {
    let i18n = use_i18n();
    let state = AppState::expect();
    let st = state;
    let rec = Memo::new(move |_| state.thpl.with(|m| m.get(&id).cloned()));
    let report = move || rec.get().map(|r| r.report);
    view! {
        <h1>{t!(i18n, thpl.title)}</h1>
        <Header id=id rec=rec/>
        <nav class="no-print" aria-label=move || t_string!(i18n, thpl.print_links)>
            <A href=format!("{BASE}/{id}/in")>{t!(i18n, thpl.print_report)}</A>
            " · "
            <A href=format!("{BASE}/{id}/kien-nghi")>{t!(i18n, thpl.print_amendments)}</A>
        </nav>
        <Completeness rec=rec/>
        <AppFiguresPanel id=id rec=rec/>
        <section class="card">
            <h2>{move || labels::section(i18n, crate::report::thpl::checks::ThplSection::KeHoach)}</h2>
            {text!(st, id, i18n, true, ke_hoach.nhan_xet)}
        </section>
        <section class="card" data-testid="thpl-section-a">
            <h2>{move || labels::section(i18n, crate::report::thpl::checks::ThplSection::VanBanQuyDinhChiTiet)}</h2>
            <p class="muted small">{t!(i18n, thpl.basis_a)}</p>
            {count!(st, id, i18n, van_ban_quy_dinh_chi_tiet.so_van_ban)}
            <DetailingDocs id=id/>
            {count!(st, id, i18n, van_ban_quy_dinh_chi_tiet.so_cham_tien_do)}
            {count!(st, id, i18n, van_ban_quy_dinh_chi_tiet.so_khong_thong_nhat_dong_bo)}
            {count!(st, id, i18n, van_ban_quy_dinh_chi_tiet.so_kha_thi_khong_cao)}
            {text!(st, id, i18n, true, van_ban_quy_dinh_chi_tiet.danh_gia_kip_thoi_day_du)}
            {text!(st, id, i18n, true, van_ban_quy_dinh_chi_tiet.danh_gia_thong_nhat_dong_bo)}
            {text!(st, id, i18n, true, van_ban_quy_dinh_chi_tiet.danh_gia_kha_thi)}
        </section>
        <section class="card" data-testid="thpl-section-b">
            <h2>{move || labels::section(i18n, crate::report::thpl::checks::ThplSection::DieuKienBaoDam)}</h2>
            <p class="muted small">{t!(i18n, thpl.basis_b)}</p>
            {text!(st, id, i18n, true, dieu_kien_bao_dam.tap_huan_pho_bien)}
            {text!(st, id, i18n, true, dieu_kien_bao_dam.to_chuc_bo_may_nhan_luc)}
            {text!(st, id, i18n, true, dieu_kien_bao_dam.kinh_phi_co_so_vat_chat)}
        </section>
        <section class="card" data-testid="thpl-section-c">
            <h2>{move || labels::section(i18n, crate::report::thpl::checks::ThplSection::HuongDanApDung)}</h2>
            <p class="muted small">{t!(i18n, thpl.basis_c)}</p>
            {text!(st, id, i18n, true, huong_dan_ap_dung.huong_dan_ap_dung)}
            {text!(st, id, i18n, true, huong_dan_ap_dung.ap_dung_phap_luat)}
        </section>
        <section class="card" data-testid="thpl-section-d">
            <h2>{move || labels::section(i18n, crate::report::thpl::checks::ThplSection::XuLyViPham)}</h2>
            <p class="muted small">{t!(i18n, thpl.basis_d)}</p>
            {text!(st, id, i18n, true, xu_ly_vi_pham.tinh_hinh_xu_ly)}
            {text!(st, id, i18n, true, xu_ly_vi_pham.muc_do_tuan_thu)}
        </section>
        <section class="card">
            <h2>{move || labels::section(i18n, crate::report::thpl::checks::ThplSection::TacDong)}</h2>
            <p class="muted small">{t!(i18n, thpl.basis_10a)}</p>
            {text!(st, id, i18n, true, tac_dong)}
        </section>
        <section class="card">
            <h2>{move || labels::section(i18n, crate::report::thpl::checks::ThplSection::KienNghi)}</h2>
            {text!(st, id, i18n, true, kien_nghi_de_xuat)}
        </section>
        <Signer id=id/>
        <Issues report=Signal::derive(report)/>
        <Export id=id rec=rec/>
    }
}

/// Unit, number, window, due date and rule, date sent and timeliness.
#[component]
fn Header(id: ReportId, rec: Memo<Option<ThplRecord>>) -> impl IntoView {
    let i18n = use_i18n();
    let state = AppState::expect();
    let lang = use_lang();
    let st = state;
    let sent_initial = rec
        .get_untracked()
        .and_then(|r| r.sent_on)
        .map(format_date)
        .unwrap_or_default();
    let sent_bad = RwSignal::new(false);
    let on_sent = move |ev: leptos::ev::Event| {
        let raw = event_target_value(&ev);
        if raw.trim().is_empty() {
            sent_bad.set(false);
            state.edit_thpl(id, |r| r.sent_on = None);
        } else if let Some(d) = parse_date(&raw) {
            sent_bad.set(false);
            state.edit_thpl(id, |r| r.sent_on = Some(d));
        } else {
            sent_bad.set(true);
        }
    };
    let info = move || {
        let r = rec.get()?.report;
        let window = fill(
            t_string!(i18n, thpl.window_line),
            &[
                ("from", format_date(r.ky_bao_cao.tu_ngay)),
                ("to", format_date(r.ky_bao_cao.den_ngay)),
            ],
        );
        let due = fill(
            match r.han_nop.nguon {
                DueDateSource::MacDinhCheDo => t_string!(i18n, thpl.due_default),
                DueDateSource::NguoiDungDat => t_string!(i18n, thpl.due_user),
            },
            &[("date", format_date(r.han_nop.han_nop))],
        );
        let rule = rules::default_due(r.year(), r.cap_bao_cao)
            .map(|(_, rule)| rule_text(rule, lang.get()))
            .unwrap_or_default();
        let notes = rules::texts(r.year()).ok();
        Some(view! {
            <p data-testid="thpl-unit"><strong>{r.don_vi_bao_cao.ten.clone()}</strong>" — "{labels::level(i18n, r.cap_bao_cao)}</p>
            <p data-testid="thpl-window">{window}</p>
            <p data-testid="thpl-due">{due}</p>
            <p class="muted small">{rule}</p>
            {notes.map(|n| view! {
                <p class="muted small" data-testid="thpl-texts">{n.decree_vi}"; "{n.guidance_vi}"."</p>
                <p class="warning" data-testid="thpl-outline-note">{rule_text(n.outline_note_vi, lang.get())}</p>
                {n.later_text_note_vi.map(|x| view! { <p class="warning">{rule_text(x, lang.get())}</p> })}
            })}
        })
    };
    let badge = move || {
        let r = rec.get()?;
        let sent = r.sent_on;
        let t = timeliness(&r.report, sent.unwrap_or_else(today));
        let (text, class) = match (t, sent.is_some()) {
            (Timeliness::OnTime, true) => (t_string!(i18n, reports.on_time).to_string(), "ok"),
            (Timeliness::OnTime, false) => (
                fill(
                    t_string!(i18n, reports.not_due_yet),
                    &[(
                        "days",
                        (r.report.han_nop.han_nop - today()).num_days().to_string(),
                    )],
                ),
                "ok",
            ),
            (Timeliness::Late { days }, true) => (
                fill(
                    t_string!(i18n, reports.late_by),
                    &[("days", days.to_string())],
                ),
                "bad",
            ),
            (Timeliness::Late { days }, false) => (
                fill(
                    t_string!(i18n, reports.overdue_by),
                    &[("days", days.to_string())],
                ),
                "bad",
            ),
        };
        Some(
            view! { <span class=format!("badge badge--{class}") data-testid="thpl-timeliness">{text}</span> },
        )
    };
    view! {
        <section class="card" data-testid="thpl-header">
            {info}
            {text!(st, id, i18n, false, so_ky_hieu)}
            <label class="field"><span>{t!(i18n, thpl.f_sent_on)}</span>
                <input type="text" placeholder="dd/mm/yyyy" data-testid="thpl-sent-on" value=sent_initial
                    aria-invalid=move || sent_bad.get().to_string() on:input=on_sent/>
                <Show when=move || sent_bad.get()>
                    <span class="error-text">{t!(i18n, thpl.due_invalid)}</span>
                </Show>
            </label>
            <p>{badge}</p>
        </section>
    }
}

/// The list of detailing documents: form, name, late and why.
#[component]
fn DetailingDocs(id: ReportId) -> impl IntoView {
    let i18n = use_i18n();
    let state = AppState::expect();
    // Rows are rebuilt (from the stored values) only when one is added or
    // removed, never while the user types.
    let generation = RwSignal::new(0u32);
    let rows = move || {
        let g = generation.get();
        let n = state.thpl.with_untracked(|m| {
            m.get(&id)
                .map(|r| r.report.van_ban_quy_dinh_chi_tiet.danh_sach.len())
                .unwrap_or(0)
        });
        (0..n).map(move |i| (g, i)).collect::<Vec<_>>()
    };
    let doc = move |i: usize| {
        state
            .thpl
            .with_untracked(|m| {
                m.get(&id)
                    .and_then(|r| r.report.van_ban_quy_dinh_chi_tiet.danh_sach.get(i).cloned())
            })
            .unwrap_or_default()
    };
    let edit = move |i: usize, f: Box<dyn FnOnce(&mut DetailingDoc)>| {
        state.edit_thpl(id, |r| {
            if let Some(d) = r.report.van_ban_quy_dinh_chi_tiet.danh_sach.get_mut(i) {
                f(d);
            }
        });
    };
    view! {
        <fieldset class="thpl-docs" data-testid="thpl-docs">
            <legend>{t!(i18n, thpl.f_docs_list)}</legend>
            <For each=rows key=|k| *k let:k>
                {
                    let i = k.1;
                    let d = doc(i);
                    let n = (i + 1).to_string();
                    view! {
                        <div class="thpl-doc-row" data-testid=format!("thpl-doc-{i}")>
                            <label class="field"><span>{move || fill(t_string!(i18n, thpl.doc_form), &[("n", n.clone())])}</span>
                                <input type="text" data-testid=format!("thpl-doc-{i}-form") value=d.hinh_thuc.clone()
                                    on:input=move |ev| { let v = event_target_value(&ev); edit(i, Box::new(move |d| d.hinh_thuc = v)); }/></label>
                            <label class="field"><span>{t!(i18n, thpl.doc_name)}</span>
                                <input type="text" data-testid=format!("thpl-doc-{i}-name") value=d.ten.clone()
                                    on:input=move |ev| { let v = event_target_value(&ev); edit(i, Box::new(move |d| d.ten = v)); }/></label>
                            <label class="field field--check">
                                <input type="checkbox" data-testid=format!("thpl-doc-{i}-late") checked=d.cham_tien_do
                                    on:change=move |ev| { let v = event_target_checked(&ev); edit(i, Box::new(move |d| d.cham_tien_do = v)); }/>
                                <span>{t!(i18n, thpl.doc_late)}</span></label>
                            <label class="field"><span>{t!(i18n, thpl.doc_reason)}</span>
                                <input type="text" data-testid=format!("thpl-doc-{i}-reason") value=d.ly_do_cham.clone()
                                    on:input=move |ev| { let v = event_target_value(&ev); edit(i, Box::new(move |d| d.ly_do_cham = v)); }/></label>
                            <button type="button" class="btn" data-testid=format!("thpl-doc-{i}-remove")
                                on:click=move |_| {
                                    state.edit_thpl(id, |r| {
                                        let l = &mut r.report.van_ban_quy_dinh_chi_tiet.danh_sach;
                                        if i < l.len() { l.remove(i); }
                                    });
                                    generation.update(|g| *g += 1);
                                }>{t!(i18n, thpl.doc_remove)}</button>
                        </div>
                    }
                }
            </For>
            <button type="button" class="btn" data-testid="thpl-doc-add" on:click=move |_| {
                state.edit_thpl(id, |r| r.report.van_ban_quy_dinh_chi_tiet.danh_sach.push(DetailingDoc::default()));
                generation.update(|g| *g += 1);
            }>{t!(i18n, thpl.doc_add)}</button>
        </fieldset>
    }
}

/// The figures drawn from the app, and the button that draws them again.
#[component]
fn AppFiguresPanel(id: ReportId, rec: Memo<Option<ThplRecord>>) -> impl IntoView {
    let i18n = use_i18n();
    let state = AppState::expect();
    let refill = move |_| {
        let ws = state.ws;
        state.edit_thpl(id, |r| {
            ws.with_untracked(|ws| prefill::prefill(&mut r.report, ws))
        });
    };
    let count = move |v: Option<u64>| {
        v.map(|n| n.to_string())
            .unwrap_or_else(|| t_string!(i18n, reports.not_entered).to_string())
    };
    let body = move || {
        let r = rec.get()?.report;
        let k = r.kiem_tra.clone();
        let f = r.theo_doi_kien_nghi;
        Some(view! {
            <h3>{t!(i18n, thpl.plans_heading)}</h3>
            {if r.ke_hoach.ke_hoach.is_empty() {
                view! { <p class="muted" data-testid="thpl-no-plans">{t!(i18n, thpl.no_plans)}</p> }.into_any()
            } else {
                view! {
                    <table class="table" data-testid="thpl-plans">
                        <thead><tr>
                            <th scope="col">{t!(i18n, thpl.col_plan)}</th>
                            <th scope="col">{t!(i18n, thpl.col_tasks)}</th>
                            <th scope="col">{t!(i18n, thpl.col_done)}</th>
                            <th scope="col">{t!(i18n, thpl.col_in_progress)}</th>
                            <th scope="col">{t!(i18n, thpl.col_not_started)}</th>
                            <th scope="col">{t!(i18n, thpl.col_overdue)}</th>
                        </tr></thead>
                        <tbody>
                            {r.ke_hoach.ke_hoach.iter().map(|p| view! {
                                <tr>
                                    <td>{format!("{} {}", p.so_ky_hieu, p.ten)}</td>
                                    <td>{p.nhiem_vu.tong_so}</td>
                                    <td>{p.nhiem_vu.hoan_thanh}</td>
                                    <td>{p.nhiem_vu.dang_thuc_hien}</td>
                                    <td>{p.nhiem_vu.chua_bat_dau}</td>
                                    <td>{p.nhiem_vu.qua_han}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                }.into_any()
            }}
            <h3>{t!(i18n, thpl.inspections_heading)}</h3>
            <p data-testid="thpl-inspections">{fill(t_string!(i18n, thpl.inspections_line), &[
                ("n", count(k.so_cuoc_kiem_tra)), ("done", count(k.so_cuoc_da_ket_thuc)),
            ])}</p>
            <ul data-testid="thpl-findings">
                {k.phat_hien_theo_loai.iter().map(|n| view! { <li>{format!("{}: {}", n.ten, count(n.so_luong))}</li> }).collect_view()}
            </ul>
            <p data-testid="thpl-followup">{fill(t_string!(i18n, thpl.followup_line), &[
                ("made", count(f.so_kien_nghi)), ("done", count(f.da_thuc_hien)), ("partly", count(f.thuc_hien_mot_phan)),
                ("not_done", count(f.khong_thuc_hien)), ("open", count(f.chua_xong)), ("overdue", count(f.qua_han)),
            ])}</p>
            <h3>{t!(i18n, thpl.amendments_heading)}</h3>
            {if r.kien_nghi_sua_doi.is_empty() {
                view! { <p class="muted">{t!(i18n, thpl.no_amendments)}</p> }.into_any()
            } else {
                view! {
                    <table class="table" data-testid="thpl-amendments">
                        <thead><tr>
                            <th scope="col">{t!(i18n, thpl.col_text)}</th>
                            <th scope="col">{t!(i18n, thpl.col_proposal)}</th>
                            <th scope="col">{t!(i18n, thpl.col_to)}</th>
                            <th scope="col">{t!(i18n, thpl.col_state)}</th>
                        </tr></thead>
                        <tbody>
                            {r.kien_nghi_sua_doi.iter().map(|a| view! {
                                <tr>
                                    <td>{format!("{} {} {}", a.van_ban, a.dieu, a.khoan)}</td>
                                    <td>{a.de_xuat.clone()}</td>
                                    <td>{a.co_quan_nhan.clone()}</td>
                                    <td>{labels::state(i18n, a.tinh_trang)}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                }.into_any()
            }}
        })
    };
    view! {
        <section class="card" data-testid="thpl-app-figures">
            <h2>{t!(i18n, thpl.app_figures_heading)}</h2>
            <p class="muted small">{t!(i18n, thpl.app_figures_note)}</p>
            <button type="button" class="btn" data-testid="thpl-refill" on:click=refill>{t!(i18n, thpl.refill)}</button>
            {body}
            {text!(state, id, i18n, true, kiem_tra.nhan_xet)}
        </section>
    }
}

/// Signer and recipients.
#[component]
fn Signer(id: ReportId) -> impl IntoView {
    let i18n = use_i18n();
    let st = AppState::expect();
    let recipients = st
        .thpl
        .with_untracked(|m| m.get(&id).map(|r| r.report.noi_nhan.join("\n")))
        .unwrap_or_default();
    let field_text = |key: &'static str| {
        move || match key {
            "tq" => t_string!(i18n, thpl.f_signer_authority),
            "cv" => t_string!(i18n, thpl.f_signer_position),
            _ => t_string!(i18n, thpl.f_signer_name),
        }
    };
    let initial = |f: fn(&ThplReport) -> String| {
        st.thpl
            .with_untracked(|m| m.get(&id).map(|r| f(&r.report)))
            .unwrap_or_default()
    };
    view! {
        <section class="card" data-testid="thpl-signer">
            <h2>{t!(i18n, thpl.signer_heading)}</h2>
            <label class="field"><span>{field_text("tq")}</span>
                <input type="text" data-testid="t-nguoi_ky.tham_quyen" value=initial(|r| r.nguoi_ky.tham_quyen.clone())
                    on:input=move |ev| { let v = event_target_value(&ev); st.edit_thpl(id, |r| r.report.nguoi_ky.tham_quyen = v); }/></label>
            <label class="field"><span>{field_text("cv")}</span>
                <input type="text" data-testid="t-nguoi_ky.chuc_vu" value=initial(|r| r.nguoi_ky.chuc_vu.clone())
                    on:input=move |ev| { let v = event_target_value(&ev); st.edit_thpl(id, |r| r.report.nguoi_ky.chuc_vu = v); }/></label>
            <label class="field"><span>{field_text("ht")}</span>
                <input type="text" data-testid="t-nguoi_ky.ho_ten" value=initial(|r| r.nguoi_ky.ho_ten.clone())
                    on:input=move |ev| { let v = event_target_value(&ev); st.edit_thpl(id, |r| r.report.nguoi_ky.ho_ten = v); }/></label>
            <label class="field"><span>{t!(i18n, thpl.f_recipients)}</span>
                <textarea data-testid="t-noi_nhan" prop:value=recipients
                    on:input=move |ev| {
                        let v = event_target_value(&ev);
                        let lines: Vec<String> = v.lines().map(|l| l.trim().to_string()).filter(|l| !l.is_empty()).collect();
                        st.edit_thpl(id, |r| r.report.noi_nhan = lines);
                    }></textarea></label>
        </section>
    }
}

/// The completeness list, section by section.
#[component]
fn Completeness(rec: Memo<Option<ThplRecord>>) -> impl IntoView {
    let i18n = use_i18n();
    let rows = move || {
        rec.get()
            .map(|r| completeness_by_section(&r.report))
            .unwrap_or_default()
    };
    view! {
        <section class="card" data-testid="thpl-completeness">
            <h2>{t!(i18n, thpl.completeness_heading)}</h2>
            <ul>
                {move || rows().into_iter().map(|s| {
                    let name = labels::section(i18n, s.section);
                    let code = s.section.code();
                    if s.missing.is_empty() {
                        view! { <li data-testid=format!("thpl-done-{code}")><span class="badge badge--ok">{t!(i18n, thpl.section_complete)}</span>" "{name}</li> }.into_any()
                    } else {
                        let fields = s.missing.iter().map(|f| labels::field(i18n, f)).collect::<Vec<_>>().join("; ");
                        view! { <li data-testid=format!("thpl-missing-{code}")><span class="badge badge--bad">{t!(i18n, thpl.section_incomplete)}</span>" "{name}": "{fields}</li> }.into_any()
                    }
                }).collect_view()}
            </ul>
        </section>
    }
}

/// Figures that contradict each other.
#[component]
fn Issues(report: Signal<Option<ThplReport>>) -> impl IntoView {
    let i18n = use_i18n();
    let issues = move || report.get().map(|r| consistency(&r)).unwrap_or_default();
    view! {
        <Show when=move || !issues().is_empty()>
            <section class="card" data-testid="thpl-issues" role="status">
                <h2>{t!(i18n, thpl.issues_heading)}</h2>
                <ul>{move || issues().into_iter().map(|i| view! { <li class="error-text">{labels::issue(i18n, i)}</li> }).collect_view()}</ul>
            </section>
        </Show>
    }
}

/// The JSON export: warns when incomplete, asks the exporter's name,
/// downloads the report file and records the stamp.
#[component]
fn Export(id: ReportId, rec: Memo<Option<ThplRecord>>) -> impl IntoView {
    let i18n = use_i18n();
    let state = AppState::expect();
    let name = RwSignal::new(
        rec.get_untracked()
            .and_then(|r| r.last_export.map(|s| s.by))
            .unwrap_or_default(),
    );
    let signing = use_context::<crate::ui::signing::Signing>();
    let message = RwSignal::new(None::<(bool, String)>);
    let n_missing = move || {
        rec.get()
            .map(|r| crate::report::thpl::checks::completeness(&r.report).len())
            .unwrap_or(0)
    };
    let export = move |_| {
        let by = name.get_untracked().trim().to_string();
        if by.is_empty() {
            message.set(Some((
                false,
                t_string!(i18n, reports.exporter_required).to_string(),
            )));
            return;
        }
        let Some(report) = rec.get_untracked().map(|r| r.report) else {
            return;
        };
        let now = BrowserClock.now();
        spawn_local(async move {
            let (file, how) = match crate::ui::signing::export_and_download(
                i18n,
                signing,
                ReportContent::TheoDoiThpl(report),
                now,
            )
            .await
            {
                Ok(f) => f,
                Err(e) => {
                    message.set(Some((false, e)));
                    return;
                }
            };
            let stamp = ExportStamp {
                at: now,
                by,
                content_sha256: file.content_sha256.clone(),
                file_name: file.file_name.clone(),
            };
            state.edit_thpl(id, |r| r.last_export = Some(stamp));
            // The stamp is the proof of what was sent: store it now.
            state.flush_now();
            let mut text = fill(
                t_string!(i18n, reports.exported_file),
                &[("file", file.file_name), ("hash", file.content_sha256)],
            );
            text.push(' ');
            text.push_str(&how.text(i18n));
            message.set(Some((true, text)));
        });
    };
    let status = move || {
        let r = rec.get()?;
        let s = r.last_export.as_ref()?;
        let changed = r.changed_since_export();
        Some(view! {
            <p class="muted small" data-testid="thpl-export-status">
                {fill(t_string!(i18n, thpl.exported_at), &[("file", s.file_name.clone()), ("hash", s.content_sha256.clone())])}
                {changed.then(|| view! { " " <strong class="warning">{t!(i18n, thpl.changed_since_export)}</strong> })}
            </p>
        })
    };
    view! {
        <section class="card export-panel" data-testid="thpl-export">
            <h2>{t!(i18n, reports.export_heading)}</h2>
            <p class="muted small">{t!(i18n, reports.export_data_file_note)}</p>
            {status}
            <Show when=move || { n_missing() > 0 }>
                <p class="warning" data-testid="thpl-export-warn">
                    {move || fill(t_string!(i18n, reports.export_warn_missing), &[("n", n_missing().to_string())])}
                </p>
            </Show>
            <label class="field">
                <span>{t!(i18n, reports.exporter_name)}</span>
                <input type="text" data-testid="thpl-exporter" autocomplete="name"
                    prop:value=move || name.get() on:input=move |ev| name.set(event_target_value(&ev))/>
            </label>
            <button type="button" class="btn btn--primary" data-testid="thpl-export-btn" on:click=export>
                {t!(i18n, reports.export_json)}
            </button>
            {move || message.get().map(|(ok, m)| view! {
                <p class=if ok { "notice-ok" } else { "error-text" } role="status" data-testid="thpl-export-message">{m}</p>
            })}
        </section>
    }
}
