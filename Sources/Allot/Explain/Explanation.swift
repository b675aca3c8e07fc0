/// The reasons behind an allocation, as facts: for every request and binding rule, numbers that
/// can be checked, codes and references to the plan (formulation.md, "Reading the answer"). The
/// words that say them are AllotReports'.
import PlanFormat
public struct Explanation: Sendable {
    /// What a request's dollar is priced at, one rule at a time.
    package struct Term: Sendable {
        /// What the term prices, by the plan's own ids: the total budget, a period's budget, the
        /// least spend (minimize-spend), a rule (for a fairness rule, the team's floor), a KPI
        /// target as a whole, or a dependency between requests.
        package let ref: PlanReference
        /// Value per dollar this rule adds to (positive: holds the request down) or takes off
        /// (negative: holds it up) the price of the request's marginal dollar.
        package let perDollar: Double

        init(ref: PlanReference, perDollar: Double) {
            self.ref = ref
            self.perDollar = perDollar
        }

        /// Whether the term is the price of money itself (the total, a period's budget, or the
        /// least spend of a minimize-spend plan) rather than of a rule.
        var isBudget: Bool { ref.isBudget }
    }

    /// What it would take for a request to be funded in full.
    package struct FullFunding: Sendable {
        init(valuePerDollar: Double?, budget: Double?, blockedBy: PlanReference?, ruleLimit: (ref: PlanReference, limit: Double)? = nil) {
            self.valuePerDollar = valuePerDollar
            self.budget = budget
            self.blockedBy = blockedBy
            self.ruleLimit = ruleLimit
        }

        /// `valuePerDollar`: the value per dollar the request's last asked dollar must create, all
        /// else equal (its other slices shifted by the same amount); nil when no value would do.
        /// `budget`: the least total budget from which the request is fully funded at every
        /// budget up to the point beyond which nothing changes; nil when it is not fully funded
        /// even there.
        package let valuePerDollar, budget: Double?
        /// The budget, rule, target or dependency that prevents full funding whatever the value,
        /// when there is one.
        package let blockedBy: PlanReference?
        /// For a request held by a rule: the rule and the limit (in the rule's units) at which
        /// the request would be fully funded, all else equal.
        package internal(set) var ruleLimit: (ref: PlanReference, limit: Double)? = nil
    }

    /// A threshold of a request, all else equal: the value per dollar at which its allocation
    /// changes, and the least total budget from which the same holds at every total above it.
    package struct Threshold: Sendable, Equatable {
        /// The value per dollar its dollars must create (nil when no value would do).
        package let valuePerDollar: Double?
        /// The least total budget from which it holds at every total up to where more money
        /// changes nothing (nil: not found, or not reached even there).
        package let budget: Double?
        /// The rules checked to stand in the way (or hold it up), from the request's causes.
        package let causes: [PlanReference]
        /// Whether the figures come from samples or time-limited re-solves (integer plans, large
        /// plans) rather than exact prices.
        package let approximate: Bool
    }

    /// Whole units that come together, and what each of them must return per dollar to be funded
    /// (from the upper concave envelope of the plan's value over the request's units).
    package struct UnitThreshold: Sendable, Equatable {
        /// The unit (1 for the first) and the value per dollar it must create.
        package let unit: Int
        package let valuePerDollar: Double
        /// The units that come with it (those of the same piece of the envelope), itself included.
        package let with: [Int]
    }

    /// Why a request got what it got.
    public enum ReasonCode: String, Sendable, Equatable {
        /// Funded in full: its value per dollar clears the funding line.
        case funded
        /// Funded above its ask, up to its max.
        case aboveAsk = "above-ask"
        /// Cut at the funding line: its (next) dollars return less than the line.
        case belowLine = "below-line"
        /// Held below what its return alone would earn by a binding rule.
        case heldByRule = "held-by-rule"
        /// Funded beyond what its return alone would earn because a rule requires it.
        case heldUpByRule = "held-up-by-rule"
        /// Committed spend without KPI impact.
        case runTheBusiness = "run-the-business"
        /// Held at its committed spend; the rest is below the line.
        case committed
        /// No KPI impact was given, so nothing speaks for funding it.
        case noImpact = "no-impact"
        /// Its value per dollar equals the funding line: a tie with other requests.
        case tie
        /// Not funded or partly funded because it comes in whole units or all at once.
        case indivisible
    }

    /// A slice of a request's spend with one value per dollar (by the team's estimate).
    package struct Slice: Sendable {
        /// Where the slice starts and ends (cumulative spend), and the value per dollar in it.
        package let start, end, valuePerDollar: Double
        /// The KPI units the slice brings, confidence included, by KPI id: every KPI the request
        /// states an impact on, and no other.
        package let impact: [String: Double]
    }

    /// A rule checked to hold a request where it is: without it (and without `together`, when
    /// it holds the request only with them), the request moves by at least what the reports show.
    package struct Cause: Sendable, Equatable {
        /// `holdsDown`: without it the request gets more; `holdsUp`: less.
        package enum Effect: String, Sendable { case holdsDown = "holds-down", holdsUp = "holds-up" }
        /// `would`: the request moves in every best allocation without it; `could`: in some (an
        /// integer plan's re-solve is one allocation, so its causes are `could`).
        package enum Certainty: String, Sendable { case would, could }
        package let ref: PlanReference
        package let effect: Effect
        package let certainty: Certainty
        /// The other rules it holds the request with: either alone would hold it.
        package let together: [PlanReference]
        /// What the request gets without it (the nearer end, for `could`).
        package let without: Double
        /// Checked with the request returning nothing (what keeps it funded even so).
        package internal(set) var whenReturningNothing = false
    }

    /// Why one request got what it got.
    public struct RequestReason: Sendable {
        /// The request's id and its team's.
        public let id, team: String
        public let code: ReasonCode
        /// `valuePerDollar`: the value per dollar of the request's marginal dollar (its next
        /// unfunded dollar, or its last funded one when fully funded). `price`: what that dollar
        /// is priced at (the sum of `terms`). `fundingLine`: the line the request's dollars must
        /// clear, the price of money in the budgets it spends in (nil without a budget).
        /// `fundedValuePerDollar`: the value of its last funded dollar, above its committed
        /// spend (which a rule may be holding up). `keepsFundingDownTo`: for a funded request,
        /// the value per dollar below which its allocation starts to fall.
        public let valuePerDollar, price, fundingLine, fundedValuePerDollar, keepsFundingDownTo: Double?
        /// The rules that make up the price, adding up to it.
        package let terms: [Term]
        /// For a request not fully funded: what full funding would take.
        package let fullFundingAt: FullFunding?
        /// Whether its what-it-would-take figures were computed (large plans compute them on
        /// demand), and whether they were asked for but left out because the time limit
        /// stopped them.
        package let thresholdsComputed, thresholdsStoppedByTimeLimit: Bool
        /// The request's spend slices up to its attainable max, in order.
        package let slices: [Slice]
        /// For a whole-unit request: the headcount caps at their limit that count it, by id (one
        /// more unit would break them).
        package let fullHeadcountCaps: [String]
        /// The rules checked to hold it where it is (by re-solving without them); nil when not
        /// checked (its figures were not asked for, or the time limit stopped the check).
        package internal(set) var causes: [Cause]? = nil
        /// The three thresholds where they exist: its first dollar above its committed amount
        /// (for a request that has none), keeping what it has (for a funded one), and full
        /// funding (for one short of its ask).
        package internal(set) var firstFundingAt: Threshold? = nil
        package internal(set) var keepsFunding: Threshold? = nil
        package internal(set) var fullFunding: Threshold? = nil
        /// For a whole-unit request of an integer plan (up to 40 units): each unit's threshold.
        package internal(set) var units: [UnitThreshold] = []
    }

    /// A plan rule or KPI target: whether it shapes the proposal, its price, the range where
    /// that price holds, and who gains or loses without it.
    package struct RuleReason: Sendable {
        /// One team's change in allocation without the rule.
        package struct Effect: Sendable {
            package let team: String
            package let delta: Double
        }

        /// A figure the time limit stopped before it was worked out.
        package enum Figure: String, Sendable, Equatable {
            case price = "its price"
            case range = "the range where its price holds"
            case effects = "what changes without it"
        }

        /// The rule's id (`target:<kpi>` for a target) and its kind (cap, floor, share, ratio,
        /// headcount, fairness, target).
        package let id, kind: String
        /// The rule or KPI target, as a typed reference to the plan.
        package let ref: PlanReference
        /// `binding`: whether the rule shapes the proposal, at its limit or (with whole units)
        /// met with room to spare while the proposal would still change without it. `atLimit`:
        /// whether the proposal sits exactly at the rule's limit.
        package let binding, atLimit: Bool
        /// `shadowPrice`: value per unit of the rule's parameter (per dollar for a cap or floor,
        /// per percentage point for a share, ratio or fairness rule, per head for a headcount
        /// cap, per KPI unit for a target). `valueGivenUp`: the value the plan would gain without
        /// the rule. `dollarsMoved`: the dollars that change hands between teams without it.
        package let shadowPrice, valueGivenUp, dollarsMoved: Double?
        /// The range of the rule's parameter over which that price holds (rule units).
        package let validRange: (lower: Double?, upper: Double?)?
        /// Each team's change in allocation if the rule were removed.
        package let ifRemoved: [Effect]
        /// What the time limit stopped before it was worked out: left out, and said so.
        package internal(set) var leftOutByTimeLimit: [Figure] = []
    }

    /// How the figures were computed. Counts and settings, never measured times: the same plan
    /// gives the same account.
    package enum Method: Sendable {
        /// The prices of the proposal, with `resolves` re-solves for what-it-would-take figures.
        case prices(resolves: Int)
        /// An integer plan: every figure from re-solving it, `resolves` times, each allowed up to
        /// `each` seconds, within a time limit of `within` seconds (nil: none given).
        case resolving(resolves: Int, each: Double?, within: Double?)
    }

    /// What a reader must know to read the figures right.
    package enum Note: Sendable {
        /// Whole units or all-or-nothing items: figures from re-solving, the funding line with
        /// the proposed whole-unit choices held.
        case wholeUnits
        /// The proposal is the best found within the time limit, not proven optimal.
        case notProvenOptimal
        /// The time limit stopped the explanation: the funding line (when `fundingLine`), the
        /// thresholds of `requests` of the `asked` requests, the price, range or effects of
        /// `rules` binding rules and whether `checks` rules not at their limits would shape the
        /// proposal were left out.
        case stopped(fundingLine: Bool, requests: Int, asked: Int, rules: Int, checks: Int)
        /// Full-funding budgets found by halving the budget range (a large plan).
        case budgetsByHalving
        /// A least-spend plan: no value thresholds.
        case leastSpend
        /// What-it-would-take figures computed for `computed` of `of` requests only.
        case thresholdsFor(computed: Int, of: Int)
        /// Causes checked by re-solving for `checked` of the `of` requests whose reasons name a
        /// rule (held down, held up, or kept funded whatever it returns).
        case causesChecked(checked: Int, of: Int)
    }

    /// The allocation explained. Its `cutoff` is the funding line, the value every freely placed
    /// dollar clears, and each period's `cutoff` that period budget's line.
    public let allocation: Allocation
    /// One reason per request, in the order of `allocation.requests`.
    public let requests: [RequestReason]
    /// Every plan rule, then every hard KPI target.
    package let rules: [RuleReason]
    package let method: Method
    /// What a reader must know; a `stopped` note says that the time limit stopped the
    /// explanation before every figure was worked out (those left out are marked where they
    /// would be).
    package let notes: [Note]
    /// Seconds spent explaining (after the solve).
    package let seconds: Double
    /// How many times the plan's program was re-solved after its base solve, for the allocation
    /// and the explanation together.
    package internal(set) var resolves = 0
    /// With period budgets: the value per dollar of the marginal freely placed dollar over the
    /// year, the spend-weighted mean of the prices (total budget and period budgets, by each
    /// request's phasing) of the partly funded requests that no rule holds; nil when there are
    /// none, or no period budget.
    package internal(set) var annualFundingLine: Double? = nil
}
