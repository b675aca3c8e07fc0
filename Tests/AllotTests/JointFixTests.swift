import Testing
import TestSupport

@testable import Allot
import LinearSolver
@testable import PlanFormat

/// Fixes as plan edits: each conflict's fix, and the joint fix that makes the plan feasible when
/// applied together, checked by re-solving.
@Suite struct JointFixTests {
    /// Committed spend above the budget: the budget itself is the conflict, and the fix raises it.
    @Test func theOvercommittedModelRaisesItsBudget() throws {
        let plan = try PlanReader.read(path: Repository.model("infeasible.json")).plan
        let allocation = try SolvedPlan(plan).allocation
        let joint = try #require(allocation.diagnosis?.jointFix)
        #expect(joint.verified)
        #expect(joint.edits.map(\.path) == ["/budget/total"])
        #expect(joint.edits.first?.to == 7_400_000)
        #expect(try SolvedPlan(plan.applying(joint.edits)).allocation.status == .optimal)
        // Each conflict's own fix is an edit too, and the budget's alone restores the plan.
        let budget = try #require(allocation.diagnosis?.conflicts.first { $0.ref == .budget }?.fix)
        #expect(try SolvedPlan(plan.applying([budget])).allocation.status == .optimal)
    }

    /// The default plan at $26M misses its ARR target: the joint fix lowers the target just enough.
    @Test func aTargetBelowReachIsLowered() throws {
        var plan = try PlanReader.read(path: Repository.model("northwind.json")).plan
        plan.budget.total = 26_000_000
        let joint = try #require(try SolvedPlan(plan).allocation.diagnosis?.jointFix)
        #expect(joint.verified)
        #expect(joint.edits.map(\.ref) == [.target("arr", side: .min)])
        let to = try #require(joint.edits.first?.to)
        #expect(to < 14_000_000 && to > 10_000_000)
        #expect(try SolvedPlan(plan.applying(joint.edits)).allocation.status == .optimal)
    }

    /// A team's fairness floor that cannot hold becomes an exception for that team.
    @Test func aFairnessConflictIsFixedByAnException() throws {
        let plan = Make.plan([
            Make.request("a", team: "x", amount: 400_000, perDollar: 1, min: 300_000),
            Make.request("b", team: "y", amount: 600_000, perDollar: 1),
        ], total: 500_000, constraints: [
            Constraint(id: "fair", kind: .fairness(minFractionOfAsk: 0.5), scope: Scope()),
        ])
        let allocation = try SolvedPlan(plan).allocation
        #expect(allocation.status == .infeasible)
        let joint = try #require(allocation.diagnosis?.jointFix)
        #expect(joint.verified)
        let fairness = joint.edits.filter { if case .rule("fair", .some) = $0.ref { true } else { false } }
        #expect(!fairness.isEmpty, "\(joint.edits)")
        #expect(fairness.allSatisfy { $0.path.hasPrefix("/constraints/0/exceptions/") })
        #expect(try SolvedPlan(plan.applying(joint.edits)).allocation.status == .optimal)
    }
}
