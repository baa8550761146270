//! Labels of the periodic report's fields, by field code (the JSON path used
//! by `report::periodic_checks`). These are the legal terms of NĐ 118/2021
//! Điều 35 khoản 2 and 3 as listed in the legal reference (B1, B2), with the
//! reference's English glosses; they are legal data, not UI wording, so they
//! live here as one table rather than in the locale files. One table serves
//! the editor, the completeness list, the consistency messages and the print.

/// One label in both languages.
type Pair = (&'static str, &'static str);

/// Labels of the codes that are not inside a repeated sub-structure.
const BASE: &[(&str, Pair)] = &[
    ("don_vi_bao_cao.ten", ("Tên cơ quan, đơn vị báo cáo", "Reporting unit")),
    (
        "don_vi_bao_cao.co_quan_chu_quan",
        ("Cơ quan chủ quản", "Managing body"),
    ),
    ("so_ky_hieu", ("Số, ký hiệu báo cáo", "Report number and code")),
    (
        "nguoi_ky.tham_quyen",
        ("Thẩm quyền ký (ví dụ: TM. ỦY BAN NHÂN DÂN)", "Signing authority (e.g. TM. ỦY BAN NHÂN DÂN)"),
    ),
    ("nguoi_ky.chuc_vu", ("Chức vụ người ký", "Signer's position")),
    ("nguoi_ky.ho_ten", ("Họ và tên người ký", "Signer's name")),
    (
        "noi_nhan",
        ("Nơi nhận (mỗi dòng một nơi; “Lưu: VT.” được thêm khi in)", "Recipients (one per line; “Lưu: VT.” is added when printed)"),
    ),
    ("ky_bao_cao.loai", ("Loại kỳ báo cáo", "Kind of period")),
    ("ky_bao_cao.tu_ngay", ("Từ ngày (chốt số liệu)", "Data from")),
    ("ky_bao_cao.den_ngay", ("Đến ngày (ngày chốt số liệu)", "Data cutoff")),
    ("che_do_bao_cao", ("Chế độ báo cáo", "Reporting regime")),
    ("cap_bao_cao", ("Cấp báo cáo", "Reporting level")),
    ("han_nop.han_nop", ("Hạn gửi báo cáo", "Due date")),
    (
        "xu_phat.nhan_xet",
        (
            "Nhận xét, đánh giá chung về tình hình vi phạm hành chính và xử phạt vi phạm hành chính",
            "General assessment of violations and sanctions",
        ),
    ),
    (
        "xu_phat.so_vu_phat_hien",
        ("Số lượng vụ vi phạm bị phát hiện", "Violations detected"),
    ),
    (
        "xu_phat.so_vu_bi_xu_phat",
        ("Số lượng vụ vi phạm bị xử phạt", "Violations sanctioned"),
    ),
    (
        "xu_phat.doi_tuong_bi_xu_phat.ca_nhan",
        ("Đối tượng bị xử phạt: cá nhân", "Persons sanctioned: individuals"),
    ),
    (
        "xu_phat.doi_tuong_bi_xu_phat.to_chuc",
        ("Đối tượng bị xử phạt: tổ chức", "Persons sanctioned: organisations"),
    ),
    (
        "xu_phat.hinh_thuc_xu_phat_khac_phuc",
        (
            "Việc áp dụng các hình thức xử phạt và biện pháp khắc phục hậu quả",
            "Sanction forms and remedial measures applied",
        ),
    ),
    (
        "xu_phat.bien_phap_ngan_chan_bao_dam",
        (
            "Biện pháp ngăn chặn và bảo đảm xử phạt vi phạm hành chính",
            "Preventive and securing measures",
        ),
    ),
    (
        "xu_phat.hanh_vi_pho_bien",
        ("Các loại hành vi vi phạm phổ biến", "Common types of violation"),
    ),
    (
        "xu_phat.tong_so_quyet_dinh",
        ("Tổng số quyết định xử phạt", "Total sanction decisions"),
    ),
    (
        "xu_phat.tong_tien_thu_vnd",
        (
            "Tổng số tiền thu từ xử phạt vi phạm hành chính (đồng)",
            "Total money collected from sanctions (đồng)",
        ),
    ),
    (
        "xu_phat.so_gp_cchn_bi_tuoc",
        (
            "Số giấy phép, chứng chỉ hành nghề bị tước quyền sử dụng có thời hạn",
            "Licences and practising certificates suspended",
        ),
    ),
    (
        "xu_phat.so_vu_dinh_chi_hoat_dong",
        (
            "Số vụ bị đình chỉ hoạt động có thời hạn",
            "Cases with activity suspended for a fixed term",
        ),
    ),
    (
        "xu_phat.so_qd_da_thi_hanh_xong",
        (
            "Số lượng quyết định xử phạt đã thi hành xong",
            "Decisions fully executed",
        ),
    ),
    (
        "xu_phat.so_qd_hoan_giam_mien_phat_tien",
        (
            "Số lượng quyết định hoãn, giảm, miễn thi hành phạt tiền",
            "Decisions with the fine postponed, reduced or exempted",
        ),
    ),
    (
        "xu_phat.so_qd_phai_cuong_che",
        (
            "Số lượng quyết định phải cưỡng chế thi hành",
            "Decisions requiring coercive enforcement",
        ),
    ),
    (
        "xu_phat.so_qd_bi_khieu_nai_khoi_kien",
        (
            "Số lượng quyết định bị khiếu nại, khởi kiện",
            "Decisions challenged by complaint or lawsuit",
        ),
    ),
    (
        "xu_phat.so_nguoi_chua_thanh_nien_nhac_nho",
        (
            "Số lượng đối tượng vi phạm là người chưa thành niên được áp dụng biện pháp thay thế xử lý vi phạm hành chính nhắc nhở",
            "Minors given the substitute measure of a reminder",
        ),
    ),
    (
        "xu_phat.so_ho_so_chuyen_truy_cuu_hinh_su",
        (
            "Số lượng hồ sơ có dấu hiệu tội phạm được chuyển để truy cứu trách nhiệm hình sự",
            "Files with signs of a crime transferred for prosecution",
        ),
    ),
    (
        "xu_phat.so_ho_so_to_tung_chuyen_den_xu_phat",
        (
            "Số lượng hồ sơ do cơ quan tiến hành tố tụng hình sự chuyển đến để xử phạt vi phạm hành chính",
            "Files received from criminal-procedure bodies for sanction",
        ),
    ),
    (
        "xu_phat.kho_khan_vuong_mac",
        ("Khó khăn, vướng mắc", "Difficulties and obstacles"),
    ),
    ("xu_phat.kien_nghi", ("Kiến nghị, đề xuất", "Recommendations")),
    (
        "bien_phap_xlhc.nhan_xet_ap_dung",
        (
            "Đánh giá việc áp dụng giáo dục tại xã, phường, thị trấn và lập hồ sơ đề nghị đưa vào trường giáo dưỡng, cơ sở giáo dục bắt buộc, cơ sở cai nghiện bắt buộc",
            "Assessment of education at commune level and of files proposing the three establishment measures",
        ),
    ),
    (
        "bien_phap_xlhc.so_vu_bi_khieu_nai_khoi_kien",
        ("Số vụ bị khiếu nại, khởi kiện", "Cases challenged by complaint or lawsuit"),
    ),
    (
        "bien_phap_xlhc.nhan_xet_quyet_dinh_toa_an",
        (
            "Đánh giá quyết định của Tòa án nhân dân về việc áp dụng các biện pháp đưa vào trường giáo dưỡng, cơ sở giáo dục bắt buộc, cơ sở cai nghiện bắt buộc",
            "Assessment of the People's Court's decisions on the three measures",
        ),
    ),
    (
        "bien_phap_xlhc.so_nguoi_chua_thanh_nien_quan_ly_tai_gia_dinh",
        (
            "Người chưa thành niên được áp dụng biện pháp thay thế quản lý tại gia đình",
            "Minors under family supervision",
        ),
    ),
    (
        "bien_phap_xlhc.so_nguoi_chua_thanh_nien_giao_duc_cong_dong",
        (
            "Người chưa thành niên được áp dụng biện pháp giáo dục dựa vào cộng đồng",
            "Minors in community-based education",
        ),
    ),
    (
        "bien_phap_xlhc.nhan_xet_thi_hanh_giao_duc_tai_xa",
        (
            "Việc thi hành quyết định giáo dục tại xã, phường, thị trấn",
            "Enforcement of education-at-commune decisions",
        ),
    ),
    (
        "bien_phap_xlhc.so_qd_giao_duc_tai_xa_tam_dinh_chi",
        (
            "Số quyết định giáo dục tại xã, phường, thị trấn bị tạm đình chỉ thi hành",
            "Education-at-commune decisions suspended",
        ),
    ),
    (
        "bien_phap_xlhc.kho_khan_vuong_mac",
        ("Khó khăn, vướng mắc", "Difficulties and obstacles"),
    ),
    ("bien_phap_xlhc.kien_nghi", ("Đề xuất, kiến nghị", "Recommendations")),
];

/// Prefixes of grouped sub-fields: the group's label goes before the
/// sub-field's label.
const GROUPS: &[(&str, Pair)] = &[
    (
        "bien_phap_xlhc.giao_duc_tai_xa",
        (
            "Giáo dục tại xã, phường, thị trấn",
            "Education at commune level",
        ),
    ),
    (
        "bien_phap_xlhc.truong_giao_duong",
        ("Đưa vào trường giáo dưỡng", "Reformatory school"),
    ),
    (
        "bien_phap_xlhc.co_so_giao_duc_bat_buoc",
        (
            "Đưa vào cơ sở giáo dục bắt buộc",
            "Compulsory education establishment",
        ),
    ),
    (
        "bien_phap_xlhc.co_so_cai_nghien_bat_buoc",
        (
            "Đưa vào cơ sở cai nghiện bắt buộc",
            "Compulsory rehabilitation establishment",
        ),
    ),
    (
        "bien_phap_xlhc.thi_hanh_truong_giao_duong_co_so_gdbb",
        (
            "Thi hành quyết định đưa vào trường giáo dưỡng, cơ sở giáo dục bắt buộc",
            "Enforcement: reformatory schools and compulsory education establishments",
        ),
    ),
    (
        "bien_phap_xlhc.thi_hanh_cai_nghien_bat_buoc",
        (
            "Thi hành quyết định đưa vào cơ sở cai nghiện bắt buộc",
            "Enforcement: compulsory rehabilitation establishments",
        ),
    ),
    (
        "xu_phat.hinh_thuc_xu_phat_khac_phuc",
        (
            "Hình thức xử phạt, biện pháp khắc phục hậu quả",
            "Sanction forms and remedial measures",
        ),
    ),
    (
        "xu_phat.bien_phap_ngan_chan_bao_dam",
        (
            "Biện pháp ngăn chặn và bảo đảm xử phạt",
            "Preventive and securing measures",
        ),
    ),
    (
        "xu_phat.hanh_vi_pho_bien",
        ("Hành vi vi phạm phổ biến", "Common violation"),
    ),
];

/// Labels of the last part of a grouped sub-field code.
const SUB: &[(&str, Pair)] = &[
    (
        "so_nguoi_bi_lap_ho_so",
        (
            "số người bị lập hồ sơ đề nghị áp dụng",
            "persons with a file opened",
        ),
    ),
    (
        "so_nguoi_bi_ap_dung",
        ("số người bị áp dụng", "persons subject to it"),
    ),
    ("nhan_xet_thi_hanh", ("nhận xét, đánh giá", "assessment")),
    (
        "so_qd_hoan_mien",
        (
            "số quyết định được hoãn, miễn chấp hành",
            "decisions postponed or exempted",
        ),
    ),
    (
        "so_nguoi_dang_chap_hanh",
        ("số người đang chấp hành", "persons serving"),
    ),
    (
        "so_nguoi_giam_thoi_han",
        ("số người được giảm thời hạn", "persons with a reduced term"),
    ),
    (
        "so_nguoi_tam_dinh_chi_mien_con_lai",
        (
            "số người được tạm đình chỉ hoặc miễn chấp hành phần thời gian còn lại",
            "persons with the remaining term suspended or exempted",
        ),
    ),
    ("mo_ta", ("mô tả", "description")),
    ("chi_tiet.ten", ("tên loại", "type")),
    ("chi_tiet.so_luong", ("số lượng", "count")),
    ("linh_vuc", ("lĩnh vực", "field")),
    ("so_vu", ("số vụ", "cases")),
];

fn pick(p: &Pair, vi: bool) -> &'static str {
    if vi {
        p.0
    } else {
        p.1
    }
}

/// The label of a field code in the chosen language; the code itself when
/// unknown (a newer code would still be named rather than hidden).
pub fn label(code: &str, vi: bool) -> String {
    if let Some((_, p)) = BASE.iter().find(|(c, _)| *c == code) {
        return pick(p, vi).to_string();
    }
    for (prefix, group) in GROUPS {
        if let Some(rest) = code.strip_prefix(prefix).and_then(|r| r.strip_prefix('.')) {
            if let Some((_, sub)) = SUB.iter().find(|(c, _)| *c == rest) {
                return format!("{}: {}", pick(group, vi), pick(sub, vi));
            }
        }
    }
    code.to_string()
}

/// The label with the list position (from 0) when the field is a list entry.
pub fn label_at(code: &str, index: Option<usize>, vi: bool) -> String {
    match index {
        Some(i) => format!("{} (#{})", label(code, vi), i + 1),
        None => label(code, vi),
    }
}
