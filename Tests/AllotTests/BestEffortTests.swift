import Testing
import TestSupport

@testable import Allot
@testable import AllotReports
@testable import PlanFormat

/// `solve --best-effort`: when no allocation meets every rule, the one that misses by the least,
/// class by class in the plan's order, then the most value.
@Suite struct BestEffortTests {
    /// A cap on 'a' and an ARR target that needs more of 'a' than the cap allows.
    static func conflicting(relaxFirst: [RelaxClass]? = nil) -> Plan {
        var plan = Make.plan([
            Make.request("a", team: "sales", amount: 1_000_000, perDollar: 2, kpi: "arr"),
            Make.request("b", team: "ops", amount: 500_000, perDollar: 0.5, kpi: "arr"),
        ], total: 1_500_000, kpis: [KPI(id: "arr", name: "ARR", unit: "USD", worth: 1, target: Target(min: 1_800_000))],
        constraints: [Constraint(id: "cap-a", name: "Sales at most $600k", kind: .cap(max: 600_000), scope: Scope(requests: ["a"]))])
        if let relaxFirst { plan.relaxFirst = relaxFirst }
        return plan
    }

    @Test func aFeasiblePlanGetsExactlyThePlainSolve() throws {
        let plan = try PlanReader.read(path: Repository.model("quarterly-headcount.json")).plan
        let best = try #require(try SolvedPlan.bestEffort(plan))
        let plain = try PlanSolver.solve(plan)
        #expect(best.misses.isEmpty)
        #expect(best.value == plain.value)
        #expect(best.requests.map(\.allocated) == plain.requests.map(\.allocated))
    }

    @Test func targetsGiveFirstByDefault() throws {
        let plan = Self.conflicting()
        #expect(try PlanSolver.solve(plan).status == .infeasible)
        let best = try #require(try SolvedPlan.bestEffort(plan))
        // The cap holds; the target is missed by what the cap keeps from 'a': 1.8M - (2 x 600k + 0.5 x 500k).
        #expect(best.misses.count == 1)
        let miss = try #require(best.misses.first)
        #expect(miss.ref == .target("arr", side: .min))
        #expect(abs(miss.amount - 350_000) < 1)
        #expect(abs((miss.fraction ?? 0) - 350_000 / 1_800_000) < 1e-9)
        #expect(abs(best.allocated("a") - 600_000) < 1)
    }

    @Test func theOrderOfThePlanDecidesWhichClassGives() throws {
        let plan = Self.conflicting(relaxFirst: [.caps, .targets])
        let best = try #require(try SolvedPlan.bestEffort(plan))
        // Now the cap gives, by the least that meets the target: a = (1.8M - 250k) / 2.
        #expect(best.misses.map(\.ref) == [.rule("cap-a")])
        #expect(abs((best.misses.first?.amount ?? 0) - 175_000) < 1)
        #expect(abs(best.allocated("a") - 775_000) < 1)
        #expect(best.kpis.first?.met == true)
    }

    @Test func committedSpendNeverGivesUnlessListed() throws {
        let plan = try PlanReader.read(path: Repository.model("infeasible.json")).plan
        #expect(try SolvedPlan.bestEffort(plan) == nil)
        var listed = plan
        listed.relaxFirst = RelaxClass.defaultOrder + [.committed]
        let best = try #require(try SolvedPlan.bestEffort(listed))
        #expect(best.misses.allSatisfy { $0.ref.kind == .committed })
        #expect(abs(best.misses.reduce(0) { $0 + $1.amount } - 400_000) < 1)
    }

    @Test func theCommandSaysWhatIsMissed() throws {
        let text = runAllot(["solve", Repository.model("northwind.json"), "--budget", "-30%", "--best-effort"])
        #expect(text.code == 0)
        #expect(text.out.contains("Best effort: no allocation meets every rule at this budget."))
        #expect(text.out.replacingOccurrences(of: "\n", with: " ").contains("the Net new ARR target by $7M (50% of it)"))
        let json = runAllot(["solve", Repository.model("northwind.json"), "--budget", "-30%", "--best-effort", "--json"])
        let document = try JSONParser.parse(Array(json.out.utf8)).jsonValue
        #expect(document["status"] == .string("best-effort"))
        let validator = try SchemaValidator(directory: Repository.root + "/models/output")
        #expect(validator.errors(document, against: "solve.schema.json").isEmpty)
        // Without the flag: the refusal and its diagnosis, exit 1.
        #expect(runAllot(["solve", Repository.model("northwind.json"), "--budget", "-30%"]).code == 1)
        // When even missing rules cannot fit the budgets: the diagnosis, exit 1.
        let committed = runAllot(["solve", Repository.model("infeasible.json"), "--best-effort"])
        #expect(committed.code == 1)
        #expect(committed.err.contains("even missing every rule that may give"))
    }

    @Test func theRelaxationOrderIsReadAndChecked() {
        let good = ReadResult(PlanFixtures.minimal(top: #", "bestEffort": {"relaxFirst": ["caps", "targets"]}"#))
        #expect(good.plan?.relaxFirst == [.caps, .targets])
        let bad = ReadResult(PlanFixtures.minimal(top: #", "bestEffort": {"relaxFirst": ["target", "caps", "caps"]}"#))
        #expect(bad.messages.contains("unknown rule class \"target\"; did you mean \"targets\"?"))
        #expect(bad.messages.contains("\"caps\" is listed twice; list each class once"))
    }
}
