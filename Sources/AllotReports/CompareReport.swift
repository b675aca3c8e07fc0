import Allot
import PlanFormat

/// `allot compare` as text and as JSON: the columns, the team table, the requests that changed
/// with what differs, and (for two versions) the input changes.
package enum CompareReport {
    /// What the columns are, for the heading.
    package enum Mode: Sendable {
        case budgets, scenarios, versions
    }

    // MARK: Reasons in words

    /// A reason as short neutral text: what differs between the first column and this one.
    static func text(_ reason: PlanComparison.Reason, _ words: Words, diff: PlanDiff?) -> String {
        let sentence = differs(reason, words, diff: diff)
        return reason.tie && reason.code != .tie ? sentence + "; the allocation is one of several equally good ones" : sentence
    }

    static func differs(_ reason: PlanComparison.Reason, _ words: Words, diff: PlanDiff?) -> String {
        let f = words.format
        let labels = words.listed(reason.refs.map { words.label($0) })
        let many = reason.refs.count > 1
        switch reason.code {
        case .inputChanged:
            if reason.fields.contains("added") { return "its inputs differ: it is added in this version" }
            if reason.fields.contains("removed") { return "its inputs differ: it is not in this version" }
            let changes = (diff?.changes ?? []).filter { reason.refs.contains($0.ref) }
            let parts = changes.map { "\($0.field) \(value($0.from, change: $0, f)) → \(value($0.to, change: $0, f))" }
            return "its inputs differ: " + Words.list(parts)
        case .startedBinding:
            return "\(labels) \(many ? "bind" : "binds") in this column and not in the first"
        case .stoppedBinding:
            return "\(labels) \(many ? "bind" : "binds") in the first column and not in this one"
        case .periodFull:
            return "\(labels) \(many ? "are" : "is") spent in full in this column and not in the first"
        case .periodFreed:
            return "\(labels) \(many ? "are" : "is") spent in full in the first column and not in this one"
        case .wholeUnit:
            if case .request = reason.refs.first {
                return (reason.to ?? 0) > 0
                    ? "all or nothing: funded in this column and not in the first"
                    : "all or nothing: funded in the first column and not in this one"
            }
            return "a change of whole units: \(f.number(reason.from ?? 0)) in the first column, \(f.number(reason.to ?? 0)) in this one"
        case .fundingLineMoved:
            let (from, to) = f.perUnit(reason.from ?? 0, against: reason.to ?? 0)
            return "the funding line moved from \(from) to \(to) \(f.per)"
        case .budgetChanged:
            return "the total budget is \(f.money(reason.to ?? 0)) here and \(f.money(reason.from ?? 0)) in the first column; the funding line is the same"
        case .tie:
            return "one of several equally good allocations: no input, rule, period, whole unit or funding line that touches it differs"
        }
    }

    static let moneyFields: Set<String> = ["amount", "min", "max", "unitCost", "minIfFunded", "total", "budget"]

    static func value(_ value: PlanDiff.Value?, change: PlanDiff.Change, _ f: Format) -> String {
        guard let value else { return "none" }
        let isMoney: Bool
        switch change.ref.kind {
        case .budget, .period, .ask, .committed, .units, .request: isMoney = moneyFields.contains(change.field)
        default: isMoney = false
        }
        if case .number(let number) = value, isMoney {
            return f.money(number)
        }
        return value.description
    }

    // MARK: Text

    /// The comparison in tables and lines, at most about 100 columns wide.
    package static func text(_ comparison: PlanComparison, plan: Plan, mode: Mode) -> String {
        let words = Words(plan: plan)
        let f = words.format
        let columns = comparison.columns
        let what: String
        switch mode {
        case .budgets: what = "other total budgets"
        case .scenarios: what = "scenarios"
        case .versions: what = "two versions"
        }
        var lines: [String] = ["Compare: \(plan.name), \(what)"]
        lines.append(AllocationText.wrap(
            "Each column is solved on its own; changes are from the first column, \(columns.first?.label ?? ""), and each says what differs there, not why.",
            width: 100))
        lines.append("")
        // Input changes.
        if let diff = comparison.diff {
            if diff.isEmpty {
                lines.append("Input changes: none.")
            } else {
                lines.append("Input changes, from \(short(columns.first?.label ?? "")) to \(short(columns.last?.label ?? "")):")
                for change in diff.changes {
                    let line: String
                    switch change.field {
                    case "added": line = "- \(change.ref.kind.rawValue) \(change.ref.id): added"
                    case "removed": line = "- \(change.ref.kind.rawValue) \(change.ref.id): removed"
                    default:
                        line = "- \(change.ref.kind.rawValue) \(change.ref.id), \(change.field): "
                            + "\(value(change.from, change: change, f)) → \(value(change.to, change: change, f))"
                    }
                    lines.append(indented(AllocationText.wrap(line, width: 96), first: "  ", rest: "    "))
                }
            }
            lines.append("")
        }
        var summary = TextTable(headers: ["Column", "Total budget", "Value", "Status"], alignments: [.left, .right, .right, .left])
        for column in columns {
            summary.add([
                column.label, column.budget.map { f.money($0) } ?? "—",
                column.hasAllocation ? f.money(column.allocation.value) : "—",
                status(column),
            ])
        }
        lines.append(trimmed(summary.render(indent: "  ")))
        if columns.contains(where: { !$0.hasAllocation }) { lines.append("") }
        for column in columns where !column.hasAllocation {
            let headline = headline(column) ?? "No allocation was found within the time limit."
            lines.append(indented(AllocationText.wrap("\(column.label): \(column.allocation.status.rawValue). \(headline)", width: 96), first: "  ", rest: "    "))
        }
        for column in columns where !column.allocation.misses.isEmpty {
            let missed = CutsReport.missesText(column.allocation.misses, column.allocation.plan, words)
            lines.append(indented(
                AllocationText.wrap("\(column.label): best effort, no allocation meets every rule; this one misses \(missed).", width: 96),
                first: "  ", rest: "    "))
        }
        if columns.contains(where: { $0.unique == false }) {
            lines.append(indented(AllocationText.wrap(
                "= one of several equally good allocations: in the first column, the solver's own; in each other column, "
                    + "the one that moves the least money from the first column.", width: 96), first: "  ", rest: "    "))
        }
        lines.append("")

        // Teams.
        let rest = Array(columns.indices.dropFirst())
        var table = TextTable(
            headers: ["Team"] + columns.map { short($0.label) } + rest.map { "Δ " + short(columns[$0].label) },
            alignments: [.left] + columns.map { _ in .right } + rest.map { _ in .right })
        let teamIDs = comparison.teams.first?.map(\.id) ?? []
        for (row, id) in teamIDs.enumerated() {
            let amounts = comparison.teams.map { $0[row].allocated.map { f.money($0) } ?? "—" }
            let changes = rest.map { signed(comparison.teams[$0][row].change, f) }
            table.add([words.teamName(id)] + amounts + changes)
        }
        table.addRule()
        let totals = comparison.teams.map { column -> Double? in
            column.contains { $0.allocated != nil } ? column.reduce(0) { $0 + ($1.allocated ?? 0) } : nil
        }
        table.add(["Total"] + totals.map { $0.map { f.money($0) } ?? "—" } + rest.map { index in
            guard let total = totals[index], let base = totals[0] else { return "—" }
            return signed(total - base, f)
        })
        lines.append(trimmed(table.render(indent: "  ")))

        // Requests that changed, column by column.
        for index in rest {
            let column = columns[index]
            let changed = comparison.requests[index].filter { $0.reason != nil }
            lines.append("")
            guard column.hasAllocation, columns[0].hasAllocation else {
                lines.append("\(column.label): no comparison, \(column.hasAllocation ? "the first column" : "this column") has no allocation.")
                continue
            }
            if changed.isEmpty {
                lines.append("\(column.label): no request's allocation changes.")
                continue
            }
            lines.append("\(column.label): \(changed.count == 1 ? "1 request changes" : "\(changed.count) requests change"):")
            for entry in changed {
                let name = words.request(entry.id)?.name
                    ?? columns.lazy.compactMap { $0.allocation.plan.requests.first { $0.id == entry.id }?.name }.first ?? entry.id
                let team = entry.team.map { words.teamName($0) } ?? ""
                let reason = entry.reason.map { text($0, words, diff: comparison.diff) } ?? ""
                let line = "- '\(name)' (\(team)): \(entry.allocated.map { f.money($0) } ?? "—"), \(signed(entry.change, f)); \(reason)."
                lines.append(indented(AllocationText.wrap(line, width: 96), first: "  ", rest: "    "))
            }
        }

        return lines.joined(separator: "\n") + "\n"
    }

    /// The first sentence of an infeasible column's diagnosis (`allot solve` gives the rest).
    static func headline(_ column: PlanComparison.Column) -> String? {
        guard let diagnosis = column.allocation.diagnosis else { return nil }
        let summary = DiagnosisSentences(Words(plan: column.allocation.plan), allocation: column.allocation).summary(diagnosis)
        let characters = Array(summary)
        for index in characters.indices.dropLast() where characters[index] == "." && characters[index + 1] == " " {
            return String(characters[...index])
        }
        return summary
    }

    /// A label short enough for a table header: at most 24 characters.
    static func short(_ label: String) -> String {
        label.count <= 24 ? label : String(label.prefix(23)) + "…"
    }

    static func trimmed(_ text: String) -> String {
        var text = text
        while text.hasSuffix("\n") { text.removeLast() }
        return text
    }

    static func status(_ column: PlanComparison.Column) -> String {
        switch column.allocation.status {
        case .optimal where !column.allocation.misses.isEmpty: "best effort"
        case .optimal: column.unique == false ? "optimal =" : "optimal"
        case .feasible: "best found in time"
        case .infeasible: "infeasible"
        case .noSolution: "none found in time"
        }
    }

    static func signed(_ change: Double?, _ f: Format) -> String {
        guard let change else { return "—" }
        if abs(change) < 0.005 { return "0" }
        return (change > 0 ? "+" : "") + f.money(change)
    }

    static func indented(_ text: String, first: String, rest: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
            .map { ($0.offset == 0 ? first : rest) + $0.element }.joined(separator: "\n")
    }

    // MARK: JSON

    /// The comparison as JSON (schema: models/output/compare.schema.json).
    package static func json(_ comparison: PlanComparison, plan: Plan) -> JSONValue {
        let words = Words(plan: plan)
        func reason(_ reason: PlanComparison.Reason?) -> JSONValue {
            guard let reason else { return .null }
            return .object([
                ("code", .string(reason.code.rawValue)),
                ("text", .string(text(reason, words, diff: comparison.diff))),
                ("refs", .array(reason.refs.map(JSONFormat.reference))),
            ])
        }
        let columns: [JSONValue] = comparison.columns.enumerated().map { index, column in
            let diagnosis: String? = column.hasAllocation ? nil : headline(column)
            return .object([
                ("label", .string(column.label)),
                ("budget", .number(column.budget)),
                ("value", .number(column.hasAllocation ? column.allocation.value : nil)),
                ("status", .string(column.allocation.misses.isEmpty ? column.allocation.status.rawValue : "best-effort")),
                ("misses", .array(column.allocation.misses.map(AllocationJSON.miss))),
                ("unique", column.unique.map { .bool($0) } ?? .null),
                ("leastChange", AllocationJSON.leastChange(column.allocation.leastChange)),
                ("diagnosis", .string(diagnosis)),
                ("teams", .array(comparison.teams[index].map { entry in
                    .object([
                        ("id", .string(entry.id)),
                        ("allocated", .number(entry.allocated)),
                        ("change", .number(entry.change)),
                        ("reason", reason(entry.reason)),
                    ])
                })),
                ("requests", .array(comparison.requests[index].map { entry in
                    .object([
                        ("id", .string(entry.id)),
                        ("team", .string(entry.team)),
                        ("allocated", .number(entry.allocated)),
                        ("change", .number(entry.change)),
                        ("reason", reason(entry.reason)),
                    ])
                })),
            ])
        }
        let changes: [JSONValue] = (comparison.diff?.changes ?? []).map { change in
            .object([
                ("ref", JSONFormat.reference(change.ref)),
                ("field", .string(change.field)),
                ("from", value(change.from)),
                ("to", value(change.to)),
            ])
        }
        return .object([
            JSONFormat.versionMember,
            ("plan", .string(plan.name)),
            ("columns", .array(columns)),
            ("inputChanges", .array(changes)),
        ])
    }

    static func value(_ value: PlanDiff.Value?) -> JSONValue {
        guard let value else { return .null }
        switch value {
        case .number(let number): return .number(number)
        case .text(let text): return .string(text)
        case .flag(let flag): return .bool(flag)
        case .list(let values): return .array(values.map { self.value($0) })
        }
    }
}
