import Testing

@testable import LinearSolver

/// A solve stopped by its time or iteration limit reports that limit: never a fractional point
/// passed off as whole, never an error that calls GLPK's answer untrustworthy.
@Suite struct LimitTests {
    /// x in [0, 1], y in [0, 1]: a point with x = 1.5 breaks x's bound.
    static func square() -> LinearProgram {
        var lp = LinearProgram(sense: .maximize)
        let x = lp.addVariable(name: "x", upperBound: 1, objective: 1)
        let y = lp.addVariable(name: "y", upperBound: 1, kind: .integer, objective: 1)
        lp.addConstraint(name: "sum", terms: [(x, 1), (y, 1)], upperBound: 2)
        return lp
    }

    static func solution(_ status: Solution.Status, integer: Bool, values: [Double]) -> Solution {
        Solution(
            status: status, isInteger: integer, objective: values.reduce(0, +), relativeGap: nil, values: values,
            activities: [values.reduce(0, +)], iterations: 0, rowDuals: nil, reducedCosts: nil, rowBasis: nil, columnBasis: nil)
    }

    /// GLPK's primal simplex stopped by its time limit in its second phase calls its point
    /// feasible without checking it again (spxprim.c), though taking off the perturbation it
    /// uses against stalling may have moved it off a bound: such a point is the limit, with no
    /// solution, not an untrustworthy answer.
    @Test func aPointGivenAtALimitThatBreaksABoundIsTheLimitWithoutASolution() throws {
        let solver = try Solver(Self.square())
        let stopped = try solver.checked(Self.solution(.timeLimitWithSolution(gap: nil), integer: false, values: [1.5, 0]), integer: false)
        #expect(stopped.status == .timeLimitWithoutSolution)
        #expect(stopped.values == nil)
        let iterations = try solver.checked(Self.solution(.iterationLimit(feasible: true), integer: false, values: [1.5, 0]), integer: false)
        #expect(iterations.status == .iterationLimit(feasible: false))
        // A point that holds is kept.
        let kept = try solver.checked(Self.solution(.timeLimitWithSolution(gap: nil), integer: false, values: [0.5, 1]), integer: false)
        #expect(kept.status == .timeLimitWithSolution(gap: nil))
        #expect(kept.values == [0.5, 1])
    }

    @Test func anOptimumOrAnIntegerSolutionThatBreaksABoundIsRefused() throws {
        let solver = try Solver(Self.square())
        #expect(throws: SolverError.self) {
            try solver.checked(Self.solution(.optimal, integer: false, values: [1.5, 0]), integer: false)
        }
        #expect(throws: SolverError.self) {
            try solver.checked(Self.solution(.timeLimitWithSolution(gap: 0.1), integer: true, values: [1, 0.5]), integer: true)
        }
    }

    /// A random sparse program the simplex needs well over the shortest time a solve is given.
    static func large(seed: UInt64) -> LinearProgram {
        var state = seed
        func next() -> Double {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Double(state >> 11) / Double(1 << 53)
        }
        var lp = LinearProgram(sense: .maximize)
        let rows = 1500, columns = 6000
        var terms = [[(LinearProgram.VariableID, Double)]](repeating: [], count: rows)
        for j in 0..<columns {
            let column = lp.addVariable(upperBound: 1, kind: j % 3 == 0 ? .integer : .continuous, objective: 1 + next())
            var used = Set<Int>()
            for _ in 0..<6 {
                let row = Int(next() * Double(rows)) % rows
                guard used.insert(row).inserted else { continue }
                terms[row].append((column, 1 + 9 * next()))
            }
        }
        for row in terms.indices { lp.addConstraint(terms: terms[row], upperBound: 5 + 10 * next()) }
        return lp
    }

    @Test func anIntegerProgramWhoseRelaxationIsStoppedHasNoSolution() throws {
        let program = Self.large(seed: 7)
        for method in [SolveOptions.Method.dual, .primal] {
            var options = SolveOptions(method: method)
            options.deadline = Deadline(seconds: 0)  // each GLPK call gets the shortest time
            let solution = try Solver(program).solve(options)
            #expect(solution.status == .timeLimitWithoutSolution, "\(method): \(solution.status)")
            #expect(solution.values == nil)
            // The relaxation alone: the limit, with or without a point that holds.
            var relaxed = options
            relaxed.relaxIntegrality = true
            let relaxation = try Solver(program).solve(relaxed)
            switch relaxation.status {
            case .timeLimitWithoutSolution: #expect(relaxation.values == nil)
            case .timeLimitWithSolution: #expect(relaxation.values != nil)
            default: Issue.record("\(method): the relaxation ended \(relaxation.status), not at its time limit")
            }
        }
    }
}
