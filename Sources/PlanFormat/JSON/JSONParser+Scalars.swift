#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension JSONParser {
    /// Reads a string, number, `true`, `false` or `null` into an entry; explains anything else.
    ///
    /// - Returns: whether the value is a number.
    mutating func parseScalar(in frame: Frame?, at start: Int) throws(JSONSyntaxError) -> Bool {
        guard let byte = peek else { throw error("expected \(expectation(for: frame)), found the end of the input") }
        switch byte {
        case UInt8(ascii: "\""):
            try parseString(at: start)
            return false
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            let bits = try parseNumber(at: start).bitPattern
            append(.number, at: start, UInt32(truncatingIfNeeded: bits), UInt32(truncatingIfNeeded: bits >> 32))
            return true
        default:
            break
        }
        let expected = expectation(for: frame)
        switch byte {
        case _ where Self.isLetter(byte):
            let word = readWord()
            switch word {
            case "true":
                append(.trueValue, at: start)
                return false
            case "false":
                append(.falseValue, at: start)
                return false
            case "null":
                append(.null, at: start)
                return false
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
    mutating func parseNumber(at start: Int) throws(JSONSyntaxError) -> Double {
        let startIndex = index
        if let number = fastNumber() { return number }
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
        if let value = readInPlace(from: startIndex) { return value }
        return JSONNumber(text: String(decoding: bytes[startIndex..<index], as: UTF8.self)).value
    }

    /// A well-formed number that ends before `index`, read where it is by the C library's
    /// correctly rounded `strtod` (in the C locale, as `Double(String)` reads it): no `String`
    /// made. Nil, for the full reader, unless the byte at `index` ends the number for `strtod`
    /// too and the number is in range.
    func readInPlace(from start: Int) -> Double? {
        let end = index
        guard end < bytes.count else { return nil }
        switch bytes[end] {
        case UInt8(ascii: ","), UInt8(ascii: "}"), UInt8(ascii: "]"), UInt8(ascii: " "), 0x0A, 0x0D, 0x09: break
        default: return nil
        }
        return bytes.withUnsafeBufferPointer { buffer -> Double? in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) { base -> Double? in
                var stop: UnsafeMutablePointer<CChar>?
                errno = 0
                let value = strtod(base + start, &stop)
                guard errno == 0, let stop, UnsafePointer(stop) == base + end else { return nil }
                return value
            }
        }
    }

    mutating func skipDigits() {
        while let byte = peek, Self.isDigit(byte) { advance() }
    }

    static let exactPowersOfTen: [Double] = (0...22).map { exponent in
        var power = 1.0
        for _ in 0..<exponent { power *= 10 }
        return power
    }

    /// A well-formed number of at most 19 significant digits, read straight from its bytes.
    /// With at most 15 and a small exponent, the digits are exact as a `Double`, and one
    /// multiplication or division by an exact power of ten rounds correctly; otherwise
    /// ``DecimalToBinary`` works it out where it can. Anything else (and any malformed number)
    /// is left to the full reader.
    mutating func fastNumber() -> Double? {
        let count = bytes.count
        var at = index
        let negative = bytes[at] == UInt8(ascii: "-")
        if negative { at += 1 }
        guard at < count, Self.isDigit(bytes[at]) else { return nil }
        if bytes[at] == UInt8(ascii: "0"), at + 1 < count, Self.isDigit(bytes[at + 1]) { return nil }
        var mantissa: UInt64 = 0
        var digits = 0
        var scale = 0
        while at < count, Self.isDigit(bytes[at]) {
            mantissa = mantissa &* 10 &+ UInt64(bytes[at] &- UInt8(ascii: "0"))
            if mantissa != 0 { digits += 1 }
            at += 1
        }
        if at < count, bytes[at] == UInt8(ascii: ".") {
            at += 1
            guard at < count, Self.isDigit(bytes[at]) else { return nil }
            while at < count, Self.isDigit(bytes[at]) {
                mantissa = mantissa &* 10 &+ UInt64(bytes[at] &- UInt8(ascii: "0"))
                if mantissa != 0 { digits += 1 }
                scale -= 1
                at += 1
            }
        }
        if at < count, bytes[at] == UInt8(ascii: "e") || bytes[at] == UInt8(ascii: "E") {
            at += 1
            var exponentNegative = false
            if at < count, bytes[at] == UInt8(ascii: "+") || bytes[at] == UInt8(ascii: "-") {
                exponentNegative = bytes[at] == UInt8(ascii: "-")
                at += 1
            }
            guard at < count, Self.isDigit(bytes[at]) else { return nil }
            var exponent = 0
            while at < count, Self.isDigit(bytes[at]) {
                if exponent < 10_000 { exponent = exponent * 10 + Int(bytes[at] &- UInt8(ascii: "0")) }
                at += 1
            }
            scale += exponentNegative ? -exponent : exponent
        }
        var value: Double
        if digits <= 15, scale >= -22, scale <= 22 {
            value = Double(mantissa)
            if scale < 0 {
                value /= Self.exactPowersOfTen[-scale]
            } else if scale > 0 {
                value *= Self.exactPowersOfTen[scale]
            }
        } else {
            // Up to 19 digits the mantissa is exact in 64 bits.
            guard digits <= 19, let converted = DecimalToBinary.double(digits: mantissa, power: scale) else { return nil }
            value = converted
        }
        index = at
        return negative ? -value : value
    }
}
