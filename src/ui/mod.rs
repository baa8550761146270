//! Leptos components. Pages (one per route) compose small components named
//! after what they show; all text comes from `locales/*.json` through
//! `i18n::t!`, and all domain changes go through `state`.

pub mod app;
pub mod chrome;
pub mod document;
pub mod i18n;
pub mod lang;
pub mod nav;
pub mod pages;
pub mod signing;
pub mod update_banner;

/// Mounts the app into `<body>`, after installing a panic hook that leaves a
/// Vietnamese message on screen instead of a blank page.
pub fn mount() {
    install_panic_message();
    // Edits that a crash kept from reaching the disk are written back from
    // the journal before the records are loaded (issue #18). (Leptos's own
    // executor is set up by the mount, so the plain wasm-bindgen one runs this.)
    wasm_bindgen_futures::spawn_local(async {
        crate::platform::journal::replay().await;
        remove_static_shell();
        leptos::mount::mount_to_body(app::App);
        // Stored attachment files no record refers to any more (issue #16)
        // go, after their grace period, a while after the app is on screen.
        // Not in this task: the sweep decodes every stored value before its
        // first wait, which held the first frame back by that much (issue
        // #14's start profile); files are kept a day anyway, so a few
        // seconds later changes nothing for them.
        leptos::prelude::set_timeout(
            || wasm_bindgen_futures::spawn_local(sweep_after_start()),
            std::time::Duration::from_millis(SWEEP_DELAY_MS),
        );
    });
}

/// How long after the mount the evidence sweep starts.
const SWEEP_DELAY_MS: u64 = 3_000;

async fn sweep_after_start() {
    crate::platform::evidence::sweep_garbage().await;
}

/// index.html paints a static shell (name, "Đang mở ứng dụng…") while the
/// WebAssembly loads; the app takes its place. Removed in the same task as
/// the mount, so no frame shows both or neither.
fn remove_static_shell() {
    if let Some(shell) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("boot-shell"))
    {
        shell.remove();
    }
}

/// A panic in WebAssembly stops the app; the hook still runs, so it writes a
/// plain message (both languages) that tells the user their stored data is safe.
fn install_panic_message() {
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
            return;
        };
        let Some(body) = doc.body() else { return };
        if let Ok(el) = doc.create_element("div") {
            el.set_attribute("role", "alert").ok();
            el.set_class_name("fatal-error");
            el.set_text_content(Some(
                "KiểmTra gặp lỗi và đã dừng. Dữ liệu đã lưu trong trình duyệt vẫn còn: \
                 hãy tải lại trang (F5). / KiểmTra hit an error and stopped. The data saved \
                 in this browser is still there: reload the page (F5).",
            ));
            body.prepend_with_node_1(&el).ok();
        }
    }));
}
