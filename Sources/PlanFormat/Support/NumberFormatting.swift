#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Plain number formatting without Foundation.
public enum NumberText {
    /// `value` with at most `digits` significant digits, like C's `%.*g`.
    public static func significant(_ value: Double, digits: Int = 12) -> String {
        guard value.isFinite else { return value.isNaN ? "nan" : (value > 0 ? "inf" : "-inf") }
        var buffer = [CChar](repeating: 0, count: 64)
        let size = buffer.count
        _ = withVaList([Int32(digits), value]) { arguments in
            vsnprintf(&buffer, size, "%.*g", arguments)
        }
        let text = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return text == "-0" ? "0" : text
    }

    /// `value` with exactly `decimals` digits after the point, like C's `%.*f`.
    public static func fixed(_ value: Double, decimals: Int) -> String {
        guard value.isFinite else { return value.isNaN ? "nan" : (value > 0 ? "inf" : "-inf") }
        // Round halves away from zero as people do: 1.95 is stored as 1.9499999..., so nudge it.
        let value = value + (value < 0 ? -1 : 1) * abs(value) * 1e-12
        var buffer = [CChar](repeating: 0, count: 400)
        let size = buffer.count
        _ = withVaList([Int32(decimals), value]) { arguments in
            vsnprintf(&buffer, size, "%.*f", arguments)
        }
        let text = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        if text.hasPrefix("-"), text.dropFirst().allSatisfy({ $0 == "0" || $0 == "." }) { return String(text.dropFirst()) }
        return text
    }
}
