/// Something a plan file allows but that is probably not what its author meant.
///
/// Warnings do not stop a plan from being read. They are printed on standard error and listed
/// under `warnings` in JSON output. The description has the same layout as `PlanError`'s.
public struct PlanWarning: Sendable, Equatable, CustomStringConvertible {
    public let file: String
    /// The JSON path of the value concerned, such as `budget.periods`.
    public let path: String
    /// Where in the file; nil when the problem has no single place.
    public let location: SourceLocation?
    /// The JSON line (or CSV row), for tools that take a line number.
    public var line: Int? { location?.line }
    public var column: Int? { location?.column }
    public let message: String

    public init(file: String, path: String, line: Int? = nil, column: Int? = nil, message: String) {
        self.init(file: file, path: path, location: line.map { .json(line: $0, column: column) }, message: message)
    }

    public init(file: String, path: String, location: SourceLocation?, message: String) {
        self.file = file
        self.path = path
        self.location = location
        self.message = message
    }

    public var description: String {
        PlanIssueText.render(file: file, path: path, location: location, message: message)
    }
}
