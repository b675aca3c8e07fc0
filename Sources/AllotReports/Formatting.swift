import Allot
import PlanFormat

/// Number formats shared by every renderer, so that the same figure reads the same everywhere.
public struct Formats: Sendable {
    public let currency: String

    public init(currency: String) { self.currency = currency }

    /// $1.25M, $900k: three significant figures.
    public func money(_ amount: Double) -> String { MoneyFormat.format(amount, currency: currency, digits: 3) }

    /// Value per dollar: $1.42.
    public func perDollar(_ value: Double) -> String {
        // Cents matter below $1,000 per dollar; above, a short amount reads better.
        if abs(value) >= 1000 { return MoneyFormat.format(value, currency: currency, digits: 3) }
        return (value < 0 ? "-" : "") + MoneyFormat.symbol(currency) + NumberText.fixed(abs(value), decimals: 2)
    }

    /// 77%.
    public func percent(_ fraction: Double) -> String {
        NumberText.fixed(fraction * 100, decimals: fraction * 100 < 10 && fraction != 0 ? 1 : 0) + "%"
    }

    /// A KPI quantity in its unit: money for currency units, otherwise a number and the unit.
    public func quantity(_ value: Double, unit: String?) -> String {
        if let unit, Self.isCurrency(unit) { return MoneyFormat.format(value, currency: unit, digits: 3) }
        return MoneyFormat.quantity(MoneyFormat.compact(value, digits: 3), unit: unit)
    }

    /// Whether a unit names a currency (a three-letter upper-case code).
    public static func isCurrency(_ unit: String) -> Bool {
        unit.count == 3 && unit.allSatisfy { $0.isUppercase && $0.isLetter }
    }

    /// Units such as heads: 6, or 6.5 when fractional.
    public func units(_ value: Double) -> String { MoneyFormat.compact(value, digits: 4) }
}
