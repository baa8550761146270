//! Working-day arithmetic. Legal time limits in this domain are counted in
//! working days (ngày làm việc): Monday to Friday, minus public holidays.
//! The holiday list is entered by the user (it changes every year, including
//! compensatory days off), so the app ships none: [`Holidays::default`] is empty.

use chrono::{Datelike, Duration, NaiveDate, Weekday};
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

/// User-edited set of public holidays (sorted, no duplicates).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Holidays(pub BTreeSet<NaiveDate>);

impl Holidays {
    /// Empty list.
    pub fn new() -> Self {
        Self::default()
    }
    /// Adds a day; returns false when it was already there.
    pub fn insert(&mut self, d: NaiveDate) -> bool {
        self.0.insert(d)
    }
    /// Removes a day; returns false when it was not there.
    pub fn remove(&mut self, d: NaiveDate) -> bool {
        self.0.remove(&d)
    }
    /// Whether `d` is a listed holiday.
    pub fn contains(&self, d: NaiveDate) -> bool {
        self.0.contains(&d)
    }
    /// Holidays in chronological order.
    pub fn iter(&self) -> impl Iterator<Item = NaiveDate> + '_ {
        self.0.iter().copied()
    }
}

impl FromIterator<NaiveDate> for Holidays {
    fn from_iter<T: IntoIterator<Item = NaiveDate>>(iter: T) -> Self {
        Self(iter.into_iter().collect())
    }
}

/// Monday–Friday and not a listed holiday.
pub fn is_working_day(d: NaiveDate, holidays: &Holidays) -> bool {
    !matches!(d.weekday(), Weekday::Sat | Weekday::Sun) && !holidays.contains(d)
}

/// The date reached by counting `n` working days after `start` (`start` itself
/// is not counted). `n = 0` returns `start` unchanged.
/// Example: Friday + 1 = the next Monday (if it is not a holiday).
pub fn add_working_days(start: NaiveDate, n: u32, holidays: &Holidays) -> NaiveDate {
    step_working_days(start, n, holidays, 1)
}

/// The date reached by counting `n` working days back from `start` (`start`
/// not counted). Used for "N working days before the inspection".
pub fn sub_working_days(start: NaiveDate, n: u32, holidays: &Holidays) -> NaiveDate {
    step_working_days(start, n, holidays, -1)
}

fn step_working_days(start: NaiveDate, n: u32, holidays: &Holidays, dir: i64) -> NaiveDate {
    let mut d = start;
    let mut left = n;
    while left > 0 {
        match d.checked_add_signed(Duration::days(dir)) {
            Some(next) => d = next,
            None => return d, // calendar limit; nothing sensible beyond
        }
        if is_working_day(d, holidays) {
            left -= 1;
        }
    }
    d
}

/// Working days in the half-open interval `(a, b]`; negative when `b < a`
/// (then it is minus the count in `(b, a]`). Same date gives 0.
pub fn working_days_between(a: NaiveDate, b: NaiveDate, holidays: &Holidays) -> i64 {
    if b >= a {
        count_in(a.succ_opt(), b, holidays)
    } else {
        -count_in(b.succ_opt(), a, holidays)
    }
}

/// Working days in the closed interval `[from, to]`, 0 when `to < from`.
/// This is how an inspection's duration (thời hạn kiểm tra) is measured.
pub fn working_days_inclusive(from: NaiveDate, to: NaiveDate, holidays: &Holidays) -> i64 {
    count_in(Some(from), to, holidays)
}

fn count_in(from: Option<NaiveDate>, to: NaiveDate, holidays: &Holidays) -> i64 {
    let Some(mut d) = from else { return 0 };
    let mut n = 0;
    while d <= to {
        if is_working_day(d, holidays) {
            n += 1;
        }
        match d.succ_opt() {
            Some(next) => d = next,
            None => break,
        }
    }
    n
}

/// A closed range of dates `[from, to]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct DateRange {
    /// First day.
    pub from: NaiveDate,
    /// Last day (≥ `from`).
    pub to: NaiveDate,
}

impl DateRange {
    /// A range; `None` when `to < from`.
    pub fn new(from: NaiveDate, to: NaiveDate) -> Option<Self> {
        (from <= to).then_some(Self { from, to })
    }
    /// Whether `d` lies inside.
    pub fn contains(&self, d: NaiveDate) -> bool {
        self.from <= d && d <= self.to
    }
    /// Working days inside the range.
    pub fn working_days(&self, holidays: &Holidays) -> i64 {
        working_days_inclusive(self.from, self.to, holidays)
    }
}
