/// The reasons behind an allocation: for every request, team and binding rule, in numbers that
/// can be checked and in plain words (formulation.md, "Reading the answer").
import PlanFormat
public struct Explanation: Sendable {
    /// What a request's dollar is priced at, one rule at a time.
    public struct Term: Sendable, Equatable {
        /// What the term prices, by the plan's own ids: the total budget, a period's budget, the
        /// least spend (minimize-spend), a rule (for a fairness rule, the team's floor), a KPI
        /// target as a whole, or a dependency between requests.
        public let ref: PlanReference
        /// The rule in words ("the total budget", "the cap 'Marketing programs'").
        public let name: String
        /// Value per dollar this rule adds to (positive: holds the request down) or takes off
        /// (negative: holds it up) the price of the request's marginal dollar.
        public let perDollar: Double

        public init(ref: PlanReference, name: String, perDollar: Double) {
            self.ref = ref
            self.name = name
            self.perDollar = perDollar
        }

        /// Whether the term is the price of money itself (the total, a period's budget, or the
        /// least spend of a minimize-spend plan) rather than of a rule.
        public var isBudget: Bool { ref.isBudget }
    }

    /// What it would take for a request to be funded in full.
    public struct FullFunding: Sendable, Equatable {
        public init(
            valuePerDollar: Double?, budget: Double?, blockedBy: PlanReference?, ruleLimit: (ref: PlanReference, limit: Double)? = nil
        ) {
            self.valuePerDollar = valuePerDollar
            self.budget = budget
            self.blockedBy = blockedBy
            self.ruleLimit = ruleLimit
        }

        /// The value per dollar the request's last asked dollar must create, all else equal
        /// (its other slices shifted by the same amount). Nil when no value would do.
        public let valuePerDollar: Double?
        /// The least total budget from which the request is fully funded at every budget up to
        /// the point beyond which nothing changes. Nil when it is not fully funded even there.
        public let budget: Double?
        /// The budget, rule, target or dependency that prevents full funding whatever the value,
        /// when there is one.
        public let blockedBy: PlanReference?
        /// For a request held by a rule: the rule and the limit (in the rule's units) at which
        /// the request would be fully funded, all else equal.
        public var ruleLimit: (ref: PlanReference, limit: Double)? = nil

        public static func == (a: FullFunding, b: FullFunding) -> Bool {
            a.valuePerDollar == b.valuePerDollar && a.budget == b.budget && a.blockedBy == b.blockedBy
                && a.ruleLimit?.ref == b.ruleLimit?.ref && a.ruleLimit?.limit == b.ruleLimit?.limit
        }
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
    public struct Slice: Sendable, Equatable {
        public let start: Double
        public let end: Double
        public let valuePerDollar: Double
    }

    public struct RequestReason: Sendable {
        public let id: String
        public let team: String
        public let code: ReasonCode
        /// One or two sentences for the team lead.
        public let text: String
        /// The value per dollar of the request's marginal dollar (its next unfunded dollar, or
        /// its last funded one when fully funded).
        public let valuePerDollar: Double?
        /// What that dollar is priced at, and the rules that make up the price (adding up).
        public let price: Double?
        public let terms: [Term]
        /// For a request not fully funded: what full funding would take.
        public let fullFundingAt: FullFunding?
        /// For a funded request: the value per dollar below which its allocation starts to fall.
        public let keepsFundingDownTo: Double?
        /// Whether the thresholds were computed (large plans compute them on demand).
        public let thresholdsComputed: Bool
        /// The request's spend slices up to its attainable max, in order.
        public let slices: [Slice]
        /// Whether its thresholds were asked for but left out because the time limit stopped
        /// them (the text says so).
        public var thresholdsStoppedByTimeLimit = false
    }

    public struct TeamReason: Sendable {
        public let id: String
        public let text: String
        /// The reason behind most of the team's gap, in a few words.
        public let mainReason: String
    }

    /// A binding rule: its price, its range, and who gains or loses without it.
    public struct RuleReason: Sendable {
        public struct Effect: Sendable, Equatable {
            public let team: String
            public let delta: Double
        }

        public let id: String
        /// The rule or KPI target, as a typed reference to the plan.
        public let ref: PlanReference
        public let name: String
        public let kind: String
        /// Whether the rule shapes the proposal: at its limit, or (with whole units) met with
        /// room to spare while the proposal would still change without it.
        public let binding: Bool
        /// Whether the proposal sits exactly at the rule's limit.
        public let atLimit: Bool
        /// Value per unit of the rule's parameter (`unit`).
        public let shadowPrice: Double?
        public let unit: String
        /// The range of the rule's parameter over which that price holds (rule units).
        public let validRange: (lower: Double?, upper: Double?)?
        /// Value the plan would gain without the rule.
        public let valueGivenUp: Double?
        /// Dollars the rule moves between requests (half the sum of absolute changes).
        public let dollarsMoved: Double?
        /// Each team's change in allocation if the rule were removed.
        public let ifRemoved: [Effect]
        public let text: String
        /// What the time limit stopped before it was worked out ("its price", "the range where
        /// its price holds", "what changes without it"): left out, and said so in `text`.
        public var leftOutByTimeLimit: [String] = []
    }

    public let allocation: Allocation
    /// The value every freely placed dollar clears (for an integer plan, with its whole-unit and
    /// all-or-nothing choices held as proposed); nil without a total budget.
    public let fundingLine: Double?
    /// Each period budget's funding line, by period (same basis as `fundingLine`).
    public let periodLines: [String: Double]
    public let requests: [RequestReason]
    public let teams: [TeamReason]
    public let rules: [RuleReason]
    /// How the figures were computed ("prices of the optimal solution" or "re-solving the
    /// integer program ..."), for the reader. Counts, never measured times: the same plan gives
    /// the same words.
    public let method: String
    /// `method` without the time the re-solves took, for outputs that must read the same from
    /// run to run (JSON).
    public let untimedMethod: String
    /// Seconds spent explaining (after the solve).
    public let seconds: Double
    /// The unit of value, for every sentence that speaks of value.
    public let valueUnit: String
    public let notes: [String]
    /// Whether the time limit stopped the explanation before every figure was worked out: those
    /// left out are marked where they would be, and a note counts them.
    public var stoppedByTimeLimit = false
    /// How many times the plan's program was re-solved after its base solve, for the allocation
    /// and the explanation together.
    public internal(set) var resolves = 0
}
