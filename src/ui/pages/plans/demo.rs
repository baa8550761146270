//! Sample data ("Dữ liệu mẫu") for trying the app: the Cần Thơ 2021 case,
//! true to the seed. Two plans of UBND thành phố Cần Thơ dated 13/01/2021:
//! Kế hoạch 09/KH-UBND manages the enforcement of the law on handling
//! administrative violations (basis NĐ 19/2020/NĐ-CP of 12/02/2020), and
//! Kế hoạch 08/KH-UBND implements QĐ 49/QĐ-TTg (13/01/2021), monitoring law
//! implementation in the 2021 focus fields (basis NĐ 59/2012/NĐ-CP as amended
//! by NĐ 32/2020/NĐ-CP). The plans' own content was not found, so every
//! text is generic and says it is sample data; the
//! people are placeholders. The ids of what was created are remembered in
//! localStorage so "Xóa dữ liệu mẫu" removes exactly those records.
//!
//! [`demo_plan`] and [`fill_demo_inspection`] are pure (ids and clock are
//! injected); [`load`] and [`remove`] go through `AppState`.

use crate::domain::answer::{Answer, AnswerKey, AnswerValue, ItemStatus};
use crate::domain::catalog::{FindingKind, FocusField, PlanMethod, UnitLevel};
use crate::domain::clock::Clock;
use crate::domain::error::DomainError;
use crate::domain::ids::{IdGen, InspectionId, PlanId, TaskId, TemplateId, UnitId};
use crate::domain::inspection::Inspection;
use crate::domain::plan::{
    FieldRef, Funding, InspectedUnit, IssuerLevel, IssuingBody, LegalBasis, Organisation,
    PeriodEnd, Plan, PlanKind, PlanTask, ReviewPeriod, Signer, SigningPrefix, TaskProgress,
};
use crate::domain::team::{Member, Team};
use crate::domain::template::{AnswerType, TemplateLibrary};
use crate::domain::text::DocNumber;
use crate::domain::workdays::DateRange;
use crate::state::AppState;
use chrono::NaiveDate;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// localStorage key of the sample records' ids.
pub const DEMO_KEY: &str = "kiemtra:ui:demo";
/// The checklist template the sample inspection uses.
pub const DEMO_TEMPLATE: &str = "xlvphc-nd19-2020";
/// The checklist template of the sample monitoring plan (KH 08/KH-UBND).
pub const DEMO_MONITORING_TEMPLATE: &str = "theo-doi-thpl-nd59-2012";
/// Marks every sample text.
pub const SAMPLE: &str = "Dữ liệu mẫu";

/// Ids of the sample records.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DemoIds {
    /// Sample plans.
    pub plans: Vec<PlanId>,
    /// Sample inspections.
    pub inspections: Vec<InspectionId>,
}

fn d(y: i32, m: u32, day: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, day)
}

fn person(ids: &mut dyn IdGen, name: &str, position: &str, agency: &str) -> Member {
    let mut m = Member::new(ids, name, position, agency);
    m.conflict_declared = true;
    m
}

/// The sample plan: Kế hoạch 09/KH-UBND of UBND thành phố Cần Thơ,
/// 13/01/2021, with generic content marked as sample data.
pub fn demo_plan(ids: &mut dyn IdGen, clock: &dyn Clock) -> Plan {
    let mut p = Plan::new(ids, PlanKind::Xlvphc, 2021, clock);
    p.yearly = true;
    p.issuer_level = IssuerLevel::Tinh;
    p.title = String::from(
        "[Mẫu] Kiểm tra công tác thi hành pháp luật về xử lý vi phạm hành chính năm 2021",
    );
    p.number = DocNumber::parse("09/KH-UBND").ok();
    p.issuer = IssuingBody {
        upper: String::from("ỦY BAN NHÂN DÂN"),
        lower: String::from("THÀNH PHỐ CẦN THƠ"),
    };
    p.place_name = String::from("Cần Thơ");
    p.issue_date = d(2021, 1, 13);
    p.signer = Signer {
        prefix: SigningPrefix::Tm,
        on_behalf_of: String::from("ỦY BAN NHÂN DÂN"),
        position: String::from("CHỦ TỊCH"),
        name: format!("({SAMPLE})"),
    };
    p.legal_bases = vec![LegalBasis {
        doc_type: String::from("Nghị định"),
        number: String::from("19/2020/NĐ-CP"),
        date: d(2020, 2, 12),
        issuer: String::from("Chính phủ"),
        summary: String::from(
            "về kiểm tra, xử lý kỷ luật trong thi hành pháp luật về xử lý vi phạm hành chính",
        ),
    }];
    p.purpose = format!(
        "{SAMPLE}: nội dung của Kế hoạch 09/KH-UBND không có trong nguồn tham khảo; \
         đoạn này chỉ để thử ứng dụng. Đánh giá việc thi hành pháp luật về xử lý vi phạm \
         hành chính; phát hiện khó khăn, hạn chế, sai sót để kịp thời khắc phục."
    );
    p.requirements = format!(
        "{SAMPLE}: kiểm tra đúng nội dung, thời hạn; không gây cản trở hoạt động bình thường \
         của đơn vị được kiểm tra."
    );
    p.scope = SAMPLE.to_string();
    p.method = Some(PlanMethod::DinhKy);
    let unit = |ids: &mut dyn IdGen, name: &str, level| InspectedUnit {
        id: UnitId::generate(ids),
        name: name.to_string(),
        level,
        address: String::new(),
    };
    p.inspected_units = vec![
        unit(ids, "Ủy ban nhân dân quận Ninh Kiều", UnitLevel::QuanHuyen),
        unit(ids, "Ủy ban nhân dân quận Cái Răng", UnitLevel::QuanHuyen),
        unit(
            ids,
            "Ủy ban nhân dân huyện Phong Điền",
            UnitLevel::QuanHuyen,
        ),
        unit(ids, "Sở Tài nguyên và Môi trường", UnitLevel::SoNganh),
    ];
    p.place_of_inspection = format!("Trụ sở đơn vị được kiểm tra ({SAMPLE})");
    p.inspection_window = d(2021, 6, 1)
        .zip(d(2021, 9, 30))
        .and_then(|(a, b)| DateRange::new(a, b));
    p.review_period = d(2020, 1, 1).map(|from| ReviewPeriod {
        from,
        to: PeriodEnd::InspectionDate,
    });
    p.funding = Funding {
        amount_dong: None,
        source: SAMPLE.to_string(),
    };
    p.template_ids = TemplateId::new(DEMO_TEMPLATE).into_iter().collect();
    p.organisation = Organisation {
        lead_unit: String::from("Sở Tư pháp"),
        coordinating_units: vec![String::from("Sở Tài nguyên và Môi trường")],
    };
    p.tasks = vec![
        PlanTask {
            id: TaskId::generate(ids),
            content: format!("Gửi đề cương báo cáo cho các đơn vị được kiểm tra ({SAMPLE})"),
            lead_unit: String::from("Sở Tư pháp"),
            coordinating_units: Vec::new(),
            deadline: d(2021, 5, 14),
            progress: TaskProgress::HoanThanh,
        },
        PlanTask {
            id: TaskId::generate(ids),
            content: format!(
                "Tổng hợp kết quả kiểm tra, báo cáo Ủy ban nhân dân thành phố ({SAMPLE})"
            ),
            lead_unit: String::from("Sở Tư pháp"),
            coordinating_units: vec![String::from("Các đơn vị được kiểm tra")],
            deadline: d(2021, 12, 15),
            progress: TaskProgress::DangThucHien,
        },
    ];
    let mut team = Team::new(ids, format!("Đoàn kiểm tra liên ngành ({SAMPLE})"));
    team.head = Some(person(
        ids,
        "Nguyễn Văn A",
        "Trưởng đoàn (mẫu)",
        "Sở Tư pháp",
    ));
    team.deputies = vec![person(
        ids,
        "Trần Thị B",
        "Phó trưởng đoàn (mẫu)",
        "Sở Tư pháp",
    )];
    team.members = vec![
        person(ids, "Lê Văn C", "Thành viên (mẫu)", "Sở Tư pháp"),
        person(
            ids,
            "Phạm Thị D",
            "Thành viên (mẫu)",
            "Sở Tài nguyên và Môi trường",
        ),
        person(ids, "Hoàng Văn E", "Thành viên (mẫu)", "Công an thành phố"),
    ];
    p.teams = vec![team];
    p
}

/// The second sample plan: Kế hoạch 08/KH-UBND of UBND thành phố Cần Thơ,
/// 13/01/2021, implementing QĐ 49/QĐ-TTg (theo dõi tình hình thi hành pháp
/// luật in the 2021 focus, inter-sectoral fields), generic content marked as
/// sample data.
pub fn demo_monitoring_plan(ids: &mut dyn IdGen, clock: &dyn Clock) -> Plan {
    let mut p = Plan::new(ids, PlanKind::TheoDoiThpl, 2021, clock);
    p.yearly = true;
    p.issuer_level = IssuerLevel::Tinh;
    p.title = String::from(
        "[Mẫu] Theo dõi tình hình thi hành pháp luật trong lĩnh vực trọng tâm, liên ngành năm 2021",
    );
    p.number = DocNumber::parse("08/KH-UBND").ok();
    p.issuer = IssuingBody {
        upper: String::from("ỦY BAN NHÂN DÂN"),
        lower: String::from("THÀNH PHỐ CẦN THƠ"),
    };
    p.place_name = String::from("Cần Thơ");
    p.issue_date = d(2021, 1, 13);
    p.signer = Signer {
        prefix: SigningPrefix::Tm,
        on_behalf_of: String::from("ỦY BAN NHÂN DÂN"),
        position: String::from("CHỦ TỊCH"),
        name: format!("({SAMPLE})"),
    };
    p.legal_bases = vec![
        LegalBasis {
            doc_type: String::from("Nghị định"),
            number: String::from("59/2012/NĐ-CP"),
            date: None,
            issuer: String::from("Chính phủ"),
            summary: String::from(
                "về theo dõi tình hình thi hành pháp luật, được sửa đổi, bổ sung bởi Nghị định số 32/2020/NĐ-CP ngày 05/3/2020",
            ),
        },
        LegalBasis {
            doc_type: String::from("Quyết định"),
            number: String::from("49/QĐ-TTg"),
            date: d(2021, 1, 13),
            issuer: String::from("Thủ tướng Chính phủ"),
            summary: String::from(
                "ban hành Kế hoạch theo dõi tình hình thi hành pháp luật trong lĩnh vực trọng tâm, liên ngành năm 2021",
            ),
        },
    ];
    p.purpose = format!(
        "{SAMPLE}: nội dung của Kế hoạch 08/KH-UBND không có trong nguồn tham khảo; \
         đoạn này chỉ để thử ứng dụng. Triển khai Quyết định số 49/QĐ-TTg tại địa phương."
    );
    p.requirements = format!("{SAMPLE}: bảo đảm đúng nội dung, tiến độ.");
    p.field = Some(FieldRef::Focus(FocusField::DatDai));
    p.scope = FocusField::DatDai.scope().vi.to_string();
    p.inspected_units = vec![InspectedUnit {
        id: UnitId::generate(ids),
        name: String::from("Sở Tài nguyên và Môi trường"),
        level: UnitLevel::SoNganh,
        address: String::new(),
    }];
    p.template_ids = TemplateId::new(DEMO_MONITORING_TEMPLATE)
        .into_iter()
        .collect();
    p.organisation = Organisation {
        lead_unit: String::from("Sở Tư pháp"),
        coordinating_units: vec![String::from("Sở Tài nguyên và Môi trường")],
    };
    p
}

/// Fills about half of the sample inspection's checklist (the first half of
/// each group that does not repeat) and turns the first two status answers,
/// set to "không đạt", into findings.
pub fn fill_demo_inspection(
    insp: &mut Inspection,
    lib: &TemplateLibrary,
    ids: &mut dyn IdGen,
    clock: &dyn Clock,
) -> Result<(), DomainError> {
    let Ok(tid) = TemplateId::new(DEMO_TEMPLATE) else {
        return Ok(());
    };
    let template = lib
        .latest(&tid)
        .ok_or_else(|| DomainError::TemplateNotFound {
            id: tid.clone(),
            version: 0,
        })?
        .clone();
    if let Some(planned) = d(2021, 6, 7)
        .zip(d(2021, 6, 15))
        .and_then(|(a, b)| DateRange::new(a, b))
    {
        insp.set_planned(Some(planned), clock)?;
    }
    let run = insp.add_checklist(&template, ids, clock)?;
    // The first half of each group filled once, in template order.
    let items: Vec<(String, String, AnswerType)> = template
        .groups
        .iter()
        .filter(|g| !g.is_repeating())
        .flat_map(|g| {
            let shown: Vec<_> = g.items.iter().filter(|i| i.show_if.is_none()).collect();
            let half = shown.len().div_ceil(2);
            shown
                .into_iter()
                .take(half)
                .map(|i| (g.code.clone(), i.code.clone(), i.answer))
                .collect::<Vec<_>>()
        })
        .collect();
    let mut not_met = Vec::new();
    for (group, item, kind) in items {
        let key = AnswerKey::new(&group, 0, &item);
        let answer = match kind {
            AnswerType::Status if not_met.len() < 2 => {
                not_met.push(key.clone());
                Answer::status(ItemStatus::KhongDat)
                    .with_note(format!("{SAMPLE}: ví dụ một tiêu chí không đạt"))
            }
            AnswerType::Status => Answer::status(ItemStatus::Dat),
            AnswerType::YesNo => Answer::value(AnswerValue::YesNo(true)),
            AnswerType::Count => Answer::value(AnswerValue::Count(3)),
            AnswerType::Money => Answer::value(AnswerValue::Money(0)),
            AnswerType::Date => match d(2021, 3, 1) {
                Some(day) => Answer::value(AnswerValue::Date(day)),
                None => continue,
            },
            AnswerType::Text => Answer::value(AnswerValue::Text(SAMPLE.to_string())),
            AnswerType::Documents => continue,
        };
        insp.set_answer(run, key, answer, lib, clock)?;
    }
    let kinds = [FindingKind::HanChe, FindingKind::SaiSot];
    for (key, kind) in not_met.iter().zip(kinds) {
        insp.finding_from_answer(run, key, kind, lib, ids, clock)?;
    }
    Ok(())
}

/// The remembered sample ids (none when no sample data was loaded).
pub fn stored() -> Option<DemoIds> {
    crate::platform::local_storage::get_pref::<DemoIds>(DEMO_KEY)
}

/// Whether sample data is loaded and still present.
pub fn is_loaded(state: &AppState) -> bool {
    stored().is_some_and(|ids| {
        state
            .ws
            .with(|ws| ids.plans.iter().any(|p| ws.plan(*p).is_some()))
    })
}

/// Creates the sample plans (KH 09 with its inspection, then KH 08);
/// returns the id of KH 09.
pub fn load(state: &AppState) -> Result<PlanId, DomainError> {
    let plan = state.add_plan(|ids, clock| demo_plan(ids, clock))?;
    let (unit, team) = state.ws.with_untracked(|ws| {
        let p = ws.plan(plan);
        (
            p.and_then(|p| p.inspected_units.first().map(|u| u.id)),
            p.and_then(|p| p.teams.first().map(|t| t.id)),
        )
    });
    let mut record = DemoIds {
        plans: vec![plan],
        inspections: Vec::new(),
    };
    if let Some(unit) = unit {
        let insp = state.create_inspection(plan, unit, team)?;
        record.inspections.push(insp);
        // A missing template leaves an empty inspection, which is still useful.
        // Filled on a copy, so a failure leaves the inspection untouched.
        let _ = state.edit_inspection(insp, |i, lib, clock, ids| {
            let mut copy = i.clone();
            fill_demo_inspection(&mut copy, lib, ids, clock)?;
            *i = copy;
            Ok(())
        });
    }
    if let Ok(monitoring) = state.add_plan(|ids, clock| demo_monitoring_plan(ids, clock)) {
        record.plans.push(monitoring);
    }
    let _ = crate::platform::local_storage::set_pref(DEMO_KEY, &record);
    Ok(plan)
}

/// Removes exactly the sample records (the plan deletion can be undone).
pub fn remove(state: &AppState) {
    let Some(ids) = stored() else { return };
    for p in &ids.plans {
        let _ = state.delete_plan(*p);
    }
    let left: Vec<InspectionId> = state.ws.with_untracked(|ws| {
        ids.inspections
            .iter()
            .copied()
            .filter(|i| ws.inspection(*i).is_some())
            .collect()
    });
    for i in left {
        let _ = state.delete_inspection(i);
    }
    let _ = crate::platform::local_storage::remove(DEMO_KEY);
}
