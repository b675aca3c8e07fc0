extension JSONParser {
    /// An array or object whose members are still being read.
    enum Frame {
        case array(start: SourcePosition, items: [JSONNode])
        case object(start: SourcePosition, members: [JSONMember], key: String, keyPosition: SourcePosition, seen: [String: SourcePosition])
    }

    /// Reads the whole document with an explicit stack of open arrays and objects.
    mutating func parseDocument(duplicateKeys: DuplicateKeys) throws(JSONSyntaxError) -> JSONNode {
        var stack: [Frame] = []
        parsing: while true {
            skipWhitespace()
            let start = position
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
                    stack.append(.object(start: start, members: [], key: key, keyPosition: keyPosition, seen: [key: keyPosition]))
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
                    stack.append(.array(start: start, items: []))
                    continue parsing
                }
            default:
                completed = try parseScalar(expected: Self.expectation(for: stack.last))
            }

            // Attach the value to its container; close every container that ends here.
            while true {
                guard let frame = stack.popLast() else {
                    skipWhitespace()
                    guard peek == nil else {
                        throw error("expected the end of the input after the JSON document, found \(describeCurrent()); a file holds one JSON value")
                    }
                    return completed
                }
                let afterNumber: Bool
                if case .number = completed.value { afterNumber = true } else { afterNumber = false }
                switch frame {
                case .array(let arrayStart, var items):
                    items.append(completed)
                    skipWhitespace()
                    if peek == UInt8(ascii: ",") {
                        let comma = position
                        advance()
                        skipWhitespace()
                        if peek == UInt8(ascii: "]") {
                            throw error("trailing comma before ']': remove the comma after the last item", at: comma)
                        }
                        stack.append(.array(start: arrayStart, items: items))
                        continue parsing
                    } else if peek == UInt8(ascii: "]") {
                        advance()
                        completed = JSONNode(.array(items), at: arrayStart)
                    } else {
                        throw error("expected ',' or ']' after item \(items.count) of the array, found \(describeCurrent())" + suffixHint(afterNumber))
                    }
                case .object(let objectStart, var members, let key, let keyPosition, var seen):
                    members.append(JSONMember(key: key, keyPosition: keyPosition, value: completed))
                    skipWhitespace()
                    if peek == UInt8(ascii: ",") {
                        let comma = position
                        advance()
                        let (nextKey, nextPosition) = try parseKey(afterCommaAt: comma, previousKey: key)
                        if let first = seen[nextKey] {
                            if duplicateKeys == .reject {
                                throw error("duplicate key \(JSONNode.quoted(nextKey)): it is already given at line \(first.line), column \(first.column); give each key once", at: nextPosition)
                            }
                        } else {
                            seen[nextKey] = nextPosition
                        }
                        stack.append(.object(start: objectStart, members: members, key: nextKey, keyPosition: nextPosition, seen: seen))
                        continue parsing
                    } else if peek == UInt8(ascii: "}") {
                        advance()
                        completed = JSONNode(.object(members), at: objectStart)
                    } else {
                        throw error("expected ',' or '}' after the value of \(JSONNode.quoted(key)), found \(describeCurrent())" + suffixHint(afterNumber))
                    }
                }
            }
        }
    }

    /// What a value at this place is, for "expected ..." messages.
    static func expectation(for frame: Frame?) -> String {
        switch frame {
        case nil: "a JSON value"
        case .array: "an array item"
        case .object(_, _, let key, _, _): "the value of \(JSONNode.quoted(key))"
        }
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
        let keyPosition = position
        let key = try parseString()
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
