import CGLPK
import CGLPKGuard

/// How far the data of an optimal linear program can move before its optimal basis changes.
public struct Sensitivity: Sendable {
    /// The variable or row whose entry into (or exit from) the basis limits a range.
    public enum Limit: Sendable, Equatable, CustomStringConvertible {
        case variable(LinearProgram.VariableID)
        case constraint(LinearProgram.ConstraintID)

        public var description: String {
            switch self {
            case .variable(let id): id.description
            case .constraint(let id): id.description
            }
        }
    }

    /// An interval `[lower, upper]` (`nil` ends are unlimited) and what stops it at each end.
    public struct Range: Sendable, Equatable {
        public let lower: Double?
        public let upper: Double?
        public let limitingAtLower: Limit?
        public let limitingAtUpper: Limit?

        public init(lower: Double?, upper: Double?, limitingAtLower: Limit? = nil, limitingAtUpper: Limit? = nil) {
            self.lower = lower
            self.upper = upper
            self.limitingAtLower = limitingAtLower
            self.limitingAtUpper = limitingAtUpper
        }

        public func contains(_ value: Double) -> Bool {
            (lower.map { value >= $0 } ?? true) && (upper.map { value <= $0 } ?? true)
        }
    }

    /// The ranges of a variable's or row's two bounds. A bound the program does not have is `nil`.
    ///
    /// For an active bound (non-basic), the range over which it can move with the same basis
    /// optimal, limited by the basic variable that would reach its own bound first. For an inactive
    /// bound, everything up to the current value (a lower bound) or down to it (an upper bound).
    public struct BoundRanges: Sendable, Equatable {
        public let lowerBound: Range?
        public let upperBound: Range?
    }

    /// Per variable: the range of its objective coefficient over which the basis stays optimal.
    public let objectiveCoefficients: [Range]
    /// Per variable: the ranges of its bounds.
    public let variableBounds: [BoundRanges]
    /// Per row: the ranges of its bounds (its right-hand sides).
    public let constraintBounds: [BoundRanges]
}

extension Solver {
    /// Sensitivity ranges of the last optimal solution of a linear program.
    ///
    /// - Throws: `unavailable` unless the last solve ended optimal without integer variables
    ///   (an integer program's basis does not describe its optimum).
    public func sensitivity() throws -> Sensitivity {
        try prepareRanging()
        let m = program.constraints.count
        let n = program.variables.count
        var objectiveRanges: [Sensitivity.Range] = []
        var variableBounds: [Sensitivity.BoundRanges] = []
        objectiveRanges.reserveCapacity(n)
        variableBounds.reserveCapacity(n)
        for j in 0..<n {
            objectiveRanges.append(try objectiveRange(column: j))
            variableBounds.append(try boundRanges(k: Int32(m + j + 1)))
        }
        var rowBounds: [Sensitivity.BoundRanges] = []
        rowBounds.reserveCapacity(m)
        for i in 0..<m { rowBounds.append(try boundRanges(k: Int32(i + 1))) }
        return Sensitivity(objectiveCoefficients: objectiveRanges, variableBounds: variableBounds, constraintBounds: rowBounds)
    }

    /// The range of one variable's objective coefficient over which the last optimal basis stays
    /// optimal; cheaper than ``sensitivity()`` when only a few are needed.
    public func objectiveRange(of variable: LinearProgram.VariableID) throws -> Sensitivity.Range {
        try prepareRanging()
        return try objectiveRange(column: try checkedVariable(variable))
    }

    /// The ranges of one variable's bounds at the last optimal basis.
    public func boundRanges(of variable: LinearProgram.VariableID) throws -> Sensitivity.BoundRanges {
        try prepareRanging()
        return try boundRanges(k: Int32(program.constraints.count + (try checkedVariable(variable)) + 1))
    }

    /// The ranges of one row's bounds (its right-hand sides) at the last optimal basis.
    public func boundRanges(of constraint: LinearProgram.ConstraintID) throws -> Sensitivity.BoundRanges {
        try prepareRanging()
        return try boundRanges(k: Int32((try checkedConstraint(constraint)) + 1))
    }

    /// Checks that ranging is possible and that a factorization of the basis exists.
    private func prepareRanging() throws {
        try problem.checkUsable()
        guard let solution, solution.status == .optimal else {
            throw SolverError(.unavailable, "sensitivity ranges need an optimal solution; solve the program first")
        }
        guard !solution.isInteger else {
            throw SolverError(
                .unavailable,
                "sensitivity ranges do not exist for an integer program; fix its integer variables and solve the linear program")
        }
        guard !program.constraints.isEmpty, !program.variables.isEmpty else {
            throw SolverError(.unavailable, "sensitivity ranges need a program with rows and columns")
        }
        let P = problem.pointer
        if glp_bf_exists(P) == 0 {
            var rc: Int32 = 0
            try problem.guarded("factorizing the basis") { allot_guard_factorize(P, &rc) }
            guard rc == 0 else {
                throw SolverError(.solverFailed, "the optimal basis could not be factorized (\(Solver.describe(rc)))")
            }
        }
    }

    private func objectiveRange(column j: Int) throws -> Sensitivity.Range {
        let P = problem.pointer
        let m = program.constraints.count
        let k = Int32(m + j + 1)
        let status = glp_get_col_stat(P, Int32(j + 1))
        let coefficient = glp_get_obj_coef(P, Int32(j + 1))
        if status == GLP_BS {
            var c1 = 0.0, c2 = 0.0, v1 = 0.0, v2 = 0.0
            var var1: Int32 = 0, var2: Int32 = 0
            try problem.guarded("objective ranging") { allot_guard_analyze_coef(P, k, &c1, &var1, &v1, &c2, &var2, &v2) }
            return .init(lower: Self.finite(c1), upper: Self.finite(c2),
                         limitingAtLower: limit(var1, m), limitingAtUpper: limit(var2, m))
        }
        let reduced = glp_get_col_dual(P, Int32(j + 1))
        let own = Sensitivity.Limit.variable(.init(j))
        // At the lower bound the basis stays optimal while the reduced cost keeps its sign
        // (>= 0 minimizing, <= 0 maximizing); at the upper bound, the opposite sign.
        switch status {
        case GLP_NS:
            return .init(lower: nil, upper: nil)
        case GLP_NF:
            return .init(lower: coefficient, upper: coefficient, limitingAtLower: own, limitingAtUpper: own)
        default:
            let threshold = coefficient - reduced
            if (status == GLP_NL) != (program.sense == .maximize) {
                return .init(lower: threshold, upper: nil, limitingAtLower: own)
            }
            return .init(lower: nil, upper: threshold, limitingAtUpper: own)
        }
    }

    /// Bound ranges of row k (1...m) or column k - m.
    private func boundRanges(k: Int32) throws -> Sensitivity.BoundRanges {
        let P = problem.pointer
        let m = program.constraints.count
        let isRow = Int(k) <= m
        let index = isRow ? Int(k) - 1 : Int(k) - m - 1
        let status = isRow ? glp_get_row_stat(P, k) : glp_get_col_stat(P, Int32(index + 1))
        let value = isRow ? glp_get_row_prim(P, k) : glp_get_col_prim(P, Int32(index + 1))
        let lower = isRow ? program.constraints[index].lowerBound : program.variables[index].lowerBound
        let upper = isRow ? program.constraints[index].upperBound : program.variables[index].upperBound
        let inactiveLower = lower.map { _ in Sensitivity.Range(lower: nil, upper: value) }
        let inactiveUpper = upper.map { _ in Sensitivity.Range(lower: value, upper: nil) }
        if status == GLP_BS || status == GLP_NF {
            return .init(lowerBound: inactiveLower, upperBound: inactiveUpper)
        }
        // GLPK's own word on the basis's point, which a solution read off the basis may have
        // changed since the solve: ranging aborts unless it says optimal.
        guard glp_get_prim_stat(P) == GLP_FEAS, glp_get_dual_stat(P) == GLP_FEAS else {
            throw SolverError(.unavailable, "bound ranges need an optimal basis; solve the program again")
        }
        var v1 = 0.0, v2 = 0.0
        var var1: Int32 = 0, var2: Int32 = 0
        try problem.guarded("bound ranging") { allot_guard_analyze_bound(P, k, &v1, &var1, &v2, &var2) }
        let active = Sensitivity.Range(
            lower: Self.finite(v1), upper: Self.finite(v2),
            limitingAtLower: limit(var1, m), limitingAtUpper: limit(var2, m))
        switch status {
        case GLP_NL: return .init(lowerBound: active, upperBound: inactiveUpper)
        case GLP_NU: return .init(lowerBound: inactiveLower, upperBound: active)
        default: return .init(lowerBound: active, upperBound: active)
        }
    }

    private func limit(_ k: Int32, _ m: Int) -> Sensitivity.Limit? {
        let k = Int(k)
        if k <= 0 { return nil }
        return k <= m ? .constraint(.init(k - 1)) : .variable(.init(k - m - 1))
    }

    /// GLPK reports unlimited range ends as +-DBL_MAX.
    static func finite(_ value: Double) -> Double? {
        abs(value) >= Double.greatestFiniteMagnitude * 0.5 ? nil : value
    }
}
