import Foundation
import PlanFormat
import Spreadsheet
import Testing
import TestSupport

@testable import AllotCommand

/// `allot import`, `allot template`, `report --per-team --format csv|xlsx` and `export --long`.
@Suite struct SpreadsheetCommandTests {
    let northwind = Repository.model("northwind.json")

    func write(_ path: String, _ text: String) throws {
        try text.write(toFile: path, atomically: true, encoding: .utf8)
    }

    @Test func importWritesTheMergedPlanAndWarnsOfReplacedTeams() throws {
        let scratch = try Scratch()
        let sales = scratch.path + "/sales.csv"
        try write(sales, "Team,Request,Amount,arr per $\nsales,sales-new,1.2M,2\n")
        let output = scratch.path + "/plan.json"
        let result = runAllot(["import", northwind, sales, "-o", output])
        #expect(result.code == ExitCode.success.rawValue, "\(result.err)")
        #expect(result.err == """
            warning: \(sales): team "sales": its 6 requests in \(northwind) are replaced by the 1 row of this file
            wrote \(output): 10 teams, 45 requests (1 team from 1 file)

            """)
        let plan = try PlanReader.read(path: output).plan
        #expect(plan.teams.first?.requests == [Request(id: "sales-new", team: "sales", amount: 1_200_000, impact: ["arr": .perDollar(2)])])
        #expect(runAllot(["check", output]).code == ExitCode.success.rawValue)
    }

    @Test func importReportsEveryErrorAtItsCellAndWritesNothing() throws {
        let scratch = try Scratch()
        let sales = scratch.path + "/sales.xlsx"
        let bytes = XLSXWriter.write([OutputSheet(name: "Requests", rows: [
            [.heading("Team"), .heading("Request"), .heading("Amount"), .heading("Requires")],
            [.text("sales"), .text("s1"), .text("1,2M"), .empty],
            [.text("sales"), .text("s2"), .number(100), .text("nothing")],
        ])])
        try Data(bytes).write(to: URL(fileURLWithPath: sales))
        let broken = scratch.path + "/cs.xlsx"
        try Data(bytes.prefix(100)).write(to: URL(fileURLWithPath: broken))
        let output = scratch.path + "/plan.json"
        let result = runAllot(["import", northwind, sales, broken, "-o", output])
        #expect(result.code == ExitCode.invalidInput.rawValue)
        #expect(result.err.hasSuffix("""
            allot: 3 errors in the import:
              \(sales): Requests!C2: "1,2M" is not a money amount: thousands commas must separate groups of three digits, as in "1,200,000"
              \(sales): Requests!D3: unknown request "nothing"; the plan's requests are s1, s2, mkt-run, mkt-paid, mkt-content, mkt-events, mkt-abm, mkt-brand, ...
              \(broken): the file is truncated: its zip archive has no end (the file was cut short while copied or downloaded); save it again

            """))
        #expect(!FileManager.default.fileExists(atPath: output))
    }

    @Test func importRefusesMissingFilesUnknownKindsAndNoTeamFiles() throws {
        let scratch = try Scratch()
        let missing = runAllot(["import", northwind, scratch.path + "/nope.csv", "-o", scratch.path + "/plan.json"])
        #expect(missing.code == ExitCode.unreadableInput.rawValue)
        #expect(missing.err == "allot: \(scratch.path)/nope.csv: cannot read the team file: no such file; check the path\n")
        let old = scratch.path + "/team.xls"
        try write(old, "x")
        let xls = runAllot(["import", northwind, old, "-o", scratch.path + "/plan.json"])
        #expect(xls.code == ExitCode.invalidInput.rawValue)
        #expect(xls.err.contains("this kind of spreadsheet is not read; save it as .xlsx (Excel workbook) or .csv (CSV UTF-8)"))
        let none = runAllot(["import", northwind, "-o", scratch.path + "/plan.json"])
        #expect(none.code == ExitCode.usage.rawValue)
        #expect(none.err.contains("import needs at least one team file after the company plan"))
        let overwrite = runAllot(["import", northwind, old, "-o", northwind])
        #expect(overwrite.code == ExitCode.usage.rawValue)
    }

    @Test func importReadsANamedSheet() throws {
        let scratch = try Scratch()
        let path = scratch.path + "/teams.xlsx"
        let bytes = XLSXWriter.write([
            OutputSheet(name: "Notes", rows: [[.text("read me")]]),
            OutputSheet(name: "Requests", rows: [
                [.heading("Team"), .heading("Request"), .heading("Amount"), .heading("arr")],
                [.text("data"), .text("data-x"), .number(100_000), .number(150_000)],
            ]),
        ])
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let output = scratch.path + "/plan.json"
        #expect(runAllot(["import", northwind, path, "--sheet", "Requests", "-o", output]).code == ExitCode.success.rawValue)
        let wrong = runAllot(["import", northwind, path, "--sheet", "Budget", "-o", output])
        #expect(wrong.err.contains("\(path): the workbook has no sheet named \"Budget\"; its sheets are \"Notes\", \"Requests\""))
    }

    @Test func templatesAndPerTeamResultsImportBackToTheSamePlan() throws {
        let scratch = try Scratch()
        let plan = try PlanReader.read(path: northwind).plan
        var files: [String] = []
        for (index, team) in plan.teams.enumerated() {
            let path = scratch.path + "/\(team.id)." + (index.isMultiple(of: 2) ? "csv" : "xlsx")
            let result = runAllot(["template", northwind, "--team", team.id, "-o", path])
            #expect(result.code == ExitCode.success.rawValue)
            files.append(path)
        }
        let merged = scratch.path + "/merged.json"
        #expect(runAllot(["import", northwind] + files + ["-o", merged]).code == ExitCode.success.rawValue)
        #expect(try PlanReader.read(path: merged).plan.teams == plan.teams)

        for format in ["csv", "xlsx"] {
            let directory = scratch.path + "/results-" + format
            let report = runAllot(["report", northwind, "--per-team", directory, "--format", format])
            #expect(report.code == ExitCode.success.rawValue)
            let written = plan.teams.map { directory + "/\($0.id).\(format)" }
            let back = scratch.path + "/back-\(format).json"
            #expect(runAllot(["import", northwind] + written + ["-o", back]).code == ExitCode.success.rawValue)
            #expect(try PlanReader.read(path: back).plan.requests == plan.requests)
        }
        let sales = try CSV.read(Array(try #require(readFile(scratch.path + "/results-csv/sales.csv")).utf8))
        #expect(sales.rows[0].suffix(3) == [.text("Proposed"), .text("Status"), .text("Reason")])
        #expect(sales.rows[1].suffix(3).prefix(2) == [.text("2800000"), .text("full")])
        let workbook = try XLSX.read(Array(try Data(contentsOf: URL(fileURLWithPath: scratch.path + "/results-xlsx/sales.xlsx"))))
        #expect(workbook.rows[1].suffix(3).prefix(2) == [.number(2_800_000), .text("full")])
    }

    @Test func theModelTeamFilesImportIntoTheDefaultPlan() throws {
        let scratch = try Scratch()
        let directory = Repository.root + "/models/teams/"
        let files = listing(directory).sorted().map { directory + $0 }
        #expect(files.count == 10)
        #expect(files.filter { $0.hasSuffix(".xlsx") }.count == 5)
        let output = scratch.path + "/plan.json"
        let result = runAllot(["import", northwind] + files + ["-o", output])
        #expect(result.code == ExitCode.success.rawValue, "\(result.err)")
        #expect(result.err.hasSuffix("wrote \(output): 10 teams, 50 requests (10 teams from 10 files)\n"))
        #expect(try PlanReader.read(path: output).plan.teams == (try PlanReader.read(path: northwind).plan.teams))
    }

    @Test func aCompanyPlanWithoutTeamsMakesATemplateAndTakesItsFilledCopy() throws {
        let scratch = try Scratch()
        let company = scratch.path + "/company.json"
        try write(company, #"{"name": "FY2027", "periods": ["H1", "H2"], "kpis": [{"id": "arr", "name": "Net new ARR"}], "teams": []}"#)
        let template = scratch.path + "/team.csv"
        let made = runAllot(["template", company, "-o", template])
        #expect(made.code == ExitCode.success.rawValue, "\(made.err)")
        let text = try #require(readFile(template))
        #expect(text.hasSuffix("Team,Request,Name,Amount,Committed,Max,Unit cost,Min if funded,All or nothing,Requires,Confidence,arr,H1,H2,Note\r\n"))
        try write(template, text + "ops,ops-tools,Tools,250k,,,,,,,,100k,50%,50%,\r\n")
        let output = scratch.path + "/plan.json"
        #expect(runAllot(["import", company, template, "-o", output]).code == ExitCode.success.rawValue)
        #expect(try PlanReader.read(path: output).plan.requests == [
            Request(id: "ops-tools", name: "Tools", team: "ops", amount: 250_000, phasing: ["H1": 0.5, "H2": 0.5], impact: ["arr": .total(100_000)])
        ])
        try write(company, #"{"name": "FY2027", "kpis": [{"id": "arr", "worth": "x"}]}"#)
        let broken = runAllot(["template", company, "-o", template])
        #expect(broken.code == ExitCode.invalidInput.rawValue)
        #expect(broken.err.contains("\(company):1:52: kpis[0].worth: \"x\" is not a number or amount"))
    }

    @Test func templateNeedsAKnownTeamAndAKnownFormat() {
        let unknown = runAllot(["template", northwind, "--team", "salez", "-o", "/tmp/x.csv"])
        #expect(unknown.code == ExitCode.usage.rawValue)
        #expect(unknown.err.hasPrefix("allot: --team salez: the plan has no team 'salez'; did you mean 'sales'?\n"))
        let format = runAllot(["template", northwind, "-o", "/tmp/x.ods"])
        #expect(format.code == ExitCode.usage.rawValue)
        #expect(format.err.contains("name the template .xlsx or .csv so that its format is known"))
    }

    @Test func exportLongWritesOneRowPerRequestPeriodAndMeasure() throws {
        let scratch = try Scratch()
        let path = scratch.path + "/long.csv"
        let plan = Repository.model("quarterly-headcount.json")
        let result = runAllot(["export", plan, "--long", path])
        #expect(result.code == ExitCode.success.rawValue, "\(result.err)")
        let rows = try CSV.read(Array(try #require(readFile(path)).utf8)).rows
        let loaded = try PlanReader.read(path: plan).plan
        #expect(rows[0] == ["team", "request", "period", "measure", "value"].map(CellValue.text))
        #expect(rows.count == 1 + loaded.requests.count * loaded.periods.count * (2 + loaded.kpis.count))
        // sales-ae asks $900k phased 10% in Q1.
        #expect(rows.contains([.text("sales"), .text("sales-ae"), .text("Q1"), .text("asked"), .text("90000")]))
        #expect(runAllot(["export", plan, "--long", path, "--lp", path]).code == ExitCode.usage.rawValue)
    }
}
