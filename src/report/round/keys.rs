//! The signing keys a round has accepted, per unit, and the files held for a
//! decision because their key changed (or their signature disappeared).
//!
//! The first signed file of a unit brings its key: it is accepted and
//! recorded ([`Acceptance::FirstFile`]); the Department compares the
//! fingerprint with the one printed on the unit's paper report. A later file
//! signed by another key, or unsigned after signed ones, is not counted: it
//! waits in [`super::Round::cho_quyet_dinh`] until the user accepts it (the
//! choice is recorded, with the date, the old and the new key) or refuses it.
//! The rules are the same for the XLVPHC files and the THPL files of a round.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::receive::{Incoming, Received, Receiver};
use super::{unit_key, Round};
use crate::report::key_trust::Standing;

/// How a key came to be accepted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "cach", rename_all = "snake_case")]
pub enum Acceptance {
    /// With the unit's first signed file.
    FirstFile,
    /// By the user's choice over the key accepted before (`None`: the files
    /// before were unsigned).
    Chosen {
        /// Fingerprint of the key accepted before, if any.
        khoa_truoc: Option<String>,
    },
}

/// A key accepted for a unit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AcceptedKey {
    /// The unit's name as in the file.
    pub don_vi: String,
    /// Fingerprint: lowercase hex SHA-256 of the public key (DER).
    pub public_key_sha256: String,
    /// The public key (SubjectPublicKeyInfo, DER, base64), as in the file.
    pub public_key: String,
    /// Date accepted (the date the file was received).
    pub ngay: NaiveDate,
    /// How.
    #[serde(flatten)]
    pub cach: Acceptance,
    /// The file that brought it (arrival number).
    pub tu_tep: u32,
}

/// A recorded choice on a held file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KeyDecision {
    /// Date of the choice.
    pub ngay: NaiveDate,
    /// The unit.
    pub don_vi: String,
    /// The file name.
    pub ten_tep: String,
    /// Fingerprint of the key accepted before.
    pub khoa_truoc: String,
    /// Fingerprint of the file's key (`None`: the file was unsigned).
    pub khoa_moi: Option<String>,
    /// Accepted (true) or refused (false).
    pub chap_nhan: bool,
}

/// A file waiting for the user's decision.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HeldFile {
    /// The file name.
    pub ten_tep: String,
    /// The whole file as received (verified; kept so that accepting it
    /// receives exactly these bytes).
    pub text: String,
    /// Date received.
    pub ngay_nhan: NaiveDate,
    /// The unit's name as in the file.
    pub don_vi: String,
    /// The file's content hash.
    pub content_sha256: String,
    /// Fingerprint of the file's key (`None`: unsigned).
    pub khoa_moi: Option<String>,
    /// Fingerprint of the key accepted before.
    pub khoa_truoc: String,
}

impl HeldFile {
    /// The standing that held it.
    pub fn standing(&self) -> Standing {
        match &self.khoa_moi {
            Some(f) => Standing::ChangedKey {
                fingerprint: f.clone(),
                previous: self.khoa_truoc.clone(),
            },
            None => Standing::UnsignedAfterSigned {
                previous: self.khoa_truoc.clone(),
            },
        }
    }
}

impl Round {
    /// Fingerprints accepted for the unit named `name`, oldest first.
    pub fn accepted_keys(&self, name: &str) -> Vec<&str> {
        let key = unit_key(name);
        self.khoa
            .iter()
            .filter(|k| unit_key(&k.don_vi) == key)
            .map(|k| k.public_key_sha256.as_str())
            .collect()
    }

    /// The signature standing of the kept file `seq`, as it was accepted:
    /// unsigned, the unit's known key, or the key it brought (new, or chosen
    /// over an earlier one). `None` when there is no such file.
    pub fn file_standing(&self, seq: u32) -> Option<Standing> {
        let khoa_ky = match self.tep.iter().find(|f| f.seq == seq) {
            Some(f) => &f.khoa_ky,
            None => &self.tep_thpl.iter().find(|f| f.seq == seq)?.khoa_ky,
        };
        let Some(fingerprint) = khoa_ky.clone() else {
            return Some(Standing::Unsigned);
        };
        Some(match self.khoa.iter().find(|k| k.tu_tep == seq) {
            Some(AcceptedKey {
                cach: Acceptance::FirstFile,
                ..
            }) => Standing::NewKey { fingerprint },
            Some(AcceptedKey {
                cach: Acceptance::Chosen { khoa_truoc },
                ..
            }) => match khoa_truoc {
                Some(previous) => Standing::ChangedKey {
                    fingerprint,
                    previous: previous.clone(),
                },
                None => Standing::NewKey { fingerprint },
            },
            None => Standing::KnownKey { fingerprint },
        })
    }

    /// Accepts the held file `index` by the user's choice on `ngay`: records
    /// the decision and receives the file. `None` when there is no such file.
    pub fn accept_held(&mut self, index: usize, ngay: NaiveDate) -> Option<Received> {
        if index >= self.cho_quyet_dinh.len() {
            return None;
        }
        let held = self.cho_quyet_dinh.remove(index);
        self.quyet_dinh_khoa.push(KeyDecision {
            ngay,
            don_vi: held.don_vi.clone(),
            ten_tep: held.ten_tep.clone(),
            khoa_truoc: held.khoa_truoc.clone(),
            khoa_moi: held.khoa_moi.clone(),
            chap_nhan: true,
        });
        let mut receiver = Receiver::new(self);
        Some(receiver.receive_chosen(
            self,
            Incoming {
                ten_tep: &held.ten_tep,
                text: &held.text,
                ngay_nhan: held.ngay_nhan,
            },
        ))
    }

    /// Refuses the held file `index` on `ngay` (the refusal is recorded);
    /// false when there is none.
    pub fn refuse_held(&mut self, index: usize, ngay: NaiveDate) -> bool {
        if index >= self.cho_quyet_dinh.len() {
            return false;
        }
        let held = self.cho_quyet_dinh.remove(index);
        self.quyet_dinh_khoa.push(KeyDecision {
            ngay,
            don_vi: held.don_vi,
            ten_tep: held.ten_tep,
            khoa_truoc: held.khoa_truoc,
            khoa_moi: held.khoa_moi,
            chap_nhan: false,
        });
        true
    }
}
