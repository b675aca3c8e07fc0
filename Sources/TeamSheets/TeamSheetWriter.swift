import PlanFormat
import Spreadsheet

/// Writes teams' requests in the layout that `allot import` reads: templates for team heads,
/// and the per-team results of a proposal with the proposed amount, status and reason added.
public enum TeamSheetWriter {
    /// A request's outcome, for the result columns.
    public struct Outcome: Sendable {
        public var proposed: Double
        public var status: String
        public var reason: String

        public init(proposed: Double, status: String, reason: String) {
            self.proposed = proposed
            self.status = status
            self.reason = reason
        }
    }

    /// A cell's meaning, rendered one way in CSV and another in XLSX.
    enum Value {
        case empty, text(String), amount(Double), fraction(Double), number(Double), yes
    }

    /// The columns for these teams: the layout's, with a "per $" column for each KPI some
    /// request measures per dollar, and the result columns when there are outcomes.
    public static func columns(plan: Plan, teams: [Team], results: Bool) -> [TeamColumn] {
        var perDollar: Set<String> = []
        for request in teams.flatMap(\.requests) {
            for (kpi, impact) in request.impact { if case .perDollar = impact { perDollar.insert(kpi) } }
        }
        var columns = TeamColumn.columns(for: plan, perDollarKPIs: perDollar)
        if results { columns += [.proposed, .status, .reason] }
        return columns
    }

    static func value(_ request: Request, _ column: TeamColumn, _ outcome: Outcome?) -> Value {
        switch column {
        case .team: return .text(request.team)
        case .request: return .text(request.id)
        case .name: return .text(request.name)
        case .amount: return .amount(request.amount)
        case .committed: return request.min > 0 ? .amount(request.min) : .empty
        case .max: return request.max != request.amount ? .amount(request.max) : .empty
        case .unitCost: return request.unitCost.map(Value.amount) ?? .empty
        case .minIfFunded: return request.minIfFunded.map(Value.amount) ?? .empty
        case .allOrNothing: return request.allOrNothing ? .yes : .empty
        case .requires: return request.requires.isEmpty ? .empty : .text(request.requires.joined(separator: ", "))
        case .confidence: return request.confidence != 1 ? .fraction(request.confidence) : .empty
        case .note: return request.note.map(Value.text) ?? .empty
        case .kpi(let id):
            switch request.impact[id] {
            case .total(let value)?: return .number(value)
            case .curve(let points)?:
                return .text(points.map { "\(Money.short($0.spend)):\(Money.short($0.impact))" }.joined(separator: "; "))
            default: return .empty
            }
        case .kpiPerDollar(let id):
            if case .perDollar(let rate)? = request.impact[id] { return .number(rate) }
            return .empty
        case .period(let name):
            return request.phasing[name].map(Value.fraction) ?? .empty
        case .proposed: return outcome.map { .amount($0.proposed) } ?? .empty
        case .status: return outcome.map { .text($0.status) } ?? .empty
        case .reason: return outcome.map { .text($0.reason) } ?? .empty
        }
    }

    /// The teams' rows as CSV: `#` comment lines first, then the header and one row per request.
    public static func csv(plan: Plan, teams: [Team], outcomes: [String: Outcome]? = nil, comments: [String] = []) -> String {
        let columns = columns(plan: plan, teams: teams, results: outcomes != nil)
        var rows: [[String]] = comments.map { ["# " + $0] }
        rows.append(columns.map(\.header))
        for request in teams.flatMap(\.requests) {
            rows.append(columns.map { column in
                switch value(request, column, outcomes?[request.id]) {
                case .empty: ""
                case .text(let text): neutralised(text)
                case .amount(let number), .fraction(let number), .number(let number): JSONValue.format(number)
                case .yes: "yes"
                }
            })
        }
        return CSV.write(rows)
    }

    /// Text that a spreadsheet would run as a formula (a leading `=`, `+`, `-`, `@`, tab or
    /// carriage return) marked as text with a leading apostrophe; the reader takes it off again.
    static func neutralised(_ text: String) -> String {
        guard let first = text.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) else { return text }
        return "'" + text
    }

    /// The teams' rows as a workbook: a "Requests" sheet with typed cells, a frozen header and
    /// fitted widths, and an "Instructions" sheet when instructions are given.
    public static func xlsx(plan: Plan, teams: [Team], outcomes: [String: Outcome]? = nil, instructions: [String] = []) -> [UInt8] {
        let columns = columns(plan: plan, teams: teams, results: outcomes != nil)
        let money = NumberStyle.currency(symbol: currencySymbol(plan.currency))
        var rows: [[OutputCell]] = [columns.map { .heading($0.header) }]
        for request in teams.flatMap(\.requests) {
            rows.append(columns.map { column in
                switch value(request, column, outcomes?[request.id]) {
                case .empty: .empty
                case .text(let text): .text(text)
                case .amount(let number): .number(number, money)
                case .fraction(let number): .number(number, .percent)
                case .number(let number): .number(number)
                case .yes: .bool(true)
                }
            })
        }
        var widths = OutputSheet.fittedWidths(rows)
        for (index, column) in columns.enumerated() where column == .note || column == .reason {
            widths[index] = min(widths[index], 50)
        }
        var sheets = [OutputSheet(name: "Requests", rows: rows, columnWidths: widths)]
        if !instructions.isEmpty {
            sheets.append(OutputSheet(
                name: "Instructions", rows: instructions.map { [.text($0)] }, columnWidths: [110], freezeHeader: false))
        }
        return XLSXWriter.write(sheets)
    }

    /// The symbol money is shown with: $, €, £ or ¥, or the ISO code.
    public static func currencySymbol(_ code: String) -> String {
        ["USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥"][code] ?? code + " "
    }

    /// How to fill the layout for this plan: the columns, the KPIs with their units and worth,
    /// the periods.
    public static func instructions(plan: Plan, team: Team?) -> [String] {
        var lines = [
            "\(plan.name): budget requests\(team.map { " of \($0.name)" } ?? "")",
            "One row per request, under the header row. Headers match whatever their case, spaces or punctuation.",
            "Team: the team's id\(team.map { " (\($0.id))" } ?? ""). Request: an id unique in the whole plan, such as sales-ae. Name: what it is.",
            "Amount: what the team asks for, as a number or as 1.2M, 750k, $1,200,000. Amounts are never negative.",
            "Committed: spend that must be funded (contracts, existing staff). Max: the most the team could use, if above the amount.",
            "Unit cost: funding comes in whole units of this cost (heads). Min if funded: zero, or at least this much.",
            "All or nothing: yes when the request is funded in full or not at all. Requires: ids of requests this one needs, separated by commas.",
            "Confidence: how sure the team is, such as 80% (empty means 100%).",
        ]
        for kpi in plan.kpis {
            let unit = kpi.unit.map { " in \($0)" } ?? ""
            lines.append(
                "\(kpi.id): \(kpi.name)\(unit) at full funding, such as 350k or 1.5; or a curve of cumulative spend:impact points, such as 200k:1.5; 400k:2.2. A column \"\(kpi.id) per $\" takes the \(kpi.name) per dollar instead.")
        }
        if !plan.periods.isEmpty {
            lines.append(
                "\(plan.periods.joined(separator: ", ")): the share of the spend in each period, such as 40%; they add up to 100% (all empty: an equal split).")
        }
        lines.append("Note: why the request matters; it is quoted in the report.")
        lines.append("Send the file back as it is; finance merges it with: allot import COMPANY.json THIS-FILE -o plan.json")
        return lines
    }
}
