/// Why a spreadsheet could not be read or written: a damaged or hostile file, a missing sheet, a
/// cell that cannot hold what it should.
///
/// `sheet` and `cell` say where, when the problem has a single place; the description reads
/// `Requests!D7: message` (or `D7: message` for a CSV file).
public struct SpreadsheetError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The sheet's name; nil for CSV files and for problems of the whole file.
    public let sheet: String?
    /// The cell, when the problem has one.
    public let cell: CellReference?
    public let message: String

    public init(_ message: String, sheet: String? = nil, cell: CellReference? = nil) {
        self.message = message
        self.sheet = sheet
        self.cell = cell
    }

    public var description: String {
        guard let cell else { return message }
        return (sheet.map { "\($0)!" } ?? "") + cell.a1 + ": " + message
    }
}
