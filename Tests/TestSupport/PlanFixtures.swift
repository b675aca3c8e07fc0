import PlanFormat

/// Shared plan texts and helpers for reading them.
public enum PlanFixtures {
    /// The path of a file in `Tests/Fixtures/`.
    public static func path(_ name: String) -> String {
        Repository.root + "/Tests/Fixtures/" + name
    }

    /// The text of a file in `Tests/Fixtures/`.
    public static func text(_ name: String) -> String {
        guard let text = readFile(path(name)) else { preconditionFailure("no fixture \(path(name))") }
        return text
    }

    /// The example plan of plan-format.md, verbatim.
    public static var northwind: String { text("northwind.json") }

    /// A small valid plan; `top` is spliced in as more top-level keys, `request` as more keys of
    /// the first request, `kpi` as more keys of the KPI, `moreRequests` as more requests of the
    /// first team.
    public static func minimal(top: String = "", request: String = "", kpi: String = "", moreRequests: String = "") -> String {
        """
        {
          "name": "Minimal",
          "periods": ["H1", "H2"],
          "kpis": [{"id": "arr", "worth": 1\(kpi)}],
          "teams": [
            {"id": "sales", "groups": ["gtm"], "requests": [
              {"id": "r1", "amount": "400k", "impact": {"arr": 2}\(request)}\(moreRequests)
            ]},
            {"id": "cs", "requests": [
              {"id": "c1", "amount": "200k", "impact": {"arr": 1}}
            ]}
          ]\(top)
        }
        """
    }
}

/// The result of reading a plan text: the load, or every error.
public struct ReadResult {
    public var load: PlanLoad?
    public var errors: [PlanError] = []

    public init(_ text: String, source: String = "plan.json") {
        self.init(bytes: Array(text.utf8), source: source)
    }

    public init(bytes: [UInt8], source: String = "plan.json") {
        do {
            load = try PlanReader.read(bytes: bytes, source: source)
        } catch let failure as PlanErrors {
            errors = failure.errors
        } catch {
            preconditionFailure("PlanReader.read(bytes:source:) throws PlanErrors only, not \(error)")
        }
    }

    public var plan: Plan? { load?.plan }
    public var warnings: [PlanWarning] { load?.warnings ?? [] }
    public var messages: [String] { errors.map(\.message) }

    /// The error at a path, if exactly one.
    public func error(at path: String) -> PlanError? {
        let matching = errors.filter { $0.path == path }
        return matching.count == 1 ? matching[0] : nil
    }

    /// The warning at a path, if exactly one.
    public func warning(at path: String) -> PlanWarning? {
        let matching = warnings.filter { $0.path == path }
        return matching.count == 1 ? matching[0] : nil
    }
}
