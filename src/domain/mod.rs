//! The business rules of inspecting law enforcement: plans, teams,
//! inspections, checklist templates and answers, findings. Pure Rust.

pub mod builtin;
