import Allot
import ArgumentParser
import CAllotSystem
import LinearSolver

import PlanFormat

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A subcommand of `allot` that does work (as opposed to a group such as `lp`).
///
/// The tool calls ``run(_:)`` with the console to use, so that tests can run a command in-process
/// and capture what it prints. Commands are synchronous: GLPK's problems stay on one thread.
protocol AllotSubcommand: ParsableCommand {
    /// Whether the command prints its result on standard output (checked before any work when
    /// standard output was closed).
    var writesToStandardOutput: Bool { get }

    /// The files the command reads, which no output (standard output included) may be.
    var inputs: [InputFile] { get }

    func run(_ console: Console) throws
}

extension AllotSubcommand {
    var writesToStandardOutput: Bool { true }

    var inputs: [InputFile] { [] }

    mutating func run() throws {
        try run(.standard())
    }
}

/// The `allot` command line: parses arguments with swift-argument-parser, runs one subcommand,
/// and turns every error into a message on standard error and an exit code.
public struct AllotTool: ParsableCommand {
    public static let version = "0.2.0"

    public static let configuration = CommandConfiguration(
        commandName: "allot",
        abstract: "Budget allocation optimizer: proposes, explains and reports the best split of a budget.",
        discussion: """
            PLAN is a plan file (JSON, see models/plan.schema.json), or - for standard input.

            Exit status: 0 done (an allocation exists), 1 no allocation (infeasible plan, with a \
            diagnosis, or none found in time), 64 usage, 65 invalid input, 66 unreadable input, \
            70 internal error, 73 cannot create an output file, 74 a write failed, 141 broken pipe.
            """,
        version: version,
        subcommands: [
            CheckCommand.self, SolveCommand.self, ExplainCommand.self, CutsCommand.self, CompareCommand.self, ReportCommand.self,
            ExportCommand.self, FixCommand.self, ImportCommand.self, TemplateCommand.self, LPCommand.self,
        ]
    )

    public init() {}

    /// The names of the subcommands, for suggestions and completion tests.
    static var subcommandNames: [String] {
        configuration.subcommands.compactMap { $0.configuration.commandName }
    }

    /// Runs one command line and returns the process exit code.
    public static func run(_ arguments: [String], console: Console) -> Int32 {
        if let first = arguments.first, !first.hasPrefix("-"), first != "help", !subcommandNames.contains(first) {
            let hint = Suggestion.nearest(to: first, among: subcommandNames).map { "; did you mean '\($0)'?" } ?? ""
            return report(CommandError.usage("unknown command \(Quoted.text(first))\(hint)"), console: console)
        }
        let parsed: ParsableCommand
        do {
            parsed = try parseAsRoot(arguments)
            if !(parsed is AllotSubcommand) {
                // A group without its subcommand (`allot`, `allot lp`) is a usage error; `help`
                // and --help come back from running ArgumentParser's own help command.
                if parsed is AllotTool || parsed is LPCommand {
                    console.err(helpMessage(for: type(of: parsed)) + "\n")
                    return report(CommandError.usage("no command given"), console: console)
                }
                var help = parsed
                try help.run()
            }
        } catch {
            // Help, --version and completion scripts come here too, with exit code 0.
            let code = exitCode(for: error)
            if code == .success {
                do {
                    try console.out(fullMessage(for: error) + "\n")
                } catch {
                    return report(error, console: console)
                }
                return 0
            }
            console.err("allot: \(message(for: error))\n")
            console.err("Run 'allot \(helpPath(arguments))--help' for usage.\n")
            return ExitCode.usage.rawValue
        }
        guard let command = parsed as? AllotSubcommand else { return ExitCode.internalError.rawValue }
        if command.writesToStandardOutput, console.standardOutputWasClosed {
            return report(StandardOutput.closed, console: console)
        }
        if let output = console.standardOutputFile, let input = command.inputs.first(where: { $0.identity == output }) {
            return report(
                CommandError.usage("standard output is \(input.label) itself; redirect it to another file, an input is never overwritten"),
                console: console)
        }
        do {
            try command.run(console)
            return ExitCode.success.rawValue
        } catch {
            return report(error, console: console, command: helpPath(arguments))
        }
    }

    /// The words of a command line that name its subcommand, for "Run 'allot solve --help'".
    static func helpPath(_ arguments: [String]) -> String {
        guard let first = arguments.first, subcommandNames.contains(first) else { return "" }
        if first == "lp", arguments.count > 1, arguments[1] == "solve" { return "lp solve " }
        return first + " "
    }

    /// Prints an error's message and returns its exit code.
    ///
    /// - Parameter command: the words that name the subcommand ("solve "), for the usage hint.
    static func report(_ error: Error, console: Console, command: String = "") -> Int32 {
        switch error {
        case let error as CommandError:
            if !error.message.isEmpty { console.err("allot: \(error.message)\n") }
            if error.code == .usage { console.err("Run 'allot \(command)--help' for usage.\n") }
            return error.code.rawValue
        case let error as SolverError:
            console.err("allot: \(error.message)\n")
            return exitCode(for: error).rawValue
        default:
            console.err("allot: internal error: \(error)\n")
            return ExitCode.internalError.rawValue
        }
    }

    static func exitCode(for error: SolverError) -> ExitCode {
        switch error.kind {
        case .invalidModel, .malformedFile: .invalidInput
        case .readFailed: .unreadableInput
        case .writeFailed: .cannotCreate
        case .solverAborted, .solverFailed, .unavailable, .invalidUse: .internalError
        }
    }

    /// The process entry point: prepares the process, runs the command line, and exits.
    public static func runProcess() -> Never {
        let closed = allot_reopen_closed_standard_descriptors()
        // A broken pipe is seen as EPIPE from write(2) and ends the command quietly with 141.
        signal(SIGPIPE, SIG_IGN)
        allot_install_cleanup_handlers()
        allot_keep_freed_memory()
        let console = Console.standard(standardOutputWasClosed: closed & 2 != 0)
        ProcessExit.keepsValues = true
        Glibc.exit(run(Array(CommandLine.arguments.dropFirst()), console: console))
    }
}
