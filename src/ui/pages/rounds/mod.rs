//! The Department of Justice's reporting rounds (đợt báo cáo): the list and
//! the form that creates one ("/tong-hop"), and one round's page
//! ("/tong-hop/:id") with its expected units, the files received, the
//! status table, the totals, the urging letters and the consolidated
//! report. The rules live in `crate::report::round`; these pages show them.

mod charts;
mod consolidated;
mod demo;
mod keys;
mod letters;
mod list;
mod page;
mod receive;
mod status;
mod thpl;
mod totals;
mod units;

pub use list::RoundList;
pub use page::RoundPage;

use crate::domain::ids::RoundId;
use crate::report::round::Round;
use crate::state::AppState;
use leptos::prelude::*;

/// The round `id`, cloned once per change (`None` once deleted): the
/// sections read it many times per change.
fn round_signal(id: RoundId) -> Memo<Option<Round>> {
    let state = AppState::expect();
    Memo::new(move |_| state.rounds.with(|m| m.get(&id).map(|r| r.round.clone())))
}
