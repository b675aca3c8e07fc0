import Testing
import TestSupport

@testable import Allot
import LinearSolver
import PlanFormat

/// Every plan command formulates and solves its plan once; everything else is a counted, scoped
/// re-solve of that same program.
@Suite struct SolveCountTests {
    /// Runs `allot` with a tally of the plans it solves.
    static func tallied(_ arguments: [String]) -> (result: Captured, tally: SolveTally) {
        let tally = SolveTally()
        let result = SolveTally.$current.withValue(tally) { runAllot(arguments) }
        return (result, tally)
    }

    static func resolves(inJSON text: String) throws -> Int {
        guard case .number(let count)? = try JSONParser.parse(Array(text.utf8)).jsonValue["resolves"] else {
            Issue.record("no resolves key")
            return -1
        }
        return Int(count)
    }

    @Test func solveSolvesOnceAndExplainsFromThatSolution() throws {
        let (text, tally) = Self.tallied(["solve", Repository.model("northwind.json")])
        #expect(text.code == 0)
        #expect(tally.baseSolves == 1)
        let plan = try #require(tally.plans.first)
        #expect(plan.baseSolves == 1)
        // The light explanation of the text output re-solves the same program.
        #expect(plan.solver.solves == 1 + plan.resolves)
        #expect(plan.resolves > 1)

        let (json, jsonTally) = Self.tallied(["solve", Repository.model("northwind.json"), "--json"])
        #expect(jsonTally.baseSolves == 1)
        // An integer plan: one re-solve for its funding line, and no explanation.
        #expect(try Self.resolves(inJSON: json.out) == 1)
        #expect(jsonTally.plans.first?.resolves == 1)
    }

    @Test func aLeastSpendPlanSolvesInTwoStagesOnce() throws {
        let (json, tally) = Self.tallied(["solve", Repository.model("quarterly-headcount.json"), "--scenario", "lean", "--json"])
        #expect(json.code == 0)
        #expect(tally.baseSolves == 1)
        let plan = try #require(tally.plans.first)
        #expect(plan.baseSolves == 2)
        #expect(try Self.resolves(inJSON: json.out) == plan.resolves)
        #expect(plan.solver.solves == 2 + plan.resolves)
    }

    @Test func explainAndReportSolveOnceAndCountTheirReSolves() throws {
        let model = Repository.model("quarterly-headcount.json")
        let (explain, explainTally) = Self.tallied(["explain", model, "--json"])
        #expect(explain.code == 0)
        #expect(explainTally.baseSolves == 1)
        let plan = try #require(explainTally.plans.first)
        let resolves = try Self.resolves(inJSON: explain.out)
        #expect(resolves == plan.resolves)
        #expect(plan.solver.solves == plan.baseSolves + resolves)
        #expect(resolves > 1)

        let output = Repository.temporaryFile("report.md", "")
        let (report, reportTally) = Self.tallied(["report", model, "-o", output])
        #expect(report.code == 0)
        #expect(reportTally.baseSolves == 1)
        // The same explanation as explain's, and the walk of cuts: as many re-solves as the two.
        let (cuts, cutsTally) = Self.tallied(["cuts", model])
        #expect(cuts.code == 0)
        // Less the re-solves every solve of this integer plan makes (its prices with the
        // whole-unit choices held), which the explanation counts already.
        let (solve, solveTally) = Self.tallied(["solve", model, "--json"])
        #expect(solve.code == 0)
        let walk = try #require(cutsTally.plans.first).resolves - (try #require(solveTally.plans.first).resolves)
        #expect(walk > 1)
        #expect(reportTally.plans.first?.resolves == resolves + walk)
    }

    @Test func anInfeasiblePlanIsSolvedOnceAndDiagnosedApart() throws {
        let (json, tally) = Self.tallied(["explain", Repository.model("infeasible.json"), "--json"])
        #expect(json.code == 1)
        #expect(tally.baseSolves == 1)
        #expect(try Self.resolves(inJSON: json.out) == 0)
    }
}
