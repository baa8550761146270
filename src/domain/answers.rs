//! The answers of one checklist run, decoded when first read (issue #14,
//! "records not on screen decoded only when first needed").
//!
//! A start reads every stored answers record: most of what a team's
//! browser holds (a 500-inspection workspace has 50,000 answers). Decoding
//! them all before the first screen was most of what a larger workspace
//! added to a start, although the first screen shows none of them and a
//! checklist shows one run's. So an [`Answers`] can hold its stored text
//! (the answers part of the record, checked as JSON when the record was
//! read) and a decoder, and decodes on the first read of the map. Every
//! reader goes through [`Deref`]: no code can see "not decoded yet" as "no
//! answers", which is what would lose data (a save of an empty map).
//!
//! Text that does not decode reads as no answers and keeps the reason
//! ([`Answers::failure`]): the storage layer, which owns the stored record,
//! sets it aside (quarantine, its text kept) before any write could replace
//! it, as a start does for a record that does not read
//! (`persist::WorkspaceStore::settle_inspection`).
//!
//! Answers built in memory or read with their record whole (an inspection
//! record holding its answers, a backup file) are decoded from the start.

use crate::domain::answer::{Answer, AnswerKey};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::collections::BTreeMap;
use std::fmt;
use std::ops::{Deref, DerefMut};
use std::sync::{Arc, OnceLock};

/// Answers by key.
pub type AnswerMap = BTreeMap<AnswerKey, Answer>;

/// Reads stored answers text; the error says why it does not read.
pub type AnswersDecoder = fn(&str) -> Result<AnswerMap, String>;

/// The answers of one run: decoded, or stored text decoded on first read.
#[derive(Clone, Default)]
pub struct Answers {
    /// Set once decoded (at once for answers built in memory).
    decoded: OnceLock<Decoded>,
    /// The stored text and its decoder, until decoded.
    stored: Option<StoredAnswers>,
}

#[derive(Clone, Default)]
struct Decoded {
    map: AnswerMap,
    /// Why the stored text did not decode (the map is then empty).
    failure: Option<String>,
}

#[derive(Clone)]
struct StoredAnswers {
    text: Arc<str>,
    decode: AnswersDecoder,
}

impl Answers {
    /// Answers already decoded.
    pub fn new(map: AnswerMap) -> Self {
        Self {
            decoded: OnceLock::from(Decoded { map, failure: None }),
            stored: None,
        }
    }

    /// Stored answers text, decoded by `decode` on the first read.
    pub fn lazy(text: impl Into<Arc<str>>, decode: AnswersDecoder) -> Self {
        Self {
            decoded: OnceLock::new(),
            stored: Some(StoredAnswers {
                text: text.into(),
                decode,
            }),
        }
    }

    /// Whether the map is decoded (reading it would not decode anything).
    pub fn is_decoded(&self) -> bool {
        self.decoded.get().is_some()
    }

    /// Why the stored text did not decode, if it did not (decodes it if
    /// that was not done yet).
    pub fn failure(&self) -> Option<&str> {
        self.force().failure.as_deref()
    }

    /// No answers (decodes the stored text if that was not done yet).
    pub fn is_empty(&self) -> bool {
        self.force().map.is_empty()
    }

    /// Lets go of the stored text once decoded (it is not needed after;
    /// with a large workspace it is megabytes kept twice).
    pub fn release_text(&mut self) {
        if self.is_decoded() {
            self.stored = None;
        }
    }

    /// The map, taken out.
    pub fn into_map(mut self) -> AnswerMap {
        std::mem::take(self.deref_mut())
    }

    fn force(&self) -> &Decoded {
        self.decoded
            .get_or_init(|| decode_text(self.stored.as_ref()))
    }
}

fn decode_text(stored: Option<&StoredAnswers>) -> Decoded {
    match stored {
        None => Decoded::default(),
        Some(s) => match (s.decode)(&s.text) {
            Ok(map) => Decoded { map, failure: None },
            Err(why) => Decoded {
                map: AnswerMap::new(),
                failure: Some(why),
            },
        },
    }
}

impl Deref for Answers {
    type Target = AnswerMap;
    fn deref(&self) -> &AnswerMap {
        &self.force().map
    }
}

impl DerefMut for Answers {
    fn deref_mut(&mut self) -> &mut AnswerMap {
        if self.decoded.get().is_none() {
            let d = decode_text(self.stored.as_ref());
            self.decoded = OnceLock::from(d);
        }
        // Decoded now: the stored text is no longer needed.
        self.stored = None;
        match self.decoded.get_mut() {
            Some(d) => &mut d.map,
            None => unreachable!("decoded just above"),
        }
    }
}

impl From<AnswerMap> for Answers {
    fn from(map: AnswerMap) -> Self {
        Self::new(map)
    }
}

impl FromIterator<(AnswerKey, Answer)> for Answers {
    fn from_iter<I: IntoIterator<Item = (AnswerKey, Answer)>>(iter: I) -> Self {
        Self::new(iter.into_iter().collect())
    }
}

impl IntoIterator for Answers {
    type Item = (AnswerKey, Answer);
    type IntoIter = std::collections::btree_map::IntoIter<AnswerKey, Answer>;
    fn into_iter(self) -> Self::IntoIter {
        self.into_map().into_iter()
    }
}

impl<'a> IntoIterator for &'a Answers {
    type Item = (&'a AnswerKey, &'a Answer);
    type IntoIter = std::collections::btree_map::Iter<'a, AnswerKey, Answer>;
    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}

/// Equal when the decoded answers are equal (a failed decode reads as no
/// answers, as everywhere).
impl PartialEq for Answers {
    fn eq(&self, other: &Self) -> bool {
        **self == **other
    }
}

impl Eq for Answers {}

impl PartialEq<AnswerMap> for Answers {
    fn eq(&self, other: &AnswerMap) -> bool {
        **self == *other
    }
}

impl fmt::Debug for Answers {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&**self, f)
    }
}

/// Written as the map (the inspection record's and the backup's form).
impl Serialize for Answers {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        (**self).serialize(s)
    }
}

impl<'de> Deserialize<'de> for Answers {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        AnswerMap::deserialize(d).map(Self::new)
    }
}
