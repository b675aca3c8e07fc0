/// A decimal number kept exactly as written: a sign, an integer mantissa and a power of ten.
///
/// `"2.01M"` is the mantissa 201 with the exponent 4. Converting to `Double` rounds once,
/// correctly, so 2.01M is exactly 2,010,000 rather than `2.01 * 1e6`.
public struct DecimalAmount: Sendable, Equatable {
    public var negative: Bool
    /// The mantissa's decimal digits, without leading zeros ("" for zero).
    public var digits: String
    /// The power of ten that multiplies the mantissa.
    public var exponent: Int

    public init(negative: Bool = false, digits: String, exponent: Int = 0) {
        self.negative = negative
        let trimmed = digits.drop { $0 == "0" }
        self.digits = String(trimmed)
        self.exponent = exponent
    }

    /// The nearest `Double` (infinite beyond its range).
    public var doubleValue: Double {
        guard !digits.isEmpty else { return 0 }
        let magnitude = Double(digits + "e" + String(exponent)) ?? .infinity
        return negative ? -magnitude : magnitude
    }
}
