import Testing
import TestSupport

@testable import PlanFormat

/// "Did you mean": plausible typos only, in time linear in the number of candidates.
@Suite struct SuggestionTests {
    @Test func typosFindTheirWord() {
        #expect(Suggestion.nearest(to: "investr", among: ["investor", "tight"]) == "investor")
        #expect(Suggestion.nearest(to: "slove", among: ["solve", "check", "explain"]) == "solve")
        #expect(Suggestion.nearest(to: "SALES", among: ["sales", "cs"]) == "sales")
        #expect(Suggestion.nearest(to: "zzzz", among: ["sales", "cs"]) == nil)
    }

    @Test func distancesAreLevenshtein() {
        #expect(Suggestion.distance("kitten", "sitting") == 3)
        #expect(Suggestion.distance("", "abc") == 3)
        #expect(Suggestion.distance("flaw", "lawn") == 2)
        #expect(Suggestion.distance("same", "same") == 0)
    }

    @Test func theBandedDistanceAgreesWithTheFullOne() {
        var rng = SeededGenerator(seed: 7)
        let letters = Array("abcd".unicodeScalars)
        for _ in 0..<500 {
            let a = (0..<Int(rng.next() % 9)).map { _ in letters[Int(rng.next() % 4)] }
            let b = (0..<Int(rng.next() % 9)).map { _ in letters[Int(rng.next() % 4)] }
            let full = Suggestion.distance(String(String.UnicodeScalarView(a)), String(String.UnicodeScalarView(b)))
            for limit in 0...9 {
                let banded = Suggestion.distance(a, b, atMost: limit)
                #expect(banded == (full <= limit ? full : nil), "\(a) \(b) limit \(limit)")
            }
        }
    }

    @Test func wordsOfOtherLengthsAndLongWordsGetNone() {
        // Four characters longer than any candidate: not compared at all.
        #expect(Suggestion.nearest(to: "salesxxxx", among: ["sales"]) == nil)
        #expect(Suggestion.nearest(to: String(repeating: "a", count: 65), among: [String(repeating: "a", count: 64)]) == nil)
    }

    @Test func aHugeUnknownWordAgainstManyIdsGetsNoSuggestion() {
        let ids = (0..<10_000).map { "request-\($0)" }
        #expect(Suggestion.nearest(to: String(repeating: "x", count: 20_000), among: ids) == nil)
        #expect(Suggestion.nearest(to: "request-12345", among: ids) == "request-1234")
    }
}

/// Messages quote at most 80 characters of an input.
@Suite struct QuotedTests {
    @Test func longInputsAreCutWithTheirLength() {
        #expect(Quoted.text("sales") == "\"sales\"")
        let long = String(repeating: "y", count: 5_000_000)
        let quoted = Quoted.text(long)
        #expect(quoted == "\"" + String(repeating: "y", count: 80) + "…\" (5000000 characters)")
    }

    @Test func aHugeUnknownReferenceGivesAShortMessage() throws {
        let huge = String(repeating: "z", count: 20_000)
        let text = PlanFixtures.minimal(top: ", \"constraints\": [{\"kind\": \"cap\", \"max\": 5, \"scope\": {\"teams\": [\"\(huge)\"]}}]")
        let result = runAllot(["check", "-"], input: text)
        #expect(result.code == 65)
        #expect(result.err.contains("unknown team \"zzzz"))
        #expect(result.err.contains("…\" (20000 characters)"))
        #expect(result.err.utf8.count < 2_000)
    }
}
