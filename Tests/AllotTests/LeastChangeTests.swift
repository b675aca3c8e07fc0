import Testing
import TestSupport

@testable import Allot
import LinearSolver
@testable import PlanFormat

/// Among equally good allocations, the one that moves the least money from a reference
/// (formulation.md, "Equal value, chosen allocation"): for another total, the plan's own
/// allocation at its budget; for scenarios and versions, the first column.
@Suite struct LeastChangeTests {
    /// c is worth 2 a dollar, a and b 1 each (a tie); 250k buys c and 150k of a and b together.
    static func plan(total: Double = 250_000) -> Plan {
        Make.plan([
            Make.request("a", team: "x", amount: 100_000, perDollar: 1),
            Make.request("b", team: "y", amount: 100_000, perDollar: 1),
            Make.request("c", team: "z", amount: 100_000, perDollar: 2),
        ], total: total)
    }

    @Test func theAllocationClosestToTheReferenceAmongEquallyGoodOnes() throws {
        // The solver's own tie-break favours the request earlier in the file: a full, b half.
        let own = try SolvedPlan(Self.plan()).allocation
        #expect(abs(own.allocated("a") - 100_000) < 0.01 && abs(own.allocated("b") - 50_000) < 0.01)
        #expect(own.leastChange == nil)
        // Kept close to a reference that funds b in full instead.
        let reference: [String: Double] = ["a": 0, "b": 100_000, "c": 100_000]
        let chosen = try SolvedPlan(Self.plan(), leastChange: .allocation(label: "before", amounts: reference)).allocation
        #expect(abs(chosen.allocated("a") - 50_000) < 0.01)
        #expect(abs(chosen.allocated("b") - 100_000) < 0.01)
        #expect(abs(chosen.allocated("c") - 100_000) < 0.01)
        #expect(abs(chosen.value - own.value) <= 1e-9 * own.value, "equally good")
        let choice = try #require(chosen.leastChange)
        #expect(choice.severalEquallyGood == true)
        #expect(choice.referenceLabel == "before" && choice.referenceBudget == nil)
        #expect(abs(choice.moved - 50_000) < 0.01)
        #expect(abs(choice.movedWithoutChoice - 150_000) < 0.01)
    }

    /// A unique optimum is left alone, whatever the reference.
    @Test func aUniqueOptimumIsNotMoved() throws {
        let plan = Make.plan([
            Make.request("a", team: "x", amount: 100_000, perDollar: 1),
            Make.request("c", team: "z", amount: 100_000, perDollar: 2),
        ], total: 150_000)
        let chosen = try SolvedPlan(plan, leastChange: .allocation(label: "before", amounts: ["a": 100_000, "c": 0])).allocation
        #expect(chosen.leastChange == nil)
        #expect(abs(chosen.allocated("c") - 100_000) < 0.01 && abs(chosen.allocated("a") - 50_000) < 0.01)
    }

    /// Another total: kept close to the plan's own allocation at its budget, found by a scoped
    /// re-solve of the same program (the base solve stays one).
    @Test func anotherTotalStaysCloseToThePlansOwnAllocation() throws {
        // At 250k the plan gives a 100k and b 50k. At 400k, with d tied too, everything but 50k of
        // the ties is funded: the least change from 250k keeps a and b and gives d the rest.
        var plan = Make.plan([
            Make.request("a", team: "x", amount: 100_000, perDollar: 1),
            Make.request("b", team: "y", amount: 100_000, perDollar: 1),
            Make.request("c", team: "z", amount: 100_000, perDollar: 2),
        ], total: 250_000)
        let atOwn = try SolvedPlan(plan).allocation
        plan.budget.total = 200_000
        let plain = try SolvedPlan(plan).allocation
        let chosen = try SolvedPlan(plan, leastChange: .budget(250_000)).allocation
        #expect(abs(chosen.value - plain.value) <= 1e-9 * plain.value)
        // No request gains from the plan's own allocation when the total falls.
        for request in chosen.requests {
            #expect(request.allocated <= atOwn.allocated(request.id) + 0.01, "\(request.id)")
        }
        let choice = try #require(chosen.leastChange)
        #expect(choice.referenceBudget == 250_000)
        #expect(abs(choice.moved - 50_000) < 0.01, "the cut itself, and nothing more")
        #expect(choice.moved <= choice.movedWithoutChoice + 0.01)
    }

    /// The walk of cuts chooses the same way: at every level where several allocations are
    /// equally good, the one it shows moves no more money from the plan's own allocation than the
    /// solver's own choice at that total, and is worth as much.
    @Test func cutsShowTheLeastChangeAtEveryTiedLevel() throws {
        let plan = try PlanReader.read(path: Repository.root + "/Tests/Fixtures/cuts-linear.json").plan
        let solved = try SolvedPlan(plan, diagnose: false)
        let own = Dictionary(uniqueKeysWithValues: solved.allocation.requests.map { ($0.id, $0.allocated) })
        let cuts = try solved.cuts(deadline: Deadline(seconds: 60))
        var tied = 0
        for point in cuts.breakpoints where point.unique == false {
            tied += 1
            var atLevel = plan
            atLevel.budget.total = point.budget
            let plain = try SolvedPlan(atLevel, diagnose: false).allocation
            let movedByWalk = own.reduce(0) { $0 + abs(point.allocations[$1.key]! - $1.value) }
            let movedByPlain = plain.requests.reduce(0) { $0 + abs($1.allocated - own[$1.id]!) }
            #expect(movedByWalk <= movedByPlain + 1, "at \(point.budget): walk moves \(movedByWalk), the plain solve \(movedByPlain)")
            #expect(abs(point.value - plain.value) <= 1e-9 * max(1, abs(plain.value)), "at \(point.budget)")
        }
        #expect(tied > 0, "the fixture has tied levels")
    }
}
