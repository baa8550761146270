//! The built-in checklist templates, shipped as JSON data in the format of
//! `template-format.md` (parsed by `domain::template`).
//!
//! The content is taken only from the project's legal reference
//! (`legal-reference.md`, sections (a) and (f), and its addendum); each item
//! carries its binding legal basis (`legal_basis`: only citations listed in
//! `citations.json` with the reference section that supports them, or the
//! statement that nothing binding is known), the non-binding source it was
//! taken from (`origin`: a real plan, a report outline, a logbook) and the
//! reference's source tags. Where the sources were incomplete
//! the template's description says so instead of filling the gap:
//! - `xlvphc-nd19-2020`: the full text of NĐ 19/2020 Điều 11 was not found, so
//!   the items come from real plans and report outlines (QĐ 542/QĐ-BTP 2024,
//!   QĐ 4843/QĐ-UBND Hà Nội 2025, a đề cương báo cáo); the biên bản content
//!   list is partial.
//! - `theo-doi-thpl-nd59-2012`: criterion 3b is cut off, 3c and the TT 04/2021
//!   criteria were not retrieved.
//! - `linh-vuc-qd49-2021`: the 2021 focus fields of QĐ 49/QĐ-TTg.

/// `(template id, JSON text)` of every built-in template. The id equals the
/// file name and the `id` field inside the JSON.
pub const BUILTIN_TEMPLATES: &[(&str, &str)] = &[
    ("xlvphc-nd19-2020", include_str!("xlvphc-nd19-2020.json")),
    (
        "theo-doi-thpl-nd59-2012",
        include_str!("theo-doi-thpl-nd59-2012.json"),
    ),
    (
        "linh-vuc-qd49-2021",
        include_str!("linh-vuc-qd49-2021.json"),
    ),
];
