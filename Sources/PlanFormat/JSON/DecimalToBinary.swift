/// A decimal number of up to 19 significant digits made into the nearest `Double`, as a
/// correctly rounded `strtod` does, by the Eisel-Lemire method: the digits times a 128-bit
/// approximation of the power of five, rounded to nearest (ties to even) where the product
/// leaves no doubt. Where it does leave doubt, or the result would be subnormal or overflow,
/// the answer is nil and `strtod` decides.
///
/// D. Lemire, "Number Parsing at a Gigabyte per Second", Software: Practice and Experience
/// 51(8), 2021; the table's definition is that paper's (its appendix B).
enum DecimalToBinary {
    /// Powers of ten from 10^-342 to 10^308: below, a nonzero number is zero; above, infinite.
    static let smallestPower = -342, largestPower = 308

    /// `digits` × 10^`power` as the nearest `Double`; nil when this method cannot tell.
    static func double(digits: UInt64, power: Int) -> Double? {
        guard digits != 0, power >= smallestPower, power <= largestPower else { return nil }
        let shift = digits.leadingZeroBitCount
        let w = digits << shift
        let entry = 2 * (power - smallestPower)
        var (high, low) = w.multipliedFullWidth(by: powersOfFive[entry])
        // 55 bits are needed (52 stored, the leading one, one to round, one the product may
        // lack); when the bits below them are all ones, the next 64 bits of the power may carry.
        let below: UInt64 = .max >> 55
        if high & below == below {
            let next = w.multipliedFullWidth(by: powersOfFive[entry + 1]).high
            let (sum, carry) = low.addingReportingOverflow(next)
            low = sum
            if carry { high &+= 1 }
            // Still all ones: a carry from further down cannot be ruled out, except where the
            // 128-bit power is exact or the reciprocal is (10^-27 to 10^55).
            if low == .max, power < -27 || power > 55 { return nil }
        }
        let upper = Int(high >> 63)
        var mantissa = high >> UInt64(upper + 64 - 52 - 3)
        // The binary exponent, biased as a double's: floor(log2(5^q)) + q is
        // ((152170 + 65536) * q) >> 16 for q in (-400, 350).
        var exponent = (((152_170 + 65_536) * power) >> 16) + 63 + upper - shift + 1023
        guard exponent > 0 else { return nil }
        // A product exactly halfway between two doubles rounds to the even one; it can be
        // exact only where 5^q fits in 64 bits (10^-4 to 10^23).
        if low <= 1, power >= -4, power <= 23, mantissa & 3 == 1,
            mantissa << UInt64(upper + 64 - 52 - 3) == high
        {
            mantissa &= ~1
        }
        mantissa += mantissa & 1
        mantissa >>= 1
        if mantissa >= 2 << 52 {
            mantissa = 1 << 52
            exponent += 1
        }
        mantissa &= ~(1 << 52)
        guard exponent < 0x7FF else { return nil }
        return Double(bitPattern: UInt64(exponent) << 52 | mantissa)
    }

    /// For each power q of ten from 10^-342 to 10^308, two words (high, then low) of a 128-bit
    /// approximation of 5^q, its leading bit set:
    /// - q ≥ 0: 5^q with its first 128 bits kept (shifted up when shorter);
    /// - q < 0, with z the bits of 5^-q: ⌊2^b / 5^-q⌋ + 1, with b = z + 127 from q = -27, and
    ///   b = 2z + 128 below, where the first 128 bits are kept.
    ///
    /// Worked out once, exactly, with integers of many words.
    static let powersOfFive: [UInt64] = {
        var table = [UInt64](repeating: 0, count: 2 * (largestPower - smallestPower + 1))
        // ⌊2^K / 5^n⌋ for n = 1, 2, ... by repeated division by 5 (floors of floors are the
        // floor), with K above every b needed.
        let k = 1_728
        var quotient = Words(powerOfTwo: k)
        var power = Words(powerOfTwo: 0)
        for n in 1...(-smallestPower) {
            quotient.divide(by: 5)
            power.multiply(by: 5)
            let z = power.bitCount  // 5^n is no power of two: 2^z > 5^n > 2^(z-1)
            let b = n <= 27 ? z + 127 : 2 * z + 128
            var c = quotient
            c.shiftRight(k - b)
            c.addOne()
            let (high, low) = c.leading128()
            let q = -n
            table[2 * (q - smallestPower)] = high
            table[2 * (q - smallestPower) + 1] = low
        }
        power = Words(powerOfTwo: 0)
        for q in 0...largestPower {
            if q > 0 { power.multiply(by: 5) }
            let (high, low) = power.leading128()
            table[2 * (q - smallestPower)] = high
            table[2 * (q - smallestPower) + 1] = low
        }
        return table
    }()

    /// A nonnegative integer as 64-bit words, the lowest first.
    struct Words {
        var words: [UInt64]

        init(powerOfTwo exponent: Int) {
            words = [UInt64](repeating: 0, count: exponent / 64 + 1)
            words[exponent / 64] = 1 << UInt64(exponent % 64)
        }

        var bitCount: Int {
            guard let top = words.lastIndex(where: { $0 != 0 }) else { return 0 }
            return 64 * top + 64 - words[top].leadingZeroBitCount
        }

        mutating func divide(by divisor: UInt64) {
            var remainder: UInt64 = 0
            for index in words.indices.reversed() {
                (words[index], remainder) = divisor.dividingFullWidth((high: remainder, low: words[index]))
            }
        }

        mutating func multiply(by factor: UInt64) {
            var carry: UInt64 = 0
            for index in words.indices {
                let (high, low) = words[index].multipliedFullWidth(by: factor)
                let (sum, overflow) = low.addingReportingOverflow(carry)
                words[index] = sum
                carry = high &+ (overflow ? 1 : 0)
            }
            if carry != 0 { words.append(carry) }
        }

        mutating func shiftRight(_ bits: Int) {
            let whole = bits / 64, part = UInt64(bits % 64)
            guard whole < words.count else {
                words = [0]
                return
            }
            var shifted = [UInt64](repeating: 0, count: max(words.count - whole, 1))
            for index in 0..<(words.count - whole) {
                let low = words[index + whole] >> part
                let high = part == 0 || index + whole + 1 >= words.count ? 0 : words[index + whole + 1] << (64 - part)
                shifted[index] = low | high
            }
            words = shifted
        }

        mutating func addOne() {
            for index in words.indices {
                words[index] &+= 1
                if words[index] != 0 { return }
            }
            words.append(1)
        }

        /// The first 128 bits, the leading one at the top: truncated when longer, shifted up
        /// (zeros after) when shorter.
        func leading128() -> (high: UInt64, low: UInt64) {
            let count = bitCount
            var top = self
            if count > 128 { top.shiftRight(count - 128) }
            let high = top.words.count > 1 ? top.words[1] : 0, low = top.words[0]
            let up = UInt64(128 - min(count, 128))
            switch up {
            case 0: return (high, low)
            case 1..<64: return (high << up | low >> (64 - up), low << up)
            default: return (low << (up - 64), 0)
            }
        }
    }
}
