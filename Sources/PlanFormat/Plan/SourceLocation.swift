/// Where in an input file a value came from: a JSON file's line and column, a CSV file's row and
/// column, or a spreadsheet's sheet and cell. Errors and warnings carry one, so that a message
/// points at the place to edit whatever the plan was read from.
public enum SourceLocation: Sendable, Hashable {
    /// A JSON file: 1-based line and column (the column absent when only the line is known).
    case json(line: Int, column: Int?)
    /// A CSV file: 1-based row and column numbers.
    case csv(row: Int, column: Int)
    /// A spreadsheet: the sheet's name and the cell's reference, such as `D7`.
    case sheet(name: String, cell: String)

    /// A line-like number for tools that take one (JSON line, CSV row).
    public var line: Int? {
        switch self {
        case .json(let line, _): line
        case .csv(let row, _): row
        case .sheet: nil
        }
    }

    /// A column-like number for tools that take one.
    public var column: Int? {
        switch self {
        case .json(_, let column): column
        case .csv(_, let column): column
        case .sheet: nil
        }
    }

    /// The location as a message gives it after the file's name: `:14:20` for JSON and CSV,
    /// `: Requests!D7` for a spreadsheet.
    var suffix: String {
        switch self {
        case .json(let line, let column): ":\(line)" + (column.map { ":\($0)" } ?? "")
        case .csv(let row, let column): ":\(row):\(column)"
        case .sheet(let name, let cell): ": \(name)!\(cell)"
        }
    }
}
