import LinearSolver
import PlanFormat

/// Causes, checked (formulation.md): a reason names a rule as the cause of a request's amount
/// only when removing it moves the request by at least what the reports show, in the stated
/// direction. Candidates are every rule tight at the proposal that touches the request, not only
/// those with a price; rules that hold it only together are found together.
extension Workbench {
    /// Every column of a request: its slices, its whole units, its funded switch.
    func columns(ofRequest index: Int) -> Set<Int> {
        let model = formulation.requests[index]
        var columns = Set(model.allocation.map(\.variable.index))
        for segment in model.segments { if let column = segment.column { columns.insert(column.index) } }
        if let units = model.unitsColumn { columns.insert(units.index) }
        if let funded = model.fundedColumn { columns.insert(funded.index) }
        return columns
    }

    /// The rules (and targets, and dependencies) tight at the proposal whose rows touch a
    /// request, with their rows, in the plan's order. Budgets are not rules: they are the
    /// question, not a cause.
    func tightRules(touching index: Int) -> [(ref: PlanReference, rows: [Int])] {
        guard let activities = base.activities, let values = base.values else { return [] }
        var rows: [PlanReference: Set<Int>] = [:]
        for column in columns(ofRequest: index) {
            for entry in columnRows[column] {
                guard let ref = formulation.ruleRef(of: formulation.rowRoles[entry.row]), !ref.isBudget else { continue }
                guard formulation.isAtBound(entry.row, activities: activities, values: values) else { continue }
                rows[ref, default: []].insert(entry.row)
            }
        }
        return formulation.orderedReferences(Set(rows.keys)).map { ($0, rows[$0]!.sorted()) }
    }

    /// The least and the most a request gets with `rows` freed (and its own return zeroed, when
    /// asked): over every optimal allocation of that program for a linear plan; the re-solve's
    /// own for an integer plan (least = most). Nil when the re-solve did not finish.
    func allocationRange(request index: Int, freeing rows: [Int], zeroReturn: Bool) throws -> (least: Double, most: Double)? {
        try solver.withChanges { changes in
            for row in rows { try changes.setBounds(of: LinearProgram.ConstraintID(row), lower: nil, upper: nil) }
            if zeroReturn {
                for column in columns(ofRequest: index) {
                    try changes.setObjective(of: LinearProgram.VariableID(column), to: 0)
                }
            }
            let solution = try resolve()
            guard solution.status.hasFeasibleSolution, let values = solution.values else { return nil }
            let terms = formulation.requests[index].allocation
            let amount = terms.reduce(0) { $0 + $1.coefficient * values[$1.variable.index] }
            guard !isInteger, solution.status == .optimal else { return (amount, amount) }
            var options = settings
            options.deadline = deadline
            return try solver.range(of: terms, over: solution, tolerance: Formulation.tieTolerance, options: options)
        }
    }

    /// The causes that hold a request where it is, checked by re-solving without them.
    ///
    /// - Parameters:
    ///   - effect: `holdsDown` looks for rules without which the request would get more;
    ///     `holdsUp`, for rules without which it would get less.
    ///   - zeroReturn: check with the request returning nothing (what keeps it funded even so).
    /// - Returns: the causes, single ones first, else one set that holds it only together; empty
    ///   when removing the tight rules moves nothing. Throws ``OutOfTime`` past the deadline.
    func checkedCauses(request index: Int, effect: Explanation.Cause.Effect, zeroReturn: Bool) throws -> [Explanation.Cause] {
        let amount = allocation.requests[index].allocated
        // What the reports show: three significant figures; never a move of less than a dollar.
        let tolerance = max(1, 0.005 * amount)
        let candidates = tightRules(touching: index)
        guard !candidates.isEmpty else { return [] }
        func moves(_ range: (least: Double, most: Double)) -> Explanation.Cause.Certainty? {
            switch effect {
            case .holdsDown:
                if range.least > amount + tolerance { return isInteger ? .could : .would }
                return range.most > amount + tolerance ? .could : nil
            case .holdsUp:
                if range.most < amount - tolerance { return isInteger ? .could : .would }
                return range.least < amount - tolerance ? .could : nil
            }
        }
        func check(_ set: [(ref: PlanReference, rows: [Int])]) throws -> (Explanation.Cause.Certainty, Double)? {
            guard let range = try allocationRange(request: index, freeing: set.flatMap(\.rows), zeroReturn: zeroReturn),
                  let certainty = moves(range)
            else { return nil }
            return (certainty, effect == .holdsDown ? range.least : range.most)
        }
        var causes: [Explanation.Cause] = []
        for candidate in candidates {
            guard let (certainty, without) = try check([candidate]) else { continue }
            causes.append(.init(ref: candidate.ref, effect: effect, certainty: certainty, together: [], without: without))
        }
        if !causes.isEmpty || candidates.count < 2 { return causes }
        // No single rule moves it: together, then the least set that still does.
        guard try check(candidates) != nil else { return [] }
        var set = candidates
        for candidate in candidates where set.count > 1 {
            let rest = set.filter { $0.ref != candidate.ref }
            if try check(rest) != nil { set = rest }
        }
        guard let (certainty, without) = try check(set) else { return [] }
        let refs = set.map(\.ref)
        return set.map { member in
            .init(ref: member.ref, effect: effect, certainty: certainty, together: refs.filter { $0 != member.ref }, without: without)
        }
    }
}
