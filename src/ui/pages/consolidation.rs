//! The consolidation page ("/tong-hop"): Sở Tư pháp staff load the periodic
//! report files of many units; each file is verified (invalid ones are
//! listed with the reason and left out), valid periodic reports are shown
//! per unit (period, timeliness by the file's generation date,
//! completeness), and the B1/B2 counts are summed per period, with a warning
//! when the files cover different periods. Nothing is stored: the files stay
//! in memory for this visit (the page says so).

use crate::i18n::{format_money, format_number, Lang};
use crate::report::envelope::ReportContent;
use crate::report::period::ReportPeriod;
use crate::report::{completeness, timeliness, verify, PeriodicReport, Timeliness, VerifyResult};
use crate::ui::i18n::{t, t_string, use_i18n};
use crate::ui::lang::use_lang;
use crate::ui::pages::reports::common::fill;
use crate::ui::pages::reports::common::period_line;
use crate::ui::pages::reports::fields;
use crate::ui::pages::reports::verify::{chosen_files, problem_text};
use leptos::prelude::*;
use leptos::task::spawn_local;

/// One loaded file.
#[derive(Clone)]
struct Loaded {
    name: String,
    result: VerifyResult,
}

/// A valid periodic report with its file.
#[derive(Clone, PartialEq)]
struct Valid {
    name: String,
    report: PeriodicReport,
    generated: chrono::NaiveDate,
}

type Getter = fn(&PeriodicReport) -> Option<u64>;

/// The summed figures, in form order (money last of B1).
const SUMS: &[(&str, Getter)] = &[
    ("xu_phat.so_vu_phat_hien", |r| r.xu_phat.so_vu_phat_hien),
    ("xu_phat.so_vu_bi_xu_phat", |r| r.xu_phat.so_vu_bi_xu_phat),
    ("xu_phat.doi_tuong_bi_xu_phat.ca_nhan", |r| {
        r.xu_phat.doi_tuong_bi_xu_phat.ca_nhan
    }),
    ("xu_phat.doi_tuong_bi_xu_phat.to_chuc", |r| {
        r.xu_phat.doi_tuong_bi_xu_phat.to_chuc
    }),
    ("xu_phat.tong_so_quyet_dinh", |r| {
        r.xu_phat.tong_so_quyet_dinh
    }),
    ("xu_phat.tong_tien_thu_vnd", |r| r.xu_phat.tong_tien_thu_vnd),
    ("xu_phat.so_gp_cchn_bi_tuoc", |r| {
        r.xu_phat.so_gp_cchn_bi_tuoc
    }),
    ("xu_phat.so_vu_dinh_chi_hoat_dong", |r| {
        r.xu_phat.so_vu_dinh_chi_hoat_dong
    }),
    ("xu_phat.so_qd_da_thi_hanh_xong", |r| {
        r.xu_phat.so_qd_da_thi_hanh_xong
    }),
    ("xu_phat.so_qd_hoan_giam_mien_phat_tien", |r| {
        r.xu_phat.so_qd_hoan_giam_mien_phat_tien
    }),
    ("xu_phat.so_qd_phai_cuong_che", |r| {
        r.xu_phat.so_qd_phai_cuong_che
    }),
    ("xu_phat.so_qd_bi_khieu_nai_khoi_kien", |r| {
        r.xu_phat.so_qd_bi_khieu_nai_khoi_kien
    }),
    ("xu_phat.so_nguoi_chua_thanh_nien_nhac_nho", |r| {
        r.xu_phat.so_nguoi_chua_thanh_nien_nhac_nho
    }),
    ("xu_phat.so_ho_so_chuyen_truy_cuu_hinh_su", |r| {
        r.xu_phat.so_ho_so_chuyen_truy_cuu_hinh_su
    }),
    ("xu_phat.so_ho_so_to_tung_chuyen_den_xu_phat", |r| {
        r.xu_phat.so_ho_so_to_tung_chuyen_den_xu_phat
    }),
    ("bien_phap_xlhc.so_vu_bi_khieu_nai_khoi_kien", |r| {
        r.bien_phap_xlhc.so_vu_bi_khieu_nai_khoi_kien
    }),
    (
        "bien_phap_xlhc.giao_duc_tai_xa.so_nguoi_bi_lap_ho_so",
        |r| r.bien_phap_xlhc.giao_duc_tai_xa.so_nguoi_bi_lap_ho_so,
    ),
    ("bien_phap_xlhc.giao_duc_tai_xa.so_nguoi_bi_ap_dung", |r| {
        r.bien_phap_xlhc.giao_duc_tai_xa.so_nguoi_bi_ap_dung
    }),
    (
        "bien_phap_xlhc.truong_giao_duong.so_nguoi_bi_lap_ho_so",
        |r| r.bien_phap_xlhc.truong_giao_duong.so_nguoi_bi_lap_ho_so,
    ),
    (
        "bien_phap_xlhc.truong_giao_duong.so_nguoi_bi_ap_dung",
        |r| r.bien_phap_xlhc.truong_giao_duong.so_nguoi_bi_ap_dung,
    ),
    (
        "bien_phap_xlhc.co_so_giao_duc_bat_buoc.so_nguoi_bi_lap_ho_so",
        |r| {
            r.bien_phap_xlhc
                .co_so_giao_duc_bat_buoc
                .so_nguoi_bi_lap_ho_so
        },
    ),
    (
        "bien_phap_xlhc.co_so_giao_duc_bat_buoc.so_nguoi_bi_ap_dung",
        |r| r.bien_phap_xlhc.co_so_giao_duc_bat_buoc.so_nguoi_bi_ap_dung,
    ),
    (
        "bien_phap_xlhc.co_so_cai_nghien_bat_buoc.so_nguoi_bi_lap_ho_so",
        |r| {
            r.bien_phap_xlhc
                .co_so_cai_nghien_bat_buoc
                .so_nguoi_bi_lap_ho_so
        },
    ),
    (
        "bien_phap_xlhc.co_so_cai_nghien_bat_buoc.so_nguoi_bi_ap_dung",
        |r| {
            r.bien_phap_xlhc
                .co_so_cai_nghien_bat_buoc
                .so_nguoi_bi_ap_dung
        },
    ),
    (
        "bien_phap_xlhc.so_nguoi_chua_thanh_nien_quan_ly_tai_gia_dinh",
        |r| {
            r.bien_phap_xlhc
                .so_nguoi_chua_thanh_nien_quan_ly_tai_gia_dinh
        },
    ),
    (
        "bien_phap_xlhc.so_nguoi_chua_thanh_nien_giao_duc_cong_dong",
        |r| r.bien_phap_xlhc.so_nguoi_chua_thanh_nien_giao_duc_cong_dong,
    ),
    ("bien_phap_xlhc.so_qd_giao_duc_tai_xa_tam_dinh_chi", |r| {
        r.bien_phap_xlhc.so_qd_giao_duc_tai_xa_tam_dinh_chi
    }),
];

fn num(v: u64, money: bool) -> String {
    let n = i64::try_from(v).unwrap_or(i64::MAX);
    if money {
        format_money(n)
    } else {
        format_number(n)
    }
}

/// The consolidation page.
#[component]
pub fn Consolidation() -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let files = RwSignal::new(Vec::<Loaded>::new());
    let on_change = move |ev: leptos::ev::Event| {
        let chosen = chosen_files(&ev);
        spawn_local(async move {
            for f in chosen {
                let name = f.name();
                let result = match crate::platform::download::read_file_text(f).await {
                    Ok(text) => verify(&text),
                    Err(e) => {
                        VerifyResult::Malformed(crate::report::verify::Malformed::Structure(e))
                    }
                };
                files.update(|v| v.push(Loaded { name, result }));
            }
        });
    };
    let valid = Memo::new(move |_| {
        files.with(|v| {
            v.iter()
                .filter_map(|l| match &l.result {
                    VerifyResult::Valid { envelope } => match &envelope.report {
                        ReportContent::DinhKy(r) => Some(Valid {
                            name: l.name.clone(),
                            report: r.clone(),
                            generated: crate::domain::clock::vietnam_date(envelope.generated_at),
                        }),
                        ReportContent::KiemTra(_) => None,
                    },
                    _ => None,
                })
                .collect::<Vec<_>>()
        })
    });
    let excluded = move || {
        files.with(|v| {
            v.iter()
                .filter_map(|l| {
                    let reason = match &l.result {
                        VerifyResult::Valid { envelope } => match envelope.report {
                            ReportContent::KiemTra(_) => {
                                t_string!(i18n, reports.cons_not_periodic).to_string()
                            }
                            ReportContent::DinhKy(_) => return None,
                        },
                        other => problem_text(i18n, other).unwrap_or_default(),
                    };
                    Some((l.name.clone(), reason))
                })
                .collect::<Vec<_>>()
        })
    };
    let periods = move || {
        let mut ps: Vec<ReportPeriod> =
            valid.with(|v| v.iter().map(|x| x.report.ky_bao_cao).collect());
        ps.sort_by_key(|p| (p.tu_ngay, p.den_ngay));
        ps.dedup();
        ps
    };
    let unit_rows = move || {
        valid
            .get()
            .into_iter()
            .map(|v| {
                let r = &v.report;
                let t = match timeliness(r.han_nop.han_nop, v.generated) {
                    Timeliness::OnTime => t_string!(i18n, reports.on_time).to_string(),
                    Timeliness::Late { days } => fill(
                        t_string!(i18n, reports.late_by),
                        &[("days", (days).to_string())],
                    )
                    .to_string(),
                };
                let missing = completeness(r).len();
                let complete = if missing == 0 {
                    t_string!(i18n, reports.complete).to_string()
                } else {
                    fill(
                        t_string!(i18n, reports.missing_n),
                        &[("n", (missing).to_string())],
                    )
                    .to_string()
                };
                view! {
                    <tr data-testid="cons-unit-row">
                        <td>{r.don_vi_bao_cao.ten.clone()}</td>
                        <td>{period_line(i18n, &r.ky_bao_cao)}</td>
                        <td>{crate::i18n::format_date(r.han_nop.han_nop)}</td>
                        <td>{t}</td>
                        <td>{complete}</td>
                        <td><code>{v.name.clone()}</code></td>
                    </tr>
                }
            })
            .collect_view()
    };
    let sums = move || {
        let vi = lang.get() == Lang::Vi;
        periods()
            .into_iter()
            .map(|p| {
                let reports: Vec<PeriodicReport> = valid.with(|v| {
                    v.iter()
                        .filter(|x| x.report.ky_bao_cao == p)
                        .map(|x| x.report.clone())
                        .collect()
                });
                let n = reports.len();
                let rows = SUMS
                    .iter()
                    .map(|(code, get)| {
                        let entered: Vec<u64> = reports.iter().filter_map(get).collect();
                        let total = entered.iter().fold(0u64, |a, b| a.saturating_add(*b));
                        let not_entered = n - entered.len();
                        let money = *code == "xu_phat.tong_tien_thu_vnd";
                        view! {
                            <tr>
                                <td>{fields::label(code, vi)}</td>
                                <td class="num" data-testid=format!("sum-{code}")>{num(total, money)}</td>
                                <td class="muted">{(not_entered > 0).then(|| fill(t_string!(i18n, reports.cons_not_entered_by), &[("n", (not_entered).to_string())]).to_string())}</td>
                            </tr>
                        }
                    })
                    .collect_view();
                view! {
                    <h3>{period_line(i18n, &p)}" · "{fill(t_string!(i18n, reports.cons_n_units), &[("n", (n).to_string())])}</h3>
                    <table class="data" data-testid="cons-sums">
                        <thead><tr>
                            <th scope="col">{t!(i18n, reports.cons_figure)}</th>
                            <th scope="col">{t!(i18n, reports.cons_total)}</th>
                            <th scope="col">{t!(i18n, reports.cons_note)}</th>
                        </tr></thead>
                        <tbody>{rows}</tbody>
                    </table>
                }
            })
            .collect_view()
    };
    view! {
        <section class="page" data-testid="page-consolidation">
            <h1>{t!(i18n, consolidation_title)}</h1>
            <p class="lead">{t!(i18n, reports.cons_lead)}</p>
            <p class="warning" data-testid="cons-memory-note">{t!(i18n, reports.cons_memory_note)}</p>
            <label class="field">
                <span>{t!(i18n, reports.cons_choose)}</span>
                <input type="file" multiple=true accept=".json,application/json" data-testid="cons-input" on:change=on_change/>
            </label>
            <Show when=move || !files.with(Vec::is_empty)>
                <button type="button" class="btn" on:click=move |_| files.set(Vec::new())>{t!(i18n, reports.cons_clear)}</button>
            </Show>
            <Show when=move || !excluded().is_empty()>
                <h2>{t!(i18n, reports.cons_excluded)}</h2>
                <ul class="issues" data-testid="cons-excluded">
                    {move || excluded().into_iter().map(|(name, reason)| view! {
                        <li class="issue issue--error"><code>{name}</code>": "{reason}</li>
                    }).collect_view()}
                </ul>
            </Show>
            <Show when=move || !valid.with(Vec::is_empty)>
                <h2>{t!(i18n, reports.cons_units)}</h2>
                <table class="data" data-testid="cons-units">
                    <thead><tr>
                        <th scope="col">{t!(i18n, reports.col_unit)}</th>
                        <th scope="col">{t!(i18n, reports.col_period)}</th>
                        <th scope="col">{t!(i18n, reports.col_due)}</th>
                        <th scope="col">{t!(i18n, reports.cons_timeliness)}</th>
                        <th scope="col">{t!(i18n, reports.col_completeness)}</th>
                        <th scope="col">{t!(i18n, reports.cons_file)}</th>
                    </tr></thead>
                    <tbody>{unit_rows}</tbody>
                </table>
                <h2>{t!(i18n, reports.cons_sums)}</h2>
                <Show when=move || { periods().len() > 1 }>
                    <p class="warning" role="alert" data-testid="cons-period-warning">{t!(i18n, reports.cons_periods_differ)}</p>
                </Show>
                {sums}
            </Show>
        </section>
    }
}
