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

enum CheckJSON {
    struct Summary {
        let teams, requests, kpis, rules, scenarios: Int
        let integer: Bool
        let columns, rows: Int
    }

    static func render(file: String, errors: [PlanError], warnings: [PlanWarning], summary: Summary?) -> JSONValue {
        .object([("file", .string(file)), ("valid", .bool(errors.isEmpty))])
    }
}

extension AllocationJSON {
    static func render(_ allocation: Allocation, timing: Bool) -> JSONValue { render(allocation) }
}
