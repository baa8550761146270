//! Import of a template from untrusted JSON text (a file a user picked).
//! Defences, in order: size limit on the raw text; a byte scan that bounds
//! nesting depth before any recursive parser runs; parsing to a JSON value;
//! bounds on array lengths and string lengths; typed decoding from the text
//! (so duplicated keys are refused); validation.
//! Every failure is a typed [`ImportError`]; nothing here panics.

use super::{Template, TemplateError};
use crate::domain::ids::TemplateId;
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// Bounds applied to imported JSON.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportLimits {
    /// Largest accepted text, in bytes.
    pub max_bytes: usize,
    /// Deepest nesting of objects/arrays.
    pub max_depth: usize,
    /// Longest array.
    pub max_array_len: usize,
    /// Longest string, in characters.
    pub max_string_chars: usize,
    /// Most items over all groups.
    pub max_items: usize,
}

impl Default for ImportLimits {
    fn default() -> Self {
        Self {
            max_bytes: 1024 * 1024,
            max_depth: 16,
            max_array_len: 2000,
            max_string_chars: 20_000,
            max_items: 2000,
        }
    }
}

/// Why an import failed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ImportError {
    /// Text larger than the limit.
    #[error("file too large: {bytes} bytes (max {max})")]
    TooLarge {
        /// Size.
        bytes: usize,
        /// Limit.
        max: usize,
    },
    /// Nesting deeper than the limit.
    #[error("JSON nested deeper than {max}")]
    TooDeep {
        /// Limit.
        max: usize,
    },
    /// An array longer than the limit.
    #[error("array longer than {max}")]
    ArrayTooLong {
        /// Limit.
        max: usize,
    },
    /// A string longer than the limit.
    #[error("string longer than {max} characters")]
    StringTooLong {
        /// Limit.
        max: usize,
    },
    /// More items than the limit.
    #[error("{count} items (max {max})")]
    TooManyItems {
        /// Count.
        count: usize,
        /// Limit.
        max: usize,
    },
    /// Not JSON at all (syntax error or truncated).
    #[error("malformed JSON at line {line}, column {column}")]
    Malformed {
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
    },
    /// JSON, but not a template's shape (missing/unknown field, wrong type,
    /// invalid id). `detail` is the decoder's technical message.
    #[error("not a template: {detail}")]
    WrongShape {
        /// Decoder message (technical, English).
        detail: String,
    },
    /// A template that breaks the format's rules.
    #[error("invalid template ({} problems)", errors.len())]
    Invalid {
        /// All problems.
        errors: Vec<TemplateError>,
    },
    /// A template with this id already exists.
    #[error("template {id} already exists (latest version {latest_version})")]
    IdClash {
        /// The id.
        id: TemplateId,
        /// Its latest stored version.
        latest_version: u32,
    },
    /// Version numbers exhausted.
    #[error("version number overflow")]
    VersionOverflow,
}

/// Parses and validates a template JSON text within `limits`. A leading UTF-8
/// byte-order mark is ignored.
pub fn parse_template_json(json: &str, limits: &ImportLimits) -> Result<Template, ImportError> {
    if json.len() > limits.max_bytes {
        return Err(ImportError::TooLarge {
            bytes: json.len(),
            max: limits.max_bytes,
        });
    }
    let json = json.strip_prefix('\u{feff}').unwrap_or(json);
    if crate::json_limits::nesting_exceeds(json, limits.max_depth) {
        return Err(ImportError::TooDeep {
            max: limits.max_depth,
        });
    }
    let value: Value = serde_json::from_str(json).map_err(|e| {
        if e.is_data() {
            ImportError::WrongShape {
                detail: e.to_string(),
            }
        } else {
            ImportError::Malformed {
                line: e.line(),
                column: e.column(),
            }
        }
    })?;
    check_sizes(&value, limits)?;
    // Decode from the text (not the value) so that duplicated object keys,
    // which a `Value` would silently collapse, are refused.
    drop(value);
    let t: Template = serde_json::from_str(json).map_err(|e| ImportError::WrongShape {
        detail: e.to_string(),
    })?;
    let count = t.item_count();
    if count > limits.max_items {
        return Err(ImportError::TooManyItems {
            count,
            max: limits.max_items,
        });
    }
    let errors = t.validate();
    if !errors.is_empty() {
        return Err(ImportError::Invalid { errors });
    }
    Ok(t)
}

/// Depth is already bounded, so this recursion is bounded too.
fn check_sizes(v: &Value, limits: &ImportLimits) -> Result<(), ImportError> {
    match v {
        Value::String(s) if s.chars().count() > limits.max_string_chars => {
            return Err(ImportError::StringTooLong {
                max: limits.max_string_chars,
            });
        }
        Value::Array(a) => {
            if a.len() > limits.max_array_len {
                return Err(ImportError::ArrayTooLong {
                    max: limits.max_array_len,
                });
            }
            for x in a {
                check_sizes(x, limits)?;
            }
        }
        Value::Object(m) => {
            for (k, x) in m {
                if k.chars().count() > limits.max_string_chars {
                    return Err(ImportError::StringTooLong {
                        max: limits.max_string_chars,
                    });
                }
                check_sizes(x, limits)?;
            }
        }
        _ => {}
    }
    Ok(())
}
