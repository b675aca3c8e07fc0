import Testing
import TestSupport

@testable import PlanFormat

/// Budget levels: amounts, changes and shares of the budget in force.
@Suite struct BudgetLevelTests {
    @Test(arguments: [
        ("24M", 24_000_000.0), ("$24,000,000", 24_000_000), ("-2M", 28_000_000), ("+500k", 30_500_000),
        ("-10%", 27_000_000), ("+5%", 31_500_000), ("90%", 27_000_000), (" -2.5 % ", 29_250_000),
    ])
    func levelsResolveAgainstTheBudgetInForce(_ text: String, _ total: Double) throws {
        let level = try BudgetLevel(text)
        #expect(abs(level.total(against: 30_000_000) - total) < 1e-6)
    }

    @Test func aLevelSaysWhatItIs() throws {
        #expect(try BudgetLevel("-10%") == .relativeChange(-0.1))
        #expect(try BudgetLevel("90%") == .share(0.9))
        #expect(try BudgetLevel("-2M") == .change(-2_000_000))
        #expect(try BudgetLevel("24M") == .amount(24_000_000))
        #expect(try BudgetLevel("-10%").description == "-10%")
        #expect(try BudgetLevel("-2M").description == "-2M")
        #expect(try !BudgetLevel("24M").isRelative)
    }

    @Test(arguments: ["", "x", "--json", "10%%", "-200%", "0%", "1,2M", "-", "1e400"])
    func malformedLevelsAreRefusedWithWhatToWrite(_ text: String) {
        let error = #expect(throws: MoneyError.self) { try BudgetLevel(text) }
        #expect(error?.message.contains("%") == true || error?.message.contains("budget") == true, "\(text): \(error?.message ?? "")")
    }

    @Test func solveTakesLevelsThatStartWithADash() throws {
        let plan = Repository.model("northwind.json")
        let base = runAllot(["solve", plan, "--json"])
        let same = runAllot(["solve", plan, "--budget", "100%", "--json"])
        #expect(base.code == 0 && same.code == 0)
        #expect(valueOf(base.out) == valueOf(same.out))
        // Northwind's hard ARR target and fairness floor need $28.5M: 10% less is infeasible.
        let cut = runAllot(["solve", plan, "--budget", "-10%"])
        #expect(cut.code == 1)
        #expect(cut.out.contains("No allocation satisfies every rule"))
        let raise = runAllot(["solve", plan, "--budget", "+5%", "--json"])
        #expect(raise.code == 0)
        #expect(try #require(valueOf(raise.out, "spend")) > 29_500_000)
    }
}
