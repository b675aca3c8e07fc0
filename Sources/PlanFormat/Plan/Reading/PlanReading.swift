/// The state of reading one plan file: the parsed document, the problems found so far, and
/// what the plan declares (ids, periods, groups) for checking references.
///
/// Reading never stops at an error: each part is read as far as it can be, a broken value is
/// left out, and the reader goes on so that one run reports everything.
final class PlanReading {
    let source: String
    /// The parsed document.
    let tape: JSONTape
    private(set) var errors: [PlanError] = []
    private(set) var warnings: [PlanWarning] = []

    /// What the plan declares, filled in as it is read.
    var catalog = PlanCatalog()
    /// Where each KPI, team, request, constraint and scenario was read from.
    var kpiPaths: [Located] = []
    var teamPaths: [Located] = []
    var requestRecords: [RequestRecord] = []
    var constraintPaths: [Located] = []
    var scenarioPaths: [Located] = []

    /// Requests from which teams are read on two threads.
    var parallelRequests = PlanReading.requestsReadInParallel

    /// Whether some object of the document repeats a key: when none does, no object's
    /// members need to be made unique.
    let hasDuplicateKeys: Bool

    init(source: String, tape: JSONTape, hasDuplicateKeys: Bool = true) {
        self.source = source
        self.tape = tape
        self.hasDuplicateKeys = hasDuplicateKeys
    }

    /// Takes over what another reading of the same document found, as if this reading had
    /// gone on to read what it read: its problems and request records after these, and the
    /// lists it could not complete.
    func absorb(_ other: PlanReading) {
        errors += other.errors
        warnings += other.warnings
        requestRecords += other.requestRecords
        catalog.incomplete.formUnion(other.catalog.incomplete)
    }

    /// The document itself.
    var document: Located { Located(tape: tape, index: JSONTape.root) }

    /// Records an error at `path`; its position is the value's there (or the nearest enclosing
    /// value's) unless given.
    func error(_ message: String, at path: JSONPath, position: SourcePosition? = nil) {
        let position = position ?? self.position(of: path)
        errors.append(PlanError(file: source, path: path.description, line: position?.line, column: position?.column, message: message))
    }

    /// Records a warning at `path`.
    func warning(_ message: String, at path: JSONPath, position: SourcePosition? = nil) {
        let position = position ?? self.position(of: path)
        warnings.append(PlanWarning(file: source, path: path.description, line: position?.line, column: position?.column, message: message))
    }

    /// Where the value at `path` starts, or the nearest enclosing value that exists.
    func position(of path: JSONPath) -> SourcePosition? {
        var path = path
        while true {
            if let entry = tape.entry(at: path) { return tape.position(entry) }
            if path.components.isEmpty { return nil }
            path = path.parent
        }
    }

    /// The errors by position in the file (those without a position last), without repeats.
    var sortedErrors: [PlanError] {
        var seen = Set<String>()
        let unique = errors.filter { seen.insert($0.description).inserted }
        return unique.enumerated().sorted { Self.precedes($0, $1, \.line, \.column) }.map(\.element)
    }

    /// The warnings by position in the file, without repeats.
    var sortedWarnings: [PlanWarning] {
        var seen = Set<String>()
        let unique = warnings.filter { seen.insert($0.description).inserted }
        return unique.enumerated().sorted { Self.precedes($0, $1, \.line, \.column) }.map(\.element)
    }

    /// A stable order by (line, column), unpositioned items after positioned ones.
    static func precedes<T>(
        _ a: (offset: Int, element: T), _ b: (offset: Int, element: T), _ line: KeyPath<T, Int?>, _ column: KeyPath<T, Int?>
    ) -> Bool {
        let keyA = (a.element[keyPath: line] ?? .max, a.element[keyPath: column] ?? 0, a.offset)
        let keyB = (b.element[keyPath: line] ?? .max, b.element[keyPath: column] ?? 0, b.offset)
        return keyA < keyB
    }
}

/// A JSON value of the document being read: its entry in the tape. Its path and position are
/// worked out only when asked for (a message): most values never need them.
struct Located: Sendable {
    let tape: JSONTape
    let index: Int

    init(tape: JSONTape, index: Int) {
        self.tape = tape
        self.index = index
    }

    var node: TapeNode { TapeNode(tape: tape, index: index) }

    var path: JSONPath { tape.path(of: index) }

    var position: SourcePosition { tape.position(index) }

    /// Whether the value is JSON `null`.
    var isNull: Bool { tape.kind(index) == .null }
}

/// A value of the tape as the plan reader looks at it: its kind and contents, made from the
/// bytes when asked for.
struct TapeNode {
    let tape: JSONTape
    let index: Int

    enum Value {
        case null
        case bool(Bool)
        case number(TapeNumber)
        case string(String)
        case array(Items)
        case object(Members)
    }

    /// A number: its value, and its text as written (made only for messages).
    struct TapeNumber {
        let tape: JSONTape
        let index: Int
        var value: Double { tape.number(index) }
        var text: String { tape.numberText(index) }
    }

    /// An array's items or an object's members, in source order (repeated keys included).
    struct Children<Element>: Sequence {
        let tape: JSONTape
        let index: Int
        let make: (JSONTape, Int) -> Element
        var count: Int { tape.count(index) }
        var isEmpty: Bool { count == 0 }

        struct Iterator: IteratorProtocol {
            var children: JSONTape.Children
            let make: (JSONTape, Int) -> Element
            mutating func next() -> Element? { children.next().map { make(children.tape, $0) } }
        }

        func makeIterator() -> Iterator { Iterator(children: JSONTape.Children(tape: tape, container: index), make: make) }
    }

    typealias Items = Children<TapeNode>
    typealias Members = Children<TapeMember>

    var value: Value {
        switch tape.kind(index) {
        case .null: .null
        case .falseValue: .bool(false)
        case .trueValue: .bool(true)
        case .number: .number(TapeNumber(tape: tape, index: index))
        case .string: .string(tape.string(index))
        case .array: .array(Items(tape: tape, index: index) { TapeNode(tape: $0, index: $1) })
        case .object: .object(Members(tape: tape, index: index) { TapeMember(tape: $0, keyEntry: $1) })
        }
    }

    var position: SourcePosition { tape.position(index) }

    var kindDescription: String { tape.kindDescription(index) }

    /// Whether the value is `{}`.
    var isEmptyObject: Bool { tape.kind(index) == .object && tape.count(index) == 0 }

    /// The value of the first member with this key, if the value is an object that has one.
    subscript(key: String) -> TapeNode? {
        tape.value(of: index, key: key).map { TapeNode(tape: tape, index: $0) }
    }
}

/// One `"key": value` pair of an object of the tape.
struct TapeMember {
    let tape: JSONTape
    let keyEntry: Int
    var key: String { tape.string(keyEntry) }
    var keyPosition: SourcePosition { tape.position(keyEntry) }
    var value: Located { Located(tape: tape, index: keyEntry + 1) }
}
