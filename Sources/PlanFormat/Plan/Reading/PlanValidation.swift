/// Checks that span the whole plan: unique ids, `requires` references and cycles, the
/// objective's needs, and warnings about KPIs that cannot matter.
extension PlanReading {
    func validate(_ plan: Plan) {
        reportDuplicates(zip(plan.kpis.map(\.id), kpiPaths), kind: "KPI")
        reportDuplicates(zip(plan.teams.map(\.id), teamPaths), kind: "team")
        if catalog.added(.requests) == requestRecords.count {
            // Every request read is in the catalog, which saw the ids that repeat: only their
            // records can be duplicates (in a large plan, usually none).
            let repeated = Set(catalog.repeated(.requests))
            if !repeated.isEmpty {
                reportDuplicates(requestRecords.lazy.filter { repeated.contains($0.id) }.map { ($0.id, $0.at) }, kind: "request")
            }
        } else {
            reportDuplicates(requestRecords.map { ($0.id, $0.at) }, kind: "request")
        }
        reportDuplicates(zip(plan.constraints.map(\.id), constraintPaths), kind: "constraint")
        reportDuplicates(zip(plan.scenarios.map(\.id), scenarioPaths), kind: "scenario")
        checkRequires()
        if plan.objective == .minimizeSpend, !plan.kpis.contains(where: { $0.target != nil }), !catalog.incomplete.contains(.kpis) {
            error(
                "a minimize-spend plan needs at least one KPI target, such as \"target\": {\"min\": \"9M\"}: without one, spending nothing is best; add a target or use maximize-value",
                at: JSONPath.root.key("objective"))
        }
        for (constraint, located) in zip(plan.constraints, constraintPaths) {
            if case .fairness(let fairness) = constraint.kind, fairness.basis == .proRata, plan.budget.total == nil {
                error(
                    "minFractionOfProRata is a share of the total budget, and the plan has none; give budget.total, or use minFractionOfAsk",
                    at: located.path.key("minFractionOfProRata"))
            }
        }
        for (kpi, located) in zip(plan.kpis, kpiPaths) where kpi.worth == 0 && kpi.target == nil {
            warning("KPI \"\(kpi.id)\" is worth 0 and has no target: it cannot change the allocation; give it a worth or a target", at: located.path)
        }
    }

    /// Reports each id used again, naming the place that used it first.
    func reportDuplicates<S: Sequence>(_ entries: S, kind: String) where S.Element == (String, Located) {
        var first: [String: Located] = [:]
        first.reserveCapacity(entries.underestimatedCount)
        /// The value stored for a key, read through the subscript that stores a default (one
        /// hash of the id, not two).
        func stored(_ value: inout Located) -> Located { value }
        for (id, located) in entries {
            var isNew = false
            let earlierValue = stored(&first[id, default: { isNew = true; return located }()])
            if isNew { continue }
            let earlier = earlierValue.path
            let line = position(of: earlier).map { " (line \($0.line))" } ?? ""
            error("duplicate \(kind) id \"\(id)\": \(earlier)\(line) already has it; give each \(kind) its own id", at: located.path.key("id"))
        }
    }

    /// Every `requires` names a known request other than itself, and no chain comes back.
    func checkRequires() {
        var edges: [String: [(target: String, at: Located)]] = [:]
        for record in requestRecords {
            for (target, item) in record.requires {
                if target == record.id {
                    error("request \"\(target)\" requires itself; remove it from requires", at: item.path)
                } else if checkReference(target, to: .requests, at: item.path), edges[record.id]?.contains(where: { $0.target == target }) != true {
                    edges[record.id, default: []].append((target, item))
                }
            }
        }
        reportCycles(edges)
    }

    /// Finds the cycles of `requires` by a depth-first search with an explicit stack.
    func reportCycles(_ edges: [String: [(target: String, at: Located)]]) {
        enum Mark { case onPath, done }
        var marks: [String: Mark] = [:]
        // A request that requires nothing starts no cycle: only those with edges are searched from.
        for start in requestRecords.map(\.id) where edges[start] != nil && marks[start] == nil {
            var stack: [(id: String, next: Int)] = [(start, 0)]
            marks[start] = .onPath
            while let top = stack.last {
                let outgoing = edges[top.id] ?? []
                guard top.next < outgoing.count else {
                    marks[top.id] = .done
                    stack.removeLast()
                    continue
                }
                stack[stack.count - 1].next += 1
                let edge = outgoing[top.next]
                switch marks[edge.target] {
                case nil:
                    marks[edge.target] = .onPath
                    stack.append((edge.target, 0))
                case .onPath:
                    let from = stack.lastIndex { $0.id == edge.target } ?? 0
                    let cycle = stack[from...].map(\.id) + [edge.target]
                    error("circular requires: \(cycle.joined(separator: " → ")); remove one of these requirements", at: edge.at.path)
                case .done:
                    break
                }
            }
        }
    }
}
