extension JSONNode {
    /// What kind of value this is, for messages: "an array", "a string (\"abc\")", "null".
    ///
    /// Strings and numbers are quoted (long strings shortened) so that the reader can find them.
    public var kindDescription: String {
        switch value {
        case .null: "null"
        case .bool(let flag): flag ? "true" : "false"
        case .number(let number): "the number \(number.text)"
        case .string(let text): "the string \(Self.quoted(text))"
        case .array(let items): items.isEmpty ? "an empty array" : "an array"
        case .object(let members): members.isEmpty ? "an empty object" : "an object"
        }
    }

    /// `text` in double quotes, shortened to about 40 characters.
    static func quoted(_ text: String) -> String {
        let shown = text.count > 40 ? String(text.prefix(37)) + "..." : text
        return "\"" + shown + "\""
    }
}
