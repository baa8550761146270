//! List parts of the periodic report: "counts by type with a description"
//! (sanction forms and remedial measures; preventive and securing measures)
//! and the common types of violation. Rows are added and removed with
//! buttons; the rows are drawn again only when the list's shape changes, so
//! typing never loses the caret.

use super::inputs::{CountInput, TextInput};
use crate::domain::ids::ReportId;
use crate::report::periodic::{CommonViolation, CountsWithText, NamedCount, PeriodicReport};
use crate::state::AppState;
use crate::ui::i18n::{t, t_string, use_i18n};
use leptos::prelude::*;

/// Reads one `CountsWithText` of a report.
pub type ReadCounts = fn(&PeriodicReport) -> &CountsWithText;
/// Reaches one `CountsWithText` of a report, to change it.
pub type WriteCounts = fn(&mut PeriodicReport) -> &mut CountsWithText;

fn sub_code(code: &'static str, suffix: &'static str) -> &'static str {
    // The codes are the fixed set of `periodic_checks`; match them so that
    // the strings are static without allocating.
    match (code, suffix) {
        ("xu_phat.hinh_thuc_xu_phat_khac_phuc", "mo_ta") => {
            "xu_phat.hinh_thuc_xu_phat_khac_phuc.mo_ta"
        }
        ("xu_phat.hinh_thuc_xu_phat_khac_phuc", "ten") => {
            "xu_phat.hinh_thuc_xu_phat_khac_phuc.chi_tiet.ten"
        }
        ("xu_phat.hinh_thuc_xu_phat_khac_phuc", _) => {
            "xu_phat.hinh_thuc_xu_phat_khac_phuc.chi_tiet.so_luong"
        }
        (_, "mo_ta") => "xu_phat.bien_phap_ngan_chan_bao_dam.mo_ta",
        (_, "ten") => "xu_phat.bien_phap_ngan_chan_bao_dam.chi_tiet.ten",
        _ => "xu_phat.bien_phap_ngan_chan_bao_dam.chi_tiet.so_luong",
    }
}

/// A description plus named counts.
#[component]
pub fn CountsWithTextEditor(
    id: ReportId,
    code: &'static str,
    read: ReadCounts,
    write: WriteCounts,
) -> impl IntoView {
    let i18n = use_i18n();
    let lang = crate::ui::lang::use_lang();
    let state = AppState::expect();
    let shape = RwSignal::new(0u32);
    let initial = state
        .reports
        .with_untracked(|m| m.get(&id).map(|r| read(&r.report).clone()))
        .unwrap_or_default();
    let mo_ta = sub_code(code, "mo_ta");
    let ten_code = sub_code(code, "ten");
    let count_code = sub_code(code, "so_luong");
    let rows = move || {
        shape.get();
        let list = state
            .reports
            .with_untracked(|m| m.get(&id).map(|r| read(&r.report).chi_tiet.clone()))
            .unwrap_or_default();
        list.into_iter()
            .enumerate()
            .map(|(i, row)| {
                view! {
                    <div class="list-row" role="group">
                        <TextInput code=ten_code index=i initial=row.ten
                            on_set=move |v| { state.edit_report(id, |r| {
                                if let Some(x) = write(&mut r.report).chi_tiet.get_mut(i) { x.ten = v; }
                            }); }/>
                        <CountInput code=count_code index=i initial=row.so_luong
                            on_set=move |v| { state.edit_report(id, |r| {
                                if let Some(x) = write(&mut r.report).chi_tiet.get_mut(i) { x.so_luong = v; }
                            }); }/>
                        <button type="button" class="btn btn--danger"
                            aria-label=move || format!("{} #{}", t_string!(i18n, reports.remove_row), i + 1)
                            on:click=move |_| {
                                state.edit_report(id, |r| {
                                    let l = &mut write(&mut r.report).chi_tiet;
                                    if i < l.len() { l.remove(i); }
                                });
                                shape.update(|n| *n += 1);
                            }>
                            {t!(i18n, reports.remove_row)}
                        </button>
                    </div>
                }
            })
            .collect_view()
    };
    view! {
        <fieldset class="sub-fieldset">
            <legend>{move || super::fields::label(code, lang.get() == crate::i18n::Lang::Vi)}</legend>
            <TextInput code=mo_ta initial=initial.mo_ta multiline=true
                on_set=move |v| { state.edit_report(id, |r| write(&mut r.report).mo_ta = v); }/>
            {rows}
            <button type="button" class="btn" data-testid=format!("add-{code}")
                on:click=move |_| {
                    state.edit_report(id, |r| write(&mut r.report).chi_tiet.push(NamedCount::default()));
                    shape.update(|n| *n += 1);
                }>
                {t!(i18n, reports.add_type_row)}
            </button>
        </fieldset>
    }
}

/// The common types of violation (mô tả, lĩnh vực, số vụ).
#[component]
pub fn ViolationsEditor(id: ReportId) -> impl IntoView {
    let i18n = use_i18n();
    let lang = crate::ui::lang::use_lang();
    let state = AppState::expect();
    let shape = RwSignal::new(0u32);
    let missing_list = use_context::<super::inputs::FieldMarks>().map(|m| m.missing);
    let list_missing = move || {
        missing_list.is_some_and(|m| m.with(|v| v.contains(&("xu_phat.hanh_vi_pho_bien", None))))
    };
    let rows = move || {
        shape.get();
        let list = state
            .reports
            .with_untracked(|m| {
                m.get(&id)
                    .map(|r| r.report.xu_phat.hanh_vi_pho_bien.clone())
            })
            .unwrap_or_default();
        list.into_iter()
            .enumerate()
            .map(|(i, row)| {
                let edit = move |f: Box<dyn FnOnce(&mut CommonViolation)>| {
                    state.edit_report(id, |r| {
                        if let Some(x) = r.report.xu_phat.hanh_vi_pho_bien.get_mut(i) {
                            f(x);
                        }
                    });
                };
                view! {
                    <div class="list-row" role="group">
                        <TextInput code="xu_phat.hanh_vi_pho_bien.mo_ta" index=i initial=row.mo_ta
                            on_set=move |v| edit(Box::new(move |x| x.mo_ta = v))/>
                        <TextInput code="xu_phat.hanh_vi_pho_bien.linh_vuc" index=i initial=row.linh_vuc
                            on_set=move |v| edit(Box::new(move |x| x.linh_vuc = v))/>
                        <CountInput code="xu_phat.hanh_vi_pho_bien.so_vu" index=i initial=row.so_vu
                            on_set=move |v| edit(Box::new(move |x| x.so_vu = v))/>
                        <button type="button" class="btn btn--danger"
                            aria-label=move || format!("{} #{}", t_string!(i18n, reports.remove_row), i + 1)
                            on:click=move |_| {
                                state.edit_report(id, |r| {
                                    let l = &mut r.report.xu_phat.hanh_vi_pho_bien;
                                    if i < l.len() { l.remove(i); }
                                });
                                shape.update(|n| *n += 1);
                            }>
                            {t!(i18n, reports.remove_row)}
                        </button>
                    </div>
                }
            })
            .collect_view()
    };
    view! {
        <fieldset class="sub-fieldset" class:field--missing=list_missing>
            <legend>{move || super::fields::label("xu_phat.hanh_vi_pho_bien", lang.get() == crate::i18n::Lang::Vi)}</legend>
            {rows}
            <button type="button" class="btn" data-testid="add-violation"
                on:click=move |_| {
                    state.edit_report(id, |r| r.report.xu_phat.hanh_vi_pho_bien.push(CommonViolation::default()));
                    shape.update(|n| *n += 1);
                }>
                {t!(i18n, reports.add_violation_row)}
            </button>
        </fieldset>
    }
}
