/// The members of a JSON object being read as a plan element, by key (first occurrence).
struct Fields {
    let object: Located
    let members: [JSONMember]
    /// The object's path, made once for all its members.
    let path: JSONPath

    init(object: Located, members: [JSONMember]) {
        self.object = object
        self.members = members
        self.path = object.path
    }

    subscript(key: String) -> Located? {
        for index in members.indices where members[index].key == key {
            return Located(node: members[index].value, in: path, .key(key))
        }
        return nil
    }

    /// Whether the object has this key.
    func has(_ key: String) -> Bool {
        for index in members.indices where members[index].key == key { return true }
        return false
    }
}

extension PlanReading {
    /// The object at `located`, with every key not in `allowed` reported as unknown.
    ///
    /// - Parameters:
    ///   - what: the element in words, such as "a request", for messages.
    ///   - example: how such an object looks, shown when the value is not an object.
    func fields(of located: Located, what: String, allowed: [String], example: @autoclosure () -> String? = nil) -> Fields? {
        guard case .object(let members) = located.node.value else {
            let shape = example().map { "\(what), an object such as \($0)" } ?? "\(what) (an object)"
            error("expected \(shape), found \(located.node.kindDescription)", at: located.path)
            return nil
        }
        for index in members.indices where !allowed.contains(members[index].key) {
            let member = members[index]
            let path = located.path.key(member.key)
            if let suggestion = Suggestion.nearest(to: member.key, among: allowed) {
                error("unknown key \(Quoted.text(member.key)); did you mean \"\(suggestion)\"?", at: path, position: member.keyPosition)
            } else {
                let list = allowed.filter { $0 != "$schema" }.joined(separator: ", ")
                error("unknown key \(Quoted.text(member.key)) in \(what); the keys are \(list)", at: path, position: member.keyPosition)
            }
        }
        return Fields(object: located, members: unique(members))
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
        var pending = [Located(node: root, path: .root)]
        while let located = pending.popLast() {
            switch located.node.value {
            case .array(let items):
                pending.append(contentsOf: items.enumerated().map { Located(node: $1, path: located.path.index($0)) })
            case .object(let members):
                var seen: [String: SourcePosition] = [:]
                for member in members {
                    if let first = seen[member.key] {
                        error(
                            "duplicate key \"\(member.key)\": it is already given at line \(first.line), column \(first.column); give each key once",
                            at: located.path.key(member.key), position: member.keyPosition)
                    } else {
                        seen[member.key] = member.keyPosition
                        pending.append(Located(node: member.value, path: located.path.key(member.key)))
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
    func checkReference(_ name: String, to list: PlanCatalog.List, at path: JSONPath, position: SourcePosition? = nil) -> Bool {
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
        error(message, at: path, position: position)
        return false
    }
}
