/// A company's annual plan: its budget, its KPIs, every team's requests with their expected KPI
/// impact, and the company-wide rules (format 1, see the README and `models/plan.schema.json`).
///
/// Every money amount is in the plan's currency units; every fraction is in [0, 1].
public struct Plan: Sendable, Equatable {
    /// What the optimizer maximizes or minimizes.
    public enum Objective: String, Sendable, Equatable {
        /// The most worth-weighted KPI value (less soft-target penalties) within the budget.
        case maximizeValue = "maximize-value"
        /// The least spend that meets every hard target; among those, the most value.
        case minimizeSpend = "minimize-spend"
    }

    public var name: String
    public var currency: String
    /// Budget periods in order; a plan without periods has none (one implicit period).
    public var periods: [String]
    public var objective: Objective
    public var budget: Budget
    public var kpis: [KPI]
    public var teams: [Team]
    public var constraints: [Constraint]
    public var scenarios: [Scenario]
    /// The classes of rules a best-effort what-if lets give, the first to give first
    /// (`bestEffort.relaxFirst`); committed spend gives only when listed.
    public var relaxFirst: [RelaxClass] = RelaxClass.defaultOrder
    /// Where the plan was read from (a path, or "-" for standard input), for messages.
    public var source: String

    public init(
        name: String, currency: String = "USD", periods: [String] = [], objective: Objective = .maximizeValue,
        budget: Budget = Budget(), kpis: [KPI], teams: [Team], constraints: [Constraint] = [],
        scenarios: [Scenario] = [], source: String = ""
    ) {
        self.name = name
        self.currency = currency
        self.periods = periods
        self.objective = objective
        self.budget = budget
        self.kpis = kpis
        self.teams = teams
        self.constraints = constraints
        self.scenarios = scenarios
        self.source = source
    }

    /// Every request of every team, in file order.
    public var requests: [Request] { teams.flatMap(\.requests) }

    /// The share of a request's spend that falls in a period (an equal split without phasing).
    public func phase(of request: Request, in period: String) -> Double {
        if request.phasing.isEmpty { return 1 / Double(max(periods.count, 1)) }
        return request.phasing[period] ?? 0
    }
}

/// The company budget.
public struct Budget: Sendable, Equatable {
    /// The most that may be spent in total; `nil` means no total limit.
    public var total: Double?
    /// The most that may be spent in each period, by period name.
    public var periods: [String: Double]
    /// When true, spend must equal the total exactly.
    public var spendAll: Bool

    public init(total: Double? = nil, periods: [String: Double] = [:], spendAll: Bool = false) {
        self.total = total
        self.periods = periods
        self.spendAll = spendAll
    }
}

/// A key performance indicator and what one unit of it is worth.
public struct KPI: Sendable, Equatable {
    public var id: String
    public var name: String
    public var unit: String?
    /// What one unit is worth in the plan's currency; the exchange rate between KPIs.
    public var worth: Double
    public var target: Target?

    public init(id: String, name: String? = nil, unit: String? = nil, worth: Double = 1, target: Target? = nil) {
        self.id = id
        self.name = name ?? id
        self.unit = unit
        self.worth = worth
        self.target = target
    }
}

/// Bounds on a KPI's total over all requests.
public struct Target: Sendable, Equatable {
    public var min: Double?
    public var max: Double?
    /// When set, the target is soft: each unit short of `min` (or over `max`) costs this much value.
    public var softPenalty: Double?

    public init(min: Double? = nil, max: Double? = nil, softPenalty: Double? = nil) {
        self.min = min
        self.max = max
        self.softPenalty = softPenalty
    }

    public var isSoft: Bool { softPenalty != nil }
}

/// A team and its requests.
public struct Team: Sendable, Equatable {
    public var id: String
    public var name: String
    public var groups: [String]
    public var owner: String?
    public var requests: [Request]

    public init(id: String, name: String? = nil, groups: [String] = [], owner: String? = nil, requests: [Request]) {
        self.id = id
        self.name = name ?? id
        self.groups = groups
        self.owner = owner
        self.requests = requests
    }
}

/// One line item of a team's budget request.
public struct Request: Sendable, Equatable {
    public var id: String
    public var name: String
    /// The id of the team that asks.
    public var team: String
    /// What the team asks for.
    public var amount: Double
    /// Committed spend that must be funded.
    public var min: Double
    /// The most the team could use.
    public var max: Double
    /// Funding comes in whole units of this cost (headcount).
    public var unitCost: Double?
    /// Zero, or at least this much.
    public var minIfFunded: Double?
    /// Funded at exactly `amount` or not at all.
    public var allOrNothing: Bool
    /// Share of the spend in each period, by period name; empty means an equal split.
    public var phasing: [String: Double]
    /// Expected KPI impact, by KPI id.
    public var impact: [String: Impact]
    /// How sure the team is, in (0, 1]; multiplies every impact.
    public var confidence: Double
    /// Requests whose funded share this one may not exceed.
    public var requires: [String]
    public var note: String?

    public init(
        id: String, name: String? = nil, team: String, amount: Double, min: Double = 0, max: Double? = nil,
        unitCost: Double? = nil, minIfFunded: Double? = nil, allOrNothing: Bool = false,
        phasing: [String: Double] = [:], impact: [String: Impact] = [:], confidence: Double = 1,
        requires: [String] = [], note: String? = nil
    ) {
        self.id = id
        self.name = name ?? id
        self.team = team
        self.amount = amount
        self.min = min
        self.max = max ?? amount
        self.unitCost = unitCost
        self.minIfFunded = minIfFunded
        self.allOrNothing = allOrNothing
        self.phasing = phasing
        self.impact = impact
        self.confidence = confidence
        self.requires = requires
        self.note = note
    }
}

/// A request's expected effect on one KPI, as a function of its spend.
public enum Impact: Sendable, Equatable {
    /// KPI units per currency unit, linear from 0 to the request's max.
    case perDollar(Double)
    /// KPI units when funded at `amount`, linear (or gained exactly when funded, for
    /// all-or-nothing requests).
    case total(Double)
    /// Cumulative (spend, impact) points with increasing spend, from an implicit (0, 0); linear
    /// between points, flat after the last.
    case curve([CurvePoint])
}

/// One point of an impact curve.
public struct CurvePoint: Sendable, Equatable {
    public var spend: Double
    public var impact: Double

    public init(spend: Double, impact: Double) {
        self.spend = spend
        self.impact = impact
    }
}

/// Selects requests: the union of whole teams, teams in groups, and single requests. An empty
/// scope selects every request.
public struct Scope: Sendable, Equatable {
    public var teams: [String]
    public var groups: [String]
    public var requests: [String]

    public init(teams: [String] = [], groups: [String] = [], requests: [String] = []) {
        self.teams = teams
        self.groups = groups
        self.requests = requests
    }

    /// Whether the scope names nothing, and so means the whole plan.
    public var isWholePlan: Bool { teams.isEmpty && groups.isEmpty && requests.isEmpty }
}

/// A company-wide rule.
public struct Constraint: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        /// Allocations in scope sum to at most `max`.
        case cap(max: Double)
        /// Allocations in scope sum to at least `min`.
        case floor(min: Double)
        /// Allocations in scope as a share of all allocations.
        case share(min: Double?, max: Double?)
        /// sum(scope) >= min x sum(to), <= max x sum(to).
        case ratio(to: Scope, min: Double?, max: Double?)
        /// Units of unit-cost requests in scope sum to at most `max`.
        case headcount(max: Double)
        /// Every team with a request in scope gets at least this fraction of its in-scope asks.
        case fairness(Fairness)

        /// A fairness rule on the teams' asks, as plan files before pro-rata rules wrote it.
        public static func fairness(minFractionOfAsk fraction: Double) -> Kind { .fairness(Fairness(fraction: fraction)) }
    }

    /// The rule's id; rules without one in the file get `kind-N` (N counted from 1 in file order).
    public var id: String
    public var name: String?
    public var kind: Kind
    public var scope: Scope

    public init(id: String, name: String? = nil, kind: Kind, scope: Scope = Scope()) {
        self.id = id
        self.name = name
        self.kind = kind
        self.scope = scope
    }

    /// The kind's name as written in plan files.
    public var kindName: String {
        switch kind {
        case .cap: "cap"
        case .floor: "floor"
        case .share: "share"
        case .ratio: "ratio"
        case .headcount: "headcount"
        case .fairness: "fairness"
        }
    }
}

/// A named variant of a plan.
public struct Scenario: Sendable, Equatable {
    public var id: String
    public var name: String
    /// Budget fields that replace the plan's (`nil` keeps the plan's).
    public var total: Double??
    public var periodBudgets: [String: Double]?
    public var spendAll: Bool?
    public var objective: Plan.Objective?
    /// A factor for every impact.
    public var impactScale: Double?
    /// Factors by KPI id and by team id (multiplied together with `impactScale`).
    public var kpiImpactScale: [String: Double]
    public var teamImpactScale: [String: Double]
    /// Replacement worth and targets, by KPI id.
    public var kpiWorth: [String: Double]
    public var kpiTarget: [String: Target?]
    public var addedConstraints: [Constraint]
    public var removedConstraints: [String]

    public init(
        id: String, name: String? = nil, total: Double?? = nil, periodBudgets: [String: Double]? = nil,
        spendAll: Bool? = nil, objective: Plan.Objective? = nil, impactScale: Double? = nil,
        kpiImpactScale: [String: Double] = [:], teamImpactScale: [String: Double] = [:],
        kpiWorth: [String: Double] = [:], kpiTarget: [String: Target?] = [:],
        addedConstraints: [Constraint] = [], removedConstraints: [String] = []
    ) {
        self.id = id
        self.name = name ?? id
        self.total = total
        self.periodBudgets = periodBudgets
        self.spendAll = spendAll
        self.objective = objective
        self.impactScale = impactScale
        self.kpiImpactScale = kpiImpactScale
        self.teamImpactScale = teamImpactScale
        self.kpiWorth = kpiWorth
        self.kpiTarget = kpiTarget
        self.addedConstraints = addedConstraints
        self.removedConstraints = removedConstraints
    }
}

/// A class of rules that a best-effort what-if may miss, when no allocation meets every rule.
public enum RelaxClass: String, Sendable, Equatable, CaseIterable {
    /// KPI targets (hard ones; soft targets already give at their penalty).
    case targets
    /// Fairness floors.
    case fairness
    /// Shares and ratios.
    case shares
    /// Caps and floors.
    case caps
    /// Headcount caps.
    case headcount
    /// Committed amounts (contracts, existing staff): only when listed.
    case committed

    /// The order in which classes give by default: targets first, headcount last, committed
    /// spend never.
    public static let defaultOrder: [RelaxClass] = [.targets, .fairness, .shares, .caps, .headcount]
}

/// A fairness rule's terms: the least share each team in scope gets, of its own asks or of its
/// pro-rata share of the budget, with per-team exceptions.
public struct Fairness: Sendable, Equatable {
    /// What the fraction is of.
    public enum Basis: String, Sendable, Equatable {
        /// `minFractionOfAsk`: the team's in-scope asks.
        case ask
        /// `minFractionOfProRata`: the team's pro-rata share of the total budget in force, its
        /// in-scope asks × total ÷ all in-scope asks; it moves with the budget.
        case proRata
    }

    public var fraction: Double
    public var basis: Basis
    /// Fractions for named teams instead of `fraction`.
    public var exceptions: [String: Double]

    public init(fraction: Double, basis: Basis = .ask, exceptions: [String: Double] = [:]) {
        self.fraction = fraction
        self.basis = basis
        self.exceptions = exceptions
    }

    /// The fraction that applies to a team.
    public func fraction(forTeam id: String) -> Double { exceptions[id] ?? fraction }

    /// The plan file's key for the fraction.
    public var key: String { basis == .ask ? "minFractionOfAsk" : "minFractionOfProRata" }
}
