extension JSONValue {
    /// The document as JSON text: indented by two spaces when `pretty`, keys in their order.
    ///
    /// Numbers print in their shortest form that reads back to the same value; whole numbers
    /// print without a fraction. A number that is not finite prints as `null`.
    public func serialized(pretty: Bool = true) -> String {
        let output = TextBuffer()
        write(to: output, indent: pretty ? 0 : nil)
        if pretty { output.append(0x0A) }
        return output.text
    }

    func write(to output: TextBuffer, indent: Int?) {
        switch self {
        case .null: output.append("null")
        case .bool(let value): output.append(value ? "true" : "false")
        case .number(let value): Self.writeNumber(value, to: output)
        case .string(let value): Self.writeString(value, to: output)
        case .array(let items):
            Self.writeContainer(UInt8(ascii: "["), UInt8(ascii: "]"), count: items.count, to: output, indent: indent) { index, inner in
                items[index].write(to: output, indent: inner)
            }
        case .object(let members):
            Self.writeContainer(UInt8(ascii: "{"), UInt8(ascii: "}"), count: members.count, to: output, indent: indent) { index, inner in
                Self.writeString(members[index].key, to: output)
                output.append(UInt8(ascii: ":"))
                if inner != nil { output.append(UInt8(ascii: " ")) }
                members[index].value.write(to: output, indent: inner)
            }
        }
    }

    /// An array or object: its brackets, and its items one a line when indented.
    private static func writeContainer(
        _ open: UInt8, _ close: UInt8, count: Int, to output: TextBuffer, indent: Int?,
        item: (Int, Int?) -> Void
    ) {
        output.append(open)
        guard count > 0 else {
            output.append(close)
            return
        }
        let inner = indent.map { $0 + 1 }
        for index in 0..<count {
            if index > 0 { output.append(UInt8(ascii: ",")) }
            newline(output, inner)
            item(index, inner)
        }
        newline(output, indent)
        output.append(close)
    }

    /// A line break and the indentation after it, copied from spaces in the program's constant
    /// text: no shared buffer whose references threads writing text at once would all count.
    static func newline(_ output: TextBuffer, _ indent: Int?) {
        guard let indent else { return }
        // The line break and up to 31 spaces in one copy, then 31 spaces at a time.
        let line: StaticString = "\n                               "
        let spaces = line.utf8CodeUnitCount - 1
        var left = 2 * indent
        let first = min(left, spaces)
        output.append(UnsafeBufferPointer(start: line.utf8Start, count: 1 + first))
        left -= first
        while left > 0 {
            let part = min(left, spaces)
            output.append(UnsafeBufferPointer(start: line.utf8Start + 1, count: part))
            left -= part
        }
    }

    /// A number as JSON: whole numbers up to 2^53 without a fraction, others in shortest form.
    public static func format(_ value: Double) -> String {
        let output = TextBuffer(capacity: 32)
        writeNumber(value, to: output)
        return output.text
    }

    static func writeNumber(_ value: Double, to output: TextBuffer) {
        guard value.isFinite else { output.append("null"); return }
        if value == value.rounded(), abs(value) <= 9.007_199_254_740_992e15 {
            var whole = Int64(value)
            if whole < 0 {
                output.append(UInt8(ascii: "-"))
                whole = -whole
            }
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in
                var start = digits.count
                repeat {
                    start -= 1
                    digits[start] = UInt8(ascii: "0") + UInt8(whole % 10)
                    whole /= 10
                } while whole > 0
                output.append(UnsafeBufferPointer(rebasing: digits[start...]))
            }
            return
        }
        var text = value.description
        text.withUTF8 { text in
            // Swift writes 1e-05; JSON accepts it, but a plain exponent reads better: 1e-5.
            guard let e = text.firstIndex(of: UInt8(ascii: "e")) else {
                output.append(text)
                return
            }
            output.append(UnsafeBufferPointer(rebasing: text[..<e]))
            output.append(UInt8(ascii: "e"))
            var digits = e + 1
            if digits < text.count, text[digits] == UInt8(ascii: "-") { output.append(UInt8(ascii: "-")) }
            while digits < text.count, text[digits] == UInt8(ascii: "-") || text[digits] == UInt8(ascii: "+") || text[digits] == UInt8(ascii: "0") {
                digits += 1
            }
            if digits == text.count {
                output.append(UInt8(ascii: "0"))
            } else {
                output.append(UnsafeBufferPointer(rebasing: text[digits...]))
            }
        }
    }

    static func writeString(_ value: String, to output: TextBuffer) {
        output.append(UInt8(ascii: "\""))
        // Most strings need no escape: their bytes go as they are, scanned and copied where
        // they lie.
        func isPlain(_ byte: UInt8) -> Bool {
            byte >= 0x20 && byte != UInt8(ascii: "\"") && byte != UInt8(ascii: "\\") && byte != 0xE2
        }
        var value = value
        let plain = value.withUTF8 { bytes in
            for byte in bytes where !isPlain(byte) { return false }
            output.append(bytes)
            return true
        }
        if plain {
            output.append(UInt8(ascii: "\""))
            return
        }
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": output.append("\\\"")
            case "\\": output.append("\\\\")
            case "\n": output.append("\\n")
            case "\r": output.append("\\r")
            case "\t": output.append("\\t")
            case "\u{2028}": output.append("\\u2028")
            case "\u{2029}": output.append("\\u2029")
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    output.append("\\u")
                    for _ in hex.count..<4 { output.append(UInt8(ascii: "0")) }
                    for byte in hex.utf8 { output.append(byte) }
                } else {
                    UTF8.encode(scalar) { output.append($0) }
                }
            }
        }
        output.append(UInt8(ascii: "\""))
    }
}
