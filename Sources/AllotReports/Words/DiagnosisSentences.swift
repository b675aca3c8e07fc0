import Allot
import PlanFormat

/// Sentences for an infeasible plan's diagnosis: each conflicting rule with its limit, the change
/// that alone restores the plan, and a summary of the whole.
///
/// A fix is a boundary: rounded at three significant figures toward the side that still works
/// (up for a limit to raise, down for one to lower), so that the change shown never falls short.
struct DiagnosisSentences: Sendable {
    let words: Words
    /// The committed spend of every request together.
    let committedTotal: Double
    var format: Format { words.format }

    /// The sentence that says how fixes are rounded, for outputs that list them.
    static let rounding = "Fixes are rounded to three significant figures toward the side that still works."

    init(_ words: Words, allocation: Allocation) {
        self.words = words
        committedTotal = allocation.requests.reduce(0) { $0 + $1.committed }
    }

    private func kpi(_ id: String) -> KPI? { words.plan.kpis.first { $0.id == id } }

    /// The side of a share or ratio limit in conflict: the one whose limit the conflict states,
    /// or the one its relaxation moves.
    private func side(_ conflict: Diagnosis.Conflict, min: Double?, max: Double?) -> PlanReference.Side {
        if min == nil { return .max }
        if max == nil { return .min }
        if let needed = conflict.needed, let current = conflict.current, needed != current { return needed > current ? .max : .min }
        return conflict.current == max ? .max : .min
    }

    /// A quantity of a KPI in its unit.
    private func quantity(_ value: Double, _ kpi: KPI?) -> String { format.quantity(value, unit: kpi?.unit) }

    // MARK: Each rule

    /// The rule in words, with its current limit.
    func description(_ conflict: Diagnosis.Conflict) -> String {
        let f = format
        let current = conflict.current ?? 0
        switch conflict.ref {
        case .budget:
            let lowered = words.plan.budget.spendAll && (conflict.needed.map { $0 < current } ?? false)
            return "the total budget of \(f.money(current))" + (lowered ? " (the plan must spend all of it: spendAll)" : "")
        case .period(let period):
            return "the \(period) budget of \(f.money(current))"
        case .target(let id, let side):
            return "the \(side == .max ? "maximum" : "minimum") target of \(quantity(current, kpi(id))) for \(kpi(id)?.name ?? id)"
        case .requires(let needed, let of):
            return "\(words.quotedRequest(of)) requires \(words.quotedRequest(needed)) (it may not be funded to a larger share of its max)"
        case .committed(let id):
            return "the committed spend of \(f.money(current)) on \(words.quotedRequest(id))"
        case .rule(let id, let team):
            guard let constraint = words.constraint(id) else { return id }
            let name = words.quotedRule(constraint)
            if let team { return "the fairness rule \(name), which gives \(words.teamName(team)) at least \(f.money(current))" }
            switch constraint.kind {
            case .cap: return "the cap \(name) of \(f.money(current))"
            case .floor: return "the floor \(name) of \(f.money(current))"
            case .share(let min, let max):
                return "the \(side(conflict, min: min, max: max) == .min ? "minimum" : "maximum") share \(name) of \(f.percent(current))"
            case .ratio(_, let min, let max):
                return "the \(side(conflict, min: min, max: max) == .min ? "minimum" : "maximum") ratio \(name) of \(f.number(current))"
            case .headcount: return "the headcount cap \(name) of \(f.number(current)) heads"
            case .fairness: return "the fairness rule \(name)"
            }
        case .units, .ask, .request, .team, .kpi, .plan, .spend:
            return conflict.rule
        }
    }

    /// The change that alone restores feasibility, rounded toward the side that still works; nil
    /// when relaxing this rule alone is not enough (or none was found in time).
    func relaxation(_ conflict: Diagnosis.Conflict) -> String? {
        guard let text = fix(conflict) else { return nil }
        return conflict.cutShort ? "\(text) (enough, though perhaps more than needed: the time limit cut the search short)" : text
    }

    private func fix(_ conflict: Diagnosis.Conflict) -> String? {
        // The edit's value where there is one, so that the words and the edit say the same.
        guard let needed = conflict.fix?.to ?? conflict.needed else { return nil }
        let f = format
        let current = conflict.current ?? 0
        switch conflict.ref {
        case .budget:
            let up = needed >= current
            let to = f.rounded(needed, up ? .up : .down)
            return "\(up ? "raise" : "lower") the total budget from \(f.money(current)) to \(f.money(to)) (\(up ? "+" : "-")\(f.money(abs(to - current))))"
        case .period(let period):
            let to = f.rounded(needed, .up)
            return "raise the \(period) budget from \(f.money(current)) to \(f.money(to)) (+\(f.money(to - current)))"
        case .target(let id, let side):
            let kpi = kpi(id)
            let direction: Format.Rounding = side == .max ? .up : .down
            let to = kpi?.unit.map(Format.isCurrency) == true ? f.rounded(needed, direction) : Format.rounded(needed, digits: 3, direction)
            return "\(side == .max ? "raise" : "lower") the \(kpi?.name ?? id) target from \(quantity(current, kpi)) to \(quantity(to, kpi))"
        case .requires(let other, let of):
            return "let \(words.quotedRequest(of)) be funded \(f.percent(needed, rounded: .up)) of its max further than \(words.quotedRequest(other))"
        case .committed(let id):
            return "cut the committed spend on \(words.quotedRequest(id)) from \(f.money(current)) to \(f.money(max(needed, 0), rounded: .down))"
        case .rule(let id, let team):
            guard let constraint = words.constraint(id) else { return nil }
            let name = words.quotedRule(constraint)
            if let team {
                guard let fraction = conflict.fix?.to, let floor = conflict.needed else {
                    return "lower the floor guaranteed to \(words.teamName(team)) under \(name) from \(f.money(current)) to \(f.money(max(conflict.needed ?? 0, 0), rounded: .down))"
                }
                return "give \(words.teamName(team)) an exception of \(f.percent(fraction)) under \(name) (a floor of \(f.money(max(floor, 0), rounded: .down)) instead of \(f.money(current)))"
            }
            switch constraint.kind {
            case .cap:
                let to = f.rounded(needed, .up)
                return "raise the cap \(name) from \(f.money(current)) to \(f.money(to)) (+\(f.money(to - current)))"
            case .floor:
                return "lower the floor \(name) from \(f.money(current)) to \(f.money(max(needed, 0), rounded: .down))"
            case .share(let min, let max):
                let side = side(conflict, min: min, max: max)
                let word = side == .min ? "minimum" : "maximum"
                return "\(side == .min ? "lower" : "raise") the \(word) share \(name) from \(f.percent(current)) to \(f.percent(needed, rounded: side == .max ? .up : .down))"
            case .ratio(_, let min, let max):
                let side = side(conflict, min: min, max: max)
                let word = side == .min ? "minimum" : "maximum"
                return "\(side == .min ? "lower" : "raise") the \(word) ratio \(name) from \(f.number(current)) to \(f.number(needed, rounded: side == .max ? .up : .down))"
            case .headcount:
                return "raise the headcount cap \(name) from \(f.number(current)) to \(f.number(needed)) heads"
            case .fairness:
                return nil
            }
        case .units, .ask, .request, .team, .kpi, .plan, .spend:
            return nil
        }
    }

    // MARK: Edits of the plan file

    /// One edit in words: what it changes, from what to what, and where in the file.
    func edit(_ edit: PlanEdit) -> String {
        let f = format
        let place = "(\(edit.path))"
        func money(_ value: Double?) -> String { value.map { f.money($0) } ?? "none" }
        switch edit.ref {
        case .budget: return "the total budget from \(money(edit.from)) to \(money(edit.to)) \(place)"
        case .period(let period): return "the \(period) budget from \(money(edit.from)) to \(money(edit.to)) \(place)"
        case .target(let id, _):
            let kpi = kpi(id)
            return "the \(kpi?.name ?? id) target from \(edit.from.map { quantity($0, kpi) } ?? "none") to \(edit.to.map { quantity($0, kpi) } ?? "none") \(place)"
        case .committed(let id): return "the committed spend on \(words.quotedRequest(id)) from \(money(edit.from)) to \(money(edit.to)) \(place)"
        case .requires(let needed, let of): return "drop \(words.quotedRequest(of))'s dependency on \(words.quotedRequest(needed)) \(place)"
        case .rule(let id, let team):
            guard let constraint = words.constraint(id) else { return "\(edit.path) to \(edit.to.map { f.number($0) } ?? "nothing")" }
            let name = words.quotedRule(constraint)
            if let team {
                return "\(words.teamName(team))'s fraction under \(name) to \(edit.to.map { f.percent($0) } ?? "the rule's") \(place)"
            }
            switch constraint.kind {
            case .share: return "\(name) from \(edit.from.map { f.percent($0) } ?? "none") to \(edit.to.map { f.percent($0) } ?? "none") \(place)"
            case .ratio, .headcount:
                return "\(name) from \(edit.from.map { f.number($0) } ?? "none") to \(edit.to.map { f.number($0) } ?? "none") \(place)"
            default: return "\(name) from \(money(edit.from)) to \(money(edit.to)) \(place)"
            }
        case .spend, .units, .ask, .request, .team, .kpi, .plan:
            return edit.path
        }
    }

    /// The joint fix in a sentence.
    func jointFix(_ joint: Diagnosis.JointFix) -> String {
        let lead = joint.verified
            ? "Together, these edits make the plan feasible (checked by re-solving it with them): "
            : "These edits together are the least the rules must give, but the plan with them was not found feasible: "
        return lead + words.listed(joint.edits.map(edit)) + ". allot fix writes the plan with them."
    }

    // MARK: The whole

    /// A sentence or two for the whole diagnosis.
    func summary(_ diagnosis: Diagnosis) -> String {
        switch diagnosis.finding {
        case .requestsAlone:
            return "The requests cannot be funded as stated even with every rule and committed amount relaxed; check unit costs, minimums if funded and all-or-nothing amounts."
        case .noConflict:
            return "The plan is feasible once its rules are stated exactly; no conflict was found."
        case .stoppedBeforeAnyConflict:
            return "The diagnosis was cut short by the time limit before it found which rules conflict. A longer --time-limit may find them."
        case .conflicts:
            var text = summary(diagnosis.conflicts)
            if diagnosis.searchCutShort {
                text += " The diagnosis was cut short by the time limit: the plan may hold other conflicts than these."
            }
            if diagnosis.conflicts.contains(where: \.cutShort) {
                text += " The diagnosis was cut short by the time limit before it proved the least change for every rule: a change marked so is enough, though perhaps more than needed."
            }
            return text
        }
    }

    private func summary(_ conflicts: [Diagnosis.Conflict]) -> String {
        guard !conflicts.isEmpty else { return "No conflicting set of rules was found." }
        let sets = Set(conflicts.map(\.set)).sorted()
        if sets.count > 1 {
            let parts = sets.map { number in "(\(number)) " + summarySet(conflicts.filter { $0.set == number }) }
            // Rules named in more than one conflict: one change to them can resolve several.
            let shared = Dictionary(grouping: conflicts, by: \.ref).filter { $0.value.count > 1 }
            guard !shared.isEmpty else {
                return "The plan has \(sets.count) separate conflicts; fix one rule in each. " + parts.joined(separator: " ")
            }
            let names = conflicts.filter { shared[$0.ref] != nil && $0.kind != "committed" }.map(description)
                .reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
            let sharedText = names.isEmpty ? "committed spend" : Words.list(names)
            return "The plan has \(sets.count) conflicts, which share \(sharedText); fix one rule in each (the change listed for a shared rule resolves every conflict it is in). "
                + parts.joined(separator: " ")
        }
        return summarySet(conflicts)
    }

    /// One conflict in a sentence or two.
    private func summarySet(_ conflicts: [Diagnosis.Conflict]) -> String {
        let f = format
        let committed = conflicts.filter { $0.kind == "committed" }
        if let budget = conflicts.first(where: { $0.kind == "budget" }), committed.count == conflicts.count - 1, let total = budget.current {
            // The classic case: committed spend alone exceeds the total budget.
            if committedTotal > total {
                return "Committed spend \(f.money(committedTotal)) exceeds the total budget \(f.money(total)) by \(f.money(committedTotal - total)). Raise the budget or cut committed spend."
            }
        }
        // Committed amounts are summed in one phrase; their individual fixes are in the list.
        let rules = conflicts.filter { $0.kind != "committed" }
        // A fairness rule binds once per team: name it once, with its teams.
        func fairness(of conflict: Diagnosis.Conflict) -> Constraint? {
            guard conflict.kind == "fairness", conflict.ref.team != nil else { return nil }
            return words.constraint(conflict.ref.id)
        }
        var names: [String] = []
        var fairnessNamed = Set<String>()
        for rule in rules {
            guard let constraint = fairness(of: rule) else {
                names.append(description(rule))
                continue
            }
            let teams = rules.filter { fairness(of: $0)?.id == constraint.id }
            guard teams.count > 1 else {
                names.append(description(rule))
                continue
            }
            guard fairnessNamed.insert(constraint.id).inserted else { continue }
            let floors = teams.map { "\(words.teamName($0.ref.team ?? "")) \(f.money($0.current ?? 0))" }
            names.append("the fairness rule \(words.quotedRule(constraint)) for \(teams.count) teams (floors: \(floors.joined(separator: ", ")))")
        }
        if committed.count == 1 {
            names.append(description(committed[0]))
        } else if committed.count > 1 {
            let sum = committed.compactMap(\.current).reduce(0, +)
            names.append("the committed spend of \(committed.count) requests (\(f.money(sum)) in total)")
        }
        var fixes = rules.compactMap(relaxation)
        if committed.count == 1, let fix = relaxation(committed[0]) { fixes.append(fix) }
        if committed.count > 1 {
            fixes.append(committed.contains { $0.needed != nil }
                ? "cut committed spend (each request's cut is listed below)"
                : "cut the committed spend of several of these requests together (no one of them alone is enough)")
        }
        var text = conflicts.count == 1
            ? "The plan cannot meet \(names[0]) with the requests as stated."
            : "These rules cannot all hold: " + Words.list(names) + "."
        if !fixes.isEmpty {
            text += conflicts.count == 1 ? " To fix it: \(fixes[0])." : " Any one of these changes resolves it: \(fixes.joined(separator: "; or "))."
        }
        return text
    }
}
