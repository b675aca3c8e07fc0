import LinearSolver
import PlanFormat

/// The proposed allocation of a plan: what every request, team and KPI gets, what binds, and
/// (for an infeasible plan) why nothing can.
public struct Allocation: Sendable {
    /// How the solve ended.
    public enum Status: String, Sendable, Equatable {
        /// Proven optimal.
        case optimal
        /// A feasible allocation found within the time limit, not proven optimal.
        case feasible
        /// No allocation satisfies every rule; see `diagnosis`.
        case infeasible
        /// The solver stopped before finding any allocation.
        case noSolution = "no-solution"
    }

    /// How a request fared against its ask.
    public enum FundingStatus: String, Sendable, Equatable {
        /// Allocation at or above the ask.
        case full
        /// Between the attainable minimum and the ask.
        case partial
        /// Exactly the attainable minimum (committed spend), above zero.
        case floor
        /// Nothing.
        case unfunded
    }

    public struct RequestResult: Sendable, Equatable {
        public let id: String
        public let name: String
        public let team: String
        public let asked: Double
        /// The least the request can get (committed spend, rounded to whole units).
        public let committed: Double
        /// The most the request could take (max, rounded to whole units).
        public let attainableMax: Double
        public let allocated: Double
        public let status: FundingStatus
        /// Unit cost and whole units asked and funded, for headcount-style requests.
        public let unitCost: Double?
        public let unitsAsked: Double?
        public let unitsFunded: Double?
        /// KPI units the allocation is expected to bring (confidence included), by KPI id.
        public let impact: [String: Double]
        /// Worth-weighted value of the impact, in the plan's currency.
        public let value: Double

        /// Whether the allocation exceeds the ask.
        public var isAboveAsk: Bool { allocated > asked + Allocation.moneyTolerance(asked) }
    }

    public struct TeamResult: Sendable, Equatable {
        public let id: String
        public let name: String
        public let owner: String?
        public let asked: Double
        public let committed: Double
        public let allocated: Double
        public let unitsAsked: Double
        public let unitsFunded: Double
        public let value: Double

        /// What the team asked for beyond its committed spend.
        public var newAsks: Double { asked - committed }
        /// The ask minus the allocation (negative when funded above the ask).
        public var gap: Double { asked - allocated }
    }

    public struct KPIResult: Sendable, Equatable {
        public let id: String
        public let name: String
        public let unit: String?
        public let worth: Double
        public let achieved: Double
        public let target: Target?
        /// Whether every side of the target is met (nil without a target).
        public let met: Bool?
        /// Units short of the min target (or over the max), and the penalty they cost, for soft targets.
        public let shortfall: Double
        public let penalty: Double
        /// Value per KPI unit of moving the binding target (nil when not binding or not available).
        public let shadowPrice: Double?
    }

    public struct RuleResult: Sendable, Equatable {
        public let id: String
        public let name: String
        public let kind: String
        public let binding: Bool
        /// Change in value per unit of the rule's parameter (see `shadowPriceUnit`); nil for
        /// integer plans, whose prices come from re-solving.
        public let shadowPrice: Double?
        public let shadowPriceUnit: String

        /// The rule, as a typed reference to the plan.
        public var ref: PlanReference { .rule(id) }
    }

    public struct PeriodResult: Sendable, Equatable {
        public let period: String
        public let spend: Double
        public let budget: Double?
        /// Value of one more dollar of this period's budget (nil for integer plans).
        public let cutoff: Double?
    }

    public let plan: Plan
    public let scenario: Scenario?
    public let status: Status
    /// Whether the program needed integer variables, and why.
    public let integerReasons: [String]
    /// The relative optimality gap of an integer plan (0 when proven optimal).
    public let relativeGap: Double?
    public let spend: Double
    /// Worth-weighted KPI total less soft-target penalties, in the plan's currency; spend is
    /// not subtracted.
    public let value: Double
    /// Value of one more dollar of total budget: the line every freely placed dollar clears. For
    /// an integer plan, with its whole-unit and all-or-nothing choices held as proposed.
    public let cutoff: Double?
    public let periods: [PeriodResult]
    public let requests: [RequestResult]
    public let teams: [TeamResult]
    public let kpis: [KPIResult]
    public let rules: [RuleResult]
    public let warnings: [String]
    public let diagnosis: Diagnosis?
    /// Seconds spent solving.
    public let solveSeconds: Double
    /// The optimum of the program as solved (value less tie-break terms of about 1e-8 of it,
    /// plus the hair of a cost per dollar), for comparison with `allot lp solve` on the exported program.
    public let programObjective: Double?
    /// How many times the plan's program was re-solved after its base solve to give this
    /// allocation's figures (an integer plan's funding line: once; a linear plan's: never).
    public internal(set) var resolves = 0

    public var isInteger: Bool { !integerReasons.isEmpty }
    public var asked: Double { requests.reduce(0) { $0 + $1.asked } }

    /// The tolerance below which two money amounts are the same (a cent, or a billionth).
    static func moneyTolerance(_ scale: Double) -> Double { max(0.005, abs(scale) * 1e-9) }
}

extension Allocation {
    /// The positions in `requests` of a team's requests (requests are listed team by team).
    /// Whole units funded on the unit-cost requests a scope selects (what a headcount cap counts).
    public func unitsFunded(in scope: Scope) -> Double {
        let teams = Set(scope.teams), groups = Set(scope.groups), ids = Set(scope.requests)
        var index = 0
        var units = 0.0
        for team in plan.teams {
            let wholeTeam = scope.isWholePlan || teams.contains(team.id) || !groups.isDisjoint(with: team.groups)
            for request in team.requests {
                if wholeTeam || ids.contains(request.id), let funded = requests[index].unitsFunded { units += funded }
                index += 1
            }
        }
        return units
    }

    public func requestRange(ofTeam id: String) -> Range<Int> {
        var start = 0
        for team in plan.teams {
            if team.id == id { return start..<(start + team.requests.count) }
            start += team.requests.count
        }
        return 0..<0
    }
}
