//! The report file written in one walk (`report::one_walk`, issue #14 item 3)
//! gives the same bytes as the earlier path, which is kept here as the
//! oracle: the content as a `serde_json::Value`, its JCS form by
//! `serde_json_canonicalizer` (hash, signature) and its pretty text by
//! `canonical::write_pretty` (file). Compared on reports generated from the
//! fixtures (Vietnamese and hostile text, escapes, numbers up to 2^53 − 1,
//! empty lists, absent optional fields) and on types that use every serde
//! shape the report types might (unsorted fields, tagged enums, flatten,
//! maps whose keys sort differently by UTF-8 and UTF-16).
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "fixtures/report/fixtures.rs"]
mod fixtures;
#[path = "fixtures/keys/test_keys.rs"]
mod test_keys;

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use kiemtra::report::canonical::{self, sha256_hex, CanonicalError, MAX_SAFE_INTEGER};
use kiemtra::report::jcs::to_jcs_bytes;
use kiemtra::report::one_walk::{self, Stopped};
use kiemtra::report::signature::signed_bytes;
use kiemtra::report::{
    export, export_unhashed, prepare_signed, ExportError, ReportContent, SCHEMA_ID, SCHEMA_VERSION,
};
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::{json, Value};

/// xorshift64*: deterministic, no dependency.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

const PIECES: &[&str] = &[
    "Ủy ban nhân dân phường Tân An",
    "Quyết định số 12/QĐ-UBND ngày 05/3/2021",
    "xử lý vi phạm hành chính",
    "\"",
    "\\",
    "/",
    "\u{0}",
    "\u{1f}",
    "\n",
    "\r\n\t",
    "\u{8}\u{c}",
    "\u{2028}\u{2029}",
    "\u{FEFF}",
    "\u{E000}",
    "\u{FFFF}",
    "\u{1F600}",
    "𝔘",
    "Kie\u{302}\u{309}m",
    "</script>",
    "",
    " ",
    "đ",
];

fn random_text(rng: &mut Rng) -> String {
    (0..rng.below(6))
        .map(|_| PIECES[rng.below(PIECES.len())])
        .collect()
}

fn random_number(rng: &mut Rng) -> Value {
    match rng.below(5) {
        0 => json!(0),
        1 => json!(MAX_SAFE_INTEGER),
        2 => json!(rng.below(10)),
        3 => json!(rng.next() % MAX_SAFE_INTEGER),
        _ => json!(-((rng.next() % MAX_SAFE_INTEGER) as i64)),
    }
}

/// JSON Pointers of every node of `v`.
fn pointers(v: &Value, at: String, out: &mut Vec<String>) {
    match v {
        Value::Array(items) => {
            for (i, x) in items.iter().enumerate() {
                pointers(x, format!("{at}/{i}"), out);
            }
        }
        Value::Object(map) => {
            for (k, x) in map {
                let token = k.replace('~', "~0").replace('/', "~1");
                pointers(x, format!("{at}/{token}"), out);
            }
        }
        _ => {}
    }
    out.push(at);
}

/// A variant of `report`: random nodes changed (new text, numbers, an
/// emptied or grown list, `null` for an optional field), each change kept
/// only if the report type still reads it.
fn mutate<T: Serialize + DeserializeOwned>(report: &T, rng: &mut Rng, changes: usize) -> T {
    let mut value = serde_json::to_value(report).unwrap();
    let mut all = Vec::new();
    pointers(&value, String::new(), &mut all);
    for _ in 0..changes {
        let at = &all[rng.below(all.len())];
        let Some(node) = value.pointer(at).cloned() else {
            continue;
        };
        let new = match (&node, rng.below(4)) {
            (Value::String(_), 0..=2) => Value::String(random_text(rng)),
            (Value::Number(_), 0..=2) => random_number(rng),
            (Value::Array(items), 0) if !items.is_empty() => {
                let mut grown = items.clone();
                grown.push(items[rng.below(items.len())].clone());
                Value::Array(grown)
            }
            (Value::Array(_), 1) => json!([]),
            (_, 3) => Value::Null,
            _ => continue,
        };
        let mut candidate = value.clone();
        if let Some(slot) = candidate.pointer_mut(at) {
            *slot = new;
        }
        if serde_json::from_value::<T>(candidate.clone()).is_ok() {
            value = candidate;
        }
    }
    serde_json::from_value(value).unwrap()
}

/// The earlier path for any value: JCS bytes and pretty text at `level`.
fn oracle<T: Serialize>(value: &T, level: usize) -> (Vec<u8>, String) {
    let v = serde_json::to_value(value).unwrap();
    canonical::check(&v).unwrap();
    let mut pretty = String::new();
    canonical::write_pretty(&v, level, &mut pretty);
    (to_jcs_bytes(&v), pretty)
}

fn assert_same<T: Serialize>(value: &T) {
    let ours = one_walk::write(value, 1).unwrap();
    let (jcs, pretty) = oracle(value, 1);
    assert_eq!(ours.jcs, jcs);
    assert_eq!(ours.pretty, pretty);
}

fn content_value(c: &ReportContent) -> Value {
    c.content_value().unwrap()
}

/// The earlier file writer: the header members in their order, `content`
/// last, each value pretty-printed from its `Value`.
fn oracle_file(members: &[(&str, Value)]) -> String {
    let mut out = String::from("{\n");
    for (i, (k, v)) in members.iter().enumerate() {
        out.push_str("  ");
        canonical::write_str(k, &mut out);
        out.push_str(": ");
        canonical::write_pretty(v, 1, &mut out);
        out.push_str(if i + 1 < members.len() { ",\n" } else { "\n" });
    }
    out.push_str("}\n");
    out
}

fn oracle_members(
    c: &ReportContent,
    app: &str,
    at: DateTime<Utc>,
    signature: Option<Value>,
) -> Vec<(&'static str, Value)> {
    let content = content_value(c);
    let hash = sha256_hex(&to_jcs_bytes(&content));
    let mut m = vec![
        ("schema", json!(SCHEMA_ID)),
        ("schema_version", json!(SCHEMA_VERSION)),
        ("app_version", json!(app)),
        ("generated_at", serde_json::to_value(at).unwrap()),
        ("report_kind", json!(c.kind_code())),
        (
            "reporting_unit",
            serde_json::to_value(c.reporting_unit()).unwrap(),
        ),
        ("period", serde_json::to_value(c.period()).unwrap()),
        ("canonicalization", json!("rfc8785")),
        ("content_sha256", json!(hash)),
    ];
    if let Some(s) = signature {
        m.push(("signature", s));
    }
    m.push(("content", content));
    m
}

/// Unsigned and signed files of `c` equal the earlier path's, and the
/// signed bytes are the JCS form of the file without its signature.
fn assert_files_same(c: &ReportContent) {
    let at = fixtures::generated_at();
    let file = export(c.clone(), "0.1.0-test", at).unwrap();
    assert_eq!(
        file.text,
        oracle_file(&oracle_members(c, "0.1.0-test", at, None))
    );
    assert_eq!(
        file.content_sha256,
        sha256_hex(&to_jcs_bytes(&content_value(c)))
    );

    let key = test_keys::unit_a();
    let to_sign = prepare_signed(c.clone(), "0.1.0-test", at, key.public.clone()).unwrap();
    let unsigned = oracle_members(c, "0.1.0-test", at, None);
    let unsigned_obj: serde_json::Map<String, Value> = unsigned
        .iter()
        .map(|(k, v)| ((*k).to_owned(), v.clone()))
        .collect();
    assert_eq!(to_sign.bytes, signed_bytes(&Value::Object(unsigned_obj)));
    let raw = key.sign_raw(&to_sign.bytes);
    let bytes = to_sign.bytes.clone();
    let signed = to_sign.finish(&raw).unwrap();
    let sig = serde_json::to_value(key.public.file_signature(&raw)).unwrap();
    assert_eq!(
        signed.text,
        oracle_file(&oracle_members(c, "0.1.0-test", at, Some(sig)))
    );
    let parsed: Value = serde_json::from_str(&signed.text).unwrap();
    assert_eq!(signed_bytes(&parsed), bytes);
}

fn fixtures_of_every_kind() -> Vec<ReportContent> {
    vec![
        fixtures::periodic_content(),
        fixtures::inspection_content(),
        fixtures::hostile_periodic(),
        fixtures::thpl_content(),
    ]
}

fn mutate_content(c: &ReportContent, rng: &mut Rng, changes: usize) -> ReportContent {
    match c {
        ReportContent::DinhKy(r) => ReportContent::DinhKy(mutate(r, rng, changes)),
        ReportContent::KiemTra(r) => ReportContent::KiemTra(mutate(r, rng, changes)),
        ReportContent::TongHop(r) => ReportContent::TongHop(mutate(r, rng, changes)),
        ReportContent::TheoDoiThpl(r) => ReportContent::TheoDoiThpl(mutate(r, rng, changes)),
    }
}

#[test]
fn the_fixture_reports_are_written_as_by_the_value_path() {
    for c in fixtures_of_every_kind() {
        assert_files_same(&c);
    }
}

#[test]
fn generated_reports_are_written_as_by_the_value_path() {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    for base in fixtures_of_every_kind() {
        for _ in 0..12 {
            let c = mutate_content(&base, &mut rng, 60);
            assert_files_same(&c);
        }
    }
}

#[test]
fn the_mutations_reach_text_numbers_empty_lists_and_absent_fields() {
    // Guards the generator above: the variants do differ from the fixture
    // in each of the ways the comparison is meant to cover.
    let mut rng = Rng(7);
    let base = serde_json::to_value(fixtures::inspection_can_tho_2021()).unwrap();
    let (mut text, mut number, mut emptied, mut nulled) = (false, false, false, false);
    for _ in 0..12 {
        let r = mutate(&fixtures::inspection_can_tho_2021(), &mut rng, 60);
        let v = serde_json::to_value(&r).unwrap();
        let mut at = Vec::new();
        pointers(&base, String::new(), &mut at);
        for p in &at {
            match (base.pointer(p), v.pointer(p)) {
                (Some(Value::String(a)), Some(Value::String(b))) if a != b => text = true,
                (Some(Value::Number(a)), Some(Value::Number(b))) if a != b => number = true,
                (Some(Value::Array(a)), Some(Value::Array(b))) if !a.is_empty() && b.is_empty() => {
                    emptied = true
                }
                (Some(a), Some(Value::Null)) if !a.is_null() => nulled = true,
                _ => {}
            }
        }
    }
    assert!(
        text && number && emptied && nulled,
        "{text} {number} {emptied} {nulled}"
    );
}

// ---- every serde shape ----

#[derive(Serialize)]
struct Unsorted {
    zeta: Option<String>,
    alpha: Vec<u8>,
    #[serde(skip_serializing_if = "Option::is_none")]
    skipped: Option<u64>,
    mid: Shape,
    #[serde(flatten)]
    extra: BTreeMap<String, i64>,
    tagged: Tagged,
    list: Vec<Tagged>,
    empty_map: BTreeMap<String, u8>,
    unit: (),
    tuple: (u8, &'static str, bool),
    ch: char,
    neg: i64,
    big: u128,
    bytes: Bytes,
    keyed: BTreeMap<u32, &'static str>,
    nested: Vec<Vec<Option<i32>>>,
}

struct Bytes(&'static [u8]);

impl Serialize for Bytes {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_bytes(self.0)
    }
}

#[derive(Serialize)]
enum Shape {
    Unit,
    Newtype(String),
    Tuple(i32, String),
    Struct { y: u8, x: Vec<String> },
}

#[derive(Serialize)]
#[serde(tag = "loai", rename_all = "snake_case")]
enum Tagged {
    Mot { z: u8, a: String },
    Hai(Inner),
}

#[derive(Serialize)]
#[serde(tag = "kind", content = "data")]
enum Adjacent {
    Only { b: u8, a: u8 },
}

#[derive(Serialize)]
struct Inner {
    ten: String,
    ba: Option<u8>,
}

fn sample(rng: &mut Rng) -> Unsorted {
    let keys = [
        "\u{E000}",
        "\u{1F600}",
        "\u{FFFF}",
        "a",
        "B",
        "ă",
        "",
        "\"",
        "\u{1}",
        "ü",
        "z\u{10000}",
    ];
    let mut extra = BTreeMap::new();
    for _ in 0..rng.below(8) {
        extra.insert(
            format!(
                "{}{}",
                keys[rng.below(keys.len())],
                keys[rng.below(keys.len())]
            ),
            -(rng.below(1000) as i64),
        );
    }
    // Flattened keys must not collide with the struct's own.
    extra.retain(|k, _| k.starts_with(|c: char| !c.is_ascii_lowercase()) || k.is_empty());
    let mid = match rng.below(4) {
        0 => Shape::Unit,
        1 => Shape::Newtype(random_text(rng)),
        2 => Shape::Tuple(-3, random_text(rng)),
        _ => Shape::Struct {
            y: 2,
            x: (0..rng.below(3)).map(|_| random_text(rng)).collect(),
        },
    };
    Unsorted {
        zeta: if rng.below(2) == 0 {
            None
        } else {
            Some(random_text(rng))
        },
        alpha: (0..rng.below(4)).map(|i| i as u8).collect(),
        skipped: if rng.below(2) == 0 { None } else { Some(5) },
        mid,
        extra,
        tagged: Tagged::Mot {
            z: 1,
            a: random_text(rng),
        },
        list: vec![
            Tagged::Hai(Inner {
                ten: random_text(rng),
                ba: None,
            }),
            Tagged::Mot {
                z: 0,
                a: String::new(),
            },
        ],
        empty_map: BTreeMap::new(),
        unit: (),
        tuple: (7, "Đà Nẵng", rng.below(2) == 0),
        ch: 'ư',
        neg: -(MAX_SAFE_INTEGER as i64),
        big: u128::from(MAX_SAFE_INTEGER),
        bytes: Bytes(b"\x00\xff"),
        keyed: BTreeMap::from([(10, "mười"), (9, "chín"), (100, "trăm")]),
        nested: vec![vec![], vec![None, Some(-1)]],
    }
}

#[test]
fn every_serde_shape_is_written_as_by_the_value_path() {
    let mut rng = Rng(42);
    for _ in 0..200 {
        let s = sample(&mut rng);
        assert_same(&s);
        for level in [0, 3] {
            let ours = one_walk::write(&s, level).unwrap();
            assert_eq!(ours.pretty, oracle(&s, level).1);
        }
    }
    assert_same(&Adjacent::Only { b: 2, a: 1 });
    assert_same(&json!({"\u{E000}": 1, "\u{1F600}": 2, "b": [], "a": {}}));
    assert_same(&Vec::<u8>::new());
    assert_same(&"chuỗi");
    assert_same(&Option::<u8>::None);
}

#[test]
fn keys_are_ordered_by_utf16_for_jcs_and_by_utf8_for_the_file() {
    let v = BTreeMap::from([("\u{E000}", 1), ("\u{1F600}", 2)]);
    let w = one_walk::write(&v, 0).unwrap();
    assert_eq!(w.jcs, "{\"\u{1F600}\":2,\"\u{E000}\":1}".as_bytes());
    assert_eq!(w.pretty, "{\n  \"\u{E000}\": 1,\n  \"\u{1F600}\": 2\n}");
}

#[test]
fn what_the_canonical_form_refuses_stops_the_walk_and_the_export_names_it() {
    assert_eq!(one_walk::write(&1.5f64, 0), Err(Stopped::NotCanonical));
    assert_eq!(
        one_walk::write(&(MAX_SAFE_INTEGER + 1), 0),
        Err(Stopped::NotCanonical)
    );
    assert_eq!(
        one_walk::write(&(-(MAX_SAFE_INTEGER as i64) - 1), 0),
        Err(Stopped::NotCanonical)
    );
    assert_eq!(one_walk::write("x\u{7f}", 0), Err(Stopped::NotCanonical));
    assert_eq!(
        one_walk::write(&BTreeMap::from([("k\u{7f}", 1)]), 0),
        Err(Stopped::NotCanonical)
    );
    assert!(matches!(
        one_walk::write(&BTreeMap::from([((1, 2), 1)]), 0),
        Err(Stopped::Unsupported(_))
    ));

    // Through the export: the error and its path are the value path's.
    let mut r = fixtures::inspection_can_tho_2021();
    r.don_vi_bao_cao.ten = "Ủy ban\u{7f}".into();
    let c = ReportContent::KiemTra(r);
    let expected = canonical::check(&content_value(&c)).unwrap_err();
    assert!(matches!(expected, CanonicalError::ForbiddenChar { .. }));
    assert_eq!(
        export(c.clone(), "0.1.0-test", fixtures::generated_at()),
        Err(ExportError::Canonical(expected.clone()))
    );
    assert_eq!(
        prepare_signed(
            c,
            "0.1.0-test",
            fixtures::generated_at(),
            test_keys::unit_a().public
        )
        .map(|_| ())
        .unwrap_err(),
        ExportError::Canonical(expected)
    );
}

/// The report types declare their fields in key order (UTF-16 code units;
/// report keys are ASCII), so the walk never moves a member and the JCS
/// bytes are hashed while they are written. A field added out of order
/// fails here, naming the object's keys as they came.
#[test]
fn report_types_declare_their_fields_in_key_order() {
    let mut rng = Rng(0x2545_F491_4F6C_DD1D);
    let mut reordered: Vec<Vec<String>> = Vec::new();
    for base in fixtures_of_every_kind() {
        let mut variants = vec![base.clone()];
        variants.extend((0..12).map(|_| mutate_content(&base, &mut rng, 60)));
        for c in variants {
            let found = match &c {
                ReportContent::DinhKy(r) => one_walk::reordered_objects(r),
                ReportContent::KiemTra(r) => one_walk::reordered_objects(r),
                ReportContent::TongHop(r) => one_walk::reordered_objects(r),
                ReportContent::TheoDoiThpl(r) => one_walk::reordered_objects(r),
            };
            for keys in found.unwrap() {
                if !reordered.contains(&keys) {
                    reordered.push(keys);
                }
            }
        }
    }
    assert!(reordered.is_empty(), "objects put in order: {reordered:?}");
}

/// Hashing the JCS bytes while they are written (`one_walk::write_hashed`,
/// the export's path) gives the hash of the bytes `write` gives, and the
/// same pretty text behind the prefix: on values of many hashing chunks
/// whose objects come out of order (held back from the hash until put in
/// order), and on one whose out-of-order key comes after megabytes already
/// hashed (written again the unhashed way).
#[test]
fn hashing_while_writing_gives_the_hash_of_the_written_bytes() {
    #[derive(Serialize)]
    struct Late {
        z: Vec<Unsorted>,
        a: u8,
    }
    let mut rng = Rng(7);
    let many: Vec<Unsorted> = (0..3000).map(|_| sample(&mut rng)).collect();
    let late = Late {
        z: (0..3000).map(|_| sample(&mut rng)).collect(),
        a: 1,
    };
    fn check<T: Serialize>(value: &T) {
        let plain = one_walk::write(value, 1).unwrap();
        assert!(plain.jcs.len() > 1 << 18, "several hashing chunks");
        for keep in [false, true] {
            let h = one_walk::write_hashed(value, 1, "đầu: ".to_owned(), keep).unwrap();
            assert_eq!(canonical::digest_hex(&h.sha256), sha256_hex(&plain.jcs));
            assert_eq!(h.pretty, format!("đầu: {}", plain.pretty));
            assert_eq!(h.jcs, if keep { plain.jcs.clone() } else { Vec::new() });
        }
    }
    check(&many);
    check(&late);
}

/// The export whose hash the browser computes (`export_unhashed`, hashed
/// by WebCrypto) gives the JCS bytes of the value path and, with their
/// SHA-256, the same file as `export`.
#[test]
fn an_export_hashed_elsewhere_is_the_same_file() {
    let at: DateTime<Utc> = fixtures::generated_at();
    let mut rng = Rng(11);
    for base in fixtures_of_every_kind() {
        for c in [base.clone(), mutate_content(&base, &mut rng, 60)] {
            let file = export(c.clone(), "test", at).unwrap();
            let unhashed = export_unhashed(c.clone(), "test", at).unwrap();
            assert_eq!(unhashed.jcs(), to_jcs_bytes(&content_value(&c)).as_slice());
            assert_eq!(unhashed.clone().finish_hashing_here(), file);
            let digest: [u8; 32] = {
                use sha2::Digest;
                sha2::Sha256::digest(unhashed.jcs()).into()
            };
            assert_eq!(unhashed.finish(&digest), file);
        }
    }
}
