/// The names a plan declares, for checking references: periods, KPI, team, request and
/// constraint ids, and team groups.
///
/// Each list keeps its names in file order (for suggestions and messages) and a set (for fast
/// lookups in plans with thousands of requests).
struct PlanCatalog {
    /// The lists of names a plan declares.
    enum List: Int, Hashable, CaseIterable {
        case periods, kpis, teams, groups, requests, constraints

        /// Whether a name given twice is a repeat: every team may name a group its others name.
        var namesAreUnique: Bool { self != .groups }
    }

    /// By list (its raw value).
    private var ordered: [[String]] = Array(repeating: [], count: List.allCases.count)
    private var known: [Set<String>] = Array(repeating: [], count: List.allCases.count)
    /// Request ids by team id.
    var requestsByTeam: [String: [String]] = [:]
    /// Team ids by group.
    var teamsByGroup: [String: [String]] = [:]
    /// Lists that may lack names because some of their entries could not be read; unknown
    /// references to them are not reported, since they may name the broken entries.
    var incomplete: Set<List> = []

    /// By list: the names added again (once for each time after the first; none for groups),
    /// and how many names were added in all.
    private var repeats: [[String]] = Array(repeating: [], count: List.allCases.count)
    private var additions: [Int] = Array(repeating: 0, count: List.allCases.count)

    /// Adds a name to a list, once; a name added again is counted as a repeat where names are
    /// unique.
    mutating func add(_ name: String, to list: List) {
        if known[list.rawValue].insert(name).inserted {
            ordered[list.rawValue].append(name)
        } else if list.namesAreUnique {
            repeats[list.rawValue].append(name)
        }
        additions[list.rawValue] += 1
    }

    /// The names added to a list more than once.
    func repeated(_ list: List) -> [String] { repeats[list.rawValue] }

    /// How many names were added to a list, repeats included.
    func added(_ list: List) -> Int { additions[list.rawValue] }

    /// Makes room for `count` more names in a list.
    mutating func reserve(_ count: Int, in list: List) {
        known[list.rawValue].reserveCapacity(known[list.rawValue].count + count)
        ordered[list.rawValue].reserveCapacity(ordered[list.rawValue].count + count)
    }

    func contains(_ name: String, in list: List) -> Bool {
        // A short list (a plan's KPIs, its periods) is looked through: cheaper than hashing.
        let names = ordered[list.rawValue]
        if names.count <= 8 { return names.contains(name) }
        return known[list.rawValue].contains(name)
    }

    /// A list's names in file order.
    func names(_ list: List) -> [String] { ordered[list.rawValue] }

    var periods: [String] { names(.periods) }

    /// What one name of a list and several are called in messages.
    static func words(_ list: List) -> (kind: String, plural: String) {
        switch list {
        case .periods: ("period", "periods")
        case .kpis: ("KPI", "KPIs")
        case .teams: ("team", "teams")
        case .groups: ("group", "groups")
        case .requests: ("request", "requests")
        case .constraints: ("constraint", "constraints")
        }
    }

    /// Adds a team, its groups and its requests.
    mutating func add(_ team: Team) {
        add(team.id, to: .teams)
        let ids = team.requests.indices.map { team.requests[$0].id }
        requestsByTeam[team.id, default: []].append(contentsOf: ids)
        for id in ids { add(id, to: .requests) }
        for group in team.groups {
            add(group, to: .groups)
            teamsByGroup[group, default: []].append(team.id)
        }
    }

    /// Whether a scope selects no request (its names assumed known): it lists none, and its
    /// teams and groups have none.
    func selectsNothing(_ scope: Scope) -> Bool {
        guard scope.requests.isEmpty else { return false }
        let teams = scope.teams + scope.groups.flatMap { teamsByGroup[$0] ?? [] }
        return teams.allSatisfy { (requestsByTeam[$0] ?? []).isEmpty }
    }
}
