//! The documented ways to recompute `content_sha256` with common tools
//! (jq + sha256sum, Python) give exactly the hash the app writes, including
//! for hostile strings and keys. A missing tool fails the test (setup
//! installs both); it is never skipped.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "fixtures/report/fixtures.rs"]
mod fixtures;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use fixtures::*;
use kiemtra::report::canonical::{content_sha256, sha256_hex, to_canonical_bytes};
use kiemtra::report::export;
use serde_json::{json, Value};

const PYTHON: &str = r#"import json,sys,hashlib; d=json.load(open(sys.argv[1]))["content"]; print(hashlib.sha256(json.dumps(d,sort_keys=True,separators=(",",":"),ensure_ascii=False).encode()).hexdigest())"#;

fn has(tool: &str) -> bool {
    Command::new("which")
        .arg(tool)
        .stdout(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

/// The cross-checks must run: a missing tool fails (scripts/setup.sh
/// installs jq and Python), it is never a silent skip.
fn require(tool: &str) {
    assert!(
        has(tool),
        "{tool} is not installed: run scripts/setup.sh (it installs jq and python3)"
    );
}

fn tmp_file(name: &str, text: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("kiemtra-report-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

/// `jq -cjS .content file | sha256sum`, as documented.
fn jq_hash(path: &Path) -> String {
    let cmd = format!("jq -cjS .content '{}' | sha256sum", path.display());
    let out = Command::new("sh").arg("-c").arg(cmd).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout)
        .unwrap()
        .split_whitespace()
        .next()
        .unwrap()
        .to_owned()
}

/// `jq -cjS .content file` bytes, to compare with the canonical bytes.
fn jq_bytes(path: &Path) -> Vec<u8> {
    let out = Command::new("jq")
        .args(["-cjS", ".content"])
        .arg(path)
        .output()
        .unwrap();
    assert!(out.status.success());
    out.stdout
}

fn python_hash(path: &Path) -> String {
    let out = Command::new("python3")
        .arg("-c")
        .arg(PYTHON)
        .arg(path)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap().trim().to_owned()
}

fn exported_files() -> Vec<(PathBuf, String)> {
    [
        ("p.json", periodic_content()),
        ("i.json", inspection_content()),
        ("h.json", hostile_periodic()),
    ]
    .into_iter()
    .map(|(name, c)| {
        let f = export(c, APP_VERSION, generated_at()).unwrap();
        (tmp_file(name, &f.text), f.content_sha256)
    })
    .collect()
}

/// Values with every escaping trap we know of, including keys that sort
/// differently by UTF-16 unit vs code point ("\u{FF5E}" vs "\u{1F600}").
fn hostile_values() -> Vec<Value> {
    let mut keys = json!({});
    for (i, s) in hostile_strings().into_iter().enumerate() {
        keys[s.clone()] = json!(i);
        keys[format!("k{i}")] = json!(s);
    }
    vec![
        keys,
        json!({"\u{FF5E}": 1, "\u{1F600}": 2, "Z": 3, "a": 4, "é": 5, "": 6, "\u{1}": 7}),
        json!({"n": [9007199254740991i64, -9007199254740991i64, 0, -1], "b": [true, false, null], "e": {}, "l": []}),
        json!({"s": "chuỗi \"đơn\" lẻ", "nested": {"z": [{"b": 1, "a": [[]]}]}}),
    ]
}

#[test]
fn jq_recomputes_the_hash_of_every_exported_fixture() {
    require("jq");
    for (path, hash) in exported_files() {
        assert_eq!(jq_hash(&path), hash, "{}", path.display());
    }
}

#[test]
fn python_recomputes_the_hash_of_every_exported_fixture() {
    require("python3");
    for (path, hash) in exported_files() {
        assert_eq!(python_hash(&path), hash, "{}", path.display());
    }
}

#[test]
fn both_tools_agree_with_the_canonical_bytes_on_hostile_strings_and_keys() {
    require("jq");
    require("python3");
    for (i, content) in hostile_values().into_iter().enumerate() {
        let ours = content_sha256(&content).unwrap();
        assert_eq!(ours, sha256_hex(&to_canonical_bytes(&content).unwrap()));
        let text = serde_json::to_string_pretty(&json!({ "content": content })).unwrap();
        let path = tmp_file(&format!("hostile-{i}.json"), &text);
        {
            assert_eq!(
                jq_bytes(&path),
                to_canonical_bytes(&content).unwrap(),
                "jq bytes, case {i}"
            );
            assert_eq!(jq_hash(&path), ours, "jq, case {i}");
        }
        {
            assert_eq!(python_hash(&path), ours, "python, case {i}");
        }
    }
}

#[test]
fn the_characters_where_the_tools_disagree_are_refused_by_the_canonical_form() {
    // jq writes DEL as \u007f, Python writes it raw; jq 1.6 rounds integers
    // beyond 2^53. The canonical form refuses both so no hash is ambiguous.
    assert!(to_canonical_bytes(&json!({"a": "x\u{7f}"})).is_err());
    assert!(to_canonical_bytes(&json!({"a": 9007199254740993u64})).is_err());
    require("jq");
    require("python3");
    {
        let path = tmp_file("del.json", "{\"content\":\"x\u{7f}\"}");
        assert_ne!(
            jq_hash(&path),
            python_hash(&path),
            "tools now agree on DEL: relax the rule?"
        );
    }
}
