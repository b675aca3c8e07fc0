extension PlanReading {
    static let scenarioKeys: KeyList = ["id", "name", "budget", "objective", "impactScale", "kpis", "constraints"]

    /// The plan's `scenarios`, each checked against the plan it varies.
    func readScenarios(_ located: Located, plan: Plan) -> [Scenario] {
        guard let items = array(located, "an array of scenarios such as [{\"id\": \"tight\", \"budget\": {\"total\": \"9.5M\"}}]") else {
            return []
        }
        var scenarios: [Scenario] = []
        for item in items {
            guard let scenario = readScenario(item, plan: plan) else { continue }
            scenarios.append(scenario)
            scenarioPaths.append(item)
        }
        return scenarios
    }

    func readScenario(_ located: Located, plan: Plan) -> Scenario? {
        let example = "{\"id\": \"tight\", \"budget\": {\"total\": \"9.5M\"}}"
        guard let fields = fields(of: located, what: "a scenario", allowed: Self.scenarioKeys, example: example) else { return nil }
        let id = required(fields, "id", "every scenario needs an id, such as \"id\": \"tight\"").flatMap { self.id($0, example: "tight") }
        let name = fields["name"].flatMap { string($0, "the scenario's name as a string") }
        var scenario = Scenario(id: id ?? "", name: name)
        if let budget = fields["budget"] { readScenarioBudget(budget, into: &scenario) }
        scenario.objective = fields["objective"].flatMap(readObjective)
        if let scale = fields["impactScale"] { readImpactScale(scale, into: &scenario) }
        if let kpis = fields["kpis"] { readScenarioKPIs(kpis, into: &scenario) }
        if let constraints = fields["constraints"] { readScenarioConstraints(constraints, plan: plan, into: &scenario) }
        checkScenario(scenario, fields, plan: plan)
        return id == nil ? nil : scenario
    }

    /// `budget`: fields that replace the plan's; a `null` total removes the plan's total.
    func readScenarioBudget(_ located: Located, into scenario: inout Scenario) {
        let example = "{\"total\": \"9.5M\"}"
        guard let fields = fields(of: located, what: "a scenario budget", allowed: Self.budgetKeys, example: example) else { return }
        if let total = fields["total"] {
            if total.isNull {
                scenario.total = .some(nil)
            } else if let amount = money(total) {
                scenario.total = .some(amount)
            }
        }
        if let periods = fields["periods"] { scenario.periodBudgets = readPeriodBudgets(periods) }
        scenario.spendAll = fields["spendAll"].flatMap(bool)
    }

    /// `impactScale`: one factor, or factors by KPI and by team.
    func readImpactScale(_ located: Located, into scenario: inout Scenario) {
        if case .number = located.node.value {
            scenario.impactScale = nonNegativeNumber(located, "a factor such as 0.8", name: "impactScale")
            return
        }
        let example = "{\"kpis\": {\"arr\": 0.8}, \"teams\": {\"sales\": 0.9}}"
        guard case .object = located.node.value else {
            error("expected an impact scale: a factor such as 0.8, or an object such as \(example), found \(located.node.kindDescription)", at: located.path)
            return
        }
        guard let fields = fields(of: located, what: "an impact scale", allowed: ["kpis", "teams"]) else { return }
        scenario.kpiImpactScale = fields["kpis"].map { readFactors($0, list: .kpis) } ?? [:]
        scenario.teamImpactScale = fields["teams"].map { readFactors($0, list: .teams) } ?? [:]
    }

    /// An object of non-negative factors by KPI or team id.
    func readFactors(_ located: Located, list: PlanCatalog.List) -> [String: Double] {
        let kind = PlanCatalog.words(list).kind
        guard let entries = entries(located, "an object of factors by \(kind) id, such as {\"\(list == .kpis ? "arr" : "sales")\": 0.8}") else {
            return [:]
        }
        var factors: [String: Double] = [:]
        for entry in entries {
            let known = checkReference(entry.key, to: list, at: entry.value.path, position: entry.keyPosition)
            if let factor = nonNegativeNumber(entry.value, "a factor such as 0.8", name: "a factor"), known {
                factors[entry.key] = factor
            }
        }
        return factors
    }

    /// `kpis`: replacement worth and target by KPI id (`"target": null` removes the target).
    func readScenarioKPIs(_ located: Located, into scenario: inout Scenario) {
        guard let entries = entries(located, "an object of KPI changes by KPI id, such as {\"arr\": {\"worth\": 1.2}}") else { return }
        for entry in entries {
            let known = checkReference(entry.key, to: .kpis, at: entry.value.path, position: entry.keyPosition)
            let example = "{\"worth\": 1.2, \"target\": {\"min\": \"8M\"}}"
            guard let fields = fields(of: entry.value, what: "a KPI change", allowed: ["worth", "target"], example: example) else { continue }
            let worth = fields["worth"].flatMap(readWorth)
            var target: Target??
            if let given = fields["target"] {
                target = given.isNull ? .some(nil) : readTarget(given).map { .some($0) }
            }
            guard known else { continue }
            if let worth { scenario.kpiWorth[entry.key] = worth }
            if let target { scenario.kpiTarget[entry.key] = target }
        }
    }

    /// `constraints`: `add` (constraints) and `remove` (ids of the plan's constraints).
    func readScenarioConstraints(_ located: Located, plan: Plan, into scenario: inout Scenario) {
        let example = "{\"add\": [{\"kind\": \"cap\", \"max\": \"2M\"}], \"remove\": [\"gtm-share\"]}"
        guard let fields = fields(of: located, what: "scenario constraints", allowed: ["add", "remove"], example: example) else { return }
        if let remove = fields["remove"], let ids = strings(remove, "an array of constraint ids such as [\"gtm-share\"]", item: "a constraint id") {
            for (id, item) in ids where checkReference(id, to: .constraints, at: item.path) {
                scenario.removedConstraints.append(id)
            }
        }
        if let add = fields["add"], let items = array(add, "an array of constraints such as [{\"kind\": \"cap\", \"max\": \"2M\"}]") {
            var ids = plan.constraints.map(\.id).filter { !scenario.removedConstraints.contains($0) }
            // A default id is clear of every id of the plan and of this list.
            var taken = Set(plan.constraints.map(\.id)).union(givenIDs(items))
            for (index, item) in items.enumerated() {
                guard let constraint = readConstraint(item, number: plan.constraints.count + index + 1, taken: taken) else { continue }
                taken.insert(constraint.id)
                if ids.contains(constraint.id) {
                    error(
                        "constraint id \"\(constraint.id)\" is already used in this scenario's plan; give the new constraint another id, or remove the old one in \"remove\"",
                        at: item.path.key("id"))
                }
                ids.append(constraint.id)
                scenario.addedConstraints.append(constraint)
            }
        }
    }

    /// What the scenario makes of the plan as a whole: a total for spendAll, a target for minimize-spend.
    func checkScenario(_ scenario: Scenario, _ fields: Fields, plan: Plan) {
        let spendAll = scenario.spendAll ?? plan.budget.spendAll
        let total = scenario.total ?? plan.budget.total
        if spendAll, total == nil, let budget = fields["budget"] {
            error("spendAll needs a total to spend: give the scenario's budget a \"total\", or set spendAll to false", at: budget.path)
        }
        if (scenario.objective ?? plan.objective) == .minimizeSpend {
            let hasTarget = plan.kpis.contains { kpi in (scenario.kpiTarget[kpi.id] ?? kpi.target) != nil }
            if !hasTarget, !catalog.incomplete.contains(.kpis) {
                let path = fields["objective"]?.path ?? fields["kpis"]?.path ?? fields.object.path
                error("a minimize-spend plan needs at least one KPI target, and this scenario leaves none; keep or add a target, or use maximize-value", at: path)
            }
        }
    }
}
