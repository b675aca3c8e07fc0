import LinearSolver
import PlanFormat

/// Columns of one plan solved side by side (other budgets, scenarios, or an older and a newer
/// version), and for every request and team the change from the first column with what differs
/// where it changed (formulation.md, "Equal value, chosen allocation: comparisons and ties").
///
/// A reason says what differs between the two columns, never why one caused the other: the
/// request's own inputs, a rule or target whose scope includes it binding in one column only, a
/// period budget it spends in full in one column only, a change of whole units, the funding line.
/// When none of these differ and the optimum is not unique, the allocation is one of several
/// equally good ones.
package struct PlanComparison: Sendable {
    /// One solved column.
    package struct Column: Sendable {
        package let label: String
        /// The total budget in force in this column (nil without a total budget).
        package let budget: Double?
        package let allocation: Allocation
        /// Whether the allocation is the only one of its value (nil for integer plans, where it is
        /// not known).
        package let unique: Bool?

        /// Whether the amounts mean anything.
        package var hasAllocation: Bool { allocation.status == .optimal || allocation.status == .feasible }

        package init(label: String, solved: SolvedPlan) {
            self.init(label: label, allocation: solved.allocation, unique: solved.isUniqueOptimum)
        }

        /// A column from an allocation found another way (best effort, which misses rules).
        package init(label: String, allocation: Allocation, unique: Bool?) {
            self.label = label
            self.allocation = allocation
            budget = allocation.plan.budget.total
            self.unique = unique
        }
    }

    /// What differs where an allocation changed.
    package struct Reason: Sendable, Equatable {
        package enum Code: String, Sendable, CaseIterable {
            case inputChanged = "input-changed"
            case startedBinding = "started-binding"
            case stoppedBinding = "stopped-binding"
            case periodFull = "period-full"
            case periodFreed = "period-freed"
            case wholeUnit = "whole-unit"
            case fundingLineMoved = "funding-line-moved"
            case budgetChanged = "budget-changed"
            case tie
        }

        package let code: Code
        package let refs: [PlanReference]
        /// For `funding-line-moved`: the funding line in the first column and in this one. For
        /// `whole-unit`: the units in the first column and in this one. For `budget-changed`: the
        /// total budgets.
        package let from, to: Double?
        /// For `input-changed`: the fields that differ (`added`, `removed`, `amount`, ...).
        package let fields: [String]
        /// Whether the allocation in this column (or the first) is one of several equally good
        /// ones.
        package let tie: Bool

        init(_ code: Code, refs: [PlanReference], from: Double? = nil, to: Double? = nil, fields: [String] = [], tie: Bool = false) {
            self.code = code
            self.refs = refs
            self.from = from
            self.to = to
            self.fields = fields
            self.tie = tie
        }
    }

    /// One request or team in one column.
    package struct Entry: Sendable, Equatable {
        package let id: String
        /// The team of a request (nil for a team).
        package let team: String?
        /// What it gets (nil in an infeasible column, or where it does not exist).
        package let allocated: Double?
        /// The change from the first column (nil where either has no amount, 0 in the first).
        package let change: Double?
        /// What differs, where it changed.
        package let reason: Reason?
    }

    package let columns: [Column]
    /// With two versions: the input changes from the old (first column) to the new.
    package let diff: PlanDiff?
    /// Per column: every request (the last column's plan order, then requests only in earlier
    /// columns) and every team.
    package let requests: [[Entry]]
    package let teams: [[Entry]]

    /// Whether no column has an allocation.
    package var everyColumnInfeasible: Bool { !columns.contains { $0.hasAllocation } }

    /// Compares solved columns, the first being the one every change is measured from.
    package init(columns: [Column], diff: PlanDiff? = nil) {
        self.columns = columns
        self.diff = diff
        var requestIDs: [String] = []
        var teamIDs: [String] = []
        var seenRequests = Set<String>(), seenTeams = Set<String>()
        for column in columns.reversed() {
            for request in column.allocation.plan.requests where seenRequests.insert(request.id).inserted { requestIDs.append(request.id) }
            for team in column.allocation.plan.teams where seenTeams.insert(team.id).inserted { teamIDs.append(team.id) }
        }
        var requests: [[Entry]] = []
        var teams: [[Entry]] = []
        let first = columns.first
        for (index, column) in columns.enumerated() {
            let isFirst = index == 0
            let explainer = first.map { Differ(first: $0, other: column, diff: diff) }
            var rows: [Entry] = []
            var byRequest: [String: Entry] = [:]
            for id in requestIDs {
                let amount = Self.amount(column, request: id)
                let base = first.flatMap { Self.amount($0, request: id) }
                let team = column.allocation.plan.requests.first { $0.id == id }?.team
                    ?? first?.allocation.plan.requests.first { $0.id == id }?.team
                let change: Double?
                if isFirst {
                    change = column.hasAllocation ? 0 : nil
                } else if column.hasAllocation, first?.hasAllocation == true {
                    change = (amount ?? 0) - (base ?? 0)
                } else {
                    change = nil
                }
                var reason: Reason? = nil
                // A request added or removed between versions has a reason even at $0.
                let cameOrWent = diff?.changes.contains { $0.ref == .request(id) && ($0.field == "added" || $0.field == "removed") } ?? false
                if let change, !isFirst, cameOrWent || abs(change) > Allocation.moneyTolerance(max(abs(amount ?? 0), abs(base ?? 0))) {
                    reason = explainer?.reason(request: id, change: change)
                }
                let entry = Entry(id: id, team: team, allocated: amount, change: change, reason: reason)
                rows.append(entry)
                byRequest[id] = entry
            }
            requests.append(rows)
            teams.append(teamIDs.map { id in
                let members = rows.filter { $0.team == id }
                let exists = column.allocation.plan.teams.contains { $0.id == id }
                let allocated = column.hasAllocation && exists ? members.reduce(0) { $0 + ($1.allocated ?? 0) } : nil
                let change: Double? = column.hasAllocation && first?.hasAllocation == true
                    ? members.reduce(0) { $0 + ($1.change ?? 0) } : nil
                // A team's reason is that of its request with the largest change.
                let leading = members.filter { $0.reason != nil }.max { abs($0.change ?? 0) < abs($1.change ?? 0) }
                let changed = change.map { abs($0) > Allocation.moneyTolerance(abs(allocated ?? 0)) } ?? false
                return Entry(id: id, team: nil, allocated: allocated, change: change, reason: changed ? leading?.reason : nil)
            })
        }
        self.requests = requests
        self.teams = teams
    }

    static func amount(_ column: Column, request id: String) -> Double? {
        guard column.hasAllocation else { return nil }
        return column.allocation.requests.first { $0.id == id }?.allocated
    }

    /// Finds what differs between the first column and another for one request.
    struct Differ {
        let first, other: Column
        let diff: PlanDiff?

        /// Whether a rule's scope (or a ratio's other side) includes a request.
        static func includes(_ scope: Scope, _ request: Request, _ plan: Plan) -> Bool {
            if scope.isWholePlan || scope.requests.contains(request.id) || scope.teams.contains(request.team) { return true }
            guard let team = plan.teams.first(where: { $0.id == request.team }) else { return false }
            return !Set(scope.groups).isDisjoint(with: team.groups)
        }

        static func binding(_ allocation: Allocation) -> Set<String> {
            Set(allocation.rules.filter(\.binding).map(\.id))
        }

        /// Whether a KPI's target binds: a price on it, or achieved at one of its limits.
        static func targetBinds(_ kpi: Allocation.KPIResult) -> Bool {
            guard let target = kpi.target else { return false }
            if let price = kpi.shadowPrice, abs(price) > 1e-9 { return true }
            for limit in [target.min, target.max].compactMap({ $0 }) where abs(kpi.achieved - limit) <= max(1e-6, abs(limit) * 1e-7) {
                return true
            }
            return false
        }

        /// Whether a period budget is spent in full: a value on its next dollar, or (integer plans,
        /// without prices) its spend at its budget.
        static func periodFull(_ period: Allocation.PeriodResult) -> Bool {
            if let cutoff = period.cutoff { return cutoff > 1e-9 }
            guard let budget = period.budget else { return false }
            return period.spend >= budget - Allocation.moneyTolerance(budget)
        }

        func reason(request id: String, change: Double) -> Reason {
            let a = first.allocation, b = other.allocation
            let oldRequest = a.plan.requests.first { $0.id == id }
            let newRequest = b.plan.requests.first { $0.id == id }
            let tie = first.unique == false || other.unique == false
            // The request's own inputs.
            if let diff, diff.changedRequests.contains(id) {
                let fields = diff.changes.filter { change in
                    switch change.ref {
                    case .request(let r), .ask(let r), .committed(let r), .units(let r): r == id
                    default: false
                    }
                }
                var refs: [PlanReference] = []
                for change in fields where !refs.contains(change.ref) { refs.append(change.ref) }
                return Reason(.inputChanged, refs: refs, fields: fields.map(\.field), tie: tie)
            }
            guard let request = newRequest ?? oldRequest else { return Reason(.tie, refs: [], tie: true) }
            // Rules and targets that include the request, binding in one column only.
            let (bindingA, bindingB) = (Self.binding(a), Self.binding(b))
            var started: [PlanReference] = [], stopped: [PlanReference] = []
            for rule in b.plan.constraints where a.plan.constraints.contains(where: { $0.id == rule.id }) {
                var inScope = Self.includes(rule.scope, request, b.plan)
                if case .ratio(let to, _, _) = rule.kind { inScope = inScope || Self.includes(to, request, b.plan) }
                // A headcount cap counts the heads of unit-cost requests only.
                if case .headcount = rule.kind, request.unitCost == nil { inScope = false }
                guard inScope else { continue }
                let (inA, inB) = (bindingA.contains(rule.id), bindingB.contains(rule.id))
                if inB, !inA { started.append(.rule(rule.id)) }
                if inA, !inB { stopped.append(.rule(rule.id)) }
            }
            for kpi in b.kpis where request.impact[kpi.id] != nil {
                guard let old = a.kpis.first(where: { $0.id == kpi.id }) else { continue }
                let (inA, inB) = (Self.targetBinds(old), Self.targetBinds(kpi))
                if inB, !inA { started.append(.target(kpi.id)) }
                if inA, !inB { stopped.append(.target(kpi.id)) }
            }
            if !started.isEmpty { return Reason(.startedBinding, refs: started + stopped, tie: tie) }
            if !stopped.isEmpty { return Reason(.stoppedBinding, refs: stopped, tie: tie) }
            // Period budgets it spends in, spent in full in one column only.
            var full: [PlanReference] = [], freed: [PlanReference] = []
            for period in b.periods {
                guard request.phasing.isEmpty || (request.phasing[period.period] ?? 0) > 0,
                    let old = a.periods.first(where: { $0.period == period.period })
                else { continue }
                let (inA, inB) = (Self.periodFull(old), Self.periodFull(period))
                if inB, !inA { full.append(.period(period.period)) }
                if inA, !inB { freed.append(.period(period.period)) }
            }
            if !full.isEmpty { return Reason(.periodFull, refs: full, tie: tie) }
            if !freed.isEmpty { return Reason(.periodFreed, refs: freed, tie: tie) }
            // Whole units.
            if let unitCost = request.unitCost, unitCost > 0 {
                let units = change / unitCost
                if abs(units - units.rounded()) < 1e-6 {
                    let before = (a.requests.first { $0.id == id }?.allocated ?? 0) / unitCost
                    let after = (b.requests.first { $0.id == id }?.allocated ?? 0) / unitCost
                    return Reason(.wholeUnit, refs: [.units(id)], from: before.rounded(), to: after.rounded(), tie: tie)
                }
            } else if request.allOrNothing, abs(abs(change) - request.max) <= Allocation.moneyTolerance(request.max) {
                return Reason(.wholeUnit, refs: [.request(id)], from: change < 0 ? 1 : 0, to: change < 0 ? 0 : 1, tie: tie)
            }
            // The funding line.
            if let from = a.cutoff, let to = b.cutoff, abs(from - to) > max(1e-9, abs(from) * 1e-6) {
                return Reason(.fundingLineMoved, refs: [.budget], from: from, to: to, tie: tie)
            }
            // The total budget, the funding line the same.
            if let from = first.budget, let to = other.budget, abs(from - to) > Allocation.moneyTolerance(from) {
                return Reason(.budgetChanged, refs: [.budget], from: from, to: to, tie: tie)
            }
            return Reason(.tie, refs: [], tie: true)
        }
    }
}

extension SolvedPlan {
    /// Whether the base optimum of a linear plan is the only allocation of its value: no
    /// non-basic column whose reduced cost is zero, up to the program's tie-breaks (it could enter
    /// the basis at no cost in value). Nil
    /// for integer plans and plans without an optimum.
    package var isUniqueOptimum: Bool? { formulation.isUniqueOptimum(base) }

}
