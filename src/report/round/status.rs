//! Each expected unit's status in a round and the count line.
//!
//! - The file counted for a unit is its latest (highest arrival number); the
//!   earlier ones are listed as superseded.
//! - Timeliness is the date the unit first reported (its earliest date
//!   received) against the round's due date: a correction sent after the due
//!   date does not make an on-time report late. Calendar days, as
//!   [`crate::report::timeliness`].
//! - Completeness is [`crate::report::completeness`] of the counted file.

use chrono::NaiveDate;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

use super::{Round, RoundFile, UnitReport};
use crate::report::period::{timeliness, Timeliness};
use crate::report::periodic::{PeriodicReport, ReportingUnit};
use crate::report::periodic_checks::{completeness, MissingField};

/// Whether and when a unit reported.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case", tag = "trang_thai")]
pub enum Submission {
    /// Received on or before the due date.
    DungHan,
    /// Received this many calendar days after the due date.
    Cham {
        /// Days late, ≥ 1.
        ngay: i64,
    },
    /// Nothing received.
    ChuaNop,
}

/// One expected unit's status in a round, whatever the kind of report `R`;
/// `M` is what a report can leave out. See [`UnitStatus`] and
/// [`super::thpl::ThplUnitStatus`].
#[derive(Debug, Clone, PartialEq)]
pub struct Status<'a, R, M> {
    /// The unit as on the expected list.
    pub don_vi: &'a ReportingUnit,
    /// The file counted (the latest), if any.
    pub hien_hanh: Option<&'a RoundFile<R>>,
    /// Earlier files of the unit, oldest first.
    pub bi_thay_the: Vec<&'a RoundFile<R>>,
    /// On time, late or missing.
    pub nop: Submission,
    /// What the counted file leaves out.
    pub thieu: Vec<M>,
    /// Dates of the urging letters sent to the unit, oldest first.
    pub don_doc: Vec<NaiveDate>,
}

/// One expected unit's status in an XLVPHC round; `thieu` lists the fields
/// not entered in the counted file.
pub type UnitStatus<'a> = Status<'a, PeriodicReport, MissingField>;

impl<R, M> Status<'_, R, M> {
    /// Received, but something is left out.
    pub fn incomplete(&self) -> bool {
        self.hien_hanh.is_some() && !self.thieu.is_empty()
    }

    /// Needs an urging letter: missing, late or incomplete.
    pub fn needs_urging(&self) -> bool {
        self.nop != Submission::DungHan || self.incomplete()
    }
}

/// Each unit's files in arrival order, keyed by [`super::unit_key`]: one pass
/// over the files, so a round of a thousand units and files stays linear
/// (looking a unit's files up by scanning every file was quadratic, and the
/// page asks for the statuses several times per change).
fn files_by_unit<R: UnitReport>(files: &[RoundFile<R>]) -> BTreeMap<String, Vec<&RoundFile<R>>> {
    let mut by_unit: BTreeMap<String, Vec<&RoundFile<R>>> = BTreeMap::new();
    for f in files {
        by_unit
            .entry(super::unit_key(f.report.unit_name()))
            .or_default()
            .push(f);
    }
    for files in by_unit.values_mut() {
        files.sort_by_key(|f| f.seq);
    }
    by_unit
}

/// The dates each unit was urged, keyed by [`super::unit_key`], in one pass
/// over the letters.
fn urged_by_unit(round: &Round) -> BTreeMap<String, Vec<NaiveDate>> {
    let mut by_unit: BTreeMap<String, Vec<NaiveDate>> = BTreeMap::new();
    for letter in &round.don_doc {
        let keys: BTreeSet<String> = letter.don_vi.iter().map(|n| super::unit_key(n)).collect();
        for key in keys {
            by_unit.entry(key).or_default().push(letter.ngay);
        }
    }
    for dates in by_unit.values_mut() {
        dates.sort();
    }
    by_unit
}

/// Every expected unit's status among `files` (the round's list of one
/// kind), in the list's order: the latest counts, timeliness is the first
/// date received against the round's due date, `completeness` says what the
/// counted report leaves out.
pub(super) fn statuses_of<'a, R: UnitReport, M>(
    round: &'a Round,
    files: &'a [RoundFile<R>],
    completeness: impl Fn(&R) -> Vec<M>,
) -> Vec<Status<'a, R, M>> {
    let files_of = files_by_unit(files);
    let urged = urged_by_unit(round);
    round
        .don_vi
        .iter()
        .map(|unit| {
            let key = super::unit_key(&unit.ten);
            let mut files = files_of.get(&key).cloned().unwrap_or_default();
            let hien_hanh = files.pop();
            let first_date = files
                .iter()
                .chain(hien_hanh.iter())
                .map(|f| f.ngay_nhan)
                .min();
            let nop = match first_date {
                None => Submission::ChuaNop,
                Some(d) => match timeliness(round.han_nop, d) {
                    Timeliness::OnTime => Submission::DungHan,
                    Timeliness::Late { days } => Submission::Cham { ngay: days },
                },
            };
            Status {
                don_vi: unit,
                hien_hanh,
                bi_thay_the: files,
                nop,
                thieu: hien_hanh
                    .map(|f| completeness(&f.report))
                    .unwrap_or_default(),
                don_doc: urged.get(&key).cloned().unwrap_or_default(),
            }
        })
        .collect()
}

/// The status of every expected unit, in the list's order.
pub fn statuses(round: &Round) -> Vec<UnitStatus<'_>> {
    statuses_of(round, &round.tep, completeness)
}

/// The figures of the count line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct StatusCounts {
    /// Units expected.
    pub du_kien: usize,
    /// Units that reported.
    pub da_nop: usize,
    /// Of those, late.
    pub cham: usize,
    /// Units that did not report.
    pub chua_nop: usize,
    /// Units whose counted file has fields not entered.
    pub chua_day_du: usize,
    /// Files from units not on the list.
    pub ngoai_danh_sach: usize,
}

/// Counts for the count line.
pub fn counts(round: &Round) -> StatusCounts {
    tally(&statuses(round), round.unknown_unit_files().len())
}

/// The count line's figures from the expected units' statuses and the
/// number of files from units off the list.
pub(super) fn tally<R, M>(st: &[Status<'_, R, M>], ngoai_danh_sach: usize) -> StatusCounts {
    StatusCounts {
        du_kien: st.len(),
        da_nop: st.iter().filter(|s| s.hien_hanh.is_some()).count(),
        cham: st
            .iter()
            .filter(|s| matches!(s.nop, Submission::Cham { .. }))
            .count(),
        chua_nop: st.iter().filter(|s| s.nop == Submission::ChuaNop).count(),
        chua_day_du: st.iter().filter(|s| s.incomplete()).count(),
        ngoai_danh_sach,
    }
}

/// "24/31 đơn vị đã nộp, 5 chậm, 7 chưa nộp" (Vietnamese; the UI builds the
/// English line from [`counts`]).
pub fn count_line(round: &Round) -> String {
    let c = counts(round);
    format!(
        "{}/{} đơn vị đã nộp, {} chậm, {} chưa nộp",
        c.da_nop, c.du_kien, c.cham, c.chua_nop
    )
}
