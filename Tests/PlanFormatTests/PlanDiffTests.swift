import Testing
import TestSupport

@testable import PlanFormat

/// Two versions of a plan compared element by element, by id.
@Suite struct PlanDiffTests {
    static func version(_ name: String) throws -> Plan {
        try PlanReader.read(path: Repository.root + "/Tests/Fixtures/versions/\(name).json").plan
    }

    @Test func theFixturePairDiffersInExactlyWhatWasEdited() throws {
        let diff = PlanDiff(from: try Self.version("northwind-v1"), to: try Self.version("northwind-v2"))
        let lines = diff.changes.map { "\($0.ref.kind.rawValue) \($0.ref.id) \($0.field): \($0.from?.description ?? "-") -> \($0.to?.description ?? "-")" }
        #expect(lines == [
            "budget total total: 30000000 -> 29500000",
            "kpi churn worth: 350000 -> 400000",
            "ask sec-pentest amount: 120000 -> 150000",
            "request ppl-offsite removed: ppl-offsite -> -",
            "request mkt-brand added: - -> mkt-brand",
            "rule gtm-share max: 0.45 -> 0.4",
            "rule mkt-programs scope: [[requests, mkt-paid, mkt-content, mkt-events, mkt-abm]] -> [[requests, mkt-paid, mkt-content, mkt-events, mkt-abm, mkt-brand]]",
        ])
        #expect(diff.changedRequests == ["sec-pentest", "ppl-offsite", "mkt-brand"])
    }

    @Test func aPlanComparedWithItselfHasNoChanges() throws {
        let plan = try Self.version("northwind-v2")
        #expect(PlanDiff(from: plan, to: plan).isEmpty)
    }

    @Test func aRenamedIdIsARemovalAndAnAddition() throws {
        let old = try Self.version("northwind-v2")
        var new = old
        new.teams[0].requests[0].id = "sales-run-2027"
        let fields = PlanDiff(from: old, to: new).changes.map { "\($0.ref.id) \($0.field)" }
        #expect(fields == ["sales-run removed", "sales-run-2027 added"])
    }

    @Test func aRequestThatMovedTeamIsChangedNotReAdded() throws {
        let old = try Self.version("northwind-v2")
        var new = old
        var moved = new.teams[0].requests.removeLast()
        moved.team = new.teams[1].id
        new.teams[1].requests.append(moved)
        let changes = PlanDiff(from: old, to: new).changes
        #expect(changes.count == 1)
        #expect(changes.first?.ref == .request(moved.id))
        #expect(changes.first?.field == "team")
        #expect(changes.first?.to == .text(new.teams[1].id))
    }
}
