import Allot
import PlanFormat

/// Sentences for the plan's rules and KPI targets: whether each shapes the proposal, what it is
/// worth, over which range, and who gains or loses without it.
struct RuleSentences: Sendable {
    let words: Words
    /// Whether the plan has whole-unit choices (its prices come from re-solving).
    let integer: Bool
    var format: Format { words.format }

    init(_ words: Words, integer: Bool) {
        self.words = words
        self.integer = integer
    }

    /// The rule in words, with its name and limit.
    func description(_ rule: Explanation.RuleReason) -> String {
        if case .target(let id, _) = rule.ref, let kpi = words.plan.kpis.first(where: { $0.id == id }) {
            return words.describeTarget(kpi)
        }
        return words.constraint(rule.id).map(words.describe) ?? rule.id
    }

    /// The unit of the rule's price, as the JSON's `shadowPriceUnit` and the tables give it.
    func priceUnit(_ rule: Explanation.RuleReason) -> String { words.priceUnit(kind: rule.kind, ref: rule.ref) }

    /// A price in its unit: "$0.80 per dollar", "$120k per percentage point".
    func price(_ value: Double, kind: String, ref: PlanReference) -> String {
        if kind == "target", let kpi = words.plan.kpis.first(where: { $0.id == ref.id }) {
            // A target's price said as what one more unit of it costs (or frees), never as a
            // negative amount per unit: "costs $0.52 per $1 of target".
            let money = kpi.unit.map(Format.isCurrency) == true
            let amount = money ? format.perUnit(abs(value)) : format.money(abs(value))
            let per = money ? "\(format.per) of target" : "per \(kpi.unit ?? "unit") of target"
            return (value < 0 ? "costs " : "worth ") + amount + " " + per
        }
        return (kind == "cap" || kind == "floor" ? format.perUnit(value) : format.money(value)) + " " + words.priceUnit(kind: kind, ref: ref)
    }

    /// A few sentences on one rule.
    func text(_ rule: Explanation.RuleReason) -> String {
        let f = format
        let description = Words.capitalized(description(rule))
        guard rule.binding else {
            if rule.leftOutByTimeLimit.contains(.effects) {
                return "\(description): not at its limit in this proposal. Whether the proposal would change without it was left out: the time limit stopped it."
            }
            return "\(description): not at its limit in this proposal, so it costs nothing."
        }
        var sentences = [rule.atLimit
            ? "\(description) is at its limit in this proposal."
            : "\(description) is met with room to spare, since whole units rarely land exactly on a limit, but the proposal would change without it."]
        if words.plan.objective == .minimizeSpend {
            sentences.append("This plan asks for the least spend that meets its targets; what the rule costs is not measured here.")
            return sentences.joined(separator: " ")
        }
        let leftOut = rule.leftOutByTimeLimit.map(\.rawValue)
        // Figures the time limit stopped are said to be missing, never read as "costs nothing".
        let stopped = leftOut.isEmpty ? nil
            : "\(Words.capitalized(words.listed(leftOut))) \(leftOut.count == 1 ? "was" : "were") left out: the time limit stopped \(leftOut.count == 1 ? "it" : "them")."
        let costless = leftOut.isEmpty && (rule.valueGivenUp ?? 0) < 0.5 && (rule.dollarsMoved ?? 0) < 0.5 && abs(rule.shadowPrice ?? 0) < 1e-6
        if costless {
            sentences.append("The proposal would not change without it: other limits stop it first.")
            return sentences.joined(separator: " ")
        }
        if let price = rule.shadowPrice {
            let amount = abs(price)
            let priceText = rule.kind == "cap" || rule.kind == "floor" ? f.perUnit(amount) : f.money(amount)
            let direction = price >= 0 ? "would be worth" : "would cost"
            let step: String
            switch rule.kind {
            case "share", "ratio", "fairness": step = "Each extra percentage point"
            case "headcount": step = "Each extra head"
            case "target":
                let kpi = words.plan.kpis.first { $0.id == rule.ref.id }
                let noun = kpi?.unit.map { Format.isCurrency($0) ? Format(currency: $0).unitName : $0 } ?? "unit"
                step = "Each extra \(noun) of the \(kpi?.name ?? rule.ref.id) target"
            default: step = "Each extra \(f.unitName) of the limit"
            }
            var sentence = "\(step) \(direction) \(priceText) of \(words.valueUnit)"
            if integer { sentence += " (from re-solving with the limit moved one step)" }
            if let range = rule.validRange, range.lower != nil || range.upper != nil {
                // The range's ends are boundaries: each rounded inward, where the price still holds.
                let show: (Double, Format.Rounding) -> String = { value, direction in
                    switch rule.kind {
                    case "share", "fairness": return f.percent(value, rounded: direction)
                    case "ratio": return f.number(value, rounded: direction) + "×"
                    case "headcount", "target": return f.number(value, rounded: direction)
                    default: return f.money(value, rounded: direction)
                    }
                }
                sentence += "; this holds " + [range.lower.map { "from \(show($0, .up))" }, range.upper.map { "up to \(show($0, .down))" }]
                    .compactMap { $0 }.joined(separator: " ")
            }
            sentences.append(sentence + ".")
        }
        if let moved = rule.dollarsMoved, moved >= 1 {
            let effects = rule.ifRemoved
            let gains = effects.filter { $0.delta > 0 }.map { "\(words.teamName($0.team)) \(f.money($0.delta))" }
            let losses = effects.filter { $0.delta < 0 }.map { "\(words.teamName($0.team)) \(f.money(-$0.delta))" }
            let net = effects.reduce(0) { $0 + $1.delta }
            var sentence = "It moves \(f.money(moved))\(gains.isEmpty || losses.isEmpty ? "" : " between teams"): without it"
            if !gains.isEmpty { sentence += ", " + words.listed(gains) + " would gain" }
            if !losses.isEmpty { sentence += (gains.isEmpty ? ", " : "; ") + words.listed(losses) + " would lose" }
            // Gains and losses need not match: without the rule, money may be left unspent or
            // spending may rise.
            if net >= 1 { sentence += ", and \(f.money(net)) more would be spent in all" }
            if net <= -1 { sentence += ", and \(f.money(-net)) would go unspent" }
            sentences.append(sentence + ".")
        }
        if let given = rule.valueGivenUp, given > 0.5 {
            sentences.append("Value given up for it: \(f.money(given)) of \(words.valueUnit).")
        }
        if let stopped { sentences.append(stopped) }
        return sentences.joined(separator: " ")
    }
}
