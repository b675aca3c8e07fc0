import Testing
import TestSupport

@testable import Allot
@testable import AllotReports
@testable import PlanFormat

/// Every impact form and request option on small plans whose optimum is worked out by hand.
@Suite struct FormulationTests {
    @Test func linearRequestsFillByValuePerDollar() throws {
        // Budget 1M: A (2.0/$, 600k) in full, B (1.5/$) gets the remaining 400k, C (0.5/$) nothing.
        let plan = Make.plan([
            Make.request("a", amount: 600_000, perDollar: 2),
            Make.request("b", amount: 600_000, perDollar: 1.5),
            Make.request("c", amount: 400_000, perDollar: 0.5),
        ], total: 1_000_000)
        let result = try PlanSolver.solve(plan)
        #expect(result.status == .optimal)
        #expect(close(result.allocated("a"), 600_000))
        #expect(close(result.allocated("b"), 400_000))
        #expect(close(result.allocated("c"), 0))
        #expect(result.status("a") == .full)
        #expect(result.status("b") == .partial)
        #expect(result.status("c") == .unfunded)
        #expect(close(result.value, 1_200_000 + 600_000))
        #expect(close(result.spend, 1_000_000))
        // The last dollar went to B: one more dollar of budget is worth 1.5.
        #expect(close(result.cutoff, 1.5, 1e-6))
        #expect(result.integerReasons.isEmpty)
    }

    @Test func concaveCurveSolvesAsLinearProgram() throws {
        // Curve: 1.5/$ up to 200k, then 0.5/$ to 400k. Linear rival at 1.0/$.
        // Budget 600k: 200k to the curve's first slice, 400k to the rival; value 300k + 400k.
        let plan = Make.plan([
            Make.request("curve", amount: 400_000, curve: [(200_000, 300_000), (400_000, 400_000)]),
            Make.request("rival", amount: 500_000, perDollar: 1),
        ], total: 600_000)
        let result = try PlanSolver.solve(plan)
        #expect(result.integerReasons.isEmpty)
        #expect(close(result.allocated("curve"), 200_000))
        #expect(close(result.allocated("rival"), 400_000))
        #expect(close(result.value, 700_000))
        #expect(close(result.kpi("value").achieved, 700_000))
        #expect(close(result.cutoff, 1))
    }

    @Test func nonConcaveCurveIsSolvedExactly() throws {
        // Curve: 0.5/$ for the first 100k, then 3.0/$ to 200k. Rival at 1.0/$.
        // Budget 150k: the curve at 150k gives 50k + 150k = 200k, better than the rival (150k).
        // A linear program would take the 3.0 slice first and claim 325k, which is not real.
        let plan = Make.plan([
            Make.request("curve", amount: 200_000, curve: [(100_000, 50_000), (200_000, 350_000)]),
            Make.request("rival", amount: 300_000, perDollar: 1),
        ], total: 150_000)
        let result = try PlanSolver.solve(plan)
        #expect(result.integerReasons.count == 1)
        guard case .slicesInOrder(request: "curve")? = result.integerReasons.first else {
            Issue.record("expected the curve's slices in order, not \(result.integerReasons)")
            return
        }
        #expect(Words(plan: plan).integerReason(result.integerReasons[0]).contains("not concave"))
        #expect(close(result.allocated("curve"), 150_000))
        #expect(close(result.value, 200_000))
    }

    @Test func unitCostFundsWholeUnits() throws {
        // Five AEs at 200k (2.0/$); budget 750k: three AEs (600k), the rest (150k) to a 1.0/$ request.
        let plan = Make.plan([
            Make.request("ae", amount: 1_000_000, perDollar: 2, unitCost: 200_000),
            Make.request("events", amount: 500_000, perDollar: 1),
        ], total: 750_000)
        let result = try PlanSolver.solve(plan)
        #expect(close(result.allocated("ae"), 600_000))
        #expect(result.requests[0].unitsFunded == 3)
        #expect(result.requests[0].unitsAsked == 5)
        #expect(close(result.allocated("events"), 150_000))
        #expect(close(result.value, 1_350_000))
        // With the three AEs held, the next freely placed dollar goes to events: 1.0.
        #expect(close(result.cutoff, 1, 1e-6))
        #expect(result.rules.allSatisfy { $0.shadowPrice == nil })  // integer plans: no rule prices from duals
    }

    @Test func allOrNothingIsZeroOrTheAmount() throws {
        let requests = [
            Make.request("project", amount: 500_000, allOrNothing: true, total: 1_000_000),
            Make.request("other", amount: 1_000_000, perDollar: 1.2),
        ]
        // 400k cannot fund the project: all goes to the other request.
        let small = try PlanSolver.solve(Make.plan(requests, total: 400_000))
        #expect(close(small.allocated("project"), 0))
        #expect(close(small.allocated("other"), 400_000))
        // 600k funds the project (2.0/$ on average) and 100k of the other.
        let large = try PlanSolver.solve(Make.plan(requests, total: 600_000))
        #expect(close(large.allocated("project"), 500_000))
        #expect(close(large.allocated("other"), 100_000))
        #expect(close(large.value, 1_000_000 + 120_000))
    }

    @Test func minIfFundedIsZeroOrAtLeastTheMinimum() throws {
        let requests = [
            Make.request("pilot", amount: 500_000, perDollar: 1.5, minIfFunded: 300_000),
            Make.request("other", amount: 1_000_000, perDollar: 1),
        ]
        let small = try PlanSolver.solve(Make.plan(requests, total: 200_000))
        #expect(close(small.allocated("pilot"), 0))
        #expect(close(small.allocated("other"), 200_000))
        let large = try PlanSolver.solve(Make.plan(requests, total: 350_000))
        #expect(close(large.allocated("pilot"), 350_000))
    }

    @Test func committedSpendIsFundedFirst() throws {
        // Licences: committed 300k of a 400k ask, no impact: held at the floor.
        let plan = Make.plan([
            Make.request("licences", amount: 400_000, min: 300_000),
            Make.request("growth", amount: 1_000_000, perDollar: 1),
        ], total: 800_000)
        let result = try PlanSolver.solve(plan)
        #expect(close(result.allocated("licences"), 300_000))
        #expect(result.status("licences") == .floor)
        #expect(close(result.allocated("growth"), 500_000))
    }

    @Test func confidenceScalesImpact() throws {
        // 2.0/$ at 50% confidence is worth 1.0/$, less than a sure 1.2/$.
        let plan = Make.plan([
            Make.request("bet", amount: 500_000, perDollar: 2, confidence: 0.5),
            Make.request("sure", amount: 500_000, perDollar: 1.2),
        ], total: 500_000)
        let result = try PlanSolver.solve(plan)
        #expect(close(result.allocated("sure"), 500_000))
        #expect(close(result.allocated("bet"), 0))
    }

    @Test func curveIsCutAtMax() throws {
        // The curve runs to 1M but max is 400k: impact at max is the curve's value at 400k.
        let plan = Make.plan([
            Make.request("ads", amount: 400_000, curve: [(1_000_000, 1_000_000)]),
        ], total: 2_000_000)
        let result = try PlanSolver.solve(plan)
        #expect(close(result.allocated("ads"), 400_000))
        #expect(close(result.value, 400_000))
    }

    @Test func worthWeighsKPIs() throws {
        // One churn point is worth 300k; 0.5 pp per 100k spent is 1.5/$, beating 1.2/$ of ARR.
        let kpis = [Make.value, KPI(id: "churn", unit: "pp", worth: 300_000)]
        let plan = Make.plan([
            Make.request("arr", amount: 500_000, perDollar: 1.2),
            Make.request("churn", amount: 500_000, perDollar: 0.5 / 100_000, kpi: "churn"),
        ], total: 500_000, kpis: kpis)
        let result = try PlanSolver.solve(plan)
        #expect(close(result.allocated("churn"), 500_000))
        #expect(close(result.kpi("churn").achieved, 2.5))
        #expect(close(result.value, 750_000))
    }

    @Test func tiesGoToLessSpendThenEarlierRequests() throws {
        // Equal value per dollar: the earlier request is preferred.
        let plan = Make.plan([
            Make.request("first", amount: 500_000, perDollar: 1),
            Make.request("second", amount: 500_000, perDollar: 1),
        ], total: 500_000)
        let result = try PlanSolver.solve(plan)
        #expect(close(result.allocated("first"), 500_000))
        #expect(close(result.allocated("second"), 0))
        // Worthless requests are not funded even when money is left.
        let idle = try PlanSolver.solve(Make.plan([Make.request("idle", amount: 100_000)], total: 500_000))
        #expect(close(idle.allocated("idle"), 0))
        #expect(close(idle.spend, 0))
    }
}

@Suite struct ExtremePlanTests {
    @Test func smallBreakpointsOnAHugeRequestAreKept() throws {
        // A curve with kinks at $1 and $2 on a request that can take 1e15 keeps three slices.
        let plan = Make.plan([
            Make.request("b", amount: 1e15, curve: [(1, 1e14), (2, -1e14), (1e15, 1e15)]),
        ], total: 9e11)
        let formulation = Formulation(plan)
        #expect(formulation.requests[0].segments.map(\.end) == [1, 2, 1e15])
        #expect(formulation.isInteger)  // the returns rise after a fall: slices must fill in order
    }

    @Test func hugeAndTinyNumbersTogetherMeetTheTarget() throws {
        let kpis = [KPI(id: "arr", unit: "USD", worth: 1, target: Target(min: 1))]
        let plan = Make.plan([
            Make.request("a", amount: 1e15, perDollar: 1e-9, unitCost: 0.01, kpi: "arr"),
            Make.request("c", amount: 0.01, perDollar: 1e15, minIfFunded: 0.01, kpi: "arr"),
        ], total: 9e11, kpis: kpis)
        let result = try PlanSolver.solve(plan)
        #expect(result.status == .optimal)
        #expect(result.kpi("arr").met == true)
        #expect(close(result.allocated("c"), 0.01))
    }

    @Test func aLargePlanIsFormulatedTheSameInTwoHalves() throws {
        // Every kind of request, 600 of them over 12 teams; made in halves from 2 requests on,
        // and in one pass.
        var requests: [Request] = []
        for index in 0..<600 {
            let amount = Double(50 + index % 17) * 10_000
            let team = "t\(index % 12)"
            switch index % 6 {
            case 0: requests.append(Make.request("r\(index)", team: team, amount: amount, perDollar: 0.5 + Double(index % 7) / 4))
            case 1:
                requests.append(Make.request(
                    "r\(index)", team: team, amount: amount, curve: [(amount / 2, amount), (amount, amount * 1.3)], min: amount / 10))
            case 2: requests.append(Make.request("r\(index)", team: team, amount: amount, perDollar: 1.1, unitCost: amount / 5))
            case 3: requests.append(Make.request("r\(index)", team: team, amount: amount, allOrNothing: true, total: amount * 1.4))
            case 4:
                requests.append(Make.request(
                    "r\(index)", team: team, amount: amount, curve: [(amount / 4, amount / 8), (amount, amount * 2)]))
            default: requests.append(Make.request("r\(index)", team: team, amount: amount, perDollar: 0.9, minIfFunded: amount / 3))
            }
        }
        let plan = Make.plan(requests, total: requests.reduce(0) { $0 + $1.amount } * 0.4)
        let halves = Formulation(plan, halvesFrom: 2)
        let whole = Formulation(plan, halvesFrom: .max)
        #expect(halves.program.variables == whole.program.variables)
        #expect(halves.program.constraints == whole.program.constraints)
        #expect(halves.requests.map(\.allocation.count) == whole.requests.map(\.allocation.count))
        #expect(halves.requests.map(\.segments.count) == whole.requests.map(\.segments.count))
        #expect(halves.requests.map(\.attainableMax) == whole.requests.map(\.attainableMax))
        #expect(halves.program.variables.count == 1_000)
        #expect(halves.isInteger)
    }
}
