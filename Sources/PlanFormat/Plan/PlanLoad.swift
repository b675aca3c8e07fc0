/// A plan read from a file, with the warnings found while reading it.
public struct PlanLoad: Sendable, Equatable {
    public let plan: Plan
    /// Things allowed but worth a word, in file order.
    public let warnings: [PlanWarning]

    public init(plan: Plan, warnings: [PlanWarning] = []) {
        self.plan = plan
        self.warnings = warnings
    }
}
