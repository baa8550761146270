//! A guard for untrusted JSON (restore files, imported templates): the
//! nesting depth is measured on the raw bytes before any parser recurses, so
//! a hostile file cannot exhaust the stack. Pure Rust, shared by `storage`
//! and `domain::template::import`.

/// True when `text` nests arrays/objects deeper than `limit`. Scans bytes
/// without building anything, so a hostile file cannot exhaust the stack.
pub fn nesting_exceeds(text: &str, limit: usize) -> bool {
    let mut depth = 0usize;
    let mut in_string = false;
    let mut escaped = false;
    for b in text.bytes() {
        if in_string {
            if escaped {
                escaped = false;
            } else if b == b'\\' {
                escaped = true;
            } else if b == b'"' {
                in_string = false;
            }
            continue;
        }
        match b {
            b'"' => in_string = true,
            b'[' | b'{' => {
                depth += 1;
                if depth > limit {
                    return true;
                }
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nesting_scan_ignores_brackets_inside_strings() {
        assert!(!nesting_exceeds(r#"{"a":"[[[[[[[[[[[["}"#, 2));
        assert!(nesting_exceeds("[[[1]]]", 2));
        assert!(!nesting_exceeds(r#"{"a\"[[[":[1]}"#, 2));
    }
}
