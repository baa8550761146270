//! The backup package (issue #16) over an in-memory store and an in-memory
//! "database" of files: a backup whose records refer to attached files is a
//! ZIP whose `sao-luu.json` is byte for byte the JSON backup; a file this
//! browser lacks is left out and named; the package restores into a fresh
//! store with every file verified; an altered, missing, extra or hostile
//! entry is refused before anything is written; a workspace without
//! attachments keeps the plain JSON backup, and an old JSON backup (backup
//! format 1, records of earlier versions) still restores.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "domain_support.rs"]
mod support;

use kiemtra::domain::answer::{Answer, AnswerKey, ItemStatus};
use kiemtra::domain::catalog::FindingKind;
use kiemtra::domain::clock::Clock;
use kiemtra::domain::evidence::{reference, sha256_hex, Attachment};
use kiemtra::domain::ids::{InspectionId, SeqIds};
use kiemtra::persist::backup_package::{
    attachment_refs, is_package, not_stored, open_backup_package, plan_backup,
    write_backup_package, PackageRefusal, BACKUP_NAME,
};
use kiemtra::persist::{ChangeKey, WorkspaceStore};
use kiemtra::report::package::{FileStatus, ManifestEntry, PackageError, MANIFEST_NAME};
use kiemtra::storage::{KvStore, MemoryKv};
use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet};
use std::io::{Cursor, Read, Write};
use std::rc::Rc;
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipArchive, ZipWriter};

type Shared = Rc<RefCell<MemoryKv>>;

const PHOTO: &[u8] = b"\xff\xd8\xff\xe0 anh bang niem yet thu tuc";
const SCAN: &[u8] = b"%PDF-1.4 bien ban so 12/BB-VPHC";

fn now() -> chrono::DateTime<chrono::Utc> {
    support::clock().now()
}

fn att(bytes: &[u8], mime: &str, name: &str, caption: &str) -> Attachment {
    reference(bytes, mime, name, caption, now()).unwrap()
}

/// A workspace with an inspection whose answer holds a photo and a scan,
/// and a finding holding the scan again; `with_files` false: no attachment.
fn workspace(with_files: bool) -> (Shared, WorkspaceStore<Shared>, InspectionId) {
    let kv: Shared = Rc::default();
    let clock = support::clock();
    let (mut store, mut ws, _) = WorkspaceStore::open(kv.clone(), "0.2.0", clock.now());
    let mut ids = SeqIds::default();
    let tpl = support::sample_template();
    let tpl_id = tpl.id.clone();
    ws.templates_mut().insert(tpl.clone()).unwrap();
    let plan = support::plan_can_tho(&mut ids, &clock);
    let (unit, team) = (plan.inspected_units[0].id, plan.teams[0].id);
    let plan_id = ws.add_plan(plan).unwrap();
    let insp = ws
        .create_inspection(plan_id, unit, Some(team), &mut ids, &clock)
        .unwrap();
    ws.edit_inspection(insp, |i, lib| {
        let run = i.add_checklist(&tpl, &mut ids, &clock)?;
        let key = AnswerKey::new("I", 0, "I.1");
        let mut a = Answer::status(ItemStatus::KhongDat);
        if with_files {
            a.attachments = vec![
                att(PHOTO, "image/jpeg", "anh.jpg", "Bảng niêm yết thủ tục"),
                att(SCAN, "application/pdf", "bien-ban.pdf", "Biên bản số 12"),
            ];
        }
        i.set_answer(run, key.clone(), a, lib, &clock)?;
        i.finding_from_answer(run, &key, FindingKind::SaiSot, lib, &mut ids, &clock)?;
        Ok(())
    })
    .unwrap();
    for what in [
        ChangeKey::Template(tpl_id),
        ChangeKey::Plan(plan_id),
        ChangeKey::Inspection(insp),
    ] {
        store.mark(&ws, &what, clock.now());
    }
    store.flush_now(clock.now());
    (kv, store, insp)
}

/// The browser's database of files, in memory: hash → bytes.
fn database() -> BTreeMap<String, Vec<u8>> {
    [PHOTO, SCAN]
        .into_iter()
        .map(|b| (sha256_hex(b), b.to_vec()))
        .collect()
}

/// What the backup page does: the JSON backup, the plan, the package.
fn make_backup(
    store: &WorkspaceStore<Shared>,
    db: &BTreeMap<String, Vec<u8>>,
) -> (String, Vec<u8>, Vec<ManifestEntry>) {
    let json = store.backup_file(now()).unwrap();
    let stored: BTreeSet<String> = db.keys().cloned().collect();
    let plan = plan_backup(&json, &stored);
    let files: Vec<(ManifestEntry, Vec<u8>)> = plan
        .include
        .iter()
        .map(|e| (e.clone(), db[&e.hash].clone()))
        .collect();
    let zip = write_backup_package(&json, &files).unwrap();
    (json, zip, plan.missing)
}

fn entries(zip: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut a = ZipArchive::new(Cursor::new(zip)).unwrap();
    (0..a.len())
        .map(|i| {
            let mut f = a.by_index(i).unwrap();
            let name = f.name().unwrap().to_string();
            let mut v = Vec::new();
            f.read_to_end(&mut v).unwrap();
            (name, v)
        })
        .collect()
}

fn rezip(list: &[(String, Vec<u8>)]) -> Vec<u8> {
    let opts = SimpleFileOptions::default().compression_method(CompressionMethod::Stored);
    let mut z = ZipWriter::new(Cursor::new(Vec::new()));
    for (n, b) in list {
        z.start_file(n.as_str(), opts).unwrap();
        z.write_all(b).unwrap();
    }
    z.finish().unwrap().into_inner()
}

fn snapshot(kv: &Shared) -> BTreeMap<String, String> {
    kv.borrow().entries().clone()
}

/// What the restore page does with a package: open and verify it, preview
/// it against the store, store the missing files, apply the records.
fn restore_package(
    store: &mut WorkspaceStore<Shared>,
    db: &mut BTreeMap<String, Vec<u8>>,
    zip: Vec<u8>,
) -> Result<usize, PackageRefusal> {
    let opened = open_backup_package(zip)?;
    let preview = store.preview_restore(&opened.json).unwrap();
    assert!(preview.is_ok(), "{:?}", preview.errors);
    let here: BTreeSet<String> = db.keys().cloned().collect();
    let todo: Vec<(String, Vec<u8>)> = not_stored(&opened.files, &here)
        .into_iter()
        .map(|(e, b)| (e.hash.clone(), b.clone()))
        .collect();
    let stored_now = todo.len();
    db.extend(todo);
    let mut rekey = |_k, v| (String::new(), v);
    let report = store
        .repo_mut()
        .apply_restore(&preview, &BTreeMap::new(), &mut rekey, now())
        .unwrap();
    store.after_restore(&report, now());
    Ok(stored_now)
}

#[test]
fn the_package_holds_the_json_backup_byte_for_byte_and_every_file() {
    let (_kv, store, _) = workspace(true);
    let db = database();
    let (json, zip, missing) = make_backup(&store, &db);
    assert!(missing.is_empty());
    assert!(is_package(&zip));
    assert!(!is_package(json.as_bytes()));
    let list = entries(&zip);
    let names: Vec<&str> = list.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names[0], BACKUP_NAME);
    assert_eq!(names[1], MANIFEST_NAME);
    assert_eq!(
        list[0].1,
        json.as_bytes(),
        "the JSON part is the JSON backup"
    );
    let photo = format!("attachments/{}.jpg", sha256_hex(PHOTO));
    let scan = format!("attachments/{}.pdf", sha256_hex(SCAN));
    assert_eq!(
        names.len(),
        4,
        "the scan attached twice is one file: {names:?}"
    );
    assert!(names.contains(&photo.as_str()) && names.contains(&scan.as_str()));
    let manifest: serde_json::Value = serde_json::from_slice(&list[1].1).unwrap();
    assert_eq!(manifest["format"], "kiemtra-goi-sao-luu");
    assert_eq!(manifest["report_sha256"], sha256_hex(json.as_bytes()));
    let refs = attachment_refs(&json);
    let scan_ref = refs.iter().find(|e| e.hash == sha256_hex(SCAN)).unwrap();
    assert_eq!(scan_ref.caption, "Biên bản số 12");
    assert_eq!(scan_ref.mime, "application/pdf");
    assert_eq!(scan_ref.size, SCAN.len() as u64);
    let opened = open_backup_package(zip).unwrap();
    assert_eq!(opened.json, json);
    assert_eq!(opened.files.len(), 2);
    assert_eq!(opened.total_bytes(), (PHOTO.len() + SCAN.len()) as u64);
}

#[test]
fn without_attachments_the_backup_stays_the_plain_json_file() {
    let (_kv, store, _) = workspace(false);
    let json = store.backup_file(now()).unwrap();
    let plan = plan_backup(&json, &database().keys().cloned().collect());
    assert!(!plan.is_package());
    assert!(plan.missing.is_empty());
}

#[test]
fn a_file_missing_here_is_named_and_the_backup_still_happens() {
    let (_kv, store, insp) = workspace(true);
    let mut db = database();
    db.remove(&sha256_hex(PHOTO));
    let (_json, zip, missing) = make_backup(&store, &db);
    assert_eq!(missing.len(), 1);
    assert_eq!(missing[0].hash, sha256_hex(PHOTO));
    assert_eq!(missing[0].name, "anh.jpg");
    assert_eq!(entries(&zip).len(), 3, "backup, manifest, the scan");
    // It restores: every record, and the file it has.
    let fresh: Shared = Rc::default();
    let (mut target, _, _) = WorkspaceStore::open(fresh.clone(), "0.2.0", now());
    let mut target_db = BTreeMap::new();
    assert_eq!(
        restore_package(&mut target, &mut target_db, zip).unwrap(),
        1
    );
    let (_, ws, _) = WorkspaceStore::open(fresh, "0.2.0", now());
    assert!(ws.inspection(insp).is_some());
}

#[test]
fn a_package_restores_into_a_fresh_store_with_its_files_byte_for_byte() {
    let (kv, store, insp) = workspace(true);
    let db = database();
    let (_json, zip, _) = make_backup(&store, &db);
    let fresh: Shared = Rc::default();
    let (mut target, _, _) = WorkspaceStore::open(fresh.clone(), "0.2.0", now());
    let mut target_db = BTreeMap::new();
    assert_eq!(
        restore_package(&mut target, &mut target_db, zip.clone()).unwrap(),
        2
    );
    assert_eq!(target_db, db, "every file, byte for byte");
    let (_, ws, summary) = WorkspaceStore::open(fresh.clone(), "0.2.0", now());
    assert!(summary.fatal.is_none());
    let i = ws.inspection(insp).unwrap();
    let hashes: BTreeSet<String> = kiemtra::domain::evidence::referenced([i]);
    assert_eq!(hashes, db.keys().cloned().collect());
    // The records are the source's, byte for byte.
    let source = snapshot(&kv);
    let restored = snapshot(&fresh);
    let key = format!("kiemtra:inspection:{insp}");
    assert!(restored.contains_key(&key));
    // A second restore stores no file again (all already here).
    assert_eq!(
        restore_package(&mut target, &mut target_db, zip).unwrap(),
        0
    );
    assert!(source.contains_key(&key));
}

/// Every way a package can be wrong: refused with its reason, and neither
/// the records nor the files change.
#[test]
fn altered_missing_extra_and_hostile_packages_are_refused_and_nothing_changes() {
    let (_kv, store, _) = workspace(true);
    let db = database();
    let (_json, zip, _) = make_backup(&store, &db);
    let good = entries(&zip);
    let photo = format!("attachments/{}.jpg", sha256_hex(PHOTO));

    let altered: Vec<_> = good
        .iter()
        .map(|(n, b)| {
            let mut b = b.clone();
            if *n == photo {
                b[5] ^= 0x20;
            }
            (n.clone(), b)
        })
        .collect();
    let missing: Vec<_> = good.iter().filter(|(n, _)| *n != photo).cloned().collect();
    let mut extra = good.clone();
    let x = b"%PDF-1.4 khong co trong danh sach";
    extra.push((format!("attachments/{}.pdf", sha256_hex(x)), x.to_vec()));
    let mut hostile = good.clone();
    hostile.push(("../ngoai-thu-muc.json".to_string(), b"{}".to_vec()));
    let backup_altered: Vec<_> = good
        .iter()
        .map(|(n, b)| {
            let b = if n == BACKUP_NAME {
                String::from_utf8(b.clone())
                    .unwrap()
                    .replace("Biên bản số 12", "Biên bản số 13")
                    .into_bytes()
            } else {
                b.clone()
            };
            (n.clone(), b)
        })
        .collect();
    let no_backup: Vec<_> = good
        .iter()
        .filter(|(n, _)| n != BACKUP_NAME)
        .cloned()
        .collect();

    let fresh: Shared = Rc::default();
    let (mut target, _, _) = WorkspaceStore::open(fresh.clone(), "0.2.0", now());
    let before = snapshot(&fresh);
    let mut target_db = BTreeMap::new();

    let refused = |list: &[(String, Vec<u8>)],
                   target: &mut WorkspaceStore<Shared>,
                   tdb: &mut BTreeMap<String, Vec<u8>>| {
        restore_package(target, tdb, rezip(list)).expect_err("refused")
    };
    match refused(&altered, &mut target, &mut target_db) {
        PackageRefusal::Files(f) => {
            assert_eq!(f.len(), 1);
            assert_eq!(f[0].file, photo);
            assert!(matches!(f[0].status, FileStatus::Altered { .. }));
        }
        other => panic!("{other:?}"),
    }
    match refused(&missing, &mut target, &mut target_db) {
        PackageRefusal::Files(f) => assert_eq!(f[0].status, FileStatus::Missing),
        other => panic!("{other:?}"),
    }
    match refused(&extra, &mut target, &mut target_db) {
        PackageRefusal::Files(f) => assert_eq!(f[0].status, FileStatus::Unlisted),
        other => panic!("{other:?}"),
    }
    assert!(matches!(
        refused(&hostile, &mut target, &mut target_db),
        PackageRefusal::Package(PackageError::HostileName(_))
    ));
    assert_eq!(
        refused(&backup_altered, &mut target, &mut target_db),
        PackageRefusal::BackupAltered
    );
    assert_eq!(
        refused(&no_backup, &mut target, &mut target_db),
        PackageRefusal::Package(PackageError::Missing(BACKUP_NAME))
    );
    // Not a ZIP at all past its first bytes.
    let mut broken = zip.clone();
    broken.truncate(40);
    assert!(matches!(
        restore_package(&mut target, &mut target_db, broken),
        Err(PackageRefusal::Package(PackageError::Zip(_)))
    ));
    // An export package is not a backup package.
    let report = kiemtra::report::package::write(b"{}", &[]).unwrap();
    assert!(matches!(
        restore_package(&mut target, &mut target_db, report),
        Err(PackageRefusal::Package(PackageError::Missing(BACKUP_NAME)))
    ));
    // Every refusal speaks Vietnamese.
    let text = refused(&altered, &mut target, &mut target_db).to_string();
    assert!(text.contains("tệp đính kèm"), "{text}");

    assert_eq!(snapshot(&fresh), before, "no record written");
    assert!(target_db.is_empty(), "no file stored");
}

#[test]
fn a_listed_file_of_a_type_the_app_never_stores_is_refused() {
    let (_kv, store, _) = workspace(true);
    let json = store.backup_file(now()).unwrap();
    let bytes = b"#!/bin/sh\necho xin chao\n".to_vec();
    let hash = sha256_hex(&bytes);
    let entry = ManifestEntry {
        file: kiemtra::report::package::entry_path(&hash, "text/x-shellscript"),
        hash,
        mime: "text/x-shellscript".into(),
        size: bytes.len() as u64,
        caption: String::new(),
        name: "x.sh".into(),
        attached_to: Vec::new(),
    };
    let zip = write_backup_package(&json, &[(entry.clone(), bytes)]).unwrap();
    assert_eq!(
        open_backup_package(zip).unwrap_err(),
        PackageRefusal::NotAttachment(entry.file)
    );
}

#[test]
fn an_old_json_backup_still_restores_into_a_fresh_store() {
    // Backup format 1 holding records of earlier versions (the e2e test
    // restores the same file through the page).
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/e2e/fixtures/backup-v1-json.json");
    let text = std::fs::read_to_string(path).unwrap();
    assert!(!is_package(text.as_bytes()));
    assert!(plan_backup(&text, &BTreeSet::new()).include.is_empty());
    let fresh: Shared = Rc::default();
    let (mut target, _, _) = WorkspaceStore::open(fresh.clone(), "0.2.0", now());
    let preview = target.preview_restore(&text).unwrap();
    assert!(preview.is_ok(), "{:?}", preview.errors);
    assert!(preview.new_keys.len() >= 4);
    let mut rekey = |_k, v| (String::new(), v);
    let report = target
        .repo_mut()
        .apply_restore(&preview, &BTreeMap::new(), &mut rekey, now())
        .unwrap();
    target.after_restore(&report, now());
    let (_, ws, summary) = WorkspaceStore::open(fresh.clone(), "0.2.0", now());
    assert!(summary.fatal.is_none());
    assert_eq!(ws.inspections().count(), 1);
    assert!(fresh
        .borrow()
        .keys()
        .unwrap()
        .iter()
        .any(|k| k.starts_with("kiemtra:inspection:")));
}
