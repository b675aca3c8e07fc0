import Testing

@testable import LinearSolver

/// Steps along a right-hand side taken without the simplex method: solutions read off a basis,
/// moved along it, and one dual pivot past the end of its range, each checked against a cold solve.
@Suite struct BasisStepTests {
    /// The knapsack of ``WarmStartTests``: the budget buys items in order of value (9, 7, 5, 4,
    /// 3, 2.5, 2, 1, one unit each), so its price is the value of the item bought in part.
    static func knapsack(budget: Double) -> (LinearProgram, LinearProgram.ConstraintID) {
        WarmStartTests.knapsack(budget: budget)
    }

    static func cold(_ budget: Double) throws -> Solution {
        try Solver(knapsack(budget: budget).0).solve()
    }

    @Test func aSolutionReadOffTheBasisIsTheSolve() throws {
        let (lp, _) = Self.knapsack(budget: 5.5)
        let solver = try Solver(lp)
        let solved = try solver.solve()
        let read = try #require(try solver.solutionOfBasis(refactorize: true))
        #expect(read.status == .optimal)
        #expect(isClose(read.objective, 28 + 2.5 * 0.5))
        for (a, b) in zip(read.values!, solved.values!) { #expect(isClose(a, b)) }
        #expect(try read.duals() == solved.duals())
        #expect(read.basisDigest == solved.basisDigest)
        // The solver holds it as its last solution: ranging works from it.
        #expect(solver.solution != nil)
    }

    @Test func aBasisPastTheEndOfItsRangeIsNotReadAsOptimal() throws {
        let (lp, budget) = Self.knapsack(budget: 5.5)
        let solver = try Solver(lp)
        try solver.solve()
        // Item 6 (value 2.5) is bought in part; below 5 it would be negative in this basis.
        try solver.setBounds(of: budget, lower: nil, upper: 4.5)
        #expect(try solver.solutionOfBasis() == nil)
    }

    @Test func aMoveAlongTheBasisIsTheColdSolveThere() throws {
        let (lp, budget) = Self.knapsack(budget: 5.5)
        let solver = try Solver(lp)
        let first = try solver.solve()
        let range = try #require(try solver.boundRanges(of: budget).upperBound)
        #expect(isClose(range.lower, 5))
        #expect(range.limitingAtLower == .variable(.init(5)))
        for level in [5.25, 5.0, 5.9] {
            try solver.setBounds(of: budget, lower: nil, upper: level)
            let along = try #require(try solver.solutionAlong(row: budget, from: first))
            let cold = try Self.cold(level)
            #expect(isClose(along.objective, cold.objective!), "at \(level)")
            for (a, b) in zip(along.values!, cold.values!) { #expect(isClose(a, b), "at \(level)") }
            #expect(isClose(along.activities![budget.index], level))
            #expect(try along.duals() == first.duals())
        }
    }

    @Test func onePivotPastTheEndOfTheRangeGivesTheBasisBelow() throws {
        let (lp, budget) = Self.knapsack(budget: 5.5)
        let solver = try Solver(lp)
        try solver.solve()
        var level = 5.5
        // Walk down the whole range, one pivot a breakpoint, each level checked against a cold solve.
        for expectedPrice in [3.0, 4, 5, 7, 9] {
            let range = try #require(try solver.boundRanges(of: budget).upperBound)
            let end = try #require(range.lower)
            let leaving = try #require(range.limitingAtLower)
            #expect(end < level)
            level = end - 0.5
            try solver.setBounds(of: budget, lower: nil, upper: level)
            #expect(try solver.pivotOut(leaving) == .pivoted)
            let below = try #require(try solver.solutionOfBasis())
            let cold = try Self.cold(level)
            #expect(isClose(below.objective, cold.objective!), "at \(level)")
            for (a, b) in zip(below.values!, cold.values!) { #expect(isClose(a, b), "at \(level)") }
            #expect(isClose(try below.dual(of: budget), expectedPrice), "at \(level)")
        }
        #expect(level == 0.5)
    }

    @Test func noVariableEntersWhereNothingBelowIsFeasible() throws {
        // maximize x  s.t.  x <= budget,  1 <= x <= 10: below a budget of 1 nothing is feasible.
        var lp = LinearProgram(sense: .maximize)
        let x = lp.addVariable(lowerBound: 1, upperBound: 10, objective: 1)
        let budget = lp.addConstraint(terms: [(x, 1)], upperBound: 4)
        let solver = try Solver(lp)
        try solver.solve()
        let range = try #require(try solver.boundRanges(of: budget).upperBound)
        #expect(isClose(range.lower, 1))
        #expect(range.limitingAtLower == .variable(x))
        try solver.setBounds(of: budget, lower: nil, upper: 0.5)
        #expect(try solver.pivotOut(.variable(x)) == .noEnteringVariable)
        // The basis is as it was; a solve says what there is to say.
        #expect(try solver.solve().status == .infeasible)
    }

    @Test func aNonBasicVariableIsNotPivotedOut() throws {
        let (lp, _) = Self.knapsack(budget: 5.5)
        let solver = try Solver(lp)
        try solver.solve()
        // Item 8 (value 1) is at its lower bound, not in the basis.
        #expect(try solver.pivotOut(.variable(.init(7))) == .unavailable)
    }
}
