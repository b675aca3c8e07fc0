import Synchronization

/// A parsed JSON document as one flat array of entries in document order, read straight from
/// the source bytes.
///
/// Each value (and each object key) is one entry of 20 bytes: its kind, its byte offset, and
/// what it holds (a string's end or a number's value; a container's count and the entry after
/// its last descendant). Strings stay in the source bytes until asked for; positions are worked
/// out from offsets when a message needs one. The plan reader walks the tape directly; the
/// tree of `JSONNode`s is built from it for everyone else.
package final class JSONTape: Sendable {
    enum Kind: UInt8 {
        case null, falseValue, trueValue, number, string, array, object
    }

    struct Entry {
        var kind: Kind
        /// Strings: bit 0, the text has escapes (then `a` indexes `decoded`); bit 1, the string
        /// is an object key.
        var flags: UInt8
        /// Where the value starts in the bytes (a string's opening quote).
        var offset: UInt32
        /// Strings: the byte after the text (the closing quote), or the index in `decoded`.
        /// Arrays and objects: how many items or members. Numbers: the low half of the value.
        var a: UInt32
        /// Arrays and objects: the entry after the last one inside. Numbers: the high half.
        var b: UInt32
        /// The entry of the enclosing array or object (`noParent` for the root).
        var parent: UInt32

        static let escaped: UInt8 = 1
        static let key: UInt8 = 2
        static let noParent = UInt32.max
    }

    let bytes: [UInt8]
    /// Where the text starts: after a byte order mark, if there is one.
    let textStart: Int
    let entries: [Entry]
    /// The text of strings with escapes, decoded.
    let decoded: [String]
    /// Line and column at every `PositionTable.step`-th byte, made when first needed (by
    /// whichever thread reading the tape first needs a position).
    private let table = Mutex<PositionTable?>(nil)

    init(bytes: [UInt8], textStart: Int, entries: [Entry], decoded: [String]) {
        self.bytes = bytes
        self.textStart = textStart
        self.entries = entries
        self.decoded = decoded
    }

    /// Another handle on the same document, sharing its storage: a thread reading through it
    /// counts references to it alone, not to the handle another thread reads through.
    func handle() -> JSONTape { JSONTape(bytes: bytes, textStart: textStart, entries: entries, decoded: decoded) }

    /// The root value's entry.
    static let root = 0

    @inline(__always) func kind(_ index: Int) -> Kind { entries[index].kind }

    /// The entry after `index` and everything inside it: its next sibling, if it has one.
    @inline(__always) func next(_ index: Int) -> Int {
        let entry = entries[index]
        return entry.kind == .array || entry.kind == .object ? Int(entry.b) : index + 1
    }

    /// How many items or members an array or object has (0 for anything else).
    @inline(__always) func count(_ index: Int) -> Int {
        let entry = entries[index]
        return entry.kind == .array || entry.kind == .object ? Int(entry.a) : 0
    }

    /// A number entry's value.
    @inline(__always) func number(_ index: Int) -> Double {
        let entry = entries[index]
        return Double(bitPattern: UInt64(entry.b) << 32 | UInt64(entry.a))
    }

    /// A number entry's text as written.
    func numberText(_ index: Int) -> String {
        let start = Int(entries[index].offset)
        var end = start
        while end < bytes.count, Self.isNumberByte(bytes[end]) { end += 1 }
        return String(decoding: bytes[start..<end], as: UTF8.self)
    }

    static func isNumberByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "."), UInt8(ascii: "e"), UInt8(ascii: "E"): true
        default: false
        }
    }

    /// A string entry's text.
    func string(_ index: Int) -> String {
        Self.text(of: entries[index], bytes: bytes, decoded: decoded)
    }

    /// A string entry's text, from the bytes or the decoded strings it was read into.
    static func text(of entry: Entry, bytes: [UInt8], decoded: [String]) -> String {
        if entry.flags & Entry.escaped != 0 { return decoded[Int(entry.a)] }
        return String(decoding: bytes[Int(entry.offset) + 1..<Int(entry.a)], as: UTF8.self)
    }

    /// Whether a string entry's text equals `text`, compared byte by byte (no `String` made)
    /// when that settles it: equal bytes are equal text, and texts that start with different
    /// ASCII characters, or are all ASCII, differ when their bytes do. Anything else (canonically
    /// equivalent Unicode, such as the Kelvin sign and "K") is compared as `String`s compare.
    func string(_ index: Int, equals text: String) -> Bool {
        let entry = entries[index]
        guard entry.flags & Entry.escaped == 0 else { return decoded[Int(entry.a)] == text }
        let start = Int(entry.offset) + 1, end = Int(entry.a)
        let settled: Bool?? = text.utf8.withContiguousStorageIfAvailable { other -> Bool? in
            bytes.withUnsafeBufferPointer { mine -> Bool? in
                let count = end - start
                if count == 0 || other.isEmpty { return count == other.count }
                let first = mine[start], otherFirst = other[0]
                if first != otherFirst, first < 0x80, otherFirst < 0x80 { return false }
                if count == other.count {
                    var same = true
                    for offset in 0..<count where mine[start + offset] != other[offset] {
                        same = false
                        break
                    }
                    if same { return true }
                }
                for byte in other where byte >= 0x80 { return nil }
                for at in start..<end where mine[at] >= 0x80 { return nil }
                return false
            }
        }
        if case .some(.some(let answer)) = settled { return answer }
        return string(index) == text
    }

    static func isASCII(_ bytes: ArraySlice<UInt8>) -> Bool { bytes.allSatisfy { $0 < 0x80 } }

    /// A string entry packed as ``KeyList`` matches it: nil when it is written with escapes, is
    /// longer than 16 bytes or is not ASCII.
    func packedKey(_ index: Int) -> PackedKey? {
        let entry = entries[index]
        guard entry.flags & Entry.escaped == 0 else { return nil }
        let start = Int(entry.offset) + 1, end = Int(entry.a)
        return bytes.withUnsafeBufferPointer { PackedKey(UnsafeBufferPointer(rebasing: $0[start..<end])) }
    }

    /// The position in `texts` of the first text equal to a string entry's, when the entry is
    /// written without escapes in ASCII and every text is ASCII: then equal text is equal bytes,
    /// as `string(_:equals:)` compares them. Nil when no text is equal, or when that takes
    /// `string(_:equals:)` to settle (escapes or non-ASCII bytes on either side).
    func asciiKeyIndex(_ index: Int, among texts: [String]) -> Int?? {
        let entry = entries[index]
        guard entry.flags & Entry.escaped == 0 else { return nil }
        let start = Int(entry.offset) + 1, end = Int(entry.a)
        return bytes.withUnsafeBufferPointer { mine -> Int?? in
            for at in start..<end where mine[at] >= 0x80 { return nil }
            let count = end - start
            for (position, text) in texts.enumerated() {
                let answer = text.utf8.withContiguousStorageIfAvailable { other -> Bool? in
                    for byte in other where byte >= 0x80 { return nil }
                    guard other.count == count else { return false }
                    for offset in 0..<count where mine[start + offset] != other[offset] { return false }
                    return true
                }
                switch answer {
                case .some(.some(true)): return .some(position)
                case .some(.some(false)): continue
                default: return nil
                }
            }
            return .some(nil)
        }
    }

    /// Where an entry starts: its line and column.
    func position(_ index: Int) -> SourcePosition {
        position(atOffset: Int(entries[index].offset))
    }

    func position(atOffset offset: Int) -> SourcePosition {
        table.withLock { table in
            if table == nil { table = PositionTable(bytes: bytes, textStart: textStart) }
            return table!.position(atOffset: offset, in: bytes)
        }
    }

    /// The members of an object: each key's entry (its value is the entry after it).
    func keys(of object: Int) -> Children { Children(tape: self, container: object) }

    /// The items of an array: each item's entry.
    func items(of array: Int) -> Children { Children(tape: self, container: array) }

    /// The entries of an array's items, or of an object's keys, in source order (repeated keys
    /// included).
    struct Children: Sequence, IteratorProtocol {
        let tape: JSONTape
        let isObject: Bool
        var at: Int
        var left: Int

        init(tape: JSONTape, container: Int) {
            self.tape = tape
            self.isObject = tape.kind(container) == .object
            self.at = container + 1
            self.left = tape.count(container)
        }

        mutating func next() -> Int? {
            guard left > 0 else { return nil }
            left -= 1
            let child = at
            at = tape.next(isObject ? child + 1 : child)
            return child
        }
    }

    /// The value of the first member with this key, if `object` is an object that has one.
    func value(of object: Int, key: String) -> Int? {
        guard kind(object) == .object else { return nil }
        for entry in keys(of: object) where string(entry, equals: key) { return entry + 1 }
        return nil
    }

    /// The entry at `path` below `start`, if there is one (the first member for a repeated key).
    func entry(at path: JSONPath, from start: Int = JSONTape.root) -> Int? {
        var at = start
        for component in path.components {
            switch component {
            case .key(let key):
                guard let child = value(of: at, key: key) else { return nil }
                at = child
            case .index(let index):
                guard kind(at) == .array, index >= 0, index < count(at) else { return nil }
                var item = at + 1
                for _ in 0..<index { item = next(item) }
                at = item
            }
        }
        return at
    }

    /// The path of an entry in the document (for a key, its value's path).
    func path(of index: Int) -> JSONPath {
        var steps: [JSONPath.Component] = []
        var at = entries[index].flags & Entry.key != 0 ? index + 1 : index
        while entries[at].parent != Entry.noParent {
            let parent = Int(entries[at].parent)
            if entries[parent].kind == .object {
                steps.append(.key(string(at - 1)))
            } else {
                var ordinal = 0
                var item = parent + 1
                while item != at {
                    item = next(item)
                    ordinal += 1
                }
                steps.append(.index(ordinal))
            }
            at = parent
        }
        return JSONPath(steps.reversed())
    }

    /// What kind of value an entry is, for messages, as `JSONNode.kindDescription` says it.
    func kindDescription(_ index: Int) -> String {
        switch kind(index) {
        case .null: "null"
        case .falseValue: "false"
        case .trueValue: "true"
        case .number: "the number \(numberText(index))"
        case .string: "the string \(JSONNode.quoted(string(index)))"
        case .array: count(index) == 0 ? "an empty array" : "an array"
        case .object: count(index) == 0 ? "an empty object" : "an object"
        }
    }

    /// The document as a tree of `JSONNode`s, with every position.
    func tree() -> JSONNode {
        struct Frame {
            let entry: Int
            let start: SourcePosition
            var left: Int
            let firstItem: Int
            let firstMember: Int
            var key = ""
            var keyPosition = SourcePosition(line: 0, column: 0)
        }
        var cursor = PositionCursor(textStart: textStart)
        var stack: [Frame] = []
        var items: [JSONNode] = []
        var members: [JSONMember] = []
        var index = 0
        while index < entries.count {
            let entry = entries[index]
            let position = cursor.position(atOffset: Int(entry.offset), in: bytes)
            if entry.flags & Entry.key != 0 {
                stack[stack.count - 1].key = string(index)
                stack[stack.count - 1].keyPosition = position
                index += 1
                continue
            }
            var completed: JSONNode
            switch entry.kind {
            case .null: completed = JSONNode(.null, at: position)
            case .falseValue: completed = JSONNode(.bool(false), at: position)
            case .trueValue: completed = JSONNode(.bool(true), at: position)
            case .number: completed = JSONNode(.number(JSONNumber(text: numberText(index), value: number(index))), at: position)
            case .string: completed = JSONNode(.string(string(index)), at: position)
            case .array, .object:
                if entry.a > 0 {
                    stack.append(Frame(entry: index, start: position, left: Int(entry.a), firstItem: items.count, firstMember: members.count))
                    index += 1
                    continue
                }
                completed = JSONNode(entry.kind == .array ? .array([]) : .object([]), at: position)
            }
            index += 1
            // Attach the value to its container; close every container that ends here.
            while let top = stack.last {
                if entries[top.entry].kind == .array {
                    items.append(completed)
                } else {
                    members.append(JSONMember(key: top.key, keyPosition: top.keyPosition, value: completed))
                }
                stack[stack.count - 1].left -= 1
                guard stack[stack.count - 1].left == 0 else { break }
                let frame = stack.removeLast()
                let start = frame.start
                if entries[frame.entry].kind == .array {
                    completed = JSONNode(.array(Array(items[frame.firstItem...])), at: start)
                    items.removeLast(items.count - frame.firstItem)
                } else {
                    completed = JSONNode(.object(Array(members[frame.firstMember...])), at: start)
                    members.removeLast(members.count - frame.firstMember)
                }
            }
            if stack.isEmpty { return completed }
        }
        return JSONNode(.null, at: SourcePosition(line: 1, column: 1))
    }
}

/// Works out line and column at increasing offsets, each byte looked at once.
struct PositionCursor {
    private(set) var offset: Int
    private(set) var line = 1
    private(set) var column = 1

    init(textStart: Int) {
        offset = textStart
    }

    init(offset: Int, line: Int, column: Int) {
        self.offset = offset
        self.line = line
        self.column = column
    }

    /// The position at `target`, which must not be before the last one asked for.
    mutating func position(atOffset target: Int, in bytes: [UInt8]) -> SourcePosition {
        let end = min(target, bytes.count)
        var at = offset
        var line = self.line, column = self.column
        while at < end {
            let byte = bytes[at]
            if byte == 0x0A {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
            at += 1
        }
        if at > offset {
            offset = at
            self.line = line
            self.column = column
        }
        return SourcePosition(line: line, column: column)
    }
}

/// Line and column at every `step`-th byte, so that any offset's position is at most `step`
/// bytes of counting away, however long its line.
struct PositionTable {
    static let step = 1024
    private var checkpoints: [(line: Int, column: Int)] = []
    private let textStart: Int

    init(bytes: [UInt8], textStart: Int) {
        self.textStart = textStart
        checkpoints.reserveCapacity(bytes.count / Self.step + 1)
        var cursor = PositionCursor(textStart: textStart)
        var at = 0
        while at <= bytes.count {
            let position = at < textStart ? SourcePosition(line: 1, column: 1) : cursor.position(atOffset: at, in: bytes)
            checkpoints.append((position.line, position.column))
            at += Self.step
        }
    }

    func position(atOffset offset: Int, in bytes: [UInt8]) -> SourcePosition {
        let clamped = max(textStart, min(offset, bytes.count))
        let slot = min(clamped / Self.step, checkpoints.count - 1)
        let from = slot * Self.step
        var cursor = from < textStart
            ? PositionCursor(textStart: textStart)
            : PositionCursor(offset: from, line: checkpoints[slot].line, column: checkpoints[slot].column)
        return cursor.position(atOffset: clamped, in: bytes)
    }
}
