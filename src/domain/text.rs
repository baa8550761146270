//! Bilingual text and the Vietnamese document "number and code" (số, ký hiệu)
//! of NĐ 30/2020/NĐ-CP, plus the "place, date" line of an administrative
//! document. Vietnamese is the authoritative language; English is a gloss.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use std::fmt;

/// A user-visible text in Vietnamese and English (`{"vi": "...", "en": "..."}`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Text {
    /// Vietnamese (authoritative).
    pub vi: String,
    /// English gloss; may be empty, then Vietnamese is shown.
    pub en: String,
}

impl Text {
    /// Builds a text.
    pub fn new(vi: impl Into<String>, en: impl Into<String>) -> Self {
        Self {
            vi: vi.into(),
            en: en.into(),
        }
    }
    /// The text for the UI locale; English falls back to Vietnamese when empty.
    pub fn get(&self, locale_is_vi: bool) -> &str {
        if locale_is_vi || self.en.trim().is_empty() {
            &self.vi
        } else {
            &self.en
        }
    }
    /// True when the Vietnamese text is blank (the text is then unusable).
    pub fn vi_is_blank(&self) -> bool {
        self.vi.trim().is_empty()
    }
}

/// Longest accepted number-and-code string.
pub const DOC_NUMBER_MAX_LEN: usize = 64;

/// A document's number and code (số, ký hiệu), e.g. `09/KH-UBND`,
/// `41/2019/QĐ-UBND` (legal normative documents also carry the year) or
/// `6882/UBND-NC2` (a công văn). Rules from NĐ 30/2020 as summarised in the
/// reference (d): numbers below 10 get a leading 0; a "/" separates number and
/// code; "-" separates code groups; codes are upper case; no spaces.
/// Serialises as its display string.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct DocNumber {
    number: u32,
    year: Option<u16>,
    code: String,
}

/// Why a string is not a valid number and code.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum DocNumberError {
    /// Nothing entered.
    #[error("empty document number")]
    Empty,
    /// Longer than [`DOC_NUMBER_MAX_LEN`].
    #[error("document number too long")]
    TooLong,
    /// Contains a space or other whitespace.
    #[error("document number contains whitespace")]
    ContainsSpace,
    /// Not `number/code` or `number/year/code`.
    #[error("expected number/code or number/year/code")]
    WrongShape,
    /// The number part is not decimal digits.
    #[error("the number part must be digits")]
    NumberNotDigits,
    /// Number 0 (numbering starts at 01).
    #[error("document numbers start at 01")]
    NumberZero,
    /// A number below 10 without its leading 0 (e.g. `9/KH-UBND`).
    #[error("numbers below 10 need a leading 0")]
    MissingLeadingZero,
    /// Extra leading zeros (e.g. `009` or `010`).
    #[error("superfluous leading zero")]
    SuperfluousLeadingZero,
    /// The year part is not four digits.
    #[error("the year must be four digits")]
    BadYear,
    /// Empty code, or an empty group between dashes.
    #[error("empty code group")]
    EmptyCodeGroup,
    /// A lowercase letter in the code.
    #[error("code letters must be upper case: {ch:?}")]
    LowercaseInCode {
        /// The offending letter.
        ch: char,
    },
    /// A character that is neither an upper-case letter, a digit nor `-`.
    #[error("invalid character in code: {ch:?}")]
    InvalidCharInCode {
        /// The offending character.
        ch: char,
    },
}

impl DocNumber {
    /// Parses and validates; surrounding whitespace is trimmed, inner
    /// whitespace is an error. An optional leading `Số:` is not accepted: the
    /// label is printed by the report, not stored.
    pub fn parse(s: &str) -> Result<Self, DocNumberError> {
        let s = s.trim();
        if s.is_empty() {
            return Err(DocNumberError::Empty);
        }
        if s.chars().count() > DOC_NUMBER_MAX_LEN {
            return Err(DocNumberError::TooLong);
        }
        if s.chars().any(char::is_whitespace) {
            return Err(DocNumberError::ContainsSpace);
        }
        let parts: Vec<&str> = s.split('/').collect();
        let (num, year, code) = match parts.as_slice() {
            [n, c] => (*n, None, *c),
            [n, y, c] => (*n, Some(*y), *c),
            _ => return Err(DocNumberError::WrongShape),
        };
        let number = parse_number(num)?;
        let year = match year {
            None => None,
            Some(y) => {
                if y.len() != 4 || !y.bytes().all(|b| b.is_ascii_digit()) {
                    return Err(DocNumberError::BadYear);
                }
                Some(y.parse::<u16>().map_err(|_| DocNumberError::BadYear)?)
            }
        };
        validate_code(code)?;
        Ok(Self {
            number,
            year,
            code: code.to_string(),
        })
    }

    /// The number (1, 9, 6882 …).
    pub fn number(&self) -> u32 {
        self.number
    }
    /// The year part, for legal normative documents.
    pub fn year(&self) -> Option<u16> {
        self.year
    }
    /// The code, e.g. `KH-UBND`.
    pub fn code(&self) -> &str {
        &self.code
    }
}

fn parse_number(num: &str) -> Result<u32, DocNumberError> {
    if num.is_empty() || !num.bytes().all(|b| b.is_ascii_digit()) {
        return Err(DocNumberError::NumberNotDigits);
    }
    let n: u32 = num.parse().map_err(|_| DocNumberError::NumberNotDigits)?;
    if n == 0 {
        return Err(DocNumberError::NumberZero);
    }
    let canonical = format!("{n:02}");
    if num.len() < canonical.len() {
        return Err(DocNumberError::MissingLeadingZero);
    }
    if num != canonical {
        return Err(DocNumberError::SuperfluousLeadingZero);
    }
    Ok(n)
}

fn validate_code(code: &str) -> Result<(), DocNumberError> {
    for group in code.split('-') {
        if group.is_empty() {
            return Err(DocNumberError::EmptyCodeGroup);
        }
        for ch in group.chars() {
            if ch.is_lowercase() {
                return Err(DocNumberError::LowercaseInCode { ch });
            }
            // Upper-case letters include Vietnamese ones such as Đ (QĐ, NĐ-CP).
            if !(ch.is_uppercase() || ch.is_ascii_digit()) {
                return Err(DocNumberError::InvalidCharInCode { ch });
            }
        }
    }
    Ok(())
}

impl fmt::Display for DocNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.year {
            Some(y) => write!(f, "{:02}/{}/{}", self.number, y, self.code),
            None => write!(f, "{:02}/{}", self.number, self.code),
        }
    }
}

impl std::str::FromStr for DocNumber {
    type Err = DocNumberError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s)
    }
}

impl TryFrom<String> for DocNumber {
    type Error = DocNumberError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        Self::parse(&s)
    }
}

impl From<DocNumber> for String {
    fn from(d: DocNumber) -> String {
        d.to_string()
    }
}

/// The "place, date" line of NĐ 30/2020 (reference (d)): days 1–9 and months
/// 1–2 get a leading 0, e.g. `Cần Thơ, ngày 13 tháng 01 năm 2021`.
pub fn format_place_date(place: &str, date: NaiveDate) -> String {
    let m = date.month();
    let month = if m < 3 {
        format!("{m:02}")
    } else {
        m.to_string()
    };
    format!(
        "{place}, ngày {:02} tháng {month} năm {}",
        date.day(),
        date.year()
    )
}
