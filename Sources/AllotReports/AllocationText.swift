import Allot

/// The allocation as a readable terminal report: headline, teams and requests, KPIs, rules.
public enum AllocationText {
    public static func render(_ allocation: Allocation) -> String {
        let plan = allocation.plan
        let f = Formats(currency: plan.currency)
        var out = ""
        let scenario = allocation.scenario.map { " · scenario: \($0.name)" } ?? ""
        out += "\(plan.name)\(scenario)\n"

        if allocation.status == .infeasible || allocation.status == .noSolution {
            out += "\nNo allocation satisfies every rule of this plan.\n"
            if let diagnosis = allocation.diagnosis {
                out += "\n" + wrap(diagnosis.summary, width: 96) + "\n"
                if !diagnosis.conflicts.isEmpty {
                    out += "\nConflicting rules (drop or relax any one of them):\n"
                    for conflict in diagnosis.conflicts {
                        out += "  • \(conflict.description)\n"
                        out += "      " + (conflict.relaxation.map { "fix: \($0)" } ?? "relaxing this rule alone is not enough") + "\n"
                    }
                }
            }
            out += warnings(allocation)
            return out
        }

        let proof: String
        switch allocation.status {
        case .optimal: proof = "proven optimal"
        case .feasible:
            proof = "best found within the time limit, not proven optimal"
                + (allocation.relativeGap.map { " (within \(f.percent($0)))" } ?? "")
        default: proof = allocation.status.rawValue
        }
        let budget = plan.budget.total.map { "budget \(f.money($0))" } ?? "no total budget"
        out += "Proposal (\(proof)): \(budget) · asked \(f.money(allocation.asked)) · proposed \(f.money(allocation.spend))"
        if allocation.asked > 0 { out += " (\(f.percent(allocation.spend / allocation.asked)) of asks)" }
        out += "\n"
        out += "Value created: \(f.money(allocation.value)) (\(plan.currency)-equivalent worth of KPIs, cost not subtracted)\n"
        if let cutoff = allocation.cutoff {
            if cutoff > 1e-9 {
                out += "Funding line: every freely placed dollar clears \(f.perDollar(cutoff)) of value\n"
            } else if plan.periods.isEmpty || allocation.periods.allSatisfy({ ($0.cutoff ?? 0) <= 1e-9 }) {
                out += "Funding line: the budget does not bind (every request worth funding is funded)\n"
            }
        } else if allocation.isInteger {
            out += "Integer plan: whole units and all-or-nothing items are solved exactly; prices come from re-solving.\n"
        }
        let binding = allocation.periods.filter { ($0.cutoff ?? 0) > 1e-9 }
        for period in binding {
            out += "  \(period.period) budget binds: its funding line is \(f.perDollar(period.cutoff!)) per dollar\n"
        }

        out += "\n"
        var table = TextTable(
            headers: ["TEAM / REQUEST", "ASKED", "PROPOSED", "OF ASK", "STATUS"],
            alignments: [.left, .right, .right, .right, .left])
        for team in allocation.teams {
            table.add([
                truncate(team.name, 44), f.money(team.asked), f.money(team.allocated),
                team.asked > 0 ? f.percent(team.allocated / team.asked) : "", "",
            ])
            for request in allocation.requests where request.team == team.id {
                var status = request.status.rawValue
                if request.isAboveAsk { status += ", above its ask" }
                if let funded = request.unitsFunded, let asked = request.unitsAsked {
                    status += " (\(f.units(funded)) of \(f.units(asked)) units)"
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
                periods.add([
                    period.period, f.money(period.spend), period.budget.map(f.money) ?? "—",
                    period.cutoff.map { $0 > 1e-9 ? f.perDollar($0) : "not binding" } ?? "—",
                ])
            }
            out += periods.render()
        }

        if !allocation.rules.isEmpty {
            out += "\n"
            var rules = TextTable(headers: ["RULE", "KIND", "BINDING", "PRICE"], alignments: [.left, .left, .left, .right])
            for rule in allocation.rules {
                let price: String
                if !rule.binding {
                    price = ""
                } else if let value = rule.shadowPrice {
                    price = (rule.shadowPriceUnit == "per dollar" ? f.perDollar(value) : f.money(value)) + " " + rule.shadowPriceUnit
                } else {
                    price = "(integer plan: see explain)"
                }
                rules.add([truncate(rule.name, 40), rule.kind, rule.binding ? "yes" : "no", price])
            }
            out += rules.render()
        }
        if allocation.isInteger {
            out += "\nThe plan needed integer variables: " + allocation.integerReasons.prefix(3).joined(separator: "; ")
            if allocation.integerReasons.count > 3 { out += "; and \(allocation.integerReasons.count - 3) more" }
            out += ".\n"
        }
        out += warnings(allocation)
        return out
    }

    static func warnings(_ allocation: Allocation) -> String {
        guard !allocation.warnings.isEmpty else { return "" }
        return "\nWarnings:\n" + allocation.warnings.map { "  • \($0)\n" }.joined()
    }

    static func truncate(_ text: String, _ width: Int) -> String {
        text.count <= width ? text : String(text.prefix(width - 1)) + "…"
    }

    static func wrap(_ text: String, width: Int) -> String {
        var lines: [String] = []
        var line = ""
        for word in text.split(separator: " ") {
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
