#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Dispatch
import LinearSolver
import PlanFormat
import Synchronization

extension SolvedPlan {
    /// The threads a walk of cuts uses unless told: two when the plan is large enough for a
    /// second solver to pay for itself (building it and its first solves, cold, cost about as
    /// much as a few dozen warm re-solves) and a core is free for it, one otherwise. The levels
    /// are the same either way.
    package var automaticCutsJobs: Int {
        var load = [0.0]
        let recent = getloadavg(&load, 1) == 1 ? load[0] : 0
        return CutsWalk.automaticJobs(
            requests: formulation.allRequests.count, cores: sysconf(Int32(_SC_NPROCESSORS_ONLN)), load: recent)
    }
}

extension CutsWalk {
    /// Plans with fewer requests than this walk on one thread by default: their walk takes about
    /// a second or less.
    static let parallelRequestThreshold = 500

    /// Two threads for a plan of at least ``parallelRequestThreshold`` requests when a core is
    /// free: two or more cores, and a load average over the last minute at least one and a half
    /// below their number. Walks that share a core with each other or with other work were
    /// measured slower than one walk alone (each evicts the other's working set from the cache).
    static func automaticJobs(requests: Int, cores: Int, load: Double = 0) -> Int {
        cores >= 2 && requests >= parallelRequestThreshold && load < Double(cores) - 1.5 ? 2 : 1
    }

    /// Where an exact walk solves a level cold, as shares of its range from the top: the
    /// places where walks on other threads may start (the same for any number of threads, so
    /// that the levels are too).
    static let checkpointShares = [0.25, 0.5, 0.75]

    /// The checkpoints where walks on other threads start, for `jobs` threads in all: those
    /// nearest to equal parts of the range.
    static func starts(_ checkpoints: [Double], jobs: Int) -> [Double] {
        guard jobs > 1, !checkpoints.isEmpty else { return [] }
        var chosen: [Double] = []
        for part in 1..<jobs {
            let index = min(checkpoints.count - 1, max(0, Int((Double(part * (checkpoints.count + 1)) / Double(jobs)).rounded()) - 1))
            if !chosen.contains(checkpoints[index]) { chosen.append(checkpoints[index]) }
        }
        return chosen.sorted(by: >)
    }

    /// The exact walk from `top` to `bottom` split over threads: this thread walks from the top;
    /// each of `starts` (checkpoints) starts a walk on a thread of its own, with its own solver
    /// built there from the same program, down to the bottom. Every walk solves the first level
    /// below each checkpoint cold, so walks that meet there go on alike. A walk stops where it
    /// meets the walk below at a level both reach with the same basis and leave for the same
    /// next level, and the levels below come from that walk; a walk that never meets the one
    /// below goes on to the bottom itself. So the levels are those of
    /// ``exactWalk(row:from:to:checkpoints:into:record:below:)`` alone, to the bit, only sooner.
    ///
    /// The first level of a walk below (its start) is not a breakpoint and never appears. Every
    /// walk stops at the deadline; then the levels kept are those joined up from the top (a gap
    /// in the range would be read as a segment), and the deadline's error is thrown after they
    /// are in `points`. An error on another thread is thrown here.
    func parallelWalk(
        row: LinearProgram.ConstraintID, from top: Double, to bottom: Double, checkpoints: [Double], starts splits: [Double],
        into points: inout [Point]
    ) throws {
        var starts: [Double] = []
        for level in splits.sorted(by: >) where level < (starts.last ?? top) - 0.01 && level > bottom + 0.01 {
            starts.append(level)
        }
        guard !starts.isEmpty else {
            try exactWalk(row: row, from: top, to: bottom, checkpoints: checkpoints, into: &points)
            return
        }
        let records = starts.map { WalkRecord(start: $0) }
        var walk = self
        walk.solveCount = progress == nil ? nil : SharedSolveCount(solver.solves)
        // From the lowest up, so that each knows the record of the walk below it.
        var walksBelow: [Below] = []
        for k in records.indices.reversed() {
            walksBelow.insert(
                Below(
                    walk: walk, row: row, bottom: bottom, checkpoints: checkpoints, record: records[k],
                    below: k + 1 < records.count ? records[k + 1] : nil),
                at: 0)
        }
        // Whatever happens here, the other threads stop and are waited for before this returns.
        defer {
            for record in records { record.cancel() }
            for other in walksBelow { _ = other.wait() }
        }
        var meeting = try walk.exactWalk(
            row: row, from: top, to: bottom, checkpoints: checkpoints, into: &points, below: records[0])
        // A walk alone to the bottom needs nothing from below: stop them. Otherwise wait for
        // each to end; an error on any of them is thrown here, as on a walk alone.
        if meeting == nil { for record in records { record.cancel() } }
        let outcomes = try walksBelow.map { try $0.wait().get() }
        var stopped = false
        for (levels, next, end) in outcomes {
            guard let shared = meeting else { break }
            // The price just above the first level taken is the one the walk above found at the
            // shared level (the walk below reached that basis by other pivots: its price there
            // may differ in the last digit).
            var taken = levels.dropFirst(shared.level + 1)
            if !taken.isEmpty { taken[taken.startIndex].marginalAbove = shared.marginalBelow }
            points.append(contentsOf: taken)
            meeting = next
            stopped = end == .stopped
        }
        if stopped { throw CutsError.outOfTime }
    }

    /// A walk of the range below a split level, on a thread of its own with a solver of its own.
    final class Below: @unchecked Sendable {
        let record: WalkRecord
        private let group = DispatchGroup()
        /// Written once on the worker before the group is left; read after waiting for it: the
        /// levels, where the walk met the walk below it, and how it ended.
        private var outcome: Result<(levels: [Point], meeting: WalkMeeting?, end: WalkRecord.End), any Error> = .success(([], nil, .done))

        /// Starts the walk at once.
        init(
            walk: CutsWalk, row: LinearProgram.ConstraintID, bottom: Double, checkpoints: [Double], record: WalkRecord,
            below: WalkRecord?
        ) {
            self.record = record
            // The parts of the walk that may cross threads; its solver may not.
            let (formulation, deadline, reference) = (walk.formulation, walk.deadline, walk.reference)
            let (progress, solveCount) = (walk.progress, walk.solveCount)
            group.enter()
            DispatchQueue.global().async { [self] in
                outcome = Result {
                    var levels: [Point] = []
                    var meeting: WalkMeeting? = nil
                    do {
                        var walk = CutsWalk(
                            formulation: formulation, solver: try Solver(formulation.program), deadline: deadline,
                            reference: reference)
                        walk.progress = progress
                        walk.solveCount = solveCount
                        meeting = try walk.exactWalk(
                            row: row, from: record.start, to: bottom, checkpoints: checkpoints, into: &levels, record: record,
                            below: below)
                    } catch CutsError.outOfTime {
                        return (levels, nil, .stopped)
                    }
                    return (levels, meeting, record.isCancelled ? .stopped : .done)
                }
                // The walk above stops waiting for this one, however it ended.
                record.finish()
                // The solver is gone by now: free this thread's GLPK memory.
                SolverThreads.releaseResources()
                group.leave()
            }
        }

        /// The walk's outcome, once it is done.
        func wait() -> Result<(levels: [Point], meeting: WalkMeeting?, end: WalkRecord.End), any Error> {
            group.wait()
            return outcome
        }
    }
}

/// Where a walk met the walk below it: the index of the shared level among the levels of the
/// walk below, and the value of one more dollar just below that level as the walk above found it.
struct WalkMeeting: Sendable {
    let level: Int
    let marginalBelow: Double
}

/// The levels a walk has reached so far, as the walk above it sees them while both run, and
/// whether the walk above has stopped needing them.
final class WalkRecord: Sendable {
    /// How a walk ended: as a walk alone would have (at the bottom, or where the program has no
    /// optimum), or stopped early by the deadline.
    enum End: Sendable { case done, stopped }

    private struct State {
        var budgets: [Double] = []
        var digests: [Int?] = []
        var ends: [Double] = []
        var indices: [Int] = []
        var finished = false
        var cancelled = false
    }

    /// The total the walk starts from: its first level, which is not a breakpoint.
    let start: Double
    private let state = Mutex(State())

    init(start: Double) {
        self.start = start
    }

    /// Levels this close are the same level (walks that reach a breakpoint from other bases may
    /// round it differently). Two levels of one walk this close are told apart by their bases:
    /// a walk from above that finds the other one's basis there does not meet this walk.
    static func tolerance(_ budget: Double) -> Double { max(abs(budget) * 1e-10, 1e-6) }

    /// Adds a level the walk stood at: its total, the digest of its basis there, the breakpoint
    /// that basis holds down to, and the index of the level among the walk's levels.
    func append(budget: Double, digest: Int?, end: Double, index: Int) {
        state.withLock { state in
            state.budgets.append(budget)
            state.digests.append(digest)
            state.ends.append(end)
            state.indices.append(index)
        }
    }

    /// Says that the walk will reach no further levels.
    func finish() { state.withLock { $0.finished = true } }

    /// Tells the walk to stop at its next level: the walk above no longer needs it.
    func cancel() { state.withLock { $0.cancelled = true } }

    var isCancelled: Bool { state.withLock { $0.cancelled } }

    /// Where a walk from above, at `budget` with the basis `digest` that holds down to `end`,
    /// can go on with this walk's levels: the index among this walk's levels of its level at the
    /// same total with the same basis (never its first), provided the breakpoint it found below
    /// is `end` to the bit; nil when there is none. Waits while this walk has not got that far.
    func meeting(budget: Double, digest: Int?, end: Double) -> Int? {
        let tolerance = Self.tolerance(budget)
        while true {
            let answer: Int?? = state.withLock { state in
                // Levels fall from one to the next: the first at or below `budget`, past the start.
                var low = 1, high = state.budgets.count
                while low < high {
                    let middle = (low + high) / 2
                    if state.budgets[middle] > budget + tolerance { low = middle + 1 } else { high = middle }
                }
                guard low < state.budgets.count else { return state.finished ? .some(nil) : nil }
                guard abs(state.budgets[low] - budget) <= tolerance, let digest, state.digests[low] == digest,
                      state.ends[low] == end
                else { return .some(nil) }
                return .some(state.indices[low])
            }
            if let answer { return answer }
            usleep(200)
        }
    }
}

/// A count of solves shared by walks on several threads, for one progress line.
final class SharedSolveCount: Sendable {
    private let count: Atomic<Int>

    init(_ start: Int) {
        count = Atomic(start)
    }

    /// Counts one more solve, and returns the count.
    func add() -> Int { count.wrappingAdd(1, ordering: .relaxed).newValue }
}
