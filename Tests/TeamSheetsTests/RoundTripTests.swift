import PlanFormat
import Spreadsheet
import TestSupport
import Testing

@testable import TeamSheets

/// A filled template imports to the plan it came from, in CSV and XLSX alike.
@Suite struct RoundTripTests {
    static let plans = ["northwind.json", "quarterly-headcount.json"]

    func companyAndPlan(_ name: String) throws -> (bytes: [UInt8], plan: Plan) {
        let bytes = Array(try #require(readFile(Repository.model(name))).utf8)
        return (bytes, try PlanReader.read(bytes: bytes, source: name).plan)
    }

    /// The files of every team, written by `write`, read back, and merged into the company plan.
    func roundTrip(_ name: String, xlsx: Bool, outcomes: Bool) throws -> (original: Plan, merged: Plan) {
        let (bytes, plan) = try companyAndPlan(name)
        var files: [TeamFile] = []
        for team in plan.teams {
            let results = outcomes
                ? Dictionary(uniqueKeysWithValues: team.requests.map { ($0.id, TeamSheetWriter.Outcome(proposed: $0.amount / 2, status: "partial", reason: "a reason, \"quoted\"")) })
                : nil
            if xlsx {
                let written = TeamSheetWriter.xlsx(plan: plan, teams: [team], outcomes: results, instructions: TeamSheetWriter.instructions(plan: plan, team: team))
                files.append(TeamFile(path: team.id + ".xlsx", sheet: try XLSX.read(written), isWorkbook: true))
            } else {
                let written = TeamSheetWriter.csv(plan: plan, teams: [team], outcomes: results, comments: TeamSheetWriter.instructions(plan: plan, team: team))
                files.append(TeamFile(path: team.id + ".csv", sheet: try CSV.read(Array(written.utf8)), isWorkbook: false))
            }
        }
        let result = TeamImport.merge(company: bytes, source: name, files: files)
        #expect(result.errors.isEmpty, "\(result.errors)")
        return (plan, try #require(result.plan))
    }

    @Test(arguments: plans) func templatesImportToThePlanTheyCameFrom(_ name: String) throws {
        for xlsx in [false, true] {
            let (original, merged) = try roundTrip(name, xlsx: xlsx, outcomes: false)
            #expect(merged.teams == original.teams)
            #expect(merged.constraints == original.constraints && merged.kpis == original.kpis && merged.budget == original.budget)
        }
    }

    @Test(arguments: plans) func resultFilesImportBackToTheSameRequests(_ name: String) throws {
        for xlsx in [false, true] {
            let (original, merged) = try roundTrip(name, xlsx: xlsx, outcomes: true)
            #expect(merged.requests == original.requests)
        }
    }

    @Test func textThatASpreadsheetWouldRunIsMarkedAndReadBack() throws {
        var (bytes, plan) = try companyAndPlan("northwind.json")
        plan.teams[0].requests[0].note = "=HYPERLINK(\"http://x\")"
        plan.teams[0].requests[0].name = "-5% churn"
        let text = TeamSheetWriter.csv(plan: plan, teams: [plan.teams[0]])
        #expect(text.contains(",'-5% churn,") && text.contains("\"'=HYPERLINK(\"\"http://x\"\")\""))
        let file = TeamFile(path: "sales.csv", sheet: try CSV.read(Array(text.utf8)), isWorkbook: false)
        let merged = TeamImport.merge(company: bytes, source: "northwind.json", files: [file])
        #expect(merged.plan?.teams[0].requests == plan.teams[0].requests)
    }

    @Test func templatesHaveTheHeaderOfThePlanAndInstructions() throws {
        let (_, plan) = try companyAndPlan("quarterly-headcount.json")
        let text = TeamSheetWriter.csv(plan: plan, teams: [], comments: ["Fill one row per request, please"])
        #expect(text == "\"# Fill one row per request, please\"\r\n"
            + "Team,Request,Name,Amount,Committed,Max,Unit cost,Min if funded,All or nothing,Requires,Confidence,"
            + plan.kpis.map(\.id).joined(separator: ",") + "," + plan.periods.joined(separator: ",") + ",Note\r\n")
        let workbook = TeamSheetWriter.xlsx(plan: plan, teams: [], instructions: TeamSheetWriter.instructions(plan: plan, team: nil))
        #expect(try XLSX.sheetNames(workbook) == ["Requests", "Instructions"])
        let instructions = try XLSX.read(workbook, sheet: "Instructions")
        #expect(instructions.rows.count == TeamSheetWriter.instructions(plan: plan, team: nil).count)
        #expect(instructions.rows.last == [.text("Send the file back as it is; finance merges it with: allot import COMPANY.json THIS-FILE -o plan.json")])
    }
}
