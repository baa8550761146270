//! A small Excel (.xlsx, Office Open XML SpreadsheetML) writer: text and
//! number cells, a bold header style, column widths, a title and a creation
//! date, written in memory as a zip package with stored (uncompressed)
//! parts.
//!
//! Why not rust_xlsxwriter, which the round's workbook used first: with its
//! zip writer and the two deflate compressors it pulls in (zopfli and
//! zlib-rs, which no feature turns off) it made about 190 KB of the
//! Brotli-compressed wasm every first visit downloads (issue #17), for two
//! plain sheets. This writer needs only the `zip` crate without its
//! compressors; the parts are small XML, so storing them uncompressed costs
//! a few kilobytes in a file that is downloaded, not sent over the wire by
//! the app. Strings go to the shared strings table (`t="s"`), the form every
//! reader supports.

use std::collections::{BTreeMap, HashMap};
use std::io::{Cursor, Write};

use chrono::{DateTime, SecondsFormat, Utc};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipWriter};

/// Why a workbook could not be written (only the in-memory zip can fail).
#[derive(Debug, thiserror::Error)]
pub enum XlsxError {
    /// The zip package could not be written.
    #[error("không ghi được tệp Excel: {0}")]
    Zip(String),
}

impl From<zip::result::ZipError> for XlsxError {
    fn from(e: zip::result::ZipError) -> Self {
        XlsxError::Zip(e.to_string())
    }
}

impl From<std::io::Error> for XlsxError {
    fn from(e: std::io::Error) -> Self {
        XlsxError::Zip(e.to_string())
    }
}

#[derive(Debug, Clone)]
enum Cell {
    Text { text: String, bold: bool },
    Number(f64),
}

/// One worksheet: cells by (row, column), both from 0, and column widths.
#[derive(Debug, Clone)]
pub struct Sheet {
    name: String,
    cells: BTreeMap<(u32, u16), Cell>,
    widths: BTreeMap<u16, f64>,
}

impl Sheet {
    /// A text cell.
    pub fn text(&mut self, row: u32, col: u16, text: impl Into<String>) {
        let text = text.into();
        self.cells
            .insert((row, col), Cell::Text { text, bold: false });
    }

    /// A text cell in bold (a header).
    pub fn bold(&mut self, row: u32, col: u16, text: impl Into<String>) {
        let text = text.into();
        self.cells
            .insert((row, col), Cell::Text { text, bold: true });
    }

    /// A number cell (Excel numbers are doubles).
    pub fn number(&mut self, row: u32, col: u16, value: f64) {
        self.cells.insert((row, col), Cell::Number(value));
    }

    /// The width of a column, in characters.
    pub fn width(&mut self, col: u16, chars: f64) {
        self.widths.insert(col, chars);
    }
}

/// A workbook being written.
#[derive(Debug, Clone)]
pub struct Workbook {
    title: String,
    created: DateTime<Utc>,
    sheets: Vec<Sheet>,
}

const MAIN_NS: &str = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const REL_NS: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const PKG_REL_NS: &str = "http://schemas.openxmlformats.org/package/2006/relationships";
const XML_DECL: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";

impl Workbook {
    /// An empty workbook with its title and creation date (document
    /// properties; the date comes from the caller's clock).
    pub fn new(title: &str, created: DateTime<Utc>) -> Self {
        Workbook {
            title: title.to_owned(),
            created,
            sheets: Vec::new(),
        }
    }

    /// Adds a sheet named `name` (at most 31 characters, none of
    /// `[]:*?/\`, as Excel requires: the callers pass fixed names).
    pub fn add_sheet(&mut self, name: &str) -> &mut Sheet {
        self.sheets.push(Sheet {
            name: name.to_owned(),
            cells: BTreeMap::new(),
            widths: BTreeMap::new(),
        });
        let last = self.sheets.len() - 1;
        &mut self.sheets[last]
    }

    /// The .xlsx file. The same workbook gives the same bytes.
    pub fn save(&self) -> Result<Vec<u8>, XlsxError> {
        let mut strings = SharedStrings::default();
        let sheets: Vec<String> = self
            .sheets
            .iter()
            .map(|s| sheet_xml(s, &mut strings))
            .collect();
        let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
        // Stored parts and the zip format's default date (1980-01-01): the
        // bytes depend only on the workbook.
        let options = SimpleFileOptions::default()
            .compression_method(CompressionMethod::Stored)
            .last_modified_time(zip::DateTime::default());
        let mut part = |name: &str, body: &str| -> Result<(), XlsxError> {
            zip.start_file(name, options)?;
            zip.write_all(body.as_bytes())?;
            Ok(())
        };
        part("[Content_Types].xml", &self.content_types())?;
        part("_rels/.rels", &root_rels())?;
        part("docProps/app.xml", &app_xml())?;
        part("docProps/core.xml", &self.core_xml())?;
        part("xl/workbook.xml", &self.workbook_xml())?;
        part("xl/_rels/workbook.xml.rels", &self.workbook_rels())?;
        part("xl/styles.xml", STYLES)?;
        part("xl/sharedStrings.xml", &strings.xml())?;
        for (i, body) in sheets.iter().enumerate() {
            part(&format!("xl/worksheets/sheet{}.xml", i + 1), body)?;
        }
        Ok(zip.finish()?.into_inner())
    }

    fn content_types(&self) -> String {
        let mut x = format!(
            "{XML_DECL}<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">\
<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>\
<Default Extension=\"xml\" ContentType=\"application/xml\"/>\
<Override PartName=\"/docProps/app.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.extended-properties+xml\"/>\
<Override PartName=\"/docProps/core.xml\" ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>\
<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>\
<Override PartName=\"/xl/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/>\
<Override PartName=\"/xl/sharedStrings.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml\"/>"
        );
        for i in 1..=self.sheets.len() {
            x.push_str(&format!(
                "<Override PartName=\"/xl/worksheets/sheet{i}.xml\" \
ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"
            ));
        }
        x.push_str("</Types>");
        x
    }

    fn core_xml(&self) -> String {
        let when = self.created.to_rfc3339_opts(SecondsFormat::Secs, true);
        format!(
            "{XML_DECL}<cp:coreProperties \
xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" \
xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\" \
xmlns:dcmitype=\"http://purl.org/dc/dcmitype/\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">\
<dc:title>{}</dc:title>\
<dcterms:created xsi:type=\"dcterms:W3CDTF\">{when}</dcterms:created>\
<dcterms:modified xsi:type=\"dcterms:W3CDTF\">{when}</dcterms:modified>\
</cp:coreProperties>",
            escape(&self.title)
        )
    }

    fn workbook_xml(&self) -> String {
        let mut x =
            format!("{XML_DECL}<workbook xmlns=\"{MAIN_NS}\" xmlns:r=\"{REL_NS}\"><sheets>");
        for (i, s) in self.sheets.iter().enumerate() {
            x.push_str(&format!(
                "<sheet name=\"{}\" sheetId=\"{}\" r:id=\"rId{}\"/>",
                escape(&s.name),
                i + 1,
                i + 1
            ));
        }
        x.push_str("</sheets></workbook>");
        x
    }

    fn workbook_rels(&self) -> String {
        let n = self.sheets.len();
        let mut x = format!("{XML_DECL}<Relationships xmlns=\"{PKG_REL_NS}\">");
        for i in 1..=n {
            x.push_str(&format!(
                "<Relationship Id=\"rId{i}\" Type=\"{REL_NS}/worksheet\" \
Target=\"worksheets/sheet{i}.xml\"/>"
            ));
        }
        x.push_str(&format!(
            "<Relationship Id=\"rId{}\" Type=\"{REL_NS}/styles\" Target=\"styles.xml\"/>\
<Relationship Id=\"rId{}\" Type=\"{REL_NS}/sharedStrings\" Target=\"sharedStrings.xml\"/>\
</Relationships>",
            n + 1,
            n + 2
        ));
        x
    }
}

fn root_rels() -> String {
    format!(
        "{XML_DECL}<Relationships xmlns=\"{PKG_REL_NS}\">\
<Relationship Id=\"rId1\" Type=\"{REL_NS}/officeDocument\" Target=\"xl/workbook.xml\"/>\
<Relationship Id=\"rId2\" \
Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties\" \
Target=\"docProps/core.xml\"/>\
<Relationship Id=\"rId3\" Type=\"{REL_NS}/extended-properties\" Target=\"docProps/app.xml\"/>\
</Relationships>"
    )
}

fn app_xml() -> String {
    format!(
        "{XML_DECL}<Properties \
xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\">\
<Application>KiemTra</Application></Properties>"
    )
}

/// Style 0 is the default, style 1 bold.
const STYLES: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
<styleSheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">\
<fonts count=\"2\"><font><sz val=\"11\"/><name val=\"Calibri\"/><family val=\"2\"/></font>\
<font><b/><sz val=\"11\"/><name val=\"Calibri\"/><family val=\"2\"/></font></fonts>\
<fills count=\"2\"><fill><patternFill patternType=\"none\"/></fill>\
<fill><patternFill patternType=\"gray125\"/></fill></fills>\
<borders count=\"1\"><border><left/><right/><top/><bottom/><diagonal/></border></borders>\
<cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/></cellStyleXfs>\
<cellXfs count=\"2\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\"/>\
<xf numFmtId=\"0\" fontId=\"1\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyFont=\"1\"/></cellXfs>\
<cellStyles count=\"1\"><cellStyle name=\"Normal\" xfId=\"0\" builtinId=\"0\"/></cellStyles>\
</styleSheet>";

/// The shared strings table: each distinct text once, in first use order.
#[derive(Default)]
struct SharedStrings {
    list: Vec<String>,
    index: HashMap<String, usize>,
    uses: usize,
}

impl SharedStrings {
    fn id(&mut self, text: &str) -> usize {
        self.uses += 1;
        if let Some(&i) = self.index.get(text) {
            return i;
        }
        self.list.push(text.to_owned());
        self.index.insert(text.to_owned(), self.list.len() - 1);
        self.list.len() - 1
    }

    fn xml(&self) -> String {
        let mut x = format!(
            "{XML_DECL}<sst xmlns=\"{MAIN_NS}\" count=\"{}\" uniqueCount=\"{}\">",
            self.uses,
            self.list.len()
        );
        for s in &self.list {
            // Leading or trailing spaces are kept only when marked so.
            if s.trim() != s {
                x.push_str("<si><t xml:space=\"preserve\">");
            } else {
                x.push_str("<si><t>");
            }
            x.push_str(&escape(s));
            x.push_str("</t></si>");
        }
        x.push_str("</sst>");
        x
    }
}

fn sheet_xml(sheet: &Sheet, strings: &mut SharedStrings) -> String {
    let mut x = format!("{XML_DECL}<worksheet xmlns=\"{MAIN_NS}\" xmlns:r=\"{REL_NS}\">");
    if !sheet.widths.is_empty() {
        x.push_str("<cols>");
        for (c, w) in &sheet.widths {
            let n = u32::from(*c) + 1;
            x.push_str(&format!(
                "<col min=\"{n}\" max=\"{n}\" width=\"{w}\" customWidth=\"1\"/>"
            ));
        }
        x.push_str("</cols>");
    }
    x.push_str("<sheetData>");
    let mut open_row: Option<u32> = None;
    for ((r, c), cell) in &sheet.cells {
        if open_row != Some(*r) {
            if open_row.is_some() {
                x.push_str("</row>");
            }
            x.push_str(&format!("<row r=\"{}\">", r + 1));
            open_row = Some(*r);
        }
        let at = cell_ref(*r, *c);
        match cell {
            Cell::Text { text, bold } => {
                let style = if *bold { " s=\"1\"" } else { "" };
                let id = strings.id(text);
                x.push_str(&format!("<c r=\"{at}\"{style} t=\"s\"><v>{id}</v></c>"));
            }
            // `Display` of an f64 never uses an exponent: "3", "1234567.5".
            Cell::Number(n) => x.push_str(&format!("<c r=\"{at}\"><v>{n}</v></c>")),
        }
    }
    if open_row.is_some() {
        x.push_str("</row>");
    }
    x.push_str("</sheetData></worksheet>");
    x
}

/// "A1"-style reference of a cell (row and column from 0).
pub fn cell_ref(row: u32, col: u16) -> String {
    let mut letters = Vec::new();
    let mut n = u32::from(col) + 1;
    while n > 0 {
        let rem = (n - 1) % 26;
        letters.push(char::from(b'A' + u8::try_from(rem).unwrap_or(0)));
        n = (n - 1) / 26;
    }
    letters.iter().rev().collect::<String>() + &(row + 1).to_string()
}

/// Text escaped for XML content and attributes; characters XML 1.0 cannot
/// hold (control characters other than tab and line breaks) are left out, so
/// a unit name pasted with one still gives a file every reader opens.
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for ch in s.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\t' | '\n' | '\r' => out.push(ch),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}
