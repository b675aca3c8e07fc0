/// A strict RFC 8259 JSON parser that records where every value and every object key starts.
///
/// The parser reads UTF-8 bytes (a leading byte order mark is skipped) and accepts exactly the
/// JSON grammar: no comments, no trailing commas, no `NaN` or `Infinity`, no single quotes, no
/// unescaped control characters, no lone surrogates. Each error says where it is and what was
/// expected there. Numbers keep their source text. Nesting deeper than `maximumDepth` is an
/// error rather than a crash; the parser uses an explicit stack, never recursion.
public struct JSONParser {
    /// How many arrays and objects may nest inside each other.
    public static let maximumDepth = 512

    /// What to do with a key that an object already has.
    public enum DuplicateKeys: Sendable {
        /// Fail with an error that names both places.
        case reject
        /// Keep every member in order; `JSONNode.subscript` returns the first.
        case keep
    }

    let bytes: [UInt8]
    var index = 0
    /// The line of `index`, and where that line starts; kept up to date by every move.
    var line = 1
    var lineStart = 0
    /// A column worked out before on this line (counting from `lineStart`), so that columns on a
    /// long line (a compact file) are counted once, not from the line's start every time.
    var columnIndex = 0
    var columnValue = 1
    /// Whether some object repeats a key (with `.keep`); the plan reader reports them.
    var sawDuplicateKey = false

    init(bytes: [UInt8]) {
        self.bytes = bytes
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            index = 3
            lineStart = 3
            columnIndex = 3
        }
    }

    /// Parses one JSON document.
    ///
    /// - Parameters:
    ///   - bytes: the document as UTF-8, optionally starting with a byte order mark.
    ///   - duplicateKeys: whether a repeated key in one object is an error.
    /// - Returns: the root value, with source positions.
    /// - Throws: `JSONSyntaxError` at the first problem.
    public static func parse(_ bytes: [UInt8], duplicateKeys: DuplicateKeys = .reject) throws(JSONSyntaxError) -> JSONNode {
        try parseNoting(bytes, duplicateKeys: duplicateKeys).root
    }

    /// Parses one JSON document, and says whether some object repeats a key (always false
    /// with `.reject`, which fails instead).
    public static func parseNoting(
        _ bytes: [UInt8], duplicateKeys: DuplicateKeys = .reject
    ) throws(JSONSyntaxError) -> (root: JSONNode, hasDuplicateKeys: Bool) {
        var parser = JSONParser(bytes: bytes)
        try parser.checkEncoding()
        let root = try parser.parseDocument(duplicateKeys: duplicateKeys)
        return (root, parser.sawDuplicateKey)
    }

    /// Parses one JSON document from a string.
    public static func parse(_ text: String, duplicateKeys: DuplicateKeys = .reject) throws(JSONSyntaxError) -> JSONNode {
        try parse(Array(text.utf8), duplicateKeys: duplicateKeys)
    }
}

// MARK: - Reading bytes

extension JSONParser {
    /// The current position. Columns count Unicode scalars: bytes that do not continue a
    /// UTF-8 sequence, from the start of the line.
    var position: SourcePosition {
        let from = columnIndex >= lineStart && columnIndex <= index ? columnIndex : lineStart
        var column = from == lineStart ? 1 : columnValue
        var at = from
        while at < index {
            if bytes[at] & 0xC0 != 0x80 { column += 1 }
            at += 1
        }
        return SourcePosition(line: line, column: column)
    }

    /// The current position, remembered so that the next one on this line counts from here.
    mutating func here() -> SourcePosition {
        let current = position
        columnIndex = index
        columnValue = current.column
        return current
    }

    var peek: UInt8? { index < bytes.count ? bytes[index] : nil }

    /// Moves past one byte, keeping the line up to date.
    mutating func advance() {
        let byte = bytes[index]
        index += 1
        if byte == 0x0A {
            line += 1
            lineStart = index
        }
    }

    mutating func skipWhitespace() {
        let count = bytes.count
        var at = index
        while at < count {
            let byte = bytes[at]
            if byte == 0x20 || byte == 0x09 || byte == 0x0D {
                at += 1
            } else if byte == 0x0A {
                at += 1
                line += 1
                lineStart = at
            } else {
                break
            }
        }
        index = at
    }

    func error(_ message: String, at position: SourcePosition? = nil) -> JSONSyntaxError {
        JSONSyntaxError(message, at: position ?? self.position)
    }

    /// What is at the current position, for "found ..." in messages.
    func describeCurrent() -> String {
        guard index < bytes.count else { return "the end of the input" }
        let byte = bytes[index]
        if byte < 0x20 || byte == 0x7F { return "the control character U+" + String(byte, radix: 16, uppercase: true).leftPadded(to: 4) }
        let end = min(bytes.count, index + 4)
        let scalar = String(decoding: bytes[index..<end], as: UTF8.self).unicodeScalars.first ?? "?"
        return scalar == "'" ? "\"'\"" : "'\(scalar)'"
    }

    /// Fails at the first byte sequence that is not UTF-8.
    mutating func checkEncoding() throws(JSONSyntaxError) {
        guard let bad = Self.firstInvalidUTF8(in: bytes, from: index) else { return }
        while index < bad { advance() }
        let hex = String(bytes[bad], radix: 16, uppercase: true).leftPadded(to: 2)
        throw error("the text is not valid UTF-8 (byte 0x\(hex) here); save the file as UTF-8")
    }

    /// The index of the first byte that does not belong to a well-formed UTF-8 sequence.
    static func firstInvalidUTF8(in bytes: [UInt8], from start: Int) -> Int? {
        var index = start
        let count = bytes.count
        while index < count {
            let lead = bytes[index]
            if lead < 0x80 {
                index += 1
                // Plain ASCII, eight bytes at a time.
                while index + 8 <= count {
                    let word = bytes.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: index, as: UInt64.self) }
                    if word & 0x8080_8080_8080_8080 != 0 { break }
                    index += 8
                }
                continue
            }
            let length: Int
            var low: UInt8 = 0x80, high: UInt8 = 0xBF
            switch lead {
            case 0xC2...0xDF: length = 2
            case 0xE0: length = 3; low = 0xA0
            case 0xED: length = 3; high = 0x9F
            case 0xE1...0xEF: length = 3
            case 0xF0: length = 4; low = 0x90
            case 0xF1...0xF3: length = 4
            case 0xF4: length = 4; high = 0x8F
            default: return index
            }
            for offset in 1..<length {
                guard index + offset < bytes.count else { return index }
                let byte = bytes[index + offset]
                let (minimum, maximum) = offset == 1 ? (low, high) : (UInt8(0x80), UInt8(0xBF))
                guard byte >= minimum, byte <= maximum else { return index }
            }
            index += length
        }
        return nil
    }
}
