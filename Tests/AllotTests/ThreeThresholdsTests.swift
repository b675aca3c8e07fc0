import Testing
import TestSupport

@testable import Allot
import LinearSolver
@testable import PlanFormat

/// The three thresholds (first funding, keeping what it has, full funding) and whole units'
/// thresholds, each checked by scaling the request's return just past it and just short of it.
@Suite struct ThreeThresholdsTests {
    static func explain(_ plan: Plan) throws -> Explanation {
        try Explainer.explain(plan, options: ExplainOptions(thresholds: .all))
    }

    static func reason(_ explanation: Explanation, _ id: String) throws -> Explanation.RequestReason {
        try #require(explanation.requests.first { $0.id == id })
    }

    /// C (0.5 a dollar) gets nothing at 1M: its first dollar needs B's $1.50, or a total above
    /// A's and B's 1.2M.
    @Test func firstFundingHoldsEitherSideOfIt() throws {
        let plan = Make.ladder()
        let c = try Self.reason(try Self.explain(plan), "c")
        let first = try #require(c.firstFundingAt)
        let value = try #require(first.valuePerDollar)
        #expect(abs(value - 1.5) < 1e-6)
        #expect(abs((first.budget ?? 0) - 1_200_000) <= 1.01, "its first whole dollar")
        #expect(!first.approximate)
        for (scale, funded) in [(1.01, true), (0.99, false)] {
            let scaled = Make.ladder(c: value * scale)
            let amount = try PlanSolver.solve(scaled).allocated("c")
            #expect((amount > 0.5) == funded, "at \(scale)x the threshold C gets \(amount)")
        }
        // The budget: just above it C gets its first dollar, just below it none.
        #expect(try PlanSolver.solve(Make.ladder(budget: 1_210_000)).allocated("c") > 0.5)
        #expect(try PlanSolver.solve(Make.ladder(budget: 1_190_000)).allocated("c") < 0.5)
        // B, partly funded, keeps what it has down to C's return; A is fully funded.
        let b = try Self.reason(try Self.explain(plan), "b")
        #expect(b.firstFundingAt == nil)
        #expect(abs((b.keepsFunding?.valuePerDollar ?? 0) - 0.5) < 1e-6)
        #expect(abs((b.fullFunding?.valuePerDollar ?? 0) - 2) < 1e-6)
    }

    /// Three whole units of 100k against a continuous request worth 1 a dollar, with room for
    /// three: every unit comes at $1.00, and they come together.
    @Test func wholeUnitsComeTogetherOnOnePieceOfTheEnvelope() throws {
        func plan(_ perDollar: Double) -> Plan {
            Make.plan([
                Make.request("h", team: "x", amount: 300_000, perDollar: perDollar, unitCost: 100_000),
                Make.request("l", team: "y", amount: 1_000_000, perDollar: 1),
            ], total: 300_000)
        }
        let h = try Self.reason(try Self.explain(plan(0.8)), "h")
        #expect(h.units.map(\.unit) == [1, 2, 3])
        for unit in h.units {
            #expect(abs(unit.valuePerDollar - 1) < 1e-6, "unit \(unit.unit): \(unit.valuePerDollar)")
            #expect(unit.with == [1, 2, 3])
        }
        #expect(abs((h.firstFundingAt?.valuePerDollar ?? 0) - 1) < 1e-6)
        #expect(h.firstFundingAt?.approximate == true)
        #expect(try PlanSolver.solve(plan(1.01)).allocated("h") > 299_999)
        #expect(try PlanSolver.solve(plan(0.99)).allocated("h") < 1)
    }

    /// Over generated linear plans: every first-funding and full-funding threshold holds when the
    /// request's return is scaled to just past it (1.01x) and fails just short of it (0.99x).
    @Test func thresholdsHoldEitherSideOverGeneratedPlans() throws {
        var generator = SeededGenerator(seed: 11)
        var checked = 0
        for _ in 0..<100 {
            let plan = CheckedCauseTests.generated(&generator)
            guard let explanation = try? Self.explain(plan), explanation.allocation.status == .optimal else { continue }
            for (index, reason) in explanation.requests.enumerated() {
                let request = plan.requests[index]
                guard case .perDollar(let own)? = request.impact["value"], own > 0 else { continue }
                func allocated(at value: Double) throws -> Double {
                    var scaled = plan
                    for t in scaled.teams.indices {
                        for r in scaled.teams[t].requests.indices where scaled.teams[t].requests[r].id == request.id {
                            scaled.teams[t].requests[r].impact["value"] = .perDollar(value)
                        }
                    }
                    return try PlanSolver.solve(scaled).allocated(request.id)
                }
                if let value = reason.fullFunding?.valuePerDollar, value > 0 {
                    #expect(try allocated(at: value * 1.01) >= request.amount - 1, "\(request.id): full funding at \(value)")
                    #expect(try allocated(at: value * 0.99) < request.amount - 1, "\(request.id): not full below \(value)")
                    checked += 1
                }
                if let value = reason.firstFundingAt?.valuePerDollar, value > 0 {
                    #expect(try allocated(at: value * 1.01) > 0.5, "\(request.id): first funding at \(value)")
                    #expect(try allocated(at: value * 0.99) < 0.5, "\(request.id): nothing below \(value)")
                    checked += 1
                }
            }
        }
        #expect(checked >= 20, "enough thresholds to check (\(checked))")
    }
}
