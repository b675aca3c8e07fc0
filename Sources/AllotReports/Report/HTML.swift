import PlanFormat

/// A piece of HTML built so that nothing from a plan reaches the page as markup: every string
/// interpolated into an `HTML` literal is escaped; markup comes only from the literals themselves
/// and from other `HTML` values.
///
///     let row: HTML = "<td>\(team.name)</td>"        // the name is escaped
///     let cell: HTML = "<tr>\(row)</tr>"             // HTML nests as it is
///
/// JSON for a `<script>` goes through ``Interpolation/appendInterpolation(json:)``, which escapes
/// what could close the script or open a comment.
package struct HTML: ExpressibleByStringInterpolation, Sendable, Equatable, CustomStringConvertible {
    /// The markup.
    package private(set) var markup: String

    package init(stringLiteral literal: String) { markup = literal }

    package init(stringInterpolation: Interpolation) { markup = stringInterpolation.markup }

    /// Text as HTML: escaped.
    package init(escaping text: String) { markup = Self.escape(text) }

    package var description: String { markup }

    package struct Interpolation: StringInterpolationProtocol {
        var markup = ""

        package init(literalCapacity: Int, interpolationCount: Int) {
            markup.reserveCapacity(literalCapacity + 16 * interpolationCount)
        }

        package mutating func appendLiteral(_ literal: String) { markup += literal }

        /// Text: escaped.
        package mutating func appendInterpolation(_ text: String) { markup += HTML.escape(text) }

        /// Text that may be absent: escaped, nothing when nil.
        package mutating func appendInterpolation(_ text: String?) { markup += text.map(HTML.escape) ?? "" }

        /// Markup built as HTML: as it is.
        package mutating func appendInterpolation(_ html: HTML) { markup += html.markup }

        /// A whole number.
        package mutating func appendInterpolation<Number: BinaryInteger>(_ number: Number) { markup += String(number) }

        /// A coordinate or size in an SVG drawing, as Swift writes a `Double` ("12.0").
        package mutating func appendInterpolation(_ number: Double) { markup += String(number) }

        /// JSON inside a `<script>`: `<`, `>` and `&` written as `\u` escapes, so that the text can
        /// neither end the script nor start a comment (the JSON writer escapes the line separators).
        package mutating func appendInterpolation(json: JSONValue) {
            for scalar in json.serialized(pretty: false).unicodeScalars {
                switch scalar {
                case "<": markup += "\\u003c"
                case ">": markup += "\\u003e"
                case "&": markup += "\\u0026"
                default: markup.unicodeScalars.append(scalar)
                }
            }
        }
    }

    package static func + (a: HTML, b: HTML) -> HTML { HTML(markup: a.markup + b.markup) }

    package static func += (a: inout HTML, b: HTML) { a.markup += b.markup }

    private init(markup: String) { self.markup = markup }

    /// `text` with & < > " ' escaped, safe in element content and quoted attributes.
    package static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.count)
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }
}

extension Sequence where Element == HTML {
    /// The pieces one after another, with `separator` between them.
    func joined(separator: HTML = "") -> HTML {
        var out: HTML = ""
        var first = true
        for piece in self {
            if !first { out += separator }
            out += piece
            first = false
        }
        return out
    }
}
