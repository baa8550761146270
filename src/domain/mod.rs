//! The business rules of inspecting law enforcement: plans, teams,
//! inspections, checklist templates and answers, findings. Pure Rust (std,
//! serde, chrono, thiserror, uuid, sha2): no browser crate, no clock or
//! random source of its own (both are injected: [`clock::Clock`], [`ids::IdGen`]).
//!
//! Glossary (Vietnamese — English — where in the code):
//! - Kế hoạch kiểm tra — inspection plan — [`plan::Plan`]
//! - Kế hoạch theo dõi thi hành pháp luật (THPL) — plan for monitoring law
//!   implementation — [`plan::PlanKind::TheoDoiThpl`]
//! - Xử lý vi phạm hành chính (XLVPHC) — handling of administrative violations
//! - Số, ký hiệu — number and code of a document — [`text::DocNumber`]
//! - Căn cứ — legal basis — [`plan::LegalBasis`]
//! - Phương thức (định kỳ, theo địa bàn, chuyên đề, theo ngành/lĩnh vực, đột
//!   xuất) — method — [`catalog::PlanMethod`]
//! - Lĩnh vực, phạm vi — field, scope — [`plan::FieldRef`], [`catalog::FocusField`]
//! - Đối tượng được kiểm tra — inspected unit — [`plan::InspectedUnit`]
//! - Thời gian / thời kỳ kiểm tra — inspection window / review period
//! - Thời hạn kiểm tra, gia hạn, tạm dừng — duration, extension, pause
//! - Ngày làm việc — working day — [`workdays`]
//! - Đoàn kiểm tra (liên ngành), trưởng đoàn, phó trưởng đoàn, thành viên —
//!   (inter-sectoral) team, head, deputy head, member — [`team::Team`]
//! - Quyết định kiểm tra — inspection decision — [`inspection::Decision`]
//! - Cuộc kiểm tra — inspection — [`inspection::Inspection`]
//! - Mẫu phiếu kiểm tra, nhóm, tiêu chí — checklist template, group, item —
//!   [`template::Template`]
//! - Đạt / không đạt / không áp dụng / chưa kiểm tra — item status —
//!   [`answer::ItemStatus`]
//! - Phát hiện (hạn chế, vướng mắc, bất cập, chồng chéo, sai sót, vi phạm) —
//!   finding and its kind — [`finding::Finding`], [`catalog::FindingKind`]
//! - Hành vi vi phạm — violation behaviour — [`catalog::VIOLATION_BEHAVIOURS`]
//! - Hình thức kỷ luật — discipline form — [`catalog::DisciplineForm`]
//! - Kết luận kiểm tra, kiến nghị — conclusion, recommendation —
//!   [`inspection::Conclusion`]
//! - Theo dõi thực hiện kết luận: kiến nghị (chưa thực hiện, đang thực hiện,
//!   đã thực hiện, thực hiện một phần, không thực hiện), quyết định kỷ luật,
//!   kiến nghị sửa đổi văn bản — follow-up — [`followup`]
//! - Bổ sung (sau khi khóa) — addendum (after locking) — [`inspection::Addendum`]
//! - Cơ quan ban hành, người ký (TM., KT.) — issuing body, signer (prefix) —
//!   [`plan::IssuingBody`], [`plan::Signer`]
//! - Địa danh — place name — [`text::format_place_date`]
//! - Văn bản có hiệu lực theo ngày — the text in force on a date —
//!   [`legal_texts`]

pub mod answer;
pub mod answers;
pub mod builtin;
pub mod catalog;
pub mod clock;
pub mod error;
pub mod evidence;
pub mod finding;
pub mod followup;
pub mod ids;
pub mod inspection;
pub mod legal_texts;
pub mod plan;
pub mod team;
pub mod template;
pub mod text;
pub mod workdays;
pub mod workspace;

pub use error::DomainError;
