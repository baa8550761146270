//! Builds the app's printed documents ([`OfficialDocument`]) from the domain:
//! the plan (kế hoạch), the decision establishing an inspection team
//! (quyết định kiểm tra và thành lập đoàn kiểm tra), the notice to the
//! inspected unit (thông báo, with the date by which it sends its own
//! report), the inspection report (báo cáo kết quả kiểm tra) and the parts of
//! the periodic report. Pure: dates and holidays are passed in.
//!
//! Only what the data holds and the legal reference supports is written:
//! the decision's contents follow NĐ 19/2020 Điều 13 khoản 2 (reference C2)
//! or, for monitoring law implementation, TT 04/2021 Điều 4 khoản 3
//! (addendum §3.5); the team's powers are cited by article (Điều 9, 10),
//! whose text the reference does not have. Recipients are the bodies the
//! data names (inspected units, lead and coordinating units, the issuer),
//! then "Lưu: VT.".

use chrono::NaiveDate;

use super::document::{recipient_lines, Block, OfficialDocument, SignatureBlock, BLANK_NUMBER};
use super::from_domain::content_decree_for_period;
use super::periodic::PeriodicReport;
use crate::domain::catalog::CatalogEntry;
use crate::domain::inspection::Inspection;
use crate::domain::plan::{FieldRef, InspectedUnit, LegalBasis, PeriodEnd, Plan, PlanKind};
use crate::domain::team::{Member, Team};
use crate::domain::workdays::Holidays;
use crate::i18n::{format_date, format_date_in_words, format_money, Lang};

/// "Cần Thơ, ngày 13 tháng 01 năm 2021", or with blanks for the day and
/// month when the document has no date yet. Always Vietnamese.
pub fn place_date_line(place: &str, date: Option<NaiveDate>, year: i32) -> String {
    match date {
        Some(d) => format_date_in_words(place, d, Lang::Vi),
        None => {
            let place = place.trim();
            let body = format!("ngày     tháng     năm {year}");
            if place.is_empty() {
                body
            } else {
                format!("{place}, {body}")
            }
        }
    }
}

/// "Căn cứ Nghị định số 19/2020/NĐ-CP ngày 12/02/2020 của Chính phủ về …"
/// (without the final punctuation).
fn basis_text(b: &LegalBasis) -> String {
    let mut s = String::from("Căn cứ");
    if !b.doc_type.trim().is_empty() {
        s.push(' ');
        s.push_str(b.doc_type.trim());
    }
    if !b.number.trim().is_empty() {
        s.push_str(" số ");
        s.push_str(b.number.trim());
    }
    if let Some(d) = b.date {
        s.push_str(" ngày ");
        s.push_str(&format_date(d));
    }
    if !b.issuer.trim().is_empty() {
        s.push_str(" của ");
        s.push_str(b.issuer.trim());
    }
    if !b.summary.trim().is_empty() {
        s.push(' ');
        s.push_str(b.summary.trim());
    }
    s
}

/// Căn cứ lines as NĐ 30/2020 Phụ lục I writes them: ";" after each, "."
/// after the last.
pub fn basis_lines(texts: Vec<String>) -> Vec<String> {
    let n = texts.len();
    texts
        .into_iter()
        .enumerate()
        .map(|(i, t)| {
            let t = t.trim().trim_end_matches([';', '.']).to_string();
            if i + 1 == n {
                format!("{t}.")
            } else {
                format!("{t};")
            }
        })
        .collect()
}

fn person_line(role: &str, m: &Member) -> String {
    let mut parts = vec![m.name.trim().to_string()];
    for x in [&m.position, &m.agency] {
        if !x.trim().is_empty() {
            parts.push(x.trim().to_string());
        }
    }
    format!("{}, {role}", parts.join(", "))
}

fn non_blank(v: &[String]) -> Vec<String> {
    v.iter()
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect()
}

fn vi(e: &CatalogEntry) -> &'static str {
    e.vi
}

/// The body's part of a code: "UBND" in "09/KH-UBND".
fn body_code(plan: &Plan) -> Option<String> {
    let n = plan.number.as_ref()?;
    let (_, body) = n.code().split_once('-')?;
    Some(body.to_string())
}

/// "      /QĐ-UBND": the type code of a new document of the plan's issuer,
/// number left blank (written after signing).
fn blank_number(type_code: &str, plan: &Plan) -> String {
    match body_code(plan) {
        Some(body) => format!("{BLANK_NUMBER}/{type_code}-{body}"),
        None => format!("{BLANK_NUMBER}/{type_code}"),
    }
}

/// The plan's issuing body on one line: "ỦY BAN NHÂN DÂN THÀNH PHỐ CẦN
/// THƠ" when the two header lines name one People's Committee, else the
/// lower line (the upper one is then its managing body).
fn issuer_name(plan: &Plan) -> String {
    let upper = plan.issuer.upper.trim();
    let lower = plan.issuer.lower.trim();
    let is_committee = upper.to_uppercase() == "ỦY BAN NHÂN DÂN";
    match (upper.is_empty(), lower.is_empty()) {
        (_, true) => upper.to_string(),
        (false, false) if is_committee => format!("{upper} {lower}"),
        _ => lower.to_string(),
    }
}

fn plan_ref(plan: &Plan) -> String {
    let mut s = String::from("Kế hoạch");
    if let Some(n) = &plan.number {
        s.push_str(&format!(" số {n}"));
    }
    if let Some(d) = plan.issue_date {
        s.push_str(&format!(" ngày {}", format_date(d)));
    }
    // The issuer is in the header; its name in running text would need the
    // proper-noun capitalisation the data does not hold.
    s
}

fn plan_signer(plan: &Plan) -> SignatureBlock {
    SignatureBlock::new(
        plan.signer.prefix.text(),
        &plan.signer.on_behalf_of,
        &plan.signer.position,
        &plan.signer.name,
    )
}

fn plan_recipients(plan: &Plan) -> Vec<String> {
    let mut r: Vec<String> = Vec::new();
    // NĐ 59/2012 Điều 11a: the provincial and ministerial yearly plans of
    // monitoring law implementation are sent to Bộ Tư pháp.
    let to_ministry = plan.kind == PlanKind::TheoDoiThpl
        && matches!(
            plan.issuer_level,
            crate::domain::plan::IssuerLevel::Tinh | crate::domain::plan::IssuerLevel::BoNganh
        );
    if to_ministry {
        r.push("Bộ Tư pháp".to_string());
    }
    r.extend(non_blank(std::slice::from_ref(
        &plan.organisation.lead_unit,
    )));
    r.extend(non_blank(&plan.organisation.coordinating_units));
    r.extend(plan.inspected_units.iter().map(|u| u.name.clone()));
    recipient_lines(r)
}

/// The plan (Mẫu 1.4, "KẾ HOẠCH"). `template_titles` are the Vietnamese
/// titles of the plan's checklist templates.
pub fn plan_document(plan: &Plan, template_titles: &[String]) -> OfficialDocument {
    let mut b: Vec<Block> = Vec::new();
    let p = |s: String| Block::Paragraph(s);
    b.push(Block::Heading("I. MỤC ĐÍCH, YÊU CẦU".into()));
    b.push(Block::Heading("1. Mục đích".into()));
    b.push(p(plan.purpose.trim().to_string()));
    b.push(Block::Heading("2. Yêu cầu".into()));
    b.push(p(plan.requirements.trim().to_string()));
    b.push(Block::Heading("II. NỘI DUNG KIỂM TRA".into()));
    match &plan.field {
        Some(FieldRef::Focus(f)) => b.push(p(format!("Lĩnh vực: {}", vi(f.entry())))),
        Some(FieldRef::Other(s)) if !s.trim().is_empty() => {
            b.push(p(format!("Lĩnh vực: {}", s.trim())))
        }
        _ => {}
    }
    if !plan.scope.trim().is_empty() {
        b.push(p(format!("Phạm vi: {}", plan.scope.trim())));
    }
    if let Some(m) = plan.method {
        b.push(p(format!("Phương thức kiểm tra: {}", vi(m.entry()))));
    }
    if !template_titles.is_empty() {
        b.push(p("Nội dung kiểm tra theo mẫu phiếu:".into()));
        b.extend(template_titles.iter().map(|t| Block::Item(t.clone())));
    }
    b.push(Block::Heading("III. ĐỐI TƯỢNG, ĐỊA ĐIỂM KIỂM TRA".into()));
    for (n, u) in plan.inspected_units.iter().enumerate() {
        b.push(p(unit_line(n + 1, u)));
    }
    if !plan.place_of_inspection.trim().is_empty() {
        b.push(p(format!(
            "Địa điểm kiểm tra: {}",
            plan.place_of_inspection.trim()
        )));
    }
    b.push(Block::Heading("IV. THỜI GIAN KIỂM TRA".into()));
    if let Some(w) = plan.inspection_window {
        b.push(p(format!(
            "Thời gian kiểm tra: từ ngày {} đến ngày {}.",
            format_date(w.from),
            format_date(w.to)
        )));
    }
    if let Some(r) = plan.review_period {
        let to = match r.to {
            PeriodEnd::Date(d) => format!("đến ngày {}", format_date(d)),
            PeriodEnd::InspectionDate => "đến thời điểm kiểm tra".to_string(),
        };
        b.push(p(format!(
            "Thời kỳ kiểm tra: từ ngày {} {to}.",
            format_date(r.from)
        )));
    }
    let mut duration = format!(
        "Thời hạn kiểm tra: {:02} ngày làm việc",
        plan.duration_working_days
    );
    if plan.extension_working_days > 0 {
        duration.push_str(&format!(
            "; có thể gia hạn không quá {:02} ngày làm việc",
            plan.extension_working_days
        ));
    }
    duration.push('.');
    b.push(p(duration));
    b.push(p(format!(
        "Đơn vị được kiểm tra gửi báo cáo trước ngày kiểm tra: {:02} ngày làm việc.",
        plan.unit_report_days_before
    )));
    b.push(Block::Heading("V. ĐOÀN KIỂM TRA".into()));
    for t in &plan.teams {
        b.push(p(t.name.trim().to_string()));
        b.extend(team_lines(t).into_iter().map(Block::Item));
    }
    b.push(Block::Heading("VI. KINH PHÍ".into()));
    if let Some(a) = plan.funding.amount_dong {
        b.push(p(format!(
            "Kinh phí: {}",
            format_money(i64::try_from(a).unwrap_or(i64::MAX))
        )));
    }
    if !plan.funding.source.trim().is_empty() {
        b.push(p(format!("Nguồn kinh phí: {}", plan.funding.source.trim())));
    }
    b.push(Block::Heading("VII. TỔ CHỨC THỰC HIỆN".into()));
    if !plan.organisation.lead_unit.trim().is_empty() {
        b.push(p(format!(
            "Cơ quan chủ trì: {}",
            plan.organisation.lead_unit.trim()
        )));
    }
    let coordinating = non_blank(&plan.organisation.coordinating_units);
    if !coordinating.is_empty() {
        b.push(p(format!("Cơ quan phối hợp: {}", coordinating.join("; "))));
    }
    if !plan.tasks.is_empty() {
        b.push(p("Nhiệm vụ cụ thể".into()));
        b.push(Block::Table {
            header: [
                "STT",
                "Nội dung",
                "Chủ trì",
                "Phối hợp",
                "Thời hạn hoàn thành",
            ]
            .map(String::from)
            .to_vec(),
            rows: plan
                .tasks
                .iter()
                .enumerate()
                .map(|(n, t)| {
                    vec![
                        (n + 1).to_string(),
                        t.content.clone(),
                        t.lead_unit.clone(),
                        non_blank(&t.coordinating_units).join("; "),
                        t.deadline.map(format_date).unwrap_or_default(),
                    ]
                })
                .collect(),
        });
    }
    OfficialDocument {
        co_quan_chu_quan: plan.issuer.upper.trim().to_string(),
        co_quan_ban_hanh: plan.issuer.lower.trim().to_string(),
        so_ky_hieu: plan
            .number
            .as_ref()
            .map(ToString::to_string)
            .unwrap_or_else(|| format!("{BLANK_NUMBER}/KH")),
        dia_danh_ngay: place_date_line(&plan.place_name, plan.issue_date, plan.year),
        ten_loai: "KẾ HOẠCH".into(),
        trich_yeu: plan.title.trim().to_string(),
        can_cu: basis_lines(plan.legal_bases.iter().map(basis_text).collect()),
        noi_dung: b,
        chu_ky: plan_signer(plan),
        noi_nhan: plan_recipients(plan),
    }
}

fn unit_line(n: usize, u: &InspectedUnit) -> String {
    if u.address.trim().is_empty() {
        format!("{n}. {}", u.name.trim())
    } else {
        format!("{n}. {} ({})", u.name.trim(), u.address.trim())
    }
}

fn team_lines(t: &Team) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(h) = &t.head {
        out.push(person_line("Trưởng đoàn", h));
    }
    out.extend(t.deputies.iter().map(|m| person_line("Phó Trưởng đoàn", m)));
    out.extend(t.members.iter().map(|m| person_line("Thành viên", m)));
    out
}

/// What the inspection covers, in words, by plan kind.
fn inspection_subject(plan: &Plan) -> &'static str {
    match plan.kind {
        PlanKind::TheoDoiThpl => "kiểm tra tình hình thi hành pháp luật",
        PlanKind::Xlvphc | PlanKind::Khac => {
            "kiểm tra việc thi hành pháp luật về xử lý vi phạm hành chính"
        }
    }
}

/// The decision establishing the inspection team for one inspection
/// (quyết định kiểm tra, NĐ 19/2020 Điều 13 khoản 2; for monitoring law
/// implementation TT 04/2021 Điều 4 khoản 3). Issued by the plan's issuer and
/// signer; number and date from the inspection's decision when entered.
pub fn team_decision_document(
    plan: &Plan,
    inspection: &Inspection,
    template_titles: &[String],
) -> OfficialDocument {
    let unit = plan.unit(inspection.unit_id());
    let unit_name = unit.map(|u| u.name.trim().to_string()).unwrap_or_default();
    let team = inspection.team_id().and_then(|t| plan.team(t));
    let decision = inspection.decision();
    let monitoring = plan.kind == PlanKind::TheoDoiThpl;
    let subject = inspection_subject(plan);

    let mut bases: Vec<String> = plan.legal_bases.iter().map(basis_text).collect();
    bases.push(format!("Căn cứ {}", plan_ref(plan)));

    let mut b: Vec<Block> = vec![Block::Heading("QUYẾT ĐỊNH:".into())];
    let mut article = 0;
    let mut next = |title: &str| {
        article += 1;
        Block::Heading(format!("Điều {article}. {title}"))
    };
    b.push(next(&format!("Tiến hành {subject} đối với {unit_name}.")));
    b.push(Block::Item(format!(
        "Đối tượng được kiểm tra: {unit_name}."
    )));
    if !monitoring {
        let place = if plan.place_of_inspection.trim().is_empty() {
            unit.map(|u| u.address.trim().to_string())
                .unwrap_or_default()
        } else {
            plan.place_of_inspection.trim().to_string()
        };
        if !place.is_empty() {
            b.push(Block::Item(format!("Địa điểm kiểm tra: {place}.")));
        }
    }
    let content = if template_titles.is_empty() {
        plan.scope.trim().to_string()
    } else {
        template_titles.join("; ")
    };
    if !content.is_empty() {
        b.push(Block::Item(format!("Nội dung kiểm tra: {content}.")));
    }
    if !monitoring {
        let mut when = format!(
            "Thời hạn kiểm tra: {:02} ngày làm việc",
            plan.duration_working_days
        );
        if let Some(p) = inspection.planned() {
            when.push_str(&format!(
                ", từ ngày {} đến ngày {}",
                format_date(p.from),
                format_date(p.to)
            ));
        }
        when.push('.');
        b.push(Block::Item(when));
    } else if let Some(p) = inspection.planned() {
        b.push(Block::Item(format!(
            "Thời gian kiểm tra: từ ngày {} đến ngày {}.",
            format_date(p.from),
            format_date(p.to)
        )));
    }
    b.push(next("Thành lập Đoàn kiểm tra gồm các ông (bà) có tên sau:"));
    match team {
        Some(t) => b.extend(
            team_lines(t)
                .into_iter()
                .enumerate()
                .map(|(n, l)| Block::Paragraph(format!("{}. {l}.", n + 1))),
        ),
        None => b.push(Block::Paragraph(
            "(Chưa chọn đoàn kiểm tra cho cuộc kiểm tra này.)".into(),
        )),
    }
    b.push(next("Quyền hạn và trách nhiệm"));
    if monitoring {
        b.push(Block::Paragraph(
            "Đoàn kiểm tra và đối tượng được kiểm tra có quyền hạn và trách nhiệm theo quy định \
             tại Thông tư số 04/2021/TT-BTP."
                .into(),
        ));
    } else {
        b.push(Block::Paragraph(
            "Đoàn kiểm tra, Trưởng đoàn và các thành viên có quyền hạn, trách nhiệm theo quy định \
             tại Điều 9, Điều 10 Nghị định số 19/2020/NĐ-CP; đối tượng được kiểm tra có quyền và \
             trách nhiệm theo quy định của Nghị định số 19/2020/NĐ-CP."
                .into(),
        ));
        b.push(next("Kinh phí thực hiện kiểm tra"));
        let mut funding = Vec::new();
        if let Some(a) = plan.funding.amount_dong {
            funding.push(format_money(i64::try_from(a).unwrap_or(i64::MAX)));
        }
        if !plan.funding.source.trim().is_empty() {
            funding.push(plan.funding.source.trim().to_string());
        }
        b.push(Block::Paragraph(if funding.is_empty() {
            "Theo kế hoạch kiểm tra.".to_string()
        } else {
            format!("{}.", funding.join("; "))
        }));
    }
    let mut executors = vec!["Trưởng đoàn và các thành viên Đoàn kiểm tra".to_string()];
    if !unit_name.is_empty() {
        executors.push(unit_name.clone());
    }
    executors.push("các cơ quan, đơn vị có liên quan".to_string());
    b.push(next("Hiệu lực và trách nhiệm thi hành"));
    b.push(Block::Paragraph(format!(
        "Quyết định này có hiệu lực kể từ ngày ký. {} chịu trách nhiệm thi hành Quyết định này.",
        executors.join(", ")
    )));

    let mut recipients = vec![format!("Như Điều {article}")];
    recipients.extend(non_blank(std::slice::from_ref(
        &plan.organisation.lead_unit,
    )));
    OfficialDocument {
        co_quan_chu_quan: plan.issuer.upper.trim().to_string(),
        co_quan_ban_hanh: plan.issuer.lower.trim().to_string(),
        so_ky_hieu: decision
            .number
            .as_ref()
            .map(ToString::to_string)
            .unwrap_or_else(|| blank_number("QĐ", plan)),
        dia_danh_ngay: place_date_line(&plan.place_name, decision.date, plan.year),
        ten_loai: "QUYẾT ĐỊNH".into(),
        trich_yeu: format!("Về việc {subject} tại {unit_name} và thành lập Đoàn kiểm tra"),
        can_cu: basis_lines(bases),
        noi_dung: b,
        chu_ky: plan_signer(plan),
        noi_nhan: recipient_lines(recipients),
    }
}

/// The last day the inspected unit may send its own report: the plan's
/// number of working days (03 in the Hà Nội plan, reference C4) before the
/// first day of the inspection, holidays excluded. `None` while the
/// inspection has no date.
pub fn unit_report_due(
    plan: &Plan,
    inspection: &Inspection,
    holidays: &Holidays,
) -> Option<NaiveDate> {
    let start = inspection.start_date()?;
    Some(crate::domain::workdays::sub_working_days(
        start,
        plan.unit_report_days_before,
        holidays,
    ))
}

/// The notice to the inspected unit (thông báo, Mẫu 1.4): the inspection,
/// its dates and team, and the date by which the unit sends its report
/// following the report outline. Issued by the lead unit under the plan's
/// issuer, signed by the team head.
pub fn unit_notice_document(
    plan: &Plan,
    inspection: &Inspection,
    holidays: &Holidays,
    today: NaiveDate,
) -> OfficialDocument {
    let unit_name = plan
        .unit(inspection.unit_id())
        .map(|u| u.name.trim().to_string())
        .unwrap_or_default();
    let team = inspection.team_id().and_then(|t| plan.team(t));
    let subject = inspection_subject(plan);
    let decision = inspection.decision();
    let mut b: Vec<Block> = Vec::new();
    let mut basis = format!("Thực hiện {}", plan_ref(plan));
    if let Some(n) = &decision.number {
        basis.push_str(&format!(" và Quyết định số {n}"));
        if let Some(d) = decision.date {
            basis.push_str(&format!(" ngày {}", format_date(d)));
        }
    }
    let lead = plan.organisation.lead_unit.trim().to_string();
    b.push(Block::Paragraph(format!(
        "{basis}, Đoàn kiểm tra thông báo đến {unit_name} về việc {subject} như sau:"
    )));
    let when = match inspection.planned() {
        Some(p) => format!(
            "từ ngày {} đến ngày {}",
            format_date(p.from),
            format_date(p.to)
        ),
        None => match inspection.start_date() {
            Some(d) => format!("từ ngày {}", format_date(d)),
            None => "(chưa xác định)".to_string(),
        },
    };
    b.push(Block::Paragraph(format!("1. Thời gian kiểm tra: {when}.")));
    if !plan.place_of_inspection.trim().is_empty() {
        b.push(Block::Paragraph(format!(
            "2. Địa điểm kiểm tra: {}.",
            plan.place_of_inspection.trim()
        )));
    } else {
        b.push(Block::Paragraph(format!(
            "2. Địa điểm kiểm tra: trụ sở {unit_name}."
        )));
    }
    let due = unit_report_due(plan, inspection, holidays);
    let send_to = if lead.is_empty() {
        "Đoàn kiểm tra".to_string()
    } else {
        lead.clone()
    };
    let due_text = match due {
        Some(d) => format!(
            "chậm nhất ngày {} (trước ngày kiểm tra {:02} ngày làm việc)",
            format_date(d),
            plan.unit_report_days_before
        ),
        None => format!(
            "trước ngày kiểm tra {:02} ngày làm việc",
            plan.unit_report_days_before
        ),
    };
    b.push(Block::Paragraph(format!(
        "3. Đề nghị {unit_name} xây dựng báo cáo theo đề cương báo cáo và phụ lục kèm theo, \
         gửi về {send_to} {due_text}."
    )));
    b.push(Block::Paragraph(format!(
        "4. Đề nghị {unit_name} phân công lãnh đạo làm việc với Đoàn kiểm tra; chuẩn bị và cung \
         cấp đầy đủ, trung thực hồ sơ, tài liệu theo yêu cầu của Đoàn kiểm tra."
    )));
    if let Some(t) = team {
        b.push(Block::Paragraph("5. Thành phần Đoàn kiểm tra:".into()));
        b.extend(team_lines(t).into_iter().map(Block::Item));
    }
    let head = team.and_then(|t| t.head.as_ref());
    let mut recipients = vec![unit_name.clone()];
    recipients.push(issuer_name(plan));
    if !lead.is_empty() {
        recipients.push(lead.clone());
    }
    OfficialDocument {
        co_quan_chu_quan: issuer_name(plan),
        co_quan_ban_hanh: "ĐOÀN KIỂM TRA".into(),
        so_ky_hieu: blank_number("TB", plan),
        dia_danh_ngay: place_date_line(&plan.place_name, Some(today), plan.year),
        ten_loai: "THÔNG BÁO".into(),
        trich_yeu: format!("Về việc {subject} tại {unit_name}"),
        can_cu: Vec::new(),
        noi_dung: b,
        chu_ky: SignatureBlock {
            tham_quyen: vec!["TRƯỞNG ĐOÀN KIỂM TRA".into()],
            ho_ten: head.map(|h| h.name.trim().to_string()).unwrap_or_default(),
        },
        noi_nhan: recipient_lines(recipients),
    }
}

/// The header, type, summary and footer of the inspection report (báo cáo
/// kết quả kiểm tra) of one inspection; the page adds the checklist results,
/// findings and conclusion as its body. Issued by the inspection team under
/// the plan's issuer, signed by the team head; dated by the conclusion's
/// issue date, else the end of fieldwork, else `today`.
pub fn inspection_report_document(
    plan: &Plan,
    inspection: &Inspection,
    today: NaiveDate,
) -> OfficialDocument {
    let unit_name = plan
        .unit(inspection.unit_id())
        .map(|u| u.name.trim().to_string())
        .unwrap_or_default();
    let team = inspection.team_id().and_then(|t| plan.team(t));
    let head = team.and_then(|t| t.head.as_ref());
    let c = inspection.conclusion();
    let date = c.issue_date.or(inspection.actual_end()).unwrap_or(today);
    let subject = inspection_subject(plan);
    let number = if c.report_number.trim().is_empty() {
        blank_number("BC", plan)
    } else {
        c.report_number.trim().to_string()
    };
    let mut recipients = vec![issuer_name(plan), unit_name.clone()];
    recipients.extend(non_blank(std::slice::from_ref(
        &plan.organisation.lead_unit,
    )));
    OfficialDocument {
        co_quan_chu_quan: issuer_name(plan),
        co_quan_ban_hanh: "ĐOÀN KIỂM TRA".into(),
        so_ky_hieu: number,
        dia_danh_ngay: place_date_line(&plan.place_name, Some(date), plan.year),
        ten_loai: "BÁO CÁO".into(),
        trich_yeu: format!("Kết quả {subject} tại {unit_name}"),
        can_cu: Vec::new(),
        noi_dung: vec![Block::Paragraph(format!("Thực hiện {}.", plan_ref(plan)))],
        chu_ky: SignatureBlock {
            tham_quyen: vec!["TRƯỞNG ĐOÀN KIỂM TRA".into()],
            ho_ten: head.map(|h| h.name.trim().to_string()).unwrap_or_default(),
        },
        noi_nhan: recipient_lines(recipients),
    }
}

/// The header, type, summary, căn cứ line and footer of the periodic
/// report; the page adds the statistics. Names the regime and the content
/// decree of the report's own period (a 2021 report: TT 16/2018, NĐ 81/2013
/// as amended by NĐ 97/2017).
pub fn periodic_report_document(
    r: &PeriodicReport,
    place: &str,
    date: NaiveDate,
) -> OfficialDocument {
    let decree = content_decree_for_period(&r.ky_bao_cao);
    let mut body = vec![Block::Paragraph(format!(
        "Chế độ báo cáo: {}. Nội dung báo cáo: {}.",
        r.che_do_bao_cao.legal_text_vi(),
        decree.name_vi()
    ))];
    if let Some(n) = decree.note_vi() {
        body.push(Block::Paragraph(n.to_string()));
    }
    let signer = &r.nguoi_ky;
    OfficialDocument {
        co_quan_chu_quan: r.don_vi_bao_cao.co_quan_chu_quan.trim().to_uppercase(),
        co_quan_ban_hanh: r.don_vi_bao_cao.ten.trim().to_uppercase(),
        so_ky_hieu: if r.so_ky_hieu.trim().is_empty() {
            format!("{BLANK_NUMBER}/BC-")
        } else {
            r.so_ky_hieu.trim().to_string()
        },
        dia_danh_ngay: place_date_line(place, Some(date), r.ky_bao_cao.year()),
        ten_loai: "BÁO CÁO".into(),
        trich_yeu: format!(
            "Công tác thi hành pháp luật về xử lý vi phạm hành chính {}",
            r.ky_bao_cao.line_vi()
        ),
        can_cu: Vec::new(),
        noi_dung: body,
        chu_ky: SignatureBlock::new(&signer.tham_quyen, "", &signer.chuc_vu, &signer.ho_ten),
        noi_nhan: recipient_lines(&r.noi_nhan),
    }
}
