extension JSONParser {
    /// Reads a string, number, `true`, `false` or `null`; explains anything else.
    mutating func parseScalar(expected: String) throws(JSONSyntaxError) -> JSONNode {
        let start = position
        guard let byte = peek else { throw error("expected \(expected), found the end of the input") }
        switch byte {
        case UInt8(ascii: "\""):
            return JSONNode(.string(try parseString()), at: start)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return JSONNode(.number(try parseNumber()), at: start)
        case _ where Self.isLetter(byte):
            let word = readWord()
            switch word {
            case "true": return JSONNode(.bool(true), at: start)
            case "false": return JSONNode(.bool(false), at: start)
            case "null": return JSONNode(.null, at: start)
            case "NaN", "nan", "Infinity", "inf", "infinity":
                throw error("\(word) is not a JSON value: write a finite number, or null", at: start)
            case _ where ["true", "false", "null"].contains(word.lowercased()):
                throw error("expected \(expected), found \(word): write \(word.lowercased()) in lower case", at: start)
            case "None", "nil", "undefined":
                throw error("expected \(expected), found \(word): write null", at: start)
            default:
                throw error("expected \(expected), found the word \(word): strings need double quotes, as in \"\(word)\"", at: start)
            }
        case UInt8(ascii: "'"):
            throw error("expected \(expected), found a single quote: JSON strings need double quotes")
        case UInt8(ascii: "/"):
            throw error("expected \(expected), found '/': comments are not allowed in JSON")
        case UInt8(ascii: "+"):
            throw error("expected \(expected), found '+': a JSON number has no plus sign; write 5, not +5")
        case UInt8(ascii: "."):
            throw error("expected \(expected), found '.': a JSON number starts with a digit; write 0.5, not .5")
        default:
            throw error("expected \(expected), found \(describeCurrent())")
        }
    }

    /// Letters, digits and underscores from the current position.
    mutating func readWord() -> String {
        let start = index
        while let byte = peek, Self.isLetter(byte) || Self.isDigit(byte) || byte == UInt8(ascii: "_") { advance() }
        return String(decoding: bytes[start..<index], as: UTF8.self)
    }

    /// Reads a number by the JSON grammar: `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`.
    mutating func parseNumber() throws(JSONSyntaxError) -> JSONNumber {
        let start = position
        let startIndex = index
        if peek == UInt8(ascii: "-") {
            advance()
            if peek == UInt8(ascii: "I") || peek == UInt8(ascii: "i") {
                throw error("-Infinity is not a JSON value: write a finite number, or null", at: start)
            }
        }
        guard let first = peek, Self.isDigit(first) else {
            throw error("expected a digit after '-', found \(describeCurrent())")
        }
        advance()
        if first == UInt8(ascii: "0"), let next = peek, Self.isDigit(next) {
            throw error("a JSON number cannot start with 0 followed by digits: write 7, not 07", at: start)
        }
        skipDigits()
        if peek == UInt8(ascii: ".") {
            advance()
            guard let digit = peek, Self.isDigit(digit) else {
                throw error("expected a digit after the decimal point, found \(describeCurrent())")
            }
            skipDigits()
        }
        if peek == UInt8(ascii: "e") || peek == UInt8(ascii: "E") {
            advance()
            if peek == UInt8(ascii: "+") || peek == UInt8(ascii: "-") { advance() }
            guard let digit = peek, Self.isDigit(digit) else {
                throw error("expected a digit in the exponent, found \(describeCurrent())")
            }
            skipDigits()
        }
        return JSONNumber(text: String(decoding: bytes[startIndex..<index], as: UTF8.self))
    }

    mutating func skipDigits() {
        while let byte = peek, Self.isDigit(byte) { advance() }
    }
}
