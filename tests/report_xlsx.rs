//! The small .xlsx writer (report::xlsx): a zip package whose parts are the
//! XML an Excel reader expects, strings in the shared strings table (once
//! each), numbers as numbers, a bold style for headers, text that XML
//! cannot hold left out rather than breaking the file. Cells are read back
//! by an independent reader (exceljs) in the end-to-end round test.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::{Cursor, Read};

use chrono::{TimeZone, Utc};
use kiemtra::report::xlsx::{cell_ref, Workbook};

fn part(bytes: &[u8], name: &str) -> String {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    let mut f = zip.by_name(name).unwrap();
    let mut s = String::new();
    f.read_to_string(&mut s).unwrap();
    s
}

fn names(bytes: &[u8]) -> Vec<String> {
    let zip = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    zip.file_names().map(|n| n.unwrap().into_owned()).collect()
}

#[test]
fn cell_references_are_excel_a1_names() {
    assert_eq!(cell_ref(0, 0), "A1");
    assert_eq!(cell_ref(9, 25), "Z10");
    assert_eq!(cell_ref(0, 26), "AA1");
    assert_eq!(cell_ref(1, 27), "AB2");
    assert_eq!(cell_ref(0, 701), "ZZ1");
    assert_eq!(cell_ref(0, 702), "AAA1");
}

#[test]
fn a_workbook_has_every_part_and_its_cells() {
    let now = Utc.with_ymd_and_hms(2021, 12, 22, 3, 0, 0).unwrap();
    let mut wb = Workbook::new("Báo cáo <năm> & \"2021\"", now);
    let s = wb.add_sheet("Tình hình");
    s.bold(0, 0, "Đơn vị");
    s.text(1, 0, "Sở Tài chính");
    s.number(1, 2, 3.0);
    s.number(2, 2, 1_234_567.0);
    s.text(2, 0, "Sở Tài chính");
    s.width(0, 40.0);
    let f = wb.add_sheet("Số liệu");
    f.text(0, 27, " lề ");
    let bytes = wb.save().unwrap();

    let mut got = names(&bytes);
    got.sort();
    assert_eq!(
        got,
        [
            "[Content_Types].xml",
            "_rels/.rels",
            "docProps/app.xml",
            "docProps/core.xml",
            "xl/_rels/workbook.xml.rels",
            "xl/sharedStrings.xml",
            "xl/styles.xml",
            "xl/workbook.xml",
            "xl/worksheets/sheet1.xml",
            "xl/worksheets/sheet2.xml",
        ]
    );
    let book = part(&bytes, "xl/workbook.xml");
    assert!(book.contains("<sheet name=\"Tình hình\" sheetId=\"1\" r:id=\"rId1\"/>"));
    assert!(book.contains("<sheet name=\"Số liệu\" sheetId=\"2\" r:id=\"rId2\"/>"));
    let core = part(&bytes, "docProps/core.xml");
    assert!(core.contains("<dc:title>Báo cáo &lt;năm&gt; &amp; &quot;2021&quot;</dc:title>"));
    assert!(core.contains(">2021-12-22T03:00:00Z</dcterms:created>"));

    // Each text once in the table, in first use order; used three times.
    let sst = part(&bytes, "xl/sharedStrings.xml");
    assert!(sst.contains("count=\"4\" uniqueCount=\"3\""), "{sst}");
    assert!(sst.contains(
        "<si><t>Đơn vị</t></si><si><t>Sở Tài chính</t></si><si><t xml:space=\"preserve\"> lề </t></si>"
    ));
    let sheet = part(&bytes, "xl/worksheets/sheet1.xml");
    assert!(
        sheet.contains("<cols><col min=\"1\" max=\"1\" width=\"40\" customWidth=\"1\"/></cols>")
    );
    assert!(
        sheet.contains(
            "<row r=\"1\"><c r=\"A1\" s=\"1\" t=\"s\"><v>0</v></c></row>\
<row r=\"2\"><c r=\"A2\" t=\"s\"><v>1</v></c><c r=\"C2\"><v>3</v></c></row>\
<row r=\"3\"><c r=\"A3\" t=\"s\"><v>1</v></c><c r=\"C3\"><v>1234567</v></c></row>"
        ),
        "{sheet}"
    );
    let second = part(&bytes, "xl/worksheets/sheet2.xml");
    assert!(
        second.contains("<c r=\"AB1\" t=\"s\"><v>2</v></c>"),
        "{second}"
    );
    assert!(part(&bytes, "xl/styles.xml").contains("<font><b/>"));
}

#[test]
fn text_xml_cannot_hold_is_left_out_and_markup_is_escaped() {
    let now = Utc.with_ymd_and_hms(2021, 12, 22, 3, 0, 0).unwrap();
    let mut wb = Workbook::new("x", now);
    wb.add_sheet("A")
        .text(0, 0, "Phòng\u{0}\u{1b} <Tư pháp> & \"Nội vụ\"\tx");
    let sst = part(&wb.save().unwrap(), "xl/sharedStrings.xml");
    assert!(
        sst.contains("<t>Phòng &lt;Tư pháp&gt; &amp; &quot;Nội vụ&quot;\tx</t>"),
        "{sst}"
    );
}

#[test]
fn the_same_workbook_gives_the_same_bytes() {
    let now = Utc.with_ymd_and_hms(2021, 12, 22, 3, 0, 0).unwrap();
    let make = || {
        let mut wb = Workbook::new("x", now);
        wb.add_sheet("A").number(0, 0, 1.5);
        wb.save().unwrap()
    };
    assert_eq!(make(), make());
}
