//! Small pieces shared by the report pages: names of regimes, period kinds
//! and reporting levels, the period line, the timeliness and export-status
//! badges, and parsing a report id from the route.

use crate::domain::clock::Clock;
use crate::domain::ids::ReportId;
use crate::i18n::{format_date, format_date_time};
use crate::persist::ReportRecord;
use crate::platform::clock::BrowserClock;
use crate::report::period::PeriodKind;
use crate::report::{timeliness, Regime, ReportPeriod, ReporterLevel, Timeliness};
use crate::ui::i18n::{t_string, Locale};
use chrono::NaiveDate;
use leptos::prelude::*;

/// The i18n context type of this app.
pub type I18n = leptos_i18n::I18nContext<Locale>;

pub use crate::i18n::fill;

/// Every period kind, in picker order.
pub const PERIOD_KINDS: [PeriodKind; 5] = [
    PeriodKind::DinhKyNam,
    PeriodKind::SauThangDau,
    PeriodKind::SauThangCuoi,
    PeriodKind::ChuyenDe,
    PeriodKind::DotXuat,
];

/// Both reporting levels, in picker order.
pub const LEVELS: [ReporterLevel; 2] = [
    ReporterLevel::GuiBoTuPhap,
    ReporterLevel::GuiCapTrenTrucTiep,
];

/// Stable code of a period kind (the serde form), for `<select>` values.
pub fn kind_code(k: PeriodKind) -> &'static str {
    match k {
        PeriodKind::DinhKyNam => "dinh_ky_nam",
        PeriodKind::SauThangDau => "sau_thang_dau",
        PeriodKind::SauThangCuoi => "sau_thang_cuoi",
        PeriodKind::ChuyenDe => "chuyen_de",
        PeriodKind::DotXuat => "dot_xuat",
        PeriodKind::KeHoachNam => "ke_hoach_nam",
    }
}

/// The period kind of a `<select>` value.
pub fn kind_from_code(s: &str) -> PeriodKind {
    PERIOD_KINDS
        .into_iter()
        .find(|k| kind_code(*k) == s)
        .unwrap_or(PeriodKind::DinhKyNam)
}

/// Stable code of a regime, for `<select>` values.
pub fn regime_code(r: Regime) -> &'static str {
    match r {
        Regime::Tt16_2018 => "tt_16_2018",
        Regime::Tt01_2023 => "tt_01_2023_truoc_sua_doi",
        Regime::Tt01_2023SuaDoiTt19_2025 => "tt_01_2023",
    }
}

/// The regime of a `<select>` value.
pub fn regime_from_code(s: &str) -> Regime {
    Regime::ALL
        .into_iter()
        .find(|r| regime_code(*r) == s)
        .unwrap_or(Regime::Tt01_2023SuaDoiTt19_2025)
}

/// Stable code of a level, for `<select>` values.
pub fn level_code(l: ReporterLevel) -> &'static str {
    match l {
        ReporterLevel::GuiBoTuPhap => "gui_bo_tu_phap",
        ReporterLevel::GuiCapTrenTrucTiep => "gui_cap_tren_truc_tiep",
    }
}

/// The level of a `<select>` value.
pub fn level_from_code(s: &str) -> ReporterLevel {
    LEVELS
        .into_iter()
        .find(|l| level_code(*l) == s)
        .unwrap_or(ReporterLevel::GuiCapTrenTrucTiep)
}

/// Short name of a regime.
pub fn regime_name(i18n: I18n, r: Regime) -> String {
    match r {
        Regime::Tt16_2018 => t_string!(i18n, reports.regime_tt16).to_string(),
        Regime::Tt01_2023 => t_string!(i18n, reports.regime_tt01_orig).to_string(),
        Regime::Tt01_2023SuaDoiTt19_2025 => t_string!(i18n, reports.regime_tt01).to_string(),
    }
}

/// Name of a period kind.
pub fn kind_name(i18n: I18n, k: PeriodKind) -> String {
    match k {
        PeriodKind::DinhKyNam => t_string!(i18n, reports.kind_dinh_ky_nam),
        PeriodKind::SauThangDau => t_string!(i18n, reports.kind_sau_thang_dau),
        PeriodKind::SauThangCuoi => t_string!(i18n, reports.kind_sau_thang_cuoi),
        PeriodKind::ChuyenDe => t_string!(i18n, reports.kind_chuyen_de),
        PeriodKind::DotXuat => t_string!(i18n, reports.kind_dot_xuat),
        PeriodKind::KeHoachNam => t_string!(i18n, reports.kind_ke_hoach_nam),
    }
    .to_string()
}

/// Name of a reporting level.
pub fn level_name(i18n: I18n, l: ReporterLevel) -> String {
    match l {
        ReporterLevel::GuiBoTuPhap => t_string!(i18n, reports.level_bo_tu_phap),
        ReporterLevel::GuiCapTrenTrucTiep => t_string!(i18n, reports.level_cap_tren),
    }
    .to_string()
}

/// "Báo cáo định kỳ hằng năm 2021 (15/12/2020 – 14/12/2021)".
pub fn period_line(i18n: I18n, p: &ReportPeriod) -> String {
    let kind = kind_name(i18n, p.loai);
    let dates = format!("{} – {}", format_date(p.tu_ngay), format_date(p.den_ngay));
    if p.loai.has_explicit_dates() {
        format!("{kind} ({dates})")
    } else {
        format!("{kind} {} ({dates})", p.year())
    }
}

/// Today in Vietnam.
pub fn today() -> NaiveDate {
    BrowserClock.today()
}

/// The route's `:id` as a report id.
pub fn parse_report_id(s: &str) -> Option<ReportId> {
    s.parse::<uuid::Uuid>().ok().map(ReportId)
}

/// Timeliness of a report: by its export date once exported, else by today
/// (on time while the due date has not passed).
pub fn timeliness_of(rec: &ReportRecord, today: NaiveDate) -> (Timeliness, bool) {
    let due = rec.report.han_nop.han_nop;
    match &rec.last_export {
        Some(stamp) => (
            timeliness(due, crate::domain::clock::vietnam_date(stamp.at)),
            true,
        ),
        None => (timeliness(due, today), false),
    }
}

/// The timeliness badge: "Đúng hạn", "Trễ 3 ngày", "Chưa đến hạn", "Quá hạn 3 ngày".
#[component]
pub fn TimelinessBadge(rec: Signal<Option<ReportRecord>>) -> impl IntoView {
    let i18n = crate::ui::i18n::use_i18n();
    let text = move || {
        let rec = rec.get()?;
        let (t, sent) = timeliness_of(&rec, today());
        let (label, class) = match (t, sent) {
            (Timeliness::OnTime, true) => (t_string!(i18n, reports.on_time).to_string(), "ok"),
            (Timeliness::OnTime, false) => {
                let left = (rec.report.han_nop.han_nop - today()).num_days();
                (
                    fill(
                        t_string!(i18n, reports.not_due_yet),
                        &[("days", (left).to_string())],
                    )
                    .to_string(),
                    "ok",
                )
            }
            (Timeliness::Late { days }, true) => (
                fill(
                    t_string!(i18n, reports.late_by),
                    &[("days", (days).to_string())],
                )
                .to_string(),
                "bad",
            ),
            (Timeliness::Late { days }, false) => (
                fill(
                    t_string!(i18n, reports.overdue_by),
                    &[("days", (days).to_string())],
                )
                .to_string(),
                "bad",
            ),
        };
        Some(
            view! { <span class=format!("badge badge--{class}") data-testid="timeliness">{label}</span> },
        )
    };
    view! { {text} }
}

/// The export status: "Đã xuất lúc … (mã băm …)", "Đã sửa sau lần xuất", "Chưa xuất".
#[component]
pub fn ExportStatus(rec: Signal<Option<ReportRecord>>) -> impl IntoView {
    let i18n = crate::ui::i18n::use_i18n();
    let text = move || {
        let rec = rec.get()?;
        let (label, class) = match &rec.last_export {
            None => (t_string!(i18n, reports.not_exported).to_string(), "muted"),
            Some(_) if rec.changed_since_export() => (
                t_string!(i18n, reports.changed_after_export).to_string(),
                "warn",
            ),
            Some(stamp) => (
                fill(
                    t_string!(i18n, reports.exported_at),
                    &[
                        ("at", (format_date_time(stamp.at)).to_string()),
                        ("hash", (short_hash(&stamp.content_sha256)).to_string()),
                    ],
                )
                .to_string(),
                "ok",
            ),
        };
        Some(
            view! { <span class=format!("badge badge--{class}") data-testid="export-status">{label}</span> },
        )
    };
    view! { {text} }
}

/// The first 12 hex digits of a hash, for display.
pub fn short_hash(h: &str) -> String {
    h.chars().take(12).collect()
}
