import Foundation
import Testing

@testable import Spreadsheet

/// The repository's root folder, from this file's place (Tests/SpreadsheetTests/).
let repositoryRoot: String = {
    var path = #filePath
    for _ in 0..<3 { path = String(path[..<path.lastIndex(of: "/")!]) }
    return path
}()

/// A workbook made of hand-written parts, as other producers write them.
func workbook(sheet: String, sharedStrings: String? = nil, styles: String? = nil, date1904: Bool = false, sheetName: String = "Requests") -> [UInt8] {
    var zip = ZipWriter()
    zip.add("_rels/.rels", Array("""
        <?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
        <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>\
        </Relationships>
        """.utf8))
    zip.add("xl/workbook.xml", Array("""
        <?xml version="1.0"?><x:workbook xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main" \
        xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">\
        <x:workbookPr date1904="\(date1904 ? 1 : 0)"/><x:sheets><x:sheet name="Notes" sheetId="2" r:id="rId2"/>\
        <x:sheet name="\(sheetName)" sheetId="1" r:id="rId1"/></x:sheets></x:workbook>
        """.utf8))
    zip.add("xl/_rels/workbook.xml.rels", Array("""
        <?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
        <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="/xl/worksheets/data.xml"/>\
        <Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/notes.xml"/>\
        <Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="strings.xml"/>\
        <Relationship Id="rId4" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>\
        </Relationships>
        """.utf8))
    zip.add("xl/worksheets/notes.xml", Array("""
        <worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>\
        <row r="1"><c r="A1" t="inlineStr"><is><t>notes</t></is></c></row></sheetData></worksheet>
        """.utf8))
    zip.add("xl/worksheets/data.xml", Array(("<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">" + sheet + "</worksheet>").utf8))
    if let sharedStrings {
        zip.add("xl/strings.xml", Array(("<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">" + sharedStrings + "</sst>").utf8))
    }
    if let styles {
        zip.add("xl/styles.xml", Array(("<styleSheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">" + styles + "</styleSheet>").utf8))
    }
    return zip.finished()
}

@Suite struct XLSXReadingTests {
    let styles = """
        <numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy\\-mm\\-dd"/><numFmt numFmtId="165" formatCode="[Red]#,##0"/></numFmts>\
        <cellXfs count="4"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="164"/><xf numFmtId="165"/></cellXfs>
        """

    @Test func readsEveryKindOfCell() throws {
        let bytes = workbook(
            sheet: """
                <sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>\
                <row r="3"><c r="A3" t="inlineStr"><is><t>inline &amp; kept</t></is></c><c r="B3"><v>1200000</v></c>\
                <c r="C3" t="b"><v>1</v></c><c r="D3" s="1"><v>46388</v></c><c r="E3" s="2"><v>46389.25</v></c>\
                <c r="F3" s="3"><v>-5</v></c><c r="G3"><f>B3*2</f><v>2400000</v></c><c r="H3" t="str"><f>A1&amp;"!"</f><v>id!</v></c>\
                <c r="I3"><f>SUM(Z1:Z9)</f></c><c r="J3" t="e"><v>#DIV/0!</v></c><c t="s"><v>2</v></c><c r="L3" t="d"><v>2027-03-01T09:30:00</v></c></row></sheetData>\
                <mergeCells count="1"><mergeCell ref="A5:B6"/></mergeCells>
                """,
            sharedStrings: "<si><t>id</t></si><si><r><t>rich </t></r><r><rPr><b/></rPr><t>text</t></r><rPh><t>ふりがな</t></rPh></si><si><t>after J</t></si>",
            styles: styles)
        let sheet = try XLSX.read(bytes, sheet: "Requests")
        #expect(sheet.name == "Requests")
        #expect(sheet.rows[0] == [.text("id"), .text("rich text")])
        #expect(sheet.rows[1] == [])
        #expect(sheet[CellReference(a1: "A3")!] == .text("inline & kept"))
        #expect(sheet[CellReference(a1: "B3")!] == .number(1_200_000))
        #expect(sheet[CellReference(a1: "C3")!] == .bool(true))
        #expect(sheet[CellReference(a1: "D3")!] == .date(SheetDate(year: 2027, month: 1, day: 1)))
        #expect(sheet[CellReference(a1: "E3")!] == .date(SheetDate(year: 2027, month: 1, day: 2, seconds: 21_600)))
        #expect(sheet[CellReference(a1: "F3")!] == .number(-5))
        #expect(sheet[CellReference(a1: "G3")!] == .number(2_400_000))
        #expect(sheet.formulas[CellReference(a1: "G3")!] == "B3*2")
        #expect(sheet[CellReference(a1: "H3")!] == .text("id!"))
        #expect(sheet[CellReference(a1: "I3")!] == .error(
            "the formula =SUM(Z1:Z9) has no saved result; open the file in a spreadsheet application, let it calculate, and save it again"))
        #expect(sheet[CellReference(a1: "J3")!] == .error("the cell holds the error #DIV/0!"))
        #expect(sheet[CellReference(a1: "K3")!] == .text("after J"))
        #expect(sheet[CellReference(a1: "L3")!] == .date(SheetDate(year: 2027, month: 3, day: 1, seconds: 34_200)))
        #expect(sheet.merges == [CellRange(a1: "A5:B6")!])
    }

    @Test func readsTheFirstSheetByDefaultAndNamesTheSheetsWhenOneIsMissing() throws {
        let bytes = workbook(sheet: "<sheetData/>")
        #expect(try XLSX.sheetNames(bytes) == ["Notes", "Requests"])
        #expect(try XLSX.read(bytes).rows == [[.text("notes")]])
        #expect(try XLSX.read(bytes, sheet: "requests").name == "Requests")
        #expect(throws: SpreadsheetError("the workbook has no sheet named \"Budget\"; its sheets are \"Notes\", \"Requests\"")) {
            try XLSX.read(bytes, sheet: "Budget")
        }
    }

    @Test func numberFormatsWithoutDatePartsAreNotDates() {
        #expect(!DateStyles.isDateFormat("General"))
        #expect(!DateStyles.isDateFormat("0.00E+00"))
        #expect(!DateStyles.isDateFormat("\"days\" 0"))
        #expect(!DateStyles.isDateFormat("[Red][<0]#,##0"))
        #expect(DateStyles.isDateFormat("dd/mm/yyyy"))
        #expect(DateStyles.isDateFormat("[$-409]mmm d, yyyy"))
    }

    @Test func readsFormulasMergesAndDatesAsLibreOfficeWritesThem() throws {
        let bytes = try Array(Data(contentsOf: URL(fileURLWithPath: repositoryRoot + "/Tests/Fixtures/sheets/libreoffice.xlsx")))
        let sheet = try XLSX.read(bytes)
        #expect(sheet.name == "Requests")
        #expect(sheet.rows[0] == ["Team", "Request", "Amount", "arr", "All or nothing", "Note"].map(CellValue.text))
        #expect(sheet.rows[1] == [.text("sales"), .text("s1"), .number(150_000), .number(300_000), .number(1), .text("Pilot & rollout")])
        #expect(sheet.rows[2] == [.empty, .text("s2"), .date(SheetDate(year: 2027, month: 1, day: 31)), .number(37_500)])
        #expect(sheet.formulas == [CellReference(a1: "D2")!: "C2*2", CellReference(a1: "D3")!: "SUM(C2:C2)/4"])
        #expect(sheet.merges == [CellRange(a1: "A2:A3")!])
    }

    @Test func readsAWorkbookThatLibreOfficeWrote() throws {
        let path = repositoryRoot
        let bytes = try Array(Data(contentsOf: URL(fileURLWithPath: path + "/models/teams/security.xlsx")))
        let sheet = try XLSX.read(bytes)
        #expect(sheet.name == "security")
        let header = try #require(sheet.rows.first { $0.first == .text("Team") })
        #expect(header.prefix(4) == [.text("Team"), .text("Request"), .text("Name"), .text("Amount")])
        let run = try #require(sheet.rows.first { $0.count > 1 && $0[1] == .text("sec-run") })
        #expect(run[3] == .number(1_100_000))
    }

    @Test func readsThe1904DateSystem() throws {
        let bytes = workbook(sheet: "<sheetData><row r=\"1\"><c r=\"A1\" s=\"1\"><v>0</v></c></row></sheetData>", styles: styles, date1904: true)
        #expect(try XLSX.read(bytes, sheet: "Requests").rows[0] == [.date(SheetDate(year: 1904, month: 1, day: 1))])
    }

    @Test func refusesASheetBeyondTheRowLimit() {
        let bytes = workbook(sheet: "<sheetData><row r=\"1048577\"><c r=\"A1048577\"><v>1</v></c></row></sheetData>")
        #expect(throws: SpreadsheetError("the sheet has a row 1048577, beyond the 1048576 rows a sheet can hold", sheet: "Requests")) {
            try XLSX.read(bytes, sheet: "Requests")
        }
    }

    @Test func refusesTruncatedAndForeignFiles() {
        let bytes = workbook(sheet: "<sheetData/>")
        #expect(throws: SpreadsheetError(
            "the file is truncated: its zip archive has no end (the file was cut short while copied or downloaded); save it again")) {
            try XLSX.read(Array(bytes.prefix(bytes.count / 2)))
        }
        #expect(throws: SpreadsheetError(
            "it is not an XLSX file (an XLSX file is a zip archive), or it is truncated: save it again from the spreadsheet application")) {
            try XLSX.read(Array("id,amount\nx,5\n".utf8))
        }
        var zip = ZipWriter()
        zip.add("hello.txt", Array("hi".utf8))
        #expect(throws: SpreadsheetError(
            "the file is a zip archive but not an XLSX workbook (it has no xl/workbook.xml); is it an .xlsx file?")) {
            try XLSX.read(zip.finished())
        }
        let broken = workbook(sheet: "<sheetData><row><c></sheetData>")
        #expect(throws: SpreadsheetError("the file is damaged: sheet \"Requests\" is not well-formed XML (line 1); save it again")) {
            try XLSX.read(broken, sheet: "Requests")
        }
    }

    @Test func refusesZipBombsByDeclaredSizeAndRatioInBoundedMemory() throws {
        // 32 MiB of zeros deflate about a thousandfold.
        var zip = ZipWriter()
        zip.add("xl/workbook.xml", [UInt8](repeating: 0x20, count: 32 << 20))
        let bomb = zip.finished()
        #expect(bomb.count < 100_000)
        let archive = try ZipArchive(bytes: bomb)
        #expect(throws: SpreadsheetError(
            "xl/workbook.xml would inflate 1028 times (from 32618 to 33554432 bytes), more than the 200 times any spreadsheet needs; refused (is it a zip bomb?)")) {
            try archive.contents(of: archive.entries[0])
        }
        // A declared size beyond the limit is refused before anything is inflated.
        let small = try ZipArchive(bytes: bomb, limits: ZipArchive.Limits(entrySize: 16 << 20, ratio: 2000))
        #expect(throws: SpreadsheetError(
            "xl/workbook.xml declares 33554432 bytes uncompressed, more than the 16 MiB read from one part; refused (is it a zip bomb?)")) {
            try small.contents(of: small.entries[0])
        }
        // An entry that inflates past the size it declares is cut off there.
        var liar = bomb
        let directory = liar.count - 22 - 46 - "xl/workbook.xml".utf8.count
        liar[directory + 24] = 0
        liar[directory + 25] = 0x10
        liar[directory + 26] = 0
        liar[directory + 27] = 0
        let lying = try ZipArchive(bytes: liar)
        #expect(throws: SpreadsheetError(
            "xl/workbook.xml inflates to more (or less) than the 4096 bytes it declares; refused (is it a zip bomb?)")) {
            try lying.contents(of: lying.entries[0])
        }
    }
}

@Suite struct XLSXWritingTests {
    let sheets = [
        OutputSheet(
            name: "Requests",
            rows: [
                [.heading("id"), .heading("amount"), .heading("share"), .heading("all or nothing"), .heading("note")],
                [.text("sales-ae"), .number(900_000, .currency(symbol: "$")), .number(0.4, .percent), .bool(true), .text("=cmd|' /C calc'!A0 & <b>\nline two")],
                [.text("sales-crm"), .number(120_000.5, .currency(symbol: "€")), .empty, .bool(false), .text("tab\there \u{1}")],
            ],
            columnWidths: [12, 14, 8, 16, 40]),
        OutputSheet(name: "Instructions: read me?", rows: [[.text("Fill one row per request.")]], freezeHeader: false),
    ]

    @Test func writesTypedCellsThatReadBack() throws {
        let bytes = XLSXWriter.write(sheets)
        let sheet = try XLSX.read(bytes)
        #expect(sheet.name == "Requests")
        #expect(sheet.rows[0] == [.text("id"), .text("amount"), .text("share"), .text("all or nothing"), .text("note")])
        #expect(sheet.rows[1] == [.text("sales-ae"), .number(900_000), .number(0.4), .bool(true), .text("=cmd|' /C calc'!A0 & <b>\nline two")])
        #expect(sheet.rows[2] == [.text("sales-crm"), .number(120_000.5), .empty, .bool(false), .text("tab\there \u{1}")])
        #expect(try XLSX.sheetNames(bytes) == ["Requests", "Instructions- read me-"])
        #expect(try XLSX.read(bytes, sheet: "Instructions- read me-").rows == [[.text("Fill one row per request.")]])
    }

    @Test func writesTheSameBytesForTheSameSheets() {
        #expect(XLSXWriter.write(sheets) == XLSXWriter.write(sheets))
    }

    @Test func freezesTheHeaderSetsWidthsAndFormats() throws {
        let archive = try ZipArchive(bytes: XLSXWriter.write(sheets))
        let sheetXML = String(decoding: try archive.contents(of: archive.entry(named: "xl/worksheets/sheet1.xml")!), as: UTF8.self)
        #expect(sheetXML.contains("<pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" state=\"frozen\"/>"))
        #expect(sheetXML.contains("<col min=\"2\" max=\"2\" width=\"14\" customWidth=\"1\"/>"))
        #expect(sheetXML.contains("<c r=\"A2\" t=\"inlineStr\"><is><t xml:space=\"preserve\">sales-ae</t></is></c>"))
        #expect(!sheetXML.contains("<f>"))
        let styles = String(decoding: try archive.contents(of: archive.entry(named: "xl/styles.xml")!), as: UTF8.self)
        #expect(styles.contains("formatCode=\"&quot;$&quot;#,##0;-&quot;$&quot;#,##0\""))
        #expect(styles.contains("<xf numFmtId=\"9\""))
        let second = String(decoding: try archive.contents(of: archive.entry(named: "xl/worksheets/sheet2.xml")!), as: UTF8.self)
        #expect(!second.contains("frozen"))
    }

    @Test func fitsWidthsToTheContent() {
        let widths = OutputSheet.fittedWidths([[.heading("id"), .text(String(repeating: "x", count: 100))], [.number(1_200_000, .currency(symbol: "$"))]])
        #expect(widths == [12, 60])
    }
}
