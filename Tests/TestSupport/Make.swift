import PlanFormat

/// Small plans built in code for the formulation tests.
public enum Make {
    /// A KPI worth one dollar a unit, the default of every request made here.
    public static let value = KPI(id: "value", name: "Value", unit: "USD", worth: 1)

    /// A request of team `team`; the impact is `perDollar`, `curve` or `total`, on `kpi`.
    public static func request(
        _ id: String, team: String = "t", amount: Double, perDollar: Double? = nil, curve: [(Double, Double)]? = nil,
        min: Double = 0, max: Double? = nil, unitCost: Double? = nil, minIfFunded: Double? = nil,
        allOrNothing: Bool = false, phasing: [String: Double] = [:], confidence: Double = 1,
        requires: [String] = [], kpi: String = "value", total: Double? = nil
    ) -> Request {
        var impact: [String: Impact] = [:]
        if let perDollar { impact[kpi] = .perDollar(perDollar) }
        if let curve { impact[kpi] = .curve(curve.map { CurvePoint(spend: $0.0, impact: $0.1) }) }
        if let total { impact[kpi] = .total(total) }
        return Request(
            id: id, team: team, amount: amount, min: min, max: max, unitCost: unitCost, minIfFunded: minIfFunded,
            allOrNothing: allOrNothing, phasing: phasing, impact: impact, confidence: confidence, requires: requires)
    }

    /// A plan whose teams are made from the requests' team ids, in order of first appearance.
    public static func plan(
        _ requests: [Request], total: Double?, kpis: [KPI] = [value], constraints: [Constraint] = [],
        periods: [String] = [], periodBudgets: [String: Double] = [:], spendAll: Bool = false,
        objective: Plan.Objective = .maximizeValue, groups: [String: [String]] = [:]
    ) -> Plan {
        var teams: [Team] = []
        for request in requests {
            if let index = teams.firstIndex(where: { $0.id == request.team }) {
                teams[index].requests.append(request)
            } else {
                teams.append(Team(id: request.team, groups: groups[request.team] ?? [], requests: [request]))
            }
        }
        return Plan(
            name: "test", periods: periods, objective: objective,
            budget: Budget(total: total, periods: periodBudgets, spendAll: spendAll),
            kpis: kpis, teams: teams, constraints: constraints)
    }

    /// A (2.0/$, 600k), B (1.5/$, 600k), C (0.5/$, 400k); budget 1M: A full, B 400k, C nothing.
    public static func ladder(a: Double = 2, b: Double = 1.5, c: Double = 0.5, budget: Double = 1_000_000) -> Plan {
        plan([
            request("a", amount: 600_000, perDollar: a),
            request("b", amount: 600_000, perDollar: b),
            request("c", amount: 400_000, perDollar: c),
        ], total: budget)
    }
}
