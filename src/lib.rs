//! KiểmTra: an offline-first web app for Vietnamese teams that inspect how the
//! law on handling administrative violations (XLVPHC) is enforced and monitor
//! law implementation (theo dõi THPL).
//!
//! Layers (see README "Where things are"):
//! - `domain`, `storage`, `report`, `i18n`: pure Rust, built and tested on the
//!   host with `cargo test`; they never name a browser crate
//!   (`tests/architecture.rs` checks this).
//! - `platform`, `state`, `ui`: the browser side, compiled for wasm32 only.

pub mod domain;
pub mod i18n;
pub mod json_limits;
pub mod persist;
pub mod report;
pub mod storage;

#[cfg(target_arch = "wasm32")]
pub mod platform;
#[cfg(target_arch = "wasm32")]
pub mod state;
#[cfg(target_arch = "wasm32")]
pub mod ui;

/// The app's own version, written into every stored envelope and export.
pub const APP_VERSION: &str = env!("CARGO_PKG_VERSION");
