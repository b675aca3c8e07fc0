import Testing
import TestSupport

@testable import Allot
@testable import AllotReports
@testable import PlanFormat

/// Every constraint kind, periods, targets and both objectives on small plans solved by hand.
@Suite struct RuleTests {
    static let gtm = [
        Make.request("ads", team: "marketing", amount: 800_000, perDollar: 2),
        Make.request("aes", team: "sales", amount: 800_000, perDollar: 1.8),
        Make.request("infra", team: "platform", amount: 800_000, perDollar: 1),
    ]
    static let groups = ["marketing": ["gtm"], "sales": ["gtm"]]

    @Test func capLimitsItsScope() throws {
        let cap = Constraint(id: "gtm-cap", kind: .cap(max: 1_000_000), scope: Scope(groups: ["gtm"]))
        let result = try PlanSolver.solve(Make.plan(Self.gtm, total: 1_500_000, constraints: [cap], groups: Self.groups))
        #expect(close(result.allocated("ads"), 800_000))
        #expect(close(result.allocated("aes"), 200_000))
        #expect(close(result.allocated("infra"), 500_000))
        let rule = result.rule("gtm-cap")
        #expect(rule.binding)
        // One more dollar of cap moves a dollar from infra (1.0) to AEs (1.8).
        #expect(close(rule.shadowPrice, 0.8))
        #expect(close(result.cutoff, 1))
    }

    @Test func floorForcesSpend() throws {
        let floor = Constraint(id: "platform-floor", kind: .floor(min: 300_000), scope: Scope(teams: ["platform"]))
        let result = try PlanSolver.solve(Make.plan(Self.gtm, total: 1_000_000, constraints: [floor]))
        #expect(close(result.allocated("infra"), 300_000))
        #expect(close(result.allocated("ads"), 700_000))
        // Raising the floor by a dollar trades a 2.0 dollar for a 1.0 dollar.
        #expect(close(result.rule("platform-floor").shadowPrice, -1))
    }

    @Test func shareCapsAFractionOfSpend() throws {
        // gtm <= 50% of spend; budget 1.2M: gtm 600k (all ads), infra 600k.
        let share = Constraint(id: "gtm-share", kind: .share(min: nil, max: 0.5), scope: Scope(groups: ["gtm"]))
        let result = try PlanSolver.solve(Make.plan(Self.gtm, total: 1_200_000, constraints: [share], groups: Self.groups))
        #expect(close(result.allocated("ads"), 600_000))
        #expect(close(result.allocated("infra"), 600_000))
        let rule = result.rule("gtm-share")
        #expect(rule.binding)
        // Row: gtm - 0.5 x spend <= 0, dual y = 1.0 (ads 2.0 against infra 1.0 per dollar moved).
        // One percentage point is 12k of spend moved: worth 12k.
        #expect(close(rule.shadowPrice, 12_000, 1e-5))
        #expect(Words(plan: result.plan).priceUnit(kind: rule.kind, ref: rule.ref) == "per percentage point")
    }

    @Test func ratioTiesTwoScopes() throws {
        // platform >= 0.5 x gtm; budget 900k: gtm 600k, platform 300k.
        let ratio = Constraint(
            id: "rd-ratio", kind: .ratio(to: Scope(groups: ["gtm"]), min: 0.5, max: nil), scope: Scope(teams: ["platform"]))
        let result = try PlanSolver.solve(Make.plan(Self.gtm, total: 900_000, constraints: [ratio], groups: Self.groups))
        #expect(close(result.allocated("ads"), 600_000))
        #expect(close(result.allocated("infra"), 300_000))
        #expect(result.rule("rd-ratio").binding)
    }

    @Test func headcountCapsUnits() throws {
        let requests = [
            Make.request("ae", team: "sales", amount: 1_000_000, perDollar: 2, unitCost: 200_000),
            Make.request("se", team: "sales", amount: 600_000, perDollar: 1.5, unitCost: 150_000),
            Make.request("tools", team: "ops", amount: 1_000_000, perDollar: 1),
        ]
        let cap = Constraint(id: "heads", kind: .headcount(max: 4))
        let result = try PlanSolver.solve(Make.plan(requests, total: 2_000_000, constraints: [cap]))
        // Four heads: all go to AEs (2.0/$); the rest of the budget to tools.
        #expect(close(result.allocated("ae"), 800_000))
        #expect(close(result.allocated("se"), 0))
        #expect(close(result.allocated("tools"), 1_000_000))
        #expect(result.rule("heads").binding)
        #expect(result.rule("heads").shadowPrice == nil)  // integer plan: priced by re-solving, not duals
    }

    @Test func fairnessGuaranteesAFractionOfEachTeamsAsk() throws {
        let fairness = Constraint(id: "half", kind: .fairness(minFractionOfAsk: 0.5))
        let result = try PlanSolver.solve(Make.plan(Self.gtm, total: 1_600_000, constraints: [fairness]))
        // Each team gets at least 400k; the remaining 400k goes to ads.
        #expect(close(result.allocated("ads"), 800_000))
        #expect(close(result.allocated("aes"), 400_000))
        #expect(close(result.allocated("infra"), 400_000))
        #expect(result.rule("half").binding)
    }

    @Test func requiresKeepsFundedSharesInStep() throws {
        // Enablement (3.0/$) requires the CRM (0.5/$): its funded share cannot exceed the CRM's.
        let requests = [
            Make.request("enable", amount: 400_000, perDollar: 3, requires: ["crm"]),
            Make.request("crm", amount: 200_000, perDollar: 0.5),
            Make.request("other", amount: 1_000_000, perDollar: 1),
        ]
        let result = try PlanSolver.solve(Make.plan(requests, total: 600_000))
        // Both in full: 1.2M + 100k beats any split (3.0 x 400k + 0.5 x 200k = 1.3M).
        #expect(close(result.allocated("enable"), 400_000))
        #expect(close(result.allocated("crm"), 200_000))
        let tight = try PlanSolver.solve(Make.plan(requests, total: 300_000))
        // Enable share s, CRM share s: 400k s + 200k s = 300k: s = 0.5.
        #expect(close(tight.allocated("enable"), 200_000))
        #expect(close(tight.allocated("crm"), 100_000))
    }

    @Test func hardTargetForcesLowerValueSpend() throws {
        // ARR target 300k: only 'sales' brings ARR (0.5/$); it gets 600k although NPS pays more.
        let kpis = [
            KPI(id: "arr", unit: "USD", worth: 1, target: Target(min: 300_000)),
            KPI(id: "nps", unit: "points", worth: 100_000),
        ]
        let requests = [
            Make.request("nps", amount: 1_000_000, perDollar: 1e-5, kpi: "nps"),
            Make.request("sales", amount: 1_000_000, perDollar: 0.5, kpi: "arr"),
        ]
        let result = try PlanSolver.solve(Make.plan(requests, total: 1_000_000, kpis: kpis))
        #expect(close(result.allocated("sales"), 600_000))
        #expect(close(result.kpi("arr").achieved, 300_000))
        #expect(result.kpi("arr").met == true)
        // One more ARR dollar of target costs 2 dollars of NPS spend (1.0/$) less 1 ARR dollar: -1.
        #expect(close(result.kpi("arr").shadowPrice, -1))
    }

    @Test func softTargetTradesPenaltyForValue() throws {
        let requests = [
            Make.request("nps", amount: 1_000_000, perDollar: 1e-5, kpi: "nps"),
            Make.request("sales", amount: 1_000_000, perDollar: 0.5, kpi: "arr"),
        ]
        // Penalty 0.5 per ARR dollar short: meeting it costs 1.0 per ARR dollar, so it is missed.
        let cheap = [
            KPI(id: "arr", unit: "USD", worth: 1, target: Target(min: 300_000, softPenalty: 0.5)),
            KPI(id: "nps", unit: "points", worth: 100_000),
        ]
        let missed = try PlanSolver.solve(Make.plan(requests, total: 1_000_000, kpis: cheap))
        #expect(close(missed.allocated("sales"), 0))
        #expect(close(missed.kpi("arr").shortfall, 300_000))
        #expect(close(missed.value, 1_000_000 - 150_000))
        // Penalty 2 per ARR dollar: worth meeting.
        let costly = [
            KPI(id: "arr", unit: "USD", worth: 1, target: Target(min: 300_000, softPenalty: 2)),
            KPI(id: "nps", unit: "points", worth: 100_000),
        ]
        let met = try PlanSolver.solve(Make.plan(requests, total: 1_000_000, kpis: costly))
        #expect(close(met.allocated("sales"), 600_000))
        #expect(met.kpi("arr").met == true)
    }

    @Test func periodBudgetsBind() throws {
        // Q1 budget 100k; 'early' spends all in Q1, 'late' all in Q2.
        let requests = [
            Make.request("early", amount: 400_000, perDollar: 2, phasing: ["Q1": 1]),
            Make.request("late", amount: 400_000, perDollar: 1, phasing: ["Q2": 1]),
        ]
        let plan = Make.plan(
            requests, total: 1_000_000, periods: ["Q1", "Q2"], periodBudgets: ["Q1": 100_000, "Q2": 900_000])
        let result = try PlanSolver.solve(plan)
        #expect(close(result.allocated("early"), 100_000))
        #expect(close(result.allocated("late"), 400_000))
        // The total does not bind; Q1 does, at 2.0 per dollar.
        #expect(close(result.cutoff, 0))
        #expect(close(result.periods.first { $0.period == "Q1" }?.cutoff, 2))
        #expect(close(result.periods.first { $0.period == "Q1" }?.spend, 100_000))
    }

    @Test func spendAllSpendsTheTotal() throws {
        let requests = [Make.request("a", amount: 1_000_000, perDollar: 1), Make.request("idle", amount: 500_000)]
        let result = try PlanSolver.solve(Make.plan(requests, total: 1_200_000, spendAll: true))
        #expect(close(result.spend, 1_200_000))
        #expect(close(result.allocated("idle"), 200_000))
    }

    @Test func minimizeSpendMeetsTargetsCheaply() throws {
        // Reach 300k ARR at least cost: the 1.5/$ request first (200k), then nothing more.
        let kpis = [KPI(id: "arr", unit: "USD", worth: 1, target: Target(min: 300_000))]
        let requests = [
            Make.request("slow", amount: 1_000_000, perDollar: 0.5, kpi: "arr"),
            Make.request("fast", amount: 200_000, perDollar: 1.5, kpi: "arr"),
        ]
        let result = try PlanSolver.solve(Make.plan(requests, total: 2_000_000, kpis: kpis, objective: .minimizeSpend))
        #expect(close(result.allocated("fast"), 200_000))
        #expect(close(result.allocated("slow"), 0))
        #expect(close(result.spend, 200_000, 1e-6))
        #expect(close(result.kpi("arr").achieved, 300_000, 1e-6))
    }
}
