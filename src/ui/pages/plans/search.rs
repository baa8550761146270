//! Search helpers for the plan list: Vietnamese text folded to plain
//! lower-case ASCII letters, so "ninh kieu" finds "Ninh Kiều" and
//! "09/kh" finds "09/KH-UBND".

/// Letters with Vietnamese diacritics, grouped by their base letter.
const GROUPS: &[(char, &str)] = &[
    ('a', "àáảãạăằắẳẵặâầấẩẫậ"),
    ('e', "èéẻẽẹêềếểễệ"),
    ('i', "ìíỉĩị"),
    ('o', "òóỏõọôồốổỗộơờớởỡợ"),
    ('u', "ùúủũụưừứửữự"),
    ('y', "ỳýỷỹỵ"),
    ('d', "đ"),
];

/// Lower case without diacritics.
pub fn fold(s: &str) -> String {
    s.chars()
        .flat_map(char::to_lowercase)
        .map(|c| {
            GROUPS
                .iter()
                .find(|(_, set)| set.contains(c))
                .map_or(c, |(base, _)| *base)
        })
        .collect()
}

/// Whether every word of `query` occurs in one of `fields` (folded).
pub fn matches(query: &str, fields: &[&str]) -> bool {
    let hay: Vec<String> = fields.iter().map(|f| fold(f)).collect();
    fold(query)
        .split_whitespace()
        .all(|w| hay.iter().any(|h| h.contains(w)))
}
