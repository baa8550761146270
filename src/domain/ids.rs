//! Identifiers of domain records. Record ids are UUIDs produced by an injected
//! generator ([`IdGen`]) so that the pure domain never touches a random source:
//! the browser layer feeds bytes from `crypto.getRandomValues` into
//! [`uuid_v4_from_random_bytes`], and tests use the deterministic [`SeqIds`].
//! Template ids are ASCII slugs instead, because built-in templates ship with
//! fixed ids that must be the same on every device.

use serde::{Deserialize, Serialize};
use std::fmt;
use uuid::Uuid;

/// Source of fresh UUIDs. Injected into every operation that creates a record.
pub trait IdGen {
    /// Returns a new UUID, never returned before by this generator.
    fn next_uuid(&mut self) -> Uuid;
}

/// Deterministic generator for tests: 1, 2, 3, … as UUID integers.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SeqIds {
    last: u128,
}

impl SeqIds {
    /// Starts at 1.
    pub fn new() -> Self {
        Self::default()
    }
}

impl IdGen for SeqIds {
    fn next_uuid(&mut self) -> Uuid {
        self.last = self.last.wrapping_add(1);
        Uuid::from_u128(self.last)
    }
}

/// Builds an RFC 4122 version-4 UUID from 16 random bytes (version and variant
/// bits are set by `uuid::Builder`). The caller supplies real randomness.
pub fn uuid_v4_from_random_bytes(bytes: [u8; 16]) -> Uuid {
    uuid::Builder::from_random_bytes(bytes).into_uuid()
}

macro_rules! uuid_id {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(
            Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
        )]
        #[serde(transparent)]
        pub struct $name(pub Uuid);

        impl $name {
            /// Takes a fresh id from the generator.
            pub fn generate(ids: &mut dyn IdGen) -> Self {
                Self(ids.next_uuid())
            }
            /// The underlying UUID.
            pub fn as_uuid(&self) -> Uuid {
                self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.fmt(f)
            }
        }
    };
}

uuid_id!(
    /// Id of a plan (kế hoạch kiểm tra / kế hoạch theo dõi THPL).
    PlanId
);
uuid_id!(
    /// Id of an inspection (cuộc kiểm tra).
    InspectionId
);
uuid_id!(
    /// Id of a finding (phát hiện).
    FindingId
);
uuid_id!(
    /// Id of an exported report (báo cáo).
    ReportId
);
uuid_id!(
    /// Id of a reporting round (đợt báo cáo) of the Department of Justice.
    RoundId
);
uuid_id!(
    /// Id of a plan task (nhiệm vụ trong kế hoạch).
    TaskId
);
uuid_id!(
    /// Id of a team member (thành viên đoàn).
    MemberId
);
uuid_id!(
    /// Id of an inspected unit (đối tượng được kiểm tra).
    UnitId
);
uuid_id!(
    /// Id of an inspection team (đoàn kiểm tra).
    TeamId
);
uuid_id!(
    /// Id of one checklist run (một phiếu kiểm tra đang điền) inside an inspection.
    ChecklistRunId
);
uuid_id!(
    /// Id of an addendum (phụ lục bổ sung) to a finalized inspection.
    AddendumId
);

/// Longest accepted template id.
pub const TEMPLATE_ID_MAX_LEN: usize = 64;

/// Stable ASCII slug of a template, e.g. `xlvphc-nd19-2020`.
/// Allowed: lowercase ASCII letters, digits, `-`, `_`, `.`; 1–64 characters,
/// starting with a letter or digit. Validated on construction and on
/// deserialisation, so a hostile import cannot smuggle odd ids into storage keys.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct TemplateId(String);

/// Why a string is not a valid [`TemplateId`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum TemplateIdError {
    /// Empty id.
    #[error("empty template id")]
    Empty,
    /// More than [`TEMPLATE_ID_MAX_LEN`] characters.
    #[error("template id longer than {max} characters")]
    TooLong {
        /// The limit.
        max: usize,
    },
    /// A character outside the allowed set.
    #[error("invalid character {ch:?} in template id")]
    InvalidChar {
        /// The offending character.
        ch: char,
    },
}

impl TemplateId {
    /// Validates and wraps a slug.
    pub fn new(s: impl Into<String>) -> Result<Self, TemplateIdError> {
        let s = s.into();
        if s.is_empty() {
            return Err(TemplateIdError::Empty);
        }
        if s.len() > TEMPLATE_ID_MAX_LEN {
            return Err(TemplateIdError::TooLong {
                max: TEMPLATE_ID_MAX_LEN,
            });
        }
        for (i, ch) in s.chars().enumerate() {
            let ok = ch.is_ascii_lowercase()
                || ch.is_ascii_digit()
                || (i > 0 && matches!(ch, '-' | '_' | '.'));
            if !ok {
                return Err(TemplateIdError::InvalidChar { ch });
            }
        }
        Ok(Self(s))
    }

    /// The slug.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for TemplateId {
    type Error = TemplateIdError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        Self::new(s)
    }
}

impl From<TemplateId> for String {
    fn from(id: TemplateId) -> String {
        id.0
    }
}

impl fmt::Display for TemplateId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}
