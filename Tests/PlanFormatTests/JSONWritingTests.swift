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
    }

    @Test func objectsKeepKeyOrderAndEscapeStrings() {
        let value = JSONValue.object([("b", .number(1)), ("a", .string("x\"y\n<z>\u{1}"))])
        #expect(value.serialized(pretty: false) == #"{"b":1,"a":"x\"y\n<z>\u0001"}"#)
        #expect(value.serialized() == "{\n  \"b\": 1,\n  \"a\": \"x\\\"y\\n<z>\\u0001\"\n}\n")
    }
}
