//! Shared fixtures for the domain tests (Cần Thơ 2021 flavour). Included by
//! the `domain_*` test files with `#[path]`; also compiled on its own, hence
//! the dead-code allowance.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use chrono::NaiveDate;
use kiemtra::domain::catalog::{PlanMethod, UnitLevel};
use kiemtra::domain::clock::{Clock, FixedClock};
use kiemtra::domain::ids::{ChecklistRunId, PlanId, SeqIds, TemplateId, UnitId};
use kiemtra::domain::inspection::Inspection;
use kiemtra::domain::plan::{
    InspectedUnit, IssuerLevel, IssuingBody, LegalBasis, Plan, PlanKind, Signer, SigningPrefix,
};
use kiemtra::domain::team::{Member, Team};
use kiemtra::domain::template::{
    AnswerType, Group, Item, Repeat, ShowIf, ShowIfValue, Template, TemplateKind, TemplateLibrary,
};
use kiemtra::domain::text::{DocNumber, Text};
use kiemtra::domain::workdays::DateRange;

pub fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

/// An inspection under way with one checklist of [`sample_template`], and
/// what its calls need (the ids, the clock, the template library).
pub struct StartedInspection {
    pub ids: SeqIds,
    pub clock: FixedClock,
    pub lib: TemplateLibrary,
    pub insp: Inspection,
    pub run: ChecklistRunId,
}

/// An inspection of unit `unit` under plan `plan` (ids from these numbers),
/// started on [`clock`]'s day with the sample checklist added.
pub fn started_inspection(plan: u128, unit: u128) -> StartedInspection {
    let mut ids = SeqIds::new();
    let clock = clock();
    let mut lib = TemplateLibrary::new();
    lib.insert(sample_template()).unwrap();
    let mut insp = Inspection::new(
        &mut ids,
        PlanId(uuid::Uuid::from_u128(plan)),
        UnitId(uuid::Uuid::from_u128(unit)),
        None,
        true,
        &clock,
    );
    let run = insp
        .add_checklist(&sample_template(), &mut ids, &clock)
        .unwrap();
    StartedInspection {
        ids,
        clock,
        lib,
        insp,
        run,
    }
}

/// 13/01/2021, 09:00 Vietnam time.
pub fn clock() -> FixedClock {
    FixedClock::at_vietnam_morning(2021, 1, 13).unwrap()
}

pub fn t(vi: &str, en: &str) -> Text {
    Text::new(vi, en)
}

pub fn item(code: &str, vi: &str, en: &str, answer: AnswerType, required: bool) -> Item {
    Item {
        code: code.into(),
        label: t(vi, en),
        help: None,
        answer,
        required,
        legal_basis: "NĐ 19/2020/NĐ-CP; QĐ 542/QĐ-BTP".into(),
        origin: None,
        sources: vec!["S25".into(), "S24".into()],
        show_if: None,
    }
}

pub fn show_if(mut it: Item, target: &str, equals: ShowIfValue) -> Item {
    it.show_if = Some(ShowIf {
        item: target.into(),
        equals,
    });
    it
}

/// A small XLVPHC template: group I (state management, not repeating) with
/// conditional items, group II (one instance per sampled biên bản, max 3).
pub fn sample_template() -> Template {
    Template {
        id: TemplateId::new("xlvphc-mau-thu").unwrap(),
        version: 1,
        kind: TemplateKind::Xlvphc,
        title: t(
            "Phiếu kiểm tra công tác thi hành pháp luật về xử lý vi phạm hành chính",
            "Checklist for XLVPHC law enforcement",
        ),
        description: t(
            "Dựa trên QĐ 542/QĐ-BTP và QĐ 4843/QĐ-UBND. Toàn văn Điều 11 NĐ 19/2020 chưa được tìm thấy trong nguồn tham khảo.",
            "Based on QĐ 542/QĐ-BTP and QĐ 4843/QĐ-UBND; full text of Article 11 not found.",
        ),
        legal_basis: vec!["NĐ 19/2020/NĐ-CP".into()],
        groups: vec![
            Group {
                code: "I".into(),
                title: t(
                    "Quản lý nhà nước về công tác thi hành pháp luật về XLVPHC",
                    "State management of XLVPHC law enforcement",
                ),
                repeat: None,
                items: vec![
                    item(
                        "I.1",
                        "Công tác chỉ đạo, điều hành; xây dựng, tiến độ, kết quả thực hiện kế hoạch",
                        "Direction and management; the plan",
                        AnswerType::Status,
                        true,
                    ),
                    item(
                        "I.2",
                        "Có ban hành văn bản liên quan đến XLVPHC",
                        "Documents on XLVPHC issued",
                        AnswerType::YesNo,
                        true,
                    ),
                    show_if(
                        item(
                            "I.3",
                            "Danh sách văn bản đã ban hành (Công văn, Quyết định, Kế hoạch, Quy chế)",
                            "List of documents issued",
                            AnswerType::Documents,
                            true,
                        ),
                        "I.2",
                        ShowIfValue::Yes,
                    ),
                    show_if(
                        item(
                            "I.4",
                            "Nêu rõ hạn chế trong công tác chỉ đạo, điều hành",
                            "Describe the shortcomings",
                            AnswerType::Text,
                            true,
                        ),
                        "I.1",
                        ShowIfValue::KhongDat,
                    ),
                    item(
                        "I.5",
                        "Số người có thẩm quyền xử phạt",
                        "Persons competent to sanction",
                        AnswerType::Count,
                        false,
                    ),
                ],
            },
            Group {
                code: "II.B".into(),
                title: t(
                    "Biên bản vi phạm hành chính được chọn kiểm tra",
                    "Sampled violation records",
                ),
                repeat: Some(Repeat {
                    label: t("Biên bản vi phạm hành chính", "Violation record"),
                    max: 3,
                }),
                items: vec![
                    item(
                        "II.B.1",
                        "Thực hiện thủ tục, thẩm quyền lập biên bản vi phạm hành chính",
                        "Procedure and authority for the record",
                        AnswerType::Status,
                        true,
                    ),
                    item(
                        "II.B.2",
                        "Ngày, tháng, năm lập biên bản",
                        "Date the record was made",
                        AnswerType::Date,
                        true,
                    ),
                    item(
                        "II.B.3",
                        "Số tiền phạt thu được",
                        "Fine collected",
                        AnswerType::Money,
                        false,
                    ),
                ],
            },
        ],
    }
}

/// Plan 09/KH-UBND of UBND thành phố Cần Thơ, 13/01/2021, one unit (Quận
/// Ninh Kiều) and one five-person team.
pub fn plan_can_tho(ids: &mut SeqIds, clock: &FixedClock) -> Plan {
    let mut p = Plan::new(ids, PlanKind::Xlvphc, 2021, clock);
    p.title = "Kiểm tra công tác thi hành pháp luật về xử lý vi phạm hành chính năm 2021".into();
    p.number = Some(DocNumber::parse("09/KH-UBND").unwrap());
    p.issuer = IssuingBody {
        upper: "ỦY BAN NHÂN DÂN".into(),
        lower: "THÀNH PHỐ CẦN THƠ".into(),
    };
    p.issuer_level = IssuerLevel::Tinh;
    p.place_name = "Cần Thơ".into();
    p.issue_date = Some(d(2021, 1, 13));
    p.signer = Signer {
        prefix: SigningPrefix::Tm,
        on_behalf_of: "ỦY BAN NHÂN DÂN".into(),
        position: "CHỦ TỊCH".into(),
        name: "Nguyễn Văn A".into(),
    };
    p.legal_bases = vec![LegalBasis {
        doc_type: "Nghị định".into(),
        number: "19/2020/NĐ-CP".into(),
        date: Some(d(2020, 2, 12)),
        issuer: "Chính phủ".into(),
        summary: "Kiểm tra, xử lý kỷ luật trong thi hành pháp luật về xử lý vi phạm hành chính"
            .into(),
    }];
    p.method = Some(PlanMethod::DinhKy);
    p.inspected_units = vec![InspectedUnit {
        id: UnitId::generate(ids),
        name: "Ủy ban nhân dân quận Ninh Kiều".into(),
        level: UnitLevel::QuanHuyen,
        address: "Quận Ninh Kiều, thành phố Cần Thơ".into(),
    }];
    p.place_of_inspection = "Trụ sở Ủy ban nhân dân quận Ninh Kiều".into();
    p.inspection_window = DateRange::new(d(2021, 3, 1), d(2021, 3, 31));
    let mut team = Team::new(ids, "Đoàn kiểm tra liên ngành");
    let mut m = |name: &str, pos: &str, agency: &str| {
        let mut x = Member::new(ids, name, pos, agency);
        x.conflict_declared = true;
        x
    };
    team.head = Some(m("Trần Thị B", "Giám đốc", "Sở Tư pháp"));
    team.deputies = vec![m("Lê Văn C", "Phó Giám đốc", "Sở Tư pháp")];
    team.members = vec![
        m("Phạm Văn D", "Chuyên viên", "Sở Tư pháp"),
        m("Huỳnh Thị E", "Chuyên viên", "Công an thành phố"),
        m("Võ Văn G", "Chuyên viên", "Sở Tài chính"),
    ];
    p.teams = vec![team];
    p.template_ids = vec![TemplateId::new("xlvphc-mau-thu").unwrap()];
    p
}

/// The stored key of a plan, written out here rather than taken from
/// `storage::keys` so that the tests notice a change of the key format.
pub fn plan_key(id: PlanId) -> String {
    format!("kiemtra:plan:{id}")
}

/// A workspace with one saved plan ([`plan_can_tho`]) in `kv`; returns the
/// store, the workspace and the plan's id. `kv` then holds what the disk
/// holds.
pub fn saved_plan<K: kiemtra::storage::KvStore + Clone>(
    kv: &K,
) -> (
    kiemtra::persist::WorkspaceStore<K>,
    kiemtra::domain::workspace::Workspace,
    PlanId,
) {
    let c = clock();
    let (mut store, mut ws, _) =
        kiemtra::persist::WorkspaceStore::open(kv.clone(), "test", c.now());
    let mut ids = SeqIds::default();
    let id = ws.add_plan(plan_can_tho(&mut ids, &c)).unwrap();
    store.mark(&ws, &kiemtra::persist::ChangeKey::Plan(id), c.now());
    store.flush_now(c.now());
    (store, ws, id)
}
