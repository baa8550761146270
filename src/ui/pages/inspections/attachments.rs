//! The attached photos and scanned documents of one checklist answer or one
//! finding (issue #16): thumbnails with their captions, a viewer (Esc
//! closes, arrows move, focus returns to the thumbnail), removing with undo,
//! and the attach panel (take a photo, choose images or PDF files, or drop
//! them; the size images are stored at). The rules are in
//! [`crate::domain::evidence`], the stored bytes in
//! [`crate::platform::evidence`]; this module shows them and saves the
//! references through the `edit` it is given (the answer's or the
//! finding's own save, which a finalized inspection refuses).

use super::shared::I18n;
use crate::domain::clock::Clock;
use crate::domain::evidence::{
    attach, check_file, detach, reference, set_caption, should_scale, undo_detach, Attachment,
    EvidenceError, DEFAULT_MAX_SIDE, MAX_BYTES, MAX_SIDE_CHOICES,
};
use crate::i18n::Lang;
use crate::platform::evidence as store;
use crate::state::{AppState, StorageProblem};
use crate::ui::i18n::{t, t_string, use_i18n};
use crate::ui::lang::use_lang;
use crate::ui::pages::plans::labels::fill;
use crate::ui::pages::settings::backup_file::format_bytes;
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::rc::Rc;

/// JPEG quality of a scaled image: text on a photographed page stays sharp.
const JPEG_QUALITY: f64 = 0.85;

/// Changes the list of attachments where they are kept (an answer, a
/// finding); `Err` carries the refusal in words (e.g. a locked inspection).
pub type EditList = Rc<dyn Fn(ListChange) -> Result<(), String>>;

/// One change of a list of attachments.
pub type ListChange = Box<dyn FnOnce(&mut Vec<Attachment>)>;

/// The attachments of one checklist answer (saved with the run's answers).
#[component]
pub fn AnswerAttachments(ctx: super::answer_input::RowCtx) -> impl IntoView {
    let answer = ctx.answer;
    let list = Signal::derive(move || {
        answer.with(|a| {
            a.as_ref()
                .map(|a| a.attachments.clone())
                .unwrap_or_default()
        })
    });
    let c = ctx.clone();
    let edit: EditList = Rc::new(move |f| {
        let r = c
            .state
            .edit_answer(c.insp, c.run, c.key.clone(), move |a| f(&mut a.attachments));
        // Written at once, not after a typing pause: the bytes are stored.
        c.state.commit_soon();
        r.map_err(|e| super::shared::error_text(c.i18n, &e))
    });
    let locked = ctx.locked;
    view! {
        <AttachmentsField dom_id=ctx.row_id.clone() list=list
            locked=Signal::derive(move || locked.get()) edit=edit/>
    }
}

/// A removal that can still be undone.
#[derive(Clone)]
struct Removed {
    pos: usize,
    att: Attachment,
}

/// The attachments of one answer or finding, and the panel to add more.
#[component]
pub fn AttachmentsField(
    /// Prefix of the element ids (the row's or finding's id).
    dom_id: String,
    /// The current attachments.
    list: Signal<Vec<Attachment>>,
    /// True when the inspection is finalized.
    locked: Signal<bool>,
    /// Saves a change of the list.
    edit: EditList,
    /// Whether new files may be added (default: when not `locked`). An
    /// addendum of a finalized inspection adds files to a locked list.
    #[prop(optional, into)]
    can_add: Option<Signal<bool>>,
) -> impl IntoView {
    let can_add = can_add.unwrap_or_else(|| Signal::derive(move || !locked.get()));
    let i18n = use_i18n();
    let lang = use_lang();
    let state = AppState::expect();
    let edit = StoredValue::new_local(edit);
    let open = RwSignal::new(false);
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let removed = RwSignal::new(None::<Removed>);
    let viewing = RwSignal::new(None::<usize>);
    let max_side = RwSignal::new(DEFAULT_MAX_SIDE);
    let apply = move |f: ListChange| -> bool {
        match edit.with_value(|e| e(f)) {
            Ok(()) => true,
            Err(e) => {
                error.set(Some(e));
                false
            }
        }
    };
    let remove = move |hash: String| {
        // The change runs synchronously inside `apply`; the removed
        // attachment is kept for undo.
        let slot = Rc::new(std::cell::RefCell::new(None::<Removed>));
        let taken = slot.clone();
        let done = apply(Box::new(move |l| {
            *taken.borrow_mut() = detach(l, &hash).map(|(pos, att)| Removed { pos, att });
        }));
        let r = slot.borrow_mut().take();
        if done && r.is_some() {
            removed.set(r);
        }
    };
    let undo = move |_| {
        if let Some(r) = removed.get_untracked() {
            if apply(Box::new(move |l| undo_detach(l, r.pos, r.att))) {
                removed.set(None);
            }
        }
    };
    let add_files = move |files: Vec<web_sys::File>| {
        if files.is_empty() {
            return;
        }
        error.set(None);
        busy.set(true);
        let side = max_side.get_untracked();
        spawn_local(async move {
            let mut problems = Vec::new();
            for file in files {
                match store_file(&file, side).await {
                    Ok(att) => {
                        let ok = apply(Box::new(move |l| {
                            // A full list is said below; a duplicate is no change.
                            let _ = attach(l, att);
                        }));
                        if !ok {
                            break;
                        }
                    }
                    Err(e) => {
                        if matches!(e, Failure::Full) {
                            state.problem.set(Some(StorageProblem::Full));
                        }
                        problems.push(failure_text(i18n, lang.get_untracked(), &file.name(), &e));
                    }
                }
            }
            if list.with_untracked(|l| l.len()) >= crate::domain::evidence::MAX_PER_TARGET {
                problems.push(t_string!(i18n, inspection.attach_err_too_many).to_string());
            }
            busy.try_set(false);
            if !problems.is_empty() {
                error.try_set(Some(problems.join(" ")));
            }
        });
    };
    let count = move || list.with(Vec::len);
    let indexed = move || list.get().into_iter().enumerate().collect::<Vec<_>>();
    let panel_id = format!("{dom_id}-attach");
    let panel_id2 = panel_id.clone();
    view! {
        <div class="attachments" data-testid="attachments">
            <Show when=move || { count() > 0 }>
                <ul class="attachment-list" aria-label=move || t_string!(i18n, inspection.attach_label)>
                    <For each=indexed key=|(i, a)| (*i, a.hash.clone(), a.caption.clone()) let:item>
                        <AttachmentItem index=item.0 att=item.1 locked=locked viewing=viewing
                            on_remove=Callback::new(remove)
                            on_caption=Callback::new(move |(hash, text): (String, String)| {
                                let _ = apply(Box::new(move |l| { set_caption(l, &hash, &text); }));
                            })/>
                    </For>
                </ul>
            </Show>
            {move || removed.get().map(|r| view! {
                <p class="attachment-undo" role="status" data-testid="attachment-undo">
                    {fill(t_string!(i18n, inspection.attach_removed), &[("name", &display_name(&r.att))])}" "
                    <button type="button" class="btn" on:click=undo data-testid="attachment-undo-button">
                        {t!(i18n, inspection.attach_undo)}
                    </button>
                </p>
            })}
            {move || error.get().map(|e| view! { <p class="error" role="alert" data-testid="attachment-error">{e}</p> })}
            <Show when=move || can_add.get()>
                <button type="button" class="btn btn--small no-print" data-testid="attach-open"
                    aria-expanded=move || open.get().to_string() aria-controls=panel_id.clone()
                    on:click=move |_| open.update(|o| *o = !*o)>
                    {t!(i18n, inspection.attach_open)}
                </button>
            </Show>
            <Show when=move || open.get() && can_add.get()>
                <AttachPanel id=panel_id2.clone() busy=busy max_side=max_side
                    on_files=Callback::new(add_files)/>
            </Show>
            {move || viewing.get().map(|i| view! {
                <Viewer list=list index=i viewing=viewing/>
            })}
        </div>
    }
}

/// Why a chosen file was not stored.
enum Failure {
    Check(EvidenceError),
    Decode,
    Full,
    Other(String),
}

/// Prepares, checks, hashes and stores one chosen file; returns its
/// reference once the bytes are on disk (the reference is saved after, so
/// a record never points to bytes that were not stored).
async fn store_file(file: &web_sys::File, max_side: u32) -> Result<Attachment, Failure> {
    let input_type = file.type_();
    let size = file.size().max(0.0) as u64;
    // Checked before reading: a huge or unsupported file is never decoded.
    // An image to be scaled may start larger than the stored limit.
    let scale = should_scale(&input_type, max_side == 0);
    let limit = if scale { MAX_BYTES * 4 } else { MAX_BYTES };
    check_file(&input_type, size.min(limit)).map_err(Failure::Check)?;
    if size > limit {
        return Err(Failure::Check(EvidenceError::TooLarge(size)));
    }
    let prepared = store::prepare(file, max_side, JPEG_QUALITY, scale)
        .await
        .map_err(|_| Failure::Decode)?;
    let now = crate::platform::clock::BrowserClock.now();
    let att = reference(&prepared.bytes, &prepared.mime, &file.name(), "", now)
        .map_err(Failure::Check)?;
    store::put(&att.hash, &att.mime, &prepared.bytes)
        .await
        .map_err(|e| match e {
            store::PutError::Full => Failure::Full,
            store::PutError::Other(s) => Failure::Other(s),
        })?;
    Ok(att)
}

fn failure_text(i18n: I18n, lang: Lang, name: &str, e: &Failure) -> String {
    match e {
        Failure::Check(EvidenceError::UnsupportedType(_)) => fill(
            t_string!(i18n, inspection.attach_err_type),
            &[("name", &name)],
        ),
        Failure::Check(EvidenceError::TooLarge(_)) => fill(
            t_string!(i18n, inspection.attach_err_size),
            &[("name", &name), ("max", &format_bytes(MAX_BYTES, lang))],
        ),
        Failure::Check(EvidenceError::Empty) => fill(
            t_string!(i18n, inspection.attach_err_empty),
            &[("name", &name)],
        ),
        Failure::Check(_) => t_string!(i18n, inspection.attach_err_too_many).to_string(),
        Failure::Decode => fill(
            t_string!(i18n, inspection.attach_err_decode),
            &[("name", &name)],
        ),
        Failure::Full => fill(
            t_string!(i18n, inspection.attach_err_full),
            &[("name", &name)],
        ),
        Failure::Other(err) => fill(
            t_string!(i18n, inspection.attach_err_browser),
            &[("name", &name), ("error", err)],
        ),
    }
}

fn display_name(a: &Attachment) -> String {
    if !a.caption.is_empty() {
        a.caption.clone()
    } else if !a.name.is_empty() {
        a.name.clone()
    } else {
        a.hash.chars().take(12).collect()
    }
}

/// An object URL of a stored file, made when shown and revoked when gone.
fn use_object_url(hash: String) -> RwSignal<Option<Option<String>>> {
    // None: loading; Some(None): not stored in this browser.
    let url = RwSignal::new(None::<Option<String>>);
    spawn_local(async move {
        let u = store::object_url(&hash).await;
        if url.try_set(Some(u.clone())).is_some() {
            // The component is gone already.
            if let Some(u) = u {
                store::revoke(&u);
            }
        }
    });
    on_cleanup(move || {
        if let Some(Some(u)) = url.try_get_untracked().flatten() {
            store::revoke(&u);
        }
    });
    url
}

/// A stored image shown at full width (the printed report's images).
#[component]
pub fn StoredImage(hash: String, alt: String) -> impl IntoView {
    let url = use_object_url(hash);
    move || {
        url.get()
            .flatten()
            .map(|u| view! { <img class="print-image" src=u alt=alt.clone()/> })
    }
}

/// One attachment: thumbnail (a button opening the viewer), caption, size,
/// remove.
#[component]
fn AttachmentItem(
    index: usize,
    att: Attachment,
    locked: Signal<bool>,
    viewing: RwSignal<Option<usize>>,
    on_remove: Callback<String>,
    on_caption: Callback<(String, String)>,
) -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let url = use_object_url(att.hash.clone());
    let is_image = att.mime.starts_with("image/");
    let alt = display_name(&att);
    let view_label = fill(t_string!(i18n, inspection.attach_view), &[("name", &alt)]);
    let thumb_id = thumb_dom_id(&att.hash);
    let hash = att.hash.clone();
    let hash2 = att.hash.clone();
    let caption = att.caption.clone();
    let size = att.size;
    let mime = att.mime.clone();
    view! {
        <li class="attachment" data-testid="attachment" data-hash=att.hash.clone() data-type=att.mime.clone()>
            <button type="button" class="attachment-thumb" id=thumb_id
                aria-label=view_label
                on:click=move |_| viewing.set(Some(index))>
                {move || match (url.get(), is_image) {
                    (Some(Some(u)), true) => view! { <img src=u alt=alt.clone() data-testid="attachment-img"/> }.into_any(),
                    (Some(None), _) => view! { <span class="attachment-missing" data-testid="attachment-missing">{t!(i18n, inspection.attach_missing_short)}</span> }.into_any(),
                    (_, false) => view! { <span class="attachment-pdf">"PDF"</span> }.into_any(),
                    (None, true) => view! { <span class="attachment-loading">"…"</span> }.into_any(),
                }}
            </button>
            <div class="attachment-meta">
                <label class="field">
                    <span>{t!(i18n, inspection.attach_caption)}</span>
                    <input type="text" data-testid="attachment-caption" maxlength="500"
                        prop:value=caption disabled=move || locked.get()
                        on:change=move |ev| on_caption.run((hash2.clone(), event_target_value(&ev)))/>
                </label>
                <small class="muted">{mime}" · "{move || format_bytes(size, lang.get())}</small>
                <Show when=move || !locked.get()>
                    {
                        let hash = hash.clone();
                        view! {
                            <button type="button" class="btn btn--small btn--danger no-print" data-testid="attachment-remove"
                                on:click=move |_| on_remove.run(hash.clone())>
                                {t!(i18n, inspection.attach_remove)}
                            </button>
                        }
                    }
                </Show>
            </div>
        </li>
    }
}

fn thumb_dom_id(hash: &str) -> String {
    format!("att-{}", &hash[..hash.len().min(16)])
}

/// The panel to add files: take a photo, choose files, drop files, and the
/// size images are stored at.
#[component]
fn AttachPanel(
    id: String,
    busy: RwSignal<bool>,
    max_side: RwSignal<u32>,
    on_files: Callback<Vec<web_sys::File>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let dragging = RwSignal::new(false);
    let from_input = move |ev: leptos::ev::Event| {
        on_files.run(crate::platform::download::take_chosen_files(&ev));
    };
    let size_label = move |side: u32| match side {
        0 => t_string!(i18n, inspection.attach_size_original),
        1280 => t_string!(i18n, inspection.attach_size_small),
        3000 => t_string!(i18n, inspection.attach_size_large),
        _ => t_string!(i18n, inspection.attach_size_page),
    };
    let size_id = format!("{id}-size");
    let size_id2 = size_id.clone();
    let note_id = format!("{id}-note");
    let note_id2 = note_id.clone();
    view! {
        <div class="attach-panel no-print" id=id data-testid="attach-panel"
            class:attach-panel--drag=move || dragging.get()
            on:dragover=move |ev: leptos::ev::DragEvent| { ev.prevent_default(); dragging.set(true); }
            on:dragleave=move |_| dragging.set(false)
            on:drop=move |ev: leptos::ev::DragEvent| {
                ev.prevent_default();
                dragging.set(false);
                let files = ev.data_transfer().and_then(|d| d.files()).map(crate::platform::download::files_of).unwrap_or_default();
                on_files.run(files);
            }>
            <div class="attach-inputs">
                <label class="btn">
                    {t!(i18n, inspection.attach_take_photo)}
                    <input type="file" class="sr-only" accept="image/*" capture="environment"
                        data-testid="attach-camera" aria-describedby=note_id.clone() on:change=from_input/>
                </label>
                <label class="btn">
                    {t!(i18n, inspection.attach_choose)}
                    <input type="file" class="sr-only" accept="image/*,application/pdf" multiple
                        data-testid="attach-files" aria-describedby=note_id2.clone() on:change=from_input/>
                </label>
                <span class="muted">{t!(i18n, inspection.attach_drop)}</span>
            </div>
            <label class="field" for=size_id2>
                <span>{t!(i18n, inspection.attach_size_label)}</span>
            </label>
            <select id=size_id data-testid="attach-size"
                on:change=move |ev| {
                    if let Ok(v) = event_target_value(&ev).parse::<u32>() { max_side.set(v); }
                }>
                {MAX_SIDE_CHOICES.iter().map(|s| {
                    let s = *s;
                    view! { <option value=s.to_string() selected=move || max_side.get() == s>{move || size_label(s)}</option> }
                }).collect_view()}
            </select>
            <p class="muted" id=note_id>
                {move || if max_side.get() == 0 {
                    t_string!(i18n, inspection.attach_note_original)
                } else {
                    t_string!(i18n, inspection.attach_note_scaled)
                }}
            </p>
            <Show when=move || busy.get()>
                <p role="status" data-testid="attach-busy">{t!(i18n, inspection.attach_busy)}</p>
            </Show>
        </div>
    }
}

/// The viewer: one attachment large, with its caption and hash. Esc closes
/// (focus goes back to its thumbnail), the arrow keys move.
#[component]
fn Viewer(
    list: Signal<Vec<Attachment>>,
    index: usize,
    viewing: RwSignal<Option<usize>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let Some(att) = list.with_untracked(|l| l.get(index).cloned()) else {
        viewing.set(None);
        return ().into_any();
    };
    let total = list.with_untracked(Vec::len);
    let thumb = thumb_dom_id(&att.hash);
    let close = {
        let thumb = thumb.clone();
        move || {
            // The thumbnail is on the page the whole time the viewer is
            // open, so the focus goes back to it before the dialog goes:
            // the focus is never left on a removed element (and the body)
            // in between. Only if it is not there (the list changed), it
            // is tried again after the next paint.
            let back = super::shared::focus_id(&thumb);
            viewing.set(None);
            if !back {
                let thumb = thumb.clone();
                request_animation_frame(move || {
                    super::shared::focus_id(&thumb);
                });
            }
        }
    };
    let close2 = close.clone();
    let go = move |delta: isize| {
        if total == 0 {
            return;
        }
        let next = (index as isize + delta).rem_euclid(total as isize) as usize;
        viewing.set(Some(next));
    };
    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        // The checklist row uses the same keys: they stop here.
        ev.stop_propagation();
        match ev.key().as_str() {
            "Escape" => {
                ev.prevent_default();
                close();
            }
            "ArrowLeft" => {
                ev.prevent_default();
                go(-1);
            }
            "ArrowRight" => {
                ev.prevent_default();
                go(1);
            }
            _ => {}
        }
    };
    let url = use_object_url(att.hash.clone());
    let is_image = att.mime.starts_with("image/");
    let alt = display_name(&att);
    let name = if att.name.is_empty() {
        format!(
            "{}.{}",
            att.hash,
            crate::domain::evidence::extension(&att.mime)
        )
    } else {
        att.name.clone()
    };
    let title_id = format!("{thumb}-viewer-title");
    let title_id2 = title_id.clone();
    // Focus goes into the dialog when it opens.
    request_animation_frame(|| {
        super::shared::focus_id("attachment-viewer-close");
    });
    view! {
        <div class="viewer-backdrop">
            <div class="viewer" role="dialog" aria-modal="true" aria-labelledby=title_id2
                data-testid="attachment-viewer" on:keydown=on_key>
                <h3 id=title_id>{alt.clone()}" ("{index + 1}"/"{total}")"</h3>
                {move || match url.get() {
                    Some(Some(u)) if is_image => view! { <img class="viewer-img" src=u alt=alt.clone()/> }.into_any(),
                    Some(Some(u)) => view! {
                        <p><a href=u download=name.clone() data-testid="viewer-pdf">{t!(i18n, inspection.attach_open_pdf)}</a></p>
                    }.into_any(),
                    Some(None) => view! { <p class="warning">{t!(i18n, inspection.attach_missing)}</p> }.into_any(),
                    None => view! { <p>"…"</p> }.into_any(),
                }}
                <p class="viewer-hash"><small>{t!(i18n, inspection.attach_hash)}": "<code>{att.hash.clone()}</code></small></p>
                <div class="viewer-actions">
                    <button type="button" class="btn" on:click=move |_| go(-1) disabled=total < 2>{t!(i18n, inspection.attach_prev)}</button>
                    <button type="button" class="btn" on:click=move |_| go(1) disabled=total < 2>{t!(i18n, inspection.attach_next)}</button>
                    <button type="button" class="btn" id="attachment-viewer-close" data-testid="viewer-close"
                        on:click=move |_| close2()>{t!(i18n, inspection.attach_close)}</button>
                </div>
            </div>
        </div>
    }
    .into_any()
}
