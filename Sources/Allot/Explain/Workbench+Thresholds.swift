import LinearSolver
import PlanFormat

extension Workbench {
    /// The price of a request's dollar just below `amount`, with the request fixed there: minus the
    /// left derivative of the rest of the plan's value (formulation.md, "Thresholds").
    ///
    /// Linear plans only. Returns nil when fixing the request there is infeasible.
    func leftPrice(request index: Int, at amount: Double) throws -> Double? {
        guard let (column, _) = marginalColumn(request: index, below: amount) else { return nil }
        return try solver.withChanges { changes -> Double? in
            try fix(request: index, at: amount, &changes)
            var solution = try resolve()
            guard solution.status == .optimal else { return nil }
            // The basis prices the left side only if the column's fixed value can fall a little
            // without a basis change; otherwise price the dollar from just below. So too when
            // the column stayed basic at its fixed value (fixing a basic column needs no pivot):
            // its duals then price the column's neighbours, not its own left side.
            let value = try solution.value(of: column)
            let basic = (try? solution.basisStatus(of: column)) == .basic
            // A program without rows has no basis to range: the price below is the same.
            let range = basic ? nil : (try? solver.boundRanges(of: column))?.lowerBound
            if basic || range.map({ $0.lower.map { $0 >= value - 1e-9 * max(1, abs(value)) } ?? false }) == true {
                let step = min(max(amount * 1e-7, 0.01), value / 2)
                if step > 0 {
                    try fix(request: index, at: amount - step, &changes)
                    let below = try resolve()
                    if below.status == .optimal { solution = below }
                }
            }
            let duals = try solution.duals()
            return columnRows[column.index].reduce(0) { $0 + duals[$1.row] * $1.coefficient }
        }
    }

    /// The best value of the plan with a request fixed at an amount (nil if infeasible).
    func valueFixing(request index: Int, at amount: Double) throws -> Double? {
        try solver.withChanges { changes in
            try fix(request: index, at: amount, &changes)
            return value(try resolve())
        }
    }

    /// The amounts to compare with when re-solving an integer plan: whole units, all or
    /// nothing, or a few samples of a continuous range.
    func grid(request index: Int, from low: Double, to high: Double) -> [Double] {
        let request = formulation.allRequests[index]
        guard high > low + 0.005 else { return [] }
        if request.allOrNothing { return [low, high] }
        if let unit = request.unitCost {
            let first = (low / unit - 1e-9).rounded(.up), last = (high / unit + 1e-9).rounded(.down)
            guard last >= first else { return [] }
            return stride(from: first, through: last, by: 1).map { $0 * unit }
        }
        // A few samples across the range, and two just below its top: with continuous spend the
        // steepest comparison is usually the nearest one (the left slope at the top).
        let samples = 6
        let span = high - low
        return ((0...samples).map { low + span * Double($0) / Double(samples) } + [high - span * 1e-2, high - span * 1e-4])
            .sorted()
    }

    /// Thresholds of an integer plan by re-solving over the request's possible amounts.
    ///
    /// Shifting every slice value of the request by delta adds delta x amount to the value of
    /// fixing it at that amount; full funding needs the full amount to win against every smaller
    /// one, staying funded needs the current amount to win against every smaller one.
    func integerThresholds(request index: Int) throws -> (fullFunding: Double??, keepsFunding: Double?) {
        let request = formulation.allRequests[index]
        let model = formulation.requests[index]
        let current = allocation.requests[index].allocated
        let asked = request.amount
        var fullFunding: Double?? = nil
        if current < asked - 0.005 {
            if asked > model.attainableMax + 0.005 {
                fullFunding = .some(nil)
            } else if let full = try valueFixing(request: index, at: asked) {
                var needed = -Double.infinity
                // The whole range, and more closely between the current amount and the ask.
                var amounts = grid(request: index, from: model.attainableMin, to: asked)
                if request.unitCost == nil, !request.allOrNothing, current > model.attainableMin + 0.005 {
                    amounts += [current] + grid(request: index, from: current, to: asked)
                }
                let sorted = Set(amounts).sorted().filter { $0 < asked - 0.005 }
                var ratios: [Double] = []
                for amount in sorted {
                    let ratio = try valueFixing(request: index, at: amount).map { ($0 - full) / (asked - amount) } ?? -.infinity
                    ratios.append(ratio)
                    needed = max(needed, ratio)
                }
                // Continuous spend: search between the best sample's neighbours for a higher ratio
                // (whole-unit choices elsewhere make the curve bumpy, so samples alone can miss it).
                if request.unitCost == nil, !request.allOrNothing, let best = ratios.indices.max(by: { ratios[$0] < ratios[$1] }) {
                    var low = sorted[max(best - 1, 0)], high = best + 1 < sorted.count ? sorted[best + 1] : asked
                    let ratio: (Double) throws -> Double = { amount in
                        try self.valueFixing(request: index, at: amount).map { ($0 - full) / (asked - amount) } ?? -.infinity
                    }
                    for _ in 0..<10 where high - low > max(1, asked * 1e-6) {
                        let left = low + (high - low) / 3, right = high - (high - low) / 3
                        let (a, b) = (try ratio(left), try ratio(right))
                        needed = max(needed, a, b)
                        if a < b { low = left } else { high = right }
                    }
                }
                let last = lastDollarValue(index, below: asked)
                fullFunding = .some(needed.isFinite ? last + needed : last)
            } else {
                fullFunding = .some(nil)
            }
        }
        var keeps: Double? = nil
        if current > model.attainableMin + 0.005, let here = value(base) {
            var slack = Double.infinity
            for amount in grid(request: index, from: model.attainableMin, to: current) where amount < current - 0.005 {
                guard let other = try valueFixing(request: index, at: amount) else { continue }
                slack = min(slack, (here - other) / (current - amount))
            }
            if slack.isFinite { keeps = lastDollarValue(index, below: current) - slack }
        }
        return (fullFunding, keeps)
    }

    /// Each whole unit's threshold for a unit-cost request (up to 40 units in its range): the
    /// plan's best value with the request fixed at each count of units, T(k), and the upper
    /// concave envelope of those points; units under one piece of it come together, and each
    /// must return (F(a) − F(b)) / ((b − a) × unit cost) per dollar, F being T less the
    /// request's own value (formulation.md, "Thresholds, exactly").
    func unitThresholds(request index: Int) throws -> [Explanation.UnitThreshold] {
        let request = formulation.allRequests[index]
        let model = formulation.requests[index]
        guard let unit = request.unitCost, unit > 0, !request.allOrNothing else { return [] }
        let first = Int((model.attainableMin / unit).rounded()), last = Int((model.attainableMax / unit).rounded())
        guard last > first, last - first <= 40 else { return [] }
        let own = { (amount: Double) in
            zip(self.formulation.plan.kpis, self.formulation.impacts(ofRequest: index, at: amount)).reduce(0) { $0 + $1.0.worth * $1.1 }
        }
        var points: [(k: Int, total: Double, rest: Double)] = []
        for k in first...last {
            let amount = Double(k) * unit
            guard let total = try valueFixing(request: index, at: amount) else { continue }
            points.append((k, total, total - own(amount)))
        }
        guard points.count >= 2 else { return [] }
        // The upper concave envelope of (k, T(k)), left to right.
        var hull: [(k: Int, total: Double, rest: Double)] = []
        for point in points {
            while hull.count >= 2 {
                let (a, b) = (hull[hull.count - 2], hull[hull.count - 1])
                // b lies on or below the segment from a to the new point: drop it.
                let cross = (Double(b.k - a.k)) * (point.total - a.total) - (Double(point.k - a.k)) * (b.total - a.total)
                if cross >= -1e-9 * max(1, abs(a.total)) { hull.removeLast() } else { break }
            }
            hull.append(point)
        }
        var thresholds: [Explanation.UnitThreshold] = []
        for (a, b) in zip(hull, hull.dropFirst()) {
            let value = (a.rest - b.rest) / (Double(b.k - a.k) * unit)
            let together = Array((a.k + 1)...b.k).map { $0 }
            for k in together { thresholds.append(.init(unit: k, valuePerDollar: value, with: together)) }
        }
        return thresholds
    }

    /// The value per dollar of a request's dollar just below an amount (its average for
    /// all-or-nothing requests).
    func lastDollarValue(_ index: Int, below amount: Double) -> Double {
        let request = formulation.allRequests[index]
        if request.allOrNothing {
            let impacts = formulation.impacts(ofRequest: index, at: request.amount)
            return zip(formulation.plan.kpis, impacts).reduce(0) { $0 + $1.0.worth * $1.1 } / request.amount
        }
        let model = formulation.requests[index]
        return (model.segments.last { $0.start < amount - 1e-9 } ?? model.segments.first)?.valuePerDollar ?? 0
    }

    /// The rule that keeps a request from its full amount whatever its value: freeing it alone
    /// makes the request's full amount feasible.
    func blockingRule(request index: Int, at amount: Double) throws -> PlanReference? {
        try solver.withChanges { changes in
            try fix(request: index, at: amount, &changes)
            var candidates: [PlanReference] = []
            var rowsByRule: [PlanReference: [Int]] = [:]
            for column in formulation.requests[index].allocation.map(\.variable) {
                for entry in columnRows[column.index] {
                    guard let ref = ruleRef(of: formulation.rowRoles[entry.row]) else { continue }
                    if rowsByRule[ref] == nil { candidates.append(ref) }
                    rowsByRule[ref, default: []].append(entry.row)
                }
            }
            for ref in candidates {
                let feasible = try withRowsFreed(rowsByRule[ref]!) { try resolve().status.hasFeasibleSolution }
                if feasible { return ref }
            }
            return nil
        }
    }

    /// The plan element a row enforces (see ``Formulation/ruleRef(of:)``).
    func ruleRef(of role: Formulation.RowRole) -> PlanReference? { formulation.ruleRef(of: role) }
}

extension Workbench {
    /// How far a rule's upper limits (its rows' right-hand sides, in row units) must rise for a
    /// request to be fully funded, all else equal; nil if even `span` more is not enough.
    func limitIncreaseForFullFunding(request index: Int, rows: [Int], span: Double, steps: Int = 30) throws -> Double? {
        let asked = formulation.allRequests[index].amount
        func isFull(_ extra: Double) throws -> Bool {
            try solver.withChanges { changes in
                for row in rows {
                    let bounds = formulation.program.constraints[row]
                    try changes.setBounds(
                        of: LinearProgram.ConstraintID(row), lower: bounds.lowerBound, upper: bounds.upperBound.map { $0 + extra })
                }
                let solution = try resolve()
                guard let values = solution.values else { return false }
                let amount = formulation.requests[index].allocation.reduce(0) { $0 + $1.coefficient * values[$1.variable.index] }
                return amount >= asked - 0.01
            }
        }
        guard try isFull(span) else { return nil }
        var low = 0.0, high = span
        let unitStep = rows.contains { row in
            if case .rule(let c, _) = formulation.rowRoles[row], case .headcount = formulation.plan.constraints[c].kind { return true }
            return false
        }
        for _ in 0..<steps where high - low > (unitStep ? 0.5 : max(1, high * 1e-6)) {
            let middle = (low + high) / 2
            if try isFull(middle) { high = middle } else { low = middle }
        }
        return unitStep ? high.rounded(.up) : high
    }
}
