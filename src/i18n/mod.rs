//! Locale choice and the Vietnamese (and English) formatting of dates, money
//! and counts. Pure Rust, tested natively. The UI strings themselves live in
//! `locales/vi.json` and `locales/en.json` (leptos_i18n); the legal texts of the
//! checklists carry their own `vi`/`en` pairs in the domain.

mod format;

pub use format::{
    format_date, format_date_in_words, format_date_time, format_megabytes, format_money,
    format_number, parse_date, parse_money,
};

use serde::{Deserialize, Serialize};

/// Puts values into a translated text: `{name}` and `%name%` both become the
/// value of `name`. The locale files carry these placeholders as plain text
/// because leptos_i18n's own interpolation (`{{ name }}`) does not work in
/// `t_string!` without its `interpolate_display` option; every screen fills
/// them through this one function.
pub fn fill(text: &str, vars: &[(&str, String)]) -> String {
    vars.iter().fold(text.to_string(), |out, (name, value)| {
        out.replace(&format!("{{{name}}}"), value)
            .replace(&format!("%{name}%"), value)
    })
}

/// The two languages of the app. Vietnamese is the default on every browser,
/// whatever the browser's own language: the app is for Vietnamese agencies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, Hash)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// Tiếng Việt, the default.
    #[default]
    Vi,
    /// English, when the user picks it.
    En,
}

impl Lang {
    /// The BCP 47 tag used for `<html lang>` and stored in the settings.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::Vi => "vi",
            Lang::En => "en",
        }
    }

    /// Reads a stored tag; anything unknown falls back to Vietnamese rather
    /// than to the browser's language.
    pub fn from_tag(tag: &str) -> Lang {
        match tag.trim() {
            "en" => Lang::En,
            _ => Lang::Vi,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::fill;

    #[test]
    fn placeholders_in_both_forms_are_filled() {
        assert_eq!(
            fill(
                "Đã xóa {title} ({count})",
                &[
                    ("title", "Kế hoạch 09/KH-UBND".into()),
                    ("count", "3".into())
                ]
            ),
            "Đã xóa Kế hoạch 09/KH-UBND (3)"
        );
        assert_eq!(
            fill("%count% thành viên", &[("count", "5".into())]),
            "5 thành viên"
        );
        assert_eq!(
            fill("{other} giữ nguyên", &[("count", "5".into())]),
            "{other} giữ nguyên"
        );
    }
}
