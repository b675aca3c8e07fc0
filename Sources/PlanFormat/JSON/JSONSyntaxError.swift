/// Why a text is not valid JSON, and where.
///
/// The message says what was expected there, such as "expected ',' or '}' after the value of
/// \"amount\", found '\"'".
public struct JSONSyntaxError: Error, Sendable, Equatable, CustomStringConvertible {
    public let message: String
    public let position: SourcePosition

    public init(_ message: String, at position: SourcePosition) {
        self.message = message
        self.position = position
    }

    /// `line:column: message`.
    public var description: String { "\(position): \(message)" }
}
