//! The on-disk envelope around every stored value, in this exact field
//! order (locked by `tests/storage_format_lock.rs`):
//! `{ "schema", "version", "app_version", "saved_at", "rev", "data" }`.
//! Also decoding a raw value into a record (with migration), and a cheap
//! nesting-depth scan used before parsing untrusted files.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;

use super::codec::{decode_stored, encode_stored};
use super::keys::RecordKind;
use super::migrate::upgrade;
use super::record::{CorruptReason, StoredRecord};

/// Envelope fields other than `data`, as read from storage.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EnvelopeHeader {
    /// Schema id, `kiemtra/<kind>`.
    pub schema: String,
    /// Schema version of `data`.
    pub version: u32,
    /// App version that wrote it.
    pub app_version: String,
    /// When it was written.
    pub saved_at: DateTime<Utc>,
    /// Storage revision.
    pub rev: u64,
}

#[derive(Serialize)]
struct EnvelopeOut<'a, D: Serialize> {
    schema: &'a str,
    version: u32,
    app_version: &'a str,
    saved_at: DateTime<Utc>,
    rev: u64,
    data: &'a D,
}

#[derive(Deserialize)]
pub(crate) struct EnvelopeIn {
    schema: String,
    version: u32,
    app_version: String,
    saved_at: DateTime<Utc>,
    rev: u64,
    data: Box<RawValue>,
}

impl EnvelopeIn {
    pub(crate) fn header(&self) -> EnvelopeHeader {
        EnvelopeHeader {
            schema: self.schema.clone(),
            version: self.version,
            app_version: self.app_version.clone(),
            saved_at: self.saved_at,
            rev: self.rev,
        }
    }

    pub(crate) fn data(&self) -> &str {
        self.data.get()
    }
}

/// Serialise `data` inside an envelope (compact JSON).
pub fn encode<D: Serialize>(
    header: &EnvelopeHeader,
    data: &D,
) -> Result<String, serde_json::Error> {
    serde_json::to_string(&EnvelopeOut {
        schema: &header.schema,
        version: header.version,
        app_version: &header.app_version,
        saved_at: header.saved_at,
        rev: header.rev,
        data,
    })
}

/// The text to store for `data` in an envelope: [`encode`], then the
/// storage encoding ([`encode_stored`]: compressed when smaller). Every
/// write of a record, the index and a journal entry goes through it.
pub fn encode_for_store<D: Serialize>(
    header: &EnvelopeHeader,
    data: &D,
) -> Result<String, serde_json::Error> {
    encode(header, data).map(encode_stored)
}

/// Parse an envelope from stored text (plain or compressed: see
/// [`decode_stored`]) and check its schema id.
pub(crate) fn parse(raw: &str, expected_schema: &str) -> Result<EnvelopeIn, CorruptReason> {
    let json = decode_stored(raw)?;
    let env: EnvelopeIn = serde_json::from_str(&json).map_err(|e| CorruptReason::Envelope {
        message: e.to_string(),
    })?;
    if env.schema != expected_schema {
        return Err(CorruptReason::WrongSchema { found: env.schema });
    }
    Ok(env)
}

/// Read only the header of any envelope of `kind` (rev, saved_at), without
/// knowing the record type.
pub fn read_header(raw: &str, kind: RecordKind) -> Result<EnvelopeHeader, CorruptReason> {
    parse(raw, &kind.schema_id()).map(|e| e.header())
}

/// A raw value decoded into a record type.
pub(crate) enum Decoded<T> {
    Current { record: T, rev: u64 },
    Migrated { record: T, rev: u64, from: u32 },
    Newer { version: u32 },
    Corrupt(CorruptReason),
}

/// Decode `raw` as `T`, whole. `key_id` is the id part of the key; a record
/// whose own id differs is corrupt (saving it would go to another key).
pub(crate) fn decode<T: StoredRecord>(raw: &str, key_id: &str) -> Decoded<T> {
    match decode_deferring::<T>(raw, key_id) {
        Decoded::Current { record, rev } => match record.check_deferred() {
            Ok(()) => Decoded::Current { record, rev },
            Err(message) => Decoded::Corrupt(CorruptReason::Data { message }),
        },
        other => other,
    }
}

/// [`decode`] as a start reads a current record: what the record leaves
/// for later ([`StoredRecord::check_deferred`]) is not read now. A
/// migrated record is read whole (it is written back at once).
pub(crate) fn decode_deferring<T: StoredRecord>(raw: &str, key_id: &str) -> Decoded<T> {
    match decode_now::<T>(raw, key_id) {
        Decoded::Migrated { record, rev, from } => match record.check_deferred() {
            Ok(()) => Decoded::Migrated { record, rev, from },
            Err(message) => Decoded::Corrupt(CorruptReason::Data { message }),
        },
        other => other,
    }
}

fn decode_now<T: StoredRecord>(raw: &str, key_id: &str) -> Decoded<T> {
    let env = match parse(raw, &T::KIND.schema_id()) {
        Ok(env) => env,
        Err(reason) => return Decoded::Corrupt(reason),
    };
    if env.version > T::VERSION {
        return Decoded::Newer {
            version: env.version,
        };
    }
    let parsed: Result<T, CorruptReason> = if env.version == T::VERSION {
        serde_json::from_str(env.data()).map_err(|e| CorruptReason::Data {
            message: e.to_string(),
        })
    } else {
        serde_json::from_str::<serde_json::Value>(env.data())
            .map_err(|e| CorruptReason::Data {
                message: e.to_string(),
            })
            .and_then(|v| upgrade::<T>(env.version, v).map_err(CorruptReason::Migration))
            // Through the text again rather than `from_value`: each record
            // type then has one deserializer in the wasm (the text one a
            // start uses for every current record), not a second one for
            // `Value` that only the rare migrated record needs (issue #17).
            .and_then(|v| {
                serde_json::from_str(&v.to_string()).map_err(|e| CorruptReason::Data {
                    message: e.to_string(),
                })
            })
    };
    let mut record = match parsed {
        Ok(r) => r,
        Err(reason) => return Decoded::Corrupt(reason),
    };
    if !T::KIND.is_singleton() && record.record_id() != key_id {
        return Decoded::Corrupt(CorruptReason::IdMismatch {
            found: record.record_id(),
        });
    }
    record.set_rev(env.rev);
    if env.version == T::VERSION {
        Decoded::Current {
            record,
            rev: env.rev,
        }
    } else {
        Decoded::Migrated {
            record,
            rev: env.rev,
            from: env.version,
        }
    }
}

/// Whether `raw` loads as a `T` stored under id `key_id`, with the very
/// decoder a start uses (envelope, data, migrations, id): a restore checks
/// each record with it before offering it. A newer version is not an error
/// here (the caller compares versions itself).
pub fn check_decodes<T: StoredRecord>(raw: &str, key_id: &str) -> Result<(), CorruptReason> {
    match decode::<T>(raw, key_id) {
        Decoded::Corrupt(reason) => Err(reason),
        _ => Ok(()),
    }
}

// The nesting scan is shared with the template import.
pub use crate::json_limits::nesting_exceeds;
