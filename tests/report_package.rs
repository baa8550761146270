//! The export package (issue #16 item 4): round trip, and every way a
//! package can be wrong (altered, missing, extra, renamed, hostile names,
//! huge declared sizes).

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::{Cursor, Write};

use kiemtra::domain::evidence::sha256_hex;
use kiemtra::report::package::{
    check, entry_path, open, write, FileStatus, ManifestEntry, PackageError, MANIFEST_NAME,
    MAX_ENTRY_BYTES, REPORT_NAME,
};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipArchive, ZipWriter};

const REPORT: &[u8] = b"{\"schema\":\"kiemtra\",\"content\":{}}\n";

fn file(mime: &str, bytes: &[u8], caption: &str) -> (ManifestEntry, Vec<u8>) {
    let hash = sha256_hex(bytes);
    (
        ManifestEntry {
            file: entry_path(&hash, mime),
            hash,
            mime: mime.to_string(),
            size: bytes.len() as u64,
            caption: caption.to_string(),
            name: "a".to_string(),
            attached_to: vec!["x|finding:1".to_string()],
        },
        bytes.to_vec(),
    )
}

fn sample() -> Vec<(ManifestEntry, Vec<u8>)> {
    vec![
        file("image/jpeg", b"\xff\xd8jpeg bytes", "Sổ theo dõi"),
        file("image/png", b"\x89PNG bytes", "Bảng niêm yết"),
        file("application/pdf", b"%PDF-1.4 bytes", "Quyết định"),
    ]
}

/// Every entry of a zip, in order.
fn entries(zip: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut a = ZipArchive::new(Cursor::new(zip)).expect("zip");
    (0..a.len())
        .map(|i| {
            let mut f = a.by_index(i).expect("entry");
            let name = f.name().expect("name").to_string();
            let mut v = Vec::new();
            std::io::Read::read_to_end(&mut f, &mut v).expect("read");
            (name, v)
        })
        .collect()
}

/// A zip of these entries (stored).
fn rezip(list: &[(String, Vec<u8>)]) -> Vec<u8> {
    let opts = SimpleFileOptions::default().compression_method(CompressionMethod::Stored);
    let mut z = ZipWriter::new(Cursor::new(Vec::new()));
    for (n, b) in list {
        z.start_file(n.as_str(), opts).expect("start");
        z.write_all(b).expect("write");
    }
    z.finish().expect("finish").into_inner()
}

#[test]
fn round_trip_keeps_report_bytes_and_every_file() {
    let files = sample();
    let zip = write(REPORT, &files).expect("write");
    let names: Vec<String> = entries(&zip).into_iter().map(|(n, _)| n).collect();
    assert_eq!(names[0], REPORT_NAME);
    assert_eq!(names[1], MANIFEST_NAME);
    assert_eq!(names.len(), 5);
    assert!(names[2].starts_with("attachments/") && names[2].ends_with(".jpg"));
    let p = open(&zip).expect("open");
    assert_eq!(p.report, REPORT);
    assert_eq!(p.manifest.attachments.len(), 3);
    assert_eq!(p.manifest.attachments[0].caption, "Sổ theo dõi");
    let c = check(&p);
    assert!(c.all_ok(), "{c:?}");
    assert_eq!(c.files.len(), 3);
}

#[test]
fn write_refuses_bytes_that_are_not_the_reference() {
    let mut files = sample();
    files[1].1.push(0);
    assert!(matches!(
        write(REPORT, &files),
        Err(PackageError::WrongBytes { .. })
    ));
}

#[test]
fn altered_attachment_is_named() {
    let zip = write(REPORT, &sample()).expect("write");
    let mut list = entries(&zip);
    let altered = list[3].0.clone();
    let last = list[3].1.len() - 1;
    list[3].1[last] ^= 1;
    let c = check(&open(&rezip(&list)).expect("open"));
    assert!(!c.all_ok());
    let bad: Vec<_> = c.files.iter().filter(|f| !f.status.is_ok()).collect();
    assert_eq!(bad.len(), 1);
    assert_eq!(bad[0].file, altered);
    assert!(matches!(bad[0].status, FileStatus::Altered { .. }));
}

#[test]
fn missing_extra_and_renamed_files_fail() {
    let zip = write(REPORT, &sample()).expect("write");
    let list = entries(&zip);

    let mut missing = list.clone();
    let gone = missing.remove(4).0;
    let c = check(&open(&rezip(&missing)).expect("open"));
    assert!(c
        .files
        .iter()
        .any(|f| f.file == gone && f.status == FileStatus::Missing));

    let mut extra = list.clone();
    extra.push(("attachments/khac.txt".to_string(), b"x".to_vec()));
    let c = check(&open(&rezip(&extra)).expect("open"));
    assert!(!c.all_ok());
    assert!(c
        .files
        .iter()
        .any(|f| f.file == "attachments/khac.txt" && f.status == FileStatus::Unlisted));

    // Renamed: the bytes under another hash's name.
    let mut renamed = list.clone();
    let other = format!("attachments/{}.jpg", "0".repeat(64));
    let old = renamed[2].0.clone();
    renamed[2].0 = other.clone();
    let c = check(&open(&rezip(&renamed)).expect("open"));
    assert!(c
        .files
        .iter()
        .any(|f| f.file == old && f.status == FileStatus::Missing));
    assert!(c
        .files
        .iter()
        .any(|f| f.file == other && f.status == FileStatus::Unlisted));

    // Report replaced: the manifest names another report.
    let mut report = list.clone();
    report[0].1 = b"{}".to_vec();
    let c = check(&open(&rezip(&report)).expect("open"));
    assert!(!c.report_matches);
}

#[test]
fn manifest_lying_about_size_or_name_fails() {
    let mut files = sample();
    let zip = write(REPORT, &files).expect("write");
    let mut list = entries(&zip);
    files[0].0.size += 1;
    files[1].0.file = "attachments/ten-khac.png".to_string();
    let manifest: serde_json::Value = serde_json::from_slice(&list[1].1).expect("json");
    let mut m = manifest.clone();
    m["attachments"][0]["size"] = serde_json::json!(files[0].0.size);
    m["attachments"][1]["file"] = serde_json::json!(files[1].0.file);
    list[1].1 = serde_json::to_vec(&m).expect("json");
    let c = check(&open(&rezip(&list)).expect("open"));
    assert!(matches!(c.files[0].status, FileStatus::WrongSize { .. }));
    assert_eq!(c.files[1].status, FileStatus::BadName);
}

#[test]
fn hostile_names_are_refused() {
    let zip = write(REPORT, &sample()).expect("write");
    for bad in [
        "../report.json",
        "/etc/passwd",
        "attachments/../../x",
        "attachments\\x.jpg",
        "C:/x",
        "attachments//x",
        "a\u{0}b",
    ] {
        let mut list = entries(&zip);
        list.push((bad.to_string(), b"x".to_vec()));
        assert!(
            matches!(open(&rezip(&list)), Err(PackageError::HostileName(_))),
            "{bad}"
        );
    }
}

#[test]
fn not_a_zip_and_missing_parts_are_errors() {
    assert!(matches!(open(b"not a zip"), Err(PackageError::Zip(_))));
    let zip = write(REPORT, &sample()).expect("write");
    let list = entries(&zip);
    assert_eq!(
        open(&rezip(&list[1..])).err(),
        Some(PackageError::Missing(REPORT_NAME))
    );
    let mut no_manifest = list.clone();
    no_manifest.remove(1);
    assert_eq!(
        open(&rezip(&no_manifest)).err(),
        Some(PackageError::Missing(MANIFEST_NAME))
    );
    let mut bad_manifest = list.clone();
    bad_manifest[1].1 = b"[1,2".to_vec();
    assert!(matches!(
        open(&rezip(&bad_manifest)),
        Err(PackageError::BadManifest(_))
    ));
}

/// Sets the declared uncompressed size of every entry (local header and
/// central directory) to `size`, leaving the data as it is: a zip bomb's
/// claim, or a lie.
fn declare_size(zip: &mut [u8], size: u32) {
    let mut i = 0;
    while i + 46 <= zip.len() {
        match &zip[i..i + 4] {
            [0x50, 0x4b, 0x03, 0x04] => {
                zip[i + 22..i + 26].copy_from_slice(&size.to_le_bytes());
                i += 30;
            }
            [0x50, 0x4b, 0x01, 0x02] => {
                zip[i + 24..i + 28].copy_from_slice(&size.to_le_bytes());
                i += 46;
            }
            _ => i += 1,
        }
    }
}

#[test]
fn huge_declared_sizes_are_refused_before_reading() {
    let mut zip = write(REPORT, &sample()).expect("write");
    declare_size(&mut zip, u32::MAX);
    let r = open(&zip);
    assert!(
        matches!(
            r,
            Err(PackageError::EntryTooLarge { .. }) | Err(PackageError::Zip(_))
        ),
        "{r:?}"
    );
    assert!(MAX_ENTRY_BYTES < u64::from(u32::MAX));
}

#[test]
fn too_many_entries_are_refused() {
    let zip = write(REPORT, &sample()).expect("write");
    let mut list = entries(&zip);
    for n in 0..2_001 {
        list.push((format!("attachments/{n}"), Vec::new()));
    }
    assert!(matches!(
        open(&rezip(&list)),
        Err(PackageError::TooManyEntries { .. })
    ));
}

#[test]
fn a_byte_changed_in_the_zip_itself_names_the_file() {
    let files = sample();
    let mut zip = write(REPORT, &files).expect("write");
    // The PNG's bytes are stored as they are: change one in place (its
    // CRC-32 in the zip no longer matches either).
    let pos = zip
        .windows(files[1].1.len())
        .position(|w| w == files[1].1.as_slice())
        .expect("stored bytes");
    zip[pos + 2] ^= 0x20;
    let c = check(&open(&zip).expect("open"));
    let bad: Vec<_> = c.files.iter().filter(|f| !f.status.is_ok()).collect();
    assert_eq!(bad.len(), 1);
    assert_eq!(bad[0].file, files[1].0.file);
    assert!(matches!(bad[0].status, FileStatus::Altered { .. }));
}
