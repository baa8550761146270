//! Reactive glue between the pure domain/storage and the UI: the workspace
//! signal, dispatching changes, autosave and cross-tab updates.
