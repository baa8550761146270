//! Durable storage of records in a key-value store (localStorage in the
//! browser), with versioned envelopes, migrations and quarantine. Pure Rust.
