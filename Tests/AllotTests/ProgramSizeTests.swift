import Testing
import TestSupport

@testable import Allot
@testable import PlanFormat

/// `allot check` counts the program's columns and rows without building it: the count must be
/// what the built program holds, on every kind of request and rule.
@Suite struct ProgramSizeTests {
    static func expectSameSize(_ plan: Plan, _ label: String) {
        let program = PlanSolver.program(for: plan)
        let built = ProgramSize(
            columns: program.variables.count, rows: program.constraints.count,
            isInteger: program.variables.contains { $0.kind != .continuous })
        #expect(PlanSolver.size(of: plan) == built, "\(label)")
    }

    @Test func examplePlansAndFixtures() throws {
        var paths = Repository.modelFiles.map(Repository.model)
        paths += ["northwind.json", "hard-integer.json", "cut-order.json", "cuts-linear.json", "slider-integer.json",
                  "slider-linear.json", "slow-resolve.json", "versions/northwind-v1.json", "versions/northwind-v2.json"]
            .map(PlanFixtures.path)
        for path in paths {
            let plan = try PlanReader.read(path: path).plan
            Self.expectSameSize(plan, path)
            for scenario in plan.scenarios {
                Self.expectSameSize(try plan.applying(scenario: scenario.id), path + " " + scenario.id)
            }
        }
    }

    @Test func randomPlansOfEveryKind() {
        var rng = SeededGenerator(seed: 15)
        for round in 0..<300 {
            Self.expectSameSize(Self.randomPlan(&rng), "round \(round)")
        }
    }

    static func randomPlan(_ rng: inout SeededGenerator) -> Plan {
        let teams = ["sales", "marketing", "platform", "people"]
        let periods = Bool.random(using: &rng) ? ["h1", "h2"] : []
        var kpis = [Make.value, KPI(id: "reach", worth: Double.random(in: 0...2, using: &rng))]
        if Bool.random(using: &rng) {
            let soft: Double? = Bool.random(using: &rng) ? 3 : nil
            let min: Double? = Bool.random(using: &rng) ? 1_000 : nil
            let max: Double? = Bool.random(using: &rng) ? 5_000_000 : nil
            kpis[1].target = Target(min: min, max: max, softPenalty: soft)
        }
        var requests: [Request] = []
        let count = Int.random(in: 1...12, using: &rng)
        for index in 0..<count {
            let amount = Double(Int.random(in: 1...20, using: &rng)) * 50_000
            let team = teams[Int.random(in: 0..<teams.count, using: &rng)]
            let min = Int.random(in: 0..<4, using: &rng) == 0 ? amount * 0.25 : 0
            let unit: Double? = Int.random(in: 0..<3, using: &rng) == 0 ? 10_000 : nil
            let floor: Double? = Int.random(in: 0..<3, using: &rng) == 0 ? amount * 0.4 : nil
            let whole = Int.random(in: 0..<6, using: &rng) == 0
            let requires = Int.random(in: 0..<4, using: &rng) == 0 ? ["r\(Int.random(in: 0..<count, using: &rng))"] : []
            var request: Request
            switch Int.random(in: 0..<4, using: &rng) {
            case 0:
                let first = Double.random(in: 0.5...3, using: &rng)
                let second = first * Double.random(in: 0.1...1.9, using: &rng)
                let knee = amount / 2
                request = Make.request(
                    "r\(index)", team: team, amount: amount, curve: [(knee, first * knee), (amount * 1.5, first * knee + second * knee)],
                    min: min, unitCost: unit, minIfFunded: floor, allOrNothing: whole, requires: requires)
            case 1:
                request = Make.request(
                    "r\(index)", team: team, amount: amount, min: min, unitCost: unit, minIfFunded: floor,
                    allOrNothing: whole, requires: requires, total: Double.random(in: 0...9, using: &rng) * amount)
            default:
                request = Make.request(
                    "r\(index)", team: team, amount: amount, perDollar: Double.random(in: 0...3, using: &rng), min: min,
                    unitCost: unit, minIfFunded: floor, allOrNothing: whole, requires: requires)
            }
            if Bool.random(using: &rng) {
                let points = [(amount * 0.3, Double.random(in: 0...1e6, using: &rng)), (amount * 0.8, Double.random(in: 0...2e6, using: &rng))]
                request.impact["reach"] = .curve(points.map { CurvePoint(spend: $0.0, impact: $0.1) })
            }
            if !periods.isEmpty, Bool.random(using: &rng) { request.phasing = ["h1": 1] }
            requests.append(request)
        }
        let asked = requests.reduce(0) { $0 + $1.amount }
        let total: Double? = Int.random(in: 0..<5, using: &rng) == 0 ? nil : asked * Double.random(in: 0.3...0.9, using: &rng)
        let scopes = [Scope(), Scope(groups: ["gtm"]), Scope(teams: ["platform"]), Scope(requests: ["r0", "r1"]), Scope(teams: ["nobody"])]
        func scope() -> Scope { scopes[Int.random(in: 0..<scopes.count, using: &rng)] }
        var constraints: [Constraint] = []
        for index in 0..<Int.random(in: 0...5, using: &rng) {
            let kind: Constraint.Kind
            switch Int.random(in: 0..<7, using: &rng) {
            case 0: kind = .cap(max: asked * 0.3)
            case 1: kind = .floor(min: asked * 0.05)
            case 2: kind = .share(min: Bool.random(using: &rng) ? 0.1 : nil, max: Bool.random(using: &rng) ? 0.6 : nil)
            case 3: kind = .ratio(to: scope(), min: Bool.random(using: &rng) ? 0.1 : nil, max: Bool.random(using: &rng) ? 2 : nil)
            case 4: kind = .headcount(max: 30)
            case 5: kind = .fairness(minFractionOfAsk: Double.random(in: 0...0.5, using: &rng))
            default:
                var fairness = Fairness(fraction: Double.random(in: 0...0.5, using: &rng))
                if Bool.random(using: &rng) { fairness.basis = .proRata }
                kind = .fairness(fairness)
            }
            constraints.append(Constraint(id: "rule\(index)", kind: kind, scope: scope()))
        }
        return Make.plan(
            requests, total: total, kpis: kpis, constraints: constraints, periods: periods,
            periodBudgets: periods.isEmpty || Bool.random(using: &rng) ? [:] : ["h1": asked * 0.2],
            objective: Bool.random(using: &rng) ? .maximizeValue : .minimizeSpend,
            groups: ["sales": ["gtm"], "marketing": ["gtm"]])
    }
}
