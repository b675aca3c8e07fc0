/// Something a JSON object is made into, member by member: a ``JSONValue`` (``JSONObjectValue``)
/// or its text (``JSONObjectText``). An object described once, generically over the builder,
/// gives the same document either way; the text is written without making the value.
package protocol JSONObjectBuilder {
    mutating func add(_ key: String, _ value: JSONValue)
    /// A string, or null for nil.
    mutating func add(_ key: String, string: String?)
    /// A number, or null for nil.
    mutating func add(_ key: String, number: Double?)
    mutating func add(_ key: String, bool: Bool)
    /// An object member whose own members `body` adds.
    mutating func addObject(_ key: String, _ body: (inout Self) -> Void)
}

/// Builds an object's ``JSONValue``.
package struct JSONObjectValue: JSONObjectBuilder {
    package private(set) var members: [(key: String, value: JSONValue)] = []

    package init() {}

    package var value: JSONValue { .object(members) }

    package mutating func add(_ key: String, _ value: JSONValue) { members.append((key, value)) }
    package mutating func add(_ key: String, string: String?) { members.append((key, string.map { .string($0) } ?? .null)) }
    package mutating func add(_ key: String, number: Double?) { members.append((key, .number(number))) }
    package mutating func add(_ key: String, bool: Bool) { members.append((key, .bool(bool))) }

    package mutating func addObject(_ key: String, _ body: (inout JSONObjectValue) -> Void) {
        var inner = JSONObjectValue()
        body(&inner)
        members.append((key, inner.value))
    }
}

/// Writes an object's text as ``JSONValue/write(to:indent:)`` writes its value, byte for byte.
package struct JSONObjectText: JSONObjectBuilder {
    /// The text so far; the object's members are appended to it.
    private let output: TextBuffer
    /// The object's own indentation level (nil: compact).
    private let indent: Int?
    private var count = 0

    /// Starts an object (its opening brace) at the end of `output`, at indentation `indent`.
    init(in output: TextBuffer, indent: Int?) {
        self.output = output
        self.indent = indent
        output.append(UInt8(ascii: "{"))
    }

    /// Closes the object.
    func finish() {
        if count > 0 { JSONValue.newline(output, indent) }
        output.append(UInt8(ascii: "}"))
    }

    private mutating func key(_ key: String) {
        if count > 0 { output.append(UInt8(ascii: ",")) }
        count += 1
        JSONValue.newline(output, indent.map { $0 + 1 })
        JSONValue.writeString(key, to: output)
        if indent != nil { output.append(": ") } else { output.append(UInt8(ascii: ":")) }
    }

    package mutating func add(_ key: String, _ value: JSONValue) {
        self.key(key)
        value.write(to: output, indent: indent.map { $0 + 1 })
    }

    package mutating func add(_ key: String, string: String?) {
        self.key(key)
        if let string { JSONValue.writeString(string, to: output) } else { output.append("null") }
    }

    package mutating func add(_ key: String, number: Double?) {
        self.key(key)
        if let number { JSONValue.writeNumber(number, to: output) } else { output.append("null") }
    }

    package mutating func add(_ key: String, bool: Bool) {
        self.key(key)
        output.append(bool ? "true" : "false")
    }

    package mutating func addObject(_ key: String, _ body: (inout JSONObjectText) -> Void) {
        self.key(key)
        var inner = JSONObjectText(in: output, indent: indent.map { $0 + 1 })
        body(&inner)
        inner.finish()
    }
}
