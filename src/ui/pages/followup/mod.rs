//! The follow-up area (theo dõi kiến nghị): the list of recommendations of
//! completed inspections with counts and filters, the overview's overdue
//! card, and the printable, exportable list of proposals to amend legal
//! texts.

mod amendments;
pub mod labels;
mod list;

pub use amendments::AmendmentListPage;
pub use list::{FollowUpPage, OverdueRecommendations, SummaryCounts};
