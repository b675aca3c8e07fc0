import Allot
import AllotReports
import PlanFormat

/// A plan read for a command, with its scenario and budget override applied.
struct LoadedPlan {
    let plan: Plan
    let scenario: Scenario?
    /// Warnings from reading the file and from the command's options, in that order.
    let warnings: [PlanWarning]
    let displayPath: String
    /// The plan file's bytes, for its fingerprint in reports and for `fix`; a command that needs
    /// neither empties them before it solves.
    var bytes: [UInt8]
    /// With `--budget`: the total budget the plan had before it (its scenario's, if any). Among
    /// equally good allocations at the new total, the one closest to the plan's own at this
    /// total is shown.
    var budgetBeforeOverride: Double? = nil

    /// What an allocation among equally good ones is kept close to.
    var changeReference: ChangeReference? { budgetBeforeOverride.map { .budget($0) } }

    /// The warnings as the domain takes them.
    var warningTexts: [String] { warnings.map(\.description) }

    /// Prints the warnings on standard error.
    func printWarnings(_ console: Console) {
        for warning in warnings { console.err("warning: \(warning)\n") }
    }
}

/// Reads plans for the commands and turns reading errors into exit codes.
enum PlanInput {
    /// Reads a plan (a path, or "-" for standard input) without applying anything.
    ///
    /// - Throws: ``PlanErrors`` (every error of the file), or ``CommandError`` with
    ///   `unreadableInput`.
    static func read(_ path: String, console: Console) throws -> (load: PlanLoad, bytes: [UInt8]) {
        do {
            let bytes: [UInt8]
            if path == "-", let input = console.standardInput {
                bytes = input
            } else {
                bytes = try PlanFile.readBytes(path: path)
            }
            return (try PlanReader.read(bytes: bytes, source: path), bytes)
        } catch let error as PlanFileError {
            throw CommandError(.unreadableInput, error.description)
        }
    }

    /// The message for an invalid plan: every error, one a line.
    static func message(_ errors: PlanErrors, path: String) -> String {
        let count = errors.errors.count
        return "\(count == 1 ? "1 error" : "\(count) errors") in \(path == "-" ? "standard input" : path):\n"
            + errors.errors.map { "  \($0)" }.joined(separator: "\n")
    }

    /// A budget level as a total against the plan's budget in force: above zero, at most 1e15.
    static func resolveLevel(_ text: String, in plan: Plan) throws -> Double {
        let level = try BudgetLevel(text)
        let total: Double
        if level.isRelative {
            guard let base = plan.budget.total else {
                throw MoneyError("the plan has no total budget to take \(level) of; give an amount such as 24M")
            }
            total = level.total(against: base)
        } else {
            total = level.total(against: 0)
        }
        guard total > 0 else { throw MoneyError("that leaves a budget of \(Money.short(total)); the budget must be above zero") }
        guard total <= Money.limit else { throw MoneyError("that makes a budget beyond 1e15") }
        return total
    }

    /// What a plan's objective needs and the plan (with its scenario applied) lacks.
    static func objectiveErrors(_ plan: Plan, path: String) -> [PlanError] {
        guard plan.objective == .minimizeSpend, !plan.kpis.contains(where: { $0.target != nil }) else { return [] }
        return [PlanError(
            file: path, path: "objective",
            message: "the objective is minimize-spend but no KPI has a target: there is nothing to reach at least cost; add a target or use maximize-value")]
    }

    /// Reads a plan and applies a scenario and a budget override.
    ///
    /// - Throws: ``CommandError`` with `invalidInput` (every error of the file, one per line),
    ///   `unreadableInput`, or `usage` for an unknown scenario or a malformed `--budget`.
    static func load(_ path: String, scenario: String?, budget: String?, console: Console) throws -> LoadedPlan {
        let read: (load: PlanLoad, bytes: [UInt8])
        do {
            read = try self.read(path, console: console)
        } catch let errors as PlanErrors {
            throw CommandError(.invalidInput, message(errors, path: path))
        }
        var plan = read.load.plan
        var warnings = read.load.warnings
        var chosen: Scenario? = nil
        if let scenario {
            do {
                plan = try plan.applying(scenario: scenario)
                chosen = read.load.plan.scenarios.first { $0.id == scenario }
            } catch let error as UnknownScenarioError {
                throw CommandError.usage(error.description)
            }
        }
        var before: Double? = nil
        if let budget {
            before = plan.budget.total
            if budget.hasPrefix("--") {
                throw CommandError.usage("--budget needs a money amount, not the option \(budget)")
            }
            do {
                let total = try resolveLevel(budget, in: plan)
                plan.budget.total = total
                let periods = plan.periods.compactMap { plan.budget.periods[$0] }
                if !periods.isEmpty, abs(periods.reduce(0, +) - total) > 0.5 {
                    let format = Format(currency: plan.currency)
                    warnings.append(PlanWarning(
                        file: "--budget \(budget)", path: "",
                        message: "the period budgets add up to \(format.money(periods.reduce(0, +))), not \(format.money(total)); money does not carry over between periods"))
                }
            } catch {
                throw CommandError.usage("--budget \(budget): \(error)")
            }
        }
        let problems = objectiveErrors(plan, path: path)
        if !problems.isEmpty { throw CommandError(.invalidInput, message(PlanErrors(problems), path: path)) }
        return LoadedPlan(
            plan: plan, scenario: chosen, warnings: warnings,
            displayPath: path == "-" ? "standard input" : path, bytes: read.bytes, budgetBeforeOverride: before)
    }
}
