/// A JSON object written in pieces, some of whose members are arrays made item by item as they
/// are written: a large output's longest arrays never exist whole, neither as values nor as text.
///
/// Written, it gives the bytes of ``value`` serialized, byte for byte.
package struct JSONDocument {
    /// A member of the object.
    package enum Member {
        /// A member whose value exists as it stands.
        case value(String, JSONValue)
        /// An array member whose items are made one at a time, from their positions.
        case items(String, count: Int, item: (Int) -> JSONValue)
        /// An array member of objects described once for any ``JSONObjectBuilder``: made into
        /// values for ``JSONDocument/value``, written as text without them.
        case objects(String, count: Int, value: (Int) -> JSONValue, text: (Int, inout JSONObjectText) -> Void)
    }

    package var members: [Member]

    package init(_ members: [Member]) { self.members = members }

    /// The whole document as one value, every array made in full.
    package var value: JSONValue {
        .object(members.map { member in
            switch member {
            case .value(let key, let value): (key: key, value: value)
            case .items(let key, let count, let item): (key: key, value: .array((0..<count).map(item)))
            case .objects(let key, let count, let value, _): (key: key, value: .array((0..<count).map(value)))
            }
        })
    }

    /// Hands the document's text to `sink` in pieces of about `chunk` bytes, each ending after a
    /// whole value (never inside a character), the last with the final newline when `pretty`.
    /// The pieces together are `value.serialized(pretty:)`.
    package func write(pretty: Bool = true, chunk: Int = 1 << 20, to sink: (String) throws -> Void) throws {
        var output: [UInt8] = []
        output.reserveCapacity(min(chunk, 1 << 22) + 4096)
        func flush(atLeast size: Int) throws {
            guard output.count >= size, !output.isEmpty else { return }
            try sink(String(decoding: output, as: UTF8.self))
            output.removeAll(keepingCapacity: true)
        }
        let indent: Int? = pretty ? 0 : nil
        let inner: Int? = pretty ? 1 : nil
        let innermost: Int? = pretty ? 2 : nil
        /// An array member's value, as `JSONValue.array` writes it, one item at a time.
        func writeArray(_ count: Int, item: (Int) -> Void) throws {
            output.append(UInt8(ascii: "["))
            for position in 0..<count {
                if position > 0 { output.append(UInt8(ascii: ",")) }
                JSONValue.newline(&output, innermost)
                item(position)
                try flush(atLeast: chunk)
            }
            if count > 0 { JSONValue.newline(&output, inner) }
            output.append(UInt8(ascii: "]"))
        }
        output.append(UInt8(ascii: "{"))
        for (index, member) in members.enumerated() {
            if index > 0 { output.append(UInt8(ascii: ",")) }
            JSONValue.newline(&output, inner)
            let key: String
            switch member {
            case .value(let name, _), .items(let name, _, _), .objects(let name, _, _, _): key = name
            }
            JSONValue.writeString(key, to: &output)
            output.append(UInt8(ascii: ":"))
            if pretty { output.append(UInt8(ascii: " ")) }
            switch member {
            case .value(_, let value):
                value.write(to: &output, indent: inner)
            case .items(_, let count, let item):
                try writeArray(count) { item($0).write(to: &output, indent: innermost) }
            case .objects(_, let count, _, let text):
                try writeArray(count) { position in
                    var object = JSONObjectText(taking: &output, indent: innermost)
                    text(position, &object)
                    object.finish(into: &output)
                }
            }
            try flush(atLeast: chunk)
        }
        if !members.isEmpty { JSONValue.newline(&output, indent) }
        output.append(UInt8(ascii: "}"))
        if pretty { output.append(0x0A) }
        try flush(atLeast: 1)
    }
}
