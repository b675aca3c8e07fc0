import Testing
import TestSupport

#if canImport(Glibc)
import Glibc
#endif

@testable import PlanFormat

@Suite struct DecimalToBinaryTests {
    /// Entries of the table worked out independently (Python's integers, by the definition in
    /// `DecimalToBinary.powersOfFive`).
    static let knownPowers: [(q: Int, high: UInt64, low: UInt64)] = [
        (-342, 0xEEF4_53D6_923B_D65A, 0x113F_AA29_06A1_3B3F),
        (-300, 0xAB70_FE17_C79A_C6CA, 0x6DBD_630A_48AA_F406),
        (-28, 0xFD87_B5F2_8300_CA0D, 0x8BCA_9D6E_1888_53FC),
        (-27, 0x9E74_D1B7_91E0_7E48, 0x775E_A264_CF55_347E),
        (-10, 0xDBE6_FECE_BDED_D5BE, 0xB573_440E_5A88_4D1C),
        (-1, 0xCCCC_CCCC_CCCC_CCCC, 0xCCCC_CCCC_CCCC_CCCD),
        (0, 0x8000_0000_0000_0000, 0),
        (1, 0xA000_0000_0000_0000, 0),
        (27, 0xCECB_8F27_F420_0F3A, 0),
        (28, 0x813F_3978_F894_0984, 0x4000_0000_0000_0000),
        (55, 0xD0CF_4B50_CFE2_0765, 0xFFF4_B4E3_F741_CF6D),
        (200, 0xA738_C6BE_BB12_D16C, 0xB428_F8AC_0165_61DB),
        (308, 0x8E67_9C2F_5E44_FF8F, 0x570F_09EA_A7EA_7648),
    ]

    @Test func thePowersOfFiveAreTheDefinedOnes() {
        let table = DecimalToBinary.powersOfFive
        #expect(table.count == 2 * 651)
        for known in Self.knownPowers {
            let entry = 2 * (known.q - DecimalToBinary.smallestPower)
            #expect(table[entry] == known.high, "10^\(known.q)")
            #expect(table[entry + 1] == known.low, "10^\(known.q)")
        }
        // Every entry has its leading bit set.
        #expect(stride(from: 0, to: table.count, by: 2).allSatisfy { table[$0] >> 63 == 1 })
    }

    static func strtodValue(_ text: String) -> Double { text.withCString { strtod($0, nil) } }

    /// Where the method answers, its answer is `strtod`'s to the bit.
    static func expectAgreement(_ digits: UInt64, _ power: Int, answered: inout Int) {
        guard let value = DecimalToBinary.double(digits: digits, power: power) else { return }
        answered += 1
        let text = "\(digits)e\(power)"
        #expect(value.bitPattern == strtodValue(text).bitPattern, "\(text)")
    }

    @Test func randomNumbersOfSixteenToNineteenDigitsAgreeWithStrtod() {
        var generator = SeededGenerator(seed: 2026)
        var answered = 0, tried = 0
        for _ in 0..<60_000 {
            let digitCount = Int.random(in: 16...19, using: &generator)
            let low = digitCount == 19 ? UInt64(1_000_000_000_000_000_000) : (1...digitCount - 1).reduce(UInt64(1)) { v, _ in v * 10 }
            let high = digitCount == 19 ? UInt64.max / 10 * 10 - 1 : low * 10 - 1
            let digits = UInt64.random(in: low...min(high, 9_999_999_999_999_999_999), using: &generator)
            // Mostly the exponents plans use; the whole range too.
            let power = Bool.random(using: &generator) ? Int.random(in: -30...10, using: &generator) : Int.random(in: -342...308, using: &generator)
            tried += 1
            Self.expectAgreement(digits, power, answered: &answered)
        }
        // It gives up only for subnormal and infinite results, and the rare undecided product.
        #expect(answered > tried * 9 / 10)
    }

    @Test func halfwayIntegersRoundToEven() {
        var generator = SeededGenerator(seed: 7)
        var answered = 0
        for _ in 0..<20_000 {
            // (2m + 1) · 2^(s-1) lies halfway between m · 2^s and (m + 1) · 2^s.
            let m = UInt64.random(in: (1 << 52)..<(1 << 53), using: &generator)
            let s = UInt64.random(in: 1...10, using: &generator)
            let halfway = (2 * m + 1) << (s - 1)
            Self.expectAgreement(halfway, 0, answered: &answered)
            Self.expectAgreement(halfway + 1, 0, answered: &answered)
            Self.expectAgreement(halfway - 1, 0, answered: &answered)
            // Written with a fraction: the same integer times 10^-2 shifted back.
            if halfway % 100 == 0 { Self.expectAgreement(halfway / 100, 2, answered: &answered) }
        }
        #expect(answered >= 60_000)
        #expect(DecimalToBinary.double(digits: 9_007_199_254_740_993, power: 0) == 9_007_199_254_740_992)
        #expect(DecimalToBinary.double(digits: 9_007_199_254_740_995, power: 0) == 9_007_199_254_740_996)
    }

    @Test func edgesAreLeftToStrtod() {
        #expect(DecimalToBinary.double(digits: 0, power: 5) == nil)
        #expect(DecimalToBinary.double(digits: 1, power: -343) == nil)
        #expect(DecimalToBinary.double(digits: 1, power: 309) == nil)
        // Overflow and subnormal results.
        #expect(DecimalToBinary.double(digits: 17_976_931_348_623_159, power: 292) == nil)
        #expect(DecimalToBinary.double(digits: 49_406_564_584_124_654, power: -340) == nil)
        // The largest and the smallest normal doubles are answered.
        #expect(DecimalToBinary.double(digits: 17_976_931_348_623_157, power: 292) == .greatestFiniteMagnitude)
        #expect(DecimalToBinary.double(digits: 22_250_738_585_072_014, power: -324) == .leastNormalMagnitude)
    }

    @Test func theParserReadsLongNumbersAsStrtodDoes() throws {
        let texts = [
            "2.8884116155123236e-5", "1.3315980733406318", "693783.7346504653", "0.5407073270017304",
            "-1199040.3990142413", "9007199254740993", "1.7976931348623157e308", "2.2250738585072014e-308",
            "4.9406564584124654e-324", "1e-400", "123456789012345678901234567890", "0.30000000000000004",
        ]
        let document = "[" + texts.joined(separator: ", ") + "]"
        let (tape, _) = try JSONParser.parseTape(Array(document.utf8), duplicateKeys: .keep)
        let items = Array(tape.items(of: JSONTape.root))
        #expect(items.count == texts.count)
        for (item, text) in zip(items, texts) {
            #expect(tape.number(item).bitPattern == Self.strtodValue(text).bitPattern, "\(text)")
        }
    }
}
