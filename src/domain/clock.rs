//! Time source. Injected so that deadlines and warnings are testable; "today"
//! is always the calendar date in Vietnam (UTC+7, no daylight saving).

use chrono::{DateTime, Duration, NaiveDate, Utc};

/// Offset of Vietnam time from UTC, in hours.
pub const VIETNAM_UTC_OFFSET_HOURS: i64 = 7;

/// The calendar date in Vietnam at the given instant.
pub fn vietnam_date(at: DateTime<Utc>) -> NaiveDate {
    (at + Duration::hours(VIETNAM_UTC_OFFSET_HOURS)).date_naive()
}

/// Source of the current time.
pub trait Clock {
    /// Current instant.
    fn now(&self) -> DateTime<Utc>;
    /// Current calendar date in Vietnam (UTC+7).
    fn today(&self) -> NaiveDate {
        vietnam_date(self.now())
    }
}

/// A clock stopped at one instant (tests, replays).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FixedClock(pub DateTime<Utc>);

impl FixedClock {
    /// Stopped at `at`.
    pub fn new(at: DateTime<Utc>) -> Self {
        Self(at)
    }

    /// Stopped at 09:00 Vietnam time (02:00 UTC) on the given date; `None` for
    /// an impossible date.
    pub fn at_vietnam_morning(y: i32, m: u32, d: u32) -> Option<Self> {
        let date = NaiveDate::from_ymd_opt(y, m, d)?;
        let utc = date.and_hms_opt(2, 0, 0)?.and_utc();
        Some(Self(utc))
    }

    /// Moves the clock forward (or back, with a negative duration).
    pub fn advance(&mut self, by: Duration) {
        self.0 += by;
    }
}

impl Clock for FixedClock {
    fn now(&self) -> DateTime<Utc> {
        self.0
    }
}
