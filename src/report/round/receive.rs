//! Receiving one file into a round. The file is verified as on the file
//! check screen ([`crate::report::verify`]); only an intact periodic report
//! of the round's period and regime is kept. An identical file (same content
//! hash) is recognised and not kept twice; a later file of the same unit
//! supersedes the earlier one (both kept, the latest counted, see
//! [`super::status`]); a unit not on the expected list is flagged. A
//! rejected file changes nothing. A file with an invalid signature is
//! refused; one signed by another key than the unit's accepted one (or
//! unsigned after signed ones) is held for a decision ([`super::keys`]).
//! A THPL round ([`super::thpl`]) keeps THPL reports of its window by the
//! same rules and refuses XLVPHC files.

use chrono::{DateTime, NaiveDate, Utc};
use std::collections::{BTreeMap, BTreeSet};

use super::keys::{Acceptance, AcceptedKey, HeldFile};
use super::{Round, RoundFile, UnitReport};
use crate::report::envelope::ReportContent;
use crate::report::key_trust::{classify, Standing};
use crate::report::period::{Regime, ReportPeriod};
use crate::report::signature::{FileSignature, SignatureError};
use crate::report::verify::{verify_checked, Malformed, VerifyResult};

/// A file as it arrives.
#[derive(Debug, Clone, Copy)]
pub struct Incoming<'a> {
    /// The file name.
    pub ten_tep: &'a str,
    /// The file's text (a file that is not UTF-8 text never gets here: the
    /// caller reports it as [`Rejection::NotText`]).
    pub text: &'a str,
    /// Date received.
    pub ngay_nhan: NaiveDate,
}

/// Why a file was not kept. Each has a Vietnamese message.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Rejection {
    /// Not readable as text.
    #[error("tệp không đọc được dưới dạng văn bản")]
    NotText,
    /// Not JSON at all.
    #[error("tệp không phải tệp dữ liệu báo cáo (không phải JSON)")]
    NotJson,
    /// JSON of another kind (another program's, or another schema version).
    #[error("tệp không phải tệp dữ liệu báo cáo của KiểmTra hoặc thuộc phiên bản không hỗ trợ")]
    Foreign,
    /// The content no longer matches its hash: changed after export.
    #[error("nội dung tệp đã bị thay đổi sau khi xuất (mã băm không khớp)")]
    Altered,
    /// Well-formed JSON with the wrong structure, or too large.
    #[error("tệp sai cấu trúc: {0}")]
    Malformed(String),
    /// An inspection report, not a periodic one.
    #[error("tệp là báo cáo kết quả kiểm tra, không phải báo cáo định kỳ")]
    NotPeriodic,
    /// A yearly report on monitoring law implementation sent to an XLVPHC
    /// round: recognised and named, not kept (a THPL round keeps it, see
    /// [`super::thpl`]).
    #[error(
        "tệp là báo cáo công tác theo dõi tình hình thi hành pháp luật hằng năm; đợt báo cáo \
         này thu báo cáo định kỳ về xử lý vi phạm hành chính"
    )]
    ThplReport,
    /// An XLVPHC periodic report sent to a THPL round: recognised and
    /// named, not kept.
    #[error(
        "tệp là báo cáo định kỳ về xử lý vi phạm hành chính; đợt báo cáo này thu báo cáo \
         công tác theo dõi tình hình thi hành pháp luật hằng năm"
    )]
    XlvphcReport,
    /// A periodic report of another period.
    #[error("kỳ báo cáo của tệp khác kỳ của đợt báo cáo")]
    OtherPeriod {
        /// The file's period.
        ky_bao_cao: ReportPeriod,
    },
    /// The signature does not hold: changed after signing, or forged.
    #[error("chữ ký số của tệp không hợp lệ: {0}")]
    BadSignature(SignatureError),
    /// A periodic report under another regime.
    #[error("tệp lập theo chế độ báo cáo khác với đợt báo cáo")]
    OtherRegime {
        /// The file's regime.
        che_do: Regime,
    },
}

impl Rejection {
    /// A stable code for translations.
    pub fn code(&self) -> &'static str {
        match self {
            Rejection::NotText => "not_text",
            Rejection::NotJson => "not_json",
            Rejection::Foreign => "foreign",
            Rejection::Altered => "altered",
            Rejection::Malformed(_) => "malformed",
            Rejection::NotPeriodic => "not_periodic",
            Rejection::ThplReport => "thpl_report",
            Rejection::XlvphcReport => "xlvphc_report",
            Rejection::OtherPeriod { .. } => "other_period",
            Rejection::OtherRegime { .. } => "other_regime",
            Rejection::BadSignature(_) => "bad_signature",
        }
    }
}

/// What receiving one file did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Received {
    /// Kept as file `seq`.
    Accepted {
        /// Arrival number of the kept file.
        seq: u32,
        /// The reporting unit's name, as in the file.
        don_vi: String,
        /// The earlier file of the same unit it supersedes, if any.
        thay_the: Option<u32>,
        /// The unit is not on the expected list (flagged; it can be added).
        ngoai_danh_sach: bool,
    },
    /// The same content is already in the round: not kept again.
    Duplicate {
        /// Arrival number of the file with the same content.
        trung_voi: u32,
    },
    /// Held for a decision (key changed, or signature gone): not counted
    /// until the user accepts it.
    Held {
        /// The reporting unit's name, as in the file.
        don_vi: String,
        /// Why it is held.
        standing: Standing,
    },
    /// Not kept; the round is unchanged.
    Rejected(Rejection),
}

fn reject(r: Rejection) -> Received {
    Received::Rejected(r)
}

/// Receives `file` into `round`. See the module docs.
pub fn receive(round: &mut Round, file: Incoming<'_>) -> Received {
    Receiver::new(round).receive(round, file)
}

/// Receives many files into one round, one after the other, with the
/// round's units, files and content hashes indexed once: receiving each file
/// by scanning every unit and every earlier file made a batch of a thousand
/// files quadratic. Use it for one batch on one round: the indexes follow
/// only the changes made through it.
pub struct Receiver {
    /// The latest arrival number of each unit's files, by unit key.
    latest: BTreeMap<String, u32>,
    /// The keys of the expected units.
    expected: BTreeSet<String>,
    /// The first file with each content hash.
    hashes: BTreeMap<String, u32>,
    /// The next arrival number.
    next_seq: u32,
    /// The fingerprints accepted for each unit, by unit key, oldest first.
    keys: BTreeMap<String, Vec<String>>,
}

impl Receiver {
    /// Indexes `round` as it is now.
    pub fn new(round: &Round) -> Self {
        let mut latest: BTreeMap<String, u32> = BTreeMap::new();
        let mut hashes: BTreeMap<String, u32> = BTreeMap::new();
        let mut note = |seq: u32, unit: &str, hash: &str| {
            let latest = latest.entry(super::unit_key(unit)).or_insert(seq);
            *latest = (*latest).max(seq);
            hashes.entry(hash.to_owned()).or_insert(seq);
        };
        for f in &round.tep {
            note(f.seq, f.report.unit_name(), &f.content_sha256);
        }
        for f in &round.tep_thpl {
            note(f.seq, f.report.unit_name(), &f.content_sha256);
        }
        Self {
            latest,
            expected: round
                .don_vi
                .iter()
                .map(|u| super::unit_key(&u.ten))
                .collect(),
            hashes,
            next_seq: round.next_seq(),
            keys: round.khoa.iter().fold(BTreeMap::new(), |mut m, k| {
                m.entry(super::unit_key(&k.don_vi))
                    .or_insert_with(Vec::new)
                    .push(k.public_key_sha256.clone());
                m
            }),
        }
    }

    /// Receives `file` into `round` (the round this receiver indexed).
    pub fn receive(&mut self, round: &mut Round, file: Incoming<'_>) -> Received {
        self.receive_inner(round, file, false, None)
    }

    /// Receives `file` as [`Receiver::receive`] does, with its signature's
    /// arithmetic already done by the browser: `verdict` is WebCrypto's
    /// answer for [`crate::report::signature::SignedMessage::of`] the file's
    /// text (`None`: checked here). See [`crate::report::verify_checked`].
    pub fn receive_verified(
        &mut self,
        round: &mut Round,
        file: Incoming<'_>,
        verdict: Option<bool>,
    ) -> Received {
        self.receive_inner(round, file, false, verdict)
    }

    /// Receives `file` as [`Receiver::receive`] does, except that a changed
    /// key is accepted: the user chose it (see [`Round::accept_held`]).
    pub fn receive_chosen(&mut self, round: &mut Round, file: Incoming<'_>) -> Received {
        self.receive_inner(round, file, true, None)
    }

    fn receive_inner(
        &mut self,
        round: &mut Round,
        file: Incoming<'_>,
        chosen: bool,
        verdict: Option<bool>,
    ) -> Received {
        let envelope = match verify_checked(file.text, verdict) {
            VerifyResult::Valid { envelope } => *envelope,
            VerifyResult::SignatureInvalid(e) => return reject(Rejection::BadSignature(e)),
            VerifyResult::HashMismatch { .. } => return reject(Rejection::Altered),
            VerifyResult::Malformed(Malformed::NotJson { .. } | Malformed::NotAnObject) => {
                return reject(Rejection::NotJson)
            }
            VerifyResult::UnknownSchema { .. }
            | VerifyResult::Malformed(Malformed::BadField(_)) => return reject(Rejection::Foreign),
            VerifyResult::Malformed(m) => return reject(Rejection::Malformed(m.to_string())),
            VerifyResult::HeaderMismatch { field } => {
                return reject(Rejection::Malformed(format!(
                    "phần đầu tệp không khớp nội dung ({field})"
                )))
            }
        };
        let content_sha256 = envelope.content_sha256.clone();
        let generated_at = envelope.generated_at;
        let signature = envelope.signature;
        let report = match envelope.report {
            ReportContent::DinhKy(_) if round.is_thpl() => return reject(Rejection::XlvphcReport),
            ReportContent::DinhKy(r) => r,
            ReportContent::TheoDoiThpl(r) if round.is_thpl() => {
                let verified = Verified {
                    content_sha256,
                    generated_at,
                    signature,
                };
                return self.keep_thpl(round, file, verified, r, chosen);
            }
            ReportContent::TheoDoiThpl(_) => return reject(Rejection::ThplReport),
            _ => return reject(Rejection::NotPeriodic),
        };
        if report.ky_bao_cao != round.ky_bao_cao {
            return reject(Rejection::OtherPeriod {
                ky_bao_cao: report.ky_bao_cao,
            });
        }
        if report.che_do_bao_cao != round.che_do_bao_cao {
            return reject(Rejection::OtherRegime {
                che_do: report.che_do_bao_cao,
            });
        }
        let verified = Verified {
            content_sha256,
            generated_at,
            signature,
        };
        self.keep(round, file, verified, report, chosen, |round| {
            &mut round.tep
        })
    }
}

/// What verification established about a file, whatever its kind.
struct Verified {
    content_sha256: String,
    generated_at: DateTime<Utc>,
    signature: Option<FileSignature>,
}

impl Receiver {
    /// The key rules, the same for every kind of file: the unit's known key
    /// or its first key is accepted (`Ok`, with how a new key came when it
    /// is one); a changed key, or no signature after signed files, holds the
    /// file for a decision (`Err`, with what to answer) unless the user
    /// `chosen` it.
    fn judge_key(
        &self,
        round: &mut Round,
        file: Incoming<'_>,
        content_sha256: &str,
        don_vi: &str,
        signature: &Option<FileSignature>,
        chosen: bool,
    ) -> Result<Option<Acceptance>, Received> {
        let accepted: Vec<&str> = self
            .keys
            .get(&super::unit_key(don_vi))
            .map(|v| v.iter().map(String::as_str).collect())
            .unwrap_or_default();
        let standing = classify(signature.as_ref(), &accepted);
        match &standing {
            Standing::ChangedKey { .. } | Standing::UnsignedAfterSigned { .. } if !chosen => {
                if !round
                    .cho_quyet_dinh
                    .iter()
                    .any(|h| h.content_sha256 == content_sha256)
                {
                    round.cho_quyet_dinh.push(HeldFile {
                        ten_tep: file.ten_tep.to_owned(),
                        text: file.text.to_owned(),
                        ngay_nhan: file.ngay_nhan,
                        don_vi: don_vi.to_owned(),
                        content_sha256: content_sha256.to_owned(),
                        khoa_moi: standing.fingerprint().map(str::to_owned),
                        khoa_truoc: accepted.last().map(|s| (*s).to_owned()).unwrap_or_default(),
                    });
                }
                Err(Received::Held {
                    don_vi: don_vi.to_owned(),
                    standing,
                })
            }
            Standing::NewKey { .. } => Ok(Some(Acceptance::FirstFile)),
            Standing::ChangedKey { previous, .. } => Ok(Some(Acceptance::Chosen {
                khoa_truoc: Some(previous.clone()),
            })),
            _ => Ok(None),
        }
    }

    /// Gives an admitted file its arrival number, notes it as its unit's
    /// latest and its hash as seen, and records the key it brought (`cach`).
    /// Returns the number, the file it supersedes and whether its unit is
    /// off the expected list.
    fn admit(
        &mut self,
        round: &mut Round,
        file: Incoming<'_>,
        content_sha256: &str,
        don_vi: &str,
        cach: Option<Acceptance>,
        signature: &Option<FileSignature>,
    ) -> (u32, Option<u32>, bool) {
        let key = super::unit_key(don_vi);
        let ngoai_danh_sach = !self.expected.contains(&key);
        let seq = self.next_seq;
        self.next_seq = seq.saturating_add(1);
        let thay_the = self.latest.insert(key.clone(), seq);
        self.hashes.insert(content_sha256.to_owned(), seq);
        if let (Some(cach), Some(sig)) = (cach, signature) {
            self.keys
                .entry(key)
                .or_default()
                .push(sig.public_key_sha256.clone());
            round.khoa.push(AcceptedKey {
                don_vi: don_vi.to_owned(),
                public_key_sha256: sig.public_key_sha256.clone(),
                public_key: sig.public_key.clone(),
                ngay: file.ngay_nhan,
                cach,
                tu_tep: seq,
            });
        }
        (seq, thay_the, ngoai_danh_sach)
    }

    /// Keeps a THPL report in a THPL round: same window, not a duplicate;
    /// then the same key, supersession and unknown-unit rules as an XLVPHC
    /// file.
    fn keep_thpl(
        &mut self,
        round: &mut Round,
        file: Incoming<'_>,
        verified: Verified,
        report: crate::report::thpl::ThplReport,
        chosen: bool,
    ) -> Received {
        if report.ky_bao_cao != round.ky_bao_cao {
            return reject(Rejection::OtherPeriod {
                ky_bao_cao: report.ky_bao_cao,
            });
        }
        self.keep(round, file, verified, report, chosen, |round| {
            &mut round.tep_thpl
        })
    }

    /// The rules every file goes through once its kind's own checks passed:
    /// an identical file is a duplicate; then the key rules
    /// ([`Receiver::judge_key`]); then the file is numbered and noted
    /// ([`Receiver::admit`]) and kept in its kind's `list`.
    fn keep<R: UnitReport>(
        &mut self,
        round: &mut Round,
        file: Incoming<'_>,
        verified: Verified,
        report: R,
        chosen: bool,
        list: impl FnOnce(&mut Round) -> &mut Vec<RoundFile<R>>,
    ) -> Received {
        let don_vi = report.unit_name().to_owned();
        let Verified {
            content_sha256,
            generated_at,
            signature,
        } = verified;
        if let Some(&same) = self.hashes.get(&content_sha256) {
            return Received::Duplicate { trung_voi: same };
        }
        let cach = match self.judge_key(round, file, &content_sha256, &don_vi, &signature, chosen) {
            Ok(cach) => cach,
            Err(held) => return held,
        };
        let (seq, thay_the, ngoai_danh_sach) =
            self.admit(round, file, &content_sha256, &don_vi, cach, &signature);
        list(round).push(RoundFile {
            seq,
            ten_tep: file.ten_tep.to_owned(),
            content_sha256,
            ngay_nhan: file.ngay_nhan,
            generated_at,
            khoa_ky: signature.map(|s| s.public_key_sha256),
            report,
        });
        Received::Accepted {
            seq,
            don_vi,
            thay_the,
            ngoai_danh_sach,
        }
    }
}
