import Allot
import AllotReports
import ArgumentParser
import LinearSolver
import PlanFormat

/// `allot lp`: the solver on its own, for programs in MPS or CPLEX LP files.
struct LPCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lp",
        abstract: "Solve linear and mixed-integer programs from MPS or CPLEX LP files.",
        subcommands: [LPSolveCommand.self])
}

/// `allot lp solve FILE`: reads an MPS or CPLEX LP file, solves it and prints the result.
struct LPSolveCommand: AllotSubcommand {
    static let configuration = CommandConfiguration(
        commandName: "solve",
        abstract: "Solve a program from an MPS or CPLEX LP file (gzipped if the name ends in .gz).",
        discussion: """
            Prints the status and objective; with --json, variable values, row activities, duals \
            and reduced costs (schema: models/output/lp-solve.schema.json).

            Exit status: 0 optimal (or within the --gap asked for), 1 infeasible, unbounded or \
            stopped without an optimum, 64 usage, 65 malformed file, 66 unreadable file, \
            70 internal error, 74 a write failed.
            """)

    enum FileFormat: String, EnumerableFlag {
        case mps, freemps, lp

        static func help(for value: FileFormat) -> ArgumentHelp? {
            switch value {
            case .mps: "Read fixed-column MPS (the Netlib format)."
            case .freemps: "Read free MPS."
            case .lp: "Read CPLEX LP. (Default: from the extension; .mps tries free, then fixed MPS.)"
            }
        }

        var modelFormat: ModelFormat {
            switch self {
            case .mps: .fixedMPS
            case .freemps: .freeMPS
            case .lp: .cplexLP
            }
        }
    }

    enum Method: String, EnumerableFlag {
        case primal, dual

        static func help(for value: Method) -> ArgumentHelp? {
            value == .primal ? "Use the primal simplex." : "Use the dual simplex (default: dual, falling back to primal)."
        }
    }

    @Argument(help: ArgumentHelp("The model file.", valueName: "file"))
    var path: String

    @Flag var format: FileFormat?

    @Flag(help: "Print JSON with variable values, row activities, duals and reduced costs.")
    var json = false

    @Option(
        name: .customLong("time-limit"),
        help: ArgumentHelp("Stop after this many seconds (default 60) and report the best solution found.", valueName: "seconds"))
    var timeLimit: Double = 60

    @Flag(help: "Print the time the solve took, on standard error.")
    var timing = false

    @Option(help: ArgumentHelp("Integer programs: stop within this relative gap (default 0).", valueName: "fraction"))
    var gap: Double?

    @Flag(help: "Ignore integrality (solve the linear relaxation).")
    var relax = false

    @Flag var method: Method?

    @Flag(name: .customLong("no-cuts"), help: "Integer programs: no cutting planes.")
    var noCuts = false

    @Flag(help: "Show GLPK's own progress output on standard error.")
    var verbose = false

    func validate() throws {
        if path == "-" {
            throw ValidationError("lp solve reads a model from a file (GLPK's readers take a file name), not from standard input; save it first")
        }
        guard timeLimit.isFinite, timeLimit > 0 else {
            throw ValidationError("--time-limit takes a positive number of seconds, not \(timeLimit)")
        }
        if let gap, !(gap.isFinite && gap >= 0 && gap < 1) {
            throw ValidationError("--gap takes a fraction in [0, 1), such as 0.01, not \(gap)")
        }
    }

    func run(_ console: Console) throws {
        var options = SolveOptions()
        options.timeLimit = timeLimit
        if let gap { options.relativeGap = gap }
        options.relaxIntegrality = relax
        options.cuts = !noCuts
        options.showSolverOutput = verbose
        if let method { options.method = method == .primal ? .primal : .dual }

        let program = try LinearProgram(contentsOf: path, format: format?.modelFormat)
        let solver = try Solver(program)
        let clock = ContinuousClock()
        let start = clock.now
        let solution = try solver.solve(options)
        let seconds = (clock.now - start).inSeconds

        if json {
            try console.out(LPSolveJSON.render(path: path, program: program, solution: solution, seconds: seconds, timing: timing).serialized())
        } else {
            try console.out(Self.text(path: path, program: program, solution: solution))
        }
        if timing { console.err("timing: solve \(Self.formatSeconds(seconds))\n") }
        // A solution within the gap the user asked for is what was asked.
        if case .withinGap = solution.status { return }
        guard solution.status == .optimal else { throw CommandError(.noSolution, "") }
    }

    static func text(path: String, program: LinearProgram, solution: Solution) -> String {
        let integers = program.variables.filter { $0.kind != .continuous }.count
        var lines = ["\(path): \(solution.status)"]
        if let objective = solution.objective {
            lines.append("objective: \(NumberText.significant(objective))")
        }
        if let gap = solution.relativeGap, gap > 0 { lines.append("relative gap: \(NumberText.significant(gap, digits: 3))") }
        var size = "\(program.sense.rawValue), \(program.variables.count) variables"
        if integers > 0 { size += " (\(integers) integer)" }
        size += ", \(program.constraints.count) rows, \(program.nonzeroCount) nonzeros"
        lines.append(size)
        lines.append("\(solution.iterations) simplex iterations")
        return lines.joined(separator: "\n") + "\n"
    }

    static func formatSeconds(_ seconds: Double) -> String {
        seconds < 1 ? "\(Int((seconds * 1000).rounded())) ms" : "\(JSONValue.format((seconds * 100).rounded() / 100)) s"
    }
}
