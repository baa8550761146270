//! The list of units expected to report: typed or pasted one per line, or
//! imported from a CSV file (`ten[,co_quan_chu_quan]`, header optional) or a
//! JSON list (strings, or objects with `ten` and `co_quan_chu_quan`). Bad
//! input gives a Vietnamese error naming the line and changes nothing.

use serde_json::Value;

use super::unit_key;
use crate::report::periodic::ReportingUnit;

/// Most units a list may hold (a province has a few hundred at most).
pub const MAX_UNITS: usize = 2_000;
/// Longest unit name, in characters.
pub const MAX_NAME_CHARS: usize = 300;
/// Largest list file, in bytes.
pub const MAX_LIST_BYTES: usize = 1024 * 1024;

/// Why a unit list could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum UnitListError {
    /// Nothing in it.
    #[error("danh sách không có đơn vị nào")]
    Empty,
    /// Too big a file.
    #[error(
        "tệp danh sách quá lớn (dung lượng tối đa {})",
        crate::i18n::format_megabytes(*limit)
    )]
    TooLarge {
        /// The limit.
        limit: usize,
    },
    /// Too many units.
    #[error("danh sách có quá nhiều đơn vị (tối đa {limit})")]
    TooMany {
        /// The limit.
        limit: usize,
    },
    /// A name longer than [`MAX_NAME_CHARS`].
    #[error("dòng {line}: tên đơn vị quá dài (tối đa {limit} ký tự)")]
    NameTooLong {
        /// 1-based line (or entry) number.
        line: usize,
        /// The limit.
        limit: usize,
    },
    /// Control characters in a name.
    #[error("dòng {line}: tên đơn vị có ký tự điều khiển")]
    ControlChar {
        /// 1-based line (or entry) number.
        line: usize,
    },
    /// The same unit twice.
    #[error("dòng {line}: đơn vị \"{name}\" trùng với dòng {first}")]
    Duplicate {
        /// 1-based line of the repeat.
        line: usize,
        /// 1-based line of the first occurrence.
        first: usize,
        /// The name.
        name: String,
    },
    /// An unclosed quote in a CSV line.
    #[error("dòng {line}: dấu ngoặc kép chưa đóng")]
    CsvQuote {
        /// 1-based line.
        line: usize,
    },
    /// More columns than `ten,co_quan_chu_quan`.
    #[error("dòng {line}: có {found} cột, chỉ nhận tối đa 2 cột (tên đơn vị, cơ quan chủ quản)")]
    CsvColumns {
        /// 1-based line.
        line: usize,
        /// Columns found.
        found: usize,
    },
    /// Not JSON.
    #[error("không phải JSON hợp lệ (dòng {line}, cột {column})")]
    NotJson {
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
    },
    /// JSON, but not a list of names or units.
    #[error("mục {entry}: cần là tên đơn vị hoặc đối tượng có trường \"ten\"")]
    JsonEntry {
        /// 1-based entry number (0 when the top level is not a list).
        entry: usize,
    },
}

/// Checks and collects `(line, unit)` pairs into a list.
fn collect(
    entries: impl IntoIterator<Item = (usize, ReportingUnit)>,
) -> Result<Vec<ReportingUnit>, UnitListError> {
    let mut out: Vec<ReportingUnit> = Vec::new();
    let mut seen: Vec<(String, usize)> = Vec::new();
    for (line, mut unit) in entries {
        unit.ten = unit.ten.split_whitespace().collect::<Vec<_>>().join(" ");
        unit.co_quan_chu_quan = unit
            .co_quan_chu_quan
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        if unit.ten.is_empty() {
            continue;
        }
        for text in [&unit.ten, &unit.co_quan_chu_quan] {
            if text.chars().any(char::is_control) {
                return Err(UnitListError::ControlChar { line });
            }
            if text.chars().count() > MAX_NAME_CHARS {
                return Err(UnitListError::NameTooLong {
                    line,
                    limit: MAX_NAME_CHARS,
                });
            }
        }
        let key = unit_key(&unit.ten);
        if let Some((_, first)) = seen.iter().find(|(k, _)| *k == key) {
            return Err(UnitListError::Duplicate {
                line,
                first: *first,
                name: unit.ten,
            });
        }
        if out.len() == MAX_UNITS {
            return Err(UnitListError::TooMany { limit: MAX_UNITS });
        }
        seen.push((key, line));
        out.push(unit);
    }
    if out.is_empty() {
        return Err(UnitListError::Empty);
    }
    Ok(out)
}

fn check_size(text: &str) -> Result<(), UnitListError> {
    if text.len() > MAX_LIST_BYTES {
        return Err(UnitListError::TooLarge {
            limit: MAX_LIST_BYTES,
        });
    }
    Ok(())
}

/// One unit per line (typed or pasted); blank lines and leading "-", "•" or
/// "1." are skipped; "Tên đơn vị | Cơ quan chủ quản" sets the managing body.
pub fn parse_lines(text: &str) -> Result<Vec<ReportingUnit>, UnitListError> {
    check_size(text)?;
    collect(text.lines().enumerate().map(|(i, line)| {
        let line_text = strip_bullet(line.trim());
        let (ten, chu_quan) = line_text.split_once('|').unwrap_or((line_text, ""));
        (
            i + 1,
            ReportingUnit {
                ten: ten.to_owned(),
                co_quan_chu_quan: chu_quan.to_owned(),
            },
        )
    }))
}

fn strip_bullet(line: &str) -> &str {
    if let Some(rest) = line.strip_prefix(['-', '•', '*', '+']) {
        return rest.trim_start();
    }
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    if digits > 0 && digits < 4 {
        if let Some(rest) = line[digits..].strip_prefix(['.', ')']) {
            return rest.trim_start();
        }
    }
    line
}

/// Splits one CSV line into fields (RFC 4180 quoting within the line;
/// quoted line breaks are not needed for names and are refused).
fn csv_fields(line: &str, line_no: usize) -> Result<Vec<String>, UnitListError> {
    let sep = if line.contains(';') && !line.contains(',') {
        ';'
    } else {
        ','
    };
    let mut fields = Vec::new();
    let mut field = String::new();
    let mut chars = line.chars().peekable();
    let mut quoted = false;
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            (true, '"') => quoted = false,
            (false, '"') if field.trim().is_empty() => {
                field.clear();
                quoted = true;
            }
            (false, c) if c == sep => fields.push(std::mem::take(&mut field)),
            (_, c) => field.push(c),
        }
    }
    if quoted {
        return Err(UnitListError::CsvQuote { line: line_no });
    }
    fields.push(field);
    Ok(fields)
}

/// A CSV list: `ten[,co_quan_chu_quan]` per line, `,` or `;` separated; a
/// first line naming the columns ("ten", "tên đơn vị", "don_vi") is skipped.
pub fn parse_csv(text: &str) -> Result<Vec<ReportingUnit>, UnitListError> {
    check_size(text)?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut entries = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let fields = csv_fields(line, i + 1)?;
        if fields.len() > 2 && fields[2..].iter().any(|f| !f.trim().is_empty()) {
            return Err(UnitListError::CsvColumns {
                line: i + 1,
                found: fields.len(),
            });
        }
        let ten = fields.first().cloned().unwrap_or_default();
        if i == 0 && is_header(&ten) {
            continue;
        }
        let co_quan_chu_quan = fields.get(1).cloned().unwrap_or_default();
        entries.push((
            i + 1,
            ReportingUnit {
                ten,
                co_quan_chu_quan,
            },
        ));
    }
    collect(entries)
}

fn is_header(first: &str) -> bool {
    let k = unit_key(first);
    matches!(
        k.as_str(),
        "ten" | "tên" | "tên đơn vị" | "ten_don_vi" | "don_vi" | "đơn vị" | "unit" | "name"
    )
}

/// A JSON list: `["Sở Tài chính", ...]` or
/// `[{"ten": "...", "co_quan_chu_quan": "..."}, ...]`.
pub fn parse_json(text: &str) -> Result<Vec<ReportingUnit>, UnitListError> {
    check_size(text)?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let value: Value = serde_json::from_str(text).map_err(|e| UnitListError::NotJson {
        line: e.line(),
        column: e.column(),
    })?;
    let items = value
        .as_array()
        .ok_or(UnitListError::JsonEntry { entry: 0 })?;
    let mut entries = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        let unit = match item {
            Value::String(s) => ReportingUnit {
                ten: s.clone(),
                co_quan_chu_quan: String::new(),
            },
            Value::Object(o) => {
                let ten = o
                    .get("ten")
                    .and_then(Value::as_str)
                    .ok_or(UnitListError::JsonEntry { entry: i + 1 })?;
                let chu_quan = match o.get("co_quan_chu_quan") {
                    None | Some(Value::Null) => "",
                    Some(v) => v
                        .as_str()
                        .ok_or(UnitListError::JsonEntry { entry: i + 1 })?,
                };
                ReportingUnit {
                    ten: ten.to_owned(),
                    co_quan_chu_quan: chu_quan.to_owned(),
                }
            }
            _ => return Err(UnitListError::JsonEntry { entry: i + 1 }),
        };
        entries.push((i + 1, unit));
    }
    collect(entries)
}

/// Reads a list file by its name: `.json` as JSON, `.csv` as CSV, anything
/// else as lines.
pub fn parse_file(file_name: &str, text: &str) -> Result<Vec<ReportingUnit>, UnitListError> {
    let lower = file_name.to_ascii_lowercase();
    if lower.ends_with(".json") {
        parse_json(text)
    } else if lower.ends_with(".csv") {
        parse_csv(text)
    } else {
        parse_lines(text)
    }
}
