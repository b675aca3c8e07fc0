import Foundation
import LinearSolver
import Testing
import TestSupport

@testable import Allot
@testable import AllotReports
@testable import PlanFormat

/// One deadline per command: the solve, the explanation's re-solves and the diagnosis end by it
/// together; what it stops is left out and said to be, never passed off as proven.
@Suite struct DeadlineTests {
    /// Tests/Fixtures/hard-integer.json: 48 whole-unit requests of nearly equal value per dollar, with
    /// awkward unit costs, under a budget, four period budgets, three headcount caps and four
    /// spending caps over overlapping groups. GLPK finds a good allocation in a fraction of a
    /// second but cannot prove it optimal in 35 s (checked: still 0.07% from its bound then).
    static func hardPlan(target: String? = nil) throws -> Plan {
        var text = PlanFixtures.text("hard-integer.json")
        if let target {
            text = text.replacingOccurrences(of: #""worth": 1}"#, with: #""worth": 1, "target": {"min": "\#(target)"}}"#)
        }
        return try PlanReader.read(bytes: Array(text.utf8), source: "hard-integer.json").plan
    }

    @Test func aHardIntegerPlanIsSolvedAndExplainedWithinItsDeadline() throws {
        let plan = try Self.hardPlan()
        let clock = ContinuousClock()
        let start = clock.now
        // As `allot solve --time-limit 5` does: one deadline for the solve and the explanation.
        let deadline = Deadline(seconds: 5)
        let solved = try SolvedPlan(plan, deadline: deadline)
        let allocation = solved.allocation
        let explanation = try Explainer.explain(solved, options: ExplainOptions(deadline: deadline))
        let elapsed = clock.now - start
        #expect(elapsed < .seconds(7), "\(elapsed)")

        // The best allocation found, not proven optimal, and within every limit.
        #expect(allocation.status == .feasible)
        #expect((allocation.relativeGap ?? 0) > 0)
        #expect(allocation.spend > 0.5 * (plan.budget.total ?? 0))
        #expect(allocation.spend <= (plan.budget.total ?? 0) + 0.01)
        for request in allocation.requests {
            let units = try #require(request.unitsFunded)
            #expect(abs(units - units.rounded()) < 1e-6, "\(request.id)")
        }
        #expect(allocation.teams.reduce(0) { $0 + $1.unitsFunded } <= 109 + 1e-6)

        // What the deadline stopped is marked where it would be, and counted in a note.
        #expect(explanation.stoppedByTimeLimit)
        #expect(explanation.noteTexts.contains { $0.hasPrefix("The proposal is the best found within the time limit, not proven optimal") })
        let note = try #require(explanation.noteTexts.first { $0.hasPrefix("The time limit stopped the explanation before it was done:") })
        let stopped = explanation.requests.filter(\.thresholdsStoppedByTimeLimit)
        #expect(note.contains("of \(stopped.count) of 48 requests"), "\(note)")
        for reason in explanation.requests {
            // Every request asked for its thresholds: each has them in full, or none and a mark.
            #expect(reason.thresholdsComputed != reason.thresholdsStoppedByTimeLimit, "\(reason.id)")
            if reason.thresholdsStoppedByTimeLimit {
                #expect(reason.fullFundingAt == nil && reason.keepsFundingDownTo == nil)
                #expect(explanation.text(reason).hasSuffix("Its what-it-would-take figures were left out: the time limit stopped them."))
            }
        }
        #expect(!stopped.isEmpty)
        for rule in explanation.rules where !rule.leftOutByTimeLimit.isEmpty {
            // A rule whose effects were not measured is not called costless.
            let text = explanation.text(rule)
            #expect(text.contains("left out: the time limit stopped"), "\(text)")
            #expect(!text.contains("would not change without it") && !text.contains("costs nothing"), "\(text)")
            if rule.leftOutByTimeLimit.contains(.effects) {
                #expect(rule.valueGivenUp == nil && rule.ifRemoved.isEmpty)
            }
        }
        let text = ExplanationText.render(explanation)
        #expect(text.contains("not proven optimal"))
        #expect(text.contains("were left out"))
        #expect(!AllocationText.render(allocation, explanation: explanation).isEmpty)
    }

    @Test func explainOnTheCommandLineEndsByItsTimeLimit() {
        let clock = ContinuousClock()
        let start = clock.now
        let result = runAllot(["explain", PlanFixtures.path("hard-integer.json"), "--time-limit", "2"])
        let elapsed = clock.now - start
        #expect(elapsed < .seconds(4), "\(elapsed)")
        #expect(result.code == 0, "\(result.err)")
        #expect(result.out.contains("best found within the time limit, not proven optimal"))
        #expect(result.out.contains("The time limit stopped the explanation before it was done"))
        #expect(result.out.contains("within a time limit of 2 s"))
        // No measured seconds in the words: the method counts re-solves.
        #expect(!result.out.contains(" s (each allowed"))
    }

    @Test func aDiagnosisPastItsDeadlineSaysItWasCutShortAndClaimsNothingElse() throws {
        let plan = try PlanReader.read(path: Repository.model("infeasible.json")).plan
        // With time, the conflict is found (so the test below is not vacuous).
        let full = try #require(try PlanSolver.solve(plan).diagnosis)
        #expect(!full.cutShort && !full.conflicts.isEmpty)

        // A deadline that has passed: the base solve still proves the plan infeasible (a solve is
        // never given less than a floor), but the diagnosis starts no solve.
        let allocation = try PlanSolver.solve(plan, deadline: Deadline(seconds: 0))
        #expect(allocation.status == .infeasible)
        let diagnosis = try #require(allocation.diagnosis)
        #expect(diagnosis.cutShort)
        #expect(diagnosis.conflicts.isEmpty)
        let summary = try #require(allocation.summary)
        #expect(summary.hasPrefix("The diagnosis was cut short by the time limit"))
        #expect(!summary.contains("even with every rule"))
        let text = AllocationText.render(allocation)
        #expect(text.contains("No allocation satisfies every rule of this plan."))
        #expect(text.contains("cut short by the time limit"))
        #expect(!text.contains("cannot be funded"))
        #expect(AllocationJSON.render(allocation).serialized().contains("\"cutShort\": true"))
    }

    @Test func aDiagnosisStoppedMidSolveClaimsNoInfeasibilityItDidNotProve() throws {
        // The hard plan with a revenue target above what any allocation reaches: the linear
        // relaxation proves it infeasible at once, but the diagnosis's first question (how near
        // can the plan come with every rule relaxed) is the hard integer program itself.
        let plan = try Self.hardPlan(target: "17M")
        let clock = ContinuousClock()
        let start = clock.now
        let allocation = try PlanSolver.solve(plan, deadline: Deadline(seconds: 1.5))
        let elapsed = clock.now - start
        #expect(elapsed < .seconds(3), "\(elapsed)")
        #expect(allocation.status == .infeasible)
        let diagnosis = try #require(allocation.diagnosis)
        #expect(diagnosis.cutShort)
        let summary = try #require(allocation.summary)
        #expect(summary.contains("cut short by the time limit"), "\(summary)")
        #expect(!summary.contains("even with every rule"))
        #expect(!summary.contains("feasible once its rules are stated exactly"))
        for conflict in diagnosis.conflicts where allocation.relaxation(conflict) == nil {
            #expect(conflict.cutShort, "\(conflict.rule): an unproven 'not enough'")
        }
    }

    @Test func outputsAreTheSameFromRunToRun() throws {
        // No time limit is reached on the example plan: the words must be byte for byte the same.
        let plan = try PlanReader.read(path: Repository.model("northwind.json")).plan
        var texts: [String] = []
        for _ in 0..<2 {
            let explanation = try Explainer.explain(plan)
            #expect(!explanation.stoppedByTimeLimit)
            texts.append(ExplanationText.render(explanation) + AllocationText.render(explanation.allocation, explanation: explanation))
        }
        #expect(texts[0] == texts[1])
        #expect(texts[0].contains("Figures from re-solving the plan "))
        #expect(texts[0].range(of: #"\d s\)"#, options: .regularExpression) == nil)
        #expect(texts[0].range(of: #"in \d+(\.\d+)? s"#, options: .regularExpression) == nil)
    }
}

/// An integer plan whose linear relaxation the time limit stops is a plan without an allocation
/// found in time: said with the time limit's words, never as a solver failure.
@Suite struct RelaxationTimeLimitTests {
    /// 6,000 requests over four quarters, one in three in whole units, the others with three
    /// slices of falling returns, each needing the one before it in its team, under a share
    /// rule, a fairness floor for each of 300 teams and caps on some: a relaxation the simplex
    /// needs well over the shortest time a solve is given.
    static func plan() -> Plan {
        var generator = SeededGenerator(seed: 11)
        var requests: [Request] = []
        for index in 0..<6_000 {
            let unit = (50 + 150 * generator.uniform(0, 1)).rounded() * 1_000
            let amount = unit * Double(1 + index % 5)
            let q1 = generator.uniform(0, 0.5)
            let phasing = ["Q1": q1, "Q2": 0.5 - q1, "Q3": 0.25, "Q4": 0.25]
            let team = "t\(index / 20)"
            // Within a team, each request needs the one before it.
            let requires = index % 20 == 0 ? [] : ["r\(index - 1)"]
            if index % 3 == 0 {
                requests.append(Make.request(
                    "r\(index)", team: team, amount: amount, perDollar: generator.uniform(0.5, 2), unitCost: unit, phasing: phasing,
                    requires: requires))
            } else {
                let top = generator.uniform(1, 3)
                let curve = [(amount / 3, top * amount / 3), (2 * amount / 3, (top + 0.6) * amount / 3), (amount, (top + 0.9) * amount / 3)]
                requests.append(Make.request("r\(index)", team: team, amount: amount, curve: curve, phasing: phasing, requires: requires))
            }
        }
        let teams = (0..<300).map { "t\($0)" }
        let groups = Dictionary(uniqueKeysWithValues: teams.enumerated().map { ($1, [$0 % 2 == 0 ? "gtm" : "rnd"]) })
        let asked = requests.reduce(0) { $0 + $1.amount }
        var rules = [
            Constraint(id: "gtm-share", kind: .share(min: nil, max: 0.45), scope: Scope(groups: ["gtm"])),
            Constraint(id: "fair", kind: .fairness(minFractionOfAsk: 0.2)),
        ]
        for team in teams where team.hasSuffix("3") {
            rules.append(Constraint(id: "cap-\(team)", kind: .cap(max: asked / 600), scope: Scope(teams: [team])))
        }
        return Make.plan(
            requests, total: (asked * 0.5).rounded(), constraints: rules, periods: ["Q1", "Q2", "Q3", "Q4"],
            periodBudgets: ["Q1": asked * 0.12, "Q2": asked * 0.12, "Q3": asked * 0.13, "Q4": asked * 0.13], groups: groups)
    }

    @Test func aStoppedRelaxationIsReportedAsTheTimeLimit() throws {
        let plan = Self.plan()
        // The relaxation alone is stopped in that time.
        var relaxed = SolveOptions(relaxIntegrality: true)
        relaxed.deadline = Deadline(seconds: 0)
        let relaxation = try Solver(Formulation(plan).program).solve(relaxed)
        #expect(relaxation.status == .timeLimitWithoutSolution || relaxation.status == .timeLimitWithSolution(gap: nil), "\(relaxation.status)")

        let solved = try SolvedPlan(plan, deadline: Deadline(seconds: 0))
        let allocation = solved.allocation
        #expect(allocation.status == .noSolution)
        #expect(allocation.isInteger)
        #expect(AllocationJSON.render(allocation)["status"] == .string("no-solution"))
        #expect(AllocationText.render(allocation).contains("No allocation was found before the solver stopped at the time limit"))
        let explanation = try Explainer.explain(solved, options: ExplainOptions(deadline: Deadline(seconds: 0)))
        #expect(explanation.requests.isEmpty)
        #expect(ExplanationJSON.render(explanation)["status"] == .string("no-solution"))
    }
}
