import Foundation
import Testing
import TestSupport

@testable import Allot
@testable import AllotReports
@testable import PlanFormat

/// One precision policy and the plan's currency, in every figure of every output.
@Suite struct FormatTests {
    @Test func moneyHasThreeSignificantFiguresUnlessTheExactFigureIsShorter() {
        let f = Format(currency: "USD")
        #expect(f.money(1_567_000) == "$1.57M")
        #expect(f.money(1_565_432) == "$1.57M")
        #expect(f.money(400_000) == "$400k")
        #expect(f.money(29_500_000) == "$29.5M")
        #expect(f.money(29_540_000) == "$29.5M")
        #expect(f.money(7_000_000) == "$7M")
        #expect(f.money(950) == "$950")
        #expect(f.money(12.345) == "$12.3")
        #expect(f.money(0.39) == "$0.39")
        #expect(f.money(0.004) == "$0")
        #expect(f.money(-1_234) == "-$1.23k")
        #expect(f.money(999_600) == "$1M")
    }

    @Test func valuesPerCurrencyUnitAreInCents() {
        let f = Format(currency: "USD")
        #expect(f.perUnit(1.0712) == "$1.07")
        #expect(f.perUnit(2) == "$2.00")
        #expect(f.perUnit(-0.2249) == "-$0.22")
        #expect(f.per == "per $1")
        // Told apart when two values would read the same.
        #expect(f.perUnit(1.0712, against: 1.0749) == ("$1.071", "$1.075"))
    }

    @Test func percentagesHaveTwoFiguresUnlessTheExactFigureFitsInThree() {
        let f = Format(currency: "USD")
        #expect(f.percent(0.78663) == "79%")
        #expect(f.percent(0.05321) == "5.3%")
        #expect(f.percent(0.375) == "37.5%")
        #expect(f.percent(0.4) == "40%")
        #expect(f.percent(0.4081, rounded: .up) == "40.9%")
    }

    /// A boundary figure is rounded toward the side where what is said of it holds: acting on
    /// the figure shown never falls short.
    @Test func boundaryFiguresRoundTowardTheSideWhereTheyHold() {
        let f = Format(currency: "USD")
        #expect(f.money(10_484_920, rounded: .down) == "$10.4M")
        #expect(f.money(10_484_920, rounded: .up) == "$10.5M")
        #expect(f.money(7_412_000, rounded: .up) == "$7.42M")
        #expect(f.money(7_400_000, rounded: .up) == "$7.4M")
        #expect(f.perUnit(0.3921, rounded: .up) == "$0.40")
        #expect(f.perUnit(0.39, rounded: .up) == "$0.39")
        #expect(f.perUnit(0.3999, rounded: .down) == "$0.39")
    }

    @Test func theFourCurrenciesWithSymbols() {
        #expect(Format(currency: "USD").money(1_200_000) == "$1.2M")
        #expect(Format(currency: "EUR").money(1_200_000) == "€1.2M")
        #expect(Format(currency: "GBP").money(1_200_000) == "£1.2M")
        #expect(Format(currency: "JPY").money(1_200_000) == "¥1.2M")
        #expect(Format(currency: "EUR").per == "per €1")
        #expect(Format(currency: "GBP").perUnit(1.07) == "£1.07")
    }

    @Test func yenAmountsHaveNoDecimals() {
        let f = Format(currency: "JPY")
        #expect(f.money(950.4) == "¥950")
        #expect(f.money(12.5) == "¥13")
        #expect(f.money(0.4) == "¥0")
        #expect(f.money(1_234_567) == "¥1.23M")
        #expect(f.money(12.6, rounded: .down) == "¥12")
        // No sen: a value per yen is given per ¥100, in whole yen.
        #expect(f.perUnit(1.0712) == "¥107")
        #expect(f.perUnit(1.0712, rounded: .up) == "¥108")
        #expect(f.per == "per ¥100")
    }

    @Test func otherCodesArePrefixedWithASpace() {
        let f = Format(currency: "CHF")
        #expect(f.money(1_200_000) == "CHF 1.2M")
        #expect(f.money(-450) == "-CHF 450")
        #expect(f.perUnit(1.07) == "CHF 1.07")
        #expect(f.per == "per CHF 1")
        #expect(Format(currency: "SEK").money(2_500) == "SEK 2.5k")
        // A line never ends between the code and its figure.
        let wrapped = AllocationText.wrap("the budget of the plan is CHF 1.2M in all", width: 30)
        #expect(wrapped == "the budget of the plan is\nCHF 1.2M in all")
    }
}

@Suite struct CurrencyTests {
    /// models/northwind.json as a company that counts in euros: its currency, its ARR KPI and the
    /// amounts in its names and notes in EUR (a KPI stated in USD, or a note that quotes dollars,
    /// would rightly keep them).
    static func northwind(in currency: String, symbol: String) throws -> Plan {
        let text = try #require(readFile(Repository.model("northwind.json")))
            .replacingOccurrences(of: "\"USD\"", with: "\"\(currency)\"").replacingOccurrences(of: "$", with: symbol)
            .replacingOccurrences(of: "\"\(symbol)schema\"", with: "\"$schema\"")
        let plan = try PlanReader.read(bytes: Array(text.utf8), source: "northwind-\(currency).json").plan
        #expect(plan.currency == currency)
        return plan
    }

    @Test func aEuroPlanShowsNoDollarAnywhere() throws {
        let explanation = try Explainer.explain(try Self.northwind(in: "EUR", symbol: "€"))
        let report = StakeholderReport(explanation, planBytes: Array("plan".utf8))
        let outputs = [
            "solve": AllocationText.render(explanation.allocation, explanation: explanation, details: true),
            "explain": ExplanationText.render(explanation),
            "explain --json": ExplanationJSON.render(explanation).serialized(),
            "Markdown": MarkdownReport.render(report),
            "HTML": HTMLReport.render(report),
            "CSV": CSVReport.render(report),
        ]
        for (name, output) in outputs {
            #expect(!output.contains("$"), "\(name): \(output.split(separator: "\n").first { $0.contains("$") } ?? "")")
            #expect(output.contains("€"), "\(name)")
            #expect(!output.contains(" dollar"), "\(name): \(output.split(separator: "\n").first { $0.contains(" dollar") } ?? "")")
            if name != "solve" { #expect(output.contains("per €1"), "\(name)") }
        }
        #expect(outputs["explain"]!.contains("Funding line: every freely placed euro clears €1.07 of value."))
        #expect(outputs["explain"]!.contains("(ARR-equivalent euros, cost not subtracted)"))
    }

    @Test func aYenPlanShowsNoDecimals() throws {
        var plan = Make.ladder()
        plan.currency = "JPY"
        plan.kpis[0].unit = "JPY"
        let explanation = try Explainer.explain(plan)
        let text = ExplanationText.render(explanation) + AllocationText.render(explanation.allocation, explanation: explanation)
        #expect(text.contains("¥"))
        #expect(!text.contains("$"))
        // Every yen figure is whole: "¥600k", "¥150 per ¥100", never "¥1.50".
        var checked = 0
        for figure in text.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "(" }) where figure.hasPrefix("¥") {
            let characters = Array(figure.dropFirst())
            var end = 0
            while end < characters.count, characters[end].isNumber { end += 1 }
            guard end + 1 < characters.count, characters[end] == ".", characters[end + 1].isNumber else { checked += 1; continue }
            end += 1
            while end < characters.count, characters[end].isNumber { end += 1 }
            // A decimal point only in a short amount: "¥1.2M" is 1,200,000 yen.
            #expect(end < characters.count && "kMBT".contains(characters[end]), "\(figure)")
            checked += 1
        }
        #expect(checked >= 10)
        #expect(text.contains("per ¥100"))
    }
}
