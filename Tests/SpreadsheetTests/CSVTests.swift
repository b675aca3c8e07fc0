import Testing

@testable import Spreadsheet

@Suite struct CSVTests {
    func read(_ text: String) throws -> Sheet { try CSV.read(Array(text.utf8)) }

    @Test func readsQuotedFieldsCRLFAndEmptyCells() throws {
        let sheet = try read("id,name,amount\r\nsales-ae,\"Six \"\"senior\"\" AEs, East\",900k\r\n,\"two\nlines\",\r\n")
        #expect(sheet.rows.count == 3)
        #expect(sheet.rows[1] == [.text("sales-ae"), .text("Six \"senior\" AEs, East"), .text("900k")])
        #expect(sheet.rows[2] == [.empty, .text("two\nlines"), .empty])
        #expect(sheet[CellReference(a1: "C2")!] == .text("900k"))
    }

    @Test func detectsSemicolonsAndTabsAndSkipsAByteOrderMark() throws {
        let semicolons = try CSV.read([0xEF, 0xBB, 0xBF] + Array("id;amount\nx;\"1,5\"\n".utf8))
        #expect(semicolons.rows == [[.text("id"), .text("amount")], [.text("x"), .text("1,5")]])
        let tabs = try read("# a comment, with commas, here\nid\tamount\nx\t5\n")
        #expect(tabs.rows[1] == [.text("id"), .text("amount")])
        #expect(tabs.rows[2] == [.text("x"), .text("5")])
        let crOnly = try read("a,b\rc,d")
        #expect(crOnly.rows == [[.text("a"), .text("b")], [.text("c"), .text("d")]])
    }

    @Test func blankLinesAreEmptyRowsSoRowNumbersMatchASpreadsheet() throws {
        let sheet = try read("a\n\nb\n")
        #expect(sheet.rows == [[.text("a")], [], [.text("b")]])
    }

    @Test func refusesBrokenFilesWithTheirCell() {
        #expect(throws: SpreadsheetError("a quoted field is never closed: a \" opens it here and the file ends inside it", cell: CellReference(a1: "B2"))) {
            try read("a,b\nx,\"open\n")
        }
        #expect(throws: SpreadsheetError("text follows a closing quote; a quote inside a quoted field is written twice (\"\")", cell: CellReference(a1: "A1"))) {
            try read("\"a\"b,c\n")
        }
        #expect(throws: SpreadsheetError("the text is not UTF-8; save the file as \"CSV UTF-8\"", cell: CellReference(a1: "B1"))) {
            try CSV.read(Array("a,".utf8) + [0xE9] + Array("\n".utf8))
        }
        #expect(throws: SpreadsheetError("the file is UTF-16 text; save it as \"CSV UTF-8\"")) {
            try CSV.read([0xFF, 0xFE, 0x61, 0x00])
        }
    }

    @Test func refusesMoreRowsThanASheetHolds() throws {
        #expect(CSV.ReadOptions().maximumRows == 1_048_576)
        let lines = [UInt8](repeating: 0x0A, count: 1000)
        #expect(try CSV.read(lines, options: CSV.ReadOptions(maximumRows: 1000)).rows.count == 1000)
        #expect(throws: SpreadsheetError("the file has more than 1000 rows, the most a sheet can hold")) {
            try CSV.read(lines + Array("x\n".utf8), options: CSV.ReadOptions(maximumRows: 1000))
        }
    }

    @Test func writesWhatItReadsBack() throws {
        let rows = [["id", "note"], ["a", "says \"hi\", twice"], ["b", "line\nbreak"], ["c", " padded "], ["d", "x;y"]]
        let text = CSV.write(rows)
        #expect(text.hasPrefix("id,note\r\na,\"says \"\"hi\"\", twice\"\r\n"))
        let back = try CSV.read(Array(text.utf8))
        #expect(back.rows.map { $0.map { if case .text(let t) = $0 { t } else { "" } } } == rows)
    }

    @Test func cellReferencesReadAndWriteA1() {
        #expect(CellReference(a1: "D7") == CellReference(row: 7, column: 4))
        #expect(CellReference(a1: "$AA$10") == CellReference(row: 10, column: 27))
        #expect(CellReference(row: 1, column: 16_384).a1 == "XFD1")
        #expect(CellReference(a1: "7D") == nil)
        #expect(CellRange(a1: "B5:A3")?.description == "A3:B5")
    }

    @Test func datesFollowTheSpreadsheetCalendars() {
        #expect(SheetDate(serial: 1)?.description == "1900-01-01")
        #expect(SheetDate(serial: 61)?.description == "1900-03-01")
        #expect(SheetDate(serial: 46_388.5)?.description == "2027-01-01 12:00:00")
        #expect(SheetDate(serial: 0, date1904: true)?.description == "1904-01-01")
    }
}
