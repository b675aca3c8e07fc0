import Allot
import PlanFormat

/// Generates synthetic plans of any size, for benchmarks and stress tests.
///
/// The plans are feasible by construction: committed spend is a small part of the budget, caps and
/// shares are generous, and the ARR target sits well below what the requests can reach.
struct SyntheticPlan: Sendable {
    var requests = 10_000
    var teams = 500
    var constraints = 20
    /// Fraction of requests funded in whole units (which makes the plan an integer program).
    var unitCostFraction = 0.0
    var seed: UInt64 = 1

    init(requests: Int = 10_000, teams: Int = 500, constraints: Int = 20, unitCostFraction: Double = 0, seed: UInt64 = 1) {
        self.requests = requests
        self.teams = teams
        self.constraints = constraints
        self.unitCostFraction = unitCostFraction
        self.seed = seed
    }

    /// The plan as a JSON document in the plan format.
    func json() -> JSONValue {
        var rng = SplitMix(seed: seed)
        let groups = ["gtm", "rnd", "ga"]
        var teamValues: [JSONValue] = []
        var asked = 0.0
        var reachableARR = 0.0
        let perTeam = max(1, (requests + teams - 1) / max(teams, 1))
        var made = 0
        for t in 0..<teams {
            var items: [JSONValue] = []
            for _ in 0..<perTeam where made < requests {
                let amount = (rng.uniform(50_000, 2_000_000) / 1000).rounded() * 1000
                asked += amount
                var request: [(key: String, value: JSONValue)] = [
                    ("id", .string("r\(made)")),
                    ("amount", .number(amount)),
                ]
                let kpi = ["arr", "arr", "churn", "nps"][Int(rng.next() % 4)]
                let scale = kpi == "arr" ? 1.0 : kpi == "churn" ? 1 / 250_000.0 : 1 / 50_000.0
                if rng.uniform(0, 1) < 0.6 {
                    // A concave curve of 2 to 4 segments.
                    let pieces = 2 + Int(rng.next() % 3)
                    var slope = rng.uniform(0.5, 3.5) * scale
                    var spend = 0.0, impact = 0.0
                    var points: [JSONValue] = []
                    for piece in 1...pieces {
                        let end = amount * Double(piece) / Double(pieces)
                        impact += slope * (end - spend)
                        spend = end
                        points.append(.array([.number(spend), .number(impact)]))
                        slope *= rng.uniform(0.3, 0.9)
                    }
                    if kpi == "arr" { reachableARR += impact }
                    request.append(("impact", .object([(kpi, .object([("curve", .array(points))]))])))
                } else {
                    let rate = rng.uniform(0.2, 3) * scale
                    if kpi == "arr" { reachableARR += rate * amount }
                    request.append(("impact", .object([(kpi, .object([("perDollar", .number(rate))]))])))
                }
                if rng.uniform(0, 1) < 0.1 { request.append(("min", .number((amount * 0.3).rounded()))) }
                if rng.uniform(0, 1) < unitCostFraction {
                    request.append(("unitCost", .number((amount / Double(1 + Int(rng.next() % 8))).rounded())))
                }
                if rng.uniform(0, 1) < 0.3 { request.append(("confidence", .number(rng.uniform(0.5, 1)))) }
                items.append(.object(request))
                made += 1
            }
            teamValues.append(.object([
                ("id", .string("t\(t)")),
                ("groups", .array([.string(groups[t % groups.count])])),
                ("requests", .array(items)),
            ]))
        }
        var rules: [JSONValue] = []
        for c in 0..<constraints {
            let id = "c\(c)"
            switch c % 5 {
            case 0:
                rules.append(.object([("id", .string(id)), ("kind", .string("share")),
                                      ("scope", .object([("groups", .array([.string(groups[c % 3])]))])),
                                      ("max", .number(0.5))]))
            case 1:
                rules.append(.object([("id", .string(id)), ("kind", .string("cap")),
                                      ("scope", .object([("teams", .array((0..<min(teams, 10)).map { .string("t\((c * 7 + $0) % teams)") }))])),
                                      ("max", .number(asked / Double(teams) * 6))]))
            case 2:
                rules.append(.object([("id", .string(id)), ("kind", .string("floor")),
                                      ("scope", .object([("teams", .array([.string("t\((c * 13) % teams)")]))])),
                                      ("min", .number(50_000))]))
            case 3:
                rules.append(.object([("id", .string(id)), ("kind", .string("ratio")),
                                      ("scope", .object([("groups", .array([.string("rnd")]))])),
                                      ("to", .object([("groups", .array([.string("gtm")]))])),
                                      ("min", .number(0.3))]))
            default:
                rules.append(.object([("id", .string(id)), ("kind", .string("fairness")),
                                      ("scope", .object([("groups", .array([.string(groups[c % 3])]))])),
                                      ("minFractionOfAsk", .number(0.05))]))
            }
        }
        return .object([
            ("name", .string("Synthetic plan: \(requests) requests, \(teams) teams, \(constraints) rules, seed \(seed)")),
            ("budget", .object([("total", .number((asked * 0.6).rounded()))])),
            ("kpis", .array([
                .object([("id", .string("arr")), ("unit", .string("USD")), ("worth", .number(1)),
                         ("target", .object([("min", .number((reachableARR * 0.3).rounded()))]))]),
                .object([("id", .string("churn")), ("unit", .string("pp")), ("worth", .number(250_000))]),
                .object([("id", .string("nps")), ("unit", .string("points")), ("worth", .number(50_000))]),
            ])),
            ("teams", .array(teamValues)),
            ("constraints", .array(rules)),
        ])
    }
}

/// SplitMix64: a small, fast, seedable generator.
struct SplitMix: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func uniform(_ low: Double, _ high: Double) -> Double {
        low + (high - low) * Double(next() >> 11) / Double(1 << 53)
    }
}
