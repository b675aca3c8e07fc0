import PlanFormat

/// Every number a report shows, in one precision policy and the plan's currency, so that the
/// same amount reads the same in a table, a sentence, an HTML card and a Markdown row.
///
/// - Money: three significant figures unless the exact figure is shorter ("$1.57M", "$400k",
///   "$29.5M", "$7M", "$950"), never a fraction of a cent, and never a fraction of a unit in a
///   currency without minor units (JPY: "¥950", "¥1.57M").
/// - A value per currency unit: in cents ("$1.07 per $1"); in a currency without minor units, per
///   100 units in whole units ("¥107 per ¥100").
/// - Percentages: two significant figures, whole percent at least ("79%", "7.5%").
/// - Other quantities (KPI units, heads, ratios): three significant figures, never fewer than the
///   whole part.
/// - Boundary figures (a fix, the lowest total budget that funds a request, a threshold's value
///   or limit) are the one exception: rounded at the same precision toward the side where the
///   statement holds (``Rounding``), so that acting on the figure shown never falls short.
package struct Format: Sendable, Equatable {
    /// Which way a boundary figure is rounded: toward the side where what is said of it holds.
    package enum Rounding: Sendable {
        case up, down
    }

    /// The ISO 4217 code of the currency.
    package let currency: String

    package init(currency: String) {
        self.currency = currency.uppercased()
    }

    // MARK: The currency

    /// ISO 4217 currencies without minor units.
    static let wholeUnitCurrencies: Set<String> = [
        "BIF", "CLP", "DJF", "GNF", "ISK", "JPY", "KMF", "KRW", "PYG", "RWF", "UGX", "VND", "VUV", "XAF", "XOF", "XPF",
    ]

    /// "$", "€", "£", "¥", or the code and a space ("CHF ").
    package var symbol: String {
        switch currency {
        case "USD": "$"
        case "EUR": "€"
        case "GBP": "£"
        case "JPY": "¥"
        default: currency + " "
        }
    }

    /// Whether the currency has no minor unit.
    var isWhole: Bool { Self.wholeUnitCurrencies.contains(currency) }

    /// The amount a value per currency unit is given for: 1, or 100 without minor units.
    var basis: Double { isWhole ? 100 : 1 }

    /// "per $1", "per €1", "per ¥100", "per CHF 1".
    package var per: String { "per " + symbol + (isWhole ? "100" : "1") }

    /// The noun for one step of spend in sentences about value per unit ("its last dollar
    /// returns $1.07"): "dollar", "euro", "pound", "franc", "¥100" without minor units, "unit"
    /// otherwise; and its plural.
    var unitName: String {
        if isWhole { return symbol + "100" }
        return switch currency {
        case "USD", "CAD", "AUD", "NZD", "SGD", "HKD": "dollar"
        case "EUR": "euro"
        case "GBP": "pound"
        case "CHF": "franc"
        default: "unit"
        }
    }

    var unitNames: String { unitName + "s" }

    /// The currency's name for amounts of it: "dollars", "euros", "pounds", "yen", "francs", or
    /// the code.
    var currencyName: String {
        switch currency {
        case "USD", "CAD", "AUD", "NZD", "SGD", "HKD": "dollars"
        case "EUR": "euros"
        case "GBP": "pounds"
        case "CHF": "francs"
        case "JPY": "yen"
        default: currency
        }
    }

    // MARK: Money

    /// An amount: "$1.57M", "$400k", "$950", "-$1.2k"; "$0" below half a cent (half a unit
    /// without minor units).
    package func money(_ amount: Double) -> String { money(amount, digits: 3) }

    /// An amount to `digits` significant figures, for levels that differ by less than three
    /// figures show ("$29.45M" beside "$29.4M").
    package func money(_ amount: Double, digits: Int) -> String {
        guard amount.isFinite else { return symbol + NumberText.significant(amount) }
        if abs(amount) < (isWhole ? 0.5 : 0.005) { return symbol + "0" }
        let value = abs(amount)
        let (scaled, suffix): (Double, String) =
            value >= 999_500_000_000 ? (value / 1e12, "T") : value >= 999_500_000 ? (value / 1e9, "B")
            : value >= 999_500 ? (value / 1e6, "M") : value >= 999.5 ? (value / 1e3, "k") : (value, "")
        let figure = suffix.isEmpty ? Self.significant(value, digits: digits, maxDecimals: isWhole ? 0 : 2) : Self.significant(scaled, digits: digits)
        return (amount < 0 ? "-" : "") + symbol + figure + suffix
    }

    /// A boundary amount, rounded toward the side where the statement about it holds.
    package func money(_ amount: Double, rounded direction: Rounding) -> String {
        money(rounded(amount, direction))
    }

    /// A boundary amount as ``money(_:rounded:)`` shows it, as a number (to say how far it is
    /// from another).
    func rounded(_ amount: Double, _ direction: Rounding) -> Double {
        Self.rounded(amount, digits: 3, direction, step: isWhole ? 1 : 0.01)
    }

    // MARK: Value per currency unit

    /// A value per currency unit: "$1.07" (in cents), "¥107" (per ¥100); a short amount from
    /// 1,000 up.
    package func perUnit(_ value: Double) -> String {
        shownPerUnit(value, decimals: isWhole ? 0 : 2)
    }

    /// A boundary value per currency unit, rounded toward the side where the statement holds.
    package func perUnit(_ value: Double, rounded direction: Rounding) -> String {
        let scaled = value * basis
        if abs(scaled) >= 1000 { return money(scaled, rounded: direction) }
        let step = isWhole ? 1.0 : 0.01
        let units = scaled / step
        let nudge = 1e-9 * max(1, abs(units))
        let rounded = (direction == .up ? (units - nudge).rounded(.up) : (units + nudge).rounded(.down)) * step
        return shownPerUnit(rounded / basis, decimals: isWhole ? 0 : 2)
    }

    /// Two values per currency unit with as many decimals (up to two more than usual) as it
    /// takes to tell them apart.
    func perUnit(_ value: Double, against other: Double) -> (String, String) {
        let usual = isWhole ? 0 : 2
        for decimals in usual...(usual + 2) where shownPerUnit(value, decimals: decimals) != shownPerUnit(other, decimals: decimals) {
            return (shownPerUnit(value, decimals: decimals), shownPerUnit(other, decimals: decimals))
        }
        return (perUnit(value), perUnit(other))
    }

    private func shownPerUnit(_ value: Double, decimals: Int) -> String {
        let scaled = value * basis
        if abs(scaled) >= 1000 { return money(scaled) }
        return (scaled < 0 ? "-" : "") + symbol + NumberText.fixed(abs(scaled), decimals: decimals)
    }

    // MARK: Other figures

    /// A fraction as a percentage: two significant figures and whole percent at least ("79%",
    /// "7.5%", "0.5%"), unless the exact figure has three or fewer ("37.5%", as a plan states it).
    package func percent(_ fraction: Double) -> String {
        let percent = fraction * 100
        let three = Self.significant(percent, digits: 3)
        let exact = Double(three).map { abs($0 - percent) <= 1e-9 * max(1, abs(percent)) } ?? false
        return (exact ? three : Self.significant(percent, digits: 2)) + "%"
    }

    /// A boundary percentage, at three significant figures toward the side where it holds.
    func percent(_ fraction: Double, rounded direction: Rounding) -> String {
        Self.significant(Self.rounded(fraction * 100, digits: 3, direction), digits: 3) + "%"
    }

    /// A quantity (KPI units, heads, a ratio): three significant figures, never fewer than the
    /// whole part: "1.2", "24", "1234", "0.0042".
    package func number(_ value: Double) -> String {
        Self.significant(value, digits: 3)
    }

    /// A boundary quantity, rounded toward the side where it holds.
    func number(_ value: Double, rounded direction: Rounding) -> String {
        Self.significant(Self.rounded(value, digits: 3, direction), digits: 3)
    }

    /// A KPI quantity in its unit: money for a currency unit ("$1.2M"), otherwise the number and
    /// the unit, the unit's first word singular at one ("1 point", "2.5 points").
    package func quantity(_ value: Double, unit: String?) -> String {
        if let unit, Self.isCurrency(unit) { return Format(currency: unit).money(value) }
        return Self.quantity(number(value), unit: unit)
    }

    /// Whether a unit names a currency (a three-letter upper-case code).
    package static func isCurrency(_ unit: String) -> Bool {
        unit.count == 3 && unit.allSatisfy { $0.isUppercase && $0.isLetter }
    }

    /// A number and its unit, the unit's first word made singular when the number shows as one:
    /// "1 incident/yr", "2 incidents/yr".
    static func quantity(_ shown: String, unit: String?) -> String {
        guard let unit, !unit.isEmpty else { return shown }
        guard shown == "1" || shown == "-1" else { return shown + " " + unit }
        let end = unit.firstIndex { $0 == "/" || $0 == " " } ?? unit.endIndex
        let word = unit[..<end]
        if word.count > 2, word.hasSuffix("s"), !word.hasSuffix("ss") {
            return shown + " " + word.dropLast() + unit[end...]
        }
        return shown + " " + unit
    }

    // MARK: Rounding

    /// `value` with at most `digits` significant figures (and at most `maxDecimals` decimals)
    /// but never fewer than its whole part, without trailing zeros: 1.25 -> "1.3" (2 digits),
    /// 350 -> "350", 0.0042 -> "0.0042".
    static func significant(_ value: Double, digits: Int, maxDecimals: Int = .max) -> String {
        guard value.isFinite else { return NumberText.significant(value) }
        if value == 0 { return "0" }
        let magnitude = exponent10(abs(value))
        let decimals = min(max(0, digits - 1 - magnitude), maxDecimals)
        var text = NumberText.fixed(value, decimals: decimals)
        if text.contains(".") {
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
        }
        return text
    }

    /// `value` at `digits` significant figures (and a multiple of `step`), rounded up or down
    /// rather than to nearest.
    static func rounded(_ value: Double, digits: Int, _ direction: Rounding, step smallest: Double = 0) -> Double {
        guard value.isFinite, value != 0 else { return value }
        var step = 1.0
        let exponent = exponent10(abs(value)) - (digits - 1)
        for _ in 0..<abs(exponent) { step = exponent > 0 ? step * 10 : step / 10 }
        step = max(step, smallest)
        let scaled = value / step
        let nudge = 1e-9 * abs(scaled)
        return (direction == .up ? (scaled - nudge).rounded(.up) : (scaled + nudge).rounded(.down)) * step
    }

    /// floor(log10(value)) for positive finite numbers.
    static func exponent10(_ value: Double) -> Int {
        var exponent = 0
        var value = value
        guard value > 0, value.isFinite else { return 0 }
        while value >= 10 { value /= 10; exponent += 1 }
        while value < 1 { value *= 10; exponent -= 1 }
        return exponent
    }
}
