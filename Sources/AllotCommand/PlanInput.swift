import Allot

/// A plan read for a command, with its scenario and budget override applied.
struct LoadedPlan {
    let plan: Plan
    let scenario: Scenario?
    let warnings: [String]
    let displayPath: String
    /// The plan file's bytes, for its fingerprint in reports.
    let bytes: [UInt8]
}

/// Reads plans for the commands and turns reading errors into exit codes.
enum PlanInput {
    /// Reads a plan (a path, or "-" for standard input), applies a scenario and a budget override.
    ///
    /// - Throws: ``CommandError`` with `invalidInput` (every error of the file, one per line),
    ///   `unreadableInput`, or `usage` for an unknown scenario or a malformed `--budget`.
    static func load(_ path: String, scenario: String?, budget: String?, console: Console) throws -> LoadedPlan {
        let loaded: PlanLoad
        let bytes: [UInt8]
        do {
            if path == "-", let input = console.standardInput {
                bytes = input
            } else {
                bytes = try PlanFile.readBytes(path: path)
            }
            loaded = try PlanReader.read(bytes: bytes, source: path)
        } catch let error as PlanErrors {
            let count = error.errors.count
            throw CommandError(
                .invalidInput,
                "\(count == 1 ? "1 error" : "\(count) errors") in \(path == "-" ? "standard input" : path):\n"
                    + error.errors.map { "  \($0)" }.joined(separator: "\n"))
        } catch let error as PlanFileError {
            throw CommandError(.unreadableInput, error.description)
        }
        var plan = loaded.plan
        var warnings = loaded.warnings.map(\.description)
        var chosen: Scenario? = nil
        if let scenario {
            do {
                plan = try plan.applying(scenario: scenario)
                chosen = loaded.plan.scenarios.first { $0.id == scenario }
            } catch let error as UnknownScenarioError {
                throw CommandError.usage(error.description)
            }
        }
        if let budget {
            do {
                let total = try Money.amount(budget)
                guard total > 0 else { throw MoneyError("the budget must be above zero") }
                plan.budget.total = total
                let periods = plan.periods.compactMap { plan.budget.periods[$0] }
                if !periods.isEmpty, abs(periods.reduce(0, +) - total) > 0.5 {
                    warnings.append(
                        "--budget \(budget): the period budgets add up to \(MoneyFormat.format(periods.reduce(0, +), currency: plan.currency, digits: 3)), not \(MoneyFormat.format(total, currency: plan.currency, digits: 3)); money does not carry over between periods")
                }
            } catch {
                throw CommandError.usage("--budget \(budget): \(error)")
            }
        }
        if plan.objective == .minimizeSpend, !plan.kpis.contains(where: { $0.target != nil }) {
            throw CommandError(
                .invalidInput,
                "\(path): the objective is minimize-spend but no KPI has a target: there is nothing to reach at least cost; add a target or use maximize-value")
        }
        return LoadedPlan(
            plan: plan, scenario: chosen, warnings: warnings,
            displayPath: path == "-" ? "standard input" : path, bytes: bytes)
    }
}
