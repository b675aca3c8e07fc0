/// A parsed JSON value together with where it starts in the source text.
///
/// Unlike `JSONValue`, a node remembers the position of every value and every object key, and
/// the exact source text of every number, so that readers of JSON files can report problems by
/// line and column. Objects keep their members in source order, duplicates included.
public struct JSONNode: Sendable, Equatable {
    /// The kinds of JSON value, with their contents.
    public enum Value: Sendable, Equatable {
        case null
        case bool(Bool)
        case number(JSONNumber)
        case string(String)
        case array([JSONNode])
        case object([JSONMember])
    }

    public var value: Value
    /// Where the value starts: its first character.
    public var position: SourcePosition

    public init(_ value: Value, at position: SourcePosition) {
        self.value = value
        self.position = position
    }

    /// The first member with this key, if the node is an object that has one.
    public subscript(key: String) -> JSONNode? {
        guard case .object(let members) = value else { return nil }
        return members.first { $0.key == key }?.value
    }

    /// The node as a plain `JSONValue`, without positions (later duplicate keys are dropped).
    public var jsonValue: JSONValue {
        switch value {
        case .null: .null
        case .bool(let flag): .bool(flag)
        case .number(let number): .number(number.value)
        case .string(let text): .string(text)
        case .array(let items): .array(items.map(\.jsonValue))
        case .object(let members):
            .object(members.uniqueByKey.map { (key: $0.key, value: $0.value.jsonValue) })
        }
    }
}

/// One `"key": value` pair of a JSON object.
public struct JSONMember: Sendable, Equatable {
    public var key: String
    /// Where the key's opening quote is.
    public var keyPosition: SourcePosition
    public var value: JSONNode

    public init(key: String, keyPosition: SourcePosition, value: JSONNode) {
        self.key = key
        self.keyPosition = keyPosition
        self.value = value
    }
}

/// A JSON number: its source text and its nearest `Double`.
///
/// The text is kept so that messages can quote the number as written, and so that readers that
/// need more than a `Double` can parse it themselves.
public struct JSONNumber: Sendable, Equatable {
    /// The number exactly as written, such as `-12.50e3`.
    public let text: String
    /// The nearest `Double`; infinite when the number is too large for one.
    public let value: Double

    public init(text: String) {
        self.text = text
        self.value = Double(text) ?? .nan
    }

    /// A number whose value is already known (read from the same text).
    init(text: String, value: Double) {
        self.text = text
        self.value = value
    }
}

extension Array where Element == JSONMember {
    /// The members with the first occurrence of each key only, in source order.
    public var uniqueByKey: [JSONMember] {
        var seen = Set<String>()
        return filter { seen.insert($0.key).inserted }
    }
}
