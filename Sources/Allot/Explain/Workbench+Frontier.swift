import LinearSolver
import PlanFormat

/// Allocations along the total budget, from the top (beyond which nothing changes) down.
struct BudgetFrontier: Sendable {
    /// Budgets in decreasing order with every request's allocation there. For a linear plan
    /// these are the breakpoints, and allocations are linear between neighbours; for an integer
    /// plan they are samples.
    var points: [(budget: Double, amounts: [Double])]
    /// Whether the points are samples (integer plans) rather than exact breakpoints.
    var sampled: Bool

    /// For sampled frontiers: the samples around the budget below which the request stops being
    /// fully funded (walking down from the top), or nil when it is not fully funded at the top.
    func bracket(request index: Int, asked: Double) -> (low: Double, high: Double)? {
        guard let top = points.first, top.amounts[index] >= asked - 0.01 else { return nil }
        for k in 1..<max(points.count, 1) where k < points.count && points[k].amounts[index] < asked - 0.01 {
            return (points[k].budget, points[k - 1].budget)
        }
        return nil
    }

    /// The least budget from which a request gets at least `level` at every budget up to the top,
    /// or nil when it does not even at the top. Linear between breakpoints; for samples, the
    /// lowest sample from which it holds.
    func lowestBudget(request index: Int, atLeast level: Double) -> Double? {
        guard let top = points.first, top.amounts[index] >= level - 0.01 else { return nil }
        for k in 1..<max(points.count, 1) where k < points.count {
            let (low, lowAmounts) = points[k]
            guard lowAmounts[index] < level - 0.01 else { continue }
            let (high, highAmounts) = points[k - 1]
            if sampled { return high }
            let drop = highAmounts[index] - lowAmounts[index]
            guard drop > 1e-9 else { return high }
            return low + (level - lowAmounts[index]) / drop * (high - low)
        }
        return points.last?.budget
    }

    /// The least budget from which a request is fully funded at every budget up to the top,
    /// or nil when it is not fully funded at the top.
    func fullFundingBudget(request index: Int, asked: Double) -> Double? {
        lowestBudget(request: index, atLeast: asked)
    }
}

extension Workbench {
    /// Walks the total budget down from the top. Linear plans step from breakpoint to breakpoint
    /// by ranging the budget row and re-solving with the dual simplex; integer plans are sampled.
    /// The budget row, and the basis, are back as they were when it returns.
    func budgetFrontier(samples: Int = 16, maximumSteps: Int = 5000) throws -> BudgetFrontier? {
        guard let row = formulation.totalBudgetRow, !formulation.plan.budget.spendAll else { return nil }
        let top = try withTotalBudget(nil) { () -> Double? in
            let solution = try resolve()
            return solution.values.map { formulation.spend($0) }
        }
        guard let top, top > 0.01 else { return nil }
        var points: [(budget: Double, amounts: [Double])] = []
        if isInteger {
            for step in 0...samples {
                let budget = top * Double(samples - step) / Double(samples)
                let solution = try withTotalBudget(budget) { try resolve() }
                guard let amounts = amounts(solution) else { break }
                points.append((budget, amounts))
            }
            return BudgetFrontier(points: points, sampled: true)
        }
        try solver.withChanges { changes in
            var budget = top
            for _ in 0..<maximumSteps {
                try changes.setBounds(of: row, lower: nil, upper: budget)
                let solution = try resolve()
                guard solution.status == .optimal, let amounts = amounts(solution) else { break }
                points.append((budget, amounts))
                if budget <= 0.01 { break }
                let spend = formulation.spend(solution.values!)
                var next: Double
                if try solution.basisStatus(of: row) == .basic {
                    next = spend  // the budget does not bind: step to the current spend
                } else {
                    next = try solver.boundRanges(of: row).upperBound?.lower ?? 0
                }
                if next >= budget - max(budget * 1e-9, 0.01) { next = budget - max(budget * 1e-6, 1) }
                budget = max(next, 0)
            }
        }
        return BudgetFrontier(points: points, sampled: false)
    }
}

extension Workbench {
    /// The spend beyond which a larger budget changes nothing (nil without a total budget).
    func topOfFrontier() throws -> Double? {
        guard formulation.totalBudgetRow != nil, !formulation.plan.budget.spendAll else { return nil }
        return try withTotalBudget(nil) { () -> Double? in
            let solution = try resolve()
            return solution.values.map { formulation.spend($0) }
        }
    }

    /// The least budget at which a request is fully funded, by bisection between nothing and the
    /// top of the frontier (for large plans, where walking every breakpoint costs too much). It
    /// assumes that more budget never takes funding away, which holds unless targets or shares
    /// bind; the explanation says so.
    func fullFundingBudgetByBisection(request index: Int, top: Double, bottom: Double = 0, steps: Int = 30) throws -> Double? {
        let asked = formulation.allRequests[index].amount
        func isFull(_ budget: Double) throws -> Bool {
            try withTotalBudget(budget) {
                let solution = try resolve()
                guard let values = solution.values else { return false }
                let amount = formulation.requests[index].allocation.reduce(0) { $0 + $1.coefficient * values[$1.variable.index] }
                return amount >= asked - 0.01
            }
        }
        guard try isFull(top) else { return nil }
        var low = bottom, high = top
        for _ in 0..<steps where high - low > max(1, high * 1e-7) {
            let middle = (low + high) / 2
            if try isFull(middle) { high = middle } else { low = middle }
        }
        return high
    }
}
