//! Writes the benchmark's synthetic workspaces as localStorage dumps:
//! `bench/out/workspace-<S|M|L>.json` (key → value, exactly as the app
//! stores them) and `bench/out/workspace-<S|M|L>.meta.json` (what they hold).
//!
//! Usage: `cargo run --release --example bench_workspace -- [S] [M] [L] [--out DIR] [--quota BYTES] [--notes repeated|legal]`
//! (no size: all three). `--notes legal` gives the answers varied notes made
//! of phrases of the legal reference (the default repeats four sentences);
//! its dumps are named `workspace-<size>-legal.json`. `--quota` bounds L in MemoryKv bytes (two per UTF-16
//! code unit); the default is Chromium's measured quota (10 MiB).
#![allow(clippy::expect_used, clippy::unwrap_used)]

#[path = "../bench/workspace.rs"]
mod workspace;

#[path = "../tests/fixtures/report/fixtures.rs"]
mod report_fixtures;

use std::path::PathBuf;
use workspace::{generate_with, Notes, Size, CHROMIUM_QUOTA_BYTES};

fn main() {
    let mut sizes = Vec::new();
    let mut out = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/bench/out"));
    let mut quota = CHROMIUM_QUOTA_BYTES;
    let mut notes = Notes::Repeated;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--out" => out = PathBuf::from(args.next().expect("--out DIR")),
            "--quota" => {
                quota = args
                    .next()
                    .and_then(|q| q.parse().ok())
                    .expect("--quota BYTES")
            }
            "--notes" => {
                notes = args
                    .next()
                    .and_then(|n| Notes::parse(&n))
                    .expect("--notes repeated|legal")
            }
            s => sizes.push(Size::parse(s).unwrap_or_else(|| panic!("unknown size {s}"))),
        }
    }
    if sizes.is_empty() {
        sizes = vec![Size::S, Size::M, Size::L];
    }
    std::fs::create_dir_all(&out).expect("create output directory");
    for size in sizes {
        let t0 = std::time::Instant::now();
        let g = generate_with(size, quota, notes);
        let name = match notes {
            Notes::Repeated => size.name().to_string(),
            Notes::Legal => format!("{}-legal", size.name()),
        };
        let data = serde_json::to_string(&g.entries).expect("serialise entries");
        std::fs::write(out.join(format!("workspace-{name}.json")), data).expect("write dump");
        let meta = serde_json::to_string_pretty(&g.meta).expect("serialise meta");
        std::fs::write(out.join(format!("workspace-{name}.meta.json")), meta).expect("write meta");
        println!(
            "workspace {name}: {} plans, {} inspections, {} answers, {} keys, {} UTF-16 units ({:.2} MiB as MemoryKv counts), {:.1} s",
            g.meta.plans,
            g.meta.inspections,
            g.meta.answers,
            g.meta.keys,
            g.meta.utf16_units,
            (g.meta.utf16_units * 2) as f64 / 1048576.0,
            t0.elapsed().as_secs_f64()
        );
    }
}
