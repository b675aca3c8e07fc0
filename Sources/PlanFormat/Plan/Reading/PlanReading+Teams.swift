extension PlanReading {
    static let teamKeys = ["id", "name", "groups", "owner", "requests"]

    /// The plan's `teams`: at least one, each with its requests.
    func readTeams(_ located: Located) -> [Team] {
        guard let items = array(located, "an array of teams such as [{\"id\": \"sales\", \"requests\": [...]}]") else {
            catalog.incomplete.formUnion([.teams, .groups, .requests])
            return []
        }
        if items.isEmpty {
            error("teams is empty: a plan needs at least one team, such as {\"id\": \"sales\", \"requests\": [...]}", at: located.path)
        }
        // Room for every request id at once: a set of a million ids grown one doubling at a
        // time hashes each id again at every doubling.
        let requestCount = items.reduce(0) { total, item in
            total + (tape.value(of: item.index, key: "requests").map { tape.count($0) } ?? 0)
        }
        catalog.reserve(requestCount, in: .requests)
        var teams: [Team] = []
        teams.reserveCapacity(items.count)
        for item in items {
            guard let team = readTeam(item) else { continue }
            teams.append(team)
            teamPaths.append(item)
            catalog.add(team)
        }
        return teams
    }

    func readTeam(_ located: Located) -> Team? {
        let example = "{\"id\": \"sales\", \"name\": \"Sales\", \"requests\": [...]}"
        guard let fields = fields(of: located, what: "a team", allowed: Self.teamKeys, example: example) else {
            catalog.incomplete.formUnion([.teams, .groups, .requests])
            return nil
        }
        let id = required(fields, "id", "every team needs an id, such as \"id\": \"sales\"").flatMap { self.id($0, example: "sales") }
        if id == nil { catalog.incomplete.formUnion([.teams, .requests]) }
        let name = fields["name"].flatMap { string($0, "the team's name as a string") }
        let owner = fields["owner"].flatMap { string($0, "the owner's name as a string") }
        var groups: [String] = []
        if let list = fields["groups"] {
            if let items = strings(list, "an array of group names such as [\"gtm\"]", item: "a group name") {
                groups = items.map(\.text)
                if case .array(let all) = list.node.value, all.count != items.count { catalog.incomplete.insert(.groups) }
            } else {
                catalog.incomplete.insert(.groups)
            }
        }
        var requests: [Request] = []
        if let list = fields["requests"] {
            if let items = array(list, "an array of requests such as [{\"id\": \"sales-ae\", \"amount\": \"900k\"}]") {
                for item in items {
                    if let request = readRequest(item, team: id ?? "") {
                        requests.append(request)
                    } else {
                        catalog.incomplete.insert(.requests)
                    }
                }
            } else {
                catalog.incomplete.insert(.requests)
            }
        }
        if requests.isEmpty, !catalog.incomplete.contains(.requests) {
            warning("team \"\(id ?? "")\" has no requests: it can get no funding", at: fields["requests"]?.path ?? located.path)
        }
        guard let id else { return nil }
        return Team(id: id, name: name, groups: groups, owner: owner, requests: requests)
    }
}
