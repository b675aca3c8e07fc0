import Testing
import TestSupport

@testable import Allot
@testable import AllotReports
@testable import PlanFormat

/// Infeasible plans come back with a minimal conflicting set and the relaxation of each member.
@Suite struct DiagnosisTests {
    @Test func committedSpendAboveTheBudget() throws {
        let plan = Make.plan([
            Make.request("payroll", team: "ops", amount: 5_000_000, min: 5_000_000),
            Make.request("rent", team: "ops", amount: 2_400_000, min: 2_400_000),
            Make.request("ads", team: "marketing", amount: 1_000_000, perDollar: 2),
        ], total: 7_000_000)
        let result = try PlanSolver.solve(plan)
        #expect(result.status == .infeasible)
        let diagnosis = try #require(result.diagnosis)
        let summary = try #require(result.summary)
        #expect(summary == "Committed spend $7.4M exceeds the total budget $7M by $400k. Raise the budget or cut committed spend.")
        #expect(Set(diagnosis.conflicts.map(\.rule)) == ["budget", "committed:payroll", "committed:rent"])
        let budget = try #require(diagnosis.conflicts.first { $0.rule == "budget" })
        #expect(close(budget.needed, 7_400_000))
        #expect(result.relaxation(budget) == "raise the total budget from $7M to $7.4M (+$400k)")
        let rent = try #require(diagnosis.conflicts.first { $0.rule == "committed:rent" })
        #expect(close(rent.needed, 2_000_000))
    }

    @Test func targetOutOfReachUnderACap() throws {
        // ARR comes only from gtm at 1.0/$; gtm is capped at 2M; the target asks 3M.
        let kpis = [KPI(id: "arr", name: "Net new ARR", unit: "USD", worth: 1, target: Target(min: 3_000_000))]
        let plan = Make.plan([
            Make.request("aes", team: "sales", amount: 5_000_000, perDollar: 1, kpi: "arr"),
            Make.request("infra", team: "platform", amount: 5_000_000),
        ], total: 10_000_000, kpis: kpis,
            constraints: [Constraint(id: "gtm-cap", name: "Go-to-market cap", kind: .cap(max: 2_000_000), scope: Scope(teams: ["sales"]))])
        let result = try PlanSolver.solve(plan)
        #expect(result.status == .infeasible)
        let diagnosis = try #require(result.diagnosis)
        #expect(Set(diagnosis.conflicts.map(\.rule)) == ["gtm-cap", "target:arr:min"])
        let cap = try #require(diagnosis.conflicts.first { $0.rule == "gtm-cap" })
        #expect(close(cap.needed, 3_000_000))
        #expect(result.relaxation(cap) == "raise the cap 'Go-to-market cap' from $2M to $3M (+$1M)")
        let target = try #require(diagnosis.conflicts.first { $0.kind == "target" })
        #expect(close(target.needed, 2_000_000))
        let summary = try #require(result.summary)
        #expect(summary.hasPrefix("These rules cannot all hold: the cap 'Go-to-market cap' of $2M and the minimum target of $3M for Net new ARR."))
    }

    @Test func unrelatedRulesAreLeftOut() throws {
        // Many rules, one conflict: the floor on platform exceeds the budget; the others are bystanders.
        let plan = Make.plan([
            Make.request("a", team: "sales", amount: 500_000, perDollar: 1),
            Make.request("b", team: "platform", amount: 900_000, perDollar: 1),
            Make.request("c", team: "people", amount: 300_000, perDollar: 0.5),
        ], total: 600_000, constraints: [
            Constraint(id: "sales-cap", kind: .cap(max: 400_000), scope: Scope(teams: ["sales"])),
            Constraint(id: "people-share", kind: .share(min: nil, max: 0.3), scope: Scope(teams: ["people"])),
            Constraint(id: "platform-floor", kind: .floor(min: 800_000), scope: Scope(teams: ["platform"])),
        ])
        let result = try PlanSolver.solve(plan)
        let diagnosis = try #require(result.diagnosis)
        #expect(Set(diagnosis.conflicts.map(\.rule)) == ["budget", "platform-floor"])
        let floor = try #require(diagnosis.conflicts.first { $0.rule == "platform-floor" })
        #expect(close(floor.needed, 600_000))
    }

    @Test func integerPlansAreDiagnosedWithIntegrality() throws {
        // Two hires of 150k under a 250k cap on the team: whole units make 2 heads impossible.
        let plan = Make.plan([
            Make.request("hires", team: "eng", amount: 300_000, min: 300_000, unitCost: 150_000),
        ], total: 1_000_000, constraints: [
            Constraint(id: "eng-cap", kind: .cap(max: 250_000), scope: Scope(teams: ["eng"])),
        ])
        let result = try PlanSolver.solve(plan)
        #expect(result.status == .infeasible)
        let diagnosis = try #require(result.diagnosis)
        #expect(Set(diagnosis.conflicts.map(\.rule)) == ["committed:hires", "eng-cap"])
        let cap = try #require(diagnosis.conflicts.first { $0.rule == "eng-cap" })
        #expect(close(cap.needed, 300_000))
    }
}

@Suite struct SeparateConflictTests {
    @Test func everySeparateConflictIsNamedWithItsOwnFix() throws {
        // (1) ARR can reach at most 1M against a 2M target; (2) a 30% share cap on sales
        // against fairness that guarantees sales half its 1M ask out of 1.2M spent.
        let kpis = [KPI(id: "arr", name: "Net new ARR", unit: "USD", worth: 1, target: Target(min: 2_000_000))]
        let plan = Make.plan([
            Make.request("aes", team: "sales", amount: 1_000_000, perDollar: 1, kpi: "arr"),
            Make.request("infra", team: "platform", amount: 800_000),
        ], total: 1_200_000, kpis: kpis, constraints: [
            Constraint(id: "gtm-share", kind: .share(min: nil, max: 0.3), scope: Scope(teams: ["sales"])),
            Constraint(id: "half", kind: .fairness(minFractionOfAsk: 0.5), scope: Scope(teams: ["sales"])),
        ])
        let result = try PlanSolver.solve(plan)
        let diagnosis = try #require(result.diagnosis)
        let summary = try #require(result.summary)
        #expect(Set(diagnosis.conflicts.map(\.set)) == [1, 2])
        let target = try #require(diagnosis.conflicts.first { $0.kind == "target" })
        #expect(close(target.needed, 1_000_000, 1e-6))
        #expect(diagnosis.conflicts.filter { $0.set != target.set }.map(\.rule).sorted() == ["gtm-share", "half:sales"])
        #expect(summary.hasPrefix("The plan has 2 separate conflicts; fix one rule in each."))
    }

    @Test func conflictsThatShareARuleAreBothFoundAndItsFixResolvesBoth() throws {
        // A 1M budget against (1) a 1.5M ARR target that needs 1.5M of spend, and (2) a floor
        // that guarantees platform 900k while sales' committed 400k must also be paid.
        let kpis = [KPI(id: "arr", name: "Net new ARR", unit: "USD", worth: 1, target: Target(min: 1_500_000))]
        let requests = [
            Make.request("aes", team: "sales", amount: 1_500_000, perDollar: 1, min: 400_000, kpi: "arr"),
            Make.request("infra", team: "platform", amount: 900_000),
        ]
        let floor = Constraint(id: "platform-floor", kind: .floor(min: 900_000), scope: Scope(teams: ["platform"]))
        let plan = Make.plan(requests, total: 1_000_000, kpis: kpis, constraints: [floor])
        let result = try PlanSolver.solve(plan)
        let diagnosis = try #require(result.diagnosis)
        let summary = try #require(result.summary)
        #expect(Set(diagnosis.conflicts.map(\.set)) == [1, 2])
        let budgets = diagnosis.conflicts.filter { $0.kind == "budget" }
        #expect(budgets.count == 2)
        // The budget's change must satisfy both conflicts at once: 1.5M + 900k.
        #expect(budgets.allSatisfy { close($0.needed, 2_400_000, 1e-6) })
        #expect(summary.hasPrefix("The plan has 2 conflicts, which share the total budget of $1M"))
        // Every conflict names its committed spend among the rules that cannot all hold.
        #expect(summary.contains("the committed spend of $400k on 'aes'"), "\(summary)")
        let fixed = Make.plan(requests, total: 2_400_000, kpis: kpis, constraints: [floor])
        #expect(try PlanSolver.solve(fixed).status == .optimal)
    }

    /// Each conflict names its rule with a typed reference built where the conflict is found:
    /// the same rule as its string id.
    @Test func conflictsCarryTypedReferences() throws {
        let kpis = [KPI(id: "arr", name: "Net new ARR", unit: "USD", worth: 1, target: Target(min: 2_000_000))]
        let separate = Make.plan([
            Make.request("aes", team: "sales", amount: 1_000_000, perDollar: 1, kpi: "arr"),
            Make.request("infra", team: "platform", amount: 800_000),
        ], total: 1_200_000, kpis: kpis, constraints: [
            Constraint(id: "gtm-share", kind: .share(min: nil, max: 0.3), scope: Scope(teams: ["sales"])),
            Constraint(id: "half", kind: .fairness(minFractionOfAsk: 0.5), scope: Scope(teams: ["sales"])),
        ])
        let first = try #require(try PlanSolver.solve(separate).diagnosis)
        #expect(Set(first.conflicts.map(\.ref)) == [.target("arr", side: .min), .rule("gtm-share"), .rule("half", team: "sales")])
        let target = try #require(first.conflicts.first { $0.kind == "target" })
        #expect(target.ref.kind == .target && target.ref.id == "arr" && target.ref.side == .min && target.ref.team == nil)

        // Enablement needs the CRM, which a cap holds to a tenth of its ask while enablement's
        // committed spend is all of its own; and a Q1 budget below a Q1 commitment.
        let dependent = Make.plan([
            Make.request("enable", team: "sales", amount: 400_000, perDollar: 3, min: 400_000, requires: ["crm"]),
            Make.request("crm", team: "it", amount: 1_000_000, perDollar: 0.5),
        ], total: 5_000_000, constraints: [Constraint(id: "it-cap", kind: .cap(max: 100_000), scope: Scope(teams: ["it"]))])
        let second = try #require(try PlanSolver.solve(dependent).diagnosis)
        let requires = try #require(second.conflicts.first { $0.kind == "requires" })
        #expect(requires.rule == "requires:enable:crm")
        #expect(requires.ref == .requires("crm", of: "enable"))
        #expect(requires.ref.id == "crm" && requires.ref.of == "enable")
        #expect(Set(second.conflicts.map(\.ref)).isSuperset(of: [.committed("enable"), .rule("it-cap")]))

        let phased = Make.plan([
            Make.request("launch", team: "mkt", amount: 500_000, min: 500_000, phasing: ["Q1": 1]),
        ], total: 1_000_000, periods: ["Q1", "Q2"], periodBudgets: ["Q1": 300_000, "Q2": 700_000])
        let third = try #require(try PlanSolver.solve(phased).diagnosis)
        #expect(Set(third.conflicts.map(\.ref)) == [.period("Q1"), .committed("launch")])
        #expect(third.conflicts.allSatisfy { $0.ref == .period("Q1") ? $0.rule == "period:Q1" : $0.rule == "committed:launch" })
    }

    /// The example infeasible plan with $7.412M of committed spend against $7M: a fix is a
    /// boundary, so the budget to raise rounds up ($7.42M, where $7.41M would still fail) and a
    /// commitment to cut rounds down ($2.58M, where $2.59M would still fail).
    @Test func aRaisedLimitRoundsUpAndACutRoundsDown() throws {
        var plan = try PlanReader.read(path: Repository.model("infeasible.json")).plan
        plan.teams[0].requests[0].amount = 2_412_000
        plan.teams[0].requests[0].min = 2_412_000
        plan.teams[0].requests[0].max = 2_412_000
        let result = try PlanSolver.solve(plan)
        let diagnosis = try #require(result.diagnosis)
        let budget = try #require(diagnosis.conflicts.first { $0.ref == .budget })
        #expect(close(budget.needed, 7_412_000))
        #expect(result.relaxation(budget) == "raise the total budget from $7M to $7.42M (+$420k)")
        let engineering = try #require(diagnosis.conflicts.first { $0.ref == .committed("eng-run") })
        #expect(close(engineering.needed, 2_588_000))
        #expect(result.relaxation(engineering) == "cut the committed spend on 'Current engineering team' from $3M to $2.58M")
        // Acting on either fix as shown makes the plan feasible.
        var raised = plan
        raised.budget.total = 7_420_000
        #expect(try PlanSolver.solve(raised).status == .optimal)
        var cut = plan
        cut.teams[1].requests[0].min = 2_580_000
        #expect(try PlanSolver.solve(cut).status == .optimal)
        #expect(AllocationText.render(result).contains("Fixes are rounded to three significant figures toward the side that still works."))
    }

    @Test func aRoundedFixNeverFallsShort() throws {
        // The target can reach at most 1,048,492: "lower it to $1.05M" would still fail.
        let kpis = [KPI(id: "arr", name: "Net new ARR", unit: "USD", worth: 1, target: Target(min: 2_000_000))]
        let plan = Make.plan([
            Make.request("aes", team: "sales", amount: 1_048_492, perDollar: 1, kpi: "arr"),
        ], total: 2_000_000, kpis: kpis)
        let result = try PlanSolver.solve(plan)
        let diagnosis = try #require(result.diagnosis)
        let target = try #require(diagnosis.conflicts.first { $0.kind == "target" })
        #expect(close(target.needed, 1_048_492, 1e-6))
        #expect(result.relaxation(target) == "lower the Net new ARR target from $2M to $1.04M")
    }
}
