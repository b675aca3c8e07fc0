/// A cell's place: 1-based row and column, written `D7` in A1 notation.
public struct CellReference: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var row: Int
    public var column: Int

    public init(row: Int, column: Int) {
        self.row = row
        self.column = column
    }

    /// Reads `D7`, `AA10` (any letter case; `$` signs are allowed and ignored).
    public init?(a1 text: String) {
        var column = 0
        var row = 0
        var seenDigit = false
        for scalar in text.unicodeScalars where scalar != "$" {
            switch scalar.value {
            case 0x41...0x5A, 0x61...0x7A:
                guard !seenDigit, column < 1 << 20 else { return nil }
                column = column * 26 + Int((scalar.value | 0x20) - 0x61 + 1)
            case 0x30...0x39:
                guard row < 1 << 40 else { return nil }
                seenDigit = true
                row = row * 10 + Int(scalar.value - 0x30)
            default: return nil
            }
        }
        guard column > 0, row > 0 else { return nil }
        self.init(row: row, column: column)
    }

    /// The column's letters: 1 is `A`, 27 is `AA`.
    public static func columnName(_ column: Int) -> String {
        var number = column
        var letters: [Character] = []
        while number > 0 {
            let remainder = (number - 1) % 26
            letters.append(Character(Unicode.Scalar(UInt8(65 + remainder))))
            number = (number - 1) / 26
        }
        return String(letters.reversed())
    }

    /// `D7`.
    public var a1: String { Self.columnName(column) + String(row) }

    public var description: String { a1 }

    public static func < (a: CellReference, b: CellReference) -> Bool { (a.row, a.column) < (b.row, b.column) }
}

/// A rectangle of cells, such as a merged range `A3:A5`.
public struct CellRange: Sendable, Hashable, CustomStringConvertible {
    public var first: CellReference
    public var last: CellReference

    public init(first: CellReference, last: CellReference) {
        self.first = first
        self.last = last
    }

    /// Reads `A3:B5` (or a single cell, `A3`).
    public init?(a1 text: String) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count <= 2, let first = CellReference(a1: String(parts[0])),
              let last = CellReference(a1: String(parts[parts.count - 1]))
        else { return nil }
        self.init(
            first: CellReference(row: min(first.row, last.row), column: min(first.column, last.column)),
            last: CellReference(row: max(first.row, last.row), column: max(first.column, last.column)))
    }

    public func contains(_ cell: CellReference) -> Bool {
        (first.row...last.row).contains(cell.row) && (first.column...last.column).contains(cell.column)
    }

    public var description: String { first == last ? first.a1 : "\(first.a1):\(last.a1)" }
}

/// A date (and time of day) as a spreadsheet stores it, in the workbook's own calendar.
public struct SheetDate: Sendable, Hashable, CustomStringConvertible {
    public var year: Int
    public var month: Int
    public var day: Int
    /// Seconds since midnight, rounded to the second.
    public var seconds: Int

    public init(year: Int, month: Int, day: Int, seconds: Int = 0) {
        self.year = year
        self.month = month
        self.day = day
        self.seconds = seconds
    }

    /// The date of a spreadsheet serial number: days since 1899-12-30 (or since 1904-01-01 in the
    /// 1904 date system), with the fraction the time of day. Excel's phantom 1900-02-29 is serial
    /// 60; serials below 61 are read as Excel reads them.
    public init?(serial: Double, date1904: Bool = false) {
        guard serial.isFinite, serial >= 0, serial < 2_958_466 else { return nil }
        var days = Int(serial.rounded(.down))
        let seconds = Int(((serial - Double(days)) * 86_400).rounded())
        if date1904 { days += 1462 } else if days < 61 { days += 1 }
        // Days since 1899-12-30 to a civil date (Howard Hinnant's algorithm, from 1970-01-01).
        let z = days - 25_569 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        self.init(year: year, month: month, day: day, seconds: min(seconds, 86_399))
    }

    /// Reads an ISO 8601 date as XLSX date cells (`t="d"`) hold it: `2027-01-31`, optionally
    /// with `T09:30:00` (a fraction of a second and a zone are ignored).
    public init?(iso text: String) {
        let parts = text.split(separator: "T", maxSplits: 1)
        guard let datePart = parts.first else { return nil }
        let date = datePart.split(separator: "-").map { Int($0) }
        guard date.count == 3, let year = date[0], let month = date[1], let day = date[2],
              (1...12).contains(month), (1...31).contains(day)
        else { return nil }
        var seconds = 0
        if parts.count == 2 {
            let clock = parts[1].prefix { $0.isNumber || $0 == ":" }.split(separator: ":").map { Int($0) ?? 0 }
            for (index, value) in clock.prefix(3).enumerated() { seconds += value * [3600, 60, 1][index] }
        }
        self.init(year: year, month: month, day: day, seconds: min(seconds, 86_399))
    }

    /// `2027-01-31`, with ` 09:30:00` when it has a time of day.
    public var description: String {
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        var text = "\(year)-\(two(month))-\(two(day))"
        if seconds > 0 { text += " \(two(seconds / 3600)):\(two(seconds / 60 % 60)):\(two(seconds % 60))" }
        return text
    }
}

/// What a cell holds, as read from a CSV or XLSX file.
public enum CellValue: Sendable, Hashable {
    case empty
    /// Text: every CSV field, and XLSX shared or inline strings (and cached text of formulas).
    case text(String)
    case number(Double)
    case bool(Bool)
    /// A number shown with a date format.
    case date(SheetDate)
    /// A cell the file marks as an error (`#DIV/0!`), or a formula with no cached value: the
    /// message says which.
    case error(String)

    public var isEmpty: Bool {
        switch self {
        case .empty: true
        case .text(let text): text.allSatisfy(\.isWhitespace)
        default: false
        }
    }
}

/// One sheet of cells: rows of values from row 1, with where each came from.
public struct Sheet: Sendable, Equatable {
    /// The sheet's name in its workbook; nil for a CSV file.
    public var name: String?
    /// `rows[r][c]` is the cell at row r + 1, column c + 1; rows may be shorter than others.
    public var rows: [[CellValue]]
    /// Merged ranges, for readers that must refuse values spread over several cells.
    public var merges: [CellRange]
    /// Formulas by cell, for messages (their cached values are in `rows`).
    public var formulas: [CellReference: String]

    public init(name: String? = nil, rows: [[CellValue]], merges: [CellRange] = [], formulas: [CellReference: String] = [:]) {
        self.name = name
        self.rows = rows
        self.merges = merges
        self.formulas = formulas
    }

    /// The value at a cell, `.empty` outside the rows.
    public subscript(_ cell: CellReference) -> CellValue {
        guard cell.row >= 1, cell.row <= rows.count, cell.column >= 1, cell.column <= rows[cell.row - 1].count else {
            return .empty
        }
        return rows[cell.row - 1][cell.column - 1]
    }
}
