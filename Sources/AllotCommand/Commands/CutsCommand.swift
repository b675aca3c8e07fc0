import Allot
import AllotReports
import ArgumentParser
import LinearSolver
import PlanFormat

/// `allot cuts`: what goes first as the total budget falls.
struct CutsCommand: AllotSubcommand {
    static let configuration = CommandConfiguration(
        commandName: "cuts",
        abstract: "Walk the total budget down: breakpoints, the order of cuts, the lowest feasible total.",
        discussion: """
            From the top (the budget in force, or --top) down to the bottom (the lowest total at \
            which every rule can hold, or --bottom): each breakpoint with the total, the value, \
            the value of one more dollar above it, the requests that start or stop losing money \
            and the rules that start or stop binding; then, per request, the total below which \
            it first has less than at the top and the total from which it sits at its minimum. \
            Linear plans give exact breakpoints; integer, least-spend and spend-all plans are \
            sampled (--samples), and the output says so.

            Exit status: 0 walked, 1 the top is below the lowest feasible total (stated) or no \
            total can hold every rule, 65 invalid plan, 66 unreadable file, 64 usage.
            """)

    /// The top of the walk: a level or `saturation`.
    struct Top: ExpressibleByArgument {
        let value: CutsTop

        init?(argument: String) {
            if argument.lowercased() == "saturation" {
                value = .saturation
            } else if let level = try? BudgetLevel(argument) {
                value = .level(level)
            } else {
                return nil
            }
        }
    }

    @OptionGroup var plan: PlanArgument
    var inputs: [InputFile] { plan.inputs }

    @Option(
        parsing: .unconditional,
        help: ArgumentHelp(
            "Start here: an amount, a change (-2M, -10%) or a share (90%) of the budget in force, or saturation (where more money changes nothing). Default: the budget in force.",
            valueName: "level|saturation"))
    var top: Top?

    @Option(
        parsing: .unconditional,
        help: ArgumentHelp("Stop here (never below the lowest feasible total, the default).", valueName: "level"))
    var bottom: String?

    @Flag(help: "Show the nested path: no request gains as the total falls, except where a rule forces it (each forced raise listed with its cause), with the value given up against the optimum at each level.")
    var nested = false

    @Flag(
        name: .customLong("best-effort"),
        help: "Go on below the lowest feasible total, down to --bottom: sampled levels, each the allocation that misses rules by the least.")
    var bestEffort = false

    @Option(help: ArgumentHelp("Levels for sampled plans (integer, least-spend, spend-all; default 20).", valueName: "n"))
    var samples = 20

    @Option(
        name: [.customShort("j"), .long],
        help: ArgumentHelp(
            "Threads that walk the range side by side, each with a solver of its own; the breakpoints are the same as with 1, which walks on one thread. Default: 2 for plans of 500 requests or more when a core is free (load average at least 1.5 below the number of cores), 1 otherwise.",
            valueName: "n"))
    var jobs: Int?

    @OptionGroup var time: TimeOptions

    @Flag(help: "Print JSON (schema: models/output/cuts.schema.json).")
    var json = false

    func validate() throws {
        if bestEffort, bottom == nil {
            throw ValidationError("--best-effort walks below the lowest feasible total: give --bottom, such as --bottom -30%")
        }
        guard (2...1000).contains(samples) else { throw ValidationError("--samples takes a number from 2 to 1000, not \(samples)") }
        if let jobs, !(1...64).contains(jobs) { throw ValidationError("--jobs takes a number from 1 to 64, not \(jobs)") }
    }

    func run(_ console: Console) throws {
        var start = try PlanCommandStart(plan: plan, budget: nil, time: time, console: console)
        defer { start.timer.finish() }
        let loaded = start.loaded
        loaded.printWarnings(console)
        let bottomLevel: BudgetLevel?
        do {
            bottomLevel = try bottom.map { try BudgetLevel($0) }
        } catch {
            throw CommandError.usage("--bottom \(Quoted.text(bottom ?? "")): \(error)")
        }
        let solved = try SolvedPlan(
            loaded.plan, scenario: loaded.scenario, warnings: loaded.warningTexts, deadline: start.deadline, diagnose: false)
        start.timer.lap("solve")
        let cuts: BudgetCuts
        let progress = ProgressLine(console: console)
        defer { progress.finish() }
        do {
            cuts = try solved.cuts(
                top: top?.value ?? .level(.share(1)), bottom: bottomLevel, samples: samples, nested: nested, bestEffort: bestEffort,
                jobs: jobs, deadline: start.deadline, progress: progress.callback)
        } catch let error as CutsError {
            let message = CutsReport.failure(error, plan: loaded.plan, path: loaded.displayPath)
            throw CommandError(error == .noTotalBudget ? .invalidInput : .noSolution, message)
        }
        start.timer.lap("walk")
        if json {
            try console.out(CutsReport.json(cuts, plan: loaded.plan).serialized())
        } else {
            try console.out(CutsReport.text(cuts, plan: loaded.plan))
        }
        start.timer.lap("render")
    }
}
