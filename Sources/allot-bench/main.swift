// Benchmarks for Allot, run in release mode:
//
//     swift run -c release allot-bench [--requests N] [--teams N] [--rules N] [--units FRACTION] [--runs N]
//     swift run -c release allot-bench --write FILE     (writes the synthetic plan and stops)
//
// Generates a synthetic plan, then times reading (parse and validate), formulating and solving it,
// and reports the process's peak resident memory. Never run as a test.

import Allot
import LinearSolver

#if canImport(Glibc)
import Glibc
#endif

func seconds(_ duration: Duration) -> Double {
    duration.inSeconds
}

/// The process's peak resident set size in MB (VmHWM), or nil where /proc is absent.
func peakMemoryMB() -> Double? {
    guard let file = fopen("/proc/self/status", "r") else { return nil }
    defer { fclose(file) }
    var line = [CChar](repeating: 0, count: 256)
    while fgets(&line, Int32(line.count), file) != nil {
        let text = String(cString: line)
        if text.hasPrefix("VmHWM:") {
            let digits = text.filter(\.isNumber)
            return Double(digits).map { $0 / 1024 }
        }
    }
    return nil
}

func option(_ name: String, _ fallback: Double) -> Double {
    let arguments = CommandLine.arguments
    guard let index = arguments.firstIndex(of: name), index + 1 < arguments.count, let value = Double(arguments[index + 1]) else {
        return fallback
    }
    return value
}

let generator = SyntheticPlan(
    requests: Int(option("--requests", 10_000)), teams: Int(option("--teams", 500)),
    constraints: Int(option("--rules", 20)), unitCostFraction: option("--units", 0), seed: UInt64(option("--seed", 1)))
let runs = Int(option("--runs", 3))
let text = generator.json().serialized(pretty: false)
let bytes = Array(text.utf8)
if let index = CommandLine.arguments.firstIndex(of: "--write"), index + 1 < CommandLine.arguments.count {
    // Only writes the plan (for timing the command line on it), then stops.
    let path = CommandLine.arguments[index + 1]
    guard let file = fopen(path, "wx") else {
        print("allot-bench: cannot create \(path) (it may exist already)")
        exit(73)
    }
    fputs(text, file)
    fclose(file)
    print("wrote \(path)")
    exit(0)
}
print("plan: \(generator.requests) requests, \(generator.teams) teams, \(generator.constraints) rules, "
      + "\(bytes.count / 1024) KiB of JSON")

let clock = ContinuousClock()
var rows: [(read: Double, formulate: Double, solve: Double, total: Double)] = []
var last: Allocation? = nil
for _ in 0..<runs {
    let start = clock.now
    let loaded = try PlanReader.read(bytes: bytes, source: "synthetic.json")
    let read = clock.now
    let formulation = Formulation(loaded.plan)
    let formulated = clock.now
    let allocation = try PlanSolver.solve(loaded.plan)
    let solved = clock.now
    _ = formulation
    rows.append((seconds(read - start), seconds(formulated - read), seconds(solved - formulated), seconds(solved - start) - seconds(formulated - read)))
    last = allocation
}
let best = rows.min { $0.total < $1.total }!
let sortedTotals = rows.map(\.total).sorted()
let median = sortedTotals[sortedTotals.count / 2]
let formulation = Formulation(try PlanReader.read(bytes: bytes, source: "synthetic.json").plan)
print("program: \(formulation.program.variables.count) columns, \(formulation.program.constraints.count) rows, "
      + "\(formulation.program.nonzeroCount) nonzeros, \(formulation.isInteger ? "integer" : "linear")")
print("status: \(last!.status.rawValue), value \(MoneyFormat.format(last!.value, digits: 4)), spend \(MoneyFormat.format(last!.spend, digits: 4))")
func ms(_ s: Double) -> String { NumberText.fixed(s * 1000, decimals: 0) + " ms" }
print("best of \(runs): read \(ms(best.read)), formulate \(ms(best.formulate)), solve (formulate, GLPK, map back) \(ms(best.solve))")
print("read and solved: best \(ms(best.total)), median \(ms(median))")
if let peak = peakMemoryMB() { print("peak memory: \(NumberText.fixed(peak, decimals: 0)) MB (whole process, generator included)") }
