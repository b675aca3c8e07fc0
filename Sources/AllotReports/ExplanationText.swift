import Allot
import PlanFormat

/// The explanation in words, team by team: `allot explain`.
public enum ExplanationText {
    public static func render(_ explanation: Explanation, teams filter: Set<String>? = nil) -> String {
        let allocation = explanation.allocation
        let plan = allocation.plan
        var out = "\(plan.name)" + (allocation.scenario.map { " · scenario: \($0.name)" } ?? "") + "\n"
        if allocation.status == .infeasible || allocation.status == .noSolution {
            return AllocationText.render(allocation)
        }
        let f = Formats(currency: plan.currency)
        out += AllocationText.wrap(AllocationText.headline(allocation, explanation: explanation, f), width: 96) + "\n"
        if let line = explanation.fundingLine, line > 1e-9 {
            out += "Funding line: every freely placed dollar clears \(f.perDollar(line)) of value.\n"
        }
        for period in allocation.periods where (period.cutoff ?? 0) > 1e-9 {
            out += "  In \(period.period) the funding line is \(f.perDollar(period.cutoff!)).\n"
        }
        out += "Figures from \(explanation.method).\n"
        for (team, reason) in zip(plan.teams, explanation.teams) where filter?.contains(team.id) ?? true {
            out += "\n" + AllocationText.wrap(reason.text, width: 96) + "\n"
            for position in allocation.requestRange(ofTeam: team.id) {
                let requestReason = explanation.requests[position]
                let wrapped = AllocationText.wrap(requestReason.text, width: 92).split(separator: "\n")
                out += wrapped.enumerated().map { ($0.offset == 0 ? "  • " : "    ") + $0.element }.joined(separator: "\n") + "\n"
            }
        }
        let binding = explanation.rules.filter(\.binding)
        if !binding.isEmpty, filter == nil {
            out += "\nRules that shape the proposal:\n"
            for rule in binding {
                let wrapped = AllocationText.wrap(rule.text, width: 92).split(separator: "\n")
                out += wrapped.enumerated().map { ($0.offset == 0 ? "  • " : "    ") + $0.element }.joined(separator: "\n") + "\n"
            }
        }
        for note in explanation.notes { out += "\n" + AllocationText.wrap("Note: " + note, width: 96) + "\n" }
        out += AllocationText.warnings(allocation)
        return out
    }
}
