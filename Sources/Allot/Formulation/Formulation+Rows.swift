import LinearSolver
import PlanFormat

extension Formulation {
    /// Adds the rows of the budget, the periods, the rules, the targets and the requirements.
    mutating func buildRows(names: inout NameTable) {
        let everything = allocation(of: Array(allRequests.indices))
        let budgetScale = plan.budget.total ?? max(allRequests.reduce(0) { $0 + $1.amount }, 1)
        // Share rows, and ratio rows whose denominator is all spend, are written against one
        // total-spend column T = sum a instead of a coefficient on every request, and so is the
        // total budget when T exists (formulation.md, "The program"). T is free, so that at an
        // optimum its reduced cost is 0 and the definition row's price is exactly what the rows
        // using T put on it.
        let totalColumn = needsTotalSpend ? program.addVariable(name: names.make("spend", "total"), lowerBound: nil, upperBound: nil) : nil

        if let total = plan.budget.total {
            totalBudgetRow = addRow(
                names.enabled ? "budget" : "", totalColumn.map { [($0, 1)] } ?? everything,
                lower: plan.budget.spendAll ? total : nil, upper: total,
                role: .totalBudget, elastic: .totalBudget, scale: total)
        }
        for period in plan.periods {
            guard let limit = plan.budget.periods[period] else { continue }
            var terms: [(LinearProgram.VariableID, Double)] = []
            for (index, request) in allRequests.enumerated() {
                let share = phase(request, period)
                guard share > 0 else { continue }
                terms += requests[index].allocation.map { ($0.variable, $0.coefficient * share) }
            }
            let row = addRow(
                names.make("period", period), terms, lower: nil, upper: limit,
                role: .periodBudget(period), elastic: .periodBudget(period), scale: max(limit, 1))
            periodRows.append((period, row))
        }
        if plan.objective == .minimizeSpend {
            spendRow = program.addConstraint(name: names.enabled ? "spend" : "", terms: everything)
            rowRoles.append(.spendLimit)
        }

        let total = totalColumn.map { defineSpend($0, of: everything, rowName: names.make("spend", "definition"), total: true) } ?? everything

        // A group of requests whose spend several rule rows use (both sides of a share, the
        // ratios between two groups) gets a spend column of its own in the same way: each row
        // then holds one coefficient for the group instead of one per request.
        let members = plan.constraints.map { select($0.scope) }
        let uses = groupUses(members)
        var groupSpend: [[Int]: [(LinearProgram.VariableID, Double)]] = [:]
        func spend(of group: [Int]) -> [(LinearProgram.VariableID, Double)] {
            if let known = groupSpend[group] { return known }
            let terms = allocation(of: group)
            guard Self.isWorthASpendColumn(members: group.count, rows: uses[group] ?? 0) else { return terms }
            let name = names.make("spend", "group\(groupSpend.count + 1)")
            let column = program.addVariable(name: name, lowerBound: nil, upperBound: nil)
            let spend = defineSpend(column, of: terms, rowName: Self.suffixed(name, "_definition"), total: false)
            groupSpend[group] = spend
            return spend
        }

        for (c, constraint) in plan.constraints.enumerated() {
            let members = members[c]
            let name = names.make("rule", constraint.id)
            switch constraint.kind {
            case .cap(let max):
                addRow(name, spend(of: members), lower: nil, upper: max,
                       role: .rule(c, .max), elastic: .constraint(c, .max), scale: Swift.max(max, 1))
            case .floor(let min):
                addRow(name, spend(of: members), lower: min, upper: nil,
                       role: .rule(c, .min), elastic: .constraint(c, .min), scale: Swift.max(min, 1))
            case .share(let min, let max):
                for (side, fraction) in [(Side.min, min), (.max, max)] {
                    guard let fraction else { continue }
                    let terms = spend(of: members) + total.map { ($0.0, -fraction * $0.1) }
                    addRow(Self.suffixed(name, "_" + side.rawValue), terms, lower: side == .min ? 0 : nil, upper: side == .max ? 0 : nil,
                           role: .rule(c, side), elastic: .constraint(c, side), scale: budgetScale)
                }
            case .ratio(let to, let min, let max):
                let base = isAllSpend(to) ? total : spend(of: select(to))
                for (side, ratio) in [(Side.min, min), (.max, max)] {
                    guard let ratio else { continue }
                    let terms = spend(of: members) + base.map { ($0.0, -ratio * $0.1) }
                    addRow(Self.suffixed(name, "_" + side.rawValue), terms, lower: side == .min ? 0 : nil, upper: side == .max ? 0 : nil,
                           role: .rule(c, side), elastic: .constraint(c, side), scale: budgetScale)
                }
            case .headcount(let max):
                let terms = members.flatMap { requests[$0].units.map { ($0.variable, $0.coefficient) } }
                guard !terms.isEmpty else { continue }
                addRow(name, terms, lower: nil, upper: max,
                       role: .rule(c, .max), elastic: .constraint(c, .max), scale: Swift.max(max, 1))
            case .fairness(let fairness):
                let asks = members.reduce(0) { $0 + allRequests[$1].amount }
                for (team, mine) in membersByTeam(members) {
                    let floor = fairnessFloor(effectiveFraction(fairness, team: team.id, members: members, asks: asks), mine)
                    guard floor > 0 else { continue }
                    addRow(names.make("fair", constraint.id + "_" + team.id), allocation(of: mine), lower: floor, upper: nil,
                           role: .fairness(c, team: team.id), elastic: .fairness(c, team: team.id), scale: floor)
                }
            }
        }

        for (k, kpi) in plan.kpis.enumerated() {
            guard let target = kpi.target else { continue }
            for (side, bound) in [(Side.min, target.min), (.max, target.max)] {
                guard let bound else { continue }
                var terms = kpiTerms[k].map { ($0.variable, $0.coefficient) }
                if let penalty = target.softPenalty {
                    let slack = program.addVariable(
                        name: names.make(side == .min ? "short" : "over", kpi.id), objective: -penalty)
                    softColumns.append((k, side, slack))
                    terms.append((slack, side == .min ? 1 : -1))
                }
                addRow(names.make("target", kpi.id, "_" + side.rawValue), terms,
                       lower: side == .min ? bound : nil, upper: side == .max ? bound : nil,
                       role: .target(k, side), elastic: target.isSoft ? nil : .target(k, side),
                       scale: Swift.max(abs(bound), 1))
            }
        }

        for (index, request) in allRequests.enumerated() {
            for required in request.requires {
                guard let q = requestIndex[required], q != index else { continue }
                let own = requests[index].attainableMax, other = requests[q].attainableMax
                guard own > 0, other > 0 else { continue }
                let terms = requests[index].allocation.map { ($0.variable, $0.coefficient / own) }
                    + requests[q].allocation.map { ($0.variable, -$0.coefficient / other) }
                addRow(names.make("req", request.id + "_" + required), terms, lower: nil, upper: 0,
                       role: .requires(index, q), elastic: .requires(index, q), scale: 1)
            }
        }

        if isElastic {
            for (index, request) in allRequests.enumerated() where requests[index].attainableMin > 0 {
                let committed = requests[index].attainableMin
                addRow(names.make("commit", request.id), allocation(of: [index]), lower: committed, upper: nil,
                       role: .committed(index), elastic: .committed(index), scale: committed)
            }
        }
    }

    /// How many rule rows use each group's spend (caps, floors, shares and ratios), by the
    /// group's members; `members` holds each plan constraint's.
    func groupUses(_ members: [[Int]]) -> [[Int]: Int] {
        var uses: [[Int]: Int] = [:]
        for (c, constraint) in plan.constraints.enumerated() {
            switch constraint.kind {
            case .cap, .floor: uses[members[c], default: 0] += 1
            case .share(let min, let max): uses[members[c], default: 0] += (min == nil ? 0 : 1) + (max == nil ? 0 : 1)
            case .ratio(let to, let min, let max):
                let sides = (min == nil ? 0 : 1) + (max == nil ? 0 : 1)
                uses[members[c], default: 0] += sides
                if !isAllSpend(to) { uses[select(to), default: 0] += sides }
            case .headcount, .fairness: break
            }
        }
        return uses
    }

    /// Whether a group's spend gets a column of its own: when its definition row and one
    /// coefficient in each row using it are fewer than its members written out in every row.
    static func isWorthASpendColumn(members: Int, rows: Int) -> Bool {
        rows >= 2 && members + 1 + rows < rows * members
    }

    /// Whether a scope selects every request.
    func isAllSpend(_ scope: Scope) -> Bool {
        scope.isWholePlan || select(scope).count == allRequests.count
    }

    /// Whether some share rule, or ratio rule whose denominator is all spend, needs the
    /// total-spend column T and the row defining it.
    var needsTotalSpend: Bool {
        plan.constraints.contains { constraint in
            switch constraint.kind {
            case .share: true
            case .ratio(let to, _, _): isAllSpend(to)
            default: false
            }
        }
    }

    /// Defines a spend column as the sum of `terms` (a row `column - sum a = 0`) and returns the
    /// terms that stand for that spend in the rows using it: the column alone.
    mutating func defineSpend(
        _ column: LinearProgram.VariableID, of terms: [(LinearProgram.VariableID, Double)], rowName: String, total: Bool
    ) -> [(LinearProgram.VariableID, Double)] {
        let row = program.addConstraint(
            name: rowName,
            terms: [(column, 1)] + terms.map { ($0.0, -$0.1) }, equalTo: 0)
        rowRoles.append(.spendDefinition)
        spendDefinitions.append((column, row))
        if total {
            totalSpendColumn = column
            totalSpendRow = row
        }
        return [(column, 1)]
    }

    /// The fairness floor of a team's in-scope requests: the fraction of their asks, or their
    /// attainable max if less.
    /// The fraction of a team's in-scope asks a fairness rule guarantees it: its own (or the
    /// rule's) fraction; for a pro-rata rule, that fraction times the total budget over all
    /// in-scope asks, so that the floor moves with the budget (`total` overrides the plan's).
    ///
    /// `asks` is the members' asks when the caller has summed them already (once for all teams).
    func effectiveFraction(_ fairness: Fairness, team: String, members: [Int], total: Double? = nil, asks given: Double? = nil) -> Double {
        let fraction = fairness.fraction(forTeam: team)
        guard fairness.basis == .proRata else { return fraction }
        let asks = given ?? members.reduce(0) { $0 + allRequests[$1].amount }
        guard let budget = total ?? plan.budget.total, asks > 0 else { return fraction }
        return fraction * budget / asks
    }

    func fairnessFloor(_ fraction: Double, _ members: [Int]) -> Double {
        let asked = members.reduce(0) { $0 + allRequests[$1].amount }
        let reachable = members.reduce(0) { $0 + requests[$1].attainableMax }
        return min(fraction * asked, reachable)
    }

    /// The allocation terms of several requests.
    func allocation(of members: [Int]) -> [(LinearProgram.VariableID, Double)] {
        var terms: [(LinearProgram.VariableID, Double)] = []
        terms.reserveCapacity(members.count * 2)
        for member in members {
            for term in requests[member].allocation { terms.append((term.variable, term.coefficient)) }
        }
        return terms
    }

    /// A name with a suffix; no name (a program made without names) stays none.
    static func suffixed(_ name: String, _ suffix: String) -> String { name.isEmpty ? "" : name + suffix }

    @discardableResult
    mutating func addRow(
        _ name: String, _ terms: [(LinearProgram.VariableID, Double)], lower: Double?, upper: Double?,
        role: RowRole, elastic rule: ElasticGroup.Rule?, scale: Double
    ) -> LinearProgram.ConstraintID {
        var terms = terms
        var slacks: [LinearProgram.VariableID] = []
        if isElastic, rule != nil {
            // Slack columns fixed at zero: the diagnosis frees them one rule at a time.
            if upper != nil {
                let slack = program.addVariable(name: Self.suffixed(name, "_up"), lowerBound: 0, upperBound: 0)
                terms.append((slack, -1))
                slacks.append(slack)
            }
            if lower != nil {
                let slack = program.addVariable(name: Self.suffixed(name, "_dn"), lowerBound: 0, upperBound: 0)
                terms.append((slack, 1))
                slacks.append(slack)
            }
        }
        let row = program.addConstraint(name: name, terms: terms, lowerBound: lower, upperBound: upper)
        rowRoles.append(role)
        if let rule, isElastic {
            elasticGroups.append(ElasticGroup(rule: rule, row: row, slacks: slacks, scale: max(abs(scale), 1e-9)))
        }
        return row
    }

    /// Records both objectives; the elastic program instead minimizes weighted slack.
    mutating func finishObjective() {
        valueObjective = program.variables.map(\.objective)
        spendObjective = valueObjective.map { _ in 0 }
        for model in requests {
            for term in model.allocation { spendObjective[term.variable.index] -= term.coefficient }
        }
        for soft in softColumns { spendObjective[soft.column.index] = valueObjective[soft.column.index] }
        if isElastic {
            for index in program.variables.indices { program.setObjective(of: .init(index), to: 0) }
            for group in elasticGroups {
                for slack in group.slacks { program.setObjective(of: slack, to: -1 / group.scale) }
            }
        } else if plan.objective == .minimizeSpend {
            for (index, coefficient) in spendObjective.enumerated() { program.setObjective(of: .init(index), to: coefficient) }
        }
    }
}
