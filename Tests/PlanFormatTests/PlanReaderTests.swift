import Testing
import TestSupport

@testable import PlanFormat

@Suite struct PlanReaderTests {
    @Test func readsTheExampleOfThePlanFormat() throws {
        let result = ReadResult(PlanFixtures.northwind, source: "northwind.json")
        #expect(result.errors.isEmpty)
        #expect(result.warnings.isEmpty)
        let expected = Plan(
            name: "Northwind FY2027 operating plan", currency: "USD", periods: ["H1", "H2"], objective: .maximizeValue,
            budget: Budget(total: 12_000_000),
            kpis: [
                KPI(id: "arr", name: "Net new ARR", unit: "USD", worth: 1, target: Target(min: 9_000_000)),
                KPI(id: "churn", name: "Gross churn reduction", unit: "pp", worth: 250_000),
            ],
            teams: [
                Team(id: "sales", name: "Sales", groups: ["gtm"], requests: [
                    Request(
                        id: "sales-ae", name: "Six account executives", team: "sales", amount: 900_000, unitCost: 150_000,
                        phasing: ["H1": 0.4, "H2": 0.6], impact: ["arr": .perDollar(2.2)]),
                    Request(id: "sales-crm", name: "CRM licences", team: "sales", amount: 120_000, min: 120_000),
                ]),
                Team(id: "cs", name: "Customer Success", requests: [
                    Request(
                        id: "cs-onboarding", name: "Onboarding program", team: "cs", amount: 400_000,
                        impact: ["churn": .curve([CurvePoint(spend: 200_000, impact: 1.5), CurvePoint(spend: 400_000, impact: 2.2)])],
                        confidence: 0.8, note: "Pilot cut churn 1.1pp in two regions"),
                ]),
            ],
            constraints: [
                Constraint(id: "gtm-share", name: "gtm-share", kind: .share(min: nil, max: 0.55), scope: Scope(groups: ["gtm"])),
                Constraint(id: "half-ask", name: "half-ask", kind: .fairness(minFractionOfAsk: 0.5)),
            ],
            scenarios: [
                Scenario(id: "investor", name: "Investor view", impactScale: 0.8),
                Scenario(id: "tight", name: "Tight year", total: .some(9_500_000)),
            ],
            source: "northwind.json")
        #expect(result.plan == expected)
    }

    @Test func readsFromAPath() throws {
        let load = try PlanReader.read(path: PlanFixtures.path("northwind.json"))
        #expect(load.plan.requests.count == 3)
        #expect(load.plan.source.hasSuffix("northwind.json"))
    }

    @Test func unreadableFilesAreASeparateError() {
        #expect(throws: PlanFileError(file: "/nonexistent/plan.json", kind: .notFound, reason: "No such file or directory")) {
            try PlanReader.read(path: "/nonexistent/plan.json")
        }
        do {
            _ = try PlanReader.read(path: "/tmp")
            Issue.record("a directory was read")
        } catch let error as PlanFileError {
            #expect(error.kind == .isDirectory)
            #expect(error.description == "/tmp: cannot read the plan: it is a directory; give the path of a plan file")
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test func fillsInDefaults() throws {
        let text = """
            {"name": "D", "kpis": [{"id": "k"}], "teams": [{"id": "t", "requests": [{"id": "r", "amount": 10, "impact": {"k": 1}}]}],
             "constraints": [{"kind": "cap", "max": 5}, {"kind": "floor", "min": 1}, {"id": "mine", "kind": "cap", "max": 9}]}
            """
        let plan = try #require(ReadResult(text).plan)
        #expect(plan.currency == "USD")
        #expect(plan.objective == .maximizeValue)
        #expect(plan.periods.isEmpty)
        #expect(plan.budget == Budget(total: nil, periods: [:], spendAll: false))
        #expect(plan.kpis[0] == KPI(id: "k", name: "k", unit: nil, worth: 1, target: nil))
        #expect(plan.teams[0].name == "t")
        let request = plan.requests[0]
        #expect(request.name == "r")
        #expect(request.min == 0)
        #expect(request.max == 10)
        #expect(request.confidence == 1)
        #expect(request.allOrNothing == false)
        #expect(request.unitCost == nil)
        #expect(request.impact == ["k": .perDollar(1)])
        #expect(plan.constraints.map(\.id) == ["cap-1", "floor-2", "mine"])
        #expect(plan.constraints.map(\.name) == ["cap-1", "floor-2", "mine"])
        #expect(plan.scenarios.isEmpty)
    }

    @Test func readsEveryImpactForm() throws {
        let text = PlanFixtures.minimal(
            request: #", "max": "500k""#,
            moreRequests: """
                , {"id": "r2", "amount": "100k", "impact": {"arr": {"perDollar": -0.5}}},
                {"id": "r3", "amount": "100k", "allOrNothing": true, "impact": {"arr": {"total": "1.5M"}}},
                {"id": "r4", "amount": "100k", "impact": {"arr": {"curve": [["50k", "-1k"], [100000, 2.5]]}}}
                """)
        let plan = try #require(ReadResult(text).plan)
        let impacts = plan.requests.map { $0.impact["arr"] }
        #expect(impacts == [
            .perDollar(2), .perDollar(-0.5), .total(1_500_000),
            .curve([CurvePoint(spend: 50_000, impact: -1_000), CurvePoint(spend: 100_000, impact: 2.5)]), .perDollar(1),
        ])
        #expect(plan.requests[2].allOrNothing)
        #expect(plan.requests[0].max == 500_000)
    }

    @Test func readsAllFieldsOfARequest() throws {
        let text = PlanFixtures.minimal(
            request: """
                , "name": "Reps", "min": "100k", "max": "600k", "unitCost": "100k", "minIfFunded": "200k",
                "phasing": {"H1": "25%", "H2": 0.75}, "confidence": "90%", "requires": ["c1"], "note": "why"
                """)
        let result = ReadResult(text)
        let request = try #require(result.plan?.requests.first)
        #expect(request == Request(
            id: "r1", name: "Reps", team: "sales", amount: 400_000, min: 100_000, max: 600_000, unitCost: 100_000,
            minIfFunded: 200_000, allOrNothing: false, phasing: ["H1": 0.25, "H2": 0.75], impact: ["arr": .perDollar(2)],
            confidence: 0.9, requires: ["c1"], note: "why"))
        #expect(result.warnings.isEmpty)
    }

    @Test func readsTargetsBudgetsAndTheObjective() throws {
        let text = PlanFixtures.minimal(
            top: #", "objective": "minimize-spend", "currency": "EUR", "budget": {"total": "1M", "periods": {"H1": "500k", "H2": "500k"}, "spendAll": true}"#,
            kpi: #", "target": {"min": "-1k", "max": 5000000, "soft": {"penalty": 2.5}}"#)
        let plan = try #require(ReadResult(text).plan)
        #expect(plan.objective == .minimizeSpend)
        #expect(plan.currency == "EUR")
        #expect(plan.budget == Budget(total: 1_000_000, periods: ["H1": 500_000, "H2": 500_000], spendAll: true))
        #expect(plan.kpis[0].target == Target(min: -1_000, max: 5_000_000, softPenalty: 2.5))
    }

    @Test func allowsASchemaKeyAndAByteOrderMark() throws {
        let text = #"{"$schema": "../models/plan.schema.json","# + PlanFixtures.minimal().dropFirst()
        #expect(ReadResult(bytes: [0xEF, 0xBB, 0xBF] + Array(text.utf8)).plan != nil)
    }

    @Test func reportsSyntaxErrorsWithTheirPosition() {
        let result = ReadResult("{\n  \"name\": \"x\",\n  \"kpis\": [1 2]\n}", source: "bad.json")
        #expect(result.errors.count == 1)
        #expect(result.errors.first?.description == "bad.json:3:14: expected ',' or ']' after item 1 of the array, found '2'")
    }

    @Test func reportsAnEmptyFile() {
        let result = ReadResult("  \n")
        #expect(result.messages.first?.hasPrefix("the file is empty; a plan is a JSON object") == true)
        #expect(result.errors.first?.line == 2)
    }

    @Test func rejectsInputThatIsNotUTF8() {
        let result = ReadResult(bytes: Array("{\"name\": \"".utf8) + [0xC3, 0x28] + Array("\"}".utf8))
        #expect(result.messages == ["the text is not valid UTF-8 (byte 0xC3 here); save the file as UTF-8"])
        #expect(result.errors.first?.column == 11)
    }

    @Test func rejectsADocumentThatIsNotAnObject() {
        let result = ReadResult("[1, 2]")
        #expect(result.messages == [#"expected a plan, an object such as {"name": "FY2027", "kpis": [...], "teams": [...]}, found an array"#])
        #expect(result.errors.first?.path == "")
    }

    @Test func neverCrashesOnTruncatedOrDeepInput() {
        let bytes = Array(PlanFixtures.northwind.utf8)
        for end in stride(from: 0, to: bytes.count, by: 7) {
            #expect(!ReadResult(bytes: Array(bytes[0..<end])).errors.isEmpty)
        }
        let deep = "{\"name\": " + String(repeating: "[", count: 5000) + String(repeating: "]", count: 5000) + "}"
        #expect(ReadResult(deep).messages.first?.contains("nested more than 512 deep") == true)
        let wide = "{\"name\": \"x\", \"kpis\": " + String(repeating: "[", count: 500) + String(repeating: "]", count: 500) + "}"
        #expect(!ReadResult(wide).errors.isEmpty)
    }

    @Test func rendersErrorsLikeACompiler() {
        let error = PlanError(file: "plan.json", path: "teams[2].requests[0].amount", line: 14, column: 20, message: "bad")
        #expect(error.description == "plan.json:14:20: teams[2].requests[0].amount: bad")
        #expect(PlanError(file: "-", path: "", message: "bad").description == "-: bad")
        let errors = PlanErrors([error, PlanError(file: "p", path: "name", line: 1, message: "x")])
        #expect(errors.description == "plan.json:14:20: teams[2].requests[0].amount: bad\np:1: name: x")
    }

    @Test func writesPathsForOddKeys() {
        #expect(JSONPath.root.key("budget").key("periods").key("Q 1").description == #"budget.periods["Q 1"]"#)
        #expect(JSONPath.root.key("teams").index(2).key("sales-ae").description == "teams[2].sales-ae")
        #expect(JSONPath.root.description == "")
    }
}

/// Errors point at their place in whatever the plan was read from.
@Suite struct SourceLocationTests {
    @Test func eachKindOfPlaceReadsAsItsFileWritesIt() {
        let json = PlanError(file: "plan.json", path: "teams[0].id", location: .json(line: 14, column: 20), message: "expected text")
        #expect(json.description == "plan.json:14:20: teams[0].id: expected text")
        #expect(json.line == 14 && json.column == 20)
        let csv = PlanWarning(file: "sales.csv", path: "", location: .csv(row: 7, column: 4), message: "empty")
        #expect(csv.description == "sales.csv:7:4: empty")
        let sheet = PlanError(file: "sales.xlsx", path: "", location: .sheet(name: "Requests", cell: "D7"), message: "\"1,2M\" is not an amount")
        #expect(sheet.description == "sales.xlsx: Requests!D7: \"1,2M\" is not an amount")
        #expect(sheet.line == nil)
        let nowhere = PlanError(file: "plan.json", path: "budget", message: "no total")
        #expect(nowhere.description == "plan.json: budget: no total")
    }
}
