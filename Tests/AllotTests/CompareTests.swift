import Foundation
import Testing
import TestSupport

@testable import Allot
@testable import AllotReports
import LinearSolver
@testable import PlanFormat

/// `allot compare`: columns against separate solves, the version diff of a fixture pair, usage
/// errors, the JSON against its schema, and the exit status.
@Suite struct CompareTests {
    static let v1 = Repository.root + "/Tests/Fixtures/versions/northwind-v1.json"
    static let v2 = Repository.root + "/Tests/Fixtures/versions/northwind-v2.json"

    static func json(_ arguments: [String], code: Int32 = 0) throws -> JSONValue {
        let result = runAllot(arguments)
        #expect(result.code == code, "\(arguments): \(result.err)")
        return try JSONParser.parse(Array(result.out.utf8)).jsonValue
    }

    static func array(_ value: JSONValue?) -> [JSONValue] {
        if case .array(let items)? = value { return items }
        return []
    }

    static func number(_ value: JSONValue?) -> Double? {
        if case .number(let number)? = value { return number }
        return nil
    }

    static func string(_ value: JSONValue?) -> String? {
        if case .string(let text)? = value { return text }
        return nil
    }

    /// Each column's value equals `allot solve --budget X` at that level, to 1e-9 relative; a
    /// level equal to the plan's budget is not repeated.
    @Test func budgetColumnsEqualSeparateSolves() throws {
        let model = Repository.model("northwind.json")
        let document = try Self.json(["compare", model, "--budgets", "-2%,28.5M,100%,31M", "--json"])
        let columns = Self.array(document["columns"])
        #expect(columns.compactMap { Self.string($0["label"]) } == ["Northwind Analytics FY2027 operating plan", "-2%", "28.5M", "31M"])
        for (index, column) in columns.enumerated() {
            let arguments = index == 0 ? ["solve", model, "--json"] : ["solve", model, "--budget", Self.string(column["label"])!, "--json"]
            let solved = try Self.json(arguments)
            let want = try #require(Self.number(solved["value"]))
            let got = try #require(Self.number(column["value"]))
            #expect(abs(got - want) <= 1e-9 * max(1, abs(want)), "\(arguments): compare \(got), solve \(want)")
            // The first column's changes are 0, and every change is the difference of the amounts.
            let first = Self.array(columns[0]["requests"])
            for (request, base) in zip(Self.array(column["requests"]), first) {
                let change = try #require(Self.number(request["change"]))
                let amount = try #require(Self.number(request["allocated"])), before = try #require(Self.number(base["allocated"]))
                #expect(abs(change - (amount - before)) < 1e-6)
                if index == 0 { #expect(change == 0 && request["reason"] == .null) }
                if abs(change) > 0.01 { #expect(request["reason"] != .null, "\(Self.string(request["id"]) ?? "")") }
            }
        }
        // The -2% column: the funding line and the headcount cap are among the reasons.
        let codes = Set(Self.array(columns[1]["requests"]).compactMap { Self.string($0["reason"]?["code"]) })
        #expect(codes.contains("funding-line-moved"))
        #expect(codes.contains("stopped-binding"))
    }

    /// The fixture pair: the input changes listed first, `mkt-brand` added, `ppl-offsite`
    /// removed, `sec-pentest` changed because its own ask did.
    @Test func versionsListInputChangesAndTheirRequests() throws {
        let document = try Self.json(["compare", Self.v2, "--against", Self.v1, "--json"])
        let changes = Self.array(document["inputChanges"])
        func has(_ kind: String, _ id: String, _ field: String) -> Bool {
            changes.contains { Self.string($0["ref"]?["kind"]) == kind && Self.string($0["ref"]?["id"]) == id && Self.string($0["field"]) == field }
        }
        #expect(has("request", "mkt-brand", "added"))
        #expect(has("request", "ppl-offsite", "removed"))
        #expect(has("ask", "sec-pentest", "amount"))
        #expect(has("budget", "total", "total"))
        let columns = Self.array(document["columns"])
        #expect(columns.compactMap { Self.string($0["label"]) } == ["northwind-v1.json", "northwind-v2.json"])
        let requests = Self.array(columns[1]["requests"])
        func request(_ id: String) -> JSONValue? { requests.first { Self.string($0["id"]) == id } }
        #expect(Self.string(request("sec-pentest")?["reason"]?["code"]) == "input-changed")
        #expect(Self.string(request("mkt-brand")?["reason"]?["code"]) == "input-changed")
        #expect(Self.string(request("ppl-offsite")?["reason"]?["code"]) == "input-changed")
        // The removed request has no amount in the new version; the added one none in the old.
        #expect(request("ppl-offsite")?["allocated"] == .null)
        #expect(Self.array(columns[0]["requests"]).first { Self.string($0["id"]) == "mkt-brand" }?["allocated"] == .null)
        // Text: the input changes come before the tables.
        let text = runAllot(["compare", Self.v2, "--against", Self.v1])
        #expect(text.code == 0)
        let changesAt = try #require(text.out.range(of: "Input changes, from northwind-v1.json to northwind-v2.json:"))
        let tableAt = try #require(text.out.range(of: "  Team "))
        #expect(changesAt.lowerBound < tableAt.lowerBound)
        // Long lines wrap with a four-space indent.
        let flat = text.out.replacingOccurrences(of: "\n    ", with: " ")
        #expect(flat.contains("ask sec-pentest, amount: $120k → $150k"))
        #expect(flat.contains("'Penetration tests and bug bounty' (Security & IT): $150k, +$30k; its inputs differ: amount $120k → $150k."))
    }

    @Test func theReasonsComeFromTheTwoSolutions() throws {
        let plan = try PlanReader.read(path: Repository.model("northwind.json")).plan
        var lower = plan
        lower.budget.total = plan.budget.total! * 0.98
        let comparison = PlanComparison(columns: [
            PlanComparison.Column(label: "a", solved: try SolvedPlan(plan)),
            PlanComparison.Column(label: "b", solved: try SolvedPlan(lower)),
        ])
        // Integer plan: uniqueness is not known.
        #expect(comparison.columns.allSatisfy { $0.unique == nil })
        let reasons = comparison.requests[1].compactMap(\.reason)
        #expect(!reasons.isEmpty)
        #expect(reasons.allSatisfy { $0.code != .inputChanged })
        // A headcount cap only counts requests with unit costs.
        for entry in comparison.requests[1] where entry.reason?.refs.contains(.rule("new-heads")) == true {
            #expect(plan.requests.first { $0.id == entry.id }?.unitCost != nil)
        }
        // The funding line text names both lines.
        let text = CompareReport.text(comparison, plan: plan, mode: .budgets).replacingOccurrences(of: "\n    ", with: " ")
        #expect(text.contains("the funding line moved from $1.07 to $1.55 per $1"), "\(text)")
        #expect(!text.contains("because"))
    }

    /// Two requests of equal value per dollar: the optimum is one of several equally good
    /// allocations, and the output says so; a third, worth less, ties with nothing.
    @Test func equallyGoodAllocationsAreSaidToBe() throws {
        let text = """
            {"name": "Two equal requests", "currency": "USD", "budget": {"total": "150k"},
             "kpis": [{"id": "value", "name": "Value", "unit": "USD", "worth": 1}],
             "teams": [{"id": "t", "name": "Team", "requests": [
               {"id": "a", "name": "A", "amount": "100k", "impact": {"value": {"perDollar": 2}}},
               {"id": "b", "name": "B", "amount": "100k", "impact": {"value": {"perDollar": 2}}},
               {"id": "c", "name": "C", "amount": "100k", "impact": {"value": {"perDollar": 1}}}]}]}
            """
        let plan = try PlanReader.read(bytes: Array(text.utf8), source: "ties.json").plan
        var lower = plan
        lower.budget.total = 120_000
        var higher = plan
        higher.budget.total = 250_000
        let comparison = PlanComparison(columns: [
            PlanComparison.Column(label: "plan", solved: try SolvedPlan(plan)),
            PlanComparison.Column(label: "120k", solved: try SolvedPlan(lower)),
            PlanComparison.Column(label: "250k", solved: try SolvedPlan(higher)),
        ])
        #expect(comparison.columns.map(\.unique) == [false, false, true])
        let b = try #require(comparison.requests[1].first { $0.id == "b" }?.reason)
        #expect(b.code == .budgetChanged)
        #expect(b.tie)
        let c = try #require(comparison.requests[2].first { $0.id == "c" }?.reason)
        #expect(c.code == .fundingLineMoved)
        #expect(c.from.map { abs($0 - 2) < 1e-6 } == true && c.to.map { abs($0 - 1) < 1e-6 } == true)
        let report = CompareReport.text(comparison, plan: plan, mode: .budgets).replacingOccurrences(of: "\n    ", with: " ")
        #expect(report.contains("optimal ="))
        #expect(report.contains("= one of several equally good allocations"))
        #expect(report.contains("the funding line moved from $2.00 to $1.00 per $1; the allocation is one of several equally good ones."), "\(report)")
    }

    /// Quarterly budgets and whole heads: a period budget spent in full in one column only, and
    /// an all-or-nothing item that no longer fits.
    @Test func periodsAndWholeUnitsAreNamed() throws {
        let document = try Self.json(["compare", Repository.model("quarterly-headcount.json"), "--budgets", "90%", "--json"])
        let requests = Self.array(Self.array(document["columns"])[1]["requests"])
        func reason(_ code: String) -> JSONValue? { requests.compactMap { $0["reason"] }.first { Self.string($0["code"]) == code } }
        let freed = try #require(reason("period-freed"))
        #expect(Self.array(freed["refs"]).allSatisfy { Self.string($0["kind"]) == "period" })
        #expect(Self.string(freed["text"])?.contains("spent in full in the first column and not in this one") == true)
        let whole = try #require(reason("whole-unit"))
        #expect(Self.string(whole["text"]) == "all or nothing: funded in the first column and not in this one")
    }

    @Test func usageErrors() throws {
        let model = Repository.model("northwind.json")
        let none = runAllot(["compare", model])
        #expect(none.code == 64)
        #expect(none.err.contains("give one of --budgets LEVELS, --scenarios IDS or --against OLD.json"))
        let two = runAllot(["compare", model, "--budgets", "-2%", "--scenarios", "investor"])
        #expect(two.code == 64)
        #expect(two.err.contains("give only one of"))
        let three = runAllot(["compare", model, "--budgets", "-2%", "--against", Self.v1])
        #expect(three.code == 64)
        let unknown = runAllot(["compare", model, "--scenarios", "investor,investr"])
        #expect(unknown.code == 64)
        #expect(unknown.err.contains("unknown scenario \"investr\"; did you mean \"investor\"?"), "\(unknown.err)")
        let level = runAllot(["compare", model, "--budgets", "-2%,lots"])
        #expect(level.code == 64)
        #expect(level.err.contains("--budgets lots"))
    }

    @Test func theJSONMatchesItsSchema() throws {
        let model = Repository.model("northwind.json")
        for arguments in [
            ["compare", model, "--budgets", "-2%,-5%", "--json"],
            ["compare", model, "--scenarios", "investor,tight", "--json"],
            ["compare", Self.v2, "--against", Self.v1, "--json"],
            ["compare", Repository.model("quarterly-headcount.json"), "--budgets", "90%", "--json"],
            ["compare", Repository.root + "/Tests/Fixtures/cuts-linear.json", "--budgets", "90%", "--json"],
            ["compare", model, "--budgets", "-5%", "--best-effort", "--json"],
        ] {
            let document = try Self.json(arguments)
            let errors = try SchemaValidator(directory: Repository.root + "/models/output").errors(document, against: "compare.schema.json")
            #expect(errors.isEmpty, "\(arguments.joined(separator: " ")): \(errors.prefix(5))")
        }
        let infeasible = try Self.json(["compare", Repository.model("infeasible.json"), "--budgets", "+1%", "--json"], code: 1)
        let errors = try SchemaValidator(directory: Repository.root + "/models/output").errors(infeasible, against: "compare.schema.json")
        #expect(errors.isEmpty, "compare of an infeasible plan: \(errors.prefix(5))")
    }

    /// With --best-effort, a column below the lowest feasible total is the allocation that
    /// misses rules by the least: the same as `solve --budget X --best-effort`, misses listed.
    @Test func bestEffortColumnsEqualTheBestEffortSolve() throws {
        let model = Repository.model("northwind.json")
        let document = try Self.json(["compare", model, "--budgets", "-10%", "--best-effort", "--json"])
        let column = Self.array(document["columns"])[1]
        #expect(Self.string(column["status"]) == "best-effort")
        let solved = try Self.json(["solve", model, "--budget", "-10%", "--best-effort", "--json"])
        let (got, want) = (try #require(Self.number(column["value"])), try #require(Self.number(solved["value"])))
        #expect(abs(got - want) <= 1e-9 * abs(want))
        let misses = Self.array(column["misses"])
        #expect(!misses.isEmpty)
        #expect(misses.count == Self.array(solved["misses"]).count)
        #expect(misses.first?["ref"]?["kind"] == .string("target"))
        let text = runAllot(["compare", model, "--budgets", "-10%", "--best-effort"])
        #expect(text.code == 0)
        #expect(text.out.contains("-10%: best effort, no allocation meets every rule; this one misses the Net new ARR target by"))
    }

    /// Exit 1 only when every column is infeasible; an infeasible column shows its status and
    /// the headline of its diagnosis, with amounts null.
    @Test func exitOneOnlyWhenEveryColumnIsInfeasible() throws {
        let all = runAllot(["compare", Repository.model("infeasible.json"), "--budgets", "+1%"])
        #expect(all.code == 1)
        #expect(all.out.contains("infeasible"))
        let some = try Self.json(["compare", Repository.model("northwind.json"), "--budgets", "-5%", "--json"])
        let columns = Self.array(some["columns"])
        #expect(Self.string(columns[1]["status"]) == "infeasible")
        #expect(columns[1]["value"] == .null)
        #expect(Self.string(columns[1]["diagnosis"])?.hasPrefix("The plan has") == true)
        #expect(Self.array(columns[1]["requests"]).allSatisfy { $0["allocated"] == .null && $0["change"] == .null && $0["reason"] == .null })
        let text = runAllot(["compare", Repository.model("northwind.json"), "--budgets", "-5%"])
        #expect(text.code == 0)
        #expect(text.out.contains("-5%: infeasible. The plan has"))
    }
}
