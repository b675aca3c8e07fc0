import Dispatch

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
        /// values for ``JSONDocument/value``, written as text without them (a long array's
        /// objects two at a time, one on another thread: `text` may not depend on the order
        /// in which it is called).
        case objects(String, count: Int, value: (Int) -> JSONValue, text: @Sendable (Int, inout JSONObjectText) -> Void)
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
    /// The pieces together are `value.serialized(pretty:)`. (A long array of objects is written
    /// two blocks of ``objectsPerBlock`` objects at a time: its pieces may pass `chunk` by that.)
    package func write(pretty: Bool = true, chunk: Int = 1 << 20, to sink: (String) throws -> Void) throws {
        let output = TextBuffer(capacity: min(chunk, 1 << 22) + 4096)
        func flush(atLeast size: Int) throws {
            guard output.count >= size, output.count > 0 else { return }
            try sink(output.text)
            output.removeAll()
        }
        let indent: Int? = pretty ? 0 : nil
        let inner: Int? = pretty ? 1 : nil
        let innermost: Int? = pretty ? 2 : nil
        /// An array member's value, as `JSONValue.array` writes it, one item at a time.
        func writeArray(_ count: Int, item: (Int) -> Void) throws {
            output.append(UInt8(ascii: "["))
            for position in 0..<count {
                if position > 0 { output.append(UInt8(ascii: ",")) }
                JSONValue.newline(output, innermost)
                item(position)
                try flush(atLeast: chunk)
            }
            if count > 0 { JSONValue.newline(output, inner) }
            output.append(UInt8(ascii: "]"))
        }
        output.append(UInt8(ascii: "{"))
        for (index, member) in members.enumerated() {
            if index > 0 { output.append(UInt8(ascii: ",")) }
            JSONValue.newline(output, inner)
            let key: String
            switch member {
            case .value(let name, _), .items(let name, _, _), .objects(let name, _, _, _): key = name
            }
            JSONValue.writeString(key, to: output)
            output.append(UInt8(ascii: ":"))
            if pretty { output.append(UInt8(ascii: " ")) }
            switch member {
            case .value(_, let value):
                value.write(to: output, indent: inner)
            case .items(_, let count, let item):
                try writeArray(count) { item($0).write(to: output, indent: innermost) }
            case .objects(_, let count, _, let text) where count >= Self.objectsWrittenInParallel:
                // Blocks of objects in pairs: the second block of each pair is written on
                // another thread while this one writes the first.
                output.append(UInt8(ascii: "["))
                let other = ObjectsWriter(text: text, indent: innermost)
                var start = 0
                while start < count {
                    let first = start..<min(start + Self.objectsPerBlock, count)
                    let second = first.upperBound..<min(first.upperBound + Self.objectsPerBlock, count)
                    if !second.isEmpty { other.start(second) }
                    Self.writeObjects(first, indent: innermost, text: text, to: output)
                    if !second.isEmpty { other.finish(appendingTo: output) }
                    try flush(atLeast: chunk)
                    start = second.upperBound
                }
                if count > 0 { JSONValue.newline(output, inner) }
                output.append(UInt8(ascii: "]"))
            case .objects(_, let count, _, let text):
                try writeArray(count) { position in
                    var object = JSONObjectText(in: output, indent: innermost)
                    text(position, &object)
                    object.finish()
                }
            }
            try flush(atLeast: chunk)
        }
        if !members.isEmpty { JSONValue.newline(output, indent) }
        output.append(UInt8(ascii: "}"))
        if pretty { output.append(0x0A) }
        try flush(atLeast: 1)
    }

    /// Objects from which an `.objects` member is written on two threads.
    static let objectsWrittenInParallel = 4096
    /// Objects written at a time by one thread.
    static let objectsPerBlock = 1024

    /// The objects at `positions` of an array member, each after its separator, as
    /// ``write(pretty:chunk:to:)`` writes them one by one.
    static func writeObjects(
        _ positions: Range<Int>, indent: Int?, text: (Int, inout JSONObjectText) -> Void, to output: TextBuffer
    ) {
        for position in positions {
            if position > 0 { output.append(UInt8(ascii: ",")) }
            JSONValue.newline(output, indent)
            var object = JSONObjectText(in: output, indent: indent)
            text(position, &object)
            object.finish()
        }
    }
}

/// Writes blocks of an array member's objects on another thread, one block at a time, into a
/// buffer that is used again for every block.
private final class ObjectsWriter: @unchecked Sendable {
    private let text: @Sendable (Int, inout JSONObjectText) -> Void
    private let indent: Int?
    private let group = DispatchGroup()
    /// The block's text: written on the worker between `start` and the end of the group, read
    /// on the caller's thread only after waiting for it.
    private let buffer = TextBuffer(capacity: 1 << 16)

    init(text: @escaping @Sendable (Int, inout JSONObjectText) -> Void, indent: Int?) {
        self.text = text
        self.indent = indent
    }

    /// Starts writing the objects at `positions`.
    func start(_ positions: Range<Int>) {
        group.enter()
        DispatchQueue.global().async { [self] in
            buffer.removeAll()
            JSONDocument.writeObjects(positions, indent: indent, text: text, to: buffer)
            group.leave()
        }
    }

    /// Waits for the block started last and appends its text to `output`.
    func finish(appendingTo output: TextBuffer) {
        group.wait()
        output.append(buffer)
    }
}
