import CGLPK

/// Changes to a solver's bounds and objective that last for one piece of work: every change made
/// through it is recorded, and ``Solver/withChanges(_:)`` undoes them all when the work ends,
/// whether it returns or throws.
///
/// ```swift
/// let value = try solver.withChanges { changes in
///     try changes.setBounds(of: budgetRow, lower: nil, upper: 9_000_000)
///     return try solver.solve().objective
/// }
/// // the budget row has its bounds again, and the basis it had before
/// ```
///
/// Scopes nest: an inner scope restores what it changed to where the outer scope had it.
public struct ScopedChanges {
    /// The solver the changes are made to; solve it within the scope as usual.
    public let solver: Solver
    private var columns: [Int: (lower: Double?, upper: Double?)] = [:]
    private var rows: [Int: (lower: Double?, upper: Double?)] = [:]
    private var objective: [Int: Double] = [:]
    /// The order in which items were first changed, so that restoring is deterministic.
    private var order: [Item] = []

    private enum Item {
        case column(Int)
        case row(Int)
        case objective(Int)
    }

    init(solver: Solver) {
        self.solver = solver
    }

    /// Whether anything was changed.
    public var isEmpty: Bool { order.isEmpty }

    /// Changes a variable's bounds until the scope ends.
    public mutating func setBounds(of variable: LinearProgram.VariableID, lower: Double?, upper: Double?) throws {
        let index = try solver.checkedVariable(variable)
        if columns[index] == nil {
            let original = solver.program.variables[index]
            columns[index] = (original.lowerBound, original.upperBound)
            order.append(.column(index))
        }
        try solver.setBounds(of: variable, lower: lower, upper: upper)
    }

    /// Changes a row's bounds until the scope ends.
    public mutating func setBounds(of constraint: LinearProgram.ConstraintID, lower: Double?, upper: Double?) throws {
        let index = try solver.checkedConstraint(constraint)
        if rows[index] == nil {
            let original = solver.program.constraints[index]
            rows[index] = (original.lowerBound, original.upperBound)
            order.append(.row(index))
        }
        try solver.setBounds(of: constraint, lower: lower, upper: upper)
    }

    /// Changes a variable's objective coefficient until the scope ends.
    public mutating func setObjective(of variable: LinearProgram.VariableID, to coefficient: Double) throws {
        let index = try solver.checkedVariable(variable)
        if objective[index] == nil {
            objective[index] = solver.program.variables[index].objective
            order.append(.objective(index))
        }
        try solver.setObjective(of: variable, to: coefficient)
    }

    /// Puts back every recorded bound and coefficient, latest first. Never throws: the values
    /// put back were the solver's own, already checked.
    func restore() {
        for item in order.reversed() {
            switch item {
            case .column(let index):
                let original = columns[index]!
                solver.restoreBounds(column: index, original.lower, original.upper)
            case .row(let index):
                let original = rows[index]!
                solver.restoreBounds(row: index, original.lower, original.upper)
            case .objective(let index):
                solver.restoreObjective(column: index, objective[index]!)
            }
        }
    }
}

/// The basis statuses of every row and column, to put a basis back after scoped changes.
struct BasisSnapshot {
    var rows: [Int32]
    var columns: [Int32]
}

extension Solver {
    /// Runs `body` with a record of the changes it makes, then undoes them, whether `body`
    /// returns or throws: every bound and objective coefficient changed through the
    /// ``ScopedChanges`` gets its value from before the scope, and the basis its statuses from
    /// before the scope, so that the next warm re-solve starts where it would have started
    /// without the scope (and gives the same answer).
    ///
    /// Solve within the scope as usual; the solver's ``solution`` is `nil` after a scope that
    /// changed anything. Changes made directly on the solver inside the scope are not undone.
    public func withChanges<T>(_ body: (inout ScopedChanges) throws -> T) rethrows -> T {
        let basis = basisSnapshot()
        var changes = ScopedChanges(solver: self)
        defer {
            if !changes.isEmpty {
                changes.restore()
                if let basis { restoreBasis(basis) }
                solution = nil
            }
        }
        return try body(&changes)
    }

    /// The statuses of the current basis, or nil when the problem cannot be used here.
    func basisSnapshot() -> BasisSnapshot? {
        guard (try? problem.checkUsable()) != nil else { return nil }
        let P = problem.pointer
        let m = program.constraints.count, n = program.variables.count
        return BasisSnapshot(
            rows: (0..<m).map { glp_get_row_stat(P, Int32($0 + 1)) },
            columns: (0..<n).map { glp_get_col_stat(P, Int32($0 + 1)) })
    }

    /// Puts a basis back when it differs from the current one; an unchanged basis keeps its
    /// factorization.
    func restoreBasis(_ basis: BasisSnapshot) {
        guard (try? problem.checkUsable()) != nil else { return }
        let P = problem.pointer
        let m = program.constraints.count, n = program.variables.count
        guard basis.rows.count == m, basis.columns.count == n else { return }
        let same = (0..<m).allSatisfy { glp_get_row_stat(P, Int32($0 + 1)) == basis.rows[$0] }
            && (0..<n).allSatisfy { glp_get_col_stat(P, Int32($0 + 1)) == basis.columns[$0] }
        guard !same else { return }
        for i in 0..<m { glp_set_row_stat(P, Int32(i + 1), basis.rows[i]) }
        for j in 0..<n { glp_set_col_stat(P, Int32(j + 1), basis.columns[j]) }
    }

    /// Sets a column's bounds back to values it had (no checks: they were checked then).
    func restoreBounds(column index: Int, _ lower: Double?, _ upper: Double?) {
        guard (try? problem.checkUsable()) != nil else { return }
        program.setBounds(of: LinearProgram.VariableID(index), lower: lower, upper: upper)
        problem.setColumnBounds(Int32(index + 1), lower, upper)
    }

    /// Sets a row's bounds back to values it had.
    func restoreBounds(row index: Int, _ lower: Double?, _ upper: Double?) {
        guard (try? problem.checkUsable()) != nil else { return }
        program.setBounds(of: LinearProgram.ConstraintID(index), lower: lower, upper: upper)
        problem.setRowBounds(Int32(index + 1), lower, upper)
    }

    /// Sets a column's objective coefficient back to a value it had.
    func restoreObjective(column index: Int, _ coefficient: Double) {
        guard (try? problem.checkUsable()) != nil else { return }
        program.setObjective(of: LinearProgram.VariableID(index), to: coefficient)
        glp_set_obj_coef(problem.pointer, Int32(index + 1), coefficient)
        objectiveChangedSinceSolve = true
    }
}
