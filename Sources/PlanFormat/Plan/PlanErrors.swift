/// Every error found in one plan file, in the order they appear in the file.
///
/// A plan reader does not stop at the first problem: it reports them all at once, so that one
/// round of editing can fix them. The description has one error per line.
public struct PlanErrors: Error, Sendable, Equatable, CustomStringConvertible {
    public let errors: [PlanError]

    public init(_ errors: [PlanError]) {
        self.errors = errors
    }

    public var description: String {
        errors.map(\.description).joined(separator: "\n")
    }
}
