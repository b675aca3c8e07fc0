import Allot
import PlanFormat

/// How an explanation's figures were computed, and the notes a reader needs to read them right.
enum ExplanationNotes {
    /// "re-solving the plan 1004 times within a time limit of 300 s", or "the prices of the
    /// proposal, and 12 re-solves for what-it-would-take figures". Counts, never measured times:
    /// the same plan gives the same words.
    static func method(_ method: Explanation.Method) -> String {
        switch method {
        case .prices(let resolves):
            return "the prices of the proposal, and \(resolves) re-solves for what-it-would-take figures"
        case .resolving(let resolves, let each, let within):
            let limit = each.map { " (each allowed up to \(NumberText.significant($0, digits: 3)) s)" }
                ?? within.map { " within a time limit of \(NumberText.significant($0, digits: 3)) s" } ?? ""
            return "re-solving the plan \(resolves) \(resolves == 1 ? "time" : "times")\(limit)"
        }
    }

    /// A note in words.
    static func note(_ note: Explanation.Note, _ words: Words) -> String {
        switch note {
        case .wholeUnits:
            return "This plan has whole heads or all-or-nothing items, so rule prices and what-it-would-take figures come from re-solving the plan with each change. The funding line, and what each request's \(words.format.unitNames) are weighed against, keep the proposed whole-unit choices as they are."
        case .notProvenOptimal:
            return "The proposal is the best found within the time limit, not proven optimal: the reasons say why this proposal funds what it does, not that no better one exists."
        case .stopped(let line, let requests, let asked, let rules, let checks):
            var leftOut: [String] = []
            if line { leftOut.append("the funding line") }
            if requests > 0 { leftOut.append("the what-it-would-take figures of \(requests) of \(asked) requests") }
            if rules > 0 {
                leftOut.append("the price, range or effects of \(rules) \(rules == 1 ? "rule that shapes" : "rules that shape") the proposal")
            }
            if checks > 0 {
                leftOut.append("whether \(checks) \(checks == 1 ? "rule" : "rules") not at \(checks == 1 ? "its limit" : "their limits") would shape it all the same")
            }
            let verb = leftOut.count == 1 && line ? "was" : "were"
            return "The time limit stopped the explanation before it was done: \(words.listed(leftOut)) \(verb) left out (each is marked where it would be), and nothing stated rests on a re-solve it cut short. A longer --time-limit gives the rest."
        case .budgetsByHalving:
            return "On a plan this large, the budget from which a request is fully funded is found by halving the budget range, which assumes more budget never takes funding away."
        case .leastSpend:
            return "This plan asks for the least spend that meets its targets, so its requests are not given the value per \(words.format.unitName) or budget at which they would be funded: those answer a question about value that this plan does not ask."
        case .thresholdsFor(let computed, let of):
            return "What-it-would-take figures were computed for \(computed) of \(of) requests; ask for the others with --team or --thresholds."
        case .causesChecked(let checked, let of):
            return "Reasons checked for \(checked) of \(of) requests: a rule is named as the cause of those requests' amounts only after re-solving without it; the others' reasons give the rules' prices, not causes (ask for them with --team or --thresholds, or a longer --time-limit)."
        }
    }
}
