import Testing

@testable import PlanFormat

/// Edits of a plan file: JSON Pointers, their effect on the JSON document and on the plan.
@Suite struct PlanEditTests {
    static let text = """
        {"name": "p", "budget": {"total": "7M"},
         "kpis": [{"id": "arr", "worth": 1, "target": {"min": "14M"}}],
         "teams": [{"id": "a/b", "requests": [
           {"id": "r1", "amount": "1M", "min": "500k", "requires": ["r2"], "impact": {"arr": {"perDollar": 1}}},
           {"id": "r2", "amount": "1M", "impact": {"arr": {"perDollar": 2}}}]}],
         "constraints": [
           {"id": "cap", "kind": "cap", "scope": {"teams": ["a/b"]}, "max": "1.5M"},
           {"id": "fair", "kind": "fairness", "minFractionOfAsk": 0.4}]}
        """

    static func plan() throws -> Plan { try PlanReader.read(bytes: Array(text.utf8), source: "p.json").plan }

    @Test func pointersNameThePlaceInTheFile() throws {
        let plan = try Self.plan()
        #expect(plan.edit(.budget, to: 7_400_000)?.path == "/budget/total")
        #expect(plan.edit(.rule("cap"), to: 2e6)?.path == "/constraints/0/max")
        #expect(plan.edit(.rule("cap"), to: 2e6)?.from == 1_500_000)
        #expect(plan.edit(.rule("fair", team: "a/b"), to: 0.3)?.path == "/constraints/1/exceptions/a~1b")
        #expect(plan.edit(.target("arr"), to: 12e6)?.path == "/kpis/0/target/min")
        #expect(plan.edit(.committed("r1"), to: 0)?.path == "/teams/0/requests/0/min")
        #expect(plan.edit(.requires("r2", of: "r1"), to: nil)?.path == "/teams/0/requests/0/requires/0")
        #expect(plan.edit(.units("r1"), to: 1) == nil)
        #expect(PlanEdit.pointer(["x~y", "a/b"]) == "/x~0y/a~1b")
    }

    @Test func editsApplyToTheDocumentAndToThePlanAlike() throws {
        let plan = try Self.plan()
        let edits = [
            plan.edit(.budget, to: 7_400_000)!, plan.edit(.rule("fair", team: "a/b"), to: 0.3)!,
            plan.edit(.target("arr"), to: 12e6)!, plan.edit(.requires("r2", of: "r1"), to: nil)!,
            plan.edit(.committed("r1"), to: 250_000)!,
        ]
        let document = try JSONParser.parse(Self.text).jsonValue.applying(edits)
        let reread = try PlanReader.read(bytes: Array(document.serialized().utf8), source: "fixed.json").plan
        let applied = plan.applying(edits)
        for edited in [reread, applied] {
            #expect(edited.budget.total == 7_400_000)
            #expect(edited.kpis[0].target?.min == 12e6)
            #expect(edited.teams[0].requests[0].requires.isEmpty)
            #expect(edited.teams[0].requests[0].min == 250_000)
            guard case .fairness(let fairness) = edited.constraints[1].kind else { Issue.record("not fairness"); continue }
            #expect(fairness.exceptions == ["a/b": 0.3])
            #expect(fairness.fraction == 0.4)
        }
        // The rest of the file is as it was: names and amounts as written.
        func first(_ value: JSONValue?, _ index: Int) -> JSONValue? {
            if case .array(let items)? = value, items.indices.contains(index) { return items[index] }
            return nil
        }
        #expect(first(first(document["teams"], 0)?["requests"], 1)?["amount"] == .string("1M"))
    }

    @Test func anEditAtNoPlaceIsAnError() throws {
        let edit = PlanEdit(ref: .committed("x"), path: "/teams/5/requests/0/min", from: nil, to: 1)
        #expect(throws: PlanEditError.self) { try JSONParser.parse(Self.text).jsonValue.applying([edit]) }
    }

    @Test func limitsRoundTowardTheSideWhereTheyHold() {
        #expect(PlanEdit.rounded(7_412_345, up: true) == 7_420_000)
        #expect(PlanEdit.rounded(7_412_345, up: false) == 7_410_000)
        #expect(PlanEdit.rounded(0.40833, up: true) == 0.409)
        #expect(PlanEdit.rounded(12_300_000, up: false) == 12_300_000)
    }
}
