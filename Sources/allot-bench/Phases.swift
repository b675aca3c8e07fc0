// The phases of a command, timed in-process on the pinned plans' shapes, and the command line
// timed as a user runs it (each command a process of its own, beside glpsol on the same program).

import Allot
import AllotReports
import LinearSolver
import PlanFormat

#if canImport(Glibc)
import Glibc
#endif

/// One plan's phases, in seconds.
struct PhaseTimes {
    var read = 0.0, validate = 0.0, formulate = 0.0, solve = 0.0, explain = 0.0, render = 0.0
    var sum: Double { read + validate + formulate + solve + render }
}

extension AllotBench {
    /// Times each phase of `allot solve --json` (and of an explanation without per-request
    /// thresholds) on each plan, best of `runs`; returns nothing, prints a table.
    func benchPhases(_ plans: [(name: String, plan: SyntheticPlan)]) throws {
        let clock = ContinuousClock()
        print("phases in-process, best of \(runs) (read: JSON parsed into the reader's tape; validate: read into a plan and checked; "
            + "solve: GLPK and the allocation mapped back; explain: every rule and period cause, no thresholds; "
            + "render: solve --json's text)")
        print("plan            MiB   read MB/s  read+validate   read  validate  formulate   solve  explain  render  | read..render")
        for (name, generator) in plans {
            let text = generator.json().serialized(pretty: generator.requests <= 100_000)
            let bytes = Array(text.utf8)
            var best = PhaseTimes()
            var bestSum = Double.infinity
            var summary = ""
            for run in 0..<runs {
                var times = PhaseTimes()
                let start = clock.now
                _ = try JSONParser.parseTape(bytes, duplicateKeys: .keep)
                let parsed = clock.now
                let loaded = try PlanReader.read(bytes: bytes, source: name + ".json")
                let read = clock.now
                times.read = (parsed - start).inSeconds
                times.validate = max((read - parsed).inSeconds - times.read, 0)
                let formulateStart = clock.now
                // As a solve makes it: without the names that only a program written out needs.
                let program = PlanSolver.program(for: loaded.plan, names: false)
                times.formulate = (clock.now - formulateStart).inSeconds
                let solveStart = clock.now
                let solved = try SolvedPlan(loaded.plan, diagnose: false)
                times.solve = max((clock.now - solveStart).inSeconds - times.formulate, 0)
                let renderStart = clock.now
                // As `allot solve --json` writes it: in pieces, each handed on (here, counted).
                var outputBytes = 0
                try AllocationJSON.document(solved.allocation).write { outputBytes += $0.utf8.count }
                times.render = (clock.now - renderStart).inSeconds
                if run == 0 || generator.requests <= 100_000 {
                    let explainStart = clock.now
                    let explanation = try Explainer.explain(solved, options: ExplainOptions(thresholds: .none))
                    times.explain = (clock.now - explainStart).inSeconds
                    summary = "\(program.variables.count) columns, \(program.constraints.count) rows, \(program.nonzeroCount) nonzeros; "
                        + "\(solved.allocation.status.rawValue); \(explanation.rules.count) rules explained; \(outputBytes / 1024) KiB of JSON"
                }
                if times.sum < bestSum {
                    bestSum = times.sum
                    best = times
                }
            }
            let mib = Double(bytes.count) / 1_048_576
            func cell(_ seconds: Double, _ width: Int) -> String { pad(NumberText.fixed(seconds * 1000, decimals: 0) + " ms", width) }
            print(pad(name, 14) + pad(NumberText.fixed(mib, decimals: 1), 5)
                + pad(NumberText.fixed(Double(bytes.count) / (best.read + best.validate) / 1e6, decimals: 0), 12)
                + cell(best.read + best.validate, 15) + cell(best.read, 7) + cell(best.validate, 10) + cell(best.formulate, 11)
                + cell(best.solve, 8) + cell(best.explain, 9) + cell(best.render, 8) + "  | " + cell(best.sum, 8))
            print("                " + summary)
            fflush(nil)
        }
        if let peak = peakMemoryMB() { print("peak memory in-process: \(NumberText.fixed(peak, decimals: 0)) MB (generator included)") }
    }

    /// The command line on the pinned plans in `directory`: each command its own process (wall
    /// time and peak resident memory of that process alone), and glpsol on the exported program.
    func benchCommands(in directory: String, allot: String, large: Bool) throws {
        let folder = directory.hasSuffix("/") ? directory : directory + "/"
        print("the command line, each a process of its own, best of \(runs) (wall time; peak resident memory of that process)")
        let candidates: [String] = ["/usr/bin/glpsol", "/usr/local/bin/glpsol"]
        let glpsol = candidates.first { path in access(path, X_OK) == 0 }
        var cases: [(label: String, arguments: [String], file: String)] = []
        for size in ["1k", "10k", "100k"] {
            let plan = folder + "bench-\(size).json"
            cases.append(("allot check bench-\(size).json", [allot, "check", plan], plan))
            cases.append(("allot solve bench-\(size).json --json", [allot, "solve", plan, "--json"], plan))
            if size == "10k" || size == "100k" {
                let mps = folder + "bench-\(size).mps"
                if access(mps, R_OK) != 0, access(plan, R_OK) == 0 { _ = try runProcess([allot, "export", plan, "--mps", mps]) }
                if let glpsol {
                    cases.append(("glpsol --freemps --max --dual --flip bench-\(size).mps", [glpsol, "--freemps", "--max", "--dual", "--flip", mps], mps))
                }
            }
        }
        if glpsol == nil { print("(glpsol is not installed: make bench installs glpk-utils)") }
        if large {
            let plan = folder + "bench-1m.json"
            cases.append(("allot check bench-1m.json", [allot, "check", plan], plan))
        }
        for (label, arguments, file) in cases {
            guard access(file, R_OK) == 0 else {
                print(pad(label, 56) + "(no such plan: allot-bench --write \(directory))")
                continue
            }
            var best: (seconds: Double, peakMB: Double, status: Int32)? = nil
            let repeats = label.contains("1m") ? 1 : runs
            for _ in 0..<repeats {
                let result = try runProcess(arguments)
                if best == nil || result.seconds < best!.seconds { best = result }
            }
            let result = best!
            print(pad(label, 56) + pad(NumberText.fixed(result.seconds, decimals: 2) + " s", 9)
                + pad(NumberText.fixed(result.peakMB, decimals: 0) + " MB", 9) + (result.status == 0 ? "" : "  exit \(result.status)"))
            fflush(nil)
        }
    }

    func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text + " " : String(repeating: " ", count: width - text.count) + text
    }
}

/// Runs a program with its output thrown away: wall time, peak resident memory and exit status.
func runProcess(_ arguments: [String]) throws -> (seconds: Double, peakMB: Double, status: Int32) {
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
    let arguments = arguments.map { strdup($0) } + [nil]
    defer { for argument in arguments { free(argument) } }
    let clock = ContinuousClock()
    let start = clock.now
    var pid: pid_t = 0
    let spawned = posix_spawn(&pid, arguments[0]!, &actions, nil, arguments, environ)
    guard spawned == 0 else { throw BenchError("cannot run \(String(cString: arguments[0]!)): \(String(cString: strerror(spawned)))") }
    var status: Int32 = 0
    var usage = rusage()
    while wait4(pid, &status, 0, &usage) < 0 {
        guard errno == EINTR else { throw BenchError("wait4 failed") }
    }
    let seconds = (clock.now - start).inSeconds
    let exitStatus = (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
    return (seconds, Double(usage.ru_maxrss) / 1024, exitStatus)
}
