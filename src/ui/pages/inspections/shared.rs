//! Small pieces shared by the inspection pages: route parameters, narrow
//! memos over the workspace, element ids, status and warning texts, and the
//! dd/mm/yyyy date field.

use crate::domain::answer::AnswerKey;
use crate::domain::ids::{ChecklistRunId, InspectionId};
use crate::domain::inspection::{Inspection, InspectionStatus, InspectionWarning};
use crate::domain::template::Template;
use crate::i18n::{format_date, parse_date};
use crate::state::AppState;
use crate::ui::i18n::{t_string, use_i18n, Locale};
use chrono::NaiveDate;
use leptos::prelude::*;
use leptos_i18n::I18nContext;
use leptos_router::hooks::use_params_map;
use std::sync::Arc;
use uuid::Uuid;
use wasm_bindgen::JsCast;

/// The i18n context type used by the helpers below.
pub type I18n = I18nContext<Locale>;

/// A UUID route parameter (`None` when absent or malformed).
pub fn uuid_param(name: &'static str) -> Memo<Option<Uuid>> {
    let params = use_params_map();
    Memo::new(move |_| params.with(|p| p.get(name).and_then(|s| Uuid::parse_str(&s).ok())))
}

/// The inspection id of the current route.
pub fn inspection_param() -> Memo<Option<InspectionId>> {
    let id = uuid_param("id");
    Memo::new(move |_| id.get().map(InspectionId))
}

/// The checklist run id of the current route.
pub fn run_param() -> Memo<Option<ChecklistRunId>> {
    let id = uuid_param("run");
    Memo::new(move |_| id.get().map(ChecklistRunId))
}

/// Whether the inspection is locked (finalized or exported).
pub fn locked_memo(state: AppState, id: InspectionId) -> Memo<bool> {
    Memo::new(move |_| {
        state
            .ws
            .with(|ws| ws.inspection(id).is_some_and(Inspection::is_locked))
    })
}

/// The template version a run is pinned to, resolved once per pin (the
/// content hash is checked only when the pin changes, not on every answer).
pub fn run_template(
    state: AppState,
    id: InspectionId,
    run: ChecklistRunId,
) -> Memo<Option<Arc<Template>>> {
    let pin = Memo::new(move |_| {
        state.ws.with(|ws| {
            ws.inspection(id)
                .and_then(|i| i.checklist(run))
                .map(|r| r.template.clone())
        })
    });
    Memo::new(move |_| {
        let r = pin.get()?;
        state
            .ws
            .with_untracked(|ws| ws.templates().resolve(&r).ok().cloned().map(Arc::new))
    })
}

/// Element id of an item row.
pub fn row_dom_id(run: ChecklistRunId, key: &AnswerKey) -> String {
    let short: String = run.0.simple().to_string().chars().take(8).collect();
    format!("row-{short}-{}-{}-{}", key.group, key.instance, key.item)
}

/// Element id of a finding card.
pub fn finding_dom_id(id: crate::domain::ids::FindingId) -> String {
    format!("finding-{}", id.0.simple())
}

/// Focuses (and so scrolls to) the element with this id, if present.
pub fn focus_id(id: &str) -> bool {
    let el = document().get_element_by_id(id);
    match el.and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
        Some(h) => h.focus().is_ok(),
        None => false,
    }
}

/// Text of a lifecycle status.
pub fn status_text(i18n: I18n, s: InspectionStatus) -> String {
    match s {
        InspectionStatus::Draft => t_string!(i18n, inspection.status_draft).to_string(),
        InspectionStatus::InProgress => t_string!(i18n, inspection.status_in_progress).to_string(),
        InspectionStatus::Finalized => t_string!(i18n, inspection.status_finalized).to_string(),
        InspectionStatus::Exported => t_string!(i18n, inspection.status_exported).to_string(),
    }
}

/// Code of a status for CSS classes and test ids.
pub fn status_code(s: InspectionStatus) -> &'static str {
    match s {
        InspectionStatus::Draft => "draft",
        InspectionStatus::InProgress => "in_progress",
        InspectionStatus::Finalized => "finalized",
        InspectionStatus::Exported => "exported",
    }
}

pub use crate::i18n::fill;

/// A timing warning in plain words.
pub fn warning_text(i18n: I18n, w: &InspectionWarning) -> String {
    match *w {
        InspectionWarning::DurationOverLimit {
            working_days,
            limit,
        } => fill(
            t_string!(i18n, inspection.warn_duration),
            &[
                ("days", working_days.to_string()),
                ("limit", limit.to_string()),
            ],
        ),
        InspectionWarning::ExtensionTooLong { days, max } => fill(
            t_string!(i18n, inspection.warn_extension),
            &[("days", days.to_string()), ("max", max.to_string())],
        ),
        InspectionWarning::DecisionNoticeShort { days_before, min } => fill(
            t_string!(i18n, inspection.warn_notice),
            &[("days", days_before.to_string()), ("min", min.to_string())],
        ),
        InspectionWarning::ConclusionDraftLate {
            days_after_fieldwork,
            max,
        } => fill(
            t_string!(i18n, inspection.warn_draft_late),
            &[
                ("days", days_after_fieldwork.to_string()),
                ("max", max.to_string()),
            ],
        ),
    }
}

/// Formats an optional date, or a dash.
pub fn date_or_dash(d: Option<NaiveDate>) -> String {
    d.map(format_date).unwrap_or_else(|| "—".to_string())
}

/// A labelled dd/mm/yyyy text field. The text is left as typed until the
/// field loses focus; then it is read (empty clears the date) and `on_set`
/// decides. A refused or unreadable date shows a message and keeps the text.
#[component]
pub fn DateField(
    /// Visible label.
    label: Signal<String>,
    /// Stored value.
    value: Signal<Option<NaiveDate>>,
    /// Saves a value; returns an error message when refused.
    on_set: Callback<Option<NaiveDate>, Option<String>>,
    /// Disabled (locked inspection).
    #[prop(into)]
    disabled: Signal<bool>,
    /// Element id and test id.
    #[prop(into)]
    id: String,
) -> impl IntoView {
    let i18n = use_i18n();
    let error = RwSignal::new(None::<String>);
    let on_change = move |ev: leptos::ev::Event| {
        let text = event_target_value(&ev);
        let text = text.trim();
        let parsed = if text.is_empty() {
            Some(None)
        } else {
            parse_date(text).map(Some)
        };
        match parsed {
            None => error.set(Some(t_string!(i18n, inspection.date_invalid).to_string())),
            Some(d) => error.set(on_set.run(d)),
        }
    };
    let tid = id.clone();
    view! {
        <label class="field">
            <span>{move || label.get()}</span>
            <input type="text" id=id data-testid=tid inputmode="numeric" placeholder=move || t_string!(i18n, plans.date_placeholder)
                prop:value=move || value.get().map(format_date).unwrap_or_default()
                disabled=move || disabled.get()
                on:change=on_change/>
            {move || error.get().map(|e| view! { <span class="error-text" role="alert">{e}</span> })}
        </label>
    }
}

/// A domain error in words (the common cases; others in a generic line).
pub fn error_text(i18n: I18n, e: &crate::domain::error::DomainError) -> String {
    use crate::domain::error::DomainError as E;
    match e {
        E::Locked { .. } => t_string!(i18n, inspection.err_locked).to_string(),
        E::InvalidRange { .. } => t_string!(i18n, inspection.err_range).to_string(),
        E::Incomplete { .. } => t_string!(i18n, inspection.err_incomplete).to_string(),
        E::InvalidTransition { .. } => t_string!(i18n, inspection.err_transition).to_string(),
        E::FollowUp { error } => crate::ui::pages::followup::labels::error_text(i18n, error),
        E::NotFinalized { .. } => t_string!(i18n, followup.err_not_finalized).to_string(),
        _ => format!("{}: {e}", t_string!(i18n, inspection.err_generic)),
    }
}

/// An answer in words: status and value, e.g. "Không đạt", "Có",
/// "1.234.567 đ", "3", a date, the text, or the documents.
pub fn answer_summary(
    i18n: I18n,
    a: &crate::domain::answer::Answer,
    ty: crate::domain::template::AnswerType,
) -> String {
    use crate::domain::answer::{AnswerValue, ItemStatus};
    use crate::i18n::{format_money, format_number};
    if a.status == ItemStatus::KhongApDung {
        return t_string!(i18n, inspection.answer_kad).to_string();
    }
    let status = match a.status {
        ItemStatus::Dat => Some(t_string!(i18n, inspection.answer_dat)),
        ItemStatus::KhongDat => Some(t_string!(i18n, inspection.answer_khong_dat)),
        _ => None,
    };
    let value = a.value.as_ref().map(|v| match v {
        AnswerValue::YesNo(true) => t_string!(i18n, inspection.answer_yes).to_string(),
        AnswerValue::YesNo(false) => t_string!(i18n, inspection.answer_no).to_string(),
        AnswerValue::Count(n) => format_number(i64::try_from(*n).unwrap_or(i64::MAX)),
        AnswerValue::Money(m) => format_money(*m),
        AnswerValue::Date(d) => format_date(*d),
        AnswerValue::Text(s) => s.clone(),
        AnswerValue::Documents(docs) => docs
            .iter()
            .map(|d| {
                let date = d.date.map(format_date).unwrap_or_default();
                [
                    d.doc_type.as_str(),
                    d.number.as_str(),
                    date.as_str(),
                    d.summary.as_str(),
                ]
                .iter()
                .filter(|s| !s.trim().is_empty())
                .copied()
                .collect::<Vec<_>>()
                .join(" ")
            })
            .collect::<Vec<_>>()
            .join("; "),
    });
    let parts: Vec<String> = status
        .map(str::to_string)
        .into_iter()
        .chain(value)
        .filter(|s| !s.is_empty())
        .collect();
    if parts.is_empty() || !a.is_answered(ty) && parts.is_empty() {
        t_string!(i18n, inspection.answer_chua).to_string()
    } else {
        parts.join(" — ")
    }
}
