extension JSONParser {
    /// An array or object whose members are still being read. Its items (or members) so far
    /// are the end of a stack shared by every open container, from `first` on, so that each
    /// array is allocated once, at its full size, when it closes.
    struct Frame {
        let isObject: Bool
        let start: SourcePosition
        let first: Int
        /// The key whose value is being read (objects).
        var key = ""
        var keyPosition = SourcePosition(line: 0, column: 0)
        /// The members' keys and their first places, once an object has many members.
        var seen: [String: SourcePosition]? = nil
    }

    /// The open containers' items and members.
    struct Pending {
        var items: [JSONNode] = []
        var members: [JSONMember] = []

        /// Where `key` is already given in the object of `frame`, if it is.
        mutating func firstPlace(of key: String, in frame: inout Frame) -> SourcePosition? {
            let count = members.count - frame.first
            if frame.seen == nil, count > 16 {
                var table: [String: SourcePosition] = [:]
                for member in members[frame.first...] where table[member.key] == nil { table[member.key] = member.keyPosition }
                frame.seen = table
            }
            if let seen = frame.seen { return seen[key] }
            for index in frame.first..<members.count where members[index].key == key { return members[index].keyPosition }
            return nil
        }

        /// Adds the member just read to the object of `frame`.
        mutating func add(_ value: JSONNode, to frame: inout Frame) {
            if frame.seen != nil, frame.seen![frame.key] == nil { frame.seen![frame.key] = frame.keyPosition }
            members.append(JSONMember(key: frame.key, keyPosition: frame.keyPosition, value: value))
        }

        /// The items of an array that closes, taken off the stack.
        mutating func closeArray(_ frame: Frame) -> [JSONNode] {
            let result = Array(items[frame.first...])
            items.removeLast(items.count - frame.first)
            return result
        }

        /// The members of an object that closes, taken off the stack.
        mutating func closeObject(_ frame: Frame) -> [JSONMember] {
            let result = Array(members[frame.first...])
            members.removeLast(members.count - frame.first)
            return result
        }
    }

    /// Reads the whole document with an explicit stack of open arrays and objects.
    mutating func parseDocument(duplicateKeys: DuplicateKeys) throws(JSONSyntaxError) -> JSONNode {
        var stack: [Frame] = []
        var pending = Pending()
        parsing: while true {
            skipWhitespace()
            let start = here()
            var completed: JSONNode
            switch peek {
            case UInt8(ascii: "{"):
                advance()
                skipWhitespace()
                if peek == UInt8(ascii: "}") {
                    advance()
                    completed = JSONNode(.object([]), at: start)
                } else {
                    try checkDepth(stack.count, at: start)
                    let (key, keyPosition) = try parseKey(afterCommaAt: nil, previousKey: nil)
                    stack.append(Frame(isObject: true, start: start, first: pending.members.count, key: key, keyPosition: keyPosition))
                    continue parsing
                }
            case UInt8(ascii: "["):
                advance()
                skipWhitespace()
                if peek == UInt8(ascii: "]") {
                    advance()
                    completed = JSONNode(.array([]), at: start)
                } else {
                    try checkDepth(stack.count, at: start)
                    stack.append(Frame(isObject: false, start: start, first: pending.items.count))
                    continue parsing
                }
            default:
                completed = try parseScalar(expected: Self.expectation(for: stack.last), at: start)
            }

            // Attach the value to its container; close every container that ends here.
            while true {
                guard !stack.isEmpty else {
                    skipWhitespace()
                    guard peek == nil else {
                        throw error("expected the end of the input after the JSON document, found \(describeCurrent()); a file holds one JSON value")
                    }
                    return completed
                }
                let top = stack.count - 1
                let afterNumber: Bool
                if case .number = completed.value { afterNumber = true } else { afterNumber = false }
                if !stack[top].isObject {
                    pending.items.append(completed)
                    skipWhitespace()
                    if peek == UInt8(ascii: ",") {
                        let comma = here()
                        advance()
                        skipWhitespace()
                        if peek == UInt8(ascii: "]") {
                            throw error("trailing comma before ']': remove the comma after the last item", at: comma)
                        }
                        continue parsing
                    } else if peek == UInt8(ascii: "]") {
                        advance()
                        let frame = stack.removeLast()
                        completed = JSONNode(.array(pending.closeArray(frame)), at: frame.start)
                    } else {
                        throw error("expected ',' or ']' after item \(pending.items.count - stack[top].first) of the array, found \(describeCurrent())" + suffixHint(afterNumber))
                    }
                } else {
                    pending.add(completed, to: &stack[top])
                    skipWhitespace()
                    if peek == UInt8(ascii: ",") {
                        let comma = here()
                        advance()
                        let (nextKey, nextPosition) = try parseKey(afterCommaAt: comma, previousKey: stack[top].key)
                        if let first = pending.firstPlace(of: nextKey, in: &stack[top]) {
                            if duplicateKeys == .reject {
                                throw error("duplicate key \(JSONNode.quoted(nextKey)): it is already given at line \(first.line), column \(first.column); give each key once", at: nextPosition)
                            }
                            sawDuplicateKey = true
                        }
                        stack[top].key = nextKey
                        stack[top].keyPosition = nextPosition
                        continue parsing
                    } else if peek == UInt8(ascii: "}") {
                        advance()
                        let frame = stack.removeLast()
                        completed = JSONNode(.object(pending.closeObject(frame)), at: frame.start)
                    } else {
                        throw error("expected ',' or '}' after the value of \(JSONNode.quoted(stack[top].key)), found \(describeCurrent())" + suffixHint(afterNumber))
                    }
                }
            }
        }
    }

    /// What a value at this place is, for "expected ..." messages.
    static func expectation(for frame: Frame?) -> String {
        guard let frame else { return "a JSON value" }
        return frame.isObject ? "the value of \(JSONNode.quoted(frame.key))" : "an array item"
    }

    func checkDepth(_ depth: Int, at start: SourcePosition) throws(JSONSyntaxError) {
        if depth >= Self.maximumDepth {
            throw error("arrays and objects are nested more than \(Self.maximumDepth) deep here; flatten the document", at: start)
        }
    }

    /// A hint for `1.5M` written without quotes.
    func suffixHint(_ afterNumber: Bool) -> String {
        guard afterNumber, let byte = peek, Self.isLetter(byte) else { return "" }
        return " (an amount with a suffix is a string: write it in double quotes, such as \"1.5M\")"
    }

    /// Reads `"key" :`, after `{` or after a comma.
    mutating func parseKey(afterCommaAt comma: SourcePosition?, previousKey: String?) throws(JSONSyntaxError) -> (String, SourcePosition) {
        skipWhitespace()
        guard peek == UInt8(ascii: "\"") else {
            if let comma, peek == UInt8(ascii: "}") {
                let after = previousKey.map { " after the value of \(JSONNode.quoted($0))" } ?? ""
                throw error("trailing comma before '}': remove the comma\(after)", at: comma)
            }
            if let byte = peek, Self.isLetter(byte) || byte == UInt8(ascii: "'") {
                throw error("expected a key in double quotes, found \(describeCurrent()); JSON keys are written like \"amount\"")
            }
            throw error("expected a key in double quotes, found \(describeCurrent())")
        }
        let keyPosition = here()
        let key = try parseString(at: keyPosition)
        skipWhitespace()
        guard peek == UInt8(ascii: ":") else {
            throw error("expected ':' after the key \(JSONNode.quoted(key)), found \(describeCurrent())")
        }
        advance()
        return (key, keyPosition)
    }

    static func isLetter(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
    }

    static func isDigit(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }
}
