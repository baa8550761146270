//! The browser's print dialog, for documents laid out for paper (plans,
//! records, reports); the print stylesheet hides the app chrome.

/// Opens the print dialog for the current page.
pub fn print_page() -> Result<(), String> {
    let window = web_sys::window().ok_or("no window")?;
    window.print().map_err(|e| format!("{e:?}"))
}
