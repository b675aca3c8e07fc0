/// A cell to write: typed, so that spreadsheets sum numbers and never evaluate text.
public enum OutputCell: Sendable, Hashable {
    case empty
    /// Text, written as an inline string: never read as a formula or a number.
    case text(String)
    case number(Double, NumberStyle)
    case bool(Bool)
    /// Bold text, for header rows.
    case heading(String)

    public static func number(_ value: Double) -> OutputCell { .number(value, .general) }
}

/// How a number cell is shown.
public enum NumberStyle: Sendable, Hashable {
    /// As typed, up to the spreadsheet's general format.
    case general
    /// Money: the symbol (or code) before the amount, thousands separated, no cents.
    case currency(symbol: String)
    /// A fraction shown as a percentage: 0.4 is 40%.
    case percent
}

/// One sheet to write.
public struct OutputSheet: Sendable {
    public var name: String
    public var rows: [[OutputCell]]
    /// Column widths in characters, from column A; columns past the list keep the default.
    public var columnWidths: [Double]
    /// Whether the first row stays in view when scrolling.
    public var freezeHeader: Bool

    public init(name: String, rows: [[OutputCell]], columnWidths: [Double] = [], freezeHeader: Bool = true) {
        self.name = name
        self.rows = rows
        self.columnWidths = columnWidths
        self.freezeHeader = freezeHeader
    }

    /// Widths from the content: the longest text or number in each column, between 8 and 60.
    public static func fittedWidths(_ rows: [[OutputCell]]) -> [Double] {
        var widths: [Double] = []
        for row in rows {
            for (index, cell) in row.enumerated() {
                let length: Int
                switch cell {
                case .empty: length = 0
                case .text(let text), .heading(let text):
                    length = text.split(separator: "\n").map(\.count).max() ?? 0
                case .number(let value, let style):
                    length = XLSXWriter.numberText(value).count + (style == .general ? 0 : 3)
                case .bool: length = 5
                }
                while widths.count <= index { widths.append(8) }
                widths[index] = min(60, max(widths[index], Double(length) + 2))
            }
        }
        return widths
    }
}

/// Writes Office Open XML workbooks, byte for byte the same for the same sheets.
public enum XLSXWriter {
    /// The workbook's bytes.
    public static func write(_ sheets: [OutputSheet]) -> [UInt8] {
        var styles = StyleTable()
        var sheetParts: [[UInt8]] = []
        for sheet in sheets { sheetParts.append(Array(sheetXML(sheet, styles: &styles).utf8)) }
        var zip = ZipWriter()
        zip.add("[Content_Types].xml", Array(contentTypes(count: sheets.count).utf8))
        zip.add("_rels/.rels", Array(packageRelationships.utf8))
        zip.add("xl/workbook.xml", Array(workbookXML(sheets.map(\.name)).utf8))
        zip.add("xl/_rels/workbook.xml.rels", Array(workbookRelationships(count: sheets.count).utf8))
        zip.add("xl/styles.xml", Array(styles.xml.utf8))
        for (index, part) in sheetParts.enumerated() { zip.add("xl/worksheets/sheet\(index + 1).xml", part) }
        return zip.finished()
    }

    static let header = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    static let mainNamespace = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    static let relationshipNamespace = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

    static func contentTypes(count: Int) -> String {
        var xml = header + "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
        xml += "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
        xml += "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
        xml += "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>"
        xml += "<Override PartName=\"/xl/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/>"
        for index in 1...max(count, 1) where index <= count {
            xml += "<Override PartName=\"/xl/worksheets/sheet\(index).xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"
        }
        return xml + "</Types>"
    }

    static let packageRelationships = header
        + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
        + "<Relationship Id=\"rId1\" Type=\"\(relationshipNamespace)/officeDocument\" Target=\"xl/workbook.xml\"/>"
        + "</Relationships>"

    static func workbookXML(_ names: [String]) -> String {
        var xml = header + "<workbook xmlns=\"\(mainNamespace)\" xmlns:r=\"\(relationshipNamespace)\"><sheets>"
        for (index, name) in names.enumerated() {
            xml += "<sheet name=\"\(escape(sheetName(name)))\" sheetId=\"\(index + 1)\" r:id=\"rId\(index + 1)\"/>"
        }
        return xml + "</sheets></workbook>"
    }

    /// A name Excel accepts: at most 31 characters, none of `: \ / ? * [ ]`.
    public static func sheetName(_ name: String) -> String {
        let cleaned = String(name.map { ":\\/?*[]".contains($0) ? "-" : $0 }.prefix(31))
        return cleaned.isEmpty ? "Sheet" : cleaned
    }

    static func workbookRelationships(count: Int) -> String {
        var xml = header + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
        for index in 0..<count {
            xml += "<Relationship Id=\"rId\(index + 1)\" Type=\"\(relationshipNamespace)/worksheet\" Target=\"worksheets/sheet\(index + 1).xml\"/>"
        }
        xml += "<Relationship Id=\"rId\(count + 1)\" Type=\"\(relationshipNamespace)/styles\" Target=\"styles.xml\"/>"
        return xml + "</Relationships>"
    }

    static func sheetXML(_ sheet: OutputSheet, styles: inout StyleTable) -> String {
        var xml = header + "<worksheet xmlns=\"\(mainNamespace)\" xmlns:r=\"\(relationshipNamespace)\">"
        if sheet.freezeHeader, !sheet.rows.isEmpty {
            xml += "<sheetViews><sheetView workbookViewId=\"0\"><pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" state=\"frozen\"/>"
            xml += "<selection pane=\"bottomLeft\" activeCell=\"A2\" sqref=\"A2\"/></sheetView></sheetViews>"
        }
        if !sheet.columnWidths.isEmpty {
            xml += "<cols>"
            for (index, width) in sheet.columnWidths.enumerated() {
                xml += "<col min=\"\(index + 1)\" max=\"\(index + 1)\" width=\"\(numberText(width))\" customWidth=\"1\"/>"
            }
            xml += "</cols>"
        }
        xml += "<sheetData>"
        for (rowIndex, row) in sheet.rows.enumerated() {
            xml += "<row r=\"\(rowIndex + 1)\">"
            for (columnIndex, cell) in row.enumerated() {
                let reference = CellReference.columnName(columnIndex + 1) + String(rowIndex + 1)
                switch cell {
                case .empty: continue
                case .text(let text):
                    xml += "<c r=\"\(reference)\"\(styles.attribute(.wrap(text.contains("\n")))) t=\"inlineStr\"><is><t xml:space=\"preserve\">\(escape(text))</t></is></c>"
                case .heading(let text):
                    xml += "<c r=\"\(reference)\"\(styles.attribute(.bold)) t=\"inlineStr\"><is><t xml:space=\"preserve\">\(escape(text))</t></is></c>"
                case .number(let value, let style):
                    guard value.isFinite else { continue }
                    xml += "<c r=\"\(reference)\"\(styles.attribute(.number(style)))><v>\(numberText(value))</v></c>"
                case .bool(let flag):
                    xml += "<c r=\"\(reference)\" t=\"b\"><v>\(flag ? 1 : 0)</v></c>"
                }
            }
            xml += "</row>"
        }
        return xml + "</sheetData></worksheet>"
    }

    /// A number as XML cell text: the shortest form that reads back to the same value.
    static func numberText(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return value == 0 ? "0" : String(Int64(value)) }
        return "\(value)"
    }

    /// Text for XML: markup characters escaped; characters XML 1.0 cannot hold written as Excel's
    /// `_xHHHH_` escapes.
    static func escape(_ text: String) -> String {
        var output = ""
        output.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": output += "&amp;"
            case "<": output += "&lt;"
            case ">": output += "&gt;"
            case "\"": output += "&quot;"
            case "\n", "\t": output.unicodeScalars.append(scalar)
            case "\r": output += "&#13;"
            default:
                if scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF {
                    let hex = String(scalar.value, radix: 16, uppercase: true)
                    output += "_x" + String(repeating: "0", count: 4 - hex.count) + hex + "_"
                } else {
                    output.unicodeScalars.append(scalar)
                }
            }
        }
        return output
    }
}

/// The cell formats a workbook uses, numbered in order of first use so that output is stable.
struct StyleTable {
    enum Style: Hashable {
        case bold
        case wrap(Bool)
        case number(NumberStyle)
    }

    private var order: [Style] = []
    private var index: [Style: Int] = [:]

    /// ` s="N"` for a style (nothing for the default style).
    mutating func attribute(_ style: Style) -> String {
        if style == .wrap(false) || style == .number(.general) { return "" }
        if let known = index[style] { return " s=\"\(known + 1)\"" }
        order.append(style)
        index[style] = order.count - 1
        return " s=\"\(order.count)\""
    }

    var xml: String {
        var formats: [String] = []
        var formatIDs: [Int] = []
        for style in order {
            switch style {
            case .number(.currency(let symbol)):
                let code = "\"\(symbol)\"#,##0;-\"\(symbol)\"#,##0"
                if let found = formats.firstIndex(of: code) {
                    formatIDs.append(164 + found)
                } else {
                    formats.append(code)
                    formatIDs.append(164 + formats.count - 1)
                }
            case .number(.percent): formatIDs.append(9)
            default: formatIDs.append(0)
            }
        }
        var xml = XLSXWriter.header + "<styleSheet xmlns=\"\(XLSXWriter.mainNamespace)\">"
        if !formats.isEmpty {
            xml += "<numFmts count=\"\(formats.count)\">"
            for (offset, code) in formats.enumerated() {
                xml += "<numFmt numFmtId=\"\(164 + offset)\" formatCode=\"\(XLSXWriter.escape(code))\"/>"
            }
            xml += "</numFmts>"
        }
        xml += "<fonts count=\"2\"><font><sz val=\"11\"/><name val=\"Calibri\"/></font><font><b/><sz val=\"11\"/><name val=\"Calibri\"/></font></fonts>"
        xml += "<fills count=\"2\"><fill><patternFill patternType=\"none\"/></fill><fill><patternFill patternType=\"gray125\"/></fill></fills>"
        xml += "<borders count=\"1\"><border><left/><right/><top/><bottom/><diagonal/></border></borders>"
        xml += "<cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/></cellStyleXfs>"
        xml += "<cellXfs count=\"\(order.count + 1)\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\"/>"
        for (offset, style) in order.enumerated() {
            switch style {
            case .bold:
                xml += "<xf numFmtId=\"0\" fontId=\"1\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyFont=\"1\"/>"
            case .wrap:
                xml += "<xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyAlignment=\"1\"><alignment wrapText=\"1\" vertical=\"top\"/></xf>"
            case .number:
                xml += "<xf numFmtId=\"\(formatIDs[offset])\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\"/>"
            }
        }
        xml += "</cellXfs><cellStyles count=\"1\"><cellStyle name=\"Normal\" xfId=\"0\" builtinId=\"0\"/></cellStyles>"
        return xml + "</styleSheet>"
    }
}
