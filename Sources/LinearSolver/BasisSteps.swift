import CGLPK
import CGLPKGuard

/// Steps of a walk along one right-hand side taken without the simplex method: the solution of a
/// basis read off the basis itself, and one pivot of the dual simplex taken by hand, past the end
/// of the basis's range.
///
/// A warm `glp_simplex` call copies the whole program into GLPK's working form before its first
/// pivot, which costs far more than the pivot on a program with many columns; these steps cost
/// one factorization of the basis and a few passes over the matrix.
extension Solver {
    /// What ``pivotOut(_:value:)`` did.
    package enum PivotOutcome: Sendable, Equatable {
        /// The variable left the basis and another entered it.
        case pivoted
        /// No variable can enter in its place: past its bound, no solution meets every row.
        case noEnteringVariable
        /// The pivot could not be taken here (the basis is not dual feasible, or the variable is
        /// not basic): solve with the simplex method instead.
        case unavailable
    }

    /// The optimal solution of the current basis at the bounds as they stand, computed from the
    /// basis alone (`glp_warm_up`), without the simplex method: the same basis and bounds give it
    /// to the last bit, however the basis was reached, when `refactorize` (or after
    /// ``pivotOut(_:value:)``, which leaves the basis to be factorized afresh).
    ///
    /// - Returns: nil when that solution is not optimal (a row or bound broken, or a reduced cost
    ///   of the wrong sign, beyond GLPK's tolerances), when the basis cannot be factorized, or for
    ///   a program without rows or columns: solve with the simplex method then.
    package func solutionOfBasis(refactorize: Bool = false) throws -> Solution? {
        try problem.checkUsable()
        guard !program.constraints.isEmpty, !program.variables.isEmpty else { return nil }
        let P = problem.pointer
        var rc: Int32 = 0
        if refactorize || glp_bf_exists(P) == 0 {
            try problem.guarded("factorizing the basis") { allot_guard_factorize(P, &rc) }
            guard rc == 0 else { return nil }
        }
        try problem.guarded("computing the basic solution") { allot_guard_warm_up(P, &rc) }
        solves += 1
        guard rc == 0, glp_get_prim_stat(P) == GLP_FEAS, glp_get_dual_stat(P) == GLP_FEAS else { return nil }
        let result = linearSolution(status: .optimal, integer: false)
        // Held to the same check as a solve: a point off a row is never passed on.
        guard let values = result.values, (try? checkFeasible(values, integer: false)) != nil else { return nil }
        solution = result
        return result
    }

    /// Takes `leaving` out of the basis at the bound it has reached (the nearer of its two), and
    /// puts in the non-basic variable that GLPK's dual ratio test picks, so that the basis stays
    /// dual feasible: one pivot of the dual simplex. Read the new basis's solution with
    /// ``solutionOfBasis(refactorize:)``.
    ///
    /// Call it on a basis with an optimal solution (from a solve or ``solutionOfBasis(refactorize:)``),
    /// after moving a right-hand side just past the end of that basis's range, where `leaving`
    /// (the variable that limits the range) would break its bound.
    ///
    /// - Parameter value: the leaving variable's value at the bounds in force (default: GLPK's
    ///   value from the last solve or ``solutionOfBasis(refactorize:)``), which tells the bound
    ///   it leaves at.
    package func pivotOut(_ leaving: Sensitivity.Limit, value given: Double? = nil) throws -> PivotOutcome {
        try problem.checkUsable()
        let m = program.constraints.count
        let n = program.variables.count
        guard m > 0, n > 0 else { return .unavailable }
        let P = problem.pointer
        let k: Int32
        let lower: Double?, upper: Double?, value: Double, status: Int32
        switch leaving {
        case .constraint(let id):
            let i = try checkedConstraint(id)
            k = Int32(i + 1)
            (lower, upper) = (program.constraints[i].lowerBound, program.constraints[i].upperBound)
            value = given ?? glp_get_row_prim(P, k)
            status = glp_get_row_stat(P, k)
        case .variable(let id):
            let j = try checkedVariable(id)
            k = Int32(m + j + 1)
            (lower, upper) = (program.variables[j].lowerBound, program.variables[j].upperBound)
            value = given ?? glp_get_col_prim(P, Int32(j + 1))
            status = glp_get_col_stat(P, Int32(j + 1))
        }
        guard status == GLP_BS, glp_get_dual_stat(P) == GLP_FEAS, lower != nil || upper != nil else { return .unavailable }
        if glp_bf_exists(P) == 0 {
            var rc: Int32 = 0
            try problem.guarded("factorizing the basis") { allot_guard_factorize(P, &rc) }
            guard rc == 0 else { return .unavailable }
        }
        // The bound it leaves at: the only one it has, or the nearer.
        let toLower: Bool
        switch (lower, upper) {
        case (let l?, let u?): toLower = abs(value - l) <= abs(value - u)
        case (.some, nil): toLower = true
        default: toLower = false
        }
        var indices = [Int32](repeating: 0, count: n + 1)
        var values = [Double](repeating: 0, count: n + 1)
        var rho = [Double](repeating: 0, count: m + 1)
        var entering: Int32 = 0
        let matrix = columnMatrix
        try indices.withUnsafeMutableBufferPointer { ind in
            try values.withUnsafeMutableBufferPointer { val in
                try rho.withUnsafeMutableBufferPointer { rho in
                    try problem.guarded("a pivot of the dual simplex") {
                        allot_guard_pivot_out(
                            P, k, toLower ? 1 : -1, matrix.starts, matrix.rows, matrix.values, rho.baseAddress,
                            ind.baseAddress, val.baseAddress, &entering)
                    }
                }
            }
        }
        guard entering != 0 else { return .noEnteringVariable }
        solution = nil
        return .pivoted
    }

    /// The solution of the current basis after a move of `row`'s upper bound (made with
    /// ``setBounds(of:lower:upper:)-(ConstraintID,_,_)`` since `previous`, the basis's optimal
    /// solution), computed along the basis: each basic variable moves by its entry in the row's
    /// column of the simplex tableau times the move. Duals and reduced costs stay those of
    /// `previous`. Cheaper than ``solutionOfBasis(refactorize:)``, which computes them all again.
    ///
    /// - Returns: nil unless the row is non-basic at its upper bound in `previous`, the basis is
    ///   factorized, and the solution so found meets every row and bound: read it off the basis
    ///   then.
    package func solutionAlong(row: LinearProgram.ConstraintID, from previous: Solution) throws -> Solution? {
        try problem.checkUsable()
        let i = try checkedConstraint(row)
        let m = program.constraints.count
        let n = program.variables.count
        let P = problem.pointer
        guard m > 0, n > 0, previous.status == .optimal, !previous.isInteger, let before = previous.values,
              let activitiesBefore = previous.activities, let upper = program.constraints[i].upperBound,
              glp_get_row_stat(P, Int32(i + 1)) == GLP_NU, glp_bf_exists(P) != 0
        else { return nil }
        let move = upper - activitiesBefore[i]
        var values = before
        var activities = activitiesBefore
        activities[i] = upper
        var indices = [Int32](repeating: 0, count: m + 1)
        var column = [Double](repeating: 0, count: m + 1)
        var length: Int32 = 0
        try indices.withUnsafeMutableBufferPointer { ind in
            try column.withUnsafeMutableBufferPointer { val in
                try problem.guarded("a column of the simplex tableau") {
                    allot_guard_eval_tab_col(P, Int32(i + 1), ind.baseAddress, val.baseAddress, &length)
                }
            }
        }
        guard length >= 0, Int(length) <= m else { return nil }
        // Only what moved is checked again: the columns that moved, and the rows they are in
        // (with the row whose bound moved). The rest is as `previous`, which was checked.
        let matrix = columnMatrix
        var moved: [Int] = []
        var touched = [Bool](repeating: false, count: m)
        var rows = [i]
        touched[i] = true
        for t in stride(from: 1, through: Int(length), by: 1) {
            let k = Int(indices[t])
            guard k >= 1, k <= m + n else { return nil }
            if k <= m {
                activities[k - 1] += column[t] * move
                continue
            }
            let j = k - m - 1
            values[j] += column[t] * move
            moved.append(j)
            for entry in Int(matrix.starts[j])..<Int(matrix.starts[j + 1]) {
                let row = Int(matrix.rows[entry]) - 1
                if !touched[row] {
                    touched[row] = true
                    rows.append(row)
                }
            }
        }
        guard (try? checkFeasible(values, integer: false, columns: moved, rows: rows)) != nil else { return nil }
        return Solution(
            status: .optimal, isInteger: false, objective: program.objectiveValue(at: values), relativeGap: nil,
            values: values, activities: activities, iterations: previous.iterations, rowDuals: previous.rowDuals,
            reducedCosts: previous.reducedCosts, rowBasis: previous.rowBasis, columnBasis: previous.columnBasis)
    }
}

/// A program's constraint matrix column by column: column j's entries are `starts[j]..<starts[j + 1]`
/// of `rows` (GLPK's row numbers, from 1) and `values`, rows in increasing order.
struct ColumnMatrix {
    let starts: [Int32]
    let rows: [Int32]
    let values: [Double]

    init(_ program: LinearProgram) {
        var starts = [Int32](repeating: 0, count: program.variables.count + 1)
        for row in program.constraints {
            for term in row.terms { starts[term.variable.index + 1] += 1 }
        }
        for j in 1..<starts.count { starts[j] += starts[j - 1] }
        var next = starts
        var rows = [Int32](repeating: 0, count: Int(starts.last ?? 0))
        var values = [Double](repeating: 0, count: rows.count)
        for (i, row) in program.constraints.enumerated() {
            for term in row.terms {
                let t = Int(next[term.variable.index])
                next[term.variable.index] += 1
                rows[t] = Int32(i + 1)
                values[t] = term.coefficient
            }
        }
        (self.starts, self.rows, self.values) = (starts, rows, values)
    }
}
