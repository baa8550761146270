//! Shared helpers for the storage tests: small record types of their own
//! (storage never depends on the domain), a write-counting store, a shared
//! store for "two tabs", and fixed times.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::rc::Rc;

use chrono::{DateTime, TimeZone, Utc};
use kiemtra::storage::{KvError, KvStore, MemoryKv, MigrateError, RecordKind, StoredRecord};
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

pub const APP: &str = "0.1.0";

/// A fixed time `secs` seconds after 2025-03-01 08:00 UTC.
pub fn t(secs: i64) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2025, 3, 1, 8, 0, 0).unwrap() + chrono::Duration::seconds(secs)
}

/// Test plan record.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct KeHoach {
    pub id: String,
    #[serde(default)]
    pub rev: u64,
    pub ten: String,
    pub don_vi: String,
    pub tong_tien_phat: i64,
}

impl StoredRecord for KeHoach {
    const KIND: RecordKind = RecordKind::Plan;
    const VERSION: u32 = 1;
    fn record_id(&self) -> String {
        self.id.clone()
    }
    fn rev(&self) -> u64 {
        self.rev
    }
    fn set_rev(&mut self, rev: u64) {
        self.rev = rev;
    }
}

pub fn ke_hoach(id: &str, ten: &str) -> KeHoach {
    KeHoach {
        id: id.into(),
        rev: 0,
        ten: ten.into(),
        don_vi: "Sở Tư pháp tỉnh Quảng Nam".into(),
        tong_tien_phat: 7_500_000,
    }
}

/// Test inspection record.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CuocKiemTra {
    pub id: String,
    #[serde(default)]
    pub rev: u64,
    pub ke_hoach_id: String,
    pub ket_luan: String,
}

impl StoredRecord for CuocKiemTra {
    const KIND: RecordKind = RecordKind::Inspection;
    const VERSION: u32 = 1;
    fn record_id(&self) -> String {
        self.id.clone()
    }
    fn rev(&self) -> u64 {
        self.rev
    }
    fn set_rev(&mut self, rev: u64) {
        self.rev = rev;
    }
}

pub fn cuoc_kiem_tra(id: &str, ke_hoach_id: &str) -> CuocKiemTra {
    CuocKiemTra {
        id: id.into(),
        rev: 0,
        ke_hoach_id: ke_hoach_id.into(),
        ket_luan: "Chưa phát hiện vi phạm về thời hạn ra quyết định xử phạt".into(),
    }
}

/// Test template record with a v0 → v1 migration: v0 had `tieu_de` and a
/// comma-separated `cac_muc`; v1 has `ten` and a list `muc`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MauKiemTra {
    pub id: String,
    #[serde(default)]
    pub rev: u64,
    pub ten: String,
    pub muc: Vec<String>,
}

impl StoredRecord for MauKiemTra {
    const KIND: RecordKind = RecordKind::Template;
    const VERSION: u32 = 1;
    fn record_id(&self) -> String {
        self.id.clone()
    }
    fn rev(&self) -> u64 {
        self.rev
    }
    fn set_rev(&mut self, rev: u64) {
        self.rev = rev;
    }
    fn migrate(from_version: u32, data: Value) -> Result<Value, MigrateError> {
        match from_version {
            0 => {
                let id = data.get("id").and_then(Value::as_str);
                let tieu_de = data.get("tieu_de").and_then(Value::as_str);
                let cac_muc = data.get("cac_muc").and_then(Value::as_str);
                match (id, tieu_de, cac_muc) {
                    (Some(id), Some(tieu_de), Some(cac_muc)) => Ok(json!({
                        "id": id,
                        "ten": tieu_de,
                        "muc": cac_muc.split(',').map(str::trim).collect::<Vec<_>>(),
                    })),
                    _ => Err(MigrateError::Invalid {
                        from: 0,
                        message: "thiếu trường".into(),
                    }),
                }
            }
            other => Err(MigrateError::NoPath { from: other }),
        }
    }
}

/// Test report record.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BaoCao {
    pub id: String,
    #[serde(default)]
    pub rev: u64,
    pub tieu_de: String,
    pub so_vu_viec: u32,
}

impl StoredRecord for BaoCao {
    const KIND: RecordKind = RecordKind::Report;
    const VERSION: u32 = 1;
    fn record_id(&self) -> String {
        self.id.clone()
    }
    fn rev(&self) -> u64 {
        self.rev
    }
    fn set_rev(&mut self, rev: u64) {
        self.rev = rev;
    }
}

/// Test settings singleton.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CaiDat {
    #[serde(default)]
    pub rev: u64,
    pub ngon_ngu: String,
    pub don_vi_mac_dinh: String,
}

impl StoredRecord for CaiDat {
    const KIND: RecordKind = RecordKind::Settings;
    const VERSION: u32 = 1;
    fn record_id(&self) -> String {
        String::new()
    }
    fn rev(&self) -> u64 {
        self.rev
    }
    fn set_rev(&mut self, rev: u64) {
        self.rev = rev;
    }
}

/// A store that counts writes per key.
#[derive(Debug, Default)]
pub struct CountingKv {
    pub inner: MemoryKv,
    pub writes: BTreeMap<String, usize>,
}

impl CountingKv {
    pub fn writes_to(&self, key: &str) -> usize {
        self.writes.get(key).copied().unwrap_or(0)
    }
    pub fn record_writes(&self) -> usize {
        self.writes
            .iter()
            .filter(|(k, _)| k.as_str() != "kiemtra:index")
            .map(|(_, n)| n)
            .sum()
    }
}

impl KvStore for CountingKv {
    fn get(&self, key: &str) -> Result<Option<String>, KvError> {
        self.inner.get(key)
    }
    fn set(&mut self, key: &str, value: &str) -> Result<(), KvError> {
        *self.writes.entry(key.to_string()).or_default() += 1;
        self.inner.set(key, value)
    }
    fn remove(&mut self, key: &str) -> Result<(), KvError> {
        self.inner.remove(key)
    }
    fn keys(&self) -> Result<Vec<String>, KvError> {
        self.inner.keys()
    }
}

/// One store shared by two "tabs".
pub fn shared(kv: MemoryKv) -> Rc<RefCell<MemoryKv>> {
    Rc::new(RefCell::new(kv))
}

/// A valid stored envelope text for tests that inject raw values.
pub fn envelope_text(schema: &str, version: u32, rev: u64, data: Value) -> String {
    format!(
        r#"{{"schema":"{schema}","version":{version},"app_version":"0.0.9","saved_at":"2025-02-01T07:30:00Z","rev":{rev},"data":{data}}}"#
    )
}
