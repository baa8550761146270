//! The unit's signing key in the UI: loaded once at start into a shared
//! signal, the settings section that shows its fingerprint and makes a new
//! one, the fingerprint line of printed reports, the signed export used by
//! every export button (whatever the report's kind), and the words for a
//! file's signature standing. The key itself is `platform::signing_key`;
//! the rules are `report::signature` and `report::key_trust`.

use crate::domain::clock::Clock;
use crate::i18n::{fill, format_date_time};
use crate::platform::clock::BrowserClock;
use crate::platform::signing_key::{self, KeyError, UnitKey};
use crate::report::envelope::{ExportedFile, ReportContent};
use crate::report::key_trust::Standing;
use crate::report::signature::fingerprint_display;
use crate::ui::i18n::{t, t_string, use_i18n, Locale};

/// The i18n context.
pub type I18n = leptos_i18n::I18nContext<Locale>;
use chrono::{DateTime, Utc};
use leptos::prelude::*;
use leptos::task::spawn_local;

/// Where the key stands in this browser.
#[derive(Clone, Debug)]
pub enum KeyState {
    /// Still reading IndexedDB.
    Loading,
    /// No key yet.
    Missing,
    /// Ready to sign.
    Ready(UnitKey),
    /// Cannot be kept or used here.
    Unavailable(KeyError),
}

/// The shared key state (a `CryptoKey` is not `Send`: local signal).
#[derive(Clone, Copy)]
pub struct Signing(pub RwSignal<KeyState, LocalStorage>);

/// Provides the key state and starts loading it.
pub fn provide_signing() {
    let sig = Signing(RwSignal::new_local(KeyState::Loading));
    provide_context(sig);
    spawn_local(async move {
        let state = load_state().await;
        // An export may have loaded it meanwhile; keep a key it found.
        if matches!(sig.0.get_untracked(), KeyState::Loading) {
            sig.0.set(state);
        }
    });
}

async fn load_state() -> KeyState {
    match signing_key::load().await {
        Ok(Some(k)) => KeyState::Ready(k),
        Ok(None) => KeyState::Missing,
        Err(e) => KeyState::Unavailable(e),
    }
}

/// The key state, read from IndexedDB first when the start-up read has
/// not finished (an export right after the page opened must not go out
/// unsigned for that).
async fn settled_state(sig: Option<Signing>) -> Option<KeyState> {
    let sig = sig?;
    let state = sig.0.get_untracked();
    if !matches!(state, KeyState::Loading) {
        return Some(state);
    }
    let state = load_state().await;
    sig.0.set(state.clone());
    Some(state)
}

/// The shared key state.
pub fn use_signing() -> Signing {
    expect_context::<Signing>()
}

/// A key error in plain words, with the way forward.
pub fn key_error_text(i18n: I18n, e: &KeyError) -> String {
    match e {
        KeyError::NoKeyStorage => t_string!(i18n, signing.err_no_storage).to_string(),
        KeyError::NoWebCrypto => t_string!(i18n, signing.err_no_crypto).to_string(),
        KeyError::Failed(detail) => fill(
            t_string!(i18n, signing.err_failed),
            &[("detail", detail.clone())],
        ),
    }
}

/// How an export went: signed (fingerprint) or not (why, in words).
#[derive(Clone, Debug)]
pub enum SignedHow {
    /// Signed by the key with this fingerprint (hex).
    Signed(String),
    /// Not signed; the sentence to show.
    Unsigned(String),
}

impl SignedHow {
    /// The sentence shown after the export.
    pub fn text(&self, i18n: I18n) -> String {
        match self {
            SignedHow::Signed(fp) => fill(
                t_string!(i18n, signing.export_signed),
                &[("fp", fingerprint_display(fp))],
            ),
            SignedHow::Unsigned(why) => why.clone(),
        }
    }
}

/// Exports `report`, signed with the unit's key when there is one; without
/// a key (or when signing fails) the file is exported unsigned and the
/// returned sentence says why. `signing` is the key state taken from the
/// context by the calling component (an async task has no context).
pub async fn export_signed(
    i18n: I18n,
    signing: Option<Signing>,
    report: ReportContent,
    now: DateTime<Utc>,
) -> Result<(ExportedFile, SignedHow), String> {
    let state = settled_state(signing).await;
    let key = match &state {
        Some(KeyState::Ready(k)) => Some(k.clone()),
        _ => None,
    };
    let unsigned = |report: ReportContent, why: String| async move {
        export_unsigned(report, now)
            .await
            .map(|f| (f, SignedHow::Unsigned(why)))
    };
    let Some(key) = key else {
        let why = match state {
            Some(KeyState::Unavailable(e)) => fill(
                t_string!(i18n, signing.export_unsigned_error),
                &[("reason", key_error_text(i18n, &e))],
            ),
            _ => t_string!(i18n, signing.export_unsigned_no_key).to_string(),
        };
        return unsigned(report, why).await;
    };
    let to_sign =
        crate::report::prepare_signed(report.clone(), crate::APP_VERSION, now, key.public.clone())
            .map_err(|e| e.to_string())?;
    let fp = key.public.fingerprint();
    let signed = match signing_key::sign(&key, &to_sign.bytes).await {
        Ok(raw) => to_sign.finish(&raw).map_err(|e| e.to_string()),
        Err(e) => Err(key_error_text(i18n, &e)),
    };
    match signed {
        Ok(file) => Ok((file, SignedHow::Signed(fp))),
        Err(why) => {
            unsigned(
                report,
                fill(
                    t_string!(i18n, signing.export_unsigned_error),
                    &[("reason", why)],
                ),
            )
            .await
        }
    }
}

/// The unsigned file, its content hashed by WebCrypto (native SHA-256,
/// several times faster than in WebAssembly for a plan's report), or here
/// when WebCrypto is not there; the same file as `report::export`.
async fn export_unsigned(
    report: ReportContent,
    now: DateTime<Utc>,
) -> Result<ExportedFile, String> {
    let unhashed = crate::report::export_unhashed(report, crate::APP_VERSION, now)
        .map_err(|e| e.to_string())?;
    Ok(
        match crate::platform::digest::sha256(unhashed.jcs()).await {
            Some(sha256) => unhashed.finish(&sha256),
            None => unhashed.finish_hashing_here(),
        },
    )
}

/// Exports `report` signed (as [`export_signed`]) and offers the file for
/// download: what every export button does.
pub async fn export_and_download(
    i18n: I18n,
    signing: Option<Signing>,
    report: ReportContent,
    now: DateTime<Utc>,
) -> Result<(ExportedFile, SignedHow), String> {
    let (file, how) = export_signed(i18n, signing, report, now).await?;
    crate::platform::download::download_text(&file.file_name, "application/json", &file.text)?;
    Ok((file, how))
}

/// The words for a file's signature standing.
pub fn standing_text(i18n: I18n, s: &Standing) -> String {
    let fp = |f: &str| fingerprint_display(f);
    match s {
        Standing::KnownKey { fingerprint } => fill(
            t_string!(i18n, signing.standing_known),
            &[("fp", fp(fingerprint))],
        ),
        Standing::NewKey { fingerprint } => fill(
            t_string!(i18n, signing.standing_new),
            &[("fp", fp(fingerprint))],
        ),
        Standing::ChangedKey {
            fingerprint,
            previous,
        } => fill(
            t_string!(i18n, signing.standing_changed),
            &[("fp", fp(fingerprint)), ("prev", fp(previous))],
        ),
        Standing::UnsignedAfterSigned { previous } => fill(
            t_string!(i18n, signing.standing_unsigned_after),
            &[("prev", fp(previous))],
        ),
        Standing::Unsigned => t_string!(i18n, signing.standing_unsigned).to_string(),
        Standing::Invalid(e) => fill(
            t_string!(i18n, signing.standing_invalid),
            &[("reason", e.to_string())],
        ),
    }
}

/// The fingerprint line printed on every printed report.
#[component]
pub fn PrintedFingerprint() -> impl IntoView {
    let i18n = use_i18n();
    let signing = use_context::<Signing>();
    move || {
        let state = signing.map(|s| s.0.get());
        let text = match state {
            Some(KeyState::Ready(k)) => fill(
                t_string!(i18n, signing.print_fingerprint),
                &[("fp", fingerprint_display(&k.public.fingerprint()))],
            ),
            Some(KeyState::Loading) => String::new(),
            _ => t_string!(i18n, signing.print_no_key).to_string(),
        };
        view! { <p class="doc-fingerprint" data-testid="print-fingerprint">{text}</p> }
    }
}

/// The settings section: the key's fingerprint, making a (new) key, what
/// losing it means, and that backups do not hold it.
#[component]
pub fn UnitKeySection() -> impl IntoView {
    let i18n = use_i18n();
    let signing = use_signing();
    let confirming = RwSignal::new(false);
    let busy = RwSignal::new(false);
    let message = RwSignal::new(None::<(bool, String)>);
    let create = move || {
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        confirming.set(false);
        spawn_local(async move {
            let created = BrowserClock.now().to_rfc3339();
            match signing_key::create(&created).await {
                Ok(k) => {
                    message.set(Some((
                        true,
                        fill(
                            t_string!(i18n, signing.key_created_ok),
                            &[("fp", fingerprint_display(&k.public.fingerprint()))],
                        ),
                    )));
                    signing.0.set(KeyState::Ready(k));
                }
                Err(e) => {
                    message.set(Some((false, key_error_text(i18n, &e))));
                    signing.0.set(KeyState::Unavailable(e));
                }
            }
            busy.set(false);
        });
    };
    let body = move || {
        match signing.0.get() {
        KeyState::Loading => view! { <p>{t!(i18n, signing.key_loading)}</p> }.into_any(),
        KeyState::Missing => view! {
            <p data-testid="unit-key-none">{t!(i18n, signing.key_none)}</p>
            <button type="button" class="btn btn--primary" data-testid="unit-key-create"
                prop:disabled=move || busy.get() on:click=move |_| create()>
                {t!(i18n, signing.key_create)}
            </button>
        }
        .into_any(),
        KeyState::Unavailable(e) => view! {
            <p class="error-text" role="alert" data-testid="unit-key-error">{key_error_text(i18n, &e)}</p>
        }
        .into_any(),
        KeyState::Ready(k) => {
            let created = DateTime::parse_from_rfc3339(&k.created)
                .map(|t| format_date_time(t.with_timezone(&Utc)))
                .unwrap_or_else(|_| k.created.clone());
            let fp = k.public.fingerprint();
            view! {
                <dl class="key-facts">
                    <dt>{t!(i18n, signing.key_fingerprint)}</dt>
                    <dd><code class="fingerprint" data-testid="unit-key-fingerprint" title=fp.clone()>{fingerprint_display(&fp)}</code></dd>
                    <dt>{t!(i18n, signing.key_created)}</dt>
                    <dd>{created}</dd>
                </dl>
                <h3>{t!(i18n, signing.key_lost_title)}</h3>
                <p>{t!(i18n, signing.key_lost_body)}</p>
                <Show
                    when=move || confirming.get()
                    fallback=move || view! {
                        <button type="button" class="btn" data-testid="unit-key-replace"
                            on:click=move |_| confirming.set(true)>{t!(i18n, signing.key_replace)}</button>
                    }
                >
                    <div role="group" aria-labelledby="unit-key-confirm-text">
                        <p id="unit-key-confirm-text" class="warning">{t!(i18n, signing.key_replace_confirm)}</p>
                        <button type="button" class="btn btn--danger" data-testid="unit-key-replace-yes"
                            prop:disabled=move || busy.get() on:click=move |_| create()>{t!(i18n, signing.key_replace_yes)}</button>
                        " "
                        <button type="button" class="btn" on:click=move |_| confirming.set(false)>{t!(i18n, signing.key_replace_no)}</button>
                    </div>
                </Show>
            }
            .into_any()
        }
    }
    };
    view! {
        <section class="card" aria-labelledby="unit-key-h" data-testid="unit-key">
            <h2 id="unit-key-h">{t!(i18n, signing.key_title)}</h2>
            <p class="muted">{t!(i18n, signing.key_intro)}</p>
            {body}
            {move || message.get().map(|(ok, m)| view! {
                <p class=if ok { "notice-ok" } else { "error-text" } role="status" data-testid="unit-key-message">{m}</p>
            })}
            <p class="muted small">{t!(i18n, signing.key_not_in_backup)}</p>
        </section>
    }
}
