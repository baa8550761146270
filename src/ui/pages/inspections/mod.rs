//! The inspections area: the list, the inspection page (checklist filling
//! by mouse or keyboard, findings, conclusion, lifecycle and addenda), the
//! follow-up of a completed inspection's conclusion, the move of a
//! checklist to a newer template version, and the print view.

mod add_checklist;
mod answer_input;
mod attachments;
mod checklist;
mod conclusion;
mod documents;
mod findings;
mod follow_up;
mod list;
mod migration;
mod page;
mod print;
mod shared;

pub use documents::{InspectionDecisionPrint, UnitNoticePrint};
pub use list::InspectionList;
pub use migration::MigrationPage;
pub use page::InspectionPage;
pub use print::InspectionPrint;
