import LinearSolver
import PlanFormat

/// A plan solved once for a command: its formulation, the solver that holds its program, the
/// base solution and the allocation read from it.
///
/// Formulate, solve (two stages for minimize-spend) and map back happen here and nowhere else.
/// An explanation of the allocation re-solves this same solver, each question within scoped
/// changes (``Solver/withChanges(_:)``), so that nothing is formulated or solved from scratch a
/// second time and every re-solve is counted (``resolves``).
///
/// Holds a GLPK problem: create, use and drop it on one thread, within one synchronous piece of
/// work (it is not `Sendable`).
public final class SolvedPlan {
    /// The allocation read from the base solution.
    public private(set) var allocation: Allocation
    let formulation: Formulation
    let solver: Solver
    /// The base solution (for minimize-spend, the second stage's).
    let base: Solution
    /// An integer plan's prices with its whole-unit choices held as proposed, when they were
    /// worked out (not past the deadline).
    let heldPrices: Formulation.HeldPrices?
    /// The solver's solves that made the base solution: 1, or 2 for minimize-spend.
    let baseSolves: Int

    /// How many times the program has been re-solved since its base solve (the held prices of an
    /// integer plan, and every re-solve of an explanation).
    var resolves: Int { solver.solves - baseSolves }

    /// The plan's own program, as formulated.
    var program: LinearProgram { formulation.program }

    /// Formulates and solves a plan (with its scenario, if any, already applied), and maps the
    /// solution back to the plan.
    ///
    /// - Parameters:
    ///   - plan: the plan to solve.
    ///   - scenario: the scenario applied to it, for the report.
    ///   - warnings: warnings found while reading the plan, carried into the result.
    ///   - deadline: when the solve, and the diagnosis of an infeasible plan, must be done; shared
    ///     with every later re-solve of the command.
    ///   - diagnose: whether to diagnose an infeasible plan (a few more solves).
    ///   - leastChange: when several allocations are equally good, show the one that moves the
    ///     least money from this reference (formulation.md, "Equal value, chosen allocation").
    ///   - explainable: false frees GLPK's copy of the program before the allocation is mapped
    ///     back, for a command that wants the allocation alone: the peak is then the larger of
    ///     the two, not their sum. Such a plan cannot be explained or re-solved.
    /// - Throws: ``SolverError`` when the solver fails (not for infeasible plans: those come back
    ///   with status `infeasible` and a diagnosis).
    public init(
        _ plan: Plan, scenario: Scenario? = nil, warnings: [String] = [], deadline: Deadline = Deadline(seconds: 300),
        diagnose: Bool = true, leastChange reference: ChangeReference? = nil, explainable: Bool = true
    ) throws {
        let clock = ContinuousClock()
        let start = clock.now
        formulation = Formulation(plan, names: false)
        solver = try Solver(formulation.program)
        var settings = SolveOptions()
        settings.deadline = deadline
        var solution = try formulation.solveStages(solver, settings)
        baseSolves = solver.solves
        var choice: LeastChangeChoice? = nil
        if let reference, solution.status.hasFeasibleSolution,
           let (chosen, made) = try Self.choose(formulation, solver, solution, reference, deadline: deadline)
        {
            solution = chosen
            choice = made
        }
        base = solution
        var diagnosis: Diagnosis? = nil
        if solution.status == .infeasible, diagnose {
            diagnosis = try Diagnosis.diagnose(plan, deadline: deadline)
        }
        // An integer plan has no price list of its own: its funding line holds the proposed
        // whole-unit choices fixed (and says so in the reports). Not once the deadline has passed.
        heldPrices = formulation.isInteger && solution.status.hasFeasibleSolution && !deadline.isPast
            ? try formulation.pricesWithChoicesHeld(solver, values: solution.values!, settings: settings) : nil
        if !explainable { try solver.releaseProblem() }
        allocation = formulation.allocation(
            from: solution, scenario: scenario, warnings: warnings, diagnosis: diagnosis, seconds: (clock.now - start).inSeconds,
            heldPrices: heldPrices)
        allocation.resolves = solver.solves - baseSolves
        allocation.leastChange = choice
        if diagnosis != nil {
            allocation.diagnosis?.jointFix = try Diagnosis.jointFix(plan, deadline: deadline)
        }
        SolveTally.current?.record(self)
    }
}

extension SolvedPlan {
    /// The allocation among equally good ones that moves the least money from a reference, and
    /// how it was chosen; nil when there is nothing to choose.
    static func choose(
        _ formulation: Formulation, _ solver: Solver, _ solution: Solution, _ reference: ChangeReference, deadline: Deadline
    ) throws -> (Solution, LeastChangeChoice)? {
        guard formulation.plan.objective == .maximizeValue, formulation.isUniqueOptimum(solution) != true,
              let values = solution.values
        else { return nil }
        let amounts: [String: Double]
        var budget: Double? = nil, label: String? = nil
        switch reference {
        case .allocation(let name, let given):
            amounts = given
            label = name
        case .budget(let total):
            // The plan's own allocation at that total: a scoped re-solve of the same program.
            guard abs(total - (formulation.plan.budget.total ?? total)) > 0.005 else { return nil }
            budget = total
            var settings = SolveOptions()
            settings.deadline = deadline
            let own: [Double]? = try solver.withChanges { changes in
                try formulation.setTotal(total, &changes)
                let at = try solver.solve(settings)
                return at.status.hasFeasibleSolution ? at.values.map { formulation.allocations($0) } : nil
            }
            guard let own else { return nil }
            amounts = Dictionary(uniqueKeysWithValues: zip(formulation.allRequests.map(\.id), own))
        }
        let plain = formulation.moved(formulation.allocations(values), from: amounts)
        guard let chosen = try formulation.leastChange(solver, solution, from: amounts, deadline: deadline),
              let point = chosen.values
        else {
            // Nothing better found: the solver's own choice stands, said as a tie when it is one.
            guard formulation.isUniqueOptimum(solution) == false else { return nil }
            return (solution, LeastChangeChoice(
                referenceBudget: budget, referenceLabel: label, severalEquallyGood: true, moved: plain, movedWithoutChoice: plain))
        }
        let moved = formulation.moved(formulation.allocations(point), from: amounts)
        let several: Bool? = solution.isInteger ? (moved < plain - 0.5 ? true : nil) : true
        return (chosen, LeastChangeChoice(
            referenceBudget: budget, referenceLabel: label, severalEquallyGood: several, moved: min(moved, plain),
            movedWithoutChoice: plain))
    }
}

/// Counts the plans solved within a task, so that a test can check that a command solves its
/// plan once: `SolveTally.$current.withValue(tally) { ... }`.
final class SolveTally: @unchecked Sendable {
    /// The tally that ``SolvedPlan`` reports to, if any.
    @TaskLocal static var current: SolveTally?

    /// Every plan solved, in order.
    private(set) var plans: [SolvedPlan] = []

    init() {}

    /// How many base solves were made (one per plan solved; minimize-spend's two stages count once).
    var baseSolves: Int { plans.count }

    func record(_ plan: SolvedPlan) { plans.append(plan) }
}
