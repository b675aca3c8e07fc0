import Testing
import TestSupport

@testable import Allot
@testable import AllotCommand
@testable import AllotReports
@testable import PlanFormat
import LinearSolver

/// The report's what-if slider, its script, and the sections read from the walk and the room.
@Suite struct SliderTests {
    static func plan(_ fixture: String) throws -> Plan {
        try PlanReader.read(path: PlanFixtures.path(fixture)).plan
    }

    static func walk(_ plan: Plan) throws -> (SolvedPlan, BudgetCuts, Slider) {
        let solved = try SolvedPlan(plan)
        let cuts = try solved.cuts(deadline: Deadline(seconds: 60))
        return (solved, cuts, Slider(cuts, plan: plan))
    }

    /// A plan solved at another total, request by request and team by team.
    static func solve(_ plan: Plan, at total: Double) throws -> Allocation {
        var plan = plan
        plan.budget.total = total
        return try SolvedPlan(plan).allocation
    }

    static func report(_ plan: Plan, comparison: StakeholderReport.Comparison? = nil) throws -> StakeholderReport {
        let solved = try SolvedPlan(plan)
        var report = StakeholderReport(try Explainer.explain(solved, options: ExplainOptions(deadline: Deadline(seconds: 60))), planBytes: [])
        report.budgets = ReportCommand.budgets(solved, deadline: Deadline(seconds: 60), console: Console(out: { _ in }, err: { _ in }))
        report.comparison = comparison
        return report
    }

    /// The script element's text, exactly as the page holds it.
    static func scriptText(_ html: String) throws -> String {
        let open = try #require(html.range(of: "<script>"))
        let close = try #require(html.range(of: "</script>", range: open.upperBound..<html.endIndex))
        return String(html[open.upperBound..<close.lowerBound])
    }

    @Test func atEveryBreakpointTheSliderReadsTheWalk() throws {
        let plan = try Self.plan("slider-linear.json")
        let (_, cuts, slider) = try Self.walk(plan)
        #expect(slider.exact)
        #expect(cuts.breakpoints.count >= 6)
        let requests = try #require(slider.requests)
        for point in cuts.breakpoints {
            for series in requests {
                let expected = try #require(point.allocations[series.id])
                #expect(abs(slider.amount(series, at: point.budget) - expected) <= 0.01, "\(series.id) at \(point.budget)")
            }
            #expect(abs(slider.value(at: point.budget) - point.value) <= 0.01)
        }
        // Each request keeps only the points where its own slope changes.
        let total = requests.reduce(0) { $0 + $1.budgets.count }
        #expect(total < requests.count * cuts.breakpoints.count)
        #expect(requests.contains { $0.budgets.count == 2 })
    }

    @Test func betweenBreakpointsTheSliderEqualsASolveAtThatTotal() throws {
        let plan = try Self.plan("slider-linear.json")
        let (_, cuts, slider) = try Self.walk(plan)
        let requests = try #require(slider.requests)
        for (high, low) in zip(cuts.breakpoints, cuts.breakpoints.dropFirst()) {
            for t in [0.25, 0.5, 0.9] {
                let total = low.budget + t * (high.budget - low.budget)
                let solved = try Self.solve(plan, at: total)
                for series in requests {
                    let expected = try #require(solved.requests.first { $0.id == series.id }).allocated
                    #expect(abs(slider.amount(series, at: total) - expected) <= 0.5, "\(series.id) at \(total)")
                }
                for series in slider.teams {
                    let expected = try #require(solved.teams.first { $0.id == series.id }).allocated
                    #expect(abs(slider.amount(series, at: total) - expected) <= 0.5, "team \(series.id) at \(total)")
                }
                #expect(abs(slider.value(at: total) - solved.value) <= 0.5)
            }
        }
        // Outside the walk: clamped to its ends.
        let top = try #require(cuts.breakpoints.first), bottom = try #require(cuts.breakpoints.last)
        #expect(slider.shownTotal(top.budget * 2) == Slider.cents(top.budget))
        #expect(slider.shownTotal(0) == Slider.cents(bottom.budget))
    }

    @Test func aSampledWalkShowsTheComputedLevelAtOrBelow() throws {
        let plan = try Self.plan("slider-integer.json")
        let (_, cuts, slider) = try Self.walk(plan)
        #expect(!slider.exact)
        let requests = try #require(slider.requests)
        for (high, low) in zip(cuts.breakpoints, cuts.breakpoints.dropFirst()) {
            let between = (high.budget + low.budget) / 2
            #expect(abs(slider.shownTotal(between) - low.budget) <= 0.01)
            for series in requests {
                let expected = try #require(low.allocations[series.id])
                #expect(abs(slider.amount(series, at: between) - expected) <= 0.01)
                #expect(abs(slider.amount(series, at: low.budget) - expected) <= 0.01)
            }
        }
        // The computed levels are the integer plan's own solves at those totals.
        for point in cuts.breakpoints.prefix(4) {
            let solved = try Self.solve(plan, at: point.budget)
            for series in slider.teams {
                let expected = try #require(solved.teams.first { $0.id == series.id }).allocated
                #expect(abs(slider.amount(series, at: point.budget) - expected) <= 0.5)
            }
        }
    }

    @Test func aSegmentOfZeroLengthIsSkippedAndABreakpointTakesTheSegmentAbove() {
        // A jump at 100: from above the line reaches 10 at 100, from below it starts at 4.
        let budgets = [200.0, 100, 100, 0], amounts = [20.0, 10, 4, 0]
        #expect(Slider.read(budgets: budgets, amounts: amounts, at: 100, exact: true) == 10)
        #expect(abs(Slider.read(budgets: budgets, amounts: amounts, at: 99.99, exact: true) - 3.9996) < 1e-9)
        #expect(Slider.read(budgets: budgets, amounts: amounts, at: 150, exact: true) == 15)
        #expect(Slider.read(budgets: budgets, amounts: amounts, at: 300, exact: true) == 20)
        let compressed = Slider.compressed(id: "r", budgets: [4, 3, 2, 1, 0], amounts: [8, 6, 4, 4, 4])
        #expect(compressed.budgets == [4, 2, 0])
        #expect(compressed.amounts == [8, 4, 4])
    }

    @Test func beyondTwoThousandRequestsTheSliderCarriesTeamsOnly() throws {
        let requests = (0..<2_001).map { Make.request("r\($0)", team: "t\($0 % 7)", amount: 1_000, perDollar: 1 + Double($0 % 13) / 10) }
        let plan = Make.plan(requests, total: 1_500_000)
        let (_, _, slider) = try Self.walk(plan)
        #expect(slider.requests == nil)
        #expect(slider.requestsLeftOut == 2_001)
        #expect(slider.teams.count == 7)
    }

    @Test func theScriptIsAllowedByItsHashAndNothingElse() throws {
        #expect(SHA256.base64(Array("abc".utf8)) == "ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0=")
        #expect(SHA256.base64([]) == "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=")
        let html = HTMLReport.render(try Self.report(try Self.plan("slider-linear.json")))
        let script = try Self.scriptText(html)
        let hash = SHA256.base64(Array(script.utf8))
        #expect(html.contains("content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:; script-src 'sha256-\(hash)'\""))
        #expect(html.components(separatedBy: "<script").count == 2, "exactly one script")
        #expect(!html.contains("http://") || !html.replacingOccurrences(of: "xmlns=\"http://www.w3.org/2000/svg\"", with: "").contains("http://"))
        #expect(!html.contains("https://"))
        // Without a script the slider is hidden and the team figures are the plan's budget's.
        #expect(html.contains("<div id=\"whatif-controls\" hidden>"))
        #expect(html.contains("data-team=\"ops\" data-allocated=\"270000.00\""))
    }

    @Test func planStringsInsideTheScriptCannotEndItOrOpenAComment() throws {
        let hostile = "x</script><!--<script>alert(1)//&"
        var plan = Make.plan([
            Make.request("a</script>", team: hostile, amount: 500_000, perDollar: 2),
            Make.request("b", team: "good", amount: 500_000, curve: [(200_000, 300_000), (500_000, 450_000)]),
        ], total: 800_000)
        plan.teams[0].name = hostile
        let html = HTMLReport.render(try Self.report(plan))
        let script = try Self.scriptText(html)
        #expect(!script.lowercased().contains("</script"))
        #expect(!script.contains("<!--"))
        #expect(!script.lowercased().contains("<script"))
        #expect(script.contains(#"x\u003c/script\u003e\u003c!--\u003cscript\u003ealert(1)//\u0026"#))
        // The data reads back as the plan's own strings.
        let start = try #require(script.range(of: "const SLIDER = "))
        let end = try #require(script.range(of: ";\n(function"))
        let text = String(script[start.upperBound..<end.lowerBound])
        #expect(!text.contains("<") && !text.contains(">") && !text.contains("&"), "the data holds no markup characters at all")
        let data = try JSONParser.parse(text)
        guard case .array(let teams)? = data["teams"]?.value else { Issue.record("no teams in the script's data"); return }
        #expect(teams.contains { if case .string(let id)? = $0["id"]?.value { id == hostile } else { false } })
        // Elsewhere on the page the strings are escaped text.
        #expect(html.contains("data-team=\"x&lt;/script&gt;&lt;!--&lt;script&gt;alert(1)//&amp;\""))
    }

    @Test func theComparisonCSVIsTheLongForm() throws {
        let plan = try Self.plan("slider-linear.json")
        var lower = plan
        lower.budget.total = 1_000_000
        let columns = [
            PlanComparison.Column(label: plan.name, solved: try SolvedPlan(plan)),
            PlanComparison.Column(label: "1M", solved: try SolvedPlan(lower)),
        ]
        let report = try Self.report(plan, comparison: .init(PlanComparison(columns: columns), mode: .budgets))
        let csv = CSVReport.renderComparison(report)
        let rows = csv.split(separator: "\r\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        #expect(rows.first == ["column", "team", "request", "allocated", "change", "reason_code"])
        #expect(rows.count == 1 + 2 * (plan.teams.count + plan.requests.count))
        let first = rows.dropFirst().filter { $0[0] == plan.name }
        let second = rows.dropFirst().filter { $0[0] == "1M" }
        #expect(first.allSatisfy { $0[4] == "0" && $0[5].isEmpty })
        let solved = try Self.solve(plan, at: 1_000_000)
        let base = try SolvedPlan(plan).allocation
        for row in second where !row[2].isEmpty {
            let now = try #require(solved.requests.first { $0.id == row[2] }).allocated
            let before = try #require(base.requests.first { $0.id == row[2] }).allocated
            #expect(abs(try #require(Double(row[3])) - now) <= 0.01)
            #expect(abs(try #require(Double(row[4])) - (now - before)) <= 0.01)
            #expect(row[5].isEmpty == (abs(now - before) <= 0.5))
            if !row[5].isEmpty { #expect(PlanComparison.Reason.Code(rawValue: row[5]) != nil) }
        }
        // Team rows: the request cell is empty and the amounts are the team's sums.
        let adsTeam = try #require(second.first { $0[1] == "growth" && $0[2].isEmpty })
        #expect(abs(try #require(Double(adsTeam[3])) - (try #require(solved.teams.first { $0.id == "growth" }).allocated)) <= 0.01)
        // Every format carries the comparison section.
        #expect(HTMLReport.render(report).contains("<section id=\"compare\">"))
        #expect(MarkdownReport.render(report).contains("Side by side: other total budgets"))
    }

    @Test func aPlanWithoutATotalBudgetStillRendersTheRestAndSaysSo() throws {
        let plan = Make.plan([Make.request("a", amount: 100_000, perDollar: 2)], total: nil)
        let report = try Self.report(plan)
        #expect(report.budgets?.cuts == nil)
        let html = HTMLReport.render(report)
        #expect(html.contains("The plan has no total budget, so there is no total to move"))
        #expect(!html.contains("<script>"))
        #expect(html.contains("<section id=\"room\">"))
        #expect(html.contains("Team by team"))
        #expect(MarkdownReport.render(report).contains("The plan has no total budget"))
    }

    @Test func roomRangesSayTheyHoldForEachTeamAlone() throws {
        let report = try Self.report(try Self.plan("slider-linear.json"))
        let room = try #require(report.budgets?.room)
        #expect(room.teams.count == 3)
        #expect(room.requests.isEmpty)
        let html = HTMLReport.render(report)
        #expect(html.contains("Each range holds for that team alone"))
        for range in room.teams {
            #expect(range.least.amount <= range.most.amount + 0.01)
        }
    }
}
