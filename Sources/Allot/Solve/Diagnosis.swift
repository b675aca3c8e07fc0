import LinearSolver
import PlanFormat

/// Why a plan is infeasible: a minimal set of rules that cannot all hold, and for each the change
/// that alone would make the plan feasible (formulation.md, "Infeasible plans").
public struct Diagnosis: Sendable {
    /// One rule of a conflicting set: the rule, its limit, and the limit that alone restores the
    /// plan. The words are AllotReports'.
    public struct Conflict: Sendable {
        /// A stable id (`budget`, `period:Q1`, a constraint id, `fairness-id:team`,
        /// `target:kpi:min`, `requires:a:b`, `committed:request`), and the rule's kind (budget,
        /// period, cap, floor, share, ratio, headcount, fairness, target, requires, committed).
        public let rule, kind: String
        /// The rule as a typed reference to the plan (the same rule as `rule`).
        public let ref: PlanReference
        /// The rule's current limit, and the limit that alone restores feasibility, in the rule's
        /// own units (for `requires`, how much further than what it needs, as a share of its
        /// max, the request must be funded). A nil `needed`: relaxing this rule alone is not
        /// enough, or (`cutShort`) no relaxation was found in time.
        public let current, needed: Double?
        /// Which conflict the rule belongs to (1, 2, ...) when the plan has several.
        package internal(set) var set = 1
        /// Whether the time limit cut short the search for this rule's relaxation: `needed`,
        /// when given, is enough but perhaps more than needed.
        package internal(set) var cutShort = false
        /// `needed` as an edit of the plan file, rounded to three significant figures toward the
        /// side where it holds (a fairness floor becomes the team's exception; a dependency is
        /// removed); nil where there is no such edit.
        package internal(set) var fix: PlanEdit? = nil

        func inSet(_ number: Int) -> Conflict {
            var copy = self
            copy.set = number
            return copy
        }
    }

    /// What the diagnosis found.
    public enum Finding: Sendable, Equatable {
        /// Conflicting sets of rules (`conflicts`).
        case conflicts
        /// The requests cannot be funded as stated even with every rule and committed amount
        /// relaxed (unit costs, minimums if funded or all-or-nothing amounts).
        case requestsAlone
        /// The plan is feasible once its rules are stated exactly: no conflict.
        case noConflict
        /// The time limit stopped the diagnosis before it found any conflict.
        case stoppedBeforeAnyConflict
    }

    /// Edits that make the plan feasible when applied together: the misses of the allocation
    /// that misses rules by the least (committed amounts included) turned into limits, or, where
    /// the budget itself conflicts with the rules, the total raised to the lowest feasible total.
    package struct JointFix: Sendable {
        package let edits: [PlanEdit]
        /// Whether the plan with every edit applied was re-solved and found feasible.
        package let verified: Bool
    }

    public let finding: Finding
    /// The joint fix, when one was found (nil: none found, or not looked for).
    package internal(set) var jointFix: JointFix? = nil
    /// Minimal sets of conflicting rules: drop any one rule of a set and the rest can hold together.
    public let conflicts: [Conflict]
    /// Whether the time limit stopped the search for conflicts: the plan may hold others.
    package let searchCutShort: Bool

    init(_ finding: Finding, conflicts: [Conflict] = [], searchCutShort: Bool = false) {
        self.finding = finding
        self.conflicts = conflicts
        self.searchCutShort = searchCutShort || finding == .stoppedBeforeAnyConflict
    }

    /// A solve in the diagnosis that did not settle its question before the deadline.
    struct CutShort: Error {}

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
        let formulation = Formulation(plan, elastic: true, names: false)
        let groups = formulation.elasticGroups
        var settings = SolveOptions()
        settings.deadline = deadline
        guard !deadline.isPast else {
            return Diagnosis(.stoppedBeforeAnyConflict)
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
                return Diagnosis(.requestsAlone)
            }
            for group in groups.indices { try setRelaxed(group, false) }
            if try feasible() {
                return Diagnosis(.noConflict)
            }
        } catch is CutShort {
            return Diagnosis(.stoppedBeforeAnyConflict)
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
            return Diagnosis(.stoppedBeforeAnyConflict)
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
                var conflict = formulation.conflict(groups[group], slack: slack, values: values).inSet(number + 1)
                conflict.cutShort = !proven
                conflicts.append(conflict)
            }
        }
        return Diagnosis(.conflicts, conflicts: conflicts, searchCutShort: cutShort)
    }
}

extension Formulation {
    /// One conflicting rule, its limit and the limit found to restore the plan alone.
    fileprivate func conflict(_ group: ElasticGroup, slack: [Double]?, values: [Double]?) -> Diagnosis.Conflict {
        var found = bareConflict(group, slack: slack, values: values)
        found.fix = fix(for: found, group: group)
        return found
    }

    /// A conflict's `needed` as an edit of the plan file, rounded toward the side where it holds.
    func fix(for conflict: Diagnosis.Conflict, group: ElasticGroup) -> PlanEdit? {
        guard let needed = conflict.needed, needed.isFinite else { return nil }
        let current = conflict.current ?? 0
        switch group.rule {
        case .requires:
            return plan.edit(conflict.ref, to: nil)
        case .fairness(let c, let team):
            // The team's floor as its own fraction: an exception to the rule.
            guard case .fairness(let fairness) = plan.constraints[c].kind else { return nil }
            let members = select(plan.constraints[c].scope)
            guard let mine = membersByTeam(members).first(where: { $0.team.id == team })?.members else { return nil }
            let base = fairnessBase(fairness, mine: mine, members: members)
            guard base > 0 else { return nil }
            return plan.edit(conflict.ref, to: PlanEdit.rounded(max(needed, 0) / base, up: false))
        case .constraint(_, let side):
            let up = needed >= current
            return plan.edit(conflict.ref, to: PlanEdit.rounded(up ? needed : max(needed, 0), up: up), side: .init(side))
        case .totalBudget, .periodBudget, .target, .committed:
            let up = needed >= current
            return plan.edit(conflict.ref, to: PlanEdit.rounded(up ? needed : max(needed, 0), up: up))
        }
    }

    /// What a team's fairness fraction is of: its in-scope asks, or its pro-rata share of the
    /// total in force.
    func fairnessBase(_ fairness: Fairness, mine: [Int], members: [Int]) -> Double {
        let asked = mine.reduce(0) { $0 + allRequests[$1].amount }
        guard fairness.basis == .proRata else { return asked }
        let all = members.reduce(0) { $0 + allRequests[$1].amount }
        return all > 0 ? asked * (plan.budget.total ?? 0) / all : 0
    }

    /// One conflicting rule and its limits, before its edit.
    private func bareConflict(_ group: ElasticGroup, slack: [Double]?, values: [Double]?) -> Diagnosis.Conflict {
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
            return .init(
                rule: "budget", kind: "budget", ref: .budget, current: total, needed: amount.map { up ? total + $0 : total - $0 })
        case .periodBudget(let period):
            let limit = plan.budget.periods[period] ?? 0
            return .init(rule: "period:\(period)", kind: "period", ref: .period(period), current: limit, needed: amount.map { limit + $0 })
        case .constraint(let c, let side):
            return constraintConflict(c, side: side, amount: amount, spendAt: spendAt)
        case .fairness(let c, let team):
            let floor = row.lowerBound ?? 0
            return .init(
                rule: "\(plan.constraints[c].id):\(team)", kind: "fairness", ref: .rule(plan.constraints[c].id, team: team),
                current: floor, needed: amount.map { floor - $0 })
        case .target(let k, let side):
            let kpi = plan.kpis[k]
            let bound = (side == .min ? row.lowerBound : row.upperBound) ?? 0
            return .init(
                rule: "target:\(kpi.id):\(side.rawValue)", kind: "target", ref: .target(kpi.id, side: .init(side)), current: bound,
                needed: amount.map { side == .min ? bound - $0 : bound + $0 })
        case .requires(let r, let q):
            let first = allRequests[r], second = allRequests[q]
            return .init(
                rule: "requires:\(first.id):\(second.id)", kind: "requires", ref: .requires(second.id, of: first.id), current: 0,
                needed: amount)
        case .committed(let r):
            let committed = requests[r].attainableMin
            return .init(
                rule: "committed:\(allRequests[r].id)", kind: "committed", ref: .committed(allRequests[r].id), current: committed,
                needed: amount.map { committed - $0 })
        }
    }

    private func constraintConflict(
        _ c: Int, side: Side, amount: Double?, spendAt: ([Int]) -> Double?
    ) -> Diagnosis.Conflict {
        let constraint = plan.constraints[c]
        func conflict(_ current: Double?, _ needed: Double?) -> Diagnosis.Conflict {
            .init(rule: constraint.id, kind: constraint.kindName, ref: .rule(constraint.id), current: current, needed: needed)
        }
        switch constraint.kind {
        case .cap(let max):
            return conflict(max, amount.map { max + $0 })
        case .floor(let min):
            return conflict(min, amount.map { min - $0 })
        case .share(let min, let max):
            let fraction = (side == .min ? min : max) ?? 0
            let inScope = spendAt(select(constraint.scope))
            let total = spendAt(Array(allRequests.indices))
            return conflict(fraction, amount == nil ? nil : zip2(inScope, total).map { $1 > 0 ? $0 / $1 : fraction })
        case .ratio(let to, let min, let max):
            let ratio = (side == .min ? min : max) ?? 0
            return conflict(ratio, amount == nil ? nil : zip2(spendAt(select(constraint.scope)), spendAt(select(to))).map { $1 > 0 ? $0 / $1 : ratio })
        case .headcount(let max):
            return conflict(max, amount.map { (max + $0 - 1e-6).rounded(.up) })
        case .fairness:
            return conflict(nil, nil)
        }
    }
}

private func zip2(_ a: Double?, _ b: Double?) -> (Double, Double)? {
    guard let a, let b else { return nil }
    return (a, b)
}
