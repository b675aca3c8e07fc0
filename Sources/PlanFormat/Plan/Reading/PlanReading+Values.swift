/// Readers of single values: each returns `nil` after reporting a value of the wrong type or
/// out of range.
extension PlanReading {
    static let moneyExpectation = "a money amount such as 1200000 or \"1.2M\""
    static let quantityExpectation = "a number such as 1500 or -2.5 (or an amount such as \"1.2M\")"
    static let fractionExpectation = "a fraction such as 0.3 or \"30%\""

    func string(_ located: Located, _ what: @autoclosure () -> String = "a string") -> String? {
        guard case .string(let text) = located.node.value else {
            error("expected \(what()), found \(located.node.kindDescription)", at: located.path)
            return nil
        }
        // Control characters (escape sequences, bells, NUL) would reach terminals and reports
        // raw; line breaks and tabs are text.
        if text.utf8.contains(where: { $0 < 0x20 || $0 >= 0x7F }), let control = text.unicodeScalars.first(where: { scalar in
            scalar != "\n" && scalar != "\t" && (scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value))
        }) {
            let code = String(control.value, radix: 16, uppercase: true)
            error("contains the control character U+\(String(repeating: "0", count: max(0, 4 - code.count)))\(code); remove it", at: located.path)
            return nil
        }
        return text
    }

    /// A non-empty id string.
    func id(_ located: Located, example: String) -> String? {
        guard let text = string(located, "an id string such as \"\(example)\"") else { return nil }
        if text.utf8.first.map({ $0 > 0x20 && $0 < 0x7F }) != true, text.allSatisfy(\.isWhitespace) {
            error("an id cannot be empty; use a short name such as \"\(example)\"", at: located.path)
            return nil
        }
        return text
    }

    func bool(_ located: Located) -> Bool? {
        guard case .bool(let flag) = located.node.value else {
            error("expected true or false, found \(located.node.kindDescription)", at: located.path)
            return nil
        }
        return flag
    }

    /// A money amount: a non-negative number or a money string.
    func money(_ located: Located) -> Double? {
        do {
            switch located.node.value {
            case .number(let number): return try Money.checkAmount(number.value, written: number.text)
            case .string(let text): return try Money.amount(text)
            default:
                error("expected \(Self.moneyExpectation), found \(located.node.kindDescription)", at: located.path)
                return nil
            }
        } catch {
            self.error(error.message, at: located.path)
            return nil
        }
    }

    /// A KPI quantity: a signed number, or a money string with an optional `-`.
    func quantity(_ located: Located) -> Double? {
        do {
            switch located.node.value {
            case .number(let number): return try Money.checkQuantity(number.value, written: number.text)
            case .string(let text): return try Money.quantity(text)
            default:
                error("expected \(Self.quantityExpectation), found \(located.node.kindDescription)", at: located.path)
                return nil
            }
        } catch {
            self.error(error.message, at: located.path)
            return nil
        }
    }

    /// A fraction: a number in [0, 1] or a percentage string.
    func fraction(_ located: Located) -> Double? {
        do {
            switch located.node.value {
            case .number(let number): return try Money.checkFraction(number.value, written: number.text)
            case .string(let text): return try Money.fraction(text)
            default:
                error("expected \(Self.fractionExpectation), found \(located.node.kindDescription)", at: located.path)
                return nil
            }
        } catch {
            self.error(error.message, at: located.path)
            return nil
        }
    }

    /// A plain JSON number, finite and at most 1e15 in size.
    func number(_ located: Located, _ what: @autoclosure () -> String) -> Double? {
        guard case .number(let number) = located.node.value else {
            error("expected \(what()), found \(located.node.kindDescription)", at: located.path)
            return nil
        }
        do {
            return try Money.checkQuantity(number.value, written: number.text)
        } catch {
            self.error(error.message, at: located.path)
            return nil
        }
    }

    /// A non-negative plain JSON number.
    func nonNegativeNumber(_ located: Located, _ what: @autoclosure () -> String, name: String) -> Double? {
        guard let value = number(located, what()) else { return nil }
        if value < 0 {
            error("\(name) must be at least 0, found \(NumberText.significant(value))", at: located.path)
            return nil
        }
        return value
    }

    func array(_ located: Located, _ what: @autoclosure () -> String) -> [Located]? {
        let tape = located.tape
        guard tape.kind(located.index) == .array else {
            error("expected \(what()), found \(located.node.kindDescription)", at: located.path)
            return nil
        }
        var items: [Located] = []
        items.reserveCapacity(tape.count(located.index))
        for item in tape.items(of: located.index) { items.append(Located(tape: tape, index: item)) }
        return items
    }

    /// An array of strings; items that are not strings are reported and left out.
    ///
    /// - Parameter item: what each item is, such as "a team id".
    func strings(_ located: Located, _ what: @autoclosure () -> String, item: @autoclosure () -> String) -> [(text: String, at: Located)]? {
        guard let items = array(located, what()) else { return nil }
        return items.compactMap { entry in string(entry, "\(item()) as a string").map { ($0, entry) } }
    }

    /// An object used as a map from names to values, such as `{"H1": 0.4, "H2": 0.6}`: its
    /// members, each key once (its first occurrence).
    func entries(_ located: Located, _ what: @autoclosure () -> String) -> [MapEntry]? {
        let tape = located.tape
        guard tape.kind(located.index) == .object else {
            error("expected \(what()), found \(located.node.kindDescription)", at: located.path)
            return nil
        }
        var result: [MapEntry] = []
        result.reserveCapacity(tape.count(located.index))
        var seen = Set<String>()
        for entry in tape.keys(of: located.index) {
            let key = tape.string(entry)
            if hasDuplicateKeys, !seen.insert(key).inserted { continue }
            result.append(MapEntry(key: key, keyEntry: entry, value: Located(tape: tape, index: entry + 1)))
        }
        return result
    }
}

/// One member of an object read as a map: its key, and its value.
struct MapEntry {
    let key: String
    let keyEntry: Int
    let value: Located

    /// Where the key is.
    var keyPosition: SourcePosition { value.tape.position(keyEntry) }
}
