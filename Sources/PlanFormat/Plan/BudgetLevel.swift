/// A total budget as a command line writes it: an amount, a change, or a share of the budget in
/// force (the plan's, or its scenario's).
///
/// | written | meaning |
/// |---|---|
/// | `24M`, `$24,000,000`, `24000000` | that amount |
/// | `-2M`, `+500k` | the budget in force less or plus that amount |
/// | `-10%`, `+5%` | the budget in force less or plus that share of it |
/// | `90%` | that share of the budget in force |
public enum BudgetLevel: Sendable, Equatable, CustomStringConvertible {
    case amount(Double)
    /// A signed amount added to the budget in force.
    case change(Double)
    /// A signed fraction of the budget in force added to it (-0.1 for `-10%`).
    case relativeChange(Double)
    /// A fraction of the budget in force (0.9 for `90%`).
    case share(Double)

    /// Reads a level.
    ///
    /// - Throws: ``MoneyError`` saying what was expected.
    public init(_ text: String) throws(MoneyError) {
        let trimmed = Self.trimmed(text)
        guard let first = trimmed.unicodeScalars.first else {
            throw MoneyError("a budget level is an amount (24M), a change (-2M, -10%, +5%) or a share (90%); found nothing")
        }
        let sign: Double? = first == "-" ? -1 : first == "+" ? 1 : nil
        var body = sign == nil ? trimmed : Self.trimmed(String(trimmed.dropFirst()))
        if body.hasSuffix("%") {
            body.removeLast()
            let number = Self.trimmed(body)
            guard !number.isEmpty, number.unicodeScalars.allSatisfy({ ("0"..."9").contains($0) || $0 == "." }),
                number.filter({ $0 == "." }).count <= 1, let percent = Double(number), percent.isFinite
            else {
                throw MoneyError("\"\(text)\" is not a percentage; write a level such as 90%, -10% or +5%")
            }
            if let sign {
                guard percent <= 100 || sign > 0 else {
                    throw MoneyError("\"\(text)\" would take the budget below zero; a cut is at most -100%")
                }
                self = .relativeChange(sign * percent / 100)
            } else {
                guard percent > 0 else { throw MoneyError("\"\(text)\": a share of the budget must be above 0%") }
                self = .share(percent / 100)
            }
            return
        }
        let amount: Double
        do {
            amount = try Money.amount(body)
        } catch {
            throw MoneyError(
                "\"\(text)\" is not a budget level: \(error.message); write an amount (24M), a change (-2M, -10%, +5%) or a share (90%)")
        }
        if let sign {
            self = .change(sign * amount)
        } else {
            self = .amount(amount)
        }
    }

    static func trimmed(_ text: String) -> String {
        String(text.drop { $0.isWhitespace }.reversed().drop { $0.isWhitespace }.reversed())
    }

    /// The total this level means against the budget in force.
    public func total(against base: Double) -> Double {
        switch self {
        case .amount(let amount): amount
        case .change(let change): base + change
        case .relativeChange(let fraction): base * (1 + fraction)
        case .share(let fraction): base * fraction
        }
    }

    /// Whether the level depends on the budget in force.
    public var isRelative: Bool {
        if case .amount = self { return false }
        return true
    }

    public var description: String {
        func percent(_ fraction: Double) -> String {
            let value = (fraction * 100 * 1e6).rounded() / 1e6
            return value == value.rounded() ? String(Int(value)) + "%" : "\(value)%"
        }
        switch self {
        case .amount(let amount): return Money.short(amount)
        case .change(let change): return (change < 0 ? "-" : "+") + Money.short(abs(change))
        case .relativeChange(let fraction): return (fraction < 0 ? "-" : "+") + percent(abs(fraction))
        case .share(let fraction): return percent(fraction)
        }
    }
}
