import Testing
import TestSupport

@testable import Allot
@testable import AllotReports
@testable import PlanFormat

/// One check per defect of the reasons that team heads read: what each sentence must and must
/// not say.
@Suite struct ReasonDefectTests {
    /// A credit that prints as $0.00 is never named as a reason.
    @Test func aCreditWorthNothingIsNotNamed() throws {
        let explanation = try Explainer.explain(Make.ladder(), options: ExplainOptions(thresholds: .all))
        let c = try #require(explanation.requests.first { $0.id == "c" })
        let tiny = Explanation.RequestReason(
            id: c.id, team: c.team, code: c.code, valuePerDollar: c.valuePerDollar, price: c.price, fundingLine: c.fundingLine,
            fundedValuePerDollar: c.fundedValuePerDollar, keepsFundingDownTo: c.keepsFundingDownTo,
            terms: c.terms + [.init(ref: .rule("cap"), perDollar: -1e-9)],
            fullFundingAt: .init(valuePerDollar: 1.2, budget: nil, blockedBy: nil), thresholdsComputed: true,
            thresholdsStoppedByTimeLimit: false, slices: c.slices, fullHeadcountCaps: [])
        let words = Words(plan: explanation.allocation.plan)
        let request = try #require(words.request("c"))
        let text = ReasonSentences(words).whatItWouldTake(request, tiny, line: 1.5).joined(separator: " ")
        #expect(text.contains("Full funding needs"))
        #expect(!text.contains("eases"), "\(text)")
        #expect(!text.contains("$0.00"))
    }

    /// Committed spend below the ask, with no impact: what is funded and why the rest is not.
    @Test func committedSpendBelowItsAskSaysWhyTheRestIsNot() throws {
        let plan = Make.plan([
            Make.request("legal", team: "g", amount: 400_000, min: 250_000),
            Make.request("a", team: "x", amount: 600_000, perDollar: 2),
        ], total: 1_000_000)
        let explanation = try Explainer.explain(plan)
        let legal = try #require(explanation.allocation.requests.first { $0.id == "legal" })
        let text = ExplanationWords(explanation).request(legal)
        #expect(text.contains("funded at its committed $250k"))
        #expect(text.contains("The other $150k it asks for states no KPI impact"), "\(text)")
    }

    /// A warning reads as a sentence in a report, not as the command line's file:line:column.
    @Test func warningsReadAsSentencesInReports() {
        let raw = "plan.json:13:14: budget.periods: the period budgets sum to 150k, not the total 300k"
        #expect(Words.readableWarning(raw) == "the period budgets sum to 150k, not the total 300k (plan file line 13, at budget.periods)")
        #expect(Words.readableWarning("a plain warning") == "a plain warning")
    }

    /// The ladder's bars carry their requests' names where they have room.
    @Test func ladderBarsAreLabelled() throws {
        let report = StakeholderReport(try Explainer.explain(Make.ladder()), planBytes: Array("plan".utf8))
        let html = HTMLReport.render(report)
        let ladder = try #require(html.split(separator: "<section id=\"ladder\">").dropFirst().first)
        #expect(ladder.contains("rotate(-90"))
        #expect(ladder.contains(">a</text>") || ladder.contains(">b</text>"), "a bar's label")
    }
}
