//! Entry point: mounts the app in the browser. On the host it only explains
//! itself, since the app runs as WebAssembly.

#[cfg(target_arch = "wasm32")]
fn main() {
    console_error_panic_hook::set_once();
    kiemtra::ui::mount();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    println!("KiểmTra runs in the browser: see README.md (scripts/serve.sh).");
}
