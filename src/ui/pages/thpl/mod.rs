//! The yearly report on monitoring law implementation (báo cáo công tác
//! theo dõi tình hình thi hành pháp luật hằng năm), under the reports area:
//! the list and creation (`list`, "/bao-cao/theo-doi-thpl"), the editor
//! (`editor`, ".../:id") and the printed documents (`print`, ".../:id/in"
//! and ".../:id/kien-nghi"). The rules live in `report::thpl`; these pages
//! only show them. Reports are stored records (`AppState::thpl`).

mod editor;
pub(crate) mod labels;
mod list;
mod print;

pub use editor::ThplEditor;
pub(crate) use list::error_text;
pub use list::ThplList;
pub use print::{ThplAmendmentPrint, ThplPrint};

/// The area's route.
pub const BASE: &str = "/bao-cao/theo-doi-thpl";
