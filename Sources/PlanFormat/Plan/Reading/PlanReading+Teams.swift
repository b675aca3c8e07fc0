import Dispatch

extension PlanReading {
    static let teamKeys: KeyList = ["id", "name", "groups", "owner", "requests"]

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
        let counts = items.map { item in tape.value(of: item.index, key: "requests").map { tape.count($0) } ?? 0 }
        let requestCount = counts.reduce(0, +)
        catalog.reserve(requestCount, in: .requests)
        var teams: [Team] = []
        teams.reserveCapacity(items.count)
        for (item, team) in zip(items, readTeams(items, requestCounts: counts, total: requestCount)) {
            guard let team else { continue }
            teams.append(team)
            teamPaths.append(item)
            catalog.add(team)
        }
        return teams
    }

    /// Requests from which a plan's teams are read on two threads: below it, a second thread
    /// costs more than it saves.
    static let requestsReadInParallel = 4096

    /// The teams of `items`, each nil where it could not be read; a large plan's are read in two
    /// halves at once, each half's problems recorded in file order as one reading would.
    ///
    /// Each half reads against the periods and KPIs already read; what reading a team adds to
    /// the catalog is added by the caller, after both halves.
    private func readTeams(_ items: [Located], requestCounts: [Int], total: Int) -> [Team?] {
        guard total >= parallelRequests, items.count >= 2 else { return items.map(readTeam) }
        // The halves split the requests, not the teams: the second starts at the first team
        // past half of them, and has one team at least.
        var mid = 0, before = 0
        while mid < items.count - 1, 2 * before < total {
            before += requestCounts[mid]
            mid += 1
        }
        mid = max(mid, 1)
        let handle = tape.handle()
        let second = PlanReading(source: source, tape: handle, hasDuplicateKeys: hasDuplicateKeys)
        second.catalog = catalog
        let worker = TeamsReadingWorker(second, items: items[mid...].map { Located(tape: handle, index: $0.index) })
        var teams = items[..<mid].map(readTeam)
        teams += worker.wait()
        absorb(second)
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
        // Whether some of this team's requests could not be read.
        var someUnread = false
        if let list = fields["requests"] {
            if let items = array(list, "an array of requests such as [{\"id\": \"sales-ae\", \"amount\": \"900k\"}]") {
                requests.reserveCapacity(items.count)
                for item in items {
                    if let request = readRequest(item, team: id ?? "") {
                        requests.append(request)
                    } else {
                        someUnread = true
                    }
                }
            } else {
                someUnread = true
            }
        }
        if someUnread { catalog.incomplete.insert(.requests) }
        if requests.isEmpty, !someUnread {
            warning("team \"\(id ?? "")\" has no requests: it can get no funding", at: fields["requests"]?.path ?? located.path)
        }
        guard let id else { return nil }
        return Team(id: id, name: name, groups: groups, owner: owner, requests: requests)
    }
}

/// Teams read on a thread of their own, by a reading of the same document that is handed over
/// whole when it starts and taken back whole when it ends, never shared while it runs.
private final class TeamsReadingWorker: @unchecked Sendable {
    private let group = DispatchGroup()
    /// Written once on the worker before the group is left; read after waiting for it.
    private var teams: [Team?] = []

    /// Starts reading at once.
    init(_ reading: PlanReading, items: [Located]) {
        // Handed over: the caller does not touch this reading until `wait()` returns.
        nonisolated(unsafe) let reading = reading
        group.enter()
        DispatchQueue.global().async { [self] in
            teams = items.map(reading.readTeam)
            group.leave()
        }
    }

    /// The teams, once they are read.
    func wait() -> [Team?] {
        group.wait()
        return teams
    }
}
