import Testing

@testable import PlanFormat

@Suite struct JSONParserTests {
    /// The syntax error that parsing `text` gives, or nil when it parses.
    func syntaxError(_ text: String) -> JSONSyntaxError? {
        syntaxError(Array(text.utf8))
    }

    func syntaxError(_ bytes: [UInt8]) -> JSONSyntaxError? {
        do {
            _ = try JSONParser.parse(bytes)
            return nil
        } catch {
            return error
        }
    }

    @Test func runsOfWhitespaceOfEveryLengthAreSkipped() throws {
        // Spaces skipped eight at a time: runs of every length up to 40, mixed with tabs and
        // line breaks, before the end of the input and right at it.
        for length in 0...40 {
            for filler in [" ", "\t", "\n", "\r\n", " \t"] {
                let gap = String(repeating: " ", count: length) + (length % 3 == 0 ? filler : "") + String(repeating: " ", count: length / 2)
                let text = gap + "{" + gap + "\"a\"" + gap + ":" + gap + "[" + gap + "1" + gap + "," + gap + "-2.5e3" + gap + "]" + gap + "}" + gap
                let root = try JSONParser.parse(text)
                #expect(root.jsonValue == .object([("a", .array([.number(1), .number(-2500)]))]))
                let lines = gap.utf8.filter { $0 == 0x0A }.count
                #expect(root.node(at: JSONPath.root.key("a").index(1))?.position.line == 1 + 7 * lines)
            }
        }
        #expect(syntaxError(String(repeating: " ", count: 17) + "{" + String(repeating: " ", count: 9) + "x}")?.message.contains("expected") == true)
    }

    @Test func recordsPositionsOfValuesAndKeys() throws {
        let text = "{\n  \"a\": [1, true],\n  \"b\": {\"c\": null, \"é\": \"x\"}\n}"
        let root = try JSONParser.parse(text)
        #expect(root.position == SourcePosition(line: 1, column: 1))
        guard case .object(let members) = root.value else { Issue.record("not an object"); return }
        #expect(members.map(\.key) == ["a", "b"])
        #expect(members[0].keyPosition == SourcePosition(line: 2, column: 3))
        #expect(members[0].value.position == SourcePosition(line: 2, column: 8))
        let inner = try #require(root.node(at: JSONPath.root.key("a").index(1)))
        #expect(inner.value == .bool(true))
        #expect(inner.position == SourcePosition(line: 2, column: 12))
        // Columns count characters, not bytes: "é" is one column.
        let x = try #require(root.node(at: JSONPath.root.key("b").key("é")))
        #expect(x.position == SourcePosition(line: 3, column: 25))
    }

    @Test func keepsNumberTextAndKeyOrder() throws {
        let root = try JSONParser.parse(#"{"z": -12.50e3, "a": 0, "m": 1E+2}"#)
        guard case .object(let members) = root.value else { Issue.record("not an object"); return }
        #expect(members.map(\.key) == ["z", "a", "m"])
        guard case .number(let number) = members[0].value.value else { Issue.record("not a number"); return }
        #expect(number.text == "-12.50e3")
        #expect(number.value == -12500)
        #expect(root.jsonValue == .object([("z", .number(-12500)), ("a", .number(0)), ("m", .number(100))]))
    }

    @Test func decodesEscapesAndSurrogatePairs() throws {
        let root = try JSONParser.parse(#"["a\"b\\c\/d\b\f\n\r\t", "\u00e9\uD83D\uDE00", "\u0000"]"#)
        #expect(root.jsonValue == .array([.string("a\"b\\c/d\u{8}\u{c}\n\r\t"), .string("é😀"), .string("\u{0}")]))
    }

    @Test func skipsAByteOrderMark() throws {
        let root = try JSONParser.parse([0xEF, 0xBB, 0xBF] + Array("[1]".utf8))
        #expect(root.jsonValue == .array([.number(1)]))
        #expect(root.position == SourcePosition(line: 1, column: 1))
    }

    @Test func reportsWhatWasExpected() {
        let error = syntaxError("{\n  \"amount\": 12 \"min\": 3}")
        #expect(error?.message == "expected ',' or '}' after the value of \"amount\", found '\"'")
        #expect(error?.position == SourcePosition(line: 2, column: 16))
        #expect(syntaxError("[1 2]")?.message == "expected ',' or ']' after item 1 of the array, found '2'")
        #expect(syntaxError("{\"a\" 1}")?.message == "expected ':' after the key \"a\", found '1'")
        #expect(syntaxError("{\"amount\": 1.5M}")?.message.contains("write it in double quotes") == true)
        #expect(syntaxError("")?.message == "expected a JSON value, found the end of the input")
        #expect(syntaxError("{\"a\": }")?.message == "expected the value of \"a\", found '}'")
    }

    @Test func rejectsTrailingCommas() {
        let error = syntaxError("{\"a\": 1,\n}")
        #expect(error?.message == "trailing comma before '}': remove the comma after the value of \"a\"")
        #expect(error?.position == SourcePosition(line: 1, column: 8))
        #expect(syntaxError("[1, 2, ]")?.message == "trailing comma before ']': remove the comma after the last item")
    }

    @Test func rejectsCommentsAndNonJSONLiterals() {
        #expect(syntaxError("// note\n{}")?.message.contains("comments are not allowed") == true)
        #expect(syntaxError("[NaN]")?.message == "NaN is not a JSON value: write a finite number, or null")
        #expect(syntaxError("[Infinity]")?.message.contains("Infinity is not a JSON value") == true)
        #expect(syntaxError("[-Infinity]")?.message.contains("-Infinity is not a JSON value") == true)
        #expect(syntaxError("[True]")?.message.contains("write true in lower case") == true)
        #expect(syntaxError("['a']")?.message.contains("double quotes") == true)
        #expect(syntaxError("{a: 1}")?.message.contains("expected a key in double quotes") == true)
        #expect(syntaxError("[abc]")?.message.contains("strings need double quotes") == true)
    }

    @Test func rejectsMalformedNumbers() {
        #expect(syntaxError("[01]")?.message.contains("cannot start with 0") == true)
        #expect(syntaxError("[1.]")?.message.contains("after the decimal point") == true)
        #expect(syntaxError("[1e]")?.message.contains("in the exponent") == true)
        #expect(syntaxError("[-]")?.message.contains("after '-'") == true)
        #expect(syntaxError("[+1]")?.message.contains("no plus sign") == true)
        #expect(syntaxError("[.5]")?.message.contains("write 0.5") == true)
    }

    @Test func rejectsBadStrings() {
        #expect(syntaxError("[\"a\u{1}b\"]")?.message.contains("control character U+0001") == true)
        #expect(syntaxError("[\"a\nb\"]")?.message.contains("line break inside a string") == true)
        #expect(syntaxError(#"["\x"]"#)?.message.contains("invalid escape \\x") == true)
        #expect(syntaxError(#"["\u12"]"#)?.message.contains("four hexadecimal digits") == true)
        #expect(syntaxError(#"["\uD83D"]"#)?.message.contains("lone surrogate \\uD83D") == true)
        #expect(syntaxError(#"["\uDE00"]"#)?.message.contains("lone surrogate \\uDE00") == true)
        #expect(syntaxError(#"["\uD83D\u0041"]"#)?.message.contains("not a low surrogate") == true)
        let unterminated = syntaxError("[1,\n \"abc")
        #expect(unterminated?.message.contains("unterminated string") == true)
        #expect(unterminated?.position == SourcePosition(line: 2, column: 2))
    }

    @Test func rejectsDuplicateKeysNamingBothPlaces() throws {
        let error = syntaxError("{\"a\": 1,\n \"a\": 2}")
        #expect(error?.message == "duplicate key \"a\": it is already given at line 1, column 2; give each key once")
        #expect(error?.position == SourcePosition(line: 2, column: 2))
        let kept = try JSONParser.parse("{\"a\": 1, \"a\": 2}", duplicateKeys: .keep)
        #expect(kept["a"]?.value == .number(JSONNumber(text: "1")))
    }

    @Test func rejectsTextAfterTheDocument() {
        #expect(syntaxError("{} {}")?.message.contains("expected the end of the input") == true)
    }

    @Test func rejectsInvalidUTF8WithItsPosition() {
        let error = syntaxError(Array("[\"ab".utf8) + [0xFF] + Array("\"]".utf8))
        #expect(error?.message == "the text is not valid UTF-8 (byte 0xFF here); save the file as UTF-8")
        #expect(error?.position == SourcePosition(line: 1, column: 5))
        #expect(syntaxError([0xC0, 0x80]) != nil)  // overlong
        #expect(syntaxError([0xED, 0xA0, 0x80]) != nil)  // encoded surrogate
        #expect(syntaxError([0x22, 0xE2, 0x82]) != nil)  // truncated sequence
    }

    @Test func capsNestingDepthWithoutCrashing() {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        #expect(syntaxError(deep)?.message.contains("nested more than 512 deep") == true)
        let fine = String(repeating: "[", count: 512) + String(repeating: "]", count: 512)
        #expect(syntaxError(fine) == nil)
        let objects = String(repeating: "{\"a\":", count: 600) + "1" + String(repeating: "}", count: 600)
        #expect(syntaxError(objects) != nil)
    }

    @Test func neverCrashesOnTruncationsOrGarbage() {
        let text = #"{"name": "x", "list": [1, -2.5e3, "\u00e9", true, null, {"k": [false]}]}"#
        let bytes = Array(text.utf8)
        for end in 0..<bytes.count {
            #expect(syntaxError(Array(bytes[0..<end])) != nil)
        }
        #expect(syntaxError(bytes) == nil)
        // Deterministic pseudo-random byte soup.
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        let alphabet = Array("{}[]\",:0123456789-+.eEtrufalsn \\u\n".utf8) + [0xC3, 0xA9, 0xFF]
        for _ in 0..<2000 {
            var soup: [UInt8] = []
            for _ in 0..<Int(state % 40) {
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                soup.append(alphabet[Int(state >> 33) % alphabet.count])
            }
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            _ = syntaxError(soup)
        }
    }
}
