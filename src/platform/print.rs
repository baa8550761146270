//! Printing the current page through the browser's print dialog.

/// Opens the print dialog for the current page (no-op without a window).
pub fn print_page() {
    if let Some(w) = web_sys::window() {
        // The dialog itself reports nothing useful; a refusal is not an error
        // the user can act on.
        let _ = w.print();
    }
}
