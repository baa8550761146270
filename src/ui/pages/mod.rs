//! One module per area; each area's folder has one component per route.

pub mod followup;
pub mod inspections;
pub mod not_found;
pub mod overview;
pub mod plans;
pub mod reports;
pub mod rounds;
pub mod settings;
pub mod templates;
pub mod thpl;
