/// A plan file that could not be read at all: missing, forbidden, or a directory.
///
/// Distinct from `PlanErrors` (a file that was read but is not a valid plan), because the two
/// end a command differently (exit codes 66 and 65).
public struct PlanFileError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Why the file could not be read.
    public enum Kind: Sendable, Equatable {
        case notFound
        case permissionDenied
        case isDirectory
        /// Any other failure of the operating system, described in `reason`.
        case other
    }

    public let file: String
    public let kind: Kind
    /// The operating system's reason, in words.
    public let reason: String

    public init(file: String, kind: Kind, reason: String) {
        self.file = file
        self.kind = kind
        self.reason = reason
    }

    public var description: String {
        switch kind {
        case .notFound: "\(file): cannot read the plan: no such file; check the path"
        case .permissionDenied: "\(file): cannot read the plan: permission denied"
        case .isDirectory: "\(file): cannot read the plan: it is a directory; give the path of a plan file"
        case .other: "\(file): cannot read the plan: \(reason)"
        }
    }
}
