/// An error from building, solving or reading a program.
///
/// Every message says what was wrong and where, in words a user of the library can act on.
public struct SolverError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The broad kind of an error.
    public enum Kind: String, Sendable, Equatable {
        /// The program breaks a rule: a number that is not finite, an index out of range, crossed
        /// bounds, a name GLPK cannot hold.
        case invalidModel
        /// GLPK raised a fatal error; it was caught and the thread's GLPK state was reset.
        case solverAborted
        /// GLPK ran but could not finish (for example a singular basis it could not repair).
        case solverFailed
        /// A result was asked for that does not exist, such as the dual of an integer program.
        case unavailable
        /// A solver was used on a thread other than the one that created it, or after its thread's
        /// GLPK state was reset.
        case invalidUse
        /// A model file could not be read (missing, no permission, a directory).
        case readFailed
        /// A model file was read but is not a program in the format asked for.
        case malformedFile
        /// A model file could not be written.
        case writeFailed
    }

    public let kind: Kind
    public let message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { message }
}

extension SolverError {
    static func invalid(_ message: String) -> SolverError { SolverError(.invalidModel, message) }
}
