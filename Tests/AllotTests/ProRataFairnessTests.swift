import Testing
import TestSupport

@testable import Allot
import LinearSolver
@testable import PlanFormat

/// Fairness on pro-rata shares: each team's floor is its fraction of its asks' share of the
/// total in force, so it moves with the budget; per-team exceptions.
@Suite struct ProRataFairnessTests {
    /// Team a asks 600k of low value, team b 400k of high value; a total of 500k.
    static func plan(_ fairness: Fairness, total: Double = 500_000) -> Plan {
        Make.plan([
            Make.request("a1", team: "a", amount: 600_000, perDollar: 0.1),
            Make.request("b1", team: "b", amount: 400_000, perDollar: 3),
            Make.request("c1", team: "c", amount: 1_000_000, perDollar: 2),
        ], total: total, constraints: [
            Constraint(id: "fair", kind: .fairness(fairness), scope: Scope(teams: ["a", "b"])),
        ])
    }

    @Test func theFloorIsTheTeamsShareOfTheBudget() throws {
        // a: 0.5 x 600k x 500k / 1M = 150k; b, the best return, gets the other 350k.
        let allocation = try PlanSolver.solve(Self.plan(Fairness(fraction: 0.5, basis: .proRata)))
        #expect(abs(allocation.allocated("a1") - 150_000) < 0.01)
        #expect(abs(allocation.allocated("b1") - 350_000) < 0.01)
        // On asks, the same 50% would be 300k.
        let onAsks = try PlanSolver.solve(Self.plan(Fairness(fraction: 0.5)))
        #expect(abs(onAsks.allocated("a1") - 300_000) < 0.01)
    }

    @Test func theFloorMovesWithTheBudget() throws {
        var plan = Self.plan(Fairness(fraction: 0.5, basis: .proRata))
        plan.budget.total = 800_000
        // 0.5 x 600k x 800k / 1M = 240k.
        #expect(abs(try PlanSolver.solve(plan).allocated("a1") - 240_000) < 0.01)
        let result = runAllot(["solve", "-", "--budget", "800k", "--json"], input: Self.text)
        #expect(result.code == 0)
        let document = try JSONParser.parse(Array(result.out.utf8)).jsonValue
        guard case .array(let requests) = document["requests"] else { Issue.record("no requests"); return }
        let a1 = requests.first { $0["id"] == .string("a1") }
        #expect(a1?["allocated"] == .number(240_000))
    }

    @Test func exceptionsGiveATeamItsOwnFraction() throws {
        // b at 100%: 1.0 x 400k x 500k / 1M = 200k, below what it gets anyway; a at 20%: 60k.
        let allocation = try PlanSolver.solve(Self.plan(Fairness(fraction: 0.5, basis: .proRata, exceptions: ["a": 0.2, "b": 1])))
        #expect(abs(allocation.allocated("a1") - 60_000) < 0.01)
    }

    @Test func cutsSampleAPlanWhoseFloorsMove() throws {
        let cuts = try SolvedPlan(Self.plan(Fairness(fraction: 0.5, basis: .proRata), total: 1_000_000))
            .cuts(bottom: .amount(400_000), deadline: Deadline(seconds: 30))
        #expect(cuts.samplingReason == .proRata)
        for point in cuts.breakpoints {
            // At every level, a holds exactly its floor: 0.5 x 600k x level / 1M.
            #expect(abs(point.allocations["a1"]! - 0.3 * point.budget) < 1, "\(point.budget)")
        }
    }

    static let text = """
        {"name": "Pro rata", "budget": {"total": "500k"},
         "kpis": [{"id": "value", "worth": 1}],
         "teams": [
           {"id": "a", "requests": [{"id": "a1", "amount": "600k", "impact": {"value": 0.1}}]},
           {"id": "b", "requests": [{"id": "b1", "amount": "400k", "impact": {"value": 3}}]},
           {"id": "c", "requests": [{"id": "c1", "amount": "1M", "impact": {"value": 2}}]}],
         "constraints": [{"id": "fair", "kind": "fairness", "scope": {"teams": ["a", "b"]},
                          "minFractionOfProRata": "50%", "exceptions": {"b": 1}}]}
        """

    @Test func theRuleIsReadAndChecked() {
        let read = ReadResult(Self.text)
        guard case .fairness(let fairness)? = read.plan?.constraints.first?.kind else {
            Issue.record("not read: \(read.messages)")
            return
        }
        #expect(fairness == Fairness(fraction: 0.5, basis: .proRata, exceptions: ["b": 1]))
        let both = ReadResult(Self.text.replacingOccurrences(of: "\"minFractionOfProRata\": \"50%\"", with: "\"minFractionOfProRata\": 0.5, \"minFractionOfAsk\": 0.5"))
        #expect(both.messages.contains("give one of minFractionOfAsk and minFractionOfProRata, not both"))
        let unknown = ReadResult(Self.text.replacingOccurrences(of: "\"exceptions\": {\"b\": 1}", with: "\"exceptions\": {\"bb\": 1}"))
        #expect(unknown.messages.contains { $0.hasPrefix("unknown team \"bb\"") })
        let noBudget = ReadResult(Self.text.replacingOccurrences(of: "\"budget\": {\"total\": \"500k\"},", with: ""))
        #expect(noBudget.messages.contains { $0.hasPrefix("minFractionOfProRata is a share of the total budget, and the plan has none") })
    }
}
