import Testing
import TestSupport

@testable import Allot
@testable import AllotReports
import LinearSolver
@testable import PlanFormat

/// Share rows, and ratio rows whose denominator is all spend, are written against one
/// total-spend column T; reasons read as if they were not.
@Suite struct TotalSpendTests {
    static let gtm = RuleTests.gtm
    static let groups = RuleTests.groups
    static let share = Constraint(id: "gtm-share", kind: .share(min: nil, max: 0.5), scope: Scope(groups: ["gtm"]))

    static func terms(_ explanation: Explanation, _ id: String) -> [PlanReference: Double] {
        let reason = explanation.requests.first { $0.id == id }!
        return Dictionary(uniqueKeysWithValues: reason.terms.map { ($0.ref, $0.perDollar) })
    }

    @Test func aShareRowHasATermPerMemberAndOneOnT() throws {
        let formulation = Formulation(Make.plan(Self.gtm, total: 1_200_000, constraints: [Self.share], groups: Self.groups))
        let total = try #require(formulation.totalSpendColumn)
        let definition = try #require(formulation.totalSpendRow)
        #expect(formulation.program.variables[total.index].lowerBound == nil)
        #expect(formulation.program.variables[total.index].upperBound == nil)
        let row = try #require(formulation.rowRoles.firstIndex(of: .rule(0, .max)))
        // ads and aes, and T: not infra.
        #expect(formulation.program.constraints[row].terms.count == 3)
        #expect(formulation.program.constraints[row].terms.contains { $0.variable == total && $0.coefficient == -0.5 })
        #expect(formulation.program.constraints[definition.index].terms.count == 4)
        #expect(formulation.rowRoles[definition.index] == .spendDefinition)
    }

    @Test func tIsAddedOnlyWhenARuleNeedsIt() {
        let cap = Constraint(id: "gtm-cap", kind: .cap(max: 1_000_000), scope: Scope(groups: ["gtm"]))
        let toGTM = Constraint(
            id: "rd-ratio", kind: .ratio(to: Scope(groups: ["gtm"]), min: 0.5, max: nil), scope: Scope(teams: ["platform"]))
        let toAll = Constraint(
            id: "rd-of-all", kind: .ratio(to: Scope(teams: ["marketing", "sales", "platform"]), min: nil, max: 0.3),
            scope: Scope(teams: ["platform"]))
        #expect(Formulation(Make.plan(Self.gtm, total: 1e6, constraints: [cap, toGTM], groups: Self.groups)).totalSpendColumn == nil)
        let all = Formulation(Make.plan(Self.gtm, total: 1e6, constraints: [toAll], groups: Self.groups))
        let total = all.totalSpendColumn
        #expect(total != nil)
        #expect(all.program.constraints.contains { row in row.terms.count == 2 && row.terms.contains { $0.variable == total } })
    }

    /// The share's price y = 1 (ads at 2.0 against infra at 1.0 per dollar moved), the budget's
    /// 1.5: a member's dollar carries (1 - f) y, anyone else's -f y, as without T.
    @Test func aShareChargesItsMembersAndCreditsTheRest() throws {
        let explanation = try Explainer.explain(Make.plan(Self.gtm, total: 1_200_000, constraints: [Self.share], groups: Self.groups))
        let ads = Self.terms(explanation, "ads"), aes = Self.terms(explanation, "aes"), infra = Self.terms(explanation, "infra")
        #expect(Set(ads.keys) == [.budget, .rule("gtm-share")])
        #expect(Set(infra.keys) == [.budget, .rule("gtm-share")])
        #expect(close(ads[.budget], 1.5, 1e-6) && close(infra[.budget], 1.5, 1e-6))
        #expect(close(ads[.rule("gtm-share")], 0.5, 1e-6))
        #expect(close(aes[.rule("gtm-share")], 0.5, 1e-6))
        #expect(close(infra[.rule("gtm-share")], -0.5, 1e-6))
        for reason in explanation.requests {
            #expect(close(reason.terms.reduce(0) { $0 + $1.perDollar }, reason.price ?? .nan, 1e-9))
        }
        #expect(explanation.requests.first { $0.id == "aes" }?.code == .heldByRule)
    }

    @Test func aRatioOfAllSpendReadsLikeAShare() throws {
        // platform <= 0.3 x all spend: infra is held at 0.3 of 1M, the rest goes to ads and aes.
        let ratio = Constraint(
            id: "rd-of-all", kind: .ratio(to: Scope(teams: ["marketing", "sales", "platform"]), min: nil, max: 0.3),
            scope: Scope(teams: ["platform"]))
        let requests = [
            Make.request("ads", team: "marketing", amount: 500_000, perDollar: 1),
            Make.request("aes", team: "sales", amount: 500_000, perDollar: 0.9),
            Make.request("infra", team: "platform", amount: 800_000, perDollar: 2),
        ]
        let explanation = try Explainer.explain(Make.plan(requests, total: 1_000_000, constraints: [ratio], groups: Self.groups))
        #expect(close(explanation.allocation.allocated("infra"), 300_000))
        let infra = Self.terms(explanation, "infra"), ads = Self.terms(explanation, "ads")
        let member = try #require(infra[.rule("rd-of-all")]), other = try #require(ads[.rule("rd-of-all")])
        #expect(member > 0 && other < 0)
        #expect(close(member / other, -0.7 / 0.3, 1e-6))
    }

    /// A minimum share holds back a request outside its scope: the reason names the share,
    /// though the request's column is not in the share's row (it reaches it through T).
    @Test func aMinimumShareBlocksARequestOutsideIt() throws {
        let share = Constraint(id: "gtm-share", kind: .share(min: 0.5, max: nil), scope: Scope(groups: ["gtm"]))
        let requests = [
            Make.request("ads", team: "marketing", amount: 300_000, perDollar: 2),
            Make.request("infra", team: "platform", amount: 800_000, perDollar: 1),
        ]
        let explanation = try Explainer.explain(Make.plan(requests, total: 1_200_000, constraints: [share], groups: Self.groups))
        #expect(close(explanation.allocation.allocated("infra"), 300_000))
        let infra = try #require(explanation.requests.first { $0.id == "infra" })
        #expect(infra.fullFundingAt?.blockedBy == .rule("gtm-share"))
        #expect(infra.fullFundingAt?.valuePerDollar == nil)
    }

    @Test func theDefinitionOfTIsNeverACause() throws {
        let plan = try PlanReader.read(path: Repository.model("northwind.json")).plan
        let formulation = Formulation(plan)
        #expect(formulation.totalSpendColumn != nil)
        let explanation = try Explainer.explain(plan, options: ExplainOptions(thresholds: .none, ruleEffects: false))
        let kinds = Set(explanation.requests.flatMap(\.terms).map(\.ref.kind))
        #expect(kinds.isSubset(of: [.budget, .period, .rule, .target, .requires]))
        let words = Words(plan: plan)
        #expect(!explanation.requests.flatMap(\.terms).contains { words.ruleLabel($0.ref) == "total spend" })
    }

    /// With T, the total budget is one coefficient on T, not one per request.
    @Test func theBudgetRowIsWrittenOnT() throws {
        let formulation = Formulation(Make.plan(Self.gtm, total: 1_200_000, constraints: [Self.share], groups: Self.groups))
        let total = try #require(formulation.totalSpendColumn)
        let budget = try #require(formulation.totalBudgetRow)
        #expect(formulation.program.constraints[budget.index].terms.map(\.variable) == [total])
        #expect(formulation.program.constraints[budget.index].upperBound == 1_200_000)
    }

    /// A two-sided ratio between two groups: each group's spend is a column of its own, each
    /// ratio row has two coefficients, and the optimum is that of the program written out.
    @Test func groupsUsedTwiceGetASpendColumnAndSolveAsWrittenOut() throws {
        var requests: [Request] = []
        var rates: [Double] = []
        for index in 0..<10 {
            let rate = 0.5 + 0.17 * Double((index * 7) % 10)
            rates.append(rate)
            requests.append(Make.request("r\(index)", team: index < 5 ? "sales" : "platform", amount: 100_000 + 10_000 * Double(index), perDollar: rate))
        }
        let ratio = Constraint(
            id: "rd-to-gtm", kind: .ratio(to: Scope(groups: ["gtm"]), min: 0.6, max: 0.9), scope: Scope(teams: ["platform"]))
        let plan = Make.plan(requests, total: 1_000_000, constraints: [ratio], groups: ["sales": ["gtm"]])
        let formulation = Formulation(plan)
        #expect(formulation.totalSpendColumn == nil)
        #expect(formulation.spendDefinitions.count == 2)
        for side in [Formulation.Side.min, .max] {
            let row = try #require(formulation.rowRoles.firstIndex(of: .rule(0, side)))
            #expect(formulation.program.constraints[row].terms.count == 2)
        }
        #expect(PlanSolver.size(of: plan).columns == formulation.program.variables.count)

        // The same program with every request written out in both rows.
        var written = LinearProgram(sense: .maximize)
        let columns = requests.indices.map { written.addVariable(name: "a\($0)", lowerBound: 0, upperBound: requests[$0].amount, objective: rates[$0]) }
        written.addConstraint(name: "budget", terms: columns.map { ($0, 1) }, upperBound: 1_000_000)
        for (ratio, isMin) in [(0.6, true), (0.9, false)] {
            let terms = columns.indices.map { (columns[$0], $0 < 5 ? -ratio : 1.0) }
            written.addConstraint(name: isMin ? "min" : "max", terms: terms, lowerBound: isMin ? 0 : nil, upperBound: isMin ? nil : 0)
        }
        let expected = try #require(try Solver(written).solve().objective)
        let allocation = try PlanSolver.solve(plan)
        #expect(close(allocation.value, expected, 1e-6))
        let rd = (5..<10).reduce(0) { $0 + allocation.allocated("r\($1)") }
        let gtm = (0..<5).reduce(0) { $0 + allocation.allocated("r\($1)") }
        #expect(rd >= 0.6 * gtm - 1 && rd <= 0.9 * gtm + 1)

        // Reasons read as if the groups' spend were written out: a member's dollar carries the
        // ratio's price once, the other group's -ratio times it, and the terms sum to the price.
        let explanation = try Explainer.explain(plan, options: ExplainOptions(thresholds: .none))
        for reason in explanation.requests {
            #expect(close(reason.terms.reduce(0) { $0 + $1.perDollar }, reason.price ?? .nan, 1e-9))
        }
    }

    /// Amounts are cents, and whole dollars within the solver's accuracy.
    @Test func allocationsAreWholeDollarsWithinTheSolversAccuracy() {
        #expect(Formulation.allocation(200_000.005_644, ask: 400_000) == 200_000)
        #expect(Formulation.allocation(374_276.094_276, ask: 700_000) == 374_276.09)
        #expect(Formulation.allocation(199_999.994_5, ask: 200_000) == 200_000)
        #expect(Formulation.allocation(1_000.01, ask: 2_000) == 1_000.01)
        #expect(Formulation.allocation(0.4, ask: 1_000_000) == 0)
        #expect(Formulation.allocation(12.345, ask: 50) == 12.345)
    }
}
