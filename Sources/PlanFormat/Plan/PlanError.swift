/// One thing wrong with a plan file: where it is and what to do about it.
///
/// `path` is the JSON path of the offending value, such as `teams[2].requests[0].amount` ("" for
/// the document itself); `line` and `column` are 1-based and absent when the problem has no
/// single place. The description reads like a compiler's:
/// `plan.json:14:20: teams[2].requests[0].amount: expected a money amount ...`.
public struct PlanError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Where the plan was read from (a path, or "-" for standard input).
    public let file: String
    public let path: String
    /// Where in the file; nil when the problem has no single place.
    public let location: SourceLocation?
    /// The JSON line (or CSV row), for tools that take a line number.
    public var line: Int? { location?.line }
    public var column: Int? { location?.column }
    /// What was wrong, and what was expected or what to do.
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

/// The shared `file:line:column: path: message` layout of errors and warnings.
enum PlanIssueText {
    static func render(file: String, path: String, location: SourceLocation?, message: String) -> String {
        var text = file + (location?.suffix ?? "")
        text += ": "
        if !path.isEmpty { text += path + ": " }
        return text + message
    }
}
