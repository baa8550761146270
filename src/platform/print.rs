//! Printing the current page with the browser's print dialog (the print
//! stylesheet lays it out as an A4 administrative document).

/// Opens the browser's print dialog for the current page.
pub fn print_page() {
    if let Some(w) = web_sys::window() {
        // The dialog may be blocked (e.g. in a sandboxed frame): nothing to do then.
        let _ = w.print();
    }
}
