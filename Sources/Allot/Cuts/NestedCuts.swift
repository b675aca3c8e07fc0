import LinearSolver
import PlanFormat

extension BudgetCuts {
    /// A raise a rule forces on the nested path: a request that must get more than at the level
    /// above for the rules to hold.
    package struct ForcedRaise: Sendable, Equatable {
        package let request: String
        package let amount: Double
        /// The rule that forces it, when one can be named.
        package let cause: PlanReference?
    }
}

/// The nested path (formulation.md, "Nested cuts"): anchored at the top, no request gains as the
/// total falls, except where a rule forces it; then the least total raise, each listed with its
/// cause.
///
/// It runs on its own copy of the program, with one raise column per allocation column
/// (`x - r <= x at the level above`) and a row that holds the total raise, so the plan's own
/// solver is not changed.
struct NestedPath {
    let formulation: Formulation
    let deadline: Deadline
    let solver: Solver
    /// Allocation columns, the raise column of each, and the row that caps it.
    let columns: [(column: LinearProgram.VariableID, raise: LinearProgram.VariableID, row: LinearProgram.ConstraintID)]
    let totalRaiseRow: LinearProgram.ConstraintID
    let budgetRow: LinearProgram.ConstraintID
    /// The plan's rows each allocation column is in, with its coefficient (to name a raise's cause).
    let rowsOfColumn: [Int: [(row: Int, coefficient: Double)]]

    init?(formulation: Formulation, deadline: Deadline) throws {
        guard let budgetRow = formulation.totalBudgetRow else { return nil }
        var program = formulation.program
        var columns: [(LinearProgram.VariableID, LinearProgram.VariableID, LinearProgram.ConstraintID)] = []
        var seen: Set<Int> = []
        for model in formulation.requests {
            for term in model.allocation where !seen.contains(term.variable.index) {
                seen.insert(term.variable.index)
                let raise = program.addVariable(name: "raise_\(term.variable.index)", lowerBound: 0, upperBound: 0)
                let row = program.addConstraint(
                    name: "ratchet_\(term.variable.index)", terms: [(term.variable, 1), (raise, -1)], lowerBound: nil, upperBound: nil)
                columns.append((term.variable, raise, row))
            }
        }
        totalRaiseRow = program.addConstraint(
            name: "total_raise", terms: columns.map { ($0.1, 1) }, lowerBound: nil, upperBound: nil)
        self.formulation = formulation
        self.deadline = deadline
        self.budgetRow = budgetRow
        self.columns = columns.map { (column: $0.0, raise: $0.1, row: $0.2) }
        // As if spend columns were written out, so that a share or ratio rule can be named.
        let substituted = Workbench.substitutingSpendColumns(formulation)
        var rows: [Int: [(row: Int, coefficient: Double)]] = [:]
        for column in seen { rows[column] = substituted[column].filter { $0.row < formulation.rowRoles.count } }
        rowsOfColumn = rows
        solver = try Solver(program)
    }

    var settings: SolveOptions {
        var settings = SolveOptions()
        settings.deadline = deadline
        return settings
    }

    /// One level of the path: the most value at `budget` with no column above its value at the
    /// level above (`previous`), or, if that cannot hold, the least total raise first.
    func level(budget: Double, previous: [Double]?) throws -> (values: [Double], raises: [BudgetCuts.ForcedRaise])? {
        guard !deadline.isPast else { throw CutsError.outOfTime }
        let spendAll = formulation.plan.budget.spendAll
        try solver.setBounds(of: budgetRow, lower: spendAll ? budget : nil, upper: budget)
        for entry in columns {
            try solver.setBounds(of: entry.row, lower: nil, upper: previous.map { $0[entry.column.index] + 1e-9 })
            try solver.setBounds(of: entry.raise, lower: 0, upper: 0)
        }
        try solver.setBounds(of: totalRaiseRow, lower: nil, upper: nil)
        let plain = try solver.solve(settings)
        if plain.status.hasFeasibleSolution, let values = plain.values { return (values, []) }
        guard previous != nil else { return nil }
        // The ratchet cannot hold: let columns rise, by the least in total, then the most value.
        for entry in columns { try solver.setBounds(of: entry.raise, lower: 0, upper: nil) }
        // The least total raise, within scoped objective changes, then the most value within it.
        let found = try solver.withChanges { changes -> (values: [Double], duals: [Double]?)? in
            for index in formulation.program.variables.indices {
                try changes.setObjective(of: LinearProgram.VariableID(index), to: 0)
            }
            for entry in columns { try changes.setObjective(of: entry.raise, to: -1) }
            let least = try solver.solve(settings)
            guard least.status.hasFeasibleSolution, let values = least.values else { return nil }
            return (values, try? least.duals())
        }
        guard let (raisedValues, duals) = found else { return nil }
        let total = columns.reduce(0) { $0 + raisedValues[$1.raise.index] }
        try solver.setBounds(of: totalRaiseRow, lower: nil, upper: total * (1 + 1e-9) + 1e-6)
        let best = try solver.solve(settings)
        let values = best.status.hasFeasibleSolution ? best.values ?? raisedValues : raisedValues
        // Each raised request, with the rule whose price makes the raise worth its cost.
        let before = formulation.allocations(previous!)
        let after = formulation.allocations(values)
        var raises: [BudgetCuts.ForcedRaise] = []
        // A raise below half a currency unit is the solver's tolerance, not money.
        for (r, request) in formulation.allRequests.enumerated() where after[r] > before[r] + max(Allocation.moneyTolerance(request.amount), 0.5) {
            raises.append(.init(request: request.id, amount: after[r] - before[r], cause: cause(ofRaise: r, duals: duals)))
        }
        return (values, raises)
    }

    /// The binding rule that most rewards one more dollar of a raised request, in the least-raise
    /// solution's prices.
    func cause(ofRaise request: Int, duals: [Double]?) -> PlanReference? {
        guard let duals else { return nil }
        var best: (ref: PlanReference, weight: Double)? = nil
        for term in formulation.requests[request].allocation {
            for (row, coefficient) in rowsOfColumn[term.variable.index] ?? [] {
                guard abs(duals[row]) > 1e-9, let ref = formulation.ruleRef(of: formulation.rowRoles[row]), !ref.isBudget else { continue }
                let weight = abs(duals[row] * coefficient)
                if best == nil || weight > best!.weight { best = (ref, weight) }
            }
        }
        return best?.ref
    }
}
