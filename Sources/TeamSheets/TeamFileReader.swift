import PlanFormat
import Spreadsheet

/// A team file, read into cells: a CSV file or one sheet of a workbook.
public struct TeamFile: Sendable {
    /// The path as the user gave it, for messages.
    public let path: String
    public let sheet: Sheet
    /// Whether cells are named `Sheet!D7` (a workbook) or by row and column (a CSV file).
    public let isWorkbook: Bool

    public init(path: String, sheet: Sheet, isWorkbook: Bool) {
        self.path = path
        self.sheet = sheet
        self.isWorkbook = isWorkbook
    }

    /// Where a cell is, as errors give it.
    public func location(_ cell: CellReference) -> SourceLocation {
        isWorkbook ? .sheet(name: sheet.name ?? "Sheet1", cell: cell.a1) : .csv(row: cell.row, column: cell.column)
    }
}

/// One request read from a row: its plan JSON, and the cell each field came from.
struct ImportedRequest {
    let team: String
    let teamCell: CellReference
    let id: String
    let idCell: CellReference
    /// The request as a plan file writes it.
    let json: JSONValue
    /// The cell of each field, by its path below the request (`amount`, `impact.arr`, ...).
    let cells: [JSONPath: CellReference]
    let file: TeamFile
    /// Whether the row had errors of its own: the merged plan's checks of the request as a
    /// whole (a missing amount) would only repeat them.
    let hadErrors: Bool
}

/// Reads the rows of one team file against a company plan's KPIs and periods.
struct TeamFileReader {
    let file: TeamFile
    let kpis: [KPI]
    let periods: [String]
    let matcher: HeaderMatcher
    private(set) var errors: [PlanError] = []

    init(file: TeamFile, kpis: [KPI], periods: [String], matcher: HeaderMatcher? = nil) {
        self.file = file
        self.kpis = kpis
        self.periods = periods
        self.matcher = matcher ?? HeaderMatcher(kpis: kpis, periods: periods)
    }

    mutating func error(_ message: String, at cell: CellReference?) {
        errors.append(PlanError(file: file.path, path: "", location: cell.map(file.location), message: message))
    }

    /// Whether a row is a comment (its first cell starts with `#`) or empty.
    static func isSkipped(_ row: [CellValue]) -> Bool {
        if row.allSatisfy(\.isEmpty) { return true }
        if case .text(let text) = row.first, text.trimmingSpaces.hasPrefix("#") { return true }
        return false
    }

    mutating func read() -> [ImportedRequest] {
        let rows = file.sheet.rows
        guard let headerIndex = rows.firstIndex(where: { !Self.isSkipped($0) }) else {
            error("the sheet is empty: it needs a header row (Team, Request, Amount, ...) and one row per request", at: nil)
            return []
        }
        let headerRow = headerIndex + 1
        for merge in file.sheet.merges where merge.last.row >= headerRow {
            error("cells \(merge) are merged; unmerge them and give each cell its own value", at: merge.first)
        }
        // The header row: each column's meaning.
        var columns: [Int: TeamColumn] = [:]
        var seen: [TeamColumn: CellReference] = [:]
        for (offset, value) in rows[headerIndex].enumerated() {
            let cell = CellReference(row: headerRow, column: offset + 1)
            guard case .text(let header) = value, !header.trimmingSpaces.isEmpty else {
                if !value.isEmpty { error("a header is text naming a column, such as Amount; found \(Self.describe(value))", at: cell) }
                continue
            }
            guard let column = matcher.match(header) else {
                error(unknownHeaderMessage(header), at: cell)
                continue
            }
            if let earlier = seen[column] {
                error("the column \(Quoted.text(header.trimmingSpaces)) appears twice (also \(earlier.a1)); keep one", at: cell)
                continue
            }
            seen[column] = cell
            columns[offset] = column
        }
        let missing = [TeamColumn.team, .request, .amount].filter { seen[$0] == nil }
        if !missing.isEmpty {
            let names = missing.map(\.header)
            let list = names.count == 1 ? names[0] : names.dropLast().joined(separator: ", ") + " and " + names.last!
            error(
                "the header row has no \(list) column\(names.count == 1 ? "" : "s"): every team file needs Team, Request and Amount",
                at: CellReference(row: headerRow, column: 1))
            return []
        }
        var requests: [ImportedRequest] = []
        for index in (headerIndex + 1)..<rows.count where !Self.isSkipped(rows[index]) {
            if let request = readRow(rows[index], row: index + 1, columns: columns) { requests.append(request) }
        }
        return requests
    }

    func unknownHeaderMessage(_ header: String) -> String {
        let (base, perDollar) = TeamColumn.perDollar(header)
        let kpiList = kpis.map(\.id).joined(separator: ", ")
        var candidates = kpis.map(\.id)
        if perDollar {
            let hint = Suggestion.nearest(to: base, among: candidates).map { "; did you mean \"\($0) per $\"?" } ?? ""
            return "\(Quoted.text(header.trimmingSpaces)): \(Quoted.text(base)) is not a KPI of the plan (its KPIs are \(kpiList))\(hint)"
        }
        candidates += periods + TeamColumn.fixed.map(\.header)
        let nearest = Suggestion.nearest(to: TeamColumn.key(base), among: candidates.map(TeamColumn.key)).flatMap { key in
            candidates.first { TeamColumn.key($0) == key }
        }
        let hint = nearest.map { "; did you mean \"\($0)\"?" } ?? ""
        let periodList = periods.isEmpty ? "" : ", a period (\(periods.joined(separator: ", ")))"
        return "unknown column \(Quoted.text(header.trimmingSpaces)): not a KPI of the plan (\(kpiList))\(periodList) or a column of the layout\(hint)"
    }

    static func describe(_ value: CellValue) -> String {
        switch value {
        case .empty: "an empty cell"
        case .text(let text): Quoted.text(text)
        case .number(let number): NumberText.significant(number)
        case .bool(let flag): flag ? "TRUE" : "FALSE"
        case .date(let date): "the date \(date)"
        case .error(let message): message
        }
    }

    /// A row's request, or nil when its team or id is missing (each problem reported).
    mutating func readRow(_ row: [CellValue], row number: Int, columns: [Int: TeamColumn]) -> ImportedRequest? {
        let errorsBefore = errors.count
        var cellOf: [TeamColumn: CellReference] = [:]
        var valueOf: [TeamColumn: CellValue] = [:]
        for (offset, column) in columns {
            let cell = CellReference(row: number, column: offset + 1)
            cellOf[column] = cell
            let value = offset < row.count ? row[offset] : .empty
            if case .error(let message) = value {
                error(message, at: cell)
                continue
            }
            if !value.isEmpty { valueOf[column] = Self.unneutralised(value) }
        }
        for (offset, value) in row.enumerated() where columns[offset] == nil && !value.isEmpty {
            error("this cell has no header; give its column a header, or clear it", at: CellReference(row: number, column: offset + 1))
        }
        var fields: [(key: String, value: JSONValue)] = []
        var cells: [JSONPath: CellReference] = [:]
        func add(_ key: String, _ value: JSONValue?, _ column: TeamColumn) {
            guard let value else { return }
            fields.append((key, value))
            cells[JSONPath.root.key(key)] = cellOf[column]
        }
        let team = text(.team, valueOf, cellOf, "give the team's id, such as \"sales\"")
        let id = text(.request, valueOf, cellOf, "give each request an id unique in the plan, such as \"sales-ae\"")
        add("id", id.map(JSONValue.string), .request)
        add("name", valueOf[.name].map { .string(Self.plainText($0)) }, .name)
        if valueOf[.amount] == nil {
            error("the Amount is empty: give what the team asks for, such as 250k", at: cellOf[.amount])
        }
        add("amount", amount(.amount, valueOf, cellOf), .amount)
        add("min", amount(.committed, valueOf, cellOf), .committed)
        add("max", amount(.max, valueOf, cellOf), .max)
        add("unitCost", amount(.unitCost, valueOf, cellOf), .unitCost)
        add("minIfFunded", amount(.minIfFunded, valueOf, cellOf), .minIfFunded)
        add("allOrNothing", flag(.allOrNothing, valueOf, cellOf), .allOrNothing)
        // Phasing: one column per period; a period left empty counts 0 when any is given.
        var phasing: [(key: String, value: JSONValue)] = []
        var firstPhase: CellReference?
        for period in periods {
            guard let share = fraction(.period(period), valueOf, cellOf) else { continue }
            phasing.append((period, share))
            cells[JSONPath.root.key("phasing").key(period)] = cellOf[.period(period)]
            if firstPhase == nil { firstPhase = cellOf[.period(period)] }
        }
        if !phasing.isEmpty {
            fields.append(("phasing", .object(phasing)))
            cells[JSONPath.root.key("phasing")] = firstPhase
        }
        // Impacts: one column per KPI (at full funding, or a curve), or per dollar.
        var impacts: [(key: String, value: JSONValue)] = []
        var firstImpact: CellReference?
        for kpi in kpis {
            let total = impact(.kpi(kpi.id), valueOf, cellOf)
            let perDollar = impact(.kpiPerDollar(kpi.id), valueOf, cellOf)
            if total != nil, perDollar != nil {
                error(
                    "both \(kpi.id) and \(kpi.id) per $ are filled: give the impact at full funding or per dollar, not both",
                    at: cellOf[.kpiPerDollar(kpi.id)])
                continue
            }
            guard let impact = total ?? perDollar else { continue }
            let column: TeamColumn = total != nil ? .kpi(kpi.id) : .kpiPerDollar(kpi.id)
            impacts.append((kpi.id, impact))
            cells[JSONPath.root.key("impact").key(kpi.id)] = cellOf[column]
            if firstImpact == nil { firstImpact = cellOf[column] }
        }
        if !impacts.isEmpty {
            fields.append(("impact", .object(impacts)))
            cells[JSONPath.root.key("impact")] = firstImpact
        }
        add("confidence", fraction(.confidence, valueOf, cellOf), .confidence)
        if let value = valueOf[.requires] {
            let ids = Self.plainText(value).split { $0 == "," || $0 == ";" || $0 == "\n" }.map { String($0).trimmingSpaces }.filter { !$0.isEmpty }
            add("requires", .array(ids.map(JSONValue.string)), .requires)
        }
        add("note", valueOf[.note].map { .string(Self.plainText($0)) }, .note)
        guard let team, let id, let teamCell = cellOf[.team], let idCell = cellOf[.request] else { return nil }
        return ImportedRequest(team: team, teamCell: teamCell, id: id, idCell: idCell, json: .object(fields), cells: cells, file: file,
            hadErrors: errors.count > errorsBefore)
    }

    /// Text that a writer marked with an apostrophe so that no spreadsheet runs it as a formula
    /// (`'=x`, `'-5%`), without the apostrophe.
    static func unneutralised(_ value: CellValue) -> CellValue {
        guard case .text(let text) = value, text.hasPrefix("'"), let second = text.unicodeScalars.dropFirst().first,
              "=+-@\t\r".unicodeScalars.contains(second)
        else { return value }
        return .text(String(text.dropFirst()))
    }

    /// A number in scientific notation, as spreadsheets and Allot write very small or large
    /// numbers in CSV files (`1.5E-06`); nil for any other text.
    static func scientific(_ text: String) -> Double? {
        guard text.contains(where: { $0 == "e" || $0 == "E" }),
              text.allSatisfy({ $0.isASCII && ($0.isNumber || "eE+-.".contains($0)) }),
              let number = Double(text), number.isFinite
        else { return nil }
        return number
    }

    /// A cell as text: text as it is, a number in its shortest form.
    static func plainText(_ value: CellValue) -> String {
        switch value {
        case .text(let text): text
        case .number(let number): JSONValue.format(number)
        case .bool(let flag): flag ? "TRUE" : "FALSE"
        case .date(let date): date.description
        case .empty, .error: ""
        }
    }

    mutating func text(_ column: TeamColumn, _ values: [TeamColumn: CellValue], _ cells: [TeamColumn: CellReference], _ hint: String) -> String? {
        guard let value = values[column] else {
            if values.isEmpty == false { error("the \(column.header) is empty: \(hint)", at: cells[column]) }
            return nil
        }
        switch value {
        case .text(let text): return text.trimmingSpaces
        case .number(let number): return JSONValue.format(number)
        default:
            error("expected an id, found \(Self.describe(value))", at: cells[column])
            return nil
        }
    }

    /// A cell read as a number or as text, each problem reported at the cell: `number` and
    /// `text` (trimmed) give the value or throw the message.
    mutating func read(
        _ column: TeamColumn, _ values: [TeamColumn: CellValue], _ cells: [TeamColumn: CellReference], expected: String,
        number: (Double) throws(MoneyError) -> JSONValue, text: (String) throws(MoneyError) -> JSONValue
    ) -> JSONValue? {
        guard let value = values[column] else { return nil }
        do {
            switch value {
            case .number(let value): return try number(value)
            case .text(let raw): return try text(raw.trimmingSpaces)
            default:
                error("expected \(expected), found \(Self.describe(value))", at: cells[column])
                return nil
            }
        } catch {
            self.error(error.message, at: cells[column])
            return nil
        }
    }

    /// A money amount: a number, or text as plans write it ("1.2M", "$750k", "1,200,000").
    mutating func amount(_ column: TeamColumn, _ values: [TeamColumn: CellValue], _ cells: [TeamColumn: CellReference]) -> JSONValue? {
        read(column, values, cells, expected: "an amount such as 1200000 or 1.2M") { number throws(MoneyError) in
            .number(try Money.checkAmount(number, written: JSONValue.format(number)))
        } text: { text throws(MoneyError) in
            if text.hasPrefix("("), text.hasSuffix(")") {
                throw MoneyError(
                    "\(Quoted.text(text)) is a negative amount in accounting brackets; amounts are never negative: write what is asked, such as \(String(text.dropFirst().dropLast()))")
            }
            if let number = Self.scientific(text) { return .number(try Money.checkAmount(number, written: Quoted.text(text))) }
            return .number(try Money.amount(text))
        }
    }

    /// A fraction: a number in [0, 1], a percentage ("40%"), or in a CSV file a decimal ("0.4").
    mutating func fraction(_ column: TeamColumn, _ values: [TeamColumn: CellValue], _ cells: [TeamColumn: CellReference]) -> JSONValue? {
        read(column, values, cells, expected: "a fraction such as 0.4 or 40%") { number throws(MoneyError) in
            .number(try Money.checkFraction(number, written: JSONValue.format(number)))
        } text: { text throws(MoneyError) in
            if let number = Double(text), !text.contains(where: { $0.isLetter }) {
                return .number(try Money.checkFraction(number, written: Quoted.text(text)))
            }
            return .number(try Money.fraction(text))
        }
    }

    /// An impact: a number (at full funding, or per dollar in a "per $" column), or a curve
    /// written "200k:1.5; 400k:2.2" (cumulative spend:impact points).
    mutating func impact(_ column: TeamColumn, _ values: [TeamColumn: CellValue], _ cells: [TeamColumn: CellReference]) -> JSONValue? {
        let perDollar: Bool
        if case .kpiPerDollar = column { perDollar = true } else { perDollar = false }
        func wrap(_ number: Double) -> JSONValue { .object([(perDollar ? "perDollar" : "total", .number(number))]) }
        return read(column, values, cells, expected: "an impact such as 1.5, 350k or a curve \"200k:1.5; 400k:2.2\"") { number throws(MoneyError) in
            wrap(try Money.checkQuantity(number, written: JSONValue.format(number)))
        } text: { text throws(MoneyError) in
            if let number = Self.scientific(text) { return wrap(try Money.checkQuantity(number, written: Quoted.text(text))) }
            guard text.contains(":") else { return wrap(try Money.quantity(text)) }
            if perDollar {
                throw MoneyError("a curve goes in the KPI's own column (\(column.header.dropLast(6))), not in its per $ column")
            }
            var points: [JSONValue] = []
            for part in text.split(separator: ";") where !part.allSatisfy(\.isWhitespace) {
                let pair = part.split(separator: ":", omittingEmptySubsequences: false)
                guard pair.count == 2 else {
                    throw MoneyError(
                        "\(Quoted.text(String(part).trimmingSpaces)) is not a curve point: write spend:impact points separated by semicolons, such as \"200k:1.5; 400k:2.2\"")
                }
                let spend = try Money.amount(String(pair[0]).trimmingSpaces)
                let impact = try Money.quantity(String(pair[1]).trimmingSpaces)
                points.append(.array([.number(spend), .number(impact)]))
            }
            return .object([("curve", .array(points))])
        }
    }

    /// Yes or no: TRUE/FALSE cells, or text yes, no, true, false, y, n, x, 1, 0.
    mutating func flag(_ column: TeamColumn, _ values: [TeamColumn: CellValue], _ cells: [TeamColumn: CellReference]) -> JSONValue? {
        guard let value = values[column] else { return nil }
        switch value {
        case .bool(let flag): return .bool(flag)
        case .number(let number) where number == 0 || number == 1: return .bool(number == 1)
        case .text(let raw):
            switch raw.trimmingSpaces.lowercased() {
            case "yes", "y", "true", "x", "1": return .bool(true)
            case "no", "n", "false", "0": return .bool(false)
            default: break
            }
        default: break
        }
        error("\(Self.describe(value)) is not yes or no: write yes or no (or TRUE or FALSE), or leave the cell empty for no", at: cells[column])
        return nil
    }
}
