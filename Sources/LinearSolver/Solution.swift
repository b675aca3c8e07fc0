/// What a solve found: a status, and the values, activities and (for linear programs) the duals
/// that go with it.
///
/// A solution never carries a number that does not exist: the duals of an integer program, or the
/// values of an infeasible one, are refused with an error rather than returned.
public struct Solution: Sendable {
    /// How the solve ended.
    public enum Status: Sendable, Equatable, CustomStringConvertible {
        /// Proven optimal.
        case optimal
        /// An integer program stopped once its best solution came within the requested relative
        /// gap of the best bound; `gap` is the gap reached.
        case withinGap(gap: Double)
        /// No point satisfies every row and bound.
        case infeasible
        /// The objective can improve without limit.
        case unbounded
        /// The time limit was reached with a feasible solution; `gap` is the relative distance to
        /// the best bound when known.
        case timeLimitWithSolution(gap: Double?)
        /// The time limit was reached before any feasible solution was found.
        case timeLimitWithoutSolution
        /// The iteration limit was reached; `feasible` tells whether the last point is feasible.
        case iterationLimit(feasible: Bool)

        /// Whether the solution's values satisfy every row and bound.
        public var hasFeasibleSolution: Bool {
            switch self {
            case .optimal, .withinGap, .timeLimitWithSolution: true
            case .iterationLimit(let feasible): feasible
            case .infeasible, .unbounded, .timeLimitWithoutSolution: false
            }
        }

        public var description: String {
            switch self {
            case .optimal: "optimal"
            case .withinGap(let gap): "within the requested gap: the best solution found is within \(Self.percent(gap)) of the best bound"
            case .infeasible: "infeasible"
            case .unbounded: "unbounded"
            case .timeLimitWithSolution(let gap):
                gap.map { "time limit reached; the best solution found is within \(Self.percent($0)) of the best bound" }
                    ?? "time limit reached with a feasible solution"
            case .timeLimitWithoutSolution: "time limit reached without a feasible solution"
            case .iterationLimit(let feasible):
                feasible ? "iteration limit reached with a feasible solution" : "iteration limit reached without a feasible solution"
            }
        }

        /// A short, stable identifier for machine-readable output.
        public var code: String {
            switch self {
            case .optimal: "optimal"
            case .withinGap: "within-gap"
            case .infeasible: "infeasible"
            case .unbounded: "unbounded"
            case .timeLimitWithSolution: "time-limit-feasible"
            case .timeLimitWithoutSolution: "time-limit-no-solution"
            case .iterationLimit(let feasible): feasible ? "iteration-limit-feasible" : "iteration-limit-no-solution"
            }
        }

        private static func percent(_ gap: Double) -> String {
            let value = (gap * 1000).rounded() / 10
            return "\(value)%"
        }
    }

    /// The basis status of a variable or row in an optimal basic solution.
    public enum BasisStatus: String, Sendable, Equatable {
        case basic
        case atLowerBound
        case atUpperBound
        /// A free non-basic variable (value 0).
        case free
        /// A non-basic variable or row whose bounds are equal.
        case fixed
    }

    public let status: Status
    /// Whether the program had integer variables (and was solved as such).
    public let isInteger: Bool
    /// The objective value, constant included, when a feasible solution exists.
    public let objective: Double?
    /// For an integer program, the relative gap to the best bound (0 when proven optimal).
    public let relativeGap: Double?
    /// Variable values, by variable index, when a feasible solution exists.
    public let values: [Double]?
    /// Row activities (sum of coefficient x value), by constraint index, when a feasible solution
    /// exists.
    public let activities: [Double]?
    /// Simplex iterations (for an integer program: of the root relaxation).
    public let iterations: Int

    let rowDuals: [Double]?
    let reducedCosts: [Double]?
    let rowBasis: [BasisStatus]?
    let columnBasis: [BasisStatus]?

    /// A digest of the basis, every row's and column's status (nil without a basis): solutions
    /// with the same basis have the same digest. Two walks of one program, each on its own thread
    /// and solver, compare digests to tell where they reach the same basis, from which they go on
    /// alike. Seeded per process: compare digests within one run only.
    package var basisDigest: Int? {
        guard let rowBasis, let columnBasis else { return nil }
        // A byte a status, hashed at once: hashed one by one, each status would hash the text of
        // its raw value.
        func code(_ status: BasisStatus) -> UInt8 {
            switch status {
            case .basic: 0
            case .atLowerBound: 1
            case .atUpperBound: 2
            case .free: 3
            case .fixed: 4
            }
        }
        var bytes = [UInt8]()
        bytes.reserveCapacity(rowBasis.count + columnBasis.count + 1)
        for status in rowBasis { bytes.append(code(status)) }
        bytes.append(0xFF)
        for status in columnBasis { bytes.append(code(status)) }
        var hasher = Hasher()
        bytes.withUnsafeBytes { hasher.combine(bytes: $0) }
        return hasher.finalize()
    }

    init(
        status: Status, isInteger: Bool, objective: Double?, relativeGap: Double?,
        values: [Double]?, activities: [Double]?, iterations: Int,
        rowDuals: [Double]?, reducedCosts: [Double]?,
        rowBasis: [BasisStatus]?, columnBasis: [BasisStatus]?
    ) {
        self.status = status
        self.isInteger = isInteger
        self.objective = objective
        self.relativeGap = relativeGap
        self.values = values
        self.activities = activities
        self.iterations = iterations
        self.rowDuals = rowDuals
        self.reducedCosts = reducedCosts
        self.rowBasis = rowBasis
        self.columnBasis = columnBasis
    }

    /// The value of a variable.
    ///
    /// - Throws: `unavailable` when the solve found no feasible solution.
    public func value(of variable: LinearProgram.VariableID) throws -> Double {
        guard let values else { throw unavailable("values") }
        return values[try checked(variable.index, values.count, "variable")]
    }

    /// The activity of a row.
    public func activity(of constraint: LinearProgram.ConstraintID) throws -> Double {
        guard let activities else { throw unavailable("row activities") }
        return activities[try checked(constraint.index, activities.count, "constraint")]
    }

    /// The dual value (shadow price) of a row: the change in the objective per unit increase of
    /// the row's active bound, for minimization and maximization alike.
    ///
    /// - Throws: `unavailable` for an integer program (its duals do not exist) or a linear program
    ///   that is not optimal.
    public func dual(of constraint: LinearProgram.ConstraintID) throws -> Double {
        guard let rowDuals else { throw unavailable("duals") }
        return rowDuals[try checked(constraint.index, rowDuals.count, "constraint")]
    }

    /// The reduced cost of a variable: the change in the objective per unit increase of the
    /// variable's active bound.
    public func reducedCost(of variable: LinearProgram.VariableID) throws -> Double {
        guard let reducedCosts else { throw unavailable("reduced costs") }
        return reducedCosts[try checked(variable.index, reducedCosts.count, "variable")]
    }

    /// All row duals, by constraint index.
    public func duals() throws -> [Double] {
        guard let rowDuals else { throw unavailable("duals") }
        return rowDuals
    }

    /// All reduced costs, by variable index.
    public func allReducedCosts() throws -> [Double] {
        guard let reducedCosts else { throw unavailable("reduced costs") }
        return reducedCosts
    }

    /// The basis status of a variable in an optimal linear solution.
    public func basisStatus(of variable: LinearProgram.VariableID) throws -> BasisStatus {
        guard let columnBasis else { throw unavailable("basis statuses") }
        return columnBasis[try checked(variable.index, columnBasis.count, "variable")]
    }

    /// The basis status of a row in an optimal linear solution.
    public func basisStatus(of constraint: LinearProgram.ConstraintID) throws -> BasisStatus {
        guard let rowBasis else { throw unavailable("basis statuses") }
        return rowBasis[try checked(constraint.index, rowBasis.count, "constraint")]
    }

    private func unavailable(_ what: String) -> SolverError {
        if isInteger, what != "values", what != "row activities", status.hasFeasibleSolution {
            return SolverError(
                .unavailable,
                "\(what) do not exist for an integer program; fix the integer variables and solve the linear program, or re-solve with changed data")
        }
        return SolverError(.unavailable, "no \(what): the solve ended \(status)")
    }

    private func checked(_ index: Int, _ count: Int, _ noun: String) throws -> Int {
        guard index >= 0, index < count else {
            throw SolverError.invalid("\(noun) \(index) is out of range: the program has \(count)")
        }
        return index
    }
}
