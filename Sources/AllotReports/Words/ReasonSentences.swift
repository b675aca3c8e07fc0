import Allot
import PlanFormat

/// Plain sentences for the reasons of requests and teams: the team's own inputs echoed back, the
/// rule named, value in its unit, whole units for headcount, no solver vocabulary.
struct ReasonSentences: Sendable {
    let words: Words
    var format: Format { words.format }
    var plan: Plan { words.plan }

    init(_ words: Words) { self.words = words }

    /// A value per currency unit and the unit it is per: "$1.07 per $1".
    func perUnit(_ value: Double) -> String { format.perUnit(value) + " " + format.per }

    // MARK: Requests

    /// One or a few sentences for the team lead on why a request got what it got.
    func request(_ reason: Explanation.RequestReason, result: Allocation.RequestResult, request: Request) -> String {
        var text = sentences(reason, result: result, request: request).joined(separator: " ")
        if reason.thresholdsStoppedByTimeLimit, reason.code != .runTheBusiness, reason.code != .noImpact {
            text += " Its what-it-would-take figures were left out: the time limit stopped them."
        }
        return text
    }

    private func sentences(_ reason: Explanation.RequestReason, result: Allocation.RequestResult, request: Request) -> [String] {
        let f = format
        let code = reason.code
        let value = reason.valuePerDollar
        let terms = reason.terms
        // A budget with money left over has no funding line: "above a line of $0.00" says nothing.
        let line = reason.fundingLine.flatMap { $0 > 1e-9 ? $0 : nil }
        let phased = terms.contains { $0.ref.kind == .period }
        var sentences: [String] = []
        if let asked = result.unitsAsked, let funded = result.unitsFunded, request.unitCost != nil {
            sentences.append(
                "\(request.name): asked \(f.number(asked)) \(unitNoun(request)) (\(f.money(result.asked))); this proposal funds \(f.number(funded)) of \(f.number(asked)) (\(f.money(result.allocated)))."
            )
        } else {
            sentences.append("\(request.name): asked \(f.money(result.asked)); this proposal gives \(f.money(result.allocated)).")
        }
        let confidence = request.confidence < 1 ? " (at your \(f.percent(request.confidence)) confidence)" : ""

        switch code {
        case .runTheBusiness:
            sentences.append("Committed spend with no KPI impact: it runs the business and is funded at its committed \(f.money(result.committed)).")
            if result.asked - result.allocated >= max(0.5, result.asked * 1e-6) {
                sentences.append("The other \(f.money(result.asked - result.allocated)) it asks for states no KPI impact, so nothing in the plan speaks for funding it; state the impact it would have to let it compete.")
            }
            return sentences
        case .noImpact:
            sentences.append("No KPI impact was given for it, so nothing in the plan speaks for funding it; state its expected impact to let it compete.")
            return sentences
        default: break
        }

        // The team's own estimate, slice by slice.
        if reason.slices.count > 1, !request.allOrNothing {
            let slices = reason.slices.prefix(3).enumerated().map { offset, slice -> String in
                let lead = offset == 0 ? "the first \(f.money(slice.end - slice.start))" : "the next \(f.money(slice.end - slice.start))"
                return "\(lead) brings \(brings(request, slice.impact, rate: slice.valuePerDollar))"
            }
            sentences.append("By your estimate\(confidence), " + words.listed(slices) + ".")
        } else if request.allOrNothing {
            sentences.append("By your estimate\(confidence), it brings \(brings(request, total(reason.slices))) if funded in full (\(perUnit(value ?? 0))), and nothing in part.")
        } else if let v = value {
            sentences.append("By your estimate\(confidence), it brings \(brings(request, total(reason.slices))) at full funding: \(perUnit(v)).")
        }

        let rule = terms.filter { !$0.ref.isBudget }.max { abs($0.perDollar) < abs($1.perDollar) }
        let v = value.map(f.perUnit) ?? "its return"
        let unit = f.unitName, units = f.unitNames
        // The full period budgets it spends in, and the share of its spend that lands in each.
        let full = terms.compactMap { term -> (period: String, share: Double)? in
            guard case .period(let period) = term.ref, term.perDollar > 1e-9 else { return nil }
            return (period, plan.phase(of: request, in: period))
        }
        let fullPeriods = full.isEmpty ? ""
            : " (" + words.listed(full.enumerated().map { "\(f.percent($1.share))\($0 == 0 ? " of its spend lands" : "") in \($1.period)" })
                + (full.count == 1 ? ", whose budget is full)" : ", whose budgets are full)")
        let versusLine: (Double) -> String = { own in
            guard let line else { return "" }
            // Compared as shown, so that "$1.07 below $1.07" cannot happen.
            let relation = f.perUnit(own) == f.perUnit(line) ? "at" : own > line ? "above" : "below"
            return ", \(relation) the funding line of \(f.perUnit(line))" + (phased ? " for when it spends" + fullPeriods : "")
        }
        switch code {
        case .funded:
            if let own = value, let line, f.perUnit(own) != f.perUnit(line), own < line, request.allOrNothing || request.unitCost != nil {
                sentences.append("Its last \(unit) returns \(v)\(versusLine(own)), yet it is funded in full: it comes \(request.allOrNothing ? "all at once" : "in whole units"), and the best proposal with whole units includes it.")
            } else if let own = value, let line, f.perUnit(own) != f.perUnit(line), own < line {
                sentences.append("Its last \(unit) returns \(v)\(versusLine(own)), yet it is funded in full: the money it uses has no better use in this proposal.")
            } else {
                sentences.append("Its last \(unit) returns \(v)\(value.map(versusLine) ?? ""): funded in full.")
            }
            if let keeps = reason.keepsFundingDownTo { sentences.append(keepsSentence(keeps, full: true, reason: reason, result: result)) }
        case .aboveAsk:
            sentences.append("Its \(units) beyond the ask (up to its max of \(f.money(request.max))) still return \(v)\(value.map(versusLine) ?? ""), so this proposal funds it above its ask.")
        case .belowLine, .committed, .tie, .indivisible:
            if code == .committed {
                sentences.append("Its committed \(f.money(result.committed)) is funded; beyond that its \(units) return \(v)\(value.map(versusLine) ?? "").")
            } else if code == .tie {
                sentences.append("It returns exactly the funding line\(line.map { ", \(f.perUnit($0))" } ?? ""): a tie with the requests at the line, settled for less spend, then for requests listed earlier in the plan.")
            } else if code == .indivisible {
                let fullCaps = reason.fullHeadcountCaps.map(words.ruleLabel)
                if !fullCaps.isEmpty {
                    sentences.append("It returns \(v) \(f.per) but comes in whole units of \(f.money(request.unitCost ?? 0)), and one more would break \(words.listed(fullCaps)), \(fullCaps.count > 1 ? "which are" : "which is") at \(fullCaps.count > 1 ? "their limits" : "its limit"): the heads it allows go to other hires in this proposal.")
                } else {
                    sentences.append("It returns \(v) \(f.per) but comes \(request.allOrNothing ? "all at once" : "in whole units of \(f.money(request.unitCost ?? 0))"), and the next \(request.allOrNothing ? "piece" : "unit") does not fit within the budget and the rules as well as the alternatives do.")
                }
            } else {
                sentences.append("Its next \(units) return \(v)\(value.map(versusLine) ?? "").")
            }
            if result.status == .partial, let keeps = reason.keepsFundingDownTo {
                sentences.append(keepsSentence(keeps, full: false, reason: reason, result: result))
            }
            sentences.append(contentsOf: whatItWouldTake(request, reason, line: line) + firstAndUnits(request, reason, result: result))
        case .heldByRule:
            // Every rule that adds to the price of its dollars, largest first.
            let holding = terms.filter { !$0.ref.isBudget && $0.perDollar > 1e-6 * max(1, abs(value ?? 0)) }
                .sorted { $0.perDollar > $1.perDollar }
            let names = words.listed(holding.map { words.ruleLabel($0.ref) })
            let extra = holding.reduce(0) { $0 + $1.perDollar }
            let against = line.map { " against a funding line of \(f.perUnit($0))" } ?? ""
            // A dependency the team declared is not leadership policy: say what it waits on.
            // With causes checked, the dependencies among them; else those that price its dollars.
            let downBy = reason.causes?.filter { $0.effect == .holdsDown && !$0.whenReturningNothing }
            let stated = downBy?.map(\.ref) ?? holding.map(\.ref)
            let needs = stated.compactMap { ref -> Request? in
                guard case .requires(let needed, _) = ref else { return nil }
                return words.request(needed)
            }
            if !needs.isEmpty, needs.count == stated.count {
                let names = words.listed(needs.map { "'\($0.name)'" })
                sentences.append("On return alone it would get more (\(v) \(f.per)\(against)), but it needs \(names), and may be funded only as far as \(needs.count > 1 ? "they are" : "that is") (as a share of the ask). Funding it further means funding \(names) further first.")
                sentences.append(contentsOf: whatItWouldTake(request, reason, line: line) + firstAndUnits(request, reason, result: result))
                break
            }
            if let causes = reason.causes?.filter({ $0.effect == .holdsDown && !$0.whenReturningNothing }) {
                sentences.append("On return alone it would get more (\(v) \(f.per)\(against)), but " + heldBy(causes, result: result))
            } else {
                // Not checked as causes (the time limit): the rules' prices, which are facts, and no "because".
                sentences.append("On return alone it would get more (\(v) \(f.per)\(against)); \(names.isEmpty ? "rules" : names) at \(holding.count > 1 ? "their limits" : "its limit") price each of its \(units) \(f.perUnit(extra))\(line == nil ? "" : " above the line") (not checked as causes by re-solving: see the note below).")
            }
            sentences.append(contentsOf: whatItWouldTake(request, reason, line: line) + firstAndUnits(request, reason, result: result))
        case .heldUpByRule:
            let name = rule.map { words.ruleLabel($0.ref) } ?? "a rule"
            let own = reason.fundedValuePerDollar ?? value
            let (funded, shownLine) = own.flatMap { own in line.map { f.perUnit(own, against: $0) } }
                ?? (own.map(f.perUnit) ?? v, line.map(f.perUnit) ?? "")
            let upBy = reason.causes.map { causes in causes.filter { $0.effect == .holdsUp && !$0.whenReturningNothing } }
            let heldUp: String
            switch upBy {
            case .some(let causes) where !causes.isEmpty: heldUp = heldUpBy(causes, result: result)
            case .some: heldUp = "yet no rule holds it there: with the rules at their limits removed, alone or together, it would get as much"
            case .none: heldUp = "\(name) credits its \(units) (not checked as a cause by re-solving: see the note below)"
            }
            sentences.append("Its last funded \(units) return \(funded) \(f.per)\(line == nil ? "" : ", below the funding line of \(shownLine)"); \(heldUp).")
            if let keeps = reason.keepsFundingDownTo { sentences.append(keepsSentence(keeps, full: result.status == .full, reason: reason, result: result)) }
            if result.status != .full {
                sentences.append("Its next \(units) return \(v).")
                sentences.append(contentsOf: whatItWouldTake(request, reason, line: line) + firstAndUnits(request, reason, result: result))
            }
        case .runTheBusiness, .noImpact:
            break
        }
        return sentences
    }

    /// What its first funding and its next whole units would take: "Its first head would come
    /// at $1.20 per $1 (or a total budget of $25M); the 3rd and 4th come together at $1.50 per $1."
    /// Boundary figures, rounded up: at them the unit is funded.
    func firstAndUnits(_ request: Request, _ reason: Explanation.RequestReason, result: Allocation.RequestResult) -> [String] {
        let f = format
        var sentences: [String] = []
        let wholeUnits = request.unitCost != nil && !reason.units.isEmpty
        if let first = reason.firstFundingAt, first.valuePerDollar != nil || first.budget != nil {
            var ways: [String] = []
            if let v = first.valuePerDollar { ways.append("at \(f.perUnit(v, rounded: .up)) \(f.per) of return") }
            if let budget = first.budget { ways.append("at a total budget of \(f.money(budget, rounded: .up))") }
            let what = wholeUnits ? "first unit (\(f.money(request.unitCost ?? 0)))"
                : result.committed > 0.005 ? "first \(f.unitName) above its committed amount" : "first \(f.unitName)"
            sentences.append("Its \(what) would come \(ways.joined(separator: ", or "))\(first.approximate ? " (approximately: from re-solving)" : "").")
        }
        if wholeUnits {
            let funded = Int((result.unitsFunded ?? 0).rounded())
            var pieces: [[Explanation.UnitThreshold]] = []
            for unit in reason.units where unit.unit > funded + 1 || (unit.unit == funded + 1 && reason.firstFundingAt == nil) {
                if let last = pieces.last?.last, last.with == unit.with { pieces[pieces.count - 1].append(unit) } else { pieces.append([unit]) }
            }
            let said = pieces.prefix(3).map { piece -> String in
                let names = piece.map { Self.ordinal($0.unit) }
                let value = f.perUnit(piece[0].valuePerDollar, rounded: .up) + " " + f.per
                return piece.count == 1 ? "the \(names[0]) needs \(value)" : "the \(words.listed(names)) come together at \(value)"
            }
            if !said.isEmpty {
                sentences.append("Of its next units, " + words.listed(said) + (pieces.count > 3 ? ", and so on" : "") + ".")
            }
        }
        return sentences
    }

    /// 1st, 2nd, 3rd, 4th, ..., 11th, 12th, 13th, 21st.
    static func ordinal(_ n: Int) -> String {
        let suffix = (n % 100 >= 11 && n % 100 <= 13) ? "th" : [1: "st", 2: "nd", 3: "rd"][n % 10] ?? "th"
        return "\(n)\(suffix)"
    }

    /// The KPI units of several slices together.
    private func total(_ slices: [Explanation.Slice]) -> [String: Double] {
        slices.reduce(into: [:]) { sum, slice in
            for (kpi, units) in slice.impact { sum[kpi, default: 0] += units }
        }
    }

    /// What a request's spend brings, by its own estimate: each KPI in its own unit, with what
    /// one unit is worth where it is not simply money. `rate`, when given, joins the
    /// parenthesis: "... ($410k of value, $2.05 per $1)".
    func brings(_ request: Request, _ impact: [String: Double], rate: Double? = nil) -> String {
        let f = format
        let kpis = plan.kpis.filter { request.impact[$0.id] != nil }
        var parts: [String] = []
        var value = 0.0
        for kpi in kpis {
            let gain = impact[kpi.id] ?? 0
            value += kpi.worth * gain
            parts.append(words.quantity(gain, of: kpi) + (words.isMoney(kpi) ? "" : " at \(f.money(kpi.worth)) each"))
        }
        let rateText = rate.map(perUnit)
        if kpis.count == 1, let kpi = kpis.first, words.isMoney(kpi) { return parts[0] + (rateText.map { " (\($0))" } ?? "") }
        if parts.isEmpty { return f.money(0) + " of value" + (rateText.map { " (\($0))" } ?? "") }
        return words.listed(parts) + " (\(f.money(value)) of value\(rateText.map { ", " + $0 } ?? ""))"
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

    /// How low its return may fall before its allocation does (rounded up: at that figure the
    /// allocation still stands), and, when it could fall to nothing, what keeps it: the rules
    /// that credit its dollars, or no better use for them.
    func keepsSentence(_ keeps: Double, full: Bool, reason: Explanation.RequestReason, result: Allocation.RequestResult) -> String {
        let what = full ? "stays fully funded" : "keeps what it gets"
        if keeps > 0 {
            return "It \(what) as long as its last \(full ? "" : "funded ")\(format.unitName) returns at least \(format.perUnit(keeps, rounded: .up))."
        }
        let lead = "It would \(full ? "stay funded" : "keep what it gets") even if it returned nothing"
        // Only causes checked by re-solving with its return at nothing and the rule removed.
        guard let causes = reason.causes?.filter(\.whenReturningNothing) else { return lead + "." }
        if causes.isEmpty { return lead + ": nothing else in the plan would use its money better." }
        return lead + ": " + heldUpBy(causes, result: result) + "."
    }

    /// "'Security at least $1.7M' is at its limit: without it, it would get $1.2M": the causes
    /// that hold a request down, each checked by re-solving without it.
    func heldBy(_ causes: [Explanation.Cause], result: Allocation.RequestResult) -> String {
        let f = format
        guard !causes.isEmpty else {
            return "removing the rules at their limits would not fund it further: the budget holds it. This is the funding line, not a verdict on your estimate."
        }
        if let joint = causes.first, !joint.together.isEmpty {
            let names = words.listed(causes.map { words.ruleLabel($0.ref) })
            return "\(names) hold it together: any one of them would hold it; without \(causes.count == 2 ? "both" : "all of them") it \(joint.certainty.rawValue) get \(f.money(joint.without)). This is a leadership policy, not a verdict on your estimate."
        }
        let each = causes.count == 1
            ? ["without it, it \(causes[0].certainty.rawValue) get \(f.money(causes[0].without))"]
            : causes.map { "without \(words.ruleLabel($0.ref)) it \($0.certainty.rawValue) get \(f.money($0.without))" }
        let verb = causes.count > 1 ? "are at their limits" : "is at its limit"
        return "\(words.listed(causes.map { words.ruleLabel($0.ref) })) \(verb): \(words.listed(each)). This is a leadership policy, not a verdict on your estimate."
    }

    /// "'Every team gets 40% of its ask' holds it there: without it, it would get $120k."
    func heldUpBy(_ causes: [Explanation.Cause], result: Allocation.RequestResult) -> String {
        let f = format
        if let joint = causes.first, !joint.together.isEmpty {
            let names = words.listed(causes.map { words.ruleLabel($0.ref) })
            return "\(names) hold it there together: any one of them would; without \(causes.count == 2 ? "both" : "all of them") it \(joint.certainty.rawValue) get \(f.money(joint.without))"
        }
        return words.listed(causes.map { cause in
            "\(words.ruleLabel(cause.ref)) holds it there (without it, it \(cause.certainty.rawValue) get \(f.money(cause.without)))"
        })
    }

    /// "Full funding needs its last $450k to return $495k ($1.10 per $1), or a total budget of
    /// $25M." Every figure is a boundary, rounded up: at it the request is funded in full.
    ///
    /// A threshold below the funding line names the rules whose credits lower this request's
    /// bar, so that "$0.98, below a line of $1.07" does not read as a slip.
    func whatItWouldTake(_ request: Request, _ reason: Explanation.RequestReason, line: Double?) -> [String] {
        guard let full = reason.fullFundingAt else { return [] }
        let f = format
        var parts: [String] = []
        if let t = full.valuePerDollar {
            // The slice holding the last asked dollar: its value per dollar is what must change.
            let start = reason.slices.last { $0.start < request.amount - 1e-9 }?.start ?? 0
            let width = request.allOrNothing ? request.amount : request.amount - start
            let which = width >= request.amount - 0.5 ? "it" : "its last \(f.money(width))"
            parts.append("\(which) to return \(f.money(t * width, rounded: .up)) (\(f.perUnit(t, rounded: .up)) \(f.per))")
        }
        if let budget = full.budget { parts.append("a total budget of \(f.money(budget, rounded: .up))") }
        if let (ref, limit) = full.ruleLimit, case .rule(let id, _) = ref, let constraint = words.constraint(id) {
            let shown: String
            switch constraint.kind {
            case .share: shown = f.percent(limit, rounded: .up)
            case .headcount: shown = "\(f.number(limit, rounded: .up)) heads"
            case .ratio: shown = f.number(limit, rounded: .up) + "×"
            default: shown = f.money(limit, rounded: .up)
            }
            parts.append("\(words.quotedRule(constraint)) at \(shown)")
        }
        if parts.isEmpty {
            if let blocked = full.blockedBy { return ["Full funding is not possible while \(words.ruleLabel(blocked)) stands as it is."] }
            return []
        }
        var sentences = ["Full funding needs " + parts.joined(separator: ", or ") + ", all else equal."]
        // A credit that prints as nothing is no reason ("worth $0.00 per $1").
        let credits = reason.terms.filter { !$0.ref.isBudget && $0.perDollar < -1e-9 && f.perUnit(-$0.perDollar) != f.perUnit(0) }
        if let t = full.valuePerDollar, let line, f.perUnit(t, rounded: .up) != f.perUnit(line), t < line, !credits.isEmpty {
            sentences.append("That is below the funding line because each of its \(f.unitNames) also eases \(words.listed(credits.map { words.ruleLabel($0.ref) })) (worth \(words.listed(credits.map { perUnit(-$0.perDollar) }))).")
        }
        return sentences
    }

    // MARK: Teams

    /// A team's summary and the reason behind most of its gap, from its requests' reasons.
    func team(_ team: Allocation.TeamResult, allocation: Allocation, reasons: [String: Explanation.RequestReason]) -> (text: String, mainReason: String) {
        let f = format
        let requests = allocation.requests.filter { $0.team == team.id }
        let full = requests.filter { $0.status == .full }.count
        let partial = requests.filter { $0.status == .partial || $0.status == .floor }.count
        let none = requests.filter { $0.status == .unfunded }.count
        // The reason behind the most dollars of gap.
        var gapByReason: [String: Double] = [:]
        for request in requests where request.asked > request.allocated + 0.5 {
            guard let reason = reasons[request.id] else { continue }
            gapByReason[mainPhrase(reason), default: 0] += request.asked - request.allocated
        }
        let main = gapByReason.max { $0.value < $1.value }?.key ?? (requests.allSatisfy { $0.status == .full } ? "fully funded" : "—")
        var text = "\(team.name): asked \(f.money(team.asked)); this proposal gives \(f.money(team.allocated))"
        if team.asked > 0 { text += " (\(f.percent(team.allocated / team.asked)))" }
        text += ". \(full) of \(requests.count) \(requests.count == 1 ? "request" : "requests") funded in full, \(partial) in part, \(none) not funded."
        if main != "fully funded", main != "—" { text += " Most of the gap: \(main)." }
        return (text, main)
    }

    /// The reason behind a request's gap in a few words.
    func mainPhrase(_ reason: Explanation.RequestReason) -> String {
        switch reason.code {
        case .belowLine, .committed: return "below the funding line"
        case .tie: return "a tie at the funding line"
        case .heldByRule:
            let rule = reason.terms.filter { !$0.ref.isBudget }.max { $0.perDollar < $1.perDollar }
            return "held by \(rule.map { words.ruleLabel($0.ref) } ?? "a rule")"
        case .indivisible: return "whole units that do not fit"
        case .noImpact, .runTheBusiness: return "no KPI impact stated beyond committed spend"
        case .heldUpByRule: return "below the funding line"
        case .funded, .aboveAsk: return "fully funded"
        }
    }
}

