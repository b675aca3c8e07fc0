import Foundation
import Testing
import TestSupport

@testable import AllotCommand
@testable import PlanFormat

/// Every command's output on the example models, byte for byte, against the files kept in
/// Tests/Golden. A change to any output shows as a diff there, to be reviewed like code.
///
/// After an intended change: `ALLOT_UPDATE_GOLDEN=1 swift test --filter Golden`, then read the diff.
@Suite struct GoldenTests {
    struct Case: CustomStringConvertible, Sendable {
        let name: String
        let arguments: [String]
        var description: String { name }
    }

    static let directory = Repository.root + "/Tests/Golden"
    static let updating = ProcessInfo.processInfo.environment["ALLOT_UPDATE_GOLDEN"] == "1"

    static let cases: [Case] = {
        guard let text = try? String(contentsOfFile: directory + "/cases.tsv", encoding: .utf8) else { return [] }
        return text.split(separator: "\n").compactMap { line in
            guard !line.hasPrefix("#") else { return nil }
            let fields = line.split(separator: "\t").map(String.init)
            return Case(name: fields[0], arguments: Array(fields.dropFirst()))
        }
    }()

    /// The exit codes, kept in one file so that a changed code shows in one place.
    static func codes() -> [String: Int32] {
        guard let text = try? String(contentsOfFile: directory + "/codes.tsv", encoding: .utf8) else { return [:] }
        var codes: [String: Int32] = [:]
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            let fields = line.split(separator: "\t")
            if fields.count == 2, let code = Int32(fields[1]) { codes[String(fields[0])] = code }
        }
        return codes
    }

    @Test func casesAreListed() {
        #expect(Self.cases.count >= 30)
        #expect(Set(Self.cases.map(\.name)).count == Self.cases.count)
    }

    /// Runs one case in-process, with paths made absolute, and returns its outputs by file name,
    /// with the repository's and the scratch folder's paths taken out so the texts do not depend
    /// on where the repository lies.
    static func outputs(of test: Case) throws -> (files: [String: String], code: Int32) {
        let scratch = try Scratch()
        var files: [String: String] = [:]
        var produced: [(String, String)] = []
        let arguments = test.arguments.map { word -> String in
            if word.hasPrefix("models/") { return Repository.root + "/" + word }
            if word.hasPrefix("OUT.") {
                let name = test.name + "." + word.dropFirst(4)
                produced.append((name, scratch.path + "/" + name))
                return scratch.path + "/" + name
            }
            return word
        }
        let result = runAllot(arguments)
        func clean(_ text: String) -> String {
            text.replacingOccurrences(of: scratch.path + "/", with: "")
                .replacingOccurrences(of: Repository.root + "/", with: "")
        }
        files[test.name + ".out"] = clean(result.out)
        if !result.err.isEmpty { files[test.name + ".err"] = clean(result.err) }
        for (name, path) in produced {
            if let text = try? String(contentsOfFile: path, encoding: .utf8) { files[name] = clean(text) }
        }
        return (files, result.code)
    }

    @Test(arguments: cases)
    func outputMatches(_ test: Case) throws {
        let (files, code) = try Self.outputs(of: test)
        let manager = FileManager.default
        if Self.updating {
            let stale = (try? manager.contentsOfDirectory(atPath: Self.directory)) ?? []
            for name in stale where name.hasPrefix(test.name + ".") && files[name] == nil {
                try manager.removeItem(atPath: Self.directory + "/" + name)
            }
            for (name, text) in files {
                try text.write(toFile: Self.directory + "/" + name, atomically: true, encoding: .utf8)
            }
            try CodeFile.shared.set(test.name, code)
            return
        }
        #expect(Self.codes()[test.name] == code, "exit code of \(test.name)")
        let kept = ((try? manager.contentsOfDirectory(atPath: Self.directory)) ?? []).filter {
            $0.hasPrefix(test.name + ".") && !$0.dropFirst(test.name.count + 1).contains(".")
        }
        #expect(Set(kept) == Set(files.keys), "files of \(test.name)")
        for (name, text) in files.sorted(by: { $0.key < $1.key }) {
            let expected = try? String(contentsOfFile: Self.directory + "/" + name, encoding: .utf8)
            #expect(expected == text, "\(name) differs from Tests/Golden/\(name); if intended, regenerate and review the diff")
        }
    }
}

/// The exit-code file, written under a lock while golden files are regenerated in parallel.
final class CodeFile: Sendable {
    static let shared = CodeFile()
    private let lock = NSLock()

    func set(_ name: String, _ code: Int32) throws {
        lock.lock()
        defer { lock.unlock() }
        var codes = GoldenTests.codes()
        codes[name] = code
        let lines = codes.keys.sorted().map { "\($0)\t\(codes[$0]!)" }
        try ("# The exit code of each golden case.\n" + lines.joined(separator: "\n") + "\n")
            .write(toFile: GoldenTests.directory + "/codes.tsv", atomically: true, encoding: .utf8)
    }
}
