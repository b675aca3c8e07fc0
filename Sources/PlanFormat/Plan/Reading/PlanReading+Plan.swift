extension PlanReading {
    static let planKeys: KeyList = [
        "$schema", "name", "currency", "periods", "objective", "budget", "kpis", "teams", "constraints", "scenarios", "bestEffort",
    ]
    static let objectives = ["maximize-value", "minimize-spend"]

    /// Reads the whole document as a plan, then checks what spans several parts of it.
    ///
    /// Parts are read in dependency order (periods, KPIs, teams, budget, constraints,
    /// scenarios), whatever their order in the file, so that each can check its references.
    func readPlan() -> Plan? {
        reportDuplicateKeys()
        let example = "{\"name\": \"FY2027\", \"kpis\": [...], \"teams\": [...]}"
        guard let fields = fields(of: document, what: "a plan", allowed: Self.planKeys, example: example) else { return nil }
        if let schema = fields["$schema"] { _ = string(schema, "a string (the location of plan.schema.json)") }
        let name = required(fields, "name", "give the plan a title, such as \"name\": \"FY2027 operating plan\"")
            .flatMap { string($0, "the plan's title as a string") }
        let currency = fields["currency"].flatMap(readCurrency) ?? "USD"
        if let periods = fields["periods"] { readPeriods(periods) }
        let objective = fields["objective"].flatMap(readObjective) ?? .maximizeValue
        let kpis = required(fields, "kpis", "list the plan's KPIs, such as \"kpis\": [{\"id\": \"arr\", \"worth\": 1}]")
            .map(readKPIs) ?? []
        let teams = required(fields, "teams", "list the teams and their requests, such as \"teams\": [{\"id\": \"sales\", \"requests\": [...]}]")
            .map(readTeams) ?? []
        let budget = fields["budget"].flatMap(readBudget) ?? Budget()
        let constraints = fields["constraints"].map(readConstraints) ?? []
        var plan = Plan(
            name: name ?? "", currency: currency, periods: catalog.periods, objective: objective, budget: budget,
            kpis: kpis, teams: teams, constraints: constraints, source: source)
        if let scenarios = fields["scenarios"] { plan.scenarios = readScenarios(scenarios, plan: plan) }
        if let bestEffort = fields["bestEffort"], let order = readBestEffort(bestEffort) { plan.relaxFirst = order }
        validate(plan)
        return plan
    }

    /// `bestEffort`: `{"relaxFirst": [class, ...]}`, the classes of rules in the order they give.
    func readBestEffort(_ located: Located) -> [RelaxClass]? {
        let example = "{\"relaxFirst\": [\"targets\", \"fairness\", \"shares\", \"caps\", \"headcount\"]}"
        guard let fields = fields(of: located, what: "the best-effort settings", allowed: ["relaxFirst"], example: example),
              let list = fields["relaxFirst"]
        else { return nil }
        let names = RelaxClass.allCases.map(\.rawValue)
        guard let items = strings(list, "an array of rule classes, such as [\"targets\", \"fairness\"]", item: "a rule class") else { return nil }
        var order: [RelaxClass] = []
        for (name, item) in items {
            guard let relax = RelaxClass(rawValue: name) else {
                let hint = Suggestion.nearest(to: name, among: names).map { "; did you mean \"\($0)\"?" } ?? "; the classes are \(names.joined(separator: ", "))"
                error("unknown rule class \(Quoted.text(name))\(hint)", at: item.path)
                continue
            }
            if order.contains(relax) {
                error("\"\(name)\" is listed twice; list each class once", at: item.path)
                continue
            }
            order.append(relax)
        }
        return order
    }

    /// The top-level `periods`: distinct, non-empty names.
    func readPeriods(_ located: Located) {
        guard let items = strings(located, "an array of period names such as [\"H1\", \"H2\"]", item: "a period name") else {
            catalog.incomplete.insert(.periods)
            return
        }
        if items.isEmpty {
            error("periods is empty: list the periods, such as [\"Q1\", \"Q2\", \"Q3\", \"Q4\"], or leave it out for a single period", at: located.path)
        }
        var seen: [String: JSONPath] = [:]
        for (period, item) in items {
            if period.allSatisfy(\.isWhitespace) {
                error("a period name cannot be empty", at: item.path)
            } else if let first = seen[period] {
                error("period \"\(period)\" is listed twice (also at \(first)); list each period once", at: item.path)
            } else {
                seen[period] = item.path
                catalog.add(period, to: .periods)
            }
        }
        if case .array(let all) = located.node.value, all.count != items.count { catalog.incomplete.insert(.periods) }
    }

    /// The plan's `currency`: an ISO 4217 code, three capital letters. Every amount in every
    /// report is written with it ("$", "€", "£", "¥" or the code itself), so nothing else passes.
    func readCurrency(_ located: Located) -> String? {
        guard let text = string(located, "an ISO 4217 currency code such as \"USD\"") else { return nil }
        if text.utf8.count == 3, text.utf8.allSatisfy({ (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains($0) }) { return text }
        let upper = text.uppercased()
        let hint = upper.utf8.count == 3 && upper.utf8.allSatisfy({ (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains($0) })
            ? "; did you mean \"\(upper)\"?" : ", such as \"USD\", \"EUR\", \"GBP\" or \"JPY\""
        error("currency \(Quoted.text(text)) is not an ISO 4217 code: write three capital letters\(hint)", at: located.path)
        return nil
    }

    func readObjective(_ located: Located) -> Plan.Objective? {
        guard let text = string(located, "\"maximize-value\" or \"minimize-spend\"") else { return nil }
        if let objective = Plan.Objective(rawValue: text) { return objective }
        if let suggestion = Suggestion.nearest(to: text, among: Self.objectives) {
            error("unknown objective \"\(text)\"; did you mean \"\(suggestion)\"?", at: located.path)
        } else {
            error("unknown objective \"\(text)\"; use \"maximize-value\" or \"minimize-spend\"", at: located.path)
        }
        return nil
    }
}
