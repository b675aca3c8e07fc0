import LinearSolver
import PlanFormat

/// A rule a best-effort allocation misses, and by how much (formulation.md, "What-ifs past the
/// rules").
public struct Miss: Sendable, Equatable {
    /// The unit a miss is measured in.
    public enum Unit: String, Sendable, Equatable {
        /// Dollars of the rule's own row: caps, floors, shares, ratios, fairness, committed spend.
        case money
        /// Whole heads of a headcount cap.
        case heads
        /// Units of the target's KPI.
        case kpi
    }

    public let ref: PlanReference
    public let amount: Double
    public let unit: Unit
    /// For a target: the miss as a fraction of the target.
    public let fraction: Double?
}

extension SolvedPlan {
    /// The allocation that misses the plan's rules by the least when no allocation meets them
    /// all: lexicographically by class, the most protected first (the reverse of
    /// `plan.relaxFirst`), then the most value. The total and period budgets, the definitions of
    /// the program and `requires` never give; committed spend gives only when listed.
    ///
    /// - Returns: the plain solve when the plan is feasible (no misses); nil when even missing
    ///   every class that may give cannot meet the budgets (the diagnosis then stands).
    public static func bestEffort(
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
        formulation = Formulation(plan, elastic: true)
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
        return allocation
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
