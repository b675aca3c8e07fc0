/// Where a request was read from, and its `requires` entries, for the checks that need the
/// whole plan.
struct RequestRecord {
    let id: String
    /// The request's object.
    let at: Located
    let requires: [(text: String, at: Located)]
}

extension PlanReading {
    static let requestKeys: KeyList = [
        "id", "name", "amount", "min", "max", "unitCost", "minIfFunded", "allOrNothing", "phasing", "impact",
        "confidence", "requires", "note",
    ]

    /// One request of a team, with every check that needs only the request itself.
    func readRequest(_ located: Located, team: String) -> Request? {
        let example = "{\"id\": \"sales-ae\", \"amount\": \"900k\"}"
        guard let fields = fields(of: located, what: "a request", allowed: Self.requestKeys, example: example) else { return nil }
        let id = required(fields, "id", "every request needs an id unique in the plan, such as \"id\": \"sales-ae\"")
            .flatMap { self.id($0, example: "sales-ae") }
        let name = fields["name"].flatMap { string($0, "the request's name as a string") }
        let note = fields["note"].flatMap { string($0, "the team's justification as a string") }
        var amount = required(fields, "amount", "give what the team asks for, such as \"amount\": \"250k\"").flatMap(money)
        if let given = amount, given <= 0, let path = fields["amount"]?.path {
            error("amount must be above 0: a request asks for something (remove the request, or give what it asks for)", at: path)
            amount = nil
        }
        let bounds = readBounds(fields, amount: amount)
        let confidence = fields["confidence"].flatMap(readConfidence) ?? 1
        let phasing = fields["phasing"].flatMap(readPhasing) ?? [:]
        let impact = fields["impact"].flatMap { readImpacts($0, max: bounds.max) } ?? [:]
        var requires: [(text: String, at: Located)] = []
        if let list = fields["requires"] {
            requires = strings(list, "an array of request ids such as [\"sales-crm\"]", item: "a request id") ?? []
        }
        let noImpact = fields["impact"].map { $0.node.isEmptyObject } ?? true
        if noImpact, bounds.min == 0, let id {
            warning("request \"\(id)\" has no impact and no min: it will never be funded; give it an impact, or a min for committed spend", at: located.path)
        }
        guard let id else { return nil }
        requestRecords.append(RequestRecord(id: id, at: located, requires: requires))
        return Request(
            id: id, name: name, team: team, amount: amount ?? 0, min: bounds.min, max: bounds.max,
            unitCost: bounds.unitCost, minIfFunded: bounds.minIfFunded, allOrNothing: bounds.allOrNothing,
            phasing: phasing, impact: impact, confidence: confidence, requires: requires.map(\.text), note: note)
    }

    /// How sure the team is: a fraction above 0.
    func readConfidence(_ located: Located) -> Double? {
        guard let confidence = fraction(located) else { return nil }
        if confidence == 0 {
            error("confidence must be above 0 (and at most 1): a request sure to do nothing has no impact; remove the impact instead", at: located.path)
            return nil
        }
        return confidence
    }

    /// `phasing`: fractions by period that sum to 1.
    func readPhasing(_ located: Located) -> [String: Double]? {
        guard let entries = entries(located, "an object of fractions by period, such as {\"H1\": 0.4, \"H2\": 0.6}") else {
            return nil
        }
        if catalog.periods.isEmpty, !catalog.incomplete.contains(.periods) {
            error("the plan has no periods: add \"periods\" at the top level (such as [\"H1\", \"H2\"]), or leave out phasing", at: located.path)
            return nil
        }
        var phasing: [String: Double] = [:]
        var complete = true
        for entry in entries {
            let known = checkReference(entry.key, to: .periods, at: entry.value.path, position: entry.keyPosition)
            if let share = fraction(entry.value) {
                if known { phasing[entry.key] = share }
            } else {
                complete = false
            }
        }
        let sum = entries.compactMap { phasing[$0.key] }.reduce(0, +)
        if complete, !entries.isEmpty, abs(sum - 1) > 1e-6, phasing.count == entries.count {
            error(
                "the phasing fractions sum to \(NumberText.significant(sum, digits: 10)), not 1; make them add up to 1 (a period left out counts 0)",
                at: located.path)
        } else if entries.isEmpty {
            error("phasing is empty: give fractions by period, such as {\"H1\": 0.4, \"H2\": 0.6}, or leave it out for an equal split", at: located.path)
        }
        return phasing
    }
}
