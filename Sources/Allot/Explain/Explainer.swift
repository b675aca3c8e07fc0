import LinearSolver
import PlanFormat

/// Options for explaining an allocation.
public struct ExplainOptions: Sendable {
    /// Which requests get thresholds (each costs re-solves).
    public enum Thresholds: Sendable {
        /// Every request, unless the plan is large (more than `largePlan` requests): then none.
        case automatic
        case all
        case none
        /// Only the requests of these teams.
        case teams(Set<String>)
    }

    var thresholds: Thresholds
    /// Re-solve without each binding rule to say who gains or loses (one re-solve per rule).
    var ruleEffects: Bool
    /// When the explanation must be done: its solve and every re-solve share it, and no
    /// re-solve starts once it has passed. Figures whose re-solves it stopped are left out and
    /// counted in a note.
    var deadline: Deadline
    /// The most one re-solve may take within the deadline, so that one hard re-solve cannot use
    /// all the time left; nil lets each take what remains.
    var resolveTimeLimit: Double? = nil
    /// Beyond this many requests, `automatic` computes no thresholds.
    var largePlan = 2000
    /// Told how far the work has got (for a progress line); called on the explaining thread.
    package var progress: (@Sendable (ExplainProgress) -> Void)? = nil

    /// - Parameters:
    ///   - thresholds: which requests get what-it-would-take figures.
    ///   - ruleEffects: re-solve without each binding rule to say who gains or loses.
    ///   - deadline: when the explanation must be done (by default, 300 seconds from the
    ///     creation of these options); share one deadline among all the solves of one command.
    public init(thresholds: Thresholds = .automatic, ruleEffects: Bool = true, deadline: Deadline = Deadline(seconds: 300)) {
        self.thresholds = thresholds
        self.ruleEffects = ruleEffects
        self.deadline = deadline
    }
}

/// How far an explanation has got: which step, and how many of its items are done.
package struct ExplainProgress: Sendable {
    package enum Step: Sendable {
        /// Walking the budget frontier.
        case frontier
        /// What-it-would-take figures, request by request.
        case thresholds
        /// Rules at their limit, rule by rule.
        case rules
        /// The levels of `allot cuts`, breakpoint by breakpoint (the total is not known ahead).
        case cuts
    }

    package let step: Step
    /// Items of the step done, and in all.
    package let done, total: Int
}

/// Explains allocations: the reasons of formulation.md, "Reading the answer" and "Integer plans".
package enum Explainer {
    /// Solves a plan and explains its allocation.
    ///
    /// - Returns: the explanation; for an infeasible plan, one without reasons whose allocation
    ///   carries the diagnosis.
    package static func explain(
        _ plan: Plan, scenario: Scenario? = nil, warnings: [String] = [], options: ExplainOptions = ExplainOptions()
    ) throws -> Explanation {
        let solved = try SolvedPlan(plan, scenario: scenario, warnings: warnings, deadline: options.deadline)
        return try explain(solved, options: options)
    }

    /// Explains the allocation of a solved plan, re-solving its own program (each question within
    /// scoped changes) instead of solving the plan again: a command that solves and then
    /// explains solves once and spends its time limit once.
    ///
    /// - Returns: the explanation; for an allocation without a feasible point (an infeasible
    ///   plan, or one stopped before any allocation was found), one without reasons.
    package static func explain(_ solved: SolvedPlan, options: ExplainOptions = ExplainOptions()) throws -> Explanation {
        let allocation = solved.allocation
        guard allocation.status == .optimal || allocation.status == .feasible else {
            var explanation = Explanation(
                allocation: allocation, requests: [], rules: [], method: .prices(resolves: 0),
                notes: [], seconds: 0)
            explanation.resolves = solved.resolves
            return explanation
        }
        let bench = Workbench(solved: solved, deadline: options.deadline, resolveTimeLimit: options.resolveTimeLimit)
        var builder = ExplanationBuilder(bench: bench, options: options)
        var explanation = try builder.build()
        explanation.resolves = solved.resolves
        return explanation
    }
}

/// Builds an explanation from a solved workbench.
struct ExplanationBuilder {
    let bench: Workbench
    let options: ExplainOptions
    let plan: Plan
    let allocation: Allocation

    init(bench: Workbench, options: ExplainOptions) {
        self.bench = bench
        self.options = options
        self.plan = bench.formulation.plan
        self.allocation = bench.allocation
    }

    func wantsThresholds(_ request: Request) -> Bool {
        // A least-spend plan weighs spend, not value: "the value its last dollar must return"
        // answers a question that plan does not ask, and re-solves for value would give numbers
        // that do not hold. Its requests get none.
        if plan.objective == .minimizeSpend { return false }
        return switch options.thresholds {
        case .all: true
        case .none: false
        case .teams(let teams): teams.contains(request.team)
        case .automatic: bench.formulation.allRequests.count <= options.largePlan
        }
    }

    mutating func build() throws -> Explanation {
        let formulation = bench.formulation
        let requests = formulation.allRequests
        let integer = bench.isInteger
        let clock = ContinuousClock()
        let start = clock.now

        // The funding line: the budget's price, the allocation's cutoff; for an integer plan,
        // with its whole-unit and all-or-nothing choices held as proposed (worked out with the
        // allocation, one re-solve, unless the deadline had passed).
        let line = allocation.cutoff
        var duals = try? bench.base.duals()
        var lineLeftOut = false
        if integer {
            if let prices = bench.solved.heldPrices {
                duals = prices.duals
            } else if bench.deadline.isPast {
                lineLeftOut = true
            }
        }
        let frontierNeeded = requests.indices.contains { wantsThresholds(requests[$0]) && allocation.requests[$0].status != .full }
        // Small plans walk the budget frontier breakpoint by breakpoint; large ones bisect the
        // budget for each request asked about. A walk the time limit stopped is left out, and
        // with it the thresholds of the requests not fully funded (which rest on it).
        let large = requests.count > options.largePlan
        if frontierNeeded { options.progress?(.init(step: .frontier, done: 0, total: 1)) }
        var frontierLeftOut = false
        var frontier: BudgetFrontier? = nil
        var top: Double? = nil
        if frontierNeeded, !large {
            if let walked = try bench.finished({ try bench.budgetFrontier() }) { frontier = walked } else { frontierLeftOut = true }
        } else if frontierNeeded, large {
            if let found = try bench.finished({ try bench.topOfFrontier() }) { top = found } else { frontierLeftOut = true }
        }

        // Headcount caps at their limit, with the requests they count: one more whole hire of any
        // of those breaks them.
        let capsAtLimit = plan.constraints.enumerated().compactMap { c, constraint -> (id: String, members: Set<Int>)? in
            guard case .headcount = constraint.kind, allocation.rules[c].binding else { return nil }
            return (constraint.id, Set(formulation.select(constraint.scope)))
        }
        var reasons: [Explanation.RequestReason] = []
        let asked = requests.indices.filter { wantsThresholds(requests[$0]) }.count
        var answered = 0
        for (index, request) in requests.enumerated() {
            let result = allocation.requests[index]
            let model = formulation.requests[index]
            let status = result.status
            let amount = result.allocated
            // The marginal dollar: the last funded one when full, the next unfunded one otherwise.
            let probe = status == .full ? amount : amount + 0.01
            var value: Double? = nil
            var price: Double? = nil
            var terms: [Explanation.Term] = []
            if let (column, v) = bench.marginalColumn(request: index, below: probe) {
                value = v
                if let duals {
                    for (role, perDollar) in bench.priceTerms(of: column, duals: duals) {
                        guard let ref = bench.ruleRef(of: role) else { continue }
                        if let at = terms.firstIndex(where: { $0.ref == ref }) {
                            terms[at] = .init(ref: ref, perDollar: terms[at].perDollar + perDollar)
                        } else {
                            terms.append(.init(ref: ref, perDollar: perDollar))
                        }
                    }
                    price = terms.reduce(0) { $0 + $1.perDollar }
                }
            } else {
                // Whole units or all-or-nothing: price the request's own column per dollar.
                value = bench.lastDollarValue(index, below: request.amount)
                if let duals, let term = model.allocation.first, term.coefficient > 0 {
                    for (role, perUnit) in bench.priceTerms(of: term.variable, duals: duals) {
                        guard let ref = bench.ruleRef(of: role) else { continue }
                        let perDollar = perUnit / term.coefficient
                        if let at = terms.firstIndex(where: { $0.ref == ref }) {
                            terms[at] = .init(ref: ref, perDollar: terms[at].perDollar + perDollar)
                        } else {
                            terms.append(.init(ref: ref, perDollar: perDollar))
                        }
                    }
                    price = terms.reduce(0) { $0 + $1.perDollar }
                }
            }

            // The line this request's dollars must clear: the budget's price, plus the prices of the
            // period budgets it spends in (weighted by its phasing).
            let budgetTerms = terms.filter { $0.isBudget }
            let requestLine = duals != nil ? budgetTerms.reduce(0) { $0 + $1.perDollar } : line
            // The value of the last funded dollar, which a rule may be holding up.
            let fundedValue = amount > model.attainableMin + 0.005 ? bench.lastDollarValue(index, below: amount) : nil
            let code = reasonCode(index: index, value: value, fundedValue: fundedValue, terms: terms, line: requestLine)

            // What it would take: every figure from re-solves that all finished, or none.
            var fullFunding: Explanation.FullFunding? = nil
            var keeps: Double? = nil
            var computed = false
            var stopped = false
            if wantsThresholds(request) {
                options.progress?(.init(step: .thresholds, done: answered, total: asked))
                answered += 1
                if frontierLeftOut, status != .full {
                    stopped = true
                } else if let found = try bench.finished({
                    try thresholds(
                        index: index, code: code, terms: terms, frontier: frontier, top: top)
                }) {
                    (fullFunding, keeps) = found
                    computed = true
                } else {
                    stopped = true
                }
            }
            let fullCaps = request.unitCost == nil ? [] : capsAtLimit.filter { $0.members.contains(index) }.map(\.id)
            var reason = Explanation.RequestReason(
                id: request.id, team: request.team, code: code, valuePerDollar: value, price: price, fundingLine: requestLine,
                fundedValuePerDollar: fundedValue, keepsFundingDownTo: keeps, terms: terms, fullFundingAt: fullFunding,
                thresholdsComputed: computed, thresholdsStoppedByTimeLimit: stopped, slices: slices(index),
                fullHeadcountCaps: fullCaps)
            if wantsThresholds(request), !stopped {
                reason.causes = try bench.finished { try causes(index: index, code: code, keeps: keeps) }
                if computed, let more = try bench.finished({ try firstAndUnits(index: index, frontier: frontier) }) {
                    let approximate = integer || large
                    let down = (reason.causes ?? []).filter { $0.effect == .holdsDown }.map(\.ref)
                    let up = (reason.causes ?? []).filter { $0.effect == .holdsUp && !$0.whenReturningNothing }.map(\.ref)
                    reason.firstFundingAt = more.first.map {
                        .init(valuePerDollar: $0.valuePerDollar, budget: $0.budget, causes: down, approximate: approximate)
                    }
                    if let keeps {
                        reason.keepsFunding = .init(
                            valuePerDollar: keeps, budget: frontier?.lowestBudget(request: index, atLeast: amount - 0.005),
                            causes: up, approximate: approximate)
                    }
                    if let full = fullFunding {
                        reason.fullFunding = .init(
                            valuePerDollar: full.valuePerDollar, budget: full.budget,
                            causes: down + (full.blockedBy.map { down.contains($0) ? [] : [$0] } ?? []), approximate: approximate)
                    }
                    reason.units = more.units
                }
            }
            reasons.append(reason)
        }

        let rules = try ruleReasons()
        var notes: [Explanation.Note] = []
        let method: Explanation.Method
        if integer {
            method = .resolving(
                resolves: bench.solves, each: options.resolveTimeLimit,
                within: options.resolveTimeLimit == nil && bench.deadline.seconds.isFinite ? bench.deadline.seconds : nil)
            notes.append(.wholeUnits)
        } else {
            method = .prices(resolves: bench.solves)
        }
        if allocation.status == .feasible { notes.append(.notProvenOptimal) }
        let stoppedRequests = reasons.filter(\.thresholdsStoppedByTimeLimit).count
        let stoppedRules = rules.filter { $0.binding && !$0.leftOutByTimeLimit.isEmpty }.count
        let stoppedChecks = rules.filter { !$0.binding && !$0.leftOutByTimeLimit.isEmpty }.count
        let stopped = lineLeftOut || stoppedRequests > 0 || stoppedRules > 0 || stoppedChecks > 0
        if stopped {
            notes.append(.stopped(fundingLine: lineLeftOut, requests: stoppedRequests, asked: asked, rules: stoppedRules, checks: stoppedChecks))
        }
        if top != nil { notes.append(.budgetsByHalving) }
        if plan.objective == .minimizeSpend {
            notes.append(.leastSpend)
        } else if reasons.contains(where: { !$0.thresholdsComputed && !$0.thresholdsStoppedByTimeLimit }) {
            notes.append(.thresholdsFor(computed: reasons.filter(\.thresholdsComputed).count, of: reasons.count))
        }
        // Reasons that would name a rule: checked for some, not all (plan size or the time limit).
        let naming = reasons.filter { reason in
            reason.code == .heldByRule || reason.code == .heldUpByRule || (reason.keepsFundingDownTo.map { $0 <= 0 } ?? false)
        }
        let checked = naming.filter { $0.causes != nil }.count
        if checked < naming.count, plan.objective == .maximizeValue { notes.append(.causesChecked(checked: checked, of: naming.count)) }
        var explanation = Explanation(
            allocation: allocation, requests: reasons, rules: rules, method: method, notes: notes,
            seconds: (clock.now - start).inSeconds)
        explanation.annualFundingLine = annualFundingLine(reasons)
        return explanation
    }

    /// The value per dollar of the marginal freely placed dollar over the year, with period
    /// budgets: the spend-weighted mean of the budget prices of partly funded requests that no
    /// rule holds (formulation.md, "Reading the answer").
    func annualFundingLine(_ reasons: [Explanation.RequestReason]) -> Double? {
        guard !plan.periods.isEmpty, !plan.budget.periods.isEmpty else { return nil }
        var weighted = 0.0, weight = 0.0
        for (index, reason) in reasons.enumerated() {
            let result = allocation.requests[index]
            guard result.status == .partial, result.allocated > 0, reason.terms.allSatisfy(\.isBudget),
                  let line = reason.fundingLine
            else { continue }
            weighted += line * result.allocated
            weight += result.allocated
        }
        return weight > 0 ? weighted / weight : nil
    }

    /// A request's first-funding threshold (for one with nothing above its committed amount) and,
    /// for a whole-unit request of an integer plan, each unit's threshold.
    func firstAndUnits(index: Int, frontier: BudgetFrontier?) throws -> (first: (valuePerDollar: Double?, budget: Double?)?, units: [Explanation.UnitThreshold]) {
        let request = bench.formulation.allRequests[index]
        let model = bench.formulation.requests[index]
        let amount = allocation.requests[index].allocated
        let minimum = model.attainableMin
        let units = bench.isInteger ? try bench.unitThresholds(request: index) : []
        guard amount <= minimum + 0.005, minimum < model.attainableMax - 0.005, plan.objective == .maximizeValue else {
            return (nil, units)
        }
        let value: Double?
        if bench.isInteger {
            value = units.first?.valuePerDollar
        } else {
            // The first dollars above the minimum: the price just above it.
            let step = min(max(1, request.amount * 1e-4), (model.attainableMax - minimum) / 2)
            value = try bench.leftPrice(request: index, at: minimum + step)
        }
        let budget = frontier?.lowestBudget(request: index, atLeast: minimum + max(1, minimum * 1e-6))
        return ((value, budget), units)
    }

    /// The causes a request's reason states, checked: what holds it down (held by a rule), what
    /// holds it up (funded beyond its return by a rule), and what keeps it funded even if it
    /// returned nothing.
    func causes(index: Int, code: Explanation.ReasonCode, keeps: Double?) throws -> [Explanation.Cause] {
        var found: [Explanation.Cause] = []
        switch code {
        case .heldByRule: found += try bench.checkedCauses(request: index, effect: .holdsDown, zeroReturn: false)
        case .heldUpByRule: found += try bench.checkedCauses(request: index, effect: .holdsUp, zeroReturn: false)
        default: break
        }
        if let keeps, keeps <= 0 {
            for var cause in try bench.checkedCauses(request: index, effect: .holdsUp, zeroReturn: true) {
                cause.whenReturningNothing = true
                found.append(cause)
            }
        }
        return found
    }

    /// A request's spend slices up to its attainable max, with what each brings by the team's
    /// estimate: one slice for an all-or-nothing request.
    func slices(_ index: Int) -> [Explanation.Slice] {
        let request = bench.formulation.allRequests[index]
        let curves = plan.kpis.compactMap { kpi in request.impact[kpi.id].map { (kpi.id, ImpactCurve($0, amount: request.amount)) } }
        func slice(_ start: Double, _ end: Double, _ valuePerDollar: Double) -> Explanation.Slice {
            let impact = curves.map { id, curve in (id, request.confidence * (curve.value(at: end) - curve.value(at: start))) }
            return .init(start: start, end: end, valuePerDollar: valuePerDollar, impact: Dictionary(uniqueKeysWithValues: impact))
        }
        if request.allOrNothing { return [slice(0, request.amount, bench.lastDollarValue(index, below: request.amount))] }
        return bench.formulation.requests[index].segments.map { slice($0.start, $0.end, $0.valuePerDollar) }
    }

    /// A request's what-it-would-take figures: what full funding would take (when it is not
    /// fully funded) and how low its return may fall before its allocation does. Re-solves;
    /// throws ``Workbench/OutOfTime`` once the deadline has passed.
    func thresholds(
        index: Int, code: Explanation.ReasonCode, terms: [Explanation.Term], frontier: BudgetFrontier?, top: Double?
    ) throws -> (fullFunding: Explanation.FullFunding?, keeps: Double?) {
        let request = bench.formulation.allRequests[index]
        let model = bench.formulation.requests[index]
        let status = allocation.requests[index].status
        let amount = allocation.requests[index].allocated
        var fullFunding: Explanation.FullFunding? = nil
        var keeps: Double? = nil
        if bench.isInteger {
            let found = try bench.integerThresholds(request: index)
            if let full = found.fullFunding {
                let blocked = full == nil ? try bench.blockingRule(request: index, at: min(request.amount, model.attainableMax)) : nil
                // Sampled budgets bracket the threshold; halving the bracket pins it down.
                var budget = frontier?.fullFundingBudget(request: index, asked: request.amount)
                if let frontier, let (low, high) = frontier.bracket(request: index, asked: request.amount) {
                    budget = try bench.fullFundingBudgetByBisection(
                        request: index, top: high, bottom: low, steps: 12) ?? budget
                }
                fullFunding = .init(valuePerDollar: full, budget: budget, blockedBy: blocked)
            }
            keeps = found.keepsFunding
        } else {
            if status != .full {
                let target = min(request.amount, model.attainableMax)
                let threshold = request.amount <= model.attainableMax + 0.005
                    ? try bench.leftPrice(request: index, at: target) : nil
                let blocked = threshold == nil ? try bench.blockingRule(request: index, at: target) : nil
                let budget = try top.map { try bench.fullFundingBudgetByBisection(request: index, top: $0) }
                    ?? frontier?.fullFundingBudget(request: index, asked: request.amount)
                fullFunding = .init(valuePerDollar: threshold, budget: budget, blockedBy: blocked)
            }
            if amount > model.attainableMin + 0.005 {
                keeps = try bench.leftPrice(request: index, at: amount)
            }
        }
        if code == .heldByRule, var full = fullFunding,
           let holding = terms.filter({ !$0.isBudget }).max(by: { $0.perDollar < $1.perDollar }),
           let limit = try ruleLimit(request: index, rule: holding.ref)
        {
            full.ruleLimit = (holding.ref, limit)
            fullFunding = full
        }
        return (fullFunding, keeps)
    }

    /// The limit of a rule (in its own units) at which a request it holds would be fully funded;
    /// nil for anything but a rule of the plan's constraints.
    func ruleLimit(request index: Int, rule ref: PlanReference) throws -> Double? {
        guard case .rule(let id, _) = ref, let c = plan.constraints.firstIndex(where: { $0.id == id }) else { return nil }
        let constraint = plan.constraints[c]
        let rows = bench.rows(ofConstraint: c).filter { bench.formulation.rowRoles[$0] == .rule(c, .max) }
        guard !rows.isEmpty else { return nil }
        let span = max(allocation.requests.reduce(0) { $0 + $1.asked }, 1)
        guard let extra = try bench.limitIncreaseForFullFunding(request: index, rows: rows, span: span) else { return nil }
        switch constraint.kind {
        case .cap(let max): return max + extra
        case .headcount(let max): return max + extra
        case .share(_, let max?): return max + extra / Swift.max(allocation.spend, 1)
        case .ratio(let to, _, let max?):
            let base = bench.formulation.select(to).reduce(0) { $0 + allocation.requests[$1].allocated }
            return max + extra / Swift.max(base, 1)
        default: return nil
        }
    }

    /// Why a request got what it got, from its marginal value, its price terms and the line.
    func reasonCode(
        index: Int, value: Double?, fundedValue: Double?, terms: [Explanation.Term], line: Double?
    ) -> Explanation.ReasonCode {
        let request = bench.formulation.allRequests[index]
        let result = allocation.requests[index]
        let hasImpact = request.impact.values.contains { impact in
            switch impact {
            case .perDollar(let r): r != 0
            case .total(let v): v != 0
            case .curve(let points): points.contains { $0.impact != 0 }
            }
        }
        if !hasImpact {
            return result.committed > 0 ? .runTheBusiness : .noImpact
        }
        let value = value ?? 0
        let budgetPart = terms.filter { $0.isBudget }.reduce(0) { $0 + $1.perDollar }
        let rulePart = terms.filter { !$0.isBudget }.reduce(0) { $0 + $1.perDollar }
        let reference = line ?? budgetPart
        let tolerance = 1e-6 * max(1, abs(value), abs(reference))
        let whole = request.allOrNothing || request.unitCost != nil
        switch result.status {
        case .full:
            if result.allocated > result.asked + Allocation.moneyTolerance(result.asked) { return .aboveAsk }
            if value < reference - tolerance, rulePart < -tolerance { return .heldUpByRule }
            return .funded
        case .partial, .floor, .unfunded:
            if rulePart > tolerance, value >= reference - tolerance { return .heldByRule }
            if rulePart < -tolerance, let fundedValue, fundedValue < reference - tolerance { return .heldUpByRule }
            if abs(value - reference) <= tolerance, result.status == .unfunded, !bench.isInteger { return .tie }
            if bench.isInteger, whole, value >= reference - tolerance { return .indivisible }
            if result.status == .floor { return .committed }
            return .belowLine
        }
    }
}

extension SolvedPlan {
    /// Explains this plan's allocation (formulation.md, "Reading the answer"): every
    /// further question is a scoped re-solve of this plan's own program.
    public func explain(options: ExplainOptions = ExplainOptions()) throws -> Explanation {
        try Explainer.explain(self, options: options)
    }
}
