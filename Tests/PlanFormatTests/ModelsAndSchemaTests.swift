import Testing
import TestSupport


#if canImport(Glibc)
import Glibc
@testable import PlanFormat
#endif

/// The example plans in models/ and the JSON Schema agree with the reader.
@Suite struct ModelsAndSchemaTests {
    static let modelFiles = Repository.modelFiles

    @Test func thereAreExamplePlans() {
        #expect(Self.modelFiles.contains("northwind.json"))
        #expect(Self.modelFiles.count >= 3)
    }

    @Test(arguments: modelFiles)
    func everyModelIsAcceptedAndNamesTheSchema(_ name: String) throws {
        let path = Repository.model(name)
        let loaded = try PlanReader.read(path: path)
        #expect(!loaded.plan.teams.isEmpty)
        let document = try JSONParser.parse(Array(try #require(readFile(path)).utf8)).jsonValue
        #expect(document["$schema"] == .string("plan.schema.json"))
    }

    @Test func defaultModelIsASeriesBCompanyOfTheRightSize() throws {
        let plan = try PlanReader.read(path: Repository.model("northwind.json")).plan
        #expect((8...12).contains(plan.teams.count))
        #expect(plan.requests.count >= 40)
    }

    static func schema() throws -> JSONValue {
        try JSONParser.parse(Array(try #require(readFile(Repository.model("plan.schema.json"))).utf8)).jsonValue
    }

    static func strings(_ value: JSONValue?) -> [String] {
        guard case .array(let items) = value else { return [] }
        return items.compactMap { if case .string(let text) = $0 { text } else { nil } }
    }

    static func keys(_ value: JSONValue?) -> [String] {
        guard case .object(let members) = value else { return [] }
        return members.map(\.key)
    }

    /// A small valid plan with one object of every kind, and where each kind sits in it.
    static let minimal = """
        {"name": "Minimal", "budget": {"total": "1M"},
         "kpis": [{"id": "arr", "target": {"min": 1}}],
         "teams": [{"id": "t", "requests": [{"id": "r", "amount": "100k", "impact": {"arr": 1}}]}],
         "constraints": [{"id": "c", "kind": "cap", "max": "500k"}],
         "scenarios": [{"id": "s", "budget": {"total": "2M"}}]}
        """

    static let places: [(definition: String?, path: [PathStep])] = [
        (nil, []),
        ("kpi", [.key("kpis"), .index(0)]),
        ("target", [.key("kpis"), .index(0), .key("target")]),
        ("team", [.key("teams"), .index(0)]),
        ("request", [.key("teams"), .index(0), .key("requests"), .index(0)]),
        ("constraint", [.key("constraints"), .index(0)]),
        ("budget", [.key("budget")]),
        ("scenario", [.key("scenarios"), .index(0)]),
        ("scenarioBudget", [.key("scenarios"), .index(0), .key("budget")]),
    ]

    enum PathStep { case key(String), index(Int) }

    /// The document with the object at `path` changed by `change`.
    static func editing(_ value: JSONValue, at path: ArraySlice<PathStep>, _ change: (inout [(key: String, value: JSONValue)]) -> Void) -> JSONValue {
        guard let step = path.first else {
            guard case .object(var members) = value else { return value }
            change(&members)
            return .object(members)
        }
        switch (step, value) {
        case (.key(let key), .object(let members)):
            return .object(members.map { $0.key == key ? ($0.key, editing($0.value, at: path.dropFirst(), change)) : $0 })
        case (.index(let index), .array(let items)):
            return .array(items.enumerated().map { $0.offset == index ? editing($0.element, at: path.dropFirst(), change) : $0.element })
        default:
            return value
        }
    }

    static func errors(_ document: JSONValue) -> [String] {
        do {
            _ = try PlanReader.read(bytes: Array(document.serialized().utf8), source: "minimal.json")
            return []
        } catch let error as PlanErrors {
            return error.errors.map(\.description)
        } catch {
            return ["\(error)"]
        }
    }

    @Test func minimalPlanIsValid() throws {
        let plan = try JSONParser.parse(Self.minimal).jsonValue
        #expect(Self.errors(plan).isEmpty)
    }

    /// Every key the schema requires is required by the reader, and every key the schema knows
    /// is a key the reader knows (and the reverse, for a key neither knows).
    @Test func schemaAndReaderAgreeOnKeys() throws {
        let schema = try Self.schema()
        let plan = try JSONParser.parse(Self.minimal).jsonValue
        for place in Self.places {
            let definition = place.definition.map { schema["$defs"]?[$0] } ?? schema
            let required = Self.strings(definition?["required"])
            for key in required {
                let without = Self.editing(plan, at: place.path[...]) { $0.removeAll { $0.key == key } }
                let errors = Self.errors(without)
                #expect(errors.contains { $0.contains("missing \"\(key)\"") },
                        "\(place.definition ?? "top level"): the schema requires \"\(key)\"; the reader said \(errors)")
            }
            // Optional keys the schema lists: the reader may object to a null value, but must
            // know the key.
            // A constraint's keys depend on its kind (a cap has no "min"): checked per kind elsewhere.
            let optional = place.definition == "constraint" ? [] : Self.keys(definition?["properties"])
            for key in optional where !required.contains(key) && key != "$schema" {
                let with = Self.editing(plan, at: place.path[...]) { members in
                    members.removeAll { $0.key == key }
                    members.append((key, .null))
                }
                let errors = Self.errors(with)
                #expect(!errors.contains { $0.contains("unknown key \"\(key)\"") },
                        "\(place.definition ?? "top level"): the schema knows \"\(key)\" but the reader does not")
            }
            let bogus = Self.editing(plan, at: place.path[...]) { $0.append(("bogusKey", .number(1))) }
            #expect(Self.errors(bogus).contains { $0.contains("unknown key \"bogusKey\"") })
        }
    }
}
