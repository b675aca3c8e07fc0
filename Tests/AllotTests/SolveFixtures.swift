@testable import Allot
@testable import PlanFormat

/// Small plans built in code for the formulation tests.
enum Make {
    static let value = KPI(id: "value", name: "Value", unit: "USD", worth: 1)

    static func request(
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
    static func plan(
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
}

extension Allocation {
    func allocated(_ id: String) -> Double { requests.first { $0.id == id }!.allocated }
    func status(_ id: String) -> FundingStatus { requests.first { $0.id == id }!.status }
    func rule(_ id: String) -> RuleResult { rules.first { $0.id == id }! }
    func kpi(_ id: String) -> KPIResult { kpis.first { $0.id == id }! }
}

func close(_ a: Double?, _ b: Double, _ tolerance: Double = 1e-6) -> Bool {
    guard let a else { return false }
    return abs(a - b) <= tolerance * max(1, abs(b))
}
