/// The state of reading one plan file: the parsed document, the problems found so far, and
/// what the plan declares (ids, periods, groups) for checking references.
///
/// Reading never stops at an error: each part is read as far as it can be, a broken value is
/// left out, and the reader goes on so that one run reports everything.
final class PlanReading {
    let source: String
    let root: JSONNode
    private(set) var errors: [PlanError] = []
    private(set) var warnings: [PlanWarning] = []

    /// What the plan declares, filled in as it is read.
    var catalog = PlanCatalog()
    /// Where each KPI, team, request, constraint and scenario was read from.
    var kpiPaths: [JSONPath] = []
    var teamPaths: [JSONPath] = []
    var requestRecords: [RequestRecord] = []
    var constraintPaths: [JSONPath] = []
    var scenarioPaths: [JSONPath] = []

    /// Whether some object of the document repeats a key: when none does, no object's
    /// members need to be made unique.
    let hasDuplicateKeys: Bool

    init(source: String, root: JSONNode, hasDuplicateKeys: Bool = true) {
        self.source = source
        self.root = root
        self.hasDuplicateKeys = hasDuplicateKeys
    }

    /// An object's members, each key once (its first occurrence).
    func unique(_ members: [JSONMember]) -> [JSONMember] {
        hasDuplicateKeys ? members.uniqueByKey : members
    }

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
            if let node = root.node(at: path) { return node.position }
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

/// A JSON value and its path in the document.
struct Located {
    let node: JSONNode
    /// The path of the value's container and the step from it to the value (nil: `base` is the
    /// value's own path). The value's path is made only when asked for: most values never need it.
    private let base: JSONPath
    private let step: JSONPath.Component?

    init(node: JSONNode, path: JSONPath) {
        self.node = node
        self.base = path
        self.step = nil
    }

    init(node: JSONNode, in base: JSONPath, _ step: JSONPath.Component) {
        self.node = node
        self.base = base
        self.step = step
    }

    var path: JSONPath {
        guard let step else { return base }
        return base.appending(step)
    }

    var position: SourcePosition { node.position }

    /// Whether the value is JSON `null`.
    var isNull: Bool { node.value == .null }
}
