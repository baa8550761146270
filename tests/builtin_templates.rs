//! Checks the built-in checklist templates (`src/domain/builtin/*.json`)
//! against the JSON contract of `template-format.md`, independently of the
//! typed model: shape, allowed values, unique codes, `show_if` targets, and
//! that every item is sourced and every gap in the sources is stated.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::{HashMap, HashSet};

use kiemtra::domain::builtin::BUILTIN_TEMPLATES;
use serde_json::Value;

const KINDS: &[&str] = &["xlvphc", "theo_doi_thpl", "linh_vuc"];
const ANSWERS: &[&str] = &[
    "status",
    "yes_no",
    "count",
    "money",
    "date",
    "text",
    "documents",
];
const STATUS_CHOICES: &[&str] = &["dat", "khong_dat", "khong_ap_dung"];
const YES_NO_CHOICES: &[&str] = &["yes", "no"];

/// Source tags listed in section (e) of the legal reference.
fn known_source_tag(tag: &str) -> bool {
    if tag == "S28b" {
        return true;
    }
    match tag.strip_prefix('S').and_then(|n| n.parse::<u32>().ok()) {
        Some(n) => n == 1 || n == 2 || (5..=50).contains(&n),
        None => false,
    }
}

fn templates() -> Vec<(&'static str, Value)> {
    BUILTIN_TEMPLATES
        .iter()
        .map(|(id, json)| {
            let value: Value =
                serde_json::from_str(json).unwrap_or_else(|e| panic!("{id}: invalid JSON: {e}"));
            (*id, value)
        })
        .collect()
}

fn template(id: &str) -> Value {
    templates()
        .into_iter()
        .find(|(tid, _)| *tid == id)
        .map(|(_, v)| v)
        .unwrap_or_else(|| panic!("no built-in template {id}"))
}

/// Asserts `v` is a `{"vi": non-empty, "en": non-empty}` text and returns vi.
fn assert_text<'a>(v: &'a Value, ctx: &str) -> &'a str {
    let obj = v.as_object().unwrap_or_else(|| panic!("{ctx}: not a Text"));
    let mut keys: Vec<&str> = obj.keys().map(String::as_str).collect();
    keys.sort_unstable();
    assert_eq!(keys, ["en", "vi"], "{ctx}: Text keys");
    let vi = obj["vi"].as_str().unwrap_or_else(|| panic!("{ctx}: vi"));
    let en = obj["en"].as_str().unwrap_or_else(|| panic!("{ctx}: en"));
    assert!(!vi.trim().is_empty(), "{ctx}: empty vi");
    assert!(!en.trim().is_empty(), "{ctx}: empty en gloss");
    vi
}

fn items(t: &Value) -> impl Iterator<Item = (&Value, &Value)> {
    t["groups"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|g| g["items"].as_array().unwrap().iter().map(move |i| (g, i)))
}

fn codes(t: &Value) -> HashSet<String> {
    items(t)
        .map(|(_, i)| i["code"].as_str().unwrap().to_owned())
        .collect()
}

fn item<'a>(t: &'a Value, code: &str) -> &'a Value {
    items(t)
        .map(|(_, i)| i)
        .find(|i| i["code"] == code)
        .unwrap_or_else(|| panic!("no item {code}"))
}

#[test]
fn every_builtin_has_the_contract_shape() {
    for (id, t) in templates() {
        let obj = t.as_object().unwrap();
        let mut keys: Vec<&str> = obj.keys().map(String::as_str).collect();
        keys.sort_unstable();
        assert_eq!(
            keys,
            [
                "description",
                "groups",
                "id",
                "kind",
                "legal_basis",
                "title",
                "version"
            ],
            "{id}: top-level keys"
        );
        assert!(
            t["version"].as_u64().is_some_and(|v| v >= 1),
            "{id}: version"
        );
        assert!(
            KINDS.contains(&t["kind"].as_str().unwrap()),
            "{id}: kind {}",
            t["kind"]
        );
        assert_text(&t["title"], &format!("{id} title"));
        assert_text(&t["description"], &format!("{id} description"));
        let basis = t["legal_basis"].as_array().unwrap();
        assert!(!basis.is_empty(), "{id}: template legal_basis");
        assert!(basis
            .iter()
            .all(|b| b.as_str().is_some_and(|s| !s.trim().is_empty())));

        let groups = t["groups"].as_array().unwrap();
        assert!(!groups.is_empty(), "{id}: no groups");
        for g in groups {
            let gcode = g["code"].as_str().unwrap();
            assert!(!gcode.is_empty() && gcode.is_ascii(), "{id}: group code");
            assert_text(&g["title"], &format!("{id} group {gcode} title"));
            match &g["repeat"] {
                Value::Null => {}
                r => {
                    assert_text(&r["label"], &format!("{id} group {gcode} repeat label"));
                    assert!(r["max"].as_u64().is_some_and(|m| m >= 1), "{gcode}: max");
                }
            }
            assert!(!g["items"].as_array().unwrap().is_empty(), "{gcode} empty");
        }

        for (_, i) in items(&t) {
            let code = i["code"].as_str().unwrap();
            let ctx = format!("{id} item {code}");
            assert!(!code.is_empty() && code.is_ascii(), "{ctx}: code");
            assert_text(&i["label"], &format!("{ctx} label"));
            if let Some(help) = i.get("help").filter(|h| !h.is_null()) {
                assert_text(help, &format!("{ctx} help"));
            }
            let answer = i["answer"].as_str().unwrap();
            assert!(ANSWERS.contains(&answer), "{ctx}: answer {answer}");
            assert!(i["required"].is_boolean(), "{ctx}: required");
            assert!(
                i["legal_basis"]
                    .as_str()
                    .is_some_and(|s| !s.trim().is_empty()),
                "{ctx}: legal_basis"
            );
            let sources = i["sources"].as_array().unwrap();
            assert!(!sources.is_empty(), "{ctx}: sources");
            for s in sources {
                let tag = s.as_str().unwrap();
                assert!(known_source_tag(tag), "{ctx}: unknown source tag {tag}");
            }
            assert!(i.get("show_if").is_some(), "{ctx}: show_if key");
            let allowed: HashSet<&str> = [
                "code",
                "label",
                "help",
                "answer",
                "required",
                "legal_basis",
                "origin",
                "sources",
                "show_if",
            ]
            .into();
            for k in i.as_object().unwrap().keys() {
                assert!(allowed.contains(k.as_str()), "{ctx}: unexpected key {k}");
            }
        }
    }
}

#[test]
fn ids_match_the_file_names_and_the_embedded_text() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/src/domain/builtin");
    let mut on_disk: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| {
            let name = e.unwrap().file_name().into_string().unwrap();
            name.strip_suffix(".json").map(str::to_owned)
        })
        // citations.json is the list of supported citations, not a template.
        .filter(|n| n != "citations")
        .collect();
    on_disk.sort();
    let mut listed: Vec<String> = BUILTIN_TEMPLATES
        .iter()
        .map(|(id, _)| (*id).to_owned())
        .collect();
    listed.sort();
    assert_eq!(on_disk, listed, "every JSON file is listed exactly once");

    for (id, json) in BUILTIN_TEMPLATES {
        let file = std::fs::read_to_string(format!("{dir}/{id}.json")).unwrap();
        assert_eq!(&file, json, "{id}: embedded text is the file's");
        let t: Value = serde_json::from_str(json).unwrap();
        assert_eq!(t["id"], *id, "{id}: id field");
    }
}

#[test]
fn group_and_item_codes_are_unique_within_each_template() {
    for (id, t) in templates() {
        let mut groups = HashSet::new();
        for g in t["groups"].as_array().unwrap() {
            assert!(
                groups.insert(g["code"].as_str().unwrap()),
                "{id}: dup group"
            );
        }
        let mut seen = HashSet::new();
        for (_, i) in items(&t) {
            let code = i["code"].as_str().unwrap();
            assert!(seen.insert(code), "{id}: duplicate item code {code}");
        }
    }
}

#[test]
fn show_if_targets_a_status_or_yes_no_item_of_the_same_group_with_a_valid_value() {
    let mut follow_ups = 0;
    for (id, t) in templates() {
        for g in t["groups"].as_array().unwrap() {
            let answers: HashMap<&str, &str> = g["items"]
                .as_array()
                .unwrap()
                .iter()
                .map(|i| (i["code"].as_str().unwrap(), i["answer"].as_str().unwrap()))
                .collect();
            for i in g["items"].as_array().unwrap() {
                let cond = &i["show_if"];
                if cond.is_null() {
                    continue;
                }
                follow_ups += 1;
                let code = i["code"].as_str().unwrap();
                let target = cond["item"].as_str().unwrap();
                let equals = cond["equals"].as_str().unwrap();
                assert_ne!(target, code, "{id} {code}: shows itself");
                let target_answer = answers
                    .get(target)
                    .unwrap_or_else(|| panic!("{id} {code}: show_if target {target} not in group"));
                let valid = match *target_answer {
                    "status" => STATUS_CHOICES,
                    "yes_no" => YES_NO_CHOICES,
                    other => panic!("{id} {code}: show_if on a {other} item"),
                };
                assert!(valid.contains(&equals), "{id} {code}: equals {equals}");
            }
        }
    }
    assert!(follow_ups > 0, "the built-ins do use show_if");
}

#[test]
fn legal_bases_use_vietnamese_document_abbreviations() {
    for (id, t) in templates() {
        for (_, i) in items(&t) {
            let basis = i["legal_basis"].as_str().unwrap();
            // "ND 19/2020/ND-CP" instead of "NĐ 19/2020/NĐ-CP" (but "UBND" is fine).
            for word in basis.split(|c: char| c.is_whitespace() || c == ';' || c == '(') {
                let ascii = word.starts_with("ND")
                    || word.starts_with("QD")
                    || word.contains("/ND-")
                    || word.contains("/QD-");
                assert!(!ascii, "{id}: {basis} spells {word} without Đ");
            }
        }
    }
}

#[test]
fn xlvphc_description_says_article_11_and_a_checklist_form_were_not_found() {
    let t = template("xlvphc-nd19-2020");
    let vi = t["description"]["vi"].as_str().unwrap();
    let en = t["description"]["en"].as_str().unwrap();
    assert!(vi.contains("Toàn văn Điều 11 NĐ 19/2020"));
    assert!(vi.contains("chưa được tìm thấy trong nguồn tham khảo"));
    for plan in ["QĐ 542/QĐ-BTP", "QĐ 4843/QĐ-UBND", "đề cương báo cáo"] {
        assert!(vi.contains(plan), "description names {plan}");
    }
    assert!(vi.contains("biên bản vi phạm hành chính") && vi.contains("chưa đầy đủ"));
    assert!(en.contains("Article 11") && en.contains("NOT found"));
    assert!(en.contains("partial"));
}

#[test]
fn xlvphc_template_has_the_three_groups_and_two_repeatable_sample_checklists() {
    let t = template("xlvphc-nd19-2020");
    assert_eq!(t["kind"], "xlvphc");
    let groups: Vec<(&str, bool)> = t["groups"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| (g["code"].as_str().unwrap(), !g["repeat"].is_null()))
        .collect();
    assert_eq!(
        groups,
        [
            ("I", false),
            ("II", false),
            ("II.A", true),
            ("II.B", true),
            ("III", false)
        ]
    );
    let codes = codes(&t);
    for n in 1..=11 {
        assert!(codes.contains(&format!("I.{n}")), "I.{n}");
    }
    for c in ["II.1.a", "II.1.b", "II.1.c"] {
        assert_eq!(item(&t, c)["answer"], "count", "{c}");
    }
    assert_eq!(item(&t, "I.2")["answer"], "documents");
    assert_eq!(item(&t, "II.6.b")["answer"], "money");
    assert_eq!(item(&t, "II.B.14")["answer"], "money");
    for c in ["II.2", "II.3", "II.7", "III.2"] {
        assert_eq!(item(&t, c)["answer"], "status", "{c}");
    }
}

#[test]
fn every_sampled_record_check_has_an_error_description_shown_when_it_fails() {
    let t = template("xlvphc-nd19-2020");
    for g in ["II.A", "II.B"] {
        let group = t["groups"]
            .as_array()
            .unwrap()
            .iter()
            .find(|x| x["code"] == g)
            .unwrap();
        let items = group["items"].as_array().unwrap();
        for status in items.iter().filter(|i| i["answer"] == "status") {
            let code = status["code"].as_str().unwrap();
            let note = items
                .iter()
                .find(|i| i["show_if"]["item"] == code && i["show_if"]["equals"] == "khong_dat")
                .unwrap_or_else(|| panic!("{code} has no error note"));
            assert_eq!(note["answer"], "text");
            assert_eq!(note["label"]["vi"], "Mô tả sai sót");
        }
    }
    // The record checks cite the texts the reference gives for them.
    assert!(item(&t, "II.A.2")["legal_basis"]
        .as_str()
        .unwrap()
        .contains("NĐ 118/2021/NĐ-CP Điều 12"));
    assert!(item(&t, "II.B.8")["legal_basis"]
        .as_str()
        .unwrap()
        .contains("NĐ 93/2025/NĐ-CP"));
}

#[test]
fn thpl_template_has_criteria_1a_to_3b_without_the_unretrieved_3c() {
    let t = template("theo-doi-thpl-nd59-2012");
    assert_eq!(t["kind"], "theo_doi_thpl");
    let codes = codes(&t);
    for c in ["1a", "1b", "1c", "2a", "2b", "2c", "3a", "3b"] {
        assert!(codes.contains(c), "criterion {c}");
    }
    assert!(
        !codes.iter().any(|c| c.starts_with("3c")),
        "3c not retrieved"
    );
    for n in 1..=5 {
        let sub = item(&t, &format!("1c.{n}"));
        assert_eq!(sub["answer"], "status");
        assert!(sub["legal_basis"].as_str().unwrap().contains("TT 14/2014"));
        assert_eq!(sub["sources"][0], "S33");
    }
    assert_eq!(item(&t, "1a.1")["answer"], "documents");
    assert!(item(&t, "3b")["help"]["vi"]
        .as_str()
        .unwrap()
        .contains("bị cắt"));

    let vi = t["description"]["vi"].as_str().unwrap();
    assert!(vi.contains("3c") && vi.contains("chưa được tìm thấy"));
    assert!(vi.contains("TT 04/2021/TT-BTP"));
    let en = t["description"]["en"].as_str().unwrap();
    assert!(en.contains("3c") && en.contains("not retrieved"));
}

#[test]
fn focus_field_template_has_one_group_per_2021_field_each_with_a_difficulties_text() {
    let t = template("linh-vuc-qd49-2021");
    assert_eq!(t["kind"], "linh_vuc");
    let groups = t["groups"].as_array().unwrap();
    let titles: Vec<&str> = groups
        .iter()
        .map(|g| g["title"]["vi"].as_str().unwrap())
        .collect();
    assert_eq!(titles.len(), 3);
    assert!(titles[0].contains("cấp giấy chứng nhận quyền sử dụng đất và thu hồi đất"));
    assert!(titles[1].contains("bảo vệ môi trường biển và hải đảo"));
    assert!(titles[2].contains("các điều kiện an toàn phòng cháy và chữa cháy"));
    for g in groups {
        let items = g["items"].as_array().unwrap();
        assert!(items.iter().any(|i| i["answer"] == "text"
            && i["label"]["vi"]
                .as_str()
                .unwrap()
                .starts_with("Khó khăn, vướng mắc, bất cập")));
        assert!(items
            .iter()
            .all(|i| i["legal_basis"].as_str().unwrap().contains("QĐ")
                || i["legal_basis"].as_str().unwrap().contains("TT 04/2021")));
    }
}

/// `src/domain/builtin/citations.json`: the citations the reference supports.
fn citations() -> Value {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/src/domain/builtin/citations.json"
    );
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn citation_set(c: &Value, key: &str) -> HashMap<String, String> {
    c[key]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            let citation = e["citation"].as_str().unwrap().to_owned();
            let section = e["section"].as_str().unwrap().to_owned();
            assert!(
                !section.trim().is_empty(),
                "{citation}: no reference section"
            );
            (citation, section)
        })
        .collect()
}

#[test]
fn every_binding_citation_is_one_the_reference_supports_and_every_origin_is_listed() {
    let c = citations();
    let binding = citation_set(&c, "binding");
    let origins = citation_set(&c, "origins");
    let none_known = c["none_known"]["citation"].as_str().unwrap();
    assert!(!c["none_known"]["section"].as_str().unwrap().is_empty());
    let mut used: HashSet<String> = HashSet::new();
    for (id, t) in templates() {
        for (_, i) in items(&t) {
            let code = i["code"].as_str().unwrap();
            let basis = i["legal_basis"].as_str().unwrap();
            if basis != none_known {
                for part in basis.split("; ") {
                    assert!(
                        binding.contains_key(part),
                        "{id} {code}: binding citation not supported by the reference: {part}"
                    );
                    used.insert(part.to_owned());
                }
            }
            if let Some(origin) = i.get("origin").and_then(Value::as_str) {
                for part in origin.split("; ") {
                    assert!(
                        origins.contains_key(part),
                        "{id} {code}: unlisted origin: {part}"
                    );
                    assert!(
                        !binding.contains_key(part),
                        "{id} {code}: {part} is both binding and an origin"
                    );
                    used.insert(part.to_owned());
                }
            }
        }
    }
    for c in binding.keys().chain(origins.keys()) {
        assert!(
            used.contains(c),
            "citations.json lists {c}, which no item uses"
        );
    }
}

#[test]
fn items_say_so_when_no_binding_basis_is_known_and_never_cite_the_unfound_article_11_list() {
    let c = citations();
    let none_known = c["none_known"]["citation"].as_str().unwrap();
    let t = template("xlvphc-nd19-2020");
    for (_, i) in items(&t) {
        let code = i["code"].as_str().unwrap();
        let basis = i["legal_basis"].as_str().unwrap();
        for part in basis.split("; ") {
            // Điều 11: only the opening of khoản 1 was found.
            if part.contains("Điều 11") {
                assert!(part.contains("câu mở đầu"), "{code}: {part}");
            }
            // "hành vi N" is a position in the reference's list, not a clause.
            assert!(!part.contains("hành vi "), "{code}: {part}");
        }
        // The plans and outlines the items come from are origins, not law.
        for plan in ["QĐ 542/QĐ-BTP", "QĐ 4843/QĐ-UBND", "Đề cương", "MSTDXP"] {
            assert!(!basis.contains(plan), "{code}: {plan} cited as binding");
        }
    }
    // State management (group I, except the reporting regime) has no known
    // binding text; it says so and shows where it was taken from.
    let i1 = item(&t, "I.1");
    assert_eq!(i1["legal_basis"], none_known);
    assert!(i1["origin"].as_str().unwrap().contains("QĐ 542/QĐ-BTP"));
    assert!(item(&t, "I.7")["legal_basis"]
        .as_str()
        .unwrap()
        .contains("TT 16/2018/TT-BTP"));
}

#[test]
fn article_58_is_cited_only_for_what_a_record_contains() {
    let t = template("xlvphc-nd19-2020");
    for code in ["II.2", "II.2.a", "II.A.10", "II.A.11", "II.A.12"] {
        let basis = item(&t, code)["legal_basis"].as_str().unwrap();
        assert!(!basis.contains("Điều 58"), "{code}: {basis}");
    }
    for code in ["II.A.2", "II.A.7", "II.A.9"] {
        let basis = item(&t, code)["legal_basis"].as_str().unwrap();
        assert!(
            basis.contains("Điều 58 (nội dung biên bản)"),
            "{code}: {basis}"
        );
    }
    let origin = item(&t, "II.A.10")["origin"].as_str().unwrap();
    assert!(origin.contains("thứ tự 6") && origin.contains("không phải số khoản"));
}
