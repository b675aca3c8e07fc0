import Foundation
import Testing

@testable import Allot
@testable import PlanFormat

/// Shared plan texts and helpers for reading them.
enum PlanFixtures {
    /// The path of a file in `Fixtures/`.
    static func path(_ name: String) -> String {
        Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Fixtures")!.path
    }

    /// The text of a file in `Fixtures/`.
    static func text(_ name: String) -> String {
        try! String(contentsOfFile: path(name), encoding: .utf8)
    }

    /// The example plan of plan-format.md, verbatim.
    static var northwind: String { text("northwind.json") }

    /// A small valid plan; `extra` is spliced in as more top-level keys, `request` as more keys of
    /// the single request, `team` as more requests of the team.
    static func minimal(top: String = "", request: String = "", kpi: String = "", moreRequests: String = "") -> String {
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
struct ReadResult {
    var load: PlanLoad?
    var errors: [PlanError] = []

    init(_ text: String, source: String = "plan.json") {
        self.init(bytes: Array(text.utf8), source: source)
    }

    init(bytes: [UInt8], source: String = "plan.json") {
        do {
            load = try PlanReader.read(bytes: bytes, source: source)
        } catch let failure as PlanErrors {
            errors = failure.errors
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }

    var plan: Plan? { load?.plan }
    var warnings: [PlanWarning] { load?.warnings ?? [] }
    var messages: [String] { errors.map(\.message) }

    /// The error at a path, if exactly one.
    func error(at path: String) -> PlanError? {
        let matching = errors.filter { $0.path == path }
        return matching.count == 1 ? matching[0] : nil
    }

    func warning(at path: String) -> PlanWarning? {
        let matching = warnings.filter { $0.path == path }
        return matching.count == 1 ? matching[0] : nil
    }
}
