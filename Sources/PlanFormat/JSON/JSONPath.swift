/// Where a value sits in a JSON document, written like `teams[2].requests[0].amount`.
///
/// The root is the empty path, written "". Keys that are not plain names (letters, digits, `_`,
/// `$` and `-`, not starting with a digit or `-`) are written in brackets: `budget.periods["Q 1"]`.
public struct JSONPath: Sendable, Hashable, CustomStringConvertible {
    /// One step down into an object or an array.
    public enum Component: Sendable, Hashable {
        case key(String)
        case index(Int)
    }

    /// The last step and the path before it, shared by every path that goes on from here: a
    /// step down costs one small allocation, not a copy of the whole path.
    final class Step: Sendable {
        let parent: Step?
        let component: Component
        let depth: Int

        init(parent: Step?, component: Component) {
            self.parent = parent
            self.component = component
            self.depth = (parent?.depth ?? 0) + 1
        }
    }

    var last: Step?

    public var components: [Component] {
        get {
            guard let last else { return [] }
            var result = [Component](repeating: last.component, count: last.depth)
            var step: Step? = last
            var at = last.depth
            while let current = step {
                at -= 1
                result[at] = current.component
                step = current.parent
            }
            return result
        }
        set {
            last = nil
            for component in newValue { last = Step(parent: last, component: component) }
        }
    }

    public init(_ components: [Component] = []) {
        self.components = components
    }

    init(last: Step?) {
        self.last = last
    }

    /// The document itself.
    public static let root = JSONPath()

    /// This path followed by an object key.
    public func key(_ key: String) -> JSONPath { JSONPath(last: Step(parent: last, component: .key(key))) }

    /// This path followed by an array index.
    public func index(_ index: Int) -> JSONPath { JSONPath(last: Step(parent: last, component: .index(index))) }

    /// This path followed by one step.
    func appending(_ component: Component) -> JSONPath { JSONPath(last: Step(parent: last, component: component)) }

    /// The path one step up; the root's parent is the root.
    public var parent: JSONPath { JSONPath(last: last?.parent) }

    public static func == (a: JSONPath, b: JSONPath) -> Bool {
        a.last === b.last || a.components == b.components
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(components)
    }

    public var description: String {
        var text = ""
        for component in components {
            switch component {
            case .index(let index):
                text += "[\(index)]"
            case .key(let key) where Self.isPlainName(key):
                text += text.isEmpty ? key : "." + key
            case .key(let key):
                text += "[" + Self.escaped(key) + "]"
            }
        }
        return text
    }

    static func isPlainName(_ key: String) -> Bool {
        guard let first = key.unicodeScalars.first, first != "-", !("0"..."9").contains(first) else { return false }
        return key.unicodeScalars.allSatisfy { scalar in
            ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar)
                || scalar == "_" || scalar == "$" || scalar == "-"
        }
    }

    static func escaped(_ key: String) -> String {
        var text = "\""
        for scalar in key.unicodeScalars {
            switch scalar {
            case "\"": text += "\\\""
            case "\\": text += "\\\\"
            case _ where scalar.value < 0x20: text += "\\u" + String(scalar.value, radix: 16).leftPadded(to: 4)
            default: text.unicodeScalars.append(scalar)
            }
        }
        return text + "\""
    }
}

extension String {
    func leftPadded(to width: Int, with pad: Character = "0") -> String {
        count >= width ? self : String(repeating: pad, count: width - count) + self
    }
}

extension JSONNode {
    /// The node at `path` below this one, if there is one (the first member for a repeated key).
    public func node(at path: JSONPath) -> JSONNode? {
        var node = self
        for component in path.components {
            switch (component, node.value) {
            case (.key(let key), .object):
                guard let child = node[key] else { return nil }
                node = child
            case (.index(let index), .array(let items)):
                guard items.indices.contains(index) else { return nil }
                node = items[index]
            default:
                return nil
            }
        }
        return node
    }
}
