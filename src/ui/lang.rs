//! The language in use: Vietnamese on every browser unless the user picked
//! English, remembered in localStorage across reloads. leptos_i18n would start
//! from `navigator.languages`; we override that at start and after its own
//! first effect, so an English-language browser still opens in Vietnamese.

use super::i18n::{use_i18n, Locale};
use crate::i18n::Lang;
use crate::platform::local_storage;
use leptos::prelude::*;

/// Key of the stored language preference.
pub const LANG_KEY: &str = "kiemtra:ui:lang";

/// The language the user chose before, or Vietnamese.
pub fn stored_lang() -> Lang {
    local_storage::get_pref::<String>(LANG_KEY)
        .map(|t| Lang::from_tag(&t))
        .unwrap_or_default()
}

fn to_locale(lang: Lang) -> Locale {
    match lang {
        Lang::Vi => Locale::vi,
        Lang::En => Locale::en,
    }
}

/// The app's language as a pure value, for formatting and domain texts.
pub fn use_lang() -> Signal<Lang> {
    let i18n = use_i18n();
    Signal::derive(move || match i18n.get_locale() {
        Locale::en => Lang::En,
        _ => Lang::Vi,
    })
}

/// Forces the stored (or default Vietnamese) language. Call once, at the top
/// of the tree inside the i18n provider.
pub fn enforce_stored_lang() {
    let i18n = use_i18n();
    let wanted = to_locale(stored_lang());
    i18n.set_locale(wanted);
    // leptos_i18n's provider applies the browser's language in an effect that
    // runs after the first render; this later effect puts ours back.
    Effect::new(move |_| {
        if i18n.get_locale_untracked() != wanted {
            i18n.set_locale(wanted);
        }
    });
}

/// Switches language and remembers the choice.
pub fn set_lang(lang: Lang) {
    let i18n = use_i18n();
    i18n.set_locale(to_locale(lang));
    // Failing to remember is not worth an alarm: the switch still applies now.
    let _ = local_storage::set_pref(LANG_KEY, &lang.tag().to_string());
}

/// Language picker (a labelled select, keyboard friendly).
#[component]
pub fn LangSwitch() -> impl IntoView {
    use super::i18n::t;
    let i18n = use_i18n();
    let lang = use_lang();
    let on_change = move |ev: leptos::ev::Event| {
        let value = event_target_value(&ev);
        let lang = Lang::from_tag(&value);
        i18n.set_locale(to_locale(lang));
        let _ = local_storage::set_pref(LANG_KEY, &lang.tag().to_string());
    };
    view! {
        <label class="lang-switch">
            <span>{t!(i18n, lang_label)}</span>
            <select data-testid="lang-select" on:change=on_change
                prop:value=move || lang.get().tag().to_string()>
                <option value="vi">{t!(i18n, lang_vi)}</option>
                <option value="en">{t!(i18n, lang_en)}</option>
            </select>
        </label>
    }
}
