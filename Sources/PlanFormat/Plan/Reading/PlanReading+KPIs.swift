extension PlanReading {
    static let kpiKeys: KeyList = ["id", "name", "unit", "worth", "target"]
    static let targetKeys: KeyList = ["min", "max", "soft"]

    /// The plan's `kpis`: at least one.
    func readKPIs(_ located: Located) -> [KPI] {
        guard let items = array(located, "an array of KPIs such as [{\"id\": \"arr\", \"worth\": 1}]") else {
            catalog.incomplete.insert(.kpis)
            return []
        }
        if items.isEmpty {
            error("kpis is empty: a plan needs at least one KPI, such as {\"id\": \"arr\", \"name\": \"Net new ARR\"}", at: located.path)
        }
        var kpis: [KPI] = []
        for item in items {
            guard let kpi = readKPI(item) else {
                catalog.incomplete.insert(.kpis)
                continue
            }
            kpis.append(kpi)
            kpiPaths.append(item)
            catalog.add(kpi.id, to: .kpis)
        }
        return kpis
    }

    func readKPI(_ located: Located) -> KPI? {
        let example = "{\"id\": \"arr\", \"name\": \"Net new ARR\", \"worth\": 1}"
        guard let fields = fields(of: located, what: "a KPI", allowed: Self.kpiKeys, example: example) else { return nil }
        let id = required(fields, "id", "every KPI needs an id, such as \"id\": \"arr\"").flatMap { self.id($0, example: "arr") }
        let name = fields["name"].flatMap { string($0, "the KPI's name as a string") }
        let unit = fields["unit"].flatMap { string($0, "the KPI's unit as a string, such as \"USD\" or \"pp\"") }
        let worth = fields["worth"].flatMap(readWorth) ?? 1
        let target = fields["target"].flatMap(readTarget)
        guard let id else { return nil }
        return KPI(id: id, name: name, unit: unit, worth: worth, target: target)
    }

    /// What one unit of a KPI is worth: a number or amount, at least 0.
    func readWorth(_ located: Located) -> Double? {
        guard let worth = quantity(located) else { return nil }
        if worth < 0 {
            error("worth must be at least 0 (what one unit of the KPI is worth), found \(Money.short(worth))", at: located.path)
            return nil
        }
        return worth
    }

    /// A KPI target: `min` and/or `max`, optionally `soft` with a penalty.
    func readTarget(_ located: Located) -> Target? {
        let example = "{\"min\": \"9M\"}"
        guard let fields = fields(of: located, what: "a target", allowed: Self.targetKeys, example: example) else { return nil }
        let minimum = fields["min"].flatMap(quantity)
        let maximum = fields["max"].flatMap(quantity)
        if !fields.has("min"), !fields.has("max") {
            error("a target needs min, max or both, such as {\"min\": \"9M\"}", at: located.path)
        }
        if let minimum, let maximum, minimum > maximum, let path = fields["min"]?.path {
            error("target min \(Money.short(minimum)) is above its max \(Money.short(maximum)); no total can meet both", at: path)
        }
        var penalty: Double?
        if let soft = fields["soft"],
            let softFields = self.fields(of: soft, what: "a soft target", allowed: ["penalty"], example: "{\"penalty\": 2}"),
            let value = required(softFields, "penalty", "give the cost of each unit short of (or over) the target, such as \"penalty\": 2")
        {
            penalty = quantity(value)
            if let given = penalty, given < 0 {
                error("penalty must be at least 0 (the cost of each unit missed), found \(Money.short(given))", at: value.path)
                penalty = nil
            }
        }
        return Target(min: minimum, max: maximum, softPenalty: penalty)
    }
}
