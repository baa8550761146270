//! Formatting rules: `dd/mm/yyyy` dates, `1.234.567 đ` money, and the
//! NĐ 30/2020 "Cần Thơ, ngày 13 tháng 01 năm 2021" date line (days 1–9 and
//! months 1–2 take a leading zero, months 3–12 do not; legal reference (d)).

use super::Lang;
use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, Utc};

/// `13/01/2021` in both languages: the app's users read dd/mm/yyyy.
pub fn format_date(d: NaiveDate) -> String {
    d.format("%d/%m/%Y").to_string()
}

/// A timestamp shown in Vietnam time (UTC+7): `13/01/2021 08:05`.
pub fn format_date_time(t: DateTime<Utc>) -> String {
    // UTC+7 is a valid offset, so this cannot fail; fall back to UTC anyway.
    match FixedOffset::east_opt(7 * 3600) {
        Some(vn) => t.with_timezone(&vn).format("%d/%m/%Y %H:%M").to_string(),
        None => t.format("%d/%m/%Y %H:%M UTC").to_string(),
    }
}

/// Parses `dd/mm/yyyy` (also `d/m/yyyy`) or ISO `yyyy-mm-dd`.
pub fn parse_date(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(s, "%d/%m/%Y"))
        .ok()
}

/// The date line of an administrative document under NĐ 30/2020:
/// `Cần Thơ, ngày 13 tháng 01 năm 2021`. Without a place, the line starts at
/// "ngày". In English the same facts read `Cần Thơ, 13 January 2021`.
pub fn format_date_in_words(place: &str, d: NaiveDate, lang: Lang) -> String {
    let place = place.trim();
    let body = match lang {
        Lang::Vi => {
            let month = if d.month() < 3 {
                format!("{:02}", d.month())
            } else {
                d.month().to_string()
            };
            format!("ngày {:02} tháng {} năm {}", d.day(), month, d.year())
        }
        Lang::En => d.format("%-d %B %Y").to_string(),
    };
    if place.is_empty() {
        body
    } else {
        format!("{place}, {body}")
    }
}

/// Groups digits with `.` as Vietnamese does: `1.234.567`.
pub fn format_number(n: i64) -> String {
    let digits = n.unsigned_abs().to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 1);
    if n < 0 {
        out.push('-');
    }
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(c);
    }
    out
}

/// A file size in megabytes with one decimal, Vietnamese style: `10,5 MB`
/// (1 MB = 1.048.576 bytes, rounded up so a file just over a limit never
/// reads as equal to it).
pub fn format_megabytes(bytes: usize) -> String {
    const MB: u128 = 1024 * 1024;
    let tenths = (bytes as u128 * 10).div_ceil(MB);
    let whole = i64::try_from(tenths / 10).unwrap_or(i64::MAX);
    match tenths % 10 {
        0 => format!("{} MB", format_number(whole)),
        d => format!("{},{d} MB", format_number(whole)),
    }
}

/// Money in whole đồng: `1.234.567 đ`.
pub fn format_money(dong: i64) -> String {
    format!("{} đ", format_number(dong))
}

/// Reads an amount of đồng typed by a user: `1.234.567`, `1 234 567 đ`,
/// `1234567`. Decimal parts are refused (money is kept in whole đồng).
pub fn parse_money(s: &str) -> Option<i64> {
    let cleaned: String = s
        .trim()
        .trim_end_matches(['đ', 'Đ'])
        .trim_end_matches("VND")
        .trim_end_matches("vnd")
        .chars()
        .filter(|c| !matches!(c, '.' | ' ' | '\u{a0}' | '_'))
        .collect();
    if cleaned.is_empty() || cleaned.contains(',') {
        return None;
    }
    cleaned.parse::<i64>().ok()
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn dates_are_day_month_year_with_leading_zeros() {
        assert_eq!(format_date(d(2021, 1, 3)), "03/01/2021");
        assert_eq!(format_date(d(2021, 12, 14)), "14/12/2021");
    }

    #[test]
    fn date_in_words_follows_nd30_leading_zero_rule() {
        assert_eq!(
            format_date_in_words("Cần Thơ", d(2021, 1, 13), Lang::Vi),
            "Cần Thơ, ngày 13 tháng 01 năm 2021"
        );
        assert_eq!(
            format_date_in_words("Hà Nội", d(2021, 6, 21), Lang::Vi),
            "Hà Nội, ngày 21 tháng 6 năm 2021"
        );
        assert_eq!(
            format_date_in_words("Cần Thơ", d(2015, 2, 4), Lang::Vi),
            "Cần Thơ, ngày 04 tháng 02 năm 2015"
        );
        assert_eq!(
            format_date_in_words("", d(2021, 3, 9), Lang::Vi),
            "ngày 09 tháng 3 năm 2021"
        );
        assert_eq!(
            format_date_in_words("Cần Thơ", d(2021, 1, 13), Lang::En),
            "Cần Thơ, 13 January 2021"
        );
    }

    #[test]
    fn money_is_grouped_with_dots_and_suffixed_with_dong() {
        assert_eq!(format_money(1_234_567), "1.234.567 đ");
        assert_eq!(format_money(0), "0 đ");
        assert_eq!(format_money(999), "999 đ");
        assert_eq!(format_money(1000), "1.000 đ");
        assert_eq!(format_number(-1_500_000), "-1.500.000");
        assert_eq!(format_number(i64::MIN), "-9.223.372.036.854.775.808");
    }

    #[test]
    fn typed_money_is_read_back_and_decimals_refused() {
        assert_eq!(parse_money("1.234.567 đ"), Some(1_234_567));
        assert_eq!(parse_money(" 1 234 567 "), Some(1_234_567));
        assert_eq!(parse_money("2500000"), Some(2_500_000));
        assert_eq!(parse_money("12,5"), None);
        assert_eq!(parse_money(""), None);
        assert_eq!(parse_money("abc"), None);
        assert_eq!(parse_money("99999999999999999999999"), None);
    }

    #[test]
    fn dates_parse_from_both_forms() {
        assert_eq!(parse_date("13/01/2021"), Some(d(2021, 1, 13)));
        assert_eq!(parse_date("2021-01-13"), Some(d(2021, 1, 13)));
        assert_eq!(parse_date("31/02/2021"), None);
    }

    #[test]
    fn timestamps_show_in_vietnam_time() {
        let t = DateTime::parse_from_rfc3339("2021-01-13T01:05:00Z")
            .unwrap()
            .with_timezone(&Utc);
        assert_eq!(format_date_time(t), "13/01/2021 08:05");
    }

    #[test]
    fn unknown_language_tags_fall_back_to_vietnamese() {
        assert_eq!(Lang::from_tag("en"), Lang::En);
        assert_eq!(Lang::from_tag("en-US"), Lang::Vi);
        assert_eq!(Lang::from_tag(""), Lang::Vi);
        assert_eq!(Lang::Vi.tag(), "vi");
    }
}
