import Testing
import TestSupport

@testable import Allot
@testable import PlanFormat

/// Random plans: the allocation satisfies every rule, and no random feasible allocation beats it.
@Suite struct PropertyTests {
    static let teams = ["sales", "marketing", "platform", "people"]

    static func randomPlan(_ rng: inout SeededGenerator) -> Plan {
        var requests: [Request] = []
        for index in 0..<Int.random(in: 4...9, using: &rng) {
            let amount = Double(Int.random(in: 2...20, using: &rng)) * 50_000
            let team = teams[Int.random(in: 0..<teams.count, using: &rng)]
            let min = Bool.random(using: &rng) && index % 3 == 0 ? amount * 0.25 : 0
            if Bool.random(using: &rng) {
                let first = Double.random(in: 0.5...3, using: &rng)
                let second = first * Double.random(in: 0.1...0.9, using: &rng)
                let knee = amount / 2
                requests.append(Make.request(
                    "r\(index)", team: team, amount: amount,
                    curve: [(knee, first * knee), (amount, first * knee + second * knee)], min: min))
            } else {
                requests.append(Make.request(
                    "r\(index)", team: team, amount: amount, perDollar: Double.random(in: 0.2...3, using: &rng), min: min))
            }
        }
        let asked = requests.reduce(0) { $0 + $1.amount }
        let committed = requests.reduce(0) { $0 + $1.min }
        let total = max(committed * 1.5, asked * Double.random(in: 0.3...0.9, using: &rng))
        var constraints: [Constraint] = [
            Constraint(id: "gtm-share", kind: .share(min: nil, max: 0.6), scope: Scope(groups: ["gtm"])),
            Constraint(id: "fair", kind: .fairness(minFractionOfAsk: 0.2)),
        ]
        if Bool.random(using: &rng) {
            constraints.append(Constraint(id: "platform-cap", kind: .cap(max: total * 0.3), scope: Scope(teams: ["platform"])))
        }
        return Make.plan(
            requests, total: total, constraints: constraints, groups: ["sales": ["gtm"], "marketing": ["gtm"]])
    }

    /// Checks a candidate allocation against the plan's own rules (not the program's rows).
    static func violations(_ plan: Plan, _ amounts: [String: Double]) -> [String] {
        let tolerance = 1.0
        var found: [String] = []
        let requests = plan.requests
        let spend = requests.reduce(0) { $0 + amounts[$1.id]! }
        if let total = plan.budget.total, spend > total + tolerance { found.append("budget") }
        for request in requests {
            let a = amounts[request.id]!
            if a < request.min - tolerance || a > request.max + tolerance { found.append("bounds of \(request.id)") }
        }
        let gtmTeams = Set(plan.teams.filter { $0.groups.contains("gtm") }.map(\.id))
        for constraint in plan.constraints {
            switch constraint.kind {
            case .share(_, let max?):
                let inScope = requests.filter { gtmTeams.contains($0.team) }.reduce(0) { $0 + amounts[$1.id]! }
                if inScope > max * spend + tolerance { found.append(constraint.id) }
            case .cap(let max):
                let inScope = requests.filter { constraint.scope.teams.contains($0.team) }.reduce(0) { $0 + amounts[$1.id]! }
                if inScope > max + tolerance { found.append(constraint.id) }
            case .fairness(let fairness):
                for team in plan.teams {
                    let fraction = fairness.fraction(forTeam: team.id)
                    let asked = team.requests.reduce(0) { $0 + $1.amount }
                    let got = team.requests.reduce(0) { $0 + amounts[$1.id]! }
                    if got < fraction * asked - tolerance { found.append("\(constraint.id) for \(team.id)") }
                }
            default: break
            }
        }
        return found
    }

    static func value(_ plan: Plan, _ amounts: [String: Double]) -> Double {
        plan.requests.reduce(0) { total, request in
            guard let impact = request.impact["value"] else { return total }
            return total + request.confidence * ImpactCurve(impact, amount: request.amount).value(at: amounts[request.id]!)
        }
    }

    @Test(arguments: 1...40)
    func optimumIsFeasibleAndUnbeaten(seed: Int) throws {
        var rng = SeededGenerator(seed: UInt64(seed))
        let plan = Self.randomPlan(&rng)
        let result = try PlanSolver.solve(plan)
        guard result.status == .optimal else {
            // Random rules can conflict; then the diagnosis must name a conflict.
            #expect(result.status == .infeasible)
            #expect(!(result.diagnosis?.conflicts.isEmpty ?? true))
            return
        }
        let optimum = Dictionary(uniqueKeysWithValues: result.requests.map { ($0.id, $0.allocated) })
        #expect(Self.violations(plan, optimum).isEmpty, "seed \(seed): \(Self.violations(plan, optimum))")
        #expect(close(Self.value(plan, optimum), result.value, 1e-6))
        var tried = 0
        for _ in 0..<3000 {
            var candidate: [String: Double] = [:]
            for request in plan.requests {
                candidate[request.id] = Double.random(in: request.min...request.max, using: &rng)
            }
            guard Self.violations(plan, candidate).isEmpty else { continue }
            tried += 1
            #expect(Self.value(plan, candidate) <= result.value + 1e-6 * max(1, result.value), "seed \(seed)")
        }
        // Also check points near the optimum: shift money between two requests.
        let ids = plan.requests.map(\.id)
        for _ in 0..<500 {
            let from = ids[Int.random(in: 0..<ids.count, using: &rng)], to = ids[Int.random(in: 0..<ids.count, using: &rng)]
            var candidate = optimum
            let delta = Double.random(in: 1...50_000, using: &rng)
            candidate[from]! -= delta
            candidate[to]! += delta
            guard Self.violations(plan, candidate).isEmpty else { continue }
            tried += 1
            #expect(Self.value(plan, candidate) <= result.value + 1e-6 * max(1, result.value), "seed \(seed): \(from) -> \(to)")
        }
        #expect(tried > 0, "seed \(seed): no random feasible allocation to compare with")
    }
}

/// Integer plans (whole units, all-or-nothing, curves that are not concave) against brute force.
@Suite struct BruteForceTests {
    /// Requests on a 25k grid: unit-cost, all-or-nothing and non-concave requests, plus one linear
    /// filler that takes what is left. All data on the grid puts an optimum on the grid.
    static func randomIntegerPlan(_ rng: inout SeededGenerator) -> Plan {
        let grid = 25_000.0
        var requests: [Request] = []
        for index in 0..<Int.random(in: 2...4, using: &rng) {
            let kind = Int.random(in: 0..<3, using: &rng)
            switch kind {
            case 0:
                let unit = grid * Double(Int.random(in: 2...6, using: &rng))
                requests.append(Make.request(
                    "u\(index)", amount: unit * Double(Int.random(in: 1...4, using: &rng)),
                    perDollar: Double.random(in: 0.5...3, using: &rng), unitCost: unit))
            case 1:
                let amount = grid * Double(Int.random(in: 2...16, using: &rng))
                requests.append(Make.request(
                    "o\(index)", amount: amount, allOrNothing: true, total: amount * Double.random(in: 0.5...3, using: &rng)))
            default:
                let knee = grid * Double(Int.random(in: 1...4, using: &rng))
                let end = knee + grid * Double(Int.random(in: 1...4, using: &rng))
                let low = Double.random(in: 0.1...1, using: &rng), high = Double.random(in: 1.5...4, using: &rng)
                requests.append(Make.request(
                    "c\(index)", amount: end, curve: [(knee, low * knee), (end, low * knee + high * (end - knee))]))
            }
        }
        requests.append(Make.request("filler", amount: 200_000, perDollar: Double.random(in: 0.3...1.5, using: &rng)))
        let asked = requests.reduce(0) { $0 + $1.amount }
        let total = (asked * Double.random(in: 0.3...0.8, using: &rng) / grid).rounded() * grid
        return Make.plan(requests, total: total)
    }

    static func bruteForce(_ plan: Plan) -> Double {
        let grid = 25_000.0
        let total = plan.budget.total!
        let discrete = plan.requests.filter { $0.id != "filler" }
        let filler = plan.requests.first { $0.id == "filler" }!
        func options(_ request: Request) -> [Double] {
            if request.allOrNothing { return [0, request.amount] }
            let step = request.unitCost ?? grid
            return stride(from: 0.0, through: request.max + 1e-6, by: step).map { $0 }
        }
        func impact(_ request: Request, _ a: Double) -> Double {
            guard let impact = request.impact["value"] else { return 0 }
            if request.allOrNothing { return a > 0 ? ImpactCurve(impact, amount: request.amount).value(at: request.amount) : 0 }
            return ImpactCurve(impact, amount: request.amount).value(at: a)
        }
        var best = -Double.infinity
        func search(_ index: Int, _ spent: Double, _ value: Double) {
            if spent > total + 1e-6 { return }
            if index == discrete.count {
                let rate = ImpactCurve(filler.impact["value"]!, amount: filler.amount).tailSlope
                best = max(best, value + rate * min(filler.max, total - spent))
                return
            }
            for a in options(discrete[index]) { search(index + 1, spent + a, value + impact(discrete[index], a)) }
        }
        search(0, 0, 0)
        return best
    }

    @Test(arguments: 1...40)
    func integerOptimumMatchesBruteForce(seed: Int) throws {
        var rng = SeededGenerator(seed: UInt64(1000 + seed))
        let plan = Self.randomIntegerPlan(&rng)
        let result = try PlanSolver.solve(plan)
        #expect(result.status == .optimal)
        let expected = Self.bruteForce(plan)
        #expect(close(result.value, expected, 1e-6), "seed \(seed): solver \(result.value), brute force \(expected)")
    }
}
