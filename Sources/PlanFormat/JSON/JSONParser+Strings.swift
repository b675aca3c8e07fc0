extension JSONParser {
    /// Reads a string from its opening quote to its closing one into an entry: its end in the
    /// bytes, or its text decoded when it has escapes.
    mutating func parseString(at start: Int, flags: UInt8 = 0) throws(JSONSyntaxError) {
        advance()
        // Most strings have no escape: taken straight from the bytes.
        let first = index
        let count = bytes.count
        var at = first
        while at < count {
            let byte = bytes[at]
            if byte == UInt8(ascii: "\"") {
                index = at + 1
                append(.string, at: start, UInt32(truncatingIfNeeded: at), flags: flags)
                return
            }
            if byte == UInt8(ascii: "\\") || byte < 0x20 { break }
            at += 1
        }
        var buffer: [UInt8] = Array(bytes[first..<at])
        index = at
        while true {
            guard let byte = peek else {
                throw error("unterminated string: expected a closing '\"' for the string that starts here", at: start)
            }
            switch byte {
            case UInt8(ascii: "\""):
                advance()
                append(.string, at: start, UInt32(truncatingIfNeeded: decoded.count), flags: flags | JSONTape.Entry.escaped)
                decoded.append(String(decoding: buffer, as: UTF8.self))
                return
            case UInt8(ascii: "\\"):
                try parseEscape(into: &buffer)
            case 0x0A, 0x0D:
                throw error("line break inside a string: close the string with '\"' on the same line, or write the break as \\n")
            case 0..<0x20:
                let code = "U+" + String(byte, radix: 16, uppercase: true).leftPadded(to: 4)
                throw error("control character \(code) inside a string: write it escaped, as \\u\(String(byte, radix: 16, uppercase: true).leftPadded(to: 4))")
            default:
                buffer.append(byte)
                advance()
            }
        }
    }

    /// Reads one escape sequence after a backslash, including `\uXXXX` surrogate pairs.
    mutating func parseEscape(into buffer: inout [UInt8]) throws(JSONSyntaxError) {
        let start = index
        advance()
        guard let letter = peek else {
            throw error("unterminated escape at the end of the input", at: start)
        }
        let simple: UInt8?
        switch letter {
        case UInt8(ascii: "\""): simple = 0x22
        case UInt8(ascii: "\\"): simple = 0x5C
        case UInt8(ascii: "/"): simple = 0x2F
        case UInt8(ascii: "b"): simple = 0x08
        case UInt8(ascii: "f"): simple = 0x0C
        case UInt8(ascii: "n"): simple = 0x0A
        case UInt8(ascii: "r"): simple = 0x0D
        case UInt8(ascii: "t"): simple = 0x09
        case UInt8(ascii: "u"): simple = nil
        default:
            throw error("invalid escape \\\(describeCurrent().trimmingQuotes) in a string; the escapes are \\\" \\\\ \\/ \\b \\f \\n \\r \\t and \\uXXXX", at: start)
        }
        advance()
        if let simple {
            buffer.append(simple)
            return
        }
        let unit = try parseHex4(escapeAt: start)
        var scalarValue = unit
        switch unit {
        case 0xD800...0xDBFF:
            let lowStart = index
            guard peek == UInt8(ascii: "\\"), index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "u") else {
                throw error("lone surrogate \\u\(Self.hex(unit)): a high surrogate must be followed by a low one (\\uDC00 to \\uDFFF)", at: start)
            }
            advance()
            advance()
            let low = try parseHex4(escapeAt: lowStart)
            guard (0xDC00...0xDFFF).contains(low) else {
                throw error("lone surrogate \\u\(Self.hex(unit)): it is followed by \\u\(Self.hex(low)), not a low surrogate (\\uDC00 to \\uDFFF)", at: start)
            }
            scalarValue = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)
        case 0xDC00...0xDFFF:
            throw error("lone surrogate \\u\(Self.hex(unit)): a low surrogate must follow a high one (\\uD800 to \\uDBFF)", at: start)
        default:
            break
        }
        guard let scalar = Unicode.Scalar(scalarValue) else {
            throw error("invalid escape \\u\(Self.hex(unit))", at: start)
        }
        UTF8.encode(scalar) { buffer.append($0) }
    }

    /// Four hexadecimal digits after `\u`.
    mutating func parseHex4(escapeAt start: Int) throws(JSONSyntaxError) -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard let byte = peek, let digit = Self.hexValue(byte) else {
                throw error("invalid escape: \\u must be followed by four hexadecimal digits, found \(describeCurrent())", at: start)
            }
            value = value * 16 + digit
            advance()
        }
        return value
    }

    static func hexValue(_ byte: UInt8) -> UInt32? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt32(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): UInt32(byte - UInt8(ascii: "A") + 10)
        default: nil
        }
    }

    static func hex(_ value: UInt32) -> String {
        String(value, radix: 16, uppercase: true).leftPadded(to: 4)
    }
}

extension String {
    /// The text without one pair of surrounding single quotes.
    var trimmingQuotes: String {
        guard count >= 2, hasPrefix("'"), hasSuffix("'") else { return self }
        return String(dropFirst().dropLast())
    }
}
