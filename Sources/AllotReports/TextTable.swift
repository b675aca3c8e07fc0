/// A plain-text table with aligned columns, for the terminal.
import PlanFormat
package struct TextTable {
    package enum Alignment: Sendable { case left, right }

    package var headers: [String]
    package var alignments: [Alignment]
    private var rows: [[String]?] = []

    package init(headers: [String], alignments: [Alignment]) {
        self.headers = headers
        self.alignments = alignments
    }

    /// Adds a row; missing cells are blank.
    package mutating func add(_ cells: [String]) { rows.append(cells) }

    /// Adds a horizontal rule.
    package mutating func addRule() { rows.append(nil) }

    /// The table as lines of text, columns separated by two spaces, without trailing spaces.
    package func render(indent: String = "") -> String {
        var widths = headers.map(\.count)
        for row in rows.compactMap({ $0 }) {
            for (index, cell) in row.enumerated() where index < widths.count {
                widths[index] = max(widths[index], cell.count)
            }
        }
        func line(_ cells: [String]) -> String {
            var parts: [String] = []
            for index in widths.indices {
                let cell = index < cells.count ? cells[index] : ""
                let padding = String(repeating: " ", count: widths[index] - cell.count)
                parts.append(alignments[index] == .right ? padding + cell : cell + padding)
            }
            var text = indent + parts.joined(separator: "  ")
            while text.hasSuffix(" ") { text.removeLast() }
            return text
        }
        var output = [line(headers)]
        let ruleLine = indent + widths.map { String(repeating: "─", count: $0) }.joined(separator: "──")
        output.append(ruleLine)
        for row in rows {
            output.append(row.map(line) ?? ruleLine)
        }
        return output.joined(separator: "\n") + "\n"
    }
}
