extension JSONParser {
    /// An array or object whose members are still being read.
    struct Frame {
        let isObject: Bool
        /// The container's entry.
        let entry: Int
        /// The container's parent, restored when it closes.
        let parent: UInt32
        var count = 0
        /// The entry of the key whose value is being read (objects).
        var keyEntry = 0
        /// The members' keys and their first entries, once an object has many members.
        var seen: [String: Int]? = nil
    }

    /// Appends an entry inside the innermost open container.
    @inline(__always) mutating func append(_ kind: JSONTape.Kind, at offset: Int, _ a: UInt32 = 0, _ b: UInt32 = 0, flags: UInt8 = 0) {
        entries.append(JSONTape.Entry(kind: kind, flags: flags, offset: UInt32(truncatingIfNeeded: offset), a: a, b: b, parent: parent))
    }

    /// The text of a string entry read so far.
    func text(ofEntry index: Int) -> String {
        JSONTape.text(of: entries[index], bytes: bytes, decoded: decoded)
    }

    /// Whether two key entries read so far hold the same text.
    func sameText(_ first: Int, _ second: Int) -> Bool {
        let a = entries[first], b = entries[second]
        if a.flags & JSONTape.Entry.escaped == 0, b.flags & JSONTape.Entry.escaped == 0 {
            let left = bytes[Int(a.offset) + 1..<Int(a.a)], right = bytes[Int(b.offset) + 1..<Int(b.a)]
            if left.elementsEqual(right) { return true }
            // Texts that start with different ASCII characters differ (see `JSONTape.string(_:equals:)`).
            if let l = left.first, let r = right.first, l != r, l < 0x80, r < 0x80 { return false }
            if JSONTape.isASCII(left), JSONTape.isASCII(right) { return false }
        }
        return text(ofEntry: first) == text(ofEntry: second)
    }

    /// The entry of an earlier key of the object of `frame` with the same text as `key`.
    mutating func firstEntry(like key: Int, in frame: inout Frame) -> Int? {
        if frame.seen == nil, frame.count > 16 {
            var table: [String: Int] = [:]
            var at = frame.entry + 1
            for _ in 0..<frame.count {
                let text = text(ofEntry: at)
                if table[text] == nil { table[text] = at }
                at = nextEntry(after: at + 1)
            }
            frame.seen = table
        }
        if frame.seen != nil {
            let text = text(ofEntry: key)
            if let first = frame.seen![text] { return first }
            frame.seen![text] = key
            return nil
        }
        var at = frame.entry + 1
        for _ in 0..<frame.count {
            if sameText(at, key) { return at }
            at = nextEntry(after: at + 1)
        }
        return nil
    }

    /// The entry after `index` and everything inside it (containers read so far are closed).
    func nextEntry(after index: Int) -> Int {
        let entry = entries[index]
        return entry.kind == .array || entry.kind == .object ? Int(entry.b) : index + 1
    }

    /// Closes the innermost container: its count and the end of its entries.
    mutating func close(_ frame: Frame) {
        entries[frame.entry].a = UInt32(truncatingIfNeeded: frame.count)
        entries[frame.entry].b = UInt32(truncatingIfNeeded: entries.count)
        parent = frame.parent
    }

    /// Reads the whole document into `entries`, with an explicit stack of open arrays and objects.
    mutating func parseDocument(duplicateKeys: DuplicateKeys) throws(JSONSyntaxError) {
        var stack: [Frame] = []
        entries.reserveCapacity(bytes.count / 8)
        parsing: while true {
            skipWhitespace()
            let start = index
            var afterNumber = false
            switch peek {
            case UInt8(ascii: "{"):
                advance()
                skipWhitespace()
                let entry = entries.count
                append(.object, at: start)
                if peek == UInt8(ascii: "}") {
                    advance()
                    entries[entry].b = UInt32(truncatingIfNeeded: entries.count)
                } else {
                    try checkDepth(stack.count, at: start)
                    stack.append(Frame(isObject: true, entry: entry, parent: parent))
                    parent = UInt32(truncatingIfNeeded: entry)
                    stack[stack.count - 1].keyEntry = try parseKey(afterCommaAt: nil, previousKey: nil)
                    continue parsing
                }
            case UInt8(ascii: "["):
                advance()
                skipWhitespace()
                let entry = entries.count
                append(.array, at: start)
                if peek == UInt8(ascii: "]") {
                    advance()
                    entries[entry].b = UInt32(truncatingIfNeeded: entries.count)
                } else {
                    try checkDepth(stack.count, at: start)
                    stack.append(Frame(isObject: false, entry: entry, parent: parent))
                    parent = UInt32(truncatingIfNeeded: entry)
                    continue parsing
                }
            default:
                afterNumber = try parseScalar(in: stack.last, at: start)
            }

            // The value is in its container; close every container that ends here.
            while true {
                guard !stack.isEmpty else {
                    skipWhitespace()
                    guard peek == nil else {
                        throw error("expected the end of the input after the JSON document, found \(describeCurrent()); a file holds one JSON value")
                    }
                    return
                }
                let top = stack.count - 1
                stack[top].count += 1
                if !stack[top].isObject {
                    skipWhitespace()
                    if peek == UInt8(ascii: ",") {
                        let comma = index
                        advance()
                        skipWhitespace()
                        if peek == UInt8(ascii: "]") {
                            throw error("trailing comma before ']': remove the comma after the last item", at: comma)
                        }
                        continue parsing
                    } else if peek == UInt8(ascii: "]") {
                        advance()
                        close(stack.removeLast())
                    } else {
                        throw error("expected ',' or ']' after item \(stack[top].count) of the array, found \(describeCurrent())" + suffixHint(afterNumber))
                    }
                } else {
                    skipWhitespace()
                    if peek == UInt8(ascii: ",") {
                        let comma = index
                        advance()
                        let nextKey = try parseKey(afterCommaAt: comma, previousKey: stack[top].keyEntry)
                        if let first = firstEntry(like: nextKey, in: &stack[top]) {
                            if duplicateKeys == .reject {
                                let place = position(atOffset: Int(entries[first].offset))
                                throw error(
                                    "duplicate key \(JSONNode.quoted(text(ofEntry: nextKey))): it is already given at line \(place.line), column \(place.column); give each key once",
                                    at: Int(entries[nextKey].offset))
                            }
                            sawDuplicateKey = true
                        }
                        stack[top].keyEntry = nextKey
                        continue parsing
                    } else if peek == UInt8(ascii: "}") {
                        advance()
                        close(stack.removeLast())
                    } else {
                        throw error("expected ',' or '}' after the value of \(JSONNode.quoted(text(ofEntry: stack[top].keyEntry))), found \(describeCurrent())" + suffixHint(afterNumber))
                    }
                }
                afterNumber = false
            }
        }
    }

    /// What a value at this place is, for "expected ..." messages.
    func expectation(for frame: Frame?) -> String {
        guard let frame else { return "a JSON value" }
        return frame.isObject ? "the value of \(JSONNode.quoted(text(ofEntry: frame.keyEntry)))" : "an array item"
    }

    func checkDepth(_ depth: Int, at start: Int) throws(JSONSyntaxError) {
        if depth >= Self.maximumDepth {
            throw error("arrays and objects are nested more than \(Self.maximumDepth) deep here; flatten the document", at: start)
        }
    }

    /// A hint for `1.5M` written without quotes.
    func suffixHint(_ afterNumber: Bool) -> String {
        guard afterNumber, let byte = peek, Self.isLetter(byte) else { return "" }
        return " (an amount with a suffix is a string: write it in double quotes, such as \"1.5M\")"
    }

    /// Reads `"key" :`, after `{` or after a comma; returns the key's entry.
    mutating func parseKey(afterCommaAt comma: Int?, previousKey: Int?) throws(JSONSyntaxError) -> Int {
        skipWhitespace()
        guard peek == UInt8(ascii: "\"") else {
            if let comma, peek == UInt8(ascii: "}") {
                let after = previousKey.map { " after the value of \(JSONNode.quoted(text(ofEntry: $0)))" } ?? ""
                throw error("trailing comma before '}': remove the comma\(after)", at: comma)
            }
            if let byte = peek, Self.isLetter(byte) || byte == UInt8(ascii: "'") {
                throw error("expected a key in double quotes, found \(describeCurrent()); JSON keys are written like \"amount\"")
            }
            throw error("expected a key in double quotes, found \(describeCurrent())")
        }
        let keyEntry = entries.count
        try parseString(at: index, flags: JSONTape.Entry.key)
        skipWhitespace()
        guard peek == UInt8(ascii: ":") else {
            throw error("expected ':' after the key \(JSONNode.quoted(text(ofEntry: keyEntry))), found \(describeCurrent())")
        }
        advance()
        return keyEntry
    }

    static func isLetter(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
    }

    static func isDigit(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }
}
