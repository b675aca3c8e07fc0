import Allot
import PlanFormat

/// What the report shows about other totals and other choices: the walk of the total budget
/// (value against the total, allocation by team, the order of cuts, the what-if slider) and the
/// room to negotiate. Each is computed once per report, within the command's deadline; one that
/// could not be computed leaves a note instead.
package struct ReportBudgets: Sendable {
    /// The walk of `allot cuts` from the budget in force down to the lowest feasible total.
    package let cuts: BudgetCuts?
    /// Why there is no walk (nil when there is one).
    package let cutsNote: String?
    /// Room to negotiate within ``tolerance`` of the best value.
    package let room: RoomToNegotiate?
    /// Why the ranges are missing or incomplete.
    package let roomNote: String?
    /// The slider's data, read from the walk.
    package let slider: Slider?

    /// The tolerance of the room to negotiate the report shows: 1% of the best value.
    package static let tolerance = 0.01

    package init(cuts: BudgetCuts?, cutsNote: String?, room: RoomToNegotiate?, roomNote: String?, plan: Plan) {
        self.cuts = cuts
        self.room = room
        var roomNote = roomNote
        if let room, room.teams.count < plan.teams.count, roomNote == nil {
            roomNote = "The time limit stopped the ranges after \(room.teams.count) of \(plan.teams.count) teams."
        }
        self.roomNote = roomNote
        if let cuts, cuts.breakpoints.isEmpty {
            self.cutsNote = cutsNote ?? "The time limit passed before the first level of the walk was computed."
            slider = nil
        } else {
            self.cutsNote = cutsNote
            slider = cuts.map { Slider($0, plan: plan) }
        }
    }

    /// Why a walk could not start, as the report says it.
    package static func note(_ error: CutsError, _ f: Format) -> String {
        switch error {
        case .noTotalBudget:
            return "The plan has no total budget, so there is no total to move: no walk, cut order or what-if."
        case .infeasibleAtAnyBudget:
            return "No total budget lets every rule hold, so the walk could not be computed."
        case .topBelowLowestFeasible(_, let lowest, _):
            return "The budget in force is below the lowest total at which every rule can hold (\(f.money(lowest, rounded: .up))), so the walk could not be computed."
        case .outOfTime:
            return "The time limit passed before the walk of the total budget could be computed (give a longer --time-limit): no value curve, cut order or what-if."
        }
    }
}

/// The what-if slider over the total budget (formulation.md, "The what-if slider").
///
/// For a linear plan every allocation is linear in the total between two breakpoints of the
/// walk, so each request keeps only the breakpoints where its own slope changes, and any total
/// reads exactly between two of them; at an exact breakpoint the segment above it holds. For
/// sampled walks (integer, least-spend, spend-all, pro-rata plans) a total shows the computed
/// level at or below it.
package struct Slider: Sendable {
    /// One team's or request's allocation against the total: points from the top down.
    package struct Series: Sendable {
        package let id: String
        package let budgets: [Double]
        package let amounts: [Double]
    }

    /// Whether a total reads exactly (a linear walk) or at the computed level at or below it.
    package let exact: Bool
    /// The walk's levels from the top down, and the value at each.
    package let levels: [Double]
    package let values: [Double]
    package let teams: [Series]
    /// Per request; nil above ``requestLimit`` requests or ``byteLimit`` of data (teams only).
    package let requests: [Series]?
    /// The number of requests, when they are left out.
    package let requestsLeftOut: Int?

    /// Requests beyond which the slider carries teams only.
    package static let requestLimit = 2_000
    /// Bytes of request data beyond which the slider carries teams only.
    package static let byteLimit = 5_000_000

    package var top: Double { levels.first ?? 0 }
    package var bottom: Double { levels.last ?? 0 }

    init(_ cuts: BudgetCuts, plan: Plan) {
        exact = !cuts.sampled
        // Levels from the top down; a level at (or a hair below) the one before is the same total.
        var kept: [BudgetCuts.Breakpoint] = []
        for point in cuts.breakpoints where kept.last.map({ $0.budget - point.budget > 0.005 }) ?? true { kept.append(point) }
        levels = kept.map { Self.cents($0.budget) }
        values = kept.map { Self.cents($0.value) }
        let exact = exact
        let levels = levels
        func series(_ id: String, _ amounts: [Double]) -> Series {
            let amounts = amounts.map(Self.cents)
            guard exact else { return Series(id: id, budgets: levels, amounts: amounts) }
            return Self.compressed(id: id, budgets: levels, amounts: amounts)
        }
        var requestSeries: [Series] = []
        var teamSeries: [Series] = []
        for team in plan.teams {
            var sums = [Double](repeating: 0, count: kept.count)
            for request in team.requests {
                let amounts = kept.map { $0.allocations[request.id] ?? 0 }
                for k in sums.indices { sums[k] += amounts[k] }
                if plan.requests.count <= Self.requestLimit { requestSeries.append(series(request.id, amounts)) }
            }
            teamSeries.append(series(team.id, sums))
        }
        teams = teamSeries
        let bytes = requestSeries.reduce(0) { $0 + 40 + $1.id.utf8.count + 24 * $1.budgets.count }
        if plan.requests.count <= Self.requestLimit, bytes <= Self.byteLimit {
            requests = requestSeries
            requestsLeftOut = nil
        } else {
            requests = nil
            requestsLeftOut = plan.requests.count
        }
    }

    static func cents(_ amount: Double) -> Double { (amount * 100).rounded() / 100 }

    /// The points where the series' slope changes (always both ends): linear interpolation
    /// between the points kept gives every point left out to within a tenth of a cent.
    static func compressed(id: String, budgets: [Double], amounts: [Double]) -> Series {
        guard budgets.count > 2 else { return Series(id: id, budgets: budgets, amounts: amounts) }
        var keptB = [budgets[0]], keptA = [amounts[0]]
        for k in 1..<(budgets.count - 1) {
            let (b0, a0) = (keptB[keptB.count - 1], keptA[keptA.count - 1])
            let (b1, a1) = (budgets[k + 1], amounts[k + 1])
            let width = b0 - b1
            let line = width > 0 ? a1 + (a0 - a1) * (budgets[k] - b1) / width : a0
            if abs(line - amounts[k]) > 0.001 || width <= 0 {
                keptB.append(budgets[k])
                keptA.append(amounts[k])
            }
        }
        keptB.append(budgets[budgets.count - 1])
        keptA.append(amounts[amounts.count - 1])
        return Series(id: id, budgets: keptB, amounts: keptA)
    }

    /// The total the slider shows for `total`: clamped to the walk's range, and for a sampled
    /// walk the computed level at or below it.
    package func shownTotal(_ total: Double) -> Double {
        let clamped = min(max(total, bottom), top)
        guard !exact else { return clamped }
        return levels.first { $0 <= clamped + 0.005 } ?? bottom
    }

    /// A series' amount at a total (clamped to the walk's range).
    package func amount(_ series: Series, at total: Double) -> Double {
        Self.read(budgets: series.budgets, amounts: series.amounts, at: shownTotal(total), exact: exact)
    }

    /// The plan's value at a total.
    package func value(at total: Double) -> Double {
        Self.read(budgets: levels, amounts: values, at: shownTotal(total), exact: exact)
    }

    /// Points from the top down: at or above the top, the top's amount; otherwise the segment
    /// whose upper end is above the total and whose lower end is at or below it (at an exact
    /// breakpoint, the segment above), read on its line; for samples, the level itself.
    static func read(budgets: [Double], amounts: [Double], at total: Double, exact: Bool) -> Double {
        guard let first = budgets.first else { return 0 }
        if total >= first { return amounts[0] }
        for i in 0..<(budgets.count - 1) where budgets[i + 1] <= total && total < budgets[i] {
            guard exact else { return amounts[i + 1] }
            let t = (total - budgets[i + 1]) / (budgets[i] - budgets[i + 1])
            return amounts[i + 1] + t * (amounts[i] - amounts[i + 1])
        }
        return amounts[amounts.count - 1]
    }
}
