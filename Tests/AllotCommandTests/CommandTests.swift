import Foundation
import Testing
import TestSupport

@testable import Allot
@testable import AllotCommand
import LinearSolver

#if canImport(Glibc)
import Glibc
@testable import PlanFormat
#endif

@Suite struct CommandTests {
    @Test func checkAcceptsTheDefaultModel() {
        let result = runAllot(["check", Repository.model("northwind.json")])
        #expect(result.code == ExitCode.success.rawValue)
        #expect(result.out.contains("valid plan 'Northwind Analytics FY2027 operating plan': 10 teams"))
    }

    @Test func anOptionMissingItsValueIsAUsageErrorAndTheLastOfTwoWins() throws {
        let missing = runAllot(["solve", Repository.model("northwind.json"), "--budget", "--json"])
        #expect(missing.code == ExitCode.usage.rawValue)
        #expect(missing.err.contains("--budget needs a money amount, not the option --json"))
        let end = runAllot(["solve", Repository.model("northwind.json"), "--budget"])
        #expect(end.code == ExitCode.usage.rawValue)
        #expect(end.err.contains("Missing value for '--budget <level>'"))
        // As with most Unix tools, a single-value option given twice takes the last value.
        let twice = runAllot(["solve", Repository.model("northwind.json"), "--budget", "1M", "--budget", "29.4M", "--json"])
        #expect(twice.code == ExitCode.success.rawValue)
        #expect(isNear(valueOf(twice.out, "spend"), 29_400_000))
    }

    @Test func emptyNamesAndStandardInputForModelsAreUsageErrors() {
        let team = runAllot(["report", Repository.model("northwind.json"), "--per-team", ""])
        #expect(team.code == ExitCode.usage.rawValue)
        #expect(team.err.contains("--per-team needs a directory name"))
        let output = runAllot(["report", Repository.model("northwind.json"), "-o", ""])
        #expect(output.code == ExitCode.usage.rawValue)
        let model = runAllot(["lp", "solve", "-"])
        #expect(model.code == ExitCode.usage.rawValue)
        #expect(model.err.contains("not from standard input"))
    }

    @Test func anEndlessInputIsRefusedNotReadToTheEnd() {
        let result = runAllot(["check", "/dev/zero"])
        #expect(result.code == ExitCode.unreadableInput.rawValue)
        #expect(result.err.contains("/dev/zero: cannot read the plan: is larger than 256 MiB"))
    }

    @Test func invalidPlanListsEveryErrorWithItsPlace() {
        let path = Repository.temporaryFile("bad.json", """
            {
              "name": "Bad",
              "kpis": [{"id": "arr"}],
              "teams": [{"id": "t", "requests": [
                {"id": "a", "amout": "1M"},
                {"id": "b", "amount": "1,2M"}
              ]}]
            }
            """)
        let result = runAllot(["check", path])
        #expect(result.code == ExitCode.invalidInput.rawValue)
        #expect(result.err.contains("errors in \(path)"))
        #expect(result.err.contains("teams[0].requests[0]"))
        #expect(result.err.contains("did you mean \"amount\""))
        #expect(result.err.contains("teams[0].requests[1].amount"))
        #expect(result.err.contains("bad.json:6:"))
    }

    @Test func missingFileIsUnreadableInput() {
        let result = runAllot(["solve", "/nonexistent/plan.json"])
        #expect(result.code == ExitCode.unreadableInput.rawValue)
        #expect(result.err.contains("/nonexistent/plan.json"))
    }

    @Test func usageErrorsSuggestTheNearestWord() {
        let command = runAllot(["slove", "x.json"])
        #expect(command.code == ExitCode.usage.rawValue)
        #expect(command.err.contains("did you mean 'solve'"))
        let option = runAllot(["solve", Repository.model("northwind.json"), "--jsno"])
        #expect(option.code == ExitCode.usage.rawValue)
        #expect(option.err.contains("Did you mean '--json'?"))
        let scenario = runAllot(["solve", Repository.model("northwind.json"), "--scenario", "investr"])
        #expect(scenario.code == ExitCode.usage.rawValue)
        #expect(scenario.err.contains("did you mean \"investor\""))
        let budget = runAllot(["solve", Repository.model("northwind.json"), "--budget", "12 dollars"])
        #expect(budget.code == ExitCode.usage.rawValue)
        #expect(runAllot([]).code == ExitCode.usage.rawValue)
    }

    @Test func optionsMayComeBeforeOrAfterThePlan() {
        let after = runAllot(["solve", Repository.model("northwind.json"), "--json"])
        let before = runAllot(["solve", "--json", Repository.model("northwind.json")])
        #expect(after.code == 0)
        #expect(valueOf(after.out) == valueOf(before.out))
        #expect(valueOf(after.out) != nil)
    }

    @Test func solveJSONHasTheDocumentedKeys() throws {
        let result = runAllot(["solve", Repository.model("northwind.json"), "--json"])
        let value = try JSONParser.parse(Array(result.out.utf8)).jsonValue
        for key in ["formatVersion", "status", "spend", "value", "fundingLine", "requests", "teams", "kpis", "constraints", "warnings"] {
            #expect(value[key] != nil, "missing \(key)")
        }
        // The funding line of the default plan ($1.07 per $1), and format 1's name for it beside it.
        guard case .number(let line) = value["fundingLine"] else { Issue.record("no fundingLine"); return }
        #expect(close(line, 1.072, 1e-3))
        #expect(value["cutoff"] == value["fundingLine"])
        #expect(value["solveSeconds"] == nil)
        guard case .array(let requests) = value["requests"], case .object(let first) = requests.first else {
            Issue.record("requests is not an array of objects")
            return
        }
        #expect(Set(first.map(\.key)).isSuperset(of: ["id", "team", "asked", "allocated", "status"]))
    }

    @Test func budgetOverrideChangesTheTotalOnly() throws {
        let result = runAllot(["solve", Repository.model("northwind.json"), "--budget", "$29.4M", "--json"])
        #expect(result.code == 0)
        let value = try JSONParser.parse(Array(result.out.utf8)).jsonValue
        guard case .number(let spend) = value["spend"] else { Issue.record("no spend"); return }
        #expect(spend <= 29_400_000 + 1)
        #expect(spend >= 29_000_000)
        // Below what committed spend, floors and the ARR target need, the plan is infeasible; the
        // diagnosis names the least budget that works, and it does work (and a little less does not).
        let tight = runAllot(["solve", Repository.model("northwind.json"), "--budget", "27.5M", "--json"])
        #expect(tight.code == ExitCode.noSolution.rawValue)
        let diagnosis = try JSONParser.parse(Array(tight.out.utf8)).jsonValue["diagnosis"]
        guard case .array(let conflicts) = diagnosis?["conflicts"],
              let budgetConflict = conflicts.first(where: { $0["rule"] == .string("budget") }),
              case .number(let needed) = budgetConflict["needed"]
        else {
            Issue.record("no budget relaxation in \(tight.out.prefix(300))")
            return
        }
        #expect(runAllot(["solve", Repository.model("northwind.json"), "--budget", "\(Int(needed * 1.0001))", "--json"]).code == 0)
        #expect(runAllot(["solve", Repository.model("northwind.json"), "--budget", "\(Int(needed * 0.999))", "--json"]).code
                == ExitCode.noSolution.rawValue)
    }

    @Test func infeasiblePlanExitsWithADiagnosis() throws {
        let result = runAllot(["solve", Repository.model("infeasible.json")])
        #expect(result.code == ExitCode.noSolution.rawValue)
        #expect(result.out.contains("Committed spend $7.4M exceeds the total budget $7M by $400k"))
        let json = runAllot(["solve", Repository.model("infeasible.json"), "--json"])
        let value = try JSONParser.parse(Array(json.out.utf8)).jsonValue
        #expect(value["status"] == .string("infeasible"))
        guard case .object = value["diagnosis"] else { Issue.record("no diagnosis"); return }
    }

    @Test func planFromStandardInput() throws {
        let text = try #require(readFile(Repository.model("infeasible.json")))
        let result = runAllot(["check", "-"], input: text)
        #expect(result.code == 0)
        #expect(result.out.contains("standard input: valid plan"))
    }

    @Test func lpSolveReproducesAfiro() {
        let path = Repository.root + "/../shared/lp-reference/netlib/afiro.mps"
        guard readFile(path) != nil else { return }
        let result = runAllot(["lp", "solve", path])
        #expect(result.code == 0)
        #expect(result.out.contains("optimal"))
        #expect(result.out.contains("objective: -464.753142857"))
        let json = runAllot(["lp", "solve", "--json", path])
        #expect(json.out.contains("\"dual\""))
        #expect(json.out.contains("\"reducedCost\""))
    }

    @Test(arguments: ["northwind.json", "quarterly-headcount.json"])
    func exportThenLPSolveGivesTheSameOptimum(_ model: String) throws {
        let solved = runAllot(["solve", Repository.model(model), "--json"])
        let document = try JSONParser.parse(Array(solved.out.utf8)).jsonValue
        guard case .number(let objective) = document["programObjective"] else {
            Issue.record("no programObjective")
            return
        }
        for (flag, name) in [("--lp", "plan.lp"), ("--mps", "plan.mps")] {
            let path = Repository.temporaryFile(name, "")
            let export = runAllot(["export", Repository.model(model), flag, path])
            #expect(export.code == 0)
            let program = try LinearProgram(contentsOf: path)
            #expect(program.sense == .maximize)
            let solution = try Solver(program).solve()
            #expect(isNear(solution.objective, objective), "\(model) \(flag): \(solution.objective ?? .nan) against \(objective)")
            let lp = runAllot(["lp", "solve", path])
            #expect(lp.code == 0)
        }
    }
}

/// `allot lp solve --json` on every Netlib file gives the listed optimum.
@Suite struct LPCommandReferenceTests {
    static let directory = Repository.root + "/../shared/lp-reference/netlib"
    static let optima: [(String, Double)] = {
        guard let text = readFile(directory + "/optima.tsv") else { return [] }
        return text.split(separator: "\n").dropFirst().compactMap { line in
            let cells = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard cells.count >= 3, let value = Double(cells[2]) else { return nil }
            return (String(cells[0]), value)
        }
    }()

    @Test(.enabled(if: !optima.isEmpty, "../shared/lp-reference is absent: reference problems skipped"))
    func everyNetlibFileThroughTheCommandLine() throws {
        for (name, optimum) in Self.optima {
            let result = runAllot(["lp", "solve", "--json", "--mps", Self.directory + "/\(name).mps"])
            #expect(result.code == 0, "\(name): \(result.err)")
            let document = try JSONParser.parse(Array(result.out.utf8)).jsonValue
            guard case .number(let objective) = document["objective"] else {
                Issue.record("\(name): no objective")
                continue
            }
            #expect(abs(objective - optimum) <= 1e-6 * max(1, abs(optimum)), "\(name): \(objective) against \(optimum)")
            #expect(document["status"] == .string("optimal"))
        }
    }
}

/// `allot fix`: the plan with its joint fix applied, written only when there is something to
/// fix, and feasible when read back.
@Suite struct FixCommandTests {
    @Test func writesTheFixedPlanAndLeavesAFeasibleOneAlone() throws {
        let scratch = try Scratch()
        let fixed = scratch.path + "/fixed.json"
        let result = runAllot(["fix", Repository.model("infeasible.json"), "-o", fixed])
        #expect(result.code == 0, "\(result.err)")
        #expect(result.err.contains("the total budget from $7M to $7.4M (/budget/total)"))
        let solved = runAllot(["solve", fixed])
        #expect(solved.code == 0, "\(solved.err)")
        #expect(solved.out.contains("Proposal (proven optimal): $7.4M"))
        // The input is untouched, and a feasible plan gets no file.
        #expect(runAllot(["solve", Repository.model("infeasible.json")]).code == 1)
        let nothing = scratch.path + "/nothing.json"
        let feasible = runAllot(["fix", Repository.model("northwind.json"), "-o", nothing])
        #expect(feasible.code == 0)
        #expect(feasible.err.contains("nothing to fix, nothing written"))
        #expect(!FileManager.default.fileExists(atPath: nothing))
        #expect(runAllot(["fix", Repository.model("northwind.json")]).code == 64, "-o is required")
    }
}
