import Testing

@testable import LinearSolver

/// Small programs whose optimum, duals, reduced costs and ranges are worked out by hand.
@Suite struct HandSolvedTests {
    /// maximize 3x + 2y  s.t.  x + y <= 4,  x + 3y <= 9,  0 <= x <= 3,  y >= 0.
    /// Optimum x = 3 (at its upper bound), y = 1, objective 11. Row 1 binds with dual 2
    /// (one more unit buys one more y, worth 2); row 2 is slack (6 < 9). The reduced cost of x
    /// is 3 - 2 = 1.
    static func product() -> (LinearProgram, LinearProgram.VariableID, LinearProgram.VariableID,
                              LinearProgram.ConstraintID, LinearProgram.ConstraintID) {
        var lp = LinearProgram(name: "product", sense: .maximize)
        let x = lp.addVariable(name: "x", lowerBound: 0, upperBound: 3, objective: 3)
        let y = lp.addVariable(name: "y", lowerBound: 0, objective: 2)
        let capacity = lp.addConstraint(name: "capacity", terms: [(x, 1), (y, 1)], upperBound: 4)
        let labour = lp.addConstraint(name: "labour", terms: [(x, 1), (y, 3)], upperBound: 9)
        return (lp, x, y, capacity, labour)
    }

    @Test func optimumDualsAndReducedCosts() throws {
        let (lp, x, y, capacity, labour) = Self.product()
        let solution = try Solver(lp).solve()
        #expect(solution.status == .optimal)
        #expect(isClose(solution.objective, 11))
        #expect(isClose(try solution.value(of: x), 3))
        #expect(isClose(try solution.value(of: y), 1))
        #expect(isClose(try solution.activity(of: labour), 6))
        #expect(isClose(try solution.dual(of: capacity), 2))
        #expect(isClose(try solution.dual(of: labour), 0))
        #expect(isClose(try solution.reducedCost(of: x), 1))
        #expect(isClose(try solution.reducedCost(of: y), 0))
        #expect(try solution.basisStatus(of: x) == .atUpperBound)
        #expect(try solution.basisStatus(of: y) == .basic)
        #expect(try solution.basisStatus(of: capacity) == .atUpperBound)
        #expect(try solution.basisStatus(of: labour) == .basic)
    }

    @Test func primalAndDualSimplexAgree() throws {
        let (lp, _, _, _, _) = Self.product()
        for method in [SolveOptions.Method.primal, .dual, .automatic] {
            let solution = try Solver(lp).solve(SolveOptions(method: method))
            #expect(isClose(solution.objective, 11), "method \(method)")
        }
    }

    @Test func objectiveRanges() throws {
        let (lp, x, y, _, _) = Self.product()
        let solver = try Solver(lp)
        try solver.solve()
        let ranges = try solver.sensitivity()
        // x is non-basic at its upper bound with reduced cost 1: its coefficient may fall to 2.
        let xRange = ranges.objectiveCoefficients[x.index]
        #expect(isClose(xRange.lower, 2))
        #expect(xRange.upper == nil)
        #expect(xRange.limitingAtLower == .variable(x))
        // y is basic: below 0 it would leave (the capacity slack enters); above 3 it would pay
        // to trade x for y.
        let yRange = ranges.objectiveCoefficients[y.index]
        #expect(isClose(yRange.lower, 0))
        #expect(isClose(yRange.upper, 3))
    }

    @Test func boundRanges() throws {
        let (lp, x, y, capacity, labour) = Self.product()
        let solver = try Solver(lp)
        try solver.solve()
        let ranges = try solver.sensitivity()
        // Capacity: y = rhs - 3 must stay >= 0 (rhs >= 3) and labour 3 + 3(rhs - 3) <= 9 (rhs <= 5).
        let capacityRange = try #require(ranges.constraintBounds[capacity.index].upperBound)
        #expect(isClose(capacityRange.lower, 3))
        #expect(isClose(capacityRange.upper, 5))
        #expect(capacityRange.limitingAtLower == .variable(y))
        #expect(capacityRange.limitingAtUpper == .constraint(labour))
        #expect(ranges.constraintBounds[capacity.index].lowerBound == nil)
        // x's upper bound u: y = 4 - u >= 0 (u <= 4) and u + 3(4 - u) <= 9 (u >= 1.5).
        let xUpper = try #require(ranges.variableBounds[x.index].upperBound)
        #expect(isClose(xUpper.lower, 1.5))
        #expect(isClose(xUpper.upper, 4))
        // Labour is slack at 6: its upper bound may fall to 6 with nothing changing.
        let labourRange = try #require(ranges.constraintBounds[labour.index].upperBound)
        #expect(isClose(labourRange.lower, 6))
        #expect(labourRange.upper == nil)
    }

    /// maximize x + y  s.t.  x <= 1, y <= 1, x + y <= 2: three rows meet at (1, 1), a degenerate
    /// vertex whose duals are not unique. Any dual the solver gives must still be dual feasible and
    /// price the optimum exactly (strong duality).
    @Test func degenerateVertex() throws {
        var lp = LinearProgram(sense: .maximize)
        let x = lp.addVariable(name: "x", objective: 1)
        let y = lp.addVariable(name: "y", objective: 1)
        let rows = [
            lp.addConstraint(name: "a", terms: [(x, 1)], upperBound: 1),
            lp.addConstraint(name: "b", terms: [(y, 1)], upperBound: 1),
            lp.addConstraint(name: "c", terms: [(x, 1), (y, 1)], upperBound: 2),
        ]
        let solution = try Solver(lp).solve()
        #expect(solution.status == .optimal)
        #expect(isClose(solution.objective, 2))
        let duals = try rows.map { try solution.dual(of: $0) }
        #expect(duals.allSatisfy { $0 >= -1e-12 })
        #expect(isClose(duals[0] + duals[2], 1))  // column x is priced out
        #expect(isClose(duals[1] + duals[2], 1))  // column y is priced out
        #expect(isClose(duals[0] * 1 + duals[1] * 1 + duals[2] * 2, 2))  // strong duality
    }

    @Test func infeasibleProgram() throws {
        var lp = LinearProgram()
        let x = lp.addVariable(name: "x", upperBound: 1)
        let y = lp.addVariable(name: "y", upperBound: 1)
        let row = lp.addConstraint(name: "demand", terms: [(x, 1), (y, 1)], lowerBound: 5)
        let solution = try Solver(lp).solve()
        #expect(solution.status == .infeasible)
        #expect(solution.objective == nil)
        #expect(solution.values == nil)
        #expect(throws: SolverError.self) { try solution.dual(of: row) }
        #expect(throws: SolverError.self) { try solution.value(of: x) }
    }

    @Test func unboundedProgram() throws {
        var lp = LinearProgram(sense: .maximize)
        let x = lp.addVariable(name: "x", objective: 1)
        let y = lp.addVariable(name: "y")
        lp.addConstraint(terms: [(x, 1), (y, -1)], upperBound: 1)
        for method in [SolveOptions.Method.primal, .dual] {
            let solution = try Solver(lp).solve(SolveOptions(method: method))
            #expect(solution.status == .unbounded, "method \(method)")
            #expect(solution.objective == nil)
        }
    }

    /// maximize 5x + 4y  s.t.  6x + 4y <= 24,  x + 2y <= 6,  x, y >= 0 integer.
    /// The relaxation peaks at (3, 1.5) = 21; the integer optimum is (4, 0) = 20.
    @Test func integerProgram() throws {
        var lp = LinearProgram(sense: .maximize)
        let x = lp.addVariable(name: "x", kind: .integer, objective: 5)
        let y = lp.addVariable(name: "y", kind: .integer, objective: 4)
        let row = lp.addConstraint(terms: [(x, 6), (y, 4)], upperBound: 24)
        lp.addConstraint(terms: [(x, 1), (y, 2)], upperBound: 6)
        let solver = try Solver(lp)
        let solution = try solver.solve()
        #expect(solution.status == .optimal)
        #expect(solution.isInteger)
        #expect(isClose(solution.objective, 20))
        #expect(isClose(try solution.value(of: x), 4))
        #expect(isClose(try solution.value(of: y), 0))
        #expect(solution.relativeGap == 0)
        // Duals of an integer program do not exist: refused, not made up.
        let error = #expect(throws: SolverError.self) { try solution.dual(of: row) }
        #expect(error?.kind == .unavailable)
        #expect(throws: SolverError.self) { try solver.sensitivity() }
        // The relaxation does have duals.
        let relaxed = try Solver(lp).solve(SolveOptions(relaxIntegrality: true))
        #expect(isClose(relaxed.objective, 21))
        #expect(try relaxed.dual(of: row) > 0)
    }

    @Test func binaryVariables() throws {
        // A knapsack: values 10, 13, 7; weights 4, 6, 3; capacity 9: best is items 2 and 3 (20).
        var lp = LinearProgram(sense: .maximize)
        let items = [(10.0, 4.0), (13, 6), (7, 3)].map { lp.addVariable(kind: .binary, objective: $0.0) }
        lp.addConstraint(terms: zip(items, [4.0, 6, 3]).map { ($0, $1) }, upperBound: 9)
        let solution = try Solver(lp).solve()
        #expect(isClose(solution.objective, 20))
        #expect(try items.map { try solution.value(of: $0).rounded() } == [0, 1, 1])
    }

    @Test func programWithoutRows() throws {
        var lp = LinearProgram(sense: .maximize, objectiveConstant: 5)
        lp.addVariable(name: "x", upperBound: 2, objective: 3)
        lp.addVariable(name: "y", lowerBound: -1, upperBound: 4, objective: -1)
        let solution = try Solver(lp).solve()
        #expect(solution.status == .optimal)
        #expect(isClose(solution.objective, 5 + 6 + 1))
        var open = LinearProgram(sense: .maximize)
        open.addVariable(name: "x", objective: 1)
        #expect(try Solver(open).solve().status == .unbounded)
    }

    @Test func objectiveConstantCounts() throws {
        var lp = LinearProgram(sense: .minimize, objectiveConstant: -7.5)
        let x = lp.addVariable(name: "x", lowerBound: 1, objective: 2)
        lp.addConstraint(terms: [(x, 1)], lowerBound: 3)
        #expect(isClose(try Solver(lp).solve().objective, -1.5))
    }

    @Test func repeatedTermsAreSummed() throws {
        var lp = LinearProgram(sense: .maximize)
        let x = lp.addVariable(name: "x", objective: 1)
        let row = lp.addConstraint(terms: [(x, 1), (x, 1), (x, 0)], upperBound: 4)
        #expect(lp.constraints[row.index].terms == [LinearProgram.Term(x, 2)])
        #expect(isClose(try Solver(lp).solve().objective, 2))
    }
}

@Suite struct TargetedRangingTests {
    @Test func singleRangesMatchTheFullReport() throws {
        let (lp, x, y, capacity, labour) = HandSolvedTests.product()
        let solver = try Solver(lp)
        try solver.solve()
        let all = try solver.sensitivity()
        #expect(try solver.objectiveRange(of: x) == all.objectiveCoefficients[x.index])
        #expect(try solver.objectiveRange(of: y) == all.objectiveCoefficients[y.index])
        #expect(try solver.boundRanges(of: x) == all.variableBounds[x.index])
        #expect(try solver.boundRanges(of: capacity) == all.constraintBounds[capacity.index])
        #expect(try solver.boundRanges(of: labour) == all.constraintBounds[labour.index])
        #expect(throws: SolverError.self) { try solver.boundRanges(of: LinearProgram.ConstraintID(7)) }
        try solver.setBounds(of: capacity, lower: nil, upper: 5)
        // A changed program has no basis to range until it is solved again.
        #expect(throws: SolverError.self) { try solver.boundRanges(of: capacity) }
    }
}
