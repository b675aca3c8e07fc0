import Testing
import TestSupport

@testable import Allot
@testable import AllotReports
import LinearSolver
@testable import PlanFormat

/// `allot cuts`: the budget walked down, checked against cold solves at every level.
@Suite struct CutsTests {
    static func plan(_ name: String) throws -> Plan {
        try PlanReader.read(path: Repository.root + "/Tests/Fixtures/\(name)").plan
    }

    static func cuts(_ plan: Plan, top: CutsTop = .level(.share(1)), bottom: BudgetLevel? = nil) throws -> BudgetCuts {
        try SolvedPlan(plan, diagnose: false).cuts(top: top, bottom: bottom, deadline: Deadline(seconds: 60))
    }

    /// Five requests at $3, $2.5, $2, $1.5 and $1 per dollar, the first with $100k committed:
    /// they lose money in the reverse order of their return, each down to its minimum before the
    /// next starts.
    @Test func aKnownCutOrder() throws {
        let cuts = try Self.cuts(try Self.plan("cut-order.json"))
        #expect(cuts.cutOrder.map(\.request) == ["e", "d", "c", "b", "a"])
        let lost = cuts.cutOrder.map { $0.firstDollarLostAt ?? -1 }
        let minimum = cuts.cutOrder.map { $0.atMinimumFrom ?? -1 }
        for (got, want) in zip(lost, [1_000_000.0, 900_000, 750_000, 500_000, 300_000]) { #expect(abs(got - want) < 0.01) }
        for (got, want) in zip(minimum, [900_000.0, 750_000, 500_000, 300_000, 100_000]) { #expect(abs(got - want) < 0.01) }
        #expect(abs((cuts.lowestFeasibleBudget ?? 0) - 100_000) < 0.01)
        #expect(cuts.setBy == [.committed("a")])
        #expect(!cuts.sampled)
        // The value of one more dollar above each level is the return of the request cut there.
        #expect(cuts.breakpoints.compactMap(\.marginalValueAbove).map { ($0 * 100).rounded() / 100 } == [0, 1, 1.5, 2, 2.5, 3])
        #expect(cuts.breakpoints.first?.bindingAdded == [.budget])
    }

    /// Every breakpoint, and every midpoint between two, against a cold solve at that total: the
    /// same value to 1e-9 (and the cent amounts are rounded to), and the same allocation where
    /// the optimum is unique.
    @Test func everyLevelEqualsAColdSolve() throws {
        let plan = try Self.plan("cuts-linear.json")
        let cuts = try Self.cuts(plan)
        #expect(cuts.breakpoints.count >= 10)
        var levels = cuts.breakpoints.map { ($0.budget, $0.value, $0.unique == true ? $0.allocations.dictionary : nil) }
        for (high, low) in zip(cuts.breakpoints, cuts.breakpoints.dropFirst()) {
            // Between two breakpoints every allocation is the straight line between them.
            let middle = (high.budget + low.budget) / 2
            let line = high.allocations.ids.reduce(into: [String: Double]()) { result, id in
                result[id] = (high.allocations[id]! + low.allocations[id]!) / 2
            }
            levels.append((middle, (high.value + low.value) / 2, high.unique == true && low.unique == true ? line : nil))
        }
        for (budget, value, allocations) in levels {
            var atLevel = plan
            atLevel.budget.total = budget
            let cold = try PlanSolver.solve(atLevel)
            #expect(cold.status == .optimal, "\(budget)")
            // Amounts are whole cents: a cent that rounds the other way on a request at the
            // plan's highest return ($2.50 per $1) moves the value by 2.5 cents.
            #expect(abs(cold.value - value) <= 1e-9 * max(1, abs(value)) + 0.025, "value at \(budget): walk \(value), cold \(cold.value)")
            if let allocations {
                for request in cold.requests {
                    #expect(abs(request.allocated - allocations[request.id]!) <= max(1, request.asked * 1e-6), "\(request.id) at \(budget)")
                }
            }
        }
    }

    @Test func theLowestFeasibleTotalIsExact() throws {
        let plan = try Self.plan("cuts-linear.json")
        let cuts = try Self.cuts(plan)
        let lowest = try #require(cuts.lowestFeasibleBudget)
        var at = plan
        at.budget.total = lowest + 1
        #expect(try PlanSolver.solve(at).status == .optimal)
        at.budget.total = lowest - 100
        #expect(try PlanSolver.solve(at).status == .infeasible)
        // The rules that set it include the ARR target and the fairness floor; each one named,
        // freed, lowers the least spend.
        #expect(cuts.setBy.contains(.target("arr")))
        #expect(cuts.setBy.contains { $0.kind == .rule && $0.id == "fair-share" })
        for ref in cuts.setBy where ref.kind == .rule && ref.team == nil {
            var without = plan
            without.constraints.removeAll { $0.id == ref.id }
            let lowered = try SolvedPlan(without, diagnose: false).cuts(deadline: Deadline(seconds: 60))
            #expect((lowered.lowestFeasibleBudget ?? .infinity) < lowest - 0.5, "\(ref.id)")
        }
    }

    @Test func aTopBelowTheLowestFeasibleTotalIsRefusedWithIt() throws {
        let plan = try Self.plan("cut-order.json")
        #expect(throws: CutsError.self) { try Self.cuts(plan, top: .level(.amount(50_000))) }
        let result = runAllot(["cuts", Repository.root + "/Tests/Fixtures/cut-order.json", "--top", "50k"])
        #expect(result.code == 1)
        #expect(result.err.contains("the top, $50k, is below the lowest total at which every rule can hold: $100k, set by the committed spend of 1 request; "
            + "give a --top of $100k or more, or add --best-effort and a --bottom to see what misses the rules least below it"))
    }

    @Test func levelsAndSaturationSetTheEnds() throws {
        let plan = try Self.plan("cut-order.json")
        let saturated = try Self.cuts(plan, top: .saturation, bottom: .amount(600_000))
        #expect(abs(saturated.top - 1_000_000) < 0.01)
        #expect(abs(saturated.bottom - 600_000) < 0.01)
        #expect(saturated.cutOrder.first { $0.request == "a" }?.firstDollarLostAt == nil)
        let cut = try Self.cuts(plan, top: .level(.relativeChange(-0.2)))
        #expect(abs(cut.top - 800_000) < 0.01)
    }

    @Test func integerPlansAreSampledAndSaySo() throws {
        let plan = try PlanReader.read(path: Repository.model("northwind.json")).plan
        let cuts = try Self.cuts(plan)
        #expect(cuts.sampled)
        #expect(cuts.samplingReason == .wholeUnits)
        #expect(cuts.breakpoints.count == 21)
        #expect(cuts.breakpoints.allSatisfy { $0.marginalValueAbove == nil })
        let text = CutsReport.text(cuts, plan: plan)
        #expect(text.contains("the levels below are 21 samples"))
        // Northwind's hard ARR target and fairness floor need $28.5M.
        #expect(text.contains("The lowest total at which every rule can hold is $28.46M, set by"), "\(text)")
        #expect(cuts.setBy.contains(.target("arr")))
    }

    @Test func theJSONHasTheDocumentedShape() throws {
        let result = runAllot(["cuts", Repository.root + "/Tests/Fixtures/cut-order.json", "--json"])
        #expect(result.code == 0)
        let json = try JSONParser.parse(Array(result.out.utf8)).jsonValue
        for key in ["formatVersion", "top", "bottom", "lowestFeasibleBudget", "sampled", "breakpoints", "cutOrder"] {
            #expect(json[key] != nil, "\(key)")
        }
        guard case .array(let points) = json["breakpoints"], case .object(let first) = points.first else {
            Issue.record("no breakpoints")
            return
        }
        #expect(first.map(\.key) == ["budget", "value", "marginalValueAbove", "unique", "allocations", "starts", "stops", "binding"])
    }

    /// The nested path never gives a request more than at the level above, except the raises it
    /// lists; it gives up value against the optimum at each level, never less than none.
    @Test func theNestedPathNeverRaisesARequestUnlessARuleForcesIt() throws {
        let plan = try Self.plan("cuts-linear.json")
        let solved = try SolvedPlan(plan, diagnose: false)
        let nested = try solved.cuts(nested: true, deadline: Deadline(seconds: 60))
        let optimal = try solved.cuts(deadline: Deadline(seconds: 60))
        #expect(nested.nested)
        #expect(nested.breakpoints.count >= 10)
        var raisesSeen = 0
        for (above, here) in zip(nested.breakpoints, nested.breakpoints.dropFirst()) {
            for (id, amount) in here.allocations.dictionary {
                let before = above.allocations[id]!
                guard amount > before + 1 else { continue }
                let raise = here.forcedRaises.first { $0.request == id }
                #expect(raise != nil, "\(id) rises at \(here.budget) without a forced raise")
                #expect(abs((raise?.amount ?? 0) - (amount - before)) < 1)
                #expect(raise?.cause != nil)
                raisesSeen += 1
            }
        }
        // This plan's ARR target forces raises as the total falls.
        #expect(raisesSeen > 0)
        for point in nested.breakpoints {
            let given = try #require(point.valueGivenUp)
            #expect(given >= 0)
            if let best = optimal.breakpoints.first(where: { abs($0.budget - point.budget) < 1 }) {
                #expect(abs(best.value - point.value - given) <= 1e-6 * max(1, best.value))
            }
        }
        // Where the optimal path already nests, nothing is given up.
        let simple = try Self.cuts(try Self.plan("cut-order.json"))
        let simpleNested = try SolvedPlan(try Self.plan("cut-order.json"), diagnose: false).cuts(nested: true, deadline: Deadline(seconds: 60))
        #expect(simpleNested.breakpoints.allSatisfy { ($0.valueGivenUp ?? 1) < 1e-6 })
        #expect(simpleNested.cutOrder.map(\.request) == simple.cutOrder.map(\.request))
    }

    /// Below the lowest feasible total, best effort: sampled levels, each equal to the best-effort
    /// solve at that total.
    @Test func bestEffortGoesOnBelowTheLowestFeasibleTotal() throws {
        let plan = try PlanReader.read(path: Repository.model("northwind.json")).plan
        let cuts = try SolvedPlan(plan, diagnose: false)
            .cuts(bottom: .relativeChange(-0.3), samples: 5, bestEffort: true, deadline: Deadline(seconds: 120))
        #expect(cuts.bestEffortLevels.count == 5)
        let lowest = try #require(cuts.lowestFeasibleBudget)
        for level in cuts.bestEffortLevels {
            #expect(level.budget < lowest)
            #expect(!level.misses.isEmpty)
            var at = plan
            at.budget.total = level.budget
            let best = try #require(try SolvedPlan.bestEffort(at))
            #expect(abs(best.value - level.value) <= 1e-6 * max(1, best.value))
        }
        // The ARR target gives first, and gives more as the total falls.
        let arr = cuts.bestEffortLevels.map { level in level.misses.first { $0.ref.kind == .target }?.amount ?? 0 }
        #expect(zip(arr, arr.dropFirst()).allSatisfy { $0 <= $1 + 1 })
        let usage = runAllot(["cuts", Repository.model("northwind.json"), "--best-effort"])
        #expect(usage.code == 64)
        #expect(usage.err.contains("give --bottom"))
    }
}
