import Allot
import PlanFormat

/// The cut-order table as text cells, shared by the HTML and Markdown reports.
struct CutOrderRows {
    struct Row {
        let request, team, firstLost, atMinimum: String
    }

    let intro: String
    let losing: [Row]
    /// What the requests that keep their money all the way down do (nil when none does).
    let rest: String?

    init(_ cuts: BudgetCuts, plan: Plan, _ f: Format) {
        let names = Dictionary(plan.requests.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let teams = Dictionary(plan.teams.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        let digits = CutsReport.distinctDigits(cuts.breakpoints.map(\.budget), f)
        intro = "As the total falls from \(f.money(cuts.top, digits: digits)) to \(f.money(cuts.bottom, digits: digits)), each request in the order it "
            + "first loses money: the total below which it first has less than at the budget in force, and the total at or below which it "
            + "sits at its minimum (zero unless committed)."
            + (cuts.sampled ? " The walk is sampled: each total is the computed level where the change is first seen." : "")
        losing = cuts.cutOrder.filter { $0.firstDollarLostAt != nil }.map { entry in
            let request = names[entry.request]
            return Row(
                request: request?.name ?? entry.request, team: request.flatMap { teams[$0.team] } ?? "",
                firstLost: entry.firstDollarLostAt.map { f.money($0, digits: digits) } ?? "",
                atMinimum: entry.atMinimumFrom.map { f.money($0, digits: digits) } ?? "—")
        }
        let kept = cuts.cutOrder.count - losing.count
        rest = kept == 0 ? nil
            : losing.isEmpty ? "No request loses money between these totals."
            : "The other \(kept) \(kept == 1 ? "request keeps" : "requests keep") what \(kept == 1 ? "it has" : "they have") at the budget in force all the way down to \(f.money(cuts.bottom, digits: digits)) (committed spend among them)."
    }
}

/// The room-to-negotiate table as text cells, shared by the HTML and Markdown reports.
struct RoomRows {
    struct Row {
        let team, proposed, least, most, paidBy, gainers: String
    }

    let intro: String
    let rows: [Row]

    init(_ room: RoomToNegotiate, allocation: Allocation, _ f: Format) {
        let words = Words(plan: allocation.plan)
        let tolerance = f.percent(room.tolerance)
        intro = "Within \(tolerance) of the best value (\(f.money(room.valueTolerance)) of value): the least and the most each team can get "
            + "among allocations worth at least that much, with the teams that pay for the most and those that gain from the least. "
            + "Each range holds for that team alone, with the others free: moving two teams to their ends at once may not be possible, "
            + "or may cost more than \(tolerance)."
        let proposed = Dictionary(allocation.teams.map { ($0.id, $0.allocated) }, uniquingKeysWith: { a, _ in a })
        func others(_ changes: [(team: String, change: Double)], sign: Double) -> String {
            let shown = changes.filter { $0.change * sign > 0 }.sorted { abs($0.change) > abs($1.change) }
            guard !shown.isEmpty else { return "—" }
            let listed = shown.prefix(3).map { "\(words.teamName($0.team)) \(f.money($0.change))" }.joined(separator: ", ")
            return listed + (shown.count > 3 ? " and \(shown.count - 3) more" : "")
        }
        rows = room.teams.map { range in
            Row(
                team: words.teamName(range.id), proposed: f.money(proposed[range.id] ?? 0),
                least: RoomReport.bound(range.least, f, at: "at least"), most: RoomReport.bound(range.most, f, at: "at most"),
                paidBy: others(range.most.paidBy, sign: -1), gainers: others(range.least.paidBy, sign: 1))
        }
    }
}

/// The comparison as text cells, shared by the HTML and Markdown reports.
struct ComparisonTables {
    let what: String
    let intro: String
    let inputChanges: [String]
    let summaryHeader: [String]
    let summary: [[String]]
    let columnNotes: [String]
    let teamHeader: [String]
    let teamRows: [[String]]
    let teamNumeric: Set<Int>
    let requestHeader: [String]
    let requestRows: [[String]]
    let requestNumeric: Set<Int>
    /// Requests with the same allocation in every column, not listed.
    let unchanged: Int

    init(_ compared: StakeholderReport.Comparison, plan: Plan) {
        let comparison = compared.comparison
        let words = Words(plan: plan)
        let f = words.format
        let columns = comparison.columns
        switch compared.mode {
        case .budgets: what = "other total budgets"
        case .scenarios: what = "scenarios"
        case .versions: what = "two versions"
        }
        intro = "Each column is solved on its own; changes are from the first column, \(columns.first?.label ?? ""), and each says what differs there, not why."
        inputChanges = (comparison.diff?.changes ?? []).map { change in
            switch change.field {
            case "added": return "\(change.ref.kind.rawValue) \(change.ref.id): added"
            case "removed": return "\(change.ref.kind.rawValue) \(change.ref.id): removed"
            default:
                return "\(change.ref.kind.rawValue) \(change.ref.id), \(change.field): "
                    + "\(CompareReport.value(change.from, change: change, f)) → \(CompareReport.value(change.to, change: change, f))"
            }
        }
        summaryHeader = ["Column", "Total budget", "Value", "Status"]
        summary = columns.map { column in
            [column.label, column.budget.map { f.money($0) } ?? "—", column.hasAllocation ? f.money(column.allocation.value) : "—",
             CompareReport.status(column)]
        }
        var notes: [String] = columns.filter { !$0.hasAllocation }.map { column in
            "\(column.label): \(column.allocation.status.rawValue). \(CompareReport.headline(column) ?? "No allocation was found within the time limit.")"
        }
        if columns.contains(where: { $0.unique == false }) {
            notes.append("= one of several equally good allocations; the one shown is the solver's.")
        }
        columnNotes = notes
        let rest = Array(columns.indices.dropFirst())
        let labels = columns.map(\.label)
        let header = labels + rest.map { "Change, \(labels[$0])" } + rest.map { "What differs, \(labels[$0])" }
        let amountCount = columns.count + rest.count
        func cells(_ entries: [PlanComparison.Entry]) -> [String] {
            entries.map { $0.allocated.map { f.money($0) } ?? "—" }
                + rest.map { CompareReport.signed(entries[$0].change, f) }
                + rest.map { entries[$0].reason.map { CompareReport.text($0, words, diff: comparison.diff) } ?? "" }
        }
        teamHeader = ["Team"] + header
        teamNumeric = Set(1...amountCount)
        var teamRows: [[String]] = []
        let teamIDs = comparison.teams.first?.map(\.id) ?? []
        for (row, id) in teamIDs.enumerated() {
            teamRows.append([words.teamName(id)] + cells(comparison.teams.map { $0[row] }))
        }
        let totals = comparison.teams.map { column -> Double? in
            column.contains { $0.allocated != nil } ? column.reduce(0) { $0 + ($1.allocated ?? 0) } : nil
        }
        teamRows.append(
            ["Total"] + totals.map { $0.map { f.money($0) } ?? "—" }
                + rest.map { index in totals[index].flatMap { total in totals[0].map { CompareReport.signed(total - $0, f) } } ?? "—" }
                + rest.map { _ in "" })
        self.teamRows = teamRows
        requestHeader = ["Request", "Team"] + header
        requestNumeric = Set(2...(amountCount + 1))
        var requestRows: [[String]] = []
        var unchanged = 0
        let requestIDs = comparison.requests.first?.map(\.id) ?? []
        for (row, id) in requestIDs.enumerated() {
            let entries = comparison.requests.map { $0[row] }
            guard entries.contains(where: { $0.reason != nil }) else {
                unchanged += 1
                continue
            }
            let name = words.request(id)?.name
                ?? columns.lazy.compactMap { $0.allocation.plan.requests.first { $0.id == id }?.name }.first ?? id
            requestRows.append([name, entries.first?.team.map { words.teamName($0) } ?? ""] + cells(entries))
        }
        self.requestRows = requestRows
        self.unchanged = unchanged
    }
}
