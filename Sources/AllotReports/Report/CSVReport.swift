import Allot
import PlanFormat

/// One row per request, for spreadsheets (or, with a comparison, one row per column and team or
/// request): numbers as plain numbers, text cells quoted when needed and neutralised when a
/// spreadsheet could read them as a formula.
package enum CSVReport {
    package static let header = [
        "team_id", "team", "request_id", "request", "asked", "committed", "max", "proposed", "share_of_ask", "status",
        "reason_code", "value_per_dollar", "full_funding_value_per_dollar", "full_funding_budget",
        "keeps_funding_down_to", "units_asked", "units_funded", "value", "reason", "note",
    ]

    package static func render(_ report: StakeholderReport) -> String {
        let allocation = report.allocation
        let plan = report.plan
        var lines = [header.joined(separator: ",")]
        let results = Dictionary(allocation.requests.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        for team in plan.teams {
            // The plan's own requests, each matched to its result and its reason by id.
            for request in team.requests {
                guard let result = results[request.id], let reason = report.said.reason(request.id) else { continue }
                let cells: [String] = [
                    text(team.id), text(team.name), text(result.id), text(result.name),
                    number(result.asked), number(result.committed), number(result.attainableMax), number(result.allocated),
                    number(result.asked > 0 ? result.allocated / result.asked : nil), text(result.status.rawValue),
                    text(reason.code.rawValue), number(reason.valuePerDollar), number(reason.fullFundingAt?.valuePerDollar),
                    number(reason.fullFundingAt?.budget), number(reason.keepsFundingDownTo), number(result.unitsAsked),
                    number(result.unitsFunded), number(result.value), text(report.said.request(result)),
                    text(request.note ?? ""),
                ]
                lines.append(cells.joined(separator: ","))
            }
        }
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    /// The header of the comparison's long form.
    package static let comparisonHeader = ["column", "team", "request", "allocated", "change", "reason_code"]

    /// The comparison in long form: per column, a row per team (its request cell empty), then a
    /// row per request; amounts empty where a column has none.
    package static func renderComparison(_ report: StakeholderReport) -> String {
        guard let comparison = report.comparison?.comparison else { return render(report) }
        var lines = [comparisonHeader.joined(separator: ",")]
        for (index, column) in comparison.columns.enumerated() {
            for entry in comparison.teams[index] {
                lines.append([text(column.label), text(entry.id), "", number(entry.allocated), number(entry.change), text(entry.reason?.code.rawValue ?? "")]
                    .joined(separator: ","))
            }
            for entry in comparison.requests[index] {
                lines.append([text(column.label), text(entry.team ?? ""), text(entry.id), number(entry.allocated), number(entry.change),
                              text(entry.reason?.code.rawValue ?? "")].joined(separator: ","))
            }
        }
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    /// A number as spreadsheets read it (empty for none), rounded to cents for money-sized values.
    package static func number(_ value: Double?) -> String {
        guard let value, value.isFinite else { return "" }
        let rounded = abs(value) >= 1000 ? (value * 100).rounded() / 100 : value
        return JSONValue.format(rounded)
    }

    /// A text cell: a leading = + - @ (or tab, carriage return) is neutralised with an
    /// apostrophe so that no spreadsheet runs it; quotes, commas and line breaks are quoted.
    package static func text(_ value: String) -> String {
        var cell = value
        if let first = cell.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) {
            cell = "'" + cell
        }
        if cell.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) {
            cell = "\"" + cell.split(separator: "\"", omittingEmptySubsequences: false).joined(separator: "\"\"") + "\""
        }
        return cell
    }
}
