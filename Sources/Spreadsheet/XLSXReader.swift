#if canImport(FoundationXML)
import FoundationXML
#endif
import Foundation

/// Reads Office Open XML workbooks (.xlsx): one sheet's cells with their types.
///
/// Shared and inline strings, numbers, booleans, dates (numbers with a date format, in the 1900
/// or 1904 date system), error cells and formulas' cached values are read; a formula without a
/// cached value is an ``CellValue/error(_:)`` cell that says so. Merged ranges are listed. The
/// archive is read through ``ZipArchive``'s limits, and a sheet with more than
/// ``CSV/maximumRows`` rows is refused.
public enum XLSX {
    /// A workbook's sheet names, in order.
    public static func sheetNames(_ bytes: [UInt8]) throws(SpreadsheetError) -> [String] {
        let archive = try ZipArchive(bytes: bytes)
        return try Workbook(archive).sheets.map(\.name)
    }

    /// Reads one sheet: the one named `sheet`, or the first.
    ///
    /// - Throws: ``SpreadsheetError`` for a damaged or hostile archive, a workbook without the
    ///   named sheet, XML that does not parse, or a sheet over the row limit.
    public static func read(_ bytes: [UInt8], sheet wanted: String? = nil, limits: ZipArchive.Limits = ZipArchive.Limits())
        throws(SpreadsheetError) -> Sheet
    {
        let archive = try ZipArchive(bytes: bytes, limits: limits)
        let workbook = try Workbook(archive)
        guard let first = workbook.sheets.first else { throw SpreadsheetError("the workbook has no sheets") }
        var chosen = first
        if let wanted {
            guard let found = workbook.sheets.first(where: { $0.name == wanted })
                ?? workbook.sheets.first(where: { $0.name.lowercased() == wanted.lowercased() })
            else {
                let names = workbook.sheets.map { "\"\($0.name)\"" }.joined(separator: ", ")
                throw SpreadsheetError("the workbook has no sheet named \"\(wanted)\"; its sheets are \(names)")
            }
            chosen = found
        }
        var budget = limits.totalSize
        func part(_ path: String) throws(SpreadsheetError) -> [UInt8]? {
            guard let entry = archive.entry(named: path) else { return nil }
            budget -= entry.uncompressedSize
            guard budget >= 0 else {
                throw SpreadsheetError("the workbook inflates to more than \(limits.totalSize >> 20) MiB in all; refused (is it a zip bomb?)")
            }
            return try archive.contents(of: entry)
        }
        let strings = try workbook.sharedStringsPath.flatMap { path throws(SpreadsheetError) in try part(path) }
            .map { bytes throws(SpreadsheetError) in try SharedStrings.parse(bytes) } ?? []
        let styles = try workbook.stylesPath.flatMap { path throws(SpreadsheetError) in try part(path) }
            .map { bytes throws(SpreadsheetError) in try DateStyles.parse(bytes) } ?? DateStyles()
        guard let sheetBytes = try part(chosen.path) else {
            throw SpreadsheetError("the workbook lists sheet \"\(chosen.name)\" but its part \(chosen.path) is missing; save it again")
        }
        let parser = SheetParser(name: chosen.name, strings: strings, styles: styles, date1904: workbook.date1904)
        return try parser.parse(sheetBytes)
    }
}

/// `xl/workbook.xml` and its relationships: the sheets, their parts, and the date system.
struct Workbook {
    struct SheetEntry {
        let name: String
        let path: String
    }

    var sheets: [SheetEntry] = []
    var date1904 = false
    var sharedStringsPath: String?
    var stylesPath: String?

    init(_ archive: ZipArchive) throws(SpreadsheetError) {
        // The workbook part from the package relationships (xl/workbook.xml as a fallback).
        var workbookPath = "xl/workbook.xml"
        if let rels = archive.entry(named: "_rels/.rels") {
            let relations = try XMLDocumentReader.relationships(try archive.contents(of: rels), base: "")
            if let main = relations.values.first(where: { $0.type.hasSuffix("/officeDocument") }) { workbookPath = main.target }
        }
        guard let workbookEntry = archive.entry(named: workbookPath) else {
            throw SpreadsheetError("the file is a zip archive but not an XLSX workbook (it has no \(workbookPath)); is it an .xlsx file?")
        }
        let base = workbookPath.contains("/") ? String(workbookPath[..<workbookPath.lastIndex(of: "/")!]) : ""
        let relsPath = (base.isEmpty ? "" : base + "/") + "_rels/" + workbookPath.split(separator: "/").last! + ".rels"
        var relations: [String: XMLDocumentReader.Relation] = [:]
        if let relsEntry = archive.entry(named: relsPath) {
            relations = try XMLDocumentReader.relationships(try archive.contents(of: relsEntry), base: base)
        }
        let document = try XMLDocumentReader.elements(try archive.contents(of: workbookEntry), part: workbookPath)
        for element in document {
            switch element.name {
            case "workbookPr":
                let value = element.attribute("date1904")
                date1904 = value == "1" || value == "true"
            case "sheet":
                let name = element.attribute("name") ?? "Sheet\(sheets.count + 1)"
                guard let id = element.attribute("id"), let relation = relations[id] else { continue }
                sheets.append(SheetEntry(name: name, path: relation.target))
            default: break
            }
        }
        sharedStringsPath = relations.values.first { $0.type.hasSuffix("/sharedStrings") }?.target
            ?? (archive.entry(named: "xl/sharedStrings.xml") != nil ? "xl/sharedStrings.xml" : nil)
        stylesPath = relations.values.first { $0.type.hasSuffix("/styles") }?.target
            ?? (archive.entry(named: "xl/styles.xml") != nil ? "xl/styles.xml" : nil)
    }
}

/// A small XML reader for the workbook's short parts: every element with its attributes.
enum XMLDocumentReader {
    struct Element {
        let name: String
        let attributes: [String: String]

        /// An attribute by local name, whatever its namespace prefix.
        func attribute(_ local: String) -> String? {
            if let value = attributes[local] { return value }
            return attributes.first { $0.key.hasSuffix(":" + local) }?.value
        }
    }

    struct Relation {
        let type: String
        let target: String
    }

    final class Collector: XMLCollector {
        var elements: [Element] = []

        override func start(_ name: String, _ attributes: [String: String], _ parser: XMLParser) {
            elements.append(Element(name: name, attributes: attributes))
        }
    }

    static func elements(_ bytes: [UInt8], part: String) throws(SpreadsheetError) -> [Element] {
        let collector = Collector()
        let result = collector.run(bytes)
        guard result.ok else {
            throw SpreadsheetError("the file is damaged: \(part) is not well-formed XML (line \(result.line)); save it again")
        }
        return collector.elements
    }

    /// A relationships part: targets by id, resolved against the folder `base`.
    static func relationships(_ bytes: [UInt8], base: String) throws(SpreadsheetError) -> [String: Relation] {
        var relations: [String: Relation] = [:]
        for element in try elements(bytes, part: "a relationships part") where element.name == "Relationship" {
            guard let id = element.attribute("Id"), let target = element.attribute("Target") else { continue }
            relations[id] = Relation(type: element.attribute("Type") ?? "", target: resolve(target, base: base))
        }
        return relations
    }

    /// A relationship target as a path in the archive.
    static func resolve(_ target: String, base: String) -> String {
        if target.hasPrefix("/") { return String(target.dropFirst()) }
        var parts = base.split(separator: "/").map(String.init)
        for piece in target.split(separator: "/") {
            if piece == ".." { if !parts.isEmpty { parts.removeLast() } } else if piece != "." { parts.append(String(piece)) }
        }
        return parts.joined(separator: "/")
    }
}

/// The base of the XML readers: element names without namespace prefixes, and a check that the
/// document was complete (Foundation's parser on Linux reports success for a document cut short
/// or with mismatched tags, and sets only `parserError`).
class XMLCollector: NSObject, XMLParserDelegate {
    private var depth = 0
    private var sawRoot = false

    func start(_ name: String, _ attributes: [String: String], _ parser: XMLParser) {}
    func end(_ name: String) {}
    func text(_ string: String) {}

    final func parser(
        _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?,
        attributes: [String: String] = [:]
    ) {
        depth += 1
        sawRoot = true
        start(localName(elementName), attributes, parser)
    }

    final func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?) {
        depth -= 1
        end(localName(elementName))
    }

    final func parser(_ parser: XMLParser, foundCharacters string: String) { text(string) }

    /// Foundation's parser on Linux keeps state shared between threads: one parse at a time.
    static let lock = NSLock()

    /// Parses the bytes; false when the XML is not a whole, well-formed document.
    func run(_ bytes: [UInt8]) -> (ok: Bool, line: Int) {
        Self.lock.lock()
        defer { Self.lock.unlock() }
        let parser = XMLParser(data: Data(bytes))
        parser.delegate = self
        parser.shouldResolveExternalEntities = false
        let parsed = parser.parse()
        return (parsed && parser.parserError == nil && depth == 0 && sawRoot, parser.lineNumber)
    }
}

/// An element name without its namespace prefix.
func localName(_ name: String) -> String {
    guard let colon = name.lastIndex(of: ":") else { return name }
    return String(name[name.index(after: colon)...])
}

/// Decodes the `_xHHHH_` escapes Excel writes for characters XML cannot hold.
func decodeEscapes(_ text: String) -> String {
    guard text.contains("_x") else { return text }
    var scalars = Array(text.unicodeScalars)
    var result = String.UnicodeScalarView()
    var index = 0
    while index < scalars.count {
        if scalars[index] == "_", index + 6 < scalars.count, scalars[index + 1] == "x", scalars[index + 6] == "_" {
            let hex = String(String.UnicodeScalarView(scalars[(index + 2)..<(index + 6)]))
            if let code = UInt32(hex, radix: 16), let scalar = Unicode.Scalar(code) {
                result.append(scalar)
                index += 7
                continue
            }
        }
        result.append(scalars[index])
        index += 1
    }
    scalars = []
    return String(result)
}

/// `xl/sharedStrings.xml`: the text of each `<si>`, rich-text runs joined, phonetic runs left out.
enum SharedStrings {
    final class Collector: XMLCollector {
        var strings: [String] = []
        var current = ""
        var inText = false
        var inPhonetic = false

        override func start(_ name: String, _ attributes: [String: String], _ parser: XMLParser) {
            switch name {
            case "si": current = ""
            case "t": inText = !inPhonetic
            case "rPh": inPhonetic = true
            default: break
            }
        }

        override func end(_ name: String) {
            switch name {
            case "si": strings.append(decodeEscapes(current))
            case "t": inText = false
            case "rPh": inPhonetic = false
            default: break
            }
        }

        override func text(_ string: String) {
            if inText { current += string }
        }
    }

    static func parse(_ bytes: [UInt8]) throws(SpreadsheetError) -> [String] {
        let collector = Collector()
        let result = collector.run(bytes)
        guard result.ok else {
            throw SpreadsheetError("the file is damaged: its shared strings are not well-formed XML (line \(result.line)); save it again")
        }
        return collector.strings
    }
}

/// `xl/styles.xml`, as far as reading needs it: which cell styles show numbers as dates.
struct DateStyles {
    /// By cell style index (`s` of a cell): whether it is a date format.
    var isDate: [Bool] = []

    static let builtInDates: Set<Int> = [14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 30, 36, 45, 46, 47, 50, 57]

    /// Whether a number format code shows a date or time: d, m, y, h or s outside quotes,
    /// brackets (colours, conditions) and escapes.
    static func isDateFormat(_ code: String) -> Bool {
        var quoted = false
        var bracket = false
        var escaped = false
        for character in code.lowercased() {
            if escaped { escaped = false; continue }
            switch character {
            case "\\": escaped = true
            case "\"": quoted.toggle()
            case "[" where !quoted: bracket = true
            case "]" where !quoted: bracket = false
            case "d", "m", "y", "h", "s":
                if !quoted, !bracket { return true }
            default: break
            }
        }
        return false
    }

    final class Collector: XMLCollector {
        var customDates: Set<Int> = []
        var inCellXfs = false
        var formats: [Int] = []

        override func start(_ name: String, _ attributes: [String: String], _ parser: XMLParser) {
            switch name {
            case "numFmt":
                if let id = attributes["numFmtId"].flatMap({ Int($0) }), let code = attributes["formatCode"], DateStyles.isDateFormat(code) {
                    customDates.insert(id)
                }
            case "cellXfs": inCellXfs = true
            case "xf" where inCellXfs: formats.append(attributes["numFmtId"].flatMap { Int($0) } ?? 0)
            default: break
            }
        }

        override func end(_ name: String) {
            if name == "cellXfs" { inCellXfs = false }
        }
    }

    static func parse(_ bytes: [UInt8]) throws(SpreadsheetError) -> DateStyles {
        let collector = Collector()
        let result = collector.run(bytes)
        guard result.ok else {
            throw SpreadsheetError("the file is damaged: its styles are not well-formed XML (line \(result.line)); save it again")
        }
        var styles = DateStyles()
        styles.isDate = collector.formats.map { builtInDates.contains($0) || collector.customDates.contains($0) }
        return styles
    }
}

/// One worksheet part: its cells, merged ranges and formulas.
final class SheetParser: XMLCollector {
    let sheetName: String
    let strings: [String]
    let styles: DateStyles
    let date1904: Bool

    var rows: [[CellValue]] = []
    var merges: [CellRange] = []
    var formulas: [CellReference: String] = [:]
    var failure: SpreadsheetError?

    // The cell being read.
    var rowNumber = 0
    var nextColumn = 1
    var cell: CellReference?
    var type = "n"
    var style = 0
    var value = ""
    var formula = ""
    var inline = ""
    var reading: Reading = .none
    var hasValue = false
    var hasFormula = false

    enum Reading { case none, value, formula, inlineText }

    init(name: String, strings: [String], styles: DateStyles, date1904: Bool) {
        self.sheetName = name
        self.strings = strings
        self.styles = styles
        self.date1904 = date1904
    }

    func parse(_ bytes: [UInt8]) throws(SpreadsheetError) -> Sheet {
        let result = run(bytes)
        if let failure { throw failure }
        guard result.ok else {
            throw SpreadsheetError("the file is damaged: sheet \"\(sheetName)\" is not well-formed XML (line \(result.line)); save it again")
        }
        return Sheet(name: sheetName, rows: rows, merges: merges, formulas: formulas)
    }

    func fail(_ error: SpreadsheetError, _ parser: XMLParser) {
        if failure == nil { failure = error }
        parser.abortParsing()
    }

    override func start(_ name: String, _ attributes: [String: String], _ parser: XMLParser) {
        switch name {
        case "row":
            let number = attributes["r"].flatMap { Int($0) } ?? rowNumber + 1
            guard number > rowNumber else {
                fail(SpreadsheetError("the file is damaged: row \(number) comes after row \(rowNumber); save it again", sheet: sheetName), parser)
                return
            }
            guard number <= CSV.maximumRows else {
                fail(SpreadsheetError("the sheet has a row \(number), beyond the \(CSV.maximumRows) rows a sheet can hold", sheet: sheetName), parser)
                return
            }
            rowNumber = number
            nextColumn = 1
        case "c":
            var reference = CellReference(row: max(rowNumber, 1), column: nextColumn)
            if let text = attributes["r"] {
                guard let parsed = CellReference(a1: text), parsed.row <= CSV.maximumRows, parsed.column <= 16_384 else {
                    fail(SpreadsheetError("the file is damaged: \"\(text)\" is not a cell reference; save it again", sheet: sheetName), parser)
                    return
                }
                reference = parsed
            }
            if reference.row > rowNumber { rowNumber = reference.row }
            nextColumn = reference.column + 1
            cell = reference
            type = attributes["t"] ?? "n"
            style = attributes["s"].flatMap { Int($0) } ?? 0
            value = ""
            formula = ""
            inline = ""
            hasValue = false
            hasFormula = false
        case "v":
            reading = .value
            hasValue = true
        case "f":
            reading = .formula
            hasFormula = true
        case "t" where cell != nil && type == "inlineStr":
            reading = .inlineText
        case "mergeCell":
            if let text = attributes["ref"], let range = CellRange(a1: text) { merges.append(range) }
        default: break
        }
    }

    override func text(_ string: String) {
        switch reading {
        case .value: value += string
        case .formula: formula += string
        case .inlineText: inline += string
        case .none: break
        }
    }

    override func end(_ name: String) {
        switch name {
        case "v", "f", "t": reading = .none
        case "c":
            guard let cell else { return }
            store(cellValue(), at: cell)
            if hasFormula, !formula.isEmpty { formulas[cell] = formula }
            self.cell = nil
        default: break
        }
    }

    func cellValue() -> CellValue {
        if hasFormula, !hasValue, type != "inlineStr" {
            return .error("the formula =\(formula) has no saved result; open the file in a spreadsheet application, let it calculate, and save it again")
        }
        switch type {
        case "s":
            guard let index = Int(value.trimmingCharacters(in: .whitespaces)), index >= 0, index < strings.count else {
                return .error("the cell points at shared string \(value), which the workbook does not have; save it again")
            }
            return strings[index].isEmpty ? .empty : .text(strings[index])
        case "inlineStr": return inline.isEmpty ? .empty : .text(decodeEscapes(inline))
        case "str": return .text(decodeEscapes(value))
        case "b": return .bool(value.trimmingCharacters(in: .whitespaces) == "1" || value == "true")
        case "e": return .error("the cell holds the error \(value)")
        case "d":
            return SheetDate(iso: value.trimmingCharacters(in: .whitespaces)).map(CellValue.date)
                ?? .error("the cell holds \"\(value)\", which is not a date; save the file again")
        default:
            let trimmed = value.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty { return .empty }
            guard let number = Double(trimmed), number.isFinite else {
                return .error("the cell holds \"\(trimmed)\", which is not a number; save the file again")
            }
            if style >= 0, style < styles.isDate.count, styles.isDate[style], let date = SheetDate(serial: number, date1904: date1904) {
                return .date(date)
            }
            return .number(number)
        }
    }

    func store(_ value: CellValue, at cell: CellReference) {
        if case .empty = value { return }
        while rows.count < cell.row { rows.append([]) }
        var row = rows[cell.row - 1]
        rows[cell.row - 1] = []
        while row.count < cell.column { row.append(.empty) }
        row[cell.column - 1] = value
        rows[cell.row - 1] = row
    }
}
