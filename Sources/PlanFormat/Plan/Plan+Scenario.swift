extension Plan {
    /// The plan as the scenario with this id varies it.
    ///
    /// - Throws: `UnknownScenarioError` (with a suggestion) when the plan has no such scenario.
    public func applying(scenario id: String) throws -> Plan {
        guard let scenario = scenarios.first(where: { $0.id == id }) else {
            throw UnknownScenarioError(scenario: id, file: source, available: scenarios.map(\.id))
        }
        return applying(scenario)
    }

    /// The plan with a scenario's changes: its budget fields and objective replace the plan's,
    /// its impact factors multiply every impact, its KPI worth and targets replace the KPIs',
    /// and its constraints are removed, then added.
    ///
    /// Every impact of request r on KPI k is multiplied by
    /// `impactScale * kpiImpactScale[k] * teamImpactScale[r.team]` (a missing factor is 1):
    /// per-dollar rates, totals, and the impact values (not the spend) of curve points. The
    /// plan keeps its list of scenarios.
    public func applying(_ scenario: Scenario) -> Plan {
        var plan = self
        if let total = scenario.total { plan.budget.total = total }
        if let periods = scenario.periodBudgets { plan.budget.periods = periods }
        if let spendAll = scenario.spendAll { plan.budget.spendAll = spendAll }
        if let objective = scenario.objective { plan.objective = objective }
        for t in plan.teams.indices {
            let teamFactor = (scenario.impactScale ?? 1) * (scenario.teamImpactScale[plan.teams[t].id] ?? 1)
            for r in plan.teams[t].requests.indices {
                for (kpi, impact) in plan.teams[t].requests[r].impact {
                    let factor = teamFactor * (scenario.kpiImpactScale[kpi] ?? 1)
                    if factor != 1 { plan.teams[t].requests[r].impact[kpi] = impact.scaled(by: factor) }
                }
            }
        }
        for k in plan.kpis.indices {
            let id = plan.kpis[k].id
            if let worth = scenario.kpiWorth[id] { plan.kpis[k].worth = worth }
            if let target = scenario.kpiTarget[id] { plan.kpis[k].target = target }
        }
        plan.constraints.removeAll { scenario.removedConstraints.contains($0.id) }
        plan.constraints += scenario.addedConstraints
        return plan
    }
}

extension Impact {
    /// The impact with every KPI value multiplied by `factor` (curve spends unchanged).
    public func scaled(by factor: Double) -> Impact {
        switch self {
        case .perDollar(let rate): .perDollar(rate * factor)
        case .total(let value): .total(value * factor)
        case .curve(let points): .curve(points.map { CurvePoint(spend: $0.spend, impact: $0.impact * factor) })
        }
    }
}
