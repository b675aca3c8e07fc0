import Allot
import LinearSolver

/// The `allot` command: dispatches to subcommands and turns errors into messages and exit codes.
public enum CommandLineTool {
    static let version = "0.1.0"

    static let usage = """
        allot: budget allocation optimizer

        Usage:
          allot check PLAN [--scenario ID]
          allot solve PLAN [--budget MONEY] [--scenario ID] [--details] [--json] [--time-limit SECONDS]
          allot explain PLAN [--team ID] [--scenario ID] [--budget MONEY] [--json]
                             [--thresholds | --no-thresholds]
          allot report PLAN -o FILE.(html|md|csv) [--per-team DIR [--format md]] [--scenario ID]
                            [--budget MONEY]
          allot export PLAN (--lp FILE | --mps FILE) [--budget MONEY] [--scenario ID]
          allot lp solve FILE [--mps | --freemps | --lp] [--json] [--time-limit SECONDS]
                              [--gap FRACTION] [--relax] [--primal | --dual] [--no-cuts] [--verbose]
          allot --help | --version

        PLAN is a plan file (JSON, see models/plan.schema.json), or - for standard input.
        Run 'allot COMMAND --help' for a command's options.

        Exit status: 0 done, 1 no allocation (infeasible plan, with a diagnosis) or no optimum,
        64 usage, 65 invalid input, 66 unreadable input, 70 internal error, 73 cannot write output.

        """

    /// Runs one command line and returns the process exit code.
    public static func run(_ arguments: [String], console: Console) -> Int32 {
        do {
            try dispatch(arguments, console: console)
            return ExitCode.success.rawValue
        } catch let error as CommandError {
            if !error.message.isEmpty { console.err("allot: \(error.message)\n") }
            if error.code == .usage { console.err("Run 'allot --help' for usage.\n") }
            return error.code.rawValue
        } catch let error as SolverError {
            console.err("allot: \(error.message)\n")
            return exitCode(for: error).rawValue
        } catch {
            console.err("allot: internal error: \(error)\n")
            return ExitCode.internalError.rawValue
        }
    }

    static func exitCode(for error: SolverError) -> ExitCode {
        switch error.kind {
        case .invalidModel: .invalidInput
        case .readFailed: error.message.contains("could not read the program") ? .invalidInput : .unreadableInput
        case .writeFailed: .cannotWrite
        case .solverAborted, .solverFailed, .unavailable, .invalidUse: .internalError
        }
    }

    static func dispatch(_ arguments: [String], console: Console) throws {
        guard let command = arguments.first else {
            console.err(usage)
            throw CommandError(.usage, "no command given")
        }
        let rest = Array(arguments.dropFirst())
        switch command {
        case "--help", "-h", "help":
            console.out(usage)
        case "--version":
            console.out("allot \(version)\n")
        case "check":
            try PlanCommands.check(rest, console: console)
        case "solve":
            try PlanCommands.solve(rest, console: console)
        case "explain":
            try PlanCommands.explain(rest, console: console)
        case "export":
            try PlanCommands.export(rest, console: console)
        case "report":
            try ReportCommand.run(rest, console: console)
        case "lp":
            try LPCommand.run(rest, console: console)
        default:
            let commands = ["check", "solve", "explain", "report", "export", "lp", "help"]
            let hint = Suggestion.nearest(to: command, among: commands).map { "; did you mean '\($0)'?" } ?? ""
            throw CommandError.usage("unknown command '\(command)'\(hint)")
        }
    }
}
