import Testing

@testable import LinearSolver

/// Re-solving after changes starts from the previous basis and gives the same answers as a cold solve.
@Suite struct WarmStartTests {
    /// maximize sum v_i x_i  s.t.  sum x_i <= budget,  0 <= x_i <= 1: a fractional knapsack whose
    /// optimum fills the items in order of value.
    static func knapsack(budget: Double) -> (LinearProgram, LinearProgram.ConstraintID) {
        var lp = LinearProgram(sense: .maximize)
        let values = [9.0, 7, 5, 4, 3, 2.5, 2, 1]
        let items = values.map { lp.addVariable(upperBound: 1, objective: $0) }
        let row = lp.addConstraint(name: "budget", terms: items.map { ($0, 1) }, upperBound: budget)
        return (lp, row)
    }

    @Test func tighterBudgetReSolvesWarm() throws {
        let (lp, budget) = Self.knapsack(budget: 6)
        let solver = try Solver(lp)
        let first = try solver.solve()
        #expect(isClose(first.objective, 9 + 7 + 5 + 4 + 3 + 2.5))
        #expect(isClose(try first.dual(of: budget), 2))
        try solver.setBounds(of: budget, lower: nil, upper: 3.5)
        // The last result is dropped at once: no stale status.
        #expect(solver.solution == nil)
        let second = try solver.solve()
        #expect(second.status == .optimal)
        #expect(isClose(second.objective, 9 + 7 + 5 + 2))
        #expect(isClose(try second.dual(of: budget), 4))
        #expect(second.iterations < 5, "a warm re-solve after one change takes few pivots, took \(second.iterations)")
        let (cold, _) = Self.knapsack(budget: 3.5)
        #expect(isClose(try Solver(cold).solve().objective, second.objective!))
        #expect(solver.program.constraints[budget.index].upperBound == 3.5)
    }

    @Test func objectiveChangeReSolvesWithPrimal() throws {
        let (lp, _) = Self.knapsack(budget: 2)
        let solver = try Solver(lp)
        try solver.solve()
        try solver.setObjective(of: .init(7), to: 100)
        let changed = try solver.solve()
        #expect(isClose(changed.objective, 100 + 9))
        #expect(isClose(try changed.value(of: .init(7)), 1))
    }

    @Test func boundChangesCanMakeItInfeasibleAndBack() throws {
        let (lp, budget) = Self.knapsack(budget: 4)
        let solver = try Solver(lp)
        try solver.solve()
        try solver.setBounds(of: budget, lower: 10, upper: 12)
        #expect(try solver.solve().status == .infeasible)
        try solver.setBounds(of: budget, lower: nil, upper: 1)
        let back = try solver.solve()
        #expect(back.status == .optimal)
        #expect(isClose(back.objective, 9))
    }

    @Test func integerProgramReSolves() throws {
        var lp = LinearProgram(sense: .maximize)
        let heads = lp.addVariable(name: "heads", upperBound: 10, kind: .integer, objective: 3)
        let budget = lp.addConstraint(terms: [(heads, 1.5)], upperBound: 9)
        let solver = try Solver(lp)
        #expect(isClose(try solver.solve().objective, 18))
        try solver.setBounds(of: budget, lower: nil, upper: 8)
        let second = try solver.solve()
        #expect(isClose(try second.value(of: heads), 5))
    }
}
