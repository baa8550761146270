//! One module per route.

pub mod consolidation;
pub mod inspections;
pub mod not_found;
pub mod overview;
pub mod plans;
pub mod reports;
pub mod settings;
