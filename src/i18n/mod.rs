//! Locale choice and Vietnamese formatting of dates and money. Pure Rust; the
//! UI strings themselves live in `locales/*.json` (leptos_i18n).
