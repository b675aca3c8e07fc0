/// A typed reference to one element of a plan: the total budget, a period's budget, the least
/// spend of a minimize-spend plan, a rule, a KPI target, a dependency between requests, or a
/// request's committed spend, whole units or ask.
///
/// Everything that names a plan element (a diagnosis's conflicts; later a reason's causes, a
/// request's misses, a frontier's breakpoints) names it with one of these, by the plan's own ids,
/// so that a reader matches it against the plan without parsing strings. The JSON outputs write it
/// as `{"kind", "id", "side"?, "team"?, "of"?}`.
public enum PlanReference: Sendable, Equatable, Hashable {
    /// One side of a two-sided limit.
    public enum Side: String, Sendable, Equatable, Hashable {
        case min
        case max
    }

    /// What a reference points at; the raw value is the JSON's `kind`.
    public enum Kind: String, Sendable, Equatable, Hashable, CaseIterable {
        case budget
        case period
        case spend
        case rule
        case target
        case requires
        case committed
        case units
        case ask
        case request
        case team
        case kpi
        case plan
    }

    /// The total budget (its `id` is ``totalBudgetID``).
    case budget
    /// A period's budget, by period name.
    case period(String)
    /// The least total spend of a minimize-spend plan, which its dollars are priced against as
    /// other plans' are against the total budget (its `id` is ``totalBudgetID``).
    case spend
    /// A rule of the plan's `constraints`, by id; `team` names the team when the rule binds once
    /// per team (a fairness rule's floor for that team), nil for the rule as a whole.
    case rule(String, team: String? = nil)
    /// A KPI's target, by KPI id; `side` names the minimum or the maximum, nil for the target as
    /// a whole.
    case target(String, side: Side? = nil)
    /// A dependency: request `of` requires request `id` (it may not be funded to a larger share
    /// of its max than `id`).
    case requires(String, of: String)
    /// A request's committed spend (its min), by request id.
    case committed(String)
    /// A request's whole units (`unitCost`), by request id.
    case units(String)
    /// A request's ask (`amount`), by request id.
    case ask(String)
    /// A request as a whole (an input change to a field of it), by request id.
    case request(String)
    /// A team as a whole, by team id.
    case team(String)
    /// A KPI as a whole (its worth, name or unit), by KPI id.
    case kpi(String)
    /// The plan's own settings (name, currency, periods, objective); its `id` is ``planID``.
    case plan

    /// The `id` of the total budget and of the least spend, which have no id in the plan.
    public static let totalBudgetID = "total"
    /// The `id` of the plan's own settings.
    public static let planID = "plan"

    public var kind: Kind {
        switch self {
        case .budget: .budget
        case .period: .period
        case .spend: .spend
        case .rule: .rule
        case .target: .target
        case .requires: .requires
        case .committed: .committed
        case .units: .units
        case .ask: .ask
        case .request: .request
        case .team: .team
        case .kpi: .kpi
        case .plan: .plan
        }
    }

    /// The plan's id of the element: a period name, a rule id, a KPI id, a request id (for
    /// `requires`, the request that is needed), or ``totalBudgetID``.
    public var id: String {
        switch self {
        case .budget, .spend: Self.totalBudgetID
        case .plan: Self.planID
        case .period(let id), .rule(let id, _), .target(let id, _), .requires(let id, _), .committed(let id),
             .units(let id), .ask(let id), .request(let id), .team(let id), .kpi(let id):
            id
        }
    }

    /// The side of a target, when the reference names one.
    public var side: Side? {
        if case .target(_, let side) = self { side } else { nil }
    }

    /// The team of a per-team row of a rule.
    public var team: String? {
        if case .rule(_, let team) = self { team } else { nil }
    }

    /// For `requires`: the request that needs `id`.
    public var of: String? {
        if case .requires(_, let of) = self { of } else { nil }
    }

    /// Whether the reference is the price of money itself (the total budget, a period's budget,
    /// or the least spend of a minimize-spend plan) rather than a rule.
    public var isBudget: Bool {
        switch kind {
        case .budget, .period, .spend: true
        case .rule, .target, .requires, .committed, .units, .ask, .request, .team, .kpi, .plan: false
        }
    }
}
