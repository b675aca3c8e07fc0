/// One change to a plan file: the number at a place in it, given by a JSON Pointer (RFC 6901),
/// and what to put there. A fix for an infeasible plan is a list of these, so that it can be
/// checked, applied by hand or written with `allot fix`.
public struct PlanEdit: Sendable, Equatable {
    /// What the edit changes, as the plan's own reference.
    public let ref: PlanReference
    /// Where in the plan file: `/budget/total`, `/constraints/2/max`, `/kpis/0/target/min`,
    /// `/constraints/3/exceptions/sales`, `/teams/1/requests/0/min`,
    /// `/teams/1/requests/0/requires/0`.
    public let path: String
    /// The value there now (nil where there is none yet, such as a new exception), and the value
    /// to put (nil: remove the entry, as for a dependency).
    public let from, to: Double?

    public init(ref: PlanReference, path: String, from: Double?, to: Double?) {
        self.ref = ref
        self.path = path
        self.from = from
        self.to = to
    }

    /// A JSON Pointer from its tokens, each escaped (`~` as `~0`, `/` as `~1`).
    public static func pointer(_ tokens: [String]) -> String {
        tokens.map { "/" + $0.replacingAll("~", with: "~0").replacingAll("/", with: "~1") }.joined()
    }

    /// A limit rounded to three significant figures toward the side where a fix holds (up for a
    /// cap, down for a floor), as the reports show it; whole cents at least.
    public static func rounded(_ value: Double, up: Bool) -> Double {
        guard value.isFinite, value != 0 else { return value }
        var exponent = 0
        var scaled = abs(value)
        while scaled >= 10 { scaled /= 10; exponent += 1 }
        while scaled < 1 { scaled *= 10; exponent -= 1 }
        // Scaled by a power of ten held exactly (divided by, for small values), so that 0.409
        // comes back as 0.409 and not 0.40900000000000003.
        var power = 1.0
        let shift = exponent - 2
        for _ in 0..<abs(shift) { power *= 10 }
        let units = shift >= 0 ? value / power : value * power
        let nudge = 1e-9 * abs(units)
        let whole = up ? (units - nudge).rounded(.up) : (units + nudge).rounded(.down)
        return shift >= 0 ? whole * power : whole / power
    }
}

extension String {
    func replacingAll(_ target: Character, with replacement: String) -> String {
        var out = ""
        for character in self { if character == target { out += replacement } else { out.append(character) } }
        return out
    }
}

extension Plan {
    /// Where a team's request sits in the file: its team's index and its own.
    func place(ofRequest id: String) -> (team: Int, request: Int)? {
        for (t, team) in teams.enumerated() {
            if let r = team.requests.firstIndex(where: { $0.id == id }) { return (t, r) }
        }
        return nil
    }

    /// The edit that sets a limit of the plan to `value`: the total or a period budget, a rule's
    /// limit (`side` for a share or ratio with both), a team's fairness fraction (as an
    /// exception), a KPI target's side, a request's committed minimum; or, with `value` nil, the
    /// removal of a dependency. Nil for what has no such place in the file.
    public func edit(_ ref: PlanReference, to value: Double?, side: PlanReference.Side? = nil) -> PlanEdit? {
        switch ref {
        case .budget:
            return PlanEdit(ref: ref, path: "/budget/total", from: budget.total, to: value)
        case .period(let period):
            return PlanEdit(ref: ref, path: PlanEdit.pointer(["budget", "periods", period]), from: budget.periods[period], to: value)
        case .rule(let id, let team):
            guard let c = constraints.firstIndex(where: { $0.id == id }) else { return nil }
            let path = { (field: String) in PlanEdit.pointer(["constraints", String(c), field]) }
            switch constraints[c].kind {
            case .cap(let max), .headcount(let max):
                return PlanEdit(ref: ref, path: path("max"), from: max, to: value)
            case .floor(let min):
                return PlanEdit(ref: ref, path: path("min"), from: min, to: value)
            case .share(let min, let max), .ratio(_, let min, let max):
                let which = side ?? (max != nil && min == nil ? .max : .min)
                return PlanEdit(ref: ref, path: path(which.rawValue), from: which == .max ? max : min, to: value)
            case .fairness(let fairness):
                guard let team else { return nil }
                return PlanEdit(
                    ref: ref, path: PlanEdit.pointer(["constraints", String(c), "exceptions", team]),
                    from: fairness.exceptions[team], to: value)
            }
        case .target(let id, let side):
            guard let k = kpis.firstIndex(where: { $0.id == id }), let target = kpis[k].target else { return nil }
            let which = side ?? (target.min != nil ? .min : .max)
            return PlanEdit(
                ref: .target(id, side: which), path: PlanEdit.pointer(["kpis", String(k), "target", which.rawValue]),
                from: which == .min ? target.min : target.max, to: value)
        case .committed(let id):
            guard let (t, r) = place(ofRequest: id) else { return nil }
            return PlanEdit(ref: ref, path: PlanEdit.pointer(["teams", String(t), "requests", String(r), "min"]), from: teams[t].requests[r].min, to: value)
        case .requires(let needed, let of):
            guard let (t, r) = place(ofRequest: of), let m = teams[t].requests[r].requires.firstIndex(of: needed) else { return nil }
            return PlanEdit(ref: ref, path: PlanEdit.pointer(["teams", String(t), "requests", String(r), "requires", String(m)]), from: nil, to: nil)
        case .spend, .units, .ask, .request, .team, .kpi, .plan:
            return nil
        }
    }

    /// The plan with edits applied (those this plan has a place for; the rest are ignored).
    public func applying(_ edits: [PlanEdit]) -> Plan {
        var plan = self
        for edit in edits {
            switch edit.ref {
            case .budget: plan.budget.total = edit.to
            case .period(let period): plan.budget.periods[period] = edit.to
            case .rule(let id, let team):
                guard let c = plan.constraints.firstIndex(where: { $0.id == id }), let to = edit.to else { continue }
                let max = edit.path.hasSuffix("/max")
                switch plan.constraints[c].kind {
                case .cap: plan.constraints[c].kind = .cap(max: to)
                case .headcount: plan.constraints[c].kind = .headcount(max: to)
                case .floor: plan.constraints[c].kind = .floor(min: to)
                case .share(let low, let high): plan.constraints[c].kind = max ? .share(min: low, max: to) : .share(min: to, max: high)
                case .ratio(let scope, let low, let high):
                    plan.constraints[c].kind = max ? .ratio(to: scope, min: low, max: to) : .ratio(to: scope, min: to, max: high)
                case .fairness(var fairness):
                    guard let team else { continue }
                    fairness.exceptions[team] = to
                    plan.constraints[c].kind = .fairness(fairness)
                }
            case .target(let id, let side):
                guard let k = plan.kpis.firstIndex(where: { $0.id == id }), plan.kpis[k].target != nil else { continue }
                if side == .max { plan.kpis[k].target?.max = edit.to } else { plan.kpis[k].target?.min = edit.to }
            case .committed(let id):
                guard let (t, r) = plan.place(ofRequest: id), let to = edit.to else { continue }
                plan.teams[t].requests[r].min = to
            case .requires(let needed, let of):
                guard let (t, r) = plan.place(ofRequest: of) else { continue }
                plan.teams[t].requests[r].requires.removeAll { $0 == needed }
            case .spend, .units, .ask, .request, .team, .kpi, .plan:
                continue
            }
        }
        return plan
    }
}

/// An edit that cannot be made to a JSON document.
public struct PlanEditError: Error, Sendable, Equatable, CustomStringConvertible {
    public let path: String
    public let message: String
    public var description: String { "\(path): \(message)" }
}

extension JSONValue {
    /// The document with edits applied at their JSON Pointers: a number set (an object's member
    /// added when missing, at its end), or an array element or member removed (`to` nil).
    public func applying(_ edits: [PlanEdit]) throws -> JSONValue {
        var document = self
        for edit in edits {
            let tokens = edit.path.split(separator: "/", omittingEmptySubsequences: false).dropFirst().map {
                String($0).unescapedPointerToken
            }
            document = try Self.set(document, Array(tokens), edit.to.map { .number($0) }, path: edit.path)
        }
        return document
    }

    private static func set(_ node: JSONValue, _ tokens: [String], _ value: JSONValue?, path: String) throws -> JSONValue {
        guard let token = tokens.first else { return value ?? .null }
        let rest = Array(tokens.dropFirst())
        switch node {
        case .object(var members):
            if let at = members.firstIndex(where: { $0.key == token }) {
                if rest.isEmpty, value == nil {
                    members.remove(at: at)
                } else {
                    members[at].value = try set(members[at].value, rest, value, path: path)
                }
            } else if rest.isEmpty, let value {
                members.append((token, value))
            } else if let value {
                // A missing object on the way (an exceptions map the rule does not have yet).
                members.append((token, try set(.object([]), rest, value, path: path)))
            }
            return .object(members)
        case .array(var items):
            guard let index = Int(token), items.indices.contains(index) else {
                throw PlanEditError(path: path, message: "no element \(token) in the array")
            }
            if rest.isEmpty, value == nil {
                items.remove(at: index)
            } else {
                items[index] = try set(items[index], rest, value, path: path)
            }
            return .array(items)
        default:
            throw PlanEditError(path: path, message: "\(token) is below a value that is neither an object nor an array")
        }
    }
}

extension String {
    /// A JSON Pointer token unescaped: `~1` is `/`, `~0` is `~`.
    var unescapedPointerToken: String {
        var out = ""
        var tilde = false
        for character in self {
            if tilde {
                out.append(character == "1" ? "/" : character == "0" ? "~" : character)
                tilde = false
            } else if character == "~" {
                tilde = true
            } else {
                out.append(character)
            }
        }
        return tilde ? out + "~" : out
    }
}
