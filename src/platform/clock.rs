//! The browser's clock and random ids, behind the domain's `Clock` and `IdGen`.

use crate::domain::clock::Clock;
use crate::domain::ids::{uuid_v4_from_random_bytes, IdGen};
use chrono::{DateTime, NaiveDate, Utc};

/// `Date.now()` as the domain's clock.
#[derive(Debug, Clone, Copy, Default)]
pub struct BrowserClock;

impl Clock for BrowserClock {
    fn now(&self) -> DateTime<Utc> {
        let ms = js_sys::Date::now() as i64;
        DateTime::from_timestamp_millis(ms).unwrap_or_default()
    }
    fn today(&self) -> NaiveDate {
        crate::domain::clock::vietnam_date(self.now())
    }
}

/// UUID v4 from `crypto.getRandomValues`.
#[derive(Debug, Clone, Copy, Default)]
pub struct BrowserIds;

impl IdGen for BrowserIds {
    fn next_uuid(&mut self) -> uuid::Uuid {
        let mut bytes = [0u8; 16];
        let filled = web_sys::window()
            .and_then(|w| w.crypto().ok())
            .map(|c| c.get_random_values_with_u8_array(&mut bytes).is_ok())
            .unwrap_or(false);
        if !filled {
            // No Web Crypto (very old browser): Math.random is weaker but ids
            // only need to be unique on this device.
            for b in bytes.iter_mut() {
                *b = (js_sys::Math::random() * 256.0) as u8;
            }
        }
        uuid_v4_from_random_bytes(bytes)
    }
}
