/// What changed between two versions of a plan, element by element: requests and teams matched
/// by id, KPIs and rules by id, the budget and the plan's settings field by field.
///
/// A renamed id is a removal plus an addition: ids are the plan's identity. Changes read
/// "from the old version to the new".
public struct PlanDiff: Sendable, Equatable {
    /// One changed input: which element, which field, and its value before and after (nil where
    /// the element or field did not exist).
    public struct Change: Sendable, Equatable {
        public let ref: PlanReference
        /// The field, as the plan file names it (`amount`, `impact.arr`, `max`, ...); `added` or
        /// `removed` when the whole element came or went.
        public let field: String
        public let from: Value?
        public let to: Value?
    }

    /// A value of a plan field, in a form every output can write.
    public enum Value: Sendable, Equatable, CustomStringConvertible {
        case number(Double)
        case text(String)
        case flag(Bool)
        case list([Value])

        public var description: String {
            switch self {
            case .number(let number): NumberText.significant(number)
            case .text(let text): text
            case .flag(let flag): flag ? "true" : "false"
            case .list(let values): "[" + values.map(\.description).joined(separator: ", ") + "]"
            }
        }
    }

    /// Every change, in the order: plan settings, budget, KPIs, teams, requests, rules; within each,
    /// the old version's order, then additions in the new version's order.
    public let changes: [Change]

    public var isEmpty: Bool { changes.isEmpty }

    /// The ids of the requests whose own inputs changed (or that came or went).
    public var changedRequests: Set<String> {
        Set(changes.compactMap { change in
            switch change.ref {
            case .request(let id), .ask(let id), .committed(let id), .units(let id): id
            default: nil
            }
        })
    }

    /// Compares an old version of a plan with a new one.
    public init(from old: Plan, to new: Plan) {
        var changes: [Change] = []
        func field(_ ref: PlanReference, _ name: String, _ a: Value?, _ b: Value?) {
            if a != b { changes.append(Change(ref: ref, field: name, from: a, to: b)) }
        }
        // The plan's settings and budget.
        field(.plan, "currency", .text(old.currency), .text(new.currency))
        field(.plan, "periods", .list(old.periods.map { .text($0) }), .list(new.periods.map { .text($0) }))
        field(.plan, "objective", .text(old.objective.rawValue), .text(new.objective.rawValue))
        field(.budget, "total", old.budget.total.map { .number($0) }, new.budget.total.map { .number($0) })
        field(.budget, "spendAll", .flag(old.budget.spendAll), .flag(new.budget.spendAll))
        for period in Self.union(old.budget.periods.keys.sorted(), new.budget.periods.keys.sorted()) {
            field(.period(period), "budget", old.budget.periods[period].map { .number($0) }, new.budget.periods[period].map { .number($0) })
        }
        // KPIs.
        Self.match(old.kpis, new.kpis, id: \.id, ref: { .kpi($0) }, report: { changes.append($0) }) { a, b, ref in
            field(ref, "name", .text(a.name), .text(b.name))
            field(ref, "unit", a.unit.map { .text($0) }, b.unit.map { .text($0) })
            field(ref, "worth", .number(a.worth), .number(b.worth))
            field(.target(a.id, side: .min), "target.min", a.target?.min.map { .number($0) }, b.target?.min.map { .number($0) })
            field(.target(a.id, side: .max), "target.max", a.target?.max.map { .number($0) }, b.target?.max.map { .number($0) })
            field(.target(a.id), "target.soft.penalty", a.target?.softPenalty.map { .number($0) }, b.target?.softPenalty.map { .number($0) })
        }
        // Teams, then requests across teams (a request that moved team is changed, not re-added).
        Self.match(old.teams, new.teams, id: \.id, ref: { .team($0) }, report: { changes.append($0) }) { a, b, ref in
            field(ref, "name", .text(a.name), .text(b.name))
            field(ref, "owner", a.owner.map { .text($0) }, b.owner.map { .text($0) })
            field(ref, "groups", .list(a.groups.map { .text($0) }), .list(b.groups.map { .text($0) }))
        }
        Self.match(old.requests, new.requests, id: \.id, ref: { .request($0) }, report: { changes.append($0) }) { a, b, ref in
            field(ref, "team", .text(a.team), .text(b.team))
            field(ref, "name", .text(a.name), .text(b.name))
            field(.ask(a.id), "amount", .number(a.amount), .number(b.amount))
            field(.committed(a.id), "min", .number(a.min), .number(b.min))
            // A max left out follows the amount: only a max of its own is an input.
            if a.max != a.amount || b.max != b.amount { field(ref, "max", .number(a.max), .number(b.max)) }
            field(.units(a.id), "unitCost", a.unitCost.map { .number($0) }, b.unitCost.map { .number($0) })
            field(ref, "minIfFunded", a.minIfFunded.map { .number($0) }, b.minIfFunded.map { .number($0) })
            field(ref, "allOrNothing", .flag(a.allOrNothing), .flag(b.allOrNothing))
            field(ref, "confidence", .number(a.confidence), .number(b.confidence))
            for period in Self.union(a.phasing.keys.sorted(), b.phasing.keys.sorted()) {
                field(ref, "phasing.\(period)", a.phasing[period].map { .number($0) }, b.phasing[period].map { .number($0) })
            }
            for kpi in Self.union(a.impact.keys.sorted(), b.impact.keys.sorted()) {
                field(ref, "impact.\(kpi)", a.impact[kpi].map(Self.value), b.impact[kpi].map(Self.value))
            }
            field(ref, "requires", .list(a.requires.map { .text($0) }), .list(b.requires.map { .text($0) }))
            field(ref, "note", a.note.map { .text($0) }, b.note.map { .text($0) })
        }
        // Rules.
        Self.match(old.constraints, new.constraints, id: \.id, ref: { .rule($0) }, report: { changes.append($0) }) { a, b, ref in
            field(ref, "name", a.name.map { .text($0) }, b.name.map { .text($0) })
            field(ref, "kind", .text(a.kindName), .text(b.kindName))
            let (before, after) = (Self.limits(a), Self.limits(b))
            for name in Self.union(before.map(\.0), after.map(\.0)) {
                let from = before.first { $0.0 == name }?.1, to = after.first { $0.0 == name }?.1
                field(ref, name, from.map { .number($0) }, to.map { .number($0) })
            }
            field(ref, "scope", Self.value(a.scope), Self.value(b.scope))
            if case .ratio(let toA, _, _) = a.kind, case .ratio(let toB, _, _) = b.kind {
                field(ref, "to", Self.value(toA), Self.value(toB))
            }
        }
        self.changes = changes
    }

    /// Pairs elements by id: removed ones (in the old order) are reported, each pair is handed to
    /// `compare`, then added ones (in the new order) are reported.
    static func match<Element>(
        _ old: [Element], _ new: [Element], id: (Element) -> String, ref: (String) -> PlanReference,
        report: (Change) -> Void, compare: (Element, Element, PlanReference) -> Void
    ) {
        var newByID: [String: Element] = [:]
        for element in new { newByID[id(element)] = element }
        let oldIDs = Set(old.map(id))
        for element in old {
            let key = id(element)
            if let counterpart = newByID[key] {
                compare(element, counterpart, ref(key))
            } else {
                report(Change(ref: ref(key), field: "removed", from: .text(key), to: nil))
            }
        }
        for element in new where !oldIDs.contains(id(element)) {
            report(Change(ref: ref(id(element)), field: "added", from: nil, to: .text(id(element))))
        }
    }

    /// The keys of both lists, the first list's order first.
    static func union(_ a: [String], _ b: [String]) -> [String] {
        a + b.filter { !a.contains($0) }
    }

    static func value(_ impact: Impact) -> Value {
        switch impact {
        case .perDollar(let rate): .list([.text("perDollar"), .number(rate)])
        case .total(let total): .list([.text("total"), .number(total)])
        case .curve(let points): .list([.text("curve")] + points.map { .list([.number($0.spend), .number($0.impact)]) })
        }
    }

    static func value(_ scope: Scope) -> Value {
        if scope.isWholePlan { return .text("the whole plan") }
        var parts: [Value] = []
        if !scope.teams.isEmpty { parts.append(.list([.text("teams")] + scope.teams.map { .text($0) })) }
        if !scope.groups.isEmpty { parts.append(.list([.text("groups")] + scope.groups.map { .text($0) })) }
        if !scope.requests.isEmpty { parts.append(.list([.text("requests")] + scope.requests.map { .text($0) })) }
        return .list(parts)
    }

    /// A rule's limits by the plan file's key.
    static func limits(_ rule: Constraint) -> [(String, Double)] {
        switch rule.kind {
        case .cap(let max), .headcount(let max): [("max", max)]
        case .floor(let min): [("min", min)]
        case .share(let min, let max), .ratio(_, let min, let max): (min.map { [("min", $0)] } ?? []) + (max.map { [("max", $0)] } ?? [])
        case .fairness(let fairness):
            [(fairness.key, fairness.fraction)] + fairness.exceptions.keys.sorted().map { ("exceptions.\($0)", fairness.exceptions[$0]!) }
        }
    }
}
