@testable import Allot
@testable import AllotReports
@testable import PlanFormat

/// What the renderers say of the domain's facts, for tests that check the words: the same
/// sentences every output shows, from AllotReports.
extension Explanation {
    var said: ExplanationWords { ExplanationWords(self) }

    /// A request's reason in words.
    func text(_ reason: RequestReason) -> String {
        said.request(allocation.requests.first { $0.id == reason.id }!)
    }

    /// A rule's sentences.
    func text(_ rule: RuleReason) -> String { said.rule(rule) }

    /// Every team's summary.
    var teamTexts: [String] { allocation.teams.map { said.team($0).text } }

    /// The notes in words.
    var noteTexts: [String] { said.notes }

    /// How the figures were computed, in words.
    var methodText: String { said.method }
}

extension Allocation {
    /// The diagnosis in words.
    var diagnosisWords: DiagnosisSentences { DiagnosisSentences(Words(plan: plan), allocation: self) }

    /// The diagnosis's summary.
    var summary: String? { diagnosis.map(diagnosisWords.summary) }

    /// A conflict's fix in words.
    func relaxation(_ conflict: Diagnosis.Conflict) -> String? { diagnosisWords.relaxation(conflict) }
}
