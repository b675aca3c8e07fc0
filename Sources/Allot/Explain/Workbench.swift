import LinearSolver
import PlanFormat

/// A solved plan's program opened for re-solves: fixing a request, moving a rule's limit,
/// removing a rule, changing the total budget. Each question makes its changes within a scope
/// of the solver (``Solver/withChanges(_:)``), which undoes them, basis included, before the next.
///
/// Holds a GLPK problem, so it lives and dies on one thread within one synchronous call.
final class Workbench {
    let solved: SolvedPlan
    let formulation: Formulation
    let solver: Solver
    let base: Solution
    let allocation: Allocation
    let settings: SolveOptions
    /// For each column: the rows it appears in, with its coefficient, as if the total-spend
    /// columns were written out (see ``Formulation/RowRole/spendDefinition``).
    let columnRows: [[(row: Int, coefficient: Double)]]
    /// Re-solves that stopped at their time limit: nothing may rest on them.
    private(set) var stoppedAtTimeLimit = 0
    /// The deadline every solve shares; no re-solve starts once it has passed.
    let deadline: Deadline

    /// Thrown by ``resolve()`` once the deadline has passed: the figure being computed is left out.
    struct OutOfTime: Error {}

    /// Opens a solved plan for re-solves: the solver is where the plan's own solve left it.
    ///
    /// - Parameters:
    ///   - deadline: shared by every solve and re-solve.
    ///   - resolveTimeLimit: the most one re-solve may take within the deadline (nil: up to it).
    init(solved: SolvedPlan, deadline: Deadline, resolveTimeLimit: Double? = nil) {
        self.solved = solved
        self.deadline = deadline
        formulation = solved.formulation
        solver = solved.solver
        base = solved.base
        allocation = solved.allocation
        var settings = SolveOptions()
        settings.deadline = deadline
        settings.timeLimit = resolveTimeLimit
        self.settings = settings
        columnRows = Self.substitutingSpendColumns(formulation)
    }

    /// Each column's rows and coefficients, with every spend column (the total-spend column T, a
    /// group's spend) substituted by its definition `S = sum a`: a request's column loses its
    /// entry in the definition row and gains one in every row that uses S (coefficient: that
    /// row's coefficient on S, times what the column adds to S), so a share row reads `1 - f` for
    /// members and `-f` for everyone else, as if written without S.
    ///
    /// Prices decompose the same either way: S is free, so at an optimum its reduced cost is 0
    /// and the definition row's price is the sum of the prices of the rows using S times their
    /// coefficients on it. A definition row is then never named as a cause.
    static func substitutingSpendColumns(_ formulation: Formulation) -> [[(row: Int, coefficient: Double)]] {
        let program = formulation.program
        var rows = Array(repeating: [(row: Int, coefficient: Double)](), count: program.variables.count)
        for (index, row) in program.constraints.enumerated() {
            for term in row.terms { rows[term.variable.index].append((index, term.coefficient)) }
        }
        // Spend columns appear in no definition row but their own, so each substitutes alone.
        for (spend, definition) in formulation.spendDefinitions {
            guard let own = rows[spend.index].first(where: { $0.row == definition.index })?.coefficient, own != 0 else { continue }
            let users = rows[spend.index].filter { $0.row != definition.index }
            for term in program.constraints[definition.index].terms where term.variable != spend {
                let column = term.variable.index
                // The column's share of S: what one unit of it adds to S.
                let share = -term.coefficient / own
                var merged = rows[column].filter { $0.row != definition.index }
                for user in users {
                    let coefficient = user.coefficient * share
                    if let at = merged.firstIndex(where: { $0.row == user.row }) {
                        merged[at].coefficient += coefficient
                    } else {
                        merged.append((user.row, coefficient))
                    }
                }
                rows[column] = merged.sorted { $0.row < $1.row }
            }
        }
        return rows
    }

    /// How many times the plan has been re-solved since its base solve.
    var solves: Int { solved.resolves }

    var isInteger: Bool { formulation.isInteger }

    /// Solves again from the current basis.
    ///
    /// - Throws: ``OutOfTime`` without solving once the deadline has passed.
    func resolve() throws -> Solution {
        guard !deadline.isPast else { throw OutOfTime() }
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

    /// Fixes a request's allocation at `amount` (its slices filled in order, whole units kept),
    /// within a scope of changes.
    func fix(request index: Int, at amount: Double, _ changes: inout ScopedChanges) throws {
        let model = formulation.requests[index]
        if let funded = model.fundedColumn, formulation.allRequests[index].allOrNothing {
            let on = amount >= formulation.allRequests[index].amount - 0.005 ? 1.0 : 0.0
            try changes.setBounds(of: funded, lower: on, upper: on)
            return
        }
        if let units = model.unitsColumn, let unit = formulation.allRequests[index].unitCost {
            let count = (amount / unit).rounded()
            try changes.setBounds(of: units, lower: count, upper: count)
            if model.segments.count == 1 { return }
        }
        if model.segments.count == 1, let column = model.segments[0].column {
            try changes.setBounds(of: column, lower: amount, upper: amount)
            return
        }
        for segment in model.segments {
            guard let column = segment.column else { continue }
            let filled = min(max(amount - segment.start, 0), segment.width)
            try changes.setBounds(of: column, lower: filled, upper: filled)
        }
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
        try solver.withChanges { changes in
            for row in rows { try changes.setBounds(of: LinearProgram.ConstraintID(row), lower: nil, upper: nil) }
            return try body()
        }
    }

    /// Sets the total budget row's upper bound (and lower, with spendAll), runs `body`, restores it.
    func withTotalBudget<T>(_ total: Double?, _ body: () throws -> T) throws -> T {
        guard let row = formulation.totalBudgetRow else { return try body() }
        return try solver.withChanges { changes in
            try changes.setBounds(of: row, lower: formulation.plan.budget.spendAll ? total : nil, upper: total)
            return try body()
        }
    }

    /// Each request's allocation in a solution.
    func amounts(_ solution: Solution) -> [Double]? {
        solution.values.map { formulation.allocations($0) }
    }
}
