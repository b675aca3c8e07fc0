import LinearSolver
import PlanFormat

/// The proposed allocation of a plan: what every request gets, where every KPI ends up, what
/// binds, and (for an infeasible plan) why nothing can. A team's figures are its requests' sums,
/// which the reports add up.
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

    /// What one request gets.
    public struct RequestResult: Sendable {
        /// The request's id and name, and its team's id.
        public let id, name, team: String
        /// Amounts in the plan's currency. `asked`: its amount. `committed`: the least it can get
        /// (committed spend, rounded to whole units). `attainableMax`: the most it could take
        /// (max, rounded to whole units). `allocated`: what the proposal gives it. `value`: the
        /// worth-weighted value of its impact.
        public let asked, committed, attainableMax, allocated, value: Double
        public let status: FundingStatus
        /// Unit cost and whole units asked and funded, for headcount-style requests.
        package let unitCost, unitsAsked, unitsFunded: Double?
        /// KPI units the allocation is expected to bring (confidence included), by KPI in the
        /// plan's order: the KPI of `kpiIDs` at the same position.
        package let impacts: [Double]
        /// The plan's KPI ids, in its order (one array shared by every request's result).
        package let kpiIDs: [String]

        /// The KPI units the allocation is expected to bring of one KPI, by its id.
        package func impact(of kpi: String) -> Double? {
            kpiIDs.firstIndex(of: kpi).map { impacts[$0] }
        }
    }

    /// Where one KPI ends up.
    package struct KPIResult: Sendable {
        /// The KPI's id and name.
        package let id, name: String
        package let unit: String?
        /// `worth`: what one unit is worth. `achieved`: the units the allocation brings.
        /// `shortfall`: units short of the min target (or over the max) of a soft target, and
        /// `penalty` the value they cost.
        package let worth, achieved, shortfall, penalty: Double
        package let target: Target?
        /// Whether every side of the target is met (nil without a target).
        package let met: Bool?
        /// Value per KPI unit of moving the binding target (nil when not binding or not available).
        package let shadowPrice: Double?
    }

    /// Whether one plan rule binds, and its price.
    package struct RuleResult: Sendable {
        /// The rule's id, name (its id when it has none) and kind.
        package let id, name, kind: String
        package let binding: Bool
        /// Change in value per unit of the rule's parameter (per dollar for a cap or floor, per
        /// percentage point for a share, ratio or fairness rule, per head for a headcount cap);
        /// nil for integer plans, whose prices come from re-solving.
        package let shadowPrice: Double?
    }

    /// One period's spend against its budget.
    package struct PeriodResult: Sendable {
        package let period: String
        package let spend: Double
        /// The period's budget, and the value of one more dollar of it (nil for integer plans).
        package let budget, cutoff: Double?
    }

    /// Why a plan needs whole-number choices: one request's terms.
    package enum IntegerReason: Sendable {
        /// The request is funded in full or not at all.
        case allOrNothing(request: String)
        /// The request is funded in whole units of `unitCost`.
        case wholeUnits(request: String, unitCost: Double)
        /// The request's returns do not diminish with spend (its impact curve is not concave), so
        /// its slices must be filled in order.
        case slicesInOrder(request: String)
        /// The request is funded at zero or at least `minimum`.
        case zeroOrAtLeast(request: String, minimum: Double)
    }

    public let plan: Plan
    package let scenario: Scenario?
    public let status: Status
    /// Whether the program needed integer variables, and why.
    package let integerReasons: [IntegerReason]
    /// `spend`: the proposal's total. `value`: worth-weighted KPI total less soft-target
    /// penalties, in the plan's currency (spend is not subtracted). `solveSeconds`: seconds
    /// spent solving.
    public let spend, value, solveSeconds: Double
    /// `relativeGap`: the relative optimality gap of an integer plan (0 when proven optimal).
    /// `cutoff`: the value of one more dollar of total budget, the line every freely placed
    /// dollar clears (for an integer plan, with its whole-unit and all-or-nothing choices held
    /// as proposed). `programObjective`: the optimum of the program as solved (value less
    /// tie-break terms of about 1e-8 of it, plus the hair of a cost per dollar), for comparison
    /// with `allot lp solve` on the exported program.
    public let relativeGap, cutoff, programObjective: Double?
    package let periods: [PeriodResult]
    /// Every request, team by team in the plan's order.
    public let requests: [RequestResult]
    package let kpis: [KPIResult]
    package let rules: [RuleResult]
    /// Warnings found while reading the plan, in words.
    public let warnings: [String]
    /// For an infeasible plan: why.
    public internal(set) var diagnosis: Diagnosis?
    /// How many times the plan's program was re-solved after its base solve to give this
    /// allocation's figures (an integer plan's funding line: once; a linear plan's: never).
    package internal(set) var resolves = 0
    /// When several allocations are equally good and one was chosen for the least change from a
    /// reference (another total budget, the first column of a comparison): how.
    package internal(set) var leastChange: LeastChangeChoice? = nil
    /// For a best-effort allocation (no allocation meets every rule): the rules it misses, by
    /// the least, in the plan's order. Empty otherwise.
    package internal(set) var misses: [Miss] = []

    /// The tolerance below which two money amounts are the same (a cent, or a billionth).
    static func moneyTolerance(_ scale: Double) -> Double { max(0.005, abs(scale) * 1e-9) }
}
