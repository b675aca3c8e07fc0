import Allot
import PlanFormat
import Synchronization

/// The words every renderer shares: names of the plan's elements, lists, the rules in words, the
/// unit value is counted in. Sentences about reasons, rules and diagnoses are built on it
/// (``ReasonSentences``, ``RuleSentences``, ``DiagnosisSentences``).
struct Words: Sendable {
    let plan: Plan
    let format: Format
    /// The plan's requests by id, and its teams' names by id, found once, when first asked for.
    private let tables: Tables

    /// Built on first use: most renderings of large plans never look a name up.
    final class Tables: Sendable {
        struct Built {
            var requests: [String: Request]
            var teamNames: [String: String]
        }

        let plan: Plan
        private let built: Mutex<Built?> = Mutex(nil)

        init(plan: Plan) { self.plan = plan }

        func tables<T>(_ read: (Built) -> T) -> T {
            built.withLock { built in
                if built == nil {
                    built = Built(
                        requests: Dictionary(plan.teams.flatMap(\.requests).map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first }),
                        teamNames: Dictionary(plan.teams.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first }))
                }
                return read(built!)
            }
        }
    }

    init(plan: Plan) {
        self.plan = plan
        self.format = Format(currency: plan.currency)
        tables = Tables(plan: plan)
    }

    // MARK: Lists and letters

    /// "a", "a and b", "a, b and c".
    static func list(_ items: [String]) -> String {
        guard items.count > 1 else { return items.first ?? "" }
        return items.dropLast().joined(separator: ", ") + " and " + items.last!
    }

    func listed(_ items: [String]) -> String { Self.list(items) }

    /// A warning as a reader of a report takes it: "the period budgets sum to $150k, not the
    /// total $300k (plan file line 13, at budget.periods)" rather than the command line's
    /// "plan.json:13:14: budget.periods: ...". Text of another shape is kept as it is.
    static func readableWarning(_ text: String) -> String {
        let parts = text.split(separator: ": ", maxSplits: 2, omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 3 else { return text }
        let place = parts[0].split(separator: ":").map(String.init)
        guard place.count >= 3, let line = Int(place[place.count - 2]), Int(place[place.count - 1]) != nil else { return text }
        return "\(parts[2]) (plan file line \(line), at \(parts[1]))"
    }

    static func capitalized(_ text: String) -> String { text.prefix(1).uppercased() + text.dropFirst() }

    // MARK: Names

    func teamName(_ id: String) -> String { tables.tables { $0.teamNames[id] } ?? id }

    func request(_ id: String) -> Request? { tables.tables { $0.requests[id] } }

    /// A request's name in quotes: "'CRM upgrade'".
    func quotedRequest(_ id: String) -> String { "'\(request(id)?.name ?? id)'" }

    func constraint(_ id: String) -> Constraint? { plan.constraints.first { $0.id == id } }

    /// A constraint's name in quotes: "'Go-to-market at most 40% of spend'", or its id.
    func quotedRule(_ constraint: Constraint) -> String { "'\(constraint.name ?? constraint.id)'" }

    /// The name of what a term, a block or a rule limit refers to.
    func ruleLabel(_ ref: PlanReference) -> String { label(ref) }

    /// A constraint's name by id, in quotes (a headcount cap that stops a whole hire).
    func ruleLabel(_ id: String) -> String { label(.rule(id)) }

    /// A plan element's name in a sentence: "the total budget", "the Q1 budget", "the Net new ARR
    /// target", "'CRM' needing 'Data platform'", "'Go-to-market cap'".
    func label(_ ref: PlanReference) -> String {
        switch ref {
        case .budget: return "the total budget"
        case .spend: return "the least spend that meets the targets"
        case .period(let period): return "the \(period) budget"
        case .target(let id, _): return "the \(plan.kpis.first { $0.id == id }?.name ?? id) target"
        case .requires(let needed, let of): return "\(quotedRequest(of)) needing \(quotedRequest(needed))"
        case .rule(let id, _): return constraint(id).map(quotedRule) ?? id
        case .committed(let id): return "the committed spend of \(quotedRequest(id))"
        case .units(let id): return "the whole units of \(quotedRequest(id))"
        case .ask(let id): return "the ask of \(quotedRequest(id))"
        case .request(let id): return quotedRequest(id)
        case .team(let id): return teamName(id)
        case .kpi(let id): return plan.kpis.first { $0.id == id }?.name ?? id
        case .plan: return "the plan's settings"
        }
    }

    /// A binding rule's name in tables: the constraint's name, or "<KPI> target".
    func ruleName(_ rule: Explanation.RuleReason) -> String {
        if case .target(let id, _) = rule.ref { return "\(plan.kpis.first { $0.id == id }?.name ?? id) target" }
        return constraint(rule.id).map { $0.name ?? $0.id } ?? rule.id
    }

    /// The unit a rule's price is given per: "per dollar" for a cap or floor, "per percentage
    /// point", "per head", "per <KPI unit> of <KPI name>" for a target.
    func priceUnit(kind: String, ref: PlanReference) -> String {
        switch kind {
        case "cap", "floor": return "per \(format.unitName)"
        case "share", "ratio", "fairness": return "per percentage point"
        case "headcount": return "per head"
        default:
            let kpi = plan.kpis.first { $0.id == ref.id }
            return "per \(kpi?.unit ?? "unit") of \(kpi?.name ?? ref.id)"
        }
    }

    /// The unit value is given in: "ARR-equivalent dollars" when a KPI in the plan's currency is
    /// worth 1 (named by its short id when its name spells it, as in "Net new ARR"), else
    /// "<currency>-equivalent value".
    var valueUnit: String { Self.valueUnit(plan) }

    static func valueUnit(_ plan: Plan) -> String {
        if let kpi = plan.kpis.first(where: { $0.worth == 1 && ($0.unit ?? "").uppercased() == plan.currency.uppercased() }) {
            let words = kpi.name.split(separator: " ").map(String.init)
            let short = words.contains(kpi.id.uppercased()) ? kpi.id.uppercased() : kpi.name
            return "\(short)-equivalent \(Format(currency: plan.currency).currencyName)"
        }
        return "\(plan.currency)-equivalent value"
    }

    /// Whether a KPI is counted in the plan's own money, one for one.
    func isMoney(_ kpi: KPI) -> Bool { kpi.worth == 1 && (kpi.unit ?? "").uppercased() == plan.currency.uppercased() }

    /// A KPI quantity with the KPI named: "$1.2M of Net new ARR", "1.2 pp (Gross churn reduction)".
    func quantity(_ value: Double, of kpi: KPI) -> String {
        if let unit = kpi.unit, Format.isCurrency(unit) { return Format(currency: unit).money(value) + " of " + kpi.name }
        return Format.quantity(format.number(value), unit: kpi.unit) + " (\(kpi.name))"
    }

    // MARK: Rules in words

    func scopeText(_ scope: Scope) -> String {
        if scope.isWholePlan { return "the whole plan" }
        var parts: [String] = []
        if !scope.groups.isEmpty { parts.append("the " + listed(scope.groups) + " group" + (scope.groups.count > 1 ? "s" : "")) }
        if !scope.teams.isEmpty { parts.append(listed(scope.teams.map(teamName))) }
        if !scope.requests.isEmpty { parts.append(listed(scope.requests.map { id in request(id).map { "'\($0.name)'" } ?? id })) }
        return listed(parts)
    }

    /// A rule in words, with its name: "the rule 'GTM cap' (spend on the gtm group capped at $2M)".
    func describe(_ constraint: Constraint) -> String {
        let f = format
        let scope = scopeText(constraint.scope)
        let what: String
        switch constraint.kind {
        case .cap(let max): what = "spend on \(scope) capped at \(f.money(max))"
        case .floor(let min): what = "spend on \(scope) of at least \(f.money(min))"
        case .share(let min, let max):
            what = [min.map { "at least \(f.percent($0))" }, max.map { "at most \(f.percent($0))" }].compactMap { $0 }
                .joined(separator: " and ") + " of all spend on \(scope)"
        case .ratio(let to, let min, let max):
            what = "spend on \(scope) " + [min.map { "at least \(f.number($0))×" }, max.map { "at most \(f.number($0))×" }]
                .compactMap { $0 }.joined(separator: " and ") + " that on \(scopeText(to))"
        case .headcount(let max): what = "at most \(f.number(max)) new heads on \(scope)"
        case .fairness(let fairness):
            let of = fairness.basis == .ask ? "of its ask" : "of its pro-rata share of the budget (its asks' share of all asks, times the total)"
            let exceptions = fairness.exceptions.keys.sorted().map { "\(teamName($0)) \(f.percent(fairness.exceptions[$0]!))" }
            what = "every team in \(scope) gets at least \(f.percent(fairness.fraction)) \(of)"
                + (exceptions.isEmpty ? "" : "; " + exceptions.joined(separator: ", "))
        }
        return "the rule \(quotedRule(constraint)) (\(what))"
    }

    /// A KPI target in words: "the target of at least $14M of Net new ARR".
    func describeTarget(_ kpi: KPI) -> String {
        guard let target = kpi.target else { return kpi.name }
        let sides = [target.min.map { "at least \(quantity($0, of: kpi))" }, target.max.map { "at most \(quantity($0, of: kpi))" }]
            .compactMap { $0 }
        return "the target of " + sides.joined(separator: " and ")
    }

    /// Why the plan needs whole-number choices, one request's terms.
    func integerReason(_ reason: Allocation.IntegerReason) -> String {
        switch reason {
        case .allOrNothing(let id): "\(quotedRequest(id)) is all-or-nothing"
        case .wholeUnits(let id, let cost): "\(quotedRequest(id)) is funded in whole units of \(format.money(cost))"
        case .slicesInOrder(let id):
            "the returns of \(quotedRequest(id)) do not diminish with spend (its impact curve is not concave), so its slices must be filled in order"
        case .zeroOrAtLeast(let id, let minimum): "\(quotedRequest(id)) is funded at zero or at least \(format.money(minimum))"
        }
    }
}
