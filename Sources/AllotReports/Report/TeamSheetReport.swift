import Allot
import PlanFormat
import Spreadsheet
import TeamSheets

/// The proposal in the layout teams send their requests in: each team's rows with the proposed
/// amount, status and reason added (CSV or XLSX), and the long format of planning tools.
package enum TeamSheetReport {
    /// Each request's outcome, by request id.
    package static func outcomes(_ report: StakeholderReport) -> [String: TeamSheetWriter.Outcome] {
        var outcomes: [String: TeamSheetWriter.Outcome] = [:]
        for result in report.allocation.requests {
            outcomes[result.id] = TeamSheetWriter.Outcome(
                proposed: result.allocated, status: result.status.rawValue, reason: report.said.request(result))
        }
        return outcomes
    }

    /// One team's file: its rows with the result columns, as CSV text or XLSX bytes.
    package static func render(_ report: StakeholderReport, team id: String, xlsx: Bool) -> [UInt8] {
        let teams = report.plan.teams.filter { $0.id == id }
        let outcomes = outcomes(report)
        if xlsx { return TeamSheetWriter.xlsx(plan: report.plan, teams: teams, outcomes: outcomes) }
        return Array(TeamSheetWriter.csv(plan: report.plan, teams: teams, outcomes: outcomes).utf8)
    }

    /// `team,request,period,measure,value`: one row per request, period and measure (`asked`,
    /// `proposed`, `kpi:<id>`), amounts and KPI units split over the periods by the request's
    /// phasing (`all` for a plan without periods).
    package static func long(_ allocation: Allocation) -> String {
        let plan = allocation.plan
        let periods = plan.periods.isEmpty ? ["all"] : plan.periods
        var rows = [["team", "request", "period", "measure", "value"]]
        let requests = Dictionary(plan.requests.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        for result in allocation.requests {
            guard let request = requests[result.id] else { continue }
            for period in periods {
                let share = plan.periods.isEmpty ? 1 : plan.phase(of: request, in: period)
                rows.append([result.team, result.id, period, "asked", CSVReport.number(result.asked * share)])
                rows.append([result.team, result.id, period, "proposed", CSVReport.number(result.allocated * share)])
                for kpi in plan.kpis {
                    rows.append([result.team, result.id, period, "kpi:\(kpi.id)", CSVReport.number((result.impact(of: kpi.id) ?? 0) * share)])
                }
            }
        }
        return CSV.write(rows)
    }
}
