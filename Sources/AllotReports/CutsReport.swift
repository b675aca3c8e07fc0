import Allot
import PlanFormat

/// `allot cuts` as text and as JSON: both ends, each breakpoint, the order of cuts.
package enum CutsReport {
    /// The walk in words and tables.
    package static func text(_ cuts: BudgetCuts, plan: Plan) -> String {
        let f = Format(currency: plan.currency)
        let words = Words(plan: plan)
        let names = Dictionary(plan.requests.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let teams = Dictionary(plan.teams.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        var lines: [String] = ["Cuts: \(plan.name)"]
        let digits = distinctDigits(cuts.breakpoints.map(\.budget), f)
        let setBy = cuts.setBy.isEmpty ? "" : ", set by \(setByText(cuts.setBy, words)) (each checked: without it, the lowest total would be lower)"
        var intro: [String] = []
        intro.append(
            "From \(f.money(cuts.top, digits: digits)) down to \(f.money(cuts.bottom, digits: digits)). The lowest total at which every rule can hold is "
                + "\(cuts.lowestFeasibleBudget.map { f.money(Format.rounded($0, digits: digits, .up, step: 0.01), digits: digits) } ?? "unknown")\(setBy)."
                + (cuts.saturation.map { " Beyond \(f.money($0)) more money changes nothing." } ?? ""))
        switch cuts.samplingReason {
        case .wholeUnits?:
            intro.append("This plan has whole heads or all-or-nothing items: the levels below are \(cuts.breakpoints.count) samples, each solved in full, and what happens between two of them is not shown.")
        case .leastSpend?:
            intro.append("This plan asks for the least spend that meets its targets: every level at or above the least spend gives the same allocation; the levels below are samples.")
        case .proRata?:
            intro.append("This plan has a fairness rule on pro-rata shares, whose floors move with the budget: the levels below are \(cuts.breakpoints.count) samples, each solved in full with its floors set for that total.")
        case .spendAll?:
            intro.append("This plan must spend all of its budget: the levels below are samples, each solved in full.")
        case nil where !cuts.nested:
            intro.append("Between two breakpoints every allocation changes in a straight line with the total.")
        case nil:
            break
        }
        if cuts.nested {
            // A raise's rule is named from the least-raise solution's prices: a plan with whole
            // units has none, and its raises are said to be the rules' and whole units' together.
            let unnamed = cuts.breakpoints.contains { $0.forcedRaises.contains { $0.cause == nil } }
            let raises = unnamed
                ? "except where the rules force a raise (listed below the table, each with the rule that forces it where the prices name one; a plan with whole heads or all-or-nothing items has no prices, and there the rules and the whole units force it together)"
                : "except where a rule forces a raise (listed below the table, each with the rule)"
            intro.append("Nested path: from the top down, no request gets more than at the level above, \(raises); at each level, the value given up against the best allocation at that total. The path is greedy (the best at each level given the level above), shown at the levels of the optimal walk; between two levels it is not shown.")
        }
        if cuts.stoppedByTimeLimit {
            intro.append("The time limit stopped the walk before the bottom: the levels below the last one shown were not computed.")
        }
        lines.append(AllocationText.wrap(intro.joined(separator: " "), width: 100))
        lines.append("")
        lines.append("Breakpoints, from the top:")
        var table = cuts.nested
            ? TextTable(
                headers: ["Total", "Value", "Given up", "Starts losing or gaining", "Stops", "Rules binding"],
                alignments: [.right, .right, .right, .left, .left, .left])
            : TextTable(
                headers: ["Total", "Value", "Next \(f.symbol)1 worth", "Starts losing or gaining", "Stops", "Rules binding"],
                alignments: [.right, .right, .right, .left, .left, .left])
        for point in cuts.breakpoints {
            let added = point.bindingAdded.map { "+" + words.label($0) }
            let removed = point.bindingRemoved.map { "−" + words.label($0) }
            table.add([
                f.money(point.budget, digits: digits), f.money(point.value, digits: digits) + (point.unique == false ? " =" : ""),
                cuts.nested ? point.valueGivenUp.map { f.money($0) } ?? "—" : point.marginalValueAbove.map { f.perUnit($0) } ?? "—",
                short(point.starts, names), short(point.stops, names), (added + removed).joined(separator: "; "),
            ])
        }
        lines.append(table.render(indent: "  "))
        for point in cuts.breakpoints where !point.forcedRaises.isEmpty {
            let raised = point.forcedRaises.map { raise in
                "\(names[raise.request]?.name ?? raise.request) rises by \(f.money(raise.amount))"
                    + (raise.cause.map { " to hold \(words.label($0))" } ?? "")
            }
            lines.append(AllocationText.wrap("  At \(f.money(point.budget, digits: digits)): " + words.listed(raised) + ".", width: 100))
        }
        if cuts.breakpoints.contains(where: { $0.unique == false }) {
            lines.append(AllocationText.wrap(
                "  = the allocation at this level is one of several equally good ones; "
                    + (cuts.nested ? "the one shown is the nested path's." : "the one shown moves the least money from the plan's own allocation at its budget."),
                width: 100))
        }
        lines.append("")
        lines.append("The order of cuts (the first to lose money first):")
        var order = TextTable(
            headers: ["", "Request", "Team", "Loses its first \(f.unitName) below", "At its minimum from"],
            alignments: [.right, .left, .left, .right, .right])
        let losing = cuts.cutOrder.filter { $0.firstDollarLostAt != nil }
        for (index, entry) in losing.enumerated() {
            let request = names[entry.request]
            order.add([
                "\(index + 1).", request?.name ?? entry.request, request.flatMap { teams[$0.team] } ?? "",
                entry.firstDollarLostAt.map { f.money($0, digits: digits) } ?? "",
                entry.atMinimumFrom.map { f.money($0, digits: digits) } ?? "—",
            ])
        }
        lines.append(order.render(indent: "  "))
        let kept = cuts.cutOrder.filter { $0.firstDollarLostAt == nil }.count
        if losing.isEmpty { lines.append("  No request loses money between these totals.") }
        if kept > 0 {
            lines.append("The other \(kept) \(kept == 1 ? "request keeps" : "requests keep") what \(kept == 1 ? "it has" : "they have") at the top all the way down to \(f.money(cuts.bottom, digits: digits)) (committed spend among them).")
        }
        if !cuts.bestEffortLevels.isEmpty {
            lines.append("")
            lines.append(AllocationText.wrap(
                "Below the lowest feasible total, best effort (\(cuts.bestEffortLevels.count) samples, each solved in full): no allocation meets every rule there; each level shows the one that misses rules by the least, in the plan's order (\(plan.relaxFirst.map(\.rawValue).joined(separator: ", then "))), then has the most value.",
                width: 100))
            var table = TextTable(headers: ["Total", "Value", "Misses"], alignments: [.right, .right, .left])
            for point in cuts.bestEffortLevels {
                table.add([f.money(point.budget, digits: digits), f.money(point.value, digits: digits), missesText(point.misses, plan, words)])
            }
            lines.append(table.render(indent: "  "))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A level's misses in a table cell: each rule once, a per-team rule summed over its teams.
    static func missesText(_ misses: [Miss], _ plan: Plan, _ words: Words) -> String {
        let f = words.format
        var parts: [String] = []
        var done: Set<String> = []
        for miss in misses {
            let key = "\(miss.ref.kind.rawValue):\(miss.ref.id)"
            guard !done.contains(key) else { continue }
            done.insert(key)
            let same = misses.filter { $0.ref.kind == miss.ref.kind && $0.ref.id == miss.ref.id }
            let total = same.reduce(0) { $0 + $1.amount }
            let label = miss.ref.team == nil ? words.label(miss.ref) : words.label(.rule(miss.ref.id))
            switch miss.unit {
            case .money: parts.append("\(label) by \(f.money(total))" + (same.count > 1 ? " (\(same.count) teams)" : ""))
            case .heads: parts.append("\(label) by \(f.number(total)) heads")
            case .kpi:
                let kpi = plan.kpis.first { $0.id == miss.ref.id }
                parts.append("\(label) by \(f.quantity(total, unit: kpi?.unit))" + (miss.fraction.map { " (\(f.percent($0)))" } ?? ""))
            }
        }
        return parts.isEmpty ? "nothing" : parts.joined(separator: "; ")
    }

    /// What sets the lowest feasible total, in words: each rule once, then the committed spend.
    static func setByText(_ refs: [PlanReference], _ words: Words) -> String {
        var labels: [String] = []
        var committed = 0
        for ref in refs {
            if case .committed = ref { committed += 1; continue }
            let label = words.label(ref)
            if !labels.contains(label) { labels.append(label) }
        }
        if committed > 0 { labels.append("the committed spend of \(committed) \(committed == 1 ? "request" : "requests")") }
        return words.listed(labels)
    }

    /// Why a walk could not start, in words.
    package static func failure(_ error: CutsError, plan: Plan, path: String) -> String {
        let f = Format(currency: plan.currency)
        let words = Words(plan: plan)
        switch error {
        case .noTotalBudget:
            return "\(path): the plan has no total budget to cut; give budget.total, or --top as an amount"
        case .infeasibleAtAnyBudget:
            return "no allocation satisfies every rule at any total; run 'allot solve' on the plan for the diagnosis"
        case .topBelowLowestFeasible(let top, let lowest, let setBy):
            let causes = setBy.isEmpty ? "" : ", set by \(setByText(setBy, words))"
            let least = f.money(lowest, rounded: .up)
            return "the top, \(f.money(top)), is below the lowest total at which every rule can hold: \(least)\(causes); "
                + "give a --top of \(least) or more, or add --best-effort and a --bottom to see what misses the rules least below it"
        case .outOfTime:
            return "the time limit passed before the lowest feasible total was found; give a longer --time-limit"
        }
    }

    /// The fewest significant figures (3 to 6) at which neighbouring levels read differently.
    static func distinctDigits(_ levels: [Double], _ f: Format) -> Int {
        for digits in 3...6 {
            let shown = levels.map { f.money($0, digits: digits) }
            if zip(shown, shown.dropFirst()).allSatisfy({ $0 != $1 }) { return digits }
        }
        return 6
    }

    /// Request names for a table cell: the first three and a count.
    static func short(_ ids: [String], _ names: [String: Request]) -> String {
        let shown = ids.prefix(3).map { names[$0]?.name ?? $0 }
        return shown.joined(separator: ", ") + (ids.count > 3 ? " and \(ids.count - 3) more" : "")
    }

    /// The walk as JSON (schema: models/output/cuts.schema.json).
    ///
    /// - Parameter sparse: list only the allocations that changed since the level above (for
    ///   plans of more than 2,000 requests).
    package static func json(_ cuts: BudgetCuts, plan: Plan) -> JSONValue {
        let sparse = plan.requests.count > 2000
        var previous: LevelAllocations? = nil
        let points: [JSONValue] = cuts.breakpoints.map { point in
            let ids = plan.requests.map(\.id).filter { id in
                !sparse || previous == nil || abs((previous?[id] ?? 0) - (point.allocations[id] ?? 0)) > 0.005
            }
            previous = point.allocations
            var members: [(key: String, value: JSONValue)] = [
                ("budget", .number(point.budget)),
                ("value", .number(point.value)),
                ("marginalValueAbove", .number(point.marginalValueAbove)),
                ("unique", point.unique.map { .bool($0) } ?? .null),
                ("allocations", .object(ids.map { ($0, .number(point.allocations[$0] ?? 0)) })),
                ("starts", .array(point.starts.map { .string($0) })),
                ("stops", .array(point.stops.map { .string($0) })),
                ("binding", .object([
                    ("added", .array(point.bindingAdded.map(JSONFormat.reference))),
                    ("removed", .array(point.bindingRemoved.map(JSONFormat.reference))),
                ])),
            ]
            if cuts.nested {
                members.append(("forcedRaises", .array(point.forcedRaises.map { raise in
                    .object([
                        ("id", .string(raise.request)),
                        ("amount", .number(raise.amount)),
                        ("cause", raise.cause.map(JSONFormat.reference) ?? .null),
                    ])
                })))
                members.append(("valueGivenUp", .number(point.valueGivenUp)))
            }
            return .object(members)
        }
        return .object([
            ("formatVersion", .number(Double(JSONFormat.version))),
            ("plan", .string(plan.name)),
            ("currency", .string(plan.currency)),
            ("top", .number(cuts.top)),
            ("bottom", .number(cuts.bottom)),
            ("saturation", .number(cuts.saturation)),
            ("lowestFeasibleBudget", .object([
                ("budget", .number(cuts.lowestFeasibleBudget)),
                ("setBy", .array(cuts.setBy.map(JSONFormat.reference))),
            ])),
            ("sampled", .bool(cuts.sampled)),
            ("nested", .bool(cuts.nested)),
            ("samplingReason", .string(cuts.samplingReason?.rawValue)),
            ("sparse", .bool(sparse)),
            ("stoppedByTimeLimit", .bool(cuts.stoppedByTimeLimit)),
            ("breakpoints", .array(points)),
            ("bestEffort", .array(cuts.bestEffortLevels.map { point in
                .object([
                    ("budget", .number(point.budget)),
                    ("value", .number(point.value)),
                    ("allocations", .object(plan.requests.map { ($0.id, .number(point.allocations[$0.id] ?? 0)) })),
                    ("misses", .array(point.misses.map(AllocationJSON.miss))),
                ])
            })),
            ("cutOrder", .array(cuts.cutOrder.map { entry in
                .object([
                    ("request", .string(entry.request)),
                    ("firstDollarLostAt", .number(entry.firstDollarLostAt)),
                    ("atMinimumFrom", .number(entry.atMinimumFrom)),
                ])
            })),
        ])
    }
}
