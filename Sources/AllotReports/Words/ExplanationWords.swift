import Allot
import PlanFormat

/// An explanation in words: what every renderer says of it, from one place, so that the text,
/// JSON, Markdown, HTML and CSV say the same.
struct ExplanationWords: Sendable {
    let explanation: Explanation
    let words: Words
    let reasons: ReasonSentences
    let rules: RuleSentences

    init(_ explanation: Explanation) {
        self.explanation = explanation
        words = Words(plan: explanation.allocation.plan)
        reasons = ReasonSentences(words)
        rules = RuleSentences(words, integer: explanation.allocation.isInteger)
    }

    var format: Format { words.format }

    /// The reason of the request at `index` (in the order of the allocation's requests).
    func request(at index: Int) -> String {
        let result = explanation.allocation.requests[index]
        guard let request = words.request(result.id) else { return "" }
        return reasons.request(explanation.requests[index], result: result, request: request)
    }

    /// A team's summary and the reason behind most of its gap.
    func team(_ team: Allocation.TeamResult) -> (text: String, mainReason: String) {
        reasons.team(team, allocation: explanation.allocation, reasons: explanation.requests)
    }

    /// Each team's main reason, by team id.
    var mainReasons: [String: String] {
        Dictionary(explanation.allocation.teams.map { ($0.id, team($0).mainReason) }, uniquingKeysWith: { first, _ in first })
    }

    func rule(_ rule: Explanation.RuleReason) -> String { rules.text(rule) }

    /// How the figures were computed, in a phrase.
    var method: String { ExplanationNotes.method(explanation.method) }

    var notes: [String] { explanation.notes.map { ExplanationNotes.note($0, words) } }

    /// The unit value is given in.
    var valueUnit: String { words.valueUnit }
}
