//! Keeps the benchmark's workspace generator (`bench/workspace.rs`, run by
//! `examples/bench_workspace.rs`) from rotting: the S workspace loads back
//! through `WorkspaceStore` with nothing quarantined, every answer fitting
//! its pinned template.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "../bench/workspace.rs"]
mod workspace;

#[path = "fixtures/report/fixtures.rs"]
mod report_fixtures;

use chrono::{TimeZone, Utc};
use kiemtra::domain::ids::{InspectionId, TemplateId};
use kiemtra::persist::WorkspaceStore;
use kiemtra::storage::MemoryKv;
use workspace::{generate, Size, BENCH_BASIS, BENCH_ITEMS, BENCH_TEMPLATE};

#[test]
fn the_s_workspace_loads_back_without_quarantine() {
    let g = generate(Size::S, workspace::CHROMIUM_QUOTA_BYTES);
    assert_eq!((g.meta.plans, g.meta.inspections), (5, 20));
    let mut kv = MemoryKv::new();
    for (k, v) in &g.entries {
        kv.insert_raw(k, v);
    }
    let now = Utc.with_ymd_and_hms(2021, 7, 1, 2, 0, 0).unwrap();
    let (mut store, ws, summary) = WorkspaceStore::open(kv, kiemtra::APP_VERSION, now);
    assert!(summary.fatal.is_none());
    assert!(summary.quarantined.is_empty(), "{:?}", summary.quarantined);
    assert!(summary.failed.is_empty(), "{:?}", summary.failed);
    assert!(summary.migrated.is_empty());
    // The built-ins were stored as the app stores them: nothing to add.
    assert!(summary.builtin_updates.is_empty());
    assert_eq!(ws.plans().count(), 5);
    assert_eq!(ws.inspections().count(), 20);
    assert!(ws.orphan_inspections().is_empty());
    let reports = store.take_loaded_reports();
    assert_eq!(reports.len(), 1);
    assert_eq!(
        reports.keys().next().unwrap().to_string(),
        g.meta.periodic_report
    );

    let t = ws
        .templates()
        .latest(&TemplateId::new(BENCH_TEMPLATE).unwrap())
        .unwrap();
    assert_eq!(t.item_count(), BENCH_ITEMS);
    assert!(t.groups[0]
        .items
        .iter()
        .all(|i| i.legal_basis == BENCH_BASIS));

    let id = InspectionId(g.meta.checklist_inspection.parse().unwrap());
    let open = ws.inspection(id).unwrap();
    assert_eq!(open.checklists().len(), 1);
    assert!(open.checklists()[0].answers.is_empty());
    let answers: usize = ws
        .inspections()
        .map(|i| {
            i.checklists()
                .iter()
                .map(|r| r.answers.len())
                .sum::<usize>()
        })
        .sum();
    assert_eq!(answers, g.meta.answers);
    // Every answer fits its pinned template (what set_answer checks).
    for i in ws.inspections() {
        for r in i.checklists() {
            let t = ws.templates().resolve(&r.template).unwrap();
            for (k, a) in &r.answers {
                let item = r.check_key(t, k).unwrap();
                a.check_against(item).unwrap();
            }
        }
    }
}
