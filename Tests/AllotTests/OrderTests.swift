import Testing
import TestSupport

@testable import Allot
@testable import AllotReports
@testable import PlanFormat

/// A request is known by its id, not by where it stands in the file: shuffling the teams and the
/// requests within them gives the same allocation, request by request.
@Suite struct OrderTests {
    static func shuffled(_ plan: Plan, seed: UInt64) -> Plan {
        var generator = SeededGenerator(seed: seed)
        var plan = plan
        plan.teams.shuffle(using: &generator)
        for index in plan.teams.indices { plan.teams[index].requests.shuffle(using: &generator) }
        return plan
    }

    /// Amounts by request id, read from the JSON output (as a consumer would).
    static func amounts(_ allocation: Allocation) -> [String: Double] {
        guard case .array(let requests)? = AllocationJSON.render(allocation)["requests"] else { return [:] }
        var amounts: [String: Double] = [:]
        for request in requests {
            if case .string(let id)? = request["id"], case .number(let allocated)? = request["allocated"] { amounts[id] = allocated }
        }
        return amounts
    }

    static func same(_ a: Double?, _ b: Double?) -> Bool {
        guard let a, let b else { return false }
        return abs(a - b) <= 1e-6 * max(1, abs(a), abs(b))
    }

    /// Compared request by request: these plans' optima are unique (no two requests tie at the
    /// funding line), so file order, which settles exact ties (formulation.md, "Ties"), cannot
    /// pick another allocation. A plan with ties could differ by request and would be compared by
    /// value and team totals instead.
    @Test(arguments: [("northwind.json", 1), ("northwind.json", 2), ("northwind.json", 3), ("quarterly-headcount.json", 4)] as [(String, UInt64)])
    func aShuffledPlanGetsTheSameAllocationByID(model: String, seed: UInt64) throws {
        let plan = try PlanReader.read(path: Repository.model(model)).plan
        let shuffled = Self.shuffled(plan, seed: seed)
        #expect(shuffled.requests.map(\.id) != plan.requests.map(\.id))
        let base = try PlanSolver.solve(plan), other = try PlanSolver.solve(shuffled)
        #expect(base.status == .optimal && other.status == .optimal)
        #expect(Self.same(base.value, other.value))
        #expect(Self.same(base.spend, other.spend))
        let (before, after) = (Self.amounts(base), Self.amounts(other))
        #expect(Set(before.keys) == Set(after.keys))
        #expect(before.count == plan.requests.count)
        for (id, amount) in before {
            #expect(Self.same(amount, after[id]), "\(id): \(amount) in file order, \(after[id] ?? .nan) shuffled (seed \(seed))")
        }
        // Teams, KPIs and rules by id too.
        for team in base.teams {
            #expect(Self.same(team.allocated, other.teams.first { $0.id == team.id }?.allocated), "team \(team.id)")
        }
        for kpi in base.kpis { #expect(Self.same(kpi.achieved, other.kpi(kpi.id).achieved), "KPI \(kpi.id)") }
        for rule in base.rules { #expect(rule.binding == other.rule(rule.id).binding, "rule \(rule.id)") }
        // And the same reasons, by id.
        let options = ExplainOptions(thresholds: .none, ruleEffects: false)
        let reasons = try Explainer.explain(plan, options: options).requests
        let shuffledReasons = Dictionary(uniqueKeysWithValues: try Explainer.explain(shuffled, options: options).requests.map { ($0.id, $0) })
        for reason in reasons {
            #expect(reason.code == shuffledReasons[reason.id]?.code, "\(reason.id)")
            #expect(reason.terms.map(\.ref) == shuffledReasons[reason.id]?.terms.map(\.ref), "\(reason.id)")
        }
    }
}
