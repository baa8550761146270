//! Beyond one browser: the README's DuckDB recipe for a province or the
//! Ministry gives the same totals as the app. Writes report files of 300
//! units and 30 corrections through the app's own export code, receives the
//! same files in a round, then runs the query shown in README.md (read from
//! it) and a query over all 35 counts with the project's DuckDB
//! (`.venv`, installed by scripts/setup.sh). Fails, never skips, when DuckDB
//! is missing.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "fixtures/report/fixtures.rs"]
mod fixtures;

use std::path::{Path, PathBuf};
use std::process::Command;

use chrono::{Duration, TimeZone, Utc};
use fixtures::*;
use kiemtra::report::period::{Regime, ReportPeriod};
use kiemtra::report::periodic::{PeriodicReport, ReportingUnit};
use kiemtra::report::round::{receive, totals, Incoming, Received, Round, FIELDS};
use kiemtra::report::{export, ReportContent};
use serde_json::Value;

const UNITS: usize = 300;
const CORRECTIONS: usize = 30;

fn unit_name(i: usize) -> String {
    format!("Ủy ban nhân dân xã số {i}")
}

/// Unit `i`'s report; `version` 1 is a correction with other figures. Some
/// units leave counts empty, so "chưa nhập" is exercised.
fn report(i: usize, version: u64) -> PeriodicReport {
    let mut r = periodic_ninh_kieu_2021();
    r.don_vi_bao_cao = ReportingUnit {
        ten: unit_name(i),
        co_quan_chu_quan: "Thành phố Cần Thơ".into(),
    };
    let n = u64::try_from(i).unwrap();
    r.xu_phat.so_vu_phat_hien = Some(n % 17 + 10 * version);
    r.xu_phat.so_vu_bi_xu_phat = Some(n % 13 + version);
    r.xu_phat.tong_so_quyet_dinh = (!i.is_multiple_of(7)).then_some(n % 11);
    r.xu_phat.tong_tien_thu_vnd = Some(1_000_000 * (n % 23) + 500_000 * version);
    r.xu_phat.so_gp_cchn_bi_tuoc = None;
    r
}

/// The SQL block marked `-- kiemtra:duckdb-consolidation` in README.md.
fn readme_query() -> String {
    let readme = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md"))
        .expect("README.md");
    let start = readme
        .find("-- kiemtra:duckdb-consolidation")
        .expect("README has the DuckDB query");
    let end = start + readme[start..].find("```").expect("end of the SQL block");
    readme[start..end].to_owned()
}

/// Runs `sql` with the project's DuckDB; the first row as JSON values.
fn duckdb_row(sql: &str) -> Vec<Value> {
    let python = Path::new(env!("CARGO_MANIFEST_DIR")).join(".venv/bin/python");
    assert!(
        python.exists(),
        "DuckDB is missing: run scripts/setup.sh (it installs duckdb into .venv)"
    );
    let out = Command::new(&python)
        .arg("-c")
        .arg(
            "import duckdb, json, sys\n\
             row = duckdb.sql(sys.argv[1]).fetchone()\n\
             print(json.dumps([None if v is None else int(v) for v in row]))",
        )
        .arg(sql)
        .output()
        .expect("run .venv/bin/python");
    assert!(
        out.status.success(),
        "DuckDB failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("a JSON row")
}

fn as_value(v: Option<u64>) -> Value {
    v.map_or(Value::Null, Value::from)
}

#[test]
fn duckdb_over_a_folder_of_report_files_gives_the_apps_totals() {
    let dir: PathBuf = std::env::temp_dir().join(format!("kiemtra-duckdb-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();

    let mut round = Round::new(
        "Báo cáo năm 2021",
        ReportPeriod::yearly(2021).unwrap(),
        Regime::Tt16_2018,
        d(2021, 12, 17),
    );
    for i in 0..UNITS {
        assert!(round.add_unit(ReportingUnit {
            ten: unit_name(i),
            co_quan_chu_quan: "Thành phố Cần Thơ".into(),
        }));
    }
    let first = Utc.with_ymd_and_hms(2021, 12, 10, 2, 0, 0).unwrap();
    let mut files = Vec::new();
    for i in 0..UNITS {
        files.push((i, 0, first + Duration::minutes(i64::try_from(i).unwrap())));
    }
    for i in (0..UNITS).step_by(UNITS / CORRECTIONS) {
        files.push((i, 1, first + Duration::days(3)));
    }
    for (n, (i, version, at)) in files.iter().enumerate() {
        let file = export(
            ReportContent::DinhKy(report(*i, *version)),
            APP_VERSION,
            *at,
        )
        .unwrap();
        let name = format!("{n:04}_{}", file.file_name);
        std::fs::write(dir.join(&name), &file.text).unwrap();
        let got = receive(
            &mut round,
            Incoming {
                ten_tep: &name,
                text: &file.text,
                ngay_nhan: d(2021, 12, 15),
            },
        );
        assert!(matches!(got, Received::Accepted { .. }), "{name}: {got:?}");
    }
    assert_eq!(files.len(), UNITS + CORRECTIONS);
    let app = totals(&round, None);
    let app_total = |code: &str| app.iter().find(|t| t.code == code).unwrap().tong;
    let glob = format!("{}/*.json", dir.display());

    // The README's query, on this folder.
    let sql = readme_query().replace("bao-cao/*.json", &glob);
    let row = duckdb_row(&sql);
    let units = u64::try_from(UNITS).unwrap();
    assert_eq!(row[0], Value::from(units));
    let shown = [
        "xu_phat.so_vu_phat_hien",
        "xu_phat.so_vu_bi_xu_phat",
        "xu_phat.tong_so_quyet_dinh",
        "xu_phat.tong_tien_thu_vnd",
    ];
    for (k, code) in shown.iter().enumerate() {
        assert_eq!(row[k + 1], as_value(app_total(code)), "{code}");
    }
    // The corrections count, not the files they replace.
    assert!(app_total("xu_phat.so_vu_phat_hien").unwrap() > 0);

    // Every count of the periodic report, including one no unit entered.
    let sums: Vec<String> = FIELDS
        .iter()
        .map(|(code, _)| format!("sum(content.{code}::BIGINT)"))
        .collect();
    let sql_all = sql.replace(
        &sql[sql.find("SELECT count(*)").unwrap()..sql.find("FROM latest").unwrap()],
        &format!("SELECT {}\n", sums.join(", ")),
    );
    let row = duckdb_row(&sql_all);
    assert_eq!(row.len(), 35);
    for ((code, _), got) in FIELDS.iter().zip(&row) {
        assert_eq!(*got, as_value(app_total(code)), "{code}");
    }
    assert_eq!(app_total("xu_phat.so_gp_cchn_bi_tuoc"), None);
    std::fs::remove_dir_all(&dir).unwrap();
}
