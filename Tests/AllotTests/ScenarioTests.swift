import Testing
import TestSupport

@testable import Allot
@testable import PlanFormat

/// Reading scenarios, checking them against their plan, and applying them.
@Suite struct ScenarioTests {
    func withScenarios(_ json: String, top: String = "", kpi: String = "") -> ReadResult {
        let constraints = #", "constraints": [{"id": "gtm-cap", "kind": "cap", "scope": {"groups": ["gtm"]}, "max": "300k"}]"#
        return ReadResult(PlanFixtures.minimal(top: constraints + top + ",\n  \"scenarios\": [\(json)]", kpi: kpi))
    }

    @Test func readsEveryScenarioField() throws {
        let result = withScenarios("""
            {"id": "s", "name": "Stress", "budget": {"total": null, "periods": {"H1": "1M"}, "spendAll": false},
             "objective": "minimize-spend", "impactScale": {"kpis": {"arr": 0.5}, "teams": {"cs": 2}},
             "kpis": {"arr": {"worth": 2, "target": {"min": "1M"}}},
             "constraints": {"add": [{"kind": "floor", "min": "10k"}], "remove": ["gtm-cap"]}}
            """)
        #expect(result.errors.isEmpty)
        let scenario = try #require(result.plan?.scenarios.first)
        #expect(scenario == Scenario(
            id: "s", name: "Stress", total: .some(nil), periodBudgets: ["H1": 1_000_000], spendAll: false, objective: .minimizeSpend,
            impactScale: nil, kpiImpactScale: ["arr": 0.5], teamImpactScale: ["cs": 2], kpiWorth: ["arr": 2],
            kpiTarget: ["arr": Target(min: 1_000_000)],
            addedConstraints: [Constraint(id: "floor-2", name: "floor-2", kind: .floor(min: 10_000))], removedConstraints: ["gtm-cap"]))
    }

    @Test func aNullTargetRemovesTheTarget() throws {
        let result = withScenarios(#"{"id": "s", "kpis": {"arr": {"target": null}}}"#, kpi: #", "target": {"min": 5}"#)
        let scenario = try #require(result.plan?.scenarios.first)
        #expect(scenario.kpiTarget == ["arr": Target?.none])
        let applied = try #require(try result.plan?.applying(scenario: "s"))
        #expect(applied.kpis[0].target == nil)
    }

    @Test func referencesAreChecked() {
        let result = withScenarios("""
            {"id": "s", "budget": {"periods": {"H3": 1}}, "impactScale": {"kpis": {"ar": 1}, "teams": {"sale": 1}},
             "kpis": {"churn": {"worth": 1}}, "constraints": {"remove": ["gtm-cp"]}}
            """)
        #expect(result.error(at: "scenarios[0].budget.periods.H3")?.message == "unknown period \"H3\"; did you mean \"H1\"?")
        #expect(result.error(at: "scenarios[0].impactScale.kpis.ar")?.message == "unknown KPI \"ar\"; did you mean \"arr\"?")
        #expect(result.error(at: "scenarios[0].impactScale.teams.sale")?.message == "unknown team \"sale\"; did you mean \"sales\"?")
        #expect(result.error(at: "scenarios[0].kpis.churn")?.message == "unknown KPI \"churn\"; the plan's KPIs are arr")
        #expect(result.error(at: "scenarios[0].constraints.remove[0]")?.message == "unknown constraint \"gtm-cp\"; did you mean \"gtm-cap\"?")
        #expect(result.errors.count == 5)
    }

    @Test func unknownKeysAreRejectedAtEveryLevel() {
        let result = withScenarios("""
            {"id": "s", "budjet": {}, "impactScale": {"kpi": {}}, "kpis": {"arr": {"wort": 1}},
             "constraints": {"ad": []}}
            """)
        #expect(result.error(at: "scenarios[0].budjet")?.message == "unknown key \"budjet\"; did you mean \"budget\"?")
        #expect(result.error(at: "scenarios[0].impactScale.kpi")?.message == "unknown key \"kpi\"; did you mean \"kpis\"?")
        #expect(result.error(at: "scenarios[0].kpis.arr.wort")?.message == "unknown key \"wort\"; did you mean \"worth\"?")
        #expect(result.error(at: "scenarios[0].constraints.ad")?.message == "unknown key \"ad\"; did you mean \"add\"?")
        let budget = withScenarios(#"{"id": "s", "budget": {"totl": 1}}"#)
        #expect(budget.error(at: "scenarios[0].budget.totl")?.message == "unknown key \"totl\"; did you mean \"total\"?")
    }

    @Test func addedConstraintsMayNotReuseAnId() {
        let clash = withScenarios(#"{"id": "s", "constraints": {"add": [{"id": "gtm-cap", "kind": "cap", "max": 1}]}}"#)
        #expect(clash.error(at: "scenarios[0].constraints.add[0].id")?.message
            == "constraint id \"gtm-cap\" is already used in this scenario's plan; give the new constraint another id, or remove the old one in \"remove\"")
        let replaced = withScenarios(#"{"id": "s", "constraints": {"remove": ["gtm-cap"], "add": [{"id": "gtm-cap", "kind": "cap", "max": 1}]}}"#)
        #expect(replaced.errors.isEmpty)
        let badScope = withScenarios(#"{"id": "s", "constraints": {"add": [{"kind": "cap", "max": 1, "scope": {"teams": ["nobody"]}}]}}"#)
        #expect(badScope.error(at: "scenarios[0].constraints.add[0].scope.teams[0]")?.message
            == "unknown team \"nobody\"; the plan's teams are sales, cs")
    }

    @Test func aScenarioMustLeaveTheObjectiveWhatItNeeds() {
        let noTarget = withScenarios(#"{"id": "s", "objective": "minimize-spend"}"#)
        #expect(noTarget.error(at: "scenarios[0].objective")?.message
            == "a minimize-spend plan needs at least one KPI target, and this scenario leaves none; keep or add a target, or use maximize-value")
        let removed = withScenarios(
            #"{"id": "s", "kpis": {"arr": {"target": null}}}"#, top: #", "objective": "minimize-spend""#, kpi: #", "target": {"min": 5}"#)
        #expect(removed.error(at: "scenarios[0].kpis")?.message.hasPrefix("a minimize-spend plan needs at least one KPI target") == true)
        let spendAll = withScenarios(#"{"id": "s", "budget": {"spendAll": true}}"#)
        #expect(spendAll.error(at: "scenarios[0].budget")?.message
            == "spendAll needs a total to spend: give the scenario's budget a \"total\", or set spendAll to false")
        let withTotal = withScenarios(#"{"id": "s", "budget": {"spendAll": true}}"#, top: #", "budget": {"total": "1M"}"#)
        #expect(withTotal.errors.isEmpty)
        let impactScale = withScenarios(#"{"id": "s", "impactScale": -1}"#)
        #expect(impactScale.error(at: "scenarios[0].impactScale")?.message == "impactScale must be at least 0, found -1")
    }

    @Test func applyingTheExampleScenarios() throws {
        let plan = try #require(ReadResult(PlanFixtures.northwind).plan)
        let investor = try plan.applying(scenario: "investor")
        #expect(investor.requests[0].impact["arr"] == .perDollar(2.2 * 0.8))
        #expect(investor.requests[2].impact["churn"] == .curve([
            CurvePoint(spend: 200_000, impact: 1.5 * 0.8), CurvePoint(spend: 400_000, impact: 2.2 * 0.8),
        ]))
        #expect(investor.budget == plan.budget)
        let tight = try plan.applying(scenario: "tight")
        #expect(tight.budget.total == 9_500_000)
        #expect(tight.teams == plan.teams)
    }

    @Test func applyingMultipliesFactorsAndReplacesRules() throws {
        let result = withScenarios("""
            {"id": "s", "budget": {"total": "2M", "periods": {"H2": "1M"}, "spendAll": true}, "objective": "minimize-spend",
             "impactScale": {"kpis": {"arr": 0.5}, "teams": {"cs": 3}}, "kpis": {"arr": {"worth": 4, "target": {"min": 1}}},
             "constraints": {"remove": ["gtm-cap"], "add": [{"id": "new", "kind": "floor", "min": 1}]}}
            """, top: #", "budget": {"total": "1M"}"#)
        let plan = try #require(result.plan)
        let applied = try plan.applying(scenario: "s")
        #expect(applied.budget == Budget(total: 2_000_000, periods: ["H2": 1_000_000], spendAll: true))
        #expect(applied.objective == .minimizeSpend)
        #expect(applied.requests.map { $0.impact["arr"] } == [.perDollar(1), .perDollar(1.5)])
        #expect(applied.kpis[0].worth == 4)
        #expect(applied.kpis[0].target == Target(min: 1))
        #expect(applied.constraints.map(\.id) == ["new"])
        let total = Impact.total(10).scaled(by: 0.5)
        #expect(total == .total(5))
    }

    @Test func anUnknownScenarioSuggestsTheNearest() throws {
        let plan = try #require(ReadResult(PlanFixtures.northwind, source: "northwind.json").plan)
        #expect(throws: UnknownScenarioError(scenario: "investr", file: "northwind.json", available: ["investor", "tight"])) {
            try plan.applying(scenario: "investr")
        }
        let error = UnknownScenarioError(scenario: "investr", file: "northwind.json", available: ["investor", "tight"])
        #expect(error.description == "northwind.json: unknown scenario \"investr\"; did you mean \"investor\"?")
        let far = UnknownScenarioError(scenario: "boom", file: "p.json", available: ["investor", "tight"])
        #expect(far.description == "p.json: unknown scenario \"boom\"; the plan's scenarios are investor, tight")
    }
}
