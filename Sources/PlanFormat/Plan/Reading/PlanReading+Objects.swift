#if canImport(Glibc)
import Glibc
#endif

/// The members of a JSON object being read as a plan element, by key (first occurrence).
struct Fields {
    let object: Located
    /// The keys looked up in one pass over the object's members, and the entry of each one's
    /// first value (-1 when the object lacks it); other keys are looked up in the tape.
    private let known: KeyList
    private let values: Slots

    /// Entries by position in `known` (at most `Slots.scalarCount` keys), kept inline.
    typealias Slots = SIMD16<Int>

    init(object: Located) {
        self.object = object
        self.known = []
        self.values = Slots(repeating: -1)
    }

    init(object: Located, known: KeyList, values: Slots) {
        self.object = object
        self.known = known
        self.values = values
    }

    subscript(key: String) -> Located? {
        valueEntry(key).map { Located(tape: object.tape, index: $0) }
    }

    /// The value of `key`, the allowed key at `position` in the list the fields were read
    /// with: taken from its slot, with no key compared.
    func value(_ key: String, at position: Int) -> Located? {
        guard position < known.count else { return self[key] }
        assert(known.names[position] == key)
        let entry = values[position]
        return entry < 0 ? nil : Located(tape: object.tape, index: entry)
    }

    /// Whether the object has this key.
    func has(_ key: String) -> Bool {
        valueEntry(key) != nil
    }

    private func valueEntry(_ key: String) -> Int? {
        if let settled = known.index(of: PackedKey(key)) {
            guard let slot = settled else { return object.tape.value(of: object.index, key: key) }
            let entry = values[slot]
            return entry < 0 ? nil : entry
        }
        // The same bytes are the same text; a key written otherwise is looked up in the tape,
        // which compares text as `String`s do.
        let known = known.names, length = key.utf8.count
        for slot in known.indices where known[slot].utf8.count == length && Self.sameBytes(known[slot], key) {
            let entry = values[slot]
            return entry < 0 ? nil : entry
        }
        return object.tape.value(of: object.index, key: key)
    }

    /// Whether two strings of one length have the same UTF-8 bytes: compared in place where both
    /// keep them side by side (as literals and strings read from a file do).
    private static func sameBytes(_ a: String, _ b: String) -> Bool {
        let inPlace = a.utf8.withContiguousStorageIfAvailable { left in
            b.utf8.withContiguousStorageIfAvailable { right in
                left.count == right.count
                    && (left.isEmpty || memcmp(left.baseAddress!, right.baseAddress!, left.count) == 0)
            }
        }
        return inPlace.flatMap { $0 } ?? a.utf8.elementsEqual(b.utf8)
    }
}

extension PlanReading {
    /// The object at `located`, with every key not in `allowed` reported as unknown.
    ///
    /// - Parameters:
    ///   - what: the element in words, such as "a request", for messages.
    ///   - example: how such an object looks, shown when the value is not an object.
    func fields(of located: Located, what: String, allowed: KeyList, example: @autoclosure () -> String? = nil) -> Fields? {
        let tape = located.tape
        guard tape.kind(located.index) == .object else {
            let shape = example().map { "\(what), an object such as \($0)" } ?? "\(what) (an object)"
            error("expected \(shape), found \(located.node.kindDescription)", at: located.path)
            return nil
        }
        // Each key is matched against the allowed keys once: an allowed key's value is then
        // its first occurrence's, as `JSONTape.value(of:key:)` finds it.
        var values = Fields.Slots(repeating: -1)
        let remembers = allowed.count <= Fields.Slots.scalarCount
        for entry in tape.keys(of: located.index) {
            let match: Int?
            if let settled = allowed.index(of: tape.packedKey(entry)) ?? tape.asciiKeyIndex(entry, among: allowed.names) {
                match = settled
            } else {
                match = allowed.names.indices.first(where: { tape.string(entry, equals: allowed.names[$0]) })
            }
            if let slot = match {
                if remembers, values[slot] < 0 { values[slot] = entry + 1 }
                continue
            }
            let member = TapeMember(tape: tape, keyEntry: entry)
            let path = located.path.key(member.key)
            if let suggestion = Suggestion.nearest(to: member.key, among: allowed.names) {
                error("unknown key \(Quoted.text(member.key)); did you mean \"\(suggestion)\"?", at: path, position: member.keyPosition)
            } else {
                let list = allowed.names.filter { $0 != "$schema" }.joined(separator: ", ")
                error("unknown key \(Quoted.text(member.key)) in \(what); the keys are \(list)", at: path, position: member.keyPosition)
            }
        }
        return Fields(object: located, known: remembers ? allowed : [], values: values)
    }

    /// The value of a required key, or an error at the object that lacks it.
    func required(_ fields: Fields, _ key: String, _ hint: String) -> Located? {
        if let value = fields[key] { return value }
        error("missing \"\(key)\": \(hint)", at: fields.object.path)
        return nil
    }

    /// Reports every key that appears twice in one object, anywhere in the document.
    func reportDuplicateKeys() {
        guard hasDuplicateKeys else { return }
        var pending = [JSONTape.root]
        while let index = pending.popLast() {
            switch tape.kind(index) {
            case .array:
                pending.append(contentsOf: tape.items(of: index))
            case .object:
                var seen: [String: SourcePosition] = [:]
                for entry in tape.keys(of: index) {
                    let member = TapeMember(tape: tape, keyEntry: entry)
                    let key = member.key
                    if let first = seen[key] {
                        error(
                            "duplicate key \"\(key)\": it is already given at line \(first.line), column \(first.column); give each key once",
                            at: tape.path(of: index).key(key), position: member.keyPosition)
                    } else {
                        seen[key] = member.keyPosition
                        pending.append(entry + 1)
                    }
                }
            default:
                break
            }
        }
    }

    /// Whether `name` is in one of the plan's lists; if not, reports an unknown reference with
    /// a suggestion (or the list's names).
    @discardableResult
    func checkReference(
        _ name: String, to list: PlanCatalog.List, at path: @autoclosure () -> JSONPath, position: @autoclosure () -> SourcePosition? = nil
    ) -> Bool {
        if catalog.contains(name, in: list) { return true }
        if catalog.incomplete.contains(list) { return false }
        let known = catalog.names(list)
        let (kind, plural) = PlanCatalog.words(list)
        var message = "unknown \(kind) \(Quoted.text(name))"
        if let suggestion = Suggestion.nearest(to: name, among: known) {
            message += "; did you mean \"\(suggestion)\"?"
        } else if known.isEmpty {
            message += "; the plan has no \(plural)"
        } else {
            let shown = known.prefix(8).map { $0.count > Quoted.longest ? Quoted.text($0) : $0 }.joined(separator: ", ") + (known.count > 8 ? ", ..." : "")
            message += "; the plan's \(plural) are \(shown)"
        }
        error(message, at: path(), position: position())
        return false
    }
}
