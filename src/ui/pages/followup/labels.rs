//! Words for the follow-up: statuses and refused changes.

use crate::domain::followup::{FollowUpError, FollowUpStatus};
use crate::i18n::{fill, format_date};
use crate::ui::i18n::{t_string, Locale};
use leptos_i18n::I18nContext;

/// The i18n context.
pub type I18n = I18nContext<Locale>;

/// A recommendation status in words.
pub fn status_text(i18n: I18n, s: FollowUpStatus) -> String {
    match s {
        FollowUpStatus::ChuaThucHien => t_string!(i18n, followup.status_chua_thuc_hien),
        FollowUpStatus::DangThucHien => t_string!(i18n, followup.status_dang_thuc_hien),
        FollowUpStatus::DaThucHien => t_string!(i18n, followup.status_da_thuc_hien),
        FollowUpStatus::ThucHienMotPhan => t_string!(i18n, followup.status_thuc_hien_mot_phan),
        FollowUpStatus::KhongThucHien => t_string!(i18n, followup.status_khong_thuc_hien),
    }
    .to_string()
}

/// A refused follow-up change in words.
pub fn error_text(i18n: I18n, e: &FollowUpError) -> String {
    use FollowUpError as E;
    match e {
        E::CloseWithoutDate => t_string!(i18n, followup.err_close_without_date).to_string(),
        E::OpenWithCloseDate => t_string!(i18n, followup.err_open_with_close_date).to_string(),
        E::DateInFuture { date } => fill(
            t_string!(i18n, followup.err_date_future),
            &[("date", format_date(*date))],
        ),
        E::ReopenWithoutNote => t_string!(i18n, followup.err_reopen_note).to_string(),
        E::ReasonRequired => t_string!(i18n, followup.err_reason).to_string(),
        E::EmptyUpdate => t_string!(i18n, followup.err_empty_update).to_string(),
        E::NoSuchRecommendation => t_string!(i18n, followup.err_no_such).to_string(),
        E::NoDisciplineProposal => t_string!(i18n, followup.err_no_proposal).to_string(),
        E::DecisionAlreadyRecorded => t_string!(i18n, followup.err_decided).to_string(),
        E::NoDecisionToExecute => t_string!(i18n, followup.err_no_decision).to_string(),
        E::FieldEmpty { .. } => t_string!(i18n, followup.err_field_empty).to_string(),
        E::DateBefore { date, before } => fill(
            t_string!(i18n, followup.err_date_before),
            &[
                ("date", format_date(*date)),
                ("before", format_date(*before)),
            ],
        ),
        E::FormNotInForce { date, .. } => fill(
            t_string!(i18n, followup.err_form_not_in_force),
            &[("date", format_date(*date))],
        ),
        E::BehaviourNotInForce { date, .. } => fill(
            t_string!(i18n, followup.err_behaviour_not_in_force),
            &[("date", format_date(*date))],
        ),
        E::AmendmentNotLawProblem => t_string!(i18n, followup.err_amend_kind).to_string(),
    }
}
