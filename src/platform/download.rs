//! Saving a file the user chose to download (reports, backups, quarantined
//! records): a Blob, an object URL and a temporary `<a download>`.

use wasm_bindgen::JsCast;

/// Offers `text` as a download named `file_name`. The Blob is made from
/// the text's UTF-8 bytes (the same bytes the file holds), not from a
/// JavaScript string: a string would cost a UTF-8 decode into UTF-16 and
/// the Blob's encode back to UTF-8, tens of milliseconds each for a plan's
/// 23 MB report (issue #14's export profile).
pub fn download_text(file_name: &str, mime: &str, text: &str) -> Result<(), String> {
    download_bytes(file_name, mime, text.as_bytes())
}

/// Offers `blob` as a download named `file_name`: an object URL and a
/// temporary hidden `<a download>`, clicked and removed.
fn offer_blob(file_name: &str, blob: &web_sys::Blob) -> Result<(), String> {
    let window = web_sys::window().ok_or("no window")?;
    let document = window.document().ok_or("no document")?;
    let url = web_sys::Url::create_object_url_with_blob(blob).map_err(|e| format!("{e:?}"))?;
    let a: web_sys::HtmlAnchorElement = document
        .create_element("a")
        .map_err(|e| format!("{e:?}"))?
        .dyn_into()
        .map_err(|_| "not an anchor")?;
    a.set_href(&url);
    a.set_download(file_name);
    a.set_attribute("hidden", "").ok();
    if let Some(body) = document.body() {
        body.append_child(&a).ok();
        a.click();
        body.remove_child(&a).ok();
    }
    web_sys::Url::revoke_object_url(&url).ok();
    Ok(())
}

/// The files of a `FileList` (a file input's choice, a drop), in order.
pub fn files_of(list: web_sys::FileList) -> Vec<web_sys::File> {
    (0..list.length()).filter_map(|i| list.get(i)).collect()
}

fn chosen_input(ev: &web_sys::Event) -> Option<web_sys::HtmlInputElement> {
    use wasm_bindgen::JsCast;
    ev.target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
}

/// The files chosen in the `<input type="file">` that fired `ev`, in order.
pub fn chosen_files(ev: &web_sys::Event) -> Vec<web_sys::File> {
    chosen_input(ev)
        .and_then(|input| input.files())
        .map(files_of)
        .unwrap_or_default()
}

/// [`chosen_files`], and the input is cleared, so that choosing the same
/// file again fires a change event again (a user who fixes a file and picks
/// it anew).
pub fn take_chosen_files(ev: &web_sys::Event) -> Vec<web_sys::File> {
    let files = chosen_files(ev);
    if let Some(input) = chosen_input(ev) {
        input.set_value("");
    }
    files
}

/// The first file chosen in the input that fired `ev` (see
/// [`take_chosen_files`]), if any.
pub fn take_chosen_file(ev: &web_sys::Event) -> Option<web_sys::File> {
    take_chosen_files(ev).into_iter().next()
}

/// Reads a file chosen in an `<input type="file">` as text.
pub async fn read_file_text(file: web_sys::File) -> Result<String, String> {
    let promise = file.text();
    let value = wasm_bindgen_futures::JsFuture::from(promise)
        .await
        .map_err(|e| format!("{e:?}"))?;
    value.as_string().ok_or_else(|| "not text".to_string())
}

/// Reads many chosen files as text, all reads started at once and their
/// results in the order of `files`: awaiting each `File.text()` before
/// starting the next left the page idle between reads (1,000 report files
/// in a reporting round).
pub async fn read_files_text(files: Vec<web_sys::File>) -> Vec<Result<String, String>> {
    let pending: Vec<_> = files
        .iter()
        .map(|f| wasm_bindgen_futures::JsFuture::from(f.text()))
        .collect();
    let mut out = Vec::with_capacity(pending.len());
    for p in pending {
        out.push(match p.await {
            Ok(v) => v.as_string().ok_or_else(|| "not text".to_string()),
            Err(e) => Err(format!("{e:?}")),
        });
    }
    out
}

/// Offers `bytes` (a binary file, e.g. an Excel workbook) as a download
/// named `file_name`.
///
/// The Blob copies the bytes straight from a view of the wasm memory:
/// copying them first into a JavaScript `Uint8Array` cost a second copy of
/// a plan's 23 MB report (issue #14's export profile). Nothing between the
/// view and the Blob allocates in the wasm memory (which could grow it and
/// detach the view); should the Blob still not hold every byte, it is made
/// again from a copy.
pub fn download_bytes(file_name: &str, mime: &str, bytes: &[u8]) -> Result<(), String> {
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type(mime);
    let parts = js_sys::Array::new();
    if let Some(view) = memory_view(bytes) {
        parts.push(&view);
        let blob = web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &opts)
            .map_err(|e| format!("{e:?}"))?;
        if usize::try_from(blob.size() as u64).ok() == Some(bytes.len()) {
            return offer_blob(file_name, &blob);
        }
    }
    let copy = js_sys::Uint8Array::from(bytes);
    let parts = js_sys::Array::of1(&copy);
    let blob = web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &opts)
        .map_err(|e| format!("{e:?}"))?;
    offer_blob(file_name, &blob)
}

/// A `Uint8Array` over `bytes` where they lie in the wasm memory (valid
/// only until the memory grows; used at once), or `None` off wasm.
pub(crate) fn memory_view(bytes: &[u8]) -> Option<js_sys::Uint8Array> {
    let memory: js_sys::WebAssembly::Memory = wasm_bindgen::memory().dyn_into().ok()?;
    let offset = u32::try_from(bytes.as_ptr() as usize).ok()?;
    let len = u32::try_from(bytes.len()).ok()?;
    Some(js_sys::Uint8Array::new_with_byte_offset_and_length(
        &memory.buffer(),
        offset,
        len,
    ))
}

/// Reads a file chosen in an `<input type="file">` as bytes (a package).
pub async fn read_file_bytes(file: web_sys::File) -> Result<Vec<u8>, String> {
    let value = wasm_bindgen_futures::JsFuture::from(file.array_buffer())
        .await
        .map_err(|e| format!("{e:?}"))?;
    Ok(js_sys::Uint8Array::new(&value).to_vec())
}
