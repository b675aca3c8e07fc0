import Testing
import TestSupport

@testable import Allot
@testable import AllotReports
@testable import PlanFormat

/// Explanations name budgets, rules, targets and dependencies by typed references, so a rule
/// called `budget`, `spend` or `period:Q1` is still a rule: the plan explains exactly as it does
/// under other names.
@Suite struct TypedReferenceTests {
    /// The plan with some rules renamed, and the map from the new ids back to the old.
    static func renamed(_ plan: Plan, _ ids: [String: String]) -> (plan: Plan, back: [String: String]) {
        var plan = plan
        var back: [String: String] = [:]
        for index in plan.constraints.indices {
            guard let new = ids[plan.constraints[index].id] else { continue }
            back[new] = plan.constraints[index].id
            // The name stays: only the id changes.
            plan.constraints[index].name = plan.constraints[index].name ?? plan.constraints[index].id
            plan.constraints[index].id = new
        }
        return (plan, back)
    }

    /// The JSON with every rule id mapped back: in references to rules, in the constraints'
    /// ids, in the string `rule` and `blockedBy` beside a reference to a rule, and in a rule
    /// limit's id. Strings beside references to budgets, periods or targets stay as they are.
    static func mapBack(_ value: JSONValue, _ back: [String: String]) -> JSONValue {
        switch value {
        case .array(let items):
            return .array(items.map { mapBack($0, back) })
        case .object(let members):
            let isRule: (JSONValue?) -> Bool = { $0?["kind"] == .string("rule") }
            let refIsRule = isRule(value["ref"])
            let blockIsRule = isRule(value["blockedByRef"])
            let isReferenceToRule = value["kind"] == .string("rule")
            return .object(members.map { key, member in
                var member = mapBack(member, back)
                if case .string(let id) = member, let old = back[id] {
                    let renamedHere = (key == "id" && (refIsRule || isReferenceToRule)) || (key == "rule" && refIsRule)
                        || (key == "blockedBy" && blockIsRule)
                    if renamedHere { member = .string(old) }
                }
                if key == "rule", case .object = member, case .string(let id)? = member["id"], let old = back[id] {
                    // fullFundingAt.rule: {id, limit}, always a rule.
                    member = .object([("id", .string(old)), ("limit", member["limit"] ?? .null)])
                }
                return (key, member)
            })
        default:
            return value
        }
    }

    static func explained(_ plan: Plan) throws -> JSONValue {
        ExplanationJSON.render(try Explainer.explain(plan))
    }

    static func expectSame(_ plan: Plan, renaming ids: [String: String], _ what: String) throws {
        let original = try Self.explained(plan)
        let (other, back) = Self.renamed(plan, ids)
        let renamed = try Self.explained(other)
        let changed = renamed != original
        #expect(changed, "\(what): the ids changed, so the JSON did")
        let restored = Self.mapBack(renamed, back)
        // Compared as a whole, and reported request by request (the documents are long).
        let same = restored == original
        #expect(same, "\(what): explains differently under the ids \(ids.values.sorted())")
        guard restored != original,
              case .array(let before)? = original["requests"], case .array(let after)? = restored["requests"]
        else { return }
        for (a, b) in zip(before, after) where a != b {
            Issue.record("\(what): request \(a["id"].map { $0.serialized(pretty: false) } ?? "?") differs: \(b["reason"]?["code"].map { $0.serialized(pretty: false) } ?? "") against \(a["reason"]?["code"].map { $0.serialized(pretty: false) } ?? "")")
        }
    }

    @Test func theDefaultPlanExplainsAlikeWithRulesCalledBudgetSpendAndAPeriod() throws {
        let plan = try PlanReader.read(path: Repository.model("northwind.json")).plan
        try Self.expectSame(
            plan, renaming: ["gtm-share": "budget", "new-heads": "spend", "fair-share": "period:Q1"], "northwind")
    }

    @Test func aPhasedPlanAndItsLeastSpendScenarioExplainAlike() throws {
        let plan = try PlanReader.read(path: Repository.model("quarterly-headcount.json")).plan
        let ids = ["gtm-share": "period:Q1", "new-heads": "budget", "eng-heads": "spend"]
        try Self.expectSame(plan, renaming: ids, "quarterly")
        let lean = try plan.applying(scenario: "lean")
        #expect(lean.objective == .minimizeSpend)
        try Self.expectSame(lean, renaming: ids, "quarterly, least spend")
        // The least spend prices its dollars: a term of its own kind, not a rule's.
        let explanation = try Explainer.explain(Self.renamed(lean, ids).plan)
        let terms = explanation.requests.flatMap(\.terms)
        #expect(terms.contains { $0.ref == .spend && $0.isBudget })
        #expect(!terms.contains { $0.ref == .rule("spend") && $0.isBudget })
    }

    /// A rule called like the budget is held to be a rule: a request it holds is held by a rule.
    @Test func aRuleCalledBudgetHoldsARequestAsARule() throws {
        let plan = Make.plan([
            Make.request("aes", team: "sales", amount: 1_000_000, perDollar: 1.8),
            Make.request("infra", team: "platform", amount: 1_000_000, perDollar: 1),
        ], total: 1_500_000, constraints: [Constraint(id: "budget", name: "Sales cap", kind: .cap(max: 600_000), scope: Scope(teams: ["sales"]))])
        let explanation = try Explainer.explain(plan)
        let aes = try #require(explanation.requests.first { $0.id == "aes" })
        #expect(aes.code == .heldByRule)
        #expect(aes.terms.map(\.ref) == [.budget, .rule("budget")])
        #expect(aes.terms.filter(\.isBudget).map(\.ref) == [.budget])
        #expect(aes.fullFundingAt?.ruleLimit?.ref == .rule("budget"))
        // The JSON keeps format 1's ambiguous strings beside the references.
        let json = ExplanationJSON.render(explanation)
        guard case .array(let requests)? = json["requests"], case .array(let terms)? = requests.first?["terms"] else {
            Issue.record("no terms")
            return
        }
        #expect(terms.map { $0["rule"] } == [.string("budget"), .string("budget")])
        #expect(terms.map { $0["ref"]?["kind"] } == [.string("budget"), .string("rule")])
    }

    @Test func legacyStringsReadAsBefore() {
        #expect(ExplanationJSON.legacyID(.budget) == "budget")
        #expect(ExplanationJSON.legacyID(.spend) == "spend")
        #expect(ExplanationJSON.legacyID(.period("Q1")) == "period:Q1")
        #expect(ExplanationJSON.legacyID(.rule("half", team: "sales")) == "half")
        #expect(ExplanationJSON.legacyID(.target("arr")) == "target:arr")
        #expect(ExplanationJSON.legacyID(.requires("crm", of: "enablement")) == "requires:enablement:crm")
    }

    @Test func defaultIDsStayClearOfTheIDsAPlanGives() throws {
        let text = PlanFixtures.minimal(top: """
            , "constraints": [{"id": "cap-2", "kind": "cap", "max": "1M"}, {"kind": "cap", "max": "2M"}, {"kind": "floor", "min": 0},
             {"id": "cap-2-2", "kind": "cap", "max": "3M"}, {"kind": "cap", "max": "4M"}]
            """)
        let result = ReadResult(text)
        #expect(result.messages.isEmpty, "\(result.messages)")
        let plan = try #require(result.plan)
        #expect(plan.constraints.map(\.id) == ["cap-2", "cap-2-3", "floor-3", "cap-2-2", "cap-5"])
        #expect(Set(plan.constraints.map(\.id)).count == plan.constraints.count)
    }

    @Test func separateConflictsStaySeparateWhateverTheRulesAreCalled() throws {
        let kpis = [KPI(id: "arr", name: "Net new ARR", unit: "USD", worth: 1, target: Target(min: 2_000_000))]
        let plan = Make.plan([
            Make.request("aes", team: "sales", amount: 1_000_000, perDollar: 1, kpi: "arr"),
            Make.request("infra", team: "platform", amount: 800_000),
        ], total: 1_200_000, kpis: kpis, constraints: [
            // Called as the target's conflict is: still another rule.
            Constraint(id: "target:arr:min", name: "Sales share", kind: .share(min: nil, max: 0.3), scope: Scope(teams: ["sales"])),
            Constraint(id: "half", kind: .fairness(minFractionOfAsk: 0.5), scope: Scope(teams: ["sales"])),
        ])
        let allocation = try PlanSolver.solve(plan)
        let diagnosis = try #require(allocation.diagnosis)
        #expect(Set(diagnosis.conflicts.map(\.set)) == [1, 2])
        let summary = allocation.diagnosisWords.summary(diagnosis)
        #expect(summary.hasPrefix("The plan has 2 separate conflicts; fix one rule in each."), "\(summary)")
        #expect(summary.contains("the fairness rule 'half'"), "\(summary)")
    }
}
