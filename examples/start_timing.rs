//! Native timing of a start with a benchmark workspace stored (issue #14),
//! step by step: decompressing every stored value (`storage::codec`),
//! decoding each kind's records whole, the whole `WorkspaceStore::open`
//! (which leaves the runs' answers as text) and the same followed by the
//! settling that reads every run's answers; beside them `serde_json::Value` parses of the
//! same decoded JSON (the native counterpart of the benchmark's
//! `JSON.parse` baseline). Figures for the README's benchmark section, to
//! attribute the wasm time the browser trace only calls "script"; nothing
//! is asserted (speed goes to bench/, never to tests).
//!
//! Usage: `cargo run --release --example start_timing -- [DUMP] [RUNS]`
//! (DUMP defaults to `bench/out/workspace-M.json`, written by
//! `bench_workspace`).
#![allow(clippy::expect_used, clippy::unwrap_used)]

use std::collections::BTreeMap;
use std::time::Instant;

use chrono::{TimeZone, Utc};
use kiemtra::persist::{decodes_as_stored, WorkspaceStore};
use kiemtra::storage::keys::parse_key;
use kiemtra::storage::{decode_stored, MemoryKv, ParsedKey, RecordKind};

/// One kind's stored records: the kind, then (id, stored value) of each.
type KindRecords<'a> = (RecordKind, Vec<(String, &'a str)>);

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(|a, b| a.total_cmp(b));
    v[v.len() / 2]
}

fn time<T>(runs: usize, label: &str, mut f: impl FnMut() -> T) -> f64 {
    let mut ms = Vec::with_capacity(runs);
    for _ in 0..runs {
        let t = Instant::now();
        std::hint::black_box(f());
        ms.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    let m = median(ms);
    println!("{label:<52} median {m:8.2} ms");
    m
}

fn main() {
    let mut args = std::env::args().skip(1);
    let path = args.next().unwrap_or_else(|| {
        concat!(env!("CARGO_MANIFEST_DIR"), "/bench/out/workspace-M.json").to_string()
    });
    let runs: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(7);
    let entries: BTreeMap<String, String> =
        serde_json::from_str(&std::fs::read_to_string(&path).expect("read dump")).expect("dump");
    let mut kv = MemoryKv::new();
    for (k, v) in &entries {
        kv.insert_raw(k, v);
    }
    let now = Utc.with_ymd_and_hms(2021, 7, 1, 2, 0, 0).unwrap();
    println!("{path}: {} keys, {runs} runs", entries.len());

    // `--open-only` as a third argument: only the whole open, for a profiler.
    let open_only = args.next().as_deref() == Some("--open-only");
    let json: Vec<String> = if open_only {
        Vec::new()
    } else {
        entries
            .values()
            .map(|v| decode_stored(v).unwrap().into_owned())
            .collect()
    };
    if open_only {
        time(runs, "WorkspaceStore::open", || {
            let mut kv2 = MemoryKv::new();
            for (k, v) in &entries {
                kv2.insert_raw(k, v);
            }
            WorkspaceStore::open(kv2, kiemtra::APP_VERSION, now)
                .1
                .inspections()
                .count()
        });
        return;
    }
    time(runs, "serde_json::Value of every decoded value", || {
        json.iter()
            .filter(|j| serde_json::from_str::<serde_json::Value>(j).is_ok())
            .count()
    });
    let decompress = time(runs, "decompress every stored value (codec)", || {
        entries
            .values()
            .map(|v| decode_stored(v).unwrap().len())
            .sum::<usize>()
    });
    let mut by_kind: BTreeMap<String, KindRecords> = BTreeMap::new();
    for (k, v) in &entries {
        if let ParsedKey::Record { kind, id } = parse_key(k) {
            by_kind
                .entry(format!("{kind:?}"))
                .or_insert_with(|| (kind, Vec::new()))
                .1
                .push((id, v.as_str()));
        }
    }
    let mut decode_total = 0.0;
    for (name, (kind, recs)) in &by_kind {
        decode_total += time(
            runs,
            &format!("decode {} {name} records whole (codec + serde)", recs.len()),
            || {
                recs.iter()
                    .filter(|(id, raw)| decodes_as_stored(*kind, raw, id).is_ok())
                    .count()
            },
        );
    }
    println!("{:<52} total  {decode_total:8.2} ms", "decode, every kind");
    println!(
        "{:<52}        {:8.2} ms",
        "of which serde (decode minus decompress)",
        decode_total - decompress
    );
    time(runs, "WorkspaceStore::open", || {
        let mut kv2 = MemoryKv::new();
        for (k, v) in &entries {
            kv2.insert_raw(k, v);
        }
        let (_s, ws, summary) = WorkspaceStore::open(kv2, kiemtra::APP_VERSION, now);
        assert!(summary.quarantined.is_empty() && summary.failed.is_empty());
        ws.inspections().count()
    });
    // A start leaves each run's answers as text (`domain::answers`); the
    // settling a moment after the first screen reads them all.
    time(
        runs,
        "open, then every run's answers read (settling)",
        || {
            let mut kv2 = MemoryKv::new();
            for (k, v) in &entries {
                kv2.insert_raw(k, v);
            }
            let (mut s, ws, _) = WorkspaceStore::open(kv2, kiemtra::APP_VERSION, now);
            for i in ws.inspections() {
                s.settle_inspection(i);
            }
            ws.inspections()
                .flat_map(|i| i.checklists())
                .map(|r| r.answers.len())
                .sum::<usize>()
        },
    );
    time(runs, "(copying the dump into a fresh MemoryKv)", || {
        let mut kv2 = MemoryKv::new();
        for (k, v) in &entries {
            kv2.insert_raw(k, v);
        }
        kv2.used_bytes()
    });
    drop(kv);
}
