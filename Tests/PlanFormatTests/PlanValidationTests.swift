import Testing
import TestSupport

@testable import PlanFormat

/// Rules about the plan as a whole: its top-level keys, KPIs, teams, budget and ids.
@Suite struct PlanValidationTests {
    @Test func unknownTopLevelKeysSuggestTheNearest() {
        let result = ReadResult(PlanFixtures.minimal(top: #", "budgte": {"total": "1M"}"#))
        let error = result.error(at: "budgte")
        #expect(error?.message == "unknown key \"budgte\"; did you mean \"budget\"?")
        #expect(error?.line == 12)
        #expect(error?.column == 6)
        #expect(error?.description == "plan.json:12:6: budgte: unknown key \"budgte\"; did you mean \"budget\"?")
    }

    /// Every amount in every report is written with the plan's currency: only an ISO 4217 code
    /// (three capital letters, as plan.schema.json says) may stand there, never markup.
    @Test func theCurrencyIsThreeCapitalLetters() {
        let markup = ReadResult(PlanFixtures.minimal(top: #", "currency": "<a href=//x>""#))
        let error = markup.error(at: "currency")
        #expect(error?.description == """
            plan.json:12:18: currency: currency "<a href=//x>" is not an ISO 4217 code: write three capital letters, such as "USD", "EUR", "GBP" or "JPY"
            """)
        #expect(markup.errors.count == 1)
        #expect(ReadResult(PlanFixtures.minimal(top: #", "currency": "eur""#)).error(at: "currency")?.message
            == "currency \"eur\" is not an ISO 4217 code: write three capital letters; did you mean \"EUR\"?")
        #expect(ReadResult(PlanFixtures.minimal(top: #", "currency": "US$""#)).error(at: "currency") != nil)
        #expect(ReadResult(PlanFixtures.minimal(top: #", "currency": 840"#)).error(at: "currency")?.message
            == "expected an ISO 4217 currency code such as \"USD\", found the number 840")
        #expect(ReadResult(PlanFixtures.minimal(top: #", "currency": "CHF""#)).plan?.currency == "CHF")
    }

    @Test func controlCharactersInTextAreRefusedButLineBreaksAreText() {
        // An escape sequence in a name would clear a terminal that prints the allocation.
        let result = ReadResult(PlanFixtures.minimal(request: #", "name": "Ads\u001b[2J", "note": "line one\nline two\tend""#))
        #expect(result.error(at: "teams[0].requests[0].name")?.message == "contains the control character U+001B; remove it")
        #expect(result.error(at: "teams[0].requests[0].note") == nil)
        #expect(result.errors.count == 1)
    }

    @Test func requiredTopLevelKeys() {
        let result = ReadResult(#"{"currency": "USD"}"#)
        #expect(result.messages == [
            "missing \"name\": give the plan a title, such as \"name\": \"FY2027 operating plan\"",
            "missing \"kpis\": list the plan's KPIs, such as \"kpis\": [{\"id\": \"arr\", \"worth\": 1}]",
            "missing \"teams\": list the teams and their requests, such as \"teams\": [{\"id\": \"sales\", \"requests\": [...]}]",
        ])
        #expect(result.errors.allSatisfy { $0.path == "" && $0.line == 1 && $0.column == 1 })
    }

    @Test func kpisAndTeamsCannotBeEmpty() {
        let result = ReadResult(#"{"name": "x", "kpis": [], "teams": []}"#)
        #expect(result.error(at: "kpis")?.message
            == "kpis is empty: a plan needs at least one KPI, such as {\"id\": \"arr\", \"name\": \"Net new ARR\"}")
        #expect(result.error(at: "teams")?.message
            == "teams is empty: a plan needs at least one team, such as {\"id\": \"sales\", \"requests\": [...]}")
    }

    @Test func wrongTypesSayWhatWasExpected() {
        let result = ReadResult(#"{"name": 5, "kpis": {"id": "k"}, "teams": [{"id": "t", "requests": "none"}]}"#)
        #expect(result.error(at: "name")?.message == "expected the plan's title as a string, found the number 5")
        #expect(result.error(at: "kpis")?.message == "expected an array of KPIs such as [{\"id\": \"arr\", \"worth\": 1}], found an object")
        #expect(result.error(at: "teams[0].requests")?.message
            == "expected an array of requests such as [{\"id\": \"sales-ae\", \"amount\": \"900k\"}], found the string \"none\"")
    }

    @Test func aTeamWithoutRequestsGetsAWarning() {
        let result = ReadResult(PlanFixtures.minimal().replacingFirst(#"{"id": "cs", "requests": ["#, with: #"{"id": "idle", "requests": []}, {"id": "cs", "requests": ["#))
        #expect(result.errors.isEmpty)
        #expect(result.warning(at: "teams[1].requests")?.message == "team \"idle\" has no requests: it can get no funding")
    }

    @Test func duplicateKeysNameBothPlaces() {
        let result = ReadResult(PlanFixtures.minimal(request: #", "amount": "500k""#))
        let error = result.error(at: "teams[0].requests[0].amount")
        #expect(error?.message == "duplicate key \"amount\": it is already given at line 7, column 20; give each key once")
        #expect(error?.line == 7)
        #expect(error?.column == 60)
    }

    @Test func duplicateIdsNameBothPlaces() {
        let text = """
            {"name": "x", "periods": ["H1", "H1"],
             "kpis": [{"id": "k"}, {"id": "k"}],
             "teams": [{"id": "t", "requests": [{"id": "r", "amount": 1, "impact": {"k": 1}}]},
                       {"id": "t", "requests": [{"id": "r", "amount": 1, "impact": {"k": 1}}]}],
             "constraints": [{"id": "c", "kind": "cap", "max": 1}, {"id": "c", "kind": "cap", "max": 2}],
             "scenarios": [{"id": "s"}, {"id": "s"}]}
            """
        let result = ReadResult(text)
        #expect(result.error(at: "periods[1]")?.message == "period \"H1\" is listed twice (also at periods[0]); list each period once")
        #expect(result.error(at: "kpis[1].id")?.message == "duplicate KPI id \"k\": kpis[0] (line 2) already has it; give each KPI its own id")
        #expect(result.error(at: "teams[1].id")?.message == "duplicate team id \"t\": teams[0] (line 3) already has it; give each team its own id")
        #expect(result.error(at: "teams[1].requests[0].id")?.message
            == "duplicate request id \"r\": teams[0].requests[0] (line 3) already has it; give each request its own id")
        #expect(result.error(at: "constraints[1].id")?.message
            == "duplicate constraint id \"c\": constraints[0] (line 5) already has it; give each constraint its own id")
        #expect(result.error(at: "scenarios[1].id")?.message
            == "duplicate scenario id \"s\": scenarios[0] (line 6) already has it; give each scenario its own id")
        #expect(result.errors.count == 6)
    }

    @Test func periodsAndObjectiveAreChecked() {
        let empty = ReadResult(PlanFixtures.minimal().replacingFirst(#""periods": ["H1", "H2"]"#, with: #""periods": []"#))
        #expect(empty.error(at: "periods")?.message
            == "periods is empty: list the periods, such as [\"Q1\", \"Q2\", \"Q3\", \"Q4\"], or leave it out for a single period")
        let objective = ReadResult(PlanFixtures.minimal(top: #", "objective": "maximise-value""#))
        #expect(objective.error(at: "objective")?.message == "unknown objective \"maximise-value\"; did you mean \"maximize-value\"?")
    }

    @Test func minimizeSpendNeedsATarget() {
        let result = ReadResult(PlanFixtures.minimal(top: #", "objective": "minimize-spend""#))
        #expect(result.error(at: "objective")?.message == """
            a minimize-spend plan needs at least one KPI target, such as "target": {"min": "9M"}: without one, spending nothing is best; add a target or use maximize-value
            """)
        #expect(ReadResult(PlanFixtures.minimal(top: #", "objective": "minimize-spend""#, kpi: #", "target": {"min": 5}"#)).errors.isEmpty)
    }

    @Test func budgetRules() {
        let noTotal = ReadResult(PlanFixtures.minimal(top: #", "budget": {"spendAll": true}"#))
        #expect(noTotal.error(at: "budget.spendAll")?.message
            == "spendAll needs a total to spend: add \"total\" to the budget, or set spendAll to false")
        let unknownPeriod = ReadResult(PlanFixtures.minimal(top: #", "budget": {"periods": {"H1": "1M", "h2": "1M"}}"#))
        #expect(unknownPeriod.error(at: "budget.periods.h2")?.message == "unknown period \"h2\"; did you mean \"H2\"?")
        let noPeriods = ReadResult("""
            {"name": "x", "budget": {"total": 5, "periods": {"Q1": 5}}, "kpis": [{"id": "k"}],
             "teams": [{"id": "t", "requests": [{"id": "r", "amount": 1, "impact": {"k": 1}}]}]}
            """)
        #expect(noPeriods.error(at: "budget.periods")?.message
            == "the plan has no periods: add \"periods\" at the top level (such as [\"H1\", \"H2\"]), or leave out the period budgets")
        let badKey = ReadResult(PlanFixtures.minimal(top: #", "budget": {"totl": "1M"}"#))
        #expect(badKey.error(at: "budget.totl")?.message == "unknown key \"totl\"; did you mean \"total\"?")
    }

    @Test func periodBudgetsThatMissTheTotalGetAWarning() {
        let result = ReadResult(PlanFixtures.minimal(top: #", "budget": {"total": "12M", "periods": {"H1": "5M", "H2": "6M"}}"#))
        #expect(result.errors.isEmpty)
        #expect(result.warning(at: "budget.periods")?.message
            == "the period budgets sum to 11M, not the total 12M: spend is held to both, and there is no carry-over between periods")
        let partial = ReadResult(PlanFixtures.minimal(top: #", "budget": {"total": "12M", "periods": {"H1": "5M"}}"#))
        #expect(partial.warnings.isEmpty)
        let over = ReadResult(PlanFixtures.minimal(top: #", "budget": {"total": "12M", "periods": {"H1": "13M"}}"#))
        #expect(over.warning(at: "budget.periods") != nil)
    }

    @Test func kpiRules() {
        let negative = ReadResult(PlanFixtures.minimal(kpi: #", "unit": "USD", "target": {"min": 1}"#).replacingFirst(#""worth": 1"#, with: #""worth": -2"#))
        #expect(negative.error(at: "kpis[0].worth")?.message == "worth must be at least 0 (what one unit of the KPI is worth), found -2")
        let worthless = ReadResult(PlanFixtures.minimal().replacingFirst(#""worth": 1"#, with: #""worth": 0"#))
        #expect(worthless.errors.isEmpty)
        #expect(worthless.warning(at: "kpis[0]")?.message
            == "KPI \"arr\" is worth 0 and has no target: it cannot change the allocation; give it a worth or a target")
        let money = ReadResult(PlanFixtures.minimal().replacingFirst(#""worth": 1"#, with: #""worth": "$250k""#))
        #expect(money.plan?.kpis[0].worth == 250_000)
    }

    @Test func targetRules() {
        let empty = ReadResult(PlanFixtures.minimal(kpi: #", "target": {}"#))
        #expect(empty.error(at: "kpis[0].target")?.message == "a target needs min, max or both, such as {\"min\": \"9M\"}")
        let inverted = ReadResult(PlanFixtures.minimal(kpi: #", "target": {"min": "9M", "max": "8M"}"#))
        #expect(inverted.error(at: "kpis[0].target.min")?.message == "target min 9M is above its max 8M; no total can meet both")
        let penalty = ReadResult(PlanFixtures.minimal(kpi: #", "target": {"min": 1, "soft": {"penalty": -1}}"#))
        #expect(penalty.error(at: "kpis[0].target.soft.penalty")?.message
            == "penalty must be at least 0 (the cost of each unit missed), found -1")
        let missing = ReadResult(PlanFixtures.minimal(kpi: #", "target": {"min": 1, "soft": {}}"#))
        #expect(missing.error(at: "kpis[0].target.soft")?.message
            == "missing \"penalty\": give the cost of each unit short of (or over) the target, such as \"penalty\": 2")
        let typo = ReadResult(PlanFixtures.minimal(kpi: #", "target": {"minimum": 1}"#))
        #expect(typo.error(at: "kpis[0].target.minimum")?.message.hasPrefix("unknown key \"minimum\" in a target") == true)
    }

    @Test func reportsEveryErrorOfAFileInOrder() {
        let text = """
            {"name": "Several", "periods": ["H1", "H2"],
             "kpis": [{"id": "arr", "wroth": 1}],
             "teams": [{"id": "sales", "requests": [
               {"id": "a", "amount": "1,2M", "impact": {"arr": 1}},
               {"id": "b", "amount": "400k", "min": "500k", "impact": {"ar": 1}},
               {"id": "c", "amount": "1M", "phasing": {"H1": 0.5}, "requires": ["d"], "impact": {"arr": 1}}
             ]}],
             "constraints": [{"kind": "cap", "scope": {"teams": ["salse"]}, "max": "1M"}]
            }
            """
        let result = ReadResult(text)
        #expect(result.errors.map(\.path) == [
            "kpis[0].wroth", "teams[0].requests[0].amount", "teams[0].requests[1].min", "teams[0].requests[1].impact.ar",
            "teams[0].requests[2].phasing", "teams[0].requests[2].requires[0]", "constraints[0].scope.teams[0]",
        ])
        #expect(result.errors.map(\.line) == [2, 4, 5, 5, 6, 6, 8])
        #expect(result.messages.last == "unknown team \"salse\"; did you mean \"sales\"?")
    }
}

extension String {
    /// The string with the first occurrence of `target` replaced.
    func replacingFirst(_ target: String, with replacement: String) -> String {
        guard let range = range(of: target) else { return self }
        return replacingCharacters(in: range, with: replacement)
    }
}
