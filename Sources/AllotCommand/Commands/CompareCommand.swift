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

    @Option(
        parsing: .unconditional,
        help: ArgumentHelp(
            "Comma-separated total budgets: amounts (28M), changes (-2M, -5%) or shares (90%) of the budget in force.",
            valueName: "levels"))
    var budgets: String?

    @Option(help: ArgumentHelp("Comma-separated scenario ids of the plan.", valueName: "ids"))
    var scenarios: String?

    @Option(help: ArgumentHelp("An older version of the plan: it is the first column, the plan the second.", valueName: "old.json"))
    var against: String?

    @Flag(
        name: .customLong("best-effort"),
        help: "Give a column where no allocation meets every rule the allocation that misses rules by the least, with its misses.")
    var bestEffort = false

    @OptionGroup var time: TimeOptions

    @Flag(help: "Print JSON (schema: models/output/compare.schema.json).")
    var json = false

    var inputs: [InputFile] {
        ([InputFile(path: path, role: "plan file")] + [against.flatMap { InputFile(path: $0, role: "older plan file") }])
            .compactMap { $0 }
    }

    func validate() throws {
        let given = [budgets, scenarios, against].compactMap { $0 }.count
        if given != 1 {
            throw ValidationError(
                given == 0
                    ? "give one of --budgets LEVELS, --scenarios IDS or --against OLD.json"
                    : "give only one of --budgets, --scenarios and --against")
        }
        for list in [budgets, scenarios].compactMap({ $0 }) where Self.items(list).isEmpty {
            throw ValidationError("\(budgets != nil ? "--budgets" : "--scenarios") needs at least one item")
        }
    }

    static func items(_ list: String) -> [String] {
        list.split(separator: ",").map { String($0).trimmingSpaces }.filter { !$0.isEmpty }
    }

    func run(_ console: Console) throws {
        let deadline = Deadline(seconds: time.limit)
        var timer = PhaseTimer(enabled: time.timing, console: console)
        defer { timer.finish() }
        let loaded = try PlanInput.load(path, scenario: nil, budget: nil, console: console)
        loaded.printWarnings(console)
        let plan = loaded.plan
        var columns: [PlanComparison.Column] = []
        var diff: PlanDiff? = nil
        let mode: CompareReport.Mode
        // Among equally good allocations, each column shows the one that moves the least money from
        // the first column (never from the column before).
        func solve(_ plan: Plan, label: String, scenario: Scenario? = nil) throws {
            var reference: ChangeReference? = nil
            if let first = columns.first, first.hasAllocation {
                reference = .allocation(
                    label: first.label,
                    amounts: Dictionary(uniqueKeysWithValues: first.allocation.requests.map { ($0.id, $0.allocated) }))
            }
            let solved = try SolvedPlan(
                plan, scenario: scenario, warnings: loaded.warningTexts, deadline: deadline, leastChange: reference)
            // Past the rules, when asked: the allocation that misses them by the least.
            if bestEffort, solved.allocation.status == .infeasible,
               let best = try SolvedPlan.bestEffort(plan, scenario: scenario, warnings: loaded.warningTexts, deadline: deadline)
            {
                columns.append(PlanComparison.Column(label: label, allocation: best, unique: nil))
                return
            }
            columns.append(PlanComparison.Column(label: label, solved: solved))
        }
        timer.lap("read")
        if let budgets {
            mode = .budgets
            var totals: [(String, Double)] = []
            for item in Self.items(budgets) {
                let total: Double
                do {
                    total = try PlanInput.resolveLevel(item, in: plan)
                } catch {
                    throw CommandError.usage("--budgets \(item): \(error)")
                }
                // A level equal to the plan's budget, or to one already listed, is not repeated.
                if let base = plan.budget.total, abs(base - total) <= 0.005 { continue }
                if totals.contains(where: { abs($0.1 - total) <= 0.005 }) { continue }
                totals.append((item, total))
            }
            try solve(plan, label: plan.name)
            for (label, total) in totals {
                var level = plan
                level.budget.total = total
                try solve(level, label: label)
            }
        } else if let scenarios {
            mode = .scenarios
            var chosen: [Scenario] = []
            for id in Self.items(scenarios) {
                do {
                    _ = try plan.applying(scenario: id)
                } catch let error as UnknownScenarioError {
                    throw CommandError.usage(error.description)
                }
                if let scenario = plan.scenarios.first(where: { $0.id == id }), !chosen.contains(where: { $0.id == id }) {
                    chosen.append(scenario)
                }
            }
            try solve(plan, label: plan.name)
            for scenario in chosen {
                let applied = plan.applying(scenario)
                let problems = PlanInput.objectiveErrors(applied, path: loaded.displayPath)
                if !problems.isEmpty { throw CommandError(.invalidInput, PlanInput.message(PlanErrors(problems), path: loaded.displayPath)) }
                try solve(applied, label: scenario.name, scenario: scenario)
            }
        } else {
            mode = .versions
            let old = try PlanInput.load(against!, scenario: nil, budget: nil, console: console)
            old.printWarnings(console)
            let (oldLabel, newLabel) = Self.labels(old: against!, new: path)
            try solve(old.plan, label: oldLabel)
            try solve(plan, label: newLabel)
            diff = PlanDiff(from: old.plan, to: plan)
        }
        timer.lap("solve")
        let comparison = PlanComparison(columns: columns, diff: diff)
        if json {
            try console.out(CompareReport.json(comparison, plan: plan).serialized())
        } else {
            try console.out(CompareReport.text(comparison, plan: plan, mode: mode))
        }
        timer.lap("render")
        if comparison.everyColumnInfeasible {
            throw CommandError(.noSolution, "no column has an allocation")
        }
    }

    /// The file names of two versions, with their folders where the names alone are the same.
    static func labels(old: String, new: String) -> (String, String) {
        func name(_ path: String) -> String { path == "-" ? "standard input" : String(path.split(separator: "/").last ?? Substring(path)) }
        return name(old) == name(new) ? (old, new) : (name(old), name(new))
    }
}

extension String {
    /// Without leading and trailing spaces.
    fileprivate var trimmingSpaces: String {
        String(drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
    }
}
