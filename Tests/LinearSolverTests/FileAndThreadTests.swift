import Dispatch

#if canImport(Glibc)
import Glibc
#endif
import Testing

@testable import LinearSolver

@Suite struct FileRoundTripTests {
    @Test(arguments: [ModelFormat.fixedMPS, .freeMPS, .cplexLP])
    func writeThenReadGivesTheSameOptimum(_ format: ModelFormat) throws {
        let (lp, _, _, _, _) = HandSolvedTests.product()
        let directory = temporaryDirectory()
        for suffix in ["", ".gz"] {
            let path = directory + "/product." + (format == .cplexLP ? "lp" : "mps") + suffix
            if format != .cplexLP, suffix == ".gz" {
                // A gzipped MPS file cannot carry the maximization line: refused, not silently flipped.
                let error = #expect(throws: SolverError.self) { try lp.write(to: path, format: format) }
                #expect(error?.message.contains("cannot record that the objective is maximized") == true)
                var minimized = lp
                minimized.sense = .minimize
                try minimized.write(to: path, format: format)
                #expect(try LinearProgram(contentsOf: path, format: format).sense == .minimize)
                continue
            }
            try lp.write(to: path, format: format)
            let read = try LinearProgram(contentsOf: path, format: format)
            #expect(read.variables.count == 2)
            #expect(read.constraints.count == 2)
            #expect(read.sense == .maximize)
            #expect(isClose(try Solver(read).solve().objective, 11), "\(format) \(suffix)")
        }
        // Writes are atomic: only the finished files remain, no temporaries.
        #expect(listDirectory(directory).allSatisfy { !$0.hasPrefix(".") })
        #expect(listDirectory(directory).count == 2)
    }

    @Test func integerKindsSurviveAFile() throws {
        var lp = LinearProgram(sense: .maximize)
        let x = lp.addVariable(name: "x", kind: .integer, objective: 5)
        let y = lp.addVariable(name: "y", kind: .binary, objective: 4)
        lp.addConstraint(name: "c", terms: [(x, 6), (y, 4)], upperBound: 24)
        let path = temporaryDirectory() + "/ints.lp"
        try lp.write(to: path, format: .cplexLP)
        let read = try LinearProgram(contentsOf: path)
        #expect(read.variables.map(\.kind) == [.integer, .binary])
        #expect(isClose(try Solver(read).solve().objective, 20))  // x = 4, y = 0
    }

    @Test func writingToAMissingDirectoryIsAnError() {
        let (lp, _, _, _, _) = HandSolvedTests.product()
        let error = #expect(throws: SolverError.self) {
            try lp.write(to: "/nonexistent-directory/x.mps", format: .freeMPS)
        }
        #expect(error?.kind == .writeFailed)
    }
}

@Suite struct ThreadTests {
    /// Independent problems solved on several threads at once give the same answers as in series.
    @Test(.enabled(if: Reference.directory != nil, Comment(rawValue: Reference.skipMessage)))
    func concurrentSolvesMatchSerial() throws {
        let names = ["afiro", "adlittle", "blend", "sc50a", "sc105", "kb2", "share2b", "recipe"]
        let programs = try names.map {
            try LinearProgram(contentsOf: Reference.directory! + "/netlib/\($0).mps", format: .fixedMPS)
        }
        let serial = try programs.map { try Solver($0).solve().objective! }
        let results = ResultBox(count: programs.count * 4)
        DispatchQueue.concurrentPerform(iterations: programs.count * 4) { index in
            let objective = try? Solver(programs[index % programs.count]).solve().objective
            results.set(index, objective)
            SolverThreads.releaseResources()
        }
        for index in 0..<(programs.count * 4) {
            #expect(results.get(index) == serial[index % programs.count], "\(names[index % names.count])")
        }
    }

    @Test func aSolverRefusesAnotherThread() throws {
        let (lp, _, _, _, _) = HandSolvedTests.product()
        let solver = try Solver(lp)
        let box = ResultBox(count: 1)
        let unchecked = UncheckedBox(solver)
        let thread = Thread { box.set(0, (try? unchecked.value.solve()) == nil ? 1 : 0) }
        thread.join()
        #expect(box.get(0) == 1)
        #expect(isClose(try solver.solve().objective, 11))
    }
}

/// A lock-protected array for results gathered from several threads.
final class ResultBox: @unchecked Sendable {
    private var values: [Double?]
    private let lock = DispatchSemaphore(value: 1)
    init(count: Int) { values = Array(repeating: nil, count: count) }
    func set(_ index: Int, _ value: Double?) { lock.wait(); values[index] = value; lock.signal() }
    func get(_ index: Int) -> Double? { lock.wait(); defer { lock.signal() }; return values[index] }
}

/// Smuggles a non-Sendable value to another thread, to prove the solver notices.
struct UncheckedBox<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}

/// A POSIX thread running one closure.
final class Thread: @unchecked Sendable {
    private var handle = pthread_t()
    private let body: @Sendable () -> Void

    init(_ body: @escaping @Sendable () -> Void) {
        self.body = body
        let context = Unmanaged.passRetained(self).toOpaque()
        pthread_create(&handle, nil, { raw in
            let thread = Unmanaged<Thread>.fromOpaque(raw!).takeRetainedValue()
            thread.body()
            return nil
        }, context)
    }

    func join() { pthread_join(handle, nil) }
}
