// Placeholders until the deadline and the JSON contracts land.
import Allot
import AllotReports

struct Deadline {
    let seconds: Double
    init(seconds: Double) { self.seconds = seconds }
}

extension PlanSolveOptions {
    var deadline: Deadline {
        get { Deadline(seconds: timeLimit) }
        set { timeLimit = newValue.seconds }
    }
}

extension ExplainOptions {
    init(thresholds: Thresholds = .automatic, ruleEffects: Bool = true, deadline: Deadline) {
        self.init(thresholds: thresholds, ruleEffects: ruleEffects, timeLimit: deadline.seconds)
    }
}

