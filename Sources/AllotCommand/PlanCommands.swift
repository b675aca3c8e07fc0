import Allot
import AllotReports
import LinearSolver

/// `allot check`, `allot solve` and `allot export`: the commands that read a plan.
enum PlanCommands {
    static let checkHelp = """
        Usage: allot check PLAN [--scenario ID]

        Reads a plan (a path, or - for standard input) and reports every error at once, with the
        file, line, column and JSON path of each, without solving. Warnings go to standard error.

        Exit status: 0 valid, 65 invalid plan, 66 unreadable file, 64 usage.

        """

    static let solveHelp = """
        Usage: allot solve PLAN [--budget MONEY] [--scenario ID] [--details] [--json] [--time-limit SECONDS]

        Proposes the optimal allocation of a plan (a path, or - for standard input): per team and
        request, asked and proposed; KPIs against targets; spend against budget; the value created
        and the funding line (the value every freely placed dollar clears).

        Options:
          --budget MONEY      solve with this total budget instead of the plan's ("9.5M", 9500000)
          --scenario ID       apply one of the plan's scenarios first
          --details           also list every request, KPI, period and rule
          --json              print the allocation as JSON
          --time-limit S      stop after S seconds in all (default 300): an integer plan reports the
                              best allocation found, figures not worked out in time are left out

        Exit status: 0 solved, 1 infeasible (a diagnosis is printed) or no solution in time,
        65 invalid plan, 66 unreadable file, 64 usage, 70 internal error.

        """

    static let exportHelp = """
        Usage: allot export PLAN (--lp FILE | --mps FILE) [--budget MONEY] [--scenario ID]

        Writes the plan's program with readable ASCII names, so that `allot lp solve FILE` (and
        glpsol) reproduce the optimum. --mps writes free MPS; MPS cannot say "maximize" in a way
        GLPK reads, so the file carries the line "* Objective sense: MAX", which allot honours
        (with glpsol, pass --max). A name ending in .gz is compressed (CPLEX LP only).

        """

    // MARK: check

    static func check(_ words: [String], console: Console) throws {
        let arguments = try Arguments(words, flags: ["--help", "--json"], options: ["--scenario"], aliases: ["-h": "--help"])
        if arguments.has("--help") { return console.out(checkHelp) }
        let path = try singlePlan(arguments, command: "check")
        let loaded = try PlanInput.load(path, scenario: arguments.value("--scenario"), budget: nil, console: console)
        for warning in loaded.warnings { console.err("warning: \(warning)\n") }
        let plan = loaded.plan
        let requests = plan.requests
        let formulation = Formulation(plan)
        func count(_ n: Int, _ noun: String) -> String { "\(n) \(noun)\(n == 1 ? "" : "s")" }
        var summary = "\(loaded.displayPath): valid plan '\(plan.name)': \(count(plan.teams.count, "team")), "
        summary += "\(count(requests.count, "request")), \(count(plan.kpis.count, "KPI")), \(count(plan.constraints.count, "rule")), "
        summary += count(plan.scenarios.count, "scenario")
        summary += formulation.isInteger ? "; an integer program" : "; a linear program"
        summary += " of \(count(formulation.program.variables.count, "column")) and \(count(formulation.program.constraints.count, "row"))\n"
        console.out(summary)
    }

    // MARK: solve

    static func solve(_ words: [String], console: Console) throws {
        let arguments = try Arguments(
            words, flags: ["--help", "--json", "--details"], options: ["--scenario", "--budget", "--time-limit"],
            aliases: ["-h": "--help"])
        if arguments.has("--help") { return console.out(solveHelp) }
        let path = try singlePlan(arguments, command: "solve")
        // One deadline for the whole command: the solve, the diagnosis and the explanation.
        let deadline = Deadline(seconds: try arguments.positiveNumber("--time-limit") ?? defaultTimeLimit)
        let loaded = try PlanInput.load(path, scenario: arguments.value("--scenario"), budget: arguments.value("--budget"), console: console)
        let options = PlanSolveOptions(deadline: deadline)
        let allocation = try PlanSolver.solve(loaded.plan, scenario: loaded.scenario, warnings: loaded.warnings, options: options)
        if arguments.has("--json") {
            console.out(AllocationJSON.render(allocation).serialized())
        } else {
            for warning in loaded.warnings { console.err("warning: \(warning)\n") }
            // The team table's main reasons and the rules' prices come from a light explanation.
            let explanation = allocation.status == .optimal || allocation.status == .feasible
                ? try Explainer.explain(allocation, options: ExplainOptions(thresholds: .none, ruleEffects: true, deadline: deadline))
                : nil
            console.out(AllocationText.render(allocation, explanation: explanation, details: arguments.has("--details")))
        }
        switch allocation.status {
        case .optimal, .feasible: return
        case .infeasible: throw CommandError(.noSolution, "the plan is infeasible")
        case .noSolution: throw CommandError(.noSolution, "no allocation found within the time limit")
        }
    }

    // MARK: explain

    static let explainHelp = """
        Usage: allot explain PLAN [--team ID] [--scenario ID] [--budget MONEY] [--json]
                                  [--thresholds | --no-thresholds] [--time-limit SECONDS]

        Explains every request's and team's allocation in words and numbers: its status, the
        funding line, what the price of its dollar is made of (the budget and each rule at its
        limit), what full funding would take (the value its last dollar must create, or the total
        budget), and, for every rule at its limit, its price, the range where that price holds
        and who gains or loses without it.

        Options:
          --team ID           explain this team only (repeat for several); its thresholds are computed
          --thresholds        compute what-it-would-take figures for every request, even on large plans
          --no-thresholds     skip them (faster)
          --json              print JSON

        """

    static func explain(_ words: [String], console: Console) throws {
        var teams: [String] = []
        var rest: [String] = []
        var index = 0
        while index < words.count {
            if words[index] == "--team", index + 1 < words.count {
                teams.append(words[index + 1])
                index += 2
            } else if words[index].hasPrefix("--team=") {
                teams.append(String(words[index].dropFirst(7)))
                index += 1
            } else {
                rest.append(words[index])
                index += 1
            }
        }
        let arguments = try Arguments(
            rest, flags: ["--help", "--json", "--thresholds", "--no-thresholds"],
            options: ["--scenario", "--budget", "--time-limit"], aliases: ["-h": "--help"])
        if arguments.has("--help") { return console.out(explainHelp) }
        let path = try singlePlan(arguments, command: "explain")
        let deadline = Deadline(seconds: try arguments.positiveNumber("--time-limit") ?? defaultTimeLimit)
        let loaded = try PlanInput.load(path, scenario: arguments.value("--scenario"), budget: arguments.value("--budget"), console: console)
        let known = loaded.plan.teams.map(\.id)
        for team in teams where !known.contains(team) {
            let hint = Suggestion.nearest(to: team, among: known).map { "; did you mean '\($0)'?" } ?? ""
            throw CommandError.usage("--team \(team): the plan has no such team\(hint)")
        }
        var options = ExplainOptions(deadline: deadline)
        if arguments.has("--thresholds") && arguments.has("--no-thresholds") {
            throw CommandError.usage("choose one of --thresholds, --no-thresholds")
        }
        if arguments.has("--thresholds") {
            options.thresholds = .all
        } else if arguments.has("--no-thresholds") {
            options.thresholds = .none
        } else if !teams.isEmpty {
            options.thresholds = .teams(Set(teams))
        }
        let explanation = try loaded.explain(options, console: console)
        let filter = teams.isEmpty ? nil : Set(teams)
        if arguments.has("--json") {
            console.out(ExplanationJSON.render(explanation, teams: filter).serialized())
        } else {
            for warning in loaded.warnings { console.err("warning: \(warning)\n") }
            console.out(ExplanationText.render(explanation, teams: filter))
        }
        switch explanation.allocation.status {
        case .optimal, .feasible: return
        case .infeasible: throw CommandError(.noSolution, "the plan is infeasible")
        case .noSolution: throw CommandError(.noSolution, "no allocation found within the time limit")
        }
    }

    // MARK: export

    static func export(_ words: [String], console: Console) throws {
        let arguments = try Arguments(
            words, flags: ["--help"], options: ["--scenario", "--budget", "--lp", "--mps"], aliases: ["-h": "--help"])
        if arguments.has("--help") { return console.out(exportHelp) }
        let path = try singlePlan(arguments, command: "export")
        let targets = [("--lp", ModelFormat.cplexLP), ("--mps", .freeMPS)].compactMap { option, format in
            arguments.value(option).map { ($0, format) }
        }
        guard targets.count == 1, let (output, format) = targets.first else {
            throw CommandError.usage("export needs exactly one of --lp FILE or --mps FILE")
        }
        let loaded = try PlanInput.load(path, scenario: arguments.value("--scenario"), budget: arguments.value("--budget"), console: console)
        for warning in loaded.warnings { console.err("warning: \(warning)\n") }
        let formulation = Formulation(loaded.plan)
        try formulation.program.write(to: output, format: format)
        console.err(
            "wrote \(output): \(formulation.program.variables.count) columns, \(formulation.program.constraints.count) rows"
                + (format == .freeMPS ? " (maximization: with glpsol, pass --max)" : "") + "\n")
    }

    /// Seconds a command may take when --time-limit is not given.
    static let defaultTimeLimit = 300.0

    static func singlePlan(_ arguments: Arguments, command: String) throws -> String {
        guard arguments.positionals.count == 1, let path = arguments.positionals.first else {
            throw CommandError.usage(
                arguments.positionals.isEmpty
                    ? "\(command) needs a plan file (or - for standard input)"
                    : "\(command) takes one plan file, not \(arguments.positionals.count): \(arguments.positionals.joined(separator: " "))")
        }
        return path
    }
}
