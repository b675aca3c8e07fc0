import Allot
import PlanFormat

/// The explanation in words, team by team: `allot explain`.
package enum ExplanationText {
    package static func render(_ explanation: Explanation, teams filter: Set<String>? = nil) -> String {
        let allocation = explanation.allocation
        let plan = allocation.plan
        var out = "\(plan.name)" + (allocation.scenario.map { " · scenario: \($0.name)" } ?? "") + "\n"
        if allocation.status == .infeasible || allocation.status == .noSolution {
            return AllocationText.render(allocation)
        }
        let said = ExplanationWords(explanation)
        let f = said.format
        out += AllocationText.wrap(AllocationText.headline(allocation, explanation: explanation, f), width: 96) + "\n"
        out += AllocationText.fundingLines(allocation, annual: explanation.annualFundingLine, f)
        out += "Figures from \(said.method).\n"
        for team in allocation.teams where filter?.contains(team.id) ?? true {
            out += "\n" + AllocationText.wrap(said.team(team).text, width: 96) + "\n"
            for position in allocation.requestRange(ofTeam: team.id) {
                let wrapped = AllocationText.wrap(said.request(allocation.requests[position]), width: 92).split(separator: "\n")
                out += wrapped.enumerated().map { ($0.offset == 0 ? "  • " : "    ") + $0.element }.joined(separator: "\n") + "\n"
            }
        }
        // Rules that change the proposal, then those merely at their limits (listed as such).
        let shaping = explanation.rules.filter(\.shapesProposal)
        let idle = explanation.rules.filter { $0.binding && !$0.shapesProposal }
        for (heading, rules) in [("Rules that shape the proposal:", shaping), ("At their limits, without changing the proposal:", idle)]
        where !rules.isEmpty && filter == nil {
            out += "\n\(heading)\n"
            for rule in rules {
                let wrapped = AllocationText.wrap(said.rule(rule), width: 92).split(separator: "\n")
                out += wrapped.enumerated().map { ($0.offset == 0 ? "  • " : "    ") + $0.element }.joined(separator: "\n") + "\n"
            }
        }
        for note in said.notes { out += "\n" + AllocationText.wrap("Note: " + note, width: 96) + "\n" }
        out += AllocationText.warnings(allocation)
        return out
    }
}
