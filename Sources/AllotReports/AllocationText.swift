import Allot
import PlanFormat

/// The allocation as a readable terminal report: headline, teams and requests, KPIs, rules.
package enum AllocationText {
    /// The terminal report of `allot solve`: a headline, the team table, the top rules and the
    /// warnings; with `details`, every request, KPI, period and rule as well.
    package static func render(_ allocation: Allocation, explanation: Explanation? = nil, details: Bool = true) -> String {
        let plan = allocation.plan
        let said = explanation.map(ExplanationWords.init)
        let words = said?.words ?? Words(plan: plan)
        let f = words.format
        var out = ""
        let scenario = allocation.scenario.map { " · scenario: \($0.name)" } ?? ""
        out += "\(plan.name)\(scenario)\n"
        if !allocation.misses.isEmpty {
            out += "\n" + wrap(bestEffort(allocation, words), width: 96) + "\n"
        }

        if allocation.status == .infeasible || allocation.status == .noSolution {
            out += allocation.status == .infeasible
                ? "\nNo allocation satisfies every rule of this plan.\n"
                : "\nNo allocation was found before the solver stopped at the time limit; that does not show that none exists.\n"
            if let diagnosis = allocation.diagnosis {
                let sentences = DiagnosisSentences(words, allocation: allocation)
                out += "\n" + wrap(sentences.summary(diagnosis), width: 96) + "\n"
                for number in Set(diagnosis.conflicts.map(\.set)).sorted() {
                    let several = Set(diagnosis.conflicts.map(\.set)).count > 1
                    let single = diagnosis.conflicts.filter { $0.set == number }.count == 1
                    let heading = single ? "a rule the requests as stated cannot meet" : "rules that cannot all hold together"
                    out += "\n" + (several ? "Conflict \(number): \(heading)" : heading.prefix(1).uppercased() + heading.dropFirst()) + ":\n"
                    for conflict in diagnosis.conflicts where conflict.set == number {
                        out += "  • \(sentences.description(conflict))\n"
                        out += "      " + (sentences.relaxation(conflict).map { "fix: \($0)" }
                            ?? (conflict.cutShort ? "fix: none found before the time limit"
                                : "relaxing this rule alone is not enough")) + "\n"
                    }
                }
                if diagnosis.conflicts.contains(where: { $0.needed != nil }) { out += "\n" + DiagnosisSentences.rounding + "\n" }
                if let joint = diagnosis.jointFix { out += "\n" + wrap(sentences.jointFix(joint), width: 96) + "\n" }
            }
            out += warnings(allocation)
            return out
        }
        out += wrap(headline(allocation, explanation: explanation, f), width: 96) + "\n"
        if let choice = leastChange(allocation, f) { out += wrap(choice, width: 96) + "\n" }
        out += fundingLines(allocation, annual: explanation?.annualFundingLine, f)
        out += "\n" + teamTable(allocation, mainReasons: said?.mainReasons ?? [:], f)
        if let explanation, let said {
            let top = explanation.rules.filter(\.shapesProposal)
                .sorted { abs($0.valueGivenUp ?? $0.shadowPrice ?? 0) > abs($1.valueGivenUp ?? $1.shadowPrice ?? 0) }
                .prefix(3)
            if !top.isEmpty {
                out += "\nRules that shape the proposal:\n"
                for rule in top {
                    let wrapped = wrap(said.rule(rule), width: 92).split(separator: "\n")
                    out += wrapped.enumerated().map { ($0.offset == 0 ? "  • " : "    ") + $0.element }.joined(separator: "\n") + "\n"
                }
            }
        }
        if details {
            out += detailTables(allocation, explanation: explanation, words)
        } else {
            out += warnings(allocation)
            out += "\nRun with --details for every request, KPI and rule, or 'allot explain' for the reasons.\n"
            return out
        }
        out += warnings(allocation)
        return out
    }

    /// One sentence: plan state, asked and proposed, value, KPIs against targets.
    /// What a best-effort allocation misses, in words.
    static func bestEffort(_ allocation: Allocation, _ words: Words) -> String {
        let f = words.format
        let plan = allocation.plan
        // A fairness rule misses once per team: say it once, with its teams.
        var missed: [String] = []
        var grouped: Set<String> = []
        for miss in allocation.misses {
            guard case .rule(let id, let team?) = miss.ref else {
                missed.append(one(miss))
                continue
            }
            guard !grouped.contains(id) else { continue }
            grouped.insert(id)
            let teams = allocation.misses.filter { $0.ref.id == id && $0.ref.team != nil }
            let total = teams.reduce(0) { $0 + $1.amount }
            let parts = teams.map { "\(words.teamName($0.ref.team ?? team)) \(f.money($0.amount))" }
            missed.append("\(words.label(.rule(id))) by \(f.money(total)) across \(teams.count) \(teams.count == 1 ? "team" : "teams") (\(parts.joined(separator: ", ")))")
        }
        func one(_ miss: Miss) -> String {
            let label = words.label(miss.ref)
            switch miss.unit {
            case .money: return "\(label) by \(f.money(miss.amount))"
            case .heads: return "\(label) by \(f.number(miss.amount)) \(miss.amount == 1 ? "head" : "heads")"
            case .kpi:
                let kpi = plan.kpis.first { $0.id == miss.ref.id }
                let share = miss.fraction.map { " (\(f.percent($0)) of it)" } ?? ""
                return "\(label) by \(f.quantity(miss.amount, unit: kpi?.unit))\(share)"
            }
        }
        let order = plan.relaxFirst.map(\.rawValue).joined(separator: ", then ")
        return "Best effort: no allocation meets every rule at this budget. This one misses \(words.listed(missed)), "
            + "and misses nothing else: rules give in the plan's order (\(order); budgets and requires never), each class "
            + "by the least it can, and within those misses it has the most value. A miss within a class could be spread "
            + "differently at the same total; this split keeps the most value."
    }

    static func headline(_ allocation: Allocation, explanation: Explanation?, _ f: Format) -> String {
        let plan = allocation.plan
        let proof: String
        switch allocation.status {
        case .optimal where !allocation.misses.isEmpty:
            let rules = Set(allocation.misses.map { "\($0.ref.kind.rawValue):\($0.ref.id)" }).count
            proof = "best effort, missing \(rules) \(rules == 1 ? "rule" : "rules")"
        case .optimal: proof = "proven optimal"
        case .feasible:
            proof = "best found within the time limit, not proven optimal"
                + (allocation.relativeGap.map { ", within \(f.percent($0)) of the best possible" } ?? "")
        default: proof = allocation.status.rawValue
        }
        var text = "Proposal (\(proof)): \(f.money(allocation.spend)) of \(f.money(allocation.asked)) asked"
        if allocation.asked > 0 { text += " (\(f.percent(allocation.spend / allocation.asked)))" }
        text += plan.budget.total.map { " within a \(f.money($0)) budget" } ?? ""
        let unit = explanation == nil ? "\(plan.currency)-equivalent value" : Words.valueUnit(plan)
        let penalty = allocation.kpis.reduce(0) { $0 + $1.penalty }
        text += "; value \(f.money(allocation.value)) (\(unit), cost not subtracted"
            + (penalty >= 0.5 ? ", after \(f.money(penalty)) of penalties for soft targets missed)" : ")")
        let targeted = allocation.kpis.filter { $0.target != nil }
        if !targeted.isEmpty {
            text += "; " + targeted.map { kpi in
                var sides: [String] = []
                if let min = kpi.target?.min { sides.append("at least \(f.quantity(min, unit: kpi.unit))") }
                if let max = kpi.target?.max { sides.append("at most \(f.quantity(max, unit: kpi.unit))") }
                let met = kpi.met == true ? "met" : "missed by \(f.quantity(kpi.shortfall, unit: kpi.unit))"
                return "\(kpi.name) \(f.quantity(kpi.achieved, unit: kpi.unit)) against \(sides.joined(separator: " and ")) (\(met))"
            }.joined(separator: "; ")
        }
        return text + "."
    }

    /// The funding line, and each full period budget's price said as a price, never as a return:
    /// "Q4's budget is full: one more dollar of it would add $3.00 of value ($3.00 per $1 of Q4
    /// spend)." With period budgets and the total not full, the year's line is the annual one.
    static func fundingLines(_ allocation: Allocation, annual: Double?, _ f: Format) -> String {
        var out = ""
        let unit = f.unitName
        if let line = allocation.cutoff, line > 1e-9 {
            out += "Funding line: every freely placed \(unit) clears \(f.perUnit(line)) of value.\n"
        } else if let annual, annual > 1e-9 {
            out += wrap(
                "Funding line: the period budgets below, not the total, hold the money; over the year, a freely placed \(unit) clears \(f.perUnit(annual)) of value (the spend-weighted line of the partly funded requests no rule holds).",
                width: 96) + "\n"
        }
        for period in allocation.periods {
            guard let price = period.cutoff, price > 1e-9 else { continue }
            out += wrap(
                "  \(period.period)'s budget is full: one more \(unit) of it would add \(f.perUnit(price)) of value (\(f.perUnit(price)) \(f.per) of \(period.period) spend).",
                width: 96) + "\n"
        }
        return out
    }

    /// When the allocation is one of several equally good ones, which one is shown and why.
    static func leastChange(_ allocation: Allocation, _ f: Format) -> String? {
        guard let choice = allocation.leastChange, choice.severalEquallyGood == true else { return nil }
        let reference = choice.referenceBudget.map { "the plan's own allocation at its \(f.money($0)) budget" }
            ?? choice.referenceLabel.map { "'\($0)'" } ?? "the reference"
        var text = "This is one of several equally good allocations: the one that moves the least money from \(reference)"
            + " (\(f.money(choice.moved)) moved in all"
        if choice.movedWithoutChoice > choice.moved + 0.5 {
            text += "; the solver's own tie-breaks would move \(f.money(choice.movedWithoutChoice))"
        }
        return text + ")."
    }

    /// Teams sorted by gap, with a totals row that ties to the budget.
    static func teamTable(_ allocation: Allocation, mainReasons reasons: [String: String], _ f: Format) -> String {
        var table = TextTable(
            headers: ["TEAM", "OWNER", "ASKED", "COMMITTED", "NEW ASKS", "PROPOSED", "GAP", "HEADS", "MAIN REASON"],
            alignments: [.left, .left, .right, .right, .right, .right, .right, .right, .left])
        for team in allocation.teams.sorted(by: { $0.gap > $1.gap }) {
            table.add([
                truncate(team.name, 24), truncate(team.owner ?? "", 18), f.money(team.asked), f.money(team.committed),
                f.money(team.newAsks), f.money(team.allocated), f.money(team.gap),
                team.unitsAsked > 0 ? "\(f.number(team.unitsFunded))/\(f.number(team.unitsAsked))" : "",
                truncate(reasons[team.id] ?? "", 40),
            ])
        }
        table.addRule()
        let teams = allocation.teams
        let unitsAsked = teams.reduce(0) { $0 + $1.unitsAsked }
        table.add([
            "Total", "", f.money(allocation.asked), f.money(teams.reduce(0) { $0 + $1.committed }),
            f.money(teams.reduce(0) { $0 + $1.newAsks }), f.money(allocation.spend),
            f.money(teams.reduce(0) { $0 + $1.gap }),
            unitsAsked > 0 ? "\(f.number(teams.reduce(0) { $0 + $1.unitsFunded }))/\(f.number(unitsAsked))" : "",
            allocation.plan.budget.total.map { "budget \(f.money($0)), unspent \(f.money(max($0 - allocation.spend, 0)))" } ?? "",
        ])
        return table.render() + (allocation.teams.contains { $0.unitsAsked > 0 } ? "HEADS: whole units funded / asked.\n" : "")
    }

    static func detailTables(_ allocation: Allocation, explanation: Explanation?, _ words: Words) -> String {
        let plan = allocation.plan
        let f = words.format
        var out = ""
        out += "\n"
        var table = TextTable(
            headers: ["TEAM / REQUEST", "ASKED", "PROPOSED", "OF ASK", "STATUS"],
            alignments: [.left, .right, .right, .right, .left])
        for team in allocation.teams {
            table.add([
                truncate(team.name, 44), f.money(team.asked), f.money(team.allocated),
                team.asked > 0 ? f.percent(team.allocated / team.asked) : "", "",
            ])
            for request in allocation.requests[allocation.requestRange(ofTeam: team.id)] {
                var status = request.status.rawValue
                if request.isAboveAsk { status += ", above its ask" }
                if let funded = request.unitsFunded, let asked = request.unitsAsked {
                    status += " (\(f.number(funded)) of \(f.number(asked)) units)"
                }
                table.add([
                    "  " + truncate(request.name, 42), f.money(request.asked), f.money(request.allocated),
                    request.asked > 0 ? f.percent(request.allocated / request.asked) : "", status,
                ])
            }
        }
        table.addRule()
        table.add([
            "Total", f.money(allocation.asked), f.money(allocation.spend),
            allocation.asked > 0 ? f.percent(allocation.spend / allocation.asked) : "", "",
        ])
        out += table.render()

        out += "\n"
        var kpis = TextTable(headers: ["KPI", "ACHIEVED", "TARGET", ""], alignments: [.left, .right, .left, .left])
        for kpi in allocation.kpis {
            var target = ""
            if let t = kpi.target {
                var sides: [String] = []
                if let min = t.min { sides.append("≥ \(f.quantity(min, unit: kpi.unit))") }
                if let max = t.max { sides.append("≤ \(f.quantity(max, unit: kpi.unit))") }
                target = sides.joined(separator: ", ") + (t.isSoft ? " (soft)" : "")
            }
            let met = kpi.met.map { $0 ? "met" : "missed by \(f.quantity(kpi.shortfall, unit: kpi.unit))" } ?? ""
            kpis.add([truncate(kpi.name, 40), f.quantity(kpi.achieved, unit: kpi.unit), target, met])
        }
        out += kpis.render()

        if !plan.periods.isEmpty {
            out += "\n"
            var periods = TextTable(headers: ["PERIOD", "SPEND", "BUDGET", "FUNDING LINE"], alignments: [.left, .right, .right, .right])
            for period in allocation.periods {
                let line = explanation?.periodLines[period.period] ?? period.cutoff
                periods.add([
                    period.period, f.money(period.spend), period.budget.map(f.money) ?? "—",
                    line.map { $0 > 1e-9 ? f.perUnit($0) : "not at its limit" } ?? "—",
                ])
            }
            out += periods.render()
        }

        if !allocation.rules.isEmpty {
            let sentences = RuleSentences(words, integer: allocation.isInteger)
            out += "\n"
            var rules = TextTable(headers: ["RULE", "KIND", "AT ITS LIMIT", "PRICE"], alignments: [.left, .left, .left, .right])
            for rule in allocation.rules {
                let price: String
                let explained = explanation?.rules.first { $0.id == rule.id }?.shadowPrice
                if !rule.binding {
                    price = ""
                } else if let value = rule.shadowPrice ?? explained {
                    price = sentences.price(value, kind: rule.kind, ref: rule.ref)
                } else {
                    price = "see allot explain"
                }
                rules.add([truncate(rule.name, 40), rule.kind, rule.binding ? "yes" : "no", price])
            }
            out += rules.render()
        }
        if allocation.isInteger {
            out += "\nThe plan needs whole-number choices: " + allocation.integerReasons.prefix(3).map(words.integerReason).joined(separator: "; ")
            if allocation.integerReasons.count > 3 { out += "; and \(allocation.integerReasons.count - 3) more" }
            out += ".\n"
        }
        return out
    }

    static func warnings(_ allocation: Allocation) -> String {
        guard !allocation.warnings.isEmpty else { return "" }
        return "\nWarnings:\n" + allocation.warnings.map { "  • \($0)\n" }.joined()
    }

    /// Words with an amount in a currency written as a code ("CHF 1.2M") kept together, so that
    /// a line never ends between the code and its figure.
    static func unbroken(_ words: [Substring]) -> [Substring] {
        var joined: [Substring] = []
        for word in words {
            if let last = joined.last, last.count >= 3, last.suffix(3).allSatisfy({ $0.isUppercase && $0.isASCII }),
               last.count == 3 || !(last.dropLast(3).last?.isLetter ?? false), word.first?.isNumber == true
            {
                joined[joined.count - 1] = Substring(last + " " + word)
            } else {
                joined.append(word)
            }
        }
        return joined
    }

    static func truncate(_ text: String, _ width: Int) -> String {
        text.count <= width ? text : String(text.prefix(width - 1)) + "…"
    }

    static func wrap(_ text: String, width: Int) -> String {
        var lines: [String] = []
        var line = ""
        for word in unbroken(text.split(separator: " ")) {
            if !line.isEmpty, line.count + 1 + word.count > width {
                lines.append(line)
                line = ""
            }
            line += (line.isEmpty ? "" : " ") + word
        }
        if !line.isEmpty { lines.append(line) }
        return lines.joined(separator: "\n")
    }
}
