/// The members of a JSON object being read as a plan element, by key (first occurrence).
struct Fields {
    let object: Located

    init(object: Located) {
        self.object = object
    }

    subscript(key: String) -> Located? {
        object.tape.value(of: object.index, key: key).map { Located(tape: object.tape, index: $0) }
    }

    /// Whether the object has this key.
    func has(_ key: String) -> Bool {
        object.tape.value(of: object.index, key: key) != nil
    }
}

extension PlanReading {
    /// The object at `located`, with every key not in `allowed` reported as unknown.
    ///
    /// - Parameters:
    ///   - what: the element in words, such as "a request", for messages.
    ///   - example: how such an object looks, shown when the value is not an object.
    func fields(of located: Located, what: String, allowed: [String], example: @autoclosure () -> String? = nil) -> Fields? {
        let tape = located.tape
        guard tape.kind(located.index) == .object else {
            let shape = example().map { "\(what), an object such as \($0)" } ?? "\(what) (an object)"
            error("expected \(shape), found \(located.node.kindDescription)", at: located.path)
            return nil
        }
        for entry in tape.keys(of: located.index) where !allowed.contains(where: { tape.string(entry, equals: $0) }) {
            let member = TapeMember(tape: tape, keyEntry: entry)
            let path = located.path.key(member.key)
            if let suggestion = Suggestion.nearest(to: member.key, among: allowed) {
                error("unknown key \(Quoted.text(member.key)); did you mean \"\(suggestion)\"?", at: path, position: member.keyPosition)
            } else {
                let list = allowed.filter { $0 != "$schema" }.joined(separator: ", ")
                error("unknown key \(Quoted.text(member.key)) in \(what); the keys are \(list)", at: path, position: member.keyPosition)
            }
        }
        return Fields(object: located)
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
