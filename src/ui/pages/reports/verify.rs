//! "Kiểm tra tệp" ("/bao-cao/kiem-tra-tep"): the user picks a report data
//! file; `report::verify` says whether it is intact (kind, unit, period,
//! hash), altered (expected and actual hash), malformed or of another
//! schema. A signed file's standing (known key, new key, changed key,
//! unsigned, invalid signature) is judged with `report::key_trust` against
//! the keys the reporting rounds of this browser have accepted for its unit.
//! The page also shows how to recompute the hash with jq or Python.

use super::common::fill;
use super::common::{period_line, I18n};
use crate::platform::download::chosen_files;
use crate::report::envelope::ReportContent;
use crate::report::package::{Checked, FileStatus};
use crate::report::verify::Malformed;
use crate::report::{verify, VerifyResult};
use crate::ui::i18n::{t, t_string, use_i18n};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;

/// The command lines of `schema/README.md`.
const JQ_CMD: &str = "jq -cjS .content report.json | sha256sum";
const PY_CMD: &str = "python3 -c 'import json,sys,hashlib; d=json.load(open(sys.argv[1]))[\"content\"]; print(hashlib.sha256(json.dumps(d,sort_keys=True,separators=(\",\",\":\"),ensure_ascii=False).encode()).hexdigest())' report.json";

/// Kind name of a verified file.
pub fn content_kind(i18n: I18n, c: &ReportContent) -> &'static str {
    match c {
        ReportContent::DinhKy(_) => t_string!(i18n, reports.kind_file_dinh_ky),
        ReportContent::KiemTra(_) => t_string!(i18n, reports.kind_file_kiem_tra),
        ReportContent::TongHop(_) => t_string!(i18n, reports.kind_file_tong_hop),
        ReportContent::TheoDoiThpl(_) => t_string!(i18n, reports.kind_file_theo_doi_thpl),
    }
}

/// Why a file is not usable, in one sentence (None when valid).
pub fn problem_text(i18n: I18n, r: &VerifyResult) -> Option<String> {
    Some(match r {
        VerifyResult::Valid { .. } => return None,
        VerifyResult::SignatureInvalid(e) => crate::ui::signing::standing_text(
            i18n,
            &crate::report::key_trust::Standing::Invalid(e.clone()),
        ),
        VerifyResult::HashMismatch { .. } => {
            t_string!(i18n, reports.verify_hash_mismatch).to_string()
        }
        VerifyResult::HeaderMismatch { field } => fill(
            t_string!(i18n, reports.verify_header_mismatch),
            &[("field", (*field).to_string())],
        )
        .to_string(),
        VerifyResult::Malformed(m) => {
            let detail = match m {
                Malformed::TooLarge { .. } => {
                    t_string!(i18n, reports.malformed_too_large).to_string()
                }
                Malformed::NotJson { line, column, .. } => fill(
                    t_string!(i18n, reports.malformed_not_json),
                    &[
                        ("line", (*line).to_string()),
                        ("column", (*column).to_string()),
                    ],
                )
                .to_string(),
                Malformed::NotAnObject => t_string!(i18n, reports.malformed_not_object).to_string(),
                Malformed::BadField(field) => fill(
                    t_string!(i18n, reports.malformed_bad_field),
                    &[("field", (*field).to_string())],
                ),
                Malformed::NonCanonical(_) => {
                    t_string!(i18n, reports.malformed_non_canonical).to_string()
                }
                // The parser's own words are English ("invalid type: integer
                // `2024`, expected struct ReportPeriod"): never shown.
                Malformed::Structure(_) => t_string!(i18n, reports.malformed_structure).to_string(),
            };
            fill(
                t_string!(i18n, reports.verify_malformed),
                &[("detail", (detail).to_string())],
            )
            .to_string()
        }
        VerifyResult::UnknownSchema {
            schema,
            schema_version,
        } => fill(
            t_string!(i18n, reports.verify_unknown_schema),
            &[
                ("schema", (schema.clone()).to_string()),
                ("version", (schema_version.clone()).to_string()),
            ],
        )
        .to_string(),
    })
}

/// The standing of a valid file's signature against the keys accepted for
/// its unit by the reporting rounds kept in this browser.
fn known_standing(envelope: &crate::report::ReportEnvelope) -> crate::report::key_trust::Standing {
    let state = crate::state::AppState::expect();
    let unit = &envelope.reporting_unit.ten;
    let known: Vec<String> = state.rounds.with_untracked(|rounds| {
        rounds
            .values()
            .flat_map(|r| r.round.accepted_keys(unit))
            .map(str::to_owned)
            .collect()
    });
    let known: Vec<&str> = known.iter().map(String::as_str).collect();
    crate::report::key_trust::classify(envelope.signature.as_ref(), &known)
}

/// The result of checking one file.
#[component]
pub fn VerifyResultView(result: VerifyResult) -> impl IntoView {
    let i18n = use_i18n();
    match result {
        VerifyResult::Valid { envelope } => {
            let kind = content_kind(i18n, &envelope.report);
            let unit = envelope.reporting_unit.ten.clone();
            let period = period_line(i18n, &envelope.period);
            let hash = envelope.content_sha256.clone();
            let generated = crate::i18n::format_date_time(envelope.generated_at);
            let standing = known_standing(&envelope);
            let warn = !standing.accepted_without_choice();
            let code = standing.code();
            let signer = crate::ui::signing::standing_text(i18n, &standing);
            let fingerprint = standing.fingerprint().map(|f| {
                view! {
                    <dt>{t!(i18n, signing.key_fingerprint)}</dt>
                    <dd><code class="fingerprint" data-testid="verify-fingerprint" title=f.to_owned()>{crate::report::signature::fingerprint_display(f)}</code></dd>
                }
            });
            view! {
                <div class="verify-result verify-result--ok" role="status" data-testid="verify-valid">
                    <p><strong>{t!(i18n, reports.verify_valid)}</strong></p>
                    <dl>
                        <dt>{t!(i18n, reports.verify_kind)}</dt><dd>{kind}</dd>
                        <dt>{t!(i18n, reports.unit_name)}</dt><dd>{unit}</dd>
                        <dt>{t!(i18n, reports.col_period)}</dt><dd>{period}</dd>
                        <dt>{t!(i18n, reports.verify_generated)}</dt><dd>{generated}</dd>
                        <dt>{t!(i18n, reports.verify_hash)}</dt><dd><code data-testid="verify-hash">{hash}</code></dd>
                        {fingerprint}
                        <dt>{t!(i18n, signing.check_signer)}</dt>
                        <dd class=if warn { "warning" } else { "" } data-testid="verify-signature" data-standing=code>{signer}</dd>
                    </dl>
                </div>
            }
            .into_any()
        }
        VerifyResult::HashMismatch { expected, actual } => view! {
            <div class="verify-result verify-result--bad" role="alert" data-testid="verify-mismatch">
                <p><strong>{t!(i18n, reports.verify_hash_mismatch)}</strong></p>
                <dl>
                    <dt>{t!(i18n, reports.verify_expected)}</dt><dd><code>{expected}</code></dd>
                    <dt>{t!(i18n, reports.verify_actual)}</dt><dd><code>{actual}</code></dd>
                </dl>
            </div>
        }
        .into_any(),
        other => {
            let text = problem_text(i18n, &other).unwrap_or_default();
            view! {
                <div class="verify-result verify-result--bad" role="alert" data-testid="verify-invalid">
                    <p><strong>{text}</strong></p>
                </div>
            }
            .into_any()
        }
    }
}

/// The file check page.
#[component]
pub fn VerifyFile() -> impl IntoView {
    let i18n = use_i18n();
    let result = RwSignal::new(None::<(String, VerifyResult)>);
    let error = RwSignal::new(None::<String>);
    let package = RwSignal::new(None::<Checked>);
    let on_change = move |ev: leptos::ev::Event| {
        let Some(file) = chosen_files(&ev).into_iter().next() else {
            return;
        };
        let name = file.name();
        error.set(None);
        package.set(None);
        result.set(None);
        spawn_local(async move {
            if name.to_lowercase().ends_with(".zip") {
                let bytes = match crate::platform::download::read_file_bytes(file).await {
                    Ok(b) => b,
                    Err(e) => return error.set(Some(e)),
                };
                match crate::report::package::open(&bytes) {
                    Ok(opened) => {
                        let checked = crate::report::package::check(&opened);
                        let text = String::from_utf8_lossy(&opened.report).into_owned();
                        result.set(Some((name, verify(&text))));
                        package.set(Some(checked));
                    }
                    Err(e) => error.set(Some(fill(
                        t_string!(i18n, reports.package_invalid),
                        &[("detail", e.to_string())],
                    ))),
                }
                return;
            }
            match crate::platform::download::read_file_text(file).await {
                Ok(text) => result.set(Some((name, verify(&text)))),
                Err(e) => error.set(Some(e)),
            }
        });
    };
    view! {
        <section class="page" data-testid="page-verify">
            <p><A href="/bao-cao">{t!(i18n, reports.back_to_list)}</A></p>
            <h1>{t!(i18n, reports.verify_title)}</h1>
            <p class="lead">{t!(i18n, reports.verify_lead)}</p>
            <label class="field">
                <span>{t!(i18n, reports.verify_choose)}</span>
                <input type="file" accept=".json,application/json,.zip,application/zip" data-testid="verify-input" on:change=on_change/>
            </label>
            {move || error.get().map(|e| view! { <p class="error-text" role="alert">{e}</p> })}
            {move || result.get().map(|(name, r)| view! {
                <p class="muted">{t!(i18n, reports.verify_file)}": "<code>{name}</code></p>
                <VerifyResultView result=r/>
            })}
            {move || package.get().map(|c| view! { <PackageFilesView checked=c/> })}
            <section class="card">
                <h2>{t!(i18n, reports.verify_howto_title)}</h2>
                <p>{t!(i18n, reports.verify_howto_body)}</p>
                <p><strong>"jq"</strong></p>
                <pre class="cmd" data-testid="cmd-jq"><code>{JQ_CMD}</code></pre>
                <p><strong>"Python 3"</strong></p>
                <pre class="cmd"><code>{PY_CMD}</code></pre>
                <p class="muted small">{t!(i18n, reports.verify_howto_mac)}</p>
            </section>
        </section>
    }
}

/// How one file of a package stands, in words (the file check and the
/// restore of a backup package).
pub fn file_status_text(i18n: I18n, status: &FileStatus) -> String {
    match status {
        FileStatus::Ok => t_string!(i18n, reports.package_file_ok).to_string(),
        FileStatus::Missing => t_string!(i18n, reports.package_file_missing).to_string(),
        FileStatus::Altered { actual } => fill(
            t_string!(i18n, reports.package_file_altered),
            &[("actual", actual.clone())],
        ),
        FileStatus::WrongSize { actual } => fill(
            t_string!(i18n, reports.package_file_wrong_size),
            &[("actual", crate::i18n::format_megabytes(*actual as usize))],
        ),
        FileStatus::BadName => t_string!(i18n, reports.package_file_bad_name).to_string(),
        FileStatus::Unlisted => t_string!(i18n, reports.package_file_unlisted).to_string(),
    }
}

/// The attached files of a package, each with its check.
#[component]
fn PackageFilesView(checked: Checked) -> impl IntoView {
    let i18n = use_i18n();
    let ok = checked.all_ok();
    let report_line = (!checked.report_matches).then(|| {
        view! { <p class="error-text" data-testid="package-report-mismatch">{t!(i18n, reports.package_report_mismatch)}</p> }
    });
    let rows = checked
        .files
        .into_iter()
        .map(|f| {
            let good = f.status.is_ok();
            let status = file_status_text(i18n, &f.status);
            view! {
                <tr data-testid="package-file" data-ok=good.to_string()>
                    <td><code>{f.file}</code></td>
                    <td>{f.caption}</td>
                    <td class=if good { "" } else { "error-text" }>{status}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <section class=if ok { "verify-result verify-result--ok" } else { "verify-result verify-result--bad" }
            data-testid="package-result" data-ok=ok.to_string()>
            <h2>{t!(i18n, reports.package_title)}</h2>
            <p><strong>{if ok { t_string!(i18n, reports.package_all_ok) } else { t_string!(i18n, reports.package_some_bad) }}</strong></p>
            {report_line}
            <table class="table">
                <caption class="sr-only">{t!(i18n, reports.package_title)}</caption>
                <thead><tr>
                    <th scope="col">{t!(i18n, reports.package_col_file)}</th>
                    <th scope="col">{t!(i18n, reports.package_col_caption)}</th>
                    <th scope="col">{t!(i18n, reports.package_col_result)}</th>
                </tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </section>
    }
}
