extension PlanReading {
    static let budgetKeys: KeyList = ["total", "periods", "spendAll"]

    /// The plan's `budget`: an optional total, optional period budgets, and `spendAll`.
    func readBudget(_ located: Located) -> Budget? {
        guard let fields = fields(of: located, what: "a budget", allowed: Self.budgetKeys, example: "{\"total\": \"12M\"}") else {
            return nil
        }
        var budget = Budget()
        budget.total = fields["total"].flatMap(money)
        if let periods = fields["periods"] { budget.periods = readPeriodBudgets(periods) ?? [:] }
        budget.spendAll = fields["spendAll"].flatMap(bool) ?? false
        if budget.spendAll, !fields.has("total"), let spendAll = fields["spendAll"] {
            error("spendAll needs a total to spend: add \"total\" to the budget, or set spendAll to false", at: spendAll.path)
        }
        if let total = budget.total, let periods = fields["periods"] {
            warnIfPeriodBudgets(budget.periods, differFrom: total, at: periods.path)
        }
        return budget
    }

    /// An object of money by period name, such as `{"H1": "6M", "H2": "6M"}`.
    func readPeriodBudgets(_ located: Located) -> [String: Double]? {
        guard let entries = entries(located, "an object of budgets by period, such as {\"H1\": \"6M\", \"H2\": \"6M\"}") else {
            return nil
        }
        if catalog.periods.isEmpty, !catalog.incomplete.contains(.periods) {
            error("the plan has no periods: add \"periods\" at the top level (such as [\"H1\", \"H2\"]), or leave out the period budgets", at: located.path)
            return nil
        }
        var budgets: [String: Double] = [:]
        for entry in entries {
            let known = checkReference(entry.key, to: .periods, at: entry.value.path, position: entry.keyPosition)
            if let amount = money(entry.value), known { budgets[entry.key] = amount }
        }
        return budgets
    }

    /// Warns when period budgets add up to something other than the total.
    ///
    /// Periods without a budget are unlimited, so a sum below the total only matters when
    /// every period has a budget.
    func warnIfPeriodBudgets(_ budgets: [String: Double], differFrom total: Double, at path: JSONPath) {
        guard !budgets.isEmpty else { return }
        let sum = budgets.values.reduce(0, +)
        let everyPeriod = catalog.periods.allSatisfy { budgets[$0] != nil }
        guard abs(sum - total) > 1e-9 * max(1, total), everyPeriod || sum > total else { return }
        warning(
            "the period budgets sum to \(Money.short(sum)), not the total \(Money.short(total)): spend is held to both, and there is no carry-over between periods",
            at: path)
    }
}
