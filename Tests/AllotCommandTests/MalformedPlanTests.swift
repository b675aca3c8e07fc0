import Foundation
import Testing
import TestSupport

@testable import AllotCommand

/// A catalogue of malformed plans (Tests/Fixtures/malformed), each with the first error `allot
/// check` must give for it: where (file, line, column, JSON path) and what to do.
@Suite struct MalformedPlanTests {
    struct Case: CustomStringConvertible, Sendable {
        let file: String
        let expected: String
        var description: String { file }
    }

    static let directory = Repository.root + "/Tests/Fixtures/malformed"

    static let cases: [Case] = {
        guard let text = try? String(contentsOfFile: directory + "/expected.tsv", encoding: .utf8) else { return [] }
        return text.split(separator: "\n").compactMap { line in
            guard !line.hasPrefix("#") else { return nil }
            let fields = line.split(separator: "\t", maxSplits: 1).map(String.init)
            return fields.count == 2 ? Case(file: fields[0], expected: fields[1]) : nil
        }
    }()

    @Test func theCatalogueHasFortyPlansOrMore() {
        #expect(Self.cases.count >= 40)
        let files = (try? FileManager.default.contentsOfDirectory(atPath: Self.directory).filter { $0.hasSuffix(".json") }) ?? []
        #expect(Set(files) == Set(Self.cases.map(\.file)), "every fixture has its message, and every message its fixture")
    }

    @Test(arguments: cases)
    func eachGivesItsMessage(_ test: Case) {
        let result = runAllot(["check", Self.directory + "/" + test.file])
        #expect(result.code == 65)
        let lines = result.err.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        #expect(lines.count >= 2 && lines[1] == Self.directory + "/" + test.expected, "\(result.err)")
    }
}
