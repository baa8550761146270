//! Reports for the Department of Justice: the list of periodic reports and
//! the inspection report export (`list`), the periodic report editor
//! (`editor`), its print layout (`print`) and the file check (`verify`).
//! Periodic reports are stored records (`AppState::reports`).

mod checks;
pub(crate) mod common;
mod due;
mod editor;
mod export;
pub(crate) mod fields;
pub(crate) mod inputs;
mod inspection_export;
mod list;
mod lists;
mod print;
pub(crate) mod verify;

pub use editor::PeriodicReportEditor;
pub use list::ReportList;
pub use print::ReportPrint;
pub use verify::VerifyFile;
