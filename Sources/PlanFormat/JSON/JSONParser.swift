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
    /// Where the text starts: after a byte order mark, if there is one.
    var textStart = 0
    /// Whether some object repeats a key (with `.keep`); the plan reader reports them.
    var sawDuplicateKey = false
    /// The document so far, in document order (see `JSONTape`).
    var entries: [JSONTape.Entry] = []
    var decoded: [String] = []
    /// The entry of the innermost open array or object.
    var parent = JSONTape.Entry.noParent

    init(bytes: [UInt8]) {
        self.bytes = bytes
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            index = 3
            textStart = 3
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
        try parseTape(bytes, duplicateKeys: duplicateKeys).tape.tree()
    }

    /// Parses one JSON document, and says whether some object repeats a key (always false
    /// with `.reject`, which fails instead).
    public static func parseNoting(
        _ bytes: [UInt8], duplicateKeys: DuplicateKeys = .reject
    ) throws(JSONSyntaxError) -> (root: JSONNode, hasDuplicateKeys: Bool) {
        let (tape, hasDuplicateKeys) = try parseTape(bytes, duplicateKeys: duplicateKeys)
        return (tape.tree(), hasDuplicateKeys)
    }

    /// Parses one JSON document into a flat tape, the same errors at the same places as `parse`.
    package static func parseTape(
        _ bytes: [UInt8], duplicateKeys: DuplicateKeys = .reject
    ) throws(JSONSyntaxError) -> (tape: JSONTape, hasDuplicateKeys: Bool) {
        var parser = JSONParser(bytes: bytes)
        guard bytes.count < Int(UInt32.max) else {
            throw parser.error("the document is larger than 4 GiB, which this reader does not take", at: parser.textStart)
        }
        try parser.checkEncoding()
        try parser.parseDocument(duplicateKeys: duplicateKeys)
        let tape = JSONTape(bytes: bytes, textStart: parser.textStart, entries: parser.entries, decoded: parser.decoded)
        return (tape, parser.sawDuplicateKey)
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
    var position: SourcePosition { position(atOffset: index) }

    /// The position of a byte offset, counted from the start (messages only: once a parse).
    func position(atOffset offset: Int) -> SourcePosition {
        var cursor = PositionCursor(textStart: textStart)
        return cursor.position(atOffset: offset, in: bytes)
    }

    var peek: UInt8? { index < bytes.count ? bytes[index] : nil }

    /// Moves past one byte.
    @inline(__always) mutating func advance() {
        index += 1
    }

    mutating func skipWhitespace() {
        let count = bytes.count
        var at = index
        bytes.withUnsafeBytes { bytes in
            while at < count {
                let byte = bytes[at]
                if byte == 0x20 {
                    // Indentation: the spaces after this one, eight at a time.
                    while at + 9 <= count, bytes.loadUnaligned(fromByteOffset: at + 1, as: UInt64.self) == 0x2020_2020_2020_2020 {
                        at += 8
                    }
                } else if byte != 0x0A && byte != 0x09 && byte != 0x0D {
                    break
                }
                at += 1
            }
        }
        index = at
    }

    /// An error at a byte offset (the current one by default).
    func error(_ message: String, at offset: Int? = nil) -> JSONSyntaxError {
        JSONSyntaxError(message, at: position(atOffset: offset ?? index))
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
        index = bad
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
