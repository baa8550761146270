//! Native timing of the report export for the benchmark's plan with 100
//! inspections (the M workspace's export plan), step by step: building the
//! report from the domain, the file (hash and pretty text), the browser's
//! path (the file but its hash, which WebCrypto computes there), and the
//! signed file's two steps. Figures for the README's benchmark section; nothing is
//! asserted (speed goes to bench/, never to tests).
//!
//! Usage: `cargo run --release --example export_timing -- [RUNS]`
#![allow(clippy::expect_used, clippy::unwrap_used)]

#[path = "../bench/workspace.rs"]
mod workspace;

#[path = "../tests/fixtures/report/fixtures.rs"]
mod report_fixtures;

#[path = "../tests/fixtures/keys/test_keys.rs"]
mod test_keys;

use std::time::Instant;

use chrono::{TimeZone, Utc};
use kiemtra::domain::ids::PlanId;
use kiemtra::persist::WorkspaceStore;
use kiemtra::report::canonical;
use kiemtra::report::from_domain::{inspection_report, ReportScope};
use kiemtra::report::jcs::to_jcs_bytes;
use kiemtra::report::{ReportContent, ReportingUnit};
use kiemtra::storage::MemoryKv;
use workspace::{generate, Size, CHROMIUM_QUOTA_BYTES};

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(|a, b| a.total_cmp(b));
    v[v.len() / 2]
}

fn time<T>(runs: usize, label: &str, mut f: impl FnMut() -> T) -> T {
    let mut out = None;
    let mut ms = Vec::with_capacity(runs);
    for _ in 0..runs {
        let t = Instant::now();
        out = Some(std::hint::black_box(f()));
        ms.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    println!("{label:<40} median {:8.2} ms", median(ms));
    out.unwrap()
}

fn main() {
    let runs: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(9);
    let g = generate(Size::M, CHROMIUM_QUOTA_BYTES);
    let mut kv = MemoryKv::new();
    for (k, v) in &g.entries {
        kv.insert_raw(k, v);
    }
    let now = Utc.with_ymd_and_hms(2021, 7, 1, 2, 0, 0).unwrap();
    let (_store, ws, _) = WorkspaceStore::open(kv, kiemtra::APP_VERSION, now);
    let plan_id = PlanId(g.meta.export_plan.parse().unwrap());
    let plan = ws.plan(plan_id).unwrap();
    let unit = ReportingUnit {
        ten: "Sở Tư pháp thành phố Cần Thơ".into(),
        co_quan_chu_quan: String::new(),
    };
    let build = || {
        inspection_report(
            plan,
            ws.inspections(),
            ws.templates(),
            ReportScope::WholePlan,
            unit.clone(),
            "318/BC-STP".into(),
            now.date_naive(),
        )
        .unwrap()
    };
    println!(
        "plan with {} inspections, {runs} runs",
        g.meta.export_plan_inspections
    );
    let report = time(runs, "build report from the domain", build);
    if std::env::var_os("EXPORT_TIMING_WALK_ONLY").is_some() {
        // For a profiler: the one walk alone.
        time(runs, "one walk: JCS and pretty text", || {
            kiemtra::report::one_walk::write(&report, 1).unwrap()
        });
        return;
    }
    time(runs, "clone of the report (in the figures below)", || {
        report.clone()
    });
    let file = time(runs, "export (unsigned file)", || {
        kiemtra::report::export(ReportContent::KiemTra(report.clone()), "bench", now).unwrap()
    });
    println!("file: {} bytes", file.text.len());
    // The browser's unsigned path: everything but the hash, which WebCrypto
    // computes there (`report::export_unhashed`).
    time(runs, "export_unhashed (browser: hash by WebCrypto)", || {
        kiemtra::report::export_unhashed(ReportContent::KiemTra(report.clone()), "bench", now)
            .unwrap()
    });
    let key = test_keys::unit_a();
    let public = key.public.clone();
    let to_sign = time(runs, "prepare_signed", || {
        kiemtra::report::prepare_signed(
            ReportContent::KiemTra(report.clone()),
            "bench",
            now,
            public.clone(),
        )
        .unwrap()
    });
    let sig = key.sign_raw(&to_sign.bytes);
    time(runs, "finish (signed file)", || {
        to_sign.clone().finish(&sig).unwrap()
    });
    // The earlier path, for comparison: the content as a JSON value, checked,
    // its JCS form (hash) and its pretty text (file); and for a signed file
    // the JCS form of the whole file as a value.
    let content = ReportContent::KiemTra(report.clone());
    let value = time(runs, "earlier: serde_json::to_value", || {
        content.content_value().unwrap()
    });
    time(runs, "earlier: canonical::check", || {
        canonical::check(&value).unwrap()
    });
    let jcs = time(runs, "earlier: JCS (serde_json_canonicalizer)", || {
        to_jcs_bytes(&value)
    });
    time(runs, "earlier: SHA-256 of the JCS bytes", || {
        canonical::sha256_hex(&jcs)
    });
    time(runs, "earlier: pretty text (write_pretty)", || {
        let mut out = String::new();
        canonical::write_pretty(&value, 1, &mut out);
        out
    });
    time(runs, "earlier: whole export (sum of the above)", || {
        let v = content.content_value().unwrap();
        canonical::check(&v).unwrap();
        let h = canonical::sha256_hex(&to_jcs_bytes(&v));
        let mut out = String::new();
        canonical::write_pretty(&v, 1, &mut out);
        (h, out)
    });
    time(runs, "one walk: JCS and pretty text", || {
        kiemtra::report::one_walk::write(&report, 1).unwrap()
    });
    time(runs, "serde_json::to_string (compact)", || {
        serde_json::to_string(&report).unwrap()
    });
}
