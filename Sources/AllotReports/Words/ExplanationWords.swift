import Allot
import PlanFormat

/// An explanation in words: what every renderer says of it, from one place, so that the text,
/// JSON, Markdown, HTML and CSV say the same.
struct ExplanationWords: Sendable {
    let explanation: Explanation
    let words: Words
    let reasons: ReasonSentences
    let rules: RuleSentences
    /// Each request's reason, by request id: renderers match reasons to requests by id, never
    /// by position in parallel arrays.
    let reasonByID: [String: Explanation.RequestReason]

    init(_ explanation: Explanation) {
        self.explanation = explanation
        words = Words(plan: explanation.allocation.plan)
        reasons = ReasonSentences(words)
        rules = RuleSentences(words, integer: explanation.allocation.isInteger)
        reasonByID = Dictionary(explanation.requests.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        resultByID = Dictionary(explanation.allocation.requests.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// Each request's result in the allocation, by request id.
    let resultByID: [String: Allocation.RequestResult]

    /// The reason of a request, by its id.
    func reason(_ id: String) -> Explanation.RequestReason? { reasonByID[id] }

    /// A request's result in the allocation, by its id.
    func result(_ id: String) -> Allocation.RequestResult? { resultByID[id] }

    var format: Format { words.format }

    /// The reason of a request of the allocation, in words (matched by id).
    func request(_ result: Allocation.RequestResult) -> String {
        guard let request = words.request(result.id), let reason = reasonByID[result.id] else { return "" }
        return reasons.request(reason, result: result, request: request)
    }

    /// A team's summary and the reason behind most of its gap.
    func team(_ team: Allocation.TeamResult) -> (text: String, mainReason: String) {
        reasons.team(team, allocation: explanation.allocation, reasons: reasonByID)
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
