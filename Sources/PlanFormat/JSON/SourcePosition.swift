/// A place in a text file: a 1-based line and a 1-based column.
///
/// Columns count Unicode scalars, not bytes, so that a position matches what an editor shows
/// for text without tabs or combining marks.
public struct SourcePosition: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var line: Int
    public var column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    public static func < (a: SourcePosition, b: SourcePosition) -> Bool {
        (a.line, a.column) < (b.line, b.column)
    }

    /// `line:column`, as compilers print positions.
    public var description: String { "\(line):\(column)" }
}
