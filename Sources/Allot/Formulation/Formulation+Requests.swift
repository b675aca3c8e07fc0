import LinearSolver
import PlanFormat

extension Formulation {
    /// Spend slices of one request before they become columns.
    private struct Slices: Sendable {
        var segments: [RequestModel.Segment]
        var attainableMin: Double
        var attainableMax: Double
        /// The least non-zero allocation (minimum if funded), rounded to whole units; 0 for none.
        var fundedMinimum: Double
    }

    /// Creates the columns of every request and records its allocation, units and KPI terms.
    mutating func buildRequests(names: inout NameTable, halvesFrom: Int) {
        let kpis = plan.kpis
        // Worked out from locals, so that no step copies the formulation being built.
        let (requestList, impactCurves) = (allRequests, self.impactCurves)
        var slices = BackgroundWork.map(requestList.indices, inHalvesFrom: halvesFrom) { index in
            Self.slices(bounds: Self.attainableBounds(requestList[index]), impacts: impactCurves[index], kpis: kpis)
        }
        // Tie-breaks far below any real difference in value: among allocations of equal value,
        // prefer less spend, then requests earlier in the file (formulation.md, "Ties"). Each
        // slice's value is shaded by 1e-8 of itself, and every dollar costs a hair besides
        // (1e-9 of the smallest non-zero value per dollar), so that worthless spend stays unfunded.
        let smallest = slices.flatMap(\.segments).map { abs($0.valuePerDollar) }.filter { $0 > 0 }.min() ?? 1
        let hair = min(smallest, 1) * 1e-9
        let count = Double(max(allRequests.count, 1))
        kpiTerms = Array(repeating: [], count: kpis.count)

        for index in requestList.indices {
            let impacts = impactCurves[index]
            var slice = slices[index]
            // The model takes the slices' array: held once, changed in place.
            slices[index].segments = []
            let rank = 1 + Double(index) / count
            /// The objective coefficient of a dollar worth `value`: shaded for ties.
            func shaded(_ value: Double) -> Double { value * (1 - 1e-8 * rank) - hair * rank }
            var model = RequestModel(index: index)
            model.attainableMin = slice.attainableMin
            model.attainableMax = slice.attainableMax
            let committed = isElastic ? 0 : slice.attainableMin

            let (id, unit) = (requestList[index].id, requestList[index].unitCost)
            if impacts.allOrNothing {
                let amount = impacts.amount
                let funded = program.addVariable(
                    name: names.make("y", id), lowerBound: committed > 0 ? 1 : 0, upperBound: 1, kind: .integer)
                var value = 0.0
                for (k, curve) in impacts.curves {
                    let gain = impacts.confidence * curve.value(at: amount)
                    if gain != 0 { kpiTerms[k].append(.init(funded, gain)) }
                    value += kpis[k].worth * gain
                }
                program.setObjective(of: funded, to: shaded(value / amount) * amount)
                model.allocation = [.init(funded, amount)]
                if let unit { model.units = [.init(funded, amount / unit)] }
                model.fundedColumn = funded
                model.integerReasons.append(.allOrNothing(request: id))
                requests.append(model)
                continue
            }

            let ordered = Self.fillsInOrder(slice.segments, kpis: kpis)
            if slice.segments.count == 1 {
                var segment = slice.segments[0]
                if let unit {
                    let units = program.addVariable(
                        name: names.make("n", id), lowerBound: (committed / unit).rounded(),
                        upperBound: (slice.attainableMax / unit).rounded(), kind: .integer,
                        objective: shaded(segment.valuePerDollar) * unit)
                    model.allocation = [.init(units, unit)]
                    model.units = [.init(units, 1)]
                    model.unitsColumn = units
                    for (k, slope) in segment.slopes.enumerated() where slope != 0 {
                        kpiTerms[k].append(.init(units, slope * unit))
                    }
                    model.integerReasons.append(.wholeUnits(request: id, unitCost: unit))
                } else {
                    let column = program.addVariable(
                        name: names.make("a", id), lowerBound: committed, upperBound: slice.attainableMax,
                        objective: shaded(segment.valuePerDollar))
                    segment.column = column
                    model.allocation = [.init(column, 1)]
                    for (k, slope) in segment.slopes.enumerated() where slope != 0 {
                        kpiTerms[k].append(.init(column, slope))
                    }
                }
                slice.segments[0] = segment
                model.segments = slice.segments
            } else {
                // The slices' own array becomes the model's, each given its column in place.
                model.segments = slice.segments
                slice.segments = []
                model.allocation.reserveCapacity(model.segments.count)
                for s in model.segments.indices {
                    let segment = model.segments[s]
                    // Committed spend fills the first slices: lower bounds, not rows.
                    let lower = min(max(committed - segment.start, 0), segment.width)
                    let column = program.addVariable(
                        name: names.make("x", id, "_\(s + 1)"), lowerBound: lower, upperBound: segment.width,
                        objective: shaded(segment.valuePerDollar))
                    model.segments[s].column = column
                    for (k, slope) in segment.slopes.enumerated() where slope != 0 {
                        kpiTerms[k].append(.init(column, slope))
                    }
                    model.allocation.append(.init(column, 1))
                }
                if let unit {
                    let units = program.addVariable(
                        name: names.make("n", id), lowerBound: (committed / unit).rounded(),
                        upperBound: (slice.attainableMax / unit).rounded(), kind: .integer)
                    model.units = [.init(units, 1)]
                    model.unitsColumn = units
                    addStructureRow(
                        names.make("units", id), model.allocation.map { ($0.variable, 1) } + [(units, -unit)],
                        lower: 0, upper: 0, request: index)
                    model.integerReasons.append(.wholeUnits(request: id, unitCost: unit))
                }
                if !ordered {
                    // Slice s may be used only once slice s-1 is full.
                    for s in 1..<model.segments.count {
                        let previous = model.segments[s - 1]
                        let current = model.segments[s]
                        let open = program.addVariable(name: names.make("z", id, "_\(s + 1)"), kind: .binary)
                        addStructureRow(
                            names.make("order", id, "_\(s + 1)_use"), [(current.column!, 1), (open, -current.width)],
                            lower: nil, upper: 0, request: index)
                        addStructureRow(
                            names.make("order", id, "_\(s + 1)_fill"), [(previous.column!, 1), (open, -previous.width)],
                            lower: 0, upper: nil, request: index)
                    }
                    model.integerReasons.append(.slicesInOrder(request: id))
                }
            }

            if slice.fundedMinimum > 0, committed == 0 {
                let funded = program.addVariable(name: names.make("y", id), kind: .binary)
                let terms = model.allocation.map { ($0.variable, $0.coefficient) }
                addStructureRow(
                    names.make("minfund", id), terms + [(funded, -slice.fundedMinimum)],
                    lower: 0, upper: nil, request: index)
                addStructureRow(
                    names.make("maxfund", id), terms + [(funded, -slice.attainableMax)],
                    lower: nil, upper: 0, request: index)
                model.fundedColumn = funded
                model.integerReasons.append(.zeroOrAtLeast(request: id, minimum: slice.fundedMinimum))
            }
            if committed > 0 { model.committedBounds = model.allocation.map { ($0.variable, committed) } }
            requests.append(model)
        }
        integerReasons = requests.flatMap(\.integerReasons)
    }

    mutating func addStructureRow(
        _ name: String, _ terms: [(LinearProgram.VariableID, Double)], lower: Double?, upper: Double?, request: Int
    ) {
        program.addConstraint(name: name, terms: terms, lowerBound: lower, upperBound: upper)
        rowRoles.append(.structure(request))
    }

    /// The spend slices of a request within its attainable bounds: the union of its curves'
    /// breakpoints up to its attainable max.
    private static func slices(
        bounds: (min: Double, max: Double, fundedMinimum: Double), impacts: RequestImpacts, kpis: [KPI]
    ) -> Slices {
        let (attainableMin, attainableMax, fundedMinimum) = bounds
        let curves = impacts.curves
        var cuts: [Double] = []
        cuts.reserveCapacity(curves.reduce(0) { $0 + $1.curve.points.count })
        for (_, curve) in curves {
            for point in curve.points where point.spend > 0 && point.spend < attainableMax { cuts.append(point.spend) }
        }
        var segments: [RequestModel.Segment] = []
        /// Appends the slice from `start` to `end`, where no curve bends.
        func addSlice(from start: Double, to end: Double) {
            var slopes = [Double](repeating: 0, count: kpis.count)
            var value = 0.0
            for (k, curve) in curves {
                slopes[k] = impacts.confidence * curve.slope(from: start, to: end)
                value += kpis[k].worth * slopes[k]
            }
            segments.append(.init(start: start, end: end, valuePerDollar: value, slopes: slopes, column: nil))
        }
        if cuts.isEmpty {
            // One straight slice (most requests): the general case below, without its lists.
            if attainableMax > 1e-9 * max(1, attainableMax) {
                segments.reserveCapacity(1)
                addSlice(from: 0, to: attainableMax)
            }
        } else {
            if cuts.count > 1 { cuts.sort() }
            // Breakpoints closer than a billionth (relative) make no slice of their own; a
            // breakpoint given twice is no further than that from itself. The slices end at
            // the breakpoints kept and at the attainable max (in place of the last breakpoint
            // kept when the max is no further than that from it).
            cuts.append(attainableMax)
            var kept = 0
            for i in cuts.indices {
                // Kept breakpoints move down in place: `kept` never passes `i`.
                let cut = cuts[i]
                guard cut > (kept > 0 ? cuts[kept - 1] : 0) + 1e-9 * max(1, cut) else { continue }
                cuts[kept] = cut
                kept += 1
            }
            if kept > 0, cuts[kept - 1] < attainableMax { cuts[kept - 1] = attainableMax }
            segments.reserveCapacity(kept)
            var start = 0.0
            for end in cuts[..<kept] where end > start {
                addSlice(from: start, to: end)
                start = end
            }
        }
        if segments.isEmpty {
            segments = [.init(start: 0, end: 0, valuePerDollar: 0, slopes: Array(repeating: 0, count: kpis.count), column: nil)]
        }
        return Slices(segments: segments, attainableMin: attainableMin, attainableMax: attainableMax, fundedMinimum: fundedMinimum)
    }

    /// Whether some curve of a request changes slope strictly between 0 and `limit`: without
    /// one, ``slices(bounds:impacts:kpis:)`` makes exactly one slice.
    @inline(__always)
    private func hasBreakpoints(_ request: Request, below limit: Double) -> Bool {
        for (kpi, impact) in request.impact {
            guard case .curve(let points) = impact, points.contains(where: { $0.spend > 0 && $0.spend < limit }) else { continue }
            if kpiIndex[kpi] != nil { return true }
        }
        return false
    }

    /// The least and most a request can take, rounded to whole units, and the least non-zero
    /// allocation (minimum if funded) when it is not committed anyway; 0 for none.
    @inline(__always)
    private static func attainableBounds(_ request: Request) -> (min: Double, max: Double, fundedMinimum: Double) {
        var attainableMin = request.min
        var attainableMax = request.max
        var fundedMinimum = 0.0
        if request.allOrNothing {
            attainableMax = request.amount
            attainableMin = request.min > 0 ? request.amount : 0
        } else if let unit = request.unitCost {
            attainableMin = (request.min / unit - 1e-9).rounded(.up) * unit
            attainableMax = (request.max / unit + 1e-9).rounded(.down) * unit
        }
        if let floor = request.minIfFunded, !request.allOrNothing {
            let rounded = request.unitCost.map { (floor / $0 - 1e-9).rounded(.up) * $0 } ?? floor
            if attainableMin > 0 {
                attainableMin = max(attainableMin, min(rounded, attainableMax))
            } else {
                fundedMinimum = min(rounded, attainableMax)
            }
        }
        return (attainableMin, attainableMax, fundedMinimum)
    }

    /// Whether a linear program fills a request's slices in order by itself (formulation.md):
    /// value per dollar non-increasing, slopes of KPIs with a min target non-increasing, slopes of
    /// KPIs with a max target non-decreasing.
    private static func fillsInOrder(_ segments: [RequestModel.Segment], kpis: [KPI]) -> Bool {
        guard segments.count > 1 else { return true }
        for s in 1..<segments.count {
            let before = segments[s - 1], after = segments[s]
            let tolerance = 1e-12 * max(1, abs(before.valuePerDollar), abs(after.valuePerDollar))
            if after.valuePerDollar > before.valuePerDollar + tolerance { return false }
            for (k, kpi) in kpis.enumerated() {
                guard let target = kpi.target else { continue }
                let slopeTolerance = 1e-12 * max(1, abs(before.slopes[k]), abs(after.slopes[k]))
                if target.min != nil, after.slopes[k] > before.slopes[k] + slopeTolerance { return false }
                if target.max != nil, after.slopes[k] < before.slopes[k] - slopeTolerance { return false }
            }
        }
        return true
    }
}

extension Formulation {
    /// A formulation of a plan that builds no program: the plan's indices, and each request's
    /// attainable bounds once ``countProgram()`` has run. For counting rows and columns only.
    private init(counting plan: Plan) {
        self.plan = plan
        self.isElastic = false
        let requests = RequestList(plan.teams)
        self.allRequests = requests
        self.kpiIndex = Dictionary(plan.kpis.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        self.requestIndex = Self.requestIndex(requests, plan: plan)
        self.impactCurves = []
        self.program = LinearProgram(sense: .maximize)
    }

    /// The number of columns and rows of a plan's program, and whether it has integer columns:
    /// what `Formulation(plan).program` holds, counted as ``buildRequests(names:halvesFrom:)`` and
    /// ``buildRows(names:)`` add them, without building names, terms or bounds.
    ///
    /// - Parameter keep: takes what the count was worked out from instead of freeing it (a
    ///   process about to exit returns it at once; see `ProcessExit`).
    static func size(of plan: Plan, keep: (Any) -> Void = { _ in }) -> ProgramSize {
        var formulation = Formulation(counting: plan)
        let size = formulation.countProgram()
        keep(formulation)
        return size
    }

    private mutating func countProgram() -> ProgramSize {
        var columns = 0, rows = 0, integer = false
        requests.reserveCapacity(allRequests.count)
        for index in allRequests.indices {
            let request = allRequests[index]
            let bounds = Self.attainableBounds(request)
            let (committed, attainableMax, fundedMinimum) = bounds
            var model = RequestModel(index: index)
            model.attainableMin = committed
            model.attainableMax = attainableMax
            requests.append(model)
            if request.allOrNothing {
                columns += 1
                integer = true
                continue
            }
            let isUnits = request.unitCost != nil
            // One slice unless some curve bends below the attainable max: then as many as
            // `slices(bounds:impacts:kpis:)` makes.
            var count = 1
            var ordered = true
            if hasBreakpoints(request, below: attainableMax) {
                let segments = Self.slices(bounds: bounds, impacts: Self.impacts(of: request, kpiIndex: kpiIndex), kpis: plan.kpis).segments
                count = segments.count
                ordered = Self.fillsInOrder(segments, kpis: plan.kpis)
            }
            if count == 1 {
                columns += 1
                if isUnits { integer = true }
            } else {
                columns += count
                if isUnits {
                    columns += 1
                    rows += 1
                    integer = true
                }
                if !ordered {
                    columns += count - 1
                    rows += 2 * (count - 1)
                    integer = true
                }
            }
            if fundedMinimum > 0, committed == 0 {
                columns += 1
                rows += 2
                integer = true
            }
        }

        if plan.budget.total != nil { rows += 1 }
        for period in plan.periods where plan.budget.periods[period] != nil { rows += 1 }
        if plan.objective == .minimizeSpend { rows += 1 }
        if needsTotalSpend {
            columns += 1
            rows += 1
        }
        for (group, uses) in groupUses(plan.constraints.map { select($0.scope) })
        where Self.isWorthASpendColumn(members: group.count, rows: uses) {
            columns += 1
            rows += 1
        }
        for constraint in plan.constraints {
            switch constraint.kind {
            case .cap, .floor:
                rows += 1
            case .share(let min, let max), .ratio(_, let min, let max):
                rows += (min == nil ? 0 : 1) + (max == nil ? 0 : 1)
            case .headcount:
                // A row only when some request in scope is funded in whole units.
                if select(constraint.scope).contains(where: { allRequests[$0].unitCost != nil }) { rows += 1 }
            case .fairness(let fairness):
                let members = select(constraint.scope)
                let asks = members.reduce(0) { $0 + allRequests[$1].amount }
                for (team, mine) in membersByTeam(members)
                where fairnessFloor(effectiveFraction(fairness, team: team.id, members: members, asks: asks), mine) > 0 {
                    rows += 1
                }
            }
        }
        for kpi in plan.kpis {
            guard let target = kpi.target else { continue }
            for bound in [target.min, target.max] where bound != nil {
                rows += 1
                if target.softPenalty != nil { columns += 1 }
            }
        }
        for index in allRequests.indices where !allRequests[index].requires.isEmpty {
            for required in allRequests[index].requires {
                guard let q = requestIndex[required], q != index else { continue }
                if requests[index].attainableMax > 0, requests[q].attainableMax > 0 { rows += 1 }
            }
        }
        return ProgramSize(columns: columns, rows: rows, isInteger: integer)
    }
}

/// The size of a plan's program: what `allot check` reports.
package struct ProgramSize: Sendable, Equatable {
    /// Columns (variables) and rows (constraints).
    package let columns: Int
    package let rows: Int
    /// Whether some column is integer or binary.
    package let isInteger: Bool
}
