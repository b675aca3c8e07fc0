import Testing
import TestSupport

@testable import AllotReports
import PlanFormat

/// Figures as the reports show them: money suffixes, units, directed rounding, value in words.
@Suite struct ShownFigureTests {
    @Test func trillionsHaveTheirOwnSuffix() {
        let f = Format(currency: "USD")
        #expect(f.money(1e15) == "$1000T")
        #expect(f.money(2.5e12) == "$2.5T")
        #expect(f.money(999e9) == "$999B")
    }

    @Test func unitsAreSingularAtOne() {
        #expect(Format.quantity("1", unit: "incidents/yr") == "1 incident/yr")
        #expect(Format.quantity("1", unit: "points") == "1 point")
        #expect(Format.quantity("1", unit: "hours saved") == "1 hour saved")
        #expect(Format.quantity("1", unit: "pp") == "1 pp")
        #expect(Format.quantity("1", unit: "ss") == "1 ss")
        #expect(Format.quantity("1.5", unit: "points") == "1.5 points")
        #expect(Format.quantity("2", unit: nil) == "2")
    }

    @Test func roundingIsDirected() {
        #expect(Format.rounded(10_484_920, digits: 3, .down) == 10_400_000)
        #expect(Format.rounded(10_484_920, digits: 3, .up) == 10_500_000)
        #expect(Format.rounded(29_540_000, digits: 3, .up) == 29_600_000)
        // A value already at three figures stays put either way.
        #expect(Format.rounded(7_400_000, digits: 3, .up) == 7_400_000)
        #expect(Format.rounded(7_400_000, digits: 3, .down) == 7_400_000)
        #expect(abs(Format.rounded(0.40812, digits: 3, .up) - 0.409) < 1e-12)
        let f = Format(currency: "USD")
        #expect(f.money(10_484_920, rounded: .down) == "$10.4M")
        #expect(f.money(10_484_920, rounded: .up) == "$10.5M")
        #expect(f.money(10_484_920) == "$10.5M")
        #expect(f.perUnit(1.0712, rounded: .up) == "$1.08")
        #expect(f.perUnit(1.0712, rounded: .down) == "$1.07")
        #expect(f.perUnit(1.07, rounded: .up) == "$1.07")
    }

    @Test func valueFromSeveralKPIsEchoesEachAndItsWorth() {
        let plan = Make.plan([
            Make.request("a", amount: 200_000, perDollar: 1, kpi: "arr"),
        ], total: 1_000_000, kpis: [
            KPI(id: "arr", name: "Net new ARR", unit: "USD", worth: 1),
            KPI(id: "nps", name: "NPS", unit: "points", worth: 60_000),
        ])
        var request = plan.teams[0].requests[0]
        request.impact = ["arr": .total(500_000), "nps": .total(1)]
        let sentences = ReasonSentences(Words(plan: plan))
        #expect(sentences.brings(request, ["arr": 500_000, "nps": 1]) == "$500k of Net new ARR and 1 point (NPS) at $60k each ($560k of value)")
        #expect(sentences.brings(request, ["arr": 250_000, "nps": 0.5], rate: 2.8) == "$250k of Net new ARR and 0.5 points (NPS) at $60k each ($280k of value, $2.80 per $1)")
    }
}
