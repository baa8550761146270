//! Synthetic workspaces for the benchmark (`bench/run.mjs`), written through
//! the app's own storage code so that the stored format is exactly the
//! app's: domain records are built with the domain API, saved through
//! `kiemtra::storage::Repository` (inside `WorkspaceStore`) over `MemoryKv`,
//! and the store is dumped as localStorage key → value.
//!
//! Included with `#[path]` by `examples/bench_workspace.rs` (the generator)
//! and `tests/bench_workspace.rs` (the cheap check that it does not rot),
//! next to `tests/fixtures/report/fixtures.rs` as `report_fixtures`.
//!
//! Contents (deterministic: `SeqIds`, `FixedClock`):
//! - the built-in templates (as the app stores them at first start) and a
//!   synthetic 500-item template `bench-500` (status items, one group, each
//!   citing "Dữ liệu đo hiệu năng (không phải nội dung pháp lý)" as its
//!   legal basis: it is benchmark data, not law);
//! - plan 0 with one inspection under way whose `bench-500` checklist has no
//!   answer yet (the checklist the benchmark opens);
//! - plan 1 with the "export" inspections (100 for M);
//! - the other plans sharing the remaining inspections; every inspection
//!   other than the first has ~100 answers (some with a Vietnamese note) and
//!   one finding;
//! - one periodic report with every figure filled (the report tests' sample).
//!
//! L keeps adding such inspections until the store's quota refuses a write.
#![allow(dead_code)]

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::rc::Rc;

use chrono::{Duration, NaiveDate};
use kiemtra::domain::answer::{Answer, AnswerKey, ItemStatus};
use kiemtra::domain::catalog::{FindingKind, UnitLevel};
use kiemtra::domain::clock::{Clock, FixedClock};
use kiemtra::domain::ids::{ChecklistRunId, InspectionId, PlanId, ReportId, SeqIds, TemplateId};
use kiemtra::domain::inspection::Decision;
use kiemtra::domain::plan::{InspectedUnit, IssuingBody, Plan, PlanKind};
use kiemtra::domain::team::{Member, Team};
use kiemtra::domain::template::{AnswerType, Group, Item, Template, TemplateKind};
use kiemtra::domain::text::{DocNumber, Text};
use kiemtra::domain::workdays::DateRange;
use kiemtra::domain::workspace::Workspace;
use kiemtra::persist::{ChangeKey, ReportRecord, TemplateFamily, WorkspaceStore};
use kiemtra::storage::{MemoryKv, StorageError};

/// Legal basis written on every synthetic item.
pub const BENCH_BASIS: &str = "Dữ liệu đo hiệu năng (không phải nội dung pháp lý)";
/// Id of the synthetic template.
pub const BENCH_TEMPLATE: &str = "bench-500";
/// Items of the synthetic template.
pub const BENCH_ITEMS: usize = 500;
/// Code of its only group.
pub const BENCH_GROUP: &str = "A";
/// Name of the unit whose checklist the benchmark opens.
pub const BENCH_UNIT: &str = "Đơn vị đo hiệu năng (phiếu 500 tiêu chí)";
/// Chromium's localStorage quota per origin, measured: 5,242,880 UTF-16 code
/// units of keys and values, i.e. 10 MiB in `MemoryKv`'s two-bytes-per-unit
/// accounting.
pub const CHROMIUM_QUOTA_BYTES: usize = 10 * 1024 * 1024;

/// Which workspace.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Size {
    /// 5 plans, 20 inspections.
    S,
    /// 50 plans, 500 inspections, ~50,000 answers.
    M,
    /// M, then more inspections until the quota refuses.
    L,
}

impl Size {
    /// Parses `S`, `M` or `L`.
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "S" | "s" => Some(Size::S),
            "M" | "m" => Some(Size::M),
            "L" | "l" => Some(Size::L),
            _ => None,
        }
    }

    /// `S`, `M` or `L`.
    pub fn name(self) -> &'static str {
        match self {
            Size::S => "S",
            Size::M => "M",
            Size::L => "L",
        }
    }

    fn shape(self) -> (usize, usize, usize) {
        // (plans, inspections, inspections of the export plan)
        match self {
            Size::S => (5, 20, 4),
            Size::M | Size::L => (50, 500, 100),
        }
    }
}

/// Answers per filled inspection.
pub const ANSWERS_PER_INSPECTION: usize = 100;

/// What the benchmark needs to know about a generated workspace.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct Meta {
    /// S, M or L.
    pub size: String,
    /// Plans stored.
    pub plans: usize,
    /// Inspections stored.
    pub inspections: usize,
    /// Answers stored, over all inspections.
    pub answers: usize,
    /// localStorage keys.
    pub keys: usize,
    /// UTF-16 code units of keys and values (Chromium's quota unit).
    pub utf16_units: usize,
    /// UTF-8 bytes of keys and values.
    pub utf8_bytes: usize,
    /// The inspection whose 500-item checklist is opened (no answers).
    pub checklist_inspection: String,
    /// Its checklist run.
    pub checklist_run: String,
    /// Key of that inspection in localStorage.
    pub checklist_key: String,
    /// Group code and item codes of the 500-item template.
    pub group: String,
    /// Item codes, in order.
    pub item_codes: Vec<String>,
    /// Item labels (Vietnamese), in order (the floor page uses the same).
    pub item_labels: Vec<String>,
    /// The plan with the export inspections.
    pub export_plan: String,
    /// Its inspections.
    pub export_plan_inspections: usize,
    /// Its title.
    pub export_plan_title: String,
    /// The stored periodic report.
    pub periodic_report: String,
    /// Quota used to stop L (MemoryKv bytes), if any.
    pub quota_bytes: Option<usize>,
}

/// A generated workspace: localStorage entries and what they hold.
pub struct Generated {
    /// Key → value, exactly as stored.
    pub entries: BTreeMap<String, String>,
    /// Summary.
    pub meta: Meta,
}

const PHRASES: [&str; 10] = [
    "hồ sơ, sổ sách và báo cáo của đơn vị được lưu giữ đầy đủ",
    "việc phân công cán bộ theo dõi được ghi rõ bằng văn bản",
    "số liệu tổng hợp khớp với sổ theo dõi của bộ phận một cửa",
    "thời hạn gửi báo cáo định kỳ được đơn vị bảo đảm",
    "kết quả kiểm tra năm trước đã được đơn vị khắc phục",
    "danh mục tài liệu được sắp xếp theo trình tự thời gian",
    "biểu mẫu sử dụng đúng phiên bản đang áp dụng tại đơn vị",
    "cán bộ phụ trách nắm được quy trình tiếp nhận và xử lý",
    "thông tin trên cổng điện tử của đơn vị được cập nhật kịp thời",
    "kinh phí bảo đảm cho công tác được bố trí và quyết toán",
];

const NOTES: [&str; 4] = [
    "Đơn vị đã cung cấp đủ tài liệu, đoàn đã đối chiếu trực tiếp.",
    "Còn thiếu chữ ký của người có thẩm quyền ở một số biên bản.",
    "Đề nghị đơn vị bổ sung sổ theo dõi trước ngày 30/6.",
    "Số liệu báo cáo chênh lệch nhỏ so với sổ, đã ghi nhận.",
];

/// Vietnamese phrases from the project's legal reference, for realistic notes.
const LEGAL_PHRASES: [&str; 101] = [
    "Cục Quản lý xử lý vi phạm hành chính và theo dõi thi hành pháp luật",
    "Cục Kiểm tra văn bản và Quản lý xử lý vi phạm hành chính",
    "sau khi tổ chức chính quyền địa phương hai cấp",
    "Nội dung kiểm tra việc thi hành pháp luật xử lý vi phạm hành chính",
    "Nội dung kiểm tra việc áp dụng pháp luật về xử phạt vi phạm hành chính",
    "Đề cương báo cáo công tác thi hành pháp luật xử lý vi phạm hành chính",
    "các sở, ban, ngành, huyện, thành phố",
    "xây dựng, tiến độ, kết quả thực hiện kế hoạch quản lý công tác thi hành pháp luật về XLVPHC",
    "Công văn, Quyết định, Kế hoạch, Quy chế",
    "Theo dõi chung tình hình thi hành pháp luật về XLVPHC",
    "Công tác tuyên truyền, phổ biến, bồi dưỡng, tập huấn, hướng dẫn kỹ năng, nghiệp vụ",
    "hội thảo, hội nghị, đưa tin, phương tiện thông tin đại chúng, biên soạn tài liệu, sách, sổ tay XLVPHC",
    "số lượng tin, bài, tài liệu, sách, sổ tay, hội nghị",
    "Bố trí nguồn lực, cơ sở vật chất và các điều kiện bảo đảm",
    "tổng số người có thẩm quyền xử phạt theo từng chức danh",
    "Xây dựng, kiện toàn tổ chức bộ máy, biên chế, chuẩn bị các điều kiện cơ sở vật chất bảo đảm cho công tác THPL về XLVPHC",
    "Thực hiện chế độ thống kê, báo cáo về XLVPHC",
    "Công tác kiểm tra, kiểm tra liên ngành việc THPL về XLVPHC",
    "có hay không ban hành kế hoạch kiểm tra",
    "tổng số cuộc kiểm tra, kiểm tra liên ngành",
    "Công tác thanh tra, phối hợp thanh tra việc THPL về XLVPHC",
    "Trách nhiệm của thủ trưởng cơ quan, đơn vị trong tổ chức kiểm tra, thanh tra, phát hiện vi phạm và áp dụng pháp luật về XLVPHC",
    "Kiểm tra việc áp dụng pháp luật về xử phạt vi phạm hành chính",
    "Số vụ vi phạm phát hiện, xử phạt, chuyển truy cứu trách nhiệm hình sự",
    "Thực hiện thủ tục, thẩm quyền lập biên bản vi phạm hành chính",
    "Ban hành quyết định xử phạt vi phạm hành chính",
    "Biện pháp ngăn chặn và bảo đảm xử lý vi phạm hành chính",
    "cưỡng chế thi hành quyết định xử phạt",
    "Sổ theo dõi xử phạt vi phạm hành chính, form code",
    "Tình hình thi hành quyết định xử phạt",
    "Kiểm tra việc áp dụng pháp luật về các biện pháp xử lý hành chính",
    "Số đối tượng bị lập hồ sơ, bị áp dụng biện pháp xử lý hành chính",
    "Thực hiện hồ sơ, thi hành quyết định, áp dụng biện pháp ngăn chặn",
    "Các hành vi vi phạm trong thi hành pháp luật về XLVPHC",
    "Lợi dụng chức vụ, quyền hạn để sách nhiễu, đòi, nhận tiền, tài sản của đối tượng vi phạm",
    "Xử phạt, áp dụng biện pháp khắc phục hậu quả hoặc biện pháp xử lý hành chính không đúng thẩm quyền, thủ tục, đối tượng",
    "Chống đối, cản trở người làm nhiệm vụ kiểm tra",
    "Bàn về nội dung theo dõi tình hình thi hành pháp luật",
    "Tình hình ban hành văn bản quy định chi tiết thi hành văn bản quy phạm pháp luật",
    "Tính kịp thời, đầy đủ của việc ban hành văn bản quy định chi tiết",
    "Tính thống nhất, đồng bộ của văn bản",
    "Tình hình bảo đảm các điều kiện cho thi hành pháp luật",
    "Tính kịp thời, đầy đủ, phù hợp và hiệu quả của hoạt động tập huấn, phổ biến pháp luật",
    "Tính phù hợp của tổ chức bộ máy",
    "mức độ đáp ứng về nguồn nhân lực",
    "Mức độ đáp ứng về kinh phí, cơ sở vật chất",
    "Tính kịp thời, đầy đủ trong việc thi hành pháp luật của các cơ quan nhà nước và người có thẩm quyền",
    "Tính chính xác, thống nhất trong hướng dẫn áp dụng pháp lu",
    "xem xét, đánh giá và xử lý kết quả theo dõi",
    "xem xét, đánh giá tình hình thi hành pháp luật",
    "cấp giấy chứng nhận quyền sử dụng đất và thu hồi đất",
    "bảo vệ môi trường biển và hải đảo",
    "các điều kiện an toàn phòng cháy và chữa cháy",
    "các bộ, ngành và địa phương trên phạm vi cả nước",
    "UBND các cấp kiểm tra việc thực hiện công tác theo dõi THPL của cơ quan chuyên môn cùng cấp và UBND cấp dưới trực tiếp",
    "khó khăn, vướng mắc, chồng chéo, bất cập",
    "các quy định chưa thống nhất, đồng bộ hoặc chưa phù hợp với thực tiễn",
    "sự trùng lặp, chồng chéo về đối tượng được kiểm tra",
    "kịp thời phát hiện những tồn tại, vướng mắc, bất cập",
    "Nhận xét, đánh giá chung về tình hình vi phạm hành chính và xử phạt vi phạm hành chính",
    "Số lượng vụ vi phạm bị phát hiện",
    "Số lượng vụ vi phạm bị xử phạt",
    "Việc áp dụng các hình thức xử phạt và biện pháp khắc phục hậu quả",
    "Biện pháp ngăn chặn và bảo đảm xử phạt vi phạm hành chính",
    "Các loại hành vi vi phạm phổ biến",
    "Tổng số tiền thu từ xử phạt vi phạm hành chính",
    "Số giấy phép, chứng chỉ hành nghề bị tước quyền sử dụng có thời hạn",
    "Số vụ bị đình chỉ hoạt động có thời hạn",
    "Số lượng quyết định xử phạt đã thi hành xong",
    "Số lượng quyết định hoãn, giảm, miễn thi hành phạt tiền",
    "Số lượng quyết định phải cưỡng chế thi hành",
    "Số lượng quyết định bị khiếu nại, khởi kiện",
    "Số lượng đối tượng vi phạm là người chưa thành niên được áp dụng biện pháp thay thế xử lý vi phạm hành chính nhắc nhở",
    "Số lượng hồ sơ có dấu hiệu tội phạm được chuyển để truy cứu trách nhiệm hình sự",
    "Số lượng hồ sơ do cơ quan tiến hành tố tụng hình sự chuyển đến để xử phạt vi phạm hành chính",
    "giáo dục tại xã, phường, thị trấn",
    "lập hồ sơ đề nghị đưa vào trường giáo dưỡng",
    "Công tác thi hành pháp luật về xử lý vi phạm hành chính",
    "Công tác chỉ đạo triển khai thi hành Luật XLVPHC và các văn bản quy định chi tiết",
    "Công tác tuyên truyền, phổ biến, bồi dưỡng, tập huấn, hướng dẫn về kỹ năng, nghiệp vụ",
    "số lượng tin, bài, tài liệu, sách, sổ tay, hội thảo, hội nghị",
    "Công tác kiểm tra, thanh tra việc thi hành pháp luật về XLVPHC",
    "theo quy định của Chính phủ về chế độ báo cáo của cơ quan hành chính nhà nước",
    "bản có chữ ký, họ tên của Thủ trưởng cơ quan báo cáo và đóng dấu phát hành",
    "Trách nhiệm cung cấp, tiếp nhận, cập nhật thông tin",
    "Đính chính, bổ sung, hiệu chỉnh",
    "Thông tin về Quyết định xử phạt vi phạm hành chính",
    "Họ, tên, chức vụ của trưởng đoàn, phó trưởng đoàn và các thành viên",
    "quyền hạn, trách nhiệm của đoàn",
    "trách nhiệm của trưởng đoàn, thành viên",
    "áp dụng pháp luật về biện pháp xử lý hành chính",
    "Giám đốc Sở Tư pháp là Trưởng đoàn",
    "Hạn đơn vị gửi báo cáo theo đề cương",
    "dấu chỉ độ mật, mức độ khẩn, chỉ dẫn phạm vi lưu hành",
    "ký hiệu người soạn thảo và số lượng bản phát hành",
    "địa chỉ, thư điện tử, trang thông tin điện tử, số điện thoại, số Fax",
    "chỉ thị, quy chế, quy định, thông cáo, thông báo, hướng dẫn, chương trình",
    "công điện, bản ghi nhớ, bản thỏa thuận",
    "giấy ủy quyền, giấy mời, giấy giới thiệu, giấy nghỉ phép",
    "phiếu gửi, phiếu chuyển, phiếu báo, thư công",
    "Bộ pháp điển đề mục 42.1 Công tác văn thư",
];

/// Which notes the filled answers carry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Notes {
    /// The four sentences above, repeated (what every figure before
    /// compression was measured with): they flatter any compressor.
    #[default]
    Repeated,
    /// Each note two phrases of the legal reference picked by a fixed
    /// pseudo-random sequence (about 10,000 different notes): closer to a
    /// team's own words, for measuring compression honestly.
    Legal,
}

impl Notes {
    /// `repeated` or `legal`.
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "repeated" => Some(Notes::Repeated),
            "legal" => Some(Notes::Legal),
            _ => None,
        }
    }

    /// The note of answer `n` of inspection `seq`.
    fn note(self, seq: usize, n: usize) -> String {
        match self {
            Notes::Repeated => NOTES[(n / 4) % NOTES.len()].to_string(),
            Notes::Legal => {
                // A fixed LCG step of (seq, n): deterministic, well spread.
                let x = (seq as u64)
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add((n as u64).wrapping_mul(1442695040888963407));
                let x = x ^ (x >> 29);
                let a = LEGAL_PHRASES[(x % LEGAL_PHRASES.len() as u64) as usize];
                let b = LEGAL_PHRASES[((x >> 17) % LEGAL_PHRASES.len() as u64) as usize];
                let mut chars = b.chars();
                let first: String = chars
                    .next()
                    .into_iter()
                    .flat_map(char::to_lowercase)
                    .collect();
                format!("{a}: {first}{}.", chars.as_str())
            }
        }
    }
}

/// Label of item `n` (1-based) of the synthetic template.
pub fn item_label(n: usize) -> String {
    format!(
        "Tiêu chí đo hiệu năng số {n}: {}",
        PHRASES[(n - 1) % PHRASES.len()]
    )
}

/// Code of item `n` (1-based).
pub fn item_code(n: usize) -> String {
    format!("{BENCH_GROUP}.{n}")
}

/// The synthetic 500-item template.
pub fn bench_template() -> Template {
    let items = (1..=BENCH_ITEMS)
        .map(|n| Item {
            code: item_code(n),
            label: Text::new(item_label(n), format!("Benchmark item {n}")),
            help: None,
            answer: AnswerType::Status,
            required: false,
            legal_basis: BENCH_BASIS.to_string(),
            origin: None,
            sources: Vec::new(),
            show_if: None,
        })
        .collect();
    Template {
        id: TemplateId::new(BENCH_TEMPLATE).expect("valid slug"),
        version: 1,
        kind: TemplateKind::LinhVuc,
        title: Text::new(
            "Phiếu đo hiệu năng (500 tiêu chí, dữ liệu tổng hợp)",
            "Benchmark checklist (500 items, synthetic data)",
        ),
        description: Text::new(
            "Dữ liệu tổng hợp để đo hiệu năng ứng dụng; không phải nội dung pháp lý.",
            "Synthetic data for measuring the app; not legal content.",
        ),
        legal_basis: vec![BENCH_BASIS.to_string()],
        groups: vec![Group {
            code: BENCH_GROUP.to_string(),
            title: Text::new("Nhóm tiêu chí đo hiệu năng", "Benchmark items"),
            repeat: None,
            items,
        }],
    }
}

/// Title of plan `n` (0 holds the benchmark checklist, 1 the export inspections).
pub fn plan_title(n: usize) -> String {
    if n == 0 {
        "Kế hoạch đo hiệu năng (dữ liệu tổng hợp)".to_string()
    } else {
        format!("Kế hoạch kiểm tra công tác thi hành pháp luật về XLVPHC số {n} (dữ liệu tổng hợp)")
    }
}

type Shared = Rc<RefCell<MemoryKv>>;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).expect("valid date")
}

struct Builder {
    store: WorkspaceStore<Shared>,
    ws: Workspace,
    ids: SeqIds,
    clock: FixedClock,
    template: Template,
    answers: usize,
    seq: usize,
    notes: Notes,
}

/// The answers of filled inspection number `seq`: statuses in a fixed
/// pattern, a Vietnamese note on every fourth.
pub fn answers_of(seq: usize, answers: usize) -> Vec<(AnswerKey, Answer)> {
    answers_with_notes(seq, answers, Notes::Repeated)
}

/// [`answers_of`] with the notes of `notes`.
pub fn answers_with_notes(seq: usize, answers: usize, notes: Notes) -> Vec<(AnswerKey, Answer)> {
    (1..=answers)
        .map(|n| {
            let status = match (n + seq) % 5 {
                0..=2 => ItemStatus::Dat,
                3 => ItemStatus::KhongDat,
                _ => ItemStatus::KhongApDung,
            };
            let mut a = Answer::status(status);
            if n % 4 == 0 {
                a.note = notes.note(seq, n);
            }
            (AnswerKey::new(BENCH_GROUP, 0, item_code(n)), a)
        })
        .collect()
}

fn first_khong_dat(seq: usize, answers: usize) -> AnswerKey {
    answers_of(seq, answers)
        .into_iter()
        .find(|(_, a)| a.status == ItemStatus::KhongDat)
        .map(|(k, _)| k)
        .expect("the pattern has a không đạt answer")
}

/// Answers one by one through the domain, as the app does per click.
fn answer(
    ws: &mut Workspace,
    iid: InspectionId,
    run: ChecklistRunId,
    seq: usize,
    answers: usize,
    notes: Notes,
    clock: &FixedClock,
) {
    ws.edit_inspection(iid, |i, lib| {
        for (k, a) in answers_with_notes(seq, answers, notes) {
            i.set_answer(run, k, a, lib, clock)?;
        }
        Ok(())
    })
    .unwrap_or_else(|e| fail("answer", e));
}

fn fail(what: &str, e: impl std::fmt::Debug) -> ! {
    panic!("bench workspace: {what}: {e:?}")
}

impl Builder {
    fn new(kv: Shared, notes: Notes) -> Self {
        let clock = FixedClock::at_vietnam_morning(2021, 6, 1).expect("valid date");
        let (mut store, mut ws, summary) =
            WorkspaceStore::open(kv, kiemtra::APP_VERSION, clock.now());
        assert!(summary.fatal.is_none(), "empty store opens");
        // The built-in templates, as the app writes them at its first start.
        store.flush_now(clock.now());
        let template = bench_template();
        ws.templates_mut()
            .insert(template.clone())
            .unwrap_or_else(|e| fail("bench template", e));
        let mut fam = TemplateFamily {
            id: template.id.clone(),
            versions: vec![template.clone()],
            rev: 0,
        };
        store
            .repo_mut()
            .save(&mut fam, clock.now())
            .unwrap_or_else(|e| fail("save template", e));
        Self {
            store,
            ws,
            ids: SeqIds::new(),
            clock,
            template,
            answers: 0,
            seq: 0,
            notes,
        }
    }

    fn plan(&mut self, n: usize) -> PlanId {
        let mut plan = Plan::new(&mut self.ids, PlanKind::Xlvphc, 2021, &self.clock);
        plan.title = if n == 0 {
            "Kế hoạch đo hiệu năng (dữ liệu tổng hợp)".to_string()
        } else {
            format!(
                "Kế hoạch kiểm tra công tác thi hành pháp luật về XLVPHC số {n} (dữ liệu tổng hợp)"
            )
        };
        plan.number = DocNumber::parse(&format!("{:02}/KH-STP", n + 1)).ok();
        plan.place_name = "Cần Thơ".to_string();
        plan.issuer = IssuingBody {
            upper: "UBND THÀNH PHỐ CẦN THƠ".to_string(),
            lower: "SỞ TƯ PHÁP".to_string(),
        };
        plan.issue_date = Some(d(2021, 2, 1));
        plan.purpose = "Đánh giá tình hình thi hành pháp luật tại các đơn vị (dữ liệu tổng hợp để đo hiệu năng).".to_string();
        plan.template_ids = vec![self.template.id.clone()];
        let mut team = Team::new(&mut self.ids, format!("Đoàn kiểm tra số {}", n + 1));
        team.head = Some(Member::new(
            &mut self.ids,
            "Nguyễn Văn An",
            "Phó Giám đốc Sở Tư pháp",
            "Sở Tư pháp",
        ));
        team.members = vec![Member::new(
            &mut self.ids,
            "Trần Thị Bích",
            "Chuyên viên",
            "Sở Tư pháp",
        )];
        plan.teams = vec![team];
        self.ws
            .add_plan(plan)
            .unwrap_or_else(|e| fail("add plan", e))
    }

    fn save_plan(&mut self, id: PlanId) -> Result<(), StorageError> {
        let mut p = self.ws.plan(id).expect("plan exists").clone();
        self.store
            .repo_mut()
            .save(&mut p, self.clock.now())
            .map(|_| ())?;
        self.ws.put_plan(p);
        Ok(())
    }

    /// Adds an inspection (with its unit) to plan `pid`; `answers` answers.
    fn inspection(&mut self, pid: PlanId, answers: usize) -> (InspectionId, ChecklistRunId) {
        self.seq += 1;
        let seq = self.seq;
        let unit = InspectedUnit {
            id: kiemtra::domain::ids::UnitId::generate(&mut self.ids),
            name: if answers == 0 {
                BENCH_UNIT.to_string()
            } else {
                format!("UBND phường mẫu số {seq} (dữ liệu tổng hợp)")
            },
            level: UnitLevel::XaPhuong,
            address: "Cần Thơ".to_string(),
        };
        let uid = unit.id;
        let mut plan = self.ws.plan(pid).expect("plan exists").clone();
        plan.inspected_units.push(unit);
        let team = plan.teams.first().map(|t| t.id);
        self.ws
            .update_plan(plan, &self.clock)
            .unwrap_or_else(|e| fail("update plan", e));
        let iid = self
            .ws
            .create_inspection(pid, uid, team, &mut self.ids, &self.clock)
            .unwrap_or_else(|e| fail("create inspection", e));
        let tid = self.template.id.clone();
        let run = self
            .ws
            .add_latest_checklist(iid, &tid, &mut self.ids, &self.clock)
            .unwrap_or_else(|e| fail("add checklist", e));
        let clock = self.clock;
        let start = d(2021, 3, 1) + Duration::days((seq % 200) as i64);
        self.ws
            .edit_inspection(iid, |i, _| {
                i.set_decision(
                    Decision {
                        number: DocNumber::parse(&format!("{:02}/QĐ-STP", seq % 999 + 1)).ok(),
                        date: Some(d(2021, 2, 15)),
                        sent_date: Some(d(2021, 2, 16)),
                    },
                    &clock,
                )?;
                i.set_planned(DateRange::new(start, start + Duration::days(2)), &clock)?;
                i.start(start, &clock)
            })
            .unwrap_or_else(|e| fail("schedule inspection", e));
        if answers > 0 {
            answer(&mut self.ws, iid, run, seq, answers, self.notes, &clock);
            let key = first_khong_dat(seq, answers);
            let ids = &mut self.ids;
            self.ws
                .edit_inspection(iid, |i, lib| {
                    i.finding_from_answer(run, &key, FindingKind::HanChe, lib, ids, &clock)
                })
                .unwrap_or_else(|e| fail("finding", e));
        }
        self.answers += answers;
        (iid, run)
    }

    /// Saves an inspection the way the app's autosave does (its record and
    /// its runs' answers records); the first failed write is returned.
    fn save_inspection(&mut self, id: InspectionId) -> Result<(), StorageError> {
        let now = self.clock.now();
        self.store.mark(&self.ws, &ChangeKey::Inspection(id), now);
        let reports = self.store.flush_now(now);
        match reports.into_iter().flat_map(|r| r.failed).next() {
            Some((_, e)) => Err(e),
            None => Ok(()),
        }
    }
}

/// Builds the workspace of `size`. `quota` (MemoryKv bytes) bounds L; the
/// other sizes ignore it.
pub fn generate(size: Size, quota: usize) -> Generated {
    generate_with(size, quota, Notes::Repeated)
}

/// [`generate`] with the answers' notes of `notes`.
pub fn generate_with(size: Size, quota: usize, notes: Notes) -> Generated {
    let kv: Shared = Rc::new(RefCell::new(MemoryKv::new()));
    let mut b = Builder::new(kv.clone(), notes);
    let (n_plans, n_insp, n_export) = size.shape();
    let plans: Vec<PlanId> = (0..n_plans).map(|n| b.plan(n)).collect();
    let (check_insp, check_run) = b.inspection(plans[0], 0);
    for _ in 0..n_export {
        b.inspection(plans[1], ANSWERS_PER_INSPECTION);
    }
    let rest = n_insp - 1 - n_export;
    let others = &plans[2..];
    for k in 0..rest {
        b.inspection(others[k % others.len()], ANSWERS_PER_INSPECTION);
    }
    for p in &plans {
        b.save_plan(*p).unwrap_or_else(|e| fail("save plan", e));
    }
    // One periodic report with every figure filled (the report tests'
    // invented sample data), for the export measurement.
    let report_id = ReportId::generate(&mut b.ids);
    let mut rec = ReportRecord::new(
        report_id,
        crate::report_fixtures::periodic_ninh_kieu_2021(),
        b.clock.now(),
    );
    b.store
        .repo_mut()
        .save(&mut rec, b.clock.now())
        .unwrap_or_else(|e| fail("save report", e));
    let ids: Vec<InspectionId> = b.ws.inspections().map(|i| i.id()).collect();
    for i in ids {
        b.save_inspection(i)
            .unwrap_or_else(|e| fail("save inspection", e));
    }
    let mut quota_bytes = None;
    if size == Size::L {
        kv.borrow_mut().set_quota(Some(quota));
        quota_bytes = Some(quota);
        let mut k = 0usize;
        loop {
            let pid = others[k % others.len()];
            k += 1;
            let (iid, _) = b.inspection(pid, ANSWERS_PER_INSPECTION);
            if b.save_inspection(iid).is_err() {
                // What was written of it (its answers record) goes too.
                let _ = b.store.delete_inspection(iid, b.clock.now());
                b.ws.take_inspection(iid);
                b.answers -= ANSWERS_PER_INSPECTION;
                break;
            }
            if b.save_plan(pid).is_err() {
                let now = b.clock.now();
                let _ = b.store.delete_inspection(iid, now);
                b.ws.take_inspection(iid);
                b.answers -= ANSWERS_PER_INSPECTION;
                break;
            }
        }
        // The plan in memory may hold a unit that was not stored; the
        // stored copy is what counts.
    }
    let entries = kv.borrow().entries().clone();
    let mut inspections = 0;
    let mut plans_n = 0;
    for key in entries.keys() {
        if key.starts_with("kiemtra:inspection:") {
            inspections += 1;
        } else if key.starts_with("kiemtra:plan:") {
            plans_n += 1;
        }
    }
    let meta = Meta {
        size: size.name().to_string(),
        plans: plans_n,
        inspections,
        answers: b.answers,
        keys: entries.len(),
        utf16_units: entries
            .iter()
            .map(|(k, v)| k.encode_utf16().count() + v.encode_utf16().count())
            .sum(),
        utf8_bytes: entries.iter().map(|(k, v)| k.len() + v.len()).sum(),
        checklist_inspection: check_insp.to_string(),
        checklist_run: check_run.to_string(),
        // The record an answer of the opened checklist is written to (its
        // run's answers record since the compact format, issue #14).
        checklist_key: format!("kiemtra:answers:{check_insp}:{check_run}"),
        group: BENCH_GROUP.to_string(),
        item_codes: (1..=BENCH_ITEMS).map(item_code).collect(),
        item_labels: (1..=BENCH_ITEMS).map(item_label).collect(),
        export_plan: plans[1].to_string(),
        export_plan_inspections: n_export,
        export_plan_title: plan_title(1),
        periodic_report: report_id.to_string(),
        quota_bytes,
    };
    Generated { entries, meta }
}
