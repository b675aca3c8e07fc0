import Testing
import TestSupport

@testable import PlanFormat

/// Every rule about a single request, each with its message and JSON path.
@Suite struct RequestValidationTests {
    /// The minimal plan with one more request (teams[0].requests[1]) written as `json`.
    func withRequest(_ json: String) -> ReadResult {
        ReadResult(PlanFixtures.minimal(moreRequests: ",\n      " + json))
    }

    let at = "teams[0].requests[1]"

    @Test func amountMustBeAboveZero() {
        let result = withRequest(#"{"id": "x", "amount": 0, "impact": {"arr": 1}}"#)
        let error = result.error(at: "\(at).amount")
        #expect(error?.message == "amount must be above 0: a request asks for something (remove the request, or give what it asks for)")
        #expect(error?.line == 8)
        #expect(error?.column == 29)
        #expect(result.errors.count == 1)
    }

    @Test func amountIsRequired() {
        let result = withRequest(#"{"id": "x", "impact": {"arr": 1}}"#)
        #expect(result.error(at: at)?.message == "missing \"amount\": give what the team asks for, such as \"amount\": \"250k\"")
        #expect(result.error(at: at)?.line == 8)
        #expect(result.error(at: at)?.column == 7)
    }

    @Test func minCannotExceedTheAmount() {
        let result = withRequest(#"{"id": "x", "amount": "400k", "min": "500k", "impact": {"arr": 1}}"#)
        #expect(result.error(at: "\(at).min")?.message == "min 500k is above the amount 400k: committed spend cannot exceed the ask")
    }

    @Test func maxCannotBeBelowTheAmount() {
        let result = withRequest(#"{"id": "x", "amount": "400k", "max": "300k", "impact": {"arr": 1}}"#)
        #expect(result.error(at: "\(at).max")?.message == "max 300k is below the amount 400k: max is the most the team could use, at least its ask")
    }

    @Test func allOrNothingTakesNoOtherMax() {
        let result = withRequest(#"{"id": "x", "amount": "400k", "max": "500k", "allOrNothing": true, "impact": {"arr": 1}}"#)
        #expect(result.error(at: "\(at).max")?.message
            == "an allOrNothing request is funded at exactly its amount: max 500k differs from the amount 400k; remove max or make it equal")
        #expect(withRequest(#"{"id": "x", "amount": "400k", "max": 400000, "allOrNothing": true, "impact": {"arr": 1}}"#).errors.isEmpty)
        #expect(withRequest(#"{"id": "x", "amount": "400k", "allOrNothing": "yes", "impact": {"arr": 1}}"#)
            .error(at: "\(at).allOrNothing")?.message == "expected true or false, found the string \"yes\"")
    }

    @Test func minIfFundedLiesAboveZeroUpToMax() {
        let zero = withRequest(#"{"id": "x", "amount": "400k", "minIfFunded": 0, "impact": {"arr": 1}}"#)
        #expect(zero.error(at: "\(at).minIfFunded")?.message
            == "minIfFunded must be above 0: it is the smallest useful allocation (leave it out if any amount helps)")
        let above = withRequest(#"{"id": "x", "amount": "400k", "max": "500k", "minIfFunded": "600k", "impact": {"arr": 1}}"#)
        #expect(above.error(at: "\(at).minIfFunded")?.message
            == "minIfFunded 600k is above max 500k: the request could never be funded; lower it to at most 500k")
        let fine = withRequest(#"{"id": "x", "amount": "400k", "max": "500k", "minIfFunded": "500k", "impact": {"arr": 1}}"#)
        #expect(fine.errors.isEmpty)
        #expect(fine.plan?.requests[1].minIfFunded == 500_000)
    }

    @Test func unitCostMustLetOneUnitFit() {
        let result = withRequest(#"{"id": "x", "amount": "100k", "unitCost": "150k", "impact": {"arr": 1}}"#)
        #expect(result.error(at: "\(at).unitCost")?.message
            == "unitCost 150k is above the amount 100k: not one unit can be funded; lower unitCost or raise the amount")
        let withMax = withRequest(#"{"id": "x", "amount": "100k", "max": "120k", "unitCost": "150k", "impact": {"arr": 1}}"#)
        #expect(withMax.error(at: "\(at).unitCost")?.message
            == "unitCost 150k is above max 120k: not one unit can be funded; lower unitCost or raise max")
        let zero = withRequest(#"{"id": "x", "amount": "100k", "unitCost": 0, "impact": {"arr": 1}}"#)
        #expect(zero.error(at: "\(at).unitCost")?.message == "unitCost must be above 0: it is the cost of one unit (such as one hire)")
    }

    @Test func unitCostMustLetAWholeNumberOfUnitsFitBetweenMinAndMax() {
        let result = withRequest(#"{"id": "x", "amount": "250k", "min": "200k", "unitCost": "150k", "impact": {"arr": 1}}"#)
        #expect(result.error(at: "\(at).unitCost")?.message
            == "no whole number of units of 150k lies between min 200k and the amount 250k; change min, max or unitCost")
    }

    @Test func unitCostRoundingIsAWarning() throws {
        let maxResult = withRequest(#"{"id": "x", "amount": "900k", "max": "1M", "unitCost": "150k", "impact": {"arr": 1}}"#)
        #expect(maxResult.errors.isEmpty)
        #expect(maxResult.warning(at: "\(at).max")?.message
            == "max 1M is not a whole number of units of 150k: at most 6 units (900k) can be funded")
        let amountResult = withRequest(#"{"id": "x", "amount": "1M", "unitCost": "150k", "impact": {"arr": 1}}"#)
        #expect(amountResult.warning(at: "\(at).amount")?.message
            == "the amount 1M is not a whole number of units of 150k: at most 6 units (900k) can be funded")
        let overAmount = withRequest(#"{"id": "x", "amount": "1M", "max": "1.2M", "unitCost": "150k", "impact": {"arr": 1}}"#)
        #expect(overAmount.warning(at: "\(at).amount")?.message
            == "the amount 1M is not a whole number of units of 150k: full funding takes 7 units (1.05M)")
        let minResult = withRequest(#"{"id": "x", "amount": "900k", "min": "200k", "unitCost": "150k", "impact": {"arr": 1}}"#)
        #expect(minResult.warning(at: "\(at).min")?.message
            == "min 200k is not a whole number of units of 150k: at least 2 units (300k) will be funded")
        let warning = try #require(minResult.warning(at: "\(at).min"))
        #expect(warning.line == 8)
        #expect(warning.description.hasPrefix("plan.json:8:"))
    }

    @Test func phasingNamesKnownPeriodsAndSumsToOne() {
        let unknown = withRequest(#"{"id": "x", "amount": "1M", "phasing": {"H1": 0.5, "H3": 0.5}, "impact": {"arr": 1}}"#)
        #expect(unknown.error(at: "\(at).phasing.H3")?.message == "unknown period \"H3\"; did you mean \"H1\"?")
        let sum = withRequest(#"{"id": "x", "amount": "1M", "phasing": {"H1": 0.5, "H2": "40%"}, "impact": {"arr": 1}}"#)
        #expect(sum.error(at: "\(at).phasing")?.message
            == "the phasing fractions sum to 0.9, not 1; make them add up to 1 (a period left out counts 0)")
        let range = withRequest(#"{"id": "x", "amount": "1M", "phasing": {"H1": 1.5}, "impact": {"arr": 1}}"#)
        #expect(range.error(at: "\(at).phasing.H1")?.message == "1.5 is out of range: a fraction is between 0 and 1 (or \"0%\" and \"100%\")")
        let close = withRequest(#"{"id": "x", "amount": "1M", "phasing": {"H1": 0.3333333, "H2": 0.6666667}, "impact": {"arr": 1}}"#)
        #expect(close.errors.isEmpty)
        let partial = withRequest(#"{"id": "x", "amount": "1M", "phasing": {"H2": 1}, "impact": {"arr": 1}}"#)
        #expect(partial.plan?.requests[1].phasing == ["H2": 1])
    }

    @Test func phasingNeedsPlanPeriods() {
        let text = """
            {"name": "P", "kpis": [{"id": "k"}], "teams": [{"id": "t", "requests": [
              {"id": "r", "amount": 10, "phasing": {"Q1": 1}, "impact": {"k": 1}}]}]}
            """
        #expect(ReadResult(text).error(at: "teams[0].requests[0].phasing")?.message
            == "the plan has no periods: add \"periods\" at the top level (such as [\"H1\", \"H2\"]), or leave out phasing")
    }

    @Test func confidenceLiesAboveZeroUpToOne() {
        let zero = withRequest(#"{"id": "x", "amount": "1M", "confidence": 0, "impact": {"arr": 1}}"#)
        #expect(zero.error(at: "\(at).confidence")?.message
            == "confidence must be above 0 (and at most 1): a request sure to do nothing has no impact; remove the impact instead")
        let above = withRequest(#"{"id": "x", "amount": "1M", "confidence": 1.2, "impact": {"arr": 1}}"#)
        #expect(above.error(at: "\(at).confidence")?.message == "1.2 is out of range: a fraction is between 0 and 1 (or \"0%\" and \"100%\")")
        let percent = withRequest(#"{"id": "x", "amount": "1M", "confidence": "75 %", "impact": {"arr": 1}}"#)
        #expect(percent.plan?.requests[1].confidence == 0.75)
    }

    @Test func curvesIncreaseStrictlyFromAboveZero() {
        let flat = withRequest(#"{"id": "x", "amount": "400k", "impact": {"arr": {"curve": [["200k", 1], [200000, 2]]}}}"#)
        #expect(flat.error(at: "\(at).impact.arr.curve[1][0]")?.message
            == "curve spend must increase strictly: point 2 (200k) is not above point 1 (200k)")
        let zero = withRequest(#"{"id": "x", "amount": "400k", "impact": {"arr": {"curve": [[0, 1], ["400k", 2]]}}}"#)
        #expect(zero.error(at: "\(at).impact.arr.curve[0][0]")?.message
            == "curve spend must be above 0: the curve starts at an implicit [0, 0]")
        let empty = withRequest(#"{"id": "x", "amount": "400k", "impact": {"arr": {"curve": []}}}"#)
        #expect(empty.error(at: "\(at).impact.arr.curve")?.message
            == "a curve needs at least one [spend, impact] point, such as [[\"200k\", 1.5]]")
        let shape = withRequest(#"{"id": "x", "amount": "400k", "impact": {"arr": {"curve": [["200k", 1, 2]]}}}"#)
        #expect(shape.error(at: "\(at).impact.arr.curve[0]")?.message
            == "expected a [spend, impact] point such as [\"200k\", 1.5], found an array")
        let negative = withRequest(#"{"id": "x", "amount": "400k", "impact": {"arr": {"curve": [["-200k", 1]]}}}"#)
        #expect(negative.error(at: "\(at).impact.arr.curve[0][0]")?.message == "money is never negative, found \"-200k\"")
    }

    @Test func aCurvePastMaxIsCutWithAWarning() {
        let result = withRequest(#"{"id": "x", "amount": "400k", "impact": {"arr": {"curve": [["200k", 1], ["500k", 2]]}}}"#)
        #expect(result.errors.isEmpty)
        #expect(result.warning(at: "\(at).impact.arr.curve[1]")?.message
            == "the curve runs past max 400k: its points from 500k on are cut, and the impact at max is the curve's value at 400k")
    }

    @Test func impactsNameKnownKPIsInOneForm() {
        let unknown = withRequest(#"{"id": "x", "amount": "1M", "impact": {"ar": 1}}"#)
        let error = unknown.error(at: "\(at).impact.ar")
        #expect(error?.message == "unknown KPI \"ar\"; did you mean \"arr\"?")
        #expect(error?.column == 46)
        let two = withRequest(#"{"id": "x", "amount": "1M", "impact": {"arr": {"perDollar": 1, "total": 5}}}"#)
        #expect(two.error(at: "\(at).impact.arr")?.message == "an impact takes one of perDollar, total or curve, not perDollar and total; keep one")
        let none = withRequest(#"{"id": "x", "amount": "1M", "impact": {"arr": {}}}"#)
        #expect(none.error(at: "\(at).impact.arr")?.message == "an impact needs one of perDollar, total or curve, such as {\"perDollar\": 2.2}")
        let typo = withRequest(#"{"id": "x", "amount": "1M", "impact": {"arr": {"perdollar": 1}}}"#)
        #expect(typo.error(at: "\(at).impact.arr.perdollar")?.message == "unknown key \"perdollar\"; did you mean \"perDollar\"?")
        let text = withRequest(#"{"id": "x", "amount": "1M", "impact": {"arr": "2.2"}}"#)
        #expect(text.error(at: "\(at).impact.arr")?.message.hasPrefix("expected an impact: KPI units per dollar such as 2.2") == true)
    }

    @Test func moneyBreakingTheGrammarIsAnError() {
        let comma = withRequest(#"{"id": "x", "amount": "1,2M", "impact": {"arr": 1}}"#)
        #expect(comma.error(at: "\(at).amount")?.message
            == "\"1,2M\" is not a money amount: thousands commas must separate groups of three digits, as in \"1,200,000\"")
        let negative = withRequest(#"{"id": "x", "amount": -5, "impact": {"arr": 1}}"#)
        #expect(negative.error(at: "\(at).amount")?.message == "money is never negative, found -5")
        let huge = withRequest(#"{"id": "x", "amount": 1e16, "impact": {"arr": 1}}"#)
        #expect(huge.error(at: "\(at).amount")?.message == "1e16 is beyond 1e15; amounts and quantities must be at most 1e15 in size")
        let infinite = withRequest(#"{"id": "x", "amount": 1e400, "impact": {"arr": 1}}"#)
        #expect(infinite.error(at: "\(at).amount")?.message.hasPrefix("1e400 is beyond 1e15") == true)
        let array = withRequest(#"{"id": "x", "amount": [1], "impact": {"arr": 1}}"#)
        #expect(array.error(at: "\(at).amount")?.message == "expected a money amount such as 1200000 or \"1.2M\", found an array")
        let exact = withRequest(#"{"id": "x", "amount": "2.01M", "impact": {"arr": 1}}"#)
        #expect(exact.plan?.requests[1].amount == 2_010_000)
    }

    @Test func requiresNamesOtherKnownRequests() {
        let unknown = withRequest(#"{"id": "x", "amount": "1M", "requires": ["c2"], "impact": {"arr": 1}}"#)
        #expect(unknown.error(at: "\(at).requires[0]")?.message == "unknown request \"c2\"; did you mean \"c1\"?")
        let selfish = withRequest(#"{"id": "x", "amount": "1M", "requires": ["x"], "impact": {"arr": 1}}"#)
        #expect(selfish.error(at: "\(at).requires[0]")?.message == "request \"x\" requires itself; remove it from requires")
    }

    @Test func requiresMayNotGoRoundInACircle() {
        let text = PlanFixtures.minimal(
            request: #", "requires": ["x"]"#,
            moreRequests: """
                ,
                      {"id": "x", "amount": "1M", "requires": ["y"], "impact": {"arr": 1}},
                      {"id": "y", "amount": "1M", "requires": ["r1", "c1"], "impact": {"arr": 1}}
                """)
        let result = ReadResult(text)
        #expect(result.messages == ["circular requires: r1 → x → y → r1; remove one of these requirements"])
        #expect(result.errors.first?.path == "teams[0].requests[2].requires[0]")
        let pair = PlanFixtures.minimal(
            request: #", "requires": ["x"]"#,
            moreRequests: #", {"id": "x", "amount": "1M", "requires": ["r1"], "impact": {"arr": 1}}"#)
        #expect(ReadResult(pair).messages == ["circular requires: r1 → x → r1; remove one of these requirements"])
    }

    @Test func aRequestWithoutImpactOrMinGetsAWarning() {
        let result = withRequest(#"{"id": "x", "amount": "1M"}"#)
        #expect(result.errors.isEmpty)
        #expect(result.warning(at: at)?.message
            == "request \"x\" has no impact and no min: it will never be funded; give it an impact, or a min for committed spend")
        #expect(withRequest(#"{"id": "x", "amount": "1M", "min": "1k"}"#).warnings.isEmpty)
    }

    @Test func unknownKeysSuggestTheNearest() {
        let typo = withRequest(#"{"id": "x", "amout": "1M", "impact": {"arr": 1}}"#)
        let error = typo.error(at: "\(at).amout")
        #expect(error?.message == "unknown key \"amout\"; did you mean \"amount\"?")
        #expect(error?.line == 8)
        #expect(error?.column == 19)
        #expect(typo.error(at: at)?.message.hasPrefix("missing \"amount\"") == true)
        let other = withRequest(#"{"id": "x", "amount": "1M", "colour": "red", "impact": {"arr": 1}}"#)
        #expect(other.error(at: "\(at).colour")?.message == """
            unknown key "colour" in a request; the keys are id, name, amount, min, max, unitCost, minIfFunded, allOrNothing, phasing, impact, confidence, requires, note
            """)
    }
}
