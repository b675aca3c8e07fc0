/// Plain sentences for reasons: the team's own inputs echoed back, two significant figures,
/// whole units for headcount, the rule named, value with its unit, no solver vocabulary.
import PlanFormat
struct ReasonWords: Sendable {
    let plan: Plan
    let valueUnit: String

    func money(_ amount: Double) -> String { MoneyFormat.format(amount, currency: plan.currency, digits: 2) }

    func perDollar(_ value: Double) -> String {
        if abs(value) >= 1000 { return MoneyFormat.format(value, currency: plan.currency, digits: 2) }
        let symbol = MoneyFormat.symbol(plan.currency)
        return (value < 0 ? "-" : "") + symbol + NumberText.fixed(abs(value), decimals: 2)
    }

    /// Two values per dollar shown with as many decimals (2 to 4) as it takes to tell them apart.
    func perDollar(_ value: Double, against other: Double) -> (String, String) {
        let symbol = MoneyFormat.symbol(plan.currency)
        func shown(_ v: Double, _ decimals: Int) -> String { (v < 0 ? "-" : "") + symbol + NumberText.fixed(abs(v), decimals: decimals) }
        for decimals in 2...4 where shown(value, decimals) != shown(other, decimals) {
            return (shown(value, decimals), shown(other, decimals))
        }
        return (shown(value, 2), shown(other, 2))
    }

    /// A total budget from which something holds, at three significant figures rounded up.
    func budget(_ amount: Double) -> String {
        MoneyFormat.format(MoneyFormat.rounded(amount, digits: 3, up: true), currency: plan.currency, digits: 3)
    }

    func percent(_ fraction: Double) -> String { MoneyFormat.compact(fraction * 100, digits: 2) + "%" }

    func capitalized(_ text: String) -> String { text.prefix(1).uppercased() + text.dropFirst() }

    func quantity(_ value: Double, of kpi: KPI) -> String {
        if let unit = kpi.unit, unit.count == 3, unit == unit.uppercased(), unit.allSatisfy(\.isLetter) {
            return MoneyFormat.format(value, currency: unit, digits: 2) + " of " + kpi.name
        }
        return MoneyFormat.quantity(MoneyFormat.compact(value, digits: 2), unit: kpi.unit) + " (\(kpi.name))"
    }

    /// What a request's spend between two amounts brings, by its own estimate.
    /// `perDollar`, when given, joins the parenthesis: "... ($410k of value, $2.05 per $1)".
    func brings(_ request: Request, from start: Double, to end: Double, perDollar rate: Double? = nil) -> String {
        let kpis = plan.kpis.filter { request.impact[$0.id] != nil }
        // Each KPI in its own unit, with what one unit is worth where it is not simply money.
        let isMoney: (KPI) -> Bool = { $0.worth == 1 && ($0.unit ?? "").uppercased() == self.plan.currency.uppercased() }
        var parts: [String] = []
        var value = 0.0
        for kpi in kpis {
            let curve = ImpactCurve(request.impact[kpi.id]!, amount: request.amount)
            let gain = request.confidence * (curve.value(at: end) - curve.value(at: start))
            value += kpi.worth * gain
            parts.append(quantity(gain, of: kpi) + (isMoney(kpi) ? "" : " at \(money(kpi.worth)) each"))
        }
        let rateText = rate.map { "\(perDollar($0)) per $1" }
        if kpis.count == 1, let kpi = kpis.first, isMoney(kpi) { return parts[0] + (rateText.map { " (\($0))" } ?? "") }
        if parts.isEmpty { return money(0) + " of value" + (rateText.map { " (\($0))" } ?? "") }
        return listed(parts) + " (\(money(value)) of value\(rateText.map { ", " + $0 } ?? ""))"
    }

    /// The unit noun of a headcount request ("account executives"), from its name when it
    /// starts with a number word, else "heads".
    func unitNoun(_ request: Request) -> String {
        let words = request.name.split(separator: " ")
        let numbers: Set<String> = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
                                    "eleven", "twelve", "fifteen", "twenty"]
        if let first = words.first, numbers.contains(first.lowercased()) || Int(first) != nil, words.count > 1 {
            return words.dropFirst().joined(separator: " ")
        }
        return "heads"
    }

    func units(_ value: Double) -> String { MoneyFormat.compact(value, digits: 3) }

    // MARK: Requests

    func request(
        _ request: Request, result: Allocation.RequestResult, model: RequestModel, code: Explanation.ReasonCode,
        value: Double?, fundedValue: Double? = nil, line: Double?, phased: Bool = false, terms: [Explanation.Term], fullFunding: Explanation.FullFunding?,
        keeps: Double?, integer: Bool, fullCaps: [String] = []
    ) -> String {
        // A budget with money left over has no funding line: "above a line of $0.00" says nothing.
        let line = line.flatMap { $0 > 1e-9 ? $0 : nil }
        var sentences: [String] = []
        if let unit = request.unitCost, let asked = result.unitsAsked, let funded = result.unitsFunded {
            sentences.append(
                "\(request.name): asked \(units(asked)) \(unitNoun(request)) (\(money(result.asked))); this proposal funds \(units(funded)) of \(units(asked)) (\(money(result.allocated)))."
            )
            _ = unit
        } else {
            sentences.append("\(request.name): asked \(money(result.asked)); this proposal gives \(money(result.allocated)).")
        }
        let confidence = request.confidence < 1 ? " (at your \(percent(request.confidence)) confidence)" : ""

        switch code {
        case .runTheBusiness:
            sentences.append("Committed spend with no KPI impact: it runs the business and is funded at its committed \(money(result.committed)).")
            return sentences.joined(separator: " ")
        case .noImpact:
            sentences.append("No KPI impact was given for it, so nothing in the plan speaks for funding it; state its expected impact to let it compete.")
            return sentences.joined(separator: " ")
        default: break
        }

        // The team's own estimate, slice by slice.
        if model.segments.count > 1 {
            let slices = model.segments.prefix(3).enumerated().map { offset, segment -> String in
                let lead = offset == 0 ? "the first \(money(segment.width))" : "the next \(money(segment.width))"
                return "\(lead) brings \(brings(request, from: segment.start, to: segment.end, perDollar: segment.valuePerDollar))"
            }
            sentences.append("By your estimate\(confidence), " + listed(slices) + ".")
        } else if request.allOrNothing {
            let v = value ?? 0
            sentences.append("By your estimate\(confidence), it brings \(brings(request, from: 0, to: request.amount)) if funded in full (\(perDollar(v)) per $1), and nothing in part.")
        } else if let v = value {
            sentences.append("By your estimate\(confidence), it brings \(brings(request, from: 0, to: result.attainableMax)) at full funding: \(perDollar(v)) per $1.")
        }

        let rule = terms.filter { !$0.isBudget }
            .max { abs($0.perDollar) < abs($1.perDollar) }
        let v = value.map(perDollar) ?? "its return"
        let versusLine: (Double) -> String = { own in
            guard let line else { return "" }
            // Compared as shown, so that "$1.07 below $1.07" cannot happen.
            let relation = self.perDollar(own) == self.perDollar(line) ? "at" : own > line ? "above" : "below"
            return ", \(relation) the funding line of \(self.perDollar(line))" + (phased ? " for the periods it spends in" : "")
        }
        switch code {
        case .funded:
            if let own = value, let line, perDollar(own) != perDollar(line), own < line, request.allOrNothing || request.unitCost != nil {
                sentences.append("Its last dollar returns \(v)\(versusLine(own)), yet it is funded in full: it comes \(request.allOrNothing ? "all at once" : "in whole units"), and the best proposal with whole units includes it.")
            } else if let own = value, let line, perDollar(own) != perDollar(line), own < line {
                sentences.append("Its last dollar returns \(v)\(versusLine(own)), yet it is funded in full: the money it uses has no better use in this proposal.")
            } else {
                sentences.append("Its last dollar returns \(v)\(value.map(versusLine) ?? ""): funded in full.")
            }
            if let keeps { sentences.append(keepsSentence(keeps, full: true, terms: terms)) }
        case .aboveAsk:
            sentences.append("Its dollars beyond the ask (up to its max of \(money(request.max))) still return \(v)\(value.map(versusLine) ?? ""), so this proposal funds it above its ask.")
        case .belowLine, .committed, .tie, .indivisible:
            if code == .committed {
                sentences.append("Its committed \(money(result.committed)) is funded; beyond that its dollars return \(v)\(value.map(versusLine) ?? "").")
            } else if code == .tie {
                sentences.append("It returns exactly the funding line\(line.map { ", \(perDollar($0))" } ?? ""): a tie with the requests at the line, settled for less spend, then for requests listed earlier in the plan.")
            } else if code == .indivisible {
                if !fullCaps.isEmpty {
                    sentences.append("It returns \(v) per $1 but comes in whole units of \(money(request.unitCost ?? 0)), and one more would break \(listed(fullCaps)), \(fullCaps.count > 1 ? "which are" : "which is") at \(fullCaps.count > 1 ? "their limits" : "its limit"): the heads it allows go to other hires in this proposal.")
                } else {
                    sentences.append("It returns \(v) per $1 but comes \(request.allOrNothing ? "all at once" : "in whole units of \(money(request.unitCost ?? 0))"), and the next \(request.allOrNothing ? "piece" : "unit") does not fit within the budget and the rules as well as the alternatives do.")
                }
            } else {
                sentences.append("Its next dollars return \(v)\(value.map(versusLine) ?? "").")
            }
            if result.status == .partial, let keeps { sentences.append(keepsSentence(keeps, full: false, terms: terms)) }
            sentences.append(contentsOf: whatItWouldTake(request, result, model, fullFunding, line: line, terms: terms))
        case .heldByRule:
            // Every rule that adds to the price of its dollars, largest first.
            let holding = terms.filter { !$0.isBudget && $0.perDollar > 1e-6 * max(1, abs(value ?? 0)) }
                .sorted { $0.perDollar > $1.perDollar }
            let names = listed(holding.map(\.name))
            let extra = holding.reduce(0) { $0 + $1.perDollar }
            let verb = holding.count > 1 ? "are" : "is"
            // A dependency the team declared is not leadership policy: say what it waits on.
            let needs = holding.compactMap { term -> Request? in
                guard case .requires(let needed, _) = term.ref else { return nil }
                return plan.requests.first { $0.id == needed }
            }
            if !needs.isEmpty, needs.count == holding.count {
                let names = listed(needs.map { "'\($0.name)'" })
                sentences.append("On return alone it would get more (\(v) per $1\(line.map { " against a funding line of \(perDollar($0))" } ?? "")), but it needs \(names), and may be funded only as far as \(needs.count > 1 ? "they are" : "that is") (as a share of the ask). Funding it further means funding \(names) further first.")
                sentences.append(contentsOf: whatItWouldTake(request, result, model, fullFunding, line: line, terms: terms))
                break
            }
            sentences.append("On return alone it would get more (\(v) per $1\(line.map { " against a funding line of \(perDollar($0))" } ?? "")), but \(names.isEmpty ? "a rule" : names) \(verb) at \(holding.count > 1 ? "their limits" : "its limit"): under \(holding.count > 1 ? "them" : "it") each of its dollars must clear \(perDollar(extra))\(line == nil ? "" : " more than the line"). This is a leadership policy, not a verdict on your estimate.")
            sentences.append(contentsOf: whatItWouldTake(request, result, model, fullFunding, line: line, terms: terms))
        case .heldUpByRule:
            let name = rule?.name ?? "a rule"
            let own = fundedValue ?? value
            let (funded, shownLine) = own.flatMap { own in line.map { perDollar(own, against: $0) } }
                ?? (own.map(perDollar) ?? v, line.map(perDollar) ?? "")
            sentences.append("Its last funded dollars return \(funded) per $1\(line == nil ? "" : ", below the funding line of \(shownLine)"); \(name) funds it this far.")
            if let keeps { sentences.append(keepsSentence(keeps, full: result.status == .full, terms: terms)) }
            if result.status != .full {
                sentences.append("Its next dollars return \(v).")
                sentences.append(contentsOf: whatItWouldTake(request, result, model, fullFunding, line: line, terms: terms))
            }
        case .runTheBusiness, .noImpact:
            break
        }
        return sentences.joined(separator: " ")
    }

    /// How low its return may fall before its allocation does, and, when it could fall to
    /// nothing, what keeps it: the rules that credit its dollars, or no better use for them.
    func keepsSentence(_ keeps: Double, full: Bool, terms: [Explanation.Term]) -> String {
        let what = full ? "stays fully funded" : "keeps what it gets"
        if keeps > 0 { return "It \(what) as long as its last \(full ? "" : "funded ")dollar returns at least \(perDollar(keeps))." }
        let crediting = terms.filter { !$0.isBudget && $0.perDollar < -1e-9 }.map(\.name)
        if crediting.isEmpty {
            return "It would \(full ? "stay funded" : "keep what it gets") even if it returned nothing: nothing else in the plan would use its money better."
        }
        return "It would \(full ? "stay funded" : "keep what it gets") even if it returned nothing, because of \(listed(crediting))."
    }

    /// "Full funding needs its last $450k to return $495k ($1.10 per $1), or a total budget of $25M."
    ///
    /// With `line` and `terms`, a threshold below the funding line names the rules whose credits
    /// lower this request's bar, so that "$0.98, below a line of $1.07" does not read as a slip.
    func whatItWouldTake(
        _ request: Request, _ result: Allocation.RequestResult, _ model: RequestModel, _ full: Explanation.FullFunding?,
        line: Double? = nil, terms: [Explanation.Term] = []
    ) -> [String] {
        guard let full else { return [] }
        var parts: [String] = []
        if let t = full.valuePerDollar {
            // The slice holding the last asked dollar: its value per dollar is what must change.
            let start = model.segments.last { $0.start < request.amount - 1e-9 }?.start ?? 0
            let width = request.allOrNothing ? request.amount : request.amount - start
            let which = width >= request.amount - 0.5 ? "it" : "its last \(money(width))"
            parts.append("\(which) to return \(money(t * width)) (\(perDollar(t)) per $1)")
        }
        if let budget = full.budget { parts.append("a total budget of \(self.budget(budget))") }
        if let (ref, limit) = full.ruleLimit, case .rule(let id, _) = ref, let constraint = plan.constraints.first(where: { $0.id == id }) {
            let shown: String
            switch constraint.kind {
            case .share: shown = "\(percent(limit))"
            case .headcount: shown = "\(units(limit)) heads"
            case .ratio: shown = MoneyFormat.compact(limit, digits: 3) + "×"
            default: shown = money(limit)
            }
            parts.append("'\(constraint.name ?? id)' at \(shown)")
        }
        if parts.isEmpty {
            if let blocked = full.blockedBy { return ["Full funding is not possible while \(ruleLabel(blocked)) stands as it is."] }
            return []
        }
        var sentences = ["Full funding needs " + parts.joined(separator: ", or ") + ", all else equal."]
        let credits = terms.filter { !$0.isBudget && $0.perDollar < -1e-9 }
        if let t = full.valuePerDollar, let line, perDollar(t) != perDollar(line), t < line, !credits.isEmpty {
            sentences.append("That is below the funding line because each of its dollars also eases \(listed(credits.map(\.name))) (worth \(listed(credits.map { "\(perDollar(-$0.perDollar)) per $1" }))).")
        }
        return sentences
    }

    func listed(_ items: [String]) -> String {
        guard items.count > 1 else { return items.first ?? "" }
        return items.dropLast().joined(separator: ", ") + " and " + items.last!
    }

    // MARK: Teams

    func team(_ team: Team, allocation: Allocation, reasons: [Explanation.RequestReason]) -> Explanation.TeamReason {
        let result = allocation.teams.first { $0.id == team.id }!
        let range = allocation.requestRange(ofTeam: team.id)
        let mine = Array(reasons[range])
        let requests = Array(allocation.requests[range])
        let full = requests.filter { $0.status == .full }.count
        let partial = requests.filter { $0.status == .partial || $0.status == .floor }.count
        let none = requests.filter { $0.status == .unfunded }.count
        // The reason behind the most dollars of gap.
        var gapByReason: [String: Double] = [:]
        for (reason, request) in zip(mine, requests) where request.asked > request.allocated + 0.5 {
            gapByReason[mainPhrase(reason), default: 0] += request.asked - request.allocated
        }
        let main = gapByReason.max { $0.value < $1.value }?.key ?? (requests.allSatisfy { $0.status == .full } ? "fully funded" : "—")
        var text = "\(team.name): asked \(money(result.asked)); this proposal gives \(money(result.allocated))"
        if result.asked > 0 { text += " (\(percent(result.allocated / result.asked)))" }
        text += ". \(full) of \(requests.count) \(requests.count == 1 ? "request" : "requests") funded in full, \(partial) in part, \(none) not funded."
        if main != "fully funded", main != "—" { text += " Most of the gap: \(main)." }
        return .init(id: team.id, text: text, mainReason: main)
    }

    func mainPhrase(_ reason: Explanation.RequestReason) -> String {
        switch reason.code {
        case .belowLine, .committed: return "below the funding line"
        case .tie: return "a tie at the funding line"
        case .heldByRule:
            let rule = reason.terms.filter { !$0.isBudget }.max { $0.perDollar < $1.perDollar }
            return "held by \(rule?.name ?? "a rule")"
        case .indivisible: return "whole units that do not fit"
        case .noImpact, .runTheBusiness: return "no KPI impact stated beyond committed spend"
        case .heldUpByRule: return "below the funding line"
        case .funded, .aboveAsk: return "fully funded"
        }
    }

    // MARK: Rules

    func scopeText(_ scope: Scope) -> String {
        if scope.isWholePlan { return "the whole plan" }
        var parts: [String] = []
        if !scope.groups.isEmpty { parts.append("the " + listed(scope.groups) + " group" + (scope.groups.count > 1 ? "s" : "")) }
        if !scope.teams.isEmpty {
            parts.append(listed(scope.teams.map { id in plan.teams.first { $0.id == id }?.name ?? id }))
        }
        if !scope.requests.isEmpty {
            parts.append(listed(scope.requests.map { id in plan.requests.first { $0.id == id }.map { "'\($0.name)'" } ?? id }))
        }
        return listed(parts)
    }

    /// A rule in words, with its name.
    func describe(_ constraint: Constraint) -> String {
        let named = constraint.name.map { "'\($0)'" } ?? "'\(constraint.id)'"
        let scope = scopeText(constraint.scope)
        let what: String
        switch constraint.kind {
        case .cap(let max): what = "spend on \(scope) capped at \(money(max))"
        case .floor(let min): what = "spend on \(scope) of at least \(money(min))"
        case .share(let min, let max):
            what = [min.map { "at least \(percent($0))" }, max.map { "at most \(percent($0))" }].compactMap { $0 }
                .joined(separator: " and ") + " of all spend on \(scope)"
        case .ratio(let to, let min, let max):
            what = "spend on \(scope) " + [min.map { "at least \(MoneyFormat.compact($0, digits: 2))×" }, max.map { "at most \(MoneyFormat.compact($0, digits: 2))×" }]
                .compactMap { $0 }.joined(separator: " and ") + " that on \(scopeText(to))"
        case .headcount(let max): what = "at most \(units(max)) new heads on \(scope)"
        case .fairness(let fraction): what = "every team in \(scope) gets at least \(percent(fraction)) of its ask"
        }
        return "the rule \(named) (\(what))"
    }

    func describeTarget(_ kpi: KPI) -> String {
        guard let target = kpi.target else { return kpi.name }
        let sides = [target.min.map { "at least \(quantity($0, of: kpi))" }, target.max.map { "at most \(quantity($0, of: kpi))" }]
            .compactMap { $0 }
        return "the target of " + sides.joined(separator: " and ")
    }

    func rule(
        description: String, price: Double?, unit: String, range: (lower: Double?, upper: Double?)?, kind: String,
        valueGivenUp: Double?, dollarsMoved: Double?, effects: [Explanation.RuleReason.Effect], integer: Bool,
        atLimit: Bool = true, leastSpend: Bool = false, leftOut: [String] = []
    ) -> String {
        var sentences = [atLimit
            ? "\(capitalized(description)) is at its limit in this proposal."
            : "\(capitalized(description)) is met with room to spare, since whole units rarely land exactly on a limit, but the proposal would change without it."]
        if leastSpend {
            sentences.append("This plan asks for the least spend that meets its targets; what the rule costs is not measured here.")
            return sentences.joined(separator: " ")
        }
        // Figures the time limit stopped are said to be missing, never read as "costs nothing".
        let stopped = leftOut.isEmpty ? nil : "\(capitalized(listed(leftOut))) \(leftOut.count == 1 ? "was" : "were") left out: the time limit stopped \(leftOut.count == 1 ? "it" : "them")."
        let costless = leftOut.isEmpty && (valueGivenUp ?? 0) < 0.5 && (dollarsMoved ?? 0) < 0.5 && abs(price ?? 0) < 1e-6
        if costless {
            sentences.append("The proposal would not change without it: other limits stop it first.")
            return sentences.joined(separator: " ")
        }
        if let price {
            let amount = abs(price)
            let priceText = unit == "per dollar" ? perDollar(amount) : money(amount)
            let direction = price >= 0 ? "would be worth" : "would cost"
            let step: String
            switch kind {
            case "share", "ratio", "fairness": step = "Each extra percentage point"
            case "headcount": step = "Each extra head"
            case "target":
                // unit is "per <unit> of <KPI name>"
                let parts = unit.dropFirst(4).split(separator: " ", maxSplits: 2).map(String.init)
                let noun = parts.first.map { $0.count == 3 && $0 == $0.uppercased() ? "dollar" : $0 } ?? "unit"
                step = "Each extra \(noun) of the \(parts.count > 2 ? parts[2] : "") target"
            default: step = "Each extra dollar of the limit"
            }
            var sentence = "\(step) \(direction) \(priceText) of \(valueUnit)"
            if integer { sentence += " (from re-solving with the limit moved one step)" }
            if let range, range.lower != nil || range.upper != nil {
                let show: (Double) -> String = { value in
                    switch kind {
                    case "share", "fairness": return self.percent(value)
                    case "ratio": return MoneyFormat.compact(value, digits: 3) + "×"
                    case "headcount": return self.units(value)
                    case "target": return MoneyFormat.compact(value, digits: 3)
                    default: return self.money(value)
                    }
                }
                sentence += "; this holds " + [range.lower.map { "from \(show($0))" }, range.upper.map { "up to \(show($0))" }]
                    .compactMap { $0 }.joined(separator: " ")
            }
            sentences.append(sentence + ".")
        }
        if let dollarsMoved, dollarsMoved >= 1 {
            let gains = effects.filter { $0.delta > 0 }.map { "\(teamName($0.team)) \(money($0.delta))" }
            let losses = effects.filter { $0.delta < 0 }.map { "\(teamName($0.team)) \(money(-$0.delta))" }
            let net = effects.reduce(0) { $0 + $1.delta }
            var sentence = "It moves \(money(dollarsMoved))\(gains.isEmpty || losses.isEmpty ? "" : " between teams"): without it"
            if !gains.isEmpty { sentence += ", " + listed(gains) + " would gain" }
            if !losses.isEmpty { sentence += (gains.isEmpty ? ", " : "; ") + listed(losses) + " would lose" }
            // Gains and losses need not match: without the rule, money may be left unspent or
            // spending may rise.
            if net >= 1 { sentence += ", and \(money(net)) more would be spent in all" }
            if net <= -1 { sentence += ", and \(money(-net)) would go unspent" }
            sentences.append(sentence + ".")
        }
        if let valueGivenUp, valueGivenUp > 0.5 {
            sentences.append("Value given up for it: \(money(valueGivenUp)) of \(valueUnit).")
        }
        if let stopped { sentences.append(stopped) }
        return sentences.joined(separator: " ")
    }

    /// The name of what a reason refers to.
    func ruleLabel(_ ref: PlanReference) -> String {
        switch ref {
        case .budget: return "the total budget"
        case .period(let period): return "the \(period) budget"
        case .spend: return "the least spend that meets the targets"
        case .target(let id, _): return "the \(plan.kpis.first { $0.id == id }?.name ?? id) target"
        case .rule(let id, _): return "'\(plan.constraints.first { $0.id == id }?.name ?? id)'"
        case .requires(let needed, let of):
            let name: (String) -> String = { id in self.plan.requests.first { $0.id == id }?.name ?? id }
            return "'\(name(of))' needing '\(name(needed))'"
        case .committed(let id), .units(let id), .ask(let id):
            return "'\(plan.requests.first { $0.id == id }?.name ?? id)'"
        }
    }

    func teamName(_ id: String) -> String { plan.teams.first { $0.id == id }?.name ?? id }
}
