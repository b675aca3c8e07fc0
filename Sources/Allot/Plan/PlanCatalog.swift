/// The names a plan declares, for checking references: periods, KPI, team, request and
/// constraint ids, and team groups.
struct PlanCatalog {
    var periods: [String] = []
    var kpis: [String] = []
    var teams: [String] = []
    /// Every group some team has, in order of first mention.
    var groups: [String] = []
    var requests: [String] = []
    var constraints: [String] = []
    /// Request ids by team id.
    var requestsByTeam: [String: [String]] = [:]
    /// Team ids by group.
    var teamsByGroup: [String: [String]] = [:]
    /// Lists that may lack names because some of their entries could not be read; unknown
    /// references to them are not reported, since they may name the broken entries.
    var incomplete: Set<List> = []

    /// The lists of names a plan declares.
    enum List: Hashable {
        case periods, kpis, teams, groups, requests, constraints
    }

    /// A list's names, and what one of them and several are called in messages.
    func describe(_ list: List) -> (names: [String], kind: String, plural: String) {
        switch list {
        case .periods: (periods, "period", "periods")
        case .kpis: (kpis, "KPI", "KPIs")
        case .teams: (teams, "team", "teams")
        case .groups: (groups, "group", "groups")
        case .requests: (requests, "request", "requests")
        case .constraints: (constraints, "constraint", "constraints")
        }
    }

    /// The requests a scope selects (its names assumed known).
    func selection(of scope: Scope) -> Set<String> {
        var selected = Set(scope.requests)
        let teams = scope.teams + scope.groups.flatMap { teamsByGroup[$0] ?? [] }
        for team in teams { selected.formUnion(requestsByTeam[team] ?? []) }
        return selected
    }
}
