import LinearSolver
import PlanFormat

/// What an allocation is kept close to when several are equally good (formulation.md, "Equal
/// value, chosen allocation"): for another total budget of the same plan, the plan's own
/// allocation at its budget; for scenarios and versions, the first column of the comparison.
public enum ChangeReference: Sendable {
    /// The plan's own allocation at this total budget, found by a re-solve of the same program.
    case budget(Double)
    /// Allocations by request id, and what to call them; requests not listed move freely.
    case allocation(label: String, amounts: [String: Double])
}

/// How an allocation was chosen among equally good ones: the one that moves the least money
/// from a reference allocation.
package struct LeastChangeChoice: Sendable, Equatable {
    /// The total budget of the reference allocation, or the label of the column it comes from.
    package let referenceBudget: Double?
    package let referenceLabel: String?
    /// Whether other allocations of the same value exist: `true` for a linear plan whose optimum
    /// is not unique, or an integer plan where the choice differs from the solver's own; nil when
    /// not known (an integer plan where the two agree).
    package let severalEquallyGood: Bool?
    /// Money moved from the reference, summed over the requests it lists (|change| each): by the
    /// allocation chosen, and by the one the solver's tie-breaks alone give.
    package let moved, movedWithoutChoice: Double
}

extension Formulation {
    /// Reduced costs within this of zero are ties in value: the program shades each dollar's
    /// value by about 1e-8 of itself, and a hair more per dollar, to break ties ("Ties").
    static let tieTolerance = OptimalFaceTolerance(relative: 2e-8, absolute: 2e-9)

    /// Whether a linear optimum is the only allocation of its value: no non-basic column whose
    /// reduced cost is zero up to the tie-breaks (it could enter the basis at no cost in value).
    /// Nil for integer plans and points that are not a linear optimum.
    func isUniqueOptimum(_ solution: Solution) -> Bool? {
        guard !solution.isInteger, solution.status == .optimal, let reduced = try? solution.allReducedCosts() else { return nil }
        let tolerance = Self.tieTolerance
        for index in reduced.indices {
            guard let status = try? solution.basisStatus(of: LinearProgram.VariableID(index)), status != .basic else { continue }
            let variable = program.variables[index]
            if variable.lowerBound == variable.upperBound { continue }
            if abs(reduced[index]) <= tolerance.relative * abs(variable.objective) + tolerance.absolute { return false }
        }
        return true
    }

    /// Sets the total budget in force, and the floors that move with it (pro-rata fairness), for
    /// the length of a scope.
    func setTotal(_ budget: Double, _ changes: inout ScopedChanges) throws {
        if let row = totalBudgetRow {
            try changes.setBounds(of: row, lower: plan.budget.spendAll ? budget : nil, upper: budget)
        }
        for (row, role) in rowRoles.enumerated() {
            guard case .fairness(let c, let team) = role, case .fairness(let fairness) = plan.constraints[c].kind,
                  fairness.basis == .proRata
            else { continue }
            let members = select(plan.constraints[c].scope)
            guard let mine = membersByTeam(members).first(where: { $0.team.id == team })?.members else { continue }
            let floor = fairnessFloor(effectiveFraction(fairness, team: team, members: members, total: budget), mine)
            try changes.setBounds(of: LinearProgram.ConstraintID(row), lower: floor, upper: nil)
        }
    }

    /// Money moved between two allocations (by index) over the requests a reference lists.
    func moved(_ amounts: [Double], from reference: [String: Double]) -> Double {
        allRequests.indices.reduce(0) { total, r in
            guard let before = reference[allRequests[r].id] else { return total }
            return total + abs(amounts[r] - before)
        }
    }

    /// Among the allocations as good as `solution` (a solution of `solver`'s program as it
    /// stands), the one that moves the least money from `reference` (by request id); ties in
    /// that broken by file order (requests earlier in the file keep theirs first).
    ///
    /// Nil when there is nothing to choose (a unique linear optimum), the plan minimises spend,
    /// or the choice could not be made in time or would lose value: keep `solution` then.
    func leastChange(
        _ solver: Solver, _ solution: Solution, from reference: [String: Double], deadline: Deadline
    ) throws -> Solution? {
        guard plan.objective == .maximizeValue, solution.values != nil, !deadline.isPast,
              isUniqueOptimum(solution) != true
        else { return nil }
        let count = Double(max(allRequests.count, 1))
        var targets: [LinearTarget] = []
        for (r, request) in allRequests.enumerated() {
            guard let amount = reference[request.id], amount.isFinite else { continue }
            targets.append(LinearTarget(
                terms: requests[r].allocation, value: amount, weight: 1 + 1e-6 * (count - Double(r)) / count))
        }
        guard !targets.isEmpty else { return nil }
        var options = SolveOptions()
        options.deadline = deadline
        // The integer form is a search of its own: a share of what is left, and never long.
        if solution.isInteger { options.timeLimit = min(10, max(deadline.remaining / 4, Deadline.minimumSolveSeconds)) }
        let best = solution.objective ?? 0
        guard let chosen = try solver.closestOptimum(
            of: solution, to: targets, tolerance: Self.tieTolerance, valueSlack: 3e-8 * max(1, abs(best)), options: options),
            let before = solution.values, let after = chosen.values
        else { return nil }
        // The choice keeps the value (to a part in 1e9): otherwise the solver's own is kept.
        let (old, new) = (planValue(amounts: allocations(before)), planValue(amounts: allocations(after)))
        guard new >= old - 1e-9 * max(1, abs(old)) else { return nil }
        return chosen
    }
}
