import Testing

@testable import PlanFormat

@Suite struct KeyListTests {
    static let keys: KeyList = ["id", "amount", "minFractionOfAsk"]

    @Test func shortASCIIKeysAreMatchedByTheirWords() {
        #expect(Self.keys.index(of: PackedKey("id")) == .some(0))
        #expect(Self.keys.index(of: PackedKey("amount")) == .some(1))
        // Sixteen bytes, the longest that packs; one byte fewer or a last byte changed is another key.
        #expect(Self.keys.index(of: PackedKey("minFractionOfAsk")) == .some(2))
        #expect(Self.keys.index(of: PackedKey("minFractionOfAs")) == .some(nil))
        #expect(Self.keys.index(of: PackedKey("minFractionOfAsK")) == .some(nil))
        #expect(Self.keys.index(of: PackedKey("")) == .some(nil))
        #expect(Self.keys.index(of: PackedKey("amount\u{0}")) == .some(nil))
    }

    @Test func keysWordsCannotSettleAreLeftToStrings() {
        // Longer than 16 bytes, or not ASCII: the Kelvin sign is a K to `String`'s equality.
        #expect(PackedKey("minFractionOfProRata") == nil)
        #expect(PackedKey("\u{212A}") == nil)
        #expect(Self.keys.index(of: PackedKey("minFractionOfProRata")) == nil)
        let kelvin: KeyList = ["\u{212A}", "id"]
        #expect(kelvin.index(of: PackedKey("K")) == nil)
        #expect(kelvin.index(of: PackedKey("id")) == nil)
    }

    @Test func aPlanReadsTheSameWhateverWayItsKeysAreMatched() throws {
        // Escaped keys, a key of 16 bytes and one longer, on every path of the matching.
        let text = #"""
            {"name": "Keys", "budget": {"total": "10M"}, "kpis": [{"id": "arr"}],
             "teams": [{"id": "sales", "requests": [
               {"\u0069d": "ae", "amount": "2M", "impact": {"arr": {"perDollar": 1}}},
               {"id": "crm", "am\u006Funt": "1M", "min": "100k", "impact": {"arr": {"perDollar": 2}}}]}],
             "constraints": [{"kind": "fairness", "minFractionOfAsk": 0.5},
                             {"kind": "fairness", "minFractionOfProRata": 0.25}]}
            """#
        let plan = try PlanReader.read(bytes: Array(text.utf8), source: "keys.json").plan
        #expect(plan.requests.map(\.id) == ["ae", "crm"])
        #expect(plan.requests.map(\.amount) == [2_000_000, 1_000_000])
        #expect(plan.requests[1].min == 100_000)
        #expect(plan.constraints.count == 2)
        let misspelt = #"{"name": "Keys", "budget": {"total": "1M"}, "kpis": [], "teams": [{"id": "a", "requests": [{"id": "x", "amont": "1k"}]}]}"#
        #expect(throws: PlanErrors.self) { try PlanReader.read(bytes: Array(misspelt.utf8), source: "keys.json") }
        do {
            _ = try PlanReader.read(bytes: Array(misspelt.utf8), source: "keys.json")
        } catch let errors as PlanErrors {
            let messages = errors.errors.map { "\($0.path): \($0.message)" }
            #expect(messages.contains("teams[0].requests[0].amont: unknown key \"amont\"; did you mean \"amount\"?"))
        }
    }
}
