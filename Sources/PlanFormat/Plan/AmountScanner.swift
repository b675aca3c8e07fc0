/// Reads the parts of a money string one Unicode scalar at a time.
struct AmountScanner {
    let scalars: [Unicode.Scalar]
    var index = 0

    init(_ text: String) {
        scalars = Array(text.unicodeScalars)
    }

    var atEnd: Bool { index >= scalars.count }

    var peek: Unicode.Scalar? { atEnd ? nil : scalars[index] }

    mutating func advance() { index += 1 }

    /// Spaces, tabs and no-break spaces (U+00A0, U+202F).
    mutating func skipSpaces() {
        while let scalar = peek, scalar == " " || scalar == "\t" || scalar == "\u{A0}" || scalar == "\u{202F}" { advance() }
    }

    /// A run of ASCII digits, possibly empty.
    mutating func digits() -> String {
        var text = ""
        while let scalar = peek, ("0"..."9").contains(scalar) {
            text.unicodeScalars.append(scalar)
            advance()
        }
        return text
    }

    /// A run of letters, possibly empty.
    mutating func letters() -> String {
        var text = ""
        while let scalar = peek, scalar.properties.isAlphabetic {
            text.unicodeScalars.append(scalar)
            advance()
        }
        return text
    }

    /// Whether the next scalar is a digit.
    var atDigit: Bool { peek.map { ("0"..."9").contains($0) } ?? false }

    /// The rest of the text from the current position, for messages.
    var rest: String {
        var text = ""
        text.unicodeScalars.append(contentsOf: scalars[min(index, scalars.count)...])
        return text
    }
}
