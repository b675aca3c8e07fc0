import Testing
import TestSupport

@testable import PlanFormat

/// The reader on broken versions of a valid plan: it reports errors and never crashes.
@Suite struct PlanReaderRobustnessTests {
    /// Every path to a value in a document.
    func paths(in value: JSONValue, at path: JSONPath = .root) -> [JSONPath] {
        switch value {
        case .array(let items): [path] + items.enumerated().flatMap { paths(in: $1, at: path.index($0)) }
        case .object(let members): [path] + members.flatMap { paths(in: $0.value, at: path.key($0.key)) }
        default: [path]
        }
    }

    /// The document with the value at `path` replaced.
    func replacing(_ path: ArraySlice<JSONPath.Component>, in value: JSONValue, with replacement: JSONValue) -> JSONValue {
        guard let first = path.first else { return replacement }
        switch (first, value) {
        case (.index(let index), .array(var items)):
            items[index] = replacing(path.dropFirst(), in: items[index], with: replacement)
            return .array(items)
        case (.key(let key), .object(var members)):
            let index = members.firstIndex { $0.key == key }!
            members[index].value = replacing(path.dropFirst(), in: members[index].value, with: replacement)
            return .object(members)
        default:
            return value
        }
    }

    @Test func everyValueOfTheWrongTypeIsReportedAtItsPath() throws {
        let example = try JSONParser.parse(PlanFixtures.northwind).jsonValue
        let substitutes: [JSONValue] = [.null, .bool(true), .number(-1), .number(1e300), .string("x"), .array([]), .object([])]
        var checked = 0
        for path in paths(in: example) where !path.components.isEmpty {
            for substitute in substitutes {
                let text = replacing(path.components[...], in: example, with: substitute).serialized()
                let result = ReadResult(text)
                if result.errors.isEmpty { continue }  // some substitutes are valid (an empty note, say)
                checked += 1
                // Every error has a position, and one of them is at the changed value or around it
                // (unless a renamed id or an emptied list breaks references elsewhere).
                #expect(result.errors.allSatisfy { $0.line != nil })
                let changed = path.description
                let nearby = result.errors.contains { changed.hasPrefix($0.path) || $0.path.hasPrefix(changed) }
                let cascade = result.messages.allSatisfy { $0.hasPrefix("unknown ") || $0.contains("selects no request") }
                #expect(nearby || cascade && [.string("x"), .array([])].contains(substitute),
                        "no error near \(changed) for \(substitute): \(result.messages)")
            }
        }
        #expect(checked > 300)
    }

    @Test func flippedBytesNeverCrashTheReader() {
        let bytes = Array(PlanFixtures.northwind.utf8)
        var state: UInt64 = 42
        let replacements = Array("{}[]\",:0-.eaxn \\".utf8) + [0x00, 0xFF, 0xC3]
        for _ in 0..<1500 {
            var mutated = bytes
            for _ in 0..<3 {
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                let position = Int(state >> 33) % mutated.count
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                mutated[position] = replacements[Int(state >> 33) % replacements.count]
            }
            _ = ReadResult(bytes: mutated)
        }
    }
}
