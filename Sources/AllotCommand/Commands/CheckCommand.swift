import Allot
import AllotReports
import ArgumentParser
import PlanFormat

/// `allot check`: reads a plan and reports every error at once, without solving.
struct CheckCommand: AllotSubcommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check a plan file without solving it.",
        discussion: """
            Reports every error at once, with the file, line, column and JSON path of each. \
            Warnings go to standard error (with --json, into the JSON).

            Exit status: 0 valid, 65 invalid plan, 66 unreadable file, 64 usage.
            """)

    @OptionGroup var plan: PlanArgument
    var inputs: [InputFile] { plan.inputs }

    @Flag(help: "Print the errors, warnings and a summary as JSON on standard output.")
    var json = false

    func run(_ console: Console) throws {
        let read: (load: PlanLoad, bytes: [UInt8])
        do {
            read = try PlanInput.read(plan.path, console: console)
        } catch let errors as PlanErrors {
            if json {
                try console.out(CheckJSON.render(file: plan.path, errors: errors).serialized())
                throw CommandError(.invalidInput, "")
            }
            throw CommandError(.invalidInput, PlanInput.message(errors, path: plan.path))
        }
        var loaded = read.load.plan
        if let scenario = plan.scenario {
            do {
                loaded = try loaded.applying(scenario: scenario)
            } catch let error as UnknownScenarioError {
                throw CommandError.usage(error.description)
            }
        }
        let problems = PlanInput.objectiveErrors(loaded, path: plan.path)
        if !problems.isEmpty {
            if json {
                try console.out(CheckJSON.render(file: plan.path, plan: nil, errors: problems, warnings: read.load.warnings).serialized())
                throw CommandError(.invalidInput, "")
            }
            throw CommandError(.invalidInput, PlanInput.message(PlanErrors(problems), path: plan.path))
        }
        if json {
            try console.out(CheckJSON.render(file: plan.path, plan: loaded, warnings: read.load.warnings).serialized())
            return
        }
        let size = PlanSolver.size(of: loaded) { ProcessExit.keep($0) }
        ProcessExit.keep(loaded, read.load)
        let summary = (
            teams: loaded.teams.count, requests: loaded.teams.reduce(0) { $0 + $1.requests.count }, kpis: loaded.kpis.count,
            rules: loaded.constraints.count, scenarios: loaded.scenarios.count,
            integer: size.isInteger, columns: size.columns, rows: size.rows)
        for warning in read.load.warnings { console.err("warning: \(warning)\n") }
        func count(_ n: Int, _ noun: String) -> String { "\(n) \(noun)\(n == 1 ? "" : "s")" }
        let display = plan.path == "-" ? "standard input" : plan.path
        var text = "\(display): valid plan '\(loaded.name)': \(count(summary.teams, "team")), "
        text += "\(count(summary.requests, "request")), \(count(summary.kpis, "KPI")), \(count(summary.rules, "rule")), "
        text += count(summary.scenarios, "scenario")
        text += summary.integer ? "; an integer program" : "; a linear program"
        text += " of \(count(summary.columns, "column")) and \(count(summary.rows, "row"))\n"
        try console.out(text)
    }
}
