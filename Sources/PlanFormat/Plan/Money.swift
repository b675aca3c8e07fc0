/// Money amounts, KPI quantities and fractions as plan files write them.
///
/// A money amount is a JSON number or a string such as `"1.2M"`, `"750k"`, `"$2.5m"`,
/// `"1,200,000"`, `"€3.4 MM"` or `"2bn"`: an optional currency symbol ($, €, £, ¥), digits with
/// optional thousands commas in groups of three, an optional decimal part and an optional suffix
/// (k, M or MM, B or bn; any case), with spaces allowed between the parts. Strings are read as
/// decimals, so `"2.01M"` is exactly 2,010,000. Money is never negative; a quantity may carry a
/// leading `-`. Every value must be finite and at most 1e15 in size; a non-zero value must be at
/// least 1e-9 in size, and a non-zero amount at least a cent.
public enum Money {
    /// The largest size of any amount or quantity.
    public static let limit = 1e15
    /// The smallest size of any non-zero quantity or fraction (money: a cent).
    public static let smallest = 1e-9

    /// How amounts are written, for messages.
    public static let examples = "write amounts like 1200000, \"1.2M\", \"750k\" or \"$2.5m\""

    /// A money amount written as a string.
    public static func amount(_ text: String) throws(MoneyError) -> Double {
        let decimal = try scan(text, signed: false)
        return try checkAmount(decimal.doubleValue, written: Quoted.text(text))
    }

    /// A signed quantity written as a string: a money amount with an optional leading `-`.
    public static func quantity(_ text: String) throws(MoneyError) -> Double {
        let decimal = try scan(text, signed: true)
        return try checkQuantity(decimal.doubleValue, written: Quoted.text(text))
    }

    /// A money amount given as a number: finite, at most 1e15, not negative.
    ///
    /// - Parameter written: the number as the file writes it, for messages.
    public static func checkAmount(_ value: Double, written: @autoclosure () -> String) throws(MoneyError) -> Double {
        let value = try checkQuantity(value, written: written())
        if value < 0 { throw MoneyError("money is never negative, found \(written())") }
        if value != 0, value < 0.01 {
            throw MoneyError("\(written()) is less than a cent; amounts must be 0 or at least 0.01")
        }
        return value
    }

    /// A quantity given as a number: finite and at most 1e15 in size.
    public static func checkQuantity(_ value: Double, written: @autoclosure () -> String) throws(MoneyError) -> Double {
        guard value.isFinite, abs(value) <= limit else {
            throw MoneyError("\(written()) is beyond 1e15; amounts and quantities must be at most 1e15 in size")
        }
        // Sizes this small are typing slips, and they would wreck the program's scaling.
        if value != 0, abs(value) < smallest {
            throw MoneyError("\(written()) is too small; numbers must be 0 or at least 1e-9 in size")
        }
        return value == 0 ? 0 : value
    }

    static let currencySymbols: Set<Unicode.Scalar> = ["$", "€", "£", "¥"]
    static let suffixExponents: [String: Int] = ["": 0, "k": 3, "m": 6, "mm": 6, "b": 9, "bn": 9]

    /// Reads the money grammar into an exact decimal.
    static func scan(_ text: String, signed: Bool) throws(MoneyError) -> DecimalAmount {
        let quoted = Quoted.text(text)
        let what = signed ? "a number or amount" : "a money amount"
        func failure(_ reason: String) -> MoneyError {
            MoneyError("\(quoted) is not \(what): \(reason)")
        }
        var scanner = AmountScanner(text)
        scanner.skipSpaces()
        if scanner.atEnd { throw MoneyError("an empty string is not \(what); \(examples)") }
        var negative = false
        if scanner.peek == "-" || scanner.peek == "\u{2212}" {
            negative = true
            scanner.advance()
            scanner.skipSpaces()
        }
        if let symbol = scanner.peek, currencySymbols.contains(symbol) {
            scanner.advance()
            scanner.skipSpaces()
            if !negative, scanner.peek == "-" {
                negative = true
                scanner.advance()
                scanner.skipSpaces()
            }
        }
        if negative, !signed { throw MoneyError("money is never negative, found \(quoted)") }
        guard scanner.atDigit else {
            if scanner.peek == "." { throw failure("write a digit before the decimal point, as in \"0.5M\"") }
            if scanner.atEnd { throw failure("it has no digits; \(examples)") }
            throw failure("unexpected \(describe(scanner.peek)); \(examples)")
        }
        var integer = scanner.digits()
        if scanner.peek == "," {
            let grouping = "thousands commas must separate groups of three digits, as in \"1,200,000\""
            guard integer.count <= 3 else { throw failure(grouping) }
            while scanner.peek == "," {
                scanner.advance()
                let group = scanner.digits()
                guard group.count == 3 else { throw failure(grouping) }
                integer += group
            }
        }
        var fraction = ""
        if scanner.peek == "." {
            scanner.advance()
            fraction = scanner.digits()
            if fraction.isEmpty { throw failure("expected digits after the decimal point") }
            if scanner.peek == "." { throw failure("it has more than one decimal point") }
            if scanner.peek == "," { throw failure("thousands commas come before the decimal point") }
        }
        scanner.skipSpaces()
        let suffix = scanner.letters()
        guard let suffixExponent = suffixExponents[suffix.lowercased()] else {
            throw failure("\"\(suffix)\" is not a suffix (use k, M, MM, B or bn); \(examples)")
        }
        scanner.skipSpaces()
        guard scanner.atEnd else {
            if scanner.atDigit {
                throw failure(suffix.isEmpty
                    ? "spaces cannot separate digits; write 1200000 or \"1,200,000\""
                    : "digits follow the suffix \"\(suffix)\"; the suffix comes last, as in \"1.5M\"")
            }
            if let symbol = scanner.peek, currencySymbols.contains(symbol) {
                throw failure("the currency symbol comes first, as in \"$2.5M\"")
            }
            throw failure("unexpected \(describe(scanner.peek)); \(examples)")
        }
        return DecimalAmount(negative: negative, digits: integer + fraction, exponent: suffixExponent - fraction.count)
    }

    static func describe(_ scalar: Unicode.Scalar?) -> String {
        guard let scalar else { return "end of text" }
        return "'\(scalar)'"
    }
}
