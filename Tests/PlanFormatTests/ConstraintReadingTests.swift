import Testing
import TestSupport

@testable import PlanFormat

/// Constraint kinds, their keys, and scopes.
@Suite struct ConstraintReadingTests {
    /// The minimal plan (teams sales [group gtm] and cs, plus an empty team "idle") with these constraints.
    func withConstraints(_ json: String) -> ReadResult {
        let text = PlanFixtures.minimal(top: ",\n  \"constraints\": [\(json)]")
            .replacingFirst(#"{"id": "cs", "requests": ["#, with: #"{"id": "idle", "groups": ["ops"], "requests": []}, {"id": "cs", "requests": ["#)
        return ReadResult(text)
    }

    @Test func readsEveryKind() throws {
        let result = withConstraints("""
            {"id": "c", "name": "Sales cap", "kind": "cap", "scope": {"teams": ["sales"]}, "max": "300k"},
            {"kind": "floor", "scope": {"requests": ["c1"]}, "min": "100k"},
            {"kind": "share", "scope": {"groups": ["gtm"]}, "min": "10%", "max": 0.55},
            {"kind": "ratio", "scope": {"teams": ["sales"]}, "to": {"teams": ["cs"]}, "min": 0.5, "max": 2},
            {"kind": "headcount", "max": 12},
            {"kind": "fairness", "scope": {"teams": ["sales", "cs"]}, "minFractionOfAsk": "50%"}
            """)
        #expect(result.errors.isEmpty)
        let constraints = try #require(result.plan?.constraints)
        #expect(constraints == [
            Constraint(id: "c", name: "Sales cap", kind: .cap(max: 300_000), scope: Scope(teams: ["sales"])),
            Constraint(id: "floor-2", name: "floor-2", kind: .floor(min: 100_000), scope: Scope(requests: ["c1"])),
            Constraint(id: "share-3", name: "share-3", kind: .share(min: 0.1, max: 0.55), scope: Scope(groups: ["gtm"])),
            Constraint(
                id: "ratio-4", name: "ratio-4", kind: .ratio(to: Scope(teams: ["cs"]), min: 0.5, max: 2), scope: Scope(teams: ["sales"])),
            Constraint(id: "headcount-5", name: "headcount-5", kind: .headcount(max: 12)),
            Constraint(id: "fairness-6", name: "fairness-6", kind: .fairness(minFractionOfAsk: 0.5), scope: Scope(teams: ["sales", "cs"])),
        ])
    }

    @Test func kindIsRequiredAndKnown() {
        let missing = withConstraints(#"{"max": "1M"}"#)
        #expect(missing.error(at: "constraints[0]")?.message
            == "missing \"kind\": say which rule this is: one of cap, floor, share, ratio, headcount, fairness")
        let typo = withConstraints(#"{"kind": "capp", "max": "1M"}"#)
        #expect(typo.error(at: "constraints[0].kind")?.message == "unknown constraint kind \"capp\"; did you mean \"cap\"?")
        let far = withConstraints(#"{"kind": "limit", "max": "1M"}"#)
        #expect(far.error(at: "constraints[0].kind")?.message
            == "unknown constraint kind \"limit\"; the kinds are cap, floor, share, ratio, headcount, fairness")
    }

    @Test func eachKindHasItsOwnKeys() {
        let wrong = withConstraints(#"{"kind": "share", "max": 0.5, "minFractionOfAsk": 0.5}"#)
        #expect(wrong.error(at: "constraints[0].minFractionOfAsk")?.message
            == "unknown key \"minFractionOfAsk\" in a share constraint; the keys are id, name, kind, scope, min, max")
        let cap = withConstraints(#"{"kind": "cap"}"#)
        #expect(cap.error(at: "constraints[0]")?.message == "missing \"max\": give the most the scope may get, such as \"max\": \"2M\"")
        let floor = withConstraints(#"{"kind": "floor", "max": 1}"#)
        #expect(floor.error(at: "constraints[0].max")?.message == "unknown key \"max\"; did you mean \"min\"?")
        #expect(floor.error(at: "constraints[0]")?.message == "missing \"min\": give the least the scope must get, such as \"min\": \"1M\"")
        let fairness = withConstraints(#"{"kind": "fairness", "minFractionOfAsk": 2}"#)
        #expect(fairness.error(at: "constraints[0].minFractionOfAsk")?.message
            == "2 is out of range: a fraction is between 0 and 1 (or \"0%\" and \"100%\")")
    }

    @Test func sharesAndRatiosNeedAConsistentRange() {
        let neither = withConstraints(#"{"kind": "share"}"#)
        #expect(neither.error(at: "constraints[0]")?.message == "missing \"min\" or \"max\": give one or both, such as \"max\": 0.55")
        let inverted = withConstraints(#"{"kind": "share", "min": 0.6, "max": 0.4}"#)
        #expect(inverted.error(at: "constraints[0].min")?.message == "min 0.6 is above max 0.4; no allocation can meet both")
        let negative = withConstraints(#"{"kind": "ratio", "to": {"teams": ["cs"]}, "min": -1}"#)
        #expect(negative.error(at: "constraints[0].min")?.message == "a ratio must be at least 0, found -1")
        let noTo = withConstraints(#"{"kind": "ratio", "min": 1}"#)
        #expect(noTo.error(at: "constraints[0]")?.message
            == "missing \"to\": give the scope to compare with, such as \"to\": {\"teams\": [\"product\"]}")
        let emptyTo = withConstraints(#"{"kind": "ratio", "to": {"teams": ["idle"]}, "min": 1}"#)
        #expect(emptyTo.error(at: "constraints[0].to")?.message
            == "the ratio's \"to\" scope selects no request: the teams and groups it names have no requests")
        let headcount = withConstraints(#"{"kind": "headcount", "max": -3}"#)
        #expect(headcount.error(at: "constraints[0].max")?.message == "max must be at least 0, found -3")
    }

    @Test func scopesNameKnownTeamsGroupsAndRequests() {
        let result = withConstraints(#"{"kind": "cap", "max": 1, "scope": {"teams": ["salse"], "groups": ["gmt"], "requests": ["r9"]}}"#)
        #expect(result.error(at: "constraints[0].scope.teams[0]")?.message == "unknown team \"salse\"; did you mean \"sales\"?")
        #expect(result.error(at: "constraints[0].scope.groups[0]")?.message == "unknown group \"gmt\"; did you mean \"gtm\"?")
        #expect(result.error(at: "constraints[0].scope.requests[0]")?.message == "unknown request \"r9\"; did you mean \"r1\"?")
        let far = withConstraints(#"{"kind": "cap", "max": 1, "scope": {"groups": ["marketing"]}}"#)
        #expect(far.error(at: "constraints[0].scope.groups[0]")?.message == "unknown group \"marketing\"; the plan's groups are gtm, ops")
        let typo = withConstraints(#"{"kind": "cap", "max": 1, "scope": {"team": ["sales"]}}"#)
        #expect(typo.error(at: "constraints[0].scope.team")?.message == "unknown key \"team\"; did you mean \"teams\"?")
    }

    @Test func scopesMustSelectSomething() {
        let empty = withConstraints(#"{"kind": "cap", "max": 1, "scope": {}}"#)
        #expect(empty.error(at: "constraints[0].scope")?.message
            == "the scope names nothing: list teams, groups or requests in it, or leave out \"scope\" to mean the whole plan")
        let emptyLists = withConstraints(#"{"kind": "cap", "max": 1, "scope": {"teams": []}}"#)
        #expect(emptyLists.error(at: "constraints[0].scope") != nil)
        let nothing = withConstraints(#"{"kind": "cap", "max": 1, "scope": {"groups": ["ops"]}}"#)
        #expect(nothing.error(at: "constraints[0].scope")?.message
            == "the scope selects no request: the teams and groups it names have no requests")
    }

    @Test func constraintsMustBeObjectsInAnArray() {
        let notArray = ReadResult(PlanFixtures.minimal(top: #", "constraints": {"kind": "cap"}"#))
        #expect(notArray.error(at: "constraints")?.message
            == "expected an array of constraints such as [{\"kind\": \"cap\", \"max\": \"2M\"}], found an object")
        let notObject = withConstraints(#""cap""#)
        #expect(notObject.error(at: "constraints[0]")?.message
            == "expected a constraint, an object such as {\"kind\": \"cap\", \"scope\": {\"teams\": [\"sales\"]}, \"max\": \"2M\"}, found the string \"cap\"")
    }
}
