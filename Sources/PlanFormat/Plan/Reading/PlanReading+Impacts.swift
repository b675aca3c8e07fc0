extension PlanReading {
    static let impactKeys: KeyList = ["perDollar", "total", "curve"]
    static let impactExpectation =
        "an impact: KPI units per dollar such as 2.2, or an object such as {\"perDollar\": 2.2}, {\"total\": \"1.5M\"} or {\"curve\": [[\"200k\", 1.5]]}"

    /// A request's `impact`: an Impact by KPI id.
    ///
    /// - Parameter max: the request's max, where curves are cut.
    func readImpacts(_ located: Located, max: Double) -> [String: Impact]? {
        guard let entries = entries(located, "an object of impacts by KPI id, such as {\"arr\": {\"perDollar\": 2.2}}") else {
            return nil
        }
        var impacts = [String: Impact](minimumCapacity: entries.count)
        for entry in entries {
            let known = checkReference(entry.key, to: .kpis, at: entry.value.path, position: entry.keyPosition)
            if let impact = readImpact(entry.value, max: max), known { impacts[entry.key] = impact }
        }
        return impacts
    }

    /// One Impact: a number (per dollar), or an object with exactly one of perDollar, total, curve.
    func readImpact(_ located: Located, max: Double) -> Impact? {
        switch located.node.value {
        case .number:
            return quantity(located).map(Impact.perDollar)
        case .object:
            guard let fields = fields(of: located, what: "an impact", allowed: Self.impactKeys) else { return nil }
            // The form given, by position in `impactKeys` (one is the rule; the list made only for a message).
            var form: (position: Int, value: Located)?
            var forms = 0
            for (position, key) in Self.impactKeys.names.enumerated() {
                guard let value = fields.value(key, at: position) else { continue }
                forms += 1
                if form == nil { form = (position, value) }
            }
            guard let form else {
                error("an impact needs one of perDollar, total or curve, such as {\"perDollar\": 2.2}", at: located.path)
                return nil
            }
            if forms > 1 {
                let given = Self.impactKeys.names.filter(fields.has)
                error("an impact takes one of perDollar, total or curve, not \(given.joined(separator: " and ")); keep one", at: located.path)
                return nil
            }
            switch form.position {
            case 0: return quantity(form.value).map(Impact.perDollar)
            case 1: return quantity(form.value).map(Impact.total)
            default: return readCurve(form.value, max: max).map(Impact.curve)
            }
        default:
            error("expected \(Self.impactExpectation), found \(located.node.kindDescription)", at: located.path)
            return nil
        }
    }

    /// A curve: `[[spend, impact], ...]` with spend above 0 and strictly increasing.
    func readCurve(_ located: Located, max: Double) -> [CurvePoint]? {
        guard tape.kind(located.index) == .array else {
            _ = array(located, "an array of [spend, impact] points such as [[\"200k\", 1.5], [\"400k\", 2.2]]")
            return nil
        }
        if tape.count(located.index) == 0 {
            error("a curve needs at least one [spend, impact] point, such as [[\"200k\", 1.5]]", at: located.path)
            return nil
        }
        var points: [CurvePoint] = []
        points.reserveCapacity(tape.count(located.index))
        var complete = true
        for itemIndex in tape.items(of: located.index) {
            let item = Located(tape: tape, index: itemIndex)
            guard tape.kind(item.index) == .array, tape.count(item.index) == 2 else {
                error("expected a [spend, impact] point such as [\"200k\", 1.5], found \(item.node.kindDescription)", at: item.path)
                complete = false
                continue
            }
            let spendAt = Located(tape: tape, index: item.index + 1)
            let spend = money(spendAt)
            let impact = quantity(Located(tape: tape, index: tape.next(item.index + 1)))
            if spend == 0 {
                error("curve spend must be above 0: the curve starts at an implicit [0, 0]", at: spendAt.path)
                complete = false
            } else if let spend, let impact {
                if let previous = points.last, complete, spend <= previous.spend {
                    error(
                        "curve spend must increase strictly: point \(points.count + 1) (\(Money.short(spend))) is not above point \(points.count) (\(Money.short(previous.spend)))",
                        at: spendAt.path)
                }
                points.append(CurvePoint(spend: spend, impact: impact))
            } else {
                complete = false
            }
        }
        if complete, max > 0, let beyond = points.firstIndex(where: { $0.spend > max * (1 + 1e-12) }) {
            warning(
                "the curve runs past max \(Money.short(max)): its points from \(Money.short(points[beyond].spend)) on are cut, and the impact at max is the curve's value at \(Money.short(max))",
                at: Located(tape: tape, index: Array(tape.items(of: located.index))[beyond]).path)
        }
        return complete ? points : nil
    }
}
