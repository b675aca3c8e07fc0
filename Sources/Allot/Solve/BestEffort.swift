import LinearSolver
import PlanFormat

/// A rule a best-effort allocation misses, and by how much (formulation.md, "What-ifs past the
/// rules").
package struct Miss: Sendable, Equatable {
    /// The unit a miss is measured in.
    package enum Unit: String, Sendable, Equatable {
        /// Dollars of the rule's own row: caps, floors, shares, ratios, fairness, committed spend.
        case money
        /// Whole heads of a headcount cap.
        case heads
        /// Units of the target's KPI.
        case kpi
    }

    package let ref: PlanReference
    package let amount: Double
    package let unit: Unit
    /// For a target: the miss as a fraction of the target.
    package let fraction: Double?
}

extension SolvedPlan {
    /// The allocation that misses the plan's rules by the least when no allocation meets them
    /// all: lexicographically by class, the most protected first (the reverse of
    /// `plan.relaxFirst`), then the most value. The total and period budgets, the definitions of
    /// the program and `requires` never give; committed spend gives only when listed.
    ///
    /// - Returns: the plain solve when the plan is feasible (no misses); nil when even missing
    ///   every class that may give cannot meet the budgets (the diagnosis then stands).
    package static func bestEffort(
        _ plan: Plan, scenario: Scenario? = nil, warnings: [String] = [], deadline: Deadline = Deadline(seconds: 300)
    ) throws -> Allocation? {
        let plain = try SolvedPlan(plan, scenario: scenario, warnings: warnings, deadline: deadline, diagnose: false)
        guard plain.allocation.status == .infeasible else { return plain.allocation }
        return try BestEffortSolve(plan: plan, deadline: deadline).run(scenario: scenario, warnings: warnings)
    }
}

/// The stages of a best-effort solve on the elastic program.
struct BestEffortSolve {
    let plan: Plan
    let deadline: Deadline
    var formulation: Formulation
    /// For each class that may give, in the order they are protected (the most protected first):
    /// its slack columns with their weights, and the row that caps the class's total miss.
    var classes: [(relax: RelaxClass, slacks: [(column: LinearProgram.VariableID, weight: Double)], row: LinearProgram.ConstraintID)] = []

    init(plan: Plan, deadline: Deadline) {
        self.plan = plan
        self.deadline = deadline
        formulation = Formulation(plan, elastic: true, names: false)
        var byClass: [RelaxClass: [(LinearProgram.VariableID, Double)]] = [:]
        for group in formulation.elasticGroups {
            guard let relax = Self.relaxClass(of: group.rule, plan: plan), plan.relaxFirst.contains(relax) else { continue }
            let weight: Double
            if case .target(let k, let side) = group.rule {
                let target = plan.kpis[k].target
                weight = 1 / max(abs((side == .min ? target?.min : target?.max) ?? 1), 1e-9)
            } else {
                weight = 1
            }
            for slack in group.slacks { byClass[relax, default: []].append((slack, weight)) }
        }
        for relax in plan.relaxFirst.reversed() {
            guard let slacks = byClass[relax], !slacks.isEmpty else { continue }
            let row = formulation.program.addConstraint(
                name: "miss_\(relax.rawValue)", terms: slacks.map { ($0.0, $0.1) }, lowerBound: nil, upperBound: nil)
            classes.append((relax, slacks.map { (column: $0.0, weight: $0.1) }, row))
        }
    }

    /// The class a relaxable row belongs to; nil for what never gives.
    static func relaxClass(of rule: ElasticGroup.Rule, plan: Plan) -> RelaxClass? {
        switch rule {
        case .totalBudget, .periodBudget, .requires: return nil
        case .committed: return .committed
        case .fairness: return .fairness
        case .target(let k, _): return plan.kpis[k].target?.isSoft == true ? nil : .targets
        case .constraint(let c, _):
            switch plan.constraints[c].kind {
            case .cap, .floor: return .caps
            case .share, .ratio: return .shares
            case .headcount: return .headcount
            case .fairness: return .fairness
            }
        }
    }

    func run(scenario: Scenario?, warnings: [String]) throws -> Allocation? {
        try runWithPoint(scenario: scenario, warnings: warnings)?.allocation
    }

    /// The best-effort allocation and the point of the elastic program it comes from.
    func runWithPoint(scenario: Scenario?, warnings: [String]) throws -> (allocation: Allocation, values: [Double])? {
        let solver = try Solver(formulation.program)
        var settings = SolveOptions()
        settings.deadline = deadline
        let columns = formulation.program.variables.count
        // Every class that may give is free to; then, the most protected first, each class's
        // total miss is minimised and held there.
        for entry in classes {
            for slack in entry.slacks { try solver.setBounds(of: slack.column, lower: 0, upper: nil) }
        }
        for index in 0..<columns { try solver.setObjective(of: LinearProgram.VariableID(index), to: 0) }
        for entry in classes {
            for other in classes { for slack in other.slacks { try solver.setObjective(of: slack.column, to: 0) } }
            for slack in entry.slacks { try solver.setObjective(of: slack.column, to: -slack.weight) }
            let solution = try solver.solve(settings)
            guard solution.status.hasFeasibleSolution, let values = solution.values else { return nil }
            let miss = entry.slacks.reduce(0) { $0 + $1.weight * values[$1.column.index] }
            if miss <= 1e-9 {
                for slack in entry.slacks { try solver.setBounds(of: slack.column, lower: 0, upper: 0) }
            } else {
                try solver.setBounds(of: entry.row, lower: nil, upper: miss * (1 + 1e-9) + 1e-9)
            }
        }
        // Then the most value (or, for a least-spend plan, the least spend) within those misses.
        let objective = plan.objective == .minimizeSpend ? formulation.spendObjective : formulation.valueObjective
        for (index, coefficient) in objective.enumerated() where index < columns {
            try solver.setObjective(of: LinearProgram.VariableID(index), to: coefficient)
        }
        for entry in classes { for slack in entry.slacks { try solver.setObjective(of: slack.column, to: 0) } }
        let solution = try solver.solve(settings)
        guard solution.status.hasFeasibleSolution, let values = solution.values else { return nil }
        var allocation = formulation.allocation(
            from: solution, scenario: scenario, warnings: warnings, diagnosis: nil, seconds: 0, heldPrices: nil)
        allocation.misses = misses(values)
        return (allocation, values)
    }

    /// The misses at a point as edits of the plan: each missed limit moved to where the point
    /// has it, rounded to three significant figures toward the side where it holds.
    func edits(_ values: [Double]) -> [PlanEdit] {
        let spend = { (members: [Int]) in
            members.reduce(0) { total, r in
                total + formulation.requests[r].allocation.reduce(0) { $0 + $1.coefficient * values[$1.variable.index] }
            }
        }
        var edits: [PlanEdit] = []
        for group in formulation.elasticGroups {
            guard let relax = Self.relaxClass(of: group.rule, plan: plan), plan.relaxFirst.contains(relax) else { continue }
            let amount = group.slacks.reduce(0) { $0 + values[$1.index] }
            guard amount > max(1e-6 * group.scale, 1e-6) else { continue }
            var edit: PlanEdit? = nil
            switch group.rule {
            case .constraint(let c, let side):
                let constraint = plan.constraints[c]
                let ref = PlanReference.rule(constraint.id)
                let up = side == .max
                switch constraint.kind {
                case .cap(let max): edit = plan.edit(ref, to: PlanEdit.rounded(max + amount, up: true))
                case .headcount(let max): edit = plan.edit(ref, to: (max + amount - 1e-6).rounded(.up))
                case .floor(let min): edit = plan.edit(ref, to: PlanEdit.rounded(Swift.max(min - amount, 0), up: false))
                case .share:
                    let total = spend(Array(formulation.allRequests.indices))
                    guard total > 0 else { continue }
                    edit = plan.edit(ref, to: PlanEdit.rounded(spend(formulation.select(constraint.scope)) / total, up: up), side: .init(side))
                case .ratio(let to, _, _):
                    let base = spend(formulation.select(to))
                    guard base > 0 else { continue }
                    edit = plan.edit(ref, to: PlanEdit.rounded(spend(formulation.select(constraint.scope)) / base, up: up), side: .init(side))
                case .fairness: continue
                }
            case .fairness(let c, let team):
                guard case .fairness(let fairness) = plan.constraints[c].kind else { continue }
                let members = formulation.select(plan.constraints[c].scope)
                guard let mine = formulation.membersByTeam(members).first(where: { $0.team.id == team })?.members else { continue }
                let base = formulation.fairnessBase(fairness, mine: mine, members: members)
                guard base > 0 else { continue }
                edit = plan.edit(.rule(plan.constraints[c].id, team: team), to: PlanEdit.rounded(spend(mine) / base, up: false))
            case .target(let k, let side):
                let kpi = plan.kpis[k]
                guard let limit = side == .min ? kpi.target?.min : kpi.target?.max else { continue }
                edit = plan.edit(.target(kpi.id, side: .init(side)), to: PlanEdit.rounded(side == .min ? limit - amount : limit + amount, up: side == .max))
            case .committed(let r):
                let request = formulation.allRequests[r]
                edit = plan.edit(.committed(request.id), to: PlanEdit.rounded(Swift.max(formulation.requests[r].attainableMin - amount, 0), up: false))
            case .totalBudget, .periodBudget, .requires:
                continue
            }
            if let edit, !edits.contains(edit) { edits.append(edit) }
        }
        return edits
    }

    /// The rules missed at a point, in the plan's order, each in its own unit.
    func misses(_ values: [Double]) -> [Miss] {
        var misses: [Miss] = []
        for group in formulation.elasticGroups {
            guard let relax = Self.relaxClass(of: group.rule, plan: plan), plan.relaxFirst.contains(relax) else { continue }
            let amount = group.slacks.reduce(0) { $0 + values[$1.index] }
            guard amount > max(1e-6 * group.scale, 1e-6) else { continue }
            switch group.rule {
            case .constraint(let c, _):
                let constraint = plan.constraints[c]
                let heads: Bool
                if case .headcount = constraint.kind { heads = true } else { heads = false }
                misses.append(Miss(ref: .rule(constraint.id), amount: amount, unit: heads ? .heads : .money, fraction: nil))
            case .fairness(let c, let team):
                misses.append(Miss(ref: .rule(plan.constraints[c].id, team: team), amount: amount, unit: .money, fraction: nil))
            case .target(let k, let side):
                let kpi = plan.kpis[k]
                let limit = (side == .min ? kpi.target?.min : kpi.target?.max) ?? 0
                misses.append(Miss(
                    ref: .target(kpi.id, side: .init(side)), amount: amount, unit: .kpi,
                    fraction: limit == 0 ? nil : amount / abs(limit)))
            case .committed(let r):
                misses.append(Miss(ref: .committed(formulation.allRequests[r].id), amount: amount, unit: .money, fraction: nil))
            case .totalBudget, .periodBudget, .requires:
                continue
            }
        }
        return misses
    }
}

extension Diagnosis {
    /// The edits that make an infeasible plan feasible together, checked by re-solving the plan
    /// with them: the misses of the allocation that misses the plan's rules by the least
    /// (committed amounts may give here: a fix may have to touch them), or, when even that cannot
    /// meet the budgets, the total budget raised to the lowest feasible total. Nil when neither
    /// is found in time.
    ///
    /// Like the rest of the diagnosis, it solves programs of its own: the plan's own solver is
    /// left as it was.
    static func jointFix(_ plan: Plan, deadline: Deadline) throws -> JointFix? {
        guard !deadline.isPast else { return nil }
        var relaxed = plan
        for relax in RelaxClass.allCases where !relaxed.relaxFirst.contains(relax) { relaxed.relaxFirst.append(relax) }
        let solve = BestEffortSolve(plan: relaxed, deadline: deadline)
        var edits: [PlanEdit] = []
        if let (_, values) = try solve.runWithPoint(scenario: nil, warnings: []) {
            edits = solve.edits(values)
        }
        // Where only committed amounts give (or nothing can), the budget itself is the conflict:
        // raise it to the lowest total at which every rule holds.
        if edits.allSatisfy({ $0.ref.kind == .committed }), let lowest = try lowestFeasibleTotal(plan, deadline: deadline),
           let total = plan.budget.total, lowest > total, let edit = plan.edit(.budget, to: PlanEdit.rounded(lowest, up: true))
        {
            edits = [edit]
        }
        guard !edits.isEmpty, !deadline.isPast else { return nil }
        let fixed = Formulation(plan.applying(edits), names: false)
        var settings = SolveOptions()
        settings.deadline = deadline
        let solution = try fixed.solveStages(try Solver(fixed.program), settings)
        return JointFix(edits: edits, verified: solution.status.hasFeasibleSolution)
    }

    /// The least total spend at which every rule holds (the total budget freed); nil when none
    /// holds, or the deadline stopped the solve.
    static func lowestFeasibleTotal(_ plan: Plan, deadline: Deadline) throws -> Double? {
        guard !deadline.isPast else { return nil }
        let formulation = Formulation(plan, names: false)
        let solver = try Solver(formulation.program)
        if let row = formulation.totalBudgetRow { try solver.setBounds(of: row, lower: nil, upper: nil) }
        var spend = [Double](repeating: 0, count: formulation.program.variables.count)
        for model in formulation.requests {
            for term in model.allocation { spend[term.variable.index] += term.coefficient }
        }
        // The program maximizes: the least spend is the most of its negative.
        for index in spend.indices { try solver.setObjective(of: LinearProgram.VariableID(index), to: -spend[index]) }
        var settings = SolveOptions()
        settings.deadline = deadline
        let solution = try solver.solve(settings)
        guard solution.status == .optimal, let values = solution.values else { return nil }
        return formulation.spend(values)
    }
}
