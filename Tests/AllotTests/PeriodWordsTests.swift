import Testing
import TestSupport

@testable import Allot
@testable import AllotReports
import LinearSolver
@testable import PlanFormat

/// Period budgets in the request's own words: which of its periods are full and what share of its
/// spend lands there; period prices said as prices of that period's spend, never as a return; the
/// year's funding line when the total does not bind.
@Suite struct PeriodWordsTests {
    /// A spends in Q1 only (2 a dollar), B in Q2 only (1 a dollar); Q1 holds 50k, Q2 100k, and
    /// the total of 300k does not bind.
    static func plan() -> Plan {
        Make.plan([
            Make.request("a", team: "x", amount: 200_000, perDollar: 2, phasing: ["Q1": 1]),
            Make.request("b", team: "y", amount: 200_000, perDollar: 1, phasing: ["Q2": 1]),
        ], total: 300_000, periods: ["Q1", "Q2"], periodBudgets: ["Q1": 50_000, "Q2": 100_000])
    }

    @Test func fullPeriodsAreSaidInTheRequestsWords() throws {
        let explanation = try Explainer.explain(Self.plan(), options: ExplainOptions(thresholds: .all))
        #expect(abs(explanation.allocation.allocated("a") - 50_000) < 0.01)
        #expect(abs(explanation.allocation.allocated("b") - 100_000) < 0.01)
        // (2 x 50k + 1 x 100k) / 150k.
        let annual = try #require(explanation.annualFundingLine)
        #expect(abs(annual - 200_000.0 / 150_000) < 1e-6, "the program shades values by about 1e-8")
        let text = ExplanationText.render(explanation).split(separator: "\n").map { $0.trimmingPrefix(" ") }.joined(separator: " ")
        #expect(text.contains("Q1's budget is full: one more dollar of it would add $2.00 of value ($2.00 per $1 of Q1 spend)."))
        #expect(text.contains("a freely placed dollar clears $1.33 of value"))
        #expect(text.contains("100% of its spend lands in Q1, whose budget is full"))
        #expect(!text.contains("the funding line is $2.00"), "a period's price is not a return")
        let json = ExplanationJSON.render(explanation).serialized()
        #expect(json.contains("\"annualFundingLine\": 1.33333"))
    }
}
