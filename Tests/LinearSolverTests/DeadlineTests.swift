import Testing

@testable import LinearSolver

/// One deadline shared by several solves: each GLPK call gets what is left, never less than a
/// small floor, and the solves together end by the deadline.
@Suite struct DeadlineTests {
    @Test func remainingTimeCountsDownOnTheMonotonicClock() {
        let deadline = Deadline(seconds: 100)
        #expect(deadline.seconds == 100)
        #expect(deadline.remaining > 99 && deadline.remaining <= 100)
        #expect(!deadline.isPast)

        let past = Deadline(seconds: 0)
        #expect(past.isPast)
        #expect(past.remaining == 0)
        #expect(Deadline(seconds: -3).isPast)

        #expect(!Deadline.none.isPast)
        #expect(Deadline.none.remaining == .infinity)
    }

    @Test func aSolveIsGivenTheLeastOfItsCapAndTheTimeLeftButNeverNothing() {
        #expect(Deadline(seconds: 100).limit(cap: 2) == 2)
        #expect((Deadline(seconds: 100).limit() ?? 0) > 99)
        #expect(Deadline(seconds: 0).limit(cap: 2) == Deadline.minimumSolveSeconds)
        #expect(Deadline(seconds: 0).limit() == Deadline.minimumSolveSeconds)
        #expect(Deadline.none.limit() == nil)
        #expect(Deadline.none.limit(cap: 3) == 3)

        var options = SolveOptions()
        options.timeLimit = 10
        #expect(options.secondsAllowed(after: 4) == 6)
        options.deadline = Deadline(seconds: 2)
        #expect((options.secondsAllowed(after: 4) ?? 0) <= 2)
        options.deadline = Deadline(seconds: 0)
        #expect(options.secondsAllowed(after: 4) == Deadline.minimumSolveSeconds)
    }

    @Test(.enabled(if: Reference.directory != nil, Comment(rawValue: Reference.skipMessage)))
    func solvesSharingADeadlineEndByIt() throws {
        // Without cuts vpm1 takes GLPK well over a minute: three solves sharing 0.6 s must stop
        // at the deadline together, not take 0.6 s each.
        let program = try LinearProgram(contentsOf: Reference.directory! + "/miplib/vpm1.mps", format: .freeMPS)
        var options = SolveOptions()
        options.cuts = false
        options.deadline = Deadline(seconds: 0.6)
        let clock = ContinuousClock()
        let start = clock.now
        for _ in 0..<3 {
            let solution = try Solver(program).solve(options)
            #expect(solution.status != .optimal, "\(solution.status)")
        }
        let elapsed = clock.now - start
        #expect(elapsed < .milliseconds(600 + 3 * 50 + 400), "\(elapsed)")
        #expect(options.deadline!.isPast)
    }
}
