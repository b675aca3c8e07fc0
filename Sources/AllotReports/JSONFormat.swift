import Allot
import PlanFormat

/// What every `--json` output shares: its format version and the shape of a reference to a plan
/// element. The schemas of the outputs are in models/output/.
package enum JSONFormat {
    /// The version of the JSON outputs, the first key of every one (`formatVersion`). Format 1 was
    /// the unversioned output; format 2 keeps format 1's renamed keys as aliases, which go in
    /// format 3 (README, "Renamed JSON keys").
    package static let version = 2

    /// The `formatVersion` member, to lead a document.
    static var versionMember: (key: String, value: JSONValue) { ("formatVersion", .number(Double(version))) }

    /// A reference to a plan element: `{"kind", "id", "side"?, "team"?, "of"?}`, the optional keys
    /// only where the reference has them (models/output/reference.schema.json).
    package static func reference(_ reference: PlanReference) -> JSONValue {
        var members: [(key: String, value: JSONValue)] = [
            ("kind", .string(reference.kind.rawValue)),
            ("id", .string(reference.id)),
        ]
        if let side = reference.side { members.append(("side", .string(side.rawValue))) }
        if let team = reference.team { members.append(("team", .string(team))) }
        if let of = reference.of { members.append(("of", .string(of))) }
        return .object(members)
    }

    /// Seconds as JSON, to a tenth of a millisecond.
    static func seconds(_ seconds: Double) -> JSONValue {
        .number((seconds * 1e4).rounded() / 1e4)
    }
}
