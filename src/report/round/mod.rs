//! The Department of Justice's reporting round (đợt báo cáo): the period and
//! regime it collects, the units expected to report, the files received
//! (canonical content, hash, file name, date received), and the urging
//! letters sent. Pure Rust; every rule a user relies on lives in the
//! submodules with native tests:
//! - [`units`]: the expected-unit list, typed, pasted or imported (CSV/JSON);
//! - [`receive`]: receiving a file (verification, duplicates, supersession,
//!   unknown units, files from another period, signatures);
//! - [`keys`]: the signing keys accepted per unit and the files held for a
//!   decision because their key changed;
//! - [`status`]: each unit's status (on time, late by N days, missing,
//!   incomplete) and the count line;
//! - [`totals`]: totals of every count of the periodic report, unit by unit,
//!   "not entered" kept apart from 0, and the previous round's totals;
//! - [`letter`]: the content of an urging letter (công văn đôn đốc);
//! - [`charts`]: the layout of the units-by-status and figures-by-unit charts;
//! - [`consolidated`]: the consolidated report exported as a report file;
//! - [`workbook`]: the Excel workbook of the status and figures tables;
//! - [`thpl`]: a round that collects yearly THPL reports (its kind, files,
//!   statuses and totals).

pub mod charts;
pub mod consolidated;
pub mod keys;
pub mod letter;
pub mod receive;
pub mod status;
pub mod thpl;
pub mod totals;
pub mod units;
pub mod workbook;

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::period::{PeriodKind, Regime, ReportPeriod};
use super::periodic::{PeriodicReport, ReportingUnit};

pub use keys::{Acceptance, AcceptedKey, HeldFile, KeyDecision};
pub use receive::{receive, Incoming, Received, Receiver, Rejection};
pub use status::{count_line, statuses, StatusCounts, Submission, UnitStatus};
pub use thpl::{thpl_counts, thpl_statuses, thpl_totals, ReceivedThplFile, RoundKind};
pub use totals::{totals, FieldTotal, FIELDS};

/// One file kept in a round: the report as verified, and how it came. `R`
/// is the report: XLVPHC periodic ([`ReceivedFile`]) or THPL
/// ([`ReceivedThplFile`]); both are stored with the same fields.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoundFile<R> {
    /// Order of arrival in the round, from 1 (one count for both kinds);
    /// the latest file of a unit is the one with the highest number.
    pub seq: u32,
    /// The file name as chosen by the user.
    pub ten_tep: String,
    /// The file's `content_sha256` (checked against its content).
    pub content_sha256: String,
    /// Date received (ngày nhận): today by default, editable to the date on
    /// the incoming dispatch.
    pub ngay_nhan: NaiveDate,
    /// The file's `generated_at`.
    pub generated_at: DateTime<Utc>,
    /// Fingerprint of the key that signed the file (`None`: unsigned).
    #[serde(default)]
    pub khoa_ky: Option<String>,
    /// The report content (its canonical JSON hashes to `content_sha256`).
    pub report: R,
}

/// An XLVPHC periodic report file kept in a round.
pub type ReceivedFile = RoundFile<PeriodicReport>;

/// A report a round keeps, as the round's rules see it: whose it is. The
/// rules on files (duplicates, keys, the latest file counts, timeliness) are
/// written once over it.
pub trait UnitReport {
    /// The reporting unit's name, as in the file.
    fn unit_name(&self) -> &str;
}

impl UnitReport for PeriodicReport {
    fn unit_name(&self) -> &str {
        &self.don_vi_bao_cao.ten
    }
}

impl UnitReport for super::thpl::ThplReport {
    fn unit_name(&self) -> &str {
        &self.don_vi_bao_cao.ten
    }
}

/// An urging letter recorded in the round.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UrgingRecord {
    /// Date of the letter.
    pub ngay: NaiveDate,
    /// Number and symbol as printed (may have an empty number, filled at
    /// registration by the clerical office).
    pub so_ky_hieu: String,
    /// The units it was sent to (names as in the expected list).
    pub don_vi: Vec<String>,
    /// The new deadline it sets.
    pub han_moi: NaiveDate,
}

/// Who issues and signs the round's letters and consolidated report.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Issuer {
    /// The issuing body and its managing body, e.g. "Sở Tư pháp" under
    /// "Ủy ban nhân dân thành phố Cần Thơ".
    pub co_quan: ReportingUnit,
    /// Symbol after the number, e.g. "STP-QLXLVPHC" ("Số: 125/STP-QLXLVPHC").
    pub ky_hieu: String,
    /// Place name of the date line, e.g. "Cần Thơ".
    pub dia_danh: String,
    /// Signing authority and title, one line each, e.g. ["KT. GIÁM ĐỐC",
    /// "PHÓ GIÁM ĐỐC"].
    pub chuc_vu_ky: Vec<String>,
    /// Signer's name.
    pub nguoi_ky: String,
    /// Other recipients after "Như trên", e.g. "Giám đốc Sở (để báo cáo)".
    pub noi_nhan_khac: Vec<String>,
    /// The "Lưu:" line, e.g. "VT, QLXLVPHC".
    pub luu: String,
}

/// A reporting round.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Round {
    /// Title shown in lists, e.g. "Báo cáo năm 2021".
    pub ten: String,
    /// The period collected.
    pub ky_bao_cao: ReportPeriod,
    /// The regime the reports are made under.
    pub che_do_bao_cao: Regime,
    /// The round's due date (units are late after it).
    pub han_nop: NaiveDate,
    /// Issuer of the letters and of the consolidated report.
    pub co_quan_ban_hanh: Issuer,
    /// Units expected to report, in the list's order.
    pub don_vi: Vec<ReportingUnit>,
    /// XLVPHC periodic report files kept, in order of arrival (the THPL
    /// files of a THPL round are in `tep_thpl`).
    pub tep: Vec<ReceivedFile>,
    /// Urging letters sent.
    pub don_doc: Vec<UrgingRecord>,
    /// What the round collects; left out when stored for an XLVPHC round,
    /// so those rounds are stored exactly as before THPL rounds existed.
    #[serde(default, skip_serializing_if = "RoundKind::is_xlvphc")]
    pub loai: RoundKind,
    /// THPL report files kept, in order of arrival (a THPL round only);
    /// left out when stored while empty.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tep_thpl: Vec<ReceivedThplFile>,
    /// Signing keys accepted, per unit, in order (stored version 3).
    #[serde(default)]
    pub khoa: Vec<AcceptedKey>,
    /// Files held for a decision: their key changed (stored version 3).
    #[serde(default)]
    pub cho_quyet_dinh: Vec<HeldFile>,
    /// Decisions taken on held files (stored version 3).
    #[serde(default)]
    pub quyet_dinh_khoa: Vec<KeyDecision>,
}

impl Round {
    /// An empty round for `ky_bao_cao` under `che_do_bao_cao`, due `han_nop`.
    pub fn new(
        ten: impl Into<String>,
        ky_bao_cao: ReportPeriod,
        che_do_bao_cao: Regime,
        han_nop: NaiveDate,
    ) -> Self {
        Self {
            ten: ten.into(),
            ky_bao_cao,
            che_do_bao_cao,
            han_nop,
            co_quan_ban_hanh: Issuer::default(),
            don_vi: Vec::new(),
            tep: Vec::new(),
            don_doc: Vec::new(),
            loai: RoundKind::Xlvphc,
            tep_thpl: Vec::new(),
            khoa: Vec::new(),
            cho_quyet_dinh: Vec::new(),
            quyet_dinh_khoa: Vec::new(),
        }
    }

    /// Index of the expected unit named `name` (matched by [`unit_key`]).
    pub fn expected_index(&self, name: &str) -> Option<usize> {
        let key = unit_key(name);
        self.don_vi.iter().position(|u| unit_key(&u.ten) == key)
    }

    /// Adds a unit to the expected list unless one with the same name is
    /// there; returns whether it was added.
    pub fn add_unit(&mut self, unit: ReportingUnit) -> bool {
        if unit.ten.trim().is_empty() || self.expected_index(&unit.ten).is_some() {
            return false;
        }
        self.don_vi.push(unit);
        true
    }

    /// Files whose unit is not on the expected list (flagged; they count once
    /// the unit is added).
    pub fn unknown_unit_files(&self) -> Vec<&ReceivedFile> {
        self.unknown_among(&self.tep)
    }

    /// The files among `files` whose unit is not on the expected list.
    fn unknown_among<'a, R: UnitReport>(&self, files: &'a [RoundFile<R>]) -> Vec<&'a RoundFile<R>> {
        // The expected keys once: looking each file's unit up by scanning
        // the list made 1,000 files against 1,000 units a million keys.
        let expected: std::collections::BTreeSet<String> =
            self.don_vi.iter().map(|u| unit_key(&u.ten)).collect();
        files
            .iter()
            .filter(|f| !expected.contains(&unit_key(f.report.unit_name())))
            .collect()
    }

    /// Sets the date received of the file `seq`; false when there is none.
    pub fn set_date_received(&mut self, seq: u32, ngay: NaiveDate) -> bool {
        if let Some(f) = self.tep.iter_mut().find(|f| f.seq == seq) {
            f.ngay_nhan = ngay;
            return true;
        }
        match self.tep_thpl.iter_mut().find(|f| f.seq == seq) {
            Some(f) => {
                f.ngay_nhan = ngay;
                true
            }
            None => false,
        }
    }

    /// Removes the file `seq` (received by mistake); false when there is none.
    pub fn remove_file(&mut self, seq: u32) -> bool {
        let before = self.tep.len() + self.tep_thpl.len();
        self.tep.retain(|f| f.seq != seq);
        self.tep_thpl.retain(|f| f.seq != seq);
        self.tep.len() + self.tep_thpl.len() != before
    }

    /// Records an urging letter.
    pub fn record_urging(&mut self, record: UrgingRecord) {
        self.don_doc.push(record);
    }

    /// The next arrival number.
    fn next_seq(&self) -> u32 {
        self.tep
            .iter()
            .map(|f| f.seq)
            .chain(self.tep_thpl.iter().map(|f| f.seq))
            .max()
            .unwrap_or(0)
            .saturating_add(1)
    }
}

/// The round before `current` among `rounds` under the same regime: the one
/// whose period ends latest before `current`'s ends.
pub fn previous_round<'a>(
    rounds: impl IntoIterator<Item = &'a Round>,
    current: &Round,
) -> Option<&'a Round> {
    rounds
        .into_iter()
        .filter(|r| {
            r.che_do_bao_cao == current.che_do_bao_cao
                && r.loai == current.loai
                && r.ky_bao_cao.den_ngay < current.ky_bao_cao.den_ngay
        })
        .max_by_key(|r| r.ky_bao_cao.den_ngay)
}

/// The period in words, as a Vietnamese document writes it after "báo cáo
/// ...": "năm 2021", "6 tháng đầu năm 2021", or the dates of a thematic or ad
/// hoc period.
pub fn period_phrase_vi(p: &ReportPeriod) -> String {
    let dates = || {
        format!(
            "từ ngày {} đến ngày {}",
            crate::i18n::format_date(p.tu_ngay),
            crate::i18n::format_date(p.den_ngay)
        )
    };
    match p.loai {
        PeriodKind::DinhKyNam => format!("năm {}", p.year()),
        PeriodKind::SauThangDau => format!("6 tháng đầu năm {}", p.year()),
        PeriodKind::SauThangCuoi => format!("6 tháng cuối năm {}", p.year()),
        PeriodKind::ChuyenDe => format!("chuyên đề ({})", dates()),
        PeriodKind::DotXuat => format!("đột xuất ({})", dates()),
        // Inspection reports only; a round never collects it, but the
        // phrase stays truthful if one ever does.
        PeriodKind::KeHoachNam => format!("kế hoạch năm {} ({})", p.year(), dates()),
    }
}

/// Old and new placements of the tone mark that name the same syllable
/// ("Uỷ ban" / "Ủy ban"); both spellings are in official use.
const TONE_PLACEMENT: [(&str, &str); 15] = [
    ("oà", "òa"),
    ("oá", "óa"),
    ("oả", "ỏa"),
    ("oã", "õa"),
    ("oạ", "ọa"),
    ("oè", "òe"),
    ("oé", "óe"),
    ("oẻ", "ỏe"),
    ("oẽ", "õe"),
    ("oẹ", "ọe"),
    ("uỳ", "ùy"),
    ("uý", "úy"),
    ("uỷ", "ủy"),
    ("uỹ", "ũy"),
    ("uỵ", "ụy"),
];

/// The key two unit names are compared by: lower case, runs of white space
/// as one space, the tone mark placed one way. "UBND  quận Ninh Kiều" and
/// "ubnd quận ninh kiều" match; different words never do.
pub fn unit_key(name: &str) -> String {
    // One pass (it runs for every unit and file of a round): words joined by
    // one space, lower case, then each old tone placement replaced. A
    // replacement never forms a new pair (its first letter carries the mark),
    // so this equals replacing each pair in turn.
    let mut lower = String::with_capacity(name.len());
    for (i, word) in name.split_whitespace().enumerate() {
        if i > 0 {
            lower.push(' ');
        }
        lower.extend(word.chars().flat_map(char::to_lowercase));
    }
    let mut key = String::with_capacity(lower.len());
    let mut chars = lower.chars().peekable();
    while let Some(c) = chars.next() {
        if c == 'o' || c == 'u' {
            if let Some(&next) = chars.peek() {
                let pair = TONE_PLACEMENT.iter().find(|(old, _)| {
                    let mut o = old.chars();
                    o.next() == Some(c) && o.next() == Some(next)
                });
                if let Some((_, new)) = pair {
                    key.push_str(new);
                    chars.next();
                    continue;
                }
            }
        }
        key.push(c);
    }
    key
}
