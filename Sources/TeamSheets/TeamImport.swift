import PlanFormat
import Spreadsheet

/// Folds team files into a company plan: each team file's rows replace that team's requests,
/// and the merged plan is checked as a whole, every error pointing back at the cell (or the
/// company plan's line) its value came from.
public enum TeamImport {
    /// What an import made: the merged plan file, or every error found.
    public struct Result: Sendable {
        /// The merged plan as a plan file writes it; nil when there are errors.
        public let document: JSONValue?
        /// The merged plan's text (`document` serialized, indented); nil when there are errors.
        public let text: String?
        /// The merged plan, read and checked; nil when there are errors.
        public let plan: Plan?
        /// Every error, company plan first, then the team files in the order given, each in
        /// row and column order.
        public let errors: [PlanError]
        public let warnings: [PlanWarning]
        /// The teams whose requests came from team files, in order.
        public let importedTeams: [String]
    }

    /// Merges team files into the company plan's bytes.
    ///
    /// The company plan's `teams` may be absent or empty; every other part of it is kept as
    /// written.
    public static func merge(company bytes: [UInt8], source: String, files: [TeamFile]) -> Result {
        var errors: [PlanError] = []
        var warnings: [PlanWarning] = []
        let root: JSONNode
        do {
            root = try JSONParser.parse(bytes, duplicateKeys: .keep)
        } catch {
            return Result(
                document: nil, text: nil, plan: nil,
                errors: [PlanError(file: source, path: "", line: error.position.line, column: error.position.column, message: error.message)],
                warnings: [], importedTeams: [])
        }
        guard case .object(let members) = root.value else {
            return Result(
                document: nil, text: nil, plan: nil,
                errors: [PlanError(file: source, path: "", line: root.position.line, column: root.position.column,
                                   message: "expected a plan: a JSON object such as {\"name\": \"FY2027\", \"kpis\": [...]}")],
                warnings: [], importedTeams: [])
        }
        // The KPIs and periods the team files' headers are matched against, read leniently: the
        // full check of the merged plan reports any problem in them.
        let kpis = readKPIs(root["kpis"])
        let periods = readStrings(root["periods"])
        var companyTeams: [JSONNode] = []
        if let teams = root["teams"], case .array(let items) = teams.value { companyTeams = items }
        let companyTeamIDs = companyTeams.map { node -> String? in
            if case .string(let id)? = node["id"]?.value { return id }
            return nil
        }

        // Each file's rows, grouped by team.
        var byTeam: [String: [ImportedRequest]] = [:]
        var teamOrder: [String] = []
        var teamFile: [String: (file: TeamFile, cell: CellReference)] = [:]
        let matcher = HeaderMatcher(kpis: kpis, periods: periods)
        for file in files {
            var reader = TeamFileReader(file: file, kpis: kpis, periods: periods, matcher: matcher)
            let requests = reader.read()
            errors += reader.errors
            var claimed: Set<String> = []
            for request in requests {
                if let owner = teamFile[request.team], owner.file.path != file.path {
                    if !claimed.contains(request.team) {
                        errors.append(PlanError(
                            file: file.path, path: "", location: file.location(request.teamCell),
                            message: "team \"\(request.team)\" also comes from \(owner.file.path) (\(location(of: owner.cell, in: owner.file))); give each team's requests in one file"))
                        claimed.insert(request.team)
                    }
                    continue
                }
                if teamFile[request.team] == nil {
                    teamFile[request.team] = (file, request.teamCell)
                    teamOrder.append(request.team)
                }
                byTeam[request.team, default: []].append(request)
            }
        }

        // Request ids: unique across the files and the company plan's teams that are kept.
        var companyRequests: [String: (team: String, position: SourcePosition)] = [:]
        for (node, id) in zip(companyTeams, companyTeamIDs) where id.map({ byTeam[$0] == nil }) ?? true {
            guard let requests = node["requests"], case .array(let items) = requests.value else { continue }
            for item in items {
                if case .string(let requestID)? = item["id"]?.value, companyRequests[requestID] == nil {
                    companyRequests[requestID] = (id ?? "", item.position)
                }
            }
        }
        var seenRequests: [String: ImportedRequest] = [:]
        for team in teamOrder {
            byTeam[team] = byTeam[team]!.filter { request in
                if let earlier = seenRequests[request.id] {
                    let place = earlier.file.path == request.file.path
                        ? location(of: earlier.idCell, in: earlier.file)
                        : "\(earlier.file.path)\(suffix(earlier.file.location(earlier.idCell)))"
                    let whose = earlier.team == request.team ? "" : " (team \"\(earlier.team)\")"
                    errors.append(PlanError(
                        file: request.file.path, path: "", location: request.file.location(request.idCell),
                        message: "request id \"\(request.id)\" is also used at \(place)\(whose); give each request its own id"))
                    return false
                }
                if let company = companyRequests[request.id] {
                    errors.append(PlanError(
                        file: request.file.path, path: "", location: request.file.location(request.idCell),
                        message: "request id \"\(request.id)\" is already a request of team \"\(company.team)\" in \(source) (line \(company.position.line)); give each request its own id"))
                    return false
                }
                seenRequests[request.id] = request
                return true
            }
        }

        // The merged document, and where each of its values came from.
        var origins = Origins()
        origins.cells[""] = (source, .json(line: root.position.line, column: root.position.column))
        let teamsPath = JSONPath.root.key("teams")
        var mergedTeams: [JSONValue] = []
        for (index, node) in companyTeams.enumerated() {
            let path = teamsPath.index(mergedTeams.count)
            origins.record(node, at: path, file: source)
            guard let id = companyTeamIDs[index], let imported = byTeam[id], !imported.isEmpty else {
                mergedTeams.append(node.jsonValue)
                continue
            }
            var count = 0
            if let requests = node["requests"], case .array(let items) = requests.value { count = items.count }
            let file = imported[0].file
            warnings.append(PlanWarning(
                file: file.path, path: "", location: nil,
                message: "team \"\(id)\": its \(count) request\(count == 1 ? "" : "s") in \(source) \(count == 1 ? "is" : "are") replaced by the \(imported.count) row\(imported.count == 1 ? "" : "s") of this file"))
            guard case .object(let fields) = node.jsonValue else { continue }
            var replaced = fields.filter { $0.key != "requests" }
            replaced.append(("requests", requestArray(imported, at: path.key("requests"), origins: &origins)))
            mergedTeams.append(.object(replaced))
        }
        let knownTeams = companyTeamIDs.compactMap { $0 }
        for team in teamOrder where !companyTeamIDs.contains(team) {
            let path = teamsPath.index(mergedTeams.count)
            guard let imported = byTeam[team], !imported.isEmpty else { continue }
            if !knownTeams.isEmpty {
                // A new team is allowed; a typo of a known one would lose that team's groups and rules.
                let names = companyTeams.compactMap { node -> (id: String, name: String)? in
                    guard case .string(let id)? = node["id"]?.value else { return nil }
                    if case .string(let name)? = node["name"]?.value { return (id, name) }
                    return (id, id)
                }
                let byName = names.first { TeamColumn.key($0.name) == TeamColumn.key(team) || TeamColumn.key($0.id) == TeamColumn.key(team) }?.id
                let hint = (byName ?? Suggestion.nearest(to: team, among: knownTeams)).map { "; did you mean \"\($0)\"?" } ?? ""
                warnings.append(PlanWarning(
                    file: imported[0].file.path, path: "", location: imported[0].file.location(imported[0].teamCell),
                    message: "team \"\(team)\" is not in \(source): it is added as a new team, in no group\(hint)"))
            }
            origins.cells[path.description] = (imported[0].file.path, imported[0].file.location(imported[0].teamCell))
            mergedTeams.append(.object([
                ("id", .string(team)),
                ("requests", requestArray(imported, at: path.key("requests"), origins: &origins)),
            ]))
        }
        var document: [(key: String, value: JSONValue)] = []
        for member in members.uniqueByKey {
            if member.key == "teams" { continue }
            origins.record(member.value, at: JSONPath.root.key(member.key), file: source)
            document.append((member.key, member.value.jsonValue))
            if member.key == "kpis" || (member.key == "periods" && root["kpis"] == nil) {
                document.append(("teams", .array(mergedTeams)))
            }
        }
        if !document.contains(where: { $0.key == "teams" }) { document.append(("teams", .array(mergedTeams))) }
        origins.cells[teamsPath.description] = (source, root["teams"].map { .json(line: $0.position.line, column: $0.position.column) })

        // The whole plan, checked as any plan is.
        let merged = JSONValue.object(document)
        var plan: Plan?
        let text = merged.serialized()
        do {
            let load = try PlanReader.read(bytes: Array(text.utf8), source: "\u{0}merged")
            plan = load.plan
            warnings += load.warnings.map { origins.map($0) }
        } catch let failure as PlanErrors {
            errors += failure.errors.filter { !origins.repeated.contains($0.path) }.map { origins.map($0) }
        } catch {
            errors.append(PlanError(file: source, path: "", message: "\(error)"))
        }
        let order = [source] + files.map(\.path)
        errors = sorted(errors, order: order)
        warnings = sortedWarnings(warnings, order: order)
        let ok = errors.isEmpty
        return Result(document: ok ? merged : nil, text: ok ? text : nil, plan: ok ? plan : nil, errors: errors, warnings: warnings, importedTeams: teamOrder)
    }

    /// A company plan read as `allot template` needs it: checked as any plan, except that its
    /// teams may be absent or empty, as for an import.
    public static func company(bytes: [UInt8], source: String) -> (plan: Plan?, errors: [PlanError], warnings: [PlanWarning]) {
        var files: [TeamFile] = []
        var hasTeams = false
        if let root = try? JSONParser.parse(bytes, duplicateKeys: .keep), case .array(let teams)? = root["teams"]?.value {
            hasTeams = !teams.isEmpty
        }
        let placeholder = "allot-template-placeholder"
        if !hasTeams {
            // One committed request of a team of its own, taken out again: the rest of the plan
            // is checked as it will be once the teams' files are imported.
            let rows: [[CellValue]] = [
                [.text("Team"), .text("Request"), .text("Amount"), .text("Committed")],
                [.text(placeholder), .text(placeholder), .number(1), .number(1)],
            ]
            files = [TeamFile(path: placeholder, sheet: Sheet(rows: rows), isWorkbook: false)]
        }
        let result = merge(company: bytes, source: source, files: files)
        var plan = result.plan
        plan?.teams.removeAll { $0.id == placeholder }
        return (plan, result.errors, result.warnings.filter { $0.file != placeholder })
    }

    static func requestArray(_ requests: [ImportedRequest], at path: JSONPath, origins: inout Origins) -> JSONValue {
        var items: [JSONValue] = []
        for (index, request) in requests.enumerated() {
            let requestPath = path.index(index)
            let key = requestPath.description
            origins.requests[key] = request
            if request.hadErrors { origins.repeated.insert(key) }
            items.append(request.json)
        }
        return .array(items)
    }

    static func location(of cell: CellReference, in file: TeamFile) -> String {
        file.isWorkbook ? "\(file.sheet.name ?? "Sheet1")!\(cell.a1)" : "row \(cell.row), column \(cell.column)"
    }

    static func suffix(_ location: SourceLocation) -> String {
        PlanError(file: "", path: "", location: location, message: "").description.dropLast(2).description
    }

    static func readKPIs(_ node: JSONNode?) -> [KPI] {
        guard let node, case .array(let items) = node.value else { return [] }
        return items.compactMap { item in
            guard case .string(let id)? = item["id"]?.value else { return nil }
            var name: String?
            if case .string(let text)? = item["name"]?.value { name = text }
            return KPI(id: id, name: name)
        }
    }

    static func readStrings(_ node: JSONNode?) -> [String] {
        guard let node, case .array(let items) = node.value else { return [] }
        return items.compactMap { if case .string(let text) = $0.value { text } else { nil } }
    }

    static func sorted(_ errors: [PlanError], order: [String]) -> [PlanError] {
        errors.enumerated().sorted { a, b in
            key(a.element.file, a.element.location, a.offset, order) < key(b.element.file, b.element.location, b.offset, order)
        }.map(\.element)
    }

    static func sortedWarnings(_ warnings: [PlanWarning], order: [String]) -> [PlanWarning] {
        warnings.enumerated().sorted { a, b in
            key(a.element.file, a.element.location, a.offset, order) < key(b.element.file, b.element.location, b.offset, order)
        }.map(\.element)
    }

    static func key(_ file: String, _ location: SourceLocation?, _ offset: Int, _ order: [String]) -> (Int, Int, Int, Int) {
        let fileIndex = order.firstIndex(of: file) ?? order.count
        switch location {
        case .json(let line, let column)?: return (fileIndex, line, column ?? 0, offset)
        case .csv(let row, let column)?: return (fileIndex, row, column, offset)
        case .sheet(_, let cell)?:
            let reference = CellReference(a1: cell) ?? CellReference(row: 0, column: 0)
            return (fileIndex, reference.row, reference.column, offset)
        case nil: return (fileIndex, -1, 0, offset)
        }
    }
}

/// Where each value of the merged plan came from: a cell of a team file, or a place in the
/// company plan, by the value's JSON path in the merged plan.
struct Origins {
    var cells: [String: (file: String, location: SourceLocation?)] = [:]
    /// The requests read from team files, by their path in the merged plan: their fields' cells
    /// are looked up only when an error needs one.
    var requests: [String: ImportedRequest] = [:]
    /// Requests whose rows had errors already: checks of the request as a whole are left out.
    var repeated: Set<String> = []

    /// Every value below a company plan node, at its path in the merged plan.
    mutating func record(_ node: JSONNode, at path: JSONPath, file: String) {
        cells[path.description] = (file, .json(line: node.position.line, column: node.position.column))
        switch node.value {
        case .array(let items):
            for (index, item) in items.enumerated() { record(item, at: path.index(index), file: file) }
        case .object(let members):
            for member in members.uniqueByKey { record(member.value, at: path.key(member.key), file: file) }
        default: break
        }
    }

    /// The origin of a path, or of its nearest enclosing value that has one.
    func origin(of path: String) -> (file: String, location: SourceLocation?)? {
        var prefix = path
        while true {
            if let request = requests[prefix] {
                // The field's cell: the longest of the request's fields that the rest of the path starts with.
                let rest = path.dropFirst(prefix.count).drop { $0 == "." }
                let field = request.cells
                    .map { (path: $0.key.description, cell: $0.value) }
                    .filter { rest == $0.path || rest.hasPrefix($0.path + ".") || rest.hasPrefix($0.path + "[") }
                    .max { $0.path.count < $1.path.count }
                return (request.file.path, request.file.location(field?.cell ?? request.idCell))
            }
            if let found = cells[prefix] { return found }
            guard let cut = prefix.lastIndex(where: { $0 == "." || $0 == "[" }) else { return cells[""] }
            prefix = String(prefix[..<cut])
        }
    }

    /// An error of the merged plan, moved to where its value came from. A value from a team
    /// file loses its JSON path: the cell says where it is.
    func map(_ error: PlanError) -> PlanError {
        guard let origin = origin(of: error.path) else { return error }
        let fromSheet: Bool
        if case .json? = origin.location { fromSheet = false } else { fromSheet = origin.location != nil }
        return PlanError(file: origin.file, path: fromSheet ? "" : error.path, location: origin.location, message: error.message)
    }

    func map(_ warning: PlanWarning) -> PlanWarning {
        let error = map(PlanError(file: warning.file, path: warning.path, location: warning.location, message: warning.message))
        return PlanWarning(file: error.file, path: error.path, location: error.location, message: error.message)
    }
}
