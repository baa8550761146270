//! The template area: the library of checklist templates
//! ("/cai-dat/mau-phieu") and the editor that saves new versions
//! ("/cai-dat/mau-phieu/:id").

mod draft;
mod editor;
mod list;
pub mod messages;
mod preview;

pub use editor::TemplateEditor;
pub use list::TemplateList;
