import PlanFormat
import Spreadsheet
import TestSupport
import Testing

@testable import TeamSheets

/// The company plan of the import tests: periods H1 and H2, KPIs arr and churn, teams ops and sales.
let companyText = PlanFixtures.text("sheets/company.json")

func csvFile(_ name: String, _ text: String) throws -> TeamFile {
    TeamFile(path: name, sheet: try CSV.read(Array(text.utf8)), isWorkbook: false)
}

func xlsxFile(_ name: String, _ rows: [[OutputCell]], sheet: String = "Requests") throws -> TeamFile {
    let bytes = XLSXWriter.write([OutputSheet(name: sheet, rows: rows)])
    return TeamFile(path: name, sheet: try XLSX.read(bytes), isWorkbook: true)
}

func merge(_ files: [TeamFile], company: String = companyText) -> TeamImport.Result {
    TeamImport.merge(company: Array(company.utf8), source: "company.json", files: files)
}

/// The messages of an import's errors, as `allot import` prints them.
func messages(_ files: [TeamFile], company: String = companyText) -> [String] {
    merge(files, company: company).errors.map(\.description)
}

@Suite struct TeamImportTests {
    @Test func readsEveryColumnOfTheLayout() throws {
        let file = try csvFile("sales.csv", """
            # Sales: budget requests, comment lines are skipped
            team, Request ID ,NAME,amount,Committed,max,unit_cost,Min-if-funded,ALL OR NOTHING,requires,confidence,ARR,churn per $,h1,H2,Note
            sales,sales-ae,Account executives,"$1,200,000",300k,1.5M,150k,,no,,80%,2.5M,,40%,0.6,Quota $1M each
            sales,sales-crm,CRM,7.5E+05,,,,,yes,sales-ae,,,2e-06,,,
            sales,sales-events,Events,1.2M,,,,400k,,"sales-ae; sales-crm",0.5,200k:1.5M; 400k:2.2M,,,,

            """)
        let result = merge([file])
        #expect(result.errors.isEmpty)
        let sales = try #require(result.plan?.teams.first { $0.id == "sales" })
        #expect(sales.name == "Sales" && sales.groups == ["gtm"])
        #expect(sales.requests == [
            Request(
                id: "sales-ae", name: "Account executives", team: "sales", amount: 1_200_000, min: 300_000, max: 1_500_000,
                unitCost: 150_000, phasing: ["H1": 0.4, "H2": 0.6], impact: ["arr": .total(2_500_000)], confidence: 0.8,
                note: "Quota $1M each"),
            Request(
                id: "sales-crm", name: "CRM", team: "sales", amount: 750_000, allOrNothing: true,
                impact: ["churn": .perDollar(0.000002)], requires: ["sales-ae"]),
            Request(
                id: "sales-events", name: "Events", team: "sales", amount: 1_200_000, minIfFunded: 400_000,
                impact: ["arr": .curve([CurvePoint(spend: 200_000, impact: 1_500_000), CurvePoint(spend: 400_000, impact: 2_200_000)])],
                confidence: 0.5, requires: ["sales-ae", "sales-crm"]),
        ])
        // The other teams and the rest of the company plan are kept.
        #expect(result.plan?.teams.map(\.id) == ["ops", "sales"])
        #expect(result.plan?.constraints.map(\.id) == ["gtm"])
        #expect(result.warnings.map(\.description) == [
            "sales.csv: team \"sales\": its 1 request in company.json is replaced by the 3 rows of this file"
        ])
        #expect(result.importedTeams == ["sales"])
    }

    @Test func readsTypedCellsOfAWorkbookAndAddsNewTeams() throws {
        let file = try xlsxFile("data.xlsx", [
            [.heading("Team"), .heading("Request"), .heading("Amount"), .heading("All or nothing"), .heading("arr per $"), .heading("Confidence")],
            [.text("data"), .text("data-lake"), .number(400_000, .currency(symbol: "$")), .bool(true), .number(1.25), .number(0.9, .percent)],
        ])
        let result = merge([file])
        #expect(result.errors.isEmpty)
        #expect(result.plan?.teams.map(\.id) == ["ops", "sales", "data"])
        #expect(result.plan?.teams.last?.requests == [
            Request(id: "data-lake", team: "data", amount: 400_000, allOrNothing: true, impact: ["arr": .perDollar(1.25)], confidence: 0.9)
        ])
        #expect(result.warnings.map(\.description) == [
            "data.xlsx: Requests!A2: team \"data\" is not in company.json: it is added as a new team, in no group"
        ])
        // A team written by its name, or mistyped, is most likely a known team.
        let typo = try csvFile("sales.csv", "Team,Request,Amount,arr\nSALES ,s1,100k,1\nslaes,s2,100k,1\n")
        #expect(merge([typo]).warnings.map(\.description) == [
            "sales.csv:2:1: team \"SALES\" is not in company.json: it is added as a new team, in no group; did you mean \"sales\"?",
            "sales.csv:3:1: team \"slaes\" is not in company.json: it is added as a new team, in no group; did you mean \"sales\"?",
        ])
    }

    @Test func reportsEveryCellErrorAtOnceInRowOrder() throws {
        let file = try csvFile("sales.csv", """
            Team;Request;Amount;All or nothing;Confidence;arr;arr per $;churn;H1;H2
            sales;s1;1,2M;;;;;;;
            sales;s2;(1,200);maybe;150%;;;;;
            sales;s3;100k;;;abc;;"200k:1.5; 400k";;
            sales;s4;100k;;;1;2;;;
            sales;s5;100k;;;;200k:1;;;
            ;s6;100k;;;;;;;
            sales;;100k;;;;;;;
            sales;s8;;;;;;;;
            """)
        #expect(messages([file]) == [
            "sales.csv:2:3: \"1,2M\" is not a money amount: thousands commas must separate groups of three digits, as in \"1,200,000\"",
            "sales.csv:3:3: \"(1,200)\" is a negative amount in accounting brackets; amounts are never negative: write what is asked, such as 1,200",
            "sales.csv:3:4: \"maybe\" is not yes or no: write yes or no (or TRUE or FALSE), or leave the cell empty for no",
            "sales.csv:3:5: \"150%\" is out of range: a fraction is between 0 and 1 (or \"0%\" and \"100%\")",
            "sales.csv:4:6: \"abc\" is not a number or amount: unexpected 'a'; write amounts like 1200000, \"1.2M\", \"750k\" or \"$2.5m\"",
            "sales.csv:4:8: \"400k\" is not a curve point: write spend:impact points separated by semicolons, such as \"200k:1.5; 400k:2.2\"",
            "sales.csv:5:7: both arr and arr per $ are filled: give the impact at full funding or per dollar, not both",
            "sales.csv:6:7: a curve goes in the KPI's own column (arr), not in its per $ column",
            "sales.csv:7:1: the Team is empty: give the team's id, such as \"sales\"",
            "sales.csv:8:2: the Request is empty: give each request an id unique in the plan, such as \"sales-ae\"",
            "sales.csv:9:3: the Amount is empty: give what the team asks for, such as 250k",
        ])
    }

    @Test func reportsHeaderErrors() throws {
        let unknown = try csvFile("sales.csv", "Team,Request,Amount,Pipeline,Unit cst,chrun per $,amount,\nsales,s1,1M,,,,,x\n")
        #expect(messages([unknown]) == [
            "sales.csv:1:4: unknown column \"Pipeline\": not a KPI of the plan (arr, churn), a period (H1, H2) or a column of the layout",
            "sales.csv:1:5: unknown column \"Unit cst\": not a KPI of the plan (arr, churn), a period (H1, H2) or a column of the layout; did you mean \"Unit cost\"?",
            "sales.csv:1:6: \"chrun per $\": \"chrun\" is not a KPI of the plan (its KPIs are arr, churn); did you mean \"churn per $\"?",
            "sales.csv:1:7: the column \"amount\" appears twice (also C1); keep one",
            "sales.csv:2:8: this cell has no header; give its column a header, or clear it",
        ])
        let missing = try csvFile("sales.csv", "# comment\n\nName,Note\nx,y\n")
        #expect(messages([missing]) == [
            "sales.csv:3:1: the header row has no Team, Request and Amount columns: every team file needs Team, Request and Amount"
        ])
        let empty = try csvFile("sales.csv", "# only a comment\n")
        #expect(messages([empty]) == [
            "sales.csv: the sheet is empty: it needs a header row (Team, Request, Amount, ...) and one row per request"
        ])
    }

    @Test func pointsAtTheSheetAndCellOfAWorkbook() throws {
        let bytes = XLSXWriter.write([OutputSheet(name: "Requests", rows: [
            [.heading("Team"), .heading("Request"), .heading("Amount"), .heading("arr")],
            [.text("sales"), .text("s1"), .text("1,2M"), .number(5)],
            [.text("sales"), .text("s2"), .number(100), .bool(true)],
        ])])
        let file = TeamFile(path: "sales.xlsx", sheet: try XLSX.read(bytes), isWorkbook: true)
        #expect(messages([file]) == [
            "sales.xlsx: Requests!C2: \"1,2M\" is not a money amount: thousands commas must separate groups of three digits, as in \"1,200,000\"",
            "sales.xlsx: Requests!D3: expected an impact such as 1.5, 350k or a curve \"200k:1.5; 400k:2.2\", found TRUE",
        ])
    }

    @Test func refusesDatesFormulasWithoutResultsAndMergedCells() throws {
        var sheet = Sheet(name: "Requests", rows: [
            [.text("Team"), .text("Request"), .text("Amount"), .text("arr")],
            [.text("sales"), .text("s1"), .date(SheetDate(year: 2027, month: 1, day: 1)), .number(1)],
            [.text("sales"), .text("s2"), .number(5), .error("the formula =SUM(Z1:Z9) has no saved result; open the file in a spreadsheet application, let it calculate, and save it again")],
        ])
        sheet.merges = [CellRange(a1: "A2:A3")!]
        let file = TeamFile(path: "sales.xlsx", sheet: sheet, isWorkbook: true)
        #expect(messages([file]) == [
            "sales.xlsx: Requests!A2: cells A2:A3 are merged; unmerge them and give each cell its own value",
            "sales.xlsx: Requests!C2: expected an amount such as 1200000 or 1.2M, found the date 2027-01-01",
            "sales.xlsx: Requests!D3: the formula =SUM(Z1:Z9) has no saved result; open the file in a spreadsheet application, let it calculate, and save it again",
        ])
    }

    @Test func refusesMergedCellsAndDatesInAWorkbookLibreOfficeWrote() throws {
        let bytes = try #require(readBytes(PlanFixtures.path("sheets/libreoffice.xlsx")))
        let file = TeamFile(path: "libreoffice.xlsx", sheet: try XLSX.read(bytes), isWorkbook: true)
        #expect(messages([file]) == [
            "libreoffice.xlsx: Requests!A2: cells A2:A3 are merged; unmerge them and give each cell its own value",
            "libreoffice.xlsx: Requests!A3: the Team is empty: give the team's id, such as \"sales\"",
            "libreoffice.xlsx: Requests!C3: expected an amount such as 1200000 or 1.2M, found the date 2027-01-31",
        ])
    }

    @Test func reportsConsolidationProblems() throws {
        let first = try csvFile("sales.csv", "Team,Request,Amount,arr\nsales,s1,100k,1\nsales,s1,200k,1\nsales,ops-run,100k,1\n")
        let second = try csvFile("sales-v2.csv", "Team,Request,Amount,arr\nsales,s9,100k,1\n")
        let third = try xlsxFile("cs.xlsx", [
            [.heading("Team"), .heading("Request"), .heading("Amount"), .heading("arr")],
            [.text("cs"), .text("s1"), .number(100), .number(1)],
        ])
        #expect(messages([first, second, third]) == [
            "sales.csv:3:2: request id \"s1\" is also used at row 2, column 2; give each request its own id",
            "sales.csv:4:2: request id \"ops-run\" is already a request of team \"ops\" in company.json (line 11); give each request its own id",
            "sales-v2.csv:2:1: team \"sales\" also comes from sales.csv (row 2, column 1); give each team's requests in one file",
            "cs.xlsx: Requests!B2: request id \"s1\" is also used at sales.csv:2:2 (team \"sales\"); give each request its own id",
        ])
    }

    @Test func pointsThePlanChecksAfterMergingBackAtTheirCells() throws {
        let file = try csvFile("sales.csv", """
            Team,Request,Amount,Committed,Requires,arr,H1,H2,Confidence
            sales,s1,100k,200k,,1,,,
            sales,s2,100k,,nothing,1,50%,30%,
            sales,s3,100k,,,,,,0
            """)
        #expect(messages([file]) == [
            "sales.csv:2:4: min 200k is above the amount 100k: committed spend cannot exceed the ask",
            "sales.csv:3:5: unknown request \"nothing\"; the plan's requests are ops-run, s1, s2, s3",
            "sales.csv:3:7: the phasing fractions sum to 0.8, not 1; make them add up to 1 (a period left out counts 0)",
            "sales.csv:4:9: confidence must be above 0 (and at most 1): a request sure to do nothing has no impact; remove the impact instead",
        ])
        // The merged plan's warnings point at cells too.
        let warned = try csvFile("sales.csv", "Team,Request,Amount\nsales,s1,100k\n")
        #expect(merge([warned]).warnings.map(\.description) == [
            "sales.csv: team \"sales\": its 1 request in company.json is replaced by the 1 row of this file",
            "sales.csv:2:2: request \"s1\" has no impact and no min: it will never be funded; give it an impact, or a min for committed spend",
        ])
    }

    @Test func pointsTheCompanyPlansOwnErrorsAtItsLines() throws {
        let company = companyText.replacingOccurrences(of: "\"worth\": 250000", with: "\"worth\": \"lots\"")
        let file = try csvFile("sales.csv", "Team,Request,Amount,arr\nsales,s1,100k,1\n")
        #expect(messages([file], company: company) == [
            "company.json:7:77: kpis[1].worth: \"lots\" is not a number or amount: unexpected 'l'; write amounts like 1200000, \"1.2M\", \"750k\" or \"$2.5m\""
        ])
        #expect(messages([file], company: "{\"name\": ") == ["company.json:1:10: expected the value of \"name\", found the end of the input"])
    }

    @Test func takesACompanyPlanWithoutTeams() throws {
        let company = #"{"name": "Bare", "kpis": [{"id": "arr"}]}"#
        let file = try csvFile("sales.csv", "Team,Request,Amount,arr\nsales,s1,100k,1\n")
        let result = merge([file], company: company)
        #expect(result.errors.isEmpty)
        #expect(result.document?.serialized(pretty: false)
            == #"{"name":"Bare","kpis":[{"id":"arr"}],"teams":[{"id":"sales","requests":[{"id":"s1","amount":100000,"impact":{"arr":{"total":1}}}]}]}"#)
    }
}
