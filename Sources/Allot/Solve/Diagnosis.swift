import LinearSolver
import PlanFormat

/// Why a plan is infeasible: a minimal set of rules that cannot all hold, and for each the change
/// that alone would make the plan feasible (formulation.md, "Infeasible plans").
public struct Diagnosis: Sendable, Equatable {
    /// One rule of a conflicting set.
    public struct Conflict: Sendable, Equatable {
        /// A stable id: `budget`, `period:Q1`, a constraint id, `fairness-id:team`,
        /// `target:kpi:min`, `requires:a:b`, `committed:request`.
        public let rule: String
        /// The rule as a typed reference to the plan (the same rule as `rule`).
        public let ref: PlanReference
        /// budget, period, cap, floor, share, ratio, headcount, fairness, target, requires, committed.
        public let kind: String
        /// The rule in words, with its current limit.
        public let description: String
        /// The change that alone restores feasibility, in words; nil when relaxing this rule
        /// alone is not enough.
        public let relaxation: String?
        /// The rule's current limit and the limit that restores feasibility, in the rule's own units.
        public let current: Double?
        public let needed: Double?
        /// Which conflict the rule belongs to (1, 2, ...) when the plan has several.
        public var set = 1
        /// Whether the time limit cut short the search for this rule's relaxation. Then
        /// `relaxation`, when given, is enough but perhaps more than needed, and a nil
        /// `relaxation` means none was found in time, not that relaxing this rule alone is not enough.
        public var cutShort = false

        func inSet(_ number: Int) -> Conflict {
            var copy = self
            copy.set = number
            return copy
        }

        func withRelaxation(_ text: String?) -> Conflict {
            var copy = Conflict(
                rule: rule, ref: ref, kind: kind, description: description, relaxation: text, current: current, needed: needed)
            copy.set = set
            copy.cutShort = cutShort
            return copy
        }
    }

    /// A minimal set of conflicting rules: drop any one of them and the rest can hold together.
    public let conflicts: [Conflict]
    /// One or two sentences for people.
    public let summary: String
    /// Whether the time limit stopped the diagnosis before it was done: what it gives is proven,
    /// but other conflicts may exist (or, without conflicts, none was found in time).
    public var cutShort = false

    public init(conflicts: [Conflict], summary: String, cutShort: Bool = false) {
        self.conflicts = conflicts
        self.summary = summary
        self.cutShort = cutShort
    }

    /// A solve in the diagnosis that did not settle its question before the deadline.
    struct CutShort: Error {}

    static let cutShortBeforeAnyConflict =
        "The diagnosis was cut short by the time limit before it found which rules conflict. A longer --time-limit may find them."
    static let cutShortAfterConflicts =
        "The diagnosis was cut short by the time limit: the plan may hold other conflicts than these."
    static let cutShortRelaxations =
        "The diagnosis was cut short by the time limit before it proved the least change for every rule: a change marked so is enough, though perhaps more than needed."

    /// Diagnoses an infeasible plan.
    ///
    /// Every rule and committed amount gets a slack column; rules are released a chunk at a time
    /// while the rest stays infeasible (a deletion filter), which leaves a minimal conflicting
    /// set. Then each member alone is relaxed, all other rules enforced, by the least amount.
    ///
    /// Every solve shares `deadline`, and none starts once it has passed. A solve that stops at
    /// it without settling its question proves nothing: the diagnosis then gives only the
    /// conflicts it proved (or none), and says it was cut short.
    static func diagnose(_ plan: Plan, deadline: Deadline) throws -> Diagnosis {
        let formulation = Formulation(plan, elastic: true)
        let groups = formulation.elasticGroups
        var settings = SolveOptions()
        settings.deadline = deadline
        guard !deadline.isPast else {
            return Diagnosis(conflicts: [], summary: cutShortBeforeAnyConflict, cutShort: true)
        }
        let solver = try Solver(formulation.program)

        func setRelaxed(_ group: Int, _ relaxed: Bool) throws {
            for slack in groups[group].slacks { try solver.setBounds(of: slack, lower: 0, upper: relaxed ? nil : 0) }
        }
        // A question of feasibility is settled by the first allocation found: an integer program
        // need not be solved to its least slack for it.
        var settle = settings
        settle.relativeGap = 1e300  // below DBL_MAX, which GLPK reads as "no solution yet"
        /// Whether the rules not released can hold together. A solution found within the time
        /// limit proves they can; a solve stopped without one proves nothing.
        func feasible() throws -> Bool {
            guard !deadline.isPast else { throw CutShort() }
            let solution = try solver.solve(settle)
            switch solution.status {
            case .optimal, .withinGap, .timeLimitWithSolution, .iterationLimit(feasible: true): return true
            case .infeasible: return false
            case .unbounded, .timeLimitWithoutSolution, .iterationLimit(feasible: false): throw CutShort()
            }
        }

        do {
            for group in groups.indices { try setRelaxed(group, true) }
            guard try feasible() else {
                return Diagnosis(
                    conflicts: [],
                    summary: "The requests cannot be funded as stated even with every rule and committed amount relaxed; check unit costs, minimums if funded and all-or-nothing amounts.")
            }
            for group in groups.indices { try setRelaxed(group, false) }
            if try feasible() {
                return Diagnosis(conflicts: [], summary: "The plan is feasible once its rules are stated exactly; no conflict was found.")
            }
        } catch is CutShort {
            return Diagnosis(conflicts: [], summary: cutShortBeforeAnyConflict, cutShort: true)
        }

        // Deletion filter: release a chunk; if the rest is still infeasible, the chunk is not
        // needed for the conflict. Otherwise bisect it. Rules in `released` stay released.
        var released = Set<Int>()
        func minimalConflict() throws -> [Int] {
            var necessary: [Int] = []
            func process(_ chunk: ArraySlice<Int>) throws {
                guard !chunk.isEmpty else { return }
                for group in chunk { try setRelaxed(group, true) }
                if try !feasible() { return }
                for group in chunk { try setRelaxed(group, false) }
                if chunk.count == 1 {
                    necessary.append(chunk.first!)
                    return
                }
                let middle = chunk.startIndex + chunk.count / 2
                try process(chunk[chunk.startIndex..<middle])
                try process(chunk[middle...])
            }
            for group in groups.indices { try setRelaxed(group, released.contains(group)) }
            try process(ArraySlice(groups.indices.filter { !released.contains($0) }))
            return necessary.sorted()
        }

        // A plan can hold several separate conflicts: find one, set it aside, look again (up to 3).
        // A set is kept only when every solve that found it settled its question.
        var sets: [[Int]] = []
        var cutShort = false
        do {
            while sets.count < 3 {
                let found = try minimalConflict()
                guard !found.isEmpty else { break }
                sets.append(found)
                released.formUnion(found)
                for group in groups.indices { try setRelaxed(group, released.contains(group)) }
                if try feasible() { break }
            }
            // Conflicts can share rules (the budget against a target, and the same budget against a
            // fairness floor): setting a whole conflict aside hides those. Release one rule of a
            // conflict at a time; if the plan is still infeasible, what remains holds another.
            var probed = Set<Int>()
            search: for set in sets {
                for member in set where !probed.contains(member) {
                    if case .committed = groups[member].rule { continue }
                    guard sets.count < 3 else { break search }
                    probed.insert(member)
                    released = [member]
                    for group in groups.indices { try setRelaxed(group, released.contains(group)) }
                    if try feasible() { continue }
                    let found = try minimalConflict()
                    if !found.isEmpty, !sets.contains(found) { sets.append(found) }
                }
            }
        } catch is CutShort {
            cutShort = true
        }
        guard !sets.isEmpty else {
            return Diagnosis(conflicts: [], summary: cutShortBeforeAnyConflict, cutShort: true)
        }

        // Each member relaxed alone within its conflict, by the least amount, with every other
        // rule enforced but the members of the other conflicts.
        var conflicts: [Conflict] = []
        for (number, members) in sets.enumerated() {
            for group in members {
                // Conflicts this rule is not part of are set aside (their slacks free and
                // costless); every rule of the conflicts it is part of stays enforced, so that a
                // rule shared by two conflicts gets the change that resolves both.
                let mine = sets.filter { $0.contains(group) }
                let others = Set(sets.filter { !$0.contains(group) }.flatMap(\.self)).subtracting(mine.flatMap(\.self))
                for other in groups.indices { try setRelaxed(other, other == group || others.contains(other)) }
                // Past the deadline, or stopped short of the least change: the relaxation is
                // unknown, or enough but perhaps more than needed.
                let solution = try solver.withChanges { changes -> Solution? in
                    for other in others {
                        for slack in groups[other].slacks { try changes.setObjective(of: slack, to: 0) }
                    }
                    return deadline.isPast ? nil : try solver.solve(settings)
                }
                let proven = solution?.status == .optimal || solution?.status == .infeasible
                let values = solution?.status.hasFeasibleSolution == true ? solution?.values : nil
                let slack = values.map { values in groups[group].slacks.map { values[$0.index] } }
                var conflict = formulation.describe(groups[group], slack: slack, values: values).inSet(number + 1)
                if !proven {
                    conflict.cutShort = true
                    conflict = conflict.withRelaxation(conflict.relaxation.map {
                        "\($0) (enough, though perhaps more than needed: the time limit cut the search short)"
                    })
                }
                conflicts.append(conflict)
            }
        }
        var summary = formulation.summary(conflicts)
        if cutShort { summary += " " + cutShortAfterConflicts }
        if conflicts.contains(where: \.cutShort) { summary += " " + cutShortRelaxations }
        return Diagnosis(conflicts: conflicts, summary: summary, cutShort: cutShort || conflicts.contains(where: \.cutShort))
    }
}

extension Formulation {
    fileprivate func money(_ amount: Double) -> String {
        MoneyFormat.format(amount, currency: plan.currency, digits: 3)
    }

    fileprivate func quantity(_ value: Double, kpi: KPI) -> String {
        if let unit = kpi.unit, unit.count == 3, unit == unit.uppercased(), unit.allSatisfy(\.isLetter) {
            return MoneyFormat.format(value, currency: unit, digits: 3)
        }
        return MoneyFormat.compact(value, digits: 3) + (kpi.unit.map { " " + $0 } ?? "")
    }

    fileprivate func percent(_ fraction: Double) -> String { MoneyFormat.compact(fraction * 100, digits: 3) + "%" }

    /// `value` at three significant figures, rounded toward the side that still restores the plan
    /// (up for a limit to raise, down for one to lower): a rounded fix must never fall short.
    fileprivate func safe(_ value: Double, up: Bool) -> Double { MoneyFormat.rounded(value, digits: 3, up: up) }

    fileprivate func ruleName(_ constraint: Constraint) -> String {
        constraint.name.map { "'\($0)'" } ?? "'\(constraint.id)'"
    }

    /// Describes one conflicting rule and the relaxation found for it.
    fileprivate func describe(_ group: ElasticGroup, slack: [Double]?, values: [Double]?) -> Diagnosis.Conflict {
        let row = program.constraints[group.row.index]
        let amount = slack?.reduce(0, +)
        let up = slack.map { group.slacks.count == 2 ? $0[0] > $0[1] : row.upperBound != nil } ?? true
        let spendAt: ([Int]) -> Double? = { members in
            values.map { values in members.reduce(0) { total, index in
                total + self.requests[index].allocation.reduce(0) { $0 + $1.coefficient * values[$1.variable.index] }
            } }
        }
        switch group.rule {
        case .totalBudget:
            let total = plan.budget.total ?? 0
            let needed = amount.map { up ? total + $0 : total - $0 }
            let spendAll = plan.budget.spendAll && !up ? " (the plan must spend all of it: spendAll)" : ""
            return .init(
                rule: "budget", ref: .budget, kind: "budget", description: "the total budget of \(money(total))\(spendAll)",
                relaxation: needed.map { safe($0, up: up) }.map { "\(up ? "raise" : "lower") the total budget from \(money(total)) to \(money($0)) (\(up ? "+" : "-")\(money(abs($0 - total))))" },
                current: total, needed: needed)
        case .periodBudget(let period):
            let limit = plan.budget.periods[period] ?? 0
            let needed = amount.map { limit + $0 }
            return .init(
                rule: "period:\(period)", ref: .period(period), kind: "period", description: "the \(period) budget of \(money(limit))",
                relaxation: needed.map { safe($0, up: true) }.map { "raise the \(period) budget from \(money(limit)) to \(money($0)) (+\(money($0 - limit)))" },
                current: limit, needed: needed)
        case .constraint(let c, let side):
            return describeConstraint(c, side: side, amount: amount, spendAt: spendAt)
        case .fairness(let c, let team):
            let constraint = plan.constraints[c]
            let floor = row.lowerBound ?? 0
            let needed = amount.map { floor - $0 }
            let teamName = plan.teams.first { $0.id == team }?.name ?? team
            return .init(
                rule: "\(constraint.id):\(team)", ref: .rule(constraint.id, team: team), kind: "fairness",
                description: "the fairness rule \(ruleName(constraint)), which gives \(teamName) at least \(money(floor))",
                relaxation: needed.map { safe(max($0, 0), up: false) }.map { "lower the floor guaranteed to \(teamName) under \(ruleName(constraint)) from \(money(floor)) to \(money($0))" },
                current: floor, needed: needed)
        case .target(let k, let side):
            let kpi = plan.kpis[k]
            let bound = (side == .min ? row.lowerBound : row.upperBound) ?? 0
            let needed = amount.map { side == .min ? bound - $0 : bound + $0 }
            return .init(
                rule: "target:\(kpi.id):\(side.rawValue)", ref: .target(kpi.id, side: .init(side)), kind: "target",
                description: "the \(side == .min ? "minimum" : "maximum") target of \(quantity(bound, kpi: kpi)) for \(kpi.name)",
                relaxation: needed.map { safe($0, up: side == .max) }.map { "\(side == .min ? "lower" : "raise") the \(kpi.name) target from \(quantity(bound, kpi: kpi)) to \(quantity($0, kpi: kpi))" },
                current: bound, needed: needed)
        case .requires(let r, let q):
            let first = allRequests[r], second = allRequests[q]
            return .init(
                rule: "requires:\(first.id):\(second.id)", ref: .requires(second.id, of: first.id), kind: "requires",
                description: "'\(first.name)' requires '\(second.name)' (it may not be funded to a larger share of its max)",
                relaxation: amount.map { "let '\(first.name)' be funded \(percent(safe($0, up: true))) of its max further than '\(second.name)'" },
                current: 0, needed: amount)
        case .committed(let r):
            let request = allRequests[r]
            let committed = requests[r].attainableMin
            let needed = amount.map { committed - $0 }
            return .init(
                rule: "committed:\(request.id)", ref: .committed(request.id), kind: "committed",
                description: "the committed spend of \(money(committed)) on '\(request.name)'",
                relaxation: needed.map { safe(max($0, 0), up: false) }.map { "cut the committed spend on '\(request.name)' from \(money(committed)) to \(money($0))" },
                current: committed, needed: needed)
        }
    }

    private func describeConstraint(
        _ c: Int, side: Side, amount: Double?, spendAt: ([Int]) -> Double?
    ) -> Diagnosis.Conflict {
        let constraint = plan.constraints[c]
        let name = ruleName(constraint)
        switch constraint.kind {
        case .cap(let max):
            let needed = amount.map { max + $0 }
            return .init(
                rule: constraint.id, ref: .rule(constraint.id), kind: "cap", description: "the cap \(name) of \(money(max))",
                relaxation: needed.map { safe($0, up: true) }.map { "raise the cap \(name) from \(money(max)) to \(money($0)) (+\(money($0 - max)))" },
                current: max, needed: needed)
        case .floor(let min):
            let needed = amount.map { min - $0 }
            return .init(
                rule: constraint.id, ref: .rule(constraint.id), kind: "floor", description: "the floor \(name) of \(money(min))",
                relaxation: needed.map { safe(Swift.max($0, 0), up: false) }.map { "lower the floor \(name) from \(money(min)) to \(money($0))" },
                current: min, needed: needed)
        case .share(let min, let max):
            let fraction = (side == .min ? min : max) ?? 0
            let inScope = spendAt(select(constraint.scope))
            let total = spendAt(Array(allRequests.indices))
            let needed = amount == nil ? nil : zip2(inScope, total).map { $1 > 0 ? $0 / $1 : fraction }
            let word = side == .min ? "minimum" : "maximum"
            return .init(
                rule: constraint.id, ref: .rule(constraint.id), kind: "share", description: "the \(word) share \(name) of \(percent(fraction))",
                relaxation: needed.map { safe($0, up: side == .max) }.map { "\(side == .min ? "lower" : "raise") the \(word) share \(name) from \(percent(fraction)) to \(percent($0))" },
                current: fraction, needed: needed)
        case .ratio(let to, let min, let max):
            let ratio = (side == .min ? min : max) ?? 0
            let needed = amount == nil ? nil : zip2(spendAt(select(constraint.scope)), spendAt(select(to))).map { $1 > 0 ? $0 / $1 : ratio }
            let word = side == .min ? "minimum" : "maximum"
            return .init(
                rule: constraint.id, ref: .rule(constraint.id), kind: "ratio", description: "the \(word) ratio \(name) of \(MoneyFormat.compact(ratio, digits: 3))",
                relaxation: needed.map { safe($0, up: side == .max) }.map { "\(side == .min ? "lower" : "raise") the \(word) ratio \(name) from \(MoneyFormat.compact(ratio, digits: 3)) to \(MoneyFormat.compact($0, digits: 3))" },
                current: ratio, needed: needed)
        case .headcount(let max):
            let needed = amount.map { (max + $0 - 1e-6).rounded(.up) }
            return .init(
                rule: constraint.id, ref: .rule(constraint.id), kind: "headcount", description: "the headcount cap \(name) of \(MoneyFormat.compact(max, digits: 6)) heads",
                relaxation: needed.map { "raise the headcount cap \(name) from \(MoneyFormat.compact(max, digits: 6)) to \(MoneyFormat.compact($0, digits: 6)) heads" },
                current: max, needed: needed)
        case .fairness:
            return .init(rule: constraint.id, ref: .rule(constraint.id), kind: "fairness", description: "the fairness rule \(name)", relaxation: nil, current: nil, needed: nil)
        }
    }

    /// A sentence or two for the whole conflict.
    fileprivate func summary(_ conflicts: [Diagnosis.Conflict]) -> String {
        guard !conflicts.isEmpty else { return "No conflicting set of rules was found." }
        let sets = Set(conflicts.map(\.set)).sorted()
        if sets.count > 1 {
            let parts = sets.map { number in
                "(\(number)) " + summarySet(conflicts.filter { $0.set == number })
            }
            // Rules named in more than one conflict: one change to them can resolve several.
            let shared = Dictionary(grouping: conflicts, by: \.ref).filter { $0.value.count > 1 }
            guard !shared.isEmpty else {
                return "The plan has \(sets.count) separate conflicts; fix one rule in each. " + parts.joined(separator: " ")
            }
            let names = conflicts.filter { shared[$0.ref] != nil && $0.kind != "committed" }
                .reduce(into: [String]()) { if !$0.contains($1.description) { $0.append($1.description) } }
            let sharedText = names.isEmpty ? "committed spend" : Self.list(names)
            return "The plan has \(sets.count) conflicts, which share \(sharedText); fix one rule in each (the change listed for a shared rule resolves every conflict it is in). "
                + parts.joined(separator: " ")
        }
        return summarySet(conflicts)
    }

    /// One conflict in a sentence or two.
    fileprivate func summarySet(_ conflicts: [Diagnosis.Conflict]) -> String {
        let committed = conflicts.filter { $0.kind == "committed" }
        if let budget = conflicts.first(where: { $0.kind == "budget" }), committed.count == conflicts.count - 1,
           let total = budget.current
        {
            // The classic case: committed spend alone exceeds the total budget.
            let sum = allRequests.indices.reduce(0) { $0 + requests[$1].attainableMin }
            if sum > total {
                return "Committed spend \(money(sum)) exceeds the total budget \(money(total)) by \(money(sum - total)). Raise the budget or cut committed spend."
            }
        }
        // Committed amounts are summed in one phrase; their individual fixes are in the list.
        let rules = conflicts.filter { $0.kind != "committed" }
        // A fairness rule binds once per team: name it once, with its teams.
        func fairness(of conflict: Diagnosis.Conflict) -> Constraint? {
            guard case .rule(let id, _?) = conflict.ref else { return nil }
            return plan.constraints.first { $0.id == id }
        }
        var names: [String] = []
        var fairnessNamed = Set<String>()
        for rule in rules {
            guard let constraint = fairness(of: rule) else {
                names.append(rule.description)
                continue
            }
            let teams = rules.filter { fairness(of: $0)?.id == constraint.id }
            guard teams.count > 1 else {
                names.append(rule.description)
                continue
            }
            guard fairnessNamed.insert(constraint.id).inserted else { continue }
            let floors = teams.map { conflict -> String in
                let team = conflict.ref.team ?? ""
                let name = plan.teams.first { $0.id == team }?.name ?? team
                return "\(name) \(money(conflict.current ?? 0))"
            }
            names.append("the fairness rule \(ruleName(constraint)) for \(teams.count) teams (floors: \(floors.joined(separator: ", ")))")
        }
        if committed.count == 1 {
            names.append(committed[0].description)
        } else if committed.count > 1 {
            let sum = committed.compactMap(\.current).reduce(0, +)
            names.append("the committed spend of \(committed.count) requests (\(money(sum)) in total)")
        }
        var fixes = rules.compactMap(\.relaxation)
        if committed.count == 1, let fix = committed[0].relaxation { fixes.append(fix) }
        if committed.count > 1 {
            fixes.append(committed.contains { $0.relaxation != nil }
                ? "cut committed spend (each request's cut is listed below)"
                : "cut the committed spend of several of these requests together (no one of them alone is enough)")
        }
        var text = conflicts.count == 1
            ? "The plan cannot meet \(names[0]) with the requests as stated."
            : "These rules cannot all hold: " + Self.list(names) + "."
        if !fixes.isEmpty {
            text += conflicts.count == 1 ? " To fix it: \(fixes[0])." : " Any one of these changes resolves it: \(fixes.joined(separator: "; or "))."
        }
        return text
    }
}

extension Formulation {
    /// "a, b and c".
    static func list(_ items: [String]) -> String {
        guard items.count > 1 else { return items.first ?? "" }
        return items.dropLast().joined(separator: ", ") + " and " + items.last!
    }
}

private func zip2(_ a: Double?, _ b: Double?) -> (Double, Double)? {
    guard let a, let b else { return nil }
    return (a, b)
}
