//! The plans area: the plan list ("/ke-hoach"), the plan editor
//! ("/ke-hoach/:id") and the printable plan ("/ke-hoach/:id/in"), plus the
//! sample data used by the overview.

pub mod demo;
pub mod demo_controls;
mod editor;
mod editor_lists;
mod fields;
pub mod labels;
mod list;
mod print;
mod print_button;
mod search;
mod teams;

pub use editor::PlanEditor;
pub use list::{PlanList, UndoNotice};
pub use print::PlanPrint;
