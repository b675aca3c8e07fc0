/// Reads and writes CSV files (RFC 4180) as sheets of text cells.
///
/// Reading takes UTF-8 with or without a byte order mark, a `,`, `;` or tab delimiter (detected
/// from the first record that is not a comment), fields quoted with `"` (a doubled `""` inside is
/// one quote; line breaks inside quotes are text), and CRLF, LF or CR line ends.
public enum CSV {
    /// The most rows a sheet may have (Excel's limit), CSV and XLSX alike.
    public static let maximumRows = 1_048_576

    /// Options of reading.
    public struct ReadOptions: Sendable {
        /// The most rows read; a file with more is refused.
        public var maximumRows: Int

        public init(maximumRows: Int = CSV.maximumRows) {
            self.maximumRows = maximumRows
        }
    }

    /// The delimiter of a CSV text: the most frequent of `,` `;` and tab outside quotes in its
    /// first line that does not start with `#` (a comma when none appears).
    public static func delimiter(of bytes: ArraySlice<UInt8>) -> UInt8 {
        var counts: [UInt8: Int] = [0x2C: 0, 0x3B: 0, 0x09: 0]
        var quoted = false
        var lineStart = true
        var comment = false
        for byte in bytes {
            if lineStart {
                lineStart = false
                comment = byte == 0x23
            }
            if byte == 0x22 { quoted.toggle(); continue }
            if quoted { continue }
            if byte == 0x0A || byte == 0x0D {
                if !comment, counts.values.contains(where: { $0 > 0 }) { break }
                lineStart = true
                continue
            }
            if !comment, counts[byte] != nil { counts[byte]! += 1 }
        }
        let best = [UInt8(0x2C), 0x3B, 0x09].max { counts[$0]! < counts[$1]! }!
        return counts[best]! > 0 ? best : 0x2C
    }

    /// Reads a CSV file's bytes as a sheet of text cells (empty fields are `.empty`).
    ///
    /// - Throws: ``SpreadsheetError`` for text that is not UTF-8, a quote left open, a quote in
    ///   the middle of an unquoted field, or more than ``maximumRows`` rows.
    public static func read(_ bytes: [UInt8], options: ReadOptions = ReadOptions()) throws(SpreadsheetError) -> Sheet {
        var start = 0
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { start = 3 }
        if bytes.count >= 2, (bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF) {
            throw SpreadsheetError("the file is UTF-16 text; save it as \"CSV UTF-8\"")
        }
        let delimiter = Self.delimiter(of: bytes[start...])
        var rows: [[CellValue]] = []
        var row: [CellValue] = []
        var field: [UInt8] = []
        var quotedField = false
        var index = start
        let count = bytes.count
        var fieldStartRow = 1

        func cell(_ at: Int) -> CellReference { CellReference(row: rows.count + 1, column: at) }
        func finishField() throws(SpreadsheetError) {
            guard let text = String(validating: field, as: UTF8.self) else {
                throw SpreadsheetError("the text is not UTF-8; save the file as \"CSV UTF-8\"", cell: cell(row.count + 1))
            }
            row.append(text.isEmpty && !quotedField ? .empty : .text(text))
            field.removeAll(keepingCapacity: true)
            quotedField = false
        }
        func finishRow() throws(SpreadsheetError) {
            try finishField()
            if row.count == 1, row[0] == .empty { row = [] }
            rows.append(row)
            row = []
            if rows.count > options.maximumRows {
                throw SpreadsheetError("the file has more than \(options.maximumRows) rows, the most a sheet can hold")
            }
        }

        while index < count {
            let byte = bytes[index]
            if byte == 0x22, field.isEmpty, !quotedField {
                // A quoted field: up to the closing quote; "" is a quote.
                quotedField = true
                fieldStartRow = rows.count + 1
                index += 1
                var closed = false
                while index < count {
                    let inner = bytes[index]
                    if inner == 0x22 {
                        if index + 1 < count, bytes[index + 1] == 0x22 {
                            field.append(0x22)
                            index += 2
                            continue
                        }
                        index += 1
                        closed = true
                        break
                    }
                    field.append(inner)
                    index += 1
                }
                guard closed else {
                    throw SpreadsheetError(
                        "a quoted field is never closed: a \" opens it here and the file ends inside it",
                        cell: CellReference(row: fieldStartRow, column: row.count + 1))
                }
                // Spaces may follow the closing quote; anything else is an error.
                while index < count, bytes[index] == 0x20 { index += 1 }
                if index < count, bytes[index] != delimiter, bytes[index] != 0x0A, bytes[index] != 0x0D {
                    throw SpreadsheetError(
                        "text follows a closing quote; a quote inside a quoted field is written twice (\"\")",
                        cell: CellReference(row: fieldStartRow, column: row.count + 1))
                }
                continue
            }
            if byte == delimiter {
                try finishField()
                index += 1
            } else if byte == 0x0A || byte == 0x0D {
                try finishRow()
                index += (byte == 0x0D && index + 1 < count && bytes[index + 1] == 0x0A) ? 2 : 1
            } else {
                // A quote inside an unquoted field (RFC 4180 allows none) is kept, as spreadsheets do.
                field.append(byte)
                index += 1
            }
        }
        if !field.isEmpty || !row.isEmpty || quotedField { try finishRow() }
        return Sheet(name: nil, rows: rows)
    }

    /// Writes rows as CSV: comma-separated, CRLF line ends, UTF-8 without a byte order mark; a
    /// field is quoted when it holds a comma, a quote, a line break, or leading or trailing spaces.
    public static func write(_ rows: [[String]]) -> String {
        var text = ""
        for row in rows {
            text += row.map(field).joined(separator: ",")
            text += "\r\n"
        }
        return text
    }

    /// One field, quoted when needed.
    public static func field(_ value: String) -> String {
        let needs = value.contains { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == ";" || $0 == "\t" }
            || value.first == " " || value.last == " "
        guard needs else { return value }
        return "\"" + value.replacingAll("\"", with: "\"\"") + "\""
    }
}

extension String {
    /// Every occurrence of `target` replaced, without Foundation.
    func replacingAll(_ target: String, with replacement: String) -> String {
        split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
