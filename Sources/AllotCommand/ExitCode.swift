/// The process exit codes of `allot`, one per kind of outcome (documented in the README).
///
/// The numbers follow BSD's sysexits.h where one fits, and the shell's 128 + signal for a
/// broken pipe.
import PlanFormat
public enum ExitCode: Int32, Sendable, CaseIterable {
    /// The command did what was asked: an allocation exists (optimal, or the best found within
    /// the time limit, said so), a check passed, a file was written.
    case success = 0
    /// The plan or program has no allocation (infeasible, with a diagnosis; unbounded; or no
    /// feasible point found within the time limit).
    case noSolution = 1
    /// The command line was wrong: an unknown command or option, a missing argument, an output
    /// that is also an input.
    case usage = 64
    /// The input was read but is invalid: a plan that breaks the format's rules, a malformed model file.
    case invalidInput = 65
    /// The input could not be read: a missing file, no permission.
    case unreadableInput = 66
    /// Something went wrong inside Allot or GLPK.
    case internalError = 70
    /// An output file could not be created or moved into place.
    case cannotCreate = 73
    /// Writing failed part-way: a full disk, a closed standard output, an I/O error.
    case ioError = 74
    /// The reader of standard output went away (a broken pipe): the command stops quietly, with
    /// the status a shell shows for SIGPIPE.
    case brokenPipe = 141
}

/// An error that ends a command with a message and an exit code.
public struct CommandError: Error, CustomStringConvertible {
    public let code: ExitCode
    /// What went wrong and what to do; empty when the command has said everything already.
    public let message: String

    public init(_ code: ExitCode, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }

    static func usage(_ message: String) -> CommandError { CommandError(.usage, message) }
}
