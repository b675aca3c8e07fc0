import Testing
import TestSupport

@testable import AllotCommand

/// `allot report` with `--budgets`, `--scenarios` or `--against`: the same parsing and errors as
/// `allot compare`, and the comparison in every format.
@Suite struct ReportComparisonTests {
    static let plan = Repository.model("northwind.json")

    static func out(_ name: String) -> String { Repository.temporaryFile(name, "") }

    @Test func moreThanOneComparisonIsAUsageErrorAsInCompare() {
        for command in ["report", "compare"] {
            var arguments = [command, Self.plan, "--budgets", "-2%", "--scenarios", "investor"]
            if command == "report" { arguments += ["-o", Self.out("two.html")] }
            let result = runAllot(arguments)
            #expect(result.code == ExitCode.usage.rawValue, "\(command)")
            #expect(result.err.contains("give only one of --budgets, --scenarios and --against"), "\(command): \(result.err)")
        }
    }

    @Test func anUnknownScenarioOrABadLevelIsAUsageErrorAsInCompare() {
        let scenario = runAllot(["report", Self.plan, "-o", Self.out("s.html"), "--scenarios", "investr"])
        #expect(scenario.code == ExitCode.usage.rawValue)
        #expect(scenario.err.contains("did you mean \"investor\"?"), "\(scenario.err)")
        let compare = runAllot(["compare", Self.plan, "--scenarios", "investr"])
        #expect(compare.code == ExitCode.usage.rawValue)
        #expect(compare.err.contains("did you mean \"investor\"?"))
        let level = runAllot(["report", Self.plan, "-o", Self.out("l.html"), "--budgets", "-2%,lots"])
        #expect(level.code == ExitCode.usage.rawValue)
        #expect(level.err.contains("--budgets lots:"), "\(level.err)")
        let empty = runAllot(["report", Self.plan, "-o", Self.out("e.html"), "--budgets", " , "])
        #expect(empty.code == ExitCode.usage.rawValue)
        #expect(empty.err.contains("--budgets needs at least one item"))
    }

    @Test func aComparisonOfThePlanAsWrittenRefusesScenarioAndBudget() {
        let withScenario = runAllot(["report", Self.plan, "-o", Self.out("w.html"), "--scenario", "investor", "--budgets", "-2%"])
        #expect(withScenario.code == ExitCode.usage.rawValue)
        #expect(withScenario.err.contains("drop --scenario"))
        let withBudget = runAllot(["report", Self.plan, "-o", Self.out("b.html"), "--budget", "29M", "--against", Self.plan])
        #expect(withBudget.code == ExitCode.usage.rawValue)
        #expect(withBudget.err.contains("drop --budget"))
    }

    @Test func aComparisonNeedsTheOutputFile() {
        let result = runAllot(["report", Self.plan, "--per-team", "/tmp/allot-no-such-dir-for-teams", "--budgets", "-2%"])
        #expect(result.code == ExitCode.usage.rawValue)
        #expect(result.err.contains("add the comparison to the -o report"))
    }

    @Test func theOlderVersionIsAnInputNoReportMayOverwrite() {
        // An older version whose name could be a report's.
        let old = Repository.temporaryFile("old.html", PlanFixtures.text("versions/northwind-v1.json"))
        let result = runAllot(["report", PlanFixtures.path("versions/northwind-v2.json"), "-o", old, "--against", old])
        #expect(result.code == ExitCode.usage.rawValue)
        #expect(result.err.contains("older plan file"), "\(result.err)")
    }

    @Test func theCSVIsTheLongFormWithAComparisonAndTheRequestTableWithout() throws {
        let long = Self.out("long.csv")
        let result = runAllot(["report", PlanFixtures.path("versions/northwind-v2.json"), "-o", long, "--against", PlanFixtures.path("versions/northwind-v1.json")])
        #expect(result.code == ExitCode.success.rawValue, "\(result.err)")
        let text = try #require(readFile(long))
        #expect(text.hasPrefix("column,team,request,allocated,change,reason_code\r\n"))
        #expect(text.contains("northwind-v2.json,security,sec-pentest,"))
        #expect(text.contains(",input-changed\r\n"))
        let plain = Self.out("plain.csv")
        #expect(runAllot(["report", Self.plan, "-o", plain]).code == ExitCode.success.rawValue)
        #expect(try #require(readFile(plain)).hasPrefix("team_id,team,request_id,request,asked"))
    }

    @Test func theComparisonSectionIsInHTMLAndMarkdown() throws {
        for ext in ["html", "md"] {
            let file = Self.out("budgets." + ext)
            let result = runAllot(["report", Self.plan, "-o", file, "--budgets", "-2%,-5%"])
            #expect(result.code == ExitCode.success.rawValue, "\(result.err)")
            let text = try #require(readFile(file))
            #expect(text.contains("Side by side: other total budgets"))
            #expect(text.contains("-5%: infeasible"), "the infeasible column says so")
            #expect(text.contains("Team by team"))
        }
    }
}
