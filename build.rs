//! Generates the typed i18n module from `locales/*.json` (leptos_i18n).
fn main() {
    println!("cargo::rerun-if-changed=build.rs");
    println!("cargo::rerun-if-changed=locales");
}
