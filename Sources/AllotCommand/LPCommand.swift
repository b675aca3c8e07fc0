import Allot
import LinearSolver

/// `allot lp solve FILE`: reads an MPS or CPLEX LP file, solves it and prints the result.
enum LPCommand {
    static let help = """
        Usage: allot lp solve FILE [options]

        Reads a linear or mixed-integer program from an MPS or CPLEX LP file (gzipped if the name
        ends in .gz), solves it with GLPK and prints the status and objective.

        Options:
          --mps              read fixed-column MPS (the Netlib format)
          --freemps          read free MPS
          --lp               read CPLEX LP
                             (default: from the extension; .mps tries free, then fixed MPS)
          --json             print JSON with variable values, row activities, duals and reduced costs
          --time-limit S     stop after S seconds and report the best solution found
          --gap FRACTION     integer programs: stop within this relative gap (default 0)
          --relax            ignore integrality (solve the linear relaxation)
          --primal, --dual   simplex variant (default: dual, falling back to primal)
          --no-cuts          integer programs: no cutting planes
          --verbose          show GLPK's own progress output on standard error

        Exit status: 0 optimal (or within the --gap asked for), 1 infeasible, unbounded or
        stopped without an optimum,
        64 usage, 65 malformed file, 66 unreadable file, 70 internal error.

        """

    static func run(_ words: [String], console: Console) throws {
        guard let sub = words.first else { throw CommandError.usage("'allot lp' needs a subcommand: solve") }
        guard sub == "solve" || sub == "--help" || sub == "-h" else {
            throw CommandError.usage("unknown subcommand 'lp \(sub)'; the lp command has: solve")
        }
        let arguments = try Arguments(
            Array(words.dropFirst()),
            flags: ["--mps", "--freemps", "--lp", "--json", "--relax", "--primal", "--dual", "--no-cuts", "--verbose", "--help"],
            options: ["--time-limit", "--gap"], aliases: ["-h": "--help"])
        if sub != "solve" || arguments.has("--help") {
            console.out(help)
            return
        }
        guard arguments.positionals.count == 1, let path = arguments.positionals.first else {
            throw CommandError.usage(
                arguments.positionals.isEmpty ? "lp solve needs a model file" : "lp solve takes one model file, not \(arguments.positionals.count)")
        }
        if path == "-" {
            throw CommandError.usage("lp solve reads a model from a file (GLPK's readers take a file name), not from standard input; save it first")
        }
        let formats = [("--mps", ModelFormat.fixedMPS), ("--freemps", .freeMPS), ("--lp", .cplexLP)].filter { arguments.has($0.0) }
        guard formats.count <= 1 else { throw CommandError.usage("choose one of --mps, --freemps, --lp") }
        guard !(arguments.has("--primal") && arguments.has("--dual")) else {
            throw CommandError.usage("choose one of --primal, --dual")
        }
        var options = SolveOptions()
        options.timeLimit = try arguments.positiveNumber("--time-limit")
        if let text = arguments.value("--gap") {
            guard let gap = Double(text), gap.isFinite, gap >= 0, gap < 1 else {
                throw CommandError.usage("--gap takes a fraction in [0, 1), such as 0.01, not '\(text)'")
            }
            options.relativeGap = gap
        }
        options.relaxIntegrality = arguments.has("--relax")
        options.cuts = !arguments.has("--no-cuts")
        options.showSolverOutput = arguments.has("--verbose")
        if arguments.has("--primal") { options.method = .primal }
        if arguments.has("--dual") { options.method = .dual }

        let program = try LinearProgram(contentsOf: path, format: formats.first?.1)
        let solver = try Solver(program)
        let clock = ContinuousClock()
        let start = clock.now
        let solution = try solver.solve(options)
        let elapsed = clock.now - start
        let seconds = elapsed.inSeconds

        if arguments.has("--json") {
            console.out(json(path: path, program: program, solution: solution, seconds: seconds).serialized())
        } else {
            console.out(text(path: path, program: program, solution: solution, seconds: seconds))
        }
        // A solution within the gap the user asked for is what was asked.
        if case .withinGap = solution.status { return }
        guard solution.status == .optimal else { throw CommandError(.noSolution, "") }
    }

    static func text(path: String, program: LinearProgram, solution: Solution, seconds: Double) -> String {
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
        lines.append("solved in \(formatSeconds(seconds)), \(solution.iterations) simplex iterations")
        return lines.joined(separator: "\n") + "\n"
    }

    static func formatSeconds(_ seconds: Double) -> String {
        seconds < 1 ? "\(Int((seconds * 1000).rounded())) ms" : "\(JSONValue.format((seconds * 100).rounded() / 100)) s"
    }

    static func json(path: String, program: LinearProgram, solution: Solution, seconds: Double) -> JSONValue {
        let duals = try? solution.duals()
        let reduced = try? solution.allReducedCosts()
        let variables: [JSONValue] = program.variables.enumerated().map { index, variable in
            var members: [(key: String, value: JSONValue)] = [
                ("name", .string(variable.name)),
                ("kind", .string(variable.kind.rawValue)),
                ("value", .number(solution.values?[index])),
            ]
            if let reduced { members.append(("reducedCost", .number(reduced[index]))) }
            return .object(members)
        }
        let rows: [JSONValue] = program.constraints.enumerated().map { index, row in
            var members: [(key: String, value: JSONValue)] = [
                ("name", .string(row.name)),
                ("activity", .number(solution.activities?[index])),
            ]
            if let duals { members.append(("dual", .number(duals[index]))) }
            return .object(members)
        }
        var document: [(key: String, value: JSONValue)] = [
            ("file", .string(path)),
            ("status", .string(solution.status.code)),
            ("sense", .string(program.sense.rawValue)),
            ("objective", .number(solution.objective)),
        ]
        if solution.isInteger {
            document.append(("relativeGap", .number(solution.relativeGap)))
            document.append(("dualsNote", .string("an integer program has no duals")))
        }
        document += [
            ("iterations", .number(Double(solution.iterations))),
            ("seconds", .number((seconds * 1e6).rounded() / 1e6)),
            ("variables", .array(variables)),
            ("constraints", .array(rows)),
        ]
        return .object(document)
    }
}
