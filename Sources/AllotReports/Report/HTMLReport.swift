import Allot
import PlanFormat

/// The stakeholder report as one self-contained HTML page: inline CSS and SVG, one inline script
/// (the what-if slider, allowed by its hash), no network. It is built as ``HTML`` values, so every
/// string interpolated into it is escaped.
package enum HTMLReport {
    /// The whole company report.
    package static func render(_ report: StakeholderReport) -> String {
        var body: HTML = header(report)
        body += teamTable(report)
        body += waterfall(report)
        body += bridges(report)
        body += rulePrices(report)
        body += ladder(report)
        body += periodsAndHeads(report)
        body += talkFirst(report, teams: nil)
        body += budgetSections(report, first: 9)
        body += "<section id=\"teams\"><h2>\(9 + budgetSectionCount(report)). Team by team</h2>\n"
        for section in report.sections { body += teamSection(section, report) }
        body += "</section>\n"
        return page(title: report.plan.name, body: body + footer(report), script: script(report)).markup
    }

    /// One team's page: its own lines, with the company context.
    package static func renderTeam(_ report: StakeholderReport, team id: String) -> String {
        guard let section = report.sections.first(where: { $0.id == id }) else { return "" }
        var body: HTML = header(report)
        body += "<section id=\"team-context\"><h2>Your team in the plan</h2>\n"
        body += teamTable(report, only: id)
        body += "</section>\n"
        body += teamSection(section, report)
        body += talkFirst(report, teams: [section.name])
        return page(title: "\(section.name): \(report.plan.name)", body: body + footer(report)).markup
    }

    static func e(_ text: String) -> HTML { HTML(escaping: text) }

    /// The page around `body`; `script`, the page's one script, is allowed by its hash alone.
    static func page(title: String, body: HTML, script: HTML? = nil) -> HTML {
        let scripts: HTML = script.map { "; script-src 'sha256-\(SHA256.base64(Array($0.markup.utf8)))'" } ?? ""
        let tag: HTML = script.map { "<script>\($0)</script>\n" } ?? ""
        return """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:\(scripts)">
        <title>\(title)</title>
        <style>\(css)</style>
        </head>
        <body>
        <main>
        \(body)
        </main>
        \(tag)</body>
        </html>

        """
    }

    static let css: HTML = """
        body{font:15px/1.45 -apple-system,"Segoe UI",Helvetica,Arial,sans-serif;color:#1a1a1a;background:#fff;margin:0}
        main{max-width:1100px;margin:0 auto;padding:24px 28px 48px}
        h1{font-size:26px;margin:0 0 6px}h2{font-size:19px;margin:34px 0 10px;border-bottom:2px solid #1a1a1a;padding-bottom:4px}
        h3{font-size:16px;margin:22px 0 6px}.meta{color:#555;font-size:13px}.headline{font-size:17px;margin:10px 0}
        table{border-collapse:collapse;width:100%;margin:8px 0 4px;font-size:13.5px}
        th,td{padding:5px 8px;border-bottom:1px solid #ddd;text-align:left;vertical-align:top}
        th{background:#f2f2f2;font-weight:600}td.n,th.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
        tr.total td{font-weight:700;border-top:2px solid #1a1a1a}
        svg{display:block;max-width:100%;height:auto;margin:6px 0}svg text{font:12px Helvetica,Arial,sans-serif;fill:#1a1a1a}
        .legend{font-size:12.5px;color:#333}.swatch{display:inline-block;width:14px;height:10px;border:1px solid #333;margin:0 4px 0 12px;vertical-align:middle}
        ul.reasons li{margin:6px 0}.note{color:#444;font-style:italic}.tag{font-size:12px;color:#555}
        @media print{main{max-width:none;padding:0}h2{break-after:avoid}section{break-inside:avoid-page}}
        """

    static func header(_ report: StakeholderReport) -> HTML {
        let plan = report.plan
        let f = Figures(report.format)
        let scenario: HTML = report.allocation.scenario.map { " · scenario: \($0.name)" } ?? ""
        return """
            <header>
            <h1>\(e(plan.name))\(scenario)</h1>
            <p class="meta">Plan file SHA-256 \(String(report.planHash.prefix(16)))… · currency \(e(plan.currency)) · \(e(report.said.method))</p>
            <h2>1. Headline</h2>
            <p class="headline" id="headline">\(e(report.headline))</p>
            \(report.explanation.fundingLine.map { $0 > 1e-9 ? "<p>Funding line: every freely placed \(f.unitName) clears <strong>\(f.perUnit($0))</strong> of value (\(report.said.valueUnit)).</p>" : "" } ?? HTML(""))
            </header>

            """
    }

    static func footer(_ report: StakeholderReport) -> HTML {
        var out: HTML = "<footer class=\"meta\"><p>"
        out += report.said.notes.map(e).joined(separator: " ")
        if !report.allocation.warnings.isEmpty {
            out += "</p><p>Warnings: " + report.allocation.warnings.map { e(Words.readableWarning($0)) }.joined(separator: "; ")
        }
        out += "</p><p>Full plan file SHA-256: \(report.planHash). Figures are a proposal computed by Allot.</p></footer>\n"
        return out
    }

    // MARK: 2. Teams

    static func teamTable(_ report: StakeholderReport, only: String? = nil) -> HTML {
        let f = Figures(report.format)
        var out: HTML = only == nil ? "<section id=\"team-table\"><h2>2. Teams, by gap</h2>\n" : ""
        out += "<table><thead><tr><th>Team</th><th>Owner</th><th class=n>Asked</th><th class=n>Committed</th><th class=n>New asks</th><th class=n>Proposed</th><th class=n>Gap</th><th class=n>New asks funded</th><th class=n>Heads</th><th>Main reason</th></tr></thead><tbody>\n"
        for row in report.teams where only == nil || row.id == only { out += teamRow(row, f, total: false) }
        out += teamRow(report.totals.renamed(only == nil ? "Total" : "Company total"), f, total: true)
        out += "</tbody></table>\n"
        return out + (only == nil ? HTML("</section>\n") : HTML(""))
    }

    static func teamRow(_ row: StakeholderReport.TeamRow, _ f: Figures, total: Bool) -> HTML {
        let cells: [HTML] = [
            e(row.name), e(row.owner), f.money(row.asked), f.money(row.committed), f.money(row.newAsks), f.money(row.proposed),
            f.money(row.gap), row.newAsksFunded.map(f.percent) ?? "—",
            row.headsAsked > 0 ? "\(f.number(row.headsFunded)) of \(f.number(row.headsAsked))" : HTML(""), e(row.mainReason),
        ]
        let numeric: Set<Int> = [2, 3, 4, 5, 6, 7, 8]
        let row: HTML = cells.enumerated().map { numeric.contains($0.offset) ? "<td class=n>\($0.element)</td>" : "<td>\($0.element)</td>" }.joined()
        return (total ? "<tr class=total>" : "<tr>") + row + "</tr>\n"
    }

    // MARK: 3. Waterfall

    static func waterfall(_ report: StakeholderReport) -> HTML {
        let f = Figures(report.format)
        let steps = report.waterfall
        let width = 1000.0, rowHeight = 30.0, labelWidth = 330.0, valueWidth = 90.0
        let chart = width - labelWidth - valueWidth - 10
        let top = max(steps.first?.amount ?? 1, steps.reduce(0) { max($0, $1.amount) }, 1)
        var level = 0.0
        var svg = svgOpen(width: width, height: Double(steps.count) * rowHeight + 10, label: "From asked to proposed")
        svg += patterns
        for (index, step) in steps.enumerated() {
            let y = Double(index) * rowHeight + 4
            let (from, to): (Double, Double)
            switch step.kind {
            case .total: (from, to) = (0, step.amount); level = step.amount
            case .cut: (from, to) = (level + step.amount, level); level += step.amount
            case .addition: (from, to) = (level, level + step.amount); level += step.amount
            }
            let x = labelWidth + from / top * chart
            let w = max((to - from) / top * chart, 1)
            let fill = step.kind == .total ? "#333" : step.kind == .cut ? "url(#hatch)" : "#bbb"
            svg += "<text x=\"0\" y=\"\(y + 18)\">\(e(step.label))</text>"
            svg += "<rect x=\"\(fmt(x))\" y=\"\(y)\" width=\"\(fmt(w))\" height=\"\(rowHeight - 8)\" fill=\"\(fill)\" stroke=\"#333\"/>"
            let sign = step.kind == .cut ? "−" : step.kind == .addition ? "+" : ""
            svg += "<text x=\"\(fmt(width - valueWidth + 6))\" y=\"\(y + 18)\">\(sign)\(f.money(abs(step.amount)))</text>\n"
        }
        svg += "</svg>\n"
        let legend: HTML = "<p class=legend><span class=swatch style=\"background:#333\"></span>asked and proposed<span class=swatch style=\"background:repeating-linear-gradient(45deg,#333 0 2px,#fff 2px 5px)\"></span>cut<span class=swatch style=\"background:#bbb\"></span>added</p>"
        return "<section id=\"waterfall\"><h2>3. From asked to proposed</h2>\n\(svg)\(legend)\n</section>\n"
    }

    static let patterns: HTML = """
        <defs><pattern id="hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">\
        <rect width="6" height="6" fill="#fff"/><line x1="0" y1="0" x2="0" y2="6" stroke="#333" stroke-width="2.5"/></pattern>\
        <pattern id="dots" width="5" height="5" patternUnits="userSpaceOnUse"><rect width="5" height="5" fill="#fff"/>\
        <circle cx="2.5" cy="2.5" r="1.2" fill="#333"/></pattern></defs>
        """

    static func svgOpen(width: Double, height: Double, label: String) -> HTML {
        "<svg viewBox=\"0 0 \(fmt(width)) \(fmt(height))\" width=\"\(fmt(width))\" role=\"img\" aria-label=\"\(e(label))\" xmlns=\"http://www.w3.org/2000/svg\">"
    }

    static func fmt(_ value: Double) -> String { NumberText.fixed(value, decimals: 1) }

    // MARK: 4. KPI bridges

    static func bridges(_ report: StakeholderReport) -> HTML {
        let f = Figures(report.format)
        var out: HTML = "<section id=\"kpi-bridge\"><h2>4. KPIs: each team's contribution</h2>\n"
        for bridge in report.bridges {
            let width = 1000.0, rowHeight = 24.0, labelWidth = 220.0, valueWidth = 110.0
            let chart = width - labelWidth - valueWidth
            let rows = bridge.contributions.sorted { $0.amount > $1.amount }
            let high = max(rows.map { abs($0.amount) }.max() ?? 1, 1e-12)
            let target = bridge.targetText(f.format)
            out += "<h3>\(bridge.name): \(f.quantity(bridge.achieved, unit: bridge.unit))\(target)</h3>\n"
            guard !rows.isEmpty else { out += "<p class=tag>No request moves this KPI.</p>\n"; continue }
            var svg = svgOpen(width: width, height: Double(rows.count) * rowHeight + 6, label: "\(bridge.name) by team")
            for (index, row) in rows.enumerated() {
                let y = Double(index) * rowHeight + 3
                let w = max(abs(row.amount) / high * chart, 1)
                let label = row.team.count > 30 ? String(row.team.prefix(29)) + "…" : row.team
                svg += "<text x=\"0\" y=\"\(fmt(y + 15))\"><title>\(e(row.team))</title>\(e(label))</text>"
                svg += "<rect x=\"\(fmt(labelWidth))\" y=\"\(fmt(y))\" width=\"\(fmt(w))\" height=\"\(rowHeight - 7)\" fill=\"\(row.amount >= 0 ? "#555" : "url(#hatch)")\" stroke=\"#333\"/>"
                svg += "<text x=\"\(fmt(labelWidth + w + 6))\" y=\"\(fmt(y + 15))\">\(f.quantity(row.amount, unit: bridge.unit))</text>\n"
            }
            out += svg + patterns + "</svg>\n"
        }
        return out + "</section>\n"
    }

    // MARK: 5. Rule prices

    static func rulePrices(_ report: StakeholderReport) -> HTML {
        let f = Figures(report.format)
        var out: HTML = "<section id=\"rules\"><h2>5. The price of each rule at its limit</h2>\n"
        guard !report.rules.isEmpty else { return out + "<p>No rule is at its limit: the budget alone decides.</p></section>\n" }
        out += "<table><thead><tr><th>Rule</th><th>Price</th><th class=n>Value given up</th><th class=n>\(f.moved)</th><th>Would gain without it</th><th>Would lose without it</th></tr></thead><tbody>\n"
        for rule in report.rules {
            let winners = rule.winners.map { "\($0.team) \(f.money($0.amount))" as HTML }.joined(separator: ", ")
            let losers = rule.losers.map { "\($0.team) \(f.money($0.amount))" as HTML }.joined(separator: ", ")
            out += "<tr><td>\(e(rule.name))</td><td>\(e(rule.price))</td><td class=n>\(rule.valueGivenUp.map(f.money) ?? HTML("—"))</td><td class=n>\(rule.dollarsMoved.map(f.money) ?? HTML("—"))</td><td>\(winners)</td><td>\(losers)</td></tr>\n"
        }
        out += "</tbody></table>\n<ul class=reasons>" + report.rules.map { "<li>\($0.text)</li>" as HTML }.joined() + "</ul>\n"
        return out + "</section>\n"
    }

    // MARK: 6. Ladder

    static func ladder(_ report: StakeholderReport) -> HTML {
        let f = Figures(report.format)
        let slices = report.ladder
        let width = 1000.0, height = 340.0, left = 60.0, bottom = 40.0, top = 16.0
        let total = max(slices.reduce(0) { $0 + $1.width }, 1)
        let highest = max(slices.map(\.valuePerDollar).max() ?? 1, report.explanation.fundingLine ?? 0, 0.01) * 1.08
        let plotWidth = width - left - 10, plotHeight = height - bottom - top
        var svg: HTML = svgOpen(width: width, height: height, label: "Investment ladder") + patterns
        svg += "<line x1=\"\(left)\" y1=\"\(top)\" x2=\"\(left)\" y2=\"\(top + plotHeight)\" stroke=\"#333\"/>"
        svg += "<line x1=\"\(left)\" y1=\"\(top + plotHeight)\" x2=\"\(width - 10)\" y2=\"\(top + plotHeight)\" stroke=\"#333\"/>"
        let step = niceStep(highest / 4)
        var tick = 0.0
        while tick <= highest {
            let y = top + plotHeight - tick / highest * plotHeight
            svg += "<text x=\"4\" y=\"\(fmt(y + 4))\">\(f.perUnit(tick))</text>"
            svg += "<line x1=\"\(left - 4)\" y1=\"\(fmt(y))\" x2=\"\(left)\" y2=\"\(fmt(y))\" stroke=\"#333\"/>"
            tick += step
        }
        var x = 0.0
        for slice in slices.prefix(StakeholderReport.ladderChartLimit) {
            let px = left + x / total * plotWidth
            let w = max(slice.width / total * plotWidth, 0.6)
            let value = max(slice.valuePerDollar, 0)
            // Committed spend without impact has no height of its own: a low grey band shows it.
            let h = slice.category == .runTheBusiness || slice.category == .noImpact ? plotHeight * 0.04 : value / highest * plotHeight
            let fill: String
            switch slice.category {
            case .funded: fill = "#444"
            case .belowLine: fill = "#fff"
            case .heldByRule: fill = "url(#hatch)"
            case .indivisible: fill = "url(#dots)"
            case .runTheBusiness: fill = "#ccc"
            case .noImpact: fill = "#eee"
            }
            let category = slice.category.rawValue
            svg += "<rect x=\"\(fmt(px))\" y=\"\(fmt(top + plotHeight - max(h, 1)))\" width=\"\(fmt(w))\" height=\"\(fmt(max(h, 1)))\" fill=\"\(fill)\" stroke=\"#333\" stroke-width=\"0.5\"><title>\(e(slice.request)): \(f.money(slice.width)) at \(f.perUnit(slice.valuePerDollar)) \(f.per), \(category)</title></rect>"
            // A label up the bar where it has room: the request's name, cut to fit.
            if w >= 11, h >= 40 {
                let room = Int((h - 8) / 6)
                let name = slice.request.count > room ? String(slice.request.prefix(max(room - 1, 1))) + "…" : slice.request
                let (lx, ly) = (px + w / 2 + 3.5, top + plotHeight - 4)
                let ink = slice.category == .funded ? "#fff" : "#000"
                svg += "<text x=\"\(fmt(lx))\" y=\"\(fmt(ly))\" transform=\"rotate(-90 \(fmt(lx)) \(fmt(ly)))\" font-size=\"10\" fill=\"\(ink)\">\(e(name))</text>"
            }
            x += slice.width
        }
        if let line = report.explanation.fundingLine, line > 1e-9 {
            let y = top + plotHeight - line / highest * plotHeight
            svg += "<line x1=\"\(left)\" y1=\"\(fmt(y))\" x2=\"\(width - 10)\" y2=\"\(fmt(y))\" stroke=\"#000\" stroke-width=\"1.5\" stroke-dasharray=\"6 4\"/>"
            svg += "<text x=\"\(width - 240)\" y=\"\(fmt(y - 5))\">funding line \(f.perUnit(line)) \(f.per)</text>"
        }
        if let budget = report.plan.budget.total, budget < total {
            let bx = left + budget / total * plotWidth
            svg += "<line x1=\"\(fmt(bx))\" y1=\"\(top)\" x2=\"\(fmt(bx))\" y2=\"\(top + plotHeight)\" stroke=\"#000\" stroke-width=\"1.5\"/>"
            svg += "<text x=\"\(fmt(bx + 4))\" y=\"\(top + 12)\">budget \(f.money(budget))</text>"
        }
        svg += "<text x=\"\(left)\" y=\"\(height - 8)\">cumulative spend: committed first, then slices ranked by value per \(f.unitName) (0 to \(f.money(total)))</text>"
        svg += "</svg>\n"
        let legend: HTML = "<p class=legend><span class=swatch style=\"background:#444\"></span>funded<span class=swatch style=\"background:#fff\"></span>below the line<span class=swatch style=\"background:repeating-linear-gradient(45deg,#333 0 2px,#fff 2px 5px)\"></span>held by a rule<span class=swatch style=\"background:radial-gradient(#333 30%,#fff 35%) 0 0/5px 5px\"></span>a whole unit that does not fit<span class=swatch style=\"background:#ccc\"></span>run the business (committed, no KPI)<span class=swatch style=\"background:#eee\"></span>no KPI impact, not committed</p>"
        let notShown = report.ladderSlicesNotShown
        let cut: HTML = notShown == 0 ? ""
            : "<p class=tag>\(notShown) smaller \(notShown == 1 ? "slice is" : "slices are") not shown: \(notShown == 1 ? "the one" : "those") with the least value per \(f.unitName), at the right end of the ladder.</p>\n"
        return "<section id=\"ladder\"><h2>6. Investment ladder</h2>\n<p>Committed spend without KPI impact first (grey), then every request's spending slices ranked by value per \(f.unitName), by the teams' own estimates.</p>\n\(svg)\(legend)\n\(cut)</section>\n"
    }

    /// A round step (1, 2 or 5 times a power of ten) near `raw`.
    static func niceStep(_ raw: Double) -> Double {
        guard raw > 0, raw.isFinite else { return 1 }
        var power = 1.0
        while power * 10 <= raw { power *= 10 }
        while power > raw { power /= 10 }
        for factor in [1.0, 2, 5, 10] where power * factor >= raw { return power * factor }
        return power * 10
    }

    // MARK: 7. Periods and heads

    static func periodsAndHeads(_ report: StakeholderReport) -> HTML {
        let f = Figures(report.format)
        let plan = report.plan
        let allocation = report.allocation
        var out: HTML = "<section id=\"periods\"><h2>7. Spend by team and period; heads</h2>\n"
        let periods = plan.periods
        out += "<table><thead><tr><th>Team</th>" + periods.map { "<th class=n>\($0)</th>" as HTML }.joined() + "<th class=n>Total</th></tr></thead><tbody>\n"
        var columnTotals = [Double](repeating: 0, count: periods.count)
        for team in plan.teams {
            let cells = periods.map { report.spend(of: team, in: $0) }
            for (i, cell) in cells.enumerated() { columnTotals[i] += cell }
            let teamTotal = report.spend(of: team, in: nil)
            out += "<tr><td>\(team.name)</td>" + cells.map { "<td class=n>\(f.money($0))</td>" as HTML }.joined() + "<td class=n>\(f.money(teamTotal))</td></tr>\n"
        }
        out += "<tr class=total><td>Total</td>" + columnTotals.map { "<td class=n>\(f.money($0))</td>" as HTML }.joined() + "<td class=n>\(f.money(allocation.spend))</td></tr>\n"
        if !plan.periods.isEmpty {
            out += "<tr><td>Period budget</td>" + plan.periods.map { "<td class=n>\(plan.budget.periods[$0].map(f.money) ?? HTML("—"))</td>" as HTML }.joined() + "<td class=n>\(plan.budget.total.map(f.money) ?? HTML("—"))</td></tr>\n"
            out += "<tr><td>Funding line</td>" + allocation.periods.map { period -> HTML in
                let line = report.explanation.periodLines[period.period] ?? 0
                return "<td class=n>\(line > 1e-9 ? f.perUnit(line) : e(report.periodRoomText(period)))</td>"
            }.joined() + "<td></td></tr>\n"
        }
        out += "</tbody></table>\n"
        let caps = plan.constraints.compactMap { constraint -> (Constraint, Double)? in
            if case .headcount(let max) = constraint.kind { return (constraint, max) } else { return nil }
        }
        let heads = report.teams.filter { $0.headsAsked > 0 }
        if !heads.isEmpty {
            out += "<h3>Heads</h3><table><thead><tr><th>Team</th><th class=n>Asked</th><th class=n>Funded</th></tr></thead><tbody>\n"
            for row in heads { out += "<tr><td>\(e(row.name))</td><td class=n>\(f.number(row.headsAsked))</td><td class=n>\(f.number(row.headsFunded))</td></tr>\n" }
            out += "<tr class=total><td>Total</td><td class=n>\(f.number(heads.reduce(0) { $0 + $1.headsAsked }))</td><td class=n>\(f.number(heads.reduce(0) { $0 + $1.headsFunded }))</td></tr></tbody></table>\n"
            for (constraint, max) in caps {
                out += "<p>\(e(report.headcountCapText(constraint, max: max)))</p>\n"
            }
        }
        return out + "</section>\n"
    }

    // MARK: 8. Talk first

    static func talkFirst(_ report: StakeholderReport, teams: Set<String>?) -> HTML {
        var out: HTML = "<section id=\"talk-first\"><h2>\(teams == nil ? "8. " : "")Who to talk to first</h2>\n"
        let items = report.talkFirst.filter { teams?.contains($0.team) ?? true }
        guard !items.isEmpty else { return out + "<p>Nothing stands out.</p></section>\n" }
        for topic in StakeholderReport.TalkItem.Topic.allCases {
            let group = items.filter { $0.topic == topic }
            guard !group.isEmpty else { continue }
            out += "<h3>\(topic.rawValue)</h3><ul>" + group.map { "<li><strong>\($0.team)</strong>: \($0.request): \($0.text)</li>" as HTML }.joined() + "</ul>\n"
        }
        return out + "</section>\n"
    }

    // MARK: 9. Team sections

    static func teamSection(_ section: StakeholderReport.TeamSection, _ report: StakeholderReport) -> HTML {
        let f = Figures(report.format)
        let owner: HTML = section.owner.isEmpty ? "" : " <span class=tag>(\(section.owner))</span>"
        var out: HTML = "<article class=team id=\"team-\(section.id)\"><h3>\(section.name)\(owner)</h3>\n<p>\(section.text)</p>\n"
        out += "<table><thead><tr><th>Request</th><th class=n>Asked</th><th class=n>Proposed</th><th>Status</th></tr></thead><tbody>\n"
        for request in section.requests {
            out += "<tr><td>\(e(request.name))</td><td class=n>\(f.money(request.asked))</td><td class=n>\(f.money(request.proposed))</td><td>\(e(request.status))</td></tr>\n"
        }
        out += "</tbody></table>\n<ul class=reasons>"
        for request in section.requests {
            out += "<li>\(request.reason)" + (request.note.map { " <span class=note>Team's note: “\($0)”</span>" } ?? HTML("")) + "</li>"
        }
        return out + "</ul>\n</article>\n"
    }
}

extension HTMLReport {
    /// The report's figures escaped for HTML: a currency code is three capital letters once a
    /// plan is read, but no figure goes into markup unescaped.
    struct Figures {
        let format: Format

        init(_ format: Format) { self.format = format }

        func money(_ amount: Double) -> HTML { e(format.money(amount)) }
        func perUnit(_ value: Double) -> HTML { e(format.perUnit(value)) }
        func percent(_ fraction: Double) -> HTML { e(format.percent(fraction)) }
        func number(_ value: Double) -> HTML { e(format.number(value)) }
        func quantity(_ value: Double, unit: String?) -> HTML { e(format.quantity(value, unit: unit)) }
        /// "per $1".
        var per: HTML { e(format.per) }
        /// "dollar".
        var unitName: HTML { e(format.unitName) }
        /// The heading of the money a rule moves: "Dollars moved".
        var moved: HTML { e(Words.capitalized(format.currencyName) + " moved") }
    }
}
