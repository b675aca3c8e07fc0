extension PlanReading {
    static let constraintKinds = ["cap", "floor", "share", "ratio", "headcount", "fairness"]
    static let constraintKeys: [String: [String]] = [
        "cap": ["max"], "floor": ["min"], "share": ["min", "max"], "ratio": ["to", "min", "max"],
        "headcount": ["max"], "fairness": ["minFractionOfAsk", "minFractionOfProRata", "exceptions"],
    ]
    static let commonConstraintKeys: KeyList = ["id", "name", "kind", "scope"]

    /// The plan's `constraints`.
    func readConstraints(_ located: Located) -> [Constraint] {
        guard let items = array(located, "an array of constraints such as [{\"kind\": \"cap\", \"max\": \"2M\"}]") else {
            catalog.incomplete.insert(.constraints)
            return []
        }
        var constraints: [Constraint] = []
        var taken = givenIDs(items)
        for (index, item) in items.enumerated() {
            guard let constraint = readConstraint(item, number: index + 1, taken: taken) else {
                catalog.incomplete.insert(.constraints)
                continue
            }
            taken.insert(constraint.id)
            constraints.append(constraint)
            constraintPaths.append(item)
            catalog.add(constraint.id, to: .constraints)
        }
        return constraints
    }

    /// The ids that a list of constraints gives, to keep default ids clear of them.
    func givenIDs(_ items: [Located]) -> Set<String> {
        Set(items.compactMap { item in
            if case .string(let id)? = item.node["id"]?.value { id } else { nil }
        })
    }

    /// The id of a constraint given none: `kind-number`, or `kind-number-2` (`-3`, ...) when
    /// `taken` (the ids the plan gives, and those already handed out) already has it.
    static func defaultID(kind: String, number: Int, taken: Set<String>) -> String {
        let base = "\(kind)-\(number)"
        var id = base
        var suffix = 2
        while taken.contains(id) {
            id = "\(base)-\(suffix)"
            suffix += 1
        }
        return id
    }

    /// One constraint; without an `id` it is called `kind-number`, made unique against `taken`.
    func readConstraint(_ located: Located, number: Int, taken: Set<String>) -> Constraint? {
        let example = "{\"kind\": \"cap\", \"scope\": {\"teams\": [\"sales\"]}, \"max\": \"2M\"}"
        let kinds = Self.constraintKinds.joined(separator: ", ")
        var kind: String?
        if case .object = located.node.value, let kindValue = located.node["kind"] {
            let kindAt = Located(tape: tape, index: kindValue.index)
            if let text = string(kindAt, "a constraint kind: one of \(kinds)") {
                if Self.constraintKeys[text] != nil {
                    kind = text
                } else if let suggestion = Suggestion.nearest(to: text, among: Self.constraintKinds) {
                    error("unknown constraint kind \"\(text)\"; did you mean \"\(suggestion)\"?", at: kindAt.path)
                } else {
                    error("unknown constraint kind \"\(text)\"; the kinds are \(kinds)", at: kindAt.path)
                }
            }
        }
        let allowed = KeyList(Self.commonConstraintKeys.names + (kind.map { Self.constraintKeys[$0]! } ?? ["max", "min", "to", "minFractionOfAsk", "minFractionOfProRata", "exceptions"]))
        let what = kind.map { "a \($0) constraint" } ?? "a constraint"
        guard let fields = fields(of: located, what: what, allowed: allowed, example: example) else { return nil }
        _ = required(fields, "kind", "say which rule this is: one of \(kinds)")
        let id = fields["id"].flatMap { self.id($0, example: "gtm-share") }
        let name = fields["name"].flatMap { string($0, "the constraint's name as a string") }
        let scope = fields["scope"].map { readScope($0, role: "scope") }
        guard let kind, let body = readConstraintKind(kind, fields) else { return nil }
        if fields.has("id"), id == nil { return nil }
        if case .some(.none) = scope { return nil }
        let constraintID = id ?? Self.defaultID(kind: kind, number: number, taken: taken)
        return Constraint(id: constraintID, name: name ?? constraintID, kind: body, scope: (scope ?? nil) ?? Scope())
    }

    /// The kind-specific keys of a constraint.
    func readConstraintKind(_ kind: String, _ fields: Fields) -> Constraint.Kind? {
        switch kind {
        case "cap":
            return required(fields, "max", "give the most the scope may get, such as \"max\": \"2M\"").flatMap(money).map { .cap(max: $0) }
        case "floor":
            return required(fields, "min", "give the least the scope must get, such as \"min\": \"1M\"").flatMap(money).map { .floor(min: $0) }
        case "share":
            guard let (minimum, maximum) = readRange(fields, read: fraction, example: "\"max\": 0.55") else { return nil }
            return .share(min: minimum, max: maximum)
        case "ratio":
            let to = required(fields, "to", "give the scope to compare with, such as \"to\": {\"teams\": [\"product\"]}")
                .map { readScope($0, role: "ratio's \"to\" scope") }
            let read = { (located: Located) in self.nonNegativeNumber(located, "a ratio such as 0.5", name: "a ratio") }
            guard let (minimum, maximum) = readRange(fields, read: read, example: "\"min\": 0.5"), let to, let scope = to else { return nil }
            return .ratio(to: scope, min: minimum, max: maximum)
        case "headcount":
            return required(fields, "max", "give the most units (heads) the scope may fund, such as \"max\": 12")
                .flatMap { nonNegativeNumber($0, "a number of units such as 12", name: "max") }
                .map { .headcount(max: $0) }
        default:
            let ask = fields["minFractionOfAsk"], proRata = fields["minFractionOfProRata"]
            if ask != nil, let proRata {
                error("give one of minFractionOfAsk and minFractionOfProRata, not both", at: proRata.path)
                return nil
            }
            guard let located = ask ?? proRata else {
                error(
                    "missing \"minFractionOfAsk\" (the least fraction of each team's ask to fund, such as 0.5) or \"minFractionOfProRata\" (of its pro-rata share of the budget)",
                    at: fields.object.path)
                return nil
            }
            guard let value = fraction(located) else { return nil }
            var exceptions: [String: Double] = [:]
            if let given = fields["exceptions"] {
                guard case .object(let members) = given.node.value else {
                    error("expected the teams' own fractions, an object such as {\"sales\": 0.4}, found \(given.node.kindDescription)", at: given.path)
                    return nil
                }
                for member in members {
                    let item = member.value
                    guard checkReference(member.key, to: .teams, at: item.path, position: member.keyPosition) else { continue }
                    if let teamFraction = fraction(item) { exceptions[member.key] = teamFraction }
                }
            }
            return .fairness(Fairness(fraction: value, basis: proRata != nil ? .proRata : .ask, exceptions: exceptions))
        }
    }

    /// `min` and/or `max` (at least one, min <= max); nil after an error.
    func readRange(_ fields: Fields, read: (Located) -> Double?, example: String) -> (Double?, Double?)? {
        let minimum = fields["min"].flatMap(read)
        let maximum = fields["max"].flatMap(read)
        if !fields.has("min"), !fields.has("max") {
            error("missing \"min\" or \"max\": give one or both, such as \(example)", at: fields.object.path)
            return nil
        }
        if fields.has("min") && minimum == nil || fields.has("max") && maximum == nil { return nil }
        if let minimum, let maximum, minimum > maximum {
            let text = { (value: Double) in NumberText.significant(value) }
            error("min \(text(minimum)) is above max \(text(maximum)); no allocation can meet both", at: fields.object.path.key("min"))
            return nil
        }
        return (minimum, maximum)
    }

    /// A scope: teams, groups and requests, every name known, selecting at least one request.
    ///
    /// A scope that is given must name something; to mean the whole plan, leave it out.
    func readScope(_ located: Located, role: String) -> Scope? {
        let example = "{\"teams\": [\"sales\"], \"groups\": [\"gtm\"], \"requests\": [\"cs-onboarding\"]}"
        guard let fields = fields(of: located, what: "a scope", allowed: ["teams", "groups", "requests"], example: example) else {
            return nil
        }
        var allKnown = true
        func names(_ key: String, _ list: PlanCatalog.List, _ example: String) -> [String] {
            guard let value = fields[key] else { return [] }
            let kind = PlanCatalog.words(list).kind
            guard let items = strings(value, "an array of \(kind) \(list == .groups ? "names" : "ids") such as [\"\(example)\"]", item: "a \(kind) \(list == .groups ? "name" : "id")") else {
                allKnown = false
                return []
            }
            for (name, item) in items where !checkReference(name, to: list, at: item.path) { allKnown = false }
            return items.map(\.text)
        }
        let scope = Scope(teams: names("teams", .teams, "sales"), groups: names("groups", .groups, "gtm"), requests: names("requests", .requests, "sales-ae"))
        if scope.isWholePlan, allKnown {
            error("the \(role) names nothing: list teams, groups or requests in it\(role == "scope" ? ", or leave out \"scope\" to mean the whole plan" : "")", at: located.path)
            return nil
        }
        if allKnown, catalog.incomplete.isDisjoint(with: [.teams, .groups, .requests]), catalog.selectsNothing(scope) {
            error("the \(role) selects no request: the teams and groups it names have no requests", at: located.path)
            return nil
        }
        return scope
    }
}
