/// A linear expression over a program's variables and the value it should keep: one term of the
/// distance ``Solver/closestOptimum(of:to:tolerance:valueSlack:options:)`` minimises.
public struct LinearTarget: Sendable {
    public var terms: [LinearProgram.Term]
    /// The value the expression had, or should have.
    public var value: Double
    /// What one unit of distance from `value` costs (positive).
    public var weight: Double

    public init(terms: [LinearProgram.Term], value: Double, weight: Double = 1) {
        self.terms = terms
        self.value = value
        self.weight = weight
    }
}

/// When a reduced cost or a row's dual counts as zero, so that moving its column or row away
/// from its bound costs nothing: `|d| <= relative * |objective coefficient| + absolute` for a
/// column, `|y| <= absolute + relative * (largest |objective coefficient|)` for a row.
public struct OptimalFaceTolerance: Sendable {
    public var relative: Double
    public var absolute: Double

    public init(relative: Double = 0, absolute: Double = 1e-9) {
        self.relative = relative
        self.absolute = absolute
    }
}

extension Solver {
    /// Among the optimal points of a solution of this solver's program as it stands (the last
    /// solve's, or one from before scoped changes that have since been undone), one whose
    /// targets move the least: the weighted sum of `|expression − value|` over `targets` is
    /// minimised. It counts as one of this solver's solves.
    ///
    /// For a linear program this stays on the optimal face of the solution's dual: every
    /// non-basic column and row whose reduced cost (or dual) is not zero within `tolerance` is
    /// held at its bound, and the distance is minimised over what is left, in a program of its
    /// own (this solver's program, basis and solution are left as they were). For an integer
    /// program, which has no duals, the objective is held at the solution's value (less
    /// `valueSlack`, in objective units) by a row, and the second program is itself an integer
    /// program, limited by `options`.
    ///
    /// - Returns: the solution with its point replaced by the closest one (its duals, basis
    ///   and status are the solution's own, and its objective is the program's objective at the new
    ///   point), or nil when the solution has no optimal point or the second program found none
    ///   in time (keep the solution then).
    public func closestOptimum(
        of solution: Solution, to targets: [LinearTarget], tolerance: OptimalFaceTolerance = OptimalFaceTolerance(), valueSlack: Double = 0,
        options: SolveOptions = SolveOptions()
    ) throws -> Solution? {
        let n = program.variables.count, m = program.constraints.count
        guard var face = try optimalFace(of: solution, tolerance: tolerance, valueSlack: valueSlack) else { return nil }
        for j in 0..<n { face.variables[j].objective = 0 }
        face.sense = .minimize
        face.objectiveConstant = 0
        for (t, target) in targets.enumerated() {
            guard target.value.isFinite, target.weight.isFinite, target.weight > 0 else {
                throw SolverError(.invalidUse, "target \(t) of a closest optimum needs a finite value and a positive finite weight")
            }
            for term in target.terms where term.variable.index < 0 || term.variable.index >= n {
                throw SolverError(.invalidUse, "target \(t) names \(term.variable), which the program does not have")
            }
            let above = face.addVariable(name: "above_\(t)", lowerBound: 0, upperBound: nil, objective: target.weight)
            let below = face.addVariable(name: "below_\(t)", lowerBound: 0, upperBound: nil, objective: target.weight)
            face.addConstraint(
                name: "target_\(t)", terms: target.terms.map { ($0.variable, $0.coefficient) } + [(above, -1), (below, 1)], lowerBound: target.value,
                upperBound: target.value)
        }
        solves += 1
        let closest = try Solver(face).solve(options)
        guard closest.status == .optimal || (solution.isInteger && closest.status.hasFeasibleSolution),
              let point = closest.values
        else { return nil }
        let kept = Array(point[0..<n])
        let rows = closest.activities.map { Array($0[0..<m]) }
        let value = program.objectiveConstant + program.variables.indices.reduce(0) { $0 + program.variables[$1].objective * kept[$1] }
        return Solution(
            status: solution.status, isInteger: solution.isInteger, objective: value, relativeGap: solution.relativeGap,
            values: kept, activities: rows ?? solution.activities, iterations: solution.iterations + closest.iterations,
            rowDuals: solution.rowDuals, reducedCosts: solution.reducedCosts, rowBasis: solution.rowBasis,
            columnBasis: solution.columnBasis)
    }

    /// This solver's program as it stands, restricted to the optimal points of `solution`: for a
    /// linear program, every non-basic column and row whose reduced cost (or dual) is not zero
    /// within `tolerance` held at its bound; for an integer program, the objective held at the
    /// solution's value (less `valueSlack`) by a row. Nil without an optimal point.
    func optimalFace(of solution: Solution, tolerance: OptimalFaceTolerance, valueSlack: Double) throws -> LinearProgram? {
        guard solution.status == .optimal || (solution.isInteger && solution.status.hasFeasibleSolution),
              let values = solution.values, let objective = solution.objective
        else { return nil }
        let n = program.variables.count, m = program.constraints.count
        var face = program
        face.name = program.name.isEmpty ? "closest" : program.name + "_closest"
        if solution.isInteger {
            let terms = program.variables.indices.compactMap { j -> (LinearProgram.VariableID, Double)? in
                let c = program.variables[j].objective
                return c == 0 ? nil : (LinearProgram.VariableID(j), c)
            }
            let held = objective - program.objectiveConstant
            if program.sense == .maximize {
                face.addConstraint(name: "held_value", terms: terms, lowerBound: held - valueSlack, upperBound: nil)
            } else {
                face.addConstraint(name: "held_value", terms: terms, lowerBound: nil, upperBound: held + valueSlack)
            }
        } else {
            guard let reduced = solution.reducedCosts, let duals = solution.rowDuals,
                  let columnBasis = solution.columnBasis, let rowBasis = solution.rowBasis, let activities = solution.activities
            else { return nil }
            let largest = program.variables.reduce(0) { max($0, abs($1.objective)) }
            for j in 0..<n where columnBasis[j] != .basic {
                let variable = program.variables[j]
                guard abs(reduced[j]) > tolerance.relative * abs(variable.objective) + tolerance.absolute else { continue }
                let at = columnBasis[j] == .atUpperBound ? variable.upperBound ?? values[j] : variable.lowerBound ?? values[j]
                face.setBounds(of: LinearProgram.VariableID(j), lower: at, upper: at)
            }
            for i in 0..<m where rowBasis[i] != .basic {
                guard abs(duals[i]) > tolerance.absolute + tolerance.relative * largest else { continue }
                let row = program.constraints[i]
                let at = rowBasis[i] == .atUpperBound ? row.upperBound ?? activities[i] : row.lowerBound ?? activities[i]
                face.setBounds(of: LinearProgram.ConstraintID(i), lower: at, upper: at)
            }
        }
        return face
    }

    /// The least and the most a linear expression takes over the optimal points of `solution` (a
    /// solution of this solver's program as it stands): two solves of a program of their own.
    /// Nil when the solution has no optimal point or either solve finds none.
    public func range(
        of terms: [LinearProgram.Term], over solution: Solution, tolerance: OptimalFaceTolerance = OptimalFaceTolerance(),
        valueSlack: Double = 0, options: SolveOptions = SolveOptions()
    ) throws -> (least: Double, most: Double)? {
        for term in terms where term.variable.index < 0 || term.variable.index >= program.variables.count {
            throw SolverError(.invalidUse, "a range names \(term.variable), which the program does not have")
        }
        guard var face = try optimalFace(of: solution, tolerance: tolerance, valueSlack: valueSlack) else { return nil }
        for j in face.variables.indices { face.variables[j].objective = 0 }
        for term in terms { face.variables[term.variable.index].objective += term.coefficient }
        face.objectiveConstant = 0
        let ends = try [LinearProgram.Sense.minimize, .maximize].map { sense -> Double? in
            face.sense = sense
            solves += 1
            let found = try Solver(face).solve(options)
            return found.status == .optimal || (solution.isInteger && found.status.hasFeasibleSolution) ? found.objective : nil
        }
        guard let least = ends[0], let most = ends[1] else { return nil }
        return (least, most)
    }
}
