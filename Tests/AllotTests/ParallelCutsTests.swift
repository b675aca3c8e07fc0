import Testing
import TestSupport

@testable import Allot
@testable import AllotReports
import LinearSolver
@testable import PlanFormat

/// The walk of cuts split over threads gives the serial walk's levels exactly: the same
/// breakpoints, values, prices, allocations, changes and order of cuts, wherever the range is
/// split and however many threads walk it.
@Suite struct ParallelCutsTests {
    static func plan(_ path: String) throws -> Plan { try PlanReader.read(path: Repository.root + "/" + path).plan }

    /// Linear fixtures and the models with a total budget (integer models are sampled, where a
    /// second thread is never used: they must still come out the same).
    static let fixtures = [
        "Tests/Fixtures/cuts-linear.json", "Tests/Fixtures/cut-order.json", "Tests/Fixtures/slider-linear.json",
        "Tests/Fixtures/slow-resolve.json", "models/northwind.json", "models/quarterly-headcount.json",
    ]

    /// A walk with given threads and split levels, on a solved plan of its own.
    static func walk(_ plan: Plan, jobs: Int, splits: [Double]? = nil, nested: Bool = false) throws -> BudgetCuts {
        let solved = try SolvedPlan(plan, diagnose: false)
        return try CutsWalk(solved: solved, deadline: Deadline(seconds: 120))
            .run(top: .level(.share(1)), bottom: nil, samples: 20, nested: nested, jobs: jobs, splits: splits)
    }

    /// Every number and list of two walks, compared exactly.
    static func expectSame(_ parallel: BudgetCuts, _ serial: BudgetCuts, _ label: String) {
        #expect(parallel.top == serial.top && parallel.bottom == serial.bottom, "\(label): ends")
        #expect(parallel.sampled == serial.sampled && parallel.stoppedByTimeLimit == serial.stoppedByTimeLimit, "\(label)")
        #expect(parallel.breakpoints.count == serial.breakpoints.count, "\(label): breakpoints")
        for (k, (got, want)) in zip(parallel.breakpoints, serial.breakpoints).enumerated() {
            let at = "\(label): breakpoint \(k) at \(want.budget)"
            #expect(got.budget == want.budget, "\(at): budget \(got.budget)")
            #expect(got.value == want.value, "\(at): value")
            #expect(got.marginalValueAbove == want.marginalValueAbove, "\(at): marginal value")
            #expect(got.allocations.ids == want.allocations.ids, "\(at): ids")
            #expect(got.allocations.amounts == want.allocations.amounts, "\(at): allocations")
            #expect(got.starts == want.starts && got.stops == want.stops, "\(at): starts and stops")
            #expect(got.bindingAdded == want.bindingAdded && got.bindingRemoved == want.bindingRemoved, "\(at): binding")
            #expect(got.unique == want.unique, "\(at): unique")
            #expect(got.forcedRaises == want.forcedRaises && got.valueGivenUp == want.valueGivenUp, "\(at): nested")
        }
        #expect(parallel.cutOrder.map(\.request) == serial.cutOrder.map(\.request), "\(label): cut order")
        #expect(parallel.cutOrder.map(\.firstDollarLostAt) == serial.cutOrder.map(\.firstDollarLostAt), "\(label): first dollar lost")
        #expect(parallel.cutOrder.map(\.atMinimumFrom) == serial.cutOrder.map(\.atMinimumFrom), "\(label): at minimum")
    }

    /// Two walks of one plan with other checkpoints: the same breakpoints and values, to rounding.
    static func expectSameLevels(_ a: BudgetCuts, _ b: BudgetCuts, _ label: String) {
        #expect(a.breakpoints.map(\.budget) == b.breakpoints.map(\.budget), "\(label)")
        for (x, y) in zip(a.breakpoints, b.breakpoints) {
            #expect(abs(x.value - y.value) <= 1e-9 * max(1, abs(y.value)), "\(label): value at \(y.budget)")
        }
    }

    @Test(arguments: fixtures)
    func twoThreadsWalkAsOne(path: String) throws {
        let plan = try Self.plan(path)
        let serial = try Self.walk(plan, jobs: 1)
        Self.expectSame(try Self.walk(plan, jobs: 2), serial, "\(path), 2 threads")
        Self.expectSame(try Self.walk(plan, jobs: 3), serial, "\(path), 3 threads")
        // Through the public entry, forced to two threads.
        let forced = try SolvedPlan(plan, diagnose: false).cuts(jobs: 2, deadline: Deadline(seconds: 120))
        Self.expectSame(forced, serial, "\(path), cuts(jobs: 2)")
    }

    /// The split level on a breakpoint, a hair above and below one, and at every breakpoint in
    /// turn: the walk below starts from one of the two bases that hold there, and the levels
    /// are still the serial walk's.
    @Test(arguments: ["Tests/Fixtures/cuts-linear.json", "Tests/Fixtures/cut-order.json"])
    func aSplitOnOrNearABreakpointChangesNothing(path: String) throws {
        let plan = try Self.plan(path)
        let serial = try Self.walk(plan, jobs: 1)
        #expect(!serial.sampled)
        for point in serial.breakpoints.dropFirst().dropLast() {
            for split in [point.budget, point.budget + 1e-3, point.budget - 1e-3, point.budget + 20, point.budget - 20] {
                let alone = try Self.walk(plan, jobs: 1, splits: [split])
                Self.expectSame(try Self.walk(plan, jobs: 2, splits: [split]), alone, "\(path), split at \(split)")
                Self.expectSameLevels(alone, serial, "\(path), checkpoint at \(split)")
            }
        }
        // Two splits on neighbouring breakpoints: three walks, two seams.
        let levels = serial.breakpoints.map(\.budget)
        if levels.count >= 4 {
            let splits = [levels[1], levels[2]]
            Self.expectSame(
                try Self.walk(plan, jobs: 3, splits: splits), try Self.walk(plan, jobs: 1, splits: splits), "\(path), splits at \(splits)")
        }
    }

    /// The walk above stops where it meets the walk below: the program's own solver solves
    /// fewer levels than alone (so the levels below the seam did come from the other thread).
    @Test func theWalkAboveStopsAtTheSeam() throws {
        let plan = try Self.plan("Tests/Fixtures/cuts-linear.json")
        let solved = try SolvedPlan(plan, diagnose: false)
        let walk = CutsWalk(solved: solved, deadline: Deadline(seconds: 60))
        var start = solved.solver.solves
        let serial = try walk.run(top: .level(.share(1)), bottom: nil, samples: 20, nested: false, jobs: 1)
        let alone = solved.solver.solves - start
        start = solved.solver.solves
        let split = try walk.run(top: .level(.share(1)), bottom: nil, samples: 20, nested: false, jobs: 2)
        let above = solved.solver.solves - start
        Self.expectSame(split, serial, "cuts-linear")
        #expect(above < alone, "solves above the seam \(above), alone \(alone)")
    }

    /// The nested path is read from the same levels: the same with two threads.
    @Test func theNestedPathIsTheSame() throws {
        let plan = try Self.plan("Tests/Fixtures/cuts-linear.json")
        Self.expectSame(try Self.walk(plan, jobs: 2, nested: true), try Self.walk(plan, jobs: 1, nested: true), "nested")
    }

    /// What sets the lowest feasible total, as ranging proves it, is what re-solving without
    /// each candidate finds: on the linear fixtures and on random linear plans.
    @Test(arguments: 0..<24)
    func rangingNamesWhatReSolvingNames(seed: Int) throws {
        let plan: Plan
        if seed < 4 {
            plan = try PlanReader.read(path: Repository.root + "/" + Self.fixtures[seed]).plan
        } else {
            var rng = SeededGenerator(seed: UInt64(seed) &+ 9_001)
            plan = PropertyTests.randomPlan(&rng)
        }
        let solved = try SolvedPlan(plan, diagnose: false)
        let walk = CutsWalk(solved: solved, deadline: Deadline(seconds: 120))
        guard let row = solved.formulation.totalBudgetRow else { return }
        let ranged = try walk.lowestFeasible(row: row)
        let reSolved = try walk.lowestFeasible(row: row, byRanging: false)
        #expect(ranged?.budget == reSolved?.budget, "seed \(seed)")
        #expect(ranged?.setBy == reSolved?.setBy, "seed \(seed)")
    }

    /// Random linear plans (ties, committed amounts, caps, curves): the same levels with two
    /// threads, split in the middle and at a random level.
    @Test(arguments: 0..<20)
    func randomPlansWalkTheSame(seed: Int) throws {
        var rng = SeededGenerator(seed: UInt64(seed) &+ 7_001)
        let plan = PropertyTests.randomPlan(&rng)
        let serial: BudgetCuts
        do {
            serial = try Self.walk(plan, jobs: 1)
        } catch let error as CutsError {
            // Some of these plans hold at no budget: then neither walk starts.
            #expect(throws: error) { try Self.walk(plan, jobs: 2) }
            return
        }
        Self.expectSame(try Self.walk(plan, jobs: 2), serial, "seed \(seed)")
        let split = serial.bottom + (serial.top - serial.bottom) * Double.random(in: 0.05...0.95, using: &rng)
        Self.expectSame(
            try Self.walk(plan, jobs: 2, splits: [split]), try Self.walk(plan, jobs: 1, splits: [split]), "seed \(seed), split at \(split)")
    }

    /// 400 requests of two-segment curves over 20 teams, with a fairness floor: several hundred
    /// breakpoints.
    static func largePlan() -> Plan {
        var rng = SeededGenerator(seed: 4_242)
        var requests: [Request] = []
        for index in 0..<400 {
            let amount = Double(Int.random(in: 2...40, using: &rng)) * 10_000
            let first = Double.random(in: 0.5...3, using: &rng)
            requests.append(Make.request(
                "r\(index)", team: "t\(index % 20)", amount: amount,
                curve: [(amount / 2, first * amount / 2), (amount, first * amount / 2 * (1 + Double.random(in: 0.1...0.9, using: &rng)))]))
        }
        let asked = requests.reduce(0) { $0 + $1.amount }
        return Make.plan(requests, total: asked * 0.8, constraints: [Constraint(id: "fair", kind: .fairness(minFractionOfAsk: 0.2))])
    }

    /// A deadline that passes during the walk stops both threads; the levels kept are the
    /// serial walk's from the top, joined up (never a gap), and the walk says it stopped.
    @Test func theDeadlineStopsBothThreadsAndKeepsTheLevelsFromTheTop() throws {
        let plan = Self.largePlan()
        let serial = try Self.walk(plan, jobs: 1)
        #expect(!serial.sampled && serial.breakpoints.count > 100)
        Self.expectSame(try Self.walk(plan, jobs: 2), serial, "400 requests")
        let solved = try SolvedPlan(plan, diagnose: false)
        let stopped = try solved.cuts(jobs: 2, deadline: Deadline(seconds: 0.3))
        // On a machine fast enough to walk it all in time, the walk is whole.
        #expect(stopped.stoppedByTimeLimit || stopped.breakpoints.count == serial.breakpoints.count)
        if stopped.stoppedByTimeLimit {
            #expect(stopped.breakpoints.count < serial.breakpoints.count)
            // Every level but the last (whose segment below is unknown) as the serial walk has it.
            for (got, want) in zip(stopped.breakpoints.dropLast(), serial.breakpoints) {
                #expect(got.budget == want.budget && got.allocations.amounts == want.allocations.amounts, "\(want.budget)")
            }
        }
        // The solver is usable afterwards, and the program as it was.
        Self.expectSame(try solved.cuts(jobs: 2, deadline: Deadline(seconds: 120)), serial, "after a stopped walk")
    }

    /// Two threads by default only where they pay: for large plans, with a core free.
    @Test func theDefaultIsTwoThreadsForLargePlansOnly() {
        #expect(CutsWalk.automaticJobs(requests: 10_000, cores: 2) == 2)
        #expect(CutsWalk.automaticJobs(requests: 10_000, cores: 2, load: 0.3) == 2)
        #expect(CutsWalk.automaticJobs(requests: 10_000, cores: 2, load: 1.2) == 1)
        #expect(CutsWalk.automaticJobs(requests: 10_000, cores: 8, load: 4) == 2)
        #expect(CutsWalk.automaticJobs(requests: 10_000, cores: 1) == 1)
        #expect(CutsWalk.automaticJobs(requests: 20, cores: 8) == 1)
    }

    /// `allot cuts --jobs 1` and `--jobs 2` print the same bytes; `--jobs 0` is refused.
    @Test func theCommandPrintsTheSameWithEitherJobs() {
        for path in ["Tests/Fixtures/cuts-linear.json", "models/northwind.json"] {
            let one = runAllot(["cuts", Repository.root + "/" + path, "--json", "--jobs", "1"])
            let two = runAllot(["cuts", Repository.root + "/" + path, "--json", "--jobs", "2"])
            #expect(one.code == 0 && two.code == 0)
            #expect(one.out == two.out, "\(path)")
            let text = runAllot(["cuts", Repository.root + "/" + path, "-j", "2"])
            #expect(text.out == runAllot(["cuts", Repository.root + "/" + path]).out, "\(path)")
        }
        let refused = runAllot(["cuts", Repository.root + "/Tests/Fixtures/cut-order.json", "--jobs", "0"])
        #expect(refused.code == 64)
        #expect(refused.err.contains("--jobs takes a number from 1 to 64"))
    }
}
