/// A request's spending limits as read: committed minimum, most it could use, whole units.
struct RequestBounds {
    var min: Double = 0
    var max: Double = 0
    var unitCost: Double?
    var minIfFunded: Double?
    var allOrNothing = false
}

extension PlanReading {
    /// `min`, `max`, `unitCost`, `minIfFunded` and `allOrNothing`, checked against the amount
    /// and each other.
    func readBounds(_ fields: Fields, amount: Double?) -> RequestBounds {
        var bounds = RequestBounds()
        let minimum = fields["min"].flatMap(money)
        let maximum = fields["max"].flatMap(money)
        bounds.allOrNothing = fields["allOrNothing"].flatMap(bool) ?? false
        bounds.min = minimum ?? 0
        bounds.max = maximum ?? amount ?? 0
        if let amount, let minimum, minimum > amount, let path = fields["min"]?.path {
            error("min \(Money.short(minimum)) is above the amount \(Money.short(amount)): committed spend cannot exceed the ask", at: path)
        }
        if let amount, let maximum, maximum < amount, let path = fields["max"]?.path {
            error("max \(Money.short(maximum)) is below the amount \(Money.short(amount)): max is the most the team could use, at least its ask", at: path)
        }
        if bounds.allOrNothing, let amount, let maximum, maximum != amount, let path = fields["max"]?.path {
            error(
                "an allOrNothing request is funded at exactly its amount: max \(Money.short(maximum)) differs from the amount \(Money.short(amount)); remove max or make it equal",
                at: path)
        }
        if let unitCost = fields["unitCost"] {
            bounds.unitCost = money(unitCost)
            if bounds.unitCost == 0 {
                error("unitCost must be above 0: it is the cost of one unit (such as one hire)", at: unitCost.path)
                bounds.unitCost = nil
            }
            if let cost = bounds.unitCost, let amount {
                checkUnits(cost, fields: fields, amount: amount, bounds: bounds, maxGiven: maximum != nil)
            }
        }
        if let located = fields["minIfFunded"], let value = money(located) {
            if value == 0 {
                error("minIfFunded must be above 0: it is the smallest useful allocation (leave it out if any amount helps)", at: located.path)
            } else if amount != nil, value > bounds.max {
                error(
                    "minIfFunded \(Money.short(value)) is above max \(Money.short(bounds.max)): the request could never be funded; lower it to at most \(Money.short(bounds.max))",
                    at: located.path)
            } else {
                bounds.minIfFunded = value
            }
        }
        return bounds
    }

    /// Whether a whole number of units fits between min and max; warns about rounding.
    func checkUnits(_ cost: Double, fields: Fields, amount: Double, bounds: RequestBounds, maxGiven: Bool) {
        let costPath = fields["unitCost"]!.path
        let costText = Money.short(cost)
        let mostUnits = (bounds.max / cost + 1e-9).rounded(.down)
        let fewestUnits = (bounds.min / cost - 1e-9).rounded(.up)
        let maxName = maxGiven ? "max \(Money.short(bounds.max))" : "the amount \(Money.short(bounds.max))"
        if mostUnits < 1 {
            error("unitCost \(costText) is above \(maxName): not one unit can be funded; lower unitCost or raise \(maxGiven ? "max" : "the amount")", at: costPath)
            return
        }
        if fewestUnits * cost > bounds.max * (1 + 1e-12) {
            error(
                "no whole number of units of \(costText) lies between min \(Money.short(bounds.min)) and \(maxName); change min, max or unitCost",
                at: costPath)
            return
        }
        let units = { (count: Double) in "\(NumberText.significant(count)) unit\(count == 1 ? "" : "s") (\(Money.short(count * cost)))" }
        if !Self.isWhole(amount / cost), let path = fields["amount"]?.path {
            if maxGiven, bounds.max != amount {
                let needed = (amount / cost - 1e-9).rounded(.up)
                warning("the amount \(Money.short(amount)) is not a whole number of units of \(costText): full funding takes \(units(needed))", at: path)
            } else {
                warning("the amount \(Money.short(amount)) is not a whole number of units of \(costText): at most \(units(mostUnits)) can be funded", at: path)
            }
        }
        if maxGiven, bounds.max != amount, !Self.isWhole(bounds.max / cost), let path = fields["max"]?.path {
            warning("max \(Money.short(bounds.max)) is not a whole number of units of \(costText): at most \(units(mostUnits)) can be funded", at: path)
        }
        if bounds.min > 0, !Self.isWhole(bounds.min / cost), let path = fields["min"]?.path {
            warning("min \(Money.short(bounds.min)) is not a whole number of units of \(costText): at least \(units(fewestUnits)) will be funded", at: path)
        }
    }

    static func isWhole(_ value: Double) -> Bool {
        abs(value - value.rounded()) <= 1e-9 * max(1, abs(value))
    }
}
