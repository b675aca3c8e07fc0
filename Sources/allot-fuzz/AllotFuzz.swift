// Fuzzing harnesses for libFuzzer, built by `make fuzz` with `-sanitize=fuzzer,address` and
// `-D FUZZING` (see .ci/fuzz). Without FUZZING the target builds to a stub that says so, so that a
// plain `swift build` still links.
//
// ALLOT_FUZZ_TARGET picks the harness:
//   plan    plan reading and validation (any bytes)
//   solve   plan reading, then, for plans that pass, formulation and a small solve with its
//           explanation, cuts (nested and best effort), under a short deadline
//   model   MPS and CPLEX LP reading of any bytes, then a solve of what reads
//   sheets  CSV and XLSX reading of any bytes, then the import of what reads into a small
//           company plan

import Allot
import LinearSolver
import PlanFormat
import Spreadsheet
import TeamSheets

#if canImport(Glibc)
import Glibc
#endif

enum Harness: String {
    case plan, solve, model, sheets

    static let chosen: Harness = {
        let name = getenv("ALLOT_FUZZ_TARGET").map { String(cString: $0) } ?? "plan"
        return Harness(rawValue: name) ?? .plan
    }()
}

/// Runs one input through the chosen harness. Any thrown error is an expected outcome; a crash,
/// an abort or a sanitizer report is a finding.
func fuzzOne(_ bytes: [UInt8]) {
    switch Harness.chosen {
    case .plan:
        _ = try? PlanReader.read(bytes: bytes, source: "fuzz.json")
    case .solve:
        guard bytes.count <= 16_384, let loaded = try? PlanReader.read(bytes: bytes, source: "fuzz.json") else { return }
        guard loaded.plan.requests.count <= 40 else { return }
        let deadline = Deadline(seconds: 0.5)
        guard let solved = try? SolvedPlan(loaded.plan, deadline: deadline) else { return }
        // The walk down, nested too, and best effort below the lowest total.
        _ = try? solved.cuts(samples: 3, nested: true, deadline: deadline)
        _ = try? solved.cuts(bottom: .relativeChange(-0.5), samples: 3, bestEffort: true, deadline: deadline)
        _ = try? Explainer.explain(solved, options: ExplainOptions(thresholds: .all, ruleEffects: true, deadline: deadline))
    case .sheets:
        var files: [TeamFile] = []
        if let sheet = try? CSV.read(bytes) { files.append(TeamFile(path: "fuzz.csv", sheet: sheet, isWorkbook: false)) }
        if let sheet = try? XLSX.read(bytes) { files.append(TeamFile(path: "fuzz.xlsx", sheet: sheet, isWorkbook: true)) }
        for file in files {
            _ = TeamImport.merge(company: fuzzCompany, source: "company.json", files: [file])
        }
    case .model:
        guard bytes.count <= 65_536 else { return }
        for suffix in [".mps", ".lp"] {
            var template = Array("/tmp/allot-fuzz-XXXXXX\(suffix)".utf8CString)
            let descriptor = template.withUnsafeMutableBufferPointer { mkstemps($0.baseAddress!, Int32(suffix.utf8.count)) }
            guard descriptor >= 0 else { return }
            _ = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            close(descriptor)
            let path = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
            defer { unlink(path) }
            guard let program = try? LinearProgram(contentsOf: path), program.variables.count <= 200 else { continue }
            var options = SolveOptions()
            options.timeLimit = 0.5
            if let solver = try? Solver(program) { _ = try? solver.solve(options) }
        }
    }
}

/// The company plan that fuzzed team files are imported into: periods, two KPIs, a team kept.
let fuzzCompany = Array("""
    {"name": "Fuzz", "periods": ["H1", "H2"], "budget": {"total": "10M"},
     "kpis": [{"id": "arr", "name": "Net new ARR"}, {"id": "churn"}],
     "teams": [{"id": "ops", "requests": [{"id": "ops-run", "amount": "500k", "min": "500k"}]}]}
    """.utf8)

#if FUZZING
/// libFuzzer's driver, linked with `-sanitize=fuzzer`: it runs the fuzzing loop and calls back
/// for each input. (SwiftPM gives an executable its own entry point, so libFuzzer's `main` is not used.)
@_silgen_name("LLVMFuzzerRunDriver")
func runFuzzerDriver(
    _ argc: UnsafeMutablePointer<Int32>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32
) -> Int32
#endif

@main
struct AllotFuzz {
    static func main() {
        #if FUZZING
        var argc = CommandLine.argc
        var argv = CommandLine.unsafeArgv
        exit(runFuzzerDriver(&argc, &argv) { data, size in
            if let data { fuzzOne(Array(UnsafeBufferPointer(start: data, count: size))) }
            return 0
        })
        #else
        // Replays inputs given as files (the findings kept as tests), without libFuzzer.
        for path in CommandLine.arguments.dropFirst() {
            guard let file = fopen(path, "rb") else { continue }
            var bytes: [UInt8] = []
            var buffer = [UInt8](repeating: 0, count: 65_536)
            while true {
                let count = fread(&buffer, 1, buffer.count, file)
                if count == 0 { break }
                bytes.append(contentsOf: buffer[0..<count])
            }
            fclose(file)
            fuzzOne(bytes)
        }
        if CommandLine.arguments.count == 1 {
            print("allot-fuzz: build it with `make fuzz` to fuzz; given files, it replays them")
        }
        #endif
    }
}
