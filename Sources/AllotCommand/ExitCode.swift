/// The process exit codes of `allot`, one per kind of outcome (documented in the README).
public enum ExitCode: Int32, Sendable {
    /// The command did what was asked (a plan solved to optimality, a check passed).
    case success = 0
    /// The plan or program has no feasible allocation (or no optimum: unbounded, or stopped at a
    /// limit without a solution). A diagnosis is printed.
    case noSolution = 1
    /// The command line was wrong: an unknown command or option, a missing argument.
    case usage = 64
    /// The input was read but is invalid: a plan that breaks the format's rules, a malformed model file.
    case invalidInput = 65
    /// The input could not be read: a missing file, no permission.
    case unreadableInput = 66
    /// Something went wrong inside Allot or GLPK.
    case internalError = 70
    /// An output file could not be written.
    case cannotWrite = 73
}

/// An error that ends a command with a message and an exit code.
public struct CommandError: Error, CustomStringConvertible {
    public let code: ExitCode
    public let message: String

    public init(_ code: ExitCode, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }

    static func usage(_ message: String) -> CommandError { CommandError(.usage, message) }
}
