// Benchmarks for Allot, run in release mode (`make bench`), never as tests.
//
// Generates a synthetic plan, then times reading (parse and validate), formulating and solving
// it, and reports the process's peak resident memory. `--write DIR` writes the pinned plans that
// the README's speed figures use, and stops.

import Allot
import ArgumentParser
import LinearSolver

import PlanFormat
import Spreadsheet
import TeamSheets

#if canImport(Glibc)
import Glibc
#endif

@main
struct AllotBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "allot-bench",
        abstract: "Time reading, formulating and solving a synthetic plan; or write the pinned benchmark plans.")

    /// The plans every speed figure in the README is measured on.
    static let pinned: [(name: String, plan: SyntheticPlan)] = [
        ("bench-1k", SyntheticPlan(requests: 1_000, teams: 50, constraints: 20, seed: 1)),
        ("bench-10k", SyntheticPlan(requests: 10_000, teams: 500, constraints: 20, seed: 1)),
        ("bench-100k", SyntheticPlan(requests: 100_000, teams: 5_000, constraints: 20, seed: 1)),
        ("bench-1m", SyntheticPlan(requests: 1_000_000, teams: 50_000, constraints: 20, seed: 1)),
        ("bench-10k-units", SyntheticPlan(requests: 10_000, teams: 500, constraints: 20, unitCostFraction: 0.3, seed: 1)),
    ]

    @Option(help: "Requests in the generated plan.") var requests = 10_000
    @Option(help: "Teams in the generated plan.") var teams = 500
    @Option(help: "Company-wide rules in the generated plan.") var rules = 20
    @Option(help: "Fraction of requests funded in whole units (an integer program when above 0).") var units = 0.0
    @Option(help: "Seed of the generator.") var seed: UInt64 = 1
    @Option(help: "Runs to time (the best and the median are printed).") var runs = 3

    @Option(help: ArgumentHelp("The pinned plans whose phases are timed in-process, such as 1k,10k,100k (\"\" for none).", valueName: "sizes"))
    var phases = "1k,10k,100k"

    @Option(help: ArgumentHelp("Also time the command line (allot check, allot solve --json, glpsol on the exported program) on the pinned plans in this folder.", valueName: "dir"))
    var plans: String?

    @Flag(help: "With --plans, also time allot check on bench-1m.json.")
    var large = false

    @Flag(help: "Time reading and solving the plan of --requests, --teams, --rules and --units instead of the pinned plans.")
    var single = false

    @Option(help: ArgumentHelp("Write the pinned benchmark plans missing from this folder (which must exist) and stop.", valueName: "dir"))
    var write: String?

    @Flag(help: "Time allot cuts on the generated plan: the walk against the same levels solved cold, in-process.")
    var cuts = false

    @Option(help: ArgumentHelp("With --cuts, threads that walk side by side (default: as allot cuts chooses).", valueName: "n"))
    var jobs: Int?

    @Option(help: ArgumentHelp(
        "Write the generated plan as a company plan without teams, one CSV file per team and one XLSX of every request into this folder (which must exist), and time importing them.",
        valueName: "dir"))
    var sheets: String?

    func validate() throws {
        guard requests > 0, teams > 0, rules >= 0, runs > 0 else {
            throw ValidationError("--requests, --teams and --runs take positive numbers, --rules a number from 0")
        }
        guard units >= 0, units <= 1 else { throw ValidationError("--units takes a fraction in [0, 1]") }
        if let jobs, !(1...64).contains(jobs) { throw ValidationError("--jobs takes a number from 1 to 64") }
    }

    func run() throws {
        if let write {
            try writePinned(into: write)
            return
        }
        let generator = SyntheticPlan(requests: requests, teams: teams, constraints: rules, unitCostFraction: units, seed: seed)
        if !single, !cuts, sheets == nil {
            try benchPinned()
            return
        }
        let bytes = Array(generator.json().serialized(pretty: false).utf8)
        if cuts {
            try benchCuts(bytes, generator)
            return
        }
        if let sheets {
            try benchSheets(generator, into: sheets)
            return
        }
        print("plan: \(generator.requests) requests, \(generator.teams) teams, \(generator.constraints) rules, seed \(seed), "
            + "\(bytes.count / 1024) KiB of JSON")

        let clock = ContinuousClock()
        var rows: [(read: Double, formulate: Double, solve: Double, total: Double)] = []
        var last: Allocation?
        for _ in 0..<runs {
            let start = clock.now
            let loaded = try PlanReader.read(bytes: bytes, source: "synthetic.json")
            let read = clock.now
            let program = PlanSolver.program(for: loaded.plan)
            let formulated = clock.now
            let allocation = try PlanSolver.solve(loaded.plan)
            let solved = clock.now
            _ = program
            rows.append((
                (read - start).inSeconds, (formulated - read).inSeconds, (solved - formulated).inSeconds,
                (solved - start).inSeconds - (formulated - read).inSeconds))
            last = allocation
        }
        let best = rows.min { $0.total < $1.total }!
        let median = rows.map(\.total).sorted()[rows.count / 2]
        let program = PlanSolver.program(for: try PlanReader.read(bytes: bytes, source: "synthetic.json").plan)
        let integer = program.variables.contains { $0.kind != .continuous }
        print("program: \(program.variables.count) columns, \(program.constraints.count) rows, "
            + "\(program.nonzeroCount) nonzeros, \(integer ? "integer" : "linear")")
        if let last {
            print("status: \(last.status.rawValue), value \(NumberText.significant(last.value, digits: 4)), spend \(NumberText.significant(last.spend, digits: 4))")
        }
        func ms(_ s: Double) -> String { NumberText.fixed(s * 1000, decimals: 0) + " ms" }
        print("best of \(runs): read \(ms(best.read)), formulate \(ms(best.formulate)), solve (formulate, GLPK, map back) \(ms(best.solve))")
        print("read and solved: best \(ms(best.total)), median \(ms(median))")
        if let peak = peakMemoryMB() { print("peak memory: \(NumberText.fixed(peak, decimals: 0)) MB (whole process, generator included)") }
    }

    /// Team files written from the generated plan, then imported as `allot import` does: every
    /// CSV file read and merged into the company plan; then one workbook of every request.
    func benchSheets(_ generator: SyntheticPlan, into directory: String) throws {
        let document = generator.json()
        let plan = try PlanReader.read(bytes: Array(document.serialized(pretty: false).utf8), source: "synthetic.json").plan
        guard case .object(let members) = document, case .array(let teams)? = document["teams"] else { return }
        // The company plan keeps its teams (their groups are in its rules) without requests.
        let emptyTeams = teams.map { team -> JSONValue in
            guard case .object(let fields) = team else { return team }
            return .object(fields.map { $0.key == "requests" ? ("requests", .array([])) : $0 })
        }
        let company = JSONValue.object(members.map { $0.key == "teams" ? ("teams", .array(emptyTeams)) : $0 })
        let folder = directory.hasSuffix("/") ? directory : directory + "/"
        try writeFile(folder + "company.json", Array(company.serialized().utf8))
        var csvPaths: [String] = []
        for team in plan.teams {
            let path = folder + team.id + ".csv"
            try writeFile(path, Array(TeamSheetWriter.csv(plan: plan, teams: [team]).utf8))
            csvPaths.append(path)
        }
        let xlsxPath = folder + "all-requests.xlsx"
        try writeFile(xlsxPath, TeamSheetWriter.xlsx(plan: plan, teams: plan.teams))
        let companyBytes = Array(company.serialized().utf8)
        print("wrote \(folder): company.json, \(csvPaths.count) team CSV files and all-requests.xlsx (\(plan.requests.count) requests)")

        let clock = ContinuousClock()
        func ms(_ s: Double) -> String { NumberText.fixed(s * 1000, decimals: 0) + " ms" }
        var csvTimes: [Double] = []
        var xlsxTimes: [Double] = []
        for _ in 0..<runs {
            let start = clock.now
            let files = try csvPaths.map { path in
                TeamFile(path: path, sheet: try CSV.read(try PlanFile.readBytes(path: path)), isWorkbook: false)
            }
            let result = TeamImport.merge(company: companyBytes, source: "company.json", files: files)
            guard result.errors.isEmpty, result.plan?.requests.count == plan.requests.count else {
                throw ValidationError("the CSV import failed: \(result.errors.prefix(3))")
            }
            csvTimes.append((clock.now - start).inSeconds)

            let startXLSX = clock.now
            let workbook = TeamFile(path: xlsxPath, sheet: try XLSX.read(try PlanFile.readBytes(path: xlsxPath)), isWorkbook: true)
            let merged = TeamImport.merge(company: companyBytes, source: "company.json", files: [workbook])
            guard merged.errors.isEmpty, merged.plan?.requests.count == plan.requests.count else {
                throw ValidationError("the XLSX import failed: \(merged.errors.prefix(3))")
            }
            xlsxTimes.append((clock.now - startXLSX).inSeconds)
        }
        let csvMedian = csvTimes.sorted()[runs / 2]
        let xlsxMedian = xlsxTimes.sorted()[runs / 2]
        print("import \(csvPaths.count) CSV files (\(plan.requests.count) requests): best \(ms(csvTimes.min()!)), median \(ms(csvMedian))")
        print("import one XLSX of \(plan.requests.count) rows: best \(ms(xlsxTimes.min()!)), median \(ms(xlsxMedian))")
        if let peak = peakMemoryMB() { print("peak memory: \(NumberText.fixed(peak, decimals: 0)) MB (whole process, generator included)") }
    }

    func writeFile(_ path: String, _ bytes: [UInt8]) throws {
        guard let file = fopen(path, "wb") else { throw ValidationError("\(path): cannot create the file") }
        defer { fclose(file) }
        guard fwrite(bytes, 1, bytes.count, file) == bytes.count else { throw ValidationError("\(path): the write failed") }
    }

    /// The walk of `allot cuts` from the plan's budget down, then every one of its levels solved
    /// cold (a new formulation and solver each), and the ratio.
    func benchCuts(_ bytes: [UInt8], _ generator: SyntheticPlan) throws {
        let plan = try PlanReader.read(bytes: bytes, source: "synthetic.json").plan
        print("plan: \(generator.requests) requests, \(generator.teams) teams, \(generator.constraints) rules, seed \(seed)")
        let clock = ContinuousClock()
        let start = clock.now
        let solved = try SolvedPlan(plan, diagnose: false)
        let threads = jobs ?? solved.automaticCutsJobs
        let walk = try solved.cuts(jobs: threads, deadline: Deadline(seconds: 600))
        let walked = (clock.now - start).inSeconds
        print("cuts: \(walk.breakpoints.count) breakpoints from \(Money.short(walk.top)) to \(Money.short(walk.bottom)) in \(ms(walked)) "
            + "(\(NumberText.fixed(walked / Double(max(walk.breakpoints.count, 1)) * 1000, decimals: 2)) ms a breakpoint, "
            + "\(threads) \(threads == 1 ? "thread" : "threads"))")
        fflush(nil)
        let levels = walk.breakpoints.map(\.budget)
        guard levels.count <= 2_000 else {
            print("(the same levels solved cold are not timed above 2,000 breakpoints)")
            return
        }
        let coldStart = clock.now
        for level in levels {
            var atLevel = plan
            atLevel.budget.total = level
            _ = try PlanSolver.solve(atLevel)
        }
        let cold = (clock.now - coldStart).inSeconds
        print("the same \(levels.count) levels solved cold: \(ms(cold)); the walk is \(NumberText.fixed(cold / max(walked, 1e-9), decimals: 1))x faster")
        if let peak = peakMemoryMB() { print("peak memory: \(NumberText.fixed(peak, decimals: 0)) MB (whole process)") }
    }

    /// The pinned plans' phases in-process, and with `--plans` the command line on their files.
    func benchPinned() throws {
        let wanted = phases.split(separator: ",").map { "bench-" + $0.filter { $0 != " " } }
        let chosen = Self.pinned.filter { wanted.contains($0.name) }
        guard chosen.count == wanted.count else {
            throw BenchError("--phases takes sizes among \(Self.pinned.map { $0.name.dropFirst(6) }.joined(separator: ", "))")
        }
        // The command line first, while this process is small: a child's peak memory starts
        // from its parent's at the time it is started.
        if let plans {
            let allot = CommandLine.arguments[0].hasSuffix("-bench") ? String(CommandLine.arguments[0].dropLast(6)) : "allot"
            try benchCommands(in: plans, allot: allot, large: large)
            print("")
        }
        if !chosen.isEmpty { try benchPhases(chosen) }
    }

    func ms(_ s: Double) -> String { NumberText.fixed(s * 1000, decimals: 0) + " ms" }

    /// Writes each pinned plan as DIR/NAME.json, refusing to replace an existing file.
    func writePinned(into directory: String) throws {
        for (name, generator) in Self.pinned {
            let path = directory + (directory.hasSuffix("/") ? "" : "/") + name + ".json"
            if access(path, F_OK) == 0 {
                print("kept \(path): it is already there (an existing file is never replaced)")
                continue
            }
            // Pretty-printed, as people write plans; the largest compact, to fit the input cap.
            let text = generator.json().serialized(pretty: generator.requests <= 100_000)
            guard text.utf8.count <= PlanFile.maximumSize else {
                throw BenchError("\(name) would be \(text.utf8.count >> 20) MiB, over the \(PlanFile.maximumSize >> 20) MiB input cap")
            }
            guard let file = fopen(path, "wx") else {
                throw BenchError("cannot create \(path): \(String(cString: strerror(errno))) (an existing file is never replaced)")
            }
            let written = fwrite(text, 1, text.utf8.count, file)
            let closed = fclose(file)
            guard written == text.utf8.count, closed == 0 else {
                unlink(path)
                throw BenchError("cannot write \(path): \(String(cString: strerror(errno)))")
            }
            print("wrote \(path): \(generator.requests) requests, \(generator.teams) teams, \(generator.constraints) rules, "
                + "whole units on \(Int(generator.unitCostFraction * 100))%, seed \(generator.seed), "
                + "\(NumberText.fixed(Double(text.utf8.count) / 1_048_576, decimals: 1)) MiB")
        }
    }
}

struct BenchError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// The process's peak resident set size in MB (VmHWM), or nil where /proc is absent.
func peakMemoryMB() -> Double? {
    guard let file = fopen("/proc/self/status", "r") else { return nil }
    defer { fclose(file) }
    var line = [CChar](repeating: 0, count: 256)
    while fgets(&line, Int32(line.count), file) != nil {
        let text = String(decoding: line.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        if text.hasPrefix("VmHWM:") {
            return Double(text.filter(\.isNumber)).map { $0 / 1024 }
        }
    }
    return nil
}
