import Allot
import PlanFormat

/// The report's sections about other totals, the room to negotiate and the comparison, as
/// Markdown tables where the HTML has charts and a slider.
extension MarkdownReport {
    /// The most levels a Markdown table of the walk lists.
    static let levelRows = 100

    static func budgetSections(_ report: StakeholderReport, first: Int) -> String {
        var number = first
        var out = ""
        if let budgets = report.budgets {
            out += valueTable(report, budgets, number: number)
            out += teamsTable(report, budgets, number: number + 1)
            out += cutOrder(report, budgets, number: number + 2)
            out += room(report, budgets, number: number + 3)
            number += 4
        }
        if let comparison = report.comparison {
            out += compared(report, comparison, number: number)
        }
        return out
    }

    /// The levels a table shows: every level up to ``levelRows``, else evenly chosen ones (both
    /// ends kept), with the plan's budget among them.
    static func shownLevels(_ slider: Slider) -> [Double] {
        HTMLReport.thinned(slider.levels, limit: levelRows)
    }

    static func valueTable(_ report: StakeholderReport, _ budgets: ReportBudgets, number: Int) -> String {
        let f = report.format
        var out = "## \(number). Value against the total budget: what if the total changes\n\n"
        guard let cuts = budgets.cuts, let slider = budgets.slider else {
            return out + e(budgets.cutsNote ?? "The walk of the total budget was not computed.") + "\n\n"
        }
        let budget = report.plan.budget.total ?? slider.top
        out += e(HTMLReport.walkIntro(cuts, slider, f, words: report.said.words)) + " "
        out += "The HTML report has a slider over the total; here, each level of the walk.\n\n"
        out += "| Total | Value | |\n|--:|--:|---|\n"
        let levels = shownLevels(slider)
        for level in levels {
            let mark = abs(level - budget) <= 0.005 ? "the plan's budget" : abs(level - slider.bottom) <= 0.005 ? "the lowest feasible total" : ""
            out += "| \(f.money(level, digits: CutsReport.distinctDigits(slider.levels, f))) | \(f.money(slider.value(at: level))) | \(mark) |\n"
        }
        if levels.count < slider.levels.count {
            out += "\n\(levels.count) of the \(HTMLReport.counted(slider.levels.count)) levels, evenly chosen; `allot cuts` lists every one.\n"
        }
        return out + "\n"
    }

    static func teamsTable(_ report: StakeholderReport, _ budgets: ReportBudgets, number: Int) -> String {
        let f = report.format
        var out = "## \(number). Allocation by team against the total\n\n"
        guard let slider = budgets.slider else {
            return out + e(budgets.cutsNote ?? "The walk of the total budget was not computed.") + "\n\n"
        }
        let names = Dictionary(report.plan.teams.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        let ranked = slider.teams.sorted { slider.amount($0, at: slider.top) > slider.amount($1, at: slider.top) }
        let (shown, rest) = HTMLReport.stackedSplit(ranked)
        let headers = ["Total"] + shown.map { e(names[$0.id] ?? $0.id) } + (rest.isEmpty ? [] : ["\(rest.count) other teams"])
        out += "| " + headers.joined(separator: " | ") + " |\n|" + headers.map { _ in "--:|" }.joined() + "\n"
        let digits = CutsReport.distinctDigits(slider.levels, f)
        for level in shownLevels(slider) {
            var cells = [f.money(level, digits: digits)] + shown.map { f.money(slider.amount($0, at: level)) }
            if !rest.isEmpty { cells.append(f.money(rest.reduce(0) { $0 + slider.amount($1, at: level) })) }
            out += "| " + cells.joined(separator: " | ") + " |\n"
        }
        if slider.exact {
            out += "\nBetween two levels every team's allocation changes in a straight line with the total.\n"
        }
        return out + "\n"
    }

    static func cutOrder(_ report: StakeholderReport, _ budgets: ReportBudgets, number: Int) -> String {
        var out = "## \(number). The order of cuts\n\n"
        guard let cuts = budgets.cuts, !cuts.breakpoints.isEmpty else {
            return out + e(budgets.cutsNote ?? "The walk of the total budget was not computed.") + "\n\n"
        }
        let rows = CutOrderRows(cuts, plan: report.plan, report.format)
        out += e(rows.intro) + "\n\n"
        if !rows.losing.isEmpty {
            out += "| # | Request | Team | Loses its first \(e(report.format.unitName)) below | At its minimum from |\n|--:|---|---|--:|--:|\n"
            for (index, row) in rows.losing.prefix(HTMLReport.cutOrderRows).enumerated() {
                out += "| \(index + 1) | \(e(row.request)) | \(e(row.team)) | \(row.firstLost) | \(row.atMinimum) |\n"
            }
            out += "\n"
        }
        if rows.losing.count > HTMLReport.cutOrderRows {
            out += "\(rows.losing.count - HTMLReport.cutOrderRows) more requests lose money further down; `allot cuts` lists every one.\n\n"
        }
        if let rest = rows.rest { out += e(rest) + "\n\n" }
        return out
    }

    static func room(_ report: StakeholderReport, _ budgets: ReportBudgets, number: Int) -> String {
        var out = "## \(number). Room to negotiate\n\n"
        guard let room = budgets.room else {
            return out + e(budgets.roomNote ?? "The room to negotiate was not computed.") + "\n\n"
        }
        let rows = RoomRows(room, allocation: report.allocation, report.format)
        out += e(rows.intro) + "\n\n| Team | Proposed | Least | Most | The most is paid by | The least frees money for |\n|---|--:|--:|--:|---|---|\n"
        for row in rows.rows {
            out += "| \(e(row.team)) | \(row.proposed) | \(row.least) | \(row.most) | \(e(row.paidBy)) | \(e(row.gainers)) |\n"
        }
        if let note = budgets.roomNote { out += "\n" + e(note) + "\n" }
        return out + "\n"
    }

    static func compared(_ report: StakeholderReport, _ compared: StakeholderReport.Comparison, number: Int) -> String {
        let tables = ComparisonTables(compared, plan: report.plan)
        var out = "## \(number). Side by side: \(tables.what)\n\n\(e(tables.intro))\n\n"
        if !tables.inputChanges.isEmpty {
            out += "**Input changes**\n\n" + tables.inputChanges.map { "- \(e($0))\n" }.joined() + "\n"
        }
        out += table(tables.summaryHeader, tables.summary, numeric: [1, 2])
        for note in tables.columnNotes { out += e(note) + "\n\n" }
        out += "### By team\n\n" + table(tables.teamHeader, tables.teamRows, numeric: tables.teamNumeric)
        out += "### By request\n\n"
        out += tables.requestRows.isEmpty
            ? "No request's allocation differs between the columns.\n\n" : table(tables.requestHeader, tables.requestRows, numeric: tables.requestNumeric)
        if tables.unchanged > 0 {
            out += "\(tables.unchanged) other \(tables.unchanged == 1 ? "request gets" : "requests get") the same in every column (the CSV lists every request).\n\n"
        }
        return out
    }

    static func table(_ header: [String], _ rows: [[String]], numeric: Set<Int>) -> String {
        var out = "| " + header.map(e).joined(separator: " | ") + " |\n|"
        out += header.indices.map { numeric.contains($0) ? "--:|" : "---|" }.joined() + "\n"
        for row in rows { out += "| " + row.map(e).joined(separator: " | ") + " |\n" }
        return out + "\n"
    }
}
