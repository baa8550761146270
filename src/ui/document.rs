//! Lays out an [`OfficialDocument`] (built by `report::document_build`) in
//! the NĐ 30/2020 layout: the header (bodies and number on the left, Quốc
//! hiệu, Tiêu ngữ and the place-and-date line on the right), type and
//! summary, căn cứ, body blocks, and the footer (Nơi nhận on the left level
//! with the signer block on the right). Pages that add their own body (tables
//! of statistics, checklist results) use [`DocHeader`] and [`DocFooter`].
//! The text is the document's own, always Vietnamese (`lang="vi"`).

use crate::report::document::{Block, OfficialDocument, NOI_NHAN, QUOC_HIEU, TIEU_NGU};
use leptos::prelude::*;

/// Header, type and summary, and căn cứ.
#[component]
pub fn DocHeader(doc: OfficialDocument) -> impl IntoView {
    let number = format!("Số: {}", doc.so_ky_hieu);
    view! {
        <header class="doc-header" data-testid="doc-header">
            <div class="doc-issuer">
                {(!doc.co_quan_chu_quan.trim().is_empty()).then(|| view! {
                    <div class="doc-issuer-upper">{doc.co_quan_chu_quan.clone()}</div>
                })}
                <div class="doc-issuer-lower doc-bold">{doc.co_quan_ban_hanh.clone()}</div>
                <div class="doc-rule" aria-hidden="true"></div>
                <div class="doc-number" data-testid="doc-number">{number}</div>
            </div>
            <div class="doc-motto">
                <div class="doc-quoc-hieu doc-bold" data-testid="quoc-hieu">{QUOC_HIEU}</div>
                <div class="doc-tieu-ngu doc-bold" data-testid="tieu-ngu">{TIEU_NGU}</div>
                <div class="doc-rule" aria-hidden="true"></div>
                <div class="doc-date doc-italic" data-testid="doc-date">{doc.dia_danh_ngay.clone()}</div>
            </div>
        </header>
        {(!doc.ten_loai.trim().is_empty()).then(|| view! { <h1 class="doc-type" data-testid="doc-type">{doc.ten_loai.clone()}</h1> })}
        <p class="doc-summary" data-testid="doc-summary">{doc.trich_yeu.clone()}</p>
        <div class="doc-rule doc-rule--center" aria-hidden="true"></div>
        {(!doc.can_cu.is_empty()).then(|| view! {
            <div class="doc-bases">
                {doc.can_cu.iter().map(|c| view! { <p>{c.clone()}</p> }).collect_view()}
            </div>
        })}
    }
}

/// The body blocks.
#[component]
pub fn DocBody(blocks: Vec<Block>) -> impl IntoView {
    blocks
        .into_iter()
        .map(|b| match b {
            Block::Heading(s) => view! { <h2 class="doc-heading">{s}</h2> }.into_any(),
            Block::Paragraph(s) => view! { <p class="doc-text">{s}</p> }.into_any(),
            Block::Item(s) => view! { <p class="doc-text doc-item">"- "{s}</p> }.into_any(),
            Block::Table { header, rows } => view! {
                <table class="doc-table">
                    <thead><tr>{header.into_iter().map(|h| view! { <th scope="col">{h}</th> }).collect_view()}</tr></thead>
                    <tbody>
                        {rows.into_iter().map(|r| view! {
                            <tr>{r.into_iter().map(|c| view! { <td>{c}</td> }).collect_view()}</tr>
                        }).collect_view()}
                    </tbody>
                </table>
            }
            .into_any(),
        })
        .collect_view()
}

/// Nơi nhận (left) and the signer block (right).
#[component]
pub fn DocFooter(doc: OfficialDocument) -> impl IntoView {
    view! {
        <div class="doc-footer-parts">
            <div class="doc-recipients" data-testid="doc-recipients">
                <p class="doc-recipients-title">{NOI_NHAN}</p>
                {doc.noi_nhan.iter().map(|r| view! { <p class="doc-recipient">"- "{r.clone()}</p> }).collect_view()}
            </div>
            <div class="doc-signer" data-testid="doc-signer">
                {doc.chu_ky.tham_quyen.iter().map(|l| view! { <div class="doc-signer-position doc-bold">{l.clone()}</div> }).collect_view()}
                <div class="doc-signature-space" aria-hidden="true"></div>
                <div class="doc-signer-name doc-bold" data-testid="doc-signer-name">{doc.chu_ky.ho_ten.clone()}</div>
            </div>
        </div>
    }
}

/// A whole document; `testid` names the `<article>`.
#[component]
pub fn DocumentView(doc: OfficialDocument, testid: &'static str) -> impl IntoView {
    let blocks = doc.noi_dung.clone();
    view! {
        <article class="doc" data-testid=testid lang="vi">
            <DocHeader doc=doc.clone()/>
            <DocBody blocks=blocks/>
            <DocFooter doc=doc/>
        </article>
    }
}

/// The required parts still missing, named as NĐ 30/2020 names them (shown
/// on screen only, never printed).
#[component]
pub fn MissingParts(doc: OfficialDocument, label: String) -> impl IntoView {
    let missing = doc.missing_parts();
    (!missing.is_empty()).then(|| {
        let names = missing
            .iter()
            .map(|p| p.name_vi())
            .collect::<Vec<_>>()
            .join("; ");
        view! { <p class="warning no-print" data-testid="doc-missing" role="status">{label}" "{names}</p> }
    })
}
