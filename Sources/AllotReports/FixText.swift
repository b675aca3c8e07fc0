import Allot
import PlanFormat

/// Edits of a plan file in words, for `allot fix`.
package enum FixText {
    /// Each edit as a line: what it changes, from what to what, and its JSON Pointer.
    package static func edits(_ edits: [PlanEdit], of allocation: Allocation) -> [String] {
        let sentences = DiagnosisSentences(Words(plan: allocation.plan), allocation: allocation)
        return edits.map(sentences.edit)
    }
}
