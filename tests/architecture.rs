//! The pure modules must build and test on the host: they may not name a
//! browser crate. This scans their sources so a stray `use web_sys` fails here
//! rather than only on the wasm build.

use std::fs;
use std::path::Path;

const PURE: &[&str] = &[
    "src/domain",
    "src/storage",
    "src/report",
    "src/i18n",
    "src/persist",
    "src/json_limits.rs",
];
const BROWSER_CRATES: &[&str] = &["leptos", "web_sys", "js_sys", "gloo", "wasm_bindgen"];

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

#[test]
fn pure_modules_never_name_a_browser_crate() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    for d in PURE {
        rust_files(&root.join(d), &mut files);
    }
    assert!(
        files.len() >= 4,
        "expected the pure modules' sources, found {files:?}"
    );
    let mut offences = Vec::new();
    for f in &files {
        let text = fs::read_to_string(f).unwrap_or_default();
        for (n, line) in text.lines().enumerate() {
            let code = line.split("//").next().unwrap_or("");
            for c in BROWSER_CRATES {
                if code.contains(&format!("{c}::")) || code.contains(&format!("extern crate {c}")) {
                    offences.push(format!("{}:{}: {}", f.display(), n + 1, line.trim()));
                }
            }
        }
    }
    assert!(
        offences.is_empty(),
        "browser crates in pure modules:\n{}",
        offences.join("\n")
    );
}

#[test]
fn every_module_says_what_it_owns() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    rust_files(&root.join("src"), &mut files);
    let missing: Vec<_> = files
        .iter()
        .filter(|f| {
            let text = fs::read_to_string(f).unwrap_or_default();
            !text.trim_start().starts_with("//!")
        })
        .map(|f| f.display().to_string())
        .collect();
    assert!(
        missing.is_empty(),
        "modules without a //! header: {missing:?}"
    );
}
