import LinearSolver
import PlanFormat

/// A solved plan kept open for re-solves: fixing a request, moving a rule's limit, removing a
/// rule, changing the total budget. Every change is undone before the next question.
///
/// Holds a GLPK problem, so it lives and dies on one thread within one synchronous call.
final class Workbench {
    let formulation: Formulation
    let solver: Solver
    let base: Solution
    let allocation: Allocation
    let settings: SolveOptions
    /// For each column: the rows it appears in, with its coefficient.
    let columnRows: [[(row: Int, coefficient: Double)]]
    /// How many re-solves the explanation took.
    private(set) var solves = 0
    /// Re-solves that stopped at their time limit: nothing may rest on them.
    private(set) var stoppedAtTimeLimit = 0
    /// The deadline every solve shares; no re-solve starts once it has passed.
    let deadline: Deadline

    /// Thrown by ``resolve()`` once the deadline has passed: the figure being computed is left out.
    struct OutOfTime: Error {}

    /// Keeps a solved plan open for re-solves, starting from its allocation rather than solving
    /// it again (an integer plan stopped by the deadline would not find the same allocation).
    ///
    /// The solver is brought to where the allocation's own solve left it: a linear plan is solved
    /// again (quickly, to the same optimum, for its basis); an integer plan has only its linear
    /// relaxations solved. Once the deadline has passed no re-solve may start, so neither is done.
    ///
    /// - Parameters:
    ///   - deadline: shared by every solve and re-solve.
    ///   - resolveTimeLimit: the most one re-solve may take within the deadline (nil: up to it).
    init(allocation given: Allocation, deadline: Deadline, resolveTimeLimit: Double? = nil) throws {
        self.deadline = deadline
        formulation = Formulation(given.plan)
        solver = try Solver(formulation.program)
        var settings = SolveOptions()
        settings.deadline = deadline
        var solution: Solution
        if let solved = given.solution {
            solution = solved
            if !deadline.isPast, solved.status.hasFeasibleSolution {
                if formulation.isInteger {
                    try formulation.prepare(solver, settings, from: solved)
                } else {
                    let again = try formulation.solveStages(solver, settings)
                    if again.status == solved.status { solution = again }
                }
            }
        } else {
            solution = try formulation.solveStages(solver, settings)
        }
        settings.timeLimit = resolveTimeLimit
        self.settings = settings
        base = solution
        allocation = formulation.allocation(
            from: solution, scenario: given.scenario, warnings: given.warnings, diagnosis: given.diagnosis,
            seconds: given.solveSeconds)
        var rows = Array(repeating: [(row: Int, coefficient: Double)](), count: formulation.program.variables.count)
        for (index, row) in formulation.program.constraints.enumerated() {
            for term in row.terms { rows[term.variable.index].append((index, term.coefficient)) }
        }
        columnRows = rows
    }

    var isInteger: Bool { formulation.isInteger }

    /// Solves again from the current basis.
    ///
    /// - Throws: ``OutOfTime`` without solving once the deadline has passed.
    func resolve() throws -> Solution {
        guard !deadline.isPast else { throw OutOfTime() }
        solves += 1
        let solution = try solver.solve(settings)
        switch solution.status {
        case .timeLimitWithSolution, .timeLimitWithoutSolution: stoppedAtTimeLimit += 1
        default: break
        }
        return solution
    }

    /// Runs a computation that re-solves, and returns its result only if every re-solve in it
    /// finished: nil when one stopped at the time limit or the deadline stopped the computation,
    /// so that no figure rests on an unfinished solve.
    func finished<T>(_ body: () throws -> T) throws -> T? {
        let before = stoppedAtTimeLimit
        do {
            let result = try body()
            return stoppedAtTimeLimit == before ? result : nil
        } catch is OutOfTime {
            return nil
        }
    }

    /// The value (worth-weighted KPIs less penalties, tie-breaks included) of a solution.
    func value(_ solution: Solution) -> Double? { solution.status.hasFeasibleSolution ? solution.objective : nil }

    // MARK: Fixing a request

    /// Fixes a request's allocation at `amount` (its slices filled in order, whole units kept).
    func fix(request index: Int, at amount: Double) throws {
        let model = formulation.requests[index]
        if let funded = model.fundedColumn, formulation.allRequests[index].allOrNothing {
            let on = amount >= formulation.allRequests[index].amount - 0.005 ? 1.0 : 0.0
            try solver.setBounds(of: funded, lower: on, upper: on)
            return
        }
        if let units = model.unitsColumn, let unit = formulation.allRequests[index].unitCost {
            let count = (amount / unit).rounded()
            try solver.setBounds(of: units, lower: count, upper: count)
            if model.segments.count == 1 { return }
        }
        if model.segments.count == 1, let column = model.segments[0].column {
            try solver.setBounds(of: column, lower: amount, upper: amount)
            return
        }
        for segment in model.segments {
            guard let column = segment.column else { continue }
            let filled = min(max(amount - segment.start, 0), segment.width)
            try solver.setBounds(of: column, lower: filled, upper: filled)
        }
    }

    /// Restores a request's columns to their formulated bounds.
    func release(request index: Int) throws {
        let model = formulation.requests[index]
        var columns = model.segments.compactMap(\.column)
        if let units = model.unitsColumn { columns.append(units) }
        if let funded = model.fundedColumn { columns.append(funded) }
        for column in columns { try restore(column) }
    }

    func restore(_ column: LinearProgram.VariableID) throws {
        let original = formulation.program.variables[column.index]
        try solver.setBounds(of: column, lower: original.lowerBound, upper: original.upperBound)
    }

    /// The column holding the request's dollar just below `amount` (or its first dollar at 0).
    func marginalColumn(request index: Int, below amount: Double) -> (column: LinearProgram.VariableID, valuePerDollar: Double)? {
        let model = formulation.requests[index]
        if let segment = model.segments.last(where: { $0.start < amount - 1e-9 }) ?? model.segments.first,
           let column = segment.column
        {
            return (column, segment.valuePerDollar)
        }
        return nil
    }

    /// The price of a column's dollar at the current optimal basis: the sum over its rows of
    /// row price x coefficient, split by rule.
    func priceTerms(of column: LinearProgram.VariableID, duals: [Double]) -> [(role: Formulation.RowRole, perDollar: Double)] {
        var terms: [(role: Formulation.RowRole, perDollar: Double)] = []
        for entry in columnRows[column.index] {
            let price = duals[entry.row] * entry.coefficient
            if abs(price) > 1e-12 { terms.append((formulation.rowRoles[entry.row], price)) }
        }
        return terms
    }

    // MARK: Rules

    /// The rows of a plan constraint (share and ratio have one per side; fairness one per team).
    func rows(ofConstraint c: Int) -> [Int] {
        formulation.rowRoles.indices.filter {
            switch formulation.rowRoles[$0] {
            case .rule(c, _), .fairness(c, _): return true
            default: return false
            }
        }
    }

    /// Frees rows (as if the rule were removed), runs `body`, and restores them.
    func withRowsFreed<T>(_ rows: [Int], _ body: () throws -> T) throws -> T {
        for row in rows { try solver.setBounds(of: LinearProgram.ConstraintID(row), lower: nil, upper: nil) }
        defer {
            for row in rows {
                let original = formulation.program.constraints[row]
                try? solver.setBounds(of: LinearProgram.ConstraintID(row), lower: original.lowerBound, upper: original.upperBound)
            }
        }
        return try body()
    }

    /// Sets the total budget row's upper bound (and lower, with spendAll), runs `body`, restores it.
    func withTotalBudget<T>(_ total: Double?, _ body: () throws -> T) throws -> T {
        guard let row = formulation.totalBudgetRow else { return try body() }
        let original = formulation.program.constraints[row.index]
        try solver.setBounds(of: row, lower: formulation.plan.budget.spendAll ? total : nil, upper: total)
        defer { try? solver.setBounds(of: row, lower: original.lowerBound, upper: original.upperBound) }
        return try body()
    }

    /// Each request's allocation in a solution.
    func amounts(_ solution: Solution) -> [Double]? {
        solution.values.map { formulation.allocations($0) }
    }
}

extension Workbench {
    /// The budget's prices with every whole-unit and all-or-nothing choice held as proposed.
    ///
    /// - Throws: ``OutOfTime`` once the deadline has passed.
    func pricesWithChoicesHeld() throws -> Formulation.HeldPrices? {
        guard let values = base.values else { return nil }
        guard !deadline.isPast else { throw OutOfTime() }
        solves += 1
        return try formulation.pricesWithChoicesHeld(solver, values: values, settings: settings)
    }
}
