#if canImport(Glibc)
import Glibc
#else
import Darwin
#endif
import PlanFormat

/// A JSON Schema (draft 2020-12) validator for the keywords Allot's schemas use: `$ref` (to the
/// same document, to a sibling file, and to a JSON pointer in either), `type` (a name or a list of
/// names), `properties`, `required`, `additionalProperties`, `items`, `enum`, `const`, `oneOf`,
/// `anyOf`, `allOf`, `not`, `minimum`, `maximum`, `minItems` and `maxItems`.
///
/// A keyword it does not know is reported as an error rather than ignored, so that a schema cannot
/// pass a document because the validator skipped what would have rejected it.
public struct SchemaValidator {
    /// The schema documents, by file name.
    public let documents: [String: JSONValue]

    /// Keywords that only annotate.
    public static let annotations: Set<String> = ["$schema", "$id", "$defs", "title", "description", "default", "examples", "$comment"]

    public init(documents: [String: JSONValue]) {
        self.documents = documents
    }

    /// Every `*.json` file in `directory`, by name.
    public init(directory: String) throws {
        var documents: [String: JSONValue] = [:]
        guard let handle = opendir(directory) else { throw SchemaError("cannot open \(directory)") }
        defer { closedir(handle) }
        while let entry = readdir(handle) {
            let name = withUnsafePointer(to: entry.pointee.d_name) {
                $0.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
            }
            guard name.hasSuffix(".json"), let text = readFile(directory + "/" + name) else { continue }
            documents[name] = try JSONParser.parse(Array(text.utf8)).jsonValue
        }
        self.documents = documents
    }

    public struct SchemaError: Error, CustomStringConvertible {
        public let description: String
        public init(_ description: String) { self.description = description }
    }

    /// Every way `instance` breaks the schema of file `name`; empty when it is valid.
    public func errors(_ instance: JSONValue, against name: String) -> [String] {
        guard let schema = documents[name] else { return ["no schema named \(name)"] }
        var errors: [String] = []
        validate(instance, schema, document: name, at: "$", into: &errors)
        return errors
    }

    /// Whether `instance` is valid against the schema of file `name`.
    public func isValid(_ instance: JSONValue, against name: String) -> Bool {
        errors(instance, against: name).isEmpty
    }

    // MARK: - Validation

    private func validate(_ instance: JSONValue, _ schema: JSONValue, document: String, at path: String, into errors: inout [String]) {
        switch schema {
        case .bool(true): return
        case .bool(false):
            errors.append("\(path): no value is allowed here")
            return
        case .object: break
        default:
            errors.append("\(path): the schema is neither an object nor a boolean")
            return
        }
        guard case .object(let keywords) = schema else { return }
        for (keyword, value) in keywords {
            switch keyword {
            case _ where Self.annotations.contains(keyword):
                continue
            case "$ref":
                guard case .string(let reference) = value else {
                    errors.append("\(path): $ref is not a string")
                    continue
                }
                guard let (target, targetDocument) = resolve(reference, from: document) else {
                    errors.append("\(path): cannot resolve $ref \(reference) from \(document)")
                    continue
                }
                validate(instance, target, document: targetDocument, at: path, into: &errors)
            case "type":
                let names: [String]
                switch value {
                case .string(let name): names = [name]
                case .array(let items): names = items.compactMap { if case .string(let name) = $0 { name } else { nil } }
                default: names = []
                }
                if !names.contains(where: { Self.has(instance, type: $0) }) {
                    errors.append("\(path): expected \(names.joined(separator: " or ")), found \(Self.typeName(instance))")
                }
            case "properties":
                guard case .object(let members) = instance, case .object(let properties) = value else { continue }
                for (key, propertySchema) in properties {
                    if let member = members.first(where: { $0.key == key }) {
                        validate(member.value, propertySchema, document: document, at: "\(path).\(key)", into: &errors)
                    }
                }
            case "required":
                guard case .object(let members) = instance, case .array(let keys) = value else { continue }
                for case .string(let key) in keys where !members.contains(where: { $0.key == key }) {
                    errors.append("\(path): missing required key \"\(key)\"")
                }
            case "additionalProperties":
                guard case .object(let members) = instance else { continue }
                let known = Set(Self.keys(schema["properties"]))
                for member in members where !known.contains(member.key) {
                    if value == .bool(false) {
                        errors.append("\(path): unexpected key \"\(member.key)\"")
                    } else {
                        validate(member.value, value, document: document, at: "\(path).\(member.key)", into: &errors)
                    }
                }
            case "items":
                guard case .array(let items) = instance else { continue }
                for (index, item) in items.enumerated() {
                    validate(item, value, document: document, at: "\(path)[\(index)]", into: &errors)
                }
            case "minItems", "maxItems":
                guard case .array(let items) = instance, case .number(let bound) = value else { continue }
                if keyword == "minItems" ? Double(items.count) < bound : Double(items.count) > bound {
                    errors.append("\(path): \(items.count) items, \(keyword) \(JSONValue.format(bound))")
                }
            case "enum":
                guard case .array(let allowed) = value else { continue }
                if !allowed.contains(instance) {
                    errors.append("\(path): \(instance.serialized(pretty: false)) is not one of \(value.serialized(pretty: false))")
                }
            case "const":
                if instance != value {
                    errors.append("\(path): expected \(value.serialized(pretty: false)), found \(instance.serialized(pretty: false))")
                }
            case "minimum", "maximum":
                guard case .number(let number) = instance, case .number(let bound) = value else { continue }
                if keyword == "minimum" ? number < bound : number > bound {
                    errors.append("\(path): \(JSONValue.format(number)) is beyond the \(keyword) \(JSONValue.format(bound))")
                }
            case "oneOf", "anyOf", "allOf":
                guard case .array(let schemas) = value else { continue }
                let results = schemas.map { branch -> [String] in
                    var branchErrors: [String] = []
                    validate(instance, branch, document: document, at: path, into: &branchErrors)
                    return branchErrors
                }
                let passed = results.filter(\.isEmpty).count
                switch keyword {
                case "allOf":
                    errors += results.flatMap(\.self)
                case "anyOf" where passed == 0, "oneOf" where passed == 0:
                    // The branch that came closest says most about what is wrong.
                    let closest = results.min { $0.count < $1.count } ?? []
                    errors.append("\(path): matches none of \(keyword) (closest: \(closest.joined(separator: "; ")))")
                case "oneOf" where passed > 1:
                    errors.append("\(path): matches \(passed) branches of oneOf, not exactly one")
                default:
                    break
                }
            case "not":
                var branchErrors: [String] = []
                validate(instance, value, document: document, at: path, into: &branchErrors)
                if branchErrors.isEmpty { errors.append("\(path): matches a schema it must not") }
            default:
                errors.append("\(path): the validator does not know the keyword \"\(keyword)\" (in \(document))")
            }
        }
    }

    /// The schema a `$ref` points at, and the document it lies in: `#/$defs/x` in the same
    /// document, `other.schema.json` or `other.schema.json#/$defs/x` in a sibling (a URI's last
    /// path segment names the file).
    private func resolve(_ reference: String, from document: String) -> (JSONValue, String)? {
        let parts = reference.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
        let file = parts[0].isEmpty ? document : String(parts[0].split(separator: "/").last ?? "")
        guard var node = documents[file] else { return nil }
        let pointer = parts.count > 1 ? parts[1] : ""
        for token in pointer.split(separator: "/", omittingEmptySubsequences: true) {
            let key = Self.unescape(token)
            switch node {
            case .object: guard let next = node[key] else { return nil }; node = next
            case .array(let items): guard let index = Int(key), items.indices.contains(index) else { return nil }; node = items[index]
            default: return nil
            }
        }
        return (node, file)
    }

    /// A JSON pointer token with `~1` read as `/` and `~0` as `~`.
    private static func unescape(_ token: Substring) -> String {
        var key = ""
        var tilde = false
        for character in token {
            if tilde {
                key.append(character == "1" ? "/" : character == "0" ? "~" : character)
                tilde = false
            } else if character == "~" {
                tilde = true
            } else {
                key.append(character)
            }
        }
        return key
    }

    private static func has(_ instance: JSONValue, type: String) -> Bool {
        switch (type, instance) {
        case ("null", .null), ("boolean", .bool), ("object", .object), ("array", .array), ("string", .string), ("number", .number):
            true
        case ("integer", .number(let number)):
            number.isFinite && number == number.rounded()
        default:
            false
        }
    }

    private static func typeName(_ instance: JSONValue) -> String {
        switch instance {
        case .null: "null"
        case .bool: "boolean"
        case .number: "number"
        case .string: "string"
        case .array: "array"
        case .object: "object"
        }
    }

    private static func keys(_ value: JSONValue?) -> [String] {
        guard case .object(let members) = value else { return [] }
        return members.map(\.key)
    }
}
