/// Formatting of money amounts for people: $1.2M, $350k, $7,500.
import PlanFormat
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
            value >= 999_500_000_000 ? (value / 1e12, "T") : value >= 999_500_000 ? (value / 1e9, "B") : value >= 999_500 ? (value / 1e6, "M") : value >= 999.5 ? (value / 1e3, "k") : (value, "")
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

extension MoneyFormat {
    /// A number and its unit, the unit's first word made singular when the number shows as one:
    /// "1 incident/yr", "2 incidents/yr".
    public static func quantity(_ shown: String, unit: String?) -> String {
        guard let unit, !unit.isEmpty else { return shown }
        guard shown == "1" || shown == "-1" else { return shown + " " + unit }
        let end = unit.firstIndex { $0 == "/" || $0 == " " } ?? unit.endIndex
        let word = unit[..<end]
        if word.count > 2, word.hasSuffix("s"), !word.hasSuffix("ss") {
            return shown + " " + word.dropLast() + unit[end...]
        }
        return shown + " " + unit
    }

    /// `value` at `digits` significant figures, rounded up or down rather than to nearest: a
    /// budget that funds a request, or a fix that restores a plan, must not fall short when shown.
    public static func rounded(_ value: Double, digits: Int = 3, up: Bool) -> Double {
        guard value.isFinite, value != 0 else { return value }
        var step = 1.0
        let exponent = Int(abs(value).exponent10()) - (digits - 1)
        for _ in 0..<abs(exponent) { step = exponent > 0 ? step * 10 : step / 10 }
        let scaled = value / step
        let nudge = 1e-9 * abs(scaled)
        return (up ? (scaled - nudge).rounded(.up) : (scaled + nudge).rounded(.down)) * step
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
