import Testing
import TestSupport

@testable import Allot
@testable import AllotReports
@testable import PlanFormat

/// Who to talk to first, the rules listed as shaping the proposal, and a target's price in words.
@Suite struct TalkFirstTests {
    static func defaultReport() throws -> StakeholderReport {
        let path = Repository.model("northwind.json")
        return StakeholderReport(try Explainer.explain(try PlanReader.read(path: path).plan), planBytes: Array("plan".utf8))
    }

    @Test func nearMissesPartsAndUnitsEachSayWhatWouldChangeTheDecision() throws {
        let items = try Self.defaultReport().talkFirst
        // Whole units: asked which of them come first, not whether it can deliver in part.
        let units = items.filter { $0.topic == .units }
        #expect(units.contains { $0.request == "Six customer success managers" && $0.text.hasPrefix("2 of 6 units funded") })
        #expect(!items.contains { $0.text.contains("can it deliver in part") })
        // Near misses on both sides of the line: funded just above it too.
        let evidence = items.filter { $0.topic == .evidence }
        #expect(evidence.contains { $0.text.hasPrefix("funded, returning") && $0.text.contains("could cut it") })
        #expect(evidence.contains { $0.text.contains("better evidence could fund it") && $0.text.contains("Full funding needs") })
        // A request held by a rule is a policy question, not one of evidence.
        #expect(!evidence.contains { $0.request == "Six customer success managers" })
        // Every partly funded request, the least funded first.
        let parts = items.filter { $0.topic == .delivery }
        #expect(parts.count >= 5)
        let shares = parts.compactMap { item in item.text.split(separator: "(").dropFirst().first?.split(separator: "%").first.flatMap { Double($0) } }
        #expect(shares == shares.sorted(), "\(shares)")
    }

    @Test func onlyRulesThatChangeTheProposalAreListedAsShapingIt() throws {
        let plan = try PlanReader.read(path: Repository.model("quarterly-headcount.json")).plan
        let text = ExplanationText.render(try Explainer.explain(plan))
        let shaping = try #require(text.split(separator: "At their limits, without changing the proposal:").first)
        #expect(!shaping.contains("'At most 16 new heads this year' (at most 16 new heads on the whole plan) is at its limit"))
        #expect(text.contains("At their limits, without changing the proposal:\n  • The rule 'At most 16 new heads this year'"))
    }

    @Test func aTargetsPriceIsWhatOneMoreUnitOfItCosts() throws {
        let report = try Self.defaultReport()
        let target = try #require(report.rules.first { $0.name.contains("Net new ARR") })
        #expect(target.price == "costs $0.52 per $1 of target", "\(target.price)")
    }
}
