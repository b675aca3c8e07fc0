import Testing
import TestSupport

@testable import Allot
@testable import AllotCommand
@testable import AllotReports

#if canImport(Glibc)
import Glibc
@testable import PlanFormat
#endif

/// The stakeholder report: safe, complete, and the same numbers in every format.
@Suite struct ReportTests {
    static func report(_ plan: Plan, bytes: [UInt8] = Array("plan".utf8)) throws -> StakeholderReport {
        StakeholderReport(try Explainer.explain(plan), planBytes: bytes)
    }

    static func defaultReport() throws -> StakeholderReport {
        let path = Repository.model("northwind.json")
        let loaded = try PlanReader.read(path: path)
        return StakeholderReport(try Explainer.explain(loaded.plan), planBytes: Array(try #require(readFile(path)).utf8))
    }

    @Test func sha256MatchesKnownDigests() {
        #expect(SHA256.hex([]) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256.hex(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        let long = Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8)
        #expect(SHA256.hex(long) == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    }

    @Test func userStringsAreEscapedInHTML() throws {
        var plan = Make.plan([
            Make.request("a", team: "evil", amount: 500_000, perDollar: 2),
            Make.request("b", team: "good", amount: 500_000, perDollar: 1),
        ], total: 600_000)
        plan.name = "Plan <b>bold</b> & \"quoted\""
        plan.teams[0].name = "<script>alert('x')</script>"
        plan.teams[0].requests[0].name = "<img src=x onerror=alert(1)>"
        plan.teams[0].requests[0].note = "</li><script>steal()</script>"
        let html = HTMLReport.render(try Self.report(plan))
        #expect(!html.contains("<script"))
        #expect(!html.contains("<img"))
        #expect(!html.contains("<b>bold"))
        #expect(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"))
        #expect(html.contains("&lt;img src=x onerror=alert(1)&gt;"))
        #expect(html.contains("Plan &lt;b&gt;bold&lt;/b&gt; &amp; &quot;quoted&quot;"))
        let markdown = MarkdownReport.render(try Self.report(plan))
        #expect(!markdown.contains("<script"))
    }

    /// Markup characters in every string a plan can hold (plan, team, owner, request, note, KPI,
    /// unit, rule and scenario names) reach every section of the page escaped, never as markup.
    @Test func everyPlanStringIsEscapedInEverySection() throws {
        let marker = "<i>&\"'"
        let escaped = "&lt;i&gt;&amp;&quot;&#39;"
        var plan = try PlanReader.read(path: Repository.model("northwind.json")).plan
        plan.name += marker
        for t in plan.teams.indices {
            plan.teams[t].name += marker
            plan.teams[t].owner = (plan.teams[t].owner ?? "") + marker
            for r in plan.teams[t].requests.indices {
                plan.teams[t].requests[r].name += marker
                plan.teams[t].requests[r].note = (plan.teams[t].requests[r].note ?? "") + marker
            }
        }
        // The KPIs other than ARR, whose currency unit names the value unit.
        for k in plan.kpis.indices where plan.kpis[k].id != "arr" {
            plan.kpis[k].name += marker
            plan.kpis[k].unit = (plan.kpis[k].unit ?? "") + marker
        }
        for c in plan.constraints.indices { plan.constraints[c].name = (plan.constraints[c].name ?? "") + marker }
        let report = try Self.report(plan)
        for html in [HTMLReport.render(report), HTMLReport.renderTeam(report, team: "cs")] {
            #expect(!html.contains("<i>"), "a raw marker reached the page")
            #expect(!html.contains("&\"'"))
        }
        let html = HTMLReport.render(report)
        let sections = ["headline", "team-table", "waterfall", "kpi-bridge", "rules", "ladder", "periods", "talk-first", "teams"]
        for id in sections {
            let start = try #require(html.range(of: "id=\"\(id)\""), "section \(id)")
            let rest = html[start.upperBound...]
            let end = rest.range(of: "</section>")?.lowerBound ?? rest.endIndex
            #expect(rest[..<end].contains(escaped), "section \(id) shows no plan string escaped")
        }
    }

    /// JSON for a script can neither end the script nor open a comment, and text interpolated into
    /// HTML is escaped while HTML values nest as they are.
    @Test func theHTMLBuilderEscapesTextAndScriptData() {
        let data = JSONValue.object([("name", .string("</script><!-- & \u{2028}"))])
        let script: HTML = "<script>const plan = \(json: data);</script>"
        #expect(script.markup == #"<script>const plan = {"name":"\u003c/script\u003e\u003c!-- \u0026 \u2028"};</script>"#)
        let cell: HTML = "<td>\("<b>")</td>"
        let row: HTML = "<tr>\(cell)</tr>"
        #expect(row.markup == "<tr><td>&lt;b&gt;</td></tr>")
    }

    /// An amount in a team card reads the same in its table as in the sentences under it, and
    /// as in the company's team table: one formatter, one precision.
    @Test func aTeamCardShowsEachAmountAsItsTableDoes() throws {
        let report = try Self.defaultReport()
        let f = report.format
        let html = HTMLReport.render(report)
        let team = try #require(report.allocation.teams.first { $0.id == "cs" })
        #expect(f.money(team.asked) == "$3.77M")
        let card = try #require(html.components(separatedBy: "<article class=team id=\"team-cs\">").dropFirst().first)
            .components(separatedBy: "</article>")[0]
        let table = try #require(html.components(separatedBy: "<section id=\"team-table\">").dropFirst().first)
            .components(separatedBy: "</section>")[0]
        // The team: its row in the team table, and the sentence that opens its card.
        #expect(table.contains("<tr><td>Customer Success</td><td>VP Customer Success</td><td class=n>\(f.money(team.asked))</td>"))
        #expect(card.contains("<p>Customer Success: asked \(f.money(team.asked)); this proposal gives \(f.money(team.allocated))"))
        // Each request: its row in the card's table, and its reason under it.
        for request in report.allocation.requests where request.team == "cs" {
            let row = "<tr><td>\(HTML.escape(request.name))</td><td class=n>\(f.money(request.asked))</td><td class=n>\(f.money(request.allocated))</td>"
            #expect(card.contains(row), "\(request.id)")
            let reason = request.unitCost == nil
                ? "<li>\(HTML.escape(request.name)): asked \(f.money(request.asked));"
                : "(\(f.money(request.asked))); this proposal funds"
            #expect(card.contains(reason), "\(request.id)")
        }
        #expect(card.contains("asked 6 customer success managers ($840k)"))
    }

    /// The reader refuses a currency that is not three capital letters; a plan made in code is
    /// not read, and its amounts are escaped all the same.
    @Test func moneyCellsAreEscapedWhateverTheCurrency() throws {
        var plan = Make.plan([Make.request("a", amount: 500_000, perDollar: 2)], total: 400_000)
        plan.currency = "<A>"
        let html = HTMLReport.render(try Self.report(plan))
        #expect(!html.contains("<A>"))
        #expect(html.contains("<td class=n>&lt;A&gt; 500k</td>"))
    }

    @Test func kpiNamesAndUnitsAreEscapedToo() throws {
        // A KPI's unit reaches the KPI bridge's headings and chart labels.
        let kpi = KPI(id: "nps", name: "NPS <u>score</u>", unit: "<svg onload=alert(1)>", worth: 1000, target: Target(min: 10))
        let plan = Make.plan([
            Make.request("a", team: "cs", amount: 500_000, perDollar: 0.0001, kpi: "nps"),
        ], total: 600_000, kpis: [kpi])
        let html = HTMLReport.render(try Self.report(plan))
        #expect(!html.contains("<svg onload"))
        #expect(!html.contains("<u>"))
        #expect(html.contains("&lt;svg onload=alert(1)&gt;"))
        let markdown = MarkdownReport.render(try Self.report(plan))
        #expect(!markdown.contains("<svg onload"))
    }

    @Test func spreadsheetFormulasAreNeutralisedAndNumbersStayNumbers() throws {
        #expect(CSVReport.text("=HYPERLINK(\"http://x\",\"y\")") == "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"")
        #expect(CSVReport.text("+1") == "'+1")
        #expect(CSVReport.text("-cmd") == "'-cmd")
        #expect(CSVReport.text("@SUM(A1)") == "'@SUM(A1)")
        #expect(CSVReport.text("plain") == "plain")
        #expect(CSVReport.number(-0.4) == "-0.4")
        #expect(CSVReport.number(1_234_567.891) == "1234567.89")
        var plan = Make.plan([
            Make.request("loss", team: "t", amount: 100_000, perDollar: -0.4),
            Make.request("gain", team: "t", amount: 100_000, perDollar: 1),
        ], total: 150_000)
        plan.teams[0].requests[0].name = "=HYPERLINK(\"http://evil\",\"click\")"
        let csv = CSVReport.render(try Self.report(plan))
        let rows = csv.split(separator: "\r\n")
        #expect(rows.count == 3)
        #expect(rows[1].contains(",\"'=HYPERLINK("))
        // The value per dollar of the losing request stays a bare number.
        #expect(rows[1].contains(",-0.4,"))
        #expect(!csv.contains(",=HYPERLINK"))
    }

    @Test func everySectionIsPresentForTheDefaultModel() throws {
        let html = HTMLReport.render(try Self.defaultReport())
        for id in ["headline", "team-table", "waterfall", "kpi-bridge", "rules", "ladder", "periods", "talk-first", "teams"] {
            #expect(html.contains("id=\"\(id)\""), "missing section \(id)")
        }
        #expect(html.contains("<svg"))
        // Self-contained: nothing is loaded from the network.
        #expect(!html.contains("src=\"http"))
        #expect(!html.contains("href=\"http"))
        #expect(!html.contains("<script"))
        #expect(!html.contains("src=\"http"))
    }

    @Test func totalsTieToTheBudget() throws {
        let report = try Self.defaultReport()
        let allocation = report.allocation
        let proposed = report.teams.reduce(0) { $0 + $1.proposed }
        #expect(close(proposed, allocation.spend, 1e-9))
        #expect(close(proposed, try #require(report.plan.budget.total), 1e-6))
        #expect(close(report.teams.reduce(0) { $0 + $1.asked } - report.teams.reduce(0) { $0 + $1.gap }, proposed, 1e-9))
        // The waterfall walks from asked to proposed exactly.
        let steps = report.waterfall
        #expect(steps.first?.label == "Asked")
        #expect(steps.last?.label == "Proposed")
        let walked = steps.dropFirst().dropLast().reduce(steps.first!.amount) { $0 + $1.amount }
        #expect(close(walked, allocation.spend, 1e-6))
    }

    @Test func theSameFiguresInEveryFormat() throws {
        let report = try Self.defaultReport()
        let f = report.format
        let html = HTMLReport.render(report)
        let markdown = MarkdownReport.render(report)
        let csv = CSVReport.render(report)
        for team in report.teams {
            #expect(html.contains(f.money(team.proposed)))
            #expect(markdown.contains("| \(MarkdownReport.escape(team.name)) | \(MarkdownReport.escape(team.owner)) | \(f.money(team.asked)) |"))
        }
        // CSV against `allot explain --json`: every request's proposed amount and status.
        let json = runAllot(["explain", Repository.model("northwind.json"), "--json"])
        let document = try JSONParser.parse(Array(json.out.utf8)).jsonValue
        guard case .array(let requests) = document["requests"] else { Issue.record("no requests"); return }
        let rows = csv.split(separator: "\r\n").dropFirst()
        #expect(rows.count == requests.count)
        for (row, request) in zip(rows, requests) {
            guard case .string(let id) = request["id"], case .number(let allocated) = request["allocated"],
                  case .string(let status) = request["status"] else { continue }
            #expect(row.contains(",\(id),"))
            #expect(row.contains(",\(CSVReport.number(allocated)),"), "\(id)")
            #expect(row.contains(",\(status),"), "\(id)")
        }
        guard case .number(let spend) = document["spend"] else { Issue.record("no spend"); return }
        #expect(close(spend, report.allocation.spend, 1e-12))
    }

    @Test func reportCommandWritesEachFormatAndPerTeamFiles() throws {
        let directory = Repository.temporaryFile("x", "").dropLast(2)
        let html = String(directory) + "/report.html"
        let result = runAllot(["report", Repository.model("northwind.json"), "-o", html, "--per-team", String(directory) + "/teams", "--format", "md"])
        #expect(result.code == 0, "\(result.err)")
        let page = try #require(readFile(html))
        #expect(page.hasPrefix("<!DOCTYPE html>"))
        let teamPage = try #require(readFile(String(directory) + "/teams/sales.md"))
        #expect(teamPage.contains("### Sales"))
        #expect(teamPage.contains("## Your team in the plan"))
        for name in ["report.md", "report.csv"] {
            #expect(runAllot(["report", Repository.model("northwind.json"), "-o", String(directory) + "/" + name]).code == 0)
        }
        // Nothing else was written: no temporary files are left behind.
        #expect(listing(String(directory)).sorted() == ["report.csv", "report.html", "report.md", "teams", "x"])
        #expect(listing(String(directory) + "/teams").count == 10)
        let unknown = runAllot(["report", Repository.model("northwind.json"), "-o", String(directory) + "/report.pdf"])
        #expect(unknown.code == ExitCode.usage.rawValue)
        let overwrite = runAllot(["report", Repository.model("northwind.json"), "-o", Repository.model("northwind.json")])
        #expect(overwrite.code == ExitCode.usage.rawValue)
        #expect(runAllot(["report", Repository.model("northwind.json")]).code == ExitCode.usage.rawValue)
    }

    @Test func headsAreCountedAgainstEachCapInEveryFormat() throws {
        // Two whole hires of 100k under a cap of 3 heads, one of 50k outside its scope.
        let plan = Make.plan([
            Make.request("aes", team: "sales", amount: 200_000, perDollar: 2, unitCost: 100_000),
            Make.request("ses", team: "eng", amount: 100_000, perDollar: 2, unitCost: 50_000),
        ], total: 1_000_000, constraints: [
            Constraint(id: "cap", name: "Sales heads", kind: .headcount(max: 3), scope: Scope(teams: ["sales"])),
        ])
        let report = try Self.report(plan)
        #expect(report.explanation.allocation.unitsFunded(in: Scope(teams: ["sales"])) == 2)
        let text = "Headcount cap ‘Sales heads’: 2 of at most 3 heads funded (1 to spare)."
        #expect(HTMLReport.render(report).contains(text))
        #expect(MarkdownReport.render(report).contains(text))
    }

    @Test func perTeamFilesNeverOverwriteThePlanAndLongIdsGetShortNames() throws {
        // The plan itself sits where team 'sales' would be written: refused, nothing written.
        let plan = readFile(Repository.model("northwind.json"))!
        let path = Repository.temporaryFile("sales.html", plan)
        let directory = String(path.dropLast("/sales.html".count))
        let result = runAllot(["report", path, "--per-team", directory, "-o", directory + "/all.html"])
        #expect(result.code == ExitCode.usage.rawValue)
        #expect(result.err.contains("which is the plan file \(path) itself"))
        #expect(readFile(path) == plan)
        #expect(listing(directory) == ["sales.html"])

        // Team ids longer than a file name may be.
        let long = String(repeating: "a", count: 300)
        let plan2 = Repository.temporaryFile("plan.json", PlanFixtures.minimal().replacingOccurrences(of: "\"id\": \"sales\"", with: "\"id\": \"\(long)1\"")
            .replacingOccurrences(of: "\"id\": \"cs\"", with: "\"id\": \"\(long)2\""))
        let teams = String(plan2.dropLast("/plan.json".count)) + "/teams"
        let written = runAllot(["report", plan2, "--per-team", teams])
        #expect(written.code == 0, "\(written.err)")
        let names = listing(teams)
        #expect(names.count == 2)
        #expect(names.allSatisfy { $0.utf8.count < 100 && $0.hasSuffix(".html") })
    }
}

/// The ladder chart draws at most its limit of slices, and says how many it leaves out.
@Suite struct LadderLimitTests {
    @Test func theLadderChartCountsTheSlicesItLeavesOut() throws {
        // 4,300 requests, half of them funded: a funded or unfunded slice each, a few more for
        // partly funded ones.
        let requests = (0..<4_300).map { index in
            Make.request("r\(index)", team: "t\(index / 100)", amount: 10_000, perDollar: 1 + Double(index % 97) / 100)
        }
        let plan = Make.plan(requests, total: 21_500_000)
        let explanation = try Explainer.explain(plan, options: ExplainOptions(thresholds: .none, ruleEffects: false))
        let report = StakeholderReport(explanation, planBytes: Array("plan".utf8))
        #expect(report.ladder.count > StakeholderReport.ladderChartLimit)
        #expect(report.ladderSlicesNotShown == report.ladder.count - StakeholderReport.ladderChartLimit)
        let html = HTMLReport.render(report)
        let ladder = try #require(html.range(of: "<section id=\"ladder\">")).upperBound
        let section = html[ladder...].prefix { _ in true }
        let end = try #require(section.range(of: "</section>")).lowerBound
        let drawn = section[..<end].components(separatedBy: "</title></rect>").count - 1
        #expect(drawn == StakeholderReport.ladderChartLimit)
        #expect(section[..<end].contains("\(report.ladderSlicesNotShown) smaller slices are not shown"))

        // A ladder within the limit says nothing of the kind.
        let small = try ReportTests.defaultReport()
        #expect(small.ladderSlicesNotShown == 0)
        #expect(!HTMLReport.render(small).contains("smaller slices are not shown"))
    }
}
