extension Money {
    /// A fraction written as a percentage string, such as `"33%"` or `"12.5 %"`: 0.33, 0.125.
    ///
    /// The result must lie in [0, 1]. A plain number in a string (`"0.5"`) is an error: write
    /// fractions as JSON numbers or as percentages.
    public static func fraction(_ text: String) throws(MoneyError) -> Double {
        let quoted = "\"\(text)\""
        let how = "write a fraction as a number from 0 to 1 (such as 0.3) or a percentage (such as \"30%\")"
        var scanner = AmountScanner(text)
        scanner.skipSpaces()
        if scanner.peek == "-" || scanner.peek == "\u{2212}" {
            throw MoneyError("\(quoted) is out of range: a fraction is between 0% and 100%")
        }
        let integer = scanner.digits()
        guard !integer.isEmpty else { throw MoneyError("\(quoted) is not a fraction; \(how)") }
        var fraction = ""
        if scanner.peek == "." {
            scanner.advance()
            fraction = scanner.digits()
            guard !fraction.isEmpty else { throw MoneyError("\(quoted) is not a fraction: expected digits after the decimal point") }
        }
        scanner.skipSpaces()
        guard scanner.peek == "%" else { throw MoneyError("\(quoted) is not a fraction; \(how)") }
        scanner.advance()
        scanner.skipSpaces()
        guard scanner.atEnd else { throw MoneyError("\(quoted) is not a fraction; \(how)") }
        let value = DecimalAmount(digits: integer + fraction, exponent: -fraction.count - 2).doubleValue
        return try checkFraction(value, written: quoted)
    }

    /// A fraction given as a number: in [0, 1].
    public static func checkFraction(_ value: Double, written: @autoclosure () -> String) throws(MoneyError) -> Double {
        guard value.isFinite, value >= 0, value <= 1 else {
            throw MoneyError("\(written()) is out of range: a fraction is between 0 and 1 (or \"0%\" and \"100%\")")
        }
        if value != 0, value < smallest {
            throw MoneyError("\(written()) is too small; a fraction must be 0 or at least 1e-9")
        }
        return value
    }
}
