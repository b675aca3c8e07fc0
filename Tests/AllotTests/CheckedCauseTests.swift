import Testing
import TestSupport

@testable import Allot
@testable import AllotReports
import LinearSolver
@testable import PlanFormat

/// Causes, checked (formulation.md): a reason names a rule as a cause only when removing it moves
/// the request, in the stated direction, by at least what the reports show.
@Suite struct CheckedCauseTests {
    /// B returns little, but A (the best return) requires it; B's team is at a cap of a third of
    /// spend, tight yet not what keeps B funded.
    static func dependency() -> Plan {
        Make.plan([
            Make.request("a", team: "x", amount: 200_000, perDollar: 3, requires: ["b"]),
            Make.request("b", team: "y", amount: 100_000, perDollar: 0.5),
            Make.request("c", team: "x", amount: 200_000, perDollar: 1),
        ], total: 300_000, constraints: [
            Constraint(id: "third", name: "Team y at most a third of spend", kind: .share(min: nil, max: 1.0 / 3), scope: Scope(teams: ["y"])),
        ])
    }

    static func reason(_ explanation: Explanation, _ id: String) throws -> Explanation.RequestReason {
        try #require(explanation.requests.first { $0.id == id })
    }

    /// The dependency, not the tight share rule, is what keeps B funded if it returned nothing.
    @Test func theDependencyIsTheCauseNotTheTightRule() throws {
        let explanation = try Explainer.explain(Self.dependency(), options: ExplainOptions(thresholds: .all))
        let allocation = explanation.allocation
        #expect(abs(allocation.allocated("b") - 100_000) < 0.01)
        #expect(allocation.rules.first { $0.id == "third" }?.binding == true, "the share rule is tight")
        let b = try Self.reason(explanation, "b")
        let kept = try #require(b.causes).filter(\.whenReturningNothing)
        #expect(kept.map(\.ref) == [.requires("b", of: "a")])
        #expect(kept.first?.effect == .holdsUp)
        #expect(kept.first?.certainty == .would)
        #expect(abs((kept.first?.without ?? -1) - 0) < 1)
        let words = ExplanationWords(explanation)
        let text = words.request(try #require(allocation.requests.first { $0.id == "b" }))
        #expect(text.contains("even if it returned nothing"))
        #expect(!text.contains("Team y at most a third of spend"), "\(text)")
        // Checked by hand: without the dependency, and returning nothing, B gets nothing.
        var plan = Self.dependency()
        plan.teams[0].requests[0].requires = []
        plan.teams[1].requests[0].impact = [:]
        #expect(try PlanSolver.solve(plan).allocated("b") < 1)
    }

    /// A rule named as holding a request down moves it when removed; a request held by the
    /// budget alone names no rule.
    @Test func aRuleThatHoldsARequestDownIsCheckedByRemovingIt() throws {
        let plan = Make.plan([
            Make.request("a", team: "x", amount: 300_000, perDollar: 3),
            Make.request("b", team: "y", amount: 300_000, perDollar: 1),
        ], total: 400_000, constraints: [
            Constraint(id: "cap", name: "Team x at most 200k", kind: .cap(max: 200_000), scope: Scope(teams: ["x"])),
        ])
        let explanation = try Explainer.explain(plan, options: ExplainOptions(thresholds: .all))
        let a = try Self.reason(explanation, "a")
        #expect(a.code == .heldByRule)
        let causes = try #require(a.causes)
        #expect(causes.map(\.ref) == [.rule("cap")])
        #expect(causes.first?.effect == .holdsDown && causes.first?.certainty == .would)
        #expect(abs((causes.first?.without ?? 0) - 300_000) < 1)
        var without = plan
        without.constraints = []
        #expect(abs(try PlanSolver.solve(without).allocated("a") - 300_000) < 1)
        let text = ExplanationWords(explanation).request(explanation.allocation.requests[0])
        #expect(text.contains("'Team x at most 200k' is at its limit: without it, it would get $300k"), "\(text)")
    }

    /// Every cause marked `would` moves its request in the stated direction when its rule is
    /// removed, re-solved from scratch: over generated plans with caps, floors and shares.
    @Test func everyWouldCauseMovesItsRequestWhenRemoved() throws {
        var generator = SeededGenerator(seed: 7)
        var checked = 0
        for _ in 0..<100 {
            let plan = Self.generated(&generator)
            guard let explanation = try? Explainer.explain(plan, options: ExplainOptions(thresholds: .all)),
                  explanation.allocation.status == .optimal
            else { continue }
            for reason in explanation.requests {
                for cause in reason.causes ?? [] where cause.certainty == .would && cause.together.isEmpty && !cause.whenReturningNothing {
                    guard case .rule(let id, nil) = cause.ref else { continue }
                    var without = plan
                    without.constraints.removeAll { $0.id == id }
                    let before = explanation.allocation.allocated(reason.id)
                    let after = try PlanSolver.solve(without).allocated(reason.id)
                    switch cause.effect {
                    case .holdsDown: #expect(after > before + 0.5, "\(reason.id) without \(id): \(before) → \(after)")
                    case .holdsUp: #expect(after < before - 0.5, "\(reason.id) without \(id): \(before) → \(after)")
                    }
                    checked += 1
                }
            }
        }
        #expect(checked >= 10, "the generated plans name enough causes to check (\(checked))")
    }

    static func generated(_ generator: inout SeededGenerator) -> Plan {
        var requests: [Request] = []
        for index in 0..<6 {
            let team = ["x", "y", "z"][index % 3]
            let values = [0.5, 1, 1.5, 2, 3]
            requests.append(Make.request(
                "r\(index)", team: team, amount: Double(Int.random(in: 1...4, using: &generator)) * 100_000,
                perDollar: values[Int.random(in: 0..<values.count, using: &generator)]))
        }
        let total = requests.reduce(0) { $0 + $1.amount } * 0.6
        var constraints: [Constraint] = []
        switch Int.random(in: 0..<3, using: &generator) {
        case 0: constraints.append(Constraint(id: "cap", kind: .cap(max: 150_000), scope: Scope(teams: ["x"])))
        case 1: constraints.append(Constraint(id: "floor", kind: .floor(min: 200_000), scope: Scope(teams: ["y"])))
        default: constraints.append(Constraint(id: "share", kind: .share(min: nil, max: 0.3), scope: Scope(teams: ["z"])))
        }
        constraints.append(Constraint(id: "cap2", kind: .cap(max: 250_000), scope: Scope(teams: ["y"])))
        return Make.plan(requests, total: total, constraints: constraints)
    }

    /// Without thresholds no cause is checked, and a note says for how many of the requests whose
    /// reasons would name a rule they were.
    @Test func unCheckedCausesAreCountedInANote() throws {
        let explanation = try Explainer.explain(Self.dependency(), options: ExplainOptions(thresholds: .none))
        #expect(explanation.requests.allSatisfy { $0.causes == nil })
        let counted = explanation.notes.compactMap { note -> (Int, Int)? in
            if case .causesChecked(let checked, let of) = note { return (checked, of) } else { return nil }
        }
        #expect(counted.count == 1 && counted[0].0 == 0 && counted[0].1 >= 1)
        let all = try Explainer.explain(Self.dependency(), options: ExplainOptions(thresholds: .all))
        #expect(!all.notes.contains { if case .causesChecked = $0 { true } else { false } })
    }
}
