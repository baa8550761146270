//! Generates the typed i18n module (`OUT_DIR/i18n/mod.rs`) from
//! `locales/vi.json` and `locales/en.json` with leptos_i18n. Vietnamese is the
//! default locale; the app also forces it on first start (see `ui::lang`).
use leptos_i18n_build::{Config, TranslationsInfos};
use std::path::PathBuf;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    println!("cargo::rerun-if-changed=build.rs");
    let out = PathBuf::from(std::env::var_os("OUT_DIR").ok_or("OUT_DIR is not set")?);
    let cfg = Config::new("vi")?.add_locale("en")?;
    let infos = TranslationsInfos::parse(cfg)?;
    infos.rerun_if_locales_changed();
    infos.emit_diagnostics();
    infos.generate_i18n_module(out.join("i18n"))?;
    Ok(())
}
