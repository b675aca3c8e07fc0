import LinearSolver
import PlanFormat

/// Solves plans: formulation, solve (two stages for minimize-spend), and the map back to the plan.
package enum PlanSolver {
    /// Solves a plan (with its scenario, if any, already applied) and returns its allocation.
    ///
    /// To explain the allocation afterwards without solving the plan again, keep the
    /// ``SolvedPlan`` instead: `SolvedPlan(plan, ...)`.
    ///
    /// - Parameters:
    ///   - plan: the plan to solve.
    ///   - scenario: the scenario applied to it, for the report.
    ///   - warnings: warnings found while reading the plan, carried into the result.
    ///   - deadline: when the solve, and the diagnosis of an infeasible plan, must be done (by
    ///     default, 300 seconds from the call). An integer plan stopped by it reports the best
    ///     allocation found; a diagnosis stopped by it says so and gives only what it proved.
    ///     Share one deadline among all the solves of one command.
    /// - Throws: ``SolverError`` when the solver fails (not for infeasible plans: those come back
    ///   with status `infeasible` and a diagnosis).
    package static func solve(
        _ plan: Plan, scenario: Scenario? = nil, warnings: [String] = [], deadline: Deadline = Deadline(seconds: 300)
    ) throws -> Allocation {
        try SolvedPlan(plan, scenario: scenario, warnings: warnings, deadline: deadline).allocation
    }

    /// The linear or mixed-integer program of a plan, with readable ASCII names (`a_<request>`,
    /// `rule_<id>`, ...) for `allot export`; without them (`names: false`) as a solve makes it.
    package static func program(for plan: Plan, names: Bool = true) -> LinearProgram {
        Formulation(plan, names: names).program
    }

    /// The number of columns and rows of ``program(for:)``, and whether it has integer columns,
    /// counted without building the program.
    ///
    /// - Parameter keep: takes what the count was worked out from instead of freeing it, for a
    ///   process about to exit.
    package static func size(of plan: Plan, keep: (Any) -> Void = { _ in }) -> ProgramSize {
        Formulation.size(of: plan, keep: keep)
    }
}

extension Formulation {
    /// The prices of an integer plan's budget rows with its whole-unit choices held.
    struct HeldPrices {
        /// The value of one more freely placed dollar of total budget.
        var total: Double?
        /// The same per period budget.
        var periods: [String: Double]
        /// Every row's price.
        var duals: [Double]
    }

    /// Holds every integer column at its value, solves the remaining linear program for its
    /// prices, and restores the columns: the value of one more freely placed dollar, with every
    /// whole-unit and all-or-nothing choice as proposed.
    func pricesWithChoicesHeld(_ solver: Solver, values: [Double], settings: SolveOptions) throws -> HeldPrices? {
        let integers = program.variables.indices.filter { program.variables[$0].kind != .continuous }
        // A row on held columns only (a headcount cap) can no longer bind: freed, it has no price,
        // instead of an arbitrary share of the held columns' prices.
        var held = Set(integers)
        // A spend column defined by held columns alone is held with them.
        for (column, row) in spendDefinitions
        where program.constraints[row.index].terms.allSatisfy({ $0.variable == column || held.contains($0.variable.index) }) {
            held.insert(column.index)
        }
        let definitions = Set(spendDefinitions.map(\.row.index))
        let inert = program.constraints.indices.filter { row in
            let terms = program.constraints[row].terms
            return !definitions.contains(row) && !terms.isEmpty && terms.allSatisfy { held.contains($0.variable.index) }
        }
        var relaxed = settings
        relaxed.relaxIntegrality = true
        let solution = try solver.withChanges { changes in
            for index in integers {
                let held = values[index].rounded()
                try changes.setBounds(of: LinearProgram.VariableID(index), lower: held, upper: held)
            }
            for row in inert { try changes.setBounds(of: LinearProgram.ConstraintID(row), lower: nil, upper: nil) }
            return try solver.solve(relaxed)
        }
        guard solution.status == .optimal, let duals = try? solution.duals() else { return nil }
        var periods: [String: Double] = [:]
        for (period, row) in periodRows { periods[period] = max(duals[row.index], 0) }
        let total = (plan.objective == .minimizeSpend ? spendRow : totalBudgetRow).map { max(duals[$0.index], 0) }
        return HeldPrices(total: total, periods: periods, duals: duals)
    }

    /// Solves the program as the plan's objective asks: one stage for maximize-value; for
    /// minimize-spend, the least spend, then the most value within it (+1e-9 relative, +$0.01).
    ///
    /// A least spend not proven (the first stage stopped at the time limit) is not the base of a
    /// second stage: the first stage's allocation is the answer, reported as not proven. So is
    /// it when the second stage finds nothing in the time left.
    func solveStages(_ solver: Solver, _ settings: SolveOptions) throws -> Solution {
        let solution = try solver.solve(settings)
        guard plan.objective == .minimizeSpend, solution.status == .optimal, let spendRow,
              let values = solution.values
        else { return solution }
        let least = spend(values)
        try solver.setBounds(of: spendRow, lower: nil, upper: least * (1 + 1e-9) + 0.01)
        for (index, coefficient) in valueObjective.enumerated() {
            try solver.setObjective(of: .init(index), to: coefficient)
        }
        let second = try solver.solve(settings)
        return second.status.hasFeasibleSolution ? second : solution
    }
}

extension Formulation {
    /// Total spend at a point of the program.
    func spend(_ values: [Double]) -> Double {
        requests.indices.reduce(0) { total, index in
            total + requests[index].allocation.reduce(0) { $0 + $1.coefficient * values[$1.variable.index] }
        }
    }

    /// Each request's allocation at a point, rounded to cents, or to the whole dollar it is
    /// within the solver's accuracy of. An amount below a millionth of the ask (and below a
    /// dollar) is a solver tolerance, such as the cent of slack of minimize-spend's second
    /// stage, not money.
    func allocations(_ values: [Double]) -> [Double] {
        requests.indices.map { index in
            Self.allocation(
                requests[index].allocation.reduce(0) { $0 + $1.coefficient * values[$1.variable.index] },
                ask: impactCurves[index].amount)
        }
    }

    /// A request's allocation from the sum of its columns, `raw`, as ``allocations(_:)`` gives it.
    static func allocation(_ raw: Double, ask amount: Double) -> Double {
        if abs(raw) < min(1, amount * 1e-6) { return 0 }
        guard amount >= 100 else { return raw }
        // Within the solver's accuracy (its rows hold to a part in 1e7) of a whole dollar, it is
        // that dollar: $200,000.0056 is not a cent more than $200k. Below 1.5 cents, so that the
        // step at the window's edge is never more than the cent that rounding steps by.
        let whole = raw.rounded()
        if abs(raw - whole) <= min(0.0149, 3e-8 * max(abs(raw), amount)) { return whole }
        return (raw * 100).rounded() / 100
    }

    /// The expected impact of a request at an allocation, by KPI index (confidence included).
    func impacts(ofRequest index: Int, at amount: Double) -> [Double] {
        let given = impactCurves[index]
        var impacts = [Double](repeating: 0, count: plan.kpis.count)
        let funded = given.allOrNothing && amount >= given.amount - Allocation.moneyTolerance(given.amount)
        let at = min(amount, requests[index].attainableMax)
        for (k, curve) in given.curves {
            if given.allOrNothing {
                impacts[k] = funded ? given.confidence * curve.value(at: given.amount) : 0
            } else {
                impacts[k] = given.confidence * curve.value(at: at)
            }
        }
        return impacts
    }

    /// Maps a solution back to requests, teams, KPIs and rules.
    func allocation(
        from solution: Solution, scenario: Scenario?, warnings: [String], diagnosis: Diagnosis?, seconds: Double,
        heldPrices: HeldPrices? = nil
    ) -> Allocation {
        let status: Allocation.Status
        switch solution.status {
        case .optimal: status = .optimal
        case .infeasible: status = .infeasible
        case .withinGap, .timeLimitWithSolution, .iterationLimit(feasible: true): status = .feasible
        default: status = .noSolution
        }
        let values = solution.values ?? Array(repeating: 0, count: program.variables.count)
        let hasPoint = solution.values != nil
        let amounts = hasPoint ? allocations(values) : Array(repeating: 0, count: allRequests.count)
        let duals = try? solution.duals()

        var kpiTotals = [Double](repeating: 0, count: plan.kpis.count)
        var requestResults: [Allocation.RequestResult] = []
        requestResults.reserveCapacity(allRequests.count)
        let kpiIDs = plan.kpis.map(\.id)
        let worths = plan.kpis.map(\.worth)
        for index in allRequests.indices {
            let (attainableMin, attainableMax) = (requests[index].attainableMin, requests[index].attainableMax)
            let (id, name, team) = (allRequests[index].id, allRequests[index].name, allRequests[index].team)
            let (asked, unitCost) = (allRequests[index].amount, allRequests[index].unitCost)
            let amount = amounts[index]
            let impact = impacts(ofRequest: index, at: amount)
            for k in impact.indices { kpiTotals[k] += impact[k] }
            let tolerance = Allocation.moneyTolerance(asked)
            let funding: Allocation.FundingStatus =
                amount >= asked - tolerance ? .full
                : amount <= tolerance ? .unfunded
                : abs(amount - attainableMin) <= tolerance ? .floor : .partial
            requestResults.append(
                .init(
                    id: id, name: name, team: team, asked: asked,
                    committed: attainableMin, attainableMax: attainableMax, allocated: amount,
                    value: zip(worths, impact).reduce(0) { $0 + $1.0 * $1.1 },
                    status: hasPoint ? funding : .unfunded, unitCost: unitCost,
                    unitsAsked: unitCost.map { asked / $0 },
                    unitsFunded: unitCost.map { (amount / $0 * 1e6).rounded() / 1e6 },
                    impacts: impact, kpiIDs: kpiIDs))
        }

        var kpiResults: [Allocation.KPIResult] = []
        var penalties = 0.0
        for (k, kpi) in plan.kpis.enumerated() {
            let achieved = kpiTotals[k]
            var shortfall = 0.0
            var met: Bool? = nil
            var price: Double? = nil
            if let target = kpi.target {
                let tolerance = 1e-6 * max(1, abs(target.min ?? 0), abs(target.max ?? 0))
                let below = target.min.map { max(0, $0 - achieved) } ?? 0
                let above = target.max.map { max(0, achieved - $0) } ?? 0
                met = below <= tolerance && above <= tolerance
                shortfall = below > tolerance ? below : above > tolerance ? above : 0
                if let duals {
                    price = rowRoles.indices.filter {
                        if case .target(k, _) = rowRoles[$0] { return true } else { return false }
                    }.map { duals[$0] }.first { abs($0) > 1e-12 } ?? 0
                }
            }
            let penalty = shortfall * (kpi.target?.softPenalty ?? 0)
            penalties += penalty
            kpiResults.append(
                .init(
                    id: kpi.id, name: kpi.name, unit: kpi.unit, worth: kpi.worth, achieved: achieved, shortfall: shortfall,
                    penalty: penalty, target: kpi.target, met: met, shadowPrice: price))
        }
        let value = zip(plan.kpis, kpiTotals).reduce(0) { $0 + $1.0.worth * $1.1 } - penalties

        let spend = amounts.reduce(0, +)

        let periodResults: [Allocation.PeriodResult] = plan.periods.map { period in
            let periodSpend = (allRequests.indices.reduce(0) { $0 + phase(allRequests[$1], period) * amounts[$1] } * 100).rounded() / 100
            let row = periodRows.first { $0.period == period }?.row
            return .init(
                period: period, spend: periodSpend, budget: plan.budget.periods[period],
                cutoff: heldPrices?.periods[period] ?? row.flatMap { row in duals.map { max($0[row.index], 0) } })
        }
        var cutoff: Double? = heldPrices?.total
        if let duals {
            if plan.objective == .minimizeSpend, let spendRow {
                cutoff = max(duals[spendRow.index], 0)
            } else if let totalBudgetRow {
                cutoff = duals[totalBudgetRow.index]
            } else {
                cutoff = 0
            }
        }

        return Allocation(
            plan: plan, scenario: scenario, status: status, integerReasons: integerReasons,
            spend: spend, value: value, solveSeconds: seconds,
            relativeGap: solution.relativeGap, cutoff: cutoff, programObjective: solution.objective, periods: periodResults,
            requests: requestResults, kpis: kpiResults,
            rules: ruleResults(solution: solution, amounts: amounts, spend: spend),
            warnings: warnings, diagnosis: diagnosis)
    }

    /// Whether a row's activity sits at one of its bounds, within a tolerance scaled to the row's
    /// own terms (not to the budget: a headcount row counts heads).
    func isAtBound(_ row: Int, activities: [Double], values: [Double]) -> Bool {
        let bounds = program.constraints[row]
        let magnitude = values.isEmpty ? 0 : bounds.terms.reduce(0) { $0 + abs($1.coefficient * values[$1.variable.index]) }
        let tolerance = 1e-7 * max(1, abs(bounds.lowerBound ?? 0), abs(bounds.upperBound ?? 0), magnitude)
        if let lower = bounds.lowerBound, activities[row] <= lower + tolerance { return true }
        if let upper = bounds.upperBound, activities[row] >= upper - tolerance { return true }
        return false
    }

    /// Whether each plan constraint binds, and its price in its own units.
    private func ruleResults(solution: Solution, amounts: [Double], spend: Double) -> [Allocation.RuleResult] {
        let duals = try? solution.duals()
        let activities = solution.activities
        // Each fairness rule's members by team, found once.
        var fairnessMembers: [Int: [String: [Int]]] = [:]
        for (c, constraint) in plan.constraints.enumerated() {
            guard case .fairness = constraint.kind else { continue }
            fairnessMembers[c] = Dictionary(uniqueKeysWithValues: membersByTeam(select(constraint.scope)).map { ($0.team.id, $0.members) })
        }
        // Each rule's rows, found once.
        var rowsOfRule = [[Int]](repeating: [], count: plan.constraints.count)
        for (row, role) in rowRoles.enumerated() {
            switch role {
            case .rule(let c, _), .fairness(let c, _): rowsOfRule[c].append(row)
            default: break
            }
        }
        return plan.constraints.enumerated().map { c, constraint in
            var binding = false
            var price = 0.0
            // The rule's members and a ratio's denominator, selected once for all its rows.
            var scopeMembers: [Int]? = nil
            var ratioBase: Double? = nil
            var scopeAsks: Double? = nil
            for row in rowsOfRule[c] {
                let role = rowRoles[row]
                let ownRow: Bool
                var multiplier = 1.0
                switch role {
                case .rule(c, _):
                    ownRow = true
                    switch constraint.kind {
                    case .share: multiplier = spend / 100
                    case .ratio(let to, _, _):
                        if ratioBase == nil { ratioBase = select(to).reduce(0) { $0 + amounts[$1] } }
                        multiplier = ratioBase! / 100
                    default: break
                    }
                case .fairness(c, let team):
                    ownRow = true
                    if case .fairness(let fairness) = constraint.kind {
                        let mine = fairnessMembers[c]?[team] ?? []
                        if scopeMembers == nil { scopeMembers = select(constraint.scope) }
                        if scopeAsks == nil { scopeAsks = scopeMembers!.reduce(0) { $0 + allRequests[$1].amount } }
                        let fraction = effectiveFraction(fairness, team: team, members: scopeMembers!, asks: scopeAsks)
                        let asked = mine.reduce(0) { $0 + allRequests[$1].amount }
                        // The floor moves with the fraction only while it is below the attainable max.
                        multiplier = fraction * asked < fairnessFloor(fraction, mine) + 1e-9 ? asked / 100 : 0
                    }
                default:
                    ownRow = false
                }
                guard ownRow, let activities else { continue }
                if isAtBound(row, activities: activities, values: solution.values ?? []) { binding = true }
                if let duals { price += duals[row] * multiplier }
            }
            return .init(
                id: constraint.id, name: constraint.name ?? constraint.id, kind: constraint.kindName, binding: binding,
                shadowPrice: duals == nil ? nil : (binding ? price : 0))
        }
    }
}
