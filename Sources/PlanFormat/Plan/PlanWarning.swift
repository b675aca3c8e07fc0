/// Something a plan file allows but that is probably not what its author meant.
///
/// Warnings do not stop a plan from being read. They are printed on standard error and listed
/// under `warnings` in JSON output. The description has the same layout as `PlanError`'s.
public struct PlanWarning: Sendable, Equatable, CustomStringConvertible {
    public let file: String
    /// The JSON path of the value concerned, such as `budget.periods`.
    public let path: String
    public let line: Int?
    public let column: Int?
    public let message: String

    public init(file: String, path: String, line: Int? = nil, column: Int? = nil, message: String) {
        self.file = file
        self.path = path
        self.line = line
        self.column = column
        self.message = message
    }

    public var description: String {
        PlanIssueText.render(file: file, path: path, line: line, column: column, message: message)
    }
}
