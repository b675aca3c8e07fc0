/// Why a money amount, quantity or fraction could not be read.
///
/// The message names the text and says how to write it, such as `"1,2M" is not a money amount:
/// thousands commas must separate groups of three digits, as in "1,200,000"`.
public struct MoneyError: Error, Sendable, Equatable, CustomStringConvertible {
    public let message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}
