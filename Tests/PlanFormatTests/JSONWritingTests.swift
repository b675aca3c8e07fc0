import Testing

@testable import PlanFormat

@Suite struct JSONWritingTests {
    @Test func numbersPrintInShortestForm() {
        #expect(JSONValue.format(3) == "3")
        #expect(JSONValue.format(-0.0) == "0")
        #expect(JSONValue.format(0.1) == "0.1")
        #expect(JSONValue.format(1e-5) == "1e-5")
        #expect(JSONValue.format(2.5e20) == "2.5e20")
        #expect(JSONValue.format(.nan) == "null")
        #expect(JSONValue.format(-2.5e-7) == "-2.5e-7")
        #expect(JSONValue.format(1e21) == "1e21")
        #expect(JSONValue.format(1.5e-300) == "1.5e-300")
        #expect(JSONValue.format(0.1 + 0.2) == "0.30000000000000004")
        #expect(JSONValue.format(123_456.789) == "123456.789")
        #expect(JSONValue.format(-9_007_199_254_740_992) == "-9007199254740992")
        #expect(JSONValue.format(9.5e15) == "9.5e15")
    }

    @Test func deepIndentationAndStringsThatNeedEscapes() {
        // Twenty levels: indentation longer than the spaces copied at a time.
        var value = JSONValue.string("line\u{2028}\u{1F}end \u{E9}t\u{E9} \u{2029}")
        for level in 0..<20 { value = .object([("k\(level)", value)]) }
        let text = value.serialized()
        let lines = text.split(separator: "\n")
        #expect(lines.count == 41)
        #expect(lines[20] == Substring(String(repeating: " ", count: 40) + #""k0": "line\u2028\u001fend été \u2029""#))
        #expect(lines[21] == Substring(String(repeating: " ", count: 38) + "}"))
        let plain = String(repeating: "plain text without escapes ", count: 40)
        #expect(JSONValue.string(plain).serialized(pretty: false) == "\"" + plain + "\"")
    }

    @Test func aTextBufferGrowsAndKeepsEveryByte() {
        let buffer = TextBuffer(capacity: 1)
        var expected: [UInt8] = []
        for round in 0..<300 {
            let piece = Array("piece \(round) ".utf8)
            piece.withUnsafeBufferPointer { buffer.append($0) }
            buffer.append(UInt8(ascii: "|"))
            buffer.append("static")
            expected += piece + [UInt8(ascii: "|")] + Array("static".utf8)
        }
        let other = TextBuffer()
        other.append("tail")
        buffer.append(other)
        expected += Array("tail".utf8)
        #expect(buffer.count == expected.count)
        #expect(buffer.withBytes { Array($0) } == expected)
        buffer.removeAll()
        #expect(buffer.count == 0 && buffer.text.isEmpty)
    }

    @Test func objectsKeepKeyOrderAndEscapeStrings() {
        let value = JSONValue.object([("b", .number(1)), ("a", .string("x\"y\n<z>\u{1}"))])
        #expect(value.serialized(pretty: false) == #"{"b":1,"a":"x\"y\n<z>\u0001"}"#)
        #expect(value.serialized() == "{\n  \"b\": 1,\n  \"a\": \"x\\\"y\\n<z>\\u0001\"\n}\n")
    }
}
