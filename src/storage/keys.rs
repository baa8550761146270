//! Every storage key name of KiểmTra, and the record kinds they belong to.
//! This is the only file that spells a key: other modules call these
//! functions, so a renamed key cannot drift between writer and reader.

use serde::{Deserialize, Serialize};
use std::fmt;

/// Prefix shared by every key the app writes, so that `keys()` can tell our
/// entries from those of other apps on the same origin.
pub const PREFIX: &str = "kiemtra:";
/// Key of the small index listing record keys and their revisions.
pub const INDEX: &str = "kiemtra:index";
/// Key of the (single) settings record.
pub const SETTINGS: &str = "kiemtra:settings";
/// Prefix of quarantine copies: `kiemtra:quarantine:<original key>`.
pub const QUARANTINE_PREFIX: &str = "kiemtra:quarantine:";
/// Prefix of pre-migration backups: `kiemtra:backup:<original key>:v<N>`.
pub const BACKUP_PREFIX: &str = "kiemtra:backup:";

/// Schema id of the index envelope.
pub const INDEX_SCHEMA: &str = "kiemtra/index";
/// Schema id of a workspace backup file.
pub const BACKUP_FILE_SCHEMA: &str = "kiemtra/backup";

/// The kinds of stored records. `Settings` is a singleton: its key does not
/// depend on the record id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RecordKind {
    /// An inspection plan (kế hoạch kiểm tra).
    Plan,
    /// One inspection run (cuộc kiểm tra).
    Inspection,
    /// The answers of one checklist run of an inspection, stored apart
    /// from the inspection so that an answer rewrites only them.
    Answers,
    /// A checklist template.
    Template,
    /// A report prepared for the Department of Justice.
    Report,
    /// A reporting round (đợt báo cáo) run by the Department of Justice.
    Round,
    /// App settings (one record).
    Settings,
    /// A yearly report on monitoring law implementation (báo cáo theo dõi
    /// thi hành pháp luật hằng năm).
    Thpl,
}

impl RecordKind {
    /// Every kind, in a fixed order (used for reports and rebuilds).
    pub const ALL: [RecordKind; 8] = [
        RecordKind::Plan,
        RecordKind::Inspection,
        RecordKind::Answers,
        RecordKind::Template,
        RecordKind::Report,
        RecordKind::Round,
        RecordKind::Settings,
        RecordKind::Thpl,
    ];

    /// The ASCII name used in keys and schema ids.
    pub fn as_str(self) -> &'static str {
        match self {
            RecordKind::Plan => "plan",
            RecordKind::Inspection => "inspection",
            RecordKind::Answers => "answers",
            RecordKind::Template => "template",
            RecordKind::Report => "report",
            RecordKind::Round => "round",
            RecordKind::Settings => "settings",
            RecordKind::Thpl => "thpl",
        }
    }

    /// The envelope schema id, e.g. `kiemtra/plan`.
    pub fn schema_id(self) -> String {
        format!("kiemtra/{}", self.as_str())
    }

    /// True for kinds stored under one fixed key (settings).
    pub fn is_singleton(self) -> bool {
        matches!(self, RecordKind::Settings)
    }

    /// Prefix of every record key of this kind (`kiemtra:plan:`); for the
    /// singleton settings this is the full key.
    fn key_prefix(self) -> String {
        if self.is_singleton() {
            SETTINGS.to_string()
        } else {
            format!("{PREFIX}{}:", self.as_str())
        }
    }
}

impl fmt::Display for RecordKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Key of one record: `kiemtra:<kind>:<id>`, or `kiemtra:settings`.
pub fn record_key(kind: RecordKind, id: &str) -> String {
    if kind.is_singleton() {
        SETTINGS.to_string()
    } else {
        format!("{}{id}", kind.key_prefix())
    }
}

/// Quarantine key of an original key.
pub fn quarantine_key(original: &str) -> String {
    format!("{QUARANTINE_PREFIX}{original}")
}

/// Pre-migration backup key of an original key holding schema `version`.
pub fn backup_key(original: &str, version: u32) -> String {
    format!("{BACKUP_PREFIX}{original}:v{version}")
}

/// What a key is, as far as the app is concerned.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ParsedKey {
    /// A record key; `id` is empty for the settings singleton.
    Record {
        /// Kind of record.
        kind: RecordKind,
        /// Record id (the part after `kiemtra:<kind>:`).
        id: String,
    },
    /// The index key.
    Index,
    /// A quarantine copy of `original`.
    Quarantine {
        /// The original record key.
        original: String,
    },
    /// A pre-migration backup of `original` taken at schema `version`.
    Backup {
        /// The original record key.
        original: String,
        /// Schema version of the saved raw value.
        version: u32,
    },
    /// Starts with `kiemtra:` but is not a key this version knows.
    UnknownOwn,
    /// Not ours at all.
    Foreign,
}

/// Classify any key (for `keys()` scans and storage events).
pub fn parse_key(key: &str) -> ParsedKey {
    if key == INDEX {
        return ParsedKey::Index;
    }
    if key == SETTINGS {
        return ParsedKey::Record {
            kind: RecordKind::Settings,
            id: String::new(),
        };
    }
    if let Some(original) = key.strip_prefix(QUARANTINE_PREFIX) {
        return ParsedKey::Quarantine {
            original: original.to_string(),
        };
    }
    if let Some(rest) = key.strip_prefix(BACKUP_PREFIX) {
        if let Some((original, v)) = rest.rsplit_once(":v") {
            if let Ok(version) = v.parse::<u32>() {
                return ParsedKey::Backup {
                    original: original.to_string(),
                    version,
                };
            }
        }
        return ParsedKey::UnknownOwn;
    }
    for kind in RecordKind::ALL {
        if kind.is_singleton() {
            continue;
        }
        if let Some(id) = key.strip_prefix(&kind.key_prefix()) {
            if !id.is_empty() {
                return ParsedKey::Record {
                    kind,
                    id: id.to_string(),
                };
            }
        }
    }
    if key.starts_with(PREFIX) {
        ParsedKey::UnknownOwn
    } else {
        ParsedKey::Foreign
    }
}

/// The kind of a record key, or `None` for any other key.
pub fn record_kind_of(key: &str) -> Option<RecordKind> {
    match parse_key(key) {
        ParsedKey::Record { kind, .. } => Some(kind),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_round_trip_through_parse_key() {
        let k = record_key(RecordKind::Plan, "kh-2025:01");
        assert_eq!(k, "kiemtra:plan:kh-2025:01");
        assert_eq!(
            parse_key(&k),
            ParsedKey::Record {
                kind: RecordKind::Plan,
                id: "kh-2025:01".into()
            }
        );
        assert_eq!(record_key(RecordKind::Settings, "x"), SETTINGS);
        assert_eq!(
            parse_key(&quarantine_key(&k)),
            ParsedKey::Quarantine {
                original: k.clone()
            }
        );
        assert_eq!(
            parse_key(&backup_key(&k, 0)),
            ParsedKey::Backup {
                original: k.clone(),
                version: 0
            }
        );
        assert_eq!(parse_key("kiemtra:planx"), ParsedKey::UnknownOwn);
        assert_eq!(parse_key("other"), ParsedKey::Foreign);
        assert_eq!(parse_key(INDEX), ParsedKey::Index);
    }
}
