import Testing
import TestSupport

@testable import Allot
@testable import AllotReports
import LinearSolver
@testable import PlanFormat

/// Every `--json` output against its schema in models/output/: the example models (and their
/// scenarios) solved and explained, the check of valid and invalid plans, solved programs; and
/// the validator itself, so that a pass cannot be vacuous.
@Suite struct OutputSchemaTests {
    static let directory = Repository.root + "/models/output"

    static func validator() throws -> SchemaValidator { try SchemaValidator(directory: directory) }

    /// A model, or one of its scenarios.
    struct Case: CustomStringConvertible, Sendable {
        let model: String
        let scenario: String?
        var description: String { model + (scenario.map { " --scenario \($0)" } ?? "") }
    }

    /// Every example plan, and each with each of its scenarios.
    static let cases: [Case] = Repository.modelFiles.flatMap { model -> [Case] in
        let scenarios = (try? PlanReader.read(path: Repository.model(model)).plan.scenarios.map(\.id)) ?? []
        return [Case(model: model, scenario: nil)] + scenarios.map { Case(model: model, scenario: $0) }
    }

    static func plan(_ test: Case) throws -> (plan: Plan, scenario: Scenario?, warnings: [String]) {
        let loaded = try PlanReader.read(path: Repository.model(test.model))
        guard let id = test.scenario else { return (loaded.plan, nil, loaded.warnings.map(\.description)) }
        return (try loaded.plan.applying(scenario: id), loaded.plan.scenarios.first { $0.id == id }, loaded.warnings.map(\.description))
    }

    static func expectValid(_ document: JSONValue, _ schema: String, _ what: String) throws {
        let errors = try validator().errors(document, against: schema)
        #expect(errors.isEmpty, "\(what) against \(schema): \(errors.prefix(5).joined(separator: "\n"))")
    }

    static func keys(_ document: JSONValue) -> [String] {
        guard case .object(let members) = document else { return [] }
        return members.map(\.key)
    }

    @Test func theSchemasAreThereAndDeclareTheirDraft() throws {
        let validator = try Self.validator()
        for name in ["solve.schema.json", "explain.schema.json", "check.schema.json", "lp-solve.schema.json", "cuts.schema.json", "compare.schema.json", "reference.schema.json"] {
            let schema = try #require(validator.documents[name], "models/output/\(name)")
            #expect(schema["$schema"] == .string("https://json-schema.org/draft/2020-12/schema"))
            #expect(schema["$id"] == .string("https://allot.example/output/\(name)"))
        }
        #expect(Self.cases.count >= 7)
    }

    @Test(arguments: ["northwind.json", "quarterly-headcount.json"])
    func cutsJSONMatchesItsSchema(_ model: String) throws {
        for extra in [[], ["--top", "saturation"], ["--nested"], ["--best-effort", "--bottom", "-30%", "--samples", "3"]] {
            let result = runAllot(["cuts", Repository.model(model), "--json"] + extra)
            #expect(result.code == 0)
            try Self.expectValid(try JSONParser.parse(Array(result.out.utf8)).jsonValue, "cuts.schema.json", "cuts --json of \(model) \(extra)")
        }
        let linear = runAllot(["cuts", Repository.root + "/Tests/Fixtures/cuts-linear.json", "--json"])
        try Self.expectValid(try JSONParser.parse(Array(linear.out.utf8)).jsonValue, "cuts.schema.json", "cuts --json of a linear plan")
    }

    @Test(arguments: cases)
    func solveJSONMatchesItsSchema(_ test: Case) throws {
        let (plan, scenario, warnings) = try Self.plan(test)
        let allocation = try PlanSolver.solve(plan, scenario: scenario, warnings: warnings)
        let document = AllocationJSON.render(allocation)
        try Self.expectValid(document, "solve.schema.json", "solve --json of \(test)")
        #expect(Self.keys(document).first == "formatVersion")
        #expect(document["formatVersion"] == .number(2))
        #expect(document["solveSeconds"] == nil)
        let timed = AllocationJSON.render(allocation, timing: true)
        try Self.expectValid(timed, "solve.schema.json", "solve --json --timing of \(test)")
        guard case .number(let seconds) = timed["solveSeconds"] else {
            Issue.record("no solveSeconds with timing")
            return
        }
        #expect(seconds >= 0)
    }

    @Test(arguments: cases)
    func explainJSONMatchesItsSchema(_ test: Case) throws {
        let (plan, scenario, warnings) = try Self.plan(test)
        let explanation = try Explainer.explain(plan, scenario: scenario, warnings: warnings)
        let document = ExplanationJSON.render(explanation)
        try Self.expectValid(document, "explain.schema.json", "explain --json of \(test)")
        #expect(Self.keys(document).first == "formatVersion")
        #expect(document["solveSeconds"] == nil && document["explainSeconds"] == nil)
        // No wall-clock figure without --timing: not even inside the method's words.
        if case .string(let method) = document["method"] { #expect(!method.contains(" s ("), "\(method)") }
        try Self.expectValid(ExplanationJSON.render(explanation, timing: true), "explain.schema.json", "explain --json --timing of \(test)")
        if let team = plan.teams.first?.id {
            try Self.expectValid(ExplanationJSON.render(explanation, teams: [team]), "explain.schema.json", "explain --json --team of \(test)")
        }
    }

    /// A plan without an allocation names itself and its diagnosis, and no amount.
    @Test func anInfeasiblePlanHasNoAmounts() throws {
        let plan = try PlanReader.read(path: Repository.model("infeasible.json")).plan
        let explanation = try Explainer.explain(plan)
        #expect(explanation.allocation.status == .infeasible)
        let expected = ["formatVersion", "plan", "scenario", "currency", "objective", "status", "diagnosis", "warnings", "resolves"]
        for document in [AllocationJSON.render(explanation.allocation), ExplanationJSON.render(explanation)] {
            #expect(Self.keys(document) == expected)
            guard case .array(let conflicts) = document["diagnosis"]?["conflicts"], let first = conflicts.first else {
                Issue.record("no conflicts")
                continue
            }
            #expect(first["ref"] == .object([("kind", .string("budget")), ("id", .string("total"))]))
        }
        try Self.expectValid(AllocationJSON.render(explanation.allocation), "solve.schema.json", "infeasible solve")
        try Self.expectValid(ExplanationJSON.render(explanation), "explain.schema.json", "infeasible explain")
        // The shape of a solved plan is refused for it, and the reverse.
        guard case .object(var members) = AllocationJSON.render(explanation.allocation) else { return }
        members.insert(("spend", .number(0)), at: 6)
        #expect(!(try Self.validator().isValid(.object(members), against: "solve.schema.json")))
    }

    /// The commands' own output (through the command layer), for the keys it already has.
    @Test func theCommandsPrintFormatTwo() throws {
        for arguments in [["solve", "--json"], ["explain", "--json"]] {
            let result = runAllot([arguments[0], Repository.model("quarterly-headcount.json"), arguments[1]])
            let document = try JSONParser.parse(Array(result.out.utf8)).jsonValue
            try Self.expectValid(document, arguments[0] + ".schema.json", arguments.joined(separator: " "))
        }
    }

    @Test(arguments: Repository.modelFiles)
    func checkJSONOfAValidPlanMatchesItsSchema(_ model: String) throws {
        let load = try PlanReader.read(path: Repository.model(model))
        let document = CheckJSON.render(file: "models/" + model, load: load)
        try Self.expectValid(document, "check.schema.json", "check --json of \(model)")
        #expect(Self.keys(document) == ["formatVersion", "file", "valid", "errors", "warnings", "summary"])
        #expect(document["valid"] == .bool(true))
        let formulation = Formulation(load.plan)
        #expect(document["summary"]?["teams"] == .number(Double(load.plan.teams.count)))
        #expect(document["summary"]?["requests"] == .number(Double(load.plan.requests.count)))
        #expect(document["summary"]?["integer"] == .bool(formulation.isInteger))
        #expect(document["summary"]?["rows"] == .number(Double(formulation.program.constraints.count)))
    }

    @Test func checkJSONOfAnInvalidPlanGivesEveryErrorWithItsPlace() throws {
        let text = """
            {
              "name": "Bad",
              "kpis": [{"id": "arr"}],
              "teams": [{"id": "t", "requests": [
                {"id": "a", "amout": "1M"},
                {"id": "b", "amount": "1,2M"}
              ]}]
            }
            """
        let errors: PlanErrors
        do {
            _ = try PlanReader.read(bytes: Array(text.utf8), source: "bad.json")
            Issue.record("the plan was accepted")
            return
        } catch let error as PlanErrors {
            errors = error
        }
        let document = CheckJSON.render(file: "bad.json", errors: errors)
        try Self.expectValid(document, "check.schema.json", "check --json of an invalid plan")
        #expect(document["valid"] == .bool(false))
        #expect(document["summary"] == nil)
        guard case .array(let listed) = document["errors"] else {
            Issue.record("no errors")
            return
        }
        #expect(listed.count == errors.errors.count)
        #expect(listed.contains { $0["path"] == .string("teams[0].requests[1].amount") && $0["line"] == .number(6) })
        // An issue without a place has null line and column; a warning has the same shape.
        let placeless = PlanError(file: "bad.json", path: "", message: "the file is empty")
        let warning = PlanWarning(file: "bad.json", path: "budget.periods", line: 3, column: 5, message: "the periods do not add up")
        let both = CheckJSON.render(file: "bad.json", plan: nil, errors: [placeless], warnings: [warning])
        try Self.expectValid(both, "check.schema.json", "check --json with a placeless error")
        guard case .array(let one) = both["errors"], case .array(let warned) = both["warnings"] else { return }
        #expect(one.first?["line"] == .null && one.first?["column"] == .null)
        #expect(warned.first?["column"] == .number(5))
    }

    static func solved(_ program: LinearProgram) throws -> JSONValue {
        let solution = try Solver(program).solve()
        return LPSolveJSON.render(path: "program.lp", program: program, solution: solution, seconds: 0.001)
    }

    @Test func lpSolveJSONMatchesItsSchema() throws {
        let path = Repository.model("lp/product-mix.lp")
        let program = try LinearProgram(contentsOf: path)
        let solution = try Solver(program).solve()
        let document = LPSolveJSON.render(path: "models/lp/product-mix.lp", program: program, solution: solution, seconds: 0.001)
        try Self.expectValid(document, "lp-solve.schema.json", "lp solve --json of product-mix.lp")
        #expect(Self.keys(document).first == "formatVersion")
        #expect(document["seconds"] == nil)
        let timed = LPSolveJSON.render(path: "models/lp/product-mix.lp", program: program, solution: solution, seconds: 0.001, timing: true)
        try Self.expectValid(timed, "lp-solve.schema.json", "lp solve --json --timing")
        #expect(timed["seconds"] == .number(0.001))

        // An integer program (no duals) and an infeasible one (no values).
        var integer = LinearProgram(sense: .maximize)
        let x = integer.addVariable(name: "x", kind: .integer, objective: 5)
        let y = integer.addVariable(name: "y", kind: .binary, objective: 4)
        integer.addConstraint(name: "c", terms: [(x, 6), (y, 4)], upperBound: 24)
        let integerDocument = try Self.solved(integer)
        try Self.expectValid(integerDocument, "lp-solve.schema.json", "an integer program")
        #expect(integerDocument["dualsNote"] != nil)
        var infeasible = LinearProgram(sense: .minimize)
        let z = infeasible.addVariable(name: "z", lowerBound: 0, upperBound: 1, objective: 1)
        infeasible.addConstraint(name: "too-much", terms: [(z, 1)], lowerBound: 2)
        let infeasibleDocument = try Self.solved(infeasible)
        try Self.expectValid(infeasibleDocument, "lp-solve.schema.json", "an infeasible program")
        #expect(infeasibleDocument["status"] == .string("infeasible"))
    }

    static let everyReference: [PlanReference] = [
        .budget, .period("Q1"), .spend, .rule("gtm-share"), .rule("half", team: "sales"), .target("arr"),
        .target("arr", side: .min), .target("nps", side: .max), .requires("crm", of: "enablement"),
        .committed("payroll"), .units("aes"), .ask("brand"), .request("brand"), .team("sales"), .kpi("arr"), .plan,
    ]

    @Test func everyReferenceMatchesTheReferenceSchema() throws {
        let validator = try Self.validator()
        for reference in Self.everyReference {
            let document = JSONFormat.reference(reference)
            #expect(validator.errors(document, against: "reference.schema.json").isEmpty, "\(document.serialized(pretty: false))")
            #expect(document["kind"] == .string(reference.kind.rawValue))
        }
        #expect(Set(Self.everyReference.map(\.kind)) == Set(PlanReference.Kind.allCases))
        #expect(JSONFormat.reference(.requires("crm", of: "enablement"))
                == .object([("kind", .string("requires")), ("id", .string("crm")), ("of", .string("enablement"))]))
        // Keys that belong to another kind, a budget id other than "total", an unknown kind.
        let wrong: [JSONValue] = [
            .object([("kind", .string("target")), ("id", .string("arr")), ("of", .string("x"))]),
            .object([("kind", .string("rule")), ("id", .string("cap")), ("side", .string("min"))]),
            .object([("kind", .string("budget")), ("id", .null)]),
            .object([("kind", .string("spend")), ("id", .string("least"))]),
            .object([("kind", .string("requires")), ("id", .string("crm"))]),
            .object([("kind", .string("department")), ("id", .string("sales"))]),
            .object([("kind", .string("target")), ("id", .string("arr")), ("side", .string("both"))]),
        ]
        for document in wrong {
            #expect(!validator.isValid(document, against: "reference.schema.json"), "\(document.serialized(pretty: false))")
        }
    }

    // MARK: - The validator rejects what it must

    /// A document with a missing required key, a wrong type, an unknown or renamed key, or a
    /// value outside an enum is rejected, each for its own reason.
    @Test func theValidatorRejectsBrokenDocuments() throws {
        let validator = try Self.validator()
        let plan = try PlanReader.read(path: Repository.model("quarterly-headcount.json")).plan
        let good = AllocationJSON.render(try PlanSolver.solve(plan))
        #expect(validator.isValid(good, against: "solve.schema.json"))

        func edited(_ change: (inout [(key: String, value: JSONValue)]) -> Void) -> JSONValue {
            guard case .object(var members) = good else { return good }
            change(&members)
            return .object(members)
        }
        func reasons(_ document: JSONValue) -> String { validator.errors(document, against: "solve.schema.json").joined(separator: "\n") }

        let missing = edited { $0.removeAll { $0.key == "warnings" } }
        #expect(reasons(missing).contains("missing required key \"warnings\""), "\(reasons(missing))")
        let wrongType = edited { members in
            members = members.map { $0.key == "spend" ? ($0.key, .string("10M")) : $0 }
        }
        #expect(reasons(wrongType).contains("$.spend: expected number, found string"), "\(reasons(wrongType))")
        let renamed = edited { members in
            members = members.map { $0.key == "fundingLine" ? ("fundingline", $0.value) : $0 }
        }
        #expect(reasons(renamed).contains("missing required key \"fundingLine\""))
        #expect(reasons(renamed).contains("unexpected key \"fundingline\""))
        let badStatus = edited { members in
            members = members.map { $0.key == "status" ? ($0.key, .string("solved")) : $0 }
        }
        #expect(!validator.isValid(badStatus, against: "solve.schema.json"))
        let oldVersion = edited { members in
            members = members.map { $0.key == "formatVersion" ? ($0.key, .number(1)) : $0 }
        }
        #expect(!validator.isValid(oldVersion, against: "solve.schema.json"))
        // Deep inside: a request without its status, a conflict reference of an unknown kind.
        let deep = edited { members in
            members = members.map { member in
                guard member.key == "requests", case .array(var requests) = member.value, case .object(var first) = requests[0] else { return member }
                first.removeAll { $0.key == "status" }
                requests[0] = .object(first)
                return (member.key, .array(requests))
            }
        }
        #expect(reasons(deep).contains("$.requests[0]: missing required key \"status\""), "\(reasons(deep))")
    }

    /// The validator's keywords, each on a schema of its own.
    @Test func theValidatorKnowsEachKeyword() throws {
        let documents: [String: JSONValue] = [
            "a.json": try JSONParser.parse("""
                {"$defs": {"n": {"type": ["integer", "null"], "minimum": 0},
                           "pair": {"type": "array", "items": {"$ref": "#/$defs/n"}, "minItems": 2, "maxItems": 2}},
                 "type": "object", "required": ["k"],
                 "properties": {"k": {"enum": ["x", "y"]}, "n": {"$ref": "#/$defs/n"}, "p": {"$ref": "#/$defs/pair"},
                                "o": {"oneOf": [{"type": "string"}, {"type": "number"}]},
                                "a": {"anyOf": [{"const": 1}, {"const": 2}]},
                                "b": {"$ref": "b.json#/$defs/flag"}},
                 "additionalProperties": false}
                """).jsonValue,
            "b.json": try JSONParser.parse(#"{"$defs": {"flag": {"type": "boolean"}}}"#).jsonValue,
            "c.json": try JSONParser.parse(#"{"type": "string", "pattern": "^x$"}"#).jsonValue,
        ]
        let validator = SchemaValidator(documents: documents)
        func valid(_ text: String) throws -> Bool { validator.isValid(try JSONParser.parse(text).jsonValue, against: "a.json") }
        #expect(try valid(#"{"k": "x", "n": 3, "p": [1, null], "o": "s", "a": 2, "b": true}"#))
        #expect(try !valid(#"{"n": 3}"#))                 // required
        #expect(try !valid(#"{"k": "z"}"#))               // enum
        #expect(try !valid(#"{"k": "x", "n": 1.5}"#))     // integer
        #expect(try !valid(#"{"k": "x", "n": -1}"#))      // minimum
        #expect(try !valid(#"{"k": "x", "p": [1]}"#))     // minItems
        #expect(try !valid(#"{"k": "x", "p": [1, "2"]}"#)) // items
        #expect(try !valid(#"{"k": "x", "o": true}"#))    // oneOf
        #expect(try !valid(#"{"k": "x", "a": 3}"#))       // anyOf, const
        #expect(try !valid(#"{"k": "x", "b": 1}"#))       // $ref to a sibling file
        #expect(try !valid(#"{"k": "x", "extra": 1}"#))   // additionalProperties
        #expect(try !valid(#"[]"#))                       // type
        // A keyword the validator does not know fails loudly instead of passing.
        #expect(validator.errors(.string("x"), against: "c.json").contains { $0.contains("does not know the keyword \"pattern\"") })
    }
}
