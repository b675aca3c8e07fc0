import Testing
import TestSupport

#if canImport(Glibc)
import Glibc
#endif

@testable import PlanFormat

/// The flat tape the plan reader walks says what the tree of `JSONNode`s says: the same values,
/// positions and paths, on every plan of the repository and on hand-made documents.
@Suite struct JSONTapeTests {
    /// Every JSON file among the models and the test fixtures, malformed ones included.
    static let documents: [String] = {
        var found: [String] = Repository.modelFiles.map { Repository.model($0) }
        var folders = [Repository.root + "/Tests/Fixtures"]
        while let folder = folders.popLast() {
            guard let directory = opendir(folder) else { continue }
            defer { closedir(directory) }
            while let entry = readdir(directory) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
                if name.hasPrefix(".") { continue }
                let path = folder + "/" + name
                if entry.pointee.d_type == UInt8(DT_DIR) {
                    folders.append(path)
                } else if name.hasSuffix(".json") {
                    found.append(path)
                }
            }
        }
        return found.sorted()
    }()

    static func bytes(_ path: String) throws -> [UInt8] {
        try PlanFile.readBytes(path: path)
    }

    /// Checks every node of `node` (at `path`) against the tape.
    static func expectAgreement(_ tape: JSONTape, _ root: JSONNode) {
        var pending: [(node: JSONNode, path: JSONPath)] = [(root, .root)]
        while let (node, path) = pending.popLast() {
            guard let index = tape.entry(at: path) else {
                Issue.record("no entry at \(path)")
                continue
            }
            #expect(tape.position(index) == node.position, "position of \(path)")
            #expect(tape.path(of: index) == path, "path of \(path)")
            #expect(tape.kindDescription(index) == node.kindDescription, "kind of \(path)")
            let view = TapeNode(tape: tape, index: index)
            switch (node.value, view.value) {
            case (.null, .null): break
            case (.bool(let a), .bool(let b)): #expect(a == b)
            case (.number(let a), .number(let b)):
                #expect(a.text == b.text, "number text at \(path)")
                #expect(a.value == b.value || (a.value.isNaN && b.value.isNaN), "number at \(path)")
            case (.string(let a), .string(let b)): #expect(a == b, "string at \(path)")
            case (.array(let items), .array(let entries)):
                #expect(items.count == entries.count)
                for (ordinal, item) in items.enumerated() { pending.append((item, path.index(ordinal))) }
            case (.object(let members), .object(let entries)):
                #expect(members.count == entries.count)
                for (member, entry) in zip(members, entries) {
                    #expect(member.key == entry.key)
                    #expect(member.keyPosition == entry.keyPosition, "key position of \(member.key) at \(path)")
                }
                for member in members.uniqueByKey { pending.append((member.value, path.key(member.key))) }
            default:
                Issue.record("\(path): the tree has \(node.kindDescription), the tape \(view.kindDescription)")
            }
        }
    }

    @Test func thereAreDocuments() {
        #expect(Self.documents.count >= 20)
        #expect(Self.documents.contains { $0.hasSuffix("/models/northwind.json") })
    }

    @Test(arguments: documents)
    func theTapeSaysWhatTheTreeSays(_ path: String) throws {
        let bytes = try Self.bytes(path)
        let tape: JSONTape
        do {
            tape = try JSONParser.parseTape(bytes, duplicateKeys: .keep).tape
        } catch {
            // A fixture that is not JSON fails the same way both ways.
            #expect(throws: error) { try JSONParser.parse(bytes, duplicateKeys: .keep) }
            return
        }
        Self.expectAgreement(tape, tape.tree())
    }

    /// A plan reads to the same plan, and its errors say the same things at the same paths,
    /// whether its file is written on one line or pretty-printed.
    @Test(arguments: documents)
    func aPlanReadsTheSameOnOneLine(_ path: String) throws {
        let bytes = try Self.bytes(path)
        guard let root = try? JSONParser.parse(bytes, duplicateKeys: .keep) else { return }
        let value = root.jsonValue
        func read(_ text: String) -> (plan: Plan?, warnings: [String], errors: [String]) {
            do {
                let load = try PlanReader.read(bytes: Array(text.utf8), source: "plan.json")
                return (load.plan, load.warnings.map { "\($0.path): " + withoutLines($0.message) }, [])
            } catch let errors as PlanErrors {
                return (nil, [], errors.errors.map { "\($0.path): " + withoutLines($0.message) })
            } catch {
                return (nil, [], ["\(error)"])
            }
        }
        // Messages that name another place's line name different lines in the two layouts.
        func withoutLines(_ message: String) -> String {
            var text = Substring(message)
            var result = ""
            while let range = text.range(of: " (line ") {
                result += text[..<range.lowerBound]
                text = text[range.upperBound...].drop { $0.isNumber }.dropFirst()
            }
            return result + text
        }
        let compact = read(value.serialized(pretty: false))
        let pretty = read(value.serialized(pretty: true))
        #expect(compact.plan == pretty.plan)
        #expect(compact.warnings.sorted() == pretty.warnings.sorted())
        #expect(compact.errors.sorted() == pretty.errors.sorted())
    }

    /// Line and column of the first place `marker` is written in `text`, counted with
    /// `String`'s own Unicode scalars (the reference the tape's counting is checked against).
    static func expectedPosition(of marker: String, in text: String) -> SourcePosition? {
        var line = 1
        for lineText in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if let range = lineText.range(of: marker) {
                var prefix = Substring(lineText[..<range.lowerBound]).unicodeScalars
                if line == 1, prefix.first == "\u{FEFF}" { prefix = prefix.dropFirst() }
                return SourcePosition(line: line, column: prefix.count + 1)
            }
            line += 1
        }
        return nil
    }

    @Test func positionsOnLongLinesWithWideCharactersAndAByteOrderMark() throws {
        // A line far longer than the table's step, with two- to four-byte characters before the
        // values, behind a byte order mark.
        var text = "\u{FEFF}{\"pad\": \"" + String(repeating: "é€😀a", count: 900) + "\", \"list\": ["
        for index in 0..<400 { text += "{\"k\(index)\": \"v\(index)é\"}, " }
        text += "true],\n  \"後\": {\"deep\": [null, \"end\"]}}"
        let bytes = Array(text.utf8)
        let tape = try JSONParser.parseTape(bytes).tape
        let tree = try JSONParser.parse(bytes)
        Self.expectAgreement(tape, tree)
        for index in [0, 1, 57, 256, 399] {
            let entry = try #require(tape.entry(at: JSONPath.root.key("list").index(index).key("k\(index)")))
            #expect(tape.position(entry) == Self.expectedPosition(of: "\"v\(index)é\"", in: text))
            #expect(tape.position(entry - 1) == Self.expectedPosition(of: "\"k\(index)\"", in: text))
        }
        let end = try #require(tape.entry(at: JSONPath.root.key("後").key("deep").index(1)))
        #expect(tape.position(end) == Self.expectedPosition(of: "\"end\"", in: text))
        #expect(tape.position(JSONTape.root) == SourcePosition(line: 1, column: 1))
    }

    @Test func escapedStringsAndKeysReadDecoded() throws {
        let text = #"{"a\"b": "x\u00e9\n", "\u212A": 1, "K": [2], "plain": "y"}"#
        let tape = try JSONParser.parseTape(Array(text.utf8), duplicateKeys: .keep)
        // The Kelvin sign is canonically equivalent to "K": the same key, as Swift compares them.
        #expect(tape.hasDuplicateKeys)
        Self.expectAgreement(tape.tape, try JSONParser.parse(text, duplicateKeys: .keep))
        let value = try #require(tape.tape.entry(at: JSONPath.root.key("a\"b")))
        #expect(tape.tape.string(value) == "xé\n")
        #expect(tape.tape.string(value - 1, equals: "a\"b"))
        #expect(!tape.tape.string(value - 1, equals: "a\"c"))
        let kelvin = try #require(tape.tape.entry(at: JSONPath.root.key("K")))
        #expect(tape.tape.kind(kelvin) == .number)
    }

    @Test func repeatedKeysAreFoundInObjectsOfEverySize() throws {
        for size in [2, 16, 17, 40] {
            var members = (0..<size).map { "\"key\($0)\": \($0)" }
            members.append("\"key\(size / 2)\": \"again\"")
            let text = "{" + members.joined(separator: ", ") + "}"
            #expect(try JSONParser.parseTape(Array(text.utf8), duplicateKeys: .keep).hasDuplicateKeys)
            #expect(throws: JSONSyntaxError.self) { try JSONParser.parse(text) }
            let unique = "{" + (0..<size).map { "\"key\($0)\": \($0)" }.joined(separator: ", ") + "}"
            #expect(try !JSONParser.parseTape(Array(unique.utf8), duplicateKeys: .keep).hasDuplicateKeys)
        }
    }

    @Test func pathsOfValuesAndKeysInNestedArrays() throws {
        let text = #"{"teams": [{"id": "a", "requests": []}, {"id": "b", "requests": [{"id": "r", "impact": {"arr": 2}}]}]}"#
        let tape = try JSONParser.parseTape(Array(text.utf8)).tape
        let path = JSONPath.root.key("teams").index(1).key("requests").index(0).key("impact").key("arr")
        let entry = try #require(tape.entry(at: path))
        #expect(tape.path(of: entry) == path)
        #expect(tape.path(of: entry - 1) == path, "a key's path is its value's")
        #expect(tape.entry(at: JSONPath.root.key("teams").index(2)) == nil)
        #expect(tape.entry(at: JSONPath.root.key("teams").index(-1)) == nil)
        #expect(tape.entry(at: JSONPath.root.key("nothing")) == nil)
    }
}
