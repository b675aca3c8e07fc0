import Allot

/// A request's, rule's or KPI's result by id, for tests that check one figure.
extension Allocation {
    public func allocated(_ id: String) -> Double { requests.first { $0.id == id }!.allocated }
    public func status(_ id: String) -> FundingStatus { requests.first { $0.id == id }!.status }
    package func rule(_ id: String) -> RuleResult { rules.first { $0.id == id }! }
    package func kpi(_ id: String) -> KPIResult { kpis.first { $0.id == id }! }
}
