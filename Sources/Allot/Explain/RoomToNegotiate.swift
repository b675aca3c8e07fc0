import LinearSolver
import PlanFormat

/// Room to negotiate (formulation.md): for each team (and request), the least and the most it can
/// get among allocations worth at least the best less a tolerance. Each range holds for that team
/// alone, the others free: two teams at their ends at once may not be attainable.
package struct RoomToNegotiate: Sendable {
    /// One end of a range: the amount, whether it is proven (integer plans may stop early), the
    /// allocation that attains it as changes from the proposal, and who pays for it.
    package struct End: Sendable {
        package let amount: Double
        package let proven: Bool
        /// Request id to change from the proposal, for the requests that change.
        package let attainedBy: [String: Double]
        /// Team id to change, for the other teams that change.
        package let paidBy: [(team: String, change: Double)]
    }

    package struct Range: Sendable {
        package let id: String
        package let least, most: End
    }

    /// The tolerance, as a fraction of the best value, and in value.
    package let tolerance, valueTolerance: Double
    package let teams: [Range]
    /// Per request, for plans of at most 2,000 requests (or the teams asked for).
    package let requests: [Range]
}

extension SolvedPlan {
    /// The room to negotiate within `tolerance` (0.01 for 1%) of the best value.
    ///
    /// - Parameter teams: requests are ranged for these teams, or for every team when nil and the
    ///   plan has at most 2,000 requests.
    package func room(within tolerance: Double, teams: Set<String>? = nil, deadline: Deadline) throws -> RoomToNegotiate? {
        guard allocation.status == .optimal || allocation.status == .feasible, let best = base.objective else { return nil }
        let slack = tolerance * abs(best)
        var program = formulation.program
        let objective = program.variables.map(\.objective)
        program.addConstraint(
            name: "value_floor", terms: objective.enumerated().filter { $0.element != 0 }.map { (LinearProgram.VariableID($0.offset), $0.element) },
            lowerBound: best - slack, upperBound: nil)
        let solver = try Solver(program)
        var settings = SolveOptions()
        settings.deadline = deadline
        let proposal = allocation.requests.map(\.allocated)
        let ids = formulation.allRequests.map(\.id)

        func end(_ members: [Int], maximize: Bool) throws -> RoomToNegotiate.End? {
            guard !deadline.isPast else { return nil }
            for index in objective.indices { try solver.setObjective(of: LinearProgram.VariableID(index), to: 0) }
            for r in members {
                for term in formulation.requests[r].allocation {
                    try solver.setObjective(of: term.variable, to: (maximize ? 1 : -1) * term.coefficient)
                }
            }
            let solution = try solver.solve(settings)
            guard solution.status.hasFeasibleSolution, let values = solution.values else { return nil }
            let amounts = formulation.allocations(values)
            var changes: [String: Double] = [:]
            for r in amounts.indices where abs(amounts[r] - proposal[r]) > 0.5 { changes[ids[r]] = amounts[r] - proposal[r] }
            var byTeam: [(String, Double)] = []
            let own = Set(members.map { formulation.allRequests[$0].team })
            for team in formulation.plan.teams where !own.contains(team.id) {
                let change = formulation.allRequests.indices.filter { formulation.allRequests[$0].team == team.id }
                    .reduce(0) { $0 + amounts[$1] - proposal[$1] }
                if abs(change) > 0.5 { byTeam.append((team.id, change)) }
            }
            return RoomToNegotiate.End(
                amount: members.reduce(0) { $0 + amounts[$1] }, proven: solution.status == .optimal, attainedBy: changes,
                paidBy: byTeam.map { (team: $0.0, change: $0.1) })
        }

        var teamRanges: [RoomToNegotiate.Range] = []
        for team in formulation.plan.teams {
            let members = formulation.allRequests.indices.filter { formulation.allRequests[$0].team == team.id }
            guard let least = try end(members, maximize: false), let most = try end(members, maximize: true) else { break }
            teamRanges.append(.init(id: team.id, least: least, most: most))
        }
        var requestRanges: [RoomToNegotiate.Range] = []
        let rangedTeams = teams ?? (ids.count <= 2000 ? Set(formulation.plan.teams.map(\.id)) : [])
        for r in ids.indices where rangedTeams.contains(formulation.allRequests[r].team) {
            guard let least = try end([r], maximize: false), let most = try end([r], maximize: true) else { break }
            requestRanges.append(.init(id: ids[r], least: least, most: most))
        }
        return RoomToNegotiate(tolerance: tolerance, valueTolerance: slack, teams: teamRanges, requests: requestRanges)
    }
}
