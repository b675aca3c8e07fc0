import Allot
import PlanFormat

/// The stakeholder report in Markdown, for docs and chat: the same sections and numbers as the
/// HTML, with tables where the HTML has charts.
package enum MarkdownReport {
    package static func render(_ report: StakeholderReport) -> String {
        var out = header(report)
        out += "## 2. Teams, by gap\n\n" + teamTable(report, only: nil)
        out += waterfall(report)
        out += bridges(report)
        out += rules(report)
        out += ladder(report)
        out += periods(report)
        out += "## 8. Who to talk to first\n\n" + talkFirst(report, teams: nil)
        out += budgetSections(report, first: 9)
        out += "## \(9 + HTMLReport.budgetSectionCount(report)). Team by team\n\n"
        for section in report.sections { out += teamSection(section, report) }
        return out + footer(report)
    }

    package static func renderTeam(_ report: StakeholderReport, team id: String) -> String {
        guard let section = report.sections.first(where: { $0.id == id }) else { return "" }
        var out = header(report)
        out += "## Your team in the plan\n\n" + teamTable(report, only: id)
        out += teamSection(section, report)
        out += "## Who to talk to first\n\n" + talkFirst(report, teams: [section.name])
        return out + footer(report)
    }

    /// Text safe inside a Markdown table cell or paragraph: pipes, backslashes, HTML and
    /// Markdown emphasis characters escaped, line breaks folded.
    package static func escape(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "|", "\\", "*", "_", "`", "[", "]", "#": out += "\\" + String(character)
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\n", "\r": out += " "
            default: out.append(character)
            }
        }
        return out
    }

    static let e = escape

    static func header(_ report: StakeholderReport) -> String {
        let scenario = report.allocation.scenario.map { " · scenario: " + e($0.name) } ?? ""
        var out = "# \(e(report.plan.name))\(scenario)\n\n"
        out += "_Plan file SHA-256 \(report.planHash.prefix(16))… · currency \(e(report.plan.currency)) · \(e(report.said.method))_\n\n"
        out += "## 1. Headline\n\n\(e(report.headline))\n\n"
        if let line = report.explanation.fundingLine, line > 1e-9 {
            out += "Funding line: every freely placed \(e(report.format.unitName)) clears **\(e(report.format.perUnit(line)))** of value (\(e(report.said.valueUnit))).\n\n"
        }
        return out
    }

    static func footer(_ report: StakeholderReport) -> String {
        var out = "---\n\n" + report.said.notes.map(e).joined(separator: " ") + "\n\n"
        if !report.allocation.warnings.isEmpty { out += "Warnings: " + report.allocation.warnings.map { e(Words.readableWarning($0)) }.joined(separator: "; ") + "\n\n" }
        return out + "Full plan file SHA-256: `\(report.planHash)`. Figures are a proposal computed by Allot.\n"
    }

    static func teamTable(_ report: StakeholderReport, only: String?) -> String {
        let f = report.format
        var out = "| Team | Owner | Asked | Committed | New asks | Proposed | Gap | New asks funded | Heads | Main reason |\n|---|---|--:|--:|--:|--:|--:|--:|--:|---|\n"
        for row in report.teams where only == nil || row.id == only { out += teamRow(row, f, total: false) }
        out += teamRow(report.totals.renamed(only == nil ? "Total" : "Company total"), f, total: true) + "\n"
        return out
    }

    static func teamRow(_ row: StakeholderReport.TeamRow, _ f: Format, total: Bool) -> String {
        let bold: (String) -> String = { total && !$0.isEmpty ? "**\($0)**" : $0 }
        let cells = [
            bold(e(row.name)), e(row.owner), bold(f.money(row.asked)), bold(f.money(row.committed)), bold(f.money(row.newAsks)),
            bold(f.money(row.proposed)), bold(f.money(row.gap)), row.newAsksFunded.map(f.percent) ?? "—",
            row.headsAsked > 0 ? "\(f.number(row.headsFunded)) of \(f.number(row.headsAsked))" : "", e(row.mainReason),
        ]
        return "| " + cells.joined(separator: " | ") + " |\n"
    }

    static func waterfall(_ report: StakeholderReport) -> String {
        let f = report.format
        var out = "## 3. From asked to proposed\n\n| Step | Amount |\n|---|--:|\n"
        for step in report.waterfall {
            let sign = step.kind == .cut ? "−" : step.kind == .addition ? "+" : ""
            out += "| \(step.kind == .total ? "**\(e(step.label))**" : e(step.label)) | \(sign)\(f.money(abs(step.amount))) |\n"
        }
        return out + "\n"
    }

    static func bridges(_ report: StakeholderReport) -> String {
        let f = report.format
        var out = "## 4. KPIs: each team's contribution\n\n"
        for bridge in report.bridges {
            let target = bridge.targetText(f)
            out += "### \(e(bridge.name)): \(e(f.quantity(bridge.achieved, unit: bridge.unit)))\(e(target))\n\n"
            let rows = bridge.contributions.sorted { $0.amount > $1.amount }
            if rows.isEmpty { out += "No request moves this KPI.\n\n"; continue }
            out += "| Team | Contribution |\n|---|--:|\n" + rows.map { "| \(e($0.team)) | \(e(f.quantity($0.amount, unit: bridge.unit))) |\n" }.joined() + "\n"
        }
        return out
    }

    static func rules(_ report: StakeholderReport) -> String {
        let f = report.format
        var out = "## 5. The price of each rule at its limit\n\n"
        guard !report.rules.isEmpty else { return out + "No rule is at its limit: the budget alone decides.\n\n" }
        out += "| Rule | Price | Value given up | \(e(Words.capitalized(f.currencyName))) moved | Would gain without it | Would lose without it |\n|---|---|--:|--:|---|---|\n"
        for rule in report.rules {
            out += "| \(e(rule.name)) | \(e(rule.price)) | \(rule.valueGivenUp.map(f.money) ?? "—") | \(rule.dollarsMoved.map(f.money) ?? "—") | \(rule.winners.map { "\(e($0.team)) \(f.money($0.amount))" }.joined(separator: ", ")) | \(rule.losers.map { "\(e($0.team)) \(f.money($0.amount))" }.joined(separator: ", ")) |\n"
        }
        return out + "\n" + report.rules.map { "- \(e($0.text))\n" }.joined() + "\n"
    }

    static func ladder(_ report: StakeholderReport) -> String {
        let f = report.format
        var out = "## 6. Investment ladder\n\nCommitted spend without KPI impact first, then every request's spending slices ranked by value per \(e(f.unitName)), by the teams' own estimates.\n\n| Cumulative spend | Request | Slice | Value \(e(f.per)) | |\n|--:|---|--:|--:|---|\n"
        var cumulative = 0.0
        let limit = 300
        for slice in report.ladder.prefix(limit) {
            cumulative += slice.width
            let label = slice.category == .runTheBusiness ? "run the business" : slice.category.rawValue
            out += "| \(f.money(cumulative)) | \(e(slice.request)) | \(f.money(slice.width)) | \(f.perUnit(slice.valuePerDollar)) | \(label) |\n"
        }
        if report.ladder.count > limit { out += "\n…and \(report.ladder.count - limit) more slices (see the CSV for every request).\n" }
        return out + "\n"
    }

    static func periods(_ report: StakeholderReport) -> String {
        let f = report.format
        let plan = report.plan
        let allocation = report.allocation
        let periods = plan.periods
        var out = "## 7. Spend by team and period; heads\n\n| Team | " + periods.map { e($0) + " | " }.joined() + "Total |\n|---|" + periods.map { _ in "--:|" }.joined() + "--:|\n"
        var totals = [Double](repeating: 0, count: periods.count)
        for team in plan.teams {
            let cells = periods.map { report.spend(of: team, in: $0) }
            for (i, cell) in cells.enumerated() { totals[i] += cell }
            let teamTotal = report.spend(of: team, in: nil)
            out += "| \(e(team.name)) | " + cells.map { f.money($0) + " | " }.joined() + "\(f.money(teamTotal)) |\n"
        }
        out += "| **Total** | " + totals.map { f.money($0) + " | " }.joined() + "\(f.money(allocation.spend)) |\n"
        if !plan.periods.isEmpty {
            out += "| Period budget | " + plan.periods.map { (plan.budget.periods[$0].map(f.money) ?? "—") + " | " }.joined() + "\(plan.budget.total.map(f.money) ?? "—") |\n"
        }
        out += "\n"
        let heads = report.teams.filter { $0.headsAsked > 0 }
        if !heads.isEmpty {
            out += "| Team | Heads asked | Heads funded |\n|---|--:|--:|\n" + heads.map { "| \(e($0.name)) | \(f.number($0.headsAsked)) | \(f.number($0.headsFunded)) |\n" }.joined()
            out += "| **Total** | \(f.number(heads.reduce(0) { $0 + $1.headsAsked })) | \(f.number(heads.reduce(0) { $0 + $1.headsFunded })) |\n\n"
            for constraint in plan.constraints {
                if case .headcount(let max) = constraint.kind { out += e(report.headcountCapText(constraint, max: max)) + "\n\n" }
            }
        }
        return out
    }

    static func talkFirst(_ report: StakeholderReport, teams: Set<String>?) -> String {
        let items = report.talkFirst.filter { teams?.contains($0.team) ?? true }
        guard !items.isEmpty else { return "Nothing stands out.\n\n" }
        var out = ""
        for topic in StakeholderReport.TalkItem.Topic.allCases {
            let group = items.filter { $0.topic == topic }
            guard !group.isEmpty else { continue }
            out += "**\(e(topic.rawValue))**\n\n" + group.map { "- **\(e($0.team))**: \(e($0.request)): \(e($0.text))\n" }.joined() + "\n"
        }
        return out
    }

    static func teamSection(_ section: StakeholderReport.TeamSection, _ report: StakeholderReport) -> String {
        let f = report.format
        var out = "### \(e(section.name))\(section.owner.isEmpty ? "" : " (\(e(section.owner)))")\n\n\(e(section.text))\n\n"
        out += "| Request | Asked | Proposed | Status |\n|---|--:|--:|---|\n"
        out += section.requests.map { "| \(e($0.name)) | \(f.money($0.asked)) | \(f.money($0.proposed)) | \($0.status) |\n" }.joined() + "\n"
        out += section.requests.map { "- \(e($0.reason))" + ($0.note.map { " _Team's note: “\(e($0))”_" } ?? "") + "\n" }.joined() + "\n"
        return out
    }
}
