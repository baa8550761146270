//! The export package of an inspection report with its evidence (issue #16
//! item 4): a ZIP (stored entries, the `zip` crate) holding `report.json`,
//! the signed report file byte for byte as the JSON export writes it,
//! `attachments.json`, a manifest listing each attached file (hash, type,
//! size, caption, name, where attached), and `attachments/<sha256>.<ext>`,
//! the stored bytes of each file. The manifest is apart from the report so
//! the signed report stays exactly today's export (same schema, same
//! goldens).
//!
//! Reading a package never trusts it: entry count, declared and real sizes
//! are capped before anything is read (a zip bomb stops at the cap), names
//! other than the three forms above are refused or reported, and each file
//! is checked against its name, the manifest's hash and size.

use std::collections::{BTreeMap, BTreeSet};
use std::io::{Cursor, Read, Write};

use serde::{Deserialize, Serialize};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipArchive, ZipWriter};

use crate::domain::evidence::{extension, is_hash, sha256_hex};

/// Name of the report file inside the package.
pub const REPORT_NAME: &str = "report.json";
/// Name of the manifest inside the package.
pub const MANIFEST_NAME: &str = "attachments.json";
/// Folder of the attached files inside the package.
pub const FOLDER: &str = "attachments/";
/// The manifest's format name.
pub const FORMAT: &str = "kiemtra-goi-ho-so";
/// The manifest's format version.
pub const VERSION: u32 = 1;

/// Most entries a package may have (30 files per answer or finding makes
/// a big inspection a few hundred files).
pub const MAX_ENTRIES: usize = 2_000;
/// Largest entry, uncompressed (a stored attachment is at most 20 MB).
pub const MAX_ENTRY_BYTES: u64 = 25 * 1024 * 1024;
/// Largest package, all entries uncompressed together.
pub const MAX_TOTAL_BYTES: u64 = 512 * 1024 * 1024;

/// One attached file as the manifest lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ManifestEntry {
    /// SHA-256 of the file, 64 lowercase hex digits.
    pub hash: String,
    /// Media type.
    #[serde(rename = "type")]
    pub mime: String,
    /// Size in bytes.
    pub size: u64,
    /// The caption the user wrote.
    #[serde(default)]
    pub caption: String,
    /// The file name it was chosen under.
    #[serde(default)]
    pub name: String,
    /// Where it is attached: `answer:<group>#<n>/<item>`, `finding:<n>` or
    /// `addendum:<yyyy-mm-dd>`, with the inspection's id before a `|`.
    #[serde(default)]
    pub attached_to: Vec<String>,
    /// Its path in the package.
    pub file: String,
}

/// The manifest `attachments.json`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    /// Always [`FORMAT`].
    pub format: String,
    /// Always [`VERSION`] for now.
    pub version: u32,
    /// SHA-256 of the main file's bytes (`report.json` in an export
    /// package).
    pub report_sha256: String,
    /// The attached files.
    pub attachments: Vec<ManifestEntry>,
}

/// The path of a file in the package.
pub fn entry_path(hash: &str, mime: &str) -> String {
    format!("{FOLDER}{hash}.{}", extension(mime))
}

/// Why a package could not be written or read at all.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PackageError {
    /// The zip could not be written or read (the zip library's words,
    /// English, kept for the log and not shown).
    #[error("không đọc hoặc ghi được tệp nén ZIP (tệp hỏng hoặc không phải tệp ZIP)")]
    Zip(String),
    /// A file given to write does not match its reference.
    #[error("tệp {hash} không khớp với thông tin đính kèm (mã băm hoặc dung lượng khác)")]
    WrongBytes {
        /// The reference's hash.
        hash: String,
    },
    /// More entries than [`MAX_ENTRIES`].
    #[error("gói có quá nhiều tệp: {count} (tối đa {limit})")]
    TooManyEntries {
        /// Entries in the package.
        count: usize,
        /// The limit.
        limit: usize,
    },
    /// An entry bigger than [`MAX_ENTRY_BYTES`] (declared or real).
    #[error(
        "tệp {name} trong gói quá lớn (tối đa {})",
        crate::i18n::format_megabytes(*limit as usize)
    )]
    EntryTooLarge {
        /// The entry's name.
        name: String,
        /// The limit.
        limit: u64,
    },
    /// All entries together bigger than [`MAX_TOTAL_BYTES`].
    #[error(
        "gói quá lớn khi giải nén (tối đa {})",
        crate::i18n::format_megabytes(*limit as usize)
    )]
    TotalTooLarge {
        /// The limit.
        limit: u64,
    },
    /// A name that could write outside a folder or is not plain text.
    #[error("tên tệp không an toàn trong gói: {0}")]
    HostileName(String),
    /// The same name twice.
    #[error("tên tệp trùng lặp trong gói: {0}")]
    DuplicateName(String),
    /// `report.json` or `attachments.json` is absent.
    #[error("gói thiếu tệp {0}")]
    Missing(&'static str),
    /// The manifest cannot be read (the detail, for the log, not shown).
    #[error("danh sách tệp đính kèm (attachments.json) không đọc được hoặc không đúng định dạng")]
    BadManifest(String),
}

impl From<zip::result::ZipError> for PackageError {
    fn from(e: zip::result::ZipError) -> Self {
        PackageError::Zip(e.to_string())
    }
}

impl From<std::io::Error> for PackageError {
    fn from(e: std::io::Error) -> Self {
        PackageError::Zip(e.to_string())
    }
}

/// What kind of package: the name of its main JSON file and the format
/// name its manifest carries. The export package and the backup package
/// (`crate::persist::backup_package`) share the layout, the writer and
/// the reader with its limits; only these two differ.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Layout {
    /// Name of the main JSON file inside the package.
    pub main: &'static str,
    /// The manifest's `format`.
    pub format: &'static str,
}

/// The export package of an inspection report.
pub const REPORT_PACKAGE: Layout = Layout {
    main: REPORT_NAME,
    format: FORMAT,
};

/// Writes a package file by file, so a caller reading the files one at a
/// time (from the browser's database) never holds them all besides the
/// package: the main file and the manifest first, then each listed file
/// through [`Writer::add`], then [`Writer::finish`].
pub struct Writer {
    zip: ZipWriter<Cursor<Vec<u8>>>,
    listed: BTreeMap<String, (String, u64)>,
    written: BTreeSet<String>,
}

impl Writer {
    /// Starts a package with `main` (the main file's bytes) and the
    /// manifest of `entries` (the files that will follow).
    pub fn start(
        layout: Layout,
        main: &[u8],
        entries: Vec<ManifestEntry>,
    ) -> Result<Self, PackageError> {
        let listed = entries
            .iter()
            .map(|e| (e.file.clone(), (e.hash.clone(), e.size)))
            .collect();
        let manifest = Manifest {
            format: layout.format.to_string(),
            version: VERSION,
            report_sha256: sha256_hex(main),
            attachments: entries,
        };
        let manifest_json = serde_json::to_vec_pretty(&manifest)
            .map_err(|e| PackageError::BadManifest(e.to_string()))?;
        let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
        zip.start_file(layout.main, stored())?;
        zip.write_all(main)?;
        zip.start_file(MANIFEST_NAME, stored())?;
        zip.write_all(&manifest_json)?;
        Ok(Self {
            zip,
            listed,
            written: BTreeSet::new(),
        })
    }

    /// Writes the file of `entry` (listed in the manifest; a file already
    /// written is skipped). Fails if `bytes` do not match its hash and size.
    pub fn add(&mut self, entry: &ManifestEntry, bytes: &[u8]) -> Result<(), PackageError> {
        let wrong = || PackageError::WrongBytes {
            hash: entry.hash.clone(),
        };
        let Some((hash, size)) = self.listed.get(&entry.file) else {
            return Err(wrong());
        };
        if sha256_hex(bytes) != *hash || bytes.len() as u64 != *size {
            return Err(wrong());
        }
        if !self.written.insert(entry.file.clone()) {
            return Ok(());
        }
        self.zip.start_file(entry.file.as_str(), stored())?;
        self.zip.write_all(bytes)?;
        Ok(())
    }

    /// Ends the package and gives its bytes. Fails if a listed file was not
    /// written (the manifest would promise a file the package lacks).
    pub fn finish(self) -> Result<Vec<u8>, PackageError> {
        if let Some((_, (hash, _))) = self
            .listed
            .iter()
            .find(|(file, _)| !self.written.contains(*file))
        {
            return Err(PackageError::WrongBytes { hash: hash.clone() });
        }
        Ok(self.zip.finish()?.into_inner())
    }
}

fn stored() -> SimpleFileOptions {
    SimpleFileOptions::default().compression_method(CompressionMethod::Stored)
}

/// Writes an export package: `report` (the exported file's bytes), then
/// the manifest, then each file of `files` (its entry and its bytes).
/// Fails if a file's bytes do not match its entry's hash and size.
pub fn write(report: &[u8], files: &[(ManifestEntry, Vec<u8>)]) -> Result<Vec<u8>, PackageError> {
    for (e, bytes) in files {
        if sha256_hex(bytes) != e.hash || bytes.len() as u64 != e.size {
            return Err(PackageError::WrongBytes {
                hash: e.hash.clone(),
            });
        }
    }
    let entries = files.iter().map(|(e, _)| e.clone()).collect();
    let mut w = Writer::start(REPORT_PACKAGE, report, entries)?;
    for (e, bytes) in files {
        w.add(e, bytes)?;
    }
    w.finish()
}

/// A package's entries, read within the limits.
#[derive(Debug, Clone)]
pub struct Opened {
    /// The main file's bytes (`report.json` of an export package).
    pub report: Vec<u8>,
    /// The manifest.
    pub manifest: Manifest,
    /// Every other entry by name.
    pub files: BTreeMap<String, Vec<u8>>,
}

fn hostile(name: &str) -> bool {
    name.is_empty()
        || name.starts_with('/')
        || name.contains('\\')
        || name.contains(':')
        || name
            .split('/')
            .any(|p| p == ".." || p == "." || p.is_empty())
        || name.chars().any(char::is_control)
}

/// Opens an export package: checks the limits and names, reads the report
/// and the manifest. Files are checked by [`check`].
pub fn open(bytes: &[u8]) -> Result<Opened, PackageError> {
    open_as(REPORT_PACKAGE, bytes)
}

/// Opens a package of `layout` (see [`open`]).
pub fn open_as(layout: Layout, bytes: &[u8]) -> Result<Opened, PackageError> {
    let mut zip = ZipArchive::new(Cursor::new(bytes))?;
    if zip.len() > MAX_ENTRIES {
        return Err(PackageError::TooManyEntries {
            count: zip.len(),
            limit: MAX_ENTRIES,
        });
    }
    let mut total: u64 = 0;
    let mut entries: BTreeMap<String, Vec<u8>> = BTreeMap::new();
    for i in 0..zip.len() {
        let entry = zip.by_index(i)?;
        let name = match entry.name() {
            Ok(n) => n.to_string(),
            Err(_) => return Err(PackageError::HostileName(format!("#{}", i + 1))),
        };
        if hostile(&name) {
            return Err(PackageError::HostileName(name));
        }
        if entry.is_dir() {
            continue;
        }
        if entry.size() > MAX_ENTRY_BYTES {
            return Err(PackageError::EntryTooLarge {
                name,
                limit: MAX_ENTRY_BYTES,
            });
        }
        total = total.saturating_add(entry.size());
        if total > MAX_TOTAL_BYTES {
            return Err(PackageError::TotalTooLarge {
                limit: MAX_TOTAL_BYTES,
            });
        }
        // The declared size may lie: never read more than the cap.
        let mut data = Vec::new();
        if let Err(e) = entry.take(MAX_ENTRY_BYTES + 1).read_to_end(&mut data) {
            // A changed byte in a stored entry fails its CRC-32 at the end
            // of the read, with every byte read: keep them, so the check
            // names the altered file instead of refusing the package.
            if !e.to_string().to_lowercase().contains("checksum") {
                return Err(e.into());
            }
        }
        if data.len() as u64 > MAX_ENTRY_BYTES {
            return Err(PackageError::EntryTooLarge {
                name,
                limit: MAX_ENTRY_BYTES,
            });
        }
        if entries.insert(name.clone(), data).is_some() {
            return Err(PackageError::DuplicateName(name));
        }
    }
    let report = entries
        .remove(layout.main)
        .ok_or(PackageError::Missing(layout.main))?;
    let manifest_bytes = entries
        .remove(MANIFEST_NAME)
        .ok_or(PackageError::Missing(MANIFEST_NAME))?;
    let manifest: Manifest = serde_json::from_slice(&manifest_bytes)
        .map_err(|e| PackageError::BadManifest(e.to_string()))?;
    if manifest.format != layout.format || manifest.version != VERSION {
        return Err(PackageError::BadManifest(format!(
            "định dạng {} phiên bản {} không được hỗ trợ",
            manifest.format, manifest.version
        )));
    }
    Ok(Opened {
        report,
        manifest,
        files: entries,
    })
}

/// How one file of the package stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FileStatus {
    /// Present, its SHA-256 equal to its name and the manifest, size equal.
    Ok,
    /// Listed but absent from the package.
    Missing,
    /// Present but its bytes do not hash to the listed hash.
    Altered {
        /// The SHA-256 of the bytes found.
        actual: String,
    },
    /// Its size differs from the manifest's (bytes otherwise not checked).
    WrongSize {
        /// The size found.
        actual: u64,
    },
    /// The manifest's path is not `attachments/<hash>.<ext>` of its hash.
    BadName,
    /// In the package but not listed in the manifest.
    Unlisted,
}

impl FileStatus {
    /// Whether this file passed.
    pub fn is_ok(&self) -> bool {
        matches!(self, FileStatus::Ok)
    }
}

/// The check of one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileCheck {
    /// Its path in the package.
    pub file: String,
    /// Its caption (empty for an unlisted file).
    pub caption: String,
    /// How it stands.
    pub status: FileStatus,
}

/// The check of a package's files (the report is checked by
/// [`super::verify`] apart).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Checked {
    /// Whether `report.json` is the one the manifest names.
    pub report_matches: bool,
    /// One line per listed file, then per unlisted file.
    pub files: Vec<FileCheck>,
}

impl Checked {
    /// Whether every file passed and the report is the manifest's.
    pub fn all_ok(&self) -> bool {
        self.report_matches && self.files.iter().all(|f| f.status.is_ok())
    }
}

/// Checks each file of an opened package against its name and the manifest.
pub fn check(p: &Opened) -> Checked {
    let mut files = Vec::new();
    let mut seen = BTreeSet::new();
    for e in &p.manifest.attachments {
        seen.insert(e.file.clone());
        let status = if !is_hash(&e.hash) || e.file != entry_path(&e.hash, &e.mime) {
            FileStatus::BadName
        } else {
            match p.files.get(&e.file) {
                None => FileStatus::Missing,
                Some(b) if b.len() as u64 != e.size => FileStatus::WrongSize {
                    actual: b.len() as u64,
                },
                Some(b) => {
                    let actual = sha256_hex(b);
                    if actual == e.hash {
                        FileStatus::Ok
                    } else {
                        FileStatus::Altered { actual }
                    }
                }
            }
        };
        files.push(FileCheck {
            file: e.file.clone(),
            caption: e.caption.clone(),
            status,
        });
    }
    for name in p.files.keys().filter(|n| !seen.contains(*n)) {
        files.push(FileCheck {
            file: name.clone(),
            caption: String::new(),
            status: FileStatus::Unlisted,
        });
    }
    Checked {
        report_matches: sha256_hex(&p.report) == p.manifest.report_sha256,
        files,
    }
}

/// The manifest entries of every attachment of `inspections`, one per
/// file (a file attached in several places lists them all), in the order
/// of [`crate::domain::evidence::listing`].
pub fn manifest_entries<'a>(
    inspections: impl IntoIterator<Item = &'a crate::domain::inspection::Inspection>,
) -> Vec<ManifestEntry> {
    use crate::domain::evidence::{listing, Place};
    let mut out: Vec<ManifestEntry> = Vec::new();
    for insp in inspections {
        for (place, a) in listing(insp) {
            let place = match place {
                Place::Answer(k) => format!("answer:{k}"),
                Place::Finding(n) => format!("finding:{n}"),
                Place::Addendum(d) => format!("addendum:{d}"),
            };
            let at = format!("{}|{place}", insp.id());
            if let Some(e) = out.iter_mut().find(|e| e.hash == a.hash) {
                if !e.attached_to.contains(&at) {
                    e.attached_to.push(at);
                }
                continue;
            }
            out.push(ManifestEntry {
                hash: a.hash.clone(),
                mime: a.mime.clone(),
                size: a.size,
                caption: a.caption.clone(),
                name: a.name.clone(),
                attached_to: vec![at],
                file: entry_path(&a.hash, &a.mime),
            });
        }
    }
    out
}
