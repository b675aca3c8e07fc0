import Allot
import PlanFormat

/// The report's sections about other totals (the value curve with the what-if slider,
/// allocation by team against the total, the order of cuts), the room to negotiate and the
/// comparison, and the page's one script.
extension HTMLReport {
    /// The chart area shared by the value curve and the stacked teams, so that one marker
    /// position serves both.
    struct Axis {
        static let width = 1000.0, left = 80.0, right = 20.0
        let low, high: Double
        var plotWidth: Double { Self.width - Self.left - Self.right }
        func x(_ total: Double) -> Double {
            high > low ? Self.left + (total - low) / (high - low) * plotWidth : Self.left + plotWidth
        }
    }

    /// The sections in order, numbered from `first`.
    static func budgetSections(_ report: StakeholderReport, first: Int) -> HTML {
        var number = first
        var out: HTML = ""
        if let budgets = report.budgets {
            out += whatIf(report, budgets, number: number)
            number += 1
            out += stacked(report, budgets, number: number)
            number += 1
            out += cutOrder(report, budgets, number: number)
            number += 1
            out += room(report, budgets, number: number)
            number += 1
        }
        if let comparison = report.comparison {
            out += compared(report, comparison, number: number)
        }
        return out
    }

    /// How many sections ``budgetSections(_:first:)`` adds.
    static func budgetSectionCount(_ report: StakeholderReport) -> Int {
        (report.budgets == nil ? 0 : 4) + (report.comparison == nil ? 0 : 1)
    }

    static func axis(_ slider: Slider) -> Axis { Axis(low: slider.bottom, high: slider.top) }

    // MARK: The value curve and the what-if slider

    static func whatIf(_ report: StakeholderReport, _ budgets: ReportBudgets, number: Int) -> HTML {
        let f = Figures(report.format)
        var out: HTML = "<section id=\"what-if\"><h2>\(number). Value against the total budget: what if the total changes</h2>\n"
        guard let cuts = budgets.cuts, let slider = budgets.slider else {
            return out + "<p>\(e(budgets.cutsNote ?? "The walk of the total budget was not computed."))</p></section>\n"
        }
        let budget = report.plan.budget.total ?? slider.top
        let said = report.said.words
        out += "<p>\(e(walkIntro(cuts, slider, said.format, words: said)))</p>\n"
        out += valueChart(report, cuts, slider, budget: budget)
        // Without a script the page shows the plan's budget; the slider shows itself.
        let unit = slider.exact ? "" : " (computed levels only)"
        out += "<div id=\"whatif-controls\" hidden><p><label for=\"whatif-total\">Total budget\(unit):</label> "
        out += "<input type=\"range\" id=\"whatif-total\" min=\"\(plain(slider.bottom))\" max=\"\(plain(slider.top))\" step=\"any\" value=\"\(plain(min(max(budget, slider.bottom), slider.top)))\" style=\"width:60%;vertical-align:middle\"> "
        out += "<output id=\"whatif-shown\" for=\"whatif-total\">\(f.money(budget))</output></p>\n"
        out += "<p class=\"note\" id=\"whatif-note\" hidden></p></div>\n"
        out += "<p id=\"whatif-summary\">At the plan's budget, <strong>\(f.money(budget))</strong>: value <strong id=\"whatif-value\">\(f.money(report.allocation.value))</strong>.</p>\n"
        out += "<table id=\"whatif-teams\"><thead><tr><th>Team</th><th class=n>Allocation at this total</th><th class=n>At the plan's budget</th><th class=n>Change</th></tr></thead><tbody>\n"
        for team in report.allocation.teams {
            out += "<tr><td>\(team.name)</td><td class=n data-team=\"\(team.id)\" data-allocated=\"\(plain(team.allocated))\" data-base=\"\(plain(team.allocated))\">\(f.money(team.allocated))</td><td class=n>\(f.money(team.allocated))</td><td class=\"n whatif-change\">\(f.money(0))</td></tr>\n"
        }
        out += "</tbody></table>\n"
        if slider.requests != nil {
            out += "<details><summary>Every request at this total</summary><table id=\"whatif-requests\"><thead><tr><th>Request</th><th>Team</th><th class=n>Allocation at this total</th><th class=n>At the plan's budget</th><th class=n>Change</th></tr></thead><tbody>\n"
            let names = Dictionary(report.plan.teams.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
            for request in report.allocation.requests {
                out += "<tr><td>\(request.name)</td><td>\(names[request.team] ?? request.team)</td><td class=n data-request=\"\(request.id)\" data-allocated=\"\(plain(request.allocated))\" data-base=\"\(plain(request.allocated))\">\(f.money(request.allocated))</td><td class=n>\(f.money(request.allocated))</td><td class=\"n whatif-change\">\(f.money(0))</td></tr>\n"
            }
            out += "</tbody></table></details>\n"
        } else if let count = slider.requestsLeftOut {
            out += "<p class=tag>The slider moves teams only: the plan has \(counted(count)) requests, more than \(counted(Slider.requestLimit)) (or more than 5 MB of data), too many to carry each one in the page. <code>allot solve PLAN --budget LEVEL</code> gives every request at any total.</p>\n"
        }
        return out + "</section>\n"
    }

    /// A count with thousands separated: "10,367".
    static func counted(_ count: Int) -> String {
        let digits = Array(String(count))
        var out = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { out += "," }
            out.append(digit)
        }
        return out
    }

    /// What the walk is, in words.
    static func walkIntro(_ cuts: BudgetCuts, _ slider: Slider, _ f: Format, words: Words) -> String {
        var parts: [String] = []
        let levels = slider.levels.count
        let lowest = f.money(Format.rounded(slider.bottom, digits: 4, .up, step: 0.01), digits: 4)
        parts.append(
            "From the lowest total at which every rule can hold, \(lowest), up to the budget in force, \(f.money(slider.top, digits: 4)).")
        if slider.exact {
            parts.append(
                "The \(counted(levels)) breakpoints are exact: between two of them every allocation and the value change in a straight line with the total, so the slider reads any total exactly (at a breakpoint, the segment above it).")
        } else {
            let why: String
            switch cuts.samplingReason {
            case .wholeUnits?: why = "This plan has whole units or all-or-nothing items, so the walk is sampled"
            case .leastSpend?: why = "This plan asks for the least spend that meets its targets, so the walk is sampled"
            case .spendAll?: why = "This plan must spend all of its budget, so the walk is sampled"
            case .proRata?: why = "This plan has a fairness rule on pro-rata shares, whose floors move with the total, so the walk is sampled"
            case nil: why = "The walk is sampled"
            }
            parts.append(
                "\(why): \(counted(levels)) levels, each solved in full. The slider shows the computed level at or below the chosen total, labelled \"computed at\", never a level above it, which would overspend; what happens between two levels is not computed.")
        }
        if cuts.stoppedByTimeLimit {
            parts.append("The time limit stopped the walk before the bottom: the lowest levels shown are the last ones computed.")
        }
        return parts.joined(separator: " ")
    }

    /// Value against the total: the walk's levels joined (exact walks) or as dots (samples),
    /// the breakpoints and the plan's budget marked.
    static func valueChart(_ report: StakeholderReport, _ cuts: BudgetCuts, _ slider: Slider, budget: Double) -> HTML {
        let f = Figures(report.format)
        let axis = axis(slider)
        let height = 300.0, top = 16.0, bottom = 46.0
        let plotHeight = height - top - bottom
        let low = slider.values.min() ?? 0, high = max(slider.values.max() ?? 1, low + 1)
        let pad = (high - low) * 0.08
        let (v0, v1) = (low - pad, high + pad)
        func y(_ value: Double) -> Double { top + plotHeight - (value - v0) / (v1 - v0) * plotHeight }
        var svg = svgOpen(width: Axis.width, height: height, label: "Value against the total budget")
        svg += axisLines(axis, top: top, plotHeight: plotHeight)
        for tick in ticks(v0, v1) {
            svg += "<text x=\"4\" y=\"\(fmt(y(tick) + 4))\">\(f.money(tick))</text>"
            svg += "<line x1=\"\(fmt(Axis.left - 4))\" y1=\"\(fmt(y(tick)))\" x2=\"\(fmt(Axis.left))\" y2=\"\(fmt(y(tick)))\" stroke=\"#333\"/>"
        }
        svg += xTicks(axis, f, y: top + plotHeight)
        let points = thinned(Array(zip(slider.levels, slider.values)), limit: 2_000)
        if slider.exact {
            let path = points.map { "\(fmt(axis.x($0.0))),\(fmt(y($0.1)))" }.joined(separator: " ")
            svg += "<polyline points=\"\(path)\" fill=\"none\" stroke=\"#000\" stroke-width=\"2\"/>"
        }
        // Breakpoints (or samples) as dots, while there are few enough to tell apart.
        if slider.levels.count <= 400 {
            for (level, value) in zip(slider.levels, slider.values) {
                svg += "<circle cx=\"\(fmt(axis.x(level)))\" cy=\"\(fmt(y(value)))\" r=\"3\" fill=\"#fff\" stroke=\"#000\" stroke-width=\"1.5\"><title>\(f.money(level)): value \(f.money(value))</title></circle>"
            }
        }
        let bx = axis.x(min(max(budget, slider.bottom), slider.top))
        svg += "<line x1=\"\(fmt(bx))\" y1=\"\(fmt(top))\" x2=\"\(fmt(bx))\" y2=\"\(fmt(top + plotHeight))\" stroke=\"#000\" stroke-width=\"1.5\" stroke-dasharray=\"6 4\"/>"
        svg += "<text x=\"\(fmt(bx - 6))\" y=\"\(fmt(top + 12))\" text-anchor=\"end\">budget \(f.money(budget))</text>"
        svg += marker(axis, budget: budget, top: top, plotHeight: plotHeight)
        svg += "<text x=\"\(fmt(Axis.left))\" y=\"\(fmt(height - 6))\">total budget, from the lowest feasible total to the budget in force; value (\(e(report.said.valueUnit)))</text>"
        svg += "</svg>\n"
        let dots: HTML = slider.levels.count <= 400
            ? (slider.exact ? "circles: the \(slider.levels.count) breakpoints" : "Circles: the \(slider.levels.count) computed levels, each the value at that total")
            : "\(counted(slider.levels.count)) breakpoints, too many to mark one by one"
        let line: HTML = slider.exact ? "Solid line: value at each total; " : ""
        return svg + "<p class=legend>\(line)\(dots); dashed line: the plan's budget; grey line: the total the slider shows.</p>\n"
    }

    /// The slider's position, moved by the script.
    static func marker(_ axis: Axis, budget: Double, top: Double, plotHeight: Double) -> HTML {
        let x = axis.x(min(max(budget, axis.low), axis.high))
        return "<line class=\"whatif-marker\" x1=\"\(fmt(x))\" y1=\"\(fmt(top))\" x2=\"\(fmt(x))\" y2=\"\(fmt(top + plotHeight))\" stroke=\"#888\" stroke-width=\"3\" opacity=\"0.7\"/>"
    }

    static func axisLines(_ axis: Axis, top: Double, plotHeight: Double) -> HTML {
        "<line x1=\"\(fmt(Axis.left))\" y1=\"\(fmt(top))\" x2=\"\(fmt(Axis.left))\" y2=\"\(fmt(top + plotHeight))\" stroke=\"#333\"/>"
            + "<line x1=\"\(fmt(Axis.left))\" y1=\"\(fmt(top + plotHeight))\" x2=\"\(fmt(Axis.width - Axis.right))\" y2=\"\(fmt(top + plotHeight))\" stroke=\"#333\"/>"
    }

    /// Ticks of the total along the bottom.
    static func xTicks(_ axis: Axis, _ f: Figures, y: Double) -> HTML {
        var out: HTML = ""
        let shown = ticks(axis.low, axis.high, count: 6).filter { $0 >= axis.low && $0 <= axis.high }
        let digits = CutsReport.distinctDigits(shown, f.format)
        for tick in shown {
            let x = axis.x(tick)
            out += "<line x1=\"\(fmt(x))\" y1=\"\(fmt(y))\" x2=\"\(fmt(x))\" y2=\"\(fmt(y + 4))\" stroke=\"#333\"/>"
            out += "<text x=\"\(fmt(x))\" y=\"\(fmt(y + 17))\" text-anchor=\"middle\">\(e(f.format.money(tick, digits: digits)))</text>"
        }
        return out
    }

    /// Round values from `low` to `high`, about `count` of them.
    static func ticks(_ low: Double, _ high: Double, count: Double = 4) -> [Double] {
        guard high > low else { return [low] }
        let step = niceStep((high - low) / count)
        var tick = (low / step).rounded(.up) * step
        var out: [Double] = []
        while tick <= high + step * 1e-9, out.count < 20 {
            out.append(tick)
            tick += step
        }
        return out
    }

    /// At most `limit` points, evenly chosen, both ends kept (a chart cannot show more).
    static func thinned<T>(_ points: [T], limit: Int) -> [T] {
        guard points.count > limit, limit > 1 else { return points }
        let step = Double(points.count - 1) / Double(limit - 1)
        return (0..<limit).map { points[Int((Double($0) * step).rounded())] }
    }

    /// A plain decimal to the cent, as `data-allocated` carries it.
    static func plain(_ amount: Double) -> String {
        let cents = (amount * 100).rounded() / 100
        return NumberText.fixed(cents == 0 ? 0 : cents, decimals: 2)  // never "-0.00"
    }

    // MARK: Allocation by team against the total

    /// The teams shown one by one in the stacked chart; the rest are summed.
    static let stackedTeams = 9

    static func stacked(_ report: StakeholderReport, _ budgets: ReportBudgets, number: Int) -> HTML {
        let f = Figures(report.format)
        let out: HTML = "<section id=\"by-team\"><h2>\(number). Allocation by team against the total</h2>\n"
        guard let slider = budgets.slider else {
            return out + "<p>\(e(budgets.cutsNote ?? "The walk of the total budget was not computed."))</p></section>\n"
        }
        let axis = axis(slider)
        let names = Dictionary(report.plan.teams.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        let levels = thinned(slider.levels, limit: 600)
        // Teams by their allocation at the top, the largest at the bottom of the stack.
        let ranked = slider.teams.sorted { slider.amount($0, at: slider.top) > slider.amount($1, at: slider.top) }
        let (shown, rest) = stackedSplit(ranked)
        var bands: [(name: String, amounts: [Double])] = shown.map { series in
            (names[series.id] ?? series.id, levels.map { slider.amount(series, at: $0) })
        }
        if !rest.isEmpty {
            bands.append(("\(rest.count) other teams", levels.map { level in rest.reduce(0) { $0 + slider.amount($1, at: level) } }))
        }
        let height = 360.0, top = 16.0, bottom = 46.0
        let plotHeight = height - top - bottom
        let highest = max(levels.indices.map { k in bands.reduce(0) { $0 + $1.amounts[k] } }.max() ?? 1, 1)
        func y(_ amount: Double) -> Double { top + plotHeight - amount / highest * plotHeight }
        var svg = svgOpen(width: Axis.width, height: height, label: "Allocation by team against the total budget") + patterns + fills
        var below = [Double](repeating: 0, count: levels.count)
        for (index, band) in bands.enumerated() {
            let upper = zip(below, band.amounts).map { $0 + $1 }
            let outline = zip(levels, upper).map { "\(fmt(axis.x($0.0))),\(fmt(y($0.1)))" }
                + zip(levels, below).reversed().map { "\(fmt(axis.x($0.0))),\(fmt(y($0.1)))" }
            svg += "<polygon points=\"\(outline.joined(separator: " "))\" fill=\"\(fill(index))\" stroke=\"#333\" stroke-width=\"0.6\"><title>\(e(band.name))</title></polygon>"
            below = upper
        }
        svg += axisLines(axis, top: top, plotHeight: plotHeight)
        for tick in ticks(0, highest) {
            svg += "<text x=\"4\" y=\"\(fmt(y(tick) + 4))\">\(f.money(tick))</text>"
        }
        svg += xTicks(axis, f, y: top + plotHeight)
        let budget = report.plan.budget.total ?? slider.top
        svg += marker(axis, budget: budget, top: top, plotHeight: plotHeight)
        svg += "<text x=\"\(fmt(Axis.left))\" y=\"\(fmt(height - 6))\">total budget; each band a team's allocation, stacked</text></svg>\n"
        var legend: HTML = "<p class=legend>"
        for (index, band) in bands.enumerated() {
            legend += "<span class=swatch style=\"background:\(swatch(index))\"></span>\(band.name)"
        }
        legend += "</p>\n"
        let note: HTML = slider.exact ? "" : "<p class=tag>Only the computed levels are exact; the bands join them with straight lines for the eye.</p>\n"
        return out + svg + legend + note + "</section>\n"
    }

    /// The teams a stacked chart or table shows one by one, and the rest, summed: all of them
    /// when one more band would show them all.
    static func stackedSplit(_ ranked: [Slider.Series]) -> (shown: [Slider.Series], rest: [Slider.Series]) {
        ranked.count <= stackedTeams + 1 ? (ranked, []) : (Array(ranked.prefix(stackedTeams)), Array(ranked.dropFirst(stackedTeams)))
    }

    /// Fills for the stacked bands: greys and patterns that read in print.
    static func fill(_ index: Int) -> String {
        ["#333", "url(#hatch)", "#999", "url(#dots)", "#ddd", "url(#hatch-wide)", "#666", "url(#cross)", "#bbb", "#fff"][index % 10]
    }

    static func swatch(_ index: Int) -> String {
        [
            "#333", "repeating-linear-gradient(45deg,#333 0 2px,#fff 2px 5px)", "#999", "radial-gradient(#333 30%,#fff 35%) 0 0/5px 5px",
            "#ddd", "repeating-linear-gradient(-45deg,#333 0 1px,#fff 1px 7px)", "#666",
            "repeating-linear-gradient(0deg,#333 0 1px,transparent 1px 5px),repeating-linear-gradient(90deg,#333 0 1px,#fff 1px 5px)",
            "#bbb", "#fff",
        ][index % 10]
    }

    static let fills: HTML = """
        <defs><pattern id="hatch-wide" width="8" height="8" patternUnits="userSpaceOnUse" patternTransform="rotate(-45)">\
        <rect width="8" height="8" fill="#fff"/><line x1="0" y1="0" x2="0" y2="8" stroke="#333" stroke-width="1"/></pattern>\
        <pattern id="cross" width="5" height="5" patternUnits="userSpaceOnUse"><rect width="5" height="5" fill="#fff"/>\
        <path d="M0 0H5M0 0V5" stroke="#333" stroke-width="1"/></pattern></defs>
        """

    // MARK: The order of cuts

    /// The most rows the cut-order table shows.
    static let cutOrderRows = 2_000

    static func cutOrder(_ report: StakeholderReport, _ budgets: ReportBudgets, number: Int) -> HTML {
        let f = report.format
        var out: HTML = "<section id=\"cut-order\"><h2>\(number). The order of cuts</h2>\n"
        guard let cuts = budgets.cuts, !cuts.breakpoints.isEmpty else {
            return out + "<p>\(e(budgets.cutsNote ?? "The walk of the total budget was not computed."))</p></section>\n"
        }
        let rows = CutOrderRows(cuts, plan: report.plan, f)
        out += "<p>\(e(rows.intro))</p>\n"
        if !rows.losing.isEmpty {
            out += "<table><thead><tr><th class=n>#</th><th>Request</th><th>Team</th><th class=n>Loses its first \(e(f.unitName)) below</th><th class=n>At its minimum from</th></tr></thead><tbody>\n"
            for (index, row) in rows.losing.prefix(cutOrderRows).enumerated() {
                out += "<tr><td class=n>\(index + 1)</td><td>\(row.request)</td><td>\(row.team)</td><td class=n>\(row.firstLost)</td><td class=n>\(row.atMinimum)</td></tr>\n"
            }
            out += "</tbody></table>\n"
        }
        if rows.losing.count > cutOrderRows {
            out += "<p class=tag>\(rows.losing.count - cutOrderRows) more requests lose money further down; <code>allot cuts</code> lists every one.</p>\n"
        }
        if let rest = rows.rest { out += "<p>\(e(rest))</p>\n" }
        return out + "</section>\n"
    }

    // MARK: Room to negotiate

    static func room(_ report: StakeholderReport, _ budgets: ReportBudgets, number: Int) -> HTML {
        var out: HTML = "<section id=\"room\"><h2>\(number). Room to negotiate</h2>\n"
        guard let room = budgets.room else {
            return out + "<p>\(e(budgets.roomNote ?? "The room to negotiate was not computed."))</p></section>\n"
        }
        let rows = RoomRows(room, allocation: report.allocation, report.format)
        out += "<p>\(e(rows.intro))</p>\n"
        out += "<table><thead><tr><th>Team</th><th class=n>Proposed</th><th class=n>Least</th><th class=n>Most</th><th>The most is paid by</th><th>The least frees money for</th></tr></thead><tbody>\n"
        for row in rows.rows {
            out += "<tr><td>\(row.team)</td><td class=n>\(row.proposed)</td><td class=n>\(row.least)</td><td class=n>\(row.most)</td><td>\(row.paidBy)</td><td>\(row.gainers)</td></tr>\n"
        }
        out += "</tbody></table>\n"
        if let note = budgets.roomNote { out += "<p class=tag>\(note)</p>\n" }
        return out + "</section>\n"
    }

    // MARK: Side by side

    static func compared(_ report: StakeholderReport, _ compared: StakeholderReport.Comparison, number: Int) -> HTML {
        let tables = ComparisonTables(compared, plan: report.plan)
        var out: HTML = "<section id=\"compare\"><h2>\(number). Side by side: \(tables.what)</h2>\n<p>\(tables.intro)</p>\n"
        if !tables.inputChanges.isEmpty {
            out += "<h3>Input changes</h3><ul>" + tables.inputChanges.map { "<li>\($0)</li>" as HTML }.joined() + "</ul>\n"
        }
        out += table(tables.summaryHeader, tables.summary, numeric: [1, 2])
        for note in tables.columnNotes { out += "<p class=tag>\(note)</p>\n" }
        out += "<h3>By team</h3>\n" + table(tables.teamHeader, tables.teamRows, numeric: tables.teamNumeric, totalLast: true)
        out += "<h3>By request</h3>\n"
        if tables.requestRows.isEmpty {
            out += "<p>No request's allocation differs between the columns.</p>\n"
        } else {
            out += table(tables.requestHeader, tables.requestRows, numeric: tables.requestNumeric)
        }
        if tables.unchanged > 0 {
            out += "<p class=tag>\(tables.unchanged) other \(tables.unchanged == 1 ? "request gets" : "requests get") the same in every column (the CSV lists every request).</p>\n"
        }
        return out + "</section>\n"
    }

    static func table(_ header: [String], _ rows: [[String]], numeric: Set<Int>, totalLast: Bool = false) -> HTML {
        var out: HTML = "<table><thead><tr>"
        for (index, cell) in header.enumerated() { out += numeric.contains(index) ? "<th class=n>\(cell)</th>" : "<th>\(cell)</th>" }
        out += "</tr></thead><tbody>\n"
        for (r, row) in rows.enumerated() {
            out += totalLast && r == rows.count - 1 ? "<tr class=total>" : "<tr>"
            for (index, cell) in row.enumerated() { out += numeric.contains(index) ? "<td class=n>\(cell)</td>" : "<td>\(cell)</td>" }
            out += "</tr>\n"
        }
        return out + "</tbody></table>\n"
    }
}
