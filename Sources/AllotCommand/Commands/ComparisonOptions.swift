import Allot
import AllotReports
import ArgumentParser
import LinearSolver
import PlanFormat

/// `--budgets`, `--scenarios` and `--against`: the columns of `allot compare` and of the
/// comparison in `allot report`, parsed, checked and solved the same way for both.
struct ComparisonOptions: ParsableArguments {
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

    /// How many of the three are given.
    var given: Int { [budgets, scenarios, against].compactMap { $0 }.count }

    /// The older version, an input that no output may overwrite.
    var inputs: [InputFile] { [against.flatMap { InputFile(path: $0, role: "older plan file") }].compactMap { $0 } }

    /// Exactly one of the three (`required`), or at most one.
    func check(required: Bool) throws {
        if given > 1 { throw ValidationError("give only one of --budgets, --scenarios and --against") }
        if given == 0, required { throw ValidationError("give one of --budgets LEVELS, --scenarios IDS or --against OLD.json") }
        for list in [budgets, scenarios].compactMap({ $0 }) where Self.items(list).isEmpty {
            throw ValidationError("\(budgets != nil ? "--budgets" : "--scenarios") needs at least one item")
        }
    }

    static func items(_ list: String) -> [String] {
        list.split(separator: ",").map { String($0).trimmingSpaces }.filter { !$0.isEmpty }
    }

    /// Solves every column within the command's deadline. The plan as loaded is the first column
    /// (the second with `--against`); `solvedPlan` is its solve when the command already has it.
    ///
    /// Among equally good allocations, each column after the first shows the one that moves the
    /// least money from the first column (never from the column before); with `bestEffort`, a
    /// column where no allocation meets every rule gets the one that misses them by the least.
    func compare(
        _ loaded: LoadedPlan, path: String, solvedPlan: SolvedPlan? = nil, bestEffort: Bool = false, deadline: Deadline,
        console: Console
    ) throws -> (PlanComparison, CompareReport.Mode) {
        let plan = loaded.plan
        var columns: [PlanComparison.Column] = []
        func solve(_ plan: Plan, label: String, scenario: Scenario? = nil, reuse: SolvedPlan? = nil) throws {
            var reference: ChangeReference? = nil
            if let first = columns.first, first.hasAllocation {
                reference = .allocation(
                    label: first.label,
                    amounts: Dictionary(uniqueKeysWithValues: first.allocation.requests.map { ($0.id, $0.allocated) }))
            }
            let solved = try reuse
                ?? SolvedPlan(plan, scenario: scenario, warnings: loaded.warningTexts, deadline: deadline, leastChange: reference)
            // Past the rules, when asked: the allocation that misses them by the least.
            if bestEffort, solved.allocation.status == .infeasible,
               let best = try SolvedPlan.bestEffort(plan, scenario: scenario, warnings: loaded.warningTexts, deadline: deadline)
            {
                columns.append(PlanComparison.Column(label: label, allocation: best, unique: nil))
                return
            }
            columns.append(PlanComparison.Column(label: label, solved: solved))
        }
        if let budgets {
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
            try solve(plan, label: plan.name, reuse: solvedPlan)
            for (label, total) in totals {
                var level = plan
                level.budget.total = total
                try solve(level, label: label)
            }
            return (PlanComparison(columns: columns), .budgets)
        }
        if let scenarios {
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
            try solve(plan, label: plan.name, reuse: solvedPlan)
            for scenario in chosen {
                let applied = plan.applying(scenario)
                let problems = PlanInput.objectiveErrors(applied, path: loaded.displayPath)
                if !problems.isEmpty { throw CommandError(.invalidInput, PlanInput.message(PlanErrors(problems), path: loaded.displayPath)) }
                try solve(applied, label: scenario.name, scenario: scenario)
            }
            return (PlanComparison(columns: columns), .scenarios)
        }
        guard let against else { throw ValidationError("give one of --budgets LEVELS, --scenarios IDS or --against OLD.json") }
        let old = try PlanInput.load(against, scenario: nil, budget: nil, console: console)
        old.printWarnings(console)
        let (oldLabel, newLabel) = Self.labels(old: against, new: path)
        try solve(old.plan, label: oldLabel)
        try solve(plan, label: newLabel, reuse: solvedPlan)
        return (PlanComparison(columns: columns, diff: PlanDiff(from: old.plan, to: plan)), .versions)
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
