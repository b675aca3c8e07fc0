import Allot
import AllotReports
import ArgumentParser
import LinearSolver
import PlanFormat

/// `allot compare`: the plan solved side by side with other budgets, scenarios, or an older
/// version, and what differs where an allocation changed.
struct CompareCommand: AllotSubcommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Solve a plan side by side with other budgets, its scenarios or an older version, and say what differs.",
        discussion: """
            Columns: the plan as written first, then each budget level (--budgets), each scenario \
            (--scenarios), or with --against the older version first and the plan second. Per team \
            and request, the amount in each column and the change from the first, with what differs \
            where it changed: the request's own inputs, a rule or target binding in one column only, \
            a period budget spent in full in one column only, whole units, the funding line, or a \
            tie between equally good allocations. Give exactly one of the three options.

            Exit status: 0 compared (some columns may be infeasible, said so), 1 every column is \
            infeasible, 65 invalid plan, 66 unreadable file, 64 usage.
            """)

    @Argument(help: ArgumentHelp("The plan file (JSON), or - for standard input.", valueName: "plan"))
    var path: String

    @OptionGroup var comparison: ComparisonOptions

    @Flag(
        name: .customLong("best-effort"),
        help: "Give a column where no allocation meets every rule the allocation that misses rules by the least, with its misses.")
    var bestEffort = false

    @OptionGroup var time: TimeOptions

    @Flag(help: "Print JSON (schema: models/output/compare.schema.json).")
    var json = false

    var inputs: [InputFile] {
        [InputFile(path: path, role: "plan file")].compactMap { $0 } + comparison.inputs
    }

    func validate() throws {
        try comparison.check(required: true)
    }

    func run(_ console: Console) throws {
        let deadline = Deadline(seconds: time.limit)
        var timer = PhaseTimer(enabled: time.timing, console: console)
        defer { timer.finish() }
        let loaded = try PlanInput.load(path, scenario: nil, budget: nil, console: console)
        loaded.printWarnings(console)
        timer.lap("read")
        let (comparison, mode) = try comparison.compare(loaded, path: path, bestEffort: bestEffort, deadline: deadline, console: console)
        timer.lap("solve")
        if json {
            try console.out(CompareReport.json(comparison, plan: loaded.plan).serialized())
        } else {
            try console.out(CompareReport.text(comparison, plan: loaded.plan, mode: mode))
        }
        timer.lap("render")
        if comparison.everyColumnInfeasible {
            throw CommandError(.noSolution, "no column has an allocation")
        }
    }
}
