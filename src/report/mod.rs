//! Reports for the Department of Justice (Sở Tư pháp), their canonical JSON
//! form and integrity hash. Pure Rust.
