import Testing

@testable import PlanFormat

/// A large plan's teams are read in two halves at once: what that reading finds (the plan, its
/// errors and its warnings, in order) is what reading the teams one by one finds.
@Suite struct ParallelReadingTests {
    /// A plan of `teams` teams of `perTeam` requests, with `broken(team, request)` giving a
    /// request's object in place of a valid one where it is not nil, and the teams listed in
    /// `empty` given no requests.
    func plan(teams: Int, perTeam: Int, empty: Set<Int> = [], broken: (Int, Int) -> String? = { _, _ in nil }) -> [UInt8] {
        var text = #"{"name": "Large", "periods": ["H1", "H2"], "kpis": [{"id": "arr", "worth": 1}], "teams": ["#
        for t in 0..<teams {
            if t > 0 { text += "," }
            text += "\n" + #"{"id": "t\#(t)", "groups": ["g\#(t % 3)"], "requests": ["#
            for r in 0..<(empty.contains(t) ? 0 : perTeam) {
                if r > 0 { text += "," }
                let amount = 1000 + (t * perTeam + r) % 97
                text += "\n" + (broken(t, r) ?? #"{"id": "r\#(t)-\#(r)", "amount": \#(amount), "impact": {"arr": {"perDollar": 1.5}}}"#)
            }
            text += "]}"
        }
        text += "\n]}\n"
        return Array(text.utf8)
    }

    /// What reading `bytes` finds: the plan when it has no errors; the errors and the warnings,
    /// in the order they are reported.
    func read(_ bytes: [UInt8], inParallelFrom threshold: Int) throws -> (plan: Plan?, errors: [String], warnings: [String]) {
        let (tape, hasDuplicateKeys) = try JSONParser.parseTape(bytes, duplicateKeys: .keep)
        let reading = PlanReading(source: "large.json", tape: tape, hasDuplicateKeys: hasDuplicateKeys)
        reading.parallelRequests = threshold
        let plan = reading.readPlan()
        return (reading.errors.isEmpty ? plan : nil, reading.sortedErrors.map(\.description), reading.sortedWarnings.map(\.description))
    }

    @Test func aValidPlanReadsTheSameInTwoHalves() throws {
        let bytes = plan(teams: 7, perTeam: 900, empty: [5])
        let one = try read(bytes, inParallelFrom: .max)
        let two = try read(bytes, inParallelFrom: 1)
        let plan = try #require(two.plan)
        #expect(plan == one.plan)
        #expect(plan.teams.count == 7)
        #expect(plan.teams.reduce(0) { $0 + $1.requests.count } == 6 * 900)
        #expect(plan.teams[6].requests.last?.id == "r6-899")
        // The empty team's warning, once, from whichever half read it.
        #expect(two.warnings == one.warnings)
        #expect(two.warnings.count == 1)
        #expect(two.warnings.first?.contains(#"team "t5" has no requests"#) == true)
        // The default reads this plan (5,400 requests) in two halves.
        #expect(6 * 900 >= PlanReading.requestsReadInParallel)
        #expect(try PlanReader.read(bytes: bytes, source: "large.json").plan == plan)
    }

    @Test func problemsInBothHalvesComeInFileOrder() throws {
        // Broken requests in the first team and the last; a request with no impact (a warning)
        // in each half; a duplicate id across the halves; an empty team after the broken ones.
        let bytes = plan(teams: 6, perTeam: 1000, empty: [4]) { t, r in
            switch (t, r) {
            case (0, 10): #"{"id": "r0-10", "amount": -5, "impact": {"arr": {"perDollar": 1}}}"#
            case (0, 20): #"{"id": "r0-20", "amount": 100, "impact": {"ar": {"perDollar": 1}}}"#
            case (1, 3): #"{"id": "r1-3", "amount": 100}"#
            case (5, 7): #"{"id": "r5-7", "amount": "lots", "impact": {"arr": {"perDollar": 1}}}"#
            case (5, 8): #"{"id": "r0-5", "amount": 100, "impact": {"arr": {"perDollar": 1}}}"#
            case (5, 9): #"{"id": "r5-9", "amount": 100, "phasing": {"H1": 0.5, "H3": 0.5}, "impact": {"arr": {"perDollar": 1}}}"#
            case (3, 999): #"{"id": "r3-999", "amount": 100, "impact": {}}"#
            default: nil
            }
        }
        let one = try read(bytes, inParallelFrom: .max)
        let two = try read(bytes, inParallelFrom: 1)
        #expect(two.plan == nil)
        #expect(two.errors == one.errors)
        #expect(two.warnings == one.warnings)
        #expect(two.warnings.contains { $0.contains("r3-999") })
        let paths = two.errors.map { $0.split(separator: ":").prefix(2).joined(separator: ":") }
        #expect(two.errors.count >= 5, "\(two.errors)")
        // In file order: the first team's, then the last team's.
        let first = try #require(two.errors.firstIndex { $0.contains("teams[0].requests[10].amount") })
        let kpi = try #require(two.errors.firstIndex { $0.contains("teams[0].requests[20].impact") && $0.contains(#"did you mean "arr""#) })
        let money = try #require(two.errors.firstIndex { $0.contains("teams[5].requests[7].amount") })
        let period = try #require(two.errors.firstIndex { $0.contains("teams[5].requests[9].phasing") })
        let duplicate = try #require(two.errors.firstIndex { $0.contains("r0-5") })
        #expect(first < kpi && kpi < money && money < period, "\(paths)")
        #expect(duplicate > kpi)
        // Without the errors: the two requests without an impact (one in each half) and the
        // empty team between them warn, in file order.
        let warned = plan(teams: 6, perTeam: 1000, empty: [4]) { t, r in
            (t, r) == (1, 3) || (t, r) == (5, 2) ? #"{"id": "r\#(t)-\#(r)", "amount": 100}"# : nil
        }
        let sequential = try read(warned, inParallelFrom: .max)
        let parallel = try read(warned, inParallelFrom: 1)
        #expect(parallel.warnings == sequential.warnings)
        #expect(parallel.warnings.count == 3, "\(parallel.warnings)")
        #expect(parallel.warnings.map { $0.contains("r1-3") } == [true, false, false])
        #expect(parallel.warnings[1].contains(#"team "t4""#))
        #expect(parallel.warnings[2].contains("r5-2"))
    }

    @Test func anEmptyTeamAfterAnotherTeamsBrokenRequestStillWarns() throws {
        // Whether a team has no requests is the team's own matter: a broken request of an
        // earlier team does not hide it, in either reading.
        let bytes = plan(teams: 3, perTeam: 2, empty: [2]) { t, r in
            (t, r) == (0, 1) ? #"{"amount": 100}"# : nil
        }
        for threshold in [1, Int.max] {
            let result = try read(bytes, inParallelFrom: threshold)
            #expect(result.errors.count == 1)
            #expect(result.errors.first?.contains(#"teams[0].requests[1]: missing "id": every request needs an id"#) == true, "\(result.errors)")
            #expect(result.warnings.count == 1)
            #expect(result.warnings.first?.contains(#"team "t2" has no requests"#) == true, "\(result.warnings)")
        }
    }

    @Test func aRepeatedRequestIdIsFoundWhereverItIs() throws {
        // Within a team, across the halves, and in a team that has no id (whose requests the
        // catalog never sees): each repeat is reported once, naming the first use.
        let bytes = plan(teams: 6, perTeam: 1000) { t, r in
            switch (t, r) {
            case (0, 5): #"{"id": "r0-4", "amount": 100, "impact": {"arr": {"perDollar": 1}}}"#
            case (4, 0): #"{"id": "r1-1", "amount": 100, "impact": {"arr": {"perDollar": 1}}}"#
            default: nil
            }
        }
        for threshold in [1, Int.max] {
            let errors = try read(bytes, inParallelFrom: threshold).errors
            #expect(errors.count == 2, "\(errors)")
            #expect(errors.first?.contains(#"teams[0].requests[5].id: duplicate request id "r0-4": teams[0].requests[4]"#) == true, "\(errors)")
            #expect(errors.last?.contains(#"teams[4].requests[0].id: duplicate request id "r1-1": teams[1].requests[1]"#) == true, "\(errors)")
        }
        var text = String(decoding: plan(teams: 2, perTeam: 3), as: UTF8.self)
        text = text.replacing(#"{"id": "t1", "#, with: "{")
        text = text.replacing(#""r1-2""#, with: #""r0-0""#)
        let errors = try read(Array(text.utf8), inParallelFrom: .max).errors
        #expect(errors.contains { $0.contains("every team needs an id") }, "\(errors)")
        #expect(errors.contains { $0.contains(#"teams[1].requests[2].id: duplicate request id "r0-0": teams[0].requests[0]"#) }, "\(errors)")
    }
}
