import Testing

@testable import LinearSolver

/// Among a program's optimal points, the one closest to given values: on the optimal face of a
/// linear program, and with the value held for an integer one.
@Suite struct ClosestOptimumTests {
    /// max x + y + 2z with x + y + z <= 2 and each of x, y, z in [0, 1]: z = 1 and any x + y = 1.
    static func ties(integer: Bool = false) -> (LinearProgram, [LinearProgram.VariableID], LinearProgram.ConstraintID) {
        var lp = LinearProgram(sense: .maximize)
        let kind: LinearProgram.VariableKind = integer ? .integer : .continuous
        let x = lp.addVariable(name: "x", lowerBound: 0, upperBound: 1, kind: kind, objective: 1)
        let y = lp.addVariable(name: "y", lowerBound: 0, upperBound: 1, kind: kind, objective: 1)
        let z = lp.addVariable(name: "z", lowerBound: 0, upperBound: 1, kind: kind, objective: 2)
        let row = lp.addConstraint(name: "budget", terms: [(x, 1), (y, 1), (z, 1)], upperBound: 2)
        return (lp, [x, y, z], row)
    }

    @Test func linearOptimumClosestToTargetsKeepsValueAndDuals() throws {
        let (lp, v, row) = Self.ties()
        let solver = try Solver(lp)
        let solution = try solver.solve()
        let targets = [LinearTarget(terms: [.init(v[0], 1)], value: 0.2), LinearTarget(terms: [.init(v[1], 1)], value: 0.8)]
        let closest = try #require(try solver.closestOptimum(of: solution, to: targets))
        let values = try #require(closest.values)
        #expect(abs(values[0] - 0.2) < 1e-9 && abs(values[1] - 0.8) < 1e-9 && abs(values[2] - 1) < 1e-9)
        #expect(abs((closest.objective ?? 0) - 3) < 1e-9)
        #expect(try closest.dual(of: row) == solution.dual(of: row))
        #expect(closest.activities?.count == lp.constraints.count)
        #expect(solver.solves == 2, "the closest optimum counts as one of the solver's solves")
        // The solver's own program is untouched: a re-solve gives its own point again.
        #expect(try solver.solve().values == solution.values)
    }

    /// A target outside the optimal face is not reached: the value is never given up.
    @Test func neverLeavesTheOptimalFace() throws {
        let (lp, v, _) = Self.ties()
        let solver = try Solver(lp)
        let solution = try solver.solve()
        let closest = try #require(try solver.closestOptimum(of: solution, to: [LinearTarget(terms: [.init(v[2], 1)], value: 0)]))
        #expect(abs((closest.values?[2] ?? 0) - 1) < 1e-9, "z keeps its optimal 1")
        #expect(abs((closest.objective ?? 0) - 3) < 1e-9)
    }

    @Test func integerOptimumClosestToTargets() throws {
        let (lp, v, _) = Self.ties(integer: true)
        let solver = try Solver(lp)
        let solution = try solver.solve()
        let own = try #require(solution.values)
        // Aim at the other of the two integer optima.
        let other = own[0] > 0.5 ? (0.0, 1.0) : (1.0, 0.0)
        let targets = [LinearTarget(terms: [.init(v[0], 1)], value: other.0), LinearTarget(terms: [.init(v[1], 1)], value: other.1)]
        let closest = try #require(try solver.closestOptimum(of: solution, to: targets))
        #expect(closest.values?[0] == other.0 && closest.values?[1] == other.1)
        #expect(abs((closest.objective ?? 0) - 3) < 1e-9)
    }

    @Test func refusesTargetsItCannotUse() throws {
        let (lp, v, _) = Self.ties()
        let solver = try Solver(lp)
        let solution = try solver.solve()
        #expect(throws: SolverError.self) {
            try solver.closestOptimum(of: solution, to: [LinearTarget(terms: [.init(v[0], 1)], value: .nan)])
        }
        #expect(throws: SolverError.self) {
            try solver.closestOptimum(of: solution, to: [LinearTarget(terms: [.init(.init(7), 1)], value: 1)])
        }
        #expect(throws: SolverError.self) {
            try solver.closestOptimum(of: solution, to: [LinearTarget(terms: [.init(v[0], 1)], value: 1, weight: 0)])
        }
    }

    /// The least and the most of an expression over the optimal points: x runs from 0 to 1 on
    /// the face, z stays at 1.
    @Test func rangeOverTheOptimalFace() throws {
        let (lp, v, _) = Self.ties()
        let solver = try Solver(lp)
        let solution = try solver.solve()
        let x = try #require(try solver.range(of: [.init(v[0], 1)], over: solution))
        #expect(abs(x.least) < 1e-9 && abs(x.most - 1) < 1e-9)
        let z = try #require(try solver.range(of: [.init(v[2], 1)], over: solution))
        #expect(abs(z.least - 1) < 1e-9 && abs(z.most - 1) < 1e-9)
        #expect(throws: SolverError.self) { try solver.range(of: [.init(.init(9), 1)], over: solution) }
    }
}
