import Testing

@testable import LinearSolver

/// Changes made within `withChanges` are undone when it ends, however it ends, basis included.
@Suite struct ScopedChangesTests {
    /// Three items of equal value and a budget of 1.5: many optimal allocations, so a warm re-solve
    /// from another basis could pick another one.
    static func ties() -> (LinearProgram, [LinearProgram.VariableID], LinearProgram.ConstraintID) {
        var lp = LinearProgram(sense: .maximize)
        let items = (0..<3).map { lp.addVariable(name: "x\($0)", upperBound: 1, objective: 5) }
        let row = lp.addConstraint(name: "budget", terms: items.map { ($0, 1) }, upperBound: 1.5)
        return (lp, items, row)
    }

    @Test func changesAreUndoneAndTheBasisIsBack() throws {
        let (lp, items, budget) = Self.ties()
        let solver = try Solver(lp)
        let base = try solver.solve()
        let chosen = try #require(base.values)
        // Hold the items the base funds at zero: the re-solve must fund the others.
        let inside = try solver.withChanges { changes in
            for (item, value) in zip(items, chosen) where value > 0.5 {
                try changes.setBounds(of: item, lower: 0, upper: 0)
            }
            try changes.setBounds(of: budget, lower: nil, upper: 1)
            try changes.setObjective(of: items[2], to: 6)
            return try solver.solve()
        }
        #expect(inside.status == .optimal)
        #expect(solver.solution == nil)
        #expect(solver.program.variables.map(\.upperBound) == lp.variables.map(\.upperBound))
        #expect(solver.program.variables.map(\.objective) == lp.variables.map(\.objective))
        #expect(solver.program.constraints[budget.index].upperBound == 1.5)
        // The basis is the base's: the re-solve takes no pivot and gives the base's allocation.
        let again = try solver.solve()
        #expect(again.values == chosen)
        #expect(again.iterations == inside.iterations, "no pivot after the scope")
        #expect(try again.basisStatus(of: budget) == base.basisStatus(of: budget))
    }

    @Test func changesAreUndoneWhenTheBodyThrows() throws {
        struct Stop: Error {}
        let (lp, items, budget) = Self.ties()
        let solver = try Solver(lp)
        let base = try solver.solve()
        #expect(throws: Stop.self) {
            try solver.withChanges { changes in
                try changes.setBounds(of: budget, lower: 4, upper: 4)
                try changes.setBounds(of: items[0], lower: 1, upper: 1)
                #expect(try solver.solve().status == .infeasible)
                throw Stop()
            }
        }
        #expect(solver.program.constraints[budget.index].lowerBound == nil)
        #expect(solver.program.constraints[budget.index].upperBound == 1.5)
        #expect(solver.program.variables[items[0].index].lowerBound == 0)
        let again = try solver.solve()
        #expect(again.status == .optimal)
        #expect(again.values == base.values)
    }

    @Test func scopesNestAndAnInvalidChangeIsRefusedAndUndone() throws {
        let (lp, items, budget) = Self.ties()
        let solver = try Solver(lp)
        try solver.solve()
        try solver.withChanges { outer in
            try outer.setBounds(of: budget, lower: nil, upper: 1)
            try solver.withChanges { inner in
                try inner.setBounds(of: budget, lower: nil, upper: 0.5)
                #expect(isClose(try solver.solve().objective, 2.5))
                // Refused before it reaches GLPK; nothing is left half-changed.
                #expect(throws: SolverError.self) { try inner.setBounds(of: items[1], lower: .nan, upper: 1) }
            }
            #expect(solver.program.constraints[budget.index].upperBound == 1)
            #expect(isClose(try solver.solve().objective, 5))
        }
        #expect(solver.program.constraints[budget.index].upperBound == 1.5)
        #expect(solver.program.variables[items[1].index].lowerBound == 0)
        #expect(isClose(try solver.solve().objective, 7.5))
    }

    @Test func everySolveIsCounted() throws {
        let (lp, _, budget) = Self.ties()
        let solver = try Solver(lp)
        #expect(solver.solves == 0)
        try solver.solve()
        try solver.withChanges { changes in
            try changes.setBounds(of: budget, lower: nil, upper: 1)
            try solver.solve()
            try solver.solve()
        }
        #expect(solver.solves == 3)
    }

    @Test func anIntegerReSolveInAScopeLeavesTheSameAnswerBehind() throws {
        var lp = LinearProgram(sense: .maximize)
        let heads = lp.addVariable(name: "heads", upperBound: 10, kind: .integer, objective: 3)
        let tools = lp.addVariable(name: "tools", upperBound: 4, objective: 1)
        let budget = lp.addConstraint(terms: [(heads, 1.5), (tools, 1)], upperBound: 9)
        let solver = try Solver(lp)
        let base = try solver.solve()
        try solver.withChanges { changes in
            try changes.setBounds(of: budget, lower: nil, upper: 4)
            #expect(isClose(try solver.solve().value(of: heads), 2))
        }
        let again = try solver.solve()
        #expect(again.values == base.values)
        #expect(isClose(again.objective, base.objective!))
    }
}
