import LinearSolver
import PlanFormat

extension ExplanationBuilder {
    /// Every plan rule and hard KPI target: whether it binds, its price in its own units, the
    /// range where that price holds, and what removing it would change (a re-solve).
    func ruleReasons() throws -> [Explanation.RuleReason] {
        let formulation = bench.formulation
        var reasons: [Explanation.RuleReason] = []
        for (c, constraint) in plan.constraints.enumerated() {
            options.progress?(.init(step: .rules, done: c, total: plan.constraints.count))
            let result = allocation.rules[c]
            let rows = bench.rows(ofConstraint: c)
            reasons.append(try reason(
                id: constraint.id, ref: .rule(constraint.id), kind: constraint.kindName,
                binding: result.binding, linearPrice: result.shadowPrice, rows: rows,
                rangeConverter: { lower, upper, row in self.convertRange(constraint, lower, upper, row: row) },
                step: integerStep(constraint)))
        }
        for (k, kpi) in plan.kpis.enumerated() {
            guard let target = kpi.target, !target.isSoft else { continue }
            let rows = formulation.rowRoles.indices.filter {
                if case .target(k, _) = formulation.rowRoles[$0] { return true } else { return false }
            }
            let result = allocation.kpis[k]
            let binding = rows.contains { row in isAtBound(row) }
            let bound = target.min ?? target.max ?? 0
            // Raising a min target tightens it (like a floor); raising a max target loosens it.
            let direction = target.min != nil ? -1.0 : 1.0
            // The entry stands for the whole target: it names a side only when the target has one.
            let side: PlanReference.Side? = target.max == nil ? .min : target.min == nil ? .max : nil
            reasons.append(try reason(
                id: "target:\(kpi.id)", ref: .target(kpi.id, side: side), kind: "target", binding: binding,
                linearPrice: result.shadowPrice, rows: rows,
                rangeConverter: { lower, upper, _ in (lower, upper) },
                step: (rows: rows, amount: direction * max(abs(bound) * 0.01, 1e-6), unitsPerStep: max(abs(bound) * 0.01, 1e-6))))
        }
        return reasons
    }

    /// Whether a row's activity sits at one of its bounds in the base solution.
    func isAtBound(_ row: Int) -> Bool {
        guard let activities = bench.base.activities else { return false }
        return bench.formulation.isAtBound(row, activities: activities, values: bench.base.values ?? [])
    }

    /// How an integer plan prices a rule: moving its rows' bounds by `amount`, worth
    /// `unitsPerStep` of the rule's parameter.
    func integerStep(_ constraint: Constraint) -> (rows: [Int], amount: Double, unitsPerStep: Double) {
        let c = plan.constraints.firstIndex { $0.id == constraint.id }!
        let rows = bench.rows(ofConstraint: c)
        switch constraint.kind {
        case .cap(let max): return (rows, Swift.max(max * 0.01, 1), Swift.max(max * 0.01, 1))
        case .floor(let min): return (rows, -Swift.max(min * 0.01, 1), Swift.max(min * 0.01, 1))
        case .headcount: return (rows, 1, 1)
        case .share(_, _): return (rows, allocation.spend / 100, 1)
        case .ratio(let to, _, _):
            let base = bench.formulation.select(to).reduce(0) { $0 + allocation.requests[$1].allocated }
            return (rows, base / 100, 1)
        case .fairness: return (rows, 0, 1)
        }
    }

    /// Converts the range of a rule row's right-hand side into the rule's own units.
    func convertRange(_ constraint: Constraint, _ lower: Double?, _ upper: Double?, row: Int) -> (Double?, Double?) {
        switch constraint.kind {
        case .cap, .floor, .headcount:
            return (lower, upper)
        case .share(let min, let max):
            let side = bench.formulation.rowRoles[row] == .rule(plan.constraints.firstIndex { $0.id == constraint.id }!, .min) ? min : max
            let spend = Swift.max(allocation.spend, 1)
            return (lower.map { (side ?? 0) + $0 / spend }, upper.map { (side ?? 0) + $0 / spend })
        case .ratio(let to, let min, let max):
            let side = bench.formulation.rowRoles[row] == .rule(plan.constraints.firstIndex { $0.id == constraint.id }!, .min) ? min : max
            let base = Swift.max(bench.formulation.select(to).reduce(0) { $0 + allocation.requests[$1].allocated }, 1)
            return (lower.map { (side ?? 0) + $0 / base }, upper.map { (side ?? 0) + $0 / base })
        case .fairness(let fraction):
            guard case .fairness(_, let team) = bench.formulation.rowRoles[row] else { return (nil, nil) }
            let asked = plan.teams.first { $0.id == team }?.requests.reduce(0) { $0 + $1.amount } ?? 1
            _ = fraction
            return (lower.map { $0 / asked }, upper.map { $0 / asked })
        }
    }

    func reason(
        id: String, ref: PlanReference, kind: String, binding: Bool, linearPrice: Double?, rows: [Int],
        rangeConverter: (Double?, Double?, Int) -> (Double?, Double?),
        step: (rows: [Int], amount: Double, unitsPerStep: Double)
    ) throws -> Explanation.RuleReason {
        let notBinding = Explanation.RuleReason(
            id: id, kind: kind, ref: ref, binding: false, atLimit: false, shadowPrice: 0, valueGivenUp: 0, dollarsMoved: 0,
            validRange: nil, ifRemoved: [])
        guard !rows.isEmpty else { return notBinding }
        // A least-spend plan answers "what does this rule cost in spend", which re-solving for
        // value within the least spend does not measure: its rules get no price or effects.
        let leastSpend = plan.objective == .minimizeSpend
        // With whole units a rule can shape the proposal without sitting exactly at its limit
        // (a floor met with room to spare by an indivisible item): ask the plan without it.
        let atLimit = binding
        var binding = binding
        if !binding {
            guard bench.isInteger, options.ruleEffects, !leastSpend, let here = bench.value(bench.base) else { return notBinding }
            guard let without = try bench.finished({ try bench.withRowsFreed(rows) { try bench.resolve() } }) else {
                // Not at its limit, but whether the proposal would change without it is unknown.
                var reason = Explanation.RuleReason(
                    id: id, kind: kind, ref: ref, binding: false, atLimit: false, shadowPrice: nil, valueGivenUp: nil,
                    dollarsMoved: nil, validRange: nil, ifRemoved: [])
                reason.leftOutByTimeLimit = [.effects]
                return reason
            }
            guard let value = bench.value(without), value - here > 0.5 else { return notBinding }
            binding = true
        }
        var leftOut: [Explanation.RuleReason.Figure] = []
        var price = leastSpend ? nil : linearPrice
        var range: (lower: Double?, upper: Double?)? = nil
        if !bench.isInteger {
            // Earlier questions left the solver elsewhere: back to the proposal's basis first.
            if let row = rows.first(where: isAtBound) {
                if let solution = try bench.finished({ try bench.resolve() }) {
                    if solution.status == .optimal, let ranges = try? bench.solver.boundRanges(of: LinearProgram.ConstraintID(row)) {
                        let bounds = bench.formulation.program.constraints[row]
                        let active = bounds.upperBound != nil && isAtUpper(row) ? ranges.upperBound : ranges.lowerBound
                        if let active {
                            let converted = rangeConverter(active.lower, active.upper, row)
                            range = (converted.0, converted.1)
                        }
                    }
                } else {
                    leftOut.append(.range)
                }
            }
        } else if step.amount != 0, !leastSpend, let here = bench.value(bench.base) {
            // Move the rule's limit by one step and re-solve.
            let moved = try bench.finished { () throws -> Double? in
                try bench.solver.withChanges { changes in
                    for row in step.rows {
                        let bounds = bench.formulation.program.constraints[row]
                        try changes.setBounds(
                            of: LinearProgram.ConstraintID(row), lower: bounds.lowerBound.map { $0 - abs(step.amount) },
                            upper: bounds.upperBound.map { $0 + abs(step.amount) })
                    }
                    return bench.value(try bench.resolve())
                }
            }
            switch moved {
            case .some(.some(let moved)):
                let sign = step.amount < 0 ? -1.0 : 1.0
                price = sign * (moved - here) / step.unitsPerStep
            case .some(.none):
                break
            case .none:
                price = nil
                leftOut.append(.price)
            }
        }
        // Without the rule.
        var without: Solution? = nil
        if options.ruleEffects, !leastSpend {
            without = try bench.finished { try bench.withRowsFreed(rows) { try bench.resolve() } }
            if without == nil { leftOut.append(.effects) }
        }
        var effects: [Explanation.RuleReason.Effect] = []
        var moved: Double? = nil
        var given: Double? = nil
        if let without, let amounts = bench.amounts(without), let value = bench.value(without), let here = bench.value(bench.base) {
            given = value - here
            // Each team's change, its requests known by their team id, not by where they stand.
            var deltas: [String: Double] = [:]
            for (index, result) in allocation.requests.enumerated() {
                deltas[result.team] = (deltas[result.team] ?? 0) + amounts[index] - result.allocated
            }
            for team in plan.teams {
                let delta = deltas[team.id] ?? 0
                if abs(delta) >= 0.5 { effects.append(.init(team: team.id, delta: delta)) }
            }
            // The dollars that change hands between teams (the larger side, when spend changes too).
            moved = max(effects.filter { $0.delta > 0 }.reduce(0) { $0 + $1.delta },
                        effects.filter { $0.delta < 0 }.reduce(0) { $0 - $1.delta })
        }
        var reason = Explanation.RuleReason(
            id: id, kind: kind, ref: ref, binding: true, atLimit: atLimit, shadowPrice: price, valueGivenUp: given,
            dollarsMoved: moved, validRange: range, ifRemoved: effects)
        reason.leftOutByTimeLimit = leftOut
        return reason
    }

    func isAtUpper(_ row: Int) -> Bool {
        guard let activities = bench.base.activities, let upper = bench.formulation.program.constraints[row].upperBound else {
            return false
        }
        return isAtBound(row) && abs(activities[row] - upper) <= abs(activities[row] - (bench.formulation.program.constraints[row].lowerBound ?? -.infinity))
    }
}
