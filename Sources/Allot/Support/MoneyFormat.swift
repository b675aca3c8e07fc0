/// Formatting of money amounts for people: $1.2M, $350k, $7,500.
public enum MoneyFormat {
    /// The symbol of a currency code, or the code and a space.
    public static func symbol(_ currency: String) -> String {
        switch currency.uppercased() {
        case "USD": "$"
        case "EUR": "€"
        case "GBP": "£"
        case "JPY", "CNY": "¥"
        default: currency.uppercased() + " "
        }
    }

    /// A short amount with two significant figures at most, such as $1.2M, $350k, $7.4M, $980.
    public static func format(_ amount: Double, currency: String = "USD", digits: Int = 2) -> String {
        // Less than half a cent is no money at all (and solver noise besides).
        if abs(amount) < 0.005 { return symbol(currency) + "0" }
        let sign = amount < 0 ? "-" : ""
        let value = abs(amount)
        let symbol = symbol(currency)
        let (scaled, suffix): (Double, String) =
            value >= 999_500_000 ? (value / 1e9, "B") : value >= 999_500 ? (value / 1e6, "M") : value >= 999.5 ? (value / 1e3, "k") : (value, "")
        return sign + symbol + compact(scaled, digits: max(digits, suffix.isEmpty ? 1 : digits)) + suffix
    }

    /// A number with at most `digits` significant figures but never fewer than its whole part,
    /// without trailing zeros: 1.25 -> "1.3" (2 digits), 350 -> "350", 0.0042 -> "0.0042".
    public static func compact(_ value: Double, digits: Int = 2) -> String {
        guard value.isFinite else { return NumberText.significant(value) }
        if value == 0 { return "0" }
        let magnitude = Int((abs(value)).exponent10())
        let decimals = max(0, digits - 1 - magnitude)
        var text = NumberText.fixed(value, decimals: decimals)
        if text.contains(".") {
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
        }
        return text
    }
}

extension Double {
    /// floor(log10(self)) for positive finite numbers.
    func exponent10() -> Double {
        var exponent = 0.0
        var value = self
        guard value > 0, value.isFinite else { return 0 }
        while value >= 10 { value /= 10; exponent += 1 }
        while value < 1 { value *= 10; exponent -= 1 }
        return exponent
    }
}
