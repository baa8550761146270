//! Plain-language wording of template kinds, answer types, import errors and
//! validation problems (the domain keeps them as data).

use crate::domain::template::{AnswerType, ImportError, ShowIfValue, TemplateError, TemplateKind};
use crate::ui::i18n::{t_string, Locale};
use crate::ui::pages::settings::backup_file::format_bytes as format_size;
use crate::ui::pages::settings::fill;

/// The i18n context, for helpers that word messages outside a view.
pub type Ctx = leptos_i18n::I18nContext<Locale>;

/// What a template is for.
pub fn kind_text(i18n: Ctx, k: TemplateKind) -> String {
    match k {
        TemplateKind::Xlvphc => t_string!(i18n, templates.kind_xlvphc),
        TemplateKind::TheoDoiThpl => t_string!(i18n, templates.kind_thpl),
        TemplateKind::LinhVuc => t_string!(i18n, templates.kind_linh_vuc),
    }
    .to_string()
}

/// Every answer type, in menu order.
pub const ANSWER_TYPES: [AnswerType; 7] = [
    AnswerType::Status,
    AnswerType::YesNo,
    AnswerType::Count,
    AnswerType::Money,
    AnswerType::Date,
    AnswerType::Text,
    AnswerType::Documents,
];

/// Stable token of an answer type (select values).
pub fn answer_token(a: AnswerType) -> &'static str {
    match a {
        AnswerType::Status => "status",
        AnswerType::YesNo => "yes_no",
        AnswerType::Count => "count",
        AnswerType::Money => "money",
        AnswerType::Date => "date",
        AnswerType::Text => "text",
        AnswerType::Documents => "documents",
    }
}

/// An answer type in words.
pub fn answer_text(i18n: Ctx, a: AnswerType) -> String {
    match a {
        AnswerType::Status => t_string!(i18n, templates.answer_status),
        AnswerType::YesNo => t_string!(i18n, templates.answer_yes_no),
        AnswerType::Count => t_string!(i18n, templates.answer_count),
        AnswerType::Money => t_string!(i18n, templates.answer_money),
        AnswerType::Date => t_string!(i18n, templates.answer_date),
        AnswerType::Text => t_string!(i18n, templates.answer_text),
        AnswerType::Documents => t_string!(i18n, templates.answer_documents),
    }
    .to_string()
}

/// Every show-if value, in menu order.
pub const SHOW_IF_VALUES: [ShowIfValue; 5] = [
    ShowIfValue::Dat,
    ShowIfValue::KhongDat,
    ShowIfValue::KhongApDung,
    ShowIfValue::Yes,
    ShowIfValue::No,
];

/// Stable token of a show-if value.
pub fn show_if_token(v: ShowIfValue) -> &'static str {
    match v {
        ShowIfValue::Dat => "dat",
        ShowIfValue::KhongDat => "khong_dat",
        ShowIfValue::KhongApDung => "khong_ap_dung",
        ShowIfValue::Yes => "yes",
        ShowIfValue::No => "no",
    }
}

/// A show-if value in words.
pub fn show_if_text(i18n: Ctx, v: ShowIfValue) -> String {
    match v {
        ShowIfValue::Dat => t_string!(i18n, templates.value_dat),
        ShowIfValue::KhongDat => t_string!(i18n, templates.value_khong_dat),
        ShowIfValue::KhongApDung => t_string!(i18n, templates.value_khong_ap_dung),
        ShowIfValue::Yes => t_string!(i18n, templates.value_yes),
        ShowIfValue::No => t_string!(i18n, templates.value_no),
    }
    .to_string()
}

fn lang_of(i18n: Ctx) -> crate::i18n::Lang {
    match i18n.get_locale_untracked() {
        Locale::en => crate::i18n::Lang::En,
        _ => crate::i18n::Lang::Vi,
    }
}

/// Why an import failed, in plain words (nothing was changed).
pub fn import_error_text(i18n: Ctx, e: &ImportError) -> String {
    match e {
        ImportError::TooLarge { bytes, max } => fill(
            t_string!(i18n, templates.imp_too_large),
            &[
                ("size", format_size(*bytes as u64, lang_of(i18n))),
                ("max", format_size(*max as u64, lang_of(i18n))),
            ],
        )
        .to_string(),
        ImportError::TooDeep { max } => fill(
            t_string!(i18n, templates.imp_too_deep),
            &[("max", (*max).to_string())],
        )
        .to_string(),
        ImportError::ArrayTooLong { max } => fill(
            t_string!(i18n, templates.imp_array_too_long),
            &[("max", (*max).to_string())],
        )
        .to_string(),
        ImportError::StringTooLong { max } => fill(
            t_string!(i18n, templates.imp_string_too_long),
            &[("max", (*max).to_string())],
        )
        .to_string(),
        ImportError::TooManyItems { count, max } => fill(
            t_string!(i18n, templates.imp_too_many_items),
            &[("n", (*count).to_string()), ("max", (*max).to_string())],
        )
        .to_string(),
        ImportError::Malformed { line, column } => fill(
            t_string!(i18n, templates.imp_malformed),
            &[
                ("line", (*line).to_string()),
                ("column", (*column).to_string()),
            ],
        )
        .to_string(),
        ImportError::WrongShape { .. } => t_string!(i18n, templates.imp_wrong_shape).to_string(),
        ImportError::Invalid { errors } => {
            let list: Vec<String> = errors
                .iter()
                .map(|e| template_error_text(i18n, e))
                .collect();
            fill(
                t_string!(i18n, templates.imp_invalid),
                &[("list", (list.join("; ")).to_string())],
            )
            .to_string()
        }
        ImportError::IdClash { id, latest_version } => fill(
            t_string!(i18n, templates.imp_id_clash),
            &[
                ("id", (id.as_str().to_string()).to_string()),
                ("version", (*latest_version).to_string()),
            ],
        )
        .to_string(),
        ImportError::VersionOverflow => t_string!(i18n, templates.imp_overflow).to_string(),
    }
}

/// Where a problem is, in words (`item:1.2/label` → "tiêu chí 1.2 (nội dung)").
fn place_text(i18n: Ctx, at: &str) -> String {
    let (what, field) = at.split_once('/').unwrap_or((at, ""));
    let field_text = match field {
        "title" => t_string!(i18n, templates.at_title),
        "label" => t_string!(i18n, templates.at_label),
        "help" => t_string!(i18n, templates.at_help),
        "repeat.label" => t_string!(i18n, templates.at_repeat_label),
        _ => "",
    };
    let base = if let Some(code) = what.strip_prefix("group:") {
        fill(
            t_string!(i18n, templates.at_group),
            &[("code", (code.to_string()).to_string())],
        )
        .to_string()
    } else if let Some(code) = what.strip_prefix("item:") {
        fill(
            t_string!(i18n, templates.at_item),
            &[("code", (code.to_string()).to_string())],
        )
        .to_string()
    } else {
        match what {
            "title" => t_string!(i18n, templates.at_template_title).to_string(),
            "description" => t_string!(i18n, templates.at_description).to_string(),
            "legal_basis" => t_string!(i18n, templates.at_legal_basis).to_string(),
            other => other.to_string(),
        }
    };
    if field_text.is_empty() {
        base
    } else {
        format!("{base} ({field_text})")
    }
}

/// A validation problem in plain words.
pub fn template_error_text(i18n: Ctx, e: &TemplateError) -> String {
    match e {
        TemplateError::VersionZero => t_string!(i18n, templates.err_version_zero).to_string(),
        TemplateError::EmptyText { at } => fill(
            t_string!(i18n, templates.err_empty_text),
            &[("at", (place_text(i18n, at)).to_string())],
        )
        .to_string(),
        TemplateError::ControlCharacter { at } => fill(
            t_string!(i18n, templates.err_control),
            &[("at", (place_text(i18n, at)).to_string())],
        )
        .to_string(),
        TemplateError::MissingTemplateLegalBasis => {
            t_string!(i18n, templates.err_no_template_basis).to_string()
        }
        TemplateError::MissingItemLegalBasis { item } => fill(
            t_string!(i18n, templates.err_no_item_basis),
            &[("code", (item.clone()).to_string())],
        )
        .to_string(),
        TemplateError::NoGroups => t_string!(i18n, templates.err_no_groups).to_string(),
        TemplateError::EmptyGroup { group } => fill(
            t_string!(i18n, templates.err_empty_group),
            &[("code", (group.clone()).to_string())],
        )
        .to_string(),
        TemplateError::InvalidCode { code } => fill(
            t_string!(i18n, templates.err_invalid_code),
            &[("code", (code.clone()).to_string())],
        )
        .to_string(),
        TemplateError::DuplicateGroupCode { code } => fill(
            t_string!(i18n, templates.err_dup_group),
            &[("code", (code.clone()).to_string())],
        )
        .to_string(),
        TemplateError::DuplicateItemCode { code } => fill(
            t_string!(i18n, templates.err_dup_item),
            &[("code", (code.clone()).to_string())],
        )
        .to_string(),
        TemplateError::ShowIfUnknownItem { item, target } => fill(
            t_string!(i18n, templates.err_show_if_unknown),
            &[
                ("code", (item.clone()).to_string()),
                ("target", (target.clone()).to_string()),
            ],
        )
        .to_string(),
        TemplateError::ShowIfOtherGroup { item, target, .. } => fill(
            t_string!(i18n, templates.err_show_if_other_group),
            &[
                ("code", (item.clone()).to_string()),
                ("target", (target.clone()).to_string()),
            ],
        )
        .to_string(),
        TemplateError::ShowIfSelf { item } => fill(
            t_string!(i18n, templates.err_show_if_self),
            &[("code", (item.clone()).to_string())],
        )
        .to_string(),
        TemplateError::ShowIfIncompatible { item, target, .. } => fill(
            t_string!(i18n, templates.err_show_if_incompatible),
            &[
                ("code", (item.clone()).to_string()),
                ("target", (target.clone()).to_string()),
            ],
        )
        .to_string(),
        TemplateError::ShowIfCycle { item } => fill(
            t_string!(i18n, templates.err_show_if_cycle),
            &[("code", (item.clone()).to_string())],
        )
        .to_string(),
        TemplateError::RepeatMaxOutOfRange { group, max } => fill(
            t_string!(i18n, templates.err_repeat_max),
            &[
                ("code", (group.clone()).to_string()),
                ("max", (*max).to_string()),
                (
                    "limit",
                    (crate::domain::template::REPEAT_MAX_LIMIT).to_string(),
                ),
            ],
        )
        .to_string(),
    }
}
