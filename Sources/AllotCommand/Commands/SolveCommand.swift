import Allot
import AllotReports
import ArgumentParser
import LinearSolver
import PlanFormat

/// `allot solve`: the optimal allocation of a plan.
struct SolveCommand: AllotSubcommand {
    static let configuration = CommandConfiguration(
        commandName: "solve",
        abstract: "Propose the optimal allocation of a plan.",
        discussion: """
            Per team and request, asked and proposed; KPIs against targets; spend against budget; \
            the value created and the funding line (the value every freely placed dollar clears).

            Exit status: 0 solved (or the best allocation found within the time limit, said so), \
            1 infeasible (a diagnosis is printed) or no allocation found in time, 65 invalid plan, \
            66 unreadable file, 64 usage, 70 internal error, 74 a write failed.
            """)

    @OptionGroup var plan: PlanArgument
    var inputs: [InputFile] { plan.inputs }
    @OptionGroup var budget: BudgetOption
    @OptionGroup var time: TimeOptions

    @Flag(help: "Also list every request, KPI, period and rule.")
    var details = false

    @Flag(
        name: .customLong("best-effort"),
        help: "When no allocation meets every rule, give the one that misses rules by the least (in the plan's bestEffort.relaxFirst order), with its misses.")
    var bestEffort = false

    @Flag(help: "Print the allocation as JSON (schema: models/output/solve.schema.json).")
    var json = false

    func run(_ console: Console) throws {
        var start = try PlanCommandStart(plan: plan, budget: budget.budget, time: time, console: console)
        defer { start.timer.finish() }
        // The file's bytes serve reports and fixes only: a large plan's are freed before it is solved.
        start.loaded.bytes = []
        let (deadline, loaded) = (start.deadline, start.loaded)
        // The JSON needs the allocation alone: GLPK's copy of the program goes before it is made.
        var solved: SolvedPlan? = try SolvedPlan(
            loaded.plan, scenario: loaded.scenario, warnings: loaded.warningTexts, deadline: deadline,
            leastChange: loaded.changeReference, explainable: !json)
        var allocation = solved!.allocation
        start.timer.lap("solve")
        if bestEffort, allocation.status == .infeasible {
            // The what-if past the rules; when even it cannot hold (the budgets against committed
            // spend, whole units or spendAll), the diagnosis stands.
            if let best = try SolvedPlan.bestEffort(
                loaded.plan, scenario: loaded.scenario, warnings: loaded.warningTexts, deadline: deadline)
            {
                allocation = best
                start.timer.lap("best effort")
                if json {
                    try console.out(AllocationJSON.render(allocation, timing: time.timing).serialized())
                } else {
                    loaded.printWarnings(console)
                    try console.out(AllocationText.render(allocation, explanation: nil, details: details))
                }
                return
            }
            console.err("allot: even missing every rule that may give, no allocation fits the budgets; the diagnosis follows\n")
        }
        if json {
            // The allocation is all the JSON needs. GLPK's copy of the program went as soon as
            // it was solved; the program and the plan are freed by the exit, not one by one: the
            // document is written request by request and adds little to what they hold. The
            // JSON document is freed as usual: kept to the exit, its tree of enum cases is not
            // recognised as reachable by the leak checker the sanitized tests run under.
            ProcessExit.keep(solved!, loaded)
            solved = nil
            // Written request by request: the document never exists whole, as values or as text.
            try AllocationJSON.document(allocation, timing: time.timing).write(to: console.out)
        } else if let solved {
            // The plan, its program and the output are freed by the exit, not one by one.
            ProcessExit.keep(solved, loaded)
            loaded.printWarnings(console)
            // The team table's main reasons and the rules' prices come from a light explanation.
            // They explain this allocation by re-solving its own program: the plan is not
            // formulated or solved a second time.
            let explanation = allocation.hasAllocation
                ? try Explainer.explain(solved, options: ExplainOptions(thresholds: .none, ruleEffects: true, deadline: deadline))
                : nil
            start.timer.lap("explain")
            try console.out(AllocationText.render(allocation, explanation: explanation, details: details))
        }
        start.timer.lap("render")
        if allocation.status == .infeasible, !bestEffort {
            throw CommandError(
                .noSolution,
                "the plan is infeasible (the diagnosis above names the rules in conflict); --best-effort gives the allocation that misses rules by the least")
        }
        try allocation.requireAllocation()
    }
}

extension Allocation {
    /// Whether the amounts mean anything: an optimum, or the best found within the time limit.
    var hasAllocation: Bool { status == .optimal || status == .feasible }

    /// Throws the exit status of a plan without an allocation (1), after its output was printed.
    func requireAllocation() throws {
        switch status {
        case .optimal, .feasible: return
        case .infeasible: throw CommandError(.noSolution, "the plan is infeasible")
        case .noSolution: throw CommandError(.noSolution, "no allocation found within the time limit")
        }
    }
}
