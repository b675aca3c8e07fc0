import LinearSolver
import PlanFormat

/// What happens to the allocation as the total budget falls from a top level to a bottom one:
/// the breakpoints of the value-against-budget curve, what changes at each, the order in which
/// requests lose money, and the lowest total at which the plan can hold at all
/// (formulation.md, "The budget frontier").
///
/// For a linear plan the breakpoints are exact: between two of them every allocation is linear in
/// the total. For integer plans, least-spend plans and plans that must spend all of their budget,
/// the levels are samples (``sampled``), and what happens between two samples is not known.
public struct BudgetCuts: Sendable {
    /// One level of the walk.
    public struct Breakpoint: Sendable {
        /// The total budget at this level, and the plan's value there.
        public let budget, value: Double
        /// The value of one more dollar of total budget just above this level (nil for samples).
        public let marginalValueAbove: Double?
        /// Each request's allocation here, by request id.
        public let allocations: LevelAllocations
        /// Requests whose allocation starts (or stops) changing as the total falls past this
        /// level, in plan order.
        package let starts, stops: [String]
        /// Budgets and rules that start binding below this level, and those that stop.
        package let bindingAdded, bindingRemoved: [PlanReference]
        /// Whether the allocation here is the only one of its value (false: one of several
        /// equally good allocations; nil for integer samples, where it is not known).
        package let unique: Bool?
        /// On the nested path: the raises rules force here, and the value given up against the
        /// optimal allocation at this total (never negative).
        package let forcedRaises: [ForcedRaise]
        package let valueGivenUp: Double?
        /// Below the lowest feasible total, with best effort: the rules the level misses.
        package internal(set) var misses: [Miss] = []
    }

    /// One request's place in the order of cuts.
    public struct CutOrderEntry: Sendable {
        public let request: String
        /// The total below which the request first has less than at the top (nil: never, down to
        /// the bottom).
        public let firstDollarLostAt: Double?
        /// The total at or below which it sits at its attainable minimum (nil: never in range).
        public let atMinimumFrom: Double?
    }

    /// The highest and lowest totals walked.
    public let top, bottom: Double
    /// Where more money changes nothing (nil when it could not be found in time).
    package let saturation: Double?
    /// The lowest total at which every rule can hold, and the rules and budgets that set it
    /// (nil when even without a total budget no allocation holds).
    public let lowestFeasibleBudget: Double?
    public let setBy: [PlanReference]
    /// Whether the levels are samples rather than exact breakpoints, and why.
    package let sampled: Bool
    package let samplingReason: SamplingReason?
    /// Levels from the top down.
    public let breakpoints: [Breakpoint]
    /// Every request, the first to lose money first.
    public let cutOrder: [CutOrderEntry]
    /// Whether the deadline stopped the walk before the bottom.
    public let stoppedByTimeLimit: Bool
    /// With best effort: levels below the lowest feasible total, sampled, each the allocation that
    /// misses rules by the least (in the plan's order).
    package internal(set) var bestEffortLevels: [Breakpoint] = []
    /// Whether the levels show the nested path (no request gains as the total falls, except
    /// where a rule forces it) rather than the optimal allocation at each total.
    package let nested: Bool

    /// Why a walk samples levels instead of following exact breakpoints.
    package enum SamplingReason: String, Sendable {
        case wholeUnits = "whole-units"
        case leastSpend = "least-spend"
        case spendAll = "spend-all"
        /// A fairness rule on pro-rata shares moves with the budget: its floors are set again at
        /// each level.
        case proRata = "pro-rata"
    }
}

/// Each request's allocation at one level of a walk, by request id: one array of amounts against
/// an index of ids that every level of the walk shares (a dictionary per level costs several
/// times the memory: gigabytes for the 10,000 levels of a 10,000-request plan).
public struct LevelAllocations: Sendable {
    /// Request ids in the plan's order, and where each stands.
    final class Index: Sendable {
        let ids: [String]
        let positions: [String: Int]

        init(_ ids: [String]) {
            self.ids = ids
            positions = Dictionary(ids.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        }
    }

    let index: Index
    let amounts: [Double]

    init(index: Index, amounts: [Double]) {
        self.index = index
        self.amounts = amounts
    }

    init(_ pairs: [(String, Double)]) {
        index = Index(pairs.map(\.0))
        amounts = pairs.map(\.1)
    }

    /// A request's allocation at this level (nil for an id the plan does not have).
    public subscript(id: String) -> Double? { index.positions[id].map { amounts[$0] } }

    /// The request ids, in the plan's order.
    public var ids: [String] { index.ids }

    /// Every request's allocation, by id (a dictionary of its own: for a few levels at a time).
    package var dictionary: [String: Double] { Dictionary(zip(index.ids, amounts), uniquingKeysWith: { first, _ in first }) }
}

/// A level of the total budget that the walk starts from.
public enum CutsTop: Sendable, Equatable {
    /// An amount, a change or a share of the budget in force.
    case level(BudgetLevel)
    /// Where more money changes nothing.
    case saturation
}

/// Why a walk cannot start.
public enum CutsError: Error, Sendable, Equatable {
    /// The plan has no total budget to cut.
    case noTotalBudget
    /// No allocation satisfies every rule even without a total budget.
    case infeasibleAtAnyBudget
    /// The top is below the lowest feasible total.
    case topBelowLowestFeasible(top: Double, lowest: Double, setBy: [PlanReference])
    /// The deadline passed before the lowest feasible total was known.
    case outOfTime
}

extension SolvedPlan {
    /// Walks the total budget down from `top` to `bottom` (default: the lowest feasible total).
    ///
    /// Every level is a scoped re-solve of this plan's program; the program is as it was when
    /// this returns.
    ///
    /// - Parameters:
    ///   - top: the level to start from (default: the budget in force).
    ///   - bottom: the level to stop at; never below the lowest feasible total.
    ///   - samples: levels for plans that are sampled (integer, least-spend, spend-all).
    ///   - deadline: shared with the rest of the command.
    ///   - nested: show the nested path at the walk's levels instead of the optimal allocations.
    ///   - bestEffort: below the lowest feasible total, down to `bottom`, sample levels whose
    ///     allocations miss rules by the least instead of stopping there.
    ///   - jobs: threads that walk the range side by side, each with a solver of its own (exact
    ///     walks only; the levels are those of one thread alone). Default: ``automaticCutsJobs``.
    public func cuts(
        top: CutsTop = .level(.share(1)), bottom: BudgetLevel? = nil, samples: Int = 20, nested: Bool = false,
        bestEffort: Bool = false, jobs: Int? = nil, deadline: Deadline
    ) throws -> BudgetCuts {
        try cuts(
            top: top, bottom: bottom, samples: samples, nested: nested, bestEffort: bestEffort, jobs: jobs, deadline: deadline,
            progress: nil)
    }

    /// ``cuts(top:bottom:samples:nested:bestEffort:jobs:deadline:)``, telling `progress` each time
    /// a level is done (for the command line's progress line).
    package func cuts(
        top: CutsTop = .level(.share(1)), bottom: BudgetLevel? = nil, samples: Int = 20, nested: Bool = false,
        bestEffort: Bool = false, jobs: Int? = nil, deadline: Deadline, progress: (@Sendable (ExplainProgress) -> Void)?
    ) throws -> BudgetCuts {
        var walk = CutsWalk(solved: self, deadline: deadline)
        walk.progress = progress
        let jobs = max(1, jobs ?? automaticCutsJobs)
        guard bestEffort, let inForce = formulation.plan.budget.total else {
            return try walk.run(top: top, bottom: bottom, samples: max(2, samples), nested: nested, jobs: jobs)
        }
        // Down to the lowest feasible total as usual (when the top is above it), then samples
        // below it, each solved with best effort.
        let lowest = try walk.lowestFeasibleTotal()
        let requestedTop: Double
        switch top {
        case .saturation: requestedTop = Double.infinity
        case .level(let level): requestedTop = level.total(against: inForce)
        }
        let floor = bottom.map { $0.total(against: inForce) } ?? 0
        var cuts: BudgetCuts
        if let lowest, requestedTop >= lowest - 0.005 {
            cuts = try walk.run(top: top, bottom: bottom, samples: max(2, samples), nested: nested, jobs: jobs)
        } else {
            cuts = BudgetCuts(
                top: requestedTop, bottom: floor, saturation: nil, lowestFeasibleBudget: lowest, setBy: [], sampled: true,
                samplingReason: nil, breakpoints: [], cutOrder: [], stoppedByTimeLimit: false, nested: false)
        }
        let upper = min(requestedTop, lowest ?? requestedTop)
        guard floor < upper - 0.005 else { return cuts }
        var levels: [BudgetCuts.Breakpoint] = []
        for step in 1...max(2, samples) {
            guard !deadline.isPast else { break }
            let budget = upper - (upper - floor) * Double(step) / Double(max(2, samples))
            var plan = formulation.plan
            plan.budget.total = budget
            // Below the lowest feasible total the plain program is infeasible: go straight to the
            // elastic stages.
            guard let allocation = try BestEffortSolve(plan: plan, deadline: deadline).run(scenario: nil, warnings: []) else { break }
            levels.append(BudgetCuts.Breakpoint(
                budget: budget, value: allocation.value, marginalValueAbove: nil,
                allocations: LevelAllocations(allocation.requests.map { ($0.id, $0.allocated) }), starts: [], stops: [],
                bindingAdded: [], bindingRemoved: [], unique: nil, forcedRaises: [], valueGivenUp: nil, misses: allocation.misses))
        }
        cuts.bestEffortLevels = levels
        return cuts
    }
}

/// The walk behind ``SolvedPlan/cuts(top:bottom:samples:nested:bestEffort:jobs:deadline:progress:)``.
///
/// A walk solves one solver, on the thread that made it: a walk on another thread has a solver
/// of its own, built there from the same program (``CutsWalk/Below``).
struct CutsWalk {
    let formulation: Formulation
    let solver: Solver
    let deadline: Deadline
    /// Told each time a level is done, for a progress line.
    var progress: (@Sendable (ExplainProgress) -> Void)? = nil
    /// The solves of every walk of one command when walks run side by side, for the progress
    /// line (nil: this solver's own count).
    var solveCount: SharedSolveCount? = nil

    /// The plan's own allocation at its budget, by request id: among equally good allocations at
    /// a level, the one closest to it is shown (nil when the plan has none).
    let reference: [String: Double]?

    init(solved: SolvedPlan, deadline: Deadline) {
        let allocation = solved.allocation
        self.init(
            formulation: solved.formulation, solver: solved.solver, deadline: deadline,
            reference: allocation.status == .optimal || allocation.status == .feasible
                ? Dictionary(uniqueKeysWithValues: allocation.requests.map { ($0.id, $0.allocated) }) : nil)
    }

    init(formulation: Formulation, solver: Solver, deadline: Deadline, reference: [String: Double]?) {
        self.formulation = formulation
        self.solver = solver
        self.deadline = deadline
        self.reference = reference
    }

    var settings: SolveOptions {
        var settings = SolveOptions()
        settings.deadline = deadline
        // Each level's answer from its basis alone, not from the factorization that earlier
        // solves updated: walks on two threads that reach one basis go on alike from it, to the
        // bit (``parallelWalk(row:from:to:checkpoints:starts:into:)``).
        settings.freshFactorization = true
        return settings
    }

    func solve() throws -> Solution {
        guard !deadline.isPast else { throw CutsError.outOfTime }
        let solution = try solver.solve(settings)
        if let progress {
            let done = solveCount?.add() ?? solver.solves
            progress(ExplainProgress(step: .cuts, done: done, total: done))
        }
        return solution
    }

    /// - Parameters:
    ///   - jobs: threads that walk an exact plan's range side by side (1: this thread alone).
    ///   - splits: the checkpoints of an exact walk, where walks on other threads may start
    ///     (default: ``checkpointShares`` of the range).
    func run(
        top requested: CutsTop, bottom requestedBottom: BudgetLevel?, samples: Int, nested: Bool, jobs: Int = 1,
        splits: [Double]? = nil
    ) throws -> BudgetCuts {
        let plan = formulation.plan
        guard let row = formulation.totalBudgetRow, let inForce = plan.budget.total else { throw CutsError.noTotalBudget }
        let lowest = try lowestFeasible(row: row)
        guard let lowest else { throw CutsError.infeasibleAtAnyBudget }
        let saturation = try spendWithout(row: row)
        let top: Double
        switch requested {
        case .saturation: top = saturation ?? inForce
        case .level(let level): top = level.total(against: inForce)
        }
        guard top >= lowest.budget - 0.005 else {
            throw CutsError.topBelowLowestFeasible(top: top, lowest: lowest.budget, setBy: lowest.setBy)
        }
        let bottom = max(requestedBottom.map { $0.total(against: inForce) } ?? lowest.budget, lowest.budget)
        let proRata = plan.constraints.contains { if case .fairness(let f) = $0.kind { f.basis == .proRata } else { false } }
        let reason: BudgetCuts.SamplingReason? =
            plan.objective == .minimizeSpend ? .leastSpend : formulation.isInteger ? .wholeUnits : plan.budget.spendAll ? .spendAll
            : proRata ? .proRata : nil
        var stopped = false
        var points: [Point] = []
        var nestedDone = false
        // The levels walked before the deadline are kept: a walk the time limit stopped shows
        // them, and says it stopped.
        do {
            if reason == nil {
                // The same checkpoints however many threads walk, so that the levels are the same.
                let low = min(bottom, top)
                let checkpoints = splits ?? Self.checkpointShares.map { top - (top - low) * $0 }
                if jobs > 1 {
                    try parallelWalk(
                        row: row, from: top, to: low, checkpoints: checkpoints, starts: Self.starts(checkpoints, jobs: jobs),
                        into: &points)
                } else {
                    try exactWalk(row: row, from: top, to: low, checkpoints: checkpoints, into: &points)
                }
            } else {
                try sampledWalk(row: row, from: top, to: min(bottom, top), samples: samples, into: &points)
            }
            if nested {
                points = try nestedPoints(points)
                nestedDone = true
            }
        } catch CutsError.outOfTime {
            stopped = true
        }
        // A nested path the deadline stopped is not shown as one: the optimal levels walked are.
        let nested = nested && nestedDone
        if points.isEmpty, deadline.isPast { stopped = true }
        return assemble(
            points: points, top: top, bottom: min(bottom, top), saturation: saturation, lowest: lowest, sampled: reason,
            stopped: stopped, nested: nested)
    }

    // MARK: The two ends

    /// The lowest feasible total alone (nil when no total can hold every rule).
    func lowestFeasibleTotal() throws -> Double? {
        guard let row = formulation.totalBudgetRow else { return nil }
        return try lowestFeasible(row: row)?.budget
    }

    /// The least total spend at which every rule holds: the program with the total budget freed
    /// and the objective replaced by total spend, minimised. The binding rows of that solution
    /// set it.
    ///
    /// - Parameter byRanging: on a linear plan, settle the candidates that ranging proves without
    ///   re-solving (``lowersTheLeastSpend(_:_:by:)``); false re-solves every one.
    func lowestFeasible(row: LinearProgram.ConstraintID, byRanging: Bool = true) throws -> (budget: Double, setBy: [PlanReference])? {
        try solver.withChanges { changes in
            try changes.setBounds(of: row, lower: nil, upper: nil)
            var spendCoefficient = [Double](repeating: 0, count: formulation.program.variables.count)
            for model in formulation.requests {
                for term in model.allocation { spendCoefficient[term.variable.index] += term.coefficient }
            }
            // The program maximizes: minimise spend as maximising its negative. A tiny reward for
            // value breaks ties toward the more valuable of the cheapest allocations.
            for (index, variable) in formulation.program.variables.enumerated() {
                let coefficient = -spendCoefficient[index] + 1e-9 * variable.objective
                try changes.setObjective(of: LinearProgram.VariableID(index), to: coefficient)
            }
            let solution = try solve()
            guard solution.status.hasFeasibleSolution, let values = solution.values else { return nil }
            let spend = formulation.spend(values)
            // Candidates: what prices the least spend (for an integer program, with its whole-unit
            // choices held); each is then checked by re-solving without it.
            let (candidates, proven) = try solver.withChanges { held -> ([PlanReference], Set<PlanReference>) in
                var priced = solution
                if formulation.isInteger {
                    for (index, variable) in formulation.program.variables.enumerated() where variable.kind != .continuous {
                        let value = values[index].rounded()
                        try held.setBounds(of: LinearProgram.VariableID(index), lower: value, upper: value)
                    }
                    var relaxed = settings
                    relaxed.relaxIntegrality = true
                    guard !deadline.isPast else { throw CutsError.outOfTime }
                    let again = try solver.solve(relaxed)
                    if again.status == .optimal { priced = again }
                }
                var found: [PlanReference] = []
                if let duals = try? priced.duals() {
                    for (index, role) in formulation.rowRoles.enumerated() where abs(duals[index]) > 1e-9 {
                        if let ref = ruleRef(of: role), !found.contains(ref) { found.append(ref) }
                    }
                }
                // Committed amounts: a request held at its committed minimum.
                for (index, model) in formulation.requests.enumerated() where model.attainableMin > 0 {
                    let amount = model.allocation.reduce(0) { $0 + $1.coefficient * values[$1.variable.index] }
                    if abs(amount - model.attainableMin) <= Allocation.moneyTolerance(model.attainableMin) {
                        found.append(.committed(formulation.allRequests[index].id))
                    }
                }
                // On a linear plan, ranging at the least spend proves most of them at once: a rule
                // or committed amount that can move with this basis optimal, at a price, lowers
                // the least spend by that price times the move, before any re-solve.
                var proven: Set<PlanReference> = []
                if byRanging, !formulation.isInteger, priced.status == .optimal {
                    let enough = 2 * max(0.5, spend * 1e-9)
                    for ref in found where try lowersTheLeastSpend(ref, priced, by: enough) { proven.insert(ref) }
                }
                return (found, proven)
            }
            // A rule or committed amount sets the lowest total only if, without it, the least
            // spend is lower: what is named is checked.
            var setBy: [PlanReference] = []
            for ref in candidates {
                if proven.contains(ref) {
                    setBy.append(ref)
                    continue
                }
                let lower = try solver.withChanges { without -> Bool in
                    if case .committed(let id) = ref, let r = formulation.allRequests.firstIndex(where: { $0.id == id }) {
                        for term in formulation.requests[r].allocation {
                            let variable = formulation.program.variables[term.variable.index]
                            try without.setBounds(of: term.variable, lower: 0, upper: variable.upperBound)
                        }
                    } else {
                        for (index, role) in formulation.rowRoles.enumerated() where ruleRef(of: role) == ref {
                            try without.setBounds(of: LinearProgram.ConstraintID(index), lower: nil, upper: nil)
                        }
                    }
                    let relaxed = try solve()
                    guard relaxed.status.hasFeasibleSolution, let again = relaxed.values else { return false }
                    return formulation.spend(again) < spend - max(0.5, spend * 1e-9)
                }
                if lower { setBy.append(ref) }
            }
            return (spend, setBy)
        }
    }

    /// Whether freeing a rule or a committed amount lowers the least spend by at least `enough`,
    /// as ranging at the least spend (`solution`, the solver's last, on a linear program) shows:
    /// the price of its active bound times how far that bound can move toward freedom with the
    /// basis still optimal. Freeing it entirely lowers the spend at least as much. False when
    /// ranging cannot tell (a degenerate range, a zero price): re-solve then.
    func lowersTheLeastSpend(_ ref: PlanReference, _ solution: Solution, by enough: Double) throws -> Bool {
        let program = formulation.program
        if case .committed(let id) = ref {
            guard let r = formulation.allRequests.firstIndex(where: { $0.id == id }) else { return false }
            let reduced = try solution.allReducedCosts()
            for term in formulation.requests[r].allocation {
                let variable = term.variable
                // Freed, the committed floor falls to zero.
                guard let floor = program.variables[variable.index].lowerBound, floor > 0,
                      try solution.basisStatus(of: variable) == .atLowerBound,
                      let range = try solver.boundRanges(of: variable).lowerBound
                else { continue }
                let room = floor - max(range.lower ?? 0, 0)
                if abs(reduced[variable.index]) * room >= enough { return true }
            }
            return false
        }
        let duals = try solution.duals()
        for (index, role) in formulation.rowRoles.enumerated() where ruleRef(of: role) == ref {
            let row = LinearProgram.ConstraintID(index)
            let price = duals[index]
            guard price != 0 else { continue }
            let bounds = try solver.boundRanges(of: row)
            let room: Double
            switch try solution.basisStatus(of: row) {
            case .atLowerBound:
                guard let bound = program.constraints[index].lowerBound, let range = bounds.lowerBound else { continue }
                room = range.lower.map { bound - $0 } ?? .infinity
            case .atUpperBound:
                guard let bound = program.constraints[index].upperBound, let range = bounds.upperBound else { continue }
                room = range.upper.map { $0 - bound } ?? .infinity
            case .fixed:
                // An equality: it moves the way its price pays.
                guard let bound = program.constraints[index].upperBound, let range = bounds.upperBound else { continue }
                room = price > 0 ? (range.upper.map { $0 - bound } ?? .infinity) : (range.lower.map { bound - $0 } ?? .infinity)
            default:
                continue
            }
            if abs(price) * room >= enough { return true }
        }
        return false
    }

    /// Total spend with the total budget freed (where more money changes nothing).
    func spendWithout(row: LinearProgram.ConstraintID) throws -> Double? {
        try solver.withChanges { changes in
            try changes.setBounds(of: row, lower: nil, upper: nil)
            let solution = try solve()
            return solution.values.map { formulation.spend($0) }
        }
    }

    // MARK: Walks

    struct Point {
        let budget: Double
        let amounts: [Double]
        let value: Double
        var marginalAbove: Double?
        let binding: Set<PlanReference>
        let unique: Bool?
        var raises: [BudgetCuts.ForcedRaise] = []
        var givenUp: Double? = nil
    }

    /// The nested path at the levels of the optimal walk, each with the value it gives up
    /// against the optimum there.
    func nestedPoints(_ optimal: [Point]) throws -> [Point] {
        guard let path = try NestedPath(formulation: formulation, deadline: deadline) else { return optimal }
        var previous: [Double]? = nil
        var points: [Point] = []
        var lastBudget = Double.infinity
        for point in optimal {
            // Levels a hair apart are one level of the path.
            if lastBudget.isFinite, lastBudget - point.budget <= max(lastBudget * 1e-6, 1) { continue }
            guard let (values, raises) = try path.level(budget: point.budget, previous: previous) else { break }
            let amounts = formulation.allocations(values)
            let value = formulation.planValue(amounts: amounts)
            points.append(Point(
                budget: point.budget, amounts: amounts, value: value, marginalAbove: nil, binding: point.binding, unique: nil,
                raises: raises, givenUp: max(0, point.value - value)))
            previous = values
            lastBudget = point.budget
        }
        return points
    }

    /// Exact breakpoints of a linear plan, walked down from basis to basis.
    ///
    /// At each level the walk holds an optimal basis. Ranging the budget row gives the lowest
    /// total at which that basis stays optimal (a breakpoint) and the basic variable that reaches
    /// its bound there. The walk reads the allocation at the breakpoint itself off the basis, then
    /// moves the total just below it (to the grid of ``gridLevel(_:)``) and takes that variable
    /// out of the basis by one pivot of the dual simplex (``Solver/pivotOut(_:value:)``), which gives
    /// the basis of the segment below. A range that ends where it starts (a degenerate
    /// breakpoint) takes another pivot at the same level. Where the budget does not bind, the
    /// next breakpoint is the spend, and the budget row is the variable that leaves. Where a pivot
    /// cannot be taken, the level is solved by the simplex method instead.
    ///
    /// Each breakpoint so gives two levels a hair apart, read as one (``assemble``): the one at
    /// the breakpoint, with the allocation there, and the one just below it, with the basis
    /// below. Every solution is read off its basis factorized afresh, so a basis at a level gives
    /// the same numbers to the bit however the walk reached it.
    ///
    /// The first level below each of the `checkpoints` is solved cold, from the standard basis:
    /// from there the walk goes on as any walk of this program that solves that level cold, on
    /// any thread. (Warm, the basis there would depend on the path taken, which differs among
    /// bases of one allocation where the program is degenerate.)
    ///
    /// When walks run side by side (``parallelWalk(row:from:to:checkpoints:starts:into:)``), each
    /// tells the walk above it the levels it reaches (`record`, which also says when to stop),
    /// and a walk with another below it (`below`) stops at the first level where both stand at
    /// the same total with the same basis, bound for the same next breakpoint: from there the
    /// walk below has the levels this one would find.
    ///
    /// - Returns: where this walk met the walk below: the index of the shared level among that
    ///   walk's levels, and the value of one more dollar just below it as this walk found it
    ///   (nil when it did not meet it).
    @discardableResult
    func exactWalk(
        row: LinearProgram.ConstraintID, from top: Double, to bottom: Double, checkpoints: [Double] = [],
        into points: inout [Point], record: WalkRecord? = nil, below: WalkRecord? = nil
    ) throws -> WalkMeeting? {
        try solver.withChanges { changes in
            var checkpoints = checkpoints.filter { $0 <= top }.sorted(by: >)
            // Solves the level in force with the simplex method, and reads the solution off its
            // basis factorized afresh (the simplex's own factorization depends on its pivots).
            func solveLevel() throws -> Solution? {
                let solution = try solve()
                guard solution.status == .optimal else { return nil }
                if let read = try solver.solutionOfBasis(refactorize: true) { return read }
                // GLPK's check of the point read off the basis is stricter than its simplex's:
                // where they differ, the simplex's answer again (which GLPK then holds optimal).
                let again = try solve()
                return again.status == .optimal ? again : nil
            }
            func price(_ solution: Solution) throws -> Double {
                try solution.basisStatus(of: row) == .basic ? 0 : solution.duals()[row.index]
            }
            let valuer = LevelValuer(formulation)
            var level = top
            try changes.setBounds(of: row, lower: nil, upper: level)
            guard var state = try solveLevel() else { return nil }
            // The price of the segment just above the level (at the top: its own).
            var above = try price(state)
            var degenerate = 0
            // A guard against a walk that never ends, far above the levels of any plan (about
            // one a column) so that it never cuts a walk short: walks side by side, each with a
            // guard of its own, would stop elsewhere than one walk alone.
            let program = formulation.program
            for _ in 0..<max(20_000, 4 * (program.variables.count + program.constraints.count)) {
                if let record, record.isCancelled { break }
                guard !deadline.isPast else { throw CutsError.outOfTime }
                let isBasic = try state.basisStatus(of: row) == .basic
                // Where this basis stops being optimal below the level, and what leaves it there.
                var end: Double
                var leaving: Sensitivity.Limit?
                if isBasic {
                    end = formulation.spend(state.values!)
                    leaving = .constraint(row)
                } else {
                    let range = try solver.boundRanges(of: row).upperBound
                    end = range?.lower ?? -.infinity
                    leaving = range?.limitingAtLower
                }
                let step = max(level * 1e-9, 0.005)
                if end >= level - step, level > bottom + 0.005, let leaving {
                    // A degenerate breakpoint: the basis holds at this level only. Another pivot
                    // here; after many (a cycle), the simplex method a hair below.
                    degenerate += 1
                    if degenerate <= Self.degeneratePivots, try solver.pivotOut(leaving) == .pivoted,
                       let next = try solver.solutionOfBasis()
                    {
                        state = next
                        continue
                    }
                    level = max(level - max(level * 1e-7, 0.01), bottom)
                    try changes.setBounds(of: row, lower: nil, upper: level)
                    guard let next = try solveLevel() else { break }
                    state = next
                    degenerate = 0
                    continue
                }
                degenerate = 0
                let marginal = try price(state)
                let here = try point(budget: level, solution: state, marginalAbove: above, valuer: valuer)
                points.append(here)
                above = marginal
                if level <= bottom + 0.005 { break }
                let digest = record != nil || below != nil ? state.basisDigest : nil
                record?.append(budget: level, digest: digest, end: end, index: points.count - 1)
                // Below the start of the walk below (whose first level is not a breakpoint): where
                // it stood here with this basis, bound for the same breakpoint, its levels from
                // there are this walk's.
                if let below, level < below.start - WalkRecord.tolerance(below.start),
                   let shared = below.meeting(budget: level, digest: digest, end: end)
                {
                    return WalkMeeting(level: shared, marginalBelow: marginal)
                }
                guard let leaving, end > bottom + 0.005 else {
                    // This basis holds down to the bottom.
                    level = bottom
                    try changes.setBounds(of: row, lower: nil, upper: level)
                    guard let last = try solver.solutionOfBasis() ?? solveLevel() else { break }
                    points.append(try point(budget: level, solution: last, marginalAbove: above, valuer: valuer))
                    break
                }
                // The breakpoint: the allocation there, along this basis. Its binding rules and
                // whether it is the only optimum are the basis's, as at the level above; where it
                // is not, the choice among equal ones is made there afresh.
                try changes.setBounds(of: row, lower: nil, upper: end)
                var leavingValue: Double? = nil
                if here.unique == true, let along = try solver.solutionAlong(row: row, from: state) {
                    switch leaving {
                    case .variable(let id): leavingValue = along.values?[id.index]
                    case .constraint(let id): leavingValue = along.activities?[id.index]
                    }
                    let amounts = valuer.allocations(along.values!)
                    points.append(Point(
                        budget: end, amounts: amounts, value: valuer.value(amounts), marginalAbove: above,
                        binding: here.binding, unique: true))
                } else {
                    guard let atBreakpoint = try solver.solutionOfBasis() ?? solveLevel() else { break }
                    points.append(try point(budget: end, solution: atBreakpoint, marginalAbove: above, valuer: valuer))
                }
                // Just below it, the basis of the segment below: one pivot, or a solve where
                // that cannot be taken, and a cold solve below a checkpoint.
                level = max(Self.gridLevel(end), bottom)
                try changes.setBounds(of: row, lower: nil, upper: level)
                if let checkpoint = checkpoints.first, level < checkpoint {
                    checkpoints.removeAll { level < $0 }
                    try solver.startFromStandardBasis()
                    guard let next = try solveLevel() else { break }
                    state = next
                } else {
                    let pivot = try solver.pivotOut(leaving, value: leavingValue)
                    if pivot == .noEnteringVariable { break }  // no total below the breakpoint holds every rule
                    guard let next = try (pivot == .pivoted ? solver.solutionOfBasis() : nil) ?? solveLevel() else { break }
                    state = next
                }
                if let progress {
                    let done = solveCount?.add() ?? solver.solves
                    progress(ExplainProgress(step: .cuts, done: done, total: done))
                }
            }
            return nil
        }
    }

    /// Pivots taken at one degenerate breakpoint before the walk solves a hair below it instead.
    static let degeneratePivots = 50

    /// The level just below a breakpoint where the walk takes the basis of the segment below:
    /// the breakpoint rounded down to 1/1024 of a currency unit (exactly representable up to
    /// 2^43, far above any budget), so that walks that reach one basis by other pivots, whose
    /// breakpoints differ in the last digits, stand at the same level with it.
    static func gridLevel(_ budget: Double) -> Double { (budget * 1024).rounded(.down) / 1024 }

    /// Evenly spaced levels from the top to the bottom, each solved in full.
    func sampledWalk(
        row: LinearProgram.ConstraintID, from top: Double, to bottom: Double, samples: Int, into points: inout [Point]
    ) throws {
        try solver.withChanges { changes in
            for step in 0...samples {
                let budget = top - (top - bottom) * Double(step) / Double(samples)
                try formulation.setTotal(budget, &changes)
                let solution = try solve()
                guard solution.status.hasFeasibleSolution, let values = solution.values else { continue }
                let duals = try? solution.duals()
                points.append(try point(budget: budget, values: values, solution: solution, duals: duals, marginalAbove: nil))
                if top - bottom < 0.01 { break }
            }
        }
    }

    /// A level of the walk. Where several allocations are equally good there, the one that moves
    /// the least money from the plan's own allocation at its budget (never from the level above).
    func point(budget: Double, solution: Solution, marginalAbove: Double?, valuer: LevelValuer? = nil) throws -> Point {
        try point(
            budget: budget, values: solution.values!, solution: solution, duals: solution.duals(), marginalAbove: marginalAbove,
            valuer: valuer)
    }

    func point(
        budget: Double, values: [Double], solution: Solution, duals: [Double]?, marginalAbove: Double?, valuer: LevelValuer? = nil
    ) throws -> Point {
        var amounts = valuer?.allocations(values) ?? formulation.allocations(values)
        let unique = duals == nil ? nil : formulation.isUniqueOptimum(solution)
        if unique != true, let reference, let chosen = try formulation.leastChange(solver, solution, from: reference, deadline: deadline),
           let point = chosen.values
        {
            amounts = valuer?.allocations(point) ?? formulation.allocations(point)
        }
        var binding: Set<PlanReference> = []
        if let duals {
            for (index, role) in formulation.rowRoles.enumerated() where abs(duals[index]) > 1e-9 {
                if let ref = ruleRef(of: role) { binding.insert(ref) }
            }
        }
        return Point(
            budget: budget, amounts: amounts, value: valuer?.value(amounts) ?? formulation.planValue(amounts: amounts),
            marginalAbove: marginalAbove,
            binding: binding, unique: unique)
    }

    /// The plan element a row enforces (the same mapping the explanations use).
    func ruleRef(of role: Formulation.RowRole) -> PlanReference? { formulation.ruleRef(of: role) }

    // MARK: Reading the walk

    func assemble(
        points raw: [Point], top: Double, bottom: Double, saturation: Double?, lowest: (budget: Double, setBy: [PlanReference]),
        sampled: BudgetCuts.SamplingReason?, stopped: Bool, nested: Bool = false
    ) -> BudgetCuts {
        let ids = formulation.allRequests.map(\.id)
        let tolerances = formulation.allRequests.map { Allocation.moneyTolerance($0.amount) }
        // Every request's slope in the segment below point k (money it loses per dollar cut; 0
        // below the last point and across a segment of no width). The two levels' amounts are
        // taken once, not looked up through the points request by request.
        func slopes(_ k: Int, in points: [Point]) -> [Double] {
            guard k >= 0, k + 1 < points.count else { return [Double](repeating: 0, count: ids.count) }
            let width = points[k].budget - points[k + 1].budget
            guard width > 1e-9 else { return [Double](repeating: 0, count: ids.count) }
            let (high, low) = (points[k].amounts, points[k + 1].amounts)
            return (0..<ids.count).map { (high[$0] - low[$0]) / width }
        }
        // A level a hair below the one before (the step past a degenerate breakpoint) is the same
        // point of the curve: keep the upper one.
        // The lower one's basis is the one of the segment below, so its binding rules and
        // whether its optimum is unique are the ones kept.
        var merged: [Point] = []
        for point in raw {
            if let last = merged.last, last.budget - point.budget <= max(last.budget * 1e-6, 1) {
                let lower = point.budget <= bottom + 0.005
                // The allocation kept is claimed the only one of its value only when both solves
                // say so (the upper one's may be a least-change choice among several).
                let unique: Bool? = lower ? point.unique : (last.unique == false || point.unique == false ? false : point.unique)
                merged[merged.count - 1] = Point(
                    budget: lower ? point.budget : last.budget, amounts: lower ? point.amounts : last.amounts,
                    value: lower ? point.value : last.value, marginalAbove: last.marginalAbove, binding: point.binding, unique: unique)
                continue
            }
            merged.append(point)
        }
        let raw = merged
        // Keep the levels where something changes: a slope or the binding set; always both ends.
        var points: [Point] = []
        // The slopes above the level looked at (below the one before it).
        var slopesAbove = sampled == nil && !nested && raw.count > 2 ? slopes(0, in: raw) : []
        for (k, point) in raw.enumerated() {
            if k == 0 || k == raw.count - 1 || sampled != nil || nested {
                points.append(point)
                continue
            }
            let slopesBelow = slopes(k, in: raw)
            let changed = ids.indices.contains { r in abs(slopesBelow[r] - slopesAbove[r]) > 1e-7 }
                || raw[k].binding != raw[k - 1].binding
            if changed { points.append(point) }
            slopesAbove = slopesBelow
        }
        var breakpoints: [BudgetCuts.Breakpoint] = []
        let index = LevelAllocations.Index(ids)
        var above = [Double](repeating: 0, count: ids.count)
        for (k, point) in points.enumerated() {
            var starts: [String] = [], stops: [String] = []
            let slopesBelow = slopes(k, in: points)
            for r in ids.indices {
                let below = abs(slopesBelow[r]) > 1e-7
                let aboveMoves = k > 0 && abs(above[r]) > 1e-7
                if below && !aboveMoves { starts.append(ids[r]) }
                if aboveMoves && !below { stops.append(ids[r]) }
            }
            above = slopesBelow
            let previous = k > 0 ? points[k - 1].binding : []
            let added = formulation.orderedReferences(point.binding.subtracting(previous))
            let removed = formulation.orderedReferences(previous.subtracting(point.binding))
            breakpoints.append(.init(
                budget: point.budget, value: point.value, marginalValueAbove: sampled == nil && !nested ? point.marginalAbove : nil,
                allocations: LevelAllocations(index: index, amounts: point.amounts), starts: starts, stops: stops,
                bindingAdded: k == 0 ? formulation.orderedReferences(point.binding) : added, bindingRemoved: k == 0 ? [] : removed,
                unique: point.unique, forcedRaises: point.raises, valueGivenUp: point.givenUp))
        }
        // The order of cuts.
        var order: [BudgetCuts.CutOrderEntry] = []
        if let first = points.first {
            for r in ids.indices {
                let atTop = first.amounts[r]
                var lost: Double? = nil
                for k in 0..<max(points.count - 1, 0) where points[k + 1].amounts[r] < atTop - tolerances[r] {
                    let (high, low) = (points[k], points[k + 1])
                    if sampled != nil || nested || high.amounts[r] <= atTop + tolerances[r] {
                        lost = high.budget
                    } else {
                        // It rose above its top amount and falls back through it inside this segment.
                        let t = (high.amounts[r] - atTop) / (high.amounts[r] - low.amounts[r])
                        lost = high.budget - t * (high.budget - low.budget)
                    }
                    break
                }
                let minimum = formulation.requests[r].attainableMin
                var atMinimum: Double? = nil
                if let last = points.last, abs(last.amounts[r] - minimum) <= tolerances[r] {
                    atMinimum = last.budget
                    for point in points.reversed() {
                        guard abs(point.amounts[r] - minimum) <= tolerances[r] else { break }
                        atMinimum = point.budget
                    }
                }
                order.append(.init(request: ids[r], firstDollarLostAt: lost, atMinimumFrom: atMinimum))
            }
        }
        let ranked = order.enumerated().sorted { a, b in
            switch (a.element.firstDollarLostAt, b.element.firstDollarLostAt) {
            case (let x?, let y?) where abs(x - y) > 0.005: return x > y
            case (.some, nil): return true
            case (nil, .some): return false
            default:
                switch (a.element.atMinimumFrom, b.element.atMinimumFrom) {
                case (let x?, let y?) where abs(x - y) > 0.005: return x > y
                case (.some, nil): return true
                case (nil, .some): return false
                default: return a.offset < b.offset
                }
            }
        }.map(\.element)
        return BudgetCuts(
            top: top, bottom: bottom, saturation: saturation, lowestFeasibleBudget: lowest.budget, setBy: lowest.setBy,
            sampled: sampled != nil, samplingReason: sampled, breakpoints: breakpoints, cutOrder: ranked, stoppedByTimeLimit: stopped,
            nested: nested)
    }
}

/// ``Formulation/allocations(_:)`` and ``Formulation/planValue(amounts:)`` for the many levels of
/// one walk, to the same bits: the program's request terms kept in flat arrays, and each
/// request's impact kept from the level before while its amount is the same (between one level
/// and the next, most are). One walk, one thread.
final class LevelValuer {
    let formulation: Formulation
    /// Request r's allocation terms are `starts[r]..<starts[r + 1]`.
    private let starts: [Int]
    private let columns: [Int]
    private let coefficients: [Double]
    /// Request r's impacts, KPI by KPI in its curves' order, are `kpiStarts[r]..<kpiStarts[r + 1]`.
    private let kpiStarts: [Int]
    private let kpis: [Int]
    private var impacts: [Double]
    private var amounts: [Double]

    init(_ formulation: Formulation) {
        self.formulation = formulation
        var starts = [0], columns: [Int] = [], coefficients: [Double] = []
        var kpiStarts = [0], kpis: [Int] = []
        for (model, given) in zip(formulation.requests, formulation.impactCurves) {
            for term in model.allocation {
                columns.append(term.variable.index)
                coefficients.append(term.coefficient)
            }
            starts.append(columns.count)
            kpis.append(contentsOf: given.curves.map(\.kpi))
            kpiStarts.append(kpis.count)
        }
        (self.starts, self.columns, self.coefficients) = (starts, columns, coefficients)
        (self.kpiStarts, self.kpis) = (kpiStarts, kpis)
        impacts = [Double](repeating: 0, count: kpis.count)
        amounts = [Double](repeating: .nan, count: formulation.requests.count)
    }

    /// ``Formulation/allocations(_:)``.
    func allocations(_ values: [Double]) -> [Double] {
        let count = starts.count - 1
        // Read through buffers: the class's arrays are not looked up (and checked) term by term.
        return [Double](unsafeUninitializedCapacity: count) { output, initialized in
            starts.withUnsafeBufferPointer { starts in
                columns.withUnsafeBufferPointer { columns in
                    coefficients.withUnsafeBufferPointer { coefficients in
                        values.withUnsafeBufferPointer { values in
                            formulation.impactCurves.withUnsafeBufferPointer { curves in
                                for r in 0..<count {
                                    var raw = 0.0
                                    for t in starts[r]..<starts[r + 1] { raw = raw + coefficients[t] * values[columns[t]] }
                                    output[r] = Formulation.allocation(raw, ask: curves[r].amount)
                                }
                            }
                        }
                    }
                }
            }
            initialized = count
        }
    }

    /// ``Formulation/planValue(amounts:)``.
    func value(_ given: [Double]) -> Double {
        var totals = [Double](repeating: 0, count: formulation.plan.kpis.count)
        // The kept impacts and amounts are taken out of the class while they are worked on, so
        // that the loop reads and writes plain local arrays.
        var impacts = self.impacts, amounts = self.amounts
        (self.impacts, self.amounts) = ([], [])
        defer { (self.impacts, self.amounts) = (impacts, amounts) }
        formulation.impactCurves.withUnsafeBufferPointer { curves in
            for r in given.indices {
                let amount = given[r]
                if amount != amounts[r] || amounts[r].isNaN {
                    let request = curves[r]
                    var k = kpiStarts[r]
                    if request.allOrNothing {
                        let funded = amount >= request.amount - Allocation.moneyTolerance(request.amount)
                        for (_, curve) in request.curves {
                            impacts[k] = funded ? request.confidence * curve.value(at: request.amount) : .nan
                            k += 1
                        }
                    } else {
                        let at = min(amount, formulation.requests[r].attainableMax)
                        for (_, curve) in request.curves {
                            impacts[k] = request.confidence * curve.value(at: at)
                            k += 1
                        }
                    }
                    amounts[r] = amount
                }
                for k in kpiStarts[r]..<kpiStarts[r + 1] where !impacts[k].isNaN { totals[kpis[k]] += impacts[k] }
            }
        }
        return formulation.planValue(totals: totals)
    }
}

extension Formulation {
    /// The plan's value at given allocations: worth-weighted KPI totals less soft-target penalties.
    func planValue(amounts: [Double]) -> Double {
        // KPI totals summed in place, curve by curve (no array per request: the walk of cuts
        // values every level this way).
        var totals = [Double](repeating: 0, count: plan.kpis.count)
        for index in allRequests.indices {
            let given = impactCurves[index]
            let amount = amounts[index]
            if given.allOrNothing {
                guard amount >= given.amount - Allocation.moneyTolerance(given.amount) else { continue }
                for (k, curve) in given.curves { totals[k] += given.confidence * curve.value(at: given.amount) }
            } else {
                let at = min(amount, requests[index].attainableMax)
                for (k, curve) in given.curves { totals[k] += given.confidence * curve.value(at: at) }
            }
        }
        return planValue(totals: totals)
    }

    /// The plan's value at given KPI totals (by KPI index).
    func planValue(totals: [Double]) -> Double {
        var value = 0.0
        for (k, kpi) in plan.kpis.enumerated() {
            value += kpi.worth * totals[k]
            if let target = kpi.target, let penalty = target.softPenalty {
                let tolerance = 1e-6 * max(1, abs(target.min ?? 0), abs(target.max ?? 0))
                let below = target.min.map { max(0, $0 - totals[k]) } ?? 0
                let above = target.max.map { max(0, totals[k] - $0) } ?? 0
                value -= penalty * (below > tolerance ? below : above > tolerance ? above : 0)
            }
        }
        return value
    }

    /// References in the plan's own order: the total budget, periods, rules, targets, then the rest.
    func orderedReferences(_ references: Set<PlanReference>) -> [PlanReference] {
        func rank(_ ref: PlanReference) -> (Int, Int, String) {
            switch ref {
            case .budget: return (0, 0, "")
            case .spend: return (0, 1, "")
            case .period(let period): return (1, plan.periods.firstIndex(of: period) ?? 0, period)
            case .rule(let id, let team): return (2, plan.constraints.firstIndex { $0.id == id } ?? 0, team ?? "")
            case .target(let id, _): return (3, plan.kpis.firstIndex { $0.id == id } ?? 0, id)
            default: return (4, 0, ref.id)
            }
        }
        return references.sorted { rank($0) < rank($1) }
    }
}
