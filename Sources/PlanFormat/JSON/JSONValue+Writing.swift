extension JSONValue {
    /// The document as JSON text: indented by two spaces when `pretty`, keys in their order.
    ///
    /// Numbers print in their shortest form that reads back to the same value; whole numbers
    /// print without a fraction. A number that is not finite prints as `null`.
    public func serialized(pretty: Bool = true) -> String {
        var output: [UInt8] = []
        output.reserveCapacity(1 << 12)
        write(to: &output, indent: pretty ? 0 : nil)
        if pretty { output.append(0x0A) }
        return String(decoding: output, as: UTF8.self)
    }

    func write(to output: inout [UInt8], indent: Int?) {
        switch self {
        case .null: output.append(contentsOf: "null".utf8)
        case .bool(let value): output.append(contentsOf: (value ? "true" : "false").utf8)
        case .number(let value): Self.writeNumber(value, to: &output)
        case .string(let value): Self.writeString(value, to: &output)
        case .array(let items):
            Self.writeContainer(UInt8(ascii: "["), UInt8(ascii: "]"), count: items.count, to: &output, indent: indent) { index, output, inner in
                items[index].write(to: &output, indent: inner)
            }
        case .object(let members):
            Self.writeContainer(UInt8(ascii: "{"), UInt8(ascii: "}"), count: members.count, to: &output, indent: indent) { index, output, inner in
                Self.writeString(members[index].key, to: &output)
                output.append(UInt8(ascii: ":"))
                if inner != nil { output.append(UInt8(ascii: " ")) }
                members[index].value.write(to: &output, indent: inner)
            }
        }
    }

    /// An array or object: its brackets, and its items one a line when indented.
    private static func writeContainer(
        _ open: UInt8, _ close: UInt8, count: Int, to output: inout [UInt8], indent: Int?,
        item: (Int, inout [UInt8], Int?) -> Void
    ) {
        output.append(open)
        guard count > 0 else {
            output.append(close)
            return
        }
        let inner = indent.map { $0 + 1 }
        for index in 0..<count {
            if index > 0 { output.append(UInt8(ascii: ",")) }
            newline(&output, inner)
            item(index, &output, inner)
        }
        newline(&output, indent)
        output.append(close)
    }

    /// A line break and the indentation after it, copied from spaces in the program's constant
    /// text: no shared buffer whose references threads writing text at once would all count.
    static func newline(_ output: inout [UInt8], _ indent: Int?) {
        guard let indent else { return }
        output.append(0x0A)
        let spaces: StaticString = "                                "
        var left = 2 * indent
        while left > 0 {
            let part = min(left, spaces.utf8CodeUnitCount)
            output.append(contentsOf: UnsafeBufferPointer(start: spaces.utf8Start, count: part))
            left -= part
        }
    }

    /// A number as JSON: whole numbers up to 2^53 without a fraction, others in shortest form.
    public static func format(_ value: Double) -> String {
        var output: [UInt8] = []
        writeNumber(value, to: &output)
        return String(decoding: output, as: UTF8.self)
    }

    static func writeNumber(_ value: Double, to output: inout [UInt8]) {
        guard value.isFinite else { output.append(contentsOf: "null".utf8); return }
        if value == value.rounded(), abs(value) <= 9.007_199_254_740_992e15 {
            var whole = Int64(value)
            if whole == 0 { output.append(UInt8(ascii: "0")); return }
            if whole < 0 {
                output.append(UInt8(ascii: "-"))
                whole = -whole
            }
            let start = output.count
            while whole > 0 {
                output.append(UInt8(ascii: "0") + UInt8(whole % 10))
                whole /= 10
            }
            output[start...].reverse()
            return
        }
        var text = value.description
        text.withUTF8 { text in
            // Swift writes 1e-05; JSON accepts it, but a plain exponent reads better: 1e-5.
            guard let e = text.firstIndex(of: UInt8(ascii: "e")) else {
                output.append(contentsOf: text)
                return
            }
            output.append(contentsOf: UnsafeBufferPointer(rebasing: text[..<e]))
            output.append(UInt8(ascii: "e"))
            var digits = e + 1
            if digits < text.count, text[digits] == UInt8(ascii: "-") { output.append(UInt8(ascii: "-")) }
            while digits < text.count, text[digits] == UInt8(ascii: "-") || text[digits] == UInt8(ascii: "+") || text[digits] == UInt8(ascii: "0") {
                digits += 1
            }
            if digits == text.count {
                output.append(UInt8(ascii: "0"))
            } else {
                output.append(contentsOf: UnsafeBufferPointer(rebasing: text[digits...]))
            }
        }
    }

    static func writeString(_ value: String, to output: inout [UInt8]) {
        output.append(UInt8(ascii: "\""))
        // Most strings need no escape: their bytes go as they are, scanned and copied where
        // they lie.
        func isPlain(_ byte: UInt8) -> Bool {
            byte >= 0x20 && byte != UInt8(ascii: "\"") && byte != UInt8(ascii: "\\") && byte != 0xE2
        }
        var value = value
        let plain = value.withUTF8 { bytes in
            for byte in bytes where !isPlain(byte) { return false }
            output.append(contentsOf: bytes)
            return true
        }
        if plain {
            output.append(UInt8(ascii: "\""))
            return
        }
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": output.append(contentsOf: "\\\"".utf8)
            case "\\": output.append(contentsOf: "\\\\".utf8)
            case "\n": output.append(contentsOf: "\\n".utf8)
            case "\r": output.append(contentsOf: "\\r".utf8)
            case "\t": output.append(contentsOf: "\\t".utf8)
            case "\u{2028}": output.append(contentsOf: "\\u2028".utf8)
            case "\u{2029}": output.append(contentsOf: "\\u2029".utf8)
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    output.append(contentsOf: ("\\u" + String(repeating: "0", count: 4 - hex.count) + hex).utf8)
                } else {
                    UTF8.encode(scalar) { output.append($0) }
                }
            }
        }
        output.append(UInt8(ascii: "\""))
    }
}
